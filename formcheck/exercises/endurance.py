"""What the McGill endurance tests share: one hold, timed from a still start to form failure.

Source: exercises.md "Endurance tests" (McGill, Childs and Liebenson 1999, Arch Phys Med Rehabil
80:941-944, in seed 004's bibliography). Each test is a hold exercise that automatic recognition
never picks (they run only when named), whose result is its first real hold (``endurance_s``).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import ClassVar

from formcheck.core import KeyAngle, Metrics, Reading
from formcheck.events import Event, HoldEnded
from formcheck.exercises.base import Exercise
from formcheck.exercises.mechanics import HoldConfig
from formcheck.pose.landmarks import BODY_LINE, Joint, Landmark, Side
from formcheck.pose.pose import Pose

FAILURE_GRACE_S = 0.5
"""Form must be lost this long before the test ends: a wobble of a few frames (or a pose the
model missed) is not failure. The time ends at the last moment in form, not after the grace."""
START_STILL_S = 1.0
"""The position must be held still this long before the hold counts (it is dated back to the
first still moment): how the pose tells the test has started."""
TRUNK_STILL_DEG_S = 5.0
"""A trunk held in position moves slower than this (degrees per second over 0.3 s); settling
into it, or falling out of it, is faster."""


class McGillTest(str, Enum):
    """The battery's four holds."""

    FLEXION = "flexion"
    EXTENSION = "extension"
    SIDE_RIGHT = "side_right"
    SIDE_LEFT = "side_left"


def trunk_hold(settle_speed: float = TRUNK_STILL_DEG_S) -> HoldConfig:
    """The hold of an endurance test: starts still, ends at the last still moment in form."""
    return HoldConfig(min_hold_s=START_STILL_S, grace_s=FAILURE_GRACE_S, max_settle_speed=settle_speed)


FALSE_START_S = 2.0
"""A hold shorter than this is a false start (getting set, a slip in the first moments), not the
test: real McGill times run from about 30 s to a few minutes (McGill et al. 1999)."""


def endurance_s(events: Iterable[Event]) -> float:
    """A test's time: its first hold that is no false start. The test ends at the first failure,
    so a hold taken up again afterwards does not count; with only false starts, the longest."""
    holds = [e.duration_s for e in sorted((e for e in events if isinstance(e, HoldEnded)), key=lambda e: e.start_s)]
    return next((h for h in holds if h >= FALSE_START_S), max(holds, default=0.0))


class EnduranceTest(Exercise):
    """Base of the McGill holds: timed, never recognised automatically, one key number."""

    primary = "hold"
    auto_recognised = False
    test: ClassVar[McGillTest]
    hold_config = trunk_hold()


class TrunkAngleTest(EnduranceTest):
    """A test held at a trunk angle (flexor, Biering-Sorensen), measured along the near side's
    shoulder-hip-knee-ankle line; the trunk angle is the key angle and the stillness signal."""

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return tuple(j.of(side) for j in BODY_LINE)

    def trunk_reading(
        self, metrics: Metrics, trunk_deg: float, enter: bool, stay: bool, pose: Pose, side: Side, unmeasured: tuple[str, ...] = ()
    ) -> Reading:
        """The reading of a frame whose start (``enter``) and form (``stay``) checks are made."""
        holding = self._position.update(enter, stay, pose.t_s)
        return Reading(
            metrics=metrics,
            in_position=holding,
            holding=holding,
            hold_signal=trunk_deg,
            key_angle=KeyAngle(Joint.HIP.of(side), trunk_deg, "trunk", True if holding else None),
            unmeasured=unmeasured,
        )
