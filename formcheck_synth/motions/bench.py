"""Exercises on a bench: the hip thrust, the reverse hip raise and the back extension.

Each model places the body, then fits its bench to the posed mesh once per body: a bench's top (or a
pad's face) goes where the body's lowest (or outermost) vertex over the movement is, so the body
rests on it and never sinks into it. The bench is drawn with the body (`formcheck_synth.props`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from formcheck_synth.body import Body
from formcheck_synth.contact import region
from formcheck_synth.motions.base import Measures, circle_intersection, measure
from formcheck_synth.motions.rig import Keyframe, Reach, Rig, planar
from formcheck_synth.posing import Posture, pose_body, unit
from formcheck_synth.props import PAD_COLOUR, STEEL_COLOUR, Mesh, box, combine, flat_bench
from formcheck_synth.spec import ClipSpec

#: A flat bench: 0.3 m wide pad; 1.2 m long across the body for the hip thrust, 1.1 m along it for
#: the reverse hip raise.
BENCH_WIDTH_M = 0.30
THRUST_BENCH_LENGTH_M = 1.2
RAISE_BENCH_LENGTH_M = 1.1
#: Hip thrust: the bench edge sits under the lower shoulder blades, this far (m) from the shoulder
#: joint towards the hips.
THRUST_EDGE_M = 0.12
#: Hip extension (shoulder-hip-knee) at the top of a clean hip thrust, and of its faults (as the
#: glute bridge: `incomplete_extension` 150, `over_arching` 200).
THRUST_PEAK_DEG = {"clean": 180.0, "incomplete_extension": 150.0, "over_arching": 200.0}
#: At the bottom the buttocks hang this high (m) above the floor.
THRUST_BOTTOM_CLEARANCE_M = 0.05
#: Head: the chin tucked (exercises.md) turns the head this far up from the trunk's line, towards the
#: knees; `chin_up` throws it back this far below it (the analyzer's bound: 20 deg).
CHIN_TUCK_DEG = 30.0
CHIN_UP_DEG = 90.0
#: Idle sway of the hip extension at the top (deg).
THRUST_SWAY_DEG = 1.5
#: Body bones that rest on a bench (the arms and head are left out when fitting it).
TRUNK_BONES = ("root", "pelvis.L", "pelvis.R", "spine05", "spine04", "spine03", "spine02", "spine01",
               "clavicle.L", "clavicle.R", "shoulder01.L", "shoulder01.R", "upperleg01.L", "upperleg01.R")  # fmt: skip
HEAD_BONES = ("neck01", "neck02", "neck03", "head")
#: Reverse hip raise: legs hanging to the floor at the bottom (the analyzer: 35-45 deg down), lifted in
#: line at the top; `incomplete_raise` stops short of the 165 deg band, `over_raise` goes past 195
#: (to 212: MediaPipe reads these renders' hip extension 7-13 deg short, 193 for 206).
RAISE_BOTTOM_DEG = -40.0
RAISE_TOP_DEG = {"clean": 0.0, "incomplete_raise": -20.0, "over_raise": 32.0}
RAISE_KNEE_BEND_DEG = 8.0
#: The bench ends this far (m) short of the hip joint, so the hips are off its end.
RAISE_BENCH_END_M = 0.05
RAISE_SWAY_DEG = 1.5
#: The hands hold the bench's sides: the wrists this far (m) out from its edge and down from its top.
GRIP_OUT_M = 0.1
GRIP_DOWN_M = 0.03
#: The head is held up a little, the face clear of the bench.
RAISE_HEAD_LIFT_DEG = 20.0
#: Back extension on a 45-degree station: legs straight at 45 deg, ankles this high (m) on the footplate.
STATION_DEG = 45.0
STATION_ANKLE_M = 0.25
#: Torso direction (planar angle): hanging at the bottom (hip extension about 90), in line with the
#: legs at the top (180); `incomplete_raise` stops at 155, `hyperextension` goes on to 210 (past the
#: analyzer's 195 by as much as MediaPipe reads the reverse hip raise's short).
EXTENSION_BOTTOM_DEG = 225.0
EXTENSION_TOP_DEG = {"clean": 135.0, "incomplete_raise": 160.0, "hyperextension": 105.0}
EXTENSION_SWAY_DEG = 1.5
#: The station's thigh pad starts this far (m) down the legs from the hip joint and runs this long.
PAD_START_M = 0.10
PAD_LENGTH_M = 0.36
PAD_HALF_WIDTH_M = 0.18
PAD_THICKNESS_M = 0.08
#: Arms crossed on the chest (seed 003): each hand on the opposite side of the chest.
CHEST_HANDS_DOWN = 0.3
CHEST_HANDS_OUT_M = 0.07
CHEST_HANDS_FRONT_M = 0.14
_SIDE = {"L": "left", "R": "right"}


def _peak(table: dict[str, float], state: dict[str, float]) -> float:
    return next((v for code, v in table.items() if state.get(code, 0.0) > 0.5), table["clean"])


def _angle(v: np.ndarray) -> float:
    return float(np.degrees(np.arctan2(v[1], v[0])))


def _lowest(body: Body, postures, inside, bones=TRUNK_BONES) -> float:
    """Lowest z over postures of the vertices on `bones` that lie inside a footprint test."""
    ids = region(body, bones)
    lows = []
    for posture in postures:
        v = pose_body(body, posture).vertices[ids]
        v = v[inside(v)]
        if len(v):
            lows.append(v[:, 2].min())
    return float(min(lows))


@dataclass(frozen=True, eq=False)
class HipThrust:
    """The glute bridge with the shoulders on a bench; the hip extension is the one degree of freedom."""

    rig: Rig
    bottom_deg: float
    bench_top: float = 0.0

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> HipThrust:
        return _hip_thrust(body)

    @property
    def shoulder(self) -> np.ndarray:
        m = self.rig.measures
        return np.array([0.0, m.ankle_height + m.shin])

    @property
    def ankle(self) -> np.ndarray:
        m = self.rig.measures
        return np.array([m.trunk + m.thigh, m.ankle_height])

    def chain(self, extension_deg: float) -> tuple[np.ndarray, ...]:
        """Planar shoulder, hip, knee, ankle at a hip extension (as `glute_bridge.GluteBridge.chain`)."""
        m = self.rig.measures
        shoulder, ankle = self.shoulder, self.ankle
        theta = np.radians(extension_deg)
        shoulder_knee = np.sqrt(m.trunk**2 + m.thigh**2 - 2 * m.trunk * m.thigh * np.cos(theta))
        knee = circle_intersection(ankle, m.shin, shoulder, shoulder_knee, upper=False)
        hip = circle_intersection(shoulder, m.trunk, knee, m.thigh, upper=extension_deg > 180.0)
        return shoulder, hip, knee, ankle

    def pose(self, extension_deg: float, chin_up: float) -> Keyframe:
        shoulder, hip, knee, ankle = self.chain(extension_deg)
        trunk = _angle(shoulder - hip)
        head = trunk - CHIN_TUCK_DEG + chin_up * (CHIN_TUCK_DEG + CHIN_UP_DEG)
        segments = {f"thigh.{s}": _angle(knee - hip) for s in "LR"}
        segments.update({f"shin.{s}": _angle(ankle - knee) for s in "LR"})
        segments.update({f"foot.{s}": 0.0 for s in "LR"})
        rig = self.rig

        def on_hip(lm, side: str) -> np.ndarray:
            up = unit(lm[f"{_SIDE[side]}_shoulder"] - lm[f"{_SIDE[side]}_hip"])
            return lm[f"{_SIDE[side]}_hip"] + 0.08 * up + 0.1 * rig.front(up) + 0.05 * rig.outward(side)

        reaches = {f"arm.{s}": Reach(lambda lm, s=s: on_hip(lm, s), rig.outward(s) - planar(trunk) * 0.3) for s in "LR"}
        return Keyframe(hip=hip, trunk=trunk, head=head, segments=segments, reaches=reaches)

    def extension(self, state: dict[str, float]) -> float:
        peak = _peak(THRUST_PEAK_DEG, state) + THRUST_SWAY_DEG * state.get("sway", 0.0)
        return self.bottom_deg + state["progress"] * (peak - self.bottom_deg)

    def posture(self, state: dict[str, float]) -> Posture:
        return self.rig.posture(self.pose(self.extension(state), state.get("chin_up", 0.0) * state["progress"]))

    def bench_x(self) -> tuple[float, float]:
        return THRUST_EDGE_M - BENCH_WIDTH_M, THRUST_EDGE_M

    def props(self, state, posed) -> Mesh:
        lo, hi = self.bench_x()
        return flat_bench(np.array([(lo + hi) / 2, 0.0]), THRUST_BENCH_LENGTH_M, BENCH_WIDTH_M, self.bench_top, along_x=False)


@lru_cache(maxsize=None)
def _hip_thrust(body: Body) -> HipThrust:
    m = measure(body)
    free = HipThrust(Rig(body, m, left_y=1.0), 0.0)
    clearance = m.buttock_at_hip + THRUST_BOTTOM_CLEARANCE_M
    bottom = brentq(lambda e: free.chain(e)[1][1] - clearance, 60.0, 179.0)
    model = replace(free, bottom_deg=float(bottom))
    lo, hi = model.bench_x()
    postures = [model.rig.posture(model.pose(e, c)) for e in np.linspace(bottom, 205.0, 7) for c in (0.0, 1.0)]
    top = _lowest(body, postures, lambda v: (v[:, 0] > lo) & (v[:, 0] < hi))
    return replace(model, bench_top=top)


@dataclass(frozen=True, eq=False)
class ReverseHipRaise:
    """Face down on a flat bench, hips off its end; the legs lift from the floor to in line and lower."""

    rig: Rig
    hip_z: float
    bench_top: float = 0.0

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> ReverseHipRaise:
        return _reverse_hip_raise(body)

    def pose(self, leg_deg: float) -> Keyframe:
        rig = self.rig
        segments = {f"thigh.{s}": leg_deg for s in "LR"}
        segments.update({f"shin.{s}": leg_deg - RAISE_KNEE_BEND_DEG for s in "LR"})
        segments.update({f"foot.{s}": leg_deg - RAISE_KNEE_BEND_DEG - 40.0 for s in "LR"})
        top = self.bench_top

        def grip(lm, side: str) -> np.ndarray:
            shoulder = lm[f"{_SIDE[side]}_shoulder"]
            return np.array([shoulder[0] - 0.05, np.sign(shoulder[1]) * (BENCH_WIDTH_M / 2 + GRIP_OUT_M), top - GRIP_DOWN_M])

        reaches = {f"arm.{s}": Reach(lambda lm, s=s: grip(lm, s), rig.outward(s) + np.array([0.3, 0.0, 0.3])) for s in "LR"}
        # The hands hang by the bench's sides, fingers down, palms on its sides, thumbs forward.
        segments.update({f"hand.{s}": 270.0 for s in "LR"})
        thumbs = {f"hand.{s}": np.array([-1.0, 0.0, 0.0]) for s in "LR"}
        return Keyframe(np.array([0.0, self.hip_z]), 180.0, 180.0 - RAISE_HEAD_LIFT_DEG, segments=segments, reaches=reaches, thumbs=thumbs)

    def posture(self, state: dict[str, float]) -> Posture:
        peak = _peak(RAISE_TOP_DEG, state) + RAISE_SWAY_DEG * state.get("sway", 0.0)
        return self.rig.posture(self.pose(RAISE_BOTTOM_DEG + state["progress"] * (peak - RAISE_BOTTOM_DEG)))

    def props(self, state, posed) -> Mesh:
        centre = np.array([-RAISE_BENCH_END_M - RAISE_BENCH_LENGTH_M / 2, 0.0])
        return flat_bench(centre, RAISE_BENCH_LENGTH_M, BENCH_WIDTH_M, self.bench_top, along_x=True)


@lru_cache(maxsize=None)
def _reverse_hip_raise(body: Body) -> ReverseHipRaise:
    """Hips as high as lets the toes just reach the floor at the bottom; the bench top under the trunk."""
    m = measure(body)
    free = ReverseHipRaise(Rig(body, m, left_y=-1.0, rest_on_floor=False), m.leg)
    lowest = pose_body(body, free.rig.posture(free.pose(RAISE_BOTTOM_DEG))).vertices[:, 2].min()
    model = replace(free, hip_z=float(m.leg - lowest))
    postures = [model.rig.posture(model.pose(a)) for a in (RAISE_BOTTOM_DEG, 0.0, RAISE_TOP_DEG["over_raise"])]
    inside = lambda v: (v[:, 0] < -RAISE_BENCH_END_M) & (np.abs(v[:, 1]) < BENCH_WIDTH_M / 2)  # noqa: E731
    top = _lowest(body, postures, inside, TRUNK_BONES + HEAD_BONES)
    return replace(model, bench_top=top)


@dataclass(frozen=True, eq=False)
class BackExtension:
    """Hips on the pad of a 45-degree station, feet on its footplate; the torso rises from hanging to in line."""

    rig: Rig
    hip_z: float
    station: Mesh | None = None

    @classmethod
    def for_body(cls, body: Body, spec: ClipSpec | None = None) -> BackExtension:
        return _back_extension(body)

    @property
    def along_legs(self) -> np.ndarray:
        return planar(-STATION_DEG)

    def pose(self, torso_deg: float) -> Keyframe:
        rig, leg = self.rig, -STATION_DEG
        segments = {f"{seg}.{s}": leg for seg in ("thigh", "shin") for s in "LR"}
        segments.update({f"foot.{s}": leg - 90.0 for s in "LR"})

        def on_chest(lm, side: str) -> np.ndarray:
            mid_shoulder = (lm["left_shoulder"] + lm["right_shoulder"]) / 2
            mid_hip = (lm["left_hip"] + lm["right_hip"]) / 2
            up = unit(mid_shoulder - mid_hip)
            other = "R" if side == "L" else "L"
            return mid_shoulder - CHEST_HANDS_DOWN * (mid_shoulder - mid_hip) + CHEST_HANDS_FRONT_M * rig.front(up) + CHEST_HANDS_OUT_M * rig.outward(other)

        reaches = {f"arm.{s}": Reach(lambda lm, s=s: on_chest(lm, s), rig.outward(s)) for s in "LR"}
        return Keyframe(hip=np.array([0.0, self.hip_z]), trunk=torso_deg, head=torso_deg + 5.0, segments=segments, reaches=reaches)

    def posture(self, state: dict[str, float]) -> Posture:
        peak = _peak(EXTENSION_TOP_DEG, state) + EXTENSION_SWAY_DEG * state.get("sway", 0.0)
        return self.rig.posture(self.pose(EXTENSION_BOTTOM_DEG + state["progress"] * (peak - EXTENSION_BOTTOM_DEG)))

    def props(self, state, posed) -> Mesh | None:
        return self.station


def _station(body: Body, model: BackExtension) -> Mesh:
    """The 45-degree station fitted to the body: thigh pad, footplate, a beam between them, a post and a base."""
    m = model.rig.measures
    u = model.along_legs
    n = model.rig.front(-u)
    hip = np.array([0.0, 0.0, model.hip_z])
    ankle = hip + m.leg * u
    legs = pose_body(body, model.rig.posture(model.pose(EXTENSION_TOP_DEG["clean"]))).vertices
    rel = legs - hip
    along = rel @ u
    on_pad = (along > PAD_START_M) & (along < PAD_START_M + PAD_LENGTH_M) & (np.abs(rel[:, 1]) < PAD_HALF_WIDTH_M)
    face = float((rel[on_pad] @ n).max())
    axes = np.stack([u, np.array([0.0, 1.0, 0.0]), n])
    pad_centre = hip + (PAD_START_M + PAD_LENGTH_M / 2) * u + (face + 0.003 + PAD_THICKNESS_M / 2) * n
    pad = box(pad_centre, [PAD_LENGTH_M / 2, PAD_HALF_WIDTH_M, PAD_THICKNESS_M / 2], PAD_COLOUR, axes)
    feet = legs[region(body, ("foot.L", "foot.R"))] - ankle
    heel = float((feet @ u).max())
    toe = float((feet @ n).max())
    plate_centre = ankle + (heel + 0.015) * u + 0.5 * toe * n
    plate = box(plate_centre, [0.015, PAD_HALF_WIDTH_M, 0.6 * toe + 0.03], STEEL_COLOUR, axes)
    beam_n = max(face + PAD_THICKNESS_M, toe) + 0.06
    beam_start = hip + PAD_START_M * u + beam_n * n
    beam_end = ankle + (heel + 0.03) * u + beam_n * n
    beam = box((beam_start + beam_end) / 2, [np.linalg.norm(beam_end - beam_start) / 2, 0.03, 0.03], STEEL_COLOUR, axes)
    post_top = hip + (PAD_START_M + PAD_LENGTH_M / 2) * u + beam_n * n
    post = box(np.array([post_top[0], 0.0, post_top[2] / 2]), [0.03, 0.03, post_top[2] / 2], STEEL_COLOUR)
    base_x = (post_top[0], beam_end[0])
    base = box(np.array([sum(base_x) / 2, 0.0, 0.02]), [abs(base_x[1] - base_x[0]) / 2 + 0.1, 0.25, 0.02], STEEL_COLOUR)
    foot_post = box(np.array([beam_end[0], 0.0, beam_end[2] / 2]), [0.03, 0.03, beam_end[2] / 2], STEEL_COLOUR)
    return combine([pad, plate, beam, post, base, foot_post])


@lru_cache(maxsize=None)
def _back_extension(body: Body) -> BackExtension:
    m: Measures = measure(body)
    model = BackExtension(Rig(body, m, left_y=-1.0, rest_on_floor=False), STATION_ANKLE_M + m.leg * np.sin(np.radians(STATION_DEG)))
    return replace(model, station=_station(body, model))
