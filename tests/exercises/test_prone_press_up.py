"""Prone press-up analyzer on synthetic landmark sequences: the timed hold, repeated press-ups,
lifted hips, and telling it apart from lying on the forearms, a plank and the other exercises."""

import numpy as np
import pytest

import posegen as g
import poses_posterior as pp
from formcheck.core import Status
from formcheck.events import FaultEnded, HoldEnded, NotVisible, RepCompleted
from formcheck.exercises.prone_press_up import PronePressUp
from formcheck.pose.landmarks import Landmark


def press_and_hold(hold_s, lie_s=2.0, up_s=1.5, down_s=1.5, hips_lift_m=0.0, noise_m=0.0, seed=0, visibility=None):
    """Lie ``lie_s``, press up over ``up_s``, hold ``hold_s``, lower over ``down_s``, lie again."""
    rng = np.random.default_rng(seed)
    tempo = g.RepTempo(rest_s=0.0, up_s=up_s, top_s=hold_s, down_s=down_s)

    def poses(t):
        _, u = g.rep_phase(t, tempo, 1, lead_s=lie_s)
        body = pp.prone_press_up(u, hips_lift_m=hips_lift_m * max(0.0, 2.0 * u - 1.0))  # as the arms straighten
        return g.to_pose(body, t, visibility=visibility(t) if visibility else None, noise_m=noise_m, rng=rng)

    return poses, lie_s + up_s + hold_s + down_s + 2.0


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def holds_of(events):
    return [e for e in events if isinstance(e, HoldEnded)]


def faults_of(events, code=None):
    return [e.fault for e in events if isinstance(e, FaultEnded) and (code is None or e.fault.code == code)]


def test_times_a_twenty_second_hold():
    poses, duration = press_and_hold(20.0, noise_m=0.003)
    assessments, events = g.run(PronePressUp(), poses, duration)
    (hold,) = holds_of(events)
    assert hold.duration_s == pytest.approx(20.0, abs=0.3)
    assert hold.start_s == pytest.approx(3.5, abs=0.3)
    assert hold.good_form_s == pytest.approx(hold.duration_s, abs=0.1)
    assert faults_of(events) == []
    assert [r.top_s for r in reps_of(events)] == [pytest.approx(20.0, abs=0.5)]  # plus the slow ends of the press and the lowering


def test_oblique_camera_reads_the_same():
    poses, duration = press_and_hold(10.0)
    _, events = g.run(PronePressUp(), lambda t: pp.oblique(poses(t)), duration)
    (hold,) = holds_of(events)
    assert hold.duration_s == pytest.approx(10.0, abs=0.3)
    assert faults_of(events) == []


def test_counts_repeated_press_ups():
    tempo = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=2.0, down_s=1.0)

    def poses(t):
        _, u = g.rep_phase(t, tempo, 6)
        return g.to_pose(pp.prone_press_up(u), t, noise_m=0.003, rng=rng)

    rng = np.random.default_rng(2)
    assessments, events = g.run(PronePressUp(), poses, 1.0 + 6 * tempo.period_s + 1.0)
    reps = reps_of(events)
    assert len(reps) == 6 and assessments[-1].reps == 6
    assert all(r.top_s == pytest.approx(2.0, abs=0.3) and 0.3 < r.up_s < 1.0 and 0.3 < r.down_s < 1.0 for r in reps)
    holds = holds_of(events)
    assert len(holds) == 6 and all(h.duration_s == pytest.approx(2.0, abs=0.3) for h in holds)


def test_lying_still_with_jitter_counts_and_times_nothing():
    rng = np.random.default_rng(1)
    assessments, events = g.run(PronePressUp(), lambda t: g.to_pose(pp.prone_press_up(0.05 + 0.04 * np.sin(t * 3)), t, noise_m=0.004, rng=rng), 15.0)
    assert assessments[-1].status is Status.IN_POSITION
    assert reps_of(events) == [] and holds_of(events) == []


def test_pelvis_leaving_the_floor_is_flagged_over_its_interval():
    poses, duration = press_and_hold(6.0, hips_lift_m=0.15)
    assessments, events = g.run(PronePressUp(), poses, duration)
    (fault,) = faults_of(events, "hips_lift")
    assert 2.8 <= fault.start_s <= 3.5
    assert 9.5 <= fault.end_s <= 10.3
    (hold,) = holds_of(events)
    assert hold.good_form_s < 1.0
    assert assessments[int(6.0 * g.FPS)].cue == "Keep your hips down"


def test_lying_on_the_forearms_is_not_a_press_up():
    """Propped on the elbows (a sphinx, or resting before a plank): forearms flat ahead."""
    assessments, _ = g.run(PronePressUp(), lambda t: g.to_pose(g.prone_lying(), t), 3.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)


def test_lying_on_the_forearms_with_jitter_is_not_a_press_up():
    """A flat forearm can read as the wrist just below the elbow: the bent elbows still say
    'propped on the forearms', not 'pressed up on straight arms'."""
    rng = np.random.default_rng(4)
    assessments, _ = g.run(PronePressUp(), lambda t: g.to_pose(g.prone_lying(), t, noise_m=0.004, rng=rng), 5.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)


def test_lifting_into_a_plank_ends_it():
    """From lying with the hands planted, the straight body rises on the toes: a push-up or a
    plank, not the press-up, which ends as soon as the hips leave the floor; no fault."""

    def poses(t):
        return g.to_pose(pp.push_up_rise(g.ease(t - 2.0)), t)

    assessments, events = g.run(PronePressUp(), poses, 5.0)
    assert assessments[int(1.5 * g.FPS)].status is Status.IN_POSITION
    assert assessments[-1].status is Status.OUT_OF_POSITION
    assert faults_of(events) == []


@pytest.mark.parametrize(
    "body",
    [pp.superman_like(), pp.back_extension(180.0, bench_deg=0.0), pp.rolled(pp.prone_press_up(0.0))],
    ids=["arms_forward_on_the_floor", "roman_chair_top_arms_crossed", "on_one_side"],
)
def test_lying_straight_without_the_hands_planted_by_the_shoulders_is_not_a_start(body):
    """Face down and straight, but the hands reach forward (a superman), rest on the chest (the
    top of a back extension in a roman chair), or the body lies on its side (a side plank)."""
    assert "prone_press_up" not in pp.in_position(body)


def test_hidden_wrist_is_reported_not_guessed():
    """The wrist hidden for 2 s is said (nothing is measured then), and the hold goes on through
    it since the trunk stays where it was (``HiddenLimbBridge``)."""
    hidden = lambda t: {Landmark.LEFT_WRIST: 0.05} if 5.0 <= t < 7.0 else None  # noqa: E731
    poses, duration = press_and_hold(10.0, visibility=hidden)
    assessments, events = g.run(PronePressUp(), poses, duration)
    (not_visible,) = [e for e in events if isinstance(e, NotVisible)]
    assert not_visible.parts == ("left wrist",)
    assert assessments[int(6.0 * g.FPS)].status is Status.NOT_VISIBLE
    (hold,) = holds_of(events)
    assert hold.duration_s == pytest.approx(10.0, abs=0.3)


@pytest.mark.parametrize("name", sorted(pp.other_postures()))
def test_only_the_right_exercises_are_in_position(name):
    expected = {"press_up_down": {"prone_press_up"}, "press_up_up": {"prone_press_up"}}
    found = pp.in_position(pp.other_postures()[name])
    if name in expected:
        assert found == expected[name]
    else:
        assert "prone_press_up" not in found


def test_a_plank_hold_is_not_a_press_up():
    """Lying on the forearms, lifting into a plank and holding it, as on the oblique plank clip."""

    def poses(t):
        return g.to_pose(g.prone_lying() if t < 2.0 else g.plank(), t)

    assessments, events = g.run(PronePressUp(), poses, 8.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)


BODY_SPAN_M = 2.0
"""The posegen prone body lies within x = 0..2 m (feet at 0): turned about x = 1 m it stays in frame."""


def mirrored(body):
    """``body`` turned end for end: the face (the nose, ahead of the ears toward +x) now looks
    over the legs instead of away from them."""
    flip = lambda v: np.array([BODY_SPAN_M - v[0], v[1]])  # noqa: E731
    return g.Body(*({k: flip(v) for k, v in side.items()} for side in (body.left, body.right)))


def test_sitting_back_on_the_hands_is_not_a_press_up():
    """Sitting on the floor, legs out, leaning back on straight arms: a press-up's outline (hips
    down, hands planted, chest up 70 degrees) looking out over the legs rather than away from them.
    The same outline looking away from the legs is a press-up, held."""
    pressed = pp.prone_press_up(1.0, trunk_deg=70.0)
    _, held = g.run(PronePressUp(), lambda t: g.to_pose(pressed, t), 6.0)
    assert sum(e.duration_s for e in holds_of(held)) == pytest.approx(6.0, abs=0.5)
    assessments, events = g.run(PronePressUp(), lambda t: g.to_pose(mirrored(pressed), t), 6.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)
    assert holds_of(events) == []
