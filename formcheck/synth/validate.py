"""Check that MediaPipe Pose sees the synthetic person: detection rate and landmark error per clip.

python -m formcheck.synth.validate --model pose.task samples/*.json

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

import cv2
import numpy as np

from formcheck.synth.body import LANDMARK_NAMES

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


def check_clip(label_path: Path, model_bytes: bytes) -> ClipCheck:
    """Run MediaPipe Pose (VIDEO mode) over a clip and compare with its true joints."""
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    labels = json.loads(label_path.read_text())
    options = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_buffer=model_bytes), running_mode=vision.RunningMode.VIDEO, num_poses=1
    )
    true_xy = np.asarray(labels["joints"]["xy"])
    hidden = np.asarray(labels["joints"]["occluded"], dtype=bool)
    scored = joints_to_score(labels)
    capture = cv2.VideoCapture(str(label_path.with_name(labels["file"])))
    fps = capture.get(cv2.CAP_PROP_FPS) or labels["fps"]
    detected, errors, index = 0, [], 0
    with vision.PoseLandmarker.create_from_options(options) as landmarker:
        while True:
            ok, bgr = capture.read()
            if not ok or index >= len(true_xy):
                break
            image = mp.Image(image_format=mp.ImageFormat.SRGB, data=cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
            result = landmarker.detect_for_video(image, int(round(index * 1000 / fps)))
            if result.pose_landmarks:
                detected += 1
                h, w = bgr.shape[:2]
                found = np.array([(p.x * w, p.y * h) for p in result.pose_landmarks[0]])
                visible = scored[~hidden[index, scored]]
                if len(visible):
                    errors.append(np.linalg.norm(found[visible] - true_xy[index, visible], axis=1).mean())
            index += 1
    capture.release()
    return ClipCheck(label_path.stem, index, detected / max(index, 1), float(np.mean(errors)) if errors else float("nan"))


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
    parser.add_argument("--model", required=True, type=Path, help="MediaPipe pose landmarker .task bundle")
    args = parser.parse_args(argv)
    if not args.model.is_file():
        print(f"error: no model bundle at {args.model}", file=sys.stderr)
        return 2
    model = args.model.read_bytes()
    print("| clip | exercise | view | body | faults | duration s | size MB | detected | mean error px |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for path in args.labels:
        labels = json.loads(path.read_text())
        check = check_clip(path, model)
        size_mb = (path.stat().st_size + path.with_name(labels["file"]).stat().st_size) / 1e6
        print(
            f"| {check.name} | {labels['exercise']} | {labels['view']} | {labels['body']} | {describe_faults(labels)} "
            f"| {labels['duration_s']:.1f} | {size_mb:.2f} | {100 * check.detection_rate:.1f}% | {check.mean_error_px:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
