"""Times of day and durations as people write them in field notes.

Times of day: ``09:15``, ``9:15``, ``9.15``, ``9,15``, ``9u15``, ``9h15``, ``9u``, ``0915``,
``09:15:30``, ``9:15 pm``; from Excel also time cells and day fractions (``0.3854``), and
numbers like ``9.15`` that Excel turned into a number (read as 9:15; ``9.5`` is 9:50, the way
Excel drops the trailing zero of ``9.50``). Durations: ``5`` (minutes), ``5 min``, ``5m``,
``1u30``, ``1h30``, ``1:30``, ``00:05:00``, ``1,5 uur``, ``2 h``, ``1 uur 30 min``, ``45 sec``;
from Excel also time cells and timedeltas. All parsing works on distinct values.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

_CLOCK = re.compile(
    r"^(?P<h>\d{1,2})\s*[:.,uh]\s*(?P<m>\d{2})(?:[:.](?P<s>\d{2}))?\s*(?:u|h|uur)?\s*"
    r"(?P<ampm>[ap]\.?m\.?)?$")
_HOUR_ONLY = re.compile(r"^(?P<h>\d{1,2})\s*(?:u|h|uur)\s*(?P<ampm>[ap]\.?m\.?)?$")
_COMPACT = re.compile(r"^(?P<h>\d{1,2})(?P<m>\d{2})$")

_MIN_UNITS = r"m|min|mins|minute|minutes|minuut|minuten|mn|'"
_HOUR_UNITS = r"h|u|hr|hrs|hour|hours|uur|uren|std"
_SEC_UNITS = r"s|sec|secs|second|seconds|seconde|seconden"
_DUR_NUMBER = re.compile(rf"^(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>{_MIN_UNITS}|{_HOUR_UNITS}|{_SEC_UNITS})?\.?$")
_DUR_HM = re.compile(
    rf"^(?P<h>\d+)\s*(?:{_HOUR_UNITS}|:)\s*(?P<m>\d{{1,2}})\s*(?:{_MIN_UNITS})?\.?$")
_DUR_HMS = re.compile(r"^(?P<h>\d+):(?P<m>\d{2}):(?P<s>\d{2})$")

EXCEL_EPOCH_DATES = {dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1)}


def _is_missing(v) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT or (
        isinstance(v, str) and not v.strip())


def clock_of(v) -> tuple[str, object]:
    """Classify one cell: ``("empty", None)``, ``("clock", Timedelta)``,
    ``("datetime", Timestamp)`` or ``("text", str)`` (not a time of day; maybe a full date)."""
    if _is_missing(v):
        return "empty", None
    if isinstance(v, dt.time):
        return "clock", pd.Timedelta(hours=v.hour, minutes=v.minute, seconds=v.second)
    if isinstance(v, (pd.Timestamp, dt.datetime)):
        ts = pd.Timestamp(v)
        if ts.date() in EXCEL_EPOCH_DATES:
            return "clock", ts - ts.normalize()
        return "datetime", ts.tz_localize(None) if ts.tz is not None else ts
    if isinstance(v, (dt.timedelta, pd.Timedelta)):
        td = pd.Timedelta(v)
        return ("clock", td) if pd.Timedelta(0) <= td <= pd.Timedelta(days=1) else ("text", str(v))
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        x = float(v)
        if 0 <= x < 1:  # an Excel time: a fraction of a day
            return "clock", pd.Timedelta(days=x).round("s")
        if 1 <= x < 24:  # 9.15 typed into Excel and stored as a number
            h = int(x)
            m = int(round((x - h) * 100))
            if abs((x - h) * 100 - m) < 1e-6 and m < 60:
                return "clock", pd.Timedelta(hours=h, minutes=m)
        return "text", repr(v)
    text = str(v).strip().casefold()
    for rx in (_CLOCK, _HOUR_ONLY, _COMPACT):
        m = rx.match(text)
        if m:
            g = m.groupdict()
            h, mi, s = int(g["h"]), int(g.get("m") or 0), int(g.get("s") or 0)
            ampm = g.get("ampm")
            if ampm:
                if not 1 <= h <= 12:
                    return "text", str(v)
                h = h % 12 + (12 if ampm.startswith("p") else 0)
            if h == 24 and mi == 0 and s == 0:
                return "clock", pd.Timedelta(days=1)
            if h < 24 and mi < 60 and s < 60:
                return "clock", pd.Timedelta(hours=h, minutes=mi, seconds=s)
            return "text", str(v)
    return "text", str(v).strip()


def classify_clock(raw: pd.Series) -> tuple[np.ndarray, pd.Series, pd.Series, pd.Series]:
    """Per row: kind (empty/clock/datetime/text), clock offset, datetime, text (for "text")."""
    obj = raw.astype(object)
    keys = obj.map(lambda v: (type(v).__name__, v if not _is_missing(v) else None))
    codes, uniques = pd.factorize(keys, sort=False)
    kinds, offs, stamps, texts = [], [], [], []
    for _, value in uniques:  # distinct values only
        kind, val = clock_of(value)
        kinds.append(kind)
        offs.append(val if kind == "clock" else pd.NaT)
        stamps.append(val if kind == "datetime" else pd.NaT)
        texts.append(val if kind == "text" else "")
    idx = raw.index
    if not len(uniques):
        return (np.full(len(raw), "empty", dtype=object), pd.Series(pd.NaT, index=idx,
                dtype="timedelta64[ns]"), pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]"),
                pd.Series("", index=idx, dtype=object))
    kinds = np.asarray(kinds, dtype=object)[codes]
    off = pd.Series(pd.to_timedelta(pd.Series(offs, dtype=object)).to_numpy()[codes], index=idx)
    st = pd.Series(pd.to_datetime(pd.Series(stamps, dtype=object)).to_numpy()[codes], index=idx)
    tx = pd.Series(np.asarray(texts, dtype=object)[codes], index=idx, dtype=object)
    return kinds, off.astype("timedelta64[ns]"), st.astype("datetime64[ns]"), tx


def duration_of(v) -> float | None:
    """Minutes for one duration cell, ``nan`` when empty, ``None`` when unreadable."""
    if _is_missing(v):
        return float("nan")
    if isinstance(v, dt.time):
        return v.hour * 60 + v.minute + v.second / 60
    if isinstance(v, (dt.timedelta, pd.Timedelta)):
        return pd.Timedelta(v).total_seconds() / 60
    if isinstance(v, (pd.Timestamp, dt.datetime)):
        ts = pd.Timestamp(v)
        if ts.date() in EXCEL_EPOCH_DATES:
            return (ts - ts.normalize()).total_seconds() / 60
        return None
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        x = float(v)
        return x if x >= 0 else None
    text = re.sub(r"\s+", " ", str(v).strip().casefold())
    m = _DUR_HMS.match(text)
    if m:
        return int(m["h"]) * 60 + int(m["m"]) + int(m["s"]) / 60
    m = _DUR_HM.match(text)
    if m and int(m["m"]) < 60:
        return int(m["h"]) * 60 + int(m["m"])
    m = _DUR_NUMBER.match(text)
    if m:
        n = float(m["n"].replace(",", "."))
        unit = m["unit"] or "min"
        if re.fullmatch(_HOUR_UNITS, unit):
            return n * 60
        if re.fullmatch(_SEC_UNITS, unit):
            return n / 60
        return n
    return None


def parse_durations(raw: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Minutes per row (NaN when empty); a bad mask; the cleaned text of bad values."""
    obj = raw.astype(object)
    keys = obj.map(lambda v: (type(v).__name__, v if not _is_missing(v) else None))
    codes, uniques = pd.factorize(keys, sort=False)
    mins = np.empty(len(uniques), dtype=float)
    bad_u = np.zeros(len(uniques), dtype=bool)
    for i, (_, value) in enumerate(uniques):  # distinct values only
        got = duration_of(value)
        bad_u[i] = got is None
        mins[i] = np.nan if got is None else got
    if not len(uniques):
        return pd.Series(np.nan, index=raw.index), np.zeros(len(raw), bool), np.zeros(len(raw), bool)
    return pd.Series(mins[codes], index=raw.index), bad_u[codes], np.zeros(len(raw), bool)
