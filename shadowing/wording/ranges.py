"""Sentences about ranges: the planner's advice and the report's appendix on how sure the
numbers are (English and Dutch)."""

from __future__ import annotations

import math

from ..i18n import number

#: Names of the planner's figures.
FIGURES = {"off-system share": {"en": "the off-system share", "nl": "het aandeel buiten het systeem"},
           "waste share": {"en": "the share of time lost", "nl": "het aandeel verloren tijd"}}


def _points(share: float, lang: str) -> str:
    pts = 100 * share
    whole = pts >= 9.5 or abs(pts - round(pts)) < 0.05
    return f"±{number(pts, lang, decimals=0 if whole else 1)}"


def plan_sentence(row: dict, lang: str) -> str:
    """``2 more days with Inside sales bring the off-system share from ±9 to ±6 points.``"""
    fig = FIGURES.get(row["figure"], {}).get(lang, row["figure"])
    who_all = row["role"] == "all"
    half = row.get("half_width")
    if half is None or (isinstance(half, float) and math.isnan(half)):
        if lang == "en":
            return (f"Too few days observed{'' if who_all else ' with ' + row['role']} to say "
                    f"how sure {fig} is: observe at least two days.")
        return (f"Te weinig dagen geobserveerd{'' if who_all else ' bij ' + row['role']} om te "
                f"zeggen hoe zeker {fig} is: observeer minstens twee dagen.")
    more = int(row["more_person_days"])
    now, goal = _points(half, lang), _points(row["target"], lang)
    unit = "points" if lang == "en" else "procentpunt"
    if more == 0:
        if lang == "en":
            return f"{fig[0].upper() + fig[1:]} is known to {now} {unit}: the target of {goal} is met."
        return f"{fig[0].upper() + fig[1:]} is bekend tot op {now} {unit}: het doel van {goal} is gehaald."
    if lang == "en":
        who = "in all" if who_all else f"with {row['role']}"
        day = "day" if more == 1 else "days"
        return f"{more} more {day} {who} bring {fig} from {now} to {goal} {unit}."
    who = "in totaal" if who_all else f"bij {row['role']}"
    day = "dag" if more == 1 else "dagen"
    return f"Nog {more} {day} {who} brengen {fig} van {now} naar {goal} {unit}."


APPENDIX = {
    "h_ranges": {"en": "How sure are these numbers?", "nl": "Hoe zeker zijn deze cijfers?"},
    "ranges_obs": {
        "en": "Figures scaled up from the shadowing days ({days} person-days) are given as a range: "
              "with {level} certainty the true figure lies between the two numbers. We made the range "
              "by redrawing the observed days {resamples} times at random (a day could be drawn twice "
              "or not at all, each role keeping its number of days) and recomputing every figure each "
              "time; the range holds the middle {level} of the outcomes, slightly widened because few "
              "days were observed. A day is the unit because what happens within one day hangs "
              "together.",
        "nl": "Cijfers die uit de observatiedagen ({days} persoonsdagen) zijn opgeschaald, staan er als "
              "marge: met {level} zekerheid ligt het echte cijfer tussen de twee getallen. De marge is "
              "gemaakt door de geobserveerde dagen {resamples} keer willekeurig opnieuw te trekken (een "
              "dag kan twee keer of niet getrokken worden; elke rol houdt zijn aantal dagen) en elk "
              "cijfer telkens opnieuw te berekenen; de marge bevat de middelste {level} van de "
              "uitkomsten, iets verbreed omdat er weinig dagen zijn. De dag is de eenheid omdat wat "
              "binnen één dag gebeurt samenhangt."},
    "ranges_log": {
        "en": "Figures from the system's log vary from {unit} to {unit}; their range is the "
              "{level} interval of the average over the {n} {units} of the log.",
        "nl": "Cijfers uit het logboek van het systeem verschillen van {unit_nl} tot {unit_nl}; hun "
              "marge is het {level}-interval van het gemiddelde over de {n} {units_nl} van het "
              "logboek."},
    "ranges_weak": {
        "en": "A hotspot whose range reaches zero, or that was seen on fewer than {days} days or "
              "fewer than {occ} times, is marked \u201cnot yet proven\u201d and is never where we "
              "advise to start.",
        "nl": "Een knelpunt waarvan de marge tot nul reikt, of dat op minder dan {days} dagen of "
              "minder dan {occ} keer werd gezien, heet \u201cnog niet bewezen\u201d en is nooit het "
              "punt waar we aanraden te beginnen."},
    "start_unproven": {
        "en": "No hotspot is proven yet: each one was seen on too few days or too few times, or "
              "its range reaches zero. Observe more days before choosing where to start (see "
              "“How sure are these numbers?”).",
        "nl": "Nog geen enkel knelpunt is bewezen: elk werd op te weinig dagen of te weinig keer "
              "gezien, of de marge reikt tot nul. Observeer meer dagen voor u kiest waar te "
              "beginnen (zie “Hoe zeker zijn deze cijfers?”)."},
    "ranges_narrow": {
        "en": "What would narrow the ranges:", "nl": "Wat de marges smaller maakt:"},
}

UNITS = {"month": ("month", "maand", "months", "maanden"), "week": ("week", "week", "weeks", "weken")}


def appendix_text(key: str, lang: str, **values) -> str:
    """A sentence of the report's appendix on ranges, filled in."""
    return APPENDIX[key][lang].format(**values)
