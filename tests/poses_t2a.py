"""Synthetic postures for the side plank, superman, dead bug and cat-camel tests, built like
posegen's: a stick ``Body`` in the body's vertical plane (x along the floor, height above it),
turned into a ``Pose`` by ``posegen.to_pose``, with the segment lengths posegen uses.

Two things posegen's side view cannot show are added after ``to_pose``: where the nose points
(posegen puts it straight ahead of the ear; the superman's neck check and face-down test need it
to point at the floor or up), and a front view (the side plank is filmed facing the chest: the
left and right halves are stacked in height, not set apart in depth).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

import posegen as g
from formcheck.pose.landmarks import Landmark as L
from formcheck.pose.landmarks import Side
from formcheck.pose.pose import Pose

STACK = g.BODY_DEPTH
"""Height between the top and bottom shoulder (and hip) of a side plank."""
FEET_STACK = 0.10
"""Height between the stacked ankles of a side plank."""
NOSE_FROM_EAR = 0.10
LYING_DROP = 0.09
"""Hips this far below the shoulder-ankle line when resting on the side, propped on the forearm
(the side plank clip reads 0.08-0.095 before the hold)."""


def pose(
    body: g.Body,
    t: float,
    face_deg: float | None = None,
    front_view: bool = False,
    yaw_deg: float = 0.0,
    noise_m: float = 0.0,
    rng: np.random.Generator | None = None,
    visibility: dict[L, float] | None = None,
) -> Pose:
    """``posegen.to_pose``, then: the nose ``NOSE_FROM_EAR`` from the near ear in direction
    ``face_deg`` (in the body plane, degrees above +x); ``front_view`` puts both halves of the body
    at the same depth (a camera facing the chest); ``yaw_deg`` turns the world about the vertical
    (an oblique camera)."""
    p = g.to_pose(body, t, visibility=visibility, noise_m=noise_m, rng=rng)
    world, xy = p.world.copy(), p.xy.copy()
    if face_deg is not None:
        offset = NOSE_FROM_EAR * g.unit(face_deg)
        world[L.NOSE] = world[L.LEFT_EAR] + (offset[0], -offset[1], g.BODY_DEPTH / 2.0)
        xy[L.NOSE] = xy[L.LEFT_EAR] + (offset[0] * g.PIXELS_PER_METRE, -offset[1] * g.PIXELS_PER_METRE)
    if front_view:
        world[:, 2] = rng.normal(0.0, noise_m, 33) if noise_m and rng is not None else 0.0
    if yaw_deg:
        a = math.radians(yaw_deg)
        x, z = world[:, 0].copy(), world[:, 2].copy()
        world[:, 0], world[:, 2] = x * math.cos(a) + z * math.sin(a), -x * math.sin(a) + z * math.cos(a)
    return replace(p, world=world, xy=xy, depth=world[:, 2] * g.PIXELS_PER_METRE)


# --- side plank (front view) -------------------------------------------------------------


def side_plank(
    support: Side = Side.RIGHT, drop: float = 0.0, straight_arm: bool = False, top_arm_up: bool = False, knee_deg: float = 180.0, lying: bool = False
) -> g.Body:
    """Side plank, feet at x=0, head toward +x, lying on ``support``'s forearm (or hand with
    ``straight_arm``). ``drop``: the hips below (+) the shoulder-ankle line, as a fraction of its
    length. ``lying``: resting on the side with the hips on the floor instead."""
    shoulder_height = (g.UPPER_ARM + g.FOREARM if straight_arm else g.UPPER_ARM) + 0.05
    length = g.TRUNK + g.THIGH + g.SHIN
    ankle_mid = np.array([0.0, 0.05 + FEET_STACK / 2.0])
    shoulder_mid = np.array([math.sqrt(length**2 - (shoulder_height + STACK / 2.0 - ankle_mid[1]) ** 2), shoulder_height + STACK / 2.0])
    line = shoulder_mid - ankle_mid
    normal = np.array([-line[1], line[0]]) / np.linalg.norm(line)
    hip_mid = ankle_mid + line * (g.SHIN + g.THIGH) / length - normal * drop * np.linalg.norm(line)
    if lying:
        hip_mid = hip_mid - normal * LYING_DROP * np.linalg.norm(line)
    bent = math.radians(180.0 - knee_deg)
    knee_mid = ankle_mid + (hip_mid - ankle_mid) * g.SHIN / (g.SHIN + g.THIGH) + np.array([0.0, -math.sin(bent) * g.SHIN])
    half = {"shoulder": STACK / 2.0, "hip": STACK / 2.0, "knee": (STACK + FEET_STACK) / 4.0, "ankle": FEET_STACK / 2.0}
    mids = {"shoulder": shoulder_mid, "hip": hip_mid, "knee": knee_mid, "ankle": ankle_mid}
    sides = {}
    for side, sign in ((support, -1.0), (support.other, 1.0)):
        joints = {name: mid + np.array([0.0, sign * half[name]]) for name, mid in mids.items()}
        joints["heel"] = joints["ankle"] + np.array([-0.06, 0.0])
        joints["toe"] = joints["ankle"] + np.array([0.12, 0.02])
        joints["ear"] = shoulder_mid + g.NECK * line / np.linalg.norm(line) + np.array([0.0, sign * 0.07])
        joints["eye"] = joints["ear"] + np.array([0.04, 0.0])
        sides[side] = joints
    bottom, top = sides[support], sides[support.other]
    if straight_arm:
        bottom["elbow"] = bottom["shoulder"] + g.UPPER_ARM * g.unit(-90.0)
        bottom["wrist"] = bottom["elbow"] + g.FOREARM * g.unit(-90.0)
    else:
        bottom["elbow"] = bottom["shoulder"] + g.UPPER_ARM * g.unit(-90.0)
        bottom["wrist"] = bottom["elbow"] + np.array([0.08, 0.0])  # the forearm points at the camera
    arm_angle = 90.0 if top_arm_up else math.degrees(math.atan2(-line[1], -line[0]))  # up, or along the body to the hip
    top["elbow"] = top["shoulder"] + g.UPPER_ARM * g.unit(arm_angle)
    top["wrist"] = top["elbow"] + g.FOREARM * g.unit(arm_angle)
    return g.Body(sides[Side.LEFT], sides[Side.RIGHT])


# --- superman (side view) ----------------------------------------------------------------

LEG_LIFT_DEG = 15.0
CHEST_LIFT_DEG = 12.0
ARM_LIFT_DEG = 25.0
PRONE_HEIGHT = 0.10
"""Hip and shoulder joint height when lying face down."""


def superman(lift: float = 0.0, arms: str = "overhead", neck_deg: float = 0.0) -> tuple[g.Body, float]:
    """Face down, feet at x=0, head toward +x; ``lift`` 0..1 raises the legs to ``LEG_LIFT_DEG``, the
    chest to ``CHEST_LIFT_DEG`` and (overhead) the arms to ``ARM_LIFT_DEG``. ``arms``: "overhead"
    (seed 002) or "sides" (seed 003). Returns the body and the face direction (degrees above +x):
    toward the floor, square to the trunk, turned up by ``neck_deg``."""
    hip = np.array([g.SHIN + g.THIGH, PRONE_HEIGHT])
    leg = 180.0 + 2.5 - (LEG_LIFT_DEG + 2.5) * lift  # ankles a little below the hips when down
    chest = CHEST_LIFT_DEG * lift
    shoulder = hip + g.TRUNK * g.unit(chest)
    if arms == "overhead":
        arm = -6.0 + (ARM_LIFT_DEG + 6.0) * lift
    else:
        arm = 185.0 - 15.0 * lift  # along the body toward the feet, hands lifting with the chest
    ear = shoulder + g.NECK * g.unit(chest + 10.0)
    ankle = hip + (g.THIGH + g.SHIN) * g.unit(leg)
    joints = {
        "hip": hip,
        "knee": hip + g.THIGH * g.unit(leg),
        "ankle": ankle,
        "heel": ankle + np.array([0.0, 0.05]),
        "toe": ankle + np.array([-0.15, -0.03]),
        "shoulder": shoulder,
        "elbow": shoulder + g.UPPER_ARM * g.unit(arm),
        "wrist": shoulder + (g.UPPER_ARM + g.FOREARM) * g.unit(arm),
        "ear": ear,
        "eye": ear + np.array([0.03, -0.04]),
    }
    return g.Body.symmetric(joints), chest - 90.0 + neck_deg


# --- dead bug (side view) ----------------------------------------------------------------

ARM_REACH_DEG = 85.0
SUPINE_HEIGHT = 0.10
FACE_UP_DEG = 80.0
"""Nose above the ear lying on the back (face to the ceiling, chin slightly tucked)."""


def dead_bug(arm_ext: dict[Side, float], leg_ext: dict[Side, float], leg_end_deg: float = 8.0, pelvis_lift_deg: float = 0.0) -> g.Body:
    """On the back, head at x=0, feet toward +x. ``arm_ext[side]`` 0..1 takes that arm from pointing
    up to overhead (``ARM_REACH_DEG`` from vertical); ``leg_ext[side]`` 0..1 takes that leg from the
    tabletop (thigh vertical, knee at 90) to long, ``leg_end_deg`` above the trunk line.
    ``pelvis_lift_deg`` tilts the shoulder-hip line by that much at full leg extension."""
    shoulder = np.array([0.0, SUPINE_HEIGHT])
    sides = {}
    for side in Side:
        a, u = arm_ext.get(side, 0.0), leg_ext.get(side, 0.0)
        lift = pelvis_lift_deg * max(leg_ext.values(), default=0.0)
        hip = shoulder + g.TRUNK * g.unit(lift)
        arm = 90.0 + ARM_REACH_DEG * a
        thigh = 90.0 - (90.0 - leg_end_deg - lift) * u
        shin = thigh - 90.0 * (1.0 - u)
        knee = hip + g.THIGH * g.unit(thigh)
        ankle = knee + g.SHIN * g.unit(shin)
        ear = shoulder + np.array([-g.NECK, 0.02])
        sides[side] = {
            "shoulder": shoulder,
            "elbow": shoulder + g.UPPER_ARM * g.unit(arm),
            "wrist": shoulder + (g.UPPER_ARM + g.FOREARM) * g.unit(arm),
            "hip": hip,
            "knee": knee,
            "ankle": ankle,
            "heel": ankle + np.array([0.0, -0.04]),
            "toe": ankle + np.array([0.05, 0.12]),
            "ear": ear,
            "eye": ear + np.array([0.03, 0.05]),
        }
    return g.Body(sides[Side.LEFT], sides[Side.RIGHT])


# --- cat-camel (side view) ---------------------------------------------------------------

QUADRUPED_EAR_DEG = 10.0
"""posegen's hands-and-knees head: the ear this far above the trunk line (eyes down, neck long)."""


def quadruped(head_pitch_deg: float = QUADRUPED_EAR_DEG) -> g.Body:
    """Hands and knees (posegen's bird dog at rest) with the ear ``head_pitch_deg`` above (+) or
    below (-) the hip-shoulder line: about -40 rounding into the cat, +45 sagging into the camel."""
    body = g.bird_dog({}, {})
    for joints in (body.left, body.right):
        trunk = joints["shoulder"] - joints["hip"]
        trunk_deg = math.degrees(math.atan2(trunk[1], trunk[0]))
        joints["ear"] = joints["shoulder"] + g.NECK * g.unit(trunk_deg + head_pitch_deg)
        joints["eye"] = joints["shoulder"] + (g.NECK + 0.03) * g.unit(trunk_deg + head_pitch_deg - 5.0)
    return body


# --- which exercises take which posture --------------------------------------------------


def then(start, target, switch_s: float = 1.0):
    """Poses of ``start`` until ``switch_s``, then of ``target`` (both functions of t)."""
    return lambda t: start(t) if t < switch_s else target(t)


def still(body: g.Body, **kwargs):
    return lambda t: pose(body, t, **kwargs)


def superman_pose(lift: float = 0.0, arms: str = "overhead", neck_deg: float = 0.0, **kwargs):
    body, face = superman(lift, arms, neck_deg)
    return still(body, face_deg=face, **kwargs)


def dead_bug_pose(arm_ext=None, leg_ext=None, **kwargs):
    return still(dead_bug(arm_ext or {}, leg_ext or {}), face_deg=FACE_UP_DEG, **kwargs)


POSTURES = {
    # posegen's postures of the tier-1 exercises and the standing negatives
    "bridge_floor": (still(g.bridge(125.0)), {"glute_bridge"}),
    "bridge_top": (then(still(g.bridge(125.0)), still(g.bridge(180.0))), {"glute_bridge"}),
    "plank": (still(g.plank()), {"plank"}),
    "prone_on_forearms": (still(g.prone_lying()), set()),
    # Hands and knees is the start of both the bird dog and the cat-camel, by nature.
    "hands_and_knees": (still(g.bird_dog({}, {})), {"bird_dog", "cat_camel"}),
    "bird_dog_raised": (then(still(g.bird_dog({}, {})), still(g.bird_dog({Side.LEFT: 1.0}, {Side.RIGHT: 1.0}))), {"bird_dog"}),
    "standing": (still(g.standing()), set()),
    "squat": (still(g.standing(100.0, 30.0)), set()),
    "hinge": (still(g.standing(20.0, 70.0)), set()),
    # side plank, front view
    "side_plank_forearm": (still(side_plank(Side.RIGHT), front_view=True), {"side_plank"}),
    "side_plank_hand_arm_up": (still(side_plank(Side.LEFT, straight_arm=True, top_arm_up=True), front_view=True), {"side_plank"}),
    "side_lying_propped": (still(side_plank(Side.RIGHT, lying=True), front_view=True), set()),
    # superman, side view
    "prone_arms_overhead": (superman_pose(0.0), {"superman"}),
    "prone_arms_by_sides": (superman_pose(0.0, arms="sides"), {"superman"}),
    "superman_up": (then(superman_pose(0.0), superman_pose(1.0)), {"superman"}),
    "superman_up_arms_by_sides": (then(superman_pose(0.0, arms="sides"), superman_pose(1.0, arms="sides")), {"superman"}),
    # dead bug, side view; lying flat on the back is nobody's position
    "dead_bug_tabletop": (dead_bug_pose(), {"dead_bug"}),
    "dead_bug_extended": (then(dead_bug_pose(), dead_bug_pose({Side.LEFT: 1.0}, {Side.RIGHT: 1.0})), {"dead_bug"}),
    "supine_flat": (dead_bug_pose({Side.LEFT: 1.0, Side.RIGHT: 1.0}, {Side.LEFT: 1.0, Side.RIGHT: 1.0}), set()),
    # cat-camel, side view (hands and knees, head down or up)
    "cat": (still(quadruped(-40.0)), {"bird_dog", "cat_camel"}),
    "camel": (still(quadruped(45.0)), {"bird_dog", "cat_camel"}),
}
"""Posture name -> (poses as a function of time, the exercises that must be in position at the
end). A posture reached from a start position (the top of a rep) is fed after 1 s of the start."""


def in_position(exercise_cls, poses, duration_s: float = 3.0, fps: float = 15.0) -> bool:
    """Whether ``exercise_cls`` is in position at the end of ``duration_s`` of ``poses``."""
    from formcheck.core import Status

    assessments, _ = g.run(exercise_cls(), poses, duration_s, fps)
    return assessments[-1].status is Status.IN_POSITION


def taken_by(poses) -> set[str]:
    """Ids of all automatically recognised exercises in position at the end of ``poses``."""
    from formcheck.exercises import RECOGNISABLE

    return {exercise_id for exercise_id, cls in RECOGNISABLE.items() if in_position(cls, poses)}


def others(exercise_id: str) -> list[str]:
    """Names of the postures that ``exercise_id`` must not take."""
    return [name for name, (_, expected) in POSTURES.items() if exercise_id not in expected]


def own(exercise_id: str) -> list[str]:
    return [name for name, (_, expected) in POSTURES.items() if exercise_id in expected]
