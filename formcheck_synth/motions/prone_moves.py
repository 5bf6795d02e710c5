"""Movements face down that are none of the supported exercises: lying still, a held bow, push-ups and
mountain climbers. They share the plank's, the superman's and the prone press-up's positions.

Laid out with the head towards world -x (the planar `forward`), so the person's left is -y.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.motions.planar import Limb, PlanarPose, Plane, angle_of, blend, knee_between, planar
from formcheck_synth.movement import LEAD_IN_S, TAIL_S, NegativeMovement, Position, lying_directions, negative, seeded_cycles
from formcheck_synth.posing import Posture

PLANE = Plane(np.array([-1.0, 0.0, 0.0]))
LEFT = np.array([0.0, -1.0, 0.0])
STILL_S = 8.0
#: Breathing while lying still: trunk angle amplitude (deg) and period (s).
BREATH_DEG = 0.8
BREATH_PERIOD_S = 4.0
#: Bow (dhanurasana): chest, head and thighs lifted (deg), knees bent, hands holding the ankles.
BOW_CHEST_DEG, BOW_HEAD_DEG, BOW_THIGH_LIFT_DEG, BOW_KNEE_BEND_DEG = 32.0, 42.0, 22.0, 110.0
BOW_HOLD_S = 4.0
#: Push-up: the shoulders come down to this height (m) at the bottom; the hands are this much (m)
#: ahead of the shoulders' top position, and the ankle sits this high (m) on the toes.
PUSH_UP_BOTTOM_M = 0.22
HAND_AHEAD_M = 0.03
ANKLE_ON_TOES_M = 0.11
#: Mountain climber: thigh angle (deg) with the knee driven under the chest, and the knee bend there.
CLIMBER_THIGH_DEG = 300.0
CLIMBER_KNEE_BEND_DEG = 115.0

FLAT_LEG = Limb(thigh=180.0, shin=180.0, foot=180.0, upper_arm=180.0, forearm=180.0, hand=180.0, arm_spread=0.12, palm_down=True)
OVERHEAD = replace(FLAT_LEG, upper_arm=0.0, forearm=0.0, hand=0.0, arm_spread=0.25)
FLAT = PlanarPose(trunk=0.0, head=-5.0, left=FLAT_LEG, right=FLAT_LEG)


class ProneMovement(NegativeMovement):
    position = Position.PRONE

    rng_stream = 12

    def directions(self):
        return lying_directions(LEFT, self.camera_side)

    def _posture(self, pose: PlanarPose, anchor: str = "mid_hip", at: np.ndarray | None = None) -> Posture:
        at = np.array([0.0, self.measures.front_at_hip]) if at is None else at
        return pose.posture(PLANE, anchor, PLANE.world(at))


@negative("lying_prone")
class LyingProne(ProneMovement):
    """Lying still face down, arms by the sides or overhead, breathing."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        arms = FLAT_LEG if self.rng.random() < 0.5 else OVERHEAD
        self.rest = replace(FLAT, left=arms, right=arms)
        self.phase = float(self.rng.uniform(0, 2 * np.pi))
        self.duration_s = STILL_S

    def posture_at(self, t: float) -> Posture:
        breath = BREATH_DEG * np.sin(2 * np.pi * t / BREATH_PERIOD_S + self.phase)
        return self._posture(replace(self.rest, chest=breath))


@negative("prone_bow")
class ProneBow(ProneMovement):
    """A bow: face down, knees bent, the hands take the ankles and the chest and thighs lift; held."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 1, 1.5, BOW_HOLD_S, 1.5, 0.0)
        self.duration_s = self.cycles.end_s + TAIL_S

    def bow(self) -> PlanarPose:
        m = self.measures
        thigh = 180.0 - BOW_THIGH_LIFT_DEG
        shin = thigh - BOW_KNEE_BEND_DEG
        hip = np.array([0.0, m.front_at_hip])
        ankle = hip + m.thigh * planar(thigh) + m.shin * planar(shin)
        shoulder = hip + m.trunk * planar(BOW_CHEST_DEG)
        reach = angle_of(ankle - shoulder)
        limb = Limb(thigh=thigh, shin=shin, foot=shin + 70.0, upper_arm=reach, forearm=reach, hand=reach, arm_spread=0.3, leg_spread=0.05)
        return PlanarPose(trunk=4.0, chest=BOW_CHEST_DEG, head=BOW_HEAD_DEG, left=limb, right=limb)

    def posture_at(self, t: float) -> Posture:
        _, p = self.cycles.at(t)
        return self._posture(blend(FLAT, self.bow(), p))


class OnHands(ProneMovement):
    """Shared by push-ups and mountain climbers: the straight-arm plank and the arms' geometry."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        m = self.measures
        self.length = m.trunk + m.leg
        self.top_shoulder_m = m.upper_arm + m.forearm + m.hand_thickness
        top = self.shoulder(self.top_shoulder_m)
        self.wrist = np.array([top[0] + HAND_AHEAD_M, m.hand_thickness])

    def body_angle(self, shoulder_height: float) -> float:
        return float(np.degrees(np.arcsin((shoulder_height - ANKLE_ON_TOES_M) / self.length)))

    def shoulder(self, shoulder_height: float) -> np.ndarray:
        """Planar shoulder for a shoulder height, the ankle at the origin (on the toes)."""
        beta = np.radians(self.body_angle(shoulder_height))
        return np.array([self.length * np.cos(beta), shoulder_height])

    def plank(self, shoulder_height: float) -> tuple[PlanarPose, np.ndarray]:
        """The body straight from shoulders to ankles, hands on the floor: the pose and the shoulder."""
        m = self.measures
        beta = self.body_angle(shoulder_height)
        shoulder = self.shoulder(shoulder_height)
        elbow = knee_between(shoulder, self.wrist, m.upper_arm, m.forearm, np.array([-1.0, 0.0]))
        limb = Limb(thigh=180.0 + beta, shin=180.0 + beta, foot=285.0, upper_arm=angle_of(elbow - shoulder),
                    forearm=angle_of(self.wrist - elbow), hand=0.0, arm_spread=0.2, palm_down=True)  # fmt: skip
        return PlanarPose(trunk=beta, head=beta + 5.0, left=limb, right=limb), shoulder

    def _placed(self, pose: PlanarPose, shoulder: np.ndarray) -> Posture:
        return self._posture(pose, "mid_shoulder", shoulder)


@negative("push_up")
class PushUp(OnHands):
    """Push-ups: on the hands and toes, the body straight, the elbows bend and straighten."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 4, 0.8, 0.2, 0.8, 0.4)
        self.duration_s = self.cycles.end_s + TAIL_S

    def posture_at(self, t: float) -> Posture:
        _, p = self.cycles.at(t)
        height = self.top_shoulder_m - p * (self.top_shoulder_m - PUSH_UP_BOTTOM_M)
        return self._placed(*self.plank(height))


@negative("mountain_climber")
class MountainClimber(OnHands):
    """Mountain climbers: in the straight-arm plank, the knees drive to the chest in turn, fast."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 10, 0.3, 0.05, 0.3, 0.05)
        self.duration_s = self.cycles.end_s + TAIL_S

    def posture_at(self, t: float) -> Posture:
        index, p = self.cycles.at(t)
        pose, shoulder = self.plank(self.top_shoulder_m)
        straight = pose.left
        thigh = straight.thigh + p * (CLIMBER_THIGH_DEG - straight.thigh)
        driven = replace(straight, thigh=thigh, shin=thigh - p * CLIMBER_KNEE_BEND_DEG, foot=straight.foot - p * 60.0)
        legs = {"left": driven, "right": straight} if index % 2 == 0 else {"left": straight, "right": driven}
        return self._placed(replace(pose, **legs), shoulder)
