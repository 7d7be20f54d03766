"""The notebooks: committed without outputs, one parameters cell at the top, and every one runs
top to bottom with its default parameters in a real kernel (papermill, the running Python)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from shadowing.report import run as R

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NAMES = [p.name for p in NOTEBOOKS]


def test_the_expected_notebooks_exist():
    for stem in ("01_event_log", "02_observations", "03_perceived_vs_actual", "04_hotspots",
                 "05_adoption", "06_client_report"):
        assert f"{stem}.ipynb" in NAMES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_committed_clean_with_one_parameters_cell_on_top(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] <= 1, "one parameters cell, first or after a title"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "commit without outputs"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_code_cells_only_call_the_library(path):
    """No function or class definitions, no loops: logic belongs in shadowing/."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            assert not line.lstrip().startswith(("def ", "class ", "for ", "while ")), line


def test_client_report_notebook_is_the_shipped_one():
    """notebooks/06_client_report.ipynb is a copy of the single source of truth, the notebook
    inside the package that run_report executes. After editing shadowing/notebooks/report.ipynb,
    copy it over: ``cp shadowing/notebooks/report.ipynb notebooks/06_client_report.ipynb``."""
    shipped = nbformat.read(R.report_notebook_path(), as_version=4)
    copy = nbformat.read(ROOT / "notebooks" / "06_client_report.ipynb", as_version=4)
    assert [(c.cell_type, c.source) for c in copy.cells] == [(c.cell_type, c.source) for c in shipped.cells]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_runs_with_default_parameters(path, tmp_path):
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    out = tmp_path / path.name
    try:
        pm.execute_notebook(str(path), str(out), kernel_name="python3", language="python",
                            progress_bar=False, log_output=False, cwd=str(tmp_path),
                            execution_timeout=600,
                            kernel_manager_class=R._kernel_manager_class(tmp_path / "kernel.log"))
    except PapermillExecutionError as exc:
        pytest.fail(f"{path.name}: cell {exc.exec_count} {exc.source.splitlines()[0]!r} failed: "
                    f"{exc.ename}: {exc.evalue}")
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert len([o for o in outputs if o.output_type in ("display_data", "execute_result")]) >= 3
    # nothing technical leaks into what the analyst sees either
    text = " ".join(str(o.get("text", "")) for o in outputs if o.output_type == "stream")
    assert "PM4Py" not in text and "Traceback" not in text
