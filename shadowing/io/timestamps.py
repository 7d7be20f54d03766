"""Timestamp parsing: one format per column, inferred or given, never a silent per-row guess.

Slash dates are day-first (31/01/2026) unless the caller says ``dayfirst=False``; a value that
only reads month-first is then an error, not a quiet swap. Excel serial dates, date-only
values, fractional seconds and ISO 8601 with offsets are understood. Naive times are localised
to ``tz`` when one is given, and times that do not exist or exist twice there (daylight-saving
gaps and repeats) are reported, not guessed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError

log = logging.getLogger(__name__)

#: Time zones tried, in order, for times that carry UTC offsets and no ``tz=``: the first
#: whose offsets equal every value's offset is the log's local time.
LOCAL_ZONES = ("Europe/Amsterdam", "Europe/London", "Europe/Lisbon", "Europe/Helsinki",
               "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
               "America/Sao_Paulo", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo",
               "Australia/Sydney")
_MIN_NS = pd.Timestamp("1677-09-22").value
_MAX_NS = pd.Timestamp("2262-04-10").value
_SERIAL = r"\d{5}(?:[.,]\d+)?"

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
    if "|" in fmt:
        parts = [describe_format(f) for f in fmt.split("|")]
        return parts[0] + "".join(f" (or {p})" for p in parts[1:])
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
    notes: list = field(default_factory=list)   # what was decided (serial dates, time zone)


def _parse_with(values: pd.Series, fmt: str) -> pd.Series:
    if "|" in fmt:  # a family: the same date with more or less precise times
        first, rest = fmt.split("|", 1)
        out = _parse_with(values, first)
        miss = out.isna()
        if miss.any():
            out = out.astype("datetime64[us]")
            out[miss] = _parse_with(values[miss], rest).astype("datetime64[us]")
        return out
    if fmt == "ISO8601":
        out = pd.to_datetime(values, format="ISO8601", errors="coerce", utc=True)
        return out
    if fmt == "excel-serial":
        nums = pd.to_numeric(values.astype(str).str.replace(",", ".", regex=False),
                             errors="coerce")
        nums = nums.where(nums.between(1, 2958465))
        return (pd.Timestamp("1899-12-30") + pd.to_timedelta(nums, unit="D")).dt.round("ms")
    return pd.to_datetime(values, format=fmt, errors="coerce")


_TIME_FAMILY = [":%S.%f", ":%S", ""]


def _family(fmt: str) -> list[str]:
    """Formats of the same date with more or less precise times of day (optional seconds,
    optional fractions): ``%d/%m/%Y %H:%M:%S`` -> ``[... %H:%M:%S.%f, ... %H:%M]``."""
    if "%H:%M" not in fmt:
        return []
    base = fmt.split("%H:%M", 1)[0] + "%H:%M"
    return [base + t for t in _TIME_FAMILY if base + t != fmt]


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
    notes: list[str] = []
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
            fmt = _infer_format(sample, None, column=column, source=source, dayfirst=dayfirst)
        values, oob = _parse_distinct(text, fmt, tz=tz, column=column, source=source,
                                      notes=notes)
        values.index = raw.index
        oob = oob.to_numpy()
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
            weights = np.bincount(codes[codes >= 0], minlength=len(uniq_all))[uniq.index]
            fmt = _infer_format(uniq.reset_index(drop=True), weights, column=column,
                                source=source, dayfirst=dayfirst)
        parsed_uniq, oob_uniq = _parse_distinct(uniq, fmt, tz=tz, column=column, source=source,
                                                notes=notes)
        parsed_all = pd.Series(pd.NaT, index=uniq_all.index, dtype="datetime64[ns]")
        if getattr(parsed_uniq.dt, "tz", None) is not None:
            parsed_all = parsed_all.dt.tz_localize(parsed_uniq.dt.tz)
        parsed_all.loc[uniq.index] = parsed_uniq.to_numpy()
        oob_all = np.zeros(len(uniq_all), dtype=bool)
        oob_all[uniq.index.to_numpy()] = oob_uniq.to_numpy()
        oob = oob_all[codes]
        values = pd.Series(parsed_all.to_numpy()[codes], index=raw.index)
        if getattr(parsed_uniq.dt, "tz", None) is not None and values.dt.tz is None:
            values = values.dt.tz_localize("UTC").dt.tz_convert(parsed_uniq.dt.tz)
    if fmt == "excel-serial":
        notes.append(f"column '{column}': numbers read as Excel serial dates (days since "
                     "30/12/1899)")
        log.info("%s: %s", source, notes[-1])
    bad = values.isna().to_numpy() & ~empty
    reasons = np.full(n, "", dtype=object)
    if bad.any():
        share = 1 - bad.sum() / max(int((~empty).sum()), 1)
        reasons[bad] = _reasons(text[bad], fmt, dayfirst, share)
        reasons[bad & oob] = [f"the date '{v}' is outside the years 1678-2261 the kit can compute "
                              "with (a typing error?)" for v in text[bad & oob]]
    done = _finish(values, bad, reasons, fmt, empty, column, source, lines,
                   tz if values.dt.tz is None else None)
    return ParsedTimes(done.values, done.bad, done.reasons, done.format, done.empty, notes)


def _parse_distinct(values: pd.Series, fmt: str, *, tz=None, column="", source="",
                    notes: list | None = None) -> tuple[pd.Series, pd.Series]:
    """Parse text with one format, in nanoseconds; also which values fall outside the years
    pandas can hold in nanoseconds (they become missing).

    ISO values stay naive (wall-clock) unless they carry an offset. Values with offsets are
    shown in ``tz``, else in the local time their offsets say (`LOCAL_ZONES`). A column mixing
    both is read with ``tz`` (the naive ones localised to it); without ``tz`` it is an error.
    """
    notes = notes if notes is not None else []
    parsed = _parse_with(values, fmt)
    if fmt == "ISO8601":  # naive ISO values were read as UTC
        has_offset = values.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True).fillna(False)
        has_offset = has_offset.to_numpy(dtype=bool)
        if not has_offset.any():
            parsed = parsed.dt.tz_localize(None)
        elif not has_offset.all():
            if tz is None:
                with_off = values[has_offset].iloc[0]
                without = values[~has_offset & parsed.notna().to_numpy()]
                raise InputError(
                    f"{source}: column '{column}' mixes times with a UTC offset (like "
                    f"'{with_off}') and times without one (like "
                    f"'{without.iloc[0] if len(without) else ''}'); pass tz= (for example "
                    "tz='Europe/Amsterdam') to read the ones without an offset as local time "
                    "there.", source=source)
            naive = parsed.dt.tz_localize(None)
            local = naive.dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
            parsed = parsed.dt.tz_convert(tz).where(has_offset, local)
            notes.append(f"column '{column}': times without an offset read as {tz} local time")
        else:
            parsed = _local_zone(parsed, values, tz, column, notes)
    return _in_bounds(parsed)


def _in_bounds(parsed: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Nanosecond times; values outside 1677-2262 become missing (and are flagged)."""
    tzinfo = getattr(parsed.dt, "tz", None)
    naive = parsed.dt.tz_convert("UTC").dt.tz_localize(None) if tzinfo is not None else parsed
    as_us = naive.astype("datetime64[us]")
    ints = as_us.to_numpy().view("int64")
    nat = as_us.isna().to_numpy()
    oob = ~nat & ((ints < _MIN_NS // 1000) | (ints > _MAX_NS // 1000))
    if oob.any():
        as_us = as_us.where(~oob)
    out = as_us.astype("datetime64[ns]")
    if tzinfo is not None:
        out = out.dt.tz_localize("UTC").dt.tz_convert(tzinfo)
    return out, pd.Series(oob, index=parsed.index)


def _local_zone(parsed: pd.Series, text: pd.Series, tz, column: str, notes: list) -> pd.Series:
    """Times with offsets (parsed as UTC) in ``tz``, or in the zone their offsets say."""
    if tz is not None:
        return parsed.dt.tz_convert(tz)
    off = text.str.extract(r"(Z|[+-]\d{2}:?\d{2})$")[0]
    sign = np.where(off.str[0].eq("-"), -1, 1)
    digits = off.str.replace(r"[^0-9]", "", regex=True).replace("", "0000")
    minutes = np.where(off.eq("Z"), 0,
                       sign * (pd.to_numeric(digits.str[:2], errors="coerce").fillna(0) * 60
                               + pd.to_numeric(digits.str[2:], errors="coerce").fillna(0)))
    ok = parsed.notna().to_numpy()
    minutes = minutes[ok]
    if len(minutes) == 0 or (minutes == 0).all():
        return parsed
    utc_naive = parsed[ok].dt.tz_localize(None)
    for zone in LOCAL_ZONES:
        local = parsed[ok].dt.tz_convert(zone).dt.tz_localize(None)
        got = ((local - utc_naive).dt.total_seconds() / 60).to_numpy()
        if np.array_equal(got, minutes):
            shown = ", ".join(sorted({f"{m // 60:+03d}:{m % 60:02d}" for m in set(minutes.tolist())}))
            notes.append(f"column '{column}': times carry UTC offsets ({shown}) that match "
                         f"{zone}: shown in that local time (pass tz= to choose another)")
            log.info("%s", notes[-1])
            return parsed.dt.tz_convert(zone)
    if len(set(minutes.tolist())) == 1:
        zone = dt.timezone(dt.timedelta(minutes=int(minutes[0])))
        return parsed.dt.tz_convert(zone)
    notes.append(f"column '{column}': times carry several UTC offsets that match no known time "
                 "zone; shown in UTC (pass tz= to choose the local time)")
    return parsed


def _reasons(bad_text: pd.Series, fmt: str, dayfirst, share: float = 1.0) -> np.ndarray:
    """Say why each value failed: another format (mixed formats), month-first, or not a date.

    Vectorised over the distinct failing values: each other format is tried once on all the
    values no earlier format explained.
    """
    expected = describe_format(fmt)
    codes, uniq = pd.factorize(pd.Series(bad_text.to_numpy(dtype=object), dtype=object))
    uniq = pd.Series(uniq, dtype=object).astype(str)
    other = np.full(len(uniq), None, dtype=object)
    cands = [c for c in candidate_formats(dayfirst) if c not in fmt.split("|")]  # ISO first
    if dayfirst in (None, True):
        cands += [("month-first", c) for c in _with_times(_MONTH_FIRST_DATES)]
    # every candidate format starts with a date (d/m/y with separators, or yyyymmdd)
    date_like = uniq.str.match(r"\s*(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{8})").to_numpy(dtype=bool)
    other[~date_like] = "none"
    for cand in cands:
        todo = np.flatnonzero(pd.isna(other))
        if not len(todo):
            break
        name, f = cand if isinstance(cand, tuple) else (cand, cand)
        ok = _parse_with(uniq.iloc[todo].reset_index(drop=True), f).notna().to_numpy()
        other[todo[ok]] = name
    why = np.empty(len(uniq), dtype=object)
    for i, (v, o) in enumerate(zip(uniq.tolist(), other)):
        if o == "month-first":
            why[i] = (f"expected a date like {expected}, found '{v}', which only reads month-first "
                      "(pass dayfirst=False if the whole column is month-first)")
        elif o is not None and o != "none":
            why[i] = (f"mixed date formats: expected {expected}, the format of {share:.0%} of the "
                      f"rows, found '{v}' ({describe_format(o)})")
        else:
            why[i] = f"expected a date/time like {expected}, found '{v}'"
    return why[codes] if len(codes) else np.zeros(0, dtype=object)


def _infer_format(uniq: pd.Series, weights, *, column: str, source: str, dayfirst) -> str:
    """The format that reads most rows (distinct values weighted by how often they occur),
    widened to a family when times come with and without seconds or fractions; Excel serial
    numbers when the whole column is plausible serials."""
    if weights is None:
        weights = np.ones(len(uniq), dtype=np.int64)
    idx = np.arange(len(uniq)) if len(uniq) <= 500 else \
        np.unique(np.concatenate([np.linspace(0, len(uniq) - 1, 400).astype(int),
                                  np.argsort(-weights, kind="stable")[:100]]))
    sample = uniq.iloc[idx].reset_index(drop=True)
    w = np.asarray(weights)[idx]
    total = int(w.sum())
    best, best_ok = None, -1
    for cand in candidate_formats(dayfirst):
        if cand == "ISO8601" and not _looks_iso(sample).any():
            continue
        ok = int(w[_parse_with(sample, cand).notna().to_numpy()].sum())
        if ok > best_ok:
            best, best_ok = cand, ok
        if ok == total:
            break
    if best is not None and 0 < best_ok < total:
        for extra in _family(best):
            fam = best + "|" + extra
            ok = int(w[_parse_with(sample, fam).notna().to_numpy()].sum())
            if ok > best_ok:
                best, best_ok = fam, ok
    if (best is None or best_ok == 0) and sample.str.fullmatch(_SERIAL).all():
        nums = pd.to_numeric(sample.str.replace(",", ".", regex=False), errors="coerce")
        if nums.between(20_000, 80_000).all():  # 1954-2119
            return "excel-serial"
    if best is None or best_ok == 0:
        examples = ", ".join(f"'{v}'" for v in sample.head(3))
        hint = ""
        if dayfirst is False:
            hint = " (dayfirst=False was given: day-first values do not read month-first)"
        if sample.str.fullmatch(_SERIAL).any():
            hint += (" Some values look like Excel serial date numbers (days since 30/12/1899); "
                     "format the column as a date in Excel before exporting.")
        raise InputError(
            f"{source}: column '{column}': cannot read the values as dates/times; found "
            f"{examples}. Expected a date such as 31/01/2026 14:05 or 2026-01-31 14:05:00, or pass "
            f"timestamp_format= (for example '%d-%m-%Y %H:%M').{hint}", source=source)
    return best


def _finish(values: pd.Series, bad, reasons, fmt, empty, column, source, lines, tz) -> ParsedTimes:
    values = pd.Series(values)
    if not pd.api.types.is_datetime64_any_dtype(values.dtype):
        values = pd.to_datetime(values, errors="coerce", utc=True)
    if values.dt.unit != "ns":  # typed dates (Excel, Parquet, frames) beyond what ns can hold
        before = values
        values, oob = _in_bounds(values)
        oob = oob.to_numpy()
        if oob.any():
            bad = np.asarray(bad) | oob
            reasons = np.asarray(reasons, dtype=object).copy()
            reasons[oob] = [f"the date '{v}' is outside the years 1678-2261 the kit can compute "
                            "with (a typing error?)" for v in before[oob]]
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


def infer_format(values: pd.Series, *, column: str, source: str,
                 dayfirst: bool | None = None) -> str:
    """The format `read_event_log` would choose for these text values (distinct values, each
    once): a strftime format, formats joined with ``|``, ``"ISO8601"`` or ``"excel-serial"``.

    Raises
    ------
    InputError
        When no format reads any value.
    """
    uniq = pd.Series(pd.unique(values.dropna().astype(str)), dtype=object)
    return _infer_format(uniq, None, column=column, source=source, dayfirst=dayfirst)
