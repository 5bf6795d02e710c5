"""Files written whole or not at all: the text goes to ``NAME.partial`` and is renamed over
``NAME``, so a reader (or a crash, or Ctrl-C) never meets half a file, and an earlier version
survives until the new one is complete."""

from __future__ import annotations

import os
from pathlib import Path


def write_text_atomic(path: str | os.PathLike, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return target
