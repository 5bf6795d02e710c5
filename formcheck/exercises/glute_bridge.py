"""Glute bridge (hip raise): supine, knees bent, hips driven up to a straight shoulder-hip-knee line.

Source: exercises.md tier 1 (seeds 002 and 003). Measured on the side of the body nearest the
camera, with MediaPipe's world landmarks so the angles hold in oblique views too. A member of
the hip-extension family (``hip_extension``): this module declares what it measures and its own
start position, lying on the back with the feet planted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.core import FaultRule
from formcheck.exercises import hip_extension as family
from formcheck.exercises.hip_extension import HipExtension, HipExtensionMetrics, PostureCheck
from formcheck.exercises.mechanics import RepRecord
from formcheck.geometry import IMAGE_UP, WORLD_UP, angle_deg, angle_through_deg, elevation_deg, line_offset
from formcheck.pose.landmarks import BODY_LINE, Joint, Landmark, Side, both_sides
from formcheck.pose.pose import Pose

UNEVEN_HIPS_DEG = 10.0
"""Tilt of the hip line in a front (feet-end) view above which one hip is clearly lower."""
FRONT_VIEW_HIP_SPREAD = 0.5
"""The hip-line tilt is only judged when the hips are this far apart in the image
(``Pose.hip_spread``): when the camera looks at the pelvis from the front."""
MIN_THIGH_ELEVATION_DEG = 5.0
"""Lying on the back with the feet planted, the knees point up: the knee is above the hip at the
bottom and still above it at the top. On hands and knees, kneeling or sitting it is below."""
TRUNK_ELEVATION_RANGE_DEG = (-35.0, 60.0)
"""Shoulder-to-hip elevation while lying: about 0 on the floor, 20-40 at the top. Sitting up or
standing puts the hips far below the shoulders."""
MAX_FOOT_ABOVE_HIP = 0.5
"""Lying on the back with the feet on the floor: the knee is above both the hip and the ankle
(real bridge clips: 0.14 m and more above the hip, 0.33 m above the ankle), and the ankle no
higher above the hip than this many thigh lengths (bridge clips -0.64 to 0.01; feet lifted
with the hips and knees at 90 degrees about 0.95). Kneeling, on hands and knees or sitting back
on the heels, the knee is the lowest of the three; with a foot in the air (crossed over the
other knee, or lifted off the floor) the ankle is a shin length above the hip."""


REP_START_MIN_TRUNK_DEG = -15.0
"""A bridge rep starts lying: the shoulder-to-hip line near level. A crunch's return to lying also
raises the hip-extension angle by 20-90 degrees, but it starts with the shoulders curled up above
the hips. Line elevation at the rep's start, told the bridge on the corpus: 28 bridge reps, real
and rendered, -11 to +30; 17 of 19 crunch "reps" -34 to -20 (the other two -3 and +5, which only
the position model rules out). At the peak the bridge lifts the hips above the shoulders (11.6-44,
incomplete sample reps 11.6), crunches -7.5 to 13: too close to judge by."""


PEAK_MIN_HIP_LIFT = 0.08
"""...and at its peak the hips are off the floor: the hip at least this far (in shoulder-to-ankle
lengths, about 9 cm) above the line from the shoulder to the ankle, which lie on the floor. A
crunch's return to lying and a heel slide raise hip extension with the hips down. At the peak,
told the bridge on the corpus: the 38 bridge reps, real and rendered, 0.13 (an incomplete one,
peak 148 degrees) to 0.41; 12 of 13 crunch "reps" -0.05 to +0.05 (the other reads 0.64 in a
garbled low oblique view). The ankle's height above the hip separates them less well: MediaPipe
reads it -0.44 to +0.46 thigh lengths when lying."""


def is_bridge_rep(rep: RepRecord[GluteBridgeMetrics]) -> bool:
    """Whether a rise of hip extension is a bridge rep: one that starts lying, not curled up,
    and lifts the hips off the floor."""
    start = rep.payloads[0] if rep.payloads else rep.peak_payload
    starts_lying = start is None or start.trunk_elevation_deg >= REP_START_MIN_TRUNK_DEG
    peak = rep.peak_payload
    hips_up = peak is None or peak.hip_lift >= PEAK_MIN_HIP_LIFT
    return starts_lying and hips_up


@dataclass(frozen=True)
class GluteBridgeMetrics(HipExtensionMetrics):
    knee_angle_deg: float
    trunk_elevation_deg: float
    hip_tilt_deg: float | None
    thigh_elevation_deg: float
    foot_height: float
    """Ankle height above the hip, in thigh lengths."""
    hip_lift: float
    """Hip above the shoulder-to-ankle line, in shoulder-to-ankle lengths: about 0 lying."""


def hip_tilt_deg(pose: Pose) -> float | None:
    """Tilt of the left-right hip line in the image, when the camera sees the pelvis front-on."""
    if pose.missing([Landmark.LEFT_HIP, Landmark.RIGHT_HIP]) or pose.hip_spread() < FRONT_VIEW_HIP_SPREAD:
        return None
    return abs(elevation_deg(pose.point(Landmark.LEFT_HIP), pose.point(Landmark.RIGHT_HIP), IMAGE_UP))


def measure(pose: Pose, side: Side) -> tuple[GluteBridgeMetrics, tuple[str, ...]]:
    shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, side)
    metrics = GluteBridgeMetrics(
        side=side,
        hip_extension_deg=angle_through_deg(shoulder, hip, knee, WORLD_UP),
        knee_angle_deg=angle_deg(hip, knee, ankle),
        trunk_elevation_deg=elevation_deg(shoulder, hip, WORLD_UP),
        hip_tilt_deg=hip_tilt_deg(pose),
        thigh_elevation_deg=elevation_deg(hip, knee, WORLD_UP),
        foot_height=float(np.dot(ankle - hip, WORLD_UP) / (np.linalg.norm(knee - hip) + 1e-9)),
        hip_lift=line_offset(hip, shoulder, ankle, WORLD_UP),
    )
    return metrics, ()


def lying_feet_planted(pose: Pose, m: GluteBridgeMetrics) -> bool:
    """The start position: on the back, knees bent and up, feet on the floor."""
    _, _, knee, ankle = pose.world_points(BODY_LINE, m.side)
    low, high = TRUNK_ELEVATION_RANGE_DEG
    return (
        m.knee_angle_deg <= family.SUPINE_MAX_KNEE_BEND_DEG
        and low <= m.trunk_elevation_deg <= high
        and m.thigh_elevation_deg >= MIN_THIGH_ELEVATION_DEG
        and float(np.dot(knee - ankle, WORLD_UP)) > 0.0
        and m.foot_height <= MAX_FOOT_ABOVE_HIP
    )


UNEVEN_HIPS = PostureCheck(
    FaultRule("uneven_hips", "One hip lower than the other", "Keep your hips level"),
    lambda m: m.hip_tilt_deg is not None and m.hip_tilt_deg > UNEVEN_HIPS_DEG,
)


class GluteBridge(HipExtension):
    id = "glute_bridge"
    title = "Glute bridge"
    contacts = both_sides(Joint.SHOULDER, Joint.HEEL, Joint.FOOT_INDEX)
    """On the floor in position: shoulders and feet."""
    filming = (
        "Camera at floor or hip height, side-on, 2-3 m away, the whole body from head to feet in frame. "
        "A front view from the feet end also checks that the hips stay level."
    )
    setup_cue = "Lie on your back, knees bent, feet flat"
    good_cue = "Drive your hips up"
    spec = family.face_up_spec(measure, lying_feet_planted, UNEVEN_HIPS, counts=is_bridge_rep)
