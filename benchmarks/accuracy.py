"""Accuracy benchmark: the real pipeline over a folder of labelled clips.

    python benchmarks/accuracy.py                      # samples/
    python benchmarks/accuracy.py ../shared/clips      # any folder in the shared-clips label schema
    python benchmarks/accuracy.py samples --json out.json --view side

Prints a table per clip (expected vs reported reps and hold time, faults found vs labelled,
pass/fail) and a summary (share of clips in range, hold-time error median and max, fault
precision and recall by code). Clips of exercises formcheck does not support are listed and skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from formcheck.analyze import analyze_video
from formcheck.evaluation import ClipResult, find_clips, judge, summarise
from formcheck.exercises import EXERCISES

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "benchmarks" / "baseline.json"
GATE_CLIPS = ("glute_bridge_side_incomplete_b", "plank_side_sag_a", "bird_dog_side_rushing_b")
"""Samples the test suite's regression gate runs: reps with faults, a hold with a sag, sides."""


def _fmt_range(label: dict | None, digits: int = 0) -> str:
    if not label:
        return "-"
    if label["min"] == label["max"]:
        return f"{label['expected']:.{digits}f}"
    return f"{label['expected']:.{digits}f} [{label['min']:.{digits}f}-{label['max']:.{digits}f}]"


def run(
    folders: list[Path], view: str | None = None, pose_fps: float | None = 15.0, only: str | None = None, auto: bool = False,
    model: str | None = None,
) -> list[ClipResult]:
    """Analyse each labelled clip (as its labelled exercise, or recognised with ``auto``) and judge it.
    Without ``auto``, clips of unsupported movements are skipped; with it they must come out unknown."""
    results = []
    for folder in folders:
        for clip in find_clips(folder):
            if only and only not in clip.name:
                continue
            if view and clip.view != view:
                continue
            supported = clip.exercise in EXERCISES
            if not supported and not auto:
                print(f"  skip {clip.name}: exercise {clip.exercise!r} not supported (use --auto to check it stays unknown)", file=sys.stderr)
                continue
            start = time.perf_counter()
            exercise = "auto" if auto else clip.exercise
            report = analyze_video(clip.video, exercise, model=model, max_pose_fps=pose_fps, progress=False).to_dict()
            results.append(judge(clip, report, time.perf_counter() - start, supported=supported))
    return results


def print_table(results: list[ClipResult]) -> None:
    header = (
        f"{'clip':36s} {'view':8s} {'exercise':>14s} {'recognised':>14s} {'reps exp':>10s} {'got':>4s}"
        f" {'hold exp':>18s} {'got':>6s} {'err':>6s}  faults (found/labelled, extra)  result"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        label = r.clip.label
        tp = sum(s.tp for s in r.faults.values())
        labelled = tp + sum(s.fn for s in r.faults.values())
        extra = [f"{code}x{s.fp}" for code, s in r.faults.items() if s.fp]
        err = f"{100 * r.hold_error:+.1f}%" if r.hold_error is not None else "-"
        recognised = r.report["exercise"] if r.recognised_ok is not None else "-"
        print(
            f"{r.clip.name[:36]:36s} {r.clip.view:8s} {r.clip.exercise[:14]:>14s} {recognised[:14]:>14s}"
            f" {_fmt_range(label.get('reps')):>10s} {r.report['reps']:>4d}"
            f" {_fmt_range(label.get('hold_s'), 1):>18s} {r.report['hold_s']:>6.1f} {err:>6s}"
            f"  {tp}/{labelled} {','.join(extra) or '':18s}  {'PASS' if r.passed else 'FAIL'}"
        )


def print_summary(results: list[ClipResult]) -> dict:
    summary = summarise(results)
    data = summary.to_dict()
    print()
    print(f"clips in range: {summary.passed}/{summary.clips} ({100 * summary.pass_rate:.0f}%)")
    if summary.hold_error_median is not None:
        print(f"hold-time error: median {100 * summary.hold_error_median:.1f}%, max {100 * summary.hold_error_max:.1f}%")
    for code, score in sorted(summary.faults.items()):
        p = "-" if score.precision is None else f"{score.precision:.2f}"
        rc = "-" if score.recall is None else f"{score.recall:.2f}"
        print(f"  fault {code:20s} precision {p:>5s}  recall {rc:>5s}  (tp {score.tp}, fp {score.fp}, fn {score.fn})")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "samples"])
    parser.add_argument("--view", help="only clips filmed from this view (side, oblique, front, rear)")
    parser.add_argument("--only", help="only clips whose name contains this")
    parser.add_argument("--pose-fps", type=float, default=15.0, help="as formcheck analyze (0: every frame)")
    parser.add_argument("--auto", action="store_true", help="recognise each clip's exercise instead of being told it")
    parser.add_argument("--json", type=Path, help="also write the per-clip results and summary here")
    parser.add_argument(
        "--write-baseline", action="store_true",
        help=f"run the regression gate's clips ({', '.join(GATE_CLIPS)}) and store their scores in {BASELINE.name}",
    )
    args = parser.parse_args(argv)
    if args.write_baseline:
        args.only = None
        results = [r for r in run([ROOT / "samples"], pose_fps=15.0) if r.clip.name in GATE_CLIPS]
        BASELINE.write_text(json.dumps({"clips": list(GATE_CLIPS), "summary": summarise(results).to_dict()}, indent=1) + "\n")
        print(f"wrote {BASELINE}")
        return 0
    results = run(args.folders, args.view, args.pose_fps or None, args.only, args.auto)
    if not results:
        print("no labelled clips of supported exercises found", file=sys.stderr)
        return 2
    print_table(results)
    summary = print_summary(results)
    if args.json:
        per_clip = [
            {
                "clip": r.clip.name, "view": r.clip.view, "exercise": r.clip.exercise,
                "recognised": r.report["exercise"] if r.recognised_ok is not None else None,
                "reps": r.report["reps"], "hold_s": r.report["hold_s"], "passed": r.passed,
                "hold_error": r.hold_error, "faults": r.report["faults"], "seconds": round(r.seconds, 2),
            }
            for r in results
        ]
        args.json.write_text(json.dumps({"clips": per_clip, "summary": summary}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
