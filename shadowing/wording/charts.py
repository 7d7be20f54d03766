"""The words of the event-log charts and the process map, in English and Dutch."""

from __future__ import annotations

#: Labels of the event-log charts (throughput, handovers, dotted chart, activity frequency).
CHART_WORDS = {
    "en": {"throughput": "Throughput time", "cases": "Cases", "median": "median", "p90": "P90",
           "from": "from", "to": "to (hands over to)", "handovers": "Handovers",
           "time": "Time", "case": "Cases (by first event)", "events": "Events",
           "activity": "Activity", "other": "other", "in": "in"},
    "nl": {"throughput": "Doorlooptijd", "cases": "Zaken", "median": "mediaan", "p90": "P90",
           "from": "van", "to": "naar (draagt over aan)", "handovers": "Overdrachten",
           "time": "Tijd", "case": "Zaken (op eerste gebeurtenis)", "events": "Gebeurtenissen",
           "activity": "Activiteit", "other": "overige", "in": "in"},
}
UNIT_NAMES = {"en": {"s": "seconds", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"},
               "nl": {"s": "seconden", "min": "minuten", "h": "uren", "d": "dagen", "w": "weken"}}

#: Labels of the observation charts (time use, a day timeline, system switches).
OBSERVATION_WORDS = {
    "en": {"value-adding": "value-adding", "necessary": "necessary", "waste": "waste",
           "share_time": "share of observed time", "hours": "observed hours",
           "waste_range": "90% range of the waste share",
           "time_use_title": "Where observed time goes, per {by}", "time_of_day": "time of day",
           "tool": "tool", "no_switches": "no switches between tools observed",
           "switched_to": "switched to", "switched_from": "switched from",
           "switches_title": "Switches between tools within a task", "switches": "switches",
           "role": "role", "person": "person", "system": "system", "activity": "activity"},
    "nl": {"value-adding": "waardetoevoegend", "necessary": "noodzakelijk", "waste": "verspilling",
           "share_time": "aandeel van de geobserveerde tijd", "hours": "geobserveerde uren",
           "waste_range": "90%-marge van het aandeel verspilling",
           "time_use_title": "Waar de geobserveerde tijd heen gaat, per {by}",
           "time_of_day": "tijdstip", "tool": "hulpmiddel",
           "no_switches": "geen wissels tussen hulpmiddelen geobserveerd",
           "switched_to": "gewisseld naar", "switched_from": "gewisseld van",
           "switches_title": "Wissels tussen hulpmiddelen binnen een taak", "switches": "wissels",
           "role": "rol", "person": "persoon", "system": "systeem", "activity": "activiteit"},
}
