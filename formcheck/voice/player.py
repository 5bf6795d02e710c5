"""Playing cues without holding up the live loop: one background thread plays them in turn with
whichever player the machine has (aplay, paplay, sox's play, or sounddevice)."""

from __future__ import annotations

import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from formcheck.voice.speech import Renderer, read_wav

PLAYERS = (("aplay", ("-q",)), ("paplay", ()), ("play", ("-q",)))
"""Command-line players tried in order: ALSA, PulseAudio/PipeWire, sox."""
STALE_S = 3.0
"""A cue still waiting this long after it was due is dropped (a count said late misleads)."""
PLAY_TIMEOUT_S = 30.0


def _sounddevice_output() -> bool:
    try:
        import sounddevice

        return sounddevice.query_devices(kind="output") is not None
    except Exception:  # no PortAudio library or no device: this player is unavailable
        return False


def find_player() -> tuple[str, ...] | str | None:
    """The command to play a WAV with (without the file), ``"sounddevice"``, or None."""
    for name, flags in PLAYERS:
        path = shutil.which(name)
        if path:
            return (path, *flags)
    return "sounddevice" if _sounddevice_output() else None


def note(message: str) -> None:
    print(f"formcheck: note: {message}", file=sys.stderr)


class Player:
    """Renders and plays cues one after another on a background thread; ``say`` never blocks.
    The first failure (no audio device) turns it silent, with one note."""

    def __init__(self, renderer: Renderer, player: tuple[str, ...] | str | None = None) -> None:
        self.renderer = renderer
        self.player = player if player is not None else find_player()
        self.played: list[Path] = []
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="voice", daemon=True)
        if self.player is None:
            note("no audio player (aplay, paplay, play or sounddevice): cues are shown, not spoken")
        else:
            self._thread.start()

    @property
    def silent(self) -> bool:
        return self.player is None

    def say(self, text: str, urgent: bool = False) -> None:
        """Queue ``text``; ``urgent`` ones (the safety note) are never dropped as stale."""
        if self.player is not None:
            self._queue.put((time.monotonic(), text, urgent))

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None or self.player is None:
                return
            queued_at, text, urgent = item
            if not urgent and time.monotonic() - queued_at > STALE_S:
                continue
            try:
                wav = self.renderer.render(text)
                self._play(wav)
                self.played.append(wav)
            except (OSError, subprocess.SubprocessError, RuntimeError) as error:
                note(f"cannot play sound ({type(error).__name__}): cues are shown, not spoken")
                self.player = None

    def _play(self, wav: Path) -> None:
        if self.player == "sounddevice":
            import sounddevice

            samples, rate = read_wav(wav)
            sounddevice.play(samples, rate, blocking=True)
            return
        subprocess.run([*self.player, str(wav)], check=True, capture_output=True, timeout=PLAY_TIMEOUT_S)

    def close(self, wait_s: float = 0.0) -> None:
        """Stop after what is playing (or, with ``wait_s``, after the queue drains, up to that long)."""
        if self._thread.is_alive():
            deadline = time.monotonic() + wait_s
            while not self._queue.empty() and time.monotonic() < deadline:
                time.sleep(0.05)
            self._queue.put(None)
            self._thread.join(timeout=max(wait_s, 0.5))
