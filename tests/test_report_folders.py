"""Reports on folders the kit did not make: real logs under their own names, a compressed log
with a Petri net, observations only; every PDF legible on A4 (no word under 6 pt)."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import shadowing as sh
from shadowing.report import run as R

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
REAL = ROOT.parent / "shared" / "data" / "real"
HAS_CHROMIUM = any(shutil.which(b) for b in R.BROWSERS) and shutil.which("pdftotext")
#: pdftotext's word boxes are about 1.135 times the font size (measured on the report's maps).
BOX_PER_POINT = 1.135
MIN_FONT_PT = 6.0


def smallest_words(pdf: Path, n: int = 5) -> list[tuple[float, str, int]]:
    """The ``n`` smallest words of a PDF: (font size in points, word, page)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    words = []
    for page, body in enumerate(out.split("<page ")[1:], 1):
        for m in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', body):
            if m.group(3).strip():
                words.append(((float(m.group(2)) - float(m.group(1))) / BOX_PER_POINT, m.group(3), page))
    return sorted(words)[:n]


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
        pytest.skip("no Chromium or pdftotext on PATH")
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
