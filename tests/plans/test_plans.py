"""Plans: TOML validation (one-line errors), the built-in plan, and the runner as a pure state
machine over synthetic assessments."""

from pathlib import Path

import pytest

from formcheck.core import Assessment, Status
from formcheck.events import HoldEnded, HoldStarted, Rep, RepCompleted
from formcheck.plans import load_plan
from formcheck.plans.model import PlanError, TargetKind, plan_from_dict
from formcheck.plans.runner import Phase, PlanRunner
from formcheck.pose.landmarks import Side

DATA = Path(__file__).resolve().parents[1] / "data"


def test_back_care_is_the_seeds_programme():
    plan = load_plan("back-care")
    blocks = [(s.exercise_id, s.number, s.side, s.target.kind, s.target.reps, s.target.hold_s) for s in plan.sets]
    assert blocks[:3] == [("glute_bridge", n, None, TargetKind.REPS, 15, None) for n in (1, 2, 3)]
    assert [b[3] for b in blocks[3:6]] == [TargetKind.FAILURE] * 3 and {b[0] for b in blocks[3:6]} == {"plank"}
    bird = [s for s in plan.sets if s.exercise_id == "bird_dog"]
    assert len(bird) == 3 and all(s.target.per_side and s.target.reps == 10 for s in bird)
    side = [s for s in plan.sets if s.exercise_id == "side_plank"]
    assert [s.side for s in side] == [Side.LEFT, Side.RIGHT] and side[0].target.hold_s == 60
    assert {"prone_press_up", "childs_pose", "figure_four"} <= {s.exercise_id for s in plan.sets}
    assert plan.sets[0].rest_s == 30 and plan.sets[2].rest_s == 60 and plan.sets[-1].rest_s == 0


@pytest.mark.parametrize("blocks, fragment", [
    ([], "no [[block]]"),
    ([{"exercise": "squat", "reps": 5}], "exercise 'squat' is not one of"),
    ([{"exercise": "plank", "sets": 3, "hold_s": 30}], "say how long the rest is"),
    ([{"exercise": "plank", "reps": 5, "hold_s": 30}], "exactly one target"),
    ([{"exercise": "plank", "hold_s": -3}], "hold_s must be seconds"),
    ([{"exercise": "glute_bridge", "reps": 2.5}], "reps must be a whole number"),
    ([{"exercise": "glute_bridge", "reps": 5, "rest": 30}], "unknown key 'rest'"),
    ([{"exercise": "glute_bridge", "reps": 5}, {"exercise": "plank", "hold_s": 5}], "block 1 (glute_bridge): say how long the rest is (rest_after_s"),
])
def test_plan_mistakes_are_one_line(blocks, fragment):
    with pytest.raises(PlanError) as error:
        plan_from_dict({"block": blocks}, "mine.toml")
    assert fragment in str(error.value) and "\n" not in str(error.value)


def test_bad_toml_and_missing_file_are_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[block]\nexercise = ")
    for path in (bad, tmp_path / "none.toml"):
        with pytest.raises(PlanError) as error:
            load_plan(path)
        assert "\n" not in str(error.value)


def reps_assessment(t_s, reps, events=(), by_side=None):
    return Assessment(t_s=t_s, status=Status.IN_POSITION, cue="", reps=reps, reps_by_side=by_side, events=tuple(events))


def rep_event(t_s, index, faults=()):
    return RepCompleted(t_s, rep=Rep(index, t_s - 3, t_s - 1, t_s, 180.0, 1.0, 1.0, 1.0, faults=faults))


def kinds(events):
    return [e.kind for e in events]


def test_runner_sets_end_at_their_target_then_rest_then_the_next_set():
    plan = plan_from_dict({"block": [{"exercise": "glute_bridge", "sets": 2, "reps": 2, "rest_s": 10, "rest_after_s": 20},
                                     {"exercise": "plank", "hold_s": 30}]}, "p")
    runner = PlanRunner(plan)
    assert kinds(runner.update(0.0)) == ["set_started"]
    assert runner.update(4.0, reps_assessment(4.0, 1, [rep_event(4.0, 1)])) == []
    assert runner.view(4.0).progress == "1/2" and runner.view(4.0).fraction == 0.5
    events = runner.update(8.0, reps_assessment(8.0, 2, [rep_event(8.0, 2)]))
    assert kinds(events) == ["set_completed", "rest_started"] and events[1].rest_s == 10 and not events[1].new_exercise
    assert runner.phase is Phase.REST and runner.view(13.0).rest_left_s == pytest.approx(5.0)
    assert runner.update(17.9) == []
    started = runner.update(18.0)
    assert kinds(started) == ["set_started"] and started[0].set_number == 2
    events = runner.update(25.0, reps_assessment(25.0, 2))
    assert events[1].new_exercise and events[1].next_exercise == "Forearm plank"
    assert runner.view(30.0).next_up == "Next: Forearm plank 1/1"
    assert kinds(runner.update(45.0)) == ["set_started"] and runner.current.exercise_id == "plank"
    assert runner.update(60.0, Assessment(t_s=60.0, status=Status.IN_POSITION, cue="", hold_s=29.9)) == []
    assert kinds(runner.update(61.0, Assessment(t_s=61.0, status=Status.IN_POSITION, cue="", hold_s=30.0))) == ["set_completed", "plan_completed"]
    record = runner.record()
    assert record["completed"] and record["sets_met"] == 3 and [s["did"] for s in record["sets"]] == ["2 reps", "2 reps", "held 30.0 s"]


def test_per_side_reps_need_both_sides_and_each_side_sets_say_switch_sides():
    plan = plan_from_dict({"block": [{"exercise": "bird_dog", "reps": 2, "per_side": True, "rest_after_s": 5},
                                     {"exercise": "side_plank", "hold_s": 10, "each_side": True, "switch_rest_s": 8}]}, "p")
    runner = PlanRunner(plan)
    runner.update(0.0)
    assert runner.update(5.0, reps_assessment(5.0, 3, by_side={"left": 2, "right": 1})) == []
    assert kinds(runner.update(9.0, reps_assessment(9.0, 4, by_side={"left": 2, "right": 2})))[0] == "set_completed"
    runner.update(14.0)
    events = runner.update(20.0, Assessment(t_s=20.0, status=Status.IN_POSITION, cue="", hold_s=10.0))
    assert events[1].switch_sides and events[1].rest_s == 8
    assert runner.view(21.0).next_up == "Next: Side plank right 1/1"


def test_to_form_failure_ends_when_a_real_hold_ends_not_a_false_start():
    plan = plan_from_dict({"block": [{"exercise": "plank", "sets": 2, "to_failure": True, "rest_s": 30}]}, "p")
    runner = PlanRunner(plan)
    runner.update(0.0)
    false_start = Assessment(t_s=3.0, status=Status.IN_POSITION, cue="", events=(HoldStarted(1.0), HoldEnded(3.0, start_s=1.0, good_form_s=2.0)))
    assert runner.update(3.0, false_start) == []
    held = Assessment(t_s=50.0, status=Status.IN_POSITION, cue="", events=(HoldEnded(50.0, start_s=5.0, good_form_s=40.0),))
    events = runner.update(50.0, held)
    assert kinds(events) == ["set_completed", "rest_started"] and events[0].did == "held 45.0 s"


def test_the_short_plan_file_reads():
    plan = load_plan(DATA / "short_plan.toml")
    assert [s.exercise_id for s in plan.sets] == ["bird_dog", "bird_dog", "plank"]
