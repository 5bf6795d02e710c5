"""Where annotated frames go: an mp4 that browsers and phones play, written complete or not at all.

The video is H.264 (libx264 through PyAV's FFmpeg), yuv420p, with the index at the front
(``faststart``) so a browser starts playing before the whole file has arrived. Each frame keeps
its source timestamp (variable frame rate survives), and the source's sound is kept: copied as
it is when mp4 can hold it, re-encoded to AAC otherwise. The file is written as
``NAME.partial.mp4`` and renamed only once complete, so an interrupted or failed run never
leaves a broken file under the real name. Without libx264, OpenCV's MPEG-4 Part 2 writer is
used instead and ``warning`` says so.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from formcheck.capture import AudioTrack
from formcheck.outputs import WriteError, describe_os_error, partial_files, remove_partial

H264_ENCODER = "libx264"
PIXEL_FORMAT = "yuv420p"
"""4:2:0 chroma: the only H.264 layout every browser and phone decodes."""
CRF = "23"
"""x264's default constant quality: the overlay's text stays sharp."""
PRESET = "veryfast"
"""Encodes 720p far faster than the pose model runs on 2 cores, at ~10% more bits than 'medium'."""
SIZE_CAP_RATIO = 1.25
"""The encoder's peak rate is held to this multiple of the source video's bit rate (when known),
so the annotated copy is not much bigger than the input; the overlay adds little to encode."""
MIN_PEAK_BITS_PER_PIXEL = 1.5
"""Peak bits per pixel per second below which the cap is not lowered further (tiny sources such
as GIFs report very low rates; 640x480 gets at least 460 kbit/s)."""
TIME_BASE = Fraction(1, 90000)
"""MPEG's 90 kHz clock: fine enough to keep every source timestamp (variable frame rate)."""
AUDIO_COPY_CODECS = frozenset({"aac", "mp3", "alac", "ac3", "eac3", "opus", "flac"})
"""Audio codecs mp4 holds as they are; any other (PCM, Vorbis, ...) is re-encoded to AAC."""
AUDIO_LEAD_S = 0.5
"""Sound is muxed this far ahead of the video written so far, keeping the two interleaved."""
FALLBACK_FOURCC = "mp4v"
"""MPEG-4 Part 2: every OpenCV wheel writes it, but browsers do not play it."""


def h264_available() -> bool:
    """Whether this PyAV's FFmpeg has the libx264 encoder."""
    try:
        av.codec.Codec(H264_ENCODER, "w")
    except (av.codec.codec.UnknownCodecError, ValueError):
        return False
    return True


def even_size(size: tuple[int, int]) -> tuple[int, int]:
    """yuv420p needs even dimensions: drop the odd last column or row."""
    return (max(size[0] - size[0] % 2, 2), max(size[1] - size[1] % 2, 2))


class _AudioPass:
    """The source's sound, muxed alongside the video up to the time written so far."""

    def __init__(self, container: av.container.OutputContainer, track: AudioTrack) -> None:
        self._container = container
        self._input = av.open(str(track.path), metadata_errors="ignore")
        self._source = self._input.streams[track.index]
        self._packets = self._input.demux(self._source)
        self._start_s = track.start_s
        self._pending: av.Packet | None = None
        self._done = False
        codec = self._source.codec_context
        self.copy = codec.name in AUDIO_COPY_CODECS
        if self.copy:
            self._stream = container.add_stream_from_template(self._source)
        else:
            self._stream = container.add_stream("aac", rate=codec.sample_rate or 48000, layout=codec.layout.name)

    def _next_packet(self) -> av.Packet | None:
        if self._pending is not None:
            packet, self._pending = self._pending, None
            return packet
        try:
            return next(self._packets, None)
        except av.FFmpegError:
            return None  # a damaged audio track ends the sound, not the video

    def feed(self, until_s: float) -> None:
        """Mux the sound that plays before ``until_s`` (seconds of the output)."""
        while not self._done:
            packet = self._next_packet()
            if packet is None:
                self._done = True
                return
            if packet.pts is None or packet.size == 0:
                continue
            t_s = float(packet.pts * packet.time_base) - self._start_s
            if t_s > until_s:
                self._pending = packet
                return
            if t_s >= 0:
                self._mux(packet)

    def _mux(self, packet: av.Packet) -> None:
        if self.copy:
            shift = round(self._start_s / packet.time_base)
            packet.pts -= shift
            if packet.dts is not None:
                packet.dts -= shift
            packet.stream = self._stream
            self._container.mux(packet)
            return
        try:
            frames = packet.decode()
        except av.FFmpegError:
            return
        for frame in frames:
            if frame.pts is not None:
                frame.pts -= round(self._start_s / frame.time_base)
            self._container.mux(self._stream.encode(frame))

    def finish(self, end_s: float) -> None:
        self.feed(end_s)
        if not self.copy:
            self._container.mux(self._stream.encode(None))

    def close(self) -> None:
        self._input.close()


class _H264Writer:
    """libx264 into mp4 through PyAV, with the source's sound."""

    def __init__(self, partial: Path, fps: float, size: tuple[int, int], audio: AudioTrack | None, bit_rate: int | None) -> None:
        self._container = av.open(str(partial), mode="w", format="mp4", options={"movflags": "+faststart"})
        self._audio: _AudioPass | None = None
        try:
            stream = self._container.add_stream(H264_ENCODER, rate=Fraction(fps).limit_denominator(1001))
            stream.width, stream.height = size
            stream.pix_fmt = PIXEL_FORMAT
            stream.codec_context.time_base = TIME_BASE
            options = {"crf": CRF, "preset": PRESET}
            if bit_rate:
                peak = max(SIZE_CAP_RATIO * bit_rate, MIN_PEAK_BITS_PER_PIXEL * size[0] * size[1])
                options.update(maxrate=str(int(peak)), bufsize=str(int(2 * peak)))
            stream.options = options
            self._stream = stream
            self.warning = self._add_audio(audio) if audio is not None else None
        except BaseException:
            self.abort()
            raise
        self._frame_s = 1.0 / fps
        self._last_pts = -1
        self._last_t_s = 0.0

    def _add_audio(self, audio: AudioTrack) -> str | None:
        """Keep the source's sound; a track FFmpeg cannot handle costs the sound, not the video."""
        try:
            self._audio = _AudioPass(self._container, audio)
        except (av.FFmpegError, ValueError) as error:
            return f"the source's sound could not be kept ({error})"
        return None

    def write(self, image: np.ndarray, t_s: float) -> None:
        frame = av.VideoFrame.from_ndarray(image, format="bgr24").reformat(format=PIXEL_FORMAT)
        frame.pts = max(round(t_s / TIME_BASE), self._last_pts + 1)
        frame.time_base = TIME_BASE
        self._last_pts, self._last_t_s = frame.pts, t_s
        self._container.mux(self._stream.encode(frame))
        if self._audio is not None:
            self._audio.feed(t_s + AUDIO_LEAD_S)

    def close(self) -> None:
        self._container.mux(self._stream.encode(None))
        if self._audio is not None:
            self._audio.finish(self._last_t_s + self._frame_s)
            self._audio.close()
        self._container.close()

    def abort(self) -> None:
        if self._audio is not None:
            self._audio.close()
        try:
            self._container.close()
        except (av.FFmpegError, OSError):
            return  # the partial file is deleted next; its state does not matter


class _OpenCvWriter:
    """OpenCV's MPEG-4 Part 2 writer, for a PyAV without libx264 (no sound)."""

    def __init__(self, partial: Path, fps: float, size: tuple[int, int]) -> None:
        self._writer = cv2.VideoWriter(str(partial), cv2.VideoWriter_fourcc(*FALLBACK_FOURCC), fps, size)
        if not self._writer.isOpened():
            raise OSError(f"OpenCV cannot write {partial}")

    def write(self, image: np.ndarray, t_s: float) -> None:
        self._writer.write(image)

    def close(self) -> None:
        self._writer.release()

    abort = close


class VideoFileSink:
    """Writes frames to ``path`` via a ``.partial.mp4`` renamed on close, so an interrupted run
    leaves a playable video of what was done and a failed one leaves nothing. Write errors
    (a full disk, a vanished folder) raise ``WriteError`` with the partial file removed."""

    def __init__(
        self,
        path: str | os.PathLike,
        fps: float,
        size: tuple[int, int],
        audio: AudioTrack | None = None,
        bit_rate: int | None = None,
        label: str = "annotated video",
    ) -> None:
        self.path = Path(path)
        self.label = label
        self.size = tuple(size)
        self._encoded_size = even_size(self.size)
        self._partial = self.path.with_name(self.path.stem + ".partial" + (self.path.suffix or ".mp4"))
        self._frame_s = 1.0 / fps
        self.frames = 0
        self.warning: str | None = None
        self._writer: _H264Writer | _OpenCvWriter | None = None
        with self._failing_as_write_error():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial_files.add(self._partial)
            if h264_available():
                self._writer = _H264Writer(self._partial, fps, self._encoded_size, audio, bit_rate)
                self.warning = self._writer.warning
            else:
                self._writer = _OpenCvWriter(self._partial, fps, self._encoded_size)
                self.warning = (
                    f"this PyAV has no {H264_ENCODER} encoder: {self.path.name} is MPEG-4 Part 2 without sound,"
                    " which browsers do not play"
                )

    def write(self, image: np.ndarray, t_s: float | None = None) -> None:
        """Add a frame shown from ``t_s`` seconds (default: the next frame at the nominal rate)."""
        if self._writer is None:
            raise WriteError(f"{self.label} {self.path} is already closed")
        if (image.shape[1], image.shape[0]) != self.size:
            image = cv2.resize(image, self.size)
        width, height = self._encoded_size
        if image.shape[1] != width or image.shape[0] != height:
            image = np.ascontiguousarray(image[:height, :width])
        with self._failing_as_write_error():
            self._writer.write(image, self.frames * self._frame_s if t_s is None else t_s)
        self.frames += 1

    def close(self) -> Path:
        """Finish the file and give it its real name (nothing is kept if no frame came)."""
        if self._writer is None:
            return self.path
        if not self.frames:
            self.abort()
            return self.path
        with self._failing_as_write_error():
            self._writer.close()
            self._writer = None
            self._partial.replace(self.path)
        partial_files.discard(self._partial)
        return self.path

    def abort(self) -> None:
        """Stop writing and delete the partial file."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.abort()
        remove_partial(self._partial)

    @contextlib.contextmanager
    def _failing_as_write_error(self) -> Iterator[None]:
        """An encoder or file-system failure becomes ``WriteError``, with the partial file removed."""
        try:
            yield
        except (av.FFmpegError, OSError, cv2.error) as error:
            self.abort()
            raise WriteError(f"cannot write {self.label} {self.path}: {describe_os_error(error)}") from None

    def __enter__(self) -> "VideoFileSink":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

