"""Option values are checked where they are given, in one line, before any work starts."""

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from formcheck.display import require_display
from support.cli import assert_one_line_error, env_with, formcheck
from support.media import SAMPLES

CLIP = str(SAMPLES / "plank_side_clean_b.mp4")
XVFB_DISPLAY = ":91"


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("nan", "is not 0 (every frame) or a positive rate"),
        ("inf", "is not 0 (every frame) or a positive rate"),
        ("-1", "is not 0 (every frame) or a positive rate"),
        ("0.01", "is too slow"),
        ("fast", "is not a number"),
        ("100", "more than the video's 30 frames a second"),
    ],
)
def test_pose_fps(tmp_path, value, fragment):
    result = formcheck("analyze", CLIP, "-e", "plank", f"--pose-fps={value}", cwd=tmp_path)
    assert_one_line_error(result, 2, fragment)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--camera", "-1"], "is not a camera number"),
        (["--width", "0"], "is outside 16-7680 pixels"),
        (["--height", "tall"], "is not a whole number of pixels"),
        (["--record", "rec.avi"], "the recording must be a .mp4 file"),
        (["--source", CLIP, "--record", CLIP], "is the input video"),
    ],
)
def test_live_options(tmp_path, args, fragment):
    assert_one_line_error(formcheck("live", "--no-window", *args, cwd=tmp_path), 2, fragment)


def test_unknown_option_is_one_line(tmp_path):
    assert_one_line_error(formcheck("analyze", CLIP, "--fast", cwd=tmp_path), 2, "unrecognized arguments: --fast")


@pytest.mark.parametrize(
    "display, fragment",
    [(None, "DISPLAY is not set"), (":97", "cannot open a window on display :97")],
    ids=["no-display-variable", "display-without-server"],
)
def test_live_without_a_display_suggests_no_window(tmp_path, display, fragment):
    env = env_with(DISPLAY=display, WAYLAND_DISPLAY=None)
    result = formcheck("live", "--source", CLIP, "-e", "plank", cwd=tmp_path, env=env)
    line = assert_one_line_error(result, 2, fragment)
    assert "--no-window" in line
    assert list(tmp_path.iterdir()) == []



def test_a_real_display_passes_the_check(monkeypatch):
    """Under a virtual X server the probe opens its window and live may go on."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    server = subprocess.Popen(["Xvfb", XVFB_DISPLAY, "-screen", "0", "640x480x24"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        socket = Path("/tmp/.X11-unix") / f"X{XVFB_DISPLAY[1:]}"
        deadline = time.monotonic() + 10
        while not socket.exists():
            assert time.monotonic() < deadline and server.poll() is None, "Xvfb did not start"
            time.sleep(0.1)
        monkeypatch.setenv("DISPLAY", XVFB_DISPLAY)
        require_display()
    finally:
        server.terminate()
        server.wait(timeout=10)
