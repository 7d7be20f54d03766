"""Adoption in words, English and Dutch: one sentence per group from `adoption`'s result."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from .. import i18n
from ..errors import ColumnNotFoundError, ParameterError, check_number

TEXT = {
    "en": {"total": "Overall", "system": "the system", "people": ("person", "people"),
           "target": "target", "go_live": "go-live", "off": "work off the system (observed)",
           "ylabel": "active in the last {w}", "xweeks": "weeks since go-live",
           "title": "Adoption of {s}", "holiday": "collective holiday (nobody worked)"},
    "nl": {"total": "Totaal", "system": "het systeem", "people": ("persoon", "mensen"),
           "target": "doel", "go_live": "livegang", "off": "werk buiten het systeem (waargenomen)",
           "ylabel": "actief in de afgelopen {w}", "xweeks": "weken sinds de livegang",
           "title": "Gebruik van {s}", "holiday": "collectief verlof (niemand werkte)"},
}


def window_text(win: pd.Timedelta, lang: str) -> str:
    days = win / pd.Timedelta(days=1)
    if days == int(days) and days >= 1:
        d = int(days)
        unit = {"en": ("day", "days"), "nl": ("dag", "dagen")}[lang][d != 1]
        return f"{i18n.number(d, lang)} {unit}" if d != 1 else {"en": "day", "nl": "dag"}[lang]
    return i18n.duration(win, lang, short=False)


def system_text(system: str | None, lang: str) -> str:
    if system is None:
        return TEXT[lang]["system"]
    s = str(system).strip()
    if s and " " not in s and s.isupper():   # an acronym: the CRM, het ERP
        return f"{'the' if lang == 'en' else 'het'} {s}"
    return s


def group_label(row, lang: str) -> str:
    return TEXT[lang]["total"] if bool(row.get("total", False)) else str(row["team"])


def adoption_summary(adoption_frame: pd.DataFrame, *, lang: Literal["en", "nl"] = "en",
                     system: str | None = None, at_weeks: int | None = None,
                     window=None) -> pd.Series:
    """One sentence per group, in English or Dutch, from `adoption`'s result.

    Parameters
    ----------
    adoption_frame : DataFrame
        The result of `adoption`.
    lang : {"en", "nl"}
    system : str, optional
        How to name the system: ``"the CRM"`` / ``"het CRM"``. A bare acronym (``"CRM"``) gets
        the article (``the CRM``, ``het CRM``); other text is used as given. Default "the
        system" / "het systeem".
    at_weeks : int, optional
        Describe the period this many weeks after go-live (the last period at or before it);
        default the last period.
    window : str, optional
        The activity window, when ``adoption_frame.attrs`` no longer holds it (default "7D").

    Returns
    -------
    Series of str
        Indexed by group (the total last), for example ``"Sales: 8 weeks after go-live, 7 of 35
        people (20%) used the CRM in the last 7 days."`` or ``"Verkoop: 8 weken na de livegang
        gebruikten 7 van de 35 mensen (20%) het CRM in de afgelopen 7 dagen."``
    """
    func = "adoption_summary"
    i18n.check_lang(lang, func)
    missing = [c for c in ("team", "period", "active", "roster", "share", "weeks_since_go_live")
               if c not in adoption_frame.columns]
    if missing:
        raise ColumnNotFoundError(f"{func}: expected the result of shadowing.analysis.adoption; column "
                                  f"'{missing[0]}' is missing.", source="DataFrame")
    at_weeks = check_number("at_weeks", at_weeks, func=func, integer=True, none=True,
                            what="a whole number of weeks")
    win = pd.Timedelta(window if window is not None
                       else adoption_frame.attrs.get("window", "7D"))
    t = TEXT[lang]
    sys_text = system_text(system, lang)
    win_text = window_text(win, lang)
    frame = adoption_frame.sort_values("period", kind="stable")
    if "holiday" in frame.columns and not frame["holiday"].all():
        frame = frame[~frame["holiday"].astype(bool)]    # a holiday is not the state of adoption
    sentences: dict[str, str] = {}
    for team, rows in frame.groupby("team", sort=False):  # one per group: a handful
        if at_weeks is not None:
            w = rows["weeks_since_go_live"]
            rows = rows[w.notna() & (w <= at_weeks)]
            if rows.empty:
                continue
        row = rows.iloc[-1]
        sentences[str(team)] = _sentence(row, lang, t, sys_text, win_text)
    if not sentences:
        last = frame["weeks_since_go_live"].max()
        raise ParameterError(f"The 'at_weeks' parameter of {func} is before every period: "
                             f"{at_weeks} weeks; the data run to {last} weeks after go-live.")
    order = [k for k in frame.loc[~frame.get("total", pd.Series(False, index=frame.index))
                                  .astype(bool), "team"].astype(str).unique() if k in sentences]
    order += [k for k in sentences if k not in order]
    return pd.Series([sentences[k] for k in order], index=pd.Index(order, name="team"),
                     name="summary", dtype=object)


def _sentence(row, lang: str, t: dict, sys_text: str, win_text: str) -> str:
    weeks = row["weeks_since_go_live"]
    active, roster = int(row["active"]), int(row["roster"])
    pct = i18n.percent(row["share"], lang) if roster else "–"
    a, r = i18n.number(active, lang), i18n.number(roster, lang)
    people = t["people"][roster != 1]
    go = row.get("go_live", pd.NaT)
    if pd.isna(weeks) or pd.isna(go):
        when = {"en": f"On {i18n.date(row['period'], 'en')}",
                "nl": f"Op {i18n.date(row['period'], 'nl')}"}[lang]
    else:
        # where the end of the period lies relative to the go-live
        days = (pd.Timestamp(row["period"]) + pd.Timedelta(days=1) - pd.Timestamp(go)).days
        w = int(weeks)
        if days > 0 and w == 0:
            when = {"en": "In the first week after go-live",
                    "nl": "In de eerste week na de livegang"}[lang]
        elif w > 0:
            unit = {"en": ("week", "weeks"), "nl": ("week", "weken")}[lang][w != 1]
            when = {"en": f"{i18n.number(w, 'en')} {unit} after go-live",
                    "nl": f"{i18n.number(w, 'nl')} {unit} na de livegang"}[lang]
        else:
            k = (-days) // 7
            unit = {"en": ("week", "weeks"), "nl": ("week", "weken")}[lang][k != 1]
            when = ({"en": "Just before go-live", "nl": "Vlak vóór de livegang"}[lang] if k == 0
                    else {"en": f"{i18n.number(k, 'en')} {unit} before go-live",
                          "nl": f"{i18n.number(k, 'nl')} {unit} vóór de livegang"}[lang])
    label = group_label(row, lang)
    if lang == "en":
        text = (f"{when}, {a} of {r} {people} ({pct}) used {sys_text} in the last {win_text}.")
    else:
        verb = "gebruikte" if active == 1 else "gebruikten"
        text = (f"{when} {verb} {a} van de {r} {people} ({pct}) {sys_text} in de afgelopen "
                f"{win_text}.")
    return f"{label}: {text}"


# -- plot -------------------------------------------------------------------------------------
