"""Any client folder: files recognised by extension and content, whatever their names."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import shadowing as sh
from shadowing import cli
from shadowing.errors import InputError, ReportError
from shadowing.io.folder import classify_columns

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def kinds(table: pd.DataFrame) -> dict[str, tuple[str, bool, str]]:
    return {r.file: (r.kind, bool(r.used), r.why) for r in table.itertuples()}


@pytest.mark.parametrize("sample,log", [("wholesale", "eventlog.csv"), ("crm", "eventlog.xlsx"),
                                        ("construction", "eventlog.csv")])
def test_samples_are_recognised(sample, log):
    k = kinds(sh.inspect_folder(SAMPLES / sample))
    assert k[log] == ("eventlog", True, "columns")
    for name, kind in [("observations.csv", "observations"), ("frustrations.csv", "frustrations"),
                       ("usage.csv", "usage"), ("roster.csv", "roster"),
                       ("perceived_manager.yaml", "perceived")]:
        assert k[name][:2] == (kind, True), name
    assert k["truth.yaml"] == ("", False, "not an input")
    assert k["scenario.yaml"][0] == "scenario"


@pytest.mark.parametrize("columns,kind", [
    (["CaseID", "ActivityID", "CompleteTimestamp"], "eventlog"),                 # helpdesk
    (["caseid", "task", "user", "start_timestamp", "end_timestamp"], "eventlog"),  # production
    (["Zaak", "Stap", "Datum", "Tijd"], "eventlog"),
    (["waarnemer", "medewerker", "rol", "datum", "begin", "einde", "activiteit"], "observations"),
    (["person", "date", "start", "end", "activity"], "observations"),
    (["nr", "frustratie", "stemmen"], "frustrations"),
    (["Gebruiker", "Tijdstip", "Actie"], "usage"),
    (["gebruiker", "naam", "team", "in_dienst"], "roster"),
    (["van", "naar", "duur"], "perceived"),
    (["a", "b", "c"], None),
])
def test_header_rows_decide_the_kind(columns, kind):
    assert classify_columns(columns)[0] == kind


def test_any_names_and_compressed_files(tmp_path):
    src = SAMPLES / "wholesale"
    with gzip.open(tmp_path / "export ERP 2026.csv.gz", "wb") as fh:
        fh.write((src / "eventlog.csv").read_bytes())
    with zipfile.ZipFile(tmp_path / "notities.zip", "w") as zf:
        zf.write(src / "observations.csv", "notes.csv")
    shutil.copy(src / "roster.csv", tmp_path / "team.csv")
    shutil.copy(src / "frustrations.csv", tmp_path / "brainstorm maart.csv")
    shutil.copy(src / "perceived_team.yaml", tmp_path / "hoe wij werken.yaml")
    k = kinds(sh.inspect_folder(tmp_path))
    assert k["export ERP 2026.csv.gz"] == ("eventlog", True, "columns")
    assert k["notities.zip"] == ("observations", True, "columns")
    assert k["team.csv"] == ("roster", True, "columns")
    assert k["brainstorm maart.csv"] == ("frustrations", True, "columns")
    assert k["hoe wij werken.yaml"] == ("perceived", True, "content")
    scenario = sh.read_scenario(tmp_path)
    assert scenario.files["eventlog"].name == "export ERP 2026.csv.gz"
    assert [p.name for p in scenario.perceived] == ["hoe wij werken.yaml"]
    assert scenario.params["hourly_rate"] is None   # no rate unless the analyst gives one


def test_two_logs_the_usual_name_wins_and_the_other_is_listed(tmp_path):
    shutil.copy(SAMPLES / "wholesale" / "eventlog.csv", tmp_path / "eventlog.csv")
    shutil.copy(SAMPLES / "wholesale" / "eventlog.csv", tmp_path / "a_copy.csv")
    k = kinds(sh.inspect_folder(tmp_path))
    assert k["eventlog.csv"] == ("eventlog", True, "columns")
    assert k["a_copy.csv"] == ("eventlog", False, "duplicate")


def test_scenario_files_name_inputs_explicitly(tmp_path):
    shutil.copy(SAMPLES / "wholesale" / "eventlog.csv", tmp_path / "eventlog.csv")
    shutil.copy(SAMPLES / "wholesale" / "eventlog.csv", tmp_path / "later.csv")
    (tmp_path / "scenario.yaml").write_text("files:\n  eventlog: later.csv\n", encoding="utf-8")
    k = kinds(sh.inspect_folder(tmp_path))
    assert k["later.csv"] == ("eventlog", True, "scenario")
    assert k["eventlog.csv"][1:] == (False, "duplicate")
    (tmp_path / "scenario.yaml").write_text("files:\n  evntlog: later.csv\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown kind 'evntlog'.*Did you mean 'eventlog'"):
        sh.read_scenario(tmp_path)
    (tmp_path / "scenario.yaml").write_text("files:\n  eventlog: latr.csv\n", encoding="utf-8")
    with pytest.raises(InputError, match="'latr.csv' does not exist.*Did you mean 'later.csv'"):
        sh.read_scenario(tmp_path)


def test_a_missing_input_is_a_clear_error_not_a_key_error(tmp_path):
    shutil.copy(SAMPLES / "wholesale" / "roster.csv", tmp_path / "roster.csv")
    scenario = sh.read_scenario(tmp_path)
    with pytest.raises(InputError, match=r"no event log .* found; the folder holds: roster.csv \(roster\)"):
        scenario.files["eventlog"]
    assert "eventlog" not in scenario.files and scenario.files.get("eventlog") is None


def test_yaml_alias_bombs_are_refused_in_configuration(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (tmp_path / "scenario.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError):
        sh.read_scenario(tmp_path)


def test_nothing_usable_is_an_error_that_lists_the_folder(tmp_path, capsys):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "README.md").write_text("hello")
    assert cli.main(["inspect", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "notes.docx" in captured.out and "nothing the report can use" in captured.err
    with pytest.raises(ReportError, match=r"nothing the report can use; it holds notes.docx \(unknown: .docx\), README.md"):
        sh.run_report(tmp_path, tmp_path / "out", formats=("html",))
    assert not (tmp_path / "out").exists()


def test_inspect_command_lists_each_file(capsys):
    assert cli.main(["inspect", str(SAMPLES / "construction")]) == 0
    out = capsys.readouterr().out
    assert "perceived_team.bpmn" in out and "BPMN 2.0" in out and "taken as" in out


def test_real_folders(real_data):
    k = kinds(sh.inspect_folder(real_data / "sepsis"))
    assert k["sepsis.csv"] == ("eventlog", True, "columns")
    assert k["sepsis.bpmn"] == ("perceived", True, "content")
    assert k["SepsisModel_Figure13_3.pnml"] == ("perceived", True, "content")
    k = kinds(sh.inspect_folder(real_data / "running-example"))
    assert k["running-example.xes"] == ("eventlog", True, "content")
    assert k["running-example.pnml"][0] == k["running-example.bpmn"][0] == "perceived"
    for folder, log in [("helpdesk", "helpdesk.csv"), ("production", "Production.csv"),
                        ("receipt", "08_receipt.xes.gz"),
                        ("road_traffic_fines", "roadtraffic100traces.xes")]:
        assert kinds(sh.inspect_folder(real_data / folder))[log][:2] == ("eventlog", True), folder
