"""Reading event logs: any export into the canonical `EventLog`, with an account of every row.

The canonical objects (`EventLog`, `Accounting`, `activity_instances`, `as_frame`, `finalise`)
live in `shadowing.model.eventlog` and are re-exported here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from typing import Any, Literal, Mapping

import numpy as np
import pandas as pd

from ..errors import ColumnNotFoundError, InputError, ParameterError, check_choice, did_you_mean
from ..model import columns as C
from ..model.eventlog import (LABEL_COLUMNS, REJECTED_COLUMNS, Accounting, EventLog,  # noqa: F401
                              accounting_of, activity_instances, as_frame, empty_rejected,
                              empty_set_aside, finalise)
from ..model.lifecycle import canonical_transitions
from .roles import resolve_roles
from .tabular import Table, clean_labels, numeric_columns, read_table
from .timestamps import parse_timestamps

log = logging.getLogger(__name__)

# -- reading ---------------------------------------------------------------------------

def read_event_log(source, *, case: str | None = None, activity: str | None = None,
                   timestamp: str | tuple[str, str] | None = None,
                   start_timestamp: str | tuple[str, str] | None = None,
                   resource: str | None = None, system: str | None = None,
                   lifecycle: str | bool | None = None, instance: str | None = None,
                   timestamp_format: str | None = None,
                   dayfirst: bool | None = None, tz: str | None = None,
                   sheet: str | int | None = None,
                   errors: Literal["raise", "drop"] = "raise") -> EventLog:
    """Read an event log from CSV (also ``.csv.gz`` and a ``.zip`` holding one CSV), Excel,
    XES(.gz), Parquet or a DataFrame.

    Parameters
    ----------
    source : path or DataFrame
        The export. CSV delimiter and encoding (UTF-8, UTF-8 with BOM, Windows-1252) are
        detected; separator-only rows (``;;;``) are blank lines; a trailing delimiter on data
        rows is ignored.
    case, activity, resource, system : str, optional
        Column names for each role. Roles not given are guessed from common English, Dutch and
        XES names (``Zaak``, ``Activiteit``, ``Tijdstip``, ``Medewerker``, ...); the display
        of the log says which column took which role and why.
    timestamp, start_timestamp : str or (str, str), optional
        The time column, or a date column and a time-of-day column to combine
        (``timestamp=("Datum", "Tijd")``). Pairs named like ``Datum``/``Tijd``,
        ``Date``/``Time``, ``Startdatum``/``Starttijd`` are combined without asking.
    lifecycle : str or False, optional
        The lifecycle-transition column (``start``/``complete`` and the rest of the XES
        lifecycle model). A guessed column is only taken when its values are transitions (a
        ``Status`` column with "In Progress" stays an attribute); ``lifecycle=False`` switches
        the role off, so every row is an event.
    instance : str, optional
        The activity-instance id column that start and complete events share
        (``concept:instance``); guessed by name.
    timestamp_format : str, optional
        A ``strftime`` format for the time columns; by default one format is inferred per
        column (the one that reads most rows). Slash dates are day-first unless
        ``dayfirst=False``.
    dayfirst : bool, optional
    tz : str, optional
        Time zone to localise naive times to (``"Europe/Brussels"``); times with an offset are
        converted to it. Times that do not exist or are ambiguous there are rejected. Without
        it, times with offsets are shown in the local time their offsets say.
    sheet : str or int, optional
        Excel sheet to read.
    errors : {"raise", "drop"}
        ``"raise"`` (default): any refused row raises `InputError` listing the first problems.
        ``"drop"``: keep the good rows, list the others in ``.rejected`` and log a warning.

    Returns
    -------
    EventLog
        ``log.accounting`` says where every row went (read = analysed + set aside + rejected).

    Examples
    --------
    >>> import shadowing as sh
    >>> log = sh.read_event_log(sh.sample_path("wholesale") / "eventlog.csv")
    >>> log.n_cases > 0
    True
    """
    check_choice("errors", errors, ("raise", "drop"), func="read_event_log")
    if lifecycle is True:
        raise ParameterError("The 'lifecycle' parameter of read_event_log must be a column name "
                             "or False. Got True instead.")
    table = read_table(source, what="event log", sheet=sheet)
    why: dict[str, str] = {}
    table, timestamp, start_timestamp, combined = combine_date_time(table, timestamp,
                                                                    start_timestamp)
    explicit = {"case": case, "activity": activity, "timestamp": timestamp,
                "start_timestamp": start_timestamp, "resource": resource, "system": system,
                "lifecycle": lifecycle or None, "instance": instance}
    synonyms = dict(C.SYNONYMS)
    if lifecycle is False:
        synonyms.pop("lifecycle")
    roles = resolve_roles(table.columns, explicit, synonyms=synonyms,
                          required=("case", "activity", "timestamp"), source=table.source,
                          what="event log", guess_partial=("case", "activity", "timestamp"),
                          reasons=why)
    why.update(combined)
    table = _check_lifecycle(table, roles, why, explicit=lifecycle)
    if roles.get("resource") and C.normalise_name(roles["resource"]) in ("orggroup", "group"):
        why["resource"] = f"'{roles['resource']}' is a group, not a person (no person column)"
    frame, rejected, notes = build_canonical(table, roles, timestamp_format=timestamp_format,
                                             dayfirst=dayfirst, tz=tz)
    result = EventLog(frame=frame, rejected=rejected, source=table.source, columns=dict(roles),
                      rows_read=len(table.frame), role_notes=why,
                      notes=tuple(table.notes) + tuple(notes))
    report_rejections(rejected, rows_read=len(table.frame), source=table.source, errors=errors,
                      what="event log")
    return result


_DATE_WORDS = ("datum", "date")
_TIME_WORD = {"datum": "tijd", "date": "time"}
_START_WORDS = ("start", "begin", "aanvang")


def combine_date_time(table: Table, timestamp, start_timestamp):
    """Date and time of day in two columns become one column ("Datum Tijd").

    Explicit pairs (``timestamp=("Datum", "Tijd")``) always; otherwise pairs whose names say so
    (``Datum``/``Tijd``, ``Date``/``Time``, ``Startdatum``/``Starttijd``, ``End date``/``End
    time``) when the date column holds dates without a time and the other holds times of day.
    Returns the table with the combined columns (the pair removed), the role arguments, and
    why each combined column took its role.
    """
    cols = table.columns
    pairs: dict[str, tuple[str, str]] = {}
    for role, given in (("timestamp", timestamp), ("start_timestamp", start_timestamp)):
        if isinstance(given, (tuple, list)):
            if len(given) != 2 or not all(isinstance(g, str) for g in given):
                raise ParameterError(f"The '{role}' parameter of read_event_log must be a column "
                                     f"name or a pair (date column, time column). Got {given!r} "
                                     "instead.")
            for g in given:
                if g not in cols:
                    raise ColumnNotFoundError(
                        f"{table.source}: column '{g}' (given in {role}=) not found; columns are: "
                        f"{', '.join(cols)}." + did_you_mean(g, cols), source=table.source)
            pairs[role] = (given[0], given[1])
    free = {r for r, given in (("timestamp", timestamp), ("start_timestamp", start_timestamp))
            if given is None}
    if free:
        norm = {C.normalise_name(c): c for c in cols}
        for key, dcol in norm.items():
            word = next((w for w in _DATE_WORDS if key.endswith(w)), None)
            if word is None:
                continue
            tcol = norm.get(key[: -len(word)] + _TIME_WORD[word])
            if tcol is None or not _dates_and_times(table.frame[dcol], table.frame[tcol]):
                continue
            role = "start_timestamp" if key.startswith(_START_WORDS) else "timestamp"
            if role in free and role not in pairs:
                pairs[role] = (dcol, tcol)
    if not pairs:
        return table, timestamp, start_timestamp, {}
    frame = table.frame
    new_cols = {}
    notes = {}
    for role, (dcol, tcol) in pairs.items():
        name = f"{dcol} {tcol}"
        d, t = _date_text(frame[dcol]), _time_text(frame[tcol])
        new_cols[name] = (d + " " + t).str.strip().where(d.ne(""), "")
        notes[role] = f"'{dcol}' + '{tcol}': date and time of day in two columns, combined"
        if role == "timestamp":
            timestamp = name
        else:
            start_timestamp = name
    used = [c for pair in pairs.values() for c in pair]
    frame = frame.drop(columns=used).assign(**new_cols)
    table = dataclasses.replace(table, frame=frame)
    log.info("%s: %s", table.source, "; ".join(notes.values()))
    return table, timestamp, start_timestamp, notes


def _date_text(values: pd.Series) -> pd.Series:
    """Dates as text; typed dates (Excel) as ``YYYY-MM-DD``."""
    if values.dtype == object or pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values.map(lambda v: v.strftime("%Y-%m-%d") if isinstance(v, (dt.date, pd.Timestamp))
                          and pd.notna(v) else ("" if v is None or v is pd.NaT else str(v))
                          ).astype(str).str.strip()
    return values.astype(str).str.strip()


def _time_text(values: pd.Series) -> pd.Series:
    """Times of day as text; typed times (Excel) as ``HH:MM:SS``."""
    if values.dtype == object:
        return values.map(lambda v: v.strftime("%H:%M:%S") if isinstance(v, (dt.time, dt.datetime))
                          else ("" if v is None else str(v))).astype(str).str.strip()
    return values.astype(str).str.strip()


def _dates_and_times(dates: pd.Series, times: pd.Series) -> bool:
    d = pd.Series(pd.unique(_date_text(dates)))
    t = pd.Series(pd.unique(_time_text(times)))
    d, t = d[d.ne("")], t[t.ne("")]
    if d.empty or t.empty:
        return False
    return bool(d.str.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}").all()
                and t.str.fullmatch(r"\d{1,2}[:.u]\d{2}(:\d{2}([.,]\d+)?)?").all())


def _check_lifecycle(table: Table, roles: dict[str, str], why: dict[str, str], *,
                     explicit) -> Table:
    """Keep the lifecycle role only on a column of transitions (decided on its values)."""
    if explicit is False:
        why["lifecycle"] = "switched off (lifecycle=False): every row is an event"
        if C.LIFECYCLE in table.columns:
            table = dataclasses.replace(
                table, frame=table.frame.rename(columns={C.LIFECYCLE: "lifecycle_value"}))
            why["lifecycle"] += f"; column '{C.LIFECYCLE}' kept as 'lifecycle_value'"
        return table
    col = roles.get("lifecycle")
    if col is None:
        return table
    trans, unknown = canonical_transitions(clean_labels(table.frame[col]))
    if not unknown:
        kinds = sorted(set(trans.dropna()))
        why.setdefault("lifecycle", "")
        why["lifecycle"] = (why["lifecycle"] + "; " if why["lifecycle"] else "") + \
            f"its values are lifecycle transitions ({', '.join(kinds)})"
        return table
    shown = ", ".join(f"'{u}'" for u in unknown[:5])
    if explicit:
        raise InputError(
            f"{table.source}: column '{col}' (given as lifecycle=) holds values that are not "
            f"lifecycle transitions: {shown}. Expected start/complete (or schedule, suspend, "
            "resume, abort...); pass lifecycle=False to read every row as an event.",
            source=table.source)
    del roles["lifecycle"]
    roles.pop("instance", None)
    why["lifecycle"] = (f"none: column '{col}' holds {shown}, which are not lifecycle "
                        "transitions; kept as an attribute, every row is an event")
    log.info("%s: %s", table.source, why["lifecycle"])
    return table


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
    """Turn a `Table` plus role mapping into (canonical frame, rejected rows, notes)."""
    raw = table.frame
    n = len(raw)
    lines = np.asarray(table.lines)
    out: dict[str, Any] = {}
    notes: list[str] = []
    problems: list[tuple[np.ndarray, str, pd.Series, np.ndarray | str]] = []

    def add_problem(mask, column, values, reason):
        if mask.any():
            problems.append((np.asarray(mask), column, values, reason))

    for role in ("case", "activity"):
        col = roles[role]
        labels = clean_labels(raw[col], missing_empty=True)
        add_problem(labels.isna().to_numpy(), col, raw[col],
                    f"empty {'case id' if role == 'case' else 'activity'}; expected a value")
        out[C.CANONICAL[role]] = labels

    ts_col = roles["timestamp"]
    ts = parse_timestamps(raw[ts_col], column=ts_col, source=table.source, lines=lines,
                          fmt=timestamp_format, dayfirst=dayfirst, tz=tz)
    notes += ts.notes
    add_problem(ts.empty, ts_col, raw[ts_col], "empty timestamp; expected a date/time")
    add_problem(ts.bad, ts_col, raw[ts_col], ts.reasons)
    out[C.TIMESTAMP] = ts.values
    if "start_timestamp" in roles:
        st_col = roles["start_timestamp"]
        st = parse_timestamps(raw[st_col], column=st_col, source=table.source, lines=lines,
                              fmt=timestamp_format, dayfirst=dayfirst, tz=tz)
        notes += [n for n in st.notes if n not in notes]
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
            out[C.CANONICAL[role]] = clean_labels(raw[roles[role]], missing_empty=True)
    if "lifecycle" in roles:
        trans, _ = canonical_transitions(clean_labels(raw[roles["lifecycle"]]))
        out[C.LIFECYCLE] = trans
    if "instance" in roles:
        out[C.INSTANCE] = clean_labels(raw[roles["instance"]], missing_empty=True)

    frame = pd.DataFrame(out, index=raw.index)
    if C.SOURCE in raw.columns and C.SOURCE not in roles.values():
        src = clean_labels(raw[C.SOURCE]).str.lower()
        frame[C.SOURCE] = src.where(src.isin(["recorded", "observed"]), source_label)
    else:
        frame[C.SOURCE] = pd.Series(pd.array([source_label], dtype="str").take(
            np.zeros(len(frame), dtype=np.intp)), index=frame.index)
    frame["line"] = lines
    used = set(roles.values()) | {C.SOURCE}
    extra = [c for c in raw.columns if c not in used and c not in frame.columns]
    if extra:
        numbers, num_notes = numeric_columns(raw, extra, delimiter=table.delimiter,
                                             source=table.source)
        notes += num_notes
        texts = [c for c in extra if c not in numbers.columns]
        frame = pd.concat([frame, raw[texts], numbers], axis=1)
        frame = frame[list(frame.columns[:-len(extra)]) + extra]

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
    return frame, rejected, notes


