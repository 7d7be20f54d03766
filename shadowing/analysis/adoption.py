"""Adoption after a go-live: measure behaviour, not features.

How many people on the roster actually use the system, week by week, per team; who used it and
stopped (relapse); who never started; how deep their use goes; and, beside the curve, how much
of the observed work still happens off the system.

Definitions (also in docs/readme/adoption.md):

- **Period**: the periods of ``freq`` (``"W"``: weeks ending on Sunday) from the earliest of the
  first event and the go-live up to the latest of the last event, the go-live and ``until``.
  ``period`` is the period's last day (midnight); the period *ends at the end of that day*.
- **Active**: at least ``min_events`` qualifying events (optionally only of ``system`` and only
  ``actions``) in the ``window`` (default 7 days) that ends at the end of the period's last day.
- **Roster**: the people employed on the period's last day (``start_date <= day <= leave_date``;
  a missing start date means "always", a missing leave date "still employed"). Only they count,
  in ``active`` and in ``roster``; someone who left mid-week is not counted that week.
- **Relapsed**: on the roster, not active now, but active in an earlier period.
- **Never active**: on the roster and not active in this or any earlier period.
  ``active + relapsed + never_active == roster`` on every row.
- **Weeks since go-live**: whole weeks from the go-live to the end of the period
  (``floor((period + 1 day - go_live) / 7 days)``); negative before the go-live. For a Monday
  go-live and Sunday weeks, the week ending 8 weeks later has ``weeks_since_go_live == 8``.
- **Total**: one more group, ``"All"`` (``total == True``), the whole roster. When the groups
  have different go-lives, its ``go_live`` and ``weeks_since_go_live`` are missing.
- **Users** are matched between log and roster case-insensitively after trimming. Users in the
  log who are not on the roster are not counted; they are listed in
  ``result.attrs["unknown_users"]`` and a warning is logged.
- **Time zones**: times with an offset are converted to ``tz`` (or kept in their own zone) and
  then read as local wall-clock times, like the roster's dates and the go-live.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import ColumnNotFoundError, InputError, ParameterError, check_choice, check_number, did_you_mean
from ..io.usage import user_key
from ..model.frames import AttrFrame

log = logging.getLogger(__name__)

__all__ = ["adoption", "depth_of_use", "off_system_by_period", "TOTAL", "NO_GROUP"]

#: Name of the whole-roster group in `adoption`'s result (its ``total`` column is True).
TOTAL = "All"
#: A period with fewer active people than this share of the usual count, between periods of
#: use, is a collective holiday (``holiday`` column): shown as such, never read as relapse.
HOLIDAY_SHARE = 0.1
#: Group of roster people whose group column is empty.
NO_GROUP = "(none)"

_DAY = np.timedelta64(1, "D")
_WEEK = np.timedelta64(7, "D")

RESULT_COLUMNS = ["team", "period", "go_live", "weeks_since_go_live", "active", "roster",
                  "share", "relapsed", "never_active", "total", "holiday"]


# -- inputs ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Prepared:
    roster: pd.DataFrame        # user, key, group, start, leave (+ original columns), 0..U-1
    person: np.ndarray          # per qualifying event of a known user: roster position
    times: np.ndarray           # per such event: naive local datetime64[ns]
    actions: pd.Series | None   # per such event: the action (object), when asked for
    unknown: pd.DataFrame       # users in the log that are not on the roster
    first: pd.Timestamp | None  # first / last qualifying event (all users), local
    last: pd.Timestamp | None
    n_events: int               # qualifying events (all users)
    span: tuple                 # first and last event of the whole log (None, None if empty)


def _usage_input(usage, func: str) -> pd.DataFrame:
    if not isinstance(usage, pd.DataFrame):
        raise InputError(f"{func}: expected the usage log as a pandas DataFrame (from "
                         f"shadowing.read_usage), got {type(usage).__name__}.")
    missing = [c for c in ("user", "timestamp") if c not in usage.columns]
    if missing:
        raise ColumnNotFoundError(
            f"{func}: the usage log needs the columns 'user' and 'timestamp'; columns are: "
            f"{', '.join(map(str, usage.columns))}. Read the export with shadowing.read_usage "
            "to map its own column names." + did_you_mean(missing[0], map(str, usage.columns)),
            source="DataFrame")
    ts = usage["timestamp"]
    if not pd.api.types.is_datetime64_any_dtype(ts.dtype):
        raise InputError(f"{func}: column 'timestamp' of the usage log holds {ts.dtype} values, "
                         "expected date/times; read the export with shadowing.read_usage.",
                         source="DataFrame")
    if ts.isna().any():
        raise InputError(f"{func}: column 'timestamp' of the usage log has "
                         f"{int(ts.isna().sum())} missing values; read the export with "
                         "shadowing.read_usage to have them reported by line.", source="DataFrame")
    return usage


def _roster_input(roster, by: str, func: str) -> pd.DataFrame:
    if not isinstance(roster, pd.DataFrame):
        raise InputError(f"{func}: expected the roster as a pandas DataFrame (from "
                         f"shadowing.read_roster), got {type(roster).__name__}.")
    cols = [str(c) for c in roster.columns]
    for col, what in (("user", "the user ids"), (by, f"the groups (by={by!r})")):
        if col not in roster.columns:
            raise ColumnNotFoundError(
                f"{func}: the roster has no column '{col}' ({what}); columns are: "
                f"{', '.join(cols)}." + did_you_mean(col, cols), source="DataFrame")
    if roster.empty:
        raise InputError(f"{func}: the roster has no rows; expected one row per person.",
                         source="DataFrame")
    out = pd.DataFrame({"user": roster["user"].to_numpy()}, index=range(len(roster)))
    out["key"] = user_key(out["user"]).to_numpy()
    lines = (roster["line"].to_numpy() if "line" in roster.columns
             else np.arange(1, len(roster) + 1))
    if out["key"].isna().any():
        where = lines[out["key"].isna().to_numpy()]
        raise InputError(f"{func}: the roster has an empty user on row {where[0]}; read it with "
                         "shadowing.read_roster to have such rows reported.", source="DataFrame")
    dup = out["key"].duplicated(keep=False).to_numpy()
    if dup.any():
        users = out.loc[dup, "user"].astype(str).tolist()
        raise InputError(
            f"{func}: the roster lists some users more than once (ids compared ignoring case): "
            f"{', '.join(map(repr, users[:6]))} on rows {', '.join(map(str, lines[dup][:6]))}; expected one "
            "row per person. read_roster reports such rows.", source="DataFrame")
    group = roster[by].astype(object).to_numpy()
    group = pd.Series(group).map(lambda v: NO_GROUP if v is None or (isinstance(v, float)
                                 and math.isnan(v)) or str(v).strip() == "" else str(v).strip())
    out["group"] = group.to_numpy()
    for col, new in (("start_date", "start"), ("leave_date", "leave")):
        if col in roster.columns:
            s = roster[col]
            if not pd.api.types.is_datetime64_any_dtype(s.dtype):
                try:
                    s = pd.to_datetime(s)
                except (ValueError, TypeError) as exc:
                    raise InputError(f"{func}: column '{col}' of the roster cannot be read as "
                                     f"dates ({exc}); read it with shadowing.read_roster.",
                                     source="DataFrame") from None
            if s.dt.tz is not None:
                s = s.dt.tz_localize(None)
            out[new] = s.astype("datetime64[ns]").dt.normalize().to_numpy()
        else:
            out[new] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    bad = (out["leave"] < out["start"]).to_numpy()
    if bad.any():
        raise InputError(f"{func}: roster row {lines[bad][0]} (user {out['user'][bad].iloc[0]!r}) "
                         "leaves before it starts; read it with shadowing.read_roster.",
                         source="DataFrame")
    for col in ("name", "team", "firm", "role"):
        if col in roster.columns and col not in out.columns:
            out[col] = roster[col].to_numpy()
    out["line"] = lines
    return out


def _local_times(ts: pd.Series, tz: str | None, func: str) -> pd.Series:
    if ts.dt.tz is None:
        return ts
    if tz is not None:
        ts = ts.dt.tz_convert(tz)
    elif str(ts.dt.tz) in ("UTC", "utc"):
        log.info("%s: usage times are in UTC and are counted in UTC days and weeks; pass "
                 "tz='Europe/Brussels' (or the client's zone) to count local days", func)
    return ts.dt.tz_localize(None)


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _filter_mask(column: pd.Series, wanted, name: str, func: str) -> np.ndarray | None:
    """Rows whose value is one of ``wanted`` (case-insensitive); None when the log has none."""
    keys = user_key(column if isinstance(column.dtype, pd.CategoricalDtype)
                    else column.astype("category"))
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        present = pd.Series(np.asarray(column.cat.categories.astype(str))[
            np.unique(codes[codes >= 0])], dtype=object)
    else:
        present = pd.Series(pd.unique(column.dropna()).astype(str), dtype=object)
    if present.empty:
        return None
    present_keys = set(user_key(present))
    wanted = _as_list(wanted)
    unknown = [w for w in wanted if w.strip().casefold() not in present_keys]
    if unknown:
        shown = ", ".join(sorted(present.tolist())[:12])
        raise ParameterError(
            f"The '{name}' parameter of {func} must name values in the usage log's '{name}' "
            f"column; {unknown[0]!r} is not there. Found: {shown}."
            + did_you_mean(unknown[0], present.tolist()))
    return keys.isin({w.strip().casefold() for w in wanted}).to_numpy()


def _prepare(usage, roster, *, by: str, system, actions, tz, func: str,
             need_actions: bool = False) -> _Prepared:
    usage = _usage_input(usage, func)
    people = _roster_input(roster, by, func)
    times = _local_times(usage["timestamp"], tz, func)
    keep = np.ones(len(usage), dtype=bool)
    has_system = "system" in usage.columns
    if system is not None:
        mask = _filter_mask(usage["system"], system, "system", func) if has_system else None
        if mask is None:
            log.info("%s: the usage log names no systems; all its events count as use of %s",
                     func, ", ".join(_as_list(system)))
        else:
            keep &= mask
    has_actions = "action" in usage.columns and usage["action"].notna().any()
    if need_actions and not has_actions:
        raise InputError(f"{func}: the usage log has no actions (column 'action' is missing or "
                         "empty); depth of use needs an audit log that says what each user did.",
                         source="DataFrame")
    if actions is not None:
        if not has_actions:
            raise ParameterError(f"The 'actions' parameter of {func} needs a usage log with "
                                 "actions; this log's 'action' column is missing or empty.")
        keep &= _filter_mask(usage["action"], actions, "action", func)
    users = usage["user"]
    if not isinstance(users.dtype, pd.CategoricalDtype):
        users = users.astype("category")
    cat_keys = user_key(pd.Series(users.cat.categories.astype(str)))
    cat_person = pd.Index(people["key"]).get_indexer(cat_keys.to_numpy())
    cat_person[cat_keys.isna().to_numpy()] = -2      # empty user ids: ignored
    codes = users.cat.codes.to_numpy()
    person_all = np.append(cat_person, -2)[codes]    # code -1 (missing user): ignored
    t_all = times.to_numpy(dtype="datetime64[ns]")
    span = ((pd.Timestamp(t_all.min()), pd.Timestamp(t_all.max())) if len(t_all)
            else (None, None))
    sel = keep & (person_all >= -1)
    first = pd.Timestamp(t_all[sel].min()) if sel.any() else None
    last = pd.Timestamp(t_all[sel].max()) if sel.any() else None
    unk = sel & (person_all == -1)
    if unk.any():
        u = pd.DataFrame({"key": cat_keys.to_numpy()[codes[unk]],
                          "user": np.asarray(users.cat.categories.astype(str))[codes[unk]],
                          "timestamp": t_all[unk]})
        unknown = (u.groupby("key", sort=True)
                   .agg(user=("user", "first"), events=("timestamp", "size"),
                        first_event=("timestamp", "min"), last_event=("timestamp", "max"))
                   .reset_index(drop=True).sort_values(["events", "user"],
                                                       ascending=[False, True]))
        unknown = AttrFrame(unknown.reset_index(drop=True))
        log.warning("%s: %d user(s) in the usage log are not on the roster and are not counted "
                    "(%d events): %s (see .attrs['unknown_users'])", func, len(unknown),
                    int(unk.sum()), ", ".join(unknown["user"].head(10)))
    else:
        unknown = AttrFrame({"user": pd.Series(dtype=object), "events": pd.Series(dtype="int64"),
                             "first_event": pd.Series(dtype="datetime64[ns]"),
                             "last_event": pd.Series(dtype="datetime64[ns]")})
    known = sel & (person_all >= 0)
    acts = None
    if need_actions:
        act = usage["action"]
        if not isinstance(act.dtype, pd.CategoricalDtype):
            act = act.astype("category")
        labels = np.append(np.asarray(act.cat.categories.astype(str), dtype=object), None)
        acts = pd.Series(labels[act.cat.codes.to_numpy()[known]], dtype=object)  # -1: None
    return _Prepared(roster=people, person=person_all[known], times=t_all[known], actions=acts,
                     unknown=unknown, first=first, last=last, n_events=int(sel.sum()),
                     span=span)


def _as_date(value, tz, what: str, func: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        ts = None
    if ts is None or pd.isna(ts):
        raise ParameterError(f"The '{what}' parameter of {func} must be a date such as "
                             f"'2026-03-02'{', a mapping of group to date' if what == 'go_live' else ''}"
                             f" or None. Got {value!r} instead.")
    if ts.tz is not None:
        ts = (ts.tz_convert(tz) if tz else ts).tz_localize(None)
    return ts


def _go_lives(go_live, groups: list[str], prep: _Prepared, tz, by: str,
              func: str) -> dict[str, pd.Timestamp]:
    if go_live is None:
        if prep.first is None:
            raise InputError(f"{func}: the usage log has no qualifying events, so the go-live "
                             "cannot be taken from the first one; pass go_live='YYYY-MM-DD'.",
                             source="DataFrame")
        day = prep.first.normalize()
        log.info("%s: no go_live given; taking the day of the first usage event, %s", func,
                 f"{day:%Y-%m-%d}")
        return {g: day for g in groups}
    if isinstance(go_live, Mapping):
        parsed = {str(k).strip(): _as_date(v, tz, "go_live", func) for k, v in go_live.items()}
        unknown = [k for k in parsed if k not in groups]
        if unknown:
            raise ParameterError(
                f"The 'go_live' parameter of {func} maps group {unknown[0]!r}, which is not a "
                f"value of the roster's '{by}' column; groups are: {', '.join(groups)}."
                + did_you_mean(unknown[0], groups))
        missing = [g for g in groups if g not in parsed]
        if missing:
            raise ParameterError(
                f"The 'go_live' parameter of {func} gives no date for {', '.join(missing)} "
                f"(groups of the roster's '{by}' column); give a date for every group, or one "
                "date for all.")
        return {g: parsed[g] for g in groups}
    day = _as_date(go_live, tz, "go_live", func)
    return {g: day for g in groups}


def _periods(start: pd.Timestamp, end: pd.Timestamp, freq: str, func: str) -> pd.DatetimeIndex:
    try:
        periods = pd.period_range(start, end, freq=freq)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ParameterError(f"The 'freq' parameter of {func} must be a pandas period frequency "
                             f"such as 'W' (weeks ending Sunday), 'W-FRI', 'D' or 'M'. Got "
                             f"{freq!r} instead ({exc}).") from None
    return pd.DatetimeIndex(periods.end_time.normalize()).as_unit("ns")


def _event_counts(person: np.ndarray, times: np.ndarray, n_people: int, lo: np.ndarray,
                  hi: np.ndarray) -> np.ndarray:
    """Events per person (rows) in each window ``[lo[k], hi[k])`` (columns).

    One sort of the events keyed by (person, second), then two binary searches per person and
    window: no loop over people, periods or events.
    """
    out_shape = (n_people, len(lo))
    if len(person) == 0 or n_people == 0:
        return np.zeros(out_shape, dtype=np.int64)
    origin = min(times.min(), lo.min()).astype("datetime64[D]").astype("datetime64[ns]")
    sec = np.timedelta64(1, "s")
    t = (times - origin) // sec
    a = -((origin - lo) // sec)   # ceil
    b = -((origin - hi) // sec)
    k = int(max(t.max(), b.max())) + 2
    keys = np.sort(person.astype(np.int64) * k + t.astype(np.int64))
    base = (np.arange(n_people, dtype=np.int64) * k)[:, None]
    return (np.searchsorted(keys, base + b[None, :], side="left")
            - np.searchsorted(keys, base + a[None, :], side="left"))


# -- adoption ---------------------------------------------------------------------------------

def adoption(usage: pd.DataFrame, roster: pd.DataFrame, *, go_live=None, freq: str = "W",
             window: str | pd.Timedelta = "7D", min_events: int = 1, by: str = "team",
             system: str | Iterable[str] | None = None,
             actions: str | Iterable[str] | None = None, tz: str | None = None,
             until=None, total: bool = True) -> pd.DataFrame:
    """Share of the roster actively using the system, per period and group.

    Parameters
    ----------
    usage : DataFrame
        From `read_usage` (or any frame with ``user`` and a datetime ``timestamp``; optional
        ``system`` and ``action``).
    roster : DataFrame
        From `read_roster` (or any frame with ``user`` and the ``by`` column; optional
        ``start_date`` and ``leave_date``).
    go_live : date, mapping or None
        The go-live date (``"2026-03-02"``), or a mapping of group (value of ``by``) to date when
        groups went live at different times, or None: the day of the first qualifying event
        (logged).
    freq : str
        Period frequency: ``"W"`` (weeks ending Sunday, default), ``"W-FRI"``, ``"D"``, ``"M"``.
    window : str or Timedelta
        How far back an event counts as "active now" from the end of each period (``"7D"``).
    min_events : int
        Qualifying events in the window needed to count as active (default 1).
    by : str
        Roster column to group by (``"team"``, ``"firm"``, ``"role"``, ...).
    system : str or list of str, optional
        Count only events of this system (case-insensitive). Ignored, with a log message, when
        the usage log names no systems.
    actions : str or list of str, optional
        Count only these actions (a login alone may not be use).
    tz : str, optional
        Time zone for usage times with offsets; see the module docstring.
    until : date, optional
        Extend the periods up to this date (for example today), even without events.
    total : bool
        Add the whole roster as group ``"All"`` (default True).

    Returns
    -------
    DataFrame
        One row per group and period: the ``by`` column (when it is not ``team``), ``team``
        (always: the group value), ``period`` (the period's last day), ``go_live``,
        ``weeks_since_go_live`` (Int64), ``active``, ``roster``, ``share`` (active / roster;
        NaN for an empty roster), ``relapsed``, ``never_active``, ``total`` (True for the
        ``"All"`` row). Ordered by group (total last), then period. ``.attrs``: ``unknown_users``
        (user, events, first_event, last_event), ``go_live`` (group -> date), ``window``,
        ``min_events``, ``freq``, ``by``, ``system``.

    Examples
    --------
    >>> import shadowing as sh
    >>> usage = sh.read_usage(sh.sample_path("crm") / "usage.csv")
    >>> roster = sh.read_roster(sh.sample_path("crm") / "roster.csv")
    >>> curve = sh.adoption(usage, roster, go_live="2026-01-05", system="CRM")
    >>> week8 = curve[curve["total"] & (curve["weeks_since_go_live"] == 8)]
    >>> week8[["active", "roster", "share"]].values.tolist()
    [[7.0, 35.0, 0.2]]
    >>> print(sh.adoption_summary(curve, system="CRM", at_weeks=8)["All"])
    Overall: 8 weeks after go-live, 7 of 35 people (20%) used the CRM in the last 7 days.
    """
    func = "adoption"
    try:
        win = pd.Timedelta(window)
    except (ValueError, TypeError):
        win = None
    if win is None or pd.isna(win) or win <= pd.Timedelta(0):
        raise ParameterError(f"The 'window' parameter of {func} must be a positive duration such "
                             f"as '7D' or '30D'. Got {window!r} instead.")
    min_events = check_number("min_events", min_events, func=func, integer=True, low=1)
    check_choice("total", total, (True, False), func=func)
    prep = _prepare(usage, roster, by=by, system=system, actions=actions, tz=tz, func=func)
    people = prep.roster
    groups = sorted(people["group"].unique().tolist())
    if total and TOTAL in groups:
        raise InputError(f"{func}: the roster has a group called {TOTAL!r} in column '{by}', the "
                         "name of the whole-roster total; rename it or pass total=False.",
                         source="DataFrame")
    go = _go_lives(go_live, groups, prep, tz, by, func)
    go_first, go_last = min(go.values()), max(go.values())
    if prep.n_events == 0:
        log.warning("%s: the usage log has no qualifying events%s; everyone counts as inactive",
                    func, f" for system {system!r}" if system is not None else "")
    if prep.span[1] is not None and go_first > prep.span[1]:
        log.warning("%s: the go-live (%s) is after the last usage event (%s); check the date",
                    func, f"{go_first:%Y-%m-%d}", f"{prep.span[1]:%Y-%m-%d}")
    starts = [go_first] + ([prep.span[0]] if prep.span[0] is not None else [])
    ends = [go_last] + ([prep.span[1]] if prep.span[1] is not None else [])
    if until is not None:
        ends.append(_as_date(until, tz, "until", func))
    period = _periods(min(starts), max(ends), freq, func)
    e = period.to_numpy(dtype="datetime64[ns]")
    hi = e + _DAY
    lo = hi - win.to_timedelta64()

    n = len(people)
    counts = _event_counts(prep.person, prep.times, n, lo, hi)
    st = people["start"].to_numpy(dtype="datetime64[ns]")[:, None]
    lv = people["leave"].to_numpy(dtype="datetime64[ns]")[:, None]
    employed = ((np.isnat(st) | (st <= e[None, :])) & (np.isnat(lv) | (lv >= e[None, :])))
    active = employed & (counts >= min_events)
    ever = np.logical_or.accumulate(active, axis=1)
    before = np.zeros_like(ever)
    before[:, 1:] = ever[:, :-1]
    relapsed = employed & ~active & before
    never = employed & ~ever

    gcodes = pd.Index(groups).get_indexer(people["group"])
    names = list(groups)
    onehot = np.zeros((len(groups), n), dtype=np.int64)
    onehot[gcodes, np.arange(n)] = 1
    if total:
        onehot = np.vstack([onehot, np.ones((1, n), dtype=np.int64)])
        names.append(TOTAL)
    sums = {name: onehot @ m.astype(np.int64)
            for name, m in (("active", active), ("roster", employed), ("relapsed", relapsed),
                            ("never_active", never))}
    g = len(names)
    p = len(e)
    gl = [go[x] for x in groups]
    if total:
        gl.append(go_first if go_first == go_last else pd.NaT)
    gl_arr = np.repeat(np.asarray(pd.DatetimeIndex(gl).as_unit("ns")), p)
    hi_tiled = np.tile(hi, g)
    no_go = np.isnat(gl_arr)
    weeks = pd.array((hi_tiled - np.where(no_go, hi_tiled, gl_arr)) // _WEEK, dtype="Int64")
    weeks[no_go] = pd.NA
    out = pd.DataFrame({
        "team": np.repeat(np.asarray(names, dtype=object), p),
        "period": np.tile(e, g),
        "go_live": gl_arr,
        "weeks_since_go_live": weeks,
        "active": sums["active"].ravel(),
        "roster": sums["roster"].ravel(),
    })
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(out["roster"] > 0, out["active"] / out["roster"].where(
            out["roster"] > 0, 1), np.nan)
    out["relapsed"] = sums["relapsed"].ravel()
    out["never_active"] = sums["never_active"].ravel()
    out["total"] = np.repeat(np.asarray([False] * len(groups) + [True] * total), p)
    out["holiday"] = np.tile(_holiday_periods(sums["active"][: len(groups)].sum(axis=0)), g)
    if by != "team":
        out.insert(0, by, out["team"])
    out.attrs = {"unknown_users": prep.unknown, "go_live": dict(go), "window": win,
                 "min_events": int(min_events), "freq": freq, "by": by,
                 "system": system if system is None or isinstance(system, str)
                 else tuple(_as_list(system))}
    return out


def _holiday_periods(active: np.ndarray) -> np.ndarray:
    """Periods in which (nearly) nobody was active although people were before and after: a
    collective holiday (fewer than `HOLIDAY_SHARE` of the median active count of the periods
    in between). They are facts of the calendar, not a collapse of adoption."""
    active = np.asarray(active, dtype=float)
    used = np.flatnonzero(active > 0)
    out = np.zeros(len(active), dtype=bool)
    if len(used) < 2:
        return out
    first, last = used[0], used[-1]
    inside = active[first:last + 1]
    norm = float(np.median(inside[inside > 0]))
    out[first:last + 1] = inside < HOLIDAY_SHARE * norm
    return out


# -- depth of use -----------------------------------------------------------------------------

def _period_bounds(period, tz, func: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """``(start, end_exclusive)`` of a period given as a pandas Period-like or (start, end)."""
    if period is None:
        return None, None
    if isinstance(period, (tuple, list)) and len(period) == 2:
        a = _as_date(period[0], tz, "period", func)
        b = _as_date(period[1], tz, "period", func)
        if b < a:
            raise ParameterError(f"The 'period' parameter of {func} must run forwards; got "
                                 f"{period[0]!r} to {period[1]!r}.")
        return a.normalize(), b.normalize() + pd.Timedelta(days=1)
    try:
        p = period if isinstance(period, pd.Period) else pd.Period(period)
    except (ValueError, TypeError):
        raise ParameterError(f"The 'period' parameter of {func} must be a (start, end) pair of "
                             "dates (both days included) or a period such as '2026-04' or "
                             f"'2026Q2'. Got {period!r} instead.") from None
    return p.start_time, p.end_time.normalize() + pd.Timedelta(days=1)


def depth_of_use(usage: pd.DataFrame, roster: pd.DataFrame, *,
                 core_actions: Iterable[str] | None = None, period=None,
                 coverage: float = 0.8, system: str | Iterable[str] | None = None,
                 tz: str | None = None) -> pd.DataFrame:
    """How many of the system's core actions each person uses.

    Parameters
    ----------
    usage, roster : DataFrame
        As in `adoption`; the usage log must have actions.
    core_actions : list of str, optional
        The actions that make up real use of the system. By default: the most common actions
        that together cover ``coverage`` (80%) of the events of roster users in the period
        (most common first; the action that crosses the threshold is included).
    period : (start, end) or str, optional
        Only events in this period: a pair of dates (both days included) or a pandas period
        such as ``"2026-04"``. Default: the whole log.
    coverage : float
        Share of events the default core actions cover (0 < coverage <= 1).
    system, tz
        As in `adoption`.

    Returns
    -------
    DataFrame
        One row per roster person employed during the period: ``user``, ``name``, ``team``,
        ``firm``, ``role`` (where the roster has them), ``events``, ``actions_used`` (distinct
        actions), ``core_used``, ``core_total``, ``depth`` (core_used / core_total),
        ``core_missing`` (the core actions not used, comma-separated). Ordered by depth (deepest
        first), then user. ``.attrs``: ``core_actions`` (list), ``unknown_users``.
    """
    func = "depth_of_use"
    coverage = check_number("coverage", coverage, func=func, low=0, low_open=True, high=1,
                            what="a share")
    prep = _prepare(usage, roster, by="user", system=system, actions=None, tz=tz, func=func,
                    need_actions=True)
    people = prep.roster
    start, end = _period_bounds(period, tz, func)
    t = prep.times
    keep = np.ones(len(t), dtype=bool)
    if start is not None:
        keep = (t >= np.datetime64(start.to_datetime64())) & (t < np.datetime64(end.to_datetime64()))
    acts = prep.actions[keep].reset_index(drop=True)
    person = prep.person[keep]
    has = acts.notna().to_numpy()
    ev = pd.DataFrame({"person": person[has], "action": acts[has].to_numpy()})
    counts = ev["action"].value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    if core_actions is None:
        if counts.empty:
            core: list[str] = []
        else:
            cum = counts.cumsum() / counts.sum()
            n_core = int(np.searchsorted(cum.to_numpy(), coverage - 1e-12, side="left")) + 1
            core = counts.index[:n_core].tolist()
    else:
        core = _as_list(core_actions)
        known = set(counts.index.astype(str))
        unknown = [c for c in core if c not in known]
        if unknown and not counts.empty:
            log.warning("%s: core action(s) %s never occur in the usage log (in the period)",
                        func, ", ".join(map(repr, unknown)))
    # who was employed during the period (or the log's span)
    span_start = start if start is not None else prep.first
    span_end = end if end is not None else (prep.last + pd.Timedelta(days=1)
                                            if prep.last is not None else None)
    emp = np.ones(len(people), dtype=bool)
    if span_start is not None and span_end is not None:
        st = people["start"].to_numpy(dtype="datetime64[ns]")
        lv = people["leave"].to_numpy(dtype="datetime64[ns]")
        emp = ((np.isnat(st) | (st < np.datetime64(span_end.to_datetime64())))
               & (np.isnat(lv) | (lv >= np.datetime64(span_start.normalize().to_datetime64()))))
    n = len(people)
    events = np.bincount(person, minlength=n)
    pairs = ev.drop_duplicates()
    used = np.bincount(pairs["person"].to_numpy(), minlength=n)
    core_pairs = pairs[pairs["action"].isin(core)]
    core_used = np.bincount(core_pairs["person"].to_numpy(), minlength=n)
    have = np.zeros((n, len(core)), dtype=bool)
    if len(core_pairs):
        have[core_pairs["person"].to_numpy(), pd.Index(core).get_indexer(core_pairs["action"])] = True
    core_arr = np.asarray(core, dtype=object)
    missing = [", ".join(core_arr[~row]) for row in have]  # one join per person (rosters are small)
    out = pd.DataFrame({"user": people["user"].to_numpy()})
    for col in ("name", "team", "firm", "role"):
        if col in people.columns:
            out[col] = people[col].to_numpy()
    out["events"] = events.astype("int64")
    out["actions_used"] = used.astype("int64")
    out["core_used"] = core_used.astype("int64")
    out["core_total"] = len(core)
    out["depth"] = core_used / len(core) if core else np.nan
    out["core_missing"] = missing
    out = out.loc[emp].sort_values(["depth", "user"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs = {"core_actions": list(core), "unknown_users": prep.unknown}
    return out


# -- off-system work over time -----------------------------------------------------------------

def off_system_by_period(observations, *, official: str | Iterable[str] = ("ERP",),
                         freq: str = "W") -> pd.DataFrame:
    """Share of observed time spent off the official system(s), per period.

    The same measure as `shadowing.off_system` (its ``overall`` row), computed for each period
    of ``freq`` that has observations, so it can be drawn beside the adoption curve
    (``plot_adoption(curve, off_system=off_system_by_period(obs, official="CRM"))``).

    Parameters
    ----------
    observations : Observations or DataFrame
        From `shadowing.read_observations`.
    official : str or list of str
        The system(s) that should hold the work.
    freq : str
        Period frequency, as in `adoption` (``"W"``: weeks ending Sunday).

    Returns
    -------
    DataFrame
        ``period`` (the period's last day, as in `adoption`), ``hours`` (observed),
        ``off_system_hours``, ``share``; one row per period with observations.
    """
    from .timeuse import obs_frame, off_system  # noqa: PLC0415 - keeps the modules apart

    func = "off_system_by_period"
    frame = obs_frame(observations, func=func)
    start = pd.to_datetime(frame["start"])
    if start.dt.tz is not None:
        start = start.dt.tz_localize(None)
    if start.isna().all():
        raise InputError(f"{func}: the observations have no start times, so they cannot be put "
                         "in periods.", source="DataFrame")
    try:
        ends = start.dt.to_period(freq).dt.end_time.dt.normalize()
    except (ValueError, TypeError, AttributeError) as exc:
        raise ParameterError(f"The 'freq' parameter of {func} must be a pandas period frequency "
                             f"such as 'W', 'D' or 'M'. Got {freq!r} instead ({exc}).") from None
    rows = []
    for day, idx in ends.groupby(ends, sort=True).groups.items():   # one call per period
        overall = off_system(frame.loc[idx], official=official).iloc[0]
        rows.append((day, overall["hours"], overall["off_system_hours"], overall["share"]))
    out = pd.DataFrame(rows, columns=["period", "hours", "off_system_hours", "share"])
    out["period"] = pd.to_datetime(out["period"]).astype("datetime64[ns]")
    return out
