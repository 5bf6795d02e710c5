"""Every kind of input people have: the unreadable ones end in one line and exit 2, the odd but
valid ones (pictures, folders, GIFs, cut-off recordings) are analysed."""

import json

import av
import cv2
import numpy as np
import pytest

from support.cli import assert_one_line_error, formcheck
from support.media import assert_browser_playable, sample_frames, write_audio_only, write_clip

FRAMES = 12
"""Pictures used for the valid inputs: enough for a report, few enough to be quick."""


@pytest.fixture(scope="module")
def person():
    """Frames of a sample with the person in a plank (from 4 s on)."""
    images, times, fps = sample_frames("plank_side_clean_b.mp4", limit=120 + FRAMES)
    return images[120:], fps


def write_gif(path, images):
    with av.open(str(path), "w", format="gif") as container:
        stream = container.add_stream("gif", rate=10)
        stream.height, stream.width = images[0].shape[:2]
        stream.pix_fmt = "rgb8"
        for image in images:
            container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24").reformat(format="rgb8")))
        container.mux(stream.encode(None))
    return path


def unreadable(kind, folder):
    if kind == "missing":
        return folder / "missing.mp4"
    if kind == "folder-without-pictures":
        (folder / "empty").mkdir()
        return folder / "empty"
    if kind == "audio-only":
        return write_audio_only(folder / "voice.m4a")
    content = {"empty": b"", "text": b"not a video\n", "random-bytes": np.random.default_rng(0).bytes(50_000)}[kind]
    (folder / "clip.mp4").write_bytes(content)
    return folder / "clip.mp4"


@pytest.mark.parametrize(
    "kind, fragment",
    [
        ("missing", "no such file"),
        ("empty", "is empty"),
        ("text", "cannot open"),
        ("random-bytes", "cannot open"),
        ("audio-only", "no video stream (sound only)"),
        ("folder-without-pictures", "is a directory with no pictures"),
    ],
)
def test_unreadable_input(tmp_path, kind, fragment):
    video = unreadable(kind, tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_one_line_error(formcheck("analyze", str(video), "-e", "plank", cwd=tmp_path), 2, fragment)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_recording_cut_off_without_its_index(tmp_path, person):
    """A recording whose index was never written (moov at the end, file cut off): cannot be opened."""
    images, fps = person
    whole = write_clip(tmp_path / "whole.mp4", images, [i / fps for i in range(len(images))], fps, faststart=False)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert_one_line_error(formcheck("analyze", str(cut), "-e", "plank", "--no-video", cwd=tmp_path), 2, "cannot open")


@pytest.mark.e2e
def test_truncated_recording_is_analysed_up_to_the_cut(tmp_path, person):
    images, fps = person
    whole = write_clip(tmp_path / "whole.mp4", images, [i / fps for i in range(len(images))], fps)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: int(whole.stat().st_size * 0.6)])
    result = formcheck("analyze", str(cut), "-e", "plank", "-q", "-o", "out.mp4", "-r", "r.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert 0 < report["frames"] < FRAMES
    assert any("truncated" in w for w in report["warnings"])
    assert assert_browser_playable(tmp_path / "out.mp4") == report["frames"]


def picture(tmp_path, images):
    cv2.imwrite(str(tmp_path / "still.png"), images[0])
    return tmp_path / "still.png"


def folder(tmp_path, images):
    (tmp_path / "shots").mkdir()
    for index, image in enumerate(images):
        cv2.imwrite(str(tmp_path / "shots" / f"{index:03d}.jpg"), image)
    return tmp_path / "shots"


@pytest.mark.e2e
@pytest.mark.parametrize(
    "make, frames",
    [(picture, 1), (folder, FRAMES), (lambda d, images: write_gif(d / "clip.gif", images), FRAMES)],
    ids=["picture", "picture-folder", "gif"],
)
def test_pictures_folders_and_gifs_are_analysed(tmp_path, person, make, frames):
    source = make(tmp_path, person[0])
    result = formcheck("analyze", str(source), "-e", "plank", "-q", "-o", "out.mp4", "-r", "r.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["frames"] == frames and report["pose_frames"] >= 1
    assert assert_browser_playable(tmp_path / "out.mp4") == frames


@pytest.mark.e2e
def test_recording_damaged_in_the_middle_is_analysed_past_the_damage(tmp_path):
    images, times, fps = sample_frames("plank_side_clean_b.mp4", limit=90)
    data = bytearray(write_clip(tmp_path / "whole.mp4", images, times, fps).read_bytes())
    middle, damage = len(data) // 2, len(data) // 10
    data[middle : middle + damage] = np.random.default_rng(2).bytes(damage)
    (tmp_path / "damaged.mp4").write_bytes(bytes(data))
    result = formcheck("analyze", "damaged.mp4", "-e", "plank", "-q", "--pose-fps", "5", "--no-video", "-r", "r.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report = json.loads((tmp_path / "r.json").read_text())
    assert 60 < report["frames"] < 90
    assert report["duration_s"] == pytest.approx(3.0, abs=0.1)
    assert any("damaged video packets were skipped" in w for w in report["warnings"])
