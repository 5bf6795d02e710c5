"""Where real users put the camera: named, seeded distributions of camera placements.

Each placement is a horizontal direction from the body (a `View`, turned round by a sampled
azimuth), a height, a distance (or as near as the frame allows), a pitch (or aimed at the body's
centre) and a field of view. Ranges are uniform; every draw comes from the clip's seeded RNG.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck_synth.camera import Camera, fits_in_frame, focal_from_fov, look_at, nearest_fit
from formcheck_synth.movement import Position, View

#: Fraction of the frame kept free around the body at the fitted distance.
FRAME_MARGIN = (0.05, 0.12)
#: Widest field of view (deg) a fixed-distance placement may open to keep the body in the frame.
MAX_FOV_DEG = 78.0
#: Steps when a sampled pitch leaves the body out of the frame: the aim moves towards its centre.
_PITCH_STEPS = 8


@dataclass(frozen=True)
class Placement:
    """A camera placement: ranges (lo, hi) drawn uniformly per clip.

    `azimuth_deg` turns the camera round from `view` towards either end of the body (sign drawn
    too); `distance_m` is horizontal, from the body's centre (None: as near as the frame allows);
    `pitch_deg` is the camera's downward tilt (None: aimed at the body's centre); `positions`
    limits the placement to some body positions (empty: any).
    """

    name: str
    view: View
    height_m: tuple[float, float]
    fov_deg: tuple[float, float]
    azimuth_deg: tuple[float, float] = (0.0, 0.0)
    distance_m: tuple[float, float] | None = None
    pitch_deg: tuple[float, float] | None = None
    positions: tuple[Position, ...] = ()

    def suits(self, position: Position) -> bool:
        return not self.positions or position in self.positions


#: Phone camera horizontal fields of view (deg); laptop webcams are a little wider.
PHONE_FOV_DEG = (55.0, 66.0)
WEBCAM_FOV_DEG = (60.0, 72.0)

PLACEMENTS: dict[str, Placement] = {
    p.name: p
    for p in (
        # A phone on the floor or a low stand, square to the side (the filming advice).
        Placement("floor_side", View.SIDE, height_m=(0.1, 0.45), fov_deg=PHONE_FOV_DEG, azimuth_deg=(0.0, 10.0)),
        # A laptop on a table (issue 8: 0.7-0.8 m high, 2-3 m away, 0-60 deg round from the side), its
        # screen tilted back so the floor is in view: the camera looks down 15-25 deg.
        Placement(
            "laptop_table", View.SIDE, height_m=(0.7, 0.8), fov_deg=WEBCAM_FOV_DEG, azimuth_deg=(0.0, 60.0),
            distance_m=(2.0, 3.0), pitch_deg=(15.0, 25.0),
        ),  # fmt: skip
        # A phone propped on the floor, 45 deg round from the side.
        Placement("phone_floor_45", View.SIDE, height_m=(0.05, 0.2), fov_deg=PHONE_FOV_DEG, azimuth_deg=(40.0, 50.0)),
        # Along the body from either end, from a low stand.
        Placement("feet_end", View.FEET, height_m=(0.3, 0.8), fov_deg=PHONE_FOV_DEG, azimuth_deg=(0.0, 15.0)),
        Placement("head_end", View.HEAD, height_m=(0.3, 0.8), fov_deg=PHONE_FOV_DEG, azimuth_deg=(0.0, 15.0)),
        # Behind a kneeling person, a phone on a chair, to watch the hips (bird dog).
        Placement(
            "behind_raised", View.BACK, height_m=(0.8, 1.1), fov_deg=PHONE_FOV_DEG, azimuth_deg=(0.0, 40.0),
            positions=(Position.QUADRUPED,),
        ),  # fmt: skip
        # A tripod in a gym or studio: hip to chest height, a few metres away, near the side.
        Placement("tripod_side", View.SIDE, height_m=(0.9, 1.4), fov_deg=PHONE_FOV_DEG, azimuth_deg=(0.0, 30.0), distance_m=(2.5, 4.0)),
        # Facing the chest of a side plank, or a standing person, from a shelf or a chair.
        Placement(
            "front_raised", View.FRONT, height_m=(0.6, 1.1), fov_deg=PHONE_FOV_DEG, azimuth_deg=(0.0, 15.0),
            positions=(Position.SIDE_LYING, Position.UPRIGHT),
        ),  # fmt: skip
        # A phone low on the floor, well round towards the head or the feet (55-75 deg from the side):
        # how stock and home fitness footage is often shot, and where MediaPipe's depth errs most
        # short of end-on.
        Placement("floor_oblique", View.SIDE, height_m=(0.1, 0.5), fov_deg=PHONE_FOV_DEG, azimuth_deg=(55.0, 75.0)),
    )
}


def turned(direction: np.ndarray, degrees: float) -> np.ndarray:
    """A horizontal direction turned counter-clockwise about the vertical."""
    a = np.radians(degrees)
    c, s = np.cos(a), np.sin(a)
    return np.array([c * direction[0] - s * direction[1], s * direction[0] + c * direction[1], 0.0])


def place_camera(
    placement: Placement, directions: dict[View, np.ndarray], points: np.ndarray, width: int, height: int, rng: np.random.Generator
) -> Camera:
    """A camera for `placement` that sees every point of `points` (the body over the whole clip)."""
    sign = 1.0 if rng.random() < 0.5 else -1.0
    direction = turned(directions[placement.view], sign * rng.uniform(*placement.azimuth_deg))
    cam_height = float(rng.uniform(*placement.height_m))
    fov = float(rng.uniform(*placement.fov_deg))
    margin = float(rng.uniform(*FRAME_MARGIN))
    lo, hi = points.min(axis=0), points.max(axis=0)
    centre = (lo + hi) / 2
    if placement.distance_m is None:
        return nearest_fit(direction, cam_height, centre, points, focal_from_fov(width, fov), width, height, margin)
    distance = float(rng.uniform(*placement.distance_m))
    pitch = None if placement.pitch_deg is None else float(rng.uniform(*placement.pitch_deg))
    position = centre + direction * distance
    position[2] = cam_height
    for step in range(_PITCH_STEPS + 1):
        target = _aim(position, centre, pitch, step / _PITCH_STEPS)
        for wider in np.linspace(fov, max(fov, MAX_FOV_DEG), 6):
            camera = look_at(position, target, focal_from_fov(width, wider), width, height)
            if fits_in_frame(camera, points, margin):
                return camera
    return nearest_fit(direction, cam_height, centre, points, focal_from_fov(width, fov), width, height, margin)


def pitch_deg(camera: Camera) -> float:
    """How far (deg) the camera looks below the horizontal."""
    return float(np.degrees(np.arcsin(-camera.forward[2])))


def _aim(position: np.ndarray, centre: np.ndarray, pitch: float | None, towards_centre: float) -> np.ndarray:
    """A look-at target: down `pitch` deg towards the centre's bearing, moved `towards_centre` (0-1) onto it."""
    if pitch is None:
        return centre
    flat = centre[:2] - position[:2]
    flat = flat / np.linalg.norm(flat)
    tilted = position + np.array([flat[0], flat[1], -np.tan(np.radians(pitch))])
    return (1 - towards_centre) * tilted + towards_centre * (position + (centre - position) / np.linalg.norm(centre - position))
