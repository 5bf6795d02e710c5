"""Angles and distances between body points, in 2D (image) or 3D (world) alike.

Direction words follow gravity as the camera sees it: ``up`` is a unit vector, ``WORLD_UP`` for
MediaPipe world landmarks (y points down there, as in the image) and ``IMAGE_UP`` for pixels.
This assumes a roughly level camera, as the filming instructions ask.
"""

from __future__ import annotations

import numpy as np

WORLD_UP = np.array([0.0, -1.0, 0.0])
IMAGE_UP = np.array([0.0, -1.0])
_EPS = 1e-9


def angle_deg(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    """Unsigned angle a-b-c at ``b``, 0-180 degrees."""
    u, v = np.asarray(a, float) - b, np.asarray(c, float) - b
    cosine = np.dot(u, v) / max(float(np.linalg.norm(u) * np.linalg.norm(v)), _EPS)
    return float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))))


def _perpendicular_up(a: np.ndarray, b: np.ndarray, up: np.ndarray) -> tuple[np.ndarray, float]:
    """Unit vector perpendicular to line a-b pointing as nearly 'up' as possible, and |ab|."""
    ab = np.asarray(b, float) - a
    length = float(np.linalg.norm(ab))
    direction = ab / (length + _EPS)
    normal = up - np.dot(up, direction) * direction
    return normal / (np.linalg.norm(normal) + _EPS), length


def line_offset(p: np.ndarray, a: np.ndarray, b: np.ndarray, up: np.ndarray) -> float:
    """How far ``p`` lies above the line a-b, as a fraction of |ab| (negative = below).

    "Above" is perpendicular to the line, toward ``up``: a plank's hips above the
    shoulder-ankle line (a pike) give a positive offset, sagging hips a negative one.
    """
    normal, length = _perpendicular_up(a, b, up)
    return float(np.dot(np.asarray(p, float) - a, normal) / (length + _EPS))


def to_vertical_plane(points: list[np.ndarray], a: np.ndarray, c: np.ndarray, up: np.ndarray) -> list[np.ndarray]:
    """2D coordinates (along, up) of ``points`` in the vertical plane through the line a-c.

    In a side view this is the image itself; in an oblique view it drops the sideways
    component, where MediaPipe's depth guesses are least reliable, and undoes the
    foreshortening of the body's long axis.
    """
    up = np.asarray(up, float)
    axis = np.asarray(c, float) - a
    horizontal = axis - np.dot(axis, up) * up
    horizontal /= np.linalg.norm(horizontal) + _EPS
    return [np.array([np.dot(p, horizontal), np.dot(p, up)]) for p in points]


def angle_through_deg(a: np.ndarray, b: np.ndarray, c: np.ndarray, up: np.ndarray) -> float:
    """Angle a-b-c in the vertical plane through a-c, measured on the floor side, 0-360
    degrees: 180 when straight, less when ``b`` sags below the a-c line, more when ``b`` is
    pushed above it.

    For shoulder-hip-knee this is hip extension: about 125 on the floor in a bridge, 180 with
    the hips up in line, above 180 when the hips are pushed past the line (over-arching).
    """
    a2, b2, c2 = to_vertical_plane([a, b, c], a, c, up)
    inner = angle_deg(a2, b2, c2)
    return 360.0 - inner if line_offset(b2, a2, c2, np.array([0.0, 1.0])) > 0 else inner


def elevation_deg(origin: np.ndarray, tip: np.ndarray, up: np.ndarray) -> float:
    """Angle of origin->tip above the horizontal, -90..90 degrees (negative = pointing down)."""
    v = np.asarray(tip, float) - origin
    vertical = float(np.dot(v, up))
    horizontal = float(np.linalg.norm(v - vertical * up))
    return float(np.degrees(np.arctan2(vertical, horizontal)))


def horizontal(v: np.ndarray, up: np.ndarray) -> np.ndarray:
    """``v`` with its component along ``up`` removed: its projection on the floor."""
    v = np.asarray(v, float)
    return v - np.dot(v, up) * up


def unit(v: np.ndarray) -> np.ndarray:
    """``v`` scaled to length 1 (a zero vector stays zero)."""
    return v / (np.linalg.norm(v) + _EPS)


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(np.asarray(a, float) - b))


def along(p: np.ndarray, origin: np.ndarray, toward: np.ndarray) -> float:
    """Component of origin->p along the direction origin->toward, as a fraction of that length."""
    axis = np.asarray(toward, float) - origin
    return float(np.dot(np.asarray(p, float) - origin, axis) / (np.dot(axis, axis) + _EPS))
