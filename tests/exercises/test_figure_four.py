"""Figure four analyzer on synthetic landmark sequences: holds per side (the crossed leg), the
pull cue, hidden legs, and the glute bridge's rest never taken for it."""

import numpy as np
import pytest

import posegen as g
import poses_stretches_lifts as P
from formcheck.core import Status
from formcheck.events import HoldEnded, HoldStarted
from formcheck.exercises.figure_four import FigureFour
from formcheck.pose.landmarks import Landmark, Side

REST = g.bridge(125.0)
"""Lying on the back, knees bent, feet on the floor: the start and the in-between."""


def holds(events):
    return [e for e in events if isinstance(e, HoldEnded)]


def stretches(plan, noise_m=0.003, visibility_at=None):
    """``plan``: [(start_s, end_s, crossed side, supporting thigh angle)], lying at rest between.
    The thigh angle may be a function of the time since the crossing (a pull)."""
    rng = np.random.default_rng(0)

    def poses(t):
        for start, end, side, thigh in plan:
            if start <= t < end:
                angle = thigh(t - start) if callable(thigh) else thigh
                body, depths = P.figure_four(side, angle + 1.5 * np.sin(t * 1.3))
                visibility = visibility_at(t) if visibility_at else None
                return P.posed(body, t, depths=depths, visibility=visibility, noise_m=noise_m, rng=rng)
        return P.posed(REST, t, noise_m=noise_m, rng=rng)

    return poses


def test_holds_are_timed_per_crossed_leg():
    plan = [(2.0, 14.0, Side.LEFT, 95.0), (17.0, 32.0, Side.RIGHT, 95.0)]
    assessments, events = g.run(FigureFour(), stretches(plan), 35.0)
    left, right = holds(events)
    assert (left.side, right.side) == (Side.LEFT, Side.RIGHT)
    assert left.start_s == pytest.approx(2.0, abs=0.3)
    assert left.duration_s == pytest.approx(12.0, abs=0.3)
    assert right.duration_s == pytest.approx(15.0, abs=0.3)
    assert left.good_form_s == pytest.approx(left.duration_s, abs=0.05)
    assert assessments[int(1.0 * g.FPS)].status is Status.OUT_OF_POSITION
    assert assessments[int(15.5 * g.FPS)].status is Status.OUT_OF_POSITION
    assert assessments[int(25.0 * g.FPS)].hold_s == pytest.approx(8.0, abs=0.3)


def test_pulling_in_before_settling_is_not_held_and_gets_a_cue():
    """Crossed with the foot on the floor (thigh at 55), then pulled to 100 over 2 s."""

    def pull(dt):
        return 55.0 if dt < 1.0 else 55.0 + 45.0 * g.ease((dt - 1.0) / 2.0)

    assessments, events = g.run(FigureFour(), stretches([(2.0, 12.0, Side.RIGHT, pull)]), 14.0)
    starts = [e.t_s for e in events if isinstance(e, HoldStarted)]
    (hold,) = holds(events)
    assert starts[0] == pytest.approx(2.0, abs=0.3)  # crossed and still: already the stretch
    assert hold.duration_s == pytest.approx(10.0, abs=0.3)
    assert assessments[int(2.5 * g.FPS)].cue == "Pull the supporting leg toward your chest"
    assert assessments[int(8.0 * g.FPS)].cue == FigureFour.good_cue


def test_lying_with_knees_bent_is_not_a_figure_four():
    rng = np.random.default_rng(2)
    assessments, events = g.run(FigureFour(), lambda t: g.to_pose(g.bridge(125.0 + 3.0 * np.sin(t)), t, noise_m=0.004, rng=rng), 10.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)
    assert holds(events) == []


def test_bridge_reps_are_not_a_figure_four():
    tempo = g.RepTempo()

    def poses(t):
        _, u = g.rep_phase(t, tempo, 3)
        return g.to_pose(g.bridge(125.0 + 55.0 * u), t)

    assessments, _ = g.run(FigureFour(), poses, 1.0 + 3 * tempo.period_s + 1.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)


def test_far_leg_hidden_briefly_keeps_the_hold_and_is_said():
    far = (Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE, Landmark.RIGHT_HEEL, Landmark.RIGHT_FOOT_INDEX)

    def visibility_at(t):
        return {lm: 0.05 for lm in far} if 6.0 <= t < 7.5 else None

    assessments, events = g.run(FigureFour(), stretches([(2.0, 12.0, Side.LEFT, 95.0)], visibility_at=visibility_at), 14.0)
    (hold,) = holds(events)
    assert hold.duration_s == pytest.approx(10.0, abs=0.3)
    assert assessments[int(7.0 * g.FPS)].unmeasured == ("legs (both knees and ankles needed to see the crossing)",)


def test_far_leg_never_seen_is_not_guessed():
    far = {lm: 0.05 for lm in (Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE)}
    assessments, events = g.run(FigureFour(), stretches([(0.0, 6.0, Side.LEFT, 95.0)], visibility_at=lambda t: far), 6.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)
    assert assessments[-1].unmeasured and holds(events) == []


def test_hidden_near_hip_is_not_visible():
    body, depths = P.figure_four(Side.LEFT)
    assessments, _ = g.run(FigureFour(), lambda t: P.posed(body, t, depths=depths, visibility={Landmark.LEFT_HIP: 0.1}), 2.0)
    assert assessments[-1].status is Status.NOT_VISIBLE


def four(side, thigh=95.0):
    body, depths = P.figure_four(side, thigh)
    return P.still(body, depths)


@pytest.mark.parametrize(
    "name, poses, expected",
    [
        ("figure_four_left_pulled", four(Side.LEFT), {"figure_four"}),
        ("figure_four_right_pulled", four(Side.RIGHT), {"figure_four"}),
        ("figure_four_near_leg_crossed_foot_down", four(Side.LEFT, 55.0), {"figure_four"}),
        # The far ankle crossed over the near knee, whose foot is on the floor: from the near side
        # this is the bridge's own rest, and a figure-four bridge starts from exactly here.
        ("figure_four_far_leg_crossed_foot_down", four(Side.RIGHT, 55.0), {"figure_four", "glute_bridge"}),
        ("bridge_rest", P.still(REST), {"glute_bridge"}),
        ("bridge_top", P.still(g.bridge(180.0)), {"glute_bridge"}),
        ("childs_pose", P.still(P.childs_pose()), {"childs_pose"}),
        ("prone_lying", P.still(g.prone_lying()), set()),
    ],
)
def test_only_the_right_exercise_claims_the_posture(name, poses, expected):
    assert P.in_position(poses) == expected
