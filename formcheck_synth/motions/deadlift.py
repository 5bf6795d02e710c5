"""The deadlift family as lifters do it: conventional barbell and kettlebell deadlifts from the floor,
the Romanian deadlift and the single-leg Romanian deadlift, with a barbell or kettlebell in the hands.

Standing sideways to the camera, facing -x (the person's left is -y, see `rig`). The legs and trunk
are a planar chain from the ankle: the shin tips forward by a, the knee bends by k (so the thigh
leans back by k - a), the trunk tips forward from vertical by c. The arms hang straight from the
shoulders to the grip, tipped forward just enough for a barbell to pass in front of the legs. A rep
goes from standing (progress 0) down to the bottom of the hinge (progress 1) and back up; for the
floor lifts the bottom is solved so the plates or the bell rest on the floor.

Faults (the analyzer's codes): `squat_pattern` bends the knees deeply and keeps the trunk upright at
the same bar height; `incomplete_lockout` and `leaning_back` change where the rep finishes (they grow
over its return, `catalog.Entry.finish_faults`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from formcheck_synth.body import LANDMARK_NAMES, Body
from formcheck_synth.motions.base import measure
from formcheck_synth.motions.rig import Keyframe, Reach, Rig
from formcheck_synth.posing import PosedBody, Posture, pose_body
from formcheck_synth.props import BAR_RADIUS_M, BELL_RADIUS_M, HANDLE_HEIGHT_M, PLATE_RADIUS_M, Mesh, barbell, kettlebell
from formcheck_synth.spec import ClipSpec


@dataclass(frozen=True)
class Stance:
    """Shin tilt a, knee flexion k, trunk incline c (degrees, all forward-positive)."""

    a: float
    k: float
    c: float

    def blend(self, other: Stance, f: float) -> Stance:
        return Stance(*((1 - f) * np.array([self.a, self.k, self.c]) + f * np.array([other.a, other.k, other.c])))


@dataclass(frozen=True)
class Variant:
    """A lift: what is held, how far apart the hands grip (m from the midline), where the bottom is."""

    load: str  # "barbell" or "kettlebell"
    grip_m: float
    bottom: Stance
    squat_bottom: Stance
    single_leg: bool = False
    stance_outward: float = 0.0


#: Standing tall; an unfinished lockout (hips still flexed about 40 deg, the analyzer's bound is 25);
#: a lean back past vertical (18 deg, the analyzer's bound is 12).
TOP = Stance(0.0, 4.0, 0.0)
INCOMPLETE_TOP = Stance(2.0, 16.0, 26.0)
LEANING_TOP = Stance(0.0, 2.0, -18.0)
#: Bottoms: knee flexion of a hinge 60-66 deg from the floor (under the analyzer's 70), about 20 in a
#: Romanian deadlift (exercises.md: shins near vertical); a squat pattern bends them past 80-110.
#: Trunk inclines marked nan are solved so the load reaches the same height as the clean rep's.
VARIANTS = {
    "deadlift": Variant("barbell", 0.25, Stance(24.0, 66.0, np.nan), Stance(38.0, 110.0, np.nan)),
    "kettlebell_deadlift": Variant(
        "kettlebell", 0.045, Stance(18.0, 60.0, np.nan), Stance(35.0, 112.0, np.nan), stance_outward=0.12
    ),
    "romanian_deadlift": Variant("barbell", 0.25, Stance(6.0, 20.0, 78.0), Stance(30.0, 85.0, np.nan)),
    "single_leg_romanian_deadlift": Variant(
        "kettlebell", 0.2, Stance(6.0, 20.0, 82.0), Stance(30.0, 80.0, np.nan), single_leg=True
    ),
}
#: Straight arms reach this fraction of their length.
ARM_REACH = 0.985
#: A barbell clears the front of the legs by this much (m) beyond its radius; the front of a shin is
#: about this far (m) ahead of the knee-ankle line, of a thigh ahead of the hip-knee line.
BAR_CLEARANCE_M = 0.012
SHIN_FRONT_M = 0.06
THIGH_FRONT_M = 0.085
#: The arms tip at most this far (rad) from hanging straight down.
MAX_TIP_RAD = np.radians(45.0)
#: Single-leg: the free leg hangs a little behind with the knee bent at the top (foot off the floor),
#: and reaches back in line with the trunk at the bottom.
FREE_LEG_TOP = {"thigh": 280.0, "shin": 330.0, "foot": 240.0}
FREE_FOOT_CLEARANCE_M = 0.2
#: Idle sway at the bottom and standing (deg of trunk incline).
DEADLIFT_SWAY_DEG = 1.0
_SIDE = {"L": "left", "R": "right"}


def _xz(v: np.ndarray) -> np.ndarray:
    return np.array([v[0], v[2]])


@dataclass(frozen=True, eq=False)
class Deadlift:
    """Postures and load of one deadlift variant for one body; `standing` is the standing leg on one foot."""

    rig: Rig
    variant: Variant
    bottom: Stance
    squat_bottom: Stance
    standing: str = "L"

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> Deadlift:
        name = spec.exercise if spec is not None else "deadlift"
        return _calibrated(body, name, "L" if spec is None or spec.side == "left" else "R")

    @classmethod
    def of(cls, body: Body, name: str, standing: str = "L") -> Deadlift:
        """One of the ``VARIANTS`` for one body (its bottoms solved), without a clip spec."""
        return _calibrated(body, name, standing)

    @property
    def free(self) -> str:
        return "R" if self.standing == "L" else "L"

    def chain(self, stance: Stance) -> tuple[np.ndarray, ...]:
        """Planar ankle, knee and mid-hip (x, z) for a stance."""
        m = self.rig.measures
        a, b = np.radians(stance.a), np.radians(stance.k - stance.a)
        ankle = np.array([0.0, m.ankle_height])
        knee = ankle + m.shin * np.array([-np.sin(a), np.cos(a)])
        hip = knee + m.thigh * np.array([np.sin(b), np.cos(b)])
        return ankle, knee, hip

    def pose(self, stance: Stance, reach_down: float) -> Keyframe:
        """The posture for a stance; `reach_down` (0 top .. 1 bottom) brings a free leg up behind."""
        ankle, knee, hip = self.chain(stance)
        ang = lambda v: float(np.degrees(np.arctan2(v[1], v[0])))  # noqa: E731
        out = self.variant.stance_outward
        legs = "LR" if not self.variant.single_leg else self.standing
        segments: dict = {f"thigh.{s}": (ang(knee - hip), out) for s in legs}
        segments.update({f"shin.{s}": (ang(ankle - knee), -out) for s in legs})
        segments.update({f"foot.{s}": 180.0 for s in legs})
        trunk = 90.0 + stance.c
        if self.variant.single_leg:
            # In line with the trunk, but the foot kept clear of the floor when the trunk is upright.
            m = self.rig.measures
            drop = min(np.cos(np.radians(stance.c)), (hip[1] - FREE_FOOT_CLEARANCE_M) / m.leg)
            behind = 360.0 - np.degrees(np.arcsin(np.clip(drop, -1.0, 1.0)))
            line = {"thigh": behind, "shin": behind, "foot": behind - 90.0}
            for seg, top in FREE_LEG_TOP.items():
                segments[f"{seg}.{self.free}"] = (1 - reach_down) * top + reach_down * line[seg]
        hands = {f"hand.{s}": 270.0 for s in "LR"}
        reaches = {f"arm.{s}": Reach(lambda lm, s=s: self.grip(lm, s), np.array([1.0, 0.0, 0.0]) + self.rig.outward(s)) for s in "LR"}
        return Keyframe(hip=hip, trunk=trunk, head=trunk - 0.3 * stance.c, segments={**segments, **hands}, reaches=reaches)

    def grip(self, lm, side: str) -> np.ndarray:
        """Where a hand holds the load: straight below the shoulder, tipped forward to clear the legs."""
        m = self.rig.measures
        shoulder = lm[f"{_SIDE[side]}_shoulder"]
        y = np.sign(shoulder[1]) * self.variant.grip_m
        r = np.sqrt(max((ARM_REACH * (m.upper_arm + m.forearm)) ** 2 - (y - shoulder[1]) ** 2, 1e-4))
        tip = 0.0
        if self.variant.load == "barbell":
            tip = self._close_tip(lm, _xz(shoulder), r + 0.6 * m.hand, BAR_RADIUS_M)
        elif not self.variant.single_leg:
            # A bell in both hands hangs between the legs: its ball passes in front of them.
            tip = self._close_tip(lm, _xz(shoulder), r + 0.6 * m.hand + HANDLE_HEIGHT_M - BELL_RADIUS_M, BELL_RADIUS_M)
        wrist = _xz(shoulder) + r * np.array([-np.sin(tip), -np.cos(tip)])
        return np.array([wrist[0], y, wrist[1]])

    def _close_tip(self, lm, shoulder: np.ndarray, length: float, radius: float) -> float:
        """Forward tip (rad) of the arms that brings a load of `radius`, `length` below the shoulders,
        just in front of the legs: lifters keep the bar close."""
        side = _SIDE[self.standing] if self.variant.single_leg else "left"
        hip, knee, ankle = (_xz(lm[f"{side}_{j}"]) for j in ("hip", "knee", "ankle"))

        def margin(tip: float) -> float:
            bar = shoulder + length * np.array([-np.sin(tip), -np.cos(tip)])
            lo, hi, front = (ankle, knee, SHIN_FRONT_M) if bar[1] < knee[1] else (knee, hip, THIGH_FRONT_M)
            f = np.clip((bar[1] - lo[1]) / max(hi[1] - lo[1], 1e-6), 0.0, 1.0)
            leg_front = lo[0] + f * (hi[0] - lo[0]) - front
            return leg_front - radius - BAR_CLEARANCE_M - bar[0]

        if margin(-MAX_TIP_RAD) >= 0:
            return -MAX_TIP_RAD
        return float(brentq(margin, -MAX_TIP_RAD, MAX_TIP_RAD))

    def stance(self, state: dict[str, float]) -> Stance:
        squat = state.get("squat_pattern", 0.0)
        bottom = self.bottom.blend(self.squat_bottom, squat)
        top = TOP.blend(INCOMPLETE_TOP, state.get("incomplete_lockout", 0.0))
        top = top.blend(LEANING_TOP, state.get("leaning_back", 0.0))
        stance = top.blend(bottom, state["progress"])
        return replace(stance, c=stance.c + DEADLIFT_SWAY_DEG * state.get("sway", 0.0))

    def posture(self, state: dict[str, float]) -> Posture:
        return self.rig.posture(self.pose(self.stance(state), state["progress"]))

    def props(self, state, posed: PosedBody) -> Mesh:
        return load_mesh(self.variant, posed.landmarks, self.free)


def load_centre(landmarks: np.ndarray, sides: str) -> np.ndarray:
    """Middle of the grip: the mean of the index and pinky knuckles of the gripping hands."""
    names = [f"{_SIDE[s]}_{f}" for s in sides for f in ("index", "pinky")]
    return np.mean([landmarks[LANDMARK_NAMES.index(n)] for n in names], axis=0)


def load_mesh(variant: Variant, landmarks: np.ndarray, free: str) -> Mesh:
    if variant.load == "barbell":
        centre = load_centre(landmarks, "LR")
        return barbell(np.array([centre[0], 0.0, centre[2]]))
    # One bell in both hands, or in the hand on the free leg's side on one foot (held opposite the standing leg).
    return kettlebell(load_centre(landmarks, free if variant.single_leg else "LR"))


def _load_height(model: Deadlift, body: Body, stance: Stance) -> float:
    posed = pose_body(body, model.rig.posture(model.pose(stance, 1.0)))
    return float(load_centre(posed.landmarks, model.free if model.variant.single_leg else "LR")[2])


@lru_cache(maxsize=None)
def _calibrated(body: Body, name: str, standing: str) -> Deadlift:
    """Solve the bottoms' trunk inclines: the floor lifts put the load on the floor, the squat patterns
    bring it as low as the clean rep does."""
    variant = VARIANTS[name]
    model = Deadlift(Rig(body, measure(body), left_y=-1.0), variant, variant.bottom, variant.squat_bottom, standing)
    floor = PLATE_RADIUS_M if variant.load == "barbell" else HANDLE_HEIGHT_M

    def solve(stance: Stance, height: float) -> Stance:
        c = brentq(lambda c: _load_height(model, body, replace(stance, c=c)) - height, 0.0, 110.0, xtol=1e-3)
        return replace(stance, c=float(c))

    bottom = solve(variant.bottom, floor) if np.isnan(variant.bottom.c) else variant.bottom
    squat = solve(variant.squat_bottom, _load_height(model, body, bottom))
    return replace(model, bottom=bottom, squat_bottom=squat)
