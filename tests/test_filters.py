"""Filters: hand-checkable cases, the record on the log, and the sepsis log against pandas and
pm4py's filter of the same name."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import shadowing as sh
from shadowing.analysis.filters import FILTERS

CASE, ACT, TS = "case:concept:name", "concept:name", "time:timestamp"


def cases_of(log) -> set[str]:
    return set(log.frame[CASE].astype(str))


@pytest.fixture
def tiny(tiny_frame):
    return sh.read_event_log(tiny_frame)


# -- hand-checkable ------------------------------------------------------------------------------
# case 1: a(02-02 08:00) b(09:00) c(11:00); case 2: a(02-02 08:00) c(08:30);
# case 3: a(02-03 10:00) b(10:10) b(10:40) c(12:00)

@pytest.mark.parametrize("call,expected", [
    (lambda lg: sh.filter_time_range(lg, dt1="2026-02-02", dt2="2026-02-02 23:59"), {"1", "2"}),
    (lambda lg: sh.filter_time_range(lg, dt1="2026-02-02 08:15", dt2="2026-02-02 10:00",
                                     mode="intersecting"), {"1", "2"}),
    (lambda lg: sh.filter_time_range(lg, dt1="2026-02-02 08:45", dt2="2026-02-02 10:00",
                                     mode="intersecting"), {"1"}),
    (lambda lg: sh.filter_time_range(lg, dt1="2026-02-02 08:00", dt2="2026-02-02 08:00",
                                     mode="started"), {"1", "2"}),
    (lambda lg: sh.filter_time_range(lg, dt1="2026-02-02 10:00", dt2="2026-02-03 11:00",
                                     mode="completed"), {"1"}),
    (lambda lg: sh.filter_time_range(lg, dt1="2026-02-03", dt2="2026-02-04",
                                     mode="traces_contained"), {"3"}),
    (lambda lg: sh.filter_event_attribute_values(lg, attribute_key="org:resource",
                                                 values=["cas"]), {"3"}),
    (lambda lg: sh.filter_event_attribute_values(lg, attribute_key="org:resource",
                                                 values="bob", retain=False), {"2"}),
    (lambda lg: sh.filter_trace_attribute_values(lg, attribute_key="case:concept:name",
                                                 values=["2", "3"]), {"2", "3"}),
    (lambda lg: sh.filter_cases(lg, cases=["1", 3]), {"1", "3"}),
    (lambda lg: sh.filter_cases(lg, cases=["1"], retain=False), {"2", "3"}),
    (lambda lg: sh.filter_variants_top_k(lg, k=1), {"3"}),       # ties broken by text: a→b→b→c
    (lambda lg: sh.filter_variants_top_k(lg, k=2), {"1", "3"}),
    (lambda lg: sh.filter_variants_by_coverage_percentage(lg, min_coverage_percentage=0.3),
     {"1", "2", "3"}),
    (lambda lg: sh.filter_variants_by_coverage_percentage(lg, min_coverage_percentage=0.34),
     set()),
    (lambda lg: sh.filter_variants(lg, variants=["a → c"]), {"2"}),
    (lambda lg: sh.filter_variants(lg, variants=[("a", "b", "c")], retain=False), {"2", "3"}),
    (lambda lg: sh.filter_case_size(lg, min_size=3, max_size=3), {"1"}),
    (lambda lg: sh.filter_case_size(lg, min_size=3), {"1", "3"}),
    (lambda lg: sh.filter_case_performance(lg, max_performance=3600), {"2"}),
    (lambda lg: sh.filter_case_performance(lg, min_performance="2h"), {"1", "3"}),  # 3 h, 2 h
    (lambda lg: sh.filter_case_performance(lg, min_performance=pd.Timedelta("2h") + pd.Timedelta("1s")),
     {"1"}),
    (lambda lg: sh.filter_start_activities(lg, activities=["a"]), {"1", "2", "3"}),
    (lambda lg: sh.filter_end_activities(lg, activities=["c"], retain=False), set()),
    (lambda lg: sh.filter_directly_follows_relation(lg, relations=[("b", "b")]), {"3"}),
    (lambda lg: sh.filter_directly_follows_relation(lg, relations=[("a", "c"), ("b", "b")]),
     {"2", "3"}),
    (lambda lg: sh.filter_directly_follows_relation(lg, relations=[("a", "b")], retain=False),
     {"2"}),
    (lambda lg: sh.filter_eventually_follows_relation(lg, relations=[("a", "c")]),
     {"1", "2", "3"}),
    (lambda lg: sh.filter_eventually_follows_relation(lg, relations=[("c", "a")]), set()),
    (lambda lg: sh.filter_eventually_follows_relation(lg, relations=[("b", "b")]), {"3"}),
])
def test_hand_checked_cases(tiny, call, expected):
    out = call(tiny)
    assert isinstance(out, sh.EventLog)
    assert cases_of(out) == expected
    # case-level filters keep whole cases
    assert len(out.frame) == int(tiny.frame[CASE].astype(str).isin(expected).sum())


def test_event_level_filters_keep_events(tiny):
    out = sh.filter_activities(tiny, activities=["b"], retain=False)
    assert out.frame[ACT].astype(str).tolist() == ["a", "c", "a", "c", "a", "c"]
    assert out.filters[-1].events == 3 and out.filters[-1].cases == 0
    only_b = sh.filter_activities(tiny, activities=["b"])
    assert cases_of(only_b) == {"1", "3"} and len(only_b.frame) == 3
    assert only_b.filters[-1].cases == 1  # case 2 has no b: it disappears
    assert set(only_b.frame[ACT].astype(str)) == {"b"}
    assert sh.process_map(only_b).nodes["activity"].tolist() == ["b"]  # no empty activity left
    ev = sh.filter_event_attribute_values(tiny, attribute_key="org:resource", values=["ann"],
                                          level="event")
    assert len(ev.frame) == 5 and set(ev.frame["org:resource"].astype(str)) == {"ann"}
    trimmed = sh.filter_time_range(tiny, dt1="2026-02-02 08:30", dt2="2026-02-03 10:10",
                                   mode="trimmed")
    assert trimmed.frame[TS].dt.strftime("%d %H:%M").tolist() == [
        "02 09:00", "02 11:00", "02 08:30", "03 10:00", "03 10:10"]


def test_source_column_names_work(tmp_path):
    csv = tmp_path / "log.csv"
    csv.write_text("Zaak;Stap;Tijdstip;Medewerker\n1;a;02-02-2026 08:00;Ann\n1;b;02-02-2026 09:00;"
                   "Bob\n2;a;02-02-2026 08:00;Ann\n", encoding="utf-8")
    lg = sh.read_event_log(csv)
    out = sh.filter_event_attribute_values(lg, attribute_key="Medewerker", values=["Bob"])
    assert cases_of(out) == {"1"}


def test_filters_are_recorded_chained_and_shown(tiny):
    before = tiny.frame.copy()
    out = sh.filter_time_range(tiny, dt1="2026-02-02", dt2="2026-02-03 23:59")
    out = sh.filter_variants_top_k(out, k=2)
    out = sh.filter_activities(out, activities=["b"], retain=False)
    pd.testing.assert_frame_equal(tiny.frame, before)  # the input is never changed
    assert tiny.filters == ()
    assert [f.name for f in out.filters] == ["filter_time_range", "filter_variants_top_k",
                                             "filter_activities"]
    assert out.filters[1] == sh.AppliedFilter("filter_variants_top_k", (("k", 2),), 1, 2)
    assert out.filters[2].cases == 0 and out.filters[2].events == 3
    assert dataclasses.is_dataclass(out.filters[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        out.filters[0].cases = 5
    # accounting: rows read = analysed + set aside by filters + rejected
    s = out.summary()
    assert s["rows read"] == 9 and s["rows set aside by filters"] == 5 and s["events"] == 4
    assert s["rows read"] == s["events"] + s["rows set aside by filters"] + s["rows rejected"]
    text = repr(out)
    assert "filter_variants_top_k(k=2): 1 case, 2 events set aside" in text
    html = out._repr_html_()
    assert html.count("<li>") == 3 and "filter_activities(activities=[&#x27;b&#x27;]" in html
    # every map footnote says what was filtered, in the map's language
    m = sh.process_map(out)
    assert "Filtered: filter_time_range(" in m.footnote
    assert "filter_variants_top_k(k=2) (1 case, 2 events set aside)" in m.footnote
    assert "filter_activities" in m.footnote and "Filtered" in m.to_dot()
    nl = sh.process_map(out, lang="nl")
    assert "Gefilterd: " in nl.footnote and "1 zaak, 2 gebeurtenissen apart gezet" in nl.footnote
    assert "Filtered" not in sh.process_map(tiny).footnote


def test_dataframe_input_and_pm4py_style_frames(tiny_frame):
    out = sh.filter_case_size(tiny_frame, min_size=4)
    assert isinstance(out, sh.EventLog) and cases_of(out) == {"3"}
    assert out.rows_read == 9 and out.filters[0].events == 5


def test_nothing_filtered_shares_nothing_mutable(tiny):
    out = sh.filter_start_activities(tiny, activities=["a"])
    assert out.filters[0].cases == 0 and out.filters[0].events == 0
    assert len(out.frame) == len(tiny.frame)


def test_every_filter_is_public_and_keyword_only():
    import inspect

    for name, func in FILTERS.items():
        assert inspect.unwrap(getattr(sh, name)) is func and name in sh.__all__
        params = list(inspect.signature(func).parameters.values())
        assert [p.name for p in params if p.kind == p.POSITIONAL_OR_KEYWORD] == ["log"]


@pytest.mark.parametrize("call,match", [
    (lambda lg: sh.filter_time_range(lg, dt1="2026-02-02", dt2="2026-02-03", mode="contaned"),
     "must be one of .*Did you mean 'contained'"),
    (lambda lg: sh.filter_time_range(lg, dt1="2026-02-04", dt2="2026-02-03"), "dt1 .* is after dt2"),
    (lambda lg: sh.filter_time_range(lg, dt1="yesterday-ish", dt2="2026-02-03"),
     "'dt1' parameter of filter_time_range must be a date/time"),
    (lambda lg: sh.filter_time_range(lg, dt1="2026-02-02T00:00+01:00", dt2="2026-02-03"),
     "has a time zone"),
    (lambda lg: sh.filter_event_attribute_values(lg, attribute_key="resourse", values=["ann"]),
     "column 'resourse' not found. Did you mean 'org:resource'.*Columns are"),
    (lambda lg: sh.filter_event_attribute_values(lg, attribute_key="org:resource", values=["Ann"]),
     "none of the values 'Ann'.*Did you mean 'ann'"),
    (lambda lg: sh.filter_event_attribute_values(lg, attribute_key="org:resource", values=[]),
     "at least one value"),
    (lambda lg: sh.filter_event_attribute_values(lg, attribute_key="org:resource", values=["ann"],
                                                 level="trace"), "'level' parameter"),
    (lambda lg: sh.filter_cases(lg, cases=["9"]), "none of the case ids '9'"),
    (lambda lg: sh.filter_variants_top_k(lg, k=0), "'k' parameter .* integer of at least 1"),
    (lambda lg: sh.filter_variants_top_k(lg, k=1.5), "'k' parameter"),
    (lambda lg: sh.filter_variants_by_coverage_percentage(lg, min_coverage_percentage=5),
     "share between 0 and 1"),
    (lambda lg: sh.filter_variants(lg, variants=["a → d"]), "no case follows the variant"),
    (lambda lg: sh.filter_variants(lg, variants=["a → c"], retain="yes"),
     "'retain' parameter .* True or False"),
    (lambda lg: sh.filter_case_size(lg, min_size=3, max_size=2), "max_size .* below min_size"),
    (lambda lg: sh.filter_case_performance(lg, min_performance="soon"),
     "'min_performance' parameter .* seconds or a duration"),
    (lambda lg: sh.filter_case_performance(lg, min_performance=10, max_performance=5),
     "below min_performance"),
    (lambda lg: sh.filter_start_activities(lg, activities=["A "]),
     "activity 'A ' is not in the log. Did you mean 'a'"),
    (lambda lg: sh.filter_end_activities(lg, activities=["x", "y"]), "activities 'x', 'y' are not"),
    (lambda lg: sh.filter_directly_follows_relation(lg, relations=["ab"]),
     "list of \\(activity, activity\\) pairs"),
    (lambda lg: sh.filter_eventually_follows_relation(lg, relations=[("a", "z")]),
     "activity 'z' is not in the log"),
    (lambda lg: sh.filter_activities(lg, activities=["bb"]), "Did you mean 'b'"),
    (lambda lg: sh.filter_activities(lg, activities=None), "'activities' parameter .* required"),
])
def test_errors(tiny, call, match):
    with pytest.raises((sh.ParameterError, sh.ColumnNotFoundError), match=match):
        call(tiny)


def test_time_bounds_in_an_aware_log(tiny_frame):
    df = tiny_frame.copy()
    df[TS] = df[TS].dt.tz_localize("Europe/Brussels")
    lg = sh.read_event_log(df)
    naive = sh.filter_time_range(lg, dt1="2026-02-02 08:30", dt2="2026-02-02 23:00",
                                 mode="completed")
    aware = sh.filter_time_range(lg, dt1="2026-02-02T07:30Z", dt2="2026-02-02T22:00Z",
                                 mode="completed")
    assert cases_of(naive) == cases_of(aware) == {"1", "2"}


def test_missing_case_ids_are_logged(tiny, caplog):
    out = sh.filter_cases(tiny, cases=["1", "404"])
    assert cases_of(out) == {"1"}
    assert "1 of the 2 case ids are not in the log" in caplog.text


# -- the sepsis log: against pandas and pm4py ------------------------------------------------

@pytest.fixture(scope="module")
def sepsis():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "sepsis" / "sepsis.csv"
    if not path.exists():
        pytest.skip(f"real logs not available: {path} does not exist (only beside the project)")
    return sh.read_event_log(path)


@pytest.fixture(scope="module")
def sepsis_pm(sepsis):
    """The same frame with text labels (pm4py refuses categorical case/activity columns)."""
    df = sepsis.frame.copy()
    for col in df.columns:
        if isinstance(df[col].dtype, pd.CategoricalDtype):
            df[col] = df[col].astype(str)
    return df


@pytest.fixture(scope="module")
def sepsis_utc(sepsis_pm):
    """pm4py's time filters compare with UTC times (as format_dataframe makes them)."""
    return sepsis_pm.assign(**{TS: sepsis_pm[TS].dt.tz_localize("UTC")})


def _pm():
    from shadowing._pm4py import pm4py, quiet

    return pm4py(), quiet


def _pm_cases(frame) -> set[str]:
    return set(frame[CASE].astype(str))


def _pandas_case_facts(df: pd.DataFrame) -> pd.DataFrame:
    g = df.groupby(CASE, sort=False)
    seq = g[ACT].agg(lambda s: " → ".join(s))  # one string per case: fine for a reference
    return pd.DataFrame({"first": g[TS].min(), "last": g[TS].max(), "size": g.size(),
                         "start": g[ACT].first(), "end": g[ACT].last(), "variant": seq})


@pytest.fixture(scope="module")
def facts(sepsis_pm):
    return _pandas_case_facts(sepsis_pm)


def test_sepsis_time_range(sepsis, sepsis_pm, sepsis_utc, facts):
    pm, quiet = _pm()
    lo, hi = pd.Timestamp("2014-06-01 00:00:00.5"), pd.Timestamp("2014-09-30 23:59:59.5")
    expected = {
        "contained": facts.index[(facts["first"] >= lo) & (facts["last"] <= hi)],
        "intersecting": facts.index[(facts["first"] <= hi) & (facts["last"] >= lo)],
        "started": facts.index[facts["first"].between(lo, hi)],
        "completed": facts.index[facts["last"].between(lo, hi)],
    }
    pm_mode = {"contained": "traces_contained", "intersecting": "traces_intersecting",
               "started": "traces_starting_in", "completed": "traces_completing_in"}
    for mode, ids in expected.items():
        ours = sh.filter_time_range(sepsis, dt1=lo, dt2=hi, mode=mode)
        assert cases_of(ours) == set(ids), mode
        assert len(ours.frame) == int(sepsis_pm[CASE].isin(ids).sum()), mode
        with quiet():
            theirs = pm.filter_time_range(sepsis_utc, lo.tz_localize("UTC"), hi.tz_localize("UTC"),
                                          mode=pm_mode[mode])
        assert cases_of(ours) == _pm_cases(theirs), mode
        assert 0 < len(ids) < len(facts)
    trimmed = sh.filter_time_range(sepsis, dt1=lo, dt2=hi, mode="trimmed")
    with quiet():
        theirs = pm.filter_time_range(sepsis_utc, lo.tz_localize("UTC"), hi.tz_localize("UTC"),
                                      mode="events")
    assert len(trimmed.frame) == len(theirs) == int(sepsis_pm[TS].between(lo, hi).sum())
    assert trimmed.frame["line"].tolist() == theirs["line"].tolist()


def test_sepsis_attributes(sepsis, sepsis_pm):
    pm, quiet = _pm()
    values = ["A", "C"]
    ours = sh.filter_event_attribute_values(sepsis, attribute_key="org:resource", values=values)
    expected = set(sepsis_pm.loc[sepsis_pm["org:resource"].isin(values), CASE])
    with quiet():
        theirs = pm.filter_event_attribute_values(sepsis_pm, "org:resource", values, level="case")
        theirs_ev = pm.filter_event_attribute_values(sepsis_pm, "org:resource", values,
                                                     level="event", retain=False)
        theirs_tr = pm.filter_trace_attribute_values(sepsis_pm, "Diagnose", ["A", "B"])
    assert cases_of(ours) == expected == _pm_cases(theirs)
    ours_ev = sh.filter_event_attribute_values(sepsis, attribute_key="org:group", values=values,
                                               level="event", retain=False)  # source name
    assert ours_ev.frame["line"].tolist() == theirs_ev["line"].tolist()
    assert len(ours_ev.frame) == int((~sepsis_pm["org:resource"].isin(values)).sum())
    ours_tr = sh.filter_trace_attribute_values(sepsis, attribute_key="Diagnose", values=["A", "B"])
    assert cases_of(ours_tr) == _pm_cases(theirs_tr) == set(
        sepsis_pm.loc[sepsis_pm["Diagnose"].isin(["A", "B"]), CASE])
    ids = sorted(sepsis_pm[CASE].unique())[:25]
    assert cases_of(sh.filter_cases(sepsis, cases=ids)) == set(ids)
    with quiet():
        theirs_ids = pm.filter_trace_attribute_values(sepsis_pm, CASE, ids)
    assert _pm_cases(theirs_ids) == set(ids)


def test_sepsis_variants(sepsis, sepsis_pm, facts):
    pm, quiet = _pm()
    counts = facts["variant"].value_counts()
    order = sorted(counts.index, key=lambda v: (-counts[v], v))
    # top k. pm4py.filter_variants_top_k raises ArrowNotImplementedError on pandas 3 with a
    # frame from format_dataframe (TRAPS.md); on our frame it runs, and where the k-th and
    # (k+1)-th variants tie it may pick another tied variant, so those k are compared with the
    # equivalent: pm4py.get_variants (its counts) + pm4py.filter_variants of the k first.
    with quiet():
        pm_counts = pm.get_variants(sepsis_pm)
    assert {" → ".join(k): v for k, v in pm_counts.items()} == counts.to_dict()
    ranked = counts[order].to_numpy()
    for k in (1, 2, 5, 20):
        ours = sh.filter_variants_top_k(sepsis, k=k)
        assert cases_of(ours) == set(facts.index[facts["variant"].isin(order[:k])]), k
        assert ours.filters[-1].cases == len(facts) - counts[order[:k]].sum()
        top = sorted(pm_counts, key=lambda v: (-pm_counts[v], " → ".join(v)))[:k]
        with quiet():
            equivalent = pm.filter_variants(sepsis_pm, top)
            direct = pm.filter_variants_top_k(sepsis_pm, k)
        assert cases_of(ours) == _pm_cases(equivalent), k
        if ranked[k - 1] > ranked[k]:  # no tie at the cut: pm4py's own filter agrees
            assert cases_of(ours) == _pm_cases(direct), k
    assert ranked[0] > ranked[1]  # at least k=1 compared with pm4py's own filter
    # coverage
    for share in (0.005, 0.01, 0.02):
        with quiet():
            theirs = pm.filter_variants_by_coverage_percentage(sepsis_pm, share)
        ours = sh.filter_variants_by_coverage_percentage(sepsis, min_coverage_percentage=share)
        kept = counts.index[counts >= share * len(facts)]
        assert cases_of(ours) == _pm_cases(theirs) == set(facts.index[facts["variant"].isin(kept)])
        assert len(ours.frame) > 0
    # explicit, both spellings, retain both ways
    chosen = [tuple(order[0].split(" → ")), order[3]]
    with quiet():
        theirs = pm.filter_variants(sepsis_pm, [tuple(order[0].split(" → ")),
                                                tuple(order[3].split(" → "))], retain=False)
    ours = sh.filter_variants(sepsis, variants=chosen, retain=False)
    assert cases_of(ours) == _pm_cases(theirs) == set(
        facts.index[~facts["variant"].isin([order[0], order[3]])])


def test_sepsis_size_and_performance(sepsis, sepsis_pm, facts):
    pm, quiet = _pm()
    with quiet():
        theirs = pm.filter_case_size(sepsis_pm, 5, 12)
    ours = sh.filter_case_size(sepsis, min_size=5, max_size=12)
    assert cases_of(ours) == _pm_cases(theirs) == set(facts.index[facts["size"].between(5, 12)])
    secs = (facts["last"] - facts["first"]).dt.total_seconds()
    lo, hi = 86400.0, 30 * 86400.0
    with quiet():
        theirs = pm.filter_case_performance(sepsis_pm, lo, hi)
    ours = sh.filter_case_performance(sepsis, min_performance="1 day", max_performance=hi)
    assert cases_of(ours) == _pm_cases(theirs) == set(facts.index[secs.between(lo, hi)])
    assert 0 < len(cases_of(ours)) < len(facts)


def test_sepsis_endpoints_and_followers(sepsis, sepsis_pm, facts):
    pm, quiet = _pm()
    with quiet():
        st = pm.filter_start_activities(sepsis_pm, ["ER Registration"], retain=False)
        en = pm.filter_end_activities(sepsis_pm, ["Release A", "Release B"])
        df_rel = pm.filter_directly_follows_relation(sepsis_pm, [("ER Triage", "CRP"),
                                                                 ("Leucocytes", "Leucocytes")])
        ef_rel = pm.filter_eventually_follows_relation(sepsis_pm, [("IV Antibiotics", "LacticAcid")],
                                                       retain=False)
        act = pm.filter_event_attribute_values(sepsis_pm, ACT, ["CRP", "Leucocytes"], level="event",
                                               retain=False)
    ours = sh.filter_start_activities(sepsis, activities=["ER Registration"], retain=False)
    assert cases_of(ours) == _pm_cases(st) == set(facts.index[facts["start"] != "ER Registration"])
    ours = sh.filter_end_activities(sepsis, activities=["Release A", "Release B"])
    assert cases_of(ours) == _pm_cases(en) == set(
        facts.index[facts["end"].isin(["Release A", "Release B"])])
    ours = sh.filter_directly_follows_relation(
        sepsis, relations=[("ER Triage", "CRP"), ("Leucocytes", "Leucocytes")])
    pandas_df = facts["variant"].str.contains("ER Triage → CRP", regex=False) | facts[
        "variant"].str.contains("Leucocytes → Leucocytes", regex=False)
    assert cases_of(ours) == _pm_cases(df_rel) == set(facts.index[pandas_df])
    ours = sh.filter_eventually_follows_relation(sepsis, relations=[("IV Antibiotics", "LacticAcid")],
                                                 retain=False)
    g = sepsis_pm.assign(pos=np.arange(len(sepsis_pm))).groupby(CASE)
    first_iv = sepsis_pm.assign(pos=np.arange(len(sepsis_pm)))[sepsis_pm[ACT] == "IV Antibiotics"] \
        .groupby(CASE)["pos"].min()
    last_la = sepsis_pm.assign(pos=np.arange(len(sepsis_pm)))[sepsis_pm[ACT] == "LacticAcid"] \
        .groupby(CASE)["pos"].max()
    both = pd.concat([first_iv, last_la], axis=1, keys=["iv", "la"]).dropna()
    follows = set(both.index[both["iv"] < both["la"]])
    assert len(g) == len(facts)
    assert cases_of(ours) == _pm_cases(ef_rel) == set(facts.index) - follows
    ours = sh.filter_activities(sepsis, activities=["CRP", "Leucocytes"], retain=False)
    assert ours.frame["line"].tolist() == act["line"].tolist()
    assert ours.summary()["rows set aside by filters"] == int(
        sepsis_pm[ACT].isin(["CRP", "Leucocytes"]).sum())


def test_sepsis_chain_footnote(sepsis):
    out = sh.filter_variants_by_coverage_percentage(
        sh.filter_time_range(sepsis, dt1="2014-01-01", dt2="2014-12-31 23:59:59",
                             mode="started"), min_coverage_percentage=0.01)
    s = out.summary()
    assert s["rows read"] == 15214 == s["events"] + s["rows set aside by filters"]
    foot = sh.process_map(out).footnote
    assert foot.count("filter_") == 2 and "Filtered: filter_time_range(" in foot


def test_time_range_on_a_frame_whose_cases_are_not_together(tiny):
    mixed = tiny.frame.iloc[[0, 3, 5, 1, 4, 6, 2, 7, 8]].reset_index(drop=True)
    lg = sh.EventLog(frame=mixed, rows_read=9)
    for mode in ("contained", "intersecting", "started", "completed"):
        a = sh.filter_time_range(lg, dt1="2026-02-02 08:15", dt2="2026-02-03 11:00", mode=mode)
        b = sh.filter_time_range(tiny, dt1="2026-02-02 08:15", dt2="2026-02-03 11:00", mode=mode)
        assert cases_of(a) == cases_of(b), mode


def test_the_diff_map_of_a_filtered_log_says_so(samples):
    log = sh.read_event_log(samples / "wholesale" / "eventlog.csv")
    team = sh.read_perceived(samples / "wholesale" / "perceived_team.yaml")
    main = sh.filter_variants_top_k(log, k=3)
    c = sh.compare(team, main)
    assert c.filters == main.filters and c.n_cases == main.n_cases
    assert "Filtered: filter_variants_top_k(k=3)" in c.map().footnote
    assert "Filtered" not in sh.compare(team, log).map().footnote
    both = sh.compare([team, team], main)
    assert all(x.filters == main.filters for x in both.comparisons.values())


def test_a_lifecycle_log_is_filtered_on_its_steps_and_stays_balanced():
    rows = [("1", "a", "start", "2026-02-02 08:00"), ("1", "a", "complete", "2026-02-02 08:30"),
            ("1", "b", "start", "2026-02-02 09:00"), ("1", "b", "complete", "2026-02-02 09:10"),
            ("2", "a", "start", "2026-02-02 08:00"), ("2", "a", "complete", "2026-02-02 08:20"),
            ("3", "b", "complete", "2026-02-03 10:00")]
    df = pd.DataFrame(rows, columns=[CASE, ACT, "lifecycle:transition", TS])
    df[TS] = pd.to_datetime(df[TS])
    lg = sh.read_event_log(df)
    assert lg.accounting.unit == "activity instances"
    # case size counts steps (a start/complete pair is one step), as sh.variants does
    two = sh.filter_case_size(lg, min_size=2)
    assert cases_of(two) == {"1"} and len(two.frame) == 4
    assert sh.variants(two)["variant"].tolist() == ["a → b"]
    only_a = sh.filter_variants(lg, variants=["a"])
    assert cases_of(only_a) == {"2"}
    for out in (two, only_a, sh.filter_start_activities(lg, activities=["b"])):
        acc = out.accounting
        assert acc.balanced and acc.rows_read == 7
        assert any(reason.startswith("filter_") for reason, _ in acc.set_aside)
