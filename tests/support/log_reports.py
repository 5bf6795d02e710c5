"""Synthetic session reports (the JSON dicts formcheck writes) and logs built from them, for the
training log tests: no pose model, no video."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from formcheck.log import LoadMeasure, TrainingLog, entry_from_report
from support.event_streams import bridge_sets, hold, plank_holds, report_of


def bridge_report(sets: int = 3, reps: int = 15, tag: str = "") -> dict[str, Any]:
    """``sets`` x ``reps`` glute bridges of 3 s each: time under tension 3 s a rep."""
    return report_of("glute_bridge", bridge_sets(sets, reps, rest_s=60.0, with_bouts=False), source=f"bridges{tag}.mp4").to_dict()


def plank_report(holds: int, hold_s: float, tag: str = "") -> dict[str, Any]:
    return report_of("plank", plank_holds(holds, hold_s, rest_s=30.0, with_bouts=False), source=f"plank{tag}.mp4").to_dict()


def hold_report(seconds: float, tag: str) -> dict[str, Any]:
    """One plank hold of ``seconds``: a session whose time-under-tension load is exactly ``seconds``.
    ``tag`` makes each report distinct (the log never takes the same report twice)."""
    return report_of("plank", hold(1.0, seconds), source=f"hold-{tag}.mp4").to_dict()


def log_with(path: Path, loads_by_day: dict[date, list[float]], measure: LoadMeasure = LoadMeasure.TUT) -> TrainingLog:
    """A log at ``path`` with one hold session per listed load on each day."""
    log = TrainingLog.open(path)
    log.set_measure(measure)
    for day, loads in sorted(loads_by_day.items()):
        for i, seconds in enumerate(loads):
            log.add(entry_from_report(hold_report(seconds, f"{day}-{i}"), None, day, log.measure))
    return log


def days(start: date, count: int, step: int = 1) -> list[date]:
    return [start + timedelta(days=i * step) for i in range(count)]


def write_report(folder: Path, name: str, report: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(report))
    return path
