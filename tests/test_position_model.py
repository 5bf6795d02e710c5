"""The shipped position model loads with numpy alone and its filter behaves as an HMM should."""

import numpy as np
import pytest

from formcheck.errors import ModelError
from formcheck.exercises import RECOGNISABLE
from formcheck.features import FRAME_FEATURE_NAMES, FeatureWindow
from formcheck.position_model import NONE, PositionFilter, PositionModel, default_model
from support.position_models import constant_model


def test_the_shipped_model_covers_recognisable_exercises_and_none():
    model = default_model()
    assert NONE in model.classes
    assert set(model.classes) - {NONE} <= set(RECOGNISABLE)
    assert len(model.classes) >= 10
    assert model.feature_names == FRAME_FEATURE_NAMES


def test_probabilities_are_a_distribution_for_one_frame_and_many():
    model = default_model()
    rows = np.random.default_rng(0).normal(size=(5, len(FRAME_FEATURE_NAMES)))
    many = model.proba(rows)
    assert many.shape == (5, len(model.classes))
    np.testing.assert_allclose(many.sum(axis=1), 1.0)
    np.testing.assert_allclose(model.proba(rows[2]), many[2])


def test_saved_and_loaded_model_gives_the_same_probabilities(tmp_path):
    model = default_model()
    model.save(tmp_path / "m.npz")
    again = PositionModel.load(tmp_path / "m.npz")
    assert again.classes == model.classes
    row = np.linspace(-1, 1, len(FRAME_FEATURE_NAMES))
    np.testing.assert_array_equal(again.proba(row), model.proba(row))
    assert not list(tmp_path.glob("*.partial"))


def test_an_unreadable_model_is_a_model_error(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError):
        PositionModel.load(bad)


def test_the_filter_follows_steady_evidence_and_holds_through_a_gap():
    model = constant_model({"plank": 0.6, "none": 0.4})
    filt = PositionFilter(model)
    assert filt.belief == pytest.approx([0.5, 0.5])
    evidence = np.array([0.6, 0.4])
    for i in range(30):
        belief = filt.update(evidence, i / 15)
    assert belief[0] > 0.9
    held = filt.update(None, 30 / 15).copy()
    assert held[0] == pytest.approx(belief[0], abs=0.02)
    # Evidence the other way wins within a few seconds (SWITCH_S), not at once.
    for i in range(31, 40):
        filt.update(np.array([0.1, 0.9]), i / 15)
    assert filt.belief[1] > 0.5


def test_feature_window_gives_zero_motion_for_a_still_pose_and_none_without_a_pose():
    from posegen import plank, to_pose

    window = FeatureWindow()
    assert window.push(None, 0.0) is None
    for i in range(10):
        row = window.push(to_pose(plank(0.0), i / 15), i / 15)
    n = len(FRAME_FEATURE_NAMES) // 2
    assert row.shape == (len(FRAME_FEATURE_NAMES),)
    np.testing.assert_allclose(row[n:], 0.0, atol=1e-6)
