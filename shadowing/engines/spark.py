"""The same lazy event log on Spark: a Spark DataFrame, a table, or Parquet/CSV files.

The aggregations are `sql`'s queries in Spark's dialect (`sql.query`); this module only maps
the columns, counts the rows and runs the queries. PySpark (and a Java runtime) are optional:
``pip install shadowing[spark]``; they are imported when `scan_event_log(engine="spark")` is
called.
"""

from __future__ import annotations

import itertools
import re
import warnings
from typing import Mapping

import pandas as pd

from ..errors import InputError, ParameterError
from ..io.roles import resolve_roles
from ..io.timestamps import infer_format
from ..model import columns as C
from ..model.eventlog import Accounting
from ..model.lifecycle import canonical_transitions
from . import duck
from .lazy import LazyEventLog

_IDS = itertools.count(1)
#: strftime directives and their Java (Spark) patterns, for text time columns.
_JAVA = {"%Y": "yyyy", "%y": "yy", "%m": "MM", "%d": "dd", "%H": "HH", "%M": "mm", "%S": "ss",
         "%f": "SSSSSS"}


def java_pattern(fmt: str) -> str:
    """A strftime format as a Spark datetime pattern (``%d/%m/%Y %H:%M`` → ``dd/MM/yyyy
    HH:mm``); literal letters are quoted."""
    out = []
    for token in re.split(r"(%[a-zA-Z])", fmt):
        if token.startswith("%"):
            if token not in _JAVA:
                raise ParameterError(f"scan_event_log: the time format directive {token} has no "
                                     "Spark equivalent here; use %Y %y %m %d %H %M %S %f.")
            out.append(_JAVA[token])
        elif token:
            out.append(re.sub(r"([A-Za-z]+)", r"'\1'", token))
    return "".join(out)


def session(spark=None):
    """The given SparkSession, or a local one (``local[2]``, no UI) made once."""
    if spark is not None:
        return spark
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "PySpark does not yet fully support pandas >= 3"
            from pyspark.sql import SparkSession
            spark = (SparkSession.builder.master("local[2]").appName("shadowing")
                     .config("spark.ui.enabled", "false")
                     .config("spark.sql.shuffle.partitions", "4")
                     .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    except ImportError:
        raise ParameterError("scan_event_log(engine='spark') needs PySpark: pip install "
                             "'shadowing[spark]' (and a Java runtime, e.g. apt-get install "
                             "default-jre-headless).") from None
    except Exception as exc:  # py4j: no Java, or Java too old
        raise ParameterError(f"scan_event_log(engine='spark'): Spark did not start ({exc}); it "
                             "needs a Java runtime 17 or newer (apt-get install "
                             "default-jre-headless).") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _clean(col):
    from pyspark.sql import functions as F

    text = F.trim(F.regexp_replace(col.cast("string"), r"\s+", " "))
    return F.when(text == "", None).otherwise(text)


def _time(df, name: str, fmt: str | None, source: str):
    from pyspark.sql import functions as F

    typ = dict(df.dtypes)[name]
    col = F.col(f"`{name}`")
    if typ.startswith("timestamp"):
        return col.cast("timestamp")
    if typ == "date":
        return col.cast("timestamp")
    if not fmt:
        head = [r[0] for r in df.select(F.trim(col.cast("string"))).limit(20000).distinct()
                .collect() if r[0]]
        fmt = infer_format(pd.Series(head, dtype=object), column=name, source=source) \
            if head else "ISO8601"
    if fmt == "excel-serial":
        raise InputError(f"{source}: column '{name}' holds Excel serial dates; scan_event_log "
                         "cannot read them (read_event_log can).", source=source)
    if fmt == "ISO8601":
        return F.expr(f"try_to_timestamp(trim(CAST(`{name}` AS STRING)))")
    tries = [F.expr(f"try_to_timestamp(trim(CAST(`{name}` AS STRING)), '{java_pattern(f)}')")
             for f in fmt.split("|")]
    return F.coalesce(*tries) if len(tries) > 1 else tries[0]


class SparkEventLog(LazyEventLog):
    """A `LazyEventLog` whose events stay in Spark (made by ``scan_event_log(engine="spark")``).
    """

    dialect = "spark"

    def __init__(self, spark, *, names, **kw):
        super().__init__(None, **kw)
        self._spark = spark
        self._names = names
        self._cached: dict = {}

    @property
    def n_cases(self) -> int:
        if "n_cases" not in self._dfg:
            self._dfg["n_cases"] = int(self._query(
                f"SELECT count(DISTINCT case_id) FROM {self._names[0]}").collect()[0][0])
        return self._dfg["n_cases"]

    def sql(self, query: str) -> pd.DataFrame:
        """Run a Spark SQL query of your own (the events are the view named ``.events_view``)
        and return its (small) result."""
        return self._frame(query)

    @property
    def events_view(self) -> str:
        return self._names[0]

    def close(self) -> None:
        """Release the cached intermediate tables (the session stays)."""
        for df in self._cached.values():
            df.unpersist()
        self._cached.clear()

    def _query(self, text: str):
        try:
            return self._spark.sql(text)
        except Exception as exc:  # noqa: BLE001 - pyspark's AnalysisException and kin
            raise InputError(f"{self.source}: spark failed: {str(exc).splitlines()[0]}",
                             source=self.source) from None

    def _materialise(self, name: str, query: str) -> None:
        from pyspark import StorageLevel

        old = self._cached.pop(name, None)
        df = self._query(query).persist(StorageLevel.MEMORY_AND_DISK)
        df.createOrReplaceTempView(name)
        df.count()  # materialise now (the timings in the log mean something)
        if old is not None:
            old.unpersist()
        self._cached[name] = df

    def _frame(self, query: str) -> pd.DataFrame:
        df = self._query(query)
        rows = df.collect()
        return pd.DataFrame([tuple(r) for r in rows], columns=df.columns)


def scan_spark(source, *, spark, explicit: Mapping[str, str | None], lifecycle: bool,
               timestamp_format: str | None) -> SparkEventLog:
    """`scan_event_log` for ``engine="spark"``."""
    from pyspark.errors import PySparkException

    try:
        return _scan(source, spark=spark, explicit=explicit, lifecycle=lifecycle,
                     timestamp_format=timestamp_format)
    except PySparkException as exc:
        label = source if isinstance(source, str) else type(source).__name__
        raise InputError(f"{label}: Spark cannot read it: {str(exc).splitlines()[0]}",
                         source=str(label)) from None


def _scan(source, *, spark, explicit, lifecycle, timestamp_format) -> SparkEventLog:
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F

    spark = session(spark)
    if isinstance(source, DataFrame):
        df, label = source, "Spark DataFrame"
    elif isinstance(source, str) and re.fullmatch(r"[A-Za-z_][\w.]*", source) and \
            spark.catalog.tableExists(source):
        df, label = spark.table(source), source
    else:
        files, kind = duck.files_of(source)
        label = files[0] if len(files) == 1 else f"{files[0]} (+{len(files) - 1} files)"
        reader = spark.read
        df = (reader.parquet(*files) if kind == "parquet"
              else reader.option("header", True).csv(files))
    # the line: Spark's row id, increasing in the order the rows are read (one file or table)
    df = df.withColumn("__line", F.monotonically_increasing_id())
    columns = [c for c in df.columns if c != "__line"]
    synonyms = {k: v for k, v in C.SYNONYMS.items()
                if k in ("case", "activity", "timestamp", "start_timestamp", "resource",
                         "system") or (k == "lifecycle" and lifecycle)}
    why: dict[str, str] = {}
    roles = resolve_roles(columns, explicit, synonyms=synonyms,
                          required=("case", "activity", "timestamp"), source=label,
                          what="event log", guess_partial=("case", "activity", "timestamp"),
                          reasons=why)
    if roles.get("lifecycle"):
        values = [r[0] for r in df.select(F.col(f"`{roles['lifecycle']}`").cast("string"))
                  .distinct().limit(1000).collect()]
        trans, unknown = canonical_transitions(pd.Series(values, dtype=object))
        if not unknown and trans.dropna().ne("complete").any():
            raise InputError(f"{label}: column '{roles['lifecycle']}' holds lifecycle "
                             "transitions; scan_event_log does not pair start and complete "
                             "events (read_event_log does), or pass lifecycle=False.",
                             source=label)
    col = lambda role: F.col(f"`{roles[role]}`")  # noqa: E731
    t_end = _time(df, roles["timestamp"], timestamp_format, label)
    t_raw_start = (_time(df, roles["start_timestamp"], timestamp_format, label)
                   if roles.get("start_timestamp") else F.lit(None).cast("timestamp"))
    typed = df.select(_clean(col("case")).alias("case_id"), _clean(col("activity")).alias("act"),
                      t_end.alias("t_end"), t_raw_start.alias("t_raw_start"),
                      (_clean(col("system")) if roles.get("system") else
                       F.lit(None).cast("string")).alias("system"),
                      F.col("__line").alias("line"))
    good = F.col("case_id").isNotNull() & F.col("act").isNotNull() & F.col("t_end").isNotNull()
    counts = typed.agg(F.count(F.lit(1)), F.sum(F.when(good, 0).otherwise(1)),
                       F.sum(F.when(good & F.col("t_raw_start").isNotNull(), 1).otherwise(0))
                       ).collect()[0]
    rows_read, rejected, n_start = (int(x or 0) for x in counts)
    has_start = n_start > 0
    ev = typed.where(good).select(
        "case_id", "act", "t_end",
        (F.coalesce("t_raw_start", "t_end") if has_start else F.col("t_end")).alias("t_start"),
        "system", "line")
    n = next(_IDS)
    names = (f"shadowing_ev_{n}", f"shadowing_ordered_{n}", f"shadowing_variants_{n}")
    ev.createOrReplaceTempView(names[0])
    systems = None
    if roles.get("system"):
        sys_rows = (ev.where(F.col("system").isNotNull()).groupBy("act", "system").count()
                    .collect())
        systems = pd.DataFrame([(r[0], r[1], int(r[2])) for r in sys_rows],
                               columns=["activity", "system", "events"])
        systems = systems if len(systems) else None
    acc = Accounting(rows_read=rows_read, analysed=rows_read - rejected, rejected=rejected)
    return SparkEventLog(spark, names=names, source=label, engine="spark", columns=roles,
                         role_notes=why, accounting=acc, has_intervals=has_start,
                         systems=systems)
