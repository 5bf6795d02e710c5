"""Speed benchmark: raw pose inference against the whole pipeline on the same clip, in one run.

    python benchmarks/speed.py                          # the default sample clip
    python benchmarks/speed.py VIDEO --repeat 3 --json speed.json

Measures, on the same frames:
  1. raw inference: ``PoseEstimator.estimate`` alone on frames already decoded (per-frame median, p95);
  2. the whole pipeline with pose on every frame (decode, pose, filter, analyzer, overlay, encode):
     per-frame time and its ratio to raw inference;
  3. ``formcheck analyze`` as shipped (pose at most 15 times a second): speed as a multiple of real time;
  4. the live loop at 640x480 fed at the clip's frame rate (no window): frames shown and analysed per second;
and the process's peak memory. These machines are noisy: it reports medians and ratios, and
``--repeat`` runs each timed stage several times and keeps the median.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from formcheck.analyze import analyze_video
from formcheck.capture import PlaybackSource, VideoFileSource
from formcheck.live import run_live
from formcheck.pose.estimator import PoseEstimator

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CLIP = ROOT / "samples" / "glute_bridge_side_clean_a.mp4"
LIVE_SIZE = (640, 480)


def raw_inference_ms(frames: list[np.ndarray], fps: float) -> list[float]:
    """Per-frame milliseconds of pose inference alone, on decoded frames, in VIDEO mode."""
    times = []
    with PoseEstimator() as estimator:
        for index, image in enumerate(frames):
            start = time.perf_counter()
            estimator.estimate(image, index / fps)
            times.append(1000.0 * (time.perf_counter() - start))
    return times


def pipeline_s(video: Path, pose_fps: float | None, exercise: str) -> float:
    """Wall-clock seconds of ``analyze`` with an annotated video, on ``video``."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        analyze_video(video, exercise, output=Path(tmp) / "out.mp4", max_pose_fps=pose_fps, progress=False)
        return time.perf_counter() - start


def resized_copy(video: Path, size: tuple[int, int], directory: Path) -> Path:
    """The clip at ``size`` (a laptop webcam's 640x480), for the live loop."""
    source = VideoFileSource(video)
    target = directory / "live.mp4"
    writer = cv2.VideoWriter(str(target), cv2.VideoWriter_fourcc(*"mp4v"), source.fps, size)
    for frame in source:
        writer.write(cv2.resize(frame.image, size, interpolation=cv2.INTER_AREA))
    writer.release()
    return target


def live_rates(video: Path, exercise: str) -> tuple[float, float]:
    """(frames shown per second, frames analysed per second) of the live loop on a 640x480 feed."""
    with tempfile.TemporaryDirectory() as tmp:
        clip = resized_copy(video, LIVE_SIZE, Path(tmp))
        _, stats = run_live(PlaybackSource(clip), exercise, show_window=False)
    return stats.display_fps, stats.analysis_fps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", nargs="?", type=Path, default=DEFAULT_CLIP)
    parser.add_argument("--exercise", default="auto")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each timed stage; the median is kept")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    source = VideoFileSource(args.video)
    fps, size = source.fps, source.size
    frames = [frame.image for frame in source]
    duration = len(frames) / fps
    print(f"{args.video.name}: {len(frames)} frames, {size[0]}x{size[1]}, {fps:.1f} fps, {duration:.1f} s")

    inference_runs = [raw_inference_ms(frames, fps) for _ in range(args.repeat)]
    inference = [statistics.median(run[i] for run in inference_runs) for i in range(len(frames))]
    inference_median, inference_p95 = statistics.median(inference), float(np.percentile(inference, 95))
    every_frame = statistics.median(pipeline_s(args.video, None, args.exercise) for _ in range(args.repeat))
    shipped = statistics.median(pipeline_s(args.video, 15.0, args.exercise) for _ in range(args.repeat))
    pipeline_ms = 1000.0 * every_frame / len(frames)
    shown, analysed = live_rates(args.video, args.exercise)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

    results = {
        "clip": args.video.name,
        "frames": len(frames),
        "size": list(size),
        "fps": round(fps, 2),
        "raw_inference_ms_median": round(inference_median, 2),
        "raw_inference_ms_p95": round(inference_p95, 2),
        "pipeline_every_frame_ms_per_frame": round(pipeline_ms, 2),
        "pipeline_over_inference": round(pipeline_ms / inference_median, 3),
        "analyze_realtime_factor": round(duration / shipped, 2),
        "analyze_every_frame_realtime_factor": round(duration / every_frame, 2),
        "live_640x480_display_fps": round(shown, 1),
        "live_640x480_analysis_fps": round(analysed, 1),
        "peak_memory_mb": round(peak_mb, 0),
    }
    print(f"raw inference:            median {inference_median:6.1f} ms/frame, p95 {inference_p95:6.1f} ms")
    print(f"pipeline, pose each frame:        {pipeline_ms:6.1f} ms/frame = {pipeline_ms / inference_median:.2f} x raw inference"
          f" (target <= 1.15)")
    print(f"analyze (pose <= 15/s):           {duration / shipped:6.2f} x real time (target >= 1.5)")
    print(f"analyze (pose every frame):       {duration / every_frame:6.2f} x real time")
    print(f"live loop 640x480 at {fps:.0f} fps:     {shown:5.1f} fps shown, {analysed:5.1f} fps analysed (target >= 30 shown)")
    print(f"peak memory:                      {peak_mb:6.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
