"""What the page shows, read off a report's JSON (``Report.to_dict``) as plain rows: no plotting,
no templates, and no exercise registry (the report carries all the page needs).

``sets`` (one entry per set: ``reps``, ``reps_by_side``, ``holds``, ``faults``, rest before it)
and log data are optional: reports made before they existed render without those sections.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

REST_KEYS = ("rest_before_s", "rest_s", "rest_before")
"""Where a set's rest before it may be stored (the first present is used)."""


def title(exercise_id: str) -> str:
    """``glute_bridge`` -> ``Glute bridge``."""
    return exercise_id.replace("_", " ").capitalize() if exercise_id else "Unknown"


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


@dataclass(frozen=True)
class RepRow:
    index: int
    side: str
    peak: str
    up: str
    top: str
    down: str
    faults: str


def rep_rows(report: dict[str, Any]) -> list[RepRow]:
    return [
        RepRow(
            index=int(rep["index"]),
            side=rep.get("side") or "",
            peak=f"{rep['peak']:.0f}",
            up=seconds(rep.get("up_s")),
            top=seconds(rep.get("top_s")),
            down=seconds(rep.get("down_s")),
            faults=", ".join(rep.get("faults") or []),
        )
        for rep in report.get("rep_details") or []
    ]


def rep_measure(report: dict[str, Any]) -> str:
    reps = report.get("rep_details") or []
    return (reps[0].get("measure") or "peak").replace("_deg", " (deg)").replace("_", " ") if reps else ""


def _hold_total(entry: dict[str, Any]) -> float | None:
    holds = entry.get("holds")
    if isinstance(holds, list) and holds:
        return sum(float(h.get("duration_s", 0.0)) if isinstance(h, dict) else float(h) for h in holds)
    if isinstance(holds, (int, float)):
        return float(holds)
    return entry.get("hold_s")


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else int(value or 0)


@dataclass(frozen=True)
class SetRow:
    number: int
    exercise: str
    reps: str
    hold: str
    faults: int
    rest: str


def set_rows(report: dict[str, Any]) -> list[SetRow]:
    """The report's ``sets``, one row each; empty when the report has none."""
    rows = []
    for number, entry in enumerate(report.get("sets") or [], 1):
        by_side = entry.get("reps_by_side")
        reps = str(entry.get("reps", 0)) + (f" (L {by_side['left']}, R {by_side['right']})" if by_side else "")
        rest = next((entry[k] for k in REST_KEYS if entry.get(k) is not None), None)
        rows.append(
            SetRow(
                number=int(entry.get("set", number)),
                exercise=title(entry.get("exercise") or report.get("exercise", "")),
                reps=reps,
                hold=seconds(_hold_total(entry)) if _hold_total(entry) else "-",
                faults=_count(entry.get("faults")),
                rest=seconds(rest) if rest is not None else "-",
            )
        )
    return rows


def coach_notation(rows: list[SetRow], report: dict[str, Any]) -> str:
    """Sets as a coach writes them: ``3 x 15`` or ``15, 14, 12`` for reps, ``45 s, 40 s`` for holds."""
    sets = report.get("sets") or []
    if not sets:
        return ""
    reps = [int(s.get("reps", 0)) for s in sets]
    if any(reps):
        return f"{len(reps)} x {reps[0]}" if len(set(reps)) == 1 else ", ".join(map(str, reps))
    return ", ".join(f"{_hold_total(s) or 0:.0f} s" for s in sets)


@dataclass(frozen=True)
class BoutRow:
    exercise: str
    span: str
    reps: int
    hold: str
    faults: int


def bout_rows(report: dict[str, Any]) -> list[BoutRow]:
    return [
        BoutRow(title(b["exercise"]), f"{b['start_s']:.1f}-{b['end_s']:.1f} s", int(b.get("reps", 0)),
                seconds(b.get("hold_s")) if b.get("hold_s") else "-", _count(b.get("faults")))
        for b in report.get("bouts") or []
    ]


@dataclass(frozen=True)
class SideRow:
    measure: str
    left: float
    right: float
    unit: str
    ratio: str


def side_rows(report: dict[str, Any]) -> list[SideRow]:
    """Left against right: reps, hold time and mean rep peak, where the report has sides."""
    rows = []
    reps = report.get("reps_by_side")
    if reps and (reps.get("left") or reps.get("right")):
        rows.append(SideRow("reps", reps["left"], reps["right"], "", _ratio(reps["right"], reps["left"])))
    holds = report.get("hold_by_side")
    if holds and (holds.get("left") or holds.get("right")):
        rows.append(SideRow("hold", holds["left"], holds["right"], "s", _ratio(holds["right"], holds["left"])))
    peaks = {side: [r["peak"] for r in report.get("rep_details") or [] if r.get("side") == side] for side in ("left", "right")}
    if peaks["left"] and peaks["right"]:
        left, right = mean(peaks["left"]), mean(peaks["right"])
        rows.append(SideRow(f"mean peak, {rep_measure(report)}", round(left, 1), round(right, 1), "", _ratio(right, left)))
    return rows


def _ratio(right: float, left: float) -> str:
    return f"{right / left:.2f}" if left and right else "-"


@dataclass(frozen=True)
class FaultItem:
    code: str
    message: str
    span: str
    frame_s: float
    """When to show it: the fault's start, or for a fault judged on a whole rep (its interval is
    the rep's, which starts at the bottom) the rep's peak, where the fault shows."""
    side: str
    image: str | None = None
    """A data: URI of the video frame at ``frame_s``, when the video was read."""


def _frame_time(fault: dict[str, Any], reps: list[dict[str, Any]]) -> float:
    for rep in reps:
        if abs(rep["start_s"] - fault["start_s"]) < 1e-3 and abs(rep["end_s"] - fault["end_s"]) < 1e-3:
            return float(rep["peak_s"])
    return float(fault["start_s"])


def fault_items(report: dict[str, Any]) -> list[FaultItem]:
    faults = [f for b in report.get("bouts") or [] for f in b.get("faults") or []] or list(report.get("faults") or [])
    unique = {(f["code"], f["start_s"]): f for f in faults}
    reps = [e for e in report.get("events") or [] if e.get("type") == "rep"]
    return [
        FaultItem(f["code"], f["message"], f"{f['start_s']:.1f}-{f['end_s']:.1f} s", _frame_time(f, reps), f.get("side") or "")
        for f in sorted(unique.values(), key=lambda f: f["start_s"])
    ]


@dataclass(frozen=True)
class LogView:
    """What the page shows from the training log; plain values, so the log needs no import here.

    ``weekly_volume``: (week start as ISO date, exercise id, load in ``load_unit``) per exercise and
    week; ``acwr``: (ISO date, ratio or None while the history is too short)."""

    weekly_volume: list[tuple[str, str, float]] = field(default_factory=list)
    acwr: list[tuple[str, float | None]] = field(default_factory=list)
    load_unit: str = "s under tension"


@dataclass(frozen=True)
class Summary:
    exercise: str
    cards: list[tuple[str, str]]


def summary(report: dict[str, Any]) -> Summary:
    cards = []
    if report.get("reps") or not report.get("hold_s"):  # a hold exercise shows no "0 reps"
        cards.append(("reps", str(report.get("reps", 0))))
        by_side = report.get("reps_by_side")
        if by_side:
            cards.append(("left / right reps", f"{by_side['left']} / {by_side['right']}"))
    if report.get("hold_s"):
        cards += [("held", seconds(report["hold_s"])), ("in good form", seconds(report.get("good_form_hold_s")))]
    cards.append(("faults", str(_count(report.get("faults")))))
    cards.append(("length", seconds(report.get("duration_s"))))
    return Summary(title(report.get("exercise", "")), cards)


def mcgill_rows(results: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """McGill results (``McGillResult.to_dict``) as rows: date, the four times, ratios with verdicts."""
    rows = []
    for result in results:
        times = result.get("times_s", {})
        rows.append({"date": result.get("date", "")[:16].replace("T", " "),
                     "times": [seconds(times.get(t)) if t in times else "-" for t in ("flexion", "extension", "side_right", "side_left")],
                     "ratios": result.get("ratios", [])})
    return rows
