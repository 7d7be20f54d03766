"""Perceived (or normative) processes as Petri nets in PNML.

The net is kept as the file draws it: the file's place and transition ids become the names of
the kit's `Net` (``named=True``), so the pm4py net it converts to is the net
``pm4py.read_pnml`` reads from the same file, and pm4py's token replay gives the same numbers.
Two things pm4py's importer does not do, the kit does and says:

- silent transitions: a transition without a name, with ``invisible="true"`` or with
  ProM's ``$invisible$`` tool-specific mark is silent (pm4py's importer ignores the attribute);
- the final marking: ``<finalmarkings>`` (pm4py's and ProM's form) or ``<finalMarking>`` inside
  a place; a file that declares none (or only zeros) gets its sink place(s), the places no arc
  leaves, and `PerceivedProcess.final_marking_chosen` is True.

A net the kit cannot interpret is an error naming the element and its id: an arc to an element
that does not exist, an arc between two places or two transitions, a transition without arcs or
without an incoming arc (it could fire at any time, endlessly), a marking that is not a whole
number.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import InputError
from ..model.perceived import PerceivedProcess
from ..model.petri import Net, Transition, sink_places
from .perceived_build import norm_label

log = logging.getLogger(__name__)

__all__ = ["read_pnml"]


def _local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1].casefold()


def _text_of(el, child: str) -> str | None:
    for c in el:
        if _local(c.tag) == child:
            for t in c.iter():
                if _local(t.tag) == "text" and t.text is not None:
                    return t.text.strip()
    return None


def _count(text, *, source: str, what: str) -> int:
    try:
        k = int(str(text).strip())
    except ValueError:
        k = -1
    if k < 0:
        raise InputError(f"{source}: {what}: expected a whole number of tokens; found "
                         f"{text!r}.", source=source)
    return k


def read_pnml(path: Path, *, name=None, told_by=None) -> PerceivedProcess:
    """Read a PNML Petri net (see the module docstring for what is read and checked)."""
    source = str(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{source}: not valid XML ({exc}).", source=source) from None
    nets = [el for el in root.iter() if _local(el.tag) == "net"]
    if not nets:
        raise InputError(f"{source}: no <net> element; expected PNML.", source=source)
    if len(nets) > 1:
        ids = ", ".join(str(n.get("id")) for n in nets)
        raise InputError(f"{source}: holds {len(nets)} nets ({ids}); expected one.",
                         source=source)
    net_el = nets[0]
    places, p_index, p_names, initial, place_final = [], {}, [], [], []
    trans_raw: list[tuple[str, str | None, str]] = []    # id, label, display name
    arcs = []
    for el in _elements(net_el):
        t = _local(el.tag)
        eid = el.get("id")
        if t == "place":
            if not eid or eid in p_index:
                raise InputError(f"{source}: a place without an id or with a repeated id "
                                 f"({eid!r}).", source=source)
            p_index[eid] = len(places)
            places.append(eid)
            p_names.append(_text_of(el, "name") or eid)
            marks = _text_of(el, "initialmarking")
            if marks:
                initial += [p_index[eid]] * _count(marks, source=source,
                                                   what=f"initial marking of place '{eid}'")
            fmarks = _text_of(el, "finalmarking")
            if fmarks:
                place_final += [p_index[eid]] * _count(fmarks, source=source,
                                                       what=f"final marking of place '{eid}'")
        elif t == "transition":
            label = _text_of(el, "name")
            silent = str(el.get("invisible", "")).casefold() == "true" or any(
                _local(c.tag) == "toolspecific" and "invisible" in str(c.get("activity", ""))
                for c in el)
            trans_raw.append((eid, None if silent or not label else norm_label(label),
                              label or eid))
        elif t == "arc":
            w = _text_of(el, "inscription")
            arcs.append((eid, el.get("source"), el.get("target"),
                         _count(w, source=source, what=f"inscription of arc '{eid}'")
                         if w else 1))
    if not places or not trans_raw:
        raise InputError(f"{source}: the net has {len(places)} places and {len(trans_raw)} "
                         "transitions; expected at least one of each.", source=source)
    t_ids = {tid for tid, _, _ in trans_raw}
    t_in = {tid: [] for tid in t_ids}
    t_out = {tid: [] for tid in t_ids}
    for aid, a, b, w in arcs:
        for end in (a, b):
            if end not in p_index and end not in t_ids:
                raise InputError(f"{source}: arc '{aid}' goes from '{a}' to '{b}', but there is "
                                 f"no place or transition with id '{end}'.", source=source)
        if a in p_index and b in t_ids:
            t_in[b] += [p_index[a]] * w
        elif a in t_ids and b in p_index:
            t_out[a] += [p_index[b]] * w
        else:
            kind = "places" if a in p_index else "transitions"
            raise InputError(f"{source}: arc '{aid}' joins two {kind} ('{a}' and '{b}'); an "
                             "arc goes from a place to a transition or back.", source=source)
    for tid, _, shown in trans_raw:
        if not t_in[tid]:
            what = "no arcs" if not t_out[tid] else "no incoming arc"
            raise InputError(f"{source}: transition '{shown}' (id '{tid}') has {what}; it could "
                             "fire at any time, endlessly. Connect it or remove it.",
                             source=source)
    notes = []
    final = _declared_final(root, p_index, source)
    chosen = False
    if not final and place_final:
        final = place_final
        notes.append("The final marking is declared inside the place"
                     f"{'s' if len(set(place_final)) > 1 else ''} "
                     + ", ".join(f"'{p_names[i]}'" for i in sorted(set(place_final)))
                     + " (ProM's form, which pm4py's importer does not read).")
    if not final:
        net0 = Net(tuple(places), tuple(Transition(tid, lbl, tuple(t_in[tid]), tuple(t_out[tid]))
                                        for tid, lbl, _ in trans_raw), (), ())
        final = list(sink_places(net0))
        if not final:
            raise InputError(f"{source}: declares no final marking and has no sink place (a "
                             "place no arc leaves); add <finalmarkings> to the file.",
                             source=source)
        chosen = True
        names = ", ".join(f"'{p_names[i]}'" for i in final)
        many = len(final) > 1
        notes.append(f"The file declares no final marking; the sink place{'s' if many else ''} "
                     f"{names} (no arc leaves {'them' if many else 'it'}) "
                     f"{'are' if many else 'is'} used, one token each.")
        log.info("%s: %s", source, notes[-1])
    if not initial:
        produced = {p for ps in t_out.values() for p in ps}
        initial = [i for i in range(len(places)) if i not in produced]
        if not initial:
            raise InputError(f"{source}: declares no initial marking and has no source place.",
                             source=source)
        notes.append("The file declares no initial marking; the source place"
                     f"{'s' if len(initial) > 1 else ''} "
                     + ", ".join(f"'{p_names[i]}'" for i in initial) + " start the work.")
    net = Net(tuple(places), tuple(Transition(tid, lbl, tuple(t_in[tid]), tuple(t_out[tid]))
                                   for tid, lbl, _ in trans_raw),
              tuple(sorted(initial)), tuple(sorted(final)), named=True)
    steps = tuple(dict.fromkeys(lbl for _, lbl, _ in trans_raw if lbl))
    fp = net.footprint()
    if fp is None:
        log.warning("%s: the net has too many states to list every succession it allows; the "
                    "flow table shows no perceived flows", source)
    allowed = (frozenset(fp[2]), frozenset(fp[0]), frozenset(fp[1])) if fp else \
        (frozenset(), frozenset(), frozenset())
    return PerceivedProcess(
        name=name or path.stem, told_by=told_by, steps=steps,
        flows=tuple(sorted(allowed[0])), start=tuple(sorted(allowed[1])),
        end=tuple(sorted(allowed[2])), source=source, kind="pnml", net=net, footprint=allowed,
        final_marking=tuple(p_names[i] for i in sorted(set(final))), final_marking_chosen=chosen,
        notes=tuple(notes))


def _elements(el):
    """The net's elements, pages included, without the markings' place references."""
    for c in el:
        if _local(c.tag) in ("finalmarkings", "variables"):
            continue
        yield c
        if _local(c.tag) in ("page", "net"):
            yield from _elements(c)


def _declared_final(root, p_index, source) -> list[int]:
    """The first marking under ``<finalmarkings>`` (tokens > 0 only), or []."""
    final: list[int] = []
    for fm in root.iter():
        if _local(fm.tag) != "finalmarkings":
            continue
        for m in fm.iter():
            if _local(m.tag) == "place" and m.get("idref") in p_index:
                k = _text_of(m, "text") or next((x.text for x in m if _local(x.tag) == "text"),
                                                "1")
                final += [p_index[m.get("idref")]] * _count(
                    k or "1", source=source, what=f"final marking of place '{m.get('idref')}'")
        break
    return final
