"""When things happen in a clip: rep phases, the hold, fault episodes; and the state at any time."""

from __future__ import annotations

from dataclasses import dataclass

from formcheck_synth.motions.base import smoothstep
from formcheck_synth.motions.catalog import ENTRIES
from formcheck_synth.spec import POSTURE_FAULTS, ClipSpec

#: Time to get up into a plank or side plank, and to lower out of it.
LIFT_S = 1.0
#: Time in the start position after the last rep or after lowering out of a hold.
TAIL_S = 1.2
#: Posture faults ramp in and out over this long, centred on their labelled start and end.
FAULT_RAMP_S = 0.8
#: Top pause of a rushed rep (the spec: no pause, under 0.15 s); rushed reps also move faster.
RUSHED_PAUSE_S = 0.0
RUSHED_SPEEDUP = 0.7


@dataclass(frozen=True)
class RepTiming:
    """One rep: leaves the bottom at `start_s`, top pause from `top_start_s` to `top_end_s`, back at `end_s`."""

    number: int
    side: str | None
    start_s: float
    top_start_s: float
    top_end_s: float
    end_s: float
    faults: tuple[str, ...]

    @property
    def peak_s(self) -> float:
        return (self.top_start_s + self.top_end_s) / 2


@dataclass(frozen=True)
class HoldTiming:
    """A hold: lifting from `lift_start_s`, held from `start_s` to `end_s`, lowered by `lowered_s`."""

    lift_start_s: float
    start_s: float
    end_s: float
    lowered_s: float


@dataclass(frozen=True)
class Schedule:
    duration_s: float
    reps: tuple[RepTiming, ...]
    hold: HoldTiming | None


def build_schedule(spec: ClipSpec) -> Schedule:
    """Lay out the reps or the hold of a clip in time."""
    if not spec.is_reps:
        start = spec.settle_s + LIFT_S
        hold = HoldTiming(spec.settle_s, start, start + spec.hold_s, start + spec.hold_s + LIFT_S)
        return Schedule(duration_s=hold.lowered_s + TAIL_S, reps=(), hold=hold)
    tempo = spec.effective_tempo
    reps, t = [], spec.settle_s
    other = {"left": "right", "right": "left"}
    for number in range(1, spec.reps + 1):
        faults = tuple(f.code for f in spec.faults if not f.reps or number in f.reps)
        rushed = "rushing" in faults or "rushed" in faults
        entry = ENTRIES.get(spec.exercise)
        speed = ((entry and entry.rushed_speedup) or RUSHED_SPEEDUP) if rushed else 1.0
        pause = RUSHED_PAUSE_S if rushed else tempo.top_pause_s
        side = None
        sides = "alternate" if spec.exercise == "bird_dog" else (entry.sides if entry else "none")
        if sides == "alternate":
            side = spec.side if number % 2 == 1 else other[spec.side]
        elif sides == "one":
            side = spec.side
        top_start = t + tempo.up_s * speed
        top_end = top_start + pause
        end = top_end + tempo.down_s * speed
        reps.append(RepTiming(number, side, t, top_start, top_end, end, faults))
        t = end + tempo.rest_s
    return Schedule(duration_s=reps[-1].end_s + TAIL_S, reps=tuple(reps), hold=None)


def rep_progress(schedule: Schedule, t: float) -> tuple[RepTiming | None, float]:
    """The rep under way at time t and how far up it is (0 bottom .. 1 top, eased)."""
    for rep in schedule.reps:
        if rep.start_s <= t <= rep.end_s:
            if t < rep.top_start_s:
                return rep, smoothstep((t - rep.start_s) / (rep.top_start_s - rep.start_s))
            if t <= rep.top_end_s:
                return rep, 1.0
            return rep, 1.0 - smoothstep((t - rep.top_end_s) / (rep.end_s - rep.top_end_s))
    return None, 0.0


def hold_lift(schedule: Schedule, t: float) -> float:
    """How far into the hold position the body is at time t (0 lying .. 1 holding, eased)."""
    hold = schedule.hold
    if t < hold.start_s:
        return smoothstep((t - hold.lift_start_s) / LIFT_S)
    if t <= hold.end_s:
        return 1.0
    return 1.0 - smoothstep((t - hold.end_s) / LIFT_S)


def posture_fault_amount(spec: ClipSpec, t: float) -> dict[str, float]:
    """Amount (0..1) of each posture fault at time t; exactly 0.5 at its labelled start and end."""
    amounts: dict[str, float] = {}
    for fault in spec.faults:
        if fault.code in POSTURE_FAULTS:
            rise = smoothstep((t - fault.start_s) / FAULT_RAMP_S + 0.5)
            fall = smoothstep((t - fault.end_s) / FAULT_RAMP_S + 0.5)
            amounts[fault.code] = max(amounts.get(fault.code, 0.0), rise - fall)
    return amounts


def check_posture_faults(spec: ClipSpec, schedule: Schedule) -> None:
    """Posture faults must lie inside the hold, ramps included; raise ValueError otherwise."""
    for fault in spec.faults:
        if fault.code in POSTURE_FAULTS:
            lo, hi = fault.start_s - FAULT_RAMP_S / 2, fault.end_s + FAULT_RAMP_S / 2
            if lo < schedule.hold.start_s or hi > schedule.hold.end_s:
                raise ValueError(
                    f"{fault.code} {fault.start_s:g}-{fault.end_s:g} s must lie within the hold "
                    f"{schedule.hold.start_s + FAULT_RAMP_S / 2:g}-{schedule.hold.end_s - FAULT_RAMP_S / 2:g} s"
                )
