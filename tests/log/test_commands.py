"""``formcheck log`` end to end through the real command, and the logging at the end of
``analyze`` and ``live`` (on synthetic reports: no pose model)."""

import argparse
import csv
import json
from datetime import datetime

import pytest

from formcheck.log.commands import DEFAULT_LOG, log_session, video_given_as_log
from support.cli import assert_one_line_error, formcheck
from support.log_reports import bridge_report, hold_report, plank_report, write_report


@pytest.fixture
def reports(tmp_path):
    """Three sessions: bridges 3 x 15 (135 s), planks 3 x 40 s (120 s), one 50 s hold."""
    return [write_report(tmp_path, "bridges.json", bridge_report()), write_report(tmp_path, "planks.json", plank_report(3, 40.0)),
            write_report(tmp_path, "hold.json", hold_report(50.0, "x"))]


def test_an_empty_log_is_shown_and_not_created(tmp_path, private_user_folders):
    result = formcheck("log", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "nothing logged yet" in result.stdout
    assert not (private_user_folders / "data" / "formcheck" / "log.sqlite").exists()


def test_add_by_date_show_export_delete(tmp_path, reports, private_user_folders):
    bridges, planks, held = reports
    for report, day in ((bridges, "2026-01-05"), (planks, "2026-01-07T18:30"), (held, "2026-01-14")):
        result = formcheck("log", "add", str(report), "--date", day, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert (private_user_folders / "data" / "formcheck" / "log.sqlite").is_file()  # the XDG data folder
    again = formcheck("log", "add", str(bridges), "--date", "2026-01-20", cwd=tmp_path)
    assert again.returncode == 0 and "already logged as entry 1" in again.stdout

    data = json.loads(formcheck("log", "--json", "--as-of", "2026-01-18", cwd=tmp_path).stdout)
    assert [(e["id"], e["date"], e["load"]) for e in data["entries"]] == [(1, "2026-01-05", 135.0), (2, "2026-01-07", 120.0), (3, "2026-01-14", 50.0)]
    assert data["entries"][1]["started_at"].startswith("2026-01-07T18:30")
    assert [(w["week_start"], w["load"]) for w in data["weekly"]] == [("2026-01-05", 255.0), ("2026-01-12", 50.0)]
    assert data["acwr"]["band"] == "not enough history" and data["acwr"]["ratio"] is None
    assert data["load_measure"]["id"] == "tut_s"

    text = formcheck("log", "--as-of", "2026-01-18", cwd=tmp_path).stdout
    assert "glute bridge 3 x 15" in text and "plank 3 x 40 s" in text
    assert "not enough history: 14 of the 28 days" in text

    assert formcheck("log", "export", "--csv", "out/log.csv", cwd=tmp_path).returncode == 0
    rows = list(csv.DictReader((tmp_path / "out" / "log.csv").open()))
    assert [(r["entry_id"], r["exercise"], r["sets"], r["reps"]) for r in rows] == [
        ("1", "glute_bridge", "3", "45"), ("2", "plank", "3", "0"), ("3", "plank", "1", "0")]
    assert formcheck("log", "export", "--json", "log.json", cwd=tmp_path).returncode == 0
    exported = json.loads((tmp_path / "log.json").read_text())
    assert [e["exercises"][0]["sets"] for e in exported["entries"]] == [3, 3, 1]
    assert not list(tmp_path.rglob("*.partial"))

    assert formcheck("log", "delete", "2", cwd=tmp_path).returncode == 0
    assert [e["id"] for e in json.loads(formcheck("log", "--json", cwd=tmp_path).stdout)["entries"]] == [1, 3]
    assert_one_line_error(formcheck("log", "delete", "2", cwd=tmp_path), 2, "no entry 2")
    assert formcheck("log", "delete", "--all", cwd=tmp_path).returncode == 0
    assert json.loads(formcheck("log", "--json", cwd=tmp_path).stdout)["entries"] == []


def test_another_log_with_log_path_and_one_measure_per_log(tmp_path, reports):
    other = str(tmp_path / "mine.sqlite")
    assert formcheck("log", "measure", "srpe", "--log", other, cwd=tmp_path).returncode == 0
    added = formcheck("log", "add", str(reports[1]), "--rpe", "7", "--date", "2026-02-02", "--log", other, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    data = json.loads(formcheck("log", "--log", other, "--json", cwd=tmp_path).stdout)
    (entry,) = data["entries"]
    assert entry["load"] == pytest.approx(7 * entry["duration_s"] / 60, abs=1e-3)
    assert data["load_measure"]["id"] == "srpe_min"
    assert_one_line_error(formcheck("log", "measure", "tut", "--log", other, cwd=tmp_path), 2, "never mixes")
    no_rpe = formcheck("log", "add", str(reports[2]), "--log", other, cwd=tmp_path)
    assert "no load until its RPE is given" in no_rpe.stdout
    assert formcheck("log", "rpe", "2", "5", "--log", other, cwd=tmp_path).returncode == 0
    assert_one_line_error(formcheck("log", "rpe", "2", "11", "--log", other, cwd=tmp_path), 2, "expected a number from 0 to 10")


def test_the_config_file_chooses_the_log(tmp_path, reports, private_user_folders):
    config = private_user_folders / "config" / "formcheck" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'[log]\npath = "{tmp_path / "configured.sqlite"}"\n')
    assert formcheck("log", "add", str(reports[0]), cwd=tmp_path).returncode == 0
    assert (tmp_path / "configured.sqlite").is_file()
    config.write_text("[log\n")
    assert_one_line_error(formcheck("log", cwd=tmp_path), 2, "is not valid TOML")


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: d / "missing.json", "no report at"),
        (lambda d: write_text(d / "cut.json", '{"exercise": "plank", "reps": '), "is not valid JSON"),
        (lambda d: write_text(d / "other.json", '{"name": "not a report"}'), "is not a formcheck report"),
        (lambda d: write_text(d / "empty.json", json.dumps(plank_report(0, 10.0))), "nothing to log"),
    ],
    ids=["missing", "corrupt", "not-a-report", "nothing-done"],
)
def test_bad_reports_are_one_line_errors(tmp_path, make, fragment):
    assert_one_line_error(formcheck("log", "add", str(make(tmp_path)), cwd=tmp_path), 2, fragment)


def write_text(path, text):
    path.write_text(text)
    return path


def test_unwritable_or_corrupt_log_and_bad_dates_are_one_line_errors(tmp_path, reports):
    blocker = write_text(tmp_path / "file", "a file where the log's folder would be")
    assert_one_line_error(formcheck("log", "add", str(reports[0]), "--log", str(blocker / "log.sqlite"), cwd=tmp_path), 2, "cannot open the training log")
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"\x00garbage" * 512)
    assert_one_line_error(formcheck("log", "--log", str(corrupt), cwd=tmp_path), 2, "not a usable training log")
    assert_one_line_error(formcheck("log", "add", str(reports[0]), "--log", str(corrupt), cwd=tmp_path), 2, "not a usable training log")
    assert corrupt.read_bytes() == b"\x00garbage" * 512
    assert_one_line_error(formcheck("log", "add", str(reports[0]), "--date", "5 Jan", cwd=tmp_path), 2, "expected YYYY-MM-DD")
    assert_one_line_error(formcheck("log", "export", "--csv", "x.csv", "--log", str(tmp_path / "none.sqlite"), cwd=tmp_path), 2, "no training log")
    assert_one_line_error(formcheck("log", "delete", cwd=tmp_path), 2, "an ID or --all")


def session_args(**overrides):
    return argparse.Namespace(**{"log": None, "no_log": False, **overrides})


def test_live_logs_by_default_analyze_only_when_asked(tmp_path, capsys):
    report, path = bridge_report(), tmp_path / "r.json"
    started = datetime(2026, 3, 2, 7, 30).astimezone()
    target = str(tmp_path / "log.sqlite")
    assert log_session(report, session_args(log=target, no_log=True), True, started, path) == 0
    assert not (tmp_path / "log.sqlite").exists()
    assert log_session(report, session_args(), False, started, path) == 0  # analyze, not asked
    assert capsys.readouterr().out == ""
    assert log_session(report, session_args(log=target), True, started, path) == 0
    assert "entry 1 on 2026-03-02" in capsys.readouterr().out
    assert log_session(report, session_args(log=target), True, started, path) == 0
    assert "already logged as entry 1" in capsys.readouterr().out
    assert log_session(plank_report(0, 1.0), session_args(log=target), True, started, path) == 0
    assert "not logged: nothing to log" in capsys.readouterr().out


def test_a_session_the_log_cannot_take_says_how_to_add_it_later(tmp_path, capsys):
    blocked = write_text(tmp_path / "file", "x")
    code = log_session(bridge_report(), session_args(log=str(blocked / "log.sqlite")), True, None, tmp_path / "r.json")
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith("formcheck: error: cannot open the training log") and f"formcheck log add {tmp_path / 'r.json'}" in err


def test_analyze_log_before_the_video_takes_the_video_back():
    args = argparse.Namespace(video=None, log="clip.mp4")
    video_given_as_log(args)
    assert (args.video, args.log) == ("clip.mp4", DEFAULT_LOG)
    args = argparse.Namespace(video=None, log="mine.sqlite")
    video_given_as_log(args)
    assert (args.video, args.log) == (None, "mine.sqlite")
