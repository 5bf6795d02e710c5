"""Movements on the back that are none of the supported exercises: crunch, knee to chest, leg
raises, bicycle crunches, lying still.

They share the glute bridge's and the dead bug's start positions (supine, often knees bent, feet
flat), which is why a recogniser must see them. Laid out with the feet towards world +x (the planar
`forward`), head towards -x, the person's left towards +y.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.motions.base import measure
from formcheck_synth.motions.planar import Limb, PlanarPose, Plane, angle_of, blend, blend_limb, knee_between, planar
from formcheck_synth.movement import LEAD_IN_S, TAIL_S, NegativeMovement, Position, lying_directions, negative, seeded_cycles
from formcheck_synth.posing import Posture

PLANE = Plane(np.array([1.0, 0.0, 0.0]))
#: Knee bend (deg between thigh and shin directions) of a hook-lying leg: feet flat, knees up.
HOOK_KNEE_BEND_DEG = 95.0
#: Crunch: the chest curls up by this much (deg) at the top, the head a little more; a sit-up brings
#: the whole trunk up to this angle from the floor.
CRUNCH_CURL_DEG = (25.0, 40.0)
SIT_UP_TRUNK_DEG = 70.0
#: Knee to chest: thigh angle (deg from the floor towards the head) and knee bend at full pull.
KNEE_TO_CHEST_THIGH_DEG = 120.0
KNEE_TO_CHEST_BEND_DEG = 125.0
#: The hands hold the shin this fraction of its length below the knee.
HAND_ON_SHIN = 0.3
#: Breathing while lying still: chest angle amplitude (deg) and period (s).
BREATH_DEG = 1.2
BREATH_PERIOD_S = 4.0
STILL_S = 8.0
#: Leg raises: both straight legs lift from the floor to this angle (deg) and lower, arms flat.
LEG_RAISE_DEG = (70.0, 90.0)
#: Bicycle crunch: shoulders curled up by this much (deg), hands behind the head; the legs, off the
#: floor, pedal: one knee pulled in (thigh at this angle from the floor, knee bent this much) while
#: the other extends low (thigh and shin at this angle).
BICYCLE_CURL_DEG = (20.0, 30.0)
BICYCLE_TUCK_THIGH_DEG, BICYCLE_TUCK_BEND_DEG = 105.0, 100.0
BICYCLE_EXTEND_DEG = 25.0


def hook_legs(body: Body) -> Limb:
    """A supine leg with the knee bent and the foot flat on the floor, arm along the floor."""
    m = measure(body)
    hip = np.array([0.0, m.buttock_at_hip])
    bend = np.radians(HOOK_KNEE_BEND_DEG)
    reach = np.sqrt(m.thigh**2 + m.shin**2 - 2 * m.thigh * m.shin * np.cos(np.pi - bend))
    ankle = np.array([np.sqrt(max(reach**2 - (m.ankle_height - hip[1]) ** 2, 1e-6)), m.ankle_height])
    knee = knee_between(hip, ankle, m.thigh, m.shin, np.array([0.0, 1.0]))
    return Limb(thigh=angle_of(knee - hip), shin=angle_of(ankle - knee), foot=0.0, upper_arm=0.0, forearm=0.0, hand=0.0, arm_spread=0.15)


STRAIGHT_LEGS = Limb(thigh=0.0, shin=0.0, foot=90.0, upper_arm=0.0, forearm=0.0, hand=0.0, arm_spread=0.15)
SUPINE = PlanarPose(trunk=180.0, head=180.0, left=STRAIGHT_LEGS, right=STRAIGHT_LEGS)


class SupineMovement(NegativeMovement):
    position = Position.SUPINE

    rng_stream = 11

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.hook = hook_legs(body)

    def directions(self):
        return lying_directions(np.array([0.0, 1.0, 0.0]), self.camera_side)

    def _posture(self, pose: PlanarPose) -> Posture:
        return pose.posture(PLANE, "mid_hip", np.array([0.0, 0.0, self.measures.buttock_at_hip]))


@negative("crunch")
class Crunch(SupineMovement):
    """Crunches (or, for some seeds, sit-ups): knees bent, the trunk curls up and down."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.sit_up = bool(self.rng.random() < 0.3)
        self.curl = float(self.rng.uniform(*CRUNCH_CURL_DEG))
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 4, 0.8, 0.4, 0.8, 0.3)
        self.duration_s = self.cycles.end_s + TAIL_S
        self.rest = replace(SUPINE, left=self.hook, right=self.hook)

    def posture_at(self, t: float) -> Posture:
        _, p = self.cycles.at(t)
        reach = replace(self.hook, upper_arm=25.0, forearm=25.0, hand=25.0)
        if self.sit_up:
            top = PlanarPose(trunk=180.0 - SIT_UP_TRUNK_DEG, head=180.0 - SIT_UP_TRUNK_DEG - 15.0, left=reach, right=reach)
        else:
            top = PlanarPose(trunk=178.0, chest=180.0 - self.curl, head=180.0 - self.curl - 20.0, left=reach, right=reach)
        return self._posture(blend(self.rest, top, p))


@negative("knee_to_chest")
class KneeToChest(SupineMovement):
    """Knee-to-chest stretch: one knee (or both) pulled to the chest with the hands, held, released."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.both = bool(self.rng.random() < 0.4)
        self.from_hook = bool(self.rng.random() < 0.5)
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 2, 1.0, 2.0, 1.0, 0.6)
        self.duration_s = self.cycles.end_s + TAIL_S
        legs = self.hook if self.from_hook else STRAIGHT_LEGS
        self.rest = replace(SUPINE, left=legs, right=legs)

    def pulled_leg(self) -> Limb:
        """A leg pulled to the chest, both hands holding the shin below the knee."""
        m = self.measures
        thigh, shin = KNEE_TO_CHEST_THIGH_DEG, KNEE_TO_CHEST_THIGH_DEG - KNEE_TO_CHEST_BEND_DEG
        hip = np.array([0.0, m.buttock_at_hip])
        shoulder = hip + m.trunk * planar(180.0)
        grip = hip + m.thigh * planar(thigh) + HAND_ON_SHIN * m.shin * planar(shin)
        elbow = knee_between(shoulder, grip, m.upper_arm, m.forearm, np.array([0.0, -1.0]))
        forearm = angle_of(grip - elbow)
        return Limb(thigh=thigh, shin=shin, foot=shin + 80.0, upper_arm=angle_of(elbow - shoulder), forearm=forearm,
                    hand=forearm, arm_spread=0.12)  # fmt: skip

    def posture_at(self, t: float) -> Posture:
        index, p = self.cycles.at(t)
        pulled = self.pulled_leg()
        legs = self.rest.left
        holding = replace(legs, upper_arm=pulled.upper_arm, forearm=pulled.forearm, hand=pulled.hand)
        pull_left = self.both or index % 2 == 0
        pull_right = self.both or index % 2 == 1
        top = replace(self.rest, left=pulled if pull_left else holding, right=pulled if pull_right else holding)
        return self._posture(blend(self.rest, top, p))


@negative("leg_raise")
class LegRaise(SupineMovement):
    """Lying leg raises: both legs straight, lifted together towards vertical and lowered to just
    off the floor, the arms flat beside the body."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.lift = float(self.rng.uniform(*LEG_RAISE_DEG))
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 3, 1.0, 0.3, 1.0, 0.4)
        self.duration_s = self.cycles.end_s + TAIL_S

    def posture_at(self, t: float) -> Posture:
        _, p = self.cycles.at(t)
        lift = p * self.lift
        leg = replace(STRAIGHT_LEGS, thigh=lift, shin=lift, foot=90.0 + lift)
        return self._posture(replace(SUPINE, left=leg, right=leg))


@negative("bicycle_crunch")
class BicycleCrunch(SupineMovement):
    """Bicycle crunches: hands behind the head, shoulders curled off the floor, the legs pedalling
    in the air, each knee drawn in towards the opposite elbow in turn."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.curl = float(self.rng.uniform(*BICYCLE_CURL_DEG))
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, 6, 0.5, 0.2, 0.5, 0.0)
        self.duration_s = self.cycles.end_s + TAIL_S

    def posture_at(self, t: float) -> Posture:
        index, p = self.cycles.at(t)
        started = 1.0 if t >= LEAD_IN_S else 0.0
        tuck = Limb(thigh=BICYCLE_TUCK_THIGH_DEG, shin=BICYCLE_TUCK_THIGH_DEG - BICYCLE_TUCK_BEND_DEG, foot=BICYCLE_TUCK_THIGH_DEG - 10.0)
        extend = Limb(thigh=BICYCLE_EXTEND_DEG, shin=BICYCLE_EXTEND_DEG, foot=BICYCLE_EXTEND_DEG + 90.0)
        # Hands behind the head: the upper arms out to the sides towards the head, forearms folded back.
        arms = dict(upper_arm=200.0, forearm=20.0, hand=20.0, arm_spread=1.2)
        tucked = 0.5 * (1.0 + (p if index % 2 == 0 else -p))
        chest = 180.0 - self.curl * started
        left, right = blend_limb(extend, tuck, tucked * started), blend_limb(extend, tuck, (1.0 - tucked) * started)
        pose = PlanarPose(trunk=180.0, chest=chest, head=chest - 15.0, left=replace(left, **arms), right=replace(right, **arms))
        return self._posture(pose)


@negative("lying_supine")
class LyingSupine(SupineMovement):
    """Lying still on the back, knees bent (the bridge's start position) or legs straight, breathing."""

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        legs = self.hook if self.rng.random() < 0.6 else STRAIGHT_LEGS
        self.rest = replace(SUPINE, left=legs, right=legs)
        self.phase = float(self.rng.uniform(0, 2 * np.pi))
        self.duration_s = STILL_S

    def posture_at(self, t: float) -> Posture:
        breath = BREATH_DEG * np.sin(2 * np.pi * t / BREATH_PERIOD_S + self.phase)
        return self._posture(replace(self.rest, chest=180.0 - breath))
