"""The perceived process: how a group says the work runs, as one canonical object.

Every reader (`shadowing.io.perceived.read_perceived`: YAML, CSV edge list, BPMN, PNML)
returns a `PerceivedProcess`: the steps, the flows between them, where the work starts and
ends, perceived durations, aliases (what the log calls a step), roles, plus a `Net` that says
exactly which sequences of steps the perception allows.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd

from ..i18n import duration
from .petri import Net, to_pm4py

__all__ = ["PerceivedProcess", "Gateway", "SCOPES", "with_bypasses", "flow_key_text"]

#: What a perception covers: the whole process, or a part of it (from its start to its end steps)
SCOPES = ("process", "part")

@dataclass(frozen=True)
class Gateway:
    """A BPMN gateway: ``kind`` is ``exclusive``, ``parallel`` or ``inclusive``."""

    id: str
    kind: str
    name: str
    incoming: tuple[str, ...]
    outgoing: tuple[str, ...]


@dataclass(frozen=True, repr=False)
class PerceivedProcess:
    """How a group says the work runs.

    Attributes
    ----------
    name, told_by : str
        What the perception is called and whose it is ("the manager", "the team").
    steps : tuple of str
        The steps, in the order they were told or drawn.
    flows : tuple of (str, str)
        The flows as told or drawn. For BPMN: step to step through gateways and events.
    start, end : tuple of str
        Where a case starts and ends.
    durations : dict
        Perceived durations: step -> Timedelta, or (from, to) -> Timedelta for a flow.
    aliases : dict
        Perceived step -> tuple of log activity names that mean the same step.
    optional : tuple of str
        Steps that may be skipped.
    alternatives : tuple of tuple of str
        Groups of steps of which exactly one happens.
    gateways : tuple of Gateway
        BPMN gateways (empty for YAML and CSV).
    source : str
        Where it was read from.
    kind : str
        ``yaml``, ``csv``, ``bpmn``, ``pnml`` or ``dict``.
    scope : str
        ``process`` (the perception claims the whole process) or ``part`` (it describes a
        segment, from its start steps to its end steps; work before and after is out of scope).
    net : Net
        The Petri net that says exactly which sequences of steps the perception allows (for
        PNML: the file's net, its ids as names).
    footprint : (frozenset, frozenset, frozenset)
        The net's directly-follows flows, start steps and end steps (see `allowed_flows`).
    roles : dict
        Step -> role, from BPMN lanes (or pools, in a collaboration).
    final_marking : tuple of str
        Names of the places of the final marking (PNML).
    final_marking_chosen : bool
        True when the file declares no final marking and the kit chose the sink place(s).
    replay_model : str
        The net token replay runs on: ``net`` (`net` itself) or ``pm4py_bpmn`` (pm4py's own
        Petri net of the BPMN file, ``pm4py.convert_to_petri_net(pm4py.read_bpmn(source))``,
        used when pm4py converts every element of the file).
    notes : tuple of str
        What the reader decided on its own (English), e.g. the final marking it chose.
    element_steps : dict
        BPMN element id -> the step it is (the label as the kit cleaned it).
    """

    name: str
    told_by: str | None
    steps: tuple[str, ...]
    flows: tuple[tuple[str, str], ...]
    start: tuple[str, ...]
    end: tuple[str, ...]
    durations: Mapping[Any, pd.Timedelta] = field(default_factory=dict)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    optional: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, ...], ...] = ()
    gateways: tuple[Gateway, ...] = ()
    source: str = "dict"
    kind: str = "dict"
    net: Net | None = field(default=None, compare=False)
    footprint: tuple = field(default=(frozenset(), frozenset(), frozenset()), compare=False)
    scope: str = "process"
    roles: Mapping[str, str] = field(default_factory=dict)
    final_marking: tuple[str, ...] = ()
    final_marking_chosen: bool = False
    replay_model: str = "net"
    notes: tuple[str, ...] = ()
    element_steps: Mapping[str, str] = field(default_factory=dict, compare=False)

    # -- derived ---------------------------------------------------------------------------
    @property
    def allowed_flows(self) -> frozenset:
        """Every step-to-step succession the perception allows: the drawn flows, bypasses of
        optional steps, and (BPMN) any interleaving of parallel branches."""
        return self.footprint[0]

    @property
    def allowed_start(self) -> frozenset:
        return self.footprint[1]

    @property
    def allowed_end(self) -> frozenset:
        return self.footprint[2]

    @property
    def has_parallel(self) -> bool:
        return any(g.kind in ("parallel", "inclusive") for g in self.gateways)

    def to_petri_net(self):
        """The perception as a pm4py accepting Petri net ``(net, initial_marking, final_marking)``.

        Transitions are labelled with the perceived step names; silent transitions carry no
        label. Feed it to ``pm4py.fitness_token_based_replay`` after renaming log activities
        to steps (see ``aliases``).
        """
        return to_pm4py(self.net)

    # -- display ---------------------------------------------------------------------------
    def __repr__(self) -> str:
        who = f" told by {self.told_by}" if self.told_by else ""
        part = ", a part of the process" if self.scope == "part" else ""
        return (f"PerceivedProcess({self.name!r}{who}: {len(self.steps)} steps, "
                f"{len(self.flows)} flows{part}, from {self.source})")

    def _repr_html_(self) -> str:
        e = html.escape
        rows = [("name", self.name), ("told by", self.told_by or "–"),
                ("steps", " · ".join(self.steps)),
                ("flows", "; ".join(f"{a} → {b}" for a, b in self.flows)),
                ("start", ", ".join(self.start)), ("end", ", ".join(self.end)),
                ("scope", self.scope)]
        if self.optional:
            rows.append(("optional", ", ".join(self.optional)))
        if self.alternatives:
            rows.append(("alternatives", "; ".join(" | ".join(g) for g in self.alternatives)))
        if self.aliases:
            rows.append(("aliases", "; ".join(f"{k} = {', '.join(v)}"
                                               for k, v in self.aliases.items())))
        if self.durations:
            rows.append(("durations", "; ".join(
                f"{flow_key_text(k)}: {_td_text(v)}" for k, v in self.durations.items())))
        if self.gateways:
            kinds = Counter(g.kind for g in self.gateways)
            rows.append(("gateways", ", ".join(f"{n} {k}" for k, n in kinds.items())))
        if self.roles:
            rows.append(("roles", "; ".join(f"{k}: {v}" for k, v in self.roles.items())))
        if self.final_marking:
            rows.append(("final marking", ", ".join(self.final_marking)
                         + (" (chosen: the file declares none)" if self.final_marking_chosen
                            else "")))
        rows.append(("source", self.source))
        body = "".join(f"<tr><th style='text-align:left'>{e(k)}</th>"
                       f"<td style='text-align:left'>{e(str(v))}</td></tr>" for k, v in rows)
        return f"<table class='shadowing-perceived'><caption>Perceived process</caption>{body}</table>"


def flow_key_text(k) -> str:
    return f"{k[0]} → {k[1]}" if isinstance(k, tuple) else str(k)


def _td_text(td: pd.Timedelta) -> str:
    return duration(td, "en")


def with_bypasses(flows, start, end, optional):
    """Add the flows that skip optional steps (repeatedly, so runs of optional steps work).

    Returns (allowed flows, start steps, end steps) as sets.
    """
    S, E = object(), object()
    edges = set(flows) | {(S, s) for s in start} | {(e, E) for e in end}
    for o in optional:
        preds = {a for a, b in edges if b == o and a != o}
        succs = {b for a, b in edges if a == o and b != o}
        edges |= {(p, s) for p in preds for s in succs if not (p is S and s is E)}
    allowed = {(a, b) for a, b in edges if a is not S and b is not E}
    return (allowed, {b for a, b in edges if a is S and b is not E},
            {a for a, b in edges if b is E and a is not S})
