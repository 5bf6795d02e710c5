"""Regenerate the sample clips in samples/ deterministically: python -m formcheck_synth.samples [OUT_DIR]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from formcheck_synth.spec import ClipSpec, FaultSpec, Tempo

#: Sample resolution, frame rate and time in the start position: small files, still 30 fps.
WIDTH, HEIGHT, FPS, SETTLE_S = 854, 480, 30.0, 1.5
BRIDGE_TEMPO = Tempo(up_s=0.9, top_pause_s=1.2, down_s=1.0, rest_s=0.5)
BIRD_DOG_TEMPO = Tempo(up_s=0.9, top_pause_s=1.0, down_s=0.9, rest_s=0.4)


def _spec(exercise: str, view: str, body: str, seed: int, **kw) -> ClipSpec:
    if exercise == "glute_bridge":
        kw.setdefault("tempo", BRIDGE_TEMPO)
    if exercise == "bird_dog":
        kw.setdefault("tempo", BIRD_DOG_TEMPO)
    return ClipSpec(
        exercise=exercise, view=view, body=body, seed=seed, width=WIDTH, height=HEIGHT, fps=FPS,
        settle_s=SETTLE_S, jpeg_quality=None, **kw,
    )  # fmt: skip


#: name -> spec. Bridges: 3 reps of about 3.6 s; bird dogs: 2 reps per side of about 3.2 s; planks and
#: side planks: 8 s holds that start at 2.5 s (1.5 s settled + 1 s lift), so posture faults are
#: labelled in clip time within 2.5-10.5 s.
SAMPLES: dict[str, ClipSpec] = {
    "glute_bridge_side_clean_a": _spec("glute_bridge", "side", "a", 101, reps=3),
    "glute_bridge_side_incomplete_b": _spec(
        "glute_bridge", "side", "b", 102, reps=3, camera_side="right", faults=(FaultSpec("incomplete_extension", reps=(2, 3)),)
    ),
    "glute_bridge_oblique_overarch_a": _spec(
        "glute_bridge", "oblique", "a", 103, reps=3, faults=(FaultSpec("over_arching", reps=(2,)),)
    ),
    "glute_bridge_oblique_rushing_b": _spec(
        "glute_bridge", "oblique", "b", 104, reps=4, faults=(FaultSpec("rushing", reps=(2, 3)),)
    ),
    "plank_side_clean_b": _spec("plank", "side", "b", 201, hold_s=8.0),
    "plank_side_sag_a": _spec(
        "plank", "side", "a", 202, hold_s=8.0, camera_side="right", faults=(FaultSpec("hip_sag", start_s=6.0, end_s=9.0),)
    ),
    "plank_oblique_pike_b": _spec(
        "plank", "oblique", "b", 203, hold_s=8.0, faults=(FaultSpec("hip_pike", start_s=5.5, end_s=8.5),)
    ),
    "plank_oblique_clean_a": _spec("plank", "oblique", "a", 204, hold_s=8.0),
    "bird_dog_side_clean_a": _spec("bird_dog", "side", "a", 301, reps=4),
    "bird_dog_oblique_below_level_b": _spec(
        "bird_dog", "oblique", "b", 302, reps=4, faults=(FaultSpec("limb_below_level", reps=(2, 3)),)
    ),
    "bird_dog_rear_oblique_hip_rotation_a": _spec(
        "bird_dog", "rear_oblique", "a", 303, reps=4, faults=(FaultSpec("hip_rotation", reps=(1, 4)),)
    ),
    "bird_dog_side_rushing_b": _spec(
        "bird_dog", "side", "b", 304, reps=4, camera_side="right", faults=(FaultSpec("rushing", reps=(3, 4)),)
    ),
    "side_plank_front_clean_a": _spec("side_plank", "front", "a", 401, hold_s=8.0, side="left"),
    "side_plank_front_drop_b": _spec(
        "side_plank", "front", "b", 402, hold_s=8.0, side="right", faults=(FaultSpec("hip_drop", start_s=5.0, end_s=8.0),)
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default="samples", help="output folder (default: samples)")
    parser.add_argument("--only", nargs="*", help="names of the samples to render (default: all)")
    args = parser.parse_args(argv)
    from formcheck_synth.render import write_clip

    names = args.only or list(SAMPLES)
    unknown = [n for n in names if n not in SAMPLES]
    if unknown:
        print(f"error: unknown sample(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    for name in names:
        video, _ = write_clip(SAMPLES[name], Path(args.out), name)
        print(f"{video} {video.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
