"""The whole pipeline on video: the real pose model, the command line, files written."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import cv2
import pytest

from formcheck.analyze import analyze_video

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
pytestmark = pytest.mark.e2e


def frame_count(path: Path) -> int:
    capture = cv2.VideoCapture(str(path))
    count = 0
    while capture.read()[0]:
        count += 1
    return count


def test_analyze_writes_annotated_video_and_report(tmp_path):
    video = SAMPLES / "glute_bridge_side_clean_a.mp4"
    label = json.loads(video.with_suffix(".json").read_text())
    result = subprocess.run(
        [sys.executable, "-m", "formcheck", "analyze", str(video), "-e", "glute_bridge", "-o", "out.mp4", "-r", "r.json"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["reps"] == label["reps"]["expected"]
    assert report["frames"] == frame_count(video) == frame_count(tmp_path / "out.mp4")
    assert report["pose_frames"] > 0.9 * report["settings"]["analysed_frames"]
    assert f"reps: {label['reps']['expected']}" in result.stdout
    assert "Traceback" not in result.stderr


def test_default_run_uses_the_bundled_sample(tmp_path):
    result = subprocess.run([sys.executable, "-m", "formcheck", "analyze", "-q", "--no-video"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    reports = list((tmp_path / "formcheck-out").glob("*.report.json"))
    assert len(reports) == 1 and json.loads(reports[0].read_text())["reps"] > 0


def test_ctrl_c_keeps_what_was_analysed(tmp_path):
    video = SAMPLES / "plank_side_sag_a.mp4"
    process = subprocess.Popen(
        [sys.executable, "-m", "formcheck", "analyze", str(video), "-e", "plank", "-o", "out.mp4", "-r", "r.json", "--pose-fps", "0"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("out.partial*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["interrupted"] is True
    assert 0 < report["frames"] < frame_count(video)
    assert frame_count(tmp_path / "out.mp4") == report["frames"]
    assert not list(tmp_path.glob("*.partial*"))


def test_person_partly_out_of_frame_is_reported(tmp_path):
    """Cut the bottom off a plank clip: the feet leave the frame; the report says so."""
    source = cv2.VideoCapture(str(SAMPLES / "plank_side_clean_b.mp4"))
    fps = source.get(cv2.CAP_PROP_FPS)
    ok, frame = source.read()
    height, width = frame.shape[:2]
    crop = (0, int(0.62 * width))
    writer = cv2.VideoWriter(str(tmp_path / "cropped.mp4"), cv2.VideoWriter_fourcc(*"mp4v"), fps, (crop[1] - crop[0], height))
    while ok:
        writer.write(frame[:, crop[0] : crop[1]].copy())
        ok, frame = source.read()
    writer.release()
    report = analyze_video(tmp_path / "cropped.mp4", "plank", progress=False).to_dict()
    not_visible = [e for e in report["events"] if e["type"] == "not_visible"]
    assert not_visible, report["events"]
    assert any("ankle" in part for e in not_visible for part in e["parts"])


def test_freshly_rendered_clip(tmp_path):
    """A clip rendered now by the generator, with a seed no sample uses, counts as labelled."""
    from formcheck_synth.render import write_clip
    from formcheck_synth.spec import ClipSpec, Tempo

    spec = ClipSpec(
        exercise="glute_bridge", view="side", body="b", reps=2, seed=4242, width=480, height=270, fps=15.0,
        tempo=Tempo(up_s=1.0, top_pause_s=1.0, down_s=1.0, rest_s=0.6), settle_s=1.0,
    )
    video, label_path = write_clip(spec, tmp_path, "fresh")
    label = json.loads(label_path.read_text())
    report = analyze_video(video, "glute_bridge", progress=False)
    assert len(report.reps) == label["reps"]["expected"] == 2
