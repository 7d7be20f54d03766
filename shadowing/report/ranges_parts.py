"""The report's appendix on ranges: how they were made and what would narrow them."""

from __future__ import annotations

import pandas as pd

from ..analysis.plan import observation_plan
from ..wording import ranges as words
from .html import esc, paragraph, ul

#: The planner's target half-width in the report (±5 points).
PLAN_TARGET = 0.05


def appendix_parts(rep) -> list[str] | None:
    """Paragraphs of "How sure are these numbers?", or None when nothing was scaled up."""
    lang = rep.lang
    hs = rep.data_hotspots
    body = []
    interval = (hs.attrs.get("interval") or {}) if hs is not None else {}
    obs_iv = interval.get("observations")
    if rep.observations is not None:
        od = obs_iv or {"resamples": 2000, "level": 0.9}
        days = _days(rep)
        body.append(paragraph(esc(words.appendix_text(
            "ranges_obs", lang, days=days, level=rep.pct(od["level"]),
            resamples=rep.num(od["resamples"])))))
    log_iv = interval.get("log")
    if log_iv and log_iv.get("buckets"):
        unit = log_iv.get("unit", "month")
        u = words.UNITS[unit]
        body.append(paragraph(esc(words.appendix_text(
            "ranges_log", lang, unit=u[0], unit_nl=u[1], units=u[2], units_nl=u[3],
            n=log_iv["buckets"], level=rep.pct(log_iv["level"])))))
    if not body:
        return None
    if hs is not None and "strength" in hs.columns:
        body.append(paragraph(esc(words.appendix_text(
            "ranges_weak", lang, days=interval.get("min_proof_days", 3),
            occ=interval.get("min_proof_occurrences", 5)))))
    if rep.observations is not None:
        official = rep.params.get("official_systems") or None
        plan = observation_plan(rep.observations, target=PLAN_TARGET, official=official)
        col = "advice_nl" if lang == "nl" else "advice"
        useful = plan[plan["more_person_days"].fillna(0) > 0]
        if not len(useful):
            useful = plan[plan["role"] == "all"]
        body.append(paragraph(esc(words.appendix_text("ranges_narrow", lang))))
        body.append(ul(esc(x) for x in useful[col].head(6)))
    return body


def _days(rep) -> int:
    f = getattr(rep.observations, "frame", None)
    if f is None or "person" not in f:
        return 0
    return int(pd.DataFrame({"p": f["person"].astype(str),
                             "d": pd.to_datetime(f["start"]).dt.date}).drop_duplicates().shape[0])
