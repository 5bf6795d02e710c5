"""Side plank: on one forearm (or hand) and the side of the bottom foot, the body held in a straight
line from head to feet; each side timed, left and right compared.

Source: exercises.md tier 2 (seed 003: "roll to one side and hold your body up off the floor in
a straight line from head to foot for 1 minute ... switch"); the endurance tests in 004's
bibliography compare the right and left side bridges. The body line is measured on the midpoints
of both shoulders, hips and ankles in world landmarks, so it reads the same from the front (camera
facing the chest, the view that shows the line best) and from the feet end. The supporting side
is the lower one: its shoulder and hip are stacked under the top ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.exercises.base import Exercise, KeyAngle, Metrics, Reading
from formcheck.exercises.mechanics import FaultRule, HoldConfig
from formcheck.geometry import WORLD_UP, angle_deg, angle_through_deg, elevation_deg, line_offset
from formcheck.pose.landmarks import Joint, Landmark, Side
from formcheck.pose.pose import Pose

HIP_DROP_OFFSET = 0.05
"""Hips this far below the shoulder-ankle line (fraction of its length) are dropping toward the
floor, as in the forearm plank's sag. Measured on the side plank clip: hips up read -0.02 to
+0.04; resting on the floor before the hold -0.08 to -0.095."""
HIP_DROP_MIN_S = 1.0
"""...and must stay down this long: a sag held, not a dip passed through. The clip's 'active' side
plank dips the hips every 1.3 s, each dip below the threshold for 0.3-0.55 s, and its labeller
calls the hold clean."""

ON_SIDE_MIN_DEG = 40.0
"""Shoulders and hips stacked: the left-right shoulder line and hip line each at least this steep.
The clip reads 52-74 degrees; a plank, a bird dog or a standing person reads 0-15."""
SUPPORT_ARM_MAX_ELEVATION_DEG = -30.0
"""The bottom upper arm (shoulder to elbow) points down at least this steeply: the body rests on
that forearm or hand. A forearm side plank has it near -90; the clip's straight-arm side plank,
leaning toward the hand, reads -38 to -45 in world landmarks."""
TILT_RANGE_DEG = (3.0, 45.0)
"""Ankle-to-shoulder line rising this much toward the head: propped up on one arm, feet down.
The clip reads 12-15 degrees; standing or sitting up is far steeper."""
ENTER_MAX_LINE_OFFSET = 0.04
"""To start a side plank the body must be straight (hips within this of the line)..."""
ENTER_MIN_KNEE_DEG = 150.0
"""...and the legs straight (the clip reads 162-171)."""
STAY_MIN_KNEE_DEG = 130.0
STAY_MAX_DROP = 0.06
"""Once holding, hips down to this far below the line are part of the hold (with a fault if they
stay there); further down they are as low as lying on the side (-0.08 to -0.095 on the clip),
so the hold is uncertain until the person lifts back up (still holding) or stays down (the hold
ended when the drop began)."""
MAX_LINE_OFFSET = 0.25
"""Hips further off the line than this (either way) are no side plank at all: sitting, kneeling."""


SETTLED_LINE_SPEED = 0.08
"""A side plank is held while the hip's offset from the head-feet line changes slower than this
per second (over 0.3 s). Measured: 0.06 cut 1.4 s off the active side plank clip's hold (the top
arm moves, the hips sway), 0.15 let rendered holds run 0.6-0.8 s into the lowering; 0.08 times
the real clip 3% short and the rendered ones 3-5% long."""


@dataclass(frozen=True)
class SidePlankMetrics(Metrics):
    body_line_offset: float
    """Hip distance above (+) or below (-, dropping) the shoulder-ankle line, per line length."""
    body_angle_deg: float
    """Shoulder-hip-ankle angle on the floor side: 180 straight, below 180 the hips drop."""
    body_tilt_deg: float
    shoulder_stack_deg: float
    hip_stack_deg: float
    support_arm_deg: float | None
    knee_angle_deg: float | None
    """The more bent knee; None when neither knee is visible."""
    support_side: Side


RULES = {
    "hip_drop": FaultRule(
        "hip_drop",
        "Hips dropping toward the floor, off the line from head to feet",
        "Lift your hips - one straight line",
        min_duration_s=HIP_DROP_MIN_S,
    ),
}


def support_side(pose: Pose) -> Side:
    """The side the person lies on: the lower shoulder and hip (world y points down)."""
    left = pose.world_point(Landmark.LEFT_SHOULDER)[1] + pose.world_point(Landmark.LEFT_HIP)[1]
    right = pose.world_point(Landmark.RIGHT_SHOULDER)[1] + pose.world_point(Landmark.RIGHT_HIP)[1]
    return Side.LEFT if left > right else Side.RIGHT


class SidePlank(Exercise):
    id = "side_plank"
    title = "Side plank"
    view = "front"
    views = ("front", "oblique")
    filming = (
        "Camera at floor or hip height, facing your chest (or at your feet, looking along the body), "
        "2-3 m away, head to feet in frame. Do one side, then roll over and do the other in the same view."
    )
    setup_cue = "On one forearm, feet stacked, lift your hips"
    good_cue = "Hold - head to feet in one line"
    primary = "hold"
    two_sided = True
    hold_config = HoldConfig(min_hold_s=1.0, grace_s=0.6, max_settle_speed=SETTLED_LINE_SPEED)
    fault_rules = (RULES["hip_drop"],)

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        both = tuple(j.of(s) for j in (Joint.SHOULDER, Joint.HIP, Joint.ANKLE) for s in Side)
        return both + (Joint.ELBOW.of(support_side(pose)),)

    def read(self, pose: Pose, side: Side) -> Reading:
        support = support_side(pose)

        def mid(joint: Joint) -> np.ndarray:
            return (pose.world_point(joint.of(Side.LEFT)) + pose.world_point(joint.of(Side.RIGHT))) / 2.0

        shoulder, hip, ankle = mid(Joint.SHOULDER), mid(Joint.HIP), mid(Joint.ANKLE)
        knees = [
            angle_deg(pose.world_point(Joint.HIP.of(s)), pose.world_point(Joint.KNEE.of(s)), pose.world_point(Joint.ANKLE.of(s)))
            for s in Side
            if pose.is_visible(Joint.KNEE.of(s))
        ]
        unmeasured = [] if knees else ["legs straight (knees not visible)"]
        metrics = SidePlankMetrics(
            side=side,
            body_line_offset=line_offset(hip, shoulder, ankle, WORLD_UP),
            body_angle_deg=angle_through_deg(shoulder, hip, ankle, WORLD_UP),
            body_tilt_deg=elevation_deg(ankle, shoulder, WORLD_UP),
            shoulder_stack_deg=abs(elevation_deg(pose.world_point(Landmark.LEFT_SHOULDER), pose.world_point(Landmark.RIGHT_SHOULDER), WORLD_UP)),
            hip_stack_deg=abs(elevation_deg(pose.world_point(Landmark.LEFT_HIP), pose.world_point(Landmark.RIGHT_HIP), WORLD_UP)),
            support_arm_deg=elevation_deg(pose.world_point(Joint.SHOULDER.of(support)), pose.world_point(Joint.ELBOW.of(support)), WORLD_UP),
            knee_angle_deg=min(knees) if knees else None,
            support_side=support,
        )
        holding = self._position.update(self._starts(metrics), self._stays(metrics), pose.t_s, maybe=self._may_be_holding(metrics))
        faults = {"hip_drop"} if holding is not False and metrics.body_line_offset < -HIP_DROP_OFFSET else set()
        straight = not faults
        return Reading(
            metrics=metrics,
            in_position=holding,
            active_side=support,
            holding=holding,
            hold_signal=metrics.body_line_offset,
            faults=frozenset(faults),
            key_angle=KeyAngle(Joint.HIP.of(support), metrics.body_angle_deg, "body", straight if holding is not False else None),
            unmeasured=tuple(unmeasured),
        )

    @staticmethod
    def _on_side(m: SidePlankMetrics) -> bool:
        """Lying on one side, propped on that arm, feet down: the side plank's frame."""
        low, high = TILT_RANGE_DEG
        return (
            min(m.shoulder_stack_deg, m.hip_stack_deg) >= ON_SIDE_MIN_DEG
            and m.support_arm_deg is not None
            and m.support_arm_deg <= SUPPORT_ARM_MAX_ELEVATION_DEG
            and low <= m.body_tilt_deg <= high
            and abs(m.body_line_offset) <= MAX_LINE_OFFSET
        )

    @classmethod
    def _starts(cls, m: SidePlankMetrics) -> bool:
        straight_legs = m.knee_angle_deg is not None and m.knee_angle_deg >= ENTER_MIN_KNEE_DEG
        return cls._on_side(m) and abs(m.body_line_offset) <= ENTER_MAX_LINE_OFFSET and straight_legs

    @classmethod
    def _may_be_holding(cls, m: SidePlankMetrics) -> bool:
        """On the side, legs straight (or hidden for now): a side plank, or lying on the side
        with the hips down."""
        return cls._on_side(m) and (m.knee_angle_deg is None or m.knee_angle_deg >= STAY_MIN_KNEE_DEG)

    @classmethod
    def _stays(cls, m: SidePlankMetrics) -> bool:
        return cls._may_be_holding(m) and m.body_line_offset >= -STAY_MAX_DROP

    def in_position_cue(self, reading: Reading | None) -> str:
        if reading is not None and reading.active_side is not None:
            return f"{self.good_cue} ({reading.active_side.value} side)"
        return self.good_cue
