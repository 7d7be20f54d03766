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

import dataclasses
import logging
from typing import Any, Iterable, Literal, Sequence

import numpy as np
import pandas as pd

from ..errors import ColumnNotFoundError, ParameterError, check_choice, check_number, did_you_mean
from ..io.eventlog import EventLog, as_frame
from ..model import columns as C
from ..model.filtering import AppliedFilter
from .dfg import Events, events_of
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


# -- the machinery: one mask per row, one new log --------------------------------------------

def _log_of(data) -> EventLog:
    if isinstance(data, EventLog):
        return data
    frame = as_frame(data)
    return EventLog(frame=frame, source="DataFrame", rows_read=len(frame))


def _case_codes(frame: pd.DataFrame) -> tuple[np.ndarray, pd.Index]:
    """An integer code per row (into the returned labels) for the case column."""
    col = frame[C.CASE]
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy().astype(np.int64), pd.Index(col.cat.categories)
    codes, uniques = pd.factorize(col, sort=False)
    return codes.astype(np.int64), pd.Index(uniques)


def _n_cases(codes: np.ndarray, mask: np.ndarray | None = None) -> int:
    c = codes if mask is None else codes[mask]
    c = c[c >= 0]
    if len(c) == 0:
        return 0
    return int(np.count_nonzero(np.bincount(c)))


def _apply(lg: EventLog, keep: np.ndarray, name: str, parameters: dict[str, Any]) -> EventLog:
    """A new log with the rows where ``keep`` holds, and the filter recorded."""
    frame = lg.frame
    codes, _ = _case_codes(frame)
    keep = np.asarray(keep, dtype=bool)
    n_aside = int(len(frame) - keep.sum())
    applied = AppliedFilter(name=name, parameters=tuple(parameters.items()),
                            cases=_n_cases(codes) - _n_cases(codes, keep), events=n_aside)
    new = frame  # frames are never changed in place, so an unfiltered one is shared
    if n_aside:
        new = frame.loc[keep].reset_index(drop=True)
        for col in new.columns:  # activities and cases filtered out leave no empty category
            if isinstance(new[col].dtype, pd.CategoricalDtype):
                codes_col = new[col].cat.codes.to_numpy()
                n_cat = len(new[col].cat.categories)
                if n_cat and not (np.bincount(codes_col[codes_col >= 0], minlength=n_cat) > 0).all():
                    new[col] = new[col].cat.remove_unused_categories()
    changes: dict[str, Any] = {"frame": new, "filters": tuple(getattr(lg, "filters", ())) + (applied,)}
    if not lg.rows_read:
        changes["rows_read"] = len(frame) + len(lg.rejected)
    aside = getattr(lg, "set_aside", None)
    if isinstance(aside, pd.DataFrame):  # logs that list their set-aside rows (line, reason)
        lines = (frame["line"].to_numpy()[~keep] if "line" in frame.columns
                 else np.flatnonzero(~keep) + 1)
        rows = pd.DataFrame({"line": lines.astype("int64"), "reason": applied.call})
        changes["set_aside"] = pd.concat([aside, rows], ignore_index=True) if len(aside) else rows
    logger.info("%s: %d cases, %d events set aside", applied.call, applied.cases, applied.events)
    return dataclasses.replace(lg, **changes)


def _case_mask(frame: pd.DataFrame, case_labels: Iterable, cond: np.ndarray,
               retain: bool) -> np.ndarray:
    """Rows whose case's condition (given per label in ``case_labels``) matches ``retain``.

    Cases of the frame missing from ``case_labels`` (no activity instance) have a false
    condition."""
    codes, labels = _case_codes(frame)
    per_label = np.zeros(len(labels) + 1, dtype=bool)  # last slot: rows without a case
    pos = labels.get_indexer(pd.Index(case_labels))
    ok = pos >= 0
    per_label[pos[ok]] = np.asarray(cond, dtype=bool)[ok]
    row_cond = per_label[np.where(codes >= 0, codes, len(labels))]
    return row_cond if retain else ~row_cond


def _case_mask_ev(lg: EventLog, ev: Events, inst: pd.DataFrame, cond: np.ndarray,
                  retain: bool) -> np.ndarray:
    """`_case_mask` for a condition per case of ``ev`` (``ev, inst = events_of(lg)``).

    When the log's own frame holds the events (no lifecycle pairing) and its case column is
    categorical, cases are matched by code instead of by label."""
    frame = lg.frame
    col = frame[C.CASE]
    if inst is frame and isinstance(col.dtype, pd.CategoricalDtype) and ev.n_cases:
        codes = col.cat.codes.to_numpy()
        first, _ = ev.first_last()
        per_code = np.zeros(len(col.cat.categories) + 1, dtype=bool)
        per_code[codes[ev.row[first]]] = np.asarray(cond, dtype=bool)
        row_cond = per_code[np.where(codes >= 0, codes, len(col.cat.categories))]
        return row_cond if retain else ~row_cond
    return _case_mask(frame, ev.case_labels, cond, retain)


def _check_bool(name: str, value, func: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterError(f"The '{name}' parameter of {func} must be True or False. "
                             f"Got {value!r} instead.")
    return bool(value)


def _as_list(name: str, values, func: str) -> list:
    if values is None:
        raise ParameterError(f"The '{name}' parameter of {func} is required: a list of values.")
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        values = [values]
    out = list(values)
    if not out:
        raise ParameterError(f"The '{name}' parameter of {func} must list at least one value. "
                             "Got an empty list instead.")
    return out


def _check_activities(names: Sequence, ev: Events, *, func: str) -> np.ndarray:
    """Activity codes of ``names``; a name the log does not have raises with a "did you mean"."""
    labels = pd.Index(ev.labels.astype(str))
    names = [str(a) for a in names]
    pos = labels.get_indexer(names)
    missing = [a for a, p in zip(names, pos) if p < 0]
    if missing:
        known = labels.tolist()
        shown = ", ".join(f"'{a}'" for a in known[:12]) + (", ..." if len(known) > 12 else "")
        raise ParameterError(
            f"{func}: the {'activity' if len(missing) == 1 else 'activities'} "
            f"{', '.join(repr(a) for a in missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not in the log.{did_you_mean(missing[0], known)} "
            f"Activities are: {shown}.")
    return pos.astype(np.int64)


def _relations(relations, ev: Events, *, func: str) -> tuple[np.ndarray, np.ndarray]:
    pairs = _as_list("relations", relations, func)
    for p in pairs:
        if isinstance(p, str) or not isinstance(p, Sequence) or len(p) != 2:
            raise ParameterError(f"The 'relations' parameter of {func} must be a list of "
                                 f"(activity, activity) pairs. Got {p!r} in it instead.")
    a = _check_activities([p[0] for p in pairs], ev, func=func)
    b = _check_activities([p[1] for p in pairs], ev, func=func)
    return a, b


def _column(frame: pd.DataFrame, lg: EventLog, attribute_key: str, func: str) -> str:
    """The frame column for ``attribute_key``: a canonical or source column name."""
    if attribute_key in frame.columns:
        return attribute_key
    roles = dict(getattr(lg, "columns", {}) or {})
    for role, source_col in roles.items():  # the name the column had in the source
        if source_col == attribute_key and C.CANONICAL.get(role) in frame.columns:
            return C.CANONICAL[role]
    if f"case:{attribute_key}" in frame.columns:
        return f"case:{attribute_key}"
    cols = [str(c) for c in frame.columns if c != "line"]
    # 'resourse' for 'org:resource': compare with the part after a prefix first
    short = {c.rsplit(":", 1)[-1]: c for c in cols if ":" in c}
    close = did_you_mean(attribute_key, list(short))
    hint = (f" Did you mean '{short[close.split(chr(39))[1]]}'?" if close
            else did_you_mean(attribute_key, cols))
    raise ColumnNotFoundError(
        f"{func}: column {attribute_key!r} not found.{hint} "
        f"Columns are: {', '.join(cols)}.")


def _value_mask(series: pd.Series, values: list) -> np.ndarray:
    """Rows whose value is one of ``values`` (on the categories for a categorical column)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = pd.Index(series.cat.categories)
        hit = np.append(cats.isin(values), False)
        codes = series.cat.codes.to_numpy()
        return hit[np.where(codes >= 0, codes, len(cats))]
    return series.isin(values).to_numpy()


def _check_values_exist(series: pd.Series, values: list, *, func: str, column: str) -> None:
    present = pd.Index(pd.unique(series.dropna())) if not isinstance(
        series.dtype, pd.CategoricalDtype) else pd.Index(series.cat.categories)
    missing = [v for v in values if v not in present]
    if len(missing) == len(values):
        known = [str(v) for v in present[:2000]]
        shown = ", ".join(repr(v) for v in present[:10]) + (", ..." if len(present) > 10 else "")
        raise ParameterError(
            f"{func}: none of the values {', '.join(repr(v) for v in missing[:5])} occurs in "
            f"column {column!r}.{did_you_mean(str(missing[0]), known)} Values are: {shown}.")
    if missing:
        logger.warning("%s: %d of the values are not in column %r: %s", func, len(missing), column,
                    ", ".join(map(repr, missing[:5])))


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
    codes, labels = _case_codes(frame)
    ok = codes >= 0
    first = pd.Series(begin[ok]).groupby(codes[ok]).min()
    last = pd.Series(end[ok]).groupby(codes[ok]).max()
    f, la = first.to_numpy(), last.to_numpy()
    cond = {"contained": (f >= lo) & (la <= hi),
            "intersecting": (f <= hi) & (la >= lo),
            "started": (f >= lo) & (f <= hi),
            "completed": (la >= lo) & (la <= hi)}[mode]
    return _apply(lg, _case_mask(frame, labels[first.index.to_numpy()], cond, True), func, params)


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
    _check_values_exist(frame[col], values, func=func, column=col)
    hit = _value_mask(frame[col], values)
    params = {"attribute_key": attribute_key, "values": values, "level": level, "retain": retain}
    if level == "event":
        return _apply(lg, hit if retain else ~hit, func, params)
    codes, labels = _case_codes(frame)
    n = len(labels)
    has = np.bincount(codes[hit & (codes >= 0)], minlength=n) > 0
    return _apply(lg, _case_mask(frame, labels, has, retain), func, params)


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
    _check_values_exist(frame[col], values, func=func, column=col)
    hit = _value_mask(frame[col], values)
    codes, labels = _case_codes(frame)
    has = np.bincount(codes[hit & (codes >= 0)], minlength=len(labels)) > 0
    params = {"attribute_key": attribute_key, "values": values, "retain": retain}
    return _apply(lg, _case_mask(frame, labels, has, retain), func, params)


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
    frame = lg.frame
    ids = [str(c) for c in _as_list("cases", cases, func)]
    codes, labels = _case_codes(frame)
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
    return _apply(lg, _case_mask(frame, labels, hit, retain), func, params)


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
    frame = lg.frame
    col = frame[C.ACTIVITY]
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
