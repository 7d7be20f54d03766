"""HTML pieces of the client report: blocks, escaping, tables, figures (inline SVG)."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

import pandas as pd

@dataclass(frozen=True)
class Block:
    """One piece of the report as HTML; shows itself in Jupyter and in nbconvert."""

    html: str
    title: str = ""
    present: bool = True

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return re.sub(r"<[^>]+>", "", self.html)


def esc(value) -> str:
    return html.escape("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value))


def paragraph(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{text}</p>' if cls else f"<p>{text}</p>"


def ul(items) -> str:
    items = list(items)
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def table(rows: list[list[str]], header: list[str], numeric: set[int] = frozenset()) -> str:
    """An HTML table; cells are already escaped/formatted strings."""
    th = "".join(f'<th class="num">{h}</th>' if i in numeric else f"<th>{h}</th>"
                 for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def clean_svg(svg: str) -> str:
    """An SVG document made fit for inlining: no XML prolog/doctype/comments, scalable."""
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    # the graph's own title is Graphviz's internal name (process_map), not words for a reader
    svg = re.sub(r'(<g id="graph0"[^>]*>)\s*<title>[^<]*</title>', r"\1", svg)
    return svg.strip()


def figure(svg: str, caption: str = "", *, landscape: bool = False) -> str:
    """A figure with its caption; ``landscape`` puts it on a landscape page of its own."""
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    cls = "figure landscape" if landscape else "figure"
    return f'<figure class="{cls}">{clean_svg(svg)}{cap}</figure>'


def fig_to_svg(fig) -> str:
    """A matplotlib figure as inline SVG text (text kept as text, fixed ids); closes it."""
    import matplotlib.pyplot as plt  # noqa: PLC0415

    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "shadowing"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return buf.getvalue()


def map_to_svg(pmap) -> str:
    """A ProcessMap (or anything with ``to_dot()`` / ``_repr_svg_()``) as SVG text."""
    if hasattr(pmap, "_repr_svg_"):
        svg = pmap._repr_svg_()
        if svg:
            return svg
    import graphviz  # noqa: PLC0415

    dot = pmap.to_dot()
    if hasattr(dot, "pipe"):
        return dot.pipe(format="svg").decode("utf-8")
    return graphviz.Source(str(dot)).pipe(format="svg").decode("utf-8")


def section(title: str, body: str, *, present: bool = True, key: str = "") -> Block:
    return Block(f'<section class="section" id="{key}"><h2>{esc(title)}</h2>{body}</section>',
                 title=title, present=present)
