"""Reverse hip raise: face down on a bench, hips off its end; the nearly straight legs are lifted
until in line with the torso, paused there, and lowered. 3 x 15.

Source: exercises.md tier 2 (seed 003: "lift them until they are in line with your torso.
Squeeze your glutes, raise your hips, and pause; lower to the starting position. Do 3 sets of
15"). Measured on the side nearest the camera with world landmarks, in the body's vertical
plane: hip extension of a face-down body, shoulder-hip-knee, 180 with the legs in line.

The torso lies level on the bench and the legs move; a back extension is the mirror image
(legs fixed, torso moving). The bottom of a reverse hip raise on a flat bench (legs hanging
35-45 degrees down to the floor) has the same shape as the middle of a back extension on a
45-degree bench, so that instant alone cannot tell them apart; the moving segment does: this
analyzer starts only from the legs-down posture held for half a second (in a back extension
the torso only passes level) and stays in position only while the torso stays level.
"""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.core import FaultRule, KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.lying import prone_hip_extension_deg, shoulder_roll_deg, square_to_the_floor
from formcheck.exercises.mechanics import HoldConfig, RepCounterConfig, RepRecord
from formcheck.geometry import WORLD_UP, angle_deg, elevation_deg
from formcheck.pose.landmarks import BODY_LINE, Joint, Landmark, Side
from formcheck.pose.pose import Pose

MIN_RISE_DEG = 15.0
"""A rep lifts the legs at least this much: a third of the 35-45 degrees from toes on the floor
to in line on a flat bench, so that a lift stopping well short still counts (as incomplete)."""
TOP_BAND_DEG = 165.0
"""Legs within 15 degrees of the torso line: in line, at the top (seed 003; the same tolerance
as the glute bridge's top band)."""
INCOMPLETE_PEAK_DEG = TOP_BAND_DEG
"""A rep whose legs never come within 15 degrees of the torso line stays below it."""
OVER_RAISE_DEG = 195.0
"""Legs lifted more than 15 degrees above the torso line: the low back arches to lift them
(the glute bridge's over-arch margin)."""
RUSHING_PAUSE_S = 0.15
"""Less stillness than this at the top is no pause (the seed asks to pause; the glute bridge's
threshold, measured on its clips)."""

TORSO_LEVEL_DEG = 20.0
"""Hip-to-shoulder line within this of level: lying on a flat bench..."""
STAY_TORSO_LEVEL_DEG = 30.0
"""...and staying there while the legs move (the torso is the still segment)."""
ENTER_MAX_EXTENSION_DEG = 160.0
"""To start, the legs hang at least 20 degrees below the torso line..."""
ENTER_MIN_EXTENSION_DEG = 105.0
"""...but not straight down: on a flat bench the toes reach the floor with the legs 35-45
degrees down (hip extension 135-145). Legs hanging vertically (90) look like a standing hip
hinge with a level trunk, and are not taken for this exercise."""
ENTER_MAX_THIGH_ELEVATION_DEG = -20.0
"""...and the legs point down toward the floor: in a roman chair the legs lie level while the
torso hangs, which near its top also reads as a level torso with the legs below its line."""
STAY_EXTENSION_RANGE_DEG = (95.0, 225.0)
"""Once started, from legs hanging nearly straight down to lifted well past the over-raise
threshold (the fault is reported, the exercise goes on)."""
ENTER_MIN_KNEE_DEG = 150.0
"""'Keeping your legs nearly straight' (seed 003); a bent, kneeling leg is a bird dog."""
STAY_MIN_KNEE_DEG = 130.0
"""Once started, some knee bend is tolerated; kneeling (about 90) ends it."""
SETTLE_AT_START_S = 0.5
"""The starting posture must last this long before the exercise counts as started: lying on
the bench takes longer, while getting up from the knees into a plank passes through the same
shape (straight legs slanting down to the floor, trunk level) for a frame or two (0.04 s on the
side-view plank clip)."""


@dataclass(frozen=True)
class ReverseHipRaiseMetrics(Metrics):
    hip_extension_deg: float
    """Shoulder-hip-knee of the face-down body: 180 legs in line, less below, more above."""
    torso_elevation_deg: float
    thigh_elevation_deg: float
    knee_angle_deg: float
    """The more bent knee of the legs that are seen (in a side view usually only the near one)."""
    shoulder_roll_deg: float


RULES = {
    "incomplete_raise": FaultRule(
        "incomplete_raise",
        "Legs stayed below the line of the torso",
        "Lift your legs level with your body",
    ),
    "over_raise": FaultRule(
        "over_raise",
        "Legs lifted above the line of the torso: the low back arches",
        "Only up to body level",
    ),
    "rushing": FaultRule("rushing", "No pause with the legs raised", "Pause and squeeze at the top"),
}


class ReverseHipRaise(Exercise):
    id = "reverse_hip_raise"
    title = "Reverse hip raise"
    view = "side"
    views = ("side", "oblique")
    filming = (
        "Camera at bench height, side-on, 2-3 m away, with the bench, your head and your feet in frame "
        "at the top and bottom of the lift."
    )
    setup_cue = "Lie face down on the bench, hips off the end, toes down"
    good_cue = "Lift your legs in line with your body"
    rep_config = RepCounterConfig(min_rise=MIN_RISE_DEG, pause_max_speed=30.0, speed_half_window_s=0.15)
    hold_config = HoldConfig(min_hold_s=0.3, grace_s=0.4, max_settle_speed=10.0)
    fault_rules = (RULES["over_raise"],)
    rep_fault_rules = (RULES["incomplete_raise"], RULES["rushing"])
    rep_measure = "hip_extension_deg"
    enter_after_s = SETTLE_AT_START_S

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return tuple(j.of(side) for j in BODY_LINE)

    def read(self, pose: Pose, side: Side) -> Reading:
        shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, side)
        extension = prone_hip_extension_deg(shoulder, hip, knee)
        metrics = ReverseHipRaiseMetrics(
            side=side,
            hip_extension_deg=extension,
            torso_elevation_deg=elevation_deg(hip, shoulder, WORLD_UP),
            thigh_elevation_deg=elevation_deg(hip, knee, WORLD_UP),
            knee_angle_deg=self._knee_angle(pose, side),
            shoulder_roll_deg=shoulder_roll_deg(pose),
        )
        square = square_to_the_floor(pose)
        in_position = self._position.update(square and self._starts(metrics), square and self._stays(metrics), pose.t_s)
        at_top = extension >= TOP_BAND_DEG
        faults = {"over_raise"} if at_top and extension > OVER_RAISE_DEG else set()
        good_angle = INCOMPLETE_PEAK_DEG <= extension <= OVER_RAISE_DEG
        return Reading(
            metrics=metrics,
            in_position=in_position,
            rep_signal=extension,
            holding=at_top,
            hold_signal=extension,
            faults=frozenset(faults),
            key_angle=KeyAngle(Joint.HIP.of(side), extension, "hip", good_angle if at_top else None),
        )

    @staticmethod
    def _knee_angle(pose: Pose, side: Side) -> float:
        """Knee angle of the more bent leg among those seen (the near one always is): both legs
        lift together, and a kneeling leg under the body is not this exercise."""
        angles = []
        for s in (side, side.other):
            parts = [j.of(s) for j in (Joint.HIP, Joint.KNEE, Joint.ANKLE)]
            if s is side or not pose.missing(parts):
                angles.append(angle_deg(*(pose.world_point(p) for p in parts)))
        return min(angles)

    @staticmethod
    def _starts(m: ReverseHipRaiseMetrics) -> bool:
        return (
            abs(m.torso_elevation_deg) <= TORSO_LEVEL_DEG
            and ENTER_MIN_EXTENSION_DEG <= m.hip_extension_deg <= ENTER_MAX_EXTENSION_DEG
            and m.thigh_elevation_deg <= ENTER_MAX_THIGH_ELEVATION_DEG
            and m.knee_angle_deg >= ENTER_MIN_KNEE_DEG
        )

    @staticmethod
    def _stays(m: ReverseHipRaiseMetrics) -> bool:
        low, high = STAY_EXTENSION_RANGE_DEG
        return (
            abs(m.torso_elevation_deg) <= STAY_TORSO_LEVEL_DEG
            and low <= m.hip_extension_deg <= high
            and m.knee_angle_deg >= STAY_MIN_KNEE_DEG
        )

    def judge_rep(self, rep: RepRecord[Metrics]) -> tuple[FaultRule, ...]:
        if rep.peak < INCOMPLETE_PEAK_DEG:
            return (RULES["incomplete_raise"],)
        if rep.top_s < RUSHING_PAUSE_S:
            return (RULES["rushing"],)
        return ()

    def in_position_cue(self, reading: Reading | None) -> str:
        if reading is not None and reading.holding:
            return "Squeeze - hold"
        return self.good_cue
