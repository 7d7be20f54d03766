"""Folding text for matching: the one place that says how labels, names and tools compare.

Three strengths, each for its purpose:

- `fold`: lower case, trimmed, single spaces, no trailing full stop ("Check  stock." and
  "check stock" are the same) — names of tools, roles, activities typed by people;
- `fold_compact`: lower case without any white space ("Order picken" = "orderpicken") —
  perceived step names against log labels;
- `fold_alnum`: letters and digits only ("Round Q.C." = "round qc") — spotting near-duplicate
  labels in data-quality checks.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd


def fold(text) -> str:
    """Lower case, trimmed, single spaces, no trailing full stop."""
    out = re.sub(r"\s+", " ", str(text).strip().casefold())
    return out.rstrip(".").strip()


def fold_compact(text) -> str:
    """Lower case with every white-space character removed."""
    return "".join(str(text).split()).casefold()


def fold_alnum(text) -> str:
    """Lower case letters and digits only."""
    return re.sub(r"[\W_]+", "", str(text).casefold())


def fold_series(s: pd.Series) -> pd.Series:
    """`fold` on the distinct values of a Series (missing values stay None)."""
    codes, uniques = pd.factorize(s.astype(object), sort=False)
    folded = np.asarray([fold(u) for u in uniques] + [None], dtype=object)
    return pd.Series(folded[codes], index=s.index, dtype=object)
