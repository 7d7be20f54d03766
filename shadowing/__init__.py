"""shadowing: evidence for digital transformations in small companies.

Turns shadowing observations, system event logs, the perceived process, frustrations and usage
logs into as-is process maps, waste hotspots, the gap between perceived and actual process, and
adoption curves. The public API is flat: everything listed in ``__all__``.

Importing shadowing is fast and quiet: pm4py is only loaded (silently) when a function needs it.
"""

from __future__ import annotations

import inspect as _inspect
import logging as _logging

from .errors import (ColumnNotFoundError, InputError, ParameterError, ReportError, ShadowingError,
                     full_traceback)
from .errors import check_keywords as _check_keywords
from .io.eventlog import EventLog, activity_instances, read_event_log
from .analysis.quality import quality
from .datasets.samples import sample_path
from .analysis.performance import handovers, throughput_times
from .draw.charts import plot_activity_frequency, plot_dotted_chart, plot_handovers, plot_throughput
from .analysis.variants import variants
from .analysis.dfg import DirectlyFollows, directly_follows
from .draw.process_map import ProcessMap, process_map
from .engines import LazyEventLog, scan_event_log
from .io.observations import Observations, observations_to_log, read_observations
from .analysis.timeuse import (UnseenWork, frustration_notes, multi_system_tasks, off_system,
                      system_switches, time_use, unseen_work)
from .io.frustrations import read_frustrations
from .draw.observations import plot_day_timeline, plot_system_switches, plot_time_use
from .analysis.pseudonyms import pseudonymise
from .analysis.hotspots import designed_waits, hotspots
from .analysis.plan import observation_plan
from .draw.hotspots import hotspot_map, plot_hotspots
from .io.folder import inspect_folder
from .io.scenario import read_scenario
from .report.run import run_report
from .report.sections import Report, quiet_notebook
from .io.usage import read_roster, read_usage
from .analysis.adoption import adoption, depth_of_use
from .draw.adoption import plot_adoption
from .wording.adoption import adoption_summary
from .io.perceived import read_perceived
from .model.perceived import PerceivedProcess
from .analysis.filters import (filter_activities, filter_case_performance, filter_case_size,
                               filter_cases, filter_directly_follows_relation,
                               filter_end_activities, filter_event_attribute_values,
                               filter_eventually_follows_relation, filter_start_activities,
                               filter_time_range, filter_trace_attribute_values, filter_variants,
                               filter_variants_by_coverage_percentage, filter_variants_top_k)
from .model.filtering import AppliedFilter
from .analysis.compare.comparison import Comparison, Comparisons, compare, compare_perceptions
from .analysis.periods import PeriodComparison, compare_periods
from .analysis.usage_metrics import licence_use, retention, task_depth, usage_frequency
from .draw.periods import plot_period_comparison
from .wording.periods import period_summary

from .draw.tables import ResultFrame, readable as _readable
from .report.excel import to_excel

# The public analyses that return a table return a ResultFrame: a DataFrame whose notebook
# display is formatted (percentages, hours, money, durations); the numbers stay numbers.
variants = _readable(variants)
quality = _readable(quality)
throughput_times = _readable(throughput_times)
handovers = _readable(handovers)
time_use = _readable(time_use)
system_switches = _readable(system_switches)
multi_system_tasks = _readable(multi_system_tasks)
off_system = _readable(off_system)
frustration_notes = _readable(frustration_notes)
hotspots = _readable(hotspots)
observation_plan = _readable(observation_plan)
adoption = _readable(adoption)
depth_of_use = _readable(depth_of_use)
designed_waits = _readable(designed_waits)
compare_perceptions = _readable(compare_perceptions)
usage_frequency = _readable(usage_frequency)
retention = _readable(retention)
task_depth = _readable(task_depth)
licence_use = _readable(licence_use)
inspect_folder = _readable(inspect_folder)
read_frustrations = _readable(read_frustrations)

__version__ = "0.1.0"

_logging.getLogger(__name__).addHandler(_logging.NullHandler())

__all__ = [
    "__version__",
    # errors
    "ShadowingError", "InputError", "ColumnNotFoundError", "ParameterError", "ReportError",
    "full_traceback",
    # event logs
    "EventLog", "read_event_log", "activity_instances", "quality",
    # logs that do not fit in memory
    "scan_event_log", "LazyEventLog",
    # samples
    "sample_path",
    # process maps
    "directly_follows", "DirectlyFollows", "process_map", "ProcessMap",
    "variants",
    "throughput_times", "handovers", "plot_throughput", "plot_handovers", "plot_dotted_chart",
    "plot_activity_frequency",
    # observations
    "read_observations", "Observations", "observations_to_log", "time_use", "system_switches",
    "multi_system_tasks", "off_system", "unseen_work", "UnseenWork", "frustration_notes",
    "read_frustrations", "plot_time_use", "plot_day_timeline", "plot_system_switches",
    "pseudonymise", "observation_plan",
    # waste hotspots
    "hotspots", "designed_waits", "plot_hotspots", "hotspot_map",
    # reports
    "run_report", "read_scenario", "inspect_folder", "Report", "quiet_notebook",
    # adoption
    "read_usage", "read_roster", "adoption", "depth_of_use", "adoption_summary", "plot_adoption",
    # perceived vs actual
    "read_perceived", "PerceivedProcess", "compare", "compare_perceptions", "Comparison",
    "Comparisons",
    # filters
    "filter_time_range", "filter_event_attribute_values", "filter_trace_attribute_values",
    "filter_cases", "filter_variants_top_k", "filter_variants_by_coverage_percentage",
    "filter_variants", "filter_case_size", "filter_case_performance", "filter_start_activities",
    "filter_end_activities", "filter_directly_follows_relation",
    "filter_eventually_follows_relation", "filter_activities", "AppliedFilter",
    # tables for people
    "ResultFrame", "to_excel",
    # before and after a change; adoption as adoption platforms measure it
    "compare_periods", "PeriodComparison", "plot_period_comparison", "period_summary",
    "usage_frequency", "retention", "task_depth", "licence_use",
]

# A misspelt option of any public function gets a "did you mean" (UnknownOptionError, also a
# TypeError) instead of Python's bare TypeError.
for _name in __all__:
    if _inspect.isfunction(globals()[_name]):
        globals()[_name] = _check_keywords(globals()[_name])
del _name
