"""The session report, built from the event stream alone (so live and file analysis agree).

Field names are a contract other tools read: ``exercise``, ``reps``, ``reps_by_side``,
``hold_s``, ``good_form_hold_s``, ``faults`` [{code, message, start_s, end_s}], ``events``
[{type, t_s, ...}], ``frames``, ``pose_frames``, ``duration_s``, and ``bouts`` (one per exercise
bout: ``exercise``, ``start_s``, ``end_s``, ``reps``, ``reps_by_side``, ``hold_s``,
``good_form_hold_s``, ``faults``), ``sets`` (every set of every exercise, in time order; see
``formcheck.sets``) and ``series`` (the key angle about 10 times a second:
[{exercise, name, t_s: [...], value: [...]}], kept out of ``events``). The top-level counts are
totals over all sets of the main exercise (the one done longest); before ``report_version`` 2
they were those of the longest bout alone.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from formcheck import __version__
from formcheck.core import AUTO, UNKNOWN
from formcheck.events import BoutEnded, BoutStarted, Event, Fault, FaultEnded, HoldEnded, MeasureSampled, NotVisible, Rep, RepCompleted
from formcheck.outputs import atomic_write_text
from formcheck.pose.landmarks import Side
from formcheck.series import fold_series
from formcheck.sets import ExerciseSet, SetFigures, assign, coach_notation, set_spans, time_under_tension_s

SAFETY_NOTE = (
    "formcheck coaches exercise form; it does not diagnose. Pain that shoots down a leg, or pain that "
    "persists, is a reason to see a medical professional."
)
REPORT_VERSION = 2
"""2: top-level counts are totals over all sets of the main exercise (1: the longest bout alone);
``sets`` and ``time_under_tension_s`` added."""
UNKNOWN_MIN_S = 3.0
"""A stretch this long with a person in view but no recognised exercise is reported as an
``unknown`` bout (a squat, a walk around the room)."""
SIDE_REPS_MARGIN = 1
"""Sides whose rep counts differ by more than this are called out (alternating sets may end one
rep apart)."""
SIDE_HOLD_RATIO = 0.95
"""Shorter side's hold over the longer side's below this is called out: McGill's clinical target
for the side bridge is right/left within 0.05 of 1.0 (exercises.md, seed 004 bibliography)."""
SIDE_PEAK_MARGIN_DEG = 10.0
"""Sides whose mean rep peak differs by more than this many degrees are called out."""


def _round(value: float, digits: int = 3) -> float:
    return round(float(value), digits)


@dataclass(frozen=True)
class Imbalance:
    """A left/right difference beyond its stated margin."""

    measure: str
    left: float
    right: float
    margin: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "left": _round(self.left, 2), "right": _round(self.right, 2), "margin": self.margin, "message": self.message}


@dataclass(frozen=True)
class Bout:
    """A stretch of one exercise with the events its analyzer reported."""

    exercise: str
    start_s: float
    end_s: float
    events: tuple[Event, ...]
    two_sided: bool = False
    timed: bool = False
    """A hold exercise (plank, side plank): holds are compared by side, not pauses at the top."""

    @property
    def reps(self) -> tuple[Rep, ...]:
        return tuple(e.rep for e in self.events if isinstance(e, RepCompleted))

    @property
    def holds(self) -> tuple[HoldEnded, ...]:
        return tuple(e for e in self.events if isinstance(e, HoldEnded))

    @property
    def faults(self) -> tuple[Fault, ...]:
        return tuple(sorted((e.fault for e in self.events if isinstance(e, FaultEnded)), key=lambda f: f.start_s))

    @property
    def hold_s(self) -> float:
        return sum(h.duration_s for h in self.holds)

    @property
    def good_form_hold_s(self) -> float:
        return sum(h.good_form_s for h in self.holds)

    @property
    def time_under_tension_s(self) -> float:
        return time_under_tension_s(self.events)

    @property
    def reps_by_side(self) -> dict[str, int] | None:
        """Reps per side; None when sides do not apply: a one-sided exercise, or reps were
        counted and none had a side (two-legged deadlifts under the deadlift / single-leg RDL)."""
        if not self.two_sided or (self.reps and all(rep.side is None for rep in self.reps)):
            return None  # e.g. two-legged deadlifts: an exercise that can be two-sided, done with both
        counts = Counter(rep.side.value for rep in self.reps if rep.side is not None)
        return {side.value: counts.get(side.value, 0) for side in Side}

    @property
    def hold_by_side(self) -> dict[str, float] | None:
        if not self.two_sided or not self.timed or not any(h.side for h in self.holds):
            return None
        return {side.value: _round(sum(h.duration_s for h in self.holds if h.side is side)) for side in Side}

    @property
    def imbalances(self) -> tuple[Imbalance, ...]:
        """Left/right differences beyond the stated margins: reps, hold time, mean peak."""
        if not self.two_sided:
            return ()
        found = []
        reps = self.reps_by_side or {}
        if reps and abs(reps["left"] - reps["right"]) > SIDE_REPS_MARGIN:
            only = f"only the {'left' if reps['left'] else 'right'} side: " if not (reps["left"] and reps["right"]) else ""
            found.append(Imbalance("reps", reps["left"], reps["right"], f"more than {SIDE_REPS_MARGIN} apart",
                                   f"{only}left {reps['left']} reps, right {reps['right']}"))
        holds = self.hold_by_side
        if holds and max(holds.values()) > 0 and min(holds.values()) / max(holds.values()) < SIDE_HOLD_RATIO:
            only = f"only the {'left' if holds['left'] else 'right'} side: " if not (holds["left"] and holds["right"]) else ""
            found.append(Imbalance("hold_s", holds["left"], holds["right"], f"ratio below {SIDE_HOLD_RATIO}",
                                   f"{only}left side held {holds['left']:.1f} s, right side {holds['right']:.1f} s"))
        peaks = {side: [r.peak for r in self.reps if r.side is side] for side in Side}
        if all(peaks.values()):
            left, right = mean(peaks[Side.LEFT]), mean(peaks[Side.RIGHT])
            if abs(left - right) > SIDE_PEAK_MARGIN_DEG:
                measure = self.reps[0].measure
                found.append(Imbalance(f"peak {measure}", left, right, f"more than {SIDE_PEAK_MARGIN_DEG:.0f} deg apart",
                                       f"mean peak left {left:.0f}, right {right:.0f} ({measure})"))
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "exercise": self.exercise,
            "start_s": _round(self.start_s),
            "end_s": _round(self.end_s),
            "reps": len(self.reps),
            "reps_by_side": self.reps_by_side,
            "hold_s": _round(self.hold_s),
            "good_form_hold_s": _round(self.good_form_hold_s),
            "time_under_tension_s": _round(self.time_under_tension_s),
            "faults": [f.to_dict() for f in self.faults],
        }
        if self.hold_by_side is not None:
            out["hold_by_side"] = self.hold_by_side
        if self.two_sided:
            out["imbalances"] = [i.to_dict() for i in self.imbalances]
        return out


def split_bouts(whole: Bout) -> list[Bout]:
    """The session's bouts, from its event stream: between BoutStarted and BoutEnded markers when
    recognition ran, else the ``whole`` session as one bout of the exercise asked for."""
    if not any(isinstance(e, BoutStarted) for e in whole.events):
        return [whole]
    bouts, current, collected = [], None, []
    for event in whole.events:
        if isinstance(event, BoutStarted):
            current, collected = event, []
        elif isinstance(event, BoutEnded) and current is not None:
            bouts.append(Bout(current.exercise, current.t_s, event.t_s, tuple(collected), current.two_sided, current.timed))
            current = None
        elif current is not None:
            collected.append(event)
    return bouts


def unknown_bouts(recognised: list[Bout], presence: tuple[tuple[float, float], ...]) -> list[Bout]:
    """Stretches with a person in view but no recognised exercise, at least ``UNKNOWN_MIN_S`` long."""
    gaps = []
    for start, end in presence:
        pieces = [(start, end)]
        for bout in recognised:
            pieces = [p for a, b in pieces for p in ((a, min(b, bout.start_s)), (max(a, bout.end_s), b)) if p[1] > p[0]]
        gaps += [p for p in pieces if p[1] - p[0] >= UNKNOWN_MIN_S]
    return [Bout(UNKNOWN, a, b, ()) for a, b in gaps]


@dataclass(frozen=True)
class Report:
    exercise: str
    """The exercise asked for, or ``auto`` when recognition chose."""
    source: str
    frames: int
    pose_frames: int
    duration_s: float
    events: tuple[Event, ...]
    interrupted: bool = False
    warnings: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    presence: tuple[tuple[float, float], ...] = ()
    """Stretches of the session with a person in view."""
    plan: dict[str, Any] | None = None
    """The plan that was run and what was done against it, set by set (``formcheck.plans``)."""
    stop_reason: str | None = None
    """Why the session stopped early when the user said so, e.g. ``pain``."""
    two_sided: bool = False
    timed: bool = False
    """The asked-for exercise's traits (as ``BoutStarted`` carries them), for a session without
    bout markers: one bout of ``exercise`` over the whole session."""

    @property
    def bouts(self) -> list[Bout]:
        """All bouts in time order, including ``unknown`` stretches when recognition ran."""
        whole = Bout(self.exercise, 0.0, self.duration_s, self.events, self.two_sided, self.timed)
        if self.exercise != AUTO:
            return split_bouts(whole)
        recognised = split_bouts(whole) if self._recognised_any else []
        return sorted(recognised + unknown_bouts(recognised, self.presence), key=lambda b: b.start_s)

    @property
    def _recognised_any(self) -> bool:
        return any(isinstance(e, BoutStarted) for e in self.events)

    @property
    def exercises(self) -> list[str]:
        """The recognised exercises in the order they were first done."""
        return list(dict.fromkeys(b.exercise for b in self.bouts if b.exercise != UNKNOWN))

    def totals(self, exercise: str) -> Bout:
        """All bouts of ``exercise`` as one: its totals over the session."""
        bouts = [b for b in self.bouts if b.exercise == exercise]
        if not bouts:
            return Bout(exercise, 0.0, self.duration_s, ())
        events = tuple(e for b in bouts for e in b.events)
        return Bout(exercise, bouts[0].start_s, bouts[-1].end_s, events, bouts[0].two_sided, bouts[0].timed)

    @property
    def main_bout(self) -> Bout:
        """The main exercise's totals: the exercise done longest over all its bouts (ties: more
        reps); an empty ``unknown`` bout if none was recognised."""
        totals = [self.totals(exercise) for exercise in self.exercises]
        if not totals:
            return Bout(UNKNOWN, 0.0, self.duration_s, ())
        durations = {t.exercise: sum(b.end_s - b.start_s for b in self.bouts if b.exercise == t.exercise) for t in totals}
        return max(totals, key=lambda t: (durations[t.exercise], len(t.reps)))

    @property
    def sets(self) -> list[ExerciseSet]:
        """Every set of every recognised exercise in time order, numbered within its exercise."""
        pieces = []
        for bout in self.bouts:
            if bout.exercise == UNKNOWN:
                continue
            spans = set_spans(bout.events, bout.timed)
            for (start, end), events in zip(spans, assign(bout.events, spans)):
                pieces.append(Bout(bout.exercise, start, end, events, bout.two_sided, bout.timed))
        pieces.sort(key=lambda b: b.start_s)
        numbers: Counter[str] = Counter()
        out = []
        for i, piece in enumerate(pieces):
            numbers[piece.exercise] += 1
            rest = piece.start_s - pieces[i - 1].end_s if i else None
            out.append(ExerciseSet(numbers[piece.exercise], piece, rest))
        return out

    # The core fields are the main exercise's totals over all its sets.
    @property
    def reps(self) -> tuple[Rep, ...]:
        return self.main_bout.reps

    @property
    def holds(self) -> tuple[HoldEnded, ...]:
        return self.main_bout.holds

    @property
    def faults(self) -> tuple[Fault, ...]:
        return self.main_bout.faults

    @property
    def hold_s(self) -> float:
        return self.main_bout.hold_s

    @property
    def good_form_hold_s(self) -> float:
        return self.main_bout.good_form_hold_s

    @property
    def reps_by_side(self) -> dict[str, int] | None:
        return self.main_bout.reps_by_side

    def to_dict(self) -> dict[str, Any]:
        ordered = sorted(self.events, key=lambda e: e.t_s)
        main = self.main_bout
        return {
            "report_version": REPORT_VERSION,
            "formcheck_version": __version__,
            "exercise": main.exercise,
            "requested_exercise": self.exercise,
            "source": self.source,
            "reps": len(main.reps),
            "reps_by_side": main.reps_by_side,
            "hold_s": _round(main.hold_s),
            "good_form_hold_s": _round(main.good_form_hold_s),
            "hold_by_side": main.hold_by_side,
            "time_under_tension_s": _round(main.time_under_tension_s),
            "faults": [f.to_dict() for f in main.faults],
            "imbalances": [i.to_dict() for i in main.imbalances],
            "sets": [s.to_dict() for s in self.sets],
            "bouts": [b.to_dict() for b in self.bouts],
            "events": [e.to_dict() for e in ordered if not isinstance(e, MeasureSampled)],
            "series": fold_series(ordered),
            "rep_details": [r.to_dict() for r in main.reps],
            "holds": [h.to_dict() for h in main.holds],
            "frames": self.frames,
            "pose_frames": self.pose_frames,
            "duration_s": _round(self.duration_s),
            "interrupted": self.interrupted,
            "warnings": list(self.warnings),
            "settings": self.settings,
            "plan": self.plan,
            "stop_reason": self.stop_reason,
            "note": SAFETY_NOTE,
        }

    def write_json(self, path: str | os.PathLike) -> Path:
        """Write atomically: a reader never sees half a report, even after Ctrl-C."""
        return atomic_write_text(path, json.dumps(self.to_dict(), indent=1) + "\n", "report")

    def summary(self) -> str:
        """A few lines for the terminal: each exercise's sets as a coach writes them, then its
        totals (reps, holds, faults, sides); unrecognised stretches; warnings."""
        analysed = int(self.settings.get("analysed_frames", self.frames))
        lines = [f"{self.source}" + ("  (interrupted)" if self.interrupted else "")]
        lines.append(
            f"  {self.duration_s:.1f} s, {self.frames} frames; person found in {self.pose_frames} of {analysed}"
            f" analysed ({100.0 * self.pose_frames / max(analysed, 1):.0f}%)"
        )
        sets = self.sets
        for exercise in self.exercises:
            lines += _exercise_lines(self.totals(exercise), [s for s in sets if s.bout.exercise == exercise])
        unknown = [b for b in self.bouts if b.exercise == UNKNOWN]
        lines += _unknown_lines([b for b in unknown if not _is_rest(b, self.bouts)])
        if not self.exercises and not unknown:
            lines.append(f"{UNKNOWN}: no supported exercise recognised")
        not_visible = [e for e in self.events if isinstance(e, NotVisible)]
        if not_visible:
            parts = Counter(p for e in not_visible for p in e.parts)
            lines.append("  not visible at times: " + ", ".join(p for p, _ in parts.most_common(4)))
        if self.plan is not None:
            lines += plan_lines(self.plan)
        if self.stop_reason is not None:
            lines.append(f"  stopped: {self.stop_reason}")
        lines += [f"  warning: {w}" for w in self.warnings]
        lines.append("  " + SAFETY_NOTE)
        return "\n".join(lines)


RESTS_LISTED = 6
"""The summary lists up to this many different rests between sets one by one, more as a range."""
UNKNOWN_LISTED = 3
"""The summary lists up to this many unrecognised stretches one by one, more as a count."""


def _is_rest(stretch: Bout, bouts: list[Bout]) -> bool:
    """An unrecognised stretch between two bouts of the same exercise: the rest between sets
    (the summary already gives it)."""
    before = [b for b in bouts if b.exercise != UNKNOWN and b.end_s <= stretch.start_s]
    after = [b for b in bouts if b.exercise != UNKNOWN and b.start_s >= stretch.end_s]
    return bool(before and after) and before[-1].exercise == after[0].exercise


def _unknown_lines(stretches: list[Bout]) -> list[str]:
    if len(stretches) > UNKNOWN_LISTED:
        total = sum(b.end_s - b.start_s for b in stretches)
        return [f"{UNKNOWN}: {len(stretches)} stretches, {total:.0f} s in all: no supported exercise recognised"]
    return [f"{UNKNOWN} {b.start_s:.1f}-{b.end_s:.1f} s: no supported exercise recognised" for b in stretches]


def _exercise_lines(bout: Bout, sets: list[ExerciseSet]) -> list[str]:
    """One exercise: its sets (``glute bridge 3 x 15``), the rests between them, then its totals."""
    lines = [coach_notation(bout.exercise, [SetFigures.of(s.bout) for s in sets])]
    rests = [round(s.rest_before_s) for s in sets[1:] if s.rest_before_s is not None]
    if len(set(rests)) == 1:
        lines.append(f"  rests: {rests[0]} s" + (" each" if len(rests) > 1 else ""))
    elif len(rests) > RESTS_LISTED:
        lines.append(f"  rests: {min(rests)}-{max(rests)} s, {mean(rests):.0f} s on average")
    elif rests:
        lines.append("  rests: " + ", ".join(str(r) for r in rests) + " s")
    reps = bout.reps
    if reps or not bout.holds:
        by_side = bout.reps_by_side
        unsided = sum(1 for r in reps if r.side is None)
        no_side = f", {unsided} with no side" if unsided and by_side else ""
        side_text = f"  (left {by_side['left']}, right {by_side['right']}{no_side})" if by_side else ""
        lines.append(f"  reps: {len(reps)}{side_text}")
        if reps:
            pauses = [r.top_s for r in reps]
            lines.append(
                f"  per rep: peak {min(r.peak for r in reps):.0f}-{max(r.peak for r in reps):.0f} ({reps[0].measure}),"
                f" pause at top {min(pauses):.1f}-{max(pauses):.1f} s"
            )
            skipped = Counter(check for r in reps for check in r.skipped)
            if skipped:
                lines.append("  not checked (not in view): " + ", ".join(f"{check} on {n} of {len(reps)} reps" for check, n in skipped.items()))
    if bout.timed or not reps:
        lines.append(f"  held: {bout.hold_s:.1f} s, in good form {bout.good_form_hold_s:.1f} s")
        if bout.hold_by_side:
            left, right = bout.hold_by_side["left"], bout.hold_by_side["right"]
            ratio = f", right/left {right / left:.2f}" if left and right else ""
            lines.append(f"  held per side: left {left:.1f} s, right {right:.1f} s{ratio}")
    faults = Counter(f.code for f in bout.faults)
    if faults:
        lines.append("  faults: " + ", ".join(f"{code} x{n}" for code, n in faults.items()))
    lines += [f"  sides differ: {i.message} ({i.margin})" for i in bout.imbalances]
    return lines


def plan_lines(plan: dict[str, Any]) -> list[str]:
    """The plan's sets against their targets, one line each."""
    lines = [f"plan {plan['name']}: {plan['sets_done']} of {plan['sets_planned']} sets done"]
    for done in plan["sets"]:
        mark = "met" if done["met"] else "not met"
        lines.append(f"  {done['exercise']} set {done['set']}: {done['target']}, did {done['did']} ({mark})")
    return lines
