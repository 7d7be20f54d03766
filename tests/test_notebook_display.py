"""What an analyst sees in a real kernel: short errors, readable tables, maps stored once; and
`make lab` serving the notebooks."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOAT_3 = re.compile(r"\d\.\d{3,}")


def _run(cells: list[str], tmp_path: Path):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    client = NotebookClient(nb, kernel_name="python3", timeout=300, allow_errors=True,
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    return nb


def test_errors_tables_and_maps_in_a_kernel(tmp_path):
    nb = _run([
        'import shadowing as sh\nlog = sh.read_event_log(sh.sample_path("wholesale") / '
        '"eventlog.csv")\nsh.hotspots(log, hourly_rate=45)',
        "sh.filter_variants_top_k(log, k=0)",
        "sh.process_map(log)",
        'sh.read_event_log(sh.sample_path("wholesale") / "no_such_file.csv")',
        "sh.full_traceback()",
    ], tmp_path)
    table, error, pmap, missing, full = (c.outputs for c in nb.cells)
    # a hotspot table with no float of more than two decimals, in HTML and in plain text
    (result,) = [o for o in table if o.output_type == "execute_result"]
    assert "<table class='shadowing-table'>" in result.data["text/html"]
    for mime in ("text/html", "text/plain"):
        assert not FLOAT_3.search(result.data[mime]), FLOAT_3.search(result.data[mime])
    # a ShadowingError shows as its message in a few lines, not a traceback through the kit
    for out in (error, missing):
        (err,) = [o for o in out if o.output_type == "error"]
        lines = "\n".join(err.traceback).splitlines()
        assert len(lines) < 10, lines
        assert not re.search(r'File "|line \d+, in |Traceback', "\n".join(lines)), lines
    assert "ParameterError" in error[0].traceback[0] and "'k' parameter" in error[0].traceback[0]
    assert "file not found" in missing[0].traceback[0]
    # ... and the full traceback is one call away
    text = "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in full)
    assert "Traceback (most recent call last)" in text and "tabular.py" in text
    # the map is stored once (HTML), not as SVG and HTML
    mimes = [m for o in pmap for m in o.get("data", {})]
    assert mimes.count("text/html") == 1 and "image/svg+xml" not in mimes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow  # starts a JupyterLab server
def test_make_lab_serves_the_notebooks(tmp_path):
    """Run as root (as here), JupyterLab answers only when `make lab` passed --allow-root."""
    venv = Path(sys.prefix)  # the virtual environment running the tests
    if not (venv / "bin" / "jupyter").exists():
        pytest.skip(f"no jupyter in {venv}")
    port = _free_port()
    token = "shadowing-test"
    cmd = ["make", "-s", "-o", f"{venv}/.installed", "lab", f"VENV={venv}", "LAB_IP=127.0.0.1",
           f"LAB_PORT={port}",
           f"LAB_ARGS=--no-browser --ServerApp.token={token} --ServerApp.port_retries=0"]
    log_path = tmp_path / "lab.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT,
                                start_new_session=True,
                                env={**os.environ, "JUPYTER_PLATFORM_DIRS": "1"})
    try:
        body, deadline = None, time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/api/contents/?token={token}"
                with urllib.request.urlopen(url, timeout=5) as resp:
                    body = resp.read().decode()
                break
            except OSError:
                time.sleep(1)
        if body is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
            out = log_path.read_text(errors="replace")
            pytest.fail(f"make lab did not answer on port {port}:\n{out[-3000:]}")
        for name in ("01_event_log.ipynb", "04_hotspots.ipynb"):
            assert name in body
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")),
                         ids=lambda p: p.name)
def test_papermill_lists_every_parameter_with_its_type(path, caplog):
    import papermill

    nb = nbformat.read(path, as_version=4)
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    names = [line.split(":")[0].split("=")[0].strip() for line in cell.source.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    params = papermill.inspect_notebook(str(path))
    assert list(params) == names and names
    for name, info in params.items():
        assert info["inferred_type_name"] not in ("None", ""), (name, info)
        assert info["help"], name
    assert "Unable to parse" not in caplog.text
    # the title and purpose come before the parameters
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
