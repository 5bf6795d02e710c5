"""The live loop: a camera (or a file played as one), analysis on a worker thread, a window.

Three threads keep the picture smooth whatever the pose model costs: the source's reader thread
grabs frames, a worker runs pose and analyzer on the newest frame whenever it is free, and the
main thread shows every frame with the latest analysis drawn over it and handles the keys.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

import cv2
import numpy as np

from formcheck.capture import Frame, _ThreadedSource
from formcheck.errors import CameraLost, InputError
from formcheck.exercises.base import Assessment, Status
from formcheck.outputs import WriteError, save_report
from formcheck.overlay import NEUTRAL, Overlay, fit_text, put_text
from formcheck.pose.estimator import PoseEstimator
from formcheck.recognition import create_analyzer
from formcheck.report import Report
from formcheck.session import FrameOutcome, Session
from formcheck.sinks import VideoFileSink
from formcheck.stopping import StopRequest, last_signal_name

WINDOW = "formcheck"
KEYS_HELP = "q quit   r reset   p pause   f fullscreen"
QUIT_KEYS = {ord("q"), ord("Q"), 27}
RESET_KEYS = {ord("r"), ord("R")}
PAUSE_KEYS = {ord("p"), ord("P"), ord(" ")}
FULLSCREEN_KEYS = {ord("f"), ord("F")}
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


class _AnalysisWorker(threading.Thread):
    """Runs the session on the newest frame it is handed; older frames it never got are skipped."""

    def __init__(self, session: Session, stats: LiveStats) -> None:
        super().__init__(name="analysis", daemon=True)
        self.session = session
        self.stats = stats
        self._mailbox: Frame | None = None
        self._cond = threading.Condition()
        self._stopping = False
        self.latest: FrameOutcome | None = None
        self.error: BaseException | None = None
        self.paused = False
        self._reset_requested = False

    def offer(self, frame: Frame) -> None:
        with self._cond:
            self._mailbox = frame
            self._cond.notify()

    def request_reset(self) -> None:
        with self._cond:
            self._reset_requested = True
            self._cond.notify()

    @property
    def idle(self) -> bool:
        with self._cond:
            return self._mailbox is None

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify()
        self.join(timeout=5.0)

    def run(self) -> None:
        try:
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: self._stopping or self._mailbox is not None or self._reset_requested)
                    if self._reset_requested:
                        self.session.reset()
                        self._reset_requested = False
                    if self._stopping:
                        return
                    frame, self._mailbox = self._mailbox, None
                if frame is None or self.paused:
                    continue
                self.latest = self.session.process(frame)
                self.stats.analysed += 1
        except BaseException as error:  # handed to the main thread, which reports it
            self.error = error


def _placeholder(frame: Frame) -> Assessment:
    return Assessment(t_s=frame.t_s, status=Status.NO_PERSON, cue="Starting...")


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


def _draw_status(image: np.ndarray, paused: bool, stats: LiveStats) -> np.ndarray:
    """Small key help and frame rate just above the cue band, right-aligned."""
    h, w = image.shape[:2]
    text = f"{KEYS_HELP}   {stats.display_fps:4.1f} fps"
    _, _, width = fit_text(text, 0.022 * h, int(0.6 * w))
    put_text(image, text, (w - width - int(0.02 * w), int(0.835 * h)), 0.022 * h, NEUTRAL, max_width=int(0.6 * w))
    if paused:
        put_text(image, "PAUSED", (int(0.38 * image.shape[1]), int(0.5 * h)), 0.12 * h, (0, 215, 255))
    return image


def run_live(
    source: _ThreadedSource,
    exercise_id: str,
    model: str | os.PathLike | None = None,
    report_path: str | os.PathLike | None = None,
    record_path: str | os.PathLike | None = None,
    show_window: bool = True,
    mirror: bool = False,
    stats: LiveStats | None = None,
) -> tuple[Report, LiveStats]:
    """Run until the user quits, the source ends or the camera is lost; returns the report.

    Ctrl-C, SIGTERM, SIGHUP and camera loss end the session early but still produce the report
    of what was done (and a playable recording).
    """
    exercise = create_analyzer(exercise_id)
    estimator = PoseEstimator(model)
    session = Session(exercise, estimator, source=source.description, max_pose_fps=None)
    overlay = Overlay()
    stats = stats or LiveStats()
    worker = _AnalysisWorker(session, stats)
    sink: VideoFileSink | None = None
    record_error: WriteError | None = None
    interrupted, warnings = False, []
    fullscreen = False
    if show_window:
        try:
            cv2.namedWindow(WINDOW, cv2.WINDOW_NORMAL)
            cv2.resizeWindow(WINDOW, *WINDOW_START_SIZE)
        except cv2.error:
            source.close()
            raise InputError("cannot open a window (no display?): run with --no-window, or use 'formcheck analyze'") from None
    worker.start()
    stats.started = time.monotonic()
    stop = StopRequest().install()
    try:
        while not stop.requested:
            if worker.error is not None:
                raise worker.error
            frame = source.read(timeout_s=0.2)
            if frame is None:
                if source.finished:
                    break
                continue
            worker.offer(frame)
            latest = worker.latest
            pose, assessment = (latest.pose, latest.assessment) if latest else (None, _placeholder(frame))
            image = overlay.draw(_fit_for_display(frame.image) if show_window else frame.image, pose, assessment)
            if mirror:
                image = cv2.flip(image, 1)
            if record_path is not None and record_error is None:
                try:
                    if sink is None:
                        sink = VideoFileSink(record_path, source.fps, (image.shape[1], image.shape[0]), label="recording")
                    sink.write(image, frame.t_s)
                except WriteError as error:
                    sink, record_error = None, error
            stats.shown += 1
            if show_window:
                cv2.imshow(WINDOW, _draw_status(image, worker.paused, stats))
                key = cv2.waitKey(1) & 0xFF
                if key in QUIT_KEYS or cv2.getWindowProperty(WINDOW, cv2.WND_PROP_VISIBLE) < 1:
                    break
                if key in RESET_KEYS:
                    worker.request_reset()
                elif key in PAUSE_KEYS:
                    worker.paused = not worker.paused
                elif key in FULLSCREEN_KEYS:
                    fullscreen = not fullscreen
                    cv2.setWindowProperty(WINDOW, cv2.WND_PROP_FULLSCREEN, cv2.WINDOW_FULLSCREEN if fullscreen else cv2.WINDOW_NORMAL)
        while not worker.idle and worker.error is None:
            time.sleep(0.01)
    except KeyboardInterrupt:
        interrupted = True
    except CameraLost as error:
        interrupted = True
        warnings.append(str(error))
    finally:
        stats.ended = time.monotonic()
        worker.stop()
        source.close()
        if sink is not None:
            try:
                sink.close()
            except WriteError as error:
                record_error = error
        if show_window:
            cv2.destroyAllWindows()
        estimator.close()
    if stop.requested:
        interrupted = True
        warnings.append(f"stopped early by {last_signal_name()}")
    warnings += estimator.people.warnings() + ([sink.warning] if sink is not None and sink.warning else [])
    report = session.finish(interrupted=interrupted, warnings=tuple(warnings))
    try:
        save_report(report, report_path, [record_error] if record_error else [], [f"recording {record_path}"] if record_path and sink else [])
    finally:
        stop.restore()
    return report, stats
