"""Canonical column names (pm4py's, plus ours) and the names users give them."""

from __future__ import annotations

CASE = "case:concept:name"
ACTIVITY = "concept:name"
TIMESTAMP = "time:timestamp"
START = "start_timestamp"
RESOURCE = "org:resource"
LIFECYCLE = "lifecycle:transition"
SYSTEM = "system"
SOURCE = "source"
INSTANCE = "concept:instance"

#: The roles a column can play in an event log, in the order they are guessed.
ROLES = ("case", "activity", "timestamp", "start_timestamp", "resource", "system", "lifecycle",
         "instance")

#: Canonical column of each role.
CANONICAL = {
    "case": CASE,
    "activity": ACTIVITY,
    "timestamp": TIMESTAMP,
    "start_timestamp": START,
    "resource": RESOURCE,
    "system": SYSTEM,
    "lifecycle": LIFECYCLE,
    "instance": INSTANCE,
}

#: Names users give each role (compared case-insensitively, ignoring spaces, '_', '-', ':').
#: Exact matches come first; a partial match (the name contains one of these words) is only a
#: fallback, so ``activity`` beats ``activity_instance_id``.
SYNONYMS = {
    "case": [
        "case:concept:name", "case", "case id", "caseid", "case_id", "case number",
        "zaak", "zaaknummer", "zaak id", "zaakid", "dossier", "dossiernummer", "dossier id",
        "order", "order id", "ordernummer", "order number", "ordernr", "ticket", "ticket id",
        "ticketid", "project", "projectnummer", "traceid", "trace", "process instance",
        "klant order", "bestelling", "bestelnummer",
    ],
    "activity": [
        "concept:name", "activity", "activity name", "activityid", "activity id", "activiteit",
        "stap", "taak", "task", "event", "event name", "action", "actie", "step", "handeling",
    ],
    "timestamp": [
        "time:timestamp", "timestamp", "complete timestamp", "completetimestamp",
        "end timestamp", "end_timestamp", "end time", "endtime", "end", "tijdstip", "datum",
        "datum tijd", "datumtijd", "date", "datetime", "time", "eind", "eindtijd", "einde",
        "tijd", "completed", "voltooid",
    ],
    "start_timestamp": [
        "start_timestamp", "start timestamp", "starttimestamp", "start time", "starttime",
        "start", "begin", "begintijd", "starttijd", "start datum", "startdatum",
    ],
    "resource": [
        "org:resource", "resource", "medewerker", "gebruiker", "user", "employee", "person",
        "persoon", "uitvoerder", "performer", "agent", "staff", "wie", "org:group", "group",
    ],
    "system": ["system", "systeem", "tool", "application", "applicatie", "app", "software"],
    "lifecycle": ["lifecycle:transition", "lifecycle", "transition", "event type", "status",
                  "lifecycle transition", "event_type"],
    "instance": ["concept:instance", "activity_instance_id", "activity instance id",
                 "activity instance", "activityinstanceid", "instance id", "instance_id",
                 "lifecycle:instance"],
}


def normalise_name(name: str) -> str:
    """Fold a column name for matching: lower case, no spaces, '_', '-', ':' or '.'."""
    out = str(name).strip().casefold()
    for ch in " _-:.":
        out = out.replace(ch, "")
    return out
