"""Directly-follows statistics: by hand on the tiny log, against pm4py on every real log."""

from __future__ import annotations

import pandas as pd
import pytest

import shadowing as sh
from shadowing._pm4py import pm4py, quiet
from shadowing.analysis.dfg import END, START, directly_follows

REAL_LOGS = ["helpdesk/helpdesk.csv", "production/Production.csv", "receipt/08_receipt.xes.gz",
             "road_traffic_fines/roadtraffic100traces.xes", "running-example/running-example.xes",
             "sepsis/sepsis.csv"]


def edge(d, a, b):
    e = d.edges
    row = e[(e.source == a) & (e.target == b)]
    assert len(row) == 1, (a, b)
    return row.iloc[0]


def test_tiny_counts_by_hand(tiny_frame):
    d = directly_follows(tiny_frame)
    assert (d.n_cases, d.n_events, d.has_durations) == (3, 9, False)
    acts = d.activities.set_index("activity")
    assert acts.loc[["a", "b", "c"], "events"].tolist() == [3, 3, 3]
    assert acts.loc[["a", "b", "c"], "cases"].tolist() == [3, 2, 3]
    assert acts.loc["b", "case_share"] == pytest.approx(2 / 3)
    assert acts["relative"].sum() == pytest.approx(1.0)
    pairs = {(r.source, r.target): (r.count, r.cases) for r in d.edges.itertuples()}
    assert pairs == {("a", "b"): (2, 2), ("b", "c"): (2, 2), ("a", "c"): (1, 1),
                     ("b", "b"): (1, 1), (START, "a"): (3, 3), ("c", END): (3, 3)}
    ab = edge(d, "a", "b")
    assert ab["relative"] == pytest.approx(2 / 6)
    assert ab["out_share"] == pytest.approx(2 / 3)
    assert edge(d, START, "a")["relative"] == 1.0


def test_tiny_waiting_by_hand(tiny_frame):
    d = directly_follows(tiny_frame)
    ab = edge(d, "a", "b")  # 60 min (case 1) and 10 min (case 3)
    assert ab["wait_mean"] == pd.Timedelta(minutes=35)
    assert ab["wait_median"] == pd.Timedelta(minutes=35)
    assert ab["wait_p90"] == pd.Timedelta(minutes=55)  # 10 + 0.9 * 50, linear as pandas
    assert ab["wait_total"] == pd.Timedelta(minutes=70)
    assert edge(d, "b", "c")["wait_mean"] == pd.Timedelta(minutes=100)
    assert edge(d, "b", "b")["wait_median"] == pd.Timedelta(minutes=30)
    assert pd.isna(edge(d, START, "a")["wait_mean"])
    assert "duration_median" not in d.activities


def test_frame_not_mutated(tiny_frame):
    before = tiny_frame.copy()
    directly_follows(tiny_frame)
    pd.testing.assert_frame_equal(tiny_frame, before)


def test_interval_log_durations_and_waits():
    df = pd.DataFrame({
        "case:concept:name": ["1", "1", "1", "2", "2"],
        "concept:name": ["a", "b", "c", "a", "c"],
        "start_timestamp": pd.to_datetime(["2026-01-05 08:00", "2026-01-05 08:30",
                                           "2026-01-05 08:50", "2026-01-05 09:00",
                                           "2026-01-05 09:30"]),
        # b ends after c: ordered by start, b still directly precedes c
        "time:timestamp": pd.to_datetime(["2026-01-05 08:20", "2026-01-05 09:10",
                                          "2026-01-05 09:00", "2026-01-05 09:10",
                                          "2026-01-05 10:00"]),
    })
    d = directly_follows(df)
    assert d.has_durations
    acts = d.activities.set_index("activity")
    assert acts.loc["a", "duration_median"] == pd.Timedelta(minutes=15)  # 20 and 10
    assert acts.loc["b", "duration_mean"] == pd.Timedelta(minutes=40)
    assert edge(d, "a", "b")["wait_mean"] == pd.Timedelta(minutes=10)
    assert edge(d, "b", "c")["wait_mean"] == pd.Timedelta(minutes=-20)  # parallel: overlap
    assert edge(d, "a", "c")["wait_mean"] == pd.Timedelta(minutes=20)
    assert edge(d, "c", END)["count"] == 2


def test_lifecycle_log_pairs_start_and_complete():
    df = pd.DataFrame({
        "case:concept:name": ["1"] * 4,
        "concept:name": ["a", "a", "b", "b"],
        "lifecycle:transition": ["start", "complete", "start", "complete"],
        "time:timestamp": pd.to_datetime(["2026-01-05 08:00", "2026-01-05 08:10",
                                          "2026-01-05 08:40", "2026-01-05 09:00"]),
    })
    d = directly_follows(df)
    assert d.n_events == 2
    assert d.activities.set_index("activity")["duration_mean"].tolist() == [
        pd.Timedelta(minutes=10), pd.Timedelta(minutes=20)]
    assert edge(d, "a", "b")["wait_mean"] == pd.Timedelta(minutes=30)


def test_empty_log():
    df = pd.DataFrame({"case:concept:name": pd.Series(dtype=str),
                       "concept:name": pd.Series(dtype=str),
                       "time:timestamp": pd.Series(dtype="datetime64[ns]")})
    d = directly_follows(df)
    assert d.n_events == 0 and d.edges.empty and d.activities.empty


def pm4py_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """pm4py wants string case and activity columns (it refuses categoricals)."""
    f = frame.copy()
    for col in ("case:concept:name", "concept:name"):
        f[col] = f[col].astype(str)
    return f


@pytest.mark.parametrize("name", REAL_LOGS)
def test_equals_pm4py_on_real_logs(real_data, name):
    log = sh.read_event_log(real_data / name)
    d = directly_follows(log)
    pm = pm4py()
    with quiet():
        dfg, start, end = pm.discover_dfg(pm4py_frame(log.frame))
        perf, _, _ = pm.discover_performance_dfg(pm4py_frame(log.frame))
    inner = d.edges[(d.edges.source != START) & (d.edges.target != END)]
    assert {(r.source, r.target): r.count for r in inner.itertuples()} == dict(dfg)
    ours = inner.set_index(["source", "target"])
    for key, stats in perf.items():
        assert ours.loc[key, "wait_mean"].total_seconds() == pytest.approx(stats["mean"], abs=1e-6)
        assert ours.loc[key, "wait_median"].total_seconds() == pytest.approx(stats["median"],
                                                                             abs=1e-6)
        assert ours.loc[key, "wait_total"].total_seconds() == pytest.approx(stats["sum"],
                                                                            rel=1e-9, abs=1e-3)
    if not d.has_durations:  # pm4py takes the first row by end time, we order interval logs by start
        starts = d.edges[d.edges.source == START]
        assert dict(zip(starts.target, starts["count"])) == dict(start)
        ends = d.edges[d.edges.target == END]
        assert dict(zip(ends.source, ends["count"])) == dict(end)
    assert d.activities["events"].sum() == d.n_events == len(log.frame)
