"""Lifecycle transitions and activity instances: which events a log's analyses use, and why.

The XES lifecycle model (IEEE 1849, the standard extension ``lifecycle``) has the transitions
``schedule``, ``assign``, ``reassign``, ``start``, ``suspend``, ``resume``, ``complete``,
``autoskip``, ``manualskip``, ``ate_abort``, ``pi_abort``, ``withdraw`` and ``unknown``.
Exports spell them in many ways (``begin``, ``started``, ``end``, ``finished``, ``done``; Dutch
``gestart``, ``afgerond``, ``klaar``...): `TRANSITION_SYNONYMS` maps them to the model.

A column is a lifecycle only when every value in it is a transition: statuses ("In Progress",
"Resolved") or event types are attributes, and every row is then an event (`is_lifecycle`).

`pair_instances` turns a lifecycle log into activity instances, as pm4py's
``pm4py.objects.log.util.interval_lifecycle.to_interval`` does, vectorised:

- events are grouped per case and activity (and per instance id where the log has one,
  ``concept:instance``), in time order;
- each ``complete`` takes the oldest earlier ``start`` of its group that no other complete took
  (first in, first out), so a start after its complete is never paired with it;
- a ``complete`` with no start left is an instance whose start is unknown (``start_timestamp``
  missing: no duration, never a negative one); pm4py gives it a zero duration;
- a ``start`` no complete takes is an open instance; ``ate_abort``, ``pi_abort`` and
  ``withdraw`` end an instance without completing it (aborted); both are set aside, counted;
- ``suspend``/``resume`` events of a group with instances are folded into them, their pauses
  summed per instance in ``paused`` (not working time);
- ``schedule``/``assign``/``reassign`` events between the previous instance of the group and
  an instance's start are its planning: ``scheduled`` holds the first of them (start minus
  ``scheduled`` is its wait before work began) and they count as paired; others (planned, never
  worked), ``autoskip``/``manualskip`` (skipped) and ``unknown`` events are set aside, with
  their reason;
- an event without a transition is a ``complete`` (as in pm4py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import columns as C

TRANSITIONS = ("schedule", "assign", "reassign", "start", "suspend", "resume", "complete",
               "autoskip", "manualskip", "ate_abort", "pi_abort", "withdraw", "unknown")

#: Spellings of each transition found in exports (compared without case, spaces, '_' or '-').
TRANSITION_SYNONYMS = {
    "schedule": ["schedule", "scheduled", "gepland", "ingepland"],
    "assign": ["assign", "assigned", "toegewezen"],
    "reassign": ["reassign", "reassigned"],
    "start": ["start", "started", "starting", "begin", "begun", "gestart", "begonnen", "starten"],
    "suspend": ["suspend", "suspended", "pause", "paused", "gepauzeerd", "onderbroken"],
    "resume": ["resume", "resumed", "hervat"],
    "complete": ["complete", "completed", "end", "ended", "finish", "finished", "done",
                 "afgerond", "klaar", "einde", "eind", "voltooid", "gereed"],
    "autoskip": ["autoskip", "auto skip"],
    "manualskip": ["manualskip", "skip", "skipped", "overgeslagen"],
    "ate_abort": ["ate_abort", "abort", "aborted", "afgebroken"],
    "pi_abort": ["pi_abort"],
    "withdraw": ["withdraw", "withdrawn", "ingetrokken", "cancel", "cancelled", "canceled",
                 "geannuleerd"],
    "unknown": ["unknown"],
}

#: Names of a column holding the activity-instance id (pairing follows it where present).
INSTANCE_NAMES = ["concept:instance", "activity_instance_id", "activity instance id",
                  "activity instance", "activityinstance", "instance id", "instance_id",
                  "lifecycle:instance"]


def _fold(value: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(value).casefold())


_LOOKUP = {_fold(s): t for t, spellings in TRANSITION_SYNONYMS.items() for s in spellings}

#: Why an event is set aside (keys of `Accounting.set_aside`).
SET_ASIDE_REASONS = {
    "planned": "schedule/assign events of steps never started: planned, not worked",
    "open": "start events without a complete: open instances",
    "aborted": "events of aborted or withdrawn instances",
    "skipped": "skip events: steps skipped, not done",
    "unknown": "events with the transition 'unknown'",
    "not a transition": "events whose lifecycle value is not a transition",
    "paused alone": "suspend/resume events of an activity with no completed instance",
}


def canonical_transitions(values: pd.Series) -> tuple[pd.Series, list[str]]:
    """Each value as a transition of the model (None when empty), and the values that are none.

    Works on distinct values only. Values that are not transitions map to ``"?"`` in the result
    and are listed.
    """
    codes, uniques = pd.factorize(values, sort=False)
    folded = [_fold(u) for u in uniques]
    mapped = [_LOOKUP.get(f, None if f == "" else "?") for f in folded]
    unknown = [str(u) for u, m in zip(uniques, mapped) if m == "?"]
    table = np.array(mapped + [None], dtype=object)  # code -1 (missing) -> None
    return pd.Series(table[codes], index=values.index, dtype=object), unknown


def is_lifecycle(values: pd.Series) -> bool:
    """True when every non-empty value is a lifecycle transition (and there is one at least).

    Decided on the values, not the column name: a ``Status`` column holding "In Progress" or
    "Resolved", or a ``lifecycle:transition`` column holding statuses (the BPI Challenge 2013
    logs), is not a lifecycle.
    """
    trans, unknown = canonical_transitions(values)
    return not unknown and trans.notna().any()


@dataclass(frozen=True, eq=False)
class Instances:
    """Result of `pair_instances`.

    ``frame``: one row per activity instance (the row of its ``complete`` event, with
    ``start_timestamp`` from its paired start, missing when unknown, ``paused`` the suspended
    time, ``scheduled`` when it was first planned); the lifecycle column is dropped. ``paired``: events folded into instances, by
    transition (``{"start": 71376}``). ``set_aside``: one row per event not analysed, ``line``
    and ``reason`` (a key of `SET_ASIDE_REASONS`). ``no_start``: instances whose start is unknown.
    """

    frame: pd.DataFrame
    paired: dict
    set_aside: pd.DataFrame
    no_start: int


class _Codes:
    """Transitions as integer codes, compared without touching the strings again."""

    def __init__(self, values: np.ndarray):
        self.codes, self.names = pd.factorize(values, sort=False)

    def isin(self, *names: str) -> np.ndarray:
        wanted = [i for i, v in enumerate(self.names) if v in names]
        if not wanted:
            return np.zeros(len(self.codes), dtype=bool)
        if len(wanted) == 1:
            return self.codes == wanted[0]
        return np.isin(self.codes, wanted)


def _excl_cummin(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Per group (rows sorted by group), the minimum of the earlier values (+inf for the first)."""
    s = pd.Series(values, dtype="float64")
    inc = s.groupby(group, sort=False).cummin()
    out = inc.groupby(group, sort=False).shift(1).fillna(np.inf)
    return out.to_numpy()


def pair_instances(frame: pd.DataFrame, *, instance: str | None = None,
                   transitions: pd.Series | None = None) -> Instances:
    """Pair the lifecycle events of a canonical frame into activity instances.

    ``frame`` is ordered by case, time, then line (as `finalise` leaves it) and has the
    ``lifecycle:transition`` column (``transitions``: its `canonical_transitions`, when already
    known). See the module docstring for the rules.
    """
    n = len(frame)
    trans = canonical_transitions(frame[C.LIFECYCLE])[0] if transitions is None else transitions
    t = _Codes(trans.fillna("complete").to_numpy(dtype=object))
    lines = frame["line"].to_numpy() if "line" in frame.columns else np.arange(1, n + 1)
    cols = [C.CASE, C.ACTIVITY] + ([instance] if instance is not None and instance in frame.columns
                                   else [])
    group = np.zeros(n, dtype=np.int64)
    for col in cols:  # one integer key per (case, activity[, instance])
        codes, uniq = pd.factorize(frame[col], sort=False)
        group = group * (len(uniq) + 1) + (codes + 1)
        group = pd.factorize(group, sort=False)[0].astype(np.int64)

    is_start = t.isin("start")
    is_complete = t.isin("complete")
    is_abort = t.isin("ate_abort", "pi_abort", "withdraw")
    is_end = is_complete | is_abort
    pos = np.arange(n)
    # first in, first out per group: which start does each end take?
    sel = np.flatnonzero(is_start | is_end)
    order = sel[np.lexsort((pos[sel], group[sel]))]
    g = group[order]
    st = is_start[order].astype(np.int64)
    starts_before = pd.Series(st).groupby(g, sort=False).cumsum().to_numpy() - st
    end_mask = ~is_start[order]
    ends = order[end_mask]
    ge = g[end_mask]
    j = pd.Series(np.ones(len(ends), dtype=np.int64)).groupby(ge, sort=False).cumcount().to_numpy()
    sb = starts_before[end_mask]
    m = j + np.minimum(0, _excl_cummin((sb - j - 1).astype(float), ge)).astype(np.int64)
    matched = sb > m
    start_rows_sorted = order[is_start[order]]
    gs = group[start_rows_sorted]
    first_of_group = pd.Series(np.arange(len(gs))).groupby(gs, sort=False).min()
    start_of_end = np.full(len(ends), -1, dtype=np.int64)
    if matched.any():
        base = first_of_group.reindex(ge[matched]).to_numpy()
        start_of_end[matched] = start_rows_sorted[base + m[matched]]
    used_start = np.zeros(n, dtype=bool)
    used_start[start_of_end[start_of_end >= 0]] = True

    # instances: the complete events
    comp = is_complete[ends]
    inst_rows = ends[comp]
    inst_start = start_of_end[comp]
    out = frame.iloc[inst_rows].copy()
    start_ts = frame[C.TIMESTAMP].iloc[np.where(inst_start >= 0, inst_start, 0)].to_numpy() \
        if len(inst_rows) else frame[C.TIMESTAMP].iloc[:0].to_numpy()
    start_ts = pd.Series(start_ts, index=out.index, dtype=frame[C.TIMESTAMP].dtype)
    start_ts[inst_start < 0] = pd.NaT
    if C.START in out.columns:
        out[C.START] = out[C.START].where(out[C.START].notna(), start_ts)
    else:
        out[C.START] = start_ts
    if "line" in frame.columns:
        out["start_line"] = np.where(inst_start >= 0, lines[np.maximum(inst_start, 0)], -1)
    out = out.drop(columns=[C.LIFECYCLE])

    # suspend/resume: paused time per instance, when the group has instances
    is_pause = t.isin("suspend", "resume")
    inst_groups = np.zeros(group.max() + 1 if n else 0, dtype=bool)
    inst_groups[group[inst_rows]] = True
    pause_ok = is_pause & inst_groups[group] if n else is_pause
    out["paused"] = _paused(frame, t, group, pause_ok, inst_rows, inst_start)
    is_planned = t.isin("schedule", "assign", "reassign")
    scheduled, used_planned = _scheduled(frame, is_planned, group, inst_rows, inst_start)
    out["scheduled"] = pd.Series(scheduled, index=out.index).dt.tz_localize(
        "UTC").dt.tz_convert(frame[C.TIMESTAMP].dt.tz) if frame[C.TIMESTAMP].dt.tz is not None \
        else pd.Series(scheduled, index=out.index)

    # set aside, with reasons
    reason = np.full(n, None, dtype=object)
    reason[is_planned & ~used_planned] = "planned"
    reason[is_start & ~used_start] = "open"
    aborted_start = np.zeros(n, dtype=bool)
    aborted_start[start_of_end[~comp][start_of_end[~comp] >= 0]] = True
    reason[is_abort | aborted_start] = "aborted"
    reason[t.isin("autoskip", "manualskip")] = "skipped"
    reason[t.isin("unknown")] = "unknown"
    reason[t.isin("?")] = "not a transition"
    reason[is_pause & ~pause_ok] = "paused alone"
    aside = np.flatnonzero(pd.notna(reason))
    set_aside = pd.DataFrame({"line": lines[aside].astype(np.int64),
                              "transition": frame[C.LIFECYCLE].iloc[aside].astype(str).to_numpy(),
                              "reason": reason[aside]})
    paired = {}
    if used_start.any():
        paired["start"] = int((used_start & ~aborted_start).sum())
    if pause_ok.any():
        paired["suspend/resume"] = int(pause_ok.sum())
    if used_planned.any():
        paired["schedule/assign"] = int(used_planned.sum())
    return Instances(frame=out.reset_index(drop=True), paired=paired, set_aside=set_aside,
                     no_start=int((inst_start < 0).sum()))


def _scheduled(frame, is_planned, group, inst_rows, inst_start):
    """When each instance was first planned: the earliest schedule/assign/reassign event of its
    group after the previous instance of the group ended and not after its own start (its
    complete when the start is unknown). Returns the times (NaT where none) and which planned
    events were so used; start minus ``scheduled`` is the instance's wait before work began."""
    n = len(frame)
    out = np.full(len(inst_rows), np.datetime64("NaT"), dtype="datetime64[ns]")
    used = np.zeros(n, dtype=bool)
    plan = np.flatnonzero(is_planned)
    if not len(plan) or not len(inst_rows):
        return out, used
    ts = pd.DatetimeIndex(frame[C.TIMESTAMP]).as_unit("ns").asi8
    begin = np.where(inst_start >= 0, np.maximum(inst_start, 0), inst_rows)
    # the row position orders events in time within a case: an instance takes the planned
    # events of its group between the previous instance's complete and its own start
    inst = pd.DataFrame({"g": group[inst_rows], "pos": begin, "end": inst_rows,
                         "i": np.arange(len(inst_rows))})
    inst = inst.sort_values(["g", "pos"], kind="stable")
    inst["prev"] = inst.groupby("g", sort=False)["end"].shift(1).fillna(-1).astype(np.int64)
    p = pd.DataFrame({"g": group[plan], "pos": plan}).sort_values("pos", kind="stable")
    hit = pd.merge_asof(p, inst.sort_values("pos", kind="stable"), on="pos", by="g",
                        direction="forward")
    hit = hit.dropna(subset=["i"])
    hit = hit[hit["pos"].to_numpy() > hit["prev"].to_numpy()]
    if len(hit):
        first = hit.groupby("i", sort=False)["pos"].min()
        out[first.index.to_numpy(dtype=np.int64)] = ts[first.to_numpy(dtype=np.int64)]
        used[hit["pos"].to_numpy(dtype=np.int64)] = True
    return out, used


def _paused(frame, t, group, pause_ok, inst_rows, inst_start) -> np.ndarray:
    """Suspended time per instance: each suspend with the next resume of its group, summed
    over the pauses that begin inside the instance (between its start and its complete)."""
    out = np.zeros(len(inst_rows), dtype="timedelta64[ns]")
    sus = np.flatnonzero(pause_ok & t.isin("suspend"))
    if not len(sus) or not len(inst_rows):
        return out
    res = np.flatnonzero(pause_ok & t.isin("resume"))
    ts = pd.DatetimeIndex(frame[C.TIMESTAMP]).as_unit("ns").asi8
    # the k-th suspend of a group pairs with the k-th resume of the group
    ks = pd.Series(group[sus]).groupby(group[sus]).cumcount().to_numpy()
    kr = pd.Series(group[res]).groupby(group[res]).cumcount().to_numpy()
    rmap = pd.Series(res, index=pd.MultiIndex.from_arrays([group[res], kr]))
    got = rmap.reindex(pd.MultiIndex.from_arrays([group[sus], ks])).to_numpy()
    ok = ~pd.isna(got)
    sus, got = sus[ok], got[ok].astype(np.int64)
    pause = ts[got] - ts[sus]
    # the instance of each pause: the instance of its group whose complete is the first after it
    inst = pd.DataFrame({"g": group[inst_rows], "end": ts[inst_rows], "i": np.arange(len(inst_rows))})
    p = pd.DataFrame({"g": group[sus], "end": ts[sus], "pause": pause})
    inst = inst.sort_values("end", kind="stable")
    p = p.sort_values("end", kind="stable")
    hit = pd.merge_asof(p, inst, on="end", by="g", direction="forward")
    hit = hit.dropna(subset=["i"])
    sums = hit.groupby("i")["pause"].sum()
    out[sums.index.to_numpy(dtype=np.int64)] = pd.to_timedelta(sums).to_numpy(
        dtype="timedelta64[ns]")
    return out
