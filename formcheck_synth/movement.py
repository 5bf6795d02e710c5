"""What a corpus clip shows: a movement over time, its per-frame labels, and where its views are.

A `Movement` is either a supported exercise (`ExerciseMovement`, wrapping the clip generator's
`ClipMotion` for a `ClipSpec`) or a movement that is none of them (`NEGATIVES`, registered by the
scripts in `formcheck_synth.motions` with `@negative`). Views are horizontal unit vectors from the
person towards the camera, named by `View`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol

import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.labels import FrameLabels, frame_labels
from formcheck_synth.motion import ClipMotion
from formcheck_synth.motions.base import measure, smoothstep
from formcheck_synth.posing import PosedBody, Posture
from formcheck_synth.props import Mesh
from formcheck_synth.spec import ClipSpec


class Position(str, Enum):
    """The body's position family, which decides the camera placements that make sense."""

    SUPINE = "supine"
    PRONE = "prone"
    QUADRUPED = "quadruped"
    SIDE_LYING = "side_lying"
    UPRIGHT = "upright"
    SEATED = "seated"


class View(str, Enum):
    """Named directions from the person to a camera.

    Lying and kneeling: side = the person's `camera_side`, head and feet = the ends of the body,
    front = head end, back = feet end. Side-lying: side and front = facing the chest. Upright and
    seated: front = facing them, head = front, feet = back.
    """

    SIDE = "side"
    HEAD = "head"
    FEET = "feet"
    FRONT = "front"
    BACK = "back"


#: Position of each supported exercise (and each deadlift variant the generator renders); an
#: exercise not listed here is taken to lie on its back.
EXERCISE_POSITIONS = {
    "glute_bridge": Position.SUPINE,
    "plank": Position.PRONE,
    "side_plank": Position.SIDE_LYING,
    "bird_dog": Position.QUADRUPED,
    "superman": Position.PRONE,
    "dead_bug": Position.SUPINE,
    "cat_camel": Position.QUADRUPED,
    "hip_thrust": Position.SEATED,
    "reverse_hip_raise": Position.PRONE,
    "back_extension": Position.PRONE,
    "prone_press_up": Position.PRONE,
    "childs_pose": Position.QUADRUPED,
    "figure_four": Position.SUPINE,
    **{name: Position.UPRIGHT for name in ("deadlift", "kettlebell_deadlift", "romanian_deadlift", "single_leg_romanian_deadlift")},
}


class Movement(Protocol):
    """A clip's motion: postures over time, views and per-frame labels."""

    position: Position
    duration_s: float

    def posture_at(self, t: float) -> Posture: ...

    def directions(self) -> dict[View, np.ndarray]: ...

    def frame_labels(self, times: np.ndarray) -> FrameLabels: ...

    def props_at(self, t: float, posed: PosedBody) -> Mesh | None:
        """Equipment in the scene at time t (a bench, a barbell), or None."""
        ...


#: Range of the tempo factor of `seeded_cycles`.
TEMPO_SPREAD = (0.8, 1.2)
#: Time in the start position before a negative movement begins, and after it ends.
LEAD_IN_S = 0.8
TAIL_S = 1.0

#: Negative movements by name: a factory taking the body, a seed and the side facing a side camera.
NEGATIVES: dict[str, Callable[[Body, int, str], Movement]] = {}


def negative(name: str) -> Callable:
    """Register a negative movement's factory under `name`."""

    def register(factory: Callable[[Body, int, str], Movement]) -> Callable[[Body, int, str], Movement]:
        if name in NEGATIVES:
            raise ValueError(f"negative movement {name!r} is registered twice")
        NEGATIVES[name] = factory
        return factory

    return register


def lying_directions(left: np.ndarray, camera_side: str) -> dict[View, np.ndarray]:
    """Views of a body lying or kneeling along world x, head towards -x, its left towards `left`."""
    head = np.array([-1.0, 0.0, 0.0])
    side = left if camera_side == "left" else -left
    return {View.SIDE: side, View.HEAD: head, View.FEET: -head, View.FRONT: head, View.BACK: -head}


def upright_directions(forward: np.ndarray, camera_side: str) -> dict[View, np.ndarray]:
    """Views of a person standing or sitting facing `forward`."""
    left = np.cross([0.0, 0.0, 1.0], forward)
    side = left if camera_side == "left" else -left
    return {View.SIDE: side, View.HEAD: forward, View.FEET: -forward, View.FRONT: forward, View.BACK: -forward}


@dataclass(frozen=True)
class Cycles:
    """`count` repetitions of a movement from `start_s`: out (`up_s`), held, back, rest; eased."""

    start_s: float
    count: int
    up_s: float
    hold_s: float
    down_s: float
    rest_s: float

    @property
    def period_s(self) -> float:
        return self.up_s + self.hold_s + self.down_s + self.rest_s

    @property
    def end_s(self) -> float:
        return self.start_s + self.count * self.period_s - self.rest_s

    def at(self, t: float) -> tuple[int, float]:
        """(cycle index, progress 0..1) at time t; progress 0 outside the cycles."""
        if t < self.start_s or t > self.end_s:
            return -1, 0.0
        index = min(int((t - self.start_s) // self.period_s), self.count - 1)
        u = t - self.start_s - index * self.period_s
        if u < self.up_s:
            return index, smoothstep(u / self.up_s)
        if u < self.up_s + self.hold_s:
            return index, 1.0
        return index, 1.0 - smoothstep((u - self.up_s - self.hold_s) / self.down_s)


def seeded_cycles(rng: np.random.Generator, start_s: float, count: int, up_s: float, hold_s: float, down_s: float, rest_s: float) -> Cycles:
    """Cycles with every phase stretched by one random tempo factor (people move at their own pace)."""
    k = float(rng.uniform(*TEMPO_SPREAD))
    return Cycles(start_s, count, up_s * k, hold_s * k, down_s * k, rest_s * k)



class NegativeMovement:
    """Shared by the negative movements: a position, a duration, the body's measures, a seeded RNG
    (its stream `rng_stream` set per position family), and labels that say 'none'."""

    position: Position
    duration_s: float
    rng_stream: int

    def __init__(self, body: Body, seed: int, camera_side: str):
        self.rng = np.random.default_rng([seed, self.rng_stream])
        self.camera_side = camera_side
        self.measures = measure(body)

    def frame_labels(self, times: np.ndarray) -> FrameLabels:
        return FrameLabels.nothing(len(times))

    def props_at(self, t: float, posed: PosedBody) -> None:
        return None


class ExerciseMovement:
    """A supported exercise clip as a corpus movement."""

    def __init__(self, spec: ClipSpec, body: Body):
        self.spec = spec
        self.motion = ClipMotion(spec, body)
        self.position = EXERCISE_POSITIONS.get(spec.exercise, Position.SUPINE)
        self.duration_s = self.motion.duration_s

    def posture_at(self, t: float) -> Posture:
        return self.motion.posture_at(t)

    def _view(self, view: str) -> np.ndarray:
        """The clip generator's direction for one of its views (it reads the view from the spec)."""
        probe = copy.copy(self.motion)
        probe.spec = replace(self.spec, view=view)
        return probe.view_direction()

    def directions(self) -> dict[View, np.ndarray]:
        side, front, rear = self._view("side"), self._view("front"), self._view("rear")
        if self.position is Position.SIDE_LYING:
            return {View.SIDE: front, View.FRONT: front, View.BACK: rear, View.HEAD: -side, View.FEET: side}
        return {View.SIDE: side, View.HEAD: front, View.FEET: rear, View.FRONT: front, View.BACK: rear}

    def frame_labels(self, times: np.ndarray) -> FrameLabels:
        return frame_labels(self.spec, self.motion.schedule, times)

    def props_at(self, t: float, posed: PosedBody) -> Mesh | None:
        """The clip generator's props: a bench, a barbell or a kettlebell, or None."""
        return self.motion.props_at(t, posed)
