"""Write the bundled samples (``shadowing/datasets/samples/``) and the blank field-work templates.

Developer-only (not installed): ``make samples`` or ``python tools/samples/build.py``. The
scenarios are built in ``scenarios.py`` on the kit's simulation engine
(`shadowing.datasets.generator`); fixed seeds make the files byte-identical on every run.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``samples`` importable as a package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "samples"

from . import scenarios  # noqa: E402

log = logging.getLogger(__name__)

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shadowing" / "datasets" / "samples"

# ------------------------------------------------------------------------------------------
# the bundled samples and the field-work templates
# ------------------------------------------------------------------------------------------

SCENARIOS = ("wholesale", "crm", "construction")


def templates() -> dict[str, bytes]:
    """Blank field-work templates: a header row and one example row each (English headers)."""
    obs = ("observer,person,role,date,start,end,duration,activity,case,tool,waste,frustration,severity\n"
           "Sanne de Vries,P01,Inside sales,03/02/2026,9:05,9:12,,Check stock,SO-1042,Excel,"
           "system switch,stock list does not match the ERP,3\n")
    perceived = (
        "# How a group says the work runs. Only name, told_by and steps are required.\n"
        "name: Phone order (sales team)\n"
        "told_by: Inside sales, workshop 8 January 2026\n"
        "steps:                       # in the order they happen\n"
        "  - Take call\n"
        "  - Check stock\n"
        "  - Confirm\n"
        "  - Enter order\n"
        "flows:                       # optional; default: the steps in order\n"
        "  - [Take call, Check stock]\n"
        "  - [Check stock, Confirm]\n"
        "  - [Confirm, Enter order]\n"
        "start: [Take call]           # optional; default: the first step\n"
        "end: [Enter order]           # optional; default: the last step\n"
        "durations:                   # optional: per step or per flow 'A → B'\n"
        "  Check stock: 2 min\n"
        "  Take call → Enter order: 6 min\n"
        "aliases:                     # optional: perceived step -> activity names in the log\n"
        "  Check stock: [Check stock in ERP]\n"
        "optional: []                 # optional: steps that may be skipped\n"
        "alternatives: []             # optional: lists of steps of which exactly one happens\n")
    frus = ("id,text,votes,activity,system,role\n"
            "1,I type every order twice: in the ERP and in the warehouse sheet,7,Enter order,Excel,"
            "Inside sales\n")
    roster = ("user,name,team,firm,role,start_date,leave_date\n"
              "mjansen,Marieke Jansen,Sales,,Inside sales,2019-04-01,\n")
    return {"observations.csv": obs.encode("utf-8"), "perceived.yaml": perceived.encode("utf-8"),
            "frustrations.csv": frus.encode("utf-8"), "roster.csv": roster.encode("utf-8")}


def sample_files(name: str) -> dict[str, bytes]:
    """The files of one bundled scenario (or ``"templates"``), as ``{file name: bytes}``."""
    if name == "templates":
        return templates()
    if name not in SCENARIOS:
        raise ValueError(f"unknown sample {name!r}; expected one of {', '.join(SCENARIOS)}")
    return getattr(scenarios, name)()


def write_samples(folder, *, names=SCENARIOS + ("templates",)) -> list[Path]:
    """Write the bundled scenarios and the templates under ``folder`` (``data/samples``).

    Each scenario goes to ``folder/<name>/``; the templates to ``folder/templates/``.
    Deterministic: the same bytes on every run. Returns the paths written.
    """
    folder = Path(folder)
    written = []
    for name in names:
        target = folder / name
        target.mkdir(parents=True, exist_ok=True)
        for fname, data in sample_files(name).items():
            path = target / fname
            path.write_bytes(data)
            written.append(path)
        log.info("wrote %s", target)
    return written


def main(argv=None) -> int:
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="python tools/samples/build.py",
                                     description="Write the bundled samples and templates.")
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--only", nargs="*", default=None,
                        help="only these samples (wholesale, crm, construction, templates)")
    args = parser.parse_args(argv)
    names = tuple(args.only) if args.only else SCENARIOS + ("templates",)
    paths = write_samples(args.folder, names=names)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    log.info("%d files written under %s", len(paths), args.folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
