"""Reading usage logs (a system's audit or login export) and team rosters.

Both readers return a DataFrame in the columns of docs/CONTRACTS.md, with the same care for bad
input as `shadowing.read_event_log`: columns guessed from English or Dutch names (or given),
one timestamp format per column, rows that cannot be read refused with their line number.

What was refused travels with the frame, in ``df.attrs``:

- ``df.attrs["rejected"]``: one row per refused input row (``line``, ``column``, ``value``,
  ``reason``); empty when every row was read;
- ``df.attrs["rows_read"]``: rows in the source (``len(df) + len(df.attrs["rejected"])``);
- ``df.attrs["source"]`` and ``df.attrs["columns"]`` (which source column played which role).

The rejected rows are held in `AttrFrame`, a DataFrame whose ``==`` against another DataFrame
answers one bool (like ``.equals``). Plain DataFrames in ``attrs`` make pandas fail on
``usage.merge(roster)`` or ``pd.concat([usage_a, usage_b])`` ("Can only compare identically-labeled
DataFrame objects"), because pandas compares the ``attrs`` of the inputs.

User ids are trimmed (and inner runs of spaces collapsed) but otherwise kept as written; the
analyses match usage users to roster users case-insensitively (``" Ann.Peeters"`` in the log is
``ann.peeters`` on the roster).
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import numpy as np
import pandas as pd

from .roles import resolve_roles
from .tabular import Table, clean_labels, read_table
from .timestamps import parse_timestamps
from ..model.frames import AttrFrame
from .rejections import RowRejections
from ..errors import InputError, check_choice
from .eventlog import REJECTED_COLUMNS, report_rejections

log = logging.getLogger(__name__)

__all__ = ["read_usage", "read_roster", "AttrFrame", "user_key", "USAGE_SYNONYMS",
           "ROSTER_SYNONYMS"]

#: Column names users give each role of a usage log (English and Dutch; exact names first).
USAGE_SYNONYMS = {
    "user": ["user", "user id", "userid", "username", "user name", "login", "login name",
             "account", "gebruiker", "gebruikersnaam", "gebruiker id", "gebruikerid",
             "gebruikers id", "email", "e-mail", "mail", "medewerker", "employee", "employee id",
             "person", "persoon", "org:resource", "resource", "actor", "wie"],
    "timestamp": ["timestamp", "time:timestamp", "datetime", "date time", "event time",
                  "login time", "logged at", "created at", "created", "time", "date", "tijdstip",
                  "datum tijd", "datumtijd", "datum", "tijd", "moment", "logintijd",
                  "aanmeldtijd", "aangemeld op", "wanneer"],
    "system": ["system", "systeem", "application", "applicatie", "app", "tool", "software",
               "pakket"],
    "action": ["action", "actie", "event", "event type", "eventtype", "activity", "activiteit",
               "operation", "handeling", "feature", "transaction", "transactie", "screen",
               "scherm", "concept:name", "type"],
}

#: Column names users give each role of a roster (English and Dutch; exact names first).
ROSTER_SYNONYMS = {
    "user": ["user", "user id", "userid", "username", "user name", "login", "account",
             "gebruiker", "gebruikersnaam", "gebruiker id", "gebruikerid", "gebruikers id",
             "email", "e-mail", "employee id", "personeelsnummer", "medewerker id",
             "medewerkerid", "id"],
    "name": ["name", "naam", "full name", "volledige naam", "display name", "weergavenaam",
             "employee", "medewerker", "person", "persoon"],
    "team": ["team", "afdeling", "department", "dept", "group", "groep", "unit", "ploeg"],
    "firm": ["firm", "company", "bedrijf", "firma", "onderneming", "organisation",
             "organization", "organisatie", "entity", "vennootschap"],
    "role": ["role", "rol", "functie", "function", "job title", "job", "position", "title",
             "functietitel"],
    "start_date": ["start_date", "start date", "startdate", "start", "in_dienst", "in dienst",
                   "indienst", "datum in dienst", "in dienst sinds", "startdatum", "begin",
                   "begindatum", "hire date", "hired", "joined", "employed since", "from",
                   "van", "vanaf"],
    "leave_date": ["leave_date", "leave date", "leavedate", "leave", "uit_dienst", "uit dienst",
                   "uitdienst", "datum uit dienst", "einddatum", "end date", "end", "einde",
                   "eind", "left", "until", "tot", "tot en met"],
}

USAGE_COLUMNS = ["user", "timestamp", "system", "action", "line"]
ROSTER_COLUMNS = ["user", "name", "team", "firm", "role", "start_date", "leave_date", "line"]


def user_key(users: pd.Series) -> pd.Series:
    """The matching key of user ids: trimmed, inner spaces collapsed, case-folded.

    Works on the distinct values only, so it is cheap on a categorical column of a large log.
    """
    if isinstance(users.dtype, pd.CategoricalDtype):
        cats = pd.Series(users.cat.categories.astype(str))
        keys = np.append(np.asarray(clean_labels(cats).str.casefold(), dtype=object), None)
        keys[:-1][keys[:-1] == ""] = None
        return pd.Series(keys[users.cat.codes.to_numpy()], index=users.index, dtype=object)
    text = clean_labels(users.astype(object).where(users.notna(), ""))
    return text.str.casefold().where(text.ne(""), None)


# -- shared machinery ----------------------------------------------------------------------



def _label(raw: pd.Series) -> pd.Series:
    labels = clean_labels(raw)
    return labels.where(labels.ne(""), None)


def _parse(table: Table, column: str, problems: RowRejections, *, fmt, dayfirst, tz,
           what: str) -> pd.Series:
    raw = table.frame[column]
    ts = parse_timestamps(raw, column=column, source=table.source, lines=problems.lines, fmt=fmt,
                          dayfirst=dayfirst, tz=tz)
    problems.add(ts.bad, column, raw, ts.reasons)
    if what:
        problems.add(ts.empty, column, raw, f"empty {what}; expected a date/time")
    return ts.values


def _report(rejected: AttrFrame, table: Table, errors: str, what: str) -> None:
    """`report_rejections`, with the message pointing at ``df.attrs["rejected"]``."""
    try:
        report_rejections(rejected, rows_read=len(table.frame), source=table.source,
                          errors=errors, what=what)
    except InputError as exc:
        raise InputError(str(exc).replace("listed in .rejected", "listed in df.attrs['rejected']"),
                         source=exc.source, rejected=exc.rejected) from None


def _attach(frame: pd.DataFrame, rejected: AttrFrame, table: Table, roles: dict) -> pd.DataFrame:
    frame.attrs = {"rejected": rejected, "rows_read": len(table.frame), "source": table.source,
                   "columns": dict(roles)}
    return frame


def _extras(frame: pd.DataFrame, raw: pd.DataFrame, roles: dict, keep: np.ndarray) -> pd.DataFrame:
    used = set(roles.values())
    for col in raw.columns:
        if col not in used and col not in frame.columns:
            frame[col] = raw[col].to_numpy()[keep]
    return frame


# -- usage logs ----------------------------------------------------------------------------

def read_usage(source: Any, *, user: str | None = None, timestamp: str | None = None,
               system: str | None = None, action: str | None = None,
               timestamp_format: str | None = None, dayfirst: bool | None = None,
               tz: str | None = None, sheet: str | int | None = None,
               errors: Literal["raise", "drop"] = "raise") -> pd.DataFrame:
    """Read a usage log: a system's audit or login export after a go-live.

    Parameters
    ----------
    source : path or DataFrame
        CSV (any delimiter, UTF-8 or Windows-1252), Excel, Parquet or a DataFrame.
    user, timestamp, system, action : str, optional
        Column names for each role. Roles not given are guessed from English and Dutch names
        (``Gebruiker``, ``Tijdstip``, ``Systeem``, ``Actie``, ...); ``user`` and ``timestamp``
        are required, ``system`` and ``action`` optional.
    timestamp_format : str, optional
        A ``strftime`` format; by default one format is inferred for the column. Slash dates
        are day-first unless ``dayfirst=False``.
    dayfirst : bool, optional
    tz : str, optional
        Time zone (``"Europe/Brussels"``): naive times are localised to it, times with an
        offset converted to it. Pass it when the export writes offsets or UTC, so that days and
        weeks in `adoption` are local ones.
    sheet : str or int, optional
        Excel sheet.
    errors : {"raise", "drop"}
        ``"raise"``: any refused row raises `InputError` naming lines and reasons. ``"drop"``:
        keep the good rows, log a warning, list the others in ``df.attrs["rejected"]``.

    Returns
    -------
    DataFrame
        ``user`` (categorical, trimmed, case kept), ``timestamp`` (datetime64, tz-aware when the
        source had offsets or ``tz`` was given), ``system`` and ``action`` (categorical; missing
        when the log has no such column), ``line``, then any other source columns; ordered by
        time, then line. ``df.attrs["rejected"]`` and ``df.attrs["rows_read"]`` tell what was
        refused (see the module docstring).

    Examples
    --------
    >>> import shadowing as sh
    >>> df = sh.read_usage(sh.sample_path("crm") / "usage.csv")
    >>> list(df.columns[:5])
    ['user', 'timestamp', 'system', 'action', 'line']
    >>> df.attrs["rows_read"] == len(df) + len(df.attrs["rejected"])
    True
    """
    check_choice("errors", errors, ("raise", "drop"), func="read_usage")
    table = read_table(source, what="usage log", sheet=sheet)
    explicit = {"user": user, "timestamp": timestamp, "system": system, "action": action}
    roles = resolve_roles(table.columns, explicit, synonyms=USAGE_SYNONYMS,
                          required=("user", "timestamp"), source=table.source, what="usage log")
    raw = table.frame
    problems = RowRejections(table)
    users = _label(raw[roles["user"]])
    problems.add(users.isna().to_numpy(), roles["user"], raw[roles["user"]],
                 "empty user; expected a user id")
    times = _parse(table, roles["timestamp"], problems, fmt=timestamp_format, dayfirst=dayfirst,
                   tz=tz, what="timestamp")
    keep = ~problems.bad
    frame = pd.DataFrame({"user": users.to_numpy()[keep]})
    frame["timestamp"] = pd.DatetimeIndex(times[keep]).as_unit("ns")
    for role in ("system", "action"):
        if role in roles:
            frame[role] = _label(raw[roles[role]]).to_numpy()[keep]
        else:
            frame[role] = None
    frame["line"] = problems.lines[keep].astype("int64")
    frame = _extras(frame, raw, roles, keep)
    for col in ("user", "system", "action"):
        frame[col] = frame[col].astype("category")
    if len(frame):
        order = np.lexsort((frame["line"].to_numpy(), _sort_key(frame["timestamp"])))
        frame = frame.iloc[order].reset_index(drop=True)
    rejected = problems.rejected()
    _report(rejected, table, errors, "usage log")
    return _attach(frame, rejected, table, roles)


def _sort_key(ts: pd.Series) -> np.ndarray:
    if ts.dt.tz is not None:
        ts = ts.dt.tz_convert("UTC").dt.tz_localize(None)
    return ts.to_numpy(dtype="datetime64[ns]").view("int64")


# -- rosters -------------------------------------------------------------------------------

def read_roster(source: Any, *, user: str | None = None, name: str | None = None,
                team: str | None = None, firm: str | None = None, role: str | None = None,
                start_date: str | None = None, leave_date: str | None = None,
                date_format: str | None = None, dayfirst: bool | None = None,
                sheet: str | int | None = None,
                errors: Literal["raise", "drop"] = "raise") -> pd.DataFrame:
    """Read a team roster: who works where, and since (and until) when.

    Parameters
    ----------
    source : path or DataFrame
        CSV, Excel, Parquet or a DataFrame; one row per person.
    user, name, team, firm, role, start_date, leave_date : str, optional
        Column names for each role; guessed from English and Dutch names otherwise
        (``Gebruiker``, ``Naam``, ``Afdeling``, ``Bedrijf``, ``Functie``, ``In dienst``,
        ``Uit dienst``, ...). Only ``user`` is required: the id the person has in the usage log.
    date_format : str, optional
        A ``strftime`` format for both date columns; inferred by default (day-first).
    dayfirst : bool, optional
    sheet : str or int, optional
    errors : {"raise", "drop"}
        As in `read_usage`.

    Returns
    -------
    DataFrame
        ``user``, ``name``, ``team``, ``firm``, ``role`` (text; missing where not given),
        ``start_date``, ``leave_date`` (naive datetime64 dates; missing = employed since always
        / still employed), ``line``, then any other source columns. ``attrs`` as in `read_usage`.

    Notes
    -----
    Refused rows (in ``df.attrs["rejected"]``, or raised): an empty user id; a date that cannot
    be read; a leave date before the start date; a user id that appears twice (compared
    case-insensitively after trimming; the first row is kept, later ones are refused with the
    line of the first). Both dates count as days employed: a person is on the roster from
    ``start_date`` up to and including ``leave_date``.
    """
    check_choice("errors", errors, ("raise", "drop"), func="read_roster")
    table = read_table(source, what="roster", sheet=sheet)
    explicit = {"user": user, "name": name, "team": team, "firm": firm, "role": role,
                "start_date": start_date, "leave_date": leave_date}
    roles = resolve_roles(table.columns, explicit, synonyms=ROSTER_SYNONYMS, required=("user",),
                          source=table.source, what="roster")
    raw = table.frame
    problems = RowRejections(table)
    users = _label(raw[roles["user"]])
    problems.add(users.isna().to_numpy(), roles["user"], raw[roles["user"]],
                 "empty user; expected the person's user id in the usage log")
    dates = {}
    for r in ("start_date", "leave_date"):
        if r in roles:
            values = _parse(table, roles[r], problems, fmt=date_format, dayfirst=dayfirst, tz=None,
                            what="")
            if values.dt.tz is not None:
                values = values.dt.tz_localize(None)
            dates[r] = values.astype("datetime64[ns]").dt.normalize()
        else:
            dates[r] = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    before = (dates["leave_date"] < dates["start_date"]).fillna(False).to_numpy()
    if before.any():
        reasons = np.asarray(
            [f"leave date {lv:%Y-%m-%d} is before start date {st:%Y-%m-%d}" if b else ""
             for b, lv, st in zip(before, dates["leave_date"], dates["start_date"])], dtype=object)
        problems.add(before, roles["leave_date"], raw[roles["leave_date"]], reasons)
    key = user_key(users)
    dup = key.duplicated(keep="first").to_numpy() & key.notna().to_numpy() & ~problems.bad
    if dup.any():
        first_line = pd.Series(problems.lines, index=raw.index)[~key.duplicated(keep="first")]
        first_by_key = dict(zip(key[first_line.index], first_line.to_numpy()))
        reasons = np.asarray([f"duplicate user '{users.iloc[i]}': already on line "
                              f"{first_by_key[key.iloc[i]]} (user ids are compared ignoring case)"
                              if dup[i] else "" for i in range(len(raw))], dtype=object)
        problems.add(dup, roles["user"], raw[roles["user"]], reasons)
    keep = ~problems.bad
    frame = pd.DataFrame({"user": users.to_numpy()[keep]})
    for r in ("name", "team", "firm", "role"):
        frame[r] = _label(raw[roles[r]]).to_numpy()[keep] if r in roles else None
        frame[r] = frame[r].astype(object)
    for r in ("start_date", "leave_date"):
        frame[r] = dates[r].to_numpy()[keep]
    frame["line"] = problems.lines[keep].astype("int64")
    frame = _extras(frame, raw, roles, keep)
    rejected = problems.rejected()
    _report(rejected, table, errors, "roster")
    return _attach(frame, rejected, table, roles)
