"""Perceived processes modelled in BPMN 2.0 (bpmn.io, Camunda Modeler, Signavio exports).

The model becomes one labelled Petri net (`shadowing.model.petri.Net`): a place per sequence
flow, a visible transition per task, silent transitions for gateways and events. What is read:

- tasks of every kind, collapsed sub-processes and call activities (one step each; with loop
  or multi-instance characteristics: one or more times in a row); expanded
  sub-processes (their content, entered at their start events and left when an end event is
  reached); event sub-processes (``triggeredByEvent``): their content may happen once, beside
  the main flow, or not at all;
- exclusive, event-based, parallel and inclusive gateways (an inclusive split takes any
  non-empty subset of its branches, its join any non-empty subset);
- start, end and intermediate events (silent); link events (a throw goes on at the catch of
  the same name);
- boundary events of every trigger (timer, error, message, escalation, signal, conditional):
  interrupting (``cancelActivity`` not ``false``) ones are an *alternative* to finishing the
  activity: the activity's step does not happen, the boundary's path does; non-interrupting
  ones are an *additional* path beside the activity, which still finishes;
- lanes as roles (`PerceivedProcess.roles`); in a collaboration of pools, every pool's
  process runs and a message flow is a hand-over: its target cannot happen before its source.
  The model ends when every pool's work ended (messages sent but never received are allowed).

Limits, said here rather than guessed at: an inclusive join fires on any non-empty subset of
its branches (not BPMN's "wait for what can still arrive"); an interrupting event sub-process is
read like a non-interrupting one; an end event inside parallel branches of an expanded
sub-process that do not join again ends that sub-process only once all of them ended is not
modelled (the sub-process is left once).

An element the kit cannot interpret (a complex gateway, a sequence flow to an element that does
not exist, a process without a start event, a flow node of an unknown kind) is an `InputError`
that names it and its id.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections import deque
from itertools import combinations
from pathlib import Path

from ..errors import InputError
from ..model.perceived import Gateway, PerceivedProcess
from ..model.petri import Net, Transition
from .perceived_build import norm_label

log = logging.getLogger(__name__)

__all__ = ["read_bpmn"]

_TASKS = {"task", "usertask", "servicetask", "manualtask", "scripttask", "businessruletask",
          "sendtask", "receivetask", "callactivity"}
_SUBPROCESSES = {"subprocess", "transaction", "adhocsubprocess"}
_GATEWAYS = {"exclusivegateway": "exclusive", "parallelgateway": "parallel",
             "inclusivegateway": "inclusive", "eventbasedgateway": "exclusive"}
_EVENTS = {"startevent", "endevent", "intermediatecatchevent", "intermediatethrowevent",
           "boundaryevent"}
#: children of a process that are not part of the flow
_IGNORED = {"laneset", "lane", "documentation", "extensionelements", "textannotation",
            "association", "group", "dataobject", "dataobjectreference", "datastorereference",
            "property", "iospecification", "iobinding", "category", "auditing", "monitoring",
            "datastore", "sequenceflow", "resourcerole", "performer", "humanperformer",
            "potentialowner", "correlationsubscription", "supports",
            "standardloopcharacteristics", "multiinstanceloopcharacteristics",
            "datainputassociation", "dataoutputassociation", "datainput", "dataoutput",
            "inputset", "outputset", "completioncondition"}
_LOOPS = ("standardloopcharacteristics", "multiinstanceloopcharacteristics")
#: elements pm4py's own BPMN-to-Petri-net conversion handles as the file means them
_PM4PY_SAFE = {"task", "usertask", "servicetask", "manualtask", "scripttask", "businessruletask",
               "sendtask", "receivetask", "exclusivegateway", "parallelgateway",
               "inclusivegateway", "startevent", "endevent", "intermediatecatchevent",
               "intermediatethrowevent"}
_BPMN_NS = "http://www.omg.org/spec/bpmn/20100524/model"


def _local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1].casefold()


def _is_bpmn(tag) -> bool:
    t = str(tag)
    return not t.startswith("{") or t[1:].split("}", 1)[0].casefold() == _BPMN_NS


class _Builder:
    """Collects places and transitions while walking the model's containers."""

    def __init__(self, source: str):
        self.source = source
        self.places: list[str] = []
        self.final: list[int] = []
        self.may_remain: set[int] = set()
        self.sinks: list[int] = []
        self.trans: list[list] = []          # [name, label, inputs, outputs]
        self.enter: dict[str, list[int]] = {}
        self.leave: dict[str, list[int]] = {}
        self.kinds: set[str] = set()
        self.gateways: list[Gateway] = []
        self.names: dict[str, str] = {}      # node id -> step label (tasks)
        self.order: list[str] = []           # step labels in document order
        self.links: dict[str, int] = {}
        self.initial: list[int] = []
        self.notes: list[str] = []
        self.all_ids: set = set()
        self.flow_ids: dict[int, str] = {}    # place -> the sequence flow it stands for

    def place(self, name: str) -> int:
        self.places.append(name)
        return len(self.places) - 1

    def add(self, node: str, name: str, label, ins, outs, *, role: str = "both") -> int:
        self.trans.append([name, label, list(ins), list(outs)])
        i = len(self.trans) - 1
        if role in ("both", "enter"):
            self.enter.setdefault(node, []).append(i)
        if role in ("both", "leave"):
            self.leave.setdefault(node, []).append(i)
        return i

    def fail(self, msg: str):
        raise InputError(f"{self.source}: {msg}", source=self.source)

    def what(self, el) -> str:
        nm, kind = el.get("name"), str(el.tag).rsplit("}", 1)[-1]
        return f"{kind} '{nm}' (id '{el.get('id')}')" if nm else \
            f"{kind} with id '{el.get('id')}'"

    # -- one container (a process or an expanded sub-process) ------------------------------
    def container(self, box, entry: int, exit_: int, *, top: bool, message_starts: dict):
        nodes, flows = {}, []
        for el in box:
            if not _is_bpmn(el.tag):
                continue
            t = _local(el.tag)
            if t == "sequenceflow":
                flows.append(el)
            elif t in _TASKS | _SUBPROCESSES | set(_GATEWAYS) | _EVENTS:
                if not el.get("id"):
                    self.fail(f"a <{t}> without an id")
                nodes[el.get("id")] = el
            elif t == "complexgateway":
                self.fail(f"{self.what(el)}: complex gateways cannot be interpreted (their "
                          "condition is free text); model it with exclusive, parallel or "
                          "inclusive gateways.")
            elif t not in _IGNORED:
                self.fail(f"{self.what(el)}: an element of kind <{el.tag.rsplit('}', 1)[-1]}> "
                          "that the kit cannot interpret in a process.")
        flow_place, incoming, outgoing = {}, {n: [] for n in nodes}, {n: [] for n in nodes}
        for f in flows:
            fid, a, b = f.get("id") or "?", f.get("sourceRef"), f.get("targetRef")
            for end, role in ((a, "source"), (b, "target")):
                if end not in nodes:
                    self.fail(f"sequence flow '{fid}' has {role} '{end}', which is not an "
                              "element of the same process" + (" (no element has that id)"
                                                               if end not in self.all_ids else
                                                               "") + ".")
            flow_place[fid] = self.place(f"flow {fid}")
            self.flow_ids[flow_place[fid]] = fid
            outgoing[a].append(flow_place[fid])
            incoming[b].append(flow_place[fid])
        boundary: dict[str, list] = {}
        for nid, el in nodes.items():
            if _local(el.tag) == "boundaryevent":
                if not outgoing[nid] or any(_local(c.tag) == "compensateeventdefinition"
                                            for c in el):
                    continue   # no path of its own (compensation is not a path of the work)
                host = el.get("attachedToRef")
                if host not in nodes:
                    self.fail(f"{self.what(el)} is attached to '{host}', which is not an "
                              "activity of the same process.")
                boundary.setdefault(host, []).append(el)
        event_subs = [n for n, el in nodes.items() if _local(el.tag) in _SUBPROCESSES
                      and str(el.get("triggeredByEvent", "")).casefold() == "true"]
        starts = [n for n, el in nodes.items() if _local(el.tag) == "startevent"
                  and n not in message_starts]
        if top and not starts and not any(n in message_starts for n in nodes):
            loose = [self.what(nodes[n]) for n in nodes if not incoming[n]
                     and _local(nodes[n].tag) not in ("boundaryevent",)
                     and n not in event_subs]
            self.fail(f"process '{box.get('name') or box.get('id')}' has no start event, so "
                      "where the work begins is not drawn" + (
                          f" (elements without incoming flows: {', '.join(loose)})"
                          if loose else "") + "; add a start event.")
        for nid, el in nodes.items():
            t = _local(el.tag)
            if nid in event_subs or t == "boundaryevent" or \
                    str(el.get("isForCompensation", "")).casefold() == "true":
                continue
            self.kinds.add(t)
            ins, outs = incoming[nid], outgoing[nid]
            if t == "startevent":
                src = message_starts.get(nid, entry)
                self.add(nid, f"start {nid}", None, [src], outs or [exit_])
                continue
            if not ins:
                if t in _GATEWAYS or t in ("endevent", "intermediatecatchevent",
                                          "intermediatethrowevent"):
                    if t == "intermediatecatchevent" and self._link(el) is not None:
                        ins = [self.links.setdefault(self._link(el), self.place(
                            f"link {self._link(el)}"))]
                    else:
                        self.fail(f"{self.what(el)} has no incoming sequence flow, so it can "
                                  "never be reached.")
                elif starts or top:
                    self.fail(f"{self.what(el)} has no incoming sequence flow, so it can "
                              "never be reached (the work begins at the start event).")
                else:
                    ins = [entry]   # a sub-process without start event: its sources begin
            if t in _GATEWAYS:
                self._gateway(nid, el, _GATEWAYS[t], ins, outs or [exit_], incoming, outgoing)
                continue
            if t == "endevent":
                for p in ins:
                    self.add(nid, f"end {nid}", None, [p], [exit_])
                continue
            if t in ("intermediatecatchevent", "intermediatethrowevent"):
                link = self._link(el)
                if link is not None:
                    self.kinds.add("link")
                if t == "intermediatethrowevent" and link is not None and not outs:
                    outs = [self.links.setdefault(link, self.place(f"link {link}"))]
                for p in ins:
                    self.add(nid, f"event {nid}", None, [p], outs or [exit_])
                continue
            # an activity: merge its incoming flows (XOR), split its outgoing ones (AND)
            p_in = ins[0]
            if len(ins) > 1:
                p_in = self.place(f"before {nid}")
                for p in ins:
                    self.add(f"merge {nid}", f"merge {nid}", None, [p], [p_in])
            p_out = list(outs or [exit_])
            nb = [b for b in boundary.get(nid, ())
                  if str(b.get("cancelActivity", "true")).casefold() == "false"]
            ib = [b for b in boundary.get(nid, ()) if b not in nb]
            for b in ib:    # interrupting: the activity does not finish, the path goes on
                self.kinds.add("boundaryevent")
                self.add(b.get("id"), f"boundary {b.get('id')}", None, [p_in],
                         outgoing[b.get("id")] or [exit_])
            for b in nb:    # non-interrupting: an extra path once, the activity still finishes
                self.kinds.add("boundaryevent")
                p2 = self.place(f"after boundary {b.get('id')}")
                self.may_remain.add(exit_)   # the extra path may end where the work ends
                self.add(b.get("id"), f"boundary {b.get('id')}", None, [p_in],
                         [p2, *(outgoing[b.get("id")] or [exit_])])
                self._activity(nid, el, p2, p_out, message_starts)
            self._activity(nid, el, p_in, p_out, message_starts, boundary=ib, outgoing=outgoing)
        for nid in event_subs:
            self.kinds.add("eventsubprocess")
            ready, done = self.place(f"may start {nid}"), self.place(f"end {nid}")
            self.initial.append(ready)
            self.final.append(done)
            self.sinks.append(done)
            self.add(nid, f"skip {nid}", None, [ready], [done])
            self.container(nodes[nid], ready, done, top=False, message_starts={})

    def _link(self, el):
        for c in el:
            if _local(c.tag) == "linkeventdefinition":
                return norm_label(el.get("name") or c.get("name") or "")
        return None

    def _gateway(self, nid, el, kind, ins, outs, incoming, outgoing):
        if kind == "parallel":
            self.add(nid, f"AND {nid}", None, ins, outs)
        elif kind == "inclusive":
            sub_in = [c for r in range(1, len(ins) + 1) for c in combinations(ins, r)]
            sub_out = [c for r in range(1, len(outs) + 1) for c in combinations(outs, r)]
            if len(sub_in) * len(sub_out) > 4096:
                self.fail(f"{self.what(el)} has too many branches to analyse.")
            for a in sub_in:
                for b in sub_out:
                    self.add(nid, f"OR {nid}", None, a, b)
        else:
            for p in ins:
                for q in outs:
                    self.add(nid, f"XOR {nid}", None, [p], [q])
        self.gateways.append(Gateway(id=nid, kind=kind, name=norm_label(el.get("name") or ""),
                                     incoming=tuple(self.flow_ids[x] for x in incoming[nid]),
                                     outgoing=tuple(self.flow_ids[x] for x in outgoing[nid])))

    def _activity(self, nid, el, p_in, p_out, message_starts, *, boundary=(), outgoing=None):
        t = _local(el.tag)
        content = [c for c in el if _is_bpmn(c.tag) and _local(c.tag) in
                   _TASKS | _SUBPROCESSES | set(_GATEWAYS) | _EVENTS]
        if t in _SUBPROCESSES and content:
            inner_in, inner_out = self.place(f"in {nid}"), self.place(f"out {nid}")
            self.add(nid, f"enter {nid}", None, [p_in], [inner_in], role="enter")
            first = len(self.places)
            self.container(el, inner_in, inner_out, top=False, message_starts={})
            self.add(nid, f"leave {nid}", None, [inner_out], p_out, role="leave")
            for b in boundary:   # an interrupting boundary may cut the sub-process anywhere
                for p in range(first, len(self.places)):
                    if p != inner_out:
                        self.add(b.get("id"), f"boundary {b.get('id')}", None, [p],
                                 outgoing[b.get("id")] or [p_out[0]])
            return
        label = norm_label(el.get("name") or "")
        if not label:
            label = nid
            self.notes.append(f"{self.what(el)} has no name; its id is used as the step.")
        self.names[nid] = label
        if label not in self.order:
            self.order.append(label)
        if any(_local(c.tag) in _LOOPS for c in el):   # a loop or multi-instance task: 1..n times
            self.kinds.add("loop")
            again = self.place(f"after {nid}")
            self.add(nid, f"{label} [{nid}]", label, [p_in], [again], role="enter")
            self.add(nid, f"again {nid}", None, [again], [p_in])
            self.add(nid, f"done {nid}", None, [again], p_out, role="leave")
            return
        self.add(nid, f"{label} [{nid}]", label, [p_in], p_out)


def read_bpmn(path: Path, *, name=None, told_by=None) -> PerceivedProcess:
    """Read a BPMN 2.0 model (see the module docstring for what is read)."""
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
    processes = [el for el in root if _local(el.tag) == "process"]
    if not processes:
        raise InputError(f"{source}: no <process> element; is this a BPMN diagram without a "
                         "process model?", source=source)
    b = _Builder(source)
    b.all_ids = {el.get("id") for el in root.iter() if el.get("id")}
    participants = {}
    message_flows = []
    for coll in (el for el in root if _local(el.tag) == "collaboration"):
        for el in coll:
            if _local(el.tag) == "participant":
                participants[el.get("id")] = el
            elif _local(el.tag) == "messageflow":
                message_flows.append(el)
    node_of = {el.get("id"): el for p in processes for el in p.iter() if el.get("id")}
    pool_of_process = {p.get("processRef"): norm_label(p.get("name") or "")
                       for p in participants.values()}
    # message flows into start events: that pool's work starts when the message arrives
    message_starts: dict[str, int] = {}
    m_place: dict[str, int] = {}
    for mf in message_flows:
        mid, a, t = mf.get("id"), mf.get("sourceRef"), mf.get("targetRef")
        for end, role in ((a, "source"), (t, "target")):
            if end not in node_of and end not in participants:
                b.fail(f"message flow '{mid}' has {role} '{end}', which is not an element of "
                       "the model.")
        if a in participants or t in participants:
            b.notes.append(f"message flow '{mid}' joins a pool drawn without its process; it "
                           "orders nothing.")
            continue
        m_place[mid] = b.place(f"message {mid}")
        if _local(node_of[t].tag) == "startevent":   # a message that starts work is taken up
            message_starts[t] = m_place[mid]
        else:   # a message may be sent on a path where nobody waits for it
            b.may_remain.add(m_place[mid])
    for proc in processes:
        src, sink = b.place(f"start {proc.get('id')}"), b.place(f"end {proc.get('id')}")
        starts = [el.get("id") for el in proc if _local(el.tag) == "startevent"]
        b.sinks.append(sink)
        if not starts or any(s not in message_starts for s in starts):
            b.initial.append(src)
            b.final.append(sink)
        else:   # started by a message: it may never start, and then need not end
            b.may_remain.add(sink)
        b.container(proc, src, sink, top=True, message_starts=message_starts)
    for mf in message_flows:
        mid = mf.get("id")
        if mid not in m_place:
            continue
        a, t = mf.get("sourceRef"), mf.get("targetRef")
        for i in b.leave.get(a, []):
            b.trans[i][3].append(m_place[mid])
        if _local(node_of[t].tag) != "startevent":
            for i in b.enter.get(t, []):
                b.trans[i][2].append(m_place[mid])
    if not b.names:
        raise InputError(f"{source}: the BPMN model has no tasks.", source=source)
    roles = _roles(root, processes, b.names, pool_of_process, len(participants) > 1)
    net = Net(tuple(b.places), tuple(Transition(n, lbl, tuple(i), tuple(o))
                                     for n, lbl, i, o in b.trans),
              tuple(sorted(b.initial)), tuple(sorted(b.final)),
              may_remain=frozenset(b.may_remain))
    flows, start, end = _drawn(net, b.sinks)
    fp = net.footprint()
    if fp is None:
        log.warning("%s: the model has too many states to list every succession it allows; "
                    "the drawn flows are used for the flow comparison", source)
        allowed = (frozenset(flows), frozenset(start), frozenset(end))
    else:
        allowed = (frozenset(fp[2]), frozenset(fp[0]), frozenset(fp[1]))
    simple = (len(processes) == 1 and not message_flows and b.kinds <= _PM4PY_SAFE)
    names = [norm_label(p.get("name")) for p in processes if p.get("name")]
    names += [x for x in pool_of_process.values() if x]
    for note in b.notes:
        log.info("%s: %s", source, note)
    return PerceivedProcess(
        name=name or (names[0] if names else path.stem), told_by=told_by,
        steps=tuple(b.order), flows=tuple(flows), start=tuple(start), end=tuple(end),
        gateways=tuple(b.gateways), source=source, kind="bpmn", net=net, footprint=allowed,
        roles=roles, replay_model="pm4py_bpmn" if simple else "net", notes=tuple(b.notes),
        element_steps=dict(b.names))


def _drawn(net: Net, sinks):
    """Step-to-step flows as drawn: from each step through silent transitions to the next
    steps (structurally, whatever the marking); start and end steps likewise."""
    consumers: dict[int, list[int]] = {}
    for i, t in enumerate(net.transitions):
        for p in t.inputs:
            consumers.setdefault(p, []).append(i)

    def next_steps(places):
        seen, out, todo = set(), [], deque(places)
        reaches_end = False
        while todo:
            p = todo.popleft()
            if p in seen:
                continue
            seen.add(p)
            if p in sinks:
                reaches_end = True
            for i in consumers.get(p, ()):
                t = net.transitions[i]
                if t.label is not None:
                    out.append(t.label)
                else:
                    todo.extend(t.outputs)
        return list(dict.fromkeys(out)), reaches_end

    flows, ends = [], []
    for t in net.transitions:
        if t.label is None:
            continue
        nxt, done = next_steps(t.outputs)
        flows += [(t.label, b) for b in nxt]
        if done:
            ends.append(t.label)
    start, _ = next_steps(net.initial)
    return list(dict.fromkeys(flows)), start, list(dict.fromkeys(ends))


def _roles(root, processes, names, pool_of_process, several_pools) -> dict[str, str]:
    """Step -> role: the lane of its task, else (several pools) its pool."""
    roles: dict[str, str] = {}
    for proc in processes:
        for lane in (el for el in proc.iter() if _local(el.tag) == "lane"):
            lane_name = norm_label(lane.get("name") or "")
            if not lane_name:
                continue
            for ref in lane:
                if _local(ref.tag) == "flownoderef" and (ref.text or "").strip() in names:
                    roles.setdefault(names[ref.text.strip()], lane_name)
        pool = pool_of_process.get(proc.get("id"))
        if several_pools and pool:
            for el in proc.iter():
                if el.get("id") in names:
                    roles.setdefault(names[el.get("id")], pool)
    return roles
