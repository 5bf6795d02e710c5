"""The contract every registered exercise keeps: what it declares (title, views, contacts, fault
codes), how a fresh analyzer and ``reset`` behave, that it reports only faults it declares, and
that no exercise module imports another."""

import ast
import functools
import importlib.util
import sys
from pathlib import Path

import pytest

import posegen as g
from formcheck.core import Metrics, Reading, Status
from formcheck.events import FaultEnded, FaultStarted, HoldEnded, RepCompleted
from formcheck.exercises import EXERCISES
from formcheck.exercises.base import UndeclaredFault
from formcheck.pose.landmarks import Landmark

IDS = sorted(EXERCISES)
VIEWS = {"side", "oblique", "front"}
CONTRACT_FPS = 10.0
"""Every exercise runs on every other exercise's sequence: 10 frames a second keeps that quick."""
PACKAGE = Path(sys.modules["formcheck.exercises"].__file__).parent
EXERCISE_MODULES = {cls.__module__.rsplit(".", 1)[1] for cls in EXERCISES.values()}


@functools.cache
def frames(name: str) -> tuple[tuple[float, object], ...]:
    """The poses of one exercise's synthetic set (``test_recognition_all.SETS``) at
    ``CONTRACT_FPS``. The sequences draw noise from generators they keep, so they come from a
    private copy of that module: running them here leaves its own sequences as they were."""
    poses, duration = _private_sets()[name]
    return tuple((t, poses(t)) for t in g.timeline(duration, CONTRACT_FPS))


@functools.cache
def _private_sets() -> dict:
    spec = importlib.util.spec_from_file_location("contract_sets", Path(__file__).parents[1] / "test_recognition_all.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SETS


def replay(analyzer, name: str) -> list:
    events = []
    for t_s, pose in frames(name):
        events += analyzer.update(pose, t_s).events
    return events + analyzer.finish()


def fault_codes(events) -> set[str]:
    codes = {e.code for e in events if isinstance(e, FaultStarted)}
    return codes | {e.fault.code for e in events if isinstance(e, FaultEnded)}


@pytest.mark.parametrize("exercise_id", IDS)
def test_it_declares_its_title_views_and_contacts(exercise_id):
    cls = EXERCISES[exercise_id]
    assert cls.id == exercise_id
    assert cls.title.strip() and cls.setup_cue.strip() and cls.filming.strip()
    assert cls.views and set(cls.views) <= VIEWS and cls.view in VIEWS
    assert isinstance(cls.contacts, tuple) and all(isinstance(lm, Landmark) for lm in cls.contacts)
    assert cls.primary in ("reps", "hold")


@pytest.mark.parametrize("exercise_id", IDS)
def test_its_fault_codes_are_a_typed_set_of_distinct_rules(exercise_id):
    cls = EXERCISES[exercise_id]
    rules = cls.fault_rules + cls.rep_fault_rules
    codes = cls.fault_codes()
    assert isinstance(codes, frozenset) and all(isinstance(c, str) and c for c in codes)
    assert len(codes) == len(rules), "a code declared twice"
    assert all(cls.fault_rule(rule.code) is rule for rule in rules)
    assert all(rule.message and rule.cue for rule in rules)
    with pytest.raises(UndeclaredFault):
        cls.fault_rule("no_such_fault")


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_fresh_analyzer_sees_nobody_and_has_counted_nothing(exercise_id):
    analyzer = EXERCISES[exercise_id]()
    assessment = analyzer.update(None, 0.0)
    assert assessment.status is Status.NO_PERSON
    assert (assessment.reps, assessment.hold_s, assessment.total_hold_s, assessment.active_faults) == (0, 0.0, 0.0, ())
    assert analyzer.finish() == []


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_fault_it_reports_is_declared_and_reset_starts_over(exercise_id):
    """Run on every exercise's sequence (its own and the look-alikes), it reports only declared
    codes; after ``reset`` the same sequence gives the same events as a fresh analyzer."""
    cls = EXERCISES[exercise_id]
    seen: set[str] = set()
    for name in _private_sets():
        seen |= fault_codes(replay(cls(), name))
    assert seen <= cls.fault_codes()

    own = exercise_id if exercise_id in _private_sets() else "glute_bridge"
    fresh = replay(cls(), own)
    used = cls()
    replay(used, "plank")
    used.reset()
    assert replay(used, own) == fresh


def test_the_sequences_make_every_recognisable_exercise_count():
    """The run above is not vacuous: on its own sequence each exercise counts or times."""
    for exercise_id in _private_sets():
        events = replay(EXERCISES[exercise_id](), exercise_id)
        assert any(isinstance(e, RepCompleted | HoldEnded) for e in events), exercise_id


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_fault_it_does_not_declare_raises(exercise_id, monkeypatch):
    cls = EXERCISES[exercise_id]
    reading = Reading(metrics=Metrics(side=None), in_position=True, faults=frozenset({"no_such_fault"}))
    monkeypatch.setattr(cls, "read", lambda self, pose, side: reading)
    analyzer = cls()
    with pytest.raises(UndeclaredFault):
        for t_s, pose in frames("glute_bridge")[:20]:
            analyzer.update(pose, t_s)


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, as dotted names (``from formcheck.exercises import x`` gives
    ``formcheck.exercises.x``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("module", sorted(EXERCISE_MODULES))
def test_no_exercise_module_imports_another(module):
    imported = imported_modules(PACKAGE / f"{module}.py")
    others = {f"formcheck.exercises.{other}" for other in EXERCISE_MODULES - {module}}
    assert not imported & others


def test_the_import_check_can_fail(tmp_path):
    source = tmp_path / "x.py"
    source.write_text("from formcheck.exercises import glute_bridge\nfrom formcheck.exercises.plank import Plank\n")
    assert {"formcheck.exercises.glute_bridge", "formcheck.exercises.plank"} <= imported_modules(source)


def test_shared_types_come_from_core_not_the_registry():
    """Annotators and readers of reports that only need the shared types do not import the
    exercises (the report still looks up which exercises are two-sided or timed: see _bout)."""
    for name in ("overlay.py", "hud.py", "evaluation.py", "voice/policy.py", "html/__init__.py", "html/plots.py", "log/entry.py"):
        assert not any(m.startswith("formcheck.exercises") for m in imported_modules(PACKAGE.parent / name)), name
