"""What a person sees on a drawn frame: the rest timer, the set-up guidance (by the overlay's own
colours and where it puts them)."""

from __future__ import annotations

import numpy as np

from formcheck.overlay import NEUTRAL, WARNING


def _share(image: np.ndarray, rows: tuple[float, float], columns: tuple[float, float], color: tuple[int, int, int], tolerance: int = 40) -> float:
    """Share of the pixels in ``rows`` x ``columns`` (fractions of the frame) near ``color``."""
    h, w = image.shape[:2]
    band = image[int(rows[0] * h) : int(rows[1] * h), int(columns[0] * w) : int(columns[1] * w)].astype(int)
    return float((np.abs(band - np.array(color)).max(axis=2) < tolerance).mean())


def shows_rest_timer(image: np.ndarray) -> bool:
    """The big white ``REST m:ss`` across the middle (left of the plan panel's column)."""
    return _share(image, (0.28, 0.5), (0.15, 0.55), NEUTRAL) > 0.04


def shows_setup_guidance(image: np.ndarray) -> bool:
    """Large yellow guidance low in the frame, and no rest timer."""
    return _share(image, (0.5, 0.9), (0.1, 0.9), WARNING) > 0.02 and not shows_rest_timer(image)
