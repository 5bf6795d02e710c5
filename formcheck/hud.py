"""What the head-up display shows besides the exercise's own assessment: the plan's set and rest,
the camera set-up guidance, pause and the key help.

Plain frozen data, produced by the plan runner, the set-up check and the drivers, and drawn by
the overlay alone (``formcheck/overlay.py``), so no driver draws text of its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlanView:
    """The plan's state for the screen: which set, its target, how far along, the rest timer."""

    exercise: str
    set_label: str
    """e.g. ``SET 2/3``."""
    target: str
    """e.g. ``15 reps``, ``hold 0:30``, ``as long as you can``."""
    progress: str
    """e.g. ``7/15``; empty when resting."""
    fraction: float | None = None
    """Share of the target done (0..1); None for open targets (to form failure)."""
    rest_left_s: float | None = None
    """Seconds of rest left; None while working."""
    next_up: str = ""
    """What comes after this set or rest, e.g. ``Next: Plank, set 1/3``."""
    note: str = ""
    """How to do this set, e.g. ``pause 2 s at the top``."""
    done: bool = False


@dataclass(frozen=True)
class SetupView:
    """The camera set-up check's guidance until the view fits, then its countdown."""

    message: str
    countdown_s: float | None = None
    """Seconds left before counting starts; None while the view does not fit yet."""


@dataclass(frozen=True)
class Hud:
    """Everything on screen that is not the exercise's assessment."""

    plan: PlanView | None = None
    setup: SetupView | None = None
    paused: bool = False
    muted: bool = False
    status: str = ""
    """Key help and frame rate (live)."""
    notice: str = ""
    """A message over everything, e.g. the safety note after a pain stop."""


NO_HUD = Hud()
