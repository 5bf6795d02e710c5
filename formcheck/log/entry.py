"""A log entry: one session report reduced to what the log keeps, per exercise.

Read from the report's JSON alone (never the exercise registry): ``sets`` when the report has them
(``report_version`` 2), else one set per bout (version 1 reports).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, Mapping

from formcheck.core import UNKNOWN
from formcheck.errors import InputError
from formcheck.sets import union_s

REQUIRED_FIELDS = ("exercise", "duration_s", "events")
"""What makes a JSON file a formcheck report (every report version has them)."""


class LoadMeasure(str, Enum):
    """The one load measure of a log: time under tension (s), or session RPE x minutes (Foster et
    al. 2001, J Strength Cond Res 15:109: the CR-10 rating of the whole session times its length)."""

    TUT = "tut_s"
    SRPE = "srpe_min"

    @property
    def label(self) -> str:
        return {LoadMeasure.TUT: "time under tension, s", LoadMeasure.SRPE: "session RPE x minutes"}[self]


@dataclass(frozen=True)
class ExerciseDone:
    """One exercise of a session: its sets and their totals."""

    exercise: str
    sets: tuple[Mapping[str, Any], ...]
    """Per set: ``reps``, ``reps_by_side``, ``hold_s``, ``hold_by_side``, ``time_under_tension_s``,
    ``rest_before_s``, ``faults`` (codes)."""

    @property
    def reps(self) -> int:
        return sum(int(s["reps"]) for s in self.sets)

    @property
    def hold_s(self) -> float:
        return sum(float(s["hold_s"]) for s in self.sets)

    @property
    def time_under_tension_s(self) -> float:
        return sum(float(s["time_under_tension_s"]) for s in self.sets)

    @property
    def fault_codes(self) -> Counter[str]:
        return Counter(code for s in self.sets for code in s["faults"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise, "sets": len(self.sets), "reps": self.reps, "hold_s": round(self.hold_s, 3),
            "time_under_tension_s": round(self.time_under_tension_s, 3), "faults": dict(self.fault_codes),
            "set_details": [dict(s) for s in self.sets],
        }


@dataclass(frozen=True)
class LogEntry:
    """One logged session. ``load`` is in the log's measure (None: session RPE not given yet)."""

    report_id: str
    local_date: date
    started_at: datetime | None
    source: str
    duration_s: float
    exercises: tuple[ExerciseDone, ...]
    rpe: float | None = None
    load: float | None = None
    id: int | None = field(default=None, compare=False)
    plan: Mapping[str, Any] | None = None
    """The plan the session ran and what was done against it (the report's ``plan``), if any."""
    stop_reason: str | None = None
    """Why the session stopped early, when the user stopped it (a pain stop)."""

    @property
    def time_under_tension_s(self) -> float:
        return sum(e.time_under_tension_s for e in self.exercises)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "report_id": self.report_id, "date": self.local_date.isoformat(),
            "started_at": self.started_at.isoformat(timespec="seconds") if self.started_at else None,
            "source": self.source, "duration_s": round(self.duration_s, 3), "rpe": self.rpe,
            "load": None if self.load is None else round(self.load, 3),
            "exercises": [e.to_dict() for e in self.exercises],
            "plan": self.plan, "stop_reason": self.stop_reason,
        }


def report_id(report: Mapping[str, Any]) -> str:
    """A content hash of the report: the same report is never logged twice, wherever it comes from."""
    canonical = json.dumps(report, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _set(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "reps": int(data.get("reps", 0)),
        "reps_by_side": data.get("reps_by_side"),
        "hold_s": float(data.get("hold_s", 0.0)),
        "hold_by_side": data.get("hold_by_side"),
        "time_under_tension_s": float(data.get("time_under_tension_s", 0.0)),
        "rest_before_s": data.get("rest_before_s"),
        "faults": [f["code"] for f in data.get("faults", [])],
    }


def _bout_as_set(bout: Mapping[str, Any], events: list[Mapping[str, Any]]) -> dict[str, Any]:
    """A version 1 report's bout as one set; its time under tension from the rep and hold events."""
    start, end = float(bout["start_s"]), float(bout["end_s"])
    spans = [(float(e["start_s"]), float(e["end_s"] if e["type"] == "rep" else e["t_s"]))
             for e in events if e.get("type") in ("rep", "hold_ended") and start <= float(e["t_s"]) <= end]
    return {**_set(bout), "time_under_tension_s": union_s(spans)}


def exercises_done(report: Mapping[str, Any]) -> tuple[ExerciseDone, ...]:
    """The report's exercises in the order first done, each with its sets."""
    if "sets" in report:
        sets = [(s["exercise"], _set(s)) for s in report["sets"]]
    else:
        bouts = [b for b in report.get("bouts", []) if b["exercise"] != UNKNOWN and (b["reps"] or b["hold_s"])]
        sets = [(b["exercise"], _bout_as_set(b, report["events"])) for b in bouts]
    grouped: dict[str, list[dict[str, Any]]] = {}
    for exercise, data in sets:
        grouped.setdefault(exercise, []).append(data)
    return tuple(ExerciseDone(exercise, tuple(done)) for exercise, done in grouped.items())


def check_report(report: Any, where: str) -> Mapping[str, Any]:
    """``report`` if it looks like a formcheck report, else a one-line ``InputError``."""
    if not isinstance(report, dict) or any(key not in report for key in REQUIRED_FIELDS):
        raise InputError(f"{where} is not a formcheck report (no {', '.join(REQUIRED_FIELDS)})")
    return report


def entry_from_report(
    report: Mapping[str, Any], started_at: datetime | None, local_date: date, measure: LoadMeasure, rpe: float | None = None
) -> LogEntry:
    """The entry for ``report`` done on ``local_date``; its load in ``measure``."""
    exercises = exercises_done(report)
    if not exercises:
        raise InputError("nothing to log: the report has no sets of a recognised exercise")
    duration = float(report["duration_s"])
    entry = LogEntry(
        report_id(report), local_date, started_at, str(report.get("source", "")), duration, exercises, rpe,
        plan=report.get("plan"), stop_reason=report.get("stop_reason"),
    )
    return with_load(entry, measure)


def with_load(entry: LogEntry, measure: LoadMeasure) -> LogEntry:
    """``entry`` with its load worked out in ``measure`` (session RPE x minutes needs the RPE)."""
    if measure is LoadMeasure.TUT:
        return replace(entry, load=entry.time_under_tension_s)
    return replace(entry, load=None if entry.rpe is None else entry.rpe * entry.duration_s / 60.0)
