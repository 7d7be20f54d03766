"""As-is process maps: the directly-follows graph with its numbers, drawn with Graphviz.

`process_map` computes the map (via `shadowing.analysis.dfg`), simplifies it the way commercial tools do
(keep the most frequent activities and paths, never cut a kept activity off from start or end)
and returns a `ProcessMap`: the numbers as ``.nodes`` and ``.edges`` DataFrames, plus DOT source,
a `graphviz.Digraph`, files (SVG/PNG/PDF) and inline display in Jupyter.

Drawing is driven by optional *style columns* (see `STYLE_COLUMNS`), so other modules can draw
their own maps from frames (`ProcessMap.from_frames`) and highlight parts of a map
(`ProcessMap.overlay`).
"""

from __future__ import annotations

import functools
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal, Sequence

import numpy as np
import pandas as pd

from ..model import columns as C
from ..wording.filters import filters_sentence
from ..wording.maps import WORDS
from . import dot as _dot
from .. import i18n
from ..analysis.dfg import END, START, DirectlyFollows, compute, events_of
from ..model.lazy import LazyLog
from ..errors import ColumnNotFoundError, ParameterError, ReportError, check_choice, check_number

log = logging.getLogger(__name__)

#: Columns of ``nodes``/``edges`` frames that `ProcessMap.from_frames` reads as drawing
#: instructions instead of measures. ``text``: the line(s) under an activity's name or on an
#: edge; ``label``: replaces the activity's name on its node; ``color``: border or line colour;
#: ``fillcolor``: node fill; ``fontcolor``; ``penwidth``: line thickness (points);
#: ``style``: ``solid``, ``dashed``, ``dotted`` or ``bold``; ``tooltip``: hover text in SVG.
STYLE_COLUMNS = ("text", "label", "color", "fillcolor", "fontcolor", "penwidth", "style", "tooltip")
LINE_STYLES = ("solid", "dashed", "dotted", "bold")

STATS = ("median", "mean", "p90", "total")
UNITS = {None: None, "s": "s", "min": "min", "h": "h", "d": "d", "w": "w", "seconds": "s",
         "minutes": "min", "hours": "h", "days": "d", "weeks": "w"}

#: Light fills for systems (colour-blind friendly, readable with black text).
SYSTEM_COLORS = ("#a6cee3", "#fdbf6f", "#b2df8a", "#fb9a99", "#cab2d6", "#ffff99", "#8dd3c7",
                 "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f")
GREY = "#8c8c8c"
#: Above this many arrows Graphviz gets limits on its crossing search (a full 25x25 map takes
#: 7 s instead of 100 s); simplify with ``paths=`` for a readable map anyway.
LARGE_MAP_EDGES = 150
HIGHLIGHT = "#d62728"
_RAMPS = {
    "frequency": {"node": ("#f7fbff", "#6baed6"), "edge": ("#a6a6a6", "#08306b")},
    "performance": {"node": ("#fff5f0", "#fb6a4a"), "edge": ("#a6a6a6", "#a50f15")},
}

#: Tighter Graphviz spacing (nodesep, ranksep in inches) for maps that must fit a page.
COMPACT = (0.12, 0.22)
#: A notebook shows at most this many arrows; larger maps are simplified on screen only, with
#: fewer paths (`SCREEN_EDGE_STEPS`) until the map is at most `SCREEN_WIDTH_PT` wide.
SCREEN_MAX_EDGES = 80
SCREEN_EDGE_STEPS = (80, 60, 45, 35, 25)
SCREEN_WIDTH_PT = 1000.0

# -- the map object ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class ProcessMap:
    """A process map: numbers in two DataFrames, drawn with Graphviz.

    Attributes
    ----------
    nodes : DataFrame
        One row per activity on the map: ``activity``, then the measures (``events``,
        ``cases``, ``relative``, ``case_share``, durations where known, ``system`` where known).
    edges : DataFrame
        One row per arrow: ``source``, ``target``, then the measures (``count``, ``cases``,
        ``relative``, ``case_share``, ``out_share``, ``wait_median``, ``wait_mean``,
        ``wait_p90``, ``wait_total``). Arrows from the start node have ``source == "[start]"``,
        to the end node ``target == "[end]"``.
    footnote : str
        What the map shows and what it hides, in words.
    measure : {"frequency", "performance"}
    lang : {"en", "nl"}
    title : str or None
    rankdir : {"TB", "LR"}
    legend : tuple of (name, colour)
        Colour key drawn under the map (systems).
    node_style, edge_style : DataFrame or None
        Drawing instructions (`STYLE_COLUMNS`), row-aligned with ``nodes``/``edges``.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    footnote: str = ""
    measure: str = "frequency"
    lang: str = "en"
    title: str | None = None
    rankdir: str = "TB"
    legend: tuple = ()
    node_style: pd.DataFrame | None = field(default=None, repr=False)
    edge_style: pd.DataFrame | None = field(default=None, repr=False)
    spacing: tuple = (0.35, 0.45)   # Graphviz nodesep, ranksep (inches); `COMPACT` packs tighter

    START = START
    END = END

    # -- building from frames -----------------------------------------------------------
    @classmethod
    def from_frames(cls, nodes: pd.DataFrame, edges: pd.DataFrame, *, footnote: str = "",
                    measure: str = "frequency", lang: str = "en", title: str | None = None,
                    rankdir: str = "TB", legend: Sequence = ()) -> "ProcessMap":
        """A map from two frames; style columns among them become drawing instructions.

        Parameters
        ----------
        nodes : DataFrame
            Column ``activity`` plus any measures and any of `STYLE_COLUMNS`. Activities that
            edges mention but ``nodes`` lacks are added.
        edges : DataFrame
            Columns ``source`` and ``target`` (`ProcessMap.START`/`ProcessMap.END` for the
            start and end nodes) plus any measures and style columns. For a diff map, for
            example: ``style="dashed", color="#999999", text="perceived only"``.

        Returns
        -------
        ProcessMap
        """
        check_choice("lang", lang, i18n.LANGS, func="ProcessMap.from_frames")
        check_choice("rankdir", rankdir, ("TB", "LR"), func="ProcessMap.from_frames")
        for frame, need, what in ((nodes, ["activity"], "nodes"),
                                  (edges, ["source", "target"], "edges")):
            missing = [c for c in need if c not in frame.columns]
            if missing:
                raise ColumnNotFoundError(
                    f"ProcessMap.from_frames: the {what} frame needs the column(s) "
                    f"{', '.join(missing)}; columns are: {', '.join(map(str, frame.columns))}.")
        nodes = nodes.reset_index(drop=True)
        edges = edges.reset_index(drop=True)
        known = set(nodes["activity"].astype(str))
        extra = [a for a in pd.unique(pd.concat([edges["source"], edges["target"]]).astype(str))
                 if a not in known and a not in (START, END)]
        if extra:
            nodes = pd.concat([nodes, pd.DataFrame({"activity": extra})], ignore_index=True)
        node_style = nodes[[c for c in STYLE_COLUMNS if c in nodes.columns]].copy()
        edge_style = edges[[c for c in STYLE_COLUMNS if c in edges.columns]].copy()
        _check_styles(edge_style, "edges")
        _check_styles(node_style, "nodes")
        nodes = nodes.drop(columns=list(node_style.columns))
        edges = edges.drop(columns=list(edge_style.columns))
        return cls(nodes=nodes, edges=edges, footnote=footnote, measure=measure, lang=lang,
                   title=title, rankdir=rankdir, legend=tuple(legend), node_style=node_style,
                   edge_style=edge_style)

    # -- highlighting -------------------------------------------------------------------
    def overlay(self, edges: Iterable[Sequence] = (), nodes: Iterable[Sequence] = (), *,
                color: str = HIGHLIGHT, penwidth: float = 4.0, style: str = "solid") -> "ProcessMap":
        """A new map with some edges and nodes highlighted and labelled.

        Parameters
        ----------
        edges : iterable of (source, target) or (source, target, label)
            Arrows to highlight. An arrow that is not on the map (hidden by simplification,
            or not in the log) is added.
        nodes : iterable of (activity,) or (activity, label)
            Activities to highlight; missing ones are added.
        color : str
            Colour name or ``#rrggbb``.
        penwidth : float
            Line thickness of highlighted arrows (node borders get 60% of it).
        style : {"solid", "dashed", "dotted", "bold"}

        Returns
        -------
        ProcessMap

        Examples
        --------
        >>> m = sh.process_map(log).overlay(edges=[("a", "b", "long wait")])  # doctest: +SKIP
        """
        check_choice("style", style, LINE_STYLES, func="ProcessMap.overlay")
        color = _dot.color(color, HIGHLIGHT)
        nf, ef = self._styled_frames()
        for item in nodes:
            item = (item,) if isinstance(item, str) else tuple(item)
            if not 1 <= len(item) <= 2:
                raise ParameterError("ProcessMap.overlay: each node must be (activity,) or "
                                     f"(activity, label). Got {item!r} instead.")
            act, label = str(item[0]), (str(item[1]) if len(item) > 1 and item[1] is not None
                                        else "")
            hit = nf["activity"].astype(str).eq(act)
            if not hit.any():
                nf = _append(nf, {"activity": act})
                hit = nf["activity"].astype(str).eq(act)
            nf.loc[hit, "color"] = color
            nf.loc[hit, "penwidth"] = max(penwidth * 0.6, 1.5)
            if label:
                nf.loc[hit, "text"] = nf.loc[hit, "text"].fillna("").map(
                    lambda t, lab=label: f"{t}\n{lab}" if t else lab)
                nf.loc[hit, "fontcolor"] = color
        for item in edges:
            item = tuple(item)
            if not 2 <= len(item) <= 3:
                raise ParameterError("ProcessMap.overlay: each edge must be (source, target) or "
                                     f"(source, target, label). Got {item!r} instead.")
            a, b = str(item[0]), str(item[1])
            label = str(item[2]) if len(item) > 2 and item[2] is not None else ""
            hit = ef["source"].astype(str).eq(a) & ef["target"].astype(str).eq(b)
            if not hit.any():
                ef = _append(ef, {"source": a, "target": b})
                hit = ef["source"].astype(str).eq(a) & ef["target"].astype(str).eq(b)
                for act in (a, b):
                    if act not in (START, END) and not nf["activity"].astype(str).eq(act).any():
                        nf = _append(nf, {"activity": act})
            ef.loc[hit, "color"] = color
            ef.loc[hit, "fontcolor"] = color
            ef.loc[hit, "penwidth"] = penwidth
            ef.loc[hit, "style"] = style
            if label:
                ef.loc[hit, "text"] = ef.loc[hit, "text"].fillna("").map(
                    lambda t, lab=label: f"{t}\n{lab}" if t else lab)
        return ProcessMap.from_frames(nf, ef, footnote=self.footnote, measure=self.measure,
                                      lang=self.lang, title=self.title, rankdir=self.rankdir,
                                      legend=self.legend)

    def _styled_frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Nodes and edges with their style columns (all present, NA where unset)."""
        nf = self.nodes.reset_index(drop=True).copy()
        ef = self.edges.reset_index(drop=True).copy()
        for frame, style in ((nf, self.node_style), (ef, self.edge_style)):
            for col in STYLE_COLUMNS:
                if style is not None and col in style.columns:
                    frame[col] = style[col].reset_index(drop=True).astype(object)
                else:
                    frame[col] = pd.Series([None] * len(frame), dtype=object)
        return nf, ef

    # -- output -------------------------------------------------------------------------
    def to_dot(self) -> str:
        """The DOT source of the map."""
        return self.graph().source

    def graph(self, *, dpi: float | None = None, width: float | None = None):
        """The map as a `graphviz.Digraph` (needs the Graphviz ``dot`` program to render).

        ``width`` (inches) scales the drawing to exactly that width; ``dpi`` sets the pixel
        density of PNG output."""
        import graphviz  # noqa: PLC0415

        graph_attr = {"rankdir": self.rankdir, "nodesep": f"{self.spacing[0]:g}",
                      "ranksep": f"{self.spacing[1]:g}",
                      "bgcolor": "white", "pad": "0.2", "fontname": "Helvetica",
                      "charset": "UTF-8"}
        if dpi:
            graph_attr["dpi"] = str(float(dpi))
        if width:
            graph_attr["size"] = f"{float(width):g},1000!"  # width binds; the height follows
        if len(self.edges) > LARGE_MAP_EDGES:  # dense maps: cap Graphviz's crossing search
            graph_attr.update(mclimit="0.3", nslimit="2", nslimit1="2", remincross="false",
                              searchsize="10")
        g = graphviz.Digraph("process_map", graph_attr=graph_attr,
                             node_attr={"fontname": "Helvetica", "fontsize": "12"},
                             edge_attr={"fontname": "Helvetica", "fontsize": "10",
                                        "arrowsize": "0.7"})
        g.body.extend(_body(self))
        return g

    def _pipe(self, fmt: str, dpi: float | None = None, width: float | None = None) -> bytes:
        import graphviz  # noqa: PLC0415

        try:
            return self.graph(dpi=dpi, width=width).pipe(format=fmt, quiet=True)
        except graphviz.ExecutableNotFound as exc:
            raise ReportError("Drawing a process map needs the Graphviz program 'dot', which was "
                              "not found. Install it with 'apt install graphviz' or 'conda "
                              "install graphviz' (pip cannot provide it).") from exc

    def save(self, path, *, width: float | None = None, dpi: float = 150) -> Path:
        """Write the map to ``path``: ``.svg``, ``.png``, ``.pdf`` (or ``.dot``/``.gv`` source).

        Parameters
        ----------
        path : str or Path
            The suffix chooses the format.
        width : float, optional
            Width of the drawing in inches (6.3 fits an A4 page with margins); the height
            follows. By default the map keeps its natural size.
        dpi : float
            Pixels per inch of a PNG (a PNG of ``width=8, dpi=150`` is 1,200 pixels wide).

        Returns
        -------
        Path
        """
        path = Path(path)
        fmt = path.suffix.lower().lstrip(".")
        check_choice("suffix", fmt, ("svg", "png", "pdf", "dot", "gv"), func="ProcessMap.save")
        width = check_number("width", width, func="ProcessMap.save", low=0.5, high=200, none=True)
        dpi = check_number("dpi", dpi, func="ProcessMap.save", low=10, high=1200)
        if fmt in ("dot", "gv"):
            path.write_text(self.graph(width=width).source, encoding="utf-8")
        else:
            path.write_bytes(self._pipe(fmt, dpi=dpi if fmt == "png" else None, width=width))
        return path

    @functools.cached_property
    def svg(self) -> str:
        """The map as an SVG string that scales down to the width of a page."""
        return responsive_svg(self._pipe("svg").decode("utf-8"))

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_html_(self) -> str:
        shown = self
        for limit in SCREEN_EDGE_STEPS:   # fewer paths until the map fits a notebook panel
            shown = self.on_screen(limit)
            if _svg_width_pt(shown.svg) <= SCREEN_WIDTH_PT:
                break
        return f'<div class="shadowing-map" style="max-width:100%">{shown.svg}</div>'

    def on_screen(self, max_edges: int | None = None) -> "ProcessMap":
        """The map as a notebook shows it: a map with more than `SCREEN_MAX_EDGES` arrows is
        simplified to its most frequent paths (every activity kept and reachable), with a
        footnote saying so and how to see all of it (`full_view`). The numbers in ``.nodes``
        and ``.edges`` are never simplified by this."""
        limit = SCREEN_MAX_EDGES if max_edges is None else int(max_edges)
        if len(self.edges) <= limit or "count" not in self.edges:
            return self
        order = np.argsort(-self.edges["count"].to_numpy(dtype=float), kind="stable")
        ranked = self.edges.iloc[order].reset_index(drop=True)
        lo, hi, keep = 0.0, 1.0, select_paths(ranked, 0.0)
        for _ in range(20):                      # the largest share that stays within the limit
            mid = (lo + hi) / 2
            mask = select_paths(ranked, mid)
            if mask.sum() <= limit:
                lo, keep = mid, mask
            else:
                hi = mid
        kept = np.sort(order[keep])
        words = WORDS[self.lang]
        note = words["screen_simplified"].format(n=int(keep.sum()), total=len(self.edges))
        return ProcessMap(
            nodes=self.nodes, edges=self.edges.iloc[kept].reset_index(drop=True),
            footnote=" ".join(x for x in (self.footnote, note) if x), measure=self.measure,
            lang=self.lang, title=self.title, rankdir=self.rankdir, legend=self.legend,
            node_style=self.node_style,
            edge_style=None if self.edge_style is None else self.edge_style.iloc[kept].reset_index(drop=True))

    def full_view(self):
        """An object that shows the whole map in a notebook, however large."""
        return _FullView(self)

    def _ipython_display_(self) -> None:
        """Show the map once in a notebook: HTML only (a map stored as both SVG and HTML made a
        saved notebook twice as large)."""
        from IPython.display import display  # noqa: PLC0415 - only inside IPython

        display({"text/html": self._repr_html_(), "text/plain": repr(self)}, raw=True)

    def __repr__(self) -> str:
        return (f"ProcessMap({self.measure}: {len(self.nodes)} activities, "
                f"{len(self.edges)} edges)")


def _svg_width_pt(svg: str) -> float:
    m = re.search(r"max-width:([\d.]+)pt", svg)
    return float(m.group(1)) if m else 0.0


class _FullView:
    """Displays a whole map in a notebook (see `ProcessMap.full_view`)."""

    def __init__(self, pmap: "ProcessMap"):
        self.map = pmap

    def _repr_html_(self) -> str:
        return f'<div class="shadowing-map" style="max-width:100%">{self.map.svg}</div>'


def _append(frame: pd.DataFrame, row: dict) -> pd.DataFrame:
    """``frame`` plus one row; integer columns become nullable (Int64) instead of float."""
    ints = [c for c in frame.columns if pd.api.types.is_integer_dtype(frame[c].dtype)]
    frame = frame.astype({c: "Int64" for c in ints})
    new = pd.DataFrame({c: [row.get(c)] for c in frame.columns}).astype(frame.dtypes.to_dict())
    return pd.concat([frame, new], ignore_index=True)


def responsive_svg(svg: str) -> str:
    """Graphviz SVG without the XML prologue, at most its natural size, at most 100% wide."""
    svg = re.sub(r"^.*?(?=<svg)", "", svg, count=1, flags=re.S)

    def fix(match: re.Match) -> str:
        tag = match.group(0)
        width = re.search(r'\swidth="([^"]*)"', tag)
        tag = re.sub(r'\s(width|height)="[^"]*"', "", tag)
        natural = width.group(1) if width else "100%"
        return tag.replace("<svg", f'<svg width="100%" style="max-width:{natural};height:auto"', 1)

    return re.sub(r"<svg\b[^>]*>", fix, svg, count=1)


def _check_styles(style: pd.DataFrame, what: str) -> None:
    if "style" in style.columns:
        bad = sorted({str(s) for s in style["style"].dropna() if str(s) not in LINE_STYLES})
        if bad:
            raise ParameterError(f"ProcessMap.from_frames: the {what}' style column must hold "
                                 f"one of {', '.join(LINE_STYLES)}. Got {bad[0]!r} instead.")
    if "penwidth" in style.columns:
        pw = pd.to_numeric(style["penwidth"], errors="coerce")
        if (pw.notna() & ((pw < 0) | (pw > 50))).any() or (pw.isna() & style["penwidth"].notna()).any():
            raise ParameterError(f"ProcessMap.from_frames: the {what}' penwidth column must hold "
                                 "numbers between 0 and 50.")


# -- DOT body -----------------------------------------------------------------------------------

def _val(row: pd.Series, col: str):
    v = row.get(col)
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return v


def _body(m: ProcessMap) -> list[str]:
    words = WORDS[m.lang]
    nf, ef = m._styled_frames()
    lines: list[str] = []
    ids = {str(a): f"n{i}" for i, a in enumerate(nf["activity"].astype(str))}
    used_start = ef["source"].astype(str).eq(START).any()
    used_end = ef["target"].astype(str).eq(END).any()
    if used_start:
        lines.append(f'\tstart [label=<{_dot.html(words["start"])}> shape=circle style=filled '
                     'fillcolor="#2ca02c" color="#2ca02c" fontcolor=white fontsize=9 '
                     'width=0.55 fixedsize=true]')
    if used_end:
        lines.append(f'\tend [label=<{_dot.html(words["end"])}> shape=doublecircle style=filled '
                     'fillcolor="#444444" color="#444444" fontcolor=white fontsize=9 '
                     'width=0.5 fixedsize=true]')
    for (_, row), act in zip(nf.iterrows(), nf["activity"].astype(str)):
        name = _val(row, "label") or act
        label = f'<FONT POINT-SIZE="12">{_dot.html_lines(name, 24, 4)}</FONT>'
        text = _val(row, "text")
        if text:
            label += ("<BR/><FONT POINT-SIZE=\"10\">"
                      f"{'<BR/>'.join(_dot.html_lines(t, 30, 3) for t in _dot.clean(text).split(chr(10)))}"
                      "</FONT>")
        style = _val(row, "style")
        styles = "filled,rounded" + ("" if style in (None, "solid") else f",{style}")
        attrs = [f"label=<{label}>", "shape=box", f'style="{styles}"',
                 f'fillcolor="{_dot.color(_val(row, "fillcolor"), "#f2f2f2")}"',
                 f'color="{_dot.color(_val(row, "color"), "#4d4d4d")}"',
                 f'fontcolor="{_dot.color(_val(row, "fontcolor"), "black")}"',
                 f'penwidth={_num(_val(row, "penwidth"), 1.0)}', "margin=\"0.15,0.06\""]
        tip = _val(row, "tooltip")
        attrs.append(f"tooltip={_dot.quote(tip if tip else name)}")
        lines.append(f"\t{ids[act]} [{' '.join(attrs)}]")
    for _, row in ef.iterrows():
        a, b = str(row["source"]), str(row["target"])
        src = "start" if a == START else ids.get(a)
        tgt = "end" if b == END else ids.get(b)
        if src is None or tgt is None:  # pragma: no cover - from_frames adds missing nodes
            continue
        attrs = []
        text = _val(row, "text")
        if text:
            pad = "&#160;&#160;"  # keeps the text off thick lines
            attrs.append("label=<" + "<BR/>".join(pad + _dot.html_lines(t, 30, 3)
                                                  for t in _dot.clean(text).split("\n")) + ">")
        attrs.append(f'color="{_dot.color(_val(row, "color"), GREY)}"')
        attrs.append(f'fontcolor="{_dot.color(_val(row, "fontcolor"), "#333333")}"')
        attrs.append(f'penwidth={_num(_val(row, "penwidth"), 1.0)}')
        style = _val(row, "style")
        if style and style != "solid":
            attrs.append(f"style={style}")
        tip = _val(row, "tooltip")
        if tip:
            attrs.append(f"tooltip={_dot.quote(tip)}")
            attrs.append(f"labeltooltip={_dot.quote(tip)}")
        lines.append(f"\t{src} -> {tgt} [{' '.join(attrs)}]")
    caption = _caption(m)
    if caption:
        lines.append(f"\tgraph [label=<{caption}> labelloc=b labeljust=l fontsize=10]")
    return lines


def _num(v, default: float) -> str:
    try:
        x = float(v)
    except (TypeError, ValueError):
        x = default
    if not math.isfinite(x) or x < 0 or x > 50:
        x = default
    return f"{x:.2f}"


def _caption(m: ProcessMap) -> str:
    rows = []
    if m.title:
        rows.append(f'<TR><TD ALIGN="LEFT"><B>{_dot.html(m.title)}</B></TD></TR>')
    if m.legend:
        cells = "".join(
            f'<TD BGCOLOR="{_dot.color(col, "#f2f2f2")}" BORDER="1" WIDTH="14" HEIGHT="10">'
            f'<FONT POINT-SIZE="6"> </FONT></TD><TD ALIGN="LEFT">{_dot.html(name)}&#160;&#160;</TD>'
            for name, col in m.legend)
        rows.append('<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">'
                    f"<TR>{cells}</TR></TABLE></TD></TR>")
    labels = m.nodes["activity"].tolist() if "activity" in m.nodes else []
    replaced = _dot.replaced_note(labels, m.lang)  # U+FFFF and the like: replaced, and said
    footnote = " ".join(p for p in (m.footnote, replaced) if p)
    if footnote:
        note = "<BR ALIGN=\"LEFT\"/>".join(_dot.html(line) for line in _dot.wrap(footnote, 110, 8))
        rows.append(f'<TR><TD ALIGN="LEFT">{note}<BR ALIGN="LEFT"/></TD></TR>')
    if not rows:
        return ""
    return ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">'
            + "".join(rows) + "</TABLE>")


# -- process_map -----------------------------------------------------------------------------

def _share(value, name: str) -> float:
    return check_number(name, value, func="process_map", low=0, low_open=True, high=1,
                        what="a share (1.0 shows everything)")


def _pct(x: float, lang: str) -> str:
    if 0 < x < 0.005:
        return "<" + i18n.percent(0.01 if x >= 0.001 else 0.001, lang,
                                  decimals=0 if x >= 0.001 else 1)
    return i18n.percent(x, lang)


def _names(names: list[str], lang: str, n: int = 3) -> str:
    shown = ", ".join(f"'{a}'" for a in names[:n])
    if len(names) > n:
        shown += " " + WORDS[lang]["and_more"].format(n=len(names) - n)
    return shown


def select_activities(acts: pd.DataFrame, share: float) -> np.ndarray:
    """Mask of the most frequent activities whose events cover at least ``share`` of events."""
    if len(acts) == 0:
        return np.zeros(0, dtype=bool)
    cum = acts["events"].cumsum().to_numpy() / acts["events"].sum()
    k = int(np.searchsorted(cum, share - 1e-12)) + 1
    keep = np.zeros(len(acts), dtype=bool)
    keep[: min(k, len(acts))] = True
    return keep


def select_paths(edges: pd.DataFrame, share: float) -> np.ndarray:
    """Mask of the edges to show: the most frequent covering ``share`` of transitions, plus
    each activity's most frequent in- and out-edge, plus whatever keeps every activity
    reachable from start and able to reach the end. ``edges`` is sorted by count, descending."""
    n = len(edges)
    if n == 0:
        return np.zeros(0, dtype=bool)
    counts = edges["count"].to_numpy()
    cum = np.cumsum(counts) / counts.sum()
    keep = np.zeros(n, dtype=bool)
    keep[: int(np.searchsorted(cum, share - 1e-12)) + 1] = True
    if share >= 1:
        return np.ones(n, dtype=bool)
    src = edges["source"].astype(str).to_numpy()
    tgt = edges["target"].astype(str).to_numpy()
    # most frequent in- and out-edge of every activity (edges are sorted by count already)
    keep[pd.Series(tgt).drop_duplicates().index] = True
    keep[pd.Series(src).drop_duplicates().index] = True
    for forward in (True, False):
        origin, a, b = (START, src, tgt) if forward else (END, tgt, src)
        nodes = set(a) | set(b)
        while True:
            reached = {origin}
            frontier = [origin]
            kept_pairs = [(x, y) for x, y, k in zip(a, b, keep) if k]
            nxt: dict[str, list[str]] = {}
            for x, y in kept_pairs:
                nxt.setdefault(x, []).append(y)
            while frontier:
                x = frontier.pop()
                for y in nxt.get(x, ()):
                    if y not in reached:
                        reached.add(y)
                        frontier.append(y)
            if reached >= nodes:
                break
            # the most frequent edge from a reached node into an unreached one
            cand = np.flatnonzero(~keep & np.isin(a, list(reached)) & ~np.isin(b, list(reached)))
            if len(cand) == 0:  # pragma: no cover - every activity is reachable in a full DFG
                break
            keep[cand[0]] = True
    return keep


def process_map(log, *, measure: Literal["frequency", "performance"] = "frequency",
                activities: float = 1.0, paths: float = 1.0,
                stat: Literal["median", "mean", "p90", "total"] = "median",
                unit: str | None = None,
                color_by: Literal["auto", "system", "measure"] = "auto",
                lang: Literal["en", "nl"] = "en", rankdir: Literal["TB", "LR"] = "TB",
                title: str | None = None) -> ProcessMap:
    """Draw how the work really flows: a directly-follows map with the numbers on it.

    Parameters
    ----------
    log : EventLog or DataFrame
        The event log (pm4py column names for a DataFrame).
    measure : {"frequency", "performance"}
        ``"frequency"``: events per activity and transitions per arrow. ``"performance"``:
        the waiting time on each arrow and, where the log has start times, activity durations.
    activities : float
        Keep the most frequent activities that together make up at least this share of the
        events (1.0: all). Hidden activities are left out of the cases, so the activities
        before and after them connect directly (as in Disco).
    paths : float
        Keep the most frequent arrows that together make up at least this share of the
        transitions (1.0: all); each kept activity keeps its most frequent incoming and outgoing
        arrow and stays connected to start and end.
    stat : {"median", "mean", "p90", "total"}
        The statistic shown on a performance map.
    unit : {"s", "min", "h", "d", "w"}, optional
        Fix the time unit of a performance map; by default each number takes the unit it
        reads best in.
    color_by : {"auto", "system", "measure"}
        Fill activities by the system they are done in (``"auto"``: when the log has a
        ``system`` column with two or more systems) or by the measure.
    lang : {"en", "nl"}
        Language of the few words on the map (start, end, footnote).
    rankdir : {"TB", "LR"}
        Top to bottom or left to right.
    title : str, optional

    Returns
    -------
    ProcessMap
        ``.nodes`` and ``.edges`` hold the numbers; ``.footnote`` says what was hidden.

    Examples
    --------
    >>> import shadowing as sh
    >>> log = sh.read_event_log(sh.sample_path("wholesale") / "eventlog.csv")  # doctest: +SKIP
    >>> m = sh.process_map(log, measure="performance", paths=0.8)  # doctest: +SKIP
    >>> m.save("map.svg")  # doctest: +SKIP
    """
    func = "process_map"
    check_choice("measure", measure, ("frequency", "performance"), func=func)
    check_choice("stat", stat, STATS, func=func)
    check_choice("unit", unit, list(UNITS), func=func)
    check_choice("color_by", color_by, ("auto", "system", "measure"), func=func)
    check_choice("lang", lang, i18n.LANGS, func=func)
    check_choice("rankdir", rankdir, ("TB", "LR"), func=func)
    act_share = _share(activities, "activities")
    path_share = _share(paths, "paths")
    words = WORDS[lang]

    lazy = isinstance(log, LazyLog)  # a log inside an engine: the same numbers from there
    if lazy:
        full = log.aggregate_dfg()
    else:
        ev, frame = events_of(log)
        full = compute(ev)
    keep_act = select_activities(full.activities, act_share)
    hidden_acts = full.activities.loc[~keep_act]
    if len(hidden_acts) and lazy:
        d = log.aggregate_dfg(keep=full.activities.loc[keep_act, "activity"].tolist())
    elif len(hidden_acts):
        kept_codes = np.flatnonzero(np.isin(ev.labels, full.activities.loc[keep_act, "activity"]))
        d = compute(ev.keep(np.isin(ev.act, kept_codes)))
    else:
        d = full
    keep_edge = select_paths(d.edges, path_share)
    nodes = d.activities.reset_index(drop=True)
    edges = d.edges.loc[keep_edge].reset_index(drop=True)

    # systems
    systems: list[str] = []
    sys_table = log.activity_systems() if lazy else None
    if sys_table is not None:
        nodes["system"] = nodes["activity"].map(_main_system(sys_table))
        systems = sorted(pd.unique(nodes["system"].dropna()).astype(str).tolist())
    elif not lazy and C.SYSTEM in frame.columns and frame[C.SYSTEM].notna().any():
        sys_codes = frame[C.SYSTEM].cat.codes.to_numpy() if isinstance(
            frame[C.SYSTEM].dtype, pd.CategoricalDtype) else None
        if sys_codes is None:
            cat = frame[C.SYSTEM].astype("category")
            sys_codes, sys_labels = cat.cat.codes.to_numpy(), cat.cat.categories
        else:
            sys_labels = frame[C.SYSTEM].cat.categories
        act_codes = frame[C.ACTIVITY].cat.codes.to_numpy()
        ok = sys_codes >= 0
        n_sys = len(sys_labels)
        table = np.bincount(act_codes[ok].astype(np.int64) * n_sys + sys_codes[ok],
                            minlength=len(ev.labels) * n_sys).reshape(len(ev.labels), n_sys)
        main = pd.Series(np.where(table.sum(axis=1) > 0,
                                  np.asarray(sys_labels, dtype=object)[table.argmax(axis=1)],
                                  None), index=ev.labels)
        nodes["system"] = nodes["activity"].map(main)
        systems = sorted(pd.unique(nodes["system"].dropna()).astype(str).tolist())
    if color_by == "system" and not systems:
        raise ColumnNotFoundError(
            "process_map: color_by='system' needs a 'system' column with values; the log's "
            "columns are: "
            f"{', '.join(map(str, log.columns.values() if lazy else frame.columns))}.")
    by_system = color_by == "system" or (color_by == "auto" and len(systems) >= 2)

    # footnote
    parts = [f"{i18n.number(full.n_cases, lang)} {words['cases' if full.n_cases != 1 else 'case']}, "
             f"{i18n.number(full.n_events, lang)} "
             f"{words['events' if full.n_events != 1 else 'event']}"]
    if len(hidden_acts):
        hidden_share = hidden_acts["events"].sum() / max(full.n_events, 1)
        parts.append(f"{len(hidden_acts)} {words['of']} {len(full.activities)} "
                     f"{words['activities_hidden']}, "
                     + words["covering_events"].format(p=_pct(hidden_share, lang))
                     + f" ({_names(hidden_acts['activity'].astype(str).tolist(), lang)})")
    n_hidden_paths = int((~keep_edge).sum())
    if n_hidden_paths:
        trans = d.edges["count"].sum()
        share = d.edges.loc[~keep_edge, "count"].sum() / max(trans, 1)
        parts.append(f"{n_hidden_paths} {words['of']} {len(d.edges)} {words['paths_hidden']}, "
                     + words["covering_trans"].format(p=_pct(share, lang)))
    if measure == "performance":
        perf = words["waiting"].format(stat=words[stat])
        perf += "; " + (words["durations"].format(stat=words[stat]) if d.has_durations
                        else words["no_durations"])
        parts.append(perf)
    filtered = filters_sentence(getattr(log, "filters", ()), lang)
    if filtered:
        parts.append(filtered)
    footnote = ". ".join(parts) + "."

    node_style, edge_style, legend = _styles(nodes, edges, d, measure=measure, stat=stat,
                                             unit=UNITS[unit], lang=lang, by_system=by_system,
                                             systems=systems)
    return ProcessMap(nodes=nodes, edges=edges, footnote=footnote, measure=measure, lang=lang,
                      title=title, rankdir=rankdir, legend=legend, node_style=node_style,
                      edge_style=edge_style)


def _main_system(table: pd.DataFrame | None) -> pd.Series:
    """Activity → the system most of its events are in (ties: the first system by name), from
    events per (activity, system) as an engine counts them."""
    if table is None or not len(table):
        return pd.Series(dtype=object)
    wide = table.pivot_table(index="activity", columns="system", values="events",
                             aggfunc="sum", fill_value=0)
    wide = wide[sorted(wide.columns)]
    return pd.Series(np.asarray(wide.columns, dtype=object)[wide.to_numpy().argmax(axis=1)],
                     index=wide.index.astype(object))


def _scale(values: pd.Series) -> np.ndarray:
    """0..1 as the square root of the share of the largest value (NaN, negatives: 0)."""
    v = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    v = np.where(np.isfinite(v) & (v > 0), v, 0.0)
    top = v.max() if len(v) else 0.0
    if top <= 0:
        return np.zeros(len(v))
    return np.sqrt(v / top)


def _seconds(s: pd.Series) -> pd.Series:
    return s.dt.total_seconds() if len(s) else s.astype(float)


def _styles(nodes, edges, d: DirectlyFollows, *, measure, stat, unit, lang, by_system, systems):
    words = WORDS[lang]
    ramp = _RAMPS[measure]
    num = functools.partial(i18n.number, lang=lang)

    def dur(td):
        return i18n.duration(td, lang, unit=unit)

    # nodes
    ns = pd.DataFrame(index=nodes.index, columns=list(STYLE_COLUMNS), dtype=object)
    if measure == "frequency":
        weight = _scale(nodes["events"])
        ns["text"] = [num(x) for x in nodes["events"]]
    elif d.has_durations:
        secs = _seconds(nodes[f"duration_{stat}"])
        weight = _scale(secs)
        ns["text"] = [dur(t) for t in nodes[f"duration_{stat}"]]
    else:
        weight = np.zeros(len(nodes))
        ns["text"] = None
    tips = []
    for r in nodes.itertuples(index=False):
        tip = (f"{r.activity}\n{num(r.events)} {words['events']}, {num(r.cases)} "
               f"{words['cases']} ({_pct(r.case_share, lang)})")
        if d.has_durations:
            tip += f"\n{words['duration']}: {words['median']} {dur(r.duration_median)}, " \
                   f"{words['mean']} {dur(r.duration_mean)}, P90 {dur(r.duration_p90)}"
        if "system" in nodes.columns and isinstance(r.system, str):
            tip += f"\n{words['systems']}: {r.system}"
        tips.append(tip)
    ns["tooltip"] = tips
    legend: tuple = ()
    if by_system:
        palette = {s: SYSTEM_COLORS[i % len(SYSTEM_COLORS)] for i, s in enumerate(systems)}
        ns["fillcolor"] = nodes["system"].map(palette).fillna("#f2f2f2").to_numpy()
        ns["penwidth"] = 1.0 + 2.5 * weight
        legend = tuple((s, palette[s]) for s in systems)
    else:
        ns["fillcolor"] = [_dot.mix(*ramp["node"], w) for w in weight]
        ns["penwidth"] = 1.0

    # edges
    es = pd.DataFrame(index=edges.index, columns=list(STYLE_COLUMNS), dtype=object)
    boundary = (edges["source"].eq(START) | edges["target"].eq(END)).to_numpy()
    if measure == "frequency":
        weight = _scale(edges["count"])
        es["text"] = [num(x) for x in edges["count"]]
    else:
        secs = _seconds(edges[f"wait_{stat}"]).where(~boundary)
        weight = _scale(secs)
        es["text"] = [None if b else dur(t) for t, b in zip(edges[f"wait_{stat}"], boundary)]
        weight = np.maximum(weight, 0.15 * _scale(edges["count"]))
    es["penwidth"] = np.round(0.8 + 5.2 * weight, 2)
    es["color"] = [_dot.mix(*ramp["edge"], w) for w in weight]
    es.loc[boundary, "style"] = "dashed"
    es.loc[boundary, "color"] = "#b3b3b3"
    tips = []
    for r in edges.itertuples(index=False):
        a = words["start"] if r.source == START else r.source
        b = words["end"] if r.target == END else r.target
        tip = f"{a} → {b}\n{num(r.count)}×, {num(r.cases)} {words['cases']}"
        if pd.notna(r.wait_mean):
            tip += (f"\n{words['waits']}: {words['median']} {dur(r.wait_median)}, "
                    f"{words['mean']} {dur(r.wait_mean)}, P90 {dur(r.wait_p90)}")
        tips.append(tip)
    es["tooltip"] = tips
    return ns, es, legend
