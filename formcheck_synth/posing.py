"""Pose a body from world-space segment directions instead of raw joint angles.

An exercise describes a posture as where each body segment points (the thigh from hip to knee, the
forearm from elbow to wrist, ...) plus which way its front faces, and where one anchor point sits.
This module turns that into bone rotations, runs forward kinematics and skinning, and drops the body
onto the floor (its lowest vertex at z = 0) so it neither floats nor sinks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.spatial.transform import Rotation, Slerp

from formcheck_synth.body import LANDMARK_NAMES, Body
from formcheck_synth.kinematics import BonePose, forward_kinematics, local_from_global, posed_landmarks, skin_vertices

SIDES = ("L", "R")
#: Segments a posture may aim; missing ones inherit their parent segment's rotation.
SEGMENTS = (
    "pelvis", "chest", "head",
    *(f"{seg}.{s}" for seg in ("thigh", "shin", "foot", "upper_arm", "forearm", "hand") for s in SIDES),
)  # fmt: skip
#: Segment that a missing segment copies.
_SEGMENT_PARENT = {
    "chest": "pelvis", "head": "chest",
    **{f"thigh.{s}": "pelvis" for s in SIDES}, **{f"shin.{s}": f"thigh.{s}" for s in SIDES},
    **{f"foot.{s}": f"shin.{s}" for s in SIDES}, **{f"upper_arm.{s}": "chest" for s in SIDES},
    **{f"forearm.{s}": f"upper_arm.{s}" for s in SIDES}, **{f"hand.{s}": f"forearm.{s}" for s in SIDES},
}  # fmt: skip
#: Fraction of the pelvis-to-chest rotation each lumbar/thoracic bone takes (pelvis end first).
_SPINE_BLEND = {"spine05": 0.2, "spine04": 0.4, "spine03": 0.6, "spine02": 0.8, "spine01": 1.0}
#: Fraction of the chest-to-head rotation each neck bone takes.
_NECK_BLEND = {"neck01": 0.33, "neck02": 0.67, "neck03": 1.0}
_BONE_SEGMENT = {
    "root": "pelvis", "pelvis": "pelvis", "upperleg01": "thigh", "upperleg02": "thigh",
    "lowerleg01": "shin", "lowerleg02": "shin", "foot": "foot", "clavicle": "chest", "shoulder01": "chest",
    "upperarm01": "upper_arm", "upperarm02": "upper_arm", "lowerarm01": "forearm", "lowerarm02": "forearm",
    "wrist": "hand", "head": "head",
}  # fmt: skip

FRONT = np.array([0.0, -1.0, 0.0])
UP = np.array([0.0, 0.0, 1.0])


@dataclass(frozen=True)
class Aim:
    """Where a segment points (`direction`) and which way its reference side faces (`reference`)."""

    direction: np.ndarray
    reference: np.ndarray


@dataclass(frozen=True)
class Posture:
    """A whole-body posture: segment aims, and the world position of one named point.

    `anchor` is a landmark name ("left_hip") or "mid_hip"/"mid_shoulder"; the body is translated so
    that point lands on `anchor_position`, then dropped vertically onto the floor.
    """

    aims: dict[str, Aim]
    anchor: str
    anchor_position: np.ndarray
    rest_on_floor: bool = True
    extra_rotations: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class PosedBody:
    """A posed body: skeleton, skinned vertices (V, 3) and MediaPipe landmarks (33, 3), in the world."""

    bones: BonePose
    vertices: np.ndarray
    landmarks: np.ndarray


def unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    return v / np.linalg.norm(v)


def _frame(direction: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Orthonormal frame (columns) with `direction` first and `reference` orthogonalised second."""
    d = unit(direction)
    r = reference - np.dot(reference, d) * d
    r = unit(r)
    return np.stack([d, r, np.cross(d, r)], axis=1)


def rest_aims(body: Body) -> dict[str, Aim]:
    """Each segment's direction and reference side in the rest pose."""
    mid = lambda a, b: (body.landmark(a) + body.landmark(b)) / 2  # noqa: E731
    trunk = mid("left_shoulder", "right_shoulder") - mid("left_hip", "right_hip")
    aims = {"pelvis": Aim(trunk, FRONT), "chest": Aim(trunk, FRONT), "head": Aim(UP, FRONT)}
    for s, side in zip(SIDES, ("left", "right")):
        lm = lambda n: body.landmark(f"{side}_{n}")  # noqa: E731, B023 (called within this iteration)
        knuckles = (lm("index") + lm("pinky")) / 2
        across = lm("index") - lm("pinky")
        aims[f"thigh.{s}"] = Aim(lm("knee") - lm("hip"), FRONT)
        aims[f"shin.{s}"] = Aim(lm("ankle") - lm("knee"), FRONT)
        aims[f"foot.{s}"] = Aim(FRONT, UP)
        aims[f"upper_arm.{s}"] = Aim(lm("elbow") - lm("shoulder"), FRONT)
        aims[f"forearm.{s}"] = Aim(lm("wrist") - lm("elbow"), across)
        aims[f"hand.{s}"] = Aim(knuckles - lm("wrist"), across)
    return aims


def segment_rotations(body: Body, aims: dict[str, Aim]) -> dict[str, np.ndarray]:
    """Global rotation of every segment: the one taking its rest aim onto the posture's aim."""
    rest = rest_aims(body)
    out: dict[str, np.ndarray] = {}
    for name in SEGMENTS:
        if name in aims:
            target = aims[name]
            out[name] = _frame(target.direction, target.reference) @ _frame(rest[name].direction, rest[name].reference).T
        else:
            out[name] = out[_SEGMENT_PARENT[name]]
    return out


def _slerp(a: np.ndarray, b: np.ndarray, fraction: float) -> np.ndarray:
    return Slerp([0.0, 1.0], Rotation.from_matrix(np.stack([a, b])))(fraction).as_matrix()


def bone_rotations(body: Body, segments: dict[str, np.ndarray]) -> np.ndarray:
    """Global rotation (J, 3, 3) of every bone, blending the spine and neck between segments."""
    rotations = np.empty((len(body.bone_names), 3, 3))
    for j, bone in enumerate(body.bone_names):
        base, _, side = bone.partition(".")
        if base in _SPINE_BLEND:
            rotations[j] = _slerp(segments["pelvis"], segments["chest"], _SPINE_BLEND[base])
        elif base in _NECK_BLEND:
            rotations[j] = _slerp(segments["chest"], segments["head"], _NECK_BLEND[base])
        else:
            segment = _BONE_SEGMENT[base]
            rotations[j] = segments[segment if segment in ("pelvis", "chest", "head") else f"{segment}.{side}"]
    return rotations


def _anchor_point(landmarks: np.ndarray, anchor: str) -> np.ndarray:
    if anchor in ("mid_hip", "mid_shoulder"):
        part = anchor.split("_")[1]
        return (landmarks[LANDMARK_NAMES.index(f"left_{part}")] + landmarks[LANDMARK_NAMES.index(f"right_{part}")]) / 2
    return landmarks[LANDMARK_NAMES.index(anchor)]


def _placed_skeleton(body: Body, posture: Posture) -> tuple[BonePose, np.ndarray]:
    """The posed skeleton with its anchor at the posture's anchor position, and its landmarks."""
    segments = segment_rotations(body, posture.aims)
    global_rotations = bone_rotations(body, segments)
    for bone, rotation in posture.extra_rotations.items():
        global_rotations[body.bone(bone)] = rotation @ global_rotations[body.bone(bone)]
    local = local_from_global(body, global_rotations)
    bones = forward_kinematics(body, local, np.zeros(3))
    landmarks = posed_landmarks(body, bones)
    shift = np.asarray(posture.anchor_position, dtype=np.float64) - _anchor_point(landmarks, posture.anchor)
    return BonePose(rotations=bones.rotations, heads=bones.heads + shift), landmarks + shift


def pose_vertices(body: Body, posture: Posture, indices: np.ndarray) -> np.ndarray:
    """World positions of some vertices in a posture placed at its anchor, not dropped onto the floor.

    Skinning a few vertices is much cheaper than the whole mesh, which is what contact solving needs.
    """
    bones, _ = _placed_skeleton(body, posture)
    return skin_vertices(body, bones, indices)


def pose_body(body: Body, posture: Posture) -> PosedBody:
    """Skin the body in a posture, placed at its anchor and (if the posture says so) resting on the floor."""
    bones, landmarks = _placed_skeleton(body, posture)
    vertices = skin_vertices(body, bones)
    if posture.rest_on_floor:
        drop = np.array([0.0, 0.0, vertices[:, 2].min()])
        vertices = vertices - drop
        landmarks = landmarks - drop
        bones = BonePose(rotations=bones.rotations, heads=bones.heads - drop)
    return PosedBody(bones=bones, vertices=vertices, landmarks=landmarks)
