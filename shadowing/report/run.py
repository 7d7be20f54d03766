"""The client report: run the report notebook, export it without code to HTML and an A4 PDF.

`run_report` executes ``shadowing/report/report.ipynb`` with papermill in a kernel that is
always the running Python (no registered Jupyter kernel needed), strips everything technical
from the outputs (stderr streams, errors), exports the notebook with nbconvert through the
kit's own template (no code, no prompts, no scripts from the internet, wide vector graphics
shrunk to the page width, A4 print styles) and prints the HTML to PDF with headless Chromium.

Everything is written to a temporary folder first and moved into ``output_dir`` only when all
formats succeeded, so a failed run never leaves a half report behind as if it were complete.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import ParameterError, ReportError, check_choice, did_you_mean
from ..i18n import LANGS

log = logging.getLogger(__name__)

__all__ = ["run_report", "find_chromium", "export_html", "print_pdf", "report_notebook_path"]

FORMATS = ("html", "pdf", "ipynb")
#: Browsers tried, in order, for the PDF (the first found on PATH is used).
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_TIMEOUT = 120  # seconds
#: Parameters of the report notebook itself; everything else must be a scenario.yaml key.
NOTEBOOK_PARAMETERS = ("data_dir", "lang", "pseudonymise", "overrides")
#: Cells with this tag (notes for the analyst) are left out of the exported report.
ANALYST_ONLY = "analyst-only"


def report_notebook_path() -> Path:
    """The report notebook shipped inside the package (the single source of truth)."""
    return Path(str(resources.files("shadowing.report") / "report.ipynb"))


def _template_dir() -> Path:
    return Path(str(resources.files("shadowing.report") / "templates"))


# -- the kernel: always the running interpreter -------------------------------------------
def _kernel_manager_class(log_path: Path):
    """An AsyncKernelManager that starts ``sys.executable -m ipykernel_launcher``.

    Registered kernels (user-level, system-wide, ``JUPYTER_PREFER_ENV_PATH``) are bypassed, so
    the report always runs in the Python that shadowing is installed in. The kernel process's
    own stdout/stderr go to ``log_path`` instead of the terminal.
    """
    from jupyter_client import AsyncKernelManager  # noqa: PLC0415
    from jupyter_client.kernelspec import KernelSpec  # noqa: PLC0415

    class OwnPythonKernelManager(AsyncKernelManager):
        @property
        def kernel_spec(self):
            if self._kernel_spec is None:
                self._kernel_spec = KernelSpec(
                    argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    display_name="Python 3 (shadowing)", language="python",
                    resource_dir=str(Path(sys.prefix)), metadata={}, env={})
            return self._kernel_spec

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            env = dict(kw.get("env") or os.environ)
            env.update({"PYTHONWARNINGS": "ignore", "PM4PY_SHOW_PROGRESS_BAR": "false",
                        "TQDM_DISABLE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
            kw["env"] = env
            handle = open(log_path, "ab")  # noqa: SIM115 - lives as long as the kernel
            kw["stdout"] = handle
            kw["stderr"] = handle
            try:
                await super()._async_launch_kernel(kernel_cmd, **kw)
            finally:
                handle.close()  # the child keeps its own descriptor

    return OwnPythonKernelManager


# -- cleaning the executed notebook ------------------------------------------------------
_OBJECT_REPR = re.compile(r"^\[?<[^>]*(?: at 0x[0-9a-f]+|Figure size [^>]*)>")


def _clean_outputs(nb) -> None:
    """Drop everything technical: stderr streams, error outputs, bare ``<Figure ...>`` reprs."""
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                continue
            if kind == "stream" and out.get("name") != "stdout":
                continue
            if kind in ("display_data", "execute_result"):
                data = out.get("data", {})
                if set(data) == {"text/plain"} and _OBJECT_REPR.search(str(data["text/plain"])):
                    continue  # <Figure size ...>, [<matplotlib.lines.Line2D at 0x...>]
            kept.append(out)
        cell["outputs"] = kept


def _cell_label(notebook: Path, source: str) -> str:
    """``cell 5 (tag 'summary': 'report.summary()')``, counted in the notebook as shipped."""
    import nbformat  # noqa: PLC0415

    index, cell = None, None
    try:
        nb = nbformat.read(notebook, as_version=4)
        for i, c in enumerate(nb.cells):
            if c.get("cell_type") == "code" and c.get("source", "").strip() == str(source).strip():
                index, cell = i, c
                break
    except Exception:  # noqa: BLE001 - only used to word an error message
        pass
    first = next((ln.strip() for ln in str(source).splitlines()
                  if ln.strip() and not ln.strip().startswith("#")), "")
    tags = [t for t in (cell.get("metadata", {}).get("tags", []) if cell else [])
            if t not in ("parameters", "injected-parameters")]
    label = f"cell {index + 1}" if index is not None else "a cell"
    details = []
    if tags:
        details.append(f"tag '{tags[0]}'")
    if first:
        details.append(repr(first[:80]))
    return label + (f" ({': '.join(details)})" if details else "")


def _execute(notebook: Path, out_path: Path, parameters: dict, *, timeout: float | None, workdir: Path):
    import nbformat  # noqa: PLC0415
    import papermill as pm  # noqa: PLC0415
    from papermill.exceptions import PapermillExecutionError  # noqa: PLC0415

    kernel_log = workdir / "kernel.log"
    pm_logger = logging.getLogger("papermill")
    old_level = pm_logger.level
    pm_logger.setLevel(logging.ERROR)
    try:
        pm.execute_notebook(
            str(notebook), str(out_path), parameters=parameters, kernel_name="python3",
            language="python", progress_bar=False, log_output=False, cwd=str(workdir),
            request_save_on_cell_execute=False, execution_timeout=timeout,
            kernel_manager_class=_kernel_manager_class(kernel_log))
    except PapermillExecutionError as exc:
        label = _cell_label(notebook, exc.source)
        raise ReportError(f"The report notebook failed in {label}: {exc.ename}: {exc.evalue}") from None
    except ReportError:
        raise
    except Exception as exc:  # kernel died, timeout, bad notebook
        tail = ""
        if kernel_log.exists():
            lines = kernel_log.read_text(errors="replace").strip().splitlines()
            tail = f" Last kernel output: {lines[-1][:200]}" if lines else ""
        raise ReportError(f"The report notebook could not be executed: {type(exc).__name__}: "
                          f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''}{tail}") from None
    finally:
        pm_logger.setLevel(old_level)
    nb = nbformat.read(out_path, as_version=4)
    _clean_outputs(nb)
    return nb


# -- HTML --------------------------------------------------------------------------------
def export_html(nb, *, title: str = "Report", lang: str = "nl") -> str:
    """A self-contained HTML page of the notebook's outputs only (no code, no prompts).

    Uses the kit's ``report`` nbconvert template: no scripts, inline CSS for screen and A4 print,
    SVG and images shrunk to the page width.
    """
    import copy  # noqa: PLC0415

    from nbconvert import HTMLExporter  # noqa: PLC0415
    from nbconvert.preprocessors import TagRemovePreprocessor  # noqa: PLC0415

    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(_template_dir())],
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True, anchor_link_text="")
    exporter.log.setLevel(logging.ERROR)  # "alternative text is missing" and similar chatter
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={ANALYST_ONLY}), enabled=True)
    body, _ = exporter.from_notebook_node(nb, resources={"language_code": lang})
    return body


# -- PDF ---------------------------------------------------------------------------------
def find_chromium() -> str:
    """The path of a Chromium-family browser, or a ReportError saying what to install."""
    override = os.environ.get("SHADOWING_CHROMIUM")
    if override:
        if shutil.which(override) or Path(override).is_file():
            return shutil.which(override) or override
        raise ReportError(f"SHADOWING_CHROMIUM={override!r} is not an executable browser.")
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    raise ReportError(
        "The PDF needs a Chromium browser, and none of " + ", ".join(BROWSERS) + " is on PATH. "
        "Install it (Debian/Ubuntu: 'apt-get install chromium'; conda: 'conda install -c "
        "conda-forge chromium' is not available, use the system package; macOS: 'brew install "
        "--cask chromium'), set SHADOWING_CHROMIUM to its path, or ask for HTML only "
        "(formats=('html',) / 'shadowing report --no-pdf').")


def _chromium_args(browser: str, profile: Path) -> list[str]:
    return [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--hide-scrollbars", "--mute-audio", f"--user-data-dir={profile}"]


def _run_chromium(args: list[str], what: str, target: Path) -> None:
    try:
        proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=CHROMIUM_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise ReportError(f"Chromium did not finish the {what} within {CHROMIUM_TIMEOUT} s.") from None
    except OSError as exc:
        raise ReportError(f"Chromium could not be started for the {what}: {exc.strerror}.") from None
    if not target.exists() or target.stat().st_size == 0:
        err = [ln for ln in proc.stderr.decode(errors="replace").splitlines()
               if ln.strip() and "unexpected operator" not in ln]
        raise ReportError(f"Chromium did not write the {what} (exit code {proc.returncode})"
                          + (f": {err[-1][:200]}" if err else "."))


def print_pdf(html_path: Path, pdf_path: Path, *, browser: str | None = None) -> Path:
    """Print an HTML file to PDF with headless Chromium (page size from the CSS: A4)."""
    browser = browser or find_chromium()
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="shadowing-chromium-") as profile:
        args = _chromium_args(browser, Path(profile)) + [f"--print-to-pdf={pdf_path}",
                                                          html_path.as_uri()]
        _run_chromium(args, "PDF", pdf_path)
    return pdf_path


def screenshot(html_path: Path, png_path: Path, *, width: int = 1000, height: int = 1400,
               browser: str | None = None) -> Path:
    """A PNG screenshot of an HTML file in headless Chromium (used by the tests)."""
    browser = browser or find_chromium()
    html_path, png_path = Path(html_path).resolve(), Path(png_path).resolve()
    with tempfile.TemporaryDirectory(prefix="shadowing-chromium-") as profile:
        args = _chromium_args(browser, Path(profile)) + [
            f"--screenshot={png_path}", f"--window-size={width},{height}", html_path.as_uri()]
        _run_chromium(args, "screenshot", png_path)
    return png_path


# -- the command ---------------------------------------------------------------------------
def _check_parameters(parameters: dict, known: Iterable[str]) -> dict:
    known = sorted(set(known))
    for key in parameters:
        if key not in known:
            raise ParameterError(
                f"The report has no parameter '{key}'; parameters are the scenario.yaml keys: "
                f"{', '.join(known)}." + did_you_mean(key, known))
    return dict(parameters)


def run_report(data_dir=None, output_dir=None, *, lang: str | None = "nl",
               formats: Sequence[str] = ("html", "pdf"), pseudonymise: bool = True,
               timeout: float | None = 600, **parameters) -> list[Path]:
    """Write the client report for a data folder: HTML and/or an A4 PDF, without code.

    Parameters
    ----------
    data_dir : path, optional
        A folder with the client's files, recognised by extension and content whatever their
        names (see `shadowing.inspect_folder`): an event log, observations, perceptions
        (YAML, CSV, BPMN, PNML), frustrations, usage log, roster, and ``scenario.yaml``; every
        file is optional, but at least one must be usable. Default: the bundled ``wholesale``
        sample.
    output_dir : path, optional
        Where the report files go (created). Default: ``reports/<data folder name>`` in the
        current directory.
    lang : {"nl", "en"} or None
        The report's language; ``None`` takes ``language`` from ``scenario.yaml``.
    formats : sequence of {"html", "pdf", "ipynb"}
        What to write. ``"ipynb"`` is the executed notebook, for the analyst (it holds code and
        paths; never send it to a client).
    pseudonymise : bool
        Replace people's names and user ids by stable pseudonyms (``Medewerker 1`` ...).
    timeout : float, optional
        Seconds a single notebook cell may run.
    **parameters
        Overrides for ``scenario.yaml`` values, e.g. ``hourly_rate=55``, ``name="Client BV"``.

    Returns
    -------
    list of Path
        The written files, in the order of ``formats``.

    Raises
    ------
    ReportError
        The folder holds nothing the report can use (the message lists what it holds), a
        notebook cell failed (the message names the cell and the error), or Chromium is
        missing. Nothing is left in ``output_dir`` in that case.
    InputError, ParameterError
        The data folder or a parameter is not usable.

    Examples
    --------
    >>> paths = run_report("data/samples/wholesale", "reports/wholesale", lang="en")  # doctest: +SKIP
    """
    from ..datasets.samples import sample_path  # noqa: PLC0415
    from ..io.folder import nothing_usable_message, usable  # noqa: PLC0415
    from ..io.scenario import DEFAULTS, read_scenario  # noqa: PLC0415

    started = time.perf_counter()
    if lang is not None:
        check_choice("lang", lang, LANGS, func="run_report")
    if isinstance(formats, str):
        formats = (formats,)
    formats = tuple(dict.fromkeys(formats))
    if not formats:
        raise ParameterError("The 'formats' parameter of run_report must name at least one of "
                             f"{', '.join(map(repr, FORMATS))}. Got an empty sequence instead.")
    for fmt in formats:
        check_choice("formats", fmt, FORMATS, func="run_report")
    data_dir = Path(data_dir) if data_dir is not None else sample_path("wholesale")
    scenario = read_scenario(data_dir)  # raises InputError when the folder is not usable
    if not usable(scenario.inspection):
        raise ReportError(nothing_usable_message(scenario.inspection))
    overrides = _check_parameters(parameters, list(DEFAULTS) + list(scenario.params))
    params = {**scenario.params, **overrides}
    lang = lang or params.get("language") or "nl"
    check_choice("lang", lang, LANGS, func="run_report")
    output_dir = Path(output_dir) if output_dir is not None else Path.cwd() / "reports" / data_dir.resolve().name
    browser = find_chromium() if "pdf" in formats else None  # fail before the slow part

    from .sections import report_title  # noqa: PLC0415

    title = report_title(params, lang)
    stem = f"report-{lang}"
    work = Path(tempfile.mkdtemp(prefix="shadowing-report-"))
    try:
        executed = work / f"{stem}.ipynb"
        nb = _execute(report_notebook_path(), executed, {
            "data_dir": str(data_dir.resolve()), "lang": lang, "pseudonymise": bool(pseudonymise),
            "overrides": overrides}, timeout=timeout, workdir=work)
        log.info("report notebook executed in %.1f s", time.perf_counter() - started)
        staged: dict[str, Path] = {}
        if "ipynb" in formats:
            import nbformat  # noqa: PLC0415

            nbformat.write(nb, executed)
            staged["ipynb"] = executed
        if "html" in formats or "pdf" in formats:
            html_path = work / f"{stem}.html"
            html_path.write_text(export_html(nb, title=title, lang=lang), encoding="utf-8")
            staged["html"] = html_path
            if "pdf" in formats:
                staged["pdf"] = print_pdf(html_path, work / f"{stem}.pdf", browser=browser)
        output_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for fmt in formats:
            target = output_dir / staged[fmt].name
            tmp_target = output_dir / f".{staged[fmt].name}.partial"
            shutil.copyfile(staged[fmt], tmp_target)
            os.replace(tmp_target, target)
            written.append(target)
        log.info("report written in %.1f s: %s", time.perf_counter() - started,
                 ", ".join(p.name for p in written))
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)
