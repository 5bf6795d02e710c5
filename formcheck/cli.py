"""The ``formcheck`` command: analyze a video, run live, list exercises, the training log.

User mistakes and bad input end with one line on stderr and a non-zero exit, never a traceback;
Ctrl-C, SIGTERM and SIGHUP end with the report of what was done so far (exit 128 + signal).
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from formcheck import __version__, options
from formcheck.errors import FormcheckError, InputError
from formcheck.outputs import NotSaved, check_analysis_outputs, check_outputs, report_output, video_output
from formcheck.log.commands import add_log_command, add_logging_flags, analyze_logs_by_default, log_session, video_given_as_log
from formcheck.core import AUTO
from formcheck.report import SAFETY_NOTE, Report
from formcheck.stopping import interrupted_exit_code, last_signal_name

EXIT_INTERRUPTED = 130
EXIT_NO_PERSON = 3
EXIT_CAMERA_LOST = 4
EXIT_SOME_FAILED = 1
DEFAULT_OUTPUT_DIR = Path("formcheck-out")
SAMPLES_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_SAMPLE = "glute_bridge_side_clean_a.mp4"
"""The clip ``formcheck analyze`` runs on when given no video: a copy of the rendered, labelled
sample, installed with the package so the README's first command works in any install."""


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
    video_given_as_log(args)
    video = Path(args.video) if args.video else _default_sample()
    exercise = args.exercise
    stem = video.stem
    output = None if args.no_video else Path(args.output or DEFAULT_OUTPUT_DIR / f"{stem}.annotated.mp4")
    report_path = Path(args.report or DEFAULT_OUTPUT_DIR / f"{stem}.report.json")
    check_analysis_outputs(video, output, report_path)  # before the slow imports: a mistake costs no time
    from formcheck.analyze import analyze_video
    from formcheck.session import DEFAULT_MAX_POSE_FPS

    pose_fps = DEFAULT_MAX_POSE_FPS if args.pose_fps is None else options.checked_pose_fps(args.pose_fps, video)
    voice = _voice_coach(speak=False) if args.voice else None

    try:
        report = analyze_video(
            video,
            exercise,
            output=output,
            report_path=report_path,
            model=args.model,
            max_pose_fps=pose_fps or None,
            progress=not args.quiet,
            listeners=[voice] if voice else [],
        )
    except NotSaved as failure:
        _print_report(failure.report, [])
        raise
    written = [f"report: {report_path}"] + ([f"annotated video: {output}"] if output else [])
    if voice is not None and output is not None and output.exists():
        from formcheck.voice.track import add_voice_track

        written.append(f"voice cues ({len(voice.cues)}): {add_voice_track(output, video, voice.cues, report.duration_s, voice.renderer)}")
    if args.html:
        from formcheck.html import render_report_page

        written.append(f"page: {render_report_page(report.to_dict(), args.html, video=video, log=_page_log(args.log))}")
    _print_report(report, written)
    if report.interrupted:
        print(f"formcheck: interrupted by {last_signal_name()}; the report covers what was analysed", file=sys.stderr)
        return interrupted_exit_code()
    if report.pose_frames == 0:
        print(f"formcheck: error: no person detected in {video}", file=sys.stderr)
        return EXIT_NO_PERSON
    return log_session(report.to_dict(), args, analyze_logs_by_default() and bool(args.video), None, report_path)


def cmd_live(args: argparse.Namespace) -> int:
    from formcheck.capture import CameraSource, PlaybackSource
    from formcheck.display import require_display
    from formcheck.live import run_live

    report_path = Path(args.report or DEFAULT_OUTPUT_DIR / f"live-{time.strftime('%Y%m%d-%H%M%S')}.report.json")
    record = video_output(args.record, "recording", "--record") if args.record else None
    check_outputs([report_output(report_path), record], [args.source] if args.source else [])
    if not args.no_window:
        require_display()
    plan = None
    if args.plan:
        from formcheck.plans import load_plan

        plan = load_plan(args.plan)
    voice = _voice_coach(speak=True) if args.voice else None
    if not args.speed > 0:
        raise InputError(f"--speed must be above 0, not {args.speed}")
    source = PlaybackSource(args.source, speed=args.speed) if args.source else CameraSource(args.camera, args.width, args.height)
    started_at = datetime.now().astimezone()
    try:
        report, stats = run_live(
            source,
            args.exercise,
            model=args.model,
            report_path=report_path,
            record_path=args.record,
            show_window=not args.no_window,
            mirror=args.mirror,
            plan=plan,
            setup_check=args.setup_check,
            voice=voice,
            voice_wav=args.voice_wav,
        )
    except NotSaved as failure:
        _print_report(failure.report, [])
        raise
    written = [f"report: {report_path}", f"live: {stats.display_fps:.1f} fps shown, {stats.analysis_fps:.1f} fps analysed"]
    if args.record:
        written.append(f"recording: {args.record}")
    _print_report(report, written)
    logged = log_session(report.to_dict(), args, True, started_at, report_path)
    lost = [w for w in report.warnings if "stopped delivering" in w]
    if lost:
        print(f"formcheck: error: {lost[0]}", file=sys.stderr)
        return EXIT_CAMERA_LOST
    if report.interrupted:
        print(f"formcheck: interrupted by {last_signal_name()}; the report covers what was done", file=sys.stderr)
        return interrupted_exit_code()
    return logged


def _voice_coach(speak: bool):
    from formcheck.voice import VoiceCoach

    return VoiceCoach(speak=speak)


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
        print(f"{'':14s} checks: {faults or 'times the hold to form failure'}")
        if not cls.auto_recognised:
            print(f"{'':14s} runs only when named ('formcheck mcgill', or -e {exercise_id}), never recognised automatically")
    print()
    print(SAFETY_NOTE)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The page of an existing report; its video (for fault frames) found as recorded, or beside it."""
    from formcheck.html import load_report, render_report_page
    from formcheck.log.config import log_path
    from formcheck.mcgill import load_history

    report_path = Path(args.report)
    report = load_report(report_path)
    source = Path(report.get("source") or "")
    video = args.video or next((p for p in (source, report_path.parent / source.name) if p.is_file()), None)
    mcgill = [r.to_dict() for r in load_history(log_path(args.log))] or None
    print(f"page: {render_report_page(report, args.html, video=video, log=_page_log(args.log), mcgill=mcgill)}")
    return 0


def _page_log(log: str | None):
    """The training log's weekly volume and ACWR for a session page (None: no log yet)."""
    from formcheck.html import LogView
    from formcheck.log.config import log_path
    from formcheck.log.summary import page_figures

    figures = page_figures(log_path(log))
    return LogView(**figures) if figures else None


def cmd_mcgill(args: argparse.Namespace) -> int:
    from formcheck.mcgill_run import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = options.OneLineParser(prog="formcheck", description="Camera-based exercise form checker.")
    parser.add_argument("--version", action="version", version=f"formcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="analyse a recorded video", description="Analyse a recorded video.")
    analyze.add_argument("video", nargs="?", help=f"video file (default: the bundled sample {DEFAULT_SAMPLE})")
    analyze.add_argument("--exercise", "-e", default=AUTO, help="exercise id (see 'formcheck exercises'); default: recognise it")
    analyze.add_argument("--output", "-o", help="annotated video to write (default: formcheck-out/NAME.annotated.mp4)")
    analyze.add_argument("--report", "-r", help="report JSON to write (default: formcheck-out/NAME.report.json)")
    analyze.add_argument("--no-video", action="store_true", help="skip the annotated video (faster)")
    analyze.add_argument("--model", metavar="lite|full|heavy|PATH", help="pose model size, or a PoseLandmarker .task file (default: full)")
    analyze.add_argument("--pose-fps", type=options.pose_fps, help="pose inferences per second of video (default 15, at most the video's; 0: every frame)")
    analyze.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    analyze.add_argument("--voice", action="store_true", help="mix the spoken cues into the annotated video's sound")
    analyze.add_argument("--html", metavar="PATH", help="also write the report as one self-contained web page")
    add_logging_flags(analyze, "default: only if the config file says [log] analyze = true")
    analyze.set_defaults(func=cmd_analyze)

    live = commands.add_parser("live", help="coach live from a camera", description="Coach live from a camera.")
    where = live.add_mutually_exclusive_group()
    where.add_argument("--camera", type=options.camera_index, default=0, help="camera index (default 0)")
    where.add_argument("--source", help="play a video file as if it were the camera")
    live.add_argument("--exercise", "-e", default=AUTO, help="exercise id (see 'formcheck exercises'); default: recognise it")
    live.add_argument("--report", "-r", help="report JSON to write at the end")
    live.add_argument("--record", help="also save the annotated video")
    live.add_argument("--model", metavar="lite|full|heavy|PATH", help="pose model size, or a PoseLandmarker .task file (default: full)")
    live.add_argument("--width", type=options.camera_side, default=640)
    live.add_argument("--height", type=options.camera_side, default=480)
    live.add_argument("--mirror", action="store_true", help="show the picture mirrored, like a mirror")
    live.add_argument("--no-window", action="store_true", help="no window (headless runs and tests)")
    live.add_argument("--speed", type=float, default=1.0, help="playback speed of --source (0.5: half speed, so a slow machine analyses more of its frames)")
    live.add_argument("--plan", help="run a plan: a built-in one (back-care) or a TOML file")
    live.add_argument("--setup-check", action=argparse.BooleanOptionalAction, default=True, help="check the camera view before counting (default on)")
    live.add_argument("--voice", action=argparse.BooleanOptionalAction, default=True, help="speak the cues (default on; key m mutes)")
    live.add_argument("--voice-wav", help="also write the spoken cues, at their times, to this WAV")
    add_logging_flags(live, "live sessions are logged by default")
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

    page = commands.add_parser("report", help="turn a report JSON into a web page", description="Write the page of an existing report.")
    page.add_argument("report", help="a report JSON written by 'analyze' or 'live'")
    page.add_argument("--html", metavar="PATH", required=True, help="the page to write (one file, opens offline)")
    page.add_argument("--video", help="the source video, for fault frames (default: the report's source)")
    page.add_argument("--log", metavar="PATH", help="the training log whose weekly volume, ACWR and McGill retests the page shows (default: yours)")
    page.set_defaults(func=cmd_report)

    from formcheck.mcgill_run import add_arguments as mcgill_arguments

    mcgill = commands.add_parser("mcgill", help="the McGill endurance battery: four timed holds and their ratios",
                                 description="McGill endurance battery, from four clips or live (a helper is needed).")
    mcgill_arguments(mcgill)
    mcgill.set_defaults(func=cmd_mcgill)
    add_log_command(commands)
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
    except OSError as error:
        if error.errno != errno.EIO:
            raise
        # The terminal was closed (SIGHUP): the files are written, and nobody is left to tell.
        return interrupted_exit_code()


if __name__ == "__main__":
    sys.exit(main())
