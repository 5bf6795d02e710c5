"""Camera pitch from the contact points, and analyzers levelled to gravity: a plank filmed by a
camera looking down from a table reads as the same plank filmed level."""

from dataclasses import replace

import numpy as np
import pytest

import posegen as g
from formcheck.events import HoldEnded
from formcheck.exercises.plank import Plank
from formcheck.gravity import CALIBRATED_PITCH_DEG, MIN_FRAMES, GravityTracker, contact_pitch_deg, level

YAW_DEG = 40.0
"""A laptop 40 degrees round from the side: the body's long axis runs partly along the depth, where
the pitch shows."""


def seen_from(pose, yaw_deg=YAW_DEG, pitch_deg=0.0):
    """``pose`` as a camera turned ``yaw_deg`` about the vertical and tipped ``pitch_deg`` down
    sees it, in that camera's axes (as MediaPipe gives world landmarks)."""
    yaw, pitch = np.radians(yaw_deg), np.radians(pitch_deg)
    turn = np.array([[np.cos(yaw), 0.0, np.sin(yaw)], [0.0, 1.0, 0.0], [-np.sin(yaw), 0.0, np.cos(yaw)]])
    tip = np.array([[1.0, 0.0, 0.0], [0.0, np.cos(pitch), -np.sin(pitch)], [0.0, np.sin(pitch), np.cos(pitch)]])
    return replace(pose, world=pose.world @ (tip @ turn).T)


def plank_pose(t=0.0):
    return g.to_pose(g.plank(0.0), t)


LEVEL_READING_DEG = contact_pitch_deg(seen_from(plank_pose()), Plank.contacts)
"""A level camera's reading: the elbow and wrist landmarks sit at the joints' centres, 6 cm above
the toe tips on the floor, so the stick plank's contacts are not quite one plane (-3 degrees)."""


def test_a_level_camera_reads_nearly_level():
    assert LEVEL_READING_DEG == pytest.approx(0.0, abs=4.0)


@pytest.mark.parametrize("pitch", [12.0, 27.0, 38.0])
def test_pitch_is_read_from_the_forearms_and_toes(pitch):
    measured = contact_pitch_deg(seen_from(plank_pose(), pitch_deg=pitch), Plank.contacts)
    assert measured - LEVEL_READING_DEG == pytest.approx(pitch, abs=0.5)


def test_levelling_undoes_the_pitch():
    level_pose = seen_from(plank_pose())
    levelled = level(seen_from(plank_pose(), pitch_deg=27.0), 27.0)
    np.testing.assert_allclose(levelled.world, level_pose.world, atol=1e-9)


def test_a_slope_steeper_than_any_camera_is_not_a_floor():
    assert contact_pitch_deg(seen_from(plank_pose(), pitch_deg=50.0), Plank.contacts) is None


def test_contacts_off_the_floor_give_no_pitch():
    """Standing: the plank's forearms and toes are nowhere near one floor plane."""
    assert contact_pitch_deg(g.to_pose(g.standing(), 0.0), Plank.contacts) is None


def test_the_tracker_waits_for_agreement_and_corrects_only_past_the_calibrated_pitch():
    tracker = GravityTracker(Plank.contacts)
    pitched = seen_from(plank_pose(), pitch_deg=27.0)
    for _ in range(MIN_FRAMES - 1):
        tracker(pitched)
    assert tracker.correction_deg == 0.0
    tracker(pitched)
    assert tracker.pitch_deg - LEVEL_READING_DEG == pytest.approx(27.0, abs=0.5)
    assert tracker.correction_deg == pytest.approx(tracker.pitch_deg - CALIBRATED_PITCH_DEG, abs=1e-9)


class _CameraAxesPlank(Plank):
    """The plank read as the camera sees it, without levelling: the test's control."""

    contacts = ()


def _hold_s(exercise, pitch_deg):
    def poses(t):
        body = g.plank(0.0) if 2.0 <= t < 22.0 else g.prone_lying()
        return seen_from(g.to_pose(body, t), pitch_deg=pitch_deg)

    _, events = g.run(exercise, poses, 25.0)
    return sum(e.duration_s for e in events if isinstance(e, HoldEnded))


def test_a_plank_filmed_from_a_table_is_timed_as_filmed_level():
    """A camera 27 degrees down (0.75 m table, 2 m away, 40 degrees round): timed like level;
    read in the camera's axes, its body line tips 17 degrees and the hold is lost."""
    level_hold = _hold_s(Plank(), 0.0)
    assert level_hold == pytest.approx(20.0, abs=0.3)
    assert _hold_s(Plank(), 27.0) == pytest.approx(level_hold, abs=0.3)
    assert _hold_s(_CameraAxesPlank(), 27.0) < 0.5 * level_hold
