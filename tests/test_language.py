"""One language per report: no word of the kit's other-language vocabulary in a report (client
data, which may be in either language, excepted)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

import shadowing as sh

sys.path.insert(0, str(Path(__file__).parent))
from _language import data_words, foreign_words, vocabulary  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
VOCAB = vocabulary()


def report_text(folder: Path, lang: str) -> str:
    report = sh.Report.load(folder, lang=lang)
    return re.sub(r"<[^>]+>", " ", "".join(b.html for b in report.sections()))


def test_the_vocabularies_are_large_and_apart():
    assert len(VOCAB["en"]) > 150 and len(VOCAB["nl"]) > 150
    assert {"waiting", "hours", "cases"} <= VOCAB["en"] and {"wachten", "zaken"} <= VOCAB["nl"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("sample", ["wholesale", "crm", "construction"])
def test_sample_reports_speak_one_language(sample, lang):
    text = report_text(SAMPLES / sample, lang)
    assert foreign_words(text, lang, data=data_words(SAMPLES / sample), vocab=VOCAB) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_real_log_report_speaks_one_language(real_data, tmp_path, lang):
    for name in ("sepsis.csv", "sepsis.bpmn"):
        shutil.copy(real_data / "sepsis" / name, tmp_path / name)
    text = report_text(tmp_path, lang)
    assert foreign_words(text, lang, data=data_words(tmp_path), vocab=VOCAB) == []


def test_the_check_finds_a_foreign_word():
    assert foreign_words("De wachttijd is lang; waiting cases", "nl", data=set(), vocab=VOCAB) == ["cases", "waiting"]
