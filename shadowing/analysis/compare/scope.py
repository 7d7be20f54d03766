"""Scope: the part of each case a perception speaks about.

A perception with ``scope: part`` describes a segment of the process: every case is cut to the
part from its first event matching a perceived start step to its last event matching a
perceived end step (both inclusive); work before and after it is out of scope.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...model.perceived import PerceivedProcess
from ...wording.compare import scope_sentence
from .variants import Variants

__all__ = ["Scope", "cut_to_scope"]


@dataclass(frozen=True)
class Scope:
    """What a comparison covers.

    Attributes
    ----------
    kind : str
        ``process`` (whole cases) or ``part`` (each case cut to the segment from its first
        perceived start step to its last perceived end step).
    start, end : tuple of str
        The perceived start and end steps that bound the segment.
    cases, events : int
        All cases and events (activity instances) in the log.
    cases_in_scope, events_in_scope : int
        Cases in which the segment occurs, and the events inside it.
    cases_without_start : int
        Cases in which no perceived start step happens (part only).
    cases_without_end : int
        Cases with a start step but no perceived end step after it (part only).
    """

    kind: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    cases: int
    events: int
    cases_in_scope: int
    events_in_scope: int
    cases_without_start: int = 0
    cases_without_end: int = 0

    @property
    def events_out_of_scope(self) -> int:
        return self.events - self.events_in_scope

    def describe(self, lang: str = "en") -> str:
        """One sentence on what was compared, in English (``en``) or Dutch (``nl``)."""
        return scope_sentence(self, lang)


def cut_to_scope(p: PerceivedProcess, v: Variants, step_of: np.ndarray, ev=None):
    """Cut every variant to its segment from the first perceived start step to the last
    perceived end step after it (inclusive), vectorised on the variant codes.

    Returns the cut variants (variants without the segment keep length 0), ``missing`` per
    variant (0: segment found, 1: no start step, 2: no end step after the start) and a mask
    over ``ev``'s events that are in scope (None without ``ev``).
    """
    steps = list(p.steps)
    index = {s: i for i, s in enumerate(steps)}
    total = len(v.codes)
    sym = step_of[v.codes] if total else np.zeros(0, dtype=np.int64)
    is_start = np.zeros(len(steps) + 1, dtype=bool)   # index -1 (unknown work): False
    is_start[[index[s] for s in p.allowed_start]] = True
    is_end = np.zeros(len(steps) + 1, dtype=bool)
    is_end[[index[s] for s in p.allowed_end]] = True
    ev_var = v.event_variant()
    pos = np.arange(total, dtype=np.int64)
    # events are grouped by variant: the first start per variant is its first occurrence
    first_start = np.full(v.n, total, dtype=np.int64)
    sv, sp = ev_var[is_start[sym]], pos[is_start[sym]]
    if len(sv):
        head = np.r_[True, sv[1:] != sv[:-1]]
        first_start[sv[head]] = sp[head]
    has_start = first_start < total
    end_ok = is_end[sym] & (pos >= first_start[ev_var])
    last_end = np.full(v.n, -1, dtype=np.int64)
    evv, ep = ev_var[end_ok], pos[end_ok]
    if len(evv):
        tail = np.r_[evv[1:] != evv[:-1], True]
        last_end[evv[tail]] = ep[tail]
    ok = has_start & (last_end >= 0)
    missing = np.where(ok, 0, np.where(has_start, 2, 1)).astype(np.int64)
    seg_len = np.where(ok, last_end - first_start + 1, 0).astype(np.int64)
    new_offsets = np.concatenate([[0], np.cumsum(seg_len)[:-1]]).astype(np.int64) \
        if v.n else seg_len
    n_new = int(seg_len.sum())
    src = np.where(ok, first_start, 0)
    gather = np.repeat(src - new_offsets, seg_len) + np.arange(n_new, dtype=np.int64)
    cut = Variants(labels=v.labels, codes=v.codes[gather], offsets=new_offsets,
                    lengths=seg_len, freq=v.freq, example=v.example,
                    case_variant=v.case_variant, case_labels=v.case_labels,
                    n_events_log=v.n_events_log)
    # the same cut on the events: position of each event in its case
    if ev is None:
        return cut, missing, None
    first_ev, _ = ev.first_last()
    if ev.n_events:
        k = np.arange(ev.n_events, dtype=np.int64) - first_ev[ev.case]
        var = v.case_variant[ev.case]
        lo = first_start[var] - v.offsets[var]
        hi = last_end[var] - v.offsets[var]
        mask = ok[var] & (k >= lo) & (k <= hi)
    else:
        mask = np.zeros(0, dtype=bool)
    return cut, missing, mask

