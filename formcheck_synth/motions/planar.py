"""Postures from planar segment angles, for movements that need no floor-contact solving.

A body is laid out in a vertical plane through its midline: planar directions (a, b) are
a * `forward` + b * up in the world, and the person's left is up x forward. Angles are degrees
counter-clockwise from `forward` (0 = along it, 90 = straight up). For a person standing facing
`forward` the trunk is at 90 and the thighs at -90; a supine body with its feet towards `forward`
has its trunk at 180; a prone body with its head towards `forward` has its trunk at 0.

Each segment's front (kneecap, face, front of the arm with the thumb forward) is its direction
turned a quarter turn clockwise, taken from the segment's distal end towards the head; a foot's
upper side is its toe direction turned counter-clockwise. The posture is anchored at one landmark
and dropped onto the floor (its lowest vertex at z = 0), which is exact for a body resting on one
part and close for the others: these movements train a classifier, they are not measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from formcheck_synth.posing import Aim, Posture, unit

UP = np.array([0.0, 0.0, 1.0])
LIMBS = ("thigh", "shin", "foot", "upper_arm", "forearm", "hand")


def planar(angle_deg: float) -> np.ndarray:
    """Planar unit vector at an angle (deg) counter-clockwise from forward."""
    a = np.radians(angle_deg)
    return np.array([np.cos(a), np.sin(a)])


def clockwise(p: np.ndarray) -> np.ndarray:
    """A planar vector turned a quarter turn clockwise."""
    return np.array([p[1], -p[0]])


@dataclass(frozen=True)
class Plane:
    """The body's sagittal plane: a horizontal `forward` unit vector; the person's left is up x forward."""

    forward: np.ndarray

    @classmethod
    def facing(cls, heading_deg: float) -> Plane:
        """The plane whose forward is `heading_deg` counter-clockwise from world +x."""
        h = np.radians(heading_deg)
        return cls(np.array([np.cos(h), np.sin(h), 0.0]))

    @property
    def left(self) -> np.ndarray:
        return np.cross(UP, self.forward)

    def world(self, p: np.ndarray, lateral: float = 0.0) -> np.ndarray:
        """A planar point or direction in the world, `lateral` towards the person's left."""
        return p[0] * self.forward + p[1] * UP + lateral * self.left


@dataclass(frozen=True)
class Limb:
    """Planar angles (deg) of one side's limb segments. `arm_spread` and `leg_spread` tip the arm or the
    leg out to the side (tangent of the angle out of the plane); `palm_down` turns the thumb towards the
    midline (a hand flat on the floor) instead of along the arm's front."""

    thigh: float = -90.0
    shin: float = -90.0
    foot: float = 0.0
    upper_arm: float = -90.0
    forearm: float = -90.0
    hand: float = -90.0
    arm_spread: float = 0.08
    leg_spread: float = 0.0
    palm_down: bool = False


@dataclass(frozen=True)
class PlanarPose:
    """A whole-body posture as planar angles: trunk (pelvis), chest, head and both sides' limbs."""

    trunk: float = 90.0
    chest: float | None = None
    head: float | None = None
    left: Limb = field(default_factory=Limb)
    right: Limb = field(default_factory=Limb)

    @property
    def chest_deg(self) -> float:
        return self.trunk if self.chest is None else self.chest

    @property
    def head_deg(self) -> float:
        return self.chest_deg if self.head is None else self.head

    def aims(self, plane: Plane) -> dict[str, Aim]:
        """Segment aims in the world for this pose in `plane`."""
        trunk, chest, head = planar(self.trunk), planar(self.chest_deg), planar(self.head_deg)
        aims = {
            "pelvis": Aim(plane.world(trunk), plane.world(clockwise(trunk))),
            "chest": Aim(plane.world(chest), plane.world(clockwise(chest))),
            "head": Aim(plane.world(head), plane.world(clockwise(head))),
        }
        for s, limb, outward in (("L", self.left, 1.0), ("R", self.right, -1.0)):
            for segment in LIMBS:
                d = planar(getattr(limb, segment))
                spread = limb.leg_spread if segment in ("thigh", "shin", "foot") else limb.arm_spread
                direction = unit(plane.world(d, outward * spread))
                if segment == "foot":
                    reference = plane.world(np.array([-d[1], d[0]]))
                elif limb.palm_down and segment in ("forearm", "hand"):
                    reference = -outward * plane.left
                else:
                    reference = plane.world(clockwise(-d))
                aims[f"{segment}.{s}"] = Aim(direction, reference)
        return aims

    def posture(self, plane: Plane, anchor: str, anchor_position: np.ndarray) -> Posture:
        return Posture(aims=self.aims(plane), anchor=anchor, anchor_position=np.asarray(anchor_position, dtype=np.float64))


def _mix(x: float, y: float, f: float) -> float:
    return (1 - f) * x + f * y


def blend_limb(a: Limb, b: Limb, f: float) -> Limb:
    """The limb a fraction `f` of the way from `a` to `b`, angle by angle."""
    angles = {k: _mix(getattr(a, k), getattr(b, k), f) for k in Limb.__dataclass_fields__ if k != "palm_down"}
    return Limb(**angles, palm_down=a.palm_down if f < 0.5 else b.palm_down)


def blend(a: PlanarPose, b: PlanarPose, f: float) -> PlanarPose:
    """The pose a fraction `f` of the way from `a` to `b`, angle by angle (angles are not wrapped)."""
    return PlanarPose(
        trunk=_mix(a.trunk, b.trunk, f), chest=_mix(a.chest_deg, b.chest_deg, f), head=_mix(a.head_deg, b.head_deg, f),
        left=blend_limb(a.left, b.left, f), right=blend_limb(a.right, b.right, f),
    )  # fmt: skip


def knee_between(hip: np.ndarray, ankle: np.ndarray, thigh: float, shin: float, knee_towards: np.ndarray) -> np.ndarray:
    """Planar knee joint for a hip and an ankle: of the two solutions, the one on `knee_towards`'s side."""
    d = float(np.linalg.norm(ankle - hip))
    d = min(max(d, abs(thigh - shin) + 1e-6), thigh + shin - 1e-6)
    along = (ankle - hip) / max(float(np.linalg.norm(ankle - hip)), 1e-9)
    a = (thigh**2 - shin**2 + d**2) / (2 * d)
    h = np.sqrt(max(thigh**2 - a**2, 0.0))
    normal = np.array([-along[1], along[0]])
    if np.dot(normal, knee_towards) < 0:
        normal = -normal
    return hip + a * along + h * normal


def angle_of(p: np.ndarray) -> float:
    """Angle (deg) of a planar vector counter-clockwise from forward."""
    return float(np.degrees(np.arctan2(p[1], p[0])))
