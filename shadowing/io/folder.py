"""What each file in a client folder is taken as, and why: by extension and content, any name.

A consultant's folder holds whatever the client exported: ``sepsis.csv`` beside a hand-drawn
``sepsis.bpmn``, an ``export.csv.gz``, a roster called ``team.xlsx``. `inspect_folder` looks at
every file once — its extension, and for tables only the header row (a large log is never read
whole here) — and decides what it is:

==================  ==========================================================================
kind                recognised by
==================  ==========================================================================
``eventlog``        XES (``.xes``, ``.xes.gz``), or a table with a case, an activity and a
                    timestamp column (the event-log reader's own column names)
``observations``    a table with an activity and a person or observer, and a duration, an
                    observer, a waste tag, or a date with start and end times
``perceived``       YAML with ``steps``, BPMN 2.0 XML, PNML, or a table with from/to columns
``frustrations``    a table with a text and a votes column
``usage``           a table with a user and a timestamp column (no case column)
``roster``          a table with a user and a team, firm or role column, and no timestamp
``scenario``        ``scenario.yaml`` (the analyst's parameters)
==================  ==========================================================================

One event log, one set of observations, frustrations, usage and roster are used; when a
folder holds two files of one kind, the one with the kind's usual name (``eventlog.csv``) or
else the first by name is used and the other is listed as not used. ``scenario.yaml`` can name
the files explicitly under ``files:`` (``files: {eventlog: sepsis.csv, perceived: [sepsis.bpmn]}``),
which always wins. Perceptions are all used.
"""

from __future__ import annotations

import csv
import gzip
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pandas as pd

from ..errors import InputError, did_you_mean
from ..model import columns as C
from ..model.columns import normalise_name
from . import yamlsafe

#: The kinds of input a folder can hold, in the order the report uses them. An event log or
#: observations whose file name ends in ``_after`` (``eventlog_after.csv``) are the data after
#: a change (`shadowing.compare_periods`): kinds ``eventlog_after`` and ``observations_after``.
KINDS = ("eventlog", "observations", "perceived", "frustrations", "usage", "roster",
         "eventlog_after", "observations_after")
#: Kinds of which one file is used (perceptions: all of them).
SINGLE = ("eventlog", "observations", "frustrations", "usage", "roster", "eventlog_after",
          "observations_after")
AFTER_SUFFIXES = ("_after", "-after", "_na", "-na")
#: The columns of `inspect_folder`'s result.
COLUMNS = ["file", "kind", "used", "why", "detail"]
#: File names that are never inputs (notes, answers for tests).
NOT_INPUTS = {"readme.md", "readme.txt", "truth.yaml", ".ds_store", "thumbs.db", "desktop.ini"}
#: How much of a file is read to find its header.
HEAD_BYTES = 64 * 1024

_TABLE = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".zip")
_USUAL = {"eventlog": "eventlog", "observations": "observations", "frustrations": "frustrations",
          "usage": "usage", "roster": "roster", "eventlog_after": "eventlog_after",
          "observations_after": "observations_after"}

# column names by role (compared after `normalise_name`), kept short and close to the readers'
_WORDS = {
    "case": C.SYNONYMS["case"],
    "activity": C.SYNONYMS["activity"] + ["activiteit", "taak", "task", "wat", "what", "werk"],
    "timestamp": C.SYNONYMS["timestamp"],
    "user": ["user", "user id", "userid", "username", "login", "account", "gebruiker",
             "gebruikersnaam", "email", "e-mail", "employee id", "medewerker id"],
    "person": ["person", "medewerker", "persoon", "employee", "pseudonym", "pseudoniem", "wie",
               "who", "gebruiker"],
    "observer": ["observer", "waarnemer", "observator", "shadower", "genoteerd door"],
    "duration": ["duration", "duur", "minutes", "minuten", "tijdsduur", "duration min",
                 "duur min", "duration (min)", "duur (min)"],
    "waste": ["waste", "verspilling", "waste tag", "muda", "verspillingstype", "waste type"],
    "date": ["date", "datum", "dag", "day"],
    "start": ["start", "begin", "start time", "starttime", "starttijd", "begintijd", "van"],
    "end": ["end", "einde", "eind", "end time", "endtime", "eindtijd", "tot"],
    "text": ["text", "tekst", "frustration", "frustratie", "irritatie", "irritation", "ergernis",
             "omschrijving", "description", "beschrijving"],
    "votes": ["votes", "stemmen", "stem", "vote", "punten", "points", "dots", "stickers",
              "aantal stemmen"],
    "team": ["team", "afdeling", "department", "dept", "firm", "company", "bedrijf", "firma",
             "role", "rol", "functie", "function", "job title"],
    "usage_time": ["timestamp", "time:timestamp", "datetime", "date time", "event time",
                   "login time", "logged at", "created at", "time", "tijdstip", "datum tijd",
                   "datumtijd", "tijd", "moment", "logintijd", "aanmeldtijd"],
    "from": ["from", "van", "source", "bron", "vanaf", "from step", "van stap"],
    "to": ["to", "naar", "target", "doel", "to step", "naar stap"],
}
_NORM = {role: {normalise_name(w) for w in words} for role, words in _WORDS.items()}


@dataclass(frozen=True)
class Found:
    """One file of a folder: what it is taken as (``kind``, or None) and why."""

    path: Path
    kind: str | None
    why: str            # name | columns | content | scenario | not an input | unknown | unreadable
    detail: str = ""


def _matches(columns: list[str], role: str) -> list[str]:
    words = _NORM[role]
    return [c for c in columns if normalise_name(c) in words]


def classify_columns(columns) -> tuple[str | None, str]:
    """The kind of table that a header row describes, and the columns that decided it.

    Parameters
    ----------
    columns : sequence of str
        The header row.

    Returns
    -------
    (kind or None, detail)
        ``kind`` one of `KINDS` (``perceived`` for a from/to edge list); ``detail`` names the
        columns that decided, e.g. ``"Case ID, Activity, Complete Timestamp"``.
    """
    cols = [str(c) for c in columns]
    has = {role: _matches(cols, role) for role in _NORM}
    first = {role: hits[0] for role, hits in has.items() if hits}

    def why(*roles) -> str:
        names = [first[r] for r in roles if r in first]
        return ", ".join(dict.fromkeys(names))

    if has["text"] and has["votes"]:
        return "frustrations", why("text", "votes")
    if has["from"] and has["to"] and not has["timestamp"] and not has["case"]:
        return "perceived", why("from", "to")
    field_signs = [r for r in ("observer", "duration", "waste") if has[r]]
    if has["activity"] and (has["person"] or has["observer"]) and (
            field_signs or (has["date"] and has["start"] and has["end"])):
        return "observations", why("activity", "person", "observer", *field_signs)
    if has["case"] and has["activity"] and (has["timestamp"] or has["start"]):
        return "eventlog", why("case", "activity", "timestamp")
    if has["user"] and has["usage_time"]:
        return "usage", why("user", "usage_time")
    if has["user"] and has["team"] and not has["usage_time"]:
        return "roster", why("user", "team")
    return None, ", ".join(cols[:8]) + (" …" if len(cols) > 8 else "")


def _decode(raw: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _csv_header(raw: bytes) -> list[str]:
    text = _decode(raw)
    lines = [ln for ln in text.splitlines() if ln.strip().strip(",;\t|")]
    if not lines:
        return []
    sample = "\n".join(lines[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = max(",;\t|", key=lines[0].count)
    return [c.strip() for c in next(csv.reader([lines[0]], delimiter=delimiter))]


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic[:2] == b"\x1f\x8b":
        with gzip.open(path, "rb") as fh:
            return fh.read(HEAD_BYTES)
    if magic == b"PK\x03\x04" and path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX")]
            if len(members) != 1:
                raise InputError(f"{path.name}: a zip file must hold exactly one table; it holds "
                                 f"{len(members)} files.", source=str(path))
            with zf.open(members[0]) as fh:
                return fh.read(HEAD_BYTES)
    with open(path, "rb") as fh:
        return fh.read(HEAD_BYTES)


def _suffixes(path: Path) -> str:
    """``.csv.gz`` -> ``.csv`` (the suffix of the content)."""
    name = path.name.lower()
    return Path(name[:-3]).suffix if name.endswith(".gz") else path.suffix.lower()


def _table_header(path: Path) -> list[str]:
    suffix = _suffixes(path)
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl  # noqa: PLC0415  (only when a folder holds a workbook)

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for row in wb.worksheets[0].iter_rows(values_only=True):
                if any(v not in (None, "") for v in row):
                    return [str(v) for v in row if v not in (None, "")]
            return []
        finally:
            wb.close()
    if suffix == ".parquet":
        import pyarrow.parquet as pq  # noqa: PLC0415

        return list(pq.read_schema(path).names)
    return _csv_header(_head(path))


def _yaml_kind(path: Path) -> tuple[str | None, str]:
    text = _decode(_head(path))
    # the keys at the start of a line, without loading the document (no alias expansion here)
    keys = {m.group(1).strip().casefold() for m in re.finditer(r"^([A-Za-z_][\w ]*):", text, re.M)}
    if keys & {"steps", "stappen"}:
        return "perceived", "steps"
    return None, ", ".join(sorted(keys)[:6])


def _xml_kind(path: Path) -> tuple[str | None, str]:
    text = _decode(_head(path))[:HEAD_BYTES]
    if re.search(r"<(\w+:)?definitions\b", text) and "bpmn" in text.casefold():
        return "perceived", "BPMN 2.0"
    if re.search(r"<pnml\b", text):
        return "perceived", "PNML"
    if re.search(r"<log\b", text):
        return "eventlog", "XES"
    return None, "XML"


def _look(path: Path) -> Found:
    found = _look_kind(path)
    stem = path.name.lower().split(".")[0]
    if found.kind in ("eventlog", "observations") and stem.endswith(AFTER_SUFFIXES):
        return Found(path, found.kind + "_after", found.why, found.detail)
    return found


def _look_kind(path: Path) -> Found:
    name = path.name.lower()
    if name in NOT_INPUTS or name.startswith(".") or name.startswith("~$"):
        return Found(path, None, "not an input")
    if name in ("scenario.yaml", "scenario.yml"):
        return Found(path, "scenario", "name")
    suffix = _suffixes(path)
    try:
        if suffix in (".yaml", ".yml"):
            kind, detail = _yaml_kind(path)
            return Found(path, kind, "content" if kind else "unknown", detail)
        if suffix in (".bpmn", ".bpmn2", ".pnml", ".xml", ".xes"):
            kind, detail = _xml_kind(path)
            return Found(path, kind, "content" if kind else "unknown", detail)
        if suffix in _TABLE:
            kind, detail = classify_columns(_table_header(path))
            return Found(path, kind, "columns" if kind else "unknown", detail)
    except InputError as exc:
        return Found(path, None, "unreadable", str(exc))
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, never raised here
        return Found(path, None, "unreadable", f"{type(exc).__name__}: {exc}")
    return Found(path, None, "unknown", suffix or "no extension")


def _explicit(files: Mapping, folder: Path) -> dict[str, list[Path]]:
    """``files:`` of scenario.yaml: kind -> paths (each must exist)."""
    out: dict[str, list[Path]] = {}
    for kind, names in files.items():
        if kind not in KINDS:
            raise InputError(f"{folder / 'scenario.yaml'}: 'files' has an unknown kind '{kind}'; "
                             f"kinds are: {', '.join(KINDS)}." + did_you_mean(str(kind), KINDS),
                             source=str(folder / "scenario.yaml"))
        names = [names] if isinstance(names, (str, Path)) else list(names or [])
        paths = []
        for n in names:
            p = folder / str(n)
            if not p.is_file():
                present = sorted(q.name for q in folder.iterdir() if q.is_file())
                raise InputError(f"{folder / 'scenario.yaml'}: files: {kind}: '{n}' does not exist; "
                                 f"files are: {', '.join(present)}." + did_you_mean(str(n), present),
                                 source=str(folder / "scenario.yaml"))
            paths.append(p)
        out[kind] = paths
    return out


def inspect_folder(path, *, files: Mapping | None = None) -> pd.DataFrame:
    """What each file in a client folder is taken as, and why.

    Parameters
    ----------
    path : path-like
        The client's folder (files directly in it; sub-folders are not searched).
    files : mapping, optional
        Explicit choices, as ``files:`` in ``scenario.yaml``: kind -> file name or list of
        names. Default: the ``files`` of the folder's ``scenario.yaml`` when it has one.

    Returns
    -------
    DataFrame
        One row per file, sorted by name: ``file`` (name), ``kind`` (one of `KINDS`,
        ``scenario``, or empty when not an input), ``used`` (bool), ``why`` (``name``,
        ``columns``, ``content``, ``scenario``, ``duplicate``, ``not an input``, ``unknown``,
        ``unreadable``) and ``detail`` (the columns or content that decided). ``attrs["folder"]``
        holds the folder.

    Raises
    ------
    InputError
        ``path`` is not a folder, or ``files`` names a kind or file that does not exist.

    Examples
    --------
    >>> import shadowing as sh
    >>> table = sh.inspect_folder(sh.sample_path("wholesale"))
    >>> row = table.set_index("file").loc["eventlog.csv"]
    >>> row["kind"], bool(row["used"]), row["why"]
    ('eventlog', True, 'columns')
    """
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; expected a folder with the client's data files.",
                         source=str(folder))
    entries = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name.casefold())
    found = {p: _look(p) for p in entries}
    if files is None:
        files = _files_of_scenario(folder)
    explicit = _explicit(files or {}, folder)
    named = {p: kind for kind, paths in explicit.items() for p in paths}
    rows = []
    chosen: dict[str, Path] = {}
    for kind in SINGLE:
        if kind in explicit and explicit[kind]:
            chosen[kind] = explicit[kind][0]
            continue
        candidates = [p for p, f in found.items() if f.kind == kind and p not in named]
        usual = [p for p in candidates if p.name.lower().split(".")[0] == _USUAL[kind]]
        if usual or candidates:
            chosen[kind] = (usual or candidates)[0]
    for p, f in found.items():
        kind, why, detail = f.kind, f.why, f.detail
        if p in named:
            kind, why = named[p], "scenario"
        used = False
        if kind == "scenario" or kind == "perceived":
            used = kind == "perceived" and ("perceived" not in explicit or p in explicit["perceived"])
            used = used or kind == "scenario"
        elif kind in SINGLE:
            used = chosen.get(kind) == p
            if not used:
                why, detail = "duplicate", chosen[kind].name
        rows.append({"file": p.name, "kind": kind or "", "used": used, "why": why, "detail": detail})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["used"] = out["used"].astype(bool)
    out.attrs["folder"] = str(folder)
    return out


def _files_of_scenario(folder: Path) -> Mapping:
    """The ``files:`` mapping of the folder's scenario.yaml, if any (read without aliases)."""
    path = folder / "scenario.yaml"
    if not path.is_file():
        return {}
    files = (load_yaml_mapping(path) or {}).get("files") or {}
    if not isinstance(files, Mapping):
        raise InputError(f"{path}: 'files' must map kinds to file names (eventlog: log.csv); "
                         f"found {type(files).__name__}.", source=str(path))
    return files


def load_yaml_mapping(path: Path) -> dict:
    """A YAML file that must be a mapping, loaded with the kit's safe loader (size and alias
    limits, `shadowing.io.yamlsafe`)."""
    import yaml  # noqa: PLC0415

    try:
        loaded = yamlsafe.load(path.read_bytes(), source=str(path))
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}", source=str(path)) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise InputError(f"{path}: expected a mapping of parameters, found {type(loaded).__name__}.",
                         source=str(path))
    return loaded


def used_files(table: pd.DataFrame) -> dict[str, object]:
    """From `inspect_folder`'s result: kind -> Path for the single kinds, and ``perceived`` ->
    a tuple of Paths."""
    folder = Path(table.attrs["folder"])
    used = table[table["used"]]
    out: dict[str, object] = {}
    for kind in SINGLE:
        names = used.loc[used["kind"] == kind, "file"].tolist()
        if names:
            out[kind] = folder / names[0]
    out["perceived"] = tuple(folder / n for n in used.loc[used["kind"] == "perceived", "file"])
    return out


def usable(table: pd.DataFrame | None) -> bool:
    """Whether `inspect_folder`'s table holds at least one input the report can use."""
    return table is not None and bool((table["used"] & table["kind"].isin(KINDS)).any())


def nothing_usable_message(table: pd.DataFrame, *, hint: bool = True) -> str:
    """One message that says what the folder holds and what the kit looks for."""
    folder = table.attrs.get("folder", "the folder")
    if not len(table):
        held = "it is empty"
    else:
        held = "it holds " + ", ".join(
            f"{r.file} ({r.why}{': ' + r.detail if r.detail else ''})" for r in table.itertuples())
    return (f"{folder}: nothing the report can use; {held}. The kit looks for an event log (CSV, "
            f"compressed CSV, Excel, XES or Parquet with case, activity and timestamp columns), "
            f"shadowing observations, perceptions (YAML, CSV, BPMN, PNML), frustrations, a usage "
            f"log and a roster" + ("; `shadowing inspect FOLDER` shows what each file is taken as."
                                   if hint else "."))
