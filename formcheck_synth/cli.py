"""Command line: render one synthetic exercise clip and its label file.

Example: python -m formcheck_synth --exercise glute_bridge --view side --reps 3 \\
             --fault incomplete_extension:2 --out out/clips
"""

from __future__ import annotations

import argparse
import sys

from formcheck_synth.body import BODY_NAMES
from formcheck_synth.spec import EXERCISES, SIDES, VIEWS, ClipSpec, FaultSpec, Tempo


def parse_fault(text: str) -> FaultSpec:
    """CODE (every rep), CODE:2,3 (those reps) or CODE:4.5-8 (posture fault from 4.5 s to 8 s)."""
    code, _, where = text.partition(":")
    if not where:
        return FaultSpec(code)
    try:
        if "-" in where:
            start, end = (float(x) for x in where.split("-", 1))
            return FaultSpec(code, start_s=start, end_s=end)
        return FaultSpec(code, reps=tuple(int(x) for x in where.split(",")))
    except ValueError:
        raise ValueError(f"cannot read fault {text!r}: use CODE, CODE:2,3 or CODE:4.5-8") from None


def parse_tempo(text: str) -> Tempo:
    try:
        up, pause, down, rest = (float(x) for x in text.split(","))
    except ValueError:
        raise ValueError(f"cannot read tempo {text!r}: use UP,PAUSE,DOWN,REST seconds, e.g. 1,1.5,1.2,0.8") from None
    if min(up, down) <= 0 or min(pause, rest) < 0:
        raise ValueError("tempo phases must be positive (pause and rest may be 0)")
    return Tempo(up, pause, down, rest)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m formcheck_synth", description="Render a synthetic exercise clip with labels.")
    p.add_argument("--exercise", required=True, choices=EXERCISES)
    p.add_argument("--view", default="side", choices=VIEWS)
    p.add_argument("--body", default="a", choices=BODY_NAMES, help="a-f: see formcheck_synth.body.BODY_NAMES (heights 1.55-1.85 m)")
    p.add_argument("--reps", type=int, default=3, help="total reps (bird_dog alternates sides)")
    p.add_argument("--hold", type=float, default=10.0, help="hold seconds (plank, side_plank, prone_press_up, childs_pose, figure_four)")
    p.add_argument("--tempo", help="UP,PAUSE,DOWN,REST seconds per rep")
    p.add_argument("--fault", action="append", default=[], help="CODE, CODE:REPS (2,3) or CODE:START-END (s); repeatable")
    p.add_argument(
        "--side", default="left", choices=SIDES,
        help="first raised arm (bird_dog, dead_bug), supporting forearm (side_plank), crossed leg (figure_four), standing leg (single_leg_romanian_deadlift)",
    )
    p.add_argument("--camera-side", default="left", choices=SIDES, help="person's side facing a side/oblique camera")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--width", type=int, default=960)
    p.add_argument("--height", type=int, default=540)
    p.add_argument("--fps", type=float, default=30.0)
    p.add_argument("--settle", type=float, default=2.0, help="seconds in the start position before moving")
    p.add_argument("--no-noise", action="store_true", help="no sensor noise")
    p.add_argument("--jpeg-quality", type=int, default=80, help="per-frame JPEG round trip quality; 0 for none")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--name", default="video", help="file stem: NAME.mp4 and NAME.json")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from formcheck_synth.render import write_clip

    try:
        spec = ClipSpec(
            exercise=args.exercise, view=args.view, body=args.body, reps=args.reps, hold_s=args.hold,
            tempo=parse_tempo(args.tempo) if args.tempo else None,
            faults=tuple(parse_fault(f) for f in args.fault), side=args.side, camera_side=args.camera_side,
            seed=args.seed, width=args.width, height=args.height, fps=args.fps, settle_s=args.settle,
            noise=not args.no_noise, jpeg_quality=args.jpeg_quality or None,
        ).validate()  # fmt: skip
        video, labels = write_clip(spec, args.out, args.name)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: cannot write to {args.out}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"wrote {video} and {labels}")
    return 0
