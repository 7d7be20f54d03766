"""Before and after a change: did the process, the waits and the off-system work change?

`compare_periods` measures the same things on two periods (two event logs, or one log split at
a cut-over date) and says, per measure, whether the change is real at a stated level.

Measures (``measure`` column of the result; ``where`` names the transition, role or hotspot):

- ``throughput_median``, ``throughput_p90`` (hours, calendar time from a case's first start
  to its last end). Quantiles are the *inverted CDF* ones (the smallest value with at least
  50% / 90% of the cases at or below it), in the point estimate and in the bootstrap alike.
- ``rework_rate``: share of cases in which some activity happens more than once.
- ``main_path_share``: share of cases that follow the *before* period's most frequent variant
  (the main path), in both periods. Higher is better; for every other measure lower is better.
- ``waiting`` (per transition ``A → B``, hours): mean waiting time on the transition, the
  next step's start minus the previous step's end (calendar hours; `directly_follows`'s
  definition), over all its occurrences. Only transitions seen in at least ``min_cases``
  cases in *both* periods, the ``transitions`` most frequent of the before period.
- ``off_system_share`` (overall and per role): share of observed time spent in a tool that is
  not one of ``official_systems`` (as `off_system`), from the shadowing rounds.
- ``waste_share`` (per role): share of observed time tagged with a waste (the ``waste`` category
  of `time_use`).
- ``hotspot_hours``, ``hotspot_cost`` (per earlier hotspot ``waste: where``): the hotspot's
  hours (staff hours; for waiting, the waiting hours) and euros per month before and after.
  The **estimated saving** is the before value (what removing the waste would save, the figure
  the consultant put on it); the **realised saving** is before minus after (a hotspot not
  found after the change is fully realised). See `PeriodComparison.savings`.

Unfinished cases: with ``cut_over``, cases that start shortly before the end of the log may
still be open, which shortens the "after" throughput times; compare periods with the same
follow-up, or keep only finished cases, first.

Intervals: a percentile bootstrap. Cases (for log measures) or observed person-days (for
observation measures) are resampled with replacement, ``n_boot`` times, independently in each
period; each replicate recomputes the measure from per-case (per person-day) aggregates with
resampling weights (no Python loop per case). The quantiles' replicates are drawn exactly from
their known bootstrap distribution (the order statistic a resample picks; see
`_quantile_replicates`), which is the same in law and needs no pass over the weights. The interval of the difference (after minus
before) holds the central ``level`` share of the replicate differences; the change is ``real``
when that interval excludes zero. A measure gets no interval (``real`` missing) unless both
periods have at least `MIN_UNITS` (3) cases or person-days behind it. Hotspot intervals come from the hotspot tables'
``_low``/``_high`` columns where they exist (otherwise ``real`` is missing).
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import InputError, ParameterError, check_number
from ..io.eventlog import as_frame
from ..model import columns as C
from .bootstrap import weight_blocks
from .dfg import events_of
from .hotspots import hotspots as find_hotspots
from .timeuse import NO_ROLE, obs_frame, official_mask

log = logging.getLogger(__name__)

__all__ = ["compare_periods", "PeriodComparison", "MEASURE_COLUMNS", "ARROW"]

ARROW = " → "
#: Columns of `PeriodComparison.measures`, in order.
MEASURE_COLUMNS = ["measure", "where", "before", "after", "difference", "difference_low",
                   "difference_high", "real", "unit", "better", "improved", "n_before",
                   "n_after", "basis"]
SAVINGS_COLUMNS = ["waste", "where", "estimated_hours", "realised_hours", "realised_hours_low",
                   "realised_hours_high", "estimated_cost", "realised_cost", "realised_share",
                   "found_after", "real"]
#: A measure gets an interval only when both periods have at least this many units (cases or
#: person-days) behind it: a bootstrap over one or two units has no spread to speak of.
MIN_UNITS = 3
_H = 3600e9


# -- the result -------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class PeriodComparison:
    """Before and after, measure by measure, with bootstrap intervals.

    Attributes
    ----------
    measures : DataFrame
        One row per measure and place: see `MEASURE_COLUMNS`. ``before``/``after`` in ``unit``
        (``h``, ``share``, ``h/month``, ``EUR/month``); ``difference`` is after minus before;
        ``difference_low``/``difference_high`` its interval at ``level``; ``real`` (boolean, NA
        when no interval exists) whether the interval excludes zero; ``better`` (``lower`` or
        ``higher``); ``improved`` (real and in the better direction); ``n_before``/``n_after``
        the cases or person-days behind the numbers; ``basis`` (``cases``, ``person-days``,
        ``hotspots``).
    transitions : DataFrame
        Every transition of either period (for the delta map): ``source``, ``target``,
        ``count_before``, ``count_after``, ``wait_before``, ``wait_after`` (mean hours),
        ``real`` and ``improved`` (for the transitions in ``measures``, else NA).
    activities : DataFrame
        ``activity``, ``events_before``, ``events_after``.
    savings : DataFrame
        One row per earlier hotspot (empty without ``hotspots_before``): ``waste``, ``where``,
        ``estimated_hours``, ``realised_hours`` (+ ``_low``/``_high``), ``estimated_cost``,
        ``realised_cost``, ``realised_share`` (realised / estimated hours), ``found_after``,
        ``real``.
    level, n_boot, seed, cut_over
        The settings; ``cut_over`` is None when two logs were given.
    periods : dict
        ``before``/``after``: first and last time of each log, cases, person-days observed.
    """

    measures: pd.DataFrame
    transitions: pd.DataFrame
    activities: pd.DataFrame
    savings: pd.DataFrame
    level: float
    n_boot: int
    seed: int | None
    cut_over: pd.Timestamp | None = None
    periods: dict = field(default_factory=dict)

    def real_changes(self) -> pd.DataFrame:
        """The rows of `measures` whose change is real at the stated level."""
        return self.measures[self.measures["real"].fillna(False).astype(bool)].reset_index(drop=True)

    def delta_map(self, *, lang: str = "en", min_count: int = 1):
        """A `ProcessMap` of both periods: before → after numbers on each arrow and activity,
        green where waiting fell for real, red where it rose for real (see
        `shadowing.draw.periods.delta_map`)."""
        from ..draw.periods import delta_map  # noqa: PLC0415 - draw depends on analysis

        return delta_map(self, lang=lang, min_count=min_count)

    def __repr__(self) -> str:
        n_real = int(self.measures["real"].fillna(False).astype(bool).sum())
        return (f"PeriodComparison({len(self.measures)} measures, {n_real} real changes at "
                f"{self.level:.0%}, {self.n_boot} bootstrap replicates)")

    def _repr_html_(self) -> str:
        cols = ["measure", "where", "before", "after", "difference", "difference_low",
                "difference_high", "real", "unit"]
        body = self.measures[cols].to_html(index=False, float_format=lambda x: f"{x:.3g}",
                                           na_rep="-", border=0)
        return (f"<div><p>{html.escape(repr(self))}</p>{body}</div>")


# -- the bootstrap ----------------------------------------------------------------------------

def _quantile_replicates(values: np.ndarray, q: float, u: np.ndarray) -> np.ndarray:
    """The bootstrap distribution of an inverted-CDF quantile, sampled exactly.

    In a resample of ``n`` values the quantile is the ``J``-th smallest original value, where
    ``P(J <= j) = P(Binomial(n, j/n) >= k)`` with ``k = ceil(q n)``: the regularised incomplete
    beta function ``I_{j/n}(k, n - k + 1)``. Drawing ``J`` by inverting that distribution at
    the uniforms ``u`` gives the same replicates a full resampling would, in O(n + B) instead
    of O(n B).
    """
    from scipy.special import betainc  # noqa: PLC0415 - scipy (a pm4py dependency) when needed

    n = len(values)
    k = max(1, int(np.ceil(q * n - 1e-9)))
    cdf = betainc(k, n - k + 1, np.arange(1, n + 1) / n)
    j = np.searchsorted(cdf, u, side="left")
    return np.sort(values)[np.minimum(j, n - 1)]


@dataclass
class _Units:
    """Per-unit aggregates of one period: ratio measures (sum num / sum den) and quantiles."""

    n: int
    num: np.ndarray                 # units x k
    den: np.ndarray                 # units x k
    quantiles: list                 # (values, q) pairs

    def point(self) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = self.num.sum(axis=0) / self.den.sum(axis=0)
        qs = [np.quantile(v, q, method="inverted_cdf") if len(v) else np.nan
              for v, q in self.quantiles]
        return np.concatenate([qs, ratio]).astype(float)

    def units(self) -> np.ndarray:
        """Units (cases, person-days) behind each measure: those with something to count."""
        return np.concatenate([[len(v) for v, _ in self.quantiles],
                               (self.den > 0).sum(axis=0)]).astype(np.int64)

    def replicates(self, rng: np.random.Generator, n_boot: int) -> np.ndarray:
        k = self.num.shape[1] + len(self.quantiles)
        if self.n == 0:
            return np.full((n_boot, k), np.nan)
        quant = [_quantile_replicates(v, q, rng.random(n_boot)) for v, q in self.quantiles]
        k = self.num.shape[1]
        both = np.hstack([self.num, self.den])          # one product per block for both
        ratios = []
        for w in weight_blocks(rng, self.n, n_boot):
            sums = w.astype(np.float64) @ both
            with np.errstate(invalid="ignore", divide="ignore"):
                ratios.append(sums[:, :k] / sums[:, k:])
        return np.column_stack(quant + [np.vstack(ratios)]) if quant else np.vstack(ratios)


def _intervals(before: _Units, after: _Units, rng, n_boot: int, level: float):
    pb, pa = before.point(), after.point()
    rb, ra = before.replicates(rng, n_boot), after.replicates(rng, n_boot)
    d = ra - rb
    lo_q, hi_q = (1 - level) / 2, (1 + level) / 2
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(d)
        low = np.full(d.shape[1], np.nan)
        high = np.full(d.shape[1], np.nan)
        enough = (before.units() >= MIN_UNITS) & (after.units() >= MIN_UNITS)
        for j in range(d.shape[1]):          # one call per measure, not per case
            col = d[ok[:, j], j]
            if enough[j] and len(col) >= max(20, 0.5 * n_boot):
                low[j], high[j] = np.quantile(col, [lo_q, hi_q])
    return pb, pa, low, high, before.units(), after.units()


# -- per-case aggregates of a log -------------------------------------------------------------

@dataclass
class _CaseData:
    n: int
    throughput_h: np.ndarray
    rework: np.ndarray
    variant: np.ndarray             # variant key (a joined label string) per case
    edges: pd.DataFrame             # case, source, target, wait_h (one row per transition)
    activities: pd.Series           # events per activity label
    first: pd.Timestamp | None
    last: pd.Timestamp | None


def _case_data(frame: pd.DataFrame) -> _CaseData:
    ev, _ = events_of(frame)
    n = ev.n_cases
    first, last = ev.first_last()
    if n == 0:
        empty = pd.DataFrame({"case": pd.Series(dtype="int64"), "source": pd.Series(dtype=object),
                              "target": pd.Series(dtype=object), "wait_h": pd.Series(dtype=float)})
        return _CaseData(0, np.zeros(0), np.zeros(0, bool), np.zeros(0, object), empty,
                         pd.Series(dtype="int64"), None, None)
    begin = ev.end if ev.start is None else np.minimum(ev.start, ev.end)
    tp = (np.maximum.reduceat(ev.end, first) - np.minimum.reduceat(begin, first)) / _H
    n_act = len(ev.labels)
    pair, counts = np.unique(ev.case * n_act + ev.act, return_counts=True)
    rework = np.zeros(n, dtype=bool)
    rework[pair[counts > 1] // n_act] = True
    labels = ev.labels[ev.act]
    # variant key per case: one string join of all labels, cut per case (no loop per event)
    lengths = last - first + 1
    sep = "\x1f"
    text = sep.join(map(str, labels.tolist())) + sep
    width = np.fromiter((len(str(x)) + 1 for x in ev.labels), dtype=np.int64, count=n_act)[ev.act]
    off = np.concatenate(([0], np.cumsum(width)))
    variant = np.array([text[a:b] for a, b in zip(off[first].tolist(), off[last + 1].tolist())],
                       dtype=object)   # one slice per case (strings are not vectorisable)
    same = ev.case[1:] == ev.case[:-1]
    nxt_start = (ev.end if ev.start is None else ev.start)[1:]
    edges = pd.DataFrame({"case": ev.case[1:][same], "source": labels[:-1][same],
                          "target": labels[1:][same],
                          "wait_h": ((nxt_start - ev.end[:-1]) / _H)[same]})
    acts = pd.Series(labels).value_counts()
    tz_first = pd.Timestamp(begin.min()), pd.Timestamp(ev.end.max())
    del lengths
    return _CaseData(n, tp.astype(float), rework, variant, edges, acts, *tz_first)


def _case_units(cd: _CaseData, main: str | None, chosen: list[tuple[str, str]]) -> _Units:
    n = cd.n
    k = 2 + len(chosen)
    num = np.zeros((n, k))
    den = np.zeros((n, k))
    num[:, 0] = cd.rework
    num[:, 1] = cd.variant == main if main is not None else 0
    den[:, :2] = 1.0
    if chosen and n:
        key = pd.MultiIndex.from_tuples(chosen)
        idx = key.get_indexer(pd.MultiIndex.from_arrays([cd.edges["source"], cd.edges["target"]]))
        hit = idx >= 0
        case = cd.edges["case"].to_numpy()[hit]
        col = idx[hit] + 2
        np.add.at(num, (case, col), cd.edges["wait_h"].to_numpy()[hit])
        np.add.at(den, (case, col), 1.0)
    return _Units(n=n, num=num, den=den,
                  quantiles=[(cd.throughput_h, 0.5), (cd.throughput_h, 0.9)])


def _choose_transitions(b: _CaseData, a: _CaseData, top: int, min_cases: int):
    def cases_per_edge(cd):
        return cd.edges.drop_duplicates(["case", "source", "target"]).groupby(
            ["source", "target"], sort=False).size()

    cb, ca = cases_per_edge(b), cases_per_edge(a)
    both = pd.concat([cb.rename("b"), ca.rename("a")], axis=1).fillna(0)
    both = both[(both["b"] >= min_cases) & (both["a"] >= min_cases)]
    both = both.sort_values("b", ascending=False, kind="stable").head(top)
    return list(both.index)


# -- per-person-day aggregates of observations ------------------------------------------------

def _day_units(frame: pd.DataFrame, roles: list[str], official) -> _Units:
    hours = frame["duration_min"].astype(float).fillna(0.0).to_numpy() / 60
    start = pd.to_datetime(frame["start"])
    day_key = frame["person"].astype(str) + "\x1f" + start.dt.strftime("%Y-%m-%d")
    day, _ = pd.factorize(day_key)
    n = int(day.max()) + 1 if len(day) else 0
    role = frame["role"].astype(object).where(frame["role"].notna(), NO_ROLE).astype(str)
    r = pd.Index(roles).get_indexer(role)
    waste = frame["waste"].notna().to_numpy()
    cols = 1 + 2 * len(roles)            # off overall, off per role, waste per role
    num = np.zeros((n, cols))
    den = np.zeros((n, cols))
    if official is not None:
        has_tool, is_off = official_mask(frame, official, func="compare_periods")
        off = (has_tool & ~is_off).to_numpy()
    else:
        off = np.zeros(len(frame), bool)
    np.add.at(num[:, 0], day, hours * off)
    np.add.at(den[:, 0], day, hours)
    ok = r >= 0
    np.add.at(num, (day[ok], 1 + r[ok]), (hours * off)[ok])
    np.add.at(den, (day[ok], 1 + r[ok]), hours[ok])
    np.add.at(num, (day[ok], 1 + len(roles) + r[ok]), (hours * waste)[ok])
    np.add.at(den, (day[ok], 1 + len(roles) + r[ok]), hours[ok])
    if official is None:                  # off-system columns are not measured
        num[:, : 1 + len(roles)] = np.nan
    return _Units(n=n, num=num, den=den, quantiles=[])


# -- inputs -----------------------------------------------------------------------------------

def _as_time(value, tz, what: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        ts = None
    if ts is None or pd.isna(ts):
        raise ParameterError(f"The '{what}' parameter of compare_periods must be a date such as "
                             f"'2026-04-01'. Got {value!r} instead.")
    if tz is not None:
        ts = ts.tz_localize(tz) if ts.tz is None else ts.tz_convert(tz)
    elif ts.tz is not None:
        ts = ts.tz_localize(None)
    return ts


def _split_log(frame: pd.DataFrame, cut) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cases that start before the cut-over, and the others (by the case's first time)."""
    t = frame[C.TIMESTAMP]
    if C.START in frame.columns:
        t = frame[C.START].where(frame[C.START].notna(), t)
    start = t.groupby(frame[C.CASE], observed=True, sort=False).transform("min")
    before = (start < cut).to_numpy()
    return frame.loc[before], frame.loc[~before]


def _obs_or_none(obs, what: str):
    return None if obs is None else obs_frame(obs, func=f"compare_periods ({what})")


def _hours_of(table: pd.DataFrame, suffix: str = "") -> pd.Series:
    """A hotspot table's hours per month: staff hours, or waiting hours for waits."""
    if "staff_hours_per_month" + suffix in table.columns:
        hours = table["staff_hours_per_month" + suffix].astype(float)
        if "wait_hours_per_month" + suffix in table.columns:
            wait = table["wait_hours_per_month" + suffix].astype(float)
            hours = hours.where(table["waste"] != "waiting", wait)
        elif "hours_per_month" + suffix in table.columns:
            hours = hours.where(table["waste"] != "waiting",
                                table["hours_per_month" + suffix].astype(float))
        return hours
    if "hours_per_month" + suffix in table.columns:
        return table["hours_per_month" + suffix].astype(float)
    return pd.Series(np.nan, index=table.index)


def _savings(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    if before is None or before.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SAVINGS_COLUMNS})
    for name, t in (("hotspots_before", before), ("hotspots_after", after)):
        missing = [c for c in ("waste", "where") if c not in t.columns]
        if missing:
            raise InputError(f"compare_periods: '{name}' lacks the column(s) "
                             f"{', '.join(missing)}; expected a table from shadowing.hotspots; "
                             f"columns are: {', '.join(map(str, t.columns))}.", source="DataFrame")

    def frame(t):
        f = pd.DataFrame({"waste": t["waste"].astype(str).to_numpy(),
                          "where": t["where"].astype(str).to_numpy(),
                          "hours": _hours_of(t).to_numpy(),
                          "low": _hours_of(t, "_low").to_numpy(),
                          "high": _hours_of(t, "_high").to_numpy(),
                          "cost": (t["cost_per_month"].astype(float).to_numpy()
                                   if "cost_per_month" in t.columns else np.nan)})
        return f.groupby(["waste", "where"], sort=False, as_index=False).sum(min_count=1)

    b = frame(before)
    b = b[b["waste"] != "frustration"]
    a = frame(after)
    m = b.merge(a, on=["waste", "where"], how="left", suffixes=("", "_after"),
                indicator=True)
    found = (m["_merge"] == "both").to_numpy()
    for col in ("hours", "low", "high", "cost"):
        m[col + "_after"] = m[col + "_after"].where(found, 0.0)
    out = pd.DataFrame({"waste": m["waste"], "where": m["where"],
                        "estimated_hours": m["hours"],
                        "realised_hours": m["hours"] - m["hours_after"],
                        "realised_hours_low": m["low"] - m["high_after"],
                        "realised_hours_high": m["high"] - m["low_after"],
                        "estimated_cost": m["cost"], "realised_cost": m["cost"] - m["cost_after"]})
    with np.errstate(invalid="ignore", divide="ignore"):
        out["realised_share"] = out["realised_hours"] / out["estimated_hours"].where(
            out["estimated_hours"] > 0)
    out["found_after"] = found
    has = out["realised_hours_low"].notna() & out["realised_hours_high"].notna()
    real = (out["realised_hours_low"] > 0) | (out["realised_hours_high"] < 0)
    out["real"] = pd.array(np.where(has, real, False), dtype="boolean")
    out.loc[~has, "real"] = pd.NA
    out.attrs["after"] = m[["waste", "where", "hours_after", "cost_after"]]
    return out.reset_index(drop=True)


# -- the public function ----------------------------------------------------------------------

def compare_periods(before, after=None, *, observations_before=None, observations_after=None,
                    hotspots_before: pd.DataFrame | None = None,
                    hotspots_after: pd.DataFrame | None = None, cut_over=None,
                    official_systems: str | Iterable[str] | None = None,
                    hourly_rate: float | None = None, team_size: int | None = None,
                    transitions: int = 10, min_cases: int = 5, n_boot: int = 1000,
                    seed: int | None = None, level: float = 0.9) -> PeriodComparison:
    """Compare a process before and after a change, each measure with a bootstrap interval.

    Parameters
    ----------
    before : EventLog or DataFrame
        The log before the change, or the whole log when ``cut_over`` splits it.
    after : EventLog or DataFrame, optional
        The log after the change; leave it out and give ``cut_over`` to split ``before``.
    observations_before, observations_after : Observations or DataFrame, optional
        The shadowing rounds before and after (follow-up shadowing). With ``cut_over`` and
        only ``observations_before``, those are split by the day of each stretch.
    hotspots_before : DataFrame, optional
        The `hotspots` table made before the change: each hotspot's estimated saving (its
        hours and euros per month) is set against the saving realised after.
    hotspots_after : DataFrame, optional
        The `hotspots` table on the after data; default: computed with `hotspots` on ``after``
        and ``observations_after`` with the same hourly rate and official systems.
    cut_over : date, optional
        The go-live: cases that start before it are "before", the others "after".
    official_systems : str or list of str, optional
        Systems that should hold the work, for the off-system share; default the ones of
        ``hotspots_before`` (its ``attrs``). Without them, no off-system measure.
    hourly_rate, team_size : optional
        For the after hotspots (defaults: those of ``hotspots_before``).
    transitions : int
        How many transitions get a waiting measure (the most frequent before; default 10).
    min_cases : int
        A transition needs this many cases in both periods to be measured (default 5).
    n_boot : int
        Bootstrap replicates (default 1000).
    seed : int, optional
        Seed of the bootstrap; the same seed gives the same intervals.
    level : float
        Confidence level of the intervals (default 0.9).

    Returns
    -------
    PeriodComparison
        ``.measures`` (one row per measure and place), ``.transitions``, ``.activities``,
        ``.savings``, ``.delta_map()``; see the module docstring for definitions.

    Raises
    ------
    ParameterError
        ``after`` and ``cut_over`` both given or both missing; a parameter out of range.
    InputError
        A log or observations that cannot be read; a period without cases.

    Examples
    --------
    >>> import pandas as pd, shadowing as sh
    >>> def log(waits):
    ...     rows = []
    ...     for i, w in enumerate(waits):
    ...         t = pd.Timestamp("2026-01-05 09:00") + pd.Timedelta(days=i)
    ...         rows += [(f"c{i}", "enter", t), (f"c{i}", "ship", t + pd.Timedelta(hours=w))]
    ...     return pd.DataFrame(rows, columns=["case:concept:name", "concept:name",
    ...                                        "time:timestamp"])
    >>> pc = sh.compare_periods(log([4, 6, 8, 5, 7]), log([1, 2, 3, 2, 1]), seed=1,
    ...                         min_cases=1)
    >>> row = pc.measures.set_index("measure").loc["throughput_median"]
    >>> float(row["before"]), float(row["after"]), bool(row["real"])
    (6.0, 2.0, True)
    """
    func = "compare_periods"
    level = check_number("level", level, func=func, low=0, high=1, low_open=True, high_open=True,
                         what="a share")
    n_boot = check_number("n_boot", n_boot, func=func, integer=True, low=100)
    transitions = check_number("transitions", transitions, func=func, integer=True, low=0)
    min_cases = check_number("min_cases", min_cases, func=func, integer=True, low=1)
    if seed is not None:
        seed = check_number("seed", seed, func=func, integer=True, low=0)
    if (after is None) == (cut_over is None):
        raise ParameterError("compare_periods needs either two logs (before and after) or one "
                             "log and a 'cut_over' date. Got "
                             + ("both." if after is not None else "neither."))
    fb = as_frame(before, what="log before")
    cut = None
    if after is None:
        cut = _as_time(cut_over, fb[C.TIMESTAMP].dt.tz, "cut_over")
        fb, fa = _split_log(fb, cut)
    else:
        fa = as_frame(after, what="log after")
    ob = _obs_or_none(observations_before, "observations_before")
    oa = _obs_or_none(observations_after, "observations_after")
    if cut is not None and ob is not None and oa is None:
        day = cut.tz_localize(None) if cut.tz is not None else cut
        early = (pd.to_datetime(ob["start"]) < day).to_numpy()
        ob, oa = ob.loc[early], ob.loc[~early]
    rng = np.random.default_rng(seed)

    cb, ca = _case_data(fb), _case_data(fa)
    for name, cd in (("before", cb), ("after", ca)):
        if cd.n == 0:
            raise InputError(f"{func}: the {name} period has no cases"
                             + (f" (cut-over {cut:%Y-%m-%d})" if cut is not None else "")
                             + "; expected cases on both sides of the change.",
                             source="DataFrame")
    main = pd.Series(cb.variant).value_counts(sort=True)
    main_key = str(main.index[0])
    chosen = _choose_transitions(cb, ca, transitions, min_cases)
    ub, ua = _case_units(cb, main_key, chosen), _case_units(ca, main_key, chosen)
    pb, pa, lo, hi, nb, na = _intervals(ub, ua, rng, n_boot, level)
    names = (["throughput_median", "throughput_p90", "rework_rate", "main_path_share"]
             + ["waiting"] * len(chosen))
    where = ["", "", "", main_key.rstrip("\x1f").replace("\x1f", ARROW)] + [
        f"{s}{ARROW}{t}" for s, t in chosen]
    units = ["h", "h", "share", "share"] + ["h"] * len(chosen)
    rows = [_rows(names, where, units, pb, pa, lo, hi, nb, na, "cases")]

    official = official_systems
    if official is None and hotspots_before is not None:
        official = hotspots_before.attrs.get("official_systems") or None
    if isinstance(official, str):
        official = [official]
    if ob is not None and oa is not None and len(ob) and len(oa):
        roles = sorted(set(ob["role"].astype(object).where(ob["role"].notna(), NO_ROLE).astype(str))
                       & set(oa["role"].astype(object).where(oa["role"].notna(), NO_ROLE).astype(str)))
        db, da = _day_units(ob, roles, official), _day_units(oa, roles, official)
        qb, qa, qlo, qhi, qnb, qna = _intervals(db, da, rng, n_boot, level)
        onames = ["off_system_share"] * (1 + len(roles)) + ["waste_share"] * len(roles)
        owhere = ["all"] + roles + roles
        keep = np.ones(len(onames), bool)
        if official is None:
            keep[: 1 + len(roles)] = False
            log.info("%s: no official systems given; no off-system share", func)
        obs_rows = _rows(onames, owhere, ["share"] * len(onames), qb, qa, qlo, qhi, qnb, qna,
                         "person-days")
        rows.append(obs_rows[keep])
    elif (ob is None) != (oa is None):
        log.info("%s: observations for only one period; no observed measures", func)

    savings = _savings(None, None)
    if hotspots_before is not None and not hotspots_before.empty:
        if hotspots_after is None:
            rate = hourly_rate if hourly_rate is not None else hotspots_before.attrs.get("hourly_rate")
            hotspots_after = find_hotspots(fa, observations=oa, hourly_rate=rate,
                                           official_systems=official, team_size=team_size)
        savings = _savings(hotspots_before, hotspots_after)
        rows.append(_hotspot_rows(savings))

    measures = pd.concat(rows, ignore_index=True)[MEASURE_COLUMNS]
    trans = _transition_frame(cb, ca, measures)
    acts = pd.concat([cb.activities.rename("events_before"), ca.activities.rename("events_after")],
                     axis=1).fillna(0).astype("int64").rename_axis("activity").reset_index()
    periods = {name: {"first": cd.first, "last": cd.last, "cases": cd.n,
                      "person_days": (None if o is None else
                                      int((o["person"].astype(str) + pd.to_datetime(o["start"])
                                           .dt.strftime("%Y-%m-%d")).nunique()))}
               for name, cd, o in (("before", cb, ob), ("after", ca, oa))}
    return PeriodComparison(measures=measures, transitions=trans, activities=acts,
                            savings=savings, level=level, n_boot=n_boot, seed=seed,
                            cut_over=cut, periods=periods)


def _rows(names, where, units, pb, pa, lo, hi, nb, na, basis) -> pd.DataFrame:
    out = pd.DataFrame({"measure": names, "where": where, "before": pb, "after": pa})
    out["difference"] = out["after"] - out["before"]
    out["difference_low"], out["difference_high"] = lo, hi
    has = ~(np.isnan(lo) | np.isnan(hi))
    out["real"] = pd.array(np.where(has, (lo > 0) | (hi < 0), False), dtype="boolean")
    out.loc[~has, "real"] = pd.NA
    out["unit"] = units
    out["better"] = np.where(out["measure"] == "main_path_share", "higher", "lower")
    return _finish(out, nb, na, basis)


def _finish(out: pd.DataFrame, nb, na, basis) -> pd.DataFrame:
    sign = np.where(out["better"] == "higher", 1.0, -1.0)
    good = (out["difference"].to_numpy(dtype=float) * sign) > 0
    out["improved"] = pd.array(out["real"].fillna(False).to_numpy(dtype=bool) & good,
                               dtype="boolean")
    out.loc[out["real"].isna(), "improved"] = pd.NA
    out["n_before"], out["n_after"], out["basis"] = nb, na, basis
    return out


def _hotspot_rows(s: pd.DataFrame) -> pd.DataFrame:
    where = (s["waste"] + ": " + s["where"]).tolist()
    after = s.attrs["after"]
    h = pd.DataFrame({"measure": "hotspot_hours", "where": where,
                      "before": s["estimated_hours"].to_numpy(),
                      "after": after["hours_after"].to_numpy(),
                      "difference_low": -s["realised_hours_high"].to_numpy(),
                      "difference_high": -s["realised_hours_low"].to_numpy(),
                      "real": s["real"].to_numpy(), "unit": "h/month"})
    c = pd.DataFrame({"measure": "hotspot_cost", "where": where,
                      "before": s["estimated_cost"].to_numpy(),
                      "after": after["cost_after"].to_numpy(),
                      "difference_low": np.nan, "difference_high": np.nan,
                      "real": pd.array([pd.NA] * len(s), dtype="boolean"), "unit": "EUR/month"})
    out = pd.concat([h, c], ignore_index=True)
    out["real"] = out["real"].astype("boolean")
    out["difference"] = out["after"] - out["before"]
    out["better"] = "lower"
    return _finish(out, len(s), len(s), "hotspots")


def _transition_frame(cb: _CaseData, ca: _CaseData, measures: pd.DataFrame) -> pd.DataFrame:
    def stats(cd, tag):
        g = cd.edges.groupby(["source", "target"], sort=False)["wait_h"]
        return pd.DataFrame({f"count_{tag}": g.size(), f"wait_{tag}": g.mean()})

    t = pd.concat([stats(cb, "before"), stats(ca, "after")], axis=1)
    t[["count_before", "count_after"]] = t[["count_before", "count_after"]].fillna(0).astype("int64")
    t = t.rename_axis(["source", "target"]).reset_index()
    w = measures[measures["measure"] == "waiting"]
    key = t["source"] + ARROW + t["target"]
    t["real"] = pd.array(key.map(dict(zip(w["where"], w["real"]))), dtype="boolean")
    t["improved"] = pd.array(key.map(dict(zip(w["where"], w["improved"]))), dtype="boolean")
    return t.sort_values(["count_before", "count_after"], ascending=False,
                         kind="stable").reset_index(drop=True)
