"""The pose model bundle, built offline from the .tflite files inside the mediapipe wheel.

mediapipe 0.10.21 ships ``pose_detection.tflite`` and ``pose_landmark_full.tflite`` but not the
``.task`` bundle its Tasks API loads; later releases download the bundle at run time, which
fails without a network. The Tasks API reads each model's input normalisation from TFLite
metadata, which the wheel's files lack, so we add it with mediapipe's own metadata writer
(detector: (x - 127.5) / 127.5, landmarks: x / 255) and zip the two under the names the
PoseLandmarker graph expects.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from formcheck.errors import ModelError

BUNDLE_NAME = "pose_landmarker_full.task"
DETECTOR_MEMBER = "pose_detector.tflite"
LANDMARKS_MEMBER = "pose_landmarks_detector.tflite"
MODEL_DIR_ENV = "FORMCHECK_MODEL_DIR"


@dataclass(frozen=True)
class _Normalisation:
    """Input image normalisation, ``(pixel - mean) / std``, written into TFLite metadata."""

    mean: float
    std: float


_WHEEL_MODELS: dict[str, tuple[str, _Normalisation]] = {
    DETECTOR_MEMBER: ("modules/pose_detection/pose_detection.tflite", _Normalisation(127.5, 127.5)),
    LANDMARKS_MEMBER: ("modules/pose_landmark/pose_landmark_full.tflite", _Normalisation(0.0, 255.0)),
}


def default_model_dir() -> Path:
    """Where the built bundle lives: ``$FORMCHECK_MODEL_DIR``, else the checkout's ``models/``
    (an editable install), else the user's cache directory."""
    if os.environ.get(MODEL_DIR_ENV):
        return Path(os.environ[MODEL_DIR_ENV])
    checkout_models = Path(__file__).resolve().parents[2] / "models"
    if checkout_models.is_dir() and os.access(checkout_models, os.W_OK):
        return checkout_models
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "formcheck"


def _with_metadata(tflite: bytes, name: str, normalisation: _Normalisation) -> bytes:
    from mediapipe.tasks.python.metadata.metadata_writers import metadata_writer

    writer = metadata_writer.MetadataWriter.create(bytearray(tflite))
    writer.add_general_info(name, "pose model from the mediapipe 0.10.21 wheel")
    writer.add_image_input(norm_mean=[normalisation.mean], norm_std=[normalisation.std])
    model, _ = writer.populate()
    return bytes(model)


def build_bundle(destination: Path) -> Path:
    """Write the PoseLandmarker bundle to ``destination`` from the installed mediapipe wheel."""
    try:
        import mediapipe
        from mediapipe.tasks.python.metadata.metadata_writers import model_asset_bundle_utils
    except ImportError as error:  # pragma: no cover - mediapipe is a hard dependency
        raise ModelError(f"mediapipe is not installed ({error}); run the README's install command") from error

    wheel_root = Path(mediapipe.__file__).parent
    members = {}
    for member, (relative, normalisation) in _WHEEL_MODELS.items():
        source = wheel_root / relative
        if not source.is_file():
            raise ModelError(
                f"{source} is missing: formcheck needs mediapipe==0.10.21, whose wheel ships the pose models"
            )
        members[member] = _with_metadata(source.read_bytes(), member.removesuffix(".tflite"), normalisation)

    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".partial")
    model_asset_bundle_utils.create_model_asset_bundle(members, str(partial))
    partial.replace(destination)
    return destination


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


def resolve_model(path: str | os.PathLike | None = None) -> Path:
    """The bundle to load: ``path`` if given (any official pose_landmarker_{lite,full,heavy}.task),
    else the bundle built from the wheel, building it on first use (about 2 s, no network)."""
    if path is not None:
        bundle = Path(path)
        check_bundle(bundle)
        return bundle
    bundle = default_model_dir() / BUNDLE_NAME
    if not bundle.is_file():
        build_bundle(bundle)
    return bundle
