import math

import numpy as np
import pytest

from formcheck.geometry import IMAGE_UP, WORLD_UP, angle_deg, angle_through_deg, elevation_deg, line_offset


def rotate_about_vertical(points, degrees):
    a = math.radians(degrees)
    rotation = np.array([[math.cos(a), 0, math.sin(a)], [0, 1, 0], [-math.sin(a), 0, math.cos(a)]])
    return [rotation @ p for p in points]


def test_angle_deg():
    assert angle_deg(np.array([1, 0]), np.array([0, 0]), np.array([0, 1])) == pytest.approx(90.0)
    assert angle_deg(np.array([1, 0, 0]), np.array([0, 0, 0]), np.array([-1, 0, 0])) == pytest.approx(180.0)


def test_angle_through_is_signed_by_gravity():
    shoulder, knee = np.array([0.0, 0.0, 0.0]), np.array([1.0, 0.0, 0.0])
    hip_below = np.array([0.5, 0.1, 0.0])  # world y points down
    hip_above = np.array([0.5, -0.1, 0.0])
    assert angle_through_deg(shoulder, hip_below, knee, WORLD_UP) == pytest.approx(180 - 2 * math.degrees(math.atan(0.2)), abs=1e-6)
    assert angle_through_deg(shoulder, hip_above, knee, WORLD_UP) == pytest.approx(180 + 2 * math.degrees(math.atan(0.2)), abs=1e-6)


def test_angle_through_ignores_the_camera_direction_and_sideways_depth_error():
    """An oblique camera (body rotated about the vertical) and a hip misplaced in depth read the
    same as a side view: the angle is taken in the vertical plane of the body."""
    shoulder, hip, knee = np.array([0.0, 0.0, 0.0]), np.array([0.5, 0.1, 0.0]), np.array([1.0, -0.3, 0.0])
    side = angle_through_deg(shoulder, hip, knee, WORLD_UP)
    for degrees in (30, 60):
        assert angle_through_deg(*rotate_about_vertical([shoulder, hip, knee], degrees), WORLD_UP) == pytest.approx(side)
    assert angle_through_deg(shoulder, hip + np.array([0, 0, 0.2]), knee, WORLD_UP) == pytest.approx(side)


def test_line_offset_and_elevation():
    a, b = np.array([0.0, 0.0]), np.array([100.0, 0.0])
    assert line_offset(np.array([50.0, -10.0]), a, b, IMAGE_UP) == pytest.approx(0.1)  # image y down: -10 is above
    assert elevation_deg(np.array([0, 0, 0]), np.array([1, -1, 0]), WORLD_UP) == pytest.approx(45.0)
    assert elevation_deg(np.array([0, 0, 0]), np.array([0, 1, 1]), WORLD_UP) == pytest.approx(-45.0)
