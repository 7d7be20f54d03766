"""The labelled Petri nets every perceived process compiles to.

`Net` is a small, frozen Petri net on place indices: markings are sorted tuples of place
indices (multisets). It answers the questions the comparison asks (which transitions are
enabled, which markings silent transitions reach, which label sequences the net accepts) and
converts to and from pm4py's ``PetriNet`` (`to_pm4py`, `from_pm4py`).

A net read from a file (PNML) keeps the file's place and transition ids as names
(``named=True``), so `to_pm4py` gives the very net ``pm4py.read_pnml`` gives: pm4py's token
replay orders its choices by these names, and the same names give the same numbers.

Acceptance: a marking is final when it equals ``final``. Nets built from BPMN may name places
whose tokens may remain at the end beyond the final marking (``may_remain``: messages sent but
never received, the ends of extra paths of non-interrupting boundary events).
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..errors import InputError

__all__ = ["Net", "Transition", "reduce_net", "graph_net", "to_pm4py", "sink_places"]

@dataclass(frozen=True)
class Transition:
    """A transition: ``label`` None is silent; inputs and outputs are place indices."""

    name: str
    label: str | None          # None: silent
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class Net:
    """A small labelled Petri net; markings are sorted tuples of place indices (multisets).

    Enabled transitions and silent closures are memoised per marking, so deciding many
    variants against one net costs little more than deciding the distinct prefixes.
    """

    places: tuple[str, ...]
    transitions: tuple[Transition, ...]
    initial: tuple[int, ...]
    final: tuple[int, ...]
    may_remain: frozenset = frozenset()
    named: bool = False
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

    def is_final(self, marking: tuple[int, ...]) -> bool:
        """The final marking, plus (``may_remain``) tokens that may be left over."""
        if marking == self.final:
            return True
        if not self.may_remain:
            return False
        have, need = Counter(marking), Counter(self.final)
        return all(have[p] == k or (have[p] > k and p in self.may_remain)
                   for p, k in need.items()) and \
            all(p in need or p in self.may_remain for p in have)

    def accepts(self, state: frozenset) -> bool:
        return self.final in state or (bool(self.may_remain)
                                       and any(self.is_final(m) for m in state))

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
                if any(self.is_final(x) for x in cl):
                    ends.add(a)
        return starts, ends, follows


def reduce_net(net: Net) -> Net:
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
    return Net(tuple(net.places[i] for i in used),
                tuple(Transition(n, lbl, tuple(new[x] for x in ins), tuple(new[x] for x in outs))
                      for n, lbl, ins, outs in trans),
                tuple(sorted(new[x] for x in initial)), tuple(sorted(new[x] for x in final)),
                may_remain=frozenset(new[x] for x in net.may_remain if x in new),
                named=net.named)


def graph_net(steps: Sequence[str], flows: Iterable[tuple[str, str]], start: Iterable[str],
               end: Iterable[str]) -> Net:
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
    trans = [Transition(s, s, (before[s],), (after[s],)) for s in steps]
    trans += [Transition(f"{a} → {b}", None, (after[a],), (before[b],)) for a, b in flows]
    trans += [Transition(f"start → {s}", None, (0,), (before[s],)) for s in start]
    trans += [Transition(f"{e} → end", None, (after[e],), (1,)) for e in end]
    return reduce_net(Net(tuple(places), tuple(trans), (0,), (1,)))


def sink_places(net: Net) -> tuple[int, ...]:
    """The places no transition consumes from (a workflow net's sink), sorted."""
    consumed = {p for t in net.transitions for p in t.inputs}
    return tuple(i for i in range(len(net.places)) if i not in consumed)


def to_pm4py(net: Net):
    """The net as a pm4py accepting Petri net ``(net, initial_marking, final_marking)``.

    A ``named`` net (read from a file) keeps its place and transition names, so the result is
    the net ``pm4py.read_pnml`` builds from the same file; other nets get ``p{i}_{place}`` and
    ``t{i}`` names. Silent transitions have label None.
    """
    from .._pm4py import submodule  # noqa: PLC0415  (pm4py stays lazy)

    obj = submodule("pm4py.objects.petri_net.obj")
    Marking, PetriNet = obj.Marking, obj.PetriNet
    petri_utils = submodule("pm4py.objects.petri_net.utils.petri_utils")

    pn = PetriNet("perceived")
    places = []
    for i, name in enumerate(net.places):
        p = PetriNet.Place(name if net.named else f"p{i}_{name}")
        pn.places.add(p)
        places.append(p)
    for i, t in enumerate(net.transitions):
        tr = PetriNet.Transition(t.name if net.named else f"t{i}", t.label)
        pn.transitions.add(tr)
        for p, k in Counter(t.inputs).items():
            petri_utils.add_arc_from_to(places[p], tr, pn, weight=k)
        for p, k in Counter(t.outputs).items():
            petri_utils.add_arc_from_to(tr, places[p], pn, weight=k)
    im = Marking({places[p]: k for p, k in Counter(net.initial).items()})
    fm = Marking({places[p]: k for p, k in Counter(net.final).items()})
    return pn, im, fm
