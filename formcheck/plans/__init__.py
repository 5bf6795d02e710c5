"""Plans: sets with targets and rests (``model``), run as a state machine over the session's
assessments (``runner``), seen by the session as one exercise (``session``)."""

from __future__ import annotations

import os
from pathlib import Path

from formcheck.plans.model import Plan, PlanError, read_plan

BUILTIN_DIR = Path(__file__).resolve().parent
BUILTIN = {path.stem: path for path in sorted(BUILTIN_DIR.glob("*.toml"))}
"""Built-in plans by name (``back-care``): TOML files shipped in this package."""


def load_plan(name_or_path: str | os.PathLike) -> Plan:
    """A built-in plan by name, or a TOML plan file."""
    if str(name_or_path) in BUILTIN:
        plan = read_plan(BUILTIN[str(name_or_path)])
        return Plan(name=str(name_or_path), title=plan.title, sets=plan.sets)
    path = Path(name_or_path)
    if path.suffix != ".toml" and not path.exists():
        raise PlanError(f"no plan {str(name_or_path)!r}: give a built-in plan ({', '.join(BUILTIN)}) or a .toml file")
    return read_plan(path)


__all__ = ["BUILTIN", "Plan", "PlanError", "load_plan", "read_plan"]
