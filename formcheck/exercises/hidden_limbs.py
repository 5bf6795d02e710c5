"""Holds that go on while a limb is hidden and the body stays put.

In a plank or side plank filmed side-on, an arm or leg often drops out of MediaPipe's view for a
second or two (the far arm behind the body, a hand out of the picture, loose clothing) while the
person has not moved. Without the limb nothing can be measured, but the hold has not ended: it
goes on as long as the trunk (shoulders and hips, in the picture) stays where it was when last
fully seen. A body that really moves out of the position moves its hips or shoulders, and then
the hold ends as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.pose.landmarks import Joint, Landmark, Side
from formcheck.pose.pose import Pose

HIDDEN_LIMB_MAX_S = 5.0
"""A hold goes on through at most this long without its limbs in view. Issue 8 asks for 'a few
seconds'; beyond it, form has gone unchecked for too long to call the time held."""
STILL_BODY_MAX_SHIFT = 0.2
"""The trunk stays put while no visible shoulder or hip has moved more than this many trunk
lengths (shoulder-hip distance in the picture) from where it was last fully seen. A held pose
jitters 0.01-0.05 trunk lengths (3-6 px on a 150-250 px trunk); a plank's hips dropping to the
floor move them 0.35-0.4 (hip height 0.15 of the 1.4 m shoulder-ankle line, trunk 0.55 m); a
sag that is a fault of the plank (0.05-0.10 of the line) moves them 0.1-0.25, so a deep sag
while hidden is not held through."""
TRUNK = tuple(joint.of(side) for joint in (Joint.SHOULDER, Joint.HIP) for side in Side)


def _trunk_length_px(pose: Pose) -> float:
    return float(np.mean([np.linalg.norm(pose.xy[Joint.SHOULDER.of(s)] - pose.xy[Joint.HIP.of(s)]) for s in Side]))


@dataclass
class HiddenLimbBridge:
    """Says, frame by frame, whether a hold may go on although the exercise cannot read the pose."""

    _reference: np.ndarray | None = None
    _trunk_px: float = 0.0
    _hidden_since: float | None = None
    _moved: bool = False

    def seen(self, pose: Pose) -> None:
        """The pose was read in position: the trunk's place to hold to from now."""
        self._reference = pose.xy[list(TRUNK)].copy()
        self._trunk_px = _trunk_length_px(pose)
        self._hidden_since, self._moved = None, False

    def bridges(self, pose: Pose | None, t_s: float) -> bool:
        """Whether the hold goes on at ``t_s``: limbs hidden for at most ``HIDDEN_LIMB_MAX_S`` and a
        shoulder and a hip in view, neither moved from its place. Once moved, the bridge stays
        broken until the pose is read again."""
        if self._reference is None or pose is None or self._moved:
            return False
        self._hidden_since = t_s if self._hidden_since is None else self._hidden_since
        if t_s - self._hidden_since > HIDDEN_LIMB_MAX_S:
            return False
        visible = [i for i, landmark in enumerate(TRUNK) if pose.is_visible(landmark)]
        if not any(TRUNK[i] in (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER) for i in visible) or not any(
            TRUNK[i] in (Landmark.LEFT_HIP, Landmark.RIGHT_HIP) for i in visible
        ):
            return False
        shift = max(float(np.linalg.norm(pose.xy[TRUNK[i]] - self._reference[i])) for i in visible)
        self._moved = shift > STILL_BODY_MAX_SHIFT * max(self._trunk_px, 1e-6)
        return not self._moved
