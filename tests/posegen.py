"""Synthetic landmark sequences for unit tests: a stick body posed by a few joint angles.

Bodies are built in a vertical plane seen from the side: ``x`` along the floor (toward the head
for floor exercises), ``height`` above the floor, in metres. The person's left side faces the
camera (depth 0), the right side is ``BODY_DEPTH`` further away. World landmarks follow
MediaPipe's axes (y down); image landmarks are an orthographic view of the same body.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from formcheck.pose.landmarks import Landmark as L
from formcheck.pose.landmarks import Side
from formcheck.pose.pose import Pose

IMAGE_SIZE = (1280, 720)
PIXELS_PER_METRE = 400.0
IMAGE_ORIGIN = (200.0, 620.0)
"""Pixel position of the world point x=0 on the floor."""
BODY_DEPTH = 0.3
"""Distance between the left and right body halves, metres (shoulder/hip width)."""
FAR_VISIBILITY = 0.9

TRUNK = 0.55
THIGH = 0.45
SHIN = 0.45
UPPER_ARM = 0.30
FOREARM = 0.28
NECK = 0.22


def unit(angle_deg: float) -> np.ndarray:
    """Unit vector at ``angle_deg`` above the +x axis in the body plane."""
    a = math.radians(angle_deg)
    return np.array([math.cos(a), math.sin(a)])


@dataclass
class Body:
    """Sagittal-plane joint positions (x, height) for each side of the body."""

    left: dict[str, np.ndarray]
    right: dict[str, np.ndarray]

    @classmethod
    def symmetric(cls, joints: dict[str, np.ndarray]) -> "Body":
        return cls(dict(joints), {k: v.copy() for k, v in joints.items()})

    def side(self, side: Side) -> dict[str, np.ndarray]:
        return self.left if side is Side.LEFT else self.right


_LANDMARKS = {
    "ear": (L.LEFT_EAR, L.RIGHT_EAR),
    "eye": (L.LEFT_EYE, L.RIGHT_EYE),
    "shoulder": (L.LEFT_SHOULDER, L.RIGHT_SHOULDER),
    "elbow": (L.LEFT_ELBOW, L.RIGHT_ELBOW),
    "wrist": (L.LEFT_WRIST, L.RIGHT_WRIST),
    "hip": (L.LEFT_HIP, L.RIGHT_HIP),
    "knee": (L.LEFT_KNEE, L.RIGHT_KNEE),
    "ankle": (L.LEFT_ANKLE, L.RIGHT_ANKLE),
    "heel": (L.LEFT_HEEL, L.RIGHT_HEEL),
    "toe": (L.LEFT_FOOT_INDEX, L.RIGHT_FOOT_INDEX),
}
_HAND = {  # hand points follow the wrist
    L.LEFT_PINKY: L.LEFT_WRIST, L.LEFT_INDEX: L.LEFT_WRIST, L.LEFT_THUMB: L.LEFT_WRIST,
    L.RIGHT_PINKY: L.RIGHT_WRIST, L.RIGHT_INDEX: L.RIGHT_WRIST, L.RIGHT_THUMB: L.RIGHT_WRIST,
}


def to_pose(
    body: Body,
    t_s: float,
    visibility: dict[L, float] | None = None,
    noise_m: float = 0.0,
    rng: np.random.Generator | None = None,
) -> Pose:
    """A ``Pose`` of ``body``: world landmarks in metres, image landmarks in pixels."""
    world = np.zeros((33, 3))
    vis = np.full(33, 0.99)
    for side, depth in ((Side.LEFT, 0.0), (Side.RIGHT, BODY_DEPTH)):
        joints = body.side(side)
        for name, pair in _LANDMARKS.items():
            if name not in joints:
                continue
            index = pair[0] if side is Side.LEFT else pair[1]
            x, height = joints[name]
            world[index] = (x, -height, depth)
            if side is Side.RIGHT:
                vis[index] = FAR_VISIBILITY
    nose_source = body.left.get("ear", body.left["shoulder"])
    world[L.NOSE] = (nose_source[0] + 0.05, -nose_source[1], BODY_DEPTH / 2)
    for hand, wrist in _HAND.items():
        world[hand] = world[wrist]
    if noise_m and rng is not None:
        world = world + rng.normal(0.0, noise_m, world.shape)
    xy = np.stack(
        [IMAGE_ORIGIN[0] + world[:, 0] * PIXELS_PER_METRE, IMAGE_ORIGIN[1] + world[:, 1] * PIXELS_PER_METRE], axis=1
    )
    for landmark, value in (visibility or {}).items():
        vis[landmark] = value
    centred = world - world[[L.LEFT_HIP, L.RIGHT_HIP]].mean(axis=0)
    return Pose(xy=xy, depth=world[:, 2] * PIXELS_PER_METRE, world=centred, visibility=vis, image_size=IMAGE_SIZE, t_s=t_s)


# --- exercise postures -------------------------------------------------------------------

SHOULDER_ON_FLOOR = 0.10


def bridge(hip_extension_deg: float, knee_deg: float = 90.0) -> Body:
    """Supine bridge: head at x=0, shoulders on the floor; the trunk rises as the hips extend
    (0 deg at 125, about 30 deg at 180), thigh bent ``180 - hip_extension`` up from the trunk line."""
    return Body.symmetric(_bridge_joints(hip_extension_deg, knee_deg))


def crunch(curl_deg: float, knee_deg: float = 90.0) -> Body:
    """Supine crunch: ``bridge(125)`` (hips on the floor, knees up) with the upper body curled
    ``curl_deg`` up off the floor about the hips, so hip extension falls from 125 as the curl rises."""
    joints = _bridge_joints(125.0, knee_deg)
    hip = joints["hip"]
    a = math.radians(-curl_deg)
    turn = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    for name in ("shoulder", "ear", "eye", "elbow", "wrist"):
        joints[name] = hip + turn @ (joints[name] - hip)
    return Body.symmetric(joints)


def heel_slide(hip_extension_deg: float) -> Body:
    """Supine heel slide: ``bridge(125)`` with the hips kept on the floor and the heel sliding along
    it, so the thigh lowers (hip extension rises) and the knee straightens."""
    joints = _bridge_joints(125.0, 90.0)
    hip, ankle = joints["hip"], joints["ankle"]
    knee = hip + THIGH * unit(180.0 - hip_extension_deg)
    drop = max(-1.0, min(1.0, (ankle[1] - knee[1]) / SHIN))
    new_ankle = knee + SHIN * np.array([math.sqrt(1.0 - drop**2), drop])
    for name in ("ankle", "heel", "toe"):
        joints[name] = joints[name] - ankle + new_ankle
    joints["knee"] = knee
    return Body.symmetric(joints)


def _bridge_joints(hip_extension_deg: float, knee_deg: float) -> dict[str, np.ndarray]:
    trunk_elevation = max(0.0, (hip_extension_deg - 125.0) / 55.0 * 30.0)
    shoulder = np.array([0.0, SHOULDER_ON_FLOOR])
    hip = shoulder + TRUNK * unit(trunk_elevation)
    thigh_angle = trunk_elevation + (180.0 - hip_extension_deg)
    knee = hip + THIGH * unit(thigh_angle)
    shin_angle = thigh_angle + 180.0 + (180.0 - knee_deg)
    ankle = knee + SHIN * unit(shin_angle)
    return {
        "shoulder": shoulder,
        "hip": hip,
        "knee": knee,
        "ankle": ankle,
        "heel": ankle + np.array([0.05, -0.05]),
        "toe": ankle + np.array([0.18, -0.06]),
        "ear": shoulder + np.array([-NECK, 0.02]),
        "eye": shoulder + np.array([-NECK - 0.03, 0.06]),
        "elbow": shoulder + np.array([UPPER_ARM, -0.05]),
        "wrist": shoulder + np.array([UPPER_ARM + FOREARM, -0.06]),
    }


def plank(line_offset: float = 0.0, head_drop_deg: float = 0.0, elbow_forward_deg: float = 0.0) -> Body:
    """Forearm plank: forearms and toes on the floor, feet at x=0, head toward +x; the hips sit
    ``line_offset`` (fraction of shoulder-ankle length) above (+) or below (-) the straight line."""
    ankle = np.array([0.0, 0.08])
    shoulder = np.array([TRUNK + THIGH + SHIN, 0.36])
    line = shoulder - ankle
    length = float(np.linalg.norm(line))
    normal = np.array([-line[1], line[0]]) / length
    hip = ankle + line * (SHIN + THIGH) / (TRUNK + THIGH + SHIN) + normal * line_offset * length
    knee = ankle + (hip - ankle) * SHIN / (SHIN + THIGH)
    elbow = shoulder + UPPER_ARM * unit(-90.0 + elbow_forward_deg)
    trunk_dir = (shoulder - hip) / np.linalg.norm(shoulder - hip)
    head_angle = math.degrees(math.atan2(trunk_dir[1], trunk_dir[0])) - head_drop_deg
    joints = {
        "ankle": ankle,
        "heel": ankle + np.array([-0.06, 0.04]),
        "toe": np.array([0.1, 0.0]),
        "knee": knee,
        "hip": hip,
        "shoulder": shoulder,
        "elbow": elbow,
        "wrist": elbow + np.array([FOREARM, 0.0]),
        "ear": shoulder + NECK * unit(head_angle),
        "eye": shoulder + (NECK + 0.03) * unit(head_angle - 5),
    }
    return Body.symmetric(joints)


def push_up(elbow_bend_deg: float = 0.0) -> Body:
    """Straight-arm plank on the hands (feet at x=0, head toward +x); ``elbow_bend_deg`` lowers
    the straight body toward the floor as in a push-up."""
    wrist = np.array([TRUNK + THIGH + SHIN, 0.03])
    forearm_angle = 90.0 + elbow_bend_deg / 2.0
    elbow = wrist + FOREARM * unit(forearm_angle)
    shoulder = elbow + UPPER_ARM * unit(90.0 - elbow_bend_deg / 2.0)
    ankle = np.array([0.0, 0.08])
    line = shoulder - ankle
    hip = ankle + line * (SHIN + THIGH) / (TRUNK + THIGH + SHIN)
    joints = {
        "ankle": ankle,
        "heel": ankle + np.array([-0.06, 0.04]),
        "toe": np.array([0.1, 0.0]),
        "knee": ankle + line * SHIN / (TRUNK + THIGH + SHIN),
        "hip": hip,
        "shoulder": shoulder,
        "elbow": elbow,
        "wrist": wrist,
        "ear": shoulder + NECK * unit(math.degrees(math.atan2(line[1], line[0]))),
        "eye": shoulder + (NECK + 0.03) * unit(math.degrees(math.atan2(line[1], line[0])) - 5),
    }
    return Body.symmetric(joints)


def prone_lying() -> Body:
    """Lying face down, propped on the forearms, hips and knees on the floor."""
    body = plank()
    for joints in (body.left, body.right):
        joints["hip"] = np.array([SHIN + THIGH, 0.12])
        joints["knee"] = np.array([SHIN, 0.035])
    return body


def standing(knee_bend_deg: float = 0.0, trunk_lean_deg: float = 0.0, arm_deg: float = 0.0) -> Body:
    """Upright, feet at x=0 on the floor, facing +x; ``knee_bend_deg`` > 0 squats (hips back and
    down, knees forward), ``trunk_lean_deg`` leans the trunk forward from vertical (a hinge);
    ``arm_deg`` swings the straight arms forward from hanging straight down (90: horizontal)."""
    ankle = np.array([0.0, 0.08])
    shin_angle = 90.0 - knee_bend_deg / 2.0  # shin tilts forward as the knees bend
    knee = ankle + SHIN * unit(shin_angle)
    thigh_angle = 90.0 + knee_bend_deg / 2.0  # thigh tilts back from the knee to the hip
    hip = knee + THIGH * unit(thigh_angle)
    shoulder = hip + TRUNK * unit(90.0 - trunk_lean_deg)
    joints = {
        "ankle": ankle,
        "heel": ankle + np.array([-0.05, -0.06]),
        "toe": ankle + np.array([0.15, -0.07]),
        "knee": knee,
        "hip": hip,
        "shoulder": shoulder,
        "elbow": shoulder + UPPER_ARM * unit(-90.0 + arm_deg),
        "wrist": shoulder + (UPPER_ARM + FOREARM) * unit(-90.0 + arm_deg),
        "ear": shoulder + NECK * unit(90.0 - trunk_lean_deg),
        "eye": shoulder + (NECK + 0.03) * unit(85.0 - trunk_lean_deg),
    }
    return Body.symmetric(joints)


QUADRUPED_HEIGHT = 0.62


def bird_dog(
    arm_raise: dict[Side, float], leg_raise: dict[Side, float], arm_level_deg: float = 0.0, leg_level_deg: float = 0.0, hip_roll_deg: float = 0.0
) -> Body:
    """Hands and knees, head toward +x. ``arm_raise[side]`` / ``leg_raise[side]`` in 0..1 move that
    limb from its support position to ``arm_level_deg`` / ``leg_level_deg`` above horizontal."""
    sides = {}
    for side in Side:
        u = leg_raise.get(side, 0.0)
        hip_lift = BODY_DEPTH * math.sin(math.radians(hip_roll_deg * u))
        hip = np.array([0.0, QUADRUPED_HEIGHT + hip_lift])
        shoulder = np.array([TRUNK, QUADRUPED_HEIGHT + 0.02])
        arm_angle = -90.0 + arm_raise.get(side, 0.0) * (90.0 + arm_level_deg)
        elbow = shoulder + UPPER_ARM * unit(arm_angle)
        wrist = elbow + FOREARM * unit(arm_angle)
        thigh_angle = -90.0 - u * (90.0 + leg_level_deg)  # from straight down to pointing back at the level
        knee = hip + THIGH * unit(thigh_angle)
        shin_angle = (1.0 - u) * 180.0 + u * (180.0 - leg_level_deg)
        ankle = knee + SHIN * unit(shin_angle)
        sides[side] = {
            "hip": hip,
            "shoulder": shoulder,
            "elbow": elbow,
            "wrist": wrist,
            "knee": knee,
            "ankle": ankle,
            "heel": ankle + np.array([0.0, 0.05]),
            "toe": ankle + np.array([-0.05, -0.05]),
            "ear": shoulder + NECK * unit(10.0),
            "eye": shoulder + (NECK + 0.03) * unit(5.0),
        }
    return Body(sides[Side.LEFT], sides[Side.RIGHT])


# --- timelines ----------------------------------------------------------------------------

FPS = 30.0


def ease(u: float) -> float:
    """Smooth 0->1 (smoothstep), like a person's start and stop."""
    u = min(max(u, 0.0), 1.0)
    return u * u * (3.0 - 2.0 * u)


@dataclass(frozen=True)
class RepTempo:
    rest_s: float = 1.0
    up_s: float = 1.0
    top_s: float = 1.0
    down_s: float = 1.0

    @property
    def period_s(self) -> float:
        return self.rest_s + self.up_s + self.top_s + self.down_s


def rep_phase(t_s: float, tempo: RepTempo, reps: int, lead_s: float = 1.0) -> tuple[int, float]:
    """(rep index, raise 0..1) at ``t_s`` for ``reps`` reps after ``lead_s`` at the bottom."""
    t = t_s - lead_s
    if t < 0:
        return -1, 0.0
    index = int(t // tempo.period_s)
    if index >= reps:
        return -1, 0.0
    u = t - index * tempo.period_s
    if u < tempo.up_s:
        return index, ease(u / tempo.up_s)
    u -= tempo.up_s
    if u < tempo.top_s:
        return index, 1.0
    u -= tempo.top_s
    if u < tempo.down_s:
        return index, 1.0 - ease(u / tempo.down_s)
    return index, 0.0


def timeline(duration_s: float, fps: float = FPS) -> Iterator[float]:
    for i in range(int(round(duration_s * fps))):
        yield i / fps


def run(exercise, poses: Callable[[float], Pose | None], duration_s: float, fps: float = FPS):
    """Feed ``poses(t)`` to ``exercise`` for ``duration_s``; returns (assessments, all events)."""
    assessments, events = [], []
    for t in timeline(duration_s, fps):
        assessment = exercise.update(poses(t), t)
        assessments.append(assessment)
        events.extend(assessment.events)
    events.extend(exercise.finish())
    return assessments, events
