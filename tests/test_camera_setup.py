"""The camera set-up check on stick bodies: in frame, distance, view; then the gate's countdown."""

from dataclasses import replace

import numpy as np
import pytest

import posegen as g
from formcheck.camera_setup import COUNTDOWN_S, FIT_HOLD_S, Problem, SetupGate, check_setup
from formcheck.pose.view import View, estimate_view
from formcheck.exercises import EXERCISES


def turned(pose, degrees):
    """The same pose with the camera moved ``degrees`` around the body (about the vertical)."""
    a = np.radians(degrees)
    rotation = np.array([[np.cos(a), 0, np.sin(a)], [0, 1, 0], [-np.sin(a), 0, np.cos(a)]])
    return replace(pose, world=pose.world @ rotation.T)


def plank_pose(shift=(0.0, 0.0), scale=1.0):
    pose = g.to_pose(g.plank(), 0.0)
    centre = np.array(g.IMAGE_SIZE) / 2
    return replace(pose, xy=(pose.xy - centre) * scale + centre + np.array(shift))


@pytest.mark.parametrize("degrees, view", [(0, View.SIDE), (25, View.SIDE), (45, View.OBLIQUE), (75, View.FRONT), (90, View.FRONT)])
def test_view_from_the_body_axis(degrees, view):
    assert estimate_view(turned(plank_pose(), degrees))[0] is view


def test_a_side_on_plank_fits_and_the_exercises_declare_their_views():
    verdict = check_setup(plank_pose(), EXERCISES["plank"].views)
    assert verdict.ok and verdict.view is View.SIDE
    assert EXERCISES["side_plank"].views[0] == "front" and "side" not in EXERCISES["side_plank"].views
    # Every exercise accepts the view it is best filmed from; the side bridges (side plank, McGill's
    # side bridges) are filmed from the front, the rest from the side.
    assert all(cls.view in cls.views for cls in EXERCISES.values())
    assert all("side" in cls.views for cls in EXERCISES.values() if cls.view != "front")


def test_feet_out_of_frame_asks_to_move_the_camera_back():
    verdict = check_setup(plank_pose(shift=(-350, 0)), ("side",))
    assert verdict.problem is Problem.OUT_OF_FRAME and "move the camera back" in verdict.message.lower() and "feet" in verdict.message


def test_a_tiny_body_is_too_far():
    verdict = check_setup(plank_pose(scale=0.3), ("side",))
    assert verdict.problem is Problem.TOO_FAR and verdict.body_fraction < 0.35


def test_a_plank_filmed_from_the_front_asks_for_the_side_and_a_side_plank_the_other_way():
    verdict = check_setup(turned(plank_pose(), 80), EXERCISES["plank"].views)
    assert verdict.problem is Problem.WRONG_VIEW and verdict.message == "Turn the camera to see you from the side"
    verdict = check_setup(plank_pose(), EXERCISES["side_plank"].views)
    assert verdict.problem is Problem.WRONG_VIEW and verdict.message == "Turn the camera to see you from the front"


def test_gate_opens_after_the_view_fits_for_a_moment_and_a_countdown():
    gate = SetupGate(("side",))
    assert gate.update(None, 0.0).countdown_s is None
    assert "can't see" in gate.view.message
    fits_from = 1.0
    seen = {}
    t = fits_from
    while gate.update(plank_pose(), t) is not None:
        seen[round(t, 1)] = gate.view.countdown_s
        t += 0.1
    assert t == pytest.approx(fits_from + FIT_HOLD_S + COUNTDOWN_S, abs=0.11)
    assert seen[1.5] is None and seen[2.5] == pytest.approx(2.5, abs=0.01) and seen[4.9] == pytest.approx(0.1, abs=0.01)
    assert gate.open and gate.update(None, t + 1) is None  # once open, a set is not interrupted
