"""When to speak, and what: a pure policy from the session's events and assessments to cues.

Counts and plan steps are spoken as they happen; hold time at checkpoints; a form fault only
when it persists or repeats, and then not again for a while. Tempo found that a cue on every
rep demoralises: a fault seen once is shown on screen, not said.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from formcheck.core import Assessment
from formcheck.events import Event, HoldEnded, HoldStarted, RepCompleted
from formcheck.hud import SetupView
from formcheck.plans.events import PlanCompleted, RestStarted, SetCompleted, SetStarted

FAULT_PERSIST_S = 2.0
"""A posture fault is spoken once it has been on screen this long (the analyzers already
debounce it by 0.5 s; two seconds more means the user did not correct it from the screen)."""
FAULT_REPEAT_REPS = 2
FAULT_REPEAT_WINDOW = 3
"""A rep fault is spoken when it marks ``FAULT_REPEAT_REPS`` of the last ``FAULT_REPEAT_WINDOW``
reps: a pattern, not a one-off."""
FAULT_COOLDOWN_S = 12.0
"""The same fault is not spoken again within this (about two reps of a bridge at 3-1-3 tempo,
a third of a typical plank set)."""
ANY_FAULT_GAP_S = 4.0
"""Between two different fault cues at least this much: one correction at a time."""
HOLD_CHECKPOINT_S = 10.0
"""Holds are called out every ten seconds ("ten seconds", "twenty seconds")."""
HALFWAY_MIN_S = 20.0
"""Targets of at least this get a "halfway" (a 10 s hold's halfway would crowd its checkpoints)."""
SETUP_COOLDOWN_S = 6.0
"""Set-up guidance is repeated at most this often while the view still does not fit."""

_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty").split()


def spoken_number(n: int) -> str:
    """Small numbers as words (they read the same on screen and in every speech engine)."""
    if 0 <= n < len(_WORDS):
        return _WORDS[n]
    if n < 100 and n % 10 == 0:
        return {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}[n]
    return str(n)


def spoken_seconds(seconds: float) -> str:
    s = int(round(seconds))
    if s >= 60 and s % 60 == 0:
        minutes = s // 60
        return "one minute" if minutes == 1 else f"{spoken_number(minutes)} minutes"
    return f"{spoken_number(s)} seconds"


class CueKind(str, Enum):
    COUNT = "count"
    HOLD = "hold"
    FAULT = "fault"
    PLAN = "plan"
    SIDES = "switch_sides"
    NEXT = "next_exercise"
    SETUP = "setup"
    SAFETY = "safety"


@dataclass(frozen=True)
class Cue:
    """Something to say at ``t_s`` seconds into the session."""

    t_s: float
    text: str
    kind: CueKind


@dataclass
class CuePolicy:
    """Feed it each analysed frame's time, assessment and new events; it returns the cues due."""

    _spoken_at: dict[str, float] = field(default_factory=dict)
    _last_fault_s: float = float("-inf")
    _fault_seen_since: dict[str, float] = field(default_factory=dict)
    _rep_faults: deque = field(default_factory=lambda: deque(maxlen=FAULT_REPEAT_WINDOW))
    _hold_started_s: float | None = None
    _hold_said: set[str] = field(default_factory=set)
    _target_hold_s: float | None = None
    _setup_message: str | None = None
    _countdown_said: bool = False

    def update(self, t_s: float, assessment: Assessment, events: Iterable[Event] = (), setup: SetupView | None = None) -> list[Cue]:
        cues: list[Cue] = []
        for event in events:
            cues += self._on_event(event, assessment)
        cues += self._hold_checkpoints(t_s)
        cues += self._persistent_faults(t_s, assessment)
        cues += self._setup(t_s, setup)
        return cues

    # -- events ---------------------------------------------------------------------------
    def _on_event(self, event: Event, assessment: Assessment) -> list[Cue]:
        t = event.t_s
        if isinstance(event, RepCompleted):
            rep = event.rep
            text = spoken_number(rep.index)
            if rep.side is not None and assessment.reps_by_side:
                text = f"{spoken_number(assessment.reps_by_side[rep.side.value])} {rep.side.value}"
            return [Cue(t, text, CueKind.COUNT)] + self._repeated_rep_fault(t, rep.faults, assessment)
        if isinstance(event, HoldStarted):
            self._hold_started_s, self._hold_said = event.t_s, set()
        elif isinstance(event, HoldEnded):
            self._hold_started_s = None
        elif isinstance(event, SetStarted):
            self._target_hold_s = event.target_hold_s
            self._rep_faults.clear()
            side = f", {event.side} side" if event.side else ""
            return [Cue(t, f"{event.exercise}{side}. Set {spoken_number(event.set_number)} of {spoken_number(event.sets)}: {event.target}.", CueKind.PLAN)]
        elif isinstance(event, SetCompleted):
            self._target_hold_s = None
            return [Cue(t, "Done. Set complete." if event.met else "Set over.", CueKind.PLAN)]
        elif isinstance(event, RestStarted):
            cues = [Cue(t, f"Rest {spoken_seconds(event.rest_s)}.", CueKind.PLAN)]
            if event.switch_sides:
                cues.append(Cue(t, "Switch sides.", CueKind.SIDES))
            if event.new_exercise:
                cues.append(Cue(t, f"Next: {event.next_exercise}.", CueKind.NEXT))
            return cues
        elif isinstance(event, PlanCompleted):
            return [Cue(t, "Plan complete. Well done.", CueKind.PLAN)]
        return []

    def _hold_checkpoints(self, t_s: float) -> list[Cue]:
        if self._hold_started_s is None:
            return []
        held = t_s - self._hold_started_s
        target = self._target_hold_s
        due: list[tuple[str, str]] = []
        if target is not None and held >= target:
            due.append(("done", "Done."))
        elif target is not None and target >= HALFWAY_MIN_S and held >= target / 2:
            due.append(("halfway", "Halfway."))
        checkpoint = int(held // HOLD_CHECKPOINT_S) * HOLD_CHECKPOINT_S
        if checkpoint > 0 and (target is None or checkpoint < target) and not (target and abs(checkpoint - target / 2) < 1):
            due.append((f"{checkpoint:.0f}", spoken_seconds(checkpoint) + "."))
        cues = []
        for key, text in due:
            if key not in self._hold_said:
                self._hold_said.add(key)
                cues.append(Cue(t_s, text, CueKind.HOLD))
        return cues

    # -- faults ---------------------------------------------------------------------------
    def _fault_cue(self, t_s: float, code: str, text: str) -> list[Cue]:
        if t_s - self._spoken_at.get(code, float("-inf")) < FAULT_COOLDOWN_S or t_s - self._last_fault_s < ANY_FAULT_GAP_S:
            return []
        self._spoken_at[code] = self._last_fault_s = t_s
        return [Cue(t_s, text, CueKind.FAULT)]

    def _persistent_faults(self, t_s: float, assessment: Assessment) -> list[Cue]:
        active = {rule.code: rule for rule in assessment.active_faults}
        for code in list(self._fault_seen_since):
            if code not in active:
                del self._fault_seen_since[code]
        cues: list[Cue] = []
        for code, rule in active.items():
            since = self._fault_seen_since.setdefault(code, t_s)
            if t_s - since >= FAULT_PERSIST_S:
                cues += self._fault_cue(t_s, code, rule.cue)
        return cues

    def _repeated_rep_fault(self, t_s: float, codes: tuple[str, ...], assessment: Assessment) -> list[Cue]:
        self._rep_faults.append(set(codes))
        for code in codes:
            if sum(code in faults for faults in self._rep_faults) >= FAULT_REPEAT_REPS:
                return self._fault_cue(t_s, code, assessment.cue)
        return []

    # -- set-up ---------------------------------------------------------------------------
    def _setup(self, t_s: float, setup: SetupView | None) -> list[Cue]:
        if setup is None:
            self._setup_message, self._countdown_said = None, False
            return []
        if setup.countdown_s is not None:
            if self._countdown_said:
                return []
            self._countdown_said = True
            return [Cue(t_s, f"Good. Starting in {spoken_number(int(setup.countdown_s) + 1)}.", CueKind.SETUP)]
        self._countdown_said = False
        repeat_due = t_s - self._spoken_at.get("setup", float("-inf")) >= SETUP_COOLDOWN_S
        if setup.message != self._setup_message or repeat_due:
            if t_s - self._spoken_at.get("setup", float("-inf")) < 1.0:
                return []
            self._setup_message = setup.message
            self._spoken_at["setup"] = t_s
            return [Cue(t_s, setup.message, CueKind.SETUP)]
        return []
