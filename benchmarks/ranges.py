"""What the ranges cost: on the 1M-event log and on a sample report's observations.

Run: ``python benchmarks/ranges.py`` (PYTHONPATH at the checkout). Prints, best of three:

* 1M events: ``hotspots`` in full, and the range work inside it on its own (bucketing every
  event into months/weeks five times, one per detector, plus a Student-t range per row);
* the wholesale sample: the range work the report adds (the person-day bootstrap inside
  ``hotspots`` - measured as the default 2,000 resamples against one - plus the report's
  extra calls: ``off_system`` for the key figure's range, ``category_shares`` for the chart's
  error bars, ``observation_plan`` for the appendix).

Targets (DESIGN.md): under 2 s on the 1M pipeline, under 3 s on a sample report.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import shadowing as sh  # noqa: E402
from shadowing.analysis import bootstrap as B  # noqa: E402
from shadowing.analysis import hotspot_period as P  # noqa: E402
from shadowing.analysis.timeuse import category_shares  # noqa: E402
from datasets import make_log  # noqa: E402


def best(fn, n: int = 3) -> float:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return min(out)


def main() -> None:
    log = sh.read_event_log(make_log(1_000_000))
    full = best(lambda: sh.hotspots(log, hourly_rate=45))
    la = P.log_arrays(log)
    events = np.arange(la.ev.n_events)
    rows = sh.hotspots(log, hourly_rate=45)

    def range_work():
        for _ in range(5):
            la.buckets(events)
        for _ in range(len(rows)):
            B.bucket_interval(10.0, np.arange(len(la.bucket_months)) + 1.0, la.bucket_months)
    ranges_1m = best(range_work)
    print(f"1M events: hotspots {full:.2f} s, of which ranges at most {ranges_1m:.3f} s "
          f"({len(rows)} rows, {len(la.bucket_months)} {la.bucket_unit}s)")

    folder = sh.sample_path("wholesale")
    obs = sh.read_observations(folder / "observations.csv")
    official = ["ERP", "Telefoon"]
    boot = (best(lambda: sh.hotspots(observations=obs, official_systems=official))
            - best(lambda: sh.hotspots(observations=obs, official_systems=official, n_boot=1)))
    extra = best(lambda: (sh.off_system(obs, official=official), category_shares(obs),
                          sh.observation_plan(obs, official=official)))
    print(f"sample report: bootstrap in hotspots {max(boot, 0):.3f} s, extra calls "
          f"{extra:.3f} s, together {max(boot, 0) + extra:.3f} s")


if __name__ == "__main__":
    main()
