"""The diff map of a perceived-versus-actual comparison.

Drawn from a `shadowing.analysis.compare.comparison.Comparison`'s ``activities`` and ``flows``
frames (it needs nothing else of it): matched flows solid, perceived-only dashed and grey,
hidden in a warning colour with their number of cases, observed-only dotted blue. Work outside
a ``scope: part`` perception (``out_of_scope``) is not drawn.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from .. import i18n
from ..errors import ParameterError, check_number
from ..wording.filters import filters_sentence
from ..wording.compare import MAP_WORDS, either, join_words, share_text
from .process_map import ProcessMap

__all__ = ["diff_map", "LEVELS", "WARNING", "MATCHED", "GREY", "OBSERVED"]

WARNING = "#d9480f"
MATCHED = "#343a40"
GREY = "#adb5bd"
OBSERVED = "#1c7ed6"

_TOLD = ("matched", "perceived_only")


def _share(value, name: str) -> float:
    return check_number(name, value, func="Comparison.map", low=0, low_open=True, high=1,
                        what="a share (1.0 shows everything)")


def _keep(rows: pd.DataFrame, weight: str, share: float, min_share: float) -> np.ndarray:
    """Mask: perceived rows always; the others by frequency, the most frequent covering
    ``share`` of ``weight`` (all rows counted), and none under ``min_share`` of cases."""
    told = rows["status"].isin(_TOLD).to_numpy()
    w = rows[weight].to_numpy(dtype=float)
    keep = told.copy()
    if share < 1:
        total, covered = w.sum(), w[told].sum()
        for i in np.argsort(-w, kind="stable"):
            if told[i]:
                continue
            if total and covered / total >= share - 1e-12:
                break
            keep[i] = True
            covered += w[i]
    else:
        keep[:] = True
    keep &= told | (rows["share"].to_numpy() >= min_share)
    return keep


def diff_map(comparison, *, lang: str | None = None, activities: float = 1.0,
             paths: float = 1.0, min_share: float = 0.0, rankdir: str = "TB",
             ends_shown: bool = True, implied: bool = True) -> ProcessMap:
    """The diff map of a comparison, as a `shadowing.draw.process_map.ProcessMap`.

    Matched flows are solid (labelled with their cases), perceived-only flows and steps dashed
    and grey, hidden flows and activities in a warning colour with their number of cases, and
    (three-way) work seen only by the observers dotted blue. With a partial scope the map shows
    only the part in scope (the footnote says which part and how many cases); the work before
    and after it is left out, not greyed out (``out_of_scope`` rows are not drawn).

    The perceived steps and flows (matched and perceived-only) are always drawn; what nobody
    told (hidden, observed-only) is simplified as `shadowing.draw.process_map.process_map` does:

    Parameters
    ----------
    comparison : Comparison
    lang : {"en", "nl"}, optional
        Default: the comparison's language.
    activities : float
        Keep the most frequent activities (perceived ones always) that together make up at
        least this share of the events (1.0: all).
    paths : float
        Keep the most frequent flows (perceived ones always) that together make up at least
        this share of the transitions (1.0: all).
    min_share : float
        Also leave out hidden flows and activities seen in fewer than this share of cases.
    rankdir : {"TB", "LR"}
    ends_shown : bool
        Draw the start and end circles with grey arrows to the perceived start and end steps.
    implied : bool
        Draw the flows the perception allows without drawing them (interleavings of parallel
        branches, bypasses of optional steps); False leaves them out (the footnote says so).

    Returns
    -------
    ProcessMap
        Its footnote says what was left out.
    """
    lang = i18n.check_lang(lang or comparison.lang, "Comparison.map")
    act_share = _share(activities, "activities")
    path_share = _share(paths, "paths")
    min_share = check_number("min_share", min_share, func="Comparison.map", low=0, high=1,
                             high_open=True, what="a share")
    w = MAP_WORDS[lang]
    a_all = comparison.activities.loc[comparison.activities["status"] != "out_of_scope"]
    a = a_all.loc[_keep(a_all, "events", act_share, min_share)]
    keep = set(a["activity"])
    f_all = comparison.flows.loc[(comparison.flows["status"] != "out_of_scope")
                                 & comparison.flows["source"].isin(keep)
                                 & comparison.flows["target"].isin(keep)]
    f = f_all.loc[_keep(f_all, "occurrences", path_share, min_share)]
    if not implied:
        f = f.loc[f["perceived"] != "implied"]
    left_acts = a_all.loc[~a_all["activity"].isin(keep)]
    left_flows = comparison.flows.loc[(comparison.flows["status"] != "out_of_scope")
                                      & ~comparison.flows.index.isin(f.index)]

    def n_cases(n):
        return f"{i18n.number(n, lang)} {w['case'] if n == 1 else w['cases']}"

    node_style = {
        "matched": dict(color=MATCHED, style="solid"),
        "perceived_only": dict(color=GREY, style="dashed", fontcolor=GREY),
        "hidden": dict(color=WARNING, style="solid", fontcolor=WARNING, penwidth=2.0),
        "observed_only": dict(color=OBSERVED, style="dotted", fontcolor=OBSERVED),
    }
    nodes = a[["activity", "status", "cases", "share"]].reset_index(drop=True)
    texts = []
    for r in nodes.itertuples(index=False):
        t = n_cases(r.cases) if r.cases else w["perceived_only"]
        if r.status in ("hidden", "observed_only"):
            t += f" · {w[r.status]}"
        texts.append(t)
    nodes["text"] = texts
    for col in ("color", "style", "fontcolor", "penwidth"):
        nodes[col] = [node_style[s].get(col) for s in nodes["status"]]
    edges = f[["source", "target", "status", "perceived", "cases", "share"]].reset_index(drop=True)
    edge_style = {
        "matched": dict(color=MATCHED, style="solid", penwidth=1.5),
        "perceived_only": dict(color=GREY, style="dashed", penwidth=1.0),
        "hidden": dict(color=WARNING, style="solid", fontcolor=WARNING, penwidth=2.5),
        "observed_only": dict(color=OBSERVED, style="dotted", fontcolor=OBSERVED, penwidth=1.5),
    }
    edges["text"] = [n_cases(c) if c else "" for c in edges["cases"]]
    for col in ("color", "style", "fontcolor", "penwidth"):
        edges[col] = [edge_style[s].get(col) for s in edges["status"]]
    # start and end of the perception, so the map reads from top to bottom
    starts = pd.DataFrame({"source": ProcessMap.START, "target": list(comparison.perceived.start),
                           "status": "matched", "color": GREY, "style": "solid"})
    ends = pd.DataFrame({"source": list(comparison.perceived.end), "target": ProcessMap.END,
                         "status": "matched", "color": GREY, "style": "solid"})
    if ends_shown:
        edges = pd.concat([starts, edges, ends], ignore_index=True)
    note = w["conformance"].format(p=i18n.percent(comparison.conformance, lang),
                                   q=i18n.percent(comparison.near_conformance, lang)) + ". "
    note += w["legend"].format(warn=w["warn"])
    if comparison.three_way:
        note += w["observed"]
    if len(left_acts) or len(left_flows):
        what = []
        is_implied = left_flows["perceived"] == "implied"
        for rows, one, many in ((left_acts.loc[left_acts["status"] != "observed_only"], "act",
                                 "acts"),
                                (left_flows.loc[is_implied], "implied_flow", "implied_flows"),
                                (left_flows.loc[(left_flows["status"] != "observed_only")
                                                & ~is_implied], "flow", "flows"),
                                (left_acts.loc[left_acts["status"] == "observed_only"], "obs_act",
                                 "obs_acts"),
                                (left_flows.loc[left_flows["status"] == "observed_only"],
                                 "obs_flow", "obs_flows")):
            if len(rows):
                what.append(w[one] if len(rows) == 1 else
                            w[many].format(n=i18n.number(len(rows), lang)))
        note += w["left_out"].format(what=join_words(what, lang))
        top = max([float(x["share"].max()) for x in (left_acts, left_flows) if len(x)] or [0.0])
        if top > 0:
            note += w["under"].format(p=share_text(top, lang))
    sc = comparison.scope
    if sc is not None and sc.kind == "part":
        note += w["scope"].format(start=either(sc.start, lang), end=either(sc.end, lang),
                                  n=i18n.number(sc.cases_in_scope, lang),
                                  m=i18n.number(sc.cases, lang))
    name = str(comparison.perceived.name)
    title = name if len(name) <= 60 else name[:59].rstrip() + "…"   # the title is not wrapped
    filtered = filters_sentence(getattr(comparison, "filters", ()), lang)
    if filtered:
        note += " " + filtered + "."
    return ProcessMap.from_frames(nodes, edges, footnote=note, lang=lang, title=title,
                                  rankdir=rankdir)


#: Simplification levels for a map that must fit a page, least simplified first, as
#: (activities, paths, min_share, ends_shown, implied) of `diff_map`: what nobody told is thinned
#: out first, then the start and end circles go, and last the flows the perception allows
#: without drawing them (parallel interleavings). The perceived steps always stay. The client
#: report picks the first level whose labels print at 6 pt or more on A4
#: (`shadowing.report.fit.fit_map`).
LEVELS = tuple((a, p, s, ends, implied)
               for implied in (True, False)
               for a, p, s in ((1.0, 1.0, 0.0), (1.0, 1.0, 0.01), (1.0, 1.0, 0.02),
                               (1.0, 0.95, 0.05), (0.95, 0.9, 0.05), (0.9, 0.85, 0.1),
                               (0.85, 0.8, 0.15), (0.8, 0.7, 0.2), (0.7, 0.6, 0.3))
               for ends in (True, False))
