"""Stick-body postures of the posterior-chain exercises: hip thrust, reverse hip raise, back
extension and prone press-up, built like ``posegen``'s (x along the floor, height above it, in
metres; left side toward the camera) from its segment lengths.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

import posegen as g
from posegen import NECK, SHIN, THIGH, TRUNK, UPPER_ARM, FOREARM, Body, unit

# --- hip thrust --------------------------------------------------------------------------

BENCH_SHOULDER_HEIGHT = 0.53
"""Shoulder landmark resting on a 43 cm bench."""
ANKLE_HEIGHT = 0.08


def _direction_deg(v: np.ndarray) -> float:
    return float(np.degrees(np.arctan2(v[1], v[0])))


def hip_thrust(hip_extension_deg: float, knee_at_top_deg: float = 90.0, head_back_deg: float = 0.0) -> Body:
    """Shoulders on a bench (head at x=0, feet toward +x), feet flat on the floor.

    The feet are placed so the knee is ``knee_at_top_deg`` with the hips in line (trunk level,
    hips at shoulder height); for other extensions the trunk pivots on the bench until the shin
    reaches the same feet. ``head_back_deg`` tips the head back below the trunk line (chin up).
    """
    shoulder = np.array([0.0, BENCH_SHOULDER_HEIGHT])
    knee_top = shoulder + (TRUNK + THIGH) * unit(0.0)
    ankle = knee_top + SHIN * unit(-(180.0 - knee_at_top_deg))

    # Trunk and thigh form a rigid pair at this extension: the knee lies at a fixed distance from
    # the shoulder, on the circle of shin length around the foot; of the two crossings, the knee
    # is the upper one.
    pair = TRUNK * unit(0.0) + THIGH * unit(180.0 - hip_extension_deg)
    reach, offset = float(np.linalg.norm(pair)), _direction_deg(pair)
    gap = ankle - shoulder
    d = float(np.linalg.norm(gap))
    along = (reach**2 - SHIN**2 + d**2) / (2 * d)
    across = np.sqrt(max(reach**2 - along**2, 0.0))
    base, normal = gap / d, np.array([-gap[1], gap[0]]) / d
    knee = max((shoulder + base * along + sign * across * normal for sign in (1.0, -1.0)), key=lambda k: k[1])
    trunk = _direction_deg(knee - shoulder) - offset
    hip = shoulder + TRUNK * unit(trunk)
    back = trunk + 180.0  # from the shoulder away from the hip
    ear = shoulder + NECK * unit(back + head_back_deg)
    face = unit(back + head_back_deg - 90.0)  # the face points up, away from the floor
    joints = {
        "shoulder": shoulder,
        "hip": hip,
        "knee": knee,
        "ankle": ankle,
        "heel": ankle + np.array([-0.03, -0.05]),
        "toe": ankle + np.array([0.16, -0.07]),
        "ear": ear,
        "eye": ear + 0.04 * unit(back + head_back_deg) - 0.05 * face,
        "elbow": shoulder + UPPER_ARM * unit(trunk - 20.0),
        "wrist": shoulder + (UPPER_ARM + 0.2) * unit(trunk - 5.0),  # hands on the bar over the hips
    }
    return Body.symmetric(joints)


# --- prone on a bench / in a back extension station ----------------------------------------

BENCH_HIP_HEIGHT = 0.55
"""Hip landmark of a person lying face down on a 43 cm flat bench."""
BENCH_END_X = 1.0
"""Where the hips hang off the bench (room in the picture for the legs behind them)."""


def _prone_head(shoulder: np.ndarray, torso_deg: float) -> dict[str, np.ndarray]:
    """Face-down head in line with the torso (``torso_deg`` = direction hip->shoulder)."""
    ear = shoulder + NECK * unit(torso_deg)
    return {"ear": ear, "eye": ear + 0.04 * unit(torso_deg) + 0.05 * unit(torso_deg - 90.0)}


def prone_legs(hip: np.ndarray, thigh_deg: float, knee_deg: float) -> dict[str, np.ndarray]:
    """Legs of a face-down body from the hip: the knee bends the shin toward the back side."""
    knee = hip + THIGH * unit(thigh_deg)
    shin = thigh_deg - (180.0 - knee_deg)
    ankle = knee + SHIN * unit(shin)
    return {
        "knee": knee,
        "ankle": ankle,
        "heel": ankle + 0.06 * unit(shin + 90.0),
        "toe": ankle + 0.15 * unit(shin - 20.0),  # feet pointed
    }


def reverse_hip_raise(hip_extension_deg: float, knee_deg: float = 172.0, torso_tilt_deg: float = 0.0) -> Body:
    """Face down on a flat bench, hips off its end, head toward +x; the legs hang
    ``180 - hip_extension_deg`` below the line of the torso (140: toes on the floor; 180: in line;
    more: lifted above it). Hands grip the sides of the bench by the head."""
    hip = np.array([BENCH_END_X, BENCH_HIP_HEIGHT])
    shoulder = hip + TRUNK * unit(torso_tilt_deg)
    elbow = shoulder + UPPER_ARM * unit(-60.0)
    joints = {
        "hip": hip,
        "shoulder": shoulder,
        "elbow": elbow,
        "wrist": elbow + FOREARM * unit(10.0),
        **_prone_head(shoulder, torso_tilt_deg),
        **prone_legs(hip, torso_tilt_deg + 180.0 + (180.0 - hip_extension_deg), knee_deg),
    }
    return Body.symmetric(joints)


STATION_HIP_HEIGHT = 0.84
"""Hips on the pad of a back extension station (low enough to keep the raised head in the picture)."""


def back_extension(hip_extension_deg: float, bench_deg: float = 45.0, hands: str = "chest") -> Body:
    """In a back extension station: straight legs rise at ``bench_deg`` from the anchored feet
    to the hips on the pad, head toward +x; the torso is ``180 - hip_extension_deg`` below the
    line of the legs (90: hanging; 180: in line; more: arched above it). ``hands``: ``chest``
    (arms crossed), ``head`` (behind the head), ``hanging`` (straight down) or ``floor`` (straight
    on past the head to the floor, in line with the torso: a downward dog's arms)."""
    leg = unit(bench_deg)
    ankle = np.array([0.0, STATION_HIP_HEIGHT - (SHIN + THIGH) * leg[1]])
    knee = ankle + SHIN * leg
    hip = knee + THIGH * leg
    torso = bench_deg - (180.0 - hip_extension_deg)
    shoulder = hip + TRUNK * unit(torso)
    if hands == "head":
        elbow = shoulder + 0.25 * unit(torso + 40.0)
        wrist = shoulder + NECK * unit(torso + 10.0)
    elif hands == "floor":
        elbow = shoulder + UPPER_ARM * unit(torso)
        wrist = elbow + FOREARM * unit(torso)
    elif hands == "hanging":
        elbow = shoulder + UPPER_ARM * unit(-90.0)
        wrist = elbow + FOREARM * unit(-90.0)
    else:
        elbow = shoulder + 0.2 * unit(torso - 120.0)
        wrist = shoulder + 0.12 * unit(torso - 60.0)
    joints = {
        "ankle": ankle,
        "heel": ankle + 0.06 * unit(bench_deg + 90.0),
        "toe": ankle + 0.15 * unit(bench_deg - 110.0),
        "knee": knee,
        "hip": hip,
        "shoulder": shoulder,
        "elbow": elbow,
        "wrist": wrist,
        **_prone_head(shoulder, torso),
    }
    return Body.symmetric(joints)


# --- prone press-up ------------------------------------------------------------------------

LYING_HIP_HEIGHT = 0.11
LYING_KNEE_HEIGHT = 0.05
LYING_ANKLE_HEIGHT = 0.07
WRIST_HEIGHT = 0.04
PRESS_UP_TRUNK_DEG = 55.0
"""Hip-to-shoulder elevation with the arms straight."""
HAND_AHEAD = 0.2
"""Hands this far ahead of the pressed-up shoulders: the arms are then nearly straight."""


def _elbow(shoulder: np.ndarray, wrist: np.ndarray) -> np.ndarray:
    """Two-link arm: the elbow bends up and back (toward the feet), as in a press-up."""
    span = wrist - shoulder
    d = min(float(np.linalg.norm(span)), UPPER_ARM + FOREARM - 1e-6)
    along = (UPPER_ARM**2 - FOREARM**2 + d**2) / (2 * d)
    out = np.sqrt(max(UPPER_ARM**2 - along**2, 0.0))
    direction = span / (np.linalg.norm(span) + 1e-9)
    normal = np.array([-direction[1], direction[0]])
    if normal[0] > 0:  # toward the feet (-x)
        normal = -normal
    return shoulder + direction * along + normal * out


def prone_press_up(lift: float, hips_lift_m: float = 0.0, trunk_deg: float = PRESS_UP_TRUNK_DEG) -> Body:
    """Face down, legs on the floor (feet at x=0, head toward +x), hands planted beside the
    chest; ``lift`` 0..1 presses the chest up to ``trunk_deg``; ``hips_lift_m`` raises the pelvis
    off the floor."""
    ankle = np.array([0.0, LYING_ANKLE_HEIGHT])
    knee = np.array([SHIN, LYING_KNEE_HEIGHT])
    hip_floor = knee + np.array([THIGH, LYING_HIP_HEIGHT - LYING_KNEE_HEIGHT])
    hip = hip_floor + np.array([0.0, hips_lift_m])
    torso = lift * trunk_deg
    shoulder = hip + TRUNK * unit(torso)
    wrist = np.array([hip_floor[0] + TRUNK * np.cos(np.radians(trunk_deg)) + HAND_AHEAD, WRIST_HEIGHT])
    joints = {
        "ankle": ankle,
        "heel": ankle + np.array([0.02, 0.06]),
        "toe": ankle + np.array([-0.13, -0.06]),
        "knee": knee,
        "hip": hip,
        "shoulder": shoulder,
        "elbow": _elbow(shoulder, wrist),
        "wrist": wrist,
        **_prone_head(shoulder, torso),
    }
    return Body.symmetric(joints)


def hinge_bottom() -> Body:
    """A Romanian deadlift at its deepest: trunk level, soft knees, arms hanging with the bar."""
    return g.standing(20.0, 88.0)


def forward_bend() -> Body:
    """Standing, bent forward at the hips until the torso hangs 60 degrees below level, arms
    crossed on the chest."""
    body = g.standing(0.0, 150.0)
    for joints in (body.left, body.right):
        torso = _direction_deg(joints["shoulder"] - joints["hip"])
        joints["elbow"] = joints["shoulder"] + 0.2 * unit(torso - 120.0)
        joints["wrist"] = joints["shoulder"] + 0.12 * unit(torso - 60.0)
    return body


def superman_like() -> Body:
    """Lying face down with the arms reaching forward along the floor (a superman's start)."""
    body = prone_press_up(0.0)
    for joints in (body.left, body.right):
        joints["elbow"] = joints["shoulder"] + UPPER_ARM * unit(-3.0)
        joints["wrist"] = joints["elbow"] + FOREARM * unit(-3.0)
    return body


PUSH_UP_TOP_DEG = 17.0
"""Body line elevation of a straight-arm plank: hips 0.18 body lengths up, arms straight."""


def push_up_rise(rise: float) -> Body:
    """From lying with the hands planted as in ``prone_press_up(0)``, the straight body pivots up
    on the toes by ``rise`` 0..1 of a straight-arm plank (a push-up, or getting up into a plank)."""
    ankle = np.array([0.0, LYING_ANKLE_HEIGHT])
    lying_deg = _direction_deg(np.array([SHIN + THIGH + TRUNK, LYING_HIP_HEIGHT - LYING_ANKLE_HEIGHT]))
    body_deg = lying_deg + rise * PUSH_UP_TOP_DEG
    knee, hip, shoulder = (ankle + length * unit(body_deg) for length in (SHIN, SHIN + THIGH, SHIN + THIGH + TRUNK))
    wrist = prone_press_up(0.0).left["wrist"]
    joints = {
        "ankle": ankle,
        "heel": ankle + np.array([0.02, 0.06]),
        "toe": ankle + np.array([-0.13, -0.06]),
        "knee": knee,
        "hip": hip,
        "shoulder": shoulder,
        "elbow": _elbow(shoulder, wrist),
        "wrist": wrist,
        **_prone_head(shoulder, body_deg),
    }
    return Body.symmetric(joints)


def rolled(body: Body, far_side_up_m: float = 0.6) -> Body:
    """The body turned onto its near side: the far side lifted above it (a side plank, lying on
    one side), so the left-right shoulder line is steep instead of level."""
    for joints in body.right.values():
        joints += np.array([0.0, far_side_up_m])
    return body

def with_upper_body_at(body: Body, trunk_deg: float) -> Body:
    """The same body with the trunk turned to ``trunk_deg`` (hip->shoulder direction) about the
    hips, head and arms carried along: sitting up, standing up from a bench."""
    for joints in (body.left, body.right):
        hip = joints["hip"]
        old = joints["shoulder"] - hip
        turn = np.radians(trunk_deg - _direction_deg(old))
        rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
        for name in ("shoulder", "elbow", "wrist", "ear", "eye"):
            joints[name] = hip + rotation @ (joints[name] - hip)
    return body


def oblique(pose, yaw_deg: float = 40.0):
    """The same pose seen by a camera turned ``yaw_deg`` about the vertical: world landmarks
    rotated (the image stays as it was, which the analyzers only use for visibility)."""
    a = np.radians(yaw_deg)
    rotation = np.array([[np.cos(a), 0.0, np.sin(a)], [0.0, 1.0, 0.0], [-np.sin(a), 0.0, np.cos(a)]])
    return replace(pose, world=pose.world @ rotation.T)


def in_position(body: Body, duration_s: float = 1.0) -> set[str]:
    """Ids of the registered exercises in position after ``duration_s`` of this still posture."""
    from formcheck.exercises import RECOGNISABLE
    from formcheck.core import Status

    found = set()
    for exercise_id, cls in RECOGNISABLE.items():
        exercise = cls()
        assessment = None
        for t in g.timeline(duration_s):
            assessment = exercise.update(g.to_pose(body, t), t)
        if assessment is not None and assessment.status is Status.IN_POSITION:
            found.add(exercise_id)
    return found


def other_postures() -> dict[str, Body]:
    """Postures of the other exercises and of everyday positions, from ``posegen`` and here."""
    from formcheck.pose.landmarks import Side

    return {
        "bridge_down": g.bridge(125.0),
        "bridge_up": g.bridge(180.0),
        "plank": g.plank(),
        "prone_lying": g.prone_lying(),
        "bird_dog": g.bird_dog({}, {}),
        "bird_dog_up": g.bird_dog({Side.LEFT: 1.0}, {Side.RIGHT: 1.0}),
        "standing": g.standing(),
        "squat": g.standing(100.0, 30.0),
        "hinge": g.standing(20.0, 70.0),
        "hinge_bottom": hinge_bottom(),
        "forward_bend": forward_bend(),
        "superman_like": superman_like(),
        "hip_thrust_down": hip_thrust(100.0),
        "hip_thrust_up": hip_thrust(180.0),
        "reverse_hip_raise_down": reverse_hip_raise(140.0),
        "back_extension_down": back_extension(80.0),
        "roman_chair_down": back_extension(90.0, bench_deg=0.0),
        "press_up_down": prone_press_up(0.0),
        "press_up_up": prone_press_up(1.0),
    }
