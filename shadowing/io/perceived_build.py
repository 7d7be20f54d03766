"""What every perceived-process reader shares: label cleaning, durations as people write them,
and `build_perceived`, which checks and assembles a graph-like perception (YAML, CSV, dict).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Mapping, Sequence

import pandas as pd

from ..errors import InputError, did_you_mean
from ..model.perceived import SCOPES, PerceivedProcess, flow_key_text, with_bypasses
from ..model.petri import graph_net

__all__ = ["ARROWS", "SCOPES", "build_perceived", "norm_label", "parse_duration"]

ARROWS = ("→", "->", "=>")

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


# -- building from steps and flows ------------------------------------------------------------

def norm_label(label: Any) -> str:
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

    steps = [norm_label(s) for s in steps]
    if not steps:
        fail("steps", "the perceived process has no steps; expected a list under 'steps'")
    dup = [s for s, n in Counter(steps).items() if n > 1]
    if dup:
        fail("steps", f"step '{dup[0]}' is listed twice under 'steps'; each step once, please "
                      "(add flows to say it can happen again)")
    known = set(steps)

    def check(part: str, s: Any) -> str:
        s = norm_label(s)
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
        if isinstance(v, bool) or not isinstance(v, (str, int, float, pd.Timedelta)):
            fail("durations", f"duration of '{flow_key_text(key)}': expected a duration such as "
                              f"'2 min' or '1 dag'; found a {type(v).__name__}.")
        try:
            durs[key] = parse_duration(v)
        except ValueError as exc:
            fail("durations", f"duration of '{flow_key_text(key)}': {exc}")
    als: dict[str, tuple[str, ...]] = {}
    for k, v in (aliases or {}).items():
        k = check("aliases", k)
        vals = [v] if isinstance(v, str) else list(v or [])
        als[k] = tuple(dict.fromkeys(norm_label(x) for x in vals if norm_label(x)))

    allowed, a_start, a_end = with_bypasses(flows, start, end, optional)
    net = graph_net(steps, sorted(allowed), sorted(a_start), sorted(a_end))
    return PerceivedProcess(
        name=str(name), told_by=None if told_by is None else str(told_by), steps=tuple(steps),
        flows=flows, start=start, end=end, durations=durs, aliases=als, optional=optional,
        alternatives=groups, source=source, kind=kind, net=net,
        footprint=(frozenset(allowed), frozenset(a_start), frozenset(a_end)), scope=scope)


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
