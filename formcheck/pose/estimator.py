"""MediaPipe PoseLandmarker (Tasks API) in VIDEO mode, turning frames into ``Pose`` objects."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from formcheck.errors import ModelError
from formcheck.pose.model import resolve_model
from formcheck.pose.people import PersonSelector, boxes_of, distinct
from formcheck.pose.pose import Pose

DEBUG_ENV = "FORMCHECK_DEBUG"
"""Set to 1 to see MediaPipe's native log lines, which are otherwise silenced."""

MIN_DETECTION_CONFIDENCE = 0.5
"""Person detector score needed to start tracking (MediaPipe's default)."""
MIN_TRACKING_CONFIDENCE = 0.5
"""Below this the landmarker re-runs the detector instead of tracking (MediaPipe's default)."""
MAX_INFERENCE_WIDTH = 1280
"""Frames wider than this are downscaled before inference. The models see 224x224 and 256x256
crops, so a 1080p frame only costs colour-conversion time; landmarks come back normalised and
are mapped to the original frame's pixels."""
MAX_PEOPLE = 2
"""Persons the crowd landmarker looks for: the one-person tracker alone stitches one skeleton
across two people in view; ``PersonSelector`` says when each runs and whom to follow."""


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Point file descriptor 2 at /dev/null while MediaPipe's native code runs.

    Its C++ core logs notices to stderr at start-up and whenever tracking restarts (no GPU,
    XNNPACK, projection warnings), which would bury formcheck's own messages and progress bar.
    Python exceptions are unaffected: they propagate and are reported after the descriptor is
    restored. Costs two dup2 calls per frame.
    """
    if os.environ.get(DEBUG_ENV):
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(devnull)
        os.close(saved)


class PoseEstimator:
    """One-person pose tracker over a stream of frames with increasing timestamps.

    VIDEO mode tracks the person from frame to frame (the detector runs only when tracking is
    lost), which is both faster and steadier than IMAGE mode. MediaPipe requires timestamps in
    whole milliseconds that strictly increase; repeated or backward timestamps are nudged forward.
    """

    def __init__(self, model_path: str | os.PathLike | None = None) -> None:
        from mediapipe.tasks.python import BaseOptions, vision

        self.model_path: Path = resolve_model(model_path)
        model = self.model_path.read_bytes()
        self._options = [
            vision.PoseLandmarkerOptions(
                base_options=BaseOptions(model_asset_buffer=model),
                running_mode=vision.RunningMode.VIDEO,
                num_poses=num_poses,
                min_pose_detection_confidence=MIN_DETECTION_CONFIDENCE,
                min_tracking_confidence=MIN_TRACKING_CONFIDENCE,
            )
            for num_poses in (1, MAX_PEOPLE)
        ]
        self._landmarker, self._crowd_landmarker = self._create()

    def _create(self):
        """The one-person tracker and the several-people model, fresh; timestamps and the person
        followed start over."""
        from mediapipe.tasks.python import vision

        self._last_timestamp_ms = -1
        self.people = PersonSelector()
        try:
            with _native_stderr_silenced():
                return tuple(vision.PoseLandmarker.create_from_options(o) for o in self._options)
        except (RuntimeError, ValueError) as error:
            raise ModelError(f"cannot load pose model {self.model_path}: {error}") from error

    def restart(self) -> None:
        """Start a new stream (the next video) from the model already in memory: tracking,
        smoothing and timestamps start afresh, as in a new estimator, without reading the file."""
        self.close()
        self._landmarker, self._crowd_landmarker = self._create()

    def estimate(self, image_bgr: np.ndarray, t_s: float) -> Pose | None:
        """Landmarks of the person in ``image_bgr`` at time ``t_s``, or None if nobody is found."""
        import mediapipe as mp

        height, width = image_bgr.shape[:2]
        small = image_bgr
        if width > MAX_INFERENCE_WIDTH:
            scale = MAX_INFERENCE_WIDTH / width
            small = cv2.resize(image_bgr, (MAX_INFERENCE_WIDTH, round(height * scale)), interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
        timestamp_ms = max(int(round(t_s * 1000.0)), self._last_timestamp_ms + 1)
        self._last_timestamp_ms = timestamp_ms
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb)
        with _native_stderr_silenced():
            if self.people.wants_crowd_model(t_s):
                result = self._crowd_landmarker.detect_for_video(image, timestamp_ms)
                self.people.counted(len(distinct(boxes_of(result.pose_landmarks))), t_s)
            if not self.people.crowded(t_s):  # one person: the tracker sees every frame, as before
                result = self._landmarker.detect_for_video(image, timestamp_ms)
        found = boxes_of(result.pose_landmarks)
        people = distinct(found)
        boxes = [found[i] for i in people]
        chosen = self.people.select(boxes, t_s)
        if chosen is None:
            return None
        image_landmarks = result.pose_landmarks[people[chosen]]
        world_landmarks = result.pose_world_landmarks[people[chosen]]
        normalised = np.array([(p.x, p.y, p.z) for p in image_landmarks], dtype=np.float64)
        return Pose(
            xy=normalised[:, :2] * (width, height),
            depth=normalised[:, 2] * width,
            world=np.array([(p.x, p.y, p.z) for p in world_landmarks], dtype=np.float64),
            visibility=np.array([p.visibility if p.visibility is not None else 0.0 for p in image_landmarks]),
            image_size=(width, height),
            t_s=t_s,
            people=len(boxes),
        )

    def close(self) -> None:
        with _native_stderr_silenced():
            self._landmarker.close()
            self._crowd_landmarker.close()

    def __enter__(self) -> "PoseEstimator":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
