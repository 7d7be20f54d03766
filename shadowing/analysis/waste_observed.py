"""Waste detectors on shadowing observations: staff time seen by an observer.

Observed minutes are people's working time (an observer times a person), so every row here is
``staff_hours_per_month``; observed waiting is staff waiting (someone on hold on the phone),
not a case's lead time. Observed time is extrapolated once, by one rule, stated once per table
(`observation_scaling`): observed person-days stand for ``team_size`` people x
`WORKING_DAYS_PER_MONTH` working days a month.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model.vocab import fold
from . import bootstrap as B
from .timeuse import _tasks as task_numbers   # the same tasks as time_use
from .waste import Context, empty_rows, ids, keys, rows_frame

log = logging.getLogger(__name__)

#: Working days in a month, to scale observed time up.
WORKING_DAYS_PER_MONTH = 21.0
#: Working hours in a person's day, for the team's capacity (team x days x hours).
WORKING_HOURS_PER_DAY = 8.0

#: Observation waste tags and the hotspot waste they count as (`transport` and
#: `overprocessing` have no hotspot type: they are left out and noted).
TAG_TO_WASTE = {
    "waiting": "waiting",
    "rework": "rework",
    "defect": "rework",
    "searching": "searching",
    "double entry": "double entry",
    "system switch": "system switching",
    "interruption": "interruption",
}

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
    n_cases: int                 # distinct case references in the observations


@dataclass(frozen=True)
class Scaling:
    """How observed hours become hours per month for the team (the extrapolation rule)."""

    person_days: int
    persons_observed: int
    team_size: int
    team_size_assumed: bool
    observed_hours: float
    working_days_per_month: float
    factor: float

    def as_dict(self) -> dict:
        return {"person_days": self.person_days, "persons_observed": self.persons_observed,
                "team_size": self.team_size, "team_size_assumed": self.team_size_assumed,
                "observed_hours": self.observed_hours,
                "working_days_per_month": self.working_days_per_month, "factor": self.factor}


def prepare_observations(frame: pd.DataFrame) -> ObsData:
    f = frame.copy()
    if "observation_id" not in f.columns:
        f["observation_id"] = ("O" + f["line"].astype(str)) if "line" in f.columns else \
            [f"O{i + 1}" for i in range(len(f))]
    for col in ("person", "observer", "role", "case", "waste", "severity", "frustration"):
        if col not in f.columns:
            f[col] = pd.Series(None, index=f.index, dtype=object)
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
    cases = f["case"].dropna().astype(str)
    return ObsData(frame=f, person_days=max(person_days, 1), persons=int(f["_who"].nunique()),
                   observed_hours=float(f["duration_min"].sum()) / 60.0,
                   n_cases=int(cases[cases != ""].nunique()))


def observation_scaling(od: ObsData, team_size: int | None) -> Scaling:
    """Factor from observed hours to hours per month for the team."""
    team = team_size if team_size is not None else od.persons
    return Scaling(person_days=od.person_days, persons_observed=od.persons, team_size=team,
                   team_size_assumed=team_size is None, observed_hours=od.observed_hours,
                   working_days_per_month=WORKING_DAYS_PER_MONTH,
                   factor=team * WORKING_DAYS_PER_MONTH / od.person_days)


def _record(waste: str, where: str, rows: pd.DataFrame, minutes: float, od: ObsData,
            ctx: Context, activity_minutes: float, keys_: tuple, facts: dict,
            tasks: int | None = None) -> dict:
    hours = minutes / 60.0 * ctx.obs_factor
    cases = rows["case"].dropna().astype(str)
    cases = cases[cases != ""]
    sev = pd.to_numeric(rows["severity"], errors="coerce").dropna()
    severity = float(sev.mean()) / 5.0 if len(sev) else min(1.0, minutes / max(activity_minutes, 1e-9))
    top = rows.sort_values(["duration_min", "_line"], ascending=[False, True], kind="stable")
    notes = rows["frustration"].dropna().astype(str)
    n = len(rows) if tasks is None else tasks
    facts = {**facts, "n": int(n), "unit": "times" if tasks is None else "tasks",
             "observed_hours": minutes / 60.0}
    return {"waste": waste, "where": where, "kind": "activity", "occurrences": int(n),
            "cases": int(cases.nunique()),
            "share_of_cases": cases.nunique() / od.n_cases if len(cases) and od.n_cases else np.nan,
            "staff_hours_per_month": hours, "wait_hours_per_month": 0.0,
            "severity": min(1.0, severity),
            "evidence": "observation " + ids(top["observation_id"]),
            "source": "observations",
            "keys": keys_ + keys(role=tuple(rows["role"].dropna().astype(str).unique())),
            "words": tuple(notes.unique()), "facts": facts, "_index": rows.index.to_numpy()}


def _observed_ranges(records: list[dict], od: ObsData, ctx: Context) -> None:
    """Add each observed row's range (``staff_hours_per_month_low/_high``) and the person-days
    it was seen on (``range_units``): a person-day bootstrap (`shadowing.analysis.bootstrap`)
    of the mean waste minutes per observed person-day, scaled by the extrapolation rule."""
    if not records:
        return
    f = od.frame
    day, strata, n = B.day_codes(f, who="_who")
    col = np.concatenate([np.full(len(r["_index"]), k) for k, r in enumerate(records)])
    at = np.concatenate([r["_index"] for r in records]).astype(np.int64)
    minutes = f["duration_min"].to_numpy(dtype=float)
    num = np.zeros((n, len(records)))
    np.add.at(num, (day[at], col), minutes[at])
    den = np.ones((n, len(records)))
    # hours per month = minutes / 60 x factor, factor = team x days / person-days:
    # the mean minutes per person-day x team x days / 60
    iv = B.ratio_intervals(num, den, strata=strata, level=ctx.level, n_boot=ctx.n_boot,
                           seed=ctx.seed, scale=(ctx.obs_factor or 0.0) * n / 60.0)
    seen = (num > 0).sum(axis=0)
    for k, r in enumerate(records):
        r["staff_hours_per_month_low"], r["staff_hours_per_month_high"] = iv.low[k], iv.high[k]
        r["wait_hours_per_month_low"] = r["wait_hours_per_month_high"] = 0.0
        r["range_units"], r["range_basis"] = float(seen[k]), "person-days"
    ctx.interval = B.interval_attrs(iv, stratified=strata is not None)


def observation_rows(od: ObsData, ctx: Context) -> pd.DataFrame:
    """Waste seen in the observations.

    - tagged rows (`TAG_TO_WASTE`) count as that waste at their activity; observed waiting is
      staff waiting;
    - a *task* (as in `shadowing.analysis.timeuse.system_switches`: the rows of one person on one
      case and activity, or a run of rows of one person, day and activity) that touches two or
      more tools is system switching ("checking N systems"): the time in every tool but the
      main one (the official system where used, else the tool used longest) is lost;
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
        tools = tuple(rows["tool"].dropna().astype(str).unique())
        records.append(_record(w, a, rows, minutes, od, ctx, act_minutes[a],
                               keys(activity=(a,), system=tools),
                               {"activity": a, "tools": sorted(tools)}))

    # tasks touching several tools
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
            records.append(_record("system switching", a, rows, minutes, od, ctx, act_minutes[a],
                                   keys(activity=(a,), system=tools),
                                   {"activity": a, "tools": tools, "most_tools": most},
                                   tasks=len(task_ids)))

    # off-system work: untagged time outside the official systems, not counted above
    if ctx.official:
        exempt = {fold(t) for t in OFF_SYSTEM_EXEMPT}
        off = (has_tool & ~official & mapped.isna().to_numpy() & ~counted
               & ~pd.Series(tool_s).map(fold).isin(exempt).to_numpy())
        if off.any():
            sub = f.loc[off]
            for a, rows in sub.groupby(activity[off], sort=True):
                minutes = float(rows["duration_min"].sum())
                tools = sorted(rows["tool"].astype(str).unique())
                records.append(_record("off-system work", a, rows, minutes, od, ctx,
                                       act_minutes[a], keys(activity=(a,), system=tools),
                                       {"activity": a, "tools": tools,
                                        "official": list(ctx.official)}))
    _observed_ranges(records, od, ctx)
    out = rows_frame(records)
    small = out["occurrences"] < 2
    if small.any():
        for w in out.loc[small, "waste"]:
            ctx.unsupported[w] = ctx.unsupported.get(w, 0) + 1
        out = out.loc[~small].reset_index(drop=True)
    return out
