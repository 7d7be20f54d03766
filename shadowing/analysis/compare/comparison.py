"""Perceived against actual: how the team says the work runs, against what the log shows.

`compare` holds a `PerceivedProcess` against an event log (and, optionally, shadowing
observations) and returns a `Comparison`:

- ``.activities`` and ``.flows``: every step and flow with its ``status``: ``matched`` (told and
  happens), ``perceived_only`` (told, never happens), ``hidden`` (happens, nobody told it),
  ``out_of_scope`` (happens, but only outside the part a ``scope: part`` perception describes)
  and, with observations, ``observed_only`` (seen by the observers, never in the system);
- ``.conformance``: the share of cases whose whole path the perception allows. Decided exactly
  (a Petri-net language check, parallel branches in any interleaving), once per distinct
  variant, weighted by the variant's frequency;
- ``.fitness`` and ``.fitting_share``: pm4py's token replay on the model as read from the file
  (``pm4py.fitness_token_based_replay`` gives the same numbers, within 1e-6): for PNML the
  file's own net (its ids, duplicate labels and silent transitions), for BPMN pm4py's own
  conversion of the file where pm4py converts every element of it (else the kit's net, see
  ``.replay_model``), for YAML and CSV the perception's net. As in pm4py, work the model does
  not know is skipped by token replay (conformance and the deviations count it). Each distinct
  (marking, activity) is replayed once by pm4py's own helpers and all variants are walked
  through that table at once (a second at 1M events, not a minute). When the file declares no
  final marking, the sink place(s) are used and ``.final_marking_chosen`` says so;
- ``.near_conformance``: the share of cases that follow the perception except for at most one
  deviation; ``.headline(lang)`` says strict share, near share, fitness and the three deviations
  that explain most of the gap in words;
- ``.deviations``: the most frequent ways cases leave the perception, in English and Dutch;
- ``.durations``: perceived against actual durations, per step and per flow;
- ``.map(activities=, paths=, min_share=)``: the diff map (`shadowing.draw.diff_map`);
- ``.scope``: what was compared. A perception with ``scope: part`` (or ``compare(...,
  scope="part")``) describes a segment of the process: every case is cut to the part from its
  first event matching a perceived start step to its last event matching a perceived end step
  (both inclusive). Work before and after that part is out of scope: not hidden, not in the
  deviations, not on the map. A case without the segment (no start step, or no end step after
  it) does not fit and is counted as a deviation (``start_missing`` / ``end_missing``).
  Observations are cut to the same part. What happens only outside the part is
  ``out_of_scope``, never ``perceived_only`` or ``observed_only``.

Matching perceived steps to log activities is exact (after the same whitespace cleaning the log
reader applies), then through ``aliases``. A step that matches nothing gets a did-you-mean
(case, spacing, a close spelling) in the ``suggestion`` column and in the log; nothing is ever
matched by a fuzzy guess.
"""

from __future__ import annotations

import dataclasses

import html
import logging
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from ... import i18n
from ..._pm4py import pm4py, quiet
from ...errors import ParameterError, check_choice
from ...io.observations import observations_to_log
from ...io.perceived import read_perceived
from ...io.perceived_build import norm_label
from ...model.perceived import SCOPES, PerceivedProcess
from ...model.petri import to_pm4py
from ...wording.compare import final_marking_sentence, headline_sentences
from .deviations import deviations as find_deviations
from .matching import match_steps, match_steps_quietly
from .replay import DFA, TokenReplay
from .scope import Scope, cut_to_scope
from .tables import (ARROW, activity_table, duration_table, flow_counts, flow_table,
                     side_by_side)
from .variants import Variants, variants_of

log = logging.getLogger(__name__)

__all__ = ["Comparison", "Comparisons", "Scope", "compare", "compare_perceptions"]


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
    near_conformance : float
        Share of cases that follow the perception except for at most one deviation (cases
        that fit count; with a partial scope, only cases in which the part occurs).
    fitness, fitting_share : float
        pm4py's token replay on the model as read from the file (see `replay_model`,
        `final_marking`, `final_marking_chosen`).
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
    near_conformance: float = float("nan")
    filters: tuple = ()  # the log's AppliedFilter records (the diff map's footnote names them)
    _variant_data: tuple = field(default=(), repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def variants(self) -> pd.DataFrame:
        """One row per distinct variant (most frequent first): ``variant`` (the steps, hidden
        work under its log name, joined by " → "), ``cases``, ``fits``, ``example_case``.
        With a partial scope: the in-scope segments (empty: the segment does not occur)."""
        if "variants" not in self._cache:
            v, node, names, fits = self._variant_data[:4]
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
        v, node, names, _ = self._variant_data[:4]
        return _traces(v, node, names), v.freq

    # -- token replay (lazy: only when asked) ---------------------------------------------
    @property
    def replay_model(self) -> str:
        """What token replay runs on, in words (English)."""
        p = self.perceived
        self.petri_net()
        if self._cache["net_source"] == "pm4py_bpmn":
            return "pm4py's Petri net of the BPMN file (pm4py.convert_to_petri_net)"
        if p.kind == "pnml":
            return "the PNML file's own net"
        if p.kind == "bpmn":
            return ("the kit's Petri net of the BPMN file (pm4py's conversion does not "
                    "interpret every element of it)")
        return "the Petri net of the perception (PerceivedProcess.to_petri_net)"

    @property
    def final_marking(self) -> tuple[str, ...]:
        """Names of the places of the final marking token replay ends in (PNML: as the file
        declares it or, see `final_marking_chosen`, the sink places)."""
        if self.perceived.kind == "pnml":
            return self.perceived.final_marking
        return tuple(str(pl) for pl in self.petri_net()[2])

    @property
    def final_marking_chosen(self) -> bool:
        """True when the model file declares no final marking and the kit chose the sink
        place(s) (see `final_marking`)."""
        return bool(self.perceived.final_marking_chosen)

    def final_marking_note(self, lang: str | None = None) -> str:
        """One sentence on the final marking used (empty unless the model is a PNML file)."""
        if self.perceived.kind != "pnml":
            return ""
        return final_marking_sentence(self.final_marking, chosen=self.final_marking_chosen,
                                      lang=lang or self.lang)

    def petri_net(self):
        """The pm4py accepting Petri net ``(net, im, fm)`` `fitness` replays on: the model as
        read from the file (see `replay_model`)."""
        if "net" not in self._cache:
            p = self.perceived
            out = None
            if p.replay_model == "pm4py_bpmn":
                try:
                    with quiet():
                        out = pm4py().convert_to_petri_net(pm4py().read_bpmn(p.source))
                except Exception as exc:   # pm4py could not: the kit's own net, said in the log
                    log.warning("%s: pm4py could not convert the BPMN file (%s); token replay "
                                "runs on the kit's net of it", p.source, exc)
            if out is not None:   # the steps as the kit reads them ("Receive&#10;order" is
                for t in out[0].transitions:   # "Receiveorder" to pm4py's BPMN reader)
                    if t.label is not None:
                        t.label = p.element_steps.get(t.name, norm_label(t.label))
            self._cache["net"] = out if out is not None else to_pm4py(p.net)
            self._cache["net_source"] = "pm4py_bpmn" if out is not None else "net"
        return self._cache["net"]

    @property
    def replay(self) -> pd.DataFrame:
        """pm4py's token replay per distinct variant: ``cases``, ``trace_is_fit``,
        ``trace_fitness``, ``missing``, ``consumed``, ``remaining``, ``produced``.

        The same numbers as ``pm4py.conformance_diagnostics_token_based_replay`` on
        `petri_net`, computed once per distinct (marking, activity) by pm4py itself and walked
        over all variants at once (see `TokenReplay`)."""
        if "replay" not in self._cache:
            v, node, names, _ = self._variant_data[:4]
            net, im, fm = self.petri_net()
            with quiet():
                out = TokenReplay(net, im, fm, names).walk(node, v.offsets, v.lengths)
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
            "at most one deviation": self.near_conformance,
            "steps matched": int((a["status"] == "matched").sum()),
            "steps never happening": int((a["status"] == "perceived_only").sum()),
            "hidden activities": int((a["status"] == "hidden").sum()),
            "observed only": int((a["status"] == "observed_only").sum()),
            "out of scope": int((a["status"] == "out_of_scope").sum()),
            "flows matched": int((f["status"] == "matched").sum()),
            "flows never happening": int((f["status"] == "perceived_only").sum()),
            "hidden flows": int((f["status"] == "hidden").sum()),
        })

    def headline(self, lang: str | None = None, *, fitness: bool = True, top: int = 3
                 ) -> list[str]:
        """How close the work is to the perception, in sentences: the strict share, the share
        with at most one deviation, the token-replay fitness (``fitness=False``: left out, no
        replay) and the ``top`` deviations that explain most of the gap."""
        lang = i18n.check_lang(lang or self.lang, "Comparison.headline")
        col = "description" if lang == self.lang else (
            "explanation" if lang == "en" else "explanation_nl")
        return headline_sentences(
            strict=self.conformance, near=self.near_conformance,
            fitness=self.fitness if fitness else None,
            top=self.deviations[col].head(top).astype(str).tolist(), lang=lang)

    def map(self, *, lang: str | None = None, activities: float = 1.0, paths: float = 1.0,
            min_share: float = 0.0, rankdir: str = "TB", ends_shown: bool = True,
            implied: bool = True):
        """The diff map, a `ProcessMap`: matched flows solid, perceived-only dashed and grey,
        hidden flows in a warning colour with their case counts; ``activities`` and ``paths``
        simplify what nobody told as `process_map` does (the perceived steps and flows always
        stay), ``min_share`` leaves out hidden work under that share of cases; the footnote
        says what was left out. See `shadowing.draw.diff_map.diff_map`."""
        # draw/ builds on analysis/, so the drawing module is imported when a map is asked for
        from ...draw.diff_map import diff_map  # noqa: PLC0415

        return diff_map(self, lang=lang, activities=activities, paths=paths,
                        min_share=min_share, rankdir=rankdir, ends_shown=ends_shown,
                        implied=implied)

    def __repr__(self) -> str:
        part = (f" ({self.scope.cases_in_scope} in scope, part of the process)"
                if self.scope is not None and self.scope.kind == "part" else "")
        return (f"Comparison({self.perceived.name!r} vs log: {self.n_cases} cases{part}, "
                f"conformance {self.conformance:.0%}, "
                f"{int((self.activities['status'] == 'hidden').sum())} hidden activities)")

    def _repr_html_(self) -> str:
        s = self.summary()
        lang = self.lang
        shares = ("conformance", "at most one deviation")
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th><td>"
            f"{html.escape(i18n.percent(v, lang) if k in shares else str(v))}</td></tr>"
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
    variants, ev, frame = variants_of(log)
    observed = _observed_variants(observations)
    return _with_filters(_compare_one(read_perceived(perceived), variants, ev, frame, observed,
                                      lang=lang, scope=scope), log)


def _with_filters(c: Comparison, log) -> Comparison:
    """The comparison remembering the filters applied to the log it was made from."""
    filters = tuple(getattr(log, "filters", ()))
    return dataclasses.replace(c, filters=filters) if filters else c


def _is_single_mapping(x) -> bool:
    return isinstance(x, Mapping) and "steps" in x


def _observed_variants(observations) -> Variants | None:
    if observations is None:
        return None
    data = observations
    if not isinstance(data, pd.DataFrame) and hasattr(data, "frame") and \
            "observation_id" in getattr(data, "frame").columns:
        data = observations_to_log(data)
    v, _, _ = variants_of(data)
    return v


def _compare_many(perceptions, log, *, observations, lang, scope=None) -> Comparisons:
    items = list(perceptions.items()) if isinstance(perceptions, Mapping) else \
        [(None, p) for p in perceptions]
    if not items:
        raise ParameterError("The 'perceived' parameter of compare must hold at least one "
                             "perception. Got an empty list instead.")
    variants, ev, frame = variants_of(log)
    observed = _observed_variants(observations)
    out: dict[str, Comparison] = {}
    for key, p in items:
        p = read_perceived(p)
        label = str(key) if key is not None else p.name
        if label in out and p.told_by:
            label = f"{label} ({p.told_by})"
        if label in out:
            label = f"{label} #{len(out) + 1}"
        out[label] = _with_filters(_compare_one(p, variants, ev, frame, observed, lang=lang,
                                                scope=scope), log)
    return Comparisons(comparisons=out, table=side_by_side(out, variants))


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


def _compare_one(p: PerceivedProcess, v: Variants, ev, frame, observed: Variants | None, *,
                 lang: str, scope: str | None = None) -> Comparison:
    labels = [str(x) for x in v.labels]
    steps = list(p.steps)
    n_steps = len(steps)
    step_of, how, matched_labels, suggestions = match_steps(p, labels)
    n_cases = v.n_cases
    n_events = int((v.freq * v.lengths).sum())
    kind = scope or p.scope
    missing = None
    outside = None
    if kind == "part":
        outside = _everything(p, v, step_of, observed)
        v, missing, mask = cut_to_scope(p, v, step_of, ev)
        ev = ev.keep(mask)
        if observed is not None:    # the observers' work, cut to the same part
            o_step = match_steps_quietly(p, [str(x) for x in observed.labels])[0]
            observed = cut_to_scope(p, observed, o_step, None)[0]
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
    dfa = DFA(p.net, steps)
    final = dfa.walk(sym, v.offsets, v.lengths)
    fits = dfa.accepting()[final] if len(final) else np.zeros(0, dtype=bool)
    if missing is not None:
        fits = fits & (missing == 0)
    conformance = float(v.freq[fits].sum() / n_cases) if n_cases else float("nan")

    # node ids: perceived steps 0..S-1, hidden log activities S + code
    node = np.where(sym >= 0, sym, n_steps + v.codes)
    node_names = steps + labels
    ev_var = v.event_variant()

    activities = activity_table(p, v, node, ev_var, node_names, how, matched_labels,
                                suggestions, observed, outside=outside)
    flows = flow_table(p, v, node, ev_var, node_names, ev, step_of, observed, outside=outside)
    deviations, per_variant = find_deviations(p, v, sym, ev_var, labels, lang=lang,
                                              missing=missing)
    near_ok = fits | (per_variant <= 1)
    if missing is not None:
        near_ok &= missing == 0
    near = float(v.freq[near_ok].sum() / n_cases) if n_cases else float("nan")
    durations = duration_table(p, ev, step_of)
    return Comparison(perceived=p, activities=activities, flows=flows, conformance=conformance,
                      deviations=deviations, durations=durations, n_cases=n_cases, lang=lang,
                      three_way=observed is not None, scope=sc, near_conformance=near,
                      _variant_data=(v, node, node_names, fits))


def _everything(p: PerceivedProcess, v: Variants, step_of, observed: Variants | None):
    """The activities and flows recorded or observed anywhere in the cases (before a cut to
    the part in scope), as step or log names: what is ``out_of_scope`` when it does not occur
    inside the part."""
    n_steps = len(p.steps)
    acts: set[str] = set()
    flows: set[tuple[str, str]] = set()
    runs = [(step_of, v)]
    if observed is not None:
        o_step = match_steps_quietly(p, [str(x) for x in observed.labels])[0]
        runs.append((o_step, observed))
    for s_of, var in runs:
        labs = [str(x) for x in var.labels]
        sym = s_of[var.codes] if len(var.codes) else np.zeros(0, dtype=np.int64)
        lab_names = list(p.steps) + labs
        node = np.where(sym >= 0, sym, n_steps + var.codes)
        acts |= {lab_names[i] for i in np.unique(node)}
        ev_var = var.event_variant()
        n = len(lab_names)
        cases, _ = flow_counts(node, ev_var, var.freq, n)
        flows |= {(lab_names[k // n], lab_names[k % n]) for k in cases.index}
    return acts, flows


def _variant_strings(v: Variants, node, names) -> list[str]:
    names = np.asarray(names, dtype=object)
    return [ARROW.join(names[node[o:o + n]]) for o, n in zip(v.offsets, v.lengths)]


def _traces(v: Variants, node, names) -> list[list[str]]:
    names = np.asarray(names, dtype=object)
    return [list(names[node[o:o + n]]) for o, n in zip(v.offsets, v.lengths)]
