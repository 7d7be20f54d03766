"""The client report's sections, in Dutch or English, built from the kit's analyses.

The report notebook only calls this module: `Report.load` reads a data folder once
(``scenario.yaml`` plus whichever input files exist), pseudonymises people, and each method
returns one section as a `Block` (HTML that Jupyter shows inline and nbconvert exports as it
is). A section whose data is absent returns its heading and one line saying what data would
fill it. Texts exist in English and Dutch; numbers, money and dates go through `shadowing.i18n`.

>>> from shadowing.report.sections import Report            # doctest: +SKIP
>>> report = Report.load("data/samples/wholesale", lang="en")  # doctest: +SKIP
>>> report.summary()                                        # doctest: +SKIP
"""

from __future__ import annotations

import functools
import html
import io
import logging
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from ..model import columns as C
from .. import i18n
from ..errors import ParameterError, ShadowingError

log = logging.getLogger(__name__)

__all__ = ["Report", "Block", "report_title", "quiet_notebook"]

#: How many hotspots the summary and the hotspot table show.
TOP_SUMMARY = 3
TOP_TABLE = 10
#: Process map simplification in the report (share of activities and paths kept).
MAP_ACTIVITIES = 1.0
#: Above this many flows the diff map leaves out hidden flows seen in under 5% of cases.
DIFF_MAP_MAX_FLOWS = 60
MAP_PATHS = 0.8


# -- texts -------------------------------------------------------------------------------
T: dict[str, dict[str, str]] = {
    "title": {"en": "Process analysis", "nl": "Procesanalyse"},
    "subtitle": {"en": "How the work really runs, where time goes and where to start",
                 "nl": "Hoe het werk echt loopt, waar de tijd heen gaat en waar te beginnen"},
    "client_unknown": {"en": "the client", "nl": "de klant"},
    "period": {"en": "Data from {start} to {end}", "nl": "Gegevens van {start} tot en met {end}"},
    "pseudonymised": {"en": "People are shown under pseudonyms (Employee 1, 2, ...).",
                      "nl": "Medewerkers staan onder een pseudoniem (Medewerker 1, 2, ...)."},
    # section titles
    "h_summary": {"en": "Summary", "nl": "Samenvatting"},
    "h_data": {"en": "The data used and its quality", "nl": "Gebruikte gegevens en hun kwaliteit"},
    "h_process": {"en": "How the work really runs", "nl": "Hoe het werk echt loopt"},
    "h_time": {"en": "Where time goes", "nl": "Waar de tijd heen gaat"},
    "h_perceived": {"en": "Perceived versus actual process", "nl": "Beleefd versus werkelijk proces"},
    "h_frustrations": {"en": "Frustrations of the team beside the evidence",
                       "nl": "Frustraties van het team naast de feiten"},
    "h_adoption": {"en": "Adoption after go-live", "nl": "Gebruik na de livegang"},
    "h_start": {"en": "Where to start", "nl": "Waar te beginnen"},
    # absent data: one line each
    "absent_log": {"en": "No system event log was supplied; an export of the system's history (eventlog.csv: case, activity, timestamp) would show here how the work really runs.",
                   "nl": "Er is geen eventlog van het systeem aangeleverd; een export van de systeemhistorie (eventlog.csv: zaak, activiteit, tijdstip) laat hier zien hoe het werk echt loopt."},
    "absent_time": {"en": "No event log or shadowing notes were supplied; either (eventlog.csv or observations.csv) would show here where time and money go.",
                    "nl": "Er zijn geen eventlog en geen shadowingnotities aangeleverd; één van beide (eventlog.csv of observations.csv) laat hier zien waar tijd en geld heen gaan."},
    "absent_perceived": {"en": "No description of the perceived process was supplied; a perceived_*.yaml with the steps as the team tells them, next to an event log, would show here how far perception and reality differ.",
                         "nl": "Er is geen beschrijving van het beleefde proces aangeleverd; een perceived_*.yaml met de stappen zoals het team ze vertelt, naast een eventlog, laat hier zien hoe ver beleving en werkelijkheid uiteenlopen."},
    "absent_frustrations": {"en": "No irritation brainstorm was supplied; a frustrations.csv (text, votes) would put the team's frustrations here beside the evidence.",
                            "nl": "Er is geen irritatiebrainstorm aangeleverd; een frustrations.csv (tekst, stemmen) zet hier de frustraties van het team naast de feiten."},
    "absent_adoption": {"en": "No usage log and team roster after a go-live were supplied; a usage.csv (user, timestamp) and roster.csv (user, team) would show here who uses the new system.",
                        "nl": "Er zijn geen gebruikslog en teamlijst na een livegang aangeleverd; een usage.csv (gebruiker, tijdstip) en roster.csv (gebruiker, team) laten hier zien wie het nieuwe systeem gebruikt."},
    "absent_start": {"en": "Without an event log or shadowing notes there is no evidence yet to say where to start.",
                     "nl": "Zonder eventlog of shadowingnotities is er nog geen bewijs om te zeggen waar te beginnen."},
    "absent_analysis": {"en": "This analysis is not available in this version of the kit.",
                        "nl": "Deze analyse is in deze versie van de kit niet beschikbaar."},
    # summary
    "sum_intro": {"en": "This report describes how the work at {client} really runs, based on {sources}.",
                  "nl": "Dit rapport beschrijft hoe het werk bij {client} echt loopt, op basis van {sources}."},
    "src_log": {"en": "{cases} cases from the system's event log", "nl": "{cases} zaken uit het eventlog van het systeem"},
    "src_obs": {"en": "{hours} hours of shadowing", "nl": "{hours} uur meelopen (shadowing)"},
    "src_perceived": {"en": "{n} description(s) of the process as people see it",
                      "nl": "{n} beschrijving(en) van het proces zoals mensen het zien"},
    "src_frustrations": {"en": "the team's irritation brainstorm", "nl": "de irritatiebrainstorm van het team"},
    "src_usage": {"en": "the usage log after the go-live", "nl": "het gebruikslog na de livegang"},
    "and": {"en": "and", "nl": "en"},
    "sum_top": {"en": "The {n} largest hotspots together cost about {cost} per month ({hours} hours at {rate} per hour):",
                "nl": "De {n} grootste knelpunten kosten samen ongeveer {cost} per maand ({hours} uur tegen {rate} per uur):"},
    "sum_hotspot": {"en": "<b>{where}</b> ({waste}): {cost} per month", "nl": "<b>{where}</b> ({waste}): {cost} per maand"},
    "sum_conformance": {"en": "Only {share} of the cases follow the steps as described by {who}.",
                        "nl": "Slechts {share} van de zaken volgt de stappen zoals {who} ze beschrijft."},
    "sum_conformance_high": {"en": "{share} of the cases follow the steps as described by {who}.",
                             "nl": "{share} van de zaken volgt de stappen zoals {who} ze beschrijft."},
    "sum_adoption": {"en": "Use of {system}: {share} of the team was active in the last week (target {target}).",
                     "nl": "Gebruik van {system}: {share} van het team was de laatste week actief (doel {target})."},
    "kf_cost": {"en": "cost of the top {n} hotspots per month", "nl": "kosten top {n} knelpunten per maand"},
    "kf_conformance": {"en": "of cases follow the perceived process", "nl": "van de zaken volgt het beleefde proces"},
    "kf_hours": {"en": "hours observed", "nl": "uur geobserveerd"},
    "kf_cases": {"en": "cases analysed", "nl": "zaken geanalyseerd"},
    "kf_offsystem": {"en": "of observed time outside the official systems", "nl": "van de geobserveerde tijd buiten de officiële systemen"},
    # data section
    "data_intro": {"en": "Every number in this report comes from the files below. Rows that could not be read are left out and counted here.",
                   "nl": "Elk getal in dit rapport komt uit de bestanden hieronder. Regels die niet gelezen konden worden zijn weggelaten en hier geteld."},
    "col_file": {"en": "File", "nl": "Bestand"},
    "col_what": {"en": "What", "nl": "Wat"},
    "col_rows": {"en": "Rows read", "nl": "Regels gelezen"},
    "col_used": {"en": "Used", "nl": "Gebruikt"},
    "col_rejected": {"en": "Rejected", "nl": "Geweigerd"},
    "col_why": {"en": "Main reason for rejection", "nl": "Belangrijkste reden van weigering"},
    "col_period": {"en": "Period", "nl": "Periode"},
    "what_eventlog": {"en": "system event log", "nl": "eventlog van het systeem"},
    "what_observations": {"en": "shadowing notes", "nl": "shadowingnotities"},
    "what_frustrations": {"en": "irritation brainstorm", "nl": "irritatiebrainstorm"},
    "what_usage": {"en": "usage log", "nl": "gebruikslog"},
    "what_roster": {"en": "team roster", "nl": "teamlijst"},
    "what_perceived": {"en": "perceived process", "nl": "beleefd proces"},
    "data_obs": {"en": "{hours} hours of work were observed over {days} day(s), with {people} people.",
                 "nl": "Er is {hours} uur werk geobserveerd op {days} dag(en), bij {people} mensen."},
    "data_quality": {"en": "Points to keep in mind when reading the figures:",
                     "nl": "Aandachtspunten bij het lezen van de cijfers:"},
    "data_quality_none": {"en": "The event log shows no data-quality issues worth mentioning.",
                          "nl": "Het eventlog laat geen noemenswaardige kwaliteitsproblemen zien."},
    # process
    "proc_intro": {"en": "{cases} cases with {events} steps ran between {start} and {end}. They took {variants} different routes; the most common route covers {top_share} of the cases.",
                   "nl": "Tussen {start} en {end} liepen {cases} zaken met {events} stappen. Ze volgden {variants} verschillende routes; de meest voorkomende route dekt {top_share} van de zaken."},
    "proc_throughput": {"en": "A case takes {median} from first to last step (median); one in ten takes longer than {p90}.",
                        "nl": "Een zaak duurt {median} van eerste tot laatste stap (mediaan); één op de tien duurt langer dan {p90}."},
    "proc_map_caption": {"en": "The process as recorded: boxes are steps, arrows how often one step directly follows another.",
                         "nl": "Het proces zoals vastgelegd: blokken zijn stappen, pijlen hoe vaak de ene stap direct op de andere volgt."},
    "proc_variants": {"en": "The most common routes", "nl": "De meest voorkomende routes"},
    "col_route": {"en": "Route", "nl": "Route"},
    "col_cases": {"en": "Cases", "nl": "Zaken"},
    "col_share": {"en": "Share", "nl": "Aandeel"},
    "proc_handovers": {"en": "On average a case changes hands {n} times.", "nl": "Gemiddeld wisselt een zaak {n} keer van hand."},
    # time
    "time_intro": {"en": "Hotspots are places where time is lost: waiting, rework, switching between systems, work outside the system. Each is valued at {rate} per hour.",
                   "nl": "Knelpunten zijn plekken waar tijd verloren gaat: wachten, herwerk, wisselen tussen systemen, werk buiten het systeem. Elk is gewaardeerd tegen {rate} per uur."},
    "col_rank": {"en": "#", "nl": "#"},
    "col_waste": {"en": "Waste", "nl": "Verspilling"},
    "col_where": {"en": "Where", "nl": "Waar"},
    "col_hours": {"en": "Hours per month", "nl": "Uur per maand"},
    "col_costs": {"en": "Cost per month", "nl": "Kosten per maand"},
    "col_evidence": {"en": "Evidence", "nl": "Bewijs"},
    "col_why_hotspot": {"en": "What happens", "nl": "Wat er gebeurt"},
    "time_pareto": {"en": "Cost per month by hotspot, largest first; the line shows the cumulative share.",
                    "nl": "Kosten per maand per knelpunt, grootste eerst; de lijn toont het cumulatieve aandeel."},
    "time_overlay": {"en": "The largest hotspots on the process map.", "nl": "De grootste knelpunten op de proceskaart."},
    "time_use": {"en": "Observed time by role and tool", "nl": "Geobserveerde tijd per rol en hulpmiddel"},
    "time_offsystem": {"en": "{share} of the observed time was spent outside the official systems ({systems}).",
                       "nl": "{share} van de geobserveerde tijd ging op aan werk buiten de officiële systemen ({systems})."},
    "time_none": {"en": "No hotspots were found in the data.", "nl": "In de gegevens zijn geen knelpunten gevonden."},
    "col_role": {"en": "Role", "nl": "Rol"},
    "col_tool": {"en": "Tool", "nl": "Hulpmiddel"},
    # perceived
    "perc_intro": {"en": "People were asked how the process runs. Below, each description is laid beside what the data shows.",
                   "nl": "Mensen is gevraagd hoe het proces loopt. Hieronder staat elke beschrijving naast wat de gegevens laten zien."},
    "perc_one": {"en": "As described by {who}: {conf} of the cases run exactly like this, from the first to the last step told.",
                 "nl": "Zoals beschreven door {who}: {conf} van de zaken loopt precies zo, van de eerste tot de laatste genoemde stap."},
    "perc_hidden": {"en": "Happens but nobody mentioned it: {items}.", "nl": "Gebeurt wel, maar niemand noemde het: {items}."},
    "perc_only": {"en": "Mentioned but never seen in the data: {items}.", "nl": "Wel genoemd, maar nooit gezien in de gegevens: {items}."},
    "perc_map_caption": {"en": "Diff map: matched steps in grey, perceived but not happening dashed, happening but not perceived highlighted.",
                         "nl": "Verschilkaart: overeenkomende stappen grijs, beleefd maar niet gebeurd gestippeld, gebeurd maar niet beleefd gemarkeerd."},
    "perc_deviations": {"en": "The most frequent deviations", "nl": "De meest voorkomende afwijkingen"},
    "col_deviation": {"en": "Deviation", "nl": "Afwijking"},
    "told_by_unknown": {"en": "the team", "nl": "het team"},
    # frustrations
    "fr_intro": {"en": "The team named its irritations and voted on them. Beside each, what the data says about the same step or system.",
                 "nl": "Het team noemde zijn irritaties en stemde erover. Naast elke irritatie staat wat de gegevens over dezelfde stap of hetzelfde systeem zeggen."},
    "col_frustration": {"en": "Frustration", "nl": "Frustratie"},
    "col_votes": {"en": "Votes", "nl": "Stemmen"},
    "col_data_says": {"en": "What the data says", "nl": "Wat de gegevens zeggen"},
    "fr_no_evidence": {"en": "no matching hotspot in the data", "nl": "geen bijbehorend knelpunt in de gegevens"},
    "fr_notes": {"en": "Frustrations noted while shadowing", "nl": "Frustraties genoteerd tijdens het meelopen"},
    "col_activity": {"en": "Activity", "nl": "Activiteit"},
    "col_notes": {"en": "Notes", "nl": "Notities"},
    "col_example": {"en": "For example", "nl": "Bijvoorbeeld"},
    "fr_evidence": {"en": "{waste} at {where}: {hours} h / {cost} per month", "nl": "{waste} bij {where}: {hours} u / {cost} per maand"},
    # adoption
    "ad_intro": {"en": "Share of the team that used {system} per week since the go-live on {go_live}, against the target of {target}.",
                 "nl": "Aandeel van het team dat {system} per week gebruikte sinds de livegang op {go_live}, tegen het doel van {target}."},
    "ad_group": {"en": "{group}: {share} active in the last week", "nl": "{group}: {share} actief in de laatste week"},
    "ad_below": {"en": "{groups} stay(s) below the target.", "nl": "{groups} blijft/blijven onder het doel."},
    "ad_relapse": {"en": "{n} people were active after the go-live but stopped using the system.",
                   "nl": "{n} mensen waren actief na de livegang maar zijn gestopt met het systeem."},
    "col_group": {"en": "Group", "nl": "Groep"},
    "col_active": {"en": "Active", "nl": "Actief"},
    "col_roster": {"en": "In team", "nl": "In team"},
    "col_week": {"en": "Last week", "nl": "Laatste week"},
    # where to start
    "start_one": {"en": "Start with <b>{where}</b> ({waste}). It costs about {cost} per month ({hours} hours), the largest single hotspot in the data.",
                  "nl": "Begin bij <b>{where}</b> ({waste}). Dit kost ongeveer {cost} per maand ({hours} uur), het grootste afzonderlijke knelpunt in de gegevens."},
    "start_why": {"en": "What happens: {text}", "nl": "Wat er gebeurt: {text}"},
    "start_votes": {"en": "The team feels it too: {votes} votes in the irritation brainstorm point at the same place.",
                    "nl": "Het team voelt het ook: {votes} stemmen in de irritatiebrainstorm wijzen naar dezelfde plek."},
    "start_evidence": {"en": "Evidence to show the team: {evidence}.", "nl": "Bewijs om het team te laten zien: {evidence}."},
    "start_next": {"en": "After that: {items}.", "nl": "Daarna: {items}."},
}

WASTE = {
    "waiting": ("waiting", "wachten"), "rework": ("rework", "herwerk"), "redo": ("redo", "overdoen"),
    "ping-pong": ("ping-pong", "pingpong"), "system switching": ("system switching", "systeemwissels"),
    "system switch": ("system switching", "systeemwissels"),
    "double entry": ("double entry", "dubbele invoer"), "off-system work": ("off-system work", "werk buiten het systeem"),
    "interruption": ("interruptions", "onderbrekingen"), "searching": ("searching", "zoeken"),
    "frustration": ("frustration", "frustratie"), "transport": ("transport", "transport"),
    "overprocessing": ("overprocessing", "overbewerking"), "defect": ("defects", "fouten"),
}

QUALITY_NL = {
    "rejected rows": "geweigerde regels", "duplicate events": "dubbele gebeurtenissen",
    "batch entry": "invoer in batches", "timestamps far outside the period": "tijdstippen ver buiten de periode",
    "similar activity labels": "bijna gelijke stapnamen", "cases without a usual end": "zaken zonder gebruikelijk einde",
    "missing resources": "ontbrekende medewerkers",
}


def t(key: str, lang: str, **values) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in (values are not escaped)."""
    return T[key][lang].format(**values)


def waste_label(waste, lang: str) -> str:
    pair = WASTE.get(str(waste))
    return (pair[0] if lang == "en" else pair[1]) if pair else str(waste)


def report_title(params: dict, lang: str) -> str:
    """``Procesanalyse — Groothandel Van Dijk`` (the HTML page title)."""
    name = params.get("name")
    return f"{T['title'][lang]} — {name}" if name else T["title"][lang]


def quiet_notebook() -> None:
    """Keep a report kernel clean: no warnings, only error-level logging, no progress bars.

    Called in the report notebook's first cell (this is a kernel set-up call, not a library
    side effect: nothing else in shadowing changes global state).
    """
    import os  # noqa: PLC0415

    warnings.filterwarnings("ignore")
    logging.getLogger().setLevel(logging.ERROR)
    logging.getLogger("shadowing").setLevel(logging.ERROR)
    os.environ.setdefault("TQDM_DISABLE", "1")
    os.environ.setdefault("PM4PY_SHOW_PROGRESS_BAR", "false")


# -- HTML helpers ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Block:
    """One piece of the report as HTML; shows itself in Jupyter and in nbconvert."""

    html: str
    title: str = ""
    present: bool = True

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return re.sub(r"<[^>]+>", "", self.html)


def esc(value) -> str:
    return html.escape("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value))


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{text}</p>' if cls else f"<p>{text}</p>"


def _ul(items) -> str:
    items = list(items)
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def _table(rows: list[list[str]], header: list[str], numeric: set[int] = frozenset()) -> str:
    """An HTML table; cells are already escaped/formatted strings."""
    th = "".join(f'<th class="num">{h}</th>' if i in numeric else f"<th>{h}</th>"
                 for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _clean_svg(svg: str) -> str:
    """An SVG document made fit for inlining: no XML prolog/doctype/comments, scalable."""
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    return svg.strip()


def _figure(svg: str, caption: str = "") -> str:
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure class="figure">{_clean_svg(svg)}{cap}</figure>'


def fig_to_svg(fig) -> str:
    """A matplotlib figure as inline SVG text (text kept as text, fixed ids); closes it."""
    import matplotlib.pyplot as plt  # noqa: PLC0415

    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "shadowing"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return buf.getvalue()


def map_to_svg(pmap) -> str:
    """A ProcessMap (or anything with ``to_dot()`` / ``_repr_svg_()``) as SVG text."""
    if hasattr(pmap, "_repr_svg_"):
        svg = pmap._repr_svg_()
        if svg:
            return svg
    import graphviz  # noqa: PLC0415

    dot = pmap.to_dot()
    if hasattr(dot, "pipe"):
        return dot.pipe(format="svg").decode("utf-8")
    return graphviz.Source(str(dot)).pipe(format="svg").decode("utf-8")


def _section(title: str, body: str, *, present: bool = True, key: str = "") -> Block:
    return Block(f'<section class="section" id="{key}"><h2>{esc(title)}</h2>{body}</section>',
                 title=title, present=present)


_HOME = {"compare": "comparison", "read_perceived": "perceived", "variants": "variants",
         "throughput_times": "charts", "handovers": "charts"}


def _api(name: str) -> Callable | None:
    """A public shadowing function, or None while its module is not part of the kit."""
    import importlib  # noqa: PLC0415

    import shadowing  # noqa: PLC0415

    func = getattr(shadowing, name, None)
    if func is None and name in _HOME:
        try:
            func = getattr(importlib.import_module(f"shadowing.{_HOME[name]}"), name, None)
        except ImportError:
            func = None
    return func


def _join(items: list[str], lang: str) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {T['and'][lang]} " + items[-1]


def _file_name(source) -> str:
    """Only a file's name, never the analyst's folders."""
    return Path(str(source)).name if source else ""


# -- pseudonyms -----------------------------------------------------------------------------
class _People:
    """Stable pseudonyms for everyone in one report, linking roster user ids and names."""

    def __init__(self, lang: str, roster: pd.DataFrame | None):
        self.prefix = "Medewerker" if lang == "nl" else "Employee"
        self.alias: dict[str, str] = {}
        self.order: list[str] = []
        self.names: list[str] = []
        if roster is not None and len(roster):
            for user, name in zip(roster["user"].astype(object), roster.get("name", pd.Series(index=roster.index, dtype=object)).astype(object)):
                if user is None or pd.isna(user):
                    continue
                key = str(user).strip()
                self._add(key)
                self.alias[key.casefold()] = key
                if name is not None and not pd.isna(name) and str(name).strip():
                    self.alias[str(name).strip().casefold()] = key
                    self.names.append(str(name).strip())
        self.mapping: dict[str, str] = {}

    def _add(self, key: str) -> None:
        if key not in self.alias.values() and key not in self.order:
            self.order.append(key)

    def key(self, value) -> str | None:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return None
        text = str(value).strip()
        if not text:
            return None
        return self.alias.get(text.casefold(), text)

    def collect(self, series: pd.Series) -> None:
        for v in pd.unique(series.astype(object)):
            k = self.key(v)
            if k is not None and k not in self.order:
                self.order.append(k)

    def freeze(self) -> None:
        from ..analysis.pseudonyms import pseudonym_map  # noqa: PLC0415

        self.mapping = pseudonym_map(pd.Series(self.order, dtype=object), prefix=self.prefix)

    def apply(self, series: pd.Series) -> pd.Series:
        """Pseudonyms in place of names; categorical stays categorical. A new Series."""
        def one(v):
            k = self.key(v)
            return self.mapping.get(k, v) if k is not None else v

        if isinstance(series.dtype, pd.CategoricalDtype):
            cats = series.cat.categories
            new = [one(c) for c in cats]
            if len(set(new)) == len(new):
                return series.cat.rename_categories(new)
            return series.astype(object).map(one).astype("category")
        return series.astype(object).map(one).astype(series.dtype if series.dtype != object else object)

    def scrub_text(self, series: pd.Series) -> pd.Series:
        """Replace roster names (full names, then unique first names) inside free text."""
        if not self.names:
            return series
        pairs = []
        firsts: dict[str, list[str]] = {}
        for name in self.names:
            pseudo = self.mapping.get(self.alias[name.casefold()], self.prefix)
            pairs.append((name, pseudo))
            first = name.split()[0]
            if len(first) >= 3:
                firsts.setdefault(first, []).append(pseudo)
        pairs += [(f, ps[0]) for f, ps in firsts.items() if len(ps) == 1]
        pairs.sort(key=lambda p: -len(p[0]))
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n, _ in pairs) + r")\b", re.I)
        lookup = {n.casefold(): ps for n, ps in pairs}

        def scrub(v):
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                return v
            return pattern.sub(lambda m: lookup[m.group(0).casefold()], str(v))

        out = series.astype(object).map(scrub)
        return out.astype("category") if isinstance(series.dtype, pd.CategoricalDtype) else out


# -- the report -----------------------------------------------------------------------------
@dataclass
class Report:
    """Everything the client report says, computed once from one data folder.

    Build it with `Report.load`; each section method returns a `Block`.
    """

    lang: str
    params: dict
    files: dict = field(default_factory=dict)
    log: Any = None
    observations: Any = None
    perceived: list = field(default_factory=list)
    frustrations: pd.DataFrame | None = None
    usage: pd.DataFrame | None = None
    roster: pd.DataFrame | None = None
    pseudonymised: bool = True
    readers: dict = field(default_factory=dict)  # what each input's reader reported

    # -- loading -----------------------------------------------------------------------
    @classmethod
    def load(cls, data_dir=None, *, lang: str | None = None, pseudonymise: bool = True,
             overrides: dict | None = None) -> "Report":
        """Read a data folder: ``scenario.yaml`` and whichever input files exist.

        Parameters
        ----------
        data_dir : path, optional
            The client's folder; default the bundled ``wholesale`` sample.
        lang : {"nl", "en"}, optional
            Default: ``language`` from ``scenario.yaml``.
        pseudonymise : bool
            Replace people's names and user ids by ``Medewerker 1``/``Employee 1`` ...
        overrides : dict, optional
            Values that replace those of ``scenario.yaml`` (``hourly_rate``, ``name``, ...).
        """
        from ..datasets.samples import sample_path  # noqa: PLC0415
        from ..io.scenario import read_scenario  # noqa: PLC0415

        data_dir = Path(data_dir) if data_dir else sample_path("wholesale")
        scenario = read_scenario(data_dir)
        params = {**scenario.params, **(overrides or {})}
        lang = lang or params.get("language") or "nl"
        i18n.check_lang(lang, func="Report.load")
        files = dict(scenario.files)
        report = cls(lang=lang, params=params, files=files, pseudonymised=bool(pseudonymise))
        read_log = _api("read_event_log")
        if "eventlog" in files and read_log:
            report.log = read_log(files["eventlog"], errors="drop", **dict(params.get("eventlog_options") or {}))
        read_obs = _api("read_observations")
        if "observations" in files and read_obs:
            report.observations = _call_drop(read_obs, files["observations"])
        read_perc = _api("read_perceived")
        if scenario.perceived:
            report.files["perceived"] = list(scenario.perceived)
            if read_perc:
                report.perceived = [read_perc(p) for p in scenario.perceived]
        for key, name in (("frustrations", "read_frustrations"), ("usage", "read_usage"), ("roster", "read_roster")):
            reader = _api(name)
            if key in files and reader:
                setattr(report, key, _call_drop(reader, files[key]))
        if pseudonymise:
            report._pseudonymise()
        return report

    def _pseudonymise(self) -> None:
        people = _People(self.lang, self.roster)
        frame = self._log_frame()
        if frame is not None and C.RESOURCE in frame:
            people.collect(frame[C.RESOURCE])
        obs = self._obs_frame()
        if obs is not None and "person" in obs:
            people.collect(obs["person"])
        if self.usage is not None and "user" in self.usage:
            people.collect(self.usage["user"])
        people.freeze()
        observers = _People(self.lang, None)
        observers.prefix = "Waarnemer" if self.lang == "nl" else "Observer"
        if obs is not None and "observer" in obs:
            observers.collect(obs["observer"])
        observers.freeze()
        if frame is not None and C.RESOURCE in frame:
            self.log = _replace_frame(self.log, {C.RESOURCE: people.apply(frame[C.RESOURCE])})
        if obs is not None:
            new = {}
            for col in ("person",):
                if col in obs:
                    new[col] = people.apply(obs[col])
            if "observer" in obs:
                new["observer"] = observers.apply(obs["observer"])
            for col in ("frustration", "activity"):
                if col in obs:
                    new[col] = people.scrub_text(obs[col])
            self.observations = _replace_frame(self.observations, new)
        if self.usage is not None and "user" in self.usage:
            self.usage = _with(self.usage, user=people.apply(self.usage["user"]))
        if self.roster is not None:
            cols = {"user": people.apply(self.roster["user"])}
            if "name" in self.roster:
                cols["name"] = people.apply(self.roster["user"])
            self.roster = _with(self.roster, **cols)
        if self.perceived:
            import dataclasses  # noqa: PLC0415

            scrubbed = []
            for perc in self.perceived:
                changes = {k: people.scrub_text(pd.Series([getattr(perc, k)], dtype=object)).iat[0]
                           for k in ("name", "told_by") if isinstance(getattr(perc, k, None), str)}
                changed = {k: v for k, v in changes.items() if v != getattr(perc, k)}
                scrubbed.append(dataclasses.replace(perc, **changed) if changed and dataclasses.is_dataclass(perc) else perc)
            self.perceived = scrubbed
        if self.frustrations is not None and "text" in self.frustrations:
            self.frustrations = _with(self.frustrations, text=people.scrub_text(self.frustrations["text"]))

    def _log_frame(self) -> pd.DataFrame | None:
        if self.log is None:
            return None
        return self.log.frame if hasattr(self.log, "frame") else self.log

    def _obs_frame(self) -> pd.DataFrame | None:
        if self.observations is None:
            return None
        return self.observations.frame if hasattr(self.observations, "frame") else self.observations

    # -- parameters ----------------------------------------------------------------------
    @property
    def rate(self) -> float:
        value = self.params.get("hourly_rate")
        try:
            return float(value) if value is not None else 45.0
        except (TypeError, ValueError):
            raise ParameterError(f"The 'hourly_rate' parameter must be a number of euros per hour. "
                                 f"Got {value!r} instead.") from None

    @property
    def client(self) -> str:
        return str(self.params.get("name") or T["client_unknown"][self.lang])

    def money(self, x) -> str:
        return i18n.money(x, self.lang, currency=str(self.params.get("currency") or "EUR"))

    def num(self, x, decimals: int = 0) -> str:
        return i18n.number(x, self.lang, decimals=decimals)

    def pct(self, x) -> str:
        return i18n.percent(x, self.lang)

    def date(self, d) -> str:
        return i18n.date(d, self.lang)

    # -- analyses (each computed once) -------------------------------------------------
    @functools.cached_property
    def hotspot_table(self) -> pd.DataFrame | None:
        func = _api("hotspots")
        if func is None or (self.log is None and self.observations is None):
            return None
        kwargs = dict(observations=self.observations, frustrations=self.frustrations,
                      hourly_rate=self.rate)
        extra = _accepted(func, official_systems=self.params.get("official_systems") or None,
                          team_size=self.params.get("team_size"), lang=self.lang)
        return func(self.log, **kwargs, **extra)

    @functools.cached_property
    def data_hotspots(self) -> pd.DataFrame | None:
        """Hotspots backed by the log or the observations (not frustration-only rows)."""
        hs = self.hotspot_table
        if hs is None or "source" not in hs:
            return hs
        return hs[hs["source"] != "frustrations"]

    @functools.cached_property
    def comparisons(self) -> list:
        func = _api("compare")
        if func is None or self.log is None or not self.perceived:
            return []
        return [func(p, self.log, **_accepted(func, observations=self.observations, lang=self.lang))
                for p in self.perceived]

    @functools.cached_property
    def process_map(self):
        func = _api("process_map")
        if func is None or self.log is None:
            return None
        return func(self.log, activities=MAP_ACTIVITIES, paths=MAP_PATHS,
                    **_accepted(func, lang=self.lang))

    @functools.cached_property
    def adoption_table(self) -> pd.DataFrame | None:
        func = _api("adoption")
        if func is None or self.usage is None or self.roster is None:
            return None
        by = self.params.get("group_by") or "team"
        if by not in self.roster:
            by = "team"
        system = self.params.get("system")
        if system and "system" in self.usage and not self.usage["system"].notna().any():
            system = None
        extra = _accepted(func, by=by, system=system)
        return func(self.usage, self.roster, go_live=self.params.get("go_live"), **extra)

    @functools.cached_property
    def observed_hours(self) -> float | None:
        obs = self._obs_frame()
        if obs is None or "duration_min" not in obs:
            return None
        return float(obs["duration_min"].sum()) / 60.0

    @functools.cached_property
    def off_system_share(self) -> float | None:
        obs = self._obs_frame()
        official = [str(s).casefold() for s in (self.params.get("official_systems") or [])]
        if obs is None or not official or "tool" not in obs or "duration_min" not in obs:
            return None
        func = _api("off_system")
        if func is not None:
            table = func(self.observations, official=list(self.params.get("official_systems")))
            overall = table[table["level"] == "overall"]
            return float(overall["share"].iloc[0]) if len(overall) else None
        total = obs["duration_min"].sum()
        if not total:
            return None
        off = ~obs["tool"].astype(str).str.casefold().isin(official)
        return float(obs.loc[off, "duration_min"].sum() / total)

    # -- sections --------------------------------------------------------------------------
    def cover(self) -> Block:
        parts = [f"<h1>{esc(T['title'][self.lang])}: {esc(self.client)}</h1>",
                 f'<p class="subtitle">{esc(T["subtitle"][self.lang])}</p>']
        period = self._period()
        meta = []
        if period:
            meta.append(t("period", self.lang, start=self.date(period[0]), end=self.date(period[1])))
        if self.pseudonymised:
            meta.append(T["pseudonymised"][self.lang])
        if meta:
            parts.append(f'<p class="meta">{"<br>".join(esc(m) for m in meta)}</p>')
        return Block(f'<header class="cover">{"".join(parts)}</header>', title=T["title"][self.lang])

    def _period(self):
        starts, ends = [], []
        frame = self._log_frame()
        if frame is not None and len(frame):
            starts.append(frame[C.TIMESTAMP].min())
            ends.append(frame[C.TIMESTAMP].max())
            if C.START in frame:
                starts.append(frame[C.START].min())
        obs = self._obs_frame()
        if obs is not None and len(obs) and "start" in obs:
            starts.append(obs["start"].min())
            ends.append(obs["end"].max() if "end" in obs else obs["start"].max())
        starts = [s for s in starts if pd.notna(s)]
        ends = [e for e in ends if pd.notna(e)]
        if not starts or not ends:
            return None
        return _naive(min(map(_naive, starts))), _naive(max(map(_naive, ends)))

    def summary(self) -> Block:
        lang = self.lang
        sources = []
        frame = self._log_frame()
        if frame is not None:
            sources.append(t("src_log", lang, cases=self.num(frame[C.CASE].nunique())))
        if self.observed_hours is not None:
            sources.append(t("src_obs", lang, hours=self.num(self.observed_hours)))
        if self.perceived:
            sources.append(t("src_perceived", lang, n=len(self.perceived)))
        if self.frustrations is not None:
            sources.append(T["src_frustrations"][lang])
        if self.usage is not None:
            sources.append(T["src_usage"][lang])
        body = [_p(esc(t("sum_intro", lang, client=self.client, sources=_join(sources, lang) or "—")))]
        figures = []
        hs = self.data_hotspots
        if hs is not None and len(hs):
            top = hs.head(TOP_SUMMARY)
            cost = float(top["cost_per_month"].sum())
            hours = float(top["hours_per_month"].sum())
            figures.append((self.money(cost), t("kf_cost", lang, n=len(top))))
            body.append(_p(esc(t("sum_top", lang, n=len(top), cost=self.money(cost), hours=self.num(hours),
                                 rate=self.money(self.rate)))))
            body.append(_ul(t("sum_hotspot", lang, where=esc(r.where), waste=esc(waste_label(r.waste, lang)),
                              cost=esc(self.money(r.cost_per_month))) for r in top.itertuples()))
        for comp, perc in zip(self.comparisons, self.perceived):
            conf = float(comp.conformance)
            key = "sum_conformance" if conf < 0.5 else "sum_conformance_high"
            body.append(_p(esc(t(key, lang, share=self.pct(conf), who=self._who(perc)))))
        if self.comparisons:
            worst = min(float(c.conformance) for c in self.comparisons)
            figures.append((self.pct(worst), T["kf_conformance"][lang]))
        if self.observed_hours is not None:
            figures.append((self.num(self.observed_hours), T["kf_hours"][lang]))
        if self.off_system_share is not None:
            figures.append((self.pct(self.off_system_share), T["kf_offsystem"][lang]))
        elif frame is not None:
            figures.append((self.num(frame[C.CASE].nunique()), T["kf_cases"][lang]))
        ad = self._adoption_last()
        if ad is not None:
            share, target = ad
            body.append(_p(esc(t("sum_adoption", lang, system=self.params.get("system") or "—",
                                 share=self.pct(share), target=self.pct(target)))))
        kf = "".join(f'<div class="keyfigure"><div class="value">{esc(v)}</div><div class="label">{esc(lbl)}</div></div>'
                     for v, lbl in figures[:3])
        if kf:
            body.insert(1, f'<div class="keyfigures">{kf}</div>')
        return _section(T["h_summary"][lang], "".join(body), key="summary")

    def _who(self, perceived) -> str:
        who = getattr(perceived, "told_by", None) or getattr(perceived, "name", None)
        return str(who) if who else T["told_by_unknown"][self.lang]

    def data_used(self) -> Block:
        lang = self.lang
        rows = []
        frame = self._log_frame()
        for key, obj in (("eventlog", self.log), ("observations", self.observations),
                         ("frustrations", self.frustrations), ("usage", self.usage), ("roster", self.roster)):
            if obj is None or key not in self.files:
                continue
            rej = _rejected(obj)
            used = len(obj.frame) if hasattr(obj, "frame") else len(obj)
            read = _rows_read(obj, used, rej)
            why = _main_reason(rej, lang)
            period = ""
            if key == "eventlog" and frame is not None and len(frame):
                period = (f"{i18n.date(_naive(frame[C.TIMESTAMP].min()), lang, fmt='short')} – "
                          f"{i18n.date(_naive(frame[C.TIMESTAMP].max()), lang, fmt='short')}")
            rows.append([esc(_file_name(self.files[key])), esc(T[f"what_{key}"][lang]), self.num(read),
                         self.num(used), self.num(0 if rej is None else len(rej)), esc(why), esc(period)])
        for path in self.files.get("perceived", []):
            rows.append([esc(_file_name(path)), esc(T["what_perceived"][lang]), "", "", "", "", ""])
        body = [_p(esc(T["data_intro"][lang]))]
        if rows:
            header = [T[k][lang] for k in ("col_file", "col_what", "col_rows", "col_used", "col_rejected", "col_why", "col_period")]
            body.append(_table(rows, header, numeric={2, 3, 4}))
        obs = self._obs_frame()
        if obs is not None and len(obs):
            days = obs["start"].dt.normalize().nunique() if "start" in obs else 0
            people = obs["person"].nunique() if "person" in obs else 0
            body.append(_p(esc(t("data_obs", lang, hours=self.num(self.observed_hours or 0, 1), days=days, people=people))))
        quality = _api("quality")
        if self.log is not None and quality is not None:
            findings = quality(self.log)
            findings = findings[findings["check"] != "rejected rows"] if len(findings) else findings
            if len(findings):
                body.append(_p(esc(T["data_quality"][lang])))
                items = []
                for r in findings.itertuples():
                    label = QUALITY_NL.get(r.check, r.check) if lang == "nl" else r.check
                    text = f"<b>{esc(label.capitalize())}</b>: {self.num(r.count)} ({self.pct(r.share)})"
                    if lang == "en":
                        text += f" — {esc(r.message)}"
                    items.append(text)
                body.append(_ul(items))
            else:
                body.append(_p(esc(T["data_quality_none"][lang])))
        return _section(T["h_data"][lang], "".join(body), key="data")

    def how_work_runs(self) -> Block:
        lang = self.lang
        frame = self._log_frame()
        if frame is None or not len(frame):
            return _section(T["h_process"][lang], _p(esc(T["absent_log"][lang]), "absent"), present=False, key="process")
        body = []
        var = _api("variants")
        variants = var(self.log) if var else None
        top_share = float(variants["share"].iloc[0]) if variants is not None and len(variants) and "share" in variants else float("nan")
        n_var = len(variants) if variants is not None else _n_variants(frame)
        start, end = _naive(frame[C.TIMESTAMP].min()), _naive(frame[C.TIMESTAMP].max())
        body.append(_p(esc(t("proc_intro", lang, cases=self.num(frame[C.CASE].nunique()), events=self.num(len(frame)),
                             start=self.date(start), end=self.date(end), variants=self.num(n_var),
                             top_share=self.pct(top_share)))))
        tp = _throughput(frame)
        if tp is not None:
            body.append(_p(esc(t("proc_throughput", lang, median=i18n.duration(tp[0], lang, short=False),
                                 p90=i18n.duration(tp[1], lang, short=False)))))
        if C.RESOURCE in frame:
            h = _handovers_per_case(frame)
            if h is not None:
                body.append(_p(esc(t("proc_handovers", lang, n=self.num(h, 1)))))
        if self.process_map is not None:
            body.append(_figure(map_to_svg(self.process_map), esc(T["proc_map_caption"][lang])))
        if variants is not None and len(variants):
            body.append(f"<h3>{esc(T['proc_variants'][lang])}</h3>")
            rows = []
            for r in variants.head(5).itertuples():
                route = getattr(r, "variant", None)
                route = " → ".join(route) if isinstance(route, (tuple, list)) else str(route)
                rows.append([esc(route), self.num(getattr(r, "count", getattr(r, "cases", 0))), self.pct(getattr(r, "share", float("nan")))])
            body.append(_table(rows, [T["col_route"][lang], T["col_cases"][lang], T["col_share"][lang]], numeric={1, 2}))
        return _section(T["h_process"][lang], "".join(body), key="process")

    def where_time_goes(self) -> Block:
        lang = self.lang
        if self.log is None and self.observations is None:
            if "eventlog" in self.files or "observations" in self.files:
                return _section(T["h_time"][lang], _p(esc(T["absent_analysis"][lang]), "absent"), present=False, key="time")
            return _section(T["h_time"][lang], _p(esc(T["absent_time"][lang]), "absent"), present=False, key="time")
        hs = self.hotspot_table
        body = [_p(esc(t("time_intro", lang, rate=self.money(self.rate))))]
        if hs is None:
            body.append(_p(esc(T["absent_analysis"][lang]), "absent"))
        elif not len(hs):
            body.append(_p(esc(T["time_none"][lang])))
        else:
            top = hs.head(TOP_TABLE)
            expl = "explanation_nl" if lang == "nl" and "explanation_nl" in top else "explanation"
            rows = [[str(int(r.rank)) if hasattr(r, "rank") else str(i + 1), esc(waste_label(r.waste, lang)), esc(r.where),
                     self.num(r.hours_per_month, 1), self.money(r.cost_per_month), esc(getattr(r, expl, ""))]
                    for i, r in enumerate(top.itertuples())]
            body.append(_table(rows, [T[k][lang] for k in ("col_rank", "col_waste", "col_where", "col_hours", "col_costs", "col_why_hotspot")],
                               numeric={0, 3, 4}))
            pareto = _api("plot_hotspots")
            if pareto is not None:
                ax = _call_plot(pareto, hs, lang=lang, top=TOP_TABLE)
                body.append(_figure(fig_to_svg(ax.figure), esc(T["time_pareto"][lang])))
            overlay = _api("hotspot_map")
            if overlay is not None and self.log is not None:
                pmap = overlay(self.log, hs, **_accepted(overlay, top=5, lang=lang, activities=MAP_ACTIVITIES,
                                                         paths=MAP_PATHS))
                body.append(_figure(map_to_svg(pmap), esc(T["time_overlay"][lang])))
        obs = self._obs_frame()
        use = _api("time_use")
        if obs is not None and use is not None and len(obs):
            tu = use(self.observations, by="role")
            body.append(f"<h3>{esc(T['time_use'][lang])}</h3>")
            plot = _api("plot_time_use")
            ax = _call_plot(plot, self.observations, by="role", lang=lang) if plot is not None else None
            if ax is not None:
                _translate_axes(ax, lang)
                body.append(_figure(fig_to_svg(ax.figure)))
            else:
                body.append(_time_use_table(tu, self))
        if self.off_system_share is not None:
            body.append(_p(esc(t("time_offsystem", lang, share=self.pct(self.off_system_share),
                                 systems=", ".join(map(str, self.params.get("official_systems") or []))))))
        return _section(T["h_time"][lang], "".join(body), key="time")

    def perceived_vs_actual(self) -> Block:
        lang = self.lang
        if (self.files.get("perceived") and not self.perceived) or (self.perceived and not self.comparisons
                                                                      and self.log is not None):
            return _section(T["h_perceived"][lang], _p(esc(T["absent_analysis"][lang]), "absent"), present=False, key="perceived")
        if not self.perceived or self.log is None:
            return _section(T["h_perceived"][lang], _p(esc(T["absent_perceived"][lang]), "absent"), present=False, key="perceived")
        if not self.comparisons:
            return _section(T["h_perceived"][lang], _p(esc(T["absent_analysis"][lang]), "absent"), present=False, key="perceived")
        body = [_p(esc(T["perc_intro"][lang]))]
        for comp, perc in zip(self.comparisons, self.perceived):
            who = self._who(perc)
            body.append(f"<h3>{esc(who[:1].upper() + who[1:])}</h3>")
            body.append(_p(esc(t("perc_one", lang, who=who, conf=self.pct(comp.conformance)))))
            acts = comp.activities
            hidden = acts.loc[acts["status"] == "hidden", "activity"].astype(str).tolist()
            only = acts.loc[acts["status"] == "perceived_only", "activity"].astype(str).tolist()
            items = []
            if hidden:
                items.append(esc(t("perc_hidden", lang, items=_join(hidden[:8], lang))))
            if only:
                items.append(esc(t("perc_only", lang, items=_join(only[:8], lang))))
            body.append(_ul(items))
            dev = getattr(comp, "deviations", None)
            if dev is not None and len(dev):
                text_col = next((c for c in (f"text_{lang}", f"description_{lang}", "description", "deviation", "text") if c in dev), None)
                count_col = next((c for c in ("cases", "count", "occurrences") if c in dev), None)
                if text_col:
                    rows = [[esc(getattr(r, text_col)), self.num(getattr(r, count_col)) if count_col else ""]
                            for r in dev.head(5).itertuples()]
                    body.append(f"<h4>{esc(T['perc_deviations'][lang])}</h4>")
                    body.append(_table(rows, [T["col_deviation"][lang], T["col_cases"][lang]], numeric={1}))
            try:
                # a spaghetti process: leave out hidden flows under 5% of cases (the footnote says so)
                busy = len(getattr(comp, "flows", ())) > DIFF_MAP_MAX_FLOWS
                dmap = comp.map(min_share=0.05) if busy else comp.map()
                body.append(_figure(map_to_svg(dmap), esc(T["perc_map_caption"][lang])))
            except ShadowingError:
                pass
        return _section(T["h_perceived"][lang], "".join(body), key="perceived")

    def frustrations_section(self) -> Block:
        lang = self.lang
        fr = self.frustrations
        obs = self._obs_frame()
        has_notes = obs is not None and "frustration" in obs and obs["frustration"].notna().any()
        if (fr is None or not len(fr)) and not has_notes:
            return _section(T["h_frustrations"][lang], _p(esc(T["absent_frustrations"][lang]), "absent"),
                            present=False, key="frustrations")
        body = []
        if fr is not None and len(fr):
            hs = self.data_hotspots
            rows = []
            for r in fr.sort_values("votes", ascending=False, kind="stable").head(8).itertuples():
                match = _hotspot_for_frustration(hs, str(r.frustration_id), getattr(r, "activity", None),
                                                 getattr(r, "system", None))
                if match is None:
                    says = T["fr_no_evidence"][lang]
                else:
                    says = t("fr_evidence", lang, waste=waste_label(match.waste, lang), where=match.where,
                             hours=self.num(match.hours_per_month, 1), cost=self.money(match.cost_per_month))
                rows.append([esc(r.text), self.num(r.votes), esc(says)])
            body.append(_p(esc(T["fr_intro"][lang])))
            body.append(_table(rows, [T["col_frustration"][lang], T["col_votes"][lang], T["col_data_says"][lang]],
                               numeric={1}))
        notes = _api("frustration_notes")
        if has_notes and notes is not None:
            fn = notes(self.observations)
            if len(fn):
                body.append(f"<h3>{esc(T['fr_notes'][lang])}</h3>")
                rows = [[esc(r.activity), esc(r.system), self.num(r.notes),
                         '<span class="quote">' + esc(str(r.examples).split(" | ")[0]) + "</span>"]
                        for r in fn.head(6).itertuples()]
                body.append(_table(rows, [T["col_activity"][lang], T["col_tool"][lang], T["col_notes"][lang],
                                          T["col_example"][lang]], numeric={2}))
        return _section(T["h_frustrations"][lang], "".join(body), key="frustrations")

    def _adoption_last(self):
        ad = self.adoption_table
        if ad is None or not len(ad) or "share" not in ad:
            return None
        total = ad[ad["total"]] if "total" in ad and ad["total"].any() else ad
        last = total[total["period"] == total["period"].max()]
        share = float(last["active"].sum() / max(float(last["roster"].sum()), 1.0))
        return share, float(self.params.get("adoption_target") or 0.9)

    def adoption_section(self) -> Block:
        lang = self.lang
        if self.usage is None or self.roster is None:
            return _section(T["h_adoption"][lang], _p(esc(T["absent_adoption"][lang]), "absent"),
                            present=False, key="adoption")
        ad = self.adoption_table
        if ad is None:
            return _section(T["h_adoption"][lang], _p(esc(T["absent_analysis"][lang]), "absent"),
                            present=False, key="adoption")
        target = float(self.params.get("adoption_target") or 0.9)
        go_live = self.params.get("go_live")
        if isinstance(go_live, dict):
            go_text = ", ".join(f"{k}: {self.date(v)}" for k, v in go_live.items())
        else:
            go_text = self.date(go_live) if go_live is not None else "—"
        system = self.params.get("system") or "—"
        body = [_p(esc(t("ad_intro", lang, system=system, go_live=go_text, target=self.pct(target))))]
        plot = _api("plot_adoption")
        if plot is not None and len(ad):
            ax = _call_plot(plot, ad, target=target, lang=lang, off_system=self.off_system_share,
                            system=self.params.get("system"), size=(7.5, 4.0))
            body.append(_figure(fig_to_svg(ax.figure)))
        summary = _api("adoption_summary")
        if summary is not None and len(ad):
            sentences = summary(ad, **_accepted(summary, lang=lang, system=self.params.get("system")))
            body.append(_ul(esc(x) for x in list(sentences)))
        if len(ad):
            last = ad.sort_values("period", kind="stable").groupby("team", observed=True, sort=False).tail(1)
            rows = [[esc(r.team), self.num(r.active), self.num(r.roster), self.pct(r.share)]
                    for r in last.itertuples()]
            body.append(_table(rows, [T["col_group"][lang], T["col_active"][lang], T["col_roster"][lang],
                                      T["col_week"][lang]], numeric={1, 2, 3}))
        return _section(T["h_adoption"][lang], "".join(body), key="adoption")

    def where_to_start(self) -> Block:
        lang = self.lang
        if self.log is None and self.observations is None:
            return _section(T["h_start"][lang], _p(esc(T["absent_start"][lang]), "absent"),
                            present=False, key="start")
        hs = self.data_hotspots
        if hs is None or not len(hs):
            key = "absent_analysis" if hs is None else "time_none"
            return _section(T["h_start"][lang], _p(esc(T[key][lang]), "absent"), present=False, key="start")
        first = hs.iloc[0]
        body = [_p(t("start_one", lang, where=esc(first["where"]), waste=esc(waste_label(first["waste"], lang)),
                     cost=esc(self.money(first["cost_per_month"])), hours=esc(self.num(first["hours_per_month"]))))]
        expl = first.get("explanation_nl") if lang == "nl" and "explanation_nl" in first else first.get("explanation")
        if expl is not None and not pd.isna(expl) and str(expl):
            body.append(_p(esc(t("start_why", lang, text=expl))))
        votes = first.get("frustration_votes")
        if votes is not None and not pd.isna(votes) and float(votes) > 0:
            body.append(_p(esc(t("start_votes", lang, votes=self.num(votes)))))
        evidence = first.get("evidence")
        if evidence is not None and not pd.isna(evidence) and str(evidence):
            body.append(_p(esc(t("start_evidence", lang, evidence=_evidence_text(str(evidence), lang)))))
        nxt = [f"{r['where']} ({waste_label(r['waste'], lang)}, {self.money(r['cost_per_month'])})"
               for _, r in hs.iloc[1:3].iterrows()]
        if nxt:
            body.append(_p(esc(t("start_next", lang, items=_join(nxt, lang)))))
        return _section(T["h_start"][lang], f'<div class="callout">{"".join(body)}</div>', key="start")

    def sections(self) -> list[Block]:
        """All sections in report order."""
        return [self.cover(), self.summary(), self.data_used(), self.how_work_runs(), self.where_time_goes(),
                self.perceived_vs_actual(), self.frustrations_section(), self.adoption_section(), self.where_to_start()]


# -- small helpers ---------------------------------------------------------------------
def _main_reason(rej, lang: str) -> str:
    """The most common reason rows were refused, without the refused value itself."""
    if rej is None or not len(rej):
        return ""
    column = rej["column"].astype(str).value_counts().index[0]
    reasons = rej.loc[rej["column"].astype(str) == column, "reason"].astype(str)
    reason = re.split(r"[,;]\s*(?:found|got)\b", reasons.value_counts().index[0])[0].strip()
    if lang == "nl":
        return f"kolom '{column}': onleesbare of ontbrekende waarde"
    return f"column '{column}': {reason}"


def _call_drop(reader, path):
    try:
        return reader(path, errors="drop")
    except TypeError:
        return reader(path)


def _accepted(func, **candidates) -> dict:
    """The keyword arguments ``func`` accepts, among ``candidates`` that are not None."""
    import inspect  # noqa: PLC0415

    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return {}
    return {k: v for k, v in candidates.items() if v is not None and k in params}


def _call_plot(func, data, *, size=(7.5, 3.6), **options):
    import matplotlib.pyplot as plt  # noqa: PLC0415

    fig, ax = plt.subplots(figsize=size)
    ax = func(data, ax=ax, **_accepted(func, **options))
    return ax


def _rejected(obj) -> pd.DataFrame | None:
    rej = getattr(obj, "rejected", None)
    if rej is None and isinstance(obj, pd.DataFrame):
        rej = obj.attrs.get("rejected")
    return rej


def _rows_read(obj, used: int, rej) -> int:
    read = getattr(obj, "rows_read", None)
    if read is None and isinstance(obj, pd.DataFrame):
        read = obj.attrs.get("rows_read")
    return int(read) if read else used + (0 if rej is None else len(rej))


def _replace_frame(obj, columns: dict):
    """A copy of an EventLog/Observations (or frame) with some columns replaced."""
    import dataclasses  # noqa: PLC0415

    if hasattr(obj, "frame") and dataclasses.is_dataclass(obj):
        return dataclasses.replace(obj, frame=_with(obj.frame, **columns))
    return _with(obj, **columns)


def _with(frame: pd.DataFrame, **columns) -> pd.DataFrame:
    out = frame.copy()
    for k, v in columns.items():
        out[k] = v
    out.attrs = dict(frame.attrs)
    return out


def _naive(ts):
    ts = pd.Timestamp(ts)
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def _n_variants(frame: pd.DataFrame) -> int:
    codes = frame[C.ACTIVITY].cat.codes.astype(str) if isinstance(frame[C.ACTIVITY].dtype, pd.CategoricalDtype) else frame[C.ACTIVITY].astype(str)
    return int(codes.groupby(frame[C.CASE], observed=True, sort=False).agg(",".join).nunique())


def _throughput(frame: pd.DataFrame):
    g = frame.groupby(C.CASE, observed=True, sort=False)[C.TIMESTAMP]
    start = frame.groupby(C.CASE, observed=True, sort=False)[C.START].min() if C.START in frame else g.min()
    span = (g.max() - start).dropna()
    if not len(span):
        return None
    return span.median(), span.quantile(0.9)


def _handovers_per_case(frame: pd.DataFrame) -> float | None:
    res = frame[C.RESOURCE]
    if res.isna().all():
        return None
    case = frame[C.CASE]
    same_case = case.eq(case.shift())
    change = same_case & res.ne(res.shift()) & res.notna() & res.shift().notna()
    return float(change.groupby(case, observed=True, sort=False).sum().mean())


def _hotspot_for_frustration(hs: pd.DataFrame | None, fid: str, activity, system):
    """The data hotspot a frustration points at: by its id in the evidence, else by place."""
    if hs is None or not len(hs):
        return None
    if "evidence" in hs:
        pattern = r"frustration [^;]*\b" + re.escape(fid) + r"\b"
        hit = hs[hs["evidence"].astype(str).str.contains(pattern, regex=True)]
        if len(hit):
            return next(hit.itertuples())
    return _match_hotspot(hs, activity, system)


def _evidence_text(evidence: str, lang: str) -> str:
    """``case 12, 13; observation O4`` in the report's language."""
    if lang == "en":
        return evidence
    words = {"case": "zaak", "cases": "zaken", "observation": "waarneming", "observations": "waarnemingen",
             "frustration": "frustratie", "frustrations": "frustraties"}
    return re.sub(r"\b(cases?|observations?|frustrations?)\b", lambda m: words[m.group(1)], evidence)


def _match_hotspot(hs: pd.DataFrame | None, activity, system):
    if hs is None or not len(hs):
        return None
    for needle in (activity, system):
        if needle is None or (not isinstance(needle, str) and pd.isna(needle)) or not str(needle).strip():
            continue
        key = str(needle).strip().casefold()
        hit = hs[hs["where"].astype(str).str.casefold().str.contains(key, regex=False)]
        if len(hit):
            return next(hit.itertuples())
    return None


_AXES_NL = {"Where observed time goes, per role": "Waar de geobserveerde tijd heen gaat, per rol",
            "observed hours": "geobserveerde uren", "role": "rol", "value-adding": "waardetoevoegend",
            "necessary": "noodzakelijk", "waste": "verspilling", "share of observed time": "aandeel van de geobserveerde tijd"}


def _translate_axes(ax, lang: str) -> None:
    """Dutch labels on a chart the plotting function draws in English only."""
    if lang != "nl":
        return
    for get, put in ((ax.get_title, ax.set_title), (ax.get_xlabel, ax.set_xlabel), (ax.get_ylabel, ax.set_ylabel)):
        text = get()
        if text in _AXES_NL:
            put(_AXES_NL[text])
    legend = ax.get_legend()
    if legend is not None:
        for txt in legend.get_texts():
            txt.set_text(_AXES_NL.get(txt.get_text(), txt.get_text()))


def _time_use_table(tu: pd.DataFrame, report: Report) -> str:
    lang = report.lang
    cols = list(tu.columns)
    num = {i for i, c in enumerate(cols) if pd.api.types.is_numeric_dtype(tu[c])}
    rows = [[report.num(v, 1) if i in num else esc(v) for i, v in enumerate(r)] for r in tu.head(20).itertuples(index=False)]
    header = [esc(T.get(f"col_{c}", {}).get(lang, c)) for c in cols]
    return _table(rows, header, numeric=num)
