"""Child's pose: kneeling, sitting back toward the heels, chest lowered to the thighs, arms
reaching forward along the floor; a stretch held as long as the user likes, timed.

Source: exercises.md tier 2 (seed 002: "Kneel on the floor and lower your torso to the ground and
flex your hips while extending your arms out in front of you ... Rest in this position as long as
you'd like"). There is no fault beyond not being in the pose. Measured on the side nearest the
camera with MediaPipe's world landmarks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.mechanics import HoldConfig
from formcheck.exercises.quadruped import KNEELING_SHIN_MAX_TILT_DEG
from formcheck.geometry import WORLD_UP, angle_deg, elevation_deg
from formcheck.pose.landmarks import BODY_LINE, Joint, Landmark, Side, both_sides
from formcheck.pose.pose import Pose

ARM_VISIBILITY = 0.3
"""Arm points count when MediaPipe scores them at least this (``LIMB_VISIBILITY_THRESHOLD``: a limb
partly hidden behind the body)."""
ENTER_MAX_KNEE_DEG = 65.0
"""Sitting back toward the heels closes the knee (hip-knee-ankle) to about 30-45 degrees (the
real clip: 40 median), less far on a heavier build, whose thigh and calf meet sooner (rendered
bodies b-d: 54-60 median, 62 at most); on hands and knees it is about 90, kneeling upright also
90. Kneeling with the forearms down (51-60 on a real clip) is told apart by the propping arms."""
STAY_MAX_KNEE_DEG = 75.0
"""Once in the pose, the hips may lift off the heels a little (breathing, shifting) before it ends."""
ENTER_MAX_HIP_DEG = 60.0
"""Chest lowered to the thighs folds the hip (shoulder-hip-knee) to about 20-45 degrees (rendered
bodies: 42-54 median); on hands and knees it is about 90, kneeling upright 150 and more
(kneeling on the forearms: 53-62, told apart by the arms)."""
STAY_MAX_HIP_DEG = 75.0
ENTER_MAX_TRUNK_ELEVATION_DEG = 0.0
"""Torso lowered to the floor: the shoulders no higher than the hips, the hip-to-shoulder line
level or sloping down toward the head (about 0 to -30 with the chest on the thighs, depending on
how far the hips sit back). Lowering onto the forearms from the knees reads +30 to -3 (a real
clip), with the arms propping (below)."""
STAY_MAX_TRUNK_ELEVATION_DEG = 15.0
ARM_MIN_ELEVATION_DEG = -40.0
"""Arms reaching forward to the floor point at most this far below horizontal (about -20 to -30
with straight arms and the hands on the floor ahead); arms propping the body point down steeply
(-90 on hands and knees, -45 to -50 kneeling on the forearms)."""
STAY_ARM_MIN_ELEVATION_DEG = -50.0
ARM_MIN_REACH = 0.5
"""...and forward: the cosine between the arm and the body's horizontal heading (hip to shoulder)
at least this (within 60 degrees of it). Arms back alongside the legs point backward (negative)."""
SETTLE_SPEED_DEG_S = 10.0
"""The hold starts once the hip angle changes slower than this: sinking into the pose is not held."""


@dataclass(frozen=True)
class ChildsPoseMetrics(Metrics):
    knee_angle_deg: float
    hip_angle_deg: float
    shin_tilt_deg: float
    trunk_elevation_deg: float
    """Hip-to-shoulder line above horizontal: negative with the shoulders below the hips."""
    arm_elevation_deg: float | None
    """Shoulder-to-hand (or elbow) direction above horizontal; None when the arm is not seen."""
    arm_reach: float | None
    """Cosine between the arm and the body's horizontal heading: 1 reaching straight forward."""


class ChildsPose(Exercise):
    id = "childs_pose"
    title = "Child's pose"
    view = "side"
    views = ("side", "oblique")
    contacts = both_sides(Joint.KNEE, Joint.ANKLE, Joint.FOOT_INDEX)
    """On the floor in position: the shins, from knees to toes."""
    filming = (
        "Camera at floor level, side-on, 2-3 m away, from the feet to the outstretched hands in frame."
    )
    setup_cue = "Kneel, sit back toward your heels, arms reaching forward"
    good_cue = "Relax and breathe"
    primary = "hold"
    hold_config = HoldConfig(min_hold_s=1.0, grace_s=0.6, max_settle_speed=SETTLE_SPEED_DEG_S)

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return tuple(j.of(side) for j in BODY_LINE)

    def read(self, pose: Pose, side: Side) -> Reading:
        shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, side)
        arm_elevation, arm_reach = self._arm(pose, side, shoulder, hip)
        metrics = ChildsPoseMetrics(
            side=side,
            knee_angle_deg=angle_deg(hip, knee, ankle),
            hip_angle_deg=angle_deg(shoulder, hip, knee),
            shin_tilt_deg=abs(elevation_deg(knee, ankle, WORLD_UP)),
            trunk_elevation_deg=elevation_deg(hip, shoulder, WORLD_UP),
            arm_elevation_deg=arm_elevation,
            arm_reach=arm_reach,
        )
        kneeling = metrics.shin_tilt_deg <= KNEELING_SHIN_MAX_TILT_DEG
        enter = (
            kneeling
            and self._arms_forward(metrics, ARM_MIN_ELEVATION_DEG)
            and metrics.knee_angle_deg <= ENTER_MAX_KNEE_DEG
            and metrics.hip_angle_deg <= ENTER_MAX_HIP_DEG
            and metrics.trunk_elevation_deg <= ENTER_MAX_TRUNK_ELEVATION_DEG
        )
        stay = (
            kneeling
            and self._arms_forward(metrics, STAY_ARM_MIN_ELEVATION_DEG)
            and metrics.knee_angle_deg <= STAY_MAX_KNEE_DEG
            and metrics.hip_angle_deg <= STAY_MAX_HIP_DEG
            and metrics.trunk_elevation_deg <= STAY_MAX_TRUNK_ELEVATION_DEG
        )
        in_position = self._position.update(enter, stay, pose.t_s)
        return Reading(
            metrics=metrics,
            in_position=in_position,
            holding=in_position,
            hold_signal=metrics.hip_angle_deg,
            key_angle=KeyAngle(Joint.HIP.of(side), metrics.hip_angle_deg, "hip", True if in_position else None),
            unmeasured=() if arm_elevation is not None else ("arms (not visible)",),
        )

    @staticmethod
    def _arms_forward(m: ChildsPoseMetrics, min_elevation_deg: float) -> bool:
        """Arms reaching forward along the floor; not judged (taken as forward) when not seen."""
        if m.arm_elevation_deg is None or m.arm_reach is None:
            return True
        return m.arm_elevation_deg >= min_elevation_deg and m.arm_reach >= ARM_MIN_REACH

    @staticmethod
    def _arm(pose: Pose, side: Side, shoulder: np.ndarray, hip: np.ndarray) -> tuple[float | None, float | None]:
        """Elevation and forward reach of the near arm, to the hand if seen, else the elbow."""
        for joint in (Joint.WRIST, Joint.ELBOW):
            landmark = joint.of(side)
            if pose.visibility[landmark] >= ARM_VISIBILITY and pose.in_frame(landmark):
                arm = pose.world_point(landmark) - shoulder
                heading = shoulder - hip
                heading = heading - np.dot(heading, WORLD_UP) * WORLD_UP
                heading = heading / (np.linalg.norm(heading) + 1e-9)
                reach = float(np.dot(arm, heading) / (np.linalg.norm(arm) + 1e-9))
                return elevation_deg(shoulder, pose.world_point(landmark), WORLD_UP), reach
        return None, None
