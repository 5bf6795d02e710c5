"""Forward kinematics and linear blend skinning, in numpy.

Rotations are expressed in the body's rest axes: bone j's local rotation R_j turns it about its rest
head, after which its parent's motion is applied (G_j = G_parent @ R_j). With all R_j = I the body
stands in its rest pose.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck_synth.body import Body


@dataclass(frozen=True, eq=False)
class BonePose:
    """Posed skeleton: global rotation (J, 3, 3) and world position of each bone head (J, 3)."""

    rotations: np.ndarray
    heads: np.ndarray


def forward_kinematics(body: Body, local_rotations: np.ndarray, root_position: np.ndarray) -> BonePose:
    """Pose the skeleton from per-bone local rotations and the world position of the root bone's head."""
    n_bones = len(body.bone_names)
    rotations = np.empty((n_bones, 3, 3))
    heads = np.empty((n_bones, 3))
    for j, parent in enumerate(body.bone_parents):
        if parent < 0:
            rotations[j] = local_rotations[j]
            heads[j] = root_position
        else:
            rotations[j] = rotations[parent] @ local_rotations[j]
            heads[j] = heads[parent] + rotations[parent] @ (body.bone_heads[j] - body.bone_heads[parent])
    return BonePose(rotations=rotations, heads=heads)


def local_from_global(body: Body, global_rotations: np.ndarray) -> np.ndarray:
    """Local rotations (relative to each parent) that produce the given global rotations."""
    local = np.empty_like(global_rotations)
    for j, parent in enumerate(body.bone_parents):
        local[j] = global_rotations[j] if parent < 0 else global_rotations[parent].T @ global_rotations[j]
    return local


def bone_transforms(body: Body, pose: BonePose) -> np.ndarray:
    """(J, 3, 4) affine maps taking rest-pose points to posed points, per bone."""
    offsets = pose.heads - np.einsum("jab,jb->ja", pose.rotations, body.bone_heads)
    return np.concatenate([pose.rotations, offsets[:, :, None]], axis=2)


def skin_vertices(body: Body, pose: BonePose, indices: np.ndarray | None = None) -> np.ndarray:
    """Posed mesh vertices (V, 3) by linear blend skinning; only those at `indices` if given."""
    select = slice(None) if indices is None else indices
    transforms = bone_transforms(body, pose)
    blended = np.einsum("vk,vkab->vab", body.skin_weights[select], transforms[body.skin_bones[select]])
    return np.einsum("vab,vb->va", blended[:, :, :3], body.vertices[select]) + blended[:, :, 3]


def posed_landmarks(body: Body, pose: BonePose) -> np.ndarray:
    """World positions (33, 3) of the MediaPipe landmarks, each moving rigidly with its bone."""
    transforms = bone_transforms(body, pose)[body.landmark_bones]
    return np.einsum("lab,lb->la", transforms[:, :, :3], body.landmark_points) + transforms[:, :, 3]
