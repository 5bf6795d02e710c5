"""Where 'up' is: the camera's pitch, estimated from the points the body rests on, and world
landmarks levelled to gravity.

MediaPipe's world landmarks keep the camera's axes. A camera raised on a table or propped on the
floor looks down at the person, so its 'up' is tipped by the pitch: a plank filmed 30 degrees round
from the side by a camera 1.4 m high (27 degrees down) reads its straight body line 14 degrees off
level, and is never timed. Cameras are level sideways (a laptop, a phone propped up or on a tripod),
so the one unknown is the pitch, a rotation about the camera's x axis.

An exercise declares its contact points, the landmarks that rest on the floor in its position
(forearms and toes in a plank). Where they lie in one plane, that plane is the floor: its tilt in
the camera's (y, z) plane is the pitch. One frame's estimate is noisy and some frames are of
something else (getting into position), so the pitch used is the median of the frames whose
contacts were flat, over a long window, and it stays level until enough of them agree.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

import numpy as np

from formcheck.pose.landmarks import Landmark
from formcheck.pose.pose import Pose

PITCH_RANGE_DEG = (-15.0, 40.0)
"""Plausible camera pitches: from a phone propped on the floor tipped up a little, to a phone on a
shelf or a tripod at head height 2 m away looking down 35-40 degrees (a laptop on a table 2-3 m
away: 15-25). A 'floor' outside them is not the floor: contacts in the air, such as a bird dog
raising the arm and leg of one side, which lines its contacts up on a slope of about 50 degrees."""
MAX_CONTACT_RESIDUAL_M = 0.12
"""The contacts lie in one plane when their spread across it is at most this (rms): MediaPipe puts
the elbows and wrists of a still plank on the floor 10-17 cm apart in height when filmed from
above (2 cm side-on); a raised bird-dog limb is 40 cm off."""
MIN_CONTACT_SPREAD_M = 0.2
"""...and they span at least this along it, in the camera's (y, z) plane, so that the plane's tilt
is measurable: a body seen side-on spreads its contacts along x, where the pitch does not show
(nor matter: a side view's body lines do not tip with the pitch)."""
MAX_DEPTH_AXIS_DEG = 60.0
"""...and spread mostly across the picture: the contacts' long axis within this of the image plane
(a camera up to 60 degrees round from the side). Seen end-on, from the feet or the head or from
behind, they spread along the camera's depth, which MediaPipe estimates least well: rendered bird
dogs and planks filmed from the feet end or from behind read 20-30 degrees too much pitch."""
MIN_FRAMES = 8
"""Flat-contact frames needed before the estimate replaces level (about half a second of pose)."""
WINDOW_FRAMES = 300
"""Frames of the median: about 20 s at 15 poses a second. The camera stays put through a set."""
CALIBRATED_PITCH_DEG = 8.0
"""Only the pitch beyond this is corrected. The analyzers' thresholds were set on footage from
cameras pitched a little (the contacts of the dev clips read -10 to +11 degrees, a rendered camera
pitched 6 degrees reads 11): their readings stay where they were calibrated, and a steeper camera
(a rendered one pitched 27 degrees reads 30) is brought back into that range."""


def _up(pitch_deg: float) -> np.ndarray:
    pitch = np.radians(pitch_deg)
    return np.array([0.0, -np.cos(pitch), -np.sin(pitch)])


def contact_pitch_deg(pose: Pose, contacts: tuple[Landmark, ...]) -> float | None:
    """The camera pitch at which ``contacts`` lie level, or None when they do not lie in a plane
    of measurable tilt. Positive: the camera looks down."""
    if len(contacts) < 3:
        return None
    points = pose.world[list(contacts)]
    _, across = np.linalg.eigh(np.cov(points[:, [0, 2]], rowvar=False, bias=True))
    long_axis = across[:, 1]
    if np.degrees(np.arctan2(abs(long_axis[1]), abs(long_axis[0]))) > MAX_DEPTH_AXIS_DEG:
        return None
    values, vectors = np.linalg.eigh(np.cov(points[:, 1:], rowvar=False, bias=True))
    residual, spread = np.sqrt(np.maximum(values, 0.0))
    if residual > MAX_CONTACT_RESIDUAL_M or spread < MIN_CONTACT_SPREAD_M:
        return None
    normal = vectors[:, 0]
    if normal[0] > 0:
        normal = -normal
    pitch = float(np.degrees(np.arctan2(-normal[1], -normal[0])))
    low, high = PITCH_RANGE_DEG
    return pitch if low <= pitch <= high else None


def level(pose: Pose, pitch_deg: float) -> Pose:
    """``pose`` with its world landmarks turned so that gravity's up is ``WORLD_UP``."""
    if pitch_deg == 0.0:
        return pose
    a = -np.radians(pitch_deg)
    # Rotation about x by minus the pitch: takes _up(pitch) to (0, -1, 0).
    rotation = np.array([[1.0, 0.0, 0.0], [0.0, np.cos(a), -np.sin(a)], [0.0, np.sin(a), np.cos(a)]])
    return replace(pose, world=pose.world @ rotation.T)


class GravityTracker:
    """The camera pitch over a session, from the frames whose contact points lie flat."""

    def __init__(self, contacts: tuple[Landmark, ...]) -> None:
        self.contacts = contacts
        self._pitches: deque[float] = deque(maxlen=WINDOW_FRAMES)

    @property
    def pitch_deg(self) -> float:
        """The median pitch of the flat-contact frames, 0 (level) until there are enough."""
        if len(self._pitches) < MIN_FRAMES:
            return 0.0
        return float(np.median(self._pitches))

    @property
    def correction_deg(self) -> float:
        """The part of the pitch the landmarks are levelled by (beyond ``CALIBRATED_PITCH_DEG``)."""
        pitch = self.pitch_deg
        return float(np.sign(pitch) * max(0.0, abs(pitch) - CALIBRATED_PITCH_DEG))

    def __call__(self, pose: Pose) -> Pose:
        """Take this frame's evidence, then return the pose levelled by the session's pitch."""
        pitch = contact_pitch_deg(pose, self.contacts)
        if pitch is not None:
            self._pitches.append(pitch)
        return level(pose, self.correction_deg)
