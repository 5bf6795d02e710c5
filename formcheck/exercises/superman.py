"""Superman: lying face down, raise the arms (or chest), and the legs off the floor, hold, lower.

Source: exercises.md tier 2. Seed 002: arms extended in front, "raise your arms and legs off the
ground as high as you can and hold it for a second", lower; seed 003: arms by the sides, raise
the head, chest, arms and legs, "hold for 30 seconds, and then relax back to the floor for 5
seconds. Repeat three times". Both are counted the same way: every lift and return is a rep,
and the time spent lifted is timed as a hold, so short reps and long holds both read right.

Measured on the side nearest the camera, in world landmarks, as angles about the hips (which stay
on the floor): the legs' lift is hip->ankle above horizontal; the upper body's is the higher of
the chest (hip->shoulder) and, with the arms overhead, the arms (shoulder->wrist). The neck is
judged by where the face points (ear->nose) relative to the trunk.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import FaultRule, KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.mechanics import HoldConfig, RepCounterConfig
from formcheck.geometry import WORLD_UP, angle_deg, elevation_deg, to_vertical_plane
from formcheck.pose.landmarks import Joint, Landmark, Side
from formcheck.pose.pose import Pose

MIN_LIFT_DEG = 8.0
"""A rep is a lift of at least this (mean of upper-body and leg lift, degrees) and back. Lying
flat reads about 0 (shoulders and hips level, ankles a little lower); a superman lifts the legs
10-20 degrees and the chest or arms 10-30."""
OFF_FLOOR_DEG = 5.0
"""Upper body and legs both lifted at least this much: holding the superman (timed as a hold)."""
NECK_CRANKED_DEG = 50.0
"""Face turned this far up from facing the floor (ear->nose against the trunk's downward normal):
the head thrown back, looking up. Measured on real clips: on hands and knees, eyes down, 0-10;
face down on the forearms looking ahead of the hands 26-46; on hands and knees with the head
raised to look forward, 62."""
FACE_DOWN_MAX_ELEVATION_DEG = 45.0
"""Lying face down: ear->nose (in the body's vertical plane, where the ear's sideways offset from
the nose drops out) points no higher than this above horizontal; even a cranked neck looks ahead,
not at the ceiling. Lying on the back reads 80-100 (a real clip)."""
MAX_TRUNK_LIFT_DEG = 35.0
"""Chest lift (hip->shoulder) at most this: beyond it the chest is pushed up on the arms or the
person is getting up."""
STAY_MAX_TRUNK_LIFT_DEG = 45.0
MIN_TRUNK_LIFT_DEG = -20.0
THIGH_MAX_TILT_DEG = 30.0
"""Thighs along the floor (hip->knee within this of horizontal): lying, not kneeling or standing."""
STAY_THIGH_MAX_TILT_DEG = 40.0
MIN_KNEE_DEG = 150.0
"""Legs straight while lying (a superman is done with straight legs)."""
STAY_MIN_KNEE_DEG = 130.0
MIN_UPPER_ARM_ELEVATION_DEG = -45.0
"""The arms are free, not holding the body up: shoulder->elbow no steeper down than this. Propped
on the forearms or the hands it points straight down."""
MIN_ELBOW_DEG = 120.0
"""Arms long (overhead or by the sides); bent elbows with hands by the chest are ready to push up."""
MAX_SHOULDER_LINE_DEG = 35.0
"""Shoulders level, not stacked: face down, not on the side."""


@dataclass(frozen=True)
class SupermanMetrics(Metrics):
    lift_deg: float
    """Mean of the upper-body and leg lift: the rep signal."""
    upper_lift_deg: float
    chest_lift_deg: float
    arm_lift_deg: float | None
    """Shoulder->wrist above horizontal when the arms reach overhead; None with the arms by the sides."""
    leg_lift_deg: float
    neck_extension_deg: float
    """Face direction against facing the floor square to the trunk: 0 eyes down, 90 looking ahead."""
    face_elevation_deg: float
    knee_angle_deg: float
    thigh_tilt_deg: float
    upper_arm_elevation_deg: float
    elbow_angle_deg: float
    shoulder_line_deg: float


RULES = {
    "neck_cranked": FaultRule(
        "neck_cranked",
        "Head thrown back, looking up: the neck is cranked",
        "Eyes down - long neck",
    ),
}


class Superman(Exercise):
    id = "superman"
    title = "Superman"
    view = "side"
    views = ("side", "oblique")
    filming = (
        "Camera at floor height, side-on, 2-3 m away, with room in frame above you for the raised "
        "hands and feet and your face visible."
    )
    setup_cue = "Lie face down, arms long, legs straight"
    good_cue = "Lift arms and legs off the floor"
    # The lift moves 15-25 degrees in under a second; still at the top is under 10 deg/s. A top
    # held half a second is a hold (002's "hold it for a second"; 003's 30 s).
    rep_config = RepCounterConfig(min_rise=MIN_LIFT_DEG, pause_max_speed=10.0, speed_half_window_s=0.2)
    hold_config = HoldConfig(min_hold_s=0.5, grace_s=0.4, max_settle_speed=8.0)
    fault_rules = (RULES["neck_cranked"],)
    rep_measure = "lift_deg"

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        joints = (Joint.SHOULDER, Joint.ELBOW, Joint.WRIST, Joint.HIP, Joint.KNEE, Joint.ANKLE, Joint.EAR)
        return tuple(j.of(side) for j in joints) + (Landmark.NOSE,)

    def read(self, pose: Pose, side: Side) -> Reading:
        def world(joint: Joint) -> np.ndarray:
            return pose.world_point(joint.of(side))

        shoulder, elbow, wrist, hip, knee, ankle, ear = (
            world(j) for j in (Joint.SHOULDER, Joint.ELBOW, Joint.WRIST, Joint.HIP, Joint.KNEE, Joint.ANKLE, Joint.EAR)
        )
        nose = pose.world_point(Landmark.NOSE)
        hip2, shoulder2, wrist2, ear2, nose2 = to_vertical_plane([hip, shoulder, wrist, ear, nose], hip, shoulder, WORLD_UP)
        chest_lift = elevation_deg(hip, shoulder, WORLD_UP)
        overhead = wrist2[0] > shoulder2[0]
        arm_lift = elevation_deg(shoulder, wrist, WORLD_UP) if overhead else None
        upper_lift = max(chest_lift, arm_lift) if arm_lift is not None else chest_lift
        leg_lift = elevation_deg(hip, ankle, WORLD_UP)
        trunk = shoulder2 - hip2
        face = nose2 - ear2
        neck = np.degrees(np.arctan2(face[1], face[0]) - np.arctan2(trunk[1], trunk[0])) + 90.0
        metrics = SupermanMetrics(
            side=side,
            lift_deg=(upper_lift + leg_lift) / 2.0,
            upper_lift_deg=upper_lift,
            chest_lift_deg=chest_lift,
            arm_lift_deg=arm_lift,
            leg_lift_deg=leg_lift,
            neck_extension_deg=float((neck + 180.0) % 360.0 - 180.0),
            face_elevation_deg=float(np.degrees(np.arctan2(face[1], abs(face[0])))),
            knee_angle_deg=angle_deg(hip, knee, ankle),
            thigh_tilt_deg=abs(elevation_deg(hip, knee, WORLD_UP)),
            upper_arm_elevation_deg=elevation_deg(shoulder, elbow, WORLD_UP),
            elbow_angle_deg=angle_deg(shoulder, elbow, wrist),
            shoulder_line_deg=abs(elevation_deg(pose.world_point(Landmark.LEFT_SHOULDER), pose.world_point(Landmark.RIGHT_SHOULDER), WORLD_UP)),
        )
        in_position = self._position.update(self._lying(metrics, strict=True), self._lying(metrics, strict=False), pose.t_s)
        lifted = upper_lift >= OFF_FLOOR_DEG and leg_lift >= OFF_FLOOR_DEG
        faults = {"neck_cranked"} if lifted and metrics.neck_extension_deg > NECK_CRANKED_DEG else set()
        return Reading(
            metrics=metrics,
            in_position=in_position,
            rep_signal=metrics.lift_deg,
            holding=lifted,
            hold_signal=metrics.lift_deg,
            faults=frozenset(faults),
            key_angle=KeyAngle(Joint.HIP.of(side), metrics.lift_deg, "lift", not faults if lifted else None),
        )

    @staticmethod
    def _lying(m: SupermanMetrics, strict: bool) -> bool:
        """Face down on the floor, legs long, arms free: where a superman starts and stays."""
        max_trunk = MAX_TRUNK_LIFT_DEG if strict else STAY_MAX_TRUNK_LIFT_DEG
        max_thigh = THIGH_MAX_TILT_DEG if strict else STAY_THIGH_MAX_TILT_DEG
        min_knee = MIN_KNEE_DEG if strict else STAY_MIN_KNEE_DEG
        return (
            m.face_elevation_deg <= FACE_DOWN_MAX_ELEVATION_DEG
            and MIN_TRUNK_LIFT_DEG <= m.chest_lift_deg <= max_trunk
            and m.thigh_tilt_deg <= max_thigh
            and m.knee_angle_deg >= min_knee
            and m.upper_arm_elevation_deg >= MIN_UPPER_ARM_ELEVATION_DEG
            and m.elbow_angle_deg >= MIN_ELBOW_DEG
            and m.shoulder_line_deg <= MAX_SHOULDER_LINE_DEG
        )

    def in_position_cue(self, reading: Reading | None) -> str:
        if reading is not None and reading.holding:
            return "Hold - long through fingers and toes"
        return self.good_cue
