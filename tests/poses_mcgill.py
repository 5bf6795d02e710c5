"""Stick-body postures of the McGill endurance tests, built like ``posegen``'s (x along the
floor, height above it, in metres; the left side toward the camera), and a helper that plays a
test: settle into the position, hold, fail."""

from __future__ import annotations

import numpy as np

import posegen as g
import poses_t2a as p
from posegen import FOREARM, NECK, SHIN, THIGH, TRUNK, UPPER_ARM, Body, unit
from formcheck.pose.landmarks import Side

SITTING_HIP_HEIGHT = 0.12
FLEXOR_THIGH_DEG = 35.0
"""Thigh rising from the hip to the knee, knees bent 90 degrees, feet on the floor."""


def _arms_crossed(shoulder: np.ndarray, trunk_deg: float) -> dict[str, np.ndarray]:
    """Elbow and wrist folded across the chest, on the front of the trunk."""
    front = unit(trunk_deg - 90.0)
    return {"elbow": shoulder + 0.18 * front - 0.15 * unit(trunk_deg), "wrist": shoulder + 0.12 * front - 0.02 * unit(trunk_deg)}


def flexor(trunk_deg: float = 60.0) -> Body:
    """Sitting on the floor, knees bent toward +x, the trunk leaning back ``trunk_deg`` above the floor."""
    hip = np.array([0.0, SITTING_HIP_HEIGHT])
    back = 180.0 - trunk_deg  # hip -> shoulder points back, away from the knees
    shoulder = hip + TRUNK * unit(back)
    knee = hip + THIGH * unit(FLEXOR_THIGH_DEG)
    ankle = knee + SHIN * unit(FLEXOR_THIGH_DEG - 90.0)
    joints = {
        "hip": hip, "shoulder": shoulder, "knee": knee, "ankle": ankle,
        "heel": ankle + np.array([-0.04, -0.05]), "toe": ankle + np.array([0.14, -0.06]),
        "ear": shoulder + NECK * unit(back), "eye": shoulder + (NECK + 0.03) * unit(back - 8.0),
        **_arms_crossed(shoulder, back),
    }
    return Body.symmetric(joints)


BENCH_HIP = np.array([1.0, 0.55])


def sorensen(trunk_deg: float = 0.0, hands_down: bool = False) -> Body:
    """Face down, legs along a bench toward -x, hips at its edge, the trunk out toward +x at
    ``trunk_deg`` above (+) or below (-) horizontal; arms crossed, or reaching for the floor."""
    hip = BENCH_HIP
    shoulder = hip + TRUNK * unit(trunk_deg)
    knee, ankle = hip - np.array([THIGH, 0.0]), hip - np.array([THIGH + SHIN, 0.0])
    arms = _arms_crossed(shoulder, trunk_deg)
    if hands_down:
        arms = {"elbow": shoulder + UPPER_ARM * unit(-90.0), "wrist": shoulder + (UPPER_ARM + FOREARM) * unit(-90.0)}
    joints = {
        "hip": hip, "shoulder": shoulder, "knee": knee, "ankle": ankle,
        "heel": ankle + np.array([0.0, 0.05]), "toe": ankle + np.array([0.0, -0.08]),
        "ear": shoulder + NECK * unit(trunk_deg), "eye": shoulder + (NECK + 0.03) * unit(trunk_deg - 8.0),
        **arms,
    }
    return Body.symmetric(joints)


def ramp(t: float, start_s: float, duration_s: float, a: float, b: float) -> float:
    """``a`` until ``start_s``, easing to ``b`` over ``duration_s``."""
    return a + (b - a) * g.ease((t - start_s) / duration_s)


def flexor_poses(angle_at):
    return lambda t: g.to_pose(flexor(angle_at(t)), t)


def sorensen_poses(angle_at, hands_down_at=lambda t: False):
    return lambda t: g.to_pose(sorensen(angle_at(t), hands_down_at(t)), t)


def side_bridge_poses(support: Side, drop_at):
    """Front view of a side bridge on ``support``'s forearm, hips ``drop_at(t)`` below the line."""
    return lambda t: p.pose(p.side_plank(support, drop=drop_at(t)), t, front_view=True)


def lift_hold_lower(start_s: float, end_s: float, low: float, high: float, move_s: float = 1.0):
    """``low`` until ``start_s``, moved to ``high`` over ``move_s``, held until ``end_s``, back to ``low``."""
    return lambda t: ramp(t, start_s, move_s, low, high) if t < end_s else ramp(t, end_s, move_s, high, low)
