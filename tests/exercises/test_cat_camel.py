"""Cat-camel analyzer on synthetic landmark sequences: cycles with their range and tempo, and the
line between it and the bird dog, which starts on hands and knees too."""

import numpy as np
import pytest

import posegen as g
import poses_t2a as p
from formcheck.core import Status
from formcheck.events import FaultEnded, RepCompleted
from formcheck.exercises.bird_dog import BirdDog
from formcheck.exercises.cat_camel import CatCamel
from formcheck.pose.landmarks import Landmark, Side

SLOW = g.RepTempo(rest_s=1.0, up_s=2.0, top_s=1.0, down_s=2.0)
CAT_DEG, CAMEL_DEG = -40.0, 45.0


def cycles(n, tempo=SLOW, low=CAT_DEG, high=CAMEL_DEG, noise_m=0.0, lead=None, visibility=None):
    """Hands and knees: 1 s in the cat (or ``lead(t)``), then ``n`` cycles cat -> camel -> cat."""
    rng = np.random.default_rng(4)

    def poses(t):
        if lead is not None and t < 1.0:
            return lead(t)
        _, u = g.rep_phase(t, tempo, n)
        return p.pose(p.quadruped(low + (high - low) * u), t, noise_m=noise_m, rng=rng, visibility=visibility)

    return poses


def duration(n, tempo=SLOW):
    return 1.0 + n * tempo.period_s + 1.0


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def codes(events):
    return sorted(e.fault.code for e in events if isinstance(e, FaultEnded))


def test_counts_cycles_with_range_and_tempo():
    _, events = g.run(CatCamel(), cycles(3, noise_m=0.003), duration(3))
    reps = reps_of(events)
    assert len(reps) == 3
    assert all(r.peak == pytest.approx(CAMEL_DEG, abs=3.0) and r.bottom == pytest.approx(CAT_DEG, abs=4.0) for r in reps)
    assert all(r.peak - r.bottom == pytest.approx(85.0, abs=5.0) for r in reps)
    assert all(r.up_s == pytest.approx(2.0, abs=0.5) and r.down_s == pytest.approx(2.0, abs=0.5) for r in reps)
    assert all(r.top_s == pytest.approx(1.0, abs=0.5) for r in reps)
    assert [r.start_s for r in reps] == pytest.approx([1.0 + i * SLOW.period_s for i in range(3)], abs=0.3)
    assert codes(events) == []


def test_quick_cycles_are_rushed():
    quick = g.RepTempo(rest_s=0.3, up_s=0.6, top_s=0.1, down_s=0.6)
    _, events = g.run(CatCamel(), cycles(3, tempo=quick), duration(3, quick))
    assert len(reps_of(events)) == 3
    assert codes(events) == ["rushed"] * 3


def test_small_nods_and_jitter_are_not_cycles():
    _, events = g.run(CatCamel(), cycles(3, low=0.0, high=15.0, noise_m=0.004), duration(3))
    assert reps_of(events) == []


def test_getting_down_onto_hands_and_knees_is_not_a_cycle():
    lead = lambda t: p.pose(g.prone_lying(), t)  # noqa: E731 - pushing up from lying on the forearms
    assessments, events = g.run(CatCamel(), cycles(2, lead=lead), duration(2))
    assert assessments[0].status is Status.OUT_OF_POSITION
    assert len(reps_of(events)) == 2


def test_bird_dog_limb_raises_are_not_cycles():
    """A raised arm or leg takes the cat-camel out of position; the head does not cycle anyway."""
    tempo = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.0, down_s=1.0)

    def bird_dog(t):
        index, u = g.rep_phase(t, tempo, 4)
        arm = Side.LEFT if index % 2 == 0 else Side.RIGHT
        return p.pose(g.bird_dog({arm: u}, {arm.other: u}), t, noise_m=0.003, rng=np.random.default_rng(int(t * 100)))

    assessments, events = g.run(CatCamel(), bird_dog, 1.0 + 4 * tempo.period_s + 1.0)
    assert reps_of(events) == []
    top_of_first_rep = int((1.0 + tempo.up_s + 0.5) * g.FPS)
    assert assessments[top_of_first_rep].status is Status.OUT_OF_POSITION
    _, bird_dog_events = g.run(BirdDog(), bird_dog, 1.0 + 4 * tempo.period_s + 1.0)
    assert len(reps_of(bird_dog_events)) == 4  # the same poses are four bird-dog reps


def test_cat_camel_cycles_are_not_bird_dog_reps():
    _, events = g.run(BirdDog(), cycles(3), duration(3))
    assert reps_of(events) == []


def test_hidden_ear_is_reported_not_guessed():
    assessments, events = g.run(CatCamel(), cycles(2, visibility={Landmark.LEFT_EAR: 0.1}), duration(2))
    assert reps_of(events) == []
    assert assessments[-1].status is Status.NOT_VISIBLE and "left ear" in assessments[-1].missing


@pytest.mark.parametrize("name", p.own("cat_camel"))
def test_only_hands_and_knees_exercises_take_its_postures(name):
    """Every registered exercise runs on the cat-camel's postures: only the cat-camel and the bird
    dog take them. Both start on hands and knees by nature; the activity tells them apart."""
    poses, expected = p.POSTURES[name]
    assert p.taken_by(poses) == expected == {"cat_camel", "bird_dog"}


@pytest.mark.parametrize("name", p.others("cat_camel"))
def test_cat_camel_stays_out_of_other_postures(name):
    poses, _ = p.POSTURES[name]
    assert not p.in_position(CatCamel, poses)
