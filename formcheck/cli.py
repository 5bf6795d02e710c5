"""The ``formcheck`` command: analyze a video, run live, list exercises.

User mistakes and bad input end with one line on stderr and a non-zero exit, never a traceback;
Ctrl-C ends with the report of what was done so far.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from formcheck import __version__
from formcheck.errors import FormcheckError, InputError
from formcheck.recognition import AUTO
from formcheck.report import SAFETY_NOTE, Report

EXIT_INTERRUPTED = 130
EXIT_NO_PERSON = 3
EXIT_CAMERA_LOST = 4
EXIT_SOME_FAILED = 1
DEFAULT_OUTPUT_DIR = Path("formcheck-out")
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
DEFAULT_SAMPLE = "glute_bridge_side_clean_a.mp4"
"""The bundled clip ``formcheck analyze`` runs on when given no video (a rendered, labelled clip)."""


def _default_sample() -> Path:
    video = SAMPLES_DIR / DEFAULT_SAMPLE
    if not video.is_file():
        raise InputError(f"no video given and the bundled sample {video} is missing; pass a video file")
    return video


def _print_report(report: Report, written: list[str]) -> None:
    print(report.summary())
    for line in written:
        print(line)


def cmd_analyze(args: argparse.Namespace) -> int:
    from formcheck.analyze import analyze_video

    video = Path(args.video) if args.video else _default_sample()
    exercise = args.exercise
    stem = video.stem
    output = None if args.no_video else Path(args.output or DEFAULT_OUTPUT_DIR / f"{stem}.annotated.mp4")
    report_path = Path(args.report or DEFAULT_OUTPUT_DIR / f"{stem}.report.json")
    report = analyze_video(
        video,
        exercise,
        output=output,
        report_path=report_path,
        model=args.model,
        max_pose_fps=args.pose_fps or None,
        progress=not args.quiet,
    )
    written = [f"report: {report_path}"] + ([f"annotated video: {output}"] if output else [])
    _print_report(report, written)
    if report.interrupted:
        print("formcheck: interrupted; the report covers what was analysed", file=sys.stderr)
        return EXIT_INTERRUPTED
    if report.pose_frames == 0:
        print(f"formcheck: error: no person detected in {video}", file=sys.stderr)
        return EXIT_NO_PERSON
    return 0


def cmd_live(args: argparse.Namespace) -> int:
    from formcheck.capture import CameraSource, PlaybackSource
    from formcheck.live import run_live

    source = PlaybackSource(args.source) if args.source else CameraSource(args.camera, args.width, args.height)
    report_path = Path(args.report or DEFAULT_OUTPUT_DIR / f"live-{time.strftime('%Y%m%d-%H%M%S')}.report.json")
    report, stats = run_live(
        source,
        args.exercise,
        model=args.model,
        report_path=report_path,
        record_path=args.record,
        show_window=not args.no_window,
        mirror=args.mirror,
    )
    written = [f"report: {report_path}", f"live: {stats.display_fps:.1f} fps shown, {stats.analysis_fps:.1f} fps analysed"]
    if args.record:
        written.append(f"recording: {args.record}")
    _print_report(report, written)
    lost = [w for w in report.warnings if "stopped delivering" in w]
    if lost:
        print(f"formcheck: error: {lost[0]}", file=sys.stderr)
        return EXIT_CAMERA_LOST
    return EXIT_INTERRUPTED if report.interrupted else 0


def cmd_batch(args: argparse.Namespace) -> int:
    from collections import Counter

    from formcheck.batch import BatchOptions, ClipStatus, interrupted, run_batch

    if args.jobs < 1:
        raise InputError(f"--jobs must be at least 1, not {args.jobs}")
    options = BatchOptions(exercise=args.exercise, model=args.model, pose_fps=args.pose_fps or None, video=args.video)
    out = Path(args.out)
    results = run_batch(args.paths, out, options, jobs=args.jobs, scheduler=args.scheduler, progress=not args.quiet)
    counts = Counter(result.status.value for result in results)
    print(f"{len(results)} clips: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    print(f"summary: {out / 'summary.csv'} and {out / 'summary.json'}")
    for result in results:
        if result.status is ClipStatus.FAILED:
            where = "" if result.clip in result.error else f"{result.clip}: "
            print(f"formcheck: failed: {where}{result.error}", file=sys.stderr)
    if interrupted(results):
        print("formcheck: interrupted; rerun the same command to finish the rest", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_SOME_FAILED if counts[ClipStatus.FAILED.value] else 0


def cmd_exercises(args: argparse.Namespace) -> int:
    from formcheck.exercises import EXERCISES

    for exercise_id, cls in EXERCISES.items():
        counts = ("hold time" if cls.primary == "hold" else "reps") + (" per side" if cls.two_sided else "")
        faults = ", ".join(rule.code for rule in cls.fault_rules + cls.rep_fault_rules)
        print(f"{exercise_id:14s} {cls.title} - counts {counts}; best view: {cls.view}")
        print(f"{'':14s} filming: {cls.filming}")
        print(f"{'':14s} checks: {faults}")
    print()
    print(SAFETY_NOTE)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="formcheck", description="Camera-based exercise form checker.")
    parser.add_argument("--version", action="version", version=f"formcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="analyse a recorded video", description="Analyse a recorded video.")
    analyze.add_argument("video", nargs="?", help=f"video file (default: the bundled sample {DEFAULT_SAMPLE})")
    analyze.add_argument("--exercise", "-e", default=AUTO, help="exercise id (see 'formcheck exercises'); default: recognise it")
    analyze.add_argument("--output", "-o", help="annotated video to write (default: formcheck-out/NAME.annotated.mp4)")
    analyze.add_argument("--report", "-r", help="report JSON to write (default: formcheck-out/NAME.report.json)")
    analyze.add_argument("--no-video", action="store_true", help="skip the annotated video (faster)")
    analyze.add_argument("--model", metavar="lite|full|heavy|PATH", help="pose model size, or a PoseLandmarker .task file (default: full)")
    analyze.add_argument("--pose-fps", type=float, default=15.0, help="pose inferences per second of video (0: every frame)")
    analyze.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    analyze.set_defaults(func=cmd_analyze)

    live = commands.add_parser("live", help="coach live from a camera", description="Coach live from a camera.")
    where = live.add_mutually_exclusive_group()
    where.add_argument("--camera", type=int, default=0, help="camera index (default 0)")
    where.add_argument("--source", help="play a video file as if it were the camera")
    live.add_argument("--exercise", "-e", default=AUTO, help="exercise id (see 'formcheck exercises'); default: recognise it")
    live.add_argument("--report", "-r", help="report JSON to write at the end")
    live.add_argument("--record", help="also save the annotated video")
    live.add_argument("--model", metavar="lite|full|heavy|PATH", help="pose model size, or a PoseLandmarker .task file (default: full)")
    live.add_argument("--width", type=int, default=640)
    live.add_argument("--height", type=int, default=480)
    live.add_argument("--mirror", action="store_true", help="show the picture mirrored, like a mirror")
    live.add_argument("--no-window", action="store_true", help="no window (headless runs and tests)")
    live.set_defaults(func=cmd_live)

    batch = commands.add_parser("batch", help="analyse every video under some folders", description="Analyse many videos: one report each and a summary table.")
    batch.add_argument("paths", nargs="+", metavar="PATH", help="video files, folders (searched recursively) or glob patterns")
    batch.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes (default: one per core)")
    batch.add_argument("--out", default=str(DEFAULT_OUTPUT_DIR), help=f"output folder (default: {DEFAULT_OUTPUT_DIR})")
    batch.add_argument("--exercise", "-e", default=AUTO, help="exercise id for every clip; default: recognise it")
    batch.add_argument("--video", action="store_true", help="also write each clip's annotated video")
    batch.add_argument("--model", default="full", metavar="lite|full|heavy|PATH", help="pose model size, or a .task file (default: full)")
    batch.add_argument("--pose-fps", type=float, default=15.0, help="pose inferences per second of video (0: every frame)")
    batch.add_argument("--scheduler", metavar="tcp://HOST:8786", help="run on this Dask cluster (pip install 'formcheck[cluster]')")
    batch.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    batch.set_defaults(func=cmd_batch)

    exercises = commands.add_parser("exercises", help="list supported exercises and how to film them")
    exercises.set_defaults(func=cmd_exercises)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FormcheckError as error:
        print(f"formcheck: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("formcheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); nothing left to say to it.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
