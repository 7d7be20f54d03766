"""The irritation brainstorm: frustrations with their votes, read like every other input.

`read_frustrations` returns a DataFrame (docs/CONTRACTS.md): ``frustration_id``, ``text``,
``votes``, ``activity``, ``system``, ``role``, ``line``. What was refused travels with it in
``df.attrs`` as for `shadowing.read_usage`:

- ``df.attrs["rejected"]``: one row per refused input row (``line``, ``column``, ``value``,
  ``reason``), an `AttrFrame` (a DataFrame that survives ``merge``/``concat`` inside ``attrs``);
- ``df.attrs["rows_read"]``, ``df.attrs["source"]``, ``df.attrs["columns"]``.

A row is refused when its text is empty, its votes are not a whole number of at least 0, or its
id repeats an earlier row's id. More than `MAX_VOTES` votes are refused too (a count of
2**63 would otherwise wrap to a negative number). Empty votes count as 1. Without an id column the id is
``"F<line>"``. System names go through the same normalisation as the observations' tools
(``Exel`` is ``Excel``), so frustrations and observations meet on the same system names.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import numpy as np
import pandas as pd

from .roles import resolve_roles
from .tabular import as_text, clean_labels, parse_number, read_table
from ..model.vocab import normalise_tools
from ..errors import check_choice
from .rejections import RowRejections
from ..model.frames import AttrFrame
from .usage import _attach, _report

log = logging.getLogger(__name__)

__all__ = ["read_frustrations", "FRUSTRATION_COLUMNS"]

#: Most votes one frustration can have (larger counts are typing errors, and beyond 2**63 they
#: would wrap to negative numbers).
MAX_VOTES = 1_000_000

FRUSTRATION_COLUMNS = ["frustration_id", "text", "votes", "activity", "system", "role", "line"]

SYNONYMS: dict[str, list[str]] = {
    "id": ["id", "nr", "nummer", "number", "no", "frustration id", "frustration_id", "#"],
    "text": ["text", "tekst", "frustration", "frustratie", "irritatie", "irritation",
             "ergernis", "omschrijving", "description", "beschrijving", "wat"],
    "votes": ["votes", "stemmen", "stem", "vote", "punten", "points", "dots", "stickers",
              "aantal stemmen"],
    "activity": ["activity", "activiteit", "stap", "taak", "task", "step", "proces", "process"],
    "system": ["system", "systeem", "tool", "hulpmiddel", "application", "applicatie", "app"],
    "role": ["role", "rol", "functie", "team", "afdeling", "department"],
}


def read_frustrations(source: Any, *, id: str | None = None, text: str | None = None,  # noqa: A002
                      votes: str | None = None, activity: str | None = None,
                      system: str | None = None, role: str | None = None,
                      tools=None, sheet: str | int | None = None,
                      errors: Literal["raise", "drop"] = "raise") -> pd.DataFrame:
    """Read the frustrations of an irritation brainstorm from CSV, Excel or a DataFrame.

    Parameters
    ----------
    source : path or DataFrame
    id, text, votes, activity, system, role : str, optional
        Column names; guessed from English and Dutch names when not given (``nr``,
        ``frustratie``/``irritatie``, ``stemmen``, ``activiteit``, ``systeem``, ``rol``).
        Only the text is required.
    tools : mapping or list, optional
        Extra tool names, as in `read_observations`.
    sheet : str or int, optional
    errors : {"raise", "drop"}
        ``"raise"``: any refused row raises `InputError` naming its line. ``"drop"``: keep the
        others; the refused rows are in ``df.attrs["rejected"]``.

    Returns
    -------
    DataFrame
        ``frustration_id`` (str), ``text``, ``votes`` (int), ``activity``, ``system``, ``role``
        (str or None), ``line``; then any other source columns. Most votes first (ties in file
        order).

    Examples
    --------
    >>> import pandas as pd, shadowing as sh
    >>> df = sh.read_frustrations(pd.DataFrame({"irritatie": ["Voorraad klopt nooit"],
    ...                                         "stemmen": ["4"], "systeem": ["Exel"]}))
    >>> df[["frustration_id", "votes", "system"]].values.tolist()
    [['F1', 4, 'Excel']]
    """
    check_choice("errors", errors, ("raise", "drop"), func="read_frustrations")
    table = read_table(source, what="frustrations", sheet=sheet)
    explicit = {"id": id, "text": text, "votes": votes, "activity": activity, "system": system,
                "role": role}
    roles = resolve_roles(table.columns, explicit, synonyms=SYNONYMS, required=("text",),
                          source=table.source, what="frustrations file")
    raw = table.frame
    problems = RowRejections(table)
    lines = problems.lines.astype("int64")

    txt = clean_labels(raw[roles["text"]])
    problems.add(txt.eq(""), roles["text"], raw[roles["text"]],
                 "empty text; expected the frustration in words")
    if "id" in roles:
        ids = clean_labels(raw[roles["id"]])
        ids = ids.where(ids.ne(""), pd.Series(["F" + str(v) for v in lines], index=raw.index))
        first_line = pd.Series(lines, index=raw.index).groupby(ids.to_numpy()).transform("first")
        dup = ids.duplicated(keep="first")
        problems.add(dup, roles["id"], raw[roles["id"]], np.asarray(
            [f"duplicate id '{i}' (already used on line {fl})"
             for i, fl in zip(ids, first_line)], dtype=object))
    else:
        ids = pd.Series(["F" + str(v) for v in lines], index=raw.index, dtype=object)
    if "votes" in roles:
        vcol = roles["votes"]
        vtext = as_text(raw[vcol]).str.strip()
        v = parse_number(raw[vcol], table.decimal)
        ok = vtext.eq("") | (v.notna() & (v >= 0) & (v <= MAX_VOTES) & (v % 1 == 0))
        huge = (v > MAX_VOTES).fillna(False)
        problems.add(~ok, vcol, raw[vcol], np.asarray(
            [f"{t} votes is more than {MAX_VOTES:,}; expected a whole number of votes" if h else
             f"expected a whole number of votes (0 or more), found '{t}'"
             for t, h in zip(vtext, huge)], dtype=object))
        n_votes = v.where(ok & vtext.ne(""), 1).fillna(1)
    else:
        n_votes = pd.Series(1, index=raw.index)

    def label(role):
        if role not in roles:
            return pd.Series(None, index=raw.index, dtype=object)
        lab = clean_labels(raw[roles[role]])
        return lab.where(lab.ne(""), None)

    if "system" in roles:
        sys_vals, corr = normalise_tools(raw[roles["system"]], extra=tools)
        if len(corr):
            log.info("%s: system names corrected: %s", table.source,
                     ", ".join(f"{r.raw!r} -> {r.corrected!r}" for r in corr.itertuples()))
        sys_vals = sys_vals.where(sys_vals.notna(), None)
    else:
        sys_vals = pd.Series(None, index=raw.index, dtype=object)
    frame = pd.DataFrame({
        "frustration_id": ids.astype(object), "text": txt.astype(object),
        "votes": n_votes.astype("int64"), "activity": label("activity"), "system": sys_vals,
        "role": label("role"), "line": lines,
    }, index=raw.index)
    keep = ~problems.bad
    used = set(roles.values())
    for col in raw.columns:
        if col not in used and col not in frame.columns:
            frame[col] = raw[col]
    frame = frame.loc[keep].sort_values(["votes", "line"], ascending=[False, True],
                                        kind="stable").reset_index(drop=True)
    for col in ("activity", "system", "role"):
        values = frame[col].to_numpy(dtype=object)
        frame[col] = pd.Series(np.where(pd.isna(values), None, values), dtype=object)
    rejected: AttrFrame = problems.rejected()
    _report(rejected, table, errors, "frustrations")
    return _attach(frame, rejected, table, roles)
