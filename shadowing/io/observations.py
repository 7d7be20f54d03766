"""Shadowing observations: field notes read into a frame as analysable as a system log.

One row per observed stretch of work. The reader accepts the notes as people write them:
English or Dutch column names, a date plus ``09:15``/``9.15``/``9u15`` times (or full
date-times), an end time or a duration (``5``, ``5 min``, ``1u30``, ``00:05:00``, ``1,5 uur``),
free-text tool names (normalised; close typos corrected and reported), and waste tags from a
fixed vocabulary (English or Dutch).

Rules
-----
- A row is **rejected** (an error naming the line; ``errors="drop"`` keeps the others and lists
  it in ``.rejected``) when: the activity is empty; the person is empty (when the file has a
  person column); the date is empty or unreadable (when times are times of day); the start is
  empty or unreadable; the end or the duration is unreadable; neither an end nor a duration is
  given; the duration is over 7 days (`MAX_DURATION_MIN`); a date's year is before 1678 or after
  2261; the stretch ends before it starts; the waste tag is not in the vocabulary (with a
  did-you-mean); the severity is not a whole number from 1 to 5.
- **Midnight**: when start and end are times of day and the end is earlier than the start, the
  stretch is taken to cross midnight only if the end is at or before ``MIDNIGHT_LATEST_END``
  (06:00) and the stretch then lasts at most ``MIDNIGHT_MAX_HOURS`` (8 hours): a night shift
  note like 22:30-01:15. Anything else (10:15-10:05, 16:00-08:00) is a stretch that ends before
  it starts, a typo, and is rejected. Accepted crossings are reported by `quality`.
- When both an end and a duration are given, the end wins.
- Tools: see `shadowing.model.vocab.TOOLS` for the known names. A close typo of a known name
  (``Exel``) is corrected to it and reported by `quality`; an unknown tool (``Navision``) is
  kept as written (pass ``tools={"Navision": "ERP"}`` to map it). "geen", "none", "-" and empty
  cells mean no tool.

Findings that are not errors (overlaps, gaps, very long stretches, corrected tool typos,
midnight crossings, unknown tools) are reported by ``shadowing.analysis.quality(observations)``.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping, Sequence

import numpy as np
import pandas as pd

from ..model import columns as C
from ..model.findings import FINDING_COLUMNS, finding as _finding, rejected_finding, similar_labels as _similar_labels
from .fieldtime import classify_clock, parse_durations
from .roles import resolve_roles
from .tabular import as_text, clean_labels, parse_number, read_table
from .timestamps import parse_timestamps
from ..model.vocab import normalise_tools, normalise_waste
from ..errors import ColumnNotFoundError, InputError, check_choice
from .eventlog import EventLog, empty_rejected, finalise, report_rejections

log = logging.getLogger(__name__)

__all__ = ["Observations", "read_observations", "observations_to_log", "observation_findings",
           "OBSERVATION_COLUMNS"]

#: Canonical columns of ``Observations.frame`` (docs/CONTRACTS.md).
OBSERVATION_COLUMNS = ["observation_id", "observer", "person", "role", "start", "end",
                       "duration_min", "activity", "case", "tool", "tool_raw", "waste",
                       "frustration", "severity", "line"]

#: Column names people give each role (exact first; a whole word of the name as fallback).
SYNONYMS: dict[str, list[str]] = {
    "observer": ["observer", "waarnemer", "observator", "shadower", "noted by", "genoteerd door",
                 "consultant"],
    "person": ["person", "medewerker", "persoon", "employee", "pseudonym", "pseudoniem", "naam",
               "name", "wie", "who", "gebruiker", "user", "shadowed", "gevolgd"],
    "role": ["role", "rol", "functie", "function", "job", "job title", "functietitel"],
    "date": ["date", "datum", "dag", "day"],
    "start": ["start", "begin", "start time", "starttime", "starttijd", "begintijd", "van",
              "from", "vanaf", "start_timestamp", "start timestamp"],
    "end": ["end", "einde", "eind", "end time", "endtime", "eindtijd", "tot", "to", "until",
            "stop", "end_timestamp", "end timestamp"],
    "duration": ["duration", "duur", "minutes", "minuten", "min", "tijdsduur", "duration min",
                 "duur min", "duration (min)", "duur (min)"],
    "activity": ["activity", "activiteit", "taak", "task", "stap", "step", "handeling", "wat",
                 "what", "werk", "concept:name"],
    "case": ["case", "zaak", "order", "referentie", "reference", "ref", "case id", "caseid",
             "zaaknummer", "ordernummer", "order id", "dossier", "dossiernummer", "ticket",
             "bestelling", "case:concept:name"],
    "tool": ["tool", "system", "systeem", "hulpmiddel", "middel", "application", "applicatie",
             "app", "software", "medium", "kanaal", "channel"],
    "waste": ["waste", "verspilling", "waste tag", "muda", "verspillingstype", "waste type"],
    "frustration": ["frustration", "frustratie", "opmerking", "opmerkingen", "note", "notes",
                    "notitie", "remark", "comment", "comments", "irritatie"],
    "severity": ["severity", "ernst", "impact", "zwaarte"],
}

#: Thresholds (documented in docs/readme/observations.md).
MIDNIGHT_MAX_HOURS = 8          # a stretch crossing midnight lasts at most this long
MIDNIGHT_LATEST_END = pd.Timedelta(hours=6)   # ... and ends by 06:00
GAP_MINUTES = 15                # unaccounted time within a shadowed day worth reporting
#: Years a date may have (pandas' nanosecond timestamps end before 1678 and after 2261).
MIN_YEAR, MAX_YEAR = 1678, 2261
#: A duration over this many minutes (7 days) is refused: it is not one observed stretch.
MAX_DURATION_MIN = 7 * 24 * 60
LONG_STRETCH_MINUTES = 120      # a single stretch this long is suspicious in shadowing notes
UNNAMED_PERSON = "(unnamed)"


def _empty_corrections() -> pd.DataFrame:
    return pd.DataFrame({"column": pd.Series(dtype=object), "raw": pd.Series(dtype=object),
                         "corrected": pd.Series(dtype=object), "count": pd.Series(dtype="int64")})


@dataclass(frozen=True, repr=False)
class Observations:
    """Shadowing observations in canonical form.

    Attributes
    ----------
    frame : DataFrame
        One row per observed stretch, columns `OBSERVATION_COLUMNS`, ordered by person (in
        order of first appearance), start, then line.
    rejected : DataFrame
        One row per refused input row: ``line``, ``column``, ``value``, ``reason``.
    source : str
        Where it was read from.
    rows_read : int
        Rows in the source; always ``len(frame) + len(rejected)``.
    columns : dict
        Which source column played which role.
    corrections : DataFrame
        Tool typos corrected on reading: ``column``, ``raw``, ``corrected``, ``count``.
    midnight_lines : tuple of int
        Lines of stretches read as crossing midnight.
    """

    frame: pd.DataFrame
    rejected: pd.DataFrame = field(default_factory=empty_rejected)
    source: str = "DataFrame"
    rows_read: int = 0
    columns: Mapping[str, str] = field(default_factory=dict)
    corrections: pd.DataFrame = field(default_factory=_empty_corrections)
    midnight_lines: tuple[int, ...] = ()

    @property
    def hours(self) -> float:
        """Observed hours (sum of stretch durations)."""
        return float(self.frame["duration_min"].sum() / 60)

    @property
    def people(self) -> list[str]:
        return pd.unique(self.frame["person"].dropna()).tolist()

    @property
    def days(self) -> int:
        """Shadowed person-days (one person on one date)."""
        f = self.frame
        return int(f.assign(_d=f["start"].dt.normalize())[["person", "_d"]].drop_duplicates().shape[0])

    def summary(self) -> pd.Series:
        f = self.frame
        return pd.Series({
            "source": self.source,
            "people": int(f["person"].nunique()),
            "roles": int(f["role"].nunique()),
            "person-days": self.days,
            "hours observed": round(self.hours, 1),
            "stretches": len(f),
            "activities": int(f["activity"].nunique()),
            "tools": int(f["tool"].nunique()),
            "first": f["start"].min() if len(f) else pd.NaT,
            "last": f["end"].max() if len(f) else pd.NaT,
            "rows read": self.rows_read,
            "rows rejected": len(self.rejected),
        })

    def __repr__(self) -> str:
        s = self.summary()
        return (f"Observations({s['source']}: {s['people']} people, {s['roles']} roles, "
                f"{s['person-days']} person-days, {s['hours observed']} hours, "
                f"{s['rows rejected']} rows rejected)")

    def _repr_html_(self) -> str:
        s = self.summary()

        def fmt(v: Any) -> str:
            if isinstance(v, pd.Timestamp):
                return v.strftime("%Y-%m-%d %H:%M") if pd.notna(v) else "-"
            return str(v)

        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
            f"<td style='text-align:left'>{html.escape(fmt(v))}</td></tr>" for k, v in s.items())
        return f"<table class='shadowing-summary'><caption>Observations</caption>{rows}</table>"

    def __len__(self) -> int:
        return len(self.frame)


# -- reading ---------------------------------------------------------------------------------

def read_observations(source, *, observer: str | None = None, person: str | None = None,
                      role: str | None = None, date: str | None = None,
                      start: str | None = None, end: str | None = None,
                      duration: str | None = None, activity: str | None = None,
                      case: str | None = None, tool: str | None = None,
                      waste: str | None = None, frustration: str | None = None,
                      severity: str | None = None, dayfirst: bool | None = None,
                      tools: Mapping[str, str] | Sequence[str] | None = None,
                      sheet: str | int | None = None,
                      errors: Literal["raise", "drop"] = "raise") -> Observations:
    """Read shadowing observations from CSV, Excel or a DataFrame.

    Parameters
    ----------
    source : path or DataFrame
        The field notes, one row per observed stretch of work.
    observer, person, role, date, start, end, duration, activity, case, tool, waste, \
frustration, severity : str, optional
        Column names for each role; roles not given are guessed from English and Dutch names
        (``waarnemer``, ``medewerker``, ``rol``, ``datum``, ``begin``, ``einde``, ``duur``,
        ``activiteit``, ``zaak``, ``systeem``, ``verspilling``, ``opmerking``, ``ernst``).
        ``activity`` and ``start`` are required, and an ``end`` or a ``duration``.
    dayfirst : bool, optional
        For the date column: slash dates are day-first (31/01/2026) unless ``False``.
    tools : mapping or list, optional
        The analyst's own tool names: ``{"Navision": "ERP", "Planbord": "whiteboard"}`` maps
        names, a list (``["Navision"]``) adds known names (so their typos get corrected too).
    sheet : str or int, optional
        Excel sheet.
    errors : {"raise", "drop"}
        ``"raise"`` (default): any refused row raises `InputError` naming its line.
        ``"drop"``: keep the good rows, list the others in ``.rejected`` and log a warning.

    Returns
    -------
    Observations

    Examples
    --------
    >>> import pandas as pd, shadowing as sh
    >>> notes = pd.DataFrame({"medewerker": ["Jan", "Jan"], "datum": ["3/2/2026", "3/2/2026"],
    ...                       "begin": ["9.00", "9u20"], "einde": ["9:20", ""],
    ...                       "duur": ["", "10 min"], "activiteit": ["Order invoeren", "Voorraad"],
    ...                       "systeem": ["ERP", "Exel"], "verspilling": ["", "zoeken"]})
    >>> obs = sh.read_observations(notes)
    >>> obs.frame["end"].dt.strftime("%H:%M").tolist()
    ['09:20', '09:30']
    >>> obs.frame[["tool", "waste"]].values.tolist()
    [['ERP', None], ['Excel', 'searching']]
    """
    check_choice("errors", errors, ("raise", "drop"), func="read_observations")
    table = read_table(source, what="observations", sheet=sheet)
    explicit = {"observer": observer, "person": person, "role": role, "date": date,
                "start": start, "end": end, "duration": duration, "activity": activity,
                "case": case, "tool": tool, "waste": waste, "frustration": frustration,
                "severity": severity}
    roles = resolve_roles(table.columns, explicit, synonyms=SYNONYMS,
                          required=("activity", "start"), source=table.source,
                          what="observations file")
    if "end" not in roles and "duration" not in roles:
        raise ColumnNotFoundError(
            f"{table.source}: no end or duration column found in this observations file; columns "
            f"are: {', '.join(table.columns)}. Expected a column named like end, einde, eind, tot "
            "(a time) or duration, duur (minutes), or pass end='<column>' or duration='<column>'.",
            source=table.source)
    frame, rejected, corrections, midnight = _build(table, roles, dayfirst=dayfirst, tools=tools)
    result = Observations(frame=frame, rejected=rejected, source=table.source,
                          rows_read=len(table.frame), columns=dict(roles),
                          corrections=corrections, midnight_lines=midnight)
    if len(corrections):
        log.info("%s: tool names corrected: %s", table.source,
                 ", ".join(f"{r.raw!r} -> {r.corrected!r}" for r in corrections.itertuples()))
    report_rejections(rejected, rows_read=len(table.frame), source=table.source, errors=errors,
                      what="observations")
    return result


def _text_or_na(series: pd.Series) -> pd.Series:
    labels = clean_labels(series)
    return labels.where(labels.ne(""), None)


def _build(table, roles: Mapping[str, str], *, dayfirst, tools):
    raw = table.frame
    n = len(raw)
    lines = np.asarray(table.lines).astype("int64")
    problems: list[tuple[np.ndarray, str, np.ndarray | str]] = []

    def add(mask, role, reason):
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            problems.append((mask, roles[role], reason))

    activity = clean_labels(raw[roles["activity"]])
    add(activity.eq("").to_numpy(), "activity", "empty activity; expected what the person did")
    if "person" in roles:
        person = clean_labels(raw[roles["person"]])
        add(person.eq("").to_numpy(), "person", "empty person; expected who was shadowed "
            "(a name or a pseudonym)")
    else:
        person = pd.Series(UNNAMED_PERSON, index=raw.index, dtype=object)
        log.info("%s: no person column; all stretches are attributed to %s", table.source,
                 UNNAMED_PERSON)

    # years pandas cannot hold (before 1678, after 2261): refused before any parsing
    cells = {r: raw[roles[r]] for r in ("date", "start", "end") if r in roles}
    for role_name, col in cells.items():
        far = _out_of_bounds_years(col)
        if far.any():
            add(far, role_name, np.asarray(
                [f"the year in '{v}' is outside {MIN_YEAR}-{MAX_YEAR}, the dates the kit can "
                 "compute with; expected a date like 03/02/2026" for v in as_text(col)], dtype=object))
            cells[role_name] = col.where(~far, "")
    raw = raw.assign(**{roles[r]: c for r, c in cells.items()})

    # start and end: times of day (with the date column) or full date-times
    start_kind, start_off, start_dt, start_text = classify_clock(raw[roles["start"]])
    start_dt, start_bad_text = _full_times(start_dt, start_text, start_kind, roles["start"],
                                           table, lines, dayfirst)
    if "end" in roles:
        end_kind, end_off, end_dt, end_text = classify_clock(raw[roles["end"]])
        end_dt, end_bad_text = _full_times(end_dt, end_text, end_kind, roles["end"], table, lines,
                                           dayfirst)
    else:
        end_kind = np.full(n, "empty", dtype=object)
        end_off = pd.Series(pd.NaT, index=raw.index, dtype="timedelta64[ns]")
        end_dt = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
        end_bad_text = np.zeros(n, dtype=bool)
    needs_date = (start_kind == "clock") | ((end_kind == "clock") & (start_kind != "datetime"))
    if "date" in roles:
        dcol = roles["date"]
        parsed = parse_timestamps(raw[dcol], column=dcol, source=table.source, lines=lines,
                                  dayfirst=dayfirst)
        day = parsed.values
        if day.dt.tz is not None:
            day = day.dt.tz_localize(None)
        day = day.dt.normalize().astype("datetime64[ns]")
        add(needs_date & parsed.empty, "date", "empty date; expected the day of the observation "
            "(the start and end are times of day)")
        add(needs_date & parsed.bad, "date", parsed.reasons)
    else:
        if needs_date.any():
            example = raw[roles["start"]].iloc[int(np.flatnonzero(needs_date)[0])]
            raise ColumnNotFoundError(
                f"{table.source}: column '{roles['start']}' holds times of day (like '{example}') "
                f"but no date column was found; columns are: {', '.join(table.columns)}. Add a "
                "date column (datum/date), or pass date='<column>'.", source=table.source)
        day = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")

    start_val = pd.Series(np.where(start_kind == "clock", (day + start_off).to_numpy(),
                                   start_dt.to_numpy()), index=raw.index).astype("datetime64[ns]")
    add(start_kind == "empty", "start", "empty start; expected a time like 09:15")
    add(start_bad_text, "start", _time_reasons(raw[roles["start"]], "start"))

    # the end: a time (of day, on the start's day) or the start plus a duration
    base_day = start_val.dt.normalize()
    end_from_clock = pd.Series(np.where(end_kind == "clock", (base_day + end_off).to_numpy(),
                                        end_dt.to_numpy()), index=raw.index).astype("datetime64[ns]")
    if "end" in roles:
        add(end_bad_text, "end", _time_reasons(raw[roles["end"]], "end"))
    if "duration" in roles:
        dur_col = roles["duration"]
        dur_min, dur_bad, _ = parse_durations(raw[dur_col])
        use_dur = (end_kind == "empty") & ~end_bad_text
        add(use_dur & dur_bad, "duration", np.asarray(
            [f"expected a duration like 5, 5 min, 1u30, 1h30, 00:05:00 or 1,5 uur, found '{v}'"
             for v in as_text(raw[dur_col])], dtype=object))
        absurd = (dur_min.abs() > MAX_DURATION_MIN).fillna(False).to_numpy()
        add(use_dur & absurd, "duration", np.asarray(
            [f"a duration of '{v}' minutes is more than {MAX_DURATION_MIN // (24 * 60)} days, not "
             "one observed stretch; expected minutes like 5, or 1u30"
             for v in as_text(raw[dur_col])], dtype=object))
        dur_min = dur_min.where(~absurd)
        end_from_dur = start_val + pd.to_timedelta(dur_min, unit="min")
        end_val = end_from_clock.where(end_kind != "empty", end_from_dur)
        neither = (end_kind == "empty") & dur_min.isna().to_numpy() & ~dur_bad
        add(neither, "duration", "no end time and no duration; expected one of them")
    else:
        end_val = end_from_clock
        add(end_kind == "empty", "end", "empty end; expected a time like 10:30 (or give a "
            "duration column)")

    # end before start: midnight crossing or a typo
    clock_pair = (start_kind == "clock") & (end_kind == "clock")
    before = (end_val < start_val).fillna(False).to_numpy()
    wrapped = end_val + pd.Timedelta(days=1)
    crossing = (clock_pair & before & (end_off <= MIDNIGHT_LATEST_END).to_numpy()
                & ((wrapped - start_val) <= pd.Timedelta(hours=MIDNIGHT_MAX_HOURS)).to_numpy())
    end_val = end_val.where(~crossing, wrapped)
    end_col_name = "end" if "end" in roles else "duration"
    before = before & ~crossing
    add(before, end_col_name, np.asarray(
        [f"ends before it starts: end {_hm(e)} is earlier than start {_hm(s)}"
         for s, e in zip(start_val, end_val)], dtype=object))

    # tools, waste, severity
    if "tool" in roles:
        tool_raw = _text_or_na(raw[roles["tool"]])
        tool_vals, corr = normalise_tools(raw[roles["tool"]], extra=tools)
        corr.insert(0, "column", roles["tool"])
    else:
        tool_raw = pd.Series(None, index=raw.index, dtype=object)
        tool_vals, corr = pd.Series(np.nan, index=raw.index, dtype=object), _empty_corrections()
    if "waste" in roles:
        waste_vals, waste_bad, waste_why = normalise_waste(raw[roles["waste"]])
        add(waste_bad, "waste", waste_why)
    else:
        waste_vals = pd.Series(np.nan, index=raw.index, dtype=object)
    if "severity" in roles:
        scol = roles["severity"]
        sev_text = as_text(raw[scol]).str.strip()
        sev = parse_number(raw[scol], table.decimal)
        sev_bad = sev_text.ne("") & ~(sev.notna() & sev.between(1, 5) & (sev % 1 == 0))
        add(sev_bad.to_numpy(), "severity", np.asarray(
            [f"expected a severity from 1 to 5, found '{v}'" for v in sev_text], dtype=object))
        severity = sev.where(~sev_bad).astype("Int64")
    else:
        severity = pd.Series(pd.NA, index=raw.index, dtype="Int64")

    frame = pd.DataFrame({
        "observation_id": ["O" + str(v) for v in lines],
        "observer": _text_or_na(raw[roles["observer"]]) if "observer" in roles else None,
        "person": person.where(person.ne(""), None),
        "role": _text_or_na(raw[roles["role"]]) if "role" in roles else None,
        "start": start_val,
        "end": end_val,
        "duration_min": (end_val - start_val).dt.total_seconds() / 60,
        "activity": activity,
        "case": _text_or_na(raw[roles["case"]]) if "case" in roles else None,
        "tool": tool_vals,
        "tool_raw": tool_raw,
        "waste": waste_vals,
        "frustration": _text_or_na(raw[roles["frustration"]]) if "frustration" in roles else None,
        "severity": severity,
        "line": lines,
    }, index=raw.index)
    frame["_midnight"] = crossing

    bad_any = np.zeros(n, dtype=bool)
    parts = []
    for mask, column, reason in problems:
        new = mask & ~bad_any
        if not new.any():
            continue
        idx = np.flatnonzero(new)
        reasons = reason[idx] if isinstance(reason, np.ndarray) else np.full(len(idx), reason, object)
        vals = as_text(table.frame[column].iloc[idx]).to_numpy()  # as written
        parts.append(pd.DataFrame({"line": lines[idx], "column": column, "value": vals,
                                   "reason": reasons}))
        bad_any |= new
    rejected = (pd.concat(parts, ignore_index=True).sort_values("line", kind="stable")
                .reset_index(drop=True) if parts else empty_rejected())
    frame = frame.loc[~bad_any]
    # only typos on rows that were kept are corrections worth reporting
    if len(corr):
        kept_raw = pd.Series(as_text(raw[roles["tool"]]).str.strip().str.replace(r"\s+", " ",
                                                                                  regex=True))[~bad_any]
        counts = kept_raw.value_counts()
        corr = corr.assign(count=corr["raw"].map(counts).fillna(0).astype("int64"))
        corr = corr.loc[corr["count"] > 0].reset_index(drop=True)
    frame, midnight = _order(frame)
    return frame, rejected, corr, midnight


def _order(frame: pd.DataFrame) -> pd.DataFrame:
    """Person (first appearance by line), start, line; a fresh index; canonical dtypes."""
    by_line = frame.sort_values("line", kind="stable")
    codes, _ = pd.factorize(by_line["person"], sort=False)
    ordered = by_line.assign(_p=codes).sort_values(["_p", "start", "line"], kind="stable")
    out = ordered.drop(columns="_p").reset_index(drop=True)
    for col in ("observation_id", "observer", "person", "role", "activity", "case", "tool",
                "tool_raw", "waste", "frustration"):
        values = out[col].to_numpy(dtype=object)
        out[col] = pd.Series(np.where(pd.isna(values), None, values), dtype=object)
    out["start"] = out["start"].astype("datetime64[ns]")
    out["end"] = out["end"].astype("datetime64[ns]")
    out["duration_min"] = out["duration_min"].astype(float)
    out["severity"] = out["severity"].astype("Int64")
    out["line"] = out["line"].astype("int64")
    midnight = out.pop("_midnight").astype(bool)
    return out[OBSERVATION_COLUMNS], tuple(out.loc[midnight.to_numpy(), "line"].tolist())


def _out_of_bounds_years(col: pd.Series) -> np.ndarray:
    """Cells holding a date whose four-digit year is before `MIN_YEAR` or after `MAX_YEAR`."""
    text = as_text(col)
    year = text.str.extract(r"(?:^|[^\d])(\d{4})(?=[-/.])|(?<=[-/.])(\d{4})(?:[^\d]|$)")
    year = pd.to_numeric(year[0].fillna(year[1]), errors="coerce")
    return ((year < MIN_YEAR) | (year > MAX_YEAR)).fillna(False).to_numpy(dtype=bool)


def _hm(t) -> str:
    return "?" if pd.isna(t) else pd.Timestamp(t).strftime("%H:%M")


def _time_reasons(raw: pd.Series, what: str) -> np.ndarray:
    return np.asarray([f"expected a {what} time like 09:15, 9.15 or 9u15 (or a date and time "
                       f"like 2026-02-03 09:15), found '{v}'" for v in as_text(raw)], dtype=object)


def _full_times(stamps: pd.Series, texts: pd.Series, kinds: np.ndarray, column: str, table,
                lines, dayfirst) -> tuple[pd.Series, np.ndarray]:
    """Parse the cells that are not times of day as full date-times; return (stamps, bad)."""
    is_text = kinds == "text"
    bad = np.zeros(len(kinds), dtype=bool)
    if not is_text.any():
        return stamps, bad
    sub = texts[is_text]
    try:
        parsed = parse_timestamps(sub, column=column, source=table.source,
                                  lines=np.asarray(lines)[is_text], dayfirst=dayfirst)
    except InputError:
        bad[is_text] = True
        return stamps, bad
    vals = parsed.values
    if vals.dt.tz is not None:
        vals = vals.dt.tz_localize(None)
    out = stamps.copy()
    out.loc[is_text] = vals.astype("datetime64[ns]").to_numpy()
    bad[np.flatnonzero(is_text)[parsed.bad | parsed.empty]] = True
    return out, bad


# -- findings --------------------------------------------------------------------------------

def observation_findings(obs: Observations) -> pd.DataFrame:
    """The quality findings of observations (called by ``shadowing.analysis.quality``).

    Columns as `shadowing.analysis.quality.quality`: ``check``, ``severity``, ``count``, ``share``,
    ``message``, ``examples``. Checks: rejected rows; overlapping stretches of one person;
    gaps of more than `GAP_MINUTES` within a shadowed day; stretches longer than
    `LONG_STRETCH_MINUTES`; tool typos corrected on reading; tools not in the known set (kept
    as written); stretches crossing midnight; stretches without a tool; activity labels that
    differ only in spelling; no person column.
    """

    f = obs.frame
    n = len(f)
    rows: list[dict] = []
    if len(obs.rejected):
        rows.append(rejected_finding(obs.rejected, obs.rows_read))
    if n == 0:
        return pd.DataFrame(rows, columns=FINDING_COLUMNS)
    if f["person"].eq(UNNAMED_PERSON).all() and "person" not in obs.columns:
        rows.append(_finding("no person column", "info", n, 1.0,
                             "The notes do not say who was shadowed; overlaps and gaps are checked "
                             "as if one person was followed.", []))
    # overlaps and gaps, per person, in time order (the frame is ordered so)
    persons = pd.factorize(f["person"], sort=False)[0]
    prev_end = f["end"].groupby(persons).cummax().groupby(persons).shift()
    prev_line = _prev_line_of_max_end(f)
    overlap = (f["start"] < prev_end).to_numpy()
    if overlap.any():
        ex = f.loc[overlap]
        over_min = (np.minimum(prev_end[overlap], ex["end"]) - ex["start"]).dt.total_seconds() / 60
        rows.append(_finding(
            "overlapping stretches", "warning", overlap.sum(), overlap.mean(),
            f"{int(overlap.sum())} stretches start before the same person's previous stretch ended "
            f"({over_min.sum():.0f} minutes counted twice); check the times or split the work.",
            [f"line {r.line} overlaps line {pl} ({r.person}, {_hm(r.start)})"
             for r, pl in zip(ex.itertuples(), prev_line[overlap])]))
    day = f["start"].dt.normalize()
    same_day = day.eq(day.groupby(persons).shift())
    gap = (f["start"] - prev_end)
    big = (same_day & (gap > pd.Timedelta(minutes=GAP_MINUTES))).to_numpy()
    if big.any():
        ex = f.loc[big]
        total = gap[big].sum().total_seconds() / 3600
        rows.append(_finding(
            "gaps in a shadowed day", "info", big.sum(), big.mean(),
            f"{int(big.sum())} gaps of more than {GAP_MINUTES} minutes between stretches within a "
            f"shadowed day ({total:.1f} hours not accounted for: breaks, or work not noted).",
            [f"{r.person} {r.start:%Y-%m-%d} {_hm(pe)}-{_hm(r.start)}"
             for r, pe in zip(ex.itertuples(), prev_end[big])]))
    long_ = f["duration_min"].gt(LONG_STRETCH_MINUTES).to_numpy()
    if long_.any():
        ex = f.loc[long_]
        rows.append(_finding(
            "very long stretches", "warning", long_.sum(), long_.mean(),
            f"{int(long_.sum())} stretches last longer than {LONG_STRETCH_MINUTES} minutes; in "
            "shadowing notes this is usually a typo in a time or several steps noted as one.",
            [f"line {r.line}: {r.duration_min:.0f} min" for r in ex.itertuples()]))
    if len(obs.corrections):
        c = obs.corrections
        rows.append(_finding(
            "tool names corrected", "info", int(c["count"].sum()), c["count"].sum() / n,
            f"{int(c['count'].sum())} tool names were close typos of a known tool and were "
            "corrected on reading; pass tools={...} if a correction is wrong.",
            [f"'{r.raw}' → '{r.corrected}' ({r.count}×)" for r in c.itertuples()]))
    from ..model.vocab import TOOLS  # noqa: PLC0415

    known = set(TOOLS) | set(obs.corrections["corrected"])
    unknown = f["tool"].notna() & ~f["tool"].isin(known) & f["tool"].eq(f["tool_raw"])
    if unknown.any():
        counts = f.loc[unknown, "tool"].value_counts()
        rows.append(_finding(
            "unknown tools", "info", unknown.sum(), unknown.mean(),
            f"{len(counts)} tool name(s) are not in the known set and are kept as written; map "
            "them with tools={'name': 'ERP', ...} if they are one of the known tools.",
            [f"'{t}' ({k}×)" for t, k in counts.items()]))
    midnight = list(obs.midnight_lines)
    if midnight:
        rows.append(_finding(
            "stretches crossing midnight", "info", len(midnight), len(midnight) / n,
            f"{len(midnight)} stretches end earlier by the clock than they start and were read "
            f"as crossing midnight (ending by {MIDNIGHT_LATEST_END.components.hours:02d}:00 and "
            f"lasting at most {MIDNIGHT_MAX_HOURS} hours).",
            [f"line {v}" for v in midnight]))
    no_tool = f["tool"].isna()
    if no_tool.any() and "tool" in obs.columns:
        rows.append(_finding(
            "stretches without a tool", "info", no_tool.sum(), no_tool.mean(),
            f"{int(no_tool.sum())} stretches name no tool; off-system shares count them as "
            "'no tool', neither official nor off-system.",
            [f"line {v}" for v in f.loc[no_tool, "line"]]))
    rows += _similar_labels(f["activity"], "activity")
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def _prev_line_of_max_end(f: pd.DataFrame) -> np.ndarray:
    """For each stretch, the line of the same person's earlier stretch that ends latest."""
    if not len(f):
        return np.asarray([], dtype="int64")
    person_codes, _ = pd.factorize(f["person"], sort=False)
    end_ns = f["end"].to_numpy(dtype="datetime64[ns]").view("int64")
    # running argmax of end within each person, via a cummax and a forward fill of lines
    is_new_max = end_ns == pd.Series(end_ns).groupby(person_codes).cummax().to_numpy()
    line_at_max = pd.Series(np.where(is_new_max, f["line"].to_numpy(), np.nan))
    line_at_max = line_at_max.groupby(person_codes).ffill()
    prev = line_at_max.groupby(person_codes).shift()
    return prev.fillna(-1).astype("int64").to_numpy()


# -- observations as an event log -------------------------------------------------------------

def observations_to_log(observations: Observations) -> EventLog:
    """Turn observations into an interval `EventLog` (``source="observed"``).

    Each stretch becomes one event: ``case:concept:name`` is the case reference when the note
    has one, otherwise the person's work session ``"<person>|<YYYY-MM-DD>"``;
    ``concept:name`` the activity; ``start_timestamp``/``time:timestamp`` the start and end;
    ``org:resource`` the person; ``system`` the tool; ``line`` the line in the notes. The
    columns ``observation_id``, ``org:role``, ``waste``, ``frustration`` and ``severity`` come
    along, so hotspots can cite the observation ids.
    """
    if not isinstance(observations, Observations):
        raise InputError(f"observations_to_log expects Observations (from read_observations), "
                         f"got {type(observations).__name__}.")
    f = observations.frame
    session = f["person"].astype(str) + "|" + f["start"].dt.strftime("%Y-%m-%d")
    case = f["case"].astype(object).where(f["case"].notna(), session)
    frame = pd.DataFrame({
        C.CASE: case.astype(str),
        C.ACTIVITY: f["activity"].astype(str),
        C.TIMESTAMP: f["end"],
        C.START: f["start"],
        C.RESOURCE: f["person"],
        C.SYSTEM: f["tool"],
        C.SOURCE: "observed",
        "line": f["line"],
        "observation_id": f["observation_id"],
        "org:role": f["role"],
        "waste": f["waste"],
        "frustration": f["frustration"],
        "severity": f["severity"],
    })
    columns = {k: v for k, v in observations.columns.items()
               if k in ("case", "activity", "start", "end", "person", "tool")}
    return EventLog(frame=finalise(frame), rejected=observations.rejected,
                    source=observations.source, columns=columns,
                    rows_read=observations.rows_read)
