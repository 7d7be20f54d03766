"""Before and after in words, English and Dutch, from `compare_periods`' facts."""

from __future__ import annotations

import math

import pandas as pd

from .. import i18n

LABELS = {
    "en": {"throughput_median": "Throughput time (median)",
           "throughput_p90": "Throughput time (90th percentile)",
           "rework_rate": "Cases with rework", "main_path_share": "Cases on the main path",
           "waiting": "Waiting {where}", "off_system_share": "Time off the system ({where})",
           "waste_share": "Time lost to waste ({where})",
           "hotspot_hours": "Hours: {where}", "hotspot_cost": "Cost: {where}", "all": "all"},
    "nl": {"throughput_median": "Doorlooptijd (mediaan)",
           "throughput_p90": "Doorlooptijd (90e percentiel)",
           "rework_rate": "Zaken met herwerk", "main_path_share": "Zaken op het hoofdpad",
           "waiting": "Wachten {where}", "off_system_share": "Tijd buiten het systeem ({where})",
           "waste_share": "Tijd aan verspilling ({where})",
           "hotspot_hours": "Uren: {where}", "hotspot_cost": "Kosten: {where}", "all": "iedereen"},
}

WORDS = {
    "en": {"before": "before", "after": "after", "difference": "change (after − before)",
           "real": "real change", "not_real": "no clear change", "untested": "no interval",
           "better": "better", "worse": "worse", "title": "Before and after",
           "interval": "{level} interval", "h": "h", "share": "percentage points",
           "legend_better": "waiting fell (real change)", "legend_worse": "waiting rose (real change)",
           "legend_same": "no clear change"},
    "nl": {"before": "voor", "after": "na", "difference": "verschil (na − voor)",
           "real": "echte verandering", "not_real": "geen duidelijke verandering",
           "untested": "geen interval", "better": "beter", "worse": "slechter",
           "title": "Voor en na", "interval": "{level}-interval", "h": "u",
           "share": "procentpunten",
           "legend_better": "wachttijd gedaald (echte verandering)",
           "legend_worse": "wachttijd gestegen (echte verandering)",
           "legend_same": "geen duidelijke verandering"},
}

WASTES_NL = {"waiting": "wachten", "rework": "herwerk", "redo": "overdoen",
             "ping-pong": "pingpong", "system switching": "systeemwissels",
             "double entry": "dubbele invoer", "off-system work": "werk buiten het systeem",
             "interruption": "onderbreking", "searching": "zoeken", "frustration": "frustratie"}


def measure_label(row, lang: str = "en") -> str:
    """The name of one measure row (``measure`` and ``where``) in ``lang``."""
    i18n.check_lang(lang, "measure_label")
    where = str(row.get("where", "") or "")
    if row["measure"] in ("hotspot_hours", "hotspot_cost") and lang == "nl" and ": " in where:
        waste, place = where.split(": ", 1)
        where = f"{WASTES_NL.get(waste, waste)}: {place}"
    if where == "all":
        where = LABELS[lang]["all"]
    return LABELS[lang].get(row["measure"], row["measure"]).format(where=where)


def value_text(value: float, unit: str, lang: str, *, signed: bool = False,
               currency: str = "EUR") -> str:
    """A measure's value in its unit: ``12,5 u``, ``34%``, ``€ 1.200/maand``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "+" if signed and value > 0 else ""
    if unit == "share":
        if signed:
            return f"{sign}{i18n.number(value * 100, lang, decimals=0)} pp"
        return i18n.percent(value, lang)
    if unit == "EUR/month":
        per = "/month" if lang == "en" else "/maand"
        return sign + i18n.money(value, lang, currency=currency) + per
    if unit == "h/month":
        per = " h/month" if lang == "en" else " u/maand"
        return sign + i18n.number(value, lang, decimals=0 if abs(value) >= 10 else 1) + per
    h = WORDS[lang]["h"]
    return sign + i18n.number(value, lang, decimals=0 if abs(value) >= 10 else 1) + f" {h}"


def verdict(row, lang: str = "en") -> str:
    """``better``/``worse`` (real changes), ``no clear change`` or ``no interval``."""
    w = WORDS[lang]
    if pd.isna(row["real"]):
        return w["untested"]
    if not bool(row["real"]):
        return w["not_real"]
    return w["better"] if bool(row["improved"]) else w["worse"]


def measures_table(measures: pd.DataFrame, *, lang: str = "en", level: float = 0.9,
                   currency: str = "EUR") -> pd.DataFrame:
    """The measures as a table of words: measure, before, after, change, interval, verdict."""
    i18n.check_lang(lang, "measures_table")
    w = WORDS[lang]
    rows = []
    for _, r in measures.iterrows():              # one row per measure (a few dozen at most)
        interval = ("–" if pd.isna(r["difference_low"]) else
                    f"{value_text(r['difference_low'], r['unit'], lang, signed=True, currency=currency)}"
                    f" … {value_text(r['difference_high'], r['unit'], lang, signed=True, currency=currency)}")
        rows.append({"measure": measure_label(r, lang),
                     w["before"]: value_text(r["before"], r["unit"], lang, currency=currency),
                     w["after"]: value_text(r["after"], r["unit"], lang, currency=currency),
                     w["difference"]: value_text(r["difference"], r["unit"], lang, signed=True,
                                                 currency=currency),
                     w["interval"].format(level=i18n.percent(level, lang)): interval,
                     "": verdict(r, lang)})
    return pd.DataFrame(rows)


def period_summary(comparison, *, lang: str = "en", currency: str = "EUR") -> list[str]:
    """A few sentences: what changed for real, and estimated against realised savings."""
    i18n.check_lang(lang, "period_summary")
    m = comparison.measures
    lvl = i18n.percent(comparison.level, lang)
    out = []
    real = m[m["real"].fillna(False).astype(bool) & (m["basis"] != "hotspots")]
    better = real[real["improved"].fillna(False).astype(bool)]
    worse = real[~real["improved"].fillna(False).astype(bool)]

    def names(frame):
        return ", ".join(f"{measure_label(r, lang)} "
                         f"({value_text(r['before'], r['unit'], lang)} → "
                         f"{value_text(r['after'], r['unit'], lang)})"
                         for _, r in frame.head(5).iterrows())

    tested = int(m["real"].notna().sum())
    if lang == "en":
        out.append(f"Of {tested} measures with an interval, {len(better)} improved and "
                   f"{len(worse)} got worse beyond chance ({lvl} intervals, bootstrap over "
                   "cases and observed person-days).")
        if len(better):
            out.append("Better: " + names(better) + ".")
        if len(worse):
            out.append("Worse: " + names(worse) + ".")
    else:
        out.append(f"Van {tested} maten met een interval verbeterden er {len(better)} en "
                   f"verslechterden er {len(worse)} meer dan toeval ({lvl}-intervallen, bootstrap "
                   "over zaken en waargenomen persoon-dagen).")
        if len(better):
            out.append("Beter: " + names(better) + ".")
        if len(worse):
            out.append("Slechter: " + names(worse) + ".")
    s = comparison.savings
    if len(s):
        staff = s[s["waste"] != "waiting"]
        est, real_h = float(staff["estimated_hours"].sum()), float(staff["realised_hours"].sum())
        est_c, real_c = s["estimated_cost"].sum(min_count=1), s["realised_cost"].sum(min_count=1)
        money = not pd.isna(est_c)
        if lang == "en":
            text = (f"Earlier hotspots ({len(s)}): estimated at "
                    + (f"{i18n.money(est_c, lang, currency=currency)} a month, " if money else "")
                    + f"{i18n.number(est, lang)} staff hours a month; realised: "
                    + (f"{i18n.money(real_c, lang, currency=currency)} and " if money else "")
                    + f"{i18n.number(real_h, lang)} staff hours a month.")
        else:
            text = (f"Eerdere knelpunten ({len(s)}): geschat op "
                    + (f"{i18n.money(est_c, lang, currency=currency)} per maand, " if money else "")
                    + f"{i18n.number(est, lang)} werkuren per maand; gerealiseerd: "
                    + (f"{i18n.money(real_c, lang, currency=currency)} en " if money else "")
                    + f"{i18n.number(real_h, lang)} werkuren per maand.")
        out.append(text)
    return out


def savings_table(savings: pd.DataFrame, *, lang: str = "en", currency: str = "EUR") -> pd.DataFrame:
    """Estimated against realised saving per earlier hotspot, in words."""
    i18n.check_lang(lang, "savings_table")
    cols = {"en": ("hotspot", "estimated saving", "realised saving", "realised"),
            "nl": ("knelpunt", "geschatte besparing", "werkelijke besparing", "gerealiseerd")}[lang]
    rows = []
    for _, r in savings.iterrows():             # one row per hotspot
        waste = r["waste"] if lang == "en" else WASTES_NL.get(r["waste"], r["waste"])
        rows.append({cols[0]: f"{waste}: {r['where']}",
                     cols[1]: value_text(r["estimated_hours"], "h/month", lang) + (
                         "" if pd.isna(r["estimated_cost"]) else
                         " · " + value_text(r["estimated_cost"], "EUR/month", lang, currency=currency)),
                     cols[2]: value_text(r["realised_hours"], "h/month", lang) + (
                         "" if pd.isna(r["realised_cost"]) else
                         " · " + value_text(r["realised_cost"], "EUR/month", lang, currency=currency)),
                     cols[3]: i18n.percent(r["realised_share"], lang)})
    return pd.DataFrame(rows, columns=list(cols))


#: The client report's "After the go-live" section (see `shadowing.report.change`).
REPORT = {
    "h_after": {"en": "After the go-live", "nl": "Na de livegang"},
    "absent_after": {
        "en": "No data from after the change was supplied; an event log (eventlog_after.csv) or "
              "follow-up shadowing notes (observations_after.csv) from after the go-live would "
              "show here whether the work, the waits and the off-system work really changed.",
        "nl": "Er zijn geen gegevens van na de verandering aangeleverd; een eventlog "
              "(eventlog_after.csv) of opvolgingsshadowing (observations_after.csv) van na de "
              "livegang laat hier zien of het werk, de wachttijden en het werk buiten het systeem "
              "echt veranderd zijn."},
    "after_intro": {
        "en": "Before: {before}. After: {after}. Each change carries a {level} interval "
              "(bootstrap over cases and observed person-days); a change counts as real only "
              "when its interval does not hold zero.",
        "nl": "Voor: {before}. Na: {after}. Elke verandering heeft een {level}-interval "
              "(bootstrap over zaken en waargenomen persoon-dagen); een verandering telt pas als "
              "echt wanneer haar interval nul niet bevat."},
    "cases_from_to": {"en": "{n} cases, {start} to {end}", "nl": "{n} zaken, {start} tot {end}"},
    "h_after_adoption": {"en": "Use per team and go-live wave",
                         "nl": "Gebruik per team en livegangsgolf"},
    "h_after_measures": {"en": "Before and after, measured", "nl": "Voor en na, gemeten"},
    "h_after_groups": {"en": "Per {group}", "nl": "Per {group}"},
    "h_after_savings": {"en": "Estimated against realised savings",
                        "nl": "Geschatte tegenover gerealiseerde besparing"},
    "h_after_remaining": {"en": "Off-system work that remains", "nl": "Werk buiten het systeem dat blijft"},
    "col_wave": {"en": "go-live", "nl": "livegang"},
    "col_groups": {"en": "teams", "nl": "teams"},
    "col_week": {"en": "week", "nl": "week"},
    "col_active": {"en": "active", "nl": "actief"},
    "col_retention": {"en": "of starters still active", "nl": "van de starters nog actief"},
    "col_first_use": {"en": "days to first use (median)", "nl": "dagen tot eerste gebruik (mediaan)"},
    "col_never": {"en": "never used", "nl": "nooit gebruikt"},
    "col_group": {"en": "group", "nl": "groep"},
    "col_daily": {"en": "daily", "nl": "dagelijks"},
    "col_weekly": {"en": "weekly", "nl": "wekelijks"},
    "col_monthly": {"en": "monthly", "nl": "maandelijks"},
    "col_occasional": {"en": "occasional", "nl": "af en toe"},
    "col_stickiness": {"en": "stickiness (DAU/MAU)", "nl": "kleefkracht (DAU/MAU)"},
    "col_activity": {"en": "activity", "nl": "activiteit"},
    "col_off_hours": {"en": "off-system hours observed", "nl": "waargenomen uren buiten het systeem"},
    "col_off_share": {"en": "share off-system", "nl": "aandeel buiten het systeem"},
    "freq_intro": {
        "en": "Frequency of use in the four weeks up to {date}: daily users worked in the system on "
              "at least three in four working days, weekly users every week, monthly users at "
              "least once; occasional users not in these four weeks but in the three months "
              "before. Weeks in which (nearly) nobody worked are left out.",
        "nl": "Gebruiksfrequentie in de vier weken tot {date}: dagelijkse gebruikers werkten op "
              "minstens drie van de vier werkdagen in het systeem, wekelijkse elke week, "
              "maandelijkse minstens één keer; wie af en toe gebruikt, deed dat niet in deze vier "
              "weken maar wel in de drie maanden ervoor. Weken waarin (bijna) niemand werkte, "
              "tellen niet mee."},
    "wave_intro": {
        "en": "Per go-live wave, {weeks} weeks after its go-live (holiday weeks shown apart "
              "and never counted as relapse).",
        "nl": "Per livegangsgolf, {weeks} weken na de eigen livegang (vakantieweken apart en nooit "
              "als terugval geteld)."},
    "remaining_intro": {
        "en": "In the follow-up shadowing, {share} of the observed time is still spent outside "
              "{system}; most of it here:",
        "nl": "In de opvolgingsshadowing gaat nog {share} van de waargenomen tijd buiten {system} "
              "om; vooral hier:"},
    "sum_after": {"en": "After the go-live: {text}", "nl": "Na de livegang: {text}"},
    "licences": {"en": "Licences: {active} of {licences} paid licences of {system} were used in "
                       "the four weeks up to {date} ({share}).",
                 "nl": "Licenties: {active} van de {licences} betaalde licenties van {system} "
                       "werden gebruikt in de vier weken tot {date} ({share})."},
}


def report_text(key: str, lang: str, **values) -> str:
    """One text of the "After the go-live" section in ``lang``, filled with ``values``."""
    return REPORT[key][lang].format(**values)
