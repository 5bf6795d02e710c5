"""Child's pose analyzer on synthetic landmark sequences: hold time, settling in not counted,
hands and knees never taken for it; and which exercises claim which posture."""

import numpy as np
import pytest

import posegen as g
import poses_stretches_lifts as P
from formcheck.core import Status
from formcheck.events import HoldEnded, HoldStarted
from formcheck.exercises.childs_pose import ChildsPose
from formcheck.pose.landmarks import Landmark, Side


def holds(events):
    return [e for e in events if isinstance(e, HoldEnded)]


def session(into_s=2.0, fold_s=2.0, hold_s=20.0, after_s=3.0, noise_m=0.003, visibility=None, dropout=None):
    """Hands and knees, sink back into child's pose over ``fold_s``, rest there (breathing:
    the hip angle wavers by a couple of degrees), come back up to hands and knees."""
    rng = np.random.default_rng(0)
    down_at, up_at = into_s + fold_s, into_s + fold_s + hold_s

    def poses(t):
        if dropout and dropout[0] <= t < dropout[1]:
            return None
        if t < into_s:
            u = 0.0
        elif t < down_at:
            u = g.ease((t - into_s) / fold_s)
        elif t < up_at:
            u = 1.0
        else:
            u = 1.0 - g.ease((t - up_at) / fold_s)
        body = P.hands_and_knees_to_childs_pose(u) if u < 1.0 else P.childs_pose(hip_deg=25.0 + 2.0 * np.sin(t * 1.5))
        return P.posed(body, t, visibility=visibility, noise_m=noise_m, rng=rng)

    duration = up_at + fold_s + after_s
    return g.run(ChildsPose(), poses, duration)


def test_times_the_rest_from_when_it_settles():
    assessments, events = session()
    (hold,) = holds(events)
    assert hold.start_s == pytest.approx(4.0, abs=0.3)
    assert hold.duration_s == pytest.approx(20.0, abs=0.3)
    assert hold.good_form_s == pytest.approx(hold.duration_s, abs=0.05)
    assert hold.side is None
    assert assessments[int(1.0 * g.FPS)].status is Status.OUT_OF_POSITION
    assert assessments[int(14.0 * g.FPS)].hold_s == pytest.approx(10.0, abs=0.3)
    assert assessments[-1].status is Status.OUT_OF_POSITION


def test_sinking_in_is_not_held():
    """A slow 4 s fold (2-6 s): the hold starts once the hips slow below 10 deg/s, near the end."""
    _, events = session(fold_s=4.0)
    (started,) = [e for e in events if isinstance(e, HoldStarted)]
    assert started.t_s == pytest.approx(5.5, abs=0.3)


def test_a_short_tracking_dropout_does_not_end_the_hold():
    _, events = session(dropout=(12.0, 12.4))
    (hold,) = holds(events)
    assert hold.duration_s == pytest.approx(20.0, abs=0.3)


def test_hidden_hands_and_elbows_are_said_not_judged():
    hidden = {lm: 0.05 for lm in (Landmark.LEFT_WRIST, Landmark.LEFT_ELBOW, Landmark.RIGHT_WRIST, Landmark.RIGHT_ELBOW)}
    assessments, events = session(visibility=hidden)
    (hold,) = holds(events)
    assert hold.duration_s == pytest.approx(20.0, abs=0.3)
    assert "arms (not visible)" in assessments[int(10.0 * g.FPS)].unmeasured


def test_hidden_knee_is_not_visible():
    assessments, _ = g.run(ChildsPose(), lambda t: P.posed(P.childs_pose(), t, visibility={Landmark.LEFT_KNEE: 0.1}), 2.0)
    assert assessments[-1].status is Status.NOT_VISIBLE
    assert "left knee" in assessments[-1].missing


def test_bird_dog_reps_on_hands_and_knees_are_never_childs_pose():
    rng = np.random.default_rng(3)
    tempo = g.RepTempo()

    def poses(t):
        index, u = g.rep_phase(t, tempo, 4)
        arm = Side.LEFT if index % 2 == 0 else Side.RIGHT
        return g.to_pose(g.bird_dog({arm: u}, {arm.other: u}), t, noise_m=0.003, rng=rng)

    assessments, events = g.run(ChildsPose(), poses, 1.0 + 4 * tempo.period_s + 1.0)
    assert not any(a.status is Status.IN_POSITION for a in assessments)
    assert holds(events) == []


def test_halfway_down_is_not_yet_childs_pose():
    assessments, _ = g.run(ChildsPose(), P.still(P.hands_and_knees_to_childs_pose(0.5)), 3.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)


def test_arms_back_alongside_the_legs_is_not_the_seeds_pose():
    """The seed's child's pose reaches the arms forward; resting them by the feet is another pose."""
    assessments, _ = g.run(ChildsPose(), P.still(P.childs_pose(arms="back")), 3.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)


@pytest.mark.parametrize(
    "name, poses, expected",
    [
        ("childs_pose", P.still(P.childs_pose()), {"childs_pose"}),
        ("childs_pose_hips_high", P.still(P.childs_pose(knee_deg=50.0, hip_deg=35.0)), {"childs_pose"}),
        ("hands_and_knees", P.still(P.hands_and_knees_to_childs_pose(0.0)), {"bird_dog", "cat_camel"}),  # shared by nature
        ("bird_dog_raised", P.still(g.bird_dog({Side.LEFT: 1.0}, {Side.RIGHT: 1.0})), {"bird_dog"}),
        ("prone_lying", P.still(g.prone_lying()), set()),
        ("plank", P.still(g.plank()), {"plank"}),
        ("bridge_rest", P.still(g.bridge(125.0)), {"glute_bridge"}),
    ],
)
def test_only_the_right_exercise_claims_the_posture(name, poses, expected):
    assert P.in_position(poses) == expected
