"""Back extension: in a back extension station (hips on the pad, feet anchored), the torso rises
from hanging until in line with the legs, no further; pause; lower slowly.

Source: exercises.md tier 2 (seed 003: "raise your torso until it's in line with your lower
body. Pause, then slowly lower your torso"; 004 asks for a slow tempo). Measured on the side
nearest the camera with world landmarks, in the body's vertical plane: hip extension of a
face-down body, shoulder-hip-knee, 180 with the torso in line with the legs. Works for a
45-degree station and a horizontal one (roman chair) alike: the legs are the still segment.
"""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.core import FaultRule, KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.lying import prone_hip_extension_deg, shoulder_roll_deg, square_to_the_floor
from formcheck.exercises.mechanics import HoldConfig, RepCounterConfig, RepRecord
from formcheck.geometry import WORLD_UP, angle_deg, distance, elevation_deg
from formcheck.pose.landmarks import BODY_LINE, Joint, Landmark, Side
from formcheck.pose.pose import Pose

TOP_BAND_DEG = 165.0
"""Torso within 15 degrees of the line of the legs: in line, at the top (the glute bridge's
tolerance for 'a straight line')."""
INCOMPLETE_PEAK_DEG = TOP_BAND_DEG
"""A rep that never comes within 15 degrees of the leg line stops short."""
HYPEREXTENSION_DEG = 195.0
"""Torso raised more than 15 degrees past the line of the legs: the low back hyperextends
("until it's in line with your lower body", seed 003; the bridge's over-arch margin)."""
RUSHING_PAUSE_S = 0.15
"""Less stillness than this at the top is no pause (the seed asks to pause; the glute bridge's
threshold, measured on its clips)."""
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
lie level in a roman chair. A standing body (a hip hinge, a deadlift) has them near vertical."""
STAY_LEG_ELEVATION_RANGE_DEG = (-25.0, 75.0)
"""Once started, 10 degrees more either way for the legs shifting on the pad."""
ENTER_MAX_TORSO_ELEVATION_DEG = -30.0
"""To start, the torso hangs forward at least 30 degrees below level..."""
ENTER_MAX_EXTENSION_DEG = 150.0
"""...and at least 30 degrees below the line of the legs (seed 003: lower as far as comfortable)."""
STAY_EXTENSION_RANGE_DEG = (30.0, 230.0)
"""Once started, from folded deep over the pad to arched well past the hyperextension threshold
(the fault is reported, the exercise goes on)."""
HANDS_NEAR_SHOULDER_ARMS = 0.7
"""To start, the hands are behind the head or across the chest (seed 003): the wrist within this
share of the arm's length from the shoulder, when it is seen. Straight arms reaching to the
floor (a downward dog) have it at 1.0."""


@dataclass(frozen=True)
class BackExtensionMetrics(Metrics):
    hip_extension_deg: float
    """Shoulder-hip-knee of the face-down body: 180 torso in line with the legs, less below."""
    torso_elevation_deg: float
    leg_elevation_deg: float
    knee_angle_deg: float
    hand_reach_arms: float | None
    """Shoulder-wrist distance over the arm's length (None: wrist not seen)."""
    shoulder_roll_deg: float


RULES = {
    "incomplete_raise": FaultRule(
        "incomplete_raise",
        "Torso stopped below the line of the legs",
        "Rise until your body is straight",
    ),
    "hyperextension": FaultRule(
        "hyperextension",
        "Torso raised past the line of the legs: the low back hyperextends",
        "Stop when your body is straight",
    ),
    "rushing": FaultRule(
        "rushing",
        "No pause at the top, or the torso dropped instead of lowered slowly",
        "Pause, then lower slowly",
    ),
}


class BackExtension(Exercise):
    id = "back_extension"
    title = "Back extension"
    view = "side"
    views = ("side", "oblique")
    filming = (
        "Camera at hip height, side-on to the station, 2-3 m away, with your head at the bottom and "
        "your feet in frame."
    )
    setup_cue = "Hips on the pad, feet anchored, hands across your chest"
    good_cue = "Raise your torso in line with your legs"
    rep_config = RepCounterConfig(min_rise=20.0, pause_max_speed=30.0, speed_half_window_s=0.15)
    hold_config = HoldConfig(min_hold_s=0.3, grace_s=0.4, max_settle_speed=10.0)
    fault_rules = (RULES["hyperextension"],)
    rep_fault_rules = (RULES["incomplete_raise"], RULES["rushing"])
    rep_measure = "hip_extension_deg"

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return tuple(j.of(side) for j in BODY_LINE)

    def read(self, pose: Pose, side: Side) -> Reading:
        shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, side)
        extension = prone_hip_extension_deg(shoulder, hip, knee)
        hand_reach = None
        unmeasured: list[str] = []
        if pose.is_visible(Joint.WRIST.of(side)) and pose.is_visible(Joint.ELBOW.of(side)):
            elbow, wrist = pose.world_point(Joint.ELBOW.of(side)), pose.world_point(Joint.WRIST.of(side))
            hand_reach = distance(shoulder, wrist) / max(distance(shoulder, elbow) + distance(elbow, wrist), 1e-6)
        else:
            unmeasured.append("hands (wrist not visible)")
        metrics = BackExtensionMetrics(
            side=side,
            hip_extension_deg=extension,
            torso_elevation_deg=elevation_deg(hip, shoulder, WORLD_UP),
            leg_elevation_deg=elevation_deg(ankle, hip, WORLD_UP),
            knee_angle_deg=angle_deg(hip, knee, ankle),
            hand_reach_arms=hand_reach,
            shoulder_roll_deg=shoulder_roll_deg(pose),
        )
        square = square_to_the_floor(pose)
        in_position = self._position.update(square and self._starts(metrics), square and self._stays(metrics), pose.t_s)
        at_top = extension >= TOP_BAND_DEG
        faults = {"hyperextension"} if at_top and extension > HYPEREXTENSION_DEG else set()
        good_angle = INCOMPLETE_PEAK_DEG <= extension <= HYPEREXTENSION_DEG
        return Reading(
            metrics=metrics,
            in_position=in_position,
            rep_signal=extension,
            holding=at_top,
            hold_signal=extension,
            faults=frozenset(faults),
            key_angle=KeyAngle(Joint.HIP.of(side), extension, "hip", good_angle if at_top else None),
            unmeasured=tuple(unmeasured),
        )

    @staticmethod
    def _legs_fixed(m: BackExtensionMetrics, knee_min: float, legs: tuple[float, float]) -> bool:
        return m.knee_angle_deg >= knee_min and legs[0] <= m.leg_elevation_deg <= legs[1]

    @classmethod
    def _starts(cls, m: BackExtensionMetrics) -> bool:
        return (
            cls._legs_fixed(m, MIN_KNEE_DEG, LEG_ELEVATION_RANGE_DEG)
            and m.torso_elevation_deg <= ENTER_MAX_TORSO_ELEVATION_DEG
            and m.hip_extension_deg <= ENTER_MAX_EXTENSION_DEG
            and (m.hand_reach_arms is None or m.hand_reach_arms <= HANDS_NEAR_SHOULDER_ARMS)
        )

    @classmethod
    def _stays(cls, m: BackExtensionMetrics) -> bool:
        low, high = STAY_EXTENSION_RANGE_DEG
        return cls._legs_fixed(m, STAY_MIN_KNEE_DEG, STAY_LEG_ELEVATION_RANGE_DEG) and low <= m.hip_extension_deg <= high

    def judge_rep(self, rep: RepRecord[Metrics]) -> tuple[FaultRule, ...]:
        if rep.peak < INCOMPLETE_PEAK_DEG:
            return (RULES["incomplete_raise"],)
        if rep.top_s < RUSHING_PAUSE_S or rep.down_s < MIN_LOWERING_S:
            return (RULES["rushing"],)
        return ()

    def in_position_cue(self, reading: Reading | None) -> str:
        if reading is not None and reading.holding:
            return "Pause - body straight"
        return self.good_cue
