"""The McGill endurance holds on synthetic landmark sequences: each timed from a still start to
form failure, and none of them picked by automatic recognition."""

import pytest

import posegen as g
import poses_mcgill as m
from formcheck.events import HoldEnded
from formcheck.exercises import EXERCISES, RECOGNISABLE
from formcheck.exercises.endurance import endurance_s
from formcheck.exercises.mcgill_extensor import McGillExtensor
from formcheck.exercises.mcgill_flexor import McGillFlexor
from formcheck.exercises.mcgill_side_bridge import McGillSideBridgeLeft, McGillSideBridgeRight
from formcheck.pose.landmarks import Side
from formcheck.recognition import AutoExercise
from support.position_models import model_of_no_exercise

MCGILL = ("mcgill_flexor", "mcgill_extensor", "mcgill_side_right", "mcgill_side_left")
TOLERANCE_S = 0.35
"""Holds start at the first still moment and end at the last one in form: a few frames either way."""


def hold_span(exercise, poses, duration_s):
    _, events = g.run(exercise, poses, duration_s)
    holds = [e for e in events if isinstance(e, HoldEnded)]
    assert holds, "no hold timed"
    (timed,) = holds
    assert endurance_s(events) == pytest.approx(timed.duration_s)
    return timed.start_s, timed.t_s


# --- trunk flexor test -------------------------------------------------------------------


def test_flexor_is_timed_from_the_still_60_degrees_until_it_falls_back():
    """Leaning back from 20 to 60 degrees by 2.5 s, held, then falling back onto the support at 30 s."""
    angle = m.lift_hold_lower(1.5, 30.0, 20.0, 60.0, move_s=1.0)
    start, end = hold_span(McGillFlexor(), m.flexor_poses(angle), 33.0)
    assert (start, end) == pytest.approx((2.5, 30.0), abs=TOLERANCE_S)


def test_flexor_slow_fall_ends_where_the_trunk_passes_50_degrees():
    """Sinking 1 degree a second from 12 s (too slow to look like movement): 60 - 10 at 22 s."""
    angle = lambda t: 60.0 if t < 12.0 else 60.0 - (t - 12.0)  # noqa: E731
    start, end = hold_span(McGillFlexor(), m.flexor_poses(angle), 30.0)
    assert start == pytest.approx(0.0, abs=TOLERANCE_S)
    assert end == pytest.approx(22.0, abs=TOLERANCE_S)


def test_flexor_leaning_forward_ends_the_test():
    angle = lambda t: m.ramp(t, 15.0, 0.5, 60.0, 85.0)  # noqa: E731 - curling up to rest
    _, end = hold_span(McGillFlexor(), m.flexor_poses(angle), 20.0)
    assert end == pytest.approx(15.0, abs=TOLERANCE_S)


def test_flexor_wobble_shorter_than_the_grace_is_not_failure():
    angle = lambda t: 47.0 if 10.0 <= t < 10.3 else 60.0  # noqa: E731
    start, end = hold_span(McGillFlexor(), m.flexor_poses(angle), 20.0)
    assert end - start == pytest.approx(20.0, abs=TOLERANCE_S + 1 / g.FPS)


def test_flexor_does_not_start_outside_the_test_angle():
    _, events = g.run(McGillFlexor(), m.flexor_poses(lambda t: 35.0), 10.0)
    assert endurance_s(events) == 0.0


# --- Biering-Sorensen extensor test -----------------------------------------------------


def test_sorensen_is_timed_until_the_trunk_drops():
    angle = m.lift_hold_lower(1.0, 40.0, -40.0, 0.0, move_s=1.0)
    start, end = hold_span(McGillExtensor(), m.sorensen_poses(angle), 43.0)
    assert (start, end) == pytest.approx((2.0, 40.0), abs=TOLERANCE_S)


def test_sorensen_slow_sag_ends_ten_degrees_below_horizontal():
    angle = lambda t: 0.0 if t < 10.0 else -(t - 10.0)  # noqa: E731 - 1 degree a second
    _, end = hold_span(McGillExtensor(), m.sorensen_poses(angle), 25.0)
    assert end == pytest.approx(20.0, abs=TOLERANCE_S)


def test_sorensen_hands_to_the_floor_end_it():
    poses = m.sorensen_poses(lambda t: 0.0, hands_down_at=lambda t: t >= 15.0)
    start, end = hold_span(McGillExtensor(), poses, 20.0)
    assert (start, end) == pytest.approx((0.0, 15.0), abs=TOLERANCE_S)


# --- side bridges ------------------------------------------------------------------------


@pytest.mark.parametrize("cls, support", [(McGillSideBridgeRight, Side.RIGHT), (McGillSideBridgeLeft, Side.LEFT)])
def test_side_bridge_is_timed_until_the_hips_drop(cls, support):
    drop = m.lift_hold_lower(2.0, 25.0, 0.09, 0.0, move_s=0.5)  # from resting on the floor
    start, end = hold_span(cls(), m.side_bridge_poses(support, drop), 28.0)
    assert (start, end) == pytest.approx((2.5, 25.0), abs=TOLERANCE_S)


def test_side_bridge_slow_sag_ends_at_the_drop_line():
    drop = lambda t: 0.0 if t < 10.0 else 0.01 * (t - 10.0)  # noqa: E731 - sinking 0.01 a second
    _, end = hold_span(McGillSideBridgeRight(), m.side_bridge_poses(Side.RIGHT, drop), 20.0)
    assert end == pytest.approx(16.0, abs=TOLERANCE_S)


def test_side_bridge_on_the_other_side_is_not_timed():
    _, events = g.run(McGillSideBridgeLeft(), m.side_bridge_poses(Side.RIGHT, lambda t: 0.0), 10.0)
    assert endurance_s(events) == 0.0


def hold(start_s, end_s):
    return HoldEnded(end_s, start_s=start_s, good_form_s=end_s - start_s)


def test_the_time_is_the_first_real_hold_not_a_false_start_nor_a_second_go():
    assert endurance_s([hold(0.0, 1.5), hold(3.0, 33.0), hold(40.0, 80.0)]) == pytest.approx(30.0)
    assert endurance_s([hold(3.0, 4.2), hold(6.0, 7.8)]) == pytest.approx(1.8)
    assert endurance_s([]) == 0.0


# --- registration ------------------------------------------------------------------------


def test_registered_but_never_recognised_automatically():
    assert set(MCGILL) <= set(EXERCISES)
    assert not set(MCGILL) & set(RECOGNISABLE)
    assert not set(MCGILL) & set(AutoExercise()._ids)


def test_auto_mode_does_not_take_a_sorensen_hold_for_anything():
    _, events = g.run(AutoExercise(model=model_of_no_exercise()), m.sorensen_poses(lambda t: 0.0), 15.0)
    assert not [e for e in events if isinstance(e, HoldEnded)]
