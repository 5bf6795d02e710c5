"""View-invariant features of one pose, for learned position recognition.

Everything is measured against gravity (``WORLD_UP``, on a levelled pose) or between body parts,
never against the camera: segment elevations, joint angles, heights above the lowest point per
trunk length, which way the chest faces, and how much of each limb is seen. Paired limbs are given
as (lower, higher) of the two sides rather than (left, right), so a position reads the same whichever
side faces the camera and whichever arm or leg is raised.
"""

from __future__ import annotations

import numpy as np

from formcheck.geometry import WORLD_UP, unit
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


def _elevation(a: np.ndarray, b: np.ndarray) -> float:
    """Sine of the angle of a->b above horizontal: 1 straight up, -1 straight down."""
    return float(np.dot(unit(b - a), WORLD_UP))


def _cos_angle(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    return float(np.dot(unit(a - b), unit(c - b)))


def _sorted_pair(values: list[float]) -> list[float]:
    return sorted(values)


def pose_features(pose: Pose) -> np.ndarray:
    """The ``FEATURE_NAMES`` of one pose, as float32."""
    w = pose.world
    shoulder = (w[Landmark.LEFT_SHOULDER] + w[Landmark.RIGHT_SHOULDER]) / 2
    hip = (w[Landmark.LEFT_HIP] + w[Landmark.RIGHT_HIP]) / 2
    trunk_length = float(np.linalg.norm(shoulder - hip)) + _EPS
    across = w[Landmark.LEFT_SHOULDER] - w[Landmark.RIGHT_SHOULDER]
    chest = unit(np.cross(across, shoulder - hip))
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


MOTION_WINDOW_S = 2.0
"""Motion features span the last this many seconds: one slow rep of the seeds' exercises (2-4 s)
shows most of its range, and a held position none (a crunch and a bridge start alike, but only
one of them then lifts the trunk)."""

FRAME_FEATURE_NAMES: tuple[str, ...] = FEATURE_NAMES + tuple(f"{name}_range" for name in FEATURE_NAMES)
"""What the position model sees per frame: the pose's features and each one's range over the
last ``MOTION_WINDOW_S``."""


class FeatureWindow:
    """Per-frame ``FRAME_FEATURE_NAMES`` of a pose stream, from the poses of the last
    ``MOTION_WINDOW_S`` (trailing, so live and file analysis see the same values)."""

    def __init__(self, window_s: float = MOTION_WINDOW_S) -> None:
        self.window_s = window_s
        self._times: list[float] = []
        self._rows: list[np.ndarray] = []

    def reset(self) -> None:
        self._times.clear()
        self._rows.clear()

    def push(self, pose: Pose | None, t_s: float) -> np.ndarray | None:
        """The frame's features, or None without a pose (a gap does not clear the window)."""
        while self._times and t_s - self._times[0] > self.window_s:
            self._times.pop(0)
            self._rows.pop(0)
        if pose is None:
            return None
        row = pose_features(pose)
        self._times.append(t_s)
        self._rows.append(row)
        stacked = np.stack(self._rows)
        return np.concatenate([row, stacked.max(axis=0) - stacked.min(axis=0)]).astype(np.float32)
