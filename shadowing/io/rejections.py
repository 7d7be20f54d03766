"""One collector of refused rows for every reader: one rejected row per input row (its first
problem), with the row's line in the source, the column, the value and the reason."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model.frames import AttrFrame
from .eventlog import REJECTED_COLUMNS
from .table import Table


class RowRejections:
    """Collect refused rows; one rejected row per input row (its first problem)."""

    def __init__(self, table: Table):
        self.table = table
        self.lines = np.asarray(table.lines)
        self.bad = np.zeros(len(table.frame), dtype=bool)
        self.parts: list[pd.DataFrame] = []

    def add(self, mask, column: str, values: pd.Series, reason) -> None:
        mask = np.asarray(mask, dtype=bool)
        new = mask & ~self.bad
        if not new.any():
            return
        idx = np.flatnonzero(new)
        reasons = (np.asarray(reason, dtype=object)[idx] if isinstance(reason, (np.ndarray, list))
                   else np.full(len(idx), reason, dtype=object))
        vals = values.iloc[idx].map(lambda v: "" if v is None else str(v)).to_numpy()
        self.parts.append(pd.DataFrame({"line": self.lines[idx].astype("int64"), "column": column,
                                        "value": vals, "reason": reasons}))
        self.bad |= new

    def rejected(self) -> AttrFrame:
        if not self.parts:
            return AttrFrame({"line": pd.Series(dtype="int64"), "column": pd.Series(dtype=object),
                              "value": pd.Series(dtype=object), "reason": pd.Series(dtype=object)})
        out = pd.concat(self.parts, ignore_index=True).sort_values("line", kind="stable")
        return AttrFrame(out.reset_index(drop=True)[REJECTED_COLUMNS])
