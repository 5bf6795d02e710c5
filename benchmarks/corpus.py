"""How formcheck does on the rendered corpus: recognition, counts and holds per camera placement,
body and movement, from the cached MediaPipe landmarks (no video, no pose model: seconds a clip).

    python benchmarks/corpus.py [CACHE_DIR] [--json OUT]

CACHE_DIR holds the ``*.npz`` files ``python -m formcheck_synth.corpus build`` writes (default
``$FORMCHECK_CORPUS``). A clip of a supported exercise is right when auto mode names it and its
reps are within one of the label (or its hold within 10%); a clip of another movement is right
when nothing is counted or timed at all. The camera's pitch estimated from the contact points is
compared with the rendered camera's, per placement.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from formcheck.exercises import EXERCISES
from formcheck.filters import PoseSmoother
from formcheck.pose.pose import Pose, poses_from_arrays
from formcheck.recognition import create_analyzer
from formcheck.report import Report

HOLD_TOLERANCE = 0.10
"""A hold is right within 10% of the label (issue 8's target)."""
REP_TOLERANCE = 1
"""Reps are right within one of the label."""


@dataclass(frozen=True)
class Outcome:
    name: str
    motion: str
    exercise: str | None
    placement: str
    body: str
    recognised: str
    reps: int
    hold_s: float
    expected_reps: int
    expected_hold_s: float
    told_reps: int | None
    told_hold_s: float | None
    pitch_true_deg: float
    pitch_estimated_deg: float | None

    @property
    def negative(self) -> bool:
        return self.exercise is None

    def counted_right(self, reps: int, hold_s: float) -> bool:
        if self.expected_hold_s > 0:
            return abs(hold_s - self.expected_hold_s) <= HOLD_TOLERANCE * self.expected_hold_s
        return abs(reps - self.expected_reps) <= REP_TOLERANCE

    @property
    def right(self) -> bool:
        if self.negative:
            return self.reps == 0 and self.hold_s == 0.0
        return self.recognised == self.exercise and self.counted_right(self.reps, self.hold_s)

    @property
    def told_right(self) -> bool | None:
        if self.negative or self.told_reps is None or self.told_hold_s is None:
            return None
        return self.counted_right(self.told_reps, self.told_hold_s)


def replay(poses: list[tuple[float, Pose | None]], exercise_id: str) -> tuple[dict, object]:
    analyzer, smoother, events = create_analyzer(exercise_id), PoseSmoother(), []
    for t_s, pose in poses:
        events += analyzer.update(smoother(pose), t_s).events
    events += analyzer.finish()
    duration = poses[-1][0] if poses else 0.0
    report = Report(exercise=analyzer.id, source="corpus", frames=len(poses), pose_frames=len(poses), duration_s=duration, events=tuple(events))
    return report.to_dict(), analyzer


def evaluate(path: Path) -> Outcome:
    with np.load(path, allow_pickle=False) as data:
        clip = {key: data[key] for key in data.files}
    meta = json.loads(str(clip["meta"]))
    label = str(clip["label_exercise"])
    exercise = label if label in EXERCISES else None
    fps = float(meta["fps"])
    poses = poses_from_arrays(clip, (int(meta["width"]), int(meta["height"])))
    auto, _ = replay(poses, "auto")
    told_reps = told_hold = pitch = None
    if exercise is not None:
        told, analyzer = replay(poses, exercise)
        told_reps, told_hold = told["reps"], told["hold_s"]
        tracker = getattr(analyzer, "_gravity", None)
        if tracker is not None and tracker.contacts:
            pitch = tracker.pitch_deg
    reps = clip["label_rep"]
    return Outcome(
        name=path.stem,
        motion=str(meta["motion"]),
        exercise=exercise,
        placement=str(meta["placement"]),
        body=str(meta["body"]),
        recognised=auto["exercise"],
        reps=auto["reps"],
        hold_s=auto["hold_s"],
        expected_reps=len(set(int(r) for r in reps if r > 0)),
        expected_hold_s=float(clip["label_hold"].sum()) / fps,
        told_reps=told_reps,
        told_hold_s=told_hold,
        pitch_true_deg=float(meta["camera_pitch_deg"]),
        pitch_estimated_deg=pitch,
    )


def table(outcomes: list[Outcome], key: str) -> list[str]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[getattr(o, key)].append(o)
    lines = [f"| {key} | clips | auto right | told right (exercises) | negatives with nothing counted |", "| --- | --- | --- | --- | --- |"]
    for name in sorted(groups):
        g = groups[name]
        pos, neg = [o for o in g if not o.negative], [o for o in g if o.negative]
        told = [o.told_right for o in pos if o.told_right is not None]
        lines.append(
            f"| {name} | {len(g)} | {sum(o.right for o in g)}/{len(g)} | {sum(told)}/{len(told)} | "
            + (f"{sum(o.right for o in neg)}/{len(neg)}" if neg else "-")
            + " |"
        )
    return lines


def pitch_table(outcomes: list[Outcome]) -> list[str]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.pitch_estimated_deg is not None:
            groups[o.placement].append(o)
    lines = ["| placement | clips | true pitch (median) | estimated (median) | median error |", "| --- | --- | --- | --- | --- |"]
    for name in sorted(groups):
        g = groups[name]
        errors = [o.pitch_estimated_deg - o.pitch_true_deg for o in g]
        lines.append(
            f"| {name} | {len(g)} | {np.median([o.pitch_true_deg for o in g]):.1f} | "
            f"{np.median([o.pitch_estimated_deg for o in g]):.1f} | {np.median(errors):+.1f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", nargs="?", default=os.environ.get("FORMCHECK_CORPUS"))
    parser.add_argument("--json", metavar="OUT", help="also write every clip's outcome as JSON")
    args = parser.parse_args(argv)
    if not args.cache or not Path(args.cache).is_dir():
        print("error: give the corpus cache folder (or set FORMCHECK_CORPUS)", file=sys.stderr)
        return 2
    paths = sorted(Path(args.cache).glob("*.npz"))
    if not paths:
        print(f"error: no cached clips (*.npz) in {args.cache}", file=sys.stderr)
        return 2
    outcomes = [evaluate(p) for p in paths]
    print("| clip | label | auto | reps (label) | hold s (label) | told reps / hold | right |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for o in outcomes:
        told = "-" if o.told_reps is None else f"{o.told_reps} / {o.told_hold_s:.1f}"
        print(
            f"| {o.name} | {o.exercise or 'none'} | {o.recognised} | {o.reps} ({o.expected_reps}) | "
            f"{o.hold_s:.1f} ({o.expected_hold_s:.1f}) | {told} | {'yes' if o.right else 'NO'} |"
        )
    for key in ("placement", "body", "motion"):
        print()
        print("\n".join(table(outcomes, key)))
    print()
    print("\n".join(pitch_table(outcomes)))
    right = sum(o.right for o in outcomes)
    print(f"\nall: {right}/{len(outcomes)} right in auto mode")
    if args.json:
        Path(args.json).write_text(json.dumps([o.__dict__ for o in outcomes], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
