"""The live loop without a window: a file played as a camera, and a camera that disappears."""

import json
from pathlib import Path

import pytest

from formcheck.capture import Frame, PlaybackSource, VideoFileSource, _ThreadedSource
from formcheck.errors import CameraLost
from formcheck.live import run_live

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
pytestmark = pytest.mark.e2e


class FlakyCamera(_ThreadedSource):
    """Delivers the frames of a clip at full speed, then fails like an unplugged webcam."""

    description = "flaky camera"

    def __init__(self, video: Path, frames_before_loss: int) -> None:
        super().__init__()
        self._video, self._limit = video, frames_before_loss

    def _run(self) -> None:
        for frame in VideoFileSource(self._video):
            if frame.index >= self._limit:
                break
            self._publish(Frame(frame.image, frame.t_s, frame.index))
            self._stop.wait(1 / 30)
        raise CameraLost("flaky camera stopped delivering frames (unplugged or taken by another program)")


def test_camera_lost_mid_session_still_reports(tmp_path):
    video = SAMPLES / "plank_side_clean_b.mp4"
    report, stats = run_live(FlakyCamera(video, 60), "plank", report_path=tmp_path / "r.json", show_window=False)
    assert report.interrupted
    assert any("stopped delivering" in w for w in report.warnings)
    assert (tmp_path / "r.json").is_file()
    assert 0 < stats.analysed <= 60


def test_playback_as_camera_times_the_hold(tmp_path):
    video = SAMPLES / "plank_side_clean_b.mp4"
    label = json.loads(video.with_suffix(".json").read_text())
    report, stats = run_live(PlaybackSource(video), "plank", report_path=tmp_path / "r.json", show_window=False)
    assert not report.interrupted
    assert report.hold_s == pytest.approx(label["hold_s"]["expected"], rel=0.1)
    assert stats.display_fps > 15

