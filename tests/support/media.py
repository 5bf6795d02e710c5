"""Media made inside the tests from the samples (never downloaded), and checks that a written
video is what browsers and phones play."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CLOCK = Fraction(1, 90000)
TONE_HZ = 440.0
AUDIO_RATE = 44100

_STORE_TURNED = {90: cv2.ROTATE_90_CLOCKWISE, -90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180}
"""How a camera stores an upright picture that a display rotation of N degrees (counter-clockwise,
PyAV's convention) turns back upright."""


def sample_frames(name: str, limit: int | None = None) -> tuple[list[np.ndarray], list[float], float]:
    """A sample's frames (BGR), their timestamps in seconds and its frame rate."""
    with av.open(str(SAMPLES / name)) as container:
        stream = container.streams.video[0]
        images, times = [], []
        for frame in container.decode(stream):
            images.append(frame.to_ndarray(format="bgr24"))
            times.append(float(frame.pts * frame.time_base))
            if limit is not None and len(images) >= limit:
                break
        return images, times, float(stream.average_rate)


def write_clip(
    path: Path,
    images: list[np.ndarray],
    times: list[float],
    fps: float,
    rotation: int = 0,
    audio_s: float = 0.0,
    faststart: bool = True,
) -> Path:
    """H.264 mp4 of ``images`` shown at ``times``; ``rotation`` stores them turned, with the display
    matrix that turns them back (as phones do); ``audio_s`` adds that much of a 440 Hz tone."""
    options = {"movflags": "+faststart"} if faststart else {}
    with av.open(str(path), "w", format="mp4", options=options) as container:
        stream = container.add_stream("libx264", rate=Fraction(fps).limit_denominator(1001))
        stored = [cv2.rotate(i, _STORE_TURNED[rotation]) if rotation else i for i in images]
        stream.height, stream.width = stored[0].shape[:2]
        stream.pix_fmt = "yuv420p"
        stream.codec_context.time_base = CLOCK
        stream.options = {"preset": "ultrafast", "crf": "20"}
        if rotation:
            stream.set_display_rotation(rotation)
        sound = container.add_stream("aac", rate=AUDIO_RATE, layout="mono") if audio_s else None
        for image, t_s in zip(stored, times):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="bgr24")
            frame.pts, frame.time_base = round(t_s / CLOCK), CLOCK
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
        if sound is not None:
            _write_tone(container, sound, audio_s)
    return path


def _write_tone(container: av.container.OutputContainer, stream: av.audio.stream.AudioStream, seconds: float) -> None:
    block = 1024
    for start in range(0, int(seconds * AUDIO_RATE), block):
        t = (start + np.arange(block)) / AUDIO_RATE
        frame = av.AudioFrame.from_ndarray((0.2 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32)[None, :], format="fltp", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = AUDIO_RATE, start, Fraction(1, AUDIO_RATE)
        container.mux(stream.encode(frame))
    container.mux(stream.encode(None))


def write_audio_only(path: Path, seconds: float = 2.0) -> Path:
    """An mp4 (m4a) with sound and no pictures."""
    with av.open(str(path), "w", format="mp4") as container:
        _write_tone(container, container.add_stream("aac", rate=AUDIO_RATE, layout="mono"), seconds)
    return path


def varying_rate(times: list[float], keep: Callable[[float], float]) -> list[int]:
    """Indices of the frames a variable-rate camera would have delivered: around time t it keeps
    the fraction ``keep(t)`` of a constant-rate camera's frames, at their true times."""
    chosen, credit = [], 0.0
    for index, t_s in enumerate(times):
        credit += keep(t_s)
        if credit >= 1.0 or index == 0:
            chosen.append(index)
            credit = max(credit - 1.0, 0.0)
    return chosen


def top_level_boxes(path: Path) -> list[str]:
    """The mp4's top-level box types in file order (ftyp, moov, mdat, ...)."""
    boxes, data, offset = [], path.read_bytes(), 0
    while offset + 8 <= len(data):
        size = int.from_bytes(data[offset : offset + 4], "big")
        boxes.append(data[offset + 4 : offset + 8].decode("latin-1"))
        if size == 1:
            size = int.from_bytes(data[offset + 8 : offset + 16], "big")
        if size < 8:
            break
        offset += size
    return boxes


def assert_browser_playable(path: Path) -> int:
    """``path`` is H.264 yuv420p with its index before the media (plays while downloading, in any
    browser): returns the number of frames it decodes to."""
    boxes = top_level_boxes(path)
    assert "moov" in boxes and "mdat" in boxes and boxes.index("moov") < boxes.index("mdat"), boxes
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264", stream.codec_context.name
        assert stream.codec_context.pix_fmt == "yuv420p", stream.codec_context.pix_fmt
        return sum(1 for _ in container.decode(stream))


def stream_kinds(path: Path) -> list[str]:
    with av.open(str(path)) as container:
        return [s.type for s in container.streams]
