"""The words about applied filters (map footnotes, the log's display), in English and Dutch."""

from __future__ import annotations

from typing import Sequence

from .. import i18n
from ..model.filtering import AppliedFilter

_WORDS = {
    "en": {"filtered": "Filtered", "aside": "set aside", "cases": "cases", "case": "case",
           "events": "events", "event": "event"},
    "nl": {"filtered": "Gefilterd", "aside": "apart gezet", "cases": "zaken", "case": "zaak",
           "events": "gebeurtenissen", "event": "gebeurtenis"},
}


def filter_phrase(f: AppliedFilter, lang: str = "en") -> str:
    """``filter_variants_top_k(k=5) (120 cases, 1,200 events set aside)``."""
    w = _WORDS[lang]
    cases = f"{i18n.number(f.cases, lang)} {w['case' if f.cases == 1 else 'cases']}"
    events = f"{i18n.number(f.events, lang)} {w['event' if f.events == 1 else 'events']}"
    return f"{f.call} ({cases}, {events} {w['aside']})"


def filters_sentence(filters: Sequence[AppliedFilter], lang: str = "en") -> str:
    """The footnote line: ``Filtered: a (…); b (…)``, or ``""`` when nothing was filtered."""
    if not filters:
        return ""
    return f"{_WORDS[lang]['filtered']}: " + "; ".join(filter_phrase(f, lang) for f in filters)
