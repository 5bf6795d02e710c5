"""The SQLite log: entries in and out, one measure per log, dedup, delete, and writes that survive
a kill."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime

import pytest

from formcheck.errors import LogError
from formcheck.log import LoadMeasure, TrainingLog, entry_from_report
from support.log_reports import bridge_report, hold_report, plank_report

DAY = date(2026, 3, 2)


def test_entries_come_back_as_they_went_in(tmp_path):
    started = datetime(2026, 3, 2, 18, 5).astimezone()
    with TrainingLog.open(tmp_path / "log.sqlite") as log:
        added = log.add(entry_from_report(bridge_report(), started, DAY, log.measure))
    with TrainingLog.open(tmp_path / "log.sqlite", create=False) as log:
        (entry,) = log.entries()
    assert entry == added
    assert (entry.id, entry.local_date, entry.started_at, entry.load) == (1, DAY, started, 135.0)
    assert [len(e.sets) for e in entry.exercises] == [3]
    assert entry.exercises[0].sets[1]["rest_before_s"] == pytest.approx(60.0)


def test_the_same_report_is_never_logged_twice(tmp_path):
    with TrainingLog.open(tmp_path / "log.sqlite") as log:
        log.add(entry_from_report(bridge_report(), None, DAY, log.measure))
        with pytest.raises(LogError, match="already in the log"):
            log.add(entry_from_report(bridge_report(), None, date(2026, 3, 9), log.measure))
        assert len(log.entries()) == 1


def test_one_measure_per_log(tmp_path):
    with TrainingLog.open(tmp_path / "log.sqlite") as log:
        assert log.measure is LoadMeasure.TUT
        log.set_measure(LoadMeasure.SRPE)
        entry = log.add(entry_from_report(plank_report(2, 30.0), None, DAY, log.measure, rpe=5))
        assert entry.load == pytest.approx(5 * entry.duration_s / 60)
        with pytest.raises(LogError, match="never mixes"):
            log.set_measure(LoadMeasure.TUT)
        assert log.measure is LoadMeasure.SRPE
        later = log.add(entry_from_report(hold_report(20.0, "x"), None, DAY, log.measure))
        assert later.load is None
        assert log.set_rpe(later.id, 4).load == pytest.approx(4 * later.duration_s / 60)


def test_delete_one_or_all(tmp_path):
    with TrainingLog.open(tmp_path / "log.sqlite") as log:
        for tag in "abc":
            log.add(entry_from_report(hold_report(10.0, tag), None, DAY, log.measure))
        assert log.delete(2) == 1
        assert [e.id for e in log.entries()] == [1, 3]
        with pytest.raises(LogError, match="no entry 2"):
            log.delete(2)
        assert log.delete() == 2
        assert log.entries() == []
        remaining = log._db.execute("SELECT COUNT(*) FROM exercises").fetchone()[0]
    assert remaining == 0  # an entry's exercises go with it


def test_a_file_that_is_not_a_log_is_refused_and_left_alone(tmp_path):
    garbage = tmp_path / "notes.sqlite"
    garbage.write_bytes(b"my notes, not a database" * 100)
    with pytest.raises(LogError, match="not a usable training log"):
        TrainingLog.open(garbage)
    assert garbage.read_bytes() == b"my notes, not a database" * 100
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(LogError, match="not a formcheck training log"):
        TrainingLog.open(other)
    with pytest.raises(LogError, match="cannot open"):
        TrainingLog.open(garbage / "log.sqlite")  # its folder would be a file
    with pytest.raises(LogError, match="no training log"):
        TrainingLog.open(tmp_path / "missing.sqlite", create=False)


WRITER = textwrap.dedent("""
    import sys, time
    from datetime import date
    sys.path.insert(0, {tests!r})
    from formcheck.log import TrainingLog, entry_from_report
    from support.log_reports import hold_report

    class PausingConnection:
        '''The log's connection, pausing inside the write between the entry and its exercises.'''
        def __init__(self, db):
            self.db = db
        def execute(self, *args):
            return self.db.execute(*args)
        def executemany(self, *args):
            print("mid-write", flush=True)
            time.sleep(60)
            return self.db.executemany(*args)

    log = TrainingLog.open(sys.argv[1])
    for i in range(int(sys.argv[2])):
        log.add(entry_from_report(hold_report(10.0, str(i)), None, date(2026, 3, 2), log.measure))
        print("added", i + 1, flush=True)
    log._db = PausingConnection(log._db)
    log.add(entry_from_report(hold_report(10.0, "last"), None, date(2026, 3, 3), log.measure))
""")


def _writer(tmp_path, earlier: int) -> subprocess.Popen:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(tests=os.path.dirname(os.path.dirname(__file__))))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.getcwd(), *sys.path])}
    return subprocess.Popen([sys.executable, str(script), str(tmp_path / "log.sqlite"), str(earlier)],
                            stdout=subprocess.PIPE, text=True, env=env)


def test_a_writer_killed_mid_write_loses_only_that_write(tmp_path):
    process = _writer(tmp_path, earlier=3)
    lines = []
    for line in process.stdout:
        lines.append(line.strip())
        if line.startswith("mid-write"):
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert lines == ["added 1", "added 2", "added 3", "mid-write"]
    with TrainingLog.open(tmp_path / "log.sqlite", create=False) as log:
        assert log._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        entries = log.entries()
    assert [e.id for e in entries] == [1, 2, 3]  # every earlier session, and no half-written one
    assert all(len(e.exercises) == 1 for e in entries)


def test_a_writer_killed_at_any_moment_leaves_a_sound_log(tmp_path):
    process = _writer(tmp_path, earlier=10_000)
    confirmed = 0
    deadline = time.monotonic() + 60
    for line in process.stdout:
        confirmed = int(line.split()[1])
        if confirmed >= 20 or time.monotonic() > deadline:
            break
    time.sleep(0.05)  # somewhere inside a later write
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    with TrainingLog.open(tmp_path / "log.sqlite", create=False) as log:
        assert log._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        entries = log.entries()
    assert len(entries) >= confirmed >= 20
    assert all(len(e.exercises) == 1 for e in entries)


def test_the_plan_and_why_the_session_stopped_are_logged_with_it(tmp_path):
    from formcheck.log.show import render
    from formcheck.log.summary import read_summary
    from support.log_reports import plank_report

    report = plank_report(2, 30.0, "plan")
    report["plan"] = {"name": "back-care", "sets_planned": 12, "sets_done": 2, "sets_met": 1, "completed": False, "sets": []}
    report["stop_reason"] = "pain stop"
    with TrainingLog.open(tmp_path / "log.sqlite") as log:
        log.add(entry_from_report(report, None, date(2026, 1, 5), log.measure))
        (entry,) = log.entries()
    assert entry.plan["sets_met"] == 1 and entry.stop_reason == "pain stop"
    shown = render(read_summary(tmp_path / "log.sqlite", date(2026, 1, 5)))
    assert "plan back-care: 1 of 12 sets met" in shown and "stopped: pain stop" in shown


def test_mcgill_results_live_in_the_log_and_go_with_delete_all(tmp_path):
    with TrainingLog.open(tmp_path / "log.sqlite") as log:
        log.add_mcgill({"date": "2026-02-01T10:00:00", "times_s": {"flexion": 40.0}})
        log.add_mcgill({"date": "2026-01-01T10:00:00", "times_s": {"flexion": 30.0}})
        assert [r["times_s"]["flexion"] for r in log.mcgill_results()] == [30.0, 40.0]
        log.delete()
        assert log.mcgill_results() == []
