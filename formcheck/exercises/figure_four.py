"""Figure four stretch: lying on the back, knees bent, one ankle crossed over the opposite knee,
the supporting leg pulled toward the chest; held as long as the user likes, timed per side.

Source: exercises.md tier 2 (seed 002: "Lie on your back with your knees bent. Next, bring your
ankle to the opposite leg and cross your legs. Lastly, reach through the gap between your legs to
grasp your leg on the ground and pull towards your chest"). The side of a hold is the crossed
leg's (the hip being stretched). There is no fault beyond not being in the pose; a supporting leg
not yet pulled in gets a cue, since the seed makes the pull the last step.

What tells it from lying with the knees bent and both feet down is the crossed ankle resting on
the other knee. It is measured in the body's vertical plane (along the trunk), where a side
view sees it directly, with a looser bound on the full 3D distance, whose sideways part is
MediaPipe's depth estimate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.mechanics import HoldConfig
from formcheck.geometry import WORLD_UP, angle_deg, elevation_deg, to_vertical_plane
from formcheck.pose.landmarks import Joint, Landmark, Side, both_sides
from formcheck.pose.pose import Pose

LYING_MAX_TILT_DEG = 30.0
"""Lying on the back: the shoulder-hip line within this of horizontal (the hips stay down)."""
STAY_LYING_MAX_TILT_DEG = 40.0
ENTER_MAX_CROSS_GAP = 0.35
"""The crossed ankle lies within this (fraction of shin length, about 15 cm) of the other knee in
the body plane: it rests on the lower thigh just above the knee. Lying with both feet on the
floor puts each ankle about a shin length from the other knee (1.0)."""
STAY_MAX_CROSS_GAP = 0.5
MAX_CROSS_GAP_3D = 0.8
"""...and within this in 3D, a looser bound because the sideways part is a depth estimate."""
KNEE_RAISED_MIN = 0.3
"""The supporting knee at least this (fraction of thigh length) above the hip: lying on the back
with the knee up. Prone, kneeling or side-lying knees are level with or below the hip."""
PULLED_MAX_HIP_DEG = 100.0
"""Supporting leg pulled toward the chest: its hip angle (shoulder-hip-knee) at most this, the
thigh at or past vertical. With the foot still on the floor it is about 120-140."""
SETTLE_SPEED_DEG_S = 10.0
"""The hold starts once the supporting hip angle changes slower than this: pulling in is not held."""


@dataclass(frozen=True)
class FigureFourMetrics(Metrics):
    crossed_leg: Side | None
    """The leg whose ankle rests on the other knee; None when no ankle is there."""
    cross_gap: float | None
    """Crossed ankle to the other knee in the body plane, per shin length (None: a leg not seen)."""
    cross_gap_3d: float | None
    trunk_tilt_deg: float
    knee_raise: float | None
    """Supporting knee above the hip, per thigh length."""
    support_hip_deg: float | None
    """Supporting leg's hip angle, shoulder-hip-knee: smaller is pulled further toward the chest."""


class FigureFour(Exercise):
    id = "figure_four"
    title = "Figure four stretch"
    view = "side"
    views = ("side", "oblique")
    contacts = both_sides(Joint.SHOULDER, Joint.HIP)
    """On the floor in position: the back: shoulders and hips."""
    filming = (
        "Camera at floor level, side-on, 2-3 m away, the whole body in frame; "
        "both legs must be visible, so keep the crossed leg's knee from hiding the other."
    )
    setup_cue = "On your back, cross one ankle over the other knee"
    good_cue = "Hold - breathe into the stretch"
    primary = "hold"
    two_sided = True
    hold_config = HoldConfig(min_hold_s=1.0, grace_s=0.6, max_settle_speed=SETTLE_SPEED_DEG_S)

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return (Joint.SHOULDER.of(side), Joint.HIP.of(side))

    def read(self, pose: Pose, side: Side) -> Reading:
        shoulder, hip = pose.world_point(Joint.SHOULDER.of(side)), pose.world_point(Joint.HIP.of(side))
        trunk_tilt = elevation_deg(shoulder, hip, WORLD_UP)
        legs_seen = all(pose.limb_seen(j.of(s)) for j in (Joint.KNEE, Joint.ANKLE) for s in Side)
        crossed, gap, gap_3d, knee_raise, support_hip = None, None, None, None, None
        if legs_seen:
            gaps = {s: self._gaps(pose, s, shoulder, hip) for s in Side}
            crossed = min(gaps, key=lambda s: gaps[s][0])
            gap, gap_3d = gaps[crossed]
            support = crossed.other
            support_hip_point = pose.world_point(Joint.HIP.of(support))
            support_knee = pose.world_point(Joint.KNEE.of(support))
            thigh = float(np.linalg.norm(support_knee - support_hip_point))
            knee_raise = float(np.dot(support_knee - support_hip_point, WORLD_UP)) / (thigh + 1e-9)
            support_hip = angle_deg(pose.world_point(Joint.SHOULDER.of(support)), support_hip_point, support_knee)
        metrics = FigureFourMetrics(
            side=side,
            crossed_leg=crossed if gap is not None and gap <= STAY_MAX_CROSS_GAP else None,
            cross_gap=gap,
            cross_gap_3d=gap_3d,
            trunk_tilt_deg=trunk_tilt,
            knee_raise=knee_raise,
            support_hip_deg=support_hip,
        )
        lying = abs(trunk_tilt) <= LYING_MAX_TILT_DEG
        crossed_on_knee = gap is not None and gap_3d is not None and gap_3d <= MAX_CROSS_GAP_3D
        knee_up = knee_raise is not None and knee_raise >= KNEE_RAISED_MIN
        enter = lying and crossed_on_knee and knee_up and gap <= ENTER_MAX_CROSS_GAP
        stay = abs(trunk_tilt) <= STAY_LYING_MAX_TILT_DEG and crossed_on_knee and knee_up and gap <= STAY_MAX_CROSS_GAP
        in_position = self._position.update(enter, stay, pose.t_s, maybe=not legs_seen and abs(trunk_tilt) <= STAY_LYING_MAX_TILT_DEG)
        key = None
        if support_hip is not None and crossed is not None:
            key = KeyAngle(Joint.HIP.of(crossed.other), support_hip, "hip", support_hip <= PULLED_MAX_HIP_DEG if in_position else None)
        return Reading(
            metrics=metrics,
            in_position=in_position,
            active_side=metrics.crossed_leg,
            holding=in_position,
            hold_signal=support_hip,
            key_angle=key,
            unmeasured=() if legs_seen else ("legs (both knees and ankles needed to see the crossing)",),
        )

    @staticmethod
    def _gaps(pose: Pose, crossed: Side, shoulder: np.ndarray, hip: np.ndarray) -> tuple[float, float]:
        """Distance from ``crossed``'s ankle to the other knee, in the body plane and in 3D, per
        shin length."""
        ankle = pose.world_point(Joint.ANKLE.of(crossed))
        knee = pose.world_point(Joint.KNEE.of(crossed.other))
        shin = float(np.linalg.norm(pose.world_point(Joint.KNEE.of(crossed.other)) - pose.world_point(Joint.ANKLE.of(crossed.other))))
        ankle2, knee2 = to_vertical_plane([ankle, knee], shoulder, hip, WORLD_UP)
        return float(np.linalg.norm(ankle2 - knee2)) / (shin + 1e-9), float(np.linalg.norm(ankle - knee)) / (shin + 1e-9)

    def in_position_cue(self, reading: Reading | None) -> str:
        if reading is not None and isinstance(reading.metrics, FigureFourMetrics):
            hip = reading.metrics.support_hip_deg
            if hip is not None and hip > PULLED_MAX_HIP_DEG:
                return "Pull the supporting leg toward your chest"
        return self.good_cue
