"""Bird dog: on hands and knees, raise one arm and the OPPOSITE leg level with the floor, pause,
return, alternate. Reps are counted per side (the side of the raised arm).

Source: exercises.md tier 1 (seed 002; 004 lists it among bracing drills). Both sides' limbs
are measured: in a side view the far arm or leg is partly hidden but shows once raised.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import FaultRule, KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.mechanics import HoldConfig, RepCounterConfig, RepRecord
from formcheck.exercises.quadruped import KNEELING_SHIN_MAX_TILT_DEG, SUPPORT_LIMB_MAX_ELEVATION_DEG
from formcheck.geometry import WORLD_UP, elevation_deg
from formcheck.pose.landmarks import Joint, Landmark, Side, both_sides
from formcheck.pose.pose import Pose

LEVEL_TOLERANCE_DEG = 20.0
"""A raised limb more than this below horizontal is 'below level'; the leg more than this above
is kicked too high (the back arches)."""
TOP_RAISE_DEG = 65.0
"""Mean raise of the raised arm and leg (0 = hanging straight down, 90 = level) counted as the top."""
RUSHING_PAUSE_S = 0.3
"""The spec asks for a pause of about a second at the top; less than this is no pause."""
HIP_ROTATION_DEG = 15.0
"""Rise of the raised leg's hip over the other during a rep: the pelvis rotating open."""
REAR_VIEW_HIP_SPREAD = 0.4
"""Hip rotation is judged only when the hips are this far apart in the image (``Pose.hip_spread``):
from behind or obliquely. In a side view one hip hides behind the other and their heights are guesses."""
LIMB_END_EDGE_MARGIN = 0.05
"""A hand or foot nearer the picture's edge than this share of its width or height is leaving
the picture: MediaPipe places such a wrist inside the frame but drawn in toward the body. On
the close-framed home clip the reaching wrist at rep 2's top sits 31-42 px from the edge of a
1280 px frame (2.4-3.3%) and reads 29-35 degrees below level on an arm the labeller sees level."""
SAME_SIDE_MARGIN_DEG = 30.0
"""The raised leg must be this much higher than the other to say which one is raised."""
STAY_SUPPORT_LIMB_MAX_ELEVATION_DEG = -30.0
TRUNK_LEVEL_DEG = 30.0
"""Shoulder-hip line within this of horizontal while on hands and knees."""
STAY_TRUNK_LEVEL_DEG = 40.0
MIN_RAISE_DEG = 20.0
"""A rep raises the arm and leg pair at least this much. The close-framed home clip, hand and foot
out of the picture, raises its first pair 29 degrees on MediaPipe 0.10.21 and 24 on 1.2.3 (the
others 21-33 from their lowest point); landmark jitter on a still quadruped is 2-3 degrees."""


@dataclass(frozen=True)
class BirdDogMetrics(Metrics):
    arm_elevation_deg: dict[str, float | None]
    """Shoulder-to-hand angle above horizontal, per side (None: not visible)."""
    leg_elevation_deg: dict[str, float | None]
    """Hip-to-ankle angle above horizontal, per side."""
    arm_level_deg: dict[str, float | None]
    """Shoulder-to-wrist angle above horizontal, only while the hand is seen in the picture (None:
    not checkable now). Whether a raised limb is level is judged on the whole limb, never on the
    elbow or knee left in view when the hand or foot leaves the picture: on the close-framed home
    clip (bird_dog_home_lena, hand and foot out of frame at every top) those stand-ins read 23-31
    and 11-28 degrees below level while the labeller sees both limbs level."""
    leg_level_deg: dict[str, float | None]
    """Hip-to-ankle angle above horizontal, only while the ankle is seen in the picture."""
    raised_arm: Side | None
    raised_leg: Side | None
    limb_raise_deg: float | None
    """Mean of the raised arm's and leg's raise: 0 hanging down, 90 level."""
    trunk_tilt_deg: float
    hip_roll_deg: float | None
    """How much higher the raised leg's hip is than the other (world landmarks, degrees)."""


ARM_LEVEL_SKIPPED = "arm level (hand out of view)"
LEG_LEVEL_SKIPPED = "leg level (foot out of view)"
"""Checks said to be skipped on a rep whose raised hand or foot never came into view."""

RULES = {
    "limb_below_level": FaultRule("limb_below_level", "Raised arm or leg stayed below level with the floor", "Reach long - arm and leg level"),
    "leg_above_level": FaultRule("leg_above_level", "Leg kicked above level: the low back arches", "Leg only to hip height"),
    "same_side_limbs": FaultRule("same_side_limbs", "Arm and leg of the same side raised: use the opposite leg", "Opposite arm and leg"),
    "hip_rotation": FaultRule("hip_rotation", "Hips rotated open as the leg rose", "Keep your hips square"),
    "rushing": FaultRule("rushing", "No pause with the arm and leg extended", "Pause a second at the top"),
}


class BirdDog(Exercise):
    id = "bird_dog"
    title = "Bird dog"
    view = "side"
    views = ("side", "oblique")
    contacts = both_sides(Joint.WRIST, Joint.KNEE, Joint.FOOT_INDEX)
    """On the floor in position: hands, knees and feet (a raised pair leaves the plane and is not taken)."""
    filming = (
        "Camera at floor or hip height, side-on, 2-3 m away, with room in frame for the raised hand and foot. "
        "A view from behind shows hip rotation."
    )
    setup_cue = "Hands under shoulders, knees under hips"
    good_cue = "Raise opposite arm and leg"
    two_sided = True
    rep_config = RepCounterConfig(min_rise=MIN_RAISE_DEG, top_fraction=0.7, pause_max_speed=30.0, speed_half_window_s=0.2)
    hold_config = HoldConfig(min_hold_s=0.3, grace_s=0.3, max_settle_speed=25.0)
    rep_fault_rules = tuple(RULES.values())
    rep_measure = "limb_raise_deg"

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return (Joint.SHOULDER.of(side), Joint.HIP.of(side))

    def _limb_elevation(self, pose: Pose, root: Joint, joints: tuple[Joint, ...], side: Side) -> float | None:
        """Elevation from ``root`` to the most distal of ``joints`` that is seen and in frame."""
        for joint in joints:
            landmark = joint.of(side)
            if pose.limb_seen(landmark):
                return elevation_deg(pose.world_point(root.of(side)), pose.world_point(landmark), WORLD_UP)
        return None

    @staticmethod
    def _whole_limb_elevation(pose: Pose, root: Joint, end: Joint, side: Side) -> float | None:
        """Elevation from ``root`` to the limb's ``end`` when the end is seen well inside the
        picture (``LIMB_END_EDGE_MARGIN``), else None: the limb's level cannot be judged."""
        landmark = end.of(side)
        if not pose.limb_seen(landmark):
            return None
        (x, y), (width, height) = pose.point(landmark), pose.image_size
        mx, my = LIMB_END_EDGE_MARGIN * width, LIMB_END_EDGE_MARGIN * height
        if not (mx <= x <= width - mx and my <= y <= height - my):
            return None
        return elevation_deg(pose.world_point(root.of(side)), pose.world_point(landmark), WORLD_UP)

    def read(self, pose: Pose, side: Side) -> Reading:
        arms = {s: self._limb_elevation(pose, Joint.SHOULDER, (Joint.WRIST, Joint.ELBOW), s) for s in Side}
        legs = {s: self._limb_elevation(pose, Joint.HIP, (Joint.ANKLE, Joint.KNEE), s) for s in Side}
        arm_levels = {s: self._whole_limb_elevation(pose, Joint.SHOULDER, Joint.WRIST, s) for s in Side}
        leg_levels = {s: self._whole_limb_elevation(pose, Joint.HIP, Joint.ANKLE, s) for s in Side}
        thighs = {s: self._limb_elevation(pose, Joint.HIP, (Joint.KNEE,), s) for s in Side}
        shins = {s: v for s in Side if (v := self._limb_elevation(pose, Joint.KNEE, (Joint.ANKLE,), s)) is not None}
        # The kneeling shin is the one under the lower knee: a leg raised behind (this exercise's,
        # or the free leg of a single-leg deadlift) can hold its shin level too, in the air.
        lowest_knee = max(shins, key=lambda s: float(pose.world_point(Joint.KNEE.of(s)) @ -WORLD_UP), default=None)
        kneeling = lowest_knee is None or abs(shins[lowest_knee]) <= KNEELING_SHIN_MAX_TILT_DEG
        raised_arm = self._raised(arms)
        raised_leg = self._raised(legs)
        raises = [90.0 + v for v in (arms.get(raised_arm), legs.get(raised_leg)) if v is not None]
        limb_raise = float(np.mean(raises)) if raises else None
        trunk_tilt = elevation_deg(pose.world_point(Joint.HIP.of(side)), pose.world_point(Joint.SHOULDER.of(side)), WORLD_UP)
        hip_roll = None
        if raised_leg is not None and pose.hip_spread() >= REAR_VIEW_HIP_SPREAD and not pose.missing([Landmark.LEFT_HIP, Landmark.RIGHT_HIP]):
            hip_roll = elevation_deg(pose.world_point(Joint.HIP.of(raised_leg.other)), pose.world_point(Joint.HIP.of(raised_leg)), WORLD_UP)
        metrics = BirdDogMetrics(
            side=side,
            arm_elevation_deg={s.value: v for s, v in arms.items()},
            leg_elevation_deg={s.value: v for s, v in legs.items()},
            arm_level_deg={s.value: v for s, v in arm_levels.items()},
            leg_level_deg={s.value: v for s, v in leg_levels.items()},
            raised_arm=raised_arm,
            raised_leg=raised_leg,
            limb_raise_deg=limb_raise,
            trunk_tilt_deg=trunk_tilt,
            hip_roll_deg=hip_roll,
        )
        # The lowest-pointing arm and thigh are the supports; from behind the arms can be hidden,
        # and then the kneeling thigh and a level trunk have to do.
        supports = [min(seen) for seen in ([v for v in arms.values() if v is not None], [v for v in thighs.values() if v is not None]) if seen]
        enter = bool(supports) and kneeling and abs(trunk_tilt) <= TRUNK_LEVEL_DEG and all(v <= SUPPORT_LIMB_MAX_ELEVATION_DEG for v in supports)
        stay = bool(supports) and kneeling and abs(trunk_tilt) <= STAY_TRUNK_LEVEL_DEG and all(v <= STAY_SUPPORT_LIMB_MAX_ELEVATION_DEG for v in supports)
        in_position = self._position.update(enter, stay, pose.t_s)
        at_top = limb_raise is not None and limb_raise >= TOP_RAISE_DEG
        unmeasured = [f"{s.value} {kind}" for kind, limbs in (("arm", arms), ("leg", legs)) for s, v in limbs.items() if v is None]
        key = None
        if raised_arm is not None and arms[raised_arm] is not None:
            level = abs(arms[raised_arm]) <= LEVEL_TOLERANCE_DEG
            key = KeyAngle(Joint.SHOULDER.of(raised_arm), arms[raised_arm], "arm", level if at_top else None)
        return Reading(
            metrics=metrics,
            in_position=in_position,
            rep_signal=limb_raise,
            active_side=raised_arm,
            holding=at_top,
            hold_signal=limb_raise,
            key_angle=key,
            unmeasured=tuple(unmeasured),
        )

    @staticmethod
    def _raised(elevations: dict[Side, float | None]) -> Side | None:
        """The side whose limb is higher, if any limb is seen."""
        seen = {s: v for s, v in elevations.items() if v is not None}
        return max(seen, key=seen.get) if seen else None  # type: ignore[arg-type]

    def judge_rep(self, rep: RepRecord[Metrics]) -> tuple[FaultRule, ...]:
        samples = [m for m in rep.payloads if isinstance(m, BirdDogMetrics)]
        peak = rep.peak_payload
        if not samples or not isinstance(peak, BirdDogMetrics) or peak.raised_arm is None:
            return ()
        arm_side, leg_side = peak.raised_arm, peak.raised_leg
        faults = []
        best_arm, best_leg = self._best_levels(rep)
        if any(v is not None and v < -LEVEL_TOLERANCE_DEG for v in (best_arm, best_leg)):
            faults.append(RULES["limb_below_level"])
        if best_leg is not None and best_leg > LEVEL_TOLERANCE_DEG:
            faults.append(RULES["leg_above_level"])
        if leg_side is arm_side and self._clearly_raised(peak, leg_side):
            faults.append(RULES["same_side_limbs"])
        rolls = [m.hip_roll_deg for m in samples if m.hip_roll_deg is not None and m.raised_leg is leg_side]
        if rolls and max(rolls) - rolls[0] > HIP_ROTATION_DEG:
            faults.append(RULES["hip_rotation"])
        if rep.top_s < RUSHING_PAUSE_S:
            faults.append(RULES["rushing"])
        return tuple(faults)

    @classmethod
    def _best_levels(cls, rep: RepRecord[Metrics]) -> tuple[float | None, float | None]:
        """Highest whole-limb elevation of the raised arm and leg at the top of the rep (None: its
        end was not in view there, so its level cannot be judged). The rise is left out: an arm on
        its way up is below level, whatever it reaches."""
        assert cls.rep_config is not None
        top_level = rep.bottom + cls.rep_config.top_fraction * (rep.peak - rep.bottom)
        samples = [
            m for m in rep.payloads if isinstance(m, BirdDogMetrics) and m.limb_raise_deg is not None and m.limb_raise_deg >= top_level
        ]
        peak = rep.peak_payload
        if not isinstance(peak, BirdDogMetrics) or peak.raised_arm is None:
            return None, None
        arm = peak.raised_arm.value
        best_arm = max((v for m in samples if (v := m.arm_level_deg[arm]) is not None), default=None)
        best_leg = None
        if peak.raised_leg is not None:
            leg = peak.raised_leg.value
            best_leg = max((v for m in samples if (v := m.leg_level_deg[leg]) is not None), default=None)
        return best_arm, best_leg

    def unjudged(self, rep: RepRecord[Metrics]) -> tuple[str, ...]:
        if not isinstance(rep.peak_payload, BirdDogMetrics) or rep.peak_payload.raised_arm is None:
            return ()
        best_arm, best_leg = self._best_levels(rep)
        skipped = []
        if best_arm is None:
            skipped.append(ARM_LEVEL_SKIPPED)
        if best_leg is None:
            skipped.append(LEG_LEVEL_SKIPPED)
        return tuple(skipped)

    @staticmethod
    def _clearly_raised(metrics: BirdDogMetrics, side: Side) -> bool:
        mine, other = metrics.leg_elevation_deg[side.value], metrics.leg_elevation_deg[side.other.value]
        return mine is not None and (other is None or mine - other >= SAME_SIDE_MARGIN_DEG)

    def in_position_cue(self, reading: Reading | None) -> str:
        if reading is not None and reading.holding:
            return "Hold - reach long"
        return self.good_cue
