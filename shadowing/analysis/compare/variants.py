"""A log as its distinct variants, on activity codes: what every comparison walks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..dfg import events_of
from ..variants import case_variants

__all__ = ["Variants", "variants_of"]


@dataclass(frozen=True, eq=False)
class Variants:
    """Distinct variants of a log on activity codes (CSR layout), most frequent first."""

    labels: np.ndarray            # activity names, indexed by code
    codes: np.ndarray             # flattened activity codes of all variants
    offsets: np.ndarray           # start of each variant in ``codes``
    lengths: np.ndarray
    freq: np.ndarray              # cases per variant
    example: np.ndarray           # a case id per variant (the first case that follows it)
    case_variant: np.ndarray      # variant of each case
    case_labels: np.ndarray
    n_events_log: int

    @property
    def n(self) -> int:
        return len(self.freq)

    @property
    def n_cases(self) -> int:
        return int(self.freq.sum())

    def event_variant(self) -> np.ndarray:
        return np.repeat(np.arange(self.n), self.lengths)


def variants_of(log) -> tuple[Variants, Any, pd.DataFrame]:
    """The log's distinct variants (`shadowing.analysis.variants.case_variants` numbers them),
    most frequent first, ties by first appearance; each variant's codes are its first case's.

    Returns the variants, the log's events (``Events``) and its canonical frame.
    """
    ev, frame = events_of(log)
    n_cases = ev.n_cases
    case_variant = case_variants(ev)
    n_var = int(case_variant.max()) + 1 if n_cases else 0
    freq = np.bincount(case_variant, minlength=n_var).astype(np.int64)
    first_case = np.full(n_var, n_cases, dtype=np.int64)
    np.minimum.at(first_case, case_variant, np.arange(n_cases))
    rank = np.lexsort((first_case, -freq))
    example = first_case[rank]
    first, last = ev.first_last()
    case_len = (last - first + 1) if n_cases else np.zeros(0, dtype=np.int64)
    lengths = case_len[example].astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64) \
        if n_var else lengths
    total = int(lengths.sum())
    gather = np.repeat(first[example], lengths) + (np.arange(total)
                                                   - np.repeat(offsets, lengths))
    inverse = np.empty_like(rank)
    inverse[rank] = np.arange(len(rank))
    v = Variants(labels=ev.labels, codes=ev.act[gather].astype(np.int64), offsets=offsets,
                 lengths=lengths, freq=freq[rank],
                 example=np.asarray(ev.case_labels, dtype=object)[example],
                 case_variant=inverse[case_variant], case_labels=ev.case_labels,
                 n_events_log=ev.n_events)
    return v, ev, frame
