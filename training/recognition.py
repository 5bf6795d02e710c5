"""Cross-validate a learned position classifier on the rendered corpus (a first step of issue 8's
learned recognition; nothing in the product uses it yet).

    python -m training.recognition [CACHE_DIR]

Per frame: the ``formcheck.features`` of the pose; the label is the clip's exercise while its
labels say "in position", else ``none`` (every frame of a movement that is none of the exercises).
A standardised multinomial logistic regression, scored leave-one-camera-placement-out and
leave-one-body-out: frame accuracy, and per clip whether the most common in-position prediction
names the clip's exercise (or, for a negative, whether ``none`` wins every second).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from formcheck.exercises import EXERCISES
from formcheck.features import pose_features
from formcheck.pose.pose import poses_from_arrays

NONE = "none"
SMOOTH_S = 1.0
"""Probabilities are averaged over this window before the clip verdict (a stand-in for the HMM)."""


def load(cache: Path):
    rows, labels, groups = [], [], []
    for path in sorted(cache.glob("*.npz")):
        with np.load(path, allow_pickle=False) as d:
            meta = json.loads(str(d["meta"]))
            exercise = str(d["label_exercise"])
            exercise = exercise if exercise in EXERCISES else NONE
            poses = poses_from_arrays(d, (int(meta["width"]), int(meta["height"])))
            for i, (t_s, pose) in enumerate(poses):
                if pose is None:
                    continue
                rows.append(pose_features(pose))
                labels.append(exercise if exercise != NONE and d["label_in_position"][i] else NONE)
                groups.append((path.stem, str(meta["placement"]), str(meta["body"]), exercise, t_s))
    return np.array(rows), np.array(labels), groups


def model():
    return make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=2000, class_weight="balanced"))


def cross_validate(x, y, groups, key: int, name: str) -> dict:
    folds = sorted({g[key] for g in groups})
    predicted = np.empty(len(y), dtype=object)
    for fold in folds:
        test = np.array([g[key] == fold for g in groups])
        if len(set(y[~test])) < 2:
            continue
        clf = model().fit(x[~test], y[~test])
        predicted[test] = clf.predict(x[test])
    done = np.array([p is not None for p in predicted])
    clip_right: dict[str, bool] = {}
    by_clip: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        by_clip.setdefault(g[0], []).append(i)
    for clip, idx in by_clip.items():
        if not all(done[idx]):
            continue
        truth = groups[idx[0]][3]
        votes = Counter(predicted[i] for i in idx if predicted[i] != NONE)
        if truth == NONE:
            clip_right[clip] = sum(votes.values()) < 0.2 * len(idx)
        else:
            clip_right[clip] = bool(votes) and votes.most_common(1)[0][0] == truth
    acc = float(np.mean(predicted[done] == y[done])) if done.any() else float("nan")
    print(f"\n## leave one {name} out: frame accuracy {acc:.3f}, clips right {sum(clip_right.values())}/{len(clip_right)}")
    for fold in folds:
        clips = [c for c in clip_right if by_clip[c] and groups[by_clip[c][0]][key] == fold]
        print(f"  {fold}: {sum(clip_right[c] for c in clips)}/{len(clips)} clips")
    return {"frames": acc, "clips": clip_right, "predicted": predicted, "done": done}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", nargs="?", default=os.environ.get("FORMCHECK_CORPUS"))
    args = parser.parse_args(argv)
    if not args.cache or not Path(args.cache).is_dir():
        print("error: give the corpus cache folder (or set FORMCHECK_CORPUS)", file=sys.stderr)
        return 2
    x, y, groups = load(Path(args.cache))
    print(f"{len(y)} frames from {len({g[0] for g in groups})} clips; classes: {dict(Counter(y))}")
    result = cross_validate(x, y, groups, 1, "camera placement")
    cross_validate(x, y, groups, 2, "body")
    classes = sorted(set(y))
    done = result["done"]
    matrix = confusion_matrix(y[done], result["predicted"][done].astype(str), labels=classes)
    print("\n## confusion (frames, leave one placement out; rows true, columns predicted)")
    print("| true \\ predicted | " + " | ".join(classes) + " |")
    print("| --- " * (len(classes) + 1) + "|")
    for name, row in zip(classes, matrix):
        print(f"| {name} | " + " | ".join(str(v) for v in row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
