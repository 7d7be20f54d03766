"""Variants: the distinct paths cases take, with how often and how long.

Cases are grouped by their sequence of activity codes without building a tuple or a string per
case: each case gets two 64-bit polynomial hashes of its codes (vectorised with
``np.add.reduceat``) plus its length, and every case is then checked, event by event, against
its variant's example case, so a hash collision can never merge two different paths.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model.lazy import LazyLog
from .dfg import Events, _group_quantiles, events_of

SEPARATOR = " → "
VARIANT_COLUMNS = ["variant", "events", "count", "share", "cumulative_share",
                   "median_throughput", "example_case"]
_P1, _P2 = np.uint64(1_000_003), np.uint64(0x9E3779B97F4A7C15)


def case_variants(ev: Events) -> np.ndarray:
    """A variant number per case (cases with the same activity sequence share it), in order of
    first appearance. Internal: other modules use it to work once per variant."""
    n_cases = ev.n_cases
    if n_cases == 0:
        return np.zeros(0, dtype=np.int64)
    first, last = ev.first_last()
    lengths = last - first + 1
    pos = np.arange(ev.n_events) - np.repeat(first, lengths)
    codes = ev.act.astype(np.uint64) + np.uint64(1)
    hashes = []
    with np.errstate(over="ignore"):
        for p in (_P1, _P2):
            powers = np.cumprod(np.full(int(lengths.max()), p, dtype=np.uint64))
            hashes.append(np.add.reduceat(codes * powers[pos], first))
    keys = pd.DataFrame({"h1": hashes[0].view(np.int64), "h2": hashes[1].view(np.int64),
                         "n": lengths})
    vid = keys.groupby(["h1", "h2", "n"], sort=False).ngroup().to_numpy()
    # exactness: every event must equal the event at the same position in its variant's example
    _, example = np.unique(vid, return_index=True)
    rep_event = first[example][vid][ev.case] + pos
    if not np.array_equal(ev.act[rep_event], ev.act):  # pragma: no cover - 2**-128 chance
        labels = pd.Series(ev.act.astype(str)).groupby(ev.case).agg(",".join)
        vid = pd.factorize(labels.to_numpy())[0]
    return vid.astype(np.int64)


def _join_runs(codes: np.ndarray, names: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Join consecutive runs of activity ``codes`` (run sizes ``lengths``) as their ``names``
    with `SEPARATOR`: one string join for everything, cut at character offsets computed from
    the names' lengths. No pandas group (and no Python call) per event."""
    name_len = np.fromiter((len(n) for n in names), dtype=np.int64, count=len(names))
    width = name_len[codes]
    begin = np.concatenate(([0], np.cumsum(width + len(SEPARATOR))[:-1]))
    ends = np.cumsum(lengths)
    first_tok, last_tok = ends - lengths, ends - 1
    start, stop = begin[first_tok], begin[last_tok] + width[last_tok]
    text = SEPARATOR.join(names[codes].tolist())
    return np.array([text[x:y] for x, y in zip(start.tolist(), stop.tolist())], dtype=object)


def variants(log) -> pd.DataFrame:
    """The variants of a log, most frequent first.

    Parameters
    ----------
    log : EventLog, DataFrame or LazyEventLog
        A `LazyEventLog` (`scan_event_log`) is aggregated inside its engine.

    Returns
    -------
    DataFrame
        One row per variant: ``variant`` (its activities joined with ``" → "``), ``events``
        (steps), ``count`` (cases), ``share`` (of cases), ``cumulative_share``,
        ``median_throughput`` (Timedelta, from the case's first start to its last end) and
        ``example_case``.

    Examples
    --------
    >>> import pandas as pd, shadowing as sh
    >>> df = pd.DataFrame({"case:concept:name": ["1", "1", "2", "2", "3"],
    ...                    "concept:name": ["a", "b", "a", "b", "a"],
    ...                    "time:timestamp": pd.to_datetime(["2026-01-05 08:00", "2026-01-05 09:00",
    ...                        "2026-01-05 08:00", "2026-01-05 11:00", "2026-01-05 08:00"])})
    >>> sh.variants(df)[["variant", "count", "median_throughput"]]
      variant  count median_throughput
    0   a → b      2   0 days 02:00:00
    1       a      1   0 days 00:00:00
    """
    if isinstance(log, LazyLog):
        return log.aggregate_variants()
    ev, _ = events_of(log)
    if ev.n_cases == 0:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            VARIANT_COLUMNS, [object, "int64", "int64", float, float, "timedelta64[ns]", object])})
    vid = case_variants(ev)
    n_var = int(vid.max()) + 1
    first, last = ev.first_last()
    begin = ev.end if ev.start is None else np.minimum(ev.start, ev.end)
    seconds = (np.maximum.reduceat(ev.end, first) - np.minimum.reduceat(begin, first)) / 1e9
    (median,) = _group_quantiles(vid, seconds, n_var, (0.5,))
    count = np.bincount(vid, minlength=n_var)
    _, example = np.unique(vid, return_index=True)
    # labels: one join per variant (not per case), on the example case's events
    starts, ends = first[example], last[example]
    lengths = ends - starts + 1
    idx = np.repeat(starts, lengths) + (np.arange(lengths.sum())
                                        - np.repeat(np.cumsum(lengths) - lengths, lengths))
    label = _join_runs(ev.act[idx], ev.labels.astype(str).astype(object), lengths)
    out = pd.DataFrame({
        "variant": label,
        "events": lengths.astype(np.int64),
        "count": count.astype(np.int64),
        "share": count / ev.n_cases,
        "median_throughput": pd.to_timedelta(np.round(median * 1e9), unit="ns"),
        "example_case": ev.case_labels[example].astype(object),
    })
    out = out.sort_values(["count", "variant"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.insert(4, "cumulative_share", out["share"].cumsum())
    return out
