"""Adoption as adoption platforms measure it: frequency, retention, depth, licences.

Small usage logs whose numbers are computed by hand in the comments, and the three samples'
stories (crm: 20% at week 8; construction: 30% against 92% after six months; wholesale: about
95% after two months).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import shadowing as sh
from shadowing.errors import InputError, ParameterError

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def usage_of(rows) -> pd.DataFrame:
    f = pd.DataFrame(rows, columns=["user", "timestamp", "system", "action"])
    f["timestamp"] = pd.to_datetime(f["timestamp"])
    return f


def weekdays(first: str, last: str) -> list[pd.Timestamp]:
    return [d for d in pd.date_range(first, last) if d.weekday() < 5]


# Window: Mon 2 March .. Sun 29 March 2026 (28 days, 20 working days, no holiday).
# ann: every working day (daily); bob: one day a week (weekly); cas: two days (monthly);
# eve: used the CRM on 15 January only (occasional: in the 90 days before the window);
# fay: never (inactive); dan: one day, but he left on 20 March (not on the roster on 29 March).
FREQ_USAGE = usage_of(
    [("ann", d + pd.Timedelta(hours=9), "CRM", "Quote") for d in weekdays("2026-03-02", "2026-03-27")]
    + [("bob", f"2026-03-{d:02d} 10:00", "CRM", "Quote") for d in (3, 10, 17, 24)]
    + [("cas", "2026-03-11 11:00", "CRM", "Login"), ("cas", "2026-03-12 11:00", "CRM", "Quote")]
    + [("dan", "2026-03-05 12:00", "CRM", "Login"), ("eve", "2026-01-15 09:00", "CRM", "Login"),
       ("eve", "2026-03-10 09:00", "ERP", "Order")])
FREQ_ROSTER = pd.DataFrame({
    "user": ["ann", "bob", "cas", "dan", "eve", "fay"],
    "team": ["Sales", "Sales", "Office", "Office", "Office", "Office"],
    "start_date": pd.to_datetime([None, None, "2026-03-09", None, None, None]),
    "leave_date": pd.to_datetime([None, None, None, "2026-03-20", None, None])})


def test_usage_frequency_by_hand():
    f = sh.usage_frequency(FREQ_USAGE, FREQ_ROSTER, at="2026-03-29", go_live="2026-03-02",
                           system="CRM").set_index("team")
    assert list(f.index) == ["Office", "Sales", "All"]
    buckets = ["roster", "daily", "weekly", "monthly", "occasional", "inactive"]
    assert f.loc["Sales", buckets].tolist() == [2, 1, 1, 0, 0, 0]
    assert f.loc["Office", buckets].tolist() == [3, 0, 0, 1, 1, 1]
    assert f.loc["All", buckets].tolist() == [5, 1, 1, 1, 1, 1]
    assert (f["working_days"] == 20).all()
    # daily users summed over the 20 working days: ann 20, bob 4, cas 2
    assert f.loc["All", "average_daily_users"] == pytest.approx(26 / 20)
    assert f.loc["All", "monthly_users"] == 3
    assert f.loc["All", "stickiness"] == pytest.approx(1.3 / 3)
    assert f.loc["Sales", "stickiness"] == pytest.approx((24 / 20) / 2)
    assert f.loc["Office", "stickiness"] == pytest.approx(0.1)
    assert f.loc["Office", "occasional_share"] == pytest.approx(1 / 3)
    people = f.attrs["people"].set_index("user")
    assert people.loc["ann", "active_days"] == 20 and people.loc["bob", "active_weeks"] == 4
    assert people.loc["dan", "employed"] == False  # noqa: E712
    assert f.attrs["window"] == (pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-29"))


def test_usage_frequency_errors():
    with pytest.raises(ParameterError, match="'window' parameter of usage_frequency must be a whole"):
        sh.usage_frequency(FREQ_USAGE, FREQ_ROSTER, window=10)
    with pytest.raises(ParameterError, match="'daily_share' parameter"):
        sh.usage_frequency(FREQ_USAGE, FREQ_ROSTER, daily_share=0)
    with pytest.raises(InputError, match="group called 'All'"):
        sh.usage_frequency(FREQ_USAGE, FREQ_ROSTER.assign(team="All"))


def test_licence_use_by_hand():
    one = sh.licence_use(FREQ_USAGE, licences=3, roster=FREQ_ROSTER, at="2026-03-29")
    # active in the 28 days: ann, bob, cas, dan (CRM) and eve (ERP)
    assert one.iloc[0].to_dict() == {"system": "all", "licences": 3, "active_users": 5,
                                     "used_share": pytest.approx(5 / 3), "unused": 0, "over": 2}
    per = sh.licence_use(FREQ_USAGE, licences={"CRM": 5, "ERP": 2}, at="2026-03-29").set_index("system")
    assert per.loc["CRM", ["active_users", "unused", "over"]].tolist() == [4, 1, 0]
    assert per.loc["ERP", "used_share"] == 0.5
    with pytest.raises(ParameterError, match="'licences' parameter of licence_use"):
        sh.licence_use(FREQ_USAGE, licences=-1)


# Retention: Sales went live Monday 2 March, Office Monday 9 March. Last event 25 March, so
# Sales has weeks 1-4 and Office weeks 1-3.
RET_USAGE = usage_of([("ann", "2026-03-02 09:00", "CRM", "x"), ("bob", "2026-03-04 09:00", "CRM", "x"),
                      ("ann", "2026-03-10 09:00", "CRM", "x"), ("cas", "2026-03-10 09:00", "CRM", "x"),
                      ("cas", "2026-03-17 09:00", "CRM", "x"), ("dan", "2026-03-20 09:00", "CRM", "x"),
                      ("ann", "2026-03-25 09:00", "CRM", "x")])
RET_ROSTER = pd.DataFrame({"user": ["ann", "bob", "cas", "dan"],
                           "team": ["Sales", "Sales", "Office", "Office"]})
GO = {"Sales": "2026-03-02", "Office": "2026-03-09"}


def test_retention_by_wave_by_hand():
    r = sh.retention(RET_USAGE, RET_ROSTER, go_live=GO)
    cols = ["week", "roster", "active", "started", "relapsed"]
    sales = r[r["wave"] == "2026-03-02"]
    assert sales[cols].values.tolist() == [[1, 2, 2, 2, 0], [2, 2, 1, 2, 1], [3, 2, 0, 2, 2],
                                           [4, 2, 1, 2, 1]]
    assert sales["retention"].tolist() == [1.0, 0.5, 0.0, 0.5]
    office = r[r["wave"] == "2026-03-09"]
    assert office[cols].values.tolist() == [[1, 2, 1, 1, 0], [2, 2, 2, 2, 0], [3, 2, 0, 2, 2]]
    assert office["share"].tolist() == [0.5, 1.0, 0.0]
    assert (office["groups"] == "Office").all() and not r["holiday"].any()
    assert office["week_end"].iloc[0] == pd.Timestamp("2026-03-15")
    first = r.attrs["first_use"].set_index("wave")
    assert first.loc["2026-03-02", ["people", "users", "never"]].tolist() == [2, 2, 0]
    assert first.loc["2026-03-02", "median_days_to_first_use"] == 1.0      # 0 and 2 days
    assert first.loc["2026-03-09", "median_days_to_first_use"] == 6.0      # 1 and 11 days
    assert first.loc["2026-03-09", "p90_days_to_first_use"] == 11.0
    # one wave when both go live on the same day; per group on request
    same = sh.retention(RET_USAGE, RET_ROSTER, go_live="2026-03-02")
    assert set(same["wave"]) == {"2026-03-02"} and same["groups"].iloc[0] == "Office, Sales"
    per_group = sh.retention(RET_USAGE, RET_ROSTER, go_live=GO, by="group")
    assert set(per_group["wave"]) == {"Sales", "Office"}


def test_a_collective_holiday_week_is_shown_and_not_relapse():
    # ann and bob use it every working day for five weeks, except in week 3 (nobody works)
    days = [d for d in weekdays("2026-03-02", "2026-04-03") if not (16 <= d.day <= 20 and d.month == 3)]
    usage = usage_of([(u, d + pd.Timedelta(hours=9), "CRM", "x") for d in days for u in ("ann", "bob")])
    roster = pd.DataFrame({"user": ["ann", "bob"], "team": ["Sales", "Sales"]})
    r = sh.retention(usage, roster, go_live="2026-03-02")
    assert r["holiday"].tolist() == [False, False, True, False, False]
    assert r["relapsed"].tolist() == [0, 0, 0, 0, 0]
    assert r["active"].tolist() == [2, 2, 0, 2, 2]
    f = sh.usage_frequency(usage, roster, at="2026-03-29", go_live="2026-03-02")
    assert f["working_days"].iloc[0] == 15            # 20 weekdays minus the holiday week
    assert f.set_index("team").loc["Sales", "daily"] == 2
    assert len(f.attrs["holidays"]) == 5


def test_retention_errors():
    with pytest.raises(ParameterError, match="'by' parameter of retention must be one of"):
        sh.retention(RET_USAGE, RET_ROSTER, by="team")
    with pytest.raises(ParameterError, match="'go_live' parameter of retention maps group 'Sale'"):
        sh.retention(RET_USAGE, RET_ROSTER, go_live={"Sale": "2026-03-02", "Office": "2026-03-09"})


def test_task_depth_by_hand():
    observations = pd.DataFrame({
        "person": ["P1", "P1", "P2"], "role": ["Sales"] * 3,
        "start": pd.to_datetime(["2026-03-10 09:00", "2026-03-10 10:00", "2026-03-10 09:00"]),
        "duration_min": [60.0, 30.0, 45.0], "activity": ["Write quote", "write quote", "Call"],
        "tool": ["CRM", "Excel", "phone"]})
    observations["end"] = observations["start"] + pd.to_timedelta(observations["duration_min"], unit="min")
    d = sh.task_depth(FREQ_USAGE, tasks={"Quotes": {"actions": ["quote"], "activities": ["Write quote"]},
                                          "Orders": {"actions": ["Order"]}},
                      observations=observations, official_systems="CRM").set_index("task")
    assert d.loc["Quotes", ["system_events", "system_users"]].tolist() == [25, 3]   # 20 + 4 + 1
    assert d.loc["Quotes", ["observed_steps", "off_system_steps"]].tolist() == [2, 1]
    assert d.loc["Quotes", "off_system_share"] == pytest.approx(30 / 90)
    assert d.loc["Orders", "system_events"] == 1 and d.loc["Orders", "observed_steps"] == 0
    with pytest.raises(ParameterError, match="'tasks' parameter of task_depth"):
        sh.task_depth(FREQ_USAGE, tasks={"Quotes": ["quote"]})
    with pytest.raises(ParameterError, match="'official_systems' parameter of task_depth"):
        sh.task_depth(FREQ_USAGE, tasks={"Quotes": {"actions": ["quote"]}}, observations=observations)


# -- the samples' stories ---------------------------------------------------------------------

def sample(name):
    folder = SAMPLES / name
    if not folder.is_dir():
        pytest.skip(f"sample {name} not present")
    sc = yaml.safe_load((folder / "scenario.yaml").read_text(encoding="utf-8"))
    truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
    return (sh.read_usage(folder / "usage.csv"), sh.read_roster(folder / "roster.csv"), sc, truth)


@pytest.mark.parametrize("name", ["crm", "construction", "wholesale"])
def test_sample_stories_reproduce_in_retention(name):
    usage, roster, sc, truth = sample(name)
    by = sc.get("group_by", "team")
    r = sh.retention(usage, roster, group=by, go_live=sc["go_live"], system=sc["system"])
    for t in truth["adoption"]:
        if t["group"] == "All" or name == "construction":
            rows = r if t["group"] == "All" else r[r["groups"] == t["group"]]
            row = rows[rows["week"] == t["weeks_after_go_live"]]
            assert len(row) == 1
            assert row["share"].iloc[0] == pytest.approx(t["share"], abs=t["tolerance"])


def test_crm_frequency_tells_the_20_percent_story():
    usage, roster, sc, _ = sample("crm")
    at = pd.Timestamp(sc["go_live"]) + pd.Timedelta(days=8 * 7 - 1)       # end of week 8
    f = sh.usage_frequency(usage, roster, at=at, system="CRM").set_index("team")
    regular = (f.loc["All", "daily"] + f.loc["All", "weekly"]) / f.loc["All", "roster"]
    assert regular == pytest.approx(0.2, abs=0.03)
    assert f.loc["All", "occasional"] > f.loc["All", "monthly_users"]   # most stopped


def test_construction_holiday_weeks_and_waves():
    usage, roster, sc, _ = sample("construction")
    r = sh.retention(usage, roster, group="firm", go_live=sc["go_live"], system="BouwPlan")
    hol = r[r["holiday"]]
    assert sorted(hol["week_end"].dt.strftime("%Y-%m-%d").unique()) == ["2025-12-28", "2026-01-04"]
    assert (hol["relapsed"] == 0).all()
    first = r.attrs["first_use"].set_index("wave")
    assert list(first.index) == ["2025-09-01", "2025-09-15"]
    assert first.loc["2025-09-15", "never"] < first.loc["2025-09-01", "never"]
