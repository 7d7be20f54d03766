"""`scan_event_log`: an event log that stays in the engine, and its aggregations.

The rows never come into Python: the engine orders each case once (`sql.ORDERED`), and the
activity, edge and variant aggregations run on that; only the small results (one row per
activity, edge or variant) come back and are shaped exactly as the pandas path shapes them
(`shadowing.analysis.dfg`, `shadowing.analysis.variants`).
"""

from __future__ import annotations

import logging
import time
from typing import Sequence

import duckdb
import numpy as np
import pandas as pd

from ..analysis.dfg import END, START, DirectlyFollows, finish_edges, seconds_to_timedelta
from ..errors import InputError
from ..model.eventlog import Accounting
from ..model.lazy import LazyLog
from . import duck, sql

log = logging.getLogger(__name__)

_STATS = ("median", "mean", "p90", "total")


class LazyEventLog(LazyLog):
    #: The SQL dialect of the engine (see `sql.query`).
    dialect = "duckdb"
    #: The engine's names of the events, the ordered events and the variants.
    _names = ("ev", "ordered", "variant_paths")

    """An event log read by an engine (DuckDB); no rows in Python memory.

    Made by `scan_event_log`. `directly_follows`, `process_map` and `variants` accept it and
    return what they return for an `EventLog` read with `read_event_log`.

    Attributes
    ----------
    source : str
    engine : str
    columns : dict
        Role → column name in the source.
    role_notes : dict
        Role → why that column was chosen.
    accounting : Accounting
        Rows read = analysed + rejected (rows without case, activity or a readable time),
        counted in the engine.
    has_intervals : bool
        Whether the log has start times (activity durations are then known).
    """

    def __init__(self, con, *, source: str, engine: str, columns: dict, role_notes: dict,
                 accounting: Accounting, has_intervals: bool, systems: pd.DataFrame | None):
        self._con = con
        self.source = source
        self.engine = engine
        self.columns = dict(columns)
        self.role_notes = dict(role_notes)
        self.accounting = accounting
        self.has_intervals = has_intervals
        self._systems = systems
        self.filters: tuple = ()
        self._dfg: dict = {}
        self._variants: pd.DataFrame | None = None
        self._built_for: tuple | None = None

    # -- sizes --------------------------------------------------------------------------

    @property
    def n_events(self) -> int:
        return self.accounting.analysed

    @property
    def n_cases(self) -> int:
        if "n_cases" not in self._dfg:
            self._dfg["n_cases"] = int(self._query(
                "SELECT count(DISTINCT case_id) FROM ev").fetchone()[0])
        return self._dfg["n_cases"]

    def __len__(self) -> int:
        return self.n_events

    def __repr__(self) -> str:
        roles = ", ".join(f"{k}={v!r}" for k, v in self.columns.items())
        return (f"<LazyEventLog {self.source!r} on {self.engine}: "
                f"{self.accounting.sentence()}; {roles}>")

    def sql(self, query: str) -> pd.DataFrame:
        """Run a query of your own on the view ``ev`` (one row per analysed event: ``case_id``,
        ``act``, ``t_end``, ``t_start``, ``line``) and return its result."""
        return self._query(query).df()

    def close(self) -> None:
        """Close the engine's connection (temporary files are removed)."""
        self._con.close()

    # -- engine plumbing ----------------------------------------------------------------

    def _query(self, text: str):
        try:
            return self._con.execute(text)
        except duckdb.Error as exc:  # a file that changed, a bad row deep in a CSV, a full disk
            raise InputError(f"{self.source}: {self.engine} failed: "
                             f"{str(exc).splitlines()[0]}", source=self.source) from None

    def _build(self, keep: Sequence[str] | None) -> tuple[str, str]:
        """Create (once per activity selection) the events in case order and the variants."""
        key = None if keep is None else tuple(sorted(keep))
        ev, o, v = self._names
        if self._built_for != (key,):
            src = ev
            if keep is not None:
                listed = ", ".join(duck.quote_str(a) for a in key) or "NULL"
                src = f"(SELECT * FROM {ev} WHERE act::VARCHAR IN ({listed}))" \
                    if self.dialect == "duckdb" else f"(SELECT * FROM {ev} WHERE act IN ({listed}))"
            t0 = time.perf_counter()
            self._materialise(o, sql.query("ORDERED", self.dialect, ev=src))
            t1 = time.perf_counter()
            self._materialise(v, sql.query("VARIANTS", self.dialect, o=o))
            log.info("%s: events ordered per case in %.1f s, variants in %.1f s", self.source,
                     t1 - t0, time.perf_counter() - t1)
            self._built_for = (key,)
        return o, v

    def _materialise(self, name: str, query: str) -> None:
        self._query(f"CREATE OR REPLACE TEMP TABLE {name} AS {query}")

    def _frame(self, query: str) -> pd.DataFrame:
        """A small result as a DataFrame with plain text labels (not DuckDB's ENUM)."""
        out = self._query(query).df()
        for col in out.columns:
            if isinstance(out[col].dtype, pd.CategoricalDtype):
                out[col] = out[col].astype(object)
        return out

    # -- aggregations -------------------------------------------------------------------

    def aggregate_dfg(self, *, keep: Sequence[str] | None = None) -> DirectlyFollows:
        key = None if keep is None else tuple(sorted(keep))
        if ("dfg", key) in self._dfg:
            return self._dfg[("dfg", key)]
        o, v = self._build(keep)
        d = self.dialect
        acts = self._frame(sql.query("ACTIVITIES", d, o=o)).merge(
            self._frame(sql.query("ACTIVITY_CASES", d, v=v)), on="activity", how="left")
        inner = self._frame(sql.query("EDGES", d, o=o)).merge(
            self._frame(sql.query("EDGE_CASES", d, v=v)), on=["source", "target"], how="left")
        result = assemble_dfg(acts, inner, has_durations=self.has_intervals)
        for frame in (result.activities, result.edges):
            frame.attrs.update(self._attrs())
        self._dfg[("dfg", key)] = result
        return result

    def aggregate_variants(self) -> pd.DataFrame:
        if self._variants is None:
            _, v = self._build(None)
            self._variants = assemble_variants(
                self._frame(sql.query("VARIANT_ROWS", self.dialect, v=v)))
            self._variants.attrs.update(self._attrs())
        return self._variants.copy()

    def _attrs(self) -> dict:
        """What the results' ``attrs`` say about how they were computed."""
        return {"engine": self.engine, "source": self.source,
                "quantiles": "exact (linear interpolation between the two nearest values, as "
                             "pandas; no approximation error)"}

    def activity_systems(self) -> pd.DataFrame | None:
        return None if self._systems is None else self._systems.copy()


# -- shaping the engine's small results as the pandas path does ----------------------------

def assemble_dfg(acts: pd.DataFrame, inner: pd.DataFrame, *,
                 has_durations: bool) -> DirectlyFollows:
    """`DirectlyFollows` from per-activity and per-edge aggregates (see `sql`)."""
    n_events = int(acts["events"].sum()) if len(acts) else 0
    n_cases = int(acts["starts"].sum()) if len(acts) else 0
    out = pd.DataFrame({"activity": acts["activity"].astype(object).to_numpy(),
                        "events": acts["events"].to_numpy(np.int64),
                        "cases": acts["cases"].to_numpy(np.int64)})
    out["relative"] = out["events"] / max(n_events, 1)
    out["case_share"] = out["cases"] / max(n_cases, 1)
    if has_durations:
        for name in _STATS:
            out[f"duration_{name}"] = seconds_to_timedelta(
                acts[f"duration_{name}"].to_numpy(float))
    out = out.sort_values(["events", "activity"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)

    n_trans = max(int(inner["count"].sum()) if len(inner) else 0, 1)
    edges = pd.DataFrame({"source": inner["source"].astype(object).to_numpy(),
                          "target": inner["target"].astype(object).to_numpy(),
                          "count": inner["count"].to_numpy(np.int64),
                          "cases": inner["cases"].to_numpy(np.int64)})
    edges["relative"] = edges["count"] / n_trans
    for name in _STATS:
        edges[f"wait_{name}"] = seconds_to_timedelta(inner[f"wait_{name}"].to_numpy(float))
    parts = [edges]
    for node, col in ((START, "starts"), (END, "ends")):
        sel = acts.loc[acts[col] > 0]
        labels = sel["activity"].astype(object).to_numpy()
        c = sel[col].to_numpy(np.int64)
        part = pd.DataFrame({"source": START if node == START else labels,
                             "target": labels if node == START else END,
                             "count": c, "cases": c, "relative": c / max(n_cases, 1)})
        for name in _STATS:
            part[f"wait_{name}"] = pd.Series(pd.NaT, index=part.index,
                                             dtype=edges[f"wait_{name}"].dtype)
        parts.append(part)
    edges = pd.concat([p for p in parts if len(p)] or parts, ignore_index=True)
    edges = finish_edges(edges, n_cases)
    return DirectlyFollows(activities=out, edges=edges, n_cases=n_cases, n_events=n_events,
                           has_durations=has_durations)


def assemble_variants(raw: pd.DataFrame) -> pd.DataFrame:
    """The variants frame (as `shadowing.variants`) from per-variant aggregates."""
    n_cases = int(raw["count"].sum()) if len(raw) else 0
    out = pd.DataFrame({
        "variant": raw["variant"].astype(object).to_numpy(),
        "events": raw["events"].to_numpy(np.int64),
        "count": raw["count"].to_numpy(np.int64),
        "share": raw["count"].to_numpy(np.int64) / max(n_cases, 1),
        "median_throughput": pd.to_timedelta(np.round(raw["median_s"].to_numpy(float) * 1e9),
                                             unit="ns"),
        "example_case": raw["example_case"].astype(object).to_numpy(),
    })
    out = out.sort_values(["count", "variant"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.insert(4, "cumulative_share", out["share"].cumsum())
    return out


# -- DuckDB ---------------------------------------------------------------------------------

def scan_duckdb(source, *, explicit: dict, lifecycle: bool, timestamp_format: str | None,
                encoding: str | None, memory_limit: str | None, threads: int | None,
                temp_directory) -> LazyEventLog:
    """`scan_event_log` for ``engine="duckdb"``."""
    files, kind = duck.files_of(source)
    con = duck.connect(memory_limit=memory_limit, threads=threads,
                       temp_directory=temp_directory)
    try:
        scan = duck.scan_files(con, files, kind, encoding=encoding)
        roles, why, numbers, has_start, systems = duck.build_events(
            con, scan, explicit, timestamp_format=timestamp_format, lifecycle=lifecycle)
    except duckdb.Error as exc:
        con.close()
        raise InputError(f"{files[0]}: DuckDB cannot read it: {str(exc).splitlines()[0]}",
                         source=files[0]) from None
    except BaseException:
        con.close()
        raise
    acc = Accounting(rows_read=numbers["rows_read"], analysed=numbers["analysed"],
                     rejected=numbers["rejected"])
    return LazyEventLog(con, source=scan.source, engine="duckdb", columns=roles,
                        role_notes=why, accounting=acc, has_intervals=has_start,
                        systems=systems)
