"""The page's charts, drawn with matplotlib's Agg canvas (no display, no pyplot state) and
returned as ``data:image/png;base64,...`` URIs so the page is one file that opens offline."""

from __future__ import annotations

import base64
import functools
import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from formcheck.core import UNKNOWN
from formcheck.html.view import LogView

FONT_SIZE = 15
"""Chart text in points at 110 dpi: legible beside the page's 20 px body text."""
DPI = 110
WIDTH_IN = 11.0
SERIES_GAP_S = 0.5
"""Samples further apart than this are not joined by a line (the person was out of view)."""
ACWR_BAND = (0.8, 1.3)
"""The acute:chronic workload band (Gabbett 2016, issue 11): shaded on the chart."""

INK = "#1a1a1a"
ANGLE = "#1f4e99"
REP = "#8fb3e8"
HOLD = "#4caf50"
FAULT = "#c62828"
LEFT = "#1f4e99"
RIGHT = "#e07b00"
STYLE = {
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE + 2,
    "axes.labelsize": FONT_SIZE,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _styled(draw: Callable[..., str | None]) -> Callable[..., str | None]:
    """Draw with the page's chart style without changing matplotlib's global settings."""

    @functools.wraps(draw)
    def styled(*args: Any, **kwargs: Any) -> str | None:
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)

    return styled


def _figure(height_in: float, rows: int = 1, cols: int = 1) -> tuple[Figure, Any]:
    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.subplots(rows, cols, squeeze=False)


def to_data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _broken(t: Sequence[float], v: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Times and values with NaN inserted at gaps, so the line breaks there."""
    t, v = np.asarray(t, float), np.asarray(v, float)
    gaps = np.where(np.diff(t) > SERIES_GAP_S)[0] + 1
    return np.insert(t, gaps, np.nan), np.insert(v, gaps, np.nan)


@_styled
def timeline(report: dict[str, Any]) -> str | None:
    """The key angle over time, reps shaded and numbered, holds in green, faults as red bars
    along the bottom. None when the report has no series (made before it kept one)."""
    series = report.get("series") or []
    if not series:
        return None
    figure, axes = _figure(4.8)
    ax = axes[0][0]
    names = sorted({s["name"] for s in series})
    for entry in series:
        ax.plot(*_broken(entry["t_s"], entry["value"]), color=ANGLE, linewidth=2.5)
    for bout in report.get("bouts") or []:
        for hold in _bout_holds(report, bout):
            ax.axvspan(hold["start_s"], hold["start_s"] + hold["duration_s"], color=HOLD, alpha=0.18, linewidth=0)
    reps = [e for e in report.get("events") or [] if e.get("type") == "rep"] or report.get("rep_details") or []
    for rep in reps:  # every bout's reps (``rep_details`` are the main bout's)
        ax.axvspan(rep["start_s"], rep["end_s"], color=REP, alpha=0.35, linewidth=0)
        ax.text(rep["peak_s"], 0.98, str(rep["index"]), transform=ax.get_xaxis_transform(), ha="center", va="top",
                fontsize=FONT_SIZE - 2, fontweight="bold")
    bouts = [b for b in report.get("bouts") or [] if b["exercise"] != UNKNOWN]
    if len(bouts) > 1:  # say which stretch is which exercise
        for bout in bouts:
            ax.text(bout["start_s"], 0.86, " " + bout["exercise"].replace("_", " "), transform=ax.get_xaxis_transform(),
                    ha="left", va="top", fontsize=FONT_SIZE - 1, style="italic", color=INK,
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
    faults = [f for b in report.get("bouts") or [] for f in b.get("faults") or []]
    for fault in faults:
        ax.broken_barh([(fault["start_s"], max(fault["end_s"] - fault["start_s"], 0.15))], (0.0, 0.07),
                       transform=ax.get_xaxis_transform(), color=FAULT)
    ax.set_xlim(0.0, max(float(report.get("duration_s") or 0.0), max(s["t_s"][-1] for s in series)))
    ax.set_xlabel("time (s)")
    ax.set_ylabel(", ".join(n.replace("_deg", "") for n in names) + " angle (deg)")
    ax.grid(axis="y", alpha=0.3)
    legend = [
        patch
        for patch, present in (
            (Patch(color=REP, alpha=0.6, label="rep"), reps),
            (Patch(color=HOLD, alpha=0.4, label="hold"), any(e.get("type") == "hold_ended" for e in report.get("events") or [])),
            (Patch(color=FAULT, label="fault"), faults),
        )
        if present
    ]
    if legend:
        figure.legend(handles=legend, loc="outside upper right", ncols=len(legend), frameon=False)
    return to_data_uri(figure)


def _bout_holds(report: dict[str, Any], bout: dict[str, Any]) -> list[dict[str, Any]]:
    """Holds inside this bout, from the event list (the top-level ``holds`` are the main bout's only)."""
    return [e for e in report.get("events") or [] if e.get("type") == "hold_ended" and bout["start_s"] - 1e-6 <= e["start_s"] <= bout["end_s"] + 1e-6]


@_styled
def sides(rows: Sequence[Any]) -> str | None:
    """Left and right bars, one panel per measure (they have different units)."""
    if not rows:
        return None
    figure, axes = _figure(2.2, 1, len(rows))
    for ax, row in zip(axes[0], rows):
        bars = ax.barh(["right", "left"], [row.right, row.left], color=[RIGHT, LEFT])
        ax.bar_label(bars, labels=[f"{row.right:g} {row.unit}".strip(), f"{row.left:g} {row.unit}".strip()], padding=4)
        ax.set_title(row.measure)
        ax.set_xlim(0, max(row.left, row.right) * 1.3 or 1)
        ax.set_xticks([])
    return to_data_uri(figure)


@_styled
def weekly_volume(log: LogView) -> str | None:
    """Stacked bars: load per week, one colour per exercise."""
    if not log.weekly_volume:
        return None
    weeks = sorted({w for w, _, _ in log.weekly_volume})
    by_exercise: dict[str, dict[str, float]] = defaultdict(dict)
    for week, exercise, value in log.weekly_volume:
        by_exercise[exercise][week] = by_exercise[exercise].get(week, 0.0) + value
    figure, axes = _figure(4.2)
    ax = axes[0][0]
    bottom = np.zeros(len(weeks))
    for exercise, values in sorted(by_exercise.items()):
        heights = np.array([values.get(w, 0.0) for w in weeks])
        ax.bar(weeks, heights, bottom=bottom, label=exercise.replace("_", " "))
        bottom += heights
    ax.set_ylabel(log.load_unit)
    ax.set_title("weekly volume")
    ax.tick_params(axis="x", rotation=30)
    ax.legend(frameon=False, loc="upper left", fontsize=FONT_SIZE - 2)
    return to_data_uri(figure)


@_styled
def acwr(log: LogView) -> str | None:
    """The acute:chronic ratio over time, the 0.8-1.3 band shaded, days outside it in red."""
    points = [(d, v) for d, v in log.acwr if v is not None]
    if not points:
        return None
    figure, axes = _figure(4.2)
    ax = axes[0][0]
    dates = [np.datetime64(d[:10]) for d, _ in points]
    values = np.array([v for _, v in points])
    low, high = ACWR_BAND
    ax.axhspan(low, high, color=HOLD, alpha=0.18, label=f"{low}-{high}")
    ax.plot(dates, values, color=ANGLE, linewidth=2.5)
    outside = (values < low) | (values > high)
    ax.scatter(np.array(dates)[outside], values[outside], color=FAULT, zorder=3, s=40, label="outside the band")
    ax.set_ylabel("acute : chronic")
    ax.set_title("acute:chronic workload ratio")
    ax.set_ylim(0, max(2.0, float(values.max()) * 1.1))
    ax.tick_params(axis="x", rotation=30)
    ax.legend(frameon=False, loc="upper left")
    return to_data_uri(figure)


@_styled
def mcgill_ratios(result: dict[str, Any]) -> str | None:
    """The battery's ratios as bars, each against its target line (green inside, red outside)."""
    ratios = [r for r in result.get("ratios") or [] if r.get("value") is not None]
    if not ratios:
        return None
    figure, axes = _figure(1.0 + 0.9 * len(ratios))
    ax = axes[0][0]
    names = [r["name"] for r in ratios][::-1]
    values = [r["value"] for r in ratios][::-1]
    colours = [HOLD if r["ok"] else FAULT for r in ratios][::-1]
    ax.barh(names, values, color=colours)
    for y, (value, ratio) in enumerate(zip(values, ratios[::-1])):
        limits = _limits(ratio["target"])
        for limit in limits:
            ax.plot([limit, limit], [y - 0.4, y + 0.4], color=INK, linewidth=3)
        ax.text(max([value, *limits]) + 0.03, y, f"{value:.2f}", va="center", fontweight="bold")  # clear of the target line
    ax.set_xlim(0, max(1.6, max(values) * 1.2))
    ax.set_xlabel("ratio (black line: target limit)")
    return to_data_uri(figure)


def _limits(target: str) -> list[float]:
    """The numbers in a target text (``< 1.00``, ``0.95-1.05``)."""
    return [float(x) for x in target.replace("<", " ").replace("-", " ").split()]


@_styled
def mcgill_trend(history: Sequence[dict[str, Any]]) -> str | None:
    """Each test's time over retests (two or more)."""
    if len(history) < 2:
        return None
    figure, axes = _figure(4.2)
    ax = axes[0][0]
    dates = [np.datetime64(r["date"][:19]) for r in history]
    for test, colour in (("flexion", ANGLE), ("extension", INK), ("side_right", RIGHT), ("side_left", HOLD)):
        points = [(d, r["times_s"][test]) for d, r in zip(dates, history) if test in r.get("times_s", {})]
        if points:
            ax.plot([d for d, _ in points], [v for _, v in points], marker="o", linewidth=2.5, color=colour, label=test.replace("_", " "))
    ax.set_ylabel("hold (s)")
    ax.set_title("McGill times over retests")
    ax.tick_params(axis="x", rotation=30)
    figure.legend(frameon=False, ncols=4, loc="outside upper center")
    return to_data_uri(figure)
