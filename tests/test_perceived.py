"""read_perceived: YAML, CSV edge lists, BPMN 2.0 and PNML, and their error messages."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from shadowing import InputError, PerceivedProcess, read_perceived
from shadowing.io.perceived import parse_duration

YAML = """\
name: Order intake
told_by: Sales manager
steps:
  - Receive order
  - Check stock in ERP
  - Confirm
  - Ship
durations:
  Check stock in ERP: 2 min
  Confirm → Ship: 1 dag
  Receive order -> Check stock in ERP: 1u30
aliases:
  Confirm: [Order confirmed, Bevestigd]
  Ship: Shipped
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def order_yaml(tmp_path):
    return write(tmp_path, "perceived.yaml", YAML)


# -- durations -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2 min", pd.Timedelta(minutes=2)), ("1 day", pd.Timedelta(days=1)),
    ("1u30", pd.Timedelta(hours=1, minutes=30)), ("1h30", pd.Timedelta(hours=1, minutes=30)),
    ("3 uur", pd.Timedelta(hours=3)), ("2 dagen", pd.Timedelta(days=2)),
    ("00:05:00", pd.Timedelta(minutes=5)), ("1:30", pd.Timedelta(hours=1, minutes=30)),
    ("1,5 uur", pd.Timedelta(minutes=90)), ("1 dag en 2 uur", pd.Timedelta(hours=26)),
    ("2 weken", pd.Timedelta(days=14)), ("45 seconden", pd.Timedelta(seconds=45)),
    ("10", pd.Timedelta(minutes=10)), (5, pd.Timedelta(minutes=5)),
])
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text, match", [
    ("2 lightyears", "unknown unit 'lightyears'"), ("soon", "cannot read duration 'soon'"),
    ("", "empty duration"),
])
def test_parse_duration_errors(text, match):
    with pytest.raises(ValueError, match=match):
        parse_duration(text)


# -- YAML ----------------------------------------------------------------------------------

def test_yaml_defaults_and_fields(order_yaml):
    p = read_perceived(order_yaml)
    assert isinstance(p, PerceivedProcess)
    assert p.name == "Order intake" and p.told_by == "Sales manager"
    assert p.steps == ("Receive order", "Check stock in ERP", "Confirm", "Ship")
    assert p.flows == (("Receive order", "Check stock in ERP"), ("Check stock in ERP", "Confirm"),
                       ("Confirm", "Ship"))
    assert p.start == ("Receive order",) and p.end == ("Ship",)
    assert p.durations == {"Check stock in ERP": pd.Timedelta(minutes=2),
                           ("Confirm", "Ship"): pd.Timedelta(days=1),
                           ("Receive order", "Check stock in ERP"): pd.Timedelta(minutes=90)}
    assert p.aliases == {"Confirm": ("Order confirmed", "Bevestigd"), "Ship": ("Shipped",)}
    assert p.kind == "yaml" and p.source == str(order_yaml)
    assert "Order intake" in p._repr_html_() and "Sales manager" in repr(p)


def test_yaml_override_name_and_teller(order_yaml):
    p = read_perceived(order_yaml, name="Intake", told_by="team")
    assert (p.name, p.told_by) == ("Intake", "team")


def test_explicit_flows_start_end_and_dutch_keys():
    p = read_perceived({
        "naam": "Levering", "verteld_door": "team",
        "stappen": ["A", "B", "C", "D"],
        "stromen": [["A", "B"], "B -> C", "C → D", {"C": "B"}],
        "begin": ["A"], "einde": "D",
    })
    assert p.flows == (("A", "B"), ("B", "C"), ("C", "D"), ("C", "B"))
    assert p.start == ("A",) and p.end == ("D",)


def test_optional_steps_are_bypassed():
    p = read_perceived({"name": "x", "steps": ["a", "b", "c", "d"], "optional": ["b", "c"]})
    assert p.flows == (("a", "b"), ("b", "c"), ("c", "d"))           # as told
    assert p.allowed_flows == {("a", "b"), ("b", "c"), ("c", "d"), ("a", "c"), ("b", "d"),
                               ("a", "d")}
    p2 = read_perceived({"name": "x", "steps": ["a", "b", "c"], "optional": ["a"]})
    assert p2.allowed_start == {"a", "b"}


def test_alternatives_replace_the_chain():
    p = read_perceived({"name": "x", "steps": ["order", "ship", "pick up", "invoice"],
                        "alternatives": [["ship", "pick up"]]})
    assert set(p.flows) == {("order", "ship"), ("order", "pick up"), ("ship", "invoice"),
                            ("pick up", "invoice")}
    assert p.alternatives == (("ship", "pick up"),)
    p2 = read_perceived({"name": "x", "steps": ["a", "b", "c"], "alternatives": [["b", "c"]]})
    assert p2.end == ("b", "c")


def test_steps_as_mappings():
    p = read_perceived({"name": "x", "steps": [
        "a", {"name": "b", "duration": "5 min", "aliases": ["B1"], "optional": True}, "c"]})
    assert p.durations == {"b": pd.Timedelta(minutes=5)}
    assert p.aliases == {"b": ("B1",)} and p.optional == ("b",)


def test_labels_are_cleaned_like_the_log():
    p = read_perceived({"name": "x", "steps": ["  Round   Q.C. ", "Ship"]})
    assert p.steps == ("Round Q.C.", "Ship")


def test_perceived_process_passes_through(order_yaml):
    p = read_perceived(order_yaml)
    assert read_perceived(p) is p
    assert read_perceived(p, told_by="team").told_by == "team"


@pytest.mark.parametrize("text, match", [
    ("name: x\nsteps:\n  - a\n - b\n", r"line \d+: not valid YAML"),
    ("name: x\nstpes: [a, b]\n", r"line 2\): unknown key 'stpes'. Did you mean 'steps'\?"),
    ("name: x\n", "no 'steps'"),
    ("- a\n- b\n", "expected a mapping"),
    ("name: x\nsteps: [a, b]\nflows: [[a, c]]\n",
     r"line 3, 'flows'\): 'flows' names 'c', which is not one of the steps"),
    ("name: x\nsteps: [Check stock, b]\nflows: [[check stock, b]]\n",
     "Did you mean 'Check stock'"),
    ("name: x\nsteps: [a, b]\nstart: [z]\n", "'start' names 'z'"),
    ("name: x\nsteps: [a, b]\ndurations:\n  a: 2 lightyears\n", "duration of 'a': unknown unit"),
    ("name: x\nsteps: [a, b]\ndurations:\n  a -> q: 2 min\n", "'durations' names 'q'"),
    ("name: x\nsteps: [a, b]\naliases:\n  q: [z]\n", "'aliases' names 'q'"),
    ("name: x\nsteps: [a, a]\n", "listed twice"),
    ("name: x\nsteps: []\n", "no steps"),
    ("name: x\nsteps: [a, b]\nalternatives: [[a]]\n", "two or more steps"),
    ("name: x\nsteps: [a, b]\nflows: [a b]\n", "each flow is"),
    ("name: x\nsteps: [a, b]\noptional: [c]\n", "'optional' names 'c'"),
    ("name: x\nsteps: [a, b]\nscope: partial\n",
     r"line 3, 'scope'\): 'scope' must be 'process' .* or 'part' .*found 'partial'. "
     r"Did you mean 'part'\?"),
    ("name: x\nsteps: [a, b]\nbereik: [deel]\n", r"line 3, 'bereik'\): 'scope' must be"),
])
def test_yaml_errors(tmp_path, text, match):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(InputError, match=match):
        read_perceived(path)


@pytest.mark.parametrize("text, expected", [
    ("", "process"), ("scope: part\n", "part"), ("scope: Process\n", "process"),
    ("bereik: deel\n", "part"), ("bereik: proces\n", "process"), ("scope:\n", "process"),
])
def test_yaml_scope(tmp_path, text, expected):
    p = read_perceived(write(tmp_path, "p.yaml", "name: x\nsteps: [a, b]\n" + text))
    assert p.scope == expected
    assert ("part of the process" in repr(p)) == (expected == "part")
    assert read_perceived({"steps": ["a"], "scope": "deel"}).scope == "part"


def test_file_errors(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_perceived(tmp_path / "nope.yaml")
    odd = write(tmp_path, "p.docx", "x")
    with pytest.raises(InputError, match="cannot tell the format from '.docx'"):
        read_perceived(odd)


# -- CSV -----------------------------------------------------------------------------------

def test_csv_edge_list_english(tmp_path):
    path = write(tmp_path, "flows.csv", "from,to\nReceive,Check\nCheck,Confirm\nConfirm,Ship\n")
    p = read_perceived(path, told_by="team")
    assert p.steps == ("Receive", "Check", "Confirm", "Ship")
    assert p.start == ("Receive",) and p.end == ("Ship",)
    assert p.kind == "csv" and p.name == "flows" and p.told_by == "team"


def test_csv_edge_list_dutch_with_start_end_and_durations(tmp_path):
    path = write(tmp_path, "stromen.csv",
                 "van;naar;duur\nstart;Ontvangen;\nOntvangen;Controleren;1 uur\n"
                 "Controleren;Ontvangen;\nControleren;Bevestigen;2 dagen\nBevestigen;einde;\n")
    p = read_perceived(path)
    assert p.steps == ("Ontvangen", "Controleren", "Bevestigen")
    assert p.start == ("Ontvangen",) and p.end == ("Bevestigen",)
    assert ("Controleren", "Ontvangen") in p.flows
    assert p.durations[("Controleren", "Bevestigen")] == pd.Timedelta(days=2)


@pytest.mark.parametrize("text, match", [
    ("a,b\nx,y\n", r"no 'from' column; expected one of from, van"),
    ("from,to\nx,\n", "line 2: a flow needs both 'from' and 'to'"),
    ("from,to,duration\nx,y,soon\n", "line 2, column 'duration': cannot read duration"),
])
def test_csv_errors(tmp_path, text, match):
    with pytest.raises(InputError, match=match):
        read_perceived(write(tmp_path, "bad.csv", text))


# -- BPMN ----------------------------------------------------------------------------------

CAMUNDA = """\
<?xml version="1.0" encoding="UTF-8"?>
<bpmn2:definitions xmlns:bpmn2="http://www.omg.org/spec/BPMN/20100524/MODEL"
                   xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d1">
  <bpmn2:process id="p1" name="Order to cash" isExecutable="true">
    <bpmn2:startEvent id="s"/>
    <bpmn2:userTask id="t1" name="Receive&#10;order"/>
    <bpmn2:parallelGateway id="g1"/>
    <bpmn2:serviceTask id="t2" name="Check stock"/>
    <bpmn2:manualTask id="t3" name="Check credit"/>
    <bpmn2:parallelGateway id="g2"/>
    <bpmn2:exclusiveGateway id="x1" name="ok?"/>
    <bpmn2:sendTask id="t4" name="Confirm"/>
    <bpmn2:task id="t5" name="Reject"/>
    <bpmn2:endEvent id="e"/>
    <bpmn2:sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
    <bpmn2:sequenceFlow id="f2" sourceRef="t1" targetRef="g1"/>
    <bpmn2:sequenceFlow id="f3" sourceRef="g1" targetRef="t2"/>
    <bpmn2:sequenceFlow id="f4" sourceRef="g1" targetRef="t3"/>
    <bpmn2:sequenceFlow id="f5" sourceRef="t2" targetRef="g2"/>
    <bpmn2:sequenceFlow id="f6" sourceRef="t3" targetRef="g2"/>
    <bpmn2:sequenceFlow id="f7" sourceRef="g2" targetRef="x1"/>
    <bpmn2:sequenceFlow id="f8" sourceRef="x1" targetRef="t4"/>
    <bpmn2:sequenceFlow id="f9" sourceRef="x1" targetRef="t5"/>
    <bpmn2:sequenceFlow id="f10" sourceRef="t4" targetRef="e"/>
    <bpmn2:sequenceFlow id="f11" sourceRef="t5" targetRef="e"/>
  </bpmn2:process>
</bpmn2:definitions>
"""


def test_bpmn_camunda_style(tmp_path):
    p = read_perceived(write(tmp_path, "order.bpmn", CAMUNDA))
    assert p.kind == "bpmn" and p.name == "Order to cash"
    assert p.steps == ("Receive order", "Check stock", "Check credit", "Confirm", "Reject")
    assert p.start == ("Receive order",) and set(p.end) == {"Confirm", "Reject"}
    assert ("Receive order", "Check stock") in p.flows and ("Check stock", "Confirm") in p.flows
    # parallel branches: either order is allowed, but not both checks skipped
    assert {("Check stock", "Check credit"), ("Check credit", "Check stock")} <= p.allowed_flows
    assert ("Receive order", "Confirm") not in p.allowed_flows
    assert {g.kind for g in p.gateways} == {"parallel", "exclusive"}
    assert p.has_parallel


def test_bpmn_real_models(real_data):
    sepsis = read_perceived(real_data / "sepsis" / "sepsis.bpmn")
    assert len(sepsis.steps) == 16 and sepsis.start == ("ER Registration",)
    assert {"Release A", "Return ER"} <= set(sepsis.end)
    run = read_perceived(real_data / "running-example" / "running-example.bpmn")
    assert set(run.steps) == {"register request", "examine thoroughly", "examine casually",
                              "check ticket", "decide", "reinitiate request",
                              "pay compensation", "reject request"}
    assert ("check ticket", "examine casually") in run.allowed_flows      # parallel
    assert ("examine casually", "examine thoroughly") not in run.allowed_flows   # exclusive


def test_pnml(real_data):
    p = read_perceived(real_data / "running-example" / "running-example.pnml")
    assert p.kind == "pnml" and len(p.steps) == 8
    assert p.start == ("register request",)


def test_to_petri_net_is_a_pm4py_net(real_data):
    p = read_perceived(real_data / "running-example" / "running-example.bpmn")
    net, im, fm = p.to_petri_net()
    labels = {t.label for t in net.transitions if t.label}
    assert labels == set(p.steps)
    assert sum(im.values()) == 1 and sum(fm.values()) == 1


@pytest.mark.parametrize("text, match", [
    ("<definitions><process>", r"line \d+: not valid XML"),
    ("<model/>", "the root element is <model>, expected <definitions>"),
    ("<definitions xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'/>", "no <process>"),
    ("<definitions><process id='p'><startEvent id='s'/></process></definitions>", "no tasks"),
])
def test_bpmn_errors(tmp_path, text, match):
    with pytest.raises(InputError, match=match):
        read_perceived(write(tmp_path, "bad.bpmn", text))


# -- BPMN as modelling tools write it -----------------------------------------------------------

from pathlib import Path  # noqa: E402

from shadowing.analysis.compare.comparison import compare  # noqa: E402

CASES = Path(__file__).resolve().parents[1].parent / "shared" / "cases"
BPMN_NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def bpmn(tmp_path, body: str, *, collaboration: str = "", name="model.bpmn"):
    """A bpmn.io-style file around one process body (and optional collaboration)."""
    return write(tmp_path, name, f'<?xml version="1.0" encoding="UTF-8"?>\n'
                 f'<bpmn:definitions {BPMN_NS} id="d">{collaboration}{body}</bpmn:definitions>')


def fits(p, cases: dict[str, list[str]]) -> dict[str, bool]:
    rows = [(c, a, pd.Timestamp("2026-02-02 08:00") + pd.Timedelta(hours=i))
            for c, acts in cases.items() for i, a in enumerate(acts)]
    log = pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp"])
    return compare(p, log).variants.set_index("example_case")["fits"].to_dict()


def flows(*pairs) -> str:
    return "".join(f'<bpmn:sequenceFlow id="f{i}" sourceRef="{a}" targetRef="{b}"/>'
                   for i, (a, b) in enumerate(pairs))


@pytest.mark.parametrize("trigger, cancel", [
    ("timerEventDefinition", "true"), ("timerEventDefinition", "false"),
    ("errorEventDefinition", "true"),      # an error boundary event always interrupts
    ("messageEventDefinition", "true"), ("messageEventDefinition", "false"),
    ("escalationEventDefinition", "true"), ("escalationEventDefinition", "false")])
def test_bpmn_boundary_events(tmp_path, cancel, trigger):
    """Interrupting: the exception path instead of finishing the task; non-interrupting: an
    extra path beside it, the task still finishes."""
    body = (f'<bpmn:process id="P"><bpmn:startEvent id="s"/><bpmn:task id="a" name="A"/>'
            f'<bpmn:task id="b" name="B"/><bpmn:task id="x" name="X"/>'
            f'<bpmn:boundaryEvent id="be" attachedToRef="b" cancelActivity="{cancel}">'
            f'<bpmn:{trigger}/></bpmn:boundaryEvent>'
            f'<bpmn:task id="c" name="C"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>'
            + flows(("s", "a"), ("a", "b"), ("b", "c"), ("c", "e1"), ("be", "x"), ("x", "e2"))
            + '</bpmn:process>')
    p = read_perceived(bpmn(tmp_path, body))
    got = fits(p, {"normal": ["A", "B", "C"], "exception": ["A", "X"],
                   "both": ["A", "X", "B", "C"], "both2": ["A", "B", "X", "C"],
                   "neither": ["A", "C"]})
    if cancel == "true":
        assert got == {"normal": True, "exception": True, "both": False, "both2": False,
                       "neither": False}
        assert ("A", "X") in p.allowed_flows and p.replay_model == "net"
    else:
        assert got == {"normal": True, "exception": False, "both": True, "both2": True,
                       "neither": False}


def test_bpmn_subprocesses_and_call_activities(tmp_path):
    body = ('<bpmn:process id="P"><bpmn:startEvent id="s"/><bpmn:task id="a" name="Intake"/>'
            '<bpmn:subProcess id="sp" name="Handle"><bpmn:startEvent id="ss"/>'
            '<bpmn:task id="b" name="Check"/><bpmn:task id="c" name="Fix"/>'
            '<bpmn:endEvent id="se"/>' + flows(("ss", "b"), ("b", "c"), ("c", "se")).replace(
                'id="f', 'id="sf') + '</bpmn:subProcess>'
            '<bpmn:subProcess id="collapsed" name="Archive"/>'
            '<bpmn:callActivity id="ca" name="Invoice" calledElement="billing"/>'
            '<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="es">'
            '<bpmn:messageEventDefinition/></bpmn:startEvent><bpmn:task id="q" name="Answer question"/>'
            '<bpmn:endEvent id="ee"/>' + flows(("es", "q"), ("q", "ee")).replace('id="f', 'id="ef')
            + '</bpmn:subProcess><bpmn:endEvent id="e"/>'
            + flows(("s", "a"), ("a", "sp"), ("sp", "collapsed"), ("collapsed", "ca"), ("ca", "e"))
            + '</bpmn:process>')
    p = read_perceived(bpmn(tmp_path, body))
    assert p.steps == ("Intake", "Check", "Fix", "Archive", "Invoice", "Answer question")
    assert ("Intake", "Check") in p.flows and ("Fix", "Archive") in p.flows
    assert fits(p, {"1": ["Intake", "Check", "Fix", "Archive", "Invoice"],
                    "2": ["Intake", "Check", "Answer question", "Fix", "Archive", "Invoice"],
                    "3": ["Intake", "Fix", "Archive", "Invoice"],
                    "4": ["Intake", "Check", "Fix", "Archive", "Invoice", "Answer question",
                          "Answer question"]}) == {"1": True, "2": True, "3": False, "4": False}


def test_bpmn_lanes_and_collaboration_with_message_flows(tmp_path):
    """Two pools: sales hands the order over to the warehouse by a message flow, which
    orders the work; lanes and pools become roles."""
    sales = ('<bpmn:process id="Sales"><bpmn:laneSet><bpmn:lane id="L1" name="Front office">'
             '<bpmn:flowNodeRef>a</bpmn:flowNodeRef></bpmn:lane><bpmn:lane id="L2" '
             'name="Back office"><bpmn:flowNodeRef>b</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>'
             '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Take order"/>'
             '<bpmn:sendTask id="b" name="Send order"/><bpmn:endEvent id="e"/>'
             + flows(("s", "a"), ("a", "b"), ("b", "e")) + '</bpmn:process>')
    stock = ('<bpmn:process id="Stock"><bpmn:startEvent id="s2"><bpmn:messageEventDefinition/>'
             '</bpmn:startEvent><bpmn:task id="c" name="Pick"/><bpmn:task id="d" name="Ship"/>'
             '<bpmn:endEvent id="e2"/>' + flows(("s2", "c"), ("c", "d"), ("d", "e2")).replace(
                 'id="f', 'id="g') + '</bpmn:process>')
    coll = ('<bpmn:collaboration id="C"><bpmn:participant id="p1" name="Sales" processRef="Sales"/>'
            '<bpmn:participant id="p2" name="Warehouse" processRef="Stock"/>'
            '<bpmn:messageFlow id="m1" sourceRef="b" targetRef="s2"/></bpmn:collaboration>')
    p = read_perceived(bpmn(tmp_path, sales + stock, collaboration=coll))
    assert p.roles == {"Take order": "Front office", "Send order": "Back office",
                       "Pick": "Warehouse", "Ship": "Warehouse"}
    assert fits(p, {"1": ["Take order", "Send order", "Pick", "Ship"],
                    "2": ["Take order", "Pick", "Send order", "Ship"],
                    "3": ["Take order", "Send order"]}) == {"1": True, "2": False, "3": False}


@pytest.mark.parametrize("element, match", [
    ('<bpmn:complexGateway id="cg" name="Which?"/>',
     "complexGateway 'Which\\?' \\(id 'cg'\\): complex gateways cannot be interpreted"),
    ('<bpmn:choreographyTask id="ch" name="Talk"/>', "'Talk' \\(id 'ch'\\).*cannot interpret"),
])
def test_bpmn_elements_the_kit_cannot_interpret_are_named(tmp_path, element, match):
    body = ('<bpmn:process id="P"><bpmn:startEvent id="s"/><bpmn:task id="a" name="A"/>'
            + element + '<bpmn:endEvent id="e"/>' + flows(("s", "a"), ("a", "e"))
            + '</bpmn:process>')
    with pytest.raises(InputError, match=match):
        read_perceived(bpmn(tmp_path, body))


def test_bpmn_flow_to_a_missing_element_and_no_start_event(tmp_path):
    body = ('<bpmn:process id="P"><bpmn:startEvent id="s"/><bpmn:task id="a" name="A"/>'
            '<bpmn:endEvent id="e"/>' + flows(("s", "a"), ("a", "e"), ("a", "ghost"))
            + '</bpmn:process>')
    with pytest.raises(InputError, match="sequence flow 'f2' has target 'ghost'.*no element"):
        read_perceived(bpmn(tmp_path, body))
    body = ('<bpmn:process id="P" name="Orders"><bpmn:task id="a" name="A"/>'
            '<bpmn:task id="b" name="B"/>' + flows(("a", "b")) + '</bpmn:process>')
    with pytest.raises(InputError, match="process 'Orders' has no start event.*task 'A'"):
        read_perceived(bpmn(tmp_path, body))


@pytest.mark.parametrize("name, match", [
    ("bp_dangling_flow.bpmn", "sequence flow 'f9' has target 'ghost'"),
    ("bp_no_start.bpmn", "process 'P' has no start event"),
    ("pe_bomb_durations.yaml", "line 3: the YAML would expand to more than .* refused as an alias bomb"),
])
def test_reliability_cases(name, match):
    path = CASES / "reliability" / name
    if not path.exists():
        pytest.skip(f"reliability cases not available: {path} does not exist")
    with pytest.raises(InputError, match=match):
        read_perceived(path)


# -- PNML ------------------------------------------------------------------------------------------

def pnml(tmp_path, places: str, transitions: str, arcs: str, extra: str = ""):
    return write(tmp_path, "net.pnml",
                 f'<?xml version="1.0"?><pnml><net id="n" type="x"><page id="pg">{places}'
                 f'{transitions}{arcs}</page>{extra}</net></pnml>')


def place(pid, tokens=0):
    mark = f"<initialMarking><text>{tokens}</text></initialMarking>" if tokens else ""
    return f'<place id="{pid}"><name><text>{pid}</text></name>{mark}</place>'


def trans(tid, label=None, invisible=False):
    name = f"<name><text>{label}</text></name>" if label else ""
    inv = ' invisible="true"' if invisible else ""
    return f'<transition id="{tid}"{inv}>{name}</transition>'


def arc(aid, a, b):
    return f'<arc id="{aid}" source="{a}" target="{b}"/>'


def test_pnml_without_final_marking_uses_the_sink_and_says_so(tmp_path):
    path = pnml(tmp_path, place("start", 1) + place("mid") + place("done"),
                trans("t1", "A") + trans("t2", "B") + trans("tau", "skip", invisible=True),
                arc("a1", "start", "t1") + arc("a2", "t1", "mid") + arc("a3", "mid", "t2")
                + arc("a4", "t2", "done") + arc("a5", "mid", "tau") + arc("a6", "tau", "done"))
    p = read_perceived(path)
    assert p.final_marking == ("done",) and p.final_marking_chosen
    assert p.steps == ("A", "B")                      # invisible="true" is silent
    assert "declares no final marking" in p.notes[0] and "'done'" in p.notes[0]
    c = compare(p, pd.DataFrame({"case:concept:name": ["1", "1", "2"],
                                 "concept:name": ["A", "B", "A"],
                                 "time:timestamp": pd.to_datetime(["2026-01-05"] * 3)}))
    assert c.final_marking_chosen and c.final_marking == ("done",)
    assert "declares no final marking" in c.final_marking_note("en") and "'done'" in \
        c.final_marking_note("en")
    assert "geen eindmarkering" in c.final_marking_note("nl")
    assert c.conformance == 1.0 and c.fitness == pytest.approx(1.0)


@pytest.mark.parametrize("extra_t, extra_a, match", [
    (trans("lone", "Lonely"), "", "transition 'Lonely' \\(id 'lone'\\) has no arcs"),
    (trans("src", "Spring"), arc("x", "src", "p1"),
     "transition 'Spring' \\(id 'src'\\) has no incoming arc"),
    ("", arc("x", "p0", "nowhere"), "arc 'x' goes from 'p0' to 'nowhere'.*no place or transition"),
    ("", arc("x", "p0", "p1"), "arc 'x' joins two places"),
])
def test_pnml_elements_the_kit_cannot_interpret_are_named(tmp_path, extra_t, extra_a, match):
    path = pnml(tmp_path, place("p0", 1) + place("p1"), trans("t", "A") + extra_t,
                arc("a1", "p0", "t") + arc("a2", "t", "p1") + extra_a)
    with pytest.raises(InputError, match=match):
        read_perceived(path)


def test_yaml_durations_must_be_durations(tmp_path):
    path = write(tmp_path, "p.yaml", "steps: [A, B]\ndurations: {A: [1, 2]}\n")
    with pytest.raises(InputError, match="duration of 'A': expected a duration .* found a list"):
        read_perceived(path)


def test_pnml_and_csv_perceptions_in_a_client_folder(tmp_path, samples):
    """A folder's perceived_* files of every format are compared and listed under the data
    used, with their format."""
    import shutil

    from shadowing.io.scenario import read_scenario
    from shadowing.report.sections import Report

    folder = tmp_path / "client"
    folder.mkdir()
    shutil.copy(samples / "wholesale" / "eventlog.csv", folder / "eventlog.csv")
    (folder / "perceived_edges.csv").write_text(
        "from,to\nstart,Telefoon aannemen\nTelefoon aannemen,Order invoeren\n"
        "Order invoeren,end\n", encoding="utf-8")
    pnml(tmp_path, place("p0", 1) + place("p1") + place("p2"),
         trans("t1", "Telefoon aannemen") + trans("t2", "Order invoeren"),
         arc("a1", "p0", "t1") + arc("a2", "t1", "p1") + arc("a3", "p1", "t2")
         + arc("a4", "t2", "p2")).rename(folder / "perceived_model.pnml")
    assert [p.name for p in read_scenario(folder).perceived] == ["perceived_edges.csv",
                                                                 "perceived_model.pnml"]
    report = Report.load(folder, lang="en")
    used = report.data_used().html
    assert "perceived process (CSV, 2 steps)" in used and "perceived process (PNML, 2 steps)" in used
    section = report.perceived_vs_actual()
    assert section.present
    import html

    assert "sink place 'p2'" in html.unescape(section.html)   # the final marking chosen, said


def test_bpmn_loop_and_multi_instance_tasks(tmp_path):
    body = ('<bpmn:process id="P"><bpmn:startEvent id="s"/><bpmn:task id="a" name="A">'
            '<bpmn:standardLoopCharacteristics/></bpmn:task><bpmn:userTask id="b" name="B">'
            '<bpmn:multiInstanceLoopCharacteristics isSequential="true"/></bpmn:userTask>'
            '<bpmn:endEvent id="e"/>' + flows(("s", "a"), ("a", "b"), ("b", "e"))
            + '</bpmn:process>')
    p = read_perceived(bpmn(tmp_path, body))
    assert ("A", "A") in p.allowed_flows and p.replay_model == "net"
    assert fits(p, {"1": ["A", "B"], "2": ["A", "A", "B", "B", "B"], "3": ["B"]}) == {
        "1": True, "2": True, "3": False}
