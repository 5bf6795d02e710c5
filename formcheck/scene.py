"""Video edits that make a detected pose meaningless or stale: fades and hard cuts.

Instructional clips end by dissolving into a logo card, and MediaPipe keeps finding the fading
person for a second or more, so a plank would go on being timed into the end card. During a
dissolve the person's own contrast against the background drains away, which a moving person's
does not: frames where the contrast inside the body's bounding box falls well below its recent
level are treated as frames without a person. A hard cut (most of the picture changes at once)
keeps the pose but restarts the smoothing, so landmarks do not glide across the cut.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import cv2
import numpy as np

from formcheck.pose.pose import Pose

THUMBNAIL_SIZE = (64, 36)
CUT_MEAN_DIFFERENCE = 40.0
"""Mean absolute change of the grey thumbnail (0-255) between consecutive frames that marks a
hard cut: a moving person changes a few percent of the picture, a cut most of it."""
FADE_CONTRAST_RATIO = 0.7
"""Body-region contrast below this fraction of its recent median: the person is fading out.
Measured: a dissolve to a logo drops it to 0.7 within 0.1 s and to 0.1 within a second; a
person squatting on a plain background dips to 0.8 at most."""
FADE_REFERENCE_S = 2.0
"""The recent level is the median contrast over this long."""
FADE_MIN_FRAMES = 3
"""Consecutive low-contrast frames before a fade is declared (single-frame blips are noise)."""
MAX_FADE_S = 3.0
"""Dissolves are short; contrast that stays low longer is the new normal (lighting changed),
so the recent level restarts from it."""
MIN_REGION_PIXELS = 100


@dataclass(frozen=True)
class SceneState:
    fading: bool
    cut: bool


class SceneChangeDetector:
    """Per frame: is the person fading out of a dissolve, and did a hard cut just happen?"""

    def __init__(self) -> None:
        self._previous: np.ndarray | None = None
        self._contrasts: deque[tuple[float, float]] = deque()
        self._low_frames = 0
        self._low_since: float | None = None
        self.cuts = 0

    def update(self, image_bgr: np.ndarray, pose: Pose | None, t_s: float) -> SceneState:
        grey = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY) if image_bgr.ndim == 3 else image_bgr
        thumb = cv2.resize(grey, THUMBNAIL_SIZE, interpolation=cv2.INTER_AREA).astype(np.float32)
        cut = self._previous is not None and float(np.abs(thumb - self._previous).mean()) > CUT_MEAN_DIFFERENCE
        self._previous = thumb
        if cut:
            self.cuts += 1
            self._contrasts.clear()
            self._low_frames = 0
        return SceneState(fading=self._fading(grey, pose, t_s), cut=cut)

    def _fading(self, grey: np.ndarray, pose: Pose | None, t_s: float) -> bool:
        if pose is None:
            self._low_frames = 0
            return False
        height, width = grey.shape[:2]
        x0, y0 = np.clip(pose.xy.min(axis=0), 0, (width - 1, height - 1)).astype(int)
        x1, y1 = np.clip(pose.xy.max(axis=0), 0, (width - 1, height - 1)).astype(int)
        region = grey[y0 : y1 + 1, x0 : x1 + 1]
        if region.size < MIN_REGION_PIXELS:
            return False
        contrast = float(region.std())
        while self._contrasts and t_s - self._contrasts[0][0] > FADE_REFERENCE_S:
            self._contrasts.popleft()
        reference = float(np.median([c for _, c in self._contrasts])) if len(self._contrasts) >= 5 else contrast
        low = contrast < FADE_CONTRAST_RATIO * reference
        if low and self._low_since is not None and t_s - self._low_since > MAX_FADE_S:
            self._contrasts.clear()
            low = False
        self._low_frames = self._low_frames + 1 if low else 0
        self._low_since = (self._low_since if self._low_since is not None else t_s) if low else None
        if not low:
            self._contrasts.append((t_s, contrast))
        return self._low_frames >= FADE_MIN_FRAMES
