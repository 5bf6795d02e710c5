"""Rigged body meshes exported from the CC0 MakeHuman base mesh (see `bodies/LICENSE.md`).

A body is stored in its rest pose: standing, metres, z up, facing -y, its left side towards +x, feet
on z = 0. `export_bodies.py` made the npz files; this module only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

BODIES_DIR = Path(__file__).parent / "bodies"

#: Names of the bodies shipped with formcheck_synth (phenotypes in `export_bodies.BODIES`): "a" an
#: average male build (1.78 m), "b" a slimmer female build (1.63 m), "c" a heavier male (1.85 m), "d" a
#: heavier female (1.55 m), "e" a light male (1.61 m), "f" a light female (1.79 m).
BODY_NAMES = ("a", "b", "c", "d", "e", "f")

#: MediaPipe Pose landmark names, in MediaPipe's order (odd indices are the person's left).
LANDMARK_NAMES = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
    "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
    "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip", "right_hip",
    "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel", "right_heel",
    "left_foot_index", "right_foot_index",
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Body:
    """A skinned mesh with a reduced skeleton, clothing parts and MediaPipe landmark anchors.

    Attributes:
        name: body name ("a", "b").
        vertices: (V, 3) rest vertex positions.
        triangles: (F, 3) vertex indices, counter-clockwise seen from outside.
        skin_bones: (V, K) bone index of each skinning weight.
        skin_weights: (V, K) skinning weights, rows summing to one.
        bone_names: J bone names (MakeHuman names, ".L"/".R" is the person's left/right).
        bone_parents: (J,) parent bone index, -1 for the root.
        bone_heads: (J, 3) rest position of each bone's head, the joint it rotates about.
        vertex_parts: (V,) index into `part_names` (skin, hair, torso, ...), for colouring.
        part_names: material part names.
        landmark_bones: (33,) bone each MediaPipe landmark moves with.
        landmark_points: (33, 3) rest position of each landmark.
    """

    name: str
    vertices: np.ndarray
    triangles: np.ndarray
    skin_bones: np.ndarray
    skin_weights: np.ndarray
    bone_names: tuple[str, ...]
    bone_parents: np.ndarray
    bone_heads: np.ndarray
    vertex_parts: np.ndarray
    part_names: tuple[str, ...]
    landmark_bones: np.ndarray
    landmark_points: np.ndarray

    def bone(self, name: str) -> int:
        """Index of a bone by name."""
        return self.bone_names.index(name)

    def head(self, name: str) -> np.ndarray:
        """Rest position of a bone's head."""
        return self.bone_heads[self.bone(name)]

    def landmark(self, name: str) -> np.ndarray:
        """Rest position of a MediaPipe landmark."""
        return self.landmark_points[LANDMARK_NAMES.index(name)]

    @property
    def height_m(self) -> float:
        return float(self.vertices[:, 2].max() - self.vertices[:, 2].min())


@lru_cache(maxsize=None)
def load_body(name: str) -> Body:
    """Load a shipped body by name (one of `BODY_NAMES`)."""
    if name not in BODY_NAMES:
        raise ValueError(f"unknown body {name!r}; choose one of {', '.join(BODY_NAMES)}")
    data = np.load(BODIES_DIR / f"body_{name}.npz")
    # Weights are stored as float16; renormalise so each vertex's weights sum to exactly one.
    weights = data["skin_weights"].astype(np.float64)
    weights /= weights.sum(axis=1, keepdims=True)
    return Body(
        name=name,
        vertices=data["vertices"].astype(np.float64),
        triangles=data["triangles"].astype(np.int64),
        skin_bones=data["skin_bones"].astype(np.int64),
        skin_weights=weights,
        bone_names=tuple(str(n) for n in data["bone_names"]),
        bone_parents=data["bone_parents"].astype(np.int64),
        bone_heads=data["bone_heads"].astype(np.float64),
        vertex_parts=data["vertex_parts"].astype(np.int64),
        part_names=tuple(str(n) for n in data["part_names"]),
        landmark_bones=data["landmark_bones"].astype(np.int64),
        landmark_points=data["landmark_points"].astype(np.float64),
    )
