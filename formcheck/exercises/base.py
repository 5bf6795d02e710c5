"""What every exercise analyzer shares: the per-frame template, its inputs and its outputs.

An exercise module says what to measure on a pose (``read``) and how to judge a finished rep
(``judge_rep``); this base class feeds the shared RepCounter, HoldTimer and FaultMonitor, tracks
visibility, and turns it all into events and a per-frame ``Assessment`` for the overlay.
Analyzers are pure: poses and timestamps in, assessments and events out; no windows, no files.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from formcheck.core import Assessment, FaultRule, Metrics, Reading, Status
from formcheck.events import SERIES_HZ, BackInView, BoutStarted, Event, HoldEnded, HoldStarted, MeasureSampled, NotVisible, Rep, RepCompleted
from formcheck.exercises.hidden_limbs import HiddenLimbBridge
from formcheck.exercises.mechanics import (
    FaultMonitor,
    HoldConfig,
    HoldTimer,
    PositionLatch,
    RepCounter,
    RepCounterConfig,
    RepRecord,
    SideTally,
    rep_fault,
)
from formcheck.exercises.verdict import RepVerdict
from formcheck.filters import NearSideSelector
from formcheck.gravity import GravityTracker
from formcheck.pose.landmarks import Landmark, Side, describe
from formcheck.pose.pose import Pose
from formcheck.pose.view import ViewTracker

NOT_VISIBLE_DEBOUNCE_S = 0.5
"""Needed parts must be missing this long before a NotVisible event (a flicker is not news)."""
REP_FEEDBACK_S = 2.5
"""After a rep, its verdict (the fault's cue in red, or 'good' in green) stays on screen this
long, or until the next rep's verdict replaces it: long enough to read from the floor, and a
good rep always clears a faulted one's red."""


class UndeclaredFault(KeyError):
    """A fault code the exercise does not declare: asked for, or reported by the exercise itself
    (a bug in it: the fault monitor would drop it without a word)."""


def _is_out(in_position: bool | None) -> bool:
    """Out of position: a definite no (numpy booleans included), not an uncertain None."""
    return in_position is not None and not in_position


@dataclass
class _VisibilityTracker:
    """Emits NotVisible / BackInView on debounced changes of the missing-parts set."""

    missing_since: float | None = None
    reported: bool = False
    parts: tuple[str, ...] = field(default_factory=tuple)

    def update(self, missing: tuple[str, ...], t_s: float) -> list[Event]:
        if missing:
            if self.missing_since is None:
                self.missing_since = t_s
            self.parts = missing
            if not self.reported and t_s - self.missing_since >= NOT_VISIBLE_DEBOUNCE_S:
                self.reported = True
                return [NotVisible(self.missing_since, parts=missing)]
            return []
        was_reported = self.reported
        self.missing_since, self.reported, self.parts = None, False, ()
        return [BackInView(t_s)] if was_reported else []


class Exercise(ABC):
    """Base of every exercise analyzer. Subclasses set the class attributes and implement
    ``required`` and ``read`` (and ``judge_rep`` if they count reps)."""

    id: ClassVar[str]
    title: ClassVar[str]
    view: ClassVar[str]
    """Best camera position, e.g. ``side``."""
    views: ClassVar[tuple[str, ...]] = ("side", "oblique")
    """Camera views the analyzer reads well (``side``, ``oblique``, ``front``): the live set-up
    check asks for one of them before counting starts (``formcheck.camera_setup``), and nothing
    is counted or timed while the camera sees the body from another (``formcheck.pose.view``)."""
    filming: ClassVar[str]
    """How to film it, shown by ``formcheck exercises``."""
    setup_cue: ClassVar[str]
    """What to do to get into the starting position."""
    good_cue: ClassVar[str] = "Good form"
    two_sided: ClassVar[bool] = False
    rep_config: ClassVar[RepCounterConfig | None] = None
    hold_config: ClassVar[HoldConfig] = HoldConfig()
    fault_rules: ClassVar[tuple[FaultRule, ...]] = ()
    """Posture faults checked frame by frame while in position."""
    rep_fault_rules: ClassVar[tuple[FaultRule, ...]] = ()
    """Faults judged once per completed rep."""
    primary: ClassVar[str] = "reps"
    """What the big on-screen number shows: ``reps`` or ``hold``."""
    other_movement_faults: ClassVar[tuple[str, ...]] = ()
    """Rep faults that mean the rep was a different movement (a deadlift rep done as a squat):
    automatic recognition does not take such reps as evidence for this exercise."""
    enter_after_s: ClassVar[float] = 0.0
    """How long the starting posture must hold before the ``PositionLatch`` engages."""
    contacts: ClassVar[tuple[Landmark, ...]] = ()
    """Landmarks resting on the floor in this exercise's position: where they lie flat they give
    the camera's pitch, and the pose is levelled to gravity before it is read (``GravityTracker``).
    None declared: read as the camera sees it."""
    auto_recognised: ClassVar[bool] = True
    """Whether automatic recognition considers this exercise. Clinical tests (the McGill holds)
    run only when named: the Biering-Sorensen hold looks like a back extension."""

    def __init__(self) -> None:
        self._counter: RepCounter[Metrics] | None = RepCounter(self.rep_config) if self.rep_config else None
        self._hold = HoldTimer(self.hold_config)
        self._faults = FaultMonitor(self.fault_rules)
        self._sides = NearSideSelector()
        self._tally = SideTally()
        self._visibility = _VisibilityTracker()
        self._hidden = HiddenLimbBridge()
        self._position = PositionLatch(self.enter_after_s)
        self._gravity = GravityTracker(self.contacts)
        self._view = ViewTracker()
        self._wrong_view = False
        self._uncertain_since: float | None = None
        """Start of the uncertain stretch going on (a sag as deep as lying down), if any."""
        self._hold_ended_s: float | None = None
        """End of the last hold of a hold exercise, while no other has started since."""
        self._verdict: RepVerdict | None = None
        self._reps = 0
        self._last_t_s = 0.0
        self._last_sample_s: float | None = None

    # -- what subclasses provide ----------------------------------------------------------
    @abstractmethod
    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        """Landmarks without which nothing about this exercise can be measured."""

    @abstractmethod
    def read(self, pose: Pose, side: Side) -> Reading:
        """Measure one pose whose required landmarks are visible."""

    def judge_rep(self, rep: RepRecord[Metrics]) -> tuple[FaultRule, ...]:
        """Faults of a completed rep (a short peak, no pause, ...)."""
        return ()

    def counts_rep(self, rep: RepRecord[Metrics]) -> bool:
        """Whether a completed rise and fall of the rep signal is a rep of this exercise at all: a
        look-alike can move the same signal (a crunch's return to lying raises a bridge's hip
        extension). Not counted, it makes no event."""
        return True

    def unjudged(self, rep: RepRecord[Metrics]) -> tuple[str, ...]:
        """Checks of a completed rep that could not be made from this view (a limb out of the
        picture): reported as skipped rather than guessed."""
        return ()

    def rep_side(self, rep: RepRecord[Metrics]) -> Side | None:
        return rep.tag if self.two_sided else None

    # -- the shared per-frame template ----------------------------------------------------
    @classmethod
    def bout_started(cls, t_s: float) -> BoutStarted:
        """The marker of a bout of this exercise from ``t_s``, with what the report needs of it."""
        return BoutStarted(t_s, exercise=cls.id, two_sided=cls.two_sided, timed=cls.primary == "hold")

    @classmethod
    def fault_rule(cls, code: str) -> FaultRule:
        for rule in cls.fault_rules + cls.rep_fault_rules:
            if rule.code == code:
                return rule
        raise UndeclaredFault(code)

    @classmethod
    def fault_codes(cls) -> frozenset[str]:
        """Every fault code this exercise can report: its posture faults and its rep faults."""
        return frozenset(rule.code for rule in cls.fault_rules + cls.rep_fault_rules)

    @staticmethod
    def _declared(codes: frozenset[str], rules: tuple[FaultRule, ...]) -> None:
        undeclared = codes - {rule.code for rule in rules}
        if undeclared:
            raise UndeclaredFault(", ".join(sorted(undeclared)))

    def reset(self) -> None:
        """Start over (the live 'reset' key): counts, holds and faults go back to zero."""
        self.__init__()  # type: ignore[misc]

    def update(self, pose: Pose | None, t_s: float) -> Assessment:
        """Advance the analysis by one frame (``pose`` None when nobody was detected)."""
        self._last_t_s = t_s
        self._wrong_view = False
        events: list[Event] = []
        reading: Reading | None = None
        missing: tuple[str, ...] = ()
        side: Side | None = None
        if pose is None:
            status = Status.NO_PERSON
        else:
            pose = self._gravity(pose)
            side = self._sides(pose)
            missing = tuple(describe(lm) for lm in pose.missing(self.required(pose, side)))
            if missing:
                status = Status.NOT_VISIBLE
            else:
                reading = self.read(pose, side)
                self._declared(reading.faults, self.fault_rules)
                self._wrong_view = self._view(pose, t_s).value not in self.views
                status = Status.OUT_OF_POSITION if self._wrong_view or _is_out(reading.in_position) else Status.IN_POSITION
        events += self._visibility.update(missing if status is Status.NOT_VISIBLE else (), t_s)
        events += self._sample(reading, t_s)
        in_position = reading is not None and not self._wrong_view and not _is_out(reading.in_position)
        # A stray frame that fails the position (``GLITCH_S``): skipped, the position kept, the
        # rep, the hold and the faults left as they were.
        glitch = in_position and self._position.glitching
        if glitch:
            in_position, reading = False, None
        # A limb hidden while the trunk stays put: the hold goes on (``HiddenLimbBridge``).
        bridged = status is Status.NOT_VISIBLE and self._hold.holding and self._hidden.bridges(pose, t_s)
        if reading is not None and in_position:
            self._hidden.seen(pose)
        if reading is None and not bridged:
            self._position.unseen(t_s)

        if self._counter is not None:
            if reading is not None and in_position:
                record = self._counter.update(reading.rep_signal, t_s, tag=reading.active_side, payload=reading.metrics)
            elif self._wrong_view:
                # Readings from a view the analyzer cannot read: a rep in progress is not one.
                record = None
                self._counter.reset()
            elif status is Status.OUT_OF_POSITION:
                record = self._counter.flush()
                self._counter.reset()
            else:
                record = self._counter.update(None, t_s)
            if record is not None:
                events += self._on_rep(record)
        if reading is not None and in_position:
            if reading.in_position is None:
                self._uncertain_since = self._uncertain_since if self._uncertain_since is not None else t_s
            else:
                self._uncertain_since = None
            if reading.active_side is not None and self._hold.side not in (None, reading.active_side):
                # The other side now (a side plank switched sides): the running hold ended, even
                # if the switch was quicker than the hold's grace; faults after its end are not its.
                events += self._close_hold(self._hold.finish())
            held = self._hold.update(reading.holding, t_s, good_form=not reading.faults, signal=reading.hold_signal, side=reading.active_side)
            self._note_holds(held)
            events += held
            events += self._faults.update(set(reading.faults), t_s, side=side)
        elif bridged:
            events += self._hold.update(True, t_s, good_form=not self._faults.active, side=self._hold.side)
        elif not glitch:
            events += self._close_hold(self._hold.update(False, t_s))
            events += self._left_position()
            events += self._faults.update(set(), t_s)

        return Assessment(
            t_s=t_s,
            status=status,
            cue=self._cue(status, reading, missing, t_s),
            events=tuple(events),
            metrics=reading.metrics if reading else None,
            form_ok=(not self._faults.active and self._rep_feedback_rule(t_s) is None) if status is Status.IN_POSITION else None,
            key_angle=reading.key_angle if reading else None,
            reps=self._reps,
            reps_by_side=self._tally.as_dict() if self.two_sided else None,
            hold_s=self._hold.current_s(),
            total_hold_s=self._hold.total_s + self._hold.current_s(),
            active_faults=self._faults.active,
            missing=missing,
            unmeasured=reading.unmeasured if reading else (),
            side=side,
            rep_progress=self._counter.progress if self._counter else None,
            exercise=self.title,
            primary=self.primary,
        )

    def _sample(self, reading: Reading | None, t_s: float) -> list[Event]:
        """The key angle as a ``MeasureSampled`` event, at most ``SERIES_HZ`` times a second
        (a hair early is on time: 30 fps frames fall 0.0333 s apart)."""
        if reading is None or reading.key_angle is None:
            return []
        if self._last_sample_s is not None and t_s - self._last_sample_s < 1.0 / SERIES_HZ - 1e-3:
            return []
        self._last_sample_s = t_s
        angle = reading.key_angle
        return [MeasureSampled(t_s, exercise=self.id, name=f"{angle.label}_deg", value=angle.value_deg)]

    def finish(self) -> list[Event]:
        """Close reps, holds and faults still open at the end of the session."""
        events: list[Event] = []
        record = self._counter.flush() if self._counter is not None else None
        if record is not None:
            events += self._on_rep(record)
        events += self._close_hold(self._hold.finish())
        events += self._left_position()
        return events + self._faults.finish()

    def _left_position(self) -> list[Event]:
        """The position was left from an uncertain stretch (a sag as deep as lying) or, in a hold
        exercise, after its hold ended: the person was lowering out of it from then on, and the
        faults seen since were the lowering, not faults (a plank's last second read as a sag)."""
        ends = [t for t in (self._uncertain_since, self._hold_ended_s) if t is not None]
        self._uncertain_since = self._hold_ended_s = None
        return self._faults.truncate(min(ends)) if ends else []

    def _close_hold(self, hold_events: list[Event]) -> list[Event]:
        """Hold events, preceded by the truncation of faults seen after the hold really ended
        (a plank that ended in an uncertain sag ended when the sag began)."""
        truncated: list[Event] = []
        for ended in (e for e in hold_events if isinstance(e, HoldEnded)):
            truncated += self._faults.truncate(ended.t_s)
        self._note_holds(hold_events)
        return truncated + hold_events

    def _note_holds(self, hold_events: list[Event]) -> None:
        """Keep, for a hold exercise, when its last hold ended while no other has begun."""
        for event in hold_events:
            if isinstance(event, HoldStarted):
                self._hold_ended_s = None
            elif isinstance(event, HoldEnded) and self.primary == "hold":
                self._hold_ended_s = event.t_s

    def _on_rep(self, record: RepRecord[Metrics]) -> list[Event]:
        if not self.counts_rep(record):
            return []
        self._reps += 1
        side = self.rep_side(record)
        self._tally.add(side)
        faults = self.judge_rep(record)
        self._declared(frozenset(rule.code for rule in faults), self.rep_fault_rules)
        skipped = self.unjudged(record)
        self._verdict = RepVerdict(self._reps, faults[0] if faults else None, skipped, record.end_s + REP_FEEDBACK_S)
        rep = Rep(
            index=self._reps,
            start_s=record.start_s,
            peak_s=record.peak_s,
            end_s=record.end_s,
            peak=record.peak,
            up_s=record.up_s,
            top_s=record.top_s,
            down_s=record.down_s,
            side=side,
            measure=self.rep_measure,
            faults=tuple(rule.code for rule in faults),
            bottom=record.bottom,
            skipped=skipped,
        )
        return [rep_fault(rule, record, side) for rule in faults] + [RepCompleted(record.end_s, rep=rep)]

    rep_measure: ClassVar[str] = ""
    """Name of the rep signal reported as each rep's ``peak`` (e.g. ``hip_extension_deg``)."""

    def _current_verdict(self, t_s: float) -> RepVerdict | None:
        return self._verdict if self._verdict is not None and t_s <= self._verdict.until_s else None

    def _rep_feedback_rule(self, t_s: float) -> FaultRule | None:
        verdict = self._current_verdict(t_s)
        return verdict.fault if verdict is not None else None

    def _cue(self, status: Status, reading: Reading | None, missing: tuple[str, ...], t_s: float) -> str:
        if status is Status.NO_PERSON:
            return "Step into view"
        if status is Status.NOT_VISIBLE:
            return "Can't see your " + ", ".join(missing[:2])
        if status is Status.OUT_OF_POSITION:
            return f"Film from the {self.view}" if self._wrong_view else self.setup_cue
        active = self._faults.active
        if active:
            return active[0].cue
        verdict = self._current_verdict(t_s)
        if verdict is not None:
            return verdict.cue
        return self.in_position_cue(reading)

    def in_position_cue(self, reading: Reading | None) -> str:
        """The cue while in position with no fault; exercises may say more (e.g. "Hold")."""
        return self.good_cue
