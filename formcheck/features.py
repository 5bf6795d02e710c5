"""View-invariant features of one pose, for learned position recognition.

Everything is measured against gravity (``WORLD_UP``, on a levelled pose) or between body parts,
never against the camera: segment elevations, joint angles, heights above the lowest point per
trunk length, which way the chest faces, and how much of each limb is seen. Paired limbs are given
as (lower, higher) of the two sides rather than (left, right), so a position reads the same whichever
side faces the camera and whichever arm or leg is raised.
"""

from __future__ import annotations

import numpy as np

from formcheck.geometry import WORLD_UP
from formcheck.pose.landmarks import Joint, Landmark, Side
from formcheck.pose.pose import Pose

_SEGMENTS: tuple[tuple[str, Joint, Joint], ...] = (
    ("upper_arm", Joint.SHOULDER, Joint.ELBOW),
    ("forearm", Joint.ELBOW, Joint.WRIST),
    ("thigh", Joint.HIP, Joint.KNEE),
    ("shin", Joint.KNEE, Joint.ANKLE),
    ("foot", Joint.HEEL, Joint.FOOT_INDEX),
)
_ANGLES: tuple[tuple[str, Joint, Joint, Joint], ...] = (
    ("elbow", Joint.SHOULDER, Joint.ELBOW, Joint.WRIST),
    ("shoulder", Joint.HIP, Joint.SHOULDER, Joint.ELBOW),
    ("hip", Joint.SHOULDER, Joint.HIP, Joint.KNEE),
    ("knee", Joint.HIP, Joint.KNEE, Joint.ANKLE),
)
_HEIGHTS: tuple[tuple[str, Joint], ...] = (("wrist", Joint.WRIST), ("knee", Joint.KNEE), ("ankle", Joint.ANKLE))
_LIMBS: tuple[tuple[str, tuple[Joint, ...]], ...] = (
    ("arm", (Joint.ELBOW, Joint.WRIST)),
    ("leg", (Joint.KNEE, Joint.ANKLE)),
)
_EPS = 1e-9


def _pair(name: str) -> list[str]:
    return [f"{name}_low", f"{name}_high"]


FEATURE_NAMES: tuple[str, ...] = tuple(
    ["trunk_elevation", "head_elevation", "shoulder_line_tilt", "hip_line_tilt", "chest_up"]
    + [n for name, _, _ in _SEGMENTS for n in _pair(f"{name}_elevation")]
    + [n for name, *_ in _ANGLES for n in _pair(f"{name}_cos")]
    + ["nose_height", "shoulder_height", "hip_height"]
    + [n for name, _ in _HEIGHTS for n in _pair(f"{name}_height")]
    + [n for name, _ in _LIMBS for n in _pair(f"{name}_visibility")]
)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v) + _EPS)


def _elevation(a: np.ndarray, b: np.ndarray) -> float:
    """Sine of the angle of a->b above horizontal: 1 straight up, -1 straight down."""
    return float(np.dot(_unit(b - a), WORLD_UP))


def _cos_angle(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    return float(np.dot(_unit(a - b), _unit(c - b)))


def _sorted_pair(values: list[float]) -> list[float]:
    return sorted(values)


def pose_features(pose: Pose) -> np.ndarray:
    """The ``FEATURE_NAMES`` of one pose, as float32."""
    w = pose.world
    shoulder = (w[Landmark.LEFT_SHOULDER] + w[Landmark.RIGHT_SHOULDER]) / 2
    hip = (w[Landmark.LEFT_HIP] + w[Landmark.RIGHT_HIP]) / 2
    trunk_length = float(np.linalg.norm(shoulder - hip)) + _EPS
    across = w[Landmark.LEFT_SHOULDER] - w[Landmark.RIGHT_SHOULDER]
    chest = _unit(np.cross(across, shoulder - hip))
    lowest = float(np.min(w @ WORLD_UP))

    def height(point: np.ndarray) -> float:
        return (float(np.dot(point, WORLD_UP)) - lowest) / trunk_length

    values = [
        _elevation(hip, shoulder),
        _elevation(shoulder, w[Landmark.NOSE]),
        abs(_elevation(w[Landmark.RIGHT_SHOULDER], w[Landmark.LEFT_SHOULDER])),
        abs(_elevation(w[Landmark.RIGHT_HIP], w[Landmark.LEFT_HIP])),
        float(np.dot(chest, WORLD_UP)),
    ]
    for _, start, end in _SEGMENTS:
        values += _sorted_pair([_elevation(w[start.of(s)], w[end.of(s)]) for s in Side])
    for _, a, b, c in _ANGLES:
        values += _sorted_pair([_cos_angle(w[a.of(s)], w[b.of(s)], w[c.of(s)]) for s in Side])
    values += [height(w[Landmark.NOSE]), height(shoulder), height(hip)]
    for _, joint in _HEIGHTS:
        values += _sorted_pair([height(w[joint.of(s)]) for s in Side])
    for _, joints in _LIMBS:
        values += _sorted_pair([float(np.mean([pose.visibility[j.of(s)] for j in joints])) for s in Side])
    return np.asarray(values, dtype=np.float32)
