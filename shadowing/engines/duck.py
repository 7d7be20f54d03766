"""Reading an event log's files with DuckDB: CSV or Parquet files (or globs), typed and
role-mapped into one relation of analysed events, with the row accounting done in the engine."""

from __future__ import annotations

import glob as _glob
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import duckdb
import pandas as pd

from ..errors import InputError, ParameterError
from ..io.roles import resolve_roles
from ..io.timestamps import infer_format
from ..model import columns as C
from ..model.lifecycle import canonical_transitions

_PARQUET = (".parquet", ".pq", ".parq")
_CSV = (".csv", ".csv.gz", ".tsv", ".txt", ".csv.zst")


def quote_ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def quote_str(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def connect(*, memory_limit: str | None, threads: int | None,
            temp_directory: str | os.PathLike | None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that spills to ``temp_directory`` beyond
    ``memory_limit`` (``"4GB"``)."""
    con = duckdb.connect(":memory:")
    try:
        if memory_limit is not None:
            con.execute(f"SET memory_limit = {quote_str(memory_limit)}")
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        if temp_directory is not None:
            con.execute(f"SET temp_directory = {quote_str(os.fspath(temp_directory))}")
    except duckdb.Error as exc:
        con.close()
        raise ParameterError(f"scan_event_log: DuckDB refused a setting "
                             f"(memory_limit={memory_limit!r}, threads={threads!r}, "
                             f"temp_directory={temp_directory!r}): {exc}") from None
    con.execute("SET preserve_insertion_order = true")
    return con


def files_of(source) -> tuple[list[str], str]:
    """The files a source names (a path, a glob, or a list of them) and their kind."""
    items = list(source) if isinstance(source, (list, tuple)) else [source]
    files: list[str] = []
    for item in items:
        text = os.fspath(item)
        hits = sorted(_glob.glob(text)) if any(ch in text for ch in "*?[") else (
            [text] if Path(text).is_file() else [])
        if not hits:
            raise InputError(f"{text}: no such file (or the pattern matches no file).",
                             source=text)
        files += hits
    kinds = set()
    for f in files:
        low = f.lower()
        if low.endswith(_PARQUET):
            kinds.add("parquet")
        elif low.endswith(_CSV):
            kinds.add("csv")
        else:
            raise InputError(f"{f}: scan_event_log reads CSV (.csv, .csv.gz, .tsv, .txt) and "
                             f"Parquet (.parquet) files; got '{Path(f).suffix}'. Read other "
                             "formats with shadowing.read_event_log.", source=f)
    if len(kinds) > 1:
        raise InputError(f"{files[0]}: the files mix CSV and Parquet; scan one kind at a time.",
                         source=files[0])
    return files, kinds.pop()


@dataclass(frozen=True)
class Scan:
    """A source as DuckDB reads it: the raw relation (``__line`` added), its columns and
    types."""

    raw: str
    columns: dict[str, str]
    source: str


def scan_files(con, files: list[str], kind: str, *, encoding: str | None = None) -> Scan:
    listed = "[" + ", ".join(quote_str(f) for f in files) + "]"
    label = files[0] if len(files) == 1 else f"{files[0]} (+{len(files) - 1} files)"
    try:
        if kind == "parquet":
            # the line comes from the file itself, so DuckDB may work in any order (faster,
            # about 35% at 5M events); CSV lines are counted in file order and need it kept
            con.execute("SET preserve_insertion_order = false")
            # the line: file number in the sorted list, then row number in the file
            raw = (f"(SELECT * EXCLUDE (file_row_number, filename), "
                   f"(list_position({listed}, filename)::BIGINT << 40) + file_row_number AS "
                   f"__line FROM read_parquet({listed}, file_row_number = true, "
                   f"filename = true))")
        else:
            enc = f", encoding = {quote_str(encoding)}" if encoding else ""
            enc = f", encoding = {quote_str(encoding)}" if encoding else ""
            # text as text ("001" and "NA" stay what they are); the line from the file order
            raw = (f"(SELECT *, row_number() OVER () AS __line FROM read_csv({listed}, "
                   f"all_varchar = true, union_by_name = true{enc}))")
        desc = con.execute(f"DESCRIBE SELECT * FROM {raw}").fetchall()
    except duckdb.Error as exc:
        hint = (" Pass encoding='latin-1' (Windows exports) or the file's encoding."
                if "unicode" in str(exc).lower() else "")
        raise InputError(f"{label}: DuckDB cannot read it: {str(exc).splitlines()[0]}{hint}",
                         source=label) from None
    columns = {name: typ for name, typ, *_ in desc if name != "__line"}
    return Scan(raw=raw, columns=columns, source=label)


#: A label that cleaning changes: a tab or line break, two spaces, a space at either end.
_UNCLEAN = "[\\t\\n\\r\\f\\v]|  |^ | $"


def clean_label(expr: str) -> str:
    """SQL for a label as `read_event_log` cleans it: stripped, inner whitespace collapsed to
    one space, empty as missing. The regular expression replaces only where needed (a match is
    about twice as fast as a replacement, and most labels are clean)."""
    return (f"CASE WHEN regexp_matches({expr}, '{_UNCLEAN}') "
            f"THEN nullif(trim(regexp_replace({expr}, '\\s+', ' ', 'g')), '') "
            f"ELSE nullif({expr}, '') END")


def blank(expr: str) -> str:
    """SQL: the label is missing or only whitespace (cheap: no regular expression)."""
    return f"({expr} IS NULL OR regexp_full_match({expr}, '\\s*'))"


def clean_text(text: str) -> str | None:
    """One label cleaned in Python (the same rule as `shadowing.io.tabular.clean_labels`)."""
    out = re.sub(r"\s+", " ", text.strip())
    return out or None


def _time_expr(con, scan: Scan, col: str, fmt: str | None) -> str:
    """SQL for a time column: typed columns as they are; text parsed with the given format,
    else with the format `read_event_log` would infer (day-first slash dates), inferred from
    the distinct values among the first 20,000 rows."""
    q = quote_ident(col)
    typ = scan.columns[col].upper()
    if typ.startswith("TIMESTAMP"):
        return f"{q}::TIMESTAMPTZ" if "TIME ZONE" in typ else q
    if typ == "DATE":
        return f"{q}::TIMESTAMP"
    if not fmt:
        head = con.execute(f"SELECT DISTINCT v FROM (SELECT trim({q}::VARCHAR) AS v FROM "
                           f"raw_rows LIMIT 20000) WHERE v <> ''").fetchall()
        values = pd.Series([v[0] for v in head], dtype=object)
        fmt = infer_format(values, column=col, source=scan.source) if len(values) else "ISO8601"
    parts = [f for f in fmt.split("|")]
    if parts == ["ISO8601"]:
        return f"TRY_CAST(trim({q}::VARCHAR) AS TIMESTAMP)"
    if "excel-serial" in parts:
        raise InputError(f"{scan.source}: column '{col}' holds Excel serial dates; "
                         "scan_event_log cannot read them (read_event_log can).",
                         source=scan.source)
    tries = ", ".join(f"try_strptime(trim({q}::VARCHAR), {quote_str(f)})" for f in parts)
    return f"coalesce({tries})" if len(parts) > 1 else tries


def build_events(con, scan: Scan, explicit: Mapping[str, str | None], *,
                 timestamp_format: str | None, lifecycle: bool = True):
    """Map roles to columns, type them, and create the views ``raw_rows`` and ``ev``.

    Returns (roles, reasons, accounting numbers dict, has_start, events per activity and
    system or None).
    """
    why: dict[str, str] = {}
    synonyms = {k: v for k, v in C.SYNONYMS.items()
                if k in ("case", "activity", "timestamp", "start_timestamp", "resource",
                         "system")} | ({"lifecycle": C.SYNONYMS["lifecycle"]} if lifecycle else {})
    roles = resolve_roles(list(scan.columns), explicit, synonyms=synonyms,
                          required=("case", "activity", "timestamp"), source=scan.source,
                          what="event log", guess_partial=("case", "activity", "timestamp"),
                          reasons=why)
    con.execute(f"CREATE OR REPLACE TEMP VIEW raw_rows AS SELECT * FROM {scan.raw}")
    if roles.get("lifecycle"):
        lc = quote_ident(roles["lifecycle"])
        values = con.execute(f"SELECT DISTINCT {lc}::VARCHAR FROM raw_rows LIMIT 1000").fetchall()
        trans, unknown = canonical_transitions(pd.Series([v[0] for v in values], dtype=object))
        if not unknown and trans.dropna().ne("complete").any():
            raise InputError(
                f"{scan.source}: column '{roles['lifecycle']}' holds lifecycle transitions "
                f"({', '.join(sorted(set(trans.dropna())))}); scan_event_log analyses one row per "
                "event and does not pair start and complete events. Read the log with "
                "shadowing.read_event_log (which pairs them), or pass lifecycle=False if every "
                "row is an event.", source=scan.source)
    case = f"{quote_ident(roles['case'])}::VARCHAR"
    act = f"{quote_ident(roles['activity'])}::VARCHAR"
    con.execute(f"CREATE OR REPLACE TEMP VIEW raw_rows AS SELECT * FROM {scan.raw}")
    end = _time_expr(con, scan, roles["timestamp"], timestamp_format)
    start = (_time_expr(con, scan, roles["start_timestamp"], timestamp_format)
             if roles.get("start_timestamp") else "NULL")
    system = f"{quote_ident(roles['system'])}::VARCHAR" if roles.get("system") else "NULL"
    con.execute(f"""CREATE OR REPLACE TEMP VIEW typed AS
        SELECT {case} AS raw_case, {act} AS raw_act, {end} AS t_end, {start} AS t_raw_start,
               {system} AS raw_system, __line AS line
        FROM raw_rows""")
    bad = f"({blank('raw_case')} OR {blank('raw_act')} OR t_end IS NULL)"
    # one pass: the accounting, the distinct activities and the systems they are done in
    groups = con.execute(f"""SELECT raw_act, raw_system, count(*) AS n,
        count(*) FILTER (WHERE {bad}) AS bad,
        count(*) FILTER (WHERE NOT {bad} AND t_raw_start IS NOT NULL) AS n_start,
        count(*) FILTER (WHERE regexp_matches(raw_case, '{_UNCLEAN}')) AS unclean
        FROM typed GROUP BY ALL""").df()
    # case ids are cleaned row by row only when some need it (a third of the ordering time)
    case_id = clean_label("raw_case") if groups["unclean"].sum() else "raw_case"
    rows_read, rejected = int(groups["n"].sum()), int(groups["bad"].sum())
    has_start = int(groups["n_start"].sum()) > 0
    groups["good"] = groups["n"] - groups["bad"]
    groups = groups.loc[groups["good"] > 0]
    raw_acts = pd.unique(groups["raw_act"].astype(object)).tolist()
    clean = [clean_text(a) for a in raw_acts]
    groups = groups.assign(
        activity=groups["raw_act"].astype(object).map(dict(zip(raw_acts, clean))),
        system=groups["raw_system"].astype(object).map(
            lambda x: None if x is None or pd.isna(x) else clean_text(x)))
    systems = (groups.dropna(subset=["system"]).groupby(["activity", "system"], as_index=False)
               ["good"].sum().rename(columns={"good": "events"}))
    labels = sorted(set(c for c in clean if c is not None))
    con.execute("DROP TABLE IF EXISTS actmap")
    con.execute("DROP TYPE IF EXISTS act_t")
    con.execute("CREATE TYPE act_t AS ENUM (" + ", ".join(quote_str(a) for a in labels) + ")")
    con.execute("CREATE TEMP TABLE actmap (raw VARCHAR, act act_t)")
    if raw_acts:
        con.executemany("INSERT INTO actmap VALUES (?, ?)", list(zip(raw_acts, clean)))
    con.execute(f"""CREATE OR REPLACE TEMP VIEW ev AS
        SELECT {case_id} AS case_id, m.act AS act, t_end,
               {'coalesce(t_raw_start, t_end)' if has_start else 't_end'} AS t_start,
               line
        FROM typed JOIN actmap AS m ON typed.raw_act = m.raw
        WHERE NOT {bad}""")
    numbers = {"rows_read": rows_read, "rejected": rejected,
               "analysed": rows_read - rejected}
    return roles, why, numbers, has_start, (systems if len(systems) else None)
