"""The live loop: a camera (or a file played as one) through the pipeline, fed the latest frame.

Three threads keep the picture smooth whatever the pose model costs: the source's reader thread
grabs frames, the pipeline's worker runs pose and analyzer on the newest frame whenever it is
free, and the main thread shows every frame with the latest analysis drawn over it (by the
overlay, HUD included) and handles the keys.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from formcheck.camera_setup import SetupChecked
from formcheck.errors import CameraLost, InputError
from formcheck.outputs import save_report
from formcheck.overlay import Overlay
from formcheck.pipeline import LiveSource, Pipeline, PoseEstimatorLike, StopFlag
from formcheck.pose.estimator import PoseEstimator
from formcheck.plans.model import Plan
from formcheck.plans.session import PlannedExercise
from formcheck.recognition import create_analyzer
from formcheck.report import SAFETY_NOTE, Report
from formcheck.sinks import VideoFileSink
from formcheck.stopping import StopRequest, last_signal_name
from formcheck.voice.coach import VoiceCoach
from formcheck.voice.speech import write_wav
from formcheck.voice.track import TRACK_RATE, cue_track, mix

WINDOW = "formcheck"
KEYS_HELP = "q quit  r reset  p pause  m mute  n next set  x PAIN STOP  f fullscreen"
QUIT_KEYS = {ord("q"), ord("Q"), 27}
RESET_KEYS = {ord("r"), ord("R")}
PAUSE_KEYS = {ord("p"), ord("P"), ord(" ")}
FULLSCREEN_KEYS = {ord("f"), ord("F")}
MUTE_KEYS = {ord("m"), ord("M")}
NEXT_KEYS = {ord("n"), ord("N")}
PAIN_KEYS = {ord("x"), ord("X")}
PAIN_STOP_REASON = "pain: the user pressed the pain-stop key"
PAIN_NOTICE_S = 8.0
"""After a pain stop the safety note stays on screen this long (and is spoken) before the
session ends: long enough to read it twice."""
PAIN_SPOKEN = "Stopping. " + SAFETY_NOTE
WINDOW_START_SIZE = (1280, 720)
"""The window opens large: the person watching is 2-3 m away on the floor."""


@dataclass
class LiveStats:
    """What the loop measured: frames shown and analysed per second."""

    shown: int = 0
    analysed: int = 0
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None

    @property
    def elapsed_s(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    @property
    def display_fps(self) -> float:
        return self.shown / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def analysis_fps(self) -> float:
        return self.analysed / self.elapsed_s if self.elapsed_s > 0 else 0.0


def _fit_for_display(image: np.ndarray) -> np.ndarray:
    """Scale frames to the window before drawing: a 1080p frame costs twice the drawing time of a
    720p one and shows no more, and a 640x480 webcam frame shown at its own size leaves the
    counter and cue too small to read from the floor (the window does not scale it up)."""
    height, width = image.shape[:2]
    scale = min(WINDOW_START_SIZE[0] / width, WINDOW_START_SIZE[1] / height)
    if abs(scale - 1.0) < 0.05:
        return image
    interpolation = cv2.INTER_AREA if scale < 1.0 else cv2.INTER_LINEAR
    return cv2.resize(image, (round(width * scale), round(height * scale)), interpolation=interpolation)


class _Window:
    """The OpenCV window and its keys."""

    def __init__(self) -> None:
        try:
            cv2.namedWindow(WINDOW, cv2.WINDOW_NORMAL)
            cv2.resizeWindow(WINDOW, *WINDOW_START_SIZE)
        except cv2.error:
            raise InputError("cannot open a window (no display?): run with --no-window, or use 'formcheck analyze'") from None
        self.fullscreen = False

    def show(self, image: np.ndarray) -> int | None:
        """Show ``image``; the key pressed (None if none), or QUIT when the window was closed."""
        cv2.imshow(WINDOW, image)
        key = cv2.waitKey(1) & 0xFF
        if cv2.getWindowProperty(WINDOW, cv2.WND_PROP_VISIBLE) < 1:
            return ord("q")
        return None if key == 0xFF else key

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        cv2.setWindowProperty(WINDOW, cv2.WND_PROP_FULLSCREEN, cv2.WINDOW_FULLSCREEN if self.fullscreen else cv2.WINDOW_NORMAL)

    def close(self) -> None:
        cv2.destroyAllWindows()


def run_live(
    source: LiveSource,
    exercise_id: str,
    model: str | os.PathLike | None = None,
    report_path: str | os.PathLike | None = None,
    record_path: str | os.PathLike | None = None,
    show_window: bool = True,
    mirror: bool = False,
    stats: LiveStats | None = None,
    *,
    estimator: PoseEstimatorLike | None = None,
    stop: StopFlag | None = None,
    plan: Plan | None = None,
    setup_check: bool = False,
    voice: VoiceCoach | None = None,
    voice_wav: str | os.PathLike | None = None,
) -> tuple[Report, LiveStats]:
    """Run until the user quits, the source ends or the camera is lost; returns the report.

    The "latest frame" driver of the pipeline. Ctrl-C, SIGTERM, SIGHUP (or ``stop.requested``) and
    camera loss end the session early but still produce the report of what was done and a
    playable recording. ``plan`` runs a plan's sets
    and rests; ``setup_check`` checks the camera before counting; ``voice`` speaks the cues (and
    ``voice_wav`` writes them, at their session times, to a WAV).
    """
    window = None
    if show_window:
        try:
            window = _Window()
        except InputError:
            source.close()
            raise
    stats = stats or LiveStats()
    pipeline = Pipeline(
        coached_analyzer(exercise_id, plan, setup_check),
        estimator or PoseEstimator(model),
        source=source.description,
        annotator=Overlay(mirror=mirror),
        sink=_LazySink(record_path, source.fps) if record_path is not None else None,
        listeners=[voice] if voice is not None else [],
        max_pose_fps=None,
        latest_only=True,
    )
    controls = _Controls(pipeline, voice)
    interrupted, warnings = False, []
    own_stop = StopRequest().install() if stop is None else None
    stop = stop or own_stop
    stats.started = time.monotonic()
    try:
        while not stop.requested and not controls.stopped(time.monotonic()):
            if pipeline.error is not None:
                raise pipeline.error
            frame = source.read(timeout_s=0.2)
            if frame is None:
                if source.finished:
                    break
                continue
            status = f"{KEYS_HELP}   {stats.display_fps:4.1f} fps" if window else ""
            outcome = pipeline.show(frame, _fit_for_display(frame.image) if window else None, status=status)
            stats.shown += 1
            stats.analysed = pipeline.session.analysed_frames
            if window is None:
                continue
            key = window.show(outcome.image)
            if key in QUIT_KEYS:
                break
            if key in FULLSCREEN_KEYS:
                window.toggle_fullscreen()
            elif key is not None:
                controls.press(key, frame.t_s, time.monotonic())
        while not pipeline.idle and pipeline.error is None:
            time.sleep(0.01)
        interrupted = stop.requested
    except KeyboardInterrupt:
        interrupted = True
    except CameraLost as error:
        interrupted = True
        warnings.append(str(error))
    finally:
        stats.ended = time.monotonic()
        source.close()
        if window is not None:
            window.close()
        pipeline.close()
        if voice is not None:
            voice.close(wait_s=controls.voice_wait_s)
    stats.analysed = pipeline.session.analysed_frames
    if stop.requested:
        warnings.append(f"stopped early by {last_signal_name()}")
    people = getattr(pipeline.estimator, "people", None)
    warnings += pipeline.warnings() + (people.warnings() if people is not None else [])
    report = pipeline.finish(interrupted=interrupted, warnings=tuple(warnings))
    try:
        if voice is not None and voice_wav is not None:
            speech, cover = cue_track(voice.cues, report.duration_s, voice.renderer)
            write_wav(Path(voice_wav), mix(speech, cover, None), TRACK_RATE)
        recorded = record_path is not None and pipeline.video_error is None
        failures = [pipeline.video_error] if pipeline.video_error else []
        save_report(report, report_path, failures, [f"recording {record_path}"] if recorded else [])
    finally:
        if own_stop is not None:
            own_stop.restore()
    return report, stats


def coached_analyzer(exercise_id: str, plan: Plan | None, setup_check: bool) -> object:
    """What the session runs: the plan's sets, or the exercise (behind the set-up check if asked)."""
    if plan is not None:
        return PlannedExercise(plan, setup_check=setup_check)
    analyzer = create_analyzer(exercise_id)
    return SetupChecked(analyzer) if setup_check else analyzer


class _Controls:
    """The keys besides quit and fullscreen: reset, pause, mute, next set, and the pain stop,
    which ends the session after showing and saying the safety note."""

    def __init__(self, pipeline: Pipeline, voice: VoiceCoach | None) -> None:
        self.pipeline, self.voice = pipeline, voice
        self.stop_at: float | None = None
        self.voice_wait_s = 0.0

    def press(self, key: int, t_s: float, now: float) -> None:
        if key in RESET_KEYS:
            self.pipeline.request_reset()
        elif key in PAUSE_KEYS:
            self.pipeline.paused = not self.pipeline.paused
        elif key in MUTE_KEYS and self.voice is not None:
            self.voice.toggle_mute()
        elif key in NEXT_KEYS and isinstance(self.pipeline.session.exercise, PlannedExercise):
            self.pipeline.session.exercise.next_set()
        elif key in PAIN_KEYS:
            self.pain_stop(t_s, now)

    def pain_stop(self, t_s: float, now: float) -> None:
        """Stop counting, show and say the safety note, end the session shortly after."""
        if self.stop_at is not None:
            return
        self.pipeline.stop_reason = PAIN_STOP_REASON
        self.pipeline.paused = True
        self.pipeline.notice = SAFETY_NOTE
        self.stop_at = now + PAIN_NOTICE_S
        if self.voice is not None:
            self.voice.say_now(t_s, PAIN_SPOKEN)
            self.voice_wait_s = PAIN_NOTICE_S

    def stopped(self, now: float) -> bool:
        return self.stop_at is not None and now >= self.stop_at


class _LazySink:
    """A video file opened at the first frame, when the drawn size is known."""

    def __init__(self, path: str | os.PathLike, fps: float) -> None:
        self._path, self._fps = path, fps
        self._sink: VideoFileSink | None = None

    @property
    def warning(self) -> str | None:
        return self._sink.warning if self._sink is not None else None

    def write(self, image: np.ndarray, t_s: float | None = None) -> None:
        if self._sink is None:
            self._sink = VideoFileSink(self._path, self._fps, (image.shape[1], image.shape[0]), label="recording")
        self._sink.write(image, t_s)

    def close(self) -> Path | None:
        return self._sink.close() if self._sink is not None else None
