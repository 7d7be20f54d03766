"""Data-quality findings: what a consultant must know before trusting a map.

`quality` returns one row per finding with a severity, a count, the share of events (or
cases) affected, a plain message and a few examples. Findings are facts about the data, not
errors: the rows stay in the log.
"""

from __future__ import annotations

import difflib
import logging
import re

import numpy as np
import pandas as pd

from ..model import columns as C
from ..io.eventlog import EventLog, as_frame

log = logging.getLogger(__name__)

FINDING_COLUMNS = ["check", "severity", "count", "share", "message", "examples"]

#: Thresholds, documented here and in the README.
BATCH_MIN_EVENTS = 3          # events of one case with the very same timestamp
OUTLIER_SPREAD = 0.5          # beyond P1 - 0.5*(P99-P1) or P99 + 0.5*(P99-P1)
USUAL_END_SHARE = 0.9         # end activities that together end 90% of cases are "usual"
SIMILAR_LABEL_RATIO = 0.9     # difflib ratio for "probably the same label"


def _finding(check, severity, count, share, message, examples) -> dict:
    return {"check": check, "severity": severity, "count": int(count),
            "share": float(share), "message": message,
            "examples": ", ".join(map(str, list(examples)[:5]))}


def rejected_finding(rejected: pd.DataFrame, rows_read: int) -> dict:
    """The finding that names the refused rows of any reader (``.rejected``) and their reason."""
    reasons = rejected["reason"].astype(str).str.split(r"[:;]").str[0].value_counts()
    return _finding("rejected rows", "warning", len(rejected), len(rejected) / max(rows_read, 1),
                    f"{len(rejected)} of {rows_read} rows could not be read and are left out "
                    f"(most common: {reasons.index[0]}).",
                    [f"line {r.line}" for r in rejected.head(5).itertuples()])


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
    Event-log checks: rejected rows; duplicate events (same case, activity, time and resource);
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
    if isinstance(data, EventLog) and len(data.rejected):
        rows.append(rejected_finding(data.rejected, data.rows_read))
    if n == 0:
        return pd.DataFrame(rows, columns=FINDING_COLUMNS)
    keys = [C.CASE, C.ACTIVITY, C.TIMESTAMP] + ([C.RESOURCE] if C.RESOURCE in frame else [])
    dup = frame.duplicated(subset=keys, keep="first")
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
    if len(ts) >= 20:
        p1, p99 = ts.quantile(0.01), ts.quantile(0.99)
        spread = (p99 - p1) * OUTLIER_SPREAD
        if spread > pd.Timedelta(0):
            far = (ts < p1 - spread) | (ts > p99 + spread)
            if far.any():
                ex = frame.loc[far, ["line", C.TIMESTAMP]].head(5)
                rows.append(_finding("timestamps far outside the period", "warning", far.sum(),
                                     far.mean(),
                                     f"{int(far.sum())} events lie far before or after the bulk of "
                                     f"the log ({p1:%Y-%m-%d} to {p99:%Y-%m-%d}); check for typing "
                                     "errors or default dates.",
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


def _fold(label: str) -> str:
    return re.sub(r"[\W_]+", "", str(label).casefold())


def _probably_same(a: str, b: str) -> bool:
    """Same label but for case, spacing, punctuation, or one misspelt long word.

    Labels that differ in a number or a short code ('aspect 1'/'aspect 2', 'NC'/'IC') or by
    extra words ('Inspection'/'Inspection Q.C.') are different steps, not typos.
    """
    if _fold(a) == _fold(b):
        return True
    ta, tb = re.findall(r"\w+", a.casefold()), re.findall(r"\w+", b.casefold())
    if len(ta) != len(tb):
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < 5 or re.search(r"\d", x + y):
        return False
    return difflib.SequenceMatcher(None, x, y).ratio() >= SIMILAR_LABEL_RATIO - 0.1


def _similar_labels(labels: pd.Series, what: str) -> list[dict]:
    counts = labels.value_counts()
    names = [str(x) for x in counts.index]
    if len(names) > 400:
        return []
    pairs = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if _probably_same(a, b):
                pairs.append((a, b))
    if not pairs:
        return []
    affected = sum(int(min(counts[a], counts[b])) for a, b in pairs)
    return [_finding(f"similar {what} labels", "warning", len(pairs), affected / len(labels),
                     f"{len(pairs)} pair(s) of {what} labels differ only in case, spacing or "
                     "spelling and may be the same step; merge them before analysing if so.",
                     [f"'{a}' / '{b}'" for a, b in pairs])]
