"""A small but complete client folder for the report tests, checkable by hand.

Four people (roster names below must never reach a pseudonymised report), six order cases in
the log, one shadowing morning, a manager's perception, an irritation brainstorm naming a
colleague, and a usage log around a go-live.
"""

from __future__ import annotations

from pathlib import Path

NAMES = ["Jan de Vries", "Petra Jansen", "Klaas Bakker", "Fatima El Amrani"]
USERS = ["jdevries", "pjansen", "kbakker", "felamrani"]

EVENTLOG = """zaak;activiteit;tijdstip;medewerker;systeem
1001;Order ontvangen;02-02-2026 08:05;Jan de Vries;ERP
1001;Voorraad controleren;02-02-2026 08:40;Petra Jansen;Excel
1001;Bevestigen;02-02-2026 11:10;Jan de Vries;ERP
1001;Verzenden;03-02-2026 09:00;Klaas Bakker;ERP
1002;Order ontvangen;02-02-2026 08:30;Jan de Vries;ERP
1002;Bevestigen;02-02-2026 09:00;Jan de Vries;ERP
1002;Verzenden;02-02-2026 15:00;Klaas Bakker;ERP
1003;Order ontvangen;02-02-2026 10:00;Petra Jansen;ERP
1003;Voorraad controleren;02-02-2026 10:20;Petra Jansen;Excel
1003;Voorraad controleren;02-02-2026 13:40;Fatima El Amrani;Excel
1003;Bevestigen;02-02-2026 16:00;Jan de Vries;ERP
1003;Verzenden;04-02-2026 10:00;Klaas Bakker;ERP
1004;Order ontvangen;03-02-2026 08:10;Jan de Vries;ERP
1004;Voorraad controleren;03-02-2026 09:30;Petra Jansen;Excel
1004;Bevestigen;03-02-2026 14:00;Jan de Vries;ERP
1004;Verzenden;04-02-2026 11:00;Klaas Bakker;ERP
1005;Order ontvangen;03-02-2026 09:00;Petra Jansen;ERP
1005;Voorraad controleren;03-02-2026 09:15;Fatima El Amrani;Excel
1005;Bevestigen;03-02-2026 12:30;Jan de Vries;ERP
1005;Verzenden;05-02-2026 08:30;Klaas Bakker;ERP
1006;Order ontvangen;04-02-2026 08:00;Jan de Vries;ERP
1006;Voorraad controleren;04-02-2026 11:00;Petra Jansen;Excel
1006;Bevestigen;04-02-2026 11:20;Jan de Vries;ERP
1006;Verzenden;05-02-2026 09:00;Klaas Bakker;ERP
1007;Order ontvangen;31-02-2026 09:00;Jan de Vries;ERP
"""

OBSERVATIONS = """waarnemer,medewerker,rol,datum,begin,einde,activiteit,zaak,hulpmiddel,verspilling,frustratie,ernst
Anna Consultant,Petra Jansen,Binnendienst,02-02-2026,08:00,08:20,Voorraad controleren,1001,Excel,zoeken,Jan de Vries houdt de lijst bij in zijn eigen Excel,4
Anna Consultant,Petra Jansen,Binnendienst,02-02-2026,08:20,08:30,Voorraad controleren,1001,telefoon,wachten,,
Anna Consultant,Petra Jansen,Binnendienst,02-02-2026,08:30,08:50,Order ontvangen,1002,ERP,,,
Anna Consultant,Petra Jansen,Binnendienst,02-02-2026,08:50,09:10,Voorraad controleren,1003,WhatsApp,wachten,Magazijn reageert niet,3
Anna Consultant,Petra Jansen,Binnendienst,02-02-2026,09:10,09:40,Bevestigen,1003,e-mail,dubbel werk,Alles twee keer typen,5
Anna Consultant,Fatima El Amrani,Magazijn,02-02-2026,08:00,08:45,Voorraad controleren,1003,papier,zoeken,,
Anna Consultant,Fatima El Amrani,Magazijn,02-02-2026,08:45,09:30,Verzenden,1001,ERP,,,
Anna Consultant,Fatima El Amrani,Magazijn,02-02-2026,09:30,09:50,Voorraad controleren,1004,Excel,herwerk,Telling klopt weer niet,4
"""

PERCEIVED = """name: Orderverwerking (manager)
told_by: de verkoopmanager
steps:
  - Order ontvangen
  - Bevestigen
  - Verzenden
"""

FRUSTRATIONS = """nr,irritatie,stemmen,activiteit,systeem
F1,Voorraad staat nergens goed; altijd Petra Jansen bellen,7,Voorraad controleren,Excel
F2,Orders twee keer invoeren,4,Bevestigen,
F3,De koffieautomaat is stuk,2,,
"""

ROSTER = """gebruiker,naam,team,rol,in_dienst
jdevries,Jan de Vries,Verkoop,Binnendienst,2020-01-01
pjansen,Petra Jansen,Verkoop,Binnendienst,2021-05-01
kbakker,Klaas Bakker,Magazijn,Magazijn,2019-03-01
felamrani,Fatima El Amrani,Magazijn,Magazijn,2022-09-01
"""

SCENARIO = """name: Groothandel Proef
language: nl
hourly_rate: 50
currency: EUR
team_size: 4
official_systems: [ERP]
system: ERP
go_live: 2026-02-02
adoption_target: 0.9
group_by: team
"""


def usage_csv() -> str:
    rows = ["gebruiker,tijdstip,systeem,actie"]
    days = ["2026-02-02", "2026-02-04", "2026-02-09", "2026-02-11", "2026-02-16", "2026-02-23"]
    for i, day in enumerate(days):
        for j, user in enumerate(USERS):
            if user == "kbakker" and i >= 3:  # stops using the system: a relapse
                continue
            if user == "felamrani" and i < 2:  # starts late
                continue
            rows.append(f"{user},{day} {9 + j}:15,ERP,order bewerkt")
    return "\n".join(rows) + "\n"


def write_mini(folder: Path, *, parts=("eventlog", "observations", "perceived", "frustrations",
                                        "usage", "roster")) -> Path:
    """Write the folder; ``parts`` picks which inputs exist (scenario.yaml always does)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = {"eventlog": ("eventlog.csv", EVENTLOG), "observations": ("observations.csv", OBSERVATIONS),
             "perceived": ("perceived_manager.yaml", PERCEIVED),
             "frustrations": ("frustrations.csv", FRUSTRATIONS), "usage": ("usage.csv", usage_csv()),
             "roster": ("roster.csv", ROSTER)}
    for part in parts:
        name, text = files[part]
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "scenario.yaml").write_text(SCENARIO, encoding="utf-8")
    return folder
