"""Maps that fit an A4 page with labels a person can read.

A Graphviz map is drawn at its natural size in points; in the report it is shrunk to the
printable width of A4 (182 mm) and at most 200 mm high (``report.css``). Its smallest label is
then printed at ``font-size x scale``. `fit_map` simplifies a map step by step — fewer
activities and paths, the least frequent first, as Disco does — until that printed size is at
least `MIN_FONT_PT`, and `map_svg_size` measures a drawn map. What a simplification leaves out
is said in the map's own footnote (`shadowing.draw.process_map`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Callable

from ..draw.process_map import COMPACT

#: Printable area of an A4 page in the report (210 mm - 2 x 14 mm wide; figures at most 200 mm).
PAGE_WIDTH_PT = 182 / 25.4 * 72
PAGE_HEIGHT_PT = 200 / 25.4 * 72
#: A map too wide for a portrait page gets a landscape page (297 mm - 2 x 10 mm; at most 180 mm high).
LANDSCAPE_WIDTH_PT = 277 / 25.4 * 72
LANDSCAPE_HEIGHT_PT = 180 / 25.4 * 72
#: The smallest label a map may print.
MIN_FONT_PT = 6.0
#: Simplification steps tried in order: (share of activities, share of paths) kept.
LEVELS = ((1.0, 1.0), (1.0, 0.8), (1.0, 0.6), (0.9, 0.5), (0.8, 0.4), (0.7, 0.35), (0.6, 0.3),
          (0.5, 0.25), (0.4, 0.2), (0.3, 0.15), (0.2, 0.1))


@dataclass(frozen=True)
class MapSize:
    """A drawn map's natural size (points), its smallest font, and how it prints on A4."""

    width: float
    height: float
    min_font: float

    @property
    def scale(self) -> float:
        """The factor the page applies: at most 1, so that the map fits the printable area."""
        if self.width <= 0 or self.height <= 0:
            return 1.0
        return min(1.0, PAGE_WIDTH_PT / self.width, PAGE_HEIGHT_PT / self.height)

    @property
    def printed_font(self) -> float:
        """The smallest label's size on a portrait page, in points."""
        return self.min_font * self.scale

    @property
    def printed_font_landscape(self) -> float:
        """The smallest label's size on a landscape page, in points."""
        if self.width <= 0 or self.height <= 0:
            return self.min_font
        return self.min_font * min(1.0, LANDSCAPE_WIDTH_PT / self.width,
                                   LANDSCAPE_HEIGHT_PT / self.height)

    def landscape(self, min_font: float = 6.0) -> bool:
        """True when the map is legible only on a landscape page."""
        return self.printed_font < min_font <= self.printed_font_landscape

    def legible(self, min_font: float = 6.0) -> bool:
        """Legible on a portrait page, or else on a landscape one."""
        return max(self.printed_font, self.printed_font_landscape) >= min_font


def _points(value: str) -> float:
    m = re.match(r"\s*([\d.]+)\s*(pt|px)?", value or "")
    if not m:
        return 0.0
    number = float(m.group(1))
    return number * 0.75 if m.group(2) == "px" else number


def map_svg_size(svg: str) -> MapSize:
    """Width, height and smallest ``font-size`` of a Graphviz SVG's visible labels (points)."""
    tag = re.search(r"<svg\b[^>]*>", svg)
    width = height = 0.0
    if tag:
        w = re.search(r'\swidth="([^"]+)"', tag.group(0))
        h = re.search(r'\sheight="([^"]+)"', tag.group(0))
        vb = re.search(r'\sviewBox="([^"]+)"', tag.group(0))
        if w and h and "%" not in w.group(1):
            width, height = _points(w.group(1)), _points(h.group(1))
        elif vb:
            parts = [float(x) for x in vb.group(1).replace(",", " ").split()]
            width, height = parts[2], parts[3]
    fonts = [float(size) for size, text in
             re.findall(r'<text\b[^>]*?font-size="([\d.]+)"[^>]*>([^<]*)</text>', svg)
             if text.replace("&#160;", "").strip()]   # spacers (blank text) are not labels
    return MapSize(width=width, height=height, min_font=min(fonts) if fonts else 14.0)


def fit_map(draw: Callable[[float, float], object], *, render: Callable[[object], str],
            levels=LEVELS, min_font: float = MIN_FONT_PT):
    """The least simplified map whose smallest label prints at ``min_font`` points or more.

    At each level the map is tried as drawn, then with Graphviz's tighter spacing
    (`shadowing.draw.process_map.COMPACT`), before the next level leaves content out.

    Parameters
    ----------
    draw : callable (activities, paths) -> map
        Draws the map at one simplification level (shares of activities and paths kept).
    render : callable map -> str
        The map as Graphviz SVG text.
    levels : sequence of (activities, paths)
        Tried in order, least simplified first.
    min_font : float
        The smallest label size allowed on paper, in points.

    Returns
    -------
    (map, svg, MapSize, (activities, paths))
        The chosen map; ``MapSize.landscape()`` says when it needs a landscape page. When even
        the last level prints smaller, that last one (the caller states the printed size).
    """
    chosen = None
    for level in levels:
        pmap = draw(*level)
        for candidate in (pmap, _compact(pmap)):   # tighter spacing before dropping content
            if candidate is None:
                continue
            svg = render(candidate)
            size = map_svg_size(svg)
            chosen = (candidate, svg, size, level)
            if size.legible(min_font):     # portrait, or a landscape page of its own
                return chosen
    return chosen


def _compact(pmap):
    """The same map with Graphviz's tighter spacing, or None when it has no spacing to change."""
    if dataclasses.is_dataclass(pmap) and hasattr(pmap, "spacing") and tuple(pmap.spacing) != COMPACT:
        return dataclasses.replace(pmap, spacing=COMPACT)
    return None
