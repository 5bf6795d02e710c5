"""The view over the recent past, on stick bodies turned about the vertical."""

from dataclasses import replace

import numpy as np
import pytest

import posegen as g
from formcheck.pose.view import VIEW_WINDOW_S, View, ViewTracker, view_of


def turned(pose, degrees):
    a = np.radians(degrees)
    rotation = np.array([[np.cos(a), 0, np.sin(a)], [0, 1, 0], [-np.sin(a), 0, np.cos(a)]])
    return replace(pose, world=pose.world @ rotation.T)


@pytest.mark.parametrize("angle, view", [(89.0, View.SIDE), (60.0, View.SIDE), (45.0, View.OBLIQUE), (30.0, View.FRONT), (5.0, View.FRONT)])
def test_view_of_the_angle(angle, view):
    assert view_of(angle) is view


def test_one_swinging_frame_does_not_change_the_view():
    """MediaPipe's depth swings for a frame; the median over ``VIEW_WINDOW_S`` holds."""
    tracker, side = ViewTracker(), g.to_pose(g.plank(), 0.0)
    views = [tracker(turned(side, 90.0) if i == 20 else side, i / g.FPS) for i in range(40)]
    assert set(views) == {View.SIDE}


def test_a_camera_moved_to_the_feet_end_is_seen_within_the_window():
    tracker, side = ViewTracker(), g.to_pose(g.plank(), 0.0)
    views = [(i / g.FPS, tracker(side if i < 30 else turned(side, 90.0), i / g.FPS)) for i in range(120)]
    first_front = min(t for t, v in views if v is View.FRONT)
    assert 1.0 < first_front <= 1.0 + VIEW_WINDOW_S
    assert views[-1][1] is View.FRONT
