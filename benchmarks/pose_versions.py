"""Pose benchmark: current mediapipe against 0.10.21, and the lite, full and heavy models.

    python benchmarks/pose_versions.py --old-python /path/to/venv-0.10.21/bin/python
    python benchmarks/pose_versions.py --models lite full heavy --clips samples ../shared/clips

1. Versions: pose inference alone (``PoseEstimator.estimate`` on decoded frames, VIDEO mode,
   the same bundle) in this interpreter's mediapipe and in another interpreter's (0.10.21), in
   alternating runs of one subprocess each on the same clip; per-frame median per run, the
   median of those, their ratio, and how far the two versions' landmarks are apart.
2. Models: for each of ``--models``, raw inference speed on the same clip, and the accuracy
   benchmark (``benchmarks/accuracy.py``: reps and holds in range, hold-time error, fault
   precision/recall) on ``--clips``. ``heavy`` must be built first (models/build_bundles.py).

These machines are shared and noisy: it reports medians and ratios of interleaved runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

DEFAULT_CLIP = ROOT / "samples" / "glute_bridge_side_clean_a.mp4"
VISIBLE = 0.5
"""Landmarks above this visibility in both versions are compared separately (hidden ones are guesses)."""
TIMING_SCRIPT = """
import json, sys, time
import numpy as np
import mediapipe
from formcheck.capture import VideoFileSource
from formcheck.pose.estimator import PoseEstimator
clip, model, out = sys.argv[1:4]
source = VideoFileSource(clip)
frames = [frame.image for frame in source]
times, points = [], np.full((len(frames), 33, 3), np.nan)
with PoseEstimator(model) as estimator:
    for index, image in enumerate(frames):
        start = time.perf_counter()
        pose = estimator.estimate(image, index / source.fps)
        times.append(1000.0 * (time.perf_counter() - start))
        if pose is not None:
            points[index, :, :2] = pose.xy / pose.image_size
            points[index, :, 2] = pose.visibility
np.save(out, points)
print(json.dumps({"version": mediapipe.__version__, "ms": times}))
"""


def timed_run(python: str, clip: Path, model: str, points_file: Path) -> tuple[str, float, np.ndarray]:
    """(mediapipe version, per-frame median ms, normalised landmarks) of one subprocess run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([python, "-c", TIMING_SCRIPT, str(clip), model, str(points_file)], capture_output=True, text=True, env=env, check=True)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return data["version"], statistics.median(data["ms"][1:]), np.load(points_file)


def compare_versions(clip: Path, old_python: str, rounds: int) -> dict:
    """Alternating runs (new, old, old, new, ...) so drifts in machine load hit both alike."""
    medians: dict[str, list[float]] = {"new": [], "old": []}
    versions, points = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for round_index in range(rounds):
            order = ("new", "old") if round_index % 2 == 0 else ("old", "new")
            for side in order:
                python = sys.executable if side == "new" else old_python
                versions[side], median_ms, points[side] = timed_run(python, clip, "full", Path(tmp) / f"{side}.npy")
                medians[side].append(median_ms)
                print(f"  round {round_index + 1} {side} (mediapipe {versions[side]}): {median_ms:.1f} ms/frame", flush=True)
    both = ~np.isnan(points["new"][:, 0, 0]) & ~np.isnan(points["old"][:, 0, 0])
    difference = np.abs(points["new"][both, :, :2] - points["old"][both, :, :2])
    seen = (points["new"][both, :, 2] > VISIBLE) & (points["old"][both, :, 2] > VISIBLE)
    seen_difference = difference[seen]
    new_ms, old_ms = statistics.median(medians["new"]), statistics.median(medians["old"])
    return {
        "clip": clip.name,
        "versions": versions,
        "rounds": rounds,
        "new_ms_median": round(new_ms, 2),
        "old_ms_median": round(old_ms, 2),
        "new_over_old": round(new_ms / old_ms, 3),
        "per_round_ratios": [round(n / o, 3) for n, o in zip(medians["new"], medians["old"])],
        "frames_both_detected": int(both.sum()),
        "frames_detected": {side: int((~np.isnan(p[:, 0, 0])).sum()) for side, p in points.items()},
        "landmark_abs_diff_median": float(np.median(difference)) if difference.size else None,
        "landmark_abs_diff_p99": float(np.percentile(difference, 99)) if difference.size else None,
        "landmark_abs_diff_max": float(difference.max()) if difference.size else None,
        "visible_landmark_abs_diff_median": float(np.median(seen_difference)) if seen_difference.size else None,
        "visible_landmark_abs_diff_p99": float(np.percentile(seen_difference, 99)) if seen_difference.size else None,
    }


def compare_models(models: list[str], clip: Path, folders: list[Path], pose_fps: float | None) -> dict:
    from accuracy import run

    from formcheck.evaluation import summarise

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for model in models:
            _, median_ms, _ = timed_run(sys.executable, clip, model, Path(tmp) / "points.npy")
            start = time.perf_counter()
            clips = run(folders, pose_fps=pose_fps, model=model)
            summary = summarise(clips).to_dict()
            results[model] = {
                "raw_inference_ms_median": round(median_ms, 2),
                "accuracy_wall_s": round(time.perf_counter() - start, 1),
                "clips": summary["clips"],
                "passed": summary["passed"],
                "hold_error_median": summary["hold_error_median"],
                "faults_tp_fp_fn": [sum(f[k] for f in summary["faults"].values()) for k in ("tp", "fp", "fn")],
                "per_clip": {r.clip.name: {"reps": r.report["reps"], "hold_s": r.report["hold_s"], "passed": r.passed} for r in clips},
            }
            print(f"  {model}: {median_ms:.1f} ms/frame, {summary['passed']}/{summary['clips']} clips in range, "
                  f"hold error median {summary['hold_error_median']}, faults tp/fp/fn {results[model]['faults_tp_fp_fn']}", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clip", type=Path, default=DEFAULT_CLIP, help="the clip timed (default: a sample)")
    parser.add_argument("--old-python", help="an interpreter with mediapipe 0.10.21 (skip the version comparison if not given)")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds of the version comparison")
    parser.add_argument("--models", nargs="*", default=[], help="lite, full, heavy or paths to compare")
    parser.add_argument("--clips", nargs="*", type=Path, default=[ROOT / "samples"], help="labelled folders for accuracy")
    parser.add_argument("--pose-fps", type=float, default=15.0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    results = {}
    if args.old_python:
        print(f"versions, on {args.clip.name}:")
        versions = results["versions"] = compare_versions(args.clip, args.old_python, args.rounds)
        print(f"  current/0.10.21 = {versions['new_over_old']:.3f} (medians {versions['new_ms_median']} / {versions['old_ms_median']} ms,"
              f" per round {versions['per_round_ratios']}); landmarks differ by median {versions['landmark_abs_diff_median']:.2e},"
              f" p99 {versions['landmark_abs_diff_p99']:.2e}, max {versions['landmark_abs_diff_max']:.2e} (normalised);"
              f" visible ones by median {versions['visible_landmark_abs_diff_median']:.2e}, p99 {versions['visible_landmark_abs_diff_p99']:.2e}")
    if args.models:
        print(f"models, speed on {args.clip.name}, accuracy on {', '.join(map(str, args.clips))}:")
        results["models"] = compare_models(args.models, args.clip, args.clips, args.pose_fps or None)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
