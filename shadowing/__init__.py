"""shadowing: evidence for digital transformations in small companies.

Turns shadowing observations, system event logs, the perceived process, frustrations and usage
logs into as-is process maps, waste hotspots, the gap between perceived and actual process, and
adoption curves. The public API is flat: everything listed in ``__all__``.

Importing shadowing is fast and quiet: pm4py is only loaded (silently) when a function needs it.
"""

from __future__ import annotations

import logging as _logging

from .errors import ColumnNotFoundError, InputError, ParameterError, ReportError, ShadowingError
from .eventlog import EventLog, activity_instances, read_event_log
from .quality import quality
from .samples import sample_path

__version__ = "0.1.0"

_logging.getLogger(__name__).addHandler(_logging.NullHandler())

__all__ = [
    "__version__",
    # errors
    "ShadowingError", "InputError", "ColumnNotFoundError", "ParameterError", "ReportError",
    # event logs
    "EventLog", "read_event_log", "activity_instances", "quality",
    # samples
    "sample_path",
]
