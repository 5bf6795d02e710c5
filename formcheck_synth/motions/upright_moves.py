"""Movements on the feet or sitting that are none of the supported exercises: squats, lunges, standing
and walking about, sitting on the floor. A squat shares the deadlift's hinge and knee bend.

The person faces world +x (the planar `forward`) unless walking turns them; their left is +y.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.motions.planar import Limb, PlanarPose, Plane, angle_of, knee_between
from formcheck_synth.movement import LEAD_IN_S, TAIL_S, NegativeMovement, Position, negative, seeded_cycles, upright_directions
from formcheck_synth.posing import Posture

PLANE = Plane(np.array([1.0, 0.0, 0.0]))
STANDING_LIMB = Limb(arm_spread=0.1)
STANDING = PlanarPose(trunk=90.0, head=90.0, left=STANDING_LIMB, right=STANDING_LIMB)
#: Squat: the hips drop to this fraction of the shin length above the ankle and move back by this
#: fraction of the thigh; the trunk leans forward by up to this much (deg); the arms reach forward.
SQUAT_HIP_HEIGHT = 1.05
SQUAT_HIP_BACK = 0.55
SQUAT_LEAN_DEG = (30.0, 45.0)
#: Lunge: the feet are this fraction of the leg length apart; at the bottom the hips are this fraction
#: of the shin above the front ankle; the back foot is on its toes (ankle height m, foot angle deg).
LUNGE_STRIDE = 0.95
LUNGE_HIP_HEIGHT = 1.1
LUNGE_BACK_ANKLE_M = 0.1
LUNGE_BACK_FOOT_DEG = -55.0
#: Walking: standing still first, then back and forth along a line this long (m), at this pace (m/s,
#: strides per s), turning round in this long (s). Leg and arm swing amplitudes (deg).
STAND_S = (1.5, 3.0)
WALK_LINE_M = 2.4
WALK_SPEED = 0.9
STRIDE_HZ = 0.9
TURN_S = 0.8
LEG_SWING_DEG, KNEE_SWING_DEG, ARM_SWING_DEG = 22.0, 35.0, 15.0
WALK_S = 9.0
#: Sitting on the floor: the trunk leans back by this much (deg), hands on the floor behind; it sways.
SIT_LEAN_DEG = (5.0, 20.0)
SIT_SWAY_DEG, SIT_SWAY_PERIOD_S = 3.0, 5.0
SIT_S = 8.0


class UprightMovement(NegativeMovement):
    position = Position.UPRIGHT

    rng_stream = 14

    def directions(self):
        return upright_directions(PLANE.forward, self.camera_side)

    def leg_to(self, hip: np.ndarray, ankle: np.ndarray, foot: float = 0.0) -> tuple[float, float, float]:
        """Thigh, shin and foot angles of a leg from a planar hip to a planar ankle, the knee forward."""
        m = self.measures
        knee = knee_between(hip, ankle, m.thigh, m.shin, np.array([1.0, 0.0]))
        return angle_of(knee - hip), angle_of(ankle - knee), foot

    def on_ankle(self, pose: PlanarPose, side: str, plane: Plane = PLANE) -> Posture:
        """The pose with one ankle planted at the origin (the feet stay where they are)."""
        m = self.measures
        lateral = m.hip_half_width if side == "left" else -m.hip_half_width
        return pose.posture(plane, f"{side}_ankle", plane.world(np.array([0.0, m.ankle_height]), lateral))


@negative("squat")
class Squat(UprightMovement):
    """Body-weight squats: hips back and down to about parallel, the arms forward, and up."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.lean = float(self.rng.uniform(*SQUAT_LEAN_DEG))
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 3, 1.1, 0.3, 1.0, 0.4)
        self.duration_s = self.cycles.end_s + TAIL_S

    def posture_at(self, t: float) -> Posture:
        _, p = self.cycles.at(t)
        m = self.measures
        ankle = np.array([0.0, m.ankle_height])
        standing = m.ankle_height + 0.995 * m.leg
        bottom = m.ankle_height + SQUAT_HIP_HEIGHT * m.shin
        hip = np.array([-p * SQUAT_HIP_BACK * m.thigh, standing + p * (bottom - standing)])
        thigh, shin, foot = self.leg_to(hip, ankle)
        arm = -90.0 + p * 85.0
        limb = Limb(thigh=thigh, shin=shin, foot=foot, upper_arm=arm, forearm=arm, hand=arm, arm_spread=0.1)
        return self.on_ankle(PlanarPose(trunk=90.0 - p * self.lean, head=90.0 - p * self.lean * 0.5, left=limb, right=limb), "left")


@negative("lunge")
class Lunge(UprightMovement):
    """Forward-stance lunges: feet split, the back knee drops towards the floor and comes up."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.front = "left" if self.rng.random() < 0.5 else "right"
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 3, 1.0, 0.3, 1.0, 0.5)
        self.duration_s = self.cycles.end_s + TAIL_S

    def posture_at(self, t: float) -> Posture:
        _, p = self.cycles.at(t)
        m = self.measures
        stride = LUNGE_STRIDE * m.leg
        front_ankle = np.array([0.0, m.ankle_height])
        back_ankle = np.array([-stride, LUNGE_BACK_ANKLE_M])
        hip_s = -0.45 * stride
        top = m.ankle_height + np.sqrt(max((0.99 * m.leg) ** 2 - hip_s**2, 0.0))
        bottom = m.ankle_height + LUNGE_HIP_HEIGHT * m.shin
        hip = np.array([hip_s, top + p * (bottom - top)])
        f_thigh, f_shin, _ = self.leg_to(hip, front_ankle)
        b_thigh, b_shin, _ = self.leg_to(hip, back_ankle)
        front = Limb(thigh=f_thigh, shin=f_shin, foot=0.0, arm_spread=0.1)
        back = Limb(thigh=b_thigh, shin=b_shin, foot=LUNGE_BACK_FOOT_DEG, arm_spread=0.1)
        legs = {"left": front, "right": back} if self.front == "left" else {"left": back, "right": front}
        return self.on_ankle(replace(STANDING, **legs), self.front)


@negative("standing_walking")
class StandingWalking(UprightMovement):
    """Standing still, then walking back and forth across the room, turning at the ends."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.stand_s = float(self.rng.uniform(*STAND_S))
        self.phase = float(self.rng.uniform(0, 2 * np.pi))
        self.duration_s = WALK_S

    def where(self, t: float) -> tuple[float, float]:
        """Position along the line (m) and heading (deg) at time t."""
        walked = max(t - self.stand_s, 0.0)
        leg_s = WALK_LINE_M / WALK_SPEED + TURN_S
        legs, u = divmod(walked, leg_s)
        outbound = int(legs) % 2 == 0
        walking_s = WALK_LINE_M / WALK_SPEED
        along = min(u, walking_s) * WALK_SPEED
        position = along if outbound else WALK_LINE_M - along
        heading = 0.0 if outbound else 180.0
        if u > walking_s:
            heading += 180.0 * (u - walking_s) / TURN_S
        return position - WALK_LINE_M / 2, heading

    def posture_at(self, t: float) -> Posture:
        m = self.measures
        position, heading = self.where(t)
        walking = 1.0 if t > self.stand_s else 0.0
        phi = 2 * np.pi * STRIDE_HZ * t + self.phase
        swing = walking * np.sin(phi)

        def leg(sign: float) -> Limb:
            thigh = -90.0 + sign * LEG_SWING_DEG * swing
            bend = walking * KNEE_SWING_DEG * max(0.0, np.cos(phi + (0.0 if sign > 0 else np.pi)))
            arm = -90.0 - sign * ARM_SWING_DEG * swing
            return Limb(thigh=thigh, shin=thigh - bend, foot=-bend * 0.3, upper_arm=arm, forearm=arm + 10.0 * walking, hand=arm, arm_spread=0.1)

        plane = Plane.facing(heading)
        pose = replace(STANDING, trunk=90.0 - 3.0 * walking, left=leg(1.0), right=leg(-1.0))
        hip_height = m.ankle_height + m.leg
        return pose.posture(plane, "mid_hip", np.array([position, 0.0, hip_height]))


@negative("sitting")
class Sitting(UprightMovement):
    """Sitting on the floor, legs out straight or knees up, leaning back on the hands, shifting a little."""

    position = Position.SEATED

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.lean = float(self.rng.uniform(*SIT_LEAN_DEG))
        self.knees_up = bool(self.rng.random() < 0.5)
        self.phase = float(self.rng.uniform(0, 2 * np.pi))
        self.duration_s = SIT_S

    def posture_at(self, t: float) -> Posture:
        m = self.measures
        sway = SIT_SWAY_DEG * np.sin(2 * np.pi * t / SIT_SWAY_PERIOD_S + self.phase)
        trunk = 90.0 + self.lean + sway
        if self.knees_up:
            hip = np.array([0.0, m.buttock_at_hip])
            thigh, shin, _ = self.leg_to(hip, np.array([0.85 * m.leg, m.ankle_height]))
            legs = dict(thigh=thigh, shin=shin, foot=0.0)
        else:
            legs = dict(thigh=0.0, shin=0.0, foot=80.0)
        arm = 180.0 + 70.0  # down and back, to the floor behind the hips
        limb = Limb(**legs, upper_arm=arm, forearm=arm, hand=180.0, arm_spread=0.2, palm_down=True)
        pose = PlanarPose(trunk=trunk, head=trunk - self.lean - 5.0, left=limb, right=limb)
        return pose.posture(PLANE, "mid_hip", np.array([0.0, 0.0, m.buttock_at_hip]))
