"""Several processes starting at once on a fresh checkout's models (or an empty model folder)
all load the pose model and agree: nothing is built, extracted or cached at run time."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from formcheck.pose.model import MODEL_DIR_ENV, SHIPPED_MODEL_DIR

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "glute_bridge_side_clean_a.mp4"
PROCESSES = 3
ESTIMATE_FIRST_FRAME = f"""
import json, cv2
from formcheck.pose.estimator import PoseEstimator
ok, image = cv2.VideoCapture({str(SAMPLE)!r}).read()
with PoseEstimator() as estimator:
    pose = estimator.estimate(image, 0.0)
print(json.dumps({{"model": str(estimator.model_path), "xy": pose.xy.round(2).tolist()}}))
"""
pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("model_dir", ["fresh copy", "empty"])
def test_three_processes_load_the_model_at_once(tmp_path, model_dir):
    folder = tmp_path / "models"
    if model_dir == "fresh copy":
        shutil.copytree(SHIPPED_MODEL_DIR, folder)
    else:
        folder.mkdir()
    env = {**os.environ, MODEL_DIR_ENV: str(folder)}
    processes = [
        subprocess.Popen([sys.executable, "-c", ESTIMATE_FIRST_FRAME], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(PROCESSES)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [0] * PROCESSES, [err for _, err in outputs]
    results = [json.loads(out) for out, _ in outputs]
    expected_model = folder / "pose_landmarker_full.task" if model_dir == "fresh copy" else SHIPPED_MODEL_DIR / "pose_landmarker_full.task"
    assert {result["model"] for result in results} == {str(expected_model)}
    assert results[0]["xy"] == results[1]["xy"] == results[2]["xy"] and len(results[0]["xy"]) == 33
    assert sorted(p.name for p in folder.iterdir()) == (sorted(p.name for p in SHIPPED_MODEL_DIR.iterdir()) if model_dir == "fresh copy" else [])
