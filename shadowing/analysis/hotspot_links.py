"""Frustrations linked to the hotspots they describe: by place, system, role and words.

A frustration (a line of the irritation brainstorm) is compared with every hotspot row on
four things:

* **place**: the activity it names equals, or contains, or is contained in an activity of the
  row (names folded; the shorter at least `MATCH_MIN_CHARS` characters);
* **system**: the system it names is a system of the row (also as canonical tool names:
  ``Telefoon`` is ``phone``);
* **role**: the role it names is a role of the row (observations carry roles);
* **words**: content words of its text (at least `WORD_MIN_CHARS` characters, no
  stop words) that occur in the row's place, systems or the observers' notes behind the row
  (one word containing the other counts, the shorter at least `WORD_STEM_CHARS` characters).

The strength of a link is ``4 place + 2 system + 1 role + words (at most 3)``. A frustration
links to **every** row where the place matches, and to every row where at least one word
matches and the strength reaches `LINK_MIN_STRENGTH` (a word and the system and the role, or
a word and the system and another word, ...). Each row lists its frustrations strongest
first, and a frustration's votes count for every row it links to (votes break ties only).
A frustration lists its hotspots best evidence first (`order_links`): the links within
`LINK_NEAR` of its strongest come first, largest hotspot (table order) first; then the others,
strongest first.
A frustration that matches nothing becomes a row of its own (waste ``frustration``, no hours):
the team feels it, the data does not show it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..model.vocab import fold
from .waste import EVIDENCE_IDS, ids, keys

#: Names match when equal, or when one contains the other and the shorter has this many characters.
MATCH_MIN_CHARS = 4
#: Words shorter than this are not compared.
WORD_MIN_CHARS = 4
#: One word containing another counts when the shorter has at least this many characters.
WORD_STEM_CHARS = 6

#: A link without a matching place needs a matching word and at least this strength.
LINK_MIN_STRENGTH = 4

#: Links this close to a frustration's strongest count as equally strong (best evidence first).
LINK_NEAR = 1

#: Frequent words that say nothing about a place (Dutch and English).
STOP_WORDS = frozenset("""
    alle alles altijd alleen andere omdat terwijl want maar niet niets nooit veel meer minder
    moet moeten kunnen wordt worden werd zijn hebben heeft hebt deze dezes onze jullie zelf
    eigen steeds elke ieder iedereen niemand iemand waar wanneer welke zoals toch eerst daarna
    dan dus even heel over onder naar door voor vanuit tussen tegen zonder binnen buiten
    what when where which while with without always never every other others their there
    these those about after again because being could should would very much more less than
    then from into onto only also just still each some such have has had does done doing
    this that they them were been will shall staat staan gaat gaan komt komen doen""".split())

#: Columns of ``attrs["frustration_links"]``.
LINK_COLUMNS = ["frustration_id", "text", "votes", "linked", "hotspots"]


def _present(v) -> bool:
    return v is not None and v is not pd.NA and not (isinstance(v, float) and np.isnan(v)) \
        and bool(str(v).strip())


def _matches(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= MATCH_MIN_CHARS and short in long_


def words(*texts) -> frozenset[str]:
    """Content words of texts: folded, split on anything but letters and digits."""
    out: set[str] = set()
    for t in texts:
        if not _present(t):
            continue
        for w in re.split(r"[^\w]+", fold(t)):
            if len(w) >= WORD_MIN_CHARS and w not in STOP_WORDS and not w.isdigit():
                out.add(w)
    return frozenset(out)


def _word_hits(fw: frozenset[str], rw: frozenset[str]) -> int:
    n = 0
    for w in fw:
        if w in rw or any((len(min(w, x, key=len)) >= WORD_STEM_CHARS)
                          and (w in x or x in w) for x in rw):
            n += 1
    return n


def _row_profile(row_keys, where: str, notes) -> tuple[set, set, set, frozenset, frozenset]:
    acts = {k for t, k in row_keys if t == "activity"}
    systems = {k for t, k in row_keys if t == "system"}
    roles = {k for t, k in row_keys if t == "role"}
    return acts, systems, roles, words(where, *acts), words(*notes)


def link_strength(fr: pd.DataFrame, rows: pd.DataFrame) -> np.ndarray:
    """Strength of the link of each frustration (rows of ``fr``) to each hotspot row; 0: none."""
    out = np.zeros((len(fr), len(rows)), dtype=np.int64)
    profiles = [_row_profile(k, w, n) for k, w, n in zip(rows["keys"], rows["where"],
                                                         rows["words"])]
    for i, f in enumerate(fr.itertuples(index=False)):
        act = fold(f.activity) if _present(f.activity) else ""
        systems = {k for _, k in keys(system=(str(f.system),))} if _present(f.system) else set()
        role = fold(f.role) if _present(f.role) else ""
        fw = words(f.text)
        for j, (acts, r_sys, r_roles, place_words, note_words) in enumerate(profiles):
            place = bool(act) and any(_matches(act, a) for a in acts)
            system = any(_matches(s, x) for s in systems for x in r_sys)
            role_ok = bool(role) and any(_matches(role, r) for r in r_roles)
            # words of the place's own name count only when the place itself did not match
            n_words = _word_hits(fw, note_words if place else place_words | note_words)
            strength = 4 * place + 2 * system + role_ok + min(n_words, 3)
            if place or (n_words >= 1 and strength >= LINK_MIN_STRENGTH):
                out[i, j] = strength
    return out


def link_frustrations(rows: pd.DataFrame, fr: pd.DataFrame | None
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Votes and frustration ids on every matching row; unmatched frustrations become rows.

    Returns the rows (with ``frustration_votes`` and the frustration ids added to
    ``evidence``, strongest link first) and the links, one row per frustration
    (`LINK_COLUMNS`; ``hotspots`` lists ``(waste, where, strength)`` strongest first).
    """
    rows = rows.copy().reset_index(drop=True)
    rows["frustration_votes"] = 0
    if fr is None or fr.empty:
        return rows, pd.DataFrame(columns=LINK_COLUMNS)
    strength = link_strength(fr, rows) if len(rows) else np.zeros((len(fr), 0), dtype=np.int64)
    votes = fr["votes"].to_numpy(dtype=np.int64)
    fids = fr["frustration_id"].astype(str).to_numpy()
    rows["frustration_votes"] = (votes[:, None] * (strength > 0)).sum(axis=0).astype(np.int64)
    evidence = []
    for j, e in enumerate(rows["evidence"]):
        linked = np.flatnonzero(strength[:, j] > 0)
        if len(linked) == 0:
            evidence.append(e)
            continue
        order = sorted(linked, key=lambda i: (-strength[i, j], -votes[i], i))
        more = len(order) - EVIDENCE_IDS
        evidence.append(e + "; frustration " + ", ".join(fids[i] for i in order[:EVIDENCE_IDS])
                        + (f" (+{more} more)" if more > 0 else ""))
    rows["evidence"] = evidence
    links = []
    for i in range(len(fr)):
        hit = np.flatnonzero(strength[i] > 0)
        hit = sorted(hit, key=lambda j: (-strength[i, j], j))
        links.append({"frustration_id": fids[i], "text": str(fr["text"].iat[i]),
                      "votes": int(votes[i]), "linked": bool(len(hit)),
                      "hotspots": [(rows["waste"].iat[j], rows["where"].iat[j],
                                    int(strength[i, j])) for j in hit]})
    links = pd.DataFrame(links, columns=LINK_COLUMNS)
    lone = fr.loc[~links["linked"].to_numpy()]
    if lone.empty:
        return rows, links
    return pd.concat([rows, _unsupported_rows(lone, int(votes.sum()))], ignore_index=True), links


def order_links(links: list[dict], table) -> list[dict]:
    """Each frustration's hotspots best evidence first (see the module docstring), with their
    ranks: ``hotspots`` becomes ``[(waste, where, strength, rank), ...]``."""
    rank = {}
    for w, p, k in zip(table["waste"], table["where"], table["rank"]):
        rank.setdefault((w, p), int(k))
    out = []
    for link in links:
        hs = [(w, p, s, rank.get((w, p), 10**9)) for w, p, s in link["hotspots"]]
        best = max((x[2] for x in hs), default=0)
        near = lambda x: x[2] >= best - LINK_NEAR  # noqa: E731
        hs.sort(key=lambda x: (not near(x), x[3] if near(x) else -x[2], x[3]))
        out.append({**link, "hotspots": hs})
    return out


def _unsupported_rows(lone: pd.DataFrame, total_votes: int) -> pd.DataFrame:
    """One row per place the unmatched frustrations name (their activity, system or role)."""
    def place(r):
        for col in ("activity", "system", "role"):
            if _present(r[col]):
                return str(r[col]).strip(), col
        text = " ".join(str(r["text"]).split())
        return (text if len(text) <= 60 else text[:57] + "..."), "activity"

    lone = lone.copy()
    placed = lone.apply(place, axis=1, result_type="expand")
    lone["where"], lone["kind"] = placed[0], placed[1]
    lone["_k"] = lone["where"].map(fold)
    records = []
    for _, g in lone.groupby("_k", sort=True):
        g = g.sort_values("votes", ascending=False, kind="stable")
        n_votes = int(g["votes"].sum())
        records.append({
            "waste": "frustration", "where": g["where"].iat[0], "kind": g["kind"].iat[0],
            "occurrences": len(g), "cases": 0, "share_of_cases": np.nan,
            "staff_hours_per_month": 0.0, "wait_hours_per_month": 0.0,
            "severity": min(1.0, n_votes / max(total_votes, 1)),
            "evidence": "frustration " + ids(g["frustration_id"]), "source": "frustrations",
            "keys": (), "words": (), "frustration_votes": n_votes,
            "facts": {"texts": g["text"].astype(str).head(EVIDENCE_IDS).tolist(),
                      "votes": n_votes}})
    return pd.DataFrame.from_records(records)
