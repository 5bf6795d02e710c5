"""Automatic exercise recognition: which exercise the person is doing, bout by bout.

Every registered analyzer runs on every pose (they are cheap and pure). An analyzer that is in
its exercise's position and *active* in it (completed a rep, or holds the position) is a
candidate; one candidate clearly ahead of the others starts a bout, dated back to when it got
into position, so no rep is lost to the decision. The bout ends when its analyzer has been out
of position for a while; then recognition starts over, so a video or session can move from one
exercise to the next. A movement no analyzer accepts (a squat, a push-up, walking around) gives
no bout at all: it is reported as ``unknown`` rather than counted as something it is not.

The learned position model (``formcheck.position_model``) has the last word: its frame
probability for the candidate's exercise, averaged over the candidate's stretch in position, must
support it, and it ranks candidates that several analyzers accept at once. (The average, not the
filtered belief: the belief settles on the likeliest class, while the average still shows a
position the model finds plausible but not likeliest, such as a real plank it half takes for a
push-up.) The filtered belief names the likeliest position while nothing is decided. An
analyzer that counts a crunch as a bridge rep is overruled when the model, trained on crunches
among other look-alikes, finds no bridge there.
Exercises that declare ``auto_recognised = False`` (the McGill tests) are left out: they run
only when named.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from formcheck.core import AUTO, Assessment, Status
from formcheck.events import BoutEnded, Event, HoldEnded, HoldStarted, RepCompleted
from formcheck.exercises import EXERCISES, RECOGNISABLE, create
from formcheck.exercises.base import Exercise
from formcheck.features import FeatureWindow
from formcheck.pose.pose import Pose
from formcheck.position_model import PositionFilter, PositionModel, default_model

POSITION_FLICKER_S = 0.7
"""An analyzer out of position for less than this is still in the same stretch of position."""
BOUT_END_S = 3.0
"""The recognised exercise ends after its analyzer has been out of position this long
(a rest between sets shorter than this stays in the bout)."""
HOLD_SECONDS_PER_REP = 3.0
"""Activity score: seconds of hold worth as much evidence as one completed rep."""
MIN_ACTIVITY = 1.0
"""Evidence needed to start a bout: one completed rep or three seconds of hold."""
MIN_LEAD = 1.0
"""The winner must lead the runner-up by this much activity; otherwise recognition waits
(a wrong exercise is worse than none)."""
MIN_REP_SUPPORT = 0.3
"""Counted reps need at least this mean probability at their peaks. A look-alike rep movement
moves the same joints an analyzer counts (a sit-up swings the bridge's hip angle, a kickback the
bird dog's leg). Measured with the clip's group held out: a sit-up read 0.1 as a bridge (its
camera placement held out); rendered bridges, hip thrusts and deadlifts 0.55-1.0 (same fold);
the real rep clips 0.99-1.0 (each clip held out)."""
MIN_HOLD_SUPPORT = 0.06
"""A hold (or a stretch without a counted rep) needs less: the hold analyzers' own checks judge a
still body line over seconds, while the model trained on renders reads some real footage poorly.
Highest support reached, each case's clip or group held out: real holds 0.135 and 0.21 (two
forearm planks), 0.87 (side plank), 0.999 (child's pose, bridge hold); look-alikes 0.031 (sitting
as a prone press-up) and 0.009 (knee to chest as a figure four). The threshold sits between, at
about their geometric middle."""

PEAK_WINDOW_S = 0.5
"""A rep's support is read within this of its peak: the counted movement itself, not the rest
between reps (a sit-up rests in a bridge's start position; only its peak is unlike a bridge)."""
CLEAR_SUPPORT_LEAD = 0.15
"""A candidate whose support leads the runner-up's by this much wins even without an activity
lead (the model tells apart positions two analyzers both accept)."""


@dataclass
class _Track:
    """One analyzer followed on every pose: its current stretch in position and what it saw."""

    exercise: Exercise
    in_since: float | None = None
    last_in_s: float | None = None
    events: list[Event] = field(default_factory=list)
    hold_open_since: float | None = None
    assessment: Assessment | None = None
    seen: list[tuple[float, float]] = field(default_factory=list)
    """(t_s, the position model's probability of this exercise) at each pose in the stretch."""

    def update(self, pose: Pose | None, t_s: float, proba: float | None) -> Assessment:
        assessment = self.exercise.update(pose, t_s)
        self.assessment = assessment
        # A hold going on through a hidden limb (``HiddenLimbBridge``) is still in position.
        holding_unseen = assessment.status is Status.NOT_VISIBLE and assessment.hold_s > 0.0
        if assessment.status is Status.IN_POSITION or holding_unseen:
            if self.in_since is None:
                self.in_since = t_s
            self.last_in_s = t_s
            if proba is not None:
                self.seen.append((t_s, proba))
        if self.in_since is not None:
            self.events.extend(assessment.events)
        for event in assessment.events:
            if isinstance(event, HoldStarted):
                self.hold_open_since = event.t_s
            elif isinstance(event, HoldEnded):
                self.hold_open_since = None
        return assessment

    def left_position(self, t_s: float, after_s: float) -> bool:
        return self.last_in_s is not None and t_s - self.last_in_s > after_s

    def restart(self) -> None:
        """Forget this stretch: a fresh analyzer for the next time the person gets into position."""
        self.exercise = type(self.exercise)()
        self.in_since = self.last_in_s = self.hold_open_since = None
        self.events = []
        self.seen = []

    def min_support(self) -> float:
        """The support this exercise needs: ``MIN_REP_SUPPORT`` once a rep is counted, else
        ``MIN_HOLD_SUPPORT``."""
        counted = any(isinstance(e, RepCompleted) for e in self.events)
        return MIN_REP_SUPPORT if counted else MIN_HOLD_SUPPORT

    def support(self) -> float:
        """The position model's mean probability of this exercise where the analyzer found it: at
        its counted reps' peaks (within ``PEAK_WINDOW_S``) once it has counted one, else over the
        stretch in position; 1.0 before the model has seen a pose there (nothing against it yet)."""
        peaks = [e.rep.peak_s for e in self.events if isinstance(e, RepCompleted)]
        if peaks:
            at_peaks = [p for t, p in self.seen if any(abs(t - peak) <= PEAK_WINDOW_S for peak in peaks)]
            if at_peaks:
                return sum(at_peaks) / len(at_peaks)
        return sum(p for _, p in self.seen) / len(self.seen) if self.seen else 1.0

    def activity(self, t_s: float) -> float:
        """Evidence the person is doing this exercise: reps (not those that were really another
        movement) plus held time."""
        foreign = set(self.exercise.other_movement_faults)
        reps = sum(isinstance(e, RepCompleted) and not foreign & set(e.rep.faults) for e in self.events)
        held = sum(e.duration_s for e in self.events if isinstance(e, HoldEnded))
        if self.hold_open_since is not None:
            held += t_s - self.hold_open_since
        return reps + held / HOLD_SECONDS_PER_REP


class AutoExercise:
    """Looks like one ``Exercise`` to the session (``update``, ``finish``, ``reset``), but
    recognises which exercise is being done and hands over to its analyzer for each bout."""

    id = AUTO
    title = ""
    two_sided = False
    primary = "reps"

    def __init__(self, exercise_ids: tuple[str, ...] | None = None, model: PositionModel | None = None) -> None:
        self._ids = exercise_ids or tuple(RECOGNISABLE)
        self._tracks = {exercise_id: _Track(EXERCISES[exercise_id]()) for exercise_id in self._ids}
        self.current: str | None = None
        self.model = model or default_model()
        self._features = FeatureWindow()
        self._filter = PositionFilter(self.model)
        self.belief: dict[str, float] = {}
        """The position model's filtered belief per class after the last pose."""
        self.proba: dict[str, float] = {}
        """The position model's probability per class for the last pose (empty without one)."""

    def reset(self) -> None:
        self.__init__(self._ids, self.model)  # type: ignore[misc]

    def _observe(self, pose: Pose | None, t_s: float) -> None:
        row = self._features.push(pose, t_s)
        proba = self.model.proba(row) if row is not None else None
        self.proba = dict(zip(self.model.classes, proba.tolist())) if proba is not None else {}
        self.belief = dict(zip(self.model.classes, self._filter.update(proba, t_s).tolist()))

    def update(self, pose: Pose | None, t_s: float) -> Assessment:
        self._observe(pose, t_s)
        for exercise_id, track in self._tracks.items():
            # An exercise the model was not trained on gets no belief: nothing for or against it.
            track.update(pose, t_s, self.proba.get(exercise_id))
        events: list[Event] = []
        if self.current is not None:
            track = self._tracks[self.current]
            assert track.assessment is not None
            events += track.assessment.events
            if track.left_position(t_s, BOUT_END_S):
                events += self._end_bout(track)
        for exercise_id, track in self._tracks.items():
            if exercise_id != self.current and track.left_position(t_s, POSITION_FLICKER_S):
                track.restart()
        if self.current is None:
            events += self._maybe_start_bout(t_s)
        return self._assessment(pose, t_s, events)

    def _maybe_start_bout(self, t_s: float) -> list[Event]:
        winner = self._winner(t_s)
        if winner is None:
            return []
        track = self._tracks[winner]
        self.current = winner
        replayed, track.events = track.events, []
        return [track.exercise.bout_started(track.in_since), *replayed]

    def _winner(self, t_s: float) -> str | None:
        """The exercise a bout should start for now, if one clearly leads: enough activity, the
        position model's support, and ahead of the others on activity or on support."""
        candidates = []
        for exercise_id, track in self._tracks.items():
            if track.in_since is not None:
                support = track.support()
                if support >= track.min_support():
                    candidates.append((track.activity(t_s), support, exercise_id))
        active = [c for c in candidates if c[0] >= MIN_ACTIVITY]
        if not active:
            return None
        by_support = sorted(active, key=lambda c: c[1], reverse=True)
        best = by_support[0]
        rivals = [c for c in candidates if c[2] != best[2]]
        if not rivals:
            return best[2]
        if all(best[1] - c[1] >= CLEAR_SUPPORT_LEAD for c in rivals):
            return best[2]
        by_activity = sorted(candidates, reverse=True)
        if by_activity[0][0] >= MIN_ACTIVITY and by_activity[0][0] - by_activity[1][0] >= MIN_LEAD:
            return by_activity[0][2]
        return None

    def _end_bout(self, track: _Track) -> list[Event]:
        closing = track.exercise.finish()
        end = track.last_in_s if track.last_in_s is not None else 0.0
        exercise_id = track.exercise.id
        track.restart()
        self.current = None
        return [*closing, BoutEnded(end, exercise=exercise_id)]

    def finish(self) -> list[Event]:
        """End the session: close the current bout; with none, the analyzers' last words (a rep
        completed by the end of the clip) may still decide one, which then ends at once."""
        if self.current is None:
            last_t_s = 0.0
            for track in self._tracks.values():
                if track.in_since is not None:
                    track.events.extend(track.exercise.finish())
                    last_t_s = max(last_t_s, track.last_in_s or 0.0)
            started = self._maybe_start_bout(last_t_s)
            if not started:
                return []
            track = self._tracks[self.current]
            return started + [BoutEnded(track.last_in_s or last_t_s, exercise=track.exercise.id)]
        return self._end_bout(self._tracks[self.current])

    def _assessment(self, pose: Pose | None, t_s: float, events: list[Event]) -> Assessment:
        if self.current is not None:
            current = self._tracks[self.current].assessment
            assert current is not None
            return _with_events(current, events)
        if pose is None:
            return Assessment(t_s=t_s, status=Status.NO_PERSON, cue="Step into view", events=tuple(events))
        candidates = [
            (self.belief.get(exercise_id, 0.0), track.activity(t_s), exercise_id)
            for exercise_id, track in self._tracks.items()
            if track.in_since is not None
        ]
        if not candidates:
            return Assessment(t_s=t_s, status=Status.OUT_OF_POSITION, cue="Start an exercise", events=tuple(events))
        # Undecided: show the live view of the candidate the position model believes likeliest,
        # its name marked as a guess.
        *_, leader = max(candidates)
        shown = self._tracks[leader].assessment
        assert shown is not None
        return replace(shown, events=tuple(events), exercise=f"{shown.exercise}?")


def _with_events(assessment: Assessment, events: list[Event]) -> Assessment:
    return replace(assessment, events=tuple(events))


def create_analyzer(exercise_id: str) -> Exercise | AutoExercise:
    """The analyzer for ``exercise_id``, or automatic recognition for ``auto``."""
    return AutoExercise() if exercise_id == AUTO else create(exercise_id)
