"""Stopping a long run cleanly: Ctrl-C, ``kill`` / ``timeout`` / ``docker stop`` (SIGTERM) and a
closed terminal (SIGHUP) all ask the run to stop after the current frame, so the report and the
annotated video cover the same frames and are written complete. A second signal ends the
process at once, with one line and no traceback, removing the files still being written.

Any long-running command uses it the same way::

    with StopRequest().installed() as stop:
        for item in work:
            ...
            if stop.requested:
                break
    return stop.exit_code  # 0 if nothing asked it to stop, else 128 + the signal
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

from formcheck.outputs import partial_files

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""What people and tools send to end a program; SIGHUP does not exist on Windows."""
SIGNAL_EXIT_BASE = 128
"""Shells report death by signal N as 128 + N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP)."""

_last_signal: int | None = None
_stderr_fd: int | None = None
"""A copy of stderr taken when handlers are installed: the pose model points descriptor 2 at
/dev/null while it runs, and the last words must not go there."""


def signal_name(signum: int) -> str:
    return signal.Signals(signum).name


def exit_code_for(signum: int | None) -> int:
    """128 + the signal that stopped the run (Ctrl-C's 130 when none was recorded)."""
    return SIGNAL_EXIT_BASE + (signum or signal.SIGINT)


def interrupted_exit_code() -> int:
    """The exit code for a run that a signal stopped in this process."""
    return exit_code_for(_last_signal)


def last_signal_name() -> str:
    return signal_name(_last_signal or signal.SIGINT)


def end_at_once(signum: int) -> None:
    """Leave now: remove files still being written, say so in one line, exit 128 + signal."""
    for partial in list(partial_files):
        with contextlib.suppress(OSError):
            partial.unlink()
    message = f"formcheck: stopped at once by {signal_name(signum)} (a second stop signal); unfinished files were removed\n"
    with contextlib.suppress(OSError):
        os.write(2 if _stderr_fd is None else _stderr_fd, message.encode())
    os._exit(exit_code_for(signum))


class StopRequest:
    """The first stop signal sets ``requested``; the loop checks it between frames. A second one
    ends the process at once (``end_at_once``)."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict[int, object] = {}

    @property
    def requested(self) -> bool:
        return self.signum is not None

    @property
    def exit_code(self) -> int:
        return exit_code_for(self.signum) if self.requested else 0

    def _handle(self, signum: int, frame: object) -> None:
        global _last_signal
        if self.requested:
            end_at_once(signum)
        self.signum = _last_signal = signum

    def install(self) -> "StopRequest":
        """Handle the stop signals from now until ``restore`` (only the main thread can)."""
        global _stderr_fd
        if threading.current_thread() is threading.main_thread() and not self._previous:
            if _stderr_fd is None:
                sys.stderr.flush()
                _stderr_fd = os.dup(2)
            self._previous = {signum: signal.signal(signum, self._handle) for signum in STOP_SIGNALS}
        return self

    def restore(self) -> None:
        """Put back the handlers there were before ``install``."""
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous = {}

    @contextlib.contextmanager
    def installed(self) -> Iterator["StopRequest"]:
        """Handle the stop signals inside the block."""
        self.install()
        try:
            yield self
        finally:
            self.restore()
