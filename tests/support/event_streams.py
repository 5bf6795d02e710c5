"""Synthetic event streams as analyzers emit them: reps, holds, faults and bout markers, for
report, set and log tests that need no pose model."""

from __future__ import annotations

from formcheck.events import BoutEnded, BoutStarted, Event, Fault, FaultEnded, HoldEnded, HoldStarted, Rep, RepCompleted
from formcheck.exercises import EXERCISES
from formcheck.pose.landmarks import Side
from formcheck.report import Report

REP_S = 3.0
"""Length of one synthetic rep: 1 s up, 1 s at the top, 1 s down."""


def rep(index: int, start_s: float, side: Side | None = None, length_s: float = REP_S) -> RepCompleted:
    third = length_s / 3
    return RepCompleted(
        start_s + length_s,
        rep=Rep(index, start_s, start_s + third, start_s + length_s, 178.0, third, third, third, side=side, measure="hip extension"),
    )


def reps(count: int, start_s: float, gap_s: float = 0.5, sides: tuple[Side | None, ...] = (None,)) -> list[Event]:
    """``count`` reps from ``start_s``, ``gap_s`` apart, sides taken in turn from ``sides``."""
    return [rep(i + 1, start_s + i * (REP_S + gap_s), sides[i % len(sides)]) for i in range(count)]


def reps_end_s(count: int, start_s: float, gap_s: float = 0.5) -> float:
    return start_s + count * REP_S + (count - 1) * gap_s


def hold(start_s: float, duration_s: float, side: Side | None = None, good_form_s: float | None = None) -> list[Event]:
    good = duration_s if good_form_s is None else good_form_s
    return [HoldStarted(start_s), HoldEnded(start_s + duration_s, start_s=start_s, good_form_s=good, side=side)]


def fault(code: str, start_s: float, end_s: float) -> FaultEnded:
    return FaultEnded(end_s, fault=Fault(code, code.replace("_", " "), start_s, end_s))


def _begins_s(event: Event) -> float:
    if isinstance(event, RepCompleted):
        return event.rep.start_s
    return event.start_s if isinstance(event, HoldEnded) else event.t_s


def bout(exercise: str, events: list[Event], lead_s: float = 0.5) -> list[Event]:
    """``events`` wrapped in the bout markers automatic recognition emits."""
    start = min(_begins_s(e) for e in events)
    end = max(e.t_s for e in events)
    marker = EXERCISES[exercise].bout_started(start - lead_s) if exercise in EXERCISES else BoutStarted(start - lead_s, exercise=exercise)
    return [marker, *events, BoutEnded(end + lead_s, exercise=exercise)]


def report_of(exercise: str, events: list[Event], duration_s: float | None = None, source: str = "synthetic.mp4") -> Report:
    """The report of a session that emitted ``events`` (``exercise`` ``auto`` when they carry bout markers)."""
    duration = duration_s if duration_s is not None else max((e.t_s for e in events), default=0.0) + 1.0
    frames = int(duration * 30)
    presence = ((0.0, duration),) if exercise == "auto" else ()
    ordered = tuple(sorted(events, key=lambda e: e.t_s))
    told = EXERCISES.get(exercise)
    return Report(
        exercise,
        source,
        frames=frames,
        pose_frames=frames,
        duration_s=duration,
        events=ordered,
        presence=presence,
        two_sided=bool(told and told.two_sided),
        timed=bool(told and told.primary == "hold"),
    )


def plank_holds(count: int, hold_s: float, rest_s: float, start_s: float = 2.0, with_bouts: bool = True) -> list[Event]:
    """``count`` plank holds of ``hold_s`` separated by ``rest_s`` out of position."""
    events: list[Event] = []
    for i in range(count):
        start = start_s + i * (hold_s + rest_s)
        held = hold(start, hold_s)
        events += bout("plank", held) if with_bouts else held
    return events


def bridge_sets(count: int, reps_per_set: int, rest_s: float, start_s: float = 2.0, with_bouts: bool = True) -> list[Event]:
    """``count`` sets of glute bridges with ``rest_s`` between the last rep of one and the first of the next."""
    events: list[Event] = []
    start = start_s
    for _ in range(count):
        done = reps(reps_per_set, start)
        events += bout("glute_bridge", done) if with_bouts else done
        start = reps_end_s(reps_per_set, start) + rest_s
    return events
