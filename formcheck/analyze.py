"""Offline analysis of a video file: the whole pipeline with a progress bar, an annotated video
and a report. Ctrl-C stops early and still writes both for the part that was analysed."""

from __future__ import annotations

import os
from pathlib import Path

from tqdm import tqdm

from formcheck.capture import VideoFileSource
from formcheck.exercises import create
from formcheck.overlay import Overlay
from formcheck.pose.estimator import PoseEstimator
from formcheck.report import Report
from formcheck.session import DEFAULT_MAX_POSE_FPS, Session
from formcheck.sinks import VideoFileSink

PROGRESS_MIN_FRAMES = 150
"""Files shorter than this (5 s at 30 fps) finish too fast to need a progress bar."""


def analyze_video(
    video: str | os.PathLike,
    exercise_id: str,
    output: str | os.PathLike | None = None,
    report_path: str | os.PathLike | None = None,
    model: str | os.PathLike | None = None,
    max_pose_fps: float | None = DEFAULT_MAX_POSE_FPS,
    progress: bool = True,
) -> Report:
    """Analyse ``video`` as ``exercise_id``; write the annotated video and report if paths are given."""
    source = VideoFileSource(video)
    exercise = create(exercise_id)
    estimator = PoseEstimator(model)
    session = Session(exercise, estimator, source=str(video), max_pose_fps=max_pose_fps)
    overlay = Overlay(exercise.primary)
    sink = VideoFileSink(output, source.fps, source.size) if output else None
    interrupted = False
    bar = tqdm(
        total=source.frame_count or None,
        unit="frame",
        desc=Path(video).name,
        disable=not progress or source.frame_count < PROGRESS_MIN_FRAMES,
        leave=False,
    )
    try:
        for frame in source:
            outcome = session.process(frame)
            if sink is not None:
                sink.write(overlay.draw(frame.image, outcome.pose, outcome.assessment))
            bar.update()
    except KeyboardInterrupt:
        interrupted = True
    finally:
        bar.close()
        if sink is not None:
            sink.close()
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
