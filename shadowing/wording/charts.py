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
