"""Train and cross-validate the position model (``models/recognition.npz``).

    python -m training.recognition cv    [--corpus DIR] [--real DIR]
    python -m training.recognition build [--corpus DIR] [--real DIR] [--out models/recognition.npz]

``--corpus`` is the rendered corpus cache (``python -m formcheck_synth.corpus build``; default
``$FORMCHECK_CORPUS``), ``--real`` the cached labelled real clips (``python -m training.real_clips
../shared/clips``). Each frame is replayed through the product's own stages (``PoseSmoother``,
``FeatureWindow``); its class is the clip's exercise where the labels say "in position", else
``none`` (every frame of a movement that is none of the exercises). Real-clip frames whose label is
uncertain are left out.

``cv`` prints, for the model and for the filtered belief the product acts on: leave one camera
placement out and leave one body out on the corpus, leave one clip out on the real clips (trained
on the corpus and the other real clips), and a confusion matrix. ``build`` fits on everything and
writes the arrays; the fit is deterministic (fixed seed, sorted inputs), so the same caches give
the same file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from formcheck.exercises import RECOGNISABLE
from formcheck.features import FRAME_FEATURE_NAMES, FeatureWindow
from formcheck.filters import PoseSmoother
from formcheck.pose.pose import poses_from_arrays
from formcheck.pose.view import ViewTracker
from formcheck.position_model import NONE, PositionFilter, PositionModel

HIDDEN = (48,)
"""One hidden layer: positions differ by combinations of segment directions (the trunk level and
the shins up is a dead bug, not a plank), which a linear model cannot draw; 48 units fit the
corpus without memorising a body. (The ensemble merges into one net, which needs exactly one.)"""
L2 = 1e-2
SEED = 0
NOISE = 0.5
NOISE_COPIES = 1
"""Each frame is also trained on once more with Gaussian noise of this many standard deviations
added to every feature. Rendered bodies hold a position more alike than people do, and MediaPipe
errs differently on real footage; without the noise the model drew its borders tight round the
rendered poses and called a real plank and a real side plank (arm raised) ``none``. Trained on the
corpus alone and tested on the 13 real clips (3 seeds): right on 8, 8, 8 without noise; 10, 10, 11
with 0.3; 10, 11, 11 with 0.5."""
ENSEMBLE = 3
"""Nets trained from different seeds, their logits averaged: one net's verdict on a real clip
turned with its seed (a real bird dog 0.40 or 0.62 of its frames, a real plank 0.00 or 0.87)."""
MAX_ITER = 200
"""Training stops early once a held-back tenth of the frames stops improving (a few seconds a fit)."""
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "models" / "recognition.npz"
CLIP_MAJORITY = 0.5
"""A clip of an exercise is recognised when its belief names it on more than this share of the
labelled in-position frames."""
NEGATIVE_TOLERANCE = 0.1
"""A negative clip is right when its belief names an exercise on fewer than this share of frames."""
TRANSITION_MARGIN_S = 0.3
"""Rendered frames this near a change of label are not trained on: the label changes at a phase
time of the motion script, and around it the body is between positions (a plank labelled over at
7.0 s is still a plank at 7.0 s). Without the margin those frames teach that a plank is ``none``."""


@dataclass
class Clip:
    name: str
    source: str  # "corpus" or "real"
    placement: str
    body: str
    exercise: str  # an exercise id or NONE
    motion: str  # the movement rendered (a negative's name, a deadlift variant) or the real clip's label
    features: np.ndarray  # (n, f); rows of frames with a pose
    t_s: np.ndarray
    labels: np.ndarray  # class per row
    known: np.ndarray  # rows whose label is certain
    views: np.ndarray  # the view an analyzer would read at each row (``ViewTracker``)


def load_clip(path: Path) -> Clip:
    with np.load(path, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    meta = json.loads(str(arrays["meta"]))
    exercise = str(arrays["label_exercise"])
    exercise = exercise if exercise in RECOGNISABLE else NONE
    smoother, window, view = PoseSmoother(), FeatureWindow(), ViewTracker()
    rows, times, idx, views = [], [], [], []
    for i, (t_s, raw) in enumerate(poses_from_arrays(arrays, (int(meta["width"]), int(meta["height"])))):
        pose = smoother(raw)
        row = window.push(pose, t_s)
        if row is not None:
            rows.append(row)
            times.append(t_s)
            idx.append(i)
            views.append(view(pose, t_s).value)
    idx_a = np.asarray(idx, int)
    in_position = np.asarray(arrays["label_in_position"], bool)[idx_a] if len(idx_a) else np.zeros(0, bool)
    known = np.asarray(arrays.get("label_known", np.ones(len(arrays["t_s"]), bool)), bool)[idx_a] if len(idx_a) else np.zeros(0, bool)
    labels = np.where(in_position & (exercise != NONE), exercise, NONE)
    return Clip(
        name=path.stem, source="real" if path.stem.startswith("real-") else "corpus", placement=str(meta.get("placement")),
        body=str(meta.get("body")), exercise=exercise, motion=str(meta.get("motion", meta.get("exercise"))),
        features=np.asarray(rows, np.float32).reshape(-1, len(FRAME_FEATURE_NAMES)),
        t_s=np.asarray(times, float), labels=labels, known=known, views=np.asarray(views, str),
    )  # fmt: skip


def load_all(*folders: Path | None) -> list[Clip]:
    clips = []
    for folder in folders:
        if folder is not None:
            clips += [load_clip(p) for p in sorted(folder.glob("*.npz"))]
    return clips


def trained_rows(clip: Clip) -> np.ndarray:
    """The rows of ``clip`` the model learns from: certain labels, not at a rendered label's change
    (``TRANSITION_MARGIN_S``), and for an exercise's clip only where its analyzer would read the
    view: seen end-on, MediaPipe's depth garbles a lying body's segments, and the analyzer counts
    nothing there anyway, so such frames would only blur the exercise's position and ``none``."""
    rows = clip.known.copy()
    if clip.source == "corpus" and len(clip.labels) > 1:
        for i in np.flatnonzero(clip.labels[1:] != clip.labels[:-1]):
            rows &= np.abs(clip.t_s - (clip.t_s[i] + clip.t_s[i + 1]) / 2) >= TRANSITION_MARGIN_S
    if clip.exercise != NONE:
        rows &= np.isin(clip.views, RECOGNISABLE[clip.exercise].views)
    return rows


def fit(clips: list[Clip]) -> PositionModel:
    """The model trained on ``trained_rows`` of ``clips``. Each exercise, and each movement among
    the frames of no exercise, weighs the same in total: a crunch is as much a lesson as a bridge,
    though ``none`` gathers a dozen movements."""
    from sklearn.preprocessing import StandardScaler  # the train extra; the pure parts need none

    rows = [trained_rows(c) for c in clips]
    x = np.concatenate([c.features[r] for c, r in zip(clips, rows)])
    y = np.concatenate([c.labels[r] for c, r in zip(clips, rows)])
    group = np.concatenate([np.where(c.labels[r] == NONE, "none:" + c.motion, c.labels[r]) for c, r in zip(clips, rows)])
    scaler = StandardScaler().fit(x)
    counts = Counter(group)
    weight = np.array([len(group) / (len(counts) * counts[g]) for g in group])
    z = scaler.transform(x)
    classes = tuple(sorted(set(y)))
    weights, biases = merge_members([_fit_member(z, y, weight, classes, SEED + k) for k in range(ENSEMBLE)])
    return PositionModel(
        classes=classes, feature_names=FRAME_FEATURE_NAMES, mean=scaler.mean_, scale=scaler.scale_,
        weights=weights, biases=biases, prior=np.full(len(classes), 1.0 / len(classes)),
    )  # fmt: skip


def merge_members(members: list[tuple[list, list]]) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """One net whose logits are the mean of the members' (each (weights, biases) with one hidden
    layer): their hidden units side by side, their output weights averaged. The model file and the
    product's arithmetic stay those of one net."""
    k = len(members)
    weights = (np.concatenate([w[0] for w, _ in members], axis=1), np.concatenate([w[1] for w, _ in members]) / k)
    biases = (np.concatenate([b[0] for _, b in members]), np.mean([b[1] for _, b in members], axis=0))
    return weights, biases


def _fit_member(z: np.ndarray, y: np.ndarray, weight: np.ndarray, classes: tuple[str, ...], seed: int) -> tuple[list, list]:
    """One net's (weights, biases), output columns in ``classes`` order, trained on the frames and
    ``NOISE_COPIES`` noisy copies of them (``NOISE``)."""
    from sklearn.neural_network import MLPClassifier

    rng = np.random.default_rng(seed)
    z = np.concatenate([z] + [z + rng.normal(0.0, NOISE, z.shape) for _ in range(NOISE_COPIES)])
    y, weight = np.tile(y, NOISE_COPIES + 1), np.tile(weight, NOISE_COPIES + 1)
    net = MLPClassifier(hidden_layer_sizes=HIDDEN, alpha=L2, max_iter=MAX_ITER, random_state=seed, early_stopping=True)
    net.fit(z, y, sample_weight=weight)
    weights, biases = list(net.coefs_), list(net.intercepts_)
    if len(net.classes_) == 2:  # scikit-learn's binary output is one logit; make it two
        weights[-1] = np.concatenate([-weights[-1], weights[-1]], axis=1) / 2
        biases[-1] = np.concatenate([-biases[-1], biases[-1]]) / 2
    order = [list(net.classes_).index(c) for c in classes]
    weights[-1], biases[-1] = weights[-1][:, order], biases[-1][order]
    return weights, biases


def belief(model: PositionModel, clip: Clip) -> np.ndarray:
    """The product's filtered belief at each of the clip's frames."""
    filt = PositionFilter(model)
    proba = model.proba(clip.features) if len(clip.features) else np.zeros((0, len(model.classes)))
    return np.array([filt.update(p, t).copy() for p, t in zip(proba, clip.t_s)]).reshape(-1, len(model.classes))


def clip_verdict(model: PositionModel, clip: Clip) -> tuple[bool, str, np.ndarray, np.ndarray]:
    """(right, what the belief names, frame predictions, filtered predictions)."""
    names = np.array(model.classes)
    raw = names[model.proba(clip.features).argmax(axis=1)] if len(clip.features) else np.array([], str)
    filtered = names[belief(model, clip).argmax(axis=1)] if len(clip.features) else np.array([], str)
    if clip.exercise == NONE:
        named = Counter(p for p in filtered[clip.known] if p != NONE)
        share = sum(named.values()) / max(int(clip.known.sum()), 1)
        return share < NEGATIVE_TOLERANCE, (named.most_common(1)[0][0] if named else NONE), raw, filtered
    inside = clip.known & (clip.labels == clip.exercise)
    votes = Counter(filtered[inside])
    top = votes.most_common(1)[0][0] if votes else NONE
    return votes[clip.exercise] > CLIP_MAJORITY * max(int(inside.sum()), 1), top, raw, filtered


def cross_validate(clips: list[Clip], fold_of, title: str, train_extra: list[Clip] = ()) -> dict:
    folds = sorted({fold_of(c) for c in clips})
    rows, right = [], {}
    truth, pred_raw, pred_filt = [], [], []
    for fold in folds:
        test = [c for c in clips if fold_of(c) == fold]
        train = [c for c in clips if fold_of(c) != fold] + list(train_extra)
        model = fit(train)
        ok_fold = 0
        for clip in test:
            ok, named, raw, filtered = clip_verdict(model, clip)
            right[clip.name] = (ok, named)
            ok_fold += ok
            truth += list(clip.labels[clip.known])
            pred_raw += list(raw[clip.known])
            pred_filt += list(filtered[clip.known])
        rows.append((fold, ok_fold, len(test)))
    truth_a, raw_a, filt_a = np.array(truth), np.array(pred_raw), np.array(pred_filt)
    print(f"\n## leave one {title} out: clips right {sum(ok for ok, _ in right.values())}/{len(right)}, "
          f"frames right {np.mean(raw_a == truth_a):.3f} (model), {np.mean(filt_a == truth_a):.3f} (filtered)")  # fmt: skip
    print("| held out | clips right |\n| --- | --- |")
    for fold, ok, n in rows:
        print(f"| {fold} | {ok}/{n} |")
    wrong = {name: named for name, (ok, named) in right.items() if not ok}
    if wrong:
        print("wrong: " + ", ".join(f"{name} -> {named}" for name, named in sorted(wrong.items())))
    return {"truth": truth_a, "filtered": filt_a, "right": right}


def confusion(truth: np.ndarray, predicted: np.ndarray, title: str) -> None:
    classes = sorted(set(truth) | set(predicted))
    print(f"\n## confusion, {title} (filtered frames; rows true, columns predicted)")
    short = [c[:10] for c in classes]
    print("| true \\ predicted | " + " | ".join(short) + " |")
    print("| --- " * (len(classes) + 1) + "|")
    for name in classes:
        counts = Counter(predicted[truth == name])
        print(f"| {name} | " + " | ".join(str(counts.get(c, 0)) for c in classes) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.recognition", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("cv", "build"))
    parser.add_argument("--corpus", type=Path, default=os.environ.get("FORMCHECK_CORPUS"))
    parser.add_argument("--real", type=Path, help="cached real clips (python -m training.real_clips)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for folder in (args.corpus, args.real):
        if folder is not None and not Path(folder).is_dir():
            print(f"error: no such folder: {folder}", file=sys.stderr)
            return 2
    if args.corpus is None:
        print("error: give --corpus (or set FORMCHECK_CORPUS)", file=sys.stderr)
        return 2
    corpus = load_all(Path(args.corpus))
    corpus = [c for c in corpus if c.source == "corpus"]
    # The two may be one folder (the README's): each kind is taken from its own.
    real = [c for c in load_all(Path(args.real)) if c.source == "real"] if args.real else []
    frames = sum(int(c.known.sum()) for c in corpus + real)
    print(f"{len(corpus)} corpus clips, {len(real)} real clips, {frames} labelled frames")
    if args.command == "build":
        model = fit(corpus + real)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        model.save(args.out)
        print(f"wrote {args.out}: {len(model.classes)} classes, {len(model.feature_names)} features")
        return 0
    placement = cross_validate(corpus, lambda c: c.placement, "camera placement", real)
    cross_validate(corpus, lambda c: c.body, "body", real)
    confusion(placement["truth"], placement["filtered"], "leave one placement out")
    if real:
        loco = cross_validate(real, lambda c: c.name, "real clip", corpus)
        confusion(loco["truth"], loco["filtered"], "real clips, leave one clip out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
