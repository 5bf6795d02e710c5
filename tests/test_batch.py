"""Batch analysis: which clips, where their reports go, skipping on rerun, bad clips, processes,
signals and a Dask cluster; on short clips cut from the samples and the real pose model."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.clips import SAMPLES, cut_clip

from formcheck.batch import (
    BATCH_KEY,
    BatchOptions,
    ClipStatus,
    find_videos,
    finished_report,
    plan,
    run_batch,
)
from formcheck.errors import InputError

GLUTE_BRIDGE = SAMPLES / "glute_bridge_side_clean_a.mp4"


def formcheck(*args, cwd=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "formcheck", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open() as handle:
        return {Path(row["clip"]).relative_to(path.parent.parent).as_posix(): row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> Path:
    """in/a/clip.mp4 (1 s), in/b/clip.mp4 (2 s, same name), in/b/bad.mp4 (not a video)."""
    root = tmp_path_factory.mktemp("batch")
    cut_clip(root / "in" / "a" / "clip.mp4", 1.0)
    cut_clip(root / "in" / "b" / "clip.mp4", 2.0)
    (root / "in" / "b" / "bad.mp4").write_bytes(b"not a video")
    return root


def test_find_videos_recurses_folders_expands_globs_and_skips_the_output(tmp_path):
    for name in ("x/1.mp4", "x/deep/2.MOV", "y/3.avi", "y/notes.txt", "x/out/old.annotated.mp4"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    found = find_videos([tmp_path / "x", str(tmp_path / "y" / "*.avi"), tmp_path / "x" / "1.mp4"], exclude=tmp_path / "x" / "out")
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["x/1.mp4", "x/deep/2.MOV", "y/3.avi"]
    with pytest.raises(InputError, match="no such file or folder"):
        find_videos([tmp_path / "missing"])


def test_output_names_stay_unique_when_clips_share_a_name(tmp_path):
    videos = [tmp_path / "a" / "x.mp4", tmp_path / "b" / "x.mp4", tmp_path / "a" / "y.mp4", tmp_path / "a" / "y.mov"]
    reports = [job.report.relative_to(tmp_path / "out").as_posix() for job in plan(videos, tmp_path / "out", BatchOptions())]
    assert reports == ["a/x.report.json", "b/x.report.json", "a/y_mp4.report.json", "a/y_mov.report.json"]


def test_a_report_is_kept_only_if_newer_complete_and_made_with_the_same_options(tmp_path):
    clip = tmp_path / "c.mp4"
    clip.write_bytes(b"")
    options = BatchOptions(pose_fps=15.0)
    [job] = plan([clip], tmp_path / "out", options)
    job.report.parent.mkdir(parents=True)

    def write(interrupted=False, batch_options=options.to_dict(), age_s=0.0):
        job.report.write_text(json.dumps({"interrupted": interrupted, BATCH_KEY: {"options": batch_options}}))
        stamp = clip.stat().st_mtime + 10 - age_s
        os.utime(job.report, (stamp, stamp))

    write()
    assert finished_report(job) is not None
    write(interrupted=True)
    assert finished_report(job) is None
    write(batch_options=BatchOptions(pose_fps=0).to_dict())
    assert finished_report(job) is None
    write(age_s=20.0)
    assert finished_report(job) is None
    [with_video] = plan([clip], tmp_path / "out", BatchOptions(video=True))
    assert finished_report(with_video) is None  # no annotated video yet


@pytest.mark.e2e
def test_batch_writes_reports_and_summary_records_the_bad_clip_and_skips_on_rerun(clips):
    out = clips / "out"
    result = formcheck("batch", str(clips / "in"), "--out", str(out), "--jobs", "1", "--video", "-q")
    assert result.returncode == 1, result.stderr  # one clip failed
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line] == [
        f"formcheck: failed: cannot open {clips / 'in' / 'b' / 'bad.mp4'}: not a video, or a format FFmpeg cannot decode"
    ]
    rows = read_csv(out / "summary.csv")
    assert sorted(rows) == ["in/a/clip.mp4", "in/b/bad.mp4", "in/b/clip.mp4"]
    assert [rows[name]["status"] for name in sorted(rows)] == ["ok", "failed", "ok"]
    assert float(rows["in/a/clip.mp4"]["duration_s"]) == pytest.approx(1.0, abs=0.05)
    assert float(rows["in/b/clip.mp4"]["duration_s"]) == pytest.approx(2.0, abs=0.05)
    summary = json.loads((out / "summary.json").read_text())
    assert [(row["clip"], row["status"], row["reps"]) for row in summary] == [
        (row["clip"], row["status"], int(row["reps"])) for _, row in sorted(rows.items())
    ]
    for name in ("a", "b"):
        report = json.loads((out / name / "clip.report.json").read_text())
        assert report["frames"] == (30 if name == "a" else 60)
        assert report[BATCH_KEY]["options"] == BatchOptions(video=True).to_dict()
        assert (out / name / "clip.annotated.mp4").stat().st_size > 1000
    assert not list(out.rglob("*.partial*"))

    before = {path: path.stat().st_mtime_ns for path in out.rglob("clip.report.json")}
    again = formcheck("batch", str(clips / "in"), "--out", str(out), "--jobs", "1", "--video", "-q")
    assert again.returncode == 1
    rows = read_csv(out / "summary.csv")
    assert [rows[name]["status"] for name in sorted(rows)] == ["skipped", "failed", "skipped"]
    assert {path: path.stat().st_mtime_ns for path in out.rglob("clip.report.json")} == before

    changed = formcheck("batch", str(clips / "in" / "a"), "--out", str(clips / "out"), "--jobs", "1", "--pose-fps", "10", "-q")
    assert changed.returncode == 0, changed.stderr
    assert json.loads((out / "clip.report.json").read_text())["settings"]["max_pose_fps"] == 10.0


@pytest.mark.e2e
def test_two_worker_processes_give_the_same_reports_as_one(tmp_path):
    short = cut_clip(tmp_path / "in" / "short.mp4", 1.0)
    videos = [GLUTE_BRIDGE, short]
    options = BatchOptions(exercise="glute_bridge")
    one = run_batch(videos, tmp_path / "one", options, jobs=1, progress=False)
    two = run_batch(videos, tmp_path / "two", options, jobs=2, progress=False)
    assert [r.status for r in two] == [ClipStatus.OK, ClipStatus.OK]
    label = json.loads(GLUTE_BRIDGE.with_suffix(".json").read_text())
    assert {Path(r.clip).name: r.reps for r in two} == {GLUTE_BRIDGE.name: label["reps"]["expected"], "short.mp4": 0}
    assert [(r.reps, r.holds, r.faults, r.duration_s) for r in one] == [(r.reps, r.holds, r.faults, r.duration_s) for r in two]


@pytest.mark.e2e
def test_sigterm_stops_cleanly_keeps_what_is_done_and_a_rerun_finishes(tmp_path):
    videos = [SAMPLES / name for name in ("glute_bridge_side_clean_a.mp4", "plank_side_sag_a.mp4", "bird_dog_side_clean_a.mp4")]
    command = [sys.executable, "-m", "formcheck", "batch", *map(str, videos), "--out", str(tmp_path), "--jobs", "2", "-q"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob("*.annotated.partial.mp4")) and process.poll() is None:
        time.sleep(0.2)
    time.sleep(2.0)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert "Traceback" not in stderr
    statuses = {row["clip"]: row["status"] for row in csv.DictReader((tmp_path / "summary.csv").open())}
    assert len(statuses) == 3
    if process.returncode == 130:
        assert set(statuses.values()) <= {"ok", "interrupted", "pending"}
        assert any(status in ("interrupted", "pending") for status in statuses.values())
    else:  # the machine was quick enough to finish first
        assert process.returncode == 0 and set(statuses.values()) == {"ok"}
    for report in tmp_path.glob("*.report.json"):
        json.loads(report.read_text())  # complete files only
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    rows = {row["clip"]: row["status"] for row in csv.DictReader((tmp_path / "summary.csv").open())}
    assert set(rows.values()) <= {"ok", "skipped"} and len(rows) == 3
    assert [rows[c] for c, s in statuses.items() if s == "ok"] == ["skipped"] * list(statuses.values()).count("ok")


@pytest.mark.e2e
def test_batch_runs_on_a_dask_cluster(clips, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        results = run_batch([clips / "in"], tmp_path, BatchOptions(), scheduler=cluster.scheduler_address, progress=False)
    assert [(Path(r.clip).parent.name, Path(r.clip).name, r.status) for r in results] == [
        ("a", "clip.mp4", ClipStatus.OK), ("b", "bad.mp4", ClipStatus.FAILED), ("b", "clip.mp4", ClipStatus.OK)
    ]
    assert json.loads((tmp_path / "b" / "clip.report.json").read_text())["frames"] == 60
    assert len(list(csv.DictReader((tmp_path / "summary.csv").open()))) == 3


def test_an_unreachable_scheduler_is_one_line(tmp_path, clips):
    pytest.importorskip("distributed")
    result = formcheck("batch", str(clips / "in" / "a"), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9", "-q", timeout=120)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("formcheck: error: cannot reach the Dask scheduler"), lines
