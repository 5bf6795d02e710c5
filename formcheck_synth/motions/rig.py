"""A keyframe rig for scripted exercises: a posture from planar segment angles plus two-bone reaches.

The body moves in the world xz plane (the sagittal plane). A segment's angle is its planar direction
in degrees from +x, counter-clockwise towards +z (0 = +x, 90 = up, 180 = -x). `left_y` says where
the person's left side is (+1: +y, as supine with the head towards -x; -1: -y, as prone, or standing
facing -x). Every segment's reference side follows from that: the front of a segment pointing
along u (from its distal to its proximal end) is left x u, as in the rest pose.

Limbs can also be given as a reach: the end point (wrist or ankle) goes to a world target, the middle
joint (elbow or knee) bulges towards a pole direction. Reaches start from the root joint (shoulder
or hip) where the rest of the posture puts it, found by forward kinematics without skinning.

`planar.py` (the corpus's negative movements) uses the same angle convention in a plane that may face
any heading; the two are kept apart because this rig adds reaches and shorter-arc blending the
scripted exercises were tuned with, and sharing the 3-line `planar` helper alone would save nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from formcheck_synth.body import LANDMARK_NAMES, Body
from formcheck_synth.kinematics import forward_kinematics, local_from_global, posed_landmarks
from formcheck_synth.motions.base import Measures
from formcheck_synth.posing import Aim, Posture, bone_rotations, segment_rotations, unit

#: A reach's middle joint is never straighter than this fraction of the limb's full length, so the
#: bend direction stays defined.
MAX_REACH_FRACTION = 0.995
_LIMB_ROOT = {"arm": "shoulder", "leg": "hip"}
_LIMB_SEGMENTS = {"arm": ("upper_arm", "forearm"), "leg": ("thigh", "shin")}
_SIDE_NAME = {"L": "left", "R": "right"}

Landmarks = Mapping[str, np.ndarray]
Target = np.ndarray | Callable[[Landmarks], np.ndarray]


def planar(angle_deg: float) -> np.ndarray:
    """World unit vector in the xz plane at a planar angle."""
    a = np.radians(angle_deg)
    return np.array([np.cos(a), 0.0, np.sin(a)])


def lerp_angle(a: float, b: float, f: float) -> float:
    """Angle f of the way from a to b along the shorter arc (degrees)."""
    return a + f * ((b - a + 180.0) % 360.0 - 180.0)


def two_bone(root: np.ndarray, target: np.ndarray, upper: float, lower: float, pole: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Directions of the upper and lower segment reaching from root towards target, bending towards pole."""
    span = target - root
    d = float(np.linalg.norm(span))
    axis = span / d
    d = float(np.clip(d, abs(upper - lower) + 1e-4, MAX_REACH_FRACTION * (upper + lower)))
    along = (upper**2 - lower**2 + d**2) / (2 * d)
    out = np.sqrt(max(upper**2 - along**2, 0.0))
    normal = pole - np.dot(pole, axis) * axis
    normal = normal / max(float(np.linalg.norm(normal)), 1e-9)
    middle = root + along * axis + out * normal
    return unit(middle - root), unit(root + d * axis - middle)


@dataclass(frozen=True)
class Reach:
    """A limb placed by its end point: `target` (world point, or a function of the other landmarks)."""

    target: Target
    pole: np.ndarray


@dataclass(frozen=True)
class Keyframe:
    """A posture as planar angles (degrees; see the module docstring) and reaches.

    `segments` maps segment names ("thigh.L", "hand.R", "foot.L", ...) to a planar angle, or to an
    (angle, outward) pair that tilts the segment away from the midline by `outward` (a tangent).
    `reaches` maps "arm.L", "leg.R", ... to a `Reach`; `thumbs` gives a hand's thumb direction
    (default: towards the midline, palm down when the hand points along the floor).
    """

    hip: np.ndarray  # planar (x, z) of the mid-hip
    trunk: float
    head: float
    chest: float | None = None
    segments: Mapping[str, float | tuple[float, float]] = field(default_factory=dict)
    reaches: Mapping[str, Reach] = field(default_factory=dict)
    thumbs: Mapping[str, np.ndarray] = field(default_factory=dict)

    def blend(self, other: Keyframe, f: float) -> Keyframe:
        """This pose f of the way to `other`: angles along the shorter arc, reaches given in both by
        their targets and poles, anything else switching at half way."""
        segments = {}
        for name in set(self.segments) | set(other.segments):
            a, b = _with_outward(self.segments.get(name)), _with_outward(other.segments.get(name))
            a, b = a or b, b or a
            segments[name] = (lerp_angle(a[0], b[0], f), a[1] + f * (b[1] - a[1]))
        chest = None
        if self.chest is not None or other.chest is not None:
            chest = lerp_angle(self.chest if self.chest is not None else self.trunk, other.chest if other.chest is not None else other.trunk, f)
        return replace(
            self,
            hip=(1 - f) * np.asarray(self.hip) + f * np.asarray(other.hip),
            trunk=lerp_angle(self.trunk, other.trunk, f),
            head=lerp_angle(self.head, other.head, f),
            chest=chest,
            segments=segments,
            reaches={**(self.reaches if f < 0.5 else other.reaches), **{
                limb: _blend_reach(self.reaches[limb], other.reaches[limb], f) for limb in set(self.reaches) & set(other.reaches)
            }},
            thumbs=self.thumbs if f < 0.5 else other.thumbs,
        )


def resolve(target: Target, landmarks: Landmarks) -> np.ndarray:
    return target(landmarks) if callable(target) else np.asarray(target, dtype=np.float64)


def _blend_reach(a: Reach, b: Reach, f: float) -> Reach:
    pole = (1 - f) * np.asarray(a.pole, dtype=np.float64) + f * np.asarray(b.pole, dtype=np.float64)
    return Reach(lambda lm: (1 - f) * resolve(a.target, lm) + f * resolve(b.target, lm), pole)


def _with_outward(value: float | tuple[float, float] | None) -> tuple[float, float] | None:
    if value is None:
        return None
    return (float(value), 0.0) if np.isscalar(value) else (float(value[0]), float(value[1]))


@dataclass(frozen=True, eq=False)
class Rig:
    """Turns `Keyframe`s into `Posture`s for one body."""

    body: Body
    measures: Measures
    left_y: float
    rest_on_floor: bool = True

    @property
    def left(self) -> np.ndarray:
        return np.array([0.0, self.left_y, 0.0])

    def outward(self, side: str) -> np.ndarray:
        return self.left if side == "L" else -self.left

    def front(self, up: np.ndarray) -> np.ndarray:
        """The front of a segment whose distal-to-proximal direction is `up`."""
        return np.cross(self.left, up)

    def posture(self, pose: Keyframe) -> Posture:
        aims = self._aims(pose)
        if pose.reaches:
            landmarks = self.landmarks(self._posture(pose, aims))
            for limb, reach in pose.reaches.items():
                kind, side = limb.split(".")
                root = landmarks[f"{_SIDE_NAME[side]}_{_LIMB_ROOT[kind]}"]
                target = resolve(reach.target, landmarks)
                lengths = (self.measures.upper_arm, self.measures.forearm) if kind == "arm" else (self.measures.thigh, self.measures.shin)
                upper, lower = two_bone(root, target, *lengths, np.asarray(reach.pole, dtype=np.float64))
                first, second = _LIMB_SEGMENTS[kind]
                aims[f"{first}.{side}"] = Aim(upper, self.front(-upper))
                if kind == "arm":
                    aims[f"forearm.{side}"] = Aim(lower, pose.thumbs.get(f"hand.{side}", -self.outward(side)))
                    aims.setdefault(f"hand.{side}", Aim(lower, aims[f"forearm.{side}"].reference))
                else:
                    aims[f"shin.{side}"] = Aim(lower, self.front(-lower))
        return self._posture(pose, aims)

    def _posture(self, pose: Keyframe, aims: dict[str, Aim]) -> Posture:
        hip = np.asarray(pose.hip, dtype=np.float64)
        return Posture(aims=aims, anchor="mid_hip", anchor_position=np.array([hip[0], 0.0, hip[1]]), rest_on_floor=self.rest_on_floor)

    def _aims(self, pose: Keyframe) -> dict[str, Aim]:
        trunk, head = planar(pose.trunk), planar(pose.head)
        aims = {"pelvis": Aim(trunk, self.front(trunk)), "head": Aim(head, self.front(head))}
        if pose.chest is not None:
            chest = planar(pose.chest)
            aims["chest"] = Aim(chest, self.front(chest))
        for name, value in pose.segments.items():
            angle, outward = _with_outward(value)
            segment, side = name.split(".")
            direction = unit(planar(angle) + outward * self.outward(side))
            if segment == "foot":
                aims[name] = Aim(direction, np.cross(direction, self.left))
            elif segment in ("hand", "forearm"):
                aims[name] = Aim(direction, pose.thumbs.get(f"hand.{side}", -self.outward(side)))
            else:
                aims[name] = Aim(direction, self.front(-direction))
        return aims

    def landmarks(self, posture: Posture) -> dict[str, np.ndarray]:
        """World landmarks of a posture placed at its anchor (before any drop onto the floor)."""
        rotations = bone_rotations(self.body, segment_rotations(self.body, posture.aims))
        bones = forward_kinematics(self.body, local_from_global(self.body, rotations), np.zeros(3))
        points = posed_landmarks(self.body, bones)
        named = dict(zip(LANDMARK_NAMES, points))
        shift = posture.anchor_position - (named["left_hip"] + named["right_hip"]) / 2
        return {name: p + shift for name, p in named.items()}
