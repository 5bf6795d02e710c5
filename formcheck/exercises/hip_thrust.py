"""Hip thrust: the shoulders on a bench, knees bent, feet flat; the hips drive up until the trunk
is level with the thighs (hips at shoulder height), knees near 90 degrees, chin tucked.

Source: exercises.md tier 2 (seed 004: barbell hip thrusts "activate the glutes without
overloading the lower back"). A member of the hip-extension family (``hip_extension``) with the
faults of a hip raise lying face up, measured on the side nearest the camera, with world
landmarks in the body's vertical plane. Its own start position is the bench: the shoulders sit
well above the feet, which stand flat below the knees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import FaultRule
from formcheck.exercises import hip_extension as family
from formcheck.exercises.hip_extension import HipExtension, HipExtensionMetrics, PostureCheck
from formcheck.exercises.lying import shoulder_roll_deg, square_to_the_floor
from formcheck.geometry import WORLD_UP, angle_deg, angle_through_deg, distance, elevation_deg, to_vertical_plane
from formcheck.pose.landmarks import BODY_LINE, Joint, Side
from formcheck.pose.pose import Pose

CHIN_UP_DEG = 20.0
"""Ear this many degrees below the line of the trunk at the top: the head is thrown back
instead of the chin tucked (spec); a clear throw back, well beyond the few degrees the short
shoulder-ear line jitters."""

MIN_SHIN_DROP_DEG = 45.0
"""The shin points down from the knee at least this steeply: feet flat on the floor below the
knees. Kneeling, the shins lie along the floor while everything else can match (bent knees,
shoulders above the feet, trunk level and away from the knees): without this check a real
hands-and-knees clip read as this position 28% of the time."""
MIN_SHOULDER_LIFT_SHINS = 0.4
"""Shoulders above the ankles by at least this many shin lengths: on a bench. A bench puts
them about 0.8 shins up (43 cm bench); shoulders on the floor read -0.16 to +0.07 (real clips)."""
MIN_TRUNK_REACH = 0.5
"""The shoulders lie behind the hips, away from the knees, by at least this share of the trunk
length (trunk within 60 degrees of level; about -35 degrees with the hips down by the floor,
level at the top): lying back on the bench. Sitting upright or leaning forward puts them over
or ahead of the hips."""


@dataclass(frozen=True)
class HipThrustMetrics(HipExtensionMetrics):
    knee_angle_deg: float
    trunk_elevation_deg: float
    shoulder_lift_shins: float
    """How far the shoulders sit above the ankles, in shin lengths (the bench)."""
    head_back_deg: float | None
    """Ear below (+) or above (-) the hip-shoulder line: + is the head thrown back."""
    shoulder_roll_deg: float


def measure(pose: Pose, side: Side) -> tuple[HipThrustMetrics, tuple[str, ...]]:
    shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, side)
    head_back = None
    unmeasured: tuple[str, ...] = ()
    if pose.is_visible(Joint.EAR.of(side)):
        head_back = angle_through_deg(hip, shoulder, pose.world_point(Joint.EAR.of(side)), WORLD_UP) - 180.0
    else:
        unmeasured = ("head (ear not visible)",)
    metrics = HipThrustMetrics(
        side=side,
        hip_extension_deg=angle_through_deg(shoulder, hip, knee, WORLD_UP),
        knee_angle_deg=angle_deg(hip, knee, ankle),
        trunk_elevation_deg=elevation_deg(shoulder, hip, WORLD_UP),
        shoulder_lift_shins=float(np.dot(shoulder - ankle, WORLD_UP)) / max(distance(knee, ankle), 1e-6),
        head_back_deg=head_back,
        shoulder_roll_deg=shoulder_roll_deg(pose),
    )
    return metrics, unmeasured


def on_the_bench(pose: Pose, m: HipThrustMetrics) -> bool:
    """The start position: lying back on a bench, square to it, knees bent, feet on the floor."""
    shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, m.side)
    sh, hp = to_vertical_plane([shoulder, hip], hip, knee, WORLD_UP)
    trunk_reach = float(hp[0] - sh[0]) / max(distance(shoulder, hip), 1e-6)
    return (
        square_to_the_floor(pose)
        and m.knee_angle_deg <= family.SUPINE_MAX_KNEE_BEND_DEG
        and elevation_deg(knee, ankle, WORLD_UP) <= -MIN_SHIN_DROP_DEG
        and m.shoulder_lift_shins >= MIN_SHOULDER_LIFT_SHINS
        and trunk_reach >= MIN_TRUNK_REACH
    )


CHIN_UP = PostureCheck(
    FaultRule(
        "chin_up",
        "Head thrown back at the top instead of the chin tucked",
        "Tuck your chin - eyes forward",
        min_duration_s=0.4,
    ),
    lambda m: m.head_back_deg is not None and m.head_back_deg > CHIN_UP_DEG,
)


class HipThrust(HipExtension):
    id = "hip_thrust"
    title = "Hip thrust"
    filming = (
        "Camera at hip height, side-on, 2-3 m away, with the bench, your head and your feet in frame."
    )
    setup_cue = "Shoulders on the bench, knees bent, feet flat"
    good_cue = "Drive your hips up"
    spec = family.face_up_spec(measure, on_the_bench, CHIN_UP)
