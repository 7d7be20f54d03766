"""Event logs: reading any export into the canonical frame, with an account of every row.

The canonical frame uses pm4py's column names (``case:concept:name``, ``concept:name``,
``time:timestamp``, and where known ``start_timestamp``, ``org:resource``,
``lifecycle:transition``), plus ``system`` (the tool a step was done in), ``source``
(``recorded`` or ``observed``) and ``line`` (where the row came from in the source). Labels are
categorical; events are ordered by case (in order of first appearance), time, then line.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

import numpy as np
import pandas as pd

from ..model import columns as C
from ..model.filtering import AppliedFilter
from .roles import resolve_roles
from .tabular import Table, clean_labels, parse_number, read_table
from .timestamps import parse_timestamps
from ..errors import ColumnNotFoundError, InputError, check_choice

log = logging.getLogger(__name__)

REJECTED_COLUMNS = ["line", "column", "value", "reason"]
LABEL_COLUMNS = (C.CASE, C.ACTIVITY, C.RESOURCE, C.SYSTEM, C.LIFECYCLE, C.SOURCE)


def empty_rejected() -> pd.DataFrame:
    return pd.DataFrame({"line": pd.Series(dtype="int64"), "column": pd.Series(dtype=object),
                         "value": pd.Series(dtype=object), "reason": pd.Series(dtype=object)})


@dataclass(frozen=True, repr=False)
class EventLog:
    """An event log in canonical form.

    Attributes
    ----------
    frame : DataFrame
        One row per event; see the module docstring for the columns.
    rejected : DataFrame
        One row per refused input row: ``line``, ``column``, ``value``, ``reason``.
    source : str
        Where it was read from.
    columns : dict
        Which source column played which role (``{"case": "Zaak", ...}``).
    rows_read : int
        Rows in the source: ``len(frame)`` + the events the filters set aside +
        ``len(rejected)``.
    filters : tuple of AppliedFilter
        The filters applied to the log, in order (see `shadowing.filter_time_range` and the
        other ``filter_*`` functions), each with the cases and events it set aside.
    """

    frame: pd.DataFrame
    rejected: pd.DataFrame = field(default_factory=empty_rejected)
    source: str = "DataFrame"
    columns: Mapping[str, str] = field(default_factory=dict)
    rows_read: int = 0
    filters: tuple[AppliedFilter, ...] = ()

    # -- small facts -------------------------------------------------------------------
    @property
    def n_events(self) -> int:
        return len(self.frame)

    @property
    def n_cases(self) -> int:
        return int(self.frame[C.CASE].nunique())

    @property
    def activities(self) -> list[str]:
        return sorted(self.frame[C.ACTIVITY].dropna().unique().tolist())

    @property
    def period(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        ts = self.frame[C.TIMESTAMP]
        start = self.frame[C.START].min() if C.START in self.frame else ts.min()
        return (min(start, ts.min()) if pd.notna(start) else ts.min(), ts.max())

    @property
    def has_intervals(self) -> bool:
        """True when events carry a start time (interval or lifecycle logs)."""
        if C.START in self.frame and self.frame[C.START].notna().any():
            return True
        return C.LIFECYCLE in self.frame and self.frame[C.LIFECYCLE].astype(str).eq("start").any()

    def summary(self) -> pd.Series:
        """The facts a consultant checks first, as a Series."""
        f = self.frame
        start, end = self.period if len(f) else (pd.NaT, pd.NaT)
        return pd.Series({
            "source": self.source,
            "cases": self.n_cases,
            "events": self.n_events,
            "activities": int(f[C.ACTIVITY].nunique()),
            "resources": int(f[C.RESOURCE].nunique()) if C.RESOURCE in f else 0,
            "systems": int(f[C.SYSTEM].nunique()) if C.SYSTEM in f else 0,
            "first event": start,
            "last event": end,
            "rows read": self.rows_read,
            **({"rows set aside by filters": sum(f.events for f in self.filters)}
               if self.filters else {}),
            "rows rejected": len(self.rejected),
        })

    def __repr__(self) -> str:
        s = self.summary()
        filtered = "".join(f"; {f}" for f in self.filters)
        return (f"EventLog({s['source']}: {s['cases']} cases, {s['events']} events, "
                f"{s['activities']} activities, {s['rows rejected']} rows rejected{filtered})")

    def _repr_html_(self) -> str:
        s = self.summary()
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
            f"<td style='text-align:left'>{html.escape(_fmt(v))}</td></tr>" for k, v in s.items())
        filters = "".join(f"<li><code>{html.escape(str(f))}</code></li>" for f in self.filters)
        filters = f"<p><b>Filters applied</b></p><ol>{filters}</ol>" if filters else ""
        return (f"<table class='shadowing-summary'><caption>Event log</caption>{rows}</table>"
                + filters)

    def __len__(self) -> int:
        return len(self.frame)


def _fmt(v: Any) -> str:
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d %H:%M") if pd.notna(v) else "-"
    if isinstance(v, (int, np.integer)):
        return f"{int(v):,}"
    return str(v)


# -- reading ---------------------------------------------------------------------------

def read_event_log(source, *, case: str | None = None, activity: str | None = None,
                   timestamp: str | None = None, start_timestamp: str | None = None,
                   resource: str | None = None, system: str | None = None,
                   lifecycle: str | None = None, timestamp_format: str | None = None,
                   dayfirst: bool | None = None, tz: str | None = None,
                   sheet: str | int | None = None,
                   errors: Literal["raise", "drop"] = "raise") -> EventLog:
    """Read an event log from CSV, Excel, XES(.gz), Parquet or a DataFrame.

    Parameters
    ----------
    source : path or DataFrame
        The export. CSV delimiter and encoding (UTF-8, UTF-8 with BOM, Windows-1252) are
        detected.
    case, activity, timestamp, start_timestamp, resource, system, lifecycle : str, optional
        Column names for each role. Roles not given are guessed from common English, Dutch and
        XES names (``Zaak``, ``Activiteit``, ``Tijdstip``, ``Medewerker``, ...); guesses are
        logged.
    timestamp_format : str, optional
        A ``strftime`` format for both time columns; by default one format is inferred per
        column. Slash dates are day-first unless ``dayfirst=False``.
    dayfirst : bool, optional
    tz : str, optional
        Time zone to localise naive times to (``"Europe/Brussels"``); times with an offset are
        converted to it. Times that do not exist or are ambiguous there are rejected.
    sheet : str or int, optional
        Excel sheet to read.
    errors : {"raise", "drop"}
        ``"raise"`` (default): any refused row raises `InputError` listing the first problems.
        ``"drop"``: keep the good rows, list the others in ``.rejected`` and log a warning.

    Returns
    -------
    EventLog

    Examples
    --------
    >>> import shadowing as sh
    >>> log = sh.read_event_log(sh.sample_path("wholesale") / "eventlog.csv")
    >>> log.n_cases > 0
    True
    """
    check_choice("errors", errors, ("raise", "drop"), func="read_event_log")
    table = read_table(source, what="event log", sheet=sheet)
    explicit = {"case": case, "activity": activity, "timestamp": timestamp,
                "start_timestamp": start_timestamp, "resource": resource, "system": system,
                "lifecycle": lifecycle}
    roles = resolve_roles(table.columns, explicit, synonyms=C.SYNONYMS,
                          required=("case", "activity", "timestamp"), source=table.source,
                          what="event log", guess_partial=("case", "activity", "timestamp"))
    frame, rejected = build_canonical(table, roles, timestamp_format=timestamp_format,
                                      dayfirst=dayfirst, tz=tz)
    result = EventLog(frame=frame, rejected=rejected, source=table.source, columns=dict(roles),
                      rows_read=len(table.frame))
    report_rejections(rejected, rows_read=len(table.frame), source=table.source, errors=errors,
                      what="event log")
    return result


def report_rejections(rejected: pd.DataFrame, *, rows_read: int, source: str, errors: str,
                      what: str) -> None:
    """Raise (``errors="raise"``) or warn (``"drop"``) about refused rows."""
    if rejected.empty:
        return
    n = len(rejected)
    if errors == "raise":
        shown = rejected.head(5)
        lines = "\n".join(f"  line {r.line}, column '{r.column}': {r.reason}"
                          for r in shown.itertuples())
        more = f"\n  ... and {n - len(shown)} more" if n > len(shown) else ""
        raise InputError(
            f"{source}: {n} of {rows_read} rows of the {what} cannot be read:\n{lines}{more}\n"
            "Fix the file, or pass errors='drop' to keep the other rows (the refused ones are "
            "listed in .rejected).", source=source, rejected=rejected)
    log.warning("%s: %d of %d rows rejected (see .rejected); %d kept", source, n, rows_read,
                rows_read - n)


def build_canonical(table: Table, roles: Mapping[str, str], *, timestamp_format=None,
                    dayfirst=None, tz=None, source_label: str = "recorded"):
    """Turn a `Table` plus role mapping into (canonical frame, rejected rows)."""
    raw = table.frame
    n = len(raw)
    lines = np.asarray(table.lines)
    out: dict[str, Any] = {}
    problems: list[tuple[np.ndarray, str, pd.Series, np.ndarray | str]] = []

    def add_problem(mask, column, values, reason):
        if mask.any():
            problems.append((np.asarray(mask), column, values, reason))

    for role in ("case", "activity"):
        col = roles[role]
        labels = clean_labels(raw[col])
        add_problem(labels.eq("").to_numpy(), col, raw[col],
                    f"empty {'case id' if role == 'case' else 'activity'}; expected a value")
        out[C.CANONICAL[role]] = labels

    ts_col = roles["timestamp"]
    ts = parse_timestamps(raw[ts_col], column=ts_col, source=table.source, lines=lines,
                          fmt=timestamp_format, dayfirst=dayfirst, tz=tz)
    add_problem(ts.empty, ts_col, raw[ts_col], "empty timestamp; expected a date/time")
    add_problem(ts.bad, ts_col, raw[ts_col], ts.reasons)
    out[C.TIMESTAMP] = ts.values
    if "start_timestamp" in roles:
        st_col = roles["start_timestamp"]
        st = parse_timestamps(raw[st_col], column=st_col, source=table.source, lines=lines,
                              fmt=timestamp_format, dayfirst=dayfirst, tz=tz)
        add_problem(st.bad, st_col, raw[st_col], st.reasons)
        start_vals, end_vals = st.values, ts.values
        if (start_vals.dt.tz is None) != (end_vals.dt.tz is None):
            raise InputError(f"{table.source}: column '{st_col}' and '{ts_col}' mix times with and "
                             "without a time zone offset; pass tz= to align them.",
                             source=table.source)
        after = (start_vals > end_vals).fillna(False).to_numpy()
        if after.any():  # reasons for the refused rows only (a loop over 1M rows took 30 s)
            why = np.full(n, "", dtype=object)
            idx = np.flatnonzero(after)
            why[idx] = [f"starts after it ends: start {s} is later than end {e}"
                        for s, e in zip(start_vals.iloc[idx], end_vals.iloc[idx])]
            add_problem(after, st_col, raw[st_col], why)
        out[C.START] = start_vals
    for role in ("resource", "system"):
        if role in roles:
            labels = clean_labels(raw[roles[role]])
            out[C.CANONICAL[role]] = labels.where(labels.ne(""), None)
    if "lifecycle" in roles:
        labels = clean_labels(raw[roles["lifecycle"]]).str.lower()
        out[C.LIFECYCLE] = labels.where(labels.ne(""), None)

    frame = pd.DataFrame(out, index=raw.index)
    if C.SOURCE in raw.columns and C.SOURCE not in roles.values():
        src = clean_labels(raw[C.SOURCE]).str.lower()
        frame[C.SOURCE] = src.where(src.isin(["recorded", "observed"]), source_label)
    else:
        frame[C.SOURCE] = source_label
    frame["line"] = lines
    used = set(roles.values()) | {C.SOURCE}
    for col in raw.columns:
        if col not in used and col not in frame.columns:
            frame[col] = _maybe_numeric(raw[col], table.decimal)

    # one rejected row per refused input row: its first problem
    bad_any = np.zeros(n, dtype=bool)
    rej_parts = []
    for mask, column, values, reason in problems:
        new = mask & ~bad_any
        if not new.any():
            continue
        idx = np.flatnonzero(new)
        reasons = reason[idx] if isinstance(reason, np.ndarray) else np.full(len(idx), reason, object)
        vals = values.iloc[idx].map(lambda v: "" if v is None else str(v)).to_numpy()
        rej_parts.append(pd.DataFrame({"line": lines[idx].astype("int64"), "column": column,
                                       "value": vals, "reason": reasons}))
        bad_any |= new
    rejected = (pd.concat(rej_parts, ignore_index=True).sort_values("line", kind="stable")
                .reset_index(drop=True) if rej_parts else empty_rejected())
    frame = frame.loc[~bad_any]
    frame = finalise(frame)
    return frame, rejected


def _maybe_numeric(series: pd.Series, decimal: str) -> pd.Series:
    """Extra text columns that hold only numbers (``12,50`` with a decimal comma) become floats."""
    if series.dtype != object and not pd.api.types.is_string_dtype(series.dtype):
        return series
    uniq = pd.Series(pd.unique(series.astype(str).str.strip()))
    uniq = uniq[uniq.ne("")]
    if uniq.empty or len(uniq) > 1_000_000:
        return series
    pattern = r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+(,\d+)?" if decimal == "," else r"-?\d+(\.\d+)?"
    if not uniq.str.fullmatch(pattern).all():
        return series
    if uniq.str.fullmatch(r"0\d+").any():  # leading zeros: codes, not numbers
        return series
    return parse_number(series, decimal)


def finalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical labels, nanosecond times, ordered by case, time, then line; fresh index."""
    frame = frame.copy()
    for col in LABEL_COLUMNS:
        if col in frame.columns and not isinstance(frame[col].dtype, pd.CategoricalDtype):
            frame[col] = frame[col].astype("category")
    for col in (C.TIMESTAMP, C.START):
        if col in frame.columns:
            s = frame[col]
            if not pd.api.types.is_datetime64_any_dtype(s.dtype):
                s = pd.to_datetime(s)
            unit_dtype = "datetime64[ns]" if s.dt.tz is None else pd.DatetimeTZDtype("ns", s.dt.tz)
            frame[col] = s.astype(unit_dtype)
    if "line" not in frame.columns:
        frame["line"] = np.arange(1, len(frame) + 1)
    case_codes, _ = pd.factorize(frame[C.CASE], sort=False)
    ts = frame[C.TIMESTAMP].to_numpy(dtype="datetime64[ns]") if frame[C.TIMESTAMP].dt.tz is None \
        else frame[C.TIMESTAMP].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    order = np.lexsort((frame["line"].to_numpy(), ts.view("int64"), case_codes))
    frame = frame.iloc[order].reset_index(drop=True)
    frame[C.CASE] = frame[C.CASE].cat.remove_unused_categories()
    return frame


# -- accepting logs everywhere -------------------------------------------------------------

def as_frame(data, *, what: str = "log") -> pd.DataFrame:
    """The canonical frame of an `EventLog`, or of a plain (pm4py-style) DataFrame.

    A DataFrame is never modified: a converted copy is returned.
    """
    if isinstance(data, EventLog):
        return data.frame
    if isinstance(data, pd.DataFrame):
        missing = [c for c in (C.CASE, C.ACTIVITY, C.TIMESTAMP) if c not in data.columns]
        if missing:
            raise ColumnNotFoundError(
                f"DataFrame: the {what} needs the columns {', '.join(missing)} (pm4py's names); "
                f"columns are: {', '.join(map(str, data.columns))}. Read the data with "
                "shadowing.read_event_log to map your own column names.", source="DataFrame")
        frame = data.copy()
        if frame[C.TIMESTAMP].isna().any():
            raise InputError("DataFrame: column 'time:timestamp' has missing values; read it with "
                             "shadowing.read_event_log to have them reported by line.",
                             source="DataFrame")
        for col in (C.CASE, C.ACTIVITY):
            if not isinstance(frame[col].dtype, pd.CategoricalDtype):
                frame[col] = frame[col].astype(str)
        if C.SOURCE not in frame.columns:
            frame[C.SOURCE] = "recorded"
        return finalise(frame)
    raise InputError(f"Expected an EventLog or a pandas DataFrame as the {what}, got "
                     f"{type(data).__name__}.")


def activity_instances(data) -> pd.DataFrame:
    """One row per activity instance, with ``start_timestamp`` where it is known.

    Lifecycle logs (``start``/``complete`` rows) are paired per case and activity in order
    (the first start with the first complete); only completed instances are returned.
    Logs without lifecycle starts are returned as they are.
    """
    frame = as_frame(data)
    if C.LIFECYCLE not in frame.columns:
        return frame
    trans = frame[C.LIFECYCLE].astype(str).str.lower()
    is_start = trans.eq("start").to_numpy()
    if not is_start.any():
        is_other = ~trans.isin(["complete", "nan", "none"]).to_numpy()
        return frame.loc[~is_other].reset_index(drop=True) if is_other.any() else frame
    is_complete = trans.eq("complete").to_numpy()
    starts = frame.loc[is_start, [C.CASE, C.ACTIVITY, C.TIMESTAMP]].copy()
    completes = frame.loc[is_complete].copy()
    starts["_k"] = starts.groupby([C.CASE, C.ACTIVITY], observed=True).cumcount()
    completes["_k"] = completes.groupby([C.CASE, C.ACTIVITY], observed=True).cumcount()
    starts = starts.rename(columns={C.TIMESTAMP: "_start"})
    merged = completes.merge(starts, on=[C.CASE, C.ACTIVITY, "_k"], how="left", sort=False)
    if C.START in merged.columns:
        merged[C.START] = merged[C.START].fillna(merged["_start"])
    else:
        merged[C.START] = merged["_start"]
    merged = merged.drop(columns=["_start", "_k"])
    return finalise(merged)
