"""The McGill battery: ratio arithmetic against the targets, the retest history, and
``formcheck mcgill`` from four clips end to end (the clips' analysis replaced by the real
analyzers run on synthetic holds of known length)."""

import json
import subprocess
import sys

import pytest

import posegen as g
import poses_mcgill as m
from formcheck import cli, mcgill_run
from formcheck.exercises import create
from formcheck.exercises.endurance import McGillTest
from formcheck.mcgill import EXERCISE_OF, McGillResult, load_history, store_result, trend_lines
from formcheck.pose.landmarks import Side
from formcheck.report import Report

T = McGillTest


def ratios(times):
    return {r.name: (r.value, r.ok) for r in McGillResult(times).ratios}


def test_ratios_follow_from_the_four_times():
    got = ratios({T.FLEXION: 60.0, T.EXTENSION: 120.0, T.SIDE_RIGHT: 84.0, T.SIDE_LEFT: 80.0})
    assert got["flexion/extension"] == (pytest.approx(0.5), True)
    assert got["right/left side bridge"] == (pytest.approx(1.05), True)  # the edge of 0.05 is inside
    assert got["right side bridge/extension"] == (pytest.approx(0.7), True)
    assert got["left side bridge/extension"] == (pytest.approx(0.667), True)  # kept to 3 decimals


def test_ratios_outside_their_targets_are_flagged():
    got = ratios({T.FLEXION: 130.0, T.EXTENSION: 100.0, T.SIDE_RIGHT: 90.0, T.SIDE_LEFT: 75.0})
    assert got["flexion/extension"] == (pytest.approx(1.3), False)
    assert got["right/left side bridge"] == (pytest.approx(1.2), False)
    assert got["right side bridge/extension"] == (pytest.approx(0.9), False)
    assert got["left side bridge/extension"] == (pytest.approx(0.75), False)  # must be below 0.75


def test_a_missing_time_is_not_measured_not_guessed():
    got = ratios({T.FLEXION: 50.0, T.SIDE_RIGHT: 40.0, T.SIDE_LEFT: 41.0})
    assert got["flexion/extension"] == (None, None)
    assert got["right/left side bridge"] == (pytest.approx(0.976), True)


def test_history_keeps_every_retest_in_date_order(tmp_path):
    path = tmp_path / "log.sqlite"
    store_result(McGillResult({T.FLEXION: 50.0, T.EXTENSION: 80.0}, date="2026-03-01T10:00:00"), path)
    store_result(McGillResult({T.FLEXION: 30.0, T.EXTENSION: 60.0}, date="2026-01-01T10:00:00"), path)
    history = load_history(path)
    assert [r.time(T.FLEXION) for r in history] == [30.0, 50.0]
    lines = trend_lines(history)
    assert "50 (+20)" in lines[-1] and "80 (+20)" in lines[-1]
    assert [r.time(T.FLEXION) for r in load_history(path)] == [30.0, 50.0]  # kept in the log file


HOLDS = {T.FLEXION: 20.0, T.EXTENSION: 40.0, T.SIDE_RIGHT: 25.0, T.SIDE_LEFT: 22.0}
"""Seconds each synthetic test is held in form, from a still start to failure."""


def synthetic_test(test: McGillTest):
    """Poses of ``test``: in position from the start, held ``HOLDS[test]``, then failing (the trunk or hips drop)."""
    end = HOLDS[test]
    if test is T.FLEXION:
        return m.flexor_poses(lambda t: m.ramp(t, end, 1.0, 60.0, 30.0)), end + 2.0
    if test is T.EXTENSION:
        return m.sorensen_poses(lambda t: m.ramp(t, end, 1.0, 0.0, -30.0)), end + 2.0
    side = Side.RIGHT if test is T.SIDE_RIGHT else Side.LEFT
    return m.side_bridge_poses(side, lambda t: m.ramp(t, end, 0.5, 0.0, 0.09)), end + 2.0


def fake_analysis(test, clip, report_path):
    """What analysing ``clip`` as ``test`` gives, from the real analyzer on synthetic poses."""
    poses, duration = synthetic_test(test)
    _, events = g.run(create(EXERCISE_OF[test]), poses, duration)
    report = Report(EXERCISE_OF[test], str(clip), frames=1, pose_frames=1, duration_s=duration, events=tuple(events))
    report.write_json(report_path)
    return report


def run_battery(tmp_path, monkeypatch, *extra):
    monkeypatch.setattr(mcgill_run, "analyse_clip", fake_analysis)
    clips = []
    for option in ("flexor", "extensor", "side-right", "side-left"):
        clip = tmp_path / f"{option}.mp4"
        clip.write_bytes(b"stand-in")
        clips += [f"--{option}", str(clip)]
    return cli.main(["mcgill", *clips, "-o", str(tmp_path / "result.json"), "--log", str(tmp_path / "log.sqlite"), *extra])


def test_mcgill_from_four_clips(tmp_path, monkeypatch, capsys):
    assert run_battery(tmp_path, monkeypatch) == 0
    result = json.loads((tmp_path / "result.json").read_text())
    times = result["times_s"]
    for test, held in HOLDS.items():
        assert times[test.value] == pytest.approx(held, abs=0.4), test
    by_name = {r["name"]: r for r in result["ratios"]}
    assert by_name["flexion/extension"]["value"] == pytest.approx(times["flexion"] / times["extension"], abs=0.001)
    assert by_name["flexion/extension"]["ok"] is True
    assert by_name["right/left side bridge"]["value"] == pytest.approx(25 / 22, abs=0.03)
    assert by_name["right/left side bridge"]["ok"] is False
    assert len(list(tmp_path.glob("*.report.json"))) == 4
    assert not (tmp_path / "h.jsonl").exists()  # clips are stored only when asked
    assert "OUTSIDE target" in capsys.readouterr().out


def test_mcgill_retests_are_stored_and_trended(tmp_path, monkeypatch, capsys):
    assert run_battery(tmp_path, monkeypatch, "--store") == 0
    assert run_battery(tmp_path, monkeypatch, "--store", "--html", str(tmp_path / "m.html")) == 0
    assert len(load_history(tmp_path / "log.sqlite")) == 2
    out = capsys.readouterr().out
    assert out.count("retests:") == 2 and "(+0)" in out
    page = (tmp_path / "m.html").read_text()
    assert 'alt="McGill ratios against their targets"' in page and 'alt="McGill times over retests"' in page
    assert page.count('<tr class="ratio">') == 4


def test_mcgill_missing_clip_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "formcheck", "mcgill", "--flexor", str(tmp_path / "nope.mp4"), "--log", str(tmp_path / "log.sqlite")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"formcheck: error: no such file for the flexion test: {tmp_path / 'nope.mp4'}"


def test_mcgill_live_runs_the_four_holds_in_turn_and_stores_them(tmp_path, monkeypatch, capsys):
    """Live: a guide (a helper is needed) before each hold, each hold run live as its exercise."""
    import formcheck.capture
    import formcheck.live

    ran = []

    def fake_run_live(source, exercise_id, report_path=None, **kwargs):
        test = next(t for t, e in EXERCISE_OF.items() if e == exercise_id)
        ran.append(exercise_id)
        return fake_analysis(test, "camera", report_path), None

    monkeypatch.setattr(formcheck.live, "run_live", fake_run_live)
    monkeypatch.setattr(formcheck.capture, "CameraSource", lambda index: f"camera {index}")
    monkeypatch.setattr("builtins.input", lambda prompt: "")
    assert cli.main(["mcgill", "-o", str(tmp_path / "r.json"), "--log", str(tmp_path / "log.sqlite")]) == 0
    assert ran == list(EXERCISE_OF.values())
    assert "You need a helper" in capsys.readouterr().out
    (stored,) = load_history(tmp_path / "log.sqlite")  # live tests are the user's: stored by default
    assert stored.time(T.EXTENSION) == pytest.approx(HOLDS[T.EXTENSION], abs=0.4)
