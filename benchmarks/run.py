"""Speed and memory of shadowing, side by side with pm4py: ``python benchmarks/run.py``.

Writes ``benchmarks/RESULTS.md`` (and ``results.json`` beside it). Every job runs in a fresh
subprocess: the set-up (imports, reading the input the job starts from) is not timed; the job
itself is run several times and the median wall time is reported, together with the process's
peak resident memory while the job ran (the peak is reset before each run through
``/proc/self/clear_refs``, so it is the job's own high-water mark on top of what the process
already held, and ``own`` is that peak minus the resident memory just before the run).

Usage::

    python benchmarks/run.py                 # 100k, 1M and 5M events (tens of minutes)
    python benchmarks/run.py --smoke         # 10k events, one run each (under a minute),
                                             # written to benchmarks/data/smoke/
    python benchmarks/run.py --sizes 1M --jobs dfg,variants --update   # rerun some rows

The logs are generated once and cached in ``benchmarks/data/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import datasets  # noqa: E402
import jobs as J  # noqa: E402

log = logging.getLogger("benchmarks")

SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "5M": 5_000_000,
         "20M": 20_000_000, "100M": 100_000_000}
FULL_SIZES = ("100k", "1M", "5M")
RUNS = {"10k": 1, "100k": 5, "1M": 3, "5M": 1, "20M": 1, "100M": 1}
#: (size, job, side) left out of the full run, with the reason shown in RESULTS.md: at 5M,
#: token replay through pm4py takes many minutes per call (its growth is shown from 100k to 1M).
SKIP = {("5M", "pipeline", "pm4py"): "skipped at 5M (minutes of token replay; see 1M)",
        ("5M", "compare_bpmn", "pm4py"): "skipped at 5M (the same replay as the YAML row)",
        ("100M", "map_variants_pandas", "shadowing"):
            "not run: the whole log in pandas needs about 40 GB (this machine has 24)",
        ("100M", "map_variants_pandas", "pm4py"): "not run: the same",
        ("20M", "map_variants_pandas", "pm4py"): "skipped at 20M (see 5M)"}
REPORT_SIZE = "1M"
REPORT_RUNS = 2
TARGETS_NOTE = "../shared/DESIGN.md, section Targets"


# -- the child: one job, one size, several runs -------------------------------------------------

def _status_kb() -> dict[str, int]:
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmRSS", "VmHWM")):
                key, val = line.split(":")
                out[key] = int(val.split()[0])
    return out


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def child(job_key: str, side: str, ctx: dict, runs: int) -> dict:
    """Run one job ``runs`` times in this (fresh) process; return times and memory."""
    import resource  # noqa: PLC0415

    import pandas  # noqa: F401, PLC0415

    import shadowing  # noqa: F401, PLC0415

    if side == "pm4py":
        from shadowing._pm4py import pm4py  # noqa: PLC0415

        pm4py()
    after_imports = _status_kb()["VmRSS"]
    job = J.BY_KEY[job_key]
    factory = job.ours if side == "shadowing" else job.theirs
    try:
        fn = factory(ctx)
    except J.NotAvailable as exc:
        return {"status": "not available yet", "detail": str(exc)}
    except Exception as exc:  # noqa: BLE001 - reported in RESULTS.md
        return {"status": "error", "detail": f"set-up: {type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc()}
    gc.collect()
    after_setup = _status_kb()["VmRSS"]
    times, cpus, peaks, bases = [], [], [], []
    resettable = True
    for _ in range(runs):
        gc.collect()
        resettable = _reset_peak() and resettable
        base = _status_kb()["VmRSS"]
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001
            return {"status": "error", "detail": f"{type(exc).__name__}: {exc}",
                    "traceback": traceback.format_exc()}
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        peak = _status_kb()["VmHWM"] if resettable else \
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peaks.append(peak)
        bases.append(base)
        del result
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"status": "ok", "times": times, "cpu_s": cpus, "peak_kb": peaks, "base_kb": bases,
            "imports_kb": after_imports, "setup_kb": after_setup, "children_peak_kb": kids,
            "peak_reset": resettable}


def run_child(job_key: str, side: str, ctx: dict, runs: int, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", job_key, side,
           "--ctx", json.dumps(ctx), "--runs", str(runs)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "TQDM_DISABLE": "1",
           "PM4PY_SHOW_PROGRESS_BAR": "false"}
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                              cwd=ctx["scratch"])
    except subprocess.TimeoutExpired:
        return {"status": "error", "detail": f"timed out after {timeout:.0f} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return {"status": "error",
                "detail": f"subprocess exit {proc.returncode}: " + " | ".join(tail)}
    out = json.loads(lines[-1])
    out["subprocess_s"] = time.perf_counter() - t0
    out["load_after"] = os.getloadavg()[0]
    return out


# -- the parent ---------------------------------------------------------------------------------

def _median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def summarise(raw: dict) -> dict:
    """Median time, peak and own memory (MB) of a child's result."""
    if raw.get("status") != "ok":
        return raw
    peak = max(raw["peak_kb"])
    if raw.get("children_peak_kb"):
        peak_total = max(peak, raw["children_peak_kb"])
    else:
        peak_total = peak
    own = max(p - b for p, b in zip(raw["peak_kb"], raw["base_kb"]))
    return {**raw, "median_s": _median(raw["times"]), "runs": len(raw["times"]),
            "peak_mb": peak / 1024, "own_mb": own / 1024, "peak_with_children_mb": peak_total / 1024,
            "imports_mb": raw["imports_kb"] / 1024, "setup_mb": raw["setup_kb"] / 1024}


def measure(sizes, job_keys, *, regenerate=False, runs_override, with_pm4py, timeout, scratch, results, save):
    perc = datasets.perception_files()
    measured: dict = {}
    smoke = sizes == ["10k"]
    for label in sizes:
        n = SIZES[label]
        t0 = time.perf_counter()
        files = datasets.log_files(n, regenerate=regenerate)
        log.info("%s: data ready in %.1f s", label, time.perf_counter() - t0)
        ctx = {"csv": str(files["csv"]), "parquet": str(files["parquet"]),
               "yaml": str(perc["yaml"]), "bpmn": str(perc["bpmn"]), "scratch": str(scratch),
               "size": label, "columns": datasets.log_facts(n).get("columns", [])}
        runs = runs_override or RUNS[label]
        block = results["sizes"].setdefault(label, {"events": n, "jobs": {}})
        block["facts"] = datasets.log_facts(n)
        for job in J.JOBS:
            if job.key not in job_keys:
                continue
            if job.only_size == "report" and label != results["report_size"]:
                continue
            if job.only_size == "report":
                ctx = {**ctx, "report_dir": str(datasets.report_folder(n))}
            r = min(runs, REPORT_RUNS) if job.only_size == "report" else runs
            entry = {}
            for side, factory in (("shadowing", job.ours), ("pm4py", job.theirs)):
                if factory is None or (side == "pm4py" and not with_pm4py):
                    continue
                if (label, job.key, side) in SKIP and not smoke:
                    entry[side] = {"status": "skipped", "detail": SKIP[(label, job.key, side)]}
                    continue
                same = measured.get((label, side, factory))
                if same is not None:  # the very same call was measured for another row
                    entry[side] = {**same, "same_as": same.get("job")}
                    continue
                log.info("%s %-13s %-9s x%d ...", label, job.key, side, r)
                res = summarise(run_child(job.key, side, ctx, r, timeout))
                res["job"] = job.key
                if res.get("status") == "ok":
                    measured[(label, side, factory)] = res
                entry[side] = res
                if res.get("status") == "ok":
                    log.info("    %.3f s median, peak %.0f MB (own %.0f MB)", res["median_s"],
                             res["peak_with_children_mb"], res["own_mb"])
                else:
                    log.info("    %s: %s", res.get("status"), res.get("detail"))
            block["jobs"][job.key] = entry
            save()


# -- RESULTS.md ---------------------------------------------------------------------------------

def _fmt_s(x):
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 10 else f"{x:.1f}"


def _fmt_mb(x):
    return "–" if x is None else f"{x:,.0f}"


def _cell(res, what):
    if not res:
        return "–"
    if res.get("status") != "ok":
        if res.get("status") == "skipped":
            return res.get("detail", "skipped") if what == "s" else ""
        return res.get("status", "?") if what == "s" else ""
    if what == "s":
        return _fmt_s(res["median_s"])
    if what == "mem":
        return f"{_fmt_mb(res['peak_with_children_mb'])} ({_fmt_mb(res['own_mb'])})"
    return ""


BY_WHAT = {j.key: j.key.replace("_", " ") for j in J.JOBS}


def _ok(res):
    return bool(res) and res.get("status") == "ok"


def _get(results, size, key, side="shadowing"):
    return results["sizes"].get(size, {}).get("jobs", {}).get(key, {}).get(side)


def targets(results) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) rows, from DESIGN.md's Targets."""
    rows = []
    smoke = results.get("smoke")

    def verdict(ok):
        return "met" if ok else "**MISSED**"

    def missing(res, size):
        if size not in results["sizes"]:
            return "not measured (size not run" + (": smoke run)" if smoke else ")")
        if not res:
            return "not measured"
        return f"{res.get('status')}: {res.get('detail', '')}"[:160]

    p1 = _get(results, "1M", "pipeline")
    if _ok(p1):
        rows.append(("1M-event pipeline (read CSV + process map + hotspots + compare) < 10 s",
                     f"{_fmt_s(p1['median_s'])} s", verdict(p1["median_s"] < 10)))
        rows.append(("1M-event pipeline peak memory < 1 GB",
                     f"{_fmt_mb(p1['peak_mb'])} MB", verdict(p1["peak_mb"] < 1024)))
    else:
        for t in ("1M-event pipeline (read CSV + process map + hotspots + compare) < 10 s",
                  "1M-event pipeline peak memory < 1 GB"):
            rows.append((t, missing(p1, "1M"), "open"))
    for size in ("1M", "5M"):
        ours, theirs = _get(results, size, "dfg"), _get(results, size, "dfg", "pm4py")
        t = f"directly-follows statistics >= 3x faster than pm4py ({size})"
        if _ok(ours) and _ok(theirs):
            ratio = theirs["median_s"] / ours["median_s"]
            rows.append((t, f"{ratio:.1f}x ({_fmt_s(ours['median_s'])} s vs "
                            f"{_fmt_s(theirs['median_s'])} s)", verdict(ratio >= 3)))
        else:
            rows.append((t, missing(ours if not _ok(ours) else theirs, size), "open"))
    five = results["sizes"].get("5M", {}).get("jobs", {})
    peaks = [(k, e["shadowing"]["peak_with_children_mb"]) for k, e in five.items()
             if _ok(e.get("shadowing"))]
    if "pipeline" in five and _ok(five["pipeline"].get("shadowing")):
        worst = max(peaks, key=lambda kv: kv[1])
        rows.append(("5M events in < 4 GB (every job, pipeline included)",
                     f"highest peak {_fmt_mb(worst[1])} MB ({worst[0]})",
                     verdict(worst[1] < 4096)))
    else:
        rows.append(("5M events in < 4 GB", missing(five.get("pipeline", {}).get("shadowing"),
                                                    "5M"), "open"))
    c1 = _get(results, "1M", "compare_yaml")
    facts = results["sizes"].get("1M", {}).get("facts", {})
    t = (f"compare on 1M events ({facts.get('variants', '?'):,} variants) in a few seconds (< 5 s)"
         if isinstance(facts.get("variants"), int) else "compare on 1M events in a few seconds")
    if _ok(c1):
        rows.append((t, f"{_fmt_s(c1['median_s'])} s", verdict(c1["median_s"] < 5)))
    else:
        rows.append((t, missing(c1, "1M"), "open"))
    f1 = _get(results, "1M", "fitness")
    t = "the same, including `.fitness` (token replay) (< 5 s)"
    if _ok(c1) and _ok(f1):
        total = c1["median_s"] + f1["median_s"]
        rows.append((t, f"{_fmt_s(total)} s (fitness alone {_fmt_s(f1['median_s'])} s)",
                     verdict(total < 5)))
    else:
        rows.append((t, missing(f1 if _ok(c1) else c1, "1M"), "open"))
    # the engines (issue 19): DuckDB from Parquet against the pandas path, and at 100M events
    duck, pand = _get(results, "5M", "map_variants_duckdb"), _get(results, "5M",
                                                                   "map_variants_pandas")
    t = "DuckDB at 5M at least as fast as the pandas path (Parquet → map + variants)"
    if _ok(duck) and _ok(pand):
        rows.append((t, f"{_fmt_s(duck['median_s'])} s vs {_fmt_s(pand['median_s'])} s",
                     verdict(duck["median_s"] <= pand["median_s"])))
    else:
        rows.append((t, missing(duck if not _ok(duck) else pand, "5M"), "open"))
    big = _get(results, "100M", "map_variants_duckdb")
    t = "100M events: map statistics and variants through DuckDB from Parquet < 3 min, < 4 GB"
    if _ok(big):
        rows.append((t, f"{_fmt_s(big['median_s'])} s, peak {_fmt_mb(big['peak_mb'])} MB",
                     verdict(big["median_s"] < 180 and big["peak_mb"] < 4096)))
    else:
        rows.append((t, missing(big, "100M"), "open"))
    return rows


def growth(results) -> list[str]:
    """One line per job: how time and peak memory grow between consecutive sizes."""
    sizes = [s for s in SIZES if s in results["sizes"]]
    lines = []
    for job in J.JOBS:
        for side in ("shadowing", "pm4py"):
            pts = [(SIZES[s], _get(results, s, job.key, side)) for s in sizes]
            pts = [(n, r) for n, r in pts if _ok(r)]
            if len(pts) < 2:
                continue
            parts = []
            for (n1, r1), (n2, r2) in zip(pts, pts[1:]):
                k = math.log(max(r2["median_s"], 1e-9) / max(r1["median_s"], 1e-9)) / \
                    math.log(n2 / n1)
                km = math.log(max(r2["own_mb"], 1) / max(r1["own_mb"], 1)) / math.log(n2 / n1)
                parts.append(f"{datasets.size_label(n1)}→{datasets.size_label(n2)}: time "
                             f"×{r2['median_s'] / max(r1['median_s'], 1e-9):.1f} (exponent "
                             f"{k:.2f}), own memory exponent {km:.2f}")
            name = job.what if side == "shadowing" else f"pm4py {job.theirs_what}"
            lines.append(f"- **{name}**: " + "; ".join(parts))
    return lines


def write_markdown(results, path: Path) -> None:
    meta = results["meta"]
    out = ["# Benchmark results", ""]
    if results.get("smoke"):
        out += ["**Smoke run** (10k events, one run per job): it only shows that the harness "
                "works; the numbers mean nothing.", ""]
    out += [f"Measured {meta['date']} on {meta['machine']} with Python {meta['python']}, "
            f"pandas {meta['pandas']}, numpy {meta['numpy']}, pm4py {meta['pm4py']}; shadowing "
            f"commit `{meta['commit']}`. Logs from {meta['generator']}. Command: "
            f"`{meta['command']}`.", "",
            "## Targets", "", f"From {TARGETS_NOTE}.", "",
            "| target | measured | verdict |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in targets(results)]
    out += [""]
    for label, block in results["sizes"].items():
        f = block.get("facts", {})
        facts = ", ".join(x for x in (
            f"{f['cases']:,} cases" if "cases" in f else "",
            f"{f['variants']:,} variants" if "variants" in f else "",
            f"{len(f.get('activities', [])) or f.get('n_activities', '?')} activities",
            f"CSV {f['csv_bytes'] / 1e6:,.0f} MB" if "csv_bytes" in f else "",
            f"Parquet {f['parquet_bytes'] / 1e6:,.0f} MB" if "parquet_bytes" in f else "",
        ) if x)
        out += [f"## {label} events ({block['events']:,} events; {facts})", "",
                "Time: median wall seconds over the runs (runs in brackets). Memory: peak resident "
                "MB of the job's process while the job ran (in brackets: the job's own part, peak "
                "minus what the process held before the run). Speed-up: pm4py time ÷ shadowing "
                "time.", "",
                "| job | shadowing s | shadowing MB | pm4py equivalent | pm4py s | pm4py MB | "
                "speed-up |", "|---|---:|---:|---|---:|---:|---:|"]
        for job in J.JOBS:
            e = block["jobs"].get(job.key)
            if e is None:
                continue
            ours, theirs = e.get("shadowing"), e.get("pm4py")
            ratio = (f"{theirs['median_s'] / ours['median_s']:.1f}x"
                     if _ok(ours) and _ok(theirs) else "–")
            runs = f" ({ours['runs']})" if _ok(ours) else ""
            name = job.what
            if ours and ours.get("status") not in ("ok", None, "not available yet", "skipped"):
                name += f" — {ours['status']}: {ours.get('detail', '')[:140]}"
            tname = job.theirs_what or "–"
            if _ok(theirs) and theirs.get("same_as") and theirs["same_as"] != job.key:
                tname += f" (the same call as the {BY_WHAT[theirs['same_as']]} row)"
            if theirs and theirs.get("status") not in ("ok", None, "not available yet", "skipped"):
                tname += f" — {theirs['status']}: {theirs.get('detail', '')[:140]}"
            out.append(f"| {name} | {_cell(ours, 's')}{runs} | {_cell(ours, 'mem')} | {tname} | "
                       f"{_cell(theirs, 's')} | {_cell(theirs, 'mem')} | {ratio} |")
        out.append("")
    g = growth(results)
    if g:
        out += ["## How the cost grows with size", "",
                "Exponent k in time ∝ events^k between consecutive sizes (1 = linear).", ""] + g + [""]
    out += ["## Method", "",
            "- Each job runs in a fresh Python subprocess. Untimed set-up: imports (pandas, "
            "shadowing; for pm4py jobs also pm4py) and the input the job starts from (for the "
            "analysis jobs, the canonical log read from Parquet; pm4py gets that very frame, "
            "`EventLog.frame`). Reading jobs start from the file (warm OS page cache).",
            "- Peak memory: the process's high-water resident set (`VmHWM`, the same figure as "
            "`getrusage(RUSAGE_SELF).ru_maxrss`), reset before every run by writing 5 to "
            "`/proc/self/clear_refs`. It includes the interpreter, the imports and the input "
            "held in memory, so a job's MB figure is what a user's process needs to run it. "
            "The bracketed *own* figure subtracts the resident memory just before the run. "
            "For the report, whose notebook runs in a kernel subprocess, the peak is the larger "
            "of the job's process and its biggest child (`RUSAGE_CHILDREN`).",
            "- The pipeline target is measured on the `pipeline` row: one process that imports "
            "shadowing, reads the CSV, builds the performance process map (with its DOT "
            "source), ranks hotspots and compares against the YAML perception.",
            "- `compare` rows time the comparison as the report uses it: statuses, exact "
            "conformance per variant, deviations. `Comparison.fitness` is lazy (computed on first "
            "access, through pm4py's token replay) and has its own row; the pipeline leaves it "
            "out, as the report does.",
            "- pm4py's token replay runs on a Petri net converted from the BPMN twin of the YAML "
            "perception (`benchmarks/data/perceived_manager.bpmn`, the same steps and flows).",
            f"- Runs per size: {', '.join(f'{k} {v}' for k, v in RUNS.items() if k in results['sizes'])}"
            f"; the report {REPORT_RUNS}.",
            f"- Machine: {meta['machine']}.", ""]
    findings = HERE / "FINDINGS.md"
    if findings.exists():  # the profiles and fixes behind the numbers, kept by hand
        out += [findings.read_text(encoding="utf-8").rstrip(), ""]
    path.write_text("\n".join(out), encoding="utf-8")


def _meta(command: str) -> dict:
    import numpy  # noqa: PLC0415
    import pandas  # noqa: PLC0415

    try:
        from importlib.metadata import version  # noqa: PLC0415

        pm4py_version = version("pm4py")
    except Exception:  # noqa: BLE001  # pragma: no cover
        pm4py_version = "?"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip() or "?"
    except OSError:  # pragma: no cover
        commit = "?"
    try:
        import psutil  # noqa: PLC0415

        mem = f"{psutil.virtual_memory().total / 2**30:.0f} GB RAM"
    except ImportError:  # pragma: no cover
        mem = ""
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:  # pragma: no cover
        pass
    gen = datasets.generator_name()
    return {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "machine": f"{os.cpu_count()} cores ({cpu}), {mem}, {platform.system()}",
            "python": platform.python_version(), "pandas": pandas.__version__,
            "numpy": numpy.__version__, "pm4py": pm4py_version, "commit": commit,
            "generator": ("shadowing.datasets.generator.generate_log" if gen == "generator" else
                          "the stand-in generator in benchmarks/datasets.py "
                          "(shadowing.datasets.generator not available yet)"),
            "command": command}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smoke", action="store_true", help="10k events, one run per job")
    ap.add_argument("--out", type=Path, default=None,
                    help="folder for RESULTS.md/results.json (default benchmarks/; with --smoke "
                         "benchmarks/data/smoke/, so a smoke run never overwrites the results)")
    ap.add_argument("--data", type=Path, default=datasets.DATA,
                    help="folder for the generated logs (cached; default benchmarks/data)")
    ap.add_argument("--regenerate", action="store_true",
                    help="write the logs afresh (after a change to the generator)")
    ap.add_argument("--sizes", help="comma list of " + ",".join(SIZES)
                    + " (20M and 100M: copies of the 5M log, Parquet only, for the engine rows)")
    ap.add_argument("--jobs", help="comma list of " + ",".join(J.BY_KEY))
    ap.add_argument("--runs", type=int, help="runs per job (default by size)")
    ap.add_argument("--no-pm4py", action="store_true", help="skip the pm4py side")
    ap.add_argument("--update", action="store_true",
                    help="merge into the existing results.json instead of starting afresh")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per job subprocess")
    ap.add_argument("--render", action="store_true",
                    help="only rewrite RESULTS.md from results.json (after editing FINDINGS.md)")
    ap.add_argument("--child", nargs=2, metavar=("JOB", "SIDE"), help=argparse.SUPPRESS)
    ap.add_argument("--ctx", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        res = child(args.child[0], args.child[1], json.loads(args.ctx), args.runs or 1)
        sys.stdout.write("\n" + json.dumps(res) + "\n")
        return 0

    if args.out is None:
        args.out = args.data / "smoke" if args.smoke else HERE
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    if args.render:
        write_markdown(json.loads((args.out / "results.json").read_text()), args.out / "RESULTS.md")
        return 0
    sizes = (args.sizes.split(",") if args.sizes else ["10k"] if args.smoke else list(FULL_SIZES))
    for s in sizes:
        if s not in SIZES:
            ap.error(f"unknown size {s!r}; sizes are {', '.join(SIZES)}")
    job_keys = args.jobs.split(",") if args.jobs else list(J.BY_KEY)
    for k in job_keys:
        if k not in J.BY_KEY:
            ap.error(f"unknown job {k!r}; jobs are {', '.join(J.BY_KEY)}")
    runs = args.runs or (1 if args.smoke else None)
    datasets.DATA = args.data
    args.out.mkdir(parents=True, exist_ok=True)
    json_path, md_path = args.out / "results.json", args.out / "RESULTS.md"
    command = "python benchmarks/run.py" + (" " + " ".join(argv if argv is not None
                                                           else sys.argv[1:])).rstrip()
    results = {"sizes": {}}
    if args.update and json_path.exists():
        results = json.loads(json_path.read_text())
    previous = results.get("meta", {}).get("command")
    results["meta"] = _meta(command)
    if args.update and previous:
        results["meta"]["command"] = f"{previous}`, then `{command}"
    results["smoke"] = bool(args.smoke)
    results["report_size"] = "10k" if args.smoke else REPORT_SIZE
    results["sizes"] = {k: results["sizes"][k] for k in SIZES if k in results["sizes"]} \
        if results["sizes"] else {}

    def save():
        ordered = {k: results["sizes"][k] for k in SIZES if k in results["sizes"]}
        results["sizes"] = ordered
        json_path.write_text(json.dumps(results, indent=1, default=str))
        write_markdown(results, md_path)

    with tempfile.TemporaryDirectory(prefix="shadowing-bench-") as scratch:
        measure(sizes, job_keys, regenerate=args.regenerate, runs_override=runs, with_pm4py=not args.no_pm4py,
                timeout=args.timeout, scratch=Path(scratch), results=results, save=save)
    save()
    log.info("wrote %s", md_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
