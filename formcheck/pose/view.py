"""Which way the camera sees the body: side-on, front-on (or from the head, feet or behind), or
oblique, read from the world landmarks' left-right axis against the image plane. The camera
set-up check asks for a view an exercise reads well; the analyzers count only in such a view
(``ViewTracker``), because seen end-on MediaPipe's depth axis turns a lying body's segments
into nonsense: a crunch filmed from the feet end reads its trunk 60 degrees below the floor."""

from __future__ import annotations

import math
from collections import deque
from enum import Enum

import numpy as np

from formcheck.pose.landmarks import Landmark as L
from formcheck.pose.pose import Pose

SIDE_MAX_DEG = 30.0
FRONT_MIN_DEG = 60.0
"""The view from the angle between the body's left-right axis and the image plane (MediaPipe's
world landmarks: x right, y down, z away from the camera): 90 deg is side-on (the far shoulder
straight behind the near one), 0 deg is front-on (or from the head or feet), oblique between.
MediaPipe on the sample clips reads 77-89 deg for side views, 50-65 for oblique ones (bird dog
rear-oblique, plank oblique) and 12-22 for the side plank filmed from the front."""
VIEW_WINDOW_S = 2.0
"""An analyzer judges the view on the median angle over this much of the recent past: one
frame's depth estimate swings, the camera does not move."""


class View(str, Enum):
    SIDE = "side"
    OBLIQUE = "oblique"
    FRONT = "front"


def view_of(angle_deg: float) -> View:
    if angle_deg >= 90.0 - SIDE_MAX_DEG:
        return View.SIDE
    if angle_deg <= 90.0 - FRONT_MIN_DEG:
        return View.FRONT
    return View.OBLIQUE


def estimate_view(pose: Pose) -> tuple[View, float]:
    """The camera's view of the body and the angle it is read from (degrees, 90 = side-on)."""
    width = (pose.world[L.LEFT_SHOULDER] - pose.world[L.RIGHT_SHOULDER]) + (pose.world[L.LEFT_HIP] - pose.world[L.RIGHT_HIP])
    angle = math.degrees(math.atan2(abs(width[2]), float(np.hypot(width[0], width[1]))))
    return view_of(angle), angle


class ViewTracker:
    """The view over the last ``VIEW_WINDOW_S``: the median of the frames' angles."""

    def __init__(self) -> None:
        self._angles: deque[tuple[float, float]] = deque()

    def __call__(self, pose: Pose, t_s: float) -> View:
        self._angles.append((t_s, estimate_view(pose)[1]))
        while t_s - self._angles[0][0] > VIEW_WINDOW_S:
            self._angles.popleft()
        return view_of(float(np.median([a for _, a in self._angles])))
