"""Sets: where a bout of one exercise splits into the sets a programme counts, and how a coach
writes them down (``glute bridge 3 x 15``, ``plank 45 s, 40 s, 38 s``).

Built from events alone, like the report. Every bout is at least one set: recognition already
ends a bout after a rest out of position (``recognition.BOUT_END_S``). A bout is split further
where the work itself pauses, which also gives sets when the exercise was named (``-e plank``:
one bout over the whole session):

- timed exercises (plank, side plank, stretches): holds more than ``HOLD_SET_REST_S`` apart are
  separate sets (a wobble shorter than the hold timer's grace does not even end a hold);
- rep exercises: reps more than ``REP_SET_REST_S`` apart are separate sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from formcheck.events import Event, FaultEnded, HoldEnded, RepCompleted

if TYPE_CHECKING:
    from formcheck.report import Bout

HOLD_SET_REST_S = 3.0
"""Holds further apart than this are separate sets. The programme's shortest rest between holds
is 5 s ("three 30-second holds with 5 s rest", exercises.md); the same 3 s out of position ends a
bout in automatic recognition."""
REP_SET_REST_S = 10.0
"""Reps further apart than this (end of one to start of the next) are separate sets. Within a set
people go from one rep to the next in a second or two (the pause at the top is part of the rep);
rests between endurance sets are 30 s to 2 min (ACSM 2009 position stand on resistance training
progression), so 10 s sits well between the two."""


def _span(event: Event) -> tuple[float, float]:
    """The time an event covers: a rep from start to end, a hold from start to end, a fault from
    its start (where it belongs), anything else its instant."""
    if isinstance(event, RepCompleted):
        return event.rep.start_s, event.rep.end_s
    if isinstance(event, HoldEnded):
        return event.start_s, event.t_s
    if isinstance(event, FaultEnded):
        return event.fault.start_s, event.fault.start_s
    return event.t_s, event.t_s


def union_s(spans: Iterable[tuple[float, float]]) -> float:
    """Total length of the union of intervals (a rep's pause at the top is not counted twice)."""
    total, reach = 0.0, float("-inf")
    for start, end in sorted(spans):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def time_under_tension_s(events: Iterable[Event]) -> float:
    """Seconds spent working: reps from start to end and holds, overlaps counted once."""
    return union_s(_span(e) for e in events if isinstance(e, (RepCompleted, HoldEnded)))


def set_spans(events: Sequence[Event], timed: bool) -> list[tuple[float, float]]:
    """The work intervals of one bout grouped into sets: holds for a timed exercise, reps for the
    others (whichever the bout has, if it has only the other kind)."""
    holds = [_span(e) for e in events if isinstance(e, HoldEnded)]
    reps = [_span(e) for e in events if isinstance(e, RepCompleted)]
    use_holds = (timed and holds) or not reps
    items, rest = (holds, HOLD_SET_REST_S) if use_holds else (reps, REP_SET_REST_S)
    spans: list[list[float]] = []
    for start, end in sorted(items):
        if spans and start - spans[-1][1] <= rest:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(start, end) for start, end in spans]


def _distance(where: tuple[float, float], interval: tuple[float, float]) -> float:
    """From the middle of ``where`` to ``interval`` (0 inside it)."""
    middle = 0.5 * (where[0] + where[1])
    return 0.0 if interval[0] <= middle <= interval[1] else min(abs(middle - interval[0]), abs(middle - interval[1]))


def assign(events: Sequence[Event], spans: Sequence[tuple[float, float]]) -> list[tuple[Event, ...]]:
    """Each event to the set it happened in, or the nearest one (a fault while lowering out of
    a hold belongs to that hold's set)."""
    buckets: list[list[Event]] = [[] for _ in spans]
    for event in events if spans else ():
        where = _span(event)
        nearest = min(range(len(spans)), key=lambda i: _distance(where, spans[i]))
        buckets[nearest].append(event)
    return [tuple(bucket) for bucket in buckets]


@dataclass(frozen=True)
class ExerciseSet:
    """One set: a stretch of one bout (its reps, holds and faults), numbered within its exercise
    in the session, with the rest since the previous set of any exercise ended."""

    number: int
    bout: Bout
    rest_before_s: float | None

    def to_dict(self) -> dict[str, Any]:
        out = self.bout.to_dict()
        out.pop("imbalances", None)  # side differences are judged over the whole exercise
        rest = None if self.rest_before_s is None else round(self.rest_before_s, 3)
        return {
            "exercise": out.pop("exercise"),
            "set": self.number,
            "rest_before_s": rest,
            **out,
            "holds": [h.to_dict() for h in self.bout.holds],
        }


def _seconds(value: float) -> str:
    return f"{value:.0f} s"


def _series(values: Sequence[str], one_set_as_1_x: bool = False) -> str:
    """``3 x 15`` when every set is the same, else the sets in order: ``15, 12, 10``; a single
    set of reps is ``1 x 15``, a single hold ``45 s``."""
    if len(set(values)) == 1 and (len(values) > 1 or one_set_as_1_x):
        return f"{len(values)} x {values[0]}"
    return ", ".join(values)


def _sided_reps(by_side: Mapping[str, int]) -> str:
    done = [f"{n} {side}" for side, n in by_side.items() if n]
    return " + ".join(done) or "0"


@dataclass(frozen=True)
class SetFigures:
    """The numbers a coach writes for one set (from a set of a report, or a set kept in the log)."""

    reps: int
    reps_by_side: Mapping[str, int] | None
    hold_s: float
    hold_by_side: Mapping[str, float] | None
    timed: bool
    """A set of holds (plank, side plank) rather than reps."""

    @classmethod
    def of(cls, bout: Bout) -> SetFigures:
        return cls(len(bout.reps), bout.reps_by_side, bout.hold_s, bout.hold_by_side, bout.timed and bool(bout.holds))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SetFigures:
        """From a set's JSON: a set with no reps and some hold time is a set of holds."""
        reps, hold_s = int(data.get("reps", 0)), float(data.get("hold_s", 0.0))
        return cls(reps, data.get("reps_by_side"), hold_s, data.get("hold_by_side"), reps == 0 and hold_s > 0)


def coach_notation(exercise: str, sets: Sequence[SetFigures]) -> str:
    """How a coach writes a session's sets: ``glute bridge 3 x 15``, ``plank 45 s, 40 s, 38 s``,
    ``side plank left 30 s, 29 s; right 28 s``, ``bird dog 3 x 10 each side``."""
    name = exercise.replace("_", " ")
    if not sets:
        return f"{name}: no sets"
    if all(s.timed for s in sets):
        if all(s.hold_by_side for s in sets):
            sides = ("left", "right")
            per_side = [f"{side} " + _series([_seconds(s.hold_by_side[side]) for s in sets if s.hold_by_side[side]])
                        for side in sides if any(s.hold_by_side[side] for s in sets)]
            return f"{name} " + "; ".join(per_side)
        return f"{name} " + _series([_seconds(s.hold_s) for s in sets])
    sided = [s.reps_by_side for s in sets]
    if all(sided):
        if all(by_side["left"] == by_side["right"] for by_side in sided):
            return f"{name} " + _series([str(by_side["left"]) for by_side in sided], True) + " each side"
        return f"{name} " + ", ".join(_sided_reps(by_side) for by_side in sided)
    return f"{name} " + _series([str(s.reps) for s in sets], True)
