"""What a synthetic clip shows: the exercise, camera, body, reps or hold, tempo and injected faults."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from formcheck_synth.body import BODY_NAMES
from formcheck_synth.motions.catalog import ENTRIES

EXERCISES = ("glute_bridge", "plank", "side_plank", "bird_dog", *ENTRIES)
VIEWS = ("side", "oblique", "front", "rear", "rear_oblique")
SIDES = ("left", "right")
#: Where a side plank's top arm is held: along the flank, or raised to the ceiling (the "active" side
#: plank of fitness videos, which recognition must know as well).
TOP_ARMS = ("flank", "raised")
REP_EXERCISES = ("glute_bridge", "bird_dog", *(name for name, e in ENTRIES.items() if e.reps))
#: Fault codes each exercise can show.
FAULT_CODES = {
    "glute_bridge": ("incomplete_extension", "over_arching", "rushing"),
    "plank": ("hip_sag", "hip_pike"),
    "side_plank": ("hip_drop",),
    "bird_dog": ("limb_below_level", "hip_rotation", "rushing"),
    **{name: e.faults + e.posture_faults for name, e in ENTRIES.items()},
}
#: Faults of the held posture, set by a time interval; the others apply to whole reps.
POSTURE_FAULTS = ("hip_sag", "hip_pike", "hip_drop", *sorted({f for e in ENTRIES.values() for f in e.posture_faults}))


@dataclass(frozen=True)
class Tempo:
    """Seconds for each phase of a rep: lifting, pausing at the top, lowering, resting at the bottom."""

    up_s: float
    top_pause_s: float
    down_s: float
    rest_s: float


#: Default tempo per rep exercise (exercises.md: a pause of a couple of seconds at the top of a bridge,
#: about a second for a bird dog).
DEFAULT_TEMPO = {
    "glute_bridge": Tempo(up_s=1.0, top_pause_s=1.5, down_s=1.2, rest_s=0.8),
    "bird_dog": Tempo(up_s=1.1, top_pause_s=1.0, down_s=1.0, rest_s=0.6),
    **{name: Tempo(*e.tempo) for name, e in ENTRIES.items() if e.tempo},
}


@dataclass(frozen=True)
class FaultSpec:
    """A fault to inject.

    Rep faults (incomplete_extension, over_arching, rushing, limb_below_level, hip_rotation) apply to
    the 1-based `reps` listed (all reps when empty). Posture faults (hip_sag, hip_pike, hip_drop) apply
    from `start_s` to `end_s` (clip time): the fault is past half its full amount exactly then, and
    ramps in and out around those times.
    """

    code: str
    reps: tuple[int, ...] = ()
    start_s: float | None = None
    end_s: float | None = None


@dataclass(frozen=True)
class ClipSpec:
    """Everything that determines a synthetic clip; the same spec always renders the same frames.

    `reps` is the total rep count (bird dog alternates sides, starting with the arm on `side`); `hold_s`
    is the hold duration for plank and side_plank. `side` is the bird dog's first raised arm or the
    side plank's supporting forearm, `top_arm` where the side plank's other arm is; `camera_side` is
    which side of the person faces a side or oblique camera. `settle_s` is the time in the start
    position before the first rep or the lift.
    """

    exercise: str
    view: str = "side"
    body: str = "a"
    reps: int = 3
    hold_s: float = 10.0
    tempo: Tempo | None = None
    faults: tuple[FaultSpec, ...] = ()
    side: str = "left"
    top_arm: str = "flank"
    camera_side: str = "left"
    seed: int = 0
    width: int = 960
    height: int = 540
    fps: float = 30.0
    settle_s: float = 2.0
    noise: bool = True
    jpeg_quality: int | None = 80

    @property
    def is_reps(self) -> bool:
        return self.exercise in REP_EXERCISES

    @property
    def effective_tempo(self) -> Tempo:
        return self.tempo or DEFAULT_TEMPO.get(self.exercise, DEFAULT_TEMPO["glute_bridge"])

    def validate(self) -> ClipSpec:
        """Raise ValueError with a one-line reason if the spec cannot be rendered; return self."""
        _choice("exercise", self.exercise, EXERCISES)
        _choice("view", self.view, VIEWS)
        _choice("body", self.body, BODY_NAMES)
        _choice("side", self.side, SIDES)
        _choice("camera_side", self.camera_side, SIDES)
        _choice("top_arm", self.top_arm, TOP_ARMS)
        if self.is_reps and not 1 <= self.reps <= 50:
            raise ValueError(f"reps must be between 1 and 50, got {self.reps}")
        if not self.is_reps and not 1.0 <= self.hold_s <= 300.0:
            raise ValueError(f"hold_s must be between 1 and 300 s, got {self.hold_s}")
        if not (64 <= self.width <= 3840 and 64 <= self.height <= 2160):
            raise ValueError(f"frame size {self.width}x{self.height} is out of range")
        if not 1.0 <= self.fps <= 120.0:
            raise ValueError(f"fps must be between 1 and 120, got {self.fps}")
        if self.settle_s < 0:
            raise ValueError("settle_s must not be negative")
        if self.jpeg_quality is not None and not 10 <= self.jpeg_quality <= 100:
            raise ValueError(f"jpeg_quality must be between 10 and 100, got {self.jpeg_quality}")
        for fault in self.faults:
            _choice(f"fault code for {self.exercise}", fault.code, FAULT_CODES[self.exercise])
            if fault.code in POSTURE_FAULTS:
                if fault.start_s is None or fault.end_s is None or fault.end_s <= fault.start_s:
                    raise ValueError(f"{fault.code} needs a time interval start_s < end_s")
            elif fault.start_s is not None or fault.end_s is not None:
                raise ValueError(f"{fault.code} is a rep fault: give rep numbers, not times")
            elif any(not 1 <= r <= self.reps for r in fault.reps):
                raise ValueError(f"{fault.code}: rep numbers must be between 1 and {self.reps}")
        return self

    def to_dict(self) -> dict:
        out = asdict(self)
        out["tempo"] = asdict(self.effective_tempo) if self.is_reps else None
        return out


def _choice(what: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; choose one of {', '.join(allowed)}")
