"""The training recipe's pure parts: which frames are learned from, and the ensemble merge."""

import numpy as np

from formcheck.pose.view import View
from formcheck.position_model import NONE, PositionModel
from training.recognition import TRANSITION_MARGIN_S, Clip, merge_members, trained_rows


def _clip(exercise: str, labels: list[str], views: list[str], source: str = "corpus") -> Clip:
    n = len(labels)
    return Clip(
        name="c", source=source, placement="floor_side", body="a", exercise=exercise, motion=exercise,
        features=np.zeros((n, 2), np.float32), t_s=np.arange(n) / 10.0, labels=np.array(labels),
        known=np.ones(n, bool), views=np.array(views),
    )  # fmt: skip


def test_frames_at_a_rendered_label_change_are_not_learned_from():
    labels = [NONE] * 10 + ["plank"] * 10
    rows = trained_rows(_clip("plank", labels, [View.SIDE.value] * 20))
    change_s = 0.95
    near = np.abs(np.arange(20) / 10.0 - change_s) < TRANSITION_MARGIN_S
    assert near.sum() == 6
    assert not rows[near].any() and rows[~near].all()


def test_real_clips_keep_their_frames_at_a_label_change():
    labels = [NONE] * 10 + ["plank"] * 10
    assert trained_rows(_clip("plank", labels, [View.SIDE.value] * 20, source="real")).all()


def test_an_exercise_is_not_learned_in_a_view_its_analyzer_does_not_read():
    views = [View.SIDE.value] * 5 + [View.FRONT.value] * 5
    rows = trained_rows(_clip("plank", ["plank"] * 10, views, source="real"))
    assert rows.tolist() == [True] * 5 + [False] * 5


def test_a_negative_is_learned_from_in_every_view():
    views = [View.FRONT.value] * 10
    assert trained_rows(_clip(NONE, [NONE] * 10, views, source="real")).all()


def test_the_merged_ensemble_averages_its_members_logits():
    rng = np.random.default_rng(0)
    members = [([rng.normal(size=(4, 3)), rng.normal(size=(3, 2))], [rng.normal(size=3), rng.normal(size=2)]) for _ in range(3)]
    weights, biases = merge_members(members)
    x = rng.normal(size=(5, 4))
    logits = np.mean([np.maximum(x @ w[0] + b[0], 0.0) @ w[1] + b[1] for w, b in members], axis=0)
    expected = np.exp(logits - logits.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    model = PositionModel(
        classes=("plank", NONE), feature_names=tuple("abcd"), mean=np.zeros(4), scale=np.ones(4),
        weights=weights, biases=biases, prior=np.full(2, 0.5),
    )  # fmt: skip
    assert weights[0].shape == (4, 9) and weights[1].shape == (9, 2)
    np.testing.assert_allclose(model.proba(x), expected, rtol=1e-9)
