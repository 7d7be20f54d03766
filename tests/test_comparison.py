"""compare: perceived against actual, on a hand-checkable log, the real logs and the samples."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
import yaml

import shadowing as sh
from shadowing import Comparison, Comparisons, compare, compare_perceptions, read_perceived
from shadowing._pm4py import pm4py, quiet

CASE, ACT, TS = "case:concept:name", "concept:name", "time:timestamp"


def make_log(cases: dict[str, list[str]], start=None) -> pd.DataFrame:
    """One event per hour per case, from 2026-02-02 08:00."""
    rows = []
    for case, acts in cases.items():
        for i, a in enumerate(acts):
            rows.append((case, a, pd.Timestamp("2026-02-02 08:00") + pd.Timedelta(hours=i)))
    df = pd.DataFrame(rows, columns=[CASE, ACT, TS])
    if start is not None:
        df["start_timestamp"] = df[TS] - start
    return df


#: Six orders, checkable by hand against the four-step perception below.
#: 1, 2: as told                                   -> fit
#: 3, 4: an Excel check between stock check and confirmation   -> hidden work
#: 5:    no stock check                            -> skipped step
#: 6:    confirmed, checked again, confirmed again -> loop (rework)
ORDERS = {
    "1": ["Receive", "Check stock", "Confirm", "Shipped"],
    "2": ["Receive", "Check stock", "Confirm", "Shipped"],
    "3": ["Receive", "Check stock", "Check Excel", "Confirm", "Shipped"],
    "4": ["Receive", "Check stock", "Check Excel", "Confirm", "Shipped"],
    "5": ["Receive", "Confirm", "Shipped"],
    "6": ["Receive", "Check stock", "Confirm", "Check stock", "Confirm", "Shipped"],
}
PERCEIVED = {"name": "Orders", "told_by": "manager",
             "steps": ["Receive", "Check stock", "Confirm", "Ship"],
             "aliases": {"Ship": ["Shipped"]},
             "durations": {"Receive → Check stock": "1 uur", "Check stock": "5 min",
                           "Receive -> Ship": "2 u"}}


@pytest.fixture
def orders() -> pd.DataFrame:
    return make_log(ORDERS)


@pytest.fixture
def comparison(orders) -> Comparison:
    return compare(PERCEIVED, orders)


def test_statuses_and_counts(comparison, orders):
    a = comparison.activities.set_index("activity")
    assert a.loc[["Receive", "Check stock", "Confirm", "Ship"], "status"].eq("matched").all()
    assert a.loc["Ship", "log_activities"] == "Shipped" and a.loc["Ship", "match"] == "alias"
    assert a.loc["Receive", "match"] == "exact"
    assert a.loc["Check Excel", "status"] == "hidden"
    assert a["cases"].to_dict() == {"Receive": 6, "Check stock": 5, "Confirm": 6, "Ship": 6,
                                    "Check Excel": 2}
    assert a.loc["Check stock", "events"] == 6 and a.loc["Confirm", "events"] == 7
    assert a.loc["Check Excel", "share"] == pytest.approx(2 / 6)
    f = comparison.flows.set_index(["source", "target"])
    assert f.loc[("Receive", "Check stock"), ["status", "cases"]].tolist() == ["matched", 5]
    assert f.loc[("Check stock", "Confirm"), ["cases", "occurrences"]].tolist() == [3, 4]
    assert f.loc[("Confirm", "Ship"), "cases"] == 6
    hidden = f.loc[f["status"] == "hidden", "cases"].to_dict()
    assert hidden == {("Check stock", "Check Excel"): 2, ("Check Excel", "Confirm"): 2,
                      ("Receive", "Confirm"): 1, ("Confirm", "Check stock"): 1}
    assert f.loc[("Receive", "Check stock"), "wait_median"] == pd.Timedelta(hours=1)


def test_conformance_by_hand(comparison):
    assert comparison.conformance == pytest.approx(2 / 6)
    v = comparison.variants
    assert v["cases"].tolist() == [2, 2, 1, 1]          # most frequent first
    assert v.loc[v["fits"], "cases"].sum() == 2
    assert v["variant"].iloc[0] == "Receive → Check stock → Confirm → Ship"


def test_deviations_by_hand(comparison):
    d = comparison.deviations
    assert d["kind"].tolist() == ["inserted", "skipped", "loop"]
    assert d["cases"].tolist() == [2, 1, 1]
    first = d.iloc[0]
    assert first["explanation"] == ("in 33% of cases, 'Check Excel' happens between "
                                    "'Check stock' and 'Confirm'")
    assert first["explanation_nl"] == ("in 33% van de zaken gebeurt 'Check Excel' tussen "
                                       "'Check stock' en 'Confirm'")
    assert first["example_cases"] == "3"
    assert d.iloc[1]["explanation"] == ("in 17% of cases, 'Check stock' is skipped: 'Confirm' "
                                        "follows directly on 'Receive'")
    assert d.iloc[2]["explanation"] == ("in 17% of cases, the work goes back from 'Confirm' to "
                                        "'Check stock' (rework)")
    assert d.iloc[2]["example_cases"] == "6"


def test_more_deviation_kinds():
    log = make_log({"1": ["b", "a", "c", "d"], "2": ["a", "c", "b", "d"], "3": ["a", "a", "b"],
                    "4": ["a", "d", "c"]})
    c = compare({"name": "x", "steps": ["a", "b", "c", "d"]}, log, lang="nl")
    kinds = set(c.deviations["kind"])
    assert {"unexpected_start", "wrong_order", "repeated", "unexpected_end",
            "skipped"} <= kinds
    row = c.deviations.set_index("kind").loc["unexpected_start"]
    assert row["explanation"] == "in 25% of cases, the work starts with 'b' instead of 'a'"
    assert row["description"] == row["explanation_nl"]
    assert c.conformance == 0


def test_fitness_consistent_with_pm4py(comparison, orders):
    """Unknown log work ('Check Excel') costs a token, on exactly the net pm4py replays."""
    pm = pm4py()
    df = orders.assign(**{ACT: orders[ACT].replace({"Shipped": "Ship"})})
    net, im, fm = comparison.petri_net()
    with quiet():
        ref = pm.fitness_token_based_replay(df, net, im, fm)
    assert comparison.fitness == pytest.approx(ref["log_fitness"], abs=1e-12)
    assert comparison.fitting_share == pytest.approx(ref["perc_fit_traces"] / 100)
    assert comparison.fitness < 1
    assert len(comparison.replay) == 4                      # distinct variants only
    assert comparison.replay["cases"].sum() == 6


def test_durations(comparison):
    d = comparison.durations.set_index("where")
    assert d.loc["Receive → Check stock", "actual_median"] == pd.Timedelta(hours=1)
    assert d.loc["Receive → Check stock", "ratio"] == pytest.approx(1.0)
    assert pd.isna(d.loc["Check stock", "actual_median"])    # no start times in the log
    # elapsed from Receive to Ship: 3 h (cases 1, 2), 4 h (3, 4), 2 h (5), 5 h (6)
    assert d.loc["Receive → Ship", "actual_median"] == pd.Timedelta(hours=3.5)
    assert d.loc["Receive → Ship", "n"] == 6


def test_step_durations_from_start_times():
    log = make_log(ORDERS, start=pd.Timedelta(minutes=10))
    c = compare(PERCEIVED, log)
    d = c.durations.set_index("where")
    assert d.loc["Check stock", "actual_median"] == pd.Timedelta(minutes=10)
    assert d.loc["Check stock", "ratio"] == pytest.approx(2.0)


def test_suggestion_instead_of_a_fuzzy_match(orders, caplog):
    p = {"name": "x", "steps": ["Receive", "Check  Stock", "Confirm", "Ship"]}
    with caplog.at_level(logging.WARNING, logger="shadowing.analysis.compare.comparison"):
        c = compare(p, orders)
    a = c.activities.set_index("activity")
    assert a.loc["Check Stock", "status"] == "perceived_only"     # never matched silently
    assert a.loc["Check Stock", "suggestion"] == "Check stock"
    assert a.loc["Check stock", "status"] == "hidden"
    assert a.loc["Check stock", "suggestion"] == "Check Stock"
    assert a.loc["Ship", "suggestion"] == "Shipped"
    assert "Did you mean 'Check stock'?" in caplog.text


def test_alias_claimed_twice(orders):
    p = {"name": "x", "steps": ["Receive", "Ship", "Send"],
         "aliases": {"Ship": "Shipped", "Send": ["Shipped"]}}
    with pytest.raises(sh.InputError, match="'Shipped' is claimed by two perceived steps"):
        compare(p, orders)


def test_bad_parameters(orders):
    with pytest.raises(sh.ParameterError, match="The 'lang' parameter of compare"):
        compare(PERCEIVED, orders, lang="fr")
    with pytest.raises(sh.ParameterError, match="at least one perception"):
        compare([], orders)
    with pytest.raises(sh.ColumnNotFoundError, match="needs the columns"):
        compare(PERCEIVED, orders.drop(columns=[TS]))


def test_caller_frame_untouched(orders):
    before = orders.copy()
    compare(PERCEIVED, orders)
    pd.testing.assert_frame_equal(orders, before)


def test_optional_alternatives_and_parallel():
    log = make_log({"1": ["a", "c", "d"], "2": ["a", "b", "c", "d"], "3": ["a", "b", "c", "e"],
                    "4": ["a", "b", "c", "d", "e"]})
    c = compare({"name": "x", "steps": ["a", "b", "c", "d", "e"], "optional": ["b"],
                 "alternatives": [["d", "e"]]}, log)
    assert c.conformance == pytest.approx(3 / 4)               # both d and e: not allowed
    assert c.flows.set_index(["source", "target"]).loc[("a", "c"), "perceived"] == "implied"


def test_parallel_bpmn_any_interleaving(tmp_path):
    from test_perceived import CAMUNDA

    path = tmp_path / "order.bpmn"
    path.write_text(CAMUNDA, encoding="utf-8")
    log = make_log({"1": ["Receive order", "Check stock", "Check credit", "Confirm"],
                    "2": ["Receive order", "Check credit", "Check stock", "Reject"],
                    "3": ["Receive order", "Check stock", "Confirm"]})
    c = compare(read_perceived(path), log)
    assert c.variants.set_index("example_case")["fits"].to_dict() == {"1": True, "2": True,
                                                                      "3": False}
    assert c.fitting_share == pytest.approx(2 / 3)


def test_diff_map(comparison):
    m = comparison.map()
    assert isinstance(m, sh.ProcessMap)
    assert set(m.nodes["activity"]) == {"Receive", "Check stock", "Confirm", "Ship",
                                        "Check Excel"}
    dot = m.to_dot()
    assert "style=dashed" not in dot                   # nothing perceived-only here
    assert "#d9480f" in dot and "2 cases" in dot        # hidden work in the warning colour
    c2 = compare({"name": "x", "steps": ["Receive", "Pack", "Ship"],
                  "aliases": {"Ship": "Shipped"}}, make_log(ORDERS))
    dot2 = c2.map(lang="nl", min_share=0.5).to_dot()
    assert "style=dashed" in dot2 and "gebeurt nooit" in dot2
    assert "Check Excel" not in dot2                     # under min_share
    with pytest.raises(sh.ParameterError, match="min_share"):
        c2.map(min_share=2)


def test_display(comparison):
    assert "conformance 33%" in repr(comparison)
    html = comparison._repr_html_()
    assert "Perceived vs actual" in html and "Check Excel" in html
    s = comparison.summary()
    assert s["hidden activities"] == 1 and s["hidden flows"] == 4


def test_several_perceptions_side_by_side(orders):
    team = {"name": "Team", "steps": ["Receive", "Check stock", "Check Excel", "Confirm",
                                      "Shipped"]}
    both = compare({"manager": PERCEIVED, "team": team}, orders)
    assert isinstance(both, Comparisons) and len(both) == 2
    assert both["team"].conformance == pytest.approx(2 / 6)
    t = both.table.set_index(["kind", "item"])
    assert t.loc[("activity", "Check Excel"), ["manager", "team"]].tolist() == ["hidden",
                                                                                 "matched"]
    assert t.loc[("activity", "Shipped"), ["manager", "team"]].tolist() == ["matched", "matched"]
    assert t.loc[("flow", "Check stock → Check Excel"), ["manager", "team"]].tolist() == [
        "hidden", "matched"]
    assert list(both.summary["perception"]) == ["Orders", "Team"]
    table = compare_perceptions([PERCEIVED, team], orders)
    assert list(table.columns[-2:]) == ["Orders", "Team"]


def test_three_way_with_observations(orders):
    observed = pd.DataFrame({
        CASE: ["3", "3", "3", "7", "7"],
        ACT: ["Check stock", "Check Excel", "Call warehouse", "Receive", "Call warehouse"],
        TS: pd.to_datetime(["2026-02-02 09:00", "2026-02-02 10:00", "2026-02-02 10:30",
                            "2026-02-02 08:00", "2026-02-02 08:20"]),
        "source": "observed"})
    c = compare(PERCEIVED, orders, observations=observed)
    a = c.activities.set_index("activity")
    assert a.loc["Call warehouse", "status"] == "observed_only"
    assert a.loc["Call warehouse", "observed_cases"] == 2
    assert a.loc["Check Excel", ["status", "observed"]].tolist() == ["hidden", True]
    f = c.flows.set_index(["source", "target"])
    assert f.loc[("Check Excel", "Call warehouse"), "status"] == "observed_only"
    assert "dotted" in c.map().to_dot()


# -- scope: a perception of a part of the process ---------------------------------------------

#: Eight cases; the team tells only the middle: B → C → D (D may be logged as 'D2').
#: 1, 2: A B C D E (F)   -> segment B C D, fits; A, E, F out of scope
#: 3:    A B X C D E     -> hidden X between B and C
#: 4:    A B D2 E        -> C skipped
#: 5:    A C D E         -> no B: the segment never starts
#: 6:    A B C E         -> no D after B: the segment never ends
#: 7:    B C D           -> fits
#: 8:    D A B C D       -> segment from the first B to the last D: B C D fits
PART_CASES = {
    "1": ["A", "B", "C", "D", "E"],
    "2": ["A", "B", "C", "D", "E", "F"],
    "3": ["A", "B", "X", "C", "D", "E"],
    "4": ["A", "B", "D2", "E"],
    "5": ["A", "C", "D", "E"],
    "6": ["A", "B", "C", "E"],
    "7": ["B", "C", "D"],
    "8": ["D", "A", "B", "C", "D"],
}
PART = {"name": "middle", "steps": ["B", "C", "D"], "aliases": {"D": ["D", "D2"]},
        "scope": "part", "durations": {"B → D": "2 u"}}


@pytest.fixture
def part() -> Comparison:
    return compare(PART, make_log(PART_CASES))


def test_part_scope_by_hand(part):
    assert part.perceived.scope == "part"
    assert part.conformance == pytest.approx(4 / 8)       # 1, 2, 7, 8; 5 and 6 do not fit
    sc = part.scope
    assert (sc.kind, sc.start, sc.end) == ("part", ("B",), ("D",))
    assert (sc.cases, sc.cases_in_scope, sc.cases_without_start, sc.cases_without_end) == \
        (8, 6, 1, 1)
    assert (sc.events, sc.events_in_scope, sc.events_out_of_scope) == (37, 18, 19)
    a = part.activities.set_index("activity")
    assert a["status"].to_dict() == {"B": "matched", "C": "matched", "D": "matched",
                                     "X": "hidden", "A": "out_of_scope", "E": "out_of_scope",
                                     "F": "out_of_scope"}
    assert a["cases"].to_dict() == {"B": 6, "C": 5, "D": 6, "X": 1, "A": 0, "E": 0, "F": 0}
    assert a.loc["D", "events"] == 6                             # case 8's first D is outside
    f = part.flows.set_index(["source", "target"])
    assert f.loc[f["status"] != "out_of_scope", "status"].to_dict() == {
        ("B", "C"): "matched", ("C", "D"): "matched", ("B", "X"): "hidden",
        ("X", "C"): "hidden", ("B", "D"): "hidden"}
    # recorded only before or after the part: A → B, D → E, E → F, D → A (case 8), A → C, C → E
    assert set(f.index[f["status"] == "out_of_scope"]) == {
        ("A", "B"), ("D", "E"), ("E", "F"), ("D", "A"), ("A", "C"), ("C", "E")}
    assert (f.loc[f["status"] == "out_of_scope", "cases"] == 0).all()
    assert part.near_conformance == pytest.approx(6 / 8)     # 1, 2, 7, 8 fit; 3 and 4: one
    assert f.loc[("B", "C"), "cases"] == 4 and f.loc[("C", "D"), "cases"] == 5
    d = part.deviations
    assert d[["kind", "activity", "cases"]].values.tolist() == [
        ["inserted", "X", 1], ["skipped", "C", 1], ["start_missing", "B", 1],
        ["end_missing", "D", 1]]
    assert d["share"].tolist() == [1 / 8] * 4
    assert d["explanation"].tolist()[2:] == [
        "in 12% of cases, the perceived start ('B') never happens",
        "in 12% of cases, the perceived end ('D') never happens after the start ('B')"]
    assert d["explanation_nl"].iloc[2] == "in 12% van de zaken gebeurt het genoemde begin ('B') nooit"
    assert d.set_index("kind").loc["start_missing", "example_cases"] == "5"
    assert d.set_index("kind").loc["end_missing", "example_cases"] == "6"
    # durations are measured inside the segment: B → D is 2 hours in 1, 2, 3, 7, 8 (3 h in 3)
    dur = part.durations.set_index("where")
    assert dur.loc["B → D", "n"] == 6 and dur.loc["B → D", "actual_median"] == pd.Timedelta(hours=2)
    v = part.variants
    assert v.loc[v["variant"] == "B → C → D", ["cases", "fits"]].values.tolist() == [[4, True]]
    assert v.loc[v["variant"] == "", "cases"].item() == 2     # no segment: cases 5 and 6
    assert 0 < part.fitness < 1


def test_part_scope_words_and_summary(part):
    assert part.scope.describe("en") == (
        "Scope: a part of the process, from 'B' to 'D': 6 of 8 cases, 18 of 37 events; the "
        "work before and after it is left out. In 1 case 'B' never happens. In 1 case 'D' "
        "never happens after the start.")
    assert part.scope.describe("nl").startswith(
        "Bereik: een deel van het proces, van 'B' tot 'D': 6 van de 8 zaken, 18 van de 37 "
        "gebeurtenissen")
    s = part.summary()
    assert (s["scope"], s["cases in scope"], s["events in scope"]) == ("part", 6, 18)
    assert "6 in scope" in repr(part) and "Bereik" not in part._repr_html_()
    whole = compare({k: v for k, v in PART.items() if k != "scope"}, make_log(PART_CASES))
    assert whole.scope.describe("nl") == "Bereik: het hele proces, alle 8 zaken (37 gebeurtenissen)."


def test_part_scope_keyword_overrides_the_yaml(tmp_path):
    log = make_log(PART_CASES)
    whole = compare(PART, log, scope="process")
    assert whole.scope.kind == "process"
    assert whole.conformance == pytest.approx(1 / 8)           # only case 7 is B C D alone
    assert set(whole.activities.loc[whole.activities["status"] == "hidden", "activity"]) == \
        {"A", "E", "F", "X"}
    path = tmp_path / "middle.yaml"
    path.write_text("name: middle\nsteps: [B, C, D]\naliases: {D: [D2]}\n", encoding="utf-8")
    assert compare(path, log).conformance == pytest.approx(1 / 8)
    assert compare(path, log, scope="part").conformance == pytest.approx(4 / 8)
    both = compare([path, PART], log)
    assert [c.scope.kind for c in both] == ["process", "part"]
    t = both.table.set_index(["kind", "item"])
    assert t.loc[("activity", "A"), "middle"] == "hidden"
    assert t.loc[("activity", "A"), "middle #2"] == "out_of_scope"
    assert t.loc[("activity", "X"), "middle #2"] == "hidden"
    with pytest.raises(sh.ParameterError, match="'scope' parameter of compare .* Got 'deel'"):
        compare(PART, log, scope="deel")


def test_part_scope_map_shows_only_the_segment(part):
    m = part.map()
    assert set(m.nodes["activity"]) == {"B", "C", "D", "X"}
    assert "only the part from 'B' to 'D' (6 of 8 cases)" in m.footnote
    assert "alleen het deel van 'B' tot 'D'" in part.map(lang="nl").footnote


def test_part_scope_agrees_with_a_plain_cut():
    """Random cases, cut per case in plain Python: the same fits and in-scope events."""
    import random

    rnd = random.Random(3)
    cases = {str(i): [rnd.choice("ABCDDXE") for _ in range(rnd.randint(1, 9))]
             for i in range(300)}
    c = compare({"steps": ["B", "C", "D"], "scope": "part"}, make_log(cases))
    fits = events = 0
    for acts in cases.values():
        if "B" not in acts:
            continue
        i = acts.index("B")
        ends = [k for k in range(i, len(acts)) if acts[k] == "D"]
        if ends:
            events += ends[-1] - i + 1
            fits += acts[i:ends[-1] + 1] == ["B", "C", "D"]
    assert c.conformance == pytest.approx(fits / 300)
    assert c.scope.events_in_scope == events


def test_part_scope_without_any_segment():
    c = compare(PART, make_log({"1": ["A", "C"], "2": ["B", "A"]}))
    assert c.conformance == 0 and c.scope.cases_in_scope == 0 and c.scope.events_in_scope == 0
    assert c.deviations["kind"].tolist() == ["start_missing", "end_missing"]
    # B and C happen, only outside any segment; D never happens; A is outside
    assert c.activities.set_index("activity")["status"].to_dict() == {
        "B": "out_of_scope", "C": "out_of_scope", "D": "perceived_only", "A": "out_of_scope"}


# -- real logs -------------------------------------------------------------------------------

@pytest.mark.parametrize("model", ["running-example.bpmn", "running-example.pnml"])
def test_running_example_fits_its_model(real_data, model):
    log = sh.read_event_log(real_data / "running-example" / "running-example.xes")
    c = compare(read_perceived(real_data / "running-example" / model), log)
    assert c.conformance == 1.0
    assert c.fitness == pytest.approx(1.0)
    assert c.deviations.empty
    assert set(c.activities["status"]) == {"matched"}


@pytest.fixture(scope="module")
def sepsis():
    from conftest import REAL

    if not REAL.is_dir():
        pytest.skip(f"real logs not available: {REAL} does not exist")
    log = sh.read_event_log(REAL / "sepsis" / "sepsis.csv")
    return log, compare(read_perceived(REAL / "sepsis" / "sepsis.bpmn"), log)


def test_sepsis_consistent_with_pm4py(real_data, sepsis):
    log, c = sepsis
    df = log.frame[[CASE, ACT, TS]].astype({CASE: str, ACT: str})
    net, im, fm = c.petri_net()
    with quiet():
        ref = pm4py().fitness_token_based_replay(df, net, im, fm)
    assert c.fitness == pytest.approx(ref["log_fitness"], abs=1e-9)
    assert c.fitting_share == pytest.approx(ref["perc_fit_traces"] / 100, abs=1e-9)
    # token replay calls a case fitting only along a real firing sequence, so the exact
    # language check can only find more; on this model both find the same 497 cases, as
    # pm4py's own BPMN conversion does (perc_fit_traces 47.33, log_fitness 0.953)
    assert c.conformance >= c.fitting_share - 1e-12
    assert c.conformance == pytest.approx(497 / 1050)
    assert c.fitness == pytest.approx(0.953, abs=0.01)


def test_sepsis_deviations_checkable_in_the_log(sepsis):
    log, c = sepsis
    f = log.frame
    d = c.deviations
    # "the work ends after 'IV Antibiotics'": cases whose last event is IV Antibiotics
    row = d[(d["kind"] == "unexpected_end") & (d["activity"] == "IV Antibiotics")].iloc[0]
    last = f.groupby(CASE, observed=True)[ACT].last().astype(str)
    assert row["cases"] == (last == "IV Antibiotics").sum()
    assert "the work ends after 'IV Antibiotics'" in row["explanation"]
    # "'ER Sepsis Triage' is skipped: 'Leucocytes' follows directly on 'ER Triage'"
    row = d[(d["kind"] == "skipped") & (d["source"] == "ER Triage")
            & (d["target"] == "Leucocytes")].iloc[0]
    nxt = f.groupby(CASE, observed=True)[ACT].shift(-1).astype(str)
    direct = f.loc[f[ACT].astype(str).eq("ER Triage") & nxt.eq("Leucocytes"), CASE].nunique()
    assert row["cases"] == direct and row["activity"] == "ER Sepsis Triage"
    for case in row["example_cases"].split(", "):
        acts = f.loc[f[CASE] == case, ACT].astype(str).tolist()
        i = acts.index("ER Triage")
        assert acts[i + 1] == "Leucocytes"


# -- the bundled samples: the planted gaps are found ---------------------------------------------

SAMPLE_NAMES = ["wholesale", "crm", "construction"]


def _truth(samples, name):
    folder = samples / name
    truth = folder / "truth.yaml"
    if not truth.exists() or not list(folder.glob("perceived_*")):
        pytest.skip(f"sample {name} has no perceptions yet")
    return folder, yaml.safe_load(truth.read_text(encoding="utf-8")).get("perceived") or []


def _log_names(c: Comparison) -> dict[str, str]:
    """log activity -> the name the perception uses for it."""
    out = {}
    for act, logs in zip(c.activities["activity"], c.activities["log_activities"]):
        for x in str(logs).split("; "):
            if x:
                out[x] = act
    return out


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_planted_gaps(samples, name):
    folder, truth = _truth(samples, name)
    log = sh.read_event_log(next(folder.glob("eventlog.*")))
    for entry in truth:
        c = compare(read_perceived(folder / entry["file"]), log)
        a = c.activities.set_index("activity")["status"]
        for act in entry.get("hidden_activities") or []:
            assert a.get(act) == "hidden", (entry["file"], act)
        for act in entry.get("perceived_only_activities") or []:
            assert a.get(act) == "perceived_only", (entry["file"], act)
        names = _log_names(c)
        flows = c.flows.set_index(["source", "target"])["status"]
        for x, y in entry.get("hidden_flows") or []:
            assert flows.get((names.get(x, x), names.get(y, y))) == "hidden", (entry["file"], x, y)
        for act in entry.get("out_of_scope_activities") or []:
            assert c.scope.kind == "part" and a.get(act) == "out_of_scope", (entry["file"], act)
        if "cases_in_scope" in entry:
            assert c.scope.cases_in_scope == entry["cases_in_scope"], entry["file"]
        if "conformance_max" in entry:
            assert c.conformance <= entry["conformance_max"]
        if "conformance_min" in entry:
            assert c.conformance >= entry["conformance_min"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_manager_and_team_differ(samples, name):
    folder, truth = _truth(samples, name)
    files = [folder / e["file"] for e in truth]
    if len(files) < 2:
        pytest.skip("one perception only")
    log = sh.read_event_log(next(folder.glob("eventlog.*")))
    both = compare([read_perceived(f) for f in files], log)
    cols = list(both.comparisons)
    t = both.table
    differ = t[t[cols[0]] != t[cols[1]]]
    assert len(differ) > 0
    # what one perception leaves out (and the log shows) the other may have told
    for entry, label in zip(truth, cols):
        hidden = set(entry.get("hidden_activities") or [])
        rows = t[(t["kind"] == "activity") & t["item"].isin(hidden)]
        assert rows[label].eq("hidden").all()


# -- token replay: the memoised walk gives pm4py's own numbers, per variant --------------------

def _pm4py_replay(c: Comparison, idx) -> pd.DataFrame:
    """pm4py's own token replay of the distinct variants ``idx`` on ``c.petri_net()``."""
    from pm4py.objects.log.obj import Event, EventLog, Trace

    traces, _ = c._replay_traces()
    elog = EventLog([Trace([Event({ACT: a}) for a in traces[i]],
                           attributes={"concept:name": f"v{i}"}) for i in idx])
    net, im, fm = c.petri_net()
    with quiet():
        res = pm4py().conformance_diagnostics_token_based_replay(elog, net, im, fm)
    return pd.DataFrame({
        "trace_is_fit": [bool(r["trace_is_fit"]) for r in res],
        "trace_fitness": [float(r["trace_fitness"]) for r in res],
        "missing": [r["missing_tokens"] for r in res],
        "consumed": [r["consumed_tokens"] for r in res],
        "remaining": [r["remaining_tokens"] for r in res],
        "produced": [r["produced_tokens"] for r in res]})


def _assert_replay_is_pm4py(c: Comparison, n: int, seed: int = 7):
    """A random subset of ``n`` variants (always the longest and the shortest), per variant,
    against pm4py."""
    import numpy as np

    r = c.replay
    rng = np.random.default_rng(seed)
    lengths = np.array([len(t) for t in c._replay_traces()[0]])
    idx = sorted(set(rng.choice(len(r), size=min(n, len(r)), replace=False).tolist())
                 | {int(lengths.argmax()), int(lengths.argmin())})
    ref = _pm4py_replay(c, idx)
    fast = r.iloc[idx].reset_index(drop=True)
    for col in ("missing", "consumed", "remaining", "produced", "trace_is_fit"):
        assert fast[col].tolist() == ref[col].tolist(), col
    assert fast["trace_fitness"].to_numpy() == pytest.approx(ref["trace_fitness"].to_numpy(),
                                                             abs=1e-9)
    return r


def test_replay_per_variant_is_pm4py_on_sepsis(sepsis):
    _, c = sepsis
    r = _assert_replay_is_pm4py(c, 200)
    assert len(r) == 846 and r["cases"].sum() == 1050


_GEN_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="p">
    <startEvent id="s"/>
    <task id="a" name="Order ontvangen"/> <task id="b" name="Order registreren"/>
    <exclusiveGateway id="x1"/> <task id="k" name="Krediet controleren"/>
    <exclusiveGateway id="x2"/> <parallelGateway id="g1"/>
    <task id="v" name="Voorraad controleren"/> <task id="pr" name="Prijs bevestigen"/>
    <parallelGateway id="g2"/> <task id="o" name="Order bevestigen"/>
    <exclusiveGateway id="x3"/> <task id="pk" name="Picken"/> <task id="vz" name="Verzenden"/>
    <task id="ia" name="Inkoop aanvragen"/> <task id="lo" name="Levering ontvangen"/>
    <exclusiveGateway id="x4"/> <task id="f" name="Factuur maken"/>
    <task id="bo" name="Betaling ontvangen"/> <task id="z" name="Order afsluiten"/>
    <endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="a"/>
    <sequenceFlow id="f2" sourceRef="a" targetRef="b"/>
    <sequenceFlow id="f3" sourceRef="b" targetRef="x1"/>
    <sequenceFlow id="f4" sourceRef="x1" targetRef="k"/>
    <sequenceFlow id="f5" sourceRef="x1" targetRef="x2"/>
    <sequenceFlow id="f6" sourceRef="k" targetRef="x2"/>
    <sequenceFlow id="f7" sourceRef="x2" targetRef="g1"/>
    <sequenceFlow id="f8" sourceRef="g1" targetRef="v"/>
    <sequenceFlow id="f9" sourceRef="g1" targetRef="pr"/>
    <sequenceFlow id="f10" sourceRef="v" targetRef="g2"/>
    <sequenceFlow id="f11" sourceRef="pr" targetRef="g2"/>
    <sequenceFlow id="f12" sourceRef="g2" targetRef="o"/>
    <sequenceFlow id="f13" sourceRef="o" targetRef="x3"/>
    <sequenceFlow id="f14" sourceRef="x3" targetRef="pk"/>
    <sequenceFlow id="f15" sourceRef="pk" targetRef="vz"/>
    <sequenceFlow id="f16" sourceRef="x3" targetRef="ia"/>
    <sequenceFlow id="f17" sourceRef="ia" targetRef="lo"/>
    <sequenceFlow id="f18" sourceRef="vz" targetRef="x4"/>
    <sequenceFlow id="f19" sourceRef="lo" targetRef="x4"/>
    <sequenceFlow id="f20" sourceRef="x4" targetRef="f"/>
    <sequenceFlow id="f21" sourceRef="f" targetRef="bo"/>
    <sequenceFlow id="f22" sourceRef="bo" targetRef="z"/>
    <sequenceFlow id="f23" sourceRef="z" targetRef="e"/>
  </process>
</definitions>
"""


@pytest.fixture(scope="module")
def generated():
    from shadowing.datasets.generator import ACTIVITIES, MAIN_PATH, generate_log

    steps = [ACTIVITIES[i] for i in MAIN_PATH]
    steps.insert(steps.index("Picken") + 1, "Inkoop aanvragen")
    perceived = {"name": "gen", "steps": steps,
                 "optional": ["Krediet controleren", "Betaling ontvangen"],
                 "alternatives": [["Picken", "Inkoop aanvragen"]]}
    return generate_log(20000), perceived


@pytest.mark.parametrize("kind", ["yaml", "bpmn", "part"])
def test_replay_per_variant_is_pm4py_on_a_generated_log(generated, kind, tmp_path):
    log, perceived = generated
    if kind == "bpmn":
        (tmp_path / "gen.bpmn").write_text(_GEN_BPMN, encoding="utf-8")
        perceived = read_perceived(tmp_path / "gen.bpmn")
        assert perceived.has_parallel
    scope = "part" if kind == "part" else None
    c = compare(perceived, log, scope=scope)
    r = _assert_replay_is_pm4py(c, 150)
    assert len(r) > 1000 and (r["missing"] > 0).any() and (r["remaining"] > 0).any()
    if kind == "part":   # cases without the segment replay as empty traces
        assert c.scope.cases_in_scope < c.n_cases
        assert min(len(t) for t in c._replay_traces()[0]) == 0


_DUP_PNML = """<?xml version="1.0" encoding="UTF-8"?>
<pnml><net id="n" type="http://www.pnml.org/version-2009/grammar/pnmlcoremodel"><page id="pg">
  <place id="i"><name><text>i</text></name><initialMarking><text>1</text></initialMarking></place>
  <place id="p1"><name><text>p1</text></name></place>
  <place id="p2"><name><text>p2</text></name></place>
  <place id="p3"><name><text>p3</text></name></place>
  <place id="p4"><name><text>p4</text></name></place>
  <place id="o"><name><text>o</text></name></place>
  <transition id="ta"><name><text>a</text></name></transition>
  <transition id="tb1"><name><text>b</text></name></transition>
  <transition id="tb2"><name><text>b</text></name></transition>
  <transition id="tc"><name><text>c</text></name></transition>
  <transition id="tau"><toolspecific tool="ProM" version="6.4" activity="$invisible$"/></transition>
  <transition id="td"><name><text>d</text></name></transition>
  <arc id="r1" source="i" target="ta"/> <arc id="r2" source="ta" target="p1"/>
  <arc id="r3" source="ta" target="p2"/> <arc id="r4" source="p1" target="tb1"/>
  <arc id="r5" source="tb1" target="p3"/> <arc id="r6" source="p2" target="tb2"/>
  <arc id="r7" source="tb2" target="p4"/> <arc id="r8" source="p2" target="tc"/>
  <arc id="r9" source="tc" target="p4"/> <arc id="r10" source="p2" target="tau"/>
  <arc id="r11" source="tau" target="p4"/> <arc id="r12" source="p3" target="td"/>
  <arc id="r13" source="p4" target="td"/> <arc id="r14" source="td" target="o"/>
</page><finalmarkings><marking><place idref="o"><text>1</text></place></marking>
</finalmarkings></net></pnml>
"""


def test_replay_per_variant_is_pm4py_with_duplicate_labels(tmp_path):
    """Two transitions labelled 'b' (parallel branches): pm4py's own pick is kept."""
    import numpy as np

    (tmp_path / "dup.pnml").write_text(_DUP_PNML, encoding="utf-8")
    p = read_perceived(tmp_path / "dup.pnml")
    rng = np.random.default_rng(3)
    alphabet = ["a", "b", "c", "d", "x"]
    cases = {str(i): list(rng.choice(alphabet, size=rng.integers(1, 7))) for i in range(400)}
    cases.update({"fit1": ["a", "b", "b", "d"], "fit2": ["a", "c", "b", "d"],
                  "fit3": ["a", "b", "d"]})
    c = compare(p, make_log(cases))
    r = _assert_replay_is_pm4py(c, 10_000)
    assert r["trace_is_fit"].any() and not r["trace_is_fit"].all()


# -- the shared cases, the real models, the samples (issue 15) --------------------------------------

from pathlib import Path  # noqa: E402

from shadowing.draw.diff_map import LEVELS  # noqa: E402
from shadowing.report.fit import fit_map  # noqa: E402
from shadowing.report.html import map_to_svg  # noqa: E402

CASES = Path(__file__).resolve().parents[1].parent / "shared" / "cases" / "perceived"


@pytest.fixture
def cases() -> Path:
    if not CASES.is_dir():
        pytest.skip(f"cases not available: {CASES} does not exist (only beside the project)")
    return CASES


def _pm4py_frame(log) -> pd.DataFrame:
    """The log as pm4py takes it (string case and activity columns)."""
    df = log.frame[[CASE, ACT, TS]].copy()
    return df.astype({CASE: str, ACT: str})


def test_case_boundary_timer(cases):
    log = sh.read_event_log(cases / "bpmn_boundary_timer_log.csv")
    c = compare(cases / "bpmn_boundary_timer.bpmn", log)
    assert c.conformance == 1.0 and c.deviations.empty
    # pm4py's own replay of the normal-path cases on the net fitness is given
    net, im, fm = c.petri_net()
    normal = _pm4py_frame(log)
    normal = normal[normal[CASE].isin(["Q-1", "Q-2"])]
    with quiet():
        assert pm4py().fitness_token_based_replay(normal, net, im, fm)["log_fitness"] == 1.0
    assert c.replay.loc[c.replay["cases"] == 2, "trace_fitness"].item() == 1.0


def test_case_inclusive_gateway(cases):
    c = compare(cases / "bpmn_inclusive_gateway.bpmn",
                sh.read_event_log(cases / "bpmn_inclusive_gateway_log.csv"))
    assert c.conformance == pytest.approx(4 / 7)
    fit = c.variants.set_index("example_case")["fits"]
    assert fit[["CR-1", "CR-2", "CR-3", "CR-4"]].all() and not fit[["CR-5", "CR-6", "CR-7"]].any()


def test_case_pnml_silent_skip_loop(cases):
    log = sh.read_event_log(cases / "pnml_silent_skip_loop_log.csv")
    c = compare(cases / "pnml_silent_skip_loop.pnml", log)
    assert c.conformance == pytest.approx(0.6667, abs=5e-5)
    assert c.fitness == pytest.approx(0.9394, abs=5e-5)
    net, im, fm = pm4py().read_pnml(str(cases / "pnml_silent_skip_loop.pnml"))
    with quiet():
        assert c.fitness == pytest.approx(
            pm4py().fitness_token_based_replay(_pm4py_frame(log), net, im, fm)["log_fitness"],
            abs=1e-6)


@pytest.mark.parametrize("log_file, model", [
    ("sepsis/sepsis.csv", "sepsis/sepsis.bpmn"),
    ("running-example/running-example.xes", "running-example/running-example.pnml"),
    ("running-example/running-example.xes", "running-example/running-example.bpmn"),
    ("road_traffic_fines/roadtraffic100traces.xes", "road_traffic_fines/RoadFines_NoData.pnml"),
])
def test_replay_equals_pm4py_on_the_original_file(real_data, log_file, model):
    """Fitness and fitting share equal pm4py's token replay on the model as pm4py reads it
    from the file (silent transitions as the file marks them, the final marking stated)."""
    log = sh.read_event_log(real_data / log_file)
    c = compare(real_data / model, log)
    path = str(real_data / model)
    with quiet():
        if path.endswith(".pnml"):
            net, im, _ = pm4py().read_pnml(path)
            silent = {t.name for t in c.perceived.net.transitions if t.label is None}
            for t in net.transitions:   # pm4py's importer ignores invisible="true"
                if t.name in silent:
                    t.label = None
            by_id = {p.name: p for p in net.places}
            fm = type(im)({by_id[c.perceived.net.places[i]]: 1 for i in c.perceived.net.final})
            assert c.final_marking and c.final_marking_note("en")
        else:
            net, im, fm = pm4py().convert_to_petri_net(pm4py().read_bpmn(path))
            assert c.perceived.replay_model == "pm4py_bpmn"
        ref = pm4py().fitness_token_based_replay(_pm4py_frame(log), net, im, fm)
    assert c.fitness == pytest.approx(ref["log_fitness"], abs=1e-6)
    assert c.fitting_share == pytest.approx(ref["perc_fit_traces"] / 100, abs=1e-6)


def test_road_fines_final_marking_is_stated(real_data):
    c = compare(real_data / "road_traffic_fines" / "RoadFines_NoData.pnml",
                sh.read_event_log(real_data / "road_traffic_fines" / "roadtraffic100traces.xes"))
    assert c.final_marking == ("End",) and not c.final_marking_chosen
    assert c.final_marking_note("en") == ("Token replay ends in the final marking the model "
                                          "file declares ('End').")
    assert any("pm4py's importer does not read" in n for n in c.perceived.notes)


def test_wholesale_three_way_never_calls_recorded_work_never_happening(samples):
    folder = samples / "wholesale"
    log = sh.read_event_log(folder / "eventlog.csv")
    obs = sh.read_observations(folder / "observations.csv")
    recorded = set(log.frame[ACT].astype(str))
    c = compare(folder / "perceived_team.yaml", log, observations=obs)
    assert c.perceived.scope == "part"
    a = c.activities.set_index("activity")["status"]
    for act in ("Order picken", "Order verzenden", "Factuur maken"):
        assert a[act] == "out_of_scope"
    assert not (a.isin(["perceived_only", "observed_only"]) & a.index.isin(recorded)).any()
    m = c.map()
    assert "Order picken" not in set(m.nodes["activity"])
    assert not m.node_style["text"].astype(str).str.contains("never happens|seen, not in").any()


def test_headline_and_near_conformance_by_hand():
    #: 1: fits; 2: one inserted step; 3: two deviations (skip + end); 4: fits
    c = compare({"name": "abc", "steps": ["a", "b", "c"]},
                make_log({"1": ["a", "b", "c"], "2": ["a", "x", "b", "c"], "3": ["a", "c", "x"],
                          "4": ["a", "b", "c"]}))
    assert c.conformance == 0.5 and c.near_conformance == 0.75
    words = c.headline("en")
    assert words[0] == ("50% of cases follow the perception exactly; 75% follow it except for at "
                        "most one deviation.")
    assert words[1].startswith("Token-replay fitness: 0.")
    assert words[2].startswith("Most of the gap: in 25% of cases, ")
    assert c.headline("nl", fitness=False)[0].startswith("50% van de zaken volgt")
    assert len(c.headline("nl", fitness=False)) == 2


def test_deviation_kinds_are_an_enum():
    from shadowing.analysis.compare.deviations import DeviationKind

    c = compare({"name": "abc", "steps": ["a", "b", "c"]}, make_log({"1": ["a", "c", "b"]}))
    assert set(c.deviations["kind"]) <= {k.value for k in DeviationKind}
    assert DeviationKind("wrong_order") is DeviationKind.WRONG_ORDER


def test_map_activities_paths_and_footnote():
    log = make_log({str(i): ["a", "b", "c"] for i in range(8)}
                   | {"x1": ["a", "x", "b", "c"], "y1": ["a", "b", "y", "c"],
                      "y2": ["a", "b", "y", "c"]})
    c = compare({"name": "abc", "steps": ["a", "b", "c"]}, log)
    full = c.map()
    assert {"x", "y"} <= set(full.nodes["activity"])
    small = c.map(activities=0.9)
    assert set(small.nodes["activity"]) == {"a", "b", "c"}     # perceived steps always stay
    assert "left out to keep the map legible: 2 hidden activities and 4 hidden flows" in \
        small.footnote and "18% of cases" in small.footnote
    assert small.footnote.startswith("73% of cases follow the perceived process exactly, 100% "
                                     "except for at most one deviation.")
    only_y = c.map(min_share=0.15)
    assert "x" not in set(only_y.nodes["activity"]) and "y" in set(only_y.nodes["activity"])
    paths = c.map(paths=0.9)
    assert set(paths.nodes["activity"]) >= {"a", "b", "c"}
    assert "weggelaten om de kaart leesbaar te houden" in c.map(activities=0.9, lang="nl").footnote
    assert sh.ProcessMap.START in set(full.edges["source"])
    assert sh.ProcessMap.START not in set(c.map(ends_shown=False).edges["source"])
    for bad in ({"activities": 0}, {"paths": 1.5}, {"activities": True}):
        with pytest.raises(sh.ParameterError, match="parameter of Comparison.map must be a share"):
            c.map(**bad)


@pytest.mark.parametrize("name", ["wholesale", "construction", "crm"])
def test_sample_diff_maps_stay_legible_on_a4(samples, name):
    folder = samples / name
    log = sh.read_event_log(next(folder.glob("eventlog.*")))
    obs = sh.read_observations(folder / "observations.csv")
    for p in sorted(folder.glob("perceived_*")):
        c = compare(p, log, observations=obs)
        m, _, size, level = fit_map(
            lambda a, p, s, e, i: c.map(activities=a, paths=p, min_share=s, ends_shown=e,
                                        implied=i), render=map_to_svg, levels=LEVELS)
        # legible on a portrait page, or else on the landscape page the report gives it
        assert size.printed_font >= 6.0 or size.landscape(6.0), p.name
        assert level == LEVELS[0] or "left out to keep the map legible" in m.footnote or \
            not level[3]


def test_map_without_implied_flows(tmp_path):
    """Parallel branches: the interleavings nobody drew can be left out, and the footnote says
    so."""
    from test_perceived import CAMUNDA

    path = tmp_path / "order.bpmn"
    path.write_text(CAMUNDA, encoding="utf-8")
    c = compare(read_perceived(path), make_log({
        "1": ["Receive order", "Check stock", "Check credit", "Confirm"],
        "2": ["Receive order", "Check credit", "Check stock", "Reject"]}))
    pairs = {("Check stock", "Check credit"), ("Check credit", "Check stock")}
    full = set(zip(c.map().edges["source"], c.map().edges["target"]))
    bare = c.map(implied=False)
    assert pairs <= full and not pairs & set(zip(bare.edges["source"], bare.edges["target"]))
    assert "flows the perception allows without drawing them" in bare.footnote


def test_replay_equals_pm4py_without_final_marking_duplicates_and_silent(tmp_path):
    """The hospital-billing shape: duplicate labels, a silent transition marked only by
    invisible="true", no final marking in the file: pm4py on the file's own net with the sink
    as final marking gives the kit's numbers."""
    def place(pid, tokens=0):
        mark = f"<initialMarking><text>{tokens}</text></initialMarking>" if tokens else ""
        return f'<place id="{pid}"><name><text>{pid}</text></name>{mark}</place>'

    def trans(tid, label, invisible=False):
        inv = ' invisible="true"' if invisible else ""
        return f'<transition id="{tid}"{inv}><name><text>{label}</text></name></transition>'

    arcs = [("p0", "t1"), ("t1", "p1"), ("p1", "t2"), ("t2", "p2"), ("p1", "t3"), ("t3", "p3"),
            ("p3", "tau"), ("tau", "p2"), ("p2", "t4"), ("t4", "p4")]
    path = tmp_path / "billing.pnml"
    path.write_text(
        '<?xml version="1.0"?><pnml><net id="n" type="x"><page id="pg">'
        + place("p0", 1) + "".join(place(f"p{i}") for i in range(1, 5))
        + trans("t1", "A") + trans("t2", "B") + trans("t3", "B") + trans("tau", "Inv1", True)
        + trans("t4", "C")
        + "".join(f'<arc id="a{i}" source="{a}" target="{b}"/>' for i, (a, b) in enumerate(arcs))
        + "</page></net></pnml>", encoding="utf-8")
    log = make_log({"1": ["A", "B", "C"], "2": ["A", "C"], "3": ["A", "B", "B", "C"],
                    "4": ["B", "C"], "5": ["A", "B", "C"]})
    c = compare(path, log)
    assert c.final_marking == ("p4",) and c.final_marking_chosen
    # With two enabled transitions labelled 'B', pm4py's replay takes the first one its set of
    # transitions yields, and that order changes from one net object to the next (TRAPS): over
    # fresh reads of the same file pm4py itself gives more than one answer. The kit's numbers
    # must be one of pm4py's, fitness and fitting share from the same run.
    outcomes = set()
    for _ in range(12):
        with quiet():
            net, im, fm = pm4py().read_pnml(str(path))
        assert not fm                                 # pm4py reads no final marking
        for t in net.transitions:
            if t.name == "tau":
                t.label = None                        # pm4py's importer ignores invisible="true"
        sink = next(p for p in net.places if p.name == "p4")
        with quiet():
            ref = pm4py().fitness_token_based_replay(log, net, im, type(im)({sink: 1}))
        outcomes.add((round(ref["log_fitness"], 6), round(ref["perc_fit_traces"] / 100, 6)))
    assert (round(c.fitness, 6), round(c.fitting_share, 6)) in outcomes, outcomes
    assert c.conformance == pytest.approx(2 / 5)
