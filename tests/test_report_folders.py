"""Reports on folders the kit did not make: real logs under their own names, a compressed log
with a Petri net, observations only; every PDF legible on A4 (no word under 6 pt)."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest

import shadowing as sh
from shadowing.report import run as R

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
REAL = ROOT.parent / "shared" / "data" / "real"
HAS_CHROMIUM = any(shutil.which(b) for b in R.BROWSERS)
MIN_FONT_PT = 6.0


def smallest_words(pdf: Path, n: int = 5) -> list[tuple[float, str, int]]:
    """The ``n`` smallest pieces of text of a PDF: (printed font size in points, text, page).

    The size is the font size times the scale of the text and transformation matrices (so a
    map shrunk to the page, or a rotated axis label, is measured as printed)."""
    import math

    import pypdf

    found: list[tuple[float, str, int]] = []

    def visitor(page: int):
        def visit(text, cm, tm, font, size):
            if not text.strip():
                return
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            found.append((size * math.sqrt(abs(a * d - b * c)), text.strip(), page))
        return visit

    for number, page in enumerate(pypdf.PdfReader(pdf).pages, 1):
        page.extract_text(visitor_text=visitor(number))
    return sorted(found)[:n]


def folder_sepsis(tmp: Path) -> Path:
    for name in ("sepsis.csv", "sepsis.bpmn"):
        shutil.copy(REAL / "sepsis" / name, tmp / name)
    return tmp


def folder_fines_gz(tmp: Path) -> Path:
    log = sh.read_event_log(REAL / "road_traffic_fines" / "roadtraffic100traces.xes")
    frame = log.frame.drop(columns=[c for c in ("line",) if c in log.frame])
    with gzip.open(tmp / "fines export.csv.gz", "wt", encoding="utf-8") as fh:
        frame.to_csv(fh, index=False)
    shutil.copy(REAL / "road_traffic_fines" / "RoadFines_NoData.pnml", tmp / "RoadFines_NoData.pnml")
    return tmp


def folder_observations_only(tmp: Path) -> Path:
    shutil.copy(SAMPLES / "wholesale" / "observations.csv", tmp / "notities dag 1-3.csv")
    return tmp


FOLDERS = {"sepsis": (folder_sepsis, ["sepsis.csv", "sepsis.bpmn"]),
           "fines": (folder_fines_gz, ["fines export.csv.gz", "RoadFines_NoData.pnml"]),
           "observations": (folder_observations_only, ["notities dag 1-3.csv"])}


@pytest.fixture(scope="module", params=[(f, lang) for f in FOLDERS for lang in ("nl", "en")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def folder_report(request, tmp_path_factory):
    name, lang = request.param
    if name != "observations" and not REAL.is_dir():
        pytest.skip(f"real logs not available: {REAL} does not exist (only beside the project)")
    if not HAS_CHROMIUM:
        pytest.skip("no Chromium on PATH")
    make, files = FOLDERS[name]
    folder = make(tmp_path_factory.mktemp(name))
    paths = sh.run_report(folder, tmp_path_factory.mktemp("out"), lang=lang)
    return name, lang, files, paths


@pytest.mark.slow
def test_report_on_a_real_folder_names_its_inputs_and_prints_legibly(folder_report):
    name, lang, files, paths = folder_report
    html = paths[0].read_text(encoding="utf-8")
    for f in files:
        assert f in html, f"{f} is not listed under the data used"
    assert "€" not in html, "no hourly rate was given: no euros"
    small = smallest_words(paths[1])
    assert small[0][0] >= MIN_FONT_PT - 0.05, f"words under {MIN_FONT_PT} pt: {small}"
