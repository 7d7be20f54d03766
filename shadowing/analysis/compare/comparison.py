"""Perceived against actual: how the team says the work runs, against what the log shows.

`compare` holds a `PerceivedProcess` against an event log (and, optionally, shadowing
observations) and returns a `Comparison`:

- ``.activities`` and ``.flows``: every step and flow with its ``status``: ``matched`` (told and
  happens), ``perceived_only`` (told, never happens), ``hidden`` (happens, nobody told it) and,
  with observations, ``observed_only`` (seen by the observers, never in the system);
- ``.conformance``: the share of cases whose whole path the perception allows. Decided exactly
  (a Petri-net language check, parallel branches in any interleaving), once per distinct
  variant, weighted by the variant's frequency;
- ``.fitness``: pm4py's token-replay fitness on the same Petri net, with pm4py's numbers per
  variant; each (marking, activity) step is replayed once by pm4py's own helpers and all
  variants are walked through that table at once (a second at 1M events, not a minute). Log
  activities the perception does not know get a transition that can never be enabled, so each
  such event costs one missing token (pm4py's own replay would skip them and call a case with
  unknown work fitting);
- ``.deviations``: the most frequent ways cases leave the perception, in English and Dutch;
- ``.durations``: perceived against actual durations, per step and per flow;
- ``.map()``: the diff map;
- ``.scope``: what was compared. A perception with ``scope: part`` (or ``compare(...,
  scope="part")``) describes a segment of the process: every case is cut to the part from its
  first event matching a perceived start step to its last event matching a perceived end step
  (both inclusive). Work before and after that part is out of scope: not hidden, not in the
  deviations, not on the map. A case without the segment (no start step, or no end step after
  it) does not fit and is counted as a deviation (``start_missing`` / ``end_missing``).

Matching perceived steps to log activities is exact (after the same whitespace cleaning the log
reader applies), then through ``aliases``. A step that matches nothing gets a did-you-mean
(case, spacing, a close spelling) in the ``suggestion`` column and in the log; nothing is ever
matched by a fuzzy guess.
"""

from __future__ import annotations

import difflib
import functools
import html
import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from ... import i18n
from ..dfg import events_of
from ...errors import InputError, ParameterError, check_choice
from .replay import _DFA, _TokenReplay
from ...io.perceived import SCOPES, PerceivedProcess, _Net, _Transition, _to_pm4py, read_perceived

log = logging.getLogger(__name__)

__all__ = ["Comparison", "Comparisons", "Scope", "compare", "compare_perceptions"]

STATUSES = ("matched", "perceived_only", "hidden", "observed_only")
ARROW = " → "


# -- the log as distinct variants -----------------------------------------------------------

@dataclass(frozen=True, eq=False)
class _Variants:
    """Distinct variants of a log on activity codes (CSR layout), most frequent first."""

    labels: np.ndarray            # activity names, indexed by code
    codes: np.ndarray             # flattened activity codes of all variants
    offsets: np.ndarray           # start of each variant in ``codes``
    lengths: np.ndarray
    freq: np.ndarray              # cases per variant
    example: np.ndarray           # a case id per variant (the first case that follows it)
    case_variant: np.ndarray      # variant of each case
    case_labels: np.ndarray
    n_events_log: int

    @property
    def n(self) -> int:
        return len(self.freq)

    @property
    def n_cases(self) -> int:
        return int(self.freq.sum())

    def event_variant(self) -> np.ndarray:
        return np.repeat(np.arange(self.n), self.lengths)


def _variants(log) -> tuple[_Variants, Any, pd.DataFrame]:
    """Exact variants, vectorised: cases of equal length are packed into byte strings (one
    row of activity codes each) and factorised by hashing; one pass per distinct length."""
    ev, frame = events_of(log)
    n_cases = ev.n_cases
    first, last = ev.first_last()
    lengths = (last - first + 1) if len(first) else np.zeros(0, dtype=np.int64)
    n_labels = len(ev.labels)
    dtype = np.uint8 if n_labels <= 256 else np.uint16 if n_labels <= 65536 else np.int64
    case_variant = np.empty(n_cases, dtype=np.int64)
    parts, next_id = [], 0
    for length in np.unique(lengths):
        idx = np.flatnonzero(lengths == length)
        mat = np.ascontiguousarray(ev.act[first[idx][:, None] + np.arange(length)].astype(dtype))
        packed = np.empty(len(idx), dtype=object)
        packed[:] = mat.view(f"V{mat.shape[1] * mat.itemsize}").ravel().tolist()
        inv, uniq_rows = pd.factorize(packed, sort=False)
        # the first case with each code holds the variant's row
        first_row = np.full(len(uniq_rows), len(idx), dtype=np.int64)
        np.minimum.at(first_row, inv, np.arange(len(idx)))
        case_variant[idx] = next_id + inv
        parts.append(mat[first_row].astype(np.int64))
        next_id += len(uniq_rows)
    freq = np.bincount(case_variant, minlength=next_id)
    var_len = np.concatenate([np.full(len(u), u.shape[1]) for u in parts]).astype(np.int64) \
        if parts else np.zeros(0, dtype=np.int64)
    codes = np.concatenate([u.ravel() for u in parts]) if parts else np.zeros(0, np.int64)
    # first case of each variant (cases are in order of first appearance)
    first_case = np.full(next_id, n_cases, dtype=np.int64)
    np.minimum.at(first_case, case_variant, np.arange(n_cases))
    # most frequent first, ties by first appearance
    rank = np.lexsort((first_case, -freq))
    old_offsets = np.concatenate([[0], np.cumsum(var_len)[:-1]]).astype(np.int64) \
        if next_id else var_len
    new_len = var_len[rank]
    new_offsets = np.concatenate([[0], np.cumsum(new_len)[:-1]]).astype(np.int64) \
        if next_id else new_len
    total = int(new_len.sum())
    gather = np.repeat(old_offsets[rank], new_len) + (np.arange(total)
                                                      - np.repeat(new_offsets, new_len))
    inverse = np.empty_like(rank)
    inverse[rank] = np.arange(len(rank))
    v = _Variants(labels=ev.labels, codes=codes[gather], offsets=new_offsets, lengths=new_len,
                  freq=freq[rank],
                  example=np.asarray(ev.case_labels, dtype=object)[first_case[rank]],
                  case_variant=inverse[case_variant], case_labels=ev.case_labels,
                  n_events_log=ev.n_events)
    return v, ev, frame


# -- scope: the part of each case a perception speaks about ------------------------------------

@dataclass(frozen=True)
class Scope:
    """What a comparison covers.

    Attributes
    ----------
    kind : str
        ``process`` (whole cases) or ``part`` (each case cut to the segment from its first
        perceived start step to its last perceived end step).
    start, end : tuple of str
        The perceived start and end steps that bound the segment.
    cases, events : int
        All cases and events (activity instances) in the log.
    cases_in_scope, events_in_scope : int
        Cases in which the segment occurs, and the events inside it.
    cases_without_start : int
        Cases in which no perceived start step happens (part only).
    cases_without_end : int
        Cases with a start step but no perceived end step after it (part only).
    """

    kind: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    cases: int
    events: int
    cases_in_scope: int
    events_in_scope: int
    cases_without_start: int = 0
    cases_without_end: int = 0

    @property
    def events_out_of_scope(self) -> int:
        return self.events - self.events_in_scope

    def describe(self, lang: str = "en") -> str:
        """One sentence on what was compared, in English (``en``) or Dutch (``nl``)."""
        lang = i18n.check_lang(lang, "Scope.describe")
        n = functools.partial(i18n.number, lang=lang)
        one, many = ("case", "cases") if lang == "en" else ("zaak", "zaken")

        def cases(k: int) -> str:
            return f"{n(k)} {one if k == 1 else many}"
        if self.kind == "process":
            if lang == "en":
                return (f"Scope: the whole process, all {n(self.cases)} cases "
                        f"({n(self.events)} events).")
            return (f"Bereik: het hele proces, alle {n(self.cases)} zaken "
                    f"({n(self.events)} gebeurtenissen).")
        starts, ends = _either(self.start, lang), _either(self.end, lang)
        if lang == "en":
            out = (f"Scope: a part of the process, from {starts} to {ends}: "
                   f"{n(self.cases_in_scope)} of {n(self.cases)} cases, "
                   f"{n(self.events_in_scope)} of {n(self.events)} events; the work before and "
                   "after it is left out.")
            if self.cases_without_start:
                out += f" In {cases(self.cases_without_start)} {starts} never happens."
            if self.cases_without_end:
                out += (f" In {cases(self.cases_without_end)} {ends} never happens after "
                        "the start.")
            return out
        out = (f"Bereik: een deel van het proces, van {starts} tot {ends}: "
               f"{n(self.cases_in_scope)} van de {n(self.cases)} zaken, "
               f"{n(self.events_in_scope)} van de {n(self.events)} gebeurtenissen; het werk "
               "ervoor en erna blijft buiten beschouwing.")
        if self.cases_without_start:
            out += f" In {cases(self.cases_without_start)} gebeurt {starts} nooit."
        if self.cases_without_end:
            out += (f" In {cases(self.cases_without_end)} volgt {ends} nooit op het "
                    "begin.")
        return out


def _cut(p: PerceivedProcess, v: _Variants, step_of: np.ndarray, ev):
    """Cut every variant to its segment from the first perceived start step to the last
    perceived end step after it (inclusive), vectorised on the variant codes.

    Returns the cut variants (variants without the segment keep length 0), ``missing`` per
    variant (0: segment found, 1: no start step, 2: no end step after the start) and a mask
    over ``ev``'s events that are in scope.
    """
    steps = list(p.steps)
    index = {s: i for i, s in enumerate(steps)}
    total = len(v.codes)
    sym = step_of[v.codes] if total else np.zeros(0, dtype=np.int64)
    is_start = np.zeros(len(steps) + 1, dtype=bool)   # index -1 (unknown work): False
    is_start[[index[s] for s in p.allowed_start]] = True
    is_end = np.zeros(len(steps) + 1, dtype=bool)
    is_end[[index[s] for s in p.allowed_end]] = True
    ev_var = v.event_variant()
    pos = np.arange(total, dtype=np.int64)
    # events are grouped by variant: the first start per variant is its first occurrence
    first_start = np.full(v.n, total, dtype=np.int64)
    sv, sp = ev_var[is_start[sym]], pos[is_start[sym]]
    if len(sv):
        head = np.r_[True, sv[1:] != sv[:-1]]
        first_start[sv[head]] = sp[head]
    has_start = first_start < total
    end_ok = is_end[sym] & (pos >= first_start[ev_var])
    last_end = np.full(v.n, -1, dtype=np.int64)
    evv, ep = ev_var[end_ok], pos[end_ok]
    if len(evv):
        tail = np.r_[evv[1:] != evv[:-1], True]
        last_end[evv[tail]] = ep[tail]
    ok = has_start & (last_end >= 0)
    missing = np.where(ok, 0, np.where(has_start, 2, 1)).astype(np.int64)
    seg_len = np.where(ok, last_end - first_start + 1, 0).astype(np.int64)
    new_offsets = np.concatenate([[0], np.cumsum(seg_len)[:-1]]).astype(np.int64) \
        if v.n else seg_len
    n_new = int(seg_len.sum())
    src = np.where(ok, first_start, 0)
    gather = np.repeat(src - new_offsets, seg_len) + np.arange(n_new, dtype=np.int64)
    cut = _Variants(labels=v.labels, codes=v.codes[gather], offsets=new_offsets,
                    lengths=seg_len, freq=v.freq, example=v.example,
                    case_variant=v.case_variant, case_labels=v.case_labels,
                    n_events_log=v.n_events_log)
    # the same cut on the events: position of each event in its case
    first_ev, _ = ev.first_last()
    if ev.n_events:
        k = np.arange(ev.n_events, dtype=np.int64) - first_ev[ev.case]
        var = v.case_variant[ev.case]
        lo = first_start[var] - v.offsets[var]
        hi = last_end[var] - v.offsets[var]
        mask = ok[var] & (k >= lo) & (k <= hi)
    else:
        mask = np.zeros(0, dtype=bool)
    return cut, missing, mask


# -- matching perceived steps to log activities -------------------------------------------------

def _fold(s: str) -> str:
    return "".join(str(s).split()).casefold()


def _match(perceived: PerceivedProcess, labels: Sequence[str]):
    """step_of_label (array: step index or -1), how each step matched, suggestions."""
    steps = list(perceived.steps)
    index = {a: i for i, a in enumerate(labels)}
    step_of = np.full(len(labels), -1, dtype=np.int64)
    how: dict[str, str] = {}
    matched_labels: dict[str, list[str]] = {s: [] for s in steps}
    for i, s in enumerate(steps):
        if s in index:
            step_of[index[s]] = i
            how[s] = "exact"
            matched_labels[s].append(s)
    for i, s in enumerate(steps):
        for alias in perceived.aliases.get(s, ()):
            j = index.get(alias)
            if j is None:
                continue
            if step_of[j] >= 0 and step_of[j] != i:
                raise InputError(
                    f"{perceived.source}: log activity '{alias}' is claimed by two perceived "
                    f"steps, '{steps[step_of[j]]}' and '{s}'; an activity can mean one step only.",
                    source=perceived.source)
            if step_of[j] != i:
                step_of[j] = i
                matched_labels[s].append(alias)
                how.setdefault(s, "alias")
    free = [a for j, a in enumerate(labels) if step_of[j] < 0]
    suggestions: dict[str, str] = {}
    for s in steps:
        if s in how:
            continue
        sug = _suggest(s, free, perceived.aliases.get(s, ()))
        if sug:
            suggestions[s] = sug
        log.warning("perceived step '%s' (%s) matches no activity in the log.%s", s,
                    perceived.name, f" Did you mean '{sug}'? Add it under 'aliases' if so."
                    if sug else "")
    return step_of, how, matched_labels, suggestions


def _suggest(step: str, candidates: Sequence[str], aliases: Sequence[str] = ()) -> str | None:
    folded = {_fold(c): c for c in candidates}
    for name in (step, *aliases):
        if _fold(name) in folded:
            return folded[_fold(name)]
    lower = {str(c).casefold(): c for c in candidates}
    for name in (step, *aliases):
        close = difflib.get_close_matches(str(name).casefold(), list(lower), n=1, cutoff=0.75)
        if close:
            return lower[close[0]]
    for name in (step, *aliases):   # 'Ship' for 'Shipped', 'Quote' for 'Quote drafted'
        key = _fold(name)
        hits = [c for f, c in folded.items()
                if len(min(key, f, key=len)) >= 4 and (f.startswith(key) or key.startswith(f))]
        if len(hits) == 1:
            return hits[0]
    return None


# -- results -------------------------------------------------------------------------------------

@dataclass(frozen=True, repr=False, eq=False)
class Comparison:
    """A perceived process held against the log (see the module docstring).

    Attributes
    ----------
    perceived : PerceivedProcess
    activities : DataFrame
        ``activity``, ``status``, ``log_activities``, ``match`` (``exact``/``alias``),
        ``suggestion``, ``cases``, ``events``, ``share`` (of all cases); with observations
        also ``perceived``, ``recorded``, ``observed``, ``observed_cases``, ``observed_events``.
    flows : DataFrame
        ``source``, ``target``, ``status``, ``perceived`` (``drawn``: told or drawn;
        ``implied``: allowed through an optional step or parallel branches; empty: not
        perceived), ``cases``, ``occurrences``, ``share``, ``wait_median``.
    conformance : float
        Share of cases whose path the perception allows (exact, per distinct variant).
    deviations : DataFrame
        ``kind``, ``activity``, ``source``, ``target``, ``cases``, ``share``, ``occurrences``,
        ``example_cases``, ``description`` (in ``lang``), ``explanation`` (English),
        ``explanation_nl``; most frequent first.
    durations : DataFrame
        ``kind`` (``step``/``flow``), ``where``, ``perceived``, ``actual_median``,
        ``actual_mean``, ``n``, ``ratio`` (actual median / perceived).
    n_cases : int
        All cases in the log (shares are of all cases, also with a partial scope).
    lang : str
    scope : Scope
        What was compared: the whole process or a part of it, with the cases and events in
        scope (``.scope.describe(lang)`` says it in a sentence).
    """

    perceived: PerceivedProcess
    activities: pd.DataFrame
    flows: pd.DataFrame
    conformance: float
    deviations: pd.DataFrame
    durations: pd.DataFrame
    n_cases: int
    lang: str = "en"
    three_way: bool = False
    scope: Scope | None = None
    _variant_data: tuple = field(default=(), repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def variants(self) -> pd.DataFrame:
        """One row per distinct variant (most frequent first): ``variant`` (the steps, hidden
        work under its log name, joined by " → "), ``cases``, ``fits``, ``example_case``.
        With a partial scope: the in-scope segments (empty: the segment does not occur)."""
        if "variants" not in self._cache:
            v, node, names, fits = self._variant_data
            out = pd.DataFrame({
                "variant": _variant_strings(v, node, names), "cases": v.freq, "fits": fits,
                "example_case": v.example})
            if self.scope is not None and self.scope.kind == "part":
                # cut variants that became equal are one variant of the segment
                out = out.groupby("variant", sort=False).agg(
                    cases=("cases", "sum"), fits=("fits", "first"),
                    example_case=("example_case", "first")).reset_index()
                out = out.sort_values("cases", ascending=False, kind="stable") \
                    .reset_index(drop=True)
            self._cache["variants"] = out
        return self._cache["variants"]

    def _replay_traces(self):
        v, node, names, _ = self._variant_data
        return _traces(v, node, names), v.freq

    # -- token replay (lazy: only when asked) ---------------------------------------------
    def petri_net(self):
        """The pm4py net ``.fitness`` replays on: the perception's own net plus, for every log
        activity it does not know, a transition that is never enabled (one missing token per
        such event)."""
        if "net" not in self._cache:
            v, node, names, _ = self._variant_data
            used = np.unique(node) if len(node) else np.zeros(0, dtype=np.int64)
            unknown = sorted({names[i] for i in used} - set(self.perceived.steps))
            net = self.perceived.net
            places = list(net.places)
            trans = list(net.transitions)
            for a in unknown:
                places.append(f"never {a}")
                trans.append(_Transition(f"unknown {a}", a, (len(places) - 1,), ()))
            self._cache["net"] = _to_pm4py(_Net(tuple(places), tuple(trans), net.initial,
                                                net.final))
        return self._cache["net"]

    @property
    def replay(self) -> pd.DataFrame:
        """pm4py's token replay per distinct variant: ``cases``, ``trace_is_fit``,
        ``trace_fitness``, ``missing``, ``consumed``, ``remaining``, ``produced``.

        The same numbers as ``pm4py.conformance_diagnostics_token_based_replay`` on
        `petri_net`, computed once per distinct (marking, activity) by pm4py itself and walked
        over all variants at once (see `_TokenReplay`)."""
        if "replay" not in self._cache:
            from ..._pm4py import quiet  # noqa: PLC0415

            v, node, names, _ = self._variant_data
            net, im, fm = self.petri_net()
            with quiet():
                out = _TokenReplay(net, im, fm, names).walk(node, v.offsets, v.lengths)
            out.insert(0, "cases", v.freq)
            self._cache["replay"] = out
        return self._cache["replay"]

    @property
    def fitness(self) -> float:
        """Token-replay fitness (0..1) through pm4py, as pm4py computes it for the whole log:
        ``½(1 − missing/consumed) + ½(1 − remaining/produced)``, token counts summed over all
        cases (distinct variants replayed once, weighted by their frequency)."""
        r = self.replay
        w = r["cases"].to_numpy()
        m, c = (r["missing"] * w).sum(), (r["consumed"] * w).sum()
        rem, p = (r["remaining"] * w).sum(), (r["produced"] * w).sum()
        return float(0.5 * (1 - m / c if c else 1) + 0.5 * (1 - rem / p if p else 1))

    @property
    def fitting_share(self) -> float:
        """Share of cases token replay calls fitting (pm4py's ``perc_fit_traces`` / 100)."""
        r = self.replay
        return float((r["cases"] * r["trace_is_fit"]).sum() / max(r["cases"].sum(), 1))

    # -- summaries ------------------------------------------------------------------------
    def summary(self) -> pd.Series:
        a = self.activities
        f = self.flows
        sc = self.scope
        return pd.Series({
            "perception": self.perceived.name,
            "told by": self.perceived.told_by,
            "cases": self.n_cases,
            "scope": sc.kind if sc else "process",
            "cases in scope": sc.cases_in_scope if sc else self.n_cases,
            "events in scope": sc.events_in_scope if sc else None,
            "conformance": self.conformance,
            "steps matched": int((a["status"] == "matched").sum()),
            "steps never happening": int((a["status"] == "perceived_only").sum()),
            "hidden activities": int((a["status"] == "hidden").sum()),
            "observed only": int((a["status"] == "observed_only").sum()),
            "flows matched": int((f["status"] == "matched").sum()),
            "flows never happening": int((f["status"] == "perceived_only").sum()),
            "hidden flows": int((f["status"] == "hidden").sum()),
        })

    def map(self, **kwargs):
        """The diff map: matched flows solid, perceived-only dashed and grey, hidden flows in a
        warning colour with their case counts. See `shadowing.analysis.compare.comparison.diff_map`."""
        return diff_map(self, **kwargs)

    def __repr__(self) -> str:
        part = (f" ({self.scope.cases_in_scope} in scope, part of the process)"
                if self.scope is not None and self.scope.kind == "part" else "")
        return (f"Comparison({self.perceived.name!r} vs log: {self.n_cases} cases{part}, "
                f"conformance {self.conformance:.0%}, "
                f"{int((self.activities['status'] == 'hidden').sum())} hidden activities)")

    def _repr_html_(self) -> str:
        s = self.summary()
        lang = self.lang
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th><td>"
            f"{html.escape(i18n.percent(v, lang) if k == 'conformance' else str(v))}</td></tr>"
            for k, v in s.items() if v is not None)
        dev = "".join(f"<li>{html.escape(t)}</li>"
                      for t in self.deviations["description"].head(5))
        scope = (f"<p>{html.escape(self.scope.describe(lang))}</p>"
                 if self.scope is not None and self.scope.kind == "part" else "")
        return (f"<div class='shadowing-comparison'><table><caption>Perceived vs actual"
                f"</caption>{rows}</table>{scope}<ul>{dev}</ul></div>")


@dataclass(frozen=True, repr=False, eq=False)
class Comparisons:
    """Several perceptions held against the same log, side by side.

    ``comparisons`` maps each perception's name to its `Comparison`; ``table`` is the one
    side-by-side table (see `compare_perceptions`); ``summary`` one row per perception.
    """

    comparisons: Mapping[str, Comparison]
    table: pd.DataFrame

    def __getitem__(self, name: str) -> Comparison:
        return self.comparisons[name]

    def __iter__(self):
        return iter(self.comparisons.values())

    def __len__(self) -> int:
        return len(self.comparisons)

    @property
    def summary(self) -> pd.DataFrame:
        return pd.DataFrame([c.summary() for c in self.comparisons.values()]).reset_index(drop=True)

    def __repr__(self) -> str:
        return f"Comparisons({', '.join(self.comparisons)})"

    def _repr_html_(self) -> str:
        return self.summary.to_html(index=False) + self.table.to_html(index=False)


# -- compare -------------------------------------------------------------------------------------

def compare(perceived, log, *, observations=None, lang: str = "en", scope: str | None = None):
    """Hold a perceived process against the event log.

    Parameters
    ----------
    perceived : PerceivedProcess, path, or a list/dict of them
        What the group told (see `read_perceived`). A list or dict compares several
        perceptions side by side and returns `Comparisons`.
    log : EventLog or DataFrame
        The recorded events (pm4py column names for a DataFrame).
    observations : Observations, EventLog or DataFrame, optional
        Shadowing observations (or their event log, ``observations_to_log``) for a three-way
        comparison: activities and flows seen only by the observers get ``observed_only``.
    lang : {"en", "nl"}
        Language of the ``description`` column of ``.deviations``.
    scope : {None, "process", "part"}
        What the perception covers; overrides its own ``scope`` (YAML ``scope:``; default
        ``process``). ``part``: each case is cut to the segment from its first perceived start
        step to its last perceived end step after it; work outside is out of scope (not hidden,
        not in conformance or deviations), cases without the segment do not fit.

    Returns
    -------
    Comparison (or Comparisons for several perceptions)

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"case:concept:name": ["1", "1", "2", "2"],
    ...                    "concept:name": ["a", "b", "a", "c"],
    ...                    "time:timestamp": pd.to_datetime(["2026-01-05 08:00", "2026-01-05 09:00",
    ...                                                      "2026-01-05 08:00", "2026-01-05 10:00"])})
    >>> c = compare({"name": "ab", "steps": ["a", "b"]}, df)
    >>> c.conformance
    0.5
    """
    i18n.check_lang(lang, "compare")
    check_choice("scope", scope, (None, *SCOPES), func="compare")
    if isinstance(perceived, (list, tuple, dict)) and not _is_single_mapping(perceived):
        return _compare_many(perceived, log, observations=observations, lang=lang, scope=scope)
    variants, ev, frame = _variants(log)
    observed = _observed_variants(observations)
    return _compare_one(read_perceived(perceived), variants, ev, frame, observed, lang=lang,
                        scope=scope)


def _is_single_mapping(x) -> bool:
    return isinstance(x, Mapping) and "steps" in x


def _observed_variants(observations):
    if observations is None:
        return None
    data = observations
    if not isinstance(data, pd.DataFrame) and hasattr(data, "frame") and \
            "observation_id" in getattr(data, "frame").columns:
        from ...io.observations import observations_to_log  # noqa: PLC0415

        data = observations_to_log(data)
    v, _, _ = _variants(data)
    return v


def _compare_many(perceptions, log, *, observations, lang, scope=None) -> Comparisons:
    items = list(perceptions.items()) if isinstance(perceptions, Mapping) else \
        [(None, p) for p in perceptions]
    if not items:
        raise ParameterError("The 'perceived' parameter of compare must hold at least one "
                             "perception. Got an empty list instead.")
    variants, ev, frame = _variants(log)
    observed = _observed_variants(observations)
    out: dict[str, Comparison] = {}
    for key, p in items:
        p = read_perceived(p)
        label = str(key) if key is not None else p.name
        if label in out and p.told_by:
            label = f"{label} ({p.told_by})"
        if label in out:
            label = f"{label} #{len(out) + 1}"
        out[label] = _compare_one(p, variants, ev, frame, observed, lang=lang, scope=scope)
    return Comparisons(comparisons=out, table=_side_by_side(out, variants))


def compare_perceptions(perceptions, log, *, observations=None, lang: str = "en",
                        scope: str | None = None) -> pd.DataFrame:
    """One table with several perceptions side by side (the manager's, the team's, ...).

    Returns one row per log activity and per log flow (``kind``, ``item``: the log's names,
    ``A → B`` for flows; ``cases``, ``share``), then the steps and flows some perception told
    that never happen; one status column per perception (``—``: that perception does not
    mention it and it does not happen; ``out_of_scope``: it happens only outside the part that
    perception describes). ``perceptions`` is a list or a dict ``{label: perception}``.
    """
    if isinstance(perceptions, (PerceivedProcess, str)) or _is_single_mapping(perceptions):
        perceptions = [perceptions]
    return compare(list(perceptions) if not isinstance(perceptions, Mapping) else perceptions,
                   log, observations=observations, lang=lang, scope=scope).table


def _side_by_side(comps: Mapping[str, Comparison], v: _Variants) -> pd.DataFrame:
    """One row per log activity and log flow (the log's names), plus what each perception
    told that never happens; one status column per perception."""
    labels = [str(x) for x in v.labels]
    n = len(labels)
    ev_var = v.event_variant()
    a_cases, _ = _presence(v.codes, ev_var, v.freq, n)
    f_cases, _ = _flow_counts(v.codes, ev_var, v.freq, n)
    act_rows = pd.DataFrame({"kind": "activity", "item": labels, "cases": a_cases})
    act_rows = act_rows.loc[act_rows["cases"] > 0]
    fk = f_cases.index.to_numpy()
    flow_src = [labels[k // n] for k in fk]
    flow_tgt = [labels[k % n] for k in fk]
    flow_rows = pd.DataFrame({"kind": "flow",
                              "item": [f"{a}{ARROW}{b}" for a, b in zip(flow_src, flow_tgt)],
                              "cases": f_cases.to_numpy()})
    extra_acts, extra_flows = {}, {}
    statuses = {}
    for label, c in comps.items():
        a = c.activities
        node_of = {}
        for act, logs in zip(a["activity"], a["log_activities"]):
            for x in str(logs).split("; "):
                if x:
                    node_of[x] = act
        a_status = dict(zip(a["activity"], a["status"]))
        f_status = {(x, y): st for x, y, st in zip(c.flows["source"], c.flows["target"],
                                                   c.flows["status"])}
        outside = "out_of_scope" if c.scope is not None and c.scope.kind == "part" else "—"
        col_a = [a_status.get(node_of.get(x, x), outside) for x in act_rows["item"]]
        col_f = [f_status.get((node_of.get(x, x), node_of.get(y, y)), outside)
                 for x, y in zip(flow_src, flow_tgt)]
        for act, st in a_status.items():
            if st in ("perceived_only", "observed_only"):
                extra_acts.setdefault(act, {})[label] = st
        for (x, y), st in f_status.items():
            if st in ("perceived_only", "observed_only"):
                extra_flows.setdefault(f"{x}{ARROW}{y}", {})[label] = st
        statuses[label] = (col_a, col_f)
    for label, (col_a, col_f) in statuses.items():
        act_rows[label] = col_a
        flow_rows[label] = col_f
    extra = []
    for kind, items in (("activity", extra_acts), ("flow", extra_flows)):
        for item, sts in items.items():
            row = {"kind": kind, "item": item, "cases": 0}
            row.update({label: sts.get(label, "—") for label in comps})
            extra.append(row)
    out = pd.concat([act_rows, flow_rows, pd.DataFrame(extra, columns=act_rows.columns)],
                    ignore_index=True)
    out = out.drop_duplicates(["kind", "item"])
    out["cases"] = out["cases"].astype("int64")
    out.insert(3, "share", out["cases"] / max(v.n_cases, 1))
    out = out.assign(_k=out["kind"].map({"activity": 0, "flow": 1}))
    out = out.sort_values(["_k", "cases", "item"], ascending=[True, False, True])
    return out.drop(columns="_k").reset_index(drop=True)


def _compare_one(p: PerceivedProcess, v: _Variants, ev, frame, observed: _Variants | None, *,
                 lang: str, scope: str | None = None) -> Comparison:
    labels = [str(x) for x in v.labels]
    steps = list(p.steps)
    n_steps = len(steps)
    step_of, how, matched_labels, suggestions = _match(p, labels)
    n_cases = v.n_cases
    n_events = int((v.freq * v.lengths).sum())
    kind = scope or p.scope
    missing = None
    if kind == "part":
        v, missing, mask = _cut(p, v, step_of, ev)
        ev = ev.keep(mask)
        sc = Scope(kind="part", start=tuple(s for s in steps if s in p.allowed_start),
                   end=tuple(s for s in steps if s in p.allowed_end), cases=n_cases,
                   events=n_events, cases_in_scope=int(v.freq[missing == 0].sum()),
                   events_in_scope=int((v.freq * v.lengths).sum()),
                   cases_without_start=int(v.freq[missing == 1].sum()),
                   cases_without_end=int(v.freq[missing == 2].sum()))
    else:
        sc = Scope(kind="process", start=tuple(p.start), end=tuple(p.end), cases=n_cases,
                   events=n_events, cases_in_scope=n_cases, events_in_scope=n_events)

    # -- conformance: the language check per distinct variant
    sym = step_of[v.codes] if len(v.codes) else np.zeros(0, dtype=np.int64)
    dfa = _DFA(p.net, steps)
    final = dfa.walk(sym, v.offsets, v.lengths)
    fits = dfa.accepting()[final] if len(final) else np.zeros(0, dtype=bool)
    if missing is not None:
        fits = fits & (missing == 0)
    conformance = float(v.freq[fits].sum() / n_cases) if n_cases else float("nan")

    # node ids: perceived steps 0..S-1, hidden log activities S + code
    node = np.where(sym >= 0, sym, n_steps + v.codes)
    node_names = steps + labels
    ev_var = v.event_variant()

    activities = _activity_table(p, v, node, ev_var, node_names, how, matched_labels,
                                 suggestions, observed)
    flows = _flow_table(p, v, node, ev_var, node_names, ev, step_of, observed)
    deviations = _deviations(p, v, sym, ev_var, labels, lang=lang, missing=missing)
    durations = _durations(p, ev, step_of)
    return Comparison(perceived=p, activities=activities, flows=flows, conformance=conformance,
                      deviations=deviations, durations=durations, n_cases=n_cases, lang=lang,
                      three_way=observed is not None, scope=sc,
                      _variant_data=(v, node, node_names, fits))


def _variant_strings(v: _Variants, node, names) -> list[str]:
    names = np.asarray(names, dtype=object)
    return [ARROW.join(names[node[o:o + n]]) for o, n in zip(v.offsets, v.lengths)]


def _traces(v: _Variants, node, names) -> list[list[str]]:
    names = np.asarray(names, dtype=object)
    return [list(names[node[o:o + n]]) for o, n in zip(v.offsets, v.lengths)]


# -- activities ------------------------------------------------------------------------------------

def _presence(keys: np.ndarray, ev_var: np.ndarray, freq: np.ndarray, n_keys: int):
    """(cases, events) per key, from per-variant event keys."""
    if len(keys) == 0:
        return np.zeros(n_keys, dtype=np.int64), np.zeros(n_keys, dtype=np.int64)
    w = freq[ev_var]
    events = np.bincount(keys, weights=w, minlength=n_keys).astype(np.int64)
    n_var = len(freq)
    if n_var * n_keys <= 50_000_000:
        seen = np.zeros((n_var, n_keys), dtype=bool)
        seen[ev_var, keys] = True
        return (freq @ seen).astype(np.int64), events
    pair = np.unique(ev_var.astype(np.int64) * n_keys + keys)
    cases = np.bincount(pair % n_keys, weights=freq[pair // n_keys],
                        minlength=n_keys).astype(np.int64)
    return cases, events


def _observed_nodes(p: PerceivedProcess, ov: _Variants, node_names: list[str]):
    """Node ids of the observed events in the recorded numbering (new names appended)."""
    names = list(node_names)
    index = _first_index(names)
    o_labels = [str(x) for x in ov.labels]
    o_step, _, _, _ = _match_quiet(p, o_labels)
    ids = np.empty(len(o_labels), dtype=np.int64)
    for j, lab in enumerate(o_labels):
        if o_step[j] >= 0:
            ids[j] = o_step[j]
        else:
            if lab not in index:
                index[lab] = len(names)
                names.append(lab)
            ids[j] = index[lab]
    return ids[ov.codes], names


def _match_quiet(p, labels):
    logger = logging.getLogger(__name__)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return _match(p, labels)
    finally:
        logger.setLevel(level)


def _activity_table(p, v, node, ev_var, node_names, how, matched_labels, suggestions,
                    observed) -> pd.DataFrame:
    n_steps = len(p.steps)
    o_node = None
    names = list(node_names)
    if observed is not None:
        o_node, names = _observed_nodes(p, observed, node_names)
    n_nodes = len(names)
    cases, events = _presence(node, ev_var, v.freq, n_nodes)
    rec = cases > 0
    rows = pd.DataFrame({"activity": names, "cases": cases, "events": events})
    rows["perceived"] = np.arange(n_nodes) < n_steps
    rows["recorded"] = rec
    if o_node is not None:
        o_cases, o_events = _presence(o_node, observed.event_variant(), observed.freq, n_nodes)
        rows["observed"] = o_cases > 0
        rows["observed_cases"] = o_cases
        rows["observed_events"] = o_events
    else:
        rows["observed"] = False
    keep = rows["perceived"] | rows["recorded"] | rows["observed"]
    # hidden log activities that never occur (unused categories) are not rows
    status = np.select(
        [rows["perceived"] & rows["recorded"], ~rows["recorded"] & rows["observed"],
         rows["perceived"] & ~rows["recorded"], rows["recorded"] & ~rows["perceived"]],
        ["matched", "observed_only", "perceived_only", "hidden"], default="")
    rows.insert(1, "status", status)
    rows["log_activities"] = [
        "; ".join(matched_labels[s]) if i < n_steps else (s if rec[i] else "")
        for i, s in enumerate(names)]
    rows["match"] = [how.get(s, "") if i < n_steps else "" for i, s in enumerate(names)]
    # suggestions both ways: unmatched steps, and hidden activities close to an unmatched step
    unmatched = [s for s in p.steps if s not in how]
    sug = []
    for i, s in enumerate(names):
        if i < n_steps:
            sug.append(suggestions.get(s, ""))
        elif rec[i] and unmatched:
            sug.append(_suggest(s, unmatched) or "")
        else:
            sug.append("")
    if o_node is not None:   # a step nobody recorded may have been seen under another name
        seen_only = [names[i] for i in range(n_steps, n_nodes)
                     if not rec[i] and rows["observed"].iloc[i]]
        sug = [x or (_suggest(s, seen_only) or "" if i < n_steps and s in unmatched else "")
               for i, (s, x) in enumerate(zip(names, sug))]
    rows["suggestion"] = sug
    rows["share"] = rows["cases"] / max(v.n_cases, 1)
    rows = rows.loc[keep.to_numpy()]
    order = ["activity", "status", "log_activities", "match", "suggestion", "cases", "events",
             "share", "perceived", "recorded", "observed"]
    if o_node is not None:
        order += ["observed_cases", "observed_events"]
    rows = rows[order]
    rank = rows["status"].map({s: i for i, s in enumerate(STATUSES)})
    rows = rows.assign(_r=rank, _p=np.where(rows["perceived"], 0, 1),
                       _i=np.arange(len(rows)))
    rows = rows.sort_values(["_p", "_i"]).drop(columns=["_r", "_p", "_i"])
    if o_node is None:
        rows = rows.drop(columns=["observed"])
    return rows.reset_index(drop=True)


# -- flows -----------------------------------------------------------------------------------------

def _pairs(node, ev_var):
    same = ev_var[1:] == ev_var[:-1]
    return node[:-1][same], node[1:][same], ev_var[1:][same]


def _flow_counts(node, ev_var, freq, n_nodes):
    a, b, var = _pairs(node, ev_var)
    key = a * n_nodes + b
    w = freq[var]
    occ = pd.Series(w).groupby(key).sum()
    uniq = np.unique(var.astype(np.int64) * (n_nodes * n_nodes) + key)
    cases = pd.Series(freq[uniq // (n_nodes * n_nodes)]).groupby(uniq % (n_nodes * n_nodes)).sum()
    return cases, occ


def _flow_table(p, v, node, ev_var, node_names, ev, step_of, observed) -> pd.DataFrame:
    names = list(node_names)
    o_node = None
    if observed is not None:
        o_node, names = _observed_nodes(p, observed, node_names)
    n = len(names)
    cases, occ = _flow_counts(node, ev_var, v.freq, n)
    index = _first_index(names)
    drawn = {index[a] * n + index[b] for a, b in p.flows}
    implied = {index[a] * n + index[b] for a, b in p.allowed_flows} - drawn
    keys = sorted(set(cases.index) | drawn)
    o_cases = None
    if o_node is not None:
        o_cases, _ = _flow_counts(o_node, observed.event_variant(), observed.freq, n)
        keys = sorted(set(keys) | set(o_cases.index))
    keys = np.asarray(keys, dtype=np.int64)
    out = pd.DataFrame({
        "source": [names[k // n] for k in keys], "target": [names[k % n] for k in keys],
        "cases": cases.reindex(keys, fill_value=0).to_numpy().astype(np.int64),
        "occurrences": occ.reindex(keys, fill_value=0).to_numpy().astype(np.int64)})
    perceived = np.array(["drawn" if k in drawn else "implied" if k in implied else ""
                          for k in keys], dtype=object)
    out.insert(2, "perceived", perceived)
    rec = out["cases"].to_numpy() > 0
    is_p = perceived != ""
    obs = np.zeros(len(keys), dtype=bool)
    if o_cases is not None:
        oc = o_cases.reindex(keys, fill_value=0).to_numpy().astype(np.int64)
        obs = oc > 0
        out["observed_cases"] = oc
    status = np.select([is_p & rec, ~rec & obs, is_p & ~rec, rec & ~is_p],
                       ["matched", "observed_only", "perceived_only", "hidden"], default="")
    out.insert(2, "status", status)
    out["share"] = out["cases"] / max(v.n_cases, 1)
    out = out.loc[status != ""]
    out["wait_median"] = _flow_waits(out, ev, step_of, p, names)
    rank = out["status"].map({s: i for i, s in enumerate(STATUSES)})
    out = out.assign(_r=rank).sort_values(["_r", "cases", "source", "target"],
                                          ascending=[True, False, True, True])
    return out.drop(columns="_r").reset_index(drop=True)


def _first_index(names) -> dict[str, int]:
    """Name -> first position (perceived steps come before the log's names)."""
    out: dict[str, int] = {}
    for i, s in enumerate(names):
        out.setdefault(s, i)
    return out


def _event_nodes(ev, step_of, n_steps):
    return np.where(step_of[ev.act] >= 0, step_of[ev.act], n_steps + ev.act)


def _flow_waits(out, ev, step_of, p, names) -> pd.Series:
    """Median waiting time per directly-follows flow (next start − previous end)."""
    n = len(names)
    node = _event_nodes(ev, step_of, len(p.steps))
    same = ev.case[1:] == ev.case[:-1]
    start = ev.start if ev.start is not None else ev.end
    wait = (start[1:] - ev.end[:-1])[same]
    key = (node[:-1] * n + node[1:])[same]
    med = pd.Series(wait).groupby(key).median()
    index = _first_index(names)
    want = out["source"].map(index).to_numpy() * n + out["target"].map(index).to_numpy()
    vals = med.reindex(want).to_numpy()
    return pd.Series(pd.to_timedelta(vals, unit="ns"), index=out.index)


# -- durations -------------------------------------------------------------------------------------

def _durations(p: PerceivedProcess, ev, step_of) -> pd.DataFrame:
    cols = ["kind", "where", "perceived", "actual_median", "actual_mean", "n", "ratio"]
    if not p.durations:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    index = {s: i for i, s in enumerate(p.steps)}
    s_of = step_of[ev.act]
    rows = []
    step_stats = None
    for key, td in p.durations.items():
        if isinstance(key, tuple):
            st = _elapsed(ev, s_of, index[key[0]], index[key[1]])
            where = f"{key[0]}{ARROW}{key[1]}"
            kind = "flow"
        else:
            if step_stats is None:
                if ev.start is not None:
                    has = s_of >= 0
                    dur = (ev.end - ev.start)[has]
                    step_stats = pd.Series(dur).groupby(s_of[has]).agg(["median", "mean", "size"])
                else:
                    step_stats = pd.DataFrame(columns=["median", "mean", "size"])
            k = index[key]
            st = step_stats.loc[k] if k in step_stats.index else None
            where, kind = key, "step"
        med = pd.Timedelta(int(st["median"]), unit="ns") if st is not None else pd.NaT
        mean = pd.Timedelta(int(st["mean"]), unit="ns") if st is not None else pd.NaT
        rows.append({"kind": kind, "where": where, "perceived": td, "actual_median": med,
                     "actual_mean": mean, "n": int(st["size"]) if st is not None else 0,
                     "ratio": (med / td) if st is not None and td > pd.Timedelta(0)
                     else float("nan")})
    out = pd.DataFrame(rows, columns=cols)
    out["n"] = out["n"].astype("int64")
    out["ratio"] = out["ratio"].astype(float)
    return out


def _elapsed(ev, s_of, a: int, b: int):
    """Per case: from the end of the first ``a`` to the start of the first ``b`` after it.

    A perceived flow duration ("from A to B takes a day") is an elapsed time, whatever
    happens in between; cases without a ``b`` after an ``a`` do not count.
    """
    start = ev.start if ev.start is not None else ev.end
    never = np.iinfo(np.int64).max
    t_a = np.full(ev.n_cases, never, dtype=np.int64)
    is_a = s_of == a
    np.minimum.at(t_a, ev.case[is_a], ev.end[is_a])
    is_b = s_of == b
    cb, sb = ev.case[is_b], start[is_b]
    ok = (t_a[cb] != never) & (sb >= t_a[cb])
    first_b = np.full(ev.n_cases, never, dtype=np.int64)
    np.minimum.at(first_b, cb[ok], sb[ok])
    has = first_b != never
    if not has.any():
        return None
    waits = first_b[has] - t_a[has]
    return pd.Series({"median": float(np.median(waits)), "mean": float(waits.mean()),
                      "size": int(has.sum())})


# -- deviations ------------------------------------------------------------------------------------

_KINDS = ("inserted", "skipped", "repeated", "loop", "wrong_order", "unexpected_flow",
          "unexpected_start", "unexpected_end", "no_perceived_step", "start_missing",
          "end_missing")


def _reach(p: PerceivedProcess):
    steps = list(p.steps)
    idx = {s: i for i, s in enumerate(steps)}
    succ = [[] for _ in steps]
    for a, b in sorted(p.allowed_flows):
        succ[idx[a]].append(idx[b])

    def path(a, b):
        """Shortest path a ⇝ b (intermediate steps), or None."""
        prev = {a: None}
        q = deque([a])
        while q:
            x = q.popleft()
            for y in succ[x]:
                if y == b:
                    out, z = [], x
                    while z is not None and z != a:
                        out.append(z)
                        z = prev[z]
                    return out[::-1]
                if y not in prev:
                    prev[y] = x
                    q.append(y)
        return None
    return path


def _deviations(p: PerceivedProcess, v: _Variants, sym, ev_var, labels, *, lang,
                missing=None) -> pd.DataFrame:
    steps = list(p.steps)
    S = len(steps)
    total = len(sym)
    parts = []   # arrays: var, kind, x, y, z
    if total:
        known = sym >= 0
        # inserted: hidden activity with the nearest perceived step before and after it
        unk = np.flatnonzero(~known)
        if len(unk):
            s = pd.Series(np.where(known, sym, np.nan))
            g = s.groupby(ev_var)
            prev = g.ffill().fillna(-1).to_numpy().astype(np.int64)
            nxt = g.bfill().fillna(-1).to_numpy().astype(np.int64)
            parts.append((ev_var[unk], np.full(len(unk), 0), v.codes[unk], prev[unk], nxt[unk]))
        kidx = np.flatnonzero(known)
        kv, ks = ev_var[kidx], sym[kidx]
        if len(kidx):
            allowed = np.zeros((S, S), dtype=bool)
            index = {x: i for i, x in enumerate(steps)}
            for a, b in p.allowed_flows:
                allowed[index[a], index[b]] = True
            same = kv[1:] == kv[:-1]
            a, b = ks[:-1][same], ks[1:][same]
            pv = kv[1:][same]
            bad = ~allowed[a, b]
            if bad.any():
                path = _reach(p)
                # seen before: does step b occur earlier in the case?
                first = pd.Series(np.arange(len(kidx))).groupby(kv * S + ks).transform("min")
                first = first.to_numpy()
                b_pos = np.arange(1, len(kidx))[same]
                seen = first[b_pos] < b_pos
                kind = np.empty(bad.sum(), dtype=np.int64)
                ab, bb, sb = a[bad], b[bad], seen[bad]
                uniq = np.unique(np.stack([ab, bb], axis=1), axis=0)
                cls = {}
                for x, y in uniq:
                    if x == y:
                        cls[(x, y)] = (2, -1)
                    else:
                        fwd = path(x, y)
                        if fwd:
                            cls[(x, y)] = (1, -1)
                        elif path(y, x) is not None or allowed[y, x]:
                            cls[(x, y)] = (3, -1)   # back: loop or wrong order
                        else:
                            cls[(x, y)] = (5, -1)
                base = np.array([cls[(x, y)][0] for x, y in zip(ab, bb)], dtype=np.int64)
                kind = np.where((base == 3) & ~sb, 4, base)
                parts.append((pv[bad], kind, np.full(len(ab), -1), ab, bb))
            # start and end of the perceived steps in each case
            first_k = np.r_[True, kv[1:] != kv[:-1]]
            last_k = np.r_[kv[1:] != kv[:-1], True]
            start_ok = np.isin(ks[first_k], [index[x] for x in p.allowed_start])
            end_ok = np.isin(ks[last_k], [index[x] for x in p.allowed_end])
            parts.append((kv[first_k][~start_ok], np.full((~start_ok).sum(), 6),
                          ks[first_k][~start_ok], np.full((~start_ok).sum(), -1),
                          np.full((~start_ok).sum(), -1)))
            parts.append((kv[last_k][~end_ok], np.full((~end_ok).sum(), 7),
                          ks[last_k][~end_ok], np.full((~end_ok).sum(), -1),
                          np.full((~end_ok).sum(), -1)))
        has_known = np.zeros(v.n, dtype=bool)
        has_known[kv] = True
        if missing is not None:
            has_known |= missing > 0
        none = np.flatnonzero(~has_known)
        if len(none):
            parts.append((none, np.full(len(none), 8), np.full(len(none), -1),
                          np.full(len(none), -1), np.full(len(none), -1)))
    if missing is not None:   # partial scope: the segment does not occur
        for code, kind in ((1, 9), (2, 10)):
            where = np.flatnonzero(missing == code)
            if len(where):
                parts.append((where, np.full(len(where), kind), np.full(len(where), -1),
                              np.full(len(where), -1), np.full(len(where), -1)))
    cols = ["kind", "activity", "source", "target", "cases", "share", "occurrences",
            "example_cases", "description", "explanation", "explanation_nl"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    inst = pd.DataFrame({k: np.concatenate([np.asarray(pt[i], dtype=np.int64) for pt in parts])
                         for i, k in enumerate(["var", "kind", "x", "y", "z"])})
    per_var = inst.groupby(["kind", "x", "y", "z", "var"], sort=False).size().rename("n") \
        .reset_index()
    per_var["freq"] = v.freq[per_var["var"].to_numpy()]
    per_var["occ"] = per_var["n"] * per_var["freq"]
    agg = per_var.groupby(["kind", "x", "y", "z"], sort=False).agg(
        cases=("freq", "sum"), occurrences=("occ", "sum")).reset_index()
    # examples: the first case of the three most frequent variants showing it
    ex = per_var.sort_values(["kind", "x", "y", "z", "freq", "var"],
                             ascending=[True, True, True, True, False, True])
    ex = ex.groupby(["kind", "x", "y", "z"], sort=False).head(3)
    ex = ex.assign(case=v.example[ex["var"].to_numpy()].astype(str))
    ex = ex.groupby(["kind", "x", "y", "z"], sort=False)["case"].agg(", ".join).rename(
        "example_cases").reset_index()
    agg = agg.merge(ex, on=["kind", "x", "y", "z"], how="left")
    agg["share"] = agg["cases"] / max(v.n_cases, 1)
    agg = agg.sort_values(["cases", "kind"], ascending=[False, True]).reset_index(drop=True)

    path = _reach(p)
    starts = [s for s in steps if s in p.allowed_start]
    ends = [s for s in steps if s in p.allowed_end]
    texts = {"en": [], "nl": []}
    act, src, tgt = [], [], []
    for r in agg.itertuples(index=False):
        kind = _KINDS[r.kind]
        x = labels[r.x] if kind == "inserted" else (steps[r.x] if r.x >= 0 else None)
        y = steps[r.y] if r.y >= 0 else None
        z = steps[r.z] if r.z >= 0 else None
        via = [steps[i] for i in (path(r.y, r.z) or [])] if kind == "skipped" else []
        for lg in ("en", "nl"):
            texts[lg].append(_describe(kind, x, y, z, via, r.share, lg, starts, ends))
        if kind in ("start_missing", "end_missing"):
            act.append(", ".join(starts if kind == "start_missing" else ends))
            src.append(None)
            tgt.append(None)
            continue
        act.append(x if kind in ("inserted", "unexpected_start", "unexpected_end")
                   else (", ".join(via) if kind == "skipped" else z))
        src.append(y if kind != "unexpected_end" else x)
        tgt.append(z if kind != "unexpected_start" else x)
    out = pd.DataFrame({
        "kind": [_KINDS[k] for k in agg["kind"]], "activity": act, "source": src,
        "target": tgt, "cases": agg["cases"].astype("int64"), "share": agg["share"],
        "occurrences": agg["occurrences"].astype("int64"), "example_cases": agg["example_cases"],
        "description": texts[lang], "explanation": texts["en"], "explanation_nl": texts["nl"]})
    return out


def _q(s) -> str:
    return f"'{s}'"


def _either(names, lang) -> str:
    names = [_q(n) for n in names]
    if len(names) <= 1:
        return names[0] if names else "–"
    word = " or " if lang == "en" else " of "
    return ", ".join(names[:-1]) + word + names[-1]


def _both(names, lang) -> str:
    names = [_q(n) for n in names]
    if len(names) <= 1:
        return names[0]
    word = " and " if lang == "en" else " en "
    return ", ".join(names[:-1]) + word + names[-1]


@functools.lru_cache(maxsize=4096)
def _pct(share: float, lang: str) -> str:
    return i18n.percent(share, lang, decimals=0 if share >= 0.095 or share == 0 else 1)


def _describe(kind, x, y, z, via, share, lang, starts, ends) -> str:
    pct = _pct(round(float(share), 4), lang)
    if lang == "en":
        head = f"in {pct} of cases, "
        if kind == "inserted":
            if y and z:
                return head + f"{_q(x)} happens between {_q(y)} and {_q(z)}"
            if z:
                return head + f"{_q(x)} happens before {_q(z)} (at the start)"
            if y:
                return head + f"{_q(x)} happens after {_q(y)} (at the end)"
            return head + f"{_q(x)} happens, and none of the perceived steps"
        if kind == "skipped":
            verb = "is" if len(via) == 1 else "are"
            return head + f"{_both(via, lang)} {verb} skipped: {_q(z)} follows directly on {_q(y)}"
        if kind == "repeated":
            return head + f"{_q(y)} is done again right after itself"
        if kind == "loop":
            return head + f"the work goes back from {_q(y)} to {_q(z)} (rework)"
        if kind == "wrong_order":
            return head + f"{_q(z)} comes after {_q(y)}, although it was told to come before it"
        if kind == "unexpected_flow":
            return head + f"{_q(z)} follows directly on {_q(y)}, a flow nobody mentioned"
        if kind == "unexpected_start":
            return head + f"the work starts with {_q(x)} instead of {_either(starts, lang)}"
        if kind == "unexpected_end":
            return head + f"the work ends after {_q(x)} instead of after {_either(ends, lang)}"
        if kind == "start_missing":
            return head + f"the perceived start ({_either(starts, lang)}) never happens"
        if kind == "end_missing":
            return head + (f"the perceived end ({_either(ends, lang)}) never happens after the "
                           f"start ({_either(starts, lang)})")
        return head + "none of the perceived steps happens"
    head = f"in {pct} van de zaken "
    if kind == "inserted":
        if y and z:
            return head + f"gebeurt {_q(x)} tussen {_q(y)} en {_q(z)}"
        if z:
            return head + f"gebeurt {_q(x)} vóór {_q(z)} (aan het begin)"
        if y:
            return head + f"gebeurt {_q(x)} na {_q(y)} (aan het eind)"
        return head + f"gebeurt {_q(x)}, en geen van de genoemde stappen"
    if kind == "skipped":
        verb = "wordt" if len(via) == 1 else "worden"
        return head + f"{verb} {_both(via, lang)} overgeslagen: {_q(z)} volgt direct op {_q(y)}"
    if kind == "repeated":
        return head + f"wordt {_q(y)} direct nog eens gedaan"
    if kind == "loop":
        return head + f"gaat het werk terug van {_q(y)} naar {_q(z)} (herwerk)"
    if kind == "wrong_order":
        return head + f"komt {_q(z)} na {_q(y)}, terwijl het ervoor zou komen"
    if kind == "unexpected_flow":
        return head + f"volgt {_q(z)} direct op {_q(y)}, een stroom die niemand noemde"
    if kind == "unexpected_start":
        return head + f"begint het werk met {_q(x)} in plaats van {_either(starts, lang)}"
    if kind == "unexpected_end":
        return head + f"eindigt het werk na {_q(x)} in plaats van na {_either(ends, lang)}"
    if kind == "start_missing":
        return head + f"gebeurt het genoemde begin ({_either(starts, lang)}) nooit"
    if kind == "end_missing":
        return head + (f"volgt het genoemde einde ({_either(ends, lang)}) nooit op het begin "
                       f"({_either(starts, lang)})")
    return head + "gebeurt geen enkele van de genoemde stappen"


# -- the diff map ----------------------------------------------------------------------------------

WARNING = "#d9480f"
MATCHED = "#343a40"
GREY = "#adb5bd"
OBSERVED = "#1c7ed6"

_MAP_WORDS = {
    "en": {"cases": "cases", "case": "case", "perceived_only": "never happens",
           "hidden": "nobody mentioned it", "observed_only": "seen, not in the system",
           "legend": ("solid: as told and it happens; dashed grey: told, never happens; "
                      "{warn}: happens, nobody told it (number of cases)"),
           "observed": "; dotted blue: observed only, the system never sees it",
           "min_share": "; hidden flows and activities under {p} of cases left out",
           "conformance": "{p} of cases follow the perceived process",
           "scope": ("; only the part from {start} to {end} ({n} of {m} cases), the work before "
                     "and after it is left out"),
           "warn": "orange"},
    "nl": {"cases": "zaken", "case": "zaak", "perceived_only": "gebeurt nooit",
           "hidden": "niemand noemde het", "observed_only": "gezien, niet in het systeem",
           "legend": ("doorgetrokken: zoals verteld en het gebeurt; grijs gestreept: verteld, "
                      "gebeurt nooit; {warn}: gebeurt, niemand vertelde het (aantal zaken)"),
           "observed": "; blauw gestippeld: alleen waargenomen, het systeem ziet het nooit",
           "min_share": "; verborgen stromen en activiteiten onder {p} van de zaken weggelaten",
           "conformance": "{p} van de zaken volgt het verteld proces",
           "scope": ("; alleen het deel van {start} tot {end} ({n} van de {m} zaken), het werk "
                     "ervoor en erna is weggelaten"),
           "warn": "oranje"},
}


def diff_map(comparison: Comparison, *, lang: str | None = None, min_share: float = 0.0,
             rankdir: str = "TB"):
    """The diff map of a comparison, as a `shadowing.draw.process_map.ProcessMap`.

    Matched flows are solid (labelled with their cases), perceived-only flows and steps dashed
    and grey, hidden flows and activities in a warning colour with their number of cases, and
    (three-way) work seen only by the observers dotted blue. With a partial scope the map shows
    only the part in scope (the footnote says which part and how many cases); the work before
    and after it is left out, not greyed out. ``min_share`` leaves out hidden
    flows and activities seen in fewer than this share of cases.
    """
    from ...draw.process_map import ProcessMap  # noqa: PLC0415

    lang = i18n.check_lang(lang or comparison.lang, "Comparison.map")
    if not 0 <= float(min_share) < 1:
        raise ParameterError("The 'min_share' parameter of Comparison.map must be a share from 0 "
                             f"up to 1. Got {min_share!r} instead.")
    w = _MAP_WORDS[lang]
    a = comparison.activities
    a = a.loc[(a["status"] != "hidden") | (a["share"] >= min_share)]
    keep = set(a["activity"])
    f = comparison.flows
    f = f.loc[f["source"].isin(keep) & f["target"].isin(keep)
              & ((f["status"] != "hidden") | (f["share"] >= min_share))]

    def n_cases(n):
        return f"{i18n.number(n, lang)} {w['case'] if n == 1 else w['cases']}"

    node_style = {
        "matched": dict(color=MATCHED, style="solid"),
        "perceived_only": dict(color=GREY, style="dashed", fontcolor=GREY),
        "hidden": dict(color=WARNING, style="solid", fontcolor=WARNING, penwidth=2.0),
        "observed_only": dict(color=OBSERVED, style="dotted", fontcolor=OBSERVED),
    }
    nodes = a[["activity", "status", "cases", "share"]].reset_index(drop=True)
    texts = []
    for r in nodes.itertuples(index=False):
        t = n_cases(r.cases) if r.cases else w["perceived_only"]
        if r.status in ("hidden", "observed_only"):
            t += f"\n{w[r.status]}"
        texts.append(t)
    nodes["text"] = texts
    for col in ("color", "style", "fontcolor", "penwidth"):
        nodes[col] = [node_style[s].get(col) for s in nodes["status"]]
    edges = f[["source", "target", "status", "perceived", "cases", "share"]].reset_index(drop=True)
    edge_style = {
        "matched": dict(color=MATCHED, style="solid", penwidth=1.5),
        "perceived_only": dict(color=GREY, style="dashed", penwidth=1.0),
        "hidden": dict(color=WARNING, style="solid", fontcolor=WARNING, penwidth=2.5),
        "observed_only": dict(color=OBSERVED, style="dotted", fontcolor=OBSERVED, penwidth=1.5),
    }
    edges["text"] = [n_cases(c) if c else "" for c in edges["cases"]]
    for col in ("color", "style", "fontcolor", "penwidth"):
        edges[col] = [edge_style[s].get(col) for s in edges["status"]]
    # start and end of the perception, so the map reads from top to bottom
    starts = pd.DataFrame({"source": ProcessMap.START, "target": list(comparison.perceived.start),
                           "status": "matched", "color": GREY, "style": "solid"})
    ends = pd.DataFrame({"source": list(comparison.perceived.end), "target": ProcessMap.END,
                         "status": "matched", "color": GREY, "style": "solid"})
    edges = pd.concat([starts, edges, ends], ignore_index=True)
    note = w["legend"].format(warn=w["warn"])
    if comparison.three_way:
        note += w["observed"]
    if min_share:
        note += w["min_share"].format(p=i18n.percent(min_share, lang))
    sc = comparison.scope
    if sc is not None and sc.kind == "part":
        note += w["scope"].format(start=_either(sc.start, lang), end=_either(sc.end, lang),
                                  n=i18n.number(sc.cases_in_scope, lang),
                                  m=i18n.number(sc.cases, lang))
    title = f"{comparison.perceived.name} — " + w["conformance"].format(
        p=i18n.percent(comparison.conformance, lang))
    return ProcessMap.from_frames(nodes, edges, footnote=note, lang=lang, title=title,
                                  rankdir=rankdir)
