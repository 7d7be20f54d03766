"""The client report: run the report notebook, export it without code to HTML and an A4 PDF.

`run_report` executes ``shadowing/report/report.ipynb`` with papermill in a kernel that is
always the running Python (no registered Jupyter kernel needed), strips everything technical
from the outputs (stderr streams, errors), exports the notebook with nbconvert through the
kit's own template (no code, no prompts, no scripts from the internet, wide vector graphics
shrunk to the page width, A4 print styles) and prints the HTML to PDF with headless Chromium.

Output is atomic. Before the slow part starts, ``output_dir`` is checked (not an existing
file, writable) and a staging folder ``.shadowing-tmp-<pid>-<random>`` is made on the same
filesystem (inside ``output_dir`` when it exists, else beside it); the kernel's working folder and connection file, the executed notebook,
the HTML and the PDF all live in it (Chromium's profile and temp files in a short-named folder
of their own in the temp folder, removed the same way). Only when every format succeeded are the files published by
``rename`` (a new ``output_dir`` appears in one rename; into an existing one each file is
renamed over the old, and the previous run's files of the same report that this run did not
write are removed), with SIGTERM/SIGINT/SIGHUP held back until the renames are done. On any
failure, SIGTERM, SIGINT or SIGHUP the staging folder is removed and ``output_dir`` is left as
it was. Staging folders of runs killed outright (SIGKILL, power loss) are removed at the next
start.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Sequence

from ..errors import ParameterError, ReportError, check_choice
from ..i18n import LANGS
from ..io.scenario import validate_parameters

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
#: Name of the staging folders made beside ``output_dir`` (``<prefix><pid>-<random>``).
STAGE_PREFIX = ".shadowing-tmp-"
#: Loggers silenced once a run is stopped (they would print tracebacks of the interrupted kernel).
NOISY_LOGGERS = ("papermill", "nbclient", "traitlets", "asyncio", "jupyter_client", "NotebookApp")
#: Signals that stop a run cleanly (staging removed, ``output_dir`` untouched).
STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, n))


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
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not self.connection_file:  # in the run's own folder, not loose in the temp folder
                self.connection_file = str(log_path.parent / f"kernel-{os.getpid()}.json")

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


CHROMIUM_PREFIX = "shadowing-chromium-"


@contextlib.contextmanager
def _browser_home():
    """A short-lived folder for Chromium's profile and temp files (its sockets need a short path).

    ``<temp>/shadowing-chromium-<pid>-<random>``: removed on exit, and by `clean_stale_stages`
    when a killed run left it.
    """
    home = Path(tempfile.mkdtemp(prefix=f"{CHROMIUM_PREFIX}{os.getpid()}-"))
    try:
        (home / "profile").mkdir()
        (home / "tmp").mkdir()
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if home.exists():  # a helper process still writing: once more
            time.sleep(0.2)
            shutil.rmtree(home, ignore_errors=True)


def _run_chromium(args: list[str], what: str, target: Path, home: Path) -> None:
    """Run Chromium in its own process group; the whole group is killed however this ends."""
    env = dict(os.environ, TMPDIR=str(home / "tmp"))
    try:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, env=env)
    except OSError as exc:
        raise ReportError(f"Chromium could not be started for the {what}: {exc.strerror}.") from None
    try:
        _, stderr = proc.communicate(timeout=CHROMIUM_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise ReportError(f"Chromium did not finish the {what} within {CHROMIUM_TIMEOUT} s.") from None
    finally:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)  # helpers (zygote, GPU) go too
        with contextlib.suppress(Exception):
            proc.communicate(timeout=10)
    if not target.exists() or target.stat().st_size == 0:
        err = [ln for ln in stderr.decode(errors="replace").splitlines()
               if ln.strip() and "unexpected operator" not in ln]
        raise ReportError(f"Chromium did not write the {what} (exit code {proc.returncode})"
                          + (f": {err[-1][:200]}" if err else "."))


def print_pdf(html_path: Path, pdf_path: Path, *, browser: str | None = None) -> Path:
    """Print an HTML file to PDF with headless Chromium (page size from the CSS: A4).

    The browser's profile and temp files live in a folder of their own, removed afterwards.
    """
    browser = browser or find_chromium()
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    with _browser_home() as home:
        args = _chromium_args(browser, home / "profile") + [f"--print-to-pdf={pdf_path}",
                                                             html_path.as_uri()]
        _run_chromium(args, "PDF", pdf_path, home)
    return pdf_path


def screenshot(html_path: Path, png_path: Path, *, width: int = 1000, height: int = 1400,
               browser: str | None = None) -> Path:
    """A PNG screenshot of an HTML file in headless Chromium (used by the tests)."""
    browser = browser or find_chromium()
    html_path, png_path = Path(html_path).resolve(), Path(png_path).resolve()
    with _browser_home() as home:
        args = _chromium_args(browser, home / "profile") + [
            f"--screenshot={png_path}", f"--window-size={width},{height}", html_path.as_uri()]
        _run_chromium(args, "screenshot", png_path, home)
    return png_path


# -- the command ---------------------------------------------------------------------------
# -- atomic output ---------------------------------------------------------------------------
class Stopped(KeyboardInterrupt):
    """A stop signal (SIGTERM, SIGHUP) received during a run; cleanup has run when it surfaces."""

    def __init__(self, signum: int):
        super().__init__(f"stopped by signal {signum}")
        self.signum = signum


class _StopGuard:
    """Turn stop signals into `Stopped` in the main thread; hold them back while publishing.

    Outside the main thread (where handlers cannot be set) it does nothing. The previous
    handlers are restored on exit.
    """

    def __init__(self):
        self.publishing = False
        self.pending: int | None = None
        self._old: dict = {}
        self._levels: dict = {}

    def _handle(self, signum, frame):
        if self.publishing:
            self.pending = signum
            return
        self._quiet()
        raise Stopped(signum)

    def _quiet(self) -> None:
        """Stopping mid-run makes the notebook machinery log its own errors ('Kernel died'):
        nothing of that reaches the user, the stop is reported once by the caller."""
        for name in NOISY_LOGGERS:
            logger = logging.getLogger(name)
            self._levels.setdefault(name, logger.level)
            logger.setLevel(logging.CRITICAL + 1)

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for sig in STOP_SIGNALS:
                with contextlib.suppress(OSError, ValueError):
                    self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc):
        for sig, old in self._old.items():
            with contextlib.suppress(OSError, ValueError):
                signal.signal(sig, old)
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)
        return False

    @contextlib.contextmanager
    def held(self):
        """Signals arriving inside are acted on only after the block (the publishing renames)."""
        self.publishing = True
        try:
            yield
        finally:
            self.publishing = False
        if self.pending is not None:
            raise Stopped(self.pending)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_stages(folder: Path) -> list[Path]:
    """Remove staging folders in ``folder`` left by runs that were killed outright.

    A staging folder is ``.shadowing-tmp-<pid>-<random>`` (and a browser folder
    ``<temp>/shadowing-chromium-<pid>-<random>``); it is stale when no process ``<pid>`` runs any
    more. Returns the folders removed.
    """
    removed = []
    try:
        candidates = list(Path(folder).glob(STAGE_PREFIX + "*"))
        candidates += list(Path(tempfile.gettempdir()).glob(CHROMIUM_PREFIX + "*"))
    except OSError:
        return removed
    for path in candidates:
        m = re.fullmatch(f"(?:{re.escape(STAGE_PREFIX)}|{re.escape(CHROMIUM_PREFIX)})" + r"(\d+)-\w+",
                         path.name)
        if not m or not path.is_dir() or _pid_alive(int(m.group(1))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
            log.info("removed a staging folder left by a killed run: %s", path)
    return removed


def _prepare_output(output_dir: Path) -> tuple[Path, list[Path]]:
    """Check ``output_dir`` and make the staging folder (inside it when it exists, else beside it).

    Returns the staging folder and the parent folders created for it (removed again when the
    run fails). Raises ReportError with one line when ``output_dir`` cannot receive the report.
    """
    out = Path(os.path.abspath(output_dir))
    if out.exists() and not out.is_dir():
        raise ReportError(f"The output folder {out} is an existing file; give a folder "
                          "(--out) that does not exist yet or is a folder.")
    created: list[Path] = []
    missing = []
    parent = out.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    if not parent.is_dir():
        raise ReportError(f"The output folder {out} cannot be made: {parent} is a file, not a folder.")
    try:
        for folder in reversed(missing):
            folder.mkdir()
            created.append(folder)
        # an existing folder gets the staging folder inside it (same filesystem even when it is
        # a mount point, and it proves the folder takes new entries); a new one, beside it
        home = out if out.is_dir() else out.parent
        clean_stale_stages(home)
        stage = home / f"{STAGE_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        stage.mkdir()
    except BaseException as exc:  # OSError, or a stop signal in the middle: undo, then say why
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if "stage" in locals() and stage.exists():
            shutil.rmtree(stage, ignore_errors=True)
        if not isinstance(exc, OSError):
            raise
        where = exc.filename or out
        raise ReportError(f"The output folder {out} cannot be written ({exc.strerror}: {where}); "
                          "give a folder you can write to (--out).") from None
    return stage, created


def _publish(staged: list[Path], output_dir: Path, stage: Path, stem: str) -> list[Path]:
    """Move the staged files into ``output_dir`` by renames; on failure restore what was there."""
    out = Path(os.path.abspath(output_dir))
    if not out.exists():
        fresh = stage / "publish"
        try:
            fresh.mkdir()
            for path in staged:
                os.replace(path, fresh / path.name)
            os.rename(fresh, out)  # one rename: the folder appears complete
        except OSError as exc:
            raise ReportError(f"The report could not be published as {out}: {exc.strerror}; "
                              "nothing was written there.") from None
        return [out / p.name for p in staged]
    backup = stage / "previous"
    backup.mkdir()
    names = {p.name for p in staged}
    # the previous run's files of this report that this run does not write are removed too
    stale = [p for p in out.glob(f"{stem}.*") if p.suffix in (".html", ".pdf", ".ipynb")
             and p.name not in names and p.is_file()]
    moved: list[tuple[Path, Path]] = []  # (from, to) done so far, to undo
    try:
        for path in [out / n for n in sorted(names)] + stale:
            if path.exists():
                os.replace(path, backup / path.name)
                moved.append((path, backup / path.name))
        for path in staged:
            os.replace(path, out / path.name)
            moved.append((path, out / path.name))
    except OSError as exc:
        for src, dst in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(dst, src)
        raise ReportError(f"The report could not be published into {out}: {exc.strerror}; "
                          "the folder was left as it was.") from None
    return [out / p.name for p in staged]


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
    from ..io.scenario import read_scenario  # noqa: PLC0415

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
    overrides = dict(parameters)
    params = {**scenario.params, **validate_parameters(overrides)}  # before anything runs
    lang = lang or params.get("language") or "nl"
    check_choice("lang", lang, LANGS, func="run_report")
    output_dir = Path(output_dir) if output_dir is not None else Path.cwd() / "reports" / data_dir.resolve().name
    browser = find_chromium() if "pdf" in formats else None  # fail before the slow part

    from .sections import report_title  # noqa: PLC0415

    title = report_title(params, lang)
    stem = f"report-{lang}"
    with _StopGuard() as guard:
        stage, created, published = None, [], False
        try:
            stage, created = _prepare_output(output_dir)  # fails here, before the slow part
            work = stage / "work"
            work.mkdir()
            executed = work / f"{stem}.ipynb"
            nb = _execute(report_notebook_path(), executed, {
                "data_dir": str(data_dir.resolve()), "lang": lang, "pseudonymise": bool(pseudonymise),
                "overrides": _jsonable(overrides)}, timeout=timeout, workdir=work)
            log.info("report notebook executed in %.1f s", time.perf_counter() - started)
            files = stage / "files"
            files.mkdir()
            staged: dict[str, Path] = {}
            if "ipynb" in formats:
                import nbformat  # noqa: PLC0415

                nbformat.write(nb, files / executed.name)
                staged["ipynb"] = files / executed.name
            if "html" in formats or "pdf" in formats:
                html_path = files / f"{stem}.html"
                html_path.write_text(export_html(nb, title=title, lang=lang), encoding="utf-8")
                if "html" in formats:
                    staged["html"] = html_path
                if "pdf" in formats:
                    staged["pdf"] = print_pdf(html_path, files / f"{stem}.pdf", browser=browser)
            with guard.held():
                written = _publish([staged[f] for f in formats], output_dir, stage, stem)
                published = True
            log.info("report written in %.1f s: %s", time.perf_counter() - started,
                     ", ".join(p.name for p in written))
            return written
        finally:
            if stage is not None:
                shutil.rmtree(stage, ignore_errors=True)
                if stage.exists():  # a browser helper still writing: once more
                    time.sleep(0.2)
                    shutil.rmtree(stage, ignore_errors=True)
            if not published:
                for folder in reversed(created):
                    with contextlib.suppress(OSError):
                        folder.rmdir()


def _jsonable(values: dict) -> dict:
    """Overrides as papermill can inject them (dates as ISO text, sets as lists)."""
    import datetime as dt  # noqa: PLC0415

    def one(v):
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        if isinstance(v, dict):
            return {str(k): one(x) for k, x in v.items()}
        if isinstance(v, (list, tuple, set)):
            return [one(x) for x in v]
        return v

    return {k: one(v) for k, v in values.items()}
