"""The reading edge on inputs nobody here made: ../shared/cases/reading/ (EXPECTED.md there) and the
event-log cases of ../shared/cases/reliability/, plus more inputs of each class built here."""

from __future__ import annotations

import gzip
import logging
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import shadowing as sh
from shadowing._pm4py import pm4py as _pm4py_module, quiet
from shadowing.analysis.performance import throughput_times
from shadowing.model import columns as C

pm4py = _pm4py_module()
CASES = Path(__file__).resolve().parents[1].parent / "shared" / "cases"


@pytest.fixture
def reading() -> Path:
    if not (CASES / "reading").is_dir():
        pytest.skip(f"cases not available: {CASES / 'reading'} does not exist (only beside the project)")
    return CASES / "reading"


@pytest.fixture
def reliability() -> Path:
    if not (CASES / "reliability").is_dir():
        pytest.skip(f"cases not available: {CASES / 'reliability'} does not exist")
    return CASES / "reliability"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def edges(log) -> dict:
    e = sh.process_map(log).edges
    return {(r.source, r.target): int(r.count) for r in e.itertuples()
            if r.source != "[start]" and r.target != "[end]"}


def pm4py_dfg(frame) -> dict:
    with quiet():
        dfg, _, _ = pm4py.discover_dfg(frame)
    return {k: int(v) for k, v in dfg.items()}


# -- lifecycles --------------------------------------------------------------------------------

def test_statuses_in_lifecycle_column_are_events_as_in_pm4py(reading):
    log = sh.read_event_log(reading / "lifecycle_substatus.xes")
    assert log.n_events == 8 and len(sh.variants(log)) == 2
    expected = {("Accepted", "Accepted"): 1, ("Accepted", "Completed"): 2,
                ("Accepted", "Queued"): 1, ("Completed", "Completed"): 1,
                ("Queued", "Accepted"): 1}
    assert edges(log) == expected
    assert pm4py_dfg(log.frame) == expected
    with quiet():
        raw = pm4py.read_xes(str(reading / "lifecycle_substatus.xes"))
    assert pm4py_dfg(raw) == expected
    with quiet():
        theirs = pm4py.get_variants(raw)
    ours = sh.variants(log)
    assert {" → ".join(k): int(v) for k, v in theirs.items()} == dict(zip(ours["variant"], ours["count"]))
    assert log.accounting.sentence() == "8 events read, 8 analysed"
    assert "not lifecycle transitions" in log.role_notes["lifecycle"]
    assert "In Progress" in set(log.frame[C.LIFECYCLE])  # kept as an attribute


def test_start_end_lifecycle_gives_instances(reading):
    log = sh.read_event_log(reading / "lifecycle_start_end.csv")
    inst = sh.activity_instances(log)
    assert len(inst) == 5 and len(sh.variants(log)) == 2
    minutes = ((inst[C.TIMESTAMP] - inst[C.START]).dt.total_seconds() / 60)
    by_act = minutes.groupby(inst[C.ACTIVITY].astype(str)).apply(sorted).to_dict()
    assert by_act == {"Receive request": [10, 20], "Check request": [45], "Send answer": [5, 10]}
    pm = sh.process_map(log, measure="performance")
    assert len(pm.nodes) == 3 and pm.to_dot()
    acc = log.accounting
    assert (acc.rows_read, acc.analysed, acc.paired) == (10, 5, (("start", 5),))
    assert acc.balanced and log.has_intervals


def test_complete_without_start_is_never_negative(reading):
    log = sh.read_event_log(reading / "lifecycle_unmatched_complete.csv")
    inst = sh.activity_instances(log)
    got = [(a, s, e) for a, s, e in zip(inst[C.ACTIVITY].astype(str), inst[C.START], inst[C.TIMESTAMP])]
    t = pd.Timestamp
    assert got[0][0] == "Prepare quote" and pd.isna(got[0][1]) and got[0][2] == t("2026-02-03 09:00")
    assert got[1:] == [("Prepare quote", t("2026-02-03 10:00"), t("2026-02-03 10:30")),
                       ("Send quote", t("2026-02-03 11:00"), t("2026-02-03 11:15"))]
    waits = sh.process_map(log, measure="performance").edges.set_index(["source", "target"])
    assert waits.loc[("Prepare quote", "Prepare quote"), "wait_median"] == pd.Timedelta(hours=1)
    assert waits.loc[("Prepare quote", "Send quote"), "wait_median"] == pd.Timedelta(minutes=30)
    assert log.accounting.no_start == 1
    assert "1 instances without a start (duration unknown)" in log.accounting.sentence()
    # pm4py's interval pairing gives the same instances (its unknown start = the complete)
    from pm4py.objects.log.util.interval_lifecycle import to_interval  # noqa: PLC0415

    with quiet():
        ev = pm4py.convert_to_event_log(log.frame)
        iv = to_interval(ev)
    theirs = [(e["concept:name"], e["start_timestamp"], e["time:timestamp"]) for tr in iv for e in tr]
    ours = [(a, e if pd.isna(s) else s, e) for a, s, e in got]
    assert [(a, pd.Timestamp(s), pd.Timestamp(e)) for a, s, e in theirs] == ours


# -- export classes ----------------------------------------------------------------------------

def test_thousands_separator_nl(reading):
    log = sh.read_event_log(reading / "thousands_separator_nl.csv")
    assert log.frame.sort_values("line")["Bedrag"].tolist() == [1250, 980, 12500, 3400, 640]
    assert log.frame["Bedrag"].sum() == 18770


@pytest.mark.parametrize("text, sep, expected", [
    ("1.250,50", ";", 1250.5), ('"1,250.50"', ",", 1250.5), ("12,5", ";", 12.5),
    ("1.250.000", ";", 1250000), ('"1,250,000"', ",", 1250000), ("0,125", ";", 0.125),
])
def test_thousands_and_decimal_marks(tmp_path, text, sep, expected):
    rows = [f"c{sep}a{sep}2026-02-03 09:00{sep}{text}", f"c{sep}b{sep}2026-02-03 10:00{sep}7"]
    path = write(tmp_path, "x.csv", "\n".join([f"case{sep}activity{sep}timestamp{sep}amount"] + rows))
    log = sh.read_event_log(path)
    assert log.frame["amount"].tolist() == [expected, 7]


def test_ambiguous_thousands_stay_text_with_a_note(tmp_path, caplog):
    path = write(tmp_path, "x.csv", "case,activity,timestamp,amount\nc,a,2026-02-03 09:00,1.250\n"
                                    "c,b,2026-02-03 10:00,2.500\n")
    with caplog.at_level(logging.INFO, logger="shadowing"):
        log = sh.read_event_log(path)
    assert log.frame["amount"].tolist() == ["1.250", "2.500"]
    assert any("could be 1250 or 1.25" in n for n in log.notes)
    assert "could be 1250 or 1.25" in caplog.text


def test_date_and_time_in_two_columns(reading):
    log = sh.read_event_log(reading / "date_time_split_columns.csv")
    waits = sh.process_map(log, measure="performance").edges.set_index(["source", "target"])
    assert waits.loc[("Aanvraag ontvangen", "Aanvraag beoordelen"), "wait_median"] == pd.Timedelta("0:55:00")
    assert waits.loc[("Aanvraag beoordelen", "Besluit versturen"), "wait_median"] == pd.Timedelta("14:52:30")
    assert throughput_times(log)["throughput"].tolist() == [pd.Timedelta("6:45:00"),
                                                             pd.Timedelta("24:50:00")]
    assert "combined" in log.role_notes["timestamp"]
    explicit = sh.read_event_log(reading / "date_time_split_columns.csv", timestamp=("Datum", "Tijd"))
    assert explicit.frame[C.TIMESTAMP].tolist() == log.frame[C.TIMESTAMP].tolist()


@pytest.mark.parametrize("names", [("Date", "Time"), ("Startdatum", "Starttijd")])
def test_date_time_pairs_by_name(tmp_path, names):
    d, t = names
    path = write(tmp_path, "x.csv", f"case;activity;{d};{t}\nc;a;03/02/2026;09:00\nc;b;03/02/2026;10:30\n")
    log = sh.read_event_log(path) if d == "Date" else sh.read_event_log(path, timestamp=(d, t))
    assert log.frame[C.TIMESTAMP].tolist() == [pd.Timestamp("2026-02-03 09:00"),
                                               pd.Timestamp("2026-02-03 10:30")]


def test_date_time_pair_errors(tmp_path):
    path = write(tmp_path, "x.csv", "case;activity;Datum;Tijd\nc;a;03/02/2026;09:00\n")
    with pytest.raises(sh.ColumnNotFoundError, match=r"column 'Tyd' \(given in timestamp=\) not found"):
        sh.read_event_log(path, timestamp=("Datum", "Tyd"))
    with pytest.raises(sh.ParameterError, match="a pair"):
        sh.read_event_log(path, timestamp=("Datum",))


def test_trailing_delimiter_rows(reading):
    log = sh.read_event_log(reading / "trailing_delimiter_rows.csv")
    assert log.n_events == 3 and log.rejected.empty
    assert log.frame["line"].tolist() == [2, 3, 4]


def test_real_extra_fields_name_the_line(tmp_path):
    path = write(tmp_path, "x.csv", "case;activity;timestamp\nc;a;03/02/2026 09:00\n"
                                    "c;b;03/02/2026 10:00;oops\n")
    with pytest.raises(sh.InputError, match="line 3: 4 fields where the header has 3"):
        sh.read_event_log(path)


def test_separator_only_rows_and_multiline_cells(reading, tmp_path):
    log = sh.read_event_log(reading / "csv_blank_rows_multiline.csv")
    assert log.rejected.empty and log.frame["line"].tolist() == [2, 4, 5]
    assert log.frame["Opmerking"].iloc[0].replace("\r", "") == "klant belde\nterug"
    # a refused row after a multi-line cell carries the line where its record starts
    text = (reading / "csv_blank_rows_multiline.csv").read_text(encoding="utf-8")
    path = write(tmp_path, "x.csv", text.replace("04/02/2026 10:15", "not a date"))
    bad = sh.read_event_log(path, errors="drop")
    assert bad.rejected["line"].tolist() == [5] and bad.frame["line"].tolist() == [2, 4]


@pytest.mark.parametrize("pack", ["gz", "zip"])
def test_compressed_csv(reading, tmp_path, pack):
    src = reading / "csv_blank_rows_multiline.csv"
    if pack == "gz":
        path = write(tmp_path, "log.csv.gz", gzip.compress(src.read_bytes()))
    else:
        path = tmp_path / "log.zip"
        with zipfile.ZipFile(path, "w") as zf:
            zf.write(src, "export/eventlog.csv")
    log = sh.read_event_log(path)
    assert log.n_events == 3 and log.frame["line"].tolist() == [2, 4, 5]


def test_zip_with_several_files_is_refused(tmp_path):
    path = tmp_path / "log.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.csv", "x")
        zf.writestr("b.csv", "y")
    with pytest.raises(sh.InputError, match=r"holds 2 files \(a.csv, b.csv\); expected exactly one CSV"):
        sh.read_event_log(path)


def test_mixed_offsets(tmp_path):
    path = write(tmp_path, "x.csv", "case,activity,timestamp\nc,a,2026-02-03T09:00:00+01:00\n"
                                    "c,b,2026-02-03T10:00:00\n")
    with pytest.raises(sh.InputError, match=r"mixes times with a UTC offset .* pass tz="):
        sh.read_event_log(path)
    log = sh.read_event_log(path, tz="Europe/Amsterdam")
    assert log.frame[C.TIMESTAMP].tolist() == [pd.Timestamp("2026-02-03 09:00", tz="Europe/Amsterdam"),
                                               pd.Timestamp("2026-02-03 10:00", tz="Europe/Amsterdam")]


@pytest.mark.parametrize("values", [("03/02/2026 09:00:01", "03/02/2026 09:00:01.250"),
                                    ("03/02/2026 09:00", "03/02/2026 09:00:30"),
                                    ("2026-02-03 09:00", "2026-02-03 09:00:30.5")])
def test_optional_seconds_and_fractions_are_one_format(tmp_path, values):
    path = write(tmp_path, "x.csv", f"case;activity;timestamp\nc;a;{values[0]}\nc;b;{values[1]}\n")
    log = sh.read_event_log(path)
    assert log.n_events == 2 and log.rejected.empty


def test_unnamed_xes_trace_is_never_merged(reading):
    log = sh.read_event_log(reading / "xes_unnamed_trace.xes")
    assert log.n_cases == 2 and len(sh.variants(log)) == 2
    assert sorted(set(log.frame[C.CASE])) == ["2", "unnamed trace 2"]


def test_repeated_xes_trace_names_are_kept_apart(tmp_path):
    ev = '<event><string key="concept:name" value="{a}"/><date key="time:timestamp" value="2026-02-03T0{h}:00:00"/></event>'
    trace = '<trace><string key="concept:name" value="T"/>' + ev.format(a="a", h=9) + ev.format(a="b", h=8) + "</trace>"
    path = write(tmp_path, "x.xes", f'<log xes.version="1.0">{trace}{trace}</log>')
    log = sh.read_event_log(path)
    assert sorted(set(log.frame[C.CASE])) == ["T", "T #2"]


def test_excel_serials_in_csv(reading):
    log = sh.read_event_log(reading / "excel_serial_in_csv.csv")
    got = log.frame.sort_values("line")[C.TIMESTAMP].tolist()
    assert got == [pd.Timestamp(x) for x in ("2026-02-03 09:00", "2026-02-03 12:00", "2026-02-04 10:00",
                                             "2026-02-04 08:00", "2026-02-04 16:30")]
    assert any("Excel serial" in n for n in log.notes)


def test_offsets_shown_in_local_time(tmp_path):
    # BPI Challenge 2012 starts at 2011-10-01T00:38:44.546+02:00: 1 October local time
    ev = '<event><string key="concept:name" value="A"/><date key="time:timestamp" value="{t}"/></event>'
    trace = ('<trace><string key="concept:name" value="1"/>' + ev.format(t="2011-10-01T00:38:44.546+02:00")
             + ev.format(t="2011-11-03T09:00:00.000+01:00") + "</trace>")
    path = write(tmp_path, "x.xes", f'<log xes.version="1.0">{trace}</log>')
    log = sh.read_event_log(path)
    first = log.frame[C.TIMESTAMP].iloc[0]
    assert (first.day, first.month, first.hour) == (1, 10, 0)
    assert str(log.frame[C.TIMESTAMP].dt.tz) == "Europe/Amsterdam"
    assert log.frame[C.TIMESTAMP].dt.hour.tolist() == [0, 9]


# -- the reliability cases of the event-log reader ------------------------------------------------

def test_duplicate_columns_are_named(reliability):
    with pytest.raises(sh.InputError, match=r"two columns are both named 'activity' \(column 2 and column 5\)"):
        sh.read_event_log(reliability / "el_dup_columns.csv")


def test_ten_thousand_columns_read_fast(reliability):
    t = time.perf_counter()
    log = sh.read_event_log(reliability / "el_10k_columns_small.csv")
    assert time.perf_counter() - t < 5
    assert log.frame.shape[1] >= 10_000 and log.n_events == 2


def test_format_chosen_by_rows(reliability):
    log = sh.read_event_log(reliability / "el_mix_distinct.csv", errors="drop")
    assert log.n_events == 40 and len(log.rejected) == 1
    assert log.rejected["reason"].iloc[0].startswith(
        "mixed date formats: expected DD/MM/YYYY HH:MM, the format of 98% of the rows")


def test_years_out_of_bounds_are_rows_refused(reliability):
    log = sh.read_event_log(reliability / "el_out_of_bounds_year.csv", errors="drop")
    assert log.rejected["line"].tolist() == [8, 9]
    assert log.rejected["reason"].str.contains("outside the years 1678-2261").all()
    with pytest.raises(sh.InputError, match="line 8, column 'timestamp': the date '1500-01-01 09:00'"):
        sh.read_event_log(reliability / "el_out_of_bounds_year.csv")


def test_truncated_gzip_is_named(reliability, tmp_path):
    with pytest.raises(sh.InputError, match=r"el_truncated.xes.gz: truncated or corrupt gzip"):
        sh.read_event_log(reliability / "el_truncated.xes.gz")
    cut = write(tmp_path, "log.csv.gz", gzip.compress(b"case,activity,timestamp\n" * 50)[:30])
    with pytest.raises(sh.InputError, match=r"log.csv.gz: truncated or corrupt gzip"):
        sh.read_event_log(cut)


# -- pm4py takes log.frame as it is ------------------------------------------------------------------

REAL_LOGS = ["running-example/running-example.xes", "sepsis/sepsis.csv", "helpdesk/helpdesk.csv",
             "production/Production.csv", "receipt/08_receipt.xes.gz",
             "road_traffic_fines/roadtraffic100traces.xes"]


@pytest.mark.parametrize("name", REAL_LOGS)
def test_pm4py_dfg_on_log_frame_equals_process_map(real_data, name):
    log = sh.read_event_log(real_data / name)
    assert pm4py_dfg(log.frame) == edges(log)
    acc = log.accounting
    assert acc.balanced and acc.analysed == log.n_events
    inst = sh.activity_instances(log)
    if C.START in inst:
        assert not ((inst[C.TIMESTAMP] - inst[C.START]) < pd.Timedelta(0)).any()


@pytest.mark.parametrize("lang, text", [
    ("en", "10 read, 5 analysed as activity instances, 5 start events paired with them."),
    ("nl", "10 gelezen, 5 geanalyseerd als activiteitsinstanties, 5 start-gebeurtenissen eraan "
           "gekoppeld."),
])
def test_report_data_used_states_the_accounting(reading, tmp_path, lang, text):
    import shutil

    from shadowing.report.sections import Report

    folder = tmp_path / "client"
    folder.mkdir()
    shutil.copy(reading / "lifecycle_start_end.csv", folder / "eventlog.csv")
    html = Report.load(folder, lang=lang).data_used().html
    assert text in html


@pytest.mark.parametrize("name", ["export.csv.gz", "eventlog.zip"])
def test_compressed_event_log_in_a_report_folder(reading, tmp_path, name):
    from shadowing.report.sections import Report

    folder = tmp_path / "client"
    folder.mkdir()
    src = (reading / "date_time_split_columns.csv").read_bytes()
    if name.endswith(".gz"):
        (folder / name).write_bytes(gzip.compress(src))
    else:
        with zipfile.ZipFile(folder / name, "w") as zf:
            zf.writestr("eventlog.csv", src)
    report = Report.load(folder, lang="en")
    assert report.log.n_events == 6 and report.log.n_cases == 2


def test_duplicate_columns_in_excel_and_frames(tmp_path):
    frame = pd.DataFrame([["c", "a", "2026-02-03 09:00", "x"]],
                         columns=["case", "activity", "timestamp", "activity"])
    with pytest.raises(sh.InputError, match=r"DataFrame: two columns are both named 'activity' \(column 2 and column 4\)"):
        sh.read_event_log(frame)
    path = tmp_path / "x.xlsx"
    frame.to_excel(path, index=False)
    with pytest.raises(sh.InputError, match=r"x.xlsx: two columns are both named 'activity'"):
        sh.read_event_log(path)


def test_date_and_time_columns_in_excel(tmp_path):
    import datetime as dt

    frame = pd.DataFrame({"Zaak": ["Z-1", "Z-1"], "Activiteit": ["a", "b"],
                          "Datum": [dt.datetime(2026, 2, 3), dt.datetime(2026, 2, 4)],
                          "Tijd": [dt.time(9, 0), dt.time(15, 45)]})
    path = tmp_path / "x.xlsx"
    frame.to_excel(path, index=False)
    log = sh.read_event_log(path)
    assert log.frame[C.TIMESTAMP].tolist() == [pd.Timestamp("2026-02-03 09:00"),
                                               pd.Timestamp("2026-02-04 15:45")]


def test_zip_holding_an_xes_says_so(tmp_path):
    path = tmp_path / "log.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("log.xes", "<log/>")
    with pytest.raises(sh.InputError, match="holds 'log.xes', not a CSV file"):
        sh.read_event_log(path)


@pytest.mark.parametrize("name", REAL_LOGS)
def test_pm4py_discovery_and_conformance_take_log_frame(real_data, name):
    frame = sh.read_event_log(real_data / name).frame
    with quiet():
        variants = pm4py.get_variants(frame)
        net, im, fm = pm4py.discover_petri_net_inductive(frame)
        fitness = pm4py.fitness_token_based_replay(frame, net, im, fm)["log_fitness"]
        top = pm4py.filter_variants_top_k(frame, 1)
    assert sum(variants.values()) == frame[C.CASE].nunique()
    assert 0 < fitness <= 1 and top[C.CASE].nunique() == max(variants.values())


def test_many_refused_times_are_explained_fast(tmp_path):
    n = 50_000
    times = [f"2026-01-01 {i // 60 % 24:02d}:{i % 60:02d}:{i % 7:02d}" if i % 5 == 0 else
             ("junk%d" % i if i % 5 == 1 else "03/02/2026 09:00") for i in range(n)]
    frame = pd.DataFrame({"case": [str(i // 10) for i in range(n)], "activity": "a", "timestamp": times})
    t = time.perf_counter()
    log = sh.read_event_log(frame, errors="drop")
    assert time.perf_counter() - t < 10
    reasons = log.rejected["reason"]
    assert len(log.rejected) == 20_000 and log.n_events == 30_000
    assert reasons.str.startswith("mixed date formats: expected DD/MM/YYYY HH:MM, the format of 60%").sum() == 10_000
    assert reasons.str.startswith("expected a date/time like DD/MM/YYYY HH:MM, found 'junk").sum() == 10_000


def test_typed_dates_out_of_bounds_are_rows_refused(tmp_path):
    import datetime as dt

    frame = pd.DataFrame({"case": ["a", "a", "b"], "activity": ["x", "y", "z"],
                          "timestamp": [dt.datetime(2026, 2, 3, 9), dt.datetime(2500, 1, 1),
                                        dt.datetime(2026, 2, 3, 10)]})
    path = tmp_path / "x.xlsx"
    frame.to_excel(path, index=False)
    log = sh.read_event_log(path, errors="drop")
    assert log.rejected["line"].tolist() == [3] and log.n_events == 2
    assert "outside the years 1678-2261" in log.rejected["reason"].iloc[0]
