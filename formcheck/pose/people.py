"""Which person to follow when the pose model finds more than one.

The rule, in order:
1. keep following the same person: the candidate whose body box overlaps the followed person's
   last box most (at least ``MIN_CONTINUITY_IOU``), so a second person walking past, or growing
   larger by coming nearer the camera, does not take over;
2. otherwise (the first frame, or the followed person was lost for ``LOST_AFTER_S``): the
   largest person in view, since the one exercising is filmed whole from 2-3 m; persons within
   ``SIZE_TIE`` of the largest are told apart by who is nearest the centre of the picture.

Looking for more than one person costs: MediaPipe then runs its person detector on every frame
(107 against 75 ms a frame on plank_side_clean_b.mp4, 2 cores). So a one-person tracker does the
work on every frame while one person is in view, a two-person model looks once every
``CROWD_CHECK_S``, and takes over while a second person is there. Frames with more than one person are counted so the report
can warn; the overlay warns per frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

MIN_CONTINUITY_IOU = 0.3
"""Box overlap (intersection over union) that still counts as the same person one pose later:
at 15 poses a second a person moves a few percent of their box between poses."""
LOST_AFTER_S = 1.0
"""After this long without the followed person, choose afresh."""
SIZE_TIE = 0.1
"""Box areas within this fraction of the largest count as the same size."""
BOX_VISIBILITY = 0.5
"""Landmarks seen at least this well define a person's box (MediaPipe's drawing threshold)."""
CROWD_CHECK_S = 1.0
"""How often the two-person model looks for a second person while one is followed (one extra
inference a second: about 7% more at 15 poses a second)."""
CALM_S = 2.0
"""Back to the one-person tracker after this long with only one person found."""
CROWDED_MIN_S = 1.0
"""More than one person for at least this long (in total) gets a warning in the report; a
single stray detection does not."""


@dataclass(frozen=True)
class Box:
    """A person's extent in normalised image coordinates."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, xy: np.ndarray, visibility: np.ndarray) -> "Box":
        seen = xy[visibility >= BOX_VISIBILITY]
        points = seen if len(seen) >= 2 else xy
        (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
        return cls(float(x0), float(y0), float(x1), float(y1))

    @property
    def area(self) -> float:
        return max(self.x1 - self.x0, 0.0) * max(self.y1 - self.y0, 0.0)

    def distance_to_centre(self) -> float:
        return float(np.hypot((self.x0 + self.x1) / 2 - 0.5, (self.y0 + self.y1) / 2 - 0.5))

    def iou(self, other: "Box") -> float:
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        inter = max(width, 0.0) * max(height, 0.0)
        union = self.area + other.area - inter
        return inter / union if union > 0 else 0.0


DUPLICATE_IOU = 0.5
"""Two detections whose boxes overlap this much are one person found twice: the several-people
model returns the close-framed bird dog clip's one person twice (overlap 0.89-0.91), which must
not switch to the crowd model nor warn. Two real people side by side overlap far less."""


def distinct(boxes: Sequence[Box]) -> list[int]:
    """Indices of ``boxes`` that are different people, largest first: a box overlapping a larger
    kept one by ``DUPLICATE_IOU`` or more is the same person again."""
    kept: list[int] = []
    for i in sorted(range(len(boxes)), key=lambda i: boxes[i].area, reverse=True):
        if all(boxes[i].iou(boxes[k]) < DUPLICATE_IOU for k in kept):
            kept.append(i)
    return kept


def boxes_of(people: Sequence[Sequence[Any]]) -> list[Box]:
    """Boxes of MediaPipe's per-person landmark lists (points with x, y and visibility)."""
    return [
        Box.of(np.array([(p.x, p.y) for p in points]), np.array([p.visibility or 0.0 for p in points])) for points in people
    ]


class PersonSelector:
    """Chooses one of the persons found in each frame, consistently from frame to frame."""

    def __init__(self) -> None:
        self._last: Box | None = None
        self._last_t_s = float("-inf")
        self._crowded: list[float] = []
        self._gap_s = 0.0
        self._previous_t_s: float | None = None
        self.most_people = 1
        self._checked_t_s = float("-inf")
        self._crowded_until_s = float("-inf")

    def crowded(self, t_s: float) -> bool:
        """More than one person was found within the last ``CALM_S``."""
        return t_s < self._crowded_until_s

    def wants_crowd_model(self, t_s: float) -> bool:
        """Whether this frame should go through the model that finds several people."""
        return self.crowded(t_s) or t_s - self._checked_t_s >= CROWD_CHECK_S

    def counted(self, people: int, t_s: float) -> None:
        """The several-people model found ``people`` at ``t_s``."""
        self._checked_t_s = t_s
        if people > 1:
            self._crowded_until_s = t_s + CALM_S

    def select(self, boxes: list[Box], t_s: float) -> int | None:
        """Index into ``boxes`` of the person to follow (None if there is nobody)."""
        step = t_s - self._previous_t_s if self._previous_t_s is not None else 0.0
        self._previous_t_s = t_s
        if not boxes:
            return None
        if len(boxes) > 1:
            self._crowded.append(step)
            self.most_people = max(self.most_people, len(boxes))
        chosen = self._continuing(boxes, t_s)
        if chosen is None:
            chosen = self._largest(boxes)
        self._last, self._last_t_s = boxes[chosen], t_s
        return chosen

    def _continuing(self, boxes: list[Box], t_s: float) -> int | None:
        if self._last is None or t_s - self._last_t_s > LOST_AFTER_S:
            return None
        overlaps = [box.iou(self._last) for box in boxes]
        best = int(np.argmax(overlaps))
        return best if overlaps[best] >= MIN_CONTINUITY_IOU else None

    @staticmethod
    def _largest(boxes: list[Box]) -> int:
        largest = max(box.area for box in boxes)
        tied = [i for i, box in enumerate(boxes) if box.area >= (1.0 - SIZE_TIE) * largest]
        return min(tied, key=lambda i: boxes[i].distance_to_centre())

    @property
    def crowded_s(self) -> float:
        """Seconds (between analysed frames) with more than one person in view."""
        return float(sum(self._crowded))

    def warnings(self) -> list[str]:
        """The report's warning when more than one person was in view for long enough."""
        if self.crowded_s < CROWDED_MIN_S:
            return []
        return [
            f"up to {self.most_people} people were in view for {self.crowded_s:.1f} s: formcheck followed one"
            " (the largest at first, then the same person from frame to frame); film one person at a time"
        ]
