"""Hip thrust: the glute bridge with the shoulders on a bench; the hips drive up until the trunk
is level with the thighs (hips at shoulder height), knees near 90 degrees, chin tucked.

Source: exercises.md tier 2 (seed 004: barbell hip thrusts "activate the glutes without
overloading the lower back"). Same hip extension measure as the glute bridge, on the side
nearest the camera, with world landmarks in the body's vertical plane. What tells it from a
bridge is the bench: the shoulders sit well above the feet, where a bridge keeps them on the
floor with the feet. The thresholds and faults are the bridge's own (imported, not copied).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import FaultRule, KeyAngle, Metrics, Reading
from formcheck.exercises import glute_bridge as bridge
from formcheck.exercises.base import Exercise
from formcheck.exercises.glute_bridge import (
    FEET_TOO_FAR_KNEE_DEG,
    INCOMPLETE_PEAK_DEG,
    MAX_KNEE_BEND_IN_POSITION_DEG,
    OVER_ARCH_DEG,
    RUSHING_PAUSE_S,
    TOP_BAND_DEG,
)
from formcheck.exercises.lying import shoulder_roll_deg, square_to_the_floor
from formcheck.exercises.mechanics import RepRecord
from formcheck.geometry import WORLD_UP, angle_deg, angle_through_deg, distance, elevation_deg, to_vertical_plane
from formcheck.pose.landmarks import BODY_LINE, Joint, Landmark, Side
from formcheck.pose.pose import Pose

CHIN_UP_DEG = 20.0
"""Ear this many degrees below the line of the trunk at the top: the head is thrown back
instead of the chin tucked (spec). The same size as the plank's head-drop threshold."""

MIN_SHIN_DROP_DEG = 45.0
"""The shin points down from the knee at least this steeply: feet flat on the floor below the
knees. On hands and knees the shins lie along the floor, and everything else can match (bent
knees, shoulders above the feet, trunk level and away from the knees): without this check the
cat-camel clip read as a hip thrust 28% of the time."""
MIN_SHOULDER_LIFT_SHINS = 0.4
"""Shoulders above the ankles by at least this many shin lengths: on a bench. A bench puts
them about 0.8 shins up (43 cm bench); the glute bridge clips read -0.16 to +0.07."""
MIN_TRUNK_REACH = 0.5
"""The shoulders lie behind the hips, away from the knees, by at least this share of the trunk
length (trunk within 60 degrees of level; about -35 degrees with the hips down by the floor,
level at the top): lying back on the bench. Sitting upright or leaning forward (a squat)
puts them over or ahead of the hips."""


@dataclass(frozen=True)
class HipThrustMetrics(Metrics):
    hip_extension_deg: float
    knee_angle_deg: float
    trunk_elevation_deg: float
    shoulder_lift_shins: float
    """How far the shoulders sit above the ankles, in shin lengths (the bench)."""
    head_back_deg: float | None
    """Ear below (+) or above (-) the hip-shoulder line: + is the head thrown back."""
    shoulder_roll_deg: float


RULES = {
    # The bridge's faults: the same movement with the shoulders on a bench.
    "incomplete_extension": bridge.RULES["incomplete_extension"],
    "rushing": bridge.RULES["rushing"],
    "over_arching": bridge.RULES["over_arching"],
    "feet_too_far": bridge.RULES["feet_too_far"],
    "chin_up": FaultRule(
        "chin_up",
        "Head thrown back at the top instead of the chin tucked",
        "Tuck your chin - eyes forward",
        min_duration_s=0.4,
    ),
}


class HipThrust(Exercise):
    id = "hip_thrust"
    title = "Hip thrust"
    view = "side"
    views = ("side", "oblique")
    filming = (
        "Camera at hip height, side-on, 2-3 m away, with the bench, your head and your feet in frame."
    )
    setup_cue = "Shoulders on the bench, knees bent, feet flat"
    good_cue = "Drive your hips up"
    rep_config = bridge.GluteBridge.rep_config
    hold_config = bridge.GluteBridge.hold_config
    fault_rules = (RULES["over_arching"], RULES["feet_too_far"], RULES["chin_up"])
    rep_fault_rules = (RULES["incomplete_extension"], RULES["rushing"])
    rep_measure = "hip_extension_deg"

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return tuple(j.of(side) for j in BODY_LINE)

    def read(self, pose: Pose, side: Side) -> Reading:
        shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, side)
        hip_extension = angle_through_deg(shoulder, hip, knee, WORLD_UP)
        knee_angle = angle_deg(hip, knee, ankle)
        shin = distance(knee, ankle)
        head_back = None
        unmeasured: list[str] = []
        if pose.is_visible(Joint.EAR.of(side)):
            head_back = angle_through_deg(hip, shoulder, pose.world_point(Joint.EAR.of(side)), WORLD_UP) - 180.0
        else:
            unmeasured.append("head (ear not visible)")
        metrics = HipThrustMetrics(
            side=side,
            hip_extension_deg=hip_extension,
            knee_angle_deg=knee_angle,
            trunk_elevation_deg=elevation_deg(shoulder, hip, WORLD_UP),
            shoulder_lift_shins=float(np.dot(shoulder - ankle, WORLD_UP)) / max(shin, 1e-6),
            head_back_deg=head_back,
            shoulder_roll_deg=shoulder_roll_deg(pose),
        )
        in_position = square_to_the_floor(pose) and self._in_position(metrics, shoulder, hip, knee, ankle)
        at_top = hip_extension >= TOP_BAND_DEG
        faults = set()
        if at_top and hip_extension > OVER_ARCH_DEG:
            faults.add("over_arching")
        if at_top and knee_angle > FEET_TOO_FAR_KNEE_DEG:
            faults.add("feet_too_far")
        if at_top and head_back is not None and head_back > CHIN_UP_DEG:
            faults.add("chin_up")
        good_angle = INCOMPLETE_PEAK_DEG <= hip_extension <= OVER_ARCH_DEG
        return Reading(
            metrics=metrics,
            in_position=in_position,
            rep_signal=hip_extension,
            holding=at_top,
            hold_signal=hip_extension,
            faults=frozenset(faults),
            key_angle=KeyAngle(Joint.HIP.of(side), hip_extension, "hip", good_angle if at_top else None),
            unmeasured=tuple(unmeasured),
        )

    @staticmethod
    def _in_position(m: HipThrustMetrics, shoulder: np.ndarray, hip: np.ndarray, knee: np.ndarray, ankle: np.ndarray) -> bool:
        """Lying back on a bench with bent knees and the feet on the floor."""
        sh, hp = to_vertical_plane([shoulder, hip], hip, knee, WORLD_UP)
        trunk_reach = float(hp[0] - sh[0]) / max(distance(shoulder, hip), 1e-6)
        return (
            m.knee_angle_deg <= MAX_KNEE_BEND_IN_POSITION_DEG
            and elevation_deg(knee, ankle, WORLD_UP) <= -MIN_SHIN_DROP_DEG
            and m.shoulder_lift_shins >= MIN_SHOULDER_LIFT_SHINS
            and trunk_reach >= MIN_TRUNK_REACH
        )

    def judge_rep(self, rep: RepRecord[Metrics]) -> tuple[FaultRule, ...]:
        if rep.peak < INCOMPLETE_PEAK_DEG:
            return (RULES["incomplete_extension"],)
        if rep.top_s < RUSHING_PAUSE_S:
            return (RULES["rushing"],)
        return ()

    def in_position_cue(self, reading: Reading | None) -> str:
        if reading is not None and reading.holding:
            return "Squeeze - hold at the top"
        return self.good_cue
