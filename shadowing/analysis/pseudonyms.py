"""Pseudonyms for people's names: stable, in order of first appearance.

A client report never shows who was slow; it shows "Person 1", "Person 2" (or "Medewerker 1"
in Dutch). The same name always gets the same pseudonym within one call, numbered by the order
in which names first appear, so the numbering follows the data and not the alphabet.

>>> import pandas as pd
>>> pseudonymise(pd.Series(["Jan", "An", "Jan", None])).tolist()
['Person 1', 'Person 2', 'Person 1', nan]
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from ..errors import ParameterError

__all__ = ["pseudonymise", "pseudonym_map", "NameScrubber", "looks_like_person", "name_variants",
           "fold", "PARTICLES", "ROLE_WORDS"]


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


# -- names inside text --------------------------------------------------------------------------
#: Lower-case words that may sit inside a name (van Dijk, de Groot, El Amrani, von Trapp).
PARTICLES = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "in", "op",
                       "el", "al", "von", "vom", "zu", "da", "di", "du", "le", "la", "dos", "das",
                       "del", "della", "y", "bin", "ben", "ter", "vd", "v.d."})
#: Words after which (or before which, in brackets) a capitalised word is taken for a name.
ROLE_WORDS = frozenset({
    "directeur", "directrice", "director", "manager", "teamleider", "teamlead", "leidinggevende",
    "chef", "baas", "boss", "zaakvoerder", "eigenaar", "owner", "boekhouder", "accountant",
    "planner", "collega", "colleague", "werfleider", "ploegbaas", "projectleider", "verkoper",
    "magazijnchef", "magazijnier", "chauffeur", "driver", "klant", "customer", "client",
    "leverancier", "supplier", "meneer", "mevrouw", "dhr", "dhr.", "mevr", "mevr.", "heer",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "juffrouw", "secretaresse",
    "secretary", "assistent", "assistant", "medewerker", "employee", "stagiair", "intern",
    "volgens", "aldus", "verteld door", "told by", "according to",
})
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/.:-])(?:\+|00)?\d[\d ().-]{7,}\d(?![\w/:])")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
_NAME_SHAPE = (_CAP + r"(?:\s+(?:(?:" + "|".join(sorted((re.escape(p) for p in PARTICLES), key=len, reverse=True))
               + r")\s+)*" + _CAP + r")?")


def fold(text) -> str:
    """Text without accents, case-folded: ``'Zoë'`` and ``'ZOE'`` fold to ``'zoe'``."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_with_index(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of its source character."""
    out, index = [], []
    for i, ch in enumerate(text):
        f = fold(ch)
        out.append(f)
        index.extend([i] * len(f))
    return "".join(out), index


def looks_like_person(text) -> bool:
    """True for a value shaped like a person's name: one to five capitalised words (particles
    such as 'van', 'de' allowed), no digits, not all capitals (``'ERP'``), or an e-mail address.

    >>> [looks_like_person(v) for v in ["Henk van Dijk", "Marieke", "ERP", "Werfleider A1", "Inside sales"]]
    [True, True, False, False, False]
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return False
    text = str(text).strip()
    if _EMAIL.fullmatch(text):
        return True
    words = text.replace("-", " ").split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return False
    capitals = [w for w in words if w.casefold() not in PARTICLES]
    if not capitals or any(not w[0].isupper() for w in capitals) or max(map(len, capitals)) < 2:
        return False
    return not all(w.isupper() and len(w) > 1 for w in capitals)


def name_variants(name: str) -> list[tuple[str, bool]]:
    """``(variant, whole)`` pairs to look for in text: the whole name, then its parts.

    Parts are the first name, the last name with its particles (``'van Dijk'``) and the bare last
    name (``'Dijk'``); ``whole`` is True only for the whole name.
    """
    name = " ".join(str(name).split())
    out = [(name, True)]
    if _EMAIL.fullmatch(name):
        out.append((name.split("@")[0], False))
        return out
    words = name.split()
    if len(words) < 2:
        return out
    out.append((words[0], False))
    i = 1
    while i < len(words) - 1 and words[i].casefold() in PARTICLES:
        i += 1
    last = words[i:]
    out.append((" ".join(words[1:]), False))
    out.append((" ".join(last), False))
    if len(last) > 1:
        out.append((last[-1], False))
    return list(dict.fromkeys(out))


class NameScrubber:
    """Replaces people's names inside free text and labels.

    Known names are matched accent- and case-insensitively as whole words, the whole name first
    and then its parts (first name, last name): a part shared by two people becomes the neutral
    ``placeholder``, a part of one person their pseudonym. Parts of three letters or fewer only
    match when written with a capital. Besides, e-mail addresses and phone numbers are replaced,
    and a capitalised, name-shaped word next to a role word (``directeur Jansen``, ``Petra
    (boekhouder)``) becomes the placeholder.

    Parameters
    ----------
    names : mapping
        Name (as written anywhere in the data) -> its replacement (the pseudonym).
    protected : iterable of str
        Words that are never taken for a name part (roles, teams, systems), compared folded.
    roles : iterable of str
        Role words beside `ROLE_WORDS` (e.g. the roster's roles).
    placeholder, email, phone : str
        Replacements for an unknown or ambiguous name, an e-mail address, a phone number.

    Examples
    --------
    >>> s = NameScrubber({"Zoë Verhoef": "Person 1", "Henk van Dijk": "Person 2"})
    >>> s("zoe verhoef belt; Henk zegt: mail henk@dijk.nl of bel 06-12345678")
    'Person 1 belt; Person 2 zegt: mail [e-mail] of bel [phone]'
    """

    def __init__(self, names, *, protected=(), roles=(), placeholder: str = "[name]",
                 email: str = "[e-mail]", phone: str = "[phone]"):
        self.placeholder, self.email, self.phone = placeholder, email, phone
        protect = {fold(p) for p in protected if p is not None and str(p).strip()}
        targets: dict[str, set[str]] = {}
        whole: set[str] = set()
        for name, pseudo in dict(names).items():
            if name is None or not str(name).strip():
                continue
            for variant, is_whole in name_variants(str(name)):
                key = fold(variant)
                if not is_whole and (len(key) < 2 or key in protect or key in PARTICLES):
                    continue
                targets.setdefault(key, set()).add(str(pseudo))
                if is_whole:
                    whole.add(key)
        self._replacement = {k: (next(iter(v)) if len(v) == 1 else placeholder)
                             for k, v in targets.items()}
        self._short = {k for k in targets if len(k) <= 3 and k not in whole}
        self._whole = whole
        keys = sorted(targets, key=len, reverse=True)
        self._pattern = (re.compile(r"(?<![\w@.])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w@])")
                         if keys else None)
        role_words = ROLE_WORDS | {fold(r) for r in roles if r is not None and str(r).strip()}
        alt = "|".join(re.escape(r) for r in sorted(role_words, key=len, reverse=True))
        self._role_before = re.compile(r"(?i:\b(?:" + alt + r"))\s+(" + _NAME_SHAPE + r")")
        self._role_after = re.compile(r"(" + _NAME_SHAPE + r")\s*(?:\((?i:(?:de|het|the|onze|our)\s+)?"
                                      r"(?i:" + alt + r")\b|,\s*(?i:de|het|the|onze|our)\s+(?i:" + alt + r")\b)")
        self._protect = protect | role_words
        phrases = sorted((p for p in protect if len(p) >= 4), key=len, reverse=True)
        self._phrases = (re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")
                         if phrases else None)

    def __call__(self, text):
        if text is None or (not isinstance(text, str) and pd.isna(text)):
            return text
        text = self._known(str(text))              # known people first: their e-mail is their id
        text = _EMAIL.sub(self.email, text)
        text = _PHONE.sub(lambda m: m.group(0) if _not_phone(m.group(0)) else self.phone, text)
        text = self._role_before.sub(lambda m: self._named(m, 1), text)
        text = self._role_after.sub(lambda m: self._named(m, 1), text)
        return text

    def _named(self, m, group: int) -> str:
        name = m.group(group)
        if fold(name) in self._protect or name.startswith(("[", self.placeholder)) \
                or any(w.isupper() and len(w) > 1 for w in name.split()) \
                or any(name == r for r in self._replacement.values()):
            return m.group(0)
        start, end = m.span(group)
        whole = m.group(0)
        return whole[: start - m.start()] + self.placeholder + whole[end - m.start():]

    def _known(self, text: str) -> str:
        if self._pattern is None:
            return text
        folded = fold(text)
        if not self._pattern.search(folded):
            return text
        folded, index = _fold_with_index(text)
        # a firm, team or system named after a family ('Wouters Bouw') is not a person
        kept = [m.span() for m in self._phrases.finditer(folded)] if self._phrases else []
        pieces, last = [], 0
        for m in self._pattern.finditer(folded):
            a, b = index[m.start()], index[m.end() - 1] + 1
            if a < last:
                continue
            key = m.group(0)
            if key not in self._whole and any(s <= m.start() and m.end() <= e for s, e in kept):
                continue
            if key in self._short and not text[a].isupper():
                continue  # 'an', 'bas', 'kok' as ordinary words
            pieces.append(text[last:a])
            pieces.append(self._replacement[key])
            last = b
        pieces.append(text[last:])
        return "".join(pieces)

    def series(self, series: pd.Series, *, distinct: bool = False) -> pd.Series:
        """The scrubber applied to each distinct value of a Series (categorical stays categorical).

        ``distinct=True`` (identifiers and labels: cases, activities): two different values never
        become the same text. When scrubbing makes them equal (``'Bel Jan'`` and ``'Bel Piet'``,
        both unknown, would both read ``'Bel [name]'``) the later ones get ``' #2'``, ``' #3'`` ...,
        so no case or activity is merged and every count stays true.
        """
        if isinstance(series.dtype, pd.CategoricalDtype):
            cats = list(series.cat.categories)
            new = [self(c) if isinstance(c, str) else c for c in cats]
            if distinct or len(set(new)) == len(new):
                new = _distinct(cats, new) if distinct else new
                return series.cat.rename_categories(new)
            return series.astype(object).map(dict(zip(cats, new))).astype("category")
        values = series.astype(object)
        codes, uniques = pd.factorize(values, sort=False)
        if not len(uniques):
            return series
        new = [self(u) if isinstance(u, str) else u for u in uniques]
        if distinct:
            new = _distinct(list(uniques), new)
        mapped = np.asarray(new, dtype=object)
        out = np.where(codes >= 0, mapped[np.maximum(codes, 0)], values.to_numpy(dtype=object))
        result = pd.Series(out, index=series.index, name=series.name, dtype=object)
        if pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
            result = result.astype(series.dtype)
        return result


def _distinct(old: list, new: list) -> list:
    """``new`` with a ``' #n'`` added where two different ``old`` values became the same text."""
    taken = set(o for o, n in zip(old, new) if o == n)  # unchanged values keep their text
    seen: dict = {}
    out = []
    for o, n in zip(old, new):
        if o == n:
            out.append(n)
            continue
        candidate, k = n, 1
        while candidate in taken or candidate in seen:
            k += 1
            candidate = f"{n} #{k}"
        seen[candidate] = o
        out.append(candidate)
    return out


def _not_phone(text: str) -> bool:
    """Digit runs that are dates, times or amounts rather than phone numbers."""
    digits = sum(ch.isdigit() for ch in text)
    return digits < 9 or digits > 15 or bool(_ISO_DAY.search(text))
