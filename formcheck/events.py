"""What an analyzer reports: reps, holds and faults, as a stream of small immutable events.

The report is built from this stream alone, so a live session and a file analysis that see the
same poses produce the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from formcheck.pose.landmarks import Side


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


@dataclass(frozen=True)
class Fault:
    """A form fault over an interval: ``code`` for machines, ``message`` for people."""

    code: str
    message: str
    start_s: float
    end_s: float
    side: Side | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "start_s": _round(self.start_s),
            "end_s": _round(self.end_s),
        }
        if self.side is not None:
            out["side"] = self.side.value
        return out


@dataclass(frozen=True)
class Rep:
    """One completed repetition with its tempo: time up, time at the top (the pause), time down."""

    index: int
    start_s: float
    peak_s: float
    end_s: float
    peak: float
    up_s: float
    top_s: float
    down_s: float
    side: Side | None = None
    measure: str = ""
    faults: tuple[str, ...] = ()
    bottom: float | None = None
    """The measure where the rep started (``peak - bottom`` is its range, e.g. a cat-camel cycle's)."""
    skipped: tuple[str, ...] = ()
    """Checks not made on this rep because the view could not show them (said, not guessed)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "index": self.index,
            "start_s": _round(self.start_s),
            "peak_s": _round(self.peak_s),
            "end_s": _round(self.end_s),
            "peak": _round(self.peak, 1),
            "bottom": _round(self.bottom, 1),
            "measure": self.measure,
            "up_s": _round(self.up_s, 2),
            "top_s": _round(self.top_s, 2),
            "down_s": _round(self.down_s, 2),
            "faults": list(self.faults),
        }
        if self.side is not None:
            out["side"] = self.side.value
        if self.skipped:
            out["skipped"] = list(self.skipped)
        return out


@dataclass(frozen=True)
class Event:
    """Something that happened at ``t_s`` seconds into the session."""

    t_s: float
    kind: ClassVar[str] = "event"

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.kind, "t_s": _round(self.t_s)}


@dataclass(frozen=True)
class RepCompleted(Event):
    rep: Rep = field(kw_only=True)
    kind: ClassVar[str] = "rep"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), **self.rep.to_dict()}


@dataclass(frozen=True)
class HoldStarted(Event):
    kind: ClassVar[str] = "hold_started"


@dataclass(frozen=True)
class HoldEnded(Event):
    """A hold that ran from ``start_s`` to ``t_s``; ``good_form_s`` of it had no fault."""

    start_s: float = field(kw_only=True)
    good_form_s: float = field(kw_only=True)
    side: Side | None = field(default=None, kw_only=True)
    kind: ClassVar[str] = "hold_ended"

    @property
    def duration_s(self) -> float:
        return self.t_s - self.start_s

    def to_dict(self) -> dict[str, Any]:
        out = {
            **super().to_dict(),
            "start_s": _round(self.start_s),
            "duration_s": _round(self.duration_s),
            "good_form_s": _round(self.good_form_s),
        }
        if self.side is not None:
            out["side"] = self.side.value
        return out


@dataclass(frozen=True)
class FaultStarted(Event):
    code: str = field(kw_only=True)
    message: str = field(kw_only=True)
    kind: ClassVar[str] = "fault_started"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "code": self.code, "message": self.message}


@dataclass(frozen=True)
class FaultEnded(Event):
    """A fault interval, complete; reported when it closes (a rep's faults when the rep does)."""

    fault: Fault = field(kw_only=True)
    kind: ClassVar[str] = "fault"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), **self.fault.to_dict()}


@dataclass(frozen=True)
class NotVisible(Event):
    """The body parts a check needs went out of view (or out of frame) at ``t_s``."""

    parts: tuple[str, ...] = field(kw_only=True)
    kind: ClassVar[str] = "not_visible"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "parts": list(self.parts)}


@dataclass(frozen=True)
class BackInView(Event):
    kind: ClassVar[str] = "visible"


@dataclass(frozen=True)
class BoutStarted(Event):
    """Automatic recognition (or a plan's next set) decided the person is doing ``exercise``
    since ``t_s``. It carries what the report needs to know of the exercise, so the report never
    looks an exercise up."""

    exercise: str = field(kw_only=True)
    two_sided: bool = field(default=False, kw_only=True)
    """Worked one side at a time: reps and holds are compared left against right."""
    timed: bool = field(default=False, kw_only=True)
    """A hold exercise (plank, side plank) rather than a rep exercise."""
    kind: ClassVar[str] = "bout_started"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "exercise": self.exercise, "two_sided": self.two_sided, "timed": self.timed}


@dataclass(frozen=True)
class BoutEnded(Event):
    exercise: str = field(kw_only=True)
    kind: ClassVar[str] = "bout_ended"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "exercise": self.exercise}


@dataclass(frozen=True)
class MeasureSampled(Event):
    """The exercise's key measurement (the angle the overlay draws) at ``t_s``, sampled at most
    ``SERIES_HZ`` times a second: the report keeps these as a compact series for plots."""

    exercise: str = field(kw_only=True)
    name: str = field(kw_only=True)
    value: float = field(kw_only=True)
    kind: ClassVar[str] = "sample"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "exercise": self.exercise, "name": self.name, "value": _round(self.value, 1)}


SERIES_HZ = 10.0
"""Samples of the key measurement per second: enough to draw reps of 1-3 s (back-care exercises
move at under 1 Hz), small enough that an hour's session adds about a megabyte to the report."""
