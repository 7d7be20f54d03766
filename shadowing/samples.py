"""Where the bundled sample scenarios live."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, did_you_mean

SAMPLES = ("wholesale", "crm", "construction")


def samples_dir() -> Path:
    """The ``data/samples`` folder of the source tree the package was installed from."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "data" / "samples", here / "data" / "samples"):
        if candidate.is_dir():
            return candidate
    raise InputError("The bundled samples (data/samples) are not next to the installed package; "
                     "install shadowing from its source tree with 'pip install -e .'.")


def sample_path(name: str = "wholesale") -> Path:
    """The folder of a bundled sample scenario: ``wholesale``, ``crm`` or ``construction``."""
    if name not in SAMPLES:
        raise InputError(f"No sample called '{name}'; samples are: {', '.join(SAMPLES)}."
                         + did_you_mean(name, SAMPLES))
    return samples_dir() / name
