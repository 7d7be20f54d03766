"""Numbers, money, dates and durations for people, in English or Dutch (via babel).

>>> money(1234.5, "nl", decimals=2)
'€ 1.234,50'
>>> money(4300, "en")
'€4,300'
>>> date(pd.Timestamp("2026-02-03"), "nl")
'3 februari 2026'
"""

from __future__ import annotations

import math

import pandas as pd

from .errors import check_choice

__all__ = ["money", "number", "percent", "date", "duration", "duration_unit", "check_lang"]

LANGS = ("nl", "en")
_LOCALE = {"nl": "nl_NL", "en": "en_GB"}


def check_lang(lang: str, func: str = "this function") -> str:
    check_choice("lang", lang, LANGS, func=func)
    return lang


def money(x: float, lang: str = "nl", *, decimals: int = 0, currency: str = "EUR") -> str:
    """``€ 1.234`` (nl) or ``€1,234`` (en); ``decimals=2`` for cents."""
    from babel.numbers import format_currency  # noqa: PLC0415

    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    fmt = "¤ #,##0" if decimals == 0 else "¤ #,##0.00"
    if lang == "en":
        fmt = fmt.replace("¤ ", "¤")
    return format_currency(round(float(x), decimals), currency, format=fmt, locale=_LOCALE[lang],
                           currency_digits=False)


def number(x: float, lang: str = "nl", *, decimals: int = 0) -> str:
    from babel.numbers import format_decimal  # noqa: PLC0415

    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(float(x), decimals), format=pattern, locale=_LOCALE[lang])


def percent(x: float, lang: str = "nl", *, decimals: int = 0) -> str:
    """``0.2`` -> ``20%`` (en) / ``20%`` (nl); ``decimals`` after the comma."""
    from babel.numbers import format_percent  # noqa: PLC0415

    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(float(x), format=pattern, locale=_LOCALE[lang])


def date(d, lang: str = "nl", *, fmt: str = "long") -> str:
    """``3 februari 2026`` (nl), ``3 February 2026`` (en); ``fmt="short"`` gives ``3 feb. 2026``."""
    from babel.dates import format_date  # noqa: PLC0415

    if d is None or pd.isna(d):
        return "–"
    d = pd.Timestamp(d)
    pattern = "d MMMM y" if fmt == "long" else "d MMM y"
    return format_date(d.date(), format=pattern, locale=_LOCALE[lang])


_UNITS = {
    "en": {"min": ("minute", "minutes"), "h": ("hour", "hours"), "d": ("day", "days"),
           "s": ("second", "seconds"), "w": ("week", "weeks")},
    "nl": {"min": ("minuut", "minuten"), "h": ("uur", "uur"), "d": ("dag", "dagen"),
           "s": ("seconde", "seconden"), "w": ("week", "weken")},
}


def duration_unit(seconds: float) -> str:
    """The unit a duration reads best in: ``s``, ``min``, ``h``, ``d``."""
    s = abs(float(seconds))
    if s < 90:
        return "s"
    if s < 90 * 60:
        return "min"
    if s < 48 * 3600:
        return "h"
    return "d"


def duration(td, lang: str = "en", *, short: bool = True, unit: str | None = None) -> str:
    """A duration in the unit it reads best in: ``12 min``, ``3.5 h`` / ``3,5 u``, ``2.1 days``."""
    if td is None or (not isinstance(td, (int, float)) and pd.isna(td)):
        return "–"
    seconds = td.total_seconds() if hasattr(td, "total_seconds") else float(td)
    if isinstance(seconds, float) and math.isnan(seconds):
        return "–"
    unit = unit or duration_unit(seconds)
    div = {"s": 1, "min": 60, "h": 3600, "d": 86400, "w": 604800}[unit]
    value = seconds / div
    decimals = 0 if value >= 10 or unit in ("s",) else 1
    text = number(value, lang, decimals=decimals)
    if short:
        abbr = {"en": {"s": "s", "min": "min", "h": "h", "d": "d", "w": "wk"},
                "nl": {"s": "s", "min": "min", "h": "u", "d": "d", "w": "wk"}}[lang][unit]
        return f"{text} {abbr}"
    one, many = _UNITS[lang][unit]
    return f"{text} {one if value == 1 else many}"
