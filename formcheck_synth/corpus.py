"""The training corpus: clip specs (movement x camera placement x body x seed), rendered and cached as
MediaPipe landmarks with per-frame labels.

    python -m formcheck_synth.corpus list [--smoke]
    python -m formcheck_synth.corpus build [--smoke] [--out DIR] [--jobs N] [--only NAME ...]

The full corpus shows every condition (each supported exercise clean and with each of its faults, and
each negative movement) once from every camera placement that suits its position, the bodies rotated
through; the smoke set shows every condition once. Everything follows from the names and seeds, so the
corpus regenerates exactly. Video is never kept: each clip is rendered, run through formcheck's own
PoseEstimator, and cached as one compressed npz (landmarks, visibility, true landmark pixels and
occlusion, per-frame labels, the clip's spec and camera) in DIR (default `$FORMCHECK_CORPUS`, else
`.cache/corpus`). Clips already cached are skipped, so a stopped build resumes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import zlib
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from formcheck_synth.body import BODY_NAMES, load_body
from formcheck_synth.labels import NO_EXERCISE
from formcheck_synth.movement import EXERCISE_POSITIONS, NEGATIVES, ExerciseMovement, Movement, Position
from formcheck_synth.negatives import load_negatives
from formcheck_synth.placements import PLACEMENTS, pitch_deg, place_camera
from formcheck_synth.posing import pose_body
from formcheck_synth.props import scene_points
from formcheck_synth.render import Stage, iter_frames
from formcheck_synth.scene import Background, make_look, render_background
from formcheck_synth.spec import DEFAULT_TEMPO, EXERCISES, FAULT_CODES, POSTURE_FAULTS, REP_EXERCISES, TOP_ARMS, ClipSpec, FaultSpec, Tempo
from formcheck_synth.timeline import LIFT_S

CACHE_ENV = "FORMCHECK_CORPUS"
DEFAULT_CACHE = Path(".cache/corpus")
#: Corpus frames: what the issue sizes the corpus by (about 8 s clips at 15 fps); 640x360 is a webcam's
#: smallest common 16:9 mode, and the pose model sees 256x256 crops anyway.
WIDTH, HEIGHT, FPS = 640, 360, 15.0
SETTLE_S = 0.8
#: Rep exercises do two reps at 85% of their default tempo (about 8-9 s); the second shows the fault.
REPS, TEMPO_SCALE, FAULTY_REP = 2, 0.85, 2
#: Holds last 5 s; a posture fault is labelled from 1.5 s to 3.5 s into the hold.
HOLD_S, POSTURE_FAULT_S = 5.0, (1.5, 3.5)
#: Room light: an overall level and a colour cast per clip (multipliers on every surface's colour).
ROOM_LIGHT = (0.7, 1.15)
COLOUR_CAST = 0.06
#: Postures sampled to find the body's extent over a clip, for the camera.
EXTENT_SAMPLES = 24
CLEAN = "clean"


@dataclass(frozen=True)
class CorpusClip:
    """One corpus clip: a movement (a supported exercise or a negative), its fault (exercises; None for
    clean), a camera placement, a body and a seed."""

    motion: str
    fault: str | None
    placement: str
    body: str
    seed: int
    camera_side: str

    @property
    def is_exercise(self) -> bool:
        return self.motion in EXERCISES

    @property
    def name(self) -> str:
        condition = self.fault or (CLEAN if self.is_exercise else "none")
        return f"{self.motion}-{condition}-{self.placement}-{self.body}"


@dataclass(frozen=True)
class FrameSettings:
    """What `render.render_frame` reads from a clip spec: frame size, rate, seed and camera effects."""

    width: int = WIDTH
    height: int = HEIGHT
    fps: float = FPS
    seed: int = 0
    noise: bool = True
    jpeg_quality: int | None = 80


def conditions() -> list[tuple[str, str | None]]:
    """Every (movement, fault) the corpus shows: each exercise clean and with each of its faults, then
    each negative movement."""
    load_negatives()
    out: list[tuple[str, str | None]] = []
    for exercise in EXERCISES:
        out += [(exercise, None)] + [(exercise, code) for code in FAULT_CODES[exercise]]
    return out + [(name, None) for name in sorted(NEGATIVES)]


def position_of(motion: str) -> Position:
    if motion in EXERCISES:
        return EXERCISE_POSITIONS.get(motion, Position.SUPINE)
    load_negatives()
    return NEGATIVES[motion].position


def _condition_hash(motion: str, fault: str | None) -> int:
    """A stable number for a condition: clip assignments depend on nothing else, so adding a
    condition or an exercise never renames (and so never re-renders) the clips of the others."""
    return zlib.crc32(f"{motion}-{fault}".encode())


def _clip(motion: str, fault: str | None, placement: str, body: str) -> CorpusClip:
    draft = CorpusClip(motion, fault, placement, body, 0, "left")
    seed = zlib.crc32(draft.name.encode()) & 0x7FFFFFFF
    return replace(draft, seed=seed, camera_side="left" if seed % 2 == 0 else "right")


def full_corpus() -> list[CorpusClip]:
    """Each condition once per suitable camera placement, taking the bodies in turn from a point set
    by the condition, so each condition is seen on as many bodies as it has placements."""
    clips = []
    for motion, fault in conditions():
        first = _condition_hash(motion, fault)
        suitable = [p for p in PLACEMENTS.values() if p.suits(position_of(motion))]
        for pi, placement in enumerate(suitable):
            clips.append(_clip(motion, fault, placement.name, BODY_NAMES[(first + pi) % len(BODY_NAMES)]))
    return clips


def spread(clips: list[CorpusClip]) -> list[CorpusClip]:
    """``clips`` reordered round-robin by movement (each round takes every movement's next clip), so
    a build stopped part way has covered every movement on as many placements as it could."""
    by_motion: dict[str, list[CorpusClip]] = {}
    for clip in clips:
        by_motion.setdefault(clip.motion, []).append(clip)
    rounds = max((len(v) for v in by_motion.values()), default=0)
    return [group[i] for i in range(rounds) for group in by_motion.values() if i < len(group)]


def smoke_corpus() -> list[CorpusClip]:
    """Each condition once, on a placement and a body set by the condition."""
    clips = []
    for motion, fault in conditions():
        h = _condition_hash(motion, fault)
        suitable = [p for p in PLACEMENTS.values() if p.suits(position_of(motion))]
        placement = suitable[(h // len(BODY_NAMES)) % len(suitable)]
        clips.append(_clip(motion, fault, placement.name, BODY_NAMES[h % len(BODY_NAMES)]))
    return clips


def exercise_spec(clip: CorpusClip) -> ClipSpec:
    """The clip generator's spec for an exercise clip: two reps (the second faulty) or a 5 s hold."""
    rng = np.random.default_rng([clip.seed, 5])
    side = "left" if rng.random() < 0.5 else "right"
    top_arm = TOP_ARMS[int(rng.integers(len(TOP_ARMS)))] if clip.motion == "side_plank" else TOP_ARMS[0]
    faults: tuple[FaultSpec, ...] = ()
    if clip.fault in POSTURE_FAULTS:
        start = SETTLE_S + LIFT_S
        faults = (FaultSpec(clip.fault, start_s=start + POSTURE_FAULT_S[0], end_s=start + POSTURE_FAULT_S[1]),)
    elif clip.fault is not None:
        faults = (FaultSpec(clip.fault, reps=(FAULTY_REP,)),)
    tempo = None
    if clip.motion in REP_EXERCISES:
        base = DEFAULT_TEMPO.get(clip.motion, DEFAULT_TEMPO["glute_bridge"])
        tempo = Tempo(*(TEMPO_SCALE * x for x in (base.up_s, base.top_pause_s, base.down_s, base.rest_s)))
    return ClipSpec(
        exercise=clip.motion, body=clip.body, reps=REPS, hold_s=HOLD_S, tempo=tempo, faults=faults, side=side, top_arm=top_arm,
        camera_side=clip.camera_side, seed=clip.seed, width=WIDTH, height=HEIGHT, fps=FPS, settle_s=SETTLE_S,
    ).validate()  # fmt: skip


def make_movement(clip: CorpusClip) -> Movement:
    body = load_body(clip.body)
    if clip.is_exercise:
        return ExerciseMovement(exercise_spec(clip), body)
    load_negatives()
    return NEGATIVES[clip.motion](body, clip.seed, clip.camera_side)


def set_stage(clip: CorpusClip, settings: FrameSettings | None = None) -> Stage:
    """Body, movement, camera, look and room for a corpus clip."""
    settings = replace(settings or FrameSettings(), seed=clip.seed)
    rng = np.random.default_rng([clip.seed, 1])
    body = load_body(clip.body)
    movement = make_movement(clip)
    times = np.linspace(0.0, movement.duration_s, EXTENT_SAMPLES)
    posed = [(t, pose_body(body, movement.posture_at(t))) for t in times]
    points = np.concatenate([scene_points(p.vertices[::5], movement.props_at(t, p)) for t, p in posed])
    camera = place_camera(PLACEMENTS[clip.placement], movement.directions(), points, settings.width, settings.height, rng)
    lo, hi = points.min(axis=0), points.max(axis=0)
    look = make_look(body, rng)
    background = render_background(camera, (lo + hi) / 2, float(np.linalg.norm(hi[:2] - lo[:2]) / 2), True, rng)
    light = rng.uniform(*ROOM_LIGHT) * (1.0 + rng.uniform(-COLOUR_CAST, COLOUR_CAST, 3))
    look = replace(look, vertex_albedo=look.vertex_albedo * light)
    background = Background(np.clip(background.image * light, 0.0, 1.0), background.floor_mask)
    return Stage(settings, body, movement, camera, look, background)  # type: ignore[arg-type]


def cache_dir(out: str | None) -> Path:
    return Path(out or os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


def build_clip(clip: CorpusClip, out_dir: Path, settings: FrameSettings | None = None) -> dict | None:
    """Render a clip, run the pose model on every frame and cache the result as OUT_DIR/NAME.npz.

    Returns timings (s) and counts, or None when the clip was already cached. The npz is written to
    a `.partial` file and renamed, so a stopped build never leaves a half-written clip behind.
    """
    from importlib.metadata import version

    from formcheck.pose.estimator import PoseEstimator

    path = out_dir / f"{clip.name}.npz"
    if path.exists():
        return None
    started = time.perf_counter()
    stage = set_stage(clip, settings)
    fps, n = stage.spec.fps, stage.n_frames
    times = np.arange(n) / fps
    world = np.full((n, 33, 3), np.nan, np.float32)
    image_xy = np.full((n, 33, 2), np.nan, np.float32)
    image_z = np.full((n, 33), np.nan, np.float32)
    visibility = np.zeros((n, 33), np.float32)
    true_xy = np.zeros((n, 33, 2), np.float32)
    occluded = np.zeros((n, 33), bool)
    render_s = pose_s = 0.0
    set_up_s = time.perf_counter() - started
    with PoseEstimator() as estimator:
        pose_model = f"mediapipe {version('mediapipe')} {estimator.model_path.name}"
        tick = time.perf_counter()
        for i, frame in enumerate(iter_frames(stage)):
            tock = time.perf_counter()
            render_s += tock - tick
            pose = estimator.estimate(np.ascontiguousarray(frame.image[..., ::-1]), float(times[i]))
            tick = time.perf_counter()
            pose_s += tick - tock
            true_xy[i], occluded[i] = frame.landmarks_xy, frame.occluded
            if pose is not None:
                world[i], image_xy[i], image_z[i], visibility[i] = pose.world, pose.xy, pose.depth, pose.visibility
    labels = stage.motion.frame_labels(times)
    camera = stage.camera
    meta = {
        **asdict(clip), "name": clip.name, "position": position_of(clip.motion).value,
        "exercise": labels.exercise if clip.is_exercise else NO_EXERCISE, "frames": n, "fps": fps,
        "width": camera.width, "height": camera.height, "body_height_m": round(stage.body.height_m, 3),
        "camera_position_m": np.round(camera.position, 3).tolist(), "camera_pitch_deg": round(pitch_deg(camera), 2),
        "camera_fov_deg": round(float(np.degrees(2 * np.arctan(camera.width / 2 / camera.focal_px))), 2),
        "spec": stage.motion.spec.to_dict() if clip.is_exercise else None,
        "pose_model": pose_model,
    }  # fmt: skip
    arrays = {
        "t_s": times.astype(np.float32), "detected": ~np.isnan(world[:, 0, 0]), "world": world,
        "image_xy": image_xy, "image_z": image_z, "visibility": visibility, "true_xy": true_xy,
        "true_occluded": occluded, "meta": np.array(json.dumps(meta, sort_keys=True)), **labels.arrays(),
    }  # fmt: skip
    out_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as f:
        np.savez_compressed(f, **arrays)
    os.replace(partial, path)
    return {"frames": n, "detected": int(arrays["detected"].sum()), "set_up_s": set_up_s, "render_s": render_s, "pose_s": pose_s}


def load_clip(path: str | Path) -> dict:
    """A cached clip as a dict of arrays, with `meta` decoded."""
    with np.load(path) as data:
        out = {k: data[k] for k in data.files}
    out["meta"] = json.loads(str(out["meta"]))
    return out


def _build_one(job: tuple[CorpusClip, str, FrameSettings | None]) -> tuple[str, dict | None]:
    clip, out, settings = job
    return clip.name, build_clip(clip, Path(out), settings)


def build(clips: list[CorpusClip], out_dir: Path, jobs: int, settings: FrameSettings | None = None) -> int:
    """Build every clip not yet cached, in `jobs` processes; print one line per clip and a summary."""
    todo = spread([c for c in clips if not (out_dir / f"{c.name}.npz").exists()])
    print(f"{len(clips) - len(todo)} of {len(clips)} clips cached in {out_dir}; building {len(todo)}", flush=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs_list = [(c, str(out_dir), settings) for c in todo]
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            results = pool.imap_unordered(_build_one, jobs_list)
            frames, render_s, pose_s = _report(results, len(todo))
    else:
        frames, render_s, pose_s = _report(map(_build_one, jobs_list), len(todo))
    if frames:
        print(f"built {len(todo)} clips, {int(frames)} frames: render {render_s / frames:.3f} s/frame, pose {pose_s / frames:.3f} s/frame")
    return 0


def _report(results, total: int) -> tuple[float, float, float]:
    frames = render_s = pose_s = 0.0
    for k, (name, stats) in enumerate(results, 1):
        if stats is None:
            continue
        frames += stats["frames"]
        render_s += stats["render_s"]
        pose_s += stats["pose_s"]
        print(
            f"[{k}/{total}] {name}: {stats['frames']} frames, detected {stats['detected']}, set-up {stats['set_up_s']:.1f} s, "
            f"render {stats['render_s'] / stats['frames']:.3f} s/frame, pose {stats['pose_s'] / stats['frames']:.3f} s/frame",
            flush=True,
        )
    return frames, render_s, pose_s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m formcheck_synth.corpus", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("list", "print the clip names and counts"), ("build", "render, run the pose model and cache")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--smoke", action="store_true", help="the smoke set (each condition once) instead of the full corpus")
        p.add_argument("--only", nargs="*", help="clip names to take (default: all)")
        if name == "build":
            p.add_argument("--out", help=f"cache folder (default: ${CACHE_ENV}, else {DEFAULT_CACHE})")
            p.add_argument("--jobs", type=int, default=1, help="processes (default 1)")
    args = parser.parse_args(argv)
    clips = smoke_corpus() if args.smoke else full_corpus()
    if args.only:
        names = {c.name for c in clips}
        unknown = [n for n in args.only if n not in names]
        if unknown:
            print(f"error: not in the {'smoke' if args.smoke else 'full'} corpus: {', '.join(unknown)}", file=sys.stderr)
            return 2
        clips = [c for c in clips if c.name in set(args.only)]
    if args.command == "list":
        for clip in clips:
            print(clip.name)
        exercises = sum(c.is_exercise for c in clips)
        print(f"{len(clips)} clips: {exercises} of supported exercises, {len(clips) - exercises} negative", file=sys.stderr)
        return 0
    if args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    try:
        return build(clips, cache_dir(args.out), args.jobs)
    except OSError as err:
        print(f"error: cannot write the corpus cache: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: finished clips are kept; run build again to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
