"""Automatic recognition on synthetic sequences: the right exercise per bout, reps counted from
the first one, and ``unknown`` (no bout, no count) for movements formcheck does not support."""

import math

import numpy as np
import pytest

import posegen as g
from formcheck.events import BoutEnded, BoutStarted, RepCompleted
from formcheck.exercises.mechanics import GLITCH_S
from formcheck.pose.landmarks import Side
from formcheck.recognition import AutoExercise
from support.position_models import constant_model, model_of_no_exercise
from formcheck.report import Report

TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.0, down_s=1.0)


def report_of(poses, duration):
    auto = AutoExercise(model=model_of_no_exercise())
    _, events = g.run(auto, poses, duration)
    presence = ((0.0, duration),)
    frames = int(duration * g.FPS)
    return Report("auto", "synthetic", frames=frames, pose_frames=frames, duration_s=duration, events=tuple(events), presence=presence)


def bridges(reps, start=0.0):
    def poses(t):
        _, u = g.rep_phase(t - start, TEMPO, reps)
        return g.to_pose(g.bridge(125.0 + u * 55.0), t)

    return poses


def test_bridge_reps_are_recognised_and_all_counted():
    report = report_of(bridges(4), 1.0 + 4 * TEMPO.period_s + 1.0)
    data = report.to_dict()
    assert data["exercise"] == "glute_bridge"
    assert data["reps"] == 4
    (bout,) = [b for b in data["bouts"] if b["exercise"] != "unknown"]
    assert bout["start_s"] == pytest.approx(0.0, abs=0.1)


def test_plank_hold_is_recognised():
    rng = np.random.default_rng(0)
    report = report_of(lambda t: g.to_pose(g.plank(0.0) if t >= 1.0 else g.prone_lying(), t, noise_m=0.003, rng=rng), 15.0)
    data = report.to_dict()
    assert data["exercise"] == "plank"
    assert data["hold_s"] == pytest.approx(14.0, abs=0.4)


def test_bird_dog_is_recognised_with_sides():
    def poses(t):
        index, u = g.rep_phase(t, TEMPO, 4)
        arm = Side.LEFT if index % 2 == 0 else Side.RIGHT
        return g.to_pose(g.bird_dog({arm: u}, {arm.other: u}), t)

    data = report_of(poses, 1.0 + 4 * TEMPO.period_s + 1.0).to_dict()
    assert data["exercise"] == "bird_dog"
    assert data["reps_by_side"] == {"left": 2, "right": 2}


def test_moving_from_one_exercise_to_the_next_gives_bouts_in_order():
    bridge_end = 1.0 + 3 * TEMPO.period_s  # 13 s of bridges, 4 s standing, then a 12 s plank

    def poses(t):
        if t < bridge_end:
            return bridges(3)(t)
        if t < bridge_end + 4.0:
            return g.to_pose(g.standing(), t)
        return g.to_pose(g.plank(0.0), t)

    report = report_of(poses, bridge_end + 4.0 + 12.0)
    bouts = [b for b in report.to_dict()["bouts"]]
    assert [b["exercise"] for b in bouts] == ["glute_bridge", "unknown", "plank"]
    assert bouts[0]["reps"] == 3
    assert bouts[2]["hold_s"] == pytest.approx(12.0, abs=0.5)
    assert report.to_dict()["exercise"] == "glute_bridge"  # the longest bout


@pytest.mark.parametrize(
    "movement",
    [
        lambda t: g.standing(knee_bend_deg=50 - 50 * math.cos(t * 2.5), trunk_lean_deg=15 - 15 * math.cos(t * 2.5)),  # squats
        lambda t: g.push_up(45 - 45 * math.cos(t * 2.5)),  # push-ups
        lambda t: g.standing(knee_bend_deg=15 + 15 * math.sin(t * 6)),  # walking about
        lambda t: g.prone_lying(),  # lying still
    ],
    ids=["squat", "push-up", "walking", "lying"],
)
def test_unsupported_movements_are_unknown_and_not_counted(movement):
    report = report_of(lambda t: g.to_pose(movement(t), t), 20.0)
    data = report.to_dict()
    assert data["exercise"] == "unknown"
    assert data["reps"] == 0 and data["hold_s"] == 0.0
    assert not [e for e in report.events if isinstance(e, (BoutStarted, RepCompleted))]
    assert [b["exercise"] for b in data["bouts"]] == ["unknown"]


def test_bout_ends_after_the_person_leaves_the_position():
    def poses(t):
        return bridges(2)(t) if t < 10.0 else g.to_pose(g.standing(), t)

    _, events = g.run(AutoExercise(model=model_of_no_exercise()), poses, 16.0)
    (ended,) = [e for e in events if isinstance(e, BoutEnded)]
    assert ended.exercise == "glute_bridge"
    # The first frames out of position may be a glitch (``GLITCH_S``): the position lasts that long.
    assert 9.0 <= ended.t_s <= 10.1 + GLITCH_S


# --- the position model's say ----------------------------------------------------------------


def _bridge_report(model):
    duration = 1.0 + 4 * TEMPO.period_s + 1.0
    _, events = g.run(AutoExercise(model=model), bridges(4), duration)
    return Report("auto", "synthetic", frames=1, pose_frames=1, duration_s=duration, events=tuple(events), presence=((0.0, duration),)).to_dict()


def test_a_model_that_finds_no_bridge_vetoes_the_analyzers_reps():
    """The crunch case: the bridge analyzer counts, the position model sees none of it."""
    data = _bridge_report(constant_model({"glute_bridge": 0.2, "none": 0.8}))
    assert data["reps"] == 0
    assert [b["exercise"] for b in data["bouts"]] == ["unknown"]


def test_a_model_that_half_believes_the_bridge_lets_it_count():
    """Support is the mean probability, not the likeliest class: 0.4 against none's 0.6 is enough."""
    data = _bridge_report(constant_model({"glute_bridge": 0.4, "none": 0.6}))
    assert data["exercise"] == "glute_bridge"
    assert data["reps"] == 4



def test_a_hold_needs_only_that_the_model_does_not_rule_it_out():
    rng = np.random.default_rng(0)
    poses = lambda t: g.to_pose(g.plank(0.0) if t >= 1.0 else g.prone_lying(), t, noise_m=0.003, rng=rng)  # noqa: E731
    for p_plank, held in ((0.2, True), (0.03, False)):
        _, events = g.run(AutoExercise(model=constant_model({"plank": p_plank, "none": 1.0 - p_plank})), poses, 12.0)
        data = Report("auto", "synthetic", frames=1, pose_frames=1, duration_s=12.0, events=tuple(events), presence=((0.0, 12.0),)).to_dict()
        assert (data["hold_s"] > 10.0) is held, (p_plank, data["hold_s"])
