"""Where frames come from: a video file, an image folder, a camera (threaded), or a file played
back as a camera.

Every source yields ``Frame`` objects timed in seconds. Files are decoded with PyAV (FFmpeg):
each frame is timed by its own presentation timestamp, so variable-frame-rate phone clips time
holds correctly, and the container's rotation tag is applied, so a portrait phone clip is
analysed (and annotated) upright. Live sources are read by a background thread so a slow
consumer always gets the newest frame instead of a growing backlog.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import cv2
import numpy as np

from formcheck.errors import CameraLost, InputError

DEFAULT_FPS = 30.0
"""Assumed when a file reports no usable frame rate (some GIFs and broken headers)."""
FOLDER_FPS = DEFAULT_FPS
"""An image folder has no timing of its own: its pictures are taken as frames this far apart."""
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp")
MAX_PLAUSIBLE_FPS = 240.0
MIN_FRAME_GAP_S = 0.001
"""Frames with repeated or backward timestamps are placed this far after the previous one
(MediaPipe needs strictly increasing whole milliseconds)."""
TRUNCATED_FRACTION = 0.95
"""Decoding fewer than this fraction of the frames the header promises marks a file truncated."""
DECODER_THREADS = "AUTO"
"""FFmpeg's frame and slice threading: decoding stays well ahead of the pose model."""
CAMERA_OPEN_TIMEOUT_S = 5.0
"""A camera that delivers no first frame within this is reported as unusable."""
CAMERA_LOST_AFTER_S = 2.0
"""A camera that delivers nothing for this long mid-session has gone (unplugged, taken by
another program); the session ends with the report of what was done."""

_ROTATIONS = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, -90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, -180: cv2.ROTATE_180}
"""PyAV's ``VideoFrame.rotation`` (the display matrix, degrees counter-clockwise) to the turn
that shows the frame as players do."""


@dataclass(frozen=True, eq=False)
class Frame:
    """One picture (BGR, upright as players show it) at ``t_s`` seconds from the first frame."""

    image: np.ndarray
    t_s: float
    index: int


@dataclass(frozen=True)
class AudioTrack:
    """Where a file's sound is, for sinks that keep it: stream ``index`` of ``path``, whose
    time ``start_s`` (container clock) is the first video frame's ``t_s == 0``."""

    path: Path
    index: int
    start_s: float


class VideoFileSource:
    """Frames of a video file (mp4, mov, avi, webm, gif, a single picture) or of a folder of
    pictures, each timed by its own presentation timestamp and turned upright."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise InputError(f"no such file: {self.path}")
        self.rotation = 0
        """Degrees counter-clockwise the container asks players to turn the picture (applied)."""
        self.audio: AudioTrack | None = None
        self.bit_rate: int | None = None
        """The video stream's bits per second, when the container says."""
        self.decode_error: str | None = None
        self.skipped = 0
        """Damaged video packets (or unreadable pictures in a folder) passed over."""
        self.frames_read = 0
        self._header_frames = 0
        self._container: av.container.InputContainer | None = None
        if self.path.is_dir():
            self._frames = self._open_folder()
        else:
            if self.path.stat().st_size == 0:
                raise InputError(f"{self.path} is empty (0 bytes)")
            self._frames = self._open_file()
        first = next(self._frames, None)
        if first is None:
            self.close()
            raise InputError(f"cannot open {self.path}: it has no readable video frames (corrupt, or not a video)")
        self._first: tuple[np.ndarray, float] | None = first
        self.size = (first[0].shape[1], first[0].shape[0])

    def _open_file(self) -> Iterator[tuple[np.ndarray, float]]:
        try:
            self._container = av.open(str(self.path), metadata_errors="ignore")
        except (av.FFmpegError, ValueError, UnicodeDecodeError):
            raise InputError(f"cannot open {self.path}: not a video, or a format FFmpeg cannot decode") from None
        streams = self._container.streams
        if not streams.video:
            what = "sound only" if streams.audio else "no pictures"
            self.close()
            raise InputError(f"cannot open {self.path}: it has no video stream ({what})")
        stream = streams.video[0]
        stream.thread_type = DECODER_THREADS
        rate = stream.average_rate or stream.guessed_rate
        self.fps = float(rate) if rate and 0 < float(rate) <= MAX_PLAUSIBLE_FPS else DEFAULT_FPS
        self._header_frames = max(stream.frames, 0)
        seconds = float(stream.duration * stream.time_base) if stream.duration else (self._container.duration or 0) / av.time_base
        self.frame_count = self._header_frames or round(seconds * self.fps)
        self.bit_rate = stream.bit_rate or None
        self._audio_index = streams.audio[0].index if streams.audio else None
        return self._decode(stream)

    def _decoded(self, stream: av.video.stream.VideoStream) -> Iterator[av.VideoFrame]:
        """Frames in presentation order; damaged packets are skipped and counted, as players do."""
        try:
            for packet in self._container.demux(stream):
                try:
                    frames = packet.decode()
                except av.FFmpegError:
                    self.skipped += 1
                    continue
                yield from frames
        except av.FFmpegError as error:
            self.decode_error = str(error)

    def _decode(self, stream: av.video.stream.VideoStream) -> Iterator[tuple[np.ndarray, float]]:
        origin = 0.0
        last_t: float | None = None
        for frame in self._decoded(stream):
            if last_t is None:
                origin = float(frame.pts * frame.time_base) if frame.pts is not None else 0.0
                self.rotation = frame.rotation
                if self._audio_index is not None:
                    self.audio = AudioTrack(self.path, self._audio_index, origin)
            if frame.pts is None:  # raw streams: no timing but the frame rate
                t_s = 0.0 if last_t is None else last_t + 1.0 / self.fps
            else:
                t_s = float(frame.pts * frame.time_base) - origin
                t_s = t_s if last_t is None else max(t_s, last_t + MIN_FRAME_GAP_S)
            last_t = t_s
            image = frame.to_ndarray(format="bgr24")
            turn = _ROTATIONS.get(frame.rotation)
            yield (image if turn is None else cv2.rotate(image, turn)), t_s

    def _open_folder(self) -> Iterator[tuple[np.ndarray, float]]:
        pictures = sorted(p for p in self.path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not pictures:
            raise InputError(f"{self.path} is a directory with no pictures in it, not a video file")
        self.fps = FOLDER_FPS
        self.frame_count = self._header_frames = len(pictures)
        return self._read_pictures(pictures)

    def _read_pictures(self, pictures: list[Path]) -> Iterator[tuple[np.ndarray, float]]:
        size: tuple[int, int] | None = None
        for index, picture in enumerate(pictures):
            image = cv2.imread(str(picture), cv2.IMREAD_COLOR)
            if image is None:
                self.skipped += 1
                continue
            if size is None:
                size = (image.shape[1], image.shape[0])
            elif (image.shape[1], image.shape[0]) != size:
                image = cv2.resize(image, size)
            yield image, index / FOLDER_FPS

    @property
    def duration_s(self) -> float:
        return self.frame_count / self.fps if self.frame_count else 0.0

    @property
    def truncated(self) -> bool:
        """Decoding failed, or stopped well before the frame count in the header: a cut-off or
        corrupt file."""
        seen = self.frames_read + self.skipped
        short = self._header_frames > 0 and seen < TRUNCATED_FRACTION * self._header_frames - 1
        return short or self.decode_error is not None

    def warnings(self) -> list[str]:
        """What the report should say about damage found while decoding."""
        notes = []
        if self.skipped:
            what = "pictures could not be read" if self.path.is_dir() else "damaged video packets were skipped"
            notes.append(f"{self.skipped} {what}: the file looks corrupt in places")
        if self.truncated:
            notes.append(f"decoding stopped at frame {self.frames_read} of {self.frame_count}: the file looks truncated or corrupt")
        return notes

    def __iter__(self) -> Iterator[Frame]:
        index = 0
        try:
            while True:
                if self._first is not None:
                    (image, t_s), self._first = self._first, None
                else:
                    decoded = next(self._frames, None)
                    if decoded is None:
                        return
                    image, t_s = decoded
                yield Frame(image, t_s, index)
                index += 1
                self.frames_read = index
        finally:
            self.close()

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
            self._container = None


class _ThreadedSource:
    """Base of live sources: a reader thread keeps only the newest frame."""

    description = "source"

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._latest: Frame | None = None
        self._delivered_index = -1
        self._stop = threading.Event()
        self._finished = False
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run_guarded, name=self.description, daemon=True)
        self.fps = DEFAULT_FPS
        self.frames_captured = 0

    def start(self) -> None:
        if not self._thread.is_alive() and not self._finished:
            self._thread.start()

    def _run_guarded(self) -> None:
        try:
            self._run()
        except Exception as error:  # reported to the consumer thread by read()
            self._error = error
        finally:
            with self._lock:
                self._finished = True
                self._lock.notify_all()

    def _run(self) -> None:
        raise NotImplementedError

    def _publish(self, frame: Frame) -> None:
        with self._lock:
            self._latest = frame
            self.frames_captured += 1
            self._lock.notify_all()

    @property
    def finished(self) -> bool:
        """No more frames will come (end of a played-back file)."""
        with self._lock:
            return self._finished and (self._latest is None or self._latest.index == self._delivered_index)

    def read(self, timeout_s: float = 0.1) -> Frame | None:
        """The newest frame not yet returned, waiting up to ``timeout_s``; None if none came."""
        if not self._thread.is_alive() and not self._finished:
            self.start()
        with self._lock:
            if not self._lock.wait_for(
                lambda: self._finished or (self._latest is not None and self._latest.index != self._delivered_index),
                timeout=timeout_s,
            ):
                return None
            if self._error is not None:
                raise self._error
            if self._latest is None or self._latest.index == self._delivered_index:
                return None
            self._delivered_index = self._latest.index
            return self._latest

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2.0)


class CameraSource(_ThreadedSource):
    """A webcam, read on a background thread."""

    def __init__(self, index: int = 0, width: int = 640, height: int = 480, fps: float = 30.0) -> None:
        self.description = f"camera {index}"
        super().__init__()
        self._capture = cv2.VideoCapture(index)
        if not self._capture.isOpened():
            raise InputError(f"cannot open camera {index}: no such device, or it is in use by another program")
        self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._capture.set(cv2.CAP_PROP_FPS, fps)
        reported = self._capture.get(cv2.CAP_PROP_FPS)
        self.fps = float(reported) if 0 < reported <= MAX_PLAUSIBLE_FPS else fps
        self._t0 = time.monotonic()
        self.start()
        if self.read(CAMERA_OPEN_TIMEOUT_S) is None:
            self.close()
            raise InputError(f"camera {index} opened but delivered no picture within {CAMERA_OPEN_TIMEOUT_S:.0f} s")
        self._delivered_index = -1

    def _run(self) -> None:
        index = 0
        last_frame_at = time.monotonic()
        while not self._stop.is_set():
            ok, image = self._capture.read()
            now = time.monotonic()
            if ok and image is not None:
                self._publish(Frame(image, now - self._t0, index))
                index += 1
                last_frame_at = now
            elif now - last_frame_at > CAMERA_LOST_AFTER_S:
                raise CameraLost(f"{self.description} stopped delivering frames (unplugged or taken by another program)")
            else:
                time.sleep(0.01)
        self._capture.release()


class PlaybackSource(_ThreadedSource):
    """A video file played in real time as if it were a camera: frames the consumer is too slow
    for are skipped, exactly as with a live camera. For demos and tests of the live loop.
    The clock starts at the first ``read``, once the consumer is ready (not while the model loads)."""

    def __init__(self, path: str | os.PathLike, speed: float = 1.0) -> None:
        self._video = VideoFileSource(path)
        self.description = f"playback of {self._video.path.name}"
        super().__init__()
        self.fps = self._video.fps
        self.size = self._video.size
        self._speed = speed

    def _run(self) -> None:
        start = time.monotonic()
        for frame in self._video:
            if self._stop.is_set():
                break
            delay = start + frame.t_s / self._speed - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)
            self._publish(frame)
