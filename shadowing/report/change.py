"""The client report's "After the go-live" section: adoption per team and wave, the before/after
measures with their intervals, estimated against realised savings, and the off-system work that
remains.

The data after the change are an event log and/or follow-up shadowing notes whose file names
end in ``_after`` (``eventlog_after.csv``, ``observations_after.csv``; see
`shadowing.inspect_folder`). `Report` keeps them in ``log_after`` and ``observations_after``;
the functions here take the `Report` and return facts or a `Block`.
"""

from __future__ import annotations

import logging

import pandas as pd

from .. import i18n
from ..analysis.periods import compare_periods
from ..analysis.timeuse import off_system
from ..analysis.usage_metrics import licence_use, retention, usage_frequency
from ..draw.periods import plot_period_comparison
from ..errors import ShadowingError
from ..io.eventlog import read_event_log
from ..io.observations import read_observations
from ..model import columns as C
from ..wording.periods import measures_table, period_summary, report_text as rt, savings_table
from .html import Block, esc, fig_to_svg, figure, map_to_svg, paragraph, section, table

log = logging.getLogger(__name__)

#: Bootstrap settings of the report (fixed seed: the same report on every run).
SEED = 0
N_BOOT = 1000
#: Hotspots shown in the savings table; wait transitions measured.
TOP_SAVINGS = 8
TOP_TRANSITIONS = 8
#: The delta map leaves out arrows seen in fewer than this share of the cases.
MAP_MIN_SHARE = 0.05


def load_after(files: dict, params: dict) -> tuple:
    """Read the after-change log and observations a folder holds (None where absent)."""
    log_after = obs_after = None
    if "eventlog_after" in files:
        log_after = read_event_log(files["eventlog_after"], errors="drop",
                                   **dict(params.get("eventlog_options") or {}))
    if "observations_after" in files:
        obs_after = read_observations(files["observations_after"], errors="drop")
    return log_after, obs_after


def frame_of(obj) -> pd.DataFrame | None:
    return None if obj is None else getattr(obj, "frame", obj)


def has_after(report) -> bool:
    return report.log_after is not None or report.observations_after is not None


def comparison(report):
    """`compare_periods` on the report's data before and after (None when it cannot run)."""
    if not has_after(report):
        return None
    before, after = report.log, report.log_after
    if before is None or after is None:
        return None
    official = report.params.get("official_systems") or None
    try:
        return compare_periods(before, after, observations_before=report.observations,
                               observations_after=report.observations_after,
                               hotspots_before=report.data_hotspots, official_systems=official,
                               hourly_rate=report.rate, team_size=report.params.get("team_size"),
                               transitions=TOP_TRANSITIONS, n_boot=N_BOOT, seed=SEED)
    except ShadowingError as exc:
        log.warning("after the go-live: no comparison (%s)", exc)
        return None


def group_comparisons(report) -> list[tuple[str, object]]:
    """One comparison per value of the scenario's ``group_by`` column (firm, team) when both
    logs have it: throughput, rework and main path only."""
    by = report.params.get("group_by")
    fb, fa = frame_of(report.log), frame_of(report.log_after)
    if not by or fb is None or fa is None or by not in fb or by not in fa:
        return []
    out = []
    for value in sorted(set(fb[by].dropna().astype(str)) & set(fa[by].dropna().astype(str))):
        try:                                                    # a handful of groups
            out.append((value, compare_periods(fb[fb[by].astype(str) == value],
                                               fa[fa[by].astype(str) == value],
                                               transitions=0, n_boot=N_BOOT, seed=SEED)))
        except ShadowingError as exc:
            log.warning("after the go-live: no comparison for %s (%s)", value, exc)
    return out


def _periods_text(report, pc) -> tuple[str, str]:
    lang = report.lang

    def one(p):
        return rt("cases_from_to", lang, n=report.num(p["cases"]), start=report.date(p["first"]),
                  end=report.date(p["last"]))

    return one(pc.periods["before"]), one(pc.periods["after"])


def _adoption_blocks(report) -> list[str]:
    lang = report.lang
    if report.usage is None or report.roster is None:
        return []
    by = report.params.get("group_by") or "team"
    if by not in report.roster:
        by = "team"
    system = report.params.get("system")
    if system and ("system" not in report.usage or not report.usage["system"].notna().any()):
        system = None
    try:
        ret = retention(report.usage, report.roster, group=by,
                        go_live=report.params.get("go_live"), system=system)
        freq = usage_frequency(report.usage, report.roster, by=by,
                               go_live=report.params.get("go_live"), system=system)
    except ShadowingError as exc:
        log.warning("after the go-live: no adoption measures (%s)", exc)
        return []
    body = [f"<h3>{esc(rt('h_after_adoption', lang))}</h3>"]
    last_day = pd.Timestamp(freq.attrs["window"][1])
    done = ret[(ret["week_end"] <= last_day) & ~ret["holiday"]]
    last = done.sort_values("week").groupby("wave", sort=True).tail(1)
    first = ret.attrs["first_use"].set_index("wave")
    weeks = int(last["week"].min()) if len(last) else 0
    body.append(paragraph(esc(rt("wave_intro", lang, weeks=weeks))))
    rows = [[esc(report.date(r.go_live)), esc(r.groups), report.num(r.week),
             report.pct(r.share), report.pct(r.retention),
             report.num(first.loc[r.wave, "median_days_to_first_use"]),
             report.num(first.loc[r.wave, "never"])] for r in last.itertuples()]
    body.append(table(rows, [esc(rt(k, lang)) for k in ("col_wave", "col_groups", "col_week",
                                                          "col_active", "col_retention",
                                                          "col_first_use", "col_never")],
                      numeric={2, 3, 4, 5, 6}))
    body.append(paragraph(esc(rt("freq_intro", lang, date=report.date(last_day)))))
    rows = [[esc(str(r.team) if not r.total else ("All" if lang == "en" else "Totaal")),
             report.pct(r.daily_share), report.pct(r.weekly_share), report.pct(r.monthly_share),
             report.pct(r.occasional_share), report.pct(r.stickiness)]
            for r in freq.itertuples()]
    body.append(table(rows, [esc(rt(k, lang)) for k in ("col_group", "col_daily", "col_weekly",
                                                         "col_monthly", "col_occasional",
                                                         "col_stickiness")],
                      numeric={1, 2, 3, 4, 5}))
    licences = report.params.get("licences")
    if licences:
        try:
            lu = licence_use(report.usage, licences=licences, roster=report.roster, at=last_day)
        except ShadowingError as exc:
            log.warning("after the go-live: no licence use (%s)", exc)
        else:
            for r in lu.itertuples():                       # one line per system
                name = (system or "-") if r.system == "all" else r.system
                body.append(paragraph(esc(rt("licences", lang, active=report.num(r.active_users),
                                             licences=report.num(r.licences), system=name,
                                             date=report.date(last_day),
                                             share=report.pct(r.used_share)))))
    return body


def _measure_blocks(report, pc) -> list[str]:
    lang = report.lang
    currency = report.params.get("currency") or "EUR"
    m = pc.measures[pc.measures["basis"] != "hotspots"]
    body = [f"<h3>{esc(rt('h_after_measures', lang))}</h3>"]
    body.append(paragraph(esc(" ".join(period_summary(pc, lang=lang, currency=currency)))))
    ax = plot_period_comparison(m, lang=lang)
    body.append(figure(fig_to_svg(ax.figure)))
    words = measures_table(m, lang=lang, level=pc.level, currency=currency)
    body.append(table([[esc(str(v)) for v in row] for row in words.itertuples(index=False)],
                      [esc(c) for c in words.columns], numeric={1, 2, 3}))
    cases = max(pc.periods["before"]["cases"], 1)
    dmap = pc.delta_map(lang=lang, min_count=max(1, int(MAP_MIN_SHARE * cases)))
    body.append(figure(map_to_svg(dmap)))
    return body


def _group_blocks(report, groups) -> list[str]:
    if not groups:
        return []
    lang = report.lang
    by = str(report.params.get("group_by"))
    body = [f"<h3>{esc(rt('h_after_groups', lang, group=by))}</h3>"]
    rows = []
    for name, pc in groups:
        words = measures_table(pc.measures, lang=lang, level=pc.level)
        for row in words.head(3).itertuples(index=False):        # throughput, p90, rework
            rows.append([esc(name)] + [esc(str(v)) for v in row])
    header = [esc(by)] + [esc(c) for c in measures_table(groups[0][1].measures, lang=lang,
                                                         level=groups[0][1].level).columns]
    body.append(table(rows, header, numeric={2, 3, 4}))
    return body


def _savings_blocks(report, pc) -> list[str]:
    s = pc.savings
    if s is None or not len(s):
        return []
    lang = report.lang
    top = s.sort_values("estimated_cost", ascending=False, kind="stable").head(TOP_SAVINGS)
    words = savings_table(top, lang=lang, currency=report.params.get("currency") or "EUR")
    return [f"<h3>{esc(rt('h_after_savings', lang))}</h3>",
            table([[esc(str(v)) for v in row] for row in words.itertuples(index=False)],
                  [esc(c) for c in words.columns], numeric={1, 2, 3})]


def _remaining_blocks(report) -> list[str]:
    official = report.params.get("official_systems") or []
    if report.observations_after is None or not official:
        return []
    lang = report.lang
    table_ = off_system(report.observations_after, official=list(official))
    overall = table_[table_["level"] == "overall"]["share"].iloc[0]
    acts = table_[(table_["level"] == "activity") & (table_["off_system_hours"] > 0)].head(5)
    system = report.params.get("system") or ", ".join(map(str, official))
    rows = [[esc(str(r.group)), report.num(r.off_system_hours, 1), report.pct(r.share)]
            for r in acts.itertuples()]
    return [f"<h3>{esc(rt('h_after_remaining', lang))}</h3>",
            paragraph(esc(rt("remaining_intro", lang, share=report.pct(overall), system=system))),
            table(rows, [esc(rt(k, lang)) for k in ("col_activity", "col_off_hours", "col_off_share")],
                  numeric={1, 2})]


def after_section(report) -> Block:
    """The "After the go-live" section (absent, with one line, without after-data)."""
    lang = report.lang
    title = rt("h_after", lang)
    if not has_after(report):
        return section(title, paragraph(esc(rt("absent_after", lang)), "absent"), present=False,
                       key="after")
    pc = report.period_comparison
    body = []
    if pc is not None:
        before, after = _periods_text(report, pc)
        body.append(paragraph(esc(rt("after_intro", lang, before=before, after=after,
                                     level=i18n.percent(pc.level, lang)))))
    body += _adoption_blocks(report)
    if pc is not None:
        body += _measure_blocks(report, pc)
        body += _group_blocks(report, report.group_comparisons)
        body += _savings_blocks(report, pc)
    body += _remaining_blocks(report)
    return section(title, "".join(body), key="after")


def summary_sentence(report) -> str | None:
    """One sentence for the director's summary when after-data exists."""
    pc = report.period_comparison if has_after(report) else None
    if pc is None:
        return None
    sentences = period_summary(pc, lang=report.lang,
                               currency=report.params.get("currency") or "EUR")
    text = " ".join(sentences[:1] + (sentences[-1:] if len(pc.savings) else []))
    return rt("sum_after", report.lang, text=text)


def after_people(report) -> list[pd.Series]:
    """Columns of the after-data that name people (for pseudonyms)."""
    out = []
    for obj, cols in ((report.log_after, (C.RESOURCE,)), (report.observations_after, ("person",))):
        f = frame_of(obj)
        if f is not None:
            out += [f[c] for c in cols if c in f]
    return out


def after_observers(report) -> list[pd.Series]:
    f = frame_of(report.observations_after)
    return [f["observer"]] if f is not None and "observer" in f else []
