"""Prone press-up (cobra stretch): lying face down, the arms straighten to lift the chest while
the hips stay on the floor; held 10-30 s, or repeated.

Source: exercises.md tier 2 (seed 002, cobra stretch: "straighten your arms to lift your chest
up off the ground ... Hold the position for 10 to 30 seconds"; seed 004 lists prone press-ups
among controlled spinal extension drills, at a slow tempo). Measured on the side nearest the
camera with world landmarks, in the body's vertical plane. The chest lift is the trunk's angle
above the line of the thigh, so it reads the back's extension even if the pelvis lifts.

Not checked: shrugged shoulders. The only landmark proxy (ear-to-shoulder distance over trunk
length) swings from 0.39 to 0.23 on a real clip lying on the back with no shrug at all, more than a shrug
would change it, and no footage of a shrug exists here to tune it on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import FaultRule, KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.lying import shoulder_roll_deg, square_to_the_floor
from formcheck.exercises.mechanics import HoldConfig, RepCounterConfig
from formcheck.geometry import WORLD_UP, angle_deg, angle_through_deg, distance, elevation_deg, horizontal, line_offset, to_vertical_plane
from formcheck.pose.landmarks import Joint, Landmark, Side, both_sides
from formcheck.pose.pose import Pose

HOLD_MIN_LIFT_DEG = 25.0
"""Chest lifted at least this far above the thigh line counts as pressed up and held. Lying flat
reads about -8 to 0 (the hip landmark sits a little above the knee and shoulder); straight arms
lift it 50-65 (the spine bends, so this is a proxy for its extension); propped on the
forearms reads 14 (a real oblique clip) to about 35."""
HIPS_LIFT_HEIGHT = 0.10
"""Hips more than this above the floor line (hands to toes), in body lengths (shoulder-hip-knee-
ankle): the pelvis has left the floor. Lying prone reads 0.03-0.06 on real clips, hips held up
in a straight line 0.15 and more."""

STRAIGHT_BODY_MAX_LIFT_DEG = 10.0
"""A chest lift up to this is a straight body: a straight body reads -8 to -2 on real clips,
propped on the forearms 14. Lying flat, it is the start of a press-up; with the hips up, the
body is held straight off the floor, and the press-up has ended.
To start lying down, the chest is within this of flat..."""
ENTER_HAND_RANGE_ARMS = (-0.35, 0.3)
"""...with the hands planted beside the chest or under the shoulders: the wrist's distance ahead
of the shoulder (toward the head), in arm lengths. Arms by the sides sit about -1; reaching
forward overhead about +1; forearms flat on the floor ahead of the elbows 0.43-0.48 (a real
clip)."""
ENTER_MIN_ELBOW_DEG = 140.0
"""Or already pressed up: arms nearly straight ("straighten your arms", seed 002) with the chest
lifted; propped on the forearms (elbows at 90) is not a press-up."""
ENTER_MAX_LIFT_DEG = 80.0
"""A chest lift past this is not a press-up (sitting back on the heels, kneeling up)."""
ENTER_MAX_FACING_LEGS = 0.5
"""...and pressed up, the face looks ahead, away from the legs: the cosine between the nose's
horizontal direction (from the ears) and the legs' (hip to knee) is at most this. Rendered
press-ups read -1.0 to -0.75 side-on and oblique, 0.15 from a low oblique camera. Sitting on the
floor leaning back on straight arms has a press-up's outline (hips down, legs straight, hands
planted, chest up 70-85) but looks out over its legs: 0.92-1.0 on every rendered sitting clip.
Sitting was timed as press-up hold when a press-up followed it (auto mode, 12.5 s for 5.1)."""
MIN_KNEE_DEG = 150.0
"""Legs straight, lying along the floor."""
STAY_MIN_KNEE_DEG = 130.0
"""Once started, a little knee bend is tolerated; kneeling (about 90) ends it."""
MAX_THIGH_TILT_DEG = 25.0
"""Thighs within this of level: lying, not kneeling or standing..."""
STAY_MAX_THIGH_TILT_DEG = 45.0
"""...and once pressing up, this: lifted hips (up to ``STAY_MAX_HIP_HEIGHT``) tilt the thighs."""
STAY_MAX_HIP_HEIGHT = 0.25
"""Hips higher than this (in body lengths) are held up on the hands or piked: the press-up has
ended. Between ``HIPS_LIFT_HEIGHT`` and this the pelvis has lifted: a fault while the back is
arched, the body held straight off the floor when it is not (a real clip holds 0.16-0.19)."""
STAY_LIFT_RANGE_DEG = (-20.0, 90.0)
"""Once started, any lift between a slight pike and upright; beyond it the person is getting up."""
STAY_HAND_RANGE_ARMS = (-0.6, 0.8)
"""Once pressing up, the hands may slide a little, but not back to the sides or out in front."""


def facing_legs(pose: Pose, hip: np.ndarray, knee: np.ndarray) -> float | None:
    """``PronePressUpMetrics.facing_legs`` (None when the nose or both ears are not seen)."""
    ears = [pose.world_point(Joint.EAR.of(s)) for s in Side if pose.limb_seen(Joint.EAR.of(s))]
    if not ears or not pose.limb_seen(Landmark.NOSE):
        return None
    look = pose.world_point(Landmark.NOSE) - np.mean(ears, axis=0)
    legs = knee - hip
    look, legs = horizontal(look, WORLD_UP), horizontal(legs, WORLD_UP)
    norms = float(np.linalg.norm(look) * np.linalg.norm(legs))
    return float(np.dot(look, legs)) / norms if norms > 1e-9 else None


@dataclass(frozen=True)
class PronePressUpMetrics(Metrics):
    chest_lift_deg: float
    """Hip-to-shoulder angle above the line of the thigh: 0 lying flat."""
    hip_height: float
    """Hips above the hands-toes floor line, in body lengths."""
    elbow_angle_deg: float
    hand_ahead_arms: float
    """Wrist ahead of the shoulder (toward the head), in arm lengths."""
    hand_planted: bool
    """The wrist is the arm's lowest point, below the elbow and the shoulder: the hand pushes on
    the floor (arms crossed on the chest or behind the head have the elbow lowest)."""
    knee_angle_deg: float
    thigh_tilt_deg: float
    shoulder_roll_deg: float
    facing_legs: float | None = None
    """Cosine between where the face looks (nose ahead of the ears) and where the legs lie (hip to
    knee), horizontally: -1 looking away from the legs, +1 over them; None with the face unseen."""


RULES = {
    "hips_lift": FaultRule("hips_lift", "Pelvis lifted off the floor", "Keep your hips down"),
}


class PronePressUp(Exercise):
    id = "prone_press_up"
    title = "Prone press-up"
    view = "side"
    views = ("side", "oblique")
    contacts = both_sides(Joint.HIP, Joint.KNEE, Joint.FOOT_INDEX)
    """On the floor in position: hips and legs."""
    filming = "Camera at floor level, side-on, 2-3 m away, head to feet in frame."
    setup_cue = "Lie face down, hands under your shoulders"
    good_cue = "Straighten your arms - hips stay down"
    primary = "hold"
    rep_config = RepCounterConfig(min_rise=20.0, pause_max_speed=30.0, speed_half_window_s=0.15)
    hold_config = HoldConfig(min_hold_s=1.0, grace_s=0.5, max_settle_speed=10.0)
    fault_rules = (RULES["hips_lift"],)
    rep_measure = "chest_lift_deg"

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return tuple(j.of(side) for j in (Joint.SHOULDER, Joint.ELBOW, Joint.WRIST, Joint.HIP, Joint.KNEE, Joint.ANKLE))

    def read(self, pose: Pose, side: Side) -> Reading:
        shoulder, elbow, wrist, hip, knee, ankle = (
            pose.world_point(j.of(side)) for j in (Joint.SHOULDER, Joint.ELBOW, Joint.WRIST, Joint.HIP, Joint.KNEE, Joint.ANKLE)
        )
        toes = pose.world_point(Joint.FOOT_INDEX.of(side)) if pose.is_visible(Joint.FOOT_INDEX.of(side)) else ankle
        body_length = distance(shoulder, hip) + distance(hip, knee) + distance(knee, ankle)
        arm_length = distance(shoulder, elbow) + distance(elbow, wrist)
        sh, wr = to_vertical_plane([shoulder, wrist], ankle, shoulder, WORLD_UP)
        metrics = PronePressUpMetrics(
            side=side,
            chest_lift_deg=180.0 - angle_through_deg(shoulder, hip, knee, WORLD_UP),
            hip_height=line_offset(hip, wrist, toes, WORLD_UP) * distance(wrist, toes) / max(body_length, 1e-6),
            elbow_angle_deg=angle_deg(shoulder, elbow, wrist),
            hand_ahead_arms=float(wr[0] - sh[0]) / max(arm_length, 1e-6),
            hand_planted=float(np.dot(wrist, WORLD_UP)) < min(float(np.dot(elbow, WORLD_UP)), float(np.dot(shoulder, WORLD_UP))),
            knee_angle_deg=angle_deg(hip, knee, ankle),
            thigh_tilt_deg=abs(elevation_deg(knee, hip, WORLD_UP)),
            shoulder_roll_deg=shoulder_roll_deg(pose),
            facing_legs=facing_legs(pose, hip, knee),
        )
        square = square_to_the_floor(pose)
        in_position = self._position.update(square and self._starts(metrics), square and self._stays(metrics), pose.t_s)
        lifted = metrics.chest_lift_deg >= HOLD_MIN_LIFT_DEG
        faults = {"hips_lift"} if metrics.hip_height > HIPS_LIFT_HEIGHT else set()
        return Reading(
            metrics=metrics,
            in_position=in_position,
            rep_signal=metrics.chest_lift_deg,
            holding=lifted,
            hold_signal=metrics.chest_lift_deg,
            faults=frozenset(faults),
            key_angle=KeyAngle(Joint.HIP.of(side), metrics.chest_lift_deg, "lift", not faults if lifted else None),
        )

    @staticmethod
    def _lying(m: PronePressUpMetrics, knee_min: float, max_thigh_tilt: float, max_hip_height: float) -> bool:
        return m.knee_angle_deg >= knee_min and m.thigh_tilt_deg <= max_thigh_tilt and m.hip_height <= max_hip_height

    @classmethod
    def _starts(cls, m: PronePressUpMetrics) -> bool:
        if not (m.hand_planted and cls._lying(m, MIN_KNEE_DEG, MAX_THIGH_TILT_DEG, HIPS_LIFT_HEIGHT)):
            return False
        low, high = ENTER_HAND_RANGE_ARMS
        flat_hands_planted = m.chest_lift_deg <= STRAIGHT_BODY_MAX_LIFT_DEG and low <= m.hand_ahead_arms <= high
        pressed_up = (
            m.elbow_angle_deg >= ENTER_MIN_ELBOW_DEG
            and HOLD_MIN_LIFT_DEG <= m.chest_lift_deg <= ENTER_MAX_LIFT_DEG
            and (m.facing_legs is None or m.facing_legs <= ENTER_MAX_FACING_LEGS)
        )
        return flat_hands_planted or pressed_up

    @classmethod
    def _stays(cls, m: PronePressUpMetrics) -> bool:
        """Still lying face down, hands planted near the shoulders."""
        low, high = STAY_LIFT_RANGE_DEG
        hand_low, hand_high = STAY_HAND_RANGE_ARMS
        hips_allowed = STAY_MAX_HIP_HEIGHT if m.chest_lift_deg > STRAIGHT_BODY_MAX_LIFT_DEG else HIPS_LIFT_HEIGHT
        return (
            cls._lying(m, STAY_MIN_KNEE_DEG, STAY_MAX_THIGH_TILT_DEG, hips_allowed)
            and low <= m.chest_lift_deg <= high
            and hand_low <= m.hand_ahead_arms <= hand_high
        )

    def in_position_cue(self, reading: Reading | None) -> str:
        if reading is not None and reading.holding:
            return "Hold - breathe, hips down"
        return self.good_cue
