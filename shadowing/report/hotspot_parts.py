"""The hotspot parts of the client report: the summary's top three, the two rankings, the
frustrations' evidence and where to start.

One rule everywhere: the team's time is ranked by the hotspot table's own order (cost per month,
or staff hours without a rate; `shadowing.analysis.hotspots.ranking`), the cases' waiting by
case-days. The summary's top three, the first table and its Pareto chart are the same rows in
the same order, each with its range ("€5,570 – €12,320 (best estimate €8,820)"); "where to
start" is the first of them that is proven (`shadowing.analysis.hotspots.STRENGTHS`): a row
whose range reaches zero or that rests on too few observations is marked "not yet proven" and
never chosen. The period and the extrapolation rule are stated once.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.hotspots import STRENGTHS, designed_frame, ranking
from ..draw.hotspots import hotspot_map, plot_hotspots
from ..wording import hotspots as words
from ..wording.report import T, t, waste_label
from .facts import _call_plot
from .fit import fit_map
from .html import esc, fig_to_svg, figure, map_to_svg, paragraph, table, ul

#: How many hotspots the summary, the tables and the map show.
TOP_SUMMARY = 3
TOP_TABLE = 10
TOP_MAP = 5


def _days(rep, row, hs) -> str:
    hpd = float(hs.attrs.get("hours_per_case_day") or 24.0)
    return rep.num(float(row.wait_hours_per_month) / hpd, 1)


def _ends(row, col: str):
    low, high = getattr(row, col + "_low", None), getattr(row, col + "_high", None)
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return None
    return float(low), float(high)


def _amount(rep, row) -> str:
    """Cost (or staff hours) per month with its range: ``€6,456 – €11,366 (best estimate
    €8,820)``, and ``not yet proven`` where the data do not prove the row."""
    if pd.notna(row.cost_per_month):
        ends, fmt, point = _ends(row, "cost_per_month"), rep.money, row.cost_per_month
    else:
        ends = _ends(row, "staff_hours_per_month")
        fmt, point = (lambda x: words.hours(float(x), rep.lang)), row.staff_hours_per_month
    text = words.amount_range(fmt(point), *(map(fmt, ends) if ends else (None, None)),
                              rep.lang)
    weak = words.strength_label(getattr(row, "strength", ""), rep.lang)
    return f"{text}, {weak}" if weak else text


def _range_cell(rep, row, col: str, fmt) -> str:
    ends = _ends(row, col)
    return f"{fmt(ends[0])} – {fmt(ends[1])}" if ends else "–"


def summary_parts(rep, hs: pd.DataFrame) -> tuple[list[str], list[tuple[str, str]]]:
    """Paragraphs and key figures: the top three of the team's time, and the largest wait."""
    lang = rep.lang
    body, figures = [], []
    team = ranking(hs, "staff").head(TOP_SUMMARY)
    if len(team):
        hours = rep.num(float(team["staff_hours_per_month"].sum()))
        if team["cost_per_month"].notna().all():
            cost = float(team["cost_per_month"].sum())
            figures.append((rep.money(cost), t("kf_cost", lang, n=len(team))))
            body.append(paragraph(esc(words.report_text("sum_top", lang, n=len(team),
                                                        cost=rep.money(cost), hours=hours,
                                                        rate=rep.money(rep.rate)))))
        else:
            body.append(paragraph(esc(words.report_text("sum_top_hours", lang, n=len(team),
                                                        hours=hours))))
        body.append(ul(words.report_text("sum_item", lang, where=esc(r.where),
                                         waste=esc(waste_label(r.waste, lang)),
                                         amount=esc(_amount(rep, r)))
                       for r in team.itertuples()))
    wait = ranking(hs, "wait")
    wait = wait.loc[wait["source"] == "log"]
    if len(wait):
        r = next(wait.itertuples())
        body.append(paragraph(esc(words.report_text("sum_wait", lang, where=r.where,
                                                    days=_days(rep, r, hs)))))
    return body, figures


def time_parts(rep, hs: pd.DataFrame) -> list[str]:
    """The two rankings with their Pareto charts, the map, the stated rules, designed waits."""
    lang = rep.lang
    intro = (words.report_text("time_intro", lang, rate=rep.money(rep.rate)) if rep.rate is not None
             else words.report_text("time_intro_hours", lang))
    body = [paragraph(esc(intro))]
    rules = " ".join(x for x in (hs.attrs.get("extrapolation"), hs.attrs.get("ranking"),
                                 hs.attrs.get("overlap_sentence")) if x)
    if rules:
        body.append(paragraph(esc(rules), "note"))
    expl = "explanation_nl" if lang == "nl" else "explanation"
    head = lambda k: words.report_text(k, lang)  # noqa: E731

    team = ranking(hs, "staff")
    if len(team):
        body.append(f"<h3>{esc(head('h_team'))}</h3>")
        rows = [[str(int(r.rank)), esc(waste_label(r.waste, lang)),
                 esc(r.where) + (f" <i>({esc(words.strength_label(r.strength, lang))})</i>"
                                 if words.strength_label(getattr(r, "strength", ""), lang)
                                 else ""),
                 rep.num(r.staff_hours_per_month, 1) + (
                     f" ({_range_cell(rep, r, 'staff_hours_per_month', lambda x: rep.num(x, 1))})"
                     if _ends(r, "staff_hours_per_month") else ""),
                 _range_cell(rep, r, "cost_per_month", rep.money)
                 if pd.notna(r.cost_per_month) and _ends(r, "cost_per_month")
                 else (rep.money(r.cost_per_month) if pd.notna(r.cost_per_month) else "–"),
                 rep.pct(r.share_of_cases) if pd.notna(r.share_of_cases) else "–",
                 rep.num(r.frustration_votes), esc(getattr(r, expl))]
                for r in team.head(TOP_TABLE).itertuples()]
        body.append(table(rows, [T["col_rank"][lang], T["col_waste"][lang], T["col_where"][lang],
                                 head("col_staff"), head("col_cost"), head("col_share"),
                                 head("col_votes"), T["col_why_hotspot"][lang]],
                          numeric={0, 3, 4, 5, 6}))
        ax = _call_plot(plot_hotspots, hs, what="staff", lang=lang, top=TOP_TABLE)
        body.append(figure(fig_to_svg(ax.figure), esc(head("pareto_team"))))
    wait = ranking(hs, "wait")
    if len(wait):
        body.append(f"<h3>{esc(head('h_wait'))}</h3>")
        rows = [[str(i + 1), esc(r.where), _days(rep, r, hs),
                 rep.pct(r.share_of_cases) if pd.notna(r.share_of_cases) else "–",
                 esc(getattr(r, expl))]
                for i, r in enumerate(wait.head(TOP_TABLE).itertuples())]
        body.append(table(rows, [T["col_rank"][lang], T["col_where"][lang], head("col_days"),
                                 head("col_share"), T["col_why_hotspot"][lang]],
                          numeric={0, 2, 3}))
        ax = _call_plot(plot_hotspots, hs, what="wait", lang=lang, top=TOP_TABLE)
        body.append(figure(fig_to_svg(ax.figure), esc(head("pareto_wait"))))
    designed = designed_frame(hs)
    if len(designed):
        body.append(paragraph(esc(head("designed"))))
        body.append(ul(esc(x) for x in designed[expl].head(5)))
    if rep.log is not None:
        # simplified until its smallest label prints at 6 pt on A4; the hotspots always stay
        _, svg, size, _ = fit_map(lambda a, p: hotspot_map(rep.log, hs, top=TOP_MAP, lang=lang,
                                                        activities=a, paths=p),
                               render=map_to_svg)
        top = hs.sort_values("rank", kind="stable").head(TOP_MAP)
        items = "; ".join(f"#{int(r.rank)} {waste_label(r.waste, lang)}: {r.where}"
                          for r in top.itertuples())
        body.append(figure(svg, esc(words.report_text("map", lang, n=len(top), items=items)),
                           landscape=size.landscape()))
    return body


def frustration_says(rep, hs: pd.DataFrame | None, fid: str) -> str | None:
    """What the data says about one frustration: its strongest linked hotspot, or None."""
    if hs is None or not len(hs):
        return None
    links = {d["frustration_id"]: d for d in hs.attrs.get("frustration_links") or []}
    link = links.get(str(fid))
    if not link or not link["linked"]:
        return None
    lang = rep.lang
    for waste, where, *_ in link["hotspots"]:
        hit = hs.loc[(hs["waste"] == waste) & (hs["where"] == where)]
        if not len(hit):
            continue
        r = next(hit.itertuples())
        name = waste_label(r.waste, lang)
        if r.wait_hours_per_month > 0 and not r.staff_hours_per_month > 0:
            return words.report_text("says_wait", lang, waste=name, where=r.where,
                                     days=_days(rep, r, hs))
        if pd.notna(r.cost_per_month):
            return words.report_text("says_staff", lang, waste=name, where=r.where,
                                     hours=rep.num(r.staff_hours_per_month, 1),
                                     cost=rep.money(r.cost_per_month))
        return words.report_text("says_hours", lang, waste=name, where=r.where,
                                 hours=rep.num(r.staff_hours_per_month, 1))
    return None


def proven(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows whose ``strength`` is ``proven`` (all rows of a table without that column)."""
    if "strength" not in rows.columns:
        return rows
    return rows.loc[rows["strength"] == STRENGTHS[0]]


def start_parts(rep, hs: pd.DataFrame):
    """``(first row, its sentence)`` for "where to start": the first *proven* row of the team's
    ranking, or the largest proven wait when the data shows no proven staff time lost; None
    when there is nothing proven. A "not yet proven" hotspot (its range reaches zero, or it
    rests on too few observations) is never where to start."""
    lang = rep.lang
    team = proven(ranking(hs, "staff"))
    if len(team):
        first = team.iloc[0]
        r0 = next(team.head(1).itertuples())
        hours = rep.num(first["staff_hours_per_month"])
        if pd.notna(first["cost_per_month"]):
            text = words.report_text("start_one", lang, where=esc(first["where"]),
                                     waste=esc(waste_label(first["waste"], lang)),
                                     cost=esc(_amount(rep, r0)), hours=hours)
        else:
            text = words.report_text("start_one_hours", lang, where=esc(first["where"]),
                                     waste=esc(waste_label(first["waste"], lang)),
                                     hours=esc(_amount(rep, r0)))
        rest = team.iloc[1:3]
        nxt = [f"{r.where} ({waste_label(r.waste, lang)}, {_amount(rep, r)})"
               for r in rest.itertuples()]
        return first, text, nxt
    wait = proven(ranking(hs, "wait"))
    if len(wait):
        first = wait.iloc[0]
        r = next(wait.head(1).itertuples())
        text = words.report_text("start_wait", lang, where=esc(first["where"]),
                                 waste=esc(waste_label(first["waste"], lang)),
                                 days=_days(rep, r, hs))
        return first, text, []
    return None
