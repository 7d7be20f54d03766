"""Event-log charts: the numbers behind them by hand, the plots through their artists."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import shadowing as sh
from shadowing.analysis.performance import handovers, throughput_times
from shadowing.draw.charts import plot_activity_frequency, plot_dotted_chart, plot_handovers, plot_throughput


def test_throughput_times_by_hand(tiny_frame):
    t = throughput_times(tiny_frame)
    assert t["case"].tolist() == ["1", "2", "3"]
    assert t["throughput"].tolist() == [pd.Timedelta(hours=3), pd.Timedelta(minutes=30),
                                        pd.Timedelta(hours=2)]
    assert t["events"].tolist() == [3, 2, 4]
    assert t["start"].iloc[2] == pd.Timestamp("2026-02-03 10:00")


def test_throughput_keeps_time_zone(real_data):
    log = sh.read_event_log(real_data / "running-example/running-example.xes")
    t = throughput_times(log)
    # the offsets (+01:00/+02:00) are those of Europe/Amsterdam: shown in that local time
    assert str(t["start"].dt.tz) == "Europe/Amsterdam" and len(t) == 6
    assert (t["end"] - t["start"] == t["throughput"]).all()


def test_handovers_by_hand(tiny_frame):
    # case 1: ann→bob, bob→ann; case 2: none; case 3: bob→cas, cas→ann (bob→bob is no handover)
    h = handovers(tiny_frame)
    got = {(r.source, r.target): (r.count, r.cases) for r in h.itertuples()}
    assert got == {("ann", "bob"): (1, 1), ("bob", "ann"): (1, 1), ("bob", "cas"): (1, 1),
                   ("cas", "ann"): (1, 1)}
    assert h["share"].sum() == pytest.approx(1.0)
    loops = handovers(tiny_frame, self_loops=True)
    assert set(zip(loops.source, loops.target)) >= {("bob", "bob"), ("ann", "ann")}


def test_handovers_any_column_and_missing_column(tiny_frame):
    df = tiny_frame.assign(role=["sales", "stock", "sales", "sales", "sales", "stock", "stock",
                                 "stock", "sales"])
    h = handovers(df, by="role")
    # case 1: sales, stock, sales; case 2: sales, sales; case 3: stock x3, sales
    assert dict(zip(zip(h.source, h.target), h["count"])) == {("sales", "stock"): 1,
                                                              ("stock", "sales"): 2}
    with pytest.raises(sh.ColumnNotFoundError, match="by='system' needs the column 'system'"):
        handovers(tiny_frame, by="system")


def test_handovers_skip_missing_values(tiny_frame):
    df = tiny_frame.copy()
    df.loc[1, "org:resource"] = None  # case 1: ann, ?, ann -> no handover left
    h = handovers(df)
    assert ("ann", "bob") not in set(zip(h.source, h.target))


def test_plot_throughput(tiny_frame):
    ax = plot_throughput(tiny_frame)
    assert len(ax.patches) == 30
    assert [line.get_label() for line in ax.get_lines()] == ["median: 2.0 h", "P90: 2.8 h"]
    assert ax.get_xlabel() == "Throughput time (hours)"
    fig, given = plt.subplots()
    assert plot_throughput(tiny_frame, unit="min", lang="nl", ax=given) is given
    assert given.get_xlabel() == "Doorlooptijd (minuten)"
    with pytest.raises(sh.ParameterError, match="'unit' parameter of plot_throughput"):
        plot_throughput(tiny_frame, unit="hours")


def test_plot_handovers(tiny_frame):
    ax = plot_handovers(tiny_frame)
    assert len(ax.images) == 1
    assert ax.images[0].get_array().shape == (3, 3)
    assert [t.get_text() for t in ax.texts] == ["1"] * 4
    with pytest.raises(sh.ParameterError, match="'top' parameter of plot_handovers"):
        plot_handovers(tiny_frame, top=0)


def test_plot_dotted_chart(tiny_frame):
    ax = plot_dotted_chart(tiny_frame)
    offsets = sum(len(c.get_offsets()) for c in ax.collections)
    assert offsets == 9
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["other", "a", "b", "c"]
    ax = plot_dotted_chart(tiny_frame, max_cases=2, top_activities=1)
    assert sum(len(c.get_offsets()) for c in ax.collections) < 9


def test_plot_activity_frequency(tiny_frame):
    ax = plot_activity_frequency(tiny_frame, measure="cases")
    assert [p.get_width() for p in ax.patches] == [3, 3, 2]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "c", "b"]
    with pytest.raises(sh.ParameterError, match="'measure' parameter of plot_activity_frequency"):
        plot_activity_frequency(tiny_frame, measure="count")


def test_plots_on_a_real_log(real_data):
    log = sh.read_event_log(real_data / "sepsis/sepsis.csv")
    fig, axes = plt.subplots(2, 2)
    plot_throughput(log, ax=axes[0, 0])
    plot_handovers(log, ax=axes[0, 1])
    plot_dotted_chart(log, ax=axes[1, 0])
    plot_activity_frequency(log, ax=axes[1, 1])
    assert all(ax.has_data() for ax in axes.flat)
