"""Glute bridge analyzer on synthetic landmark sequences: exact reps, holds and fault intervals."""

import numpy as np
import pytest

import posegen as g
from formcheck.core import Status
from formcheck.events import FaultEnded, NotVisible, RepCompleted
from formcheck.exercises.glute_bridge import GluteBridge
from formcheck.pose.landmarks import Landmark

BOTTOM, TOP = 125.0, 180.0
TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.5, down_s=1.0)


def bridge_reps(reps, peak=TOP, tempo=TEMPO, noise_m=0.0, seed=0):
    rng = np.random.default_rng(seed)

    def poses(t):
        _, u = g.rep_phase(t, tempo, reps)
        return g.to_pose(g.bridge(BOTTOM + u * (peak - BOTTOM)), t, noise_m=noise_m, rng=rng)

    return poses


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def faults_of(events, code=None):
    return [e.fault for e in events if isinstance(e, FaultEnded) and (code is None or e.fault.code == code)]


def test_counts_clean_reps_with_peak_pause_and_tempo():
    duration = 1.0 + 5 * TEMPO.period_s + 1.0
    assessments, events = g.run(GluteBridge(), bridge_reps(5), duration)
    reps = reps_of(events)
    assert len(reps) == 5
    assert assessments[-1].reps == 5
    assert faults_of(events) == []
    for i, rep in enumerate(reps):
        assert rep.peak == pytest.approx(180.0, abs=0.5)
        assert rep.top_s == pytest.approx(1.5, abs=0.25)
        assert rep.peak_s == pytest.approx(1.0 + i * TEMPO.period_s + 1.0, abs=1.6)
    hold_total = sum(h.duration_s for h in [e for e in events if e.kind == "hold_ended"])
    assert hold_total == pytest.approx(5 * 1.5, abs=5 * 0.4)


def test_landmark_jitter_adds_no_reps():
    duration = 1.0 + 3 * TEMPO.period_s + 1.0
    _, events = g.run(GluteBridge(), bridge_reps(3, noise_m=0.004, seed=3), duration)
    assert len(reps_of(events)) == 3


def test_crunches_are_not_counted_as_bridges():
    """A crunch's return to lying raises hip extension by 30 degrees, as a bridge rep does, but
    it starts curled up."""
    tempo = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=0.5, down_s=1.0)
    duration = 1.0 + 4 * tempo.period_s + 1.0

    def poses(t):
        _, u = g.rep_phase(t, tempo, 4)
        return g.to_pose(g.crunch(30.0 * u), t)

    _, events = g.run(GluteBridge(), poses, duration)
    assert reps_of(events) == []
    _, events = g.run(GluteBridge(), bridge_reps(4, peak=158.0), 1.0 + 4 * TEMPO.period_s + 1.0)
    assert [r.faults for r in reps_of(events)] == [("incomplete_extension",)] * 4


def test_heel_slides_are_not_counted_as_bridges():
    """Sliding a heel out and back along the floor raises hip extension by 40 degrees from lying,
    but the hips never leave the floor."""
    tempo = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=0.5, down_s=1.0)

    def poses(t):
        _, u = g.rep_phase(t, tempo, 4)
        return g.to_pose(g.heel_slide(100.0 + 40.0 * u), t)

    assessments, events = g.run(GluteBridge(), poses, 1.0 + 4 * tempo.period_s + 1.0)
    assert any(a.status is Status.IN_POSITION for a in assessments)
    assert reps_of(events) == []


def test_lying_still_with_jitter_counts_nothing():
    rng = np.random.default_rng(1)
    _, events = g.run(GluteBridge(), lambda t: g.to_pose(g.bridge(BOTTOM + 4 * np.sin(t * 3)), t, noise_m=0.004, rng=rng), 20.0)
    assert reps_of(events) == []


def test_getting_into_position_is_not_a_rep():
    """Sitting up (hips far below the shoulders) then lying back is not counted."""

    def poses(t):
        body = g.bridge(BOTTOM)
        if t < 2.0:
            for joints in (body.left, body.right):
                joints["shoulder"] = joints["hip"] + np.array([-0.1, g.TRUNK])
        return g.to_pose(body, t)

    assessments, events = g.run(GluteBridge(), poses, 5.0)
    assert assessments[10].status is Status.OUT_OF_POSITION
    assert assessments[-1].status is Status.IN_POSITION
    assert reps_of(events) == []


def test_incomplete_extension_is_a_rep_with_a_fault_over_its_interval():
    _, events = g.run(GluteBridge(), bridge_reps(2, peak=158.0), 1.0 + 2 * TEMPO.period_s + 1.0)
    reps = reps_of(events)
    faults = faults_of(events, "incomplete_extension")
    assert len(reps) == 2 and len(faults) == 2
    assert all(r.faults == ("incomplete_extension",) for r in reps)
    assert faults[0].start_s == pytest.approx(reps[0].start_s) and faults[0].end_s == pytest.approx(reps[0].end_s)
    assert 1.0 <= faults[0].start_s <= 1.4


def test_over_arching_is_flagged_while_at_the_top():
    _, events = g.run(GluteBridge(), bridge_reps(1, peak=205.0), 1.0 + TEMPO.period_s + 1.0)
    (fault,) = faults_of(events, "over_arching")
    assert fault.start_s == pytest.approx(2.0, abs=0.4)
    assert fault.end_s == pytest.approx(3.5, abs=0.4)


def test_no_pause_at_the_top_is_rushing():
    """Fast reps that turn straight round at the top."""
    rushed = g.RepTempo(rest_s=1.0, up_s=0.6, top_s=0.0, down_s=0.6)
    _, events = g.run(GluteBridge(), bridge_reps(2, tempo=rushed), 1.0 + 2 * rushed.period_s + 1.0)
    assert len(reps_of(events)) == 2
    assert len(faults_of(events, "rushing")) == 2


def test_hidden_knee_is_reported_not_guessed():
    """With the near knee hidden for 2 s nothing is measured then, and a rep cut by it is dropped."""

    def poses(t):
        _, u = g.rep_phase(t, TEMPO, 2)
        hidden = 2.5 <= t < 4.5
        return g.to_pose(g.bridge(BOTTOM + u * (TOP - BOTTOM)), t, visibility={Landmark.LEFT_KNEE: 0.05} if hidden else None)

    assessments, events = g.run(GluteBridge(), poses, 1.0 + 2 * TEMPO.period_s + 1.0)
    (not_visible,) = [e for e in events if isinstance(e, NotVisible)]
    assert not_visible.parts == ("left knee",)
    assert not_visible.t_s == pytest.approx(2.5, abs=0.05)
    assert assessments[int(3.0 * g.FPS)].status is Status.NOT_VISIBLE
    assert "left knee" in assessments[int(3.0 * g.FPS)].cue
    assert len(reps_of(events)) == 1


def test_nobody_in_frame():
    assessments, events = g.run(GluteBridge(), lambda t: None, 2.0)
    assert all(a.status is Status.NO_PERSON for a in assessments)
    assert events == []


def test_hands_and_knees_is_not_a_bridge():
    """Knees below the hips (hands and knees, a bird dog): not lying on the back."""
    rng = np.random.default_rng(2)
    assessments, events = g.run(GluteBridge(), lambda t: g.to_pose(g.bird_dog({}, {}), t, noise_m=0.003, rng=rng), 5.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)
