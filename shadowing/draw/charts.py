"""Charts of an event log: throughput times, handovers, dotted chart, activity frequency.

Each ``plot_*`` function takes ``ax=None`` (a new figure only when none is given), returns the
Axes and never shows or changes global matplotlib settings. The numbers come from
`shadowing.analysis.performance` and `shadowing.analysis.dfg`.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from .. import i18n
from ..analysis.dfg import compute, events_of
from ..analysis.performance import UNIT_SECONDS, handovers, throughput_times
from ..errors import check_choice, check_number
from ..model import columns as C
from ..wording.charts import CHART_WORDS as _TEXT, UNIT_NAMES as _UNIT_NAMES


def _axes(ax, figsize=(7, 4)):
    if ax is None:
        import matplotlib.pyplot as plt  # noqa: PLC0415

        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def plot_throughput(log, *, unit: str | None = None, bins: int = 30, lang: str = "en", ax=None):
    """Histogram of throughput times with the median and 90th percentile marked.

    Parameters
    ----------
    log : EventLog or DataFrame
    unit : {"min", "h", "d", "w"}, optional
        By default the unit the median reads best in.
    bins : int
    lang : {"en", "nl"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_choice("unit", unit, (None, "s", "min", "h", "d", "w"), func="plot_throughput")
    check_choice("lang", lang, i18n.LANGS, func="plot_throughput")
    t = _TEXT[lang]
    secs = throughput_times(log)["throughput"].dt.total_seconds().to_numpy()
    ax = _axes(ax)
    if len(secs) == 0:
        return ax
    med, p90 = np.median(secs), np.quantile(secs, 0.9)
    unit = unit or i18n.duration_unit(med if med > 0 else secs.max())
    div = UNIT_SECONDS[unit]
    ax.hist(secs / div, bins=bins, color="#6baed6", edgecolor="white")
    for value, name, style in ((med, t["median"], "-"), (p90, t["p90"], "--")):
        ax.axvline(value / div, color="#a50f15", linestyle=style, linewidth=1.5,
                   label=f"{name}: {i18n.duration(value, lang, unit=unit)}")
    ax.set_xlabel(f"{t['throughput']} ({_UNIT_NAMES[lang][unit]})")
    ax.set_ylabel(t["cases"])
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_handovers(log, *, by: str = "resource", top: int = 15, lang: str = "en", ax=None):
    """Heatmap of handovers between the ``top`` busiest people (or roles, systems).

    Rows hand over to columns; cells show counts. See `handovers` for ``by``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_choice("lang", lang, i18n.LANGS, func="plot_handovers")
    top = check_number("top", top, func="plot_handovers", integer=True, low=1)
    t = _TEXT[lang]
    h = handovers(log, by=by)
    volume = pd.concat([h.groupby("source")["count"].sum(), h.groupby("target")["count"].sum()],
                       axis=1).fillna(0).sum(axis=1).sort_values(ascending=False, kind="stable")
    names = volume.index[:top].tolist()
    matrix = (h[h["source"].isin(names) & h["target"].isin(names)]
              .pivot_table(index="source", columns="target", values="count", aggfunc="sum",
                           fill_value=0, observed=True)
              .reindex(index=names, columns=names, fill_value=0))
    ax = _axes(ax, figsize=(1.2 + 0.45 * max(len(names), 4), 0.9 + 0.4 * max(len(names), 4)))
    data = matrix.to_numpy(dtype=float)
    image = ax.imshow(data, cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(names)), [str(n) for n in names], rotation=45, ha="right")
    ax.set_yticks(range(len(names)), [str(n) for n in names])
    ax.set_xlabel(t["to"])
    ax.set_ylabel(t["from"])
    ax.set_title(t["handovers"])
    top_value = data.max() if data.size else 0
    if len(names) <= 20:
        for i in range(len(names)):
            for j in range(len(names)):
                if data[i, j] > 0:
                    ax.text(j, i, i18n.number(data[i, j], lang), ha="center", va="center",
                            fontsize=8, color="white" if data[i, j] > top_value * 0.6 else "black")
    ax.figure.colorbar(image, ax=ax, shrink=0.8)
    return ax


def plot_dotted_chart(log, *, max_cases: int = 2000, top_activities: int = 10,
                      lang: str = "en", ax=None):
    """Dotted chart: one row per case (by first event), one dot per event, coloured by activity.

    Logs with more than ``max_cases`` cases are thinned to an evenly spaced selection of cases;
    activities beyond the ``top_activities`` most frequent share one grey colour.

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_choice("lang", lang, i18n.LANGS, func="plot_dotted_chart")
    t = _TEXT[lang]
    ev, frame = events_of(log)
    ax = _axes(ax, figsize=(9, 5))
    if ev.n_events == 0:
        return ax
    first, _ = ev.first_last()
    order = np.argsort(ev.end[first], kind="stable")  # cases by their first event
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    if ev.n_cases > max_cases:
        chosen = np.zeros(ev.n_cases, dtype=bool)
        chosen[order[np.linspace(0, ev.n_cases - 1, max_cases).round().astype(int)]] = True
        mask = chosen[ev.case]
    else:
        mask = np.ones(ev.n_events, dtype=bool)
    tz = frame[C.TIMESTAMP].dt.tz
    times = pd.to_datetime(ev.end[mask], unit="ns", utc=tz is not None)
    if tz is not None:
        times = times.tz_convert(tz).tz_localize(None)
    y = rank[ev.case[mask]]
    counts = np.bincount(ev.act, minlength=len(ev.labels))
    ranked = np.argsort(-counts, kind="stable")[:top_activities]
    import matplotlib as mpl  # noqa: PLC0415

    cmap = mpl.colormaps["tab10" if top_activities <= 10 else "tab20"]
    act = ev.act[mask]
    shown = np.isin(act, ranked)
    ax.scatter(times[~shown], y[~shown], s=4, color="#bdbdbd", label=t["other"],
               rasterized=True, linewidths=0)
    for i, code in enumerate(ranked):
        if counts[code] == 0:
            continue
        sel = act == code
        ax.scatter(times[sel], y[sel], s=6, color=cmap(i % cmap.N), label=str(ev.labels[code]),
                   rasterized=True, linewidths=0)
    ax.set_xlabel(t["time"])
    ax.set_ylabel(t["case"])
    ax.invert_yaxis()
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8,
              markerscale=2)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_activity_frequency(log, *, top: int = 20,
                            measure: Literal["events", "cases"] = "events", lang: str = "en",
                            ax=None):
    """Horizontal bars: how often each activity happens (events) or in how many cases.

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_choice("measure", measure, ("events", "cases"), func="plot_activity_frequency")
    check_choice("lang", lang, i18n.LANGS, func="plot_activity_frequency")
    t = _TEXT[lang]
    ev, _ = events_of(log)
    acts = compute(ev).activities.sort_values(measure, ascending=False, kind="stable").head(top)
    ax = _axes(ax, figsize=(7, 0.6 + 0.3 * max(len(acts), 3)))
    names = [a if len(a) <= 40 else a[:39] + "…" for a in acts["activity"].astype(str)]
    bars = ax.barh(range(len(acts)), acts[measure], color="#6baed6")
    ax.set_yticks(range(len(acts)), names)
    ax.invert_yaxis()
    ax.bar_label(bars, labels=[i18n.number(v, lang) for v in acts[measure]], padding=3,
                 fontsize=8)
    ax.set_xlabel(t["events"] if measure == "events" else t["cases"])
    ax.spines[["top", "right"]].set_visible(False)
    return ax
