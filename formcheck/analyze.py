"""Offline analysis of a video file: the whole pipeline with a progress bar, an annotated video
and a report. Ctrl-C, SIGTERM and SIGHUP stop early and still write both for the part that was
analysed.

Decoding, pose inference, and analysis+drawing+encoding run on three threads (OpenCV and
MediaPipe release the GIL in their native code), so on a 2-core machine the rest of the pipeline
mostly hides behind the pose model.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from formcheck.capture import VideoFileSource
from formcheck.outputs import WriteError, check_analysis_outputs, save_report
from formcheck.overlay import Overlay
from formcheck.pose.estimator import PoseEstimator
from formcheck.recognition import create_analyzer
from formcheck.report import Report
from formcheck.session import DEFAULT_MAX_POSE_FPS, Estimate, Session
from formcheck.sinks import VideoFileSink
from formcheck.stopping import StopRequest, last_signal_name

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
        self.video_error: WriteError | None = None
        """Writing the video failed (e.g. disk full): the analysis goes on without it."""
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
                    self._sink.write(self._overlay.draw(outcome.frame.image, outcome.pose, outcome.assessment), outcome.frame.t_s)
            except WriteError as error:
                self.video_error, self._sink = error, None
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
            try:
                self._sink.close()
            except WriteError as error:
                self.video_error = error
        if self._error is not None:
            raise self._error


def analyze_video(
    video: str | os.PathLike,
    exercise_id: str,
    output: str | os.PathLike | None = None,
    report_path: str | os.PathLike | None = None,
    model: str | os.PathLike | None = None,
    max_pose_fps: float | None = DEFAULT_MAX_POSE_FPS,
    progress: bool = True,
) -> Report:
    """Analyse ``video`` as ``exercise_id``; write the annotated video and report if paths are given.
    SIGINT, SIGTERM and SIGHUP stop it after the current frame, with both files written."""
    check_analysis_outputs(video, output, report_path)
    exercise = create_analyzer(exercise_id)
    stop = StopRequest().install()
    try:
        source = VideoFileSource(video)
        estimator = PoseEstimator(model)
        session = Session(exercise, estimator, source=str(video), max_pose_fps=max_pose_fps)
        sink = VideoFileSink(output, source.fps, source.size, audio=source.audio, bit_rate=source.bit_rate) if output else None
    except BaseException:
        stop.restore()
        raise
    worker = AnalysisWorker(session, sink, Overlay())
    bar = tqdm(
        total=source.frame_count or None,
        unit="frame",
        desc=Path(video).name,
        disable=not progress or source.frame_count < PROGRESS_MIN_FRAMES,
        leave=False,
    )
    try:
        for frame in prefetch(source):
            worker.put(session.estimate(frame))
            bar.update()
            if stop.requested:
                break
    finally:
        bar.close()
        worker.close()
        estimator.close()
    warnings = [sink.warning] if sink is not None and sink.warning else []
    warnings += estimator.people.warnings()
    if stop.requested:
        warnings.append(f"stopped early by {last_signal_name()}")
    warnings += source.warnings() + ([str(worker.video_error)] if worker.video_error else [])
    report = session.finish(interrupted=stop.requested, warnings=tuple(warnings))
    saved = [f"annotated video {output}"] if output and worker.video_error is None else []
    try:
        save_report(report, report_path, [worker.video_error] if worker.video_error else [], saved)
    finally:
        stop.restore()
    return report
