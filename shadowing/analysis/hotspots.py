"""Waste hotspots: where the team's time and the cases' waiting go, each with its evidence.

`hotspots` runs the detectors (`shadowing.analysis.waste` and `.waits` on an event log,
`.waste_observed` on shadowing observations), links the irritation brainstorm to the rows it
describes (`.hotspot_links`), prices and ranks the rows by one visible rule, and words the
facts (`shadowing.wording.hotspots`).

Two currencies, never mixed:

* ``staff_hours_per_month`` - people's working time lost;
* ``wait_hours_per_month`` - case-hours of avoidable waiting (lead time), 0 for other wastes;
* ``cost_per_month`` = staff hours x ``hourly_rate`` + wait case-days x ``cost_of_delay``
  (the second only when the analyst gives a cost of delay: there is no default). A row with
  nothing valued has no cost (NaN), never a cost made from case-hours x the hourly rate.

"Per month" is over the log's bulk period (`shadowing.analysis.hotspot_period`) and, for
observations, over the extrapolation rule (`.waste_observed.observation_scaling`); both are
stated once, in ``attrs``.

Ranking: by ``cost_per_month`` (``staff_hours_per_month`` without an hourly rate); rows
without that figure (waits without a cost of delay, frustrations without data) follow, waits
by case-hours; ``frustration_votes`` only break ties, unless the analyst asks for a blended
``score`` (``weights=``), which is then a column of its own and the ranking.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Literal, Mapping

import numpy as np
import pandas as pd

from .. import i18n
from ..errors import ColumnNotFoundError, InputError, ParameterError, check_choice, check_number
from ..io.frustrations import read_frustrations
from ..io.observations import read_observations
from ..wording import hotspots as words
from . import bootstrap as B
from . import hotspot_period as P
from . import waits as WT
from . import waste as W
from . import waste_observed as WO
from .hotspot_links import link_frustrations, order_links

log = logging.getLogger(__name__)

#: The columns of a hotspot table, in order (``score`` is added after ``cost_per_month`` only
#: when a blended score is asked for).
COLUMNS = ["rank", "waste", "where", "kind", "occurrences", "cases", "share_of_cases",
           "staff_hours_per_month", "staff_hours_per_month_low", "staff_hours_per_month_high",
           "wait_hours_per_month", "wait_hours_per_month_low", "wait_hours_per_month_high",
           "cost_per_month", "cost_per_month_low", "cost_per_month_high",
           "frustration_votes", "severity", "strength", "range_units", "range_basis",
           "evidence", "explanation", "explanation_nl", "source"]

#: A hotspot is "not yet proven" when the low end of its range is zero, or when it rests on
#: fewer than this many observed person-days (observations) ...
MIN_PROOF_DAYS = 3
#: ... or fewer than this many occurrences (observed stretches or log events).
MIN_PROOF_OCCURRENCES = 5
#: Values of the ``strength`` column.
STRENGTHS = ("proven", "not yet proven")

#: Weights of a blended score, when one is asked for.
WEIGHTS = {"cost": 0.7, "frustration": 0.3}

#: Waste types (the ``waste`` column's vocabulary).
WASTES = ("waiting", "rework", "redo", "ping-pong", "system switching", "double entry",
          "off-system work", "interruption", "searching", "frustration")

_TYPES = {"rank": "int64", "occurrences": "int64", "cases": "int64", "share_of_cases": float,
          "staff_hours_per_month": float, "wait_hours_per_month": float,
          "cost_per_month": float, "frustration_votes": "int64", "severity": float,
          "score": float, "staff_hours_per_month_low": float,
          "staff_hours_per_month_high": float, "wait_hours_per_month_low": float,
          "wait_hours_per_month_high": float, "cost_per_month_low": float,
          "cost_per_month_high": float, "range_units": float}


# -- inputs -------------------------------------------------------------------------------------

def _observations_frame(observations) -> pd.DataFrame:
    if isinstance(observations, (str, Path)):
        observations = read_observations(observations)
    frame = getattr(observations, "frame", observations)
    if not isinstance(frame, pd.DataFrame):
        raise InputError("hotspots: 'observations' must be an Observations object (from "
                         "read_observations), a DataFrame or a path; got "
                         f"{type(observations).__name__}.")
    frame = frame.copy()
    if "duration_min" not in frame.columns and {"start", "end"} <= set(frame.columns):
        frame["duration_min"] = (pd.to_datetime(frame["end"]) - pd.to_datetime(frame["start"])
                                 ).dt.total_seconds() / 60.0
    missing = [c for c in WO.OBS_REQUIRED if c not in frame.columns]
    if missing:
        raise ColumnNotFoundError(
            f"observations: column(s) {', '.join(missing)} not found; expected the canonical "
            f"columns of read_observations ({', '.join(WO.OBS_REQUIRED)}, ...); columns are: "
            f"{', '.join(map(str, frame.columns))}.", source="observations")
    return frame


def _frustrations_frame(frustrations) -> pd.DataFrame:
    if isinstance(frustrations, (str, Path)):
        frustrations = read_frustrations(frustrations)
    if not isinstance(frustrations, pd.DataFrame):
        raise InputError("hotspots: 'frustrations' must be a DataFrame (from read_frustrations) "
                         f"or a path; got {type(frustrations).__name__}.")
    f = frustrations.copy()
    if "text" not in f.columns:
        raise ColumnNotFoundError(
            "frustrations: column 'text' not found; expected the columns of read_frustrations "
            "(frustration_id, text, votes, activity, system, role); columns are: "
            f"{', '.join(map(str, f.columns))}.", source="frustrations")
    if "frustration_id" not in f.columns:
        f["frustration_id"] = [f"F{i + 1}" for i in range(len(f))]
    if "votes" not in f.columns:
        f["votes"] = 1
    votes = pd.to_numeric(f["votes"], errors="coerce")
    bad = votes.isna() | (votes < 0)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        row = f["line"].iloc[i] if "line" in f.columns else i + 1
        raise InputError(f"frustrations: column 'votes', row {row}: expected a number of votes "
                         f"(0 or more), found {f['votes'].iloc[i]!r}.", source="frustrations")
    f["votes"] = votes.astype("int64")
    for col in ("activity", "system", "role"):
        if col not in f.columns:
            f[col] = pd.NA
    f["frustration_id"] = f["frustration_id"].astype(str)
    return f.reset_index(drop=True)


def _official(official_systems) -> tuple[str, ...]:
    if official_systems is None:
        return ()
    if isinstance(official_systems, str):
        return (official_systems,)
    try:
        return tuple(str(s) for s in official_systems)
    except TypeError:
        raise ParameterError("The 'official_systems' parameter of hotspots must be a system name "
                             "or a list of them. Got "
                             f"{official_systems!r} instead.") from None


def _weights(weights) -> dict[str, float] | None:
    if weights is None:
        return None
    if not isinstance(weights, Mapping):
        raise ParameterError("The 'weights' parameter of hotspots must be a mapping like "
                             f"{{'cost': 0.7, 'frustration': 0.3}}. Got {weights!r} instead.")
    unknown = [k for k in weights if k not in WEIGHTS]
    if unknown:
        raise ParameterError(f"The 'weights' parameter of hotspots takes the keys 'cost' and "
                             f"'frustration'. Got {unknown[0]!r} instead.")
    out = {k: weights.get(k, 0.0) for k in WEIGHTS}
    for k, v in out.items():
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not np.isfinite(v) or v < 0:
            raise ParameterError(f"The 'weights' parameter of hotspots must hold numbers of 0 or "
                                 f"more. Got {k}={v!r} instead.")
    total = sum(out.values())
    if total <= 0:
        raise ParameterError("The 'weights' parameter of hotspots must have a weight above 0. "
                             f"Got {dict(weights)!r} instead.")
    return {k: float(v) / total for k, v in out.items()}


def _positive(name: str, value, *, integer: bool = False, func: str = "hotspots"):
    if value is None:
        return None
    if integer and isinstance(value, float) and value.is_integer():
        value = int(value)     # 30.0 people is 30 people
    return check_number(name, value, func=func, low=0, low_open=True, integer=integer,
                        what="a whole number" if integer else "a number")


def _wait_norms(wait_norms) -> dict | None:
    if wait_norms is None:
        return None
    if not isinstance(wait_norms, Mapping):
        raise ParameterError("The 'wait_norms' parameter of hotspots must be a mapping of "
                             "transitions to hours, like {'Approve → Pay': 8}. Got "
                             f"{wait_norms!r} instead.")
    out = {}
    for k, v in wait_norms.items():
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v) and v >= 0
        if not ok:
            raise ParameterError("The 'wait_norms' parameter of hotspots must give hours of 0 or "
                                 f"more per transition. Got {k!r}: {v!r} instead.")
        out[k] = float(v)
    return out


# -- ranking ------------------------------------------------------------------------------------

def _price(rows: pd.DataFrame, rate: float | None, cod: float | None, hpd: float
           ) -> pd.Series:
    staff = rows["staff_hours_per_month"].astype(float)
    wait = rows["wait_hours_per_month"].astype(float)
    cost = pd.Series(0.0, index=rows.index)
    valued = pd.Series(False, index=rows.index)
    if rate is not None:
        cost += staff * rate
        valued |= staff > 0
    if cod is not None:
        cost += wait / hpd * cod
        valued |= wait > 0
    return cost.where(valued)


def _price_range(rows: pd.DataFrame, rate, cod, hpd) -> tuple[pd.Series, pd.Series]:
    """``cost_per_month_low/_high`` from the hour ranges (NaN where a valued part has none)."""
    ends = []
    for end in ("_low", "_high"):
        staff = rows["staff_hours_per_month" + end].astype(float)
        wait = rows["wait_hours_per_month" + end].astype(float)
        cost = pd.Series(0.0, index=rows.index)
        if rate is not None:
            cost += staff.where(rows["staff_hours_per_month"] > 0, 0.0) * rate
        if cod is not None:
            cost += wait.where(rows["wait_hours_per_month"] > 0, 0.0) / hpd * cod
        ends.append(cost.where(rows["cost_per_month"].notna()))
    return ends[0], ends[1]


def _strength(rows: pd.DataFrame) -> pd.Series:
    """``proven`` or ``not yet proven`` (see `MIN_PROOF_DAYS`, `MIN_PROOF_OCCURRENCES`)."""
    staff = rows["staff_hours_per_month"].fillna(0.0) > 0
    low = rows["staff_hours_per_month_low"].where(staff, rows["wait_hours_per_month_low"])
    has_data = staff | (rows["wait_hours_per_month"].fillna(0.0) > 0)
    weak = (~has_data | (low.notna() & (low <= 0))
            | (rows["occurrences"] < MIN_PROOF_OCCURRENCES)
            | ((rows["source"] == "observations") & (low.isna() | (
                rows["range_units"].fillna(0) < MIN_PROOF_DAYS))))
    return pd.Series(np.where(weak, STRENGTHS[1], STRENGTHS[0]), index=rows.index,
                     dtype=object)


def _rank(rows: pd.DataFrame, ranked_by: str, weights: dict | None) -> pd.DataFrame:
    out = rows.copy()
    votes = out["frustration_votes"].astype(float)
    if weights is not None:
        basis = out[ranked_by].fillna(0.0).astype(float)
        c = basis / basis.max() if len(out) and basis.max() > 0 else basis * 0.0
        f = votes / votes.max() if len(out) and votes.max() > 0 else votes * 0.0
        out["score"] = weights["cost"] * c + weights["frustration"] * f
        keys_, asc = ["score", ranked_by, "wait_hours_per_month"], [False, False, False]
    else:
        value = out[ranked_by].astype(float)
        out["_valued"] = value.notna() & (value > 0)
        out["_primary"] = value.where(out["_valued"], 0.0)
        keys_ = ["_valued", "_primary", "wait_hours_per_month", "frustration_votes"]
        asc = [False, False, False, False]
    out = out.sort_values(keys_ + ["waste", "where"], ascending=asc + [True, True],
                          kind="stable")
    out["rank"] = np.arange(1, len(out) + 1)
    return out.drop(columns=["_valued", "_primary"], errors="ignore").reset_index(drop=True)


def empty_table(*, blended: bool = False) -> pd.DataFrame:
    cols = _columns(blended)
    return pd.DataFrame({c: pd.Series(dtype=_TYPES.get(c, object)) for c in cols})


def _columns(blended: bool) -> list[str]:
    if not blended:
        return list(COLUMNS)
    at = COLUMNS.index("cost_per_month") + 1
    return COLUMNS[:at] + ["score"] + COLUMNS[at:]


# -- the public functions -----------------------------------------------------------------------

def hotspots(log=None, *, observations=None, frustrations=None, hourly_rate: float | None = None,
             cost_of_delay: float | None = None,
             official_systems: Iterable[str] | str | None = None, team_size: int | None = None,
             wait_norms: Mapping | None = None, weights: Mapping[str, float] | None = None,
             clock: Literal["auto", "working", "calendar"] = "auto",
             lang: Literal["en", "nl"] = "en", level: float = 0.9, n_boot: int = 2000,
             seed: int | None = None) -> pd.DataFrame:
    """Rank where the team's time and the cases' waiting go, from a log, observations and
    frustrations.

    Parameters
    ----------
    log : EventLog or DataFrame, optional
        An event log (pm4py column names). Detects avoidable waiting on transitions (against
        each transition's own norm; designed waits listed apart), rework and redo (repeated
        steps), ping-pong between people (or roles, when the log has a ``role`` column), system
        switches within a sitting, double entry (the same step again in another system) and,
        with ``official_systems``, steps recorded in other systems. Duplicate events and cases
        with stray dates (as `quality` flags them) are left out.
    observations : Observations, DataFrame or path, optional
        Shadowing observations (`read_observations`). Detects tagged waste (waiting, rework,
        searching, double entry, interruption), tasks that touch several tools ("checking N
        systems") and, with ``official_systems``, off-system work.
    frustrations : DataFrame or path, optional
        The irritation brainstorm (`read_frustrations`). Each frustration links to every row
        whose place, system, role and words match it; one that matches nothing becomes a row of
        its own (waste ``frustration``, no hours, "No supporting data").
    hourly_rate : float, optional
        Loaded cost of an hour of staff time (euros). Without it the table ranks by staff hours.
    cost_of_delay : float, optional
        Euros per case-day of waiting (a day on the log's clock: 24 calendar hours, or one
        working day on the working clock). No default: without it waiting has no money figure.
    official_systems : str or list of str, optional
        The system(s) that should hold the work (``["ERP"]``); needed for off-system work.
    team_size : int, optional
        People in the team; observed time per person-day is scaled to this team and
        21 working days a month. Default: the number of people observed (stated).
    wait_norms : mapping, optional
        The analyst's norm per transition, in hours: ``{"Approve → Pay": 8}`` (or with
        ``(a, b)`` keys). Such a transition is judged against it, even a designed wait.
    weights : mapping, optional
        Ask for a blended score ``{"cost": 0.7, "frustration": 0.3}`` (scaled to sum 1): adds a
        ``score`` column and ranks by it. Default: no score; votes break ties only.
    clock : {"auto", "working", "calendar"}
        How waits are counted: working hours (Mon-Fri 08:00-18:00) or calendar hours. ``"auto"``
        uses working hours when at least 90% of the events fall inside them.
    lang : {"en", "nl"}
        Language of the ``attrs`` sentences; explanations are given in both languages.
    level, n_boot, seed :
        Ranges (``_low``/``_high``): rows found in observations get a ``level`` (default 90%)
        percentile bootstrap over ``n_boot`` resamples of whole observed person-days,
        stratified by role (`shadowing.analysis.bootstrap`; the same ``seed`` gives the same
        ranges); rows found in a log get a Student-t interval from the variation of their
        monthly figure between months (between weeks when the log spans under three months).

    Returns
    -------
    DataFrame
        One row per hotspot, ranked: ``rank``, ``waste``, ``where``, ``kind``, ``occurrences``,
        ``cases``, ``share_of_cases`` (0..1 of the log's cases, or of the observed cases;
        NaN when unknown), ``staff_hours_per_month`` (people's time), ``wait_hours_per_month``
        (case-hours of avoidable waiting), ``cost_per_month`` (euros; NaN when nothing in the
        row is valued), each followed by its range ``_low``/``_high`` (NaN when the data give
        none), [``score``], ``frustration_votes``, ``severity`` (0..1), ``strength``
        (``"proven"``, or ``"not yet proven"`` when the range's low end is zero or the row
        rests on fewer than `MIN_PROOF_OCCURRENCES` occurrences or, for observations,
        `MIN_PROOF_DAYS` person-days), ``range_units`` (person-days the waste was seen on, or
        months/weeks behind a log row's range), ``range_basis`` (``"person-days"``,
        ``"months"``, ``"weeks"``), ``evidence``, ``explanation``, ``explanation_nl``,
        ``source``. ``.attrs``: ``interval`` (level, resamples, seed, method), ``period`` (the bulk
        period and what was set aside), ``period_sentence``, ``observations`` and ``scaling``
        (the extrapolation rule), ``extrapolation`` (both sentences, stated once),
        ``waiting`` (the norm rule), ``designed_waits`` (records; see `designed_waits`),
        ``frustration_links`` (records, one per frustration), ``ranked_by``, ``ranking``,
        ``min_case_share``, ``capacity_hours_per_month`` and ``capacity_basis``,
        ``hourly_rate``, ``cost_of_delay``, ``weights``, ``thresholds``, ``left_out`` (patterns
        under the minimum support, per waste), ``overlaps`` (occurrences not counted again
        because an earlier waste counted that time), ``notes``.

    Raises
    ------
    ParameterError
        No input at all, or a parameter out of range.
    ColumnNotFoundError
        A log, observations or frustrations without the needed columns.

    Examples
    --------
    >>> import pandas as pd, shadowing as sh
    >>> rows = [(f"c{k}", a, pd.Timestamp("2026-01-05 09:00") + pd.Timedelta(days=k, minutes=m),
    ...          "ann") for k in range(4) for a, m in (("enter", 0), ("check", 10), ("check", 20))]
    >>> df = pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp",
    ...                                  "org:resource"])
    >>> table = sh.hotspots(df, hourly_rate=45)
    >>> table[["waste", "where", "occurrences"]].to_string(index=False)
    ' waste where  occurrences\\nrework check            4'
    """
    check_choice("lang", lang, i18n.LANGS, func="hotspots")
    check_choice("clock", clock, ("auto", "working", "calendar"), func="hotspots")
    if log is None and observations is None and frustrations is None:
        raise ParameterError("hotspots needs at least one of 'log', 'observations' or "
                             "'frustrations'. Got none of them.")
    rate = _positive("hourly_rate", hourly_rate)
    cod = _positive("cost_of_delay", cost_of_delay)
    team = _positive("team_size", team_size, integer=True)
    norms = _wait_norms(wait_norms)
    wts = _weights(weights)
    level = check_number("level", level, func="hotspots", low=0, high=1, low_open=True,
                         high_open=True, what="a share (0.9 for a 90% range)")
    n_boot = _positive("n_boot", n_boot, integer=True)
    ctx = W.Context(official=_official(official_systems), level=float(level), n_boot=n_boot,
                    seed=seed)
    ranked_by = "cost_per_month" if rate is not None else "staff_hours_per_month"
    attrs: dict = {"weights": wts, "hourly_rate": rate, "cost_of_delay": cod,
                   "official_systems": list(ctx.official), "thresholds": _thresholds(),
                   "notes": ctx.notes, "ranked_by": ranked_by,
                   "min_case_share": W.MIN_CASE_SHARE, "designed_waits": [],
                   "frustration_links": [], "period": None, "observations": None}
    sentences = {"en": [], "nl": []}
    parts = []
    hpd = WT.hours_per_day("calendar")
    capacity_people, capacity_basis = None, None

    od = None
    if observations is not None:
        od = WO.prepare_observations(_observations_frame(observations))
        scaling = WO.observation_scaling(od, team)
        ctx.obs_factor = scaling.factor
        attrs["observations"] = scaling.as_dict()
        for lg in sentences:
            sentences[lg].append(words.scaling_sentence(scaling.as_dict(), lg))
        med = od.frame.groupby(od.frame["activity"].astype(str).map(W.fold))["duration_min"]
        ctx.observed_minutes = med.median().to_dict()
        capacity_people, capacity_basis = scaling.team_size, (
            "team size" if team is not None else "people observed")

    if log is not None:
        la = P.log_arrays(log, clock=clock)
        ctx.min_cases = W.min_cases_for(la.ev.n_cases)
        waiting, designed, info = WT.detect_waiting(la, ctx, wait_norms=norms)
        parts += [waiting, W.staff_rows(la, ctx)]
        hpd = WT.hours_per_day(la.clock)
        attrs["waiting"] = info
        attrs["period"] = la.period.as_dict()
        if la.ev.n_events:
            for lg in sentences:
                sentences[lg].insert(0, words.period_sentence(attrs["period"], lg))
        attrs["designed_waits"] = [
            {"where": w, "source": f["a"], "target": f["b"], "transitions": f["transitions"],
             "cases": f["cases"], "share_of_cases": f["share_of_cases"],
             "median_hours": f["median_hours"], "within_share": f["within_share"],
             "explanation": words.designed_sentence(f, "en"),
             "explanation_nl": words.designed_sentence(f, "nl")}
            for w, f in zip(designed["where"], designed["facts"])]
        if team is not None:
            capacity_people, capacity_basis = team, "team size"
        elif la.n_resources and capacity_basis != "team size":
            capacity_people = max(capacity_people or 0, la.n_resources)
            capacity_basis = "resources in the log"
    if od is not None:
        parts.append(WO.observation_rows(od, ctx))

    rows = W.concat_rows(parts)
    fr = _frustrations_frame(frustrations) if frustrations is not None else None
    rows, links = link_frustrations(rows, fr)
    attrs["frustration_links"] = links.to_dict("records")
    attrs["left_out"] = dict(ctx.unsupported)
    attrs["overlaps"] = dict(ctx.overlaps)
    attrs["hours_per_case_day"] = hpd
    attrs["capacity_hours_per_month"] = (
        None if capacity_people is None else
        capacity_people * WO.WORKING_DAYS_PER_MONTH * WO.WORKING_HOURS_PER_DAY)
    attrs["capacity_basis"] = capacity_basis
    attrs["extrapolation_en"] = " ".join(sentences["en"])
    attrs["extrapolation_nl"] = " ".join(sentences["nl"])
    attrs["extrapolation"] = attrs[f"extrapolation_{lang}"]
    attrs["scaling"] = attrs["extrapolation"]
    attrs["period_sentence"] = words.period_sentence(attrs["period"], lang) \
        if attrs["period"] and attrs["period"]["events"] else ""
    attrs["ranking"] = words.ranking_sentence(ranked_by, lang, min_case_share=W.MIN_CASE_SHARE,
                                              blended=wts is not None)
    attrs["overlap_sentence"] = words.overlap_sentence(attrs["overlaps"], lang)
    if rows.empty:
        table = empty_table(blended=wts is not None)
    else:
        rows["cost_per_month"] = _price(rows, rate, cod, hpd)
        rows["cost_per_month_low"], rows["cost_per_month_high"] = _price_range(rows, rate, cod,
                                                                              hpd)
        rows["strength"] = _strength(rows)
        for lg, col in (("en", "explanation"), ("nl", "explanation_nl")):
            rows[col] = [words.explanation(r, lg, hourly_rate=rate, cost_of_delay=cod)
                         for r in rows.to_dict("records")]
        table = _rank(rows, ranked_by, wts)[_columns(wts is not None)]
        for col, t in _TYPES.items():
            if col in table.columns:
                table[col] = table[col].astype(t)
    attrs["interval"] = {
        "level": float(level), "resamples": n_boot,
        "seed": B.DEFAULT_SEED if seed is None else seed,
        "observations": ctx.interval, "log": (
            {"method": "Student-t interval of the mean monthly figure over the log's "
                       f"{la.bucket_unit}s", "unit": la.bucket_unit, "level": float(level),
             "buckets": int((la.bucket_months >= 0.5 * la.bucket_months.max()).sum())
             if len(la.bucket_months) else 0} if log is not None else None),
        "min_proof_days": MIN_PROOF_DAYS, "min_proof_occurrences": MIN_PROOF_OCCURRENCES}
    attrs["frustration_links"] = order_links(attrs["frustration_links"], table)
    table.attrs.update(attrs)
    return table


def designed_waits(log, *, clock: Literal["auto", "working", "calendar"] = "auto",
                   lang: Literal["en", "nl"] = "en") -> pd.DataFrame:
    """The designed waits of a log: timers, legal periods, scheduled runs (never hotspots).

    A transition is a designed wait when at least 90% of its waits lie within 10% of its
    median calendar wait and that median is at least an hour (see `shadowing.analysis.waits`),
    in at least 2% of the log's cases.

    Parameters
    ----------
    log : EventLog or DataFrame
    clock : {"auto", "working", "calendar"}
    lang : {"en", "nl"}
        Language of ``explanation``.

    Returns
    -------
    DataFrame
        One row per designed wait, longest first: ``where``, ``source``, ``target``,
        ``transitions``, ``cases``, ``share_of_cases``, ``median_hours`` (calendar),
        ``within_share``, ``explanation``, ``explanation_nl``.
    """
    check_choice("lang", lang, i18n.LANGS, func="designed_waits")
    check_choice("clock", clock, ("auto", "working", "calendar"), func="designed_waits")
    table = hotspots(log, clock=clock, lang=lang)
    return designed_frame(table)


def ranking(table: pd.DataFrame, what: Literal["staff", "wait"] = "staff") -> pd.DataFrame:
    """The rows of one currency in their ranking order.

    ``"staff"``: rows with staff hours, in the table's order (where the team's time goes);
    ``"wait"``: rows with avoidable waiting, most case-hours first (where the cases wait).
    """
    check_choice("what", what, ("staff", "wait"), func="ranking")
    order = table.sort_values("rank", kind="stable") if "rank" in table.columns else table
    if what == "staff":
        return order.loc[order["staff_hours_per_month"].fillna(0) > 0]
    w = order.loc[order["wait_hours_per_month"].fillna(0) > 0]
    return w.sort_values("wait_hours_per_month", ascending=False, kind="stable")


def designed_frame(table: pd.DataFrame) -> pd.DataFrame:
    """``table.attrs["designed_waits"]`` of a hotspot table as a DataFrame, longest first."""
    recs = table.attrs.get("designed_waits") or []
    out = pd.DataFrame.from_records(recs, columns=WT.DESIGNED_COLUMNS)
    return out.sort_values(["median_hours", "where"], ascending=[False, True],
                           kind="stable").reset_index(drop=True)


def _thresholds() -> dict:
    out = {name: getattr(W, name) for name in (
        "MIN_OCCURRENCES", "MIN_CASE_SHARE", "DEFAULT_STEP_MIN", "MAX_STEP_MIN", "PING_PONG_MIN",
        "SWITCH_MIN", "SWITCH_MAX_GAP_MIN")}
    out.update({name: getattr(WT, name) for name in (
        "MIN_NORM_WAITS", "FENCE_IQR", "WAIT_MIN_EXCESS_MIN", "DESIGNED_SHARE",
        "DESIGNED_TOLERANCE", "DESIGNED_MIN_HOURS")})
    out.update({name: getattr(P, name) for name in (
        "WORKDAY_START_H", "WORKDAY_END_H", "WORKING_CLOCK_SHARE")})
    out.update({"WORKING_DAYS_PER_MONTH": WO.WORKING_DAYS_PER_MONTH,
                "WORKING_HOURS_PER_DAY": WO.WORKING_HOURS_PER_DAY})
    return out
