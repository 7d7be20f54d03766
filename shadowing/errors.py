"""The exceptions of shadowing.

All errors the kit raises on purpose derive from one base class::

    ShadowingError
    ├── InputError (also a ValueError)    a file or frame the kit cannot read as asked
    │   └── ColumnNotFoundError           a mapped or required column does not exist
    ├── ParameterError (also a ValueError) a function argument outside what it accepts
    └── ReportError (also a RuntimeError)  a report could not be produced

Input errors name the file, the column, the row (line in the source), what was expected and
what was found, so a consultant can fix the file without reading code.
"""

from __future__ import annotations

import difflib
from typing import Iterable

__all__ = [
    "ShadowingError",
    "InputError",
    "ColumnNotFoundError",
    "ParameterError",
    "ReportError",
    "did_you_mean",
]


class ShadowingError(Exception):
    """Base class of every error raised by shadowing."""


class InputError(ShadowingError, ValueError):
    """Input data that cannot be read as asked.

    Attributes
    ----------
    source : str or None
        The file (or ``"DataFrame"``) the problem is in.
    rejected : pandas.DataFrame or None
        Where the error comes from refused rows: one row per problem (``line``, ``column``,
        ``value``, ``reason``).
    """

    def __init__(self, message: str, *, source: str | None = None, rejected=None):
        super().__init__(message)
        self.source = source
        self.rejected = rejected


class ColumnNotFoundError(InputError):
    """A column named by the caller, or needed by the kit, is not in the data."""


class ParameterError(ShadowingError, ValueError):
    """A parameter value outside what the function accepts."""


class ReportError(ShadowingError, RuntimeError):
    """A report could not be produced (a failing notebook cell, a missing program)."""


def did_you_mean(value: str, choices: Iterable[str], *, n: int = 1, cutoff: float = 0.6) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest choice, or ``""`` when none is close.

    Comparison ignores case and surrounding spaces, so ``'datum '`` suggests ``'Datum'``.
    """
    choices = [str(c) for c in choices]
    folded = {c.strip().casefold(): c for c in choices}
    key = str(value).strip().casefold()
    if key in folded and folded[key] != value:
        return f" Did you mean '{folded[key]}'?"
    close = difflib.get_close_matches(key, list(folded), n=n, cutoff=cutoff)
    if not close:
        return ""
    names = " or ".join(f"'{folded[c]}'" for c in close)
    return f" Did you mean {names}?"


def check_choice(name: str, value, choices: Iterable, *, func: str) -> None:
    """Raise `ParameterError` in one template when ``value`` is not one of ``choices``."""
    choices = list(choices)
    if value not in choices:
        shown = ", ".join(repr(c) for c in choices)
        raise ParameterError(
            f"The '{name}' parameter of {func} must be one of {shown}. Got {value!r} instead."
            + (did_you_mean(str(value), [str(c) for c in choices]) if isinstance(value, str) else "")
        )
