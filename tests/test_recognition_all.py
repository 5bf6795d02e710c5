"""Recognition on a synthetic set of every exercise formcheck supports: each is named as itself,
with its reps or hold counted, and no other exercise claims it."""

import numpy as np
import pytest

import posegen as g
import poses_stretches_lifts as P
import poses_t2a as p
from exercises import test_back_extension, test_cat_camel, test_dead_bug, test_deadlift, test_hip_thrust
from exercises import test_figure_four, test_prone_press_up, test_reverse_hip_raise, test_side_plank
from formcheck.exercises import RECOGNISABLE
from formcheck.pose.landmarks import Side
from formcheck.recognition import AutoExercise
from support.position_models import model_of_no_exercise
from formcheck.report import Report

TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.0, down_s=1.0)


def bridges(t):
    _, u = g.rep_phase(t, TEMPO, 3)
    return g.to_pose(g.bridge(125.0 + 55.0 * u), t)


def planks(t):
    return g.to_pose(g.plank(0.0) if t >= 1.0 else g.prone_lying(), t)


def bird_dogs(t):
    index, u = g.rep_phase(t, TEMPO, 4)
    arm = Side.LEFT if index % 2 == 0 else Side.RIGHT
    return g.to_pose(g.bird_dog({arm: u}, {arm.other: u}), t)


def supermen(t):
    _, u = g.rep_phase(t, g.RepTempo(rest_s=1.5, up_s=0.8, top_s=1.0, down_s=0.8), 4)
    body, face = p.superman(u)
    return p.pose(body, t, face_deg=face)


def side_planks(t):
    side, drop = test_side_plank.one_side(2.0, 14.0)(t)
    return p.pose(p.side_plank(side, drop=drop), t, front_view=True)


def childs_pose(t):
    u = g.ease((t - 2.0) / 2.0) if t < 4.0 else 1.0
    body = P.hands_and_knees_to_childs_pose(u) if u < 1.0 else P.childs_pose(hip_deg=25.0 + 2.0 * np.sin(t * 1.5))
    return P.posed(body, t)


press_up, _ = test_prone_press_up.press_and_hold(12.0)

SETS = {
    "glute_bridge": (bridges, 15.0),
    "plank": (planks, 15.0),
    "bird_dog": (bird_dogs, 19.0),
    "side_plank": (side_planks, 16.0),
    "superman": (supermen, 16.0),
    "dead_bug": (test_dead_bug.alternating(4), 1.0 + 4 * test_dead_bug.TEMPO.period_s + 1.0),
    "cat_camel": (test_cat_camel.cycles(3), test_cat_camel.duration(3)),
    "hip_thrust": (test_hip_thrust.thrusts(3), 1.0 + 3 * test_hip_thrust.TEMPO.period_s + 1.0),
    "reverse_hip_raise": (test_reverse_hip_raise.raises(4), 1.0 + 4 * test_reverse_hip_raise.TEMPO.period_s + 1.0),
    "back_extension": (test_back_extension.extensions(3), 1.0 + 3 * test_back_extension.TEMPO.period_s + 1.0),
    "prone_press_up": (press_up, 20.0),
    "childs_pose": (childs_pose, 18.0),
    "figure_four": (test_figure_four.stretches([(2.0, 16.0, Side.LEFT, 95.0)]), 18.0),
    "deadlift": (test_deadlift.lifts(4), 1.0 + 4 * test_deadlift.TEMPO.period_s + 1.0),
}


def test_every_exercise_has_a_set():
    assert set(SETS) == set(RECOGNISABLE)


@pytest.mark.parametrize("exercise_id", sorted(SETS))
def test_each_exercise_is_recognised_as_itself(exercise_id):
    poses, duration = SETS[exercise_id]
    _, events = g.run(AutoExercise(model=model_of_no_exercise()), poses, duration)
    data = Report("auto", "synthetic", frames=1, pose_frames=1, duration_s=duration, events=tuple(events), presence=((0.0, duration),)).to_dict()
    recognised = [b for b in data["bouts"] if b["exercise"] != "unknown"]
    assert [b["exercise"] for b in recognised] == [exercise_id], data["bouts"]
    assert data["reps"] > 0 or data["hold_s"] > 3.0
