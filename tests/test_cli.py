"""The ``shadowing`` command: argument parsing, the call into run_report, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import shadowing as sh
from shadowing import cli

sys.path.insert(0, str(Path(__file__).parent))
from _report_data import write_mini  # noqa: E402


@pytest.fixture
def calls(monkeypatch):
    """Record what the CLI passes to run_report instead of running a kernel."""
    seen = []

    def fake(data_dir=None, output_dir=None, **kwargs):
        seen.append({"data_dir": data_dir, "output_dir": output_dir, **kwargs})
        return [Path("out/report-nl.html"), Path("out/report-nl.pdf")]

    monkeypatch.setattr("shadowing.report.run.run_report", fake)
    return seen


def test_report_arguments_reach_run_report(calls, capsys):
    code = cli.main(["report", "--data", "data/x", "--out", "reports/x", "--lang", "en", "--no-pdf",
                     "-p", "hourly_rate", "55", "-p", "official_systems", "[ERP, CRM]",
                     "-p", "name", "Van Dijk BV"])
    assert code == 0
    (call,) = calls
    assert call["data_dir"] == Path("data/x") and call["output_dir"] == Path("reports/x")
    assert call["lang"] == "en" and call["formats"] == ["html"]
    assert call["hourly_rate"] == 55 and call["official_systems"] == ["ERP", "CRM"]
    assert call["name"] == "Van Dijk BV" and call["pseudonymise"] is True
    assert capsys.readouterr().out.splitlines() == ["out/report-nl.html", "out/report-nl.pdf"]


def test_report_defaults(calls):
    assert cli.main(["report"]) == 0
    (call,) = calls
    assert call["data_dir"] is None  # run_report falls back to the bundled wholesale sample
    assert call["lang"] is None  # the scenario's language
    assert call["formats"] == ["html", "pdf"]


def test_report_notebook_and_real_names(calls):
    cli.main(["report", "--notebook", "--no-pseudonyms", "--no-html", "--no-pdf"])
    assert calls[0]["formats"] == ["ipynb"] and calls[0]["pseudonymise"] is False


def test_errors_are_one_line_on_stderr(tmp_path, capsys):
    code = cli.main(["report", "--data", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("shadowing report: ") and "not a folder" in err
    assert "Traceback" not in err


def test_unknown_parameter_is_a_one_line_error(tmp_path, capsys):
    folder = write_mini(tmp_path / "c", parts=("eventlog",))
    assert cli.main(["report", "--data", str(folder), "-p", "hourly_rat", "5"]) == 1
    err = capsys.readouterr().err
    assert "Did you mean 'hourly_rate'" in err and err.count("\n") == 1


def test_bad_language_is_refused_by_argparse(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["report", "--lang", "de"])
    assert exc.value.code == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"shadowing {sh.__version__}"
    assert cli.main([]) == 2
    assert "report" in capsys.readouterr().err


def test_console_script_exit_code(tmp_path):
    exe = Path(sys.executable).with_name("shadowing")
    if not exe.exists():
        pytest.skip("the console script is not installed next to this Python")
    proc = subprocess.run([str(exe), "report", "--data", str(tmp_path / "nowhere")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("shadowing report:") and "Traceback" not in proc.stderr


def test_samples_are_copied_into_a_folder(tmp_path, capsys):
    assert cli.main(["samples", "--out", str(tmp_path), "--only", "crm"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert str(tmp_path / "crm" / "scenario.yaml") in printed
    assert (tmp_path / "crm" / "eventlog.xlsx").exists()


def test_samples_unknown_name_is_an_error(tmp_path, capsys):
    assert cli.main(["samples", "--out", str(tmp_path), "--only", "wholsale"]) == 1
    err = capsys.readouterr().err
    assert "No sample called 'wholsale'" in err and "wholesale" in err
    assert not any(tmp_path.iterdir())
