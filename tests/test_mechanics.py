"""The shared mechanisms on hand-made signals: exact counts, times and intervals."""

import numpy as np
import pytest

from formcheck.core import FaultRule
from formcheck.events import FaultEnded, FaultStarted, HoldEnded, HoldStarted
from formcheck.exercises.mechanics import GLITCH_S, FaultMonitor, HoldConfig, HoldTimer, PositionLatch, RepCounter, RepCounterConfig, SideTally
from formcheck.pose.landmarks import Side

FPS = 30.0


def feed(counter, signal, fps=FPS):
    return [rep for i, v in enumerate(signal) if (rep := counter.update(v, i / fps)) is not None]


def bumps(n, low=120.0, high=180.0, rest=30, up=30, top=30, down=30):
    """n smooth reps: rest at ``low``, rise, hold at ``high``, fall."""
    out = []
    for _ in range(n):
        out += [low] * rest
        out += list(low + (high - low) * np.sin(np.linspace(0, np.pi / 2, up)) ** 2)
        out += [high] * top
        out += list(high - (high - low) * np.sin(np.linspace(0, np.pi / 2, down)) ** 2)
    return out + [low] * rest


def test_counts_each_rep_once_with_tempo():
    counter = RepCounter(RepCounterConfig(min_rise=20.0, pause_max_speed=15.0))
    reps = feed(counter, bumps(3))
    assert len(reps) == 3
    first = reps[0]
    assert first.peak == pytest.approx(180.0)
    assert first.top_s == pytest.approx(1.0, abs=0.15)
    assert first.up_s == pytest.approx(1.0, abs=0.25)
    assert first.down_s == pytest.approx(1.0, abs=0.2)
    assert first.start_s == pytest.approx(1.0, abs=0.2)
    assert [r.end_s for r in reps] == pytest.approx([4.0, 8.0, 12.0], abs=0.35)


def test_jitter_and_small_wobbles_never_count():
    rng = np.random.default_rng(0)
    counter = RepCounter(RepCounterConfig(min_rise=20.0))
    wobble = 125 + 6 * np.sin(np.arange(600) / 5.0) + rng.normal(0, 1.0, 600)
    assert feed(counter, list(wobble)) == []


def test_rise_without_return_is_not_a_rep():
    """Getting into position (a one-way change) or a hold at the top never completes a rep."""
    counter = RepCounter(RepCounterConfig(min_rise=20.0))
    assert feed(counter, [90.0] * 30 + list(np.linspace(90, 170, 30)) + [170.0] * 200) == []
    assert counter.in_rep


def test_rep_lost_in_a_long_gap_is_dropped():
    counter = RepCounter(RepCounterConfig(min_rise=20.0, max_gap_s=1.0))
    signal = bumps(1)
    signal[70:140] = [None] * 70  # 2.3 s without a measurement in the middle of the rep
    assert feed(counter, signal) == []


def test_pause_ignores_passing_over_the_top():
    config = RepCounterConfig(min_rise=20.0, pause_max_speed=15.0)
    (rushed,) = feed(RepCounter(config), bumps(1, top=0))
    (paused,) = feed(RepCounter(config), bumps(1, top=60))
    assert rushed.top_s < 0.15
    assert paused.top_s == pytest.approx(2.0, abs=0.2)


def test_hold_timer_total_good_form_and_grace():
    timer = HoldTimer(HoldConfig(min_hold_s=1.0, grace_s=0.5))
    events = []
    for i in range(int(20 * FPS)):
        t = i / FPS
        dropout = 5.0 <= t < 5.3  # a 0.3 s tracking dropout inside the hold: bridged by the grace
        in_position = 2.0 <= t < 12.0 and not dropout
        events += timer.update(in_position, t, good_form=not (6.0 <= t < 8.0))
    events += timer.finish()
    starts = [e for e in events if isinstance(e, HoldStarted)]
    ends = [e for e in events if isinstance(e, HoldEnded)]
    assert len(starts) == 1 and len(ends) == 1
    assert starts[0].t_s == pytest.approx(2.0, abs=0.05)
    assert ends[0].duration_s == pytest.approx(10.0, abs=0.1)
    assert ends[0].good_form_s == pytest.approx(7.7, abs=0.15)
    assert timer.total_s == pytest.approx(10.0, abs=0.1)


def test_short_stays_are_not_holds():
    timer = HoldTimer(HoldConfig(min_hold_s=1.0, grace_s=0.2))
    events = [e for i in range(300) for e in timer.update((i // 20) % 2 == 0, i / FPS)]
    assert events == []


def test_hold_waits_until_the_position_is_settled():
    timer = HoldTimer(HoldConfig(min_hold_s=0.3, max_settle_speed=10.0))
    signal = list(np.linspace(165, 180, 30)) + [180.0] * 60  # still rising at 15 deg/s for 1 s
    events = [e for i, v in enumerate(signal) for e in timer.update(True, i / FPS, signal=v)]
    assert isinstance(events[0], HoldStarted)
    assert events[0].t_s == pytest.approx(1.0, abs=0.2)


def _timed(timer, signal_at, duration_s):
    events = [e for i in range(int(duration_s * FPS)) for e in timer.update(True, i / FPS, signal=signal_at(i / FPS))]
    return events + timer.finish()


def test_moving_through_the_position_is_not_holding_it():
    """A push-up passes through a plank's position and is still at each turn; moving 0.3 up and
    down every 1.5 s is not a hold, though each turn is settled."""
    config = HoldConfig(min_hold_s=1.0, max_settle_speed=0.06, max_motion=0.2)
    bobbing = _timed(HoldTimer(config), lambda t: 0.2 + 0.15 * np.cos(2 * np.pi * t / 1.5), 12.0)
    assert [e for e in bobbing if isinstance(e, HoldStarted)] == []


def test_a_slow_drift_within_the_motion_limit_stays_one_hold():
    """A sag that develops over seconds (0.15 in 4 s) is a hold with a fault, not movement."""
    config = HoldConfig(min_hold_s=1.0, max_settle_speed=0.06, max_motion=0.2)
    (hold,) = [e for e in _timed(HoldTimer(config), lambda t: 0.2 - 0.15 * min(max(t - 4.0, 0.0) / 4.0, 1.0), 12.0) if isinstance(e, HoldEnded)]
    assert (hold.start_s, hold.t_s) == pytest.approx((0.0, 12.0), abs=0.25)


def test_a_hold_broken_by_movement_ends_at_its_last_still_moment():
    """Held still for 5 s, then bobbing: the hold ends at its last still moment, the turn at the
    top of the first bob (5.375 s), not when the movement was first seen to be too much (5.9 s)."""
    config = HoldConfig(min_hold_s=1.0, max_settle_speed=0.06, max_motion=0.2)
    signal = lambda t: 0.2 if t < 5.0 else 0.2 + 0.15 * np.sin(2 * np.pi * (t - 5.0) / 1.5)  # noqa: E731
    (hold,) = [e for e in _timed(HoldTimer(config), signal, 12.0) if isinstance(e, HoldEnded)]
    assert hold.start_s == pytest.approx(0.0, abs=0.25)
    assert hold.t_s == pytest.approx(5.4, abs=0.2)


def test_fault_monitor_debounces_and_reports_intervals():
    rule = FaultRule("hip_sag", "sagging", "Lift", min_duration_s=0.5, release_s=0.5)
    monitor = FaultMonitor((rule,))
    events = []
    for i in range(int(10 * FPS)):
        t = i / FPS
        faulty = (2.0 <= t < 2.3) or (4.0 <= t < 7.0)  # a 0.3 s blip, then 3 s of sag
        events += monitor.update({"hip_sag"} if faulty else set(), t)
    started = [e for e in events if isinstance(e, FaultStarted)]
    ended = [e.fault for e in events if isinstance(e, FaultEnded)]
    assert len(started) == 1 and len(ended) == 1
    assert ended[0].start_s == pytest.approx(4.0, abs=0.05)
    assert ended[0].end_s == pytest.approx(7.0, abs=0.05)


def test_position_latch_has_hysteresis():
    latch = PositionLatch()
    assert not latch.update(enter=False, stay=True, t_s=0.0)
    assert latch.update(enter=True, stay=True, t_s=0.1)
    assert latch.update(enter=False, stay=True, t_s=0.2)
    latch.unseen(5.0)
    assert not latch.engaged


def test_side_tally_drops_sides_when_no_rep_had_one():
    tally = SideTally()
    assert tally.as_dict() == {"left": 0, "right": 0}
    tally.add(None)
    tally.add(None)
    assert tally.as_dict() is None
    tally.add(Side.RIGHT)
    assert tally.as_dict() == {"left": 0, "right": 1}
    assert tally.unsided == 2


def test_position_latch_waits_for_a_settled_start():
    """With ``enter_after_s`` the entry posture must last; a passing instant does not engage it,
    and once engaged the looser stay criteria apply at once."""
    latch = PositionLatch(enter_after_s=0.5)
    assert not latch.update(enter=True, stay=True, t_s=0.0)
    assert not latch.update(enter=False, stay=True, t_s=0.1)
    assert not latch.update(enter=True, stay=True, t_s=0.2)
    assert not latch.update(enter=True, stay=True, t_s=0.6)
    assert latch.update(enter=True, stay=True, t_s=0.8)
    assert latch.update(enter=False, stay=True, t_s=0.9)
    latch.update(enter=False, stay=False, t_s=1.0)
    assert not latch.update(enter=False, stay=False, t_s=1.0 + GLITCH_S + 0.1)
    assert not latch.update(enter=True, stay=True, t_s=1.5)


def test_position_latch_rides_over_a_glitch():
    """Failing the stay criteria for up to ``GLITCH_S`` keeps the position, flagged as a glitch;
    failing them longer leaves it."""
    latch = PositionLatch()
    assert latch.update(enter=True, stay=True, t_s=0.0)
    assert latch.update(enter=False, stay=False, t_s=0.1) and latch.glitching
    assert latch.update(enter=False, stay=False, t_s=0.1 + GLITCH_S - 0.01) and latch.glitching
    assert latch.update(enter=False, stay=True, t_s=0.5) and not latch.glitching
    assert latch.update(enter=False, stay=False, t_s=0.6) and latch.glitching
    assert not latch.update(enter=False, stay=False, t_s=0.7 + GLITCH_S)
    assert not latch.glitching and not latch.engaged


def turn_round_then_pause(pause_s, fps, rng, jitter_deg=1.5):
    """A bridge-like rep sampled at ``fps``: a smooth 0.67 s rise of 50 degrees, ``pause_s`` at the
    top, a 0.67 s return, with landmark jitter: the studio clip's tempo at its pose rate."""
    def value(t):
        up, down = 0.67, 0.67
        if t < 1.0:
            return 130.0
        t -= 1.0
        if t < up:
            return 130.0 + 50.0 * np.sin(np.pi / 2 * t / up) ** 2
        t -= up
        if t < pause_s:
            return 180.0
        t -= pause_s
        if t < down:
            return 180.0 - 50.0 * np.sin(np.pi / 2 * t / down) ** 2
        return 130.0

    times = np.arange(0.0, 4.0, 1.0 / fps)
    return [(t, value(t) + rng.normal(0.0, jitter_deg)) for t in times]


@pytest.mark.parametrize("fps", [12.0, 15.0, 30.0])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_short_pause_reads_the_same_at_any_pose_rate(fps, seed):
    """The pause near the peak: a 0.3 s stop between brisk moves is longer than the same moves
    turning straight round, by about the stop, at 12 poses a second as at 30."""
    config = RepCounterConfig(min_rise=20.0, pause_max_speed=30.0, speed_half_window_s=0.15)
    rng = np.random.default_rng(seed)
    pauses = {}
    for pause in (0.0, 0.3):
        counter = RepCounter(config)
        (rep,) = [r for t, v in turn_round_then_pause(pause, fps, rng) if (r := counter.update(v, t)) is not None]
        pauses[pause] = rep.pause_s
    assert 0.2 <= pauses[0.0] <= 0.4  # 0.27 s of a smooth turn lies in the band without jitter
    assert 0.45 <= pauses[0.3] <= 0.7
