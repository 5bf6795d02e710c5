import json
import subprocess
import sys

import pytest

from formcheck.events import Fault, FaultEnded, HoldEnded, HoldStarted, Rep, RepCompleted
from formcheck.pose.landmarks import Side
from formcheck.report import Report

CONTRACT = {"exercise", "reps", "reps_by_side", "hold_s", "good_form_hold_s", "faults", "events", "frames", "pose_frames", "duration_s"}


def rep(i, side, start):
    return RepCompleted(start + 2.0, rep=Rep(i, start, start + 1, start + 2, 178.0, 0.8, 0.5, 0.7, side=side, measure="x"))


def test_report_fields_from_events(tmp_path):
    fault = Fault("rushing", "No pause", 5.0, 7.0, Side.RIGHT)
    events = (
        rep(1, Side.LEFT, 1.0),
        HoldStarted(2.0),
        HoldEnded(4.5, start_s=2.0, good_form_s=2.0),
        FaultEnded(7.0, fault=fault),
        rep(2, Side.RIGHT, 5.0),
    )
    report = Report("bird_dog", "clip.mp4", frames=300, pose_frames=290, duration_s=10.0, events=events, two_sided=True)
    data = report.to_dict()
    assert CONTRACT <= set(data)
    assert data["reps"] == 2
    assert data["reps_by_side"] == {"left": 1, "right": 1}
    assert data["hold_s"] == pytest.approx(2.5)
    assert data["good_form_hold_s"] == pytest.approx(2.0)
    assert data["faults"] == [{"code": "rushing", "message": "No pause", "start_s": 5.0, "end_s": 7.0, "side": "right"}]
    assert [e["type"] for e in data["events"]] == ["hold_started", "rep", "hold_ended", "fault", "rep"]
    assert all("t_s" in e for e in data["events"])
    path = report.write_json(tmp_path / "out" / "r.json")
    assert json.loads(path.read_text())["reps"] == 2
    assert not list((tmp_path / "out").glob("*.partial"))
    assert "reps: 2  (left 1, right 1)" in report.summary()


def test_one_sided_exercise_has_no_sides():
    report = Report("plank", "x", frames=1, pose_frames=1, duration_s=1.0, events=(), timed=True)
    assert report.to_dict()["reps_by_side"] is None


def test_reps_without_a_side_are_not_reported_as_left_0_right_0():
    """Two-legged deadlifts under the deadlift / single-leg RDL analyzer have no side."""
    two_legged = tuple(rep(i, None, 3.0 * i) for i in range(1, 4))
    report = Report("deadlift", "x", frames=1, pose_frames=1, duration_s=12.0, events=two_legged, two_sided=True)
    assert report.to_dict()["reps_by_side"] is None
    assert "reps: 3\n" in report.summary()
    mixed = two_legged + (rep(4, Side.LEFT, 12.0), rep(5, Side.RIGHT, 15.0))
    report = Report("deadlift", "x", frames=1, pose_frames=1, duration_s=18.0, events=mixed, two_sided=True)
    assert report.to_dict()["reps_by_side"] == {"left": 1, "right": 1}
    assert "reps: 5  (left 1, right 1, 3 with no side)" in report.summary()


def test_holds_per_side_in_the_summary():
    """A two-sided hold (the figure four) reports each side's time."""
    events = (
        HoldEnded(12.0, start_s=2.0, good_form_s=10.0, side=Side.LEFT),
        HoldEnded(30.0, start_s=15.0, good_form_s=15.0, side=Side.RIGHT),
    )
    report = Report("figure_four", "x", frames=1, pose_frames=1, duration_s=32.0, events=events, two_sided=True, timed=True)
    assert "held: 25.0 s, in good form 25.0 s" in report.summary()
    assert "held per side: left 10.0 s, right 15.0 s" in report.summary()
    assert report.to_dict()["hold_by_side"] == {"left": 10.0, "right": 15.0}
    plank = Report("plank", "x", frames=1, pose_frames=1, duration_s=32.0, events=(HoldEnded(12.0, start_s=2.0, good_form_s=10.0),), timed=True)
    assert "held: 10.0 s, in good form 10.0 s" in plank.summary()


def test_two_sided_holds_are_compared_per_side():
    """Side planks: each side's hold time, and the right/left ratio the endurance tests use."""
    events = (
        HoldEnded(40.0, start_s=10.0, good_form_s=30.0, side=Side.LEFT),
        HoldEnded(90.0, start_s=60.0, good_form_s=27.0, side=Side.RIGHT),
        HoldEnded(130.0, start_s=110.0, good_form_s=20.0, side=Side.RIGHT),
    )
    report = Report("side_plank", "x", frames=1, pose_frames=1, duration_s=140.0, events=events, two_sided=True, timed=True)
    assert report.to_dict()["hold_by_side"] == {"left": 30.0, "right": 50.0}
    assert "held per side: left 30.0 s, right 50.0 s, right/left 1.67" in report.summary()


def test_checks_skipped_for_want_of_a_view_are_said():
    """Reps whose raised hand left the picture: the report says the arm's level was not checked
    rather than passing or failing it."""
    hidden = "arm level (hand out of view)"
    reps = [
        Rep(i, 3.0 * i, 3.0 * i + 1, 3.0 * i + 2, 60.0, 0.8, 0.5, 0.7, side=Side.LEFT, measure="x", skipped=(hidden,) if i < 3 else ())
        for i in range(1, 4)
    ]
    events = tuple(RepCompleted(r.end_s, rep=r) for r in reps)
    report = Report("bird_dog", "x", frames=1, pose_frames=1, duration_s=12.0, events=events, two_sided=True)
    assert "not checked (not in view): arm level (hand out of view) on 2 of 3 reps" in report.summary()
    assert [r.get("skipped") for r in report.to_dict()["rep_details"]] == [[hidden], [hidden], None]


def test_the_report_never_looks_an_exercise_up():
    """What the report needs of an exercise travels in the events (``BoutStarted``) and the
    report's own fields: it imports no analyzer."""
    code = "import sys, formcheck.report; print(sorted(m for m in sys.modules if m.startswith('formcheck.exercises')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
