"""Face-down exercises: the superman and the prone press-up (cobra).

Prone with the head towards -x, the person's left towards -y (see `rig`). Both rest with the pelvis
on the floor; the body is dropped onto it (its lowest vertex at z = 0), which keeps the hips down as
the limbs or the chest rise.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from formcheck_synth.body import Body
from formcheck_synth.motions.base import Measures, measure
from formcheck_synth.motions.rig import Keyframe, Reach, Rig
from formcheck_synth.posing import Posture
from formcheck_synth.spec import ClipSpec

#: Prone legs: thighs and shins tipping down a little to the floor, feet pointed (tops of the feet down).
LYING_LEG_DEG = -3.0
POINTED_FOOT_DEG = -25.0
#: Superman arms by the sides (seed 003: "raise the head, chest, arms and legs"), along the floor at
#: rest. With the arms overhead (002) MediaPipe turns the face up at the top on these renders (face
#: elevation +85 deg instead of -50), and the analyzer then takes the person for out of position.
ARMS_DOWN_DEG = -4.0
#: Superman top: chest, arms and legs lifted (exercises.md: wrists and ankles off the floor; the
#: analyzer's rep threshold is a mean lift of 8 deg, its hold 5 deg for both).
CHEST_LIFT_DEG = 14.0
ARM_LIFT_DEG = 12.0
LEG_LIFT_DEG = 14.0
#: `neck_cranked`: the head thrown back this far from the line of the chest (the analyzer's bound: 50).
NECK_CRANK_DEG = 80.0
#: Idle sway of the lifted limbs at the top (deg).
SUPERMAN_SWAY_DEG = 1.5
#: Cobra: the pelvis tips up a little and the chest rises until the arms are straight (this fraction
#: of their length), the hands a little ahead of the shoulders (m) on the floor.
PRESS_PELVIS_DEG = 15.0
PRESS_ARM_REACH = 0.88
HAND_AHEAD_M = 0.15
#: `hips_lift`: the pelvis rises this high (m) off the floor, the toes staying down (the analyzer's
#: bound is 0.10 body lengths, about 0.14 m).
HIPS_LIFT_M = 0.2
#: Idle sway of the chest in the hold (deg).
PRESS_SWAY_DEG = 1.0


def _lying(m: Measures, **segments) -> Keyframe:
    legs = {f"{seg}.{s}": LYING_LEG_DEG for seg in ("thigh", "shin") for s in "LR"}
    feet = {f"foot.{s}": POINTED_FOOT_DEG for s in "LR"}
    return Keyframe(hip=np.array([0.0, m.front_at_hip]), trunk=180.0, head=181.0, segments={**legs, **feet, **segments})


@dataclass(frozen=True, eq=False)
class Superman:
    """Face down, arms by the sides; chest, arms and legs lift off the floor and lower (state["progress"])."""

    rig: Rig

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> Superman:
        return cls(Rig(body, measure(body), left_y=-1.0))

    def rest(self) -> Keyframe:
        arms = {f"{seg}.{s}": ARMS_DOWN_DEG for seg in ("upper_arm", "forearm", "hand") for s in "LR"}
        return _lying(self.rig.measures, **arms)

    def top(self, neck_cranked: float, sway: float) -> Keyframe:
        trunk = 180.0 - CHEST_LIFT_DEG
        arms = {f"{seg}.{s}": ARM_LIFT_DEG + sway for seg in ("upper_arm", "forearm", "hand") for s in "LR"}
        legs = {f"{seg}.{s}": LEG_LIFT_DEG + sway for seg in ("thigh", "shin") for s in "LR"}
        feet = {f"foot.{s}": LEG_LIFT_DEG + POINTED_FOOT_DEG for s in "LR"}
        head = trunk + 2.0 - neck_cranked * NECK_CRANK_DEG
        return replace(self.rest(), trunk=trunk, head=head, segments={**arms, **legs, **feet})

    def posture(self, state: dict[str, float]) -> Posture:
        top = self.top(state.get("neck_cranked", 0.0), SUPERMAN_SWAY_DEG * state.get("sway", 0.0))
        return self.rig.posture(self.rest().blend(top, state["progress"]))


@dataclass(frozen=True, eq=False)
class PronePressUp:
    """Lying face down, hands planted by the chest; the arms straighten to lift the chest, hips down.

    state["progress"] 0 lying .. 1 pressed up; state["hips_lift"] lifts the pelvis off the floor.
    """

    rig: Rig
    hands: dict[str, np.ndarray]
    chest_deg: float
    lifted_chest_deg: float

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> PronePressUp:
        return _press_up(body)

    def pose(self, progress: float, hips_lift: float, sway: float) -> Keyframe:
        m = self.rig.measures
        lying = _lying(m)
        chest = (1 - hips_lift) * self.chest_deg + hips_lift * self.lifted_chest_deg
        leg = LYING_LEG_DEG - np.degrees(np.arcsin(hips_lift * HIPS_LIFT_M / m.leg))
        pressed = replace(
            lying,
            hip=np.array([0.0, m.front_at_hip + hips_lift * HIPS_LIFT_M]),
            trunk=180.0 - PRESS_PELVIS_DEG,
            chest=chest + sway,
            head=chest + sway - 8.0,
            segments={**lying.segments, **{f"{seg}.{s}": leg for seg in ("thigh", "shin") for s in "LR"}},
        )
        reaches = {f"arm.{s}": Reach(self.hands[s], np.array([1.0, 0.0, 1.0])) for s in self.hands}
        pose = replace(lying, chest=180.0).blend(pressed, progress)
        # Palms flat on the floor, fingers towards the head.
        return replace(pose, reaches=reaches, segments={**pose.segments, **{f"hand.{s}": 180.0 for s in "LR"}})

    def posture(self, state: dict[str, float]) -> Posture:
        return self.rig.posture(self.pose(state["progress"], state.get("hips_lift", 0.0), PRESS_SWAY_DEG * state.get("sway", 0.0)))


@lru_cache(maxsize=None)
def _press_up(body: Body) -> PronePressUp:
    """Solve the chest angle at which straight arms reach the floor, with the hips down and lifted."""
    m = measure(body)
    rig = Rig(body, m, left_y=-1.0)
    reach = PRESS_ARM_REACH * (m.upper_arm + m.forearm)
    shoulder_z = m.hand_thickness + np.sqrt(reach**2 - HAND_AHEAD_M**2)

    def shoulder_at(chest: float, hips_lift: float) -> np.ndarray:
        free = PronePressUp(rig, {}, chest, chest)
        pose = replace(free.pose(1.0, hips_lift, 0.0), reaches={})
        return rig.landmarks(rig.posture(pose))["left_shoulder"]

    chest = brentq(lambda c: shoulder_at(c, 0.0)[2] - shoulder_z, 80.0, 179.0)
    lifted = brentq(lambda c: shoulder_at(c, 1.0)[2] - shoulder_z, 80.0, 179.0)
    landmarks = rig.landmarks(rig.posture(replace(PronePressUp(rig, {}, chest, chest).pose(1.0, 0.0, 0.0), reaches={})))
    hands = {
        s: np.array([landmarks[f"{n}_shoulder"][0] - HAND_AHEAD_M, landmarks[f"{n}_shoulder"][1], m.hand_thickness])
        for s, n in (("L", "left"), ("R", "right"))
    }
    return PronePressUp(rig, hands, float(chest), float(lifted))
