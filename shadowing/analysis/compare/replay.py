"""Walking all distinct variants of a log through a perceived process at once.

Two machines, both memoised per (state, activity) and driven with numpy one position at a
time over every variant together, so the cost grows with the number of distinct states, not
with the number of cases:

- `DFA`: the exact language check behind ``Comparison.conformance`` (a deterministic automaton
  built lazily from the perception's Petri net; parallel branches in any interleaving);
- `TokenReplay`: pm4py's token replay behind ``Comparison.fitness``, with pm4py's own numbers
  per variant (its helpers do each distinct step once).
"""

from __future__ import annotations

import copy
from typing import Sequence

import numpy as np
import pandas as pd

from ..._pm4py import submodule
from ...model.petri import Net

# -- the language check, once per variant --------------------------------------------------------

class DFA:
    """A lazily built deterministic automaton over the net's language (subset construction)."""

    def __init__(self, net: Net, steps: Sequence[str]):
        self.net = net
        self.steps = list(steps)
        self.states = [frozenset(), net.closure([net.initial])]
        self.index = {s: i for i, s in enumerate(self.states)}
        self.table = np.full((64, len(self.steps)), -2, dtype=np.int64)
        self.table[0, :] = 0

    def _add(self, state: frozenset) -> int:
        i = self.index.get(state)
        if i is None:
            i = len(self.states)
            self.states.append(state)
            self.index[state] = i
            if i >= len(self.table):
                grown = np.full((2 * len(self.table), len(self.steps)), -2, dtype=np.int64)
                grown[:len(self.table)] = self.table
                self.table = grown
        return i

    def walk(self, sym: np.ndarray, offsets: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Final state of every variant; ``sym`` holds step indices, -1 for unknown work."""
        state = np.ones(len(lengths), dtype=np.int64)
        max_len = int(lengths.max()) if len(lengths) else 0
        order = np.argsort(-lengths, kind="stable")
        sorted_len = lengths[order]
        for k in range(max_len):
            n_active = int(np.searchsorted(-sorted_len, -k, side="left"))
            active = order[:n_active]
            s = state[active]
            a = sym[offsets[active] + k]
            unknown = a < 0
            a_safe = np.where(unknown, 0, a)
            t = self.table[s, a_safe]
            todo = (t == -2) & ~unknown
            if todo.any():
                pairs = np.unique(np.stack([s[todo], a_safe[todo]], axis=1), axis=0)
                for si, ai in pairs:
                    nxt = self.net.step(self.states[si], self.steps[ai]) if si else frozenset()
                    self.table[si, ai] = self._add(nxt) if nxt else 0
                t = self.table[s, a_safe]
            state[active] = np.where(unknown, 0, t)
        return state

    def accepting(self) -> np.ndarray:
        return np.array([bool(st) and self.net.accepts(st) for st in self.states])


def _only_feeds(place, t) -> bool:
    """True if every arc leaving ``place`` goes to ``t``."""
    return all(arc.target is t for arc in place.out_arcs)


class TokenReplay:
    """pm4py's token replay, one event at a time, memoised per (marking, activity).

    pm4py's ``apply_trace`` (default options: ``consider_remaining_in_fitness``, reaching the
    final marking through hidden transitions, no ``stop_immediately_unfit``, no caches, no
    token-flood cleaning) carries nothing from one event to the next but the marking and the
    token counters, which only add up: enabling an activity through hidden transitions, adding
    the missing tokens and firing depend on (marking, activity), and the end of a trace (hidden
    transitions towards the final marking, then missing and remaining tokens) on the marking.
    The marking is a dict whose insertion order pm4py iterates when it looks for paths to the
    sink, so a state here is the marking *with* its order.

    `_event` and `_finish` are the body of ``apply_trace``'s event loop and its end, line for
    line (written against pm4py 2.7), on pm4py's own helpers (``apply_hidden_trans``,
    ``add_missing_tokens``, ``get_consumed_tokens``, ``get_req_transitions_for_final_marking``,
    ``break_condition_final_marking``, its Petri-net semantics) and the shortest hidden paths
    and transition map ``apply_log`` builds. ``apply_trace`` itself would also list the
    transitions reachable from the last marking, a diagnostic that costs ten times the replay
    and enters no count. Each distinct (state, activity) is replayed once; all variants are then
    walked through the table at once, position by position. The tests hold every token count
    against pm4py's own replay, per variant.
    """

    def __init__(self, net, im, fm, activities: Sequence[str]):

        token_replay = submodule("pm4py.algo.conformance.tokenreplay.variants.token_replay")
        semantics = submodule("pm4py.objects.petri_net.semantics")

        self._tr, self._sem = token_replay, semantics
        self.net, self.im, self.fm = net, im, fm
        self.activities = list(activities)
        # what token_replay.apply_log prepares once per log
        self.paths = token_replay.get_places_shortest_path_by_hidden(
            net, token_replay.TechnicalParameters.MAX_REC_DEPTH.value)
        self.trans_map = {}
        self.by_label: dict = {}
        for t in sorted(net.transitions, key=lambda x: x.name):
            self.trans_map[t.label] = t
            self.by_label.setdefault(t.label, []).append(t)
        self.fm_tokens = sum(fm.values())
        # activities whose only transition can never be enabled (a model may hold such dead
        # transitions): its input places have no producer, feed nothing else and are never
        # marked. pm4py finds no hidden path to them, adds the missing
        # tokens (appended to the marking), fires (they are removed again): the marking keeps
        # its content and order, the event costs W missing and W consumed tokens.
        # Such activities stay out of the table: ``col`` is -1 for them, ``blind`` their cost.
        self.col = np.full(len(self.activities), -1, dtype=np.int64)
        self.blind = np.zeros((len(self.activities), 3), dtype=np.int64)
        columns: list[int] = []
        for a, label in enumerate(self.activities):
            same = self.by_label.get(label, [])
            t = same[0] if len(same) == 1 else None
            if t is not None and not t.out_arcs and t.in_arcs and all(
                    not arc.source.in_arcs and _only_feeds(arc.source, t)
                    and arc.source not in im and arc.source not in fm for arc in t.in_arcs):
                w = sum(arc.weight for arc in t.in_arcs)
                self.blind[a] = (w, w, 0)
            else:
                self.col[a] = len(columns)
                columns.append(a)
        self.columns = columns                                # table column -> activity
        self.states: list = []
        self.index: dict = {}
        n = max(len(columns), 1)
        self.next = np.full((64, n), -2, dtype=np.int64)
        self.cost = np.zeros((64, n, 3), dtype=np.int64)     # missing, consumed, produced
        self.end: dict[int, tuple[int, int, int, int]] = {}
        self._add(copy.copy(im))

    def _add(self, marking) -> int:
        key = tuple(marking.items())
        i = self.index.get(key)
        if i is None:
            i = len(self.states)
            self.states.append(marking)
            self.index[key] = i
            if i >= len(self.next):
                self.next = np.concatenate([self.next, np.full_like(self.next, -2)])
                self.cost = np.concatenate([self.cost, np.zeros_like(self.cost)])
        return i

    def _event(self, s: int, col: int) -> None:
        """Replay the activity of table column ``col`` from state ``s``: the body of the event
        loop of pm4py's ``apply_trace`` with the options above, on pm4py's own helpers."""
        tr, sem, net = self._tr, self._sem, self.net
        marking = self.states[s]          # never changed in place: copied before pm4py would
        activity = self.activities[self.columns[col]]
        missing = consumed = produced = 0
        if activity in self.trans_map:
            same = self.by_label[activity]
            if len(same) == 1:   # pm4py's scan of all enabled transitions, for one candidate
                enabled = same if sem.is_enabled(same[0], net, marking) else []
            else:                # duplicate labels: pm4py's own pick among the enabled ones
                enabled = [x for x in sem.enabled_transitions(net, marking)
                           if x.label == activity]
            t = enabled[0] if enabled else self.trans_map[activity]
            if not sem.is_enabled(t, net, marking):
                # pm4py passes copies of its activated-transitions list and counts the new tail
                _, marking, fired, _ = tr.apply_hidden_trans(
                    t, net, copy.copy(marking), self.paths, [], 0, set(), [], False)
                for h in fired:
                    consumed += tr.get_consumed_tokens(h)[0]
                    produced += tr.get_produced_tokens(h)[0]
            if not sem.is_enabled(t, net, marking):
                if marking is self.states[s]:
                    marking = copy.copy(marking)
                missing += tr.add_missing_tokens(t, marking)[0]   # adds them in place
            consumed += tr.get_consumed_tokens(t)[0]
            produced += tr.get_produced_tokens(t)[0]
            if sem.is_enabled(t, net, marking):
                marking = sem.execute(t, net, marking)
        self.cost[s, col] = (missing, consumed, produced)
        self.next[s, col] = self._add(marking)

    def _finish(self, s: int) -> tuple[int, int, int, int]:
        """End of a trace in state ``s``: (missing, consumed, produced, remaining) it adds; the
        end of pm4py's ``apply_trace`` (reach the final marking through hidden transitions,
        then count)."""
        out = self.end.get(s)
        if out is not None:
            return out
        tr, sem, net, fm, paths = self._tr, self._sem, self.net, self.fm, self.paths
        marking = copy.copy(self.states[s])
        consumed = produced = 0

        def fire(t):
            nonlocal marking, consumed, produced
            marking = sem.execute(t, net, marking)
            consumed += tr.get_consumed_tokens(t)[0]
            produced += tr.get_produced_tokens(t)[0]

        for _ in range(tr.TechnicalParameters.MAX_IT_FINAL1.value):
            if tr.break_condition_final_marking(marking, fm):
                break
            for group in tr.get_req_transitions_for_final_marking(marking, fm, paths):
                for t in group:
                    if sem.is_enabled(t, net, marking):
                        fire(t)
                if tr.break_condition_final_marking(marking, fm):
                    break
        if not tr.break_condition_final_marking(marking, fm) and len(fm) == 1:
            sink = list(fm)[0]
            to_sink = [[p, paths[p][sink]] for p in marking if p in paths and sink in paths[p]]
            to_sink = sorted(to_sink, key=lambda x: len(x[1]))
            for _ in range(tr.TechnicalParameters.MAX_IT_FINAL2.value):
                for _, path in to_sink:
                    for t in path:
                        if not sem.is_enabled(t, net, marking):
                            break
                        fire(t)
        missing = sum(fm[p] - marking[p] for p in fm if fm[p] - marking[p] > 0)
        remaining = sum(max(0, marking[p] - fm[p]) if p in fm else marking[p]
                        for p in marking)
        out = (missing, consumed + self.fm_tokens, produced, remaining)
        self.end[s] = out
        return out

    def walk(self, acts: np.ndarray, offsets: np.ndarray, lengths: np.ndarray) -> pd.DataFrame:
        """Token counts of every variant (``acts``: indices into ``activities``)."""
        n = len(lengths)
        state = np.zeros(n, dtype=np.int64)
        total = np.zeros((n, 3), dtype=np.int64)
        max_len = int(lengths.max()) if n else 0
        order = np.argsort(-lengths, kind="stable")
        sorted_len = lengths[order]
        for k in range(max_len):
            active = order[:int(np.searchsorted(-sorted_len, -k, side="left"))]
            a = acts[offsets[active] + k]
            col = self.col[a]
            blind = col < 0
            total[active[blind]] += self.blind[a[blind]]    # the marking stays as it is
            active, col = active[~blind], col[~blind]
            s = state[active]
            t = self.next[s, col]
            todo = t == -2
            if todo.any():
                for si, ci in np.unique(np.stack([s[todo], col[todo]], axis=1), axis=0):
                    self._event(int(si), int(ci))
                t = self.next[s, col]
            total[active] += self.cost[s, col]
            state[active] = t
        last, inv = np.unique(state, return_inverse=True)
        e = np.array([self._finish(int(i)) for i in last], dtype=np.int64).reshape(-1, 4)[inv]
        missing = total[:, 0] + e[:, 0]
        consumed = total[:, 1] + e[:, 1]
        produced = sum(self.im.values()) + total[:, 2] + e[:, 2]
        remaining = e[:, 3]
        with np.errstate(divide="ignore", invalid="ignore"):
            fit = 0.5 * (1.0 - missing / consumed) + 0.5 * (1.0 - remaining / produced)
        fitness = np.where((consumed > 0) & (produced > 0), fit, 1.0)
        return pd.DataFrame({
            "trace_is_fit": (missing == 0) & (remaining == 0), "trace_fitness": fitness,
            "missing": missing, "consumed": consumed, "remaining": remaining,
            "produced": produced})
