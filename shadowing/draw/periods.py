"""Before and after, drawn: the delta map and the chart of measures with their intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import i18n
from ..errors import InputError, ParameterError, check_number
from ..wording.periods import WORDS, measure_label, value_text
from .process_map import ProcessMap

__all__ = ["delta_map", "plot_period_comparison", "BETTER", "WORSE", "SAME"]

#: Colours for real improvements, real deteriorations and no clear change (colour-blind safe
#: pair: blue-green and vermilion).
BETTER = "#1b9e77"
WORSE = "#d95f02"
SAME = "#8c8c8c"


def _measures(comparison) -> pd.DataFrame:
    m = getattr(comparison, "measures", comparison)
    need = ["measure", "before", "difference", "difference_low", "difference_high", "real"]
    if not isinstance(m, pd.DataFrame) or any(c not in m.columns for c in need):
        raise InputError("plot_period_comparison expects a PeriodComparison (from "
                         "shadowing.compare_periods) or its .measures frame.")
    return m


def delta_map(comparison, *, lang: str = "en", min_count: int = 1) -> ProcessMap:
    """A process map of both periods: ``before → after`` on every activity and arrow.

    Arrows show the transition counts and mean waits before and after; an arrow is green when
    its wait fell for real, orange when it rose for real, grey otherwise (dashed when it only
    occurs in one period). Activities show their event counts before and after.
    """
    i18n.check_lang(lang, "delta_map")
    min_count = check_number("min_count", min_count, func="delta_map", integer=True, low=1)
    w = WORDS[lang]
    t = comparison.transitions
    t = t[(t["count_before"] + t["count_after"]) >= min_count].copy()
    real = t["real"].fillna(False).to_numpy(dtype=bool)
    better = t["improved"].fillna(False).to_numpy(dtype=bool)
    t["color"] = np.where(real & better, BETTER, np.where(real, WORSE, SAME))
    t["penwidth"] = np.where(real, 2.5, 1.0)
    one_side = (t["count_before"] == 0) | (t["count_after"] == 0)
    t["style"] = np.where(one_side, "dashed", "solid")

    def wait(x):
        return value_text(x, "h", lang)

    t["text"] = [f"{int(cb)} → {int(ca)}\n{wait(wb)} → {wait(wa)}"
                 for cb, ca, wb, wa in zip(t["count_before"], t["count_after"], t["wait_before"],
                                           t["wait_after"])]   # one label per arrow
    a = comparison.activities
    if min_count > 1:        # activities left without arrows are left out with them
        a = a[a["activity"].isin(set(t["source"]) | set(t["target"]))]
    nodes = pd.DataFrame({"activity": a["activity"], "events_before": a["events_before"],
                          "events_after": a["events_after"],
                          "text": [f"{b} → {x}" for b, x in zip(a["events_before"],
                                                                a["events_after"])]})
    legend = [(w["legend_better"], BETTER), (w["legend_worse"], WORSE), (w["legend_same"], SAME)]
    note = {"en": "Numbers: {b} → {a} (cases on arrows: transitions; waiting: mean hours).",
            "nl": "Getallen: {b} → {a} (op pijlen: overgangen; wachten: gemiddelde uren)."}[lang]
    return ProcessMap.from_frames(nodes, t, lang=lang, measure="performance",
                                  footnote=note.format(b=w["before"], a=w["after"]),
                                  title=w["title"], legend=legend)


def plot_period_comparison(comparison, *, lang: str = "en", measures=None, ax=None,
                           title: str | None = None):
    """The measures' relative change (after against before) with their intervals.

    Each row is one measure: a dot at the change in percent of the before value and a bar over
    its interval; green where it improved for real, orange where it got worse for real, grey
    where the interval holds zero. Hotspot euros (the same change as their hours) and measures
    that are zero before and after are left out.

    Parameters
    ----------
    comparison : PeriodComparison or DataFrame
        From `compare_periods`, or its ``measures``.
    lang : {"en", "nl"}
    measures : list of str, optional
        Only these ``measure`` names (``"waiting"``, ``"throughput_median"`` ...).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt  # noqa: PLC0415 - matplotlib only when drawing
    from matplotlib.ticker import PercentFormatter  # noqa: PLC0415

    i18n.check_lang(lang, "plot_period_comparison")
    m = _measures(comparison)
    m = m[m["measure"] != "hotspot_cost"]
    m = m[(m["before"] != 0) | (m["after"] != 0)]      # nothing before or after: no change
    if measures is not None:
        wanted = [measures] if isinstance(measures, str) else list(measures)
        unknown = [x for x in wanted if x not in set(m["measure"])]
        if unknown:
            raise ParameterError(f"The 'measures' parameter of plot_period_comparison must name "
                                 f"measures of the comparison; {unknown[0]!r} is not one. Found: "
                                 f"{', '.join(pd.unique(m['measure']))}.")
        m = m[m["measure"].isin(wanted)]
    before = m["before"].to_numpy(dtype=float)
    base = np.where(before != 0, np.abs(before), np.nan)
    rel = m["difference"].to_numpy(dtype=float) / base
    lo = m["difference_low"].to_numpy(dtype=float) / base
    hi = m["difference_high"].to_numpy(dtype=float) / base
    real = m["real"].fillna(False).to_numpy(dtype=bool)
    imp = m["improved"].fillna(False).to_numpy(dtype=bool) if "improved" in m else real
    colors = np.where(real & imp, BETTER, np.where(real, WORSE, SAME))
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.35 * len(m) + 1.4))
    y = np.arange(len(m))[::-1]
    has = ~np.isnan(lo)
    ax.hlines(y[has], lo[has], hi[has], colors=colors[has], linewidth=2.5)
    ax.scatter(rel, y, c=colors, zorder=3, s=28)
    ax.axvline(0, color="#444444", linewidth=0.8)
    labels = [measure_label(r, lang) for _, r in m.iterrows()]   # one label per measure
    ax.set_yticks(y, [lab if len(lab) <= 60 else lab[:57] + "…" for lab in labels])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    w = WORDS[lang]
    ax.set_xlabel({"en": "change against before (%)", "nl": "verandering tegenover voor (%)"}[lang])
    ax.set_title(title if title is not None else w["title"])
    ax.grid(axis="x", alpha=0.3)
    return ax
