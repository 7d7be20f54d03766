"""Waste hotspots: where the time and the money go, ranked, each with its evidence.

`hotspots` runs the detectors of `shadowing.analysis.waste` on an event log, shadowing observations and
an irritation brainstorm (any of them alone or together), links the frustrations to the places
where the data shows waste, and ranks the result by cost and frustration. `plot_hotspots` draws
the Pareto chart, `hotspot_map` marks the top hotspots on the process map.

Score (documented in docs/readme/hotspots.md)::

    score = w_cost * cost / max(cost) + w_frustration * votes / max(votes)

with ``cost`` the cost per month (staff hours per month when no hourly rate is given), ``votes``
the frustration votes linked to the row, and the weights (default 0.7 and 0.3) scaled to sum 1.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Literal, Mapping

import numpy as np
import pandas as pd

from .. import i18n
from . import waste as W
from ..errors import ColumnNotFoundError, InputError, ParameterError, check_choice

log = logging.getLogger(__name__)

#: The columns of a hotspot table, in order (see docs/CONTRACTS.md), plus the staff hours
#: behind the cost (for waiting, the hours column is customer time).
COLUMNS = ["rank", "waste", "where", "kind", "occurrences", "cases", "hours_per_month",
           "cost_per_month", "frustration_votes", "severity", "score", "evidence",
           "explanation", "explanation_nl", "source", "staff_hours_per_month"]

#: Default weights of the score.
WEIGHTS = {"cost": 0.7, "frustration": 0.3}

#: Waste types (the ``waste`` column's vocabulary).
WASTES = ("waiting", "rework", "redo", "ping-pong", "system switching", "double entry",
          "off-system work", "interruption", "searching", "frustration")

#: A frustration's activity/system/role matches a place when equal, or when one contains the
#: other and the shorter has at least this many characters.
MATCH_MIN_CHARS = 4


# -- inputs -------------------------------------------------------------------------------------

def _observations_frame(observations) -> pd.DataFrame:
    if isinstance(observations, (str, Path)):
        from ..io.observations import read_observations  # noqa: PLC0415(another module; loaded when needed)

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
    missing = [c for c in W.OBS_REQUIRED if c not in frame.columns]
    if missing:
        raise ColumnNotFoundError(
            f"observations: column(s) {', '.join(missing)} not found; expected the canonical "
            f"columns of read_observations ({', '.join(W.OBS_REQUIRED)}, ...); columns are: "
            f"{', '.join(map(str, frame.columns))}.", source="observations")
    return frame


def _frustrations_frame(frustrations) -> pd.DataFrame:
    if isinstance(frustrations, (str, Path)):
        from ..io.frustrations import read_frustrations  # noqa: PLC0415

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
        values = tuple(str(s) for s in official_systems)
    except TypeError:
        raise ParameterError("The 'official_systems' parameter of hotspots must be a system name "
                             "or a list of them. Got "
                             f"{official_systems!r} instead.") from None
    return values


def _weights(weights) -> dict[str, float]:
    if weights is None:
        return dict(WEIGHTS)
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


def _positive(name: str, value, *, integer: bool = False):
    if value is None:
        return None
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    ok = ok and bool(np.isfinite(value)) and value > 0
    ok = ok and (not integer or float(value).is_integer())
    if not ok:
        kind = "a whole number above 0" if integer else "a number above 0"
        raise ParameterError(f"The '{name}' parameter of hotspots must be {kind}. "
                             f"Got {value!r} instead.")
    return int(value) if integer else float(value)


# -- frustrations -------------------------------------------------------------------------------

def _matches(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= MATCH_MIN_CHARS and short in long_


def _present(v) -> bool:
    return v is not None and v is not pd.NA and not (isinstance(v, float) and np.isnan(v)) \
        and bool(str(v).strip())


def _frustration_levels(fr: pd.DataFrame, known: set[tuple[str, str]]) -> list[list[tuple]]:
    """Per frustration, the places it names, most specific first: its activity, its system
    (also as the canonical tool name), its role. A frustration without any of these names the
    known activities, else the known systems, found in its text."""
    out = []
    for r in fr.itertuples(index=False):
        levels = []
        if _present(r.activity):
            levels.append([("activity", W._fold(r.activity))])
        if _present(r.system):
            levels.append(list(W._keys(system=(str(r.system),))))
        if _present(r.role):
            levels.append([("role", W._fold(r.role))])
        if not levels:
            text = W._fold(r.text)
            for kind in ("activity", "system"):
                found = [k for k in known if k[0] == kind and len(k[1]) >= MATCH_MIN_CHARS
                         and k[1] in text]
                if found:
                    levels.append(found)
        out.append(levels)
    return out


def _link_frustrations(rows: pd.DataFrame, fr: pd.DataFrame, rate: float | None) -> pd.DataFrame:
    """Add votes and frustration ids to matching rows; clusters without data become rows.

    A frustration links to the rows at the activity it names (names match when equal or when
    one contains the other); when no row is at that activity, to the rows at its system; else
    to the rows at its role. Among those rows, the ones that also match its system (then its
    role) are kept when there are any: the most specific match wins. Unlinked frustrations are
    grouped by the place they name.
    """
    rows = rows.copy()
    rows["frustration_votes"] = 0
    if fr is None or fr.empty:
        return rows
    row_keys = list(rows["keys"])
    known = {k for keys in row_keys for k in keys}
    votes = np.zeros(len(rows), dtype=np.int64)
    linked: list[list[tuple[int, str]]] = [[] for _ in range(len(rows))]
    supported = np.zeros(len(fr), dtype=bool)
    for i, levels in enumerate(_frustration_levels(fr, known)):
        hits: list[int] | None = None
        for wanted in levels:
            level_hits = [j for j, rk in enumerate(row_keys if hits is None else
                                                   [row_keys[x] for x in hits])
                          if any(t == u and _matches(k, v) for t, k in wanted for u, v in rk)]
            if hits is None:
                hits = level_hits or None          # first level that names a row with waste
            elif level_hits:
                hits = [hits[x] for x in level_hits]  # narrowed: also the system / role
        if hits:
            for j in hits:
                votes[j] += int(fr["votes"].iat[i])
                linked[j].append((int(fr["votes"].iat[i]), str(fr["frustration_id"].iat[i])))
            supported[i] = True
    rows["frustration_votes"] = votes
    rows["evidence"] = [e + _frustration_evidence(x) for e, x in zip(rows["evidence"], linked)]
    # frustrations the data does not support: one row per place they name
    lone = fr.loc[~supported].copy()
    if lone.empty:
        return rows
    total_votes = max(int(fr["votes"].sum()), 1)

    def place(r):
        for col, kind in (("activity", "activity"), ("system", "system"), ("role", "role")):
            v = r[col]
            if v is not None and not pd.isna(v) and str(v).strip():
                return str(v).strip(), kind
        text = " ".join(str(r["text"]).split())
        return (text if len(text) <= 60 else text[:57] + "..."), "activity"

    placed = lone.apply(place, axis=1, result_type="expand")
    lone["where"], lone["kind"] = placed[0], placed[1]
    lone["_k"] = lone["where"].map(W._fold)
    records = []
    for _, g in lone.groupby("_k", sort=True):
        where, kind = g["where"].iat[0], g["kind"].iat[0]
        n_votes = int(g["votes"].sum())
        g = g.sort_values("votes", ascending=False, kind="stable")
        texts = "; ".join(f"'{t}'" for t in g["text"].astype(str).head(W.EVIDENCE_IDS))
        en = (f"No supporting data: the team named {texts} ({n_votes} votes), but neither the "
              "log nor the observations show waste at this place. Worth a look before it is "
              "taken as a fact.")
        nl = (f"Geen onderbouwing in de data: het team noemde {texts} ({n_votes} stemmen), maar "
              "de log en de observaties tonen hier geen verspilling. Eerst nagaan voor het als "
              "feit geldt.")
        records.append({
            "waste": "frustration", "where": where, "kind": kind, "occurrences": len(g),
            "cases": 0, "hours_per_month": 0.0, "staff_hours_per_month": 0.0,
            "severity": min(1.0, n_votes / total_votes),
            "evidence": "frustration " + W._ids(g["frustration_id"]), "explanation": en,
            "explanation_nl": nl, "source": "frustrations", "keys": (),
            "frustration_votes": n_votes})
    extra = pd.DataFrame.from_records(records)
    return pd.concat([rows, extra], ignore_index=True) if len(rows) else extra


def _frustration_evidence(linked: list[tuple[int, str]]) -> str:
    """``; frustration 3, 1, 7 (+2 more)``: the most-voted ids first."""
    if not linked:
        return ""
    ids = [i for _, i in sorted(linked, key=lambda x: -x[0])]
    more = len(ids) - W.EVIDENCE_IDS
    return "; frustration " + ", ".join(ids[:W.EVIDENCE_IDS]) + (f" (+{more} more)" if more > 0 else "")


# -- scoring ------------------------------------------------------------------------------------

def _rank(rows: pd.DataFrame, rate: float | None, weights: dict[str, float]) -> pd.DataFrame:
    out = rows.copy()
    out["cost_per_month"] = out["staff_hours_per_month"] * rate if rate is not None else np.nan
    basis = out["cost_per_month"] if rate is not None else out["staff_hours_per_month"]
    basis = basis.astype(float)
    votes = out["frustration_votes"].astype(float)
    c = basis / basis.max() if len(out) and basis.max() > 0 else basis * 0.0
    f = votes / votes.max() if len(out) and votes.max() > 0 else votes * 0.0
    out["score"] = weights["cost"] * c + weights["frustration"] * f
    out["_basis"] = basis
    out = out.sort_values(["score", "_basis", "hours_per_month", "waste", "where"],
                          ascending=[False, False, False, True, True], kind="stable")
    out["rank"] = np.arange(1, len(out) + 1)
    return out.reset_index(drop=True)


def empty_table() -> pd.DataFrame:
    types = {"rank": "int64", "occurrences": "int64", "cases": "int64",
             "hours_per_month": float, "cost_per_month": float, "frustration_votes": "int64",
             "severity": float, "score": float, "staff_hours_per_month": float}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, object)) for c in COLUMNS})


# -- the public function ------------------------------------------------------------------------

def hotspots(log=None, *, observations=None, frustrations=None, hourly_rate: float | None = None,
             official_systems: Iterable[str] | str | None = None, team_size: int | None = None,
             weights: Mapping[str, float] | None = None,
             clock: Literal["auto", "working", "calendar"] = "auto",
             lang: Literal["en", "nl"] = "en") -> pd.DataFrame:
    """Rank where time and money go: waste found in a log, observations and frustrations.

    Parameters
    ----------
    log : EventLog or DataFrame, optional
        An event log (pm4py column names). Detects long waits on edges, rework and redo
        (repeated steps), ping-pong between people (or roles, when the log has a ``role``
        column), system switches within a sitting, double entry (the same step again in
        another system) and, with ``official_systems``, steps recorded in other systems.
    observations : Observations, DataFrame or path, optional
        Shadowing observations (`read_observations`). Detects tagged waste (waiting, rework,
        searching, double entry, interruption), tasks that touch several tools ("checking N
        systems") and, with ``official_systems``, off-system work.
    frustrations : DataFrame or path, optional
        The irritation brainstorm (`read_frustrations`). Votes are added to the rows whose
        activity, system or role a frustration names; frustrations the data does not support
        become rows of their own (waste ``frustration``, zero hours, "No supporting data").
    hourly_rate : float, optional
        Loaded cost of an hour of staff time; without it ``cost_per_month`` is NaN and the score
        uses staff hours instead.
    official_systems : str or list of str, optional
        The system(s) that should hold the work (``["ERP"]``); needed for off-system work.
    team_size : int, optional
        People in the team; observed time per person-day is scaled to this team and
        21 working days a month. Default: the number of people observed (stated in the rows).
    weights : mapping, optional
        ``{"cost": 0.7, "frustration": 0.3}`` (the default); scaled to sum 1.
    clock : {"auto", "working", "calendar"}
        How waits are counted: working hours (Mon-Fri 08:00-18:00) or calendar hours. ``"auto"``
        uses working hours when at least 90% of the events fall inside them.
    lang : {"en", "nl"}
        Language of ``.attrs["scaling"]``; explanations are given in both languages.

    Returns
    -------
    DataFrame
        One row per hotspot, ranked: ``rank``, ``waste``, ``where``, ``kind``, ``occurrences``,
        ``cases``, ``hours_per_month``, ``cost_per_month``, ``frustration_votes``, ``severity``
        (0..1), ``score``, ``evidence``, ``explanation``, ``explanation_nl``, ``source``,
        ``staff_hours_per_month`` (the hours behind the cost; for waiting ``hours_per_month``
        is the customer's waiting time). ``.attrs`` holds ``scaling`` (how observed time and
        the log's period were turned into months), ``period``, ``waiting`` (the norm and the
        threshold), ``observations``, ``weights``, ``hourly_rate``, ``thresholds``, ``notes``.

    Raises
    ------
    ParameterError
        No input at all, or a parameter out of range.
    ColumnNotFoundError
        Observations or frustrations without the needed columns.

    Examples
    --------
    >>> import pandas as pd, shadowing as sh
    >>> df = pd.DataFrame({
    ...     "case:concept:name": ["1", "1", "1", "2", "2", "2"],
    ...     "concept:name": ["enter", "check", "check", "enter", "check", "check"],
    ...     "time:timestamp": pd.to_datetime(["2026-01-05 09:00", "2026-01-05 09:10",
    ...         "2026-01-05 09:20", "2026-01-06 09:00", "2026-01-06 09:10", "2026-01-06 09:20"]),
    ...     "org:resource": ["ann", "bob", "bob", "ann", "bob", "bob"]})
    >>> table = sh.hotspots(df, hourly_rate=45)
    >>> table[["waste", "where", "occurrences"]].to_string(index=False)
    ' waste where  occurrences\\nrework check            2'
    """
    check_choice("lang", lang, i18n.LANGS, func="hotspots")
    check_choice("clock", clock, ("auto", "working", "calendar"), func="hotspots")
    if log is None and observations is None and frustrations is None:
        raise ParameterError("hotspots needs at least one of 'log', 'observations' or "
                             "'frustrations'. Got none of them.")
    rate = _positive("hourly_rate", hourly_rate)
    team = _positive("team_size", team_size, integer=True)
    wts = _weights(weights)
    ctx = W.Context(hourly_rate=rate, official=_official(official_systems))
    attrs: dict = {"weights": wts, "hourly_rate": rate, "official_systems": list(ctx.official),
                   "thresholds": _thresholds(), "notes": ctx.notes}
    scaling_en, scaling_nl = [], []
    parts = []

    od = None
    if observations is not None:
        od = W.prepare_observations(_observations_frame(observations))
        factor, en, nl, info = W.observation_scaling(od, team)
        ctx.obs_factor, ctx.obs_scaling_en, ctx.obs_scaling_nl = factor, en, nl
        attrs["observations"] = info
        scaling_en.append(en)
        scaling_nl.append(nl)
        med = od.frame.groupby(od.frame["activity"].astype(str).map(W._fold))["duration_min"]
        ctx.observed_minutes = med.median().to_dict()

    if log is not None:
        la = W.log_arrays(log, clock=clock)
        rows, wait_info = W.log_rows(la, ctx)
        parts.append(rows)
        attrs["waiting"] = wait_info
        attrs["period"] = {"first": la.first, "last": la.last, "months": la.months,
                           "clock": la.clock}
        if la.ev.n_events:
            scaling_en.append(
                f"Log figures are per month of the period the log covers: {la.first:%Y-%m-%d} "
                f"to {la.last:%Y-%m-%d}, {i18n.number(la.months, 'en', decimals=2)} months; "
                f"waits are counted in {'working' if la.clock == 'working' else 'calendar'} hours.")
            scaling_nl.append(
                f"Cijfers uit de log zijn per maand van de periode die de log beslaat: "
                f"{la.first:%Y-%m-%d} tot {la.last:%Y-%m-%d}, "
                f"{i18n.number(la.months, 'nl', decimals=2)} maanden; wachttijden tellen in "
                f"{'werkuren' if la.clock == 'working' else 'kalenderuren'}.")
    if od is not None:
        parts.append(W.observation_rows(od, ctx))

    rows = W._concat(parts)
    fr = _frustrations_frame(frustrations) if frustrations is not None else None
    rows = _link_frustrations(rows, fr, rate)
    attrs["scaling_en"], attrs["scaling_nl"] = " ".join(scaling_en), " ".join(scaling_nl)
    attrs["scaling"] = attrs["scaling_en"] if lang == "en" else attrs["scaling_nl"]
    if rows.empty:
        table = empty_table()
    else:
        table = _rank(rows, rate, wts)[COLUMNS]
        for col in ("occurrences", "cases", "frustration_votes", "rank"):
            table[col] = table[col].astype("int64")
        for col in ("hours_per_month", "cost_per_month", "severity", "score",
                    "staff_hours_per_month"):
            table[col] = table[col].astype(float)
    table.attrs.update(attrs)
    return table


def _thresholds() -> dict:
    return {name: getattr(W, name) for name in (
        "MIN_OCCURRENCES", "WAIT_FACTOR", "WAIT_MIN_EXCESS_MIN", "WAIT_FOLLOW_UP_MIN",
        "WORKDAY_START_H", "WORKDAY_END_H", "WORKING_CLOCK_SHARE", "DEFAULT_STEP_MIN",
        "PING_PONG_MIN", "SWITCH_MIN", "SWITCH_MAX_GAP_MIN", "WORKING_DAYS_PER_MONTH")}


# -- pictures -----------------------------------------------------------------------------------

def _check_table(table, func: str, needed=("waste", "where")) -> None:
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"{func}: expected the DataFrame returned by hotspots(), got "
                         f"{type(table).__name__}.")
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ColumnNotFoundError(f"{func}: the table has no column(s) {', '.join(missing)}; "
                                  "expected the result of hotspots(); columns are: "
                                  f"{', '.join(map(str, table.columns))}.", source="DataFrame")


def _check_top(top, func: str) -> int:
    if not isinstance(top, (int, np.integer)) or isinstance(top, bool) or top < 1:
        raise ParameterError(f"The 'top' parameter of {func} must be a whole number of 1 or "
                             f"more. Got {top!r} instead.")
    return int(top)


def _label(waste: str, where: str, lang: str, width: int = 44) -> str:
    name = waste if lang == "en" else W._NL_WASTE.get(waste, waste)
    text = f"{name}: {where}"
    return text if len(text) <= width else text[: width - 1] + "…"


def plot_hotspots(table: pd.DataFrame, *, top: int = 10, ax=None,
                  lang: Literal["en", "nl"] = "en"):
    """A Pareto chart of the hotspots: cost per month as bars, cumulative share as a line.

    Bars are the ``top`` rows with the highest cost (staff hours when the table has no costs),
    largest first; the line is their cumulative share of the whole table's total.

    Parameters
    ----------
    table : DataFrame
        The result of `hotspots`.
    top : int
        How many bars.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    lang : {"en", "nl"}

    Returns
    -------
    matplotlib Axes
        The bar axes (the line lives on a twin axes).
    """
    import matplotlib.pyplot as plt  # noqa: PLC0415
    from matplotlib.ticker import FuncFormatter, PercentFormatter  # noqa: PLC0415

    check_choice("lang", lang, i18n.LANGS, func="plot_hotspots")
    _check_table(table, "plot_hotspots", ("waste", "where", "cost_per_month",
                                          "staff_hours_per_month"))
    top = _check_top(top, "plot_hotspots")
    use_cost = table["cost_per_month"].notna().any()
    col = "cost_per_month" if use_cost else "staff_hours_per_month"
    values = table[col].fillna(0.0).astype(float)
    shown = table.assign(_v=values).sort_values("_v", ascending=False, kind="stable").head(top)
    total = float(values.sum())
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    x = np.arange(len(shown))
    ax.bar(x, shown["_v"], color="#c0504d")
    ax.set_xticks(x)
    ax.set_xticklabels([_label(w, p, lang) for w, p in zip(shown["waste"], shown["where"])],
                       rotation=35, ha="right", fontsize=8)
    if use_cost:
        ax.set_ylabel("cost per month" if lang == "en" else "kosten per maand")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: i18n.money(v, lang)))
    else:
        ax.set_ylabel("staff hours per month" if lang == "en" else "uren per maand")
    ax.set_title("Where the time and money go" if lang == "en" else "Waar tijd en geld naartoe gaan")
    twin = ax.twinx()
    cum = shown["_v"].cumsum() / total if total > 0 else shown["_v"] * 0.0
    twin.plot(x, cum.to_numpy(), color="#1f3b57", marker="o")
    twin.set_ylim(0, 1.05)
    twin.yaxis.set_major_formatter(PercentFormatter(1.0))
    twin.set_ylabel("cumulative share" if lang == "en" else "cumulatief aandeel")
    return ax


def _overlay_items(table: pd.DataFrame, top: int, lang: str, activities: set | None = None):
    """Edges ``(a, b, label)`` and nodes ``(activity, label)`` of the top hotspots."""
    edge_labels: dict[tuple[str, str], list[str]] = {}
    node_labels: dict[str, list[str]] = {}
    for r in table.sort_values("rank").head(top).itertuples(index=False):
        if r.waste == "waiting" and r.source == "log":   # customer time: hours say more
            money = W._h(r.hours_per_month, lang)
        elif pd.notna(r.cost_per_month):
            money = i18n.money(r.cost_per_month, lang)
        else:
            money = W._h(r.staff_hours_per_month, lang)
        per = "/month" if lang == "en" else "/maand"
        name = r.waste if lang == "en" else W._NL_WASTE.get(r.waste, r.waste)
        label = f"#{r.rank} {name} {money}{per}"
        if r.kind == "edge" and " → " in r.where:
            a, b = r.where.split(" → ", 1)
            edge_labels.setdefault((a, b), []).append(label)
        elif r.kind == "activity" and (r.source == "log" or (
                activities is not None and r.where in activities)):
            node_labels.setdefault(r.where, []).append(label)
    return ([(a, b, "; ".join(v)) for (a, b), v in edge_labels.items()],
            [(a, "; ".join(v)) for a, v in node_labels.items()])


def hotspot_map(log, table: pd.DataFrame, *, top: int = 5, lang: Literal["en", "nl"] = "en",
                color: str = "#c0504d", **map_options):
    """The process map with the top hotspots marked on their edges and activities.

    Edge hotspots mark their arrow, activity hotspots from the log their activity (an arrow or
    activity hidden by simplification is added back); hotspots at a system, role or person,
    and those from observations or frustrations at activities the map does not show, have no
    place on the map and are left out.

    Parameters
    ----------
    log : EventLog or DataFrame
    table : DataFrame
        The result of `hotspots`.
    top : int
        How many of the highest-ranked hotspots to mark.
    lang : {"en", "nl"}
    color : str
        Colour of the marks.
    **map_options
        Passed to `process_map` (``measure``, ``activities``, ``paths``, ...).

    Returns
    -------
    ProcessMap
    """
    from ..draw.process_map import process_map  # noqa: PLC0415

    check_choice("lang", lang, i18n.LANGS, func="hotspot_map")
    _check_table(table, "hotspot_map", ("rank", "waste", "where", "kind", "cost_per_month",
                                        "staff_hours_per_month"))
    top = _check_top(top, "hotspot_map")
    map_options.setdefault("lang", lang)
    pm = process_map(log, **map_options)
    edge_items, node_items = _overlay_items(table, top, lang,
                                            set(pm.nodes["activity"].astype(str)))
    return pm.overlay(edges=edge_items, nodes=node_items, color=color)
