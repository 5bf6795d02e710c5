"""``formcheck log`` and its subcommands, and the ``--log/--no-log`` logging of ``analyze`` and ``live``.

    formcheck log [--json] [--as-of DATE] [--weeks N]     history, weekly volume, ACWR, notes
    formcheck log add REPORT.json [--date DATE] [--rpe N]  import a past report
    formcheck log export --csv PATH | --json PATH          everything, for the user to keep
    formcheck log delete ID | --all
    formcheck log rpe ID RPE                               a session's RPE, after the fact
    formcheck log measure tut|srpe                         the log's one load measure (while empty)

Every one takes ``--log PATH`` for another log than the default.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Mapping

from formcheck.errors import InputError, LogError
from formcheck.log.config import load_config, log_path
from formcheck.log.entry import LoadMeasure, LogEntry, check_report, entry_from_report, report_id
from formcheck.log.show import WEEKS_SHOWN, render
from formcheck.log.store import TrainingLog
from formcheck.log.summary import read_summary

DEFAULT_LOG = ""
"""``--log`` given without a path: the default log."""
RPE_RANGE = (0.0, 10.0)
"""Session RPE on Foster's CR-10 scale."""
MEASURES = {"tut": LoadMeasure.TUT, "srpe": LoadMeasure.SRPE}


def parse_when(text: str, option: str = "--date") -> tuple[date, datetime | None]:
    """``YYYY-MM-DD`` (time unknown) or ``YYYY-MM-DDTHH:MM[:SS]`` in local time."""
    try:
        if "T" in text or " " in text:
            moment = datetime.fromisoformat(text)
            moment = moment if moment.tzinfo else moment.astimezone()
            return moment.date(), moment
        return date.fromisoformat(text), None
    except ValueError:
        raise InputError(f"{option} {text!r}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None


def read_report(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text()
    except FileNotFoundError:
        raise InputError(f"no report at {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path} is not valid JSON ({error.msg} at line {error.lineno}); is it a formcheck report?") from None
    return check_report(data, str(path))


def session_start(report: Mapping[str, Any], report_path: Path | None) -> datetime:
    """When a session without a stated date began: its video's modification time (when it was
    recorded), else the report's, less the session's length."""
    candidates = [Path(str(report.get("source", ""))), report_path]
    for path in candidates:
        if path is not None and path.is_file():
            ended = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
            return ended - timedelta(seconds=float(report["duration_s"]))
    return datetime.now().astimezone() - timedelta(seconds=float(report["duration_s"]))


def _add(log: TrainingLog, report: Mapping[str, Any], started_at: datetime | None, day: date, rpe: float | None) -> str:
    """Log ``report``; the line to print. A report already logged is not added again."""
    existing = log.find(report_id(report))
    if existing is not None:
        return f"log: this report is already logged as entry {existing}; not added again"
    entry = log.add(entry_from_report(report, started_at, day, log.measure, rpe))
    if entry.load is None:
        load = f"no load until its RPE is given: formcheck log rpe {entry.id} RPE"
    else:
        load = f"load {entry.load:.0f} ({log.measure.label})"
    return f"log: entry {entry.id} on {entry.local_date.isoformat()} added to {log.path}; {load}"


def _rpe(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not RPE_RANGE[0] <= value <= RPE_RANGE[1]:
        raise InputError(f"RPE {text!r}: expected a number from {RPE_RANGE[0]:.0f} to {RPE_RANGE[1]:.0f} (CR-10 scale)")
    return value


# -- logging at the end of analyze / live ---------------------------------------------------

def add_logging_flags(parser: argparse.ArgumentParser, by_default: str) -> None:
    """``--log [PATH]`` and ``--no-log`` for a command that logs its session ``by_default`` (help text)."""
    parser.add_argument("--log", nargs="?", const=DEFAULT_LOG, metavar="PATH",
                        help=f"log this session in the training log (PATH: another log than the default); {by_default}")
    parser.add_argument("--no-log", action="store_true", help="do not log this session")


LOG_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def video_given_as_log(args: argparse.Namespace) -> None:
    """``analyze --log clip.mp4``: ``--log`` took the video as its optional PATH. With no video
    given and a PATH that is not a log file's name, it was the video."""
    if args.video is None and args.log and Path(args.log).suffix.lower() not in LOG_SUFFIXES:
        args.video, args.log = args.log, DEFAULT_LOG


def analyze_logs_by_default() -> bool:
    """Whether the user's config file says their ``analyze`` clips are theirs to log."""
    return load_config().analyze


def log_session(report: Mapping[str, Any], args: argparse.Namespace, by_default: bool, started_at: datetime | None,
                report_path: Path) -> int:
    """Log a finished session's report when asked (or ``by_default``); 0, or 2 with a one-line error
    (the report itself is already saved and can be added later)."""
    if args.no_log or (args.log is None and not by_default):
        return 0
    try:
        started = started_at or session_start(report, None)
        with TrainingLog.open(log_path(args.log)) as log:
            print(_add(log, report, started, started.date(), None))
    except InputError as error:
        print(f"log: not logged: {error}")
    except LogError as error:
        print(f"formcheck: error: {error}; the report is saved: formcheck log add {report_path}", file=sys.stderr)
        return error.exit_code
    return 0


# -- formcheck log ... -----------------------------------------------------------------------

def cmd_show(args: argparse.Namespace) -> int:
    as_of = parse_when(args.as_of, "--as-of")[0] if args.as_of else None
    path = log_path(args.log)
    summary = read_summary(path, as_of)
    if not args.json:
        print(render(summary, args.weeks))
        return 0
    data = summary.to_dict()
    if path.exists():
        with TrainingLog.open(path, create=False) as log:
            data["mcgill"] = log.mcgill_results()
    print(json.dumps(data, indent=1))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    path = Path(args.report)
    report = read_report(path)
    day, started = parse_when(args.date) if args.date else (None, None)
    if day is None:
        started = session_start(report, path)
        day = started.date()
    with TrainingLog.open(log_path(args.log)) as log:
        print(_add(log, report, started, day, _rpe(args.rpe)))
    return 0


def _write_atomically(target: Path, write: Callable[[io.TextIOBase], None]) -> None:
    """Write ``target`` via ``.partial`` and a rename: never half a file, never a lost old one."""
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", newline="") as out:
            write(out)
        partial.replace(target)
    except OSError as error:
        raise InputError(f"cannot write {target}: {error}") from None


CSV_FIELDS = ("entry_id", "date", "started_at", "source", "duration_s", "rpe", "load", "load_measure",
              "exercise", "sets", "reps", "hold_s", "time_under_tension_s", "faults")


def _csv_rows(entries: list[LogEntry], measure: LoadMeasure) -> list[dict[str, Any]]:
    rows = []
    for entry in entries:
        head = entry.to_dict()
        for done in entry.exercises:
            rows.append({
                "entry_id": entry.id, "date": head["date"], "started_at": head["started_at"] or "", "source": entry.source,
                "duration_s": head["duration_s"], "rpe": "" if entry.rpe is None else entry.rpe,
                "load": "" if entry.load is None else head["load"], "load_measure": measure.value,
                "exercise": done.exercise, "sets": len(done.sets), "reps": done.reps, "hold_s": round(done.hold_s, 3),
                "time_under_tension_s": round(done.time_under_tension_s, 3), "faults": sum(done.fault_codes.values()),
            })
    return rows


def cmd_export(args: argparse.Namespace) -> int:
    with TrainingLog.open(log_path(args.log), create=False) as log:
        entries, measure, where = log.entries(), log.measure, str(log.path)
    if args.csv_path:
        def write_csv(out: io.TextIOBase) -> None:
            writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
            writer.writeheader()
            writer.writerows(_csv_rows(entries, measure))

        _write_atomically(Path(args.csv_path), write_csv)
    else:
        data = {"log": where, "load_measure": {"id": measure.value, "label": measure.label}, "entries": [e.to_dict() for e in entries]}
        _write_atomically(Path(args.json_path), lambda out: out.write(json.dumps(data, indent=1) + "\n"))
    print(f"log: {len(entries)} entries exported to {args.csv_path or args.json_path}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    if args.all == (args.id is not None):
        raise InputError("say which entry to delete: an ID or --all")
    with TrainingLog.open(log_path(args.log), create=False) as log:
        deleted = log.delete(None if args.all else args.id)
    print(f"log: {deleted} entries deleted")
    return 0


def cmd_rpe(args: argparse.Namespace) -> int:
    with TrainingLog.open(log_path(args.log), create=False) as log:
        entry = log.set_rpe(args.id, _rpe(args.rpe))
        print(f"log: entry {entry.id}: RPE {entry.rpe:g}, load {'-' if entry.load is None else f'{entry.load:.0f}'} ({log.measure.label})")
    return 0


def cmd_measure(args: argparse.Namespace) -> int:
    with TrainingLog.open(log_path(args.log)) as log:
        log.set_measure(MEASURES[args.measure])
        print(f"log: {log.path} measures load as {log.measure.label}")
    return 0


def add_log_command(commands: argparse._SubParsersAction) -> None:
    """The ``formcheck log`` command and its subcommands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--log", metavar="PATH", default=argparse.SUPPRESS,
                        help="the log file (default: $XDG_DATA_HOME/formcheck/log.sqlite or the config file's)")
    log = commands.add_parser("log", parents=[common], help="the training log: history, weekly volume, workload ratio",
                              description="The training log: history, weekly volume per exercise, the acute:chronic"
                                          " workload ratio, deload and lay-off notes.")
    log.set_defaults(func=cmd_show, log=None)
    log.add_argument("--json", action="store_true", help="print all of it as JSON for other tools")
    log.add_argument("--as-of", metavar="DATE", help="the date to work the ratio out for (default: today)")
    log.add_argument("--weeks", type=int, default=WEEKS_SHOWN, help=f"weeks of volume shown (default {WEEKS_SHOWN})")
    sub = log.add_subparsers(dest="log_command", metavar="SUBCOMMAND")

    add = sub.add_parser("add", parents=[common], help="import a past report")
    add.add_argument("report", help="a formcheck report JSON")
    add.add_argument("--date", help="when it was done: YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: when its video was recorded)")
    add.add_argument("--rpe", help="session RPE, 0-10 (needed for the session-RPE load measure)")
    add.set_defaults(func=cmd_add)

    export = sub.add_parser("export", parents=[common], help="write the whole log to a CSV or JSON file")
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("--csv", metavar="PATH", dest="csv_path")
    where.add_argument("--json", metavar="PATH", dest="json_path")
    export.set_defaults(func=cmd_export)

    delete = sub.add_parser("delete", parents=[common], help="delete one entry, or all")
    delete.add_argument("id", nargs="?", type=int)
    delete.add_argument("--all", action="store_true", help="delete every entry")
    delete.set_defaults(func=cmd_delete)

    rpe = sub.add_parser("rpe", parents=[common], help="give a logged session its RPE (0-10)")
    rpe.add_argument("id", type=int)
    rpe.add_argument("rpe")
    rpe.set_defaults(func=cmd_rpe)

    measure = sub.add_parser("measure", parents=[common], help="the log's one load measure (only while it is empty)")
    measure.add_argument("measure", choices=sorted(MEASURES), help="tut: time under tension, s (default); srpe: session RPE x minutes")
    measure.set_defaults(func=cmd_measure)
