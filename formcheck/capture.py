"""Where frames come from: a video file, a camera (threaded), or a file played back as a camera.

Every source yields ``Frame`` objects with a timestamp in seconds; live sources are read by a
background thread so a slow consumer always gets the newest frame instead of a growing backlog.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from formcheck.errors import CameraLost, InputError

DEFAULT_FPS = 30.0
"""Assumed when a file reports no usable frame rate (some GIFs and broken headers)."""
MAX_PLAUSIBLE_FPS = 240.0
CAMERA_OPEN_TIMEOUT_S = 5.0
"""A camera that delivers no first frame within this is reported as unusable."""
CAMERA_LOST_AFTER_S = 2.0
"""A camera that delivers nothing for this long mid-session has gone (unplugged, taken by
another program); the session ends with the report of what was done."""


@dataclass(frozen=True, eq=False)
class Frame:
    """One picture (BGR, as OpenCV decodes it) at ``t_s`` seconds from the start."""

    image: np.ndarray
    t_s: float
    index: int


class VideoFileSource:
    """Frames of a video file (mp4, mov, avi, webm, gif, ...), timed by their index and frame rate."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise InputError(f"no such file: {self.path}")
        if self.path.is_dir():
            raise InputError(f"{self.path} is a directory, not a video file")
        if self.path.stat().st_size == 0:
            raise InputError(f"{self.path} is empty (0 bytes)")
        self._capture = cv2.VideoCapture(str(self.path))
        if not self._capture.isOpened():
            raise InputError(f"cannot open {self.path}: not a video, or a format OpenCV cannot decode")
        ok, first = self._capture.read()
        if not ok or first is None:
            self._capture.release()
            raise InputError(f"{self.path} has no readable video frames (corrupt or not a video)")
        self._first: np.ndarray | None = first
        fps = self._capture.get(cv2.CAP_PROP_FPS)
        self.fps = float(fps) if 0 < fps <= MAX_PLAUSIBLE_FPS else DEFAULT_FPS
        self.frame_count = max(int(self._capture.get(cv2.CAP_PROP_FRAME_COUNT)), 0)
        self.size = (first.shape[1], first.shape[0])
        self.frames_read = 0

    @property
    def duration_s(self) -> float:
        return self.frame_count / self.fps if self.frame_count else 0.0

    @property
    def truncated(self) -> bool:
        """Decoding stopped well before the frame count in the header: a cut-off or corrupt file."""
        return self.frame_count > 0 and self.frames_read < 0.95 * self.frame_count - 1

    def __iter__(self) -> Iterator[Frame]:
        index = 0
        try:
            while True:
                if self._first is not None:
                    image, self._first = self._first, None
                else:
                    ok, image = self._capture.read()
                    if not ok or image is None:
                        return
                if image.ndim == 2:
                    image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
                yield Frame(image, index / self.fps, index)
                index += 1
                self.frames_read = index
        finally:
            self.close()

    def close(self) -> None:
        self._capture.release()


class _ThreadedSource:
    """Base of live sources: a reader thread keeps only the newest frame."""

    description = "source"

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._latest: Frame | None = None
        self._delivered_index = -1
        self._stop = threading.Event()
        self._finished = False
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run_guarded, name=self.description, daemon=True)
        self.fps = DEFAULT_FPS
        self.frames_captured = 0

    def start(self) -> None:
        if not self._thread.is_alive() and not self._finished:
            self._thread.start()

    def _run_guarded(self) -> None:
        try:
            self._run()
        except Exception as error:  # reported to the consumer thread by read()
            self._error = error
        finally:
            with self._lock:
                self._finished = True
                self._lock.notify_all()

    def _run(self) -> None:
        raise NotImplementedError

    def _publish(self, frame: Frame) -> None:
        with self._lock:
            self._latest = frame
            self.frames_captured += 1
            self._lock.notify_all()

    @property
    def finished(self) -> bool:
        """No more frames will come (end of a played-back file)."""
        with self._lock:
            return self._finished and (self._latest is None or self._latest.index == self._delivered_index)

    def read(self, timeout_s: float = 0.1) -> Frame | None:
        """The newest frame not yet returned, waiting up to ``timeout_s``; None if none came."""
        if not self._thread.is_alive() and not self._finished:
            self.start()
        with self._lock:
            if not self._lock.wait_for(
                lambda: self._finished or (self._latest is not None and self._latest.index != self._delivered_index),
                timeout=timeout_s,
            ):
                return None
            if self._error is not None:
                raise self._error
            if self._latest is None or self._latest.index == self._delivered_index:
                return None
            self._delivered_index = self._latest.index
            return self._latest

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2.0)


class CameraSource(_ThreadedSource):
    """A webcam, read on a background thread."""

    def __init__(self, index: int = 0, width: int = 640, height: int = 480, fps: float = 30.0) -> None:
        self.description = f"camera {index}"
        super().__init__()
        self._capture = cv2.VideoCapture(index)
        if not self._capture.isOpened():
            raise InputError(f"cannot open camera {index}: no such device, or it is in use by another program")
        self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._capture.set(cv2.CAP_PROP_FPS, fps)
        reported = self._capture.get(cv2.CAP_PROP_FPS)
        self.fps = float(reported) if 0 < reported <= MAX_PLAUSIBLE_FPS else fps
        self._t0 = time.monotonic()
        self.start()
        if self.read(CAMERA_OPEN_TIMEOUT_S) is None:
            self.close()
            raise InputError(f"camera {index} opened but delivered no picture within {CAMERA_OPEN_TIMEOUT_S:.0f} s")
        self._delivered_index = -1

    def _run(self) -> None:
        index = 0
        last_frame_at = time.monotonic()
        while not self._stop.is_set():
            ok, image = self._capture.read()
            now = time.monotonic()
            if ok and image is not None:
                self._publish(Frame(image, now - self._t0, index))
                index += 1
                last_frame_at = now
            elif now - last_frame_at > CAMERA_LOST_AFTER_S:
                raise CameraLost(f"{self.description} stopped delivering frames (unplugged or taken by another program)")
            else:
                time.sleep(0.01)
        self._capture.release()


class PlaybackSource(_ThreadedSource):
    """A video file played in real time as if it were a camera: frames the consumer is too slow
    for are skipped, exactly as with a live camera. For demos and tests of the live loop.
    The clock starts at the first ``read``, once the consumer is ready (not while the model loads)."""

    def __init__(self, path: str | os.PathLike, speed: float = 1.0) -> None:
        self._video = VideoFileSource(path)
        self.description = f"playback of {self._video.path.name}"
        super().__init__()
        self.fps = self._video.fps
        self.size = self._video.size
        self._speed = speed

    def _run(self) -> None:
        start = time.monotonic()
        for frame in self._video:
            if self._stop.is_set():
                break
            delay = start + frame.t_s / self._speed - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)
            self._publish(frame)
