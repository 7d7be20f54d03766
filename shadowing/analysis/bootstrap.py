"""One person-day bootstrap for every figure scaled up from shadowing observations.

Shadowing samples whole **person-days** (one person followed on one date), not independent
moments: minutes inside a day are correlated, so the person-day is the unit that is resampled.
Every figure here is a ratio of per-day sums, ``sum(num) / sum(den)`` over the days (a share:
off-system hours / observed hours; or a mean per day: waste minutes / 1, scaled to a month).

Method (a stratified percentile bootstrap of cluster totals; Davison & Hinkley 1997, *Bootstrap
Methods and their Application*, sections 3.7-3.8, stratified and cluster resampling):

1. aggregate the observations per person-day first (`day_codes`, `day_sums`): one row per day;
2. per resample, draw as many days as were observed *within each role* (stratum), with
   replacement, as one ``resamples x days`` index matrix; turn it into counts (`weight_blocks`)
   and every figure's replicate is one matrix product (no Python loop per resample or row);
3. the interval is the central ``level`` share of the replicates (default 90%), widened
   around the estimate by ``sqrt(m / (m - 1)) x t(df) / z`` (`_expansion`; ``m`` the days
   per stratum, ``df`` days minus strata): Hesterberg's expanded percentile interval (The
   American Statistician 69(4), 2015), which undoes the percentile interval's known
   under-coverage with few clusters. A simulation with a known truth (tests/test_ranges.py)
   checks that 90% ranges cover the truth in 85-95% of repeats.

A figure gets no interval (NaN) when fewer than `MIN_DAYS` days carry something in its
denominator. The same `seed` gives the same intervals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Intervals", "ratio_intervals", "weight_blocks", "day_codes", "day_sums",
           "LEVEL", "N_BOOT", "DEFAULT_SEED", "MIN_DAYS", "interval_attrs", "day_roles", "bucket_interval",
           "MIN_BUCKETS"]

#: Default interval: the central 90% of the replicates.
LEVEL = 0.9
#: Default number of resamples.
N_BOOT = 2000
#: Seed used when none is given, so the same data always give the same ranges.
DEFAULT_SEED = 20260
#: A figure needs at least this many person-days behind it to get a range.
MIN_DAYS = 2
#: Cells of one weight block (resamples x days): bounds memory on large inputs.
_BLOCK_CELLS = 500_000


def weight_blocks(rng: np.random.Generator, n: int, n_boot: int, *,
                  strata: np.ndarray | None = None):
    """Resampling counts (resamples x units): how often each unit is drawn, in blocks.

    Without ``strata``, ``n`` units are drawn with replacement from all ``n``. With ``strata``
    (an integer code per unit), each stratum's units are drawn from that stratum only, as many
    as it has. Yields integer arrays of shape ``(b, n)``, ``b`` resamples at a time.
    """
    step = max(1, _BLOCK_CELLS // max(n, 1))
    rows = np.arange(step, dtype=np.int64)[:, None] * n
    dt = np.int64 if n >= 2**31 else np.int32
    if strata is not None:
        strata = np.asarray(strata)
        order = np.argsort(strata, kind="stable")            # positions grouped by stratum
        _, first, size = np.unique(strata[order], return_index=True, return_counts=True)
        code = np.searchsorted(np.unique(strata), strata[order])
        low, span = first[code], size[code]                  # per drawn slot: its stratum block
    for i in range(0, n_boot, step):
        b = min(step, n_boot - i)
        if strata is None:
            idx = rng.integers(0, n, size=(b, n), dtype=dt)
        else:
            idx = order[low + rng.integers(0, span, size=(b, n))]
        yield np.bincount((idx + rows[:b]).ravel(), minlength=b * n).reshape(b, n)


@dataclass(frozen=True)
class Intervals:
    """Point estimates and interval ends of ``k`` ratio figures (arrays of length ``k``)."""

    point: np.ndarray
    low: np.ndarray
    high: np.ndarray
    days: np.ndarray          # person-days carrying each figure's denominator
    level: float
    n_boot: int
    seed: int


def ratio_intervals(num: np.ndarray, den: np.ndarray, *, strata: np.ndarray | None = None,
                    level: float = LEVEL, n_boot: int = N_BOOT, seed: int | None = None,
                    scale: np.ndarray | float = 1.0) -> Intervals:
    """Bootstrap intervals of ``scale * sum(num) / sum(den)`` over resampled units.

    Parameters
    ----------
    num, den : ndarray, shape (units, k)
        Per-unit (person-day) sums of each figure's numerator and denominator.
    strata : ndarray, shape (units,), optional
        Stratum code per unit (the role observed that day): resampling stays within strata.
    level : float
        Interval level, 0 < level < 1.
    n_boot : int
        Resamples.
    seed : int, optional
        `DEFAULT_SEED` when None.
    scale : float or ndarray (k,)
        Factor applied to every figure (e.g. team x working days / 60 for hours per month).

    Returns
    -------
    Intervals
    """
    seed = DEFAULT_SEED if seed is None else int(seed)
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    if num.ndim == 1:
        num, den = num[:, None], den[:, None]
    n, k = num.shape
    scale = np.broadcast_to(np.asarray(scale, dtype=float), (k,))
    days = (den > 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        point = scale * num.sum(axis=0) / den.sum(axis=0)
    low = np.full(k, np.nan)
    high = np.full(k, np.nan)
    if n < MIN_DAYS or k == 0:
        return Intervals(point, low, high, days, level, n_boot, seed)
    rng = np.random.default_rng(seed)
    both = np.hstack([num, den])
    reps = []
    for w in weight_blocks(rng, n, n_boot, strata=strata):
        sums = w.astype(np.float64) @ both
        with np.errstate(invalid="ignore", divide="ignore"):
            reps.append(sums[:, :k] / sums[:, k:])
    rep = np.vstack(reps) * scale
    q = np.full((2, k), np.nan)
    fin = np.isfinite(rep).any(axis=0)          # all-NaN columns (no days) get no range
    if fin.any():
        q[:, fin] = np.nanquantile(rep[:, fin], [(1 - level) / 2, (1 + level) / 2], axis=0)
    if strata is None:
        m = n
    else:
        _, size = np.unique(strata, return_counts=True)
        m = size[size >= 2].mean() if (size >= 2).any() else 1
    widen = _expansion(level, m, n - (1 if strata is None else len(np.unique(strata))))
    ok = (days >= MIN_DAYS) & np.isfinite(point)
    low[ok] = np.minimum(point[ok] - widen * (point[ok] - q[0][ok]), point[ok])
    high[ok] = np.maximum(point[ok] + widen * (q[1][ok] - point[ok]), point[ok])
    nonneg = (num >= 0).all(axis=0) & (den >= 0).all(axis=0)
    low = np.where(nonneg & np.isfinite(low), np.maximum(low, 0.0), low)
    return Intervals(point, low, high, days, level, n_boot, seed)


def _expansion(level: float, m: float, df: int) -> float:
    """Factor widening a percentile interval for few clusters: ``sqrt(m / (m - 1))`` (the
    bootstrap's variance shortfall with ``m`` units per stratum) times ``t(df) / z`` at the
    interval's level (the estimated spread's own uncertainty); Hesterberg's "expanded
    percentile interval" (T. Hesterberg, What teachers should know about the bootstrap,
    The American Statistician 69(4), 2015, section 4.3)."""
    from scipy.stats import norm, t  # noqa: PLC0415 - scipy (a pm4py dependency) when needed

    if m <= 1 or df < 1:
        return 1.0
    p = (1 + level) / 2
    return float(np.sqrt(m / (m - 1)) * t.ppf(p, df) / norm.ppf(p))


def day_codes(frame: pd.DataFrame, *, who: str = "person", start: str = "start",
              role: str | None = "role") -> tuple[np.ndarray, np.ndarray | None, int]:
    """Person-day code per observation row, and the stratum (role) code per person-day.

    A day's stratum is the role with most observed minutes that day; roles observed on a
    single day are pooled (`_pool_small`); without any role (or with one stratum left) there
    are no strata (None). Rows without a date share one day per
    person. Returns ``(day per row, stratum per day or None, number of days)``.
    """
    person = frame[who].astype(object).where(frame[who].notna(), "?").astype(str)
    date = pd.to_datetime(frame[start]).dt.strftime("%Y-%m-%d")
    date = date.astype(object).where(date.notna(), "?").astype(str)
    day, _ = pd.factorize(person + "\x1f" + date, sort=True)
    n = int(day.max()) + 1 if len(day) else 0
    strata = None
    if role is not None and role in frame.columns and frame[role].notna().any() and n:
        codes = pd.factorize(day_roles(frame, day, n, role=role), sort=True)[0]
        strata = _pool_small(codes.astype(np.int64))
    return day, strata, n


def day_roles(frame: pd.DataFrame, day: np.ndarray, n_days: int, *, role: str = "role",
              missing: str = "") -> np.ndarray:
    """The role of each person-day: the role with most observed minutes that day (ties: the
    first name in sort order); ``missing`` for rows without a role."""
    r = frame[role].astype(object).where(frame[role].notna(), missing).astype(str)
    mins = pd.to_numeric(frame["duration_min"], errors="coerce").fillna(0.0)
    d = pd.DataFrame({"day": day, "role": r.to_numpy(), "m": mins.to_numpy()})
    top = (d.groupby(["day", "role"], sort=True)["m"].sum().reset_index()
           .sort_values(["day", "m", "role"], ascending=[True, False, True], kind="stable")
           .drop_duplicates("day"))
    out = np.full(n_days, missing, dtype=object)
    out[top["day"].to_numpy()] = top["role"].to_numpy()
    return out


def _pool_small(per_day: np.ndarray) -> np.ndarray | None:
    """Strata of one day cannot vary: pool them into one stratum (into the largest stratum
    when only one such day exists). None when fewer than two strata remain."""
    codes, size = np.unique(per_day, return_counts=True)
    single = codes[size < 2]
    out = per_day.copy()
    if len(single) >= 2:
        out[np.isin(out, single)] = codes.max() + 1
    elif len(single) == 1:
        out[out == single[0]] = codes[np.argmax(size)]
    return out if len(np.unique(out)) > 1 else None


def day_sums(day: np.ndarray, n_days: int, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Sum ``values`` per (person-day, column): an ``n_days x n_columns`` matrix.

    ``columns`` is an integer column code per row (negative: the row counts nowhere).
    """
    k = int(columns.max()) + 1 if len(columns) and columns.max() >= 0 else 0
    out = np.zeros((n_days, k))
    ok = columns >= 0
    np.add.at(out, (day[ok], columns[ok]), values[ok])
    return out


#: A log row gets a range only with at least this many whole-enough months (or weeks).
MIN_BUCKETS = 3


def bucket_interval(per_month: float, counts: np.ndarray, lengths: np.ndarray, *,
                    level: float = LEVEL) -> tuple[float, float, int]:
    """Range of a log figure per month from its variation between months (or weeks).

    ``counts`` is what the figure sums per bucket (occurrences, or waiting seconds) and
    ``lengths`` each bucket's length in months. Each bucket with at least half a bucket's
    length gives a monthly figure ``per_month x months x share_b / length_b``; the range is a
    Student-t interval of their mean, ``per_month ± t(level, B - 1) x sd / sqrt(B)`` (the
    figure's standard error over ``B`` buckets), clipped at zero. Returns ``(low, high, B)``;
    NaN ends with fewer than `MIN_BUCKETS` buckets.
    """
    counts = np.asarray(counts, dtype=float)
    lengths = np.asarray(lengths, dtype=float)
    total = counts.sum()
    whole = lengths >= 0.5 * lengths.max() if len(lengths) else np.zeros(0, bool)
    nb = int(whole.sum())
    if nb < MIN_BUCKETS or total <= 0 or not np.isfinite(per_month):
        return np.nan, np.nan, nb
    months = lengths.sum()
    monthly = per_month * months * (counts[whole] / total) / lengths[whole]
    from scipy.stats import t as student  # noqa: PLC0415 - scipy (a pm4py dependency) when needed
    half = float(student.ppf((1 + level) / 2, nb - 1) * monthly.std(ddof=1) / np.sqrt(nb))
    return max(per_month - half, 0.0), per_month + half, nb


def interval_attrs(iv: Intervals, *, unit: str = "person-days", stratified: bool = False) -> dict:
    """What ``attrs["interval"]`` states about a table's ranges."""
    return {"level": iv.level, "resamples": iv.n_boot, "seed": iv.seed,
            "method": "percentile bootstrap over observed " + unit
                      + (", stratified by role" if stratified else ""),
            "min_days": MIN_DAYS}
