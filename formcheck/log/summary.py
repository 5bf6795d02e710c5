"""What ``formcheck log`` shows, as data: weekly volumes per exercise and in total, the ACWR in both
variants, and the load-management notes. The HTML report uses the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Sequence

from formcheck.log import load
from formcheck.log.entry import LoadMeasure, LogEntry
from formcheck.log.load import Acwr, Variant
from formcheck.log.store import TrainingLog


@dataclass(frozen=True)
class ExerciseVolume:
    """One exercise's work in one week."""

    sessions: int = 0
    sets: int = 0
    reps: int = 0
    hold_s: float = 0.0
    time_under_tension_s: float = 0.0

    def plus(self, sets: int, reps: int, hold_s: float, tut_s: float) -> ExerciseVolume:
        return ExerciseVolume(self.sessions + 1, self.sets + sets, self.reps + reps, self.hold_s + hold_s, self.time_under_tension_s + tut_s)

    def to_dict(self) -> dict[str, Any]:
        return {"sessions": self.sessions, "sets": self.sets, "reps": self.reps, "hold_s": round(self.hold_s, 3),
                "time_under_tension_s": round(self.time_under_tension_s, 3)}


@dataclass(frozen=True)
class WeekVolume:
    """A Monday-Sunday week: total load in the log's measure and each exercise's volume."""

    week_start: date
    load: float
    exercises: dict[str, ExerciseVolume] = field(default_factory=dict)

    @property
    def sessions(self) -> int:
        return sum(v.sessions for v in self.exercises.values())

    def to_dict(self) -> dict[str, Any]:
        return {"week_start": self.week_start.isoformat(), "load": round(self.load, 3),
                "exercises": {name: v.to_dict() for name, v in self.exercises.items()}}


def daily_loads(entries: Sequence[LogEntry]) -> dict[date, float]:
    """Load per local date; a session whose load is not known yet (no RPE) counts as 0."""
    return load.daily_loads((e.local_date, e.load or 0.0) for e in entries)


def weekly_volumes(entries: Sequence[LogEntry], end: date | None = None) -> list[WeekVolume]:
    """Every week from the first logged one to ``end``'s (default: the last logged), empty ones included."""
    if not entries:
        return []
    last = end or max(e.local_date for e in entries)
    weeks = {monday: WeekVolume(monday, total) for monday, total in load.weekly_loads(daily_loads(entries), last).items()}
    for entry in entries:
        monday = load.week_start(entry.local_date)
        if monday not in weeks:
            continue
        volumes = dict(weeks[monday].exercises)
        for done in entry.exercises:
            volumes[done.exercise] = volumes.get(done.exercise, ExerciseVolume()).plus(
                len(done.sets), done.reps, done.hold_s, done.time_under_tension_s)
        weeks[monday] = WeekVolume(monday, weeks[monday].load, volumes)
    return list(weeks.values())


def acwr_series(entries: Sequence[LogEntry], start: date, end: date, variant: Variant = Variant.ROLLING) -> list[Acwr]:
    """The ratio on every day from ``start`` to ``end``, for a band chart."""
    return load.acwr_series(daily_loads(entries), start, end, variant)


@dataclass(frozen=True)
class LogSummary:
    path: str
    measure: LoadMeasure
    as_of: date
    entries: tuple[LogEntry, ...]
    weeks: tuple[WeekVolume, ...]
    acwr: Acwr
    ewma: Acwr
    notes: tuple[str, ...]

    def to_dict(self, series_days: int | None = None) -> dict[str, Any]:
        """All of it for other tools; the daily ACWR series over the whole log (or its last ``series_days``)."""
        first = min((e.local_date for e in self.entries), default=self.as_of)
        start = first if series_days is None else max(first, self.as_of - timedelta(days=series_days - 1))
        rolling = acwr_series(self.entries, start, self.as_of) if self.entries else []
        ewma = acwr_series(self.entries, start, self.as_of, Variant.EWMA) if self.entries else []
        return {
            "log": self.path,
            "load_measure": {"id": self.measure.value, "label": self.measure.label},
            "as_of": self.as_of.isoformat(),
            "band": [load.BAND_LOW, load.BAND_HIGH],
            "acwr": self.acwr.to_dict(),
            "acwr_ewma": self.ewma.to_dict(),
            "notes": list(self.notes),
            "entries": [e.to_dict() for e in self.entries],
            "weekly": [w.to_dict() for w in self.weeks],
            "acwr_series": [p.to_dict() for p in rolling],
            "acwr_ewma_series": [p.to_dict() for p in ewma],
        }


def summarize(path: str, measure: LoadMeasure, entries: Sequence[LogEntry], as_of: date) -> LogSummary:
    """The log as of ``as_of`` (entries after it are left out)."""
    upto = tuple(e for e in entries if e.local_date <= as_of)
    daily = daily_loads(upto)
    notes = [note for note in (load.deload_note(daily, as_of), load.layoff_note((e.local_date for e in upto), as_of)) if note]
    unloaded = sum(1 for e in upto if e.load is None)
    if unloaded:
        notes.append(f"{unloaded} sessions have no RPE yet and count as 0 load: formcheck log rpe ID RPE")
    return LogSummary(path, measure, as_of, upto, tuple(weekly_volumes(upto, as_of)),
                      load.acwr(daily, as_of), load.acwr(daily, as_of, Variant.EWMA), tuple(notes))


def read_summary(path: Path, as_of: date | None = None) -> LogSummary:
    """The log at ``path`` summarized as of ``as_of`` (default today); an empty one if there is no
    log file yet (reading never creates it)."""
    as_of = as_of or date.today()
    if not path.exists():
        return summarize(str(path), LoadMeasure.TUT, [], as_of)
    with TrainingLog.open(path, create=False) as log:
        return summarize(str(path), log.measure, log.entries(), as_of)


PAGE_DAYS = 84
"""The page's log charts cover the last 12 weeks: three chronic windows of the ACWR."""


def page_figures(path: Path, as_of: date | None = None) -> dict[str, Any] | None:
    """What a session page plots from the log at ``path``, as plain values (the page does not import
    the log): ``weekly_volume`` [(week start, exercise, seconds under tension)], ``acwr`` [(date,
    ratio or None)] in the log's load measure, and ``load_unit``; None when the log is empty."""
    summary = read_summary(path, as_of)
    if not summary.entries:
        return None
    start = max(min(e.local_date for e in summary.entries), summary.as_of - timedelta(days=PAGE_DAYS - 1))
    weekly = [
        (week.week_start.isoformat(), name, round(volume.time_under_tension_s, 3))
        for week in summary.weeks
        if week.week_start >= load.week_start(start)
        for name, volume in week.exercises.items()
    ]
    ratios = [(point.as_of.isoformat(), point.ratio) for point in acwr_series(summary.entries, start, summary.as_of)]
    return {"weekly_volume": weekly, "acwr": ratios, "load_unit": LoadMeasure.TUT.label}
