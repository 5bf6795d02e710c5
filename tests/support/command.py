"""Running the real ``formcheck`` command and checking its one-line errors."""

from __future__ import annotations

import subprocess
import sys


def formcheck(*args: str, cwd=None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "formcheck", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, fragment: str) -> None:
    """Exit ``code``, and on stderr exactly one ``formcheck: error:`` line containing ``fragment``."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("formcheck: error: ")
    assert fragment in lines[0]
