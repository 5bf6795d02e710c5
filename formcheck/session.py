"""A session wires the stages: frames -> pose -> smoothing -> exercise -> events -> report.

It owns time: which frames go through the pose model, resets at hard cuts, and the end of the
session (closing open holds and faults), so a live session and a file analysis that see the same
frames produce the same report.
"""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.capture import Frame
from formcheck.core import Assessment
from formcheck.events import Event
from formcheck.exercises.base import Exercise
from formcheck.filters import PoseSmoother
from formcheck.pose.estimator import PoseEstimator
from formcheck.pose.pose import Pose
from formcheck.recognition import AutoExercise
from formcheck.report import Report
from formcheck.scene import SceneChangeDetector

PRESENCE_GAP_S = 1.0
"""Gaps without a person shorter than this do not split the report's stretches of presence."""
DEFAULT_MAX_POSE_FPS = 15.0
"""Pose inference runs on at most this many frames per second; the frames between reuse the
last result. Back-care exercises move at under 1 Hz, so 15 poses a second time holds and pauses
to about 0.07 s while letting a 2-core laptop analyse a 30 fps file faster than real time."""


@dataclass(frozen=True, eq=False)
class Estimate:
    """A frame with its raw pose (None: nobody found), or ``analysed`` False when the frame came
    too soon after the last analysed one and reuses its analysis."""

    frame: Frame
    pose: Pose | None
    analysed: bool


@dataclass(frozen=True, eq=False)
class FrameOutcome:
    """One frame with the pose and assessment that apply to it (for drawing)."""

    frame: Frame
    pose: Pose | None
    assessment: Assessment
    analysed: bool


class Session:
    def __init__(
        self,
        exercise: Exercise | AutoExercise,
        estimator: PoseEstimator,
        source: str,
        max_pose_fps: float | None = DEFAULT_MAX_POSE_FPS,
    ) -> None:
        self.exercise = exercise
        self.estimator = estimator
        self.source = source
        self.max_pose_fps = max_pose_fps
        self._smoother = PoseSmoother()
        self._scene = SceneChangeDetector()
        self._events: list[Event] = []
        self._last: FrameOutcome | None = None
        self._last_analysed_t_s: float | None = None
        self.frames = 0
        self.analysed_frames = 0
        self.pose_frames = 0
        self.faded_frames = 0
        self._first_t_s: float | None = None
        self._last_t_s = 0.0
        self._presence: list[list[float]] = []

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    def _due(self, frame: Frame) -> bool:
        if self._last_analysed_t_s is None or not self.max_pose_fps:
            return True
        return frame.t_s - self._last_analysed_t_s >= 1.0 / self.max_pose_fps - 1e-6

    def estimate(self, frame: Frame) -> Estimate:
        """Run the pose model on ``frame`` if it is due (the first stage; may run on its own thread)."""
        self.frames += 1
        if self._first_t_s is None:
            self._first_t_s = frame.t_s
        self._last_t_s = frame.t_s
        if not self._due(frame):
            return Estimate(frame, None, analysed=False)
        self.analysed_frames += 1
        self._last_analysed_t_s = frame.t_s
        return Estimate(frame, self.estimator.estimate(frame.image, frame.t_s), analysed=True)

    def assess(self, estimate: Estimate) -> FrameOutcome:
        """Everything after the pose model, in frame order (the second stage): edits in the video,
        smoothing, the exercise analysis and its events."""
        frame = estimate.frame
        if not estimate.analysed:
            if self._last is None:
                raise RuntimeError("the first frame of a session is always analysed")
            return FrameOutcome(frame, self._last.pose, self._last.assessment, analysed=False)
        raw = estimate.pose
        scene = self._scene.update(frame.image, raw, frame.t_s)
        if scene.cut:
            self._smoother.reset()
        if raw is not None and scene.fading:
            self.faded_frames += 1
            raw = None
        if raw is not None:
            self.pose_frames += 1
            if self._presence and frame.t_s - self._presence[-1][1] <= PRESENCE_GAP_S:
                self._presence[-1][1] = frame.t_s
            else:
                self._presence.append([frame.t_s, frame.t_s])
        pose = self._smoother(raw)
        assessment = self.exercise.update(pose, frame.t_s)
        self._events.extend(assessment.events)
        self._last = FrameOutcome(frame, pose, assessment, analysed=True)
        return self._last

    def process(self, frame: Frame) -> FrameOutcome:
        """Analyse ``frame`` (or reuse the last analysis if it came too soon after it)."""
        return self.assess(self.estimate(frame))

    def reset(self) -> None:
        """Start counting again from zero (the live 'reset' key)."""
        self.exercise.reset()
        self._smoother.reset()
        self._events.clear()

    def finish(self, interrupted: bool = False, warnings: tuple[str, ...] = ()) -> Report:
        """Close what is open and build the report of everything so far."""
        self._events.extend(self.exercise.finish())
        span = self._last_t_s - (self._first_t_s or 0.0)
        duration = span * self.frames / (self.frames - 1) if self.frames > 1 else 0.0
        warnings = tuple(warnings)
        if self.analysed_frames and self.pose_frames == 0:
            warnings += ("no person was detected in any frame",)
        elif self.analysed_frames and self.pose_frames < 0.5 * self.analysed_frames:
            warnings += (f"a person was detected in only {100 * self.pose_frames / self.analysed_frames:.0f}% of analysed frames",)
        if self.faded_frames:
            warnings += (f"{self.faded_frames} frames in fades/dissolves were ignored",)
        return Report(
            exercise=self.exercise.id,
            source=self.source,
            frames=self.frames,
            pose_frames=self.pose_frames,
            duration_s=duration,
            events=self.events,
            interrupted=interrupted,
            warnings=warnings,
            presence=tuple((start, end) for start, end in self._presence),
            two_sided=self.exercise.two_sided,
            timed=self.exercise.primary == "hold",
            settings={
                "model": self.estimator.model_path.name,
                "max_pose_fps": self.max_pose_fps,
                "analysed_frames": self.analysed_frames,
            },
        )
