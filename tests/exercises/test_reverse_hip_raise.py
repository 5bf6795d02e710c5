"""Reverse hip raise analyzer on synthetic landmark sequences: a set of 15, faults, and telling
it apart from the back extension (its mirror image) and the other exercises."""

from dataclasses import replace

import numpy as np
import pytest

import posegen as g
import poses_posterior as pp
from formcheck.core import Status
from formcheck.events import FaultEnded, NotVisible, RepCompleted
from formcheck.exercises.reverse_hip_raise import ReverseHipRaise
from formcheck.pose.landmarks import Landmark

BOTTOM, TOP = 140.0, 180.0
TEMPO = g.RepTempo(rest_s=0.8, up_s=0.8, top_s=1.0, down_s=1.0)


def raises(reps, peak=TOP, tempo=TEMPO, noise_m=0.0, seed=0, visibility=None):
    rng = np.random.default_rng(seed)

    def poses(t):
        _, u = g.rep_phase(t, tempo, reps)
        body = pp.reverse_hip_raise(BOTTOM + u * (peak - BOTTOM))
        return g.to_pose(body, t, visibility=visibility(t) if visibility else None, noise_m=noise_m, rng=rng)

    return poses


def run(poses, reps, tempo=TEMPO):
    return g.run(ReverseHipRaise(), poses, 1.0 + reps * tempo.period_s + 1.0)


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def faults_of(events, code=None):
    return [e.fault for e in events if isinstance(e, FaultEnded) and (code is None or e.fault.code == code)]


def test_a_stray_frame_at_the_top_does_not_cost_the_rep():
    """One frame at the top of each rep read with the shoulders far off the bench (a depth estimate
    that swings) is a glitch (``GLITCH_S``): skipped, the rep goes on and counts, with no fault.
    Left out of position there, the rep would be lost: the start needs the legs down."""
    base = raises(3)
    stray = 1.0 + TEMPO.rest_s + TEMPO.up_s + 0.2

    def poses(t):
        pose = base(t)
        if any(abs(t - (stray + k * TEMPO.period_s)) < 0.5 / g.FPS for k in range(3)):
            world = pose.world.copy()
            for shoulder in (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER):
                world[shoulder] = world[shoulder] + np.array([0.0, -1.0, 0.0])
            pose = replace(pose, world=world)
        return pose

    _, events = run(poses, 3)
    assert len(reps_of(events)) == 3
    assert faults_of(events) == []


def test_counts_a_set_of_fifteen_with_tempo():
    assessments, events = run(raises(15, noise_m=0.003), 15)
    reps = reps_of(events)
    assert len(reps) == 15 and assessments[-1].reps == 15
    assert faults_of(events) == []
    for i, rep in enumerate(reps):
        assert rep.peak == pytest.approx(180.0, abs=2.0)
        assert rep.top_s == pytest.approx(1.0, abs=0.3)  # the legs barely move in the last tenth of the lift
        assert 0.2 < rep.up_s < 0.8 and 0.3 < rep.down_s < 1.0
        assert rep.start_s == pytest.approx(1.0 + i * TEMPO.period_s, abs=0.3)


def test_oblique_camera_reads_the_same():
    _, events = run(lambda t: pp.oblique(raises(3)(t)), 3)
    reps = reps_of(events)
    assert len(reps) == 3 and faults_of(events) == []
    assert all(r.peak == pytest.approx(180.0, abs=1.0) for r in reps)


def test_lying_on_the_bench_with_jitter_counts_nothing():
    rng = np.random.default_rng(1)
    assessments, events = g.run(
        ReverseHipRaise(), lambda t: g.to_pose(pp.reverse_hip_raise(BOTTOM + 4 * np.sin(t * 3)), t, noise_m=0.004, rng=rng), 15.0
    )
    assert assessments[-1].status is Status.IN_POSITION
    assert reps_of(events) == []


def test_getting_onto_the_bench_is_not_a_rep():
    """Standing at the bench end (upright, legs straight) and bending onto it is the set-up; the
    legs then hang at the start posture, which must last half a second before anything counts."""

    def poses(t):
        body = pp.reverse_hip_raise(BOTTOM)
        if t < 2.0:
            pp.with_upper_body_at(body, 90.0 - 90.0 * g.ease(t / 2.0))
        return g.to_pose(body, t)

    assessments, events = g.run(ReverseHipRaise(), poses, 5.0)
    assert assessments[int(1.0 * g.FPS)].status is Status.OUT_OF_POSITION
    assert assessments[int(3.0 * g.FPS)].status is Status.IN_POSITION
    assert reps_of(events) == []


def test_legs_below_the_torso_line_are_an_incomplete_raise():
    _, events = run(raises(2, peak=158.0), 2)
    reps, faults = reps_of(events), faults_of(events, "incomplete_raise")
    assert len(reps) == 2 and len(faults) == 2
    assert all(r.faults == ("incomplete_raise",) for r in reps)
    assert faults[1].start_s == pytest.approx(reps[1].start_s) and faults[1].end_s == pytest.approx(reps[1].end_s)


def test_legs_lifted_above_the_torso_line_are_an_over_raise_while_up():
    _, events = run(raises(1, peak=205.0), 1)
    (fault,) = faults_of(events, "over_raise")
    assert fault.start_s == pytest.approx(1.6, abs=0.3)
    assert fault.end_s == pytest.approx(2.8, abs=0.3)
    assert [r.faults for r in reps_of(events)] == [()]


def test_no_pause_is_rushing():
    rushed = g.RepTempo(rest_s=0.8, up_s=0.5, top_s=0.0, down_s=0.5)
    _, events = run(raises(3, tempo=rushed), 3, tempo=rushed)
    assert len(reps_of(events)) == 3
    assert [f.code for f in faults_of(events)] == ["rushing"] * 3


def test_hidden_knee_is_reported_not_guessed():
    hidden = lambda t: {Landmark.LEFT_KNEE: 0.05} if 2.0 <= t < 4.0 else None  # noqa: E731
    assessments, events = run(raises(3, visibility=hidden), 3)
    (not_visible,) = [e for e in events if isinstance(e, NotVisible)]
    assert not_visible.parts == ("left knee",)
    assert assessments[int(3.0 * g.FPS)].status is Status.NOT_VISIBLE
    assert len(reps_of(events)) == 2


def test_a_kneeling_far_leg_in_view_is_not_this_exercise():
    """Both legs lift together; with the far leg seen bent under the body (a bird dog's
    supporting leg), the posture is not taken for a reverse hip raise."""

    def poses(t):
        body = pp.reverse_hip_raise(BOTTOM)
        body.right.update(pp.prone_legs(body.right["hip"], -90.0, 90.0))
        return g.to_pose(body, t)

    assessments, _ = g.run(ReverseHipRaise(), poses, 2.0)
    assert assessments[-1].status is Status.OUT_OF_POSITION


def test_lying_on_one_side_is_not_this_exercise():
    """The same outline with the body turned on its side (as in a side plank): not lying square."""
    assert "reverse_hip_raise" not in pp.in_position(pp.rolled(pp.reverse_hip_raise(BOTTOM)))


@pytest.mark.parametrize("name", sorted(pp.other_postures()))
def test_only_the_right_exercises_are_in_position(name):
    found = pp.in_position(pp.other_postures()[name])
    if name == "reverse_hip_raise_down":
        assert found == {"reverse_hip_raise"}
    else:
        assert "reverse_hip_raise" not in found


@pytest.mark.parametrize(
    "body",
    [pp.back_extension(110.0), pp.back_extension(150.0, bench_deg=15.0)],
    ids=["torso_hanging_25_deg", "low_station_legs_near_level"],
)
def test_back_extension_postures_with_legs_below_the_torso_are_not_its_start(body):
    """Held still, these have the legs below the torso line with straight knees; but the torso
    hangs (not lying on a bench), or the legs run nearly level to the pad (not hanging)."""
    assert "reverse_hip_raise" not in pp.in_position(body)


def test_the_middle_of_a_back_extension_has_the_same_shape_but_is_not_taken_for_it():
    """On a 45-degree bench, the torso passes level with the legs 45 degrees below it: still, that
    is the start of a reverse hip raise (they share it by nature). In a set it only passes, so the
    start-up wait keeps this analyzer out, and it counts nothing."""
    assert "reverse_hip_raise" in pp.in_position(pp.back_extension(135.0))

    def poses(t):
        _, u = g.rep_phase(t, TEMPO, 3)
        return g.to_pose(pp.back_extension(80.0 + 100.0 * u), t)

    assessments, events = run(poses, 3)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)
    assert reps_of(events) == []

