"""Hip thrust analyzer on synthetic landmark sequences: reps, tempo, faults, and telling it apart
from the glute bridge and the other exercises."""

import numpy as np
import pytest

import posegen as g
import poses_posterior as pp
from formcheck.core import Status
from formcheck.events import FaultEnded, NotVisible, RepCompleted
from formcheck.exercises.hip_thrust import HipThrust
from formcheck.pose.landmarks import Landmark

BOTTOM, TOP = 100.0, 180.0
TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.5, down_s=1.0)


def thrusts(reps, peak=TOP, tempo=TEMPO, knee_at_top=90.0, head_back_at_top=0.0, noise_m=0.0, seed=0, visibility=None):
    rng = np.random.default_rng(seed)

    def poses(t):
        _, u = g.rep_phase(t, tempo, reps)
        body = pp.hip_thrust(BOTTOM + u * (peak - BOTTOM), knee_at_top, head_back_at_top * u)
        return g.to_pose(body, t, visibility=visibility(t) if visibility else None, noise_m=noise_m, rng=rng)

    return poses


def run(poses, reps, tempo=TEMPO):
    return g.run(HipThrust(), poses, 1.0 + reps * tempo.period_s + 1.0)


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def faults_of(events, code=None):
    return [e.fault for e in events if isinstance(e, FaultEnded) and (code is None or e.fault.code == code)]


def test_counts_clean_reps_with_tempo():
    assessments, events = run(thrusts(5), 5)
    reps = reps_of(events)
    assert len(reps) == 5 and assessments[-1].reps == 5
    assert faults_of(events) == []
    for i, rep in enumerate(reps):
        assert rep.peak == pytest.approx(180.0, abs=0.5)
        assert rep.top_s == pytest.approx(1.5, abs=0.25)
        assert 0.3 < rep.up_s < 1.0 and 0.3 < rep.down_s < 1.0
        assert rep.start_s == pytest.approx(1.0 + i * TEMPO.period_s, abs=0.3)
        assert rep.measure == "hip_extension_deg"


def test_oblique_camera_reads_the_same():
    _, events = run(lambda t: pp.oblique(thrusts(3)(t)), 3)
    reps = reps_of(events)
    assert len(reps) == 3 and faults_of(events) == []
    assert all(r.peak == pytest.approx(180.0, abs=1.0) for r in reps)


def test_landmark_jitter_adds_no_reps():
    _, events = run(thrusts(3, noise_m=0.004, seed=3), 3)
    assert len(reps_of(events)) == 3


def test_resting_at_the_bottom_with_jitter_counts_nothing():
    rng = np.random.default_rng(1)
    assessments, events = g.run(
        HipThrust(), lambda t: g.to_pose(pp.hip_thrust(BOTTOM + 4 * np.sin(t * 3)), t, noise_m=0.004, rng=rng), 15.0
    )
    assert assessments[-1].status is Status.IN_POSITION
    assert reps_of(events) == []


def test_sitting_against_the_bench_then_lying_back_is_not_a_rep():
    """Sitting on the floor with the back upright against the bench is the set-up, not the
    exercise; leaning back onto the bench is getting into position, not a rep."""

    def poses(t):
        body = pp.hip_thrust(BOTTOM)
        if t < 2.0:
            pp.with_upper_body_at(body, 110.0)
        return g.to_pose(body, t)

    assessments, events = g.run(HipThrust(), poses, 5.0)
    assert assessments[int(1.0 * g.FPS)].status is Status.OUT_OF_POSITION
    assert assessments[-1].status is Status.IN_POSITION
    assert reps_of(events) == []


def test_incomplete_extension_is_a_rep_with_a_fault_over_its_interval():
    _, events = run(thrusts(2, peak=150.0), 2)
    reps, faults = reps_of(events), faults_of(events, "incomplete_extension")
    assert len(reps) == 2 and len(faults) == 2
    assert all(r.faults == ("incomplete_extension",) for r in reps)
    assert faults[0].start_s == pytest.approx(reps[0].start_s) and faults[0].end_s == pytest.approx(reps[0].end_s)


def test_over_arching_is_flagged_while_at_the_top():
    _, events = run(thrusts(1, peak=205.0), 1)
    (fault,) = faults_of(events, "over_arching")
    assert fault.start_s == pytest.approx(2.0, abs=0.4)
    assert fault.end_s == pytest.approx(3.5, abs=0.4)


def test_no_pause_at_the_top_is_rushing():
    rushed = g.RepTempo(rest_s=1.0, up_s=0.6, top_s=0.0, down_s=0.6)
    _, events = run(thrusts(2, tempo=rushed), 2, tempo=rushed)
    assert len(reps_of(events)) == 2
    assert [f.code for f in faults_of(events)] == ["rushing", "rushing"]


def test_head_thrown_back_at_the_top_is_chin_up():
    _, events = run(thrusts(2, head_back_at_top=35.0), 2)
    faults = faults_of(events, "chin_up")
    assert len(faults) == 2
    assert faults[0].start_s == pytest.approx(2.0, abs=0.4)
    assert faults[0].end_s == pytest.approx(3.5, abs=0.4)


def test_chin_tucked_is_fine():
    _, events = run(thrusts(2, head_back_at_top=-15.0), 2)
    assert faults_of(events) == []


def test_feet_too_far_from_the_hips():
    _, events = run(thrusts(1, knee_at_top=125.0), 1)
    (fault,) = faults_of(events, "feet_too_far")
    assert fault.start_s == pytest.approx(2.0, abs=0.4)


def test_hidden_ear_leaves_the_head_unmeasured():
    assessments, events = run(thrusts(1, visibility=lambda t: {Landmark.LEFT_EAR: 0.05, Landmark.RIGHT_EAR: 0.05}), 1)
    assert len(reps_of(events)) == 1
    assert any("head" in part for part in assessments[int(2.5 * g.FPS)].unmeasured)


def test_hidden_ankle_is_reported_not_guessed():
    hidden = lambda t: {Landmark.LEFT_ANKLE: 0.05} if 2.5 <= t < 4.5 else None  # noqa: E731
    assessments, events = run(thrusts(2, visibility=hidden), 2)
    (not_visible,) = [e for e in events if isinstance(e, NotVisible)]
    assert not_visible.parts == ("left ankle",)
    assert assessments[int(3.0 * g.FPS)].status is Status.NOT_VISIBLE
    assert len(reps_of(events)) == 1


def test_sitting_leaning_forward_is_not_a_hip_thrust():
    """Knees bent, shoulders high, but the trunk leans over the thighs (sitting on the floor
    hugging the knees, or a squat) instead of lying back on the bench."""
    assert "hip_thrust" not in pp.in_position(pp.with_upper_body_at(pp.hip_thrust(BOTTOM), 45.0))


def test_hands_and_knees_is_not_a_hip_thrust():
    """Kneeling with the knees a little behind the hips (as on the cat-camel clip): bent knees,
    shoulders high above the feet, the trunk level and away from the knees; but the shins lie
    along the floor instead of standing under the knees."""
    body = g.bird_dog({}, {})
    for joints in (body.left, body.right):
        for name in ("knee", "ankle", "heel", "toe"):
            joints[name] = joints[name] + np.array([-0.08, 0.0])
    assert "hip_thrust" not in pp.in_position(body)


def test_straight_legs_are_not_a_hip_thrust():
    """Lying back on the bench with the legs straight out to the floor."""
    body = pp.hip_thrust(TOP)
    for joints in (body.left, body.right):
        joints["knee"] = joints["hip"] + g.THIGH * g.unit(-30.0)
        joints["ankle"] = joints["knee"] + g.SHIN * g.unit(-30.0)
    assert "hip_thrust" not in pp.in_position(body)


def test_lying_on_one_side_is_not_this_exercise():
    """The same outline with the body turned on its side (as in a side plank): not lying square."""
    assert "hip_thrust" not in pp.in_position(pp.rolled(pp.hip_thrust(BOTTOM)))


@pytest.mark.parametrize("name", sorted(pp.other_postures()))
def test_only_the_right_exercises_are_in_position(name):
    """A hip thrust's top is a glute bridge's top with the shoulders on a bench; the bridge's
    feet-down and knees-above-ankles checks keep it out."""
    expected = {
        "hip_thrust_down": {"hip_thrust"},
        "hip_thrust_up": {"hip_thrust"},
    }
    found = pp.in_position(pp.other_postures()[name])
    if name in expected:
        assert found == expected[name]
    else:
        assert "hip_thrust" not in found


def test_a_glute_bridge_set_is_not_a_hip_thrust():
    """Shoulders on the floor with the feet: never in position, nothing counted."""

    def poses(t):
        _, u = g.rep_phase(t, TEMPO, 3)
        return g.to_pose(g.bridge(125.0 + u * 55.0), t)

    assessments, events = run(poses, 3)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)
    assert reps_of(events) == []
