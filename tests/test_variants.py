"""Variants: by hand on the tiny log, against pm4py on the real logs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import shadowing as sh
from shadowing._pm4py import pm4py, quiet
from shadowing.analysis.dfg import events_of
from shadowing.analysis.variants import case_variants, variants

REAL_LOGS = ["helpdesk/helpdesk.csv", "receipt/08_receipt.xes.gz",
             "road_traffic_fines/roadtraffic100traces.xes", "running-example/running-example.xes",
             "sepsis/sepsis.csv"]


def test_tiny_variants_by_hand(tiny_frame):
    v = variants(tiny_frame)
    assert list(v.columns) == ["variant", "events", "count", "share", "cumulative_share",
                               "median_throughput", "example_case"]
    # three different paths, one case each; ties sorted by name
    assert v["variant"].tolist() == ["a → b → b → c", "a → b → c", "a → c"]
    assert v["count"].tolist() == [1, 1, 1]
    assert v["events"].tolist() == [4, 3, 2]
    assert v["cumulative_share"].tolist() == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert v["median_throughput"].tolist() == [pd.Timedelta(hours=2), pd.Timedelta(hours=3),
                                               pd.Timedelta(minutes=30)]
    assert v["example_case"].tolist() == ["3", "1", "2"]


def test_counts_and_median_throughput():
    rows = []
    for case, start, hours in (("x", "2026-01-05", 1), ("y", "2026-01-06", 3), ("z", "2026-01-07", 8),
                               ("w", "2026-01-08", 2)):
        seq = "ab" if case != "w" else "ba"
        t0 = pd.Timestamp(start)
        rows += [(case, seq[0], t0), (case, seq[1], t0 + pd.Timedelta(hours=hours))]
    df = pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp"])
    v = variants(df)
    assert v.iloc[0][["variant", "count", "share"]].tolist() == ["a → b", 3, 0.75]
    assert v.iloc[0]["median_throughput"] == pd.Timedelta(hours=3)
    assert v.iloc[0]["example_case"] == "x"
    assert v.iloc[1]["variant"] == "b → a"


def test_interval_throughput_from_first_start():
    df = pd.DataFrame({"case:concept:name": ["1", "1"], "concept:name": ["a", "b"],
                       "start_timestamp": pd.to_datetime(["2026-01-05 07:00", "2026-01-05 08:30"]),
                       "time:timestamp": pd.to_datetime(["2026-01-05 08:00", "2026-01-05 09:00"])})
    assert variants(df)["median_throughput"].tolist() == [pd.Timedelta(hours=2)]


def test_no_hash_merges_similar_sequences():
    # same multiset, same length, different order; plus labels with the separator inside
    traces = [["a", "b", "c"], ["c", "b", "a"], ["b", "a", "c"], ["a → b", "c"], ["a", "b → c"]]
    rows = [(f"c{i}", act, pd.Timestamp("2026-01-05") + pd.Timedelta(minutes=j))
            for i, t in enumerate(traces) for j, act in enumerate(t)]
    df = pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp"])
    assert len(variants(df)) == 5
    ev, _ = events_of(df)
    assert len(np.unique(case_variants(ev))) == 5


def test_empty_log():
    df = pd.DataFrame({"case:concept:name": pd.Series(dtype=str),
                       "concept:name": pd.Series(dtype=str),
                       "time:timestamp": pd.Series(dtype="datetime64[ns]")})
    v = variants(df)
    assert v.empty and "variant" in v.columns


@pytest.mark.parametrize("name", REAL_LOGS)
def test_same_variants_as_pm4py(real_data, name):
    log = sh.read_event_log(real_data / name)
    f = log.frame.copy()
    for col in ("case:concept:name", "concept:name"):
        f[col] = f[col].astype(str)
    with quiet():
        theirs = pm4py().get_variants(f)
    v = variants(log)
    assert v["count"].sum() == log.n_cases
    ours = dict(zip(v["variant"], v["count"]))
    assert ours == {" → ".join(k): n for k, n in theirs.items()}
    assert v["cumulative_share"].iloc[-1] == pytest.approx(1.0)
