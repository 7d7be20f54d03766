"""Building blocks of the sample scenarios: people, usage logs, observations, file writers.

Used by `shadowing.datasets.generator` only. Everything takes a `numpy.random.Generator` and is
deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import yaml

FIXED_TIME = dt.datetime(2026, 3, 1, 12, 0, 0)


# -- writing files ---------------------------------------------------------------------------

def csv_bytes(frame: pd.DataFrame, *, sep: str = ",", encoding: str = "utf-8",
              newline: str = "\n") -> bytes:
    text = frame.to_csv(index=False, sep=sep, lineterminator=newline)
    return text.encode(encoding)


def xlsx_bytes(sheets: dict[str, pd.DataFrame], *, widths: dict[str, float] | None = None) -> bytes:
    """An .xlsx workbook with fixed document times and zip entry dates: byte-identical."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            ws.append([None if (v is None or (isinstance(v, float) and np.isnan(v))) else
                       (v.to_pydatetime() if isinstance(v, pd.Timestamp) else v) for v in row])
        for j, col in enumerate(frame.columns, start=1):
            letter = get_column_letter(j)
            if pd.api.types.is_datetime64_any_dtype(frame[col].dtype):
                for cell in ws[letter][1:]:
                    cell.number_format = "dd/mm/yyyy hh:mm:ss"
                ws.column_dimensions[letter].width = 20
            else:
                ws.column_dimensions[letter].width = (widths or {}).get(str(col), 16)
        ws.freeze_panes = "A2"
    wb.properties.creator = "CRM export"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "CRM export"
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with a fixed date on every entry (openpyxl stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=(2026, 3, 1, 12, 0, 0))
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o600 << 16
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' at save time
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2026-03-01T12:00:00Z\g<2>", body)
            dst.writestr(new, body)
    return out.getvalue()


def yaml_text(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=None)


# -- people ----------------------------------------------------------------------------------

@dataclass
class Person:
    user: str
    name: str
    team: str
    role: str
    start: dt.date
    leave: dt.date | None = None
    firm: str | None = None


def weights(n: int, rng: np.random.Generator) -> np.ndarray:
    """Skewed workload: a few people handle many cases."""
    return rng.pareto(1.5, n) + 0.4


# -- usage logs ------------------------------------------------------------------------------

@dataclass
class Curve:
    """Adoption per week after go-live: ``shares[k]`` is the target share in week ``k + 1``."""

    shares: list[float]


def usage_log(people: list[Person], *, group_of, go_live: dict, curves: dict, weeks,
              calendars: dict, actions: list[str], action_p: list[float], rng: np.random.Generator,
              system: str, rate=(4.0, 14.0), pre_users: int = 0) -> pd.DataFrame:
    """Usage events so that exactly ``round(share * employed)`` people of each group are active
    (at least one event) in each week after go-live. Weeks start on the go-live (a Monday).
    ``weeks`` is a number, or a mapping group -> number so that groups with different go-lives
    end on the same export date.

    Active people are the employed ones with the best (lowest) fixed rank in their group, so
    adoption grows or shrinks by people starting or stopping, the way it happens.
    """
    rows_user, rows_time = [], []
    groups = sorted({group_of(p) for p in people})
    lam = {p.user: rng.uniform(*rate) for p in people}
    rank = {}
    for g in groups:
        members = [p for p in people if group_of(p) == g]
        order = rng.permutation(len(members))
        for r, i in enumerate(order):
            rank[members[i].user] = r
    for g in groups:
        members = [p for p in people if group_of(p) == g]
        gl = pd.Timestamp(go_live[g])
        cal = calendars[g]
        shares = curves[g].shares
        n_weeks = weeks[g] if isinstance(weeks, dict) else weeks
        for w in range(-1 if pre_users else 0, n_weeks):
            wk_start = gl + pd.Timedelta(days=7 * w)
            wk_end = wk_start + pd.Timedelta(days=6)
            employed = [p for p in members
                        if pd.Timestamp(p.start) <= wk_end
                        and (p.leave is None or pd.Timestamp(p.leave) >= wk_end)]
            employed.sort(key=lambda p: rank[p.user])
            if w < 0:
                active = employed[:pre_users]
            else:
                share = shares[min(w, len(shares) - 1)]
                active = employed[:int(round(share * len(employed)))]
            days = cal.days[(cal.days >= np.datetime64(wk_start.date()))
                            & (cal.days <= np.datetime64(wk_end.date()))]
            if len(days) == 0:
                continue
            for p in active:
                k = 1 + rng.poisson(lam[p.user] * (0.3 if w < 0 else 1.0))
                d = days[rng.integers(0, len(days), k)]
                minute = rng.beta(1.8, 2.2, k) * (cal.day_len - 1)
                secs = np.round((cal.day_start + minute) * 60).astype(np.int64)
                rows_user += [p.user] * k
                rows_time.append(d.astype("datetime64[s]") + secs.astype("timedelta64[s]"))
    times = np.concatenate(rows_time)
    out = pd.DataFrame({"user": rows_user, "timestamp": times})
    out["system"] = system
    out["action"] = np.asarray(actions, dtype=object)[
        rng.choice(len(actions), len(out), p=np.asarray(action_p) / np.sum(action_p))]
    return out


def adoption_share(usage: pd.DataFrame, people: list[Person], *, group_of, group, go_live,
                   week: int) -> tuple[int, int]:
    """(active, employed) in week ``week`` after go-live, for the README and truth.yaml."""
    gl = pd.Timestamp(go_live)
    end = gl + pd.Timedelta(days=7 * week - 1)
    lo = end - pd.Timedelta(days=6)
    members = [p for p in people if (group is None or group_of(p) == group)
               and pd.Timestamp(p.start) <= end and (p.leave is None or pd.Timestamp(p.leave) >= end)]
    users = {p.user.casefold() for p in members}
    day = usage["timestamp"].dt.normalize()
    seen = set(usage.loc[(day >= lo) & (day <= end), "user"].str.casefold())
    return len(users & seen), len(users)


# -- observations ----------------------------------------------------------------------------

@dataclass
class Row:
    """One stretch in an observation block."""

    activity: str
    tool: str
    minutes: float                 # median minutes
    sigma: float = 0.5
    waste: str = ""
    notes: tuple[str, ...] = ()
    p_note: float = 0.0
    severity: tuple[int, int] | None = None
    case: bool = False


@dataclass
class Block:
    rows: list[Row]
    weight: float


@dataclass
class Shadow:
    """One shadowed person-day."""

    observer: str
    person: str
    role: str
    date: str
    start_min: int                 # minutes after midnight
    length_min: int
    blocks: list[Block]
    time_style: str = ":"          # ":", ".", "u"
    extra: dict = field(default_factory=dict)


def clock(minutes: int, style: str) -> str:
    h, m = divmod(int(minutes), 60)
    if style == ".":
        return f"{h}.{m:02d}"
    if style == "u":
        return f"{h}u{m:02d}"
    if style == "0":
        return f"{h:02d}:{m:02d}"
    return f"{h}:{m:02d}"


def observe(shadows: list[Shadow], rng: np.random.Generator, case_ids) -> pd.DataFrame:
    """Rows of field notes: contiguous stretches of whole minutes, blocks drawn by weight."""
    out = []
    for sh in shadows:
        t = sh.start_min
        end_of_day = sh.start_min + sh.length_min
        w = np.array([b.weight for b in sh.blocks])
        while t < end_of_day - 5:
            block = sh.blocks[rng.choice(len(sh.blocks), p=w / w.sum())]
            case = str(case_ids(sh, rng)) if any(r.case for r in block.rows) else ""
            for r in block.rows:
                dur = max(1, int(round(rng.lognormal(np.log(r.minutes), r.sigma))))
                note = ""
                if r.notes and rng.random() < r.p_note:
                    note = r.notes[rng.integers(0, len(r.notes))]
                sev = ""
                if note and r.severity:
                    sev = str(rng.integers(r.severity[0], r.severity[1] + 1))
                out.append({"observer": sh.observer, "person": sh.person, "role": sh.role,
                            "date": sh.date, "start": t, "end": t + dur, "activity": r.activity,
                            "case": case if r.case else "", "tool": r.tool, "waste": r.waste,
                            "note": note, "severity": sev, "style": sh.time_style, **sh.extra})
                t += dur
            if rng.random() < 0.08:  # the observer stepped away: a gap in the notes
                t += int(rng.integers(5, 20))
    return pd.DataFrame(out)


def duration_text(minutes: int, rng: np.random.Generator) -> str:
    """How people write a duration: ``5``, ``5 min``, ``1u30``, ``00:05:00``."""
    k = rng.integers(0, 4)
    if k == 0:
        return str(minutes)
    if k == 1:
        return f"{minutes} min"
    if k == 2 and minutes >= 60:
        return f"{minutes // 60}u{minutes % 60:02d}"
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def observed_off_share(obs: pd.DataFrame, official_tools: set[str], tool_map: dict) -> float:
    """Share of observed minutes in a tool that is not official (tools normalised by map)."""
    minutes = obs["end"] - obs["start"]
    tools = obs["tool"].map(lambda s: tool_map.get(s.casefold(), s))
    off = ~tools.isin(official_tools)
    return float(minutes[off].sum() / minutes.sum())


def tools_per_activity(obs: pd.DataFrame, tool_map: dict) -> pd.Series:
    tools = obs["tool"].map(lambda s: tool_map.get(s.casefold(), s))
    return tools.groupby(obs["activity"]).nunique().sort_values(ascending=False)


# -- BPMN ------------------------------------------------------------------------------------

def bpmn_xml(process_name: str, steps: list[str], *, gateway_skip: tuple[int, int] | None = None) -> str:
    """BPMN 2.0 XML with a diagram, the way bpmn.io exports a simple sequence of tasks.

    ``gateway_skip=(i, j)``: an exclusive gateway before step ``i`` lets the flow jump to step
    ``j`` (steps ``i..j-1`` may be skipped).
    """
    from xml.sax.saxutils import quoteattr  # noqa: PLC0415

    ids = [f"Activity_{i + 1:03d}" for i in range(len(steps))]
    nodes = [("StartEvent_1", "startEvent", "Start")]
    chain = ["StartEvent_1"]
    for i, (tid, name) in enumerate(zip(ids, steps)):
        if gateway_skip and i == gateway_skip[0]:
            nodes.append(("Gateway_split", "exclusiveGateway", ""))
            chain.append("Gateway_split")
        if gateway_skip and i == gateway_skip[1]:
            nodes.append(("Gateway_join", "exclusiveGateway", ""))
            chain.append("Gateway_join")
        nodes.append((tid, "task", name))
        chain.append(tid)
    nodes.append(("Event_end", "endEvent", "Klaar"))
    chain.append("Event_end")
    flows = list(zip(chain, chain[1:]))
    if gateway_skip:
        flows.append(("Gateway_split", "Gateway_join"))
    flow_ids = [f"Flow_{i + 1:03d}" for i in range(len(flows))]
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for fid, (a, b) in zip(flow_ids, flows):
        outgoing.setdefault(a, []).append(fid)
        incoming.setdefault(b, []).append(fid)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
             'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
             'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
             'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions_1" '
             'targetNamespace="http://bpmn.io/schema/bpmn" exporter="bpmn-js (https://demo.bpmn.io)" '
             'exporterVersion="17.11.1">',
             f'  <bpmn:process id="Process_1" name={quoteattr(process_name)} isExecutable="false">']
    for nid, kind, name in nodes:
        attr = f" name={quoteattr(name)}" if name else ""
        inner = [f"      <bpmn:incoming>{f}</bpmn:incoming>" for f in incoming.get(nid, [])]
        inner += [f"      <bpmn:outgoing>{f}</bpmn:outgoing>" for f in outgoing.get(nid, [])]
        lines.append(f'    <bpmn:{kind} id="{nid}"{attr}>')
        lines += inner
        lines.append(f"    </bpmn:{kind}>")
    for fid, (a, b) in zip(flow_ids, flows):
        lines.append(f'    <bpmn:sequenceFlow id="{fid}" sourceRef="{a}" targetRef="{b}" />')
    lines.append("  </bpmn:process>")
    # diagram: everything on one row
    lines.append('  <bpmndi:BPMNDiagram id="BPMNDiagram_1">')
    lines.append('    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">')
    pos = {}
    x = 150
    for nid, kind, _ in nodes:
        w, h = (36, 36) if kind.endswith("Event") else (50, 50) if kind == "exclusiveGateway" else (100, 80)
        y = 120 - h // 2
        pos[nid] = (x, y, w, h)
        lines.append(f'      <bpmndi:BPMNShape id="{nid}_di" bpmnElement="{nid}">')
        lines.append(f'        <dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}" />')
        lines.append("      </bpmndi:BPMNShape>")
        x += w + 50
    for fid, (a, b) in zip(flow_ids, flows):
        ax, ay, aw, ah = pos[a]
        bx, by, bw, bh = pos[b]
        lines.append(f'      <bpmndi:BPMNEdge id="{fid}_di" bpmnElement="{fid}">')
        if a == "Gateway_split" and b == "Gateway_join":
            lines.append(f'        <di:waypoint x="{ax + aw // 2}" y="{ay}" />')
            lines.append(f'        <di:waypoint x="{ax + aw // 2}" y="40" />')
            lines.append(f'        <di:waypoint x="{bx + bw // 2}" y="40" />')
            lines.append(f'        <di:waypoint x="{bx + bw // 2}" y="{by}" />')
        else:
            lines.append(f'        <di:waypoint x="{ax + aw}" y="{ay + ah // 2}" />')
            lines.append(f'        <di:waypoint x="{bx}" y="{by + bh // 2}" />')
        lines.append("      </bpmndi:BPMNEdge>")
    lines.append("    </bpmndi:BPMNPlane>")
    lines.append("  </bpmndi:BPMNDiagram>")
    lines.append("</bpmn:definitions>")
    return "\n".join(lines) + "\n"
