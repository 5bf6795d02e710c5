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

from formcheck.errors import CameraLost, InputError
from formcheck.overlay import Overlay
from formcheck.pipeline import LiveSource, Pipeline, PoseEstimatorLike, StopFlag
from formcheck.pose.estimator import PoseEstimator
from formcheck.recognition import create_analyzer
from formcheck.report import Report
from formcheck.sinks import VideoFileSink

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
) -> tuple[Report, LiveStats]:
    """Run until the user quits, the source ends or the camera is lost; returns the report.

    The "latest frame" driver of the pipeline. Ctrl-C (or ``stop.requested``) and camera loss end
    the session early but still produce the report of what was done.
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
        create_analyzer(exercise_id),
        estimator or PoseEstimator(model),
        source=source.description,
        annotator=Overlay(mirror=mirror),
        sink=_LazySink(record_path, source.fps) if record_path is not None else None,
        max_pose_fps=None,
        latest_only=True,
    )
    interrupted, warnings = False, []
    stats.started = time.monotonic()
    try:
        while not (stop is not None and stop.requested):
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
            if key in RESET_KEYS:
                pipeline.request_reset()
            elif key in PAUSE_KEYS:
                pipeline.paused = not pipeline.paused
            elif key in FULLSCREEN_KEYS:
                window.toggle_fullscreen()
        while not pipeline.idle and pipeline.error is None:
            time.sleep(0.01)
        interrupted = stop is not None and stop.requested
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
    stats.analysed = pipeline.session.analysed_frames
    report = pipeline.finish(interrupted=interrupted, warnings=tuple(warnings))
    if report_path is not None:
        report.write_json(Path(report_path))
    return report, stats


class _LazySink:
    """A video file opened at the first frame, when the drawn size is known."""

    def __init__(self, path: str | os.PathLike, fps: float) -> None:
        self._path, self._fps = path, fps
        self._sink: VideoFileSink | None = None

    def write(self, image: np.ndarray) -> None:
        if self._sink is None:
            self._sink = VideoFileSink(self._path, self._fps, (image.shape[1], image.shape[0]))
        self._sink.write(image)

    def close(self) -> Path | None:
        return self._sink.close() if self._sink is not None else None
