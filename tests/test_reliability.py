"""Reliability: hostile, broken and degenerate inputs give the kit's errors or row rejections,
configuration is validated like data, YAML cannot blow up, names never leak, and a report is
published whole or not at all.

The small inputs are the reliability cases in ../shared/cases/reliability/ (skipped when the
folder is absent); the rest are built here. Report runs are real (papermill, nbconvert,
Chromium, the CLI as a subprocess) and marked slow.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import shadowing as sh
from shadowing.analysis.pseudonyms import NameScrubber, looks_like_person, name_variants
from shadowing.cli import main as cli_main
from shadowing.draw import dot
from shadowing.errors import InputError, ParameterError, ReportError, ShadowingError
from shadowing.io import yamlsafe
from shadowing.io.scenario import read_scenario, validate_parameters
from shadowing.report import run as R
from shadowing.report.sections import Report
from shadowing.wording.report import waste_label

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT.parent / "shared" / "cases" / "reliability"
HAS_CHROMIUM = any(shutil.which(b) for b in R.BROWSERS)
HAS_PDFTOTEXT = shutil.which("pdftotext") is not None


@pytest.fixture
def cases() -> Path:
    if not CASES.is_dir():
        pytest.skip(f"reliability cases not available: {CASES} does not exist")
    return CASES


def _overlay(cases: Path, name: str, dest: Path) -> Path:
    """The wholesale sample with the files of cases/reliability/report/<name> put over it."""
    folder = dest / name
    shutil.copytree(SAMPLES / "wholesale", folder)
    for path in (cases / "report" / name).iterdir():
        shutil.copy(path, folder / path.name)
    return folder


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()


# -- readers: the cases -----------------------------------------------------------------------
def test_uffff_label_map_renders_with_the_character_replaced_and_said(cases):
    log = sh.read_event_log(cases / "el_uffff_label.csv")
    pmap = sh.process_map(log)
    svg = pmap.svg                                  # Graphviz used to fail on U+FFFF
    assert "Ship \ufffd" in svg and "\uffff" not in svg
    assert "U+FFFF" in svg and "replaced" in svg     # the caption says so
    assert "\uffff" in pmap.nodes["activity"].str.cat()  # the data itself is not changed


def test_xml_invalid_code_points_are_replaced_everywhere_in_dot():
    text = "a\x00b\x08c\x0bd\ufffee\uffff f\ud800g\tz\nnew"
    cleaned = dot.clean(text)
    assert cleaned == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd f\ufffdg z\nnew"
    assert dot.has_invalid(text) and not dot.has_invalid(cleaned)
    assert "U+0000" in dot.replaced_note([text]) and dot.replaced_note(["fine"]) == ""
    assert "vervangen" in dot.replaced_note([text], "nl")


def test_overflowing_votes_are_refused_never_negative(cases):
    df = sh.read_frustrations(cases / "fr_overflow_votes.csv", errors="drop")
    assert df["votes"].tolist() == [7] and (df["votes"] >= 0).all()
    rej = df.attrs["rejected"]
    assert rej["line"].tolist() == [3, 4]
    assert rej["value"].tolist() == ["99999999999999999999999", "9223372036854775808"]
    assert rej["reason"].str.contains("more than 1,000,000").all()
    with pytest.raises(InputError, match="line 3.*99999999999999999999999"):
        sh.read_frustrations(cases / "fr_overflow_votes.csv")


def test_absurd_duration_is_a_row_rejection(cases):
    obs = sh.read_observations(cases / "ob_overflow_duration.csv", errors="drop")
    assert len(obs.frame) == 1 and obs.frame["line"].tolist() == [3]
    rej = obs.rejected
    assert rej[["line", "column"]].values.tolist() == [[2, "duration"]]
    assert "more than 7 days" in rej["reason"].iloc[0]
    assert obs.rows_read == len(obs.frame) + len(obs.rejected)
    with pytest.raises(InputError, match="line 2, column 'duration'"):
        sh.read_observations(cases / "ob_overflow_duration.csv")


def test_year_out_of_bounds_is_a_row_rejection(cases):
    obs = sh.read_observations(cases / "ob_year_out_of_bounds.csv", errors="drop")
    assert obs.frame["line"].tolist() == [2, 3, 4]
    rej = obs.rejected
    assert rej["line"].tolist() == [5, 6]
    assert rej["value"].tolist() == ["03/02/2500", "03/02/1500"]
    assert rej["reason"].str.contains("outside 1678-2261").all()
    with pytest.raises(InputError, match="line 5, column 'date'"):
        sh.read_observations(cases / "ob_year_out_of_bounds.csv")


def test_full_datetimes_out_of_bounds_and_times_like_0900_are_told_apart():
    frame = pd.DataFrame({"person": ["P1"] * 3, "activity": ["A", "B", "C"],
                          "start": ["2026-02-03 09:00", "2500-02-03 09:00", "2026-02-03 10:00"],
                          "duration": ["5", "5", "0900"]})
    obs = sh.read_observations(frame, errors="drop")
    assert obs.rejected[["line", "column"]].values.tolist() == [[2, "start"]]  # a frame counts rows from 1
    assert obs.frame["activity"].tolist() == ["A", "C"]  # '0900' minutes is no year


def test_alias_bomb_is_refused_fast_and_small(cases):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"pe_bomb_durations.yaml: line 3: the YAML would expand to more than .* alias bomb"):
        sh.read_perceived(cases / "pe_bomb_durations.yaml")
    assert time.perf_counter() - started < 1.0
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 50


# -- the safe YAML loader -------------------------------------------------------------------------
def test_safe_yaml_allows_a_few_aliases_and_refuses_recursion_and_size():
    assert yamlsafe.load("a: &x [1, 2]\nb: *x") == {"a": [1, 2], "b": [1, 2]}
    with pytest.raises(InputError, match="line 2: not valid YAML: aliases"):
        yamlsafe.load("a: &x [1, 2]\nb: *x", aliases=False)
    with pytest.raises(InputError, match="contains itself"):
        yamlsafe.load("a: &a [*a]")
    with pytest.raises(InputError, match="at most 100 are read"):
        yamlsafe.load("x" * 101, max_bytes=100)
    with pytest.raises(InputError, match="more than 20 values"):
        yamlsafe.load("a: &a [1, 2, 3, 4, 5]\nb: [*a, *a, *a, *a, *a]", max_nodes=20)


def test_safe_yaml_keeps_an_impossible_date_as_text():
    assert yamlsafe.load("go_live: 2026-02-31\nok: 2026-03-02") == {
        "go_live": "2026-02-31", "ok": dt.date(2026, 3, 2)}


def test_no_yaml_load_bypasses_the_safe_loader():
    offenders = []
    for path in (ROOT / "shadowing").rglob("*.py"):
        if path.name == "yamlsafe.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"yaml\.(safe_load|load|full_load|unsafe_load|load_all|safe_load_all)\(", text):
            offenders.append(path.name)
    assert offenders == []


# -- configuration validated like data -------------------------------------------------------------
def test_official_systems_as_a_string_is_a_list_of_one(cases, tmp_path):
    folder = _overlay(cases, "official_systems_string", tmp_path)
    assert read_scenario(folder).params["official_systems"] == ["ERP"]
    report = Report.load(folder, lang="en")
    share = report.off_system_share
    assert 0.40 < share < 0.55                      # outside the ERP alone, about 47%
    html = report.where_time_goes().html + report.summary().html
    assert "E, R, P" not in html and "'E'" not in html


def test_typo_key_is_an_error_with_did_you_mean(cases, tmp_path, capsys):
    folder = _overlay(cases, "scenario_typo_key", tmp_path)
    with pytest.raises(InputError, match=r"no parameter 'hourly_rat' \(given 90\)\. Did you mean 'hourly_rate'"):
        read_scenario(folder)
    assert cli_main(["report", "--data", str(folder), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Did you mean 'hourly_rate'" in err
    assert not (tmp_path / "out").exists()


def test_impossible_go_live_is_a_shadowing_error_naming_key_and_value(cases, tmp_path, capsys):
    folder = _overlay(cases, "scenario_bad_go_live", tmp_path)
    with pytest.raises(ShadowingError, match=r"'go_live' must be a date that exists.*'2026-02-31'"):
        read_scenario(folder)
    assert cli_main(["report", "--data", str(folder), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "go_live" in err and "2026-02-31" in err and "Traceback" not in err


@pytest.mark.parametrize("params, match", [
    ({"hourly_rate": "veel"}, r"'hourly_rate' must be a number of euros per hour.*'veel'"),
    ({"hourly_rate": True}, r"'hourly_rate' must be a number"),
    ({"hourly_rate": -5}, r"'hourly_rate' must be a number"),
    ({"team_size": 2.5}, r"'team_size' must be a whole number above 0"),
    ({"adoption_target": 90}, r"'adoption_target' must be a share between 0 and 1"),
    ({"language": "de"}, r"'language' must be one of 'nl', 'en'"),
    ({"currency": "euro"}, r"'currency' must be a three-letter currency code"),
    ({"official_systems": {"ERP": 1}}, r"'official_systems' must be a list of names"),
    ({"go_live": {"Team A": "2026-13-01"}}, r"'go_live' must be for group 'Team A': a date that exists"),
    ({"eventlog_options": "x"}, r"'eventlog_options' must be a mapping"),
    ({"offical_systems": ["ERP"]}, r"no parameter 'offical_systems'.*Did you mean 'official_systems'"),
])
def test_parameters_are_checked_against_the_schema(params, match):
    with pytest.raises(ParameterError, match=match):
        validate_parameters(params)


def test_parameters_are_normalised():
    clean = validate_parameters({"official_systems": "ERP, Excel", "hourly_rate": "52,5",
                                 "adoption_target": "90%", "go_live": "2026-03-02",
                                 "language": "EN", "currency": "eur", "team_size": 30.0})
    assert clean == {"official_systems": ["ERP", "Excel"], "hourly_rate": 52.5,
                     "adoption_target": 0.9, "go_live": dt.date(2026, 3, 2), "language": "en",
                     "currency": "EUR", "team_size": 30}


def test_overrides_are_validated_before_anything_runs(tmp_path):
    with pytest.raises(ParameterError, match="'hourly_rate' must be a number"):
        sh.run_report(SAMPLES / "wholesale", tmp_path / "out", formats=("html",), hourly_rate="veel")
    with pytest.raises(ParameterError, match="'go_live' must be a date that exists"):
        Report.load(SAMPLES / "wholesale", overrides={"go_live": "2026-02-30"})
    assert not (tmp_path / "out").exists()


def test_cli_parameter_values_go_through_the_safe_loader(tmp_path, capsys):
    bomb = "[&a [x,x,x,x,x,x,x,x,x], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], &c [*b,*b,*b,*b,*b,*b,*b,*b,*b], " \
           "&d [*c,*c,*c,*c,*c,*c,*c,*c,*c], &e [*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]]"
    assert cli_main(["report", "--data", str(SAMPLES / "wholesale"), "--out", str(tmp_path / "o"),
                     "-p", "official_systems", bomb]) == 1
    assert "alias bomb" in capsys.readouterr().err


# -- names: the scrubber ------------------------------------------------------------------------------
def test_looks_like_person():
    assert looks_like_person("Henk van Dijk") and looks_like_person("Zoë") and looks_like_person("a.b@c.nl")
    for value in ("ERP", "Werfleider A1", "Inside sales", "A", "P01", "", None):
        assert not looks_like_person(value), value


def test_name_variants_are_whole_name_first_then_parts():
    assert name_variants("Henk van Dijk") == [("Henk van Dijk", True), ("Henk", False),
                                              ("van Dijk", False), ("Dijk", False)]
    assert name_variants("Marieke") == [("Marieke", True)]


def test_scrubber_replaces_names_by_parts_accents_and_case():
    s = NameScrubber({"Zoë Verhoef": "P1", "Henk van Dijk": "P2", "Tom Bakker": "P3",
                      "Tom Kok": "P4", "mjansen": "P5"}, protected=["Excel"], placeholder="[naam]")
    assert s("ZOE VERHOEF belt") == "P1 belt"
    assert s("Zoë en ZOE, verhoef") == "P1 en P1, P1"
    assert s("zoe") == "zoe"                            # three letters: only with a capital
    assert s("vraag het aan van Dijk of Dijk") == "vraag het aan P2 of P2"
    assert s("Tom zegt") == "[naam] zegt"               # a first name two people share
    assert s("de kok kookt, Kok niet") == "de kok kookt, P4 niet"  # short parts need a capital
    assert s("mjansen@firma.nl en mjansen") == "[e-mail] en P5"
    assert NameScrubber({"laura.meijer@veldman-fs.nl": "P9"})("mail laura.meijer@veldman-fs.nl") == "mail P9"
    assert s("Excel-lijst") == "Excel-lijst"


def test_scrubber_removes_phones_and_names_next_to_roles_but_not_dates_or_amounts():
    s = NameScrubber({}, placeholder="[naam]", phone="[telefoon]")
    assert s("bel directeur Pietersen op +31 6 1234 5678") == "bel directeur [naam] op [telefoon]"
    assert s("Petra (boekhouder) en Joost, de planner") == "[naam] (boekhouder) en [naam], de planner"
    assert s("mevrouw De Backer belt") == "mevrouw [naam] belt"
    assert s("Proces volgens Henk") == "Proces volgens [naam]"
    assert s("gebeld door SAP, klant ERP") == "gebeld door SAP, klant ERP"  # systems are not people
    for text in ("2026-02-03 09:15:00", "order 12345 van € 1.234,50", "VO26-00140", "13/01/2026"):
        assert s(text) == text


def test_scrubber_keeps_a_firm_named_after_a_family():
    s = NameScrubber({"Jef Wouters": "P1"}, protected=["Wouters Bouw"])
    assert s("workshop Wouters Bouw met Wouters") == "workshop Wouters Bouw met P1"


def test_scrubber_on_a_categorical_keeps_it_categorical():
    s = NameScrubber({"Anna Smit": "P1", "Anna Kok": "P2"}, placeholder="[name]")
    cat = pd.Series(["Call Anna Smit", "Call Anna Kok", "Call Anna"], dtype="category")
    out = s.series(cat)
    assert isinstance(out.dtype, pd.CategoricalDtype)
    assert out.tolist() == ["Call P1", "Call P2", "Call [name]"]


# -- names: the report, in-process ----------------------------------------------------------------------
def _people_of(folder: Path) -> set[str]:
    """Every name-like value in a folder, read with the kit's readers and no pseudonyms."""
    report = Report.load(folder, pseudonymise=False)
    values: list = []
    if report.roster is not None:
        values += list(report.roster["user"]) + list(report.roster.get("name", []))
    log = report._log_frame()
    if log is not None and "org:resource" in log:
        values += list(log["org:resource"].astype(object).unique())
    obs = report._obs_frame()
    if obs is not None:
        values += list(obs["person"].unique()) + list(obs["observer"].unique())
    if report.usage is not None:
        values += list(report.usage["user"].unique())
    for perc in report.perceived:
        who = re.split(r"[(,<]", perc.told_by or "")[0].strip()
        if looks_like_person(who):
            values.append(who)
    names = set()
    for v in values:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            continue
        v = " ".join(str(v).split())
        if looks_like_person(v) or re.fullmatch(r"[a-z][\w.@-]{3,}", v):
            names.add(v)
    return names


def _found(names: set[str], text: str) -> list[str]:
    folded = _fold(text)
    return sorted(n for n in names if re.search(r"(?<!\w)" + re.escape(_fold(n)) + r"(?!\w)", folded))


@pytest.mark.parametrize("roster", [True, False])
def test_sections_show_no_name_with_names_in_labels_notes_and_without_roster(tmp_path, roster):
    folder = tmp_path / "w"
    shutil.copytree(SAMPLES / "wholesale", folder)
    log_text = (folder / "eventlog.csv").read_bytes().decode("cp1252")
    (folder / "eventlog.csv").write_bytes(
        log_text.replace("Telefoon aannemen", "Telefoon aannemen voor Henk van Dijk", 5).encode("cp1252"))
    notes = ["zoe verhoef vraagt het aan mjansen", "Sanne kijkt mee", "bel directeur Pietersen op 06-12345678",
             "mail naar henk@vandijk.nl", "Femke (boekhouder) zegt nee"]
    lines = (folder / "observations.csv").read_bytes().decode("utf-8").splitlines()
    for i, note in enumerate(notes, start=1):
        cells = lines[i].split(";")
        cells[11], cells[12] = note, "3"
        lines[i] = ";".join(cells)
    (folder / "observations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    names = _people_of(folder) | {"Pietersen", "henk@vandijk.nl", "06-12345678"}
    assert {"Henk van Dijk", "Zoë Verhoef", "Sanne de Vries", "mjansen"} <= names
    if not roster:
        (folder / "roster.csv").unlink()
    report = Report.load(folder)
    html = "".join(b.html for b in report.sections())
    assert _found(names, html) == []
    assert "Medewerker" in html and "Waarnemer" in html
    notes_out = set(report._obs_frame()["frustration"].dropna())
    assert "bel directeur [naam] op [telefoon]" in notes_out and "mail naar [e-mail]" in notes_out


def test_the_check_finds_names_when_pseudonyms_are_off():
    """The privacy checks above can fail: with pseudonyms off the same names are found."""
    names = _people_of(SAMPLES / "wholesale")
    html = "".join(b.html for b in Report.load(SAMPLES / "wholesale", pseudonymise=False).sections())
    assert "Henk van Dijk" in _found(names, html)


def test_perceived_steps_with_a_name_are_renamed_consistently(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "eventlog.csv").write_text(
        "case,activity,timestamp,resource\n"
        + "".join(f"{c},Intake,2026-02-0{c} 09:00,Petra Jansen\n{c},Akkoord van Petra Jansen,2026-02-0{c} 10:00,Petra Jansen\n"
                  for c in range(1, 5)), encoding="utf-8")
    (folder / "perceived_team.yaml").write_text(
        "name: Team\ntold_by: Petra Jansen (teamleider)\nsteps: [Intake, Akkoord van Petra Jansen]\n"
        "durations: {Akkoord van Petra Jansen: 5 min}\n", encoding="utf-8")
    report = Report.load(folder, lang="en")
    (perc,) = report.perceived
    assert perc.steps == ("Intake", "Akkoord van Employee 1") and perc.told_by == "Employee 1 (teamleider)"
    assert ("Intake", "Akkoord van Employee 1") in perc.allowed_flows
    (comparison,) = report.comparisons
    assert comparison.fitness == pytest.approx(1.0)
    html = "".join(b.html for b in report.sections())
    assert "Petra" not in html and "Jansen" not in html


def test_cover_states_the_pseudonyms_or_their_opt_out():
    on = Report.load(SAMPLES / "crm", lang="en").cover().html
    off = Report.load(SAMPLES / "crm", lang="en", pseudonymise=False).cover().html
    assert "pseudonyms (Employee 1, 2" in on and "inside notes and labels" in on
    assert "Pseudonyms were switched off" in off and "real names" in off


def test_all_rows_rejected_is_never_called_free_of_quality_issues(tmp_path):
    (tmp_path / "eventlog.csv").write_text(
        "case,activity,timestamp\n" + "".join(f"C{i},,2026-01-0{i % 9 + 1} 10:00\n" for i in range(40)),
        encoding="utf-8")
    html = Report.load(tmp_path, lang="en").data_used().html
    assert "no data-quality issues" not in html
    assert "None of the event log&#x27;s rows could be used (40 rejected" in html


# -- the output folder, checked before the run --------------------------------------------------------
def test_existing_file_as_out_fails_at_once_with_one_line(tmp_path, capsys):
    target = tmp_path / "report.html"
    target.write_text("old")
    started = time.perf_counter()
    assert cli_main(["report", "--data", str(SAMPLES / "wholesale"), "--out", str(target), "--no-pdf"]) == 1
    assert time.perf_counter() - started < 5  # before the notebook runs
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is an existing file" in err
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_unwritable_out_fails_at_once(tmp_path):
    if os.geteuid() == 0:  # root writes into read-only folders; /proc takes no new folders
        target = Path("/proc/1/shadowing-report")
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        target = locked / "out"
    started = time.perf_counter()
    with pytest.raises(ReportError, match="cannot be written"):
        sh.run_report(SAMPLES / "wholesale", target, formats=("html",))
    assert time.perf_counter() - started < 5
    assert not target.exists()


def test_stale_staging_folders_of_killed_runs_are_removed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{R.STAGE_PREFIX}{dead.pid}-0123abcd"
    (stale / "chromium").mkdir(parents=True)
    (stale / "files" / "report-nl.html").parent.mkdir()
    (stale / "files" / "report-nl.html").write_text("<html>")
    alive = tmp_path / f"{R.STAGE_PREFIX}{os.getpid()}-89abcdef"
    alive.mkdir()
    other = tmp_path / ".shadowing-tmp-notmine"
    other.mkdir()
    assert stale in R.clean_stale_stages(tmp_path)
    assert not stale.exists() and alive.exists() and other.exists()


def test_publishing_into_an_existing_folder_replaces_this_report_only(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name, text in (("report-nl.html", "old"), ("report-nl.pdf", "old pdf"), ("report-en.html", "en"),
                       ("notes.txt", "mine")):
        (out / name).write_text(text)
    stage, created = R._prepare_output(out)
    assert stage.parent == out and stage.name.startswith(R.STAGE_PREFIX) and created == []
    (stage / "files").mkdir()
    new = stage / "files" / "report-nl.html"
    new.write_text("new")
    written = R._publish([new], out, stage, "report-nl")
    shutil.rmtree(stage)
    assert written == [out / "report-nl.html"]
    assert {p.name: p.read_text() for p in out.iterdir()} == {
        "report-nl.html": "new", "report-en.html": "en", "notes.txt": "mine"}  # no stale PDF beside it


def test_publishing_a_new_folder_is_one_rename(tmp_path):
    out = tmp_path / "deep" / "er" / "out"
    stage, created = R._prepare_output(out)
    assert created == [tmp_path / "deep", tmp_path / "deep" / "er"]
    (stage / "files").mkdir()
    files = [stage / "files" / n for n in ("report-nl.html", "report-nl.pdf")]
    for f in files:
        f.write_text(f.name)
    R._publish(files, out, stage, "report-nl")
    shutil.rmtree(stage)
    assert sorted(p.name for p in out.iterdir()) == ["report-nl.html", "report-nl.pdf"]
    assert [p.name for p in out.parent.iterdir()] == ["out"]


# -- real report runs (slow) -----------------------------------------------------------------------------
def _pdf_text(path: Path) -> str:
    if HAS_PDFTOTEXT:
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                             check=True, timeout=60).stdout.decode("utf-8")
    else:
        import pypdf

        out = " ".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    return " ".join(out.split())


def _svgs(html: str) -> list[str]:
    import base64

    inline = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    embedded = [base64.b64decode(m).decode("utf-8", errors="replace")
                for m in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)]
    return inline + embedded


def _notebook_strings(path: Path) -> str:
    def walk(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for x in node:
                yield from walk(x)
        elif isinstance(node, dict):
            for x in node.values():
                yield from walk(x)

    return "\n".join(walk(json.loads(path.read_text(encoding="utf-8"))))


@pytest.mark.slow
@pytest.mark.skipif(not HAS_CHROMIUM, reason="no Chromium on PATH")
@pytest.mark.parametrize("roster", [True, False], ids=["roster", "no-roster"])
@pytest.mark.parametrize("sample", ["wholesale", "crm", "construction"])
def test_privacy_no_name_in_html_pdf_svg_or_notebook(tmp_path, sample, roster):
    folder = tmp_path / sample
    shutil.copytree(SAMPLES / sample, folder)
    names = _people_of(folder)
    assert len(names) > 20
    if not roster:
        (folder / "roster.csv").unlink()
    html_path, pdf_path, nb_path = sh.run_report(folder, tmp_path / "out",
                                                 formats=("html", "pdf", "ipynb"))
    html = html_path.read_text(encoding="utf-8")
    svgs = _svgs(html)
    assert len(svgs) >= 3
    found = {"html": _found(names, re.sub(r"<[^>]+>", " ", html)) + _found(names, html),
             "pdf": _found(names, _pdf_text(pdf_path)),
             "svg": _found(names, "\n".join(svgs)),
             "notebook": _found(names, _notebook_strings(nb_path))}
    assert found == {"html": [], "pdf": [], "svg": [], "notebook": []}
    assert "Medewerker 1" in html or "Employee 1" in html


def _old_report(out: Path) -> dict:
    out.mkdir()
    (out / "report-nl.html").write_text("<html>previous client</html>")
    (out / "report-nl.pdf").write_bytes(b"%PDF previous client")
    return {p.name: p.read_bytes() for p in out.iterdir()}


def _cli(data: Path, out: Path, tmp: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmp))  # its own temp folder, watched
    return subprocess.Popen([sys.executable, "-m", "shadowing.cli", "report", "--data", str(data),
                             "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=str(out.parent))


def _complete(out: Path) -> bool:
    import pypdf

    html = (out / "report-nl.html").read_text(encoding="utf-8")
    pages = len(pypdf.PdfReader(out / "report-nl.pdf").pages)
    return html.rstrip().endswith("</html>") and "Waar te beginnen" in html and pages >= 5


@pytest.mark.slow
@pytest.mark.skipif(not HAS_CHROMIUM, reason="no Chromium on PATH")
def test_sigterm_at_any_moment_leaves_out_untouched_or_complete_and_no_temp_folder(tmp_path):
    """SIGTERM (and once SIGINT) sent to real runs of the command at five moments."""
    data = tmp_path / "wholesale"
    shutil.copytree(SAMPLES / "wholesale", data)
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="sh-"))  # short: Chromium puts sockets in it (108-byte limit)
    request_cleanup = tmp
    # a full run, timed: the kill moments are shares of it
    parent = tmp_path / "full"
    parent.mkdir()
    started = time.perf_counter()
    proc = _cli(data, parent / "out", tmp)
    _, err = proc.communicate(timeout=300)
    total = time.perf_counter() - started
    assert proc.returncode == 0, err.decode()
    assert _complete(parent / "out")
    outcomes = []
    for i, (share, sig) in enumerate(((0.2, signal.SIGTERM), (0.45, signal.SIGINT), (0.7, signal.SIGTERM),
                                      (0.85, signal.SIGTERM), (0.97, signal.SIGTERM))):
        parent = tmp_path / f"kill{i}"
        parent.mkdir()
        out = parent / "out"
        before = _old_report(out) if i % 2 == 0 else None  # an earlier report, or no folder yet
        proc = _cli(data, out, tmp)
        time.sleep(total * share)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
        leftovers = [p.name for p in parent.rglob("*") if p.name.startswith(R.STAGE_PREFIX)
                     or p.parent == parent and p.name != "out"]
        assert leftovers == [], (share, leftovers)
        if proc.returncode == 0:                        # finished before the signal
            outcome = "complete"
        elif before is None:
            outcome = "complete" if out.exists() else "untouched"
        else:
            now = {p.name: p.read_bytes() for p in out.iterdir()}
            outcome = "untouched" if now == before else "complete"
        if outcome == "complete":
            assert _complete(out), (share, err.decode())
        else:
            assert proc.returncode in (128 + sig, -sig), (share, proc.returncode, err.decode())
            assert "Traceback" not in err.decode()
        outcomes.append(outcome)
    assert "untouched" in outcomes
    time.sleep(1)
    left = sorted(p.name for p in tmp.iterdir())
    shutil.rmtree(request_cleanup, ignore_errors=True)
    assert left == []


@pytest.mark.slow
@pytest.mark.skipif(not (HAS_CHROMIUM and shutil.which("dot")), reason="no Chromium or Graphviz")
def test_hostile_folder_no_live_markup_dot_parses_and_pdf_keeps_every_hotspot(cases, tmp_path):
    folder = _overlay(cases, "hostile", tmp_path)
    html_path, pdf_path = sh.run_report(folder, tmp_path / "out", formats=("html", "pdf"))
    html = html_path.read_text(encoding="utf-8")
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, [a for a, _ in attrs]))
            assert not (tag == "img" and ("src", "x") in attrs), "live <img> from client data"

    parser = Tags()
    parser.feed(html)
    tags = {t for t, _ in parser.found}
    handlers = {a for _, attrs in parser.found for a in attrs if a.lower().startswith("on")}
    assert "iframe" not in tags
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S | re.I)
    own = {p.read_text(encoding="utf-8").strip()
           for p in (ROOT / "shadowing" / "report" / "templates").rglob("*.js")}
    for attrs, body in scripts:                                           # only the template's own
        assert "src" not in attrs and body.strip() in own
    assert handlers == set()                                              # no live event handler
    assert "alert(" in html                                               # the text is kept, escaped
    report = Report.load(folder, lang="nl")
    for pmap in [report.process_map] + [c.map() for c in report.comparisons]:
        proc = subprocess.run(["dot", "-Tsvg"], input=pmap.to_dot().encode("utf-8"),
                              capture_output=True, timeout=60)
        assert proc.returncode == 0, proc.stderr.decode()
    words = _pdf_text(pdf_path)                      # reading order, spaces kept
    pdf = re.sub(r"\s+", "", words)
    top = report.data_hotspots.head(10)
    assert len(top) == 10
    for row in top.itertuples():
        assert re.sub(r"\s+", "", row.explanation_nl) in pdf, row.where
        assert re.sub(r"\s+", "", report.money(row.cost_per_month)) in pdf, row.where
        # short words are never squeezed to a few letters a line (only long words get breaks)
        assert waste_label(row.waste, "nl") in words, row.waste
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report-nl.html", "report-nl.pdf"]


def test_scrubbing_never_merges_two_cases_or_activities():
    s = NameScrubber({}, placeholder="[name]")
    acts = pd.Series(["Bel klant Jansen", "Bel klant Pietersen", "Bel klant [name]", "Bel klant Jansen"],
                     dtype="category")
    out = s.series(acts, distinct=True)
    assert out.tolist() == ["Bel klant [name] #2", "Bel klant [name] #3", "Bel klant [name]",
                            "Bel klant [name] #2"]
    assert out.nunique() == acts.nunique()
    plain = s.series(pd.Series(["klant Jansen", "klant Pietersen"]), distinct=False)
    assert plain.tolist() == ["klant [name]", "klant [name]"]  # free text may read the same


@pytest.mark.parametrize("sample", ["wholesale", "construction"])
def test_pseudonyms_change_no_number(sample):
    on, off = Report.load(SAMPLES / sample), Report.load(SAMPLES / sample, pseudonymise=False)
    cols = ["waste", "staff_hours_per_month", "wait_hours_per_month", "cost_per_month", "occurrences", "cases"]
    pd.testing.assert_frame_equal(on.hotspot_table[cols], off.hotspot_table[cols])
    assert [c.fitness for c in on.comparisons] == [c.fitness for c in off.comparisons]
    assert on.off_system_share == off.off_system_share
    assert on._log_frame()["case:concept:name"].nunique() == off._log_frame()["case:concept:name"].nunique()
    assert on._log_frame()["concept:name"].nunique() == off._log_frame()["concept:name"].nunique()


def test_tables_break_long_words_only_and_mark_tables_too_wide_for_a_page():
    from shadowing.report.html import breakable, table

    assert breakable("kort &amp; <b>goed</b>") == "kort &amp; <b>goed</b>"
    long = breakable("L" + "x" * 40 + " &lt;b&gt;" + "y" * 30)
    assert "<wbr>" in long and "&lt;b&gt;" in long and long.replace("<wbr>", "") == "L" + "x" * 40 + " &lt;b&gt;" + "y" * 30
    assert table([["a", "1"]], ["Waar", "Uren"], numeric={1}).startswith("<table><thead>")
    wide = table([[f"woordnummer{i}" for i in range(10)]], [f"kolom{i}" for i in range(10)])
    assert wide.startswith('<table class="tight">')


def test_hostile_text_in_a_spreadsheet_stays_text(cases, tmp_path):
    from openpyxl import load_workbook

    folder = _overlay(cases, "hostile", tmp_path)
    frustrations = sh.read_frustrations(folder / "frustrations.csv", errors="drop")
    obs = sh.read_observations(folder / "observations.csv", errors="drop")
    path = sh.to_excel(tmp_path / "findings.xlsx", frustrations=frustrations,
                       hotspots=sh.hotspots(observations=obs, frustrations=frustrations, hourly_rate=45))
    book = load_workbook(path)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)                      # nothing a spreadsheet runs
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert any(t.startswith("=HYPERLINK") for t in texts)              # kept, as text
