"""The event log as the hotspot detectors see it: its bulk period, its clock, its events.

`log_arrays` prepares a log once for every log detector:

* events that `quality` calls duplicates (same case, activity, time and resource: double
  exports) are set aside, so they can never make rework or waiting;
* cases with an event far outside the bulk of the log (the stray dates `quality` flags:
  a 1948 in a 2018 log) are set aside, and "per month" is over the **bulk period**: from the
  first to the last timestamp of the remaining events, in months of 365.25 / 12 days;
* waits are measured on a working-hours clock (Mon-Fri, `WORKDAY_START_H`-`WORKDAY_END_H`)
  when at least `WORKING_CLOCK_SHARE` of the events fall inside those hours, else on the
  calendar clock; calendar seconds are kept as well (designed waits are calendar rules).

What was set aside, and the period, are facts on the returned `LogArrays` (``.period``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from ..model import columns as C
from ..io.eventlog import as_frame
from .dfg import Events, events_of
from .quality import duplicate_events, far_from_bulk

#: Working day used by the working-hours clock (local time, Monday to Friday).
WORKDAY_START_H = 8.0
WORKDAY_END_H = 18.0
#: ``clock="auto"`` counts working hours when at least this share of events falls inside them.
WORKING_CLOCK_SHARE = 0.9
#: A log spanning at least this many months gets ranges from its variation between months;
#: a shorter one from its variation between weeks.
RANGE_MIN_MONTHS = 3.0
#: Average days in a month, to turn the period a log covers into months.
DAYS_PER_MONTH = 365.25 / 12
#: Names a role column may have in an event log (folded: lower case, no spaces/_/-/:).
ROLE_COLUMN_NAMES = ("role", "orgrole", "rol", "functie", "function", "afdeling", "department")


@dataclass(frozen=True)
class Period:
    """The bulk period of a log: what "per month" is over.

    ``first``/``last`` are the first and last timestamps kept; ``months`` the span in months
    (at least one day); ``stray_events``/``stray_cases`` the events far outside the bulk (as
    `quality` flags them) and the cases holding them, set aside; ``duplicate_events`` the
    exact repeats set aside; ``clock`` ``"working"`` or ``"calendar"``.
    """

    first: pd.Timestamp
    last: pd.Timestamp
    months: float
    clock: str
    events: int
    cases: int
    stray_events: int = 0
    stray_cases: int = 0
    duplicate_events: int = 0

    def as_dict(self) -> dict:
        return {"first": self.first, "last": self.last, "months": self.months,
                "clock": self.clock, "events": self.events, "cases": self.cases,
                "stray_events_set_aside": self.stray_events,
                "stray_cases_set_aside": self.stray_cases,
                "duplicate_events_set_aside": self.duplicate_events}


@dataclass(eq=False)
class LogArrays:
    """A log's activity instances as arrays in `events_of` order, plus what the detectors use."""

    ev: Events
    frame: pd.DataFrame
    res: np.ndarray | None          # resource codes (-1 unknown), aligned with ev
    res_labels: np.ndarray | None
    sys: np.ndarray | None          # system codes (-1 unknown)
    sys_labels: np.ndarray | None
    role: np.ndarray | None
    role_labels: np.ndarray | None
    role_column: str | None
    clock_start: np.ndarray          # seconds on the chosen clock, for waits
    clock_end: np.ndarray
    cal_start: np.ndarray            # calendar seconds (local wall time)
    cal_end: np.ndarray
    has_start: np.ndarray            # events with a real start time
    period: Period

    @property
    def months(self) -> float:
        return self.period.months

    @property
    def clock(self) -> str:
        return self.period.clock

    @cached_property
    def _bucket_grid(self) -> tuple[float, float, np.ndarray, str]:
        """Start (seconds), width (seconds), lengths (months) and unit of the period's buckets:
        calendar-length months when the log spans at least `RANGE_MIN_MONTHS` months, else
        weeks."""
        t = self.cal_end
        if not len(t):
            return 0.0, 1.0, np.zeros(0), "month"
        t0 = float(min(t.min(), self.cal_start.min()))
        span_days = max((float(t.max()) - t0) / 86400.0, 1.0)
        unit = "month" if span_days / DAYS_PER_MONTH >= RANGE_MIN_MONTHS else "week"
        width_days = DAYS_PER_MONTH if unit == "month" else 7.0
        nb = max(1, int(np.ceil(span_days / width_days - 1e-9)))
        lengths = np.full(nb, width_days)
        lengths[-1] = span_days - (nb - 1) * width_days
        return t0, width_days * 86400.0, lengths / DAYS_PER_MONTH, unit

    def buckets(self, events: np.ndarray) -> np.ndarray:
        """Bucket (month or week of the period) of each event index, by its end time."""
        t0, width, lengths, _ = self._bucket_grid
        b = np.floor((self.cal_end[np.asarray(events, dtype=np.int64)] - t0) / width)
        return np.clip(b, 0, max(len(lengths) - 1, 0)).astype(np.int64)

    @property
    def bucket_months(self) -> np.ndarray:
        """Length of each bucket in months."""
        return self._bucket_grid[2]

    @property
    def bucket_unit(self) -> str:
        """``"month"`` or ``"week"``: what a log row's range varies over."""
        return self._bucket_grid[3]

    @property
    def n_resources(self) -> int:
        return 0 if self.res_labels is None else int(len(np.unique(self.res[self.res >= 0])))


def _codes(frame: pd.DataFrame, column: str, row: np.ndarray):
    if column not in frame.columns:
        return None, None
    s = frame[column]
    if not isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(object)
        s = s.where(s.notna() & s.astype(str).str.strip().ne(""), None).astype("category")
    if s.notna().sum() == 0:
        return None, None
    return s.cat.codes.to_numpy()[row].astype(np.int64), np.asarray(s.cat.categories, dtype=object)


def local_ns(series: pd.Series) -> np.ndarray:
    """Wall-clock nanoseconds (local time for tz-aware times), NaT as int64 min."""
    s = pd.DatetimeIndex(series)
    if s.tz is not None:
        s = s.tz_localize(None)  # local wall time of each instant
    return s.as_unit("ns").asi8


def working_seconds(ns: np.ndarray) -> np.ndarray:
    """Seconds of working time (Mon-Fri, WORKDAY_START_H..WORKDAY_END_H) since 1970-01-05."""
    day_ns = (ns // 86_400_000_000_000) * 86_400_000_000_000
    tod = (ns - day_ns) / 1e9
    days, inv = np.unique(day_ns.astype("datetime64[ns]").astype("datetime64[D]"),
                          return_inverse=True)
    length = (WORKDAY_END_H - WORKDAY_START_H) * 3600.0
    full = np.busday_count(np.datetime64("1970-01-05"), days).astype(np.float64)[inv]
    busy = np.is_busday(days)[inv]
    within = np.clip(tod - WORKDAY_START_H * 3600.0, 0.0, length) * busy
    return full * length + within


def in_working_hours(ns: np.ndarray) -> np.ndarray:
    day_ns = (ns // 86_400_000_000_000) * 86_400_000_000_000
    hours = (ns - day_ns) / 3.6e12
    days, inv = np.unique(day_ns.astype("datetime64[ns]").astype("datetime64[D]"),
                          return_inverse=True)
    return np.is_busday(days)[inv] & (hours >= WORKDAY_START_H) & (hours <= WORKDAY_END_H)


def _clean(log):
    """The log (or its frame) without duplicate events and without cases holding stray dates;
    the log itself when nothing is set aside."""
    frame = as_frame(log)
    n_dup = 0
    if len(frame):
        dup = duplicate_events(frame)
        n_dup = int(dup.sum())
        if n_dup:
            frame = frame.loc[~dup]
    far, _, _ = far_from_bulk(frame[C.TIMESTAMP]) if len(frame) else (np.zeros(0, bool), 0, 0)
    n_far = int(far.sum())
    n_far_cases = 0
    if n_far:
        bad = frame[C.CASE].to_numpy()[far]
        drop = frame[C.CASE].isin(pd.unique(bad)).to_numpy()
        n_far_cases = int(len(pd.unique(bad)))
        frame = frame.loc[~drop]
    if n_dup or n_far:
        return frame.reset_index(drop=True), n_dup, n_far, n_far_cases
    return log, n_dup, n_far, n_far_cases


def log_arrays(log, *, clock: str = "auto") -> LogArrays:
    """Prepare a log once for all the log detectors (see the module docstring)."""
    frame0, n_dup, n_far, n_far_cases = _clean(log)
    ev, frame = events_of(frame0)
    row = ev.row
    res, res_labels = _codes(frame, C.RESOURCE, row)
    sys, sys_labels = _codes(frame, C.SYSTEM, row)
    role_col = next((c for c in frame.columns if C.normalise_name(c) in ROLE_COLUMN_NAMES
                     and c not in (C.RESOURCE, C.SYSTEM)), None)
    role, role_labels = _codes(frame, role_col, row) if role_col else (None, None)
    end_local = local_ns(frame[C.TIMESTAMP])[row]
    if C.START in frame.columns and frame[C.START].notna().any():
        start_local = local_ns(frame[C.START])[row]
        has_start = start_local != np.iinfo(np.int64).min
        start_local = np.where(has_start, start_local, end_local)
    else:
        start_local, has_start = end_local, np.zeros(len(end_local), dtype=bool)
    if clock == "auto":
        share = float(in_working_hours(end_local).mean()) if len(end_local) else 0.0
        clock = "working" if share >= WORKING_CLOCK_SHARE else "calendar"
    cal_start, cal_end = start_local / 1e9, end_local / 1e9
    if clock == "working":
        c_start, c_end = working_seconds(start_local), working_seconds(end_local)
    else:
        c_start, c_end = cal_start, cal_end
    if len(ev.end):
        lo = int(ev.start.min()) if ev.start is not None else int(ev.end.min())
        first = pd.Timestamp(min(lo, int(ev.end.min())), unit="ns")
        last = pd.Timestamp(int(ev.end.max()), unit="ns")
        days = max((last - first) / pd.Timedelta(days=1), 1.0)
    else:
        first = last = pd.NaT
        days = 1.0
    period = Period(first=first, last=last, months=days / DAYS_PER_MONTH, clock=clock,
                    events=ev.n_events, cases=ev.n_cases, stray_events=n_far,
                    stray_cases=n_far_cases, duplicate_events=n_dup)
    return LogArrays(ev=ev, frame=frame, res=res, res_labels=res_labels, sys=sys,
                     sys_labels=sys_labels, role=role, role_labels=role_labels,
                     role_column=role_col, clock_start=c_start, clock_end=c_end,
                     cal_start=cal_start, cal_end=cal_end, has_start=has_start, period=period)
