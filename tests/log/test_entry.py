"""Reports reduced to log entries: sets per exercise, time under tension, one id per report."""

import json
from datetime import date

import pytest

from formcheck.errors import InputError
from formcheck.log import LoadMeasure, entry_from_report, report_id
from support.event_streams import bout, bridge_sets, hold, report_of
from support.log_reports import bridge_report, plank_report

DAY = date(2026, 3, 2)


def test_a_session_of_two_exercises_gives_each_its_sets_and_the_load_is_their_time_under_tension():
    report = report_of("auto", bridge_sets(3, 15, rest_s=60.0) + bout("plank", hold(400.0, 45.0)) + bout("plank", hold(500.0, 40.0)))
    entry = entry_from_report(report.to_dict(), None, DAY, LoadMeasure.TUT)
    bridge, plank = entry.exercises
    assert (bridge.exercise, len(bridge.sets), bridge.reps, bridge.time_under_tension_s) == ("glute_bridge", 3, 45, 135.0)
    assert (plank.exercise, len(plank.sets), plank.hold_s) == ("plank", 2, pytest.approx(85.0))
    assert entry.load == pytest.approx(135.0 + 85.0)


def test_session_rpe_load_is_rpe_times_minutes():
    report = plank_report(3, 40.0)  # 3 x 40 s with 30 s rests from 2 s: 182 s long
    entry = entry_from_report(report, None, DAY, LoadMeasure.SRPE, rpe=6)
    assert entry.load == pytest.approx(6 * report["duration_s"] / 60)
    assert entry_from_report(report, None, DAY, LoadMeasure.SRPE).load is None  # no RPE yet


def test_the_report_id_survives_writing_and_reading_the_json(tmp_path):
    report = report_of("glute_bridge", bridge_sets(2, 10, rest_s=30.0, with_bouts=False))
    path = report.write_json(tmp_path / "r.json")
    assert report_id(report.to_dict()) == report_id(json.loads(path.read_text()))
    assert report_id(bridge_report(tag="a")) != report_id(bridge_report(tag="b"))


def test_a_version_1_report_counts_each_bout_as_a_set():
    report = report_of("auto", bridge_sets(2, 10, rest_s=60.0)).to_dict()
    old = {k: v for k, v in report.items() if k not in ("sets", "report_version")}
    (done,) = entry_from_report(old, None, DAY, LoadMeasure.TUT).exercises
    assert (len(done.sets), done.reps, done.time_under_tension_s) == (2, 20, pytest.approx(60.0))


def test_a_report_with_nothing_done_is_not_logged():
    with pytest.raises(InputError, match="nothing to log"):
        entry_from_report(report_of("plank", []).to_dict(), None, DAY, LoadMeasure.TUT)
