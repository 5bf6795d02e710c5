"""Check that MediaPipe Pose sees the synthetic person: detection rate and landmark error per clip.

python -m formcheck_synth.validate samples/*.json [--model pose_landmarker_full.task]

The error is the mean pixel distance between MediaPipe's landmarks and the true ones over detected
frames, on the main joints (shoulders, elbows, wrists, hips, knees, ankles) that the z-buffer says are
visible; in side views only the near side's joints count, since MediaPipe guesses the hidden ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from formcheck.capture import VideoFileSource
from formcheck.pose.estimator import PoseEstimator
from formcheck_synth.body import LANDMARK_NAMES

MAIN_JOINTS = ("shoulder", "elbow", "wrist", "hip", "knee", "ankle")


@dataclass(frozen=True)
class ClipCheck:
    name: str
    frames: int
    detection_rate: float
    mean_error_px: float


def joints_to_score(labels: dict) -> np.ndarray:
    """Landmark indices scored for this clip: the main joints, near side only in side views."""
    sides = ("left", "right")
    if labels["view"] == "side":
        sides = (labels["spec"]["camera_side"],)
    return np.array([LANDMARK_NAMES.index(f"{s}_{j}") for s in sides for j in MAIN_JOINTS])


def check_clip(label_path: Path, estimator: PoseEstimator) -> ClipCheck:
    """Run formcheck's pose estimator (MediaPipe, VIDEO mode) over a clip and compare with its true joints."""
    labels = json.loads(label_path.read_text())
    true_xy = np.asarray(labels["joints"]["xy"])
    hidden = np.asarray(labels["joints"]["occluded"], dtype=bool)
    scored = joints_to_score(labels)
    detected, errors, frames = 0, [], 0
    for frame in VideoFileSource(label_path.with_name(labels["file"])):
        if frame.index >= len(true_xy):
            break
        frames += 1
        pose = estimator.estimate(frame.image, frame.t_s)
        if pose is None:
            continue
        detected += 1
        visible = scored[~hidden[frame.index, scored]]
        if len(visible):
            errors.append(np.linalg.norm(pose.xy[visible] - true_xy[frame.index, visible], axis=1).mean())
    return ClipCheck(label_path.stem, frames, detected / max(frames, 1), float(np.mean(errors)) if errors else float("nan"))


def describe_faults(labels: dict) -> str:
    """The injected faults in a few words: 'none', 'rushing reps 2, 3' or 'hip_sag 6-9 s'."""
    parts = []
    for fault in labels["spec"]["faults"]:
        if fault["reps"]:
            parts.append(f"{fault['code']} reps {', '.join(str(r) for r in fault['reps'])}")
        elif fault["start_s"] is not None:
            parts.append(f"{fault['code']} {fault['start_s']:g}-{fault['end_s']:g} s")
        else:
            parts.append(f"{fault['code']} all reps")
    return "; ".join(parts) or "none"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="+", type=Path, help="label files (NAME.json beside NAME.mp4)")
    parser.add_argument("--model", help="lite, full, heavy or a PoseLandmarker .task file (default: full)")
    args = parser.parse_args(argv)
    print("| clip | exercise | view | body | faults | duration s | size MB | detected | mean error px |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for path in args.labels:
        labels = json.loads(path.read_text())
        with PoseEstimator(args.model) as estimator:
            check = check_clip(path, estimator)
        size_mb = (path.stat().st_size + path.with_name(labels["file"]).stat().st_size) / 1e6
        print(
            f"| {check.name} | {labels['exercise']} | {labels['view']} | {labels['body']} | {describe_faults(labels)} "
            f"| {labels['duration_s']:.1f} | {size_mb:.2f} | {100 * check.detection_rate:.1f}% | {check.mean_error_px:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
