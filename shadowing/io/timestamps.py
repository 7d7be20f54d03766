"""Timestamp parsing: one format per column, inferred or given, never a silent per-row guess.

Slash dates are day-first (31/01/2026) unless the caller says ``dayfirst=False``; a value that
only reads month-first is then an error, not a quiet swap. Excel serial dates, date-only
values, fractional seconds and ISO 8601 with offsets are understood. Naive times are localised
to ``tz`` when one is given, and times that do not exist or exist twice there (daylight-saving
gaps and repeats) are reported, not guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError

_TIMES = ["%H:%M:%S.%f", "%H:%M:%S", "%H:%M", "%H.%M", "%Hu%M"]
_DAY_FIRST_DATES = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d-%m-%y"]
_MONTH_FIRST_DATES = ["%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y"]
_YEAR_FIRST_DATES = ["%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"]


def _with_times(dates: list[str]) -> list[str]:
    out = []
    for d in dates:
        out += [f"{d} {t}" for t in _TIMES]
        out += [f"{d}T{t}" for t in _TIMES[:3]]
        out.append(d)
    return out


def candidate_formats(dayfirst: bool | None) -> list[str]:
    """Formats tried in order; ``ISO8601`` first (covers ``2026-02-03T14:05:00+01:00`` and kin)."""
    first = _DAY_FIRST_DATES if dayfirst in (None, True) else _MONTH_FIRST_DATES
    return ["ISO8601"] + _with_times(_YEAR_FIRST_DATES + first)


def describe_format(fmt: str) -> str:
    """``%d/%m/%Y %H:%M`` -> ``DD/MM/YYYY HH:MM`` (for people, in messages)."""
    if fmt == "ISO8601":
        return "ISO 8601 (YYYY-MM-DD HH:MM:SS)"
    if fmt == "excel-serial":
        return "an Excel serial date number"
    rep = {"%d": "DD", "%m": "MM", "%Y": "YYYY", "%y": "YY", "%H": "HH", "%M": "MM", "%S": "SS",
           "%f": "fff"}
    out = fmt
    for k, v in rep.items():
        out = out.replace(k, v)
    return out


@dataclass(frozen=True)
class ParsedTimes:
    values: pd.Series          # datetime64 (naive or tz-aware); NaT where bad or empty
    bad: np.ndarray            # bool: a non-empty value that could not be read
    reasons: np.ndarray        # object: reason per bad row ("" elsewhere)
    format: str                # the format used
    empty: np.ndarray          # bool: empty cells


def _parse_with(values: pd.Series, fmt: str) -> pd.Series:
    if fmt == "ISO8601":
        out = pd.to_datetime(values, format="ISO8601", errors="coerce", utc=True)
        return out
    return pd.to_datetime(values, format=fmt, errors="coerce")


def _looks_iso(s: pd.Series) -> pd.Series:
    return s.str.match(r"^\d{4}-\d{1,2}-\d{1,2}")


def _sample(uniq: pd.Series, n: int = 500) -> pd.Series:
    if len(uniq) <= n:
        return uniq
    idx = np.linspace(0, len(uniq) - 1, n).astype(int)
    return uniq.iloc[idx]


def parse_timestamps(raw: pd.Series, *, column: str, source: str, lines: np.ndarray,
                     fmt: str | None = None, dayfirst: bool | None = None,
                     tz: str | None = None) -> ParsedTimes:
    """Parse one column of timestamps; see the module docstring for the rules."""
    n = len(raw)
    values_typed = None
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        values_typed = raw
        text = None
    elif raw.dtype != object and pd.api.types.is_string_dtype(raw.dtype):
        text = raw.fillna("").str.strip()  # the CSV path: all text, no per-cell type checks
    else:
        obj = raw.astype(object)
        is_dt = obj.map(lambda v: isinstance(v, (dt.datetime, dt.date, pd.Timestamp)))
        is_num = obj.map(lambda v: isinstance(v, (int, float, np.integer, np.floating))
                         and not isinstance(v, bool) and not (isinstance(v, float) and np.isnan(v)))
        text = obj.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
        text = text.astype(str).str.strip()
        if is_dt.all():
            values_typed = pd.to_datetime(obj, errors="coerce")
        elif (is_num | text.eq("")).all() and is_num.any():
            nums = pd.to_numeric(obj.where(is_num), errors="coerce")
            if nums.dropna().between(1, 2958465).all():
                values_typed = pd.Timestamp("1899-12-30") + pd.to_timedelta(nums, unit="D")
                values_typed = values_typed.dt.round("s")
                fmt = "excel-serial"
        elif is_dt.any() or is_num.any():
            # a mix of typed dates and text in an Excel column: parse each part
            typed = pd.to_datetime(obj.where(is_dt), errors="coerce")
            rest = parse_timestamps(text.where(~is_dt, ""), column=column, source=source,
                                    lines=lines, fmt=fmt, dayfirst=dayfirst, tz=None)
            merged = typed.where(is_dt.to_numpy(), rest.values.dt.tz_localize(None)
                                 if getattr(rest.values.dt, "tz", None) is not None else rest.values)
            return _finish(merged, rest.bad & ~is_dt.to_numpy(), rest.reasons, rest.format,
                           (text.eq("") & ~is_dt).to_numpy(), column, source, lines, tz)
    if values_typed is not None:
        empty = values_typed.isna().to_numpy()
        return _finish(values_typed, np.zeros(n, dtype=bool), np.full(n, "", dtype=object),
                       fmt or "typed", empty, column, source, lines, tz)

    if text.dtype == object:
        text = text.astype(str)
    probe = text.iloc[np.linspace(0, n - 1, min(n, 20_000)).astype(int)] if n else text
    if n > 50_000 and probe.nunique() > 0.8 * len(probe):
        # nearly every value distinct (times to the second): parse the column as it is
        empty = text.eq("").to_numpy()
        if empty.all():
            return ParsedTimes(pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]"),
                               np.zeros(n, dtype=bool), np.full(n, "", dtype=object), fmt or "",
                               empty)
        if fmt is None:
            sample = pd.Series(pd.unique(probe[probe.ne("")])).astype(text.dtype)
            fmt = _infer_format(sample, column=column, source=source, dayfirst=dayfirst)
        values = _parse_distinct(text, fmt)
        values.index = raw.index
    else:
        # values repeat: parse each distinct value once and map back by codes
        codes, uniq_arr = pd.factorize(text, sort=False)
        uniq_all = pd.Series(uniq_arr)  # stays Arrow/str: vectorised comparisons and regexes
        if uniq_all.dtype == object:
            uniq_all = uniq_all.astype(str)
        empty_code = np.flatnonzero(uniq_all.eq("").to_numpy())
        empty = np.isin(codes, empty_code) if len(empty_code) else np.zeros(n, dtype=bool)
        uniq = uniq_all[uniq_all.ne("")]
        if len(uniq) == 0:
            return ParsedTimes(pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]"),
                               np.zeros(n, dtype=bool), np.full(n, "", dtype=object), fmt or "",
                               empty)
        if fmt is None:
            fmt = _infer_format(uniq.reset_index(drop=True), column=column, source=source,
                                dayfirst=dayfirst)
        parsed_uniq = _parse_distinct(uniq, fmt)
        parsed_all = pd.Series(pd.NaT, index=uniq_all.index, dtype="datetime64[ns]")
        if getattr(parsed_uniq.dt, "tz", None) is not None:
            parsed_all = parsed_all.dt.tz_localize(parsed_uniq.dt.tz)
        parsed_all.loc[uniq.index] = parsed_uniq.to_numpy()
        values = pd.Series(parsed_all.to_numpy()[codes], index=raw.index)
        if getattr(parsed_uniq.dt, "tz", None) is not None and values.dt.tz is None:
            values = values.dt.tz_localize("UTC").dt.tz_convert(parsed_uniq.dt.tz)
    bad = values.isna().to_numpy() & ~empty
    reasons = np.full(n, "", dtype=object)
    if bad.any():
        reasons[bad] = _reasons(text[bad], fmt, dayfirst)
    return _finish(values, bad, reasons, fmt, empty, column, source, lines, tz)


def _parse_distinct(values: pd.Series, fmt: str) -> pd.Series:
    """Parse text with one format; ISO values stay naive (wall-clock) unless they carry an offset."""
    parsed = _parse_with(values, fmt)
    if fmt == "ISO8601":  # naive ISO values were read as UTC
        has_offset = values.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True).fillna(False)
        if not has_offset.any():
            parsed = parsed.dt.tz_localize(None)
        elif not has_offset.all():
            parsed = parsed.where(has_offset | parsed.isna())
    return parsed


def _reasons(bad_text: pd.Series, fmt: str, dayfirst) -> np.ndarray:
    """Say why each value failed: another format (mixed formats), month-first, or not a date."""
    out = []
    cache: dict[str, str] = {}
    expected = describe_format(fmt)
    for v in bad_text.tolist():
        if v in cache:
            out.append(cache[v])
            continue
        other = None
        for cand in candidate_formats(dayfirst)[1:] + ["ISO8601"]:
            if cand != fmt and not pd.isna(_parse_with(pd.Series([v]), cand).iloc[0]):
                other = cand
                break
        if other is None and dayfirst in (None, True):
            for cand in _with_times(_MONTH_FIRST_DATES):
                if not pd.isna(pd.to_datetime(v, format=cand, errors="coerce")):
                    other = "month-first"
                    break
        if other == "month-first":
            why = (f"expected a date like {expected}, found '{v}', which only reads month-first "
                   "(pass dayfirst=False if the whole column is month-first)")
        elif other is not None:
            why = (f"mixed date formats: expected {expected} like the rest of the column, found "
                   f"'{v}' ({describe_format(other)})")
        else:
            why = f"expected a date/time like {expected}, found '{v}'"
        cache[v] = why
        out.append(why)
    return np.asarray(out, dtype=object)


def _infer_format(uniq: pd.Series, *, column: str, source: str, dayfirst) -> str:
    sample = _sample(uniq)
    best, best_ok = None, -1
    for cand in candidate_formats(dayfirst):
        if cand == "ISO8601" and not _looks_iso(sample).any():
            continue
        ok = int(_parse_with(sample, cand).notna().sum())
        if ok > best_ok:
            best, best_ok = cand, ok
        if ok == len(sample):
            break
    if best is None or best_ok == 0:
        examples = ", ".join(f"'{v}'" for v in sample.head(3))
        hint = ""
        if dayfirst is False:
            hint = " (dayfirst=False was given: day-first values do not read month-first)"
        raise InputError(
            f"{source}: column '{column}': cannot read the values as dates/times; found "
            f"{examples}. Expected a date such as 31/01/2026 14:05 or 2026-01-31 14:05:00, or pass "
            f"timestamp_format= (for example '%d-%m-%Y %H:%M').{hint}", source=source)
    return best


def _finish(values: pd.Series, bad, reasons, fmt, empty, column, source, lines, tz) -> ParsedTimes:
    values = pd.Series(values)
    if not pd.api.types.is_datetime64_any_dtype(values.dtype):
        values = pd.to_datetime(values, errors="coerce", utc=True)
    if tz is not None:
        if values.dt.tz is None:
            localized = values.dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
            newly = localized.isna().to_numpy() & values.notna().to_numpy()
            if newly.any():
                bad = bad | newly
                reasons = reasons.copy()
                for i in np.flatnonzero(newly):
                    t = values.iloc[i]
                    try:
                        pd.Timestamp(t).tz_localize(tz, ambiguous="raise", nonexistent="raise")
                        why = "?"
                    except Exception as exc:  # noqa: BLE001 - pytz/zoneinfo raise different types
                        kind = f"{type(exc).__name__} {exc}"
                        if "Ambiguous" in kind or "infer dst" in kind or "ambiguous" in kind:
                            why = (f"the time {t} happens twice in {tz} (clocks go back); "
                                   "give it with an offset such as +02:00 or +01:00")
                        else:
                            why = (f"the time {t} does not exist in {tz} (clocks go forward); "
                                   "check the value")
                    reasons[i] = why
            values = localized
        else:
            values = values.dt.tz_convert(tz)
    values = values.astype(values.dtype)  # keep resolution
    return ParsedTimes(values=values, bad=np.asarray(bad), reasons=np.asarray(reasons, dtype=object),
                       format=fmt, empty=np.asarray(empty))
