"""The pose of one person in one frame: image landmarks, world landmarks and their visibility."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from formcheck.pose.landmarks import NUM_LANDMARKS, Joint, Landmark, Side

VISIBILITY_THRESHOLD = 0.5
"""A landmark counts as seen when MediaPipe's visibility is at least this. MediaPipe's own
drawing utilities use 0.5; far-side limbs in a side view usually score well below it."""

LIMB_VISIBILITY_THRESHOLD = 0.3
"""Limb points that are often partly hidden (a far-side arm or leg) count as seen from this
visibility: a raised far-side limb scores 0.4-0.6 in side views, a hidden one below 0.2
(exercises.md)."""

IN_FRAME_MARGIN = 0.01
"""Fraction of the image size a landmark may lie outside the frame and still count as in it.
MediaPipe extrapolates landmarks beyond the image edge; those are guesses, not measurements."""


@dataclass(frozen=True, eq=False)
class Pose:
    """Landmarks of one person at time ``t_s``.

    ``xy`` is in pixels of the analysed image (so angles measured on it are not distorted by the
    aspect ratio), ``depth`` is MediaPipe's relative depth in the same pixel scale (smaller is
    nearer the camera), ``world`` is MediaPipe's metric 3D estimate in metres, centred between
    the hips, with the camera's axes (x right, y down, z away from the camera).
    """

    xy: np.ndarray
    depth: np.ndarray
    world: np.ndarray
    visibility: np.ndarray
    image_size: tuple[int, int]
    t_s: float
    people: int = 1
    """Persons the model found in the frame; this pose is the one followed (``pose.people``)."""

    def __post_init__(self) -> None:
        if self.xy.shape != (NUM_LANDMARKS, 2) or self.world.shape != (NUM_LANDMARKS, 3):
            raise ValueError(f"a pose needs {NUM_LANDMARKS} landmarks, got {self.xy.shape}")

    def point(self, landmark: Landmark) -> np.ndarray:
        """Image position of ``landmark`` in pixels."""
        return self.xy[landmark]

    def world_point(self, landmark: Landmark) -> np.ndarray:
        """Metric 3D position of ``landmark``."""
        return self.world[landmark]

    def world_points(self, joints: tuple[Joint, ...], side: Side) -> tuple[np.ndarray, ...]:
        """World positions of ``joints`` on ``side``, in order (e.g. ``BODY_LINE``)."""
        return tuple(self.world[joint.of(side)] for joint in joints)

    def in_frame(self, landmark: Landmark) -> bool:
        width, height = self.image_size
        x, y = self.xy[landmark]
        mx, my = IN_FRAME_MARGIN * width, IN_FRAME_MARGIN * height
        return bool(-mx <= x <= width + mx and -my <= y <= height + my)

    def is_visible(self, landmark: Landmark, threshold: float = VISIBILITY_THRESHOLD) -> bool:
        """Seen by the model and inside the picture: a measurement, not a guess."""
        return bool(self.visibility[landmark] >= threshold) and self.in_frame(landmark)

    def limb_seen(self, landmark: Landmark) -> bool:
        """Seen well enough to measure a limb that may be partly hidden (``LIMB_VISIBILITY_THRESHOLD``)."""
        return self.is_visible(landmark, LIMB_VISIBILITY_THRESHOLD)

    def missing(self, landmarks: tuple[Landmark, ...] | list[Landmark]) -> list[Landmark]:
        """Those of ``landmarks`` that are not visible."""
        return [landmark for landmark in landmarks if not self.is_visible(landmark)]

    def hip_spread(self) -> float:
        """Image distance between the hips over the shoulder-hip length: near 0 in a side view,
        about 0.6-0.8 when the camera looks at the pelvis from the front or from behind."""
        hips = np.linalg.norm(self.xy[Landmark.LEFT_HIP] - self.xy[Landmark.RIGHT_HIP])
        trunk = np.mean(
            [np.linalg.norm(self.xy[Joint.SHOULDER.of(s)] - self.xy[Joint.HIP.of(s)]) for s in Side]
        )
        return float(hips / max(trunk, 1e-6))

    def scaled_to(self, image_size: tuple[int, int]) -> "Pose":
        """The same pose in the pixels of a resized copy of its image (for drawing)."""
        if tuple(image_size) == tuple(self.image_size):
            return self
        sx, sy = image_size[0] / self.image_size[0], image_size[1] / self.image_size[1]
        return replace(self, xy=self.xy * (sx, sy), depth=self.depth * sx, image_size=tuple(image_size))

    @property
    def fraction_in_frame(self) -> float:
        """Share of the main body landmarks (shoulders to ankles) inside the picture."""
        body = range(Landmark.LEFT_SHOULDER, Landmark.RIGHT_ANKLE + 1)
        return sum(self.in_frame(Landmark(i)) for i in body) / len(body)


def poses_from_arrays(landmarks: Mapping[str, np.ndarray], image_size: tuple[int, int]) -> list[tuple[float, Pose | None]]:
    """(t_s, pose or None) per frame of a stored landmark sequence: the arrays ``t_s``,
    ``detected``, ``image_xy``, ``image_z``, ``world`` and ``visibility`` (one row a frame), as
    the corpus caches them, so a sequence is replayed without the pose model."""
    out: list[tuple[float, Pose | None]] = []
    for i, t_s in enumerate(landmarks["t_s"]):
        if not landmarks["detected"][i]:
            out.append((float(t_s), None))
            continue
        arrays = (np.asarray(landmarks[key][i], dtype=float) for key in ("image_xy", "image_z", "world", "visibility"))
        out.append((float(t_s), Pose(*arrays, image_size=tuple(image_size), t_s=float(t_s))))
    return out
