"""engines: the scaling aggregations run inside DuckDB (and, through the same SQL, other
engines) on logs that do not fit in memory."""

from .lazy import LazyEventLog, scan_event_log

__all__ = ["LazyEventLog", "scan_event_log"]
