"""Deviations: the ways cases leave a perception, counted per kind and place.

Found vectorised on the variants' step codes (`Instances`, one array per field), aggregated,
then named (`Deviation`) and worded in English and Dutch by `shadowing.wording.compare`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import Enum

import numpy as np
import pandas as pd

from ...model.perceived import PerceivedProcess
from ...wording.compare import deviation_sentence
from .variants import Variants

__all__ = ["Deviation", "DeviationKind", "Instances", "deviations"]


class DeviationKind(Enum):
    """How a case leaves the perception."""

    INSERTED = "inserted"                    # work nobody told, between two perceived steps
    SKIPPED = "skipped"                      # perceived steps left out
    REPEATED = "repeated"                    # a step done again right after itself
    LOOP = "loop"                            # the work goes back to an earlier step
    WRONG_ORDER = "wrong_order"              # a step after one it was told to come before
    UNEXPECTED_FLOW = "unexpected_flow"      # a succession nobody mentioned
    UNEXPECTED_START = "unexpected_start"
    UNEXPECTED_END = "unexpected_end"
    NO_PERCEIVED_STEP = "no_perceived_step"  # none of the perceived steps happens
    START_MISSING = "start_missing"          # part scope: the start step never happens
    END_MISSING = "end_missing"              # part scope: no end step after the start

    @property
    def code(self) -> int:
        return _CODES[self]


_KINDS = tuple(DeviationKind)
_CODES = {k: i for i, k in enumerate(_KINDS)}


@dataclass(frozen=True)
class Instances:
    """Deviation instances found in the variants, as parallel arrays: the variant, the kind's
    code, the activity (log code, for ``inserted``; else a step index) and the perceived steps
    before and after it (step indices; -1: none)."""

    variant: np.ndarray
    kind: np.ndarray
    activity: np.ndarray
    before: np.ndarray
    after: np.ndarray

    @classmethod
    def of(cls, kind: DeviationKind, variant, activity=None, before=None, after=None):
        n = len(variant)

        def col(x):
            return np.full(n, -1, dtype=np.int64) if x is None else np.asarray(x, np.int64)
        return cls(np.asarray(variant, np.int64), np.full(n, kind.code, dtype=np.int64),
                   col(activity), col(before), col(after))


@dataclass(frozen=True)
class Deviation:
    """One kind of deviation at one place: what the sentence is made from."""

    kind: DeviationKind
    activity: str | None      # the activity (inserted, unexpected start/end)
    before: str | None        # the perceived step before it
    after: str | None         # the perceived step after it
    via: tuple[str, ...] = ()  # the skipped steps


def _reach(p: PerceivedProcess):
    steps = list(p.steps)
    idx = {s: i for i, s in enumerate(steps)}
    succ = [[] for _ in steps]
    for a, b in sorted(p.allowed_flows):
        succ[idx[a]].append(idx[b])

    def path(a, b):
        """Shortest path a ⇝ b (intermediate steps), or None."""
        prev = {a: None}
        q = deque([a])
        while q:
            x = q.popleft()
            for y in succ[x]:
                if y == b:
                    out, z = [], x
                    while z is not None and z != a:
                        out.append(z)
                        z = prev[z]
                    return out[::-1]
                if y not in prev:
                    prev[y] = x
                    q.append(y)
        return None
    return path


def deviations(p: PerceivedProcess, v: Variants, sym, ev_var, labels, *, lang,
               missing=None) -> tuple[pd.DataFrame, np.ndarray]:
    """The deviations of every variant from the perception, most frequent first.

    ``sym`` holds the perceived step of each event of ``v`` (-1: work the perception does not
    know), ``ev_var`` its variant; ``missing`` (part scope) 1 where a variant has no start step,
    2 where it has no end step after it. Returns the table (see `Comparison.deviations`) and
    the number of deviation instances per variant.
    """
    steps = list(p.steps)
    S = len(steps)
    total = len(sym)
    parts: list[Instances] = []
    if total:
        known = sym >= 0
        # inserted: hidden activity with the nearest perceived step before and after it
        unk = np.flatnonzero(~known)
        if len(unk):
            s = pd.Series(np.where(known, sym, np.nan))
            g = s.groupby(ev_var)
            prev = g.ffill().fillna(-1).to_numpy().astype(np.int64)
            nxt = g.bfill().fillna(-1).to_numpy().astype(np.int64)
            parts.append(Instances.of(DeviationKind.INSERTED, ev_var[unk], v.codes[unk],
                                      prev[unk], nxt[unk]))
        kidx = np.flatnonzero(known)
        kv, ks = ev_var[kidx], sym[kidx]
        if len(kidx):
            allowed = np.zeros((S, S), dtype=bool)
            index = {x: i for i, x in enumerate(steps)}
            for a, b in p.allowed_flows:
                allowed[index[a], index[b]] = True
            same = kv[1:] == kv[:-1]
            a, b = ks[:-1][same], ks[1:][same]
            pv = kv[1:][same]
            bad = ~allowed[a, b]
            if bad.any():
                path = _reach(p)
                # seen before: does step b occur earlier in the case?
                first = pd.Series(np.arange(len(kidx))).groupby(kv * S + ks).transform("min")
                first = first.to_numpy()
                b_pos = np.arange(1, len(kidx))[same]
                seen = first[b_pos] < b_pos
                ab, bb, sb = a[bad], b[bad], seen[bad]
                uniq = np.unique(np.stack([ab, bb], axis=1), axis=0)
                cls: dict[tuple[int, int], DeviationKind] = {}
                for x, y in uniq:
                    if x == y:
                        cls[(x, y)] = DeviationKind.REPEATED
                    elif path(x, y):
                        cls[(x, y)] = DeviationKind.SKIPPED
                    elif path(y, x) is not None or allowed[y, x]:
                        cls[(x, y)] = DeviationKind.LOOP    # back: loop or wrong order
                    else:
                        cls[(x, y)] = DeviationKind.UNEXPECTED_FLOW
                base = np.array([cls[(x, y)].code for x, y in zip(ab, bb)], dtype=np.int64)
                kind = np.where((base == DeviationKind.LOOP.code) & ~sb,
                                DeviationKind.WRONG_ORDER.code, base)
                parts.append(Instances(pv[bad], kind, np.full(len(ab), -1), ab, bb))
            # start and end of the perceived steps in each case
            first_k = np.r_[True, kv[1:] != kv[:-1]]
            last_k = np.r_[kv[1:] != kv[:-1], True]
            start_ok = np.isin(ks[first_k], [index[x] for x in p.allowed_start])
            end_ok = np.isin(ks[last_k], [index[x] for x in p.allowed_end])
            parts.append(Instances.of(DeviationKind.UNEXPECTED_START, kv[first_k][~start_ok],
                                      ks[first_k][~start_ok]))
            parts.append(Instances.of(DeviationKind.UNEXPECTED_END, kv[last_k][~end_ok],
                                      ks[last_k][~end_ok]))
        has_known = np.zeros(v.n, dtype=bool)
        has_known[kv] = True
        if missing is not None:
            has_known |= missing > 0
        none = np.flatnonzero(~has_known)
        if len(none):
            parts.append(Instances.of(DeviationKind.NO_PERCEIVED_STEP, none))
    if missing is not None:   # partial scope: the segment does not occur
        for code, kind in ((1, DeviationKind.START_MISSING), (2, DeviationKind.END_MISSING)):
            where = np.flatnonzero(missing == code)
            if len(where):
                parts.append(Instances.of(kind, where))
    cols = ["kind", "activity", "source", "target", "cases", "share", "occurrences",
            "example_cases", "description", "explanation", "explanation_nl"]
    parts = [pt for pt in parts if len(pt.variant)]
    if not parts:
        return (pd.DataFrame({c: pd.Series(dtype=object) for c in cols}),
                np.zeros(v.n, dtype=np.int64))
    inst = pd.DataFrame({
        "var": np.concatenate([pt.variant for pt in parts]),
        "kind": np.concatenate([pt.kind for pt in parts]),
        "x": np.concatenate([pt.activity for pt in parts]),
        "y": np.concatenate([pt.before for pt in parts]),
        "z": np.concatenate([pt.after for pt in parts])})
    per_variant = np.bincount(inst["var"].to_numpy(), minlength=v.n).astype(np.int64)
    per_var = inst.groupby(["kind", "x", "y", "z", "var"], sort=False).size().rename("n") \
        .reset_index()
    per_var["freq"] = v.freq[per_var["var"].to_numpy()]
    per_var["occ"] = per_var["n"] * per_var["freq"]
    agg = per_var.groupby(["kind", "x", "y", "z"], sort=False).agg(
        cases=("freq", "sum"), occurrences=("occ", "sum")).reset_index()
    # examples: the first case of the three most frequent variants showing it
    ex = per_var.sort_values(["kind", "x", "y", "z", "freq", "var"],
                             ascending=[True, True, True, True, False, True])
    ex = ex.groupby(["kind", "x", "y", "z"], sort=False).head(3)
    ex = ex.assign(case=v.example[ex["var"].to_numpy()].astype(str))
    ex = ex.groupby(["kind", "x", "y", "z"], sort=False)["case"].agg(", ".join).rename(
        "example_cases").reset_index()
    agg = agg.merge(ex, on=["kind", "x", "y", "z"], how="left")
    agg["share"] = agg["cases"] / max(v.n_cases, 1)
    agg = agg.sort_values(["cases", "kind"], ascending=[False, True]).reset_index(drop=True)

    path = _reach(p)
    starts = [s for s in steps if s in p.allowed_start]
    ends = [s for s in steps if s in p.allowed_end]
    texts = {"en": [], "nl": []}
    act, src, tgt = [], [], []
    for r in agg.itertuples(index=False):
        dev = _deviation(_KINDS[r.kind], r.x, r.y, r.z, steps, labels, path)
        k = dev.kind
        for lg in ("en", "nl"):
            texts[lg].append(deviation_sentence(k.value, dev.activity, dev.before, dev.after,
                                                list(dev.via), r.share, lg, starts, ends))
        if k in (DeviationKind.START_MISSING, DeviationKind.END_MISSING):
            act.append(", ".join(starts if k is DeviationKind.START_MISSING else ends))
            src.append(None)
            tgt.append(None)
            continue
        act.append(dev.activity if k in (DeviationKind.INSERTED, DeviationKind.UNEXPECTED_START,
                                         DeviationKind.UNEXPECTED_END)
                   else (", ".join(dev.via) if k is DeviationKind.SKIPPED else dev.after))
        src.append(dev.before if k is not DeviationKind.UNEXPECTED_END else dev.activity)
        tgt.append(dev.after if k is not DeviationKind.UNEXPECTED_START else dev.activity)
    out = pd.DataFrame({
        "kind": [_KINDS[k].value for k in agg["kind"]], "activity": act, "source": src,
        "target": tgt, "cases": agg["cases"].astype("int64"), "share": agg["share"],
        "occurrences": agg["occurrences"].astype("int64"), "example_cases": agg["example_cases"],
        "description": texts[lang], "explanation": texts["en"], "explanation_nl": texts["nl"]})
    return out, per_variant


def _deviation(kind: DeviationKind, x: int, y: int, z: int, steps, labels, path) -> Deviation:
    """The named deviation of one aggregated row (codes to names)."""
    activity = labels[x] if kind is DeviationKind.INSERTED else (steps[x] if x >= 0 else None)
    via = tuple(steps[i] for i in (path(y, z) or [])) if kind is DeviationKind.SKIPPED else ()
    return Deviation(kind, activity, steps[y] if y >= 0 else None,
                     steps[z] if z >= 0 else None, via)
