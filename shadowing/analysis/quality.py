"""Data-quality findings: what a consultant must know before trusting a map.

`quality` returns one row per finding with a severity, a count, the share of events (or
cases) affected, a plain message and a few examples. Findings are facts about the data, not
errors: the rows stay in the log.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from ..model import columns as C
from ..errors import InputError
from ..io.eventlog import EventLog, accounting_of, as_frame
from ..model.findings import (FINDING_COLUMNS, SIMILAR_LABEL_RATIO, finding as _finding,  # noqa: F401
                              probably_same as _probably_same, rejected_finding,
                              similar_labels as _similar_labels)

log = logging.getLogger(__name__)


#: Thresholds, documented here and in the README.
BATCH_MIN_EVENTS = 3          # events of one case with the very same timestamp
OUTLIER_SPREAD = 0.5          # beyond P1 - 0.5*(P99-P1) or P99 + 0.5*(P99-P1)
USUAL_END_SHARE = 0.9         # end activities that together end 90% of cases are "usual"


def duplicate_events(frame: pd.DataFrame) -> np.ndarray:
    """Which events repeat an earlier one exactly: same case, activity, time (and resource).

    The rule of `quality`'s "duplicate events" finding; the first of each group is kept (False).
    """
    keys = [C.CASE, C.ACTIVITY, C.TIMESTAMP] + ([C.RESOURCE] if C.RESOURCE in frame else [])
    return frame.duplicated(subset=keys, keep="first").to_numpy(dtype=bool)


def far_from_bulk(ts: pd.Series) -> tuple[np.ndarray, pd.Timestamp | None, pd.Timestamp | None]:
    """Which timestamps lie far outside the bulk of the log, and the bulk's P1 and P99.

    The rule of `quality`'s "timestamps far outside the period" finding: with 20 or more
    timestamps, those before ``P1 - OUTLIER_SPREAD * (P99 - P1)`` or after
    ``P99 + OUTLIER_SPREAD * (P99 - P1)``. Fewer timestamps, or no spread: none.
    """
    none = np.zeros(len(ts), dtype=bool)
    if len(ts) < 20:
        return none, None, None
    p1, p99 = ts.quantile(0.01), ts.quantile(0.99)
    spread = (p99 - p1) * OUTLIER_SPREAD
    if not spread > pd.Timedelta(0):
        return none, p1, p99
    return ((ts < p1 - spread) | (ts > p99 + spread)).to_numpy(dtype=bool), p1, p99


def quality(data) -> pd.DataFrame:
    """Check an event log (or observations) and return the findings.

    Parameters
    ----------
    data : EventLog, DataFrame or Observations

    Returns
    -------
    DataFrame
        Columns ``check``, ``severity`` (``info``, ``warning``), ``count``, ``share``,
        ``message``, ``examples``. Empty when nothing is worth saying.

    Notes
    -----
    Event-log checks: the accounting (first row, ``check`` = ``"accounting"``: rows read =
    analysed + set aside, with reasons + rejected, as `EventLog.accounting` says); open
    activity instances (a start without its complete) and instances without a start; rejected
    rows; duplicate events (same case, activity, time and resource);
    batch entry (``BATCH_MIN_EVENTS`` or more events of one case at the very same time);
    timestamps far outside the log's period (beyond half the P1-P99 spread from either end);
    labels that differ only in case, spacing or spelling; cases that stop before a usual end
    (their last activity is not among those ending ``USUAL_END_SHARE`` of cases); missing
    resources.
    """
    if type(data).__name__ == "Observations":
        from ..io.observations import observation_findings  # noqa: PLC0415

        return observation_findings(data)
    frame = as_frame(data)
    rows: list[dict] = []
    n = len(frame)
    try:
        acc = accounting_of(data)
    except InputError as exc:  # nothing to analyse: say so, and check the events all the same
        acc = None
        rows.append(_finding("accounting", "warning", 0, 0.0, str(exc), []))
    if acc is not None:
        rows.append(_finding("accounting", "info" if acc.analysed == acc.rows_read else "warning",
                             acc.analysed, acc.analysed / max(acc.rows_read, 1),
                             acc.sentence("en") + ".", []))
    aside = dict(acc.set_aside) if acc is not None else {}
    if aside.get("open"):
        rows.append(_finding("open activity instances", "warning", aside["open"],
                             aside["open"] / max(acc.rows_read, 1),
                             f"{aside['open']} start events have no complete: activities begun but "
                             "not finished in the log (still running, or their end was not "
                             "recorded); they are left out of the map.", []))
    if acc is not None and acc.no_start:
        rows.append(_finding("instances without a start", "info", acc.no_start,
                             acc.no_start / max(acc.analysed, 1),
                             f"{acc.no_start} activity instances have a complete but no start: "
                             "their duration is unknown (counted as 0 in activity durations).", []))
    if isinstance(data, EventLog) and len(data.rejected):
        rows.append(rejected_finding(data.rejected, data.rows_read))
    if n == 0:
        return pd.DataFrame(rows, columns=FINDING_COLUMNS)
    dup = pd.Series(duplicate_events(frame), index=frame.index)
    if dup.any():
        ex = frame.loc[dup, "line"].head(5)
        rows.append(_finding("duplicate events", "warning", dup.sum(), dup.mean(),
                             f"{int(dup.sum())} events repeat an earlier event exactly (same case, "
                             "activity, time and resource); they may be double exports.",
                             [f"line {v}" for v in ex]))
    same = frame.groupby([C.CASE, C.TIMESTAMP], observed=True, sort=False).size()
    batches = same[same >= BATCH_MIN_EVENTS]
    if len(batches):
        n_ev = int(batches.sum())
        cases = batches.index.get_level_values(0).unique()
        rows.append(_finding("batch entry", "info", n_ev, n_ev / n,
                             f"{n_ev} events in {len(cases)} cases share their exact timestamp with "
                             f"{BATCH_MIN_EVENTS - 1} or more others in the same case: entered in a "
                             "batch afterwards, so their order and waiting times are unreliable.",
                             [f"case {c}" for c in cases[:5]]))
    ts = frame[C.TIMESTAMP]
    far_mask, p1, p99 = far_from_bulk(ts)
    far = pd.Series(far_mask, index=frame.index)
    if far.any():
        ex = frame.loc[far, ["line", C.TIMESTAMP]].head(5)
        rows.append(_finding("timestamps far outside the period", "warning", far.sum(), far.mean(),
                             f"{int(far.sum())} events lie far before or after the bulk of the log "
                             f"({p1:%Y-%m-%d} to {p99:%Y-%m-%d}); check for typing errors or "
                             "default dates.",
                             [f"line {r.line}: {r[2]:%Y-%m-%d}" for r in ex.itertuples()]))
    rows += _similar_labels(frame[C.ACTIVITY], "activity")
    # cases that stop before a usual end
    last = frame.groupby(C.CASE, observed=True, sort=False)[C.ACTIVITY].last()
    ends = last.value_counts(normalize=True)
    usual = ends.index[: int(np.searchsorted(ends.cumsum().to_numpy(), USUAL_END_SHARE) + 1)]
    odd = last[~last.isin(usual)]
    if len(odd) and len(last) >= 10:
        rows.append(_finding("cases without a usual end", "info", len(odd), len(odd) / len(last),
                             f"{len(odd)} of {len(last)} cases end with an activity that rarely ends "
                             f"a case (usual ends: {', '.join(map(str, usual[:4]))}); they may still "
                             "be running or have been abandoned.",
                             [f"case {c} ends with {a}" for c, a in odd.head(5).items()]))
    if C.RESOURCE in frame:
        miss = frame[C.RESOURCE].isna()
        if miss.any():
            rows.append(_finding("missing resources", "info" if miss.mean() < 0.2 else "warning",
                                 miss.sum(), miss.mean(),
                                 f"{miss.mean():.0%} of events have no resource (who did it is "
                                 "unknown); handover and rework-by-person analyses leave them out.",
                                 [f"line {v}" for v in frame.loc[miss, 'line'].head(5)]))
    else:
        rows.append(_finding("missing resources", "info", n, 1.0,
                             "The log has no resource column: who did the work is unknown.", []))
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)
