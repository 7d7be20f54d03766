"""Regenerate the README's tour pictures from the bundled samples.

Run from the repository root: ``.venv/bin/python docs/make_pictures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # a script, not the library: pick a non-interactive backend
import matplotlib.pyplot as plt  # noqa: E402
import yaml  # noqa: E402

import shadowing as sh  # noqa: E402
from shadowing.draw.diff_map import LEVELS  # noqa: E402
from shadowing.report.fit import fit_map  # noqa: E402
from shadowing.report.html import map_to_svg  # noqa: E402

OUT = Path("docs/img")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    folder = sh.sample_path("wholesale")
    scenario = yaml.safe_load((folder / "scenario.yaml").read_text(encoding="utf-8"))
    log = sh.read_event_log(folder / "eventlog.csv")
    obs = sh.read_observations(folder / "observations.csv")
    fr = sh.read_frustrations(folder / "frustrations.csv")
    table = sh.hotspots(log, observations=obs, frustrations=fr, hourly_rate=scenario["hourly_rate"],
                        official_systems=scenario["official_systems"],
                        team_size=scenario["team_size"])
    fig, ax = plt.subplots(figsize=(8, 4.2), layout="constrained")
    sh.plot_hotspots(table, top=8, ax=ax, lang="en")
    fig.savefig(OUT / "hotspots_pareto.png", dpi=110)
    plt.close(fig)
    sh.hotspot_map(log, table, top=5, lang="en", activities=0.95, paths=0.9).save(OUT / "hotspot_map.png")

    perceived = sh.read_perceived(folder / "perceived_team.yaml")
    comparison = sh.compare(perceived, log, observations=obs)   # three-way, as in the report
    fit_map(lambda a, p, s, e, i: comparison.map(lang="en", activities=a, paths=p, min_share=s,
                                                 ends_shown=e, implied=i),
            render=map_to_svg, levels=LEVELS)[0].save(OUT / "diff_map.png")   # as in the report

    fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    sh.plot_time_use(sh.time_use(obs, by="role"), ax=ax)
    fig.savefig(OUT / "time_use.png", dpi=110)
    plt.close(fig)


def report_pages() -> None:
    """The first page of the Dutch wholesale report (the director's page), and a real log's map
    as the report fits it to A4 (the sepsis log, when ../shared is beside the checkout)."""
    import subprocess  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        pdf = [p for p in sh.run_report(sh.sample_path("wholesale"), Path(tmp) / "out", lang="nl")
               if p.suffix == ".pdf"][0]
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(OUT / "report-first-page")], check=True)
    sepsis = Path("../shared/data/real/sepsis/sepsis.csv")
    if sepsis.exists():
        log = sh.read_event_log(sepsis)
        pmap = fit_map(lambda a, p: sh.process_map(log, activities=a, paths=p, lang="en"),
                       render=map_to_svg)[0]
        pmap.save(OUT / "map_sepsis.png")


if __name__ == "__main__":
    main()
    report_pages()
