"""The plan as a pure state machine: work on a set until its target is met, rest, the next set,
until the plan is done. Fed the current set's assessment on every analysed frame (its events
included); returns plan events; says what to show (``view``) and what was done (``record``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from formcheck.core import Assessment
from formcheck.events import Event, HoldEnded, RepCompleted
from formcheck.hud import PlanView
from formcheck.plans.events import PlanCompleted, RestStarted, SetCompleted, SetStarted
from formcheck.plans.model import Plan, PlannedSet, TargetKind

FAILURE_MIN_HOLD_S = 5.0
"""A hold "to form failure" ends the set when it ends, if it lasted at least this: a shorter
one was a false start (getting into position), not the set."""


class Phase(str, Enum):
    READY = "ready"
    WORK = "work"
    REST = "rest"
    DONE = "done"


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"


@dataclass
class _Progress:
    """What the current set has done so far."""

    reps: int = 0
    reps_by_side: dict[str, int] | None = None
    hold_s: float = 0.0
    longest_hold_s: float = 0.0
    failed: bool = False

    def did(self, kind: TargetKind) -> str:
        if kind is TargetKind.REPS or (kind is TargetKind.FAILURE and self.reps):
            if self.reps_by_side:
                return f"{self.reps} reps (left {self.reps_by_side['left']}, right {self.reps_by_side['right']})"
            return f"{self.reps} rep{'s' if self.reps != 1 else ''}"
        return f"held {max(self.longest_hold_s, self.hold_s):.1f} s"


@dataclass
class PlanRunner:
    plan: Plan
    phase: Phase = Phase.READY
    index: int = 0
    rest_until_s: float = 0.0
    set_started_s: float = 0.0
    progress: _Progress = field(default_factory=_Progress)
    done: list[dict[str, Any]] = field(default_factory=list)

    @property
    def current(self) -> PlannedSet:
        return self.plan.sets[min(self.index, len(self.plan.sets) - 1)]

    @property
    def next_set(self) -> PlannedSet | None:
        return self.plan.sets[self.index + 1] if self.index + 1 < len(self.plan.sets) else None

    def update(self, t_s: float, assessment: Assessment | None = None) -> list[Event]:
        """Advance to ``t_s``; ``assessment`` is the current set's (None while resting)."""
        if self.phase is Phase.READY:
            return self._start_set(t_s)
        if self.phase is Phase.REST:
            return self._start_set(t_s) if t_s >= self.rest_until_s else []
        if self.phase is Phase.WORK and assessment is not None:
            self._track(assessment)
            if self._target_met():
                return self.end_set(t_s, met=True)
        return []

    def end_set(self, t_s: float, met: bool = False) -> list[Event]:
        """End the current set (its target met, or the user moved on)."""
        if self.phase is not Phase.WORK:
            return []
        planned = self.current
        did = self._record_set(t_s, met)
        events: list[Event] = [SetCompleted(t_s, exercise_id=planned.exercise_id, set_number=planned.number, met=met, did=did)]
        following = self.next_set
        if following is None:
            self.phase = Phase.DONE
            return events + [PlanCompleted(t_s)]
        self.index += 1
        self.phase, self.rest_until_s = Phase.REST, t_s + planned.rest_s
        events.append(RestStarted(
            t_s, rest_s=planned.rest_s, next_exercise=_title(following.exercise_id),
            new_exercise=following.exercise_id != planned.exercise_id,
            switch_sides=following.exercise_id == planned.exercise_id and following.side is not None and following.side != planned.side,
        ))
        if planned.rest_s <= 0:
            events += self._start_set(t_s)
        return events

    def stop(self, t_s: float) -> None:
        """The session ended during a set: record it as unfinished."""
        if self.phase is Phase.WORK:
            self._record_set(t_s, met=False, unfinished=True)

    def _record_set(self, t_s: float, met: bool, unfinished: bool = False) -> str:
        planned = self.current
        did = self.progress.did(planned.target.kind)
        self.done.append({
            "exercise": planned.exercise_id, "set": planned.number, "of": planned.of,
            "side": planned.side.value if planned.side else None, "target": planned.target.describe(),
            "did": did, "met": met, "unfinished": unfinished,
            "start_s": round(self.set_started_s, 3), "end_s": round(t_s, 3),
        })
        return did

    def _start_set(self, t_s: float) -> list[Event]:
        planned = self.current
        self.phase, self.set_started_s, self.progress = Phase.WORK, t_s, _Progress()
        target = planned.target
        return [SetStarted(
            t_s, exercise_id=planned.exercise_id, exercise=_title(planned.exercise_id), set_number=planned.number,
            sets=planned.of, target=target.describe(), target_reps=target.reps, target_hold_s=target.hold_s,
            side=planned.side.value if planned.side else None,
        )]

    def _track(self, assessment: Assessment) -> None:
        p = self.progress
        p.reps, p.reps_by_side, p.hold_s = assessment.reps, assessment.reps_by_side, assessment.hold_s
        for event in assessment.events:
            if isinstance(event, HoldEnded):
                p.longest_hold_s = max(p.longest_hold_s, event.duration_s)
                if event.duration_s >= FAILURE_MIN_HOLD_S:
                    p.failed = True
            elif isinstance(event, RepCompleted) and event.rep.faults:
                p.failed = True

    def _target_met(self) -> bool:
        target, p = self.current.target, self.progress
        if target.kind is TargetKind.REPS:
            if target.per_side and p.reps_by_side is not None:
                return min(p.reps_by_side.values()) >= (target.reps or 0)
            return p.reps >= (target.reps or 0)
        if target.kind is TargetKind.HOLD:
            return p.hold_s >= (target.hold_s or 0.0)
        return p.failed

    # -- for the screen and the report ----------------------------------------------------
    def view(self, t_s: float) -> PlanView:
        planned = self.current
        side = f" {planned.side.value.upper()}" if planned.side else ""
        label = f"SET {planned.number}/{planned.of}{side}"
        following = self.next_set if self.phase is Phase.WORK else planned
        if self.phase is Phase.DONE:
            return PlanView(_title(planned.exercise_id), label, "", "", done=True, next_up=f"{len(self.done)} sets done")
        next_up = ""
        if following is not None:
            next_side = f" {following.side.value}" if following.side else ""
            next_up = f"Next: {_title(following.exercise_id)}{next_side} {following.number}/{following.of}"
        if self.phase is Phase.REST:
            return PlanView(_title(planned.exercise_id), label, planned.target.describe(), "",
                            rest_left_s=max(self.rest_until_s - t_s, 0.0), next_up=next_up)
        target, p = planned.target, self.progress
        if target.kind is TargetKind.REPS:
            reps = min(p.reps_by_side.values()) if target.per_side and p.reps_by_side else p.reps
            progress, fraction = f"{reps}/{target.reps}", reps / (target.reps or 1)
        elif target.kind is TargetKind.HOLD:
            progress, fraction = f"{_clock(p.hold_s)}/{_clock(target.hold_s or 0)}", p.hold_s / (target.hold_s or 1)
        else:
            progress, fraction = (f"{p.reps} reps" if p.reps else _clock(p.hold_s)), None
        return PlanView(_title(planned.exercise_id), label, target.describe(), progress, fraction=fraction,
                        next_up=next_up, note=planned.note)

    def record(self) -> dict[str, Any]:
        return {
            "name": self.plan.name,
            "title": self.plan.title,
            "sets_planned": len(self.plan.sets),
            "sets_done": len(self.done),
            "sets_met": sum(1 for d in self.done if d["met"]),
            "completed": self.phase is Phase.DONE,
            "sets": self.done,
            "planned": self.plan.describe()["sets"],
        }


def _title(exercise_id: str) -> str:
    from formcheck.exercises import EXERCISES

    return EXERCISES[exercise_id].title
