"""The scaling aggregations, written once as SQL (DuckDB's dialect).

Every query reads a relation ``{ev}`` with one row per analysed event and the columns
``case_id`` (text), ``act`` (text), ``t_end`` and ``t_start`` (timestamps; ``t_start`` equals
``t_end`` where the log has no start time) and ``line`` (an integer giving the order of the rows
in the source). The semantics are those of `shadowing.analysis.dfg`:

- events are ordered per case by ``t_start``, then ``t_end``, then ``line`` (for a log without
  start times that is time, then line);
- the wait of an edge ``a → b`` is ``b.t_start - a.t_end`` in seconds;
- durations are ``t_end - t_start``; quantiles interpolate linearly between the two nearest
  values (``quantile_cont``, exact: pandas' and numpy's default).

Other engines get the same text through `transpile` (sqlglot), so there is one definition of
each number.
"""

from __future__ import annotations

import re

ORDER = "t_start, t_end, line"

#: The events in case order, with the next activity and the wait to it (one window pass);
#: materialised once, read by the three aggregations below.
ORDERED = """
SELECT case_id, act, t_end, t_start, line,
       lead(act) OVER w AS nxt,
       date_diff('microsecond', t_end, lead(t_start) OVER w) / 1e6 AS wait_s,
       date_diff('microsecond', t_start, t_end) / 1e6 AS dur_s,
       row_number() OVER w AS pos
FROM {ev}
WINDOW w AS (PARTITION BY case_id ORDER BY t_start, t_end, line)
"""

#: Per activity: events, how often it starts and ends a case, and its durations.
ACTIVITIES = """
SELECT act AS activity, count(*) AS events,
       count(*) FILTER (WHERE pos = 1) AS starts,
       count(*) FILTER (WHERE nxt IS NULL) AS ends,
       quantile_cont(dur_s, 0.5) AS duration_median, avg(dur_s) AS duration_mean,
       quantile_cont(dur_s, 0.9) AS duration_p90, sum(dur_s) AS duration_total
FROM {o}
GROUP BY act
"""

#: Per directly-follows edge between activities: count and waiting statistics.
EDGES = """
SELECT act AS source, nxt AS target, count(*) AS count,
       quantile_cont(wait_s, 0.5) AS wait_median, avg(wait_s) AS wait_mean,
       quantile_cont(wait_s, 0.9) AS wait_p90, sum(wait_s) AS wait_total
FROM {o}
WHERE nxt IS NOT NULL
GROUP BY act, nxt
"""

#: Per variant (the ordered list of activities of a case): cases, steps, median throughput
#: (first start to last end, seconds) and the case that appears first in the source.
VARIANTS = """
WITH per_case AS (
    SELECT case_id, list(act ORDER BY pos) AS path, min(line) AS first_line,
           date_diff('microsecond', min(least(t_start, t_end)), max(t_end)) / 1e6 AS thr
    FROM {o}
    GROUP BY case_id
)
SELECT path, count(*) AS count, quantile_cont(thr, 0.5) AS median_s,
       arg_min(case_id, first_line) AS example_case
FROM per_case
GROUP BY path
"""

#: Cases per activity and per edge, from the variants (a case counts once per activity or
#: edge it has; no distinct count over the events).
ACTIVITY_CASES = """
SELECT act AS activity, sum(count) AS cases
FROM (SELECT unnest(list_distinct(path)) AS act, count FROM {v})
GROUP BY act
"""

EDGE_CASES = """
WITH numbered AS (SELECT row_number() OVER () AS vid, path, count FROM {v}),
pairs AS (SELECT vid, count, unnest(path[:-2]) AS source, unnest(path[2:]) AS target
          FROM numbered WHERE len(path) > 1)
SELECT source, target, sum(count) AS cases
FROM (SELECT DISTINCT vid, count, source, target FROM pairs)
GROUP BY source, target
"""

#: The variants as the user sees them.
VARIANT_ROWS = """
SELECT list_aggregate(path, 'string_agg', ' → ') AS variant, len(path) AS events, count,
       median_s, example_case
FROM {v}
"""

#: The list-valued queries, by hand in Spark's dialect (sqlglot does not carry an ordered
#: list aggregate or list slicing over); everything else is transpiled from the text above.
SPARK = {
    "VARIANTS": """
WITH per_case AS (
    SELECT case_id, transform(array_sort(collect_list(struct(pos, act))), x -> x.act) AS path,
           min(line) AS first_line,
           (unix_micros(max(t_end)) - unix_micros(min(least(t_start, t_end)))) / 1e6 AS thr
    FROM {o}
    GROUP BY case_id
)
SELECT path, count(*) AS count, percentile(thr, 0.5) AS median_s,
       min_by(case_id, first_line) AS example_case
FROM per_case
GROUP BY path
""",
    "EDGE_CASES": """
WITH numbered AS (SELECT monotonically_increasing_id() AS vid, path, count FROM {v}),
pairs AS (SELECT vid, count, inline(arrays_zip(slice(path, 1, size(path) - 1),
                                               slice(path, 2, size(path) - 1))) AS (source, target)
          FROM numbered WHERE size(path) > 1)
SELECT source, target, sum(count) AS cases
FROM (SELECT DISTINCT vid, count, source, target FROM pairs)
GROUP BY source, target
""",
    "VARIANT_ROWS": """
SELECT array_join(path, ' → ') AS variant, size(path) AS events, count, median_s, example_case
FROM {v}
""",
}


def render(sql: str, **names: str) -> str:
    """The query with its relation names filled in."""
    return sql.format(**names)


def query(name: str, dialect: str, **names: str) -> str:
    """The query ``name`` (``"ORDERED"``, ``"EDGES"``, ...) in ``dialect``, its relation names
    filled in."""
    if dialect == "duckdb":
        return render(globals()[name], **names)
    if dialect == "spark" and name in SPARK:
        return render(SPARK[name], **names)
    return transpile(render(globals()[name], **names), dialect)


def transpile(sql: str, dialect: str) -> str:
    """The query in another engine's dialect (``"spark"``, ``"databricks"``, ...) via sqlglot;
    DuckDB's own text is returned unchanged. Exact quantiles become Spark's ``percentile``
    (linear interpolation, as ``quantile_cont``)."""
    if dialect == "duckdb":
        return sql
    import sqlglot  # lazy: only other engines need it

    out = sqlglot.transpile(sql, read="duckdb", write=dialect, pretty=True)[0]
    if dialect in ("spark", "databricks"):
        out = re.sub(r"PERCENTILE_CONT\(([^,()]+), ([0-9.]+)\)", r"PERCENTILE(\1, \2)", out)
        out = re.sub(r"DATEDIFF\(MICROSECOND, ([^,()]+), (LEAD\([^()]+\) OVER w|[^,()]+)\)",
                     r"(UNIX_MICROS(\2) - UNIX_MICROS(\1))", out)
    return out
