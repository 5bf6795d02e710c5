"""Movements on hands and knees that are none of the supported exercises: the leg-only kickback and the
fire hydrant. They start from the bird dog's position, and a kickback is a bird dog without the arm.

Both reuse the bird dog's model for the body (support on all fours, contacts solved on the mesh) and
change only the moving leg.
"""

from __future__ import annotations

import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.motions.bird_dog import BirdDog, _rotate
from formcheck_synth.movement import LEAD_IN_S, TAIL_S, NegativeMovement, Position, lying_directions, negative, seeded_cycles
from formcheck_synth.posing import Aim, Posture

LEFT = np.array([0.0, -1.0, 0.0])
#: Kickback: how far the leg swings, as a fraction of the bird dog's swing to level (some kick above it).
KICK_REACH = (0.9, 1.15)
#: Fire hydrant: the bent leg swings out to the side by this much (deg) about the trunk's axis.
HYDRANT_DEG = (45.0, 65.0)
_ARM_SEGMENTS = ("upper_arm", "forearm", "hand")
_LEG_SEGMENTS = ("thigh", "shin", "foot")


class QuadrupedMovement(NegativeMovement):
    position = Position.QUADRUPED

    rng_stream = 13

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.model = BirdDog.for_body(body)
        # The bird dog's "side" names the raised arm; its leg is the other one.
        self.leg = "L" if self.rng.random() < 0.5 else "R"
        self.bird_dog_side = 1.0 if self.leg == "R" else -1.0
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 3, 0.9, 0.6, 0.9, 0.4)
        self.duration_s = self.cycles.end_s + TAIL_S

    def directions(self):
        return lying_directions(LEFT, self.camera_side)

    def support(self) -> Posture:
        return self.model.posture({"raise": 0.0, "side": self.bird_dog_side})


@negative("kickback")
class Kickback(QuadrupedMovement):
    """Quadruped kickbacks: one leg swings back to level and returns; both hands stay on the floor."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.reach = float(self.rng.uniform(*KICK_REACH))

    def posture_at(self, t: float) -> Posture:
        _, p = self.cycles.at(t)
        raised = self.model.posture({"raise": p * self.reach, "side": self.bird_dog_side})
        arm = "R" if self.leg == "L" else "L"
        down = self.support().aims
        aims = {**raised.aims, **{f"{s}.{arm}": down[f"{s}.{arm}"] for s in _ARM_SEGMENTS}}
        return Posture(aims=aims, anchor=raised.anchor, anchor_position=raised.anchor_position)


@negative("fire_hydrant")
class FireHydrant(QuadrupedMovement):
    """Fire hydrants: on all fours, one bent leg swings out to the side, hip high, and returns."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.angle = float(self.rng.uniform(*HYDRANT_DEG))

    def posture_at(self, t: float) -> Posture:
        _, p = self.cycles.at(t)
        support = self.support()
        axis = support.aims["pelvis"].direction
        outward = LEFT if self.leg == "L" else -LEFT
        thigh = support.aims[f"thigh.{self.leg}"].direction
        sign = 1.0 if np.dot(_rotate(thigh, axis, 0.1), outward) > np.dot(thigh, outward) else -1.0
        turn = sign * np.radians(self.angle) * p
        aims = dict(support.aims)
        for segment in _LEG_SEGMENTS:
            aim = aims[f"{segment}.{self.leg}"]
            aims[f"{segment}.{self.leg}"] = Aim(_rotate(aim.direction, axis, turn), _rotate(aim.reference, axis, turn))
        return Posture(aims=aims, anchor=support.anchor, anchor_position=support.anchor_position)
