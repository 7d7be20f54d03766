"""A scenario folder's parameters (``scenario.yaml``) and its input files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError

#: File names looked for in a scenario folder, in order of preference.
INPUTS = {
    "eventlog": ["eventlog.csv", "eventlog.xlsx", "eventlog.xes", "eventlog.xes.gz", "eventlog.parquet"],
    "observations": ["observations.csv", "observations.xlsx"],
    "frustrations": ["frustrations.csv", "frustrations.xlsx"],
    "usage": ["usage.csv", "usage.xlsx"],
    "roster": ["roster.csv", "roster.xlsx"],
}

DEFAULTS: dict[str, Any] = {
    "name": None,
    "language": "nl",
    "hourly_rate": 45.0,
    "currency": "EUR",
    "team_size": None,
    "official_systems": [],
    "system": None,
    "go_live": None,
    "adoption_target": 0.9,
    "group_by": "team",
}


@dataclass(frozen=True)
class Scenario:
    folder: Path
    params: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)
    perceived: tuple = ()

    def __getitem__(self, key):
        return self.params[key]


#: what a perceived_* file in a client folder may be (read by ``read_perceived``)
PERCEIVED_SUFFIXES = (".yaml", ".yml", ".csv", ".tsv", ".txt", ".xlsx", ".bpmn", ".bpmn2", ".pnml")


def read_scenario(folder) -> Scenario:
    """Read ``scenario.yaml`` (optional) and find the input files in ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; expected a folder with the client's data files.")
    params = dict(DEFAULTS)
    path = folder / "scenario.yaml"
    if path.exists():
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"{path}: not valid YAML: {exc}", source=str(path)) from None
        if not isinstance(loaded, dict):
            raise InputError(f"{path}: expected a mapping of parameters, found {type(loaded).__name__}.",
                             source=str(path))
        params.update(loaded)
    files = {}
    for role, names in INPUTS.items():
        for name in names:
            if (folder / name).exists():
                files[role] = folder / name
                break
    perceived = tuple(sorted(p for p in folder.iterdir()
                             if p.name.startswith("perceived") and p.suffix.casefold() in PERCEIVED_SUFFIXES))
    return Scenario(folder=folder, params=params, files=files, perceived=perceived)
