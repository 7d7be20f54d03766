"""Process maps: numbers, simplification, drawing with the real Graphviz, overlays, escaping."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

import shadowing as sh
from shadowing.analysis.dfg import END, START, directly_follows
from shadowing.draw.process_map import ProcessMap, process_map

REAL_LOGS = ["helpdesk/helpdesk.csv", "production/Production.csv", "receipt/08_receipt.xes.gz",
             "road_traffic_fines/roadtraffic100traces.xes", "running-example/running-example.xes",
             "sepsis/sepsis.csv"]


def make_log(traces, *, systems=None) -> pd.DataFrame:
    """A log from a list of activity sequences, one hour apart."""
    rows = []
    for i, trace in enumerate(traces):
        for j, act in enumerate(trace):
            rows.append({"case:concept:name": f"c{i}", "concept:name": act,
                         "time:timestamp": pd.Timestamp("2026-01-05 08:00")
                         + pd.Timedelta(hours=j) + pd.Timedelta(days=i)})
    df = pd.DataFrame(rows)
    if systems:
        df["system"] = df["concept:name"].map(systems)
    return df


def pairs(m):
    return set(zip(m.edges["source"], m.edges["target"]))


def test_full_map_has_the_dfg_numbers(tiny_frame):
    m = process_map(tiny_frame)
    d = directly_follows(tiny_frame)
    pd.testing.assert_frame_equal(m.nodes, d.activities)
    pd.testing.assert_frame_equal(m.edges, d.edges)
    assert list(m.nodes.columns[:1]) == ["activity"]
    assert list(m.edges.columns[:2]) == ["source", "target"]
    assert m.footnote == "3 cases, 9 events."
    dot = m.to_dot()
    assert "start ->" in dot and "-> end" in dot and "label=<Start>" in dot and "label=<End>" in dot


def test_paths_simplification_footnote(tiny_frame):
    # edges by count: start→a 3, c→end 3, a→b 2, b→c 2, a→c 1, b→b 1 (12 transitions)
    m = process_map(tiny_frame, paths=0.5)
    assert pairs(m) == {(START, "a"), ("c", END), ("a", "b"), ("b", "c")}
    assert "2 of 6 paths hidden, covering 17% of transitions" in m.footnote


def test_activities_simplification_reconnects(tiny_frame):
    m = process_map(tiny_frame, activities=0.5)  # a and b cover 6 of 9 events; c is hidden
    assert m.nodes["activity"].tolist() == ["a", "b"]
    assert "1 of 3 activities hidden, covering 33% of events ('c')" in m.footnote
    edges = {(s, t): c for s, t, c in zip(m.edges.source, m.edges.target, m.edges["count"])}
    assert edges == {(START, "a"): 3, ("a", "b"): 2, ("b", "b"): 1, ("b", END): 2, ("a", END): 1}


def test_simplification_never_disconnects():
    # b and c only reach each other through their most frequent edges: the repair adds
    # start → b and c → end
    log = make_log([list("bcbcbcbc"), ["d"], ["d"]])
    m = process_map(log, paths=0.5)
    kept = pairs(m)
    assert (START, "b") in kept and ("c", END) in kept
    assert {(START, "d"), ("d", END), ("b", "c"), ("c", "b")} <= kept


def test_performance_labels_and_units(tiny_frame):
    m = process_map(tiny_frame, measure="performance")
    assert "35 min" in m.to_dot()  # a → b median
    assert "median waiting time" in m.footnote and "durations unknown" in m.footnote
    m = process_map(tiny_frame, measure="performance", stat="mean", unit="h")
    assert "1.7 h" in m.to_dot()  # b → c: 120 and 80 min
    m = process_map(tiny_frame, measure="performance", stat="p90", unit="minutes")
    assert "55 min" in m.to_dot()


def test_dutch_words(tiny_frame):
    m = process_map(tiny_frame, paths=0.5, lang="nl")
    assert "label=<Einde>" in m.to_dot()
    assert m.footnote.startswith("3 zaken, 9 gebeurtenissen.")
    assert "2 van 6 paden verborgen" in m.footnote


def test_colour_by_system():
    log = make_log([["a", "b", "c"]] * 2, systems={"a": "ERP", "b": "Excel", "c": "ERP"})
    m = process_map(log)
    assert m.nodes.set_index("activity")["system"].to_dict() == {"a": "ERP", "b": "Excel",
                                                                  "c": "ERP"}
    assert [name for name, _ in m.legend] == ["ERP", "Excel"]
    dot = m.to_dot()
    assert ">ERP&#160;" in dot and ">Excel&#160;" in dot
    assert len({c for _, c in m.legend}) == 2
    plain = process_map(log, color_by="measure")
    assert plain.legend == ()


def test_parameter_errors(tiny_frame):
    with pytest.raises(sh.ParameterError, match="'measure' parameter of process_map"):
        process_map(tiny_frame, measure="freq")
    with pytest.raises(sh.ParameterError, match="'activities' parameter .* Got 0 instead"):
        process_map(tiny_frame, activities=0)
    with pytest.raises(sh.ParameterError, match="'paths' parameter .* Got 1.5 instead"):
        process_map(tiny_frame, paths=1.5)
    with pytest.raises(sh.ParameterError, match="'stat' parameter"):
        process_map(tiny_frame, stat="max")
    with pytest.raises(sh.ParameterError, match="'unit' parameter"):
        process_map(tiny_frame, unit="years")
    with pytest.raises(sh.ColumnNotFoundError, match="color_by='system' needs a 'system' column"):
        process_map(tiny_frame, color_by="system")
    with pytest.raises(sh.ColumnNotFoundError, match="needs the columns concept:name"):
        process_map(tiny_frame.drop(columns="concept:name"))


NASTY = [
    'Say "hi" <b>bold</b> & <script>alert(1)</script>',
    "back\\slash \\N \\n ends with \\",
    "two\nlines",
    "]; evil -> x [label=\"pwn\"]; {",
    "Café € 1.234,50 — ëïé ✓",
    "W" * 150,
    "a " * 60,
    "</FONT></TD></TR></TABLE>&amp;&#60;",
    "tab\there\x07bell",
]


def test_nasty_labels_render_safely(tmp_path):
    log = make_log([NASTY, NASTY[::-1]])
    m = process_map(log, title='Title <with> "quotes" & \\', measure="frequency")
    m = m.overlay(edges=[(NASTY[0], NASTY[1], 'label <i>"x"</i> \\')],
                  nodes=[(NASTY[3], "note & <u>")])
    svg = m.pipe_svg() if hasattr(m, "pipe_svg") else m.svg
    root = ET.fromstring(svg)  # well-formed XML
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<b>bold</b>" in texts  # shown as text, not markup
    assert "Café € 1.234,50" in texts
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert not any(el.tag.endswith("}b") for el in root.iter())
    # every activity got its own node (nothing merged or swallowed) and long labels wrapped
    nodes = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node"]
    assert len(nodes) == len(NASTY) + 2
    assert "W" * 25 not in texts
    for suffix in ("png", "pdf"):
        assert m.save(tmp_path / f"nasty.{suffix}").stat().st_size > 1000


def test_overlay_returns_a_new_highlighted_map(tiny_frame):
    base = process_map(tiny_frame)
    dot_before = base.to_dot()
    m = base.overlay(edges=[("a", "b", "waits 35 min"), ("c", "a")],
                     nodes=[("b", "rework"), ("z", "new")], color="#ff7f0e")
    assert base.to_dot() == dot_before  # the original map is untouched
    assert len(base.edges) == 6 and len(m.edges) == 7
    assert ("c", "a") in pairs(m) and "z" in set(m.nodes["activity"])
    pd.testing.assert_frame_equal(m.edges.iloc[:6], base.edges, check_dtype=False)
    assert m.edges["count"].dtype == "Int64" and pd.isna(m.edges["count"].iloc[6])
    dot = m.to_dot()
    ab = [line for line in dot.splitlines() if "n0 -> n1" in line][0]
    assert 'color="#ff7f0e"' in ab and "waits 35 min" in ab and "penwidth=4.00" in ab
    assert "rework" in dot and ">new<" in dot
    with pytest.raises(sh.ParameterError, match="each edge must be"):
        base.overlay(edges=[("a",)])
    with pytest.raises(sh.ParameterError, match="'style' parameter of ProcessMap.overlay"):
        base.overlay(edges=[("a", "b")], style="wavy")


def test_from_frames_style_columns():
    nodes = pd.DataFrame({"activity": ["a", "b"], "status": ["matched", "hidden"]})
    edges = pd.DataFrame({"source": [START, "a", "a", "b"], "target": ["a", "b", "c", END],
                          "status": ["matched", "hidden", "perceived_only", "matched"],
                          "style": ["solid", "solid", "dashed", "solid"],
                          "color": [None, "#e6550d", "#999999", None],
                          "text": [None, "12×", "not in the log", None]})
    m = ProcessMap.from_frames(nodes, edges, footnote="diff")
    assert list(m.edges.columns) == ["source", "target", "status"]
    assert m.nodes["activity"].tolist() == ["a", "b", "c"]  # c added from the edges
    dot = m.to_dot()
    line = [ln for ln in dot.splitlines() if "n0 -> n2" in ln][0]
    assert "style=dashed" in line and "not in the log" in line and '"#999999"' in line
    assert m.svg.startswith("<svg")
    with pytest.raises(sh.ParameterError, match="style column must hold"):
        ProcessMap.from_frames(nodes, edges.assign(style="wavy"))
    with pytest.raises(sh.ColumnNotFoundError, match="needs the column"):
        ProcessMap.from_frames(nodes, edges.drop(columns="target"))


def test_save_and_inline_display(tiny_frame, tmp_path):
    m = process_map(tiny_frame)
    for suffix, magic in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")):
        path = m.save(tmp_path / f"map.{suffix}")
        assert path.read_bytes().startswith(magic)
    assert (m.save(tmp_path / "map.dot")).read_text(encoding="utf-8") == m.to_dot()
    with pytest.raises(sh.ParameterError, match="'suffix' parameter of ProcessMap.save"):
        m.save(tmp_path / "map.jpg")
    svg = m._repr_svg_()
    assert svg.startswith("<svg") and 'width="100%"' in svg and "max-width:" in svg
    assert 'height="' not in svg.split(">", 1)[0]
    assert m._repr_html_().startswith('<div class="shadowing-map"')
    assert repr(m) == "ProcessMap(frequency: 3 activities, 6 edges)"


@pytest.mark.parametrize("name", REAL_LOGS)
def test_real_logs_render(real_data, name, tmp_path):
    log = sh.read_event_log(real_data / name)
    for measure in ("frequency", "performance"):
        m = process_map(log, measure=measure, activities=0.95, paths=0.8)
        assert m.save(tmp_path / "m.svg").stat().st_size > 1000
        assert m.save(tmp_path / "m.png").stat().st_size > 1000
        # simplification keeps every shown activity connected to start and end
        shown = set(m.nodes["activity"])
        assert shown <= set(m.edges["target"]) and shown <= set(m.edges["source"])
    if log.has_intervals:
        assert "duration_median" in m.nodes.columns


@pytest.mark.parametrize("name", ["wholesale", "crm", "construction"])
def test_sample_maps_render(samples, name, tmp_path):
    folder = samples / name
    logs = sorted(folder.glob("eventlog.*"))
    if not logs:
        pytest.skip(f"sample {name} not generated yet")
    log = sh.read_event_log(logs[0])
    m = process_map(log, measure="performance", paths=0.85, lang="nl")
    assert m.save(tmp_path / "sample.svg").stat().st_size > 1000
    assert m.save(tmp_path / "sample.png").stat().st_size > 1000
    assert m.footnote.startswith(f"{log.n_cases:,}".replace(",", ".") + " zaken")
    if "system" in log.frame.columns:
        assert "system" in m.nodes.columns
        assert bool(m.legend) == (m.nodes["system"].nunique() >= 2)
    top = m.edges[m.edges.source != START].iloc[0]
    hot = m.overlay(edges=[(top.source, top.target, "knelpunt")])
    assert "knelpunt" in hot.svg


def test_a_large_map_is_simplified_on_screen_only(real_data):
    log = sh.read_event_log(real_data / "sepsis" / "sepsis.csv")
    m = sh.process_map(log)
    html = m._repr_html_()
    shown = int(re.search(r"with the (\d+) most frequent of (\d+) paths", html).group(1))
    assert shown < len(m.edges) == 135                       # the numbers stay whole
    width = float(re.search(r"max-width:([\d.]+)pt", html).group(1))
    assert width <= 1000                                      # fits a notebook panel
    assert "m.full_view()" in html
    assert html.count('class="edge"') == shown
    assert m.full_view()._repr_html_().count('class="edge"') == len(m.edges)


def test_a_small_map_is_shown_whole(samples):
    m = sh.process_map(sh.read_event_log(samples / "wholesale" / "eventlog.csv"))
    assert m.on_screen() is m and "most frequent of" not in m._repr_html_()
