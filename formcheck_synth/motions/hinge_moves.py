"""Hip hinges with a load that are not deadlifts: the kettlebell swing and the good morning. They
share the deadlift's hinge and stance, and the deadlift analyzer's rep signal (the trunk tipping
forward and back up), but the arms do not hang: a swing floats the bell forward to about shoulder
height as the hips snap through, a good morning holds a barbell on the upper back, where a
deadlift's lockout holds the load in hanging arms.

Built on the deadlift family's rig (`deadlift.Deadlift`): standing sideways to the camera, facing -x;
planar angles as in `rig` (180 = forward, 270 = straight down).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.motions.base import smoothstep
from formcheck_synth.motions.deadlift import TOP, Deadlift, Stance, load_centre, load_mesh
from formcheck_synth.motions.rig import lerp_angle
from formcheck_synth.movement import LEAD_IN_S, TAIL_S, NegativeMovement, Position, negative, seeded_cycles, upright_directions
from formcheck_synth.posing import PosedBody, Posture
from formcheck_synth.props import Mesh, barbell

FORWARD = np.array([-1.0, 0.0, 0.0])
#: Arms straight down (holding the bell at the hang), and back between the legs at the bottom of the
#: swing (the 'hike'), degrees.
ARMS_DOWN, ARMS_BACK = 270.0, 300.0
#: Where the bell floats at the top: from a little below horizontal to a little above (a Russian
#: swing; 180 is horizontal, forward).
ARMS_TOP = (165.0, 200.0)
#: The bottom of the swing: shin tilt, knee flexion and trunk incline (deg) ranges; a swing hinges
#: less deep than a pull from the floor and bends the knees a little more than a Romanian deadlift.
BOTTOM_A, BOTTOM_K, BOTTOM_C = (8.0, 16.0), (25.0, 45.0), (45.0, 65.0)
#: Both hands on the one handle: the arms converge to the midline (tangent of the inward tilt).
ARM_INWARD = -0.2
#: Swings per clip and the time of one (s); the hinge into the first and the stop after the last (s).
SWINGS = (4, 6)
SWING_S = (1.1, 1.5)
HIKE_S = 0.7
STOP_S = 0.8
#: Good morning: the bottom (shin tilt, knee flexion, trunk incline ranges, deg), reps, and the arms
#: holding the bar on the upper back: the upper arm down and back from the trunk line, the forearm
#: up beside it (deg from the trunk's direction), the hands wide (outward tangent). The bar is
#: unloaded (a good morning is done light): plates would hide the head and shoulders side-on.
GM_BOTTOM_A, GM_BOTTOM_K, GM_BOTTOM_C = (4.0, 8.0), (10.0, 25.0), (55.0, 80.0)
GM_REPS = 3
GM_UPPER_ARM, GM_FOREARM, GM_ARM_OUTWARD = 200.0, 5.0, 0.6


class HingeMovement(NegativeMovement):
    """Shared by the loaded hinges: on the feet, facing -x as the deadlift rig does."""

    position = Position.UPRIGHT

    def directions(self):
        return upright_directions(FORWARD, self.camera_side)


@negative("kettlebell_swing")
class KettlebellSwing(HingeMovement):
    """Standing with the bell at the hang, a hinge back into the hike, then swings: the hips snap
    through to standing as the straight arms float the bell up to about shoulder height, and it
    falls back between the legs into the next hinge. The last swing stops at the top: the bell comes
    down to the hang, standing."""

    rng_stream = 15

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.model = Deadlift.of(body, "kettlebell_deadlift")
        self.bottom = Stance(*(float(self.rng.uniform(*r)) for r in (BOTTOM_A, BOTTOM_K, BOTTOM_C)))
        self.arms_top = float(self.rng.uniform(*ARMS_TOP))
        self.swings = int(self.rng.integers(SWINGS[0], SWINGS[1] + 1))
        self.swing_s = float(self.rng.uniform(*SWING_S))
        self.start_s = LEAD_IN_S + HIKE_S
        self.end_s = self.start_s + (self.swings - 0.5) * self.swing_s
        self.duration_s = self.end_s + STOP_S + TAIL_S

    def state(self, t: float) -> tuple[float, float]:
        """(hinge progress: 0 standing tall .. 1 the bottom, arm angle in degrees) at time t."""
        if t < LEAD_IN_S:
            return 0.0, ARMS_DOWN
        if t < self.start_s:
            f = smoothstep((t - LEAD_IN_S) / HIKE_S)
            return f, lerp_angle(ARMS_DOWN, ARMS_BACK, f)
        if t < self.end_s:
            phase = 2 * np.pi * (t - self.start_s) / self.swing_s
            mid, half = (ARMS_BACK + self.arms_top) / 2, (ARMS_BACK - self.arms_top) / 2
            return float(((1 + np.cos(phase)) / 2) ** 1.5), float(mid + half * np.cos(phase))
        f = smoothstep((t - self.end_s) / STOP_S)
        return 0.0, lerp_angle(self.arms_top, ARMS_DOWN, f)

    def posture_at(self, t: float) -> Posture:
        progress, arms = self.state(t)
        keyframe = self.model.pose(TOP.blend(self.bottom, progress), progress)
        segments = dict(keyframe.segments)
        for s in "LR":
            segments.update({f"{seg}.{s}": (arms, ARM_INWARD) for seg in ("upper_arm", "forearm")})
            segments[f"hand.{s}"] = arms
        return self.model.rig.posture(replace(keyframe, segments=segments, reaches={}))

    def props_at(self, t: float, posed: PosedBody) -> Mesh:
        return load_mesh(self.model.variant, posed.landmarks, self.model.free)


@negative("good_morning")
class GoodMorning(HingeMovement):
    """Good mornings: a barbell across the upper back, hands on it beside the shoulders; the hips
    hinge back with soft knees until the trunk is near horizontal, and stand back up."""

    rng_stream = 16

    def __init__(self, body: Body, seed: int, camera_side: str):
        super().__init__(body, seed, camera_side)
        self.model = Deadlift.of(body, "romanian_deadlift")
        self.bottom = Stance(*(float(self.rng.uniform(*r)) for r in (GM_BOTTOM_A, GM_BOTTOM_K, GM_BOTTOM_C)))
        self.cycles = seeded_cycles(self.rng, LEAD_IN_S, GM_REPS, 1.0, 0.3, 1.0, 0.5)
        self.duration_s = self.cycles.end_s + TAIL_S

    def posture_at(self, t: float) -> Posture:
        _, progress = self.cycles.at(t)
        stance = TOP.blend(self.bottom, progress)
        keyframe = self.model.pose(stance, 0.0)
        trunk = 90.0 + stance.c
        segments = dict(keyframe.segments)
        for s in "LR":
            segments[f"upper_arm.{s}"] = (trunk + GM_UPPER_ARM, GM_ARM_OUTWARD)
            segments[f"forearm.{s}"] = (trunk + GM_FOREARM, 0.0)
            segments[f"hand.{s}"] = trunk + GM_FOREARM
        return self.model.rig.posture(replace(keyframe, segments=segments, reaches={}))

    def props_at(self, t: float, posed: PosedBody) -> Mesh:
        centre = load_centre(posed.landmarks, "LR")
        return barbell(np.array([centre[0], 0.0, centre[2]]), plates_per_side=0)
