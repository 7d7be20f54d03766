"""Shadowing observations: reading messy field notes, findings, analyses, charts, frustrations."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
import yaml

import shadowing as sh
from shadowing.model import columns as C
from shadowing.errors import ColumnNotFoundError, InputError, ParameterError
from shadowing.io.observations import OBSERVATION_COLUMNS

# A messy field file, checkable by hand. Mixed time notations (08:30, 8.45, 8u55, 9:10; durations
# 10 min, 0:05, 1u30), Dutch headers and tags, tool typos (Exel, Whatsap), an unknown tool
# (Navision), one end before its start (line 7), an unreadable start (line 10), an unknown waste
# tag (line 11), one overlap (line 6 starts 09:12, line 5 ends 09:15), one gap (Jan 09:20-09:40),
# one stretch across midnight (line 9), one very long stretch (line 13, 145 min).
MESSY = """\
Waarnemer;Medewerker;Rol;Datum;Begin;Einde;Duur;Activiteit;Order;Systeem;Verspilling;Opmerking;Ernst
Eva;Jan;Verkoop;3/02/2026;08:30;08:45;;Mail lezen;;Outlook;;;
Eva;Jan;Verkoop;3/02/2026;8.45;;10 min;Order invoeren;A-1;ERP;;;
Eva;Jan;Verkoop;3/02/2026;8u55;9:10;;Voorraad controleren;A-1;Exel;zoeken;Lijst nooit actueel;4
Eva;Jan;Verkoop;3/02/2026;09:10;;0:05;Voorraad controleren;A-1;telefoon;wachten;;
Eva;Jan;Verkoop;3/02/2026;09:12;09:20;;Voorraad controleren;A-1;ERP;;;
Eva;Jan;Verkoop;3/02/2026;10:15;10:05;;Bevestigen;A-1;e-mail;;;
Eva;Jan;Verkoop;3/02/2026;09:40;;1u30;Offerte maken;B-2;Excel;dubbel werk;;3
Eva;Piet;Magazijn;3/02/2026;23:30;00:15;;Inventaris;;papier;;;
Eva;Piet;Magazijn;3/02/2026;abc;;5;Inventaris;;briefje;;;
Eva;Piet;Magazijn;4/02/2026;08:00;08:20;;Picken;;WhatsApp;wachtn;;
Eva;Piet;Magazijn;4/02/2026;08:20;08:35;;Picken;;Whatsap;wachten;Wacht op antwoord chef;3
Eva;Piet;Magazijn;4/02/2026;08:35;11:00;;Picken;;scanner;;;
Eva;Piet;Magazijn;4/02/2026;11:00;11:10;;Picken;;Navision;;;
"""


@pytest.fixture
def messy_path(tmp_path):
    p = tmp_path / "notes.csv"
    p.write_text(MESSY, encoding="utf-8")
    return p


@pytest.fixture
def obs(messy_path):
    return sh.read_observations(messy_path, errors="drop")


# -- reading -------------------------------------------------------------------------------------

def test_messy_file_rejections_exactly(obs):
    rej = obs.rejected
    assert rej["line"].tolist() == [7, 10, 11]
    assert rej["column"].tolist() == ["Einde", "Begin", "Verspilling"]
    assert "ends before it starts: end 10:05 is earlier than start 10:15" in rej["reason"][0]
    assert "found 'abc'" in rej["reason"][1]
    assert "unknown waste tag 'wachtn'" in rej["reason"][2]
    assert "Did you mean 'wachten'" in rej["reason"][2]
    assert obs.rows_read == 13
    assert len(obs.frame) == 10
    assert list(obs.frame.columns) == OBSERVATION_COLUMNS


def test_messy_file_raises_naming_the_lines(messy_path):
    with pytest.raises(InputError, match=r"3 of 13 rows .*\n  line 7, column 'Einde': ends before"):
        sh.read_observations(messy_path)


def test_times_and_durations_in_mixed_notations(obs):
    f = obs.frame.set_index("line")
    assert f.loc[3, "start"] == pd.Timestamp("2026-02-03 08:45")       # 8.45 + 10 min
    assert f.loc[3, "end"] == pd.Timestamp("2026-02-03 08:55")
    assert f.loc[4, "start"] == pd.Timestamp("2026-02-03 08:55")       # 8u55
    assert f.loc[5, "duration_min"] == 5                                 # 0:05
    assert f.loc[8, "duration_min"] == 90                                # 1u30
    assert f.loc[9, "end"] == pd.Timestamp("2026-02-04 00:15")         # across midnight
    assert f.loc[9, "duration_min"] == 45
    assert f["duration_min"].sum() == 15 + 10 + 15 + 5 + 8 + 90 + 45 + 15 + 145 + 10


def test_tools_and_waste_normalised(obs):
    f = obs.frame.set_index("line")
    assert f.loc[4, "tool"] == "Excel" and f.loc[4, "tool_raw"] == "Exel"
    assert f.loc[5, "tool"] == "phone"
    assert f.loc[9, "tool"] == "paper"
    assert f.loc[12, "tool"] == "WhatsApp"
    assert f.loc[14, "tool"] == "Navision"          # unknown: kept as written
    assert f.loc[4, "waste"] == "searching"
    assert f.loc[5, "waste"] == "waiting"
    assert f.loc[8, "waste"] == "double entry"
    assert pd.isna(f.loc[2, "waste"])
    assert f.loc[4, "severity"] == 4 and pd.isna(f.loc[5, "severity"])
    assert str(f["severity"].dtype) == "Int64"
    assert f.loc[4, "observation_id"] == "O4"
    assert obs.corrections[["raw", "corrected", "count"]].values.tolist() == [
        ["Exel", "Excel", 1], ["Whatsap", "WhatsApp", 1]]


def test_frame_order_and_summary(obs):
    assert obs.frame["person"].tolist() == ["Jan"] * 6 + ["Piet"] * 4
    assert obs.frame["line"].tolist() == [2, 3, 4, 5, 6, 8, 9, 12, 13, 14]
    assert obs.people == ["Jan", "Piet"]
    assert obs.days == 3
    assert obs.hours == pytest.approx(358 / 60)
    html = obs._repr_html_()
    assert "Observations" in html and "rows rejected" in html
    assert "2 people" in repr(obs)


def test_quality_findings_exactly(obs):
    q = sh.quality(obs)
    assert list(q.columns) == ["check", "severity", "count", "share", "message", "examples"]
    found = dict(zip(q["check"], q["count"]))
    assert found == {"rejected rows": 3, "overlapping stretches": 1, "gaps in a shadowed day": 1,
                     "very long stretches": 1, "tool names corrected": 2, "unknown tools": 1,
                     "stretches crossing midnight": 1}
    ex = dict(zip(q["check"], q["examples"]))
    assert ex["overlapping stretches"] == "line 6 overlaps line 5 (Jan, 09:12)"
    assert ex["gaps in a shadowed day"] == "Jan 2026-02-03 09:20-09:40"
    assert ex["very long stretches"] == "line 13: 145 min"
    assert "'Exel' → 'Excel' (1×)" in ex["tool names corrected"]
    assert ex["unknown tools"] == "'Navision' (1×)"
    assert ex["stretches crossing midnight"] == "line 9"


def test_extra_tool_names_map_unknown_tools(messy_path):
    obs = sh.read_observations(messy_path, errors="drop", tools={"Navision": "ERP"})
    assert obs.frame.set_index("line").loc[14, "tool"] == "ERP"
    assert "unknown tools" not in set(sh.quality(obs)["check"])


@pytest.mark.parametrize("start,end,expected", [
    ("22:30", "01:15", pd.Timestamp("2026-02-04 01:15")),    # night work: accepted
    ("23:00", "06:00", pd.Timestamp("2026-02-04 06:00")),    # 7 hours, ends by 06:00
])
def test_midnight_crossing_accepted(start, end, expected):
    df = pd.DataFrame({"person": ["a"], "date": ["2026-02-03"], "start": [start], "end": [end],
                       "activity": ["x"]})
    obs = sh.read_observations(df)
    assert obs.frame["end"].iloc[0] == expected
    assert obs.midnight_lines == (1,)


@pytest.mark.parametrize("start,end", [("16:00", "08:00"), ("13:30", "01:30"), ("10:15", "10:05")])
def test_end_before_start_not_midnight_rejected(start, end):
    df = pd.DataFrame({"person": ["a"], "date": ["2026-02-03"], "start": [start], "end": [end],
                       "activity": ["x"]})
    with pytest.raises(InputError, match=r"line 1, column 'end': ends before it starts"):
        sh.read_observations(df)


def test_full_datetimes_need_no_date_column():
    df = pd.DataFrame({"medewerker": ["a", "a"], "begin": ["2026-02-03 09:00", "2026-02-03 09:30"],
                       "einde": ["2026-02-03 09:30", "2026-02-03 09:20"], "taak": ["x", "y"]})
    obs = sh.read_observations(df, errors="drop")
    assert obs.frame["duration_min"].tolist() == [30.0]
    assert obs.rejected["line"].tolist() == [2]


@pytest.mark.parametrize("cell,reason", [
    ("veel", "expected a duration like 5, 5 min"),
    ("", "no end time and no duration"),
])
def test_bad_or_missing_duration_rejected(cell, reason):
    df = pd.DataFrame({"person": ["a", "a"], "date": ["3/2/2026"] * 2, "start": ["9:00", "9:10"],
                       "duration": ["10", cell], "activity": ["x", "y"]})
    obs = sh.read_observations(df, errors="drop")
    assert obs.rejected["line"].tolist() == [2]
    assert reason in obs.rejected["reason"].iloc[0]


@pytest.mark.parametrize("notation,minutes", [
    ("5", 5), ("5 min", 5), ("1u30", 90), ("1h30", 90), ("00:05:00", 5), ("1,5 uur", 90),
    ("2 h", 120), ("45 sec", 0.75), ("1 uur 30 min", 90)])
def test_duration_notations(notation, minutes):
    df = pd.DataFrame({"person": ["a"], "date": ["3/2/2026"], "start": ["9:00"],
                       "duration": [notation], "activity": ["x"]})
    assert sh.read_observations(df).frame["duration_min"].iloc[0] == pytest.approx(minutes)


def test_bad_severity_and_empty_values_rejected():
    df = pd.DataFrame({"person": ["a", "", "a", "a"], "date": ["3/2/2026", "3/2/2026", "", "3/2/2026"],
                       "start": ["9:00", "9:10", "9:20", "9:30"],
                       "end": ["9:10", "9:20", "9:30", "9:40"], "activity": ["x", "y", "z", "w"],
                       "severity": ["hoog", "", "", "6"]})
    obs = sh.read_observations(df, errors="drop")
    assert obs.rejected["line"].tolist() == [1, 2, 3, 4]
    reasons = obs.rejected["reason"].tolist()
    assert "expected a severity from 1 to 5, found 'hoog'" in reasons[0]
    assert reasons[1].startswith("empty person")
    assert reasons[2].startswith("empty date")
    assert "found '6'" in reasons[3]


def test_excel_with_typed_time_cells(tmp_path):
    path = tmp_path / "notes.xlsx"
    pd.DataFrame({
        "Medewerker": ["Jan", "Jan"], "Datum": [dt.datetime(2026, 2, 3), dt.datetime(2026, 2, 3)],
        "Begin": [dt.time(9, 0), dt.time(9, 20)], "Einde": [dt.time(9, 20), None],
        "Duur": [None, dt.time(0, 15)], "Activiteit": ["a", "b"], "Systeem": ["ERP", "Excel"],
    }).to_excel(path, index=False)
    f = sh.read_observations(path).frame
    assert f["start"].tolist() == [pd.Timestamp("2026-02-03 09:00"), pd.Timestamp("2026-02-03 09:20")]
    assert f["duration_min"].tolist() == [20.0, 15.0]


def test_reader_error_paths(messy_path):
    with pytest.raises(ParameterError, match=r"'errors' parameter of read_observations"):
        sh.read_observations(messy_path, errors="ignore")
    with pytest.raises(ColumnNotFoundError, match=r"column 'Tijd' \(given as start=\) not found"):
        sh.read_observations(messy_path, start="Tijd")
    df = pd.DataFrame({"person": ["a"], "start": ["9:00"], "activity": ["x"]})
    with pytest.raises(ColumnNotFoundError, match=r"no end or duration column"):
        sh.read_observations(df)
    df = pd.DataFrame({"person": ["a"], "start": ["9:00"], "end": ["9:10"], "activity": ["x"]})
    with pytest.raises(ColumnNotFoundError, match=r"holds times of day .* no date column"):
        sh.read_observations(df)
    df = pd.DataFrame({"person": ["a"], "date": ["3/2/2026"], "end": ["9:10"], "activity": ["x"]})
    with pytest.raises(ColumnNotFoundError, match=r"no start column found"):
        sh.read_observations(df)


def test_caller_frame_not_modified():
    df = pd.DataFrame({"person": ["a"], "date": ["3/2/2026"], "start": ["9:00"],
                       "end": ["9:10"], "activity": ["x"], "tool": ["Exel"]})
    before = df.copy()
    sh.read_observations(df)
    pd.testing.assert_frame_equal(df, before)


# -- analyses ------------------------------------------------------------------------------------

def test_time_use_by_role_by_hand(obs):
    tu = sh.time_use(obs)
    assert list(tu.columns) == ["role", "category", "activity", "system", "waste", "hours",
                                "share", "share_low", "share_high", "stretches"]
    per = tu.groupby(["role", "category"])["hours"].sum() * 60
    # Verkoop (Jan): necessary 15 + 10 + 8 = 33; waste 15 + 5 + 90 = 110 (of 143)
    assert per[("Verkoop", "necessary")] == pytest.approx(33)
    assert per[("Verkoop", "waste")] == pytest.approx(110)
    # Magazijn (Piet): necessary 45 + 145 + 10 = 200; waste 15 (of 215)
    assert per[("Magazijn", "necessary")] == pytest.approx(200)
    assert per[("Magazijn", "waste")] == pytest.approx(15)
    assert tu["role"].iloc[0] == "Magazijn"               # most observed hours first
    share = tu.groupby(["role", "category"])["share"].sum()
    assert share[("Verkoop", "waste")] == pytest.approx(110 / 143)
    assert tu.groupby("role")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    row = tu.loc[tu["waste"].eq("double entry")].iloc[0]
    assert (row["activity"], row["system"], row["hours"]) == ("Offerte maken", "Excel", 1.5)


def test_time_use_value_adding_and_persons(obs):
    tu = sh.time_use(obs, by="person", value_adding=["order invoeren"])
    assert set(tu["person"]) == {"Person 1", "Person 2"}
    assert "Jan" not in set(tu["person"])
    va = tu.loc[tu["category"].eq("value-adding")]
    assert va[["person", "activity", "stretches"]].values.tolist() == [["Person 1", "Order invoeren", 1]]
    assert va["hours"].iloc[0] == pytest.approx(10 / 60)
    named = sh.time_use(obs, by="person", pseudonymise=False, prefix="Medewerker")
    assert set(named["person"]) == {"Jan", "Piet"}
    by_sys = sh.time_use(obs, by="system")
    assert "system" in by_sys.columns and by_sys.columns.tolist().count("system") == 1
    assert by_sys.loc[by_sys["system"].eq("ERP"), "hours"].sum() == pytest.approx(18 / 60)


def test_time_use_errors(obs):
    with pytest.raises(ParameterError, match=r"'by' parameter of time_use"):
        sh.time_use(obs, by="team")
    with pytest.raises(ParameterError, match=r"'Order invoren'.*Did you mean 'Order invoeren'"):
        sh.time_use(obs, value_adding=["Order invoren"])


def test_system_switches_and_multi_system_tasks(obs):
    sw = sh.system_switches(obs)
    stock = sw.loc[sw["activity"].eq("Voorraad controleren")].iloc[0]
    assert stock["sequence"] == "Excel → phone → ERP"
    assert (stock["systems"], stock["switches"], stock["stretches"]) == (3, 2, 3)
    assert stock["evidence"] == "O4, O5, O6"
    assert stock["minutes"] == 28
    assert len(sw) == 6
    assert sw["switches"].sum() == 4
    multi = sh.multi_system_tasks(obs)
    assert multi["activity"].tolist() == ["Picken", "Voorraad controleren"]
    assert multi["tasks"].tolist() == [1, 1]
    assert multi.loc[1, "typical_sequence"] == "Excel → phone → ERP"
    assert sh.multi_system_tasks(obs, min_systems=4).empty
    with pytest.raises(ParameterError, match=r"'min_systems' parameter of multi_system_tasks"):
        sh.multi_system_tasks(obs, min_systems=1)


def test_off_system_by_hand(obs):
    off = sh.off_system(obs, official=["erp"])
    overall = off.iloc[0]
    assert (overall["level"], overall["group"]) == ("overall", "all")
    assert overall["official_hours"] * 60 == pytest.approx(18)
    assert overall["share"] == pytest.approx(340 / 358)
    assert overall["step_share"] == pytest.approx(8 / 10)
    roles = off.loc[off["level"].eq("role")].set_index("group")
    assert roles.loc["Verkoop", "share"] == pytest.approx(125 / 143)
    assert roles.loc["Magazijn", "share"] == pytest.approx(1.0)
    both = sh.off_system(obs, official=("ERP", "Excel"))
    assert both.iloc[0]["off_system_hours"] * 60 == pytest.approx(358 - 18 - 105)
    with pytest.raises(ParameterError, match=r"'official' parameter of off_system"):
        sh.off_system(obs, official=[])


def test_unseen_work(obs):
    log = pd.DataFrame({
        C.CASE: ["A-1", "A-1", "B-2", "Z-9"],
        C.ACTIVITY: ["Order invoeren", "Bevestigen", "Offerte maken", "Voorraad controleren"],
        C.TIMESTAMP: pd.to_datetime(["2026-02-03 08:54", "2026-02-03 10:30", "2026-02-03 11:00",
                                     "2026-02-05 09:00"]),
        C.SYSTEM: ["ERP", "ERP", "ERP", "ERP"],
    })
    u = sh.unseen_work(obs, log)
    assert u.shared_cases == 2
    # A-1: Order invoeren seen by name; the three stock-check stretches are not in A-1's log
    assert u.steps["observation_id"].tolist() == ["O4", "O5", "O6"]
    cases = u.cases.set_index("case")
    assert cases.loc["A-1", "unseen_minutes"] == 28 and cases.loc["A-1", "observed_minutes"] == 38
    assert cases.loc["B-2", "unseen_steps"] == 0
    assert u.unseen_share == pytest.approx(28 / 128)
    assert u.activities["activity"].tolist() == ["Picken", "Inventaris", "Mail lezen"]
    assert "What the system never sees" in u._repr_html_()
    # the same step, seen because the log has an ERP event of A-1 during it
    log2 = pd.concat([log, pd.DataFrame({C.CASE: ["A-1"], C.ACTIVITY: ["Stock query"],
                                         C.TIMESTAMP: [pd.Timestamp("2026-02-03 09:15")],
                                         C.SYSTEM: ["ERP"]})], ignore_index=True)
    assert sh.unseen_work(obs, log2).steps["observation_id"].tolist() == ["O4", "O5"]
    aliased = sh.unseen_work(obs, log, aliases={"Voorraad controleren": "Bevestigen"})
    assert aliased.steps.empty


def test_frustration_notes(obs):
    notes = sh.frustration_notes(obs)
    assert notes[["activity", "system", "notes"]].values.tolist() == [
        ["Voorraad controleren", "Excel", 1], ["Picken", "WhatsApp", 1]]
    assert notes["mean_severity"].tolist() == [4.0, 3.0]
    assert notes.loc[0, "evidence"] == "O4"


def test_observations_to_log_is_canonical(obs):
    log = sh.observations_to_log(obs)
    f = log.frame
    assert isinstance(log, sh.EventLog)
    assert len(f) == 10 and log.rows_read == 13 and len(log.rejected) == 3
    assert set(f[C.SOURCE]) == {"observed"}
    assert set(f[C.CASE]) == {"A-1", "B-2", "Jan|2026-02-03", "Piet|2026-02-03", "Piet|2026-02-04"}
    assert (f[C.START] <= f[C.TIMESTAMP]).all()
    assert str(f[C.TIMESTAMP].dtype) == "datetime64[ns]"
    assert log.has_intervals
    a1 = f.loc[f[C.CASE].eq("A-1")]
    assert a1[C.ACTIVITY].tolist() == ["Order invoeren", "Voorraad controleren",
                                       "Voorraad controleren", "Voorraad controleren"]
    assert a1[C.SYSTEM].tolist() == ["ERP", "Excel", "phone", "ERP"]
    # a pm4py-style frame: it goes through the read-side checks as it is
    again = sh.read_event_log(f[[C.CASE, C.ACTIVITY, C.TIMESTAMP, C.START, C.RESOURCE, C.SYSTEM]])
    assert again.n_events == 10 and again.rejected.empty
    with pytest.raises(InputError, match=r"observations_to_log expects Observations"):
        sh.observations_to_log(obs.frame)


def test_observations_to_log_renders_as_process_map(obs):
    pm = pytest.importorskip("shadowing.draw.process_map")
    m = pm.process_map(sh.observations_to_log(obs))
    assert "Voorraad controleren" in set(m.nodes["activity"].astype(str))
    assert "Voorraad controleren" in m.to_dot()


# -- charts --------------------------------------------------------------------------------------

def test_plot_time_use(obs):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    out = sh.plot_time_use(obs, ax=ax)
    assert out is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Verkoop", "Magazijn"]
    widths = sorted(round(p.get_width() * 60) for p in ax.patches if p.get_width() > 0)
    assert widths == [15, 33, 110, 200]
    ax2 = sh.plot_time_use(sh.time_use(obs), unit="share")
    assert ax2.get_xlim() == (0, 1)


def test_plot_day_timeline(obs):
    ax = sh.plot_day_timeline(obs, person="Jan", date="2026-02-03", color_by="waste")
    assert len(ax.patches) == 6
    assert ax.get_title() == "Jan, 2026-02-03"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["(no waste)", "searching", "waiting", "double entry"]
    with pytest.raises(ParameterError, match=r"'person' parameter .* Did you mean 'Jan'"):
        sh.plot_day_timeline(obs, person="jan ")
    with pytest.raises(ParameterError, match=r"'date' parameter .* 2026-02-03"):
        sh.plot_day_timeline(obs, person="Jan", date="2026-02-09")
    with pytest.raises(ParameterError, match=r"'color_by' parameter"):
        sh.plot_day_timeline(obs, color_by="system")


def test_plot_system_switches(obs):
    ax = sh.plot_system_switches(obs)
    image = ax.get_images()[0].get_array()
    assert image.sum() == 4
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert set(ticks) == {"Excel", "phone", "ERP", "WhatsApp", "scanner", "Navision"}


# -- pseudonyms ----------------------------------------------------------------------------------

def test_pseudonymise_stable_by_first_appearance():
    s = pd.Series(["Piet", "Jan", "Piet", None, " Jan"], index=[5, 6, 7, 8, 9], name="who")
    out = sh.pseudonymise(s, prefix="Medewerker")
    assert out.tolist()[:3] == ["Medewerker 1", "Medewerker 2", "Medewerker 1"]
    assert pd.isna(out.iloc[3]) and out.iloc[4] == "Medewerker 2"
    assert out.index.tolist() == [5, 6, 7, 8, 9] and out.name == "who"
    cat = sh.pseudonymise(s.astype("category"))
    assert cat.iloc[0] == "Person 1"
    with pytest.raises(ParameterError, match=r"'prefix' parameter of pseudonymise"):
        sh.pseudonymise(s, prefix="")


# -- frustrations --------------------------------------------------------------------------------

FRUSTRATIONS = """\
nr;irritatie;stemmen;activiteit;systeem;rol
1;Voorraad in Excel klopt nooit;5;Voorraad controleren;Exel;Verkoop
2;Wachten op magazijn;drie;;;
3;;2;;;
1;Dubbel;1;;;
4;Orders dubbel intikken;;Order invoeren;ERP;Verkoop
5;Niemand neemt op;7;;telefoon;
"""


@pytest.fixture
def frustrations_path(tmp_path):
    p = tmp_path / "frustrations.csv"
    p.write_text(FRUSTRATIONS, encoding="utf-8")
    return p


def test_read_frustrations(frustrations_path):
    df = sh.read_frustrations(frustrations_path, errors="drop")
    assert list(df.columns) == ["frustration_id", "text", "votes", "activity", "system", "role",
                                "line"]
    assert df["frustration_id"].tolist() == ["5", "1", "4"]     # most votes first
    assert df["votes"].tolist() == [7, 5, 1]                    # empty votes count as 1
    assert df["system"].tolist() == ["phone", "Excel", "ERP"]
    assert df["activity"].tolist() == [None, "Voorraad controleren", "Order invoeren"]
    rej = df.attrs["rejected"]
    assert rej["line"].tolist() == [3, 4, 5]
    assert rej["reason"].tolist() == [
        "expected a whole number of votes (0 or more), found 'drie'",
        "empty text; expected the frustration in words",
        "duplicate id '1' (already used on line 2)"]
    assert df.attrs["rows_read"] == 6
    assert len(pd.concat([df, df])) == 6                         # attrs survive concat


def test_read_frustrations_errors(frustrations_path, tmp_path):
    with pytest.raises(InputError, match=r"line 3, column 'stemmen': expected a whole number"):
        sh.read_frustrations(frustrations_path)
    with pytest.raises(ParameterError, match=r"'errors' parameter of read_frustrations"):
        sh.read_frustrations(frustrations_path, errors="skip")
    p = tmp_path / "f.csv"
    p.write_text("stemmen;rol\n3;Verkoop\n", encoding="utf-8")
    with pytest.raises(ColumnNotFoundError, match=r"no text column found"):
        sh.read_frustrations(p)


def test_read_frustrations_without_ids_or_votes():
    df = sh.read_frustrations(pd.DataFrame({"frustration": ["a", "b"]}))
    assert df["frustration_id"].tolist() == ["F1", "F2"]
    assert df["votes"].tolist() == [1, 1]
    assert df.attrs["rejected"].empty


# -- bundled samples -----------------------------------------------------------------------------

def _sample_observations(samples):
    found = []
    for name in ("wholesale", "crm", "construction"):
        folder = samples / name
        for ext in ("csv", "xlsx"):
            if (folder / f"observations.{ext}").exists():
                found.append((folder, folder / f"observations.{ext}"))
    return found


def test_samples_read_without_mapping(samples):
    found = _sample_observations(samples)
    if not found:
        pytest.skip("no sample observations yet")
    for folder, path in found:
        obs = sh.read_observations(path)
        assert len(obs.frame) > 0 and obs.rejected.empty, path
        if (folder / "frustrations.csv").exists():
            fr = sh.read_frustrations(folder / "frustrations.csv")
            assert len(fr) > 0 and fr.attrs["rejected"].empty


def test_samples_reproduce_truth(samples):
    found = [(f, p) for f, p in _sample_observations(samples) if (f / "truth.yaml").exists()]
    if not found:
        pytest.skip("no sample truths yet")
    checked = 0
    for folder, path in found:
        truth = (yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8")) or {})
        expected = truth.get("observations") or {}
        if not expected:
            continue
        obs = sh.read_observations(path)
        official = ["ERP"]
        if (folder / "scenario.yaml").exists():
            scenario = yaml.safe_load((folder / "scenario.yaml").read_text(encoding="utf-8"))
            official = scenario.get("official_systems") or official
        if "off_system_share" in expected:
            want = expected["off_system_share"]
            got = sh.off_system(obs, official=official).iloc[0]["share"]
            assert got == pytest.approx(want["value"], abs=want.get("tolerance", 0.05)), folder.name
            checked += 1
        if expected.get("multi_system_checks"):
            got = set(sh.multi_system_tasks(obs)["activity"])
            assert set(expected["multi_system_checks"]) <= got, folder.name
            checked += 1
    if not checked:
        pytest.skip("the sample truths hold no observation values yet")
    assert np.isfinite(checked)


def test_analyses_accept_the_frame_in_any_order(obs):
    shuffled = obs.frame.sample(frac=1, random_state=3)
    a = sh.system_switches(obs)
    b = sh.system_switches(shuffled)
    pd.testing.assert_frame_equal(a, b)
    by_role = sh.time_use(shuffled).groupby(["role", "category"])["hours"].sum()
    assert by_role[("Verkoop", "waste")] * 60 == pytest.approx(110)
    assert sh.off_system(shuffled).iloc[0]["share"] == pytest.approx(340 / 358)
    with pytest.raises(InputError, match=r"time_use: the DataFrame lacks the observation columns"):
        sh.time_use(pd.DataFrame({"x": [1]}))


def test_everything_rejected_still_analysable():
    df = pd.DataFrame({"person": ["a"], "date": ["3/2/2026"], "start": ["x"], "end": ["9:10"],
                       "activity": ["y"]})
    obs = sh.read_observations(df, errors="drop")
    assert len(obs) == 0 and obs.rejected["line"].tolist() == [1]
    assert sh.quality(obs)["check"].tolist() == ["rejected rows"]
    assert sh.time_use(obs).empty and sh.system_switches(obs).empty
    assert sh.multi_system_tasks(obs).empty and sh.frustration_notes(obs).empty
    assert sh.observations_to_log(obs).n_events == 0
