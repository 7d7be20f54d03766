"""The perceived process: how a group says the work runs.

A perceived process is written down after a workshop (YAML), drawn as an edge list (CSV), or
modelled in a BPMN tool (bpmn.io, Camunda, Signavio) and exported as BPMN 2.0 XML. Every source
becomes one `PerceivedProcess`: the steps, the flows between them, where the work starts and
ends, perceived durations and aliases (what the log calls a step), plus a Petri net that says
exactly which sequences of steps the perception allows (`shadowing.model.perceived`).
`shadowing.analysis.compare.comparison.compare` holds it against the event log. The readers per
format: `perceived_yaml` (YAML and mappings), `perceived_csv` (edge lists), `bpmn`, `pnml`.

YAML schema (English keys; the Dutch ones in brackets are accepted too)::

    name: Order intake (manager)          # naam
    told_by: Sales manager                # verteld_door
    steps:                                # stappen: in the order they happen
      - Receive order
      - Check stock in ERP
      - Confirm
      - Ship
    flows:                                # stromen: optional; default: the steps in order
      - [Receive order, Check stock in ERP]
      - Check stock in ERP -> Confirm     # "A → B" or "A -> B" also works
    start: [Receive order]                # begin: optional; default: the first step
    end: [Ship]                           # einde: optional; default: the last step
    durations:                            # duur: per step or per flow
      Check stock in ERP: 2 min
      Confirm → Ship: 1 dag
    aliases:                              # aliassen: perceived step -> log activity name(s)
      Confirm: [Order confirmed, Bevestiging verstuurd]
    optional: [Check stock in ERP]        # optioneel: steps that may be skipped
    alternatives:                         # alternatieven: exactly one of these happens
      - [Ship, Pick up]
    scope: process                        # bereik: process (default; proces) or part (deel)

``scope: part`` says the perception describes only a segment of the process, from its start
steps to its end steps; `shadowing.analysis.compare.comparison.compare` then cuts every case to
that segment.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Mapping

from ..errors import InputError
from ..model.perceived import SCOPES, PerceivedProcess
from .bpmn import read_bpmn
from .perceived_build import parse_duration
from .perceived_csv import read_perceived_csv
from .perceived_yaml import perceived_from_mapping, read_perceived_yaml
from .pnml import read_pnml

__all__ = ["PerceivedProcess", "SCOPES", "read_perceived", "parse_duration"]


def read_perceived(source, *, name: str | None = None, told_by: str | None = None
                   ) -> PerceivedProcess:
    """Read a perceived process from YAML, a CSV edge list, BPMN 2.0 XML or PNML.

    Parameters
    ----------
    source : path, mapping or PerceivedProcess
        ``.yaml``/``.yml`` (the schema in this module's docstring), ``.csv``/``.xlsx`` edge
        list (columns ``from,to`` or ``van,naar``, optional ``duration``; write ``start`` /
        ``end`` in a cell for where the work begins and ends), ``.bpmn``/``.xml`` (BPMN 2.0 from
        bpmn.io, Camunda, Signavio: see `shadowing.io.bpmn` for what is read), ``.pnml`` (a
        Petri net, see `shadowing.io.pnml`), or a mapping with the YAML keys.
    name, told_by : str, optional
        Override (or supply) the perception's name and whose it is.

    Returns
    -------
    PerceivedProcess

    Raises
    ------
    InputError
        Invalid YAML (with its line), unknown keys (with a did-you-mean), flows or start/end
        steps that are not among the steps, unreadable durations, XML that is not BPMN, and
        any BPMN or PNML element the kit cannot interpret (named, with its id).

    Examples
    --------
    >>> p = read_perceived({"name": "Orders", "steps": ["Receive", "Check", "Ship"]})
    >>> p.flows
    (('Receive', 'Check'), ('Check', 'Ship'))
    """
    if isinstance(source, PerceivedProcess):
        changes = {k: v for k, v in (("name", name), ("told_by", told_by)) if v is not None}
        return replace(source, **changes) if changes else source
    if isinstance(source, Mapping):
        return perceived_from_mapping(source, source="dict", kind="dict", name=name,
                                      told_by=told_by, default_name="perceived process")
    path = Path(source)
    if not path.exists():
        raise InputError(f"{path}: file not found.", source=str(path))
    suffix = path.suffix.casefold()
    if suffix in (".yaml", ".yml"):
        return read_perceived_yaml(path, name=name, told_by=told_by)
    if suffix in (".bpmn", ".xml", ".bpmn2"):
        return read_bpmn(path, name=name, told_by=told_by)
    if suffix == ".pnml":
        return read_pnml(path, name=name, told_by=told_by)
    if suffix in (".csv", ".txt", ".tsv", ".xlsx", ".xls"):
        return read_perceived_csv(path, name=name, told_by=told_by)
    raise InputError(f"{path}: cannot tell the format from '{suffix}'; expected .yaml, .csv, "
                     ".xlsx, .bpmn or .pnml.", source=str(path))

