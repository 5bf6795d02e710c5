"""Forearm plank: a straight line from shoulders to ankles, held; only good-form time is good time.

Source: exercises.md tier 1 (seeds 002 and 003; 000 on building the time up slowly). Measured on
the side nearest the camera, in the vertical plane of the body (world landmarks), so a straight
body reads straight from the side and from an oblique camera alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import FaultRule, KeyAngle, Metrics, Reading
from formcheck.exercises.base import Exercise
from formcheck.exercises.mechanics import HoldConfig
from formcheck.geometry import WORLD_UP, angle_deg, angle_through_deg, elevation_deg, line_offset, to_vertical_plane
from formcheck.pose.landmarks import Joint, Landmark, Side, both_sides
from formcheck.pose.pose import Pose

HIP_SAG_OFFSET = 0.05
"""Hips this far below the shoulder-ankle line (fraction of its length) are sagging. Straight
planks on real clips stay within 0.035; a clear sag is 0.08-0.12 (about 160 degrees)."""
HIP_PIKE_OFFSET = 0.05
"""Hips this far above the line are piked."""
HEAD_DROP_DEG = 30.0
"""Ear this many degrees below the hip-shoulder line: the head hangs. Real planks hold the head
up (-30 to +6 degrees); a rendered plank seen obliquely reads up to 24 from depth errors while
truly in line, so only a clear hang counts."""
ELBOWS_FORWARD_DEG = 30.0
"""Upper arm tilted this far toward the head from vertical: elbows too far in front of the shoulders."""
FOREARM_MAX_TILT_DEG = 30.0
"""The forearm plank (exercises.md): forearms flat on the floor, elbow to wrist within this of
horizontal, to start a plank. A push-up's straight or bending arms never are, so push-ups are not
taken for planks."""

ENTER_MAX_TILT_DEG = 30.0
"""To start a plank the shoulder-ankle line must be within this of horizontal..."""
ENTER_MIN_HIP_HEIGHT = 0.10
"""...the hips at least this high above the floor line (hands/forearms to toes), as a fraction
of shoulder-ankle length: lying prone on the forearms puts them at 0.03-0.06, a plank at 0.15..."""
ENTER_MAX_LINE_OFFSET = 0.05
"""...and the body nearly straight."""
ENTER_MIN_KNEE_DEG = 150.0
"""Legs straight: a plank is on the toes, not the knees."""
MAX_SHOULDER_LINE_TILT_DEG = 35.0
"""Face down, the shoulders are side by side and level; lying or propped on one side stacks one
above the other."""
MAX_SUPPORT_GAP = 0.22
"""Forearms and toes both on the floor: the wrist and the toes at nearly the same height (fraction
of shoulder-ankle length; real plank clips: 95th percentile 0.03 and 0.08, rendered oblique
planks 0.16-0.22, where depth guesses tilt the line). Legs lifted off the end of a bench put the
toes in the air a quarter of a body length above the hands."""
MAX_HOLD_MOTION = 0.2
"""...and no more than this range of it within 2 s of the hold: more is moving through the
plank, not holding it. Measured over 2 s windows since each hold began: real planks 0.014 and
0.017 median, 0.142 at most; rendered planks 0.007-0.042 median, the rendered hip sag 0.152; a
rendered push-up, timed as a 9 s plank from a phone on the floor before this check, 0.289."""
SETTLED_HEIGHT_SPEED = 0.06
"""A plank is held while the hips and knees keep their height above the hands-toes line: their
summed height (per shoulder-ankle length) changes slower than this per second, over 0.3 s. Real
holds: 95th percentile 0.03-0.04/s; lifting into or lowering out of a plank over a second, hips
or knees first, moves it 0.1/s and more. The hold runs from the first still moment to the last."""
STAY_MAX_TILT_DEG = 40.0
STAY_MIN_KNEE_HEIGHT = 0.04
"""Once planking, the hold goes on (with faults) while the knees are clearly off the floor;
below this a deep sag and lying prone look alike (knees 0.01-0.02 above the hands-toes line in
both), so the plank is uncertain until the person either lifts back up or stays down..."""
STAY_MAX_LINE_OFFSET = 0.25
"""...or the body folds far out of line (getting up, kneeling back)."""
STAY_MIN_KNEE_DEG = 130.0
FOOT_BELOW_FLOOR_MAX = 0.15
"""In a plank both feet are on the floor with the hands: neither ankle lies more than this below
the hands-toes line (fraction of shoulder-ankle length; both real plank clips: 0.01 and above).
A leg standing on the floor far below it is a body hinged forward on one leg: the other leg,
raised in line with the trunk, makes the same straight line from that side, but nothing lies on
the floor."""
FAR_FOOT_VISIBILITY = 0.3
"""The far ankle counts for that check when scored at least this (0.36-0.5 in the plank clips)."""


@dataclass(frozen=True)
class PlankMetrics(Metrics):
    body_line_offset: float
    """Hip distance above (+, pike) or below (-, sag) the shoulder-ankle line, per line length."""
    body_angle_deg: float
    """Shoulder-hip-ankle angle on the floor side: 180 straight, below 180 sagging."""
    body_tilt_deg: float
    hip_height: float
    knee_height: float
    knee_angle_deg: float
    shoulder_line_tilt_deg: float
    forearm_tilt_deg: float | None
    """Elbow-to-wrist angle from horizontal (None: wrist not visible)."""
    support_gap: float
    """Height difference between the hand (or elbow) and the toes (or ankle), per shoulder-ankle length."""
    head_drop_deg: float | None
    elbow_forward_deg: float | None
    lowest_ankle_height: float
    """The lower ankle's height above the hands-toes line, per shoulder-ankle length."""


RULES = {
    "hip_sag": FaultRule("hip_sag", "Hips sagging below the shoulder-ankle line: the low back hangs", "Lift your hips"),
    "hip_pike": FaultRule("hip_pike", "Hips piked above the shoulder-ankle line", "Lower your hips"),
    "head_drop": FaultRule("head_drop", "Head dropped below the line of the back", "Head up - in line"),
    "elbows_forward": FaultRule(
        "elbows_forward", "Elbows far in front of the shoulders", "Elbows under shoulders"
    ),
}


class Plank(Exercise):
    id = "plank"
    title = "Forearm plank"
    view = "side"
    views = ("side", "oblique")
    contacts = both_sides(Joint.ELBOW, Joint.WRIST, Joint.FOOT_INDEX)
    """On the floor in position: forearms and toes."""
    filming = (
        "Camera at floor level, side-on, 2-3 m away, head to feet in frame. "
        "An oblique view from the head side also works; far limbs are then estimated."
    )
    setup_cue = "Forearms down, elbows under shoulders, up on your toes"
    good_cue = "Hold - body in one line"
    primary = "hold"
    hold_config = HoldConfig(min_hold_s=1.0, grace_s=0.6, max_settle_speed=SETTLED_HEIGHT_SPEED, max_motion=MAX_HOLD_MOTION)
    fault_rules = tuple(RULES.values())

    def required(self, pose: Pose, side: Side) -> tuple[Landmark, ...]:
        return tuple(j.of(side) for j in (Joint.SHOULDER, Joint.ELBOW, Joint.HIP, Joint.KNEE, Joint.ANKLE))

    def read(self, pose: Pose, side: Side) -> Reading:
        def world(joint: Joint) -> np.ndarray:
            return pose.world_point(joint.of(side))

        shoulder, elbow, hip, knee, ankle = (world(j) for j in (Joint.SHOULDER, Joint.ELBOW, Joint.HIP, Joint.KNEE, Joint.ANKLE))
        hand = world(Joint.WRIST) if pose.is_visible(Joint.WRIST.of(side)) else elbow
        toes = world(Joint.FOOT_INDEX) if pose.is_visible(Joint.FOOT_INDEX.of(side)) else ankle
        unmeasured = []
        head_drop = None
        if pose.is_visible(Joint.EAR.of(side)):
            head_drop = angle_through_deg(hip, shoulder, world(Joint.EAR), WORLD_UP) - 180.0
        else:
            unmeasured.append("head line (ear not visible)")
        forearm_tilt = abs(elevation_deg(elbow, hand, WORLD_UP)) if pose.is_visible(Joint.WRIST.of(side)) else None
        elbow_forward = None
        if forearm_tilt is not None and forearm_tilt <= FOREARM_MAX_TILT_DEG:  # elbows matter on forearms only
            elbow_forward = self._upper_arm_forward_deg(shoulder, elbow, ankle)

        metrics = PlankMetrics(
            side=side,
            body_line_offset=line_offset(hip, shoulder, ankle, WORLD_UP),
            body_angle_deg=angle_through_deg(shoulder, hip, ankle, WORLD_UP),
            body_tilt_deg=elevation_deg(ankle, shoulder, WORLD_UP),
            hip_height=line_offset(hip, hand, toes, WORLD_UP) * self._floor_scale(hand, toes, shoulder, ankle),
            knee_height=line_offset(knee, hand, toes, WORLD_UP) * self._floor_scale(hand, toes, shoulder, ankle),
            knee_angle_deg=angle_deg(hip, knee, ankle),
            shoulder_line_tilt_deg=abs(
                elevation_deg(pose.world_point(Landmark.LEFT_SHOULDER), pose.world_point(Landmark.RIGHT_SHOULDER), WORLD_UP)
            ),
            forearm_tilt_deg=forearm_tilt,
            support_gap=abs(float(np.dot(hand - toes, WORLD_UP))) / float(np.linalg.norm(shoulder - ankle) + 1e-9),
            head_drop_deg=head_drop,
            elbow_forward_deg=elbow_forward,
            lowest_ankle_height=min(
                line_offset(pose.world_point(Joint.ANKLE.of(s)), hand, toes, WORLD_UP)
                * self._floor_scale(hand, toes, shoulder, ankle)
                for s in Side
                if s is side or (pose.visibility[Joint.ANKLE.of(s)] >= FAR_FOOT_VISIBILITY and pose.in_frame(Joint.ANKLE.of(s)))
            ),
        )
        planking = self._position.update(
            self._starts_plank(metrics), self._stays_planking(metrics), pose.t_s, maybe=self._may_be_planking(metrics)
        )
        faults = set()
        if metrics.body_line_offset < -HIP_SAG_OFFSET:
            faults.add("hip_sag")
        if metrics.body_line_offset > HIP_PIKE_OFFSET:
            faults.add("hip_pike")
        if head_drop is not None and head_drop > HEAD_DROP_DEG:
            faults.add("head_drop")
        if elbow_forward is not None and elbow_forward > ELBOWS_FORWARD_DEG:
            faults.add("elbows_forward")
        straight = not faults & {"hip_sag", "hip_pike"}
        return Reading(
            metrics=metrics,
            in_position=planking,
            holding=planking,
            hold_signal=metrics.hip_height + metrics.knee_height,  # still while held: SETTLED_HEIGHT_SPEED
            faults=frozenset(faults) if planking is not False else frozenset(),
            key_angle=KeyAngle(Joint.HIP.of(side), metrics.body_angle_deg, "body", straight if planking is not False else None),
            unmeasured=tuple(unmeasured),
        )

    @staticmethod
    def _floor_scale(hand: np.ndarray, toes: np.ndarray, shoulder: np.ndarray, ankle: np.ndarray) -> float:
        """Converts offsets measured against the hand-toes line into shoulder-ankle lengths."""
        return float(np.linalg.norm(toes - hand) / (np.linalg.norm(ankle - shoulder) + 1e-9))

    @staticmethod
    def _upper_arm_forward_deg(shoulder: np.ndarray, elbow: np.ndarray, ankle: np.ndarray) -> float:
        """Tilt of shoulder->elbow from straight down, positive toward the head."""
        shoulder2, elbow2 = to_vertical_plane([shoulder, elbow], ankle, shoulder, WORLD_UP)
        along, up = elbow2 - shoulder2
        return float(np.degrees(np.arctan2(along, -up)))

    @staticmethod
    def _stretched_out(m: PlankMetrics) -> bool:
        """Face down, body stretched out and roughly level, legs straight, feet not below the floor."""
        return (
            abs(m.body_tilt_deg) <= STAY_MAX_TILT_DEG
            and abs(m.body_line_offset) <= STAY_MAX_LINE_OFFSET
            and m.knee_angle_deg >= STAY_MIN_KNEE_DEG
            and m.shoulder_line_tilt_deg <= MAX_SHOULDER_LINE_TILT_DEG
            and m.lowest_ankle_height >= -FOOT_BELOW_FLOOR_MAX
        )

    @classmethod
    def _starts_plank(cls, m: PlankMetrics) -> bool:
        """A good plank: straight, hips and knees up, on the forearms and toes."""
        return (
            cls._stretched_out(m)
            and abs(m.body_tilt_deg) <= ENTER_MAX_TILT_DEG
            and m.hip_height >= ENTER_MIN_HIP_HEIGHT
            and abs(m.body_line_offset) <= ENTER_MAX_LINE_OFFSET
            and m.knee_angle_deg >= ENTER_MIN_KNEE_DEG
            and m.knee_height >= STAY_MIN_KNEE_HEIGHT
            and m.forearm_tilt_deg is not None
            and m.forearm_tilt_deg <= FOREARM_MAX_TILT_DEG
            and m.support_gap <= MAX_SUPPORT_GAP
        )

    @classmethod
    def _stays_planking(cls, m: PlankMetrics) -> bool:
        """Still a plank, faults and all, while the knees are clearly off the floor."""
        return cls._stretched_out(m) and m.knee_height >= STAY_MIN_KNEE_HEIGHT

    @classmethod
    def _may_be_planking(cls, m: PlankMetrics) -> bool:
        """A sag as deep as lying prone, on the floor with the hands and toes (not with the toes
        lifted in the air): a plank if the person comes back up."""
        return cls._stretched_out(m) and m.support_gap <= MAX_SUPPORT_GAP
