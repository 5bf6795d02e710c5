"""The annotated-video sink: H.264 that browsers play, source timestamps and sound kept, and
nothing under the real name unless complete."""

from fractions import Fraction

import av
import numpy as np
import pytest

from formcheck import sinks
from formcheck.capture import AudioTrack, VideoFileSource
from formcheck.outputs import WriteError
from formcheck.sinks import VideoFileSink
from support.media import assert_browser_playable, stream_kinds

RATE = 8000


def frames(count, size=(160, 120)):
    rng = np.random.default_rng(1)
    return [rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8) for _ in range(count)]


def mov_with_pcm_sound(path, seconds=1.0):
    """A QuickTime file with uncompressed sound, which mp4 cannot hold as it is."""
    with av.open(str(path), "w", format="mov") as container:
        video = container.add_stream("mjpeg", rate=10)
        video.width, video.height, video.pix_fmt = 160, 120, "yuvj420p"
        sound = container.add_stream("pcm_s16le", rate=RATE, layout="mono")
        for index, image in enumerate(frames(int(10 * seconds))):
            frame = av.VideoFrame.from_ndarray(image, format="bgr24")
            frame.pts = index
            container.mux(video.encode(frame))
        container.mux(video.encode(None))
        samples = (3000 * np.sin(np.arange(int(RATE * seconds)) / 5)).astype(np.int16)[None, :]
        chunk = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        chunk.sample_rate, chunk.pts, chunk.time_base = RATE, 0, Fraction(1, RATE)
        container.mux(sound.encode(chunk))
        container.mux(sound.encode(None))
    return path


def test_timestamps_survive_and_odd_sizes_become_even(tmp_path):
    times = [0.0, 0.1, 0.15, 0.4, 0.45]
    with VideoFileSink(tmp_path / "out.mp4", 30.0, (161, 121)) as sink:
        for image, t_s in zip(frames(5, (161, 121)), times):
            sink.write(image, t_s)
    assert assert_browser_playable(tmp_path / "out.mp4") == 5
    source = VideoFileSource(tmp_path / "out.mp4")
    assert source.size == (160, 120)
    assert [round(f.t_s, 3) for f in source] == times


def test_sound_mp4_cannot_hold_is_reencoded_to_aac(tmp_path):
    source = VideoFileSource(mov_with_pcm_sound(tmp_path / "clip.mov"))
    assert source.audio is not None
    with VideoFileSink(tmp_path / "out.mp4", source.fps, source.size, audio=source.audio) as sink:
        for frame in source:
            sink.write(frame.image, frame.t_s)
    assert sink.warning is None
    assert stream_kinds(tmp_path / "out.mp4") == ["video", "audio"]
    with av.open(str(tmp_path / "out.mp4")) as container:
        audio = container.streams.audio[0]
        assert audio.codec_context.name == "aac"
        assert float(audio.duration * audio.time_base) == pytest.approx(1.0, abs=0.15)


def test_unreadable_sound_costs_the_sound_not_the_video(tmp_path):
    missing = AudioTrack(tmp_path / "gone.m4a", 0, 0.0)
    with VideoFileSink(tmp_path / "out.mp4", 10.0, (160, 120), audio=missing) as sink:
        for image in frames(3):
            sink.write(image)
    assert "sound could not be kept" in sink.warning
    assert stream_kinds(tmp_path / "out.mp4") == ["video"]


def test_no_frames_leaves_no_file(tmp_path):
    VideoFileSink(tmp_path / "out.mp4", 10.0, (160, 120)).close()
    assert list(tmp_path.iterdir()) == []


def test_write_failure_is_one_error_and_leaves_nothing(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(WriteError, match="cannot write annotated video .*out.mp4: "):
        VideoFileSink(tmp_path / "file" / "out.mp4", 10.0, (160, 120))
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_opencv_fallback_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(sinks, "h264_available", lambda: False)
    with VideoFileSink(tmp_path / "out.mp4", 10.0, (160, 120)) as sink:
        for image in frames(3):
            sink.write(image)
    assert "no libx264 encoder" in sink.warning and "browsers do not play" in sink.warning
    with av.open(str(tmp_path / "out.mp4")) as container:
        assert container.streams.video[0].codec_context.name == "mpeg4"
