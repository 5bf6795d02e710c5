"""Sets from event streams: bouts are sets, a named exercise's session splits at rests, totals
add up the sets, and the summary writes them as a coach does."""

import pytest

from formcheck.pose.landmarks import Side
from formcheck.sets import HOLD_SET_REST_S, REP_SET_REST_S, time_under_tension_s
from support.event_streams import bout, bridge_sets, fault, hold, plank_holds, report_of, reps, reps_end_s


@pytest.mark.parametrize("with_bouts", [True, False], ids=["recognised", "named -e plank"])
def test_28_planks_are_28_sets_and_their_total(with_bouts):
    report = report_of("auto" if with_bouts else "plank", plank_holds(28, 9.3, rest_s=12.0, with_bouts=with_bouts))
    data = report.to_dict()
    assert data["report_version"] == 2
    assert data["exercise"] == "plank"
    assert len(data["holds"]) == 28
    assert data["hold_s"] == pytest.approx(28 * 9.3, abs=1e-6)
    assert data["good_form_hold_s"] == pytest.approx(28 * 9.3, abs=1e-6)
    assert len(data["sets"]) == 28
    assert [s["set"] for s in data["sets"]] == list(range(1, 29))
    assert all(s["hold_s"] == pytest.approx(9.3) for s in data["sets"])
    assert data["sets"][0]["rest_before_s"] is None
    assert all(s["rest_before_s"] == pytest.approx(12.0) for s in data["sets"][1:])
    assert "plank 28 x 9 s\n  rests: 12 s each\n  held: 260.4 s" in report.summary()


@pytest.mark.parametrize("with_bouts", [True, False], ids=["recognised", "named -e glute_bridge"])
def test_three_bridge_bouts_of_15_are_3_sets_and_45_reps(with_bouts):
    report = report_of("auto" if with_bouts else "glute_bridge", bridge_sets(3, 15, rest_s=60.0, with_bouts=with_bouts))
    data = report.to_dict()
    assert data["reps"] == 45
    assert len(data["rep_details"]) == 45
    assert [s["reps"] for s in data["sets"]] == [15, 15, 15]
    assert [s["rest_before_s"] for s in data["sets"]] == [None, pytest.approx(60.0), pytest.approx(60.0)]
    assert "glute bridge 3 x 15\n  rests: 60 s each\n  reps: 45\n" in report.summary()
    assert "unknown" not in report.summary()  # the rests between the sets are not unrecognised exercise


def test_totals_are_the_sums_over_the_main_exercises_sets():
    events = bridge_sets(2, 12, rest_s=40.0) + bout("plank", hold(200.0, 20.0)) + [fault("hips_sag", 10.0, 11.0)]
    data = report_of("auto", events).to_dict()
    assert data["exercise"] == "glute_bridge"  # 2 x (12 x 3 s + 11 x 0.5 s) of bridges against 20 s of plank
    main = [s for s in data["sets"] if s["exercise"] == data["exercise"]]
    for field in ("reps", "hold_s", "good_form_hold_s", "time_under_tension_s"):
        assert data[field] == pytest.approx(sum(s[field] for s in main))
    assert sum(len(s["faults"]) for s in main) == len(data["faults"]) == 1
    assert [s["exercise"] for s in data["sets"]] == ["glute_bridge", "glute_bridge", "plank"]
    assert data["sets"][2]["set"] == 1


def test_main_exercise_is_the_one_done_longest_over_all_its_bouts():
    """Two 10 s bridge bouts outweigh one 15 s plank, though the plank is the longest bout."""
    events = bout("glute_bridge", reps(3, 0.0, gap_s=0.5)) + bout("plank", hold(30.0, 15.0)) + bout("glute_bridge", reps(3, 60.0, gap_s=0.5))
    assert report_of("auto", events).to_dict()["exercise"] == "glute_bridge"


def test_a_short_break_stays_in_the_set_a_rest_does_not():
    wobble = HOLD_SET_REST_S - 1.0
    events = hold(0.0, 20.0) + hold(20.0 + wobble, 10.0) + hold(30.0 + wobble + HOLD_SET_REST_S + 2.0, 15.0)
    data = report_of("plank", events).to_dict()
    assert [len(s["holds"]) for s in data["sets"]] == [2, 1]
    assert [s["hold_s"] for s in data["sets"]] == [pytest.approx(30.0), pytest.approx(15.0)]
    pause = REP_SET_REST_S - 2.0
    first = reps(5, 0.0)
    second = reps(5, reps_end_s(5, 0.0) + pause)
    third = reps(4, reps_end_s(5, reps_end_s(5, 0.0) + pause) + REP_SET_REST_S + 5.0)
    data = report_of("glute_bridge", first + second + third).to_dict()
    assert [s["reps"] for s in data["sets"]] == [10, 4]


def test_faults_belong_to_the_set_they_happened_in_or_the_nearest():
    events = plank_holds(2, 30.0, rest_s=30.0, start_s=0.0, with_bouts=False)
    events += [fault("hip_sag", 10.0, 14.0), fault("hip_pike", 31.0, 32.0), fault("hip_sag", 55.0, 56.0)]
    data = report_of("plank", events).to_dict()
    assert [[f["start_s"] for f in s["faults"]] for s in data["sets"]] == [[10.0, 31.0], [55.0]]


def test_coach_notation_in_the_summary():
    varying = hold(0.0, 45.0) + hold(60.0, 40.0) + hold(120.0, 38.0)
    assert "plank 45 s, 40 s, 38 s\n  rests: 15, 20 s\n" in report_of("plank", varying).summary()
    many = [e for i in range(10) for e in hold(100.0 * i, 30.0 + i)]  # rests 70, 69, ... 62 s
    assert "  rests: 62-70 s, 66 s on average\n" in report_of("plank", many).summary()
    bird_dog = reps(10, 0.0, sides=(Side.LEFT, Side.RIGHT)) + reps(10, 100.0, sides=(Side.LEFT, Side.RIGHT))
    assert "bird dog 2 x 5 each side\n" in report_of("bird_dog", bird_dog).summary()
    uneven = reps(3, 0.0, sides=(Side.LEFT,)) + reps(2, 100.0, sides=(Side.RIGHT,))
    assert "bird dog 3 left, 2 right\n" in report_of("bird_dog", uneven).summary()
    side_plank = hold(0.0, 30.0, Side.LEFT) + hold(40.0, 28.0, Side.RIGHT) + hold(80.0, 29.0, Side.LEFT)
    assert "side plank left 30 s, 29 s; right 28 s\n" in report_of("side_plank", side_plank).summary()
    one_set = reps(15, 0.0)
    assert "glute bridge 1 x 15\n" in report_of("glute_bridge", one_set).summary()
    assert "glute bridge: no sets\n" in report_of("glute_bridge", []).summary()
    faults_only = report_of("glute_bridge", [fault("rushing", 1.0, 2.0)])
    assert faults_only.to_dict()["sets"] == [] and len(faults_only.to_dict()["faults"]) == 1


def test_time_under_tension_counts_overlaps_once():
    events = reps(2, 0.0, gap_s=1.0) + hold(1.0, 1.0)  # the pause at the top of rep 1, inside it
    assert time_under_tension_s(events) == pytest.approx(6.0)
