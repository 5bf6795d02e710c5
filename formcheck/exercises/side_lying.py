"""What exercises done on one side share (the side plank, the McGill side bridge): which side
carries the body, and the straight line from shoulders to feet measured on the midpoints of
both halves of the body, so it reads the same from the front and from the feet end.

Numbers measured on the shared side plank clip (see ``side_plank``'s notes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import Metrics
from formcheck.geometry import WORLD_UP, angle_deg, angle_through_deg, elevation_deg, line_offset
from formcheck.pose.landmarks import Joint, Landmark, Side
from formcheck.pose.pose import Pose

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
MAX_LINE_OFFSET = 0.25
"""Hips further off the line than this (either way) are no side plank at all: sitting, kneeling."""

SETTLED_LINE_SPEED = 0.08
"""A side plank is held while the hip's offset from the head-feet line changes slower than this
per second (over 0.3 s). Measured: 0.06 cut 1.4 s off the active side plank clip's hold (the top
arm moves, the hips sway), 0.15 let rendered holds run 0.6-0.8 s into the lowering; 0.08 times
the real clip 3% short and the rendered ones 3-5% long."""


@dataclass(frozen=True)
class SideLineMetrics(Metrics):
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


def support_side(pose: Pose) -> Side:
    """The side the person lies on: the lower shoulder and hip (world y points down)."""
    left = pose.world_point(Landmark.LEFT_SHOULDER)[1] + pose.world_point(Landmark.LEFT_HIP)[1]
    right = pose.world_point(Landmark.RIGHT_SHOULDER)[1] + pose.world_point(Landmark.RIGHT_HIP)[1]
    return Side.LEFT if left > right else Side.RIGHT


def side_line_required(pose: Pose) -> tuple[Landmark, ...]:
    """Both shoulders, hips and ankles, and the supporting elbow."""
    both = tuple(j.of(s) for j in (Joint.SHOULDER, Joint.HIP, Joint.ANKLE) for s in Side)
    return both + (Joint.ELBOW.of(support_side(pose)),)


def measure_side_line(pose: Pose, side: Side) -> SideLineMetrics:
    """The body line of a person on one side (``side``: the side nearest the camera)."""
    support = support_side(pose)

    def mid(joint: Joint) -> np.ndarray:
        return (pose.world_point(joint.of(Side.LEFT)) + pose.world_point(joint.of(Side.RIGHT))) / 2.0

    shoulder, hip, ankle = mid(Joint.SHOULDER), mid(Joint.HIP), mid(Joint.ANKLE)
    knees = [
        angle_deg(pose.world_point(Joint.HIP.of(s)), pose.world_point(Joint.KNEE.of(s)), pose.world_point(Joint.ANKLE.of(s)))
        for s in Side
        if pose.is_visible(Joint.KNEE.of(s))
    ]
    return SideLineMetrics(
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


def on_side(m: SideLineMetrics) -> bool:
    """Lying on one side, propped on that arm, feet down: the side plank's frame."""
    low, high = TILT_RANGE_DEG
    return (
        min(m.shoulder_stack_deg, m.hip_stack_deg) >= ON_SIDE_MIN_DEG
        and m.support_arm_deg is not None
        and m.support_arm_deg <= SUPPORT_ARM_MAX_ELEVATION_DEG
        and low <= m.body_tilt_deg <= high
        and abs(m.body_line_offset) <= MAX_LINE_OFFSET
    )


KNEES_HIDDEN = "legs straight (knees not visible)"
"""What is said when neither knee is seen."""
