"""The canonical event log, its activity instances, and the account of every row.

The canonical frame uses pm4py's column names (``case:concept:name``, ``concept:name``,
``time:timestamp``, and where known ``start_timestamp``, ``org:resource``,
``lifecycle:transition``, ``concept:instance``), plus ``system`` (the tool a step was done in),
``source`` (``recorded`` or ``observed``) and ``line`` (where the row came from in the source).
Labels are text (pandas' string dtype), so ``log.frame`` goes into pm4py's functions as it is;
events are ordered by case (in order of first appearance), time, then line.

Every log states its accounting: **rows read = rows analysed + rows set aside (each with its
reason) + rows rejected** (`Accounting`). The analyses work on the log's activity instances
(`activity_instances`): the events themselves, or, in a lifecycle log, one row per instance
(see `shadowing.model.lifecycle`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .. import i18n
from ..errors import ColumnNotFoundError, InputError
from . import columns as C
from .filtering import AppliedFilter
from .lifecycle import SET_ASIDE_REASONS, canonical_transitions, pair_instances

REJECTED_COLUMNS = ["line", "column", "value", "reason"]
LABEL_COLUMNS = (C.CASE, C.ACTIVITY, C.RESOURCE, C.SYSTEM, C.LIFECYCLE, C.SOURCE, C.INSTANCE)


def empty_rejected() -> pd.DataFrame:
    return pd.DataFrame({"line": pd.Series(dtype="int64"), "column": pd.Series(dtype=object),
                         "value": pd.Series(dtype=object), "reason": pd.Series(dtype=object)})


def empty_set_aside() -> pd.DataFrame:
    return pd.DataFrame({"line": pd.Series(dtype="int64"), "reason": pd.Series(dtype=object)})


# -- the accounting --------------------------------------------------------------------------

_REASONS_NL = {
    "planned": "schedule/assign-gebeurtenissen van stappen die nooit begonnen: ingepland, niet gewerkt",
    "open": "startgebeurtenissen zonder afronding: open instanties",
    "aborted": "gebeurtenissen van afgebroken of ingetrokken instanties",
    "skipped": "overslaan-gebeurtenissen: stappen overgeslagen, niet gedaan",
    "unknown": "gebeurtenissen met de transitie 'unknown'",
    "not a transition": "gebeurtenissen waarvan de lifecycle-waarde geen transitie is",
    "paused alone": "suspend/resume-gebeurtenissen van een activiteit zonder afgeronde instantie",
}


@dataclass(frozen=True)
class Accounting:
    """Where every row of a log went: ``rows_read = analysed + paired + set aside + rejected``.

    Attributes
    ----------
    rows_read : int
        Rows (events) in the source.
    analysed : int
        Rows the analyses use: events, or activity instances in a lifecycle log (``unit``).
    unit : str
        ``"events"`` or ``"activity instances"``.
    paired : tuple of (str, int)
        Events folded into the instances (``("start", 71376)``): used, not counted twice.
    set_aside : tuple of (str, int)
        Rows not analysed, by reason (a key of `shadowing.model.lifecycle.SET_ASIDE_REASONS`
        or a free text such as a filter's description).
    rejected : int
        Rows refused at reading (see ``.rejected``).
    no_start : int
        Instances whose start is unknown (a complete without its start).
    """

    rows_read: int
    analysed: int
    unit: str = "events"
    paired: tuple = ()
    set_aside: tuple = ()
    rejected: int = 0
    no_start: int = 0

    @property
    def n_paired(self) -> int:
        return sum(n for _, n in self.paired)

    @property
    def n_set_aside(self) -> int:
        return sum(n for _, n in self.set_aside)

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.analysed + self.n_paired + self.n_set_aside + self.rejected

    def as_frame(self) -> pd.DataFrame:
        """One row per part: ``part`` (read, analysed, paired, set aside, rejected), ``what``,
        ``rows``."""
        rows = [("read", "rows", self.rows_read), ("analysed", self.unit, self.analysed)]
        rows += [("paired", f"{k} events", n) for k, n in self.paired]
        rows += [("set aside", SET_ASIDE_REASONS.get(k, k), n) for k, n in self.set_aside]
        rows.append(("rejected", "rows refused at reading", self.rejected))
        return pd.DataFrame(rows, columns=["part", "what", "rows"])

    def sentence(self, lang: str = "en") -> str:
        """The accounting line: "65,533 events read, 65,533 analysed" (or its Dutch)."""
        num = lambda x: i18n.number(x, lang)  # noqa: E731
        nl = lang == "nl"
        if self.unit == "events":
            parts = [f"{num(self.rows_read)} {'gebeurtenissen gelezen' if nl else 'events read'}",
                     f"{num(self.analysed)} {'geanalyseerd' if nl else 'analysed'}"]
        else:
            parts = [f"{num(self.rows_read)} {'gelezen' if nl else 'read'}",
                     f"{num(self.analysed)} "
                     + ("geanalyseerd als activiteitsinstanties" if nl
                        else "analysed as activity instances")]
        for k, n in self.paired:
            parts.append(f"{num(n)} {k}-gebeurtenissen eraan gekoppeld" if nl
                         else f"{num(n)} {k} events paired with them")
        for k, n in self.set_aside:
            why = (_REASONS_NL if nl else SET_ASIDE_REASONS).get(k, k)
            parts.append(f"{num(n)} " + ("apart gezet" if nl else "set aside") + f" ({why})")
        if self.rejected:
            parts.append(f"{num(self.rejected)} " + ("geweigerd" if nl else "rejected"))
        text = ", ".join(parts)
        if self.no_start:
            text += (f"; {num(self.no_start)} instanties zonder start (duur onbekend)" if nl
                     else f"; {num(self.no_start)} instances without a start (duration unknown)")
        return text


# -- the event log ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class InstanceView:
    """What the analyses use of a log (internal): the frame with categorical labels, and how
    it was derived from the events."""

    frame: pd.DataFrame
    unit: str
    paired: tuple
    set_aside: pd.DataFrame
    no_start: int


@dataclass(frozen=True, repr=False)
class EventLog:
    """An event log in canonical form.

    Attributes
    ----------
    frame : DataFrame
        One row per event read (see the module docstring for the columns); goes into pm4py
        as it is.
    rejected : DataFrame
        One row per refused input row: ``line``, ``column``, ``value``, ``reason``.
    source : str
        Where it was read from.
    columns : dict
        Which source column played which role (``{"case": "Zaak", ...}``).
    rows_read : int
        Rows in the source: ``len(frame) + len(set_aside) + len(rejected)``.
    set_aside : DataFrame
        Rows of the source left out of ``frame`` on purpose (``line``, ``reason``), e.g. by a
        filter.
    role_notes : dict
        Why each role went to its column (``{"resource": "'org:group': a group, not a
        person"}``).
    notes : tuple of str
        What the reader decided and a consultant should know (thousands separators, Excel
        serial dates, time zones...).
    filters : tuple of AppliedFilter
        The filters applied to the log, in order (`shadowing.filter_time_range` and the other
        ``filter_*``), each with the cases and events it set aside (also in ``set_aside``).
    """

    frame: pd.DataFrame
    rejected: pd.DataFrame = field(default_factory=empty_rejected)
    source: str = "DataFrame"
    columns: Mapping[str, str] = field(default_factory=dict)
    rows_read: int = 0
    set_aside: pd.DataFrame = field(default_factory=empty_set_aside)
    role_notes: Mapping[str, str] = field(default_factory=dict)
    notes: tuple = ()
    filters: tuple[AppliedFilter, ...] = ()
    _cache: dict = field(default_factory=dict, init=False, compare=False)

    # -- small facts -------------------------------------------------------------------
    @property
    def n_events(self) -> int:
        return len(self.frame)

    @property
    def n_cases(self) -> int:
        return int(self.frame[C.CASE].nunique())

    @property
    def activities(self) -> list[str]:
        return sorted(self.frame[C.ACTIVITY].dropna().unique().tolist())

    @property
    def period(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        ts = self.frame[C.TIMESTAMP]
        start = self.frame[C.START].min() if C.START in self.frame else ts.min()
        return (min(start, ts.min()) if pd.notna(start) else ts.min(), ts.max())

    @property
    def has_intervals(self) -> bool:
        """True when the activity instances carry a start time (interval or lifecycle logs)."""
        if C.START in self.frame and self.frame[C.START].notna().any():
            return True
        try:
            view = self.instances_view()
        except InputError:  # nothing to analyse: say what the events have
            return C.LIFECYCLE in self.frame and self.frame[C.LIFECYCLE].eq("start").any()
        return bool(C.START in view.frame and view.frame[C.START].notna().any())

    def instances_view(self) -> InstanceView:
        """What the analyses use (computed once per log)."""
        if "view" not in self._cache:
            self._cache["view"] = instance_view(self.frame, source=self.source)
        return self._cache["view"]

    @property
    def accounting(self) -> Accounting:
        """Rows read = analysed + paired + set aside (with reasons) + rejected."""
        view = self.instances_view()
        aside = [(k, int(n)) for k, n in
                 self.set_aside["reason"].value_counts(sort=False).items()] if len(self.set_aside) else []
        aside += [(k, int(n)) for k, n in view.set_aside["reason"].value_counts().items()]
        read = self.rows_read or (len(self.frame) + len(self.set_aside) + len(self.rejected))
        return Accounting(rows_read=int(read), analysed=len(view.frame), unit=view.unit,
                          paired=view.paired, set_aside=tuple(aside),
                          rejected=len(self.rejected), no_start=view.no_start)

    def summary(self) -> pd.Series:
        """The facts a consultant checks first, as a Series."""
        f = self.frame
        start, end = self.period if len(f) else (pd.NaT, pd.NaT)
        return pd.Series({
            "source": self.source,
            "cases": self.n_cases,
            "events": self.n_events,
            "activities": int(f[C.ACTIVITY].nunique()),
            "resources": int(f[C.RESOURCE].nunique()) if C.RESOURCE in f else 0,
            "systems": int(f[C.SYSTEM].nunique()) if C.SYSTEM in f else 0,
            "first event": start,
            "last event": end,
            "rows read": self.rows_read,
            **({"rows set aside by filters": sum(f.events for f in self.filters)}
               if self.filters else {}),
            "rows rejected": len(self.rejected),
        })

    def roles(self) -> pd.DataFrame:
        """Which column took which role and why: ``role``, ``column``, ``why``."""
        rows = [(role, col, self.role_notes.get(role, "")) for role, col in self.columns.items()]
        rows += [(role, "", why) for role, why in self.role_notes.items()
                 if role not in self.columns]
        return pd.DataFrame(rows, columns=["role", "column", "why"])

    def __repr__(self) -> str:
        s = self.summary()
        try:
            acc = self.accounting.sentence("en")
        except InputError as exc:
            acc = str(exc).splitlines()[0]
        filtered = "".join(f"; {f}" for f in self.filters)
        return (f"EventLog({s['source']}: {s['cases']} cases, {s['events']} events, "
                f"{s['activities']} activities, {s['rows rejected']} rows rejected; {acc}"
                f"{filtered})")

    def _repr_html_(self) -> str:
        s = self.summary()
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
            f"<td style='text-align:left'>{html.escape(_fmt(v))}</td></tr>" for k, v in s.items())
        try:
            acc = self.accounting.sentence("en")
        except InputError as exc:
            acc = str(exc)
        roles = "".join(
            f"<tr><td>{html.escape(r.role)}</td><td><code>{html.escape(str(r.column))}</code></td>"
            f"<td style='text-align:left'>{html.escape(r.why)}</td></tr>"
            for r in self.roles().itertuples())
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        filters = "".join(f"<li><code>{html.escape(str(f))}</code></li>" for f in self.filters)
        notes += f"</ul><p><b>Filters applied</b></p><ol>{filters}</ol><ul>" if filters else ""
        return (f"<div class='shadowing-eventlog'><table class='shadowing-summary'><caption>Event "
                f"log</caption>{rows}</table><p><b>Accounting:</b> {html.escape(acc)}</p>"
                f"<table class='shadowing-roles'><caption>Column roles</caption><tr><th>role</th>"
                f"<th>column</th><th>why</th></tr>{roles}</table>"
                + (f"<ul>{notes}</ul>" if notes else "") + "</div>")

    def __len__(self) -> int:
        return len(self.frame)


def _fmt(v: Any) -> str:
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d %H:%M") if pd.notna(v) else "-"
    if isinstance(v, (int, np.integer)):
        return f"{int(v):,}"
    return str(v)


# -- canonical frames --------------------------------------------------------------------------

def _is_str(dtype) -> bool:
    return isinstance(dtype, pd.StringDtype) or (dtype != object and pd.api.types.is_string_dtype(dtype)
                                                  and not isinstance(dtype, pd.CategoricalDtype))


def finalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text labels (pm4py accepts them), nanosecond times, ordered by case, time, then line;
    fresh index."""
    frame = frame.copy(deep=False)  # copy-on-write (pandas 3): the caller's frame stays as it is
    for col in LABEL_COLUMNS:
        if col in frame.columns and not _is_str(frame[col].dtype):
            frame[col] = frame[col].astype("str")
    for col in (C.TIMESTAMP, C.START):
        if col in frame.columns:
            s = frame[col]
            if not pd.api.types.is_datetime64_any_dtype(s.dtype):
                s = pd.to_datetime(s)
            unit_dtype = "datetime64[ns]" if s.dt.tz is None else pd.DatetimeTZDtype("ns", s.dt.tz)
            frame[col] = s.astype(unit_dtype)
    if "line" not in frame.columns:
        frame["line"] = np.arange(1, len(frame) + 1)
    case_codes, _ = pd.factorize(frame[C.CASE], sort=False)
    ts = frame[C.TIMESTAMP]
    ts = (ts if ts.dt.tz is None else ts.dt.tz_convert("UTC").dt.tz_localize(None))
    ts_ns = ts.to_numpy(dtype="datetime64[ns]").view("int64")
    order = np.lexsort((frame["line"].to_numpy(), ts_ns, case_codes))
    if not (order == np.arange(len(order))).all():
        frame = frame.iloc[order]
    return frame.reset_index(drop=True)


def categorical_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """The same frame with categorical label columns (what the analyses compute on)."""
    out = {}
    for col in LABEL_COLUMNS:
        if col in frame.columns and not isinstance(frame[col].dtype, pd.CategoricalDtype):
            out[col] = frame[col].astype("category")
    if not out:
        return frame
    frame = frame.assign(**out)
    frame[C.CASE] = frame[C.CASE].cat.remove_unused_categories()
    return frame


def as_frame(data, *, what: str = "log") -> pd.DataFrame:
    """The canonical frame of an `EventLog`, or of a plain (pm4py-style) DataFrame.

    A DataFrame is never modified: a converted copy is returned.
    """
    if isinstance(data, EventLog):
        return data.frame
    if isinstance(data, pd.DataFrame):
        missing = [c for c in (C.CASE, C.ACTIVITY, C.TIMESTAMP) if c not in data.columns]
        if missing:
            raise ColumnNotFoundError(
                f"DataFrame: the {what} needs the columns {', '.join(missing)} (pm4py's names); "
                f"columns are: {', '.join(map(str, data.columns))}. Read the data with "
                "shadowing.read_event_log to map your own column names.", source="DataFrame")
        frame = data.copy()
        if frame[C.TIMESTAMP].isna().any():
            raise InputError("DataFrame: column 'time:timestamp' has missing values; read it with "
                             "shadowing.read_event_log to have them reported by line.",
                             source="DataFrame")
        if C.SOURCE not in frame.columns:
            frame[C.SOURCE] = "recorded"
        return finalise(frame)
    raise InputError(f"Expected an EventLog or a pandas DataFrame as the {what}, got "
                     f"{type(data).__name__}.")


def _lifecycle(frame: pd.DataFrame) -> pd.Series | None:
    """The canonical transitions when the frame has a lifecycle column whose values are
    transitions, not all ``complete``; else None (every row is an event)."""
    if C.LIFECYCLE not in frame.columns:
        return None
    trans, unknown = canonical_transitions(frame[C.LIFECYCLE])
    if unknown:
        return None  # statuses, not transitions: every row is an event (as in pm4py)
    kinds = set(pd.unique(trans.to_numpy())) - {None}
    return trans if kinds - {"complete"} else None


def instance_view(frame: pd.DataFrame, *, source: str = "DataFrame") -> InstanceView:
    """The activity instances of a canonical frame, with how they were made (internal)."""
    trans = _lifecycle(frame)
    if trans is None:
        return InstanceView(frame=categorical_labels(frame), unit="events", paired=(),
                            set_aside=empty_set_aside(), no_start=0)
    inst = pair_instances(frame, instance=C.INSTANCE if C.INSTANCE in frame.columns else None,
                          transitions=trans)
    if len(inst.frame) == 0 and len(frame) > 0:
        counts = inst.set_aside["reason"].value_counts()
        why = "; ".join(f"{n} {SET_ASIDE_REASONS.get(k, k)}" for k, n in counts.items())
        raise InputError(
            f"{source}: none of the {len(frame)} events can be analysed as an activity instance "
            f"(no 'complete' event): {why}. If the lifecycle column holds something else, read "
            "the log with lifecycle=False to analyse every row as an event.", source=source)
    aside = inst.set_aside[["line", "reason"]]
    return InstanceView(frame=categorical_labels(finalise(inst.frame)), unit="activity instances",
                        paired=tuple(inst.paired.items()), set_aside=aside,
                        no_start=inst.no_start)


def activity_instances(data) -> pd.DataFrame:
    """One row per activity instance: what the maps, variants and hotspots count.

    In a log without lifecycle transitions every event is an instance. In a lifecycle log
    (``start``/``complete`` and the rest of the XES lifecycle model) each instance is the row of
    its ``complete`` event, with ``start_timestamp`` from its paired ``start`` (missing when the
    start is unknown) and ``paused`` (suspended time); see `shadowing.model.lifecycle` for the
    pairing, which matches pm4py's ``interval_lifecycle.to_interval``. Labels are categorical.

    Raises
    ------
    InputError
        When the log has events but none of them makes an instance.
    """
    if isinstance(data, EventLog):
        return data.instances_view().frame
    frame = as_frame(data)
    return instance_view(frame).frame


def accounting_of(data) -> Accounting:
    """The `Accounting` of an EventLog, or of a plain DataFrame (every row read)."""
    if isinstance(data, EventLog):
        return data.accounting
    frame = as_frame(data)
    view = instance_view(frame)
    aside = tuple((k, int(n)) for k, n in view.set_aside["reason"].value_counts().items())
    return Accounting(rows_read=len(frame), analysed=len(view.frame), unit=view.unit,
                      paired=view.paired, set_aside=aside, no_start=view.no_start)
