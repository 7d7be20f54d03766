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


#: Words longer than this get soft line breaks (``<wbr>``) every `BREAK_EVERY` characters.
LONG_WORD = 24
BREAK_EVERY = 12
_TAG = re.compile(r"(<[^>]*>)")
_LONG = re.compile(r"(?:&[#\w]+;|[^\s<>&])(?:&[#\w]+;|[^\s<>&]){%d,}" % (LONG_WORD - 1))
_CHAR = re.compile(r"&[#\w]+;|.", re.S)


def breakable(cell_html: str) -> str:
    """Escaped HTML with ``<wbr>`` inside words over `LONG_WORD` characters (text only, never
    inside a tag or an entity), so a table cell can wrap a 600-character word and Chromium never
    shrinks the page or cuts a column to fit it; ordinary words keep their width."""
    def split(m):
        chars = _CHAR.findall(m.group(0))
        return "<wbr>".join("".join(chars[i:i + BREAK_EVERY]) for i in range(0, len(chars), BREAK_EVERY))

    return "".join(part if part.startswith("<") else _LONG.sub(split, part)
                   for part in _TAG.split(str(cell_html)))


#: Characters of the narrowest layout (longest word per column, numbers whole) above which a
#: table may let any word break: an A4 page holds about 100 characters of table text.
TIGHT_CHARS = 95


def _min_chars(cell_html: str, whole: bool) -> int:
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<wbr>", "\u200b", str(cell_html))))
    if whole:
        return len(text.strip())
    return max((len(w) for w in re.split(r"[\s\u200b]+", text)), default=0)


def table(rows: list[list[str]], header: list[str], numeric: set[int] = frozenset()) -> str:
    """An HTML table; cells are already escaped/formatted strings (long words made breakable).

    A table whose narrowest layout is still wider than a page (`TIGHT_CHARS`) gets the class
    ``tight`` and fixed column widths from its content (each column at least its longest word),
    so its text wraps between words, a word longer than its column breaks, and Chromium never
    shrinks the page.
    """
    header = [h if i in numeric else breakable(h) for i, h in enumerate(header)]
    rows = [[c if i in numeric else breakable(c) for i, c in enumerate(r)] for r in rows]
    widths = [max([_min_chars(h, False)] + [_min_chars(r[i], i in numeric) for r in rows if i < len(r)]) + 2
              for i, h in enumerate(header)]
    cls, cols = "", ""
    if sum(widths) > TIGHT_CHARS:
        # fixed column widths from the content (each at least its longest word's share), so a
        # long text column wraps between words and short words are never split
        want = [max([_min_chars(h, True)] + [_min_chars(r[i], True) for r in rows if i < len(r)])
                for i, h in enumerate(header)]
        weight = [max(w * 1.3 + 3, min(v, 60) * 0.5) for w, v in zip(widths, want)]   # bold, padding
        total = sum(weight) or 1.0
        cls = ' class="tight"'
        cols = "<colgroup>" + "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in weight) \
            + "</colgroup>"
    th = "".join(f'<th class="num">{h}</th>' if i in numeric else f"<th>{h}</th>"
                 for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table{cls}>{cols}<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


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
