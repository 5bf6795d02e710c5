"""The camera set-up check before counting starts: the whole body in the picture, at a usable
distance, seen from a view the exercise reads well. ``check_setup`` is a pure function from a
pose to a verdict; ``SetupGate`` holds counting back until the view has fitted for a moment and
a short countdown has run."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from formcheck.core import Assessment, Status
from formcheck.exercises.base import Exercise
from formcheck.hud import Hud, SetupView
from formcheck.pose.landmarks import Landmark as L
from formcheck.pose.pose import Pose
from formcheck.pose.view import View, estimate_view

MIN_BODY_FRACTION = 0.35
"""The body's extent (its bounding box over the frame, on the longer axis) below this is too far:
MediaPipe's landmarks on a person that small jitter by several degrees of joint angle."""
FIT_HOLD_S = 1.0
"""The view must fit this long before the countdown starts (a person walking past does not)."""
COUNTDOWN_S = 3.0
"""The short countdown once the view fits: time to get into the starting position."""

HEAD = (L.NOSE, L.LEFT_EAR, L.RIGHT_EAR)
HANDS = (L.LEFT_WRIST, L.RIGHT_WRIST)
FEET = (L.LEFT_ANKLE, L.RIGHT_ANKLE, L.LEFT_HEEL, L.RIGHT_HEEL)
BODY = tuple(L(i) for i in range(L.NOSE, L.RIGHT_FOOT_INDEX + 1))


class Problem(str, Enum):
    NO_PERSON = "no_person"
    OUT_OF_FRAME = "out_of_frame"
    TOO_FAR = "too_far"
    WRONG_VIEW = "wrong_view"


@dataclass(frozen=True)
class Verdict:
    """What the camera sees: ``ok``, or the first problem and what to do about it."""

    ok: bool
    message: str
    problem: Problem | None = None
    view: View | None = None
    body_fraction: float = 0.0


def body_fraction(pose: Pose) -> float:
    """The body's bounding box over the frame, on whichever axis it fills more."""
    xy = pose.xy[list(BODY)]
    width, height = pose.image_size
    extent = xy.max(axis=0) - xy.min(axis=0)
    return float(max(extent[0] / width, extent[1] / height))


def _out_of_frame(pose: Pose) -> list[str]:
    parts = []
    for name, landmarks in (("feet", FEET), ("head", HEAD), ("hands", HANDS)):
        if not all(pose.in_frame(landmark) for landmark in landmarks):
            parts.append(name)
    return parts


def check_setup(pose: Pose | None, views: tuple[str, ...] | None) -> Verdict:
    """Does the camera see the whole body, close enough, from one of ``views`` (None: any view)?"""
    if pose is None:
        return Verdict(False, "Step into view: I can't see anyone", Problem.NO_PERSON)
    view, _ = estimate_view(pose)
    fraction = body_fraction(pose)
    missing = _out_of_frame(pose)
    if missing:
        return Verdict(False, f"Move the camera back, I can't see your {' or '.join(missing)}", Problem.OUT_OF_FRAME, view, fraction)
    if fraction < MIN_BODY_FRACTION:
        return Verdict(False, "Move the camera closer, you look very small", Problem.TOO_FAR, view, fraction)
    if views and view.value not in views:
        wanted = "from the side" if "side" in views else "from the front"
        return Verdict(False, f"Turn the camera to see you {wanted}", Problem.WRONG_VIEW, view, fraction)
    return Verdict(True, "Good view. Get into position", None, view, fraction)


class SetupGate:
    """Holds counting back until ``check_setup`` has passed for ``FIT_HOLD_S``, then counts down
    ``COUNTDOWN_S``; open after that (a set is not interrupted when the person moves)."""

    def __init__(self, views: tuple[str, ...] | None) -> None:
        self.views = views
        self.fits_since: float | None = None
        self.open = False
        self.view: SetupView | None = SetupView("Checking the camera...")

    def update(self, pose: Pose | None, t_s: float) -> SetupView | None:
        if self.open:
            return None
        verdict = check_setup(pose, self.views)
        if not verdict.ok:
            self.fits_since = None
            self.view = SetupView(verdict.message)
            return self.view
        if self.fits_since is None:
            self.fits_since = t_s
        left = FIT_HOLD_S + COUNTDOWN_S - (t_s - self.fits_since)
        if left <= 0:
            self.open, self.view = True, None
            return None
        self.view = SetupView(verdict.message, countdown_s=min(left, COUNTDOWN_S - 1e-6) if left <= COUNTDOWN_S else None)
        return self.view


def waiting_assessment(t_s: float, view: SetupView, exercise: str = "") -> Assessment:
    """What the exercise slot reports while the set-up check holds counting back."""
    return Assessment(t_s=t_s, status=Status.OUT_OF_POSITION, cue=view.message, exercise=exercise)


class SetupChecked:
    """An exercise analyzer behind the set-up check (``live`` without a plan): looks like the
    analyzer to the session, and shows the guidance on the HUD."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.gate = SetupGate(getattr(exercise, "views", None) or None)
        self.id, self.title = exercise.id, exercise.title
        self.two_sided, self.primary = exercise.two_sided, exercise.primary

    def update(self, pose: Pose | None, t_s: float) -> Assessment:
        view = self.gate.update(pose, t_s)
        if view is not None:
            return waiting_assessment(t_s, view, self.exercise.title)
        return self.exercise.update(pose, t_s)

    def finish(self) -> list:
        return self.exercise.finish()

    def reset(self) -> None:
        self.exercise.reset()

    def hud(self, base: Hud) -> Hud:
        return replace(base, setup=self.gate.view)
