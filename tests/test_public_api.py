"""The public API of DESIGN.md exists, is flat, and follows one set of conventions."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import shadowing as sh

DESIGN_NAMES = [
    "read_event_log", "read_observations", "read_perceived", "read_frustrations", "read_usage",
    "read_roster", "observations_to_log", "process_map", "variants", "hotspots", "compare",
    "time_use", "adoption", "run_report", "EventLog", "Observations", "PerceivedProcess",
    "ProcessMap", "Comparison", "ShadowingError", "InputError",
    # the names DESIGN.md added for ranges, change, adoption metrics, filters, exports, folders
    "observation_plan", "compare_periods", "PeriodComparison", "usage_frequency", "retention",
    "licence_use", "filter_time_range", "filter_event_attribute_values",
    "filter_trace_attribute_values", "filter_variants_top_k",
    "filter_variants_by_coverage_percentage", "filter_variants", "filter_case_size",
    "filter_case_performance", "filter_start_activities", "filter_end_activities",
    "filter_directly_follows_relation", "filter_eventually_follows_relation", "filter_activities",
    "to_excel", "inspect_folder", "scan_event_log",
]

#: Functions whose first two parameters are both data (DESIGN: compare(perceived, log), ...).
TWO_DATA_ARGS = {"compare", "compare_perceptions", "adoption", "depth_of_use", "hotspot_map",
                 "unseen_work", "run_report", "compare_periods", "usage_frequency", "retention"}


def public_functions():
    for name in sh.__all__:
        obj = getattr(sh, name)
        if inspect.isfunction(obj):
            yield name, obj


def test_design_names_are_exported():
    missing = [n for n in DESIGN_NAMES if n not in sh.__all__]
    assert not missing
    assert all(hasattr(sh, n) for n in sh.__all__)


@pytest.mark.parametrize("name,func", list(public_functions()))
def test_options_are_keyword_only(name, func):
    params = list(inspect.signature(func).parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    allowed = 2 if name in TWO_DATA_ARGS else 1
    if name.startswith("plot_") or name in ("pseudonymise",):
        allowed = 2
    assert len(positional) <= allowed, f"{name}: options after the data must be keyword-only"


@pytest.mark.parametrize("name,func", list(public_functions()))
def test_public_functions_are_documented(name, func):
    doc = inspect.getdoc(func) or ""
    assert len(doc.split()) >= 5, f"{name} needs a docstring"


def test_input_errors_are_value_errors():
    assert issubclass(sh.InputError, ValueError) and issubclass(sh.InputError, sh.ShadowingError)
    assert issubclass(sh.ColumnNotFoundError, sh.InputError)
    assert issubclass(sh.ParameterError, ValueError)


def test_library_never_prints_or_shows():
    out = subprocess.run(["grep", "-rnE", r"^\s*(print\(|plt\.show\(|matplotlib\.use\()",
                          "--include=*.py", str(sh.__path__[0])], capture_output=True, text=True)
    hits = [ln for ln in out.stdout.splitlines() if "/cli.py:" not in ln]
    assert not hits, hits


def test_import_does_not_load_heavy_modules():
    code = ("import sys, shadowing; heavy = ['pm4py', 'matplotlib.pyplot', 'papermill', 'nbconvert']; "
            "print([m for m in heavy if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]" and out.stderr == ""


#: Every public name before the sub-package layout (issue "The pipeline as the folder structure").
NAMES_BEFORE_THE_LAYOUT = [
    "__version__", "ShadowingError", "InputError", "ColumnNotFoundError", "ParameterError",
    "ReportError", "EventLog", "read_event_log", "activity_instances", "quality", "sample_path",
    "directly_follows", "DirectlyFollows", "process_map", "ProcessMap", "variants",
    "throughput_times", "handovers", "plot_throughput", "plot_handovers", "plot_dotted_chart",
    "plot_activity_frequency", "read_observations", "Observations", "observations_to_log",
    "time_use", "system_switches", "multi_system_tasks", "off_system", "unseen_work", "UnseenWork",
    "frustration_notes", "read_frustrations", "plot_time_use", "plot_day_timeline",
    "plot_system_switches", "pseudonymise", "hotspots", "plot_hotspots", "hotspot_map",
    "run_report", "read_usage", "read_roster", "adoption", "depth_of_use", "adoption_summary",
    "plot_adoption", "read_perceived", "PerceivedProcess", "compare", "compare_perceptions",
    "Comparison", "Comparisons"]


def test_every_name_of_before_the_layout_still_imports():
    missing = [n for n in NAMES_BEFORE_THE_LAYOUT if n not in sh.__all__ or not hasattr(sh, n)]
    assert not missing
