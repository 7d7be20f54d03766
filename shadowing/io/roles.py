"""Finding which column plays which role: explicit names first, then a logged guess."""

from __future__ import annotations

import logging
import re
from typing import Mapping, Sequence

from ..model.columns import normalise_name
from ..errors import ColumnNotFoundError, InputError, did_you_mean

log = logging.getLogger(__name__)


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s_\-:.()/]+", str(name).casefold()) if t]


def resolve_roles(columns: Sequence[str], explicit: Mapping[str, str | None], *,
                  synonyms: Mapping[str, Sequence[str]], required: Sequence[str], source: str,
                  what: str = "file", guess_partial: Sequence[str] | None = None,
                  reasons: dict[str, str] | None = None) -> dict[str, str]:
    """Map roles to column names.

    An explicit name must exist (else `ColumnNotFoundError` with the existing columns and a
    did-you-mean). Other roles are guessed: an exact (normalised) synonym wins, in the order of
    the synonym list; a partial match (a whole word of the column name is a synonym) is a
    fallback and must be unique among the remaining columns. Guesses are logged at INFO.
    ``reasons``, when given, is filled with why each role went to its column.
    """
    why: dict[str, str] = reasons if reasons is not None else {}
    columns = [str(c) for c in columns]
    chosen: dict[str, str] = {}
    for role, name in explicit.items():
        if name is None:
            continue
        if name not in columns:
            raise ColumnNotFoundError(
                f"{source}: column '{name}' (given as {role}=) not found; columns are: "
                f"{', '.join(columns)}." + did_you_mean(name, columns), source=source)
        chosen[role] = name
        why[role] = f"given as {role}="
    taken = set(chosen.values())
    norm = {c: normalise_name(c) for c in columns}
    # pass 1: exact names, best synonym first
    for role, words in synonyms.items():
        if role in chosen:
            continue
        for word in words:
            key = normalise_name(word)
            hits = [c for c in columns if c not in taken and norm[c] == key]
            if len(hits) > 1:
                raise InputError(
                    f"{source}: cannot tell which column is the {role}: "
                    f"{', '.join(repr(h) for h in hits)} all match; pass {role}='...' to choose.",
                    source=source)
            if hits:
                chosen[role] = hits[0]
                taken.add(hits[0])
                why[role] = f"named like a {role} column ('{word}')"
                break
    # pass 2: partial names for roles still open
    partial_roles = list(guess_partial) if guess_partial is not None else list(synonyms)
    for role in partial_roles:
        if role in chosen:
            continue
        words = {normalise_name(w) for w in synonyms[role] if len(normalise_name(w)) >= 4}
        hits = [c for c in columns if c not in taken
                and any(normalise_name(t) in words for t in _tokens(c))]
        if len(hits) > 1:
            if role in required:
                raise InputError(
                    f"{source}: cannot tell which column is the {role}: candidates are "
                    f"{', '.join(repr(h) for h in hits)}; pass {role}='...' to choose.", source=source)
            log.info("%s: no %s column chosen; candidates %s (pass %s= to choose)", source, role,
                     hits, role)
            continue
        if hits:
            chosen[role] = hits[0]
            taken.add(hits[0])
            word = next(t for t in _tokens(hits[0]) if normalise_name(t) in words)
            why[role] = f"its name contains '{word}', a {role} word (the only column that does)"
    missing = [r for r in required if r not in chosen]
    if missing:
        role = missing[0]
        examples = ", ".join(list(synonyms[role])[:6])
        raise ColumnNotFoundError(
            f"{source}: no {role} column found in this {what}; columns are: {', '.join(columns)}. "
            f"Expected a column named like {examples}, or pass {role}='<column>'.", source=source)
    guessed = {r: c for r, c in chosen.items() if explicit.get(r) is None}
    if guessed:
        log.info("%s: columns guessed: %s", source,
                 ", ".join(f"{r}={c!r}" for r, c in guessed.items()))
    return chosen
