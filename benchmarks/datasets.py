"""Benchmark inputs: event logs at fixed sizes (CSV and Parquet), a perception, a report folder.

Logs come from the kit's own sample generator, `shadowing.datasets.generator.generate_log` (about ten
events per case, 25 activities, roughly 46k variants per 100k cases). Everything is cached in
``benchmarks/data/`` (git-ignored).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np
import pandas as pd

log = logging.getLogger("benchmarks")

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SEED = 20260301

# the activities, their systems and the happy path the manager describes: the generator's own
from shadowing.datasets.generator import ACTIVITIES, MAIN_PATH as PERCEIVED_PATH, SYSTEMS  # noqa: E402,F401


# -- the generator ------------------------------------------------------------------------------

def generator_name() -> str:
    """The name recorded in cached file names (the logs come from shadowing.datasets.generator)."""
    return "generator"


def make_log(n_events: int, *, seed: int = SEED) -> pd.DataFrame:
    """An export-like frame (categorical labels, datetime timestamps) of ``n_events`` rows."""
    from shadowing.datasets.generator import generate_log  # noqa: PLC0415

    return pd.DataFrame(generate_log(n_events, seed=seed))


# -- files --------------------------------------------------------------------------------------

def size_label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def log_files(n_events: int, *, data_dir: Path | None = None,
              regenerate: bool = False) -> dict[str, Path]:
    """Write (once) and return ``{"csv": path, "parquet": path}`` for a log of ``n_events``."""
    data_dir = Path(data_dir) if data_dir is not None else DATA
    data_dir.mkdir(parents=True, exist_ok=True)
    if n_events > COPY_BASE:
        return copies(n_events, data_dir=data_dir, regenerate=regenerate)
    stem = f"eventlog-{generator_name()}-{size_label(n_events)}"
    paths = {"csv": data_dir / f"{stem}.csv", "parquet": data_dir / f"{stem}.parquet"}
    meta = data_dir / f"{stem}.json"
    if all(p.exists() for p in paths.values()) and meta.exists() and not regenerate:
        return paths
    log.info("generating %s events (%s)", f"{n_events:,}", generator_name())
    frame = make_log(n_events)
    tmp = {k: p.with_suffix(p.suffix + ".tmp") for k, p in paths.items()}
    plain = frame.copy()
    for col in plain.columns:
        if isinstance(plain[col].dtype, pd.CategoricalDtype):
            plain[col] = plain[col].astype(str)
    plain.to_parquet(tmp["parquet"], index=False)
    plain.to_csv(tmp["csv"], index=False, date_format="%Y-%m-%d %H:%M:%S")
    for k in paths:
        os.replace(tmp[k], paths[k])
    facts = {"events": len(frame), "columns": list(frame.columns),
             "generator": generator_name(), **shape_facts(plain),
             "csv_bytes": paths["csv"].stat().st_size,
             "parquet_bytes": paths["parquet"].stat().st_size}
    meta.write_text(json.dumps(facts))
    return paths


#: Logs above this size are copies of the log of this size (Parquet only; see `copies`).
COPY_BASE = 5_000_000


def copies(n_events: int, *, data_dir: Path, regenerate: bool = False) -> dict[str, Path]:
    """A log of ``n_events`` (a multiple of 5M) as k copies of the 5M log, each copy's case ids
    suffixed with its number (``~2``), written by DuckDB to one Parquet file (copy after copy,
    each in the 5M file's row order). Pandas cannot hold 100M events on this machine, and the
    generator builds its frame in pandas; the copies keep the 5M log's variants and timing,
    multiplied. No CSV is written.
    """
    import duckdb  # noqa: PLC0415

    if n_events % COPY_BASE:
        raise ValueError(f"sizes above {COPY_BASE:,} must be multiples of it")
    k = n_events // COPY_BASE
    stem = f"eventlog-{generator_name()}-{size_label(n_events)}"
    paths = {"csv": data_dir / f"{stem}.csv", "parquet": data_dir / f"{stem}.parquet"}
    meta = data_dir / f"{stem}.json"
    if paths["parquet"].exists() and meta.exists() and not regenerate:
        return paths
    base = log_files(COPY_BASE, data_dir=data_dir)["parquet"]
    base_facts = log_facts(COPY_BASE, data_dir=data_dir)
    tmp = paths["parquet"].with_suffix(".parquet.tmp")
    log.info("writing %s events as %d copies of the 5M log", f"{n_events:,}", k)
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    cols = base_facts.get("columns") or [r[0] for r in con.execute(
        f"DESCRIBE SELECT * FROM read_parquet('{base}')").fetchall()]
    case = cols[0]

    def select(copy: int) -> str:
        return ", ".join(f"\"{c}\" || '~{copy}' AS \"{c}\"" if c == case else f"\"{c}\""
                         for c in cols)

    parts = []
    for copy in range(1, k + 1):  # each copy streams in file order; then one file in part order
        part = data_dir / f"{stem}.part{copy:03d}.parquet"
        con.execute(f"COPY (SELECT {select(copy)} FROM "
                    f"read_parquet('{base}')) TO '{part}' (FORMAT parquet)")
        parts.append(part)
    listed = ", ".join(f"'{p}'" for p in parts)
    con.execute(f"COPY (SELECT * FROM read_parquet([{listed}])) TO '{tmp}' (FORMAT parquet)")
    for part in parts:
        part.unlink()
    con.close()
    os.replace(tmp, paths["parquet"])
    facts = {"events": n_events, "columns": cols, "generator": generator_name(),
             "cases": base_facts.get("cases", 0) * k,
             "n_activities": base_facts.get("n_activities"),
             "variants": base_facts.get("variants"), "copies_of": size_label(COPY_BASE),
             "parquet_bytes": paths["parquet"].stat().st_size}
    meta.write_text(json.dumps(facts))
    return paths


def shape_facts(frame: pd.DataFrame) -> dict:
    """Cases, activities and variants of an export frame (columns guessed by position)."""
    case, act, ts = frame.columns[:3]
    order = np.lexsort((pd.to_datetime(frame[ts]).to_numpy().view("int64"),
                        pd.factorize(frame[case])[0]))
    f = frame.iloc[order]
    codes = pd.Series(pd.factorize(f[act])[0].astype(str) + ",", index=f.index)
    variants = codes.groupby(pd.factorize(f[case])[0]).sum()
    return {"cases": int(f[case].nunique()), "n_activities": int(f[act].nunique()),
            "variants": int(variants.nunique())}


def log_facts(n_events: int, *, data_dir: Path | None = None) -> dict:
    data_dir = Path(data_dir) if data_dir is not None else DATA
    stem = f"eventlog-{generator_name()}-{size_label(n_events)}"
    meta = data_dir / f"{stem}.json"
    return json.loads(meta.read_text()) if meta.exists() else {}


def perception_files(*, data_dir: Path | None = None) -> dict[str, Path]:
    """The manager's perception of the benchmark process, as YAML and as BPMN 2.0 XML.

    Both describe the same process: the happy path, with an optional credit check (a skip).
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA
    data_dir.mkdir(parents=True, exist_ok=True)
    steps = [ACTIVITIES[i] for i in PERCEIVED_PATH]
    yaml_path = data_dir / "perceived_manager.yaml"
    bpmn_path = data_dir / "perceived_manager.bpmn"
    lines = ["name: Hoe de manager het vertelt", "told_by: manager", "steps:"]
    lines += [f"  - {s}" for s in steps]
    flows = list(zip(steps, steps[1:])) + [(steps[1], steps[3])]  # credit check may be skipped
    lines.append("flows:")
    lines += [f"  - [{a}, {b}]" for a, b in flows]
    yaml_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bpmn_path.write_text(_bpmn(steps), encoding="utf-8")
    return {"yaml": yaml_path, "bpmn": bpmn_path}


def _bpmn(steps: list[str]) -> str:
    """A BPMN 2.0 process: start, the steps in order, an XOR that may skip step 3, end."""
    from xml.sax.saxutils import quoteattr  # noqa: PLC0415

    nodes = ['<startEvent id="start" name="start"/>']
    flows = []
    ids = [f"t{i}" for i in range(len(steps))]
    for tid, name in zip(ids, steps):
        nodes.append(f"<task id={quoteattr(tid)} name={quoteattr(name)}/>")
    nodes.append('<exclusiveGateway id="split" gatewayDirection="Diverging"/>')
    nodes.append('<exclusiveGateway id="join" gatewayDirection="Converging"/>')
    nodes.append('<endEvent id="end" name="end"/>')
    chain = ["start", ids[0], ids[1], "split", ids[2], "join"] + ids[3:] + ["end"]
    for a, b in zip(chain, chain[1:]):
        flows.append((a, b))
    flows.append(("split", "join"))
    body = "\n    ".join(nodes + [f'<sequenceFlow id="f{i}" sourceRef="{a}" targetRef="{b}"/>'
                              for i, (a, b) in enumerate(flows)])
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
            'id="defs" targetNamespace="http://shadowing.benchmark">\n'
            '  <process id="p" isExecutable="false">\n    ' + body + "\n  </process>\n"
            "</definitions>\n")


def report_folder(n_events: int, *, data_dir: Path | None = None) -> Path:
    """A client data folder for `run_report`: the log, the perception, scenario.yaml."""
    data_dir = Path(data_dir) if data_dir is not None else DATA
    csv = log_files(n_events, data_dir=data_dir)["csv"]
    perc = perception_files(data_dir=data_dir)
    folder = data_dir / f"report-{generator_name()}-{size_label(n_events)}"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "eventlog.csv"
    if not target.exists():
        try:
            os.link(csv, target)
        except OSError:  # pragma: no cover - another file system
            import shutil  # noqa: PLC0415

            shutil.copyfile(csv, target)
    (folder / "perceived_manager.yaml").write_text(perc["yaml"].read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    (folder / "scenario.yaml").write_text(
        "name: Benchmark Groothandel\nlanguage: en\nhourly_rate: 45\ncurrency: EUR\n"
        "team_size: 30\nofficial_systems: [ERP]\nsystem: ERP\n", encoding="utf-8")
    return folder
