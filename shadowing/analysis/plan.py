"""How many more shadowing days: the planner for the next field day.

For each key figure (the off-system share, the waste share of observed time) and each role,
the current half-width of its range and how many more observed person-days would bring it to
a target half-width.

Formula: the classic work-sampling sample size ``n = z^2 p (1 - p) / e^2`` (observations;
R. M. Barnes, *Motion and Time Study*, 7th ed., 1980, ch. 31; ILO, *Introduction to Work
Study*, 4th ed., 1992, ch. 14) assumes independent random snapshots. Shadowing follows whole
person-days, so minutes inside a day are correlated; the size is multiplied by the design
effect ``deff = var_cluster / var_srs`` (L. Kish, *Survey Sampling*, 1965, section 5.4).
Computed directly from the between-day variance of the ratio estimator (W. G. Cochran,
*Sampling Techniques*, 3rd ed., 1977, section 6.13 and 9.x): with ``n`` person-days of
``x_i`` observed minutes, ``y_i`` minutes of the figure and estimate ``p = sum y / sum x``,

    ``s2 = sum (y_i - p x_i)^2 / (n - 1)``,  ``half(n) = z sqrt(s2 / n) / mean(x)``,

so the person-days needed for a half-width ``e`` are ``n* = z^2 s2 / (mean(x)^2 e^2)``,
which is the work-sampling formula times ``deff`` expressed in days. ``z`` is the normal
quantile of the interval level (1.645 for 90%). The between-day variance is estimated from the
days observed: with fewer than two days for a role no advice is given for it.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy.stats import norm

from ..errors import check_number
from ..wording import ranges as words
from . import bootstrap as B
from .timeuse import NO_ROLE, obs_frame, official_mask

__all__ = ["observation_plan", "PLAN_COLUMNS"]

#: Columns of `observation_plan`, in order.
PLAN_COLUMNS = ["figure", "role", "estimate", "person_days", "half_width", "target",
                "person_days_needed", "more_person_days", "design_effect", "advice",
                "advice_nl"]


def _rows(figure: str, role: str, y: np.ndarray, x: np.ndarray, n_obs: np.ndarray,
          z: float, target: float) -> dict:
    n = len(x)
    p = y.sum() / x.sum() if x.sum() > 0 else np.nan
    row = {"figure": figure, "role": role, "estimate": p, "person_days": n, "target": target,
           "half_width": np.nan, "person_days_needed": np.nan, "more_person_days": np.nan,
           "design_effect": np.nan}
    if n >= 2 and x.sum() > 0:
        s2 = float(((y - p * x) ** 2).sum() / (n - 1))
        xbar = float(x.mean())
        row["half_width"] = z * np.sqrt(s2 / n) / xbar
        needed = int(np.ceil(z ** 2 * s2 / (xbar ** 2 * target ** 2))) if s2 > 0 else n
        row["person_days_needed"] = max(needed, n)
        row["more_person_days"] = max(needed - n, 0)
        # deff: the clustered variance against independent snapshots of the same stretches
        m = float(n_obs.sum())
        srs = p * (1 - p) / m if m > 0 else np.nan
        clustered = s2 / (n * xbar ** 2)
        row["design_effect"] = clustered / srs if srs and srs > 0 else np.nan
    return row


def observation_plan(observations, *, target: float = 0.05,
                     official: Sequence[str] | str | None = None,
                     level: float = B.LEVEL) -> pd.DataFrame:
    """How many more person-days would bring each key figure's range to ``target``.

    Parameters
    ----------
    observations : Observations or DataFrame
        Shadowing observations (`read_observations`).
    target : float
        The half-width wanted, as a share (0.05: ``±5`` points).
    official : str or list of str, optional
        The official system(s): adds the off-system share (see `off_system`).
    level : float
        Interval level (default 0.9).

    Returns
    -------
    DataFrame
        One row per figure (``off-system share``, ``waste share``) and role (``all`` first):
        ``figure``, ``role``, ``estimate`` (0..1), ``person_days`` observed, ``half_width``
        (the current ± of the ``level`` range, as a share), ``target``, ``person_days_needed``,
        ``more_person_days`` (0 when the target is met), ``design_effect`` (the clustered
        variance against independent snapshots), ``advice`` and ``advice_nl`` (one sentence).
        NaN where a role has fewer than two person-days. ``attrs``: ``level``, ``z``,
        ``method``.

    Raises
    ------
    ParameterError
        ``target`` or ``level`` outside (0, 1).

    Examples
    --------
    >>> import shadowing as sh
    >>> plan = sh.observation_plan(sh.read_observations(
    ...     sh.datasets.sample_path("wholesale") / "observations.csv"), target=0.05,
    ...     official=["ERP", "Telefoon"])        # doctest: +SKIP
    """
    target = check_number("target", target, func="observation_plan", low=0, high=1,
                          low_open=True, high_open=True, what="a share (0.05 for ±5 points)")
    level = check_number("level", level, func="observation_plan", low=0, high=1,
                         low_open=True, high_open=True)
    f = obs_frame(observations, func="observation_plan")
    z = float(norm.ppf((1 + level) / 2))
    day, _, n = B.day_codes(f)
    minutes = pd.to_numeric(f["duration_min"], errors="coerce").fillna(0.0).to_numpy()
    role = f["role"].astype(object).where(f["role"].notna(), NO_ROLE).astype(str).to_numpy()
    figures = {"waste share": f["waste"].notna().to_numpy()}
    if official is not None:
        official = [official] if isinstance(official, str) else list(official)
        has_tool, is_off = official_mask(f, official, func="observation_plan")
        figures = {"off-system share": (has_tool & ~is_off).to_numpy(dtype=bool), **figures}
    per_day_role = B.day_roles(f.assign(role=role), day, n, missing=NO_ROLE)
    x = np.bincount(day, weights=minutes, minlength=n)
    cnt = np.bincount(day, minlength=n).astype(float)
    records = []
    for name, mask in figures.items():
        y = np.bincount(day, weights=minutes * mask, minlength=n)
        records.append(_rows(name, "all", y, x, cnt, z, target))
        roles = sorted(set(per_day_role))
        for r in ([] if roles == [NO_ROLE] else roles):   # no roles observed: "all" says it
            at = per_day_role == r
            records.append(_rows(name, r, y[at], x[at], cnt[at], z, target))
    out = pd.DataFrame.from_records(records)
    for lg, col in (("en", "advice"), ("nl", "advice_nl")):
        out[col] = [words.plan_sentence(rec, lg) for rec in out.to_dict("records")]
    out = out[PLAN_COLUMNS]
    out.attrs.update({"level": level, "z": z, "method": (
        "work-sampling sample size times the design effect, from the between-day variance of "
        "the ratio estimator (Barnes 1980; Kish 1965; Cochran 1977)")})
    return out
