"""The machinery of the filters (`shadowing.analysis.filters`): one mask per row of the log,
one new log with the filter recorded.

Every filter computes a boolean per row of ``log.frame`` (or a condition per case, spread to the
case's rows) on integer codes; `apply_mask` makes the new `EventLog`: the rows kept, the filter
appended to ``filters``, the rows set aside listed with the filter as their reason, and the
log's categorical analysis frame filtered alongside, so the next analysis does not rebuild it.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import ColumnNotFoundError, ParameterError, did_you_mean
from ..io.eventlog import EventLog, as_frame
from ..model import columns as C
from ..model.filtering import AppliedFilter
from .dfg import Events

logger = logging.getLogger("shadowing.analysis.filters")


# -- one mask per row, one new log --------------------------------------------

def _log_of(data) -> EventLog:
    if isinstance(data, EventLog):
        return data
    frame = as_frame(data)
    return EventLog(frame=frame, source="DataFrame", rows_read=len(frame))


def _aligned_view(lg: EventLog) -> pd.DataFrame | None:
    """The log's analysis frame (categorical labels, computed once per log) when its rows are
    the log's rows one for one (no lifecycle pairing); else None."""
    view_of = getattr(lg, "instances_view", None)
    if view_of is None:
        return None
    view = view_of()
    if view.unit != "events" or len(view.frame) != len(lg.frame):
        return None
    return view.frame


def _series(lg: EventLog, col: str) -> pd.Series:
    """A column of the log, categorical where the analysis frame has it so (faster to match)."""
    view = _aligned_view(lg)
    if view is not None and col in view.columns:
        return view[col]
    return lg.frame[col]


def _case_codes(lg: EventLog) -> tuple[np.ndarray, pd.Index]:
    """An integer code per row of ``lg.frame`` (into the returned labels) for its case."""
    col = _series(lg, C.CASE)
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
    codes, _ = _case_codes(lg)
    view = _aligned_view(lg)
    keep = np.asarray(keep, dtype=bool)
    n_aside = int(len(frame) - keep.sum())
    applied = AppliedFilter(name=name, parameters=tuple(parameters.items()),
                            cases=_n_cases(codes) - _n_cases(codes, keep), events=n_aside)
    new = frame  # frames are never changed in place, so an unfiltered one is shared
    if n_aside:
        new = _take(frame, keep)
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
    out = dataclasses.replace(lg, **changes)
    cache = getattr(out, "_cache", None)
    if view is not None and isinstance(cache, dict):  # the filtered analysis frame, for free
        old = lg.instances_view()
        cache["view"] = dataclasses.replace(old, frame=_take(view, keep) if n_aside else view)
    return out


def _take(frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """The rows where ``keep`` holds, fresh index, no category without rows left."""
    new = frame.loc[keep].reset_index(drop=True)
    for col in new.columns:  # activities and cases filtered out leave no empty category
        if isinstance(new[col].dtype, pd.CategoricalDtype):
            codes_col = new[col].cat.codes.to_numpy()
            n_cat = len(new[col].cat.categories)
            if n_cat and not (np.bincount(codes_col[codes_col >= 0], minlength=n_cat) > 0).all():
                new[col] = new[col].cat.remove_unused_categories()
    return new


def _case_mask(lg: EventLog, case_labels: Iterable, cond: np.ndarray,
               retain: bool) -> np.ndarray:
    """Rows whose case's condition (given per label in ``case_labels``) matches ``retain``.

    Cases of the frame missing from ``case_labels`` (no activity instance) have a false
    condition."""
    codes, labels = _case_codes(lg)
    per_label = np.zeros(len(labels) + 1, dtype=bool)  # last slot: rows without a case
    pos = labels.get_indexer(pd.Index(case_labels))
    ok = pos >= 0
    per_label[pos[ok]] = np.asarray(cond, dtype=bool)[ok]
    row_cond = per_label[np.where(codes >= 0, codes, len(labels))]
    return row_cond if retain else ~row_cond


def _case_mask_ev(lg: EventLog, ev: Events, inst: pd.DataFrame, cond: np.ndarray,
                  retain: bool) -> np.ndarray:
    """`_case_mask` for a condition per case of ``ev`` (``ev, inst = events_of(lg)``).

    When the analysis frame holds the log's rows one for one, cases are matched by code
    instead of by label."""
    view = _aligned_view(lg)
    if view is not None and inst is view and isinstance(view[C.CASE].dtype, pd.CategoricalDtype) \
            and ev.n_cases:
        col = view[C.CASE]
        codes = col.cat.codes.to_numpy()
        first, _ = ev.first_last()
        per_code = np.zeros(len(col.cat.categories) + 1, dtype=bool)
        per_code[codes[ev.row[first]]] = np.asarray(cond, dtype=bool)
        row_cond = per_code[np.where(codes >= 0, codes, len(col.cat.categories))]
        return row_cond if retain else ~row_cond
    return _case_mask(lg, ev.case_labels, cond, retain)


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
