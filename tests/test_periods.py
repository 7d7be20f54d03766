"""Before and after a change (`compare_periods`), checked by hand and by simulation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import shadowing as sh
from shadowing.errors import InputError, ParameterError
from shadowing.draw.periods import BETTER, WORSE
from shadowing.wording.periods import measures_table, savings_table

T0 = pd.Timestamp("2026-01-05 08:00")


def log_of(cases: dict[str, list[tuple[str, float]]], day0: int = 0) -> pd.DataFrame:
    """A log from {case: [(activity, hours after the case's start), ...]}; one case a day."""
    rows = []
    for i, (case, steps) in enumerate(cases.items()):
        start = T0 + pd.Timedelta(days=day0 + i)
        rows += [(case, act, start + pd.Timedelta(hours=h)) for act, h in steps]
    return pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp"])


# Before: throughput 3, 6, 5, 8 h; c3 has rework (B twice); main path A, B, C (c1, c2).
# Waits A→B: 2, 4, 1 (mean 7/3); B→C: 1, 2, 3 (mean 2).
BEFORE = {"c1": [("A", 0), ("B", 2), ("C", 3)], "c2": [("A", 0), ("B", 4), ("C", 6)],
          "c3": [("A", 0), ("B", 1), ("B", 2), ("C", 5)], "c4": [("A", 0), ("C", 8)]}
# After: throughput 2, 3, 3, 4 h; d4 has rework; three of four on the main path.
# Waits A→B: 1, 1, 2, 1 (mean 1.25); B→C: 1, 2, 1, 2 (mean 1.5).
AFTER = {"d1": [("A", 0), ("B", 1), ("C", 2)], "d2": [("A", 0), ("B", 1), ("C", 3)],
         "d3": [("A", 0), ("B", 2), ("C", 3)], "d4": [("A", 0), ("B", 1), ("B", 2), ("C", 4)]}


@pytest.fixture
def pair():
    return log_of(BEFORE), log_of(AFTER, day0=30)


def by_key(pc):
    m = pc.measures
    return m.set_index(m["measure"] + "|" + m["where"])


def test_hand_checked_values(pair):
    pc = sh.compare_periods(*pair, seed=3, min_cases=3)
    m = by_key(pc)
    expected = {
        "throughput_median|": (5.0, 3.0), "throughput_p90|": (8.0, 4.0),
        "rework_rate|": (0.25, 0.25), "main_path_share|A → B → C": (0.5, 0.75),
        "waiting|A → B": (7 / 3, 1.25), "waiting|B → C": (2.0, 1.5),
    }
    assert list(m.index) == list(expected)
    for key, (b, a) in expected.items():
        assert m.loc[key, "before"] == pytest.approx(b)
        assert m.loc[key, "after"] == pytest.approx(a)
        assert m.loc[key, "difference"] == pytest.approx(a - b)
        lo, hi = m.loc[key, "difference_low"], m.loc[key, "difference_high"]
        assert lo <= hi
    assert list(pc.measures.columns[:9]) == ["measure", "where", "before", "after", "difference",
                                             "difference_low", "difference_high", "real", "unit"]
    # units behind each measure: all cases, or the cases with the transition
    assert m["n_before"].tolist() == [4, 4, 4, 4, 3, 3] and m["n_after"].tolist() == [4] * 6
    assert m.loc["main_path_share|A → B → C", "better"] == "higher"
    assert m.loc["rework_rate|", "real"] == False  # noqa: E712 - a numpy/pandas bool
    # transitions of both periods, with their counts (for the delta map)
    t = pc.transitions.set_index(["source", "target"])
    assert t.loc[("A", "B"), "count_before"] == 3 and t.loc[("A", "B"), "count_after"] == 4
    assert t.loc[("A", "C"), "count_after"] == 0
    assert t.loc[("B", "C"), "wait_after"] == pytest.approx(1.5)


def test_seeded_bootstrap_is_reproducible(pair):
    a = sh.compare_periods(*pair, seed=11, min_cases=3).measures
    b = sh.compare_periods(*pair, seed=11, min_cases=3).measures
    c = sh.compare_periods(*pair, seed=12, min_cases=3).measures
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["difference_low"], c["difference_low"], equal_nan=True)


def test_cut_over_splits_one_log_by_case_start(pair):
    whole = pd.concat(pair, ignore_index=True)
    split = sh.compare_periods(whole, cut_over="2026-01-20", seed=3, min_cases=3)
    two = sh.compare_periods(*pair, seed=3, min_cases=3)
    pd.testing.assert_frame_equal(split.measures, two.measures)
    assert split.cut_over == pd.Timestamp("2026-01-20")
    assert split.periods["before"]["cases"] == 4 and split.periods["after"]["cases"] == 4


def test_a_clear_change_is_real_and_improved():
    rng = np.random.default_rng(0)
    before = log_of({f"b{i}": [("A", 0), ("B", 10 + rng.random())] for i in range(40)})
    after = log_of({f"a{i}": [("A", 0), ("B", 2 + rng.random())] for i in range(40)}, day0=60)
    pc = sh.compare_periods(before, after, seed=1)
    m = by_key(pc)
    assert bool(m.loc["waiting|A → B", "real"]) and bool(m.loc["waiting|A → B", "improved"])
    assert m.loc["waiting|A → B", "difference_high"] < -7
    assert len(pc.real_changes()) == 3          # median, p90 and the wait


def simulated(rng, n, scale):
    waits = rng.lognormal(mean=1.0, sigma=0.8, size=n) * scale
    steps = rng.lognormal(mean=0.0, sigma=0.5, size=n)
    return {f"x{i}": [("A", 0), ("B", w), ("C", w + s)] for i, (w, s) in
            enumerate(zip(waits, steps))}


def test_simulation_planted_change_found_null_not():
    """Over 40 seeds at the 90% level: a 40% cut of the waits is found almost always (in the
    wait and in the median throughput); with no change, the interval holds zero in about 90% of
    the runs (at most 20% false alarms per measure)."""
    measures = ["waiting|A → B", "throughput_median|", "throughput_p90|"]
    found = dict.fromkeys(measures, 0)
    false = dict.fromkeys(measures, 0)
    runs = 40
    for seed in range(runs):
        rng = np.random.default_rng(1000 + seed)
        before = log_of(simulated(rng, 80, 1.0))
        planted = log_of(simulated(rng, 80, 0.6), day0=100)
        null = log_of(simulated(rng, 80, 1.0), day0=100)
        m1 = by_key(sh.compare_periods(before, planted, seed=seed, n_boot=400, level=0.9))
        m0 = by_key(sh.compare_periods(before, null, seed=seed, n_boot=400, level=0.9))
        for key in measures:
            found[key] += bool(m1.loc[key, "real"])
            false[key] += bool(m0.loc[key, "real"])
    assert found["waiting|A → B"] / runs >= 0.9
    assert found["throughput_median|"] / runs >= 0.8
    for key in measures:
        assert false[key] / runs <= 0.2, (key, false)
    assert sum(false.values()) / (runs * len(measures)) <= 0.15


def obs(rows):
    f = pd.DataFrame(rows, columns=["person", "role", "start", "minutes", "tool", "waste"])
    f["start"] = pd.to_datetime(f["start"])
    f["end"] = f["start"] + pd.to_timedelta(f["minutes"], unit="min")
    f["duration_min"] = f.pop("minutes").astype(float)
    f["activity"] = "work"
    return f


OBS_BEFORE = obs([
    ("P1", "Sales", "2026-01-06 08:00", 60, "ERP", None),
    ("P1", "Sales", "2026-01-06 09:00", 60, "Excel", None),
    ("P1", "Sales", "2026-01-07 08:00", 120, "ERP", None),
    ("P2", "Office", "2026-01-06 08:00", 30, "Excel", "waiting"),
    ("P2", "Office", "2026-01-06 08:30", 90, "ERP", None),
])
OBS_AFTER = obs([
    ("P1", "Sales", "2026-03-03 08:00", 120, "ERP", None),
    ("P2", "Office", "2026-03-03 08:00", 120, "ERP", None),
])


def test_observation_measures_over_person_days(pair):
    pc = sh.compare_periods(*pair, observations_before=OBS_BEFORE, observations_after=OBS_AFTER,
                            official_systems="ERP", seed=2, min_cases=3)
    m = by_key(pc)
    assert m.loc["off_system_share|all", "before"] == pytest.approx(90 / 360)
    assert m.loc["off_system_share|Sales", "before"] == pytest.approx(60 / 240)
    assert m.loc["off_system_share|Office", "before"] == pytest.approx(30 / 120)
    assert m.loc["waste_share|Office", "before"] == pytest.approx(0.25)
    assert m.loc["waste_share|Sales", "before"] == 0
    assert m.loc["off_system_share|all", "after"] == 0
    assert m.loc["off_system_share|all", "n_before"] == 3      # person-days
    assert m.loc["off_system_share|all", "n_after"] == 2
    # one or two person-days per period give no interval (no spread to resample)
    days = m[m["basis"] == "person-days"]
    assert days["real"].isna().all() and days["difference_low"].isna().all()
    assert m.loc["off_system_share|all", "basis"] == "person-days"
    assert pc.periods["before"]["person_days"] == 3


def observed_days(rng, n, off_share, day0):
    """``n`` person-days of 8 hours; each day's off-system share ~ Normal(off_share, 0.12)."""
    rows = []
    for d in range(n):
        off = int(round(float(np.clip(rng.normal(off_share, 0.12), 0, 1)) * 480))
        day = pd.Timestamp("2026-01-05 08:00") + pd.Timedelta(days=day0 + d)
        rows.append((f"P{d % 4}", "Sales", day, 480 - off, "ERP", None))
        if off:
            rows.append((f"P{d % 4}", "Sales", day + pd.Timedelta(minutes=480 - off), off, "Excel", None))
    return obs(rows)


def test_simulation_over_person_days():
    """Ten observed person-days per period, 40 seeds, 90% level: off-system work cut from 40% to
    20% is found almost always; with no change at most 20% false alarms (6 of 40 here)."""
    log = log_of({f"c{i}": [("A", 0), ("B", 1 + i % 3)] for i in range(10)})
    found, false, runs = 0, 0, 40
    for seed in range(runs):
        rng = np.random.default_rng(500 + seed)
        before = observed_days(rng, 10, 0.4, 0)
        planted, null = observed_days(rng, 10, 0.2, 100), observed_days(rng, 10, 0.4, 100)
        for after, kind in ((planted, "planted"), (null, "null")):
            m = by_key(sh.compare_periods(log, log, observations_before=before,
                                          observations_after=after, official_systems="ERP",
                                          seed=seed, n_boot=400, min_cases=1))
            real = bool(m.loc["off_system_share|all", "real"])
            found += real and kind == "planted"
            false += real and kind == "null"
    assert found / runs >= 0.85
    assert false / runs <= 0.2


def test_without_official_systems_no_off_system_share(pair):
    pc = sh.compare_periods(*pair, observations_before=OBS_BEFORE, observations_after=OBS_AFTER,
                            seed=2, min_cases=3)
    assert "off_system_share" not in set(pc.measures["measure"])
    assert "waste_share" in set(pc.measures["measure"])


def test_estimated_against_realised_savings(pair):
    before = pd.DataFrame({"waste": ["rework", "waiting", "frustration"],
                           "where": ["Quote", "A → B", "printer"],
                           "staff_hours_per_month": [10.0, 0.0, 0.0],
                           "wait_hours_per_month": [0.0, 40.0, 0.0],
                           "staff_hours_per_month_low": [8.0, 0.0, 0.0],
                           "staff_hours_per_month_high": [12.0, 0.0, 0.0],
                           "wait_hours_per_month_low": [0.0, 30.0, 0.0],
                           "wait_hours_per_month_high": [0.0, 50.0, 0.0],
                           "cost_per_month": [500.0, 100.0, 0.0]})
    after = pd.DataFrame({"waste": ["rework"], "where": ["Quote"],
                          "staff_hours_per_month": [4.0], "wait_hours_per_month": [0.0],
                          "staff_hours_per_month_low": [3.0], "staff_hours_per_month_high": [9.0],
                          "wait_hours_per_month_low": [0.0], "wait_hours_per_month_high": [0.0],
                          "cost_per_month": [200.0]})
    pc = sh.compare_periods(*pair, hotspots_before=before, hotspots_after=after, seed=1,
                            min_cases=3)
    s = pc.savings.set_index("where")
    assert list(s.index) == ["Quote", "A → B"]                # frustrations carry no hours
    assert s.loc["Quote", "estimated_hours"] == 10 and s.loc["Quote", "realised_hours"] == 6
    assert s.loc["Quote", "realised_cost"] == 300 and s.loc["Quote", "realised_share"] == 0.6
    assert s.loc["Quote", "realised_hours_low"] == -1          # 8 - 9: may be no saving
    assert not bool(s.loc["Quote", "real"])
    # a hotspot not found after the change: fully realised, and real (30 - 0 > 0)
    assert s.loc["A → B", "realised_hours"] == 40 and bool(s.loc["A → B", "found_after"]) is False
    assert bool(s.loc["A → B", "real"])
    h = by_key(pc).loc["hotspot_hours|waiting: A → B"]
    assert (h["before"], h["after"], h["unit"]) == (40, 0, "h/month")
    words = savings_table(pc.savings, lang="nl")
    assert words.iloc[0, 0] == "herwerk: Quote" and "60%" in words.iloc[0, 3]


def test_hotspots_after_computed_when_not_given(pair):
    before = sh.hotspots(pair[0], hourly_rate=50)
    pc = sh.compare_periods(*pair, hotspots_before=before, seed=1, min_cases=3)
    assert len(pc.savings) == len(before[before["waste"] != "frustration"])
    assert pc.savings["estimated_cost"].notna().all()


def test_delta_map_and_chart(pair):
    rng = np.random.default_rng(0)
    before = log_of({f"b{i}": [("A", 0), ("B", 10 + rng.random()), ("C", 11)] for i in range(30)})
    after = log_of({f"a{i}": [("A", 0), ("B", 2 + rng.random()), ("C", 9)] for i in range(30)},
                   day0=60)
    pc = sh.compare_periods(before, after, seed=1)
    dot = pc.delta_map(lang="nl").to_dot()
    assert BETTER in dot and WORSE in dot                   # A→B fell, B→C rose
    assert "30 → 30" in dot and "Voor en na" in dot
    ax = sh.plot_period_comparison(pc, lang="en")
    assert len(ax.get_yticks()) == len(pc.measures) - 1     # rework: 0 before and after
    assert ax.get_yticklabels()[0].get_text() == "Throughput time (median)"
    ax2 = sh.plot_period_comparison(pc.measures, measures="waiting")
    assert len(ax2.get_yticks()) == 2
    with pytest.raises(ParameterError, match="'measures' parameter of plot_period_comparison"):
        sh.plot_period_comparison(pc, measures="speed")


def test_words_in_both_languages(pair):
    pc = sh.compare_periods(*pair, seed=3, min_cases=3)
    en = measures_table(pc.measures, lang="en")
    nl = measures_table(pc.measures, lang="nl")
    assert en["measure"].iloc[0] == "Throughput time (median)"
    assert nl["measure"].iloc[4] == "Wachten A → B"
    assert nl["voor"].iloc[0] == "5,0 u" and en["after"].iloc[3] == "75%"
    assert sh.period_summary(pc, lang="nl")[0].startswith("Van 6 maten met een interval")
    hot = pd.DataFrame({"waste": ["rework"], "where": ["B"], "staff_hours_per_month": [10.0],
                        "wait_hours_per_month": [0.0], "cost_per_month": [450.0]})
    pc2 = sh.compare_periods(*pair, hotspots_before=hot, hotspots_after=hot.iloc[:0], seed=3,
                             min_cases=3)
    assert sh.period_summary(pc2, lang="en")[-1] == (
        "Earlier hotspots (1): estimated at €450 a month, 10 staff hours a month; "
        "realised: €450 and 10 staff hours a month.")


@pytest.mark.parametrize("kwargs, error, match", [
    ({"after": "x", "cut_over": "2026-01-01"}, ParameterError, "either two logs .* Got both"),
    ({}, ParameterError, "Got neither"),
    ({"cut_over": "2026-01-01", "level": 1.5}, ParameterError, "'level' parameter of compare_periods"),
    ({"cut_over": "2026-01-01", "n_boot": 10}, ParameterError, "'n_boot' parameter"),
    ({"cut_over": "yesterday-ish"}, ParameterError, "'cut_over' parameter of compare_periods must be a date"),
    ({"cut_over": "2027-01-01"}, InputError, "the after period has no cases"),
])
def test_errors(pair, kwargs, error, match):
    with pytest.raises(error, match=match):
        sh.compare_periods(pair[0], **kwargs)


# -- the construction sample: firm B acted on the hotspots, firm A did not -------------------

SAMPLE = sh.sample_path("construction")


@pytest.fixture(scope="module")
def construction():
    import yaml

    truth = yaml.safe_load((SAMPLE / "truth.yaml").read_text(encoding="utf-8"))
    if "change" not in truth:
        pytest.skip("the construction sample has no after-data")
    files = truth["change"]["files"]
    logs = {k: sh.read_event_log(SAMPLE / files[k]).frame for k in ("log_before", "log_after")}
    obs = {k: sh.read_observations(SAMPLE / files[k]).frame
           for k in ("observations_before", "observations_after")}
    firm_of = pd.read_csv(SAMPLE / files["observations_before"]).groupby("person")["firm"].first()
    return truth["change"], logs, obs, firm_of


@pytest.mark.parametrize("firm", ["Wouters Bouw", "Bouwbedrijf Claes"])
def test_construction_before_after_finds_what_was_planted(construction, firm):
    change, logs, obs, firm_of = construction
    want = change["firms"][firm]

    def of_firm(frame, col):
        return frame[frame[col].map(firm_of).eq(firm)] if col == "person" else frame[frame[col] == firm]

    before = of_firm(logs["log_before"], "firm")
    hot = sh.hotspots(before, observations=of_firm(obs["observations_before"], "person"),
                      hourly_rate=52, official_systems="BouwPlan")
    pc = sh.compare_periods(before, of_firm(logs["log_after"], "firm"),
                            observations_before=of_firm(obs["observations_before"], "person"),
                            observations_after=of_firm(obs["observations_after"], "person"),
                            hotspots_before=hot, official_systems="BouwPlan", seed=7,
                            level=change["level"])
    m = by_key(pc)
    improved = set(m.index[m["improved"].fillna(False).astype(bool)])
    for source, target in want["waits_fall"]:
        assert f"waiting|{source} → {target}" in improved
    if not want["waits_fall"]:
        assert not any(k.startswith("waiting|") for k in improved)
    assert ("throughput_median|" in improved) == want["throughput_median_falls"]
    assert ("off_system_share|all" in improved) == want["off_system_share_falls"]
    assert m.loc["off_system_share|all", "before"] == pytest.approx(
        want["off_system_share"]["before"], abs=0.01)
    assert len(pc.savings) > 5 and pc.savings["estimated_cost"].gt(0).all()
