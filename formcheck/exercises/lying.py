"""Checks shared by exercises done lying face down or face up (on the floor, a bench or a pad)."""

from __future__ import annotations

import numpy as np

from formcheck.geometry import WORLD_UP, angle_through_deg, elevation_deg
from formcheck.pose.landmarks import Landmark
from formcheck.pose.pose import Pose

MAX_SHOULDER_ROLL_DEG = 35.0
"""Face down or face up, not on one side: the left-right shoulder line within this of level.
Measured on world landmarks (the far shoulder is estimated even when hidden): the shared clips
of bridges, planks, a bird dog, a dead bug, a cat-camel and a squat stay at or below 18 degrees
(95th percentile); the side plank reads 55-73."""


def shoulder_roll_deg(pose: Pose) -> float:
    """Tilt of the left-right shoulder line from level, 0-90 degrees."""
    return abs(elevation_deg(pose.world_point(Landmark.LEFT_SHOULDER), pose.world_point(Landmark.RIGHT_SHOULDER), WORLD_UP))


def square_to_the_floor(pose: Pose) -> bool:
    """Lying on the front or the back rather than on one side."""
    return shoulder_roll_deg(pose) <= MAX_SHOULDER_ROLL_DEG


def prone_hip_extension_deg(shoulder: np.ndarray, hip: np.ndarray, knee: np.ndarray) -> float:
    """Hip extension of a face-down body: 180 with the legs in line with the torso, less with the
    legs hanging below it, more when lifted past it (shoulder-hip-knee measured on the back's side)."""
    return 360.0 - angle_through_deg(shoulder, hip, knee, WORLD_UP)
