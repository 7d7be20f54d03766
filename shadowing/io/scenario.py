"""A scenario folder's parameters (``scenario.yaml``) and its input files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from .folder import inspect_folder, load_yaml_mapping, used_files


DEFAULTS: dict[str, Any] = {
    "name": None,
    "language": "nl",
    "hourly_rate": None,   # no rate, no euros: the report shows hours
    "currency": "EUR",
    "team_size": None,
    "official_systems": [],
    "system": None,
    "go_live": None,
    "adoption_target": 0.9,
    "group_by": "team",
}


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
    """Read a client folder: ``scenario.yaml`` (optional) and what each file is taken as.

    Files are recognised by extension and content, whatever their names (see
    `shadowing.inspect_folder`); ``files:`` in ``scenario.yaml`` names them explicitly.

    Returns
    -------
    Scenario
        ``params`` (scenario.yaml over the defaults; no hourly rate unless given), ``files``
        (kind -> Path; a missing kind raises `InputError` naming what the folder holds),
        ``perceived`` (all perceptions), ``inspection`` (`inspect_folder`'s table).

    Raises
    ------
    InputError
        Not a folder; scenario.yaml not a mapping, not valid YAML, or with aliases.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; expected a folder with the client's data files.")
    params = dict(DEFAULTS)
    path = folder / "scenario.yaml"
    if path.exists():
        params.update(load_yaml_mapping(path))
    inspection = inspect_folder(folder, files=params.get("files") or {})
    found = used_files(inspection)
    perceived = found.pop("perceived")
    files = FolderFiles(found, folder=folder, inspection=inspection)
    return Scenario(folder=folder, params=params, files=files, perceived=perceived,
                    inspection=inspection)
