"""Running the real ``formcheck`` command in a child process, and what its failures must look like."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def formcheck(*args: str, cwd: Path | None = None, timeout: float = 180, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "formcheck", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout, env=env
    )


def start_formcheck(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "formcheck", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def env_with(**changes: str | None) -> dict:
    """The current environment with ``changes`` (None removes a variable)."""
    env = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, fragment: str) -> str:
    """Exit ``code``, no traceback, exactly one line on stderr: ``formcheck: error: ...fragment...``."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("formcheck: error: "), lines[0]
    assert fragment in lines[0], lines[0]
    return lines[0]


def wait_for_file(pattern: str, folder: Path, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not list(folder.glob(pattern)):
        assert time.monotonic() < deadline, f"no {pattern} in {folder} after {timeout_s} s"
        time.sleep(0.05)


def interrupt(process: subprocess.Popen, *signals: int) -> tuple[str, str]:
    """Send ``signals`` (default SIGINT) in a row; the process's stdout and stderr once it ends."""
    for signum in signals or (signal.SIGINT,):
        process.send_signal(signum)
    return process.communicate(timeout=120)
