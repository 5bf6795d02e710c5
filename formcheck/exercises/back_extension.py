"""Back extension: in a back extension station (hips on the pad, feet anchored), the torso rises
from hanging until in line with the legs, no further; pause; lower slowly.

Source: exercises.md tier 2 (seed 003: "raise your torso until it's in line with your lower
body. Pause, then slowly lower your torso"; 004 asks for a slow tempo). A member of the
hip-extension family (``hip_extension``), measured on the side nearest the camera with world
landmarks, in the body's vertical plane: hip extension of a face-down body, shoulder-hip-knee,
180 with the torso in line with the legs. Works for a 45-degree station and a horizontal one
(roman chair) alike: the legs are the still segment.
"""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.core import FaultRule
from formcheck.exercises.hip_extension import HipExtension, HipExtensionMetrics, HipExtensionSpec
from formcheck.exercises.lying import prone_hip_extension_deg, shoulder_roll_deg, square_to_the_floor
from formcheck.geometry import WORLD_UP, angle_deg, distance, elevation_deg
from formcheck.pose.landmarks import BODY_LINE, Joint, Side
from formcheck.pose.pose import Pose

HYPEREXTENSION_DEG = 195.0
"""Torso raised more than 15 degrees past the line of the legs: the low back hyperextends
("until it's in line with your lower body", seed 003; the same margin past straight as the top
band's short of it)."""
RUSHING_PAUSE_S = 0.15
"""Less stillness than this at the top is no pause (the seed asks to pause; from the face-up hip
raise's measurements, where reps that turn straight round read 0.07-0.2 s)."""
MIN_LOWERING_S = 0.5
"""'Slowly lower' (seed 003): a lowering measured shorter than this is a drop. The time down
runs from the top band (75% of the rise) to the bottom, so a 1 s smooth lowering reads about
0.65 s and a 0.6 s drop about 0.4 s."""

MIN_KNEE_DEG = 150.0
"""Straight legs, feet anchored."""
STAY_MIN_KNEE_DEG = 130.0
"""Once started, some knee bend is tolerated; stepping down (about 90 and less) ends it."""
LEG_ELEVATION_RANGE_DEG = (-15.0, 65.0)
"""Ankle-to-hip elevation: the legs rise to the pad at 45 degrees in a hyperextension bench and
lie level in a roman chair. Standing on the feet puts them near vertical."""
STAY_LEG_ELEVATION_RANGE_DEG = (-25.0, 75.0)
"""Once started, 10 degrees more either way for the legs shifting on the pad."""
ENTER_MAX_TORSO_ELEVATION_DEG = -30.0
"""To start, the torso hangs forward at least 30 degrees below level..."""
ENTER_MAX_EXTENSION_DEG = 150.0
"""...and at least 30 degrees below the line of the legs (seed 003: lower as far as comfortable)."""
STAY_EXTENSION_RANGE_DEG = (30.0, 230.0)
"""Once started, from folded deep over the pad to arched well past the hyperextension threshold
(the fault is reported, the exercise goes on)."""
STRAIGHT_ARM_REACH = 0.85
ARMS_OVERHEAD_DEG = 140.0
"""Hands on the floor ahead of the head, the arms straight (the wrist at least this share of the
arm's length from the shoulder) and in line with the trunk (hip-shoulder-wrist at least this):
a downward dog, whose slanted straight legs and hanging torso are the station's. Seed 003 puts
the hands across the chest or behind the head. The hands' position itself is not a start check:
MediaPipe reads crossed arms on rendered bodies at 0.73-0.99 of the arm's length (30 side-on
to end-on clips), so a "hands near the shoulders" rule lost two reps in three; their
hip-shoulder-wrist reads 28-74 degrees side-on, up to 150 end-on. Hands behind the head reach
past the shoulder along the trunk but bent (about 0.3-0.5 of the arm's length)."""


@dataclass(frozen=True)
class BackExtensionMetrics(HipExtensionMetrics):
    """``hip_extension_deg``: shoulder-hip-knee of the face-down body: 180 torso in line with the
    legs, less below."""

    torso_elevation_deg: float
    leg_elevation_deg: float
    knee_angle_deg: float
    hand_reach_arms: float | None
    """Shoulder-wrist distance over the arm's length (None: wrist not seen)."""
    arm_raise_deg: float | None
    """Hip-shoulder-wrist: 180 with the arm straight on past the head (None: wrist not seen)."""
    shoulder_roll_deg: float


def measure(pose: Pose, side: Side) -> tuple[BackExtensionMetrics, tuple[str, ...]]:
    shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, side)
    hand_reach = arm_raise = None
    unmeasured: tuple[str, ...] = ()
    if pose.is_visible(Joint.WRIST.of(side)) and pose.is_visible(Joint.ELBOW.of(side)):
        elbow, wrist = pose.world_point(Joint.ELBOW.of(side)), pose.world_point(Joint.WRIST.of(side))
        hand_reach = distance(shoulder, wrist) / max(distance(shoulder, elbow) + distance(elbow, wrist), 1e-6)
        arm_raise = angle_deg(hip, shoulder, wrist)
    else:
        unmeasured = ("hands (wrist not visible)",)
    metrics = BackExtensionMetrics(
        side=side,
        hip_extension_deg=prone_hip_extension_deg(shoulder, hip, knee),
        torso_elevation_deg=elevation_deg(hip, shoulder, WORLD_UP),
        leg_elevation_deg=elevation_deg(ankle, hip, WORLD_UP),
        knee_angle_deg=angle_deg(hip, knee, ankle),
        hand_reach_arms=hand_reach,
        arm_raise_deg=arm_raise,
        shoulder_roll_deg=shoulder_roll_deg(pose),
    )
    return metrics, unmeasured


def legs_fixed(m: BackExtensionMetrics, knee_min: float, legs: tuple[float, float]) -> bool:
    return m.knee_angle_deg >= knee_min and legs[0] <= m.leg_elevation_deg <= legs[1]


def on_the_hands(m: BackExtensionMetrics) -> bool:
    """Straight arms reaching on past the head to the floor: a downward dog, not the station."""
    if m.hand_reach_arms is None or m.arm_raise_deg is None:
        return False
    return m.hand_reach_arms >= STRAIGHT_ARM_REACH and m.arm_raise_deg >= ARMS_OVERHEAD_DEG


def hanging_over_pad(pose: Pose, m: BackExtensionMetrics) -> bool:
    """The start position: legs straight on the pad, torso hanging forward, not on the hands."""
    return (
        square_to_the_floor(pose)
        and legs_fixed(m, MIN_KNEE_DEG, LEG_ELEVATION_RANGE_DEG)
        and m.torso_elevation_deg <= ENTER_MAX_TORSO_ELEVATION_DEG
        and m.hip_extension_deg <= ENTER_MAX_EXTENSION_DEG
        and not on_the_hands(m)
    )


def legs_on_pad(pose: Pose, m: BackExtensionMetrics) -> bool:
    """Still in position: the legs fixed on the pad while the torso moves."""
    low, high = STAY_EXTENSION_RANGE_DEG
    return (
        square_to_the_floor(pose)
        and legs_fixed(m, STAY_MIN_KNEE_DEG, STAY_LEG_ELEVATION_RANGE_DEG)
        and low <= m.hip_extension_deg <= high
    )


class BackExtension(HipExtension):
    id = "back_extension"
    title = "Back extension"
    filming = (
        "Camera at hip height, side-on to the station, 2-3 m away, with your head at the bottom and "
        "your feet in frame."
    )
    setup_cue = "Hips on the pad, feet anchored, hands across your chest"
    good_cue = "Raise your torso in line with your legs"
    spec = HipExtensionSpec(
        measure=measure,
        starts=hanging_over_pad,
        stays=legs_on_pad,
        incomplete=FaultRule(
            "incomplete_raise",
            "Torso stopped below the line of the legs",
            "Rise until your body is straight",
        ),
        rushing=FaultRule(
            "rushing",
            "No pause at the top, or the torso dropped instead of lowered slowly",
            "Pause, then lower slowly",
        ),
        over=FaultRule(
            "hyperextension",
            "Torso raised past the line of the legs: the low back hyperextends",
            "Stop when your body is straight",
        ),
        over_deg=HYPEREXTENSION_DEG,
        rushing_pause_s=RUSHING_PAUSE_S,
        min_lowering_s=MIN_LOWERING_S,
        hold_cue="Pause - body straight",
    )
