"""Charts of an event log: throughput times, handovers, dotted chart, activity frequency.

Compute apart from draw: `throughput_times` and `handovers` return DataFrames; each ``plot_*``
function takes ``ax=None`` (a new figure only when none is given), returns the Axes and never
shows or changes global matplotlib settings.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..model import columns as C
from .. import i18n
from .dfg import events_of
from ..errors import ColumnNotFoundError, ParameterError, check_choice, check_number

_TEXT = {
    "en": {"throughput": "Throughput time", "cases": "Cases", "median": "median", "p90": "P90",
           "from": "from", "to": "to (hands over to)", "handovers": "Handovers",
           "time": "Time", "case": "Cases (by first event)", "events": "Events",
           "activity": "Activity", "other": "other", "in": "in"},
    "nl": {"throughput": "Doorlooptijd", "cases": "Zaken", "median": "mediaan", "p90": "P90",
           "from": "van", "to": "naar (draagt over aan)", "handovers": "Overdrachten",
           "time": "Tijd", "case": "Zaken (op eerste gebeurtenis)", "events": "Gebeurtenissen",
           "activity": "Activiteit", "other": "overige", "in": "in"},
}
_UNIT_NAMES = {"en": {"s": "seconds", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"},
               "nl": {"s": "seconden", "min": "minuten", "h": "uren", "d": "dagen", "w": "weken"}}
_UNIT_SECONDS = {"s": 1, "min": 60, "h": 3600, "d": 86400, "w": 604800}
_BY = {"resource": C.RESOURCE, "system": C.SYSTEM, "role": "role", "group": "org:group"}


def _axes(ax, figsize=(7, 4)):
    if ax is None:
        import matplotlib.pyplot as plt  # noqa: PLC0415

        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


# -- compute ----------------------------------------------------------------------------------

def throughput_times(log) -> pd.DataFrame:
    """One row per case: when it started and ended and how long it took.

    Returns
    -------
    DataFrame
        ``case``, ``start`` (first start or timestamp), ``end`` (last timestamp),
        ``throughput`` (Timedelta), ``events``; in the log's case order.
    """
    ev, frame = events_of(log)
    first, last = ev.first_last()
    begin = ev.end if ev.start is None else np.minimum(ev.start, ev.end)
    if len(first):
        start_ns = np.minimum.reduceat(begin, first)
        end_ns = np.maximum.reduceat(ev.end, first)
    else:
        start_ns = end_ns = np.zeros(0, dtype=np.int64)
    tz = frame[C.TIMESTAMP].dt.tz
    start = pd.to_datetime(start_ns, unit="ns", utc=tz is not None)
    end = pd.to_datetime(end_ns, unit="ns", utc=tz is not None)
    if tz is not None:
        start, end = start.tz_convert(tz), end.tz_convert(tz)
    return pd.DataFrame({"case": ev.case_labels.astype(object), "start": start, "end": end,
                         "throughput": pd.to_timedelta(end_ns - start_ns, unit="ns"),
                         "events": (last - first + 1).astype(np.int64)})


def handovers(log, *, by: str = "resource", self_loops: bool = False) -> pd.DataFrame:
    """Who (or which role or system) hands work over to whom, within cases.

    A handover is two consecutive events of one case done by different people (or roles,
    systems). Events without a value are skipped over.

    Parameters
    ----------
    log : EventLog or DataFrame
    by : str
        ``"resource"`` (``org:resource``), ``"role"``, ``"system"``, ``"group"``
        (``org:group``) or the name of any column of the log.
    self_loops : bool
        Also count consecutive events by the same value (work kept, not handed over).

    Returns
    -------
    DataFrame
        ``source``, ``target``, ``count``, ``cases``, ``share`` (of all handovers), most
        frequent first.
    """
    ev, frame = events_of(log)
    col = _BY.get(by, by)
    if col not in frame.columns:
        raise ColumnNotFoundError(
            f"handovers: by={by!r} needs the column '{col}', which the log does not have; "
            f"columns are: {', '.join(map(str, frame.columns))}.")
    values = frame[col].astype("category")
    codes = values.cat.codes.to_numpy()[ev.row].astype(np.int64)
    known = codes >= 0
    case, codes = ev.case[known], codes[known]
    same_case = case[1:] == case[:-1]
    a, b = codes[:-1][same_case], codes[1:][same_case]
    c = case[1:][same_case]
    if not self_loops:
        keep = a != b
        a, b, c = a[keep], b[keep], c[keep]
    n = len(values.cat.categories)
    pair = a * max(n, 1) + b
    counts = np.bincount(pair, minlength=n * n)
    ucase = pd.unique(c * (n * n) + pair) if len(pair) else np.zeros(0, dtype=np.int64)
    cases = np.bincount(ucase % max(n * n, 1), minlength=n * n)
    nz = np.flatnonzero(counts)
    labels = np.asarray(values.cat.categories, dtype=object)
    out = pd.DataFrame({"source": labels[nz // max(n, 1)] if n else [],
                        "target": labels[nz % max(n, 1)] if n else [],
                        "count": counts[nz].astype(np.int64), "cases": cases[nz].astype(np.int64)})
    out["share"] = out["count"] / max(int(out["count"].sum()), 1)
    return out.sort_values(["count", "source", "target"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)


# -- draw -------------------------------------------------------------------------------------

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
    div = _UNIT_SECONDS[unit]
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
    from .dfg import compute  # noqa: PLC0415

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
