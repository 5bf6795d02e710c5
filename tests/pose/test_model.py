"""Which bundle loads: named sizes from models/ (or $FORMCHECK_MODEL_DIR), paths, bad files."""

import hashlib
import subprocess
import sys
import zipfile

import pytest

from formcheck.errors import ModelError
from formcheck.pose.model import DETECTOR_MEMBER, LANDMARKS_MEMBER, MODEL_DIR_ENV, SHIPPED_MODEL_DIR, resolve_model


def shipped_sums() -> dict[str, str]:
    lines = (SHIPPED_MODEL_DIR / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


@pytest.mark.parametrize("name", ["full", "lite"])
def test_shipped_bundles_match_their_recorded_checksums(name):
    bundle = SHIPPED_MODEL_DIR / f"pose_landmarker_{name}.task"
    assert hashlib.sha256(bundle.read_bytes()).hexdigest() == shipped_sums()[bundle.name]
    with zipfile.ZipFile(bundle) as archive:
        assert archive.namelist() == [DETECTOR_MEMBER, LANDMARKS_MEMBER]
        assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())


def test_default_is_the_shipped_full_bundle(monkeypatch):
    monkeypatch.delenv(MODEL_DIR_ENV, raising=False)
    assert resolve_model() == resolve_model("full") == SHIPPED_MODEL_DIR / "pose_landmarker_full.task"
    assert resolve_model("lite") == SHIPPED_MODEL_DIR / "pose_landmarker_lite.task"


def test_model_dir_is_searched_first_and_an_empty_one_falls_back(monkeypatch, tmp_path):
    monkeypatch.setenv(MODEL_DIR_ENV, str(tmp_path))
    assert resolve_model("full") == SHIPPED_MODEL_DIR / "pose_landmarker_full.task"
    (tmp_path / "pose_landmarker_full.task").write_bytes((SHIPPED_MODEL_DIR / "pose_landmarker_lite.task").read_bytes())
    assert resolve_model("full") == tmp_path / "pose_landmarker_full.task"


def test_missing_heavy_bundle_says_how_to_build_it(monkeypatch, tmp_path):
    monkeypatch.setenv(MODEL_DIR_ENV, str(tmp_path))
    if (SHIPPED_MODEL_DIR / "pose_landmarker_heavy.task").is_file():
        pytest.skip("a heavy bundle has been built into models/")
    with pytest.raises(ModelError, match=r"^the heavy pose model is not built; build it with: python models/build_bundles.py heavy$"):
        resolve_model("heavy")


@pytest.mark.parametrize(
    "content, fragment",
    [(None, "model file not found"), (b"not a zip", "not a zip file"), ("zip", "is not a pose landmarker bundle")],
)
def test_bad_model_paths_are_refused(tmp_path, content, fragment):
    path = tmp_path / "model.task"
    if content == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("other.tflite", b"")
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelError, match=fragment):
        resolve_model(path)


def test_cli_missing_model_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "formcheck", "analyze", "--model", str(tmp_path / "nope.task"), "-q"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"formcheck: error: model file not found: {tmp_path / 'nope.task'}"]
