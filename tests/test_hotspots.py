"""Waste hotspots: one tiny log per detector, every number worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

import shadowing as sh
from shadowing.analysis import waste as W
from shadowing.errors import ColumnNotFoundError, InputError, ParameterError
from shadowing.analysis.hotspots import COLUMNS

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
    return (df[TS].max() - first) / MONTH


def only(table: pd.DataFrame, waste: str) -> pd.DataFrame:
    return table.loc[table["waste"] == waste].reset_index(drop=True)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_fast_formatting_equals_i18n(lang):
    from shadowing import i18n

    for x in (0, 0.04, 3.25, 9.96, 12.5, 999.5, 1234.5, 1234567.891):
        for d in (0, 1):
            assert W._num(x, lang, d) == i18n.number(x, lang, decimals=d)
        assert W._money(x, lang) == i18n.money(x, lang)


# -- waiting ------------------------------------------------------------------------------------

@pytest.fixture
def waiting_log() -> pd.DataFrame:
    """a → b always 10 min; b → c 10 min, 10 min, 5 h 10 min, 2 h 10 min.

    Waits (min): 10 10 10 10 10 10 310 130 -> median (norm) 10; threshold max(3 x 10, 10 + 15)
    = 30. Long: 310 and 130; above the norm: 300 + 120 = 420 min = 7 h, in 2 cases.
    """
    rows = []
    for k, bc in enumerate([10, 10, 310, 130]):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(f"c{k + 1}", "a", t0), (f"c{k + 1}", "b", t0 + pd.Timedelta(minutes=10)),
                 (f"c{k + 1}", "c", t0 + pd.Timedelta(minutes=10 + bc))]
    return frame(rows)


def test_waiting_counts_time_above_the_norm(waiting_log):
    t = sh.hotspots(waiting_log, hourly_rate=45, clock="calendar")
    assert t["waste"].tolist() == ["waiting"]
    r = t.iloc[0]
    m = months(waiting_log)  # 2026-03-02 09:00 .. 2026-03-05 11:20
    assert r["where"] == "b → c" and r["kind"] == "edge"
    assert (r["occurrences"], r["cases"]) == (2, 2)
    assert r["hours_per_month"] == pytest.approx(7 / m)
    # costed as 5 min of staff follow-up per long wait: 2 x 5 min
    assert r["staff_hours_per_month"] == pytest.approx(10 / 60 / m)
    assert r["cost_per_month"] == pytest.approx(10 / 60 / m * 45)
    assert r["evidence"] == "case c3, c4"          # largest excess first
    assert "customer" in r["explanation"] and "klant" in r["explanation_nl"]
    assert t.attrs["waiting"]["norm_wait_hours"] == pytest.approx(10 / 60)
    assert t.attrs["waiting"]["long_wait_threshold_hours"] == pytest.approx(0.5)


def test_working_clock_skips_nights_and_weekends():
    # Friday 17:00 -> Monday 09:00 is 2 working hours (Fri 17-18, Mon 8-9)
    ns = pd.DatetimeIndex(["2026-03-06 17:00", "2026-03-09 09:00"]).as_unit("ns").asi8
    work = W._working_seconds(ns)
    assert work[1] - work[0] == 2 * 3600
    # a log inside office hours is measured in working hours, a 24/7 one in calendar hours
    office = frame([("1", "a", "2026-03-06 17:00"), ("1", "b", "2026-03-09 09:00")])
    assert W.log_arrays(office).clock == "working"
    night = frame([("1", "a", "2026-03-07 02:00"), ("1", "b", "2026-03-08 23:00")])
    assert W.log_arrays(night).clock == "calendar"


# -- rework, redo, double entry ---------------------------------------------------------------

def test_rework_and_redo_use_durations_from_start_times():
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
    df = frame(rows, cols)
    t = sh.hotspots(df, hourly_rate=60)
    mo = months(df)
    for waste, cases in (("rework", "case c1, c3"), ("redo", "case c2, c4")):
        r = only(t, waste).iloc[0]
        assert (r["where"], r["occurrences"], r["cases"]) == ("b", 2, 2)
        assert r["hours_per_month"] == pytest.approx(20 / 60 / mo)
        assert r["cost_per_month"] == pytest.approx(20 / 60 / mo * 60)
        assert r["evidence"] == cases
        assert "start times" in r["explanation"]
    assert set(t["waste"]) == {"rework", "redo"}


def test_repeat_in_another_system_is_double_entry_not_rework():
    """a entered in ERP, then again in Excel, in 2 cases: 2 x 10 min (assumed, no durations)."""
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
    assert r["hours_per_month"] == pytest.approx(2 * W.DEFAULT_STEP_MIN / 60 / months(df))
    assert "ERP, Excel" in r["explanation"] and "assumed" in r["explanation"]


def test_step_duration_from_observations_when_the_log_has_none():
    rows = [("c1", "a", "2026-03-02 09:00"), ("c1", "a", "2026-03-02 09:05"),
            ("c2", "a", "2026-03-03 09:00"), ("c2", "a", "2026-03-03 09:05")]
    df = frame(rows)
    obs = pd.DataFrame({"person": ["p"], "start": pd.to_datetime(["2026-03-02 10:00"]),
                        "activity": ["A"], "duration_min": [6.0], "tool": ["ERP"]})
    t = sh.hotspots(df, observations=obs)
    r = only(t, "rework").iloc[0]
    assert r["hours_per_month"] == pytest.approx(2 * 6 / 60 / months(df))
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
    assert "mostly at 's2' or 's3'" in r["explanation"]       # where the work came back
    assert r["hours_per_month"] == pytest.approx(3 * W.PING_PONG_MIN / 60 / months(df))


def test_ping_pong_between_roles_when_the_log_has_them():
    """Roles from a 'role' column; an empty role is unknown, not a role called ''."""
    seq = [("planner", "s0"), ("site", "s1"), ("planner", "s2"), ("", "s3"), ("planner", "s4")]
    rows = []
    for k in range(2):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(f"c{k}", act, t0 + pd.Timedelta(minutes=10 * i), f"p{i}", role)
                 for i, (role, act) in enumerate(seq)]
    df = frame(rows, (CASE, ACT, TS, RES, "role"))
    t = sh.hotspots(df)
    r = only(t, "ping-pong")
    assert r["where"].tolist() == ["planner ↔ site"] and r["kind"].tolist() == ["role"]
    assert r["occurrences"].tolist() == [2]


def test_system_switches_and_off_system_steps():
    """Per case: enter (ERP) then check (Excel) 5 min later by ann: one switch; the Excel step
    is off the official system. 3 cases: 3 x 2 min switching, 3 x 10 min (assumed) off-system."""
    rows = []
    for k in range(3):
        t0 = pd.Timestamp("2026-03-02 09:00") + pd.Timedelta(days=k)
        rows += [(f"c{k}", "enter", t0, "ann", "ERP"),
                 (f"c{k}", "check", t0 + pd.Timedelta(minutes=5), "ann", "Excel")]
    df = frame(rows, (CASE, ACT, TS, RES, SYS))
    mo = months(df)
    t = sh.hotspots(df, hourly_rate=45, official_systems="ERP")
    sw, off = only(t, "system switching").iloc[0], only(t, "off-system work").iloc[0]
    assert (sw["where"], sw["occurrences"]) == ("enter → check", 3)
    assert sw["hours_per_month"] == pytest.approx(3 * W.SWITCH_MIN / 60 / mo)
    assert (off["where"], off["occurrences"], off["cases"]) == ("check", 3, 3)
    assert off["hours_per_month"] == pytest.approx(3 * W.DEFAULT_STEP_MIN / 60 / mo)
    # without official systems there is no off-system work
    assert "off-system work" not in set(sh.hotspots(df)["waste"])
    # a frustration at 'check' in ERP: both rows are at 'check', only the switch involves ERP
    fr = pd.DataFrame({"text": ["slow"], "votes": [3], "activity": ["check"], "system": ["ERP"]})
    t = sh.hotspots(df, frustrations=fr, official_systems="ERP")
    assert only(t, "system switching")["frustration_votes"].tolist() == [3]
    assert only(t, "off-system work")["frustration_votes"].tolist() == [0]


# -- observations and frustrations -------------------------------------------------------------

@pytest.fixture
def observations() -> pd.DataFrame:
    """One person, one day (1 person-day); team of 10 -> factor 10 x 21 / 1 = 210.

    - two checks of stock in ERP 2 min, Excel 3 min, phone 5 min: 8 min outside ERP each;
    - waiting tagged 10 min at 'Bevestigen'; searching tagged 6 min;
    - 'Offerte maken' in Excel 30 min (off-system); 'Bellen' on the phone (exempt).
    """
    rows = [
        ("09:00", 2, "Voorraad controleren", "o1", "ERP", None),
        ("09:02", 3, "Voorraad controleren", "o1", "Excel", None),
        ("09:05", 5, "Voorraad controleren", "o1", "phone", None),
        ("09:10", 10, "Bevestigen", "o1", "ERP", "waiting"),
        ("09:20", 2, "Voorraad controleren", "o2", "ERP", None),
        ("09:22", 3, "Voorraad controleren", "o2", "Excel", None),
        ("09:25", 5, "Voorraad controleren", "o2", "phone", None),
        ("09:30", 6, "Order invoeren", "o2", "ERP", "searching"),
        ("09:36", 30, "Offerte maken", None, "Excel", None),
        ("10:06", 5, "Bellen", None, "phone", None),
    ]
    df = pd.DataFrame(rows, columns=["start", "duration_min", "activity", "case", "tool", "waste"])
    df["start"] = pd.to_datetime("2026-03-02 " + df["start"])
    df["end"] = df["start"] + pd.to_timedelta(df["duration_min"], unit="min")
    df.insert(0, "observation_id", [f"O{i + 2}" for i in range(len(df))])
    df["person"], df["role"], df["line"] = "Els", "verkoop", np.arange(2, 2 + len(df))
    return df


def test_observed_waste_is_scaled_to_the_team(observations):
    t = sh.hotspots(observations=observations, hourly_rate=45, official_systems=["ERP"],
                    team_size=10)
    by = {(r.waste, r.where): r for r in t.itertuples()}
    assert set(by) == {("system switching", "Voorraad controleren"), ("waiting", "Bevestigen"),
                       ("searching", "Order invoeren"), ("off-system work", "Offerte maken")}
    sw = by[("system switching", "Voorraad controleren")]
    assert sw.hours_per_month == pytest.approx(16 / 60 * 210)      # 56 h
    assert sw.cost_per_month == pytest.approx(56 * 45)
    assert (sw.occurrences, sw.cases) == (2, 2)
    assert "checking 3 systems" in sw.explanation and "3 systemen" in sw.explanation_nl
    assert by[("waiting", "Bevestigen")].hours_per_month == pytest.approx(35)   # staff waiting
    assert by[("waiting", "Bevestigen")].cost_per_month == pytest.approx(35 * 45)
    assert by[("searching", "Order invoeren")].hours_per_month == pytest.approx(21)
    off = by[("off-system work", "Offerte maken")]
    assert off.hours_per_month == pytest.approx(105) and off.evidence == "observation O10"
    assert t["rank"].tolist() == [1, 2, 3, 4]
    assert t["where"].iloc[0] == "Offerte maken"                   # largest cost first
    info = t.attrs["observations"]
    assert (info["person_days"], info["team_size"], info["factor"]) == (1, 10, 210)
    assert "a factor of 210" in t.attrs["scaling"] and "x 21 working days" in t.attrs["scaling"]
    assert t.attrs["scaling"] in sw.explanation


def test_team_size_defaults_to_the_people_observed(observations):
    t = sh.hotspots(observations=observations, lang="nl")
    assert t.attrs["observations"]["factor"] == 21
    assert "teamgrootte niet opgegeven" in t.attrs["scaling"]


def test_frustrations_add_votes_and_show_unsupported_ones(observations):
    fr = pd.DataFrame({"frustration_id": ["F1", "F2", "F3"],
                       "text": ["Voorraad nakijken duurt eeuwen", "Parkeren is lastig",
                                "Alles staat in Excel"],
                       "votes": [5, 8, 2], "activity": ["Voorraad controleren", None, None],
                       "system": [None, None, "Excel"], "role": [None, None, None]})
    t = sh.hotspots(observations=observations, frustrations=fr, hourly_rate=45,
                    official_systems="ERP", team_size=10)
    by = {(r.waste, r.where): r for r in t.itertuples()}
    sw = by[("system switching", "Voorraad controleren")]
    assert sw.frustration_votes == 7 and sw.evidence.endswith("frustration F1, F3")
    assert by[("off-system work", "Offerte maken")].frustration_votes == 2
    lone = by[("frustration", "Parkeren is lastig")]
    assert (lone.hours_per_month, lone.cost_per_month, lone.frustration_votes) == (0, 0, 8)
    assert lone.explanation.startswith("No supporting data")
    assert lone.source == "frustrations" and lone.evidence == "frustration F2"
    # score = 0.7 cost / max cost + 0.3 votes / max votes
    top_cost = t["cost_per_month"].max()
    assert sw.score == pytest.approx(0.7 * 56 * 45 / top_cost + 0.3 * 7 / 8)
    assert lone.score == pytest.approx(0.3)


def test_frustration_falls_back_from_activity_to_system(observations):
    """'Planning' has no row, so F1 links by its system ('Excel-lijst' is the canonical
    'Excel'); no row involves WhatsApp, so F2 is unsupported."""
    fr = pd.DataFrame({"frustration_id": ["F1", "F2"], "text": ["x", "y"], "votes": [4, 3],
                       "activity": ["Planning", "Planning"], "system": ["Excel-lijst", "WhatsApp"]})
    t = sh.hotspots(observations=observations, frustrations=fr, official_systems="ERP")
    linked = t.loc[t["frustration_votes"] > 0]
    assert set(linked["where"]) == {"Voorraad controleren", "Offerte maken", "Planning"}
    assert (linked.loc[linked["waste"] != "frustration", "frustration_votes"] == 4).all()
    lone = only(t, "frustration").iloc[0]
    assert (lone["where"], lone["frustration_votes"], lone["evidence"]) == ("Planning", 3,
                                                                           "frustration F2")


def test_weights_change_the_ranking(observations):
    fr = pd.DataFrame({"text": ["Wachten op bevestiging"], "votes": [9],
                       "activity": ["Bevestigen"]})
    kw = dict(observations=observations, frustrations=fr, hourly_rate=45, official_systems="ERP")
    cost_only = sh.hotspots(**kw, weights={"cost": 1})
    assert cost_only["where"].iloc[0] == "Offerte maken"
    votes_only = sh.hotspots(**kw, weights={"cost": 0, "frustration": 2})
    assert votes_only["where"].iloc[0] == "Bevestigen"
    assert votes_only.attrs["weights"] == {"cost": 0.0, "frustration": 1.0}


def test_frustrations_alone_are_all_unsupported():
    fr = pd.DataFrame({"text": ["a", "b", "c"], "votes": [1, 4, 2],
                       "system": ["Excel", "Excel", None], "activity": [None, None, "Plannen"]})
    t = sh.hotspots(frustrations=fr)
    assert t["where"].tolist() == ["Excel", "Plannen"]
    assert t["frustration_votes"].tolist() == [5, 2] and t["kind"].tolist() == ["system", "activity"]
    assert (t["hours_per_month"] == 0).all()


# -- no invented waste --------------------------------------------------------------------------

def test_clean_log_has_no_hotspots():
    """Constant waits, no repeats, one system, a fixed hand-over chain: nothing to report."""
    rows = []
    for k in range(40):
        t0 = pd.Timestamp("2026-03-02 08:30") + pd.Timedelta(days=k % 20, minutes=10 * (k // 20))
        for i, (act, who) in enumerate([("a", "ann"), ("b", "bob"), ("c", "cas"), ("d", "dan")]):
            rows.append((f"c{k}", act, t0 + pd.Timedelta(minutes=30 * i), who, "ERP"))
    df = frame(rows, (CASE, ACT, TS, RES, SYS))
    for clock in ("auto", "calendar"):
        t = sh.hotspots(df, hourly_rate=45, official_systems="ERP", clock=clock)
        assert t.empty and t.columns.tolist() == COLUMNS


def test_inputs_are_not_modified(waiting_log, observations):
    before_log, before_obs = waiting_log.copy(), observations.copy()
    sh.hotspots(waiting_log, observations=observations, hourly_rate=45)
    pd.testing.assert_frame_equal(waiting_log, before_log)
    pd.testing.assert_frame_equal(observations, before_obs)


# -- real logs ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["running-example/running-example.xes", "sepsis/sepsis.csv",
                                  "helpdesk/helpdesk.csv", "production/Production.csv",
                                  "receipt/08_receipt.xes.gz",
                                  "road_traffic_fines/roadtraffic100traces.xes"])
def test_real_logs_compute(real_data, name):
    log = sh.read_event_log(real_data / name)
    t = sh.hotspots(log, hourly_rate=45)
    assert len(t) > 0 and t.columns.tolist() == COLUMNS
    assert t["rank"].tolist() == list(range(1, len(t) + 1))
    assert (t["hours_per_month"] >= 0).all() and t["score"].is_monotonic_decreasing
    assert t["severity"].between(0, 1).all()


def test_real_log_row_recomputed_by_hand(real_data):
    """Helpdesk: recompute the waiting row of the top waiting edge from the raw events."""
    log = sh.read_event_log(real_data / "helpdesk" / "helpdesk.csv")
    t = sh.hotspots(log, hourly_rate=45)
    assert t.attrs["period"]["clock"] == "calendar"
    row = only(t, "waiting").iloc[0]
    a, b = row["where"].split(" → ")
    f = log.frame.sort_values([CASE, TS, "line"], kind="stable")
    nxt = f.groupby(CASE, observed=True).shift(-1)
    wait_h = (nxt[TS] - f[TS]).dt.total_seconds() / 3600
    trans = pd.DataFrame({"a": f[ACT].astype(str), "b": nxt[ACT].astype(str),
                          "wait": wait_h, "case": f[CASE].astype(str)}).dropna(subset=["wait"])
    norm = trans["wait"].median()
    long = trans.loc[(trans["wait"] > max(3 * norm, norm + 0.25)) & (trans["a"] == a)
                     & (trans["b"] == b)]
    m = (f[TS].max() - f[TS].min()) / MONTH
    assert row["occurrences"] == len(long) and row["cases"] == long["case"].nunique()
    assert row["hours_per_month"] == pytest.approx((long["wait"] - norm).sum() / m)
    assert row["cost_per_month"] == pytest.approx(len(long) * 5 / 60 * 45 / m)


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
    assert row["hours_per_month"] == pytest.approx(same.sum() * 10 / 60 / m)


# -- errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, match", [
    ({}, "at least one of 'log', 'observations' or 'frustrations'"),
    ({"hourly_rate": -5}, "'hourly_rate' parameter of hotspots must be a number above 0"),
    ({"hourly_rate": "45"}, "'hourly_rate' parameter of hotspots must be a number above 0"),
    ({"team_size": 2.5}, "'team_size' parameter of hotspots must be a whole number"),
    ({"weights": {"money": 1}}, "takes the keys 'cost' and 'frustration'. Got 'money'"),
    ({"weights": {"cost": 0, "frustration": 0}}, "must have a weight above 0"),
    ({"weights": {"cost": -1}}, "must hold numbers of 0 or more"),
    ({"weights": [0.5, 0.5]}, "must be a mapping"),
    ({"lang": "fr"}, "'lang' parameter of hotspots must be one of 'nl', 'en'"),
    ({"clock": "office"}, "'clock' parameter of hotspots must be one of"),
    ({"official_systems": 5}, "'official_systems' parameter of hotspots must be a system name"),
])
def test_parameter_errors(waiting_log, kwargs, match):
    data = {} if kwargs == {} else {"log": waiting_log}
    with pytest.raises(ParameterError, match=match):
        sh.hotspots(**data, **kwargs)


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


# -- pictures -----------------------------------------------------------------------------------

def test_pareto_chart(observations):
    t = sh.hotspots(observations=observations, hourly_rate=45, official_systems="ERP")
    ax = sh.plot_hotspots(t, top=3, lang="nl")
    assert len(ax.patches) == 3
    heights = [p.get_height() for p in ax.patches]
    assert heights == sorted(heights, reverse=True)
    assert heights[0] == pytest.approx(t["cost_per_month"].max())
    line = ax.figure.axes[1].get_lines()[0]
    total = t["cost_per_month"].sum()
    assert line.get_ydata()[-1] == pytest.approx(sum(heights) / total)
    assert ax.get_xticklabels()[0].get_text().startswith("werk buiten het systeem")


def test_pareto_chart_on_given_axes_and_hours(observations):
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    t = sh.hotspots(observations=observations)
    assert sh.plot_hotspots(t, ax=ax) is ax
    assert ax.get_ylabel() == "staff hours per month"


@pytest.mark.parametrize("kwargs, error, match", [
    ({"top": 0}, ParameterError, "'top' parameter of plot_hotspots must be a whole number"),
    ({"lang": "de"}, ParameterError, "'lang' parameter of plot_hotspots"),
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


def test_hotspot_map_marks_the_top_edges(waiting_log):
    t = sh.hotspots(waiting_log, hourly_rate=45, clock="calendar")
    m = sh.hotspot_map(waiting_log, t, top=5)
    dot = m.to_dot()
    assert "#1 waiting" in dot and "h/month" in dot    # waiting is shown in hours
    with pytest.raises(ParameterError, match="'top' parameter of hotspot_map"):
        sh.hotspot_map(waiting_log, t, top=-1)


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
        from shadowing.io.observations import read_observations

        kw["observations"] = read_observations(sc.files["observations"])
    if "frustrations" in sc.files:
        from shadowing.io.frustrations import read_frustrations

        kw["frustrations"] = read_frustrations(sc.files["frustrations"])
    return sh.hotspots(**kw, hourly_rate=p["hourly_rate"], official_systems=p["official_systems"],
                       team_size=p["team_size"], lang=p["language"])


def _matches_place(where: str, wanted: str) -> bool:
    return where.casefold() == wanted.casefold()


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_truth_hotspots_in_top_five(samples, name):
    folder = samples / name
    if not (folder / "truth.yaml").exists():
        pytest.skip(f"sample {name} not generated yet")
    truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8")) or {}
    t = _sample_table(folder)
    top5 = t.head(5)
    for item in truth.get("hotspots") or []:
        hit = top5.loc[(top5["waste"] == item["waste"])
                       & top5["where"].map(lambda w, x=item["where"]: _matches_place(w, x))]
        assert len(hit), (f"{name}: {item} not in the top five:\n"
                          f"{t[['rank', 'waste', 'where', 'cost_per_month']].head(10)}")
