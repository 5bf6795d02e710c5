"""A session report as one self-contained HTML page: charts (matplotlib) and the video's frames at
each fault embedded as PNG data URIs, laid out by a jinja2 template shipped with the package.

Everything comes from the report's JSON (and optional log and McGill data as plain values), so
this package needs neither the exercise registry nor the training log's code.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from formcheck import __version__
from formcheck.atomic import write_text_atomic
from formcheck.errors import InputError
from formcheck.html import plots, view
from formcheck.html.frames import frames_at
from formcheck.html.view import LogView
from formcheck.report import SAFETY_NOTE

TEMPLATES = files("formcheck.html") / "templates"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _mcgill_context(latest: dict[str, Any] | None, history: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    if latest is None and not history:
        return None, {}
    latest = latest or history[-1]
    charts = {"mcgill_ratios": plots.mcgill_ratios(latest), "mcgill_trend": plots.mcgill_trend(history)}
    return {"latest": latest, "rows": view.mcgill_rows(history or [latest])}, charts


def _page(heading: str, **context: Any) -> str:
    template = _environment().get_template("page.html.j2")
    css = (TEMPLATES / "style.css").read_text(encoding="utf-8")
    defaults = {"report": None, "summary": None, "log": None, "mcgill": None, "charts": {}, "generated": None}
    return template.render(**{**defaults, **context}, heading=heading, css=css, safety_note=SAFETY_NOTE, version=__version__)


def render_report_page(
    report: dict[str, Any],
    path: str | os.PathLike,
    video: str | os.PathLike | None = None,
    log: LogView | None = None,
    mcgill: list[dict[str, Any]] | None = None,
) -> Path:
    """Write the page of ``report`` (``Report.to_dict()``) to ``path``. ``video``: where the
    source video is (default: the report's ``source``), for the fault frames; ``log``: weekly
    volume and ACWR from the training log; ``mcgill``: McGill results, oldest first."""
    video = video if video is not None else report.get("source")
    faults = view.fault_items(report)
    images = frames_at(video, [f.frame_s for f in faults])
    faults = [replace(f, image=image) for f, image in zip(faults, images)]
    sides = view.side_rows(report)
    charts = {"timeline": plots.timeline(report), "sides": plots.sides(sides)}
    if log is not None:
        charts |= {"weekly_volume": plots.weekly_volume(log), "acwr": plots.acwr(log)}
    mcgill_view, mcgill_charts = _mcgill_context(None, mcgill or [])
    summary = view.summary(report)
    sets = view.set_rows(report)
    html = _page(
        f"{summary.exercise}: session report",
        report=report,
        summary=summary,
        charts=charts | mcgill_charts,
        reps=view.rep_rows(report),
        measure=view.rep_measure(report),
        sets=sets,
        coach=view.coach_notation(sets, report),
        bouts=view.bout_rows(report),
        sides=sides,
        imbalances=report.get("imbalances") or [],
        faults=faults,
        video_found=any(images) or not faults,
        log=log,
        mcgill=mcgill_view,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
    )
    return write_text_atomic(path, html)


def render_mcgill_page(result: dict[str, Any], history: list[dict[str, Any]], path: str | os.PathLike) -> Path:
    """A page of one McGill battery result (``McGillResult.to_dict()``) and its retests."""
    mcgill_view, charts = _mcgill_context(result, history)
    return write_text_atomic(path, _page("McGill endurance battery", mcgill=mcgill_view, charts=charts))


def load_report(path: str | os.PathLike) -> dict[str, Any]:
    """A report JSON file, with a one-line error for anything else."""
    try:
        data = json.loads(Path(path).read_text())
    except FileNotFoundError:
        raise InputError(f"no such report: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read report {path}: {error}") from None
    if not isinstance(data, dict) or "exercise" not in data or "events" not in data:
        raise InputError(f"{path} is not a formcheck report")
    return data


__all__ = ["LogView", "load_report", "render_mcgill_page", "render_report_page"]
