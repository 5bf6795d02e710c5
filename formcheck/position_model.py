"""The learned position model: per frame, how likely the person is in each exercise's position or
in none, and the temporal filter that turns those frame guesses into a steady belief.

The model is a small feed-forward classifier (a logistic regression is its one-layer case) on
``formcheck.features.FRAME_FEATURE_NAMES``, stored as plain arrays in ``models/recognition.npz``
so it loads with numpy alone and survives library upgrades. ``python -m training.recognition
build`` rebuilds it from the rendered corpus and the labelled real clips.

The filter is the forward pass of a hidden Markov model whose states are the classes: the person
stays in a position from frame to frame unless the evidence says otherwise. It needs no future
frames, so live coaching and file analysis get the same belief at the same frame.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from formcheck.errors import ModelError
from formcheck.pose.model import model_dirs

NONE = "none"
"""The class of every frame that is in no supported exercise's position."""
MODEL_FILE = "recognition.npz"

SWITCH_S = 4.0
"""Mean time the filter expects between changes of position: a set of the seeds' exercises lasts
20-60 s, and a change within a few seconds still shows within about one second."""
EVIDENCE_WEIGHT = 0.35
"""Exponent on each frame's likelihood: frames 1/15 s apart are far from independent, so a frame
counts as about a third of an independent observation (cross-validated on the corpus)."""
MIN_PROBABILITY = 1e-4
"""Floor on a frame's class probabilities, so one odd frame cannot rule a class out for good."""


def default_model_path() -> Path:
    """``MODEL_FILE`` in the first of the pose bundles' folders that has it (``model_dirs``)."""
    for folder in model_dirs():
        if (folder / MODEL_FILE).is_file():
            return folder / MODEL_FILE
    raise ModelError(f"the position model {MODEL_FILE} is missing from {model_dirs()[-1]}: rebuild it with python -m training.recognition build")


@dataclass(frozen=True, eq=False)
class PositionModel:
    """Standardised features -> ReLU layers -> softmax over ``classes``."""

    classes: tuple[str, ...]
    feature_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    prior: np.ndarray
    """Each class's share of the training frames (the filter divides it out)."""

    def proba(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities for one frame (shape ``(n_features,)``) or many (``(n, n_features)``)."""
        h = (np.asarray(features, dtype=np.float64) - self.mean) / self.scale
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            h = h @ w + b
            if i < len(self.weights) - 1:
                h = np.maximum(h, 0.0)
        h = h - h.max(axis=-1, keepdims=True)
        e = np.exp(h)
        return e / e.sum(axis=-1, keepdims=True)

    def index(self, class_id: str) -> int:
        return self.classes.index(class_id)

    def save(self, path: str | os.PathLike) -> None:
        """Write the arrays to ``path`` (atomically: a ``.partial`` file, then renamed)."""
        path = Path(path)
        arrays = {
            "classes": np.array(self.classes), "feature_names": np.array(self.feature_names),
            "mean": self.mean, "scale": self.scale, "prior": self.prior,
            **{f"weight_{i}": w for i, w in enumerate(self.weights)}, **{f"bias_{i}": b for i, b in enumerate(self.biases)},
        }  # fmt: skip
        partial = path.with_name(path.name + ".partial")
        with open(partial, "wb") as f:
            np.savez(f, **arrays)
        os.replace(partial, path)

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> PositionModel:
        path = Path(path) if path is not None else default_model_path()
        try:
            with np.load(path, allow_pickle=False) as data:
                layers = sum(1 for key in data.files if key.startswith("weight_"))
                return cls(
                    classes=tuple(str(c) for c in data["classes"]),
                    feature_names=tuple(str(c) for c in data["feature_names"]),
                    mean=data["mean"], scale=data["scale"], prior=data["prior"],
                    weights=tuple(data[f"weight_{i}"] for i in range(layers)),
                    biases=tuple(data[f"bias_{i}"] for i in range(layers)),
                )  # fmt: skip
        except (OSError, KeyError, ValueError) as error:
            raise ModelError(f"cannot read the position model {path}: {error}") from None


_DEFAULT: PositionModel | None = None


def default_model() -> PositionModel:
    """The shipped model, read once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = PositionModel.load()
    return _DEFAULT


class PositionFilter:
    """Forward filtering of the model's frame probabilities: ``update`` gives the belief over
    ``classes`` after each frame (uniform at the start)."""

    def __init__(self, model: PositionModel, switch_s: float = SWITCH_S, evidence_weight: float = EVIDENCE_WEIGHT) -> None:
        self.model = model
        self.switch_s = switch_s
        self.evidence_weight = evidence_weight
        self._prior = np.maximum(model.prior, MIN_PROBABILITY)
        self.reset()

    def reset(self) -> None:
        n = len(self.model.classes)
        self.belief = np.full(n, 1.0 / n)
        self._last_t_s: float | None = None

    def update(self, frame_proba: np.ndarray | None, t_s: float) -> np.ndarray:
        """Advance to ``t_s`` and take in one frame's probabilities (None: no pose, no evidence)."""
        dt = 0.0 if self._last_t_s is None else max(t_s - self._last_t_s, 0.0)
        self._last_t_s = t_s
        n = len(self.belief)
        stay = float(np.exp(-dt / self.switch_s))
        predicted = stay * self.belief + (1.0 - stay) / n
        if frame_proba is not None:
            likelihood = (np.maximum(frame_proba, MIN_PROBABILITY) / self._prior) ** self.evidence_weight
            predicted = predicted * likelihood
        self.belief = predicted / predicted.sum()
        return self.belief
