"""What every exercise motion shares: body measurements, planar geometry helpers, the motion protocol.

Lying and kneeling exercises are laid out with the body's long axis on world x, the head towards -x,
so the sagittal plane is the world xz plane. Planar points are (s, z): s along +x (towards the feet),
z up; `to3d` puts them at y = 0 (the body's midline).

Contact offsets in `Measures` are first estimates from the rest mesh; each model then solves small
corrections on the posed mesh (`formcheck_synth.contact`) so that the parts it rests on touch the floor.
Body parts for contacts are picked on the rest mesh: standing, left side towards +x, front towards -y.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.contact import Contact, region
from formcheck_synth.posing import Posture

#: Width of the band (m) around a joint's height in which rest-mesh vertices are searched for a contact surface.
_CONTACT_BAND_M = 0.04
#: Contact parts on the rest mesh: the toes are the front of the foot up to this far (m) behind the toe tip.
TOE_REGION_M = 0.07
SIDE_NAMES = {"L": "left", "R": "right"}
_HIP_BONES = ("root", "pelvis.L", "pelvis.R", "upperleg01.L", "upperleg01.R")
_BELLY_BONES = ("spine05", "spine04")
_UPPER_BACK_BONES = ("spine02", "spine01", "clavicle.L", "clavicle.R", "shoulder01.L", "shoulder01.R")


@dataclass(frozen=True)
class Measures:
    """Segment lengths and contact offsets of a body, in metres, from its rest pose.

    Contact offsets are how far a joint centre sits above the floor when that part of the body lies on it.
    """

    trunk: float  # mid-hip to mid-shoulder
    thigh: float
    shin: float
    upper_arm: float
    forearm: float
    hand: float  # wrist to mid-knuckles
    toe_forward: float  # ankle to toe tip along the foot
    toe_down: float  # toe tip below the ankle, along the foot's up axis
    back_at_shoulder: float  # supine: shoulder joint above the floor
    buttock_at_hip: float  # supine: hip joint above the floor
    front_at_hip: float  # prone: hip joint above the floor
    side_at_hip: float  # lying on one side: hip joint above the floor
    hip_half_width: float  # midline to hip joint
    forearm_radius: float  # forearm on the floor: elbow joint above it
    knee_front: float  # kneeling: knee joint above the floor
    ankle_height: float  # foot flat: ankle joint above the floor
    foot_side: float  # foot on its outer edge: ankle joint above the floor
    hand_thickness: float  # palm flat: wrist joint above the floor

    @property
    def leg(self) -> float:
        return self.thigh + self.shin


def measure(body: Body) -> Measures:
    """Measure a body's segments and contact offsets on its rest mesh."""
    lm = body.landmark
    v = body.vertices
    part = np.asarray(body.part_names)[body.vertex_parts]
    near = lambda z: np.abs(v[:, 2] - z) < _CONTACT_BAND_M  # noqa: E731
    mid_hip = (lm("left_hip") + lm("right_hip")) / 2
    mid_shoulder = (lm("left_shoulder") + lm("right_shoulder")) / 2
    shoulder, hip, knee, ankle = lm("left_shoulder"), lm("left_hip"), lm("left_knee"), lm("left_ankle")
    elbow, wrist = lm("left_elbow"), lm("left_wrist")
    knuckles = (lm("left_index") + lm("left_pinky")) / 2
    toe = lm("left_foot_index")
    torso = (part == "torso") & near(shoulder[2])
    hips = (part == "hips_thigh") & near(hip[2])
    knee_band = np.isin(part, ("shin", "hips_thigh")) & near(knee[2])
    left_foot = (part == "foot") & (v[:, 0] > 0)
    forearm_axis = (wrist - elbow) / np.linalg.norm(wrist - elbow)
    forearm_vertices = v[body.skin_bones[:, 0] == body.bone("lowerarm02.L")] - elbow
    radial = forearm_vertices - np.outer(forearm_vertices @ forearm_axis, forearm_axis)
    return Measures(
        trunk=float(np.linalg.norm(mid_shoulder - mid_hip)),
        thigh=float(np.linalg.norm(knee - hip)),
        shin=float(np.linalg.norm(ankle - knee)),
        upper_arm=float(np.linalg.norm(elbow - shoulder)),
        forearm=float(np.linalg.norm(wrist - elbow)),
        hand=float(np.linalg.norm(knuckles - wrist)),
        toe_forward=float(ankle[1] - toe[1]),
        toe_down=float(ankle[2] - toe[2]),
        back_at_shoulder=float(v[torso, 1].max() - shoulder[1]),
        buttock_at_hip=float(v[hips, 1].max() - hip[1]),
        front_at_hip=float(hip[1] - v[hips, 1].min()),
        side_at_hip=float(v[hips, 0].max() - hip[0]),
        hip_half_width=float(hip[0]),
        forearm_radius=float(np.median(np.linalg.norm(radial, axis=1))),
        knee_front=float(knee[1] - v[knee_band, 1].min()),
        ankle_height=float(ankle[2] - v[left_foot, 2].min()),
        foot_side=float(v[left_foot, 0].max() - ankle[0]),
        hand_thickness=0.03,
    )


def heels(body: Body, sides: str = "LR") -> Contact:
    """The back of the foot (behind the ankle joint)."""
    y = body.landmark("left_ankle")[1]
    return Contact(f"heels {sides}", region(body, [f"foot.{s}" for s in sides], lambda v: v[:, 1] > y))


def toes(body: Body, sides: str = "LR") -> Contact:
    """The front of the foot: toes and the ball of the foot."""
    y = body.landmark("left_foot_index")[1] + TOE_REGION_M
    return Contact(f"toes {sides}", region(body, [f"foot.{s}" for s in sides], lambda v: v[:, 1] < y))


def feet(body: Body, sides: str = "LR") -> Contact:
    return Contact(f"feet {sides}", region(body, [f"foot.{s}" for s in sides]))


def shins_and_feet(body: Body, sides: str = "LR") -> Contact:
    """The lower shin and the foot (kneeling: they lie along the floor)."""
    return Contact(f"shins {sides}", region(body, [f"{b}.{s}" for s in sides for b in ("lowerleg02", "foot")]))


def knees(body: Body, sides: str = "LR") -> Contact:
    """The front of the lower thigh and upper shin (kneeling)."""
    y = body.landmark("left_knee")[1]
    bones = [f"{b}.{s}" for s in sides for b in ("upperleg02", "lowerleg01")]
    return Contact(f"knees {sides}", region(body, bones, lambda v: v[:, 1] < y))


def hands(body: Body, sides: str = "LR") -> Contact:
    return Contact(f"hands {sides}", region(body, [f"wrist.{s}" for s in sides]))


def forearms(body: Body, sides: str = "LR") -> Contact:
    return Contact(f"forearms {sides}", region(body, [f"{b}.{s}" for s in sides for b in ("lowerarm01", "lowerarm02")]))


def elbows(body: Body, sides: str = "LR") -> Contact:
    """The lower upper arm and upper forearm."""
    return Contact(f"elbows {sides}", region(body, [f"{b}.{s}" for s in sides for b in ("upperarm02", "lowerarm01")]))


def upper_back(body: Body) -> Contact:
    """The back of the chest: shoulder blades and upper spine."""
    y = body.landmark("left_shoulder")[1]
    return Contact("upper back", region(body, _UPPER_BACK_BONES, lambda v: v[:, 1] > y))


def back_of_head(body: Body) -> Contact:
    y = body.head("head")[1]
    return Contact("back of head", region(body, ("head",), lambda v: v[:, 1] > y))


def buttocks(body: Body) -> Contact:
    y = body.landmark("left_hip")[1]
    return Contact("buttocks", region(body, _HIP_BONES, lambda v: v[:, 1] > y))


def hips_front(body: Body) -> Contact:
    """The belly, the front of the pelvis and the upper thighs (lying prone)."""
    y = body.landmark("left_hip")[1]
    return Contact("hips front", region(body, (*_HIP_BONES, *_BELLY_BONES), lambda v: v[:, 1] < y))


def hip_side(body: Body, side: str) -> Contact:
    """The outside of one hip and thigh (lying on that side)."""
    x = body.landmark(f"{SIDE_NAMES[side]}_hip")[0]
    bones = (f"pelvis.{side}", f"upperleg01.{side}", f"upperleg02.{side}")
    return Contact(f"hip {side}", region(body, bones, lambda v: v[:, 0] * np.sign(x) > abs(x)))


def to3d(p: np.ndarray, y: float = 0.0) -> np.ndarray:
    """A planar (s, z) point or direction at lateral position y."""
    return np.array([p[0], y, p[1]], dtype=np.float64)


def polar(angle_below_horizontal_rad: float) -> np.ndarray:
    """Planar unit vector pointing towards +s, tilted down by the angle (negative tilts up)."""
    return np.array([np.cos(angle_below_horizontal_rad), -np.sin(angle_below_horizontal_rad)])


def circle_intersection(c0: np.ndarray, r0: float, c1: np.ndarray, r1: float, upper: bool) -> np.ndarray:
    """One intersection of two planar circles: left of c0->c1 if `upper`, else right (clamped if none)."""
    d = float(np.linalg.norm(c1 - c0))
    a = (r0**2 - r1**2 + d**2) / (2 * d)
    h = np.sqrt(max(r0**2 - a**2, 0.0))
    along = (c1 - c0) / d
    normal = np.array([-along[1], along[0]])
    return c0 + a * along + (h if upper else -h) * normal


def signed_angle_deg(a: np.ndarray, vertex: np.ndarray, b: np.ndarray) -> float:
    """Planar angle a-vertex-b in degrees, measured counter-clockwise from vertex->a to vertex->b (0-360)."""
    va, vb = a - vertex, b - vertex
    ang = np.degrees(np.arctan2(vb[1], vb[0]) - np.arctan2(va[1], va[0]))
    return float(ang % 360.0)


def line_offset(point: np.ndarray, start: np.ndarray, end: np.ndarray) -> float:
    """Signed distance of a planar point from the line start->end (positive to its left), over the line length."""
    along = end - start
    rel = point - start
    return float((along[0] * rel[1] - along[1] * rel[0]) / np.dot(along, along))


def smoothstep(x: float) -> float:
    """Ease in and out on [0, 1]: zero velocity at both ends, like a controlled movement."""
    x = min(max(x, 0.0), 1.0)
    return x * x * (3.0 - 2.0 * x)


class ExerciseModel(Protocol):
    """Maps an exercise's state (progress of a rep or of getting into a hold, fault amounts) to a posture."""

    def posture(self, state: dict[str, float]) -> Posture: ...
