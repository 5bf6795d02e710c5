"""Which PoseLandmarker bundle to load: a named variant shipped in ``models/``, or a path.

The bundles are built once, offline, by ``models/build_bundles.py`` (from the mediapipe 0.10.21
wheel's and the ``@mediapipe/pose`` npm package's ``.tflite`` files) and committed, so nothing is
built, extracted or downloaded at run time: the estimator reads the file's bytes, which any
number of processes can do at once.
"""

from __future__ import annotations

import enum
import os
import zipfile
from pathlib import Path

from formcheck.errors import ModelError

DETECTOR_MEMBER = "pose_detector.tflite"
LANDMARKS_MEMBER = "pose_landmarks_detector.tflite"
MODEL_DIR_ENV = "FORMCHECK_MODEL_DIR"
"""A folder searched before the shipped ``models/`` (for bundles built elsewhere)."""
SHIPPED_MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
"""``formcheck/models``: in a clone a link to the repo's ``models/``, in a regular install the
bundles copied into the package."""
BUILD_SCRIPT = "models/build_bundles.py"


class ModelVariant(str, enum.Enum):
    """The three PoseLandmarker sizes: lite is fastest, heavy most accurate; full ships as default."""

    LITE = "lite"
    FULL = "full"
    HEAVY = "heavy"

    @property
    def file_name(self) -> str:
        return f"pose_landmarker_{self.value}.task"


DEFAULT_VARIANT = ModelVariant.FULL
MODEL_CHOICES = tuple(variant.value for variant in ModelVariant)


def model_dirs() -> list[Path]:
    """Where named bundles are looked for, in order: ``$FORMCHECK_MODEL_DIR``, then ``models/``."""
    extra = os.environ.get(MODEL_DIR_ENV)
    return ([Path(extra)] if extra else []) + [SHIPPED_MODEL_DIR]


def check_bundle(path: Path) -> None:
    """Refuse a file that is not a PoseLandmarker bundle, with a message saying why."""
    if not path.is_file():
        raise ModelError(f"model file not found: {path}")
    try:
        with zipfile.ZipFile(path) as bundle:
            names = set(bundle.namelist())
    except zipfile.BadZipFile:
        raise ModelError(f"{path} is not a MediaPipe .task bundle (not a zip file)") from None
    if not {DETECTOR_MEMBER, LANDMARKS_MEMBER} <= names:
        raise ModelError(f"{path} is not a pose landmarker bundle (it holds {sorted(names)})")


def _find_variant(variant: ModelVariant) -> Path:
    for folder in model_dirs():
        candidate = folder / variant.file_name
        if candidate.is_file():
            return candidate
    raise ModelError(
        f"the {variant.value} pose model is not built; build it with: python {BUILD_SCRIPT} {variant.value}"
    )


def resolve_model(model: str | os.PathLike | None = None) -> Path:
    """The bundle to load: ``lite``, ``full`` or ``heavy`` (default ``full``), or the path of
    any PoseLandmarker ``.task`` file."""
    if model is None:
        bundle = _find_variant(DEFAULT_VARIANT)
    elif str(model) in MODEL_CHOICES:
        bundle = _find_variant(ModelVariant(str(model)))
    else:
        bundle = Path(model)
    check_bundle(bundle)
    return bundle
