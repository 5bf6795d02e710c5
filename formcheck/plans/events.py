"""What a plan reports as it runs: sets started and done, rests, the end. These join the
exercise events in the session's stream, so the report, the voice and the screen all read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from formcheck.events import Event


@dataclass(frozen=True)
class SetStarted(Event):
    exercise_id: str = field(kw_only=True)
    exercise: str = field(kw_only=True)
    """The exercise's title, for people."""
    set_number: int = field(kw_only=True)
    sets: int = field(kw_only=True)
    target: str = field(kw_only=True)
    target_reps: int | None = field(default=None, kw_only=True)
    target_hold_s: float | None = field(default=None, kw_only=True)
    side: str | None = field(default=None, kw_only=True)
    kind: ClassVar[str] = "set_started"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "exercise": self.exercise_id, "set": self.set_number, "sets": self.sets,
                "target": self.target, "side": self.side}


@dataclass(frozen=True)
class SetCompleted(Event):
    exercise_id: str = field(kw_only=True)
    set_number: int = field(kw_only=True)
    met: bool = field(kw_only=True)
    did: str = field(kw_only=True)
    kind: ClassVar[str] = "set_completed"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "exercise": self.exercise_id, "set": self.set_number, "met": self.met, "did": self.did}


@dataclass(frozen=True)
class RestStarted(Event):
    rest_s: float = field(kw_only=True)
    next_exercise: str = field(kw_only=True)
    """Title of the exercise after the rest."""
    new_exercise: bool = field(kw_only=True)
    """The next set is a different exercise (announce it) rather than another set of this one."""
    switch_sides: bool = field(default=False, kw_only=True)
    kind: ClassVar[str] = "rest_started"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "rest_s": self.rest_s, "next": self.next_exercise, "switch_sides": self.switch_sides}


@dataclass(frozen=True)
class PlanCompleted(Event):
    kind: ClassVar[str] = "plan_completed"
