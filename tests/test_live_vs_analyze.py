"""One pipeline: `live --source CLIP --no-window` and `analyze CLIP` report the same session
(within one rep and 5% of hold time; live skips frames it is too busy for, analyze does not)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
pytestmark = pytest.mark.e2e


def formcheck(*args, cwd):
    result = subprocess.run([sys.executable, "-m", "formcheck", *args], capture_output=True, text=True, cwd=cwd, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.parametrize("clip, exercise", [("plank_side_clean_b.mp4", "plank"), ("glute_bridge_side_clean_a.mp4", "glute_bridge")])
def test_live_playback_and_analyze_agree(tmp_path, clip, exercise):
    video = SAMPLES / clip
    formcheck("analyze", str(video), "-e", exercise, "--no-video", "-q", "-r", "analyze.json", cwd=tmp_path)
    formcheck("live", "--source", str(video), "-e", exercise, "--no-window", "--no-setup-check", "--no-voice", "-r", "live.json", cwd=tmp_path)
    offline = json.loads((tmp_path / "analyze.json").read_text())
    live = json.loads((tmp_path / "live.json").read_text())
    print(f"{clip}: analyze reps {offline['reps']} hold {offline['hold_s']:.2f} s; live reps {live['reps']} hold {live['hold_s']:.2f} s")
    assert abs(live["reps"] - offline["reps"]) <= 1
    if exercise == "plank":
        # The hold is the plank's measure. A bridge's 1 s pauses at the top are not compared: live
        # analyses only the frames it has time for, and on a loaded 2-core machine (5-8 fps) a
        # pause's ends move by a whole analysis interval (3.20 s offline vs 3.37 s idle, 2.1 s loaded).
        assert live["hold_s"] == pytest.approx(offline["hold_s"], rel=0.05)
