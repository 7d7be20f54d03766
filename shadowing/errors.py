"""The exceptions of shadowing.

All errors the kit raises on purpose derive from one base class::

    ShadowingError
    ├── InputError (also a ValueError)    a file or frame the kit cannot read as asked
    │   └── ColumnNotFoundError           a mapped or required column does not exist
    ├── ParameterError (also a ValueError) a function argument outside what it accepts
    └── ReportError (also a RuntimeError)  a report could not be produced

Input errors name the file, the column, the row (line in the source), what was expected and
what was found, so a consultant can fix the file without reading code. In Jupyter, a
`ShadowingError` shows as its message in a few lines instead of a traceback through the kit's
internals (IPython calls `ShadowingError._render_traceback_`); `full_traceback()` shows the whole
traceback of the last error.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import sys
import traceback as _traceback
from typing import Callable, Iterable

__all__ = [
    "ShadowingError",
    "InputError",
    "ColumnNotFoundError",
    "ParameterError",
    "ReportError",
    "did_you_mean",
    "full_traceback",
    "UnknownOptionError",
    "check_keywords",
]

#: Most message lines shown in a notebook before the rest is cut (the message stays whole in
#: ``str(error)``).
SHOWN_LINES = 8
_RED, _RESET = "\x1b[0;31m", "\x1b[0m"


class ShadowingError(Exception):
    """Base class of every error raised by shadowing."""

    def _render_traceback_(self) -> list[str]:
        """What IPython and Jupyter show: the message and its hint, not the kit's internals.

        The full traceback stays one call away: ``shadowing.full_traceback()``.
        """
        lines = str(self).splitlines() or [""]
        shown = lines[:SHOWN_LINES]
        if len(lines) > SHOWN_LINES:
            shown.append(f"... {len(lines) - SHOWN_LINES} more lines in str(error)")
        shown[0] = f"{_RED}{type(self).__name__}{_RESET}: {shown[0]}"
        shown.append("(the full traceback: shadowing.full_traceback())")
        return shown


class Traceback(str):
    """A traceback as text that displays as it is (not as a quoted string) in Jupyter."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's text display
        p.text(str(self))


def full_traceback(error: BaseException | None = None) -> Traceback:
    """The whole traceback of ``error``, by default of the last error raised in the notebook.

    Parameters
    ----------
    error : BaseException, optional
        By default the last exception IPython (or the interactive interpreter) showed.

    Returns
    -------
    Traceback
        A ``str`` that displays as the traceback text.

    Raises
    ------
    ParameterError
        When there was no error to show.
    """
    if error is None:
        error = getattr(sys, "last_exc", None) or getattr(sys, "last_value", None)
    if error is None:
        raise ParameterError("full_traceback: no error was raised yet in this session.")
    return Traceback("".join(_traceback.format_exception(type(error), error, error.__traceback__)))


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


class UnknownOptionError(ParameterError, TypeError):
    """A keyword argument the function does not have (also a TypeError, as Python raises)."""


def check_keywords(func: Callable) -> Callable:
    """Wrap a public function so a misspelt keyword gets a "did you mean" instead of Python's
    bare ``TypeError`` (``process_map(log, measur="performance")``).

    Functions that take ``**kwargs`` are returned as they are.
    """
    params = inspect.signature(func).parameters.values()
    if any(p.kind == p.VAR_KEYWORD for p in params):
        return func
    names = [p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
    known = set(names)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        for key in kwargs:
            if key not in known:
                options = [n for n in names if n not in ("self",)]
                raise UnknownOptionError(
                    f"{func.__name__}() has no option {key!r}.{did_you_mean(key, options)} "
                    f"Its options are: {', '.join(options)}.")
        return func(*args, **kwargs)
    return wrapper


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


def check_number(name: str, value, *, func: str, low: float | None = None,
                 high: float | None = None, low_open: bool = False, high_open: bool = False,
                 integer: bool = False, none: bool = False, what: str | None = None):
    """Check a numeric parameter in one template and return it (as ``int`` or ``float``).

    ``The 'top' parameter of plot_handovers must be an integer of at least 1. Got 0 instead.``
    Booleans, NaN and non-numbers are refused; ``low``/``high`` bound the value (open bounds
    exclude it); ``none=True`` lets ``None`` through. ``what`` names the kind in the message
    (default "an integer" or "a number").

    Raises
    ------
    ParameterError
        When the value is not a number of the asked kind within the bounds.
    """
    if value is None and none:
        return None
    kind = what or ("an integer" if integer else "a number")
    bounds = []
    if low is not None:
        bounds.append(f"above {low:g}" if low_open else f"at least {low:g}")
    if high is not None:
        bounds.append(f"below {high:g}" if high_open else f"at most {high:g}")
    if bounds and bounds[0].startswith("at "):
        bounds[0] = "of " + bounds[0]
    expected = kind + (" " + " and ".join(bounds) if bounds else "") + (" or None" if none else "")
    import math  # noqa: PLC0415
    import numbers  # noqa: PLC0415

    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if ok and integer:
        ok = isinstance(value, numbers.Integral)
    if ok:
        v = float(value)
        ok = not math.isnan(v)
        if ok and low is not None:
            ok = v > low if low_open else v >= low
        if ok and high is not None:
            ok = v < high if high_open else v <= high
    if not ok:
        raise ParameterError(f"The '{name}' parameter of {func} must be {expected}. "
                             f"Got {value!r} instead.")
    return int(value) if integer else float(value)
