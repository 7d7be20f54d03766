"""quality(): findings a consultant must know, on a log built to have each of them."""

from __future__ import annotations

import pandas as pd

import shadowing as sh
from shadowing.model import columns as C


def make_log():
    rows = []
    t0 = pd.Timestamp("2026-02-02 08:00")
    for i in range(30):  # 30 normal cases: receive -> check -> ship
        for j, act in enumerate(["Receive order", "Check stock", "Ship"]):
            rows.append((f"c{i}", act, t0 + pd.Timedelta(days=i % 20, hours=j), f"r{j}"))
    rows.append(("c0", "Ship", t0 + pd.Timedelta(hours=2), "r2"))           # duplicate event
    for act in ["Receive order", "Check  stock", "check stock"]:            # batch + label variants
        rows.append(("b1", act, t0 + pd.Timedelta(days=3), None))
    rows.append(("late", "Receive order", pd.Timestamp("2031-01-01"), "r0"))  # far outside
    return sh.read_event_log(pd.DataFrame(rows, columns=[C.CASE, C.ACTIVITY, C.TIMESTAMP, C.RESOURCE]))


def test_quality_finds_each_problem():
    q = sh.quality(make_log()).set_index("check")
    assert q.loc["duplicate events", "count"] == 1
    assert q.loc["batch entry", "count"] == 3
    assert q.loc["timestamps far outside the period", "count"] == 1
    assert "2031-01-01" in q.loc["timestamps far outside the period", "examples"]
    assert q.loc["similar activity labels", "examples"] == "'Check stock' / 'check stock'"
    assert q.loc["cases without a usual end", "count"] == 2  # b1 and late
    assert q.loc["missing resources", "count"] == 3
    assert set(q["severity"]) <= {"info", "warning"}


def test_clean_log_has_only_its_accounting(tiny_frame):
    q = sh.quality(tiny_frame)
    assert q["check"].tolist() == ["accounting"]
    assert q["message"].iloc[0] == "9 events read, 9 analysed."
    assert (q["count"].iloc[0], q["share"].iloc[0], q["severity"].iloc[0]) == (9, 1.0, "info")


def test_quality_states_open_instances_and_unknown_starts(tmp_path):
    path = tmp_path / "lc.csv"
    path.write_text("case,activity,timestamp,lifecycle\nc,a,2026-02-03 09:00,start\n"
                    "c,b,2026-02-03 09:30,complete\nc,c,2026-02-03 10:00,start\n"
                    "c,c,2026-02-03 10:30,complete\n", encoding="utf-8")
    q = sh.quality(sh.read_event_log(path)).set_index("check")
    assert q.loc["accounting", "message"] == (
        "4 read, 2 analysed as activity instances, 1 start events paired with them, 1 set aside "
        "(start events without a complete: open instances); 1 instances without a start "
        "(duration unknown).")
    assert q.loc["accounting", "severity"] == "warning"
    assert q.loc["open activity instances", "count"] == 1
    assert q.loc["instances without a start", "count"] == 1


def test_typo_labels_are_similar_but_codes_are_not():
    from shadowing.analysis.quality import _probably_same

    assert _probably_same("Contoleren order", "Controleren order")
    assert not _probably_same("Admission NC", "Admission IC")
    assert not _probably_same("T07-1 Draft advice aspect 1", "T07-2 Draft advice aspect 2")
    assert not _probably_same("Final Inspection", "Final Inspection Q.C.")
