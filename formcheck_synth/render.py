"""Render a clip spec to frames and labels, and write it as video.mp4-style files plus a JSON label file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from formcheck_synth.body import Body, load_body
from formcheck_synth.camera import Camera, focal_from_fov, nearest_fit
from formcheck_synth.labels import build_labels, occluded
from formcheck_synth.motion import ClipMotion
from formcheck_synth.posing import pose_body
from formcheck_synth.props import scene_points, with_props
from formcheck_synth.raster import rasterize
from formcheck_synth.scene import Background, Look, camera_effects, contact_shadow, make_look, render_background, shade_vertices
from formcheck_synth.spec import ClipSpec

#: Camera height (m) range per view: side and oblique views from a phone on the floor or a low stand;
#: front and rear views from a little higher to see along the body; a rear-oblique view from a phone on
#: a chair behind the person, at hip to chest height, looking slightly down.
CAMERA_HEIGHT_M = {
    "side": (0.45, 0.8),
    "oblique": (0.45, 0.8),
    "front": (0.8, 1.15),
    "rear": (0.8, 1.15),
    "rear_oblique": (0.8, 1.0),
}
#: Horizontal field of view range (deg) of a phone camera.
FIELD_OF_VIEW_DEG = (55.0, 66.0)
#: Fraction of the frame left free around the body's extent over the whole clip.
FRAME_MARGIN = (0.08, 0.16)
#: Postures sampled to find the body's extent over the clip.
_EXTENT_SAMPLES = 24
VIDEO_CODEC = "mp4v"


@dataclass(frozen=True, eq=False)
class Frame:
    """One rendered frame: RGB image (H, W, 3) uint8, landmark pixels (33, 2), landmark occlusion (33,)."""

    image: np.ndarray
    landmarks_xy: np.ndarray
    occluded: np.ndarray


@dataclass(frozen=True, eq=False)
class Stage:
    """Everything fixed for a clip: body, motion, camera, look and background."""

    spec: ClipSpec
    body: Body
    motion: ClipMotion
    camera: Camera
    look: Look
    background: Background

    @property
    def n_frames(self) -> int:
        return int(round(self.motion.duration_s * self.spec.fps))


def set_stage(spec: ClipSpec) -> Stage:
    """Validate the spec and build the body, motion, camera and room for it."""
    spec.validate()
    rng = np.random.default_rng([spec.seed, 1])
    body = load_body(spec.body)
    motion = ClipMotion(spec, body)
    samples = np.linspace(0.0, motion.duration_s, _EXTENT_SAMPLES)
    posed = [(t, pose_body(body, motion.posture_at(t))) for t in samples]
    points = np.concatenate([scene_points(p.vertices[::5], motion.props_at(t, p)) for t, p in posed])
    camera = _frame_camera(spec, motion.view_direction(), points, rng)
    lo, hi = points.min(axis=0), points.max(axis=0)
    centre = (lo + hi) / 2
    look = make_look(body, rng)
    background = render_background(camera, centre, float(np.linalg.norm(hi[:2] - lo[:2]) / 2), True, rng)
    return Stage(spec, body, motion, camera, look, background)


def _frame_camera(spec: ClipSpec, direction: np.ndarray, points: np.ndarray, rng) -> Camera:
    """Place the camera along `direction` at the distance where the body just fills the frame minus a margin."""
    height = rng.uniform(*CAMERA_HEIGHT_M[spec.view])
    focal = focal_from_fov(spec.width, rng.uniform(*FIELD_OF_VIEW_DEG))
    margin = rng.uniform(*FRAME_MARGIN)
    lo, hi = points.min(axis=0), points.max(axis=0)
    return nearest_fit(direction, height, (lo + hi) / 2, points, focal, spec.width, spec.height, margin)


def render_frame(stage: Stage, index: int) -> Frame:
    """Render frame `index` of the clip; frames do not depend on each other."""
    spec, body, camera = stage.spec, stage.body, stage.camera
    h, w = spec.height, spec.width
    rng = np.random.default_rng([spec.seed, 2, index])
    posed = pose_body(body, stage.motion.posture_at(index / spec.fps))
    colours = shade_vertices(stage.look, posed.vertices, body.triangles, camera)
    props = stage.motion.props_at(index / spec.fps, posed)
    vertices, triangles, colours = with_props(posed.vertices, body.triangles, colours, props, stage.look, camera)
    xy, depth = camera.project(vertices)
    fragments = rasterize(xy, depth, triangles, w, h)
    image = stage.background.image * contact_shadow(vertices, camera, stage.background)[..., None]
    image = image.reshape(-1, 3)
    corners = triangles[fragments.triangle]
    image[fragments.pixel] = np.einsum("nk,nkc->nc", fragments.barycentric, colours[corners])
    depth_buffer = np.full(h * w, np.inf)
    depth_buffer[fragments.pixel] = fragments.depth
    landmarks_xy, landmarks_depth = camera.project(posed.landmarks)
    hidden = occluded(landmarks_xy, landmarks_depth, depth_buffer.reshape(h, w))
    frame = camera_effects(image.reshape(h, w, 3), stage.look, index / spec.fps, rng, spec.noise, spec.jpeg_quality)
    return Frame(image=frame, landmarks_xy=landmarks_xy, occluded=hidden)


def iter_frames(stage: Stage) -> Iterator[Frame]:
    """Render the clip frame by frame."""
    for index in range(stage.n_frames):
        yield render_frame(stage, index)


def _joints(spec: ClipSpec, frames_xy: list[np.ndarray], frames_hidden: list[np.ndarray]) -> dict:
    return {
        "fps": spec.fps,
        "width": spec.width,
        "height": spec.height,
        "xy": [np.round(xy, 1).tolist() for xy in frames_xy],
        # 0/1 rather than false/true: a third of the size in the label file.
        "occluded": [hidden.astype(int).tolist() for hidden in frames_hidden],
    }


def render_clip(spec: ClipSpec, file_name: str = "video.mp4") -> tuple[list[np.ndarray], dict]:
    """Render a whole clip in memory: RGB frames and the label dict. For short clips and tests."""
    stage = set_stage(spec)
    frames, xys, hidden = [], [], []
    for frame in iter_frames(stage):
        frames.append(frame.image)
        xys.append(frame.landmarks_xy)
        hidden.append(frame.occluded)
    return frames, build_labels(spec, stage.motion.schedule, file_name, _joints(spec, xys, hidden))


def write_clip(spec: ClipSpec, out_dir: str | Path, name: str = "video") -> tuple[Path, Path]:
    """Render a clip to OUT_DIR/NAME.mp4 and its labels to OUT_DIR/NAME.json; return both paths."""
    stage = set_stage(spec)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    video_path, label_path = out_dir / f"{name}.mp4", out_dir / f"{name}.json"
    writer = cv2.VideoWriter(str(video_path), cv2.VideoWriter_fourcc(*VIDEO_CODEC), spec.fps, (spec.width, spec.height))
    if not writer.isOpened():
        raise RuntimeError(f"OpenCV cannot write {VIDEO_CODEC} video to {video_path}")
    xys, hidden = [], []
    try:
        for frame in iter_frames(stage):
            writer.write(np.ascontiguousarray(frame.image[..., ::-1]))
            xys.append(frame.landmarks_xy)
            hidden.append(frame.occluded)
    finally:
        writer.release()
    labels = build_labels(spec, stage.motion.schedule, video_path.name, _joints(spec, xys, hidden))
    label_path.write_text(json.dumps(labels, separators=(",", ":")) + "\n")
    return video_path, label_path
