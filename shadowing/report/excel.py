"""Tables to a client in Excel, with the story behind the numbers (`to_excel`).

Each table becomes a formatted sheet: a bold, frozen header with filters, column widths that fit
the content, number formats per column (money, hours with one decimal, percentages, durations as
``[h]:mm``, dates), long sentences wrapped. A last sheet, "About these numbers", lists the
assumptions and the accounting each table carries in its ``attrs`` (hourly rate, period, norms,
rows read and set aside, filters applied). Text from client data that a spreadsheet would run as
a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written as
text, marked with Excel's quote prefix, never as a formula.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError, ReportError, check_choice
from ..io.eventlog import EventLog
from ..wording.formats import column_kind

log = logging.getLogger(__name__)

__all__ = ["to_excel", "FORMULA_STARTS"]

#: First characters that make a spreadsheet treat a typed text as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ABOUT_SHEET = "About these numbers"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_FORMATS = {
    "money": {"en": '"€"#,##0', "nl": '"€" #,##0'},
    "hours": "#,##0.0",
    "percent": "0.0%",
    "duration": "[h]:mm",
    "datetime": "yyyy-mm-dd hh:mm",
    "integer": "#,##0",
    "number": "#,##0.00",
}
MIN_WIDTH, MAX_WIDTH, WRAP_AT = 8, 60, 60


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", str(name)).strip("'") or "Sheet"
    base = base[:31]
    out, i = base, 2
    while out.lower() in used:
        suffix = f" ({i})"
        out = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(out.lower())
    return out


def _missing(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    try:
        return bool(np.ndim(v) == 0 and pd.isna(v))
    except (TypeError, ValueError):
        return False


def _cell_value(v, kind: str):
    """A Python value openpyxl writes as the right Excel type."""
    if _missing(v):
        return None
    if kind == "duration":
        return pd.Timedelta(v).total_seconds() / 86400.0  # Excel durations are days
    if kind == "datetime":
        ts = pd.Timestamp(v)
        return (ts.tz_localize(None) if ts.tz is not None else ts).to_pydatetime()
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, (list, tuple, set, frozenset)):
        return ", ".join(str(x) for x in v)
    return str(v)


def _write(cell, value) -> None:
    """Write ``value``; a text a spreadsheet would run as a formula stays text."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"      # openpyxl would store "=..." as a formula
        cell.quotePrefix = True   # Excel and LibreOffice show it as typed text, never evaluate it


def _table_of(name: str, obj, lang: str) -> tuple[pd.DataFrame, dict]:
    if isinstance(obj, EventLog):
        summary = obj.summary()
        frame = pd.DataFrame({"item": summary.index.astype(str),
                              "value": [str(v) for v in summary.to_numpy()]})
        attrs: dict = {}
        accounting = getattr(obj, "accounting", None)
        if accounting is not None:
            attrs["accounting"] = accounting.sentence(lang)
        attrs["filters"] = [str(f) for f in getattr(obj, "filters", ())] or "none"
        return frame, attrs
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    if not isinstance(obj, pd.DataFrame):
        raise ParameterError(f"to_excel: the table {name!r} must be a DataFrame, a Series or an "
                             f"EventLog. Got {type(obj).__name__} instead.")
    frame = obj
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    return frame, dict(obj.attrs)


def _flatten(prefix: str, value: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
        return
    if isinstance(value, (list, tuple, set)):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, pd.DataFrame):
        text = f"table of {len(value)} rows"
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    out.append((prefix, text))


def to_excel(path, *, lang: str = "en", **tables) -> Path:
    """Write tables to an Excel workbook for a client, with the assumptions behind them.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file to write (its folder must exist; an existing file is replaced).
    lang : {"en", "nl"}
        Currency format of money columns.
    **tables : DataFrame, Series or EventLog
        One sheet per table, named after the keyword (``hotspots=sh.hotspots(log)``); at most
        31 characters, characters Excel refuses replaced by ``_``. An EventLog is written as
        its summary (rows read, set aside, rejected) with its filters.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ParameterError
        No table, a path that is not ``.xlsx``, a table that is not a frame.
    ReportError
        The file cannot be written (folder missing, file open in Excel).

    Examples
    --------
    >>> sh.to_excel("findings.xlsx", hotspots=sh.hotspots(log, hourly_rate=45),
    ...             variants=sh.variants(log))  # doctest: +SKIP
    """
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    check_choice("lang", lang, ("en", "nl"), func="to_excel")
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ParameterError(f"to_excel: the file must end in .xlsx. Got {path.name!r} instead.")
    if not tables:
        raise ParameterError("to_excel: give at least one table, e.g. "
                             "to_excel('findings.xlsx', hotspots=frame).")
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = {ABOUT_SHEET.lower()}
    about: list[tuple[str, str, str]] = []
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for key, obj in tables.items():
        frame, attrs = _table_of(key, obj, lang)
        name = _sheet_name(key, used)
        ws = wb.create_sheet(name)
        columns = [str(c) for c in frame.columns]
        kinds = [column_kind(c, frame.iloc[:, i]) for i, c in enumerate(frame.columns)]
        widths = [len(c) + 2 for c in columns]
        for j, col in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=j)
            _write(cell, col)
            cell.font = bold
            cell.alignment = wrap
        for j, kind in enumerate(kinds):
            fmt = _FORMATS.get(kind)
            fmt = fmt[lang] if isinstance(fmt, dict) else fmt
            values = frame.iloc[:, j].tolist()
            for i, v in enumerate(values, start=2):  # openpyxl writes cell by cell
                value = _cell_value(v, kind)
                cell = ws.cell(row=i, column=j + 1)
                _write(cell, value)
                if fmt and value is not None and not isinstance(value, str):
                    cell.number_format = fmt
                if isinstance(value, str) and len(value) > WRAP_AT:
                    cell.alignment = wrap
                else:
                    cell.alignment = top
            if kind == "text":
                longest = max((len(str(v)) for v in values[:1000] if not _missing(v)), default=0)
            else:
                longest = 14 if kind in ("datetime", "money") else 10
            widths[j] = max(widths[j], longest + 2)
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = max(MIN_WIDTH, min(MAX_WIDTH, w))
        ws.freeze_panes = "A2"
        if len(frame):
            ws.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{len(frame) + 1}"
        about.append((name, "rows", str(len(frame))))
        flat: list[tuple[str, str]] = []
        for k, v in attrs.items():
            _flatten(str(k), v, flat)
        about.extend((name, k, v) for k, v in flat)
    ws = wb.create_sheet(ABOUT_SHEET)
    for j, head in enumerate(("sheet", "item", "value"), start=1):
        cell = ws.cell(row=1, column=j)
        cell.value = head
        cell.font = bold
    for i, row in enumerate(about, start=2):
        for j, v in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j)
            _write(cell, v)
            cell.alignment = wrap if len(v) > WRAP_AT else top
    for letter, width in (("A", 24), ("B", 36), ("C", MAX_WIDTH + 20)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    try:
        wb.save(path)
    except OSError as exc:
        raise ReportError(f"to_excel: cannot write {path}: {exc.strerror or exc}. Is the folder "
                          "there, and is the file not open in Excel?") from exc
    log.info("wrote %s (%d sheets)", path, len(tables) + 1)
    return path
