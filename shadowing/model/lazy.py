"""What an analysis may ask of a log that stays inside an engine (DuckDB, Spark).

`shadowing.engines` implements it; `directly_follows`, `process_map` and `variants` recognise
it by this base class, so the analysis layer never imports an engine.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd


class LazyLog:
    """Base class of lazy event logs: the rows stay in the engine, only small results come
    back. Subclasses implement the three aggregations below."""

    def aggregate_dfg(self, *, keep: Sequence[str] | None = None):
        """`shadowing.DirectlyFollows` computed in the engine (``keep``: only these activities,
        the others left out of the cases)."""
        raise NotImplementedError

    def aggregate_variants(self) -> pd.DataFrame:
        """The variants frame (`shadowing.variants` columns) computed in the engine."""
        raise NotImplementedError

    def activity_systems(self) -> pd.DataFrame | None:
        """Events per (activity, system): columns ``activity``, ``system``, ``events``; None
        when the log has no system column."""
        raise NotImplementedError
