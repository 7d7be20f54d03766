"""engines: the scaling aggregations run inside DuckDB or Spark on logs that do not fit in
memory."""

from .lazy import LazyEventLog
from .scan import scan_event_log
from .spark import SparkEventLog

__all__ = ["LazyEventLog", "SparkEventLog", "scan_event_log"]
