"""Deadlift and single-leg Romanian deadlift: a hip hinge on the feet, filmed from the side.

Source: exercises.md tier 2, "Lifting videos" (seed 000: a deadlift "requires a solid hip hinge";
seed 004 prescribes single-leg Romanian deadlifts). A rep is a pull to lockout: from the bottom of
a hinge up to standing tall and back down, counted on the trunk's uprightness. So a set pulled from
the floor (starting set up at the bar) and a set of Romanian deadlifts started and ended standing
count the same way: one rep per lockout that follows a hinge. Each rep is judged a hinge (hips back,
trunk tipping, knees bent no more than the trunk tips) or a squat (the knees making the movement),
and its lockout checked for full hip extension; leaning back past vertical is checked whenever it
happens.

A rep with one foot off the floor and the free leg raised behind is a single-leg rep, tagged with
the standing leg; a two-legged rep has no side (a session of those reports no per-side counts).

Angles are measured in the body's sagittal plane, the vertical plane across the hip line, with
forward taken from the feet, on MediaPipe world landmarks: side and oblique cameras read alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import FaultRule, KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.mechanics import RepCounterConfig, RepRecord
from formcheck.geometry import WORLD_UP, elevation_deg, horizontal, unit
from formcheck.pose.landmarks import BODY_LINE, Joint, Landmark, Side
from formcheck.pose.pose import Pose

MIN_HIP_AXIS_M = 0.08
"""The hip line gives the sagittal plane when its horizontal extent is at least this (MediaPipe's
world hips are about 0.2 m apart in every shared clip); otherwise the feet's direction does."""

FACING_MEMORY_S = 1.0
"""Which way the lifter faces is judged on this much of the recent past, not on one frame: nobody
turns round mid-rep, while seen from the feet end MediaPipe's toe landmarks swing in depth for a
few frames of each hinge (the feet-end deadlifts read a 60 degree lean back mid-rep and lost the
rep)."""
HINGE_DIRECTION_MIN_DEG = 45.0
"""A trunk inclined at least this far is bent forward, by what the movement is: then its own
horizontal direction says which way is forward, more surely than the toes."""
HINGE_MEMORY_S = 10.0
"""...and goes on saying it this long after the last deep hinge (a set's reps and the pauses
between them: nobody turns round within a set), over whatever the toes say meanwhile."""

END_ON_DEG = 30.0
"""Facing within this of the camera's axis (filmed from the front or from behind), a lean back or
a short lockout, 10-25 degrees in the sagittal plane, lies along MediaPipe's depth axis: the
rendered kettlebell deadlift leaning back 20 degrees, filmed from the feet end, reads 20 degrees
forward. Those checks are skipped, and said so; the deep hinge that counts the rep still reads."""
LOCKOUT_SKIPPED = "lockout and lean back (filmed from the front or behind)"
LEGS_HIDDEN = "knees, lockout and lean back (legs hidden)"
"""Side-on, a barbell's plates hide the shins and knees: MediaPipe still places the legs, well
enough to tell standing from hinged, not to judge a squat pattern, a lockout or which way the feet
point. The rep, counted on the trunk, still counts; those checks are skipped, and said so (three
rendered floor-level pulls, the near knee and ankle at 0.15-0.7 visibility, counted 0 of 2 reps
when the legs were required: counting them from MediaPipe's estimate and judging it too reported a
squat pattern on a clean pull and a lean back on a pull with none)."""

UPRIGHT_DEG = 90.0
"""The rep signal is the trunk's uprightness, ``UPRIGHT_DEG`` minus its inclination: 90 standing
tall, falling as the lifter hinges, so the pull to lockout is the rise of a rep."""
HINGE_MIN_RISE_DEG = 30.0
"""A rep is a pull through at least this much trunk inclination: well above jitter, below any real
hinge (the squat clip's trunk tips 45-55 degrees; a Romanian deadlift reaches 60-90; the barbell
clip's pull from the floor starts at 70)."""
RETURN_FRACTION = 0.5
"""A rep ends once the trunk is back down half its rise, so a lockout that stops short is still a
rep (flagged ``incomplete_lockout``) instead of merging into the next one."""
PAUSE_MAX_SPEED_DEG_S = 30.0
"""Time at lockout counts as a pause while the trunk moves slower than this."""

DEEP_KNEE_FLEXION_DEG = 100.0
"""Knee flexion in a rep above which the knees 'bend deeply' (spec) whatever the trunk does: a squat
to parallel bends 107-130 (the squat clip); a conventional pull from the floor 65-85 (the barbell
clip, trunk tipped 70), a Romanian deadlift 15-30."""
KNEE_OVER_TRUNK_MARGIN_DEG = 20.0
"""...also a squat when the knees bend this much more than the trunk tips (a shallow squat: the
knees, not the hips, make the movement). A hinge tips the trunk at least as far as it bends the
knees: the barbell pull from the floor reads knees 80 (95th percentile) with the trunk at 72."""
KNEE_PERCENTILE = 95.0
"""A rep's knee bend is this percentile of its samples, as its peak is (``RepCounterConfig``):
one glitched frame does not make a hinge a squat."""
INCOMPLETE_LOCKOUT_HIP_FLEXION_DEG = 25.0
"""Hips still flexed this much at their straightest in the rep: not locked out. Standing tall reads -17..+17 degrees
per side on the squat clip (world landmarks), within 10 of zero averaged over both sides."""
LEANING_BACK_DEG = 12.0
"""Trunk this far behind vertical while standing: leaning back instead of locking out with the
glutes (spec: 'full hip extension without leaning back'). Standing tall reads within 8 of vertical
on the squat clip (both sides averaged). A posture fault, checked every frame: a lean back at the
finish goes below where the rep started, past the point where the rep counter ends the rep."""
LEANING_BACK_MIN_S = 0.3
"""A lean back at lockout lasts about as long as the lockout: shorter than the default half second."""

FOOT_OFF_FLOOR = 0.15
"""One ankle this much higher than the other (fraction of leg length, about 13 cm) is off the floor:
twice the largest difference between two planted feet on the squat clip (0.075)."""
FREE_LEG_BEHIND = 0.10
"""...and this far behind the standing ankle (fraction of leg length): the free leg rises behind,
as in a single-leg Romanian deadlift, not forward as in a march or a step."""

ENTER_MAX_TRUNK_INCLINE_DEG = 20.0
"""To start, stand tall: trunk within this of vertical..."""
ENTER_MAX_KNEE_FLEXION_DEG = 25.0
"""...knees nearly straight (a squat held from the start is not the start of a rep)..."""
ENTER_MAX_SHIN_TILT_DEG = 25.0
"""...and shins near vertical (standing on the feet; sitting on the floor puts them horizontal).
Standing shins read 10-15 degrees forward on the oblique squat clip. Or set up at the bottom of a
pull: on the feet (the ``STAY_*`` bounds) with the shins as near vertical, hinged at least
``HINGE_MIN_RISE_DEG`` and not crouched in a squat, the arms hanging to the bar or the bell (the
barbell and band clips start there, shins 15-16 degrees forward; legs braced at 45 degrees on a
pad are not on their feet)."""
ARM_HANG_MAX_DEG = 30.0
"""Arms hang when shoulder-to-wrist is within this of straight down: gripping a bar, a bell or band
handles (the band clip's bottom reads 5-15); a squat's arms reach forward, near horizontal."""
LOCKOUT_BAND_DEG = 10.0
"""A rep's lockout: its samples within this of its most upright trunk."""
LOCKOUT_ARMS_MAX_DEG = 50.0
"""A rep is a lift of a load held in hanging arms: at the lockout the arms' shoulder-to-wrist line
(the median over the lockout) is within this of straight down. Told the deadlift, 266 reps of the
rendered deadlift family and the two real deadlift clips read a median 12.8 degrees, 95% within 30
(two garbled reps, 63 and 75: a raised camera and an end-on view). A kettlebell swing, the same
hinge and bell, floats the bell forward to about shoulder height as the hips lock out: the
rendered swings read 56-84 from seven placements, 43 from a phone on the floor 45 degrees round
(MediaPipe's depth flattens the swing there). A good morning holds the bar on the shoulders:
87-110. Without this check both counted as deadlift reps, told and in auto mode."""
STAY_MAX_SHIN_TILT_DEG = 60.0
"""Once started, the person is still on their feet while the shins stay this near vertical (the
squat clip's bottom: 25-36; a deep squat 40-50); kneeling or lying puts them near horizontal..."""
STAY_MAX_THIGH_TILT_DEG = 110.0
"""...the thighs no further past horizontal (90) than this (a deep squat, not sitting down)..."""
STAY_TRUNK_INCLINE_RANGE_DEG = (-45.0, 120.0)
"""...and the trunk between leaning well back and tipping a little past horizontal."""


@dataclass(frozen=True)
class DeadliftMetrics(Metrics):
    trunk_incline_deg: float
    """Hip-to-shoulder line from vertical: 0 standing tall, + tipped forward, - leaning back."""
    hip_flexion_deg: float
    """Trunk against the thigh of the working leg(s): 0 locked out, + flexed, - hyperextended."""
    knee_flexion_deg: float
    """0 straight; averaged over both legs, or the standing leg on one foot."""
    shin_tilt_deg: float
    """Knee ahead of the ankle (+), degrees from vertical: how far the knees travel forward."""
    standing_leg: Side | None
    """On one foot: the leg on the floor. None on both feet or when the other leg is not seen."""
    foot_lift: float | None
    """Height of the higher ankle over the lower one, per leg length (None: a leg not seen)."""
    end_on: bool = False
    """Facing the camera or facing away (``END_ON_DEG``): the small sagittal angles of a lockout
    lie along MediaPipe's depth axis and are not judged."""
    legs_seen: bool = True
    """The near knee and ankle are seen; otherwise the legs are MediaPipe's guess (``LEGS_HIDDEN``)."""
    arm_from_down_deg: float | None = None
    """The arms' shoulder-to-wrist line from straight down (the larger of the two): near 0 for
    hands holding a load (``Deadlift._arm_from_down``)."""


RULES = {
    "squat_pattern": FaultRule(
        "squat_pattern",
        "Squat pattern: the knees bent deeply instead of the hips hinging back",
        "Hips back, soft knees",
    ),
    "incomplete_lockout": FaultRule(
        "incomplete_lockout",
        "Hips not fully extended at the top of the rep",
        "Stand tall - squeeze your glutes",
    ),
    "leaning_back": FaultRule(
        "leaning_back",
        "Leaned back past vertical at the top instead of locking out with the glutes",
        "Finish tall - don't lean back",
        min_duration_s=LEANING_BACK_MIN_S,
        release_s=LEANING_BACK_MIN_S,
    ),
}


@dataclass(frozen=True)
class _Leg:
    thigh_tilt: float
    shin_tilt: float
    ankle: np.ndarray

    @property
    def knee_flexion(self) -> float:
        return self.shin_tilt - self.thigh_tilt


class Deadlift(Exercise):
    """Reps are counted on the trunk's uprightness, which rises as the lifter pulls to lockout: a
    rep's time up is the pull, its time at the top the lockout, its time down the lowering into the
    next hinge (or to the floor)."""

    id = "deadlift"
    title = "Deadlift / single-leg RDL"
    other_movement_faults = ("squat_pattern",)
    view = "side"
    views = ("side", "oblique", "front")
    """Front-on too: the deep hinge that counts a rep reads from the front or behind; what does not
    (the lean back, the lockout) is skipped there (``END_ON_DEG``)."""
    filming = (
        "Camera at hip height, side-on, 3-4 m away, the whole body and both feet in frame. "
        "For single-leg Romanian deadlifts keep room behind you for the raised leg."
    )
    setup_cue = "Stand tall, side-on to the camera"
    good_cue = "Hips back - hinge"
    two_sided = True
    rep_config = RepCounterConfig(
        min_rise=HINGE_MIN_RISE_DEG,
        return_fraction=RETURN_FRACTION,
        pause_max_speed=PAUSE_MAX_SPEED_DEG_S,
        speed_half_window_s=0.15,
        completes_at_top=True,
    )
    fault_rules = (RULES["leaning_back"],)
    rep_fault_rules = (RULES["squat_pattern"], RULES["incomplete_lockout"])
    rep_measure = "trunk_uprightness_deg"

    def __init__(self) -> None:
        super().__init__()
        self._facing = 0.0
        """Recent evidence for the sign of the facing direction (``FACING_MEMORY_S``)."""
        self._facing_t_s: float | None = None
        self._hinge: tuple[float, float] | None = None
        """(t_s, evidence) of the last deeply bent frame (``HINGE_MEMORY_S``)."""

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        """The trunk, which counts the rep; hidden legs are read from MediaPipe's estimate (``LEGS_HIDDEN``)."""
        return (Joint.SHOULDER.of(side), Joint.HIP.of(side))

    def _forward(self, pose: Pose) -> np.ndarray:
        """Horizontal unit vector the person faces: across the hip line, its sign taken from the
        last deep hinge (``HINGE_DIRECTION_MIN_DEG``, ``HINGE_MEMORY_S``), else from the recent
        past (``FACING_MEMORY_S``) of the feet (toes ahead of ankles) or the nose ahead of the ears."""
        hint = np.zeros(3)
        for s in Side:
            toe, ankle = Joint.FOOT_INDEX.of(s), Joint.ANKLE.of(s)
            if pose.limb_seen(toe) and pose.limb_seen(ankle):
                hint += horizontal(pose.world_point(toe) - pose.world_point(ankle), WORLD_UP)
        ears = [pose.world_point(Joint.EAR.of(s)) for s in Side if pose.limb_seen(Joint.EAR.of(s))]
        if not hint.any() and ears and pose.limb_seen(Landmark.NOSE):
            hint = horizontal(pose.world_point(Landmark.NOSE) - np.mean(ears, axis=0), WORLD_UP)
        hint = unit(hint)
        trunk = np.mean([pose.world_point(Joint.SHOULDER.of(s)) - pose.world_point(Joint.HIP.of(s)) for s in Side], axis=0)
        lean = horizontal(trunk, WORLD_UP)
        hinged = np.linalg.norm(lean) >= np.sin(np.radians(HINGE_DIRECTION_MIN_DEG)) * np.linalg.norm(trunk)
        if hinged:
            hint = unit(lean)
        hip_axis = horizontal(pose.world_point(Landmark.LEFT_HIP) - pose.world_point(Landmark.RIGHT_HIP), WORLD_UP)
        if np.linalg.norm(hip_axis) < MIN_HIP_AXIS_M and hint.any():
            return hint
        forward = unit(np.cross(hip_axis, WORLD_UP))
        evidence = float(np.dot(forward, hint))
        if hinged:
            self._hinge = (pose.t_s, evidence)
        decay = 1.0 if self._facing_t_s is None else float(np.exp(-(pose.t_s - self._facing_t_s) / FACING_MEMORY_S))
        self._facing = self._facing * decay + evidence
        self._facing_t_s = pose.t_s
        if self._facing_known(pose.t_s):
            assert self._hinge is not None
            return forward if self._hinge[1] >= 0 else -forward
        return forward if self._facing >= 0 else -forward

    def _judges_lean(self, m: DeadliftMetrics, t_s: float) -> bool:
        """A lean back is told from a lean forward only side-on or oblique (``END_ON_DEG``), and
        once a recent deep hinge has shown which way is forward."""
        return not m.end_on and self._facing_known(t_s)

    def _facing_known(self, t_s: float) -> bool:
        """Whether a recent deep hinge has shown which way is forward: only then is a lean back
        told from a lean forward (seen end-on, the toes alone misread it)."""
        return self._hinge is not None and t_s - self._hinge[0] <= HINGE_MEMORY_S

    @staticmethod
    def _tilt(lower: np.ndarray, upper: np.ndarray, forward: np.ndarray) -> float:
        """Angle of lower->upper from vertical in the sagittal plane, + when upper is ahead."""
        v = upper - lower
        return float(np.degrees(np.arctan2(np.dot(v, forward), np.dot(v, WORLD_UP))))

    def read(self, pose: Pose, side: Side) -> Reading:
        forward = self._forward(pose)
        world = pose.world_point
        sides = [side]
        if all(pose.limb_seen(j.of(side.other)) for j in (Joint.SHOULDER, Joint.HIP)):
            sides.append(side.other)
        shoulder = np.mean([world(Joint.SHOULDER.of(s)) for s in sides], axis=0)
        hip = np.mean([world(Joint.HIP.of(s)) for s in sides], axis=0)
        trunk = self._tilt(hip, shoulder, forward)

        legs: dict[Side, _Leg] = {}
        for s in Side:
            if s is side or all(pose.limb_seen(j.of(s)) for j in (Joint.KNEE, Joint.ANKLE)):
                h, k, a = (world(j.of(s)) for j in (Joint.HIP, Joint.KNEE, Joint.ANKLE))
                legs[s] = _Leg(self._tilt(k, h, forward), self._tilt(a, k, forward), a)
        near = (world(Joint.HIP.of(side)), world(Joint.KNEE.of(side)), world(Joint.ANKLE.of(side)))
        leg_length = float(np.linalg.norm(near[0] - near[1]) + np.linalg.norm(near[1] - near[2]))

        standing_leg, foot_lift, unmeasured = None, None, []
        if len(legs) == 2:
            low = min(legs, key=lambda s: float(np.dot(legs[s].ankle, WORLD_UP)))
            free = legs[low.other].ankle - legs[low].ankle
            foot_lift = float(np.dot(free, WORLD_UP)) / leg_length
            behind = -float(np.dot(free, forward)) / leg_length
            if foot_lift >= FOOT_OFF_FLOOR and behind >= FREE_LEG_BEHIND:
                standing_leg = low
        else:
            unmeasured.append(f"{side.other.value} leg (one or both feet on the floor not told)")
        working = [legs[standing_leg]] if standing_leg is not None else list(legs.values())
        thigh = float(np.mean([leg.thigh_tilt for leg in working]))
        arm = self._arm_from_down(pose)
        metrics = DeadliftMetrics(
            side=side,
            trunk_incline_deg=trunk,
            hip_flexion_deg=trunk - thigh,
            knee_flexion_deg=float(np.mean([leg.knee_flexion for leg in working])),
            shin_tilt_deg=float(np.mean([leg.shin_tilt for leg in working])),
            standing_leg=standing_leg,
            foot_lift=foot_lift,
            end_on=abs(float(forward[2])) >= np.cos(np.radians(END_ON_DEG)),
            legs_seen=not pose.missing(tuple(j.of(side) for j in BODY_LINE)),
            arm_from_down_deg=arm,
        )
        if not metrics.legs_seen:
            unmeasured.append(LEGS_HIDDEN)
        on_feet = self._on_feet(metrics, thigh)
        hinged = trunk >= HINGE_MIN_RISE_DEG
        set_up = (
            on_feet
            and hinged
            and abs(metrics.shin_tilt_deg) <= ENTER_MAX_SHIN_TILT_DEG
            and not self._squat_like(metrics.knee_flexion_deg, trunk)
            and arm is not None
            and arm <= ARM_HANG_MAX_DEG
        )
        in_position = self._position.update(self._standing_tall(metrics) or set_up, on_feet, pose.t_s)
        return Reading(
            metrics=metrics,
            in_position=in_position,
            # Unsigned: a lean back is no rep, and a sign misread for a frame makes no false peak.
            rep_signal=UPRIGHT_DEG - abs(trunk),
            active_side=standing_leg,
            faults=frozenset({"leaning_back"})
            if metrics.legs_seen and self._judges_lean(metrics, pose.t_s) and trunk < -LEANING_BACK_DEG
            else frozenset(),
            key_angle=KeyAngle(
                Joint.HIP.of(side), 180.0 - metrics.hip_flexion_deg, "hip", not self._squat_like(metrics.knee_flexion_deg, trunk) if hinged else None
            ),
            unmeasured=tuple(unmeasured) + ((LOCKOUT_SKIPPED,) if metrics.end_on else ()),
        )

    @staticmethod
    def _standing_tall(m: DeadliftMetrics) -> bool:
        return (
            abs(m.trunk_incline_deg) <= ENTER_MAX_TRUNK_INCLINE_DEG
            and m.knee_flexion_deg <= ENTER_MAX_KNEE_FLEXION_DEG
            and abs(m.shin_tilt_deg) <= ENTER_MAX_SHIN_TILT_DEG
        )

    @staticmethod
    def _arm_from_down(pose: Pose) -> float | None:
        """The larger angle of an arm's shoulder-to-wrist line from straight down, over the seen
        wrists, or MediaPipe's estimate of both when neither is seen (filmed from behind, the body
        hides them: its guess still tells hanging arms, 7-46 degrees on the rendered deadlifts,
        from arms swung forward, 56-59 on a swing). None when the landmarks are missing."""
        sides = [s for s in Side if pose.limb_seen(Joint.WRIST.of(s))] or list(Side)
        angles = [90.0 + elevation_deg(pose.world_point(Joint.SHOULDER.of(s)), pose.world_point(Joint.WRIST.of(s)), WORLD_UP) for s in sides]
        finite = [a for a in angles if np.isfinite(a)]
        return max(finite) if finite else None

    @staticmethod
    def _on_feet(m: DeadliftMetrics, thigh_tilt: float) -> bool:
        low, high = STAY_TRUNK_INCLINE_RANGE_DEG
        return (
            abs(m.shin_tilt_deg) <= STAY_MAX_SHIN_TILT_DEG
            and abs(thigh_tilt) <= STAY_MAX_THIGH_TILT_DEG
            and low <= m.trunk_incline_deg <= high
        )

    @staticmethod
    def _squat_like(knee_flexion: float, trunk_incline: float) -> bool:
        return knee_flexion >= DEEP_KNEE_FLEXION_DEG or knee_flexion >= trunk_incline + KNEE_OVER_TRUNK_MARGIN_DEG

    def counts_rep(self, rep: RepRecord[Metrics]) -> bool:
        """A pull to lockout with the load in hanging arms (``LOCKOUT_ARMS_MAX_DEG``)."""
        samples = [m for m in self._metrics(rep) if m.arm_from_down_deg is not None]
        if not samples:
            return True
        tallest = min(abs(m.trunk_incline_deg) for m in samples)
        lockout = [m.arm_from_down_deg for m in samples if abs(m.trunk_incline_deg) <= tallest + LOCKOUT_BAND_DEG]
        return float(np.median(lockout)) <= LOCKOUT_ARMS_MAX_DEG

    def rep_side(self, rep: RepRecord[Metrics]) -> Side | None:
        """The leg stood on through the hinge (the lockout, where the rep peaks, is often on both
        feet): the standing leg seen most often in the rep, None for a two-legged rep."""
        legs = [m.standing_leg for m in self._metrics(rep) if m.standing_leg is not None]
        return max(Side, key=legs.count) if legs else None

    @staticmethod
    def _metrics(rep: RepRecord[Metrics]) -> list[DeadliftMetrics]:
        return [m for m in rep.payloads if isinstance(m, DeadliftMetrics)]

    @staticmethod
    def _end_on(samples: list[DeadliftMetrics]) -> bool:
        return sum(m.end_on for m in samples) > len(samples) / 2

    @staticmethod
    def _legs_hidden(samples: list[DeadliftMetrics]) -> bool:
        return sum(not m.legs_seen for m in samples) > len(samples) / 2

    def unjudged(self, rep: RepRecord[Metrics]) -> tuple[str, ...]:
        samples = self._metrics(rep)
        if samples and self._legs_hidden(samples):
            return (LEGS_HIDDEN,)
        return (LOCKOUT_SKIPPED,) if samples and self._end_on(samples) else ()

    def judge_rep(self, rep: RepRecord[Metrics]) -> tuple[FaultRule, ...]:
        samples = self._metrics(rep)
        if not samples or self._legs_hidden(samples):
            return ()
        depth = max(m.trunk_incline_deg for m in samples)
        seen = [m for m in samples if m.legs_seen]
        knee = float(np.percentile([m.knee_flexion_deg for m in seen], KNEE_PERCENTILE))
        faults = []
        if self._squat_like(knee, depth):
            faults.append(RULES["squat_pattern"])
        if not self._end_on(samples) and min(m.hip_flexion_deg for m in seen) > INCOMPLETE_LOCKOUT_HIP_FLEXION_DEG:
            faults.append(RULES["incomplete_lockout"])
        return tuple(faults)
