import numpy as np
import pytest

from formcheck_synth.movement import Position, View, lying_directions
from formcheck_synth.placements import PLACEMENTS, pitch_deg, place_camera

SIDE = np.array([0.0, 1.0, 0.0])


def lying_body_points():
    """A body-sized box lying along x (1.8 m long, 0.4 m wide, 0.3 m high), centred on the origin."""
    grid = np.stack(np.meshgrid(np.linspace(-0.9, 0.9, 7), np.linspace(-0.2, 0.2, 3), np.linspace(0.0, 0.3, 3)), -1)
    return grid.reshape(-1, 3)


def cameras(name, n=12):
    points = lying_body_points()
    directions = lying_directions(SIDE, "left")
    return [place_camera(PLACEMENTS[name], directions, points, 640, 360, np.random.default_rng(seed)) for seed in range(n)]


def azimuth_from(camera, direction):
    """Horizontal angle (deg) between the camera's bearing from the body's centre and a direction."""
    flat = camera.position[:2] / np.linalg.norm(camera.position[:2])
    return float(np.degrees(np.arccos(np.clip(flat @ direction[:2], -1, 1))))


def test_laptop_on_a_table_is_raised_pitched_down_and_two_to_three_metres_away():
    for camera in cameras("laptop_table"):
        assert 0.7 <= camera.position[2] <= 0.8
        assert 2.0 <= np.linalg.norm(camera.position[:2]) <= 3.0
        assert 15.0 <= pitch_deg(camera) <= 25.0
        assert azimuth_from(camera, SIDE) <= 60.0


def test_laptop_azimuths_cover_square_to_well_round_from_the_side():
    azimuths = [azimuth_from(c, SIDE) for c in cameras("laptop_table", 24)]
    assert min(azimuths) < 15.0 and max(azimuths) > 45.0


def test_floor_and_phone_cameras_are_low_and_look_nearly_level():
    for camera in cameras("floor_side"):
        assert camera.position[2] <= 0.45 and abs(pitch_deg(camera)) < 12.0
        assert azimuth_from(camera, SIDE) <= 10.0
    for camera in cameras("phone_floor_45"):
        assert camera.position[2] <= 0.2
        assert 40.0 <= azimuth_from(camera, SIDE) <= 50.0


def test_a_gym_tripod_stands_hip_to_chest_high_a_few_metres_off_the_side():
    for camera in cameras("tripod_side"):
        assert 0.9 <= camera.position[2] <= 1.4
        assert 2.5 <= np.linalg.norm(camera.position[:2]) <= 4.0
        assert azimuth_from(camera, SIDE) <= 30.0 and 10.0 < pitch_deg(camera) < 30.0


def test_end_on_cameras_film_along_the_body():
    head = lying_directions(SIDE, "left")[View.HEAD]
    for camera in cameras("head_end"):
        assert azimuth_from(camera, head) <= 15.0
    for camera in cameras("feet_end"):
        assert azimuth_from(camera, -head) <= 15.0


def test_every_placement_keeps_the_whole_body_in_the_frame():
    points = lying_body_points()
    for name in PLACEMENTS:
        for camera in cameras(name, 4):
            xy, depth = camera.project(points)
            assert (depth > 0).all()
            assert (xy[:, 0] >= 0).all() and (xy[:, 0] <= 640).all() and (xy[:, 1] >= 0).all() and (xy[:, 1] <= 360).all()


@pytest.mark.parametrize(
    "name, position, suits",
    [("behind_raised", Position.QUADRUPED, True), ("behind_raised", Position.SUPINE, False),
     ("front_raised", Position.SIDE_LYING, True), ("front_raised", Position.PRONE, False),
     ("laptop_table", Position.UPRIGHT, True)],
)  # fmt: skip
def test_special_placements_suit_only_their_positions(name, position, suits):
    assert PLACEMENTS[name].suits(position) is suits


def test_the_same_seed_places_the_same_camera():
    a, b = cameras("laptop_table", 2), cameras("laptop_table", 2)
    assert np.array_equal(a[1].position, b[1].position) and np.array_equal(a[1].rotation, b[1].rotation)
    assert not np.array_equal(a[0].position, a[1].position)
