"""McGill trunk flexor endurance test: sitting with knees and hips bent, feet held down, the trunk
at 60 degrees from the floor; the back support is pulled away and the angle held until it fails.

Source: exercises.md "Endurance tests" (McGill et al. 1999: a jig at 60 degrees, moved back
10 cm; the test ends when the trunk falls back from 60 degrees). Measured on the side nearest
the camera, world landmarks: trunk elevation = the hip-to-shoulder line above horizontal.

The pose cannot see the support being pulled away: the test starts once the trunk holds its
angle still (``START_STILL_S``), or, live, when the helper presses the reset key as they pull
the support (the analysis starts over then, and times the hold from the next still moment).
"""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.core import Metrics, Reading
from formcheck.exercises.endurance import McGillTest, TrunkAngleTest
from formcheck.geometry import WORLD_UP, angle_deg, elevation_deg
from formcheck.pose.landmarks import BODY_LINE, Side
from formcheck.pose.pose import Pose

TEST_ANGLE_DEG = 60.0
"""The trunk's angle from the floor in the test (McGill et al. 1999: the jig at 60 degrees)."""
START_BAND_DEG = 7.5
"""To start, the trunk within this of 60 degrees: a jig set by eye, and a few degrees of pose
estimation error."""
FALL_BACK_DEG = 10.0
"""The test ends when the trunk falls back this far below 60 degrees: the support pulled back
10 cm behind a trunk of about 50 cm (hip to shoulder) is about 11 degrees away, so falling this
far back is falling onto it."""
LEAN_FORWARD_DEG = 15.0
"""...or leans this far forward of 60 degrees (curling up to rest the flexors)."""
SITTING_KNEE_RANGE_DEG = (50.0, 130.0)
"""Knees bent (about 90 degrees in the test, feet held down); straight legs are another posture."""
SITTING_THIGH_RANGE_DEG = (-20.0, 60.0)
"""Hip-to-knee elevation: seated on the floor with the knees up, the thigh rises toward the knee;
standing or kneeling has it pointing steeply down."""


@dataclass(frozen=True)
class FlexorMetrics(Metrics):
    trunk_deg: float
    """Hip-to-shoulder line above horizontal: 60 in the test position, 0 lying back."""
    knee_angle_deg: float
    thigh_deg: float


class McGillFlexor(TrunkAngleTest):
    id = "mcgill_flexor"
    title = "McGill trunk flexor test"
    view = "side"
    test = McGillTest.FLEXION
    filming = (
        "Side-on, camera at hip height, 2-3 m away, head to feet in frame. Sit with knees and hips bent, "
        "feet held down by a helper or a strap, back against a support at 60 degrees, arms crossed on "
        "the chest. The helper pulls the support back 10 cm (live: and presses R); hold until you can't."
    )
    setup_cue = "Sit, knees bent, trunk at 60 degrees, arms crossed"
    good_cue = "Hold the angle"

    def read(self, pose: Pose, side: Side) -> Reading:
        shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, side)
        metrics = FlexorMetrics(
            side=side,
            trunk_deg=elevation_deg(hip, shoulder, WORLD_UP),
            knee_angle_deg=angle_deg(hip, knee, ankle),
            thigh_deg=elevation_deg(hip, knee, WORLD_UP),
        )
        sitting = (
            SITTING_KNEE_RANGE_DEG[0] <= metrics.knee_angle_deg <= SITTING_KNEE_RANGE_DEG[1]
            and SITTING_THIGH_RANGE_DEG[0] <= metrics.thigh_deg <= SITTING_THIGH_RANGE_DEG[1]
        )
        enter = sitting and abs(metrics.trunk_deg - TEST_ANGLE_DEG) <= START_BAND_DEG
        stay = sitting and TEST_ANGLE_DEG - FALL_BACK_DEG <= metrics.trunk_deg <= TEST_ANGLE_DEG + LEAN_FORWARD_DEG
        return self.trunk_reading(metrics, metrics.trunk_deg, enter, stay, pose, side)
