"""Still frames of the source video at given times, for the page's fault pictures (OpenCV seeks
by timestamp; a video that is gone or unreadable gives no frames, never an error)."""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np

FRAME_WIDTH = 560
"""Fault pictures are scaled to this width: two side by side fill the page's column."""
MAX_FRAMES = 24
"""At most this many fault pictures: a page of hundreds of frames helps nobody and weighs megabytes."""


def png_data_uri(image: np.ndarray) -> str:
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("PNG encoding failed")
    return "data:image/png;base64," + base64.b64encode(encoded.tobytes()).decode("ascii")


def frames_at(video: str | os.PathLike | None, times_s: Sequence[float]) -> list[str | None]:
    """A PNG data URI of the frame shown at each time (None where it cannot be read)."""
    found: list[str | None] = [None] * len(times_s)
    if video is None or not Path(video).is_file():
        return found
    capture = cv2.VideoCapture(str(video))
    try:
        if not capture.isOpened():
            return found
        for i, t_s in enumerate(times_s[:MAX_FRAMES]):
            capture.set(cv2.CAP_PROP_POS_MSEC, max(float(t_s), 0.0) * 1000.0)
            ok, image = capture.read()
            if not ok or image is None:
                continue
            height, width = image.shape[:2]
            scale = FRAME_WIDTH / width
            found[i] = png_data_uri(cv2.resize(image, (FRAME_WIDTH, round(height * scale)), interpolation=cv2.INTER_AREA))
    finally:
        capture.release()
    return found
