"""Postures for the child's pose, the figure four and the deadlift, built on posegen's stick body.

Same conventions as ``posegen``: a vertical body plane, ``x`` along the floor, ``height`` above it,
metres; the person's left side nearest the camera. ``posed`` adds what posegen cannot express: a
joint out of its side's plane (a leg crossed over the other, a knee turned out).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

import posegen as g
from formcheck.pose.landmarks import Landmark as L
from formcheck.pose.landmarks import Side
from formcheck.pose.pose import Pose

ARM = g.UPPER_ARM + g.FOREARM
KNEE_ON_FLOOR = 0.06


def posed(
    body: g.Body,
    t_s: float,
    depths: dict[L, float] | None = None,
    visibility: dict[L, float] | None = None,
    noise_m: float = 0.0,
    rng: np.random.Generator | None = None,
) -> Pose:
    """``g.to_pose`` with some landmarks moved to another depth (metres from the camera-side
    body plane, where the left side is at 0 and the right at ``g.BODY_DEPTH``)."""
    pose = g.to_pose(body, t_s, visibility=visibility, noise_m=noise_m, rng=rng)
    if not depths:
        return pose
    world, depth = pose.world.copy(), pose.depth.copy()
    for landmark, z in depths.items():
        plane = 0.0 if landmark.name.startswith("LEFT") else g.BODY_DEPTH
        world[landmark, 2] += z - plane
        depth[landmark] += (z - plane) * g.PIXELS_PER_METRE
    return replace(pose, world=world, depth=depth)


def kneeling_fold(knee_deg: float, hip_deg: float, arm_deg: float, head_down_deg: float = 20.0) -> g.Body:
    """Kneeling, shins along the floor behind the knees, head toward +x. ``knee_deg``: hip-knee-ankle
    angle (90 on hands and knees, 30-40 sitting back on the heels); ``hip_deg``: shoulder-hip-knee
    (90 on hands and knees, 20-30 with the chest on the thighs); ``arm_deg``: shoulder-to-hand
    direction above the +x axis (-90 hanging down, about -20 reaching forward to the floor)."""
    knee = np.array([0.0, KNEE_ON_FLOOR])
    ankle = knee + g.SHIN * g.unit(180.0 - 2.0)
    thigh_angle = 180.0 - knee_deg
    hip = knee + g.THIGH * g.unit(thigh_angle)
    trunk_angle = thigh_angle - 180.0 + hip_deg
    shoulder = hip + g.TRUNK * g.unit(trunk_angle)
    joints = {
        "knee": knee,
        "ankle": ankle,
        "heel": ankle + np.array([-0.02, 0.05]),
        "toe": ankle + np.array([-0.12, -0.03]),
        "hip": hip,
        "shoulder": shoulder,
        "elbow": shoulder + g.UPPER_ARM * g.unit(arm_deg),
        "wrist": shoulder + ARM * g.unit(arm_deg),
        "ear": shoulder + g.NECK * g.unit(trunk_angle - head_down_deg),
        "eye": shoulder + (g.NECK + 0.03) * g.unit(trunk_angle - head_down_deg - 8.0),
    }
    return g.Body.symmetric(joints)


def _reach_deg(shoulder_height: float) -> float:
    """Arm direction that puts straight arms' hands on the floor ahead of the shoulders."""
    return -float(np.degrees(np.arcsin(min(1.0, max(shoulder_height - 0.03, 0.0) / ARM))))


def childs_pose(knee_deg: float = 35.0, hip_deg: float = 25.0, arms: str = "forward") -> g.Body:
    """Child's pose: sitting back toward the heels, chest on the thighs, arms reaching forward
    along the floor (``arms="back"``: alongside the legs, hands by the feet)."""
    shoulder_height = kneeling_fold(knee_deg, hip_deg, 0.0).left["shoulder"][1]
    return kneeling_fold(knee_deg, hip_deg, _reach_deg(shoulder_height) if arms == "forward" else 190.0)


def hands_and_knees_to_childs_pose(u: float) -> g.Body:
    """From hands and knees, arms straight down (u=0), to child's pose (u=1), the knee, hip and
    arm angles moving evenly."""
    final = childs_pose()
    reach = _reach_deg(final.left["shoulder"][1])
    return kneeling_fold(90.0 + u * (35.0 - 90.0), 90.0 + u * (25.0 - 90.0), -90.0 + u * (reach + 90.0))


def figure_four(crossed: Side, thigh_deg: float = 95.0, knee_deg: float = 90.0) -> tuple[g.Body, dict[L, float]]:
    """Supine, head at x=0, the ``crossed`` leg's ankle resting on the other knee, its knee turned
    out; the supporting thigh ``thigh_deg`` above the floor (55: foot on the floor, 90 and more:
    pulled toward the chest). Returns the body and the depths for ``posed``."""
    shoulder = np.array([0.0, g.SHOULDER_ON_FLOOR])
    hip = shoulder + np.array([g.TRUNK, 0.0])
    knee = hip + g.THIGH * g.unit(thigh_deg)
    ankle = knee + g.SHIN * g.unit(thigh_deg + 180.0 + (180.0 - knee_deg))
    head = {
        "shoulder": shoulder,
        "hip": hip,
        "ear": shoulder + np.array([-g.NECK, 0.02]),
        "eye": shoulder + np.array([-g.NECK - 0.03, 0.06]),
        "elbow": shoulder + np.array([g.UPPER_ARM * 0.7, 0.15]),
        "wrist": knee + np.array([-0.05, -0.05]),
    }
    support = {**head, "knee": knee, "ankle": ankle, "heel": ankle + np.array([0.05, -0.05]), "toe": ankle + np.array([0.17, 0.02])}
    rest = knee + np.array([-0.04, 0.07])  # the crossed ankle on the lower thigh, just above the knee
    crossed_knee = hip + 0.6 * g.THIGH * g.unit(thigh_deg - 25.0)  # turned out: short in the body plane
    cross = {**head, "knee": crossed_knee, "ankle": rest, "heel": rest + np.array([0.0, -0.04]), "toe": rest + np.array([0.0, 0.16])}
    body = g.Body(cross, support) if crossed is Side.LEFT else g.Body(support, cross)
    support_depth = 0.0 if crossed is Side.RIGHT else g.BODY_DEPTH
    crossed_plane = 0.0 if crossed is Side.LEFT else g.BODY_DEPTH
    outward = -1.0 if crossed is Side.LEFT else 1.0  # the crossed knee opens away from the body
    ankle_depth = support_depth + 0.05 * (1.0 if crossed is Side.RIGHT else -1.0)
    depths = {
        _of(crossed, "ANKLE"): ankle_depth,
        _of(crossed, "HEEL"): ankle_depth,
        _of(crossed, "FOOT_INDEX"): ankle_depth + outward * 0.05,
        _of(crossed, "KNEE"): crossed_plane + outward * 0.55 * g.THIGH,  # the knee's sideways reach
    }
    return body, depths


def _of(side: Side, name: str) -> L:
    return L[f"{side.value.upper()}_{name}"]


RDL_SHIFT_M = 1.0
"""Single-leg deadlifts stand this far along +x so the raised leg stays in the picture."""


def shifted(body: g.Body, dx: float) -> g.Body:
    """The same body moved ``dx`` metres along the floor."""
    move = np.array([dx, 0.0])
    return g.Body({k: v + move for k, v in body.left.items()}, {k: v + move for k, v in body.right.items()})


def single_leg_rdl(stance: Side, lean_deg: float, knee_bend_deg: float = 15.0) -> g.Body:
    """Single-leg Romanian deadlift on the ``stance`` leg, facing +x: the trunk tips ``lean_deg``
    forward and the free leg rises straight behind, in line with the trunk (hanging 10 degrees
    back with the foot just off the floor when standing tall)."""
    body = g.standing(knee_bend_deg, lean_deg)
    free = body.side(stance.other)
    hip = free["hip"]
    leg_angle = 270.0 - max(lean_deg, 10.0)
    knee = hip + g.THIGH * g.unit(leg_angle)
    ankle = knee + g.SHIN * g.unit(leg_angle)
    free.update(knee=knee, ankle=ankle, heel=ankle + 0.06 * g.unit(leg_angle - 90.0), toe=ankle + 0.15 * g.unit(leg_angle + 90.0))
    return shifted(body, RDL_SHIFT_M)


def hinge(knee_bend_deg: float, trunk_lean_deg: float) -> g.Body:
    """Two-legged hinge or squat (``g.standing``), named for readability in sequences."""
    return g.standing(knee_bend_deg, trunk_lean_deg)


def in_position(poses, duration_s: float = 3.0, judged_from_s: float = 0.0, exercises=None) -> set[str]:
    """Ids of the registered exercises that are in position at some moment from ``judged_from_s``
    on while ``poses(t)`` plays: what automatic recognition would see as candidates."""
    from formcheck.core import Status
    from formcheck.exercises import RECOGNISABLE

    found = set()
    for exercise_id, cls in (exercises or RECOGNISABLE).items():
        assessments, _ = g.run(cls(), poses, duration_s)
        if any(a.status is Status.IN_POSITION and a.t_s >= judged_from_s for a in assessments):
            found.add(exercise_id)
    return found


def still(body: g.Body, depths: dict[L, float] | None = None, noise_m: float = 0.003, seed: int = 0):
    """``poses(t)`` of a body held still, with landmark jitter."""
    rng = np.random.default_rng(seed)
    return lambda t: posed(body, t, depths=depths, noise_m=noise_m, rng=rng)


def after_standing(body: g.Body, tall: g.Body | None = None, standing_s: float = 1.0, noise_m: float = 0.003, seed: int = 0):
    """Standing ``tall`` (default ``g.standing()``) for ``standing_s``, as a lift starts, then
    ``body`` held still."""
    rng = np.random.default_rng(seed)
    start = tall if tall is not None else g.standing()
    return lambda t: g.to_pose(start if t < standing_s else body, t, noise_m=noise_m, rng=rng)
