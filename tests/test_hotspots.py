"""Waste hotspots: tiny logs worked out by hand, the rules the issue asks for, real logs."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import yaml

import shadowing as sh
from shadowing.analysis import hotspot_period as P
from shadowing.analysis import waste as W
from shadowing.analysis.hotspots import COLUMNS
from shadowing.analysis.quality import duplicate_events, far_from_bulk
from shadowing.datasets.generator import generate_log
from shadowing.errors import ColumnNotFoundError, InputError, ParameterError
from shadowing.wording import hotspots as words

CASE, ACT, TS, START, RES, SYS = ("case:concept:name", "concept:name", "time:timestamp",
                                  "start_timestamp", "org:resource", "system")
MONTH = pd.Timedelta(days=365.25 / 12)


def frame(rows, columns=(CASE, ACT, TS)) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(columns))
    for col in (TS, START):
        if col in df:
            df[col] = pd.to_datetime(df[col])
    return df


def months(df: pd.DataFrame) -> float:
    first = df[START].min() if START in df else df[TS].min()
    return max(df[TS].max() - first, pd.Timedelta(days=1)) / MONTH


def only(table: pd.DataFrame, waste: str) -> pd.DataFrame:
    return table.loc[table["waste"] == waste].reset_index(drop=True)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_fast_formatting_equals_i18n(lang):
    from shadowing import i18n

    for x in (0, 0.04, 3.25, 9.96, 12.5, 999.5, 1234.5, 1234567.891):
        for d in (0, 1):
            assert words.num(x, lang, d) == i18n.number(x, lang, decimals=d)
        assert words.money(x, lang) == i18n.money(x, lang)


# -- waiting: each transition against its own norm ------------------------------------------------

def _wait_rows(bc_minutes, *, batch_cases=0):
    """a → b always 10 min; b → c as given (minutes); ``batch_cases`` more cases record b and
    c at the same instant (batch entry: a wait of 0)."""
    rows = []
    for k, bc in enumerate(list(bc_minutes) + [0] * batch_cases):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(f"c{k + 1:02d}", "a", t0), (f"c{k + 1:02d}", "b", t0 + pd.Timedelta(minutes=10)),
                 (f"c{k + 1:02d}", "c", t0 + pd.Timedelta(minutes=10 + bc))]
    return frame(rows)


@pytest.fixture
def waiting_log() -> pd.DataFrame:
    """b → c: 60 min in 10 cases, 600 min (c11) and 1000 min (c12).

    Norm (median of its own positive waits) 60 min. Log-waits: Q1 = Q3 = ln 60, so the fence
    is 60 min and the threshold max(60, 60 + 15) = 75 min. Long: 600 and 1000; above the
    norm 540 + 940 = 1480 min of case time in 2 of 12 cases. a → b: always 10 min, nothing long.
    """
    return _wait_rows([60] * 10 + [600, 1000])


def test_waiting_counts_case_hours_above_the_transitions_own_norm(waiting_log):
    t = sh.hotspots(waiting_log, hourly_rate=45, clock="calendar")
    assert t["waste"].tolist() == ["waiting"]
    r = t.iloc[0]
    m = months(waiting_log)
    assert (r["where"], r["kind"], r["occurrences"], r["cases"]) == ("b → c", "edge", 2, 2)
    assert r["share_of_cases"] == pytest.approx(2 / 12)
    assert r["wait_hours_per_month"] == pytest.approx(1480 / 60 / m)
    assert r["staff_hours_per_month"] == 0
    assert np.isnan(r["cost_per_month"])          # no cost of delay: no money from waiting
    assert "€" not in r["explanation"] and "€" not in r["explanation_nl"]
    assert "case-hours" in r["explanation"] and "zaakuren" in r["explanation_nl"]
    assert r["evidence"] == "case c12, c11"       # largest excess first
    assert t.attrs["waiting"]["zero_waits_left_out"] == 0


def test_cost_of_delay_prices_case_days(waiting_log):
    t = sh.hotspots(waiting_log, hourly_rate=45, cost_of_delay=120, clock="calendar")
    r = t.iloc[0]
    assert r["cost_per_month"] == pytest.approx(1480 / 60 / 24 / months(waiting_log) * 120)
    assert "per case-day" in r["explanation"]


def test_batch_recorded_waits_do_not_collapse_the_norm():
    """Five more cases record b and c at the same time: their waits of 0 say nothing and stay
    out of the norm, so the same two waits are long by the same amount."""
    df = _wait_rows([60] * 10 + [600, 1000], batch_cases=5)
    t = sh.hotspots(df, clock="calendar")
    r = only(t, "waiting").iloc[0]
    assert r["wait_hours_per_month"] == pytest.approx(1480 / 60 / months(df))
    assert t.attrs["waiting"]["zero_waits_left_out"] == 5


def test_natural_spread_is_not_waiting():
    """A log-normal wait (sigma 0.8) on one transition, 400 cases: no tail beyond the fence
    worth a row (a few outliers stay under the minimum share of cases)."""
    rng = np.random.default_rng(3)
    df = _wait_rows(np.round(np.exp(rng.normal(np.log(60), 0.8, 400))).clip(1))
    assert sh.hotspots(df, clock="calendar").empty


def test_analyst_norm_replaces_the_own_norm(waiting_log):
    """Norm 30 min: every wait of 60 min and more is 15 min or more above it, so all 12 are
    long: 10 x 30 + 570 + 970 = 1840 min."""
    t = sh.hotspots(waiting_log, wait_norms={"b → c": 0.5}, clock="calendar")
    r = only(t, "waiting").iloc[0]
    assert r["occurrences"] == 12
    assert r["wait_hours_per_month"] == pytest.approx(1840 / 60 / months(waiting_log))
    assert t.attrs["waiting"]["analyst_norms"] == {"b → c": 0.5}
    assert "the norm you gave" in r["explanation"]


def test_constant_30_day_wait_is_a_designed_wait_not_a_hotspot():
    """Every case closes exactly 30 days after 'c' (a timer); a → b → c as in a clean log."""
    rows = []
    for k in range(40):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k % 20, hours=k // 20)
        rows += [(f"c{k}", "a", t0), (f"c{k}", "b", t0 + pd.Timedelta(minutes=30)),
                 (f"c{k}", "c", t0 + pd.Timedelta(minutes=60)),
                 (f"c{k}", "closed", t0 + pd.Timedelta(days=30, minutes=60))]
    df = frame(rows)
    for clock in ("auto", "calendar", "working"):
        t = sh.hotspots(df, clock=clock, hourly_rate=45)
        assert t.empty
        d = sh.designed_waits(df, clock=clock)
        assert d["where"].tolist() == ["c → closed"]
        assert d["median_hours"].iloc[0] == pytest.approx(30 * 24)
        assert (d["transitions"].iloc[0], d["cases"].iloc[0], d["within_share"].iloc[0]) == (40, 40, 1)
        assert d["explanation"].iloc[0].startswith("c → closed: 30 days (within 10%)")
    # the analyst may still judge it against a norm of their own
    t = sh.hotspots(df, clock="calendar", wait_norms={("c", "closed"): 24 * 7})
    assert t["where"].tolist() == ["c → closed"] and t.attrs["designed_waits"] == []


def test_working_clock_skips_nights_and_weekends():
    # Friday 17:00 -> Monday 09:00 is 2 working hours (Fri 17-18, Mon 8-9)
    ns = pd.DatetimeIndex(["2026-03-06 17:00", "2026-03-09 09:00"]).as_unit("ns").asi8
    work = P.working_seconds(ns)
    assert work[1] - work[0] == 2 * 3600
    office = frame([("1", "a", "2026-03-06 17:00"), ("1", "b", "2026-03-09 09:00")])
    assert P.log_arrays(office).clock == "working"
    night = frame([("1", "a", "2026-03-07 02:00"), ("1", "b", "2026-03-08 23:00")])
    assert P.log_arrays(night).clock == "calendar"


# -- the period -----------------------------------------------------------------------------------

def test_per_month_is_over_the_bulk_period_without_stray_dates():
    """30 cases in March 2026, one of them with an event typed as 1948: the stray case is set
    aside and the month count is the bulk span, not 78 years."""
    rows = []
    for k in range(30):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(f"c{k}", "a", t0, "ann"), (f"c{k}", "b", t0 + pd.Timedelta(minutes=5), "ann"),
                 (f"c{k}", "b", t0 + pd.Timedelta(minutes=15), "ann")]
    rows[1] = ("c0", "b", pd.Timestamp("1948-03-02 09:05"), "ann")
    df = frame(rows, (CASE, ACT, TS, RES))
    t = sh.hotspots(df, hourly_rate=45)
    p = t.attrs["period"]
    kept = df.loc[df[CASE] != "c0"]
    assert p["first"] == kept[TS].min() and p["last"] == kept[TS].max()
    assert p["months"] == pytest.approx((kept[TS].max() - kept[TS].min()) / MONTH)
    assert (p["stray_events_set_aside"], p["stray_cases_set_aside"]) == (1, 1)
    r = only(t, "rework").iloc[0]
    assert r["occurrences"] == 29
    assert r["staff_hours_per_month"] == pytest.approx(29 * 10 / 60 / p["months"])
    assert "from March 2026 to March 2026" in t.attrs["extrapolation"]
    assert "1 cases with 1 events far outside" in t.attrs["period_sentence"]


# -- rework, redo, double entry: each minute once -------------------------------------------

@pytest.fixture
def repeat_log() -> pd.DataFrame:
    """b takes 10 min every time. Repeats of b: c1 bob→bob, c3 bob→bob (rework);
    c2 bob→cas, c4 cas→ann (redo). Each: 2 repeats x 10 min = 20 min over the period."""
    rows, cols = [], (CASE, ACT, START, TS, RES)
    people = {"c1": ("bob", "bob"), "c2": ("bob", "cas"), "c3": ("bob", "bob"),
              "c4": ("cas", "ann")}
    for k, (case, (p1, p2)) in enumerate(people.items()):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        m = lambda x: t0 + pd.Timedelta(minutes=x)  # noqa: E731
        rows += [(case, "a", m(0), m(20), "ann"), (case, "b", m(30), m(40), p1),
                 (case, "b", m(50), m(60), p2)]
    return frame(rows, cols)


def test_rework_and_redo_use_durations_from_start_times(repeat_log):
    t = sh.hotspots(repeat_log, hourly_rate=60)
    mo = months(repeat_log)
    for waste, cases in (("rework", "case c1, c3"), ("redo", "case c2, c4")):
        r = only(t, waste).iloc[0]
        assert (r["where"], r["occurrences"], r["cases"]) == ("b", 2, 2)
        assert r["staff_hours_per_month"] == pytest.approx(20 / 60 / mo)
        assert r["wait_hours_per_month"] == 0
        assert r["cost_per_month"] == pytest.approx(20 / 60 / mo * 60)
        assert r["evidence"] == cases
        assert "start times" in r["explanation"]
    assert set(t["waste"]) == {"rework", "redo"}


def test_duplicate_events_never_make_rework(repeat_log):
    """Every row twice (a double export): the same table; duplicates are set aside."""
    doubled = pd.concat([repeat_log, repeat_log]).sort_values([CASE, TS], kind="stable")
    a, b = sh.hotspots(repeat_log, hourly_rate=60), sh.hotspots(doubled, hourly_rate=60)
    pd.testing.assert_frame_equal(a, b)
    assert b.attrs["period"]["duplicate_events_set_aside"] == len(repeat_log)
    assert "12 duplicate events" in b.attrs["period_sentence"]
    assert int(duplicate_events(doubled).sum()) == len(repeat_log)   # what quality() flags


def test_repeat_in_another_system_is_double_entry_not_rework():
    rows = []
    for k in range(2):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(f"c{k}", "a", t0, "ann", "ERP"),
                 (f"c{k}", "a", t0 + pd.Timedelta(minutes=5), "ann", "Excel")]
    df = frame(rows, (CASE, ACT, TS, RES, SYS))
    t = sh.hotspots(df, hourly_rate=45)
    assert t["waste"].tolist() == ["double entry"]
    r = t.iloc[0]
    assert (r["where"], r["occurrences"], r["cases"]) == ("a", 2, 2)
    assert r["staff_hours_per_month"] == pytest.approx(2 * W.DEFAULT_STEP_MIN / 60 / months(df))
    assert "ERP, Excel" in r["explanation"] and "assumed" in r["explanation"]


def test_a_few_odd_cases_cannot_make_a_row():
    """100 cases; one case repeats 'b' eight times: under 2% of the cases, no row."""
    rows = []
    for k in range(100):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(hours=k)
        n_b = 9 if k == 0 else 1
        rows += [(f"c{k}", "a", t0)] + [(f"c{k}", "b", t0 + pd.Timedelta(minutes=5 * (i + 1)))
                                        for i in range(n_b)]
    df = frame(rows)
    t = sh.hotspots(df, clock="calendar")
    assert t.empty and t.attrs["left_out"] == {"rework": 1}
    assert t.attrs["min_case_share"] == W.MIN_CASE_SHARE == 0.02
    assert "at least 2% of the cases" in t.attrs["ranking"]


def test_step_duration_from_observations_when_the_log_has_none():
    rows = [("c1", "a", "2026-03-02 09:00"), ("c1", "a", "2026-03-02 09:05"),
            ("c2", "a", "2026-03-03 09:00"), ("c2", "a", "2026-03-03 09:05")]
    df = frame(rows)
    obs = pd.DataFrame({"person": ["p", "p"], "start": pd.to_datetime(["2026-03-02 10:00"] * 2),
                        "activity": ["A", "A"], "duration_min": [6.0, 6.0], "tool": ["ERP"] * 2})
    t = sh.hotspots(df, observations=obs)
    r = only(t, "rework").iloc[0]
    assert r["staff_hours_per_month"] == pytest.approx(2 * 6 / 60 / months(df))
    assert "observed" in r["explanation"]
    assert np.isnan(r["cost_per_month"])  # no hourly rate


# -- ping-pong, switching, off-system ---------------------------------------------------------

def test_ping_pong_counts_bounces_between_two_people():
    """c1: ann bob ann bob (2 bounces), c2: ann bob ann (1 bounce); 3 x 10 min."""
    seq = {"c1": ["ann", "bob", "ann", "bob"], "c2": ["ann", "bob", "ann"]}
    rows = []
    for k, (case, people) in enumerate(seq.items()):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(case, f"s{i}", t0 + pd.Timedelta(minutes=10 * i), p)
                 for i, p in enumerate(people)]
    df = frame(rows, (CASE, ACT, TS, RES))
    t = sh.hotspots(df, hourly_rate=45)
    assert t["waste"].tolist() == ["ping-pong"]
    r = t.iloc[0]
    assert (r["where"], r["kind"], r["occurrences"], r["cases"]) == ("ann ↔ bob", "person", 3, 2)
    assert "mostly at 's2' or 's3'" in r["explanation"]
    assert r["staff_hours_per_month"] == pytest.approx(3 * W.PING_PONG_MIN / 60 / months(df))


def test_a_bounce_that_is_rework_is_counted_once():
    """ann does 'check', bob 'ask', ann 'check' again: the return is rework (same person) and
    is not counted as ping-pong too; the overlap is stated."""
    rows = []
    for k in range(3):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(f"c{k}", "check", t0, "ann"), (f"c{k}", "ask", t0 + pd.Timedelta(minutes=10), "bob"),
                 (f"c{k}", "check", t0 + pd.Timedelta(minutes=20), "ann")]
    t = sh.hotspots(frame(rows, (CASE, ACT, TS, RES)))
    assert t["waste"].tolist() == ["rework"]
    assert t.attrs["left_out"] == {} and t.attrs["overlaps"] == {"ping-pong": 3}


def test_ping_pong_between_roles_when_the_log_has_them():
    seq = [("planner", "s0"), ("site", "s1"), ("planner", "s2"), ("", "s3"), ("planner", "s4")]
    rows = []
    for k in range(2):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(f"c{k}", act, t0 + pd.Timedelta(minutes=10 * i), f"p{i}", role)
                 for i, (role, act) in enumerate(seq)]
    df = frame(rows, (CASE, ACT, TS, RES, "role"))
    r = only(sh.hotspots(df), "ping-pong")
    assert r["where"].tolist() == ["planner ↔ site"] and r["kind"].tolist() == ["role"]
    assert r["occurrences"].tolist() == [2]


def test_system_switches_and_off_system_steps():
    """Per case: enter (ERP) then check (Excel) 5 min later by ann. The Excel step is
    off-system work (3 x 10 min assumed); the switch into it is the same stretch, so it is not
    counted again (3 switches of overlap); without official systems it is a switch."""
    rows = []
    for k in range(3):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(f"c{k}", "enter", t0, "ann", "ERP"),
                 (f"c{k}", "check", t0 + pd.Timedelta(minutes=5), "ann", "Excel")]
    df = frame(rows, (CASE, ACT, TS, RES, SYS))
    mo = months(df)
    t = sh.hotspots(df, hourly_rate=45, official_systems="ERP")
    assert t["waste"].tolist() == ["off-system work"]
    assert t.attrs["overlaps"] == {"system switching": 3}
    assert "3 system switching occurrences were already counted" in t.attrs["overlap_sentence"]
    off = t.iloc[0]
    assert (off["where"], off["occurrences"], off["cases"]) == ("check", 3, 3)
    assert off["staff_hours_per_month"] == pytest.approx(3 * W.DEFAULT_STEP_MIN / 60 / mo)
    sw = sh.hotspots(df, hourly_rate=45)
    assert sw["waste"].tolist() == ["system switching"]
    assert (sw["where"].iloc[0], sw["occurrences"].iloc[0]) == ("enter → check", 3)
    assert sw["staff_hours_per_month"].iloc[0] == pytest.approx(3 * W.SWITCH_MIN / 60 / mo)


# -- observations and frustrations -------------------------------------------------------------

@pytest.fixture
def observations() -> pd.DataFrame:
    """One person, one day (1 person-day); team of 10 -> factor 10 x 21 / 1 = 210.

    - two checks of stock in ERP 2 min, Excel 3 min, phone 5 min: 8 min outside ERP each;
    - waiting tagged 10 + 10 min at 'Bevestigen'; searching tagged 3 + 3 min;
    - 'Offerte maken' in Excel 2 x 15 min (off-system); 'Bellen' on the phone (exempt).
    """
    rows = [
        ("09:00", 2, "Voorraad controleren", "o1", "ERP", None, None),
        ("09:02", 3, "Voorraad controleren", "o1", "Excel", None, "Excel-lijst klopt niet"),
        ("09:05", 5, "Voorraad controleren", "o1", "phone", None, None),
        ("09:10", 10, "Bevestigen", "o1", "ERP", "waiting", "magazijn neemt niet op"),
        ("09:20", 2, "Voorraad controleren", "o2", "ERP", None, None),
        ("09:22", 3, "Voorraad controleren", "o2", "Excel", None, None),
        ("09:25", 5, "Voorraad controleren", "o2", "phone", None, None),
        ("09:30", 3, "Order invoeren", "o2", "ERP", "searching", None),
        ("09:33", 3, "Order invoeren", "o2", "ERP", "searching", None),
        ("09:36", 15, "Offerte maken", None, "Excel", None, None),
        ("09:51", 15, "Offerte maken", None, "Excel", None, None),
        ("10:06", 10, "Bevestigen", "o3", "ERP", "waiting", None),
        ("10:16", 5, "Bellen", None, "phone", None, None),
    ]
    df = pd.DataFrame(rows, columns=["start", "duration_min", "activity", "case", "tool", "waste",
                                     "frustration"])
    df["start"] = pd.to_datetime("2026-03-02 " + df["start"])
    df["end"] = df["start"] + pd.to_timedelta(df["duration_min"], unit="min")
    df.insert(0, "observation_id", [f"O{i + 2}" for i in range(len(df))])
    df["person"], df["role"], df["line"] = "Els", "verkoop", np.arange(2, 2 + len(df))
    return df


def test_observed_waste_is_staff_time_scaled_by_one_stated_rule(observations):
    t = sh.hotspots(observations=observations, hourly_rate=45, official_systems=["ERP"],
                    team_size=10)
    by = {(r.waste, r.where): r for r in t.itertuples()}
    assert set(by) == {("system switching", "Voorraad controleren"), ("waiting", "Bevestigen"),
                       ("searching", "Order invoeren"), ("off-system work", "Offerte maken")}
    sw = by[("system switching", "Voorraad controleren")]
    assert sw.staff_hours_per_month == pytest.approx(16 / 60 * 210)      # 56 h
    assert sw.cost_per_month == pytest.approx(56 * 45)
    assert (sw.occurrences, sw.cases, sw.share_of_cases) == (2, 2, pytest.approx(2 / 3))
    assert "checking 3 systems" in sw.explanation and "3 systemen" in sw.explanation_nl
    wait = by[("waiting", "Bevestigen")]                 # staff waiting: people's time
    assert (wait.staff_hours_per_month, wait.wait_hours_per_month) == (pytest.approx(70), 0)
    assert by[("searching", "Order invoeren")].staff_hours_per_month == pytest.approx(21)
    off = by[("off-system work", "Offerte maken")]
    assert off.staff_hours_per_month == pytest.approx(105) and np.isnan(off.share_of_cases)
    assert t["rank"].tolist() == [1, 2, 3, 4]
    assert t["cost_per_month"].is_monotonic_decreasing
    info = t.attrs["observations"]
    assert (info["person_days"], info["team_size"], info["factor"]) == (1, 10, 210)
    rule = t.attrs["extrapolation"]
    assert "a factor of 210" in rule and "x 21 working days" in rule
    assert all(rule not in e and "factor" not in e for e in t["explanation"])   # stated once
    assert t.attrs["capacity_hours_per_month"] == 10 * 21 * 8


def test_team_size_defaults_to_the_people_observed(observations):
    t = sh.hotspots(observations=observations, lang="nl")
    assert t.attrs["observations"]["factor"] == 21
    assert "teamgrootte niet opgegeven" in t.attrs["extrapolation"]
    assert t.attrs["capacity_basis"] == "people observed"


def test_frustrations_link_by_place_system_role_and_words(observations):
    """F1 names the place; F2 names no place but the system (Excel), the role and a word of
    an observer's note ('Excel-lijst'); F3 matches nothing; F4 speaks of the 'magazijn' that
    does not answer, on the phone, in the role: the waiting at 'Bevestigen'."""
    fr = pd.DataFrame({"frustration_id": ["F1", "F2", "F3", "F4"],
                       "text": ["Voorraad nakijken duurt eeuwen", "De Excel-lijst is nooit juist",
                                "Parkeren is lastig", "Het magazijn neemt niet op"],
                       "votes": [5, 8, 2, 3],
                       "activity": ["Voorraad controleren", None, None, None],
                       "system": [None, "Excel", None, "ERP"],
                       "role": [None, "verkoop", None, "verkoop"]})
    t = sh.hotspots(observations=observations, frustrations=fr, hourly_rate=45,
                    official_systems="ERP", team_size=10)
    by = {(r.waste, r.where): r for r in t.itertuples()}
    sw = by[("system switching", "Voorraad controleren")]
    # strength: F1 the place (4); F2 the system (2), the role (1), 'excel' and 'lijst' (2)
    assert sw.frustration_votes == 13 and sw.evidence.endswith("frustration F2, F1")
    assert by[("waiting", "Bevestigen")].frustration_votes == 3
    assert by[("off-system work", "Offerte maken")].frustration_votes == 0
    lone = by[("frustration", "Parkeren is lastig")]
    assert (lone.staff_hours_per_month, lone.frustration_votes) == (0, 2)
    assert np.isnan(lone.cost_per_month) and lone.rank == len(t)
    assert lone.explanation.startswith("No supporting data")
    links = {d["frustration_id"]: d for d in t.attrs["frustration_links"]}
    assert links["F3"]["linked"] is False and links["F3"]["hotspots"] == []
    assert links["F1"]["hotspots"][0][:2] == ("system switching", "Voorraad controleren")
    # votes never reorder money: the table is still sorted by cost
    valued = t.loc[t["cost_per_month"].notna(), "cost_per_month"]
    assert valued.is_monotonic_decreasing and "score" not in t.columns


def test_votes_break_ties_only_and_a_blended_score_is_a_visible_column(observations):
    fr = pd.DataFrame({"text": ["Wachten op bevestiging"], "votes": [9],
                       "activity": ["Bevestigen"]})
    kw = dict(observations=observations, frustrations=fr, hourly_rate=45, official_systems="ERP")
    plain = sh.hotspots(**kw)
    assert plain["where"].iloc[0] == "Offerte maken"
    assert plain.attrs["ranked_by"] == "cost_per_month" and "only break ties" in plain.attrs["ranking"]
    blended = sh.hotspots(**kw, weights={"cost": 0, "frustration": 2})
    assert blended["where"].iloc[0] == "Bevestigen" and "score" in blended.columns
    assert blended["score"].is_monotonic_decreasing
    assert blended.attrs["weights"] == {"cost": 0.0, "frustration": 1.0}


def test_frustrations_alone_are_all_unsupported():
    fr = pd.DataFrame({"text": ["a", "b", "c"], "votes": [1, 4, 2],
                       "system": ["Excel", "Excel", None], "activity": [None, None, "Plannen"]})
    t = sh.hotspots(frustrations=fr)
    assert t["where"].tolist() == ["Excel", "Plannen"]
    assert t["frustration_votes"].tolist() == [5, 2] and t["kind"].tolist() == ["system", "activity"]
    assert (t["staff_hours_per_month"] == 0).all()


def test_ranking_puts_unvalued_waits_after_the_money(waiting_log, repeat_log):
    """One log with both currencies: staff rows by cost, then waits by case-hours."""
    w = waiting_log.assign(**{START: waiting_log[TS], RES: "ann"})
    r = repeat_log.assign(**{CASE: "r" + repeat_log[CASE]})
    r[TS] = r[TS] + pd.Timedelta(days=2)
    r[START] = r[START] + pd.Timedelta(days=2)
    t = sh.hotspots(pd.concat([w, r], ignore_index=True), hourly_rate=45, clock="calendar")
    assert t["waste"].tolist()[-1] == "waiting" and np.isnan(t["cost_per_month"].iloc[-1])
    _assert_ranked(t)
    t2 = sh.hotspots(pd.concat([w, r], ignore_index=True), hourly_rate=45, cost_of_delay=500,
                     clock="calendar")
    assert t2["waste"].iloc[0] == "waiting"          # now priced, and the largest
    _assert_ranked(t2)


def _assert_ranked(t: pd.DataFrame) -> None:
    """Sorted by the ranking column; rows without a value in it follow, by case-hours."""
    col = t.attrs["ranked_by"]
    value = t[col].where(t[col] > 0)
    valued = value.notna().to_numpy()
    assert not (np.diff(valued.astype(int)) > 0).any()           # valued rows first
    assert value[valued].is_monotonic_decreasing
    assert t.loc[~valued, "wait_hours_per_month"].is_monotonic_decreasing
    assert t["rank"].tolist() == list(range(1, len(t) + 1))


# -- no invented waste ------------------------------------------------------------------------

def _clean_generated(seed: int) -> pd.DataFrame:
    """generate_log plants loops and rework (repeats), redo (p_other) and a landscape of
    systems (switching); a clean log keeps the cases without a repeated step, in one system.
    Its waits stay log-normal per transition (natural spread, no tail)."""
    df = generate_log(8000, seed=seed)
    rep = df.duplicated([CASE, ACT])
    clean = df.loc[~df[CASE].isin(df.loc[rep, CASE].unique())].copy()
    clean[SYS] = "ERP"
    return clean


@pytest.mark.parametrize("seed", [7, 8])
def test_clean_generated_log_has_no_hotspots(seed):
    clean = _clean_generated(seed)
    t = sh.hotspots(clean, hourly_rate=45, official_systems="ERP")
    assert t.empty and t.columns.tolist() == COLUMNS
    assert t.attrs["period"]["clock"] == "working"


def test_duplicated_generated_log_gives_no_rework_or_redo():
    clean = _clean_generated(7)
    doubled = pd.concat([clean, clean]).sort_values([CASE, TS], kind="stable")
    t = sh.hotspots(doubled, hourly_rate=45, official_systems="ERP")
    assert not t["waste"].isin(["rework", "redo"]).any() and t.empty
    # and on the full generated log, doubling changes nothing
    full = generate_log(8000, seed=7)
    a = sh.hotspots(full, hourly_rate=45)
    b = sh.hotspots(pd.concat([full, full]).sort_values([CASE, TS], kind="stable"), hourly_rate=45)
    pd.testing.assert_frame_equal(a, b)


def test_generated_log_with_a_30_day_timer_lists_it_as_designed():
    clean = _clean_generated(7).astype({CASE: str, ACT: str})
    last = clean.groupby(CASE).tail(1)
    later = last[TS] + pd.Timedelta(days=30)
    close = last.assign(**{ACT: "Automatisch sluiten", TS: later, START: later})
    df = pd.concat([clean, close]).sort_values([CASE, TS], kind="stable")
    t = sh.hotspots(df, hourly_rate=45, official_systems="ERP")
    assert t.empty
    d = sh.designed_waits(df)
    assert len(d) and d["where"].str.endswith("→ Automatisch sluiten").all()
    assert (d["median_hours"] == 30 * 24).all()


def test_inputs_are_not_modified(waiting_log, observations):
    before_log, before_obs = waiting_log.copy(), observations.copy()
    sh.hotspots(waiting_log, observations=observations, hourly_rate=45)
    pd.testing.assert_frame_equal(waiting_log, before_log)
    pd.testing.assert_frame_equal(observations, before_obs)


# -- real logs ----------------------------------------------------------------------------------

REAL = ["running-example/running-example.xes", "sepsis/sepsis.csv", "helpdesk/helpdesk.csv",
        "production/Production.csv", "receipt/08_receipt.xes.gz",
        "road_traffic_fines/roadtraffic100traces.xes"]


def _bulk_months(frame: pd.DataFrame) -> float:
    """The bulk period recomputed from quality()'s rules, independently of hotspots."""
    f = frame.loc[~duplicate_events(frame)]
    far, _, _ = far_from_bulk(f[TS])
    f = f.loc[~f[CASE].isin(f.loc[far, CASE].unique())]
    first = min(f[TS].min(), f[START].min()) if START in f and f[START].notna().any() else f[TS].min()
    return max((f[TS].max() - first) / pd.Timedelta(days=1), 1.0) / (365.25 / 12)


def check_table(t: pd.DataFrame, *, months: float | None = None) -> None:
    """What must hold on every table: capacity, currencies, the period, the ranking."""
    assert t.columns.tolist() == COLUMNS
    cap = t.attrs["capacity_hours_per_month"]
    if cap is not None:
        assert (t["staff_hours_per_month"] <= cap).all(), t.attrs["capacity_basis"]
    waits_only = (t["wait_hours_per_month"] > 0) & (t["staff_hours_per_month"] == 0)
    if t.attrs["cost_of_delay"] is None:
        assert t.loc[waits_only, "cost_per_month"].isna().all()
        assert not t.loc[waits_only, "explanation"].str.contains("€").any()
    assert ((t["staff_hours_per_month"] == 0) | (t["wait_hours_per_month"] == 0)).all()
    if months is not None:
        assert t.attrs["period"]["months"] == pytest.approx(months)
    _assert_ranked(t)
    assert t["share_of_cases"].dropna().between(0, 1).all()
    logged = t["source"] == "log"
    assert (t.loc[logged, "share_of_cases"] >= W.MIN_CASE_SHARE).all()


@pytest.mark.parametrize("name", REAL)
def test_real_logs_hold_the_rules(real_data, name):
    log = sh.read_event_log(real_data / name)
    t = sh.hotspots(log, hourly_rate=45)
    check_table(t, months=_bulk_months(log.frame))
    assert t.attrs["capacity_basis"] in ("resources in the log", None)
    if t.attrs["capacity_basis"] is None:     # helpdesk: no resources, no team size
        assert "org:resource" not in log.frame.columns
    check_table(sh.hotspots(log, hourly_rate=45, cost_of_delay=50), months=_bulk_months(log.frame))


def test_real_log_rework_recomputed_by_hand(real_data):
    """Running example: repeats of 'decide' by the same person, 10 min each (no durations)."""
    log = sh.read_event_log(real_data / "running-example" / "running-example.xes")
    t = sh.hotspots(log, hourly_rate=45)
    f = log.frame
    d = f.loc[f[ACT] == "decide"].copy()
    d["prev"] = d.groupby(CASE, observed=True)[RES].shift()
    same = d["prev"].notna() & (d["prev"].astype(str) == d[RES].astype(str))
    m = (f[TS].max() - f[TS].min()) / MONTH
    row = t.loc[(t["waste"] == "rework") & (t["where"] == "decide")].iloc[0]
    assert row["occurrences"] == int(same.sum())
    assert row["staff_hours_per_month"] == pytest.approx(same.sum() * 10 / 60 / m)


def test_real_log_waiting_recomputed_by_hand(real_data):
    """Receipt: the top waiting transition, from the raw events with pandas."""
    log = sh.read_event_log(real_data / "receipt" / "08_receipt.xes.gz")
    t = sh.hotspots(log, hourly_rate=45, clock="calendar")
    assert t.attrs["period"]["clock"] == "calendar"
    row = only(t, "waiting").sort_values("wait_hours_per_month").iloc[-1]
    a, b = row["where"].split(" → ")
    f = log.frame.sort_values([CASE, TS, "line"], kind="stable")
    nxt = f.groupby(CASE, observed=True).shift(-1)
    trans = pd.DataFrame({"a": f[ACT].astype(str), "b": nxt[ACT].astype(str),
                          "w": (nxt[TS] - f[TS]).dt.total_seconds(),
                          "case": f[CASE].astype(str)}).dropna(subset=["w"])
    e = trans.loc[(trans["a"] == a) & (trans["b"] == b) & (trans["w"] > 0), "w"]
    lw = np.log(e)
    q1, q3 = lw.quantile(0.25), lw.quantile(0.75)
    norm = e.median()
    threshold = max(math.exp(q3 + 1.5 * (q3 - q1)), norm + 15 * 60)
    long = e[e > threshold]
    assert row["occurrences"] == len(long)
    m = (f[TS].max() - f[TS].min()) / MONTH
    assert row["wait_hours_per_month"] == pytest.approx((long - norm).sum() / 3600 / m)


def test_road_fines_legal_period_is_a_designed_wait(real_data):
    log = sh.read_event_log(real_data / "road_traffic_fines" / "roadtraffic100traces.xes")
    d = sh.designed_waits(log)
    assert d["where"].tolist() == ["Insert Fine Notification → Add penalty"]
    assert d["median_hours"].iloc[0] == pytest.approx(60 * 24)
    t = sh.hotspots(log)
    assert not (t["where"] == "Insert Fine Notification → Add penalty").any()


# -- errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, match", [
    ({}, "at least one of 'log', 'observations' or 'frustrations'"),
    ({"hourly_rate": -5}, "'hourly_rate' parameter of hotspots must be a number above 0"),
    ({"hourly_rate": "45"}, "'hourly_rate' parameter of hotspots must be a number above 0"),
    ({"cost_of_delay": 0}, "'cost_of_delay' parameter of hotspots must be a number above 0"),
    ({"team_size": 2.5}, "'team_size' parameter of hotspots must be a whole number"),
    ({"weights": {"money": 1}}, "takes the keys 'cost' and 'frustration'. Got 'money'"),
    ({"weights": {"cost": 0, "frustration": 0}}, "must have a weight above 0"),
    ({"weights": {"cost": -1}}, "must hold numbers of 0 or more"),
    ({"weights": [0.5, 0.5]}, "must be a mapping"),
    ({"wait_norms": [1]}, "'wait_norms' parameter of hotspots must be a mapping"),
    ({"wait_norms": {"b → c": -1}}, "must give hours of 0 or more per transition"),
    ({"lang": "fr"}, "'lang' parameter of hotspots must be one of 'nl', 'en'"),
    ({"clock": "office"}, "'clock' parameter of hotspots must be one of"),
    ({"official_systems": 5}, "'official_systems' parameter of hotspots must be a system name"),
])
def test_parameter_errors(waiting_log, kwargs, match):
    data = {} if kwargs == {} else {"log": waiting_log}
    with pytest.raises(ParameterError, match=match):
        sh.hotspots(**data, **kwargs)


def test_unknown_wait_norm_is_noted(waiting_log):
    t = sh.hotspots(waiting_log, wait_norms={"x → y": 1}, clock="calendar")
    assert any("no transition 'x → y'" in n for n in t.attrs["notes"])


def test_input_errors(waiting_log):
    with pytest.raises(ColumnNotFoundError, match="observations: column.*duration_min.*not found"):
        sh.hotspots(observations=pd.DataFrame({"activity": ["a"], "tool": ["ERP"]}))
    with pytest.raises(InputError, match="'observations' must be an Observations object"):
        sh.hotspots(observations=5)
    with pytest.raises(ColumnNotFoundError, match="frustrations: column 'text' not found"):
        sh.hotspots(frustrations=pd.DataFrame({"votes": [1]}))
    with pytest.raises(InputError, match="column 'votes', row 3: expected a number of votes"):
        sh.hotspots(frustrations=pd.DataFrame({"text": ["x"], "votes": [-1], "line": [3]}))
    with pytest.raises(InputError, match="'frustrations' must be a DataFrame"):
        sh.hotspots(frustrations=[1, 2])
    with pytest.raises(ColumnNotFoundError, match="needs the columns"):
        sh.hotspots(pd.DataFrame({"x": [1]}))
    with pytest.raises(ParameterError, match="'lang' parameter of designed_waits"):
        sh.designed_waits(waiting_log, lang="de")


# -- pictures -----------------------------------------------------------------------------------

def test_pareto_of_staff_time_follows_the_table(observations):
    t = sh.hotspots(observations=observations, hourly_rate=45, official_systems="ERP")
    ax = sh.plot_hotspots(t, top=3, lang="nl")
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx(t["cost_per_month"].head(3).tolist())
    line = ax.figure.axes[1].get_lines()[0]
    assert line.get_ydata()[-1] == pytest.approx(sum(heights) / t["cost_per_month"].sum())
    assert ax.get_xticklabels()[0].get_text().startswith("werk buiten het systeem")


def test_pareto_of_waiting_in_case_days(waiting_log, observations):
    import matplotlib.pyplot as plt

    t = sh.hotspots(waiting_log, observations=observations, hourly_rate=45, clock="calendar")
    _, ax = plt.subplots()
    assert sh.plot_hotspots(t, what="wait", ax=ax) is ax
    (bar,) = ax.patches
    logged = t.loc[(t["waste"] == "waiting") & (t["source"] == "log")]
    assert bar.get_height() == pytest.approx(logged["wait_hours_per_month"].iloc[0] / 24)
    assert ax.get_ylabel() == "case-days of waiting per month"
    staff = sh.plot_hotspots(sh.hotspots(observations=observations))
    assert staff.get_ylabel() == "staff hours per month"


@pytest.mark.parametrize("kwargs, error, match", [
    ({"top": 0}, ParameterError, "'top' parameter of plot_hotspots must be an integer of at least 1"),
    ({"lang": "de"}, ParameterError, "'lang' parameter of plot_hotspots"),
    ({"what": "money"}, ParameterError, "'what' parameter of plot_hotspots"),
])
def test_pareto_errors(waiting_log, kwargs, error, match):
    t = sh.hotspots(waiting_log)
    with pytest.raises(error, match=match):
        sh.plot_hotspots(t, **kwargs)


def test_pareto_needs_a_hotspot_table():
    with pytest.raises(InputError, match="expected the DataFrame returned by hotspots"):
        sh.plot_hotspots([1])
    with pytest.raises(ColumnNotFoundError, match="no column.*cost_per_month"):
        sh.plot_hotspots(pd.DataFrame({"waste": [], "where": []}))


def test_hotspot_map_shows_every_named_hotspot_or_says_why_not(waiting_log, observations):
    t = sh.hotspots(waiting_log, observations=observations, hourly_rate=45, clock="calendar")
    m = sh.hotspot_map(waiting_log, t, top=len(t))
    dot = m.to_dot()
    assert "case-days/month" in dot                         # waiting shown in lead time
    for r in t.itertuples():
        mark = f"#{r.rank} {r.waste}"
        assert (f"{mark}: {r.where}" in m.footnote) != (mark in dot and mark not in m.footnote)
    assert "Not on the map" in m.footnote and "Order invoeren" in m.footnote
    with pytest.raises(ParameterError, match="'top' parameter of hotspot_map"):
        sh.hotspot_map(waiting_log, t, top=-1)


def test_hotspot_map_of_a_spaghetti_log_is_simplified_but_keeps_the_hotspots():
    from shadowing.draw.hotspots import MAP_MAX_EDGES

    full = generate_log(8000, seed=7)
    t = sh.hotspots(full, hourly_rate=45)
    m = sh.hotspot_map(full, t, top=5)
    assert len(sh.process_map(full).edges) > MAP_MAX_EDGES >= len(m.edges) - 5
    dot = m.to_dot()
    for r in t.head(5).itertuples():
        mark = f"#{r.rank} {r.waste}"
        assert (f"{mark}: {r.where}" in m.footnote) != (mark in dot and mark not in m.footnote)


# -- the samples --------------------------------------------------------------------------------

SAMPLE_NAMES = ("wholesale", "crm", "construction")


def _sample_table(folder):
    from shadowing.io.scenario import read_scenario

    sc = read_scenario(folder)
    p = sc.params
    kw = {}
    if "eventlog" in sc.files:
        kw["log"] = sh.read_event_log(sc.files["eventlog"])
    if "observations" in sc.files:
        kw["observations"] = sh.read_observations(sc.files["observations"])
    if "frustrations" in sc.files:
        kw["frustrations"] = sh.read_frustrations(sc.files["frustrations"])
    return sh.hotspots(**kw, hourly_rate=p["hourly_rate"], official_systems=p["official_systems"],
                       team_size=p["team_size"], lang=p["language"])


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_truth_hotspots_in_top_five(samples, name):
    folder = samples / name
    if not (folder / "truth.yaml").exists():
        pytest.skip(f"sample {name} not generated yet")
    truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8")) or {}
    t = _sample_table(folder)
    check_table(t)
    assert t.attrs["capacity_basis"] == "team size"
    top5 = t.head(5)
    for item in truth.get("hotspots") or []:
        hit = top5.loc[(top5["waste"] == item["waste"])
                       & (top5["where"].str.casefold() == item["where"].casefold())]
        assert len(hit), (f"{name}: {item} not in the top five:\n"
                          f"{t[['rank', 'waste', 'where', 'cost_per_month']].head(10)}")


def test_wholesale_erp_stock_frustrations_link_to_the_stock_check(samples):
    """The three frustrations about the unreliable ERP stock (1: the Excel list, 2 and 4: the
    warehouse on the phone; 23 votes) link to the stock-check hotspots they describe."""
    t = _sample_table(samples / "wholesale")
    links = {d["frustration_id"]: [h[:2] for h in d["hotspots"]] for d in t.attrs["frustration_links"]}
    assert ("system switching", "Voorraad controleren") in links["1"]
    assert ("waiting", "Voorraad controleren") in links["2"]
    assert ("waiting", "Voorraad controleren") in links["4"]
    stock = t.loc[t["where"].eq("Voorraad controleren")]
    assert (stock["frustration_votes"] >= 6).all() and stock["rank"].max() <= 2


def test_wholesale_map_places_the_observed_stock_check_on_the_log_step(samples):
    """'Voorraad controleren' (observed) goes on the one log step named like it, 'Voorraad
    controleren in ERP'; 'Mail lezen' has no log step and is named in the footnote."""
    folder = samples / "wholesale"
    t = _sample_table(folder)
    m = sh.hotspot_map(sh.read_event_log(folder / "eventlog.csv"), t, top=5)
    labels = dict(zip(m.nodes["activity"].astype(str), m.node_style["text"].astype(str)))
    node = labels["Voorraad controleren in ERP"]
    assert "#1 waiting" in node and "#2 system switching" in node
    assert "#4 off-system work: Mail lezen" in m.footnote
    assert "Voorraad controleren" not in m.footnote


# -- the report's hotspot parts ----------------------------------------------------------------

def _report_folder(tmp_path, waiting_log, repeat_log, extra: str = ""):
    from shadowing.report.sections import Report

    w = waiting_log.assign(**{RES: "ann"})
    r = repeat_log.drop(columns=[START]).assign(**{CASE: "r" + repeat_log[CASE]})
    df = pd.concat([w, r], ignore_index=True).rename(columns={
        CASE: "case", ACT: "activity", TS: "timestamp", RES: "resource"})
    df.to_csv(tmp_path / "eventlog.csv", index=False, date_format="%Y-%m-%d %H:%M:%S")
    (tmp_path / "scenario.yaml").write_text(
        f"name: Proef\nlanguage: en\nhourly_rate: 45\n{extra}", encoding="utf-8")
    return Report.load(tmp_path, lang="en")


def _plain(html: str) -> str:
    import html as html_
    import re

    return html_.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", html, flags=re.S)))


def test_report_shows_two_rankings_and_no_money_from_waiting(tmp_path, waiting_log, repeat_log):
    report = _report_folder(tmp_path, waiting_log, repeat_log)
    hs = report.hotspot_table
    time_html = _plain(report.where_time_goes().html)
    assert "Where the team's time goes" in time_html and "Where the cases wait" in time_html
    assert "Case-days per month" in time_html
    assert time_html.count(hs.attrs["period_sentence"]) == 1          # stated once
    wait_part = time_html.split("Where the cases wait", 1)[1]
    assert "€" not in wait_part.split("The top", 1)[0]                 # no euros in the waits
    summary = " ".join(_plain(report.summary().html).split())
    assert "Cases also wait longer than needed: the most at b → c" in summary
    team = hs.loc[hs["staff_hours_per_month"] > 0]
    first = team.iloc[0]
    from shadowing.wording.report import waste_label

    assert f"{first['where']} ({waste_label(first['waste'], 'en')})" in summary
    start = " ".join(_plain(report.where_to_start().html).split())
    # every row here rests on 2 occurrences (< MIN_PROOF_OCCURRENCES): none is where to start
    assert first["occurrences"] < 5 and first["strength"] == "not yet proven"
    assert "not yet proven" in summary
    assert "No hotspot is proven yet" in start and "Start with" not in start


def test_report_prices_waiting_only_with_a_cost_of_delay(tmp_path, waiting_log, repeat_log):
    report = _report_folder(tmp_path, waiting_log, repeat_log, "cost_of_delay: 120\n")
    hs = report.hotspot_table
    assert hs.attrs["cost_of_delay"] == 120
    wait = hs.loc[hs["waste"] == "waiting"].iloc[0]
    assert wait["cost_per_month"] > 0 and "per case-day" in wait["explanation"]
