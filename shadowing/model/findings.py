"""Findings: one row per fact about the data worth telling (``quality`` and the readers)."""

from __future__ import annotations

import difflib
import re

import pandas as pd

from .text import fold_alnum

SIMILAR_LABEL_RATIO = 0.9     # difflib ratio for "probably the same label"

FINDING_COLUMNS = ["check", "severity", "count", "share", "message", "examples"]


def finding(check, severity, count, share, message, examples) -> dict:
    """One finding as a row of `FINDING_COLUMNS` (examples joined, at most five)."""
    return {"check": check, "severity": severity, "count": int(count),
            "share": float(share), "message": message,
            "examples": ", ".join(map(str, list(examples)[:5]))}


def rejected_finding(rejected: pd.DataFrame, rows_read: int) -> dict:
    """The finding that names the refused rows of any reader (``.rejected``) and their reason."""
    reasons = rejected["reason"].astype(str).str.split(r"[:;]").str[0].value_counts()
    return finding("rejected rows", "warning", len(rejected), len(rejected) / max(rows_read, 1),
                   f"{len(rejected)} of {rows_read} rows could not be read and are left out "
                   f"(most common: {reasons.index[0]}).",
                   [f"line {r.line}" for r in rejected.head(5).itertuples()])


def probably_same(a: str, b: str) -> bool:
    """Same label but for case, spacing, punctuation, or one misspelt long word.

    Labels that differ in a number or a short code ('aspect 1'/'aspect 2', 'NC'/'IC') or by
    extra words ('Inspection'/'Inspection Q.C.') are different steps, not typos.
    """
    if fold_alnum(a) == fold_alnum(b):
        return True
    ta, tb = re.findall(r"\w+", a.casefold()), re.findall(r"\w+", b.casefold())
    if len(ta) != len(tb):
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < 5 or re.search(r"\d", x + y):
        return False
    return difflib.SequenceMatcher(None, x, y).ratio() >= SIMILAR_LABEL_RATIO - 0.1


def similar_labels(labels: pd.Series, what: str) -> list[dict]:
    counts = labels.value_counts()
    names = [str(x) for x in counts.index]
    if len(names) > 400:
        return []
    pairs = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if probably_same(a, b):
                pairs.append((a, b))
    if not pairs:
        return []
    affected = sum(int(min(counts[a], counts[b])) for a, b in pairs)
    return [finding(f"similar {what} labels", "warning", len(pairs), affected / len(labels),
                     f"{len(pairs)} pair(s) of {what} labels differ only in case, spacing or "
                     "spelling and may be the same step; merge them before analysing if so.",
                     [f"'{a}' / '{b}'" for a, b in pairs])]
