import numpy as np

from formcheck_synth.body import BODY_NAMES, load_body
from formcheck_synth.motions.base import measure


def waist_width(body):
    """Width (m) of the trunk across the belly: the mesh's x extent at 60% of the hip height above the hips."""
    hip_z = body.landmark("left_hip")[2]
    z = hip_z + 0.12 * body.height_m
    band = body.vertices[np.abs(body.vertices[:, 2] - z) < 0.01]
    trunk = band[np.abs(band[:, 0]) < 0.25]
    return float(trunk[:, 0].max() - trunk[:, 0].min())


def test_six_bodies_of_distinct_heights_spanning_thirty_centimetres():
    heights = sorted(load_body(name).height_m for name in BODY_NAMES)
    assert len(BODY_NAMES) >= 4
    assert heights[-1] - heights[0] >= 0.28
    assert min(np.diff(heights)) >= 0.01


def test_heavier_bodies_are_broader_at_the_waist_than_light_ones():
    width = {name: waist_width(load_body(name)) / load_body(name).height_m for name in BODY_NAMES}
    assert width["c"] > width["a"] > width["e"]
    assert width["d"] > width["b"]
    assert width["d"] > width["f"]


def test_every_body_has_adult_proportions():
    for name in BODY_NAMES:
        body = load_body(name)
        m = measure(body)
        assert 0.45 < m.leg / body.height_m < 0.52
        assert 0.25 < m.trunk / body.height_m < 0.29
        assert 0.08 < m.hip_half_width < 0.13
