"""The cues as an audio track: each cue's speech placed at its session time, mixed over the
source's own sound (lowered under the cues), and muxed into the annotated video with PyAV.

``cue_track`` and ``write_wav`` need only numpy; ``mux_audio`` needs PyAV (``pip install av``,
the ``voice`` extra). Without PyAV, ``add_voice_track`` writes the track as a WAV beside the
video and says so, and the lead can mux it with ``mux_audio`` once PyAV is there.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

import numpy as np

from formcheck.voice.policy import Cue
from formcheck.voice.speech import Renderer, read_wav, write_wav

TRACK_RATE = 22050
"""espeak-ng's own output rate: speech needs no more, and no resampling is needed."""
DUCK_GAIN = 0.25
"""The source's sound under a cue: -12 dB, the usual broadcast voice-over ducking."""
DUCK_RAMP_S = 0.15
"""Fade time of the ducking, so the source does not click down and up."""
PEAK_LIMIT = 0.98
"""The mix is scaled down if it would exceed this (no clipping)."""
AUDIO_CODEC = "aac"
AUDIO_BITRATE = 96_000


def cue_track(cues: Iterable[Cue], duration_s: float, renderer: Renderer, rate: int = TRACK_RATE) -> tuple[np.ndarray, np.ndarray]:
    """(speech, cover): the cues' speech at their times, and 0..1 where speech is playing (for
    ducking). A cue still speaking when the next is due pushes the next one later, as a player
    playing them in turn would."""
    length = int(round(duration_s * rate))
    speech, cover = np.zeros(length, np.float32), np.zeros(length, np.float32)
    free_at = 0
    for cue in sorted(cues, key=lambda c: c.t_s):
        samples, cue_rate = read_wav(renderer.render(cue.text))
        if cue_rate != rate:
            samples = np.interp(np.arange(0, len(samples), cue_rate / rate), np.arange(len(samples)), samples).astype(np.float32)
        start = max(int(round(cue.t_s * rate)), free_at)
        end = min(start + len(samples), length)
        if end <= start:
            continue
        speech[start:end] += samples[: end - start]
        cover[start:end] = 1.0
        free_at = end
    ramp = max(int(DUCK_RAMP_S * rate), 1)
    cover = np.convolve(cover, np.ones(ramp, np.float32) / ramp, mode="same").clip(0.0, 1.0)
    return speech, cover


def mix(speech: np.ndarray, cover: np.ndarray, source: np.ndarray | None) -> np.ndarray:
    """Speech over the source's sound, the source lowered to ``DUCK_GAIN`` under the speech."""
    out = speech.copy()
    if source is not None:
        n = min(len(out), len(source))
        out[:n] += source[:n] * (1.0 - (1.0 - DUCK_GAIN) * cover[:n])
    peak = float(np.abs(out).max()) if len(out) else 0.0
    return out * (PEAK_LIMIT / peak) if peak > PEAK_LIMIT else out


def source_audio(video: str | os.PathLike, rate: int = TRACK_RATE) -> np.ndarray | None:
    """The source video's sound as mono float samples at ``rate``; None if it has none."""
    import av

    with av.open(str(video)) as container:
        if not container.streams.audio:
            return None
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        chunks = []
        for frame in container.decode(container.streams.audio[0]):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1))
    return np.concatenate(chunks).astype(np.float32) if chunks else None


def mux_audio(video: str | os.PathLike, samples: np.ndarray, rate: int = TRACK_RATE) -> Path:
    """Replace ``video``'s audio with ``samples`` (its video stream copied, not re-encoded), via a
    ``.partial`` file renamed over it."""
    import av

    target = Path(video)
    partial = target.with_name(target.stem + ".partial" + target.suffix)
    with av.open(str(target)) as source, av.open(str(partial), "w", options={"movflags": "faststart"}) as out:
        video_in = source.streams.video[0]
        video_out = out.add_stream_from_template(video_in)
        audio_out = out.add_stream(AUDIO_CODEC, rate=rate, layout="mono")
        audio_out.bit_rate = AUDIO_BITRATE
        for packet in source.demux(video_in):
            if packet.dts is None:
                continue
            packet.stream = video_out
            out.mux(packet)
        chunk = 1024
        pcm = samples.astype(np.float32)
        for start in range(0, len(pcm), chunk):
            frame = av.AudioFrame.from_ndarray(pcm[None, start : start + chunk], format="flt", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
            out.mux(audio_out.encode(frame))
        out.mux(audio_out.encode(None))
    partial.replace(target)
    return target


def add_voice_track(video: Path, source: Path, cues: list[Cue], duration_s: float, renderer: Renderer) -> Path:
    """Mix the cues into ``video`` (the annotated copy of ``source``); the WAV beside it if PyAV
    is missing. Returns what was written."""
    speech, cover = cue_track(cues, duration_s, renderer)
    if importlib.util.find_spec("av") is None:
        return write_wav(video.with_suffix(".voice.wav"), mix(speech, cover, None), TRACK_RATE)
    return mux_audio(video, mix(speech, cover, source_audio(source)))
