"""Dead bug analyzer on synthetic landmark sequences: reps per side and the per-rep faults."""

import numpy as np
import pytest

import posegen as g
import poses_t2a as p
from formcheck.core import Status
from formcheck.events import FaultEnded, RepCompleted
from formcheck.exercises.dead_bug import DeadBug
from formcheck.pose.landmarks import Landmark, Side

TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.0, down_s=1.0)


def alternating(reps, first=Side.LEFT, same_side=False, leg_end_deg=8.0, pelvis_lift_deg=0.0, noise_m=0.0, visibility=None, lead=None):
    """Rep i extends the arm of side ``first`` (alternating) and the opposite (or same) leg."""
    rng = np.random.default_rng(3)

    def poses(t):
        if lead is not None and t < 1.0:
            return lead(t)
        index, u = g.rep_phase(t, TEMPO, reps)
        arm = first if index % 2 == 0 else first.other
        leg = arm if same_side else arm.other
        body = p.dead_bug({arm: u}, {leg: u}, leg_end_deg=leg_end_deg, pelvis_lift_deg=pelvis_lift_deg)
        return p.pose(body, t, face_deg=p.FACE_UP_DEG, noise_m=noise_m, rng=rng, visibility=visibility)

    return poses


def run(poses, reps):
    return g.run(DeadBug(), poses, 1.0 + reps * TEMPO.period_s + 1.0)


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def codes(events):
    return sorted(e.fault.code for e in events if isinstance(e, FaultEnded))


def test_counts_reps_per_side_with_their_tempo():
    assessments, events = run(alternating(4, noise_m=0.003), 4)
    reps = reps_of(events)
    assert [r.side for r in reps] == [Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT]
    assert assessments[-1].reps_by_side == {"left": 2, "right": 2}
    assert codes(events) == []
    assert all(r.peak == pytest.approx(83.5, abs=2.0) for r in reps)
    assert all(r.top_s == pytest.approx(1.0, abs=0.3) for r in reps)
    assert all(r.up_s == pytest.approx(1.0, abs=0.4) and r.down_s == pytest.approx(1.0, abs=0.4) for r in reps)
    assert [r.start_s for r in reps] == pytest.approx([1.0 + i * TEMPO.period_s for i in range(4)], abs=0.3)


def test_same_side_arm_and_leg():
    _, events = run(alternating(2, same_side=True), 2)
    assert len(reps_of(events)) == 2
    assert codes(events) == ["same_side_limbs", "same_side_limbs"]


def test_leg_laid_on_the_floor_is_too_low():
    _, events = run(alternating(2, leg_end_deg=-3.0), 2)
    assert codes(events) == ["leg_too_low", "leg_too_low"]


def test_pelvis_lifting_is_the_low_back_proxy():
    _, events = run(alternating(2, pelvis_lift_deg=15.0), 2)
    assert codes(events) == ["low_back_arch", "low_back_arch"]


def test_a_small_pelvis_shift_and_a_low_hover_are_fine():
    """The real clip's clean reps: the pelvis turns 4-5 degrees, the leg hovers a few degrees up."""
    _, events = run(alternating(2, pelvis_lift_deg=5.0, leg_end_deg=4.0, noise_m=0.003), 2)
    assert len(reps_of(events)) == 2 and codes(events) == []


def test_jitter_in_the_tabletop_is_not_a_rep():
    _, events = run(alternating(0, noise_m=0.004), 3)
    assert reps_of(events) == []


def test_getting_into_the_tabletop_is_not_a_rep():
    """Lying flat, then arms and legs brought up to the start: not counted; then two reps."""
    flat = lambda t: p.pose(p.dead_bug({Side.LEFT: 1.0, Side.RIGHT: 1.0}, {Side.LEFT: 1.0, Side.RIGHT: 1.0}), t, face_deg=p.FACE_UP_DEG)  # noqa: E731
    assessments, events = run(alternating(2, lead=flat), 2)
    assert assessments[0].status is Status.OUT_OF_POSITION
    assert len(reps_of(events)) == 2


def test_hidden_far_limbs_are_said_and_not_guessed():
    """Side view, far arm and leg hidden: the near limbs still show each rep; nothing is made up
    about the hidden ones (no same-side fault from a leg that cannot be seen)."""
    hidden = {lm: 0.1 for lm in (Landmark.RIGHT_ELBOW, Landmark.RIGHT_WRIST, Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE)}
    assessments, events = run(alternating(2, visibility=hidden), 2)
    assert [r.side for r in reps_of(events)] == [Side.LEFT, Side.RIGHT]  # the second from the near leg
    assert codes(events) == []
    assert {"right arm", "right leg"} <= set(assessments[-1].unmeasured)


@pytest.mark.parametrize("name", p.own("dead_bug") + ["supine_flat"])
def test_only_the_dead_bug_takes_its_postures(name):
    """Every registered exercise runs on the dead bug's postures; only the dead bug takes them."""
    poses, expected = p.POSTURES[name]
    assert p.taken_by(poses) == expected


@pytest.mark.parametrize("name", p.others("dead_bug"))
def test_dead_bug_stays_out_of_other_postures(name):
    poses, _ = p.POSTURES[name]
    assert not p.in_position(DeadBug, poses)
