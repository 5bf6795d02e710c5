"""Command-line values checked where they are parsed, each with a message saying what is allowed.

``argparse`` turns a ``ValueError``/``ArgumentTypeError`` from these into its usual one-line
usage error (exit 2), before any file is opened or model loaded.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from typing import NoReturn

from formcheck.errors import InputError

MIN_POSE_FPS = 2.0
"""Slowest pose rate allowed (0 means every frame): below 2 a second, holds and pauses are timed
to worse than half a second and a quick rep can fall between two poses."""
FPS_TOLERANCE = 0.5
"""A pose rate may exceed the video's reported rate by this much (29.97 vs 30 fps headers)."""
MAX_CAMERA_SIDE = 7680
"""Largest camera width or height asked for (8K)."""
MIN_CAMERA_SIDE = 16


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes in one line, like every other formcheck error (exit 2), pointing to --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"formcheck: error: {message} (see '{self.prog} --help')\n")


def pose_fps(text: str) -> float:
    """``--pose-fps``: 0 (every frame) or a rate of at least ``MIN_POSE_FPS``."""
    try:
        rate = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(rate) or rate < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not 0 (every frame) or a positive rate")
    if 0 < rate < MIN_POSE_FPS:
        raise argparse.ArgumentTypeError(f"{text} is too slow: use 0 (every frame) or at least {MIN_POSE_FPS:g} poses a second")
    return rate


def _whole_number(text: str, low: int, high: int, unknown: str, outside: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} {unknown}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{text} {outside}")
    return value


def camera_index(text: str) -> int:
    """``--camera``: a device number, 0 or more."""
    return _whole_number(text, 0, sys.maxsize, "is not a camera number (0, 1, ...)", "is not a camera number (0, 1, ...)")


def camera_side(text: str) -> int:
    """``--width``/``--height``: whole pixels in a size cameras deliver."""
    bounds = f"is outside {MIN_CAMERA_SIDE}-{MAX_CAMERA_SIDE} pixels"
    return _whole_number(text, MIN_CAMERA_SIDE, MAX_CAMERA_SIDE, "is not a whole number of pixels", bounds)


def checked_pose_fps(rate: float, video: str | os.PathLike) -> float:
    """``rate`` if ``video`` has at least that many frames a second: a faster pose rate cannot be
    met, so say so instead of pretending."""
    from formcheck.capture import VideoFileSource

    source = VideoFileSource(video)
    source.close()
    if rate > source.fps + FPS_TOLERANCE:
        raise InputError(f"--pose-fps {rate:g} is more than the video's {source.fps:.3g} frames a second; use 0 for every frame")
    return rate
