"""The session report, built from the event stream alone (so live and file analysis agree).

Field names are a contract other tools read: ``exercise``, ``reps``, ``reps_by_side``,
``hold_s``, ``hold_s_by_side``, ``good_form_hold_s``, ``faults`` [{code, message, start_s, end_s}],
``events`` [{type, t_s, ...}], ``frames``, ``pose_frames``, ``duration_s``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formcheck import __version__
from formcheck.events import Event, Fault, FaultEnded, HoldEnded, NotVisible, Rep, RepCompleted

SAFETY_NOTE = (
    "formcheck coaches exercise form; it does not diagnose. Pain that shoots down a leg, or pain that "
    "persists, is a reason to see a medical professional."
)


@dataclass(frozen=True)
class Report:
    exercise: str
    source: str
    frames: int
    pose_frames: int
    duration_s: float
    two_sided: bool
    events: tuple[Event, ...]
    interrupted: bool = False
    warnings: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def reps(self) -> tuple[Rep, ...]:
        return tuple(e.rep for e in self.events if isinstance(e, RepCompleted))

    @property
    def holds(self) -> tuple[HoldEnded, ...]:
        return tuple(e for e in self.events if isinstance(e, HoldEnded))

    @property
    def faults(self) -> tuple[Fault, ...]:
        return tuple(sorted((e.fault for e in self.events if isinstance(e, FaultEnded)), key=lambda f: f.start_s))

    @property
    def hold_s(self) -> float:
        return sum(h.duration_s for h in self.holds)

    @property
    def good_form_hold_s(self) -> float:
        return sum(h.good_form_s for h in self.holds)

    @property
    def reps_by_side(self) -> dict[str, int] | None:
        if not self.two_sided:
            return None
        counts = Counter(rep.side.value for rep in self.reps if rep.side is not None)
        return {"left": counts.get("left", 0), "right": counts.get("right", 0)}

    @property
    def hold_s_by_side(self) -> dict[str, float] | None:
        """Hold time per side of a two-sided exercise (a side plank on each forearm)."""
        if not self.two_sided:
            return None
        totals = {side: sum(h.duration_s for h in self.holds if h.side is not None and h.side.value == side) for side in ("left", "right")}
        return {side: round(total, 3) for side, total in totals.items()}

    def to_dict(self) -> dict[str, Any]:
        ordered = sorted(self.events, key=lambda e: e.t_s)
        return {
            "formcheck_version": __version__,
            "exercise": self.exercise,
            "source": self.source,
            "reps": len(self.reps),
            "reps_by_side": self.reps_by_side,
            "hold_s": round(self.hold_s, 3),
            "hold_s_by_side": self.hold_s_by_side,
            "good_form_hold_s": round(self.good_form_hold_s, 3),
            "faults": [f.to_dict() for f in self.faults],
            "events": [e.to_dict() for e in ordered],
            "rep_details": [r.to_dict() for r in self.reps],
            "holds": [h.to_dict() for h in self.holds],
            "frames": self.frames,
            "pose_frames": self.pose_frames,
            "duration_s": round(self.duration_s, 3),
            "interrupted": self.interrupted,
            "warnings": list(self.warnings),
            "settings": self.settings,
            "note": SAFETY_NOTE,
        }

    def write_json(self, path: str | os.PathLike) -> Path:
        """Write atomically: a reader never sees half a report, even after Ctrl-C."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(json.dumps(self.to_dict(), indent=1) + "\n")
        partial.replace(target)
        return target

    def summary(self) -> str:
        """A few lines for the terminal: counts, holds, faults, warnings."""
        lines = [f"{self.exercise}: {self.source}" + ("  (interrupted)" if self.interrupted else "")]
        analysed = int(self.settings.get("analysed_frames", self.frames))
        lines.append(
            f"  {self.duration_s:.1f} s, {self.frames} frames; person found in {self.pose_frames} of {analysed}"
            f" analysed ({100.0 * self.pose_frames / max(analysed, 1):.0f}%)"
        )
        reps = self.reps
        if reps or not self.holds:
            by_side = self.reps_by_side
            side_text = f"  (left {by_side['left']}, right {by_side['right']})" if by_side else ""
            lines.append(f"  reps: {len(reps)}{side_text}")
            if reps:
                pauses = [r.top_s for r in reps]
                lines.append(
                    f"  per rep: peak {min(r.peak for r in reps):.0f}-{max(r.peak for r in reps):.0f} ({reps[0].measure}),"
                    f" pause at top {min(pauses):.1f}-{max(pauses):.1f} s"
                )
        if self.holds or not reps:
            lines.append(f"  held: {self.hold_s:.1f} s, in good form {self.good_form_hold_s:.1f} s")
            by_side = self.hold_s_by_side
            if by_side and any(by_side.values()):
                ratio = f", right/left {by_side['right'] / by_side['left']:.2f}" if by_side["left"] and by_side["right"] else ""
                lines.append(f"  held per side: left {by_side['left']:.1f} s, right {by_side['right']:.1f} s{ratio}")
        faults = Counter(f.code for f in self.faults)
        if faults:
            lines.append("  faults: " + ", ".join(f"{code} x{n}" for code, n in faults.items()))
        not_visible = [e for e in self.events if isinstance(e, NotVisible)]
        if not_visible:
            parts = Counter(p for e in not_visible for p in e.parts)
            lines.append("  not visible at times: " + ", ".join(p for p, _ in parts.most_common(4)))
        lines += [f"  warning: {w}" for w in self.warnings]
        lines.append("  " + SAFETY_NOTE)
        return "\n".join(lines)
