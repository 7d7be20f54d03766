"""The only module that imports pm4py, and it does so quietly and lazily.

pm4py prints a licence banner when imported from ``__main__``, shows tqdm progress bars and
emits warnings; none of that may reach a consultant's notebook or a client report. Call
`pm4py()` to get the module; everything it prints or warns while loading is swallowed.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import warnings

_module = None
log = logging.getLogger(__name__)


@contextlib.contextmanager
def quiet():
    """Silence pm4py while it runs: progress bars, warnings, stray prints."""
    old_env = {k: os.environ.get(k) for k in ("PM4PY_SHOW_PROGRESS_BAR", "TQDM_DISABLE")}
    os.environ["PM4PY_SHOW_PROGRESS_BAR"] = "false"
    os.environ["TQDM_DISABLE"] = "1"
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        for k, v in old_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def pm4py():
    """Return the pm4py module, importing it once without banner, bars or warnings."""
    global _module
    if _module is None:
        sys._pm4py_welcome_shown = True  # the banner's own off switch
        with quiet():
            import pm4py as _pm  # noqa: PLC0415

            try:  # progress bars are read from the environment at import time
                from pm4py.util import constants  # noqa: PLC0415

                constants.SHOW_PROGRESS_BAR = False
            except Exception:  # pragma: no cover - older pm4py
                pass
        _module = _pm
        log.debug("pm4py %s loaded", getattr(_pm, "__version__", "?"))
    return _module


def submodule(name: str):
    """A pm4py submodule (``"pm4py.objects.petri_net.semantics"``), loaded as quietly as pm4py."""
    import importlib  # noqa: PLC0415

    pm4py()
    with quiet():
        return importlib.import_module(name)
