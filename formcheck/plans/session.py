"""A plan as the session sees it: one "exercise" that runs a fresh analyzer for every set, rests
in between, and (optionally) checks the camera before each new exercise. Each set is a bout in
the report (BoutStarted / BoutEnded), with the plan's own events in the same stream."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from formcheck.camera_setup import SetupGate, waiting_assessment
from formcheck.core import Assessment, Status
from formcheck.events import BoutEnded, Event
from formcheck.exercises import EXERCISES
from formcheck.exercises.base import Exercise
from formcheck.hud import Hud, PlanView
from formcheck.plans.events import SetStarted
from formcheck.plans.model import Plan
from formcheck.plans.runner import Phase, PlanRunner
from formcheck.pose.pose import Pose

PLAN_ID = "plan"


class PlannedExercise:
    """Looks like one ``Exercise`` to the session (``update``, ``finish``, ``reset``)."""

    id = PLAN_ID
    two_sided = False
    primary = "reps"

    def __init__(self, plan: Plan, setup_check: bool = False) -> None:
        self.plan = plan
        self.setup_check = setup_check
        self.title = plan.title
        self.runner = PlanRunner(plan)
        self.analyzer: Exercise | None = None
        self.gate: SetupGate | None = None
        self._bout_open = False
        self._view: PlanView | None = None
        self._last_t_s = 0.0
        self._skip = False

    def reset(self) -> None:
        self.__init__(self.plan, self.setup_check)  # type: ignore[misc]

    def update(self, pose: Pose | None, t_s: float) -> Assessment:
        self._last_t_s = t_s
        events: list[Event] = []
        if self._skip:
            self._skip = False
            events += self._on_plan_events(self.runner.end_set(t_s, met=False), t_s)
        if self.runner.phase is not Phase.WORK:
            events += self._on_plan_events(self.runner.update(t_s), t_s)
        if self.runner.phase is Phase.WORK and self.analyzer is not None:
            assessment = self._work(pose, t_s, events)
        else:
            assessment = self._resting(t_s)
        self._view = self.runner.view(t_s)
        return replace(assessment, events=tuple(events))

    def _work(self, pose: Pose | None, t_s: float, events: list[Event]) -> Assessment:
        assert self.analyzer is not None
        view = self.gate.update(pose, t_s) if self.gate is not None else None
        if view is not None:
            return waiting_assessment(t_s, view, self.analyzer.title)
        if not self._bout_open:
            self._bout_open = True
            events.append(self.analyzer.bout_started(t_s))
        assessment = self.analyzer.update(pose, t_s)
        events += assessment.events
        events += self._on_plan_events(self.runner.update(t_s, assessment), t_s)
        return assessment

    def _resting(self, t_s: float) -> Assessment:
        view = self.runner.view(t_s)
        cue = "Plan complete - well done" if view.done else (view.next_up or "Rest")
        return Assessment(t_s=t_s, status=Status.OUT_OF_POSITION, cue=cue, exercise=view.exercise)

    def _on_plan_events(self, plan_events: list[Event], t_s: float) -> list[Event]:
        """Close the finished set's analyzer and bout; open the next set's analyzer."""
        events: list[Event] = []
        for event in plan_events:
            if event.kind == "set_completed":
                events += self._close_set(t_s)
            events.append(event)
            if isinstance(event, SetStarted):
                new_exercise = self.analyzer is None or self.analyzer.id != event.exercise_id
                self.analyzer = EXERCISES[event.exercise_id]()
                if self.setup_check and new_exercise:
                    self.gate = SetupGate(self.analyzer.views)
        return events

    def _close_set(self, t_s: float) -> list[Event]:
        if self.analyzer is None or not self._bout_open:
            return []
        self._bout_open = False
        return [*self.analyzer.finish(), BoutEnded(t_s, exercise=self.analyzer.id)]

    def next_set(self) -> None:
        """The user moves on (the live 'next' key): the current set ends, target not met, at the
        next frame."""
        self._skip = True

    def finish(self) -> list[Event]:
        events = self._close_set(self._last_t_s)
        self.runner.stop(self._last_t_s)
        return events

    def hud(self, base: Hud) -> Hud:
        setup = self.gate.view if self.gate is not None and self.runner.phase is Phase.WORK else None
        return replace(base, plan=self._view, setup=setup)

    def record(self) -> dict[str, Any]:
        return self.runner.record()
