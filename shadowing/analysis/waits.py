"""Waiting in an event log, measured against what each step normally takes.

The wait of a transition ``a → b`` in a case is ``b``'s start (or time) minus ``a``'s end on
the log's clock (`shadowing.analysis.hotspot_period`); parallel work (a negative wait) counts
as 0. Waits of exactly 0 (events recorded together: batch entry) say nothing about waiting and
are left out of every norm, so a batch-recorded log cannot collapse the norm to zero.

* **Norm.** Each transition is measured against its own norm: the median of its own
  positive waits (at least `MIN_NORM_WAITS` of them; fewer: the transition is not judged), or
  the norm the analyst gives for it (``wait_norms``).
* **Long wait.** With its own norm, a wait is long when it lies above the transition's upper
  fence on a log scale (Tukey's rule on log-waits: ``Q3 + FENCE_IQR x (Q3 - Q1)``; waits are
  multiplicative, so this is the usual outlier rule for them) and at least
  `WAIT_MIN_EXCESS_MIN` above the norm; with an analyst's norm, when it is at least
  `WAIT_MIN_EXCESS_MIN` above that norm. Natural spread (a log-normal wait) almost never passes
  the fence; a tail of cases stuck far beyond the usual does.
* **Avoidable waiting** = the sum of ``wait - norm`` over the long waits, in case-hours per
  month of the bulk period (`wait_hours_per_month`): lead time of the case, never staff time.
* **Designed waits.** A transition that at least `DESIGNED_SHARE` of its cases take within
  `DESIGNED_TOLERANCE` of its median calendar wait, with a median of at least
  `DESIGNED_MIN_HOURS` (a timer, a legal period, a scheduled run), is a designed wait: listed
  apart (`designed_waits`), never a hotspot, unless the analyst gives it a norm.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dfg import _group_quantiles
from .hotspot_period import WORKDAY_END_H, WORKDAY_START_H, LogArrays
from .waste import Context, empty_rows, group, keys, log_record, rows_frame

#: A transition needs at least this many positive waits to have a norm of its own.
MIN_NORM_WAITS = 10
#: Tukey's fence on log-waits: Q3 + FENCE_IQR x IQR.
FENCE_IQR = 1.5
#: A long wait exceeds the norm by at least this many minutes.
WAIT_MIN_EXCESS_MIN = 15.0
#: Designed wait: this share of the transition's waits ...
DESIGNED_SHARE = 0.9
#: ... lies within this fraction of its median calendar wait ...
DESIGNED_TOLERANCE = 0.1
#: ... and the median is at least this long (hours).
DESIGNED_MIN_HOURS = 1.0

#: Columns of the designed-waits frame.
DESIGNED_COLUMNS = ["where", "source", "target", "transitions", "cases", "share_of_cases",
                    "median_hours", "within_share", "explanation", "explanation_nl"]


def hours_per_day(clock: str) -> float:
    """Hours in a day of lead time on a clock: 24 (calendar) or the working day."""
    return 24.0 if clock == "calendar" else WORKDAY_END_H - WORKDAY_START_H


def _transitions(la: LogArrays):
    ev = la.ev
    same = ev.case[1:] == ev.case[:-1]
    i = np.flatnonzero(same)
    j = i + 1
    n = len(ev.labels)
    pair = ev.act[i].astype(np.int64) * n + ev.act[j]
    wait = np.maximum(la.clock_start[j] - la.clock_end[i], 0.0)
    cal = np.maximum(la.cal_start[j] - la.cal_end[i], 0.0)
    return i, j, pair, wait, cal, n


def _designed(la: LogArrays, pair: np.ndarray, cal: np.ndarray, case: np.ndarray, n: int,
              min_cases: int):
    """Designed transitions: ``{pair: facts}``."""
    if len(pair) == 0:
        return {}
    up, inv, counts = np.unique(pair, return_inverse=True, return_counts=True)
    (med,) = _group_quantiles(inv.astype(np.int64), cal, len(up), (0.5,))
    within = np.abs(cal - med[inv]) <= DESIGNED_TOLERANCE * med[inv]
    share = np.bincount(inv, weights=within.astype(float), minlength=len(up)) / counts
    ok = ((counts >= MIN_NORM_WAITS) & (med >= DESIGNED_MIN_HOURS * 3600.0)
          & (share >= DESIGNED_SHARE))
    out = {}
    n_cases = max(la.ev.n_cases, 1)
    for k in np.flatnonzero(ok):
        m = inv == k
        cases = len(np.unique(case[m]))
        if cases < min_cases:
            continue
        a, b = str(la.ev.labels[up[k] // n]), str(la.ev.labels[up[k] % n])
        out[int(up[k])] = {"a": a, "b": b, "transitions": int(counts[k]), "cases": cases,
                           "share_of_cases": cases / n_cases, "median_hours": med[k] / 3600.0,
                           "within_share": float(share[k]), "tolerance": DESIGNED_TOLERANCE}
    return out


def _edge_key(where, labels: np.ndarray, n: int) -> int | None:
    """The pair code of an edge given as ``"a → b"`` or ``(a, b)``; None when unknown."""
    if isinstance(where, str):
        parts = [p.strip() for p in where.replace("->", "→").split("→")]
        if len(parts) != 2:
            return None
    else:
        parts = [str(p) for p in where]
    pos = {str(x): i for i, x in enumerate(labels)}
    if parts[0] not in pos or parts[1] not in pos:
        return None
    return pos[parts[0]] * n + pos[parts[1]]


def detect_waiting(la: LogArrays, ctx: Context, *, wait_norms: dict | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Avoidable waiting per transition, and the designed waits (see the module docstring).

    Returns the waiting rows, the designed-waits facts frame (rows: `DESIGNED_COLUMNS` without
    the sentences, plus ``facts``) and info for ``attrs["waiting"]``.
    """
    ev = la.ev
    info = {"norm": "median of the transition's own positive waits",
            "min_norm_waits": MIN_NORM_WAITS, "fence_iqr": FENCE_IQR,
            "min_excess_min": WAIT_MIN_EXCESS_MIN, "clock": la.clock,
            "hours_per_day": hours_per_day(la.clock), "analyst_norms": {},
            "zero_waits_left_out": 0, "transitions_without_norm": 0}
    designed_empty = pd.DataFrame({"where": [], "facts": []})
    if ev.n_events < 2:
        return empty_rows(), designed_empty, info
    i, j, pair, wait, cal, n = _transitions(la)
    if len(pair) == 0:
        return empty_rows(), designed_empty, info
    case = ev.case[i]
    given: dict[int, float] = {}
    for where, hours in (wait_norms or {}).items():
        k = _edge_key(where, ev.labels, n)
        if k is None:
            ctx.notes.append(f"wait_norms: no transition {where!r} in the log; norm not used")
            continue
        given[k] = float(hours) * 3600.0
        info["analyst_norms"][f"{ev.labels[k // n]} → {ev.labels[k % n]}"] = float(hours)
    designed = {k: v for k, v in _designed(la, pair, cal, case, n, ctx.min_cases).items() if k not in given}
    pos = wait > 0
    info["zero_waits_left_out"] = int((~pos).sum())
    up, inv = np.unique(pair, return_inverse=True)
    inv = inv.astype(np.int64)
    n_up = len(up)
    lw = np.log(np.where(pos, wait, 1.0))
    q1, med_l, q3 = _group_quantiles(inv[pos], lw[pos], n_up, (0.25, 0.5, 0.75))
    n_pos = np.bincount(inv[pos], minlength=n_up)
    norm = np.exp(med_l)
    fence = np.exp(q3 + FENCE_IQR * (q3 - q1))
    threshold = np.maximum(fence, norm + WAIT_MIN_EXCESS_MIN * 60.0)
    has_norm = n_pos >= MIN_NORM_WAITS
    source = np.full(n_up, "own", dtype=object)
    for k, g in given.items():
        at = np.searchsorted(up, k)
        norm[at], threshold[at] = g, g + WAIT_MIN_EXCESS_MIN * 60.0
        has_norm[at], source[at] = True, "analyst"
    is_designed = np.isin(up, np.fromiter(designed, dtype=np.int64, count=len(designed)))
    info["transitions_without_norm"] = int((~has_norm & ~is_designed).sum())
    judged = has_norm[inv] & ~is_designed[inv]
    long = judged & pos & (wait > threshold[inv])
    rows = empty_rows()
    if long.any():
        excess = wait[long] - norm[inv[long]]
        records = []
        for r in group(pair[long], case[long], excess, order_by=excess, min_cases=ctx.min_cases,
                       waste="waiting", ctx=ctx, buckets=la.buckets(j[long]),
                       n_buckets=len(la.bucket_months)):
            k = r["key"]
            at = np.searchsorted(up, k)
            a, b = str(ev.labels[k // n]), str(ev.labels[k % n])
            facts = {"a": a, "b": b, "norm_hours": norm[at] / 3600.0,
                     "threshold_hours": threshold[at] / 3600.0,
                     "mean_excess_hours": r["value"] / r["occurrences"] / 3600.0,
                     "transitions": int((pair == k).sum()), "norm_source": source[at],
                     "clock": la.clock, "per_month": r["occurrences"] / la.months,
                     "hours_per_day": hours_per_day(la.clock)}
            records.append(log_record(la, r, waste="waiting", where=f"{a} → {b}", kind="edge",
                                      wait=r["value"] / 3600.0 / la.months, facts=facts,
                                      keys_=keys(activity=(a, b))))
        rows = rows_frame(records)
    designed_frame = pd.DataFrame({"where": [f"{f['a']} → {f['b']}" for f in designed.values()],
                                   "facts": list(designed.values())})
    return rows, designed_frame, info
