"""Batch analysis: every video under some paths, one report per clip and a summary table.

A run is planned first (which clips, where each one's report goes, which are already done),
then the clips left are handed to worker processes on this machine or to a Dask cluster
(``formcheck.workers``); results come back one per clip, in the order they finish, and the
summary (CSV and JSON) is rewritten as they do, so an interrupted run keeps what is done. A
rerun skips each clip whose report is newer than the clip, complete and made with the same
options, so a run of thousands can resume where it stopped.
"""

from __future__ import annotations

import csv
import enum
import glob
import io
import json
import os
from collections.abc import Iterable, Sequence
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from formcheck.core import AUTO
from formcheck.errors import InputError
from formcheck.evaluation import MEDIA_SUFFIXES

REPORT_SUFFIX = ".report.json"
VIDEO_SUFFIX = ".annotated.mp4"
SUMMARY_STEM = "summary"
BATCH_KEY = "batch"
"""The key of a batch report that records the options it was made with (for skipping on rerun)."""
SUMMARY_FIELDS = (
    "clip", "report", "exercise", "reps", "holds", "hold_s", "faults", "fault_codes",
    "duration_s", "status", "error", "seconds",
)


class ClipStatus(str, enum.Enum):
    """What happened to one clip in a batch run."""

    OK = "ok"
    SKIPPED = "skipped"
    """Its report was already up to date."""
    NO_PERSON = "no_person"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    """Stopped part-way: the report covers what was analysed; a rerun analyses it again."""
    PENDING = "pending"
    """Not started before the run stopped."""


@dataclass(frozen=True)
class BatchOptions:
    """The options a report depends on: a report made with other options is not reused."""

    exercise: str = AUTO
    model: str = "full"
    pose_fps: float | None = 15.0
    video: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ClipJob:
    clip: Path
    report: Path
    video: Path | None
    options: BatchOptions


@dataclass(frozen=True)
class ClipResult:
    """One row of the summary."""

    clip: str
    report: str
    status: ClipStatus
    exercise: str = ""
    reps: int = 0
    holds: int = 0
    hold_s: float = 0.0
    faults: int = 0
    fault_codes: tuple[str, ...] = field(default_factory=tuple)
    duration_s: float = 0.0
    error: str = ""
    seconds: float = 0.0
    """Wall-clock seconds the analysis took (0 for skipped clips)."""

    @classmethod
    def from_report(cls, job: ClipJob, report: dict[str, Any], status: ClipStatus, seconds: float = 0.0) -> "ClipResult":
        return cls(
            clip=str(job.clip),
            report=str(job.report),
            status=status,
            exercise=report["exercise"],
            reps=report["reps"],
            holds=len(report["holds"]),
            hold_s=report["hold_s"],
            faults=len(report["faults"]),
            fault_codes=tuple(sorted({fault["code"] for fault in report["faults"]})),
            duration_s=report["duration_s"],
            error="; ".join(report.get("warnings", ())) if status is ClipStatus.NO_PERSON else "",
            seconds=round(seconds, 2),
        )

    @classmethod
    def without_report(cls, job: ClipJob, status: ClipStatus, error: str = "") -> "ClipResult":
        return cls(clip=str(job.clip), report="", status=status, error=error)

    def row(self) -> dict[str, Any]:
        row = asdict(self)
        row["status"] = self.status.value
        row["fault_codes"] = " ".join(self.fault_codes)
        return row


def find_videos(paths: Sequence[str | os.PathLike], exclude: Path | None = None) -> list[Path]:
    """Video files named by ``paths``: files, folders (searched recursively) and glob patterns
    (``**`` recurses), without duplicates, in path order; nothing under ``exclude`` (the
    output folder, whose annotated videos are not inputs)."""
    found: set[Path] = set()
    for path in map(str, paths):
        matches = [Path(match) for match in sorted(glob.glob(path, recursive=True))] if glob.has_magic(path) else [Path(path)]
        if not matches or not all(match.exists() for match in matches):
            raise InputError(f"no such file or folder: {path}")
        for match in matches:
            candidates = match.rglob("*") if match.is_dir() else [match]
            found.update(c.resolve() for c in candidates if c.is_file() and c.suffix.lower() in MEDIA_SUFFIXES)
    if exclude is not None:
        excluded = exclude.resolve()
        found = {video for video in found if not video.is_relative_to(excluded)}
    return sorted(found)


def output_stems(videos: Sequence[Path]) -> dict[Path, Path]:
    """Each video's output path without suffix, relative to the output folder: its path under
    the videos' common folder, so clips of the same name in different folders stay apart (and
    ``a.mp4`` beside ``a.mov`` keep their extensions in the name)."""
    if not videos:
        return {}
    root = Path(os.path.commonpath([video.parent for video in videos]))
    relative = {video: video.relative_to(root) for video in videos}
    stems = Counter(rel.with_suffix("") for rel in relative.values())
    return {
        video: rel.with_suffix("") if stems[rel.with_suffix("")] == 1 else rel.with_name(rel.name.replace(".", "_"))
        for video, rel in relative.items()
    }


def plan(videos: Sequence[Path], out: Path, options: BatchOptions) -> list[ClipJob]:
    jobs = []
    for video, stem in output_stems(videos).items():
        base = out / stem
        annotated = base.with_name(base.name + VIDEO_SUFFIX) if options.video else None
        jobs.append(ClipJob(video, base.with_name(base.name + REPORT_SUFFIX), annotated, options))
    return jobs


def finished_report(job: ClipJob) -> dict[str, Any] | None:
    """The clip's existing report if a rerun can keep it: newer than the clip, not interrupted,
    made with the same options (and its annotated video there, if one is asked for)."""
    try:
        if job.report.stat().st_mtime < job.clip.stat().st_mtime:
            return None
        report = json.loads(job.report.read_text())
    except (OSError, ValueError):
        return None
    if report.get("interrupted", True) or report.get(BATCH_KEY, {}).get("options") != job.options.to_dict():
        return None
    if job.video is not None and not job.video.is_file():
        return None
    return report


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text)
    partial.replace(path)


def write_summary(results: Iterable[ClipResult], out: Path) -> tuple[Path, Path]:
    """``summary.csv`` and ``summary.json`` in ``out``, in clip order, each written atomically."""
    rows = [result.row() for result in sorted(results, key=lambda result: result.clip)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    csv_path, json_path = out / f"{SUMMARY_STEM}.csv", out / f"{SUMMARY_STEM}.json"
    write_atomic(csv_path, buffer.getvalue())
    write_atomic(json_path, json.dumps(rows, indent=1) + "\n")
    return csv_path, json_path


def run_batch(
    paths: Sequence[str | os.PathLike],
    out: Path,
    options: BatchOptions,
    jobs: int = 1,
    scheduler: str | None = None,
    progress: bool = True,
) -> list[ClipResult]:
    """Analyse every video under ``paths`` into ``out``; the summary rows, in clip order.

    Clips run in ``jobs`` worker processes, or on the Dask cluster at ``scheduler``. Ctrl-C or
    SIGTERM stops the run: clips in progress end with the report of what was analysed, clips not
    started are listed as pending, and the summary is written either way."""
    from formcheck.pose.model import resolve_model
    from formcheck.workers import StopSignals, run_on_dask, run_on_processes

    resolve_model(options.model)  # a missing or bad model is one error, not one per clip
    videos = find_videos(paths, exclude=out)
    if not videos:
        raise InputError(f"no video files under {' '.join(map(str, paths))}")
    results: dict[Path, ClipResult] = {}
    todo = []
    for job in plan(videos, out, options):
        done = finished_report(job)
        if done is None:
            results[job.clip] = ClipResult.without_report(job, ClipStatus.PENDING)
            todo.append(job)
        else:
            results[job.clip] = ClipResult.from_report(job, done, ClipStatus.SKIPPED)
    write_summary(results.values(), out)
    bar = _progress_bar(len(videos), len(videos) - len(todo), progress)
    with StopSignals() as stop:
        executor = run_on_dask(todo, scheduler, stop) if scheduler else run_on_processes(todo, jobs, stop)
        for result in executor:
            results[Path(result.clip)] = result
            write_summary(results.values(), out)
            bar.update()
            failed = sum(r.status in (ClipStatus.FAILED, ClipStatus.NO_PERSON) for r in results.values())
            bar.set_postfix(failed=failed, refresh=False)
    bar.close()
    return sorted(results.values(), key=lambda result: result.clip)


def _progress_bar(total: int, done: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, initial=done, unit="clip", desc="batch", disable=not enabled, smoothing=0.1)


def interrupted(results: Iterable[ClipResult]) -> bool:
    return any(result.status in (ClipStatus.INTERRUPTED, ClipStatus.PENDING) for result in results)

