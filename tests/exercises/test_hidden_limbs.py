"""A hold goes on through a few seconds of a hidden limb while the body stays put, and ends when
the body really moves out of the position while the limb is hidden."""

import numpy as np
import pytest

import posegen as g
from formcheck.events import HoldEnded
from formcheck.exercises.base import Status
from formcheck.exercises.hidden_limbs import HIDDEN_LIMB_MAX_S
from formcheck.exercises.plank import Plank
from formcheck.pose.landmarks import Landmark as L

ARMS_HIDDEN = {lm: 0.05 for lm in (L.LEFT_ELBOW, L.RIGHT_ELBOW, L.LEFT_WRIST, L.RIGHT_WRIST)}
"""Both arms out of MediaPipe's view (the far one behind the body, the near one under a sleeve)."""
HIDDEN_FROM_S, HIDDEN_S = 6.0, 3.0


def plank_with_arms_hidden(body_at, hidden_s=HIDDEN_S, seed=0):
    """Prone lying, then a plank from 2 s to 14 s whose arms are hidden for ``hidden_s`` from 6 s;
    ``body_at(t)`` is the posture while they are."""
    rng = np.random.default_rng(seed)

    def poses(t):
        hidden = HIDDEN_FROM_S <= t < HIDDEN_FROM_S + hidden_s
        body = g.prone_lying() if not 2.0 <= t < 14.0 else (body_at(t) if hidden else g.plank())
        return g.to_pose(body, t, visibility=ARMS_HIDDEN if hidden else None, noise_m=0.003, rng=rng)

    return g.run(Plank(), poses, 16.0)


def holds(events):
    return [e for e in events if isinstance(e, HoldEnded)]


def test_the_hold_goes_on_through_three_seconds_of_hidden_arms():
    assessments, events = plank_with_arms_hidden(lambda t: g.plank())
    (hold,) = holds(events)
    assert hold.start_s == pytest.approx(2.0, abs=0.25)
    assert hold.duration_s == pytest.approx(12.0, abs=0.3)
    hidden = [a for a in assessments if HIDDEN_FROM_S + 0.5 <= a.t_s < HIDDEN_FROM_S + HIDDEN_S]
    assert all(a.status is Status.NOT_VISIBLE for a in hidden)  # said, not hidden from the user
    assert hidden[-1].hold_s == pytest.approx(HIDDEN_FROM_S + HIDDEN_S - 2.0, abs=0.3)


def test_the_hold_ends_when_the_hips_drop_out_of_position_while_the_arms_are_hidden():
    """Hidden arms, and the hips down on the floor from 7 s: the hold ended, the plank that
    follows is a new one."""
    _, events = plank_with_arms_hidden(lambda t: g.plank() if t < 7.0 else g.prone_lying())
    first, second = holds(events)
    assert first.start_s == pytest.approx(2.0, abs=0.25)
    assert first.t_s == pytest.approx(7.0, abs=0.5)
    assert second.start_s == pytest.approx(HIDDEN_FROM_S + HIDDEN_S, abs=0.5)


def test_a_limb_hidden_for_longer_than_a_few_seconds_ends_the_hold():
    _, events = plank_with_arms_hidden(lambda t: g.plank(), hidden_s=HIDDEN_LIMB_MAX_S + 2.0)
    first = holds(events)[0]
    assert first.start_s == pytest.approx(2.0, abs=0.25)
    assert first.t_s == pytest.approx(HIDDEN_FROM_S + HIDDEN_LIMB_MAX_S, abs=0.7)


def test_automatic_recognition_keeps_the_plank_through_hidden_arms():
    """In auto mode the bout is not ended (nor the undecided plank forgotten) while the hold goes on."""
    from formcheck.recognition import AutoExercise

    rng = np.random.default_rng(1)

    def poses(t):
        hidden = 4.0 <= t < 8.0
        body = g.plank() if 1.0 <= t < 16.0 else g.prone_lying()
        return g.to_pose(body, t, visibility=ARMS_HIDDEN if hidden else None, noise_m=0.003, rng=rng)

    _, events = g.run(AutoExercise(), poses, 18.0, fps=15.0)
    (hold,) = holds(events)
    assert hold.duration_s == pytest.approx(15.0, abs=0.4)
