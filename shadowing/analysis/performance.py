"""Performance of an event log: throughput times per case and handovers between people.

Frames in, frames out; the charts that draw them are in `shadowing.draw.charts`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import columns as C
from .dfg import events_of
from ..errors import ColumnNotFoundError

UNIT_SECONDS = {"s": 1, "min": 60, "h": 3600, "d": 86400, "w": 604800}
_BY = {"resource": C.RESOURCE, "system": C.SYSTEM, "role": "role", "group": "org:group"}


# -- compute ----------------------------------------------------------------------------------

def throughput_times(log) -> pd.DataFrame:
    """One row per case: when it started and ended and how long it took.

    Returns
    -------
    DataFrame
        ``case``, ``start`` (first start or timestamp), ``end`` (last timestamp),
        ``throughput`` (Timedelta), ``events``; in the log's case order.
    """
    ev, frame = events_of(log)
    first, last = ev.first_last()
    begin = ev.end if ev.start is None else np.minimum(ev.start, ev.end)
    if len(first):
        start_ns = np.minimum.reduceat(begin, first)
        end_ns = np.maximum.reduceat(ev.end, first)
    else:
        start_ns = end_ns = np.zeros(0, dtype=np.int64)
    tz = frame[C.TIMESTAMP].dt.tz
    start = pd.to_datetime(start_ns, unit="ns", utc=tz is not None)
    end = pd.to_datetime(end_ns, unit="ns", utc=tz is not None)
    if tz is not None:
        start, end = start.tz_convert(tz), end.tz_convert(tz)
    return pd.DataFrame({"case": ev.case_labels.astype(object), "start": start, "end": end,
                         "throughput": pd.to_timedelta(end_ns - start_ns, unit="ns"),
                         "events": (last - first + 1).astype(np.int64)})


def handovers(log, *, by: str = "resource", self_loops: bool = False) -> pd.DataFrame:
    """Who (or which role or system) hands work over to whom, within cases.

    A handover is two consecutive events of one case done by different people (or roles,
    systems). Events without a value are skipped over.

    Parameters
    ----------
    log : EventLog or DataFrame
    by : str
        ``"resource"`` (``org:resource``), ``"role"``, ``"system"``, ``"group"``
        (``org:group``) or the name of any column of the log.
    self_loops : bool
        Also count consecutive events by the same value (work kept, not handed over).

    Returns
    -------
    DataFrame
        ``source``, ``target``, ``count``, ``cases``, ``share`` (of all handovers), most
        frequent first.
    """
    ev, frame = events_of(log)
    col = _BY.get(by, by)
    if col not in frame.columns:
        raise ColumnNotFoundError(
            f"handovers: by={by!r} needs the column '{col}', which the log does not have; "
            f"columns are: {', '.join(map(str, frame.columns))}.")
    values = frame[col].astype("category")
    codes = values.cat.codes.to_numpy()[ev.row].astype(np.int64)
    known = codes >= 0
    case, codes = ev.case[known], codes[known]
    same_case = case[1:] == case[:-1]
    a, b = codes[:-1][same_case], codes[1:][same_case]
    c = case[1:][same_case]
    if not self_loops:
        keep = a != b
        a, b, c = a[keep], b[keep], c[keep]
    n = len(values.cat.categories)
    pair = a * max(n, 1) + b
    counts = np.bincount(pair, minlength=n * n)
    ucase = pd.unique(c * (n * n) + pair) if len(pair) else np.zeros(0, dtype=np.int64)
    cases = np.bincount(ucase % max(n * n, 1), minlength=n * n)
    nz = np.flatnonzero(counts)
    labels = np.asarray(values.cat.categories, dtype=object)
    out = pd.DataFrame({"source": labels[nz // max(n, 1)] if n else [],
                        "target": labels[nz % max(n, 1)] if n else [],
                        "count": counts[nz].astype(np.int64), "cases": cases[nz].astype(np.int64)})
    out["share"] = out["count"] / max(int(out["count"].sum()), 1)
    return out.sort_values(["count", "source", "target"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)


# -- draw -------------------------------------------------------------------------------------
