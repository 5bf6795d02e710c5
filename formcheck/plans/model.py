"""A plan: sets of exercises, each with a target (reps, a hold time, or to form failure) and the
rest after it. Read from a small TOML file or taken from the built-in plans; a mistake in a file
is one line naming the file, the block and what is wrong."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from formcheck.errors import InputError
from formcheck.pose.landmarks import Side

SIDE_SWITCH_REST_S = 10.0
"""Default pause between the left and the right side of an each-side set: time to roll over."""
MAX_SETS = 20
MAX_REST_S = 600.0
MAX_HOLD_S = 600.0
MAX_REPS = 200
"""Bounds that catch typos (300 sets, a 3000 s rest), not training choices."""


class PlanError(InputError):
    """A plan file that cannot be run; the message is one line."""


class TargetKind(str, Enum):
    REPS = "reps"
    HOLD = "hold"
    FAILURE = "to_failure"


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    reps: int | None = None
    hold_s: float | None = None
    per_side: bool = False
    """Reps counted per side (a bird dog's 10 per side)."""

    def describe(self) -> str:
        if self.kind is TargetKind.REPS:
            return f"{self.reps} rep{'s' if self.reps != 1 else ''}" + (" per side" if self.per_side else "")
        if self.kind is TargetKind.HOLD:
            seconds = int(round(self.hold_s or 0))
            return f"hold {seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"hold {seconds} s"
        return "as long as you can"


@dataclass(frozen=True)
class PlannedSet:
    exercise_id: str
    target: Target
    rest_s: float
    """Rest after this set (0 after the last)."""
    number: int
    of: int
    side: Side | None = None
    """The side of an each-side set (a side plank's left, then right)."""
    note: str = ""


@dataclass(frozen=True)
class Plan:
    name: str
    title: str
    sets: tuple[PlannedSet, ...]

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "sets": [
                {"exercise": s.exercise_id, "set": s.number, "of": s.of, "target": s.target.describe(),
                 "side": s.side.value if s.side else None, "rest_s": s.rest_s}
                for s in self.sets
            ],
        }


def _target(block: dict[str, Any], where: str) -> Target:
    given = [key for key in ("reps", "hold_s", "to_failure") if key in block]
    if len(given) != 1:
        raise PlanError(f"{where}: give exactly one target: reps, hold_s or to_failure = true")
    key = given[0]
    value = block[key]
    per_side = block.get("per_side", False)
    if not isinstance(per_side, bool):
        raise PlanError(f"{where}: per_side must be true or false")
    if key == "reps":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_REPS:
            raise PlanError(f"{where}: reps must be a whole number from 1 to {MAX_REPS}, not {value!r}")
        return Target(TargetKind.REPS, reps=value, per_side=per_side)
    if key == "hold_s":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 1 <= value <= MAX_HOLD_S:
            raise PlanError(f"{where}: hold_s must be seconds from 1 to {MAX_HOLD_S:.0f}, not {value!r}")
        return Target(TargetKind.HOLD, hold_s=float(value))
    if value is not True:
        raise PlanError(f"{where}: to_failure must be true (or give reps or hold_s instead)")
    return Target(TargetKind.FAILURE)


def _seconds(block: dict[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = block.get(key, default)
    if value is None:
        raise PlanError(f"{where}: say how long the rest is ({key} = seconds)")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= MAX_REST_S:
        raise PlanError(f"{where}: {key} must be seconds from 0 to {MAX_REST_S:.0f}, not {value!r}")
    return float(value)


KNOWN_KEYS = {"exercise", "sets", "reps", "hold_s", "to_failure", "per_side", "rest_s", "rest_after_s", "each_side", "switch_rest_s", "note"}


def plan_from_dict(data: dict[str, Any], name: str) -> Plan:
    """A plan from parsed TOML: ``title`` and ``[[block]]`` tables with ``exercise``, ``sets``,
    one target, ``rest_s`` (between sets) and optionally ``rest_after_s`` (before the next
    block), ``each_side`` (every set done left then right), ``switch_rest_s`` and ``note``."""
    from formcheck.exercises import EXERCISES

    blocks = data.get("block")
    if not isinstance(blocks, list) or not blocks:
        raise PlanError(f"{name}: no [[block]] tables: a plan needs at least one exercise block")
    sets: list[PlannedSet] = []
    for number, block in enumerate(blocks, start=1):
        where = f"{name}: block {number}"
        exercise_id = block.get("exercise")
        if exercise_id not in EXERCISES:
            raise PlanError(f"{where}: exercise {exercise_id!r} is not one of: {', '.join(EXERCISES)}")
        where = f"{where} ({exercise_id})"
        unknown = sorted(set(block) - KNOWN_KEYS)
        if unknown:
            raise PlanError(f"{where}: unknown key {unknown[0]!r}")
        count = block.get("sets", 1)
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_SETS:
            raise PlanError(f"{where}: sets must be a whole number from 1 to {MAX_SETS}, not {count!r}")
        target = _target(block, where)
        rest = _seconds(block, "rest_s", where, None if count > 1 else 0.0)
        last_block = number == len(blocks)
        rest_after = 0.0 if last_block else _seconds(block, "rest_after_s", where, rest if count > 1 else None)
        each_side = block.get("each_side", False)
        switch = _seconds(block, "switch_rest_s", where, SIDE_SWITCH_REST_S)
        note = str(block.get("note", ""))
        for i in range(1, count + 1):
            after = rest_after if i == count else rest
            if each_side:
                sets.append(PlannedSet(exercise_id, target, switch, i, count, Side.LEFT, note))
                sets.append(PlannedSet(exercise_id, target, after, i, count, Side.RIGHT, note))
            else:
                sets.append(PlannedSet(exercise_id, target, after, i, count, None, note))
    title = data.get("title", name)
    return Plan(name=name, title=str(title), sets=tuple(sets))


def read_plan(path: str | os.PathLike) -> Plan:
    """A plan from a TOML file (one-line ``PlanError`` for every mistake)."""
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanError(f"no such plan file: {file}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(f"cannot read plan {file}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise PlanError(f"{file}: not valid TOML: {error}") from None
    return plan_from_dict(data, file.name)
