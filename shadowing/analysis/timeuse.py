"""Where observed time goes: time use, system switching, off-system work, unseen work.

Every function takes `Observations` (or its canonical frame) and returns a new DataFrame (or a
small frozen dataclass); nothing is modified.

Rules
-----
- **Categories** (`time_use`): a stretch with a waste tag is ``waste``; an untagged stretch
  whose activity is listed in ``value_adding=`` is ``value-adding``; every other untagged
  stretch is ``necessary``. By default no activity is value-adding: what the customer pays for
  is the consultant's call, not the kit's, and calling everything untagged "necessary" never
  overstates the value of the current way of working.
- **Tasks** (`system_switches`): the stretches of one person on one case and activity (when
  the note has a case reference), otherwise a run of consecutive stretches of one person, on
  one day, with the same activity. A **switch** is a change of tool between two consecutive
  stretches of a task (stretches without a tool are skipped).
- **Off-system** (`off_system`): a stretch is off-system when it names a tool that is not one
  of the official systems; stretches without a tool count as ``no tool`` (neither). Shares
  are of all observed time (and steps).
- **Unseen work** (`unseen_work`): an observed stretch of a case that also appears in the
  event log is seen by the log when the log has an event of that case with the same activity
  (compared case-insensitively, after ``aliases=``), or an event of that case in the same
  system within the stretch (widened by ``tolerance``). Otherwise it is unseen.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from typing import Literal, Mapping, Sequence

import numpy as np
import pandas as pd

from ..model import columns as C
from ..model.text import fold, fold_series
from ..model.vocab import tool_aliases
from ..errors import InputError, ParameterError, check_choice, check_number, did_you_mean
from ..io.eventlog import as_frame
from ..io.observations import OBSERVATION_COLUMNS, Observations
from . import bootstrap as B
from .pseudonyms import pseudonymise as _pseudonymise

log = logging.getLogger(__name__)

__all__ = ["time_use", "category_shares", "system_switches", "multi_system_tasks", "off_system", "unseen_work",
           "UnseenWork", "frustration_notes", "CATEGORIES", "official_mask"]

CATEGORIES = ("value-adding", "necessary", "waste")
NO_ROLE = "(no role)"
NO_TOOL = "(no tool)"
ARROW = " → "


def obs_frame(observations, *, func: str) -> pd.DataFrame:
    """The canonical frame of `Observations`, or a DataFrame with its columns."""
    if isinstance(observations, Observations):
        return observations.frame
    if isinstance(observations, pd.DataFrame):
        missing = [c for c in ("person", "start", "end", "duration_min", "activity", "tool")
                   if c not in observations.columns]
        if missing:
            raise InputError(f"{func}: the DataFrame lacks the observation columns "
                             f"{', '.join(missing)}; columns are: "
                             f"{', '.join(map(str, observations.columns))}. Read the notes with "
                             "shadowing.read_observations.")
        f = observations.copy()
        for col in OBSERVATION_COLUMNS:
            if col not in f.columns:
                f[col] = None
        return f
    raise InputError(f"{func} expects Observations (from read_observations) or their frame, got "
                     f"{type(observations).__name__}.")


def _categories(f: pd.DataFrame, value_adding, func: str) -> pd.Series:
    va = _check_activities(f, value_adding, "value_adding", func)
    is_va = fold_series(f["activity"]).isin(va)
    cat = np.where(f["waste"].notna(), "waste", np.where(is_va.to_numpy(dtype=bool),
                                                        "value-adding", "necessary"))
    return pd.Series(pd.Categorical(cat, categories=list(CATEGORIES)), index=f.index)


def _check_activities(f, names, param: str, func: str) -> set[str]:
    if names is None:
        return set()
    if isinstance(names, str):
        names = [names]
    known = pd.unique(f["activity"].dropna()).tolist()
    folded = {fold(a) for a in known}
    for name in names:
        if fold(name) not in folded:
            raise ParameterError(
                f"The '{param}' parameter of {func} names the activity '{name}', which was not "
                f"observed; activities are: {', '.join(map(str, known[:20]))}."
                + did_you_mean(name, known))
    return {fold(n) for n in names}


# -- time use ----------------------------------------------------------------------------------

def time_use(observations, *, by: Literal["role", "person", "system", "activity"] = "role",
             value_adding: Sequence[str] | None = None, pseudonymise: bool = True,
             prefix: str = "Person", level: float = B.LEVEL, n_boot: int = B.N_BOOT,
             seed: int | None = None) -> pd.DataFrame:
    """Hours and shares per activity, system and waste tag, split by category.

    Parameters
    ----------
    observations : Observations
    by : {"role", "person", "system", "activity"}
        The group each share is of.
    value_adding : list of str, optional
        Activities that add value for the customer (untagged stretches of them count as
        ``value-adding``); every other untagged stretch is ``necessary``, tagged ones ``waste``.
    pseudonymise : bool
        With ``by="person"``: names become ``"<prefix> 1"``, ``"<prefix> 2"`` in order of first
        appearance (default). ``False`` keeps the names (never in a client report).
    prefix : str
        ``"Person"`` or ``"Medewerker"``.
    level, n_boot, seed :
        The range of each share: a ``level`` (default 90%) percentile bootstrap over
        ``n_boot`` resamples of whole observed person-days, stratified by role
        (`shadowing.analysis.bootstrap`); the same ``seed`` gives the same ranges.

    Returns
    -------
    DataFrame
        One row per group, category, activity, system and waste tag: ``<by>``, ``category``,
        ``activity``, ``system``, ``waste`` (the column named by ``by`` is not repeated),
        ``hours``, ``share`` (of the group's observed hours), ``share_low``, ``share_high``
        (the range; NaN with fewer than two person-days), ``stretches``. Groups are ordered
        by their observed hours (most first), then category, then hours. ``attrs["interval"]``
        states the level, the resamples and the method.
    """
    check_choice("by", by, ("role", "person", "system", "activity"), func="time_use")
    f = obs_frame(observations, func="time_use")
    d = pd.DataFrame({
        "role": f["role"].astype(object).where(f["role"].notna(), NO_ROLE),
        "person": (_pseudonymise(f["person"], prefix=prefix) if pseudonymise else f["person"]),
        "category": _categories(f, value_adding, "time_use"),
        "activity": f["activity"].astype(object),
        "system": f["tool"].astype(object).where(f["tool"].notna(), NO_TOOL),
        "waste": f["waste"].astype(object),
        "hours": f["duration_min"].astype(float) / 60,
    })
    dims = [c for c in ("category", "activity", "system", "waste") if c != by]
    grouped = d.groupby([by] + dims, observed=True, dropna=False, sort=False)
    g = grouped["hours"].agg(hours="sum", stretches="size").reset_index()
    iv, stratified = _share_ranges(f, d, grouped.ngroup().to_numpy(), d[by], g[by],
                                   level=level, n_boot=n_boot, seed=seed)
    g["share_low"], g["share_high"] = iv.low, iv.high
    totals = g.groupby(by, sort=False)["hours"].transform("sum")
    g["share"] = np.where(totals > 0, g["hours"] / totals.where(totals > 0, 1), 0.0)
    group_total = g.groupby(by, sort=False)["hours"].sum().sort_values(ascending=False,
                                                                       kind="stable")
    g["_g"] = g[by].map({k: i for i, k in enumerate(group_total.index)})
    g["_c"] = g["category"].cat.codes
    g = g.sort_values(["_g", "_c", "hours"], ascending=[True, True, False], kind="stable")
    g["category"] = g["category"].astype(str)
    out = g[[by] + dims + ["hours", "share", "share_low", "share_high",
                           "stretches"]].reset_index(drop=True)
    out["stretches"] = out["stretches"].astype("int64")
    out.attrs["interval"] = B.interval_attrs(iv, stratified=stratified)
    return out


def category_shares(observations, *, by: Literal["role", "person", "system", "activity"] = "role",
                    value_adding: Sequence[str] | None = None, pseudonymise: bool = True,
                    prefix: str = "Person", level: float = B.LEVEL, n_boot: int = B.N_BOOT,
                    seed: int | None = None) -> pd.DataFrame:
    """Each group's share of value-adding, necessary and waste time, with its range.

    As `time_use` summed over activities, systems and tags: one row per group and category,
    ``<by>``, ``category``, ``hours``, ``share``, ``share_low``, ``share_high`` (a person-day
    bootstrap, see `time_use`). ``attrs["interval"]`` states the method.
    """
    check_choice("by", by, ("role", "person", "system", "activity"), func="category_shares")
    f = obs_frame(observations, func="category_shares")
    d = pd.DataFrame({
        "role": f["role"].astype(object).where(f["role"].notna(), NO_ROLE),
        "person": (_pseudonymise(f["person"], prefix=prefix) if pseudonymise else f["person"]),
        "system": f["tool"].astype(object).where(f["tool"].notna(), NO_TOOL),
        "activity": f["activity"].astype(object),
        "category": _categories(f, value_adding, "category_shares"),
        "hours": f["duration_min"].astype(float) / 60,
    })
    grouped = d.groupby([by, "category"], observed=True, sort=False)
    g = grouped["hours"].sum().reset_index()
    iv, stratified = _share_ranges(f, d, grouped.ngroup().to_numpy(), d[by], g[by],
                                   level=level, n_boot=n_boot, seed=seed)
    g["share"], g["share_low"], g["share_high"] = iv.point, iv.low, iv.high
    g["category"] = g["category"].astype(str)
    out = g[[by, "category", "hours", "share", "share_low", "share_high"]]
    out.attrs["interval"] = B.interval_attrs(iv, stratified=stratified)
    return out


def _share_ranges(f: pd.DataFrame, d: pd.DataFrame, row_code: np.ndarray, group_of_obs,
                  group_of_row, *, level, n_boot, seed) -> tuple[B.Intervals, bool]:
    """Bootstrap ranges of ``hours of a row / hours of its group`` over person-days."""
    day, strata, n = B.day_codes(f.assign(duration_min=d["hours"] * 60))
    hours = d["hours"].fillna(0.0).to_numpy()
    num = B.day_sums(day, n, row_code, hours)
    gcode, labels = pd.factorize(group_of_obs.astype(object).where(group_of_obs.notna(), "\x00"))
    den_g = B.day_sums(day, n, gcode, hours)
    row_group = pd.Index(labels).get_indexer(
        group_of_row.astype(object).where(group_of_row.notna(), "\x00"))
    den = den_g[:, row_group] if len(row_group) else np.zeros((n, 0))
    return (B.ratio_intervals(num, den, strata=strata, level=level, n_boot=n_boot, seed=seed),
            strata is not None)


# -- system switching -------------------------------------------------------------------------

def _tasks(frame: pd.DataFrame) -> pd.Series:
    """Task number per stretch (see the module docstring), aligned to ``frame``'s index."""
    person_order = pd.factorize(frame["person"], sort=False)[0]
    f = frame.assign(_p=person_order).sort_values(["_p", "start", "line"], kind="stable")
    day = f["start"].dt.normalize()
    prev = f.shift()
    same_case = (f["case"].isna() & prev["case"].isna()) | f["case"].eq(prev["case"])
    new_run = ~(f["person"].eq(prev["person"]) & f["activity"].eq(prev["activity"])
                & same_case & day.eq(day.shift()))
    run = new_run.cumsum()
    key = np.where(f["case"].notna(),
                   "c\x1f" + f["person"].astype(str) + "\x1f" + f["case"].astype(str) + "\x1f"
                   + f["activity"].astype(str),
                   "r\x1f" + run.astype(str))
    return pd.Series(pd.factorize(key, sort=False)[0], index=f.index).reindex(frame.index)


def system_switches(observations) -> pd.DataFrame:
    """How often people switch tools within a task.

    Returns
    -------
    DataFrame
        One row per task (see the module docstring): ``person``, ``date``, ``activity``,
        ``case``, ``start``, ``end``, ``stretches``, ``systems`` (distinct tools),
        ``sequence`` (tools in order, repeats collapsed, joined by " → "), ``switches``,
        ``minutes``, ``evidence`` (observation ids). In order of the tasks' start.
    """
    f = obs_frame(observations, func="system_switches")
    task = _tasks(f)
    t = f.assign(_task=task.to_numpy()).sort_values(["_task", "start", "line"], kind="stable")
    tools = t.dropna(subset=["tool"])
    prev_tool = tools.groupby("_task")["tool"].shift()
    changed = prev_tool.notna() & tools["tool"].ne(prev_tool)
    switches = changed.groupby(tools["_task"]).sum()
    seq_rows = tools.loc[prev_tool.isna() | changed]
    sequence = seq_rows.groupby("_task", sort=False)["tool"].agg(ARROW.join)
    systems = tools.groupby("_task")["tool"].nunique()
    g = t.groupby("_task", sort=False)
    out = pd.DataFrame({
        "person": g["person"].first(),
        "date": g["start"].min().dt.normalize(),
        "activity": g["activity"].first(),
        "case": g["case"].first(),
        "start": g["start"].min(),
        "end": g["end"].max(),
        "stretches": g.size(),
        "systems": systems.reindex(g.size().index).fillna(0).astype("int64"),
        "sequence": sequence.reindex(g.size().index).fillna(""),
        "switches": switches.reindex(g.size().index).fillna(0).astype("int64"),
        "minutes": g["duration_min"].sum(),
        "evidence": g["observation_id"].agg(lambda s: ", ".join(map(str, s))),
    })
    out["case"] = out["case"].astype(object).where(out["case"].notna(), None)
    return out.sort_values(["start", "person"], kind="stable").reset_index(drop=True)


def transitions(observations) -> pd.DataFrame:
    """Counts of tool → tool switches within tasks: ``from``, ``to``, ``count``."""
    f = obs_frame(observations, func="plot_system_switches")
    task = _tasks(f)
    t = f.assign(_task=task.to_numpy()).dropna(subset=["tool"]).sort_values(
        ["_task", "start", "line"], kind="stable")
    prev = t.groupby("_task")["tool"].shift()
    ch = prev.notna() & t["tool"].ne(prev)
    pairs = pd.DataFrame({"from": prev[ch], "to": t.loc[ch, "tool"]})
    return pairs.value_counts().rename("count").reset_index()


def multi_system_tasks(observations, *, min_systems: int = 3) -> pd.DataFrame:
    """The activities whose single executions touch ``min_systems`` or more tools.

    Returns
    -------
    DataFrame
        One row per activity with at least one such task: ``activity``, ``tasks`` (executions
        touching ``min_systems``+ tools), ``executions`` (all observed executions), ``share``,
        ``systems`` (the tools those tasks touch, most used first), ``typical_sequence``,
        ``median_minutes`` (per qualifying task), ``hours`` (total), ``evidence``. Most tasks
        first.
    """
    min_systems = check_number("min_systems", min_systems, func="multi_system_tasks",
                               integer=True, low=2)
    tasks = system_switches(observations)
    executions = tasks.groupby("activity", sort=False).size()
    q = tasks.loc[tasks["systems"] >= min_systems]
    cols = ["activity", "tasks", "executions", "share", "systems", "typical_sequence",
            "median_minutes", "hours", "evidence"]
    if q.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    g = q.groupby("activity", sort=False)
    tools_used = (q.assign(_tool=q["sequence"].str.split(ARROW)).explode("_tool")
                  .groupby("activity", sort=False)["_tool"]
                  .agg(lambda s: ", ".join(s.value_counts().index)))
    out = pd.DataFrame({
        "tasks": g.size(),
        "executions": executions.reindex(g.size().index),
        "systems": tools_used,
        "typical_sequence": g["sequence"].agg(lambda s: s.value_counts().index[0]),
        "median_minutes": g["minutes"].median(),
        "hours": g["minutes"].sum() / 60,
        "evidence": g["evidence"].agg(lambda s: ", ".join(s)),
    })
    out["share"] = out["tasks"] / out["executions"]
    out = out.reset_index()[cols]
    return out.sort_values(["tasks", "hours"], ascending=False, kind="stable").reset_index(drop=True)


# -- off-system work --------------------------------------------------------------------------

def official_mask(frame: pd.DataFrame, official: Sequence[str], *,
                  func: str) -> tuple[pd.Series, pd.Series]:
    """Per stretch of an observations frame: does it name a tool, and is that tool official?

    Official names go through the notes' tool normalisation (``"erp"`` is ``ERP``) and are
    compared ignoring case. A stretch is off-system when it has a tool that is not official.
    """
    aliases = tool_aliases()
    wanted = {aliases.get(fold(o), str(o).strip()) for o in official}
    tools_seen = set(frame["tool"].dropna().astype(str))
    wanted |= {t for t in tools_seen if fold(t) in {fold(w) for w in wanted}}
    if not wanted & tools_seen:
        log.warning("%s: none of the official systems %s appears in the observations "
                    "(tools: %s); every stretch with a tool counts as off-system",
                    func, sorted(wanted), sorted(tools_seen))
    return frame["tool"].notna(), frame["tool"].isin(wanted)


def off_system(observations, *, official: Sequence[str] | str = ("ERP",),
               level: float = B.LEVEL, n_boot: int = B.N_BOOT,
               seed: int | None = None) -> pd.DataFrame:
    """Share of observed time and steps done outside the official system(s).

    Parameters
    ----------
    observations : Observations
    official : str or list of str
        The system(s) that should hold the work (``scenario.yaml``'s ``official_systems``).
        Names go through the same normalisation as the notes (``"erp"`` is ``ERP``).
    level, n_boot, seed :
        The range of each share: a ``level`` (default 90%) percentile bootstrap over
        ``n_boot`` resamples of whole observed person-days, stratified by role
        (`shadowing.analysis.bootstrap`); the same ``seed`` gives the same ranges.

    Returns
    -------
    DataFrame
        ``level`` (``overall``, ``role``, ``activity``), ``group``, ``hours``,
        ``official_hours``, ``off_system_hours``, ``no_tool_hours``, ``share`` (off-system
        hours / observed hours), ``share_low``, ``share_high`` (its range), ``steps``,
        ``off_system_steps``, ``step_share``. The overall row first, then roles and
        activities by off-system hours. ``attrs["interval"]`` states the level, the resamples
        and the method.
    """
    conf_level = level
    if isinstance(official, str):
        official = [official]
    if not official:
        raise ParameterError("The 'official' parameter of off_system must name at least one "
                             "system. Got an empty list instead.")
    f = obs_frame(observations, func="off_system")
    has_tool, is_official = official_mask(f, official, func="off_system")
    hours = f["duration_min"].astype(float) / 60
    off = has_tool & ~is_official
    d = pd.DataFrame({
        "role": f["role"].astype(object).where(f["role"].notna(), NO_ROLE),
        "activity": f["activity"].astype(object),
        "hours": hours, "official_hours": hours.where(is_official, 0.0),
        "off_system_hours": hours.where(off, 0.0), "no_tool_hours": hours.where(~has_tool, 0.0),
        "steps": 1, "off_system_steps": off.astype("int64"),
    })
    num = ["hours", "official_hours", "off_system_hours", "no_tool_hours", "steps",
           "off_system_steps"]
    parts = [d[num].sum().to_frame().T.assign(level="overall", group="all")]
    for level in ("role", "activity"):
        g = d.groupby(level, sort=False)[num].sum().sort_values("off_system_hours",
                                                                ascending=False, kind="stable")
        parts.append(g.reset_index().rename(columns={level: "group"}).assign(level=level))
    out = pd.concat(parts, ignore_index=True)
    out["share"] = out["off_system_hours"] / out["hours"].where(out["hours"] > 0)
    out["step_share"] = out["off_system_steps"] / out["steps"].where(out["steps"] > 0)
    out[["steps", "off_system_steps"]] = out[["steps", "off_system_steps"]].astype("int64")
    # ranges: one numerator/denominator column per output row, per person-day
    day, strata, n = B.day_codes(f)
    h = hours.fillna(0.0).to_numpy()
    cols = []
    for lvl in ("role", "activity"):
        keys = out.loc[out["level"] == lvl, "group"].astype(object)
        cols.append(pd.Index(keys).get_indexer(d[lvl].astype(object)))
    n_role = int((out["level"] == "role").sum())
    den = np.hstack([B.day_sums(day, n, np.zeros(len(d), np.int64), h),
                     _pad(B.day_sums(day, n, cols[0], h), n_role),
                     _pad(B.day_sums(day, n, cols[1], h), len(out) - 1 - n_role)])
    offh = h * off.to_numpy(dtype=bool)
    num = np.hstack([B.day_sums(day, n, np.zeros(len(d), np.int64), offh),
                     _pad(B.day_sums(day, n, cols[0], offh), n_role),
                     _pad(B.day_sums(day, n, cols[1], offh), len(out) - 1 - n_role)])
    iv = B.ratio_intervals(num, den, strata=strata, level=conf_level, n_boot=n_boot,
                           seed=seed)
    out["share_low"], out["share_high"] = iv.low, iv.high
    out = out[["level", "group", "hours", "official_hours", "off_system_hours",
               "no_tool_hours", "share", "share_low", "share_high", "steps",
               "off_system_steps", "step_share"]]
    out.attrs["interval"] = B.interval_attrs(iv, stratified=strata is not None)
    return out


def _pad(m: np.ndarray, k: int) -> np.ndarray:
    """``m`` with exactly ``k`` columns (zeros for groups never summed)."""
    if m.shape[1] >= k:
        return m[:, :k]
    return np.hstack([m, np.zeros((m.shape[0], k - m.shape[1]))])


# -- what the system never sees ---------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class UnseenWork:
    """Observed work the event log does not show.

    Attributes
    ----------
    steps : DataFrame
        Observed stretches of shared cases that the log does not see: ``observation_id``,
        ``case``, ``activity``, ``tool``, ``person``, ``role``, ``minutes``, ``line``.
    cases : DataFrame
        Per shared case: ``case``, ``observed_steps``, ``unseen_steps``, ``observed_minutes``,
        ``unseen_minutes``, ``unseen_share``.
    activities : DataFrame
        Observed activities with no counterpart activity anywhere in the log: ``activity``,
        ``stretches``, ``hours``, ``share`` (of all observed hours), ``tools``.
    shared_cases : int
        Cases in both the observations and the log.
    unseen_share_low, unseen_share_high : float
        The range of `unseen_share` (a person-day bootstrap, see `time_use`; NaN with fewer
        than two person-days).
    interval : dict
        Level, resamples, seed and method of that range.
    """

    steps: pd.DataFrame
    cases: pd.DataFrame
    activities: pd.DataFrame
    shared_cases: int
    unseen_share_low: float = float("nan")
    unseen_share_high: float = float("nan")
    interval: dict | None = None

    @property
    def unseen_share(self) -> float:
        """Share of the observed time of shared cases that the log does not see."""
        obs = self.cases["observed_minutes"].sum()
        return float(self.cases["unseen_minutes"].sum() / obs) if obs else float("nan")

    def __repr__(self) -> str:
        return (f"UnseenWork({self.shared_cases} shared cases, {len(self.steps)} unseen steps, "
                f"{len(self.activities)} activities the log never records)")

    def _repr_html_(self) -> str:
        share = "-" if np.isnan(self.unseen_share) else f"{self.unseen_share:.0%}"
        facts = {"cases in both": self.shared_cases, "unseen steps": len(self.steps),
                 "unseen share of their time": share,
                 "activities the log never records": ", ".join(self.activities["activity"]) or "-"}
        rows = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
                       f"<td style='text-align:left'>{html.escape(str(v))}</td></tr>"
                       for k, v in facts.items())
        return f"<table class='shadowing-summary'><caption>What the system never sees</caption>{rows}</table>"


def unseen_work(observations, log, *, aliases: Mapping[str, str] | None = None,
                tolerance: str | pd.Timedelta = "5min", level: float = B.LEVEL,
                n_boot: int = B.N_BOOT, seed: int | None = None) -> UnseenWork:
    """The observed work that the recorded event log never sees.

    Parameters
    ----------
    observations : Observations
    log : EventLog or DataFrame
        The system's log (pm4py column names).
    aliases : mapping, optional
        Observed activity name -> log activity name, where they are named differently
        (``{"Order invoeren": "Order aangemaakt"}``).
    tolerance : str or Timedelta
        How far outside an observed stretch a log event of the same case and system may lie and
        still count as the system seeing it.
    level, n_boot, seed :
        The range of the unseen share: a person-day bootstrap (see `time_use`).

    Returns
    -------
    UnseenWork
    """
    f = obs_frame(observations, func="unseen_work")
    lf = as_frame(log, what="event log")
    tol = pd.Timedelta(tolerance)
    alias = {fold(k): fold(v) for k, v in (aliases or {}).items()}
    obs_act = fold_series(f["activity"].astype(str)).map(lambda a: alias.get(a, a))
    log_act = lf[C.ACTIVITY].astype(str)
    log_act_fold = fold_series(log_act)
    log_cases = lf[C.CASE].astype(str)
    shared = f["case"].notna() & f["case"].astype(str).isin(set(log_cases))
    o = f.loc[shared].assign(_act=obs_act[shared], _case=f.loc[shared, "case"].astype(str))
    # 1) same case and activity
    pairs = pd.DataFrame({"_case": log_cases, "_act": log_act_fold}).drop_duplicates()
    by_name = o.merge(pairs.assign(_hit=True), on=["_case", "_act"], how="left")["_hit"]
    by_name = by_name.fillna(False).astype(bool).to_numpy()
    # 2) an event of the case in the same system within the stretch
    by_time = np.zeros(len(o), dtype=bool)
    if len(o) and C.SYSTEM in lf.columns:
        ts = lf[C.TIMESTAMP]
        if ts.dt.tz is not None:
            ts = ts.dt.tz_localize(None)
        ev = pd.DataFrame({"_case": log_cases, "_t": ts,
                           "_sys": fold_series(lf[C.SYSTEM])})
        cand = o.reset_index(drop=True).reset_index().merge(ev, on="_case", how="inner")
        hit = (cand["_t"].between(cand["start"] - tol, cand["end"] + tol)
               & cand["_sys"].notna() & cand["_sys"].eq(fold_series(cand["tool"])))
        by_time[cand.loc[hit, "index"].unique()] = True
    seen = by_name | by_time
    o = o.reset_index(drop=True)
    unseen = o.loc[~seen]
    steps = pd.DataFrame({
        "observation_id": unseen["observation_id"], "case": unseen["case"],
        "activity": unseen["activity"], "tool": unseen["tool"], "person": unseen["person"],
        "role": unseen["role"], "minutes": unseen["duration_min"], "line": unseen["line"],
    }).reset_index(drop=True)
    per = o.assign(_unseen=~seen, _um=np.where(~seen, o["duration_min"], 0.0))
    cases = (per.groupby("_case", sort=False)
             .agg(observed_steps=("line", "size"), unseen_steps=("_unseen", "sum"),
                  observed_minutes=("duration_min", "sum"), unseen_minutes=("_um", "sum"))
             .reset_index().rename(columns={"_case": "case"}))
    cases["unseen_steps"] = cases["unseen_steps"].astype("int64")
    cases["unseen_share"] = cases["unseen_minutes"] / cases["observed_minutes"].where(
        cases["observed_minutes"] > 0)
    # activities the log never records
    known = set(log_act_fold)
    never = ~obs_act.isin(known)
    total_h = f["duration_min"].sum() / 60
    nv = f.loc[never]
    acts = (nv.assign(_h=nv["duration_min"] / 60)
            .groupby("activity", sort=False)
            .agg(stretches=("line", "size"), hours=("_h", "sum"),
                 tools=("tool", lambda s: ", ".join(s.dropna().astype(str).value_counts().index)))
            .reset_index().sort_values("hours", ascending=False, kind="stable")
            .reset_index(drop=True))
    acts["share"] = acts["hours"] / total_h if total_h else np.nan
    acts = acts[["activity", "stretches", "hours", "share", "tools"]]
    low = high = float("nan")
    interval = None
    if len(o):
        day, strata, n = B.day_codes(o)
        minutes = o["duration_min"].astype(float).fillna(0.0).to_numpy()
        zero = np.zeros(len(o), np.int64)
        iv = B.ratio_intervals(B.day_sums(day, n, zero, minutes * ~seen),
                               B.day_sums(day, n, zero, minutes), strata=strata, level=level,
                               n_boot=n_boot, seed=seed)
        low, high = float(iv.low[0]), float(iv.high[0])
        interval = B.interval_attrs(iv, stratified=strata is not None)
    return UnseenWork(steps=steps, cases=cases, activities=acts,
                      shared_cases=int(o["_case"].nunique()), unseen_share_low=low,
                      unseen_share_high=high, interval=interval)


# -- frustration notes ------------------------------------------------------------------------

def frustration_notes(observations) -> pd.DataFrame:
    """Frustration notes of the observations, grouped by activity and system.

    Returns
    -------
    DataFrame
        ``activity``, ``system``, ``notes`` (stretches with a note), ``mean_severity`` (over
        the notes that have one; NaN when none), ``max_severity``, ``people``, ``examples``
        (up to three notes, " | "-separated), ``evidence`` (observation ids). Most notes
        first, then highest mean severity.
    """
    f = obs_frame(observations, func="frustration_notes")
    n = f.loc[f["frustration"].notna()].assign(
        system=lambda d: d["tool"].astype(object).where(d["tool"].notna(), NO_TOOL),
        _sev=lambda d: pd.to_numeric(d["severity"], errors="coerce").astype(float))
    cols = ["activity", "system", "notes", "mean_severity", "max_severity", "people", "examples",
            "evidence"]
    if n.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    g = n.groupby(["activity", "system"], sort=False)
    out = g.agg(notes=("line", "size"), mean_severity=("_sev", "mean"),
                max_severity=("_sev", "max"), people=("person", "nunique"),
                examples=("frustration", lambda s: " | ".join(pd.unique(s.astype(str))[:3])),
                evidence=("observation_id", lambda s: ", ".join(s.astype(str)))).reset_index()
    return out.sort_values(["notes", "mean_severity"], ascending=False, kind="stable",
                           na_position="last").reset_index(drop=True)[cols]
