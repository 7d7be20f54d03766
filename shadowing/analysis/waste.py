"""Waste detectors: the rows behind `shadowing.analysis.hotspots`.

Each detector looks at one kind of evidence (the event log, the shadowing observations) and
returns candidate rows in one internal format (`ROW_COLUMNS`); `shadowing.analysis.hotspots` joins them,
links the frustrations, scores and ranks. Everything here works on integer codes and numpy
arrays: one ordering of the events (the one of `shadowing.analysis.dfg.events_of`), vectorised group-bys,
no Python loop per case or per event (loops run over the rows of the result only).

The thresholds are module constants, listed here and in the README (docs/readme/hotspots.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ..model import columns as C
from .. import i18n
from .dfg import Events, events_of

log = logging.getLogger(__name__)

# -- thresholds (documented in docs/readme/hotspots.md) ----------------------------------------

#: A pattern must be seen at least this often in the log to be a hotspot (one is an anecdote).
MIN_OCCURRENCES = 2
#: A wait is long when it exceeds ``WAIT_FACTOR`` times the process's typical (median) wait ...
WAIT_FACTOR = 3.0
#: ... and exceeds it by at least this many minutes.
WAIT_MIN_EXCESS_MIN = 15.0
#: Staff minutes one long wait costs (picking the case up again, a customer asking where it is).
#: Waiting itself is customer time; only this follow-up is costed.
WAIT_FOLLOW_UP_MIN = 5.0
#: Working day used by the working-hours clock (local time, Monday to Friday).
WORKDAY_START_H = 8.0
WORKDAY_END_H = 18.0
#: ``clock="auto"`` counts working hours when at least this share of events falls inside them.
WORKING_CLOCK_SHARE = 0.9
#: Duration assumed for a step when neither start times nor observations give one.
DEFAULT_STEP_MIN = 10.0
#: Staff minutes lost per bounce in a ping-pong (handing the case back, re-reading it).
PING_PONG_MIN = 10.0
#: Staff minutes lost per system switch inside one sitting (log in, find the record again).
SWITCH_MIN = 2.0
#: Two consecutive events of one person belong to one sitting when this close (minutes).
SWITCH_MAX_GAP_MIN = 30.0
#: Working days in a month, to scale observed time up.
WORKING_DAYS_PER_MONTH = 21.0
#: Average days in a month, to turn the period a log covers into months.
DAYS_PER_MONTH = 365.25 / 12
#: How many evidence ids a row lists.
EVIDENCE_IDS = 3

#: Observation waste tags and the hotspot waste they count as (`transport` and
#: `overprocessing` have no hotspot type: they are left out and logged).
TAG_TO_WASTE = {
    "waiting": "waiting",
    "rework": "rework",
    "defect": "rework",
    "searching": "searching",
    "double entry": "double entry",
    "system switch": "system switching",
    "interruption": "interruption",
}

#: Columns of the rows each detector returns (internal).
ROW_COLUMNS = ["waste", "where", "kind", "occurrences", "cases", "hours_per_month",
               "staff_hours_per_month", "severity", "evidence", "explanation",
               "explanation_nl", "source", "keys"]

#: Names a role column may have in an event log (folded: lower case, no spaces/_/-/:).
ROLE_COLUMN_NAMES = ("role", "orgrole", "rol", "functie", "function", "afdeling", "department")

_NL_WASTE = {"waiting": "wachten", "rework": "herwerk", "redo": "overdoen door een ander",
             "ping-pong": "pingpong", "system switching": "systeemwissels",
             "double entry": "dubbele invoer", "off-system work": "werk buiten het systeem",
             "interruption": "onderbrekingen", "searching": "zoeken", "frustration": "frustratie"}


def empty_rows() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(ROW_COLUMNS, [
        object, object, object, "int64", "int64", float, float, float, object, object, object,
        object, object])})


# -- formatting helpers --------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _symbols(lang: str) -> tuple[str, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol  # noqa: PLC0415

    return get_decimal_symbol(i18n._LOCALE[lang]), get_group_symbol(i18n._LOCALE[lang])


def _num(x: float, lang: str, decimals: int = 0) -> str:
    """`i18n.number`, fast: babel's symbols, Python's formatting (thousands of rows)."""
    if x is None or not np.isfinite(x):
        return "–"
    dec, grp = _symbols(lang)
    text = f"{round(float(x), decimals):,.{decimals}f}"
    return text.replace(",", "\0").replace(".", dec).replace("\0", grp)


def _money(x: float, lang: str) -> str:
    """`i18n.money` in whole euros, fast."""
    if x is None or not np.isfinite(x):
        return "–"
    return ("€" if lang == "en" else "€ ") + _num(x, lang)


def _h(x: float, lang: str) -> str:
    """Hours as people read them: ``3.5 h`` / ``3,5 u``."""
    return f"{_num(x, lang, decimals=1 if abs(x) < 10 else 0)} {'h' if lang == 'en' else 'u'}"


def _min(x: float, lang: str) -> str:
    return f"{_num(x, lang, decimals=1 if abs(x) < 10 else 0)} min"


def _cost(staff_hours: float, rate: float | None, lang: str) -> str:
    if rate is None:
        return ""
    money = _money(staff_hours * rate, lang)
    return f" ≈ {money} per month" if lang == "en" else f" ≈ {money} per maand"


def _ids(values, n: int = EVIDENCE_IDS) -> str:
    seen = list(dict.fromkeys(str(v) for v in values if v is not None and str(v) != ""))
    return ", ".join(seen[:n])


def _fold(text) -> str:
    return " ".join(str(text).split()).casefold()


def _keys(*, activity=(), system=(), role=()) -> tuple[tuple[str, str], ...]:
    """The places a row is about, as ``(type, folded name)`` pairs, to link frustrations.

    System names are also given as the canonical tool name (``Telefoon`` as ``phone``).
    """
    out = [("activity", _fold(a)) for a in activity]
    for s in system:
        out += [("system", _fold(s)), ("system", _fold(_tool_name(s)))]
    out += [("role", _fold(r)) for r in role]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=None)
def _aliases() -> dict[str, str]:
    from ..model.vocab import tool_aliases  # noqa: PLC0415

    return tool_aliases()


def _tool_name(name) -> str:
    """The canonical tool name the observations use (``telefoon`` -> ``phone``)."""
    return _aliases().get(_fold(name), str(name))


# -- the context shared by the detectors ------------------------------------------------------

@dataclass
class Context:
    """What every detector needs: the rate, the scaling, the systems, step durations."""

    hourly_rate: float | None
    official: tuple[str, ...] = ()
    #: log: months covered; observations: factor from observed hours to hours per month
    log_months: float | None = None
    obs_factor: float | None = None
    obs_scaling_en: str = ""
    obs_scaling_nl: str = ""
    #: median observed minutes per activity (folded name), used for step durations
    observed_minutes: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def is_official(self, systems: pd.Series) -> np.ndarray:
        """Whether each system is official (compared folded, and as canonical tool names)."""
        off = {_fold(s) for s in self.official} | {_fold(_tool_name(s)) for s in self.official}
        return systems.map(lambda s: _fold(s) in off or _fold(_tool_name(s)) in off
                           ).to_numpy(dtype=bool)


# -- the event log as arrays --------------------------------------------------------------------

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
    clock: str                       # "working" or "calendar"
    has_start: np.ndarray            # events with a real start time
    months: float
    first: pd.Timestamp
    last: pd.Timestamp


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


def _local_ns(series: pd.Series) -> np.ndarray:
    """Wall-clock nanoseconds (local time for tz-aware times), NaT as int64 min."""
    s = pd.DatetimeIndex(series)
    if s.tz is not None:
        s = s.tz_localize(None)  # local wall time of each instant
    return s.as_unit("ns").asi8


def _working_seconds(ns: np.ndarray) -> np.ndarray:
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


def _in_working_hours(ns: np.ndarray) -> np.ndarray:
    day_ns = (ns // 86_400_000_000_000) * 86_400_000_000_000
    hours = (ns - day_ns) / 3.6e12
    days, inv = np.unique(day_ns.astype("datetime64[ns]").astype("datetime64[D]"),
                          return_inverse=True)
    return np.is_busday(days)[inv] & (hours >= WORKDAY_START_H) & (hours <= WORKDAY_END_H)


def log_arrays(log, *, clock: str = "auto") -> LogArrays:
    """Prepare a log once for all the log detectors."""
    ev, frame = events_of(log)
    row = ev.row
    res, res_labels = _codes(frame, C.RESOURCE, row)
    sys, sys_labels = _codes(frame, C.SYSTEM, row)
    role_col = next((c for c in frame.columns if C.normalise_name(c) in ROLE_COLUMN_NAMES
                     and c not in (C.RESOURCE, C.SYSTEM)), None)
    role, role_labels = _codes(frame, role_col, row) if role_col else (None, None)
    end_local = _local_ns(frame[C.TIMESTAMP])[row]
    if C.START in frame.columns and frame[C.START].notna().any():
        start_local = _local_ns(frame[C.START])[row]
        has_start = start_local != np.iinfo(np.int64).min
        start_local = np.where(has_start, start_local, end_local)
    else:
        start_local, has_start = end_local, np.zeros(len(end_local), dtype=bool)
    if clock == "auto":
        share = float(_in_working_hours(end_local).mean()) if len(end_local) else 0.0
        clock = "working" if share >= WORKING_CLOCK_SHARE else "calendar"
    if clock == "working":
        c_start, c_end = _working_seconds(start_local), _working_seconds(end_local)
    else:
        c_start, c_end = start_local / 1e9, end_local / 1e9
    if len(ev.end):
        lo = min(int(ev.end.min()), int(ev.start.min()) if ev.start is not None else int(ev.end.min()))
        first, last = pd.Timestamp(lo, unit="ns"), pd.Timestamp(int(ev.end.max()), unit="ns")
        days = max((last - first) / pd.Timedelta(days=1), 1.0)
    else:
        first = last = pd.NaT
        days = 1.0
    return LogArrays(ev=ev, frame=frame, res=res, res_labels=res_labels, sys=sys,
                     sys_labels=sys_labels, role=role, role_labels=role_labels,
                     role_column=role_col, clock_start=c_start, clock_end=c_end, clock=clock,
                     has_start=has_start, months=days / DAYS_PER_MONTH, first=first, last=last)


def step_minutes(la: LogArrays, ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Typical minutes per activity code, and where each figure comes from.

    From the log's start times (median of end - start) where known, else the median observed
    minutes of an activity with the same name, else `DEFAULT_STEP_MIN`.
    """
    ev = la.ev
    n = len(ev.labels)
    minutes = np.full(n, np.nan)
    origin = np.full(n, "assumed", dtype=object)
    if la.has_start.any():
        from .dfg import _group_quantiles  # noqa: PLC0415

        ok = la.has_start
        (med,) = _group_quantiles(ev.act[ok].astype(np.int64),
                                  (la.clock_end[ok] - la.clock_start[ok]) / 60.0, n, (0.5,))
        known = ~np.isnan(med)
        minutes[known], origin[known] = med[known], "start times"
    for i, label in enumerate(ev.labels):
        if np.isnan(minutes[i]) and _fold(label) in ctx.observed_minutes:
            minutes[i], origin[i] = ctx.observed_minutes[_fold(label)], "observations"
    missing = np.isnan(minutes)
    minutes[missing] = DEFAULT_STEP_MIN
    return minutes, origin


def _origin_text(origin: str, lang: str) -> str:
    if lang == "en":
        return {"start times": "the median duration from the log's start times",
                "observations": "the median observed duration",
                "assumed": "assumed: no durations known"}[origin]
    return {"start times": "de mediane duur volgens de starttijden in de log",
            "observations": "de mediane geobserveerde duur",
            "assumed": "aangenomen: geen duur bekend"}[origin]


def _group(keys: np.ndarray, case: np.ndarray, values: np.ndarray | None = None,
           order_by: np.ndarray | None = None, min_occurrences: int = MIN_OCCURRENCES) -> list[dict]:
    """Per key seen at least ``min_occurrences`` times: ``key``, ``occurrences``, ``cases``
    (distinct), ``value`` (sum of ``values``) and ``evidence_cases`` (the first
    `EVIDENCE_IDS` distinct cases, largest ``order_by`` first)."""
    keys = np.asarray(keys, dtype=np.int64)
    case = np.asarray(case, dtype=np.int64)
    if len(keys) == 0:
        return []
    uk, inv, counts = np.unique(keys, return_inverse=True, return_counts=True)
    inv = inv.astype(np.int64)
    total = (np.bincount(inv, weights=values, minlength=len(uk)) if values is not None
             else np.zeros(len(uk)))
    width = int(case.max()) + 1
    pairs = pd.unique(inv * width + case)
    n_cases = np.bincount(pairs // width, minlength=len(uk))
    order = np.zeros(len(keys)) if order_by is None else -np.asarray(order_by, dtype=float)
    idx = np.lexsort((case, order, inv))
    d = pd.DataFrame({"k": inv[idx], "c": case[idx]}).drop_duplicates()
    d = d.loc[d.groupby("k", sort=False).cumcount().to_numpy() < EVIDENCE_IDS]
    k, c = d["k"].to_numpy(), d["c"].to_numpy()
    bounds = np.flatnonzero(np.diff(k)) + 1
    evidence = dict(zip(k[np.r_[0, bounds]], np.split(c, bounds)))
    keep = np.flatnonzero(counts >= min_occurrences)
    return [{"key": int(uk[i]), "occurrences": int(counts[i]), "cases": int(n_cases[i]),
             "value": float(total[i]), "evidence_cases": evidence[i]} for i in keep]


def _case_ids(la: LogArrays, cases: list) -> str:
    return "case " + _ids(la.ev.case_labels[np.asarray(cases, dtype=np.int64)])


def _rows(records: list[dict]) -> pd.DataFrame:
    if not records:
        return empty_rows()
    return pd.DataFrame.from_records(records, columns=ROW_COLUMNS)


# -- log detectors ------------------------------------------------------------------------------

def detect_waiting(la: LogArrays, ctx: Context) -> tuple[pd.DataFrame, dict]:
    """Long waits on edges: the time above the process's typical wait.

    The wait of a transition is the next step's start (or time) minus this step's end, on the
    chosen clock (working hours or calendar hours), negative waits (parallel work) taken as 0.
    ``norm`` is the median wait of all transitions in the log. A transition waits long when its
    wait exceeds both ``WAIT_FACTOR * norm`` and ``norm + WAIT_MIN_EXCESS_MIN``; the hours lost
    are the sum of ``wait - norm`` over the long waits, per month of log.
    """
    ev = la.ev
    same = ev.case[1:] == ev.case[:-1]
    if not same.any():
        return empty_rows(), {}
    wait = np.maximum(la.clock_start[1:][same] - la.clock_end[:-1][same], 0.0)
    norm = float(np.median(wait))
    threshold = max(WAIT_FACTOR * norm, norm + WAIT_MIN_EXCESS_MIN * 60.0)
    info = {"norm_wait_hours": norm / 3600.0, "long_wait_threshold_hours": threshold / 3600.0,
            "clock": la.clock}
    long = wait > threshold
    if not long.any():
        return empty_rows(), info
    n = len(ev.labels)
    src, tgt = ev.act[:-1][same][long], ev.act[1:][same][long]
    excess = wait[long] - norm
    pair = src.astype(np.int64) * n + tgt
    g = _group(pair, ev.case[:-1][same][long], excess, order_by=excess)
    months = la.months
    rate = ctx.hourly_rate
    clock_en = "working hours" if la.clock == "working" else "calendar hours"
    clock_nl = "werkuren" if la.clock == "working" else "kalenderuren"
    records = []
    for r in g:
        key = r["key"]
        a, b = ev.labels[key // n], ev.labels[key % n]
        hours = r["value"] / 3600.0 / months
        staff = r["occurrences"] * WAIT_FOLLOW_UP_MIN / 60.0 / months
        mean_excess = r["value"] / r["occurrences"]
        where = f"{a} → {b}"
        per_month = r["occurrences"] / months
        en = (f"Between '{a}' and '{b}' work waited longer than usual {r['occurrences']} times "
              f"in {r['cases']} cases (about {_num(per_month, 'en', decimals=0)} a month): "
              f"on average {_h(mean_excess / 3600, 'en')} above the process's typical wait of "
              f"{_h(norm / 3600, 'en')} ({clock_en}), {_h(hours, 'en')} of waiting per month. "
              f"Waiting is the customer's time; the cost counts {WAIT_FOLLOW_UP_MIN:g} min of "
              f"staff follow-up per long wait{_cost(staff, rate, 'en')}.")
        nl = (f"Tussen '{a}' en '{b}' wachtte het werk {r['occurrences']} keer langer dan "
              f"gewoonlijk, in {r['cases']} zaken (ongeveer {_num(per_month, 'nl')} per "
              f"maand): gemiddeld {_h(mean_excess / 3600, 'nl')} boven de gebruikelijke wachttijd "
              f"van {_h(norm / 3600, 'nl')} ({clock_nl}), {_h(hours, 'nl')} wachten per maand. "
              f"Wachten is tijd van de klant; de kosten tellen {WAIT_FOLLOW_UP_MIN:g} min opvolging "
              f"door medewerkers per lange wachttijd{_cost(staff, rate, 'nl')}.")
        records.append({
            "waste": "waiting", "where": where, "kind": "edge",
            "occurrences": int(r["occurrences"]), "cases": int(r["cases"]),
            "hours_per_month": hours, "staff_hours_per_month": staff,
            "severity": min(1.0, r["cases"] / max(ev.n_cases, 1)),
            "evidence": _case_ids(la, r["evidence_cases"]), "explanation": en,
            "explanation_nl": nl, "source": "log", "keys": _keys(activity=(a, b))})
    return _rows(records), info


def detect_repeats(la: LogArrays, ctx: Context, minutes: np.ndarray,
                   origin: np.ndarray) -> pd.DataFrame:
    """Repeated steps in a case: rework (same person), redo (another person), double entry.

    A step is a repeat when the same activity already happened earlier in the case. It is
    *double entry* when it was recorded in another system than the previous occurrence, else
    *rework* when done by the same person as the previous occurrence (or when the log has no
    resources), else *redo*. Hours = repeats x the step's typical duration (`step_minutes`).
    """
    ev = la.ev
    if ev.n_events < 2:
        return empty_rows()
    pos = np.arange(ev.n_events)
    order = np.lexsort((pos, ev.act, ev.case))
    same = (ev.case[order][1:] == ev.case[order][:-1]) & (ev.act[order][1:] == ev.act[order][:-1])
    if not same.any():
        return empty_rows()
    cur, prev = order[1:][same], order[:-1][same]
    kind = np.full(len(cur), "rework", dtype=object)
    if la.res is not None:
        r0, r1 = la.res[prev], la.res[cur]
        kind[(r0 >= 0) & (r1 >= 0) & (r0 != r1)] = "redo"
    if la.sys is not None:
        s0, s1 = la.sys[prev], la.sys[cur]
        kind[(s0 >= 0) & (s1 >= 0) & (s0 != s1)] = "double entry"
    records = []
    months, rate = la.months, ctx.hourly_rate
    for waste in ("rework", "redo", "double entry"):
        m = kind == waste
        if not m.any():
            continue
        acts = ev.act[cur[m]].astype(np.int64)
        g = _group(acts, ev.case[cur[m]])
        for r in g:
            act = r["key"]
            label = ev.labels[act]
            mins = float(minutes[act])
            hours = r["occurrences"] * mins / 60.0 / months
            systems = ""
            if waste == "double entry":
                both = np.concatenate([la.sys[cur[m]][acts == act], la.sys[prev[m]][acts == act]])
                systems = ", ".join(sorted({str(la.sys_labels[s]) for s in np.unique(both)}))
            src_en, src_nl = _origin_text(origin[act], "en"), _origin_text(origin[act], "nl")
            n_occ, n_cases = int(r["occurrences"]), int(r["cases"])
            if waste == "rework":
                who_en = ("by the same person" if la.res is not None
                          else "(the log has no resources, so repeats are not split by person)")
                who_nl = ("door dezelfde persoon" if la.res is not None
                          else "(de log heeft geen medewerkers, dus niet gesplitst per persoon)")
                en = f"'{label}' was done again {who_en} {n_occ} times in {n_cases} cases"
                nl = f"'{label}' werd {n_occ} keer opnieuw gedaan {who_nl}, in {n_cases} zaken"
            elif waste == "redo":
                en = f"'{label}' was done again by another person {n_occ} times in {n_cases} cases"
                nl = f"'{label}' werd {n_occ} keer opnieuw gedaan door een ander, in {n_cases} zaken"
            else:
                en = f"'{label}' was entered again in another system ({systems}) {n_occ} times in {n_cases} cases"
                nl = f"'{label}' werd {n_occ} keer nog eens ingevoerd in een ander systeem ({systems}), in {n_cases} zaken"
            en += (f": {_h(hours, 'en')} per month at {_min(mins, 'en')} per step ({src_en})"
                   f"{_cost(hours, rate, 'en')}.")
            nl += (f": {_h(hours, 'nl')} per maand à {_min(mins, 'nl')} per stap ({src_nl})"
                   f"{_cost(hours, rate, 'nl')}.")
            keys = _keys(activity=(label,), system=systems.split(", ") if systems else ())
            records.append({
                "waste": waste, "where": str(label), "kind": "activity", "occurrences": n_occ,
                "cases": n_cases, "hours_per_month": hours, "staff_hours_per_month": hours,
                "severity": min(1.0, n_cases / max(ev.n_cases, 1)),
                "evidence": _case_ids(la, r["evidence_cases"]), "explanation": en,
                "explanation_nl": nl, "source": "log", "keys": keys})
    return _rows(records)


def detect_ping_pong(la: LogArrays, ctx: Context) -> pd.DataFrame:
    """Work bouncing between two people (or roles, when the log has a role column).

    Consecutive events of one case by the same holder are collapsed; every ``x → y → x`` in
    what remains is one bounce. Hours = bounces x `PING_PONG_MIN`.
    """
    ev = la.ev
    if la.role is not None:
        holder, labels, kind = la.role, la.role_labels, "role"
    elif la.res is not None:
        holder, labels, kind = la.res, la.res_labels, "person"
    else:
        return empty_rows()
    known = np.flatnonzero(holder >= 0)
    h, case = holder[known], ev.case[known]
    if len(h) < 3:
        return empty_rows()
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (case[1:] != case[:-1]) | (h[1:] != h[:-1])
    h, case, pos = h[keep], case[keep], known[keep]
    if len(h) < 3:
        return empty_rows()
    bounce = (case[2:] == case[:-2]) & (case[1:-1] == case[:-2]) & (h[2:] == h[:-2])
    if not bounce.any():
        return empty_rows()
    a, b = h[:-2][bounce], h[1:-1][bounce]
    n = len(labels)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    pair = lo * n + hi
    g = _group(pair, case[:-2][bounce])
    # the activities where the work comes back, most frequent first (two per pair)
    back = pd.DataFrame({"pair": pair, "act": ev.act[pos[2:][bounce]]})
    back = back.groupby(["pair", "act"]).size().rename("n").reset_index()
    back = back.sort_values(["pair", "n", "act"], ascending=[True, False, True], kind="stable")
    back = back.loc[back.groupby("pair").cumcount() < 2]
    acts_of = {k: [str(ev.labels[x]) for x in v] for k, v in back.groupby("pair")["act"]}
    records = []
    months, rate = la.months, ctx.hourly_rate
    for r in g:
        key = r["key"]
        x, y = str(labels[key // n]), str(labels[key % n])
        n_occ, n_cases = int(r["occurrences"]), int(r["cases"])
        hours = n_occ * PING_PONG_MIN / 60.0 / months
        acts = acts_of.get(key, [])
        at = " or ".join(f"'{x_}'" for x_ in acts)
        at_nl = " of ".join(f"'{x_}'" for x_ in acts)
        en = (f"Cases went back and forth between {x} and {y} {n_occ} times in {n_cases} cases "
              f"(handed over and handed back, mostly at {at}): {_h(hours, 'en')} per month at "
              f"{PING_PONG_MIN:g} min per bounce{_cost(hours, rate, 'en')}.")
        nl = (f"Zaken gingen {n_occ} keer heen en weer tussen {x} en {y}, in {n_cases} zaken "
              f"(overgedragen en teruggegeven, vooral bij {at_nl}): {_h(hours, 'nl')} per maand "
              f"à {PING_PONG_MIN:g} min per keer{_cost(hours, rate, 'nl')}.")
        records.append({
            "waste": "ping-pong", "where": f"{x} ↔ {y}", "kind": kind, "occurrences": n_occ,
            "cases": n_cases, "hours_per_month": hours, "staff_hours_per_month": hours,
            "severity": min(1.0, n_cases / max(ev.n_cases, 1)),
            "evidence": _case_ids(la, r["evidence_cases"]), "explanation": en,
            "explanation_nl": nl, "source": "log", "keys": _keys(role=(x, y), activity=acts)})
    return _rows(records)


def detect_switching(la: LogArrays, ctx: Context) -> pd.DataFrame:
    """System switches inside one sitting, per edge.

    A switch is two consecutive events of one case, of different activities, recorded in
    different systems, by the same person (where the log has resources), at most
    `SWITCH_MAX_GAP_MIN` apart. (The same activity in two systems is double entry.) Hours =
    switches x `SWITCH_MIN`.
    """
    ev = la.ev
    if la.sys is None or ev.n_events < 2:
        return empty_rows()
    i, j = np.arange(ev.n_events - 1), np.arange(1, ev.n_events)
    s0, s1 = la.sys[i], la.sys[j]
    m = (ev.case[i] == ev.case[j]) & (s0 >= 0) & (s1 >= 0) & (s0 != s1) & (ev.act[i] != ev.act[j])
    m &= (la.clock_start[j] - la.clock_end[i]) <= SWITCH_MAX_GAP_MIN * 60.0
    if la.res is not None:
        m &= (la.res[i] >= 0) & (la.res[i] == la.res[j])
    if not m.any():
        return empty_rows()
    n = len(ev.labels)
    pair = ev.act[i][m].astype(np.int64) * n + ev.act[j][m]
    g = _group(pair, ev.case[i][m])
    records = []
    months, rate = la.months, ctx.hourly_rate
    sys_pair = pd.DataFrame({"pair": pair, "a": s0[m], "b": s1[m]})
    for r in g:
        key = r["key"]
        a, b = ev.labels[key // n], ev.labels[key % n]
        sp = sys_pair.loc[sys_pair["pair"] == key]
        systems = sorted({str(la.sys_labels[s]) for s in np.unique(sp[["a", "b"]].to_numpy())})
        n_occ, n_cases = int(r["occurrences"]), int(r["cases"])
        hours = n_occ * SWITCH_MIN / 60.0 / months
        en = (f"From '{a}' to '{b}' the same person switched systems ({', '.join(systems)}) "
              f"{n_occ} times in {n_cases} cases: {_h(hours, 'en')} per month at "
              f"{SWITCH_MIN:g} min per switch{_cost(hours, rate, 'en')}.")
        nl = (f"Van '{a}' naar '{b}' wisselde dezelfde persoon {n_occ} keer van systeem "
              f"({', '.join(systems)}), in {n_cases} zaken: {_h(hours, 'nl')} per maand à "
              f"{SWITCH_MIN:g} min per wissel{_cost(hours, rate, 'nl')}.")
        records.append({
            "waste": "system switching", "where": f"{a} → {b}", "kind": "edge",
            "occurrences": n_occ, "cases": n_cases, "hours_per_month": hours,
            "staff_hours_per_month": hours, "severity": min(1.0, n_cases / max(ev.n_cases, 1)),
            "evidence": _case_ids(la, r["evidence_cases"]), "explanation": en,
            "explanation_nl": nl, "source": "log",
            "keys": _keys(activity=(a, b), system=systems)})
    return _rows(records)


def detect_off_system_log(la: LogArrays, ctx: Context, minutes: np.ndarray,
                          origin: np.ndarray) -> pd.DataFrame:
    """Steps the log records in a system other than the official ones, per activity.

    Hours = such steps x the step's typical duration (`step_minutes`).
    """
    ev = la.ev
    if la.sys is None or not ctx.official:
        return empty_rows()
    official = ctx.is_official(pd.Series(la.sys_labels, dtype=object))
    m = (la.sys >= 0)
    m[m] = ~official[la.sys[m]]
    if not m.any():
        return empty_rows()
    acts = ev.act[m].astype(np.int64)
    g = _group(acts, ev.case[m])
    records = []
    months, rate = la.months, ctx.hourly_rate
    off_sys = la.sys[m]
    for r in g:
        act = r["key"]
        label = ev.labels[act]
        systems = sorted({str(la.sys_labels[s]) for s in np.unique(off_sys[acts == act])})
        mins = float(minutes[act])
        n_occ, n_cases = int(r["occurrences"]), int(r["cases"])
        hours = n_occ * mins / 60.0 / months
        off = ", ".join(ctx.official)
        en = (f"'{label}' was done outside {off} ({', '.join(systems)}) {n_occ} times in "
              f"{n_cases} cases: {_h(hours, 'en')} per month at {_min(mins, 'en')} per step "
              f"({_origin_text(origin[act], 'en')}){_cost(hours, rate, 'en')}.")
        nl = (f"'{label}' werd {n_occ} keer buiten {off} gedaan ({', '.join(systems)}), in "
              f"{n_cases} zaken: {_h(hours, 'nl')} per maand à {_min(mins, 'nl')} per stap "
              f"({_origin_text(origin[act], 'nl')}){_cost(hours, rate, 'nl')}.")
        records.append({
            "waste": "off-system work", "where": str(label), "kind": "activity",
            "occurrences": n_occ, "cases": n_cases, "hours_per_month": hours,
            "staff_hours_per_month": hours, "severity": min(1.0, n_cases / max(ev.n_cases, 1)),
            "evidence": _case_ids(la, r["evidence_cases"]), "explanation": en,
            "explanation_nl": nl, "source": "log",
            "keys": _keys(activity=(label,), system=systems)})
    return _rows(records)


def log_rows(la: LogArrays, ctx: Context) -> tuple[pd.DataFrame, dict]:
    """All log detectors."""
    minutes, origin = step_minutes(la, ctx)
    waiting, info = detect_waiting(la, ctx)
    parts = [waiting, detect_repeats(la, ctx, minutes, origin), detect_ping_pong(la, ctx),
             detect_switching(la, ctx), detect_off_system_log(la, ctx, minutes, origin)]
    return _concat(parts), info


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else empty_rows()


# -- observations -------------------------------------------------------------------------------

#: Tools that are not "off-system work" even outside the official systems: talking and looking
#: things up are part of the work, not a substitute record.
OFF_SYSTEM_EXEMPT = ("phone", "in person", "website", "calendar", "scanner")

#: Columns an observations frame must have; the others are optional.
OBS_REQUIRED = ("activity", "duration_min", "tool")


@dataclass(eq=False)
class ObsData:
    """Observations prepared for the detectors."""

    frame: pd.DataFrame          # canonical columns, sorted by person, start, line
    person_days: int
    persons: int
    observed_hours: float


def prepare_observations(frame: pd.DataFrame) -> ObsData:
    f = frame.copy()
    if "observation_id" not in f.columns:
        f["observation_id"] = ("O" + f["line"].astype(str)) if "line" in f.columns else \
            [f"O{i + 1}" for i in range(len(f))]
    for col in ("person", "observer", "role", "case", "waste", "severity"):
        if col not in f.columns:
            f[col] = pd.NA
    if "start" not in f.columns:
        f["start"] = pd.NaT
    f["start"] = pd.to_datetime(f["start"])
    f["duration_min"] = pd.to_numeric(f["duration_min"], errors="coerce").fillna(0.0)
    who = f["person"].astype(object).where(f["person"].notna(), f["observer"].astype(object))
    f["_who"] = who.where(who.notna(), "?").astype(str)
    day = f["start"].dt.normalize()
    f["_day"] = day.astype(object).where(day.notna(), "?").astype(str)
    if "line" not in f.columns:
        f["line"] = np.arange(1, len(f) + 1)
    f["_line"] = f["line"]
    f = f.sort_values(["_who", "_day", "start", "_line"], kind="stable",
                      na_position="last").reset_index(drop=True)
    person_days = int(f[["_who", "_day"]].drop_duplicates().shape[0])
    return ObsData(frame=f, person_days=max(person_days, 1), persons=int(f["_who"].nunique()),
                   observed_hours=float(f["duration_min"].sum()) / 60.0)


def observation_scaling(od: ObsData, team_size: int | None) -> tuple[float, str, str, dict]:
    """Factor from observed hours to hours per month for the team, and the sentence saying so."""
    team = team_size if team_size is not None else od.persons
    factor = team * WORKING_DAYS_PER_MONTH / od.person_days
    per_day = od.observed_hours / od.person_days
    assumed_en = "" if team_size is not None else " (team size not given: the people observed)"
    assumed_nl = "" if team_size is not None else " (teamgrootte niet opgegeven: de geobserveerde mensen)"
    en = (f"Observed time is scaled up: {od.person_days} person-days observed "
          f"({_h(per_day, 'en')} observed per person-day) stand for a team of {team}"
          f"{assumed_en} x {WORKING_DAYS_PER_MONTH:g} working days a month, a factor of "
          f"{_num(factor, 'en', decimals=1)}.")
    nl = (f"Geobserveerde tijd is opgeschaald: {od.person_days} persoonsdagen geobserveerd "
          f"({_h(per_day, 'nl')} geobserveerd per persoonsdag) staan voor een team van {team}"
          f"{assumed_nl} x {WORKING_DAYS_PER_MONTH:g} werkdagen per maand, een factor "
          f"{_num(factor, 'nl', decimals=1)}.")
    info = {"person_days": od.person_days, "persons_observed": od.persons, "team_size": team,
            "team_size_assumed": team_size is None, "observed_hours": od.observed_hours,
            "working_days_per_month": WORKING_DAYS_PER_MONTH, "factor": factor}
    return factor, en, nl, info


def _obs_record(waste: str, where: str, kind: str, rows: pd.DataFrame, minutes: float,
                ctx: Context, activity_minutes: float, what_en: str, what_nl: str,
                keys: tuple, tasks: int | None = None) -> dict:
    hours_obs = minutes / 60.0
    hours = hours_obs * ctx.obs_factor
    cases = rows["case"].dropna().astype(str)
    cases = cases[cases != ""]
    sev = pd.to_numeric(rows["severity"], errors="coerce").dropna()
    severity = float(sev.mean()) / 5.0 if len(sev) else min(1.0, minutes / max(activity_minutes, 1e-9))
    top = rows.sort_values(["duration_min", "_line"], ascending=[False, True], kind="stable")
    rate = ctx.hourly_rate
    n = len(rows) if tasks is None else tasks
    times_en, times_nl = ("times", "keer") if tasks is None else ("tasks", "taken")
    en = (f"{what_en} {n} {times_en} in the observations ({_h(hours_obs, 'en')} observed): "
          f"about {_h(hours, 'en')} per month for the team{_cost(hours, rate, 'en')}. "
          f"{ctx.obs_scaling_en}")
    nl = (f"{what_nl} {n} {times_nl} in de observaties ({_h(hours_obs, 'nl')} geobserveerd): "
          f"ongeveer {_h(hours, 'nl')} per maand voor het team{_cost(hours, rate, 'nl')}. "
          f"{ctx.obs_scaling_nl}")
    return {"waste": waste, "where": where, "kind": kind, "occurrences": int(n),
            "cases": int(cases.nunique()), "hours_per_month": hours,
            "staff_hours_per_month": hours, "severity": min(1.0, severity),
            "evidence": "observation " + _ids(top["observation_id"]), "explanation": en,
            "explanation_nl": nl, "source": "observations",
            "keys": keys + _keys(role=tuple(rows["role"].dropna().astype(str).unique()))}


def observation_rows(od: ObsData, ctx: Context) -> pd.DataFrame:
    """Waste seen in the observations.

    - tagged rows (`TAG_TO_WASTE`) count as that waste at their activity; observed waiting is
      staff waiting and costed in full;
    - a *task* (as in `shadowing.analysis.timeuse.system_switches`: the rows of one person on one case
      and activity, or a run of rows of one person, day and activity) that touches two or more tools
      is system switching ("checking N systems"): the time in every tool but the main one (the
      official system where used, else the tool used longest) is lost;
    - untagged time in a tool outside `official_systems` (not `OFF_SYSTEM_EXEMPT`) that was not
      counted as switching is off-system work.
    Each observed minute counts for at most one of these.
    """
    f = od.frame
    if f.empty:
        return empty_rows()
    waste = f["waste"].astype(object).where(f["waste"].notna(), None)
    mapped = waste.map(lambda w: TAG_TO_WASTE.get(str(w).strip().casefold()) if w is not None
                       else None)
    dropped = waste.notna() & mapped.isna()
    if dropped.any():
        tags = sorted(set(waste[dropped].astype(str)))
        ctx.notes.append(f"observation tags without a hotspot type left out: {', '.join(tags)}")
        log.info("hotspots: observation tags %s have no hotspot type; left out", tags)
    act_minutes = f.groupby(f["activity"].astype(str), sort=False)["duration_min"].sum()
    activity = f["activity"].astype(str)
    tool = f["tool"].astype(object).where(f["tool"].notna(), None)
    records = []

    # tagged waste (system switch handled with the tasks below)
    tagged = mapped.notna() & mapped.ne("system switching")
    for (w, a), rows in f.loc[tagged].groupby([mapped[tagged], activity[tagged]], sort=True):
        minutes = float(rows["duration_min"].sum())
        what_en = {"waiting": f"Staff waited during '{a}'", "rework": f"'{a}' was redone",
                   "searching": f"Staff searched during '{a}'",
                   "double entry": f"'{a}' was typed in twice",
                   "interruption": f"'{a}' was interrupted"}[w]
        what_nl = {"waiting": f"Medewerkers wachtten tijdens '{a}'",
                   "rework": f"'{a}' werd overgedaan",
                   "searching": f"Medewerkers zochten tijdens '{a}'",
                   "double entry": f"'{a}' werd dubbel ingevoerd",
                   "interruption": f"'{a}' werd onderbroken"}[w]
        tools = tuple(rows["tool"].dropna().astype(str).unique())
        records.append(_obs_record(w, a, "activity", rows, minutes, ctx, act_minutes[a],
                                   what_en, what_nl, _keys(activity=(a,), system=tools)))

    # tasks touching several tools
    from .timeuse import _tasks as task_numbers  # noqa: PLC0415  (the same tasks as time_use)

    task = task_numbers(f.assign(person=f["_who"])).to_numpy()
    free = mapped.isna().to_numpy() | mapped.eq("system switching").to_numpy()
    has_tool = tool.notna().to_numpy()
    tool_s = tool.astype(str).to_numpy()
    tt = pd.DataFrame({"task": task, "tool": tool_s, "min": f["duration_min"].to_numpy()})[has_tool]
    n_tools = tt.drop_duplicates(["task", "tool"]).groupby("task").size()
    multi_tasks = n_tools.index[n_tools >= 2]
    in_multi = np.isin(task, multi_tasks) & has_tool
    official = ctx.is_official(pd.Series(tool_s, dtype=object)) & has_tool
    switch_lost = np.zeros(len(f), dtype=bool)
    if in_multi.any():
        by = tt[np.isin(tt["task"], multi_tasks)].groupby(["task", "tool"], sort=False)["min"].sum()
        by = by.reset_index()
        by["official"] = ctx.is_official(by["tool"])
        by = by.sort_values(["task", "official", "min"], ascending=[True, False, False],
                            kind="stable")
        main = by.drop_duplicates("task").set_index("task")["tool"]
        main_of_row = pd.Series(task).map(main).to_numpy()
        switch_lost = in_multi & (tool_s != main_of_row.astype(str)) & free
    tagged_switch = mapped.eq("system switching").to_numpy() & ~switch_lost
    counted = switch_lost | tagged_switch
    if counted.any():
        sub = f.loc[counted]
        tasks_of = pd.Series(task[counted], index=sub.index)
        for a, rows in sub.groupby(activity[counted], sort=True):
            minutes = float(rows["duration_min"].sum())
            task_ids = tasks_of.loc[rows.index].unique()
            task_tools = tt[np.isin(tt["task"], task_ids)].drop_duplicates(["task", "tool"])
            per_task = task_tools.groupby("task").size()
            most = int(per_task.max()) if len(per_task) else 1
            tools = sorted(task_tools["tool"].unique())
            if most >= 3:
                what_en = (f"'{a}' meant checking {most} systems ({', '.join(tools)}), time outside "
                           "the main one lost in")
                what_nl = (f"'{a}' betekende {most} systemen nakijken ({', '.join(tools)}), tijd "
                           "buiten het hoofdsysteem verloren in")
            else:
                what_en = f"'{a}' switched between systems ({', '.join(tools)}) in"
                what_nl = f"'{a}' wisselde tussen systemen ({', '.join(tools)}) in"
            rec = _obs_record("system switching", a, "activity", rows, minutes, ctx,
                              act_minutes[a], what_en, what_nl,
                              _keys(activity=(a,), system=tools), tasks=len(task_ids))
            records.append(rec)

    # off-system work: untagged time outside the official systems, not counted above
    if ctx.official:
        exempt = {_fold(t) for t in OFF_SYSTEM_EXEMPT}
        off = (has_tool & ~official & mapped.isna().to_numpy() & ~counted
               & ~pd.Series(tool_s).map(_fold).isin(exempt).to_numpy())
        if off.any():
            sub = f.loc[off]
            for a, rows in sub.groupby(activity[off], sort=True):
                minutes = float(rows["duration_min"].sum())
                tools = sorted(rows["tool"].astype(str).unique())
                what_en = (f"'{a}' was done outside {', '.join(ctx.official)} "
                           f"({', '.join(tools)})")
                what_nl = (f"'{a}' werd buiten {', '.join(ctx.official)} gedaan "
                           f"({', '.join(tools)})")
                records.append(_obs_record("off-system work", a, "activity", rows, minutes, ctx,
                                           act_minutes[a], what_en, what_nl,
                                           _keys(activity=(a,), system=tools)))
    return _rows(records)
