"""One pipeline for files and cameras: frames in, outcomes out.

``Pipeline`` owns the session (pose -> smoothing -> exercise -> events -> report), the one
worker thread behind the pose model and the annotator; what varies is behind protocols (pose
estimator, frame sink, annotator, outcome listeners such as the voice coach). Two thin drivers
feed it:

- every frame (``analyze``): ``push`` runs the pose model on the caller's thread and queues the
  rest (analysis, drawing, encoding) to the worker in frame order;
- latest frame (``live``): ``show`` hands the newest frame to the worker, which runs pose and
  analysis whenever it is free, and draws the frame at once with the latest analysis.

Both produce the same ``Outcome`` objects for the listeners and the same report.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

import numpy as np

from formcheck.capture import Frame
from formcheck.core import Assessment, Status
from formcheck.events import Event
from formcheck.exercises.base import Exercise
from formcheck.hud import NO_HUD, Hud
from formcheck.outputs import WriteError
from formcheck.pose.pose import Pose
from formcheck.recognition import AutoExercise
from formcheck.report import Report
from formcheck.session import DEFAULT_MAX_POSE_FPS, Estimate, FrameOutcome, Session

QUEUE_FRAMES = 8
"""Frames buffered between the pose model and the worker when every frame counts (files)."""


class PoseEstimatorLike(Protocol):
    """What the pipeline needs of a pose model (MediaPipe's, or a fake in tests)."""

    model_path: Path

    def estimate(self, image_bgr: np.ndarray, t_s: float) -> Pose | None: ...

    def close(self) -> None: ...


class FrameSink(Protocol):
    """Where drawn frames go (``VideoFileSink``); a failed write raises ``WriteError``."""

    warning: str | None

    def write(self, image: np.ndarray, t_s: float | None = None) -> None: ...

    def close(self) -> Any: ...


class Annotator(Protocol):
    """Draws feedback on a copy of a frame (``Overlay``)."""

    def draw(self, image: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray: ...


class LiveSource(Protocol):
    """A camera, or a file played as one: the newest frame on each ``read``."""

    description: str
    fps: float

    @property
    def finished(self) -> bool: ...

    def read(self, timeout_s: float = 0.1) -> Frame | None: ...

    def close(self) -> None: ...


class StopFlag(Protocol):
    """Set from outside (a signal handler) to ask the drivers to stop after the current frame."""

    requested: bool


@runtime_checkable
class ShowsOnHud(Protocol):
    """An exercise slot (a plan, a set-up gate) with something of its own to show."""

    def hud(self, base: Hud) -> Hud: ...


@runtime_checkable
class RecordsInReport(Protocol):
    """An exercise slot (a plan) with a record of its own for the report."""

    def record(self) -> dict[str, Any]: ...


@dataclass(frozen=True, eq=False)
class Outcome:
    """One frame through the pipeline: its pose and assessment, the events new on it (empty for
    frames that reuse an earlier analysis), the HUD state and, if it was drawn, the picture."""

    frame: Frame
    pose: Pose | None
    assessment: Assessment
    analysed: bool
    hud: Hud = NO_HUD
    image: np.ndarray | None = None

    @property
    def t_s(self) -> float:
        return self.frame.t_s

    @property
    def events(self) -> tuple[Event, ...]:
        return self.assessment.events if self.analysed else ()


class OutcomeListener(Protocol):
    """Told every outcome, on the worker thread, in frame order (e.g. the voice coach)."""

    def on_outcome(self, outcome: Outcome) -> None: ...


Item = TypeVar("Item")
_END = object()


class Worker(Generic[Item]):
    """The pipeline's one background thread. ``latest_only`` keeps just the newest item (a camera:
    frames it was too busy for are skipped); otherwise items queue up in order (a file: every
    frame counts, the producer waits when the worker falls behind). Errors surface on ``put`` and
    ``close``."""

    def __init__(self, job: Callable[[Item], None], latest_only: bool, size: int = QUEUE_FRAMES) -> None:
        self._job = job
        self._latest_only = latest_only
        self._queue: queue.Queue = queue.Queue(maxsize=1 if latest_only else size)
        self._busy = threading.Event()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="pipeline", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _END:
                return
            if self.error is None:
                try:
                    self._job(item)
                except BaseException as error:  # handed to the driver by put() / close()
                    self.error = error
            self._busy.clear()

    def put(self, item: Item) -> None:
        if self.error is not None:
            raise self.error
        self._busy.set()
        if not self._latest_only:
            self._queue.put(item)
            return
        while True:
            try:
                self._queue.put_nowait(item)
                return
            except queue.Full:
                try:
                    self._queue.get_nowait()  # replace the frame the worker has not started on
                except queue.Empty:
                    pass

    @property
    def idle(self) -> bool:
        return self._queue.empty() and not self._busy.is_set()

    def close(self) -> None:
        """Finish what was handed over, then stop."""
        self._queue.put(_END)
        self._thread.join()
        if self.error is not None:
            raise self.error


class Pipeline:
    """Frames in, outcomes out; see the module docstring for the two ways to feed it."""

    def __init__(
        self,
        analyzer: Exercise | AutoExercise,
        estimator: PoseEstimatorLike,
        source: str,
        *,
        annotator: Annotator | None = None,
        sink: FrameSink | None = None,
        listeners: Iterable[OutcomeListener] = (),
        max_pose_fps: float | None = DEFAULT_MAX_POSE_FPS,
        latest_only: bool = False,
        close_estimator: bool = True,
    ) -> None:
        self.session = Session(analyzer, estimator, source=source, max_pose_fps=max_pose_fps)  # type: ignore[arg-type]
        self.estimator = estimator
        self.annotator = annotator
        self.sink = sink
        self.listeners = tuple(listeners)
        self.latest_only = latest_only
        self.close_estimator = close_estimator
        """Close the pose model with the pipeline (False: the caller owns it, e.g. a batch worker)."""
        self.paused = False
        self.latest: Outcome | None = None
        self.stop_reason: str | None = None
        self.notice = ""
        """Shown over everything (the safety note after a pain stop)."""
        self.video_error: WriteError | None = None
        """Writing the video failed (a full disk): the analysis goes on without it."""
        self._reset_requested = False
        self._worker: Worker = Worker(self._analyse if latest_only else self._complete, latest_only)
        self._closed = False

    # -- the worker's jobs -----------------------------------------------------------------
    def _publish(self, done: FrameOutcome) -> Outcome:
        outcome = Outcome(done.frame, done.pose, done.assessment, done.analysed, self.hud())
        self.latest = outcome
        for listener in self.listeners:
            listener.on_outcome(outcome)
        return outcome

    def _complete(self, estimate: Estimate) -> None:
        """Every-frame job: analysis, listeners, then drawing and encoding."""
        outcome = self._publish(self.session.assess(estimate))
        self._record(self.draw(outcome), outcome.t_s)

    def _analyse(self, frame: Frame) -> None:
        """Latest-frame job: pose and analysis of the newest frame (drawing stays with the driver)."""
        if self._reset_requested:
            self._reset_requested = False
            self.session.reset()
        if not self.paused:
            self._publish(self.session.process(frame))

    # -- what the drivers call ------------------------------------------------------------
    def hud(self, status: str = "") -> Hud:
        base = Hud(paused=self.paused, status=status, notice=self.notice, muted=any(getattr(x, "muted", False) for x in self.listeners))
        exercise = self.session.exercise
        return exercise.hud(base) if isinstance(exercise, ShowsOnHud) else base

    def draw(self, outcome: Outcome, image: np.ndarray | None = None) -> np.ndarray:
        """``outcome`` drawn by the annotator on ``image`` (default: its own frame)."""
        picture = outcome.frame.image if image is None else image
        if self.annotator is None:
            return picture
        return self.annotator.draw(picture, outcome.pose, outcome.assessment, outcome.hud)

    def push(self, frame: Frame) -> None:
        """Every-frame driver: pose here, the rest on the worker, in order."""
        self._worker.put(self.session.estimate(frame))

    def show(self, frame: Frame, image: np.ndarray | None = None, status: str = "") -> Outcome:
        """Latest-frame driver: hand ``frame`` to the worker and return it drawn (on ``image``, a
        resized copy for the screen, if given) with the latest analysis; recorded if a sink is set."""
        self._worker.put(frame)
        latest = self.latest
        if latest is None:
            assessment = Assessment(t_s=frame.t_s, status=Status.NO_PERSON, cue="Starting...")
            outcome = Outcome(frame, None, assessment, analysed=False, hud=self.hud(status))
        else:
            outcome = Outcome(frame, latest.pose, latest.assessment, analysed=False, hud=self.hud(status))
        drawn = self.draw(outcome, image)
        self._record(drawn, frame.t_s)
        return replace(outcome, image=drawn)

    def _record(self, image: np.ndarray, t_s: float) -> None:
        """Write a drawn frame to the sink; after a write error the session goes on unrecorded."""
        if self.sink is None:
            return
        try:
            self.sink.write(image, t_s)
        except WriteError as error:
            self.video_error, self.sink = error, None

    def warnings(self) -> list[str]:
        """What the report should say about the recording (an encoder fallback, a failed write)."""
        notes = [self.sink.warning] if self.sink is not None and self.sink.warning else []
        return notes + ([str(self.video_error)] if self.video_error else [])

    def request_reset(self) -> None:
        """Start counting from zero at the next analysed frame (the live 'reset' key)."""
        self._reset_requested = True

    @property
    def idle(self) -> bool:
        return self._worker.idle

    @property
    def error(self) -> BaseException | None:
        return self._worker.error

    def close(self) -> None:
        """Finish the frames handed over; close the sink and the pose model (once)."""
        if self._closed:
            return
        self._closed = True
        try:
            self._worker.close()
        finally:
            try:
                if self.sink is not None:
                    self.sink.close()
            except WriteError as error:
                self.video_error = error
            finally:
                if self.close_estimator:
                    self.estimator.close()

    def finish(self, interrupted: bool = False, warnings: tuple[str, ...] = ()) -> Report:
        """Close the pipeline and build the report (with the plan's record and why it stopped)."""
        self.close()
        report = self.session.finish(interrupted=interrupted, warnings=warnings)
        exercise = self.session.exercise
        plan = exercise.record() if isinstance(exercise, RecordsInReport) else None
        return replace(report, plan=plan, stop_reason=self.stop_reason)
