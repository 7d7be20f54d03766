"""What a filter did to a log: the `AppliedFilter` record an `EventLog` carries.

Every ``filter_*`` function of `shadowing.analysis.filters` returns a new log whose ``filters``
tuple ends with one `AppliedFilter`: its name (pm4py's where one exists), the parameters it was
called with, and how many cases and events it set aside. The log's display, its accounting and
the footnote of every map drawn from it are made from these records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["AppliedFilter"]


def _short(value: Any, limit: int = 60) -> str:
    """A parameter value as a short text: lists show their first items."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
        shown = ", ".join(_short(v, 30) for v in items[:3])
        more = f", … {len(items) - 3} more" if len(items) > 3 else ""
        return f"[{shown}{more}]"
    text = str(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class AppliedFilter:
    """One filter applied to a log.

    Attributes
    ----------
    name : str
        The function (``"filter_variants_top_k"``).
    parameters : tuple of (str, value)
        The arguments it was called with, in order (``(("k", 5),)``).
    cases : int
        Cases set aside: cases before minus cases after.
    events : int
        Events (rows of ``log.frame``) set aside.
    """

    name: str
    parameters: tuple = ()
    cases: int = 0
    events: int = 0

    @property
    def call(self) -> str:
        """The call in short: ``filter_variants_top_k(k=5)``."""
        args = ", ".join(f"{k}={_short(v)}" for k, v in self.parameters)
        return f"{self.name}({args})"

    def __str__(self) -> str:
        cases = f"{self.cases:,} case{'' if self.cases == 1 else 's'}"
        events = f"{self.events:,} event{'' if self.events == 1 else 's'}"
        return f"{self.call}: {cases}, {events} set aside"
