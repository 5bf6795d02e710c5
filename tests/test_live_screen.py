"""What a person on the floor sees and hears: `live --plan` on a sample clip under a virtual
display (Xvfb). The screen is captured, the drawn frames recorded, the cues written to a WAV."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from support.screen import shows_rest_timer, shows_setup_guidance

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("import")), reason="needs xvfb-run and ImageMagick (apt-get install xvfb imagemagick)"),
]
SCREEN = "1280x720x24"


def test_a_plan_run_live_shows_setup_sets_rest_and_next_and_speaks(tmp_path):
    clip = ROOT / "samples" / "bird_dog_side_clean_a.mp4"
    script = (
        f"{sys.executable} -m formcheck live --source {clip} --plan {ROOT / 'tests/data/short_plan.toml'} "
        f"--record rec.mp4 --voice-wav cues.wav -r r.json & pid=$!; sleep 8; import -window root shot.png; wait $pid"
    )
    result = subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", "bash", "-c", script],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    screen = cv2.imread(str(tmp_path / "shot.png"))
    assert screen is not None and screen.shape[:2] == (720, 1280) and screen.std() > 20  # the window shows the video

    report = json.loads((tmp_path / "r.json").read_text())
    kinds = [e["type"] for e in report["events"]]
    assert report["plan"]["name"] == "short_plan.toml" and report["plan"]["sets_done"] >= 1
    assert "set_started" in kinds and "rest_started" in kinds

    capture = cv2.VideoCapture(str(tmp_path / "rec.mp4"))
    setup = rest = 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        setup += shows_setup_guidance(frame)
        rest += shows_rest_timer(frame)
    assert setup > 0 and rest > 0, (setup, rest)

    if shutil.which("sox"):
        stat = subprocess.run(["sox", str(tmp_path / "cues.wav"), "-n", "stat"], capture_output=True, text=True).stderr
        peak = float(stat.split("Maximum amplitude:")[1].split()[0])
        assert 0.3 < peak < 0.99, stat
