"""``formcheck mcgill``: the four McGill holds from recorded clips, or live one after another,
then the times, the ratios against their targets, a JSON result and the trend over retests."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from formcheck.atomic import write_text_atomic
from formcheck.errors import InputError
from formcheck.exercises.endurance import McGillTest, endurance_s
from formcheck.mcgill import EXERCISE_OF, McGillResult, default_history_path, load_history, store_result, trend_lines
from formcheck.report import SAFETY_NOTE, Report

CLIP_OPTIONS: dict[McGillTest, str] = {
    McGillTest.FLEXION: "flexor",
    McGillTest.EXTENSION: "extensor",
    McGillTest.SIDE_RIGHT: "side_right",
    McGillTest.SIDE_LEFT: "side_left",
}
"""The argparse destination of each test's clip (``--flexor``, ``--extensor``, ``--side-right``, ``--side-left``)."""

GUIDE = {
    McGillTest.FLEXION: "Sit with knees and hips bent, feet held down, back on a support at 60 degrees, arms crossed. "
    "Helper: pull the support back 10 cm and press R at that moment.",
    McGillTest.EXTENSION: "Lie face down with the hips at the bench edge, legs strapped or held down by the helper, "
    "arms crossed, trunk held out level.",
    McGillTest.SIDE_RIGHT: "Lie on your right side on the right forearm, feet stacked or top foot in front, and lift the hips into line.",
    McGillTest.SIDE_LEFT: "Lie on your left side on the left forearm, feet stacked or top foot in front, and lift the hips into line.",
}
INTRO = (
    "McGill endurance battery: four holds, each until your form gives out. You need a helper: to hold your feet or "
    "legs down, to pull the support away in the flexor test, and to stay beside you. Rest a few minutes between "
    "holds. Stop at once if anything hurts. " + SAFETY_NOTE
)

Analyse = Callable[[McGillTest, Path, Path], Report]
"""Times one test from a clip: (test, clip, report path) -> its report."""


def analyse_clip(test: McGillTest, clip: Path, report_path: Path) -> Report:
    from formcheck.analyze import analyze_video

    return analyze_video(clip, EXERCISE_OF[test], output=None, report_path=report_path, progress=False)


def from_clips(clips: dict[McGillTest, Path], out_dir: Path, analyse: Analyse | None = None) -> McGillResult:
    """Each given clip analysed as its test (its report written beside the result)."""
    analyse = analyse or analyse_clip
    for test, clip in clips.items():
        if not clip.is_file():
            raise InputError(f"no such file for the {test.value} test: {clip}")
    times, sources = {}, {}
    for test, clip in clips.items():
        report = analyse(test, clip, out_dir / f"{clip.stem}.{EXERCISE_OF[test]}.report.json")
        times[test], sources[test] = endurance_s(report.events), str(clip)
    return McGillResult(times, sources=sources)


def live(args: argparse.Namespace, out_dir: Path, wait: Callable[[str], str] | None = None) -> McGillResult:
    """The four holds live, one after another: a short guide before each, ``q`` ends each hold
    (each hold's report is written to ``out_dir``)."""
    from formcheck.capture import CameraSource
    from formcheck.live import run_live

    wait = wait or input
    print(INTRO)
    times, sources = {}, {}
    for number, test in enumerate(McGillTest, 1):
        wait(f"\n[{number}/4] {test.value}: {GUIDE[test]}\nPress Enter when ready (q in the window ends the hold)... ")
        report_path = out_dir / f"mcgill-live-{EXERCISE_OF[test]}.report.json"
        report, _ = run_live(CameraSource(args.camera), EXERCISE_OF[test], model=args.model, report_path=report_path, mirror=args.mirror)
        times[test], sources[test] = endurance_s(report.events), f"camera {args.camera}"
        print(f"  {test.value}: {times[test]:.1f} s")
    return McGillResult(times, sources=sources)


def clips_given(args: argparse.Namespace) -> dict[McGillTest, Path]:
    return {test: Path(getattr(args, dest)) for test, dest in CLIP_OPTIONS.items() if getattr(args, dest)}


def run(args: argparse.Namespace, analyse: Analyse | None = None) -> int:
    """The command: measure, print, write the result, store it if asked, show the trend."""
    clips = clips_given(args)
    out = Path(args.out or Path("formcheck-out") / f"mcgill-{time.strftime('%Y%m%d-%H%M%S')}.json")
    result = from_clips(clips, out.parent, analyse) if clips else live(args, out.parent)
    print(result.summary())
    write_text_atomic(out, json.dumps(result.to_dict(), indent=1) + "\n")
    print(f"result: {out}")
    history_path = Path(args.history) if args.history else default_history_path()
    store = args.store if args.store is not None else not clips  # live tests are the user's own
    history = load_history(history_path)
    if store:
        store_result(result, history_path)
        history.append(result)
        print(f"stored in {history_path}")
    if history:
        print("retests:")
        print("\n".join(trend_lines(history)))
    if args.html:
        from formcheck.html import render_mcgill_page

        print(f"page: {render_mcgill_page(result.to_dict(), [h.to_dict() for h in history], args.html)}")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for test, dest in CLIP_OPTIONS.items():
        parser.add_argument(f"--{dest.replace('_', '-')}", dest=dest, metavar="CLIP", help=f"recorded clip of the {test.value} test")
    parser.add_argument("--camera", type=int, default=0, help="live: camera index (default 0); used when no clip is given")
    parser.add_argument("--model", help="a MediaPipe pose_landmarker_*.task file to use instead")
    parser.add_argument("--mirror", action="store_true", help="live: show the picture mirrored")
    parser.add_argument("--out", "-o", help="result JSON (default: formcheck-out/mcgill-DATE.json)")
    parser.add_argument("--html", help="also write a page with the ratios and the trend")
    parser.add_argument("--log", dest="history", metavar="PATH", help="the training log that keeps the retests (default: yours)")
    store = parser.add_mutually_exclusive_group()
    store.add_argument("--store", dest="store", action="store_true", default=None, help="add the result to the history (default when live)")
    store.add_argument("--no-store", dest="store", action="store_false", help="do not add it")
