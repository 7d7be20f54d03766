"""Benchmark inputs: event logs at fixed sizes (CSV and Parquet), a perception, a report folder.

Logs come from the kit's own sample generator, `shadowing.generator.generate_log`, when it is
installed; otherwise from `standin_log` below (numpy only, same shape: about ten events per
case, 25 activities, roughly 30k variants per 100k cases). Everything is cached in
``benchmarks/data/`` (git-ignored) under a name that records the generator, so switching
generator regenerates the files.
"""

from __future__ import annotations

import importlib
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

ACTIVITIES = [
    "Order ontvangen", "Order registreren", "Klant controleren", "Krediet controleren",
    "Voorraad controleren", "Prijs bevestigen", "Order bevestigen", "Inkoop aanvragen",
    "Leverancier bellen", "Levering ontvangen", "Kwaliteit controleren", "Picken",
    "Inpakken", "Verzendlabel maken", "Transport boeken", "Verzenden", "Levering bevestigen",
    "Factuur maken", "Factuur versturen", "Herinnering sturen", "Betaling ontvangen",
    "Betaling boeken", "Klacht registreren", "Creditnota maken", "Order afsluiten",
]
SYSTEMS = ["ERP", "ERP", "CRM", "Excel", "ERP", "Excel", "e-mail", "ERP", "phone", "ERP",
           "paper", "ERP", "ERP", "ERP", "e-mail", "ERP", "phone", "ERP", "e-mail", "e-mail",
           "ERP", "Excel", "CRM", "ERP", "ERP"]
# the happy path the manager describes (indices into ACTIVITIES)
PERCEIVED_PATH = [0, 1, 3, 4, 6, 11, 15, 17, 20, 24]


# -- the generator ------------------------------------------------------------------------------

def generator_name() -> str:
    """``"generator"`` when shadowing.generator.generate_log exists, else ``"standin"``."""
    try:
        mod = importlib.import_module("shadowing.generator")
    except ImportError:
        return "standin"
    return "generator" if hasattr(mod, "generate_log") else "standin"


def make_log(n_events: int, *, seed: int = SEED) -> pd.DataFrame:
    """An export-like frame (string labels, datetime timestamps) of ``n_events`` rows."""
    if generator_name() == "generator":
        from shadowing.generator import generate_log  # noqa: PLC0415

        out = generate_log(n_events, seed=seed)
        frame = out.frame if hasattr(out, "frame") else out
        return pd.DataFrame(frame)
    return standin_log(n_events, seed=seed)


def _transition_matrix(rng: np.random.Generator, messy: bool) -> np.ndarray:
    """Row-stochastic 25x25 matrix: mostly forward, some skips, a little rework."""
    n = len(ACTIVITIES)
    P = np.zeros((n, n))
    for i in range(n - 1):
        nxt = PERCEIVED_PATH[PERCEIVED_PATH.index(i) + 1] if i in PERCEIVED_PATH else None
        if nxt is None:  # off-path activity: back to the path, forward
            later = [p for p in PERCEIVED_PATH if p > i]
            nxt = later[0]
        if messy:
            P[i, nxt] += 0.45
            for j, w in ((i + 1, 0.1), (i + 2, 0.15), (i + 3, 0.12), (i - 1, 0.08),
                         (rng.integers(i + 1, n), 0.1)):
                P[i, int(np.clip(j, 0, n - 1))] += w
        else:
            P[i, nxt] += 0.93
            P[i, min(i + 1, n - 1)] += 0.05
            P[i, max(i - 1, 0)] += 0.02
    P[n - 1, n - 1] = 1.0
    return P / P.sum(axis=1, keepdims=True)


def standin_log(n_events: int, *, seed: int = SEED) -> pd.DataFrame:
    """A synthetic order-to-cash export, vectorised with numpy (no loop per case or event).

    Columns: ``case_id``, ``activity``, ``timestamp``, ``resource``, ``system``. Each case walks
    a Markov chain over 25 activities from ``Order ontvangen`` to ``Order afsluiten``; half of
    cases follow the main path closely, half wander (skips, rework, detours). Waits between
    steps are log-normal, some edges (credit check, waiting for the supplier) much longer.
    """
    rng = np.random.default_rng(seed)
    n_act = len(ACTIVITIES)
    end = n_act - 1
    n_cases = max(1, int(n_events / 7.0) + 50)
    max_len = 24
    tidy, messy = _transition_matrix(rng, False), _transition_matrix(rng, True)
    is_messy = rng.random(n_cases) < 0.5
    cum = np.stack([tidy.cumsum(1), messy.cumsum(1)])  # (2, n, n)
    seq = np.full((n_cases, max_len), -1, dtype=np.int16)
    state = np.where(rng.random(n_cases) < 0.97, 0, 2).astype(np.int64)
    seq[:, 0] = state
    alive = np.ones(n_cases, dtype=bool)
    kind = is_messy.astype(np.int64)
    for step in range(1, max_len):
        u = rng.random(n_cases)
        rows = cum[kind, state]  # (n_cases, n)
        nxt = (u[:, None] > rows).sum(1).clip(0, n_act - 1)
        nxt = np.where(alive, nxt, -1)
        seq[:, step] = nxt
        done = alive & (nxt == end)
        state = np.where(alive, nxt, state)
        alive &= ~done
    # cases that never reached the end are closed anyway (abandoned orders are closed too)
    lengths = (seq >= 0).sum(1)
    still = alive
    seq[still, max_len - 1] = end
    lengths = np.where(still, max_len, lengths)

    # waits (minutes) per edge: log-normal around an edge-specific median
    med = np.exp(rng.uniform(np.log(5), np.log(240), size=(n_act, n_act)))
    med[3, 4] = 60 * 24        # waiting for the credit check
    med[8, 9] = 60 * 24 * 3    # waiting for the supplier
    med[18, 19] = 60 * 24 * 14  # invoice unpaid
    prev = np.where(np.arange(max_len)[None, :] > 0, np.roll(seq, 1, axis=1), -1)
    valid = (seq >= 0) & (prev >= 0)
    gaps = np.zeros(seq.shape)
    p, s = prev[valid], seq[valid]
    gaps[valid] = med[p, s] * rng.lognormal(0.0, 0.6, size=int(valid.sum()))
    start = pd.Timestamp("2025-01-06 08:00").value // 60_000_000_000 + rng.uniform(
        0, 365 * 24 * 60, n_cases)
    minutes = start[:, None] + np.cumsum(gaps, axis=1)

    mask = seq >= 0
    case_idx = np.broadcast_to(np.arange(n_cases)[:, None], seq.shape)[mask]
    acts = seq[mask].astype(np.int64)
    times = (minutes[mask] * 60).astype("int64") * 1_000_000_000
    # the exact number of events: cut the tail
    case_idx, acts, times = case_idx[:n_events], acts[:n_events], times[:n_events]
    n = len(acts)
    people = np.array([f"mw{i:02d}" for i in range(30)], dtype=object)
    pool = rng.integers(0, 30, size=(n_act, 4))
    res = pool[acts, rng.integers(0, 4, size=n)]
    return pd.DataFrame({
        "case_id": pd.Categorical.from_codes(case_idx, [f"ORD{i:07d}" for i in range(n_cases)]),
        "activity": pd.Categorical.from_codes(acts, ACTIVITIES),
        "timestamp": pd.to_datetime(times).floor("s"),
        "resource": pd.Categorical.from_codes(res, people),
        "system": pd.Categorical(np.asarray(SYSTEMS, dtype=object)[acts]),
    })


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
