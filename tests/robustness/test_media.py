"""Phone-style video in, browser-playable video out: rotation tags, variable frame rate, H.264
with the source's sound, and a size close to the input's."""

import json

import pytest

from formcheck.analyze import analyze_video
from formcheck.capture import VideoFileSource
from support.media import SAMPLES, assert_browser_playable, sample_frames, stream_kinds, varying_rate, write_clip

pytestmark = pytest.mark.e2e

CLIP = "plank_side_clean_b.mp4"
LABEL = json.loads((SAMPLES / CLIP).with_suffix(".json").read_text())
TRUE_HOLD_S = sum(h["end_s"] - h["start_s"] for h in LABEL["holds"])
POSE_FPS = 10.0
"""Enough to time a hold to 0.1 s; keeps the three analyses of this module short."""
HOLD_TOLERANCE = 0.05
"""Rotated and VFR copies must time the hold within 5% of the plain copy (issue 9)."""


def vfr_keep(t_s: float) -> float:
    """A phone in changing light: 30 fps, then 20, then 15, then 24, repeating every 4 s."""
    return (1.0, 2 / 3, 0.5, 0.8)[int(t_s) % 4]


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone")
    images, times, fps = sample_frames(CLIP)
    keep = varying_rate(times, vfr_keep)
    return {
        "plain": write_clip(folder / "plain.mp4", images, times, fps, audio_s=times[-1]),
        "rotated": write_clip(folder / "rotated.mp4", images, times, fps, rotation=90),
        "vfr": write_clip(folder / "vfr.mp4", [images[i] for i in keep], [times[i] for i in keep], fps),
        "frames": len(images),
        "kept": len(keep),
    }


@pytest.fixture(scope="module")
def plain(clips, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    report = analyze_video(clips["plain"], "plank", output=out / "plain.mp4", report_path=out / "plain.json", max_pose_fps=POSE_FPS, progress=False)
    return report, out / "plain.mp4"


def test_plain_copy_times_the_labelled_hold(plain):
    report, _ = plain
    assert report.hold_s == pytest.approx(TRUE_HOLD_S, rel=0.1)


def test_annotated_video_is_h264_with_sound_and_not_bigger_than_input(plain, clips):
    report, video = plain
    assert assert_browser_playable(video) == report.frames == clips["frames"]
    assert stream_kinds(video) == ["video", "audio"]
    assert video.stat().st_size <= 1.2 * clips["plain"].stat().st_size


def test_rotation_tag_is_applied(plain, clips, tmp_path):
    source = VideoFileSource(clips["rotated"])
    assert (source.rotation, source.size) == (90, (854, 480))
    source.close()
    report = analyze_video(clips["rotated"], "plank", output=tmp_path / "upright.mp4", max_pose_fps=POSE_FPS, progress=False)
    assert report.hold_s == pytest.approx(plain[0].hold_s, rel=HOLD_TOLERANCE)
    assert VideoFileSource(tmp_path / "upright.mp4").size == (854, 480)


def test_variable_frame_rate_is_timed_by_timestamps(plain, clips):
    assert clips["kept"] < 0.8 * clips["frames"]  # frame counting would time it >20% short
    report = analyze_video(clips["vfr"], "plank", max_pose_fps=POSE_FPS, progress=False)
    assert report.frames == clips["kept"]
    assert report.duration_s == pytest.approx(plain[0].duration_s, rel=0.02)
    assert report.hold_s == pytest.approx(plain[0].hold_s, rel=HOLD_TOLERANCE)
