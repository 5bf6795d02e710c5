"""Speed benchmark: raw pose inference against the whole pipeline on the same clip, in one run.

    python benchmarks/speed.py                          # the default sample clip
    python benchmarks/speed.py VIDEO --repeat 3 --json speed.json
    python benchmarks/speed.py --size 1280x720 --repeat 3   # the sample upscaled to 720p

Measures, on the same frames:
  1. raw inference: ``PoseEstimator.estimate`` alone on frames already decoded (per-frame median, p95);
  2. the whole pipeline with pose on every frame (decode, pose, filter, analyzer, overlay, encode):
     per-frame time and its ratio to raw inference;
  3. ``formcheck analyze`` as shipped (pose at most 15 times a second, annotated video): speed as
     a multiple of real time, and its time over pose inference alone on the same frames;
  4. the live loop at 640x480 fed at the clip's frame rate (no window): frames shown and analysed per second;
and the process's peak memory. These machines are noisy: it reports medians and ratios, and
``--repeat`` runs rounds of every stage in turn and keeps the medians.
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
SHIPPED_POSE_FPS = 15.0
"""``formcheck analyze``'s default pose rate."""


def _size(text: str) -> tuple[int, int]:
    width, height = text.lower().split("x")
    return int(width), int(height)


def raw_inference_ms(frames: list[np.ndarray], fps: float, step: int = 1) -> list[float]:
    """Per-frame milliseconds of pose inference alone, on decoded frames, in VIDEO mode, on
    every ``step``-th frame (as ``analyze`` does at a pose rate of ``fps / step``)."""
    times = []
    with PoseEstimator() as estimator:
        for index in range(0, len(frames), step):
            start = time.perf_counter()
            estimator.estimate(frames[index], index / fps)
            times.append(1000.0 * (time.perf_counter() - start))
    return times


def pipeline_s(video: Path, pose_fps: float | None, exercise: str) -> float:
    """Wall-clock seconds of ``analyze`` with an annotated video, on ``video``."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        analyze_video(video, exercise, output=Path(tmp) / "out.mp4", max_pose_fps=pose_fps, progress=False)
        return time.perf_counter() - start


def resized_copy(video: Path, size: tuple[int, int], directory: Path) -> Path:
    """The clip at ``size`` (a laptop webcam's 640x480 for the live loop, or 720p)."""
    source = VideoFileSource(video)
    target = directory / f"{size[0]}x{size[1]}.mp4"
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
    parser.add_argument("--size", type=_size, help="first resize the clip to WIDTHxHEIGHT, e.g. 1280x720")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        video = resized_copy(args.video, args.size, Path(tmp)) if args.size else args.video
        return measure(video, args)


def measure(video: Path, args: argparse.Namespace) -> int:
    source = VideoFileSource(video)
    fps, size = source.fps, source.size
    frames = [frame.image for frame in source]
    duration = len(frames) / fps
    step = max(1, round(fps / SHIPPED_POSE_FPS))
    print(f"{args.video.name}: {len(frames)} frames, {size[0]}x{size[1]}, {fps:.1f} fps, {duration:.1f} s")

    # One round runs every stage once, so drifts in the machine's load hit all stages alike.
    inference_runs, sampled_s, every_frame_s, shipped_s = [], [], [], []
    for _ in range(args.repeat):
        inference_runs.append(raw_inference_ms(frames, fps))
        sampled_s.append(sum(raw_inference_ms(frames, fps, step)) / 1000.0)
        every_frame_s.append(pipeline_s(video, None, args.exercise))
        shipped_s.append(pipeline_s(video, SHIPPED_POSE_FPS, args.exercise))
    inference = [statistics.median(run[i] for run in inference_runs) for i in range(len(frames))]
    inference_median, inference_p95 = statistics.median(inference), float(np.percentile(inference, 95))
    every_frame, shipped, sampled = map(statistics.median, (every_frame_s, shipped_s, sampled_s))
    shipped_over_sampled = statistics.median(a / b for a, b in zip(shipped_s, sampled_s))
    pipeline_over_total = statistics.median(1000.0 * a / sum(run) for a, run in zip(every_frame_s, inference_runs))
    pipeline_ms = 1000.0 * every_frame / len(frames)
    shown, analysed = live_rates(video, args.exercise)
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
        "pipeline_over_inference_total": round(pipeline_over_total, 3),
        "analyze_realtime_factor": round(duration / shipped, 2),
        "pose_alone_at_15fps_s": round(sampled, 2),
        "analyze_s": round(shipped, 2),
        "analyze_over_pose_alone_at_15fps": round(shipped_over_sampled, 3),
        "rounds_s": {
            "pose_alone_at_15fps": [round(x, 2) for x in sampled_s],
            "analyze": [round(x, 2) for x in shipped_s],
            "pose_alone_every_frame": [round(sum(run) / 1000.0, 2) for run in inference_runs],
            "pipeline_every_frame": [round(x, 2) for x in every_frame_s],
        },
        "analyze_every_frame_realtime_factor": round(duration / every_frame, 2),
        "live_640x480_display_fps": round(shown, 1),
        "live_640x480_analysis_fps": round(analysed, 1),
        "peak_memory_mb": round(peak_mb, 0),
    }
    print(f"raw inference:            median {inference_median:6.1f} ms/frame, p95 {inference_p95:6.1f} ms")
    print(f"pipeline, pose each frame:        {pipeline_ms:6.1f} ms/frame = {pipeline_ms / inference_median:.2f} x raw inference's median,"
          f" {pipeline_over_total:.2f} x its total (median of rounds; target <= 1.10)")
    print(f"analyze (pose <= 15/s):           {duration / shipped:6.2f} x real time (target >= 1.5)")
    print(f"analyze / pose alone at 15/s:     {shipped:6.2f} s / {sampled:.2f} s = {shipped_over_sampled:.2f} (median of rounds; target <= 1.25)")
    print(f"analyze (pose every frame):       {duration / every_frame:6.2f} x real time")
    print(f"live loop 640x480 at {fps:.0f} fps:     {shown:5.1f} fps shown, {analysed:5.1f} fps analysed (target >= 30 shown)")
    print(f"peak memory:                      {peak_mb:6.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
