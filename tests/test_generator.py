"""The generator: benchmark logs, and the bundled samples regenerate byte for byte."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import shadowing as sh
from shadowing.datasets import generator as G

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from samples import build as B  # noqa: E402  (developer-only sample builders)

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SCENARIOS = ("wholesale", "crm", "construction")


# -- generate_log ----------------------------------------------------------------------------

def test_generate_log_size_columns_activities():
    log = G.generate_log(1000, seed=7)
    assert len(log) == 1000
    assert list(log.columns) == ["case:concept:name", "concept:name", "time:timestamp",
                                 "start_timestamp", "org:resource", "system"]
    assert log["concept:name"].nunique() == 25
    assert set(log["concept:name"].unique()) == set(G.ACTIVITIES)
    assert 6 <= 1000 / log["case:concept:name"].nunique() <= 14     # about ten events per case
    assert (log["start_timestamp"] <= log["time:timestamp"]).all()
    assert log["org:resource"].isna().any()                          # missing resources


def test_generate_log_is_deterministic():
    a, b = G.generate_log(1000, seed=7), G.generate_log(1000, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not G.generate_log(1000, seed=8).equals(a)


def test_generate_log_texture():
    log = G.generate_log(6_000, seed=3)
    t = log["time:timestamp"]
    assert t.dt.day_of_week.max() <= 4                              # no weekends
    assert t.dt.hour.between(8, 17).all()                           # working hours
    holidays = pd.to_datetime([str(d) for d in G.public_holidays("nl", [2025])])
    assert not t.dt.normalize().isin(holidays).any()
    batch = log.loc[log["concept:name"] == "Factuur versturen", "start_timestamp"]
    assert (batch.dt.strftime("%H:%M") == "15:00").all()            # batch started the same minute
    waits = (log.groupby("case:concept:name", observed=True)["time:timestamp"].diff()
             .dt.total_seconds().dropna())
    assert waits.mean() > 2 * waits.median()                        # skewed, not uniform
    variants = log.groupby("case:concept:name", observed=True)["concept:name"].agg(
        lambda s: "|".join(s.astype(str)))
    assert variants.nunique() > 0.2 * len(variants)                 # many variants


def test_generate_log_other_sizes():
    log = G.generate_log(500, n_activities=30, seed=1)
    assert len(log) == 500 and log["concept:name"].nunique() <= 30
    with pytest.raises(ValueError, match="n_activities must be at least 3"):
        G.generate_log(100, n_activities=2)
    with pytest.raises(ValueError, match="n_events must be at least 1"):
        G.generate_log(0)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_write_log_round_trip(tmp_path, suffix):
    log = G.generate_log(300, seed=2)
    path = G.write_log(log, tmp_path / f"log{suffix}")
    back = sh.read_event_log(path)
    assert back.n_events == 300
    assert back.n_cases == log["case:concept:name"].nunique()
    with pytest.raises(ValueError, match="fmt must be 'csv' or 'parquet'"):
        G.write_log(log, tmp_path / "x.txt", fmt="txt")


def test_easter_and_holidays():
    assert G._easter(2026).isoformat() == "2026-04-05"
    assert G._easter(2025).isoformat() == "2025-04-20"
    be = {d.isoformat() for d in G.public_holidays("be", [2026])}
    assert {"2026-04-06", "2026-05-14", "2026-05-25", "2026-07-21", "2026-11-11"} <= be
    with pytest.raises(ValueError, match="unknown country"):
        G.public_holidays("fr", [2026])


# -- the samples -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    B.write_samples(out)
    return out


def test_samples_regenerate_byte_identical(regenerated):
    for folder in SCENARIOS + ("templates",):
        committed = sorted(p.name for p in (SAMPLES / folder).iterdir())
        fresh = sorted(p.name for p in (regenerated / folder).iterdir())
        assert committed == fresh, folder
        for name in fresh:  # xlsx too: fixed document times and zip entry dates
            assert (regenerated / folder / name).read_bytes() == \
                (SAMPLES / folder / name).read_bytes(), f"{folder}/{name} differs"


@pytest.mark.parametrize("name", SCENARIOS)
def test_sample_event_log_reads_without_mapping(name):
    folder = SAMPLES / name
    path = next(folder / f for f in ("eventlog.csv", "eventlog.xlsx") if (folder / f).exists())
    log = sh.read_event_log(path)
    assert len(log.rejected) == 0
    assert 500 <= log.n_events <= 6000                              # small: notebooks run in seconds
    assert {"case", "activity", "timestamp", "resource", "system"} <= set(log.columns)


def test_sample_formats_differ():
    raw = (SAMPLES / "wholesale" / "eventlog.csv").read_bytes()
    assert raw.startswith(b"Order;Activiteit;Tijdstip;Starttijd;Medewerker;Systeem")
    raw.decode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")                                         # really Windows-1252
    assert b"\r\n" in raw
    with pd.ExcelFile(SAMPLES / "crm" / "eventlog.xlsx") as book:
        assert book.sheet_names == ["Export"]
    head = (SAMPLES / "construction" / "eventlog.csv").read_text(encoding="utf-8").splitlines()
    assert head[0].startswith("case_id,project,activity,start_time,end_time")
    assert "T" in head[1].split(",")[3]                              # ISO times


@pytest.mark.parametrize("name", SCENARIOS)
def test_sample_folder_is_complete(name):
    folder = SAMPLES / name
    names = {p.name for p in folder.iterdir()}
    for need in ("perceived_manager.yaml", "perceived_team.yaml", "frustrations.csv",
                 "usage.csv", "roster.csv", "scenario.yaml", "truth.yaml", "README.md"):
        assert need in names
    assert names & {"observations.csv", "observations.xlsx"}
    truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
    assert set(truth) - {"change"} == {"hotspots", "perceived", "observations", "adoption"}
    for fname in truth.get("change", {}).get("files", {}).values():
        assert (folder / fname).exists()
    for item in truth["perceived"]:
        assert (folder / item["file"]).exists()
        perceived = yaml.safe_load((folder / item["file"]).read_text(encoding="utf-8"))
        assert {"name", "told_by", "steps"} <= set(perceived)
        assert set(item["perceived_only_activities"]) <= set(perceived["steps"])


def _read(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    sep = ";" if text.split("\n", 1)[0].count(";") else ","
    import io

    return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)


def _adoption(folder: Path, group: str, week: int) -> tuple[int, int]:
    """Independent count: people employed on the week's last day with >= 1 event in it."""
    scen = yaml.safe_load((folder / "scenario.yaml").read_text(encoding="utf-8"))
    usage, roster = _read(folder / "usage.csv"), _read(folder / "roster.csv")
    usage.columns = ["user", "timestamp", "system", "action"]
    cols = {"gebruiker": "user", "in_dienst": "start_date", "uit_dienst": "leave_date"}
    roster = roster.rename(columns=cols)
    dayfirst = "-" in usage["timestamp"].iloc[0][:3]
    ts = pd.to_datetime(usage["timestamp"], dayfirst=dayfirst, format="mixed")
    go_live = scen["go_live"]
    go_live = pd.Timestamp(go_live[group] if isinstance(go_live, dict) else go_live)
    end = go_live + pd.Timedelta(days=7 * week - 1)
    start_d = pd.to_datetime(roster["start_date"], dayfirst=dayfirst, format="mixed")
    leave_d = pd.to_datetime(roster["leave_date"].replace("", None), dayfirst=dayfirst,
                             format="mixed")
    by = scen["group_by"]
    member = roster[by].eq(group) if group != "All" else pd.Series(True, index=roster.index)
    employed = member & (start_d <= end) & (leave_d.isna() | (leave_d >= end))
    week_rows = (ts.dt.normalize() >= end - pd.Timedelta(days=6)) & (ts.dt.normalize() <= end)
    seen = set(usage.loc[week_rows, "user"].str.casefold())
    users = roster.loc[employed, "user"].str.casefold()
    return int(users.isin(seen).sum()), int(employed.sum())


@pytest.mark.parametrize("name,group,week,expected", [
    ("wholesale", "Verkoop", 8, 0.95), ("wholesale", "All", 8, 0.95),
    ("crm", "All", 8, 0.20), ("crm", "Sales", 8, 0.20),
    ("construction", "Bouwbedrijf Claes", 26, 0.30), ("construction", "Wouters Bouw", 26, 0.92),
])
def test_adoption_figures_in_usage_files(name, group, week, expected):
    active, employed = _adoption(SAMPLES / name, group, week)
    assert employed > 0
    assert active / employed == pytest.approx(expected, abs=0.03)
    truth = yaml.safe_load((SAMPLES / name / "truth.yaml").read_text(encoding="utf-8"))
    row = next(a for a in truth["adoption"] if a["group"] == group)
    assert row["weeks_after_go_live"] == week
    assert active / employed == pytest.approx(row["share"], abs=1e-3)


def test_crm_declines_from_a_higher_start():
    first, n1 = _adoption(SAMPLES / "crm", "All", 1)
    assert first / n1 > 0.7


def test_roster_changes_and_unknown_user():
    for name in SCENARIOS:
        roster = _read(SAMPLES / name / "roster.csv")
        usage = _read(SAMPLES / name / "usage.csv")
        leave = roster.iloc[:, list(roster.columns).index(roster.columns[-1])]
        assert (leave != "").sum() >= 1                               # someone leaves
        users = set(roster.iloc[:, 0].str.casefold())
        unknown = set(usage.iloc[:, 0].str.casefold()) - users
        assert len(unknown) == 1, (name, unknown)


def test_wholesale_planted_effects():
    log = sh.read_event_log(SAMPLES / "wholesale" / "eventlog.csv").frame
    acts = set(log["concept:name"].astype(str))
    assert {"Voorraad checken in Excel", "Magazijn bellen", "Klant hangt op",
            "Klant zoeken", "Factuur aanmaken"} <= acts                  # hidden work, near-dupes
    entry = log.loc[log["concept:name"] == "Order invoeren"]
    per_case = entry.groupby("case:concept:name", observed=True)["system"].nunique()
    assert (per_case == 2).mean() > 0.4                                   # double entry ERP + Excel
    mail = log.loc[log["concept:name"] == "Orderbevestiging mailen", "time:timestamp"]
    assert (mail.dt.strftime("%H:%M") == "16:30").all()                   # batch, same minute
    assert log["org:resource"].isna().mean() > 0.05
    assert log["time:timestamp"].dt.day_of_week.max() <= 4
    assert not log["time:timestamp"].dt.strftime("%m-%d").isin(["12-25", "12-26", "01-01"]).any()


def test_templates():
    folder = SAMPLES / "templates"
    assert sorted(p.name for p in folder.iterdir()) == [
        "frustrations.csv", "observations.csv", "perceived.yaml", "roster.csv"]
    for name in ("frustrations.csv", "observations.csv", "roster.csv"):
        frame = _read(folder / name)
        assert len(frame) == 1
        assert all(c.isascii() and c == c.lower() for c in frame.columns)
    perceived = yaml.safe_load((folder / "perceived.yaml").read_text(encoding="utf-8"))
    assert perceived["steps"] == ["Take call", "Check stock", "Confirm", "Enter order"]


def test_calendar_maps_working_minutes():
    cal = G.Calendar.build("2026-01-01", "2026-01-31", "nl")
    times = cal.to_time(np.array([0.0, 539.0, 540.0]))
    assert [str(t) for t in times] == ["2026-01-02T08:00:00", "2026-01-02T16:59:00",
                                       "2026-01-05T08:00:00"]           # 1 Jan holiday, weekend
