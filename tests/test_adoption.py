"""Usage logs, rosters and adoption curves, checked by hand on tiny inputs."""

from __future__ import annotations

import functools
import logging
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import shadowing as sh
from shadowing import i18n
from shadowing.errors import ColumnNotFoundError, InputError, ParameterError
from shadowing.io.scenario import read_scenario


SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Week 1 = Mon 2 Mar .. Sun 8 Mar 2026 (go-live Monday 2 March).
USAGE_CSV = """Gebruiker;Tijdstip;Systeem;Actie
ann;02/03/2026 09:00;CRM;login
 Bob ;03/03/2026 10:00;CRM;offerte maken
ann;09/03/2026 09:00;CRM;offerte maken
zed;04/03/2026 12:00;CRM;login
ANN;22/03/2026 08:00;CRM;login
cas;20/03/2026 16:00;ERP;login
"""

ROSTER_CSV = """Gebruiker,Naam,Afdeling,Bedrijf,Functie,In dienst,Uit dienst
ann,Ann,Verkoop,Firma A,verkoper,01/01/2020,
bob,Bob,Verkoop,Firma A,verkoper,,18/03/2026
cas,Cas,Binnendienst,Firma B,planner,11/03/2026,
"""


@pytest.fixture
def usage(tmp_path):
    return sh.read_usage(write(tmp_path, "usage.csv", USAGE_CSV))


@pytest.fixture
def roster(tmp_path):
    return sh.read_roster(write(tmp_path, "roster.csv", ROSTER_CSV))


# -- read_usage -------------------------------------------------------------------------------

def test_read_usage_columns_order_and_types(usage):
    assert list(usage.columns) == ["user", "timestamp", "system", "action", "line"]
    assert usage["user"].tolist() == ["ann", "Bob", "zed", "ann", "cas", "ANN"]  # by time
    assert usage["line"].tolist() == [2, 3, 5, 4, 7, 6]
    assert str(usage["timestamp"].dtype) == "datetime64[ns]"
    assert usage["timestamp"].iloc[0] == pd.Timestamp("2026-03-02 09:00")   # day-first
    assert isinstance(usage["user"].dtype, pd.CategoricalDtype)
    assert usage.attrs["rows_read"] == 6
    assert usage.attrs["rejected"].empty
    assert list(usage.attrs["rejected"].columns) == ["line", "column", "value", "reason"]
    assert usage.attrs["columns"] == {"user": "Gebruiker", "timestamp": "Tijdstip",
                                      "system": "Systeem", "action": "Actie"}


def test_read_usage_english_and_explicit_columns(tmp_path):
    path = write(tmp_path, "u.csv", "Login,When,Module,Extra\nann,2026-03-02 09:00,x,1\n")
    df = sh.read_usage(path, timestamp="When", action="Module")
    assert df["user"].tolist() == ["ann"]
    assert df["action"].tolist() == ["x"]
    assert df["system"].isna().all()
    assert df["Extra"].tolist() == ["1"]          # other columns are kept


def test_read_usage_bad_rows_raise_with_lines(tmp_path):
    path = write(tmp_path, "u.csv", "user,timestamp\nann,2026-03-02 09:00\n,2026-03-02 10:00\n"
                                    "bob,2026-02-31 10:00\ncas,\n")
    with pytest.raises(InputError, match=r"3 of 4 rows of the usage log cannot be read:\n"
                                         r"  line 3, column 'user': empty user.*\n"
                                         r"  line 4, column 'timestamp': .*2026-02-31.*\n"
                                         r"  line 5, column 'timestamp': empty timestamp"
                                         r"(.|\n)*attrs\['rejected'\]") as info:
        sh.read_usage(path)
    assert info.value.rejected["line"].tolist() == [3, 4, 5]


def test_read_usage_drop_keeps_good_rows(tmp_path, caplog):
    path = write(tmp_path, "u.csv", "user,timestamp\nann,2026-03-02 09:00\n,2026-03-02 10:00\n")
    with caplog.at_level(logging.WARNING):
        df = sh.read_usage(path, errors="drop")
    assert df["user"].tolist() == ["ann"]
    rej = df.attrs["rejected"]
    assert rej[["line", "column", "reason"]].values.tolist() == [
        [3, "user", "empty user; expected a user id"]]
    assert df.attrs["rows_read"] == 2
    assert "1 of 2 rows rejected" in caplog.text


def test_read_usage_time_zone(tmp_path):
    path = write(tmp_path, "u.csv", "user,timestamp\nann,2026-03-08T23:30:00+01:00\n"
                                    "bob,2026-03-29T12:00:00Z\n")
    df = sh.read_usage(path, tz="Europe/Brussels")
    assert str(df["timestamp"].dt.tz) == "Europe/Brussels"
    assert df["timestamp"].dt.tz_localize(None).tolist() == [
        pd.Timestamp("2026-03-08 23:30"), pd.Timestamp("2026-03-29 14:00")]  # summer time


@pytest.mark.parametrize("kwargs, error, match", [
    ({"user": "Usr"}, ColumnNotFoundError, r"column 'Usr' \(given as user=\) not found.*"
                                           r"Did you mean 'User'"),
    ({"errors": "ignore"}, ParameterError, r"The 'errors' parameter of read_usage must be one of"),
])
def test_read_usage_parameter_errors(tmp_path, kwargs, error, match):
    path = write(tmp_path, "u.csv", "User,Timestamp\nann,2026-03-02 09:00\n")
    with pytest.raises(error, match=match):
        sh.read_usage(path, **kwargs)


def test_read_usage_without_user_column(tmp_path):
    path = write(tmp_path, "u.csv", "Wat,Timestamp\nann,2026-03-02 09:00\n")
    with pytest.raises(ColumnNotFoundError, match=r"no user column found in this usage log; "
                                                  r"columns are: Wat, Timestamp"):
        sh.read_usage(path)


# -- read_roster ------------------------------------------------------------------------------

def test_read_roster_columns(roster):
    assert list(roster.columns) == ["user", "name", "team", "firm", "role", "start_date",
                                    "leave_date", "line"]
    assert roster["team"].tolist() == ["Verkoop", "Verkoop", "Binnendienst"]
    assert roster["start_date"].tolist()[2] == pd.Timestamp("2026-03-11")
    assert pd.isna(roster["start_date"].iloc[1]) and pd.isna(roster["leave_date"].iloc[0])
    assert roster.attrs["rows_read"] == 3


BAD_ROSTER = """user;team;start;leave
ann;Verkoop;01/01/2020;
bob;Verkoop;01/03/2026;01/02/2026
 ANN ;Binnendienst;;
;Verkoop;;
dan;Verkoop;32/01/2026;
"""


def test_read_roster_bad_rows_raise(tmp_path):
    path = write(tmp_path, "r.csv", BAD_ROSTER)
    with pytest.raises(InputError, match=r"4 of 5 rows of the roster cannot be read:\n"
                                         r"  line 3, column 'leave': leave date 2026-02-01 is "
                                         r"before start date 2026-03-01\n"
                                         r"  line 4, column 'user': duplicate user 'ANN': already "
                                         r"on line 2 \(user ids are compared ignoring case\)\n"
                                         r"  line 5, column 'user': empty user.*\n"
                                         r"  line 6, column 'start': .*32/01/2026"):
        sh.read_roster(path)


def test_read_roster_drop(tmp_path):
    df = sh.read_roster(write(tmp_path, "r.csv", BAD_ROSTER), errors="drop")
    assert df["user"].tolist() == ["ann"]
    assert df.attrs["rejected"]["line"].tolist() == [3, 4, 5, 6]
    assert df.attrs["rows_read"] == 5


def test_attrs_do_not_break_merge_or_concat(usage, roster):
    # plain DataFrames in attrs make pandas raise here; AttrFrame compares to one bool
    merged = usage.merge(roster, on="user")
    assert len(merged) == 3          # ann x2 and cas match exactly; Bob/ANN differ in case
    both = pd.concat([usage, usage.copy()])
    assert len(both) == 12
    assert both.attrs["rows_read"] == 6


# -- adoption, by hand ------------------------------------------------------------------------

def test_adoption_by_hand(usage, roster, caplog):
    with caplog.at_level(logging.WARNING, logger="shadowing"):
        a = sh.adoption(usage, roster, go_live="2026-03-02")
    assert list(a.columns) == ["team", "period", "go_live", "weeks_since_go_live", "active",
                               "roster", "share", "relapsed", "never_active", "total", "holiday"]
    got = a[["team", "period", "weeks_since_go_live", "active", "roster", "relapsed",
             "never_active"]].astype({"period": str, "weeks_since_go_live": int})
    expected = [
        # Binnendienst: cas joins Wed 11 Mar (counted in the week ending 15 Mar), uses only ERP
        # on 20 Mar: active (no system filter) in the week ending 22 Mar.
        ["Binnendienst", "2026-03-08", 1, 0, 0, 0, 0],
        ["Binnendienst", "2026-03-15", 2, 0, 1, 0, 1],
        ["Binnendienst", "2026-03-22", 3, 1, 1, 0, 0],
        # Verkoop: ann 2, 9, 22 Mar; bob 3 Mar, leaves Wed 18 Mar (gone in the week ending 22nd)
        ["Verkoop", "2026-03-08", 1, 2, 2, 0, 0],
        ["Verkoop", "2026-03-15", 2, 1, 2, 1, 0],
        ["Verkoop", "2026-03-22", 3, 1, 1, 0, 0],
        ["All", "2026-03-08", 1, 2, 2, 0, 0],
        ["All", "2026-03-15", 2, 1, 3, 1, 1],
        ["All", "2026-03-22", 3, 2, 2, 0, 0],
    ]
    assert got.values.tolist() == expected
    assert a["total"].tolist() == [False] * 6 + [True] * 3
    np.testing.assert_allclose(a["share"], [np.nan, 0, 1, 1, 0.5, 1, 1, 1 / 3, 1])
    assert (a["active"] + a["relapsed"] + a["never_active"] == a["roster"]).all()
    unknown = a.attrs["unknown_users"]
    assert unknown[["user", "events"]].values.tolist() == [["zed", 1]]
    assert "1 user(s) in the usage log are not on the roster" in caplog.text and "zed" in caplog.text


def test_adoption_system_filter_and_min_events(usage, roster):
    a = sh.adoption(usage, roster, go_live="2026-03-02", system="crm")
    row = a[(a["team"] == "Binnendienst") & (a["period"] == "2026-03-22")].iloc[0]
    assert row["active"] == 0 and row["never_active"] == 1      # cas's ERP login does not count
    two = sh.adoption(usage, roster, go_live="2026-03-02", window="14D", min_events=2)
    verkoop = two[two["team"] == "Verkoop"]
    # ann: 2 + 9 Mar in the 14 days up to 15 Mar, 9 + 22 Mar up to 22 Mar; bob: one event
    assert verkoop["active"].tolist() == [0, 1, 1]
    acts = sh.adoption(usage, roster, go_live="2026-03-02", actions=["Offerte maken"])
    assert acts.loc[acts["team"] == "Verkoop", "active"].tolist() == [1, 1, 0]


@pytest.mark.parametrize("kwargs, match", [
    ({"system": "CMR"}, r"The 'system' parameter of adoption must name values in the usage "
                        r"log's 'system' column; 'CMR' is not there. Found: CRM, ERP. "
                        r"Did you mean 'CRM'\?"),
    ({"actions": ["logn"]}, r"'logn' is not there.*Did you mean 'login'\?"),
    ({"window": "-7D"}, r"The 'window' parameter of adoption must be a positive duration"),
    ({"window": "week"}, r"The 'window' parameter of adoption must be a positive duration"),
    ({"min_events": 0}, r"The 'min_events' parameter of adoption must be an integer of at "
                        r"least 1. Got 0"),
    ({"freq": "fortnight"}, r"The 'freq' parameter of adoption must be a pandas period frequency"),
    ({"go_live": "soon"}, r"The 'go_live' parameter of adoption must be a date such as "
                          r"'2026-03-02', a mapping"),
    ({"go_live": {"Verkop": "2026-03-02", "Binnendienst": "2026-03-02"}},
     r"maps group 'Verkop', which is not a value of the roster's 'team' column; groups are: "
     r"Binnendienst, Verkoop. Did you mean 'Verkoop'\?"),
    ({"go_live": {"Verkoop": "2026-03-02"}}, r"gives no date for Binnendienst"),
    ({"by": "afdeling"}, r"the roster has no column 'afdeling'"),
])
def test_adoption_parameter_errors(usage, roster, kwargs, match):
    kwargs = {"go_live": "2026-03-02", **kwargs}
    error = ColumnNotFoundError if "by" in kwargs else ParameterError
    with pytest.raises(error, match=match):
        sh.adoption(usage, roster, **kwargs)


def test_adoption_input_errors(usage, roster):
    with pytest.raises(ColumnNotFoundError, match=r"needs the columns 'user' and 'timestamp'"):
        sh.adoption(usage.rename(columns={"timestamp": "when"}), roster)
    with pytest.raises(InputError, match=r"column 'timestamp' of the usage log holds"):
        sh.adoption(usage.assign(timestamp="2026-03-02"), roster)
    dup = pd.DataFrame({"user": ["ann", "Ann "], "team": ["x", "y"]})
    with pytest.raises(InputError, match=r"lists some users more than once.*'ann', 'Ann ' on rows 1, 2"):
        sh.adoption(usage, dup)
    with pytest.raises(InputError, match=r"the roster has no rows"):
        sh.adoption(usage, roster.iloc[0:0])
    with pytest.raises(InputError, match=r"has a group called 'All'"):
        sh.adoption(usage, roster.assign(team="All"))


def test_adoption_go_live_per_firm(usage, roster):
    a = sh.adoption(usage, roster, by="firm",
                    go_live={"Firma A": "2026-03-02", "Firma B": "2026-03-16"})
    assert list(a.columns[:3]) == ["firm", "team", "period"]
    assert (a["firm"] == a["team"]).all()
    b = a[a["firm"] == "Firma B"]
    assert b["weeks_since_go_live"].tolist() == [-1, 0, 1]     # the week ending 15 Mar: 0
    total = a[a["total"]]
    assert total["weeks_since_go_live"].isna().all() and total["go_live"].isna().all()
    assert a.attrs["go_live"]["Firma B"] == pd.Timestamp("2026-03-16")


def test_adoption_go_live_guessed_from_first_event(usage, roster, caplog):
    with caplog.at_level(logging.INFO, logger="shadowing"):
        a = sh.adoption(usage, roster)
    assert (a["go_live"] == pd.Timestamp("2026-03-02")).all()
    assert "taking the day of the first usage event, 2026-03-02" in caplog.text


def test_adoption_no_events(usage, roster, caplog):
    empty = usage.iloc[0:0]
    with caplog.at_level(logging.WARNING, logger="shadowing"):
        a = sh.adoption(empty, roster, go_live="2026-03-02", until="2026-03-20")
    assert "no qualifying events" in caplog.text
    assert a["period"].astype(str).unique().tolist() == ["2026-03-08", "2026-03-15",
                                                         "2026-03-22"]
    assert (a["active"] == 0).all() and (a["relapsed"] == 0).all()
    assert (a["never_active"] == a["roster"]).all()
    with pytest.raises(InputError, match=r"no qualifying events, so the go-live cannot be taken"):
        sh.adoption(empty, roster)


def test_adoption_go_live_after_last_event(usage, roster, caplog):
    with caplog.at_level(logging.WARNING, logger="shadowing"):
        a = sh.adoption(usage, roster, go_live="2026-04-01")
    assert "the go-live (2026-04-01) is after the last usage event (2026-03-22)" in caplog.text
    verkoop = a[a["team"] == "Verkoop"]
    assert verkoop["period"].astype(str).tolist()[-1] == "2026-04-05"   # up to the go-live week
    assert verkoop["weeks_since_go_live"].tolist() == [-4, -3, -2, -1, 0]


def test_adoption_time_zones(tmp_path):
    # 23:30 Brussels time on Sunday 8 March is 22:30 UTC; 00:30 on Monday 9 March is 23:30 UTC
    text = "user,timestamp\nann,2026-03-08T23:30:00+01:00\nbob,2026-03-09T00:30:00+01:00\n"
    roster = pd.DataFrame({"user": ["ann", "bob"], "team": ["x", "x"],
                           "start_date": pd.to_datetime(["2026-01-01", "2026-01-01"])})
    utc = sh.read_usage(write(tmp_path, "u.csv", text))
    local = sh.read_usage(write(tmp_path, "u.csv", text), tz="Europe/Brussels")
    kw = {"go_live": "2026-03-02", "total": False}
    in_utc = sh.adoption(utc, roster, **kw)
    in_local = sh.adoption(local, roster, **kw)
    converted = sh.adoption(utc, roster, tz="Europe/Brussels", **kw)
    # without tz= the offsets (+01:00) are read in the local time they say (issue 13): bob on
    # Monday; converting to UTC first puts both on Sunday 8 March
    assert in_utc["active"].tolist() == [1, 1]
    as_utc = utc.assign(timestamp=utc["timestamp"].dt.tz_convert("UTC"))
    assert sh.adoption(as_utc, roster, **kw)["active"].tolist() == [2]
    assert in_local["active"].tolist() == [1, 1]             # bob on Monday: the next week
    assert converted["active"].tolist() == [1, 1]
    # a tz-aware go-live is read as local too
    aware = sh.adoption(local, roster, go_live=pd.Timestamp("2026-03-02", tz="Europe/Brussels"),
                        total=False)
    assert aware["go_live"].tolist()[0] == pd.Timestamp("2026-03-02")


def test_adoption_monthly_and_plain_frames():
    usage = pd.DataFrame({"user": ["a", "b", "a"],
                          "timestamp": pd.to_datetime(["2026-01-31 10:00", "2026-02-10 10:00",
                                                       "2026-03-30 10:00"])})
    roster = pd.DataFrame({"user": ["A", "b", "c"], "team": ["t", "t", None]})
    a = sh.adoption(usage, roster, freq="M", window="30D", go_live="2026-01-01")
    t = a[a["team"] == "t"]
    assert t["period"].astype(str).tolist() == ["2026-01-31", "2026-02-28", "2026-03-31"]
    assert t["active"].tolist() == [1, 2, 1]       # 30 days up to 28 Feb reach back to 30 Jan
    assert t["relapsed"].tolist() == [0, 0, 1]
    assert a[a["team"] == "(none)"]["never_active"].tolist() == [1, 1, 1]
    assert t["weeks_since_go_live"].tolist() == [4, 8, 12]


def test_adoption_is_vectorised_on_a_large_log():
    rng = np.random.default_rng(1)
    n, users = 300_000, 400
    start = np.datetime64("2026-01-05T00:00:00", "ns")
    ts = start + rng.integers(0, 120 * 86400, n).astype("timedelta64[s]")
    usage = pd.DataFrame({"user": pd.Categorical(rng.integers(0, users + 20, n).astype(str)),
                          "timestamp": ts})
    roster = pd.DataFrame({"user": np.arange(users).astype(str),
                           "team": np.where(np.arange(users) % 2, "a", "b")})
    t0 = time.perf_counter()
    a = sh.adoption(usage, roster, go_live="2026-01-05")
    assert time.perf_counter() - t0 < 10    # about 0.3 s; a loop per person and week: minutes
    assert len(a.attrs["unknown_users"]) == 20
    assert (a["roster"] <= users).all()
    # a brute-force check of one week
    wk = usage[(usage["timestamp"] >= "2026-02-02") & (usage["timestamp"] < "2026-02-09")]
    expected = wk["user"].astype(str).isin(roster["user"]).groupby(wk["user"].astype(str)).any()
    row = a[(a["team"] == "All") & (a["period"] == "2026-02-08")].iloc[0]
    assert row["active"] == int(expected.sum())


# -- depth of use -----------------------------------------------------------------------------

def test_depth_of_use_by_hand():
    usage = pd.DataFrame({
        "user": ["ann"] * 5 + ["bob"] * 4 + ["zed"],
        "timestamp": pd.to_datetime(["2026-03-02"] * 9 + ["2026-04-01"]),
        "action": ["login", "login", "offer", "order", "report",
                   "login", "login", "login", "offer", "login"],
    })
    roster = pd.DataFrame({"user": ["ann", "bob", "cas"], "team": ["x", "x", "y"],
                           "leave_date": pd.to_datetime([None, None, "2026-01-01"])})
    d = sh.depth_of_use(usage, roster)
    # events of roster users: login 5, offer 2, order 1, report 1 (9): login+offer = 78%,
    # + order (alphabetically before report) = 89% >= 80%
    assert d.attrs["core_actions"] == ["login", "offer", "order"]
    assert d[["user", "events", "actions_used", "core_used", "core_total", "core_missing"]] \
        .values.tolist() == [["ann", 5, 4, 3, 3, ""], ["bob", 4, 2, 2, 3, "order"]]
    np.testing.assert_allclose(d["depth"], [1, 2 / 3])
    assert "cas" not in d["user"].tolist()       # left before the log starts
    assert d.attrs["unknown_users"]["user"].tolist() == ["zed"]
    given = sh.depth_of_use(usage, roster, core_actions=["offer", "report"])
    assert given["core_used"].tolist() == [2, 1]
    none = sh.depth_of_use(usage, roster, period=("2026-03-03", "2026-03-31"))
    assert none["events"].tolist() == [0, 0]
    month = sh.depth_of_use(usage, roster, period="2026-03", coverage=0.5)
    assert month.attrs["core_actions"] == ["login"]


def test_depth_of_use_errors():
    usage = pd.DataFrame({"user": ["ann"], "timestamp": pd.to_datetime(["2026-03-02"])})
    roster = pd.DataFrame({"user": ["ann"], "team": ["x"]})
    with pytest.raises(InputError, match=r"the usage log has no actions"):
        sh.depth_of_use(usage, roster)
    usage["action"] = "login"
    with pytest.raises(ParameterError, match=r"The 'coverage' parameter of depth_of_use"):
        sh.depth_of_use(usage, roster, coverage=1.5)
    with pytest.raises(ParameterError, match=r"The 'period' parameter of depth_of_use must be"):
        sh.depth_of_use(usage, roster, period="last spring")
    with pytest.raises(ParameterError, match=r"must run forwards"):
        sh.depth_of_use(usage, roster, period=("2026-04-01", "2026-03-01"))


# -- summary ----------------------------------------------------------------------------------

@pytest.fixture
def curve():
    """35 people in Sales, 7 of them active in week 8 (the CRM story)."""
    n = 35
    roster = pd.DataFrame({"user": [f"u{i}" for i in range(n)], "team": ["Sales"] * n})
    rows = [(f"u{i}", "2026-03-03 10:00") for i in range(20)]        # week 1: 20 try it
    rows += [(f"u{i}", "2026-04-21 10:00") for i in range(7)]        # week 8: 7 still do
    usage = pd.DataFrame(rows, columns=["user", "timestamp"])
    usage["timestamp"] = pd.to_datetime(usage["timestamp"])
    return sh.adoption(usage, roster, go_live="2026-03-02")


def test_summary_english_and_dutch(curve):
    en = sh.adoption_summary(curve, system="CRM")
    assert en.index.tolist() == ["Sales", "All"]
    assert en["Sales"] == ("Sales: 8 weeks after go-live, 7 of 35 people (20%) used the CRM in "
                           "the last 7 days.")
    assert en["All"].startswith("Overall: 8 weeks after go-live, 7 of 35 people (20%)")
    nl = sh.adoption_summary(curve, lang="nl", system="CRM")
    assert nl["Sales"] == ("Sales: 8 weken na de livegang gebruikten 7 van de 35 mensen (20%) "
                           "het CRM in de afgelopen 7 dagen.")
    assert nl["All"].startswith("Totaal: ")
    week1 = sh.adoption_summary(curve, at_weeks=1, system="the new CRM")
    assert week1["Sales"] == ("Sales: 1 week after go-live, 20 of 35 people (57%) used the new "
                              "CRM in the last 7 days.")
    assert curve.loc[curve["weeks_since_go_live"] == 8, "relapsed"].tolist() == [13, 13]


def test_summary_other_cases(usage, roster):
    a = sh.adoption(usage, roster, by="firm",
                    go_live={"Firma A": "2026-03-02", "Firma B": "2026-03-16"})
    # Firma B goes live on Monday 16 March: the week ending 15 March is just before it
    s = sh.adoption_summary(a, lang="nl", at_weeks=1)
    assert s["Firma B"] == ("Firma B: 1 week na de livegang gebruikte 1 van de 1 persoon (100%) "
                            "het systeem in de afgelopen 7 dagen.")
    zero = sh.adoption_summary(a[a["firm"] == "Firma B"], at_weeks=0)
    assert zero.iloc[0].startswith("Firma B: Just before go-live, 0 of 1 person (0%)")
    before = sh.adoption_summary(a[a["firm"] == "Firma B"], at_weeks=-1, lang="nl")
    assert before.iloc[0].startswith("Firma B: 1 week vóór de livegang gebruikten 0 van de 0 "
                                     "mensen (–)")
    wed = sh.adoption(usage, roster, go_live="2026-03-18", total=False)
    first = sh.adoption_summary(wed, at_weeks=0)
    assert first["Verkoop"].startswith("Verkoop: In the first week after go-live, 1 of 1 person")
    total = sh.adoption_summary(a)
    assert total["All"].startswith("Overall: On 22 March 2026, 2 of 2 people (100%)")


def test_summary_errors(curve):
    with pytest.raises(ParameterError, match=r"The 'lang' parameter of adoption_summary must be "
                                             r"one of 'nl', 'en'. Got 'de'"):
        sh.adoption_summary(curve, lang="de")
    with pytest.raises(ParameterError, match=r"'at_weeks' parameter of adoption_summary is before "
                                             r"every period: -5 weeks; the data run to 8 weeks"):
        sh.adoption_summary(curve, at_weeks=-5)
    with pytest.raises(ParameterError, match=r"must be a whole number of weeks"):
        sh.adoption_summary(curve, at_weeks=2.5)
    with pytest.raises(ColumnNotFoundError, match=r"column 'share' is missing"):
        sh.adoption_summary(curve.drop(columns="share"))


# -- plot -------------------------------------------------------------------------------------

def test_plot_adoption_black_and_white(usage, roster):
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    a = sh.adoption(usage, roster, by="firm",
                    go_live={"Firma A": "2026-03-02", "Firma B": "2026-03-16"})
    fig, given = plt.subplots()
    off = pd.DataFrame({"date": pd.to_datetime(["2026-03-05", "2026-03-19"]),
                        "share": [0.6, 0.4]})
    ax = sh.plot_adoption(a, off_system=off, ax=given, system="CRM")
    assert ax is given and len(fig.axes) == 1
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    curves = [lines["Firma A"], lines["Firma B"]]
    assert len({(ln.get_linestyle(), ln.get_marker()) for ln in curves}) == 2
    assert lines["Overall"].get_color() == "black" and lines["Overall"].get_linewidth() > 2
    target = lines["target 90%"]
    assert list(target.get_ydata()) == [0.9, 0.9]
    assert "go-live Firma A" in lines and "go-live Firma B" in lines
    assert list(lines["work off the system (observed)"].get_ydata()) == [0.6, 0.4]
    assert isinstance(ax.yaxis.get_major_formatter(), PercentFormatter)
    weeks = sh.plot_adoption(a, x="weeks")          # different go-lives: no total in weeks
    assert [ln.get_label() for ln in weeks.get_lines()][:3] == ["Firma A", "Firma B", "go-live"]
    assert list(weeks.get_lines()[1].get_xdata()) == [-1, 0, 1]
    assert ax.get_ylim() == (0, 1.05)
    assert ax.get_title() == "Adoption of the CRM"
    assert ax.get_ylabel() == "active in the last 7 days"


def test_plot_adoption_dutch_weeks_and_series(curve):
    off = pd.Series([0.55], index=pd.to_datetime(["2026-04-20"]))
    ax = sh.plot_adoption(curve, lang="nl", x="weeks", off_system=off, target=0.8)
    labels = [ln.get_label() for ln in ax.get_lines()]
    assert labels == ["Sales", "Totaal", "livegang", "doel 80%",
                      "werk buiten het systeem (waargenomen)"]
    assert ax.get_xlabel() == "weken sinds de livegang"
    assert list(ax.get_lines()[-1].get_xdata()) == [7]
    ax2 = sh.plot_adoption(curve, off_system=0.3, target=None)
    assert "work off the system (observed): 30%" in [ln.get_label() for ln in ax2.get_lines()]


@pytest.mark.parametrize("kwargs, error, match", [
    ({"target": 90}, ParameterError, r"The 'target' parameter of plot_adoption must be a share"),
    ({"x": "days"}, ParameterError, r"The 'x' parameter of plot_adoption must be one of"),
    ({"off_system": "lots"}, ParameterError, r"The 'off_system' parameter of plot_adoption must "
                                             r"be a share"),
    ({"off_system": pd.Series([55.0], index=pd.to_datetime(["2026-03-05"]))}, ParameterError,
     r"must hold shares between 0 and 1; found 55"),
    ({"off_system": pd.DataFrame({"when": [1], "share": [0.2]})}, ColumnNotFoundError,
     r"the off_system frame needs a date column"),
])
def test_plot_adoption_errors(curve, kwargs, error, match):
    with pytest.raises(error, match=match):
        sh.plot_adoption(curve, **kwargs)


# -- the bundled samples tell their stories ---------------------------------------------------

def _sample_cases():
    cases = []
    for name in ("wholesale", "crm", "construction"):
        truth = SAMPLES / name / "truth.yaml"
        entries = []
        if truth.exists():
            entries = (yaml.safe_load(truth.read_text(encoding="utf-8")) or {}).get("adoption") or []
        if not entries:
            cases.append(pytest.param(name, None, marks=pytest.mark.skip(
                reason=f"no adoption story in data/samples/{name}/truth.yaml yet")))
        for i, entry in enumerate(entries):
            cases.append(pytest.param(name, entry, id=f"{name}-{entry.get('group', i)}"))
    return cases


@functools.lru_cache(maxsize=None)
def _sample_curve(name: str):
    scenario = read_scenario(SAMPLES / name)
    usage = sh.read_usage(scenario.files["usage"])
    roster = sh.read_roster(scenario.files["roster"])
    curve = sh.adoption(usage, roster, go_live=scenario["go_live"], by=scenario["group_by"],
                        system=scenario["system"])
    return scenario, usage, curve


@pytest.mark.parametrize("name, entry", _sample_cases())
def test_sample_adoption_story(name, entry):
    scenario, usage, curve = _sample_curve(name)
    rows = curve[(curve["team"] == str(entry["group"]))
                 & (curve["weeks_since_go_live"] == entry["weeks_after_go_live"])]
    assert len(rows) == 1, f"no period {entry['weeks_after_go_live']} weeks after go-live"
    share = float(rows["share"].iloc[0])
    assert share == pytest.approx(entry["share"], abs=entry.get("tolerance", 0.03))
    assert curve.attrs["unknown_users"]["events"].sum() < len(usage)
    sentence = sh.adoption_summary(curve, lang=scenario["language"], system=scenario["system"],
                                   at_weeks=entry["weeks_after_go_live"])[str(entry["group"])]
    assert i18n.percent(share, scenario["language"]) in sentence


# -- off-system work beside the curve ---------------------------------------------------------

@pytest.fixture
def observed():
    """Two weeks of notes: week 1 3h of which 2h in Excel; week 2 2h of which 0.5h on paper."""
    rows = [("ann", "2026-03-03 09:00", 60, "CRM"), ("ann", "2026-03-03 10:00", 120, "Excel"),
            ("bob", "2026-03-10 09:00", 90, "CRM"), ("bob", "2026-03-12 09:00", 30, "paper")]
    f = pd.DataFrame(rows, columns=["person", "start", "duration_min", "tool"])
    f["start"] = pd.to_datetime(f["start"])
    f["end"] = f["start"] + pd.to_timedelta(f["duration_min"], unit="min")
    f["activity"] = "work"
    f["role"] = "sales"
    return f


def test_off_system_by_period(observed):
    from shadowing.analysis.adoption import off_system_by_period

    weekly = off_system_by_period(observed, official="CRM")
    assert weekly["period"].astype(str).tolist() == ["2026-03-08", "2026-03-15"]
    np.testing.assert_allclose(weekly["share"], [2 / 3, 0.25])
    np.testing.assert_allclose(weekly["hours"], [3, 2])
    with pytest.raises(ParameterError, match=r"The 'freq' parameter of off_system_by_period"):
        off_system_by_period(observed, official="CRM", freq="fortnight")


def test_plot_adoption_with_observed_off_system(curve, observed):
    from shadowing.analysis.adoption import off_system_by_period

    ax = sh.plot_adoption(curve, off_system=off_system_by_period(observed, official="CRM"))
    off = [ln for ln in ax.get_lines() if ln.get_label() == "work off the system (observed)"]
    np.testing.assert_allclose(off[0].get_ydata(), [2 / 3, 0.25])
    overall = sh.off_system(observed, official="CRM")
    ax2 = sh.plot_adoption(curve, off_system=overall)
    assert "work off the system (observed): 50%" in [ln.get_label() for ln in ax2.get_lines()]


def test_a_collective_holiday_is_shown_as_such_not_as_relapse():
    """Construction: both firms stop for the winter holiday (weeks ending 28 Dec and 4 Jan)."""
    folder = sh.sample_path("construction")
    usage, roster = sh.read_usage(folder / "usage.csv"), sh.read_roster(folder / "roster.csv")
    a = sh.adoption(usage, roster, by="firm",
                    go_live={"Bouwbedrijf Claes": "2025-09-01", "Wouters Bouw": "2025-09-15"})
    b = a[a["team"] == "Wouters Bouw"].set_index("period")
    assert b.loc["2025-12-28", "holiday"] and b.loc["2026-01-04", "holiday"]
    assert not b.loc["2025-12-21", "holiday"] and not b.loc["2026-01-11", "holiday"]
    assert b.loc["2025-12-28", "active"] == 0                  # the fact stays in the table
    summary = sh.adoption_summary(a, lang="en")
    assert "92" in summary["Wouters Bouw"] and "30" in summary["Bouwbedrijf Claes"]
    ax = sh.plot_adoption(a, lang="en")
    line = next(l for l in ax.get_lines() if l.get_label() == "Wouters Bouw")
    y = pd.Series(line.get_ydata(), index=pd.to_datetime(line.get_xdata()))
    assert np.isnan(y.loc["2025-12-28"])                       # a gap, not a drop to 0%
    labels = ax.get_legend_handles_labels()[1]
    assert "collective holiday (nobody worked)" in labels
