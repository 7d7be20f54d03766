"""Words of one language in a report of the other: the kit's own vocabulary, minus the data's."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import shadowing.wording as wording

WORD = re.compile(r"[^\W\d_]{5,}")


def _texts(obj, lang: str, out: list[str]) -> None:
    if isinstance(obj, dict):
        if "en" in obj and "nl" in obj:
            _collect(obj[lang], out)
            return
        for v in obj.values():
            _texts(v, lang, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _texts(v, lang, out)


def _collect(obj, out: list[str]) -> None:
    if isinstance(obj, str):
        out.append(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            _collect(v, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _collect(v, out)


def vocabulary() -> dict[str, set[str]]:
    """lang -> words (5+ letters, lower case) that the kit's word tables use only in that language."""
    texts = {"en": [], "nl": []}
    for mod in pkgutil.iter_modules(wording.__path__):
        module = importlib.import_module(f"shadowing.wording.{mod.name}")
        for value in vars(module).values():
            if isinstance(value, dict):
                for lang in texts:
                    _texts(value, lang, texts[lang])
    words = {lang: {w.casefold() for t in ts for w in WORD.findall(re.sub(r"\{[^}]*\}", " ", t))}
             for lang, ts in texts.items()}
    return {"en": words["en"] - words["nl"], "nl": words["nl"] - words["en"]}


def data_words(folder: Path) -> set[str]:
    """Every word in the folder's files (client data may be in either language)."""
    out: set[str] = set()
    for path in Path(folder).iterdir():
        if path.is_file() and path.suffix.lower() in (".csv", ".yaml", ".yml", ".bpmn", ".xes", ".pnml", ".txt"):
            out |= {w.casefold() for w in WORD.findall(path.read_bytes().decode("utf-8", "replace"))}
    return out


def foreign_words(text: str, lang: str, *, data: set[str], vocab=None) -> list[str]:
    """Words of the other language's kit vocabulary found in ``text`` (not in the data)."""
    vocab = vocab or vocabulary()
    other = vocab["en" if lang == "nl" else "nl"]
    found = {w.casefold() for w in WORD.findall(text)}
    return sorted((found & other) - data)
