"""The cells of an input as read, before any interpretation, and opening (gzipped) files."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Table:
    """Cells of an input as read, before any interpretation."""

    frame: pd.DataFrame
    lines: np.ndarray
    source: str
    kind: str
    decimal: str = "."
    delimiter: str | None = None
    encoding: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


def open_maybe_gzip(path: Path):
    """Open a file for binary reading, transparently gunzipping ``.gz`` files."""
    with open(path, "rb") as fh:
        magic = fh.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")
