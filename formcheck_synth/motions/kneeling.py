"""Exercises from hands and knees: the cat-camel and the child's pose.

On all fours as in the bird dog (`bird_dog.BirdDog.support`): knees under the hips (thighs vertical),
shins and the tops of the feet along the floor, hands planted under the shoulders with the arms
nearly straight, so the back slopes gently up to the shoulders. The hands stay where they were
planted (two-bone reaches), whatever the spine does. Prone-like: the person's left is -y.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from formcheck_synth.body import Body
from formcheck_synth.motions.base import measure
from formcheck_synth.motions.bird_dog import ANKLE_ON_DORSUM_M, ARM_REACH_FRACTION, KNEELING_FOOT
from formcheck_synth.motions.rig import Keyframe, Reach, Rig
from formcheck_synth.posing import Posture
from formcheck_synth.spec import ClipSpec

#: Elbows bend backwards (towards the knees) when the shoulders come nearer the hands.
ELBOW_POLE = np.array([1.0, 0.0, 0.2])
#: Spine in the cat (rounded up) and the camel (sagging, head raised), as turns (deg) of the pelvis,
#: the chest and the head from the neutral back; + turns a segment pointing towards the head downwards.
#: The analyzer reads the head against the trunk: about -40 deg in the cat and +35 in the camel
#: (its clip: 48 deg of range in a cycle; a cycle counts from 25). The chest's turn is solved so the
#: shoulders stay as high as in the neutral back: the arms stay straight (the analyzer asks 140 deg at
#: the elbow), the back rounds up between the shoulders and the hips.
CAT = {"pelvis": -18.0, "head": 65.0}
CAMEL = {"pelvis": 12.0, "head": -40.0}
#: Child's pose: knees closed to this (hip-knee-ankle), the trunk lowered onto the thighs with the
#: hip angle this closed, the head resting down; the arms reach forward to the floor.
CHILD_KNEE_DEG = 38.0
CHILD_HIP_DEG = 30.0
CHILD_HEAD_DROP_DEG = 15.0
#: The outstretched hands land this fraction of the arm's length ahead of the shoulder's drop to the floor.
CHILD_ARM_REACH = 0.97
#: Idle sway: breathing in the child's pose moves the trunk by this much (deg).
CHILD_SWAY_DEG = 1.0


@dataclass(frozen=True, eq=False)
class AllFours:
    """Hands-and-knees geometry for one body: the neutral pose and where the hands are planted."""

    rig: Rig
    neutral: Keyframe
    hands: dict[str, np.ndarray]

    @property
    def knee(self) -> np.ndarray:
        return np.array([0.0, self.rig.measures.knee_front])

    def planted(self, pose: Keyframe) -> Keyframe:
        return replace(pose, reaches={f"arm.{s}": Reach(self.hands[s], ELBOW_POLE) for s in "LR"})


@lru_cache(maxsize=None)
def all_fours(body: Body) -> AllFours:
    m = measure(body)
    rig = Rig(body, m, left_y=-1.0)
    knee = np.array([0.0, m.knee_front])
    hip = knee + np.array([0.0, m.thigh])
    shoulder_z = m.hand_thickness + ARM_REACH_FRACTION * (m.upper_arm + m.forearm)
    rise = np.degrees(np.arcsin(np.clip((shoulder_z - hip[1]) / m.trunk, -1.0, 1.0)))
    shin = -np.degrees(np.arcsin((m.knee_front - ANKLE_ON_DORSUM_M) / m.shin))
    foot = np.degrees(np.arctan2(KNEELING_FOOT[1], KNEELING_FOOT[0]))
    segments = {
        **{f"thigh.{s}": -90.0 for s in "LR"}, **{f"shin.{s}": shin for s in "LR"}, **{f"foot.{s}": foot for s in "LR"},
        **{f"{seg}.{s}": -90.0 for seg in ("upper_arm", "forearm") for s in "LR"}, **{f"hand.{s}": 180.0 for s in "LR"},
    }  # fmt: skip
    neutral = Keyframe(hip=hip, trunk=180.0 - rise, head=180.0 - rise + 10.0, segments=segments)
    landmarks = rig.landmarks(rig.posture(neutral))
    hands = {
        s: np.array([landmarks[f"{n}_shoulder"][0], landmarks[f"{n}_shoulder"][1], m.hand_thickness])
        for s, n in (("L", "left"), ("R", "right"))
    }
    return AllFours(rig, neutral, hands)


def _spine(neutral: Keyframe, turns: dict[str, float]) -> Keyframe:
    return replace(
        neutral, trunk=neutral.trunk + turns["pelvis"], chest=neutral.trunk + turns["chest"], head=neutral.head + turns["head"]
    )


@dataclass(frozen=True, eq=False)
class CatCamel:
    """On hands and knees, the spine rounds up (cat, progress 0) and sags with the head raised (camel, 1)."""

    fours: AllFours
    cat: Keyframe
    camel: Keyframe

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> CatCamel:
        return _cat_camel(body)

    def posture(self, state: dict[str, float]) -> Posture:
        return self.fours.rig.posture(self.fours.planted(self.cat.blend(self.camel, state["progress"])))


@lru_cache(maxsize=None)
def _cat_camel(body: Body) -> CatCamel:
    fours = all_fours(body)
    rig, neutral = fours.rig, fours.neutral
    height = lambda pose: rig.landmarks(rig.posture(pose))["left_shoulder"][2]  # noqa: E731
    target = height(neutral)

    def solved(turns: dict[str, float]) -> Keyframe:
        chest = brentq(lambda c: height(_spine(neutral, {**turns, "chest": c})) - target, -60.0, 60.0, xtol=0.05)
        return _spine(neutral, {**turns, "chest": float(chest)})

    return CatCamel(fours, solved(CAT), solved(CAMEL))


@dataclass(frozen=True, eq=False)
class ChildsPose:
    """From hands and knees (progress 0) the hips sit back to the heels and the chest lowers (1)."""

    fours: AllFours
    child: Keyframe

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> ChildsPose:
        return _childs_pose(body)

    def posture(self, state: dict[str, float]) -> Posture:
        fours, m = self.fours, self.fours.rig.measures
        pose = fours.neutral.blend(self.child, state["progress"])
        pose = replace(pose, trunk=pose.trunk + CHILD_SWAY_DEG * state.get("sway", 0.0) * state["progress"])
        # The knees stay on the floor: the hip swings about them.
        thigh = np.radians(pose.segments["thigh.L"][0])
        pose = replace(pose, hip=fours.knee - m.thigh * np.array([np.cos(thigh), np.sin(thigh)]))
        f = state["progress"]
        hands = {s: (1 - f) * fours.hands[s] + f * self.child.reaches[f"arm.{s}"].target for s in "LR"}
        return fours.rig.posture(replace(pose, reaches={f"arm.{s}": Reach(hands[s], ELBOW_POLE) for s in "LR"}))


@lru_cache(maxsize=None)
def _childs_pose(body: Body) -> ChildsPose:
    fours = all_fours(body)
    m, rig = fours.rig.measures, fours.rig
    shin = fours.neutral.segments["shin.L"]
    knee_to_hip = shin + CHILD_KNEE_DEG
    hip = fours.knee + m.thigh * np.array([np.cos(np.radians(knee_to_hip)), np.sin(np.radians(knee_to_hip))])
    thigh = knee_to_hip + 180.0
    trunk = thigh - CHILD_HIP_DEG
    segments = {**fours.neutral.segments, **{f"thigh.{s}": thigh for s in "LR"}}
    child = Keyframe(hip=hip, trunk=trunk, head=trunk + CHILD_HEAD_DROP_DEG, segments=segments)
    landmarks = rig.landmarks(rig.posture(child))
    reach = CHILD_ARM_REACH * (m.upper_arm + m.forearm)
    hands = {}
    for s, n in (("L", "left"), ("R", "right")):
        shoulder = landmarks[f"{n}_shoulder"]
        drop = max(shoulder[2] - m.hand_thickness, 0.0)
        ahead = np.sqrt(max(reach**2 - drop**2, 0.0))
        hands[s] = np.array([shoulder[0] - ahead, shoulder[1], m.hand_thickness])
    child = replace(child, reaches={f"arm.{s}": Reach(hands[s], ELBOW_POLE) for s in "LR"})
    return ChildsPose(fours, child)
