"""Pinhole camera: look-at placement and projection to pixels (OpenCV convention: x right, y down)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Camera axis directions closer to vertical than this are given a different up hint in `look_at`.
_NEAR_VERTICAL_COS = 0.99


@dataclass(frozen=True, eq=False)
class Camera:
    """A pinhole camera. `rotation` maps world to camera axes; `position` is its centre in the world."""

    position: np.ndarray
    rotation: np.ndarray
    focal_px: float
    width: int
    height: int

    @property
    def forward(self) -> np.ndarray:
        """Unit viewing direction in the world."""
        return self.rotation[2]

    def to_camera(self, points: np.ndarray) -> np.ndarray:
        """World points (N, 3) in camera coordinates (z is depth along the view axis)."""
        return (points - self.position) @ self.rotation.T

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pixel coordinates (N, 2) and depths (N,) of world points; pixel (0, 0) is the top-left corner."""
        cam = self.to_camera(points)
        depth = cam[:, 2]
        safe = np.where(depth > 1e-6, depth, 1e-6)
        xy = self.focal_px * cam[:, :2] / safe[:, None] + np.array([self.width / 2, self.height / 2])
        return xy, depth

    def pixel_rays(self) -> np.ndarray:
        """World direction (H, W, 3) of the ray through each pixel centre (not normalised)."""
        u = (np.arange(self.width) + 0.5 - self.width / 2) / self.focal_px
        v = (np.arange(self.height) + 0.5 - self.height / 2) / self.focal_px
        cam = np.stack(np.broadcast_arrays(u[None, :], v[:, None], np.ones((1, 1))), axis=-1)
        return cam @ self.rotation


def look_at(position: np.ndarray, target: np.ndarray, focal_px: float, width: int, height: int) -> Camera:
    """A level camera (no roll) at `position` looking at `target`, z up in the world."""
    forward = target - position
    forward = forward / np.linalg.norm(forward)
    up_hint = np.array([0.0, 0.0, 1.0]) if abs(forward[2]) < _NEAR_VERTICAL_COS else np.array([1.0, 0.0, 0.0])
    right = np.cross(forward, up_hint)
    right /= np.linalg.norm(right)
    down = np.cross(forward, right)
    return Camera(
        position=np.asarray(position, dtype=np.float64),
        rotation=np.stack([right, down, forward]),
        focal_px=float(focal_px),
        width=int(width),
        height=int(height),
    )


def focal_from_fov(width: int, horizontal_fov_deg: float) -> float:
    """Focal length in pixels for a horizontal field of view."""
    return (width / 2) / np.tan(np.radians(horizontal_fov_deg) / 2)


def fits_in_frame(camera: Camera, points: np.ndarray, margin: float) -> bool:
    """Whether every point is in front of the camera and inside the frame less `margin` (a fraction) at each edge."""
    xy, depth = camera.project(points)
    x_ok = (xy[:, 0] > margin * camera.width) & (xy[:, 0] < (1 - margin) * camera.width)
    y_ok = (xy[:, 1] > margin * camera.height) & (xy[:, 1] < (1 - margin) * camera.height)
    return bool(np.all(depth > 0) and np.all(x_ok & y_ok))


def nearest_fit(
    direction: np.ndarray, height: float, target: np.ndarray, points: np.ndarray, focal_px: float, width: int, height_px: int, margin: float
) -> Camera:
    """The camera at `height` along the horizontal `direction` from `target`, aimed at it, as near as it
    can be with every point inside the frame less the margin (bisection on the distance)."""

    def camera_at(distance: float) -> Camera:
        position = target + direction * distance
        position[2] = height
        return look_at(position, target, focal_px, width, height_px)

    near, far = 0.5, 30.0
    for _ in range(40):
        mid = (near + far) / 2
        near, far = (near, mid) if fits_in_frame(camera_at(mid), points, margin) else (mid, far)
    return camera_at(far)
