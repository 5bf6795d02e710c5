"""Back extension analyzer on synthetic landmark sequences: reps on a 45-degree bench and a roman
chair, faults, and telling it apart from the other exercises."""

import numpy as np
import pytest

import posegen as g
import poses_posterior as pp
from formcheck.core import Status
from formcheck.events import FaultEnded, NotVisible, RepCompleted
from formcheck.exercises.back_extension import BackExtension
from formcheck.pose.landmarks import Landmark

BOTTOM, TOP = 80.0, 180.0
TEMPO = g.RepTempo(rest_s=1.0, up_s=1.2, top_s=1.0, down_s=1.8)


def extensions(reps, peak=TOP, tempo=TEMPO, bench_deg=45.0, hands="chest", noise_m=0.0, seed=0, visibility=None):
    rng = np.random.default_rng(seed)

    def poses(t):
        _, u = g.rep_phase(t, tempo, reps)
        body = pp.back_extension(BOTTOM + u * (peak - BOTTOM), bench_deg, hands)
        return g.to_pose(body, t, visibility=visibility(t) if visibility else None, noise_m=noise_m, rng=rng)

    return poses


def run(poses, reps, tempo=TEMPO, exercise=None):
    return g.run(exercise or BackExtension(), poses, 1.0 + reps * tempo.period_s + 1.0)


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def faults_of(events, code=None):
    return [e.fault for e in events if isinstance(e, FaultEnded) and (code is None or e.fault.code == code)]


@pytest.mark.parametrize("bench_deg", [45.0, 0.0])
def test_counts_clean_reps_with_pause_and_slow_lowering(bench_deg):
    assessments, events = run(extensions(4, bench_deg=bench_deg, noise_m=0.003), 4)
    reps = reps_of(events)
    assert len(reps) == 4 and assessments[-1].reps == 4
    assert faults_of(events) == []
    for i, rep in enumerate(reps):
        assert rep.peak == pytest.approx(180.0, abs=1.5)
        assert rep.top_s == pytest.approx(1.0, abs=0.3)
        assert rep.down_s > rep.up_s > 0.3
        assert rep.start_s == pytest.approx(1.0 + i * TEMPO.period_s, abs=0.3)


def test_oblique_camera_reads_the_same():
    _, events = run(lambda t: pp.oblique(extensions(3)(t)), 3)
    reps = reps_of(events)
    assert len(reps) == 3 and faults_of(events) == []
    assert all(r.peak == pytest.approx(180.0, abs=1.0) for r in reps)


def test_hands_behind_the_head_work_too():
    _, events = run(extensions(2, hands="head"), 2)
    assert len(reps_of(events)) == 2


def test_hanging_in_the_station_with_jitter_counts_nothing():
    rng = np.random.default_rng(1)
    assessments, events = g.run(
        BackExtension(), lambda t: g.to_pose(pp.back_extension(BOTTOM + 5 * np.sin(t * 3)), t, noise_m=0.004, rng=rng), 15.0
    )
    assert assessments[-1].status is Status.IN_POSITION
    assert reps_of(events) == []


def test_climbing_into_the_station_is_not_a_rep():
    """Standing in the station (legs vertical) then leaning onto the pad: not in position while
    standing, and the lean forward is not counted."""

    def poses(t):
        if t < 2.0:
            return g.to_pose(g.standing(0.0, 80.0 * g.ease(t / 2.0)), t)
        return g.to_pose(pp.back_extension(BOTTOM), t)

    assessments, events = g.run(BackExtension(), poses, 4.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments[: int(2.0 * g.FPS)])
    assert assessments[-1].status is Status.IN_POSITION
    assert reps_of(events) == []


def test_raising_past_the_leg_line_is_hyperextension_while_up():
    _, events = run(extensions(1, peak=205.0), 1)
    (fault,) = faults_of(events, "hyperextension")
    assert fault.start_s == pytest.approx(2.1, abs=0.3)
    assert fault.end_s == pytest.approx(3.4, abs=0.3)
    assert [r.faults for r in reps_of(events)] == [()]


def test_stopping_short_of_the_leg_line_is_an_incomplete_raise():
    _, events = run(extensions(2, peak=150.0), 2)
    reps, faults = reps_of(events), faults_of(events, "incomplete_raise")
    assert len(reps) == 2 and len(faults) == 2
    assert faults[0].start_s == pytest.approx(reps[0].start_s) and faults[0].end_s == pytest.approx(reps[0].end_s)


def test_no_pause_at_the_top_is_rushing():
    rushed = g.RepTempo(rest_s=1.0, up_s=0.8, top_s=0.0, down_s=1.5)
    _, events = run(extensions(2, tempo=rushed), 2, tempo=rushed)
    assert len(reps_of(events)) == 2
    assert [f.code for f in faults_of(events)] == ["rushing", "rushing"]


def test_dropping_instead_of_lowering_slowly_is_rushing():
    dropped = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.0, down_s=0.5)
    _, events = run(extensions(2, tempo=dropped), 2, tempo=dropped)
    reps = reps_of(events)
    assert len(reps) == 2 and all(r.down_s < 0.5 for r in reps)
    assert [f.code for f in faults_of(events)] == ["rushing", "rushing"]


def test_hidden_hip_is_reported_not_guessed():
    hidden = lambda t: {Landmark.LEFT_HIP: 0.05} if 2.0 <= t < 4.0 else None  # noqa: E731
    assessments, events = run(extensions(2, visibility=hidden), 2)
    (not_visible,) = [e for e in events if isinstance(e, NotVisible)]
    assert not_visible.parts == ("left hip",)
    assert assessments[int(3.0 * g.FPS)].status is Status.NOT_VISIBLE
    assert len(reps_of(events)) == 1


def test_hidden_wrist_leaves_the_hands_unmeasured_but_counts():
    hidden = lambda t: {Landmark.LEFT_WRIST: 0.05}  # noqa: E731
    assessments, events = run(extensions(2, hands="hanging", visibility=hidden), 2)
    assert len(reps_of(events)) == 2
    assert any("hands" in part for part in assessments[int(2.0 * g.FPS)].unmeasured)


def test_arms_reaching_on_past_the_head_to_the_floor_do_not_start_it():
    """Straight arms in line with a hanging torso, hands on the floor, over straight slanted legs:
    a downward dog, not the station."""
    assert "back_extension" not in pp.in_position(pp.back_extension(BOTTOM, hands="floor"))


def test_arms_hanging_straight_down_count():
    """Arms left hanging (not the seed's chest or head, but a back extension all the same): MediaPipe
    reads crossed arms nearly as far from the shoulder, so the hands' reach is no start check."""
    _, events = run(extensions(2, hands="hanging"), 2)
    assert len(reps_of(events)) == 2


def test_lying_on_one_side_is_not_this_exercise():
    """The same outline with the body turned on its side (as in a side plank): not lying square."""
    assert "back_extension" not in pp.in_position(pp.rolled(pp.back_extension(BOTTOM)))


@pytest.mark.parametrize("name", sorted(pp.other_postures()))
def test_only_the_right_exercises_are_in_position(name):
    expected = {"back_extension_down": {"back_extension"}, "roman_chair_down": {"back_extension"}}
    found = pp.in_position(pp.other_postures()[name])
    if name in expected:
        assert found == expected[name]
    else:
        assert "back_extension" not in found


def test_a_reverse_hip_raise_set_is_not_a_back_extension():
    """Its mirror image: the torso lies level and the legs move; the torso never hangs (even with
    the hands, which grip the bench, out of sight)."""
    hands_hidden = {Landmark.LEFT_WRIST: 0.05, Landmark.RIGHT_WRIST: 0.05}

    def poses(t):
        _, u = g.rep_phase(t, TEMPO, 3)
        return g.to_pose(pp.reverse_hip_raise(140.0 + 40.0 * u), t, visibility=hands_hidden)

    assessments, events = run(poses, 3)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)
    assert reps_of(events) == []


def test_a_standing_forward_bend_is_not_a_back_extension():
    """Bending forward from standing with the arms crossed: the torso hangs as in the station,
    but the legs stand near vertical."""
    assert "back_extension" not in pp.in_position(pp.forward_bend())


def test_a_deadlift_is_not_a_back_extension():
    """Hinging down and up while standing: the legs stay near vertical."""

    def poses(t):
        _, u = g.rep_phase(t, TEMPO, 3)
        return g.to_pose(g.standing(20.0 * u, 88.0 * u), t)

    assessments, events = run(poses, 3)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)
    assert reps_of(events) == []
