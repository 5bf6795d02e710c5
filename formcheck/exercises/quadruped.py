"""What exercises done on hands and knees share: the supporting limbs and the kneeling shin.

On hands and knees the supporting arms and thighs point down to the floor and the shins lie
along it; a standing forward bend also points the arms and thighs down, but stands on its shins.
"""

from __future__ import annotations

SUPPORT_LIMB_MAX_ELEVATION_DEG = -45.0
"""A supporting arm (shoulder-hand) or thigh (hip-knee) points down at least this steeply."""
KNEELING_SHIN_MAX_TILT_DEG = 35.0
"""A kneeling shin lies along the floor: knee-to-ankle within this of horizontal. Tells hands and
knees apart from a standing forward bend, where the arms and thighs also point down; standing,
squatting and lying on the back put it far steeper."""
