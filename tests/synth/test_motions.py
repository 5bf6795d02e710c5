import numpy as np
import pytest

from formcheck_synth.motions.base import line_offset, signed_angle_deg
from formcheck_synth.spec import ClipSpec, FaultSpec
from formcheck_synth.timeline import build_schedule

from .conftest import landmarks_at, planar


def _bridge_angle(spec, rep):
    peak = build_schedule(spec).reps[rep - 1].peak_s
    lm, _ = landmarks_at(spec, peak)
    # Supine with the belly up: angle from hip->knee round to hip->shoulder over the belly.
    return signed_angle_deg(planar(lm["left_knee"]), planar(lm["left_hip"]), planar(lm["left_shoulder"]))


@pytest.mark.parametrize("body_name", ["a", "b"])
def test_bridge_peak_extension_matches_spec(body_name):
    spec = ClipSpec(
        "glute_bridge", body=body_name, reps=3,
        faults=(FaultSpec("incomplete_extension", reps=(2,)), FaultSpec("over_arching", reps=(3,))),
    )  # fmt: skip
    assert 175 <= _bridge_angle(spec, 1) <= 185
    assert 145 <= _bridge_angle(spec, 2) <= 155
    assert 195 <= _bridge_angle(spec, 3) <= 205


def _plank_offset(spec, t):
    lm, _ = landmarks_at(spec, t)
    shoulder, hip, ankle = (planar(lm[f"left_{j}"]) for j in ("shoulder", "hip", "ankle"))
    # Prone, head at -x: the floor side of the shoulder->ankle line is its right; positive = sag.
    return -line_offset(hip, shoulder, ankle)


def test_plank_offsets_match_spec():
    sag = ClipSpec("plank", hold_s=10, faults=(FaultSpec("hip_sag", start_s=6, end_s=9),))
    pike = ClipSpec("plank", hold_s=10, faults=(FaultSpec("hip_pike", start_s=6, end_s=9),))
    assert abs(_plank_offset(sag, 4.0)) < 0.03
    assert 0.08 <= _plank_offset(sag, 7.5) <= 0.12
    assert -0.12 <= _plank_offset(pike, 7.5) <= -0.08


def test_bird_dog_limbs_level_or_below():
    spec = ClipSpec("bird_dog", reps=2, faults=(FaultSpec("limb_below_level", reps=(2,)),))
    reps = build_schedule(spec).reps

    def levels(rep):
        lm, _ = landmarks_at(spec, rep.peak_s)
        arm, leg = ("left", "right") if rep.side == "left" else ("right", "left")
        arm_v = planar(lm[f"{arm}_wrist"]) - planar(lm[f"{arm}_shoulder"])
        leg_v = planar(lm[f"{leg}_ankle"]) - planar(lm[f"{leg}_hip"])
        return np.degrees(np.arctan2(arm_v[1], abs(arm_v[0]))), np.degrees(np.arctan2(leg_v[1], abs(leg_v[0])))

    assert all(abs(a) <= 10 for a in levels(reps[0]))
    arm, leg = levels(reps[1])
    assert -35 <= arm <= -25 and -30 <= leg <= -20


@pytest.mark.parametrize("body_name", ["a", "b"])
def test_plank_starts_and_ends_resting_prone_on_hips_and_knees(body_name):
    spec = ClipSpec("plank", body=body_name, hold_s=4.0, settle_s=1.0)
    hold = build_schedule(spec).hold
    for t in (0.0, hold.lowered_s + 0.5):
        lm, _ = landmarks_at(spec, t)
        # Joint centres: a prone pelvis and knee put them about a hip's and a knee's depth up.
        assert lm["left_hip"][2] < 0.15 and lm["right_hip"][2] < 0.15
        assert lm["left_knee"][2] < 0.10 and lm["right_knee"][2] < 0.10
        thigh, shin = _unit(lm["left_hip"] - lm["left_knee"]), _unit(lm["left_ankle"] - lm["left_knee"])
        assert 150.0 <= np.degrees(np.arccos(thigh @ shin)) <= 170.0  # toes tucked: the knees bend a little
    for t in (hold.start_s, hold.end_s):
        assert abs(_plank_offset(spec, t)) < 0.03


def _unit(v):
    return v / np.linalg.norm(v)


def test_rear_oblique_view_is_behind_and_to_the_side():
    from formcheck_synth.body import load_body
    from formcheck_synth.motion import REAR_OBLIQUE_DEG, ClipMotion

    direction = ClipMotion(ClipSpec("bird_dog", view="rear_oblique", camera_side="left"), load_body("a")).view_direction()
    feet_end, left = np.array([1.0, 0.0, 0.0]), np.array([0.0, -1.0, 0.0])
    assert np.degrees(np.arccos(direction @ feet_end)) == pytest.approx(REAR_OBLIQUE_DEG)
    assert direction @ left > 0
