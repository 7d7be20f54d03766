"""Reading tabular inputs (CSV, Excel, Parquet, XES, DataFrame) into text, once, at the edge.

Every reader of the kit (event logs, observations, perceived processes as edge lists,
frustrations, usage logs, rosters) starts here. `read_table` returns a `Table`: the cells as
text (``str``, never a missing value: the string ``NA`` stays ``"NA"``; empty cells are ``""``),
except cells that a typed format already holds as dates or numbers (Excel, Parquet, XES), plus
the line of the source each row came from, so a rejected row can be named exactly.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import logging
import os
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, did_you_mean
from .table import Table, open_maybe_gzip
from .xes import read_xes_table

log = logging.getLogger(__name__)

ENCODINGS = ("utf-8-sig", "cp1252")
DELIMITERS = (";", ",", "\t", "|")

_MAGIC = {
    b"PK\x03\x04": "an Excel workbook or another zip file",
    b"PAR1": "a Parquet file",
    b"\x1f\x8b": "a gzip-compressed file",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) or Word file",
    b"\x89PNG": "a PNG image",
}




def source_name(source: Any) -> str:
    """A short name for messages: the file name, or ``'DataFrame'``."""
    if isinstance(source, pd.DataFrame):
        return "DataFrame"
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else type(source).__name__


def detect_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".xes", ".xes.gz")):
        return "xes"
    if name.endswith((".xlsx", ".xlsm")):
        return "excel"
    if name.endswith(".xls"):
        return "xls"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    if name.endswith((".bpmn", ".bpmn2", ".bpmn20.xml")):
        return "bpmn"
    return "csv"


def _check_file(path: Path) -> None:
    if not path.exists():
        parent = path.parent if str(path.parent) else Path(".")
        hint = ""
        if parent.is_dir():
            hint = did_you_mean(path.name, [p.name for p in parent.iterdir()])
        raise InputError(f"{path}: file not found.{hint}", source=str(path))
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a file.", source=str(path))
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty (0 bytes); expected a header row and data rows.",
                         source=str(path))


def read_table(source: Any, *, what: str = "table", sheet: str | int | None = None,
               kind: str | None = None) -> Table:
    """Read ``source`` (a path or a DataFrame) into a `Table` of text cells.

    Parameters
    ----------
    source : str, path or DataFrame
    what : str
        What the file is, for messages ("event log", "observations", ...).
    sheet : str or int, optional
        Excel sheet name or 0-based position; default the first sheet.
    kind : {"csv", "excel", "parquet", "xes"}, optional
        Override the kind deduced from the file name.
    """
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        frame.columns = _unique_names([str(c) for c in frame.columns], "DataFrame", [])
        if frame.empty:
            raise InputError(f"DataFrame: the {what} has no rows.", source="DataFrame")
        return Table(frame=frame.reset_index(drop=True), lines=np.arange(1, len(frame) + 1),
                     source="DataFrame", kind="frame")
    if not isinstance(source, (str, os.PathLike)):
        raise InputError(f"Cannot read a {what} from a {type(source).__name__}; expected a file path "
                         "or a pandas DataFrame.")
    path = Path(source)
    _check_file(path)
    kind = kind or detect_kind(path)
    if kind == "xls":
        raise InputError(f"{path}: old-style Excel (.xls) files are not supported; open it in Excel "
                         "and save it as .xlsx or CSV.", source=str(path))
    if kind == "csv":
        return _read_csv(path, what)
    if kind == "excel":
        return _read_excel(path, what, sheet)
    if kind == "parquet":
        return _read_parquet(path, what)
    if kind == "xes":
        return read_xes_table(path, what)
    raise InputError(f"{path}: cannot read a {what} from a {kind} file.", source=str(path))


def _sniff_binary(path: Path, head: bytes) -> None:
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            raise InputError(
                f"{path}: expected a text (CSV) file, found {name}. Give the file its proper "
                "extension (.xlsx, .parquet, .xes.gz) or export it as CSV.", source=str(path))
    if b"\x00" in head[:4096]:
        raise InputError(f"{path}: expected a text (CSV) file, found binary data (NUL bytes in the "
                         "first 4 KB). Export the data as CSV (UTF-8) and try again.", source=str(path))


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    for enc in ENCODINGS:
        try:
            return raw.decode(enc), ("utf-8" if enc == "utf-8-sig" else enc)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: cannot decode the file as UTF-8 or Windows-1252 text.",
                     source=str(path))  # pragma: no cover - cp1252 decodes nearly all bytes


def _sniff_delimiter(path: Path, text: str) -> str:
    sample_lines = [ln for ln in text[:65536].splitlines() if ln.strip()][:50]
    if not sample_lines:
        raise InputError(f"{path}: the file holds only blank lines; expected a header row and data rows.",
                         source=str(path))
    try:
        dialect = csv.Sniffer().sniff("\n".join(sample_lines), delimiters="".join(DELIMITERS))
        if dialect.delimiter in DELIMITERS:
            return dialect.delimiter
    except csv.Error:
        pass
    # fall back: the delimiter that appears most consistently in the header
    header = sample_lines[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _read_csv(path: Path, what: str) -> Table:
    raw, path_label = _csv_bytes(path)
    _sniff_binary(path, raw[:4096])
    encoding = _encoding(path, raw)
    if encoding == "utf-8":  # the bytes as they are, without a byte-order mark (no copy)
        data, offset = raw, (3 if raw.startswith(codecs.BOM_UTF8) else 0)
    else:  # Windows-1252: transcode once so every parser below reads UTF-8
        data, offset = raw.decode(encoding).encode("utf-8"), 0
        del raw
    head = data[offset:offset + 65536].decode("utf-8", errors="ignore")
    delimiter = _sniff_delimiter(path, head)
    quoted = data.find(b'"', offset) != -1
    notes: list[str] = []
    frame = _parse_arrow(data, offset, delimiter, head, quoted)
    if frame is not None:
        lines = _csv_lines(data, offset, delimiter, len(frame), quoted)
    else:  # pyarrow refused (ragged rows, duplicate or empty names, ...): read record by record
        frame, lines = _parse_records(path, data[offset:].decode("utf-8"), delimiter, notes)
    frame, lines = _drop_blank_rows(frame, lines)
    frame.columns = _unique_names([str(c).strip() for c in frame.columns], path, notes)
    if frame.empty:
        raise InputError(f"{path}: the file has a header ({', '.join(frame.columns)}) but no data "
                         f"rows; expected at least one {what} row.", source=str(path))
    decimal = _sniff_decimal(frame, delimiter)
    log.debug("%s: read %d rows (delimiter %r, %s)", path, len(frame), delimiter, encoding)
    return Table(frame=frame, lines=lines, source=path_label, kind="csv", decimal=decimal,
                 delimiter=delimiter, encoding=encoding, notes=tuple(notes))


def _csv_bytes(path: Path) -> tuple[bytes, str]:
    """The bytes of a CSV file, unpacked when it is gzip-compressed or a zip holding one CSV."""
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as fh:
                return fh.read(), str(path)
        except (EOFError, OSError, zlib.error) as exc:
            raise InputError(f"{path}: truncated or corrupt gzip file ({exc}); compress the export "
                             "again or give the uncompressed file.", source=str(path)) from None
    if magic == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as zf:
                names = [n for n in zf.namelist() if not n.endswith("/")
                         and not n.startswith("__MACOSX/")]
                if "[Content_Types].xml" in names:
                    return path.read_bytes(), str(path)  # an Excel workbook: said below
                if len(names) == 1 and names[0].lower().endswith(
                        (".xes", ".xes.gz", ".xlsx", ".parquet")):
                    raise InputError(
                        f"{path}: the zip file holds '{names[0]}', not a CSV file; unpack it and "
                        "give that file itself.", source=str(path))
                if len(names) != 1:
                    raise InputError(
                        f"{path}: the zip file holds {len(names)} files "
                        f"({', '.join(names[:6])}); expected exactly one CSV file. Unpack it and "
                        "give the event log's file.", source=str(path))
                return zf.read(names[0]), f"{path} ({names[0]})"
        except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
            raise InputError(f"{path}: truncated or corrupt zip file ({exc}).",
                             source=str(path)) from None
    return path.read_bytes(), str(path)


def _parse_records(path: Path, text: str, delimiter: str, notes: list[str]):
    """Read a CSV record by record (the csv module), when pyarrow cannot.

    Returns the frame (all cells text) and the line where each record starts. Separator-only
    records (``;;;``, as Excel writes blank rows) are skipped; an empty field too many at the end
    of data rows (a trailing delimiter) is dropped; a row with real extra fields is an error that
    names its line and its number of fields; a short row is padded with empty cells.
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    records: list[list[str]] = []
    starts: list[int] = []
    line = 1
    try:
        for rec in reader:
            start, line = line, reader.line_num + 1
            if not rec or not any(c.strip() for c in rec):
                continue
            if header is None:
                header = rec
                continue
            records.append(rec)
            starts.append(start)
    except csv.Error as exc:
        raise InputError(f"{path}: cannot read as CSV with delimiter {delimiter!r}: line "
                         f"{reader.line_num}: {exc}", source=str(path)) from None
    if header is None:
        raise InputError(f"{path}: the file is empty; expected a header row and data rows.",
                         source=str(path))
    while len(header) > 1 and header[-1].strip() == "" and all(
            len(r) < len(header) or r[len(header) - 1].strip() == "" for r in records):
        header = header[:-1]  # a trailing delimiter on the header (and nothing below it)
    m = len(header)
    lens = np.fromiter((len(r) for r in records), dtype=np.int64, count=len(records))
    long_rows = np.flatnonzero(lens > m)
    if len(long_rows):
        real = [i for i in long_rows if any(c.strip() for c in records[i][m:])]
        if real:
            shown = "\n".join(f"  line {starts[i]}: {lens[i]} fields where the header has {m}"
                               for i in real[:5])
            more = f"\n  ... and {len(real) - 5} more" if len(real) > 5 else ""
            raise InputError(
                f"{path}: {len(real)} row(s) have more fields than the header "
                f"({', '.join(header)}):\n{shown}{more}\nCheck the delimiter {delimiter!r} inside "
                "values (quote them) or add the missing column names.", source=str(path))
        notes.append(f"{len(long_rows)} row(s) end with an empty field beyond the header "
                     "(a trailing delimiter); ignored")
        log.info("%s: %s", path, notes[-1])
    cols: dict[str, Any] = {}
    names = [h if h.strip() else f"Unnamed: {i}" for i, h in enumerate(header)]
    dtype = _string_dtype() or object
    for j, name in enumerate(names):
        cells = [r[j] if j < len(r) else "" for r in records]
        cols[j] = pd.array(cells, dtype=dtype)
    frame = pd.DataFrame(cols)
    frame.columns = names
    return frame, np.asarray(starts, dtype=np.int64)


def _drop_blank_rows(frame: pd.DataFrame, lines: np.ndarray):
    """Rows whose cells are all empty (``;;;``) are blank lines, not rows."""
    if frame.shape[1] == 0 or frame.empty:
        return frame, lines
    first = frame.iloc[:, 0]
    cand = np.flatnonzero(as_text(first).str.strip().eq("").to_numpy())
    if not len(cand):
        return frame, lines
    sub = frame.iloc[cand]
    blank = np.ones(len(cand), dtype=bool)
    for col in sub.columns[1:]:
        blank &= as_text(sub[col]).str.strip().eq("").to_numpy()
        if not blank.any():
            return frame, lines
    keep = np.ones(len(frame), dtype=bool)
    keep[cand[blank]] = False
    return frame.loc[keep].reset_index(drop=True), np.asarray(lines)[keep]


def _unique_names(names: list[str], path, notes: list[str]) -> list[str]:
    """Column names as given; a repeated name is an error (which one would play its role?)."""
    seen: dict[str, int] = {}
    for i, n in enumerate(names):
        if n in seen:
            raise InputError(
                f"{path}: two columns are both named '{n}' (column {seen[n] + 1} and column "
                f"{i + 1}); cannot tell which one to use. Rename one of them.", source=str(path))
        seen[n] = i
    return names


def _encoding(path: Path, raw: bytes) -> str:
    """``"utf-8"`` when the bytes are valid UTF-8 (checked in slices: no full copy), else
    ``"cp1252"`` when they decode as Windows-1252; otherwise an `InputError`."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 24
    try:
        for i in range(0, len(raw), step):
            decoder.decode(raw[i:i + step])
        decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    _decode(path, raw)  # raises when cp1252 cannot decode it either
    return "cp1252"


def _string_dtype():
    """The dtype ``read_csv(dtype=str)`` gives in this pandas (pyarrow-backed ``str`` in pandas 3,
    ``object`` before); None when that is plain object."""
    dtype = pd.Series([], dtype=str).dtype
    return None if dtype == object else dtype


def _parse_arrow(data: bytes, offset: int, delimiter: str, head: str, quoted: bool):
    """Parse the CSV with pyarrow's multi-threaded reader, every cell as text (``""`` when empty,
    never missing); the same frame as pandas' ``read_csv(dtype=str, na_filter=False)``, ten times
    faster on large files. None when pyarrow cannot read it the way pandas would (then pandas
    reads it, or explains why it cannot)."""
    try:
        import pyarrow as pa  # noqa: PLC0415
        import pyarrow.csv as pcsv  # noqa: PLC0415
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    try:
        names = next(csv.reader(io.StringIO(head), delimiter=delimiter))
    except (StopIteration, csv.Error):
        return None
    if not names or len(set(names)) != len(names) or any(n == "" for n in names):
        return None  # duplicate and empty names: read record by record
    try:
        table = pcsv.read_csv(
            pa.BufferReader(pa.py_buffer(data).slice(offset)),
            read_options=pcsv.ReadOptions(use_threads=True),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=quoted,
                                            ignore_empty_lines=True),
            convert_options=pcsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, null_values=[],
                strings_can_be_null=False, quoted_strings_can_be_null=False, check_utf8=True))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    if table.column_names != names:
        return None
    if table.num_columns > 500 and table.num_rows * table.num_columns <= 5_000_000:
        # wide and short: one block of Python strings (10,000 string columns cost seconds)
        block = np.empty((table.num_rows, table.num_columns), dtype=object)
        for j, col in enumerate(table.columns):
            block[:, j] = col.to_numpy(zero_copy_only=False)
        return pd.DataFrame(block, columns=names, dtype=object)
    dtype = _string_dtype()
    frame = table.to_pandas(types_mapper={pa.string(): dtype}.get if dtype is not None else None,
                            split_blocks=True, self_destruct=True)
    return frame


def _csv_lines(data: bytes, offset: int, delimiter: str, n_rows: int,
               quoted: bool) -> np.ndarray:
    """The 1-based line in the file where each data row starts (the header is line 1).

    Works on the UTF-8 bytes with numpy (line breaks found in slices); only lines that may be
    blank (they start with white space) are looked at one by one.
    """
    if not quoted:  # one line per row and no blank line: the rows are lines 2, 3, ...
        n_lines = data.count(b"\n", offset) + (0 if data.endswith(b"\n") else 1)
        if n_lines == n_rows + 1 and b"\r" not in data[offset:offset + 65536].replace(b"\r\n", b""):
            return np.arange(2, n_rows + 2, dtype=np.int64)
    buf = np.frombuffer(data, dtype=np.uint8)[offset:]
    step = 1 << 26
    breaks = np.concatenate([np.flatnonzero(buf[i:i + step] == 10) + i
                             for i in range(0, len(buf), step)] or [np.zeros(0, np.int64)])
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [len(buf)]])
    if starts[-1] == len(buf):  # the file ends with a line break: no last line
        starts, ends = starts[:-1], ends[:-1]
    n_physical = len(starts)
    first = np.where(ends > starts, buf[np.minimum(starts, max(len(buf) - 1, 0))], 10) \
        if len(buf) else np.zeros(0, np.uint8)
    maybe = np.flatnonzero((ends == starts) | np.isin(first, (9, 10, 11, 12, 13, 32))
                           | (first >= 0x80))
    blank = [int(i) for i in maybe
             if not bytes(buf[starts[i]:ends[i]]).decode("utf-8", errors="replace").strip()]
    # a quoted value spanning lines adds at least one non-blank line, so equal counts mean
    # one line per row (unless a white-space-only line was itself a row)
    truly_empty = all(ends[i] - starts[i] <= 1 for i in blank)
    if n_physical - 1 - len(blank) == n_rows and (not quoted or truly_empty):
        keep = np.ones(n_physical, dtype=bool)
        keep[blank] = False
        keep[0] = False
        return np.flatnonzero(keep) + 1
    # quoted fields may span lines: let the csv module tell where each record starts
    reader = csv.reader(io.StringIO(data[offset:].decode("utf-8")), delimiter=delimiter)
    starts_ = []
    line = 1
    for i, record in enumerate(reader):
        if i > 0 and record:
            starts_.append(line)
        line = reader.line_num + 1
    starts_ = starts_[:n_rows]
    if len(starts_) < n_rows:  # pragma: no cover - csv and pandas disagree; fall back to positions
        starts_ += list(range(len(starts_) + 2, n_rows + 2))
    return np.asarray(starts_)


_NL_NUMBER = r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"   # 1.250,50  12,5  1250
_EN_NUMBER = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"   # 1,250.50  12.5  1250


def _is_text(series: pd.Series) -> bool:
    return _is_text_dtype(series.dtype)


def _is_text_dtype(dtype) -> bool:
    return dtype == object or pd.api.types.is_string_dtype(dtype)


def _number_kinds(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Per text column: do its (distinct, non-empty) values read as numbers in the Dutch
    convention (``1.250,50``), in the English one (``1,250.50``), are they all integers, do some
    have leading zeros (codes)? One vectorised pass over all columns' distinct values."""
    if not columns:
        return pd.DataFrame(columns=["nl", "en", "int", "zero", "any"])
    if len(frame) * len(columns) <= 2_000_000:  # few rows (or columns): one 2-D pass
        block = frame[columns].to_numpy(dtype=object)
        key = np.repeat(np.arange(len(columns))[None, :], len(frame), axis=0).ravel()
        vals = [block.ravel()]
    else:
        idx, vals = [], []
        for j, col in enumerate(columns):
            u = np.asarray(pd.unique(frame[col]), dtype=object)
            idx.append(np.full(len(u), j, dtype=np.int64))
            vals.append(u)
        key = np.concatenate(idx)
    text = pd.Series(np.concatenate(vals), dtype=object).map(_cell_text).astype(str)
    text = (text.str.strip().str.replace("€", "", regex=False)
            .str.replace(r"[\s\u00a0]", "", regex=True))
    empty = text.eq("").to_numpy()
    flags = pd.DataFrame({
        "nl": text.str.fullmatch(_NL_NUMBER).to_numpy() | empty,
        "en": text.str.fullmatch(_EN_NUMBER).to_numpy() | empty,
        "int": text.str.fullmatch(r"-?\d+").to_numpy() | empty,
        "zero": text.str.fullmatch(r"-?0\d+").to_numpy(),
        "any": ~empty,
    })
    out = flags.groupby(key).agg({"nl": "all", "en": "all", "int": "all", "zero": "any",
                                  "any": "any"})
    out.index = [columns[i] for i in out.index]
    return out


def _file_decimal(kinds: pd.DataFrame, delimiter: str | None) -> str | None:
    """The decimal mark the columns that decide show (only one convention reads them), else
    ',' for a ';'-delimited file (Excel in a decimal-comma locale), else None."""
    num = kinds[kinds["any"] & ~kinds["int"] & ~kinds["zero"]]
    nl = int((num["nl"] & ~num["en"]).sum())
    en = int((num["en"] & ~num["nl"]).sum())
    if nl != en:
        return "," if nl > en else "."
    return "," if delimiter == ";" else None


def numeric_columns(frame: pd.DataFrame, columns: list[str], *, delimiter: str | None,
                    source: str = "") -> tuple[pd.DataFrame, list[str]]:
    """The text columns among ``columns`` that hold only numbers, parsed, and notes.

    Each column is read in the one convention that reads all its values: Dutch (``1.250,50``:
    thousands point, decimal comma) or English (``1,250.50``). A column that both read
    differently (only values like ``1.250``) follows the file (the other columns' convention,
    else a decimal comma in a ';'-delimited file); when nothing decides it stays text, with a
    note. Values with leading zeros (``0123``) are codes and stay text.
    """
    dtypes = frame.dtypes
    cols = [c for c in columns if _is_text_dtype(dtypes[c])]
    if not cols:
        return pd.DataFrame(index=frame.index), []
    kinds = _number_kinds(frame, cols)
    decimal = _file_decimal(kinds, delimiter)
    notes: list[str] = []
    kinds = kinds[kinds["any"] & ~kinds["zero"] & (kinds["nl"] | kinds["en"])]
    ambiguous = kinds["nl"] & kinds["en"] & ~kinds["int"]
    mark = pd.Series(np.where(kinds["int"] | (kinds["en"] & ~kinds["nl"]), ".", ","),
                     index=kinds.index, dtype=object)
    if decimal is None:
        for col in kinds.index[ambiguous]:
            notes.append(f"column '{col}': values like 1.250 could be 1250 or 1.25; kept as "
                         "text (nothing in the file tells the decimal mark)")
            log.info("%s: %s", source, notes[-1])
        mark = mark[~ambiguous]
    else:
        mark[ambiguous] = decimal
        for col in kinds.index[ambiguous]:
            notes.append(f"column '{col}': values like 1.250 read with '{decimal}' as the decimal "
                         f"mark ({'1.250 = 1250' if decimal == ',' else '1,250 = 1250'}), as the "
                         "rest of the file")
            log.info("%s: %s", source, notes[-1])
    parts = []
    for m in (".", ","):  # parse all columns of one convention in one pass
        cols_m = list(mark.index[mark.eq(m)])
        if not cols_m:
            continue
        block = frame[cols_m].to_numpy(dtype=object)
        parsed = parse_number(pd.Series(block.T.ravel(), dtype=object), m).to_numpy()
        parts.append(pd.DataFrame(parsed.reshape(len(cols_m), len(frame)).T, columns=cols_m,
                                  index=frame.index))
    out = pd.concat(parts, axis=1) if parts else pd.DataFrame(index=frame.index)
    return out, notes


def _sniff_decimal(frame: pd.DataFrame, delimiter: str) -> str:
    """Decimal comma or point, from the numbers in the first rows (see `numeric_columns`)."""
    head = frame.head(500)
    dtypes = head.dtypes
    kinds = _number_kinds(head, [c for c in head.columns if _is_text_dtype(dtypes[c])])
    return _file_decimal(kinds, delimiter) or "."


def _read_excel(path: Path, what: str, sheet) -> Table:
    try:
        import openpyxl  # noqa: F401, PLC0415
    except ImportError:  # pragma: no cover
        raise InputError("Reading Excel files needs openpyxl: pip install openpyxl") from None
    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds
        raise InputError(f"{path}: cannot open as an Excel workbook (.xlsx): {exc}",
                         source=str(path)) from None
    with book:
        names = book.sheet_names
        if sheet is None:
            sheet_name = names[0]
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise InputError(f"{path}: there is no sheet number {sheet}; the workbook has "
                                 f"{len(names)} sheet(s): {', '.join(names)}.", source=str(path))
            sheet_name = names[sheet]
        else:
            if sheet not in names:
                raise InputError(f"{path}: no sheet named '{sheet}'; sheets are: {', '.join(names)}."
                                 + did_you_mean(sheet, names), source=str(path))
            sheet_name = sheet
        header = pd.read_excel(book, sheet_name=sheet_name, header=None, nrows=1, dtype=object)
        names = [str(c).strip() for c in header.iloc[0].tolist()] if len(header) else []
        _unique_names([n for n in names if n not in ("", "nan", "None")], path, [])
        frame = pd.read_excel(book, sheet_name=sheet_name, dtype=object, keep_default_na=False,
                              na_filter=False)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.loc[:, [not c.startswith("Unnamed:") or frame[c].astype(str).str.strip().ne("").any()
                          for c in frame.columns]]
    # rows that are entirely empty are not rows (Excel keeps formatting below the data)
    empty = frame.apply(lambda c: c.astype(str).str.strip().eq("")).all(axis=1)
    lines = np.arange(2, len(frame) + 2)[~empty.to_numpy()]
    frame = frame.loc[~empty].reset_index(drop=True)
    if frame.empty:
        raise InputError(f"{path}: sheet '{sheet_name}' has no data rows; expected at least one "
                         f"{what} row below the header.", source=str(path))
    for col in frame.columns:  # text cells as str; dates and numbers stay typed
        s = frame[col]
        if s.map(lambda v: isinstance(v, str)).all():
            frame[col] = s.astype(str)
    return Table(frame=frame, lines=lines, source=f"{path} (sheet '{sheet_name}')", kind="excel")


def _read_parquet(path: Path, what: str) -> Table:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"{path}: cannot read as Parquet: {exc}", source=str(path)) from None
    if frame.empty:
        raise InputError(f"{path}: the Parquet file has no rows; expected at least one {what} row.",
                         source=str(path))
    frame = frame.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    return Table(frame=frame, lines=np.arange(1, len(frame) + 1), source=str(path), kind="parquet")


def as_text(series: pd.Series) -> pd.Series:
    """Cells as text for labels: None/NaN become ``""``; numbers like ``12.0`` become ``'12'``."""
    if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
        out = series.map(_cell_text) if series.dtype == object else series.fillna("").astype(str)
        return out.astype(str)
    if pd.api.types.is_float_dtype(series.dtype):
        return series.map(_cell_text).astype(str)
    return series.astype(str).where(series.notna(), "")


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if np.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def clean_labels(series: pd.Series, *, missing_empty: bool = False) -> pd.Series:
    """Strip and collapse inner whitespace in labels, working on distinct values only.

    Returns object text; with ``missing_empty=True`` pandas' string dtype instead (what the
    canonical frame holds), empty labels missing.
    """
    text = as_text(series)
    codes, uniques = pd.factorize(text, sort=False)
    cleaned = pd.Index(uniques).str.strip().str.replace(r"\s+", " ", regex=True)
    if missing_empty:
        values = np.asarray(cleaned, dtype=object)
        values[values == ""] = None
        arr = pd.array(values, dtype="str").take(codes) if len(codes) else pd.array([], dtype="str")
        return pd.Series(arr, index=series.index)
    return pd.Series(np.asarray(cleaned, dtype=object)[codes], index=series.index, dtype=object)


def parse_number(series: pd.Series, decimal: str = ".") -> pd.Series:
    """Parse numbers written with a decimal comma or point (``12,5`` / ``1.234,50``)."""
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.astype(float)
    text = as_text(series).str.strip().str.replace("€", "", regex=False).str.replace(" ", "", regex=False)
    if decimal == ",":
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    return pd.to_numeric(text.replace("", np.nan), errors="coerce")
