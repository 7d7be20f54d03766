"""`scan_event_log`: the entry point of the engines."""

from __future__ import annotations

import logging
import os
from typing import Literal

from ..errors import ParameterError, check_choice
from .lazy import LazyEventLog, scan_duckdb
from .spark import scan_spark

log = logging.getLogger(__name__)

ENGINES = ("duckdb", "spark")


def scan_event_log(source, *, engine: Literal["duckdb", "spark"] = "duckdb",
                   case: str | None = None, activity: str | None = None,
                   timestamp: str | None = None, start_timestamp: str | None = None,
                   resource: str | None = None,
                   system: str | None = None, lifecycle: str | bool | None = None,
                   timestamp_format: str | None = None, encoding: str | None = None,
                   memory_limit: str | None = None,
                   threads: int | None = None,
                   temp_directory: str | os.PathLike | None = None,
                   spark=None) -> LazyEventLog:
    """Point an engine at an event log too large for memory; nothing is loaded yet.

    Parameters
    ----------
    source : path, glob or list of them; for Spark also a DataFrame or a table name
        CSV (``.csv``, ``.csv.gz``, ``.tsv``) or Parquet files; a glob such as
        ``"export/*.parquet"`` reads them all as one log (rows ordered by file name, then
        row). With ``engine="spark"``: a Spark DataFrame, a table (``"sales.events"``), or
        files (ties in time are then broken by Spark's row id, reliable within one file).
    engine : {"duckdb", "spark"}
        DuckDB, embedded (no server): it works out of core, spilling to ``temp_directory``
        beyond ``memory_limit``. Spark: the given ``spark`` session (a cluster, Databricks)
        or a local one (``local[2]``); needs ``pip install shadowing[spark]`` and Java 17+.
    case, activity, timestamp, start_timestamp, resource, system : str, optional
        Column names for each role; roles not given are guessed from the column names as in
        `read_event_log`.
    lifecycle : str or False, optional
        A lifecycle column whose values are all ``complete`` (or statuses) is ignored; one
        holding ``start``/``complete`` pairs is refused (pairing is `read_event_log`'s job).
    timestamp_format : str, optional
        A ``strptime`` format for text time columns; by default DuckDB's sniffed format, else
        ISO 8601.
    encoding : str, optional
        Of CSV files: ``"utf-8"`` (default), ``"latin-1"`` (Windows exports), ``"utf-16"``.
    memory_limit : str, optional
        DuckDB's memory limit (``"4GB"``); by default 80% of the machine's memory.
    threads : int, optional
        DuckDB's threads.
    temp_directory : path, optional
        Where DuckDB spills (by default DuckDB's ``.tmp`` in the working directory).
    spark : SparkSession, optional
        The session for ``engine="spark"``.

    Returns
    -------
    LazyEventLog
        With ``.accounting`` (rows read = analysed + rejected, counted in the engine).

    Raises
    ------
    InputError
        No such file, an unreadable file, unknown columns, or a start/complete lifecycle.
    ParameterError
        An unknown engine, a setting DuckDB refuses, or Spark missing (no PySpark or Java).

    Examples
    --------
    >>> import shadowing as sh
    >>> big = sh.scan_event_log("export/*.parquet", memory_limit="4GB")  # doctest: +SKIP
    >>> sh.process_map(big, measure="performance").save("map.svg")  # doctest: +SKIP
    """
    check_choice("engine", engine, ENGINES, func="scan_event_log")
    explicit = {"case": case, "activity": activity, "timestamp": timestamp,
                "start_timestamp": start_timestamp, "resource": resource, "system": system,
                "lifecycle": lifecycle or None}
    if lifecycle is False:
        explicit.pop("lifecycle")
    if engine == "spark":
        if encoding or memory_limit or threads or temp_directory:
            raise ParameterError("scan_event_log: encoding, memory_limit, threads and "
                                 "temp_directory are DuckDB settings; configure Spark through "
                                 "its session (spark=).")
        out = scan_spark(source, spark=spark, explicit=explicit, lifecycle=lifecycle is not False,
                         timestamp_format=timestamp_format)
    else:
        if spark is not None:
            raise ParameterError("scan_event_log: spark= is for engine='spark'.")
        out = scan_duckdb(source, explicit=explicit, lifecycle=lifecycle is not False,
                          timestamp_format=timestamp_format, encoding=encoding,
                          memory_limit=memory_limit, threads=threads,
                          temp_directory=temp_directory)
    acc = out.accounting
    if acc.rejected:
        log.warning("%s: %d of %d rows rejected (no case, activity or readable time)",
                    out.source, acc.rejected, acc.rows_read)
    return out
