"""Side plank analyzer on synthetic landmark sequences: holds per side, hip drop, position."""

import numpy as np
import pytest

import posegen as g
import poses_t2a as p
from formcheck.core import Status
from formcheck.events import FaultEnded, HoldEnded
from formcheck.exercises.side_plank import SidePlank
from formcheck.pose.landmarks import Landmark, Side
from formcheck.report import Report


def holds(events):
    return [e for e in events if isinstance(e, HoldEnded)]


def span(hold):
    """(start, end) of a hold: it starts once the hips are up and still, and ends at the last
    still moment, early in the lowering."""
    return hold.start_s, hold.t_s


def faults(events, code="hip_drop"):
    return [e.fault for e in events if isinstance(e, FaultEnded) and e.fault.code == code]


RISE_S = 0.5
"""Lifting the hips from the floor into the side plank (or lowering them) takes this long."""


def session(plan, duration, noise_m=0.0, yaw_deg=0.0):
    """``plan(t)`` -> (support side, hip drop below the line); front view."""
    rng = np.random.default_rng(1)

    def poses(t):
        side, drop = plan(t)
        return p.pose(p.side_plank(side, drop=drop), t, front_view=True, yaw_deg=yaw_deg, noise_m=noise_m, rng=rng)

    return g.run(SidePlank(), poses, duration)


def one_side(start=2.0, end=12.0, side=Side.RIGHT, drop_at=lambda t: 0.0):
    """Resting on the side (hips on the floor) until ``start``, the hips lifted over ``RISE_S``,
    held (with ``drop_at(t)``) until ``end``, then lowered back to the floor."""

    def plan(t):
        if t < start or t >= end + RISE_S:
            return side, p.LYING_DROP
        if t < start + RISE_S:
            return side, p.LYING_DROP * (1.0 - g.ease((t - start) / RISE_S))
        if t >= end:
            return side, p.LYING_DROP * g.ease((t - end) / RISE_S)
        return side, drop_at(t)

    return plan


def test_times_each_side_and_compares_them():
    right_side, left_side = one_side(2.0, 12.0, Side.RIGHT), one_side(16.0, 23.0, Side.LEFT)

    def plan(t):
        if 13.5 <= t < 15.0:
            return None  # rolling over through the front: nobody on a side
        return right_side(t) if t < 14.0 else left_side(t)

    rng = np.random.default_rng(1)

    def poses(t):
        step = plan(t)
        if step is None:
            return g.to_pose(g.plank(), t, noise_m=0.003, rng=rng)
        return p.pose(p.side_plank(step[0], drop=step[1]), t, front_view=True, noise_m=0.003, rng=rng)

    _, events = g.run(SidePlank(), poses, 25.0)
    right, left = holds(events)
    assert (right.side, left.side) == (Side.RIGHT, Side.LEFT)
    assert span(right) == pytest.approx((2.0 + RISE_S, 12.0), abs=0.3)
    assert span(left) == pytest.approx((16.0 + RISE_S, 23.0), abs=0.3)
    assert faults(events) == []
    report = Report("side_plank", "synthetic", frames=1, pose_frames=1, duration_s=25.0, events=tuple(events), two_sided=True, timed=True)
    by_side = report.to_dict()["hold_by_side"]
    assert by_side == {"left": pytest.approx(left.duration_s, abs=0.001), "right": pytest.approx(right.duration_s, abs=0.001)}


def test_a_quick_switch_of_sides_is_two_holds():
    """Even straight from one side to the other, quicker than the hold's grace: two holds, and the
    hips lowered at the end of the first are not a fault of it."""

    def plan(t):
        if t < 10.0:
            return one_side(2.0, 8.0, Side.RIGHT)(t)
        return one_side(10.2, 16.0, Side.LEFT)(t)

    _, events = session(plan, 18.0)
    right, left = holds(events)
    assert (right.side, left.side) == (Side.RIGHT, Side.LEFT)
    assert span(right) == pytest.approx((2.0 + RISE_S, 8.0), abs=0.3)
    assert span(left) == pytest.approx((10.2 + RISE_S, 16.0), abs=0.3)
    assert faults(events) == []


def test_a_straight_arm_side_plank_with_the_top_arm_raised_counts_too():
    def poses(t):
        drop = p.LYING_DROP * (1.0 - g.ease(t - 1.0))
        return p.pose(p.side_plank(Side.LEFT, drop=drop, straight_arm=True, top_arm_up=True), t, front_view=True)

    _, events = g.run(SidePlank(), poses, 8.0)
    (hold,) = holds(events)
    assert hold.side is Side.LEFT
    assert span(hold) == pytest.approx((2.0, 8.0), abs=0.3)


def test_sustained_hip_drop_is_a_fault_inside_the_hold():
    """As low as lying for 1.5 s, then back up: a drop, within ``MAX_UNCERTAIN_S`` (longer on the
    floor is a rest, and ends the hold)."""
    sag = lambda t: 0.09 if 6.0 <= t < 7.5 else 0.0  # noqa: E731 - as low as lying, then back up
    _, events = session(one_side(drop_at=sag), 14.0)
    (hold,) = holds(events)
    (fault,) = faults(events)
    assert span(hold) == pytest.approx((2.0 + RISE_S, 12.0), abs=0.3)
    assert (fault.start_s, fault.end_s) == pytest.approx((6.0, 7.5), abs=0.1)
    assert hold.good_form_s == pytest.approx(hold.duration_s - 1.5, abs=0.2)


def test_quick_hip_dips_are_not_drops():
    """An 'active' side plank (the real clip) dips the hips every 1.25 s, from 0.03 above the
    line to 0.07 below it: below the fault line for under 0.4 s at a time."""

    def dips(t):
        return -0.03 + 0.05 * (1.0 - np.cos(2.0 * np.pi * (t - 3.0) / 1.25)) if 3.0 <= t < 13.0 else 0.0

    _, events = session(one_side(2.0, 16.0, drop_at=dips), 18.0, noise_m=0.003)
    (hold,) = holds(events)
    assert faults(events) == []
    assert span(hold) == pytest.approx((2.0 + RISE_S, 16.0), abs=0.3)


def test_lowering_to_the_floor_ends_the_hold_where_it_began():
    """Hips down on the floor for good: uncertain for a while (a deep drop looks the same), then
    the hold is over, ending when the hips started down; the lowering is no fault."""
    assessments, events = session(one_side(2.0, 10.0), 20.0)
    (hold,) = holds(events)
    assert span(hold)[1] == pytest.approx(10.0, abs=0.3)
    assert faults(events) == []
    assert assessments[-1].status is Status.OUT_OF_POSITION


def test_jitter_on_a_straight_body_is_no_fault():
    _, events = session(one_side(2.0, 20.0), 22.0, noise_m=0.004)
    assert len(holds(events)) == 1 and faults(events) == []


def test_an_oblique_camera_reads_the_same_hold():
    sag = lambda t: 0.09 if 6.0 <= t < 7.5 else 0.0  # noqa: E731
    _, events = session(one_side(drop_at=sag), 14.0, yaw_deg=35.0)
    (hold,) = holds(events)
    (fault,) = faults(events)
    assert span(hold) == pytest.approx((2.0 + RISE_S, 12.0), abs=0.3)
    assert (fault.start_s, fault.end_s) == pytest.approx((6.0, 7.5), abs=0.1)


def test_hidden_support_arm_is_reported_not_guessed():
    def poses(t):
        return p.pose(p.side_plank(Side.RIGHT), t, front_view=True, visibility={Landmark.RIGHT_ELBOW: 0.1})

    assessments, events = g.run(SidePlank(), poses, 5.0)
    assert holds(events) == []
    assert assessments[-1].status is Status.NOT_VISIBLE
    assert "right elbow" in assessments[-1].missing


def test_hidden_knees_are_said_and_do_not_start_a_hold():
    hidden = {Landmark.LEFT_KNEE: 0.1, Landmark.RIGHT_KNEE: 0.1}
    assessments, events = g.run(SidePlank(), lambda t: p.pose(p.side_plank(), t, front_view=True, visibility=hidden), 5.0)
    assert holds(events) == []
    assert "legs straight (knees not visible)" in assessments[-1].unmeasured


@pytest.mark.parametrize("name", p.own("side_plank") + ["side_lying_propped"])
def test_only_the_side_plank_takes_its_postures(name):
    """Every registered exercise runs on the side plank's postures; only the side plank takes
    them (lying on the side, propped on the forearm with the hips down, is nobody's)."""
    poses, expected = p.POSTURES[name]
    assert p.taken_by(poses) == expected


@pytest.mark.parametrize("name", p.others("side_plank"))
def test_side_plank_stays_out_of_other_postures(name):
    poses, _ = p.POSTURES[name]
    assert not p.in_position(SidePlank, poses)
