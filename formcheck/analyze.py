"""Offline analysis of a video file: the whole pipeline with a progress bar, an annotated video
and a report. Ctrl-C stops early and still writes both for the part that was analysed.

Decoding, pose inference, and analysis+drawing+encoding run on three threads (OpenCV and
MediaPipe release the GIL in their native code), so on a 2-core machine the rest of the pipeline
mostly hides behind the pose model.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from formcheck.capture import VideoFileSource
from formcheck.overlay import Overlay
from formcheck.pose.estimator import PoseEstimator
from formcheck.recognition import create_analyzer
from formcheck.report import Report
from formcheck.session import DEFAULT_MAX_POSE_FPS, Estimate, Session
from formcheck.sinks import VideoFileSink

PROGRESS_MIN_FRAMES = 150
"""Files shorter than this (5 s at 30 fps) finish too fast to need a progress bar."""
QUEUE_FRAMES = 8
"""Frames buffered between the decode, analysis and encode threads."""

Item = TypeVar("Item")
_END = object()


def prefetch(items: Iterable[Item], size: int = QUEUE_FRAMES) -> Iterator[Item]:
    """Iterate ``items`` produced on a background thread, ``size`` ahead of the consumer.
    Errors in the producer are raised in the consumer."""
    buffer: queue.Queue = queue.Queue(maxsize=size)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        buffer.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            buffer.put(_END)
        except BaseException as error:  # handed to the consumer
            buffer.put(error)

    thread = threading.Thread(target=produce, name="decode", daemon=True)
    thread.start()
    try:
        while True:
            item = buffer.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join(timeout=2.0)


class AnalysisWorker:
    """The stages after the pose model, on a background thread and in frame order: the session's
    analysis, then (if writing a video) the overlay and the encoder. The pose model, which
    releases the GIL, keeps the main thread."""

    def __init__(self, session: Session, sink: VideoFileSink | None, overlay: Overlay) -> None:
        self._session, self._sink, self._overlay = session, sink, overlay
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUE_FRAMES)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="analysis", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            estimate = self._queue.get()
            if estimate is _END:
                return
            if self._error is not None:
                continue
            try:
                outcome = self._session.assess(estimate)
                if self._sink is not None:
                    self._sink.write(self._overlay.draw(outcome.frame.image, outcome.pose, outcome.assessment))
            except BaseException as error:  # reported by put() / close()
                self._error = error

    def put(self, estimate: Estimate) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(estimate)

    def close(self) -> None:
        """Finish the frames already handed over, then close the video."""
        self._queue.put(_END)
        self._thread.join()
        if self._sink is not None:
            self._sink.close()
        if self._error is not None:
            raise self._error


class StopRequest:
    """Ctrl-C during an analysis asks it to stop after the current frame, so the report and the
    annotated video cover exactly the same frames. A second Ctrl-C interrupts at once."""

    def __init__(self) -> None:
        self.requested = False

    def _handle(self, signum: int, frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    @contextlib.contextmanager
    def installed(self) -> Iterator["StopRequest"]:
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = signal.signal(signal.SIGINT, self._handle)
        try:
            yield self
        finally:
            signal.signal(signal.SIGINT, previous)


def analyze_video(
    video: str | os.PathLike,
    exercise_id: str,
    output: str | os.PathLike | None = None,
    report_path: str | os.PathLike | None = None,
    model: str | os.PathLike | None = None,
    max_pose_fps: float | None = DEFAULT_MAX_POSE_FPS,
    progress: bool = True,
    estimator: PoseEstimator | None = None,
) -> Report:
    """Analyse ``video`` as ``exercise_id``; write the annotated video and report if paths are given.
    ``estimator`` (instead of ``model``) reuses a loaded model; the caller restarts and closes it."""
    exercise = create_analyzer(exercise_id)
    source = VideoFileSource(video)
    owned = estimator is None
    estimator = PoseEstimator(model) if owned else estimator
    session = Session(exercise, estimator, source=str(video), max_pose_fps=max_pose_fps)
    worker = AnalysisWorker(session, VideoFileSink(output, source.fps, source.size) if output else None, Overlay())
    interrupted = False
    bar = tqdm(
        total=source.frame_count or None,
        unit="frame",
        desc=Path(video).name,
        disable=not progress or source.frame_count < PROGRESS_MIN_FRAMES,
        leave=False,
    )
    try:
        with StopRequest().installed() as stop:
            for frame in prefetch(source):
                worker.put(session.estimate(frame))
                bar.update()
                if stop.requested:
                    interrupted = True
                    break
    except KeyboardInterrupt:
        interrupted = True
    finally:
        bar.close()
        worker.close()
        if owned:
            estimator.close()
    warnings = []
    if source.truncated:
        warnings.append(
            f"decoding stopped at frame {source.frames_read} of {source.frame_count}: the file looks truncated or corrupt"
        )
    report = session.finish(interrupted=interrupted, warnings=tuple(warnings))
    if report_path is not None:
        report.write_json(report_path)
    return report
