"""Shared fixtures: a tiny hand-checkable log, the real logs (skipped when absent), figures closed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture
def real_data() -> Path:
    """../shared/data/real, or skip: a fresh clone has no ../shared."""
    if not REAL.is_dir():
        pytest.skip(f"real logs not available: {REAL} does not exist (only beside the project)")
    return REAL


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def tiny_frame() -> pd.DataFrame:
    """Three cases, checkable by hand.

    case 1: a(08:00) b(09:00) c(11:00)       by ann, bob, ann
    case 2: a(08:00) c(08:30)                by ann, ann
    case 3: a(10:00) b(10:10) b(10:40) c(12:00)  by bob, bob, cas, ann   (b repeated: rework)
    """
    rows = [
        ("1", "a", "2026-02-02 08:00", "ann"), ("1", "b", "2026-02-02 09:00", "bob"),
        ("1", "c", "2026-02-02 11:00", "ann"),
        ("2", "a", "2026-02-02 08:00", "ann"), ("2", "c", "2026-02-02 08:30", "ann"),
        ("3", "a", "2026-02-03 10:00", "bob"), ("3", "b", "2026-02-03 10:10", "bob"),
        ("3", "b", "2026-02-03 10:40", "cas"), ("3", "c", "2026-02-03 12:00", "ann"),
    ]
    df = pd.DataFrame(rows, columns=["case:concept:name", "concept:name", "time:timestamp",
                                     "org:resource"])
    df["time:timestamp"] = pd.to_datetime(df["time:timestamp"])
    return df


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
