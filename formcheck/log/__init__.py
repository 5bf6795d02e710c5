"""The training log: each session's sets and load in a SQLite file the user owns, and the load
management around it (weekly volume, acute:chronic workload ratio, deload and lay-off notes).

It reads session reports (their JSON) and never the exercise registry. The API for other views
(the HTML report)::

    with TrainingLog.open(path, create=False) as log:
        entries = log.entries()
    weekly_volumes(entries)                         # [WeekVolume(week_start, load, exercises)]
    acwr_series(entries, start, end[, Variant.EWMA])  # [Acwr(as_of, acute, chronic, ratio, band)]
    summarize(path, log.measure, entries, as_of)    # everything `formcheck log` shows
"""

from formcheck.log.entry import ExerciseDone, LoadMeasure, LogEntry, entry_from_report, report_id
from formcheck.log.load import BAND_HIGH, BAND_LOW, Acwr, Band, Variant
from formcheck.log.store import TrainingLog
from formcheck.log.summary import ExerciseVolume, LogSummary, WeekVolume, acwr_series, daily_loads, summarize, weekly_volumes

__all__ = [
    "BAND_HIGH", "BAND_LOW", "Acwr", "Band", "ExerciseDone", "ExerciseVolume", "LoadMeasure", "LogEntry", "LogSummary",
    "TrainingLog", "Variant", "WeekVolume", "acwr_series", "daily_loads", "entry_from_report", "report_id", "summarize",
    "weekly_volumes",
]
