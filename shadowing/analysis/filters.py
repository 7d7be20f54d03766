"""Filters that keep a log a log: ``filter_*(log, ...) -> EventLog``, each recorded on the log.

The names and meanings are pm4py's where pm4py has the filter (``pm4py.filter_variants_top_k``,
``pm4py.filter_time_range``, ...); the options are keyword-only. Each filter returns a new
`EventLog` (the input is never changed) whose ``filters`` tuple ends with an `AppliedFilter`
saying what was called and how many cases and events it set aside; the log's display, its
accounting (rows read = analysed + set aside + rejected) and every process map's footnote
("Filtered: …") are made from these records, so a chain of filters stays visible.

How it works: every filter computes one boolean per row of ``log.frame`` from integer codes
(case codes, activity codes, nanosecond times) with numpy and pandas group-bys: no Python loop
per case or per event. Case-level facts that depend on the order of work (variants, start and
end activities, directly and eventually follows, case size) are computed on the activity
instances the other analyses use (`shadowing.activity_instances`; in a log without lifecycle
transitions, the events), so ``filter_variants`` accepts the labels `shadowing.variants` shows.
A case-level decision keeps or sets aside all the rows of a case.

Semantics that differ from pm4py (each stated in its function):

- ``filter_time_range`` uses a case's first *start* where the log has start times (pm4py looks
  at ``time:timestamp`` only) and its ``"intersecting"`` mode includes the bounds (pm4py's is
  strict), so a case contained in the range also intersects it.
- ``filter_variants_top_k`` breaks ties by the variant's text, as `shadowing.variants` sorts.
"""

from __future__ import annotations

import logging
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ParameterError, check_choice, check_number, did_you_mean
from ..io.eventlog import EventLog
from ..model import columns as C
from .dfg import Events, events_of
from .filter_rows import (_apply, _as_list, _case_codes, _case_mask, _case_mask_ev,
                          _check_activities, _check_bool, _check_values_exist, _column, _log_of,
                          _relations, _series, _value_mask)
from .variants import SEPARATOR, _join_runs, case_variants

logger = logging.getLogger(__name__)

__all__ = [
    "filter_time_range", "filter_event_attribute_values", "filter_trace_attribute_values",
    "filter_variants_top_k", "filter_variants_by_coverage_percentage", "filter_variants",
    "filter_case_size", "filter_case_performance", "filter_start_activities",
    "filter_end_activities", "filter_directly_follows_relation",
    "filter_eventually_follows_relation", "filter_activities", "filter_cases", "FILTERS",
]

TIME_MODES = ("contained", "intersecting", "started", "completed", "trimmed")
#: pm4py's mode names, accepted as synonyms.
PM4PY_TIME_MODES = {"traces_contained": "contained", "traces_intersecting": "intersecting",
                    "traces_starting_in": "started", "traces_completing_in": "completed",
                    "events": "trimmed"}


# -- time ---------------------------------------------------------------------------------------

def _bound(value, name: str, tz, func: str) -> int:
    """A bound as nanoseconds in the frame's clock (aware frames: UTC nanoseconds)."""
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"The '{name}' parameter of {func} must be a date/time such as "
                             f"'2026-02-01' or '2026-02-01 08:00'. Got {value!r} instead.") from exc
    if ts is pd.NaT or pd.isna(ts):
        raise ParameterError(f"The '{name}' parameter of {func} must be a date/time. Got "
                             f"{value!r} instead.")
    if tz is not None:
        ts = ts.tz_localize(tz) if ts.tz is None else ts.tz_convert(tz)
        ts = ts.tz_convert("UTC").tz_localize(None)
    elif ts.tz is not None:
        raise ParameterError(f"The '{name}' parameter of {func} has a time zone ({ts.tz}) but the "
                             "log's times have none; pass a time without an offset.")
    return int(ts.as_unit("ns").value)


def _ns(series: pd.Series) -> np.ndarray:
    return pd.DatetimeIndex(series).as_unit("ns").asi8


def filter_time_range(log, *, dt1, dt2,
                      mode: Literal["contained", "intersecting", "started", "completed",
                                    "trimmed"] = "contained") -> EventLog:
    """Keep the cases (or events) of a period, as Disco's timeframe filter and pm4py's.

    Parameters
    ----------
    log : EventLog or DataFrame
    dt1, dt2 : str, datetime or Timestamp
        First and last moment of the period, both included (``"2026-01-01"``,
        ``"2026-01-31 23:59:59"``). Naive times are read in the log's time zone.
    mode : {"contained", "intersecting", "started", "completed", "trimmed"}
        ``"contained"``: cases that start and end within the period; ``"intersecting"``: cases
        with any time inside it (they start before its end and end after its start, bounds
        included); ``"started"`` / ``"completed"``: cases that start / end in it;
        ``"trimmed"``: the events inside it, from any case. A case starts at its first start
        time (``start_timestamp`` where the log has one, else ``time:timestamp``) and ends at
        its last ``time:timestamp``. pm4py's names (``"traces_contained"``,
        ``"traces_intersecting"``, ``"traces_starting_in"``, ``"traces_completing_in"``,
        ``"events"``) are accepted too.

    Returns
    -------
    EventLog
        With ``filters`` ending in this filter.

    Raises
    ------
    ParameterError
        An unknown mode, a bound that is not a date, ``dt1`` after ``dt2``.

    Examples
    --------
    >>> import shadowing as sh
    >>> log = sh.read_event_log(sh.sample_path("wholesale") / "eventlog.csv")  # doctest: +SKIP
    >>> january = sh.filter_time_range(log, dt1="2026-01-01", dt2="2026-01-31 23:59:59")  # doctest: +SKIP
    """
    func = "filter_time_range"
    mode = PM4PY_TIME_MODES.get(mode, mode) if isinstance(mode, str) else mode
    check_choice("mode", mode, TIME_MODES, func=func)
    lg = _log_of(log)
    frame = lg.frame
    tz = frame[C.TIMESTAMP].dt.tz
    lo, hi = _bound(dt1, "dt1", tz, func), _bound(dt2, "dt2", tz, func)
    if lo > hi:
        raise ParameterError(f"{func}: dt1 ({dt1}) is after dt2 ({dt2}); the period must start "
                             "before it ends.")
    end = _ns(frame[C.TIMESTAMP])
    params = {"dt1": str(dt1), "dt2": str(dt2), "mode": mode}
    if mode == "trimmed":
        return _apply(lg, (end >= lo) & (end <= hi), func, params)
    begin = end
    if C.START in frame.columns:
        start = _ns(frame[C.START])
        begin = np.where(start == np.iinfo(np.int64).min, end, np.minimum(start, end))
    codes, labels = _case_codes(lg)
    f, la, which = _case_span(codes, begin, end)
    cond = {"contained": (f >= lo) & (la <= hi),
            "intersecting": (f <= hi) & (la >= lo),
            "started": (f >= lo) & (f <= hi),
            "completed": (la >= lo) & (la <= hi)}[mode]
    per_code = np.zeros(len(labels) + 1, dtype=bool)  # last slot: rows without a case
    per_code[which] = cond
    return _apply(lg, per_code[np.where(codes >= 0, codes, len(labels))], func, params)


def _case_span(codes: np.ndarray, begin: np.ndarray, end: np.ndarray):
    """Per case: first ``begin``, last ``end`` and the case's code. One pass over the rows when
    each case's rows are together (as in every canonical frame), a group-by otherwise."""
    n = len(codes)
    if n and (codes >= 0).all():
        starts = np.concatenate(([0], np.flatnonzero(codes[1:] != codes[:-1]) + 1))
        which = codes[starts]
        if np.count_nonzero(np.bincount(codes)) == len(which):  # each case's rows together
            return np.minimum.reduceat(begin, starts), np.maximum.reduceat(end, starts), which
    ok = codes >= 0
    first = pd.Series(begin[ok]).groupby(codes[ok]).min()
    last = pd.Series(end[ok]).groupby(codes[ok]).max()
    return first.to_numpy(), last.to_numpy(), first.index.to_numpy()


# -- attributes ----------------------------------------------------------------------------------

def filter_event_attribute_values(log, *, attribute_key: str, values,
                                  level: Literal["case", "event"] = "case",
                                  retain: bool = True) -> EventLog:
    """Keep (or remove) cases, or events, by the value of an event attribute.

    The same as ``pm4py.filter_event_attribute_values``.

    Parameters
    ----------
    log : EventLog or DataFrame
    attribute_key : str
        A column of the log: a canonical name (``"org:resource"``, ``"system"``) or the name
        the column had in the source file (``"Medewerker"``).
    values : list
        The values to look for (one value may be given alone).
    level : {"case", "event"}
        ``"case"``: keep the whole cases that have at least one event with one of the values
        (with ``retain=False``: the cases that have none). ``"event"``: keep the events with
        one of the values (``retain=False``: the other events).
    retain : bool

    Returns
    -------
    EventLog

    Raises
    ------
    ColumnNotFoundError
        The column is not in the log.
    ParameterError
        None of the values occurs in the column (a typo gets a "did you mean").
    """
    func = "filter_event_attribute_values"
    check_choice("level", level, ("case", "event"), func=func)
    retain = _check_bool("retain", retain, func)
    lg = _log_of(log)
    frame = lg.frame
    col = _column(frame, lg, attribute_key, func)
    values = _as_list("values", values, func)
    series = _series(lg, col)
    _check_values_exist(series, values, func=func, column=col)
    hit = _value_mask(series, values)
    params = {"attribute_key": attribute_key, "values": values, "level": level, "retain": retain}
    if level == "event":
        return _apply(lg, hit if retain else ~hit, func, params)
    codes, labels = _case_codes(lg)
    n = len(labels)
    has = np.bincount(codes[hit & (codes >= 0)], minlength=n) > 0
    return _apply(lg, _case_mask(lg, labels, has, retain), func, params)


def filter_trace_attribute_values(log, *, attribute_key: str, values,
                                  retain: bool = True) -> EventLog:
    """Keep (or remove) the cases whose case attribute has one of the values.

    A case attribute is a column holding one value per case (``case:...`` columns, or a
    customer, a region); as in pm4py on a DataFrame, a case matches when any of its rows holds
    one of the values. The case id itself (``"case:concept:name"``) works too; `filter_cases`
    says it shorter.

    Parameters
    ----------
    log : EventLog or DataFrame
    attribute_key : str
        The column (``"case:Diagnose"`` may be given as ``"Diagnose"``).
    values : list
    retain : bool

    Returns
    -------
    EventLog

    Raises
    ------
    ColumnNotFoundError, ParameterError
    """
    func = "filter_trace_attribute_values"
    retain = _check_bool("retain", retain, func)
    lg = _log_of(log)
    frame = lg.frame
    col = _column(frame, lg, attribute_key, func)
    values = _as_list("values", values, func)
    series = _series(lg, col)
    _check_values_exist(series, values, func=func, column=col)
    hit = _value_mask(series, values)
    codes, labels = _case_codes(lg)
    has = np.bincount(codes[hit & (codes >= 0)], minlength=len(labels)) > 0
    params = {"attribute_key": attribute_key, "values": values, "retain": retain}
    return _apply(lg, _case_mask(lg, labels, has, retain), func, params)


def filter_cases(log, *, cases, retain: bool = True) -> EventLog:
    """Keep (or remove) cases by their id.

    Parameters
    ----------
    log : EventLog or DataFrame
    cases : list of str
        Case ids (compared as text). Ids that are not in the log are logged as a warning;
        when none is, `ParameterError` is raised.
    retain : bool

    Returns
    -------
    EventLog
    """
    func = "filter_cases"
    retain = _check_bool("retain", retain, func)
    lg = _log_of(log)
    ids = [str(c) for c in _as_list("cases", cases, func)]
    codes, labels = _case_codes(lg)
    labels_text = pd.Index(labels.astype(str))
    hit = labels_text.isin(ids)
    if not hit.any():
        raise ParameterError(f"{func}: none of the case ids {', '.join(map(repr, ids[:5]))} is in "
                             f"the log.{did_you_mean(ids[0], labels_text[:5000].tolist())} "
                             f"Case ids look like: {', '.join(map(repr, labels_text[:5].tolist()))}.")
    missing = len(set(ids) - set(labels_text[hit]))
    if missing:
        logger.warning("%s: %d of the %d case ids are not in the log", func, missing, len(set(ids)))
    params = {"cases": ids, "retain": retain}
    return _apply(lg, _case_mask(lg, labels, hit, retain), func, params)


# -- variants -------------------------------------------------------------------------------------

def _variant_labels(ev: Events, vid: np.ndarray, which: np.ndarray) -> np.ndarray:
    """The text of the variants numbered ``which`` (as `shadowing.variants` writes them)."""
    first, last = ev.first_last()
    _, example = np.unique(vid, return_index=True)
    starts, lengths = first[example][which], (last - first + 1)[example][which]
    if len(starts) == 0:
        return np.array([], dtype=object)
    idx = np.repeat(starts, lengths) + (np.arange(lengths.sum())
                                        - np.repeat(np.cumsum(lengths) - lengths, lengths))
    return _join_runs(ev.act[idx], ev.labels.astype(str).astype(object), lengths)


def _keep_variants(lg: EventLog, ev: Events, inst: pd.DataFrame, vid: np.ndarray,
                   chosen: np.ndarray, name: str, params: dict, retain: bool = True) -> EventLog:
    chosen_mask = np.zeros(int(vid.max()) + 1 if len(vid) else 0, dtype=bool)
    chosen_mask[np.asarray(chosen, dtype=np.int64)] = True
    cond = chosen_mask[vid] if len(vid) else np.zeros(0, dtype=bool)
    return _apply(lg, _case_mask_ev(lg, ev, inst, cond, retain), name, params)


def filter_variants_top_k(log, *, k: int) -> EventLog:
    """Keep the cases of the ``k`` most frequent variants.

    The same cases as ``pm4py.filter_variants_top_k`` except on ties, which are broken here by
    the variant's text (as `shadowing.variants` sorts). (With pandas 3, pm4py's own filter
    raises an ArrowNotImplementedError on a frame from ``pm4py.format_dataframe``; on the
    kit's frame it works.)

    Parameters
    ----------
    log : EventLog or DataFrame
    k : int
        At least 1; more than there are variants keeps everything.

    Returns
    -------
    EventLog
    """
    func = "filter_variants_top_k"
    k = check_number("k", k, func=func, low=1, integer=True)
    lg = _log_of(log)
    ev, inst = events_of(lg)
    vid = case_variants(ev)
    counts = np.bincount(vid) if len(vid) else np.zeros(0, dtype=np.int64)
    if k >= len(counts):
        chosen = np.arange(len(counts))
    else:  # every variant above the k-th count; ties at the cut broken by the variant's text
        cut = np.partition(counts, len(counts) - k)[len(counts) - k]
        above = np.flatnonzero(counts > cut)
        tied = np.flatnonzero(counts == cut)
        text = _variant_labels(ev, vid, tied)
        chosen = np.concatenate([above, tied[np.argsort(text, kind="stable")][: k - len(above)]])
    return _keep_variants(lg, ev, inst, vid, chosen, func, {"k": k})


def filter_variants_by_coverage_percentage(log, *, min_coverage_percentage: float) -> EventLog:
    """Keep the cases of the variants that each cover at least this share of the cases.

    As ``pm4py.filter_variants_by_coverage_percentage``: with 1,000 cases of which 500 follow
    variant 1, 400 variant 2 and 100 variant 3, ``min_coverage_percentage=0.2`` keeps the
    cases of variants 1 and 2.

    Parameters
    ----------
    log : EventLog or DataFrame
    min_coverage_percentage : float
        A share between 0 and 1 (0.05 for 5%).

    Returns
    -------
    EventLog
    """
    func = "filter_variants_by_coverage_percentage"
    share = check_number("min_coverage_percentage", min_coverage_percentage, func=func, low=0,
                         high=1, what="a share between 0 and 1 (0.05 for 5%)")
    lg = _log_of(log)
    ev, inst = events_of(lg)
    vid = case_variants(ev)
    counts = np.bincount(vid) if len(vid) else np.zeros(0, dtype=np.int64)
    chosen = np.flatnonzero(counts >= share * max(ev.n_cases, 1))
    return _keep_variants(lg, ev, inst, vid, chosen, func, {"min_coverage_percentage": share})


def filter_variants(log, *, variants, retain: bool = True) -> EventLog:
    """Keep (or remove) the cases that follow the given variants.

    Parameters
    ----------
    log : EventLog or DataFrame
    variants : list
        Each variant as the text `shadowing.variants` shows (``"a → b → c"``) or as a sequence
        of activities (``("a", "b", "c")``, pm4py's form).
    retain : bool

    Returns
    -------
    EventLog

    Raises
    ------
    ParameterError
        A variant that no case follows (with the closest one that does).
    """
    func = "filter_variants"
    retain = _check_bool("retain", retain, func)
    wanted = [v if isinstance(v, str) else SEPARATOR.join(map(str, v))
              for v in _as_list("variants", variants, func)]
    lg = _log_of(log)
    ev, inst = events_of(lg)
    vid = case_variants(ev)
    n_var = int(vid.max()) + 1 if len(vid) else 0
    labels = pd.Index(_variant_labels(ev, vid, np.arange(n_var)).astype(str))
    pos = labels.get_indexer(wanted)
    missing = [w for w, p in zip(wanted, pos) if p < 0]
    if missing:
        raise ParameterError(
            f"{func}: no case follows the variant {missing[0]!r}."
            f"{did_you_mean(missing[0], labels[:5000].tolist())} See shadowing.variants(log) for "
            "the variants of the log.")
    chosen = pos
    return _keep_variants(lg, ev, inst, vid, chosen, func, {"variants": wanted, "retain": retain},
                          retain)


# -- case size and duration --------------------------------------------------------------------

def filter_case_size(log, *, min_size: int = 1, max_size: int | None = None) -> EventLog:
    """Keep the cases with between ``min_size`` and ``max_size`` steps (both included).

    Steps are activity instances: events, or in a lifecycle log one step per start/complete
    pair (pm4py counts rows).

    Parameters
    ----------
    log : EventLog or DataFrame
    min_size : int
    max_size : int, optional
        No upper limit by default.

    Returns
    -------
    EventLog
    """
    func = "filter_case_size"
    lo = check_number("min_size", min_size, func=func, low=0, integer=True)
    hi = check_number("max_size", max_size, func=func, low=0, integer=True, none=True)
    if hi is not None and hi < lo:
        raise ParameterError(f"{func}: max_size ({hi}) is below min_size ({lo}).")
    lg = _log_of(log)
    ev, inst = events_of(lg)
    size = np.bincount(ev.case, minlength=ev.n_cases)
    cond = (size >= lo) & (size <= (hi if hi is not None else np.iinfo(np.int64).max))
    return _apply(lg, _case_mask_ev(lg, ev, inst, cond, True), func,
                  {"min_size": lo, "max_size": hi})


def _seconds(value, name: str, func: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = pd.Timedelta(value)
        except ValueError as exc:
            raise ParameterError(f"The '{name}' parameter of {func} must be seconds or a duration "
                                 f"such as '2 days' or '4h'. Got {value!r} instead.") from exc
    if isinstance(value, (pd.Timedelta, np.timedelta64)) or hasattr(value, "total_seconds"):
        value = pd.Timedelta(value).total_seconds()
    return check_number(name, value, func=func, low=0,
                        what="a number of seconds (or a duration such as '2 days')")


def filter_case_performance(log, *, min_performance=0, max_performance=None) -> EventLog:
    """Keep the cases whose throughput time lies between the two bounds (both included).

    The throughput time runs from the case's first start (``start_timestamp`` where known) to
    its last ``time:timestamp``, as `shadowing.variants` measures it; pm4py's filter of this
    name uses ``time:timestamp`` only (the same in logs without start times).

    Parameters
    ----------
    log : EventLog or DataFrame
    min_performance, max_performance : float, Timedelta or str
        Seconds (pm4py's unit), a ``Timedelta`` or a text such as ``"2 days"``;
        ``max_performance=None``: no upper limit.

    Returns
    -------
    EventLog
    """
    func = "filter_case_performance"
    lo = _seconds(min_performance, "min_performance", func) or 0.0
    hi = _seconds(max_performance, "max_performance", func)
    if hi is not None and hi < lo:
        raise ParameterError(f"{func}: max_performance ({hi:g} s) is below min_performance "
                             f"({lo:g} s).")
    lg = _log_of(log)
    ev, inst = events_of(lg)
    if ev.n_cases == 0:
        return _apply(lg, np.ones(len(lg.frame), dtype=bool), func,
                      {"min_performance": lo, "max_performance": hi})
    first, _ = ev.first_last()
    begin = ev.end if ev.start is None else np.minimum(ev.start, ev.end)
    ns = np.maximum.reduceat(ev.end, first) - np.minimum.reduceat(begin, first)
    lo_ns = int(round(lo * 1e9))
    cond = ns >= lo_ns
    if hi is not None:
        cond &= ns <= int(round(hi * 1e9))
    return _apply(lg, _case_mask_ev(lg, ev, inst, cond, True), func,
                  {"min_performance": lo, "max_performance": hi})


# -- endpoints and followers ------------------------------------------------------------------

def _endpoint(log, activities, retain, *, func: str, which: str) -> EventLog:
    retain = _check_bool("retain", retain, func)
    acts = [str(a) for a in _as_list("activities", activities, func)]
    lg = _log_of(log)
    ev, inst = events_of(lg)
    codes = _check_activities(acts, ev, func=func)
    first, last = ev.first_last()
    cond = np.isin(ev.act[first if which == "start" else last], codes)
    return _apply(lg, _case_mask_ev(lg, ev, inst, cond, retain), func,
                  {"activities": acts, "retain": retain})


def filter_start_activities(log, *, activities, retain: bool = True) -> EventLog:
    """Keep (or remove) the cases that start with one of the activities.

    As ``pm4py.filter_start_activities``.

    Parameters
    ----------
    log : EventLog or DataFrame
    activities : list of str
    retain : bool

    Returns
    -------
    EventLog

    Raises
    ------
    ParameterError
        An activity that is not in the log (with a "did you mean").
    """
    return _endpoint(log, activities, retain, func="filter_start_activities", which="start")


def filter_end_activities(log, *, activities, retain: bool = True) -> EventLog:
    """Keep (or remove) the cases that end with one of the activities.

    As ``pm4py.filter_end_activities``.

    Parameters
    ----------
    log : EventLog or DataFrame
    activities : list of str
    retain : bool

    Returns
    -------
    EventLog
    """
    return _endpoint(log, activities, retain, func="filter_end_activities", which="end")


def filter_directly_follows_relation(log, *, relations, retain: bool = True) -> EventLog:
    """Keep (or remove) the cases in which one of the pairs ``(a, b)`` happens directly one
    after the other (``b`` is the next step after ``a``).

    As ``pm4py.filter_directly_follows_relation``: a case is kept when it holds *any* of the
    relations.

    Parameters
    ----------
    log : EventLog or DataFrame
    relations : list of (str, str)
    retain : bool

    Returns
    -------
    EventLog
    """
    func = "filter_directly_follows_relation"
    retain = _check_bool("retain", retain, func)
    lg = _log_of(log)
    ev, inst = events_of(lg)
    a, b = _relations(relations, ev, func=func)
    n_act = np.int64(len(ev.labels))
    pair = ev.act[:-1].astype(np.int64) * n_act + ev.act[1:]
    same = ev.case[:-1] == ev.case[1:]
    hit = same & np.isin(pair, a * n_act + b)
    cond = np.bincount(ev.case[:-1][hit], minlength=ev.n_cases) > 0
    params = {"relations": [tuple(map(str, p)) for p in relations], "retain": retain}
    return _apply(lg, _case_mask_ev(lg, ev, inst, cond, retain), func, params)


def _first_last_of(ev: Events, code: int) -> tuple[np.ndarray, np.ndarray]:
    """Per case, the index of the first and of the last event of activity ``code`` (-1: none)."""
    idx = np.flatnonzero(ev.act == code)
    first = np.full(ev.n_cases, -1, dtype=np.int64)
    last = np.full(ev.n_cases, -1, dtype=np.int64)
    if len(idx):
        cases = ev.case[idx]
        u, i_first = np.unique(cases, return_index=True)
        first[u] = idx[i_first]
        u2, i_last = np.unique(cases[::-1], return_index=True)
        last[u2] = idx[::-1][i_last]
    return first, last


def filter_eventually_follows_relation(log, *, relations, retain: bool = True) -> EventLog:
    """Keep (or remove) the cases in which ``a`` is followed, sooner or later, by ``b``, for
    one of the pairs ``(a, b)``.

    As ``pm4py.filter_eventually_follows_relation`` (any of the relations). ``(a, a)`` asks for
    ``a`` at least twice.

    Parameters
    ----------
    log : EventLog or DataFrame
    relations : list of (str, str)
    retain : bool

    Returns
    -------
    EventLog
    """
    func = "filter_eventually_follows_relation"
    retain = _check_bool("retain", retain, func)
    lg = _log_of(log)
    ev, inst = events_of(lg)
    a, b = _relations(relations, ev, func=func)
    cond = np.zeros(ev.n_cases, dtype=bool)
    cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for x, y in zip(a.tolist(), b.tolist()):  # one vectorised pass per relation asked for
        for c in (x, y):
            if c not in cache:
                cache[c] = _first_last_of(ev, c)
        first_x, _ = cache[x]
        _, last_y = cache[y]
        cond |= (first_x >= 0) & (last_y >= 0) & (first_x < last_y)
    params = {"relations": [tuple(map(str, p)) for p in relations], "retain": retain}
    return _apply(lg, _case_mask_ev(lg, ev, inst, cond, retain), func, params)


def filter_activities(log, *, activities, retain: bool = True) -> EventLog:
    """Keep (or remove) the events of the given activities, from every case.

    The events of other activities are set aside; cases left without events disappear. The
    same as ``pm4py.filter_event_attribute_values(log, "concept:name", activities,
    level="event")``. In a lifecycle log, all the lifecycle events of an activity go together.

    Parameters
    ----------
    log : EventLog or DataFrame
    activities : list of str
    retain : bool
        ``False`` removes the activities instead.

    Returns
    -------
    EventLog

    Raises
    ------
    ParameterError
        An activity that is not in the log (with a "did you mean").
    """
    func = "filter_activities"
    retain = _check_bool("retain", retain, func)
    acts = [str(a) for a in _as_list("activities", activities, func)]
    lg = _log_of(log)
    col = _series(lg, C.ACTIVITY)
    known = (pd.Index(col.cat.categories) if isinstance(col.dtype, pd.CategoricalDtype)
             else pd.Index(pd.unique(col)))
    known = known.astype(str)
    missing = [a for a in acts if a not in known]
    if missing:
        shown = ", ".join(f"'{a}'" for a in known[:12]) + (", ..." if len(known) > 12 else "")
        raise ParameterError(f"{func}: the {'activity' if len(missing) == 1 else 'activities'} "
                             f"{', '.join(map(repr, missing))} {'is' if len(missing) == 1 else 'are'}"
                             f" not in the log.{did_you_mean(missing[0], known.tolist())} Activities "
                             f"are: {shown}.")
    hit = _value_mask(col, acts) if isinstance(col.dtype, pd.CategoricalDtype) else \
        col.astype(str).isin(acts).to_numpy()
    return _apply(lg, hit if retain else ~hit, func, {"activities": acts, "retain": retain})


#: Every filter, by name (for the README and the tests).
FILTERS = {f.__name__: f for f in (
    filter_time_range, filter_event_attribute_values, filter_trace_attribute_values,
    filter_cases, filter_variants_top_k, filter_variants_by_coverage_percentage,
    filter_variants, filter_case_size, filter_case_performance, filter_start_activities,
    filter_end_activities, filter_directly_follows_relation, filter_eventually_follows_relation,
    filter_activities)}
