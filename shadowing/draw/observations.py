"""Charts of shadowing observations: time use, a day timeline, switching between systems.

Each function draws on ``ax`` (a new figure only when none is given) and returns the Axes;
the numbers behind each chart come from `shadowing.analysis.timeuse`.
"""

from __future__ import annotations

from typing import Literal, Sequence

import numpy as np
import pandas as pd

from .. import i18n
from ..errors import ParameterError, check_choice, did_you_mean
from ..wording.charts import OBSERVATION_WORDS
from ..analysis.timeuse import (CATEGORIES, NO_TOOL, category_shares, obs_frame, time_use,
                                transitions)

__all__ = ["plot_time_use", "plot_day_timeline", "plot_system_switches"]

#: Category colours: value-adding green, necessary grey-blue, waste red.
CATEGORY_COLORS = {"value-adding": "#2e7d32", "necessary": "#90a4ae", "waste": "#c62828"}
NO_WASTE = "(no waste)"


def _axes(ax, size):
    if ax is None:
        import matplotlib.pyplot as plt  # noqa: PLC0415 - pyplot only when drawing

        _, ax = plt.subplots(figsize=size)
    return ax


def plot_time_use(data, *, by: Literal["role", "person", "system", "activity"] = "role",
                  value_adding: Sequence[str] | None = None, pseudonymise: bool = True,
                  unit: Literal["hours", "share"] = "hours", lang: Literal["en", "nl"] = "en",
                  ranges: bool = True, seed: int | None = None, ax=None):
    """Stacked horizontal bars: value-adding, necessary and waste time per group.

    Parameters
    ----------
    data : Observations or DataFrame
        Observations, or the result of `time_use` (then ``by`` is read from its first column).
    by, value_adding, pseudonymise
        As in `time_use` (ignored when ``data`` is already a `time_use` result).
    unit : {"hours", "share"}
        Bar lengths in hours, or as shares of each group's observed time.
    lang : {"en", "nl"}
        Language of the labels.
    ranges : bool
        With ``unit="share"`` and observations as ``data``: an error bar on each group's waste
        share (its 90% range, `category_shares`), at the edge of the waste segment.
    seed : int, optional
        Seed of the ranges' bootstrap.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    check_choice("unit", unit, ("hours", "share"), func="plot_time_use")
    check_choice("lang", lang, i18n.LANGS, func="plot_time_use")
    words = OBSERVATION_WORDS[lang]
    if isinstance(data, pd.DataFrame) and {"category", "hours", "share"} <= set(data.columns):
        tu = data
        by = tu.columns[0]
    else:
        tu = time_use(data, by=by, value_adding=value_adding, pseudonymise=pseudonymise)
    table = tu.pivot_table(index=by, columns="category", values="hours", aggfunc="sum",
                           sort=False).reindex(columns=list(CATEGORIES)).fillna(0.0)
    if unit == "share":
        table = table.div(table.sum(axis=1).where(table.sum(axis=1) > 0, 1), axis=0)
    table = table.iloc[::-1]  # the biggest group on top
    ax = _axes(ax, (8, 0.5 * len(table) + 1.5))
    left = np.zeros(len(table))
    labels = [str(i) for i in table.index]
    for cat in CATEGORIES:
        vals = table[cat].to_numpy()
        ax.barh(labels, vals, left=left, color=CATEGORY_COLORS[cat], label=words.get(cat, cat),
                edgecolor="white")
        left += vals
    if ranges and unit == "share" and not (isinstance(data, pd.DataFrame)
                                           and {"category", "hours", "share"} <= set(data.columns)):
        cs = category_shares(data, by=by, value_adding=value_adding, pseudonymise=pseudonymise,
                             seed=seed)
        w = cs[cs["category"] == "waste"].set_index(by).reindex(table.index)
        ok = w["share_low"].notna().to_numpy()
        if ok.any():
            edge = 1.0 - w["share"].to_numpy()
            err = np.vstack([w["share_high"] - w["share"], w["share"] - w["share_low"]])
            ax.errorbar(edge[ok], np.array(labels)[ok], xerr=err[:, ok], fmt="none",
                        ecolor="black", elinewidth=1.2, capsize=4,
                        label=words.get("waste_range", "range of the waste share"))
    ax.set_xlabel(words["share_time"] if unit == "share" else words["hours"])
    ax.set_ylabel(words.get(str(by), str(by)))
    if unit == "share":
        ax.set_xlim(0, 1)
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    ax.set_title(words["time_use_title"].format(by=words.get(str(by), str(by))))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_day_timeline(observations, *, person: str | None = None, date=None,
                      color_by: Literal["tool", "waste"] = "tool",
                      lang: Literal["en", "nl"] = "en", ax=None):
    """A Gantt chart of one shadowed day: one row per activity, bars coloured by tool or waste.

    Parameters
    ----------
    observations : Observations
    person : str, optional
        Whose day; default the first person in the notes.
    date : str or date, optional
        Which day; default that person's first shadowed day.
    color_by : {"tool", "waste"}
    lang : {"en", "nl"}
        Language of the labels.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    check_choice("color_by", color_by, ("tool", "waste"), func="plot_day_timeline")
    check_choice("lang", lang, i18n.LANGS, func="plot_day_timeline")
    words = OBSERVATION_WORDS[lang]
    f = obs_frame(observations, func="plot_day_timeline")
    people = pd.unique(f["person"].dropna()).tolist()
    if not people:
        raise ParameterError("plot_day_timeline: the observations hold no stretches to draw.")
    if person is None:
        person = people[0]
    elif person not in people:
        raise ParameterError(f"The 'person' parameter of plot_day_timeline must be one of the "
                             f"people observed: {', '.join(map(str, people))}. Got {person!r} "
                             "instead." + did_you_mean(str(person), people))
    mine = f.loc[f["person"].eq(person)]
    days = mine["start"].dt.normalize()
    if date is None:
        day = days.min()
    else:
        try:
            day = pd.Timestamp(date).normalize()
        except (ValueError, TypeError):
            day = None
        if day is None or pd.isna(day) or not days.eq(day).any():
            shown = ", ".join(f"{d:%Y-%m-%d}" for d in days.drop_duplicates())
            raise ParameterError(f"The 'date' parameter of plot_day_timeline must be a day on which "
                                 f"{person} was shadowed: {shown}. Got {date!r} instead.")
    d = mine.loc[days.eq(day)].sort_values(["start", "line"], kind="stable")
    key = (d["tool"].astype(object).where(d["tool"].notna(), NO_TOOL) if color_by == "tool"
           else d["waste"].astype(object).where(d["waste"].notna(), NO_WASTE))
    levels = pd.unique(key).tolist()
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    cmap = colormaps.get_cmap("tab10" if len(levels) <= 10 else "tab20")
    colors = {lv: cmap(i % cmap.N) for i, lv in enumerate(levels)}
    if NO_WASTE in colors:
        colors[NO_WASTE] = "#cfd8dc"
    if NO_TOOL in colors:
        colors[NO_TOOL] = "#cfd8dc"
    activities = pd.unique(d["activity"]).tolist()
    ypos = {a: len(activities) - 1 - i for i, a in enumerate(activities)}
    ax = _axes(ax, (10, 0.45 * len(activities) + 1.8))
    start_h = (d["start"] - day).dt.total_seconds().to_numpy() / 3600
    width_h = d["duration_min"].to_numpy() / 60
    ax.barh([ypos[a] for a in d["activity"]], width_h, left=start_h, height=0.6,
            color=[colors[k] for k in key], edgecolor="white")
    ax.set_yticks(range(len(activities)), labels=activities[::-1])
    if len(start_h):
        lo = np.floor(start_h.min())
        hi = np.ceil((start_h + width_h).max())
        ax.set_xlim(lo, max(hi, lo + 1))
        ticks = np.arange(lo, max(hi, lo + 1) + 1)
        ax.set_xticks(ticks, labels=[f"{int(t) % 24:02d}:00" for t in ticks])
    ax.set_xlabel(words["time_of_day"])
    ax.legend(handles=[Patch(color=colors[lv], label=str(lv)) for lv in levels],
              title=words.get(color_by, color_by), loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False,
              fontsize="small")
    ax.set_title(f"{person}, {day:%Y-%m-%d}")
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_system_switches(observations, *, lang: Literal["en", "nl"] = "en", ax=None):
    """A heatmap of switches between tools within tasks (from the row tool to the column tool).

    Parameters
    ----------
    observations : Observations
    lang : {"en", "nl"}
        Language of the labels.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    check_choice("lang", lang, i18n.LANGS, func="plot_system_switches")
    words = OBSERVATION_WORDS[lang]
    tr = transitions(observations)
    ax = _axes(ax, (6.5, 5.5))
    if tr.empty:
        ax.text(0.5, 0.5, words["no_switches"], ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    tools = pd.unique(pd.concat([tr["from"], tr["to"]])).tolist()
    total = tr.groupby("from")["count"].sum().add(tr.groupby("to")["count"].sum(), fill_value=0)
    tools = sorted(tools, key=lambda t: -total.get(t, 0))
    m = (tr.pivot_table(index="from", columns="to", values="count", aggfunc="sum")
         .reindex(index=tools, columns=tools).fillna(0).to_numpy())
    im = ax.imshow(m, cmap="Reds", vmin=0)
    ax.set_xticks(range(len(tools)), labels=tools, rotation=45, ha="right")
    ax.set_yticks(range(len(tools)), labels=tools)
    for i in range(len(tools)):
        for j in range(len(tools)):
            if m[i, j]:
                ax.text(j, i, f"{int(m[i, j])}", ha="center", va="center",
                        color="white" if m[i, j] > m.max() / 2 else "black", fontsize="small")
    ax.set_xlabel(words["switched_to"])
    ax.set_ylabel(words["switched_from"])
    ax.set_title(words["switches_title"])
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label=words["switches"])
    return ax
