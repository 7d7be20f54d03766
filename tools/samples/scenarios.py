"""The three bundled scenarios: each function returns ``{file name: bytes}`` for its folder.

Used by `shadowing.datasets.generator.write_samples`. The stories are in each folder's README.md; the
planted effects are listed there and in truth.yaml. Every number in truth.yaml that depends on
random draws (shares, conformance bounds) is computed here from the generated data.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from shadowing.datasets.generator import END, Act, Calendar, Process, arrivals, simulate_process

from . import samplekit as K

# tool names as written in the notes -> the kit's canonical tool (for the truth computations)
TOOL_MAP = {"erp": "ERP", "crm": "CRM", "excel": "Excel", "telefoon": "phone", "phone": "phone",
            "outlook": "Outlook", "e-mail": "e-mail", "mail": "e-mail", "mondeling": "in person",
            "in person": "in person", "papier": "paper", "paper": "paper", "post-it": "post-it",
            "whatsapp": "WhatsApp", "teams": "Teams", "bouwplan": "BouwPlan", "gsm": "phone"}


def _ceil_to(x: float, step: float = 0.05) -> float:
    return round(math.ceil(x / step - 1e-9) * step, 2)


def _projected_conformance(ev: pd.DataFrame, steps: list[str], mapping: dict[str, str]) -> float:
    """Share of cases whose trace, reduced to the perceived steps, is exactly ``steps``."""
    labels = ev["label"].map(mapping)
    kept = ev.loc[labels.notna(), ["case"]].assign(step=labels[labels.notna()])
    traces = kept.groupby("case", sort=False)["step"].agg("|".join)
    all_cases = ev["case"].nunique()
    return float((traces == "|".join(steps)).sum() / all_cases)


def _segment_conformance(ev: pd.DataFrame, steps: list[str], mapping: dict[str, str]
                         ) -> tuple[float, int]:
    """For a perception with ``scope: part`` and its steps in one strict sequence: every case
    cut from its first start step to its last end step after it; returns the share of all
    cases whose cut trace is exactly ``steps`` (nothing else in between), and the number of
    cases in which the segment occurs."""
    step = ev["label"].map(mapping)
    pos = ev.groupby("case", sort=False).cumcount()
    first = pos.where(step == steps[0]).groupby(ev["case"], sort=False).transform("min")
    last = pos.where((step == steps[-1]) & (pos >= first)).groupby(
        ev["case"], sort=False).transform("max")
    inside = (pos >= first) & (pos <= last)
    cut = ev.loc[inside].assign(step=step[inside].fillna("?"))
    traces = cut.groupby("case", sort=False)["step"].agg("|".join)
    return float((traces == "|".join(steps)).sum() / ev["case"].nunique()), len(traces)


def _people_frame(people: list[K.Person], cols: dict, date_fmt: str, firm: bool = False) -> pd.DataFrame:
    data = {cols["user"]: [p.user for p in people], cols["name"]: [p.name for p in people]}
    if firm:
        data[cols["firm"]] = [p.firm for p in people]
    data[cols["team"]] = [p.team for p in people]
    data[cols["role"]] = [p.role for p in people]
    data[cols["start"]] = [p.start.strftime(date_fmt) for p in people]
    data[cols["leave"]] = [p.leave.strftime(date_fmt) if p.leave else "" for p in people]
    return pd.DataFrame(data)


def _d(s: str):
    return pd.Timestamp(s).date()


# ==========================================================================================
# wholesale: Groothandel Van Dijk
# ==========================================================================================

W_VERKOOP = [
    ("Marieke Jansen", "Binnendienst verkoop"), ("Dennis de Groot", "Binnendienst verkoop"),
    ("Zoë Verhoef", "Binnendienst verkoop"), ("René Schouten", "Binnendienst verkoop"),
    ("Linda Brouwer", "Binnendienst verkoop"), ("Ahmed El Amrani", "Binnendienst verkoop"),
    ("Femke Dijkstra", "Binnendienst verkoop"), ("Rick van Leeuwen", "Binnendienst verkoop"),
    ("Joyce Kuipers", "Binnendienst verkoop"), ("Bas Vermeulen", "Binnendienst verkoop"),
    ("Ingrid Hoekstra", "Binnendienst verkoop"), ("Tim Postma", "Binnendienst verkoop"),
    ("Esther van Dam", "Binnendienst verkoop"), ("Mehmet Yilmaz", "Binnendienst verkoop"),
    ("Wouter Prins", "Buitendienst"), ("Jeroen Kok", "Buitendienst"),
    ("Chantal Bosman", "Teamleider verkoop"), ("Nadia Benali", "Binnendienst verkoop"),
]
W_MAGAZIJN = [
    ("Gert-Jan Mulder", "Magazijnchef"), ("Patrick Smit", "Magazijnmedewerker"),
    ("Ronald de Wit", "Magazijnmedewerker"), ("Erwin Koster", "Magazijnmedewerker"),
    ("Stefan van Vliet", "Magazijnmedewerker"), ("Mustafa Aydin", "Magazijnmedewerker"),
    ("Jasper Wolters", "Magazijnmedewerker"), ("Peter van Rijn", "Magazijnmedewerker"),
    ("Kees Hoogland", "Chauffeur"),
]
W_ADMIN = [("Henk van Dijk", "Directeur"), ("Annemiek Visser", "Boekhouder"),
           ("Yvonne Claassen", "Administratief medewerker"),
           ("Ilse Timmermans", "Administratief medewerker")]

W_CUSTOMERS = [
    "Installatiebedrijf Hermans", "Elektro Hoogeveen B.V.", "Loodgietersbedrijf Bakker",
    "Technisch Bureau Müller", "Van der Linden Installaties", "Klussenbedrijf Öztürk",
    "Sanitair Centrum Zwolle", "Dakdekkersbedrijf De Boer", "Warmtetechniek Noord",
    "Installatiegroep Rivierenland", "Elektrotechniek Smeets", "Bouwbedrijf Kramer",
    "Verwarming & Zo", "Montagebedrijf Jansen", "Loodgieter Café-Renovaties",
    "Installatiebedrijf Peeters", "Gebr. Willems Elektro", "Hoekstra Technische Dienst",
]


def _login(name: str) -> str:
    parts = name.replace("ë", "e").replace("é", "e").replace("ı", "i").split()
    return (parts[0][0] + "".join(parts[1:])).lower().replace("-", "")


def wholesale(seed: int = 3101) -> dict[str, bytes]:
    rng = np.random.default_rng(seed)
    cal = Calendar.build("2025-11-03", "2026-07-31", "nl", day_start=480, day_len=540)

    # -- people ---------------------------------------------------------------------------
    people: list[K.Person] = []
    for name, role in W_VERKOOP:
        start = _d("2026-03-16") if name == "Nadia Benali" else _d("2012-01-01") + pd.Timedelta(
            days=int(rng.integers(0, 4500)))
        people.append(K.Person(_login(name), name, "Verkoop", role, start))
    for name, role in W_MAGAZIJN:
        leave = _d("2026-03-27") if name == "Peter van Rijn" else None
        people.append(K.Person(_login(name), name, "Magazijn", role,
                               _d("2010-01-01") + pd.Timedelta(days=int(rng.integers(0, 5000))), leave))
    for name, role in W_ADMIN:
        people.append(K.Person(_login(name), name, "Administratie", role,
                               _d("2005-06-01") + pd.Timedelta(days=int(rng.integers(0, 6000)))))
    # staff in the log (before go-live; Nadia joins later)
    sales = np.array([n for n, r in W_VERKOOP if r == "Binnendienst verkoop" and n != "Nadia Benali"],
                     dtype=object)
    warehouse = np.array([n for n, r in W_MAGAZIJN if r == "Magazijnmedewerker"], dtype=object)
    admin = np.array(["Annemiek Visser", "Yvonne Claassen", "Ilse Timmermans"], dtype=object)
    crew = {"verkoop": (sales, K.weights(len(sales), rng)),
            "magazijn": (warehouse, K.weights(len(warehouse), rng)),
            "administratie": (admin, np.array([3.0, 1.0, 1.0]))}

    # -- the process as it really runs ------------------------------------------------------
    A = Act
    acts = [
        A("tel", "Telefoon aannemen", 0.6, 0.5, "Telefoon", "verkoop"),
        A("klant", "Klant opzoeken", 1.0, 0.5, "ERP", "verkoop"),
        A("erp", "Voorraad controleren in ERP", 0.8, 0.5, "ERP", "verkoop"),
        A("xls", "Voorraad checken in Excel", 1.5, 0.5, "Excel", "verkoop"),
        A("mag", "Magazijn bellen", 3.0, 0.6, "Telefoon", "verkoop"),
        A("hang", "Klant hangt op", 0.0, 0.0, "Telefoon", "verkoop", has_start=False),
        A("terug", "Klant terugbellen", 2.5, 0.5, "Telefoon", "verkoop"),
        A("bev", "Levering bevestigen", 0.8, 0.4, "Telefoon", "verkoop"),
        A("ord", "Order invoeren", 4.0, 0.45, "ERP", "verkoop"),
        A("ordx", "Order invoeren", 1.5, 0.5, "Excel", "verkoop"),
        A("wijz", "Order wijzigen", 3.0, 0.5, "ERP", "verkoop", p_other=0.15),
        A("pick", "Order picken", 12.0, 0.6, "ERP", "magazijn"),
        A("verz", "Order verzenden", 4.0, 0.5, "ERP", "magazijn"),
        A("mail", "Orderbevestiging mailen", 0.0, 0.0, "ERP", "auto", batch=510, has_start=False),
        A("fact", "Factuur maken", 1.5, 0.5, "ERP", "administratie"),
    ]
    flows = {
        "tel": {"klant": 0.9, "erp": 0.1},
        "klant": {"erp": 0.95, "xls": 0.05},
        "erp": {"xls": 0.72, "mag": 0.1, "bev": 0.18},
        "xls": {"mag": 0.6, "bev": 0.4},
        "mag": {"bev": 0.83, "hang": 0.17},
        "hang": {"terug": 0.85, END: 0.15},
        "terug": {"bev": 1.0},
        "bev": {"ord": 0.97, END: 0.03},
        "ord": {"ordx": 0.55, "wijz": 0.12, "pick": 0.33},
        "ordx": {"pick": 0.85, "wijz": 0.15},
        "wijz": {"wijz": 0.35, "pick": 0.65},
        "pick": {"verz": 1.0},
        "verz": {"mail": 1.0},
        "mail": {"fact": 1.0},
        "fact": {END: 1.0},
    }
    waits = {("mag", "bev"): (4.0, 0.6), ("mag", "hang"): (5.0, 0.5),
             ("hang", "terug"): (120.0, 0.7), ("ord", "wijz"): (60.0, 0.8),
             ("ordx", "wijz"): (60.0, 0.8), ("wijz", "wijz"): (45.0, 0.8),
             ("ord", "pick"): (35.0, 0.7), ("ordx", "pick"): (35.0, 0.7),
             ("wijz", "pick"): (30.0, 0.7), ("pick", "verz"): (20.0, 0.6),
             ("mail", "fact"): (10.0, 0.5)}
    proc = Process(acts=acts, start={"tel": 1.0}, flows=flows, waits=waits,
                    default_wait=(0.15, 0.6))
    n_orders = 430
    arr = arrivals(cal, n_orders, rng, first="2025-12-01", last="2026-02-13",
                    peaks=((75, 60), (330, 70)), peak_share=0.75)
    ev = simulate_process(proc, arr, rng, crew, cal)

    # -- texture ----------------------------------------------------------------------------
    ev["label_out"] = ev["label"]
    near = (ev["key"] == "klant") & (rng.random(len(ev)) < 0.04)
    ev.loc[near, "label_out"] = "Klant zoeken"           # an older ERP screen logs this name
    renamed = (ev["key"] == "fact") & (ev["end"] >= np.datetime64("2026-02-02"))
    ev.loc[renamed, "label_out"] = "Factuur aanmaken"    # renamed by an ERP update
    res = ev["resource"].to_numpy(dtype=object)
    res = np.where((rng.random(len(ev)) < 0.02) & (ev["key"] != "mail").to_numpy(), None, res)
    year = pd.DatetimeIndex(ev.groupby("case")["start"].transform("min")).year
    first_of_case = ev.groupby("case").cumcount() == 0
    case_ids = np.empty(n_orders, dtype=object)
    yrs = year[first_of_case.to_numpy()]
    counters = {2025: 4810, 2026: 11}
    for i, y in enumerate(yrs):  # one pass over the 430 orders, numbering per year
        counters[y] += int(rng.integers(1, 4))
        case_ids[i] = f"VO{str(y)[2:]}-{counters[y]:05d}"
    cw = K.weights(len(W_CUSTOMERS), rng)
    customers = np.asarray(W_CUSTOMERS, dtype=object)[
        rng.choice(len(W_CUSTOMERS), n_orders, p=cw / cw.sum())]
    amount = np.round(rng.lognormal(np.log(420), 0.9, n_orders), 2)
    fmt = "%d/%m/%Y %H:%M"
    start_txt = pd.Series(ev["start"]).dt.strftime(fmt).where(ev["has_start"].to_numpy(), "")
    out = pd.DataFrame({
        "Order": case_ids[ev["case"].to_numpy()],
        "Activiteit": ev["label_out"].to_numpy(),
        "Tijdstip": pd.Series(ev["end"]).dt.strftime(fmt).to_numpy(),
        "Starttijd": start_txt.to_numpy(),
        "Medewerker": np.where(pd.isna(res), "", res),
        "Systeem": ev["system"].to_numpy(),
        "Klant": customers[ev["case"].to_numpy()],
        "Bedrag": [f"{a:.2f}".replace(".", ",") for a in amount[ev["case"].to_numpy()]],
    })
    out = out.iloc[np.lexsort((ev["pos"].to_numpy(), ev["case"].to_numpy(),
                               ev["end"].to_numpy()))].reset_index(drop=True)
    files: dict[str, bytes] = {}
    files["eventlog.csv"] = K.csv_bytes(out, sep=";", encoding="cp1252", newline="\r\n")

    # -- perceptions ------------------------------------------------------------------------
    manager_steps = ["Telefoon aannemen", "Klant opzoeken", "Voorraad controleren in ERP",
                     "Order invoeren", "Voorraad reserveren", "Orderbevestiging mailen",
                     "Order picken", "Order verzenden", "Factuur maken"]
    manager = {
        "name": "Telefonische order volgens de directie",
        "told_by": "Henk van Dijk (directeur)",
        "steps": manager_steps,
        "durations": {"Voorraad controleren in ERP": "1 min", "Order invoeren": "3 min",
                      "Order invoeren → Orderbevestiging mailen": "5 min",
                      "Order invoeren → Order verzenden": "1 dag"},
        "aliases": {"Factuur maken": ["Factuur maken", "Factuur aanmaken"],
                    "Klant opzoeken": ["Klant opzoeken", "Klant zoeken"]},
    }
    team_steps = ["Telefoon aannemen", "Voorraad controleren", "Bevestigen", "Order invoeren"]
    team = {
        "name": "Telefonische order volgens de binnendienst",
        "told_by": "Binnendienst verkoop (workshop 8 januari 2026)",
        "steps": team_steps,
        "scope": "part",     # the intake only: picking, shipping, invoicing were never discussed
        "durations": {"Voorraad controleren": "2 min", "Telefoon aannemen → Order invoeren": "6 min"},
        "aliases": {"Voorraad controleren": ["Voorraad controleren in ERP"],
                    "Bevestigen": ["Levering bevestigen"]},
    }
    files["perceived_manager.yaml"] = (
        "# Hoe de directeur het orderproces beschrijft (interview 6 januari 2026)\n"
        + K.yaml_text(manager)).encode("utf-8")
    files["perceived_team.yaml"] = (
        "# Hoe de binnendienst het zegt: 'bellen, voorraad checken, bevestigen, order invoeren'\n"
        + K.yaml_text(team)).encode("utf-8")
    team_map = {"Telefoon aannemen": "Telefoon aannemen",
                "Voorraad controleren in ERP": "Voorraad controleren",
                "Levering bevestigen": "Bevestigen", "Order invoeren": "Order invoeren"}
    conf_team = _projected_conformance(ev.assign(label=ev["label_out"]), team_steps, team_map)
    conf_part, in_scope = _segment_conformance(ev.assign(label=ev["label_out"]), team_steps, team_map)

    # -- observations -----------------------------------------------------------------------
    R, B = K.Row, K.Block
    wait_notes = ("klant hangt aan de lijn terwijl ze het magazijn belt",
                  "magazijn neemt niet op, tweede poging", "klant wacht ruim 3 minuten",
                  "klant vraagt of het nog lang duurt", "klant heeft opgehangen")
    order_call = B([
        R("Klant aan de lijn", "telefoon", 1.5, case=True),
        R("Voorraad controleren", "ERP", 1.0, case=True, waste="systeemwissel"),
        R("Voorraad controleren", "Excel", 1.5, case=True, waste="systeemwissel",
          notes=("Excel-lijst magazijn klopt niet met ERP", "zoekt artikel in tweede tabblad",
                 "Excel-lijst staat op slot, collega heeft hem open"), p_note=0.35,
          severity=(2, 4)),
        R("Voorraad controleren", "telefoon", 3.0, 0.5, case=True, waste="wachten",
          notes=wait_notes, p_note=0.55, severity=(3, 5)),
        R("Levering bevestigen", "telefoon", 1.0, case=True),
        R("Order invoeren", "ERP", 4.0, 0.4, case=True),
        R("Order invoeren", "Excel", 1.5, case=True, waste="dubbele invoer",
          notes=("typt de order over in de Excel-lijst van het magazijn",
                 "zet reservering in Excel want ERP reserveert niet"), p_note=0.4,
          severity=(2, 4)),
    ], 5.0)
    order_simple = B([R("Klant aan de lijn", "telefoon", 1.5, case=True),
                      R("Voorraad controleren", "ERP", 1.0, case=True),
                      R("Levering bevestigen", "telefoon", 1.0, case=True),
                      R("Order invoeren", "ERP", 4.0, 0.4, case=True)], 1.5)
    callback = B([R("Klant terugbellen", "telefoon", 3.0, case=True, waste="herwerk",
                    notes=("klant had opgehangen, belt terug met levertijd",
                           "terugbelverzoek van gisteren"), p_note=0.6, severity=(2, 4)),
                  R("Order invoeren", "ERP", 4.0, 0.4, case=True)], 1.0)
    mail_order = B([R("Mail lezen", "Outlook", 2.0), R("Order invoeren", "ERP", 4.0, case=True)], 1.5)
    interrupt = B([R("Vraag collega beantwoorden", "mondeling", 2.0, waste="onderbreking",
                     notes=("collega vraagt naar prijsafspraak klant", "buitendienst belt binnen"),
                     p_note=0.5, severity=(1, 3))], 1.0)
    price = B([R("Prijs opzoeken", "papier", 3.0, waste="zoeken",
                 notes=("zoekt nettoprijs in de papieren prijsmap",), p_note=0.5, severity=(2, 3))], 0.8)
    postit = B([R("Terugbelverzoek noteren", "post-it", 1.0,
                  notes=("schrijft terugbelverzoek op een geeltje",), p_note=0.5)], 0.7)
    pick = B([R("Order picken", "ERP", 10.0, case=True),
              R("Order verzenden", "ERP", 4.0, case=True)], 4.0)
    wh_call = B([R("Voorraadvraag binnendienst beantwoorden", "telefoon", 2.0, waste="onderbreking",
                   notes=("binnendienst belt: ligt artikel nog op de plank?",
                          "loopt naar stelling om te kijken"), p_note=0.6, severity=(2, 4))], 2.5)
    wh_excel = B([R("Voorraadlijst bijwerken", "Excel", 4.0, waste="dubbele invoer",
                    notes=("past voorraad aan in Excel nadat het ERP al is bijgewerkt",),
                    p_note=0.5, severity=(2, 3))], 1.0)
    invoice = B([R("Factuur maken", "ERP", 3.0, case=True)], 4.0)
    inv_check = B([R("Prijs controleren", "Excel", 3.0, case=True,
                     notes=("vergelijkt prijs uit ERP met de Excel-prijslijst",), p_note=0.4)], 0.8)
    inv_mail = B([R("Vraag klant beantwoorden", "Outlook", 4.0)], 1.0)
    credit = B([R("Creditnota maken", "ERP", 6.0, case=True, waste="herwerk",
                  notes=("verkeerde levering, creditnota en nieuwe order",), p_note=0.7,
                  severity=(3, 4))], 0.5)
    sales_blocks = [order_call, order_simple, callback, mail_order, interrupt, price, postit]
    sh = [
        K.Shadow("Sanne de Vries", "Marieke", "Binnendienst verkoop", "13/01/2026", 510, 210,
                 sales_blocks, ":"),
        K.Shadow("Tom Bakker", "Dennis", "Binnendienst verkoop", "13/01/2026", 780, 210,
                 sales_blocks, "."),
        K.Shadow("Sanne de Vries", "Ahmed", "Binnendienst verkoop", "14/01/2026", 540, 210,
                 sales_blocks, ":"),
        K.Shadow("Tom Bakker", "Patrick", "Magazijnmedewerker", "14/01/2026", 480, 210,
                 [pick, wh_call, wh_excel], "."),
        K.Shadow("Sanne de Vries", "Femke", "Binnendienst verkoop", "20/01/2026", 780, 210,
                 sales_blocks, ":"),
        K.Shadow("Tom Bakker", "Annemiek", "Boekhouder", "20/01/2026", 540, 180,
                 [invoice, inv_check, inv_mail, credit], "u"),
    ]
    by_day = {}
    case_of_day = pd.Series(out["Order"].to_numpy(), index=pd.to_datetime(
        out["Tijdstip"], format=fmt).dt.strftime("%d/%m/%Y").to_numpy())
    for day in {s.date for s in sh}:
        by_day[day] = np.asarray(sorted(set(case_of_day.loc[[day]].tolist())), dtype=object)
    obs = K.observe(sh, rng, lambda s, r: by_day[s.date][r.integers(0, len(by_day[s.date]))])
    files["observations.csv"] = _obs_file_nl(obs, rng)
    off_share = K.observed_off_share(obs, {"ERP", "phone"}, TOOL_MAP)
    tpa = K.tools_per_activity(obs, TOOL_MAP)

    # -- frustrations -----------------------------------------------------------------------
    fr = [
        ("De voorraad in het ERP klopt niet, dus ik check altijd ook de Excel-lijst en bel het magazijn", 9, "Voorraad checken in Excel", "Excel", "Binnendienst verkoop"),
        ("Klanten hangen op terwijl ik het magazijn aan de lijn probeer te krijgen", 8, "Magazijn bellen", "Telefoon", "Binnendienst verkoop"),
        ("Alles twee keer intikken: in het ERP en in de Excel-lijst van het magazijn", 7, "Order invoeren", "Excel", "Binnendienst verkoop"),
        ("Het magazijn neemt de telefoon niet op", 6, "Magazijn bellen", "Telefoon", "Binnendienst verkoop"),
        ("Orders achteraf wijzigen omdat iets toch niet op voorraad blijkt", 5, "Order wijzigen", "ERP", "Binnendienst verkoop"),
        ("Telefoontjes van de binnendienst halen me steeds uit het picken", 5, "Order picken", "Telefoon", "Magazijnmedewerker"),
        ("Prijsafspraken staan alleen in de papieren map", 4, "", "papier", "Binnendienst verkoop"),
        ("Klanten bellen waar hun orderbevestiging blijft", 4, "Orderbevestiging mailen", "ERP", "Binnendienst verkoop"),
        ("Niemand weet wie de Excel-lijst bijhoudt", 4, "Voorraad checken in Excel", "Excel", "Magazijnchef"),
        ("Het ERP is traag bij het zoeken van klanten", 3, "Klant opzoeken", "ERP", "Binnendienst verkoop"),
        ("Geeltjes met terugbelverzoeken raken kwijt", 3, "Klant terugbellen", "post-it", "Binnendienst verkoop"),
        ("Facturen met een verkeerde prijs moeten opnieuw", 2, "Factuur maken", "ERP", "Boekhouder"),
        ("Koffieautomaat staat te ver weg", 1, "", "", ""),
    ]
    files["frustrations.csv"] = K.csv_bytes(pd.DataFrame(
        [(i + 1, *row) for i, row in enumerate(fr)],
        columns=["nr", "frustratie", "stemmen", "activiteit", "systeem", "rol"]),
        sep=";", encoding="cp1252", newline="\r\n")

    # -- usage and roster (new ERP live on Monday 2 March 2026) --------------------------------
    go_live = "2026-03-02"
    curves = {"Verkoop": K.Curve([0.55, 0.7, 0.8, 0.9, 0.95]),
              "Magazijn": K.Curve([0.6, 0.75, 0.9, 1.0]),
              "Administratie": K.Curve([0.75, 1.0])}
    usage = K.usage_log(people, group_of=lambda p: p.team, go_live={g: go_live for g in curves},
                        curves=curves, weeks=10, calendars={g: cal for g in curves},
                        actions=["Inloggen", "Order aangemaakt", "Voorraad opgevraagd",
                                 "Order gewijzigd", "Klant opgezocht", "Pickbon geprint"],
                        action_p=[3, 4, 5, 1, 2, 1.5], rng=rng, system="ERP", pre_users=3)
    extra = K.usage_log([K.Person("erp.consultant", "Implementatiepartner", "Extern", "Consultant",
                                  _d("2026-01-01"))], group_of=lambda p: "x",
                        go_live={"x": go_live}, curves={"x": K.Curve([1, 1, 1, 0.0])}, weeks=6,
                        calendars={"x": cal}, actions=["Inloggen", "Instellingen gewijzigd"],
                        action_p=[1, 1], rng=rng, system="ERP", rate=(2.0, 4.0))
    usage = pd.concat([usage, extra]).sort_values(["timestamp", "user"], kind="stable")
    files["usage.csv"] = K.csv_bytes(pd.DataFrame({
        "Gebruiker": usage["user"], "Tijdstip": usage["timestamp"].dt.strftime("%d-%m-%Y %H:%M:%S"),
        "Systeem": usage["system"], "Actie": usage["action"]}), sep=";", encoding="cp1252",
        newline="\r\n")
    files["roster.csv"] = K.csv_bytes(_people_frame(
        people, {"user": "gebruiker", "name": "naam", "team": "team", "role": "rol",
                 "start": "in_dienst", "leave": "uit_dienst"}, "%d-%m-%Y"),
        sep=";", encoding="cp1252", newline="\r\n")
    adoption = []
    for g in ["Verkoop", "Magazijn", "Administratie", None]:
        a, n = K.adoption_share(usage, people, group_of=lambda p: p.team, group=g,
                                go_live=go_live, week=8)
        adoption.append({"group": g or "All", "weeks_after_go_live": 8,
                         "share": round(a / n, 3), "tolerance": 0.03, "_counts": (a, n)})

    # -- scenario, truth, README ----------------------------------------------------------
    files["scenario.yaml"] = (
        "# Groothandel Van Dijk: telefonische orders, voorraad in drie systemen\n"
        "name: Groothandel Van Dijk\nlanguage: nl\nhourly_rate: 45\ncurrency: EUR\n"
        "team_size: 30\nofficial_systems: [ERP, Telefoon]\nsystem: ERP\n"
        "go_live: 2026-03-02\nadoption_target: 0.9\ngroup_by: team\n").encode("utf-8")
    truth = {
        "hotspots": [
            {"waste": "system switching", "where": "Voorraad controleren"},
            {"waste": "waiting", "where": "Voorraad controleren"},
            {"waste": "double entry", "where": "Order invoeren"},
        ],
        "perceived": [
            {"file": "perceived_manager.yaml",
             "hidden_activities": ["Voorraad checken in Excel", "Magazijn bellen",
                                   "Klant hangt op", "Klant terugbellen", "Order wijzigen"],
             "perceived_only_activities": ["Voorraad reserveren"],
             "hidden_flows": [["Voorraad controleren in ERP", "Voorraad checken in Excel"],
                              ["Order verzenden", "Orderbevestiging mailen"]],
             "conformance_max": 0.05},
            {"file": "perceived_team.yaml",      # scope: part (the phone intake only)
             "hidden_activities": ["Klant opzoeken", "Voorraad checken in Excel",
                                   "Magazijn bellen", "Klant hangt op", "Klant terugbellen"],
             "perceived_only_activities": [],
             "out_of_scope_activities": ["Order picken", "Order verzenden",
                                         "Orderbevestiging mailen", "Factuur maken"],
             "hidden_flows": [["Telefoon aannemen", "Klant opzoeken"],
                              ["Voorraad checken in Excel", "Magazijn bellen"]],
             "cases_in_scope": in_scope,
             "conformance_min": max(0.0, round(_ceil_to(conf_part) - 0.05, 2)),
             "conformance_max": _ceil_to(conf_part + 0.05)},
        ],
        "observations": {
            "off_system_share": {"value": round(off_share, 2), "tolerance": 0.05},
            "multi_system_checks": [a for a, k in tpa.items() if k >= 3],
        },
        "adoption": [{k: v for k, v in a.items() if k != "_counts"} for a in adoption],
    }
    files["truth.yaml"] = ("# What an analysis of this sample must find (planted by "
                           "shadowing.datasets.generator; see README.md)\n" + K.yaml_text(truth)).encode("utf-8")
    stats = _log_stats(ev)
    files["README.md"] = _wholesale_readme(stats, conf_team, off_share, adoption, len(obs)).encode("utf-8")
    return files


def _log_stats(ev: pd.DataFrame) -> dict:
    cases = ev["case"].nunique()
    has = ev.groupby("case")["key"].agg(set)
    return {"cases": cases, "events": len(ev),
            "share": lambda key: float(has.map(lambda s: key in s).mean()),
            "first": pd.Timestamp(ev["start"].min()), "last": pd.Timestamp(ev["end"].max())}


def _obs_file_nl(obs: pd.DataFrame, rng) -> bytes:
    """Dutch field notes: mixed time notations per observer; some rows with a duration only."""
    dur_only = rng.random(len(obs)) < 0.1
    begin = [K.clock(s, st) for s, st in zip(obs["start"], obs["style"])]
    einde = ["" if d else K.clock(e, st) for e, st, d in zip(obs["end"], obs["style"], dur_only)]
    duur = [K.duration_text(int(e - s), rng) if d else ""
            for s, e, d in zip(obs["start"], obs["end"], dur_only)]
    frame = pd.DataFrame({
        "waarnemer": obs["observer"], "medewerker": obs["person"], "rol": obs["role"],
        "datum": obs["date"], "begin": begin, "einde": einde, "duur": duur,
        "activiteit": obs["activity"], "order": obs["case"], "systeem": obs["tool"],
        "verspilling": obs["waste"], "opmerking": obs["note"], "ernst": obs["severity"]})
    return K.csv_bytes(frame, sep=";", encoding="utf-8")


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _wholesale_readme(stats, conf_team, off_share, adoption, n_obs) -> str:
    s = stats["share"]
    ad = {a["group"]: a["_counts"] for a in adoption}
    return f"""# Groothandel Van Dijk: telefonische orders en een voorraad in drie systemen

*Verzonnen scenario, gegenereerd door `make samples` (vaste seed).*

Groothandel Van Dijk (30 mensen, installatiemateriaal) neemt orders vooral telefonisch aan.
Wie wil weten of een artikel op voorraad is, kijkt in drie systemen: het ERP, de Excel-lijst van
het magazijn, en een telefoontje naar het magazijn. De klant hangt intussen aan de lijn, en een
deel hangt op. De binnendienst zegt dat het proces "bellen, voorraad checken, bevestigen, order
invoeren" is; de directeur denkt dat het ERP de voorraad toont en reserveert. Daarna ging op
2 maart 2026 een nieuw ERP live, samen met de binnendienst gekozen en ingericht: twee maanden
later gebruikte 95% van het team het actief.

## Bestanden

| bestand | wat |
|---|---|
| `eventlog.csv` | export van ERP, telefooncentrale en de versiegeschiedenis van de Excel-lijst: `Order;Activiteit;Tijdstip;Starttijd;Medewerker;Systeem;Klant;Bedrag`, puntkomma, Windows-1252, datums `03/02/2026 14:05` (dag eerst), decimale komma; {stats['cases']} orders, {stats['events']} events, december 2025 tot half februari 2026 |
| `observations.csv` | {n_obs} regels shadowing op 13, 14 en 20 januari 2026 (binnendienst, magazijn, boekhouding), Nederlandse kolomnamen, tijden als `9:05`, `9.05` of `9u05`, soms alleen een duur |
| `perceived_manager.yaml` | het proces volgens de directeur |
| `perceived_team.yaml` | het proces volgens de binnendienst (vier stappen) |
| `frustrations.csv` | irritatiebrainstorm met stemmen |
| `usage.csv`, `roster.csv` | gebruik van het nieuwe ERP vanaf 2 maart 2026 en de personeelslijst |
| `scenario.yaml`, `truth.yaml` | parameters, en wat een analyse moet vinden |

## Wat erin is geplant

- **Voorraad in drie systemen**: na `Voorraad controleren in ERP` volgt in {_pct(s('xls'))} van de
  orders `Voorraad checken in Excel` (Excel, buiten de officiële systemen) en in {_pct(s('mag'))}
  `Magazijn bellen`. In de observaties raakt de taak `Voorraad controleren` drie hulpmiddelen
  (ERP, Excel, telefoon), met `wachten` terwijl de klant aan de lijn hangt.
- **Klanten hangen op**: bij {_pct(s('hang'))} van de orders `Klant hangt op`; daarna
  `Klant terugbellen`, gemiddeld ruim twee werkuren later (geplante wachttijd).
- **Dubbele invoer**: `Order invoeren` staat in {_pct(s('ordx'))} van de orders twee keer in de
  log, in het ERP en in de Excel-lijst van het magazijn.
- **Herwerk**: `Order wijzigen` ({_pct(s('wijz'))} van de orders) wordt vaak meerdere keren door
  dezelfde medewerker gedaan, soms door een collega.
- **Batch**: `Orderbevestiging mailen` gebeurt automatisch om 16:30 voor alle verzonden orders
  (zelfde minuut, geen medewerker); de directeur denkt dat het direct na het invoeren gebeurt.
- **Beleving tegenover log**: de directeur noemt `Voorraad reserveren` (gebeurt nooit) en kent
  Excel, het magazijn bellen en het terugbellen niet; de binnendienst noemt alleen de vier stappen.
  Slechts {_pct(conf_team)} van de orders loopt, teruggebracht tot die vier stappen, precies zo.
- **Textuur**: werkuren 8-17 uur, weekends, Kerst en Nieuwjaar vrij; `Klant zoeken` naast
  `Klant opzoeken` (oud ERP-scherm) en `Factuur aanmaken` naast `Factuur maken` (hernoemd na een
  update op 2 februari 2026); 2% van de events zonder medewerker; starttijd leeg voor momentane
  events; geschatte duur log-normaal.
- **Observaties**: {_pct(off_share)} van de geobserveerde tijd valt buiten het ERP en de telefoon
  (Excel, papier, geeltjes, Outlook, mondeling).
- **Adoptie**: in week 8 na de livegang (20-26 april 2026) zijn {ad['Verkoop'][0]} van de
  {ad['Verkoop'][1]} mensen van Verkoop actief, {ad['Magazijn'][0]} van {ad['Magazijn'][1]} in het
  magazijn, {ad['Administratie'][0]} van {ad['Administratie'][1]} op de administratie: samen
  {ad['All'][0]} van {ad['All'][1]}. Nadia Benali begint op 16 maart, Peter van Rijn vertrekt op
  27 maart; `erp.consultant` (de implementatiepartner) staat niet op de personeelslijst. De week
  voor de livegang oefenen drie sleutelgebruikers al.
"""


# ==========================================================================================
# crm: Veldman Facility Services
# ==========================================================================================

C_SALES = ["Laura Meijer", "Tom Peeters", "Sophie van Dongen", "Daniel Kowalski", "Eline Vos",
           "Martijn de Ruiter", "Priya Raghunathan", "Jordy Willems", "Kirsten Blom",
           "Olivier Lambert", "Fatima Ouali", "Niels Brandsma", "Hugo Verbruggen",
           "Anouk Stam", "Victor Hendrix"]
C_INSIDE = ["Lisa Koopman", "Youssef Haddou", "Marloes Geerts", "Ben Carter", "Iris de Lange",
            "Sven Jacobs", "Naomi Tielemans", "Ruben Smits", "Eva Lindqvist", "Koen Aerts"]
C_SERVICE = ["Rachid Bouzid", "Mirjam Hofman", "Paul Janssen", "Charlotte Maes", "Dirk Vink",
             "Sarah O'Brien", "Tim van Beek", "Lotte Verhoeven", "Wim de Graaf", "Julia Nowak"]


def _email(name: str) -> str:
    parts = name.lower().replace("'", "").split()
    return f"{parts[0]}.{''.join(parts[1:])}@veldman-fs.nl"


def crm(seed: int = 3102) -> dict[str, bytes]:
    rng = np.random.default_rng(seed)
    cal = Calendar.build("2025-12-01", "2026-08-31", "nl", day_start=510, day_len=510)
    go_live = "2026-01-05"

    people: list[K.Person] = []
    for i, name in enumerate(C_SALES + ["Gerard Pool"]):
        role = "Sales manager" if i == 0 else "Account manager"
        leave = _d("2026-02-06") if name == "Gerard Pool" else None
        people.append(K.Person(_email(name), name, "Sales", role,
                               _d("2014-03-01") + pd.Timedelta(days=int(rng.integers(0, 4000))), leave))
    for name in C_INSIDE:
        people.append(K.Person(_email(name), name, "Inside sales", "Inside sales",
                               _d("2016-09-01") + pd.Timedelta(days=int(rng.integers(0, 3000)))))
    for i, name in enumerate(C_SERVICE):
        start = _d("2026-01-19") if name == "Julia Nowak" else _d("2013-01-01") + pd.Timedelta(
            days=int(rng.integers(0, 4400)))
        people.append(K.Person(_email(name), name, "Service",
                               "Service coordinator" if i < 4 else "Service engineer", start))

    am = np.array(C_SALES[1:], dtype=object)
    crew = {"am": (am, K.weights(len(am), rng)),
            "mgr": (np.array([C_SALES[0]], dtype=object), np.array([1.0])),
            "inside": (np.array(C_INSIDE, dtype=object), K.weights(len(C_INSIDE), rng))}
    A = Act
    acts = [
        A("lead", "Lead created", 2.0, 0.5, "CRM", "inside"),
        A("call", "Call logged", 4.0, 0.6, "CRM", "inside"),
        A("draft", "Quote drafted", 8.0, 0.6, "CRM", "am"),
        A("review", "Quote reviewed", 4.0, 0.6, "CRM", "mgr", batch=420),
        A("revise", "Quote revised", 6.0, 0.6, "CRM", "am"),
        A("sent", "Quote sent", 1.0, 0.4, "CRM", "am"),
        A("follow", "Follow-up logged", 3.0, 0.6, "CRM", "am", p_other=0.3),
        A("won", "Deal won", 1.0, 0.4, "CRM", "am"),
        A("lost", "Deal lost", 1.0, 0.4, "CRM", "am"),
    ]
    flows = {
        "lead": {"call": 0.55, "draft": 0.3, END: 0.15},
        "call": {"draft": 0.7, "call": 0.1, END: 0.2},
        "draft": {"review": 0.9, "sent": 0.1},
        "review": {"sent": 0.55, "revise": 0.45},
        "revise": {"review": 1.0},
        "sent": {"follow": 0.6, "won": 0.15, "lost": 0.1, END: 0.15},
        "follow": {"follow": 0.3, "won": 0.3, "lost": 0.25, END: 0.15},
        "won": {END: 1.0}, "lost": {END: 1.0},
    }
    waits = {("lead", "call"): (240.0, 0.9), ("lead", "draft"): (600.0, 0.8),
             ("call", "draft"): (500.0, 0.8), ("call", "call"): (900.0, 0.7),
             ("revise", "review"): (2.0, 0.5), ("review", "revise"): (180.0, 0.8),
             ("review", "sent"): (60.0, 0.8), ("sent", "follow"): (2500.0, 0.6),
             ("follow", "follow"): (2000.0, 0.6), ("follow", "won"): (1500.0, 0.7),
             ("follow", "lost"): (2500.0, 0.7), ("sent", "won"): (2500.0, 0.7),
             ("sent", "lost"): (3500.0, 0.7)}
    proc = Process(acts=acts, start={"lead": 1.0}, flows=flows, waits=waits,
                    default_wait=(30.0, 0.8))
    arr = arrivals(cal, 260, rng, first=go_live, last="2026-03-06", trend=-0.85,
                    peaks=((90, 90), (300, 90)), peak_share=0.5)
    ev = simulate_process(proc, arr, rng, crew, cal)
    # fewer steps recorded as people stop using the CRM: the later, the more is left out
    t = pd.to_datetime(ev["end"])
    frac = ((t - pd.Timestamp(go_live)) / pd.Timedelta(days=56)).clip(0, 1).to_numpy()
    droppable = ev["key"].isin(["call", "follow", "won", "lost", "sent"]).to_numpy()
    keep = ~(droppable & (rng.random(len(ev)) < 0.85 * frac))
    ev = ev.loc[keep].reset_index(drop=True)
    ev = ev.loc[ev["end"] < np.datetime64("2026-03-14")].reset_index(drop=True)
    label = ev["label"].to_numpy(dtype=object).copy()
    label[(ev["key"] == "sent").to_numpy() & (rng.random(len(ev)) < 0.08)] = "Quote Sent"  # mobile app
    res = ev["resource"].to_numpy(dtype=object)
    web = (ev["key"] == "lead").to_numpy() & (rng.random(len(ev)) < 0.3)       # web-form leads
    res = np.where(web, None, res)
    role_of = {n: "Account manager" for n in am} | {C_SALES[0]: "Sales manager"} | {
        n: "Inside sales" for n in C_INSIDE}
    role = np.array([role_of.get(r, "") if r is not None else "" for r in res], dtype=object)
    n_cases = int(ev["case"].max()) + 1
    case_ids = np.array([f"OPP-{2601 + i * 3 + int(j)}" for i, j in
                         enumerate(rng.integers(0, 3, n_cases))], dtype=object)
    accounts = np.array(["Hotel De Wereld", "Stichting Zorgrond", "Van Oord Offices",
                         "Gemeente Dalfsen", "Brightside Schools", "Havenbedrijf Noord",
                         "Medisch Centrum Oost", "Kinderopvang Kwetternest", "Techpark Delta",
                         "Bakkerij Hollander", "Autobedrijf Snel", "Woonzorg Het Anker"],
                        dtype=object)[rng.integers(0, 12, n_cases)]
    value = np.round(rng.lognormal(np.log(8500), 0.8, n_cases), -1)
    out = pd.DataFrame({
        "Case ID": case_ids[ev["case"].to_numpy()], "Activity": label,
        "Timestamp": pd.to_datetime(ev["end"]).dt.floor("s"),
        "User": [r if r is not None else None for r in res], "Role": role,
        "System": "CRM", "Account": accounts[ev["case"].to_numpy()],
        "Deal value (EUR)": value[ev["case"].to_numpy()],
    })
    out = out.iloc[np.lexsort((ev["pos"].to_numpy(), ev["case"].to_numpy()))].reset_index(drop=True)
    files: dict[str, bytes] = {"eventlog.xlsx": K.xlsx_bytes({"Export": out}, widths={
        "Activity": 20, "User": 20, "Account": 26, "Role": 18})}

    # -- perceptions ------------------------------------------------------------------------
    manager = {
        "name": "Lead to deal, as management designed it in the CRM",
        "told_by": "Laura Meijer (sales manager)",
        "steps": ["Lead created", "Lead qualified", "Quote drafted", "Quote reviewed", "Quote sent",
                  "Follow-up logged", "Deal won", "Deal lost"],
        "flows": [["Lead created", "Lead qualified"], ["Lead qualified", "Quote drafted"],
                  ["Quote drafted", "Quote reviewed"], ["Quote reviewed", "Quote sent"],
                  ["Quote sent", "Follow-up logged"], ["Follow-up logged", "Deal won"],
                  ["Follow-up logged", "Deal lost"]],
        "start": ["Lead created"], "end": ["Deal won", "Deal lost"],
        "durations": {"Quote drafted → Quote reviewed": "1 hour", "Quote sent → Follow-up logged": "3 days"},
        "aliases": {"Quote sent": ["Quote sent", "Quote Sent"]},
        "alternatives": [["Deal won", "Deal lost"]],
    }
    team = {
        "name": "Lead to deal, as the sales team tells it",
        "told_by": "Account managers and inside sales (workshop 3 March 2026)",
        "steps": ["Lead in", "Quote", "Send quote", "Update pipeline sheet", "Follow up", "Close"],
        "durations": {"Quote": "20 min", "Send quote → Follow up": "1 week"},
        "aliases": {"Lead in": ["Lead created"], "Quote": ["Quote drafted"],
                    "Send quote": ["Quote sent", "Quote Sent"], "Follow up": ["Follow-up logged"],
                    "Close": ["Deal won", "Deal lost"]},
        "optional": ["Follow up"],
    }
    files["perceived_manager.yaml"] = ("# The process the CRM was configured for\n"
                                       + K.yaml_text(manager)).encode("utf-8")
    files["perceived_team.yaml"] = ("# How the team says it works now (the pipeline lives in Excel)\n"
                                    + K.yaml_text(team)).encode("utf-8")

    # -- observations (week 9 after go-live) ------------------------------------------------
    R, B = K.Row, K.Block
    am_blocks = [
        B([R("Update pipeline", "Excel", 6.0, notes=("keeps his own pipeline sheet; CRM 'too slow'",
                                                       "copies deal values from CRM into Excel"),
             p_note=0.4, severity=(2, 4))], 2.5),
        B([R("Follow-up call", "phone", 5.0, case=True),
           R("Note follow-up", "post-it", 1.0, case=True,
             notes=("writes call-back date on a post-it on the screen",), p_note=0.5, severity=(2, 3))], 2.5),
        B([R("Draft quote", "Word", 12.0, 0.5, case=True,
             notes=("quote template in Word, prices from Excel",), p_note=0.3),
           R("Draft quote", "CRM", 4.0, case=True, waste="double entry",
             notes=("re-types the quote into the CRM for approval",), p_note=0.5, severity=(3, 4))], 1.5),
        B([R("Read e-mail", "Outlook", 3.0)], 0.7),
        B([R("Search customer history", "Outlook", 4.0, waste="searching",
             notes=("looks for the last quote in the mailbox",), p_note=0.5, severity=(2, 4))], 1.0),
        B([R("Chase quote approval", "Teams", 2.0, case=True, waste="waiting",
             notes=("asks the manager on Teams whether the quote is approved",), p_note=0.6,
             severity=(3, 5))], 1.0),
    ]
    inside_blocks = [
        B([R("Register lead", "Excel", 3.0, case=True),
           R("Register lead", "CRM", 3.0, case=True, waste="double entry",
             notes=("enters the lead twice: leads sheet and CRM",), p_note=0.4, severity=(2, 4))], 1.2),
        B([R("Register lead", "Excel", 3.0, case=True,
             notes=("CRM skipped: 'the sheet is quicker'",), p_note=0.3)], 2.0),
        B([R("Qualify lead", "phone", 6.0, case=True)], 2.0),
        B([R("Plan follow-up", "post-it", 1.0, notes=("post-it on the monitor",), p_note=0.4)], 1.5),
        B([R("Read e-mail", "Outlook", 3.0)], 0.6),
        B([R("Answer colleague", "Teams", 2.0, waste="interruption",
             notes=("asks where the latest price list is",), p_note=0.5, severity=(1, 3))], 0.8),
    ]
    service_blocks = [
        B([R("Plan visit", "Excel", 8.0, case=True, notes=("planning board in Excel",), p_note=0.3)], 2.0),
        B([R("Answer customer", "phone", 5.0)], 2.0),
        B([R("Log service request", "CRM", 3.0, case=True)], 1.0),
        B([R("Read e-mail", "Outlook", 3.0)], 0.6),
    ]
    sh = [
        K.Shadow("Emma Hart", "AM-1", "Account manager", "2026-03-03", 540, 210, am_blocks, "0"),
        K.Shadow("Emma Hart", "AM-2", "Account manager", "2026-03-04", 780, 210, am_blocks, "0"),
        K.Shadow("Jonas Weber", "IS-1", "Inside sales", "2026-03-03", 510, 210, inside_blocks, "0"),
        K.Shadow("Jonas Weber", "IS-2", "Inside sales", "2026-03-05", 780, 210, inside_blocks, "0"),
        K.Shadow("Emma Hart", "SC-1", "Service coordinator", "2026-03-05", 540, 180, service_blocks, "0"),
    ]
    obs_cases = np.unique(case_ids)
    obs = K.observe(sh, rng, lambda s, r: obs_cases[-80:][r.integers(0, 80)])
    files["observations.csv"] = K.csv_bytes(pd.DataFrame({
        "observer": obs["observer"], "person": obs["person"], "role": obs["role"],
        "date": obs["date"], "start": [K.clock(x, "0") for x in obs["start"]],
        "end": [K.clock(x, "0") for x in obs["end"]], "activity": obs["activity"],
        "case": obs["case"], "tool": obs["tool"], "waste": obs["waste"],
        "frustration": obs["note"], "severity": obs["severity"]}))
    off_share = K.observed_off_share(obs, {"CRM"}, TOOL_MAP)
    tpa = K.tools_per_activity(obs, TOOL_MAP)

    fr = [
        ("Entering a quote in the CRM takes three times as long as in Word", 9, "Quote drafted", "CRM", "Account manager"),
        ("I keep my own pipeline in Excel because the CRM reports are useless", 8, "Update pipeline", "Excel", "Account manager"),
        ("Quotes wait days for approval", 7, "Quote reviewed", "CRM", "Account manager"),
        ("Leads have to be entered twice", 6, "Lead created", "Excel", "Inside sales"),
        ("Nobody told us why we need the CRM", 6, "", "CRM", ""),
        ("Quotes come back from approval for small changes", 5, "Quote revised", "CRM", "Account manager"),
        ("Post-its fall off the screen, follow-ups get forgotten", 4, "Follow-up logged", "post-it", "Account manager"),
        ("The CRM app on the phone logs me out all the time", 4, "", "CRM", "Account manager"),
        ("I can't find the last quote sent to a customer", 3, "Quote sent", "Outlook", "Inside sales"),
        ("Service visits are not in the CRM, so sales does not see them", 3, "", "Excel", "Service coordinator"),
        ("Training was one afternoon, on a demo database", 5, "", "CRM", ""),
    ]
    files["frustrations.csv"] = K.csv_bytes(pd.DataFrame(
        [(i + 1, *row) for i, row in enumerate(fr)],
        columns=["id", "text", "votes", "activity", "system", "role"]))

    # -- usage and roster ------------------------------------------------------------------
    decline = [0.85, 0.7, 0.55, 0.42, 0.32, 0.25, 0.2]
    curves = {g: K.Curve(decline) for g in ("Sales", "Inside sales", "Service")}
    usage = K.usage_log(people, group_of=lambda p: p.team, go_live={g: go_live for g in curves},
                        curves=curves, weeks=10, calendars={g: cal for g in curves},
                        actions=["Login", "Lead created", "Quote created", "Activity logged",
                                 "Record viewed", "Report opened"],
                        action_p=[3, 1.5, 1, 2, 4, 0.7], rng=rng, system="CRM", rate=(3.0, 10.0))
    extra = K.usage_log([K.Person("admin@crmvendor.com", "Vendor support", "Extern", "Support",
                                  _d("2025-12-01"))], group_of=lambda p: "x", go_live={"x": go_live},
                        curves={"x": K.Curve([1, 1, 0, 1, 0, 0, 1, 0])}, weeks=8,
                        calendars={"x": cal}, actions=["Login", "Settings changed"], action_p=[1, 1],
                        rng=rng, system="CRM", rate=(1.0, 3.0))
    usage = pd.concat([usage, extra]).sort_values(["timestamp", "user"], kind="stable").reset_index(drop=True)
    # one early drop-out's login is exported with capitals (matched case-insensitively)
    late = usage["timestamp"] >= pd.Timestamp(go_live) + pd.Timedelta(days=28)
    stopped = sorted(set(usage.loc[~late, "user"]) - set(usage.loc[late, "user"])
                     - {"admin@crmvendor.com"})
    caps = stopped[0]
    usage.loc[usage["user"] == caps, "user"] = ".".join(p.capitalize() for p in caps.split("@")[0].split(
        ".")) + "@" + caps.split("@")[1]
    files["usage.csv"] = K.csv_bytes(pd.DataFrame({
        "user": usage["user"], "timestamp": usage["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%S"),
        "system": usage["system"], "action": usage["action"]}))
    files["roster.csv"] = K.csv_bytes(_people_frame(
        people, {"user": "user", "name": "name", "team": "team", "role": "role",
                 "start": "start_date", "leave": "leave_date"}, "%Y-%m-%d"))
    adoption = []
    for g in ["Sales", "Inside sales", "Service", None]:
        a, n = K.adoption_share(usage, people, group_of=lambda p: p.team, group=g,
                                go_live=go_live, week=8)
        adoption.append({"group": g or "All", "weeks_after_go_live": 8,
                         "share": round(a / n, 3), "tolerance": 0.03, "_counts": (a, n)})
    first_week = K.adoption_share(usage, people, group_of=lambda p: p.team, group=None,
                                  go_live=go_live, week=1)

    files["scenario.yaml"] = (
        "# Veldman Facility Services: a CRM that the team stopped using\n"
        "name: Veldman Facility Services\nlanguage: en\nhourly_rate: 55\ncurrency: EUR\n"
        "team_size: 35\nofficial_systems: [CRM]\nsystem: CRM\ngo_live: 2026-01-05\n"
        "adoption_target: 0.8\ngroup_by: team\n").encode("utf-8")
    truth = {
        "hotspots": [{"waste": "system switching", "where": "Draft quote"},
                     {"waste": "off-system work", "where": "Update pipeline"},
                     {"waste": "double entry", "where": "Draft quote"}],
        "perceived": [
            {"file": "perceived_manager.yaml", "hidden_activities": ["Quote revised", "Call logged"],
             "perceived_only_activities": ["Lead qualified"],
             "hidden_flows": [["Quote reviewed", "Quote revised"], ["Quote revised", "Quote reviewed"]],
             "conformance_max": 0.05},
            {"file": "perceived_team.yaml",
             "hidden_activities": ["Quote reviewed", "Quote revised", "Call logged"],
             "perceived_only_activities": ["Update pipeline sheet"],
             "hidden_flows": [["Quote reviewed", "Quote revised"]],
             "conformance_max": 0.05},
        ],
        "observations": {"off_system_share": {"value": round(off_share, 2), "tolerance": 0.05},
                         "multi_system_checks": [a for a, k in tpa.items() if k >= 3]},
        "adoption": [{k: v for k, v in a.items() if k != "_counts"} for a in adoption],
    }
    files["truth.yaml"] = ("# What an analysis of this sample must find (planted by "
                           "shadowing.datasets.generator; see README.md)\n" + K.yaml_text(truth)).encode("utf-8")
    files["README.md"] = _crm_readme(ev, off_share, adoption, first_week, len(obs), caps).encode("utf-8")
    return files


def _crm_readme(ev, off_share, adoption, first_week, n_obs, caps) -> str:
    ad = {a["group"]: a["_counts"] for a in adoption}
    has = ev.groupby("case")["key"].agg(set)
    rev = float(has.map(lambda s: "revise" in s).mean())
    return f"""# Veldman Facility Services: a new CRM that the team stopped using

*Invented scenario, generated by `make samples` (fixed seed).*

Veldman Facility Services (35 people, cleaning and maintenance contracts for offices, schools
and care homes) rolled out a new CRM on Monday 5 January 2026 for leads, quotes and follow-up.
It was installed by the vendor and introduced in one afternoon. In the first week
{first_week[0]} of {first_week[1]} people logged in; eight weeks later only {ad['All'][0]} of
{ad['All'][1]} (20%) still used it. The rest went back to Excel and post-its. The usage log shows
the decline, the shadowing (week 9) shows the Excel and post-it work, and the CRM's own event log
shows only the steps the CRM still records.

## Files

| file | what |
|---|---|
| `eventlog.xlsx` | CRM audit export, sheet `Export`: `Case ID, Activity, Timestamp, User, Role, System, Account, Deal value (EUR)`; Excel date cells; {ev['case'].nunique()} opportunities, {len(ev)} events |
| `observations.csv` | {n_obs} rows of shadowing on 3-5 March 2026 (account managers, inside sales, a service coordinator), English headers, `09:05` times; people pseudonymised (`AM-1`) |
| `perceived_manager.yaml` | the process the CRM was configured for |
| `perceived_team.yaml` | the process as the team tells it (with its Excel pipeline sheet) |
| `frustrations.csv` | irritation brainstorm with votes |
| `usage.csv`, `roster.csv` | CRM logins and actions from go-live, and the team roster |
| `scenario.yaml`, `truth.yaml` | parameters, and what an analysis must find |

## What was planted

- **Decline**: adoption per team falls from about 85% in week 1 to 20% from week 7 on (each team:
  Sales {ad['Sales'][0]}/{ad['Sales'][1]}, Inside sales {ad['Inside sales'][0]}/{ad['Inside sales'][1]},
  Service {ad['Service'][0]}/{ad['Service'][1]} in week 8, 23 Feb - 1 Mar 2026). The people who
  stop never come back (relapse). Gerard Pool leaves on 6 February, Julia Nowak joins on
  19 January; `admin@crmvendor.com` (vendor support) is not on the roster; `{caps}` appears with
  capitals in the usage export (`Name.Surname@...`) and must be matched case-insensitively.
- **The event log thins out**: new opportunities per week fall with the adoption, and the later a
  step happens, the less often `Call logged`, `Quote sent`, `Follow-up logged`, `Deal won/lost`
  are recorded (up to 85% missing by week 8): many cases stop half-way.
- **Ping-pong**: `Quote reviewed` (the sales manager, approving in a daily batch at 15:30) sends
  {rev * 100:.0f}% of quotes back (`Quote revised` by the account manager), often more than once:
  the case bounces between the roles `Account manager` and `Sales manager` (the log has a `Role`
  column).
- **Waiting**: quotes wait for the batch approval; follow-ups come days after `Quote sent`.
- **Observations**: {off_share * 100:.0f}% of the observed time is outside the CRM: an Excel
  pipeline sheet, quotes written in Word and re-typed into the CRM (`double entry`), leads
  registered in Excel and sometimes again in the CRM, follow-up dates on post-its, chasing the
  approval on Teams (`waiting`).
- **Perceived vs log**: the manager's process has `Lead qualified` (never recorded) and no
  revision loop; the team's process has `Update pipeline sheet` (an Excel step the CRM cannot
  see) and no approval at all.
- **Texture**: `Quote Sent` (mobile app) next to `Quote sent`; web-form leads without a user;
  working hours 8:30-17:00, weekends, log-normal durations.
"""


# ==========================================================================================
# construction: two Flemish building firms
# ==========================================================================================

FIRM_A, FIRM_B = "Bouwbedrijf Claes", "Wouters Bouw"
B_FIRST = ["Jens", "Wout", "Pieter", "Kobe", "Lotte", "Bert", "Stijn", "Dries", "Sofie", "Raf",
           "Tuur", "Jef", "Nele", "Glenn", "Bart", "Kristof", "Ann", "Jonas", "Senne", "Lieven",
           "Hanne", "Tom", "Mathias", "Geert", "Wim", "Ruben", "Karel", "Elke", "Yusuf", "Marek",
           "Andrei", "Brecht", "Jasper", "Koen", "Filip", "Ine", "Seppe", "Arne", "Luc", "Dirk",
           "Ilias", "Tine", "Robbe", "Marc", "Frederik"]
B_LAST = ["Claes", "Wouters", "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems",
          "Goossens", "De Smet", "Dubois", "Vermeulen", "Van den Broeck", "Lemmens", "Hermans",
          "Verstraete", "De Backer", "Michiels", "Van Damme", "Segers", "Aerts", "Pauwels",
          "Cools", "Van Hoof", "Nowak", "Popescu", "Lambrechts", "Vandenberghe", "Bogaerts",
          "Declercq", "Thys", "Verhaegen", "Smets", "Boeckx", "Wuyts"]
B_ROLES = [("Projectleiding", "Projectleider", 5), ("Werf", "Werfleider", 6),
           ("Werf", "Ploegbaas", 12), ("Werf", "Vakman", 10), ("Kantoor", "Calculator", 2),
           ("Kantoor", "Administratief bediende", 4), ("Kantoor", "Zaakvoerder", 1)]


def _crew(firm: str, rng, start_of: str, used: set) -> list[K.Person]:
    out = []
    for team, role, n in B_ROLES:
        for _ in range(n):
            while True:
                name = f"{B_FIRST[rng.integers(0, len(B_FIRST))]} {B_LAST[rng.integers(0, len(B_LAST))]}"
                if name not in used:
                    used.add(name)
                    break
            user = name.lower().replace(" ", ".").replace("..", ".")
            out.append(K.Person(user, name, team, role,
                                _d(start_of) + pd.Timedelta(days=int(rng.integers(0, 5000))), firm=firm))
    return out


def _firm_log(firm, fi, proc, rng, cal, people, names, projects, n_cases, first, last, cutoff,
              case_offset: int = 0) -> pd.DataFrame:
    """One firm's BouwPlan export: simulated cases, site steps mostly off-system at firm A."""
    crew = {"werf": (names(firm, "Werfleider", "Ploegbaas"), None),
            "pl": (names(firm, "Projectleider"), None),
            "kantoor": (names(firm, "Administratief bediende", "Calculator"), None)}
    crew = {k: (v, K.weights(len(v), rng)) for k, (v, _) in crew.items()}
    arr = arrivals(cal, n_cases, rng, first=first, last=last,
                   peaks=((30, 40), (480, 40)), peak_share=0.6)
    ev = simulate_process(proc, arr, rng, crew, cal)
    role_of = {}
    for p in people:
        if p.firm == firm:
            role_of[p.name] = p.role
    if firm == FIRM_A:
        # site steps are mostly done on WhatsApp and paper: the software never sees them
        site = ev["key"].isin(["verslag", "aanvraag", "plan", "ontv"]).to_numpy()
        ev = ev.loc[~(site & (rng.random(len(ev)) < 0.75))].reset_index(drop=True)
    ev = ev.loc[ev["end"] < np.datetime64(cutoff)].reset_index(drop=True)
    proj = np.asarray(projects, dtype=object)[rng.integers(0, len(projects),
                                                           int(ev["case"].max()) + 1)]
    case_no = np.array([f"{proj[c]}/{c + 1 + case_offset:03d}" for c in range(len(proj))],
                       dtype=object)
    res = ev["resource"].to_numpy(dtype=object)
    res = np.where(rng.random(len(ev)) < 0.015, None, res)
    return pd.DataFrame({
        "case_id": case_no[ev["case"].to_numpy()],
        "project": proj[ev["case"].to_numpy()],
        "activity": ev["label"].to_numpy(),
        "start_time": pd.to_datetime(ev["start"]).dt.strftime("%Y-%m-%dT%H:%M:%S"),
        "end_time": pd.to_datetime(ev["end"]).dt.strftime("%Y-%m-%dT%H:%M:%S"),
        "user": [r if r is not None else "" for r in res],
        "role": [role_of.get(r, "") if r is not None else "" for r in res],
        "system": ev["system"].to_numpy(), "firm": firm,
        "_case": ev["case"].to_numpy() + fi * 100000, "_pos": ev["pos"].to_numpy(),
        "_key": ev["key"].to_numpy(), "_end": ev["end"].to_numpy()})


def construction(seed: int = 3103) -> dict[str, bytes]:
    rng = np.random.default_rng(seed)
    closed = (("2025-12-22", "2026-01-02"),)          # winter construction holiday (bouwverlof)
    cal = Calendar.build("2025-06-02", "2026-09-30", "be", day_start=450, day_len=540, closed=closed)
    go = {FIRM_A: "2025-09-01", FIRM_B: "2025-09-15"}
    used: set = set()
    people = _crew(FIRM_A, rng, "2006-01-01", used) + _crew(FIRM_B, rng, "2008-01-01", used)
    # roster changes: one joiner and one leaver per firm, away from the weeks measured
    people.append(K.Person("ilias.aerts", "Ilias Aerts", "Werf", "Vakman", _d("2025-11-03"),
                           firm=FIRM_A))
    people.append(K.Person("tine.smets", "Tine Smets", "Kantoor", "Administratief bediende",
                           _d("2025-10-13"), firm=FIRM_B))
    leavers = {FIRM_A: None, FIRM_B: None}
    for p in people:
        if p.role == "Vakman" and leavers[p.firm] is None:
            p.leave = _d("2025-12-19") if p.firm == FIRM_A else _d("2026-01-30")
            leavers[p.firm] = p.user
    # the firms' rosters at week 26: 40 each (41 listed, one of whom left)

    def names(firm, *roles):
        return np.array([p.name for p in people if p.firm == firm and p.role in roles
                         and p.leave is None and p.start <= _d("2025-09-01")], dtype=object)

    A = Act
    acts = [
        A("verslag", "Werfverslag opmaken", 15.0, 0.6, "BouwPlan", "werf"),
        A("aanvraag", "Materiaal aanvragen", 6.0, 0.6, "BouwPlan", "werf"),
        A("goedk", "Bestelling goedkeuren", 3.0, 0.5, "BouwPlan", "pl"),
        A("plaats", "Bestelling plaatsen", 8.0, 0.5, "BouwPlan", "kantoor", batch=390),
        A("levplan", "Levering plannen", 5.0, 0.5, "BouwPlan", "pl"),
        A("plan", "Planning aanpassen", 6.0, 0.6, "BouwPlan", "werf"),
        A("planpl", "Planning aanpassen", 6.0, 0.6, "BouwPlan", "pl"),
        A("ontv", "Levering ontvangen", 4.0, 0.5, "BouwPlan", "werf"),
        A("vord", "Vorderingsstaat opmaken", 25.0, 0.5, "BouwPlan", "pl", p_other=0.75),
        A("vordk", "Vorderingsstaat controleren", 10.0, 0.5, "BouwPlan", "kantoor"),
        A("fact", "Factureren", 6.0, 0.5, "BouwPlan", "kantoor"),
    ]
    flows = {
        "verslag": {"aanvraag": 0.8, "plan": 0.1, "vord": 0.1},
        "aanvraag": {"goedk": 0.85, "plaats": 0.15},
        "goedk": {"plaats": 0.9, "aanvraag": 0.1},
        "plaats": {"levplan": 0.8, "ontv": 0.2},
        "levplan": {"plan": 0.55, "ontv": 0.45},
        "plan": {"planpl": 0.7, "ontv": 0.3},
        "planpl": {"plan": 0.45, "ontv": 0.55},
        "ontv": {"vord": 0.6, END: 0.4},
        "vord": {"vord": 0.3, "vordk": 0.7},
        "vordk": {"fact": 0.85, "vord": 0.15},
        "fact": {END: 1.0},
    }
    waits = {("verslag", "aanvraag"): (60.0, 0.8), ("aanvraag", "goedk"): (240.0, 0.8),
             ("goedk", "aanvraag"): (120.0, 0.7), ("plaats", "levplan"): (300.0, 0.7),
             ("plaats", "ontv"): (1600.0, 0.5), ("levplan", "ontv"): (1200.0, 0.5),
             ("levplan", "plan"): (120.0, 0.7), ("plan", "planpl"): (90.0, 0.8),
             ("planpl", "plan"): (90.0, 0.8), ("plan", "ontv"): (800.0, 0.6),
             ("planpl", "ontv"): (800.0, 0.6), ("ontv", "vord"): (2500.0, 0.6),
             ("vord", "vord"): (600.0, 0.7), ("vord", "vordk"): (500.0, 0.7),
             ("vordk", "vord"): (300.0, 0.7), ("vordk", "fact"): (200.0, 0.7)}
    proc = Process(acts=acts, start={"verslag": 1.0}, flows=flows, waits=waits,
                    default_wait=(60.0, 0.8))
    projects = {FIRM_A: [f"A25-{i:03d}" for i in (7, 11, 12, 15, 18, 21, 22, 26)],
                FIRM_B: [f"WB-2025-{i:02d}" for i in (31, 33, 34, 38, 40, 41, 44, 45, 47)]}
    n_case = {FIRM_A: 150, FIRM_B: 190}
    frames = [_firm_log(firm, fi, proc, rng, cal, people, names, projects[firm], n_case[firm],
                        "2026-01-05", "2026-03-13", "2026-03-28")
              for fi, firm in enumerate((FIRM_A, FIRM_B))]
    log_df = pd.concat(frames, ignore_index=True)
    # near-duplicate label: the tablet app writes 'Werfverslag opmaken (app)' for some reports
    near = (log_df["_key"] == "verslag") & (rng.random(len(log_df)) < 0.06)
    log_df.loc[near, "activity"] = "Werfverslag opmaken (app)"
    log_df = log_df.iloc[np.lexsort((log_df["_pos"].to_numpy(), log_df["_case"].to_numpy(),
                                     log_df["_end"].to_numpy()))].reset_index(drop=True)
    files: dict[str, bytes] = {"eventlog.csv": K.csv_bytes(
        log_df.drop(columns=["_case", "_pos", "_key", "_end"]))}

    # -- perceptions ------------------------------------------------------------------------
    manager_steps = ["Werfverslag opmaken", "Werfverslag goedkeuren", "Materiaal aanvragen",
                     "Bestelling goedkeuren", "Bestelling plaatsen", "Levering plannen",
                     "Levering ontvangen", "Vorderingsstaat opmaken", "Factureren"]
    manager = {"name": "Projectopvolging volgens de zaakvoerders",
               "told_by": "Zaakvoerders van beide firma's (interview september 2025)",
               "steps": manager_steps,
               "durations": {"Materiaal aanvragen → Bestelling plaatsen": "1 uur",
                             "Levering ontvangen → Factureren": "1 week"},
               "aliases": {"Werfverslag opmaken": ["Werfverslag opmaken", "Werfverslag opmaken (app)"]}}
    team_steps = ["Werfverslag opmaken", "Materiaal aanvragen", "Bestelling plaatsen",
                  "Levering ontvangen", "Factureren"]
    team = {"name": "Projectopvolging volgens de werfleiders",
            "told_by": "Werfleiders en ploegbazen (workshop Wouters Bouw, augustus 2025)",
            "steps": team_steps,
            "durations": {"Werfverslag opmaken": "15 min", "Bestelling plaatsen → Levering ontvangen": "3 dagen"},
            "aliases": {"Werfverslag opmaken": ["Werfverslag opmaken", "Werfverslag opmaken (app)"]}}
    files["perceived_manager.yaml"] = ("# Hoe de zaakvoerders de opvolging zien\n"
                                       + K.yaml_text(manager)).encode("utf-8")
    files["perceived_team.yaml"] = ("# Hoe de werfleiders het vertellen (ook getekend in "
                                    "perceived_team.bpmn)\n" + K.yaml_text(team)).encode("utf-8")
    files["perceived_team.bpmn"] = K.bpmn_xml(team["name"], team_steps).encode("utf-8")
    ev_all = pd.DataFrame({"case": log_df["_case"], "label": log_df["activity"]})
    team_map = {s: s for s in team_steps} | {"Werfverslag opmaken (app)": "Werfverslag opmaken"}
    conf_team = _projected_conformance(ev_all, team_steps, team_map)

    # -- observations -----------------------------------------------------------------------
    R, B = K.Row, K.Block
    a_site = [
        B([R("Werfverslag opmaken", "papier", 12.0, case=True),
           R("Werfverslag doorsturen", "WhatsApp", 3.0, case=True, waste="dubbel werk",
             notes=("trekt foto van het papieren verslag en zet het in de WhatsApp-groep",),
             p_note=0.5, severity=(2, 4))], 2.0),
        B([R("Materiaal bestellen", "WhatsApp", 4.0, case=True,
             notes=("bestelling via WhatsApp naar het kantoor",), p_note=0.3),
           R("Materiaal bestellen", "gsm", 4.0, case=True, waste="wachten",
             notes=("kantoor neemt niet op", "belt leverancier zelf"), p_note=0.5, severity=(3, 5)),
           R("Materiaal bestellen", "Excel", 3.0, case=True, waste="systeemwissel",
             notes=("vult bestellijst in Excel aan voor de boekhouding",), p_note=0.4, severity=(2, 4))], 1.5),
        B([R("Planning bekijken", "WhatsApp", 5.0, waste="zoeken",
             notes=("zoekt de planning terug in de WhatsApp-groep",), p_note=0.5, severity=(3, 4))], 1.5),
        B([R("Planning aanpassen", "Excel", 8.0, case=True,
             notes=("planning in Excel op de laptop in de werfkeet",), p_note=0.3)], 1.0),
        B([R("Overleg met ploeg", "mondeling", 10.0)], 1.0),
        B([R("Werfverslag opmaken", "BouwPlan", 10.0, case=True)], 0.4),
    ]
    a_office = [
        B([R("Bestelling plaatsen", "BouwPlan", 8.0, case=True),
           R("Bestelling plaatsen", "Excel", 4.0, case=True, waste="dubbele invoer",
             notes=("houdt naast BouwPlan nog de oude bestellijst bij",), p_note=0.4, severity=(2, 4))], 2.0),
        B([R("WhatsApp-berichten overtypen", "WhatsApp", 6.0, waste="dubbele invoer",
             notes=("typt bestellingen uit de WhatsApp-groep over",), p_note=0.6, severity=(3, 5))], 1.5),
        B([R("Factureren", "BouwPlan", 8.0, case=True)], 1.0),
        B([R("Vorderingsstaat opmaken", "Excel", 20.0, case=True, waste="herwerk",
             notes=("vorderingsstaat opnieuw: hoeveelheden kloppen niet",), p_note=0.4, severity=(3, 4))], 0.8),
    ]
    b_site = [
        B([R("Werfverslag opmaken", "BouwPlan", 12.0, case=True,
             notes=("foto's rechtstreeks in de app",), p_note=0.2)], 2.0),
        B([R("Materiaal bestellen", "BouwPlan", 5.0, case=True)], 1.5),
        B([R("Planning bekijken", "BouwPlan", 3.0)], 1.5),
        B([R("Planning aanpassen", "BouwPlan", 6.0, case=True)], 0.8),
        B([R("Overleg met ploeg", "mondeling", 10.0)], 1.0),
        B([R("Materiaal bestellen", "gsm", 4.0, case=True, notes=("dringend: belt leverancier",), p_note=0.5)], 0.3),
    ]
    b_office = [
        B([R("Bestelling plaatsen", "BouwPlan", 8.0, case=True)], 2.0),
        B([R("Factureren", "BouwPlan", 8.0, case=True)], 1.0),
        B([R("Vorderingsstaat controleren", "BouwPlan", 12.0, case=True)], 1.0),
        B([R("Mails beantwoorden", "Outlook", 4.0)], 0.8),
    ]

    def sh(observer, person, role, date, start, length, blocks, firm, style):
        return K.Shadow(observer, person, role, date, start, length, blocks, style, {"firm": firm})

    shadows = [
        sh("An Vercauteren", "Werfleider A1", "Werfleider", "2026-02-03", 450, 240, a_site, FIRM_A, "0"),
        sh("An Vercauteren", "Ploegbaas A2", "Ploegbaas", "2026-02-04", 450, 240, a_site, FIRM_A, "0"),
        sh("Koen De Wilde", "Bediende A3", "Administratief bediende", "2026-02-03", 510, 210, a_office, FIRM_A, "0"),
        sh("Koen De Wilde", "Werfleider B1", "Werfleider", "2026-02-10", 450, 240, b_site, FIRM_B, "0"),
        sh("An Vercauteren", "Ploegbaas B2", "Ploegbaas", "2026-02-11", 450, 240, b_site, FIRM_B, "0"),
        sh("Koen De Wilde", "Bediende B3", "Administratief bediende", "2026-02-11", 510, 210, b_office, FIRM_B, "0"),
    ]
    cases_of = {f: log_df.loc[log_df["firm"] == f, "case_id"].unique() for f in (FIRM_A, FIRM_B)}
    obs = K.observe(shadows, rng, lambda s, r: cases_of[s.extra["firm"]][
        r.integers(0, len(cases_of[s.extra["firm"]]))])
    files["observations.csv"] = _construction_obs_csv(obs)
    off_share = K.observed_off_share(obs, {"BouwPlan"}, TOOL_MAP)
    off_a = K.observed_off_share(obs.loc[obs["firm"] == FIRM_A], {"BouwPlan"}, TOOL_MAP)
    off_b = K.observed_off_share(obs.loc[obs["firm"] == FIRM_B], {"BouwPlan"}, TOOL_MAP)
    tpa = K.tools_per_activity(obs, TOOL_MAP)
    # 'checking N systems' as a task: consecutive rows of one person on one activity
    task = (obs["activity"] != obs["activity"].shift()) | (obs["person"] != obs["person"].shift())
    tools = obs["tool"].map(lambda s: TOOL_MAP.get(s.casefold(), s))
    per_task = tools.groupby(task.cumsum()).nunique()
    act_of_task = obs["activity"].groupby(task.cumsum()).first()
    multi = sorted(set(act_of_task[per_task >= 3]))

    fr = [
        ("Bestellingen via WhatsApp raken kwijt tussen de foto's", 9, "Materiaal aanvragen", "WhatsApp", "Werfleider", FIRM_A),
        ("Alles moet twee keer: op papier op de werf en 's avonds nog eens in Excel", 8, "Werfverslag opmaken", "Excel", "Werfleider", FIRM_A),
        ("Na twee dagen opleiding wist niemand hoe je een bestelling ingeeft", 7, "", "BouwPlan", "Ploegbaas", FIRM_A),
        ("De planning staat in drie versies rond", 6, "Planning aanpassen", "Excel", "Projectleider", FIRM_A),
        ("Vorderingsstaten moeten vaak opnieuw", 5, "Vorderingsstaat opmaken", "BouwPlan", "Administratief bediende", FIRM_A),
        ("Kantoor neemt de telefoon niet op als we dringend materiaal nodig hebben", 5, "Bestelling plaatsen", "gsm", "Ploegbaas", FIRM_A),
        ("Planning gaat heen en weer tussen werfleider en projectleider", 6, "Planning aanpassen", "BouwPlan", "Werfleider", FIRM_B),
        ("Bestellingen wachten tot het kantoor ze 's middags plaatst", 5, "Bestelling plaatsen", "BouwPlan", "Werfleider", FIRM_B),
        ("De app werkt slecht zonder bereik in kelders", 4, "Werfverslag opmaken", "BouwPlan", "Ploegbaas", FIRM_B),
        ("Vorderingsstaat wordt door iemand anders overgedaan", 4, "Vorderingsstaat opmaken", "BouwPlan", "Projectleider", FIRM_B),
        ("Te veel verplichte velden bij een werfverslag", 3, "Werfverslag opmaken", "BouwPlan", "Werfleider", FIRM_B),
    ]
    files["frustrations.csv"] = K.csv_bytes(pd.DataFrame(
        [(i + 1, *row) for i, row in enumerate(fr)],
        columns=["id", "text", "votes", "activity", "system", "role", "firm"]))

    # -- usage and roster ------------------------------------------------------------------
    a_curve = [0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.42, 0.4, 0.37, 0.35, 0.32, 0.3]
    b_curve = [0.55, 0.62, 0.7, 0.76, 0.82, 0.86, 0.9, 0.92]
    curves = {FIRM_A: K.Curve(a_curve), FIRM_B: K.Curve(b_curve)}
    # one export for both firms: it ends on the same day for both (Claes went live two weeks earlier)
    usage = K.usage_log(people, group_of=lambda p: p.firm, go_live=go, curves=curves,
                        weeks={FIRM_A: 30, FIRM_B: 28},
                        calendars={FIRM_A: cal, FIRM_B: cal},
                        actions=["Aanmelden", "Werfverslag", "Bestelling", "Planning bekeken",
                                 "Foto opgeladen", "Vorderingsstaat"],
                        action_p=[3, 2, 1.5, 3, 2, 0.5], rng=rng, system="BouwPlan", rate=(3.0, 9.0))
    extra = K.usage_log([K.Person("support@bouwplan.be", "BouwPlan support", "Extern", "Support",
                                  _d("2025-06-01"), firm="BouwPlan")], group_of=lambda p: "x",
                        go_live={"x": go[FIRM_A]}, curves={"x": K.Curve([1, 1, 1, 0, 0, 1, 0])},
                        weeks=10, calendars={"x": cal}, actions=["Aanmelden", "Instellingen"],
                        action_p=[1, 1], rng=rng, system="BouwPlan", rate=(1.0, 2.0))
    usage = pd.concat([usage, extra]).sort_values(["timestamp", "user"], kind="stable")
    files["usage.csv"] = K.csv_bytes(pd.DataFrame({
        "user": usage["user"], "timestamp": usage["timestamp"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        "system": usage["system"], "action": usage["action"]}))
    files["roster.csv"] = K.csv_bytes(_people_frame(
        people, {"user": "user", "name": "name", "firm": "firm", "team": "team", "role": "role",
                 "start": "start_date", "leave": "leave_date"}, "%Y-%m-%d", firm=True))
    adoption = []
    for firm in (FIRM_A, FIRM_B):
        a, n = K.adoption_share(usage, people, group_of=lambda p: p.firm, group=firm,
                                go_live=go[firm], week=26)
        adoption.append({"group": firm, "weeks_after_go_live": 26, "share": round(a / n, 3),
                         "tolerance": 0.03, "_counts": (a, n)})

    # -- after the change: B acted on the first shadowing round (April 2026), A did not -------
    # Its own random stream, so the files above keep their bytes.
    rng2 = np.random.default_rng(seed + 7)
    waits_b = dict(waits)
    waits_b.update({("aanvraag", "goedk"): (60.0, 0.8), ("plaats", "levplan"): (60.0, 0.7),
                    ("plaats", "ontv"): (900.0, 0.5), ("levplan", "ontv"): (600.0, 0.5),
                    ("ontv", "vord"): (900.0, 0.6), ("vord", "vordk"): (150.0, 0.7),
                    ("plan", "planpl"): (45.0, 0.8), ("planpl", "plan"): (45.0, 0.8)})
    acts_b = [Act("plaats", "Bestelling plaatsen", 8.0, 0.5, "BouwPlan", "kantoor")
              if a.key == "plaats" else a for a in acts]          # no more daily batch
    flows_b = {**flows, "planpl": {"plan": 0.15, "ontv": 0.85},    # less planning ping-pong
               "vord": {"vord": 0.12, "vordk": 0.88}}              # fewer redone statements
    proc_b = Process(acts=acts_b, start={"verslag": 1.0}, flows=flows_b, waits=waits_b,
                     default_wait=(60.0, 0.8))
    after_frames = [_firm_log(firm, fi, pr, rng2, cal, people, names, projects[firm],
                              n_case[firm], "2026-04-07", "2026-06-12", "2026-06-27",
                              case_offset=500)
                    for fi, (firm, pr) in enumerate(((FIRM_A, proc), (FIRM_B, proc_b)))]
    after_df = pd.concat(after_frames, ignore_index=True)
    near = (after_df["_key"] == "verslag") & (rng2.random(len(after_df)) < 0.06)
    after_df.loc[near, "activity"] = "Werfverslag opmaken (app)"
    after_df = after_df.iloc[np.lexsort((after_df["_pos"].to_numpy(), after_df["_case"].to_numpy(),
                                         after_df["_end"].to_numpy()))].reset_index(drop=True)
    files["eventlog_after.csv"] = K.csv_bytes(after_df.drop(columns=["_case", "_pos", "_key", "_end"]))
    # the crew meeting now happens around the planning in BouwPlan; hardly any phone or mail
    b_site_after = [b for b in b_site if b.rows[0].tool not in ("gsm", "mondeling")] + [
        B([R("Overleg met ploeg", "BouwPlan", 10.0,
             notes=("overlopen de planning samen op de tablet",), p_note=0.2)], 0.9),
        B([R("Overleg met ploeg", "mondeling", 10.0)], 0.1),
        B([R("Materiaal bestellen", "gsm", 4.0, case=True, notes=("dringend: belt leverancier",),
             p_note=0.5)], 0.05)]
    b_office_after = [b for b in b_office if b.rows[0].tool != "Outlook"] + [
        B([R("Mails beantwoorden", "Outlook", 4.0)], 0.1)]
    follow = []
    for day in ("2026-05-12", "2026-05-19"):
        follow += [
            sh("An Vercauteren", "Werfleider A1", "Werfleider", day, 450, 240, a_site, FIRM_A, "0"),
            sh("An Vercauteren", "Ploegbaas A2", "Ploegbaas", _next_day(day), 450, 240, a_site, FIRM_A, "0"),
            sh("Koen De Wilde", "Bediende A3", "Administratief bediende", day, 510, 210, a_office, FIRM_A, "0"),
            sh("Koen De Wilde", "Werfleider B1", "Werfleider", _next_day(day, 2), 450, 240, b_site_after, FIRM_B, "0"),
            sh("An Vercauteren", "Ploegbaas B2", "Ploegbaas", _next_day(day, 2), 450, 240, b_site_after, FIRM_B, "0"),
            sh("Koen De Wilde", "Bediende B3", "Administratief bediende", _next_day(day, 3), 510, 210, b_office_after, FIRM_B, "0"),
        ]
    cases_after = {f: after_df.loc[after_df["firm"] == f, "case_id"].unique() for f in (FIRM_A, FIRM_B)}
    obs_after = K.observe(follow, rng2, lambda s, r: cases_after[s.extra["firm"]][
        r.integers(0, len(cases_after[s.extra["firm"]]))])
    files["observations_after.csv"] = _construction_obs_csv(obs_after)
    off_after = {f: K.observed_off_share(obs_after.loc[obs_after["firm"] == f], {"BouwPlan"}, TOOL_MAP)
                 for f in (FIRM_A, FIRM_B)}
    off_before = {FIRM_A: off_a, FIRM_B: off_b}
    change = {
        "files": {"log_before": "eventlog.csv", "log_after": "eventlog_after.csv",
                  "observations_before": "observations.csv",
                  "observations_after": "observations_after.csv"},
        "cut_over": "2026-04-01", "level": 0.9, "group_by": "firm",
        "firms": {
            FIRM_B: {"waits_fall": [["Bestelling plaatsen", "Levering plannen"],
                                    ["Levering ontvangen", "Vorderingsstaat opmaken"],
                                    ["Materiaal aanvragen", "Bestelling goedkeuren"]],
                     "throughput_median_falls": True, "off_system_share_falls": True,
                     "off_system_share": {"before": round(off_b, 2), "after": round(off_after[FIRM_B], 2)}},
            FIRM_A: {"waits_fall": [], "throughput_median_falls": False,
                     "off_system_share_falls": False,
                     "off_system_share": {"before": round(off_a, 2), "after": round(off_after[FIRM_A], 2)}},
        },
    }

    files["scenario.yaml"] = (
        "# Twee bouwbedrijven digitaliseren hun projectopvolging: A installeerde, B betrok het team\n"
        "name: Bouwbedrijf Claes en Wouters Bouw\nlanguage: nl\nhourly_rate: 52\ncurrency: EUR\n"
        "team_size: 80\nofficial_systems: [BouwPlan]\nsystem: BouwPlan\n"
        f"go_live: {{{FIRM_A}: {go[FIRM_A]}, {FIRM_B}: {go[FIRM_B]}}}\n"
        "adoption_target: 0.9\ngroup_by: firm\n").encode("utf-8")
    truth = {
        "hotspots": [{"waste": "off-system work", "where": "Werfverslag opmaken"},
                     {"waste": "rework", "where": "Vorderingsstaat opmaken"},
                     # planted as 'dubbel werk' (a photo of the paper report into WhatsApp);
                     # 'Planning aanpassen' (off-system, 8 min a day) is real too but ranks 6th
                     # by cost: only frustration votes lifted it into a top five
                     {"waste": "double entry", "where": "Werfverslag doorsturen"}],
        "perceived": [
            {"file": "perceived_manager.yaml",
             "hidden_activities": ["Planning aanpassen", "Vorderingsstaat controleren"],
             "perceived_only_activities": ["Werfverslag goedkeuren"],
             "hidden_flows": [["Levering plannen", "Planning aanpassen"],
                              ["Vorderingsstaat opmaken", "Vorderingsstaat controleren"]],
             "conformance_max": 0.05},
            {"file": "perceived_team.yaml",
             "hidden_activities": ["Bestelling goedkeuren", "Planning aanpassen",
                                   "Vorderingsstaat opmaken", "Vorderingsstaat controleren"],
             "perceived_only_activities": [],
             "hidden_flows": [["Bestelling goedkeuren", "Bestelling plaatsen"],
                              ["Vorderingsstaat opmaken", "Vorderingsstaat controleren"]],
             "conformance_max": _ceil_to(conf_team + 0.05)},
        ],
        "observations": {"off_system_share": {"value": round(off_share, 2), "tolerance": 0.05},
                         "multi_system_checks": multi},
        "adoption": [{k: v for k, v in a.items() if k != "_counts"} for a in adoption],
        "change": change,
    }
    files["truth.yaml"] = ("# What an analysis of this sample must find (planted by "
                           "shadowing.datasets.generator; see README.md)\n" + K.yaml_text(truth)).encode("utf-8")
    files["README.md"] = (_construction_readme(log_df, off_share, off_a, off_b, adoption, conf_team,
                                               len(obs), multi)
                          + _construction_change_readme(after_df, len(obs_after), off_before,
                                                        off_after)).encode("utf-8")
    return files


def _next_day(day: str, n: int = 1) -> str:
    return (pd.Timestamp(day) + pd.Timedelta(days=n)).strftime("%Y-%m-%d")


def _construction_obs_csv(obs: pd.DataFrame) -> bytes:
    return K.csv_bytes(pd.DataFrame({
        "observer": obs["observer"], "person": obs["person"], "role": obs["role"],
        "firm": obs["firm"], "date": obs["date"],
        "start": [K.clock(x, "0") for x in obs["start"]],
        "end": [K.clock(x, "0") for x in obs["end"]], "activity": obs["activity"],
        "case": obs["case"], "tool": obs["tool"], "waste": obs["waste"],
        "frustration": obs["note"], "severity": obs["severity"]}))


def _construction_change_readme(after_df, n_obs_after, off_before, off_after) -> str:
    n_a = int((after_df["firm"] == FIRM_A).sum())
    n_b = int((after_df["firm"] == FIRM_B).sum())
    return f"""
## Na de verandering (april-juni 2026)

Na de eerste shadowingronde pakte **{FIRM_B}** de hotspots aan (vanaf 1 april 2026): bestellingen
gaan meteen door in plaats van in één batch om 14:00, de planning wordt niet meer heen en weer
gestuurd, vorderingsstaten worden minder vaak overgedaan en de wachttijden tussen aanvraag,
goedkeuring, levering en vorderingsstaat zijn korter; het overleg met de ploeg gebeurt rond de planning in
BouwPlan en er wordt minder gebeld en gemaild. **{FIRM_A}** veranderde niets.

| bestand | wat |
|---|---|
| `eventlog_after.csv` | BouwPlan-export april-juni 2026, zelfde kolommen; {n_a} events van firma A, {n_b} van firma B |
| `observations_after.csv` | {n_obs_after} regels opvolgingsshadowing in mei 2026, dezelfde zes mensen, elk twee dagen |

Wat `compare_periods` per firma moet vinden (`truth.yaml`, `change`): bij firma B dalen de
wachttijden `Bestelling plaatsen → Levering plannen`, `Levering ontvangen → Vorderingsstaat
opmaken` en `Materiaal aanvragen → Bestelling goedkeuren`, de mediane doorlooptijd en het werk
buiten BouwPlan ({off_before[FIRM_B] * 100:.0f}% → {off_after[FIRM_B] * 100:.0f}% van de
waargenomen tijd); bij firma A niet (werk buiten BouwPlan {off_before[FIRM_A] * 100:.0f}% →
{off_after[FIRM_A] * 100:.0f}%, zelfde proces).
"""


def _construction_readme(log_df, off_share, off_a, off_b, adoption, conf_team, n_obs, multi) -> str:
    ad = {a["group"]: a["_counts"] for a in adoption}
    n_a = int((log_df["firm"] == FIRM_A).sum())
    n_b = int((log_df["firm"] == FIRM_B).sum())
    return f"""# Twee bouwbedrijven, één software: installeren of het team betrekken

*Verzonnen scenario, gegenereerd door `make samples` (vaste seed).*

Twee Vlaamse bouwbedrijven van elk zo'n 40 mensen digitaliseerden hun projectopvolging
(werfverslagen, materiaalbestellingen, planning, vorderingsstaten en facturatie) met dezelfde
software, **BouwPlan**. **{FIRM_A}** (firma A) installeerde de software op 1 september 2025 en gaf
twee dagen opleiding: na zes maanden gebruikt {ad[FIRM_A][0]} van de {ad[FIRM_A][1]} mensen het
nog ({ad[FIRM_A][0] / ad[FIRM_A][1] * 100:.0f}%), de rest werkt met Excel, papier en
WhatsApp-groepen. **{FIRM_B}** (firma B) liet eerst shadowen, betrok de werfleiders bij de
inrichting en ging op 15 september 2025 live: na zes maanden {ad[FIRM_B][0]} van de
{ad[FIRM_B][1]} ({ad[FIRM_B][0] / ad[FIRM_B][1] * 100:.0f}%). Beide firma's staan in dezelfde
bestanden; de kolom `firm` houdt ze uit elkaar, zodat een vergelijking één group-by is.

## Bestanden

| bestand | wat |
|---|---|
| `eventlog.csv` | BouwPlan-export, Engelse kolomnamen, ISO-tijden: `case_id, project, activity, start_time, end_time, user, role, system, firm`; januari-maart 2026; {n_a} events van firma A, {n_b} van firma B |
| `observations.csv` | {n_obs} regels shadowing in februari 2026, drie mensen per firma, met kolom `firm` |
| `perceived_manager.yaml` | de opvolging volgens de zaakvoerders |
| `perceived_team.yaml`, `perceived_team.bpmn` | de opvolging volgens de werfleiders, ook als BPMN 2.0 zoals bpmn.io het exporteert |
| `frustrations.csv` | irritatiebrainstorm van beide firma's (kolom `firm`) |
| `usage.csv`, `roster.csv` | BouwPlan-gebruik vanaf de livegang en de personeelslijst (kolom `firm`) |
| `scenario.yaml`, `truth.yaml` | parameters (`go_live` per firma, `group_by: firm`) en wat een analyse moet vinden |

## Wat erin is geplant

- **Adoptie**: firma A start rond 75% en zakt naar 30% vanaf week 13; firma B groeit van 55% naar
  92% vanaf week 8. Gemeten in week 26 na de eigen livegang. Beide firma's liggen stil tijdens het
  bouwverlof (22 december - 2 januari): die weken tonen geen gebruik. Per firma begint iemand
  (Ilias Aerts bij A op 3 november, Tine Smets bij B op 13 oktober) en vertrekt iemand;
  `support@bouwplan.be` staat niet op de personeelslijst.
- **Werk buiten het systeem**: bij firma A komen werfstappen (`Werfverslag opmaken`,
  `Materiaal aanvragen`, `Planning aanpassen`, `Levering ontvangen`) maar voor een kwart in
  BouwPlan; de rest gebeurt op papier en in WhatsApp. In de observaties is
  {off_share * 100:.0f}% van de tijd buiten BouwPlan (firma A {off_a * 100:.0f}%, firma B
  {off_b * 100:.0f}%). `Materiaal bestellen` raakt bij firma A drie hulpmiddelen (WhatsApp, gsm,
  Excel): {', '.join(multi) or '-'}.
- **Pingpong**: `Planning aanpassen` gaat heen en weer tussen `Werfleider`/`Ploegbaas` en
  `Projectleider` (de log heeft een kolom `role`).
- **Overdoen door een ander**: `Vorderingsstaat opmaken` wordt vaak opnieuw gedaan, meestal
  door een andere projectleider (`redo`).
- **Batch**: `Bestelling plaatsen` gebeurt één keer per dag om 14:00 (zelfde minuut).
- **Beleving tegenover log**: de zaakvoerders noemen `Werfverslag goedkeuren` (gebeurt nooit);
  de werfleiders kennen de goedkeuring, het planningsoverleg en de vorderingsstaten niet.
  Teruggebracht tot hun vijf stappen loopt {conf_team * 100:.0f}% van de zaken zo.
- **Textuur**: Belgische feestdagen, werkuren 7:30-16:30, `Werfverslag opmaken (app)` naast
  `Werfverslag opmaken`, 1,5% events zonder gebruiker, log-normale duur.
"""
