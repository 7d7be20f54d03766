"""Perceived processes written down as YAML (or given as a mapping with the same keys).

The schema is in `shadowing.io.perceived`'s docstring.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from . import yamlsafe
from ..errors import InputError, did_you_mean
from ..model.perceived import PerceivedProcess
from .perceived_build import ARROWS, build_perceived, norm_label

__all__ = ["read_perceived_yaml", "perceived_from_mapping"]

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


def read_perceived_yaml(path: Path, *, name, told_by) -> PerceivedProcess:
    import yaml  # noqa: PLC0415

    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")
    try:
        data = yamlsafe.load(text, source=source)   # size and alias-expansion limits
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f" line {mark.line + 1}" if mark is not None else ""
        hint = " Check the indentation and that lists start with '- '."
        raise InputError(f"{source}:{line}: not valid YAML: {exc.problem or exc}.{hint}",
                         source=source) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{source}: not valid YAML: {exc}", source=source) from None
    lines = _yaml_key_lines(text)
    return perceived_from_mapping(data, source=source, kind="yaml", name=name, told_by=told_by,
                                  default_name=path.stem, lines=lines)


def _yaml_key_lines(text: str) -> dict[str, int]:
    out = {}
    for i, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^([A-Za-z_]+)\s*:", line)
        if m:
            out.setdefault(m.group(1), i)
    return out


def perceived_from_mapping(data, *, source, kind, name, told_by, default_name, lines=None):
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
            s = norm_label(item["name"])
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
            steps.append(norm_label(item))
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
        return (norm_label(f[0]), norm_label(f[1]))
    if isinstance(f, Mapping) and len(f) == 1:   # YAML "- A: B"
        (a, b), = f.items()
        return (norm_label(a), norm_label(b))
    if isinstance(f, str):
        for arrow in ARROWS:
            if arrow in f:
                a, b = f.split(arrow, 1)
                return (norm_label(a), norm_label(b))
    raise InputError(f"{source}{where}: each flow is [from, to] or 'from → to'; found {f!r}.",
                     source=source)

