"""The ``shadowing`` command: parses arguments and calls the Python API, nothing more.

::

    shadowing report [--data DIR] [--out DIR] [--lang nl|en] [--pdf/--no-pdf] [-p NAME VALUE]
    shadowing samples [--out DIR] [--only NAME ...]
    shadowing inspect DIR
    shadowing --version

Errors of the kit (the `ShadowingError` family) end the command with a one-line message on
stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Sequence

import yaml

from . import __version__
from .errors import ShadowingError
from .io import yamlsafe

log = logging.getLogger(__name__)


def _value(text: str):
    """``-p hourly_rate 55`` -> 55; YAML scalars and lists: ``[ERP, CRM]``, ``true``, ``2026-03-02``."""
    try:
        return yamlsafe.load(text, source="-p value")
    except yaml.YAMLError:
        return text


REPORT_EPILOG = """\
files it expects in DIR (any names: 'shadowing inspect DIR' shows what each is taken as;
only what is there is reported):
  scenario.yaml         client name, hourly_rate, official_systems, language (all optional)
  an event log          CSV, Excel, XES or Parquet with case, activity and timestamp columns
  observations.csv      shadowing notes: person, role, date, start, end, activity, tool, waste
  perceived_*.yaml      how a group says the work runs (or .bpmn, .pnml, an edge-list CSV)
  frustrations.csv      the irritation brainstorm: text, votes
  usage.csv, roster.csv after a go-live: who used the system when, and the team

defaults: the bundled wholesale sample, output in reports/<folder name>, HTML and PDF,
the language of scenario.yaml (else Dutch), people's names as pseudonyms.

examples:
  shadowing report
  shadowing report --data clients/van-dijk --lang en --hourly-rate 55
  shadowing report --data clients/van-dijk --no-pdf -p official_systems "[ERP, CRM]"
"""
INSPECT_EPILOG = """\
example:
  shadowing inspect data/samples/wholesale
"""
SAMPLES_EPILOG = """\
defaults: all samples and the templates, copied into ./samples

examples:
  shadowing samples
  shadowing samples --out ~/clients/try --only wholesale templates
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shadowing",
        description="Evidence for digital transformations: process maps, waste hotspots, "
                    "perceived vs actual process, adoption, and the client report.",
        epilog="example: shadowing report --data clients/van-dijk --lang en   "
               "('shadowing COMMAND --help' names the files each command expects)")
    parser.add_argument("--version", action="version", version=f"shadowing {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    rep = sub.add_parser("report", help="write the client report (HTML and PDF) for a data folder",
                         description="Run the report notebook on a data folder and write an HTML "
                                     "page and an A4 PDF without code.",
                         epilog=REPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    rep.add_argument("--data", metavar="DIR", type=Path, default=None,
                     help="folder with the client's files and scenario.yaml "
                          "(default: the bundled wholesale sample)")
    rep.add_argument("--out", metavar="DIR", type=Path, default=None,
                     help="where to write the report (default: reports/<data folder name>)")
    rep.add_argument("--lang", choices=("nl", "en"), default=None,
                     help="language of the report (default: 'language' in scenario.yaml, else nl)")
    rep.add_argument("--pdf", dest="pdf", action=argparse.BooleanOptionalAction, default=True,
                     help="also print an A4 PDF with headless Chromium (default: yes)")
    rep.add_argument("--html", dest="html", action=argparse.BooleanOptionalAction, default=True,
                     help="write the HTML page (default: yes)")
    rep.add_argument("--notebook", action="store_true",
                     help="also keep the executed notebook (for the analyst; holds code and paths)")
    rep.add_argument("--no-pseudonyms", dest="pseudonymise", action="store_false",
                     help="show people's real names (default: pseudonyms)")
    rep.add_argument("--hourly-rate", metavar="EUR", type=float, default=None,
                     help="loaded cost of an hour of the team's time, for the euros in the report "
                          "(default: 'hourly_rate' in scenario.yaml; without one the report shows "
                          "hours, not euros)")
    rep.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                     default=[], help="override a scenario.yaml value, e.g. -p hourly_rate 55")

    ins = sub.add_parser("inspect", help="show what each file in a data folder is taken as, and why",
                         description="List every file of a client folder with what the report "
                                     "would take it as (event log, observations, perception, "
                                     "frustrations, usage, roster), whether it is used, and why "
                                     "(its name, its columns or its content).",
                         epilog=INSPECT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ins.add_argument("folder", metavar="DIR", type=Path, help="the client's folder")

    smp = sub.add_parser("samples", help="copy the bundled sample folders and templates",
                         description="Copy the bundled samples (wholesale, crm, construction) and "
                                     "the blank field-work templates into a folder, to try the kit "
                                     "or to start a client folder.",
                         epilog=SAMPLES_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    smp.add_argument("--out", metavar="DIR", type=Path, default=Path("samples"),
                     help="where to copy them (default: ./samples)")
    smp.add_argument("--only", nargs="+", metavar="NAME", default=None,
                     help="only these samples: wholesale, crm, construction, templates")
    return parser


def _report(args) -> int:
    from .report.run import run_report  # noqa: PLC0415

    formats = [f for f, on in (("html", args.html), ("pdf", args.pdf), ("ipynb", args.notebook)) if on]
    params = {name: _value(value) for name, value in args.parameter}
    if args.hourly_rate is not None:
        params["hourly_rate"] = args.hourly_rate
    paths = run_report(args.data, args.out, lang=args.lang, formats=formats,
                       pseudonymise=args.pseudonymise, **params)
    for path in paths:
        print(path)
    return 0


def _inspect(args) -> int:
    from .io.folder import inspect_folder, nothing_usable_message, usable  # noqa: PLC0415

    table = inspect_folder(args.folder)
    width = max([len("file")] + [len(f) for f in table["file"]])
    print(f"{'file':<{width}}  {'taken as':<13} {'used':<5} why")
    for r in table.itertuples():
        why = r.why + (f": {r.detail}" if r.detail else "")
        print(f"{r.file:<{width}}  {(r.kind or '-'):<13} {'yes' if r.used else 'no':<5} {why}")
    if not usable(table):
        raise ShadowingError(nothing_usable_message(table, hint=False))
    return 0


def _samples(args) -> int:
    from .datasets.samples import copy_samples  # noqa: PLC0415

    for path in copy_samples(args.out, names=args.only):
        print(path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``shadowing`` console script; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "report":
            return _report(args)
        if args.command == "inspect":
            return _inspect(args)
        return _samples(args)
    except ShadowingError as exc:
        message = " ".join(str(exc).split())
        print(f"shadowing {args.command}: {message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `shadowing report | head`: the reader went away
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return 0
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP during a report (cleaned up)
        print(f"shadowing {args.command}: interrupted", file=sys.stderr)
        logging.disable(logging.CRITICAL)  # the process ends: no late 'Task exception' noise
        return 128 + int(getattr(exc, "signum", 2))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
