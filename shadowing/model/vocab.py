"""Vocabularies of the field notes: tool names and waste tags, in English and Dutch.

Tools are free text in the field ("Exel", "telefoon", "briefje"); they are normalised to a
known set. A close typo of a known name is corrected and reported (a finding, not an error);
a tool nobody knows is kept exactly as written. Waste tags are a fixed vocabulary: an unknown
tag is an error with a did-you-mean.
"""

from __future__ import annotations

import difflib
import re
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ParameterError
from .text import fold

#: Known tools (canonical name first) and the names people write for them.
TOOLS: dict[str, list[str]] = {
    "ERP": ["erp", "erp-systeem", "erp systeem", "erpsysteem", "erp system"],
    "CRM": ["crm", "crm-systeem", "crm systeem", "crm system"],
    "Excel": ["excel", "xls", "xlsx", "excel-lijst", "excellijst", "excel lijst", "excel sheet",
              "excelsheet", "excel-bestand", "spreadsheet", "rekenblad"],
    "e-mail": ["e-mail", "email", "mail", "e-mails", "emails", "mails", "gmail", "mailbox",
               "inbox"],
    "Outlook": ["outlook", "ms outlook"],
    "phone": ["phone", "telefoon", "tel", "telephone", "gsm", "mobiel", "mobile", "bellen",
              "call", "phone call", "telefonisch", "telefoongesprek", "smartphone"],
    "WhatsApp": ["whatsapp", "whats app", "whatsapp-groep", "whatsapp groep", "app-groep"],
    "SMS": ["sms", "text message", "sms'je"],
    "paper": ["paper", "papier", "print", "printout", "afdruk", "formulier", "papieren formulier",
              "paper form", "ordner", "map", "papieren map", "logboek", "notebook", "schrift",
              "notitieblok", "kladblok"],
    "post-it": ["post-it", "postit", "post it", "post-its", "briefje", "briefjes", "sticky note",
                "plakbriefje", "geeltje"],
    "Teams": ["teams", "ms teams", "microsoft teams"],
    "Slack": ["slack"],
    "Word": ["word", "ms word", "word-document", "worddocument"],
    "SharePoint": ["sharepoint"],
    "shared drive": ["shared drive", "netwerkschijf", "gedeelde schijf", "schijf", "fileserver",
                     "verkenner", "explorer"],
    "website": ["website", "web", "portal", "portaal", "webportaal", "webshop", "browser",
                "internet", "leveranciersportaal"],
    "calendar": ["calendar", "agenda", "kalender"],
    "whiteboard": ["whiteboard", "planbord", "planningsbord", "bord"],
    "in person": ["in person", "face to face", "face-to-face", "mondeling", "persoonlijk",
                  "gesprek", "verbal", "langslopen", "loopt langs", "walk over"],
    "fax": ["fax"],
    "scanner": ["scanner", "scan", "scannen"],
}

#: Cell values that mean "no tool" / "no tag".
NONE_WORDS = {"", "-", "--", "n/a", "na", "none", "geen", "nvt", "n.v.t.", "nee", "no", "nil", "/"}

#: Waste tags (English canonical) and the words accepted for them.
WASTE: dict[str, list[str]] = {
    "waiting": ["waiting", "wait", "wachten", "wachttijd", "waiting time"],
    "rework": ["rework", "herwerk", "opnieuw", "overdoen", "redo", "correction", "correctie"],
    "searching": ["searching", "search", "zoeken", "zoekwerk", "looking for"],
    "double entry": ["double entry", "dubbel werk", "dubbele invoer", "dubbelwerk",
                     "dubbel invoeren", "overtypen", "duplicate entry", "re-entry"],
    "system switch": ["system switch", "system switching", "systeemwissel", "wisselen",
                      "switching", "switch", "systeemwisseling", "wissel"],
    "interruption": ["interruption", "onderbreking", "storing", "interrupt", "onderbroken"],
    "transport": ["transport", "lopen", "walking", "verplaatsing"],
    "overprocessing": ["overprocessing", "over-processing", "overbewerking", "overprocessen",
                       "te veel werk"],
    "defect": ["defect", "fout", "error", "mistake", "fouten", "defects"],
}

#: difflib ratio above which an unknown tool name is taken as a typo of a known one.
TOOL_TYPO_RATIO = 0.8
#: Tool names shorter than this are never corrected (``"CMR"`` is not guessed to be ``"CRM"``).
TOOL_TYPO_MIN_LENGTH = 4


def tool_aliases(extra: Mapping[str, str] | Sequence[str] | None = None) -> dict[str, str]:
    """Folded alias -> canonical tool name, including the analyst's own ``tools=``."""
    aliases: dict[str, str] = {}
    for canonical, words in TOOLS.items():
        aliases[fold(canonical)] = canonical
        for w in words:
            aliases[fold(w)] = canonical
    if extra is None:
        return aliases
    if isinstance(extra, str):
        raise ParameterError("The 'tools' parameter must be a mapping {name written: tool} or a "
                             f"list of tool names. Got the string {extra!r} instead.")
    if isinstance(extra, Mapping):
        for written, canonical in extra.items():
            aliases[fold(canonical)] = aliases.get(fold(canonical), str(canonical))
            aliases[fold(written)] = aliases[fold(canonical)]
    else:
        for name in extra:
            aliases[fold(name)] = str(name).strip()
    return aliases


def normalise_tools(raw: pd.Series, *, extra=None) -> tuple[pd.Series, pd.DataFrame]:
    """Normalise tool names; return (tools, corrections).

    ``tools`` holds the canonical name, the raw text for unknown tools, and NaN for empty cells
    or "none". ``corrections`` has one row per distinct typo corrected: ``raw``, ``corrected``,
    ``count``.
    """
    aliases = tool_aliases(extra)
    keys = list(aliases)
    text = raw.astype(object).map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v))
                                  else re.sub(r"\s+", " ", str(v).strip()))
    codes, uniques = pd.factorize(text, sort=False)
    mapped = np.empty(len(uniques), dtype=object)
    typo = np.zeros(len(uniques), dtype=bool)
    for i, u in enumerate(uniques):  # distinct values only
        mapped[i], typo[i] = _one_tool(u, aliases, keys)
    out = pd.Series(mapped[codes] if len(uniques) else np.asarray([], dtype=object),
                    index=raw.index, dtype=object)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques)) if len(uniques) else []
    corrections = pd.DataFrame({
        "raw": [uniques[i] for i in np.flatnonzero(typo)],
        "corrected": [mapped[i] for i in np.flatnonzero(typo)],
        "count": [int(counts[i]) for i in np.flatnonzero(typo)],
    }, columns=["raw", "corrected", "count"])
    return out, corrections


def _one_tool(value: str, aliases: dict[str, str], keys: list[str]) -> tuple[object, bool]:
    key = fold(value)
    if key in NONE_WORDS:
        return np.nan, False
    if key in aliases:
        return aliases[key], False
    # "Excel (voorraadlijst)", "telefoon: leverancier" -> the part before the remark
    head = fold(re.split(r"[(:\[]", key, maxsplit=1)[0])
    if head and head != key and head in aliases:
        return aliases[head], False
    if len(key) >= TOOL_TYPO_MIN_LENGTH:
        close = difflib.get_close_matches(key, [k for k in keys if len(k) >= 3], n=1,
                                          cutoff=TOOL_TYPO_RATIO)
        if close:
            return aliases[close[0]], True
    return value, False


def waste_aliases() -> dict[str, str]:
    out = {}
    for canonical, words in WASTE.items():
        out[fold(canonical)] = canonical
        for w in words:
            out[fold(w)] = canonical
    return out


def normalise_waste(raw: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Map waste tags to the English vocabulary; return (tags, bad mask, reasons)."""
    aliases = waste_aliases()
    text = raw.astype(object).map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v))
                                  else str(v))
    codes, uniques = pd.factorize(text, sort=False)
    mapped = np.empty(len(uniques), dtype=object)
    why = np.full(len(uniques), "", dtype=object)
    for i, u in enumerate(uniques):  # distinct values only
        key = fold(u)
        if key in NONE_WORDS:
            mapped[i] = np.nan
        elif key in aliases:
            mapped[i] = aliases[key]
        else:
            mapped[i] = np.nan
            close = difflib.get_close_matches(key, list(aliases), n=1, cutoff=0.6)
            hint = f" Did you mean '{close[0]}' ({aliases[close[0]]})?" if close else ""
            why[i] = (f"unknown waste tag '{u}'; expected one of {', '.join(WASTE)} "
                      f"(or in Dutch: wachten, herwerk, zoeken, dubbel werk, systeemwissel, "
                      f"onderbreking, transport, overbewerking, fout).{hint}")
    n = len(raw)
    if not len(uniques):
        return (pd.Series([], index=raw.index, dtype=object), np.zeros(n, bool),
                np.full(n, "", dtype=object))
    reasons = why[codes]
    return (pd.Series(mapped[codes], index=raw.index, dtype=object), reasons != "", reasons)
