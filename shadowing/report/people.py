"""Stable pseudonyms for everyone in one report."""

from __future__ import annotations

import re

import pandas as pd

from ..analysis.pseudonyms import pseudonym_map

class People:
    """Stable pseudonyms for everyone in one report, linking roster user ids and names."""

    def __init__(self, lang: str, roster: pd.DataFrame | None):
        self.prefix = "Medewerker" if lang == "nl" else "Employee"
        self.alias: dict[str, str] = {}
        self.order: list[str] = []
        self.names: list[str] = []
        if roster is not None and len(roster):
            for user, name in zip(roster["user"].astype(object), roster.get("name", pd.Series(index=roster.index, dtype=object)).astype(object)):
                if user is None or pd.isna(user):
                    continue
                key = str(user).strip()
                self._add(key)
                self.alias[key.casefold()] = key
                if name is not None and not pd.isna(name) and str(name).strip():
                    self.alias[str(name).strip().casefold()] = key
                    self.names.append(str(name).strip())
        self.mapping: dict[str, str] = {}

    def _add(self, key: str) -> None:
        if key not in self.alias.values() and key not in self.order:
            self.order.append(key)

    def key(self, value) -> str | None:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return None
        text = str(value).strip()
        if not text:
            return None
        return self.alias.get(text.casefold(), text)

    def collect(self, series: pd.Series) -> None:
        for v in pd.unique(series.astype(object)):
            k = self.key(v)
            if k is not None and k not in self.order:
                self.order.append(k)

    def freeze(self) -> None:
        self.mapping = pseudonym_map(pd.Series(self.order, dtype=object), prefix=self.prefix)

    def apply(self, series: pd.Series) -> pd.Series:
        """Pseudonyms in place of names; categorical stays categorical. A new Series."""
        def one(v):
            k = self.key(v)
            return self.mapping.get(k, v) if k is not None else v

        if isinstance(series.dtype, pd.CategoricalDtype):
            cats = series.cat.categories
            new = [one(c) for c in cats]
            if len(set(new)) == len(new):
                return series.cat.rename_categories(new)
            return series.astype(object).map(one).astype("category")
        return series.astype(object).map(one).astype(series.dtype if series.dtype != object else object)

    def scrub_text(self, series: pd.Series) -> pd.Series:
        """Replace roster names (full names, then unique first names) inside free text."""
        if not self.names:
            return series
        pairs = []
        firsts: dict[str, list[str]] = {}
        for name in self.names:
            pseudo = self.mapping.get(self.alias[name.casefold()], self.prefix)
            pairs.append((name, pseudo))
            first = name.split()[0]
            if len(first) >= 3:
                firsts.setdefault(first, []).append(pseudo)
        pairs += [(f, ps[0]) for f, ps in firsts.items() if len(ps) == 1]
        pairs.sort(key=lambda p: -len(p[0]))
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n, _ in pairs) + r")\b", re.I)
        lookup = {n.casefold(): ps for n, ps in pairs}

        def scrub(v):
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                return v
            return pattern.sub(lambda m: lookup[m.group(0).casefold()], str(v))

        out = series.astype(object).map(scrub)
        return out.astype("category") if isinstance(series.dtype, pd.CategoricalDtype) else out
