"""MediaPipe Pose landmark indices, body sides and the skeleton drawn over the video."""

from __future__ import annotations

from enum import Enum, IntEnum


class Landmark(IntEnum):
    """The 33 MediaPipe Pose landmarks (odd = the person's left)."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


NUM_LANDMARKS = len(Landmark)


class Side(str, Enum):
    """A side of the body, as the person sees it (not as the camera does)."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> "Side":
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class Joint(Enum):
    """A paired body point; ``joint.of(side)`` gives the landmark on that side."""

    EYE = (Landmark.LEFT_EYE, Landmark.RIGHT_EYE)
    EAR = (Landmark.LEFT_EAR, Landmark.RIGHT_EAR)
    SHOULDER = (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER)
    ELBOW = (Landmark.LEFT_ELBOW, Landmark.RIGHT_ELBOW)
    WRIST = (Landmark.LEFT_WRIST, Landmark.RIGHT_WRIST)
    HIP = (Landmark.LEFT_HIP, Landmark.RIGHT_HIP)
    KNEE = (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE)
    ANKLE = (Landmark.LEFT_ANKLE, Landmark.RIGHT_ANKLE)
    HEEL = (Landmark.LEFT_HEEL, Landmark.RIGHT_HEEL)
    FOOT_INDEX = (Landmark.LEFT_FOOT_INDEX, Landmark.RIGHT_FOOT_INDEX)

    def of(self, side: Side) -> Landmark:
        return self.value[0] if side is Side.LEFT else self.value[1]


def both_sides(*joints: Joint) -> tuple[Landmark, ...]:
    """The left and right landmarks of each of ``joints``, e.g. both elbows and both wrists."""
    return tuple(joint.of(side) for joint in joints for side in Side)


BODY_LINE: tuple[Joint, ...] = (Joint.SHOULDER, Joint.HIP, Joint.KNEE, Joint.ANKLE)
"""Shoulder, hip, knee, ankle: the chain most floor exercises are measured along."""


def describe(landmark: Landmark) -> str:
    """Human wording of a landmark, e.g. ``left knee``, for "not visible" messages."""
    return landmark.name.lower().replace("_", " ").replace("foot index", "toes")


SKELETON: tuple[tuple[Landmark, Landmark], ...] = (
    (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER),
    (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
    (Landmark.LEFT_SHOULDER, Landmark.LEFT_HIP),
    (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_HIP),
    (Landmark.LEFT_SHOULDER, Landmark.LEFT_ELBOW),
    (Landmark.LEFT_ELBOW, Landmark.LEFT_WRIST),
    (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_ELBOW),
    (Landmark.RIGHT_ELBOW, Landmark.RIGHT_WRIST),
    (Landmark.LEFT_HIP, Landmark.LEFT_KNEE),
    (Landmark.LEFT_KNEE, Landmark.LEFT_ANKLE),
    (Landmark.LEFT_ANKLE, Landmark.LEFT_HEEL),
    (Landmark.LEFT_HEEL, Landmark.LEFT_FOOT_INDEX),
    (Landmark.LEFT_ANKLE, Landmark.LEFT_FOOT_INDEX),
    (Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE),
    (Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE),
    (Landmark.RIGHT_ANKLE, Landmark.RIGHT_HEEL),
    (Landmark.RIGHT_HEEL, Landmark.RIGHT_FOOT_INDEX),
    (Landmark.RIGHT_ANKLE, Landmark.RIGHT_FOOT_INDEX),
    (Landmark.LEFT_SHOULDER, Landmark.LEFT_EAR),
    (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_EAR),
)
"""Bones drawn by the overlay: limbs, trunk, feet, and shoulder-ear for the head line."""
