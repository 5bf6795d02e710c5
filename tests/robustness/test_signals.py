"""SIGINT, SIGTERM and SIGHUP stop a run between frames with a playable video and a report marked
interrupted (exit 128 + signal); a second signal ends it at once, without a traceback."""

import fcntl
import json
import os
import pty
import signal
import subprocess
import sys
import termios
import time

import pytest

from support.cli import interrupt, start_formcheck, wait_for_file
from support.media import SAMPLES, assert_browser_playable

pytestmark = pytest.mark.e2e

CLIP = SAMPLES / "plank_side_sag_a.mp4"
CLIP_FRAMES = 381
RUN_BEFORE_SIGNAL_S = 1.5
"""Time after the annotated video is opened: the model is loaded and frames are flowing."""


def only_line(stderr):
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: signal.Signals(s).name)
def test_signal_stops_analysis_with_valid_files(tmp_path, signum):
    process = start_formcheck("analyze", str(CLIP), "-e", "plank", "-q", "--pose-fps", "0", "-o", "out.mp4", "-r", "r.json", cwd=tmp_path)
    wait_for_file("out.partial.mp4", tmp_path)
    time.sleep(RUN_BEFORE_SIGNAL_S)
    stdout, stderr = interrupt(process, signum)
    assert process.returncode == 128 + signum, stderr
    name = signal.Signals(signum).name
    assert only_line(stderr) == f"formcheck: interrupted by {name}; the report covers what was analysed"
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["interrupted"] is True and f"stopped early by {name}" in report["warnings"]
    assert 0 < report["frames"] < CLIP_FRAMES
    assert assert_browser_playable(tmp_path / "out.mp4") == report["frames"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.mp4", "r.json"]
    assert "(interrupted)" in stdout


def test_second_signal_ends_at_once_and_leaves_no_unfinished_file(tmp_path):
    """Two different signals, so they cannot merge into one (the same signal sent twice while the
    first is pending is delivered once)."""
    process = start_formcheck("analyze", str(CLIP), "-e", "plank", "-q", "--pose-fps", "0", "-o", "out.mp4", "-r", "r.json", cwd=tmp_path)
    wait_for_file("out.partial.mp4", tmp_path)
    time.sleep(RUN_BEFORE_SIGNAL_S)
    _, stderr = interrupt(process, signal.SIGHUP, signal.SIGTERM)
    assert process.returncode == 143
    assert only_line(stderr) == "formcheck: stopped at once by SIGTERM (a second stop signal); unfinished files were removed"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert not [name for name in left if "partial" in name]
    if "out.mp4" in left:  # finished before the second signal came: then it is complete
        assert assert_browser_playable(tmp_path / "out.mp4") > 0


def test_sigterm_stops_live_with_report(tmp_path):
    process = start_formcheck("live", "--source", str(CLIP), "-e", "plank", "--no-window", "-r", "r.json", "--record", "rec.mp4", cwd=tmp_path)
    wait_for_file("rec.partial.mp4", tmp_path)
    time.sleep(RUN_BEFORE_SIGNAL_S)
    _, stderr = interrupt(process, signal.SIGTERM)
    assert process.returncode == 143, stderr
    assert only_line(stderr) == "formcheck: interrupted by SIGTERM; the report covers what was done"
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["interrupted"] is True and report["frames"] > 0
    assert assert_browser_playable(tmp_path / "rec.mp4") > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "rec.mp4"]


def test_closed_terminal_stops_like_sighup(tmp_path):
    """A real hang-up: the run's controlling terminal goes away (SIGHUP, then writes to it fail)."""
    controller, terminal = pty.openpty()

    def take_terminal():
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    args = ["analyze", str(CLIP), "-e", "plank", "--pose-fps", "0", "-o", "out.mp4", "-r", "r.json"]
    process = subprocess.Popen(
        [sys.executable, "-m", "formcheck", *args], cwd=tmp_path, stdin=terminal, stdout=terminal, stderr=terminal,
        start_new_session=True, preexec_fn=take_terminal,
    )
    os.close(terminal)
    wait_for_file("out.partial.mp4", tmp_path)
    time.sleep(RUN_BEFORE_SIGNAL_S)
    os.close(controller)
    assert process.wait(timeout=120) == 128 + signal.SIGHUP
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["interrupted"] is True and "stopped early by SIGHUP" in report["warnings"]
    assert assert_browser_playable(tmp_path / "out.mp4") == report["frames"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.mp4", "r.json"]
