"""Pictures of a hotspot table: the Pareto charts and the hotspot map.

Two currencies, two pictures: `plot_hotspots(table, what="staff")` shows where the team's time
goes (cost per month, or staff hours without a rate), ``what="wait"`` where the cases wait
(case-days of avoidable waiting per month). Bars follow the table's own ranking, so the chart,
the table and a summary's top three agree. `hotspot_map` marks the top hotspots on a
simplified process map; a hotspot with no place on a map (a person, a role, an observed
activity the log does not know) is named in the map's footnote instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import numpy as np
import pandas as pd

from .. import i18n
from ..model.vocab import fold
from ..errors import ColumnNotFoundError, InputError, ParameterError, check_choice, check_number
from ..analysis.hotspots import ranking
from ..wording import hotspots as words
from .process_map import process_map

#: A map with more arrows than this is simplified (activities covering 80% of the events,
#: arrows covering 60% of the transitions); hotspot arrows and activities are always drawn.
MAP_MAX_EDGES = 30
SIMPLE_ACTIVITIES = 0.8
SIMPLE_PATHS = 0.6


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
    return check_number("top", top, func=func, integer=True, low=1)


def plot_hotspots(table: pd.DataFrame, *, what: Literal["staff", "wait"] = "staff",
                  top: int = 10, ax=None, lang: Literal["en", "nl"] = "en"):
    """A Pareto chart of the hotspots of one currency: bars with their ranges as error bars
    (where the table has ``_low``/``_high`` columns), and the cumulative share as a line.

    Parameters
    ----------
    table : DataFrame
        The result of `hotspots`.
    what : {"staff", "wait"}
        ``"staff"``: the team's time, as cost per month (staff hours per month when the table
        has no costs), in the table's ranking order. ``"wait"``: the cases' avoidable waiting
        in case-days per month, most first.
    top : int
        How many bars.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    lang : {"en", "nl"}

    Returns
    -------
    matplotlib Axes
        The bar axes (the line lives on a twin axes); no bars when the table has no rows of
        that currency.
    """
    import matplotlib.pyplot as plt  # noqa: PLC0415
    from matplotlib.ticker import FuncFormatter, PercentFormatter  # noqa: PLC0415

    check_choice("lang", lang, i18n.LANGS, func="plot_hotspots")
    check_choice("what", what, ("staff", "wait"), func="plot_hotspots")
    _check_table(table, "plot_hotspots", ("waste", "where", "cost_per_month",
                                          "staff_hours_per_month", "wait_hours_per_month"))
    top = _check_top(top, "plot_hotspots")
    rows = ranking(table, what)
    scale = 1.0
    if what == "staff":
        use_cost = rows["cost_per_month"].notna().all() and len(rows) > 0
        col = "cost_per_month" if use_cost else "staff_hours_per_month"
    else:
        use_cost = False
        scale = float(table.attrs.get("hours_per_case_day") or 24.0)
        col = "wait_hours_per_month"
    values = rows[col].astype(float) / scale
    total = float(values.sum())
    shown = values.head(top)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    x = np.arange(len(shown))
    ax.bar(x, shown.to_numpy(), color="#c0504d" if what == "staff" else "#4f81bd")
    if {col + "_low", col + "_high"} <= set(rows.columns):     # each bar's range
        low = rows[col + "_low"].astype(float).head(top).to_numpy() / scale
        high = rows[col + "_high"].astype(float).head(top).to_numpy() / scale
        ok = np.isfinite(low) & np.isfinite(high)
        if ok.any():
            v = shown.to_numpy()
            ax.errorbar(x[ok], v[ok], yerr=np.clip(np.vstack([v[ok] - low[ok], high[ok] - v[ok]]), 0, None),
                        fmt="none", ecolor="black", elinewidth=1.0, capsize=3)
    ax.set_xticks(x)
    ax.set_xticklabels([words.label(w, p, lang) for w, p in
                        zip(rows["waste"].head(top), rows["where"].head(top))],
                       rotation=35, ha="right", fontsize=8)
    en = lang == "en"
    if what == "wait":
        ax.set_ylabel("case-days of waiting per month" if en else "zaakdagen wachten per maand")
        ax.set_title("Where the cases wait" if en else "Waar de zaken wachten")
    else:
        if use_cost:
            ax.set_ylabel("cost per month" if en else "kosten per maand")
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: i18n.money(v, lang)))
        else:
            ax.set_ylabel("staff hours per month" if en else "werkuren per maand")
        ax.set_title("Where the team's time goes" if en else "Waar de tijd van het team naartoe gaat")
    twin = ax.twinx()
    cum = shown.cumsum() / total if total > 0 else shown * 0.0
    twin.plot(x, cum.to_numpy(), color="#1f3b57", marker="o")
    twin.set_ylim(0, 1.05)
    twin.yaxis.set_major_formatter(PercentFormatter(1.0))
    twin.set_ylabel("cumulative share" if en else "cumulatief aandeel")
    return ax


def _mark(r, lang: str, hpd: float) -> str:
    per = "/month" if lang == "en" else "/maand"
    if r.wait_hours_per_month > 0 and not r.staff_hours_per_month > 0:
        amount = (f"{words.num(r.wait_hours_per_month / hpd, lang, 1)} "
                  f"{'case-days' if lang == 'en' else 'zaakdagen'}")
    elif pd.notna(r.cost_per_month):
        amount = words.money(r.cost_per_month, lang)
    else:
        amount = words.hours(r.staff_hours_per_month, lang)
    return f"#{r.rank} {words.waste_name(r.waste, lang)} {amount}{per}"


def _named_like(name: str, activities: set[str]) -> str | None:
    """The one activity whose name contains ``name`` or is contained in it (folded, the shorter
    at least 4 characters): an observed step placed on the log's map; None when not exactly one."""
    key = fold(name)
    hits = [a for a in activities
            if min(len(key), len(fold(a))) >= 4 and (key in fold(a) or fold(a) in key)]
    return hits[0] if len(hits) == 1 else None


def hotspot_items(table: pd.DataFrame, top: int, lang: str, activities: set[str]):
    """The top rows' marks: edges ``(a, b, label)``, nodes ``(activity, label)`` and the rows
    with no place on the map (``rank, waste, where``)."""
    edge_labels: dict[tuple[str, str], list[str]] = {}
    node_labels: dict[str, list[str]] = {}
    unplaced = []
    hpd = float(table.attrs.get("hours_per_case_day") or 24.0)
    for r in table.sort_values("rank").head(top).itertuples(index=False):
        mark = _mark(r, lang, hpd)
        if r.kind == "edge" and " → " in r.where:
            a, b = r.where.split(" → ", 1)
            if a in activities and b in activities:
                edge_labels.setdefault((a, b), []).append(mark)
                continue
        elif r.kind == "activity":
            place = r.where if r.where in activities else _named_like(r.where, activities)
            if place is not None:
                node_labels.setdefault(place, []).append(mark)
                continue
        unplaced.append((int(r.rank), r.waste, r.where))
    return ([(a, b, "; ".join(v)) for (a, b), v in edge_labels.items()],
            [(a, "; ".join(v)) for a, v in node_labels.items()], unplaced)


def _unplaced_note(unplaced, lang: str) -> str:
    if not unplaced:
        return ""
    items = ", ".join(f"#{k} {words.waste_name(w, lang)}: {p}" for k, w, p in unplaced)
    return (f"Not on the map (no place in the log): {items}." if lang == "en" else
            f"Niet op de kaart (geen plaats in de log): {items}.")


def hotspot_map(log, table: pd.DataFrame, *, top: int = 5, lang: Literal["en", "nl"] = "en",
                color: str = "#c0504d", **map_options):
    """The process map with the top hotspots marked on their arrows and activities.

    Every one of the ``top`` highest-ranked hotspots is either marked on the map (its arrow or
    activity is drawn even when simplification would hide it; an observed activity goes on the
    one log activity whose name contains it or is contained in it) or named in the footnote as
    having no place on it (a person, a role, an observed activity the log does not know). A map
    with more than `MAP_MAX_EDGES` arrows is simplified unless ``activities``/``paths`` are
    given, so it stays legible on A4.

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
    check_choice("lang", lang, i18n.LANGS, func="hotspot_map")
    _check_table(table, "hotspot_map", ("rank", "waste", "where", "kind", "cost_per_month",
                                        "staff_hours_per_month", "wait_hours_per_month"))
    top = _check_top(top, "hotspot_map")
    map_options.setdefault("lang", lang)
    pm = process_map(log, **map_options)
    if len(pm.edges) > MAP_MAX_EDGES and "activities" not in map_options \
            and "paths" not in map_options:
        pm = process_map(log, activities=SIMPLE_ACTIVITIES, paths=SIMPLE_PATHS, **map_options)
    known = set(pd.Series(pm.nodes["activity"]).astype(str))
    if hasattr(log, "frame") or isinstance(log, pd.DataFrame):
        frame = log.frame if hasattr(log, "frame") else log
        if "concept:name" in frame.columns:
            known |= set(frame["concept:name"].astype(str).unique())
    edges, nodes, unplaced = hotspot_items(table, top, lang, known)
    out = pm.overlay(edges=edges, nodes=nodes, color=color)
    note = _unplaced_note(unplaced, lang)
    if note:
        out = replace(out, footnote=(out.footnote + " " + note).strip())
    return out
