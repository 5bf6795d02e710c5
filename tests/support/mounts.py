"""Real read-only and small file systems for output tests: permission bits stop nobody when the
tests run as root (as CI does), a read-only mount and a full tmpfs do. Skipped where mounting is
impossible (not root, no CAP_SYS_ADMIN)."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here: {result.stderr.strip()}")


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "1m", read_only: bool = False) -> Iterator[Path]:
    """A fresh tmpfs of ``size`` at ``path`` (created), optionally remounted read-only."""
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path))
    try:
        if read_only:
            _mount("-o", "remount,ro", str(path))
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill(path: Path, leave_bytes: int = 0) -> None:
    """Fill the file system holding folder ``path`` up to ``leave_bytes`` of free space."""
    filler = path / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(handle, b"\0" * 4096)
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise
    finally:
        os.close(handle)
    if leave_bytes:
        os.truncate(filler, max(filler.stat().st_size - leave_bytes, 0))
