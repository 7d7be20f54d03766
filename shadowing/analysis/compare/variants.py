"""A log as its distinct variants, on activity codes: what every comparison walks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..dfg import events_of

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
    """Exact variants, vectorised: cases of equal length are packed into byte strings (one
    row of activity codes each) and factorised by hashing; one pass per distinct length."""
    ev, frame = events_of(log)
    n_cases = ev.n_cases
    first, last = ev.first_last()
    lengths = (last - first + 1) if len(first) else np.zeros(0, dtype=np.int64)
    n_labels = len(ev.labels)
    dtype = np.uint8 if n_labels <= 256 else np.uint16 if n_labels <= 65536 else np.int64
    case_variant = np.empty(n_cases, dtype=np.int64)
    parts, next_id = [], 0
    for length in np.unique(lengths):
        idx = np.flatnonzero(lengths == length)
        mat = np.ascontiguousarray(ev.act[first[idx][:, None] + np.arange(length)].astype(dtype))
        packed = np.empty(len(idx), dtype=object)
        packed[:] = mat.view(f"V{mat.shape[1] * mat.itemsize}").ravel().tolist()
        inv, uniq_rows = pd.factorize(packed, sort=False)
        # the first case with each code holds the variant's row
        first_row = np.full(len(uniq_rows), len(idx), dtype=np.int64)
        np.minimum.at(first_row, inv, np.arange(len(idx)))
        case_variant[idx] = next_id + inv
        parts.append(mat[first_row].astype(np.int64))
        next_id += len(uniq_rows)
    freq = np.bincount(case_variant, minlength=next_id)
    var_len = np.concatenate([np.full(len(u), u.shape[1]) for u in parts]).astype(np.int64) \
        if parts else np.zeros(0, dtype=np.int64)
    codes = np.concatenate([u.ravel() for u in parts]) if parts else np.zeros(0, np.int64)
    # first case of each variant (cases are in order of first appearance)
    first_case = np.full(next_id, n_cases, dtype=np.int64)
    np.minimum.at(first_case, case_variant, np.arange(n_cases))
    # most frequent first, ties by first appearance
    rank = np.lexsort((first_case, -freq))
    old_offsets = np.concatenate([[0], np.cumsum(var_len)[:-1]]).astype(np.int64) \
        if next_id else var_len
    new_len = var_len[rank]
    new_offsets = np.concatenate([[0], np.cumsum(new_len)[:-1]]).astype(np.int64) \
        if next_id else new_len
    total = int(new_len.sum())
    gather = np.repeat(old_offsets[rank], new_len) + (np.arange(total)
                                                      - np.repeat(new_offsets, new_len))
    inverse = np.empty_like(rank)
    inverse[rank] = np.arange(len(rank))
    v = Variants(labels=ev.labels, codes=codes[gather], offsets=new_offsets, lengths=new_len,
                  freq=freq[rank],
                  example=np.asarray(ev.case_labels, dtype=object)[first_case[rank]],
                  case_variant=inverse[case_variant], case_labels=ev.case_labels,
                  n_events_log=ev.n_events)
    return v, ev, frame

