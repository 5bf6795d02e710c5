"""Cat-camel: on hands and knees, slowly round the back up (cat, spinal flexion) and let it sag
with the head raised (camel, extension); count the cycles, report each cycle's range and tempo.

Source: exercises.md tier 2 (seed 004: "cat-camel mobilizations ... use a slow tempo").

Proxy: MediaPipe has no spine points, so the spine's flexion and extension are read from the head
against the trunk: ``head_pitch_deg`` is the angle of the shoulder->ear line above (+) or below
(-) the hip->shoulder line, in the body's vertical plane, on the side nearest the camera. The head
follows the spine in this drill: it drops toward the knees as the back rounds and lifts to look
forward as the back sags. Each cycle is one rep: the head rises from the cat to the camel and
falls back; its range is the rep's ``peak - bottom``, its tempo the rep's time up, at the top and
down. The trunk's tilt (hip->shoulder against horizontal) is reported beside it.

All four limbs stay on the floor throughout: a raised arm or leg leaves this position.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import FaultRule, KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.mechanics import RepCounterConfig, RepRecord
from formcheck.exercises.quadruped import KNEELING_SHIN_MAX_TILT_DEG, SUPPORT_LIMB_MAX_ELEVATION_DEG
from formcheck.geometry import WORLD_UP, angle_deg, elevation_deg, to_vertical_plane
from formcheck.pose.landmarks import Joint, Landmark, Side, both_sides
from formcheck.pose.pose import Pose

MIN_CYCLE_RANGE_DEG = 25.0
"""A cycle moves the head at least this far between the cat and the camel. The clip's one cycle
spans 48 degrees; the head of someone still on hands and knees (a real clip) wanders within
10-15, and 4 mm of landmark jitter adds a few degrees either way to a short ear-shoulder line."""
TOP_FRACTION = 0.8
"""Head within the top fifth of the cycle's range: in the camel (the pause at the top)."""
RUSHED_CYCLE_S = 2.0
"""A whole cycle faster than this is rushed: 004 asks for a slow tempo. The clip's cycle takes 4.4 s."""
STAY_SUPPORT_LIMB_MAX_ELEVATION_DEG = -30.0
"""Once in position, a limb pointing less steeply down than this is no longer on the floor: the
person is raising it or getting up."""
TRUNK_LEVEL_DEG = 30.0
"""Shoulder-hip line within this of horizontal (clip: 9-17, the back rising as it sags)."""
STAY_TRUNK_LEVEL_DEG = 40.0
MIN_ELBOW_DEG = 140.0
"""On the hands with the arms straight (clip: 160-175); kneeling on the forearms is not this
position."""
MAX_SHOULDER_LINE_DEG = 35.0
"""Shoulders level, not stacked (not lying on the side)."""


@dataclass(frozen=True)
class CatCamelMetrics(Metrics):
    head_pitch_deg: float
    """Shoulder->ear above (+, camel) or below (-, cat) the hip->shoulder line: the spine proxy."""
    trunk_tilt_deg: float
    arm_elevation_deg: dict[str, float | None]
    thigh_elevation_deg: dict[str, float | None]
    shin_tilt_deg: float | None
    elbow_angle_deg: float | None
    """The near arm's elbow, when the whole arm is seen."""


RULES = {
    "rushed": FaultRule("rushed", "Cycle done quickly: cat-camel is a slow mobilisation", "Slow down - smooth and slow"),
}


class CatCamel(Exercise):
    id = "cat_camel"
    title = "Cat-camel"
    view = "side"
    views = ("side", "oblique")
    contacts = both_sides(Joint.WRIST, Joint.KNEE, Joint.FOOT_INDEX)
    """On the floor in position: hands, knees and feet."""
    filming = (
        "Camera at hip height, side-on, 2-3 m away, the whole body and the head in frame; "
        "a view from slightly in front also works."
    )
    setup_cue = "Hands under shoulders, knees under hips"
    good_cue = "Round up slowly, then let the back sag"
    # A slow cycle moves the head 50-90 degrees in 2-3 s; lingering in the camel is under 15 deg/s
    # (the clip's pause reads 1.6 s). No hold is timed: the drill is a movement, not a hold.
    rep_config = RepCounterConfig(min_rise=MIN_CYCLE_RANGE_DEG, top_fraction=TOP_FRACTION, pause_max_speed=15.0, speed_half_window_s=0.3)
    rep_fault_rules = (RULES["rushed"],)
    rep_measure = "head_pitch_deg"

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return (Joint.SHOULDER.of(side), Joint.HIP.of(side), Joint.EAR.of(side))

    def _elevation(self, pose: Pose, origin: Joint, tip: Joint, side: Side) -> float | None:
        """Elevation of origin->tip when the tip is seen and in frame (``Pose.limb_seen``)."""
        landmark = tip.of(side)
        if not pose.limb_seen(landmark):
            return None
        return elevation_deg(pose.world_point(origin.of(side)), pose.world_point(landmark), WORLD_UP)

    def read(self, pose: Pose, side: Side) -> Reading:
        shoulder, hip, ear = (pose.world_point(j.of(side)) for j in (Joint.SHOULDER, Joint.HIP, Joint.EAR))
        hip2, shoulder2, ear2 = to_vertical_plane([hip, shoulder, ear], hip, shoulder, WORLD_UP)
        trunk, head = shoulder2 - hip2, ear2 - shoulder2
        pitch = np.degrees(np.arctan2(head[1], head[0]) - np.arctan2(trunk[1], trunk[0]))
        arms = {s: self._elevation(pose, Joint.SHOULDER, Joint.WRIST, s) for s in Side}
        thighs = {s: self._elevation(pose, Joint.HIP, Joint.KNEE, s) for s in Side}
        shins = [v for v in (self._elevation(pose, Joint.KNEE, Joint.ANKLE, s) for s in Side) if v is not None]
        metrics = CatCamelMetrics(
            side=side,
            head_pitch_deg=float((pitch + 180.0) % 360.0 - 180.0),
            trunk_tilt_deg=elevation_deg(hip, shoulder, WORLD_UP),
            arm_elevation_deg={s.value: v for s, v in arms.items()},
            thigh_elevation_deg={s.value: v for s, v in thighs.items()},
            shin_tilt_deg=min(abs(v) for v in shins) if shins else None,
            elbow_angle_deg=self._elbow(pose, side),
        )
        shoulder_line = abs(elevation_deg(pose.world_point(Landmark.LEFT_SHOULDER), pose.world_point(Landmark.RIGHT_SHOULDER), WORLD_UP))
        limbs = [v for v in list(arms.values()) + list(thighs.values()) if v is not None]
        seen_arm = any(v is not None for v in arms.values())
        seen_thigh = any(v is not None for v in thighs.values())
        kneeling = metrics.shin_tilt_deg is not None and metrics.shin_tilt_deg <= KNEELING_SHIN_MAX_TILT_DEG
        straight_arm = metrics.elbow_angle_deg is None or metrics.elbow_angle_deg >= MIN_ELBOW_DEG
        frame = seen_arm and seen_thigh and kneeling and straight_arm and shoulder_line <= MAX_SHOULDER_LINE_DEG
        # Every limb seen points down to the floor: all four supporting (a raised one leaves the position).
        enter = frame and abs(metrics.trunk_tilt_deg) <= TRUNK_LEVEL_DEG and max(limbs) <= SUPPORT_LIMB_MAX_ELEVATION_DEG
        stay = frame and abs(metrics.trunk_tilt_deg) <= STAY_TRUNK_LEVEL_DEG and max(limbs) <= STAY_SUPPORT_LIMB_MAX_ELEVATION_DEG
        in_position = self._position.update(enter, stay, pose.t_s)
        unmeasured = [f"{s.value} {kind}" for kind, limbs_seen in (("arm", arms), ("thigh", thighs)) for s, v in limbs_seen.items() if v is None]
        return Reading(
            metrics=metrics,
            in_position=in_position,
            rep_signal=metrics.head_pitch_deg,
            key_angle=KeyAngle(Joint.SHOULDER.of(side), metrics.head_pitch_deg, "head", None),
            unmeasured=tuple(unmeasured),
        )

    @staticmethod
    def _elbow(pose: Pose, side: Side) -> float | None:
        arm = [j.of(side) for j in (Joint.SHOULDER, Joint.ELBOW, Joint.WRIST)]
        if pose.missing(arm):
            return None
        return angle_deg(*(pose.world_point(lm) for lm in arm))

    def judge_rep(self, rep: RepRecord[Metrics]) -> tuple[FaultRule, ...]:
        return (RULES["rushed"],) if rep.end_s - rep.start_s < RUSHED_CYCLE_S else ()
