"""Stand-in position models for tests of recognition logic on synthetic stick figures (which the
learned model, trained on rendered people, was never meant to see)."""

from __future__ import annotations

import numpy as np

from formcheck.features import FRAME_FEATURE_NAMES
from formcheck.position_model import NONE, PositionModel


def constant_model(probabilities: dict[str, float]) -> PositionModel:
    """A model that gives every frame the same class probabilities (they must sum to 1)."""
    classes = tuple(probabilities)
    n_features = len(FRAME_FEATURE_NAMES)
    logits = np.log(np.maximum(np.array([probabilities[c] for c in classes], dtype=float), 1e-12))
    return PositionModel(
        classes=classes, feature_names=FRAME_FEATURE_NAMES, mean=np.zeros(n_features), scale=np.ones(n_features),
        weights=(np.zeros((n_features, len(classes))),), biases=(logits,), prior=np.full(len(classes), 1.0 / len(classes)),
    )  # fmt: skip


def model_of_no_exercise() -> PositionModel:
    """A model trained on no exercise at all: nothing for or against any analyzer (the rules alone)."""
    return constant_model({NONE: 1.0})
