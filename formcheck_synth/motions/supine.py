"""Exercises on the back: the dead bug and the figure four stretch.

Supine with the head towards -x, the person's left towards +y (see `rig`). The body is dropped onto
the floor (its lowest vertex at z = 0): the back rests there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.motions.base import measure
from formcheck_synth.motions.rig import Keyframe, Reach, Rig
from formcheck_synth.posing import Posture
from formcheck_synth.spec import ClipSpec

#: Dead bug tabletop (exercises.md: arms up, hips and knees at 90 deg): thighs vertical, shins level,
#: feet up; arms pointing at the ceiling.
TABLETOP = {"thigh": 90.0, "shin": 0.0, "foot": 90.0, "upper_arm": 90.0, "forearm": 90.0, "hand": 90.0}
#: Extended: the arm overhead and the opposite leg long, both hovering a little above the floor.
ARM_OVERHEAD_DEG = 183.0
LEG_HOVER_DEG = 9.0
EXTENDED_FOOT_DEG = 55.0
#: `leg_too_low`: the leg laid on the floor, in line with the trunk (the analyzer's bound: 0 deg above it).
LEG_ON_FLOOR_DEG = -3.0
#: `low_back_arch`: the pelvis tips up off the floor by this much and the chest by this much, the upper
#: back staying down: the shoulder-hip line turns about 18 deg (the analyzer's bound: 10; 13 deg read as less than 10 on a render).
ARCH_PELVIS_DEG = 35.0
ARCH_CHEST_DEG = 8.0
#: Idle sway of the extended limbs (deg).
DEAD_BUG_SWAY_DEG = 2.5
#: Lying with the knees bent and the feet flat: thigh and shin angles.
KNEES_BENT = {"thigh": 50.0, "shin": -47.0, "foot": 0.0}
#: Arms resting by the sides, on the floor.
ARMS_DOWN = {"upper_arm": -8.0, "forearm": -6.0, "hand": -6.0}
#: Figure four: the supporting leg pulled in past vertical (the analyzer: hip angle at most 100),
#: knee bent; the crossed ankle rests on its thigh this far (m) from the knee and this high above it.
PULLED = {"thigh": 108.0, "shin": 12.0, "foot": 80.0}
CROSS_BACK_M = 0.09
CROSS_UP_M = 0.08
#: The hands hold the back of the supporting thigh this far (m) from the knee, either side of it.
GRIP_BACK_M = 0.14
GRIP_SIDE_M = 0.07
GRIP_BELOW_M = 0.06
FIGURE_FOUR_SWAY_DEG = 1.0
_SIDE = {"L": "left", "R": "right"}


def _limbs(angles: dict[str, float], sides: str = "LR") -> dict[str, float]:
    return {f"{seg}.{s}": a for seg, a in angles.items() for s in sides}


@dataclass(frozen=True, eq=False)
class DeadBug:
    """From the tabletop, one arm reaches overhead and the opposite leg extends (progress 0..1).

    state: "side" (+1 left arm and right leg), "leg_too_low", "low_back_arch", "same_side_limbs".
    """

    rig: Rig

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> DeadBug:
        return cls(Rig(body, measure(body), left_y=1.0))

    def tabletop(self) -> Keyframe:
        return Keyframe(hip=np.array([0.0, self.rig.measures.buttock_at_hip]), trunk=180.0, head=180.0, segments=_limbs(TABLETOP))

    def extended(self, state: dict[str, float]) -> Keyframe:
        arm = "L" if state.get("side", 1.0) > 0 else "R"
        leg = arm if state.get("same_side_limbs", 0.0) > 0.5 else ("R" if arm == "L" else "L")
        sway = DEAD_BUG_SWAY_DEG * state.get("sway", 0.0)
        low = state.get("leg_too_low", 0.0)
        leg_angle = (1 - low) * LEG_HOVER_DEG + low * LEG_ON_FLOOR_DEG + sway
        arch = state.get("low_back_arch", 0.0)
        pose = self.tabletop()
        segments = dict(pose.segments)
        segments.update({f"{seg}.{arm}": ARM_OVERHEAD_DEG - sway for seg in ("upper_arm", "forearm", "hand")})
        segments.update({f"thigh.{leg}": leg_angle, f"shin.{leg}": leg_angle, f"foot.{leg}": EXTENDED_FOOT_DEG})
        return replace(pose, trunk=180.0 + arch * ARCH_PELVIS_DEG, chest=180.0 + arch * ARCH_CHEST_DEG, segments=segments)

    def posture(self, state: dict[str, float]) -> Posture:
        pose = replace(self.tabletop(), chest=180.0).blend(self.extended(state), state["progress"])
        return self.rig.posture(pose)


@dataclass(frozen=True, eq=False)
class FigureFour:
    """Lying knees bent (progress 0) to the stretch (1): one ankle crossed over the other knee, that
    leg pulled towards the chest, hands behind its thigh. `crossed` is the crossed leg ("L" or "R")."""

    rig: Rig
    crossed: str
    rest: Keyframe

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> FigureFour:
        return _figure_four(body, "L" if spec is None or spec.side == "left" else "R")

    @property
    def support(self) -> str:
        return "R" if self.crossed == "L" else "L"

    def stretch(self, sway: float) -> Keyframe:
        rig, c, s = self.rig, self.crossed, self.support
        pulled = {**PULLED, "thigh": PULLED["thigh"] + sway}
        segments = {**self.rest.segments, **_limbs(pulled, s), f"foot.{c}": 60.0}
        support = _SIDE[s]

        def on_thigh(lm, back: float, up: float, side: float) -> np.ndarray:
            knee, hip = lm[f"{support}_knee"], lm[f"{support}_hip"]
            along = (hip - knee) / np.linalg.norm(hip - knee)
            return knee + back * along + np.array([0.0, 0.0, up]) + side * rig.outward(s)

        reaches = {
            f"leg.{c}": Reach(lambda lm: on_thigh(lm, CROSS_BACK_M, CROSS_UP_M, 0.0), rig.outward(c) + np.array([0.0, 0.0, 0.6])),
            **{
                f"arm.{a}": Reach(
                    lambda lm, side=(GRIP_SIDE_M if a == s else -GRIP_SIDE_M): on_thigh(lm, GRIP_BACK_M, -GRIP_BELOW_M, side),
                    rig.outward(a) + np.array([0.0, 0.0, -0.3]),
                )
                for a in "LR"
            },
        }
        return replace(self.rest, segments=segments, reaches=reaches)

    def posture(self, state: dict[str, float]) -> Posture:
        sway = FIGURE_FOUR_SWAY_DEG * state.get("sway", 0.0) * state["progress"]
        return self.rig.posture(self.rest.blend(self.stretch(sway), state["progress"]))


@lru_cache(maxsize=None)
def _figure_four(body: Body, crossed: str) -> FigureFour:
    """The rest pose with its crossed leg and arms given as reaches to where their angles put them,
    so that they blend smoothly into the stretch's reaches."""
    m = measure(body)
    rig = Rig(body, m, left_y=1.0)
    rest = Keyframe(hip=np.array([0.0, m.buttock_at_hip]), trunk=180.0, head=180.0, segments={**_limbs(KNEES_BENT), **_limbs(ARMS_DOWN)})
    lm = rig.landmarks(rig.posture(rest))
    c = _SIDE[crossed]
    reaches = {
        f"leg.{crossed}": Reach(lm[f"{c}_ankle"], np.array([1.0, 0.0, 1.0])),
        **{f"arm.{s}": Reach(lm[f"{_SIDE[s]}_wrist"], rig.outward(s) + np.array([0.0, 0.0, -0.3])) for s in "LR"},
    }
    return FigureFour(rig, crossed, replace(rest, reaches=reaches))
