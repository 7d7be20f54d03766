"""Waste detectors on an event log: the staff-time rows behind `shadowing.analysis.hotspots`.

Each detector returns candidate rows in one internal format (`ROW_COLUMNS`): numbers and a
``facts`` dict, never sentences (those are made in `shadowing.wording.hotspots`). Everything
works on integer codes and numpy arrays in the order of `shadowing.analysis.dfg.events_of`:
vectorised group-bys, no Python loop per case or per event (loops run over result rows only).

Two currencies, never mixed: ``staff_hours_per_month`` is people's working time lost (rework,
redo, double entry, ping-pong, system switches, off-system steps); ``wait_hours_per_month`` is
case-hours of avoidable waiting (`shadowing.analysis.waits`). Each event's staff time counts
under one waste only, in the order repeats (double entry, redo, rework) > ping-pong >
off-system work > system switching; what a later detector leaves out because an earlier one
counted it is stated in its facts (``overlap``).

A row needs support: at least `MIN_OCCURRENCES` occurrences in at least ``ctx.min_cases``
cases (`MIN_CASE_SHARE` of the log's cases), so a few odd cases cannot make a row.

The thresholds are module constants, listed in the README (docs/readme/hotspots.md).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ..model.vocab import fold, tool_aliases
from .dfg import _group_quantiles
from .bootstrap import bucket_interval
from .hotspot_period import LogArrays

log = logging.getLogger(__name__)

# -- thresholds (documented in docs/readme/hotspots.md) ----------------------------------------

#: A pattern must be seen at least this often to be a hotspot (one is an anecdote).
MIN_OCCURRENCES = 2
#: A log row needs at least this share of the log's cases (and at least 2 cases).
MIN_CASE_SHARE = 0.02
#: Duration assumed for a step when neither start times nor observations give one.
DEFAULT_STEP_MIN = 10.0
#: A step's staff minutes never exceed this (a start-to-end span longer than a working day
#: holds waiting, not work).
MAX_STEP_MIN = 480.0
#: Staff minutes lost per bounce in a ping-pong (handing the case back, re-reading it).
PING_PONG_MIN = 10.0
#: Staff minutes lost per system switch inside one sitting (log in, find the record again).
SWITCH_MIN = 2.0
#: Two consecutive events of one person belong to one sitting when this close (minutes).
SWITCH_MAX_GAP_MIN = 30.0
#: How many evidence ids a row lists.
EVIDENCE_IDS = 3

#: Columns of the rows each detector returns (internal).
ROW_COLUMNS = ["waste", "where", "kind", "occurrences", "cases", "share_of_cases",
               "staff_hours_per_month", "wait_hours_per_month", "severity", "evidence",
               "source", "keys", "words", "facts", "staff_hours_per_month_low",
               "staff_hours_per_month_high", "wait_hours_per_month_low",
               "wait_hours_per_month_high", "range_units", "range_basis"]
_ROW_TYPES = [object, object, object, "int64", "int64", float, float, float, float, object,
              object, object, object, object, float, float, float, float, float, object]
#: Range columns of the rows (NaN where a row has no range).
RANGE_COLUMNS = ["staff_hours_per_month_low", "staff_hours_per_month_high",
                 "wait_hours_per_month_low", "wait_hours_per_month_high", "range_units"]


def empty_rows() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(ROW_COLUMNS, _ROW_TYPES)})


def rows_frame(records: list[dict]) -> pd.DataFrame:
    if not records:
        return empty_rows()
    out = pd.DataFrame.from_records(records, columns=ROW_COLUMNS)
    for c in ("staff_hours_per_month", "wait_hours_per_month", "share_of_cases",
              "severity") + tuple(RANGE_COLUMNS):
        out[c] = out[c].astype(float)
    return out


def concat_rows(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else empty_rows()


def ids(values, n: int = EVIDENCE_IDS) -> str:
    seen = list(dict.fromkeys(str(v) for v in values if v is not None and str(v) != ""))
    return ", ".join(seen[:n])


@lru_cache(maxsize=None)
def _aliases() -> dict[str, str]:
    return tool_aliases()


def tool_name(name) -> str:
    """The canonical tool name the observations use (``telefoon`` -> ``phone``)."""
    return _aliases().get(fold(name), str(name))


def keys(*, activity=(), system=(), role=()) -> tuple[tuple[str, str], ...]:
    """The places a row is about, as ``(type, folded name)`` pairs, to link frustrations.

    System names are also given as the canonical tool name (``Telefoon`` as ``phone``).
    """
    out = [("activity", fold(a)) for a in activity]
    for s in system:
        out += [("system", fold(s)), ("system", fold(tool_name(s)))]
    out += [("role", fold(r)) for r in role]
    return tuple(dict.fromkeys(out))


# -- the context shared by the detectors ------------------------------------------------------

@dataclass
class Context:
    """What every detector needs: the systems, the support rule, step durations, notes."""

    official: tuple[str, ...] = ()
    #: observations: factor from observed hours to hours per month
    obs_factor: float | None = None
    #: median observed minutes per activity (folded name), used for step durations
    observed_minutes: dict = field(default_factory=dict)
    #: the least cases a log row needs (set from the log)
    min_cases: int = MIN_OCCURRENCES
    notes: list = field(default_factory=list)
    #: rows left out for too little support, per waste
    unsupported: dict = field(default_factory=dict)
    #: occurrences not counted under a waste because an earlier one already counted that time
    overlaps: dict = field(default_factory=dict)
    #: ranges of observed rows: interval level, resamples, seed (see `.bootstrap`)
    level: float = 0.9
    n_boot: int = 2000
    seed: int | None = None
    #: what the observed ranges were made with (filled by the observation detector)
    interval: dict | None = None

    def is_official(self, systems: pd.Series) -> np.ndarray:
        """Whether each system is official (compared folded, and as canonical tool names)."""
        off = {fold(s) for s in self.official} | {fold(tool_name(s)) for s in self.official}
        return systems.map(lambda s: fold(s) in off or fold(tool_name(s)) in off
                           ).to_numpy(dtype=bool)


def min_cases_for(n_cases: int) -> int:
    return max(MIN_OCCURRENCES, math.ceil(MIN_CASE_SHARE * n_cases))


def step_minutes(la: LogArrays, ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Typical staff minutes per activity code, and where each figure comes from.

    From the log's start times (median of end - start on the log's clock) where known, else
    the median observed minutes of an activity with the same name, else `DEFAULT_STEP_MIN`;
    never more than `MAX_STEP_MIN` (origin ``"capped"``).
    """
    ev = la.ev
    n = len(ev.labels)
    minutes = np.full(n, np.nan)
    origin = np.full(n, "assumed", dtype=object)
    if la.has_start.any():
        ok = la.has_start
        (med,) = _group_quantiles(ev.act[ok].astype(np.int64),
                                  (la.clock_end[ok] - la.clock_start[ok]) / 60.0, n, (0.5,))
        known = ~np.isnan(med) & (med > 0)
        minutes[known], origin[known] = med[known], "start times"
    for i, label in enumerate(ev.labels):
        if np.isnan(minutes[i]) and fold(label) in ctx.observed_minutes:
            minutes[i], origin[i] = ctx.observed_minutes[fold(label)], "observations"
    missing = np.isnan(minutes)
    minutes[missing] = DEFAULT_STEP_MIN
    over = minutes > MAX_STEP_MIN
    minutes[over], origin[over] = MAX_STEP_MIN, "capped"
    return minutes, origin


def group(keys_: np.ndarray, case: np.ndarray, values: np.ndarray | None = None,
          order_by: np.ndarray | None = None, *, min_cases: int = MIN_OCCURRENCES,
          waste: str | None = None, ctx: Context | None = None,
          buckets: np.ndarray | None = None, n_buckets: int = 0) -> list[dict]:
    """Per key seen at least `MIN_OCCURRENCES` times in at least ``min_cases`` cases: ``key``,
    ``occurrences``, ``cases`` (distinct), ``value`` (sum of ``values``) and ``evidence_cases``
    (the first `EVIDENCE_IDS` distinct cases, largest ``order_by`` first); with ``buckets``
    (a month or week code per occurrence) also ``per_bucket`` (occurrences per bucket) and
    ``per_bucket_value`` (``values`` per bucket). Keys left out for too little support are
    counted in ``ctx.unsupported[waste]``."""
    keys_ = np.asarray(keys_, dtype=np.int64)
    case = np.asarray(case, dtype=np.int64)
    if len(keys_) == 0:
        return []
    uk, inv, counts = np.unique(keys_, return_inverse=True, return_counts=True)
    inv = inv.astype(np.int64)
    total = (np.bincount(inv, weights=values, minlength=len(uk)) if values is not None
             else np.zeros(len(uk)))
    width = int(case.max()) + 1
    pairs = pd.unique(inv * width + case)
    n_cases = np.bincount(pairs // width, minlength=len(uk))
    order = np.zeros(len(keys_)) if order_by is None else -np.asarray(order_by, dtype=float)
    idx = np.lexsort((case, order, inv))
    d = pd.DataFrame({"k": inv[idx], "c": case[idx]}).drop_duplicates()
    d = d.loc[d.groupby("k", sort=False).cumcount().to_numpy() < EVIDENCE_IDS]
    k, c = d["k"].to_numpy(), d["c"].to_numpy()
    bounds = np.flatnonzero(np.diff(k)) + 1
    evidence = dict(zip(k[np.r_[0, bounds]], np.split(c, bounds)))
    ok = (counts >= MIN_OCCURRENCES) & (n_cases >= max(min_cases, MIN_OCCURRENCES))
    if ctx is not None and waste is not None and (~ok).any():
        ctx.unsupported[waste] = ctx.unsupported.get(waste, 0) + int((~ok).sum())
    nb = max(int(n_buckets), 1)
    if buckets is not None:
        cell = inv * nb + np.asarray(buckets, dtype=np.int64)
        per_b = np.bincount(cell, minlength=len(uk) * nb).reshape(len(uk), nb)
        per_v = (np.bincount(cell, weights=values, minlength=len(uk) * nb).reshape(len(uk), nb)
                 if values is not None else per_b.astype(float))
    out = []
    for i in np.flatnonzero(ok):
        r = {"key": int(uk[i]), "occurrences": int(counts[i]), "cases": int(n_cases[i]),
             "value": float(total[i]), "evidence_cases": evidence[i]}
        if buckets is not None:
            r["per_bucket"], r["per_bucket_value"] = per_b[i], per_v[i]
        out.append(r)
    return out


def case_ids(la: LogArrays, cases) -> str:
    return "case " + ids(la.ev.case_labels[np.asarray(cases, dtype=np.int64)])


def log_record(la: LogArrays, r: dict, *, waste: str, where: str, kind: str, staff: float = 0.0,
               wait: float = 0.0, keys_: tuple = (), facts: dict) -> dict:
    """One log row from a `group` result."""
    n = max(la.ev.n_cases, 1)
    rec = {"waste": waste, "where": where, "kind": kind, "occurrences": int(r["occurrences"]),
           "cases": int(r["cases"]), "share_of_cases": r["cases"] / n,
           "staff_hours_per_month": staff, "wait_hours_per_month": wait,
           "severity": min(1.0, r["cases"] / n), "evidence": case_ids(la, r["evidence_cases"]),
           "source": "log", "keys": keys_, "words": (), "facts": facts,
           "range_basis": la.bucket_unit + "s"}
    if "per_bucket" in r:
        for col, value, counts in (("staff_hours_per_month", staff, r["per_bucket"]),
                                   ("wait_hours_per_month", wait, r["per_bucket_value"])):
            if value > 0:
                lo, hi, nb = bucket_interval(value, counts, la.bucket_months)
                rec[col + "_low"], rec[col + "_high"], rec["range_units"] = lo, hi, nb
            else:
                rec[col + "_low"] = rec[col + "_high"] = 0.0
    return rec


# -- log detectors: staff time ------------------------------------------------------------------

def detect_repeats(la: LogArrays, ctx: Context, minutes: np.ndarray, origin: np.ndarray,
                   claimed: np.ndarray) -> pd.DataFrame:
    """Repeated steps in a case: rework (same person), redo (another person), double entry.

    A step is a repeat when the same activity already happened earlier in the case (exact
    duplicates were set aside by `log_arrays`). It is *double entry* when it was recorded in
    another system than the previous occurrence, else *rework* when done by the same person as
    the previous occurrence (or when the log has no resources), else *redo*. Staff hours =
    repeats x the step's typical minutes (`step_minutes`). Marks the repeats in ``claimed``.
    """
    ev = la.ev
    if ev.n_events < 2:
        return empty_rows()
    pos = np.arange(ev.n_events)
    order = np.lexsort((pos, ev.act, ev.case))
    same = (ev.case[order][1:] == ev.case[order][:-1]) & (ev.act[order][1:] == ev.act[order][:-1])
    if not same.any():
        return empty_rows()
    cur, prev = order[1:][same], order[:-1][same]
    kind = np.full(len(cur), "rework", dtype=object)
    if la.res is not None:
        r0, r1 = la.res[prev], la.res[cur]
        kind[(r0 >= 0) & (r1 >= 0) & (r0 != r1)] = "redo"
    if la.sys is not None:
        s0, s1 = la.sys[prev], la.sys[cur]
        kind[(s0 >= 0) & (s1 >= 0) & (s0 != s1)] = "double entry"
    records = []
    months = la.months
    for waste in ("double entry", "redo", "rework"):
        m = kind == waste
        if not m.any():
            continue
        acts = ev.act[cur[m]].astype(np.int64)
        for r in group(acts, ev.case[cur[m]], min_cases=ctx.min_cases, waste=waste, ctx=ctx,
                       buckets=la.buckets(cur[m]), n_buckets=len(la.bucket_months)):
            act = r["key"]
            label = str(ev.labels[act])
            mins = float(minutes[act])
            hours = r["occurrences"] * mins / 60.0 / months
            systems: list[str] = []
            if waste == "double entry":
                both = np.concatenate([la.sys[cur[m]][acts == act], la.sys[prev[m]][acts == act]])
                systems = sorted({str(la.sys_labels[s]) for s in np.unique(both)})
            claimed[cur[m][acts == act]] = True
            facts = {"activity": label, "minutes": mins, "origin": str(origin[act]),
                     "systems": systems, "has_resources": la.res is not None}
            records.append(log_record(la, r, waste=waste, where=label, kind="activity",
                                      staff=hours, facts=facts,
                                      keys_=keys(activity=(label,), system=systems)))
    return rows_frame(records)


def detect_ping_pong(la: LogArrays, ctx: Context, claimed: np.ndarray) -> pd.DataFrame:
    """Work bouncing between two people (or roles, when the log has a role column).

    Consecutive events of one case by the same holder are collapsed; every ``x → y → x`` in
    what remains is one bounce, costed `PING_PONG_MIN` at the event where the work comes back;
    a bounce whose return event was already counted as a repeat is left out (``overlap``).
    """
    ev = la.ev
    if la.role is not None:
        holder, labels, kind = la.role, la.role_labels, "role"
    elif la.res is not None:
        holder, labels, kind = la.res, la.res_labels, "person"
    else:
        return empty_rows()
    known = np.flatnonzero(holder >= 0)
    h, case = holder[known], ev.case[known]
    if len(h) < 3:
        return empty_rows()
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (case[1:] != case[:-1]) | (h[1:] != h[:-1])
    h, case, pos = h[keep], case[keep], known[keep]
    if len(h) < 3:
        return empty_rows()
    bounce = (case[2:] == case[:-2]) & (case[1:-1] == case[:-2]) & (h[2:] == h[:-2])
    back_pos = pos[2:]
    n = len(labels)
    lo_all = np.minimum(h[:-2], h[1:-1]).astype(np.int64)
    hi_all = np.maximum(h[:-2], h[1:-1]).astype(np.int64)
    pair_all = lo_all * n + hi_all
    overlap = bounce & claimed[back_pos]
    bounce &= ~claimed[back_pos]
    if overlap.any():
        ctx.overlaps["ping-pong"] = int(overlap.sum())
    if not bounce.any():
        return empty_rows()
    pair = pair_all[bounce]
    over = pd.Series(pair_all[overlap]).value_counts().to_dict()
    # the activities where the work comes back, most frequent first (two per pair)
    back = pd.DataFrame({"pair": pair, "act": ev.act[back_pos[bounce]]})
    back = back.groupby(["pair", "act"]).size().rename("n").reset_index()
    back = back.sort_values(["pair", "n", "act"], ascending=[True, False, True], kind="stable")
    back = back.loc[back.groupby("pair").cumcount() < 2]
    acts_of = {k: [str(ev.labels[x]) for x in v] for k, v in back.groupby("pair")["act"]}
    records = []
    for r in group(pair, case[:-2][bounce], min_cases=ctx.min_cases, waste="ping-pong", ctx=ctx,
                   buckets=la.buckets(back_pos[bounce]), n_buckets=len(la.bucket_months)):
        key = r["key"]
        x, y = str(labels[key // n]), str(labels[key % n])
        hours = r["occurrences"] * PING_PONG_MIN / 60.0 / la.months
        acts = acts_of.get(key, [])
        claimed[back_pos[bounce][pair == key]] = True
        facts = {"a": x, "b": y, "at": acts, "minutes": PING_PONG_MIN,
                 "overlap": int(over.get(key, 0)), "holder": kind}
        records.append(log_record(la, r, waste="ping-pong", where=f"{x} ↔ {y}", kind=kind,
                                  staff=hours, facts=facts,
                                  keys_=keys(role=(x, y), activity=acts)))
    return rows_frame(records)


def detect_off_system_log(la: LogArrays, ctx: Context, minutes: np.ndarray,
                          origin: np.ndarray, claimed: np.ndarray) -> pd.DataFrame:
    """Steps the log records in a system other than the official ones, per activity.

    Staff hours = such steps x the step's typical minutes (`step_minutes`); steps already
    counted as a repeat or a bounce are left out (``overlap``).
    """
    ev = la.ev
    if la.sys is None or not ctx.official:
        return empty_rows()
    official = ctx.is_official(pd.Series(la.sys_labels, dtype=object))
    m = (la.sys >= 0)
    m[m] = ~official[la.sys[m]]
    over_m = m & claimed
    m &= ~claimed
    if over_m.any():
        ctx.overlaps["off-system work"] = int(over_m.sum())
    if not m.any():
        return empty_rows()
    acts = ev.act[m].astype(np.int64)
    over = pd.Series(ev.act[over_m]).value_counts().to_dict()
    records = []
    off_sys = la.sys[m]
    idx = np.flatnonzero(m)
    for r in group(acts, ev.case[m], min_cases=ctx.min_cases, waste="off-system work", ctx=ctx,
                   buckets=la.buckets(idx), n_buckets=len(la.bucket_months)):
        act = r["key"]
        label = str(ev.labels[act])
        systems = sorted({str(la.sys_labels[s]) for s in np.unique(off_sys[acts == act])})
        mins = float(minutes[act])
        hours = r["occurrences"] * mins / 60.0 / la.months
        claimed[idx[acts == act]] = True
        facts = {"activity": label, "systems": systems, "official": list(ctx.official),
                 "minutes": mins, "origin": str(origin[act]), "overlap": int(over.get(act, 0))}
        records.append(log_record(la, r, waste="off-system work", where=label, kind="activity",
                                  staff=hours, facts=facts,
                                  keys_=keys(activity=(label,), system=systems)))
    return rows_frame(records)


def detect_switching(la: LogArrays, ctx: Context, claimed: np.ndarray) -> pd.DataFrame:
    """System switches inside one sitting, per edge.

    A switch is two consecutive events of one case, of different activities, recorded in
    different systems, by the same person (where the log has resources), at most
    `SWITCH_MAX_GAP_MIN` apart. (The same activity in two systems is double entry.) Staff
    hours = switches x `SWITCH_MIN`, at the second event; switches into an event already
    counted under another waste are left out (``overlap``).
    """
    ev = la.ev
    if la.sys is None or ev.n_events < 2:
        return empty_rows()
    i, j = np.arange(ev.n_events - 1), np.arange(1, ev.n_events)
    s0, s1 = la.sys[i], la.sys[j]
    m = (ev.case[i] == ev.case[j]) & (s0 >= 0) & (s1 >= 0) & (s0 != s1) & (ev.act[i] != ev.act[j])
    m &= (la.clock_start[j] - la.clock_end[i]) <= SWITCH_MAX_GAP_MIN * 60.0
    if la.res is not None:
        m &= (la.res[i] >= 0) & (la.res[i] == la.res[j])
    n = len(ev.labels)
    pair_all = ev.act[i].astype(np.int64) * n + ev.act[j]
    over = pd.Series(pair_all[m & claimed[j]]).value_counts().to_dict()
    if (m & claimed[j]).any():
        ctx.overlaps["system switching"] = int((m & claimed[j]).sum())
    m &= ~claimed[j]
    if not m.any():
        return empty_rows()
    pair = pair_all[m]
    records = []
    sys_pair = pd.DataFrame({"pair": pair, "a": s0[m], "b": s1[m]})
    for r in group(pair, ev.case[i][m], min_cases=ctx.min_cases, waste="system switching",
                   ctx=ctx, buckets=la.buckets(j[m]), n_buckets=len(la.bucket_months)):
        key = r["key"]
        a, b = str(ev.labels[key // n]), str(ev.labels[key % n])
        sp = sys_pair.loc[sys_pair["pair"] == key]
        systems = sorted({str(la.sys_labels[s]) for s in np.unique(sp[["a", "b"]].to_numpy())})
        hours = r["occurrences"] * SWITCH_MIN / 60.0 / la.months
        facts = {"a": a, "b": b, "systems": systems, "minutes": SWITCH_MIN,
                 "overlap": int(over.get(key, 0))}
        records.append(log_record(la, r, waste="system switching", where=f"{a} → {b}",
                                  kind="edge", staff=hours, facts=facts,
                                  keys_=keys(activity=(a, b), system=systems)))
    return rows_frame(records)


def staff_rows(la: LogArrays, ctx: Context) -> pd.DataFrame:
    """All staff-time detectors on a log, each event's time counted once."""
    minutes, origin = step_minutes(la, ctx)
    claimed = np.zeros(la.ev.n_events, dtype=bool)
    parts = [detect_repeats(la, ctx, minutes, origin, claimed),
             detect_ping_pong(la, ctx, claimed),
             detect_off_system_log(la, ctx, minutes, origin, claimed),
             detect_switching(la, ctx, claimed)]
    return concat_rows(parts)
