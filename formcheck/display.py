"""Whether a window can be opened, found out before OpenCV's Qt backend aborts the process.

Qt ends the whole program (SIGABRT, exit 134, no report) when it finds no display, so ``live``
asks first: no ``DISPLAY``/``WAYLAND_DISPLAY`` means no window; otherwise a throw-away child
process opens and closes one, and if Qt aborts there, only the child dies.
"""

from __future__ import annotations

import os
import subprocess
import sys

from formcheck.errors import InputError

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY")
PROBE_TIMEOUT_S = 10.0
"""A window that takes longer than this to open is taken as no display."""
_PROBE = "import cv2; cv2.namedWindow('formcheck-probe'); cv2.waitKey(1); cv2.destroyAllWindows()"
NO_DISPLAY_HINT = "run with --no-window, or use 'formcheck analyze'"


def require_display() -> None:
    """Raise ``InputError`` (one line suggesting ``--no-window``) when no window can be shown."""
    if not sys.platform.startswith(("linux", "freebsd")):
        return  # macOS and Windows always have a desktop to draw on
    if not any(os.environ.get(name) for name in DISPLAY_VARIABLES):
        raise InputError(f"no display to open a window on (DISPLAY is not set): {NO_DISPLAY_HINT}")
    try:
        probe = subprocess.run(
            [sys.executable, "-c", _PROBE], capture_output=True, timeout=PROBE_TIMEOUT_S, env={**os.environ, "QT_LOGGING_RULES": "*=false"}
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"the display {os.environ.get('DISPLAY', '')} did not open a window in time: {NO_DISPLAY_HINT}") from None
    if probe.returncode != 0:
        display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        raise InputError(f"cannot open a window on display {display}: {NO_DISPLAY_HINT}")
