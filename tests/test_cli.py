"""Bad input through the real command: one line on stderr, a non-zero exit, never a traceback."""

from pathlib import Path

import cv2
import numpy as np
import pytest

from formcheck.exercises import EXERCISES
from support.command import assert_one_line_error, formcheck

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def file_with(content: bytes):
    def make(directory: Path) -> Path:
        path = directory / "clip.mp4"
        path.write_bytes(content)
        return path

    return make


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda d: d / "missing.mp4", "no such file"),
        (lambda d: d, "is a directory"),
        (file_with(b""), "is empty"),
        (file_with(b"not a video\n"), "cannot open"),
        (file_with(np.random.default_rng(0).bytes(50_000)), "cannot open"),
    ],
    ids=["missing", "directory", "empty", "text", "random-bytes"],
)
def test_unreadable_video(tmp_path, make, fragment):
    assert_one_line_error(formcheck("analyze", str(make(tmp_path)), "-e", "plank", cwd=tmp_path), 2, fragment)


def test_unknown_exercise(tmp_path):
    video = tmp_path / "blank.mp4"
    write_video(video, [np.zeros((120, 160, 3), np.uint8)] * 5)
    assert_one_line_error(formcheck("analyze", str(video), "-e", "squat", cwd=tmp_path), 2, "unknown exercise 'squat'")


def test_camera_that_cannot_be_opened(tmp_path):
    assert_one_line_error(formcheck("live", "--camera", "57", "-e", "plank", "--no-window", cwd=tmp_path), 2, "cannot open camera 57")


def test_exercises_lists_each_with_filming_advice():
    result = formcheck("exercises")
    assert result.returncode == 0
    for exercise_id in EXERCISES:
        assert exercise_id in result.stdout
    assert result.stdout.count("filming:") == len(EXERCISES)
    assert "side_plank     Side plank - counts hold time per side" in result.stdout
    assert "medical professional" in result.stdout


def write_video(path, frames, fps=15.0):
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (width, height))
    for frame in frames:
        writer.write(frame)
    writer.release()


@pytest.mark.e2e
def test_video_with_nobody_in_it(tmp_path):
    rng = np.random.default_rng(0)
    room = np.full((240, 320, 3), (180, 190, 200), np.uint8)
    room[160:] = (90, 120, 150)  # a floor
    frames = [np.clip(room + rng.normal(0, 4, room.shape), 0, 255).astype(np.uint8) for _ in range(30)]
    write_video(tmp_path / "empty_room.mp4", frames)
    result = formcheck("analyze", "empty_room.mp4", "-e", "plank", "-r", "r.json", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.strip().splitlines()[-1] == "formcheck: error: no person detected in empty_room.mp4"
    assert (tmp_path / "r.json").is_file()
