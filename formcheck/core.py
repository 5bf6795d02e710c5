"""The types every stage shares: frame status, measurements, the per-frame assessment, fault
rules and the two ids that are not exercises.

Drivers (pipeline, live, plans), annotators (overlay, voice) and the report read these without
importing the exercise registry; the exercises build them. This module imports only downward
(events, pose), so anything may import it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from formcheck.events import Event
from formcheck.pose.landmarks import Landmark, Side

UNKNOWN = "unknown"
"""The exercise of a stretch in which no supported exercise was recognised."""
AUTO = "auto"
"""The exercise id that asks for automatic recognition."""


class Status(str, Enum):
    NO_PERSON = "no_person"
    NOT_VISIBLE = "not_visible"
    OUT_OF_POSITION = "out_of_position"
    IN_POSITION = "in_position"


@dataclass(frozen=True)
class FaultRule:
    """A form fault an exercise checks: a stable ``code``, a sentence for the report, and the
    short cue shown large on screen while it lasts."""

    code: str
    message: str
    cue: str
    min_duration_s: float = 0.5
    """A posture must be faulty this long before it is reported (one bad frame is noise)."""
    release_s: float = 0.5
    """...and good again this long before the fault ends."""


@dataclass(frozen=True)
class Metrics:
    """Named measurements of one frame; each exercise subclasses this with its own fields."""

    side: Side | None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["side"] = self.side.value if self.side else None
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in out.items()}


@dataclass(frozen=True)
class KeyAngle:
    """The angle the overlay draws at its joint, e.g. hip extension at the hip."""

    landmark: Landmark
    value_deg: float
    label: str
    good: bool | None = None


@dataclass(frozen=True)
class Reading:
    """What an exercise reads off one pose.

    ``in_position``: the person is in the exercise's position (lying for a bridge, on forearms
    and toes for a plank); outside it nothing is counted; ``None`` when it cannot be told yet
    (a sag as deep as lying down: see ``PositionLatch``). ``rep_signal``: the value whose rise
    and fall is a rep. ``holding``: the position being held right now (a plank, the top of a
    bridge), ``None`` when uncertain. ``faults``: codes of posture faults present in this frame.
    """

    metrics: Metrics
    in_position: bool | None
    rep_signal: float | None = None
    active_side: Side | None = None
    """The side doing the work (the raised arm in a bird dog, the supporting forearm in a side
    plank): tags reps and holds for two-sided exercises."""
    holding: bool | None = False
    hold_signal: float | None = None
    faults: frozenset[str] = frozenset()
    key_angle: KeyAngle | None = None
    unmeasured: tuple[str, ...] = ()
    """Checks skipped this frame because the parts they need are hidden (said, not guessed)."""


@dataclass(frozen=True)
class Assessment:
    """Everything known about one frame, for the overlay and the live HUD."""

    t_s: float
    status: Status
    cue: str
    events: tuple[Event, ...] = ()
    metrics: Metrics | None = None
    form_ok: bool | None = None
    key_angle: KeyAngle | None = None
    reps: int = 0
    reps_by_side: dict[str, int] | None = None
    hold_s: float = 0.0
    total_hold_s: float = 0.0
    active_faults: tuple[FaultRule, ...] = ()
    missing: tuple[str, ...] = ()
    unmeasured: tuple[str, ...] = ()
    side: Side | None = None
    rep_progress: float | None = None
    exercise: str = ""
    """Title of the exercise being analysed (empty while automatic recognition is undecided)."""
    primary: str = "reps"
    """What the big on-screen number shows: ``reps`` or ``hold``."""
