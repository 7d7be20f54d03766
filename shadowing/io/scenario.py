"""A scenario folder's parameters (``scenario.yaml``) and its input files.

The parameters are validated like data, against `SCHEMA`: an unknown key is an error with a
"did you mean" (``hourly_rat: 90`` never silently leaves the report at the default rate), a
value of the wrong type or an impossible date is an error naming the key, the value and what is
expected, and a single text where a list is expected (``official_systems: ERP``) is a list of
one, never its letters. The same check applies to overrides (``run_report(..., hourly_rate=55)``,
``shadowing report -p hourly_rate 55``).

>>> validate_parameters({"official_systems": "ERP", "hourly_rate": "52,5"})["official_systems"]
['ERP']
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import yaml

from ..errors import InputError, ParameterError, did_you_mean
from . import yamlsafe
from .folder import inspect_folder, used_files

__all__ = ["read_scenario", "validate_parameters", "Scenario", "SCHEMA", "DEFAULTS", "FolderFiles"]



# -- the checks: each takes (value, key) and returns the clean value or raises _Bad ----------
class _Bad(Exception):
    """A value that does not fit; ``args[0]`` says what was expected."""


def _text(value, key):
    if value is None:
        return None
    if isinstance(value, (Mapping, list, tuple, set)) or isinstance(value, bool):
        raise _Bad("a text")
    text = str(value).strip()
    return text or None


def _text_list(value, key):
    if value is None:
        return []
    if isinstance(value, str):  # 'ERP' is [ERP], never ['E', 'R', 'P']
        parts = [p.strip() for p in value.split(",")] if "," in value else [value.strip()]
        return [p for p in parts if p]
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            if item is None or isinstance(item, (Mapping, list, tuple, bool)):
                raise _Bad("a list of names, e.g. [ERP, Excel]")
            if str(item).strip():
                out.append(str(item).strip())
        return out
    raise _Bad("a list of names, e.g. [ERP, Excel]")


def _number(low=None, high=None, *, low_open=False, what="a number"):
    def check(value, key):
        if value is None:
            return None
        if isinstance(value, bool):
            raise _Bad(what)
        if isinstance(value, str):
            text = value.strip().replace("€", "").replace(" ", "")
            if re.fullmatch(r"-?\d+,\d+", text):
                text = text.replace(",", ".")
            try:
                value = float(text)
            except ValueError:
                raise _Bad(what) from None
        if not isinstance(value, (int, float)):
            raise _Bad(what)
        value = float(value)
        if not math.isfinite(value) or (low is not None and (value <= low if low_open else value < low)) \
                or (high is not None and value > high):
            raise _Bad(what)
        return value
    return check


def _positive_int(value, key):
    if value is None:
        return None
    number = _number(0, 10_000_000, low_open=True, what="a whole number above 0")(value, key)
    if number != int(number):
        raise _Bad("a whole number above 0")
    return int(number)


def _share(value, key):
    if isinstance(value, str) and value.strip().endswith("%"):
        number = _number(0, 100, low_open=True, what="a share between 0 and 1, e.g. 0.9 or 90%")(
            value.strip()[:-1], key)
        return number / 100.0
    return _number(0, 1, low_open=True, what="a share between 0 and 1, e.g. 0.9 or 90%")(value, key)


def _one_date(value, key):
    what = "a date that exists, written YYYY-MM-DD (e.g. 2026-03-02)"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise _Bad(what) from None
    raise _Bad(what)


def _date_or_mapping(value, key):
    if value is None:
        return None
    if isinstance(value, Mapping):
        out = {}
        for group, day in value.items():
            try:
                out[str(group).strip()] = _one_date(day, key)
            except _Bad as bad:
                raise _Bad(f"for group {str(group)!r}: {bad.args[0]}") from None
        return out
    return _one_date(value, key)


def _choice(*choices):
    def check(value, key):
        if value is None:
            return None
        text = str(value).strip().casefold()
        if text not in choices:
            raise _Bad("one of " + ", ".join(repr(c) for c in choices)
                       + did_you_mean(text, choices).replace(" Did", "; did").rstrip("?"))
        return text
    return check


def _currency(value, key):
    if value is None:
        return "EUR"
    text = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise _Bad("a three-letter currency code such as EUR")
    return text


def _licences(value, key):
    if isinstance(value, Mapping):
        return {str(k): _positive_int(v, key) for k, v in value.items()}
    return _positive_int(value, key)


def _mapping(value, key):
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _Bad("a mapping of options (key: value lines)")
    return dict(value)


@dataclass(frozen=True)
class Param:
    """One scenario parameter: its default, its check, and a short description."""

    default: Any
    check: Callable[[Any, str], Any]
    doc: str


#: Every key ``scenario.yaml`` (and ``-p``) accepts. Add new report parameters here.
SCHEMA: dict[str, Param] = {
    "name": Param(None, _text, "the client's name, on the cover"),
    "language": Param("nl", _choice("nl", "en"), "language of the report"),
    "hourly_rate": Param(None, _number(0, 100_000, what="a number of euros per hour, e.g. 45"),
                         "cost of an hour of staff time"),
    "cost_of_delay": Param(None, _number(0, 10_000_000, what="a number of euros per case-day, e.g. 20"),
                           "cost of a case waiting one day"),
    "currency": Param("EUR", _currency, "currency code"),
    "team_size": Param(None, _positive_int, "people in the team"),
    "official_systems": Param([], _text_list, "systems the work should be done in"),
    "system": Param(None, _text, "the system whose adoption is followed"),
    "go_live": Param(None, _date_or_mapping, "go-live date, or a mapping group: date"),
    "adoption_target": Param(0.9, _share, "target share of active users"),
    "group_by": Param("team", _text, "roster column to group adoption by"),
    "eventlog_options": Param({}, _mapping, "extra options of read_event_log"),
    "licences": Param(None, _licences, "licences paid: a number, or a mapping system: number"),
    "files": Param({}, _mapping, "the input files by kind (eventlog: log.csv, perceived: [a.bpmn]); "
                                 "default: recognised by content"),
    # free documentation keys, kept but not used
    "description": Param(None, lambda v, k: v, "free text"),
    "notes": Param(None, lambda v, k: v, "free text"),
}

DEFAULTS: dict[str, Any] = {k: p.default for k, p in SCHEMA.items()
                            if k not in ("description", "notes", "cost_of_delay", "licences")}


def validate_parameters(params: Mapping, *, source: str | None = None,
                        error: type = ParameterError) -> dict:
    """Check report parameters against `SCHEMA`; a new dict of clean values.

    Parameters
    ----------
    params : mapping
        Keys and values as read from ``scenario.yaml`` or given as overrides.
    source : str, optional
        Where they come from (the file), for messages.
    error : exception class
        `InputError` for a file, `ParameterError` (default) for overrides.

    Raises
    ------
    InputError or ParameterError
        An unknown key (with a "did you mean"), or a value of the wrong type or range; the
        message names the key, the value found and what is expected.
    """
    where = f"{source}: " if source else ""
    out = {}
    for key, value in params.items():
        key = str(key)
        if key not in SCHEMA:
            hint = did_you_mean(key, SCHEMA)
            raise error(f"{where}{'the' if source else 'The'} report has no parameter '{key}' "
                        f"(given {value!r}).{hint} Parameters are: {', '.join(SCHEMA)}.",
                        **({"source": source} if error is InputError else {}))
        try:
            out[key] = SCHEMA[key].check(value, key)
        except _Bad as bad:
            raise error(f"{where}parameter '{key}' must be {bad.args[0]}. Got {value!r} instead.",
                        **({"source": source} if error is InputError else {})) from None
    return out


class FolderFiles(dict):
    """kind -> Path of the inputs found in a folder; a missing kind is a clear `InputError`
    that says what the folder holds (never a bare ``KeyError``)."""

    def __init__(self, files, *, folder: Path, inspection: pd.DataFrame | None = None):
        super().__init__(files)
        self.folder = folder
        self.inspection = inspection

    def __missing__(self, kind):
        what = {"eventlog": "event log (CSV, compressed CSV, Excel, XES or Parquet with case, "
                            "activity and timestamp columns)",
                "observations": "shadowing observations (activity, person, start/end or duration)",
                "frustrations": "frustrations (text and votes)",
                "usage": "usage log (user and timestamp)",
                "roster": "team roster (user and team)"}.get(kind, repr(kind))
        seen = ""
        if self.inspection is not None and len(self.inspection):
            seen = "; the folder holds: " + ", ".join(
                f"{r.file} ({r.kind or 'not used'})" for r in self.inspection.itertuples())
        raise InputError(f"{self.folder}: no {what} found{seen or ' no files'}. Add the file, or name "
                         f"it in scenario.yaml under 'files:'.", source=str(self.folder))


@dataclass(frozen=True)
class Scenario:
    """A client folder: its parameters, the input files found, and what each file was taken as."""

    folder: Path
    params: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)
    perceived: tuple = ()
    inspection: pd.DataFrame | None = field(default=None, compare=False)

    def __getitem__(self, key):
        return self.params[key]


def read_scenario(folder) -> Scenario:
    """Read ``scenario.yaml`` (optional), validate it, and find the input files in ``folder``.

    Files are recognised by extension and content, whatever their names (see
    `shadowing.inspect_folder`); ``files:`` in ``scenario.yaml`` names them explicitly. The
    result's ``files`` maps kind -> Path (a missing kind raises `InputError` naming what the
    folder holds), ``perceived`` holds every perception, ``inspection`` the folder's table.
    There is no default hourly rate: without one the report shows hours, not euros.

    Raises
    ------
    InputError
        Not a folder; ``scenario.yaml`` is not valid YAML, not a mapping, too large or an alias
        bomb; or a parameter is unknown or of the wrong type (see `validate_parameters`).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; expected a folder with the client's data files.")
    params = dict(DEFAULTS)
    path = folder / "scenario.yaml"
    if path.exists():
        try:
            loaded = yamlsafe.load(path.read_bytes(), source=str(path)) or {}
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8.",
                             source=str(path)) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" line {mark.line + 1}:" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise InputError(f"{path}:{line} not valid YAML: {problem}.", source=str(path)) from None
        if not isinstance(loaded, dict):
            raise InputError(f"{path}: expected a mapping of parameters (key: value lines), "
                             f"found {type(loaded).__name__}.", source=str(path))
        params.update(validate_parameters(loaded, source=str(path), error=InputError))
    inspection = inspect_folder(folder, files=params.get("files") or {})
    found = used_files(inspection)
    perceived = found.pop("perceived")
    files = FolderFiles(found, folder=folder, inspection=inspection)
    return Scenario(folder=folder, params=params, files=files, perceived=perceived,
                    inspection=inspection)
