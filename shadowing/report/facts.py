"""Small facts the report's sections need from the data (rows read, reasons, periods, tables)."""

from __future__ import annotations

import re

import pandas as pd

from ..model import columns as C
from ..wording.report import AXES_NL, T
from .html import esc, table as _table

def _main_reason(rej, lang: str) -> str:
    """The most common reason rows were refused, without the refused value itself."""
    if rej is None or not len(rej):
        return ""
    column = rej["column"].astype(str).value_counts().index[0]
    reasons = rej.loc[rej["column"].astype(str) == column, "reason"].astype(str)
    reason = re.split(r"[,;]\s*(?:found|got)\b", reasons.value_counts().index[0])[0].strip()
    if lang == "nl":
        return f"kolom '{column}': onleesbare of ontbrekende waarde"
    return f"column '{column}': {reason}"


def _call_plot(func, data, *, size=(7.5, 3.6), **options):
    import matplotlib.pyplot as plt  # noqa: PLC0415

    fig, ax = plt.subplots(figsize=size)
    ax = func(data, ax=ax, **options)
    return ax


def _rejected(obj) -> pd.DataFrame | None:
    rej = getattr(obj, "rejected", None)
    if rej is None and isinstance(obj, pd.DataFrame):
        rej = obj.attrs.get("rejected")
    return rej


def _rows_read(obj, used: int, rej) -> int:
    read = getattr(obj, "rows_read", None)
    if read is None and isinstance(obj, pd.DataFrame):
        read = obj.attrs.get("rows_read")
    return int(read) if read else used + (0 if rej is None else len(rej))


def _replace_frame(obj, columns: dict):
    """A copy of an EventLog/Observations (or frame) with some columns replaced."""
    import dataclasses  # noqa: PLC0415

    if hasattr(obj, "frame") and dataclasses.is_dataclass(obj):
        return dataclasses.replace(obj, frame=_with(obj.frame, **columns))
    return _with(obj, **columns)


def _with(frame: pd.DataFrame, **columns) -> pd.DataFrame:
    out = frame.copy()
    for k, v in columns.items():
        out[k] = v
    out.attrs = dict(frame.attrs)
    return out


def _naive(ts):
    ts = pd.Timestamp(ts)
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def _evidence_text(evidence: str, lang: str) -> str:
    """``case 12, 13; observation O4`` in the report's language."""
    if lang == "en":
        return evidence
    words = {"case": "zaak", "cases": "zaken", "observation": "waarneming", "observations": "waarnemingen",
             "frustration": "frustratie", "frustrations": "frustraties"}
    return re.sub(r"\b(cases?|observations?|frustrations?)\b", lambda m: words[m.group(1)], evidence)


def _time_use_table(tu: pd.DataFrame, report) -> str:
    lang = report.lang
    cols = list(tu.columns)
    num = {i for i, c in enumerate(cols) if pd.api.types.is_numeric_dtype(tu[c])}
    rows = [[report.num(v, 1) if i in num else esc(v) for i, v in enumerate(r)] for r in tu.head(20).itertuples(index=False)]
    header = [esc(T.get(f"col_{c}", {}).get(lang, c)) for c in cols]
    return _table(rows, header, numeric=num)


def _translate_axes(ax, lang: str) -> None:
    """Dutch labels on a chart the plotting function draws in English only."""
    if lang != "nl":
        return
    for get, put in ((ax.get_title, ax.set_title), (ax.get_xlabel, ax.set_xlabel), (ax.get_ylabel, ax.set_ylabel)):
        text = get()
        if text in AXES_NL:
            put(AXES_NL[text])
    legend = ax.get_legend()
    if legend is not None:
        for txt in legend.get_texts():
            txt.set_text(AXES_NL.get(txt.get_text(), txt.get_text()))
