"""Scoring reports against labelled clips (the schema of the shared clips' README, extended with
exact fault intervals): reps in the labelled range, hold time error, faults matched by code and
overlapping interval. Used by the accuracy benchmark and the regression gate in the tests."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from formcheck.core import AUTO, UNKNOWN

MEDIA_SUFFIXES = (".mp4", ".mov", ".avi", ".webm", ".mkv", ".gif")
NOTE_CODE = "note"
"""Free-text observations in real clips' labels; not faults to match."""


@dataclass(frozen=True)
class LabelledClip:
    name: str
    video: Path
    label: dict[str, Any]

    @property
    def exercise(self) -> str:
        return self.label["exercise"]

    @property
    def view(self) -> str:
        return self.label.get("view", "?")

    @property
    def fault_intervals(self) -> list[tuple[str, float, float]]:
        return [
            (f["code"], float(f["start_s"]), float(f["end_s"]))
            for f in self.label.get("faults", [])
            if f.get("code") != NOTE_CODE and "start_s" in f
        ]


def find_clips(folder: Path) -> list[LabelledClip]:
    """Label files with their video beside them, in name order."""
    clips = []
    for label_path in sorted(Path(folder).glob("*.json")):
        try:
            label = json.loads(label_path.read_text())
        except json.JSONDecodeError:
            continue
        if not isinstance(label, dict) or "exercise" not in label:
            continue
        video = label_path.parent / label.get("file", "")
        if not video.is_file():
            video = next((label_path.with_suffix(s) for s in MEDIA_SUFFIXES if label_path.with_suffix(s).is_file()), video)
        if video.is_file():
            clips.append(LabelledClip(label_path.stem, video, label))
    return clips


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@dataclass
class FaultScore:
    """Per fault code: labelled intervals found (tp), missed (fn), and reported ones with no
    labelled counterpart (fp)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def score_faults(labelled: list[tuple[str, float, float]], reported: list[dict[str, Any]]) -> dict[str, FaultScore]:
    """Match reported faults to labelled ones of the same code whose intervals overlap (one to one)."""
    scores: dict[str, FaultScore] = defaultdict(FaultScore)
    unmatched = [(f["code"], float(f["start_s"]), float(f["end_s"])) for f in reported]
    for code, start, end in labelled:
        match = next((r for r in unmatched if r[0] == code and _overlaps((start, end), r[1:])), None)
        if match is None:
            scores[code].fn += 1
        else:
            scores[code].tp += 1
            unmatched.remove(match)
    for code, _, _ in unmatched:
        scores[code].fp += 1
    return dict(scores)


@dataclass
class ClipResult:
    clip: LabelledClip
    report: dict[str, Any]
    seconds: float
    reps_ok: bool | None = None
    hold_ok: bool | None = None
    recognised_ok: bool | None = None
    """With automatic recognition: the labelled exercise was named (or, for a movement formcheck
    does not support, ``unknown`` with nothing counted)."""
    hold_error: float | None = None
    faults: dict[str, FaultScore] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.reps_ok is not False and self.hold_ok is not False and self.recognised_ok is not False


def judge(clip: LabelledClip, report: dict[str, Any], seconds: float = 0.0, supported: bool = True) -> ClipResult:
    """Compare a report with a clip's label: reps in [min, max], hold in [min, max], faults.

    For a report from automatic recognition (``requested_exercise`` auto) the named exercise is
    judged too; a clip of an unsupported movement (``supported`` False: a squat, a push-up) passes
    only as ``unknown`` with no reps and no hold."""
    result = ClipResult(clip, report, seconds)
    if report.get("requested_exercise") == AUTO:
        result.recognised_ok = report["exercise"] == (clip.exercise if supported else UNKNOWN)
    if not supported:
        result.reps_ok = report["reps"] == 0
        result.hold_ok = report["hold_s"] == 0.0
        return result
    reps = clip.label.get("reps")
    if reps:
        result.reps_ok = reps["min"] <= report["reps"] <= reps["max"]
    hold = clip.label.get("hold_s")
    if hold:
        result.hold_ok = hold["min"] <= report["hold_s"] <= hold["max"]
        result.hold_error = (report["hold_s"] - hold["expected"]) / hold["expected"]
    result.faults = score_faults(clip.fault_intervals, report["faults"])
    return result


@dataclass
class Summary:
    clips: int
    passed: int
    hold_errors: list[float]
    faults: dict[str, FaultScore]

    @property
    def pass_rate(self) -> float:
        return self.passed / self.clips if self.clips else 0.0

    @property
    def hold_error_median(self) -> float | None:
        return median(abs(e) for e in self.hold_errors) if self.hold_errors else None

    @property
    def hold_error_max(self) -> float | None:
        return max(abs(e) for e in self.hold_errors) if self.hold_errors else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "clips": self.clips,
            "passed": self.passed,
            "pass_rate": round(self.pass_rate, 3),
            "hold_error_median": None if self.hold_error_median is None else round(self.hold_error_median, 4),
            "hold_error_max": None if self.hold_error_max is None else round(self.hold_error_max, 4),
            "faults": {
                code: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall}
                for code, s in sorted(self.faults.items())
            },
        }


def summarise(results: list[ClipResult]) -> Summary:
    totals: dict[str, FaultScore] = defaultdict(FaultScore)
    for result in results:
        for code, score in result.faults.items():
            totals[code].tp += score.tp
            totals[code].fp += score.fp
            totals[code].fn += score.fn
    return Summary(
        clips=len(results),
        passed=sum(r.passed for r in results),
        hold_errors=[r.hold_error for r in results if r.hold_error is not None],
        faults=dict(totals),
    )
