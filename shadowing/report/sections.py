"""The client report's sections, in Dutch or English, built from the kit's analyses.

The report notebook only calls this module: `Report.load` reads a data folder once
(``scenario.yaml`` plus whichever input files exist), pseudonymises people, and each method
returns one section as a `Block` (HTML that Jupyter shows inline and nbconvert exports as it
is). A section whose data is absent returns its heading and one line saying what data would
fill it. Texts exist in English and Dutch; numbers, money and dates go through `shadowing.i18n`.

>>> from shadowing.report.sections import Report            # doctest: +SKIP
>>> report = Report.load("data/samples/wholesale", lang="en")  # doctest: +SKIP
>>> report.summary()                                        # doctest: +SKIP
"""

from __future__ import annotations

import functools
import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .. import i18n
from ..analysis.adoption import adoption
from ..analysis.compare.comparison import compare
from ..analysis.hotspots import hotspots
from ..analysis.quality import quality as quality_findings
from ..analysis.timeuse import frustration_notes, off_system, time_use
from ..analysis.performance import handovers, throughput_times
from ..analysis.variants import variants as variant_table
from ..datasets.samples import sample_path
from ..draw.adoption import plot_adoption
from ..draw.observations import plot_time_use
from ..draw.diff_map import LEVELS as DIFF_MAP_LEVELS
from ..draw.process_map import process_map
from ..errors import ParameterError, ShadowingError
from ..io.eventlog import accounting_of, activity_instances, read_event_log
from ..io.frustrations import read_frustrations
from ..io.observations import read_observations
from ..io.perceived import read_perceived
from ..io.scenario import read_scenario, validate_parameters
from ..io.usage import read_roster, read_usage
from ..model import columns as C
from ..wording.adoption import adoption_summary
from ..wording.compare import perceived_source_label
from ..wording.tools import tool_label
from ..wording.report import QUALITY_NL, T, join, report_title, t
from ..wording import ranges as range_words
from .facts import (_call_plot, _evidence_text, _main_reason, _naive, _rejected, _replace_frame,
                    _rows_read, _time_use_table, _translate_axes, _with)
from .hotspot_parts import frustration_says, start_parts, summary_parts, time_parts
from .ranges_parts import appendix_parts
from .html import (Block, esc, fig_to_svg, figure as _figure,
                   map_to_svg, paragraph as _p, section as _section, table as _table, ul as _ul)
from .fit import MIN_FONT_PT, fit_map
from .people import pseudonymise_report
from . import change as after

log = logging.getLogger(__name__)

__all__ = ["Report", "Block", "report_title", "quiet_notebook"]

#: Above this share of refused rows in one input, the first page says so.
REJECTED_WARNING_SHARE = 0.1
#: Process map simplification in the report (share of activities and paths kept).
MAP_ACTIVITIES = 1.0
#: Above this many flows the diff map leaves out hidden flows seen in under 5% of cases.
MAP_PATHS = 0.8


def quiet_notebook() -> None:
    """Keep a report kernel clean: no warnings, only error-level logging, no progress bars.

    Called in the report notebook's first cell (this is a kernel set-up call, not a library
    side effect: nothing else in shadowing changes global state).
    """
    import os  # noqa: PLC0415

    warnings.filterwarnings("ignore")
    logging.getLogger().setLevel(logging.ERROR)
    logging.getLogger("shadowing").setLevel(logging.ERROR)
    os.environ.setdefault("TQDM_DISABLE", "1")
    os.environ.setdefault("PM4PY_SHOW_PROGRESS_BAR", "false")


def _file_name(source) -> str:
    """Only a file's name, never the analyst's folders."""
    return Path(str(source)).name if source else ""


# -- the report -----------------------------------------------------------------------------
@dataclass
class Report:
    """Everything the client report says, computed once from one data folder.

    Build it with `Report.load`; each section method returns a `Block`.
    """

    lang: str
    params: dict
    files: dict = field(default_factory=dict)
    log: Any = None
    observations: Any = None
    perceived: list = field(default_factory=list)
    frustrations: pd.DataFrame | None = None
    usage: pd.DataFrame | None = None
    roster: pd.DataFrame | None = None
    pseudonymised: bool = True
    readers: dict = field(default_factory=dict)  # what each input's reader reported
    log_after: Any = None             # event log after the change (eventlog_after.*)
    observations_after: Any = None    # follow-up shadowing (observations_after.*)
    inspection: pd.DataFrame | None = None        # what each file of the folder was taken as

    # -- loading -----------------------------------------------------------------------
    @classmethod
    def load(cls, data_dir=None, *, lang: str | None = None, pseudonymise: bool = True,
             overrides: dict | None = None) -> "Report":
        """Read a data folder: ``scenario.yaml`` and whichever input files exist.

        Parameters
        ----------
        data_dir : path, optional
            The client's folder; default the bundled ``wholesale`` sample.
        lang : {"nl", "en"}, optional
            Default: ``language`` from ``scenario.yaml``.
        pseudonymise : bool
            Replace people's names and user ids by ``Medewerker 1``/``Employee 1`` ...
        overrides : dict, optional
            Values that replace those of ``scenario.yaml`` (``hourly_rate``, ``name``, ...).
        """
        data_dir = Path(data_dir) if data_dir else sample_path("wholesale")
        scenario = read_scenario(data_dir)
        params = {**scenario.params, **validate_parameters(overrides or {})}
        lang = lang or params.get("language") or "nl"
        i18n.check_lang(lang, func="Report.load")
        files = dict(scenario.files)
        report = cls(lang=lang, params=params, files=files, pseudonymised=bool(pseudonymise),
                     inspection=scenario.inspection)
        if "eventlog" in files:
            report.log = read_event_log(files["eventlog"], errors="drop", **dict(params.get("eventlog_options") or {}))
        if "observations" in files:
            report.observations = read_observations(files["observations"], errors="drop")
        report.log_after, report.observations_after = after.load_after(files, params)
        if scenario.perceived:
            report.files["perceived"] = list(scenario.perceived)
            report.perceived = [read_perceived(p) for p in scenario.perceived]
        for key, reader in (("frustrations", read_frustrations), ("usage", read_usage),
                            ("roster", read_roster)):
            if key in files:
                setattr(report, key, reader(files[key], errors="drop"))
        if pseudonymise:
            report._pseudonymise()
        return report

    def _pseudonymise(self) -> None:
        pseudonymise_report(self)  # names replaced everywhere, with or without a roster

    def _log_frame(self) -> pd.DataFrame | None:
        if self.log is None:
            return None
        return self.log.frame if hasattr(self.log, "frame") else self.log

    def _obs_frame(self) -> pd.DataFrame | None:
        if self.observations is None:
            return None
        return self.observations.frame if hasattr(self.observations, "frame") else self.observations

    # -- parameters ----------------------------------------------------------------------
    @property
    def rate(self) -> float | None:
        """The hourly rate the analyst gave, or None: then the report shows hours, not euros."""
        value = self.params.get("hourly_rate")
        try:
            return float(value) if value is not None else None
        except (TypeError, ValueError):
            raise ParameterError(f"The 'hourly_rate' parameter must be a number of euros per hour. "
                                 f"Got {value!r} instead.") from None

    @property
    def client(self) -> str:
        return str(self.params.get("name") or T["client_unknown"][self.lang])

    def money(self, x) -> str:
        return i18n.money(x, self.lang, currency=str(self.params.get("currency") or "EUR"))

    def num(self, x, decimals: int = 0) -> str:
        return i18n.number(x, self.lang, decimals=decimals)

    def pct(self, x) -> str:
        return i18n.percent(x, self.lang)

    def date(self, d) -> str:
        return i18n.date(d, self.lang)

    # -- analyses (each computed once) -------------------------------------------------
    @functools.cached_property
    def hotspot_table(self) -> pd.DataFrame | None:
        func = hotspots
        if (self.log is None and self.observations is None):
            return None
        kwargs = dict(observations=self.observations, frustrations=self.frustrations,
                      hourly_rate=self.rate)
        extra = dict(official_systems=self.params.get("official_systems") or None,
                     team_size=self.params.get("team_size"), lang=self.lang,
                     cost_of_delay=self.params.get("cost_of_delay"))
        return func(self.log, **kwargs, **extra)

    @functools.cached_property
    def data_hotspots(self) -> pd.DataFrame | None:
        """Hotspots backed by the log or the observations (not frustration-only rows)."""
        hs = self.hotspot_table
        if hs is None or "source" not in hs:
            return hs
        return hs[hs["source"] != "frustrations"]

    @functools.cached_property
    def comparisons(self) -> list:
        func = compare
        if self.log is None or not self.perceived:
            return []
        return [func(p, self.log, observations=self.observations, lang=self.lang)
                for p in self.perceived]

    @functools.cached_property
    def process_map(self):
        """The as-is map, simplified until its smallest label prints at 6 pt or more on A4."""
        if self.log is None:
            return None
        return self._fitted_main_map[0]

    @functools.cached_property
    def _fitted_main_map(self):
        return fit_map(lambda a, p: process_map(self.log, activities=a, paths=p, lang=self.lang),
                       render=map_to_svg)

    @functools.cached_property
    def adoption_table(self) -> pd.DataFrame | None:
        func = adoption
        if self.usage is None or self.roster is None:
            return None
        by = self.params.get("group_by") or "team"
        if by not in self.roster:
            by = "team"
        system = self.params.get("system")
        if system and "system" in self.usage and not self.usage["system"].notna().any():
            system = None
        extra = dict(by=by, system=system)
        return func(self.usage, self.roster, go_live=self.params.get("go_live"), **extra)

    @functools.cached_property
    def period_comparison(self):
        """Before against after (`compare_periods`), when the folder has after-data."""
        return after.comparison(self)

    @functools.cached_property
    def group_comparisons(self) -> list:
        return after.group_comparisons(self)

    @functools.cached_property
    def observed_hours(self) -> float | None:
        obs = self._obs_frame()
        if obs is None or "duration_min" not in obs:
            return None
        return float(obs["duration_min"].sum()) / 60.0

    @functools.cached_property
    def off_system_range(self) -> tuple[float, float] | None:
        """The 90% range of the off-system share (person-day bootstrap), when there is one."""
        official = self.params.get("official_systems")
        if self.off_system_share is None or self.observations is None or not official:
            return None
        row = off_system(self.observations, official=list(official)).iloc[0]
        if pd.isna(row["share_low"]) or pd.isna(row["share_high"]):
            return None
        return float(row["share_low"]), float(row["share_high"])

    @functools.cached_property
    def off_system_share(self) -> float | None:
        obs = self._obs_frame()
        official = [str(s).casefold() for s in (self.params.get("official_systems") or [])]
        if obs is None or not official or "tool" not in obs or "duration_min" not in obs:
            return None
        func = off_system
        if func is not None:
            table = func(self.observations, official=list(self.params.get("official_systems")))
            overall = table[table["level"] == "overall"]
            return float(overall["share"].iloc[0]) if len(overall) else None
        total = obs["duration_min"].sum()
        if not total:
            return None
        off = ~obs["tool"].astype(str).str.casefold().isin(official)
        return float(obs.loc[off, "duration_min"].sum() / total)

    # -- sections --------------------------------------------------------------------------
    def cover(self) -> Block:
        name = self.params.get("name")
        title = f"{T['title'][self.lang]}: {name}" if name else T["title"][self.lang]   # neutral without a client
        parts = [f"<h1>{esc(title)}</h1>",
                 f'<p class="subtitle">{esc(T["subtitle"][self.lang])}</p>']
        period = self._period()
        meta = []
        if period:
            meta.append(t("period", self.lang, start=self.date(period[0]), end=self.date(period[1])))
        meta.append(T["pseudonymised" if self.pseudonymised else "real_names"][self.lang])
        if meta:
            parts.append(f'<p class="meta">{"<br>".join(esc(m) for m in meta)}</p>')
        return Block(f'<header class="cover">{"".join(parts)}</header>', title=T["title"][self.lang])

    def _period(self):
        starts, ends = [], []
        frame = self._log_frame()
        if frame is not None and len(frame):
            starts.append(frame[C.TIMESTAMP].min())
            ends.append(frame[C.TIMESTAMP].max())
            if C.START in frame:
                starts.append(frame[C.START].min())
        obs = self._obs_frame()
        if obs is not None and len(obs) and "start" in obs:
            starts.append(obs["start"].min())
            ends.append(obs["end"].max() if "end" in obs else obs["start"].max())
        for extra, column in ((self.usage, "timestamp"), (getattr(self, "log_after", None), C.TIMESTAMP)):
            data = extra.frame if hasattr(extra, "frame") else extra
            if data is not None and len(data) and column in data:   # the cover covers every input
                starts.append(data[column].min())
                ends.append(data[column].max())
        starts = [s for s in starts if pd.notna(s)]
        ends = [e for e in ends if pd.notna(e)]
        if not starts or not ends:
            return None
        return _naive(min(map(_naive, starts))), _naive(max(map(_naive, ends)))

    def summary(self) -> Block:
        lang = self.lang
        sources = []
        frame = self._log_frame()
        if frame is not None:
            sources.append(t("src_log", lang, cases=self.num(frame[C.CASE].nunique())))
        if self.observed_hours is not None:
            sources.append(t("src_obs", lang, hours=self.num(self.observed_hours)))
        if self.perceived:
            sources.append(t("src_perceived", lang, n=len(self.perceived)))
        if self.frustrations is not None:
            sources.append(T["src_frustrations"][lang])
        if self.usage is not None:
            sources.append(T["src_usage"][lang])
        body = [_p(esc(t("sum_intro", lang, client=self.client, sources=join(sources, lang) or "—")))]
        body += self._rejection_warnings()
        figures = []
        hs = self.data_hotspots
        if hs is not None and len(hs):
            parts, key_figures = summary_parts(self, hs)
            body += parts
            figures += key_figures
        for comp, perc in zip(self.comparisons, self.perceived):
            conf = float(comp.conformance)
            key = "sum_conformance" if conf < 0.5 else "sum_conformance_high"
            near = float(getattr(comp, "near_conformance", conf))
            body.append(_p(esc(t(key, lang, share=self.pct(conf), near=self.pct(near),
                                 who=self._who(perc)))))
        if self.comparisons:
            worst = min(float(c.conformance) for c in self.comparisons)
            near = min(float(getattr(c, "near_conformance", c.conformance)) for c in self.comparisons)
            figures.append((self.pct(worst), t("kf_conformance_near", lang, near=self.pct(near))))
        if self.observed_hours is not None:
            figures.append((self.num(self.observed_hours), T["kf_hours"][lang]))
        if self.off_system_share is not None:
            kf = self.pct(self.off_system_share)
            if self.off_system_range is not None:
                kf = f"{self.pct(self.off_system_range[0])} – {self.pct(self.off_system_range[1])}"
            figures.append((kf, T["kf_offsystem"][lang]))
        elif frame is not None:
            figures.append((self.num(frame[C.CASE].nunique()), T["kf_cases"][lang]))
        ad = self._adoption_last()
        groups = self._adoption_groups_last()
        if ad is not None and len(groups) > 1:      # group stories stay stories: no average
            share, target = ad
            parts = [f"{g} {self.pct(s)}" for g, s in groups]
            body.append(_p(esc(t("sum_adoption_groups", lang, system=self.params.get("system") or "—",
                                 groups=join(parts, lang), target=self.pct(target)))))
        elif ad is not None:
            share, target = ad
            body.append(_p(esc(t("sum_adoption", lang, system=self.params.get("system") or "—",
                                 share=self.pct(share), target=self.pct(target)))))
        sentence = after.summary_sentence(self)
        if sentence:
            body.append(_p(esc(sentence)))
        hs = self.data_hotspots
        started = start_parts(self, hs) if hs is not None and len(hs) else None
        if started is not None:      # the director's page ends with where to start
            body.append(f'<div class="callout"><b>{esc(T["h_start"][lang])}</b>: {started[1]}</div>')
        kf = "".join(f'<div class="keyfigure"><div class="value">{esc(v)}</div><div class="label">{esc(lbl)}</div></div>'
                     for v, lbl in figures[:3])
        if kf:
            body.insert(1, f'<div class="keyfigures">{kf}</div>')
        return _section(T["h_summary"][lang], "".join(body), key="summary")

    def _who(self, perceived) -> str:
        who = getattr(perceived, "told_by", None) or getattr(perceived, "name", None)
        return str(who) if who else T["told_by_unknown"][self.lang]

    def data_used(self) -> Block:
        lang = self.lang
        rows = []
        frame = self._log_frame()
        for key, obj in (("eventlog", self.log), ("observations", self.observations),
                         ("frustrations", self.frustrations), ("usage", self.usage), ("roster", self.roster)):
            if obj is None or key not in self.files:
                continue
            rej = _rejected(obj)
            used = len(obj.frame) if hasattr(obj, "frame") else len(obj)
            read = _rows_read(obj, used, rej)
            why = _main_reason(rej, lang)
            if key == "eventlog":
                accounting = accounting_of(obj)
                used, read = accounting.analysed, accounting.rows_read
            period = ""
            if key == "eventlog" and frame is not None and len(frame):
                period = (f"{i18n.date(_naive(frame[C.TIMESTAMP].min()), lang, fmt='short')} – "
                          f"{i18n.date(_naive(frame[C.TIMESTAMP].max()), lang, fmt='short')}")
            rows.append([esc(_file_name(self.files[key])), esc(T[f"what_{key}"][lang]), self.num(read),
                         self.num(used), self.num(0 if rej is None else len(rej)), esc(why), esc(period)])
        kinds = {str(p.source): (p.kind, len(p.steps)) for p in self.perceived}
        for path in self.files.get("perceived", []):
            kind, n_steps = kinds.get(str(path), (None, 0))
            what = perceived_source_label(T["what_perceived"][lang], kind, n_steps, lang)
            rows.append([esc(_file_name(path)), esc(what), "", "", "", "", ""])
        body = [_p(esc(T["data_intro"][lang]))]
        if rows:
            header = [T[k][lang] for k in ("col_file", "col_what", "col_rows", "col_used", "col_rejected", "col_why", "col_period")]
            body.append(_table(rows, header, numeric={2, 3, 4}))
        if self.log is not None and "eventlog" in self.files:
            body.append(_p(f"<b>{esc(T['what_eventlog'][lang].capitalize())}:</b> "
                           + esc(accounting_of(self.log).sentence(lang)) + "."))
        body += self._folder_notes()
        assumptions = self._assumptions()
        if assumptions:
            body.append(_p(esc(T["assumptions_intro"][lang])))
            body.append(_ul(esc(a) for a in assumptions))
        obs = self._obs_frame()
        if obs is not None and len(obs):
            days = obs["start"].dt.normalize().nunique() if "start" in obs else 0
            people = obs["person"].nunique() if "person" in obs else 0
            body.append(_p(esc(t("data_obs", lang, hours=self.num(self.observed_hours or 0, 1), days=days, people=people))))
        if self.log is not None:
            findings = quality_findings(self.log)
            findings = findings[~findings["check"].isin(["rejected rows", "accounting"])] \
                if len(findings) else findings
            if len(findings):
                body.append(_p(esc(T["data_quality"][lang])))
                items = []
                for r in findings.itertuples():
                    label = QUALITY_NL.get(r.check, r.check) if lang == "nl" else r.check
                    text = f"<b>{esc(label.capitalize())}</b>: {self.num(r.count)} ({self.pct(r.share)})"
                    if lang == "en":
                        text += f" — {esc(r.message)}"
                    items.append(text)
                body.append(_ul(items))
            else:
                n_rej = len(_rejected(self.log)) if _rejected(self.log) is not None else 0
                key = ("data_quality_none" if not n_rej else "data_quality_all_rejected"
                       if not len(frame) else "data_quality_none_rejected")
                body.append(_p(esc(t(key, lang, rejected=self.num(n_rej)))))
        return _section(T["h_data"][lang], "".join(body), key="data")

    def _rejection_warnings(self) -> list[str]:
        """A warning on the first page for every input of which more than a tenth was refused."""
        out = []
        for key in ("eventlog", "observations", "frustrations", "usage", "roster"):
            obj = getattr(self, "log" if key == "eventlog" else key, None)
            if obj is None or key not in self.files:
                continue
            rej = _rejected(obj)
            used = len(obj.frame) if hasattr(obj, "frame") else len(obj)
            read = _rows_read(obj, used, rej)
            n_rej = 0 if rej is None else len(rej)
            if read and n_rej / read > REJECTED_WARNING_SHARE:
                out.append(_p(esc(t("sum_rejected", self.lang, rejected=self.num(n_rej), read=self.num(read),
                                    file=_file_name(self.files[key]), share=self.pct(n_rej / read))),
                              "warning"))
        return out

    def _assumptions(self) -> list[str]:
        """Every assumption the report's numbers rest on, in words (the data-used page)."""
        lang, p, out = self.lang, self.params, []
        if self.log is not None or self.observations is not None:
            if self.rate is not None:
                out.append(t("as_rate", lang, rate=self.money(self.rate)))
            else:
                out.append(T["as_no_rate"][lang])
            if p.get("cost_of_delay") is not None:
                out.append(t("as_delay", lang, cost=self.money(p["cost_of_delay"])))
        hs = self.hotspot_table
        if hs is not None:
            period = hs.attrs.get("period_sentence")   # in the report's language
            if period:
                out.append(period)
            obs = hs.attrs.get("observations") or {}
            if obs.get("person_days"):
                key = "as_team_assumed" if obs.get("team_size_assumed") else "as_team"
                out.append(t(key, lang, days=obs["person_days"], team=obs.get("team_size") or "—",
                             workdays=self.num(obs.get("working_days_per_month") or 21)))
        official = p.get("official_systems") or []
        if official and self.observations is not None:
            out.append(t("as_official", lang, systems=", ".join(tool_label(x, lang) for x in official)))
        for comp, perc in zip(self.comparisons, self.perceived):
            if getattr(comp, "final_marking_chosen", False):
                out.append(t("as_marking", lang, who=self._who(perc)))
        if self.adoption_table is not None and p.get("go_live") is not None:
            gl = p["go_live"]
            text = (join([f"{k} {self.date(v)}" for k, v in gl.items()], lang) if isinstance(gl, dict)
                    else self.date(gl))
            out.append(t("as_go_live", lang, dates=text))
        return out

    def _folder_notes(self) -> list[str]:
        """Which files were recognised by content rather than name, and which were not used."""
        table = self.inspection
        if table is None or not len(table):
            return []
        lang, out = self.lang, []
        by_content = table[table["used"] & table["why"].isin(["columns", "content"])
                           & table["kind"].isin(["eventlog", "observations", "frustrations", "usage",
                                                 "roster"])
                           & ~table.apply(lambda r: r["file"].lower().startswith(r["kind"]), axis=1)]
        if len(by_content):
            out.append(_p(esc(t("files_taken", lang, items=join(
                [f"{r.file} → {T['what_' + r.kind][lang]}" for r in by_content.itertuples()], lang)))))
        unused = table[~table["used"] & (table["why"] != "not an input")]
        if len(unused):
            items = []
            for r in unused.itertuples():
                if r.why == "duplicate":
                    why = t("why_duplicate", lang, what=T["what_" + r.kind][lang], other=r.detail)
                else:
                    why = T.get("why_" + r.why, {}).get(lang, r.why)
                items.append(f"{r.file} ({why})")
            out.append(_p(esc(t("files_not_used", lang, items=join(items, lang)))))
        return out

    def how_work_runs(self) -> Block:
        lang = self.lang
        frame = self._log_frame()
        if frame is None or not len(frame):
            return _section(T["h_process"][lang], _p(esc(T["absent_log"][lang]), "absent"), present=False, key="process")
        body = []
        variants = variant_table(self.log)
        top_share = float(variants["share"].iloc[0]) if variants is not None and len(variants) and "share" in variants else float("nan")
        n_var = len(variants)
        start, end = _naive(frame[C.TIMESTAMP].min()), _naive(frame[C.TIMESTAMP].max())
        steps = len(activity_instances(self.log))   # activity instances, as the map counts them
        body.append(_p(esc(t("proc_intro", lang, cases=self.num(frame[C.CASE].nunique()), events=self.num(steps),
                             start=self.date(start), end=self.date(end), variants=self.num(n_var),
                             top_share=self.pct(top_share)))))
        span = throughput_times(self.log)["throughput"].dropna()
        if len(span):
            body.append(_p(esc(t("proc_throughput", lang, median=i18n.duration(span.median(), lang, short=False),
                                 p90=i18n.duration(span.quantile(0.9), lang, short=False)))))
        if C.RESOURCE in frame and frame[C.RESOURCE].notna().any():
            h = float(handovers(self.log)["count"].sum()) / max(frame[C.CASE].nunique(), 1)
            body.append(_p(esc(t("proc_handovers", lang, n=self.num(h, 1)))))
        if self.process_map is not None:
            _, svg, size, _ = self._fitted_main_map
            body.append(_figure(svg, esc(T["proc_map_caption"][lang]), landscape=size.landscape()))
        if variants is not None and len(variants):
            body.append(f"<h3>{esc(T['proc_variants'][lang])}</h3>")
            rows = []
            for r in variants.head(5).itertuples():
                route = getattr(r, "variant", None)
                route = " → ".join(route) if isinstance(route, (tuple, list)) else str(route)
                rows.append([esc(route), self.num(getattr(r, "count", getattr(r, "cases", 0))), self.pct(getattr(r, "share", float("nan")))])
            body.append(_table(rows, [T["col_route"][lang], T["col_cases"][lang], T["col_share"][lang]], numeric={1, 2}))
        return _section(T["h_process"][lang], "".join(body), key="process")

    def where_time_goes(self) -> Block:
        lang = self.lang
        if self.log is None and self.observations is None:
            if "eventlog" in self.files or "observations" in self.files:
                return _section(T["h_time"][lang], _p(esc(T["absent_analysis"][lang]), "absent"), present=False, key="time")
            return _section(T["h_time"][lang], _p(esc(T["absent_time"][lang]), "absent"), present=False, key="time")
        hs = self.hotspot_table
        body = []
        if hs is None:
            body.append(_p(esc(T["absent_analysis"][lang]), "absent"))
        elif not len(hs):
            body.append(_p(esc(T["time_none"][lang])))
        else:
            body += time_parts(self, hs)
        obs = self._obs_frame()
        if obs is not None and len(obs):
            tu = time_use(self.observations, by="role")
            body.append(f"<h3>{esc(T['time_use'][lang])}</h3>")
            ax = _call_plot(plot_time_use, self.observations, by="role", unit="share", lang=lang)
            if ax is not None:
                _translate_axes(ax, lang)
                body.append(_figure(fig_to_svg(ax.figure)))
            else:
                body.append(_time_use_table(tu, self))
        if self.off_system_share is not None:
            share = self.pct(self.off_system_share)
            if self.off_system_range is not None:
                share += f" ({self.pct(self.off_system_range[0])} – {self.pct(self.off_system_range[1])})"
            body.append(_p(esc(t("time_offsystem", lang, share=share,
                                 systems=", ".join(map(str, self.params.get("official_systems") or []))))))
        return _section(T["h_time"][lang], "".join(body), key="time")

    def perceived_vs_actual(self) -> Block:
        lang = self.lang
        if (self.files.get("perceived") and not self.perceived) or (self.perceived and not self.comparisons
                                                                      and self.log is not None):
            return _section(T["h_perceived"][lang], _p(esc(T["absent_analysis"][lang]), "absent"), present=False, key="perceived")
        if not self.perceived or self.log is None:
            return _section(T["h_perceived"][lang], _p(esc(T["absent_perceived"][lang]), "absent"), present=False, key="perceived")
        if not self.comparisons:
            return _section(T["h_perceived"][lang], _p(esc(T["absent_analysis"][lang]), "absent"), present=False, key="perceived")
        body = [_p(esc(T["perc_intro"][lang]))]
        for comp, perc in zip(self.comparisons, self.perceived):
            who = self._who(perc)
            body.append(f"<h3>{esc(who[:1].upper() + who[1:])}</h3>")
            if comp.scope is not None and comp.scope.kind == "part":
                body.append(_p(esc(comp.scope.describe(lang))))
            body.append(_ul(esc(x) for x in self._headline(comp)))
            note = comp.final_marking_note(lang)
            if note:
                body.append(_p(esc(note)))
            acts = comp.activities
            hidden = acts.loc[acts["status"] == "hidden", "activity"].astype(str).tolist()
            only = acts.loc[acts["status"] == "perceived_only", "activity"].astype(str).tolist()
            items = []
            if hidden:
                items.append(esc(t("perc_hidden", lang, items=join(hidden[:8], lang))))
            if only:
                items.append(esc(t("perc_only", lang, items=join(only[:8], lang))))
            body.append(_ul(items))
            dev = getattr(comp, "deviations", None)
            if dev is not None and len(dev):
                text_col = next((c for c in (f"text_{lang}", f"description_{lang}", "description", "deviation", "text") if c in dev), None)
                count_col = next((c for c in ("cases", "count", "occurrences") if c in dev), None)
                if text_col:
                    rows = [[esc(getattr(r, text_col)), self.num(getattr(r, count_col)) if count_col else ""]
                            for r in dev.head(5).itertuples()]
                    body.append(f"<h4>{esc(T['perc_deviations'][lang])}</h4>")
                    body.append(_table(rows, [T["col_deviation"][lang], T["col_cases"][lang]], numeric={1}))
            try:
                # as full as it can be with every label at least 6 pt on A4 (the footnote says
                # what was left out); a quarter point spare for the browser's rounding; a map
                # too wide for a portrait page gets a landscape page
                _, svg, size, _ = fit_map(
                    lambda a, p, s, e, i, comp=comp: comp.map(
                        lang=lang, activities=a, paths=p, min_share=s, ends_shown=e, implied=i),
                    render=map_to_svg, levels=DIFF_MAP_LEVELS, min_font=MIN_FONT_PT + 0.25)
                body.append(_figure(svg, esc(T["perc_map_caption"][lang]),
                                    landscape=size.landscape(MIN_FONT_PT + 0.25)))
            except ShadowingError:
                pass
        return _section(T["h_perceived"][lang], "".join(body), key="perceived")

    def _headline(self, comp) -> list[str]:
        """Strict share, near share, fitness and the deviations that explain most of the gap;
        without fitness when token replay cannot run on the model (said in the log)."""
        try:
            return comp.headline(self.lang)
        except Exception as exc:  # noqa: BLE001  pm4py's replay on a model it cannot replay
            log.warning("token replay on %s failed (%s); the report shows no fitness",
                        comp.perceived.source, exc)
            return comp.headline(self.lang, fitness=False)

    def frustrations_section(self) -> Block:
        lang = self.lang
        fr = self.frustrations
        obs = self._obs_frame()
        has_notes = obs is not None and "frustration" in obs and obs["frustration"].notna().any()
        if (fr is None or not len(fr)) and not has_notes:
            return _section(T["h_frustrations"][lang], _p(esc(T["absent_frustrations"][lang]), "absent"),
                            present=False, key="frustrations")
        body = []
        if fr is not None and len(fr):
            rows = []
            for r in fr.sort_values("votes", ascending=False, kind="stable").head(8).itertuples():
                says = frustration_says(self, self.hotspot_table, str(r.frustration_id))
                if says is None:
                    says = T["fr_no_evidence"][lang]
                rows.append([esc(r.text), self.num(r.votes), esc(says)])
            body.append(_p(esc(T["fr_intro"][lang])))
            body.append(_table(rows, [T["col_frustration"][lang], T["col_votes"][lang], T["col_data_says"][lang]],
                               numeric={1}))
        if has_notes:
            fn = frustration_notes(self.observations)
            if len(fn):
                body.append(f"<h3>{esc(T['fr_notes'][lang])}</h3>")
                rows = [[esc(r.activity), esc(tool_label(r.system, lang)), self.num(r.notes),
                         '<span class="quote">' + esc(str(r.examples).split(" | ")[0]) + "</span>"]
                        for r in fn.head(6).itertuples()]
                body.append(_table(rows, [T["col_activity"][lang], T["col_tool"][lang], T["col_notes"][lang],
                                          T["col_example"][lang]], numeric={2}))
        return _section(T["h_frustrations"][lang], "".join(body), key="frustrations")

    def _adoption_last(self):
        ad = self.adoption_table
        if ad is None or not len(ad) or "share" not in ad:
            return None
        total = ad[ad["total"]] if "total" in ad and ad["total"].any() else ad
        if "holiday" in total and not total["holiday"].all():
            total = total[~total["holiday"].astype(bool)]      # a holiday says nothing about use
        last = total[total["period"] == total["period"].max()]
        share = float(last["active"].sum() / max(float(last["roster"].sum()), 1.0))
        return share, float(self.params.get("adoption_target") or 0.9)

    def _adoption_groups_last(self) -> list[tuple[str, float]]:
        """(group, share active) in each group's last period, largest group first; the total
        left out."""
        ad = self.adoption_table
        if ad is None or not len(ad) or "team" not in ad:
            return []
        groups = ad[~ad["total"]] if "total" in ad else ad
        if "holiday" in groups and not groups["holiday"].all():
            groups = groups[~groups["holiday"].astype(bool)]
        last = groups.sort_values("period", kind="stable").groupby("team", observed=True, sort=False).tail(1)
        last = last[last["roster"] > 0].sort_values("roster", ascending=False, kind="stable")
        return [(str(r.team), float(r.active) / float(r.roster)) for r in last.itertuples()]

    def adoption_section(self) -> Block:
        lang = self.lang
        if self.usage is None or self.roster is None:
            return _section(T["h_adoption"][lang], _p(esc(T["absent_adoption"][lang]), "absent"),
                            present=False, key="adoption")
        ad = self.adoption_table
        if ad is None:
            return _section(T["h_adoption"][lang], _p(esc(T["absent_analysis"][lang]), "absent"),
                            present=False, key="adoption")
        target = float(self.params.get("adoption_target") or 0.9)
        go_live = self.params.get("go_live")
        if isinstance(go_live, dict):
            go_text = ", ".join(f"{k}: {self.date(v)}" for k, v in go_live.items())
        else:
            go_text = self.date(go_live) if go_live is not None else "—"
        system = self.params.get("system") or "—"
        body = [_p(esc(t("ad_intro", lang, system=system, go_live=go_text, target=self.pct(target))))]
        if len(ad):
            ax = _call_plot(plot_adoption, ad, target=target, lang=lang, off_system=self.off_system_share,
                            system=self.params.get("system"), size=(6.6, 4.2))
            body.append(_figure(fig_to_svg(ax.figure)))
        if len(ad):
            sentences = adoption_summary(ad, lang=lang, system=self.params.get("system"))
            body.append(_ul(esc(x) for x in list(sentences)))
        if len(ad):
            last = ad.sort_values("period", kind="stable").groupby("team", observed=True, sort=False).tail(1)
            rows = [[esc(r.team), self.num(r.active), self.num(r.roster), self.pct(r.share)]
                    for r in last.itertuples()]
            body.append(_table(rows, [T["col_group"][lang], T["col_active"][lang], T["col_roster"][lang],
                                      T["col_week"][lang]], numeric={1, 2, 3}))
        return _section(T["h_adoption"][lang], "".join(body), key="adoption")

    def after_go_live(self) -> Block:
        """After the go-live: adoption per wave, before/after measures, realised savings."""
        return after.after_section(self)

    def where_to_start(self) -> Block:
        lang = self.lang
        if self.log is None and self.observations is None:
            return _section(T["h_start"][lang], _p(esc(T["absent_start"][lang]), "absent"),
                            present=False, key="start")
        hs = self.data_hotspots
        if hs is None or not len(hs):
            key = "absent_analysis" if hs is None else "time_none"
            return _section(T["h_start"][lang], _p(esc(T[key][lang]), "absent"), present=False, key="start")
        started = start_parts(self, hs)
        if started is None:
            if "strength" in hs.columns and (hs["strength"] == "not yet proven").any():
                return _section(T["h_start"][lang], _p(esc(range_words.appendix_text("start_unproven", lang))),
                                key="start")
            return _section(T["h_start"][lang], _p(esc(T["time_none"][lang]), "absent"), present=False, key="start")
        first, text, nxt = started
        body = [_p(text)]
        expl = first.get("explanation_nl") if lang == "nl" and "explanation_nl" in first else first.get("explanation")
        if expl is not None and not pd.isna(expl) and str(expl):
            body.append(_p(esc(t("start_why", lang, text=expl))))
        votes = first.get("frustration_votes")
        if votes is not None and not pd.isna(votes) and float(votes) > 0:
            body.append(_p(esc(t("start_votes", lang, votes=self.num(votes)))))
        evidence = first.get("evidence")
        if evidence is not None and not pd.isna(evidence) and str(evidence):
            body.append(_p(esc(t("start_evidence", lang, evidence=_evidence_text(str(evidence), lang)))))
        if nxt:
            body.append(_p(esc(t("start_next", lang, items=join(nxt, lang)))))
        return _section(T["h_start"][lang], f'<div class="callout">{"".join(body)}</div>', key="start")

    def sections(self) -> list[Block]:
        """All sections in report order."""
        return [self.cover(), self.summary(), self.data_used(), self.how_work_runs(), self.where_time_goes(),
                self.perceived_vs_actual(), self.frustrations_section(), self.adoption_section(),
                self.after_go_live(), self.where_to_start(), self.ranges_appendix()]

    def ranges_appendix(self) -> Block:
        """How sure the numbers are: how the ranges were made, and what would narrow them."""
        lang = self.lang
        body = appendix_parts(self)
        if not body:
            return _section(range_words.appendix_text("h_ranges", lang), "", present=False,
                            key="ranges")
        return _section(range_words.appendix_text("h_ranges", lang), "".join(body), key="ranges")


# -- small helpers ---------------------------------------------------------------------
