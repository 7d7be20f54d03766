"""Regenerate the README pictures of "Measure the change" from the construction sample.

Run from the repository root: ``.venv/bin/python docs/make_change_pictures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # a script, not the library: pick a non-interactive backend
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import shadowing as sh  # noqa: E402

OUT = Path("docs/readme/img")
FIRM = "Wouters Bouw"


def main() -> None:
    folder = sh.sample_path("construction")
    before = sh.read_event_log(folder / "eventlog.csv").frame
    after = sh.read_event_log(folder / "eventlog_after.csv").frame
    firm_of = pd.read_csv(folder / "observations.csv").groupby("person")["firm"].first()
    obs = {name: sh.read_observations(folder / f"{name}.csv").frame
           for name in ("observations", "observations_after")}
    obs = {k: v[v["person"].map(firm_of) == FIRM] for k, v in obs.items()}
    pc = sh.compare_periods(before[before["firm"] == FIRM], after[after["firm"] == FIRM],
                            observations_before=obs["observations"],
                            observations_after=obs["observations_after"],
                            official_systems="BouwPlan", transitions=8, seed=0)
    fig, ax = plt.subplots(figsize=(8, 5.2), layout="constrained")
    sh.plot_period_comparison(pc, ax=ax, lang="en", title=f"{FIRM}: before and after")
    fig.savefig(OUT / "period_comparison.png", dpi=110)
    plt.close(fig)
    pc.delta_map(lang="en", min_count=20).save(OUT / "delta_map.png", dpi=80)


if __name__ == "__main__":
    main()
