"""Pseudonyms for people's names: stable, in order of first appearance.

A client report never shows who was slow; it shows "Person 1", "Person 2" (or "Medewerker 1"
in Dutch). The same name always gets the same pseudonym within one call, numbered by the order
in which names first appear, so the numbering follows the data and not the alphabet.

>>> import pandas as pd
>>> pseudonymise(pd.Series(["Jan", "An", "Jan", None])).tolist()
['Person 1', 'Person 2', 'Person 1', nan]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ParameterError

__all__ = ["pseudonymise", "pseudonym_map"]


def pseudonym_map(values, *, prefix: str = "Person") -> dict[str, str]:
    """The mapping name -> pseudonym, numbered by order of first appearance.

    Missing values (None, NaN, empty text) get no pseudonym.
    """
    if not isinstance(prefix, str) or not prefix.strip():
        raise ParameterError(f"The 'prefix' parameter of pseudonymise must be a non-empty string. "
                             f"Got {prefix!r} instead.")
    series = pd.Series(values)
    text = series.where(series.notna(), None)
    uniques = pd.unique(text.dropna().astype(str).str.strip())
    uniques = [u for u in uniques if u != ""]
    return {name: f"{prefix.strip()} {i}" for i, name in enumerate(uniques, start=1)}


def pseudonymise(series: pd.Series, *, prefix: str = "Person") -> pd.Series:
    """Replace names by ``"<prefix> <n>"``, numbered by order of first appearance.

    Parameters
    ----------
    series : Series
        Names (any dtype; categorical works). Not modified.
    prefix : str
        ``"Person"`` (default) or, for Dutch reports, ``"Medewerker"``.

    Returns
    -------
    Series
        Same index and name; missing names stay missing (NaN).
    """
    if not isinstance(series, pd.Series):
        series = pd.Series(series)
    mapping = pseudonym_map(series, prefix=prefix)
    text = series.astype(object).where(series.notna(), None)
    stripped = text.map(lambda v: None if v is None else str(v).strip())
    codes, uniques = pd.factorize(stripped, sort=False)
    looked_up = np.asarray([mapping.get(u, np.nan) for u in uniques], dtype=object)
    out = np.full(len(series), np.nan, dtype=object)
    ok = codes >= 0
    out[ok] = looked_up[codes[ok]]
    return pd.Series(out, index=series.index, name=series.name, dtype=object)
