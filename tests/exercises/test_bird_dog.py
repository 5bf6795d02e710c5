"""Bird dog analyzer on synthetic landmark sequences: reps per side and per-rep faults."""

from dataclasses import replace

import pytest

import posegen as g
from formcheck.events import FaultEnded, RepCompleted
from formcheck.exercises.bird_dog import BirdDog
from formcheck.pose.landmarks import Landmark, Side

TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.0, down_s=1.0)
FRAMING_SHIFT_PX = 400.0
"""Moves the stick body right in the picture so the raised foot, a leg length behind the hips,
stays in view (the limb-level checks need the hand and the foot in the picture)."""


def alternating(reps, arm_level=0.0, leg_level=0.0, same_side=False, hip_roll=0.0, tempo=TEMPO, first=Side.LEFT, noise_m=0.0):
    """Rep i raises the arm of side ``first`` (alternating) and the opposite (or same) leg."""
    import numpy as np

    rng = np.random.default_rng(0)

    def poses(t):
        index, u = g.rep_phase(t, tempo, reps)
        arm_side = first if index % 2 == 0 else first.other
        leg_side = arm_side if same_side else arm_side.other
        body = g.bird_dog({arm_side: u}, {leg_side: u}, arm_level_deg=arm_level, leg_level_deg=leg_level, hip_roll_deg=hip_roll)
        pose = g.to_pose(body, t, noise_m=noise_m, rng=rng)
        return replace(pose, xy=pose.xy + (FRAMING_SHIFT_PX, 0.0))

    return poses


def run(poses, reps, tempo=TEMPO):
    return g.run(BirdDog(), poses, 1.0 + reps * tempo.period_s + 1.0)


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def codes(events):
    return sorted(e.fault.code for e in events if isinstance(e, FaultEnded))


def test_counts_reps_per_side():
    assessments, events = run(alternating(4, noise_m=0.003), 4)
    reps = reps_of(events)
    assert [r.side for r in reps] == [Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT]
    assert assessments[-1].reps_by_side == {"left": 2, "right": 2}
    assert codes(events) == []
    assert all(r.top_s == pytest.approx(1.0, abs=0.3) for r in reps)


def test_limb_below_level():
    _, events = run(alternating(2, arm_level=-30.0, leg_level=-30.0), 2)
    assert codes(events) == ["limb_below_level", "limb_below_level"]


def test_leg_kicked_above_level():
    _, events = run(alternating(1, leg_level=30.0), 1)
    assert codes(events) == ["leg_above_level"]


def test_same_side_arm_and_leg():
    _, events = run(alternating(2, same_side=True), 2)
    assert codes(events) == ["same_side_limbs", "same_side_limbs"]


def test_no_pause_is_rushing():
    rushed = g.RepTempo(rest_s=1.0, up_s=0.6, top_s=0.0, down_s=0.6)
    _, events = run(alternating(2, tempo=rushed), 2, tempo=rushed)
    assert len(reps_of(events)) == 2
    assert codes(events) == ["rushing", "rushing"]


def test_hip_rotation_is_not_judged_from_the_side():
    """From the side one hip hides behind the other: rotation is not guessed."""
    _, events = run(alternating(2, hip_roll=30.0), 2)
    assert "hip_rotation" not in codes(events)


def test_a_level_shin_in_the_air_is_not_kneeling():
    """Raised leg level behind, the other leg standing straight: a single-leg deadlift's bottom,
    not hands and knees (the kneeling shin is the one under the lower knee)."""
    import numpy as np

    from formcheck.core import Status

    body = g.bird_dog({}, {Side.LEFT: 1.0})
    hip = body.right["hip"]
    body.right.update(knee=hip + np.array([0.0, -g.THIGH]), ankle=hip + np.array([0.0, -g.THIGH - g.SHIN]))
    for joints in (body.left, body.right):
        for name in joints:
            joints[name] = joints[name] + np.array([1.0, 0.5])  # the standing foot on the floor, in frame
    assessments, _ = g.run(BirdDog(), lambda t: g.to_pose(body, t), 3.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)


def close_framed(poses, margin_px=150.0):
    """The same poses in a picture cut ``margin_px`` from the hips at the feet end and from the
    shoulders at the head end: the home clip's close framing, which the reaching hand and foot
    leave at the top of each rep while the supporting hand and knee stay in view."""

    def cut(t):
        pose = poses(t)
        hip_x = pose.xy[Landmark.LEFT_HIP][0]
        shoulder_x = pose.xy[Landmark.LEFT_SHOULDER][0]
        left = hip_x - margin_px
        xy = pose.xy - (left, 0.0)
        return replace(pose, xy=xy, image_size=(int(shoulder_x + margin_px - left), pose.image_size[1]))

    return cut


def test_level_is_not_judged_on_a_limb_whose_end_is_out_of_the_picture():
    """Hand and foot out of the picture at the top (the home clip's close framing): the elbow and
    knee left in view do not stand in for the whole limb; the check is skipped and said so."""
    _, events = run(close_framed(alternating(2, arm_level=-30.0, leg_level=-30.0)), 2)
    reps = reps_of(events)
    assert len(reps) == 2
    assert "limb_below_level" not in codes(events)
    assert all(rep.skipped == ("arm level (hand out of view)", "leg level (foot out of view)") for rep in reps)
    assert reps[0].to_dict()["skipped"] == ["arm level (hand out of view)", "leg level (foot out of view)"]


def test_level_is_judged_where_the_whole_arm_is_in_view():
    _, events = run(alternating(2, arm_level=-30.0), 2)
    reps = reps_of(events)
    assert codes(events) == ["limb_below_level", "limb_below_level"]
    assert all(rep.skipped == () for rep in reps)
    assert "skipped" not in reps[0].to_dict()
