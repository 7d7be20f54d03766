"""The words on process maps (legends, captions, footnotes), in English and Dutch."""

from __future__ import annotations

WORDS = {
    "en": {"start": "Start", "end": "End", "cases": "cases", "events": "events",
           "case": "case", "event": "event",
           "of": "of", "activities_hidden": "activities hidden", "paths_hidden": "paths hidden",
           "covering_events": "covering {p} of events", "covering_trans": "covering {p} of transitions",
           "waiting": "Edges: {stat} waiting time", "durations": "activities: {stat} duration",
           "no_durations": "activity durations unknown (no start times in the log)",
           "median": "median", "mean": "mean", "p90": "90th percentile", "total": "total",
           "and_more": "and {n} more", "hidden": "hidden", "waits": "waiting",
           "duration": "duration", "systems": "System",
           "screen_simplified": "Shown on screen with the {n} most frequent of {total} paths; "
                                "m.full_view() shows all of them, m.save('map.svg') saves all."},
    "nl": {"start": "Start", "end": "Einde", "cases": "zaken", "events": "gebeurtenissen",
           "case": "zaak", "event": "gebeurtenis",
           "of": "van", "activities_hidden": "activiteiten verborgen",
           "paths_hidden": "paden verborgen",
           "covering_events": "samen {p} van de gebeurtenissen",
           "covering_trans": "samen {p} van de overgangen",
           "waiting": "Pijlen: {stat} wachttijd", "durations": "activiteiten: {stat} duur",
           "no_durations": "duur van activiteiten onbekend (geen starttijden in het log)",
           "median": "mediane", "mean": "gemiddelde", "p90": "90e-percentiel", "total": "totale",
           "and_more": "en {n} meer", "hidden": "verborgen", "waits": "wachttijd",
           "duration": "duur", "systems": "Systeem",
           "screen_simplified": "Op het scherm met de {n} meest voorkomende van {total} paden; "
                                "m.full_view() toont ze allemaal, m.save('kaart.svg') bewaart ze allemaal."},
}
