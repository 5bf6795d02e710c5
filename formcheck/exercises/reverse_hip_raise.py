"""Reverse hip raise: face down on a bench, hips off its end; the nearly straight legs are lifted
until in line with the torso, paused there, and lowered. 3 x 15.

Source: exercises.md tier 2 (seed 003: "lift them until they are in line with your torso.
Squeeze your glutes, raise your hips, and pause; lower to the starting position. Do 3 sets of
15"). A member of the hip-extension family (``hip_extension``), measured on the side nearest the
camera with world landmarks, in the body's vertical plane: hip extension of a face-down body,
shoulder-hip-knee, 180 with the legs in line.

The torso lies level on the bench and the legs move. The bottom (legs hanging 35-45 degrees down
to the floor) is a shape a torso swinging over fixed legs also passes through, so that instant
alone does not make the position: it starts only from the legs-down posture held for half a
second, and stays only while the torso stays level.
"""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.core import FaultRule
from formcheck.exercises.hip_extension import HipExtension, HipExtensionMetrics, HipExtensionSpec
from formcheck.exercises.lying import prone_hip_extension_deg, shoulder_roll_deg, square_to_the_floor
from formcheck.geometry import WORLD_UP, angle_deg, elevation_deg
from formcheck.pose.landmarks import BODY_LINE, Joint, Side
from formcheck.pose.pose import Pose

MIN_RISE_DEG = 15.0
"""A rep lifts the legs at least this much: a third of the 35-45 degrees from toes on the floor
to in line on a flat bench, so that a lift stopping well short still counts (as incomplete)."""
OVER_RAISE_DEG = 195.0
"""Legs lifted more than 15 degrees above the torso line: the low back arches to lift them
(the same margin past straight as the top band's short of it)."""
RUSHING_PAUSE_S = 0.15
"""Less stillness than this at the top is no pause (the seed asks to pause; from the face-up hip
raise's measurements, where reps that turn straight round read 0.07-0.2 s)."""

TORSO_LEVEL_DEG = 20.0
"""Hip-to-shoulder line within this of level: lying on a flat bench..."""
STAY_TORSO_LEVEL_DEG = 30.0
"""...and staying there while the legs move (the torso is the still segment)."""
ENTER_MAX_EXTENSION_DEG = 160.0
"""To start, the legs hang at least 20 degrees below the torso line..."""
ENTER_MIN_EXTENSION_DEG = 105.0
"""...but not straight down: on a flat bench the toes reach the floor with the legs 35-45
degrees down (hip extension 135-145). Legs hanging vertically (90) look like a standing hip
hinge with a level trunk, and are not taken for this position."""
ENTER_MAX_THIGH_ELEVATION_DEG = -20.0
"""...and the legs point down toward the floor: lying with the legs level and the torso hanging
off a pad, near level, also reads as a level torso with the legs below its line."""
STAY_EXTENSION_RANGE_DEG = (95.0, 225.0)
"""Once started, from legs hanging nearly straight down to lifted well past the over-raise
threshold (the fault is reported, the exercise goes on)."""
ENTER_MIN_KNEE_DEG = 150.0
"""'Keeping your legs nearly straight' (seed 003); a bent leg kneeling on the floor is not this
position."""
STAY_MIN_KNEE_DEG = 130.0
"""Once started, some knee bend is tolerated; kneeling (about 90) ends it."""
SETTLE_AT_START_S = 0.5
"""The starting posture must last this long before the exercise counts as started: lying on
the bench takes longer, while getting up from the knees onto the toes with the body straight
passes through the same shape (straight legs slanting down to the floor, trunk level) for a
frame or two (0.04 s on a real side-view clip)."""


@dataclass(frozen=True)
class ReverseHipRaiseMetrics(HipExtensionMetrics):
    """``hip_extension_deg``: shoulder-hip-knee of the face-down body: 180 legs in line, less
    below, more above."""

    torso_elevation_deg: float
    thigh_elevation_deg: float
    knee_angle_deg: float
    """The more bent knee of the legs that are seen (in a side view usually only the near one)."""
    shoulder_roll_deg: float


def bent_knee_deg(pose: Pose, side: Side) -> float:
    """Knee angle of the more bent leg among those seen (the near one always is): both legs
    lift together, and a kneeling leg under the body is not this exercise."""
    angles = []
    for s in (side, side.other):
        parts = [j.of(s) for j in (Joint.HIP, Joint.KNEE, Joint.ANKLE)]
        if s is side or not pose.missing(parts):
            angles.append(angle_deg(*(pose.world_point(p) for p in parts)))
    return min(angles)


def measure(pose: Pose, side: Side) -> tuple[ReverseHipRaiseMetrics, tuple[str, ...]]:
    shoulder, hip, knee, _ = pose.world_points(BODY_LINE, side)
    metrics = ReverseHipRaiseMetrics(
        side=side,
        hip_extension_deg=prone_hip_extension_deg(shoulder, hip, knee),
        torso_elevation_deg=elevation_deg(hip, shoulder, WORLD_UP),
        thigh_elevation_deg=elevation_deg(hip, knee, WORLD_UP),
        knee_angle_deg=bent_knee_deg(pose, side),
        shoulder_roll_deg=shoulder_roll_deg(pose),
    )
    return metrics, ()


def legs_hanging_off_bench(pose: Pose, m: ReverseHipRaiseMetrics) -> bool:
    """The start position: face down on a level bench, straight legs hanging down to the floor."""
    return (
        square_to_the_floor(pose)
        and abs(m.torso_elevation_deg) <= TORSO_LEVEL_DEG
        and ENTER_MIN_EXTENSION_DEG <= m.hip_extension_deg <= ENTER_MAX_EXTENSION_DEG
        and m.thigh_elevation_deg <= ENTER_MAX_THIGH_ELEVATION_DEG
        and m.knee_angle_deg >= ENTER_MIN_KNEE_DEG
    )


def torso_on_bench(pose: Pose, m: ReverseHipRaiseMetrics) -> bool:
    """Still in position: the torso level on the bench while the legs move."""
    low, high = STAY_EXTENSION_RANGE_DEG
    return (
        square_to_the_floor(pose)
        and abs(m.torso_elevation_deg) <= STAY_TORSO_LEVEL_DEG
        and low <= m.hip_extension_deg <= high
        and m.knee_angle_deg >= STAY_MIN_KNEE_DEG
    )


class ReverseHipRaise(HipExtension):
    id = "reverse_hip_raise"
    title = "Reverse hip raise"
    filming = (
        "Camera at bench height, side-on, 2-3 m away, with the bench, your head and your feet in frame "
        "at the top and bottom of the lift."
    )
    setup_cue = "Lie face down on the bench, hips off the end, toes down"
    good_cue = "Lift your legs in line with your body"
    spec = HipExtensionSpec(
        measure=measure,
        starts=legs_hanging_off_bench,
        stays=torso_on_bench,
        enter_after_s=SETTLE_AT_START_S,
        min_rise_deg=MIN_RISE_DEG,
        incomplete=FaultRule(
            "incomplete_raise",
            "Legs stayed below the line of the torso",
            "Lift your legs level with your body",
        ),
        rushing=FaultRule("rushing", "No pause with the legs raised", "Pause and squeeze at the top"),
        over=FaultRule(
            "over_raise",
            "Legs lifted above the line of the torso: the low back arches",
            "Only up to body level",
        ),
        over_deg=OVER_RAISE_DEG,
        rushing_pause_s=RUSHING_PAUSE_S,
        hold_cue="Squeeze - hold",
    )
