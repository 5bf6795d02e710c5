"""Offline analysis of a video file: the pipeline fed every frame, with a progress bar, an
annotated video and a report. Ctrl-C, SIGTERM and SIGHUP stop early and still write both for the
part that was analysed.

Decoding, pose inference, and analysis+drawing+encoding run on three threads (OpenCV and
MediaPipe release the GIL in their native code), so on a 2-core machine the rest of the pipeline
mostly hides behind the pose model.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from formcheck.capture import VideoFileSource
from formcheck.outputs import check_analysis_outputs, save_report
from formcheck.overlay import Overlay
from formcheck.pipeline import OutcomeListener, Pipeline, PoseEstimatorLike, StopFlag
from formcheck.pose.estimator import PoseEstimator
from formcheck.recognition import create_analyzer
from formcheck.report import Report
from formcheck.session import DEFAULT_MAX_POSE_FPS
from formcheck.sinks import VideoFileSink
from formcheck.stopping import StopRequest, last_signal_name

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
    the rest on the pipeline's worker. ``estimator`` replaces loading ``model``: a fake in tests,
    or a model a batch worker keeps loaded (the caller restarts and closes it);
    ``listeners`` hear every outcome (the voice coach); ``stop`` is polled after each frame
    (default: SIGINT, SIGTERM and SIGHUP via ``StopRequest``). A failure to write the video (a
    full disk) ends the video, not the analysis: the report is still saved, then ``NotSaved``
    says what was not.
    """
    check_analysis_outputs(video, output, report_path)
    analyzer = create_analyzer(exercise_id)
    with _stop_flag(stop) as flag:
        source = VideoFileSource(video)
        model_estimator = estimator or PoseEstimator(model)
        pipeline = Pipeline(
            analyzer,
            model_estimator,
            source=str(video),
            annotator=Overlay() if output else None,
            sink=VideoFileSink(output, source.fps, source.size, audio=source.audio, bit_rate=source.bit_rate) if output else None,
            listeners=listeners,
            max_pose_fps=max_pose_fps,
            close_estimator=estimator is None,
        )
        bar = tqdm(
            total=source.frame_count or None,
            unit="frame",
            desc=Path(video).name,
            disable=not progress or source.frame_count < PROGRESS_MIN_FRAMES,
            leave=False,
        )
        try:
            for frame in prefetch(source):
                pipeline.push(frame)
                bar.update()
                if flag.requested:
                    break
        finally:
            bar.close()
            pipeline.close()
        warnings = pipeline.warnings() + source.warnings()
        people = getattr(model_estimator, "people", None)
        if people is not None:
            warnings += people.warnings()
        if flag.requested:
            warnings.append(f"stopped early by {last_signal_name()}")
        report = pipeline.finish(interrupted=flag.requested, warnings=tuple(warnings))
        video_error = pipeline.video_error
        saved = [f"annotated video {output}"] if output and video_error is None else []
        save_report(report, report_path, [video_error] if video_error else [], saved)
    return report


@contextlib.contextmanager
def _stop_flag(stop: StopFlag | None) -> Iterator[StopFlag]:
    """The caller's stop flag, or the stop signals' (SIGINT, SIGTERM, SIGHUP) for the length of the run."""
    if stop is not None:
        yield stop
        return
    with StopRequest().installed() as request:
        yield request
