"""The analyst's workbench: readable result tables, short errors, Excel export, map sizes."""

from __future__ import annotations

import re
import struct

import numpy as np
import pandas as pd
import pytest

import shadowing as sh
from shadowing.draw.tables import ResultFrame, as_result
from shadowing.wording.formats import column_kind, duration_text

FLOAT_3 = re.compile(r"\d\.\d{3,}")


class _Printer:  # IPython's pretty printer, reduced to what _repr_pretty_ uses
    def __init__(self):
        self.out = ""

    def text(self, s):
        self.out += s


def pretty(obj) -> str:
    p = _Printer()
    obj._repr_pretty_(p, False)
    return p.out


@pytest.fixture
def wholesale(samples):
    return sh.read_event_log(samples / "wholesale" / "eventlog.csv")


# -- readable tables ----------------------------------------------------------------------------

def test_results_display_for_people_and_stay_numbers(wholesale):
    h = sh.hotspots(wholesale, hourly_rate=45)
    assert isinstance(h, ResultFrame) and isinstance(h, pd.DataFrame)
    assert any(pd.api.types.is_float_dtype(t) for t in h.dtypes)  # numbers stay numbers
    raw = pd.DataFrame(h)
    assert FLOAT_3.search(raw.to_string())  # the plain frame shows long floats ...
    for text in (h._repr_html_(), pretty(h)):  # ... the kit's display does not
        assert not FLOAT_3.search(text), FLOAT_3.search(text)
        assert "€" in text
        assert "nan" not in text.lower() and "NaT" not in text and "None" not in text
    # pandas operations keep the display; other frames are untouched
    assert isinstance(h.head(3), ResultFrame) and isinstance(h[["waste", "where"]], ResultFrame)
    assert type(pd.DataFrame({"a": [1.123456]})) is pd.DataFrame
    v = sh.variants(wholesale)
    html = v._repr_html_()
    assert "6 h 28 min" in html or re.search(r"\d+ h \d+ min", html)
    assert re.search(r"\d+%", html) and "0 days" not in html


def test_formats_by_column():
    df = as_result(pd.DataFrame({
        "share_of_cases": [0.25, 0.0333, None],
        "staff_hours_per_month": [12.345, 0.04, np.nan],
        "cost_per_month": [1234.6, 7.0, None],
        "wait": pd.to_timedelta(["6h28min", "2D4h", None]),
        "first": pd.to_datetime(["2026-02-03 14:05:09", "2026-02-04 00:00:00", None]),
        "count": [1200, 3, 4],
        "score": [0.123456, 2.0, np.nan],
        "explanation": ["A long sentence " * 10, None, "short"],
    }))
    html = df._repr_html_()
    for expected in ("25%", "3.3%", "12.3", "€1,235", "6 h 28 min", "2 d 4 h", "2026-02-03 14:05",
                     "2026-02-04<", "1,200", "0.12", "A long sentence A long sentence"):
        assert expected in html, expected
    assert html.count("<td class='text'></td>") == 2 and html.count("<td class='num'></td>") == 5
    nl = as_result(df.assign(cost_per_month=[1234.6, 7.0, None]))
    nl.attrs["lang"] = "nl"
    assert "€ 1.235" in nl._repr_html_() and "6 u 28 min" in nl._repr_html_()
    assert column_kind("share", pd.Series([3.0, 5.0])) == "number"  # not a fraction: no %
    assert duration_text(pd.Timedelta("-90min")) == "-1 h 30 min"
    assert duration_text(pd.Timedelta("45s")) == "45 s"
    long = as_result(pd.DataFrame({"x": np.arange(100.5, 200.5)}))
    assert "… 50 more rows …" in long._repr_html_() and "100 rows × 1 columns" in long._repr_html_()


# -- short errors --------------------------------------------------------------------------------

def test_errors_render_short_in_ipython():
    err = sh.ParameterError("The 'mode' parameter of f must be one of 'a'. Got 'b' instead.")
    lines = err._render_traceback_()
    assert len(lines) == 2 and "ParameterError" in lines[0] and "Got 'b'" in lines[0]
    assert "shadowing.full_traceback()" in lines[1]
    many = sh.InputError("\n".join(f"line {i}" for i in range(30)))
    assert len(many._render_traceback_()) == 10
    try:
        sh.filter_variants_top_k(pd.DataFrame({"case:concept:name": ["1"], "concept:name": ["a"],
                                               "time:timestamp": [pd.Timestamp("2026-01-01")]}),
                                 k=0)
    except sh.ShadowingError as exc:
        full = sh.full_traceback(exc)
    assert "Traceback (most recent call last)" in full and "check_number" in full
    assert repr(full) == str(full)


def test_full_traceback_without_error(monkeypatch):
    import sys

    monkeypatch.delattr(sys, "last_exc", raising=False)
    monkeypatch.delattr(sys, "last_value", raising=False)
    with pytest.raises(sh.ParameterError, match="no error was raised yet"):
        sh.full_traceback()


# -- Excel -------------------------------------------------------------------------------------

def test_to_excel_round_trip(tmp_path, wholesale):
    openpyxl = pytest.importorskip("openpyxl")
    labels = pd.DataFrame({
        "label": ["=HYPERLINK(\"http://evil\",\"click\")", "+31 6 12345678", "-1+2", "@SUM(A1)",
                  "plain", None],
        "cost_per_month": [1234.5, 2.0, None, 4.0, 5.0, 6.0],
        "share_of_cases": [0.1, 0.2, 0.3, None, 0.5, 0.6],
        "wait": pd.to_timedelta(["6h28min", "1D", None, "5min", "1h", "2h"]),
    })
    labels.attrs = {"hourly_rate": 45.0, "period": {"months": 2.5}}
    out = sh.to_excel(tmp_path / "findings.xlsx", labels=labels,
                      hotspots=sh.hotspots(wholesale, hourly_rate=45), log=wholesale,
                      **{"a/b:c": pd.DataFrame({"x": [1]})})
    assert out == tmp_path / "findings.xlsx" and out.exists()
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["labels", "hotspots", "log", "a_b_c", "About these numbers"]
    ws = wb["labels"]
    assert [c.value for c in ws[1]] == ["label", "cost_per_month", "share_of_cases", "wait"]
    assert ws.freeze_panes == "A2" and ws[1][0].font.b
    for row, text in enumerate(labels["label"].iloc[:5], start=2):  # formula-like text kept as text
        cell = ws.cell(row=row, column=1)
        assert cell.value == text and cell.data_type == "s"
    assert ws["A2"].quotePrefix and not ws["A6"].quotePrefix
    assert ws["A7"].value is None  # empty stays empty
    assert ws["B2"].value == 1234.5 and ws["B2"].number_format == '"€"#,##0'
    assert ws["C2"].value == 0.1 and ws["C2"].number_format == "0.0%"
    assert ws["D2"].number_format == "[h]:mm"
    assert abs(pd.Timedelta(ws["D2"].value).total_seconds() - 6 * 3600 - 28 * 60) < 1
    assert 8 <= ws.column_dimensions["A"].width <= 60
    about = [[c.value for c in r] for r in wb["About these numbers"].iter_rows(min_row=2)]
    assert ["labels", "hourly_rate", "45"] in about and ["labels", "period.months", "2.5"] in about
    assert any(r[0] == "hotspots" and r[1] == "hourly_rate" for r in about)
    assert ["log", "rows", str(len(wholesale.summary()))] in about
    accounting = [r[2] for r in about if r[0] == "log" and r[1] == "accounting"]
    assert accounting and "read" in accounting[0] and "analysed" in accounting[0]
    assert ["log", "filters", "none"] in about
    # no formula anywhere in the workbook
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_to_excel_errors(tmp_path):
    with pytest.raises(sh.ParameterError, match="must end in .xlsx"):
        sh.to_excel(tmp_path / "x.csv", t=pd.DataFrame({"a": [1]}))
    with pytest.raises(sh.ParameterError, match="at least one table"):
        sh.to_excel(tmp_path / "x.xlsx")
    with pytest.raises(sh.ParameterError, match="must be a DataFrame"):
        sh.to_excel(tmp_path / "x.xlsx", t=[1, 2])
    with pytest.raises(sh.ParameterError, match="'lang' parameter"):
        sh.to_excel(tmp_path / "x.xlsx", lang="de", t=pd.DataFrame({"a": [1]}))
    with pytest.raises(sh.ReportError, match="cannot write"):
        sh.to_excel(tmp_path / "missing" / "x.xlsx", t=pd.DataFrame({"a": [1]}))


# -- map sizes ---------------------------------------------------------------------------------

def _png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    return struct.unpack(">II", head[16:24])


def test_map_save_width_and_dpi(tmp_path, wholesale):
    m = sh.process_map(wholesale, paths=0.5)
    small = m.save(tmp_path / "small.png", width=4, dpi=100)
    big = m.save(tmp_path / "big.png", width=8, dpi=100)
    w_small, _ = _png_size(small)
    w_big, _ = _png_size(big)
    assert abs(w_small - 400) <= 2 and abs(w_big - 800) <= 2
    svg = m.save(tmp_path / "m.svg", width=6.3).read_text(encoding="utf-8")
    assert re.search(r'width="45[0-9](\.\d+)?pt"', svg)  # 6.3 in = 453.6 pt
    assert 'size="6.3,1000!"' in m.save(tmp_path / "m.dot", width=6.3).read_text()
    with pytest.raises(sh.ParameterError, match="'width' parameter of ProcessMap.save"):
        m.save(tmp_path / "m.png", width=0)
    with pytest.raises(sh.ParameterError, match="'dpi' parameter"):
        m.save(tmp_path / "m.png", dpi=-1)


# -- one language per chart ----------------------------------------------------------------------

def test_every_plot_takes_lang():
    import inspect

    plots = [n for n in sh.__all__ if n.startswith("plot_")]
    assert len(plots) >= 8
    for name in plots:
        params = inspect.signature(getattr(sh, name)).parameters
        assert "lang" in params and params["lang"].kind == params["lang"].KEYWORD_ONLY, name


def test_observation_charts_speak_dutch(samples):
    obs = sh.read_observations(samples / "wholesale" / "observations.csv", errors="drop")
    ax = sh.plot_time_use(obs, by="role", lang="nl")
    assert ax.get_xlabel() == "geobserveerde uren" and "per rol" in ax.get_title()
    assert "verspilling" in [t.get_text() for t in ax.get_legend().get_texts()]
    ax = sh.plot_day_timeline(obs, lang="nl")
    assert ax.get_xlabel() == "tijdstip" and ax.get_legend().get_title().get_text() == "hulpmiddel"
    ax = sh.plot_system_switches(obs, lang="nl")
    assert ax.get_xlabel() == "gewisseld naar"
    assert sh.plot_system_switches(obs).get_xlabel() == "switched to"
    with pytest.raises(sh.ParameterError, match="'lang' parameter of plot_time_use"):
        sh.plot_time_use(obs, lang="fr")


# -- command-line help -----------------------------------------------------------------------------

@pytest.mark.parametrize("command, expected", [
    ("report", ["scenario.yaml", "observations.csv", "frustrations.csv", "defaults:",
                "reports/<folder name>", "examples:", "shadowing report --data"]),
    ("inspect", ["example:", "shadowing inspect data/samples/wholesale"]),
    ("samples", ["defaults:", "./samples", "shadowing samples --out"]),
])
def test_cli_help_names_files_defaults_and_an_example(command, expected, capsys):
    from shadowing import cli

    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for piece in expected:
        assert piece in text, piece


def test_tables_display_in_the_language_asked(wholesale):
    nl = sh.hotspots(wholesale, hourly_rate=45, lang="nl")
    assert nl.attrs["lang"] == "nl" and "€ " in nl._repr_html_()
    en = sh.hotspots(wholesale, hourly_rate=45)
    assert "lang" not in en.attrs or en.attrs["lang"] == "en"
    assert re.search(r"€\d", en._repr_html_())


def test_to_excel_states_the_filters_of_a_log(tmp_path, wholesale):
    openpyxl = pytest.importorskip("openpyxl")
    filtered = sh.filter_variants_top_k(wholesale, k=2)
    out = sh.to_excel(tmp_path / "f.xlsx", event_log=filtered, lang="nl")
    about = [[c.value for c in r] for r in openpyxl.load_workbook(out)["About these numbers"]
             .iter_rows(min_row=2)]
    (filters,) = [r[2] for r in about if r[1] == "filters"]
    assert filters.startswith("filter_variants_top_k(k=2): ") and "set aside" in filters
    (accounting,) = [r[2] for r in about if r[1] == "accounting"]
    assert "apart gezet (filter_variants_top_k(k=2))" in accounting


def test_a_misspelt_option_gets_a_did_you_mean(wholesale):
    with pytest.raises(sh.ParameterError, match=r"process_map\(\) has no option 'measur'. Did you "
                                                r"mean 'measure'\? Its options are: log, measure"):
        sh.process_map(wholesale, measur="performance")
    with pytest.raises(TypeError, match="has no option 'kk'. Did you mean 'k'"):  # still a TypeError
        sh.filter_variants_top_k(wholesale, kk=3)
    assert sh.variants.__doc__ and "log" in __import__("inspect").signature(sh.variants).parameters


def test_mixed_columns_format_each_cell_by_its_type(wholesale):
    summary = as_result(pd.DataFrame(sh.throughput_times(wholesale)).describe())
    html = summary._repr_html_()
    assert " days " not in html and not FLOAT_3.search(html)
    assert re.search(r"\d+ h \d+ min|\d+ d \d+ h", html)
    slow = sh.throughput_times(wholesale).sort_values("throughput", ascending=False).head(10)
    assert isinstance(slow, ResultFrame) and " days " not in slow._repr_html_()
