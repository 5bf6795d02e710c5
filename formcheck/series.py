"""The report's compact time series: the ``MeasureSampled`` events of a session folded into one
list of times and one of values per stretch of one exercise's measurement, for plotting."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from formcheck.events import Event, MeasureSampled


def fold_series(events: Iterable[Event]) -> list[dict[str, Any]]:
    """``[{exercise, name, t_s: [...], value: [...]}]`` in time order; a new entry starts whenever
    the exercise or the measurement changes (one per bout in automatic recognition)."""
    series: list[dict[str, Any]] = []
    for event in sorted((e for e in events if isinstance(e, MeasureSampled)), key=lambda e: e.t_s):
        if not series or (series[-1]["exercise"], series[-1]["name"]) != (event.exercise, event.name):
            series.append({"exercise": event.exercise, "name": event.name, "t_s": [], "value": []})
        series[-1]["t_s"].append(round(event.t_s, 2))
        series[-1]["value"].append(round(event.value, 1))
    return series
