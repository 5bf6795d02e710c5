"""Plank analyzer on synthetic landmark sequences: hold time, good-form time, fault intervals."""

from dataclasses import replace

import numpy as np
import pytest

import posegen as g
from formcheck.core import Status
from formcheck.events import FaultEnded, HoldEnded, HoldStarted
from formcheck.exercises.plank import Plank
from formcheck.pose.landmarks import Landmark


def holds(events):
    return [e for e in events if isinstance(e, HoldEnded)]


def faults(events, code):
    return [e.fault for e in events if isinstance(e, FaultEnded) and e.fault.code == code]


def plank_session(offset_at, start=2.0, end=22.0, duration=25.0, noise_m=0.0, **posture):
    """Prone lying, then a plank from ``start`` to ``end`` with hip offset ``offset_at(t)``."""
    rng = np.random.default_rng(0)

    def poses(t):
        body = g.plank(offset_at(t), **posture) if start <= t < end else g.prone_lying()
        return g.to_pose(body, t, noise_m=noise_m, rng=rng)

    return g.run(Plank(), poses, duration)


def test_times_a_straight_hold():
    assessments, events = plank_session(lambda t: 0.0, noise_m=0.003)
    (hold,) = holds(events)
    assert hold.start_s == pytest.approx(2.0, abs=0.25)
    assert hold.duration_s == pytest.approx(20.0, abs=0.25)
    assert hold.good_form_s == pytest.approx(hold.duration_s, abs=0.05)
    assert assessments[int(1.0 * g.FPS)].status is Status.OUT_OF_POSITION
    assert assessments[int(12 * g.FPS)].hold_s == pytest.approx(10.0, abs=0.2)


def test_sag_is_a_fault_inside_the_hold_and_costs_good_time():
    sag = lambda t: -0.10 if 8.0 <= t < 12.0 else 0.0  # noqa: E731
    _, events = plank_session(sag)
    (hold,) = holds(events)
    (fault,) = faults(events, "hip_sag")
    assert hold.duration_s == pytest.approx(20.0, abs=0.25)
    assert fault.start_s == pytest.approx(8.0, abs=0.05)
    assert fault.end_s == pytest.approx(12.0, abs=0.05)
    assert hold.good_form_s == pytest.approx(16.0, abs=0.25)
    assert faults(events, "hip_pike") == []


def test_pike_is_a_fault():
    _, events = plank_session(lambda t: 0.09 if 5.0 <= t < 7.0 else 0.0)
    (fault,) = faults(events, "hip_pike")
    assert (fault.start_s, fault.end_s) == pytest.approx((5.0, 7.0), abs=0.05)


def test_brief_wobbles_are_not_faults():
    _, events = plank_session(lambda t: -0.09 if int(t * 10) % 7 == 0 else 0.0)
    assert faults(events, "hip_sag") == []


def test_a_rest_on_the_floor_between_planks_ends_the_hold():
    """Three seconds lying prone between two planks (a programme's short rest between holds): two
    holds, the rest in neither."""

    def poses(t):
        body = g.plank() if 2.0 <= t < 10.0 or 13.0 <= t < 22.0 else g.prone_lying()
        return g.to_pose(body, t)

    _, events = g.run(Plank(), poses, 25.0)
    assert [h.duration_s for h in holds(events)] == pytest.approx([8.0, 9.0], abs=0.25)


def test_faults_after_the_last_hold_are_the_person_leaving():
    """Held straight for 8 s, then the hips heave up and sink steadily as the person comes out of
    it, and the recording ends: the hold ended with the movement, and the hips passing below the
    line on the way down are no sag."""

    def offset(t):
        return 0.0 if t < 10.0 else (0.2 if t < 10.6 else 0.2 - 0.25 * (t - 10.6))

    _, events = plank_session(offset, end=20.0, duration=12.5)
    (hold,) = holds(events)
    assert hold.duration_s == pytest.approx(8.0, abs=0.5)
    assert faults(events, "hip_sag") == []


def test_lying_prone_is_not_a_plank():
    _, events = g.run(Plank(), lambda t: g.to_pose(g.prone_lying(), t), 10.0)
    assert holds(events) == [] and not [e for e in events if isinstance(e, HoldStarted)]


def test_head_drop_and_elbows_forward():
    _, events = plank_session(lambda t: 0.0, head_drop_deg=35.0, elbow_forward_deg=45.0)
    assert len(faults(events, "head_drop")) == 1
    assert len(faults(events, "elbows_forward")) == 1


def test_hidden_ear_skips_the_head_check_and_says_so():
    def poses(t):
        return g.to_pose(g.plank(0.0, head_drop_deg=35.0), t, visibility={Landmark.LEFT_EAR: 0.0})

    assessments, events = g.run(Plank(), poses, 5.0)
    assert faults(events, "head_drop") == []
    assert "head line (ear not visible)" in assessments[-1].unmeasured


def test_a_short_tracking_dropout_does_not_end_the_hold():
    def poses(t):
        return None if 10.0 <= t < 10.4 else g.to_pose(g.plank(0.0), t)

    _, events = g.run(Plank(), poses, 20.0)
    (hold,) = holds(events)
    assert hold.duration_s == pytest.approx(20.0, abs=0.25)


def test_a_leg_standing_below_the_floor_line_is_not_a_plank():
    """Body straight and level on one side, but the far leg stands on a floor far below the
    hands (a single-leg deadlift's bottom seen from the raised leg's side)."""
    body = g.plank()
    hip = body.right["hip"]
    body.right.update(knee=hip + np.array([0.0, -g.THIGH]), ankle=hip + np.array([0.0, -g.THIGH - g.SHIN]))
    for joints in (body.left, body.right):
        for name in joints:
            joints[name] = joints[name] + np.array([0.0, 0.7])  # the standing foot on the floor, in frame
    assessments, _ = g.run(Plank(), lambda t: g.to_pose(body, t), 3.0)
    assert all(a.status is Status.OUT_OF_POSITION for a in assessments)


def _turned(body_at, degrees):
    a = np.radians(degrees)
    rotation = np.array([[np.cos(a), 0, np.sin(a)], [0, 1, 0], [-np.sin(a), 0, np.cos(a)]])
    return lambda t: replace(body_at(t), world=body_at(t).world @ rotation.T)


def test_filmed_from_the_feet_end_nothing_is_timed_and_the_cue_says_why():
    """Seen end-on the depth axis carries the body line, which MediaPipe reads least well: the
    plank is not timed, and the user is asked to film from the side."""
    straight = lambda t: g.to_pose(g.plank() if 2.0 <= t < 12.0 else g.prone_lying(), t)  # noqa: E731
    assessments, events = g.run(Plank(), _turned(straight, 90.0), 14.0)
    assert holds(events) == []
    assert assessments[int(8 * g.FPS)].cue == "Film from the side"
    _, oblique = g.run(Plank(), _turned(straight, 40.0), 14.0)
    (hold,) = holds(oblique)
    assert hold.duration_s == pytest.approx(10.0, abs=0.3)
