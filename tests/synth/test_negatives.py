import numpy as np
import pytest

from formcheck_synth.body import LANDMARK_NAMES, load_body
from formcheck_synth.movement import NEGATIVES, View
from formcheck_synth.negatives import load_negatives
from formcheck_synth.posing import pose_body

load_negatives()
MOVING = sorted(set(NEGATIVES) - {"lying_supine", "lying_prone", "sitting"})


def lm(posed, name):
    return posed.landmarks[LANDMARK_NAMES.index(name)]


def posed_over(name, body="b", seed=3, n=25):
    body = load_body(body)
    movement = NEGATIVES[name](body, seed, "left")
    times = np.linspace(0.0, movement.duration_s, n)
    return movement, [pose_body(body, movement.posture_at(t)) for t in times]


def test_at_least_ten_negative_movements_are_registered():
    assert len(NEGATIVES) >= 10
    assert {"crunch", "knee_to_chest", "kickback", "fire_hydrant", "squat", "push_up", "prone_bow"} <= set(NEGATIVES)


@pytest.mark.parametrize("name", sorted(NEGATIVES))
def test_negative_clips_last_about_eight_seconds_and_say_none_in_every_frame(name):
    movement = NEGATIVES[name](load_body("a"), 1, "right")
    assert 7.0 <= movement.duration_s <= 12.0
    labels = movement.frame_labels(np.arange(0.0, movement.duration_s, 1 / 15))
    assert labels.exercise == "none" and not labels.in_position.any() and not labels.hold.any()
    assert set(movement.directions()) == set(View)


@pytest.mark.parametrize("name", MOVING)
def test_moving_negatives_move_and_the_body_stays_on_the_floor(name):
    _, poses = posed_over(name)
    joints = np.stack([p.landmarks[11:29] for p in poses])
    travel = np.linalg.norm(joints - joints[0], axis=2).max()
    assert travel > 0.2
    assert all(abs(p.vertices[:, 2].min()) < 1e-9 for p in poses)


def test_still_negatives_barely_move():
    for name in ("lying_supine", "lying_prone", "sitting"):
        _, poses = posed_over(name)
        hips = np.stack([lm(p, "left_hip") for p in poses])
        assert np.linalg.norm(hips - hips[0], axis=1).max() < 0.05


def test_a_kickback_raises_one_leg_and_keeps_both_hands_down():
    movement, poses = posed_over("kickback")
    leg = "left" if movement.leg == "L" else "right"
    top = max(poses, key=lambda p: lm(p, f"{leg}_ankle")[2])
    assert lm(top, f"{leg}_ankle")[2] > lm(top, f"{leg}_hip")[2] - 0.1
    assert lm(top, "left_wrist")[2] < 0.12 and lm(top, "right_wrist")[2] < 0.12


def test_a_fire_hydrant_swings_the_bent_knee_out_to_the_side():
    movement, poses = posed_over("fire_hydrant")
    leg = "left" if movement.leg == "L" else "right"
    outward = -1.0 if leg == "left" else 1.0  # on all fours the person's left is -y
    reach = [outward * (lm(p, f"{leg}_knee")[1] - lm(p, f"{leg}_hip")[1]) for p in poses]
    heights = [lm(p, f"{leg}_knee")[2] for p in poses]
    assert max(reach) > 0.25 and max(heights) - min(heights) > 0.12


def test_a_squat_bends_the_knees_with_the_feet_planted():
    _, poses = posed_over("squat")
    hips = [lm(p, "left_hip")[2] for p in poses]
    ankles = np.stack([lm(p, "left_ankle") for p in poses])
    assert max(hips) - min(hips) > 0.3
    assert np.linalg.norm(ankles - ankles[0], axis=1).max() < 0.03


def test_a_prone_bow_lifts_chest_and_knees_off_the_floor_and_holds():
    _, poses = posed_over("prone_bow")
    shoulders = np.array([lm(p, "left_shoulder")[2] for p in poses])
    knees = np.array([lm(p, "left_knee")[2] for p in poses])
    assert shoulders.max() - shoulders[0] > 0.08 and knees.max() - knees[0] > 0.08
    assert (shoulders > shoulders[0] + 0.07).sum() >= 8  # held for a third of the clip or more


def test_the_same_seed_gives_the_same_postures_and_another_seed_another_clip():
    _, a = posed_over("knee_to_chest", seed=5, n=5)
    _, b = posed_over("knee_to_chest", seed=5, n=5)
    assert all(np.array_equal(p.vertices, q.vertices) for p, q in zip(a, b))
    durations = {round(NEGATIVES["crunch"](load_body("a"), s, "left").duration_s, 3) for s in range(6)}
    assert len(durations) > 1
