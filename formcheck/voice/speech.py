"""Cue texts to sound: espeak-ng renders each text once to a WAV in a cache folder; without it, a
short tone stands in. Offline: nothing is downloaded, the engine is Debian's ``espeak-ng``."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import wave
from pathlib import Path
from typing import Protocol

import numpy as np

ENGINE = "espeak-ng"
SPEECH_RATE_WPM = 150
"""espeak-ng's words per minute: a little slower than its default 175, for a listener who is
out of breath on a mat."""
SPEECH_AMPLITUDE = 100
"""espeak-ng amplitude (0-200): its default, peaks near -2 dBFS, not clipped (checked with sox)."""
TONE_HZ = 880.0
TONE_S = 0.25
TONE_LEVEL = 0.5
"""The fallback cue: a quarter-second A5 at half scale, audible over music, far from clipping."""
RENDER_TIMEOUT_S = 10.0


def cache_dir() -> Path:
    """Where rendered cues are kept between sessions (``$XDG_CACHE_HOME/formcheck/voice``)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "formcheck" / "voice"


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Mono float samples in [-1, 1] and the sample rate of a 16-bit WAV."""
    with wave.open(str(path), "rb") as wav:
        rate, channels, frames = wav.getframerate(), wav.getnchannels(), wav.readframes(wav.getnframes())
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    return samples.reshape(-1, channels).mean(axis=1), rate


def write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    """16-bit mono WAV, written atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(partial), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm.tobytes())
    partial.replace(path)
    return path


class Renderer(Protocol):
    """Turns a cue's text into a WAV file (cached)."""

    name: str

    def render(self, text: str) -> Path: ...


class EspeakRenderer:
    """espeak-ng through a subprocess, one WAV per distinct text, cached by a hash of the text and
    the voice settings."""

    name = ENGINE

    def __init__(self, cache: Path | None = None, executable: str | None = None) -> None:
        self.executable = executable or shutil.which(ENGINE)
        if self.executable is None:
            raise FileNotFoundError(ENGINE)
        self.cache = cache or cache_dir()

    def render(self, text: str) -> Path:
        key = hashlib.sha1(f"{text}|{SPEECH_RATE_WPM}|{SPEECH_AMPLITUDE}".encode()).hexdigest()[:16]
        path = self.cache / f"{key}.wav"
        if path.is_file():
            return path
        self.cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        subprocess.run(
            [self.executable, "-s", str(SPEECH_RATE_WPM), "-a", str(SPEECH_AMPLITUDE), "-w", str(partial), text],
            check=True, capture_output=True, timeout=RENDER_TIMEOUT_S,
        )
        partial.replace(path)
        return path


class ToneRenderer:
    """The same beep for every cue, when no speech engine is installed."""

    name = "tones"
    rate = 22050

    def __init__(self, cache: Path | None = None) -> None:
        self.cache = cache or cache_dir()

    def render(self, text: str) -> Path:
        path = self.cache / "tone.wav"
        if not path.is_file():
            t = np.arange(int(TONE_S * self.rate)) / self.rate
            envelope = np.minimum(1.0, np.minimum(t, TONE_S - t) / 0.02)
            write_wav(path, TONE_LEVEL * envelope * np.sin(2 * np.pi * TONE_HZ * t), self.rate)
        return path


def best_renderer(cache: Path | None = None) -> Renderer:
    """espeak-ng if installed, else tones."""
    try:
        return EspeakRenderer(cache)
    except FileNotFoundError:
        return ToneRenderer(cache)
