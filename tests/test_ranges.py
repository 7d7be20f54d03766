"""Ranges: the person-day bootstrap, log ranges between months/weeks, strength, coverage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

import shadowing as sh
from shadowing.analysis import bootstrap as B
from shadowing.errors import ParameterError

# -- a population with a known truth, clustered by person-day ---------------------------------
# Each person-day: 24 stretches of 20 minutes, each in Excel (off-system) with the day's own
# probability p_d ~ Beta(mean mu); plus K_d ~ Poisson(Gamma(lam)) waiting stretches of 10
# minutes in the ERP (an overdispersed, clustered waste).
ROLES = {"sales": dict(mu=0.30, conc=6.0, lam=3.0, shape=1.5, days=12),
         "warehouse": dict(mu=0.10, conc=6.0, lam=1.0, shape=1.5, days=8)}
TEAM = 20


def truth() -> tuple[float, float]:
    """The off-system share and the waiting hours per month the estimators aim at."""
    n = np.array([p["days"] for p in ROLES.values()], dtype=float)
    mu = np.array([p["mu"] for p in ROLES.values()])
    lam = np.array([p["lam"] for p in ROLES.values()])
    share = (n * 480 * mu).sum() / (n * (480 + 10 * lam)).sum()
    hours = TEAM * 21 / 60 * (n * 10 * lam).sum() / n.sum()
    return share, hours


def draw_days(rng):
    """Per person-day aggregates (off minutes, observed minutes, waiting minutes, role)."""
    off, total, wait, role = [], [], [], []
    for r, (name, p) in enumerate(ROLES.items()):
        nd = p["days"]
        pday = rng.beta(p["mu"] * p["conc"], (1 - p["mu"]) * p["conc"], nd)
        k = rng.poisson(rng.gamma(p["shape"], p["lam"] / p["shape"], nd))
        off.append(20.0 * rng.binomial(24, pday))
        total.append(480.0 + 10.0 * k)
        wait.append(10.0 * k)
        role.append(np.full(nd, r))
    return tuple(np.concatenate(x) for x in (off, total, wait, role))


def draw_frame(rng) -> pd.DataFrame:
    """The same population as observation rows (for the public functions)."""
    parts = []
    for name, p in ROLES.items():
        nd = p["days"]
        pday = rng.beta(p["mu"] * p["conc"], (1 - p["mu"]) * p["conc"], nd)
        k = rng.poisson(rng.gamma(p["shape"], p["lam"] / p["shape"], nd))
        d, s = np.repeat(np.arange(nd), 24), np.tile(np.arange(24), nd)
        off = rng.random(nd * 24) < pday[d]
        dw = np.repeat(np.arange(nd), k)
        sw = np.arange(len(dw)) - np.repeat(np.cumsum(k) - k, k)
        dd = np.concatenate([d, dw])
        minute = np.concatenate([s * 20, 480 + sw * 10])
        parts.append(pd.DataFrame({
            "person": [f"{name}{x % 4}" for x in dd], "role": name,
            "start": (pd.Timestamp("2026-03-02 08:00")
                      + pd.to_timedelta((dd // 4) * 7 + dd % 4, unit="D")
                      + pd.to_timedelta(minute, unit="min")),
            "duration_min": np.concatenate([np.full(len(d), 20.0), np.full(len(dw), 10.0)]),
            "activity": np.concatenate([np.where(s % 2 == 1, "Work", "Enter order"),
                                        np.full(len(dw), "Check stock")]),
            "tool": np.concatenate([np.where(off, "Excel", "ERP"), np.full(len(dw), "ERP")]),
            "waste": np.concatenate([np.full(len(d), None, dtype=object),
                                     np.full(len(dw), "waiting", dtype=object)])}))
    f = pd.concat(parts, ignore_index=True)
    f["end"] = f["start"] + pd.to_timedelta(f["duration_min"], unit="min")
    return f


def test_simulation_coverage_of_the_person_day_bootstrap():
    """200 repeats with fixed seeds: the 90% ranges cover the truth in 85-95% of them."""
    share_true, hours_true = truth()
    hit_share = hit_hours = 0
    repeats = 200
    for i in range(repeats):
        off, total, wait, role = draw_days(np.random.default_rng(i))
        n = len(off)
        iv = B.ratio_intervals(np.column_stack([off, wait]),
                               np.column_stack([total, np.ones(n)]), strata=role, seed=i,
                               scale=np.array([1.0, TEAM * 21 / 60]))
        hit_share += iv.low[0] <= share_true <= iv.high[0]
        hit_hours += iv.low[1] <= hours_true <= iv.high[1]
    cov_share, cov_hours = hit_share / repeats, hit_hours / repeats
    print(f"coverage of the 90% ranges over {repeats} repeats: off-system share "
          f"{cov_share:.1%}, waiting hours {cov_hours:.1%}")
    assert 0.85 <= cov_share <= 0.95
    assert 0.85 <= cov_hours <= 0.95


@pytest.mark.slow
def test_simulation_coverage_through_the_public_functions():
    """The same 200 repeats through off_system and hotspots (about a minute)."""
    share_true, hours_true = truth()
    hit_share = hit_hours = 0
    repeats = 200
    for i in range(repeats):
        f = draw_frame(np.random.default_rng(2000 + i))
        o = sh.off_system(f, official=["ERP"], seed=i).iloc[0]
        hit_share += o["share_low"] <= share_true <= o["share_high"]
        t = sh.hotspots(observations=f, team_size=TEAM, seed=i)
        row = t.loc[t["waste"] == "waiting"].iloc[0]
        hit_hours += row["staff_hours_per_month_low"] <= hours_true <= row[
            "staff_hours_per_month_high"]
    print(f"public functions, {repeats} repeats: off-system share {hit_share / repeats:.1%}, "
          f"waiting hours {hit_hours / repeats:.1%}")
    assert 0.85 <= hit_share / repeats <= 0.95
    assert 0.85 <= hit_hours / repeats <= 0.95


def test_public_functions_use_the_engine_on_per_day_sums():
    f = draw_frame(np.random.default_rng(7))
    o = sh.off_system(f, official=["ERP"], seed=3)
    day, strata, n = B.day_codes(f)
    hours = f["duration_min"].to_numpy() / 60
    off = (f["tool"] == "Excel").to_numpy()
    iv = B.ratio_intervals(B.day_sums(day, n, np.zeros(len(f), np.int64), hours * off),
                           B.day_sums(day, n, np.zeros(len(f), np.int64), hours),
                           strata=strata, seed=3)
    assert o["share_low"].iloc[0] == pytest.approx(iv.low[0])
    assert o["share_high"].iloc[0] == pytest.approx(iv.high[0])
    assert o["share"].iloc[0] == pytest.approx(iv.point[0])
    t = sh.hotspots(observations=f, team_size=TEAM, seed=3)
    w = t.loc[t["waste"] == "waiting"].iloc[0]
    waited = f["waste"].eq("waiting").to_numpy()
    assert w["staff_hours_per_month"] == pytest.approx(
        f.loc[waited, "duration_min"].sum() / 60 * TEAM * 21 / n)
    assert w["staff_hours_per_month_low"] < w["staff_hours_per_month"] < w[
        "staff_hours_per_month_high"]


# -- the engine ---------------------------------------------------------------------------------

def test_stratified_resampling_keeps_each_stratum_size():
    strata = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2])
    rng = np.random.default_rng(0)
    for w in B.weight_blocks(rng, len(strata), 300, strata=strata):
        for s in (0, 1, 2):
            assert (w[:, strata == s].sum(axis=1) == (strata == s).sum()).all()


def test_same_seed_same_ranges_other_seed_other_ranges():
    num = np.array([[1.3], [3.1], [0.0], [5.7], [2.2], [0.4]])
    den = np.ones((6, 1))
    a = B.ratio_intervals(num, den, seed=1)
    b = B.ratio_intervals(num, den, seed=1)
    c = B.ratio_intervals(num, den, seed=2)
    assert (a.low, a.high) == (b.low, b.high)
    assert (a.low[0], a.high[0]) != (c.low[0], c.high[0])
    assert a.point[0] == pytest.approx(12.7 / 6)
    assert 0 <= a.low[0] < a.point[0] < a.high[0] <= 5.7


def test_one_day_gives_no_range():
    iv = B.ratio_intervals(np.array([[3.0]]), np.array([[6.0]]))
    assert iv.point[0] == 0.5 and np.isnan(iv.low[0]) and np.isnan(iv.high[0])


def test_roles_seen_on_one_day_are_pooled():
    frame = pd.DataFrame({"person": ["a", "b", "c", "d", "e"], "role": ["x", "x", "y", "z", "x"],
                          "start": pd.to_datetime(["2026-01-05 09:00"] * 5),
                          "duration_min": [10.0] * 5})
    day, strata, n = B.day_codes(frame)
    assert n == 5
    # x on three days; y and z on one day each, pooled into one stratum of two days
    assert len(np.unique(strata)) == 2
    assert strata[day[2]] == strata[day[3]] != strata[day[0]]


def test_bucket_interval_by_hand():
    # 3 equal months, 10/20/30 occurrences; 20 per month on average
    lo, hi, nb = B.bucket_interval(20.0, np.array([10, 20, 30]), np.ones(3))
    from scipy.stats import t
    half = t.ppf(0.95, 2) * 10.0 / np.sqrt(3)
    assert nb == 3 and lo == pytest.approx(20 - half) and hi == pytest.approx(20 + half)
    lo, hi, nb = B.bucket_interval(20.0, np.array([10, 30]), np.ones(2))
    assert nb == 2 and np.isnan(lo) and np.isnan(hi)


# -- the public tables --------------------------------------------------------------------------

def test_time_use_and_off_system_carry_ranges(samples):
    obs = sh.read_observations(samples / "wholesale" / "observations.csv")
    tu = sh.time_use(obs, seed=5)
    ok = tu["share_low"].notna()
    assert ok.any()
    assert (tu.loc[ok, "share_low"] <= tu.loc[ok, "share"] + 1e-12).all()
    assert (tu.loc[ok, "share"] <= tu.loc[ok, "share_high"] + 1e-12).all()
    assert tu.attrs["interval"]["level"] == 0.9 and tu.attrs["interval"]["resamples"] == 2000
    assert "stratified by role" in tu.attrs["interval"]["method"]
    assert tu[["share_low", "share_high"]].equals(sh.time_use(obs, seed=5)[["share_low",
                                                                            "share_high"]])
    narrow = sh.off_system(obs, official=["ERP", "Telefoon"], level=0.5).iloc[0]
    wide = sh.off_system(obs, official=["ERP", "Telefoon"], level=0.95).iloc[0]
    assert wide["share_high"] - wide["share_low"] > narrow["share_high"] - narrow["share_low"]


@pytest.mark.parametrize("name", ["wholesale", "construction", "crm"])
def test_samples_truth_lies_inside_the_range(samples, name):
    folder = samples / name
    truth_ = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
    scenario = yaml.safe_load((folder / "scenario.yaml").read_text(encoding="utf-8"))
    obs = sh.read_observations(folder / "observations.csv")
    row = sh.off_system(obs, official=scenario["official_systems"]).iloc[0]
    value = truth_["observations"]["off_system_share"]["value"]
    assert row["share_low"] <= value <= row["share_high"]


def test_hotspot_ranges_on_the_wholesale_sample(samples):
    d = samples / "wholesale"
    t = sh.hotspots(sh.read_event_log(d / "eventlog.csv"),
                    observations=d / "observations.csv", hourly_rate=45, team_size=30,
                    official_systems=["ERP", "Telefoon"], seed=11)
    top = t.iloc[0]
    assert (top["waste"], top["where"]) == ("waiting", "Voorraad controleren")
    assert top["staff_hours_per_month_low"] < top["staff_hours_per_month"] < top[
        "staff_hours_per_month_high"]
    assert top["cost_per_month_low"] == pytest.approx(top["staff_hours_per_month_low"] * 45)
    assert top["cost_per_month_high"] == pytest.approx(top["staff_hours_per_month_high"] * 45)
    assert top["strength"] == "proven" and top["range_basis"] == "person-days"
    logrows = t[t["source"] == "log"]
    assert len(logrows) and (logrows["range_basis"] == "weeks").all()   # a 2.5-month log
    assert (logrows["staff_hours_per_month_low"] <= logrows["staff_hours_per_month"]).all()
    # seen on one person-day, or with a low end of zero: not yet proven
    weak = t[(t["source"] == "observations") & (t["range_units"] < 3)]
    assert len(weak) and (weak["strength"] == "not yet proven").all()
    assert t.attrs["interval"]["observations"]["resamples"] == 2000
    again = sh.hotspots(sh.read_event_log(d / "eventlog.csv"),
                        observations=d / "observations.csv", hourly_rate=45, team_size=30,
                        official_systems=["ERP", "Telefoon"], seed=11)
    assert again["staff_hours_per_month_low"].equals(t["staff_hours_per_month_low"])


def test_log_rows_over_months_when_the_log_is_long():
    rows = []
    start = pd.Timestamp("2026-01-05 09:00")
    for k in range(120):     # four months, a repeated check every day
        t0 = start + pd.Timedelta(days=k)
        rows += [(f"c{k}", "enter", t0, "ann"), (f"c{k}", "check", t0 + pd.Timedelta(minutes=10),
                                                   "ann"),
                 (f"c{k}", "check", t0 + pd.Timedelta(minutes=20 + (k % 7)), "ann")]
    df = pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp",
                                     "org:resource"])
    t = sh.hotspots(df, hourly_rate=45)
    r = t.iloc[0]
    assert r["waste"] == "rework" and r["range_basis"] == "months"
    assert r["range_units"] == 4
    assert r["staff_hours_per_month_low"] <= r["staff_hours_per_month"] <= r[
        "staff_hours_per_month_high"]


def test_hotspots_level_must_be_a_share():
    df = pd.DataFrame({"case:concept:name": ["a"], "concept:name": ["x"],
                       "time:timestamp": [pd.Timestamp("2026-01-05")]})
    with pytest.raises(ParameterError, match="'level' parameter of hotspots must be a share"):
        sh.hotspots(df, level=90)
    with pytest.raises(ParameterError, match="'level' parameter of hotspots"):
        sh.hotspots(df, level="high")
    with pytest.raises(ParameterError, match="n_boot"):
        sh.hotspots(df, n_boot=0)


# -- the planner --------------------------------------------------------------------------------

def _three_days() -> pd.DataFrame:
    # three person-days of 60 minutes: 30, 10 and 20 minutes in Excel (off-system)
    rows = []
    for d, off in enumerate((30, 10, 20)):
        t0 = pd.Timestamp("2026-02-02 09:00") + pd.Timedelta(days=d)
        rows += [("ann", "clerk", t0, off, "Enter", "Excel", None),
                 ("ann", "clerk", t0 + pd.Timedelta(minutes=off), 60 - off, "Enter", "ERP",
                  "waiting" if d == 0 else None)]
    f = pd.DataFrame(rows, columns=["person", "role", "start", "duration_min", "activity", "tool",
                                    "waste"])
    f["end"] = f["start"] + pd.to_timedelta(f["duration_min"], unit="min")
    return f


def test_observation_plan_by_hand():
    plan = sh.observation_plan(_three_days(), target=0.05, official="ERP")
    row = plan[(plan["figure"] == "off-system share") & (plan["role"] == "all")].iloc[0]
    # p = 60/180; residuals y - p x = 10, -10, 0; s2 = 200 / 2 = 100; mean x = 60
    z = 1.6448536269514722
    assert row["estimate"] == pytest.approx(1 / 3)
    assert row["half_width"] == pytest.approx(z * np.sqrt(100 / 3) / 60)
    needed = int(np.ceil(z ** 2 * 100 / (60 ** 2 * 0.05 ** 2)))
    assert row["person_days_needed"] == needed and row["more_person_days"] == needed - 3
    assert row["advice"].startswith(f"{needed - 3} more days in all bring the off-system share")
    assert row["advice_nl"].startswith(f"Nog {needed - 3} dagen in totaal")
    assert list(plan.columns)[:4] == ["figure", "role", "estimate", "person_days"]


def test_observation_plan_on_the_wholesale_sample(samples):
    obs = sh.read_observations(samples / "wholesale" / "observations.csv")
    plan = sh.observation_plan(obs, target=0.05, official=["ERP", "Telefoon"])
    assert set(plan["figure"]) == {"off-system share", "waste share"}
    assert {"all", "Binnendienst verkoop", "Boekhouder", "Magazijnmedewerker"} <= set(plan["role"])
    single = plan[plan["person_days"] < 2]
    assert single["half_width"].isna().all() and single["advice"].str.contains("Too few").all()
    wide = plan[(plan["role"] == "all") & (plan["figure"] == "waste share")].iloc[0]
    assert wide["more_person_days"] > 0 and wide["design_effect"] > 1


def test_observation_plan_target_must_be_a_share():
    with pytest.raises(ParameterError, match="'target' parameter of observation_plan"):
        sh.observation_plan(_three_days(), target=5)


def test_ranges_with_one_resample_or_no_days_warn_nothing(samples):
    obs = sh.read_observations(samples / "wholesale" / "observations.csv")
    tu = sh.time_use(obs, n_boot=1)            # pytest turns any warning into an error
    assert len(tu) and tu["share_low"].notna().any()
    iv = B.ratio_intervals(np.zeros((3, 2)), np.zeros((3, 2)))
    assert np.isnan(iv.low).all() and np.isnan(iv.point).all()


def test_a_not_yet_proven_hotspot_is_never_where_to_start(samples):
    from shadowing.report.hotspot_parts import start_parts

    report = sh.Report.load(samples / "wholesale", lang="en")
    hs = report.data_hotspots.copy()
    first, text, _ = start_parts(report, hs)
    assert first["strength"] == "proven" and "best estimate" in text
    assert "the largest proven hotspot" in text
    weak = hs.copy()
    weak.loc[weak["rank"] == first["rank"], "strength"] = "not yet proven"
    second, text2, _ = start_parts(report, weak)
    assert second["rank"] != first["rank"] and second["strength"] == "proven"
    assert f"<b>{second['where']}</b>" in text2
    none = hs.assign(strength="not yet proven")
    assert start_parts(report, none) is None


def test_what_the_system_never_sees_has_a_range(samples):
    d = samples / "wholesale"
    obs, log = sh.read_observations(d / "observations.csv"), sh.read_event_log(d / "eventlog.csv")
    u = sh.unseen_work(obs, log, seed=4)
    assert u.unseen_share_low < u.unseen_share < u.unseen_share_high
    assert u.interval["resamples"] == 2000
    again = sh.unseen_work(obs, log, seed=4)
    assert (again.unseen_share_low, again.unseen_share_high) == (u.unseen_share_low,
                                                                 u.unseen_share_high)


def test_time_use_chart_has_error_bars_on_the_waste_share(samples):
    from matplotlib.container import ErrorbarContainer

    obs = sh.read_observations(samples / "wholesale" / "observations.csv")
    ax = sh.plot_time_use(obs, unit="share", lang="nl")
    bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(bars) == 1
    assert "90%-marge" in " ".join(t.get_text() for t in ax.get_legend().get_texts())
    ax = sh.plot_time_use(obs)                       # hours: observed facts, no error bars
    assert not [c for c in ax.containers if isinstance(c, ErrorbarContainer)]


def test_waiting_rows_of_a_log_get_a_range_between_weeks():
    rows = []
    start = pd.Timestamp("2026-01-05 09:00")
    for k in range(60):                    # 60 weekdays-ish, a wait b → c in each case
        t0 = start + pd.Timedelta(days=k)
        wait = 600 + 37 * (k % 5) if k % 6 == 0 else 60
        rows += [(f"c{k}", "a", t0), (f"c{k}", "b", t0 + pd.Timedelta(minutes=10)),
                 (f"c{k}", "c", t0 + pd.Timedelta(minutes=10 + wait))]
    df = pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp"])
    t = sh.hotspots(df, clock="calendar")
    w = t.loc[t["waste"] == "waiting"].iloc[0]
    assert w["range_basis"] == "weeks" and w["range_units"] >= 3
    assert 0 <= w["wait_hours_per_month_low"] <= w["wait_hours_per_month"] <= w[
        "wait_hours_per_month_high"]
    assert np.isnan(w["cost_per_month_low"])        # no cost of delay: no money, no range


@pytest.mark.parametrize("name", ["wholesale", "construction", "crm"])
def test_sample_reports_show_ranges_and_hold_the_truth(samples, name):
    import re

    report = sh.Report.load(samples / name, lang="en")
    summary = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", report.summary().html))
    time_html = report.where_time_goes().html
    assert "best estimate" in summary and " – " in summary
    assert "90% range of the waste share" in time_html           # the chart's error bars
    assert "Cost per month (range)" in time_html or "Staff hours" in time_html
    truth_ = yaml.safe_load((samples / name / "truth.yaml").read_text(encoding="utf-8"))
    low, high = report.off_system_range
    assert low <= truth_["observations"]["off_system_share"]["value"] <= high
    shown = f"{report.pct(low)} – {report.pct(high)}"
    assert shown in summary or shown in time_html
    appendix = report.ranges_appendix()
    assert appendix.present and "What would narrow the ranges" in appendix.html


def test_pareto_chart_shows_each_bars_range(samples):
    from matplotlib.container import ErrorbarContainer

    d = samples / "wholesale"
    t = sh.hotspots(observations=d / "observations.csv", hourly_rate=45, team_size=30,
                    official_systems=["ERP", "Telefoon"])
    ax = sh.plot_hotspots(t, what="staff", top=5)
    bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(bars) == 1
    segments = bars[0].lines[2][0].get_segments()
    top = t.iloc[0]
    assert segments[0][0][1] == pytest.approx(top["cost_per_month_low"])
    assert segments[0][1][1] == pytest.approx(top["cost_per_month_high"])
