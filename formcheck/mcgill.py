"""The McGill endurance battery's result: four hold times, their ratios against the clinical
targets, and the history of retests (kept in the training log the user owns).

Source: exercises.md "Endurance tests" (McGill, Childs and Liebenson 1999, Arch Phys Med Rehabil
80:941-944; seed 004's bibliography): flexion/extension below 1.0, right/left side bridge within
0.05 of 1.0, side bridge/extension below 0.75. A ratio whose times were not both measured is
reported as not measured, never guessed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from formcheck.errors import InputError
from formcheck.exercises.endurance import McGillTest

FLEXION_EXTENSION_MAX = 1.0
"""Flexor time over extensor time below this (McGill et al. 1999)."""
SIDE_BALANCE_TOLERANCE = 0.05
"""Right side bridge over left within this of 1.0 (McGill et al. 1999)."""
SIDE_EXTENSION_MAX = 0.75
"""Each side bridge time over the extensor time below this (McGill et al. 1999)."""
RESULT_VERSION = 1

EXERCISE_OF: dict[McGillTest, str] = {
    McGillTest.FLEXION: "mcgill_flexor",
    McGillTest.EXTENSION: "mcgill_extensor",
    McGillTest.SIDE_RIGHT: "mcgill_side_right",
    McGillTest.SIDE_LEFT: "mcgill_side_left",
}
"""Which exercise analyzer times each test (the ids in the exercise registry)."""


@dataclass(frozen=True)
class Ratio:
    """One of the battery's ratios with its target; ``value`` None when a time is missing."""

    name: str
    value: float | None
    target: str
    low: float | None
    high: float | None

    @property
    def ok(self) -> bool | None:
        if self.value is None:
            return None
        return (self.low is None or self.value > self.low) and (self.high is None or self.value < self.high)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "target": self.target, "ok": self.ok}


RATIO_DIGITS = 3
"""Ratios are kept to this many decimals, and judged and shown from that one number, so the
terminal, the JSON and the page never disagree by a rounding."""


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, RATIO_DIGITS) if a and b else None


@dataclass(frozen=True)
class McGillResult:
    """The four times (seconds; a test not done is absent) and when they were measured."""

    times: dict[McGillTest, float]
    date: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))
    sources: dict[McGillTest, str] = field(default_factory=dict)

    def time(self, test: McGillTest) -> float | None:
        return self.times.get(test)

    @property
    def ratios(self) -> tuple[Ratio, ...]:
        flexion, extension = self.time(McGillTest.FLEXION), self.time(McGillTest.EXTENSION)
        right, left = self.time(McGillTest.SIDE_RIGHT), self.time(McGillTest.SIDE_LEFT)
        return (
            Ratio("flexion/extension", _ratio(flexion, extension), f"< {FLEXION_EXTENSION_MAX:.2f}", None, FLEXION_EXTENSION_MAX),
            Ratio("right/left side bridge", _ratio(right, left), f"{1 - SIDE_BALANCE_TOLERANCE:.2f}-{1 + SIDE_BALANCE_TOLERANCE:.2f}",
                  1.0 - SIDE_BALANCE_TOLERANCE - 1e-9, 1.0 + SIDE_BALANCE_TOLERANCE + 1e-9),
            Ratio("right side bridge/extension", _ratio(right, extension), f"< {SIDE_EXTENSION_MAX:.2f}", None, SIDE_EXTENSION_MAX),
            Ratio("left side bridge/extension", _ratio(left, extension), f"< {SIDE_EXTENSION_MAX:.2f}", None, SIDE_EXTENSION_MAX),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "mcgill",
            "version": RESULT_VERSION,
            "date": self.date,
            "times_s": {test.value: round(self.times[test], 2) for test in McGillTest if test in self.times},
            "ratios": [r.to_dict() for r in self.ratios],
            "sources": {test.value: source for test, source in self.sources.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "McGillResult":
        try:
            times = {McGillTest(name): float(value) for name, value in data["times_s"].items()}
            sources = {McGillTest(name): str(value) for name, value in data.get("sources", {}).items()}
            return cls(times, str(data["date"]), sources)
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise InputError(f"not a McGill result: {error}") from None

    def summary(self) -> str:
        lines = ["McGill endurance battery  " + self.date]
        for test in McGillTest:
            time = self.time(test)
            lines.append(f"  {test.value:11s} {'not done' if time is None else f'{time:6.1f} s'}")
        for ratio in self.ratios:
            verdict = {True: "within target", False: "OUTSIDE target", None: "not measured"}[ratio.ok]
            value = "  -  " if ratio.value is None else f"{ratio.value:5.2f}"
            lines.append(f"  {ratio.name:28s} {value}  (target {ratio.target}): {verdict}")
        return "\n".join(lines)


def default_history_path() -> Path:
    """The McGill results live in the training log (``--log`` chooses another)."""
    from formcheck.log.config import log_path

    return log_path(None)


def load_history(path: str | os.PathLike) -> list[McGillResult]:
    """Earlier results in date order from the training log at ``path``; no log is no history."""
    from formcheck.log import TrainingLog

    path = Path(path)
    if not path.exists():
        return []
    with TrainingLog.open(path, create=False) as log:
        stored = log.mcgill_results()
    return sorted((McGillResult.from_dict(item) for item in stored), key=lambda r: r.date)


def store_result(result: McGillResult, path: str | os.PathLike) -> Path:
    """Add ``result`` to the training log at ``path`` (one transaction: a crash never loses an
    earlier test)."""
    from formcheck.log import TrainingLog

    with TrainingLog.open(path) as log:
        log.add_mcgill(result.to_dict())
    return Path(path)


def trend_lines(history: list[McGillResult]) -> list[str]:
    """One line per retest, oldest first, with each time's change since the previous retest."""
    if not history:
        return []
    lines = ["  date                 flexion  extension  side R  side L"]
    previous: McGillResult | None = None
    for result in history:
        cells = []
        for test in McGillTest:
            time = result.time(test)
            before = previous.time(test) if previous else None
            change = f"{time - before:+.0f}" if time is not None and before is not None else ""
            cells.append(f"{'-' if time is None else f'{time:.0f}'}{change and f' ({change})'}")
        lines.append(f"  {result.date:19s}  " + "  ".join(f"{c:>9s}" for c in cells))
        previous = result
    return lines
