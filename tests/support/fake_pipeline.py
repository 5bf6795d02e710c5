"""Stand-ins for the pipeline's varying parts: a pose estimator that returns stick bodies by
timestamp (no MediaPipe), blank frames, a live source that hands over every frame, a sink that
keeps what it is given."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

import posegen as g
from formcheck.capture import Frame
from formcheck.pose.pose import Pose

FRAME_SIZE = (320, 180)
"""Small blank frames: the fake estimator ignores the picture, the overlay still draws on it."""


class FakeEstimator:
    """``poses(t_s)`` instead of a pose model; counts its calls."""

    model_path = Path("fake-pose.task")

    def __init__(self, poses: Callable[[float], Pose | None]) -> None:
        self._poses = poses
        self.calls = 0
        self.closed = False

    def estimate(self, image_bgr: np.ndarray, t_s: float) -> Pose | None:
        self.calls += 1
        return self._poses(t_s)

    def close(self) -> None:
        self.closed = True


def blank_frames(duration_s: float, fps: float = g.FPS) -> Iterator[Frame]:
    for index, t_s in enumerate(g.timeline(duration_s, fps)):
        yield Frame(np.full((FRAME_SIZE[1], FRAME_SIZE[0], 3), 90, np.uint8), t_s, index)


class FrameListSource:
    """A live source over a list of frames, each delivered once the consumer asks (as a camera
    that is never faster than the loop)."""

    description = "frame list"
    fps = g.FPS

    def __init__(self, frames: Iterator[Frame]) -> None:
        self._frames = iter(frames)
        self._finished = False
        self._lock = threading.Lock()

    @property
    def finished(self) -> bool:
        return self._finished

    def read(self, timeout_s: float = 0.1) -> Frame | None:
        with self._lock:
            frame = next(self._frames, None)
            self._finished = frame is None
            return frame

    def close(self) -> None:
        self._finished = True


class ListSink:
    """Keeps the frames written to it, and their timestamps."""

    warning = None

    def __init__(self) -> None:
        self.images: list[np.ndarray] = []
        self.times: list[float | None] = []
        self.closed = False

    def write(self, image: np.ndarray, t_s: float | None = None) -> None:
        self.images.append(image)
        self.times.append(t_s)

    def close(self) -> None:
        self.closed = True


def bridge_reps(reps: int, tempo: g.RepTempo = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.5, down_s=1.0)) -> Callable[[float], Pose]:
    """A stick body doing ``reps`` glute bridges (125 to 180 deg of hip extension)."""

    def poses(t_s: float) -> Pose:
        _, u = g.rep_phase(t_s, tempo, reps)
        return g.to_pose(g.bridge(125.0 + u * 55.0), t_s)

    return poses


def plank_hold(start_s: float, end_s: float) -> Callable[[float], Pose]:
    """A stick body lying prone, planking from ``start_s`` to ``end_s``."""

    def poses(t_s: float) -> Pose:
        return g.to_pose(g.plank(0.0) if start_s <= t_s < end_s else g.prone_lying(), t_s)

    return poses
