"""Perceived processes drawn as an edge list (CSV or Excel): one flow per row."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Mapping

from ..errors import InputError, did_you_mean
from ..model.perceived import PerceivedProcess
from .perceived_build import build_perceived, norm_label, parse_duration
from .tabular import read_table

__all__ = ["read_perceived_csv"]

# -- CSV edge list ----------------------------------------------------------------------------

_FROM = ("from", "van", "source", "bron", "vanaf", "from step", "van stap")
_TO = ("to", "naar", "target", "doel", "to step", "naar stap")
_DUR = ("duration", "duur", "tijd", "doorlooptijd", "wachttijd", "waiting")
_START_WORDS = {"start", "begin", "(start)", "[start]"}
_END_WORDS = {"end", "einde", "eind", "stop", "(end)", "[end]"}


def read_perceived_csv(source, *, name, told_by) -> PerceivedProcess:
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
        a, b = norm_label(a if a is not None else ""), norm_label(b if b is not None else "")
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
            d = norm_label(d if d is not None else "")
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
    return replace(p, durations={**p.durations, **durations})

