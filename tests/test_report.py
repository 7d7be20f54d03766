"""The client report: sections, pseudonyms, the runner, HTML, PDF and the failure path.

Fast tests build the sections in-process on a small hand-made folder (tests/_report_data.py).
Slow tests run the real thing (papermill kernel, nbconvert, headless Chromium): once per sample
and language, shared through module-scoped fixtures.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import shadowing as sh
from shadowing.report import run as R
from shadowing.errors import ParameterError, ReportError
from shadowing.report.sections import Report

sys.path.insert(0, str(Path(__file__).parent))
from _report_data import NAMES, USERS, write_mini  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SAMPLE_NAMES = [n for n in ("wholesale", "crm", "construction") if (SAMPLES / n / "scenario.yaml").exists()]
FORBIDDEN = ("Traceback", "Warning", "PM4Py", "pm4py")
TITLES = {
    "nl": ["Samenvatting", "Gebruikte gegevens en hun kwaliteit", "Hoe het werk echt loopt",
           "Waar de tijd heen gaat", "Beleefd versus werkelijk proces",
           "Frustraties van het team naast de feiten", "Gebruik na de livegang", "Waar te beginnen"],
    "en": ["Summary", "The data used and its quality", "How the work really runs", "Where time goes",
           "Perceived versus actual process", "Frustrations of the team beside the evidence",
           "Adoption after go-live", "Where to start"],
}
AFTER = {"nl": "Na de livegang", "en": "After the go-live"}
HAS_CHROMIUM = any(shutil.which(b) for b in R.BROWSERS)
needs_chromium = pytest.mark.skipif(not HAS_CHROMIUM, reason="no Chromium on PATH")


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return write_mini(tmp_path_factory.mktemp("client") / "proef")


@pytest.fixture(scope="module")
def mini_html(mini) -> dict:
    """Each language's sections, built once: {lang: (Report, html)}."""
    out = {}
    for lang in ("nl", "en"):
        report = Report.load(mini, lang=lang)
        out[lang] = (report, report.sections())
    return out


def _roster_names(folder: Path) -> list[str]:
    roster = sh.read_roster(folder / "roster.csv") if (folder / "roster.csv").exists() else None
    if roster is None or "name" not in roster:
        return []
    return [str(n) for n in roster["name"].dropna().unique() if len(str(n)) >= 4]


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


# -- sections, in-process ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sections_in_both_languages(mini_html, lang):
    report, blocks = mini_html[lang]
    html = "".join(b.html for b in blocks)
    for title in TITLES[lang]:
        assert title in html
    absent = [b.title for b in blocks if not b.present]
    assert absent == [AFTER[lang]]                # the mini folder has no data after a change
    assert "Groothandel Proef" in html


def test_numbers_and_dates_follow_the_language(mini_html):
    nl = "".join(b.html for b in mini_html["nl"][1])
    en = "".join(b.html for b in mini_html["en"][1])
    assert "2 februari 2026" in nl and "2 February 2026" in en
    assert re.search(r"€\s\d{1,3}(\.\d{3})+\b", nl)  # € 1.234
    assert re.search(r"€\d{1,3}(,\d{3})+\b", en)  # €1,234
    assert re.search(r"€\s50 per uur", nl)


def test_pseudonyms_are_stable_and_names_gone(mini, mini_html):
    report, blocks = mini_html["nl"]
    html = "".join(b.html for b in blocks)
    for name in NAMES + USERS:
        assert name not in html
        assert not re.search(rf"\b{name.split()[0]}\b", _text(html))  # first names in free text too
    # the same person has the same pseudonym in the log, the observations and the roster
    roster = report.roster.set_index("team")
    log_people = set(report.log.frame["org:resource"].astype(str))
    assert log_people <= set(report.roster["user"]) | {"nan"}
    obs_people = set(report.observations.frame["person"].astype(str))
    assert obs_people <= set(report.roster["user"])
    assert set(roster["user"]) == {f"Medewerker {i}" for i in range(1, 5)}
    # the same folder gives the same pseudonyms again
    again = Report.load(mini, lang="nl")
    pd.testing.assert_series_equal(again.roster["user"], report.roster["user"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_after_the_go_live_on_the_construction_sample(lang):
    """The construction sample holds an after-log and follow-up shadowing: the section shows
    adoption per wave, the measures with intervals, savings and what stays off-system."""
    folder = SAMPLES / "construction"
    if not (folder / "eventlog_after.csv").exists():
        pytest.skip("the construction sample has no after-data")
    report = Report.load(folder, lang=lang)
    block = report.after_go_live()
    assert block.present and block.title == AFTER[lang]
    text = " ".join(_text(block.html).split())
    words = {"nl": ["Per livegangsgolf", "Wouters Bouw 2", "kleefkracht (DAU/MAU)",
                    "Doorlooptijd (mediaan)", "beter", "Geschatte tegenover gerealiseerde besparing",
                    "Werk buiten het systeem dat blijft", "90%-interval", "Per firm"],
             "en": ["Per go-live wave", "Wouters Bouw 2", "stickiness (DAU/MAU)",
                    "Throughput time (median)", "better", "Estimated against realised savings",
                    "Off-system work that remains", "90% interval", "Per firm"]}[lang]
    for word in words:
        assert word in text, word
    assert text.count("<svg") == 0 and block.html.count("<svg") == 2    # chart and delta map
    # the waits firm B cut are reported as better, per firm the throughput too
    assert re.search(r"Bestelling plaatsen → Levering plannen [^|]*?(beter|better)", text)
    summary = _text(report.summary().html)
    assert AFTER[lang] + ":" in summary
    for name in _roster_names(folder):
        assert name not in block.html


def test_after_the_go_live_states_licence_use_when_given():
    folder = SAMPLES / "construction"
    if not (folder / "eventlog_after.csv").exists():
        pytest.skip("the construction sample has no after-data")
    report = Report.load(folder, lang="en", overrides={"licences": 90})
    text = " ".join(_text(report.after_go_live().html).split())
    freq = sh.usage_frequency(report.usage, report.roster, by="firm", system="BouwPlan")
    users = sh.licence_use(report.usage, licences=90, roster=report.roster,
                           at=freq.attrs["window"][1])["active_users"].iloc[0]
    assert f"Licences: {users} of 90 paid licences of BouwPlan were used" in text


def test_real_names_when_asked(mini):
    report = Report.load(mini, lang="en", pseudonymise=False)
    html = report.data_used().html + report.frustrations_section().html
    assert "Jan de Vries" in html or "Petra Jansen" in html
    cover = report.cover().html
    assert "Employee 1" not in cover and "Pseudonyms were switched off" in cover  # the opt-out, said


def test_absent_data_leaves_one_line_per_section(tmp_path):
    folder = write_mini(tmp_path / "only-log", parts=("eventlog",))
    report = Report.load(folder, lang="en")
    blocks = {b.title: b for b in report.sections()}
    for title, words in [("Perceived versus actual process", "perceived_*.yaml"),
                         ("Frustrations of the team beside the evidence", "frustrations.csv"),
                         ("Adoption after go-live", "usage.csv"),
                         ("After the go-live", "eventlog_after.csv")]:
        block = blocks[title]
        assert not block.present
        assert words in block.html
        assert block.html.count("<p") == 1
    assert blocks["How the work really runs"].present


def test_empty_folder_reports_every_section_absent(tmp_path):
    (tmp_path / "scenario.yaml").write_text("name: Leeg BV\n", encoding="utf-8")
    report = Report.load(tmp_path, lang="nl")
    blocks = report.sections()
    assert [b.present for b in blocks[3:]] == [False] * 8
    assert "eventlog.csv" in blocks[3].html


def test_overrides_replace_scenario_values(mini):
    report = Report.load(mini, lang="nl", overrides={"hourly_rate": 100, "name": "Andere BV"})
    assert report.rate == 100.0
    assert "Andere BV" in report.cover().html


def test_no_analyst_paths_in_sections(mini, mini_html):
    html = "".join(b.html for b in mini_html["en"][1])
    assert str(mini.parent) not in html
    assert "eventlog.csv" in html  # the file name alone is fine


# -- the runner: parameters and errors without running a kernel -----------------------------
def test_run_report_checks_parameters(mini, tmp_path):
    with pytest.raises(ParameterError, match="The 'lang' parameter of run_report must be one of"):
        sh.run_report(mini, tmp_path, lang="de")
    with pytest.raises(ParameterError, match="'formats' parameter of run_report must be one of"):
        sh.run_report(mini, tmp_path, formats=("docx",))
    with pytest.raises(ParameterError, match="no parameter 'hourly_rat'.*Did you mean 'hourly_rate'"):
        sh.run_report(mini, tmp_path, hourly_rat=40)
    with pytest.raises(sh.InputError, match="not a folder"):
        sh.run_report(tmp_path / "missing", tmp_path)
    assert not list(tmp_path.iterdir())


def test_missing_chromium_names_what_to_install(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser anywhere on PATH
    monkeypatch.delenv("SHADOWING_CHROMIUM", raising=False)
    with pytest.raises(ReportError, match="apt-get install chromium.*--no-pdf"):
        sh.run_report(mini, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_clean_outputs_drops_everything_technical():
    import nbformat

    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: boo"),
        nbformat.v4.new_output("stream", name="stdout", text="kept"),
        nbformat.v4.new_output("error", ename="ValueError", evalue="x", traceback=["Traceback"]),
        nbformat.v4.new_output("execute_result", data={"text/plain": "<Figure size 640x480 with 1 Axes>"}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "[<matplotlib.lines.Line2D at 0x7f>]"}),
        nbformat.v4.new_output("display_data", data={"text/html": "<p>kept</p>", "text/plain": "x"}),
    ]
    nb = nbformat.v4.new_notebook(cells=[cell])
    R._clean_outputs(nb)
    kinds = [(o.output_type, o.get("name")) for o in nb.cells[0].outputs]
    assert kinds == [("stream", "stdout"), ("display_data", None)]


def test_report_notebook_is_shipped_without_outputs_and_with_one_parameters_cell():
    import nbformat

    nb = nbformat.read(R.report_notebook_path(), as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert nb.cells.index(params[0]) <= 1
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None


def test_kernel_is_the_running_python(tmp_path):
    km_class = R._kernel_manager_class(tmp_path / "kernel.log")
    km = km_class(kernel_name="python3")
    assert km.kernel_spec.argv[0] == sys.executable
    assert km.kernel_spec.language == "python"


# -- the real thing: papermill + nbconvert + Chromium ------------------------------------------
@pytest.fixture(scope="module")
def mini_report(mini, tmp_path_factory):
    out = tmp_path_factory.mktemp("report-mini")
    started = time.perf_counter()
    paths = sh.run_report(mini, out, lang="nl", formats=("html", "pdf") if HAS_CHROMIUM else ("html",))
    return paths, time.perf_counter() - started


@pytest.mark.slow
def test_run_report_writes_html_and_pdf(mini_report):
    paths, seconds = mini_report
    assert [p.name for p in paths] == ["report-nl.html", "report-nl.pdf"][: len(paths)]
    html = paths[0].read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I)
    assert len(scripts) == 1, "only the inline zoom-and-pan script"   # maps explorable on screen
    attrs, code = scripts[0]
    assert "src" not in attrs and "Zoom and pan" in code
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|https?://", code)  # it loads nothing
    assert not re.search(r"""(src|href)=["']?https?:|@import|url\(["']?https?:""", html)  # nothing loaded
    assert "report.summary()" not in html and "In&nbsp;[" not in html  # no code, no prompts
    assert "analyst-only" not in html and "This notebook" not in html  # analyst notes left out
    for word in FORBIDDEN + tuple(NAMES):
        assert word not in html, word
    assert "/tmp" not in html and str(Path.home()) + "/" not in html
    assert html.count("<svg") >= 3  # maps and charts are vector graphics


@pytest.mark.slow
@needs_chromium
def test_pdf_is_a4_with_section_titles(mini_report):
    import pypdf

    paths, _ = mini_report
    reader = pypdf.PdfReader(paths[1])
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4
    text = " ".join(p.extract_text() for p in reader.pages)
    flat = " ".join(text.split())
    for title in TITLES["nl"]:
        assert title in flat, title
    for word in FORBIDDEN + tuple(NAMES):
        assert word not in flat, word


@pytest.mark.slow
@needs_chromium
def test_html_renders_in_chromium(mini_report, tmp_path):
    from PIL import Image, ImageStat

    paths, _ = mini_report
    png = R.screenshot(paths[0], tmp_path / "shot.png", width=1000, height=1400)
    image = Image.open(png).convert("L")
    stat = ImageStat.Stat(image)
    assert stat.var[0] > 100  # not a blank page
    dark = sum(image.histogram()[:128]) / (image.width * image.height)
    assert dark > 0.005  # text and figures are drawn


@pytest.fixture
def broken(mini, tmp_path) -> Path:
    """The mini folder with a perceived process that cannot be read: the notebook's load cell fails."""
    folder = tmp_path / "broken"
    shutil.copytree(mini, folder)
    (folder / "perceived_broken.yaml").write_text("name: x\nsteps: [A, B\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_failing_cell_fails_the_report_and_leaves_nothing(broken, tmp_path):
    with pytest.raises(ReportError, match=r"cell \d+ \(tag 'load-data'.*perceived_broken.yaml"):
        sh.run_report(broken, tmp_path / "out", formats=("html",))
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken"]  # no staging folder left


@pytest.mark.slow
def test_failing_cell_does_not_replace_nor_add_to_an_earlier_report(broken, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    (out / "report-nl.html").write_text("earlier")
    with pytest.raises(ReportError):
        sh.run_report(broken, out, formats=("html",))
    assert {p.name: p.read_text() for p in out.iterdir()} == {"keep.txt": "x", "report-nl.html": "earlier"}


# -- every bundled sample, both languages ---------------------------------------------------------
@pytest.fixture(scope="module")
def sample_reports(tmp_path_factory):
    """One run per sample and language: HTML for all, the PDF for Dutch (the default)."""
    cache: dict = {}

    def get(sample: str, lang: str):
        if (sample, lang) not in cache:
            out = tmp_path_factory.mktemp(f"{sample}-{lang}")
            formats = ("html", "pdf") if lang == "nl" and HAS_CHROMIUM else ("html",)
            started = time.perf_counter()
            paths = sh.run_report(SAMPLES / sample, out, lang=lang, formats=formats)
            cache[(sample, lang)] = (paths, time.perf_counter() - started)
        return cache[(sample, lang)]

    return get


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_every_sample_reports_in_both_languages(sample_reports, sample, lang):
    paths, seconds = sample_reports(sample, lang)
    html = paths[0].read_text(encoding="utf-8")
    text = " ".join(_text(html).split())
    for title in TITLES[lang]:
        assert title in text or title.replace("'", "&#x27;") in html, title
    for word in FORBIDDEN:
        assert word not in html, word
    for name in _roster_names(SAMPLES / sample):
        assert name not in html, name
    assert str(ROOT) not in html
    if len(paths) > 1:
        import pypdf

        pdf = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(paths[1]).pages).split())
        assert TITLES[lang][0] in pdf and TITLES[lang][-1] in pdf
        for name in _roster_names(SAMPLES / sample):
            assert name not in pdf, name
        from test_report_folders import MIN_FONT_PT, smallest_words  # noqa: PLC0415
        small = smallest_words(paths[1])   # every word of every map and chart legible on A4
        assert small[0][0] >= MIN_FONT_PT - 0.05, small
    # target: execute + HTML + PDF under 30 s (generous here: CI machines are shared)
    assert seconds < 90, f"{sample}/{lang} took {seconds:.1f} s"


@pytest.mark.slow
def test_a_registered_python3_kernel_elsewhere_is_not_used(mini, tmp_path, monkeypatch):
    """A user-level 'python3' kernel pointing at another Python (the TRAPS case) is bypassed."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    spec.joinpath("kernel.json").write_text(json.dumps({
        "argv": ["/bin/false", "{connection_file}"], "display_name": "wrong", "language": "python"}))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")
    (html,) = sh.run_report(mini, tmp_path / "out", lang="en", formats=("html",))
    assert "Where to start" in html.read_text(encoding="utf-8")


def test_report_sections_on_a_real_log_and_hand_drawn_model(real_data, tmp_path):
    """A client folder holding only the real sepsis log and its hand-drawn BPMN."""
    folder = tmp_path / "sepsis"
    folder.mkdir()
    shutil.copy(real_data / "sepsis" / "sepsis.csv", folder / "eventlog.csv")
    shutil.copy(real_data / "sepsis" / "sepsis.bpmn", folder / "perceived_model.bpmn")
    report = Report.load(folder, lang="en")
    blocks = {b.title: b for b in report.sections()}
    assert blocks["How the work really runs"].present
    assert "1,050 cases" in blocks["How the work really runs"].html
    perceived = blocks["Perceived versus actual process"]
    assert perceived.present
    assert "47%" in perceived.html                   # 497 of 1,050 cases fit (see test_comparison)
    text = " ".join(re.sub(r"<[^>]+>", " ", perceived.html).split())   # the map's lines joined
    assert "left out to keep the map legible" in text  # a spaghetti diff map is thinned out
    assert "Token-replay fitness: 0.95" in text and "except for at most one deviation" in text
    assert not blocks["Adoption after go-live"].present


def test_construction_summary_tells_both_firms_stories():
    """Group stories stay stories: the summary compares the firms instead of averaging them."""
    for lang, words in (("nl", "per groep"), ("en", "per group")):
        html = Report.load(SAMPLES / "construction", lang=lang).summary().html
        text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        assert words in text
        assert re.search(r"Bouwbedrijf Claes 30\s?%", text) and re.search(r"Wouters Bouw 9[23]\s?%", text), text


def test_first_page_warns_when_an_input_lost_many_rows(tmp_path):
    """Two thirds of a log's dates unreadable: the summary says so, not only the data page."""
    rows = ["Case,Activity,Timestamp"] + [
        f"c{i // 3},{'abc'[i % 3]},{'2026-02-0' + str(1 + i % 3) + ' 10:00' if i % 3 == 0 else 'gisteren'}"
        for i in range(30)]
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for lang, word in (("en", "Careful: 20 of the 30 rows of log.csv"), ("nl", "Let op: 20 van de 30 regels van log.csv")):
        html = Report.load(tmp_path, lang=lang).summary().html
        assert word in html, html
    assert "Careful" not in Report.load(SAMPLES / "wholesale", lang="en").summary().html
