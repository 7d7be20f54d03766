"""Where the bundled sample scenarios live."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from ..errors import InputError, did_you_mean

SAMPLES = ("wholesale", "crm", "construction")
#: The folders that `copy_samples` can copy: the samples and the blank field-work templates.
FOLDERS = SAMPLES + ("templates",)


def samples_dir() -> Path:
    """The folder of the bundled samples, shipped inside the package as package data.

    Found through `importlib.resources`, so it works after any install (wheel, editable, sdist).
    In a source checkout ``data/samples`` is a link to the same folder.
    """
    folder = Path(str(resources.files("shadowing.datasets") / "samples"))
    if not folder.is_dir():
        raise InputError(f"The bundled samples are missing from the installed package (looked in "
                         f"{folder}); reinstall shadowing.")
    return folder


def sample_path(name: str = "wholesale") -> Path:
    """The folder of a bundled sample scenario: ``wholesale``, ``crm`` or ``construction``."""
    if name not in SAMPLES:
        raise InputError(f"No sample called '{name}'; samples are: {', '.join(SAMPLES)}."
                         + did_you_mean(name, SAMPLES))
    return samples_dir() / name


def copy_samples(out, *, names=None) -> list[Path]:
    """Copy bundled sample folders (and the blank templates) into ``out``.

    Parameters
    ----------
    out : path-like
        Folder to copy into; each sample goes to ``out/<name>/``. Created when missing.
    names : sequence of str, optional
        Which folders: any of ``wholesale``, ``crm``, ``construction``, ``templates``
        (default: all of them).

    Returns
    -------
    list of Path
        The files written, in order.

    Raises
    ------
    InputError
        An unknown name (with a "did you mean").
    """
    names = tuple(names) if names else FOLDERS
    for name in names:
        if name not in FOLDERS:
            raise InputError(f"No sample called '{name}'; samples are: {', '.join(FOLDERS)}."
                             + did_you_mean(name, FOLDERS))
    out = Path(out)
    written = []
    for name in names:
        source = samples_dir() / name
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            target = out / name / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    return written
