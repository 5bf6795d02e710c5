"""The shared mechanisms every exercise is built on: one rep counter, one hold timer, one fault
monitor. Exercises differ only in what they measure and the thresholds they pass in."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any, Generic, TypeVar

import numpy as np

from formcheck.core import FaultRule
from formcheck.events import Event, Fault, FaultEnded, FaultStarted, HoldEnded, HoldStarted
from formcheck.pose.landmarks import Side

Payload = TypeVar("Payload")

START_FRACTION = 0.05
"""A rep starts when the signal leaves the bottom by more than this share of the rep's rise,
and ends when it is back within it."""
RETURN_REBOUND_FRACTION = 0.25
"""After the return, a rise of this share of ``min_rise`` from the lowest point means the next
rep has begun: the previous one ended at that lowest point."""
SETTLE_AT_BOTTOM_S = 0.5
"""...as does staying this long without going lower."""
PAUSE_BAND_FRACTION = 0.10
"""A rep's ``pause_s`` is the time its signal stays within this share of the rise below the peak.
Level crossings, not speeds: a speed estimate over a few noisy samples at 12-15 poses a second
cuts a short pause into pieces (the studio bridge clip's ~0.5 s stops read 0.17-0.33 s of
'still' samples), while the time near the peak reads the same at any frame rate: 0.39-0.44 s on
that clip, 0.31-0.33 s on rendered reps that turn straight round (0.9 s up, 1.0 s down), 1.4-1.7 s
on rendered 1.2 s pauses."""
SETTLE_AT_TOP_S = 0.3
"""A rep that ``completes_at_top`` is complete once the signal has stayed at the top and still this
long: a lockout, not a pass through the top on the way to a fault or a glitch."""


@dataclass(frozen=True)
class RepCounterConfig:
    """Thresholds of a rep, in the units of the signal the exercise feeds (usually degrees).

    A rep is a rise of at least ``min_rise`` above the lowest value seen since the last rep (or
    since the person got into position), followed by a return to within ``return_fraction`` of
    that rise from the bottom. Hysteresis between the two keeps jitter from counting, and the
    relative bottom lets a rep count from any starting posture the exercise accepts.
    """

    min_rise: float
    top_fraction: float = 0.75
    """Samples above this fraction of the way from the bottom to the peak are at the top."""
    pause_max_speed: float | None = None
    """...and count toward the pause only while the signal moves slower than this (units/s):
    passing over the top without stopping is not a pause. ``None``: any time at the top counts."""
    speed_half_window_s: float = 0.1
    """Speeds are measured across this long either side of a sample, above frame-to-frame jitter."""
    return_fraction: float = 0.35
    min_rep_s: float = 0.5
    """Faster 'reps' are tracking glitches: nobody does a bridge or bird dog in half a second."""
    max_gap_s: float = 1.5
    """A rep during which the signal is lost for longer than this is dropped, not guessed."""
    peak_percentile: float = 95.0
    """A rep's peak is this percentile of its samples, not the maximum: one glitched frame
    should not make an incomplete rep look complete or a clean one over-arched."""
    completes_at_top: bool = False
    """The effort is the rise itself (a lift's pull to lockout): the rep counts once the top is
    reached and held still for ``SETTLE_AT_TOP_S``, as a lifter's count goes up at lockout and a set
    ends standing tall. Its time at the top is then the settling time and its time down zero; the
    lowering belongs to the next rep's bottom. Otherwise a rep counts only once back down."""


@dataclass(frozen=True)
class RepRecord(Generic[Payload]):
    """A completed rep as the counter saw it, with the payloads (metrics) fed during it."""

    start_s: float
    peak_s: float
    end_s: float
    bottom: float
    peak: float
    top_first_s: float
    top_last_s: float
    top_s: float
    tag: Any
    peak_payload: Payload | None
    payloads: tuple[Payload, ...]
    pause_s: float = 0.0
    """Time near the peak (``PAUSE_BAND_FRACTION``), from the first crossing into that band to
    the last crossing out: the pause a person watching sees, whatever the speed jitter."""

    @property
    def up_s(self) -> float:
        return self.top_first_s - self.start_s

    @property
    def down_s(self) -> float:
        return self.end_s - self.top_last_s


class _RepPhase(Enum):
    BOTTOM = auto()
    UP = auto()
    DOWN = auto()
    """Back below the return level: the rep counts; waiting for the lowest point to end it."""


@dataclass
class _Sample(Generic[Payload]):
    t_s: float
    value: float
    tag: Any
    payload: Payload | None


class RepCounter(Generic[Payload]):
    """Counts reps on a scalar signal that rises during the effort and falls on the return.

    Phases: BOTTOM (tracking the lowest point), UP (risen by ``min_rise``: a rep in progress),
    DOWN (fallen back below the return level: the rep is certain; it ends at the lowest point
    that follows, so the time down is measured to the bottom, not to the threshold).
    """

    def __init__(self, config: RepCounterConfig) -> None:
        self.config = config
        self.reset()

    def reset(self) -> None:
        """Forget any rep in progress (the person left the exercise's position)."""
        self._phase = _RepPhase.BOTTOM
        self._bottom: _Sample | None = None
        self._samples: list[_Sample] = []
        self._down_from = 0
        self._last_t_s: float | None = None

    @property
    def in_rep(self) -> bool:
        """A rep has started (risen past ``min_rise``) and not yet ended."""
        return self._phase is not _RepPhase.BOTTOM

    @property
    def progress(self) -> float | None:
        """0 at the bottom, 1 at the highest point so far of the rep in progress."""
        if self._phase is _RepPhase.BOTTOM or not self._samples or self._bottom is None:
            return None
        peak = max(s.value for s in self._samples)
        return (self._samples[-1].value - self._bottom.value) / max(peak - self._bottom.value, 1e-9)

    def update(self, value: float | None, t_s: float, tag: Any = None, payload: Payload | None = None) -> RepRecord[Payload] | None:
        """Feed one sample; returns the rep it completes, if any. ``None`` = not measurable now."""
        if value is None:
            if self._last_t_s is not None and t_s - self._last_t_s > self.config.max_gap_s:
                record = self.flush()
                self.reset()
                return record
            return None
        self._last_t_s = t_s
        sample = _Sample(t_s, float(value), tag, payload)
        if self._phase is _RepPhase.BOTTOM:
            # Keep the samples since the lowest point: if this turns into a rep, they are its rise.
            if self._bottom is None or sample.value <= self._bottom.value:
                self._bottom, self._samples = sample, [sample]
                return None
            self._samples.append(sample)
            if sample.value >= self._bottom.value + self.config.min_rise:
                self._phase = _RepPhase.UP
            return None

        assert self._bottom is not None
        self._samples.append(sample)
        if self._phase is _RepPhase.UP and self.config.completes_at_top and self._settled_at_top():
            record = self._complete(self._samples)
            self._phase, self._samples = _RepPhase.BOTTOM, [sample]
            self._bottom = sample
            return record
        if self._phase is _RepPhase.UP:
            peak = max(self._samples, key=lambda s: s.value)
            return_level = self._bottom.value + self.config.return_fraction * (peak.value - self._bottom.value)
            if sample.value <= return_level:
                self._phase, self._down_from = _RepPhase.DOWN, len(self._samples) - 1
            return None

        # DOWN: the rep ends at the lowest point after the return, once the signal has settled
        # there, started up again, or the bottom band is reached.
        lowest_index = min(range(self._down_from, len(self._samples)), key=lambda i: self._samples[i].value)
        lowest = self._samples[lowest_index]
        peak_value = max(s.value for s in self._samples)
        rise = peak_value - self._bottom.value
        rebound = sample.value - lowest.value >= RETURN_REBOUND_FRACTION * self.config.min_rise
        at_bottom = lowest.value <= self._bottom.value + START_FRACTION * rise
        settled = sample.t_s - lowest.t_s >= SETTLE_AT_BOTTOM_S
        if not (rebound or at_bottom or settled):
            return None
        return self._finish_down(lowest_index)

    def _settled_at_top(self) -> bool:
        """The last ``SETTLE_AT_TOP_S`` of samples all at the top band and still."""
        assert self._bottom is not None
        last = self._samples[-1]
        if last.t_s - self._samples[0].t_s < SETTLE_AT_TOP_S:
            return False
        peak = max(s.value for s in self._samples)
        top_level = self._bottom.value + self.config.top_fraction * (peak - self._bottom.value)
        recent = [i for i, s in enumerate(self._samples) if last.t_s - s.t_s <= SETTLE_AT_TOP_S]
        if self._samples[recent[0]].t_s > last.t_s - SETTLE_AT_TOP_S + 0.1:
            return False
        return all(self._samples[i].value >= top_level and self._still(self._samples, i) for i in recent)

    def _finish_down(self, lowest_index: int) -> RepRecord[Payload] | None:
        record = self._complete(self._samples[: lowest_index + 1])
        self._phase, self._samples = _RepPhase.BOTTOM, self._samples[lowest_index:]
        self._bottom = self._samples[0]
        if max(s.value for s in self._samples) >= self._bottom.value + self.config.min_rise:
            self._phase = _RepPhase.UP
        return record

    def flush(self) -> RepRecord[Payload] | None:
        """End of input: a rep already back down counts; one still up counts only for signals
        whose rep ``completes_at_top``."""
        if self._phase is _RepPhase.UP and self.config.completes_at_top:
            record = self._complete(self._samples)
            self.reset()
            return record
        if self._phase is not _RepPhase.DOWN:
            return None
        lowest_index = min(range(self._down_from, len(self._samples)), key=lambda i: self._samples[i].value)
        record = self._complete(self._samples[: lowest_index + 1])
        self.reset()
        return record

    def _still(self, samples: list[_Sample], index: int) -> bool:
        """Whether the signal moves slower than ``pause_max_speed`` around ``samples[index]``:
        the least-squares slope over the window, which averages out frame-to-frame jitter."""
        if self.config.pause_max_speed is None:
            return True
        t = samples[index].t_s
        half = self.config.speed_half_window_s
        window = [s for s in samples if abs(s.t_s - t) <= half]
        if len(window) < 3:
            return True
        times = np.array([s.t_s for s in window]) - t
        values = np.array([s.value for s in window])
        spread = float(np.sum((times - times.mean()) ** 2))
        slope = float(np.sum((times - times.mean()) * (values - values.mean())) / spread) if spread > 0 else 0.0
        return abs(slope) <= self.config.pause_max_speed

    def _complete(self, samples: list[_Sample]) -> RepRecord[Payload] | None:
        assert self._bottom is not None
        peak = max(samples, key=lambda s: s.value)
        end = samples[-1]
        peak_value = float(np.percentile([s.value for s in samples], self.config.peak_percentile))
        # The rep starts when the signal last left the bottom: the final sample before the peak
        # still within the first few percent of the rise.
        start_level = self._bottom.value + START_FRACTION * (peak_value - self._bottom.value)
        before_peak = [s for s in samples if s.t_s <= peak.t_s]
        start = next((s for s in reversed(before_peak) if s.value <= start_level), samples[0])
        if end.t_s - start.t_s < self.config.min_rep_s:
            return None
        top_level = self._bottom.value + self.config.top_fraction * (peak_value - self._bottom.value)
        top_flags = [s.value >= top_level and self._still(samples, i) for i, s in enumerate(samples)]
        # Each sample at the top stands for the time halfway to its neighbours, so the pause does
        # not depend on the sampling rate (a 0.2 s stop is 0.2 s at 12 poses a second or at 30).
        times = [s.t_s for s in samples]
        top_s = sum(
            (times[min(i + 1, len(times) - 1)] - times[max(i - 1, 0)]) / 2.0 for i, flag in enumerate(top_flags) if flag
        )
        top_times = [s.t_s for s, flag in zip(samples, top_flags) if flag] or [peak.t_s]
        top_first, top_last = min(top_times), max(top_times)
        return RepRecord(
            start_s=start.t_s,
            peak_s=peak.t_s,
            end_s=end.t_s,
            bottom=self._bottom.value,
            peak=peak_value,
            top_first_s=top_first,
            top_last_s=top_last,
            top_s=top_s,
            tag=peak.tag,
            peak_payload=peak.payload,
            payloads=tuple(s.payload for s in samples if s.payload is not None),
            pause_s=_time_near_peak(samples, peak_value - PAUSE_BAND_FRACTION * (peak_value - self._bottom.value)),
        )


def _time_near_peak(samples: list[_Sample], level: float) -> float:
    """From the first upward crossing of ``level`` to the last downward one, each crossing placed
    by linear interpolation between the samples either side (so it does not step with the frame
    rate); 0 when the signal never reaches ``level``."""
    above = [i for i, s in enumerate(samples) if s.value >= level]
    if not above:
        return 0.0

    def crossing(inside: _Sample, outside: _Sample) -> float:
        share = (inside.value - level) / max(inside.value - outside.value, 1e-9)
        return inside.t_s + share * (outside.t_s - inside.t_s)

    first, last = above[0], above[-1]
    start = crossing(samples[first], samples[first - 1]) if first > 0 else samples[first].t_s
    end = crossing(samples[last], samples[last + 1]) if last + 1 < len(samples) else samples[last].t_s
    return end - start


@dataclass(frozen=True)
class HoldConfig:
    """When a position counts as held.

    ``min_hold_s``: shorter stays are passing through, not holding. ``grace_s``: shorter exits
    (a wobble, a frame or two without a pose) do not end the hold. ``max_settle_speed``: a hold
    starts only once the signal moves slower than this (units per second), so the time spent
    still rising into the position is not counted as held; ``None`` disables the check.
    """

    min_hold_s: float = 1.0
    grace_s: float = 0.5
    max_settle_speed: float | None = None
    speed_window_s: float = 0.3
    max_motion: float | None = None
    """A hold is kept still: once the signal has spanned more than this (its range, in its own
    units) within ``motion_window_s`` since the hold began, the body is moving through the
    position (a push-up through a plank), and the hold ends at its last still moment; a hold
    not yet confirmed is dropped. ``None`` disables the check."""
    motion_window_s: float = 2.0


class HoldTimer:
    """Times holds of a position, total and in good form, emitting start and end events.

    A hold starts once the position is reached and still (``max_settle_speed``), and ends at the
    last still moment before the person left it, so neither rising into a position nor lowering
    out of it counts as holding. Moments fed as *uncertain* (``None``: a deep sag might be the
    start of lying down) count only if the position is taken up again afterwards.
    """

    def __init__(self, config: HoldConfig = HoldConfig()) -> None:
        self.config = config
        self.reset()

    def reset(self) -> None:
        self.total_s = 0.0
        self.good_form_s = 0.0
        self._start: float | None = None
        self._confirmed = False
        self._last_in_s: float | None = None
        self._last_settled_s: float | None = None
        self._uncertain_since: float | None = None
        self._samples: list[tuple[float, bool]] = []
        self._recent: list[tuple[float, float]] = []
        self._held: list[tuple[float, float]] = []
        """(t_s, signal) since the hold began, within ``motion_window_s``."""
        self._side: Side | None = None

    @property
    def holding(self) -> bool:
        return self._confirmed

    @property
    def side(self) -> Side | None:
        """The side of the hold in progress (None when none is, or it has no side)."""
        return self._side if self._start is not None else None

    def current_s(self) -> float:
        """Length of the hold in progress (0 when not holding)."""
        if not self._confirmed or self._start is None or not self._samples:
            return 0.0
        return self._samples[-1][0] - self._start

    def _settled(self, signal: float | None, t_s: float) -> bool:
        if self.config.max_settle_speed is None or signal is None:
            return True
        self._recent = [(t, v) for t, v in self._recent if t_s - t <= self.config.speed_window_s] + [(t_s, signal)]
        (t0, v0), (t1, v1) = self._recent[0], self._recent[-1]
        if t1 - t0 < 0.5 * self.config.speed_window_s:
            return False
        return abs(v1 - v0) / (t1 - t0) <= self.config.max_settle_speed

    def _moving(self, signal: float | None, t_s: float) -> bool:
        """Whether the signal has moved more than ``max_motion`` within the window since the hold began."""
        if self.config.max_motion is None or signal is None:
            return False
        self._held = [(t, v) for t, v in self._held if t_s - t <= self.config.motion_window_s] + [(t_s, signal)]
        values = [v for _, v in self._held]
        return max(values) - min(values) > self.config.max_motion

    def update(
        self,
        in_position: bool | None,
        t_s: float,
        good_form: bool = True,
        signal: float | None = None,
        side: Side | None = None,
    ) -> list[Event]:
        """Feed one moment: in position (True), out (False) or uncertain (None). ``signal`` is the
        measurement whose stillness marks a settled hold."""
        events: list[Event] = []
        if in_position is not None:
            in_position = bool(in_position)
        settled = self._settled(signal, t_s) if in_position is not False else False
        if in_position is False:
            self._recent = []
        if in_position is True and self._start is not None and self._moving(signal, t_s):
            events += self._close()
        if in_position is True:
            if self._start is None and not settled:
                return events
            if self._start is None:
                self._start, self._samples, self._side = t_s, [], side
            self._uncertain_since = None
            self._last_in_s = t_s
            if settled:
                self._last_settled_s = t_s
            self._samples.append((t_s, good_form))
            if not self._confirmed and t_s - self._start >= self.config.min_hold_s:
                self._confirmed = True
                events.append(HoldStarted(self._start))
        elif in_position is None and self._start is not None:
            if self._uncertain_since is None:
                self._uncertain_since = t_s
            self._samples.append((t_s, good_form))
        elif self._start is not None and self._last_in_s is not None:
            if t_s - self._last_in_s > self.config.grace_s:
                events += self._close()
            else:
                self._samples.append((t_s, False))  # a dropout bridged by the grace: form unknown
        return events

    def _close(self) -> list[Event]:
        events: list[Event] = []
        if self._confirmed and self._start is not None and self._last_in_s is not None:
            end = self._last_in_s
            if self.config.max_settle_speed is not None and self._last_settled_s is not None:
                end = max(min(end, self._last_settled_s), self._start)
            duration = end - self._start
            good = sum(
                min(b, end) - a for (a, is_good), (b, _) in zip(self._samples, self._samples[1:]) if is_good and a < end
            )
            self.total_s += duration
            self.good_form_s += good
            events.append(HoldEnded(end, start_s=self._start, good_form_s=good, side=self._side))
        self._start, self._confirmed, self._last_in_s, self._last_settled_s = None, False, None, None
        self._uncertain_since, self._samples, self._held = None, [], []
        return events

    def finish(self) -> list[Event]:
        """Close a hold still running at the end of the session."""
        return self._close()


POSITION_LOST_RELEASE_S = 1.0
"""Without a reading for this long, a person 'in position' has to get into it again."""


MAX_UNCERTAIN_S = 2.0
"""An uncertain stretch (a sag as deep as lying down) longer than this is taken as having left
the position: lying on the floor two seconds is a rest, not a sag. The programme's short rests
between holds (exercises.md: three 30-second holds with 5 s rest) were counted as hold time at
5 s: two rendered planks played back to back, lying between them 3.8 s, timed one 14.0 s hold
for 10.1 s held. The rendered side-plank hip drops, 1.5-2 s deep, stay part of their holds
(1.5 s splits them); no single corpus or real plank or side plank clip times differently."""


GLITCH_S = 0.3
"""Once in position, the stay criteria may fail for this long before the position is left: such a
stretch is a glitch (one frame's bent far knee, a depth estimate that swings), not the person
getting up. Its readings are skipped, not counted: a rep in progress and a hold go on, the faults
stand as they were. Leaving a position takes longer: getting up from a bench or the floor is a
second or more. Told the analyzer, 9 more of the 459 corpus and real clips came out right with
a 0.3 s grace (310 to 319; auto mode 415 to 424 of 566), most of them a rep cut short by a
stray frame at its top; no hold was timed differently."""


class PositionLatch:
    """'In position' with hysteresis: strict criteria to enter, looser ones to stay, and an
    uncertain band between staying and leaving.

    A plank starts only when the body is straight and the hips are up; once planking, a sag is a
    fault of the plank, not the end of it. A sag as deep as lying prone is *uncertain*: it stays
    part of the plank if the person comes back up, and ends it otherwise. The end comes when
    nothing matches, after ``MAX_UNCERTAIN_S`` of uncertainty, or when nothing has been
    measurable for ``POSITION_LOST_RELEASE_S``.

    ``enter_after_s``: the entry criteria must hold this long before the position counts, for
    exercises whose starting posture is also passed through on the way into another one (the
    straight-legged pike of someone getting up into a plank looks, for an instant, like the
    start of a reverse hip raise); people settle into a starting posture, transitions pass.
    """

    def __init__(self, enter_after_s: float = 0.0) -> None:
        self.enter_after_s = enter_after_s
        self.engaged = False
        self.glitching = False
        """The last update failed the stay criteria within ``GLITCH_S`` of meeting them."""
        self._failing_since: float | None = None
        self._last_seen_s: float | None = None
        self._uncertain_since: float | None = None
        self._entering_since: float | None = None

    def update(self, enter: bool, stay: bool, t_s: float, maybe: bool = False) -> bool | None:
        """True in position, None uncertain, False out (``glitching`` says a glitch is passing)."""
        self._last_seen_s = t_s
        self.glitching = False
        if self.engaged and not (enter or stay or maybe):
            self._failing_since = self._failing_since if self._failing_since is not None else t_s
            if t_s - self._failing_since <= GLITCH_S:
                self.glitching = True
                return True
        else:
            self._failing_since = None
        if enter and not self.engaged:
            self._entering_since = self._entering_since if self._entering_since is not None else t_s
            enter = t_s - self._entering_since >= self.enter_after_s
        elif not enter:
            self._entering_since = None
        if enter or (self.engaged and stay):
            self.engaged, self._uncertain_since = True, None
            return True
        if self.engaged and maybe:
            self._uncertain_since = self._uncertain_since if self._uncertain_since is not None else t_s
            if t_s - self._uncertain_since <= MAX_UNCERTAIN_S:
                return None
        self.engaged, self._uncertain_since, self._failing_since = False, None, None
        return False

    def unseen(self, t_s: float) -> None:
        if self._last_seen_s is not None and t_s - self._last_seen_s > POSITION_LOST_RELEASE_S:
            self.engaged, self._entering_since = False, None


@dataclass
class _FaultState:
    rule: FaultRule
    candidate_start: float | None = None
    confirmed: bool = False
    last_true_s: float | None = None
    side: Side | None = None


class FaultMonitor:
    """Debounced posture faults: each rule's condition turns into intervals with start and end."""

    def __init__(self, rules: tuple[FaultRule, ...]) -> None:
        self._states = {rule.code: _FaultState(rule) for rule in rules}

    def reset(self) -> list[Event]:
        return self.finish()

    @property
    def active(self) -> tuple[FaultRule, ...]:
        return tuple(s.rule for s in self._states.values() if s.confirmed)

    def update(self, faulty: set[str], t_s: float, side: Side | None = None) -> list[Event]:
        """Feed the codes whose condition holds at ``t_s`` (the rest are taken as good)."""
        events: list[Event] = []
        for code, state in self._states.items():
            if code in faulty:
                if state.candidate_start is None:
                    state.candidate_start, state.side = t_s, side
                state.last_true_s = t_s
                if not state.confirmed and t_s - state.candidate_start >= state.rule.min_duration_s:
                    state.confirmed = True
                    events.append(FaultStarted(state.candidate_start, code=code, message=state.rule.message))
            elif state.candidate_start is not None and state.last_true_s is not None:
                if not state.confirmed or t_s - state.last_true_s >= state.rule.release_s:
                    events += self._close(state)
        return events

    def _close(self, state: _FaultState) -> list[Event]:
        events: list[Event] = []
        if state.confirmed and state.candidate_start is not None and state.last_true_s is not None:
            fault = Fault(state.rule.code, state.rule.message, state.candidate_start, state.last_true_s, state.side)
            events.append(FaultEnded(state.last_true_s, fault=fault))
        state.candidate_start, state.confirmed, state.last_true_s = None, False, None
        return events

    def finish(self) -> list[Event]:
        events: list[Event] = []
        for state in self._states.values():
            events += self._close(state)
        return events

    def truncate(self, t_s: float) -> list[Event]:
        """The position was left at ``t_s`` (found out later): faults seen after it were the
        person leaving, not faults; those running then end there, or are dropped if what is left
        of them is shorter than a fault has to last."""
        events: list[Event] = []
        for state in self._states.values():
            if state.candidate_start is None:
                continue
            end = min(state.last_true_s if state.last_true_s is not None else t_s, t_s)
            if end - state.candidate_start < state.rule.min_duration_s:
                state.candidate_start, state.confirmed, state.last_true_s = None, False, None
            else:
                state.last_true_s = end
                events += self._close(state)
        return events


def rep_fault(rule: FaultRule, rep: RepRecord, side: Side | None = None) -> FaultEnded:
    """A fault judged on a whole rep (a short peak, no pause): its interval is the rep's."""
    fault = Fault(rule.code, rule.message, rep.start_s, rep.end_s, side)
    return FaultEnded(rep.end_s, fault=fault)


@dataclass
class SideTally:
    """Reps per side for two-sided exercises.

    A rep may have no side (a two-legged deadlift in an exercise that also takes single-leg
    reps): it is counted apart. Once reps have been counted and none had a side, sides do not
    apply to the session and ``as_dict`` gives None rather than "left 0, right 0"."""

    counts: dict[Side, int] = field(default_factory=lambda: {Side.LEFT: 0, Side.RIGHT: 0})
    unsided: int = 0

    def add(self, side: Side | None) -> None:
        if side is None:
            self.unsided += 1
        else:
            self.counts[side] += 1

    def as_dict(self) -> dict[str, int] | None:
        if self.unsided and not any(self.counts.values()):
            return None
        return {side.value: n for side, n in self.counts.items()}
