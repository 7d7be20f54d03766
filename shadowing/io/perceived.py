"""The perceived process: how a group says the work runs.

A perceived process is written down after a workshop (YAML), drawn as an edge list (CSV), or
modelled in a BPMN tool (bpmn.io, Camunda, Signavio) and exported as BPMN 2.0 XML. Every source
becomes one `PerceivedProcess`: the steps, the flows between them, where the work starts and
ends, perceived durations and aliases (what the log calls a step), plus a Petri net that says
exactly which sequences of steps the perception allows. `shadowing.analysis.compare.comparison.compare` holds
it against the event log.

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
steps to its end steps; `shadowing.analysis.compare.comparison.compare` then cuts every case to that segment.
"""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as ET
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from . import yamlsafe
from ..errors import InputError, did_you_mean

log = logging.getLogger(__name__)

__all__ = ["PerceivedProcess", "read_perceived", "parse_duration"]

ARROWS = ("→", "->", "=>")

#: What a perception covers: the whole process, or a part of it (from its start to its end steps)
SCOPES = ("process", "part")
_SCOPE_WORDS = {"process": "process", "proces": "process", "whole": "process",
                "geheel": "process", "part": "part", "deel": "part", "segment": "part"}

# -- durations -----------------------------------------------------------------------------

_UNIT_SECONDS = {}
for _names, _sec in (
    (("s", "sec", "secs", "second", "seconds", "seconde", "seconden"), 1),
    (("m", "min", "mins", "minute", "minutes", "minuut", "minuten", "mn"), 60),
    (("h", "hr", "hrs", "hour", "hours", "u", "uur", "uren"), 3600),
    (("d", "day", "days", "dag", "dagen", "werkdag", "werkdagen", "workday", "workdays"), 86400),
    (("w", "wk", "wks", "week", "weeks", "weken"), 604800),
):
    for _n in _names:
        _UNIT_SECONDS[_n] = _sec

_NUM = r"(\d+(?:[.,]\d+)?)"
_PART = re.compile(_NUM + r"\s*([a-z]+)\.?")
_HOURS_MINUTES = re.compile(r"^(\d+)\s*[uh]\s*(\d{1,2})$")   # 1u30, 1h30
_CLOCK = re.compile(r"^(\d+):(\d{2})(?::(\d{2}))?$")          # 01:30 or 00:05:00


def parse_duration(text: Any) -> pd.Timedelta:
    """Read a duration as people write it: ``2 min``, ``1 day``, ``1u30``, ``3 uur``, ``2 dagen``.

    A bare number is read as minutes; ``1:30`` as hours and minutes, ``00:05:00`` as
    ``h:mm:ss``; parts add up (``1 dag 2 uur``). Raises `ValueError` with what was expected.

    >>> parse_duration("1u30")
    Timedelta('0 days 01:30:00')
    >>> parse_duration("2 dagen")
    Timedelta('2 days 00:00:00')
    """
    if isinstance(text, pd.Timedelta):
        return text
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return pd.Timedelta(minutes=float(text))
    s = str(text).strip().casefold()
    if not s:
        raise ValueError("empty duration")
    if re.fullmatch(_NUM, s):
        return pd.Timedelta(minutes=float(s.replace(",", ".")))
    m = _HOURS_MINUTES.match(s)
    if m:
        return pd.Timedelta(hours=int(m.group(1)), minutes=int(m.group(2)))
    m = _CLOCK.match(s)
    if m:
        return pd.Timedelta(hours=int(m.group(1)), minutes=int(m.group(2)),
                            seconds=int(m.group(3) or 0))
    s2 = re.sub(r"\b(and|en)\b|,(?!\d)", " ", s)
    pos, total, found = 0, 0.0, False
    for part in _PART.finditer(s2):
        if s2[pos:part.start()].strip():
            break
        unit = part.group(2)
        if unit not in _UNIT_SECONDS:
            raise ValueError(f"unknown unit '{unit}' in duration '{text}'; expected one of "
                             "s, min, h/u/uur, d/dag/dagen, w/week")
        total += float(part.group(1).replace(",", ".")) * _UNIT_SECONDS[unit]
        pos, found = part.end(), True
    if not found or s2[pos:].strip():
        raise ValueError(f"cannot read duration '{text}'; expected e.g. '2 min', '1u30', "
                         "'3 uur', '1 day', '2 dagen' or '00:05:00'")
    return pd.Timedelta(seconds=total)


# -- the Petri net every perception compiles to ------------------------------------------------

@dataclass(frozen=True)
class _Transition:
    name: str
    label: str | None          # None: silent
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class _Net:
    """A small labelled Petri net; markings are sorted tuples of place indices (multisets).

    Enabled transitions and silent closures are memoised per marking, so deciding many
    variants against one net costs little more than deciding the distinct prefixes.
    """

    places: tuple[str, ...]
    transitions: tuple[_Transition, ...]
    initial: tuple[int, ...]
    final: tuple[int, ...]
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        consumers: dict[int, list[int]] = {}
        needs = []
        for i, t in enumerate(self.transitions):
            need = tuple(Counter(t.inputs).items())
            needs.append(need)
            for p in {p for p, _ in need}:
                consumers.setdefault(p, []).append(i)
        self._memo["needs"] = needs
        self._memo["consumers"] = consumers
        self._memo["free"] = [i for i, t in enumerate(self.transitions) if not t.inputs]
        self._memo["enabled"] = {}
        self._memo["closure"] = {}

    def enabled(self, marking: tuple[int, ...]) -> list[int]:
        cache = self._memo["enabled"]
        out = cache.get(marking)
        if out is not None:
            return out
        have = Counter(marking)
        needs, consumers = self._memo["needs"], self._memo["consumers"]
        cand = set(self._memo["free"])
        for p in have:
            cand.update(consumers.get(p, ()))
        out = sorted(i for i in cand if all(have[p] >= k for p, k in needs[i]))
        cache[marking] = out
        return out

    def fire(self, marking: tuple[int, ...], i: int) -> tuple[int, ...]:
        t = self.transitions[i]
        m = list(marking)
        for p in t.inputs:
            m.remove(p)
        m.extend(t.outputs)
        return tuple(sorted(m))

    def closure_one(self, marking: tuple[int, ...], *, limit: int = 20000,
                    max_tokens: int = 64) -> frozenset:
        """All markings reachable from ``marking`` through silent transitions."""
        cache = self._memo["closure"]
        out = cache.get(marking)
        if out is not None:
            return out
        seen = {marking}
        todo = deque(seen)
        while todo:
            m = todo.popleft()
            for i in self.enabled(m):
                if self.transitions[i].label is not None:
                    continue
                m2 = self.fire(m, i)
                if m2 not in seen:
                    if len(seen) >= limit or len(m2) > max_tokens:
                        raise InputError(
                            "The perceived process has no bound on its tokens (a parallel split "
                            "without a join inside a loop?); cannot decide which paths it "
                            "allows.")
                    seen.add(m2)
                    todo.append(m2)
        out = frozenset(seen)
        cache[marking] = out
        return out

    def closure(self, markings: Iterable[tuple[int, ...]]) -> frozenset:
        out: set = set()
        for m in markings:
            if m not in out:
                out |= self.closure_one(m)
        return frozenset(out)

    def step(self, state: frozenset, label: str) -> frozenset:
        """The closed set of markings after ``label`` fires from any marking in ``state``."""
        nxt = set()
        for m in state:
            for i in self.enabled(m):
                if self.transitions[i].label == label:
                    nxt.add(self.fire(m, i))
        return self.closure(nxt) if nxt else frozenset()

    def accepts(self, state: frozenset) -> bool:
        return self.final in state

    def footprint(self, *, limit: int = 20000):
        """(starts, ends, directly-follows pairs) of the net's language, or None if too large."""
        init = self.closure([self.initial])
        follows, ends = set(), set()
        seen: set[tuple[int, ...]] = set(init)
        todo = deque(init)
        after: dict[tuple[int, ...], set] = {}
        while todo:
            m = todo.popleft()
            for i in self.enabled(m):
                t = self.transitions[i]
                m2 = self.fire(m, i)
                if t.label is not None:
                    after.setdefault(m2, set()).add(t.label)
                if m2 not in seen:
                    if len(seen) >= limit:
                        return None
                    seen.add(m2)
                    todo.append(m2)
        starts = {self.transitions[i].label for m in init for i in self.enabled(m)
                  if self.transitions[i].label is not None}
        for m2, labels in after.items():
            cl = self.closure_one(m2)
            nxt = {self.transitions[i].label for mm in cl for i in self.enabled(mm)
                   if self.transitions[i].label is not None}
            for a in labels:
                follows |= {(a, b) for b in nxt}
                if self.final in cl:
                    ends.add(a)
        return starts, ends, follows


def _reduce(net: _Net) -> _Net:
    """Remove silent one-in-one-out transitions that only move a token along (same language).

    Rule 1: a silent ``p -> q`` that is ``p``'s only consumer: ``p`` merges into ``q``.
    Rule 2: a silent ``p -> q`` that is ``q``'s only producer: ``q`` merges into ``p``.
    Smaller nets make pm4py's token replay (which searches silent paths) much faster.
    """
    trans = [(t.name, t.label, list(t.inputs), list(t.outputs)) for t in net.transitions]
    initial, final = list(net.initial), list(net.final)
    changed = True
    while changed:
        changed = False
        for idx, (_, label, ins, outs) in enumerate(trans):
            if label is not None or len(ins) != 1 or len(outs) != 1:
                continue
            p, q = ins[0], outs[0]
            if p == q:
                del trans[idx]
                changed = True
                break
            cons_p = [i for i, t in enumerate(trans) if p in t[2]]
            prod_q = [i for i, t in enumerate(trans) if q in t[3]]
            if cons_p == [idx] and p not in final:
                del trans[idx]
                for t in trans:
                    t[3][:] = [q if x == p else x for x in t[3]]
                initial = [q if x == p else x for x in initial]
                changed = True
                break
            if prod_q == [idx] and q not in initial and q not in final:
                del trans[idx]
                for t in trans:
                    t[2][:] = [p if x == q else x for x in t[2]]
                changed = True
                break
    used = sorted({x for t in trans for x in t[2] + t[3]} | set(initial) | set(final))
    new = {old: i for i, old in enumerate(used)}
    return _Net(tuple(net.places[i] for i in used),
                tuple(_Transition(n, lbl, tuple(new[x] for x in ins), tuple(new[x] for x in outs))
                      for n, lbl, ins, outs in trans),
                tuple(sorted(new[x] for x in initial)), tuple(sorted(new[x] for x in final)))


def _graph_net(steps: Sequence[str], flows: Iterable[tuple[str, str]], start: Iterable[str],
               end: Iterable[str]) -> _Net:
    """The exact net of a directly-follows graph: a case is a path from a start to an end step.

    One visible transition per step (``before_b -> after_b``), one silent transition per flow
    (``after_a -> before_b``), silent entries from ``source`` and exits to ``sink``.
    """
    places = ["source", "sink"]
    before, after = {}, {}
    for s in steps:
        before[s] = len(places)
        places.append(f"before {s}")
        after[s] = len(places)
        places.append(f"after {s}")
    trans = [_Transition(s, s, (before[s],), (after[s],)) for s in steps]
    trans += [_Transition(f"{a} → {b}", None, (after[a],), (before[b],)) for a, b in flows]
    trans += [_Transition(f"start → {s}", None, (0,), (before[s],)) for s in start]
    trans += [_Transition(f"{e} → end", None, (after[e],), (1,)) for e in end]
    return _reduce(_Net(tuple(places), tuple(trans), (0,), (1,)))


# -- the perceived process -------------------------------------------------------------------

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
    net: _Net | None = field(default=None, compare=False)
    _allowed: tuple = field(default=(), compare=False)
    scope: str = "process"

    # -- derived ---------------------------------------------------------------------------
    @property
    def allowed_flows(self) -> frozenset:
        """Every step-to-step succession the perception allows: the drawn flows, bypasses of
        optional steps, and (BPMN) any interleaving of parallel branches."""
        return self._allowed[0]

    @property
    def allowed_start(self) -> frozenset:
        return self._allowed[1]

    @property
    def allowed_end(self) -> frozenset:
        return self._allowed[2]

    @property
    def has_parallel(self) -> bool:
        return any(g.kind in ("parallel", "inclusive") for g in self.gateways)

    def to_petri_net(self):
        """The perception as a pm4py accepting Petri net ``(net, initial_marking, final_marking)``.

        Transitions are labelled with the perceived step names; silent transitions carry no
        label. Feed it to ``pm4py.fitness_token_based_replay`` after renaming log activities
        to steps (see ``aliases``).
        """
        return _to_pm4py(self.net)

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
                f"{_key_text(k)}: {_td_text(v)}" for k, v in self.durations.items())))
        if self.gateways:
            kinds = Counter(g.kind for g in self.gateways)
            rows.append(("gateways", ", ".join(f"{n} {k}" for k, n in kinds.items())))
        rows.append(("source", self.source))
        body = "".join(f"<tr><th style='text-align:left'>{e(k)}</th>"
                       f"<td style='text-align:left'>{e(str(v))}</td></tr>" for k, v in rows)
        return f"<table class='shadowing-perceived'><caption>Perceived process</caption>{body}</table>"


def _key_text(k) -> str:
    return f"{k[0]} → {k[1]}" if isinstance(k, tuple) else str(k)


def _td_text(td: pd.Timedelta) -> str:
    from ..i18n import duration  # noqa: PLC0415

    return duration(td, "en")


def _to_pm4py(net: _Net):
    from .._pm4py import submodule  # noqa: PLC0415

    obj = submodule("pm4py.objects.petri_net.obj")
    Marking, PetriNet = obj.Marking, obj.PetriNet
    petri_utils = submodule("pm4py.objects.petri_net.utils.petri_utils")

    pn = PetriNet("perceived")
    places = []
    for i, name in enumerate(net.places):
        p = PetriNet.Place(f"p{i}_{name}")
        pn.places.add(p)
        places.append(p)
    for i, t in enumerate(net.transitions):
        tr = PetriNet.Transition(f"t{i}", t.label)
        pn.transitions.add(tr)
        for p, k in Counter(t.inputs).items():
            petri_utils.add_arc_from_to(places[p], tr, pn, weight=k)
        for p, k in Counter(t.outputs).items():
            petri_utils.add_arc_from_to(tr, places[p], pn, weight=k)
    im = Marking({places[p]: k for p, k in Counter(net.initial).items()})
    fm = Marking({places[p]: k for p, k in Counter(net.final).items()})
    return pn, im, fm


# -- building from steps and flows ------------------------------------------------------------

def _norm(label: Any) -> str:
    """The same cleaning the event-log reader applies to labels: strip, collapse spaces."""
    return re.sub(r"\s+", " ", str(label)).strip()


def build_perceived(*, name: str, told_by: str | None, steps: Sequence[str],
                    flows: Sequence[tuple[str, str]] | None = None,
                    start: Sequence[str] | None = None, end: Sequence[str] | None = None,
                    durations: Mapping | None = None, aliases: Mapping | None = None,
                    optional: Sequence[str] = (), alternatives: Sequence[Sequence[str]] = (),
                    source: str = "dict", kind: str = "dict",
                    where: Mapping[str, str] | None = None, scope: Any = None
                    ) -> PerceivedProcess:
    """Check and assemble a graph-like perception (YAML, CSV, dict).

    ``where`` maps a part ("flows", "start", ...) to a location text for error messages.
    """
    where = where or {}

    def fail(part: str, msg: str):
        loc = where.get(part, "")
        raise InputError(f"{source}{loc}: {msg}", source=source)

    steps = [_norm(s) for s in steps]
    if not steps:
        fail("steps", "the perceived process has no steps; expected a list under 'steps'")
    dup = [s for s, n in Counter(steps).items() if n > 1]
    if dup:
        fail("steps", f"step '{dup[0]}' is listed twice under 'steps'; each step once, please "
                      "(add flows to say it can happen again)")
    known = set(steps)

    def check(part: str, s: Any) -> str:
        s = _norm(s)
        if s not in known:
            fail(part, f"'{part}' names '{s}', which is not one of the steps."
                       + did_you_mean(s, steps) + f" Steps are: {', '.join(steps)}.")
        return s

    scope = _scope(scope, fail)
    optional = tuple(dict.fromkeys(check("optional", s) for s in optional))
    groups = tuple(tuple(check("alternatives", s) for s in g) for g in alternatives)
    for g in groups:
        if len(g) < 2:
            fail("alternatives", f"an alternatives group needs two or more steps; found {list(g)}")
    if flows is None:
        flows = _default_flows(steps, groups)
    else:
        flows = [(check("flows", a), check("flows", b)) for a, b in flows]
    flows = tuple(dict.fromkeys(flows))
    if start is None:
        start = _first_block(steps, groups)
    start = tuple(dict.fromkeys(check("start", s) for s in start))
    if end is None:
        end = _last_block(steps, groups)
    end = tuple(dict.fromkeys(check("end", s) for s in end))

    durs: dict = {}
    for k, v in (durations or {}).items():
        key = _duration_key(k, check)
        try:
            durs[key] = parse_duration(v)
        except ValueError as exc:
            fail("durations", f"duration of '{_key_text(key)}': {exc}")
    als: dict[str, tuple[str, ...]] = {}
    for k, v in (aliases or {}).items():
        k = check("aliases", k)
        vals = [v] if isinstance(v, str) else list(v or [])
        als[k] = tuple(dict.fromkeys(_norm(x) for x in vals if _norm(x)))

    allowed, a_start, a_end = _with_bypasses(flows, start, end, optional)
    net = _graph_net(steps, sorted(allowed), sorted(a_start), sorted(a_end))
    return PerceivedProcess(
        name=str(name), told_by=None if told_by is None else str(told_by), steps=tuple(steps),
        flows=flows, start=start, end=end, durations=durs, aliases=als, optional=optional,
        alternatives=groups, source=source, kind=kind, net=net,
        _allowed=(frozenset(allowed), frozenset(a_start), frozenset(a_end)), scope=scope)


def _scope(value: Any, fail) -> str:
    """``process`` or ``part`` from what a YAML file says (Dutch ``proces``/``deel`` too)."""
    if value is None:
        return "process"
    key = str(value).strip().casefold() if isinstance(value, str) else None
    if key in _SCOPE_WORDS:
        return _SCOPE_WORDS[key]
    fail("scope", f"'scope' must be 'process' (the whole process, the default) or 'part' (a "
                  f"part of it, from its start to its end steps; Dutch: 'proces', 'deel'); found "
                  f"{value!r}." + (did_you_mean(key, list(_SCOPE_WORDS)) if key else ""))


def _duration_key(k, check):
    if isinstance(k, (list, tuple)) and len(k) == 2:
        return (check("durations", k[0]), check("durations", k[1]))
    text = str(k)
    for arrow in ARROWS:
        if arrow in text:
            a, b = text.split(arrow, 1)
            return (check("durations", a), check("durations", b))
    return check("durations", text)


def _blocks(steps, groups):
    """Steps in order, with each alternatives group collapsed into one block."""
    group_of = {s: g for g in groups for s in g}
    blocks, done = [], set()
    for s in steps:
        if s in done:
            continue
        g = group_of.get(s, (s,))
        blocks.append(g)
        done.update(g)
    return blocks


def _default_flows(steps, groups):
    blocks = _blocks(steps, groups)
    return [(a, b) for x, y in zip(blocks, blocks[1:]) for a in x for b in y]


def _first_block(steps, groups):
    return list(_blocks(steps, groups)[0])


def _last_block(steps, groups):
    return list(_blocks(steps, groups)[-1])


def _with_bypasses(flows, start, end, optional):
    """Add the flows that skip optional steps (repeatedly, so runs of optional steps work)."""
    S, E = object(), object()
    edges = set(flows) | {(S, s) for s in start} | {(e, E) for e in end}
    for o in optional:
        preds = {a for a, b in edges if b == o and a != o}
        succs = {b for a, b in edges if a == o and b != o}
        edges |= {(p, s) for p in preds for s in succs if not (p is S and s is E)}
    allowed = {(a, b) for a, b in edges if a is not S and b is not E}
    return (allowed, {b for a, b in edges if a is S and b is not E},
            {a for a, b in edges if b is E and a is not S})


# -- YAML -------------------------------------------------------------------------------------

_YAML_KEYS = {
    "name": "name", "naam": "name", "told_by": "told_by", "verteld_door": "told_by",
    "door": "told_by", "steps": "steps", "stappen": "steps", "flows": "flows",
    "stromen": "flows", "pijlen": "flows", "start": "start", "begin": "start", "end": "end",
    "einde": "end", "eind": "end", "durations": "durations", "duur": "durations",
    "doorlooptijden": "durations", "aliases": "aliases", "aliassen": "aliases",
    "optional": "optional", "optioneel": "optional", "alternatives": "alternatives",
    "alternatieven": "alternatives", "scope": "scope", "bereik": "scope", "omvang": "scope",
    "description": None, "beschrijving": None, "notes": None,
    "notities": None, "opmerkingen": None, "date": None, "datum": None, "workshop": None,
}


def _read_yaml(path: Path, *, name, told_by) -> PerceivedProcess:
    import yaml  # noqa: PLC0415

    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")
    try:
        data = yamlsafe.load(text, source=source)  # alias bombs and size refused
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{source}:{line}: not valid YAML: {exc.problem or exc}. Check the "
                         "indentation and that lists start with '- '.", source=source) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{source}: not valid YAML: {exc}", source=source) from None
    lines = _yaml_key_lines(text)
    return _from_mapping(data, source=source, kind="yaml", name=name, told_by=told_by,
                         default_name=path.stem, lines=lines)


def _yaml_key_lines(text: str) -> dict[str, int]:
    out = {}
    for i, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^([A-Za-z_]+)\s*:", line)
        if m:
            out.setdefault(m.group(1), i)
    return out


def _from_mapping(data, *, source, kind, name, told_by, default_name, lines=None):
    lines = lines or {}
    if not isinstance(data, Mapping):
        raise InputError(f"{source}: expected a mapping with 'name', 'told_by' and 'steps' at the "
                         f"top; found {type(data).__name__}.", source=source)
    parts: dict[str, Any] = {}
    where: dict[str, str] = {}
    for key, value in data.items():
        k = str(key).strip().casefold()
        if k not in _YAML_KEYS:
            english = sorted({x for x in _YAML_KEYS if x.isascii() and _YAML_KEYS[x] == x})
            at = f" (line {lines[str(key)]})" if str(key) in lines else ""
            raise InputError(f"{source}{at}: unknown key '{key}'."
                             + did_you_mean(k, list(_YAML_KEYS)) +
                             f" Known keys: {', '.join(english)}.", source=source)
        canon = _YAML_KEYS[k]
        if canon is None:
            continue
        if canon in parts:
            raise InputError(f"{source}: '{key}' given twice (as '{canon}').", source=source)
        parts[canon] = value
        if str(key) in lines:
            where[canon] = f" (line {lines[str(key)]}, '{key}')"
        else:
            where[canon] = f" ('{key}')"
    if "steps" not in parts:
        raise InputError(f"{source}: no 'steps'; expected a list of the steps in order, e.g. "
                         "steps: [Receive order, Check stock, Confirm].", source=source)

    def as_list(part, value, what):
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, (list, tuple)):
            raise InputError(f"{source}{where.get(part, '')}: expected a list of {what}; found "
                             f"{value!r}.", source=source)
        return list(value)

    steps, aliases, durations, optional = [], dict(parts.get("aliases") or {}), \
        dict(parts.get("durations") or {}), list(as_list("optional", parts.get("optional"), "steps"))
    for item in as_list("steps", parts["steps"], "steps"):
        if isinstance(item, Mapping):   # - {name: X, duration: 2 min, aliases: [...], optional: true}
            if "name" not in item:
                raise InputError(f"{source}{where.get('steps', '')}: a step written as a mapping "
                                 f"needs a 'name'; found {dict(item)}.", source=source)
            s = _norm(item["name"])
            if item.get("duration") is not None:
                durations[s] = item["duration"]
            if item.get("aliases") or item.get("alias"):
                aliases[s] = item.get("aliases") or item.get("alias")
            if item.get("optional"):
                optional.append(s)
            steps.append(s)
        elif item is None or isinstance(item, (list, tuple)):
            raise InputError(f"{source}{where.get('steps', '')}: each step is a name; found "
                             f"{item!r}.", source=source)
        else:
            steps.append(_norm(item))
    flows = None
    if "flows" in parts and parts["flows"] is not None:
        flows = []
        for f in as_list("flows", parts["flows"], "flows"):
            flows.append(_flow_pair(f, source=source, where=where.get("flows", "")))
    alternatives = [as_list("alternatives", g, "steps")
                    for g in as_list("alternatives", parts.get("alternatives"), "step groups")]
    start = as_list("start", parts["start"], "steps") if parts.get("start") is not None else None
    end = as_list("end", parts["end"], "steps") if parts.get("end") is not None else None
    if not isinstance(durations, Mapping) or not isinstance(aliases, Mapping):
        raise InputError(f"{source}: 'durations' and 'aliases' must be mappings "
                         "(step: value).", source=source)
    return build_perceived(
        name=name or parts.get("name") or default_name,
        told_by=told_by if told_by is not None else parts.get("told_by"),
        steps=steps, flows=flows, start=start, end=end, durations=durations, aliases=aliases,
        optional=optional, alternatives=alternatives, source=source, kind=kind, where=where,
        scope=parts.get("scope"))


def _flow_pair(f, *, source, where):
    if isinstance(f, (list, tuple)) and len(f) == 2:
        return (_norm(f[0]), _norm(f[1]))
    if isinstance(f, Mapping) and len(f) == 1:   # YAML "- A: B"
        (a, b), = f.items()
        return (_norm(a), _norm(b))
    if isinstance(f, str):
        for arrow in ARROWS:
            if arrow in f:
                a, b = f.split(arrow, 1)
                return (_norm(a), _norm(b))
    raise InputError(f"{source}{where}: each flow is [from, to] or 'from → to'; found {f!r}.",
                     source=source)


# -- CSV edge list ----------------------------------------------------------------------------

_FROM = ("from", "van", "source", "bron", "vanaf", "from step", "van stap")
_TO = ("to", "naar", "target", "doel", "to step", "naar stap")
_DUR = ("duration", "duur", "tijd", "doorlooptijd", "wachttijd", "waiting")
_START_WORDS = {"start", "begin", "(start)", "[start]"}
_END_WORDS = {"end", "einde", "eind", "stop", "(end)", "[end]"}


def _read_csv(source, *, name, told_by) -> PerceivedProcess:
    from .tabular import read_table  # noqa: PLC0415

    table = read_table(source, what="perceived process")
    cols = {c.strip().casefold(): c for c in table.columns}
    src_name = table.source

    def find(options, role):
        for o in options:
            if o in cols:
                return cols[o]
        raise InputError(
            f"{src_name}: no '{role}' column; expected one of {', '.join(options[:4])}; columns "
            f"are: {', '.join(table.columns)}." + did_you_mean(role, table.columns),
            source=src_name)

    c_from, c_to = find(_FROM, "from"), find(_TO, "to")
    c_dur = next((cols[o] for o in _DUR if o in cols), None)
    steps, flows, start, end, durations = [], [], [], [], {}
    froms, tos = table.frame[c_from].tolist(), table.frame[c_to].tolist()
    durs = table.frame[c_dur].tolist() if c_dur is not None else [""] * len(froms)
    for i, (a, b, d) in enumerate(zip(froms, tos, durs)):
        line = int(table.lines[i])
        a, b = _norm(a if a is not None else ""), _norm(b if b is not None else "")
        if not a and not b:
            continue
        if not a or not b:
            raise InputError(f"{src_name}: line {line}: a flow needs both '{c_from}' and "
                             f"'{c_to}'; found '{a}' → '{b}'. Write 'start' or 'end' for where the "
                             "work begins or ends.", source=src_name)
        a_start, b_end = a.casefold() in _START_WORDS, b.casefold() in _END_WORDS
        for s, special in ((a, a_start), (b, b_end)):
            if not special and s not in steps:
                steps.append(s)
        if a_start and not b_end:
            start.append(b)
        elif b_end and not a_start:
            end.append(a)
        elif not a_start and not b_end:
            flows.append((a, b))
            d = _norm(d if d is not None else "")
            if d:
                try:
                    durations[(a, b)] = parse_duration(d)
                except ValueError as exc:
                    raise InputError(f"{src_name}: line {line}, column '{c_dur}': {exc}",
                                     source=src_name) from None
    if not steps:
        raise InputError(f"{src_name}: the edge list has no flows.", source=src_name)
    if not start:
        has_in = {b for _, b in flows}
        start = [s for s in steps if s not in has_in] or [steps[0]]
    if not end:
        has_out = {a for a, _ in flows}
        end = [s for s in steps if s not in has_out] or [steps[-1]]
    p = build_perceived(name=name or Path(src_name).stem, told_by=told_by, steps=steps,
                        flows=flows, start=start, end=end, source=src_name, kind="csv")
    return _with_durations(p, durations)


def _with_durations(p: PerceivedProcess, durations: Mapping) -> PerceivedProcess:
    if not durations:
        return p
    from dataclasses import replace  # noqa: PLC0415

    return replace(p, durations={**p.durations, **durations})


# -- BPMN -------------------------------------------------------------------------------------

_TASKS = {"task", "usertask", "servicetask", "manualtask", "scripttask", "businessruletask",
          "sendtask", "receivetask", "callactivity", "subprocess", "transaction",
          "adhocsubprocess"}
_GATEWAYS = {"exclusivegateway": "exclusive", "parallelgateway": "parallel",
             "inclusivegateway": "inclusive", "eventbasedgateway": "exclusive",
             "complexgateway": "inclusive"}
_EVENTS = {"startevent", "endevent", "intermediatecatchevent", "intermediatethrowevent",
           "boundaryevent"}


def _local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1].casefold()


def _read_bpmn(path: Path, *, name, told_by) -> PerceivedProcess:
    source = str(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise InputError(f"{source}: line {line}: not valid XML ({exc}); expected BPMN 2.0 as "
                         "exported by bpmn.io, Camunda or Signavio.", source=source) from None
    if _local(root.tag) != "definitions":
        raise InputError(f"{source}: not BPMN 2.0: the root element is <{_local(root.tag)}>, "
                         "expected <definitions>.", source=source)
    processes = [el for el in root.iter() if _local(el.tag) == "process"]
    if not processes:
        raise InputError(f"{source}: no <process> element; is this a BPMN diagram without a "
                         "process model?", source=source)
    nodes: dict[str, tuple[str, str]] = {}     # id -> (kind, label)
    flows: list[tuple[str, str, str]] = []      # (id, source, target)
    attached: dict[str, str] = {}
    proc_names = []
    for proc in processes:
        if proc.get("name"):
            proc_names.append(_norm(proc.get("name")))
        for el in proc.iter():
            t = _local(el.tag)
            eid = el.get("id")
            if t in _TASKS and eid:
                label = _norm(el.get("name") or "") or eid
                nodes[eid] = ("task", label)
                if t in ("subprocess", "transaction", "adhocsubprocess"):
                    # an expanded sub-process: its content is not modelled (treated as one step)
                    pass
            elif t in _GATEWAYS and eid:
                nodes[eid] = (_GATEWAYS[t], _norm(el.get("name") or ""))
            elif t in _EVENTS and eid:
                nodes[eid] = (t, _norm(el.get("name") or ""))
                if t == "boundaryevent" and el.get("attachedToRef"):
                    attached[eid] = el.get("attachedToRef")
            elif t == "sequenceflow":
                flows.append((eid or f"flow{len(flows)}", el.get("sourceRef"), el.get("targetRef")))
    # nodes inside expanded sub-processes belong to the sub-process: drop them
    for proc in processes:
        for el in proc.iter():
            if _local(el.tag) in ("subprocess", "transaction", "adhocsubprocess"):
                for child in el.iter():
                    if child is not el and child.get("id") in nodes:
                        nodes.pop(child.get("id"))
    flows = [f for f in flows if f[1] in nodes and f[2] in nodes]
    for ev, task in attached.items():     # a boundary event leaves its task: treat as after it
        if task in nodes:
            flows.append((f"boundary {ev}", task, ev))
    if not any(k == "task" for k, _ in nodes.values()):
        raise InputError(f"{source}: the BPMN model has no tasks.", source=source)
    return _bpmn_to_perceived(nodes, flows, source=source,
                              name=name or (proc_names[0] if proc_names else path.stem),
                              told_by=told_by)


def _bpmn_to_perceived(nodes, flows, *, source, name, told_by) -> PerceivedProcess:
    incoming: dict[str, list[str]] = {n: [] for n in nodes}
    outgoing: dict[str, list[str]] = {n: [] for n in nodes}
    for fid, a, b in flows:
        outgoing[a].append(fid)
        incoming[b].append(fid)
    places = ["source", "sink"]
    flow_place = {}
    for fid, _, _ in flows:
        flow_place[fid] = len(places)
        places.append(f"flow {fid}")
    trans: list[_Transition] = []
    starts = [n for n, (k, _) in nodes.items() if k == "startevent"]
    if not starts:   # no start event: every node without incoming flows starts the work
        starts = [n for n in nodes if not incoming[n]]
    ends = [n for n, (k, _) in nodes.items() if k == "endevent"]
    if not ends:
        ends = [n for n in nodes if not outgoing[n]]

    def ins(n):
        return [flow_place[f] for f in incoming[n]]

    def outs(n):
        return [flow_place[f] for f in outgoing[n]]

    gateways = []
    for n, (kind, label) in nodes.items():
        i_p, o_p = ins(n), outs(n)
        if n in starts:
            i_p = [0] if not i_p else i_p
        if n in ends:
            o_p = [1] if not o_p else o_p
        if kind == "task":
            # BPMN: several incoming flows on a task merge (XOR), several outgoing split (AND)
            if len(i_p) > 1:
                merge = len(places)
                places.append(f"before {n}")
                trans += [_Transition(f"merge {n}", None, (p,), (merge,)) for p in i_p]
                i_p = [merge]
            trans.append(_Transition(f"{label} [{n}]", label, tuple(i_p or [0]), tuple(o_p)))
        elif kind == "parallel":
            trans.append(_Transition(f"AND {n}", None, tuple(i_p), tuple(o_p)))
        elif kind == "inclusive":
            # OR split: any non-empty subset; OR join approximated by any non-empty subset
            subsets_in = [c for r in range(1, len(i_p) + 1) for c in combinations(i_p, r)] \
                if len(i_p) > 1 else [tuple(i_p)]
            subsets_out = [c for r in range(1, len(o_p) + 1) for c in combinations(o_p, r)] \
                if len(o_p) > 1 else [tuple(o_p)]
            if len(subsets_in) * len(subsets_out) > 4096:
                raise InputError(f"{source}: inclusive gateway '{n}' has too many branches to "
                                 "analyse.", source=source)
            for a in subsets_in:
                for b in subsets_out:
                    trans.append(_Transition(f"OR {n}", None, a, b))
        else:   # exclusive gateways and events: pass one token from any input to any output
            for p in (i_p or [0]):
                if kind in ("exclusive",):
                    for q in (o_p or [1]):
                        trans.append(_Transition(f"XOR {n}", None, (p,), (q,)))
                else:   # events: all outgoing (an event with several outgoing flows forks)
                    trans.append(_Transition(f"event {n}", None, (p,), tuple(o_p or [1])))
        if kind in ("exclusive", "parallel", "inclusive"):
            gateways.append(Gateway(id=n, kind=kind, name=label,
                                    incoming=tuple(incoming[n]), outgoing=tuple(outgoing[n])))
    net = _reduce(_Net(tuple(places), tuple(trans), (0,), (1,)))

    # step-level flows: task -> task through anything that is not a task
    target_of = {fid: b for fid, _, b in flows}
    steps = list(dict.fromkeys(lbl for k, lbl in nodes.values() if k == "task"))

    def next_tasks(node):
        seen, out, todo = set(), [], [target_of[f] for f in outgoing[node]]
        while todo:
            m = todo.pop(0)
            if m in seen:
                continue
            seen.add(m)
            if nodes[m][0] == "task":
                out.append(nodes[m][1])
            else:
                todo.extend(target_of[f] for f in outgoing[m])
        return out, seen

    step_flows = []
    for n, (k, lbl) in nodes.items():
        if k == "task":
            step_flows += [(lbl, b) for b in next_tasks(n)[0]]
    start_steps, end_steps = [], []
    for s in starts:
        start_steps += next_tasks(s)[0] if nodes[s][0] != "task" else [nodes[s][1]]
    for n, (k, lbl) in nodes.items():
        if k == "task":
            reached = next_tasks(n)[1] | {n}
            if any(e in reached for e in ends) or not outgoing[n]:
                end_steps.append(lbl)
    fp = net.footprint()
    if fp is None:
        log.warning("%s: the model has too many states to list every succession it allows; "
                    "the drawn flows are used for the flow comparison", source)
        allowed = (frozenset(step_flows), frozenset(start_steps), frozenset(end_steps))
    else:
        allowed = (frozenset(fp[2]), frozenset(fp[0]), frozenset(fp[1]))
    return PerceivedProcess(
        name=name, told_by=told_by, steps=tuple(steps),
        flows=tuple(dict.fromkeys(step_flows)), start=tuple(dict.fromkeys(start_steps)),
        end=tuple(dict.fromkeys(end_steps)), gateways=tuple(gateways), source=source,
        kind="bpmn", net=net, _allowed=allowed)


# -- PNML -------------------------------------------------------------------------------------

def _read_pnml(path: Path, *, name, told_by) -> PerceivedProcess:
    """A Petri net from PNML; silent transitions are those without a label, with
    ``invisible="true"``, or with pm4py/ProM's ``$invisible$`` tool-specific mark."""
    source = str(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{source}: not valid XML ({exc}).", source=source) from None
    net_el = next((el for el in root.iter() if _local(el.tag) == "net"), None)
    if net_el is None:
        raise InputError(f"{source}: no <net> element; expected PNML.", source=source)

    def text_of(el, child):
        for c in el:
            if _local(c.tag) == child:
                for t in c.iter():
                    if _local(t.tag) == "text" and t.text is not None:
                        return t.text.strip()
        return None

    places, p_index, initial = [], {}, []
    trans_raw = []
    arcs = []
    for el in net_el.iter():
        t = _local(el.tag)
        if t == "place":
            p_index[el.get("id")] = len(places)
            places.append(text_of(el, "name") or el.get("id"))
            marks = text_of(el, "initialmarking")
            if marks and marks.isdigit():
                initial += [p_index[el.get("id")]] * int(marks)
        elif t == "transition":
            label = text_of(el, "name")
            silent = str(el.get("invisible", "")).casefold() == "true" or any(
                _local(c.tag) == "toolspecific" and c.get("activity") == "$invisible$"
                for c in el)
            trans_raw.append((el.get("id"), None if silent or not label else _norm(label)))
        elif t == "arc":
            arcs.append((el.get("source"), el.get("target"),
                         int(text_of(el, "inscription") or 1)))
    final = []
    for fm in root.iter():
        if _local(fm.tag) == "finalmarkings":
            for m in fm.iter():
                if _local(m.tag) == "place" and m.get("idref") in p_index:
                    k = text_of(m, "text") or next((x.text for x in m if _local(x.tag) == "text"),
                                                   "1")
                    final += [p_index[m.get("idref")]] * int(str(k).strip() or 1)
            break
    t_in = {tid: [] for tid, _ in trans_raw}
    t_out = {tid: [] for tid, _ in trans_raw}
    for a, b, w in arcs:
        if a in p_index and b in t_in:
            t_in[b] += [p_index[a]] * w
        elif a in t_out and b in p_index:
            t_out[a] += [p_index[b]] * w
    if not final:   # no final marking declared: the places nothing leaves
        consumed = {p for ps in t_in.values() for p in ps}
        final = [i for i in range(len(places)) if i not in consumed][:1]
        log.info("%s declares no final marking; using place '%s'", source,
                 places[final[0]] if final else "?")
    if not initial:
        produced = {p for ps in t_out.values() for p in ps}
        initial = [i for i in range(len(places)) if i not in produced][:1]
    net = _Net(tuple(places), tuple(_Transition(tid, lbl, tuple(t_in[tid]), tuple(t_out[tid]))
                                    for tid, lbl in trans_raw),
               tuple(sorted(initial)), tuple(sorted(final)))
    steps = tuple(dict.fromkeys(lbl for _, lbl in trans_raw if lbl))
    fp = net.footprint()
    allowed = (frozenset(fp[2]), frozenset(fp[0]), frozenset(fp[1])) if fp else \
        (frozenset(), frozenset(), frozenset())
    return PerceivedProcess(name=name or path.stem, told_by=told_by, steps=steps,
                            flows=tuple(sorted(allowed[0])), start=tuple(sorted(allowed[1])),
                            end=tuple(sorted(allowed[2])), source=source, kind="pnml", net=net,
                            _allowed=allowed)


# -- entry point ------------------------------------------------------------------------------

def read_perceived(source, *, name: str | None = None, told_by: str | None = None
                   ) -> PerceivedProcess:
    """Read a perceived process from YAML, a CSV edge list, BPMN 2.0 XML or PNML.

    Parameters
    ----------
    source : path, mapping or PerceivedProcess
        ``.yaml``/``.yml`` (the schema in this module's docstring), ``.csv``/``.xlsx`` edge
        list (columns ``from,to`` or ``van,naar``, optional ``duration``; write ``start`` /
        ``end`` in a cell for where the work begins and ends), ``.bpmn``/``.xml`` (BPMN 2.0 from
        bpmn.io, Camunda, Signavio: tasks of every kind, sequence flows, exclusive, parallel
        and inclusive gateways, start and end events), ``.pnml`` (a Petri net), or a mapping
        with the YAML keys.
    name, told_by : str, optional
        Override (or supply) the perception's name and whose it is.

    Returns
    -------
    PerceivedProcess

    Raises
    ------
    InputError
        Invalid YAML (with its line), unknown keys (with a did-you-mean), flows or start/end
        steps that are not among the steps, unreadable durations, XML that is not BPMN.

    Examples
    --------
    >>> p = read_perceived({"name": "Orders", "steps": ["Receive", "Check", "Ship"]})
    >>> p.flows
    (('Receive', 'Check'), ('Check', 'Ship'))
    """
    if isinstance(source, PerceivedProcess):
        from dataclasses import replace  # noqa: PLC0415

        changes = {k: v for k, v in (("name", name), ("told_by", told_by)) if v is not None}
        return replace(source, **changes) if changes else source
    if isinstance(source, Mapping):
        return _from_mapping(source, source="dict", kind="dict", name=name, told_by=told_by,
                             default_name="perceived process")
    path = Path(source)
    if not path.exists():
        raise InputError(f"{path}: file not found.", source=str(path))
    suffix = path.suffix.casefold()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path, name=name, told_by=told_by)
    if suffix in (".bpmn", ".xml", ".bpmn2"):
        return _read_bpmn(path, name=name, told_by=told_by)
    if suffix == ".pnml":
        return _read_pnml(path, name=name, told_by=told_by)
    if suffix in (".csv", ".txt", ".tsv", ".xlsx", ".xls"):
        return _read_csv(path, name=name, told_by=told_by)
    raise InputError(f"{path}: cannot tell the format from '{suffix}'; expected .yaml, .csv, "
                     ".xlsx, .bpmn or .pnml.", source=str(path))
