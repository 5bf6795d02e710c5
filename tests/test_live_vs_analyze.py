"""One pipeline: `live --source CLIP --no-window` and `analyze CLIP` report the same session
(within one rep and 5% of hold time) when they see about the same frames."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
pytestmark = pytest.mark.e2e
PLAYBACK_SPEED = 0.5
"""The clip is played to live at half speed: live analyses the newest frame whenever it is free,
and on a 2-core machine shared with other work that can drop to 5 fps at full speed, which moves
each hold's ends by a whole analysis interval. At half speed live sees about as many frames as
analyze (15 pose frames a second of video), which is the comparison this test is about."""


def formcheck(*args, cwd):
    result = subprocess.run([sys.executable, "-m", "formcheck", *args], capture_output=True, text=True, cwd=cwd, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.parametrize("clip, exercise", [("plank_side_clean_b.mp4", "plank"), ("glute_bridge_side_clean_a.mp4", "glute_bridge")])
def test_live_playback_and_analyze_agree(tmp_path, clip, exercise):
    video = SAMPLES / clip
    formcheck("analyze", str(video), "-e", exercise, "--no-video", "-q", "-r", "analyze.json", cwd=tmp_path)
    live = ("--no-window", "--no-setup-check", "--no-voice", "--speed", str(PLAYBACK_SPEED))
    formcheck("live", "--source", str(video), "-e", exercise, *live, "-r", "live.json", cwd=tmp_path)
    offline = json.loads((tmp_path / "analyze.json").read_text())
    live = json.loads((tmp_path / "live.json").read_text())
    print(f"{clip}: analyze reps {offline['reps']} hold {offline['hold_s']:.2f} s; live reps {live['reps']} hold {live['hold_s']:.2f} s")
    assert abs(live["reps"] - offline["reps"]) <= 1
    if exercise == "plank":
        # The hold is the plank's measure. A bridge's 1 s pauses at the top are not compared: each
        # pause's ends move by an analysis interval with the frames live had time for (3.20 s
        # offline; live 3.37 s on an idle machine, 2.1-2.2 s on a loaded one at full speed).
        assert live["hold_s"] == pytest.approx(offline["hold_s"], rel=0.05)
