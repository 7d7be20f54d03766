"""Matching perceived steps to log activities: exact (after whitespace cleaning), then through
``aliases``. A step that matches nothing gets a did-you-mean; nothing is matched by a guess."""

from __future__ import annotations

import difflib
import logging
from typing import Sequence

import numpy as np

from ...errors import InputError
from ...model.perceived import PerceivedProcess

log = logging.getLogger(__name__)

__all__ = ["fold", "match_steps", "match_steps_quietly", "suggest"]


def fold(s: str) -> str:
    return "".join(str(s).split()).casefold()


def match_steps(perceived: PerceivedProcess, labels: Sequence[str]):
    """step_of_label (array: step index or -1), how each step matched, suggestions."""
    steps = list(perceived.steps)
    index = {a: i for i, a in enumerate(labels)}
    step_of = np.full(len(labels), -1, dtype=np.int64)
    how: dict[str, str] = {}
    matched_labels: dict[str, list[str]] = {s: [] for s in steps}
    for i, s in enumerate(steps):
        if s in index:
            step_of[index[s]] = i
            how[s] = "exact"
            matched_labels[s].append(s)
    for i, s in enumerate(steps):
        for alias in perceived.aliases.get(s, ()):
            j = index.get(alias)
            if j is None:
                continue
            if step_of[j] >= 0 and step_of[j] != i:
                raise InputError(
                    f"{perceived.source}: log activity '{alias}' is claimed by two perceived "
                    f"steps, '{steps[step_of[j]]}' and '{s}'; an activity can mean one step only.",
                    source=perceived.source)
            if step_of[j] != i:
                step_of[j] = i
                matched_labels[s].append(alias)
                how.setdefault(s, "alias")
    free = [a for j, a in enumerate(labels) if step_of[j] < 0]
    suggestions: dict[str, str] = {}
    for s in steps:
        if s in how:
            continue
        sug = suggest(s, free, perceived.aliases.get(s, ()))
        if sug:
            suggestions[s] = sug
        log.warning("perceived step '%s' (%s) matches no activity in the log.%s", s,
                    perceived.name, f" Did you mean '{sug}'? Add it under 'aliases' if so."
                    if sug else "")
    return step_of, how, matched_labels, suggestions


def suggest(step: str, candidates: Sequence[str], aliases: Sequence[str] = ()) -> str | None:
    folded = {fold(c): c for c in candidates}
    for name in (step, *aliases):
        if fold(name) in folded:
            return folded[fold(name)]
    lower = {str(c).casefold(): c for c in candidates}
    for name in (step, *aliases):
        close = difflib.get_close_matches(str(name).casefold(), list(lower), n=1, cutoff=0.75)
        if close:
            return lower[close[0]]
    for name in (step, *aliases):   # 'Ship' for 'Shipped', 'Quote' for 'Quote drafted'
        key = fold(name)
        hits = [c for f, c in folded.items()
                if len(min(key, f, key=len)) >= 4 and (f.startswith(key) or key.startswith(f))]
        if len(hits) == 1:
            return hits[0]
    return None



def match_steps_quietly(p: PerceivedProcess, labels: Sequence[str]):
    """`match_steps` without its warnings (for observed labels, already warned about)."""
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        return match_steps(p, labels)
    finally:
        log.setLevel(level)

