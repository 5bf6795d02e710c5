"""Biering-Sorensen extensor endurance test: prone over a bench edge with the hips at its end and
the legs strapped down, the trunk held out horizontal and unsupported, arms crossed on the chest,
until it drops.

Source: exercises.md "Endurance tests" (Biering-Sorensen 1984, as used by McGill et al. 1999:
the test ends when the trunk falls from horizontal, or the hands go down to the floor). Measured
on the side nearest the camera, world landmarks: trunk elevation = hip-to-shoulder line above
horizontal, in whichever direction the head points.
"""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.core import Metrics, Reading
from formcheck.exercises.endurance import McGillTest, TrunkAngleTest
from formcheck.geometry import WORLD_UP, angle_deg, distance, elevation_deg
from formcheck.pose.landmarks import BODY_LINE, Joint, Side
from formcheck.pose.pose import Pose

START_BAND_DEG = 10.0
"""To start, the trunk within this of horizontal."""
DROP_DEG = 10.0
"""The test ends when the trunk drops this far below horizontal (exercises.md: "about 10
degrees"; McGill et al. 1999 end it when the trunk falls from horizontal)."""
MAX_RISE_DEG = 30.0
"""Arching far above horizontal is no longer the test position (the trunk lifts off the test's
line to rest the back differently)."""
LEG_MAX_TILT_DEG = 20.0
"""Legs strapped along the bench: hip to ankle within this of horizontal. A standing or kneeling
body has them near vertical."""
MIN_KNEE_DEG = 140.0
"""Legs straight on the bench."""
HANDS_DOWN_ARMS = 0.75
"""Hands reaching for the floor: the wrist below the shoulder by this share of the arm's length
(shoulder-elbow-wrist). Arms crossed on the chest keep the wrist level with the chest, about 0.2."""
ARM_VISIBILITY = 0.3
"""The near wrist and elbow count for the hands check when scored at least this."""


@dataclass(frozen=True)
class ExtensorMetrics(Metrics):
    trunk_deg: float
    """Hip-to-shoulder line above (+) or below (-) horizontal."""
    leg_tilt_deg: float
    knee_angle_deg: float
    hands_drop_arms: float | None
    """Wrist below the shoulder, per arm length (None: arm not seen)."""


class McGillExtensor(TrunkAngleTest):
    id = "mcgill_extensor"
    title = "Biering-Sorensen extensor test"
    view = "side"
    test = McGillTest.EXTENSION
    filming = (
        "Side-on, camera at bench height, 2-3 m away, head to feet in frame. Lie face down with the hips "
        "at the bench's edge, legs strapped or held down by a helper, arms crossed on the chest; hold the "
        "trunk out level, unsupported, until you can't (the helper stays beside you)."
    )
    setup_cue = "Trunk out level over the bench edge, arms crossed"
    good_cue = "Hold level"

    def read(self, pose: Pose, side: Side) -> Reading:
        shoulder, hip, knee, ankle = pose.world_points(BODY_LINE, side)
        metrics = ExtensorMetrics(
            side=side,
            trunk_deg=elevation_deg(hip, shoulder, WORLD_UP),
            leg_tilt_deg=abs(elevation_deg(ankle, hip, WORLD_UP)),
            knee_angle_deg=angle_deg(hip, knee, ankle),
            hands_drop_arms=self._hands_drop(pose, side),
        )
        on_bench = metrics.leg_tilt_deg <= LEG_MAX_TILT_DEG and metrics.knee_angle_deg >= MIN_KNEE_DEG
        hands_up = metrics.hands_drop_arms is None or metrics.hands_drop_arms < HANDS_DOWN_ARMS
        enter = on_bench and hands_up and abs(metrics.trunk_deg) <= START_BAND_DEG
        stay = on_bench and hands_up and -DROP_DEG <= metrics.trunk_deg <= MAX_RISE_DEG
        unmeasured = () if metrics.hands_drop_arms is not None else ("hands (arm not visible)",)
        return self.trunk_reading(metrics, metrics.trunk_deg, enter, stay, pose, side, unmeasured)

    @staticmethod
    def _hands_drop(pose: Pose, side: Side) -> float | None:
        shoulder, elbow, wrist = (Joint.SHOULDER.of(side), Joint.ELBOW.of(side), Joint.WRIST.of(side))
        if min(pose.visibility[elbow], pose.visibility[wrist]) < ARM_VISIBILITY:
            return None
        arm = distance(pose.world_point(shoulder), pose.world_point(elbow)) + distance(pose.world_point(elbow), pose.world_point(wrist))
        drop = float((pose.world_point(wrist) - pose.world_point(shoulder)) @ -WORLD_UP)
        return drop / max(arm, 1e-9)
