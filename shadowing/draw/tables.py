"""Result tables that read well in JupyterLab, while their numbers stay numbers.

The kit's public analyses return a `ResultFrame`: a pandas DataFrame (every pandas operation
works and gives a `ResultFrame` back) whose notebook display is formatted per column: shares
as percentages, hours with one decimal, money in the language's format, durations as
``6 h 28 min``, dates without seconds, at most two decimals elsewhere, empty cells empty, and long
sentences whole and wrapped. Only the kit's own results display this way: no pandas option
changes, other DataFrames are untouched. ``frame.attrs["lang"]`` (``"en"``/``"nl"``) and
``frame.attrs["currency"]`` choose the language and currency of the display.
"""

from __future__ import annotations

import functools
import html
from typing import Callable

import pandas as pd

from ..wording.formats import column_kind, formatted

#: Rows shown in a notebook (the first ``HEAD`` and last ``TAIL`` of longer tables).
MAX_ROWS, HEAD, TAIL = 60, 40, 10
_RIGHT = {"money", "hours", "percent", "duration", "integer", "number"}
_STYLE = ("<style>.shadowing-table td,.shadowing-table th{vertical-align:top;padding:2px 8px}"
          ".shadowing-table td.text{text-align:left;white-space:normal;max-width:36em;"
          "overflow-wrap:anywhere}.shadowing-table td.num{text-align:right;white-space:nowrap}"
          ".shadowing-table th{text-align:left}</style>")


class ResultFrame(pd.DataFrame):
    """A DataFrame from the kit whose display in Jupyter is formatted for people."""

    @property
    def _constructor(self):
        return ResultFrame

    def _display_parts(self) -> tuple[pd.DataFrame, pd.DataFrame, int]:
        n = len(self)
        if n > MAX_ROWS:
            shown = pd.concat([pd.DataFrame(self.iloc[:HEAD]), pd.DataFrame(self.iloc[-TAIL:])])
        else:
            shown = pd.DataFrame(self)
        lang = self.attrs.get("lang", "en") if self.attrs.get("lang") in ("en", "nl") else "en"
        currency = str(self.attrs.get("currency", "EUR"))
        return shown, formatted(shown, lang, currency), n

    def _repr_html_(self) -> str:
        shown, text, n = self._display_parts()
        kinds = [column_kind(c, shown.iloc[:, i]) for i, c in enumerate(shown.columns)]
        show_index = not isinstance(shown.index, pd.RangeIndex)
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
        if show_index:
            head = "<th></th>" + head
        rows = []
        for pos, (idx, values) in enumerate(zip(text.index, text.itertuples(index=False))):
            if n > MAX_ROWS and pos == HEAD:
                rows.append(f"<tr><td colspan='{len(kinds) + show_index}'>… "
                            f"{n - HEAD - TAIL:,} more rows …</td></tr>")
            cells = "".join(
                f"<td class='{'num' if k in _RIGHT else 'text'}'>{html.escape(v)}</td>"
                for v, k in zip(values, kinds))
            if show_index:
                cells = f"<th>{html.escape(str(idx))}</th>" + cells
            rows.append(f"<tr>{cells}</tr>")
        size = f"<p style='color:#666'>{n:,} rows × {len(self.columns)} columns</p>"
        return (f"{_STYLE}<table class='shadowing-table'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>{size}")

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's text display
        _, text, n = self._display_parts()
        out = text.to_string(index=not isinstance(text.index, pd.RangeIndex))
        if n > MAX_ROWS:
            out += f"\n[{n:,} rows × {len(self.columns)} columns; {HEAD + TAIL} shown]"
        p.text(out)


def as_result(frame: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """``frame`` as a `ResultFrame` (the same data, no copy); other objects as they are.

    ``lang`` sets the display language when the frame does not state one in its ``attrs``.
    """
    if type(frame) is pd.DataFrame:
        out = ResultFrame(frame)
        out.attrs = dict(frame.attrs)
        if lang in ("en", "nl") and "lang" not in out.attrs:
            out.attrs["lang"] = lang
        return out
    return frame


def readable(func: Callable) -> Callable:
    """Wrap a public function so the DataFrame it returns displays formatted (`ResultFrame`),
    in the language it was called with (``lang=``)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return as_result(func(*args, **kwargs), lang=kwargs.get("lang"))
    return wrapper
