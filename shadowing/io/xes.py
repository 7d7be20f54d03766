"""A small, fast XES reader (IEEE 1849) that keeps every event and its line in the file.

Only the attributes directly under ``<trace>`` (prefixed ``case:``) and ``<event>`` are read;
``<global>`` defaults, extensions and nested meta attributes are ignored. Case identifiers and
labels stay text (a trace named ``NA`` is a case called ``NA``).
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from .table import Table, open_maybe_gzip
from ..errors import InputError

_TYPED = {"string", "date", "int", "float", "boolean", "id"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def read_xes_table(path: Path, what: str = "event log") -> Table:
    try:
        from lxml import etree  # noqa: PLC0415
    except ImportError:  # pragma: no cover
        raise InputError("Reading XES needs lxml: pip install lxml") from None
    rows: list[dict] = []
    lines: list[int] = []
    n_traces = 0
    unnamed: list[int] = []        # first row of each trace without a name
    unnamed_pos: list[int] = []    # its position among the traces
    seen: dict[str, int] = {}
    dup_starts: list[tuple[int, str, int]] = []
    trace_starts: list[int] = []
    try:
        with open_maybe_gzip(path) as fh:
            context = etree.iterparse(fh, events=("end",), huge_tree=True, recover=False)
            for _, elem in context:
                tag = _local(elem.tag)
                if tag != "trace":
                    continue
                n_traces += 1
                trace_attrs = {}
                for child in elem:
                    ctag = _local(child.tag)
                    if ctag in _TYPED and child.get("key") is not None:
                        trace_attrs["case:" + child.get("key")] = _value(ctag, child.get("value"))
                name = trace_attrs.get("case:concept:name")
                if name is None or str(name).strip() == "":
                    unnamed.append(len(rows))
                    trace_attrs["case:concept:name"] = ""
                    unnamed_pos.append(n_traces)
                else:
                    seen[str(name)] = seen.get(str(name), 0) + 1
                    if seen[str(name)] > 1:
                        dup_starts.append((len(rows), str(name), seen[str(name)]))
                trace_starts.append(len(rows))
                for ev in elem:
                    if _local(ev.tag) != "event":
                        continue
                    row = dict(trace_attrs)
                    for child in ev:
                        ctag = _local(child.tag)
                        if ctag in _TYPED and child.get("key") is not None:
                            row[child.get("key")] = _value(ctag, child.get("value"))
                    rows.append(row)
                    lines.append(ev.sourceline or 0)
                elem.clear(keep_tail=False)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: not a well-formed XES (XML) file: {exc}", source=str(path)) from None
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(f"{path}: truncated or corrupt gzip file ({exc}); the XES cannot be read "
                         "to its end. Download or compress it again.", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read as XES: {exc}", source=str(path)) from None
    if not rows:
        raise InputError(f"{path}: the XES file has {n_traces} trace(s) but no events; expected "
                         f"at least one {what} event.", source=str(path))
    notes = _name_traces(rows, trace_starts, unnamed, unnamed_pos, seen, dup_starts)
    frame = pd.DataFrame.from_records(rows)
    for col in frame.columns:
        if frame[col].map(lambda v: isinstance(v, str) or v is None).all():
            frame[col] = frame[col].fillna("").astype(str)
    return Table(frame=frame, lines=np.asarray(lines), source=str(path), kind="xes",
                 notes=tuple(notes))


def _name_traces(rows, trace_starts, unnamed, unnamed_pos, seen, dup_starts) -> list[str]:
    """Traces are never merged: one without a name gets ``unnamed trace N`` (N its position,
    made unique against the named traces); a name used by several traces gets `` #2``,
    `` #3``... on its later traces."""
    notes = []
    bounds = dict(zip(trace_starts, trace_starts[1:] + [len(rows)]))
    taken = set(seen)
    for first, pos in zip(unnamed, unnamed_pos):
        name = f"unnamed trace {pos}"
        while name in taken:
            name += "'"
        taken.add(name)
        for r in range(first, bounds[first]):
            rows[r]["case:concept:name"] = name
    if unnamed:
        notes.append(f"{len(unnamed)} trace(s) without a name (concept:name) got the id "
                     f"'unnamed trace <position>'")
    for first, name, k in dup_starts:
        new = f"{name} #{k}"
        while new in taken:
            new += "'"
        taken.add(new)
        for r in range(first, bounds[first]):
            rows[r]["case:concept:name"] = new
    if dup_starts:
        notes.append(f"{len(dup_starts)} trace(s) repeat the name of an earlier trace; kept apart "
                     f"as '<name> #2', '#3'... (for example '{dup_starts[0][1]} #2')")
    return notes


def _value(kind: str, raw: str | None):
    if raw is None:
        return ""
    if kind == "date":
        return raw  # parsed by the timestamp reader (ISO 8601 with offset)
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            return raw
    if kind == "float":
        try:
            return float(raw)
        except ValueError:
            return raw
    if kind == "boolean":
        return raw.lower() == "true"
    return raw
