"""Landmarks of the labelled real clips (``../shared/clips``), cached like the corpus's, with
per-frame labels taken from each clip's JSON.

    python -m training.real_clips CLIPS_DIR [--out CACHE_DIR]

The pose model runs once per clip at the product's pose rate (``DEFAULT_MAX_POSE_FPS``), through
the same session stage as ``analyze``, and the raw landmarks go to ``CACHE_DIR/real-NAME.npz``
(arrays as in ``formcheck_synth.corpus``). The clips' labels are coarse (hold intervals, rep peak
times), so a frame is labelled only where the label says for certain:

- a negative clip (its exercise is not a supported one): every frame is ``none``;
- a hold: in position inside the labelled hold intervals;
- reps: in position from ``REP_MARGIN_S`` before the first peak to as long after the last;
- anything else (title cards, getting into position, a rep clip's ends) is ``label_known`` False
  and is left out of training and scoring.

The clips' licences forbid copying them; only their landmarks are cached, outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np

from formcheck.capture import VideoFileSource
from formcheck.exercises import EXERCISES
from formcheck.pose.estimator import PoseEstimator
from formcheck.session import Session

NONE = "none"
PREFIX = "real-"
REP_MARGIN_S = 1.0
"""A rep clip is in position this long either side of its first and last labelled peak (a rep
of the seeds' exercises takes 2-4 s, so a peak is at least 1 s inside the movement)."""


def labels_for(label: dict, t_s: np.ndarray) -> dict[str, np.ndarray]:
    """Per-frame ``label_exercise``/``label_in_position``/``label_known`` from a clip's JSON."""
    exercise = label["exercise"] if label["exercise"] in EXERCISES else NONE
    if exercise == NONE:
        known = np.ones(len(t_s), bool)
        return {"label_exercise": np.array(NONE), "label_in_position": np.zeros(len(t_s), bool), "label_known": known}
    inside = np.zeros(len(t_s), bool)
    for hold in label.get("holds") or []:
        inside |= (t_s >= hold["start_s"]) & (t_s <= hold["end_s"])
    peaks = (label.get("reps") or {}).get("peaks_s") or []
    if peaks:
        inside |= (t_s >= min(peaks) - REP_MARGIN_S) & (t_s <= max(peaks) + REP_MARGIN_S)
    return {"label_exercise": np.array(exercise), "label_in_position": inside, "label_known": inside.copy()}


def cache_clip(video: Path, label: dict, out: Path, estimator: PoseEstimator) -> int:
    """Run the pose model over ``video`` and write its npz to ``out``; returns the frames kept."""
    source = VideoFileSource(video)
    session = Session(None, estimator, source=str(video))  # type: ignore[arg-type]
    t_s, world, xy, z, visibility, detected = [], [], [], [], [], []
    try:
        for frame in source:
            estimate = session.estimate(frame)
            if not estimate.analysed:
                continue
            pose = estimate.pose
            t_s.append(frame.t_s)
            detected.append(pose is not None)
            world.append(pose.world if pose is not None else np.full((33, 3), np.nan))
            xy.append(pose.xy if pose is not None else np.full((33, 2), np.nan))
            z.append(pose.depth if pose is not None else np.full(33, np.nan))
            visibility.append(pose.visibility if pose is not None else np.zeros(33))
    finally:
        source.close()
    times = np.asarray(t_s, np.float32)
    meta = {
        "name": video.stem, "exercise": label["exercise"], "view": label.get("view"), "placement": f"real:{label.get('view')}",
        "body": f"real:{video.stem}", "width": source.size[0], "height": source.size[1], "frames": len(times),
        "pose_model": f"mediapipe {version('mediapipe')} {estimator.model_path.name}",
        "reps": label.get("reps"), "hold_s": label.get("hold_s"),
    }  # fmt: skip
    arrays = {
        "t_s": times, "detected": np.asarray(detected, bool), "world": np.asarray(world, np.float32),
        "image_xy": np.asarray(xy, np.float32), "image_z": np.asarray(z, np.float32),
        "visibility": np.asarray(visibility, np.float32), "meta": np.array(json.dumps(meta, sort_keys=True)),
        **labels_for(label, times),
    }  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with open(partial, "wb") as f:
        np.savez_compressed(f, **arrays)
    os.replace(partial, out)
    return len(times)


def labelled_clips(clips_dir: Path) -> list[tuple[Path, dict]]:
    """(video, label) for every ``NAME.json`` in ``clips_dir`` whose video is beside it."""
    found = []
    for path in sorted(clips_dir.glob("*.json")):
        label = json.loads(path.read_text())
        video = clips_dir / label.get("file", "")
        if video.is_file():
            found.append((video, label))
    return found


def cache_all(clips_dir: Path, out_dir: Path) -> list[Path]:
    """Cache every labelled clip not yet cached; returns every clip's npz path."""
    paths = []
    clips = labelled_clips(clips_dir)
    with PoseEstimator() as estimator:
        for video, label in clips:
            out = out_dir / f"{PREFIX}{video.stem}.npz"
            if not out.exists():
                estimator.restart()
                n = cache_clip(video, label, out, estimator)
                print(f"cached {out.name}: {n} frames", flush=True)
            paths.append(out)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clips", type=Path, help="folder of NAME.json + video (../shared/clips)")
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("FORMCHECK_CORPUS", "corpus-cache")))
    args = parser.parse_args(argv)
    if not args.clips.is_dir():
        print(f"error: no such folder: {args.clips}", file=sys.stderr)
        return 2
    cache_all(args.clips, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
