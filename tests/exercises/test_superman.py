"""Superman analyzer on synthetic landmark sequences: reps with a short hold (seed 002), long holds
(seed 003), the neck check, and position."""

import numpy as np
import pytest

import posegen as g
import poses_t2a as p
from formcheck.core import Status
from formcheck.events import FaultEnded, HoldEnded, RepCompleted
from formcheck.exercises.superman import Superman
from formcheck.pose.landmarks import Landmark

SHORT_HOLD = g.RepTempo(rest_s=1.5, up_s=0.8, top_s=1.0, down_s=0.8)
"""Seed 002: raise, hold a second, lower."""
LONG_HOLD = g.RepTempo(rest_s=5.0, up_s=1.0, top_s=30.0, down_s=1.0)
"""Seed 003: hold 30 s, rest 5 s, three times."""


def session(reps, tempo, arms="overhead", neck_deg=0.0, noise_m=0.0, lead=None, visibility=None):
    """1 s lying flat (or ``lead(t)``), then ``reps`` supermen, each followed by its rest, then 2 s."""
    rng = np.random.default_rng(2)

    def poses(t):
        if lead is not None and t < 1.0:
            return lead(t)
        _, u = g.rep_phase(t, tempo, reps)
        body, face = p.superman(u, arms, neck_deg * u)
        return p.pose(body, t, face_deg=face, noise_m=noise_m, rng=rng, visibility=visibility)

    return g.run(Superman(), poses, 1.0 + reps * tempo.period_s + 2.0)


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def holds(events):
    return [e for e in events if isinstance(e, HoldEnded)]


def faults(events):
    return [e.fault for e in events if isinstance(e, FaultEnded)]


def test_counts_reps_with_a_pause_at_the_top():
    _, events = session(3, SHORT_HOLD, noise_m=0.003)
    reps = reps_of(events)
    assert len(reps) == 3
    assert all(r.top_s == pytest.approx(1.0, abs=0.3) for r in reps)
    assert all(r.up_s == pytest.approx(0.8, abs=0.2) and r.down_s == pytest.approx(0.8, abs=0.2) for r in reps)
    assert all(r.peak == pytest.approx(20.0, abs=1.5) and r.bottom == pytest.approx(-1.25, abs=1.5) for r in reps)
    assert [r.start_s for r in reps] == pytest.approx([1.0 + i * SHORT_HOLD.period_s for i in range(3)], abs=0.3)
    assert faults(events) == []
    assert len(holds(events)) == 3


def test_times_long_holds_with_the_arms_by_the_sides():
    _, events = session(3, LONG_HOLD, arms="sides", noise_m=0.003)
    reps, timed = reps_of(events), holds(events)
    assert len(reps) == 3 and len(timed) == 3
    assert all(r.top_s == pytest.approx(30.0, abs=0.4) for r in reps)
    assert [h.duration_s for h in timed] == pytest.approx([30.0] * 3, abs=0.3)
    assert [h.start_s for h in timed] == pytest.approx([2.0 + i * LONG_HOLD.period_s for i in range(3)], abs=0.3)


def test_cranked_neck_is_a_fault_while_lifted():
    _, events = session(2, SHORT_HOLD, neck_deg=75.0)
    cranked = faults(events)
    assert [f.code for f in cranked] == ["neck_cranked", "neck_cranked"]
    first_top = 1.0 + SHORT_HOLD.up_s
    assert cranked[0].start_s == pytest.approx(first_top - 0.3, abs=0.3)
    assert cranked[0].end_s == pytest.approx(first_top + SHORT_HOLD.top_s + 0.3, abs=0.3)


def test_eyes_ahead_of_the_hands_is_no_fault():
    _, events = session(2, SHORT_HOLD, neck_deg=35.0)
    assert faults(events) == []


def test_jitter_while_lying_is_not_a_rep():
    _, events = session(0, SHORT_HOLD, noise_m=0.004)
    assert reps_of(events) == [] and holds(events) == []


def test_getting_down_from_the_forearms_is_not_a_rep():
    lead = lambda t: p.pose(g.prone_lying(), t)  # noqa: E731 - propped on the forearms first
    assessments, events = session(2, SHORT_HOLD, lead=lead)
    assert assessments[0].status is Status.OUT_OF_POSITION
    assert len(reps_of(events)) == 2


def test_hidden_face_is_reported_not_guessed():
    assessments, events = session(1, SHORT_HOLD, visibility={Landmark.NOSE: 0.1})
    assert reps_of(events) == []
    assert assessments[-1].status is Status.NOT_VISIBLE and "nose" in assessments[-1].missing


@pytest.mark.parametrize("name", p.own("superman") + ["supine_flat"])
def test_only_the_superman_takes_its_postures(name):
    """Every registered exercise runs on the superman's postures; only the superman takes them
    (lying flat on the back, arms overhead, is nobody's)."""
    poses, expected = p.POSTURES[name]
    assert p.taken_by(poses) == expected


@pytest.mark.parametrize("name", p.others("superman"))
def test_superman_stays_out_of_other_postures(name):
    poses, _ = p.POSTURES[name]
    assert not p.in_position(Superman, poses)
