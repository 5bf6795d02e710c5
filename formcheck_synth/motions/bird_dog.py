"""Bird dog: on hands and knees, raise one arm and the opposite leg to horizontal, pause, return.

Support: knees under the hips (thighs vertical), hands under the shoulders, arms nearly straight, so
the back slopes gently up to the shoulders. The raised arm swings forward from pointing down to level,
straightening the elbow; the opposite leg swings back from the kneeling position to level,
straightening the knee. state: "raise" (0 support .. 1 top), "side" (+1 left arm and right leg, -1
right arm and left leg), "limb_drop" (0 level .. 1 the raised limbs end `ARM_DROP_DEG` and
`LEG_DROP_DEG` below horizontal), "pelvis_roll_deg" (the pelvis rotating open about the spine, lifting
the raised leg's hip). Corrections solved on the posed mesh keep the supporting hand, knee and top of
the foot on the floor; they depend only on the pelvis roll, since the raised limbs bear no weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from formcheck_synth import contact
from formcheck_synth.body import Body
from formcheck_synth.motions import base
from formcheck_synth.motions.base import Measures, circle_intersection, measure, to3d
from formcheck_synth.motions.plank import prone_front
from formcheck_synth.posing import Aim, Posture, pose_vertices, unit

#: Raised arm and leg below horizontal for `limb_below_level`. The arm sits in the middle of the spec's
#: 25-35 deg band; the leg at its bottom, since a straight leg much lower would put the foot on the floor.
ARM_DROP_DEG = 30.0
LEG_DROP_DEG = 25.0
#: Pelvis rotation about the spine for `hip_rotation` (the spec's 20-30 deg band).
PELVIS_ROLL_DEG = 25.0
#: Support arms reach this fraction of their full length (soft, not locked, elbows).
ARM_REACH_FRACTION = 0.97
#: Ankle joint height (m) with the top of the foot on the floor.
ANKLE_ON_DORSUM_M = 0.05
#: The raised limbs unfold proximal segment first: the forearm and shin (and hand and foot) follow the
#: upper arm and thigh with their swing fraction raised to this power, so the hand and knee lift off
#: the floor before the limb straightens.
DISTAL_LAG_POWER = 2.0
#: A kneeling foot points back along the floor, tipped down by this much (planar direction, s and z).
KNEELING_FOOT = (1.0, -0.3)
#: Floor contacts are solved at this many pelvis rolls from none to past `PELVIS_ROLL_DEG` (by the
#: margin), and interpolated in between.
CONTACT_GRID_POINTS = 4
CONTACT_GRID_MARGIN_DEG = 3.0
#: Corrections solved for contact: heights (m) of the knee joint, the wrist and the ankle (the shin and
#: the top of the foot lie along the floor).
CORRECTIONS = ("knee_z", "wrist_z", "ankle_z")


def _direction(elevation_deg: float, toward_head: bool) -> np.ndarray:
    """Planar unit vector at an elevation above horizontal, pointing to the head (-s) or the feet (+s)."""
    e = np.radians(elevation_deg)
    return np.array([-np.cos(e) if toward_head else np.cos(e), np.sin(e)])


def _swing(start: np.ndarray, end: np.ndarray, fraction: float) -> np.ndarray:
    """Planar unit vector turned from `start` towards `end` along the shorter arc."""
    a0, a1 = np.arctan2(start[1], start[0]), np.arctan2(end[1], end[0])
    turn = (a1 - a0 + np.pi) % (2 * np.pi) - np.pi
    a = a0 + fraction * turn
    return np.array([np.cos(a), np.sin(a)])


def _rotate(v: np.ndarray, axis: np.ndarray, angle_rad: float) -> np.ndarray:
    """Rodrigues rotation of v about a unit axis."""
    return v * np.cos(angle_rad) + np.cross(axis, v) * np.sin(angle_rad) + axis * np.dot(axis, v) * (1 - np.cos(angle_rad))


@dataclass(frozen=True, eq=False)
class BirdDog:
    """Postures of a bird dog for one body."""

    measures: Measures
    table: contact.CorrectionTable | None = None

    @classmethod
    def for_body(cls, body: Body) -> BirdDog:
        return _calibrated(body)

    def corrections(self, roll_deg: float) -> np.ndarray:
        return np.zeros(len(CORRECTIONS)) if self.table is None else self.table(roll_deg)

    def support(self, c: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
        """Planar hip, shoulder, elbow, wrist, knee and ankle on all fours (with contact corrections `c`)."""
        m = self.measures
        c = self.corrections(0.0) if c is None else c
        knee = np.array([0.0, m.knee_front + c[0]])
        hip = knee + np.array([0.0, m.thigh])
        wrist_z = m.hand_thickness + c[1]
        rise = wrist_z + ARM_REACH_FRACTION * (m.upper_arm + m.forearm) - hip[1]
        shoulder = hip + np.array([-np.sqrt(m.trunk**2 - rise**2), rise])
        wrist = np.array([shoulder[0], wrist_z])
        elbow = circle_intersection(shoulder, m.upper_arm, wrist, m.forearm, upper=False)
        drop = knee[1] - (ANKLE_ON_DORSUM_M + c[2])
        ankle = knee + np.array([np.sqrt(m.shin**2 - drop**2), -drop])
        return hip, shoulder, elbow, wrist, knee, ankle

    def posture(self, state: dict[str, float]) -> Posture:
        roll_deg = state.get("pelvis_roll_deg", 0.0) * state.get("raise", 0.0)
        return self.solved_posture(state, self.corrections(roll_deg))

    def solved_posture(self, state: dict[str, float], c: np.ndarray) -> Posture:
        """The posture for a state with the given contact corrections (see `CORRECTIONS`)."""
        m = self.measures
        raise_ = state.get("raise", 0.0)
        arm_side = "L" if state.get("side", 1.0) > 0 else "R"
        leg_side = "R" if arm_side == "L" else "L"
        drop = state.get("limb_drop", 0.0)
        roll = np.radians(state.get("pelvis_roll_deg", 0.0)) * raise_
        hip, shoulder, elbow, wrist, knee, ankle = self.support(c)
        toward_head = shoulder - hip
        trunk_axis = unit(to3d(toward_head))
        chest_front = prone_front(toward_head)
        # Prone: the person's left is -y. Roll the pelvis so the raised leg's hip goes up.
        raised_hip_lateral = np.array([0.0, -1.0 if leg_side == "L" else 1.0, 0.0])
        sign = 1.0 if _rotate(raised_hip_lateral, trunk_axis, 0.1)[2] > 0 else -1.0
        aims = {
            "pelvis": Aim(trunk_axis, _rotate(chest_front, trunk_axis, sign * roll)),
            "chest": Aim(trunk_axis, chest_front),
        }
        up = np.array([0.0, 0.0, 1.0])
        distal = max(raise_, 0.0) ** DISTAL_LAG_POWER
        for s, medial in (("L", 1.0), ("R", -1.0)):
            upper, fore = elbow - shoulder, wrist - elbow
            hand = Aim(np.array([-1.0, 0.0, 0.0]), np.array([0.0, medial, 0.0]))
            if s == arm_side:
                level = _direction(-drop * ARM_DROP_DEG, True)
                upper, fore = _swing(upper, level, raise_), _swing(fore, level, distal)
                # The raised hand leaves the floor flat, fingers forward, and turns thumb-up on the way.
                thumb = unit((1 - distal) * np.array([0.0, medial, 0.0]) + distal * up)
                hand = Aim(to3d(_swing(np.array([-1.0, 0.0]), fore, distal)), thumb)
            aims[f"upper_arm.{s}"] = Aim(to3d(upper), to3d(np.array([upper[1], -upper[0]])))
            aims[f"forearm.{s}"] = Aim(to3d(fore), hand.reference)
            aims[f"hand.{s}"] = hand

            thigh = unit(knee - hip)
            shin = unit(ankle - knee)
            foot_forward, foot_up = unit(np.array(KNEELING_FOOT)), np.array([0.0, -1.0])
            if s == leg_side:
                level = _direction(-drop * LEG_DROP_DEG, False)
                thigh, shin = _swing(thigh, level, raise_), _swing(shin, level, distal)
                # A level leg's foot is flexed, toes down; a dropped leg's foot points along the shin,
                # clear of the floor.
                toes_down = _swing(np.array([shin[1], -shin[0]]), shin, drop)
                foot_forward = unit((1 - distal) * foot_forward + distal * toes_down)
                foot_up = unit((1 - distal) * foot_up + distal * np.array([toes_down[1], -toes_down[0]]))
            aims[f"thigh.{s}"] = Aim(to3d(thigh), prone_front(-thigh))
            aims[f"shin.{s}"] = Aim(to3d(shin), prone_front(-shin))
            aims[f"foot.{s}"] = Aim(to3d(foot_forward), to3d(foot_up))
        support_hip = "left_hip" if leg_side == "R" else "right_hip"
        lateral = -m.hip_half_width if support_hip == "left_hip" else m.hip_half_width
        return Posture(aims=aims, anchor=support_hip, anchor_position=to3d(hip, y=lateral))


@lru_cache(maxsize=None)
def _calibrated(body: Body) -> BirdDog:
    """The bird dog for a body with its contact corrections solved on the mesh.

    Solved with the left arm and right leg raised: the supports are the right hand and the left knee
    and foot. The body is symmetric, so the same corrections serve the other side.
    """
    free = BirdDog(measure(body))
    parts = (base.knees(body, "L"), base.hands(body, "R"), base.shins_and_feet(body, "L"))

    def solve_at(roll_deg: float, x: np.ndarray) -> np.ndarray:
        state = {"raise": 1.0, "side": 1.0, "pelvis_roll_deg": roll_deg}
        gaps = contact.contact_gaps(lambda c, i: pose_vertices(body, free.solved_posture(state, c), i), parts)
        return contact.solve_contacts(gaps, x)

    keys = np.linspace(0.0, PELVIS_ROLL_DEG + CONTACT_GRID_MARGIN_DEG, CONTACT_GRID_POINTS)
    return BirdDog(free.measures, contact.tabulate(keys, solve_at, np.zeros(len(CORRECTIONS))))
