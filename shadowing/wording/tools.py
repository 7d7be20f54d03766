"""Names of the kit's canonical tools in Dutch (the English names are the canonical ones).

The observation reader writes tools under one canonical name (``telefoon``, ``bellen`` and
``gsm`` all become ``phone``); a Dutch report shows them in Dutch again. Product names (ERP,
Excel, WhatsApp) are the same in both languages.
"""

from __future__ import annotations

import pandas as pd

#: canonical tool -> Dutch name (tools not listed keep their name).
TOOLS_NL = {
    "phone": "telefoon", "paper": "papier", "in person": "mondeling", "calendar": "agenda",
    "shared drive": "gedeelde schijf", "website": "website", "whiteboard": "planbord",
    "post-it": "post-it", "e-mail": "e-mail", "scanner": "scanner", "fax": "fax",
}


def tool_label(name, lang: str) -> str:
    """A canonical tool's name in ``lang``."""
    return TOOLS_NL.get(str(name), str(name)) if lang == "nl" else str(name)


def tool_labels(series: pd.Series, lang: str) -> pd.Series:
    """`tool_label` on a column (categorical stays categorical); a new Series."""
    if lang != "nl":
        return series
    if isinstance(series.dtype, pd.CategoricalDtype):
        new = [tool_label(c, lang) for c in series.cat.categories]
        if len(set(new)) == len(new):
            return series.cat.rename_categories(new)
    return series.map(lambda v: tool_label(v, lang) if isinstance(v, str) else v)
