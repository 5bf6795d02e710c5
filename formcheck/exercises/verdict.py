"""The verdict the screen shows on the rep just judged: which rep, its fault or 'good', and any
check the view could not make. It names its rep, so a red cue is never read as the verdict of
the rep that follows."""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.core import FaultRule


@dataclass(frozen=True)
class RepVerdict:
    """What the screen says about the rep just judged, until ``until_s``."""

    index: int
    fault: FaultRule | None
    skipped: tuple[str, ...]
    until_s: float

    @property
    def cue(self) -> str:
        if self.fault is not None:
            return f"Rep {self.index}: {self.fault.cue}"
        if self.skipped:
            return f"Rep {self.index}: good - not checked: {', '.join(self.skipped)}"
        return f"Rep {self.index}: good"
