"""McGill side bridge endurance test, right and left: on one forearm and the feet, the hips lifted
in line with the body, held until they drop to the floor.

Source: exercises.md "Endurance tests" (McGill et al. 1999: the test ends when the straight
posture is lost and the hip drops toward the floor). The body line is the side plank's, measured
by the shared side-lying helpers on both halves of the body (best view: front).
"""

from __future__ import annotations

from typing import ClassVar

from formcheck.core import KeyAngle, Reading
from formcheck.exercises.endurance import EnduranceTest, McGillTest, trunk_hold
from formcheck.exercises.side_lying import (
    KNEES_HIDDEN,
    SETTLED_LINE_SPEED,
    measure_side_line,
    on_side,
    side_line_required,
)
from formcheck.pose.landmarks import Joint, Landmark, Side
from formcheck.pose.pose import Pose

START_MAX_LINE_OFFSET = 0.04
"""To start, the hips within this of the shoulder-ankle line (fraction of its length), as a side
plank starts."""
START_MIN_KNEE_DEG = 150.0
"""...with the legs straight (the side plank's entry)."""
DROP_OFFSET = 0.06
"""The test ends when the hips sink this far below the line: halfway from a straight body to
resting on the floor (-0.08 to -0.095 on the shared side plank clip), past the side plank's
hip-drop fault (0.05)."""
STAY_MIN_KNEE_DEG = 130.0
"""Knees bending onto the floor (a kneeling side bridge) ends the test."""


class _McGillSideBridge(EnduranceTest):
    view = "front"
    views = ("front", "oblique")
    support: ClassVar[Side]
    good_cue = "Hold - hips up in line"
    hold_config = trunk_hold(SETTLED_LINE_SPEED)

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return side_line_required(pose)

    def read(self, pose: Pose, side: Side) -> Reading:
        metrics = measure_side_line(pose, side)
        on_this_side = on_side(metrics) and metrics.support_side is self.support
        legs_ok = metrics.knee_angle_deg is None or metrics.knee_angle_deg >= STAY_MIN_KNEE_DEG
        enter = (
            on_this_side
            and abs(metrics.body_line_offset) <= START_MAX_LINE_OFFSET
            and metrics.knee_angle_deg is not None
            and metrics.knee_angle_deg >= START_MIN_KNEE_DEG
        )
        stay = on_this_side and legs_ok and metrics.body_line_offset >= -DROP_OFFSET
        holding = self._position.update(enter, stay, pose.t_s)
        return Reading(
            metrics=metrics,
            in_position=holding,
            active_side=self.support,
            holding=holding,
            hold_signal=metrics.body_line_offset,
            key_angle=KeyAngle(Joint.HIP.of(self.support), metrics.body_angle_deg, "body", True if holding else None),
            unmeasured=() if metrics.knee_angle_deg is not None else (KNEES_HIDDEN,),
        )


def _filming(side: Side) -> str:
    return (
        f"Camera facing your chest at hip height, 2-3 m away, head to feet in frame. Lie on your {side.value} "
        f"side, on the {side.value} forearm, top foot in front of the bottom one, top arm across the chest; "
        "lift the hips into one line and hold until they drop."
    )


class McGillSideBridgeRight(_McGillSideBridge):
    id = "mcgill_side_right"
    title = "McGill side bridge (right)"
    test = McGillTest.SIDE_RIGHT
    support = Side.RIGHT
    filming = _filming(Side.RIGHT)
    setup_cue = "On your right forearm, lift your hips in line"


class McGillSideBridgeLeft(_McGillSideBridge):
    id = "mcgill_side_left"
    title = "McGill side bridge (left)"
    test = McGillTest.SIDE_LEFT
    support = Side.LEFT
    filming = _filming(Side.LEFT)
    setup_cue = "On your left forearm, lift your hips in line"
