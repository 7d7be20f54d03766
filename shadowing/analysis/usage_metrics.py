"""Adoption as digital-adoption platforms measure it: frequency, retention, depth, licences.

`adoption` draws one curve (weekly active share per team). This module adds what WalkMe, Pendo
and Whatfix report on use, per team and per go-live wave, on the same inputs (`read_usage`,
`read_roster`), with the same user matching, roster dates, system/action filters and time
zones as `adoption`.

Definitions (also in docs/readme/change.md):

- **Working day**: a weekday (Mon-Fri) that is not a **collective holiday**: a weekday on which
  at most ``holiday_share`` (10%) of the median number of daily users (over the weekdays from
  the first go-live to the last event) used the system, so (nearly) nobody worked. A week is a
  **holiday week** when most of its weekdays (3 of 5) are holidays. Holiday weeks are shown
  (``holiday`` column) and never count as relapse.
- **Frequency** (`usage_frequency`), over the ``window`` (28 days) ending at ``at`` (default:
  the day of the last event): *daily* users were active on at least ``daily_share`` (75%) of
  the window's working days; *weekly* users (not daily) were active in every week of the
  window that has working days; *monthly* users (neither) were active at least once in the
  window; *occasional* users were not active in the window but were in the ``lookback`` (90
  days) before it; the rest are *inactive*. The window's four weeks end at ``at``.
  **Stickiness** = average daily users (over the window's working days) / monthly users (the
  people active in the window): DAU/MAU.
- **Retention** (`retention`): people are grouped in **waves**: the people of a roster group
  that went live on the same day (``go_live`` per group), or the roster's ``wave`` column.
  Week *k* of a wave is the 7 days ``[go_live + 7(k-1), go_live + 7k)`` (for a Monday go-live
  the same week as `adoption`'s ``weeks_since_go_live == k``). Active: at least ``min_events``
  qualifying events in that week. ``share`` = active / roster (employed on the week's last
  day); ``started`` = roster people whose first use was in week *k* or before; ``retention`` =
  active / started; ``relapsed`` = started, not active in week *k*, and week *k* is not a
  holiday week. **Time to first use**: days from the go-live to a person's first qualifying
  event (0 for use before the go-live), per wave in ``attrs["first_use"]``.
- **Depth of key tasks** (`task_depth`): per key task, how often it is done in the system
  (usage events with its actions) against how much of the observed work on it is off-system
  (follow-up shadowing: stretches of its activities with a tool that is not official).
- **Licence use** (`licence_use`): distinct users active in the window against the licences
  paid.
"""

from __future__ import annotations

import logging
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import InputError, ParameterError, check_number
from .adoption import NO_GROUP, TOTAL, _as_date, _as_list, _event_counts, _go_lives, _prepare
from .timeuse import obs_frame, official_mask
from ..model.text import fold

log = logging.getLogger(__name__)

__all__ = ["usage_frequency", "retention", "task_depth", "licence_use", "holidays",
           "FREQUENCY_BUCKETS"]

FREQUENCY_BUCKETS = ("daily", "weekly", "monthly", "occasional", "inactive")
_DAY = np.timedelta64(1, "D")
_WEEK = np.timedelta64(7, "D")


# -- collective holidays ----------------------------------------------------------------------

def _daily_active(prep, days: np.ndarray) -> np.ndarray:
    """People (roster) active on each day: (people x days) booleans."""
    counts = _event_counts(prep.person, prep.times, len(prep.roster), days, days + _DAY)
    return counts > 0


def _holiday_days(prep, start: np.datetime64, end: np.datetime64, share: float):
    """Weekdays in ``[start, end]`` and which of them are collective holidays."""
    days = np.arange(start, end + _DAY, _DAY).astype("datetime64[ns]")
    weekday = ((days.astype("datetime64[D]").astype(np.int64) + 3) % 7) < 5
    per_day = _daily_active(prep, days).sum(axis=0)
    wd = per_day[weekday]
    median = float(np.median(wd)) if len(wd) else 0.0
    holiday = weekday & (per_day <= share * median) if median > 0 else np.zeros_like(weekday)
    return days, weekday, holiday


def holidays(usage: pd.DataFrame, roster: pd.DataFrame, *, go_live=None, by: str = "team",
             holiday_share: float = 0.1, system=None, actions=None, tz: str | None = None) -> pd.DataFrame:
    """The collective holidays in a usage log: weekdays on which (nearly) nobody used it.

    Returns
    -------
    DataFrame
        One row per holiday weekday from the first go-live to the last event: ``day``,
        ``users`` (active that day), ``median_users`` (on weekdays), ``week_end`` (Sunday of its
        week) and ``holiday_week`` (most weekdays of that week are holidays).
    """
    func = "holidays"
    share = check_number("holiday_share", holiday_share, func=func, low=0, high=1, what="a share")
    prep = _prepare(usage, roster, by=by, system=system, actions=actions, tz=tz, func=func)
    groups = sorted(prep.roster["group"].unique().tolist())
    go = _go_lives(go_live, groups, prep, tz, by, func)
    if prep.last is None:
        return pd.DataFrame(columns=["day", "users", "median_users", "week_end", "holiday_week"])
    start = np.datetime64(min(go.values()).normalize().to_datetime64())
    end = np.datetime64(prep.last.normalize().to_datetime64())
    days, weekday, hol = _holiday_days(prep, start, end, share)
    per_day = _daily_active(prep, days).sum(axis=0)
    week_end = pd.DatetimeIndex(days).to_period("W").end_time.normalize()
    wk = pd.Series(hol[weekday]).groupby(week_end[weekday]).transform("mean").to_numpy()
    hw = np.zeros(len(days), bool)
    hw[weekday] = wk > 0.5
    out = pd.DataFrame({"day": days[hol], "users": per_day[hol].astype("int64"),
                        "median_users": float(np.median(per_day[weekday])),
                        "week_end": np.asarray(week_end[hol], dtype="datetime64[ns]"),
                        "holiday_week": hw[hol]})
    return out.reset_index(drop=True)


# -- frequency of use -------------------------------------------------------------------------

def usage_frequency(usage: pd.DataFrame, roster: pd.DataFrame, *, by: str = "team", at=None,
                    window: int = 28, daily_share: float = 0.75, lookback: int = 90,
                    holiday_share: float = 0.1, go_live=None,
                    system: str | Iterable[str] | None = None,
                    actions: str | Iterable[str] | None = None, tz: str | None = None,
                    total: bool = True) -> pd.DataFrame:
    """Daily, weekly, monthly and occasional users per group, and stickiness (DAU/MAU).

    Parameters
    ----------
    usage, roster : DataFrame
        From `read_usage` and `read_roster` (as in `adoption`).
    by : str
        Roster column to group by (``"team"``, ``"firm"``, ``"role"``).
    at : date, optional
        Last day of the window (default: the day of the last qualifying event).
    window : int
        Days in the window (default 28: four weeks). Must be a multiple of 7.
    daily_share : float
        Share of the window's working days a daily user is active on (default 0.75).
    lookback : int
        Days before the window in which occasional users were active (default 90).
    holiday_share : float
        A weekday with at most this share of the median daily users is a collective holiday.
    go_live : date or mapping, optional
        Start of the holiday detection (default: the first event).
    system, actions, tz
        As in `adoption`.
    total : bool
        Add the whole roster as group ``"All"``.

    Returns
    -------
    DataFrame
        One row per group: ``team`` (the group), ``roster`` (employed on ``at``), ``daily``,
        ``weekly``, ``monthly``, ``occasional``, ``inactive`` (people; they sum to ``roster``),
        the same as shares (``daily_share`` ...), ``monthly_users`` (daily + weekly + monthly),
        ``average_daily_users``, ``stickiness``, ``working_days``, ``total``. ``.attrs``:
        ``people`` (one row per roster person: ``user``, ``group``, ``active_days``,
        ``active_weeks``, ``bucket``), ``window`` (first and last day), ``holidays`` (the
        window's holiday days).
    """
    func = "usage_frequency"
    window = check_number("window", window, func=func, integer=True, low=7)
    if window % 7:
        raise ParameterError(f"The 'window' parameter of {func} must be a whole number of weeks "
                             f"in days (7, 14, 28 ...). Got {window!r} instead.")
    daily_share = check_number("daily_share", daily_share, func=func, low=0, high=1,
                               low_open=True, what="a share")
    lookback = check_number("lookback", lookback, func=func, integer=True, low=0)
    holiday_share = check_number("holiday_share", holiday_share, func=func, low=0, high=1,
                                 what="a share")
    prep = _prepare(usage, roster, by=by, system=system, actions=actions, tz=tz, func=func)
    people = prep.roster
    groups = sorted(people["group"].unique().tolist())
    if total and TOTAL in groups:
        raise InputError(f"{func}: the roster has a group called {TOTAL!r} in column '{by}'; "
                         "rename it or pass total=False.", source="DataFrame")
    if at is None:
        if prep.last is None:
            raise InputError(f"{func}: the usage log has no qualifying events; pass at='YYYY-MM-DD'.",
                             source="DataFrame")
        end = prep.last.normalize()
    else:
        end = _as_date(at, tz, "at", func).normalize()
    end64 = np.datetime64(end.to_datetime64(), "ns")
    first_day = end64 - (window - 1) * _DAY
    go = _go_lives(go_live, groups, prep, tz, by, func) if prep.first is not None or go_live else {}
    hol_start = min([np.datetime64(min(go.values()).normalize().to_datetime64(), "ns")]
                    if go else [first_day])
    hol_start = min(hol_start, first_day)
    days, weekday, hol = _holiday_days(prep, hol_start, end64, holiday_share)
    in_win = days >= first_day
    days, weekday, hol = days[in_win], weekday[in_win], hol[in_win]
    working = weekday & ~hol
    daily = _daily_active(prep, days)                       # people x days
    active_days = daily.sum(axis=1)
    week_of_day = ((days - first_day) // _WEEK).astype(np.int64)
    n_weeks = window // 7
    week_has_work = np.bincount(week_of_day[working], minlength=n_weeks) > 0
    per_week = np.zeros((len(people), n_weeks), dtype=bool)
    for w in range(n_weeks):                                  # a handful of weeks
        per_week[:, w] = daily[:, week_of_day == w].any(axis=1)
    active_weeks = per_week.sum(axis=1)
    n_work = int(working.sum())
    before = _event_counts(prep.person, prep.times, len(people),
                           np.array([first_day - lookback * _DAY]), np.array([first_day]))[:, 0]
    is_daily = (daily[:, working].sum(axis=1) >= daily_share * n_work) & (active_days > 0) \
        if n_work else np.zeros(len(people), bool)
    is_weekly = ~is_daily & (per_week[:, week_has_work].all(axis=1)) & (active_days > 0)
    is_monthly = ~is_daily & ~is_weekly & (active_days > 0)
    is_occ = (active_days == 0) & (before > 0)
    bucket = np.select([is_daily, is_weekly, is_monthly, is_occ],
                       list(FREQUENCY_BUCKETS[:4]), FREQUENCY_BUCKETS[4])
    st = people["start"].to_numpy(dtype="datetime64[ns]")
    lv = people["leave"].to_numpy(dtype="datetime64[ns]")
    employed = (np.isnat(st) | (st <= end64)) & (np.isnat(lv) | (lv >= end64))
    names = groups + ([TOTAL] if total else [])
    gcodes = pd.Index(groups).get_indexer(people["group"])
    rows = []
    for gi, name in enumerate(names):                         # one row per group
        member = employed & ((gcodes == gi) if name != TOTAL else True)
        n = int(member.sum())
        counts = {b: int((member & (bucket == b)).sum()) for b in FREQUENCY_BUCKETS}
        mau = counts["daily"] + counts["weekly"] + counts["monthly"]
        dau = float(daily[member][:, working].sum(axis=0).mean()) if n_work and n else np.nan
        row = {"team": name, "roster": n, **counts}
        row.update({f"{b}_share": (counts[b] / n if n else np.nan) for b in FREQUENCY_BUCKETS})
        row.update({"monthly_users": mau, "average_daily_users": dau,
                    "stickiness": dau / mau if mau else np.nan, "working_days": n_work,
                    "total": name == TOTAL})
        rows.append(row)
    out = pd.DataFrame(rows)
    if by != "team":
        out.insert(0, by, out["team"])
    per_person = pd.DataFrame({"user": people["user"].to_numpy(), "group": people["group"].to_numpy(),
                               "employed": employed, "active_days": active_days.astype("int64"),
                               "active_weeks": active_weeks.astype("int64"), "bucket": bucket})
    out.attrs = {"people": per_person, "window": (pd.Timestamp(first_day), end),
                 "holidays": [pd.Timestamp(d) for d in days[hol]], "by": by,
                 "unknown_users": prep.unknown}
    return out


# -- retention by go-live wave ----------------------------------------------------------------

def _waves(people: pd.DataFrame, roster: pd.DataFrame, by: str, go: dict) -> tuple[np.ndarray, list]:
    if by == "wave" and "wave" in roster.columns:
        raw = roster["wave"].astype(object).to_numpy()
        labels = pd.Series(raw).map(lambda v: NO_GROUP if pd.isna(v) or str(v).strip() == ""
                                    else str(v).strip()).to_numpy()
        return labels, sorted(set(labels))
    labels = np.array([f"{go[g]:%Y-%m-%d}" for g in people["group"]], dtype=object)
    return labels, sorted(set(labels))


def retention(usage: pd.DataFrame, roster: pd.DataFrame, *, by: str = "wave", group: str = "team",
              go_live=None, weeks: int | None = None, min_events: int = 1,
              holiday_share: float = 0.1, system: str | Iterable[str] | None = None,
              actions: str | Iterable[str] | None = None, tz: str | None = None) -> pd.DataFrame:
    """Cohort retention per go-live wave, week by week, with relapse and time to first use.

    Parameters
    ----------
    usage, roster : DataFrame
        From `read_usage` and `read_roster`.
    by : {"wave", "group"}
        ``"wave"``: the people whose groups went live on the same day form one wave (or the
        roster's ``wave`` column, when it has one; then ``go_live`` maps waves to dates);
        ``"group"``: one cohort per roster group.
    group : str
        The roster column ``go_live`` maps (``"team"``, ``"firm"``).
    go_live : date or mapping
        One date, or a mapping of group (or wave) to date.
    weeks : int, optional
        Weeks after the go-live to report (default: up to the last event).
    min_events, system, actions, tz
        As in `adoption`.
    holiday_share : float
        Collective-holiday threshold (see the module docstring).

    Returns
    -------
    DataFrame
        One row per cohort and week: ``wave`` (the go-live date as text, or the wave/group
        name), ``go_live``, ``groups`` (the roster groups in it, comma-separated), ``week``
        (1 = the first 7 days), ``week_end`` (last day), ``roster``, ``active``, ``share``,
        ``started``, ``retention`` (active / started), ``relapsed``, ``holiday`` (a collective
        holiday week). ``.attrs["first_use"]``: per cohort ``people``, ``users`` (ever),
        ``never``, ``median_days_to_first_use``, ``p90_days_to_first_use``;
        ``.attrs["people"]``: per person ``user``, ``wave``, ``first_use``,
        ``days_to_first_use``.
    """
    func = "retention"
    if by not in ("wave", "group"):
        raise ParameterError(f"The 'by' parameter of {func} must be one of 'wave', 'group'. "
                             f"Got {by!r} instead.")
    min_events = check_number("min_events", min_events, func=func, integer=True, low=1)
    weeks = check_number("weeks", weeks, func=func, integer=True, low=1, none=True)
    holiday_share = check_number("holiday_share", holiday_share, func=func, low=0, high=1,
                                 what="a share")
    prep = _prepare(usage, roster, by=group, system=system, actions=actions, tz=tz, func=func)
    people = prep.roster
    groups = sorted(people["group"].unique().tolist())
    wave_col = by == "wave" and "wave" in roster.columns
    if wave_col:
        labels, cohorts = _waves(people, roster, by, {})
        go = _go_lives(go_live, cohorts, prep, tz, "wave", func)
    else:
        go_g = _go_lives(go_live, groups, prep, tz, group, func)
        if by == "group":
            labels = people["group"].to_numpy(dtype=object)
            cohorts = groups
            go = go_g
        else:
            labels, cohorts = _waves(people, roster, by, go_g)
            go = {c: pd.Timestamp(c) for c in cohorts}
    if prep.last is None:
        raise InputError(f"{func}: the usage log has no qualifying events.", source="DataFrame")
    last = np.datetime64(prep.last.normalize().to_datetime64(), "ns")
    first_go = np.datetime64(min(go.values()).normalize().to_datetime64(), "ns")
    days, weekday, hol = _holiday_days(prep, first_go, last, holiday_share)
    st = people["start"].to_numpy(dtype="datetime64[ns]")
    lv = people["leave"].to_numpy(dtype="datetime64[ns]")
    rows, first_rows, person_rows = [], [], []
    for cohort in cohorts:                                   # a few waves
        member = labels == cohort
        g0 = np.datetime64(go[cohort].normalize().to_datetime64(), "ns")
        k_max = weeks if weeks is not None else max(int((last - g0) // _WEEK) + 1, 1)
        lo = g0 + np.arange(k_max) * _WEEK
        hi = lo + _WEEK
        idx = np.flatnonzero(member)
        sel = np.isin(prep.person, idx)
        remap = np.full(len(people), -1)
        remap[idx] = np.arange(len(idx))
        counts = _event_counts(remap[prep.person[sel]], prep.times[sel], len(idx), lo, hi)
        active_all = counts >= min_events
        e = hi - _DAY
        employed = ((np.isnat(st[idx])[:, None] | (st[idx][:, None] <= e[None, :]))
                    & (np.isnat(lv[idx])[:, None] | (lv[idx][:, None] >= e[None, :])))
        active = active_all & employed
        # first use: the first qualifying event of each member (at or after... any time)
        t_first = pd.Series(prep.times[sel]).groupby(remap[prep.person[sel]]).min()
        first = np.full(len(idx), np.datetime64("NaT"), dtype="datetime64[ns]")
        first[t_first.index.to_numpy()] = t_first.to_numpy()
        started = ~np.isnat(first)[:, None] & (first[:, None] < hi[None, :]) & employed
        # holiday weeks: most of the week's weekdays are collective holidays
        day_week = (days - g0) // _WEEK
        hol_week = np.zeros(k_max, bool)
        for k in range(k_max):                              # weeks of one wave
            wd = weekday & (day_week == k)
            hol_week[k] = wd.any() and hol[wd].mean() > 0.5
        relapsed = started & ~active & ~hol_week[None, :]
        n_roster = employed.sum(axis=0)
        n_active = active.sum(axis=0)
        n_started = started.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(n_roster > 0, n_active / np.maximum(n_roster, 1), np.nan)
            ret = np.where(n_started > 0, n_active / np.maximum(n_started, 1), np.nan)
        grp = ", ".join(sorted(set(people.loc[member, "group"])))
        rows.append(pd.DataFrame({
            "wave": cohort, "go_live": pd.Timestamp(g0), "groups": grp,
            "week": np.arange(1, k_max + 1), "week_end": e, "roster": n_roster.astype("int64"),
            "active": n_active.astype("int64"), "share": share,
            "started": n_started.astype("int64"), "retention": ret,
            "relapsed": relapsed.sum(axis=0).astype("int64"), "holiday": hol_week}))
        days_to = np.where(np.isnat(first), np.nan,
                           np.maximum((first.astype("datetime64[D]") - g0.astype("datetime64[D]"))
                                      .astype("float64"), 0.0))
        in_team = (np.isnat(lv[idx]) | (lv[idx] >= g0))
        d = days_to[in_team]
        used = d[~np.isnan(d)]
        first_rows.append({"wave": cohort, "go_live": pd.Timestamp(g0), "people": int(in_team.sum()),
                           "users": int(len(used)), "never": int(in_team.sum() - len(used)),
                           "median_days_to_first_use": float(np.median(used)) if len(used) else np.nan,
                           "p90_days_to_first_use": (float(np.quantile(used, 0.9, method="inverted_cdf"))
                                                     if len(used) else np.nan)})
        person_rows.append(pd.DataFrame({"user": people["user"].to_numpy()[idx], "wave": cohort,
                                         "first_use": first, "days_to_first_use": days_to}))
    out = pd.concat(rows, ignore_index=True)
    out.attrs = {"first_use": pd.DataFrame(first_rows),
                 "people": pd.concat(person_rows, ignore_index=True),
                 "go_live": dict(go), "unknown_users": prep.unknown}
    return out


# -- depth of key tasks -----------------------------------------------------------------------

def task_depth(usage: pd.DataFrame | None = None, *, tasks: Mapping[str, Mapping[str, Iterable[str]]],
               observations=None, official_systems: str | Iterable[str] | None = None,
               period=None, tz: str | None = None) -> pd.DataFrame:
    """Key tasks done in the new system against the same tasks still done off-system.

    Parameters
    ----------
    usage : DataFrame, optional
        From `read_usage` (needs ``action``).
    tasks : mapping
        ``{task: {"actions": [...], "activities": [...]}}``: the usage actions that show the
        task done in the system, and the observed activities that are the task.
    observations : Observations or DataFrame, optional
        Follow-up shadowing.
    official_systems : str or list of str
        The system(s) that should hold the work (needed with observations).
    period : (start, end), optional
        Only usage events in these days (both included).

    Returns
    -------
    DataFrame
        One row per task: ``task``, ``system_events``, ``system_users``, ``observed_steps``,
        ``observed_hours``, ``off_system_steps``, ``off_system_hours``, ``off_system_share``
        (off-system hours / observed hours of the task).
    """
    func = "task_depth"
    if not isinstance(tasks, Mapping) or not tasks:
        raise ParameterError(f"The 'tasks' parameter of {func} must be a non-empty mapping of "
                             "task name to {'actions': [...], 'activities': [...]}. Got "
                             f"{tasks!r} instead.")
    for name, spec in tasks.items():
        if not isinstance(spec, Mapping) or not set(spec) <= {"actions", "activities"}:
            raise ParameterError(f"The 'tasks' parameter of {func} maps {name!r} to {spec!r}; "
                                 "expected a mapping with the keys 'actions' and/or 'activities'.")
    rows = {name: {"task": name} for name in tasks}
    if usage is not None:
        if "action" not in usage.columns:
            raise InputError(f"{func}: the usage log has no 'action' column; the depth of key "
                             "tasks needs an audit log that says what each user did.",
                             source="DataFrame")
        u = usage
        if period is not None:
            a = _as_date(period[0], tz, "period", func).normalize()
            b = _as_date(period[1], tz, "period", func).normalize() + pd.Timedelta(days=1)
            ts = u["timestamp"].dt.tz_localize(None) if u["timestamp"].dt.tz is not None \
                else u["timestamp"]
            u = u[(ts >= a) & (ts < b)]
        act = u["action"].astype(object).map(lambda v: fold(v) if isinstance(v, str) else None)
        for name, spec in tasks.items():
            hit = act.isin({fold(x) for x in _as_list(spec.get("actions", []))})
            rows[name]["system_events"] = int(hit.sum())
            rows[name]["system_users"] = int(u.loc[hit.to_numpy(), "user"].astype(str)
                                             .str.strip().str.casefold().nunique())
    if observations is not None:
        if official_systems is None:
            raise ParameterError(f"The 'official_systems' parameter of {func} must name the "
                                 "system(s) that should hold the work when observations are "
                                 "given. Got None instead.")
        f = obs_frame(observations, func=func)
        has_tool, is_official = official_mask(f, _as_list(official_systems), func=func)
        off = (has_tool & ~is_official).to_numpy()
        hours = f["duration_min"].astype(float).fillna(0).to_numpy() / 60
        acts = f["activity"].astype(object).map(lambda v: fold(v) if isinstance(v, str) else None)
        for name, spec in tasks.items():
            hit = acts.isin({fold(x) for x in _as_list(spec.get("activities", []))}).to_numpy()
            rows[name].update({"observed_steps": int(hit.sum()),
                               "observed_hours": float(hours[hit].sum()),
                               "off_system_steps": int((hit & off).sum()),
                               "off_system_hours": float(hours[hit & off].sum())})
    out = pd.DataFrame(list(rows.values()))
    if "observed_hours" in out.columns:
        out["off_system_share"] = out["off_system_hours"] / out["observed_hours"].where(
            out["observed_hours"] > 0)
    return out


# -- licences ---------------------------------------------------------------------------------

def licence_use(usage: pd.DataFrame, *, licences: int | Mapping[str, int], roster=None,
                at=None, window: int = 28, system=None, actions=None,
                tz: str | None = None) -> pd.DataFrame:
    """Active users against the licences paid.

    Parameters
    ----------
    usage : DataFrame
        From `read_usage`.
    licences : int or mapping
        Licences paid: one number, or ``{system: number}`` (the usage log's ``system`` values).
    roster : DataFrame, optional
        When given, only roster people count as users (others are listed in ``attrs``).
    at, window : optional
        The window of ``window`` days ending at ``at`` (default: the last event's day).
    system, actions, tz
        As in `adoption`.

    Returns
    -------
    DataFrame
        One row per system (``"all"`` for one number): ``system``, ``licences``,
        ``active_users``, ``used_share`` (active / licences), ``unused`` (licences not used),
        ``over`` (users beyond the licences).
    """
    func = "licence_use"
    window = check_number("window", window, func=func, integer=True, low=1)
    if isinstance(licences, Mapping):
        lic = {str(k): check_number("licences", v, func=func, integer=True, low=0)
               for k, v in licences.items()}
        if "system" not in usage.columns:
            raise ParameterError(f"The 'licences' parameter of {func} maps systems, but the usage "
                                 "log has no 'system' column; give one number.")
    else:
        lic = {"all": check_number("licences", licences, func=func, integer=True, low=0)}
    base = roster if roster is not None else pd.DataFrame(
        {"user": pd.unique(usage["user"].dropna().astype(str)), "team": "-"})
    rows = []
    for name, n in lic.items():                                # a few systems
        sys_filter = system if name == "all" else name
        prep = _prepare(usage, base, by="user", system=sys_filter, actions=actions, tz=tz,
                        func=func)
        end = (_as_date(at, tz, "at", func) if at is not None else prep.last)
        if end is None:
            active = 0
        else:
            hi = np.datetime64(end.normalize().to_datetime64(), "ns") + _DAY
            lo = hi - window * _DAY
            counts = _event_counts(prep.person, prep.times, len(prep.roster), np.array([lo]),
                                   np.array([hi]))[:, 0]
            active = int((counts > 0).sum())
        rows.append({"system": name, "licences": n, "active_users": active,
                     "used_share": active / n if n else np.nan,
                     "unused": max(n - active, 0), "over": max(active - n, 0)})
    return pd.DataFrame(rows)
