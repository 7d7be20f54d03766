"""The client report's words, in English and Dutch: section titles, sentences and labels.

`t` fills a text with values; numbers, money and dates are formatted by `shadowing.i18n`
before they are passed in.
"""

from __future__ import annotations

T: dict[str, dict[str, str]] = {
    "title": {"en": "Process analysis", "nl": "Procesanalyse"},
    "subtitle": {"en": "How the work really runs, where time goes and where to start",
                 "nl": "Hoe het werk echt loopt, waar de tijd heen gaat en waar te beginnen"},
    "client_unknown": {"en": "the client", "nl": "de klant"},
    "period": {"en": "Data from {start} to {end}", "nl": "Gegevens van {start} tot en met {end}"},
    "pseudonymised": {"en": "People are shown under pseudonyms (Employee 1, 2, ...; observers Observer 1, 2, ...), also inside notes and labels; e-mail addresses and phone numbers are left out.",
                      "nl": "Mensen staan onder een pseudoniem (Medewerker 1, 2, ...; waarnemers Waarnemer 1, 2, ...), ook in notities en labels; e-mailadressen en telefoonnummers zijn weggelaten."},
    "real_names": {"en": "Pseudonyms were switched off for this report: people are shown under their real names. Do not share it beyond the people who may see them.",
                   "nl": "Voor dit rapport zijn de pseudoniemen uitgezet: mensen staan met hun echte naam vermeld. Deel het niet buiten wie die namen mag zien."},
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
    "sum_conformance": {"en": "Only {share} of the cases follow the steps exactly as described by {who}; {near} do so but for at most one deviation.",
                        "nl": "Slechts {share} van de zaken volgt de stappen precies zoals {who} ze beschrijft; {near} op hoogstens één afwijking na."},
    "sum_conformance_high": {"en": "{share} of the cases follow the steps exactly as described by {who}; {near} do so but for at most one deviation.",
                             "nl": "{share} van de zaken volgt de stappen precies zoals {who} ze beschrijft; {near} op hoogstens één afwijking na."},
    "sum_adoption": {"en": "Use of {system}: {share} of the team was active in the last week (target {target}).",
                     "nl": "Gebruik van {system}: {share} van het team was de laatste week actief (doel {target})."},
    "sum_adoption_groups": {"en": "Use of {system} in the last week, per group: {groups} (target {target}).",
                            "nl": "Gebruik van {system} in de laatste week, per groep: {groups} (doel {target})."},
    "kf_cost": {"en": "cost of the top {n} hotspots per month", "nl": "kosten top {n} knelpunten per maand"},
    "kf_conformance": {"en": "of cases follow the perceived process", "nl": "van de zaken volgt het beleefde proces"},
    "kf_conformance_near": {"en": "of cases follow the perceived process exactly ({near} but for one deviation)",
                            "nl": "van de zaken volgt het beleefde proces precies ({near} op één afwijking na)"},
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
    "assumptions_intro": {"en": "The figures rest on these assumptions:",
                          "nl": "De cijfers steunen op deze aannames:"},
    "as_rate": {"en": "The team's time is valued at {rate} per hour (given by the analyst).",
                "nl": "De tijd van het team is gewaardeerd tegen {rate} per uur (opgegeven door de analist)."},
    "as_no_rate": {"en": "No hourly rate was given, so the team's time is shown in hours, not in money.",
                   "nl": "Er is geen uurtarief opgegeven; de tijd van het team staat daarom in uren, niet in geld."},
    "as_delay": {"en": "A day of waiting for one case is valued at {cost} (given by the analyst).",
                 "nl": "Een dag wachten voor één zaak is gewaardeerd tegen {cost} (opgegeven door de analist)."},
    "as_team": {"en": "Observed time is scaled from {days} observed person-days to a team of {team} people working {workdays} days a month.",
                "nl": "Geobserveerde tijd is opgeschaald van {days} geobserveerde persoon-dagen naar een team van {team} mensen dat {workdays} dagen per maand werkt."},
    "as_team_assumed": {"en": "Observed time is scaled from {days} observed person-days to the {team} people observed (no team size was given), working {workdays} days a month.",
                        "nl": "Geobserveerde tijd is opgeschaald van {days} geobserveerde persoon-dagen naar de {team} geobserveerde mensen (er is geen teamgrootte opgegeven), die {workdays} dagen per maand werken."},
    "as_official": {"en": "Work counts as done in the system when it was done in one of: {systems}.",
                    "nl": "Werk telt als gedaan in het systeem wanneer het gebeurde in een van: {systems}."},
    "sum_rejected": {"en": "Careful: {rejected} of the {read} rows of {file} ({share}) could not be read and are left out of every figure; see the data used.",
                     "nl": "Let op: {rejected} van de {read} regels van {file} ({share}) waren onleesbaar en tellen in geen enkel cijfer mee; zie de gebruikte gegevens."},
    "as_marking": {"en": "The model of {who} does not say where it ends; its last place(s) were used as its end.",
                   "nl": "Het model van {who} zegt niet waar het eindigt; de laatste plaats(en) zijn als einde genomen."},
    "as_go_live": {"en": "Go-live: {dates}.", "nl": "Livegang: {dates}."},
    "files_not_used": {"en": "Files in the folder that were not used: {items}.",
                       "nl": "Bestanden in de map die niet gebruikt zijn: {items}."},
    "why_not an input": {"en": "not an input", "nl": "geen invoer"},
    "why_unknown": {"en": "not recognised", "nl": "niet herkend"},
    "why_unreadable": {"en": "could not be read", "nl": "onleesbaar"},
    "why_duplicate": {"en": "a second {what}; {other} is used", "nl": "een tweede {what}; {other} is gebruikt"},
    "files_taken": {"en": "Files were recognised by their content: {items}.",
                    "nl": "Bestanden zijn herkend aan hun inhoud: {items}."},
    "data_obs": {"en": "{hours} hours of work were observed over {days} day(s), with {people} people.",
                 "nl": "Er is {hours} uur werk geobserveerd op {days} dag(en), bij {people} mensen."},
    "data_quality": {"en": "Points to keep in mind when reading the figures:",
                     "nl": "Aandachtspunten bij het lezen van de cijfers:"},
    "data_quality_none": {"en": "The event log shows no data-quality issues worth mentioning.",
                          "nl": "Het eventlog laat geen noemenswaardige kwaliteitsproblemen zien."},
    "data_quality_none_rejected": {"en": "Apart from the {rejected} rejected rows counted above, the event log shows no data-quality issues worth mentioning.",
                                   "nl": "Afgezien van de {rejected} geweigerde regels hierboven laat het eventlog geen noemenswaardige kwaliteitsproblemen zien."},
    "data_quality_all_rejected": {"en": "None of the event log's rows could be used ({rejected} rejected; the main reason is in the table above), so nothing in this report comes from it.",
                                  "nl": "Geen enkele regel van het eventlog was bruikbaar ({rejected} geweigerd; de belangrijkste reden staat in de tabel hierboven), dus niets in dit rapport komt eruit."},
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
    "col_rank": {"en": "#", "nl": "#"},
    "col_waste": {"en": "Waste", "nl": "Verspilling"},
    "col_where": {"en": "Where", "nl": "Waar"},
    "col_evidence": {"en": "Evidence", "nl": "Bewijs"},
    "col_why_hotspot": {"en": "What happens", "nl": "Wat er gebeurt"},
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
    "open activity instances": "open activiteiten (gestart, niet afgerond)",
    "instances without a start": "activiteiten zonder start",
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


def join(items: list[str], lang: str) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {T['and'][lang]} " + items[-1]


#: The time-use chart's English axis texts and their Dutch words.
AXES_NL = {"Where observed time goes, per role": "Waar de geobserveerde tijd heen gaat, per rol",
            "observed hours": "geobserveerde uren", "role": "rol", "value-adding": "waardetoevoegend",
            "necessary": "noodzakelijk", "waste": "verspilling", "share of observed time": "aandeel van de geobserveerde tijd"}
