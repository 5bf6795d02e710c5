"""Where annotated frames go: an mp4 file written safely (complete or not at all)."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np

from formcheck.errors import InputError

FOURCC = "mp4v"
"""MPEG-4 Part 2: every OpenCV wheel can write it, and common players read it."""


class VideoFileSink:
    """Writes frames to ``path`` via a temporary file renamed on close, so an interrupted run
    leaves a playable video of what was done and never a half-written file under the real name."""

    def __init__(self, path: str | os.PathLike, fps: float, size: tuple[int, int]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._partial = self.path.with_name(self.path.stem + ".partial" + (self.path.suffix or ".mp4"))
        self._writer = cv2.VideoWriter(str(self._partial), cv2.VideoWriter_fourcc(*FOURCC), fps, size)
        if not self._writer.isOpened():
            raise InputError(f"cannot write video {self.path} (is the folder writable and the name an .mp4?)")
        self.size = size
        self.frames = 0

    def write(self, image: np.ndarray) -> None:
        if (image.shape[1], image.shape[0]) != self.size:
            image = cv2.resize(image, self.size)
        self._writer.write(image)
        self.frames += 1

    def close(self) -> Path:
        self._writer.release()
        if self.frames:
            self._partial.replace(self.path)
        else:
            self._partial.unlink(missing_ok=True)
        return self.path

    def __enter__(self) -> "VideoFileSink":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
