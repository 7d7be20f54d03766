"""The sentences and labels of the hotspot table, in English and Dutch, from its facts.

`shadowing.analysis.hotspots` gives every row a ``facts`` dict (what was counted, where, with
which norm); this module is the one place those facts become words:

* `explanation` - one short sentence per row (the extrapolation rule is not repeated in rows;
  it is stated once, by `scaling_sentence`);
* `period_sentence` - what "per month" is over;
* `designed_sentence` - a designed wait (a timer, a legal period) in its own list;
* `unsupported_sentence` - a frustration that matches no data;
* `ranking_sentence` - the one ranking rule;
* `waste_name`, `label` - labels for tables, charts and maps.

Money is only ever staff hours x the hourly rate, or case-days of waiting x the cost of delay
the analyst gave; no sentence multiplies case-hours by the hourly rate.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .. import i18n
from .tools import tool_label

_NL_WASTE = {"waiting": "wachten", "rework": "herwerk", "redo": "overdoen door een ander",
             "ping-pong": "pingpong", "system switching": "systeemwissels",
             "double entry": "dubbele invoer", "off-system work": "werk buiten het systeem",
             "interruption": "onderbrekingen", "searching": "zoeken", "frustration": "frustratie"}


def waste_name(waste: str, lang: str) -> str:
    """The name of a waste type: ``double entry`` / ``dubbele invoer``."""
    return waste if lang == "en" else _NL_WASTE.get(waste, waste)


def label(waste: str, where: str, lang: str, width: int = 44) -> str:
    """``waste: where``, shortened to ``width`` characters (charts)."""
    text = f"{waste_name(waste, lang)}: {where}"
    return text if len(text) <= width else text[: width - 1] + "…"


# -- numbers, fast (thousands of rows) ----------------------------------------------------------

@lru_cache(maxsize=None)
def _symbols(lang: str) -> tuple[str, str]:
    sample = i18n.number(1234.5, lang, decimals=1)   # "1,234.5" / "1.234,5"
    return sample[-2], sample[1]


def num(x: float, lang: str, decimals: int = 0) -> str:
    """`shadowing.i18n.number`, fast: babel's symbols, Python's formatting."""
    if x is None or not np.isfinite(x):
        return "–"
    dec, grp = _symbols(lang)
    text = f"{round(float(x), decimals):,.{decimals}f}"
    return text.replace(",", "\0").replace(".", dec).replace("\0", grp)


def money(x: float, lang: str) -> str:
    """`shadowing.i18n.money` in whole euros, fast."""
    if x is None or not np.isfinite(x):
        return "–"
    return ("€" if lang == "en" else "€ ") + num(x, lang)


def hours(x: float, lang: str) -> str:
    """Hours as people read them: ``3.5 h`` / ``3,5 u``."""
    return f"{num(x, lang, decimals=1 if abs(x) < 10 else 0)} {'h' if lang == 'en' else 'u'}"


def amount_range(point: str, low: str | None, high: str | None, lang: str) -> str:
    """A figure with its range: ``€6,456 – €11,366 (best estimate €8,820)``; ``about €8,820``
    when there is no range."""
    if low is None or high is None:
        return f"{'about' if lang == 'en' else 'ongeveer'} {point}"
    best = "best estimate" if lang == "en" else "beste schatting"
    return f"{low} – {high} ({best} {point})"


def strength_label(strength: str, lang: str) -> str:
    """``not yet proven`` / ``nog niet bewezen`` (empty for a proven row)."""
    if strength != "not yet proven":
        return ""
    return "not yet proven" if lang == "en" else "nog niet bewezen"


def minutes(x: float, lang: str) -> str:
    return f"{num(x, lang, decimals=1 if abs(x) < 10 else 0)} min"


def lead_time(h: float, lang: str, hours_per_day: float = 24.0) -> str:
    """A wait as people read it: ``40 s``, ``12 min``, ``5.5 h``, from two days on ``3.2 days`` /
    ``3,2 dagen`` (``working days`` on the working clock)."""
    if h < 1 / 60:
        return f"{num(h * 3600, lang)} s"
    if h < 1:
        return minutes(h * 60, lang)
    if h < 2 * hours_per_day:
        return hours(h, lang)
    d = h / hours_per_day
    unit = ("days" if lang == "en" else "dagen") if hours_per_day == 24 else \
        ("working days" if lang == "en" else "werkdagen")
    return f"{num(d, lang, decimals=1 if d < 10 else 0)} {unit}"


def _pct(x: float, lang: str) -> str:
    return i18n.percent(x, lang, decimals=1 if (x < 0.1 or x > 0.99) and x not in (0, 1) else 0)


def _cost(staff_hours: float, rate: float | None, lang: str) -> str:
    if rate is None or not staff_hours:
        return ""
    m = money(staff_hours * rate, lang)
    return f" ≈ {m} per month" if lang == "en" else f" ≈ {m} per maand"


def _q(names, lang: str) -> str:
    names = [f"'{n}'" for n in names]
    return (" or " if lang == "en" else " of ").join(names)


_ORIGIN = {
    "en": {"start times": "the median duration from the log's start times",
           "observations": "the median observed duration",
           "assumed": "assumed: no durations known",
           "capped": "capped: the recorded spans hold waiting, not only work"},
    "nl": {"start times": "de mediane duur volgens de starttijden in de log",
           "observations": "de mediane geobserveerde duur",
           "assumed": "aangenomen: geen duur bekend",
           "capped": "begrensd: de geregistreerde duur bevat ook wachten"},
}


def _overlap(n: int, lang: str) -> str:
    if not n:
        return ""
    if lang == "en":
        return f" ({n} more {'was' if n == 1 else 'were'} already counted under another waste)"
    return f" ({n} andere {'was' if n == 1 else 'waren'} al bij een andere verspilling geteld)"


# -- row explanations ---------------------------------------------------------------------------

def explanation(row: dict, lang: str, *, hourly_rate: float | None = None,
                cost_of_delay: float | None = None) -> str:
    """One sentence for a hotspot row (a mapping with ``waste``, ``source``, ``facts``, the
    counts and the hours)."""
    waste, source, f = row["waste"], row["source"], row["facts"]
    n_occ, n_cases = int(row["occurrences"]), int(row["cases"])
    staff = float(row["staff_hours_per_month"])
    if source == "frustrations":
        return unsupported_sentence(f["texts"], f["votes"], lang)
    if source == "observations":
        return _observed(waste, f, staff, lang, hourly_rate)
    en = lang == "en"
    share = _pct(float(row["share_of_cases"]), lang)
    if waste == "waiting":
        wait = float(row["wait_hours_per_month"])
        hpd = f["hours_per_day"]
        clock = ("working hours" if en else "werkuren") if f["clock"] == "working" else \
            ("calendar hours" if en else "kalenderuren")
        norm = (("its usual wait (median)" if en else "de gebruikelijke wachttijd (mediaan)")
                if f["norm_source"] == "own" else
                ("the norm you gave" if en else "de opgegeven norm"))
        if en:
            text = (f"Between '{f['a']}' and '{f['b']}' {n_occ} of {f['transitions']} transitions "
                    f"in {n_cases} cases ({share} of cases) waited far longer than {norm} of "
                    f"{lead_time(f['norm_hours'], lang, hpd)}: on average "
                    f"{lead_time(f['mean_excess_hours'], lang, hpd)} more ({clock}), "
                    f"{num(wait, lang, 1 if wait < 10 else 0)} case-hours "
                    f"({num(wait / hpd, lang, 1)} case-days) of "
                    "lead time per month. This is the cases' time, not staff time")
        else:
            text = (f"Tussen '{f['a']}' en '{f['b']}' wachtten {n_occ} van de {f['transitions']} "
                    f"overgangen in {n_cases} zaken ({share} van de zaken) veel langer dan "
                    f"{norm} van {lead_time(f['norm_hours'], lang, hpd)}: gemiddeld "
                    f"{lead_time(f['mean_excess_hours'], lang, hpd)} langer ({clock}), "
                    f"{num(wait, lang, 1 if wait < 10 else 0)} zaakuren "
                    f"({num(wait / hpd, lang, 1)} zaakdagen) "
                    "doorlooptijd per maand. Dit is tijd van de zaken, niet van medewerkers")
        if cost_of_delay is not None:
            m = money(wait / hpd * cost_of_delay, lang)
            c = money(cost_of_delay, lang)
            text += (f"; at {c} per case-day of delay: {m} per month" if en else
                     f"; tegen {c} per zaakdag vertraging: {m} per maand")
        return text + "."
    if waste in ("rework", "redo", "double entry"):
        label_ = f["activity"]
        if waste == "rework":
            who_en = ("by the same person" if f["has_resources"]
                      else "(the log has no resources, so repeats are not split by person)")
            who_nl = ("door dezelfde persoon" if f["has_resources"]
                      else "(de log heeft geen medewerkers, dus niet gesplitst per persoon)")
            text = (f"'{label_}' was done again {who_en} {n_occ} times in {n_cases} cases" if en
                    else f"'{label_}' werd {n_occ} keer opnieuw gedaan {who_nl}, in {n_cases} zaken")
        elif waste == "redo":
            text = (f"'{label_}' was done again by another person {n_occ} times in {n_cases} cases"
                    if en else f"'{label_}' werd {n_occ} keer opnieuw gedaan door een ander, in "
                    f"{n_cases} zaken")
        else:
            s = ", ".join(tool_label(x, lang) for x in f["systems"])
            text = (f"'{label_}' was entered again in another system ({s}) {n_occ} times in "
                    f"{n_cases} cases" if en else
                    f"'{label_}' werd {n_occ} keer nog eens ingevoerd in een ander systeem ({s}), "
                    f"in {n_cases} zaken")
        return text + _staff_tail(f, staff, lang, hourly_rate, share)
    if waste == "ping-pong":
        text = (f"Cases went back and forth between {f['a']} and {f['b']} {n_occ} times in "
                f"{n_cases} cases" if en else
                f"Zaken gingen {n_occ} keer heen en weer tussen {f['a']} en {f['b']}, in {n_cases} "
                "zaken")
        at = (f", mostly at {_q(f['at'], lang)}" if en else f", vooral bij {_q(f['at'], lang)}") \
            if f["at"] else ""
        return text + _staff_tail(f, staff, lang, hourly_rate, share, unit="bounce", after=at)
    if waste == "system switching":
        s = ", ".join(tool_label(x, lang) for x in f["systems"])
        text = (f"From '{f['a']}' to '{f['b']}' the same person switched systems ({s}) {n_occ} "
                f"times in {n_cases} cases" if en else
                f"Van '{f['a']}' naar '{f['b']}' wisselde dezelfde persoon {n_occ} keer van "
                f"systeem ({s}), in {n_cases} zaken")
        return text + _staff_tail(f, staff, lang, hourly_rate, share, unit="switch")
    if waste == "off-system work":
        s = ", ".join(tool_label(x, lang) for x in f["systems"])
        off = ", ".join(tool_label(x, lang) for x in f["official"])
        text = (f"'{f['activity']}' was done outside {off} ({s}) {n_occ} times in {n_cases} cases"
                if en else f"'{f['activity']}' werd {n_occ} keer buiten {off} gedaan ({s}), in "
                f"{n_cases} zaken")
        return text + _staff_tail(f, staff, lang, hourly_rate, share)
    return f"{waste_name(waste, lang)}: {row['where']}."


def _staff_tail(f: dict, staff: float, lang: str, rate: float | None, share: str,
                unit: str = "step", after: str = "") -> str:
    units = {"step": ("step", "stap"), "bounce": ("bounce", "keer"), "switch": ("switch", "wissel")}
    u_en, u_nl = units[unit]
    src = f" ({_ORIGIN[lang][f['origin']]})" if "origin" in f else ""
    if lang == "en":
        text = (f" ({share} of cases){after}: {hours(staff, lang)} of staff time per month at "
                f"{minutes(f['minutes'], lang)} per {u_en}{src}{_cost(staff, rate, lang)}")
    else:
        text = (f" ({share} van de zaken){after}: {hours(staff, lang)} werktijd per maand à "
                f"{minutes(f['minutes'], lang)} per {u_nl}{src}{_cost(staff, rate, lang)}")
    return text + _overlap(f.get("overlap", 0), lang) + "."


def _observed(waste: str, f: dict, staff: float, lang: str, rate: float | None) -> str:
    a = f["activity"]
    tools = ", ".join(tool_label(x, lang) for x in f.get("tools", []))
    en = lang == "en"
    if waste == "system switching":
        if f.get("most_tools", 0) >= 3:
            what = (f"'{a}' meant checking {f['most_tools']} systems ({tools}); the time outside "
                    "the main one was lost in" if en else
                    f"'{a}' betekende {f['most_tools']} systemen nakijken ({tools}); de tijd buiten "
                    "het hoofdsysteem was verloren in")
        else:
            what = (f"'{a}' switched between systems ({tools}) in" if en else
                    f"'{a}' wisselde tussen systemen ({tools}) in")
    elif waste == "off-system work":
        off = ", ".join(tool_label(x, lang) for x in f["official"])
        what = (f"'{a}' was done outside {off} ({tools})" if en else
                f"'{a}' werd buiten {off} gedaan ({tools})")
    else:
        what = {"waiting": (f"Staff waited during '{a}'", f"Medewerkers wachtten tijdens '{a}'"),
                "rework": (f"'{a}' was redone", f"'{a}' werd overgedaan"),
                "searching": (f"Staff searched during '{a}'", f"Medewerkers zochten tijdens '{a}'"),
                "double entry": (f"'{a}' was typed in twice", f"'{a}' werd dubbel ingevoerd"),
                "interruption": (f"'{a}' was interrupted", f"'{a}' werd onderbroken"),
                }.get(waste, (f"{waste}: '{a}'", f"{waste_name(waste, 'nl')}: '{a}'"))[0 if en else 1]
    n = f["n"]
    if en:
        times = "tasks" if f["unit"] == "tasks" else "times"
        return (f"{what} {n} {times} in the observations ({hours(f['observed_hours'], lang)} "
                f"observed): about {hours(staff, lang)} of staff time per month for the team"
                f"{_cost(staff, rate, lang)}.")
    times = "taken" if f["unit"] == "tasks" else "keer"
    return (f"{what} {n} {times} in de observaties ({hours(f['observed_hours'], lang)} "
            f"geobserveerd): ongeveer {hours(staff, lang)} werktijd per maand voor het team"
            f"{_cost(staff, rate, lang)}.")


def unsupported_sentence(texts, votes: int, lang: str) -> str:
    quoted = "; ".join(f"'{t}'" for t in texts)
    if lang == "en":
        return (f"No supporting data: the team named {quoted} ({votes} votes), but neither the "
                "log nor the observations show waste that matches it. Worth a look before it is "
                "accepted as a fact.")
    return (f"Geen onderbouwing in de data: het team noemde {quoted} ({votes} stemmen), maar de "
            "log en de observaties tonen geen verspilling die erbij past. Eerst nagaan voor het "
            "als feit geldt.")


# -- table-level sentences ------------------------------------------------------------------------

def _month(d, lang: str) -> str:
    from babel.dates import format_date  # noqa: PLC0415

    return format_date(pd.Timestamp(d).date(), format="MMMM y",
                       locale="en_GB" if lang == "en" else "nl_NL")


def period_sentence(period: dict, lang: str) -> str:
    """``Log figures are per month, over the 2.5 months from December 2025 to February 2026 ...``"""
    m = period["months"]
    months = num(m, lang, decimals=0 if m >= 10 else 1)
    first, last = _month(period["first"], lang), _month(period["last"], lang)
    clock = period["clock"]
    if lang == "en":
        text = (f"Log figures are per month, over the {months} months from {first} to {last} "
                f"that hold the log's cases; waits are counted in "
                f"{'working' if clock == 'working' else 'calendar'} hours.")
        aside = []
        if period.get("stray_events_set_aside"):
            aside.append(f"{period['stray_cases_set_aside']} cases with "
                         f"{period['stray_events_set_aside']} events far outside that period "
                         "(stray dates) are left out")
        if period.get("duplicate_events_set_aside"):
            aside.append(f"{period['duplicate_events_set_aside']} duplicate events (exact "
                         "repeats: double exports) are left out")
        return text + ("" if not aside else " " + "; ".join(aside).capitalize() + ".")
    text = (f"Cijfers uit de log zijn per maand, over de {months} maanden van {first} tot {last} "
            f"waarin de zaken van de log vallen; wachttijden tellen in "
            f"{'werkuren' if clock == 'working' else 'kalenderuren'}.")
    aside = []
    if period.get("stray_events_set_aside"):
        aside.append(f"{period['stray_cases_set_aside']} zaken met "
                     f"{period['stray_events_set_aside']} gebeurtenissen ver buiten die periode "
                     "(verdwaalde datums) blijven buiten beschouwing")
    if period.get("duplicate_events_set_aside"):
        aside.append(f"{period['duplicate_events_set_aside']} dubbele gebeurtenissen (exacte "
                     "herhalingen: dubbele exports) blijven buiten beschouwing")
    return text + ("" if not aside else " " + "; ".join(aside).capitalize() + ".")


def scaling_sentence(scaling: dict, lang: str) -> str:
    """The extrapolation rule of observed time, stated once per table."""
    per_day = scaling["observed_hours"] / scaling["person_days"]
    days = f"{scaling['working_days_per_month']:g}"
    if lang == "en":
        assumed = " (team size not given: the people observed)" if scaling["team_size_assumed"] else ""
        return (f"Observed time is scaled up by one rule: {scaling['person_days']} person-days "
                f"observed ({hours(per_day, lang)} observed per person-day) stand for a team of "
                f"{scaling['team_size']}{assumed} x {days} working days a month, a factor of "
                f"{num(scaling['factor'], lang, decimals=1)}.")
    assumed = " (teamgrootte niet opgegeven: de geobserveerde mensen)" if scaling["team_size_assumed"] else ""
    return (f"Geobserveerde tijd is opgeschaald volgens één regel: {scaling['person_days']} "
            f"persoonsdagen geobserveerd ({hours(per_day, lang)} geobserveerd per persoonsdag) "
            f"staan voor een team van {scaling['team_size']}{assumed} x {days} werkdagen per "
            f"maand, een factor {num(scaling['factor'], lang, decimals=1)}.")


def ranking_sentence(ranked_by: str, lang: str, *, min_case_share: float,
                     blended: bool = False) -> str:
    """The one ranking rule of the table."""
    if blended:
        return ("Ranked by the blended score you asked for (its own column)." if lang == "en" else
                "Gerangschikt op de gevraagde gemengde score (een eigen kolom).")
    col = {"cost_per_month": ("cost per month", "kosten per maand"),
           "staff_hours_per_month": ("staff hours per month", "werkuren per maand")}[ranked_by]
    share = i18n.percent(min_case_share, lang, decimals=0)
    if lang == "en":
        return (f"Ranked by {col[0]}; rows without that figure (waiting without a cost of delay, "
                "frustrations without data) follow, waits by case-hours. Frustration votes only "
                f"break ties. A row from the log needs at least {share} of the cases.")
    return (f"Gerangschikt op {col[1]}; rijen zonder dat cijfer (wachten zonder kosten van "
            "vertraging, frustraties zonder data) volgen, wachten op zaakuren. Stemmen van "
            f"frustraties beslissen alleen bij gelijke stand. Een rij uit de log steunt op minstens "
            f"{share} van de zaken.")


def designed_sentence(f: dict, lang: str) -> str:
    """``Resolve ticket → Closed: 30 days in 99.8% of transitions, looks like an automatic rule``."""
    h = f["median_hours"]
    when = lead_time(h, lang) if h >= 48 else hours(h, lang)
    share = _pct(f["within_share"], lang)
    tol = i18n.percent(f["tolerance"], lang)
    if lang == "en":
        return (f"{f['a']} → {f['b']}: {when} (within {tol}) in {share} of {f['transitions']} "
                f"transitions, {f['cases']} cases; looks like a designed wait (a timer, a legal "
                "period or a scheduled run), so it is not counted as waste.")
    return (f"{f['a']} → {f['b']}: {when} (binnen {tol}) in {share} van {f['transitions']} "
            f"overgangen, {f['cases']} zaken; lijkt een ingebouwde wachttijd (een timer, een "
            "wettelijke termijn of een geplande run) en telt dus niet als verspilling.")


# -- the client report's hotspot parts ------------------------------------------------------------

REPORT = {
    "sum_top": {
        "en": "The {n} largest hotspots of the team's time cost about {cost} per month ({hours} "
              "staff hours at {rate} per hour):",
        "nl": "De {n} grootste knelpunten in de tijd van het team kosten samen ongeveer {cost} per "
              "maand ({hours} werkuren tegen {rate} per uur):"},
    "sum_top_hours": {
        "en": "The {n} largest hotspots of the team's time take about {hours} staff hours per "
              "month:",
        "nl": "De {n} grootste knelpunten in de tijd van het team kosten samen ongeveer {hours} "
              "werkuren per maand:"},
    "sum_item": {"en": "<b>{where}</b> ({waste}): {amount} per month",
                 "nl": "<b>{where}</b> ({waste}): {amount} per maand"},
    "sum_wait": {
        "en": "Cases also wait longer than needed: the most at {where}, {days} case-days of "
              "avoidable waiting per month (lead time of the cases, not staff time).",
        "nl": "Zaken wachten ook langer dan nodig: het meest bij {where}, {days} zaakdagen "
              "vermijdbaar wachten per maand (doorlooptijd van de zaken, geen werktijd)."},
    "time_intro": {
        "en": "Hotspots are places where time is lost, in two currencies that are never added "
              "up: the team's working time (rework, switching between systems, work outside the "
              "system, searching, staff waiting), valued at {rate} per hour, and the cases' "
              "avoidable waiting (lead time), in case-days.",
        "nl": "Knelpunten zijn plekken waar tijd verloren gaat, in twee munten die nooit worden "
              "opgeteld: de werktijd van het team (herwerk, wisselen tussen systemen, werk buiten "
              "het systeem, zoeken, wachten door medewerkers), gewaardeerd tegen {rate} per uur, "
              "en het vermijdbare wachten van de zaken (doorlooptijd), in zaakdagen."},
    "time_intro_hours": {
        "en": "Hotspots are places where time is lost, in two currencies that are never added "
              "up: the team's working time (rework, switching between systems, work outside the "
              "system, searching, staff waiting), in hours because no hourly rate was given, and "
              "the cases' avoidable waiting (lead time), in case-days.",
        "nl": "Knelpunten zijn plekken waar tijd verloren gaat, in twee munten die nooit worden "
              "opgeteld: de werktijd van het team (herwerk, wisselen tussen systemen, werk buiten "
              "het systeem, zoeken, wachten door medewerkers), in uren omdat er geen uurtarief is "
              "opgegeven, en het vermijdbare wachten van de zaken (doorlooptijd), in zaakdagen."},
    "h_team": {"en": "Where the team's time goes", "nl": "Waar de tijd van het team naartoe gaat"},
    "h_wait": {"en": "Where the cases wait", "nl": "Waar de zaken wachten"},
    "col_staff": {"en": "Staff hours per month", "nl": "Werkuren per maand"},
    "col_cost": {"en": "Cost per month (range)", "nl": "Kosten per maand (marge)"},
    "col_days": {"en": "Case-days per month", "nl": "Zaakdagen per maand"},
    "col_share": {"en": "Share of cases", "nl": "Aandeel zaken"},
    "col_votes": {"en": "Votes", "nl": "Stemmen"},
    "pareto_team": {
        "en": "The team's time by hotspot, in the order of the table; the line shows the "
              "cumulative share.",
        "nl": "De tijd van het team per knelpunt, in de volgorde van de tabel; de lijn toont het "
              "cumulatieve aandeel."},
    "pareto_wait": {
        "en": "Avoidable waiting by transition, in case-days per month, most first; the line "
              "shows the cumulative share.",
        "nl": "Vermijdbaar wachten per overgang, in zaakdagen per maand, meeste eerst; de lijn "
              "toont het cumulatieve aandeel."},
    "map": {
        "en": "The top {n} hotspots on a simplified process map: {items}. A hotspot with no place "
              "on the map (a person, a role, work the log does not record) is named under it.",
        "nl": "De top {n} knelpunten op een vereenvoudigde proceskaart: {items}. Een knelpunt "
              "zonder plaats op de kaart (een persoon, een rol, werk dat de log niet registreert) "
              "staat eronder vermeld."},
    "designed": {
        "en": "Designed waits (timers, legal periods, scheduled runs) are not counted as waste:",
        "nl": "Ingebouwde wachttijden (timers, wettelijke termijnen, geplande runs) tellen niet "
              "als verspilling:"},
    "says_staff": {"en": "{waste} at {where}: {hours} h / {cost} per month",
                   "nl": "{waste} bij {where}: {hours} u / {cost} per maand"},
    "says_hours": {"en": "{waste} at {where}: {hours} h per month",
                   "nl": "{waste} bij {where}: {hours} u per maand"},
    "says_wait": {"en": "{waste} at {where}: {days} case-days per month",
                  "nl": "{waste} bij {where}: {days} zaakdagen per maand"},
    "start_one": {
        "en": "Start with <b>{where}</b> ({waste}). It costs {cost} per month ({hours} staff "
              "hours), the largest proven hotspot of the team's time.",
        "nl": "Begin bij <b>{where}</b> ({waste}). Dit kost {cost} per maand ({hours} "
              "werkuren), het grootste bewezen knelpunt in de tijd van het team."},
    "start_one_hours": {
        "en": "Start with <b>{where}</b> ({waste}). It takes {hours} per month, "
              "the largest proven hotspot of the team's time.",
        "nl": "Begin bij <b>{where}</b> ({waste}). Dit kost {hours} per maand, "
              "het grootste bewezen knelpunt in de tijd van het team."},
    "start_wait": {
        "en": "Start with <b>{where}</b> ({waste}): {days} case-days of avoidable waiting per "
              "month, the largest delay of the cases.",
        "nl": "Begin bij <b>{where}</b> ({waste}): {days} zaakdagen vermijdbaar wachten per "
              "maand, de grootste vertraging van de zaken."},
}


def report_text(key: str, lang: str, **values) -> str:
    """A hotspot sentence of the client report, filled in."""
    return REPORT[key][lang].format(**values)


def overlap_sentence(overlaps: dict, lang: str) -> str:
    """``Each minute is counted once: 3 system switching occurrences were already counted under
    another waste.`` (empty when nothing overlapped)."""
    if not overlaps:
        return ""
    if lang == "en":
        items = ", ".join(f"{n} {waste_name(w, lang)}" for w, n in sorted(overlaps.items()))
        return (f"Each minute is counted once: {items} occurrences were already counted under "
                "another waste and are not counted again.")
    items = ", ".join(f"{n} keer {waste_name(w, lang)}" for w, n in sorted(overlaps.items()))
    return (f"Elke minuut telt één keer: {items} was al bij een andere verspilling geteld en "
            "telt niet opnieuw.")
