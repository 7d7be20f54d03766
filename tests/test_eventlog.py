"""read_event_log: every source, every role guess, every error path, nothing lost."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import shadowing as sh
from shadowing.model import columns as C

# events / cases / activities / resources, from ../shared/data/real/SOURCES.md
REAL = {
    "running-example/running-example.xes": (42, 6, 8, 6),
    "sepsis/sepsis.csv": (15214, 1050, 16, 26),
    "helpdesk/helpdesk.csv": (13710, 3804, 9, 0),
    "production/Production.csv": (4503, 225, 24, 46),
    "receipt/08_receipt.xes.gz": (8577, 1434, 27, 48),
    "road_traffic_fines/roadtraffic100traces.xes": (390, 100, 10, 54),
}


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


# -- real logs -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(REAL))
def test_real_logs_read_with_the_published_counts(real_data, name):
    log = sh.read_event_log(real_data / name)
    events, cases, activities, resources = REAL[name]
    s = log.summary()
    assert (s["events"], s["cases"], s["activities"], s["resources"]) == (events, cases, activities,
                                                                          resources)
    assert s["rows read"] == s["events"] + s["rows rejected"] == events
    assert log.rejected.empty


def test_sepsis_keeps_the_case_called_NA(real_data):
    log = sh.read_event_log(real_data / "sepsis/sepsis.csv")
    assert "NA" in set(log.frame[C.CASE].astype(str))
    assert log.columns == {"case": "Case ID", "activity": "Activity",
                           "timestamp": "Complete Timestamp", "resource": "org:group",
                           "lifecycle": "lifecycle:transition"}
    first = log.frame.iloc[0]
    assert first[C.TIMESTAMP] == pd.Timestamp("2014-10-22 11:15:41")


def test_production_is_an_interval_log_with_collapsed_labels(real_data):
    log = sh.read_event_log(real_data / "production/Production.csv")
    assert log.has_intervals
    assert (log.frame[C.START] <= log.frame[C.TIMESTAMP]).all()
    assert "Round Q.C." in log.activities and "Round  Q.C." not in log.activities


def test_xes_lines_point_into_the_file(real_data):
    path = real_data / "running-example/running-example.xes"
    log = sh.read_event_log(path)
    lines = path.read_text().splitlines()
    for line in log.frame["line"].head(5):
        assert "<event" in lines[line - 1]


# -- formats -----------------------------------------------------------------------------------

DUTCH = ("Zaak;Activiteit;Tijdstip;Medewerker;Bedrag\n"
         "1001;Bestelling ontvangen;03/02/2026 14:05;José Peeters;12,50\n"
         "1001;Voorraad  controleren ;03/02/2026 14:09;José Peeters;1.234,00\n"
         "NA;Bestelling ontvangen;04/02/2026 09:00;Brigitte Maës;3\n")


def test_dutch_cp1252_csv_reads_without_mapping(tmp_path):
    log = sh.read_event_log(write(tmp_path, "orders.csv", DUTCH, "cp1252"))
    f = log.frame
    assert log.columns == {"case": "Zaak", "activity": "Activiteit", "timestamp": "Tijdstip",
                           "resource": "Medewerker"}
    assert f[C.TIMESTAMP].iloc[0] == pd.Timestamp("2026-02-03 14:05")  # 3 February, day first
    assert list(f[C.ACTIVITY].astype(str)) == ["Bestelling ontvangen", "Voorraad controleren",
                                               "Bestelling ontvangen"]
    assert "José Peeters" in set(f[C.RESOURCE].astype(str))
    assert list(f["Bedrag"]) == [12.5, 1234.0, 3.0]
    assert set(f[C.CASE].astype(str)) == {"1001", "NA"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(tmp_path, encoding):
    log = sh.read_event_log(write(tmp_path, "e.csv", DUTCH, encoding))
    assert log.columns["case"] == "Zaak"
    assert "José Peeters" in set(log.frame[C.RESOURCE].astype(str))


@pytest.mark.parametrize("sep", [",", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path, sep):
    text = sep.join(["case", "activity", "timestamp"]) + "\n" + sep.join(
        ["1", "a", "2026-01-05 10:00:00"]) + "\n" + sep.join(["1", "b", "2026-01-05 11:00:00.250"]) + "\n"
    log = sh.read_event_log(write(tmp_path, "e.csv", text))
    assert log.n_events == 2
    assert log.frame[C.TIMESTAMP].iloc[1] == pd.Timestamp("2026-01-05 11:00:00.250")


def test_excel_with_sheet_choice_and_serial_dates(tmp_path):
    path = tmp_path / "log.xlsx"
    with pd.ExcelWriter(path) as xw:
        pd.DataFrame({"notes": ["not a log"]}).to_excel(xw, sheet_name="Info", index=False)
        pd.DataFrame({"Dossier": ["A", "A", "NA"], "Stap": ["x", "y", "x"],
                      "Datum": [46056.5, 46056.75, 46057.0]}).to_excel(xw, sheet_name="Export",
                                                                       index=False)
    log = sh.read_event_log(path, sheet="Export")
    assert log.frame[C.TIMESTAMP].iloc[0] == pd.Timestamp("2026-02-03 12:00")
    assert set(log.frame[C.CASE].astype(str)) == {"A", "NA"}
    with pytest.raises(sh.InputError, match=r"no sheet named 'Exprt'; sheets are: Info, Export\. Did you mean 'Export'"):
        sh.read_event_log(path, sheet="Exprt")


def test_excel_with_real_datetimes(tmp_path):
    path = tmp_path / "log.xlsx"
    pd.DataFrame({"case": ["1", "1"], "activity": ["a", "b"],
                  "timestamp": pd.to_datetime(["2026-02-03 08:00", "2026-02-03 09:30"])}
                 ).to_excel(path, index=False)
    log = sh.read_event_log(path)
    assert list(log.frame[C.TIMESTAMP]) == list(pd.to_datetime(["2026-02-03 08:00", "2026-02-03 09:30"]))
    assert list(log.frame["line"]) == [2, 3]


def test_parquet_and_dataframe_sources(tmp_path, tiny_frame):
    before = tiny_frame.copy()
    log = sh.read_event_log(tiny_frame)
    pd.testing.assert_frame_equal(tiny_frame, before)  # the caller's frame is untouched
    assert (log.n_events, log.n_cases) == (9, 3)
    path = tmp_path / "log.parquet"
    tiny_frame.to_parquet(path)
    assert sh.read_event_log(path).n_events == 9


def test_xes_gz(tmp_path, real_data):
    import gzip

    raw = (real_data / "running-example/running-example.xes").read_bytes()
    path = tmp_path / "r.xes.gz"
    path.write_bytes(gzip.compress(raw))
    assert sh.read_event_log(path).n_events == 42


# -- column roles --------------------------------------------------------------------------------

def test_exact_name_beats_partial_name(tmp_path):
    text = "activity_instance_id,case,activity,timestamp\n7,1,a,2026-01-05 10:00\n"
    log = sh.read_event_log(write(tmp_path, "e.csv", text))
    assert log.columns["activity"] == "activity"


def test_partial_names_are_guessed(tmp_path):
    text = "Order nummer klant,Naam van de stap,Moment\n1,a,2026-01-05 10:00\n"
    log = sh.read_event_log(write(tmp_path, "e.csv", text), timestamp="Moment")
    assert log.columns["case"] == "Order nummer klant"


def test_ambiguous_guess_lists_the_candidates(tmp_path):
    text = "Case ID,case_id,activity,timestamp\n1,1,a,2026-01-05 10:00\n"
    with pytest.raises(sh.InputError, match=r"cannot tell which column is the case: 'Case ID', 'case_id'"):
        sh.read_event_log(write(tmp_path, "e.csv", text))


def test_missing_mapped_column_suggests_the_closest(tmp_path):
    path = write(tmp_path, "e.csv", DUTCH, "cp1252")
    with pytest.raises(sh.ColumnNotFoundError,
                       match=r"column 'Tijdstp' \(given as timestamp=\) not found; columns are: "
                             r"Zaak, Activiteit, Tijdstip, Medewerker, Bedrag\. Did you mean 'Tijdstip'\?"):
        sh.read_event_log(path, timestamp="Tijdstp")


def test_no_activity_column(tmp_path):
    with pytest.raises(sh.ColumnNotFoundError, match=r"no activity column found.*columns are: case, when"):
        sh.read_event_log(write(tmp_path, "e.csv", "case,when\n1,2026-01-01\n"))


# -- bad input: clear errors, nothing lost -------------------------------------------------------

def test_missing_file(tmp_path):
    (tmp_path / "orders.csv").write_text("x")
    with pytest.raises(sh.InputError, match=r"orders\.cvs: file not found\. Did you mean 'orders\.csv'"):
        sh.read_event_log(tmp_path / "orders.cvs")


def test_empty_file(tmp_path):
    with pytest.raises(sh.InputError, match=r"the file is empty"):
        sh.read_event_log(write(tmp_path, "e.csv", ""))


def test_header_only(tmp_path):
    with pytest.raises(sh.InputError, match=r"has a header \(case, activity, timestamp\) but no data rows"):
        sh.read_event_log(write(tmp_path, "e.csv", "case,activity,timestamp\n"))


def test_binary_file_given_as_csv(tmp_path):
    xlsx = tmp_path / "real.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(xlsx, index=False)
    path = write(tmp_path, "e.csv", xlsx.read_bytes())
    with pytest.raises(sh.InputError, match=r"e\.csv: expected a text \(CSV\) file, found an Excel workbook"):
        sh.read_event_log(path)
    with pytest.raises(sh.InputError, match=r"found binary data"):
        sh.read_event_log(write(tmp_path, "b.csv", b"case,a\x00\x01\x02\n"))


BAD = ("case;activity;timestamp\n"
       "1;a;03/02/2026 14:05\n"      # line 2 ok
       ";b;03/02/2026 14:06\n"       # line 3 empty case id
       "1;c;yesterday\n"             # line 4 not a date
       "2;a;2026-02-03 14:05\n"      # line 5 another format
       "2;;03/02/2026 15:00\n"       # line 6 empty activity
       "2;b;\n")                     # line 7 empty timestamp


def test_errors_raise_names_lines_columns_and_values(tmp_path):
    path = write(tmp_path, "bad.csv", BAD)
    with pytest.raises(sh.InputError) as info:
        sh.read_event_log(path)
    msg = str(info.value)
    assert "bad.csv: 5 of 6 rows of the event log cannot be read" in msg
    assert "line 3, column 'case': empty case id" in msg
    assert "line 4, column 'timestamp': expected a date/time like DD/MM/YYYY HH:MM, found 'yesterday'" in msg
    assert "line 5, column 'timestamp': mixed date formats" in msg
    assert "errors='drop'" in msg
    assert list(info.value.rejected["line"]) == [3, 4, 5, 6, 7]


def test_errors_drop_keeps_the_rest_and_accounts_for_every_row(tmp_path, caplog):
    log = sh.read_event_log(write(tmp_path, "bad.csv", BAD), errors="drop")
    assert log.n_events == 1 and list(log.frame["line"]) == [2]
    assert log.rows_read == log.n_events + len(log.rejected) == 6
    assert list(log.rejected.columns) == ["line", "column", "value", "reason"]
    assert log.rejected.set_index("line").loc[4, "value"] == "yesterday"
    assert "5 of 6 rows rejected" in caplog.text
    q = sh.quality(log)
    assert "rejected rows" in set(q["check"])


def test_bad_errors_parameter():
    with pytest.raises(sh.ParameterError, match=r"The 'errors' parameter of read_event_log must be one of 'raise', 'drop'\. Got 'ignore' instead"):
        sh.read_event_log(pd.DataFrame({"case": ["1"]}), errors="ignore")


def test_unreadable_timestamp_column(tmp_path):
    with pytest.raises(sh.InputError, match=r"column 'timestamp': cannot read the values as dates/times; found 'soon', 'later'"):
        sh.read_event_log(write(tmp_path, "e.csv", "case,activity,timestamp\n1,a,soon\n1,b,later\n"))


def test_month_first_only_when_asked(tmp_path):
    text = "case,activity,timestamp\n1,a,02/03/2026\n1,b,02/13/2026\n"
    path = write(tmp_path, "e.csv", text)
    with pytest.raises(sh.InputError, match=r"only reads month-first \(pass dayfirst=False"):
        sh.read_event_log(path)
    log = sh.read_event_log(path, dayfirst=False)
    assert list(log.frame[C.TIMESTAMP]) == list(pd.to_datetime(["2026-02-03", "2026-02-13"]))


def test_explicit_format_and_date_only(tmp_path):
    text = "case,activity,timestamp\n1,a,2026.02.03-14h05\n1,b,2026.02.04-09h00\n"
    log = sh.read_event_log(write(tmp_path, "e.csv", text), timestamp_format="%Y.%m.%d-%Hh%M")
    assert log.frame[C.TIMESTAMP].iloc[0] == pd.Timestamp("2026-02-03 14:05")
    log = sh.read_event_log(write(tmp_path, "d.csv", "case,activity,date\n1,a,2026-02-03\n"))
    assert log.frame[C.TIMESTAMP].iloc[0] == pd.Timestamp("2026-02-03")


def test_time_zone_localising_reports_dst_gaps_and_repeats(tmp_path):
    text = ("case,activity,timestamp\n1,a,2026-03-29 01:30\n1,b,2026-03-29 02:30\n"
            "1,c,2026-10-25 02:30\n1,d,2026-10-25 04:00\n")
    path = write(tmp_path, "e.csv", text)
    log = sh.read_event_log(path, tz="Europe/Brussels", errors="drop")
    assert list(log.rejected["line"]) == [3, 4]
    assert "does not exist in Europe/Brussels" in log.rejected["reason"].iloc[0]
    assert "happens twice in Europe/Brussels" in log.rejected["reason"].iloc[1]
    assert str(log.frame[C.TIMESTAMP].dt.tz) == "Europe/Brussels"


def test_offsets_are_kept_as_instants(tmp_path):
    text = "case,activity,timestamp\n1,a,2026-02-03T14:05:00+01:00\n1,b,2026-02-03T13:30:00Z\n"
    log = sh.read_event_log(write(tmp_path, "e.csv", text))
    assert list(log.frame[C.ACTIVITY].astype(str)) == ["a", "b"]
    assert log.frame[C.TIMESTAMP].iloc[0] == pd.Timestamp("2026-02-03 13:05", tz="UTC")


def test_interval_log_rejects_a_start_after_its_end(tmp_path):
    text = ("case,activity,start,end\n1,a,2026-02-03 08:00,2026-02-03 08:30\n"
            "1,b,2026-02-03 10:00,2026-02-03 09:00\n")
    with pytest.raises(sh.InputError, match=r"line 3, column 'start': starts after it ends"):
        sh.read_event_log(write(tmp_path, "e.csv", text))


def test_ties_keep_the_file_order(tmp_path):
    text = "case,activity,timestamp\n2,x,2026-01-01 10:00\n1,b,2026-01-01 09:00\n1,a,2026-01-01 09:00\n2,y,2026-01-01 09:00\n"
    f = sh.read_event_log(write(tmp_path, "e.csv", text)).frame
    assert list(f[C.ACTIVITY].astype(str)) == ["y", "x", "b", "a"]


def test_lifecycle_logs_pair_into_activity_instances():
    df = pd.DataFrame({
        C.CASE: ["1"] * 4, C.ACTIVITY: ["a", "a", "b", "b"],
        C.LIFECYCLE: ["start", "complete", "start", "complete"],
        C.TIMESTAMP: pd.to_datetime(["2026-01-01 08:00", "2026-01-01 08:20", "2026-01-01 09:00",
                                     "2026-01-01 09:45"])})
    log = sh.read_event_log(df)
    assert log.has_intervals
    inst = sh.activity_instances(log)
    assert list(inst[C.ACTIVITY].astype(str)) == ["a", "b"]
    assert list(inst[C.TIMESTAMP] - inst[C.START]) == [pd.Timedelta(minutes=20), pd.Timedelta(minutes=45)]


def test_repr_and_html_summary(tiny_frame):
    log = sh.read_event_log(tiny_frame)
    assert repr(log) == ("EventLog(DataFrame: 3 cases, 9 events, 3 activities, 0 rows rejected; "
                         "9 events read, 9 analysed)")
    html = log._repr_html_()
    assert "<caption>Event log</caption>" in html and "rows rejected" in html
    assert "<b>Accounting:</b> 9 events read, 9 analysed" in html
    assert "<caption>Column roles</caption>" in html


def test_plain_dataframe_needs_pm4py_columns():
    from shadowing.io.eventlog import as_frame

    with pytest.raises(sh.ColumnNotFoundError, match=r"needs the columns case:concept:name, time:timestamp"):
        as_frame(pd.DataFrame({"concept:name": ["a"]}))


# -- quiet import ----------------------------------------------------------------------------------

def test_import_is_quiet_and_does_not_load_pm4py():
    code = "import sys, shadowing; print('pm4py' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert out.stderr == ""


def test_pm4py_loads_without_banner_from_main():
    code = ("from shadowing._pm4py import pm4py, quiet\n"
            "pm = pm4py()\n"
            "import pandas as pd\n"
            "df = pd.DataFrame({'case:concept:name': ['1', '1'], 'concept:name': ['a', 'b'],\n"
            "                   'time:timestamp': pd.to_datetime(['2026-01-01', '2026-01-02'])})\n"
            "with quiet():\n"
            "    dfg, s, e = pm.discover_dfg(df)\n"
            "assert dfg == {('a', 'b'): 1}\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "" and out.stderr == ""


def test_large_column_of_distinct_times_is_parsed_directly(tmp_path):
    # > 50,000 rows with (nearly) every timestamp distinct take the direct parsing path
    n = 60_000
    times = pd.Timestamp("2026-02-02 08:00") + pd.to_timedelta(np.arange(n) * 7, unit="s")
    text = times.strftime("%d/%m/%Y %H:%M:%S").tolist()
    text[100] = "31/02/2026 10:00:00"          # no such day: rejected, named by its line
    frame = pd.DataFrame({"case": np.arange(n) // 10, "activity": "a", "timestamp": text})
    path = tmp_path / "big.csv"
    frame.to_csv(path, index=False)
    log = sh.read_event_log(path, errors="drop")
    assert log.rows_read == n and len(log.rejected) == 1
    assert log.rejected["line"].iloc[0] == 102
    assert log.frame[C.TIMESTAMP].iloc[0] == pd.Timestamp("2026-02-02 08:00")
    assert log.frame[C.TIMESTAMP].max() == times[-1]


# -- lifecycles, activity instances and the accounting ----------------------------------------

def lifecycle_csv(tmp_path, rows, header="case,activity,timestamp,lifecycle"):
    path = tmp_path / "lc.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_fifo_pairing_never_pairs_a_later_start(tmp_path):
    rows = ["c,a,2026-02-03 09:00,complete", "c,a,2026-02-03 10:00,start",
            "c,a,2026-02-03 10:30,complete", "c,a,2026-02-03 11:00,start",
            "c,a,2026-02-03 11:05,start", "c,a,2026-02-03 11:20,complete",
            "c,a,2026-02-03 11:40,complete"]
    log = sh.read_event_log(lifecycle_csv(tmp_path, rows))
    inst = sh.activity_instances(log)
    got = [(None if pd.isna(s) else s.strftime("%H:%M"), e.strftime("%H:%M"))
           for s, e in zip(inst[C.START], inst[C.TIMESTAMP])]
    assert got == [(None, "09:00"), ("10:00", "10:30"), ("11:00", "11:20"), ("11:05", "11:40")]


def test_pairing_equals_pm4py_to_interval(tmp_path):
    from pm4py.objects.log.util.interval_lifecycle import to_interval

    from shadowing._pm4py import pm4py, quiet

    rng = np.random.default_rng(7)
    rows = []
    t0 = pd.Timestamp("2026-02-02 08:00")
    for case in range(30):
        t = t0 + pd.Timedelta(hours=case)
        for _ in range(rng.integers(3, 9)):
            t += pd.Timedelta(minutes=int(rng.integers(1, 30)))
            rows.append(f"{case},{'abc'[rng.integers(0, 3)]},{t:%Y-%m-%d %H:%M},"
                        f"{['start', 'complete', 'complete'][rng.integers(0, 3)]}")
    log = sh.read_event_log(lifecycle_csv(tmp_path, rows))
    inst = sh.activity_instances(log)
    ours = sorted((str(c), str(a), (e if pd.isna(s) else s), e)
                  for c, a, s, e in zip(inst[C.CASE], inst[C.ACTIVITY], inst[C.START], inst[C.TIMESTAMP]))
    with quiet():
        iv = to_interval(pm4py().convert_to_event_log(log.frame))
    theirs = sorted((str(tr.attributes["concept:name"]), e["concept:name"],
                     pd.Timestamp(e["start_timestamp"]), pd.Timestamp(e["time:timestamp"]))
                    for tr in iv for e in tr)
    assert ours == theirs
    acc = log.accounting
    assert acc.balanced and acc.analysed == len(theirs)


def test_whole_lifecycle_model_is_accounted(tmp_path):
    rows = ["c,a,2026-02-03 08:00,schedule", "c,a,2026-02-03 08:30,assign",
            "c,a,2026-02-03 09:00,Started", "c,a,2026-02-03 09:10,suspend",
            "c,a,2026-02-03 09:40,resume", "c,a,2026-02-03 10:00,Finished",
            "c,b,2026-02-03 10:05,gestart", "c,b,2026-02-03 10:20,ate_abort",
            "c,x,2026-02-03 10:30,autoskip", "c,d,2026-02-03 11:00,begin",
            "c,e,2026-02-03 11:30,afgerond", "c,f,2026-02-03 11:40,scheduled"]
    log = sh.read_event_log(lifecycle_csv(tmp_path, rows))
    inst = sh.activity_instances(log)
    assert inst[C.ACTIVITY].astype(str).tolist() == ["a", "e"]
    assert inst["paused"].tolist() == [pd.Timedelta(minutes=30), pd.Timedelta(0)]
    assert inst["scheduled"].iloc[0] == pd.Timestamp("2026-02-03 08:00")  # waited 1 h to start
    assert pd.isna(inst["scheduled"].iloc[1])
    acc = log.accounting
    assert acc.balanced and acc.rows_read == 12 and acc.analysed == 2
    assert dict(acc.paired) == {"start": 1, "suspend/resume": 2, "schedule/assign": 2}
    assert dict(acc.set_aside) == {"aborted": 2, "skipped": 1, "open": 1, "planned": 1}
    text = acc.sentence()
    assert text.startswith("12 read, 2 analysed as activity instances, 1 start events paired with them")
    assert "1 set aside (start events without a complete: open instances)" in text
    assert "geanalyseerd als activiteitsinstanties" in acc.sentence("nl")
    assert set(log.frame[C.LIFECYCLE]) == {"schedule", "assign", "start", "suspend", "resume",
                                           "complete", "ate_abort", "autoskip"}


def test_status_column_is_not_a_lifecycle(tmp_path):
    rows = ["t1,Logged,2026-02-03 09:00,In Progress", "t1,Solved,2026-02-03 10:00,Resolved",
            "t2,Logged,2026-02-03 11:00,In Progress"]
    path = lifecycle_csv(tmp_path, rows, header="Ticket,Activity,Timestamp,Status")
    log = sh.read_event_log(path)
    assert "lifecycle" not in log.columns and log.frame["Status"].tolist()[0] == "In Progress"
    assert "not lifecycle transitions" in log.role_notes["lifecycle"]
    assert log.accounting.sentence() == "3 events read, 3 analysed"
    with pytest.raises(sh.InputError, match=r"column 'Status' \(given as lifecycle=\) holds values that "
                                            r"are not lifecycle transitions: 'In Progress', 'Resolved'"):
        sh.read_event_log(path, lifecycle="Status")


def test_lifecycle_false_makes_every_row_an_event(tmp_path):
    rows = ["c,a,2026-02-03 09:00,start", "c,a,2026-02-03 09:30,complete"]
    path = lifecycle_csv(tmp_path, rows, header="case,activity,timestamp,lifecycle:transition")
    assert len(sh.activity_instances(sh.read_event_log(path))) == 1
    log = sh.read_event_log(path, lifecycle=False)
    assert len(sh.activity_instances(log)) == 2 and log.accounting.analysed == 2
    assert log.frame["lifecycle_value"].tolist() == ["start", "complete"]
    assert "switched off" in log.role_notes["lifecycle"]
    with pytest.raises(sh.ParameterError, match="must be a column name or False"):
        sh.read_event_log(path, lifecycle=True)


def test_instance_id_guides_pairing(tmp_path):
    rows = ["c,a,2026-02-03 09:00,start,1", "c,a,2026-02-03 09:05,start,2",
            "c,a,2026-02-03 09:10,complete,2", "c,a,2026-02-03 09:30,complete,1"]
    path = lifecycle_csv(tmp_path, rows, header="case,activity,timestamp,lifecycle,concept:instance")
    inst = sh.activity_instances(sh.read_event_log(path))
    got = [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in zip(inst[C.START], inst[C.TIMESTAMP])]
    assert sorted(got) == [("09:00", "09:30"), ("09:05", "09:10")]


def test_a_view_with_nothing_to_analyse_is_an_error(tmp_path):
    rows = ["c,a,2026-02-03 09:00,start", "c,b,2026-02-03 09:30,start"]
    log = sh.read_event_log(lifecycle_csv(tmp_path, rows))
    with pytest.raises(sh.InputError, match=r"none of the 2 events can be analysed .* 2 start events "
                                            r"without a complete: open instances.*lifecycle=False"):
        sh.process_map(log)
    assert "none of the 2 events" in repr(log) and log.has_intervals
    q = sh.quality(log).set_index("check")
    assert q.loc["accounting", "count"] == 0 and "none of the 2 events" in q.loc["accounting", "message"]


def test_accounting_of_a_plain_frame(tiny_frame):
    from shadowing.io.eventlog import accounting_of

    acc = accounting_of(tiny_frame)
    assert (acc.rows_read, acc.analysed, acc.balanced) == (9, 9, True)


def test_log_frame_goes_into_pm4py(tiny_frame):
    from shadowing._pm4py import pm4py, quiet

    log = sh.read_event_log(tiny_frame)
    with quiet():
        dfg, start, end = pm4py().discover_dfg(log.frame)
    assert dfg[("a", "b")] == 2 and dict(start) == {"a": 3}
    assert isinstance(log.frame[C.CASE].dtype, pd.StringDtype)


def test_display_says_which_column_took_which_role_and_why(real_data):
    log = sh.read_event_log(real_data / "sepsis/sepsis.csv")
    roles = log.roles().set_index("role")
    assert roles.loc["case", "column"] == "Case ID"
    assert roles.loc["case", "why"] == "named like a case column ('case id')"
    assert roles.loc["resource", "why"] == "'org:group' is a group, not a person (no person column)"
    assert "lifecycle transitions (complete)" in roles.loc["lifecycle", "why"]
    html = log._repr_html_()
    assert "<code>org:group</code>" in html and "15,214 events read, 15,214 analysed" in html


def test_accounting_counts_rows_a_filter_set_aside(tiny_frame):
    log = sh.filter_variants_top_k(sh.read_event_log(tiny_frame), k=1)
    acc = log.accounting
    n = log.n_events
    assert acc.balanced and (acc.rows_read, acc.analysed) == (9, n) and 0 < n < 9
    assert acc.sentence() == f"9 events read, {n} analysed, {9 - n} set aside (filter_variants_top_k(k=1))"
