"""The training log: each session's sets and load in a SQLite file the user owns, and the load
management around it (weekly volume, acute:chronic workload ratio, deload and lay-off notes).

It reads session reports (their JSON) and never the exercise registry. The API for other views
(the HTML report)::

    summary = read_summary(log_path(None))          # the user's log as `formcheck log` shows it
    summary.weeks, summary.acwr, summary.ewma, summary.notes, summary.entries, summary.measure
    weekly_volumes(summary.entries)                 # [WeekVolume(week_start, load, exercises)]
    acwr_series(summary.entries, start, end[, Variant.EWMA])  # [Acwr(as_of, acute, chronic, ratio, band)]

``log_path(None)`` is the default log (config file, else the XDG data folder); ``log_path(arg)``
resolves a ``--log PATH``.
"""

from formcheck.log.config import log_path
from formcheck.log.entry import ExerciseDone, LoadMeasure, LogEntry, entry_from_report, report_id
from formcheck.log.load import BAND_HIGH, BAND_LOW, Acwr, Band, Variant
from formcheck.log.store import TrainingLog
from formcheck.log.summary import (
    ExerciseVolume, LogSummary, WeekVolume, acwr_series, daily_loads, read_summary, summarize, weekly_volumes,
)

__all__ = [
    "BAND_HIGH", "BAND_LOW", "Acwr", "Band", "ExerciseDone", "ExerciseVolume", "LoadMeasure", "LogEntry", "LogSummary",
    "TrainingLog", "Variant", "WeekVolume", "acwr_series", "daily_loads", "entry_from_report", "log_path", "read_summary",
    "report_id", "summarize", "weekly_volumes",
]
