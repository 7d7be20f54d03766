"""How each column of a result reads for people: percentages, hours, money, durations, dates.

One classification (`column_kind`) from a column's name and dtype, used by the notebook display
of the kit's result frames (`shadowing.draw.tables`) and by the Excel export (number formats).
The data are never changed: only how they are shown.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable

import numpy as np
import pandas as pd

from .. import i18n

KINDS = ("money", "hours", "percent", "duration", "datetime", "integer", "number", "text")

_MONEY = re.compile(r"(^|_)(cost|costs|euro|euros|eur|money|saving|savings|price|value_eur)(_|$)")
_HOURS = re.compile(r"(^|_)hours(_|$)")
_PERCENT = re.compile(r"(^|_)(share|relative|fitness|conformance|coverage|pct|percentage|"
                      r"ratio|stickiness|retention)(_|$)")


def column_kind(name: Any, series: pd.Series) -> str:
    """The kind of a column: one of `KINDS`.

    Money, hours and percentages are recognised by the column's name (``cost_per_month``,
    ``staff_hours_per_month``, ``share_of_cases``) when it holds numbers; durations and dates by
    their dtype.
    """
    dtype = series.dtype
    if pd.api.types.is_timedelta64_dtype(dtype):
        return "duration"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        return "text"
    key = str(name).strip().lower().replace(" ", "_")
    if _MONEY.search(key):
        return "money"
    if _HOURS.search(key):
        return "hours"
    if _PERCENT.search(key):
        values = pd.to_numeric(series, errors="coerce")
        if values.dropna().between(-1.0001, 1.0001).all():
            return "percent"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    return "number"


def _missing(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        return bool(pd.isna(v)) if np.ndim(v) == 0 else False
    except (TypeError, ValueError):
        return False


def duration_text(td, lang: str = "en") -> str:
    """``6 h 28 min``, ``2 d 4 h``, ``12 min``, ``45 s``; ``""`` when missing."""
    if _missing(td):
        return ""
    seconds = pd.Timedelta(td).total_seconds()
    sign = "-" if seconds < 0 else ""
    s = round(abs(seconds))
    d, rem = divmod(s, 86400)
    h, rem = divmod(rem, 3600)
    m, sec = divmod(rem, 60)
    hour = "u" if lang == "nl" else "h"
    if d:
        return f"{sign}{d} d {h} {hour}" if h else f"{sign}{d} d"
    if h:
        return f"{sign}{h} {hour} {m} min" if m else f"{sign}{h} {hour}"
    if m:
        return f"{sign}{m} min"
    return f"{sign}{sec} s"


def formatter(kind: str, lang: str = "en", currency: str = "EUR") -> Callable[[Any], str]:
    """A function turning one value of a column of ``kind`` into text (``""`` when missing)."""
    def wrap(fn):
        def fmt(v):
            if _missing(v):
                return ""
            try:
                return fn(v)
            except (TypeError, ValueError):
                return str(v)
        return fmt

    if kind == "money":
        return wrap(lambda v: i18n.money(float(v), lang, currency=currency))
    if kind == "hours":
        return wrap(lambda v: i18n.number(float(v), lang, decimals=1))
    if kind == "percent":
        return wrap(lambda v: i18n.percent(float(v), lang, decimals=0 if abs(v) >= 0.1 or v == 0
                                           else 1))
    if kind == "duration":
        return wrap(lambda v: duration_text(v, lang))
    if kind == "datetime":
        return wrap(lambda v: pd.Timestamp(v).strftime("%Y-%m-%d %H:%M")
                    if pd.Timestamp(v).time() != pd.Timestamp(0).time()
                    else pd.Timestamp(v).strftime("%Y-%m-%d"))
    if kind == "integer":
        return wrap(lambda v: i18n.number(float(v), lang))
    if kind == "number":
        return wrap(_number(lang))
    return wrap(_cell(lang))


def _cell(lang: str) -> Callable[[Any], str]:
    """Text cells, and cells of mixed columns formatted by their own type."""
    number = _number(lang)

    def fmt(v) -> str:
        if isinstance(v, (pd.Timedelta, np.timedelta64)):
            return duration_text(v, lang)
        if isinstance(v, pd.Timestamp):
            return formatter("datetime", lang)(v)
        if isinstance(v, (float, np.floating)):
            return number(v)
        return _text(v)
    return fmt


def _number(lang: str) -> Callable[[Any], str]:
    from babel.numbers import format_decimal  # noqa: PLC0415

    locale = "nl_NL" if lang == "nl" else "en_GB"

    def fmt(v) -> str:
        x = float(v)
        if not math.isfinite(x):
            return str(x)
        return format_decimal(round(x, 2), format="#,##0.##", locale=locale)
    return fmt


def _text(v) -> str:
    if isinstance(v, (list, tuple, set, frozenset)):
        return ", ".join(_text(x) for x in v)
    return str(v)


def formatted(frame: pd.DataFrame, lang: str = "en", currency: str = "EUR") -> pd.DataFrame:
    """A frame of texts: every cell as `formatter` writes it (for display only)."""
    out = {}
    for i, col in enumerate(frame.columns):
        s = frame.iloc[:, i]
        fmt = formatter(column_kind(col, s), lang, currency)
        out[i] = [fmt(v) for v in s.tolist()]  # display rows only: bounded by the caller
    result = pd.DataFrame(out, index=frame.index)
    result.columns = frame.columns
    return result
