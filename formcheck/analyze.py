"""Offline analysis of a video file: the pipeline fed every frame, with a progress bar, an
annotated video and a report. Ctrl-C stops early and still writes both for the part that was
analysed.

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
from formcheck.pipeline import OutcomeListener, Pipeline, PoseEstimatorLike, StopFlag
from formcheck.pose.estimator import PoseEstimator
from formcheck.recognition import create_analyzer
from formcheck.report import Report
from formcheck.session import DEFAULT_MAX_POSE_FPS
from formcheck.sinks import VideoFileSink

PROGRESS_MIN_FRAMES = 150
"""Files shorter than this (5 s at 30 fps) finish too fast to need a progress bar."""
QUEUE_FRAMES = 8
"""Frames decoded ahead of the pose model."""

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
    *,
    estimator: PoseEstimatorLike | None = None,
    listeners: Iterable[OutcomeListener] = (),
    stop: StopFlag | None = None,
) -> Report:
    """Analyse ``video`` as ``exercise_id``; write the annotated video and report if paths are given.

    The "every frame" driver of the pipeline: decoding on its own thread, the pose model here,
    the rest on the pipeline's worker. ``estimator`` replaces the MediaPipe model (tests);
    ``listeners`` hear every outcome (the voice coach); ``stop`` is polled after each frame
    (default: Ctrl-C via ``StopRequest``).
    """
    analyzer = create_analyzer(exercise_id)
    source = VideoFileSource(video)
    pipeline = Pipeline(
        analyzer,
        estimator or PoseEstimator(model),
        source=str(video),
        annotator=Overlay() if output else None,
        sink=VideoFileSink(output, source.fps, source.size) if output else None,
        listeners=listeners,
        max_pose_fps=max_pose_fps,
    )
    interrupted = False
    bar = tqdm(
        total=source.frame_count or None,
        unit="frame",
        desc=Path(video).name,
        disable=not progress or source.frame_count < PROGRESS_MIN_FRAMES,
        leave=False,
    )
    try:
        with _stop_flag(stop) as flag:
            for frame in prefetch(source):
                pipeline.push(frame)
                bar.update()
                if flag.requested:
                    interrupted = True
                    break
    except KeyboardInterrupt:
        interrupted = True
    finally:
        bar.close()
        pipeline.close()
    warnings = []
    if source.truncated:
        warnings.append(
            f"decoding stopped at frame {source.frames_read} of {source.frame_count}: the file looks truncated or corrupt"
        )
    report = pipeline.finish(interrupted=interrupted, warnings=tuple(warnings))
    if report_path is not None:
        report.write_json(report_path)
    return report


@contextlib.contextmanager
def _stop_flag(stop: StopFlag | None) -> Iterator[StopFlag]:
    """The caller's stop flag, or Ctrl-C's for the length of the run."""
    if stop is not None:
        yield stop
        return
    with StopRequest().installed() as request:
        yield request
