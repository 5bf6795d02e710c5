"""The training log on disk: one SQLite file the user owns (nothing leaves the machine).

Every write is one transaction in WAL mode with full sync, so a crash or a kill mid-write leaves
the log as it was before that write: never corrupt, never missing an earlier session. The log's
one load measure is kept in its ``meta`` table, and entries of another measure are refused.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from formcheck.errors import LogError
from formcheck.log.entry import ExerciseDone, LoadMeasure, LogEntry, with_load

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 5.0
"""How long a write waits for another formcheck process holding the log (a live session ending
while ``formcheck log`` reads it)."""
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL UNIQUE,
    local_date TEXT NOT NULL,
    started_at TEXT,
    source TEXT NOT NULL,
    duration_s REAL NOT NULL,
    rpe REAL,
    load REAL,
    added_at TEXT NOT NULL,
    plan TEXT,
    stop_reason TEXT
);
CREATE TABLE exercises (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    exercise TEXT NOT NULL,
    sets TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
);
CREATE INDEX entries_by_date ON entries(local_date);
CREATE TABLE IF NOT EXISTS mcgill (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tested_at TEXT NOT NULL,
    result TEXT NOT NULL
);
"""


class TrainingLog:
    """A log file: ``open`` it, ``add`` entries, read ``entries``, ``delete``; ``close`` at the end."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> TrainingLog:
        """Open (or with ``create`` make) the log at ``path``; one-line ``LogError`` if it is not one."""
        path = Path(path).expanduser()
        if not path.exists() and not create:
            raise LogError(f"no training log at {path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise LogError(f"cannot open the training log {path}: {error}") from None
        log = cls(path, db)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            log._check_schema()
        except sqlite3.Error as error:
            db.close()
            raise LogError(f"{path} is not a usable training log: {error}") from None
        except LogError:
            db.close()
            raise
        return log

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TrainingLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is written, or none of it."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise LogError(f"cannot write the training log {self.path}: {error}") from None
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._db.execute("ROLLBACK")
            raise LogError(f"cannot write the training log {self.path}: {error}") from None

    def _check_schema(self) -> None:
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            with self._write() as db:  # statement by statement: executescript would commit on its own
                for statement in SCHEMA.strip().split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.executemany("INSERT INTO meta VALUES (?, ?)", [
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("load_measure", LoadMeasure.TUT.value),
                    ("created_at", datetime.now(timezone.utc).isoformat(timespec="seconds")),
                ])
            return
        if not {"meta", "entries", "exercises"} <= tables:
            raise LogError(f"{self.path} is an SQLite file but not a formcheck training log")
        version = self._meta("schema_version")
        if version != str(SCHEMA_VERSION):
            raise LogError(f"{self.path} has log schema version {version}; this formcheck reads {SCHEMA_VERSION}")

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    @property
    def measure(self) -> LoadMeasure:
        value = self._meta("load_measure")
        try:
            return LoadMeasure(value)
        except ValueError:
            raise LogError(f"{self.path} states an unknown load measure {value!r}") from None

    def set_measure(self, measure: LoadMeasure) -> None:
        """Choose the log's load measure; only while it is empty, so one series never mixes two."""
        with self._write() as db:
            count = db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
            if count and measure is not self.measure:
                raise LogError(
                    f"this log measures load as {self.measure.label} and has {count} entries; a log never mixes"
                    f" two measures: start another with --log PATH"
                )
            db.execute("UPDATE meta SET value = ? WHERE key = 'load_measure'", (measure.value,))

    def find(self, report_id: str) -> int | None:
        row = self._db.execute("SELECT id FROM entries WHERE report_id = ?", (report_id,)).fetchone()
        return None if row is None else int(row[0])

    def add(self, entry: LogEntry) -> LogEntry:
        """Store ``entry`` (its load in this log's measure) in one transaction; ``LogError`` if
        that report is already logged."""
        entry = with_load(entry, self.measure)
        with self._write() as db:
            existing = self.find(entry.report_id)
            if existing is not None:
                raise LogError(f"this report is already in the log (entry {existing}); it is never logged twice")
            cursor = db.execute(
                "INSERT INTO entries (report_id, local_date, started_at, source, duration_s, rpe, load, added_at, plan, stop_reason)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.report_id, entry.local_date.isoformat(),
                 entry.started_at.isoformat(timespec="seconds") if entry.started_at else None,
                 entry.source, entry.duration_s, entry.rpe, entry.load,
                 datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 json.dumps(entry.plan) if entry.plan is not None else None, entry.stop_reason),
            )
            entry_id = int(cursor.lastrowid)
            db.executemany(
                "INSERT INTO exercises (entry_id, position, exercise, sets) VALUES (?, ?, ?, ?)",
                [(entry_id, i, e.exercise, json.dumps([dict(s) for s in e.sets])) for i, e in enumerate(entry.exercises)],
            )
        return self.get(entry_id)

    def set_rpe(self, entry_id: int, rpe: float) -> LogEntry:
        """Give a session its RPE (and with session-RPE load, its load) after the fact."""
        entry = self.get(entry_id)
        updated = with_load(replace(entry, rpe=rpe), self.measure)
        with self._write() as db:
            db.execute("UPDATE entries SET rpe = ?, load = ? WHERE id = ?", (rpe, updated.load, entry_id))
        return self.get(entry_id)

    def delete(self, entry_id: int | None = None) -> int:
        """Delete one entry, or all of them (and every McGill result) with ``None``; the number of
        entries deleted."""
        with self._write() as db:
            if entry_id is None:
                db.execute("DELETE FROM mcgill")
                return db.execute("DELETE FROM entries").rowcount
            deleted = db.execute("DELETE FROM entries WHERE id = ?", (entry_id,)).rowcount
        if not deleted:
            raise LogError(f"no entry {entry_id} in the log")
        return deleted

    def get(self, entry_id: int) -> LogEntry:
        entries = self._select("WHERE id = ?", (entry_id,))
        if not entries:
            raise LogError(f"no entry {entry_id} in the log")
        return entries[0]

    def add_mcgill(self, result: dict) -> None:
        """Store one McGill battery result (``McGillResult.to_dict()``), in one transaction."""
        with self._write() as db:
            db.execute("INSERT INTO mcgill (tested_at, result) VALUES (?, ?)", (str(result.get("date", "")), json.dumps(result)))

    def mcgill_results(self) -> list[dict]:
        """Every McGill result stored, oldest first."""
        rows = self._db.execute("SELECT result FROM mcgill ORDER BY tested_at, id").fetchall()
        return [json.loads(row[0]) for row in rows]

    def entries(self) -> list[LogEntry]:
        """Every entry, oldest first."""
        return self._select("", ())

    def _select(self, where: str, params: tuple) -> list[LogEntry]:
        rows = self._db.execute(
            "SELECT id, report_id, local_date, started_at, source, duration_s, rpe, load, plan, stop_reason FROM entries "
            f"{where} ORDER BY local_date, started_at, id", params,
        ).fetchall()
        out = []
        for entry_id, rid, day, started, source, duration, rpe, load, plan, stop_reason in rows:
            done = self._db.execute("SELECT exercise, sets FROM exercises WHERE entry_id = ? ORDER BY position", (entry_id,))
            exercises = tuple(ExerciseDone(name, tuple(json.loads(sets))) for name, sets in done)
            out.append(LogEntry(rid, date.fromisoformat(day), datetime.fromisoformat(started) if started else None,
                                source, duration, exercises, rpe, load, id=entry_id,
                                plan=json.loads(plan) if plan else None, stop_reason=stop_reason))
        return out
