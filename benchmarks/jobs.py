"""What is measured: each job is a factory that does the untimed set-up and returns the timed call.

A factory takes the context (paths of the inputs, a scratch folder) and returns a zero-argument
callable; `run.py` runs that callable in a fresh subprocess, several times, timing each call and
recording the process's peak resident memory during it. A factory raises `NotAvailable` when the
library function it measures does not exist yet.

``OURS`` are shadowing's calls, ``PM4PY`` the pm4py calls that do the same job on the same data.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


class NotAvailable(Exception):
    """The function a job measures is not in the library yet."""


def _sh(name: str, module: str | None = None):
    """``shadowing.<name>`` (or ``shadowing.<module>.<name>``), or raise `NotAvailable`."""
    import shadowing  # noqa: PLC0415

    obj = getattr(shadowing, name, None)
    if obj is None and module is not None:
        try:
            obj = getattr(importlib.import_module(f"shadowing.{module}"), name, None)
        except ImportError:
            obj = None
    if obj is None:
        raise NotAvailable(f"shadowing.{name}" + (f" (shadowing/{module}.py)" if module else ""))
    return obj


def _pm():
    from shadowing._pm4py import pm4py, quiet  # noqa: PLC0415

    return pm4py(), quiet


def _log(ctx):
    """The canonical log of this size (read from Parquet; untimed set-up)."""
    return _sh("read_event_log")(ctx["parquet"])


def _keys(ctx) -> dict:
    """format_dataframe's column arguments: the export's first three columns."""
    case, act, ts = ctx["columns"][:3]
    return dict(case_id=case, activity_key=act, timestamp_key=ts)


# -- shadowing ----------------------------------------------------------------------------------

def ours_read_csv(ctx):
    read = _sh("read_event_log")
    return lambda: read(ctx["csv"])


def ours_read_parquet(ctx):
    read = _sh("read_event_log")
    return lambda: read(ctx["parquet"])


def ours_dfg(ctx):
    try:
        fn = _sh("directly_follows", "dfg")
    except NotAvailable:
        pm = _sh("process_map")
        lg = _log(ctx)
        return lambda: pm(lg, measure="performance")
    lg = _log(ctx)
    return lambda: fn(lg)


def ours_process_map(ctx):
    pm = _sh("process_map")
    lg = _log(ctx)
    return lambda: pm(lg, measure="performance").to_dot()


def ours_variants(ctx):
    fn = _sh("variants")
    lg = _log(ctx)
    return lambda: fn(lg)


def ours_hotspots(ctx):
    fn = _sh("hotspots")
    lg = _log(ctx)
    return lambda: fn(lg, hourly_rate=45)


def _ours_compare(ctx, kind):
    compare, read_perceived = _sh("compare"), _sh("read_perceived")
    lg = _log(ctx)

    def job():
        cmp = compare(read_perceived(ctx[kind]), lg)
        return cmp.conformance, cmp.deviations
    return job


def ours_compare_yaml(ctx):
    return _ours_compare(ctx, "yaml")


def ours_compare_bpmn(ctx):
    return _ours_compare(ctx, "bpmn")


def ours_fitness(ctx):
    """``Comparison.fitness``: token replay (lazy, through pm4py) on a finished comparison."""
    compare, read_perceived = _sh("compare"), _sh("read_perceived")
    cmp = compare(read_perceived(ctx["yaml"]), _log(ctx))
    if not hasattr(type(cmp), "fitness"):
        raise NotAvailable("Comparison.fitness")
    cache = getattr(cmp, "_cache", None)

    def job():
        if isinstance(cache, dict):  # fitness is cached on the Comparison: replay afresh
            cache.clear()
        return cmp.fitness
    return job


def ours_pipeline(ctx):
    read, pm, hs = _sh("read_event_log"), _sh("process_map"), _sh("hotspots")
    compare, read_perceived = _sh("compare"), _sh("read_perceived")

    def job():
        lg = read(ctx["csv"])
        pm(lg, measure="performance").to_dot()
        hs(lg, hourly_rate=45)
        compare(read_perceived(ctx["yaml"]), lg).conformance
    return job


def ours_report(ctx):
    fn = _sh("run_report")
    out = Path(ctx["scratch"]) / "report"

    def job():
        return fn(ctx["report_dir"], out, lang="en", formats=("html", "pdf"))
    return job


def _filter_log(ctx):
    """The log a filter starts from: read, and looked at once (its categorical analysis frame
    is built on first use and kept on the log, as after any map or variants call; about 0.5 s
    at 1M events, untimed here and stated in the README)."""
    lg = _log(ctx)
    lg.instances_view()
    return lg


def _period(frame):
    """The middle third of the log's time span (the bounds the time-range rows filter on)."""
    ts = frame["time:timestamp"]
    lo, hi = ts.min(), ts.max()
    return lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3


def ours_filter_time_range(ctx):
    fn = _sh("filter_time_range")
    lg = _filter_log(ctx)
    lo, hi = _period(lg.frame)
    return lambda: fn(lg, dt1=lo, dt2=hi, mode="intersecting")


def ours_filter_variants_top_k(ctx):
    fn = _sh("filter_variants_top_k")
    lg = _filter_log(ctx)
    return lambda: fn(lg, k=10)


def ours_filter_directly_follows(ctx):
    fn = _sh("filter_directly_follows_relation")
    lg = _filter_log(ctx)
    acts = lg.activities
    return lambda: fn(lg, relations=[(acts[0], acts[1]), (acts[2], acts[3])])


def ours_filter_case_performance(ctx):
    fn = _sh("filter_case_performance")
    lg = _filter_log(ctx)
    return lambda: fn(lg, min_performance=3600, max_performance=7 * 86400)


#: DuckDB's memory limit in the engine rows (it spills to the scratch folder beyond it).
DUCKDB_MEMORY = "3GB"


def ours_map_variants_pandas(ctx):
    """The in-memory path from the Parquet file: read, performance map, variants (all timed)."""
    read, pm, var = _sh("read_event_log"), _sh("process_map"), _sh("variants")

    def job():
        lg = read(ctx["parquet"])
        return pm(lg, measure="performance").to_dot(), var(lg)
    return job


def ours_map_variants_duckdb(ctx):
    """The same from the same file through DuckDB: scan, performance map, variants (timed)."""
    scan, pm, var = _sh("scan_event_log"), _sh("process_map"), _sh("variants")
    spill = Path(ctx["scratch"]) / "duckdb-spill"

    keep = Path(ctx["parquet"]).with_suffix(".map.svg")  # beside the data (git-ignored)

    def job():
        lz = scan(ctx["parquet"], memory_limit=DUCKDB_MEMORY, temp_directory=spill)
        try:
            m = pm(lz, measure="performance")
            out = m.to_dot(), var(lz)
            if ctx.get("size") in ("20M", "100M"):  # the map itself, rendered, with its footnote
                m.save(keep)
            return out
        finally:
            lz.close()
    return job


def ours_map_variants_spark(ctx):
    """The same through Spark in local mode (``local[2]``). Untimed set-up: starting Spark and
    a copy of the Parquet file with microsecond times (Spark does not read pandas' nanosecond
    Parquet times); timed: scan, performance map, variants."""
    scan, pm, var = _sh("scan_event_log"), _sh("process_map"), _sh("variants")
    try:
        import pyspark  # noqa: F401, PLC0415
    except ImportError:
        raise NotAvailable("pyspark (pip install shadowing[spark])") from None
    from shadowing.engines.spark import session  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    src = Path(ctx["parquet"])
    us = Path(ctx["scratch"]) / (src.stem + "-us.parquet")
    if not us.exists():
        table = pq.read_table(src)
        table = table.cast(pa.schema([pa.field(f.name, pa.timestamp("us", f.type.tz))
                                      if pa.types.is_timestamp(f.type) else f
                                      for f in table.schema]))
        pq.write_table(table, us)
    spark = session()

    def job():
        lz = scan(str(us), engine="spark", spark=spark)
        try:
            return pm(lz, measure="performance").to_dot(), var(lz)
        finally:
            lz.close()
    return job


# -- pm4py --------------------------------------------------------------------------------------

def pm_read_csv(ctx):
    pm, quiet = _pm()
    import pandas as pd  # noqa: PLC0415

    def job():
        with quiet():
            df = pd.read_csv(ctx["csv"])
            return pm.format_dataframe(df, **_keys(ctx))
    return job


def pm_read_parquet(ctx):
    pm, quiet = _pm()
    import pandas as pd  # noqa: PLC0415

    def job():
        with quiet():
            return pm.format_dataframe(pd.read_parquet(ctx["parquet"]), **_keys(ctx))
    return job


def _pm_frame(ctx):
    """The very frame shadowing works on (its canonical frame, pm4py's column names).

    pm4py refuses categorical case and activity columns ("should contain a column of type
    string"), so labels are turned into plain strings first (untimed).
    """
    import pandas as pd  # noqa: PLC0415

    df = _log(ctx).frame.copy()
    for col in df.columns:
        if isinstance(df[col].dtype, pd.CategoricalDtype):
            df[col] = df[col].astype(str)
    return df


def pm_dfg(ctx):
    pm, quiet = _pm()
    df = _pm_frame(ctx)

    def job():
        with quiet():
            return pm.discover_dfg(df), pm.discover_performance_dfg(df)
    return job


def pm_variants(ctx):
    pm, quiet = _pm()
    df = _pm_frame(ctx)

    def job():
        with quiet():
            return pm.get_variants(df)
    return job


def pm_filter_time_range(ctx):
    """pm4py compares with UTC times (as format_dataframe makes them): localised untimed."""
    pm, quiet = _pm()
    df = _pm_frame(ctx)
    lo, hi = _period(df)
    if df["time:timestamp"].dt.tz is None:
        df["time:timestamp"] = df["time:timestamp"].dt.tz_localize("UTC")
        lo, hi = lo.tz_localize("UTC"), hi.tz_localize("UTC")

    def job():
        with quiet():
            return pm.filter_time_range(df, lo, hi, mode="traces_intersecting")
    return job


def pm_filter_variants_top_k(ctx):
    pm, quiet = _pm()
    df = _pm_frame(ctx)

    def job():
        with quiet():
            return pm.filter_variants_top_k(df, 10)
    return job


def pm_filter_directly_follows(ctx):
    pm, quiet = _pm()
    df = _pm_frame(ctx)
    acts = sorted(df["concept:name"].unique())

    def job():
        with quiet():
            return pm.filter_directly_follows_relation(df, [(acts[0], acts[1]), (acts[2], acts[3])])
    return job


def pm_filter_case_performance(ctx):
    pm, quiet = _pm()
    df = _pm_frame(ctx)

    def job():
        with quiet():
            return pm.filter_case_performance(df, 3600, 7 * 86400)
    return job


def _pm_net(pm, quiet, path):
    with quiet():
        return pm.convert_to_petri_net(pm.read_bpmn(str(path)))


def pm_replay(ctx):
    """Token-based replay against the perception (as a Petri net from its BPMN twin)."""
    pm, quiet = _pm()
    df = _pm_frame(ctx)
    net, im, fm = _pm_net(pm, quiet, ctx["bpmn"])

    def job():
        with quiet():
            return pm.fitness_token_based_replay(df, net, im, fm)
    return job


def pm_replay_bpmn(ctx):
    """Read the BPMN, convert it to a Petri net, replay: all timed."""
    pm, quiet = _pm()
    df = _pm_frame(ctx)

    def job():
        net, im, fm = _pm_net(pm, quiet, ctx["bpmn"])
        with quiet():
            return pm.fitness_token_based_replay(df, net, im, fm)
    return job


def pm_pipeline(ctx):
    pm, quiet = _pm()
    import pandas as pd  # noqa: PLC0415

    def job():
        with quiet():
            df = pm.format_dataframe(pd.read_csv(ctx["csv"]), **_keys(ctx))
            pm.discover_dfg(df)
            pm.discover_performance_dfg(df)
        net, im, fm = _pm_net(pm, quiet, ctx["bpmn"])
        with quiet():
            return pm.fitness_token_based_replay(df, net, im, fm)
    return job


def pm_map_variants(ctx):
    pm, quiet = _pm()
    import pandas as pd  # noqa: PLC0415

    def job():
        with quiet():
            df = pm.format_dataframe(pd.read_parquet(ctx["parquet"]), **_keys(ctx))
            return (pm.discover_dfg(df), pm.discover_performance_dfg(df), pm.get_variants(df))
    return job


# -- the table ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    key: str
    what: str                       # shadowing's side, in words
    ours: Callable
    theirs: Callable | None = None
    theirs_what: str = ""           # pm4py's side, in words
    only_size: str | None = None    # "report": only at the report size


JOBS = [
    Job("read_csv", "read_event_log(CSV)", ours_read_csv, pm_read_csv,
        "pd.read_csv + format_dataframe"),
    Job("read_parquet", "read_event_log(Parquet)", ours_read_parquet, pm_read_parquet,
        "pd.read_parquet + format_dataframe"),
    Job("dfg", "directly_follows (counts + waiting times)", ours_dfg, pm_dfg,
        "discover_dfg + discover_performance_dfg"),
    Job("process_map", "process_map(performance) + to_dot", ours_process_map),
    Job("variants", "variants", ours_variants, pm_variants, "get_variants"),
    Job("hotspots", "hotspots(hourly_rate=45)", ours_hotspots),
    Job("compare_yaml", "read_perceived(YAML) + compare (conformance, deviations)",
        ours_compare_yaml, pm_replay, "fitness_token_based_replay (same model as a Petri net)"),
    Job("compare_bpmn", "read_perceived(BPMN) + compare (conformance, deviations)",
        ours_compare_bpmn, pm_replay_bpmn,
        "read_bpmn + convert_to_petri_net + fitness_token_based_replay"),
    Job("fitness", "Comparison.fitness (token replay, lazy)", ours_fitness, pm_replay,
        "fitness_token_based_replay"),
    Job("pipeline", "pipeline: read CSV + process map + hotspots + compare (no fitness)",
        ours_pipeline,
        pm_pipeline, "read_csv + format_dataframe + DFG + performance DFG + token replay"),
    Job("filter_time_range", "filter_time_range(intersecting, middle third)",
        ours_filter_time_range, pm_filter_time_range,
        "filter_time_range(traces_intersecting)"),
    Job("filter_variants_top_k", "filter_variants_top_k(k=10)", ours_filter_variants_top_k,
        pm_filter_variants_top_k, "filter_variants_top_k(10)"),
    Job("filter_directly_follows", "filter_directly_follows_relation(2 pairs)",
        ours_filter_directly_follows, pm_filter_directly_follows,
        "filter_directly_follows_relation"),
    Job("filter_case_performance", "filter_case_performance(1 h to 7 days)",
        ours_filter_case_performance, pm_filter_case_performance, "filter_case_performance"),
    Job("report", "run_report (notebook, HTML + PDF)", ours_report, only_size="report"),
    Job("map_variants_pandas", "Parquet → process_map(performance) + variants, pandas "
        "(read_event_log)", ours_map_variants_pandas, pm_map_variants,
        "read_parquet + format_dataframe + DFG + performance DFG + get_variants"),
    Job("map_variants_duckdb", "Parquet → process_map(performance) + variants, DuckDB "
        f"(scan_event_log, memory_limit={DUCKDB_MEMORY})", ours_map_variants_duckdb),
    Job("map_variants_spark", "Parquet → process_map(performance) + variants, Spark local[2] "
        "(scan_event_log engine='spark')", ours_map_variants_spark),
]

BY_KEY = {j.key: j for j in JOBS}
