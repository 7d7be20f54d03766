"""The lazy log on DuckDB gives the pandas path's numbers: on a hand-checkable log, on the
samples and on every real log (written to Parquet here)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import shadowing as sh
from shadowing.engines import LazyEventLog, scan_event_log

HAND = """Case,Activity,Start,End,Tool
1,a,2026-01-05 08:00:00,2026-01-05 08:10:00,ERP
1,b,2026-01-05 08:30:00,2026-01-05 09:00:00,ERP
1,c,2026-01-05 09:00:00,2026-01-05 09:00:00,Mail
2,a,2026-01-05 10:00:00,2026-01-05 10:20:00,ERP
"2 ",c,2026-01-05 11:20:00,2026-01-05 11:30:00,Mail
NA,a,2026-01-06 08:00:00,2026-01-06 08:05:00,ERP
NA,b,2026-01-06 08:05:00,2026-01-06 08:05:00,
NA, c ,2026-01-06 08:05:00,2026-01-06 09:05:00,Mail
3,a,,2026-01-07 08:00:00,ERP
3,a,2026-01-07 09:00:00,not a time,ERP
"""


def _seconds(frame: pd.DataFrame) -> pd.DataFrame:
    """Timedelta columns as float seconds (for a tolerance), others unchanged."""
    out = pd.DataFrame(frame).copy()
    for col in out.columns:
        if pd.api.types.is_timedelta64_dtype(out[col].dtype):
            out[col] = out[col].dt.total_seconds()
    return out


def same(left: pd.DataFrame, right: pd.DataFrame, what: str) -> None:
    """Equal frames: labels and counts exactly, times within a millisecond."""
    left, right = _seconds(left), _seconds(right)
    for col in left.columns:
        if left[col].dtype == object or isinstance(left[col].dtype, pd.StringDtype):
            left[col] = left[col].astype(object)
            right[col] = right[col].astype(object)
    pdt.assert_frame_equal(left, right, check_exact=False, rtol=0, atol=1e-3, obj=what)


def same_numbers(log, lazy: LazyEventLog, name: str) -> None:
    a, b = sh.directly_follows(log), sh.directly_follows(lazy)
    assert (a.n_cases, a.n_events, a.has_durations) == (b.n_cases, b.n_events, b.has_durations)
    same(a.activities, b.activities, f"{name} activities")
    same(a.edges, b.edges, f"{name} edges")
    same(sh.variants(log), sh.variants(lazy), f"{name} variants")


@pytest.fixture
def hand(tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text(HAND, encoding="utf-8")
    return path


def test_hand_checked_numbers(hand, caplog):
    with caplog.at_level(logging.WARNING):
        lazy = scan_event_log(hand, start_timestamp="Start", timestamp="End", system="Tool")
    assert "1 of 10 rows rejected" in caplog.text
    acc = lazy.accounting
    assert (acc.rows_read, acc.analysed, acc.rejected) == (10, 9, 1)
    assert acc.balanced
    d = sh.directly_follows(lazy)
    assert (d.n_cases, d.n_events, d.has_durations) == (4, 9, True)
    edges = d.edges.set_index(["source", "target"])
    # a → b in case 1 (08:10 → 08:30, 20 min) and in case NA (08:05 → 08:05, 0)
    ab = edges.loc[("a", "b")]
    assert (ab["count"], ab["cases"]) == (2, 2)
    assert ab["wait_mean"] == pd.Timedelta(minutes=10)
    assert ab["wait_median"] == pd.Timedelta(minutes=10)
    assert ab["wait_p90"] == pd.Timedelta(minutes=18)  # 0 + 0.9 * 20 min
    assert edges.loc[("a", "c"), "wait_total"] == pd.Timedelta(hours=1)
    # case "NA" is a case, and " c " is the activity c
    assert edges.loc[("[start]", "a"), "count"] == 4
    assert edges.loc[("c", "[end]"), "count"] == 3
    assert edges.loc[("a", "[end]"), "count"] == 1
    acts = d.activities.set_index("activity")
    assert acts.loc["a", "events"] == 4 and acts.loc["a", "cases"] == 4
    # durations of a: 10, 20, 5 min and 0 (case 3: no start, so start = end)
    assert acts.loc["a", "duration_total"] == pd.Timedelta(minutes=35)
    assert acts.loc["a", "duration_median"] == pd.Timedelta(minutes=7.5)
    v = sh.variants(lazy).set_index("variant")
    assert v.loc["a → b → c", "count"] == 2
    assert v.loc["a → b → c", "example_case"] == "1"
    assert v.loc["a → b → c", "median_throughput"] == pd.Timedelta(minutes=62.5)
    assert v.loc["a", "events"] == 1
    assert d.edges.attrs["engine"] == "duckdb" and d.edges.attrs["quantiles"].startswith("exact")
    assert sh.variants(lazy).attrs["quantiles"].startswith("exact")
    # the pandas path agrees on everything
    log = sh.read_event_log(hand, start_timestamp="Start", timestamp="End", system="Tool",
                            errors="drop")
    same_numbers(log, lazy, "hand")


def test_process_map_from_lazy_log(hand):
    lazy = scan_event_log(hand, start_timestamp="Start", timestamp="End", system="Tool")
    log = sh.read_event_log(hand, start_timestamp="Start", timestamp="End", system="Tool",
                            errors="drop")
    for kw in ({}, {"measure": "performance", "activities": 0.6}, {"paths": 0.5},
               {"color_by": "system", "lang": "nl"}):
        a, b = sh.process_map(log, **kw), sh.process_map(lazy, **kw)
        same(a.nodes, b.nodes, f"nodes {kw}")
        same(a.edges, b.edges, f"edges {kw}")
        assert a.footnote == b.footnote
        assert a.to_dot() == b.to_dot()
    assert b.nodes.set_index("activity").loc["c", "system"] == "Mail"
    assert "<svg" in b.svg


def test_parquet_glob_reads_files_in_order(hand, tmp_path):
    log = sh.read_event_log(hand, start_timestamp="Start", timestamp="End", errors="drop")
    frame = pd.DataFrame(log.frame)
    frame.iloc[:4].to_parquet(tmp_path / "part-0.parquet")
    frame.iloc[4:].to_parquet(tmp_path / "part-1.parquet")
    lazy = scan_event_log(tmp_path / "part-*.parquet")
    assert lazy.accounting.rows_read == 9
    same_numbers(log, lazy, "glob")


def test_memory_limit_and_spill_settings(hand, tmp_path):
    lazy = scan_event_log(hand, timestamp="End", memory_limit="200MB", threads=1,
                          temp_directory=tmp_path / "spill")
    limit = lazy.sql("SELECT current_setting('memory_limit') AS m")["m"].iloc[0]
    assert limit.replace(" ", "").startswith(("190", "200"))
    assert lazy.n_cases == 4
    lazy.close()


def test_errors(hand, tmp_path):
    with pytest.raises(sh.InputError, match="no such file"):
        scan_event_log(tmp_path / "missing.parquet")
    with pytest.raises(sh.InputError, match="no such file.*matches no file"):
        scan_event_log(tmp_path / "none-*.parquet")
    xes = tmp_path / "log.xes"
    xes.write_text("<log/>")
    with pytest.raises(sh.InputError, match=r"reads CSV .* and Parquet.*got '\.xes'"):
        scan_event_log(xes)
    with pytest.raises(sh.ParameterError, match="engine"):
        scan_event_log(hand, engine="sparkle")
    with pytest.raises(sh.ColumnNotFoundError, match="'Kase'.*not found.*Case"):
        scan_event_log(hand, case="Kase")
    bad = tmp_path / "bad.csv"
    bad.write_text("case,activity,timestamp\n1,a,45123\n1,b,45124\n")
    with pytest.raises(sh.InputError, match="Excel serial dates"):
        scan_event_log(bad)
    with pytest.raises(sh.ParameterError, match="memory_limit='lots'"):
        scan_event_log(hand, memory_limit="lots")
    lc = tmp_path / "lc.csv"
    lc.write_text("case,activity,timestamp,lifecycle:transition\n1,a,2026-01-05 08:00:00,start\n"
                  "1,a,2026-01-05 09:00:00,complete\n")
    with pytest.raises(sh.InputError, match="does not pair start and complete"):
        scan_event_log(lc)
    lazy = scan_event_log(lc, lifecycle=False)
    assert lazy.n_events == 2


def test_samples_via_parquet(tmp_path):
    path = sh.sample_path("wholesale") / "eventlog.csv"
    log = sh.read_event_log(path)
    pq = tmp_path / "wholesale.parquet"
    pd.DataFrame(log.frame).to_parquet(pq)
    lazy = scan_event_log(pq)
    assert lazy.columns["system"] == "system"
    same_numbers(log, lazy, "wholesale")
    a, b = sh.process_map(log, measure="performance"), sh.process_map(lazy, measure="performance")
    same(a.nodes, b.nodes, "wholesale nodes")
    assert a.footnote == b.footnote
    # and straight from the CSV: day-first dates inferred as read_event_log infers them
    with pytest.raises(sh.InputError, match="encoding='latin-1'"):
        scan_event_log(path)
    direct = scan_event_log(path, encoding="latin-1")
    assert direct.accounting.rejected == 0
    same_numbers(log, direct, "wholesale csv")
    given = scan_event_log(path, timestamp_format="%d/%m/%Y %H:%M", encoding="latin-1")
    same_numbers(log, given, "wholesale csv, format given")


REAL_LOGS = ["helpdesk/helpdesk.csv", "sepsis/sepsis.csv", "production/Production.csv",
             "receipt/08_receipt.xes.gz", "road_traffic_fines/roadtraffic100traces.xes",
             "running-example/running-example.xes"]


@pytest.mark.parametrize("name", REAL_LOGS)
def test_real_logs_same_numbers_via_parquet(real_data, tmp_path, name):
    log = sh.read_event_log(real_data / name)
    # the activity instances (lifecycle logs paired by the pandas reader) as Parquet
    frame = pd.DataFrame(sh.activity_instances(log))
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.CategoricalDtype):
            frame[col] = frame[col].astype(str)
    pq = tmp_path / "log.parquet"
    frame.to_parquet(pq)
    lazy = scan_event_log(pq, case="case:concept:name", activity="concept:name",
                          timestamp="time:timestamp", lifecycle=False,
                          start_timestamp="start_timestamp" if "start_timestamp" in frame
                          else None)
    assert lazy.accounting.rows_read == len(frame) == lazy.accounting.analysed
    same_numbers(log, lazy, name)
    a, b = sh.process_map(log, activities=0.8, paths=0.8), sh.process_map(lazy, activities=0.8,
                                                                        paths=0.8)
    same(a.edges, b.edges, f"{name} map edges")
    assert a.footnote == b.footnote


@pytest.mark.parametrize("name", [n for n in REAL_LOGS if n.endswith(".csv")])
def test_real_csv_scanned_directly(real_data, name):
    log = sh.read_event_log(real_data / name)
    lazy = scan_event_log(real_data / name)
    assert lazy.accounting.rows_read == log.accounting.rows_read
    assert {k: v for k, v in lazy.columns.items() if k != "lifecycle"} == {
        k: v for k, v in log.columns.items() if k != "lifecycle"}
    same_numbers(log, lazy, name)


# -- Spark (local mode): the same numbers through the same SQL ---------------------------------

@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="PySpark not installed (pip install shadowing[spark])")
    import shutil

    if shutil.which("java") is None:
        pytest.skip("no Java runtime on PATH (apt-get install default-jre-headless)")
    from shadowing.engines.spark import session

    s = session()
    yield s
    s.stop()


def _parquet_us(frame: pd.DataFrame, path) -> None:
    """Parquet with microsecond times (Spark does not read pandas' nanosecond ones)."""
    frame = pd.DataFrame(frame).copy()
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.CategoricalDtype):
            frame[col] = frame[col].astype(str)
    frame.to_parquet(path, coerce_timestamps="us", allow_truncated_timestamps=True)


@pytest.mark.slow  # Spark starts a Java process (about 30 s here); CI (make test) runs these
def test_spark_hand_checked(spark, hand, tmp_path):
    log = sh.read_event_log(hand, start_timestamp="Start", timestamp="End", system="Tool",
                            errors="drop")
    lazy = scan_event_log(hand, engine="spark", spark=spark, start_timestamp="Start",
                          timestamp="End", system="Tool")
    assert (lazy.accounting.rows_read, lazy.accounting.rejected) == (10, 1)
    same_numbers(log, lazy, "spark hand csv")
    for kw in ({}, {"measure": "performance", "activities": 0.6}, {"color_by": "system"}):
        a, b = sh.process_map(log, **kw), sh.process_map(lazy, **kw)
        same(a.nodes, b.nodes, f"spark nodes {kw}")
        same(a.edges, b.edges, f"spark edges {kw}")
        assert a.footnote == b.footnote
    # a Spark DataFrame and a table name are sources too
    pq = tmp_path / "hand.parquet"
    _parquet_us(log.frame, pq)
    df = spark.read.parquet(str(pq))
    same_numbers(log, scan_event_log(df, engine="spark", spark=spark), "spark DataFrame")
    df.createOrReplaceTempView("hand_events")
    same_numbers(log, scan_event_log("hand_events", engine="spark", spark=spark), "spark table")
    with pytest.raises(sh.ParameterError, match="DuckDB settings"):
        scan_event_log(df, engine="spark", spark=spark, memory_limit="1GB")


@pytest.mark.slow
@pytest.mark.parametrize("name", REAL_LOGS)
def test_spark_real_logs_same_numbers(spark, real_data, tmp_path, name):
    log = sh.read_event_log(real_data / name)
    frame = pd.DataFrame(sh.activity_instances(log))
    pq = tmp_path / "log.parquet"
    _parquet_us(frame, pq)
    lazy = scan_event_log(pq, engine="spark", spark=spark, case="case:concept:name",
                          activity="concept:name", timestamp="time:timestamp", lifecycle=False,
                          start_timestamp="start_timestamp" if "start_timestamp" in frame
                          else None)
    assert lazy.accounting.rows_read == len(frame) == lazy.accounting.analysed
    same_numbers(log, lazy, f"spark {name}")


def test_every_row_rejected(tmp_path, caplog):
    path = tmp_path / "empty.csv"
    path.write_text("case,activity,timestamp\n1,,2026-01-01 00:00:00\n,b,2026-01-01 00:00:00\n"
                    "2,  ,2026-01-01 00:00:00\n")
    with caplog.at_level(logging.WARNING):
        lazy = scan_event_log(path)
    assert "3 of 3 rows rejected" in caplog.text
    assert (lazy.accounting.rows_read, lazy.accounting.analysed) == (3, 0)
    d = sh.directly_follows(lazy)
    assert (d.n_cases, d.n_events, len(d.edges), len(d.activities)) == (0, 0, 0, 0)
    v = sh.variants(lazy)
    assert len(v) == 0 and list(v.columns) == list(sh.variants(
        sh.read_event_log(sh.sample_path("wholesale") / "eventlog.csv")).columns)
    assert sh.process_map(lazy).footnote == "0 cases, 0 events."
