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


# Scripted exercises (formcheck_synth.motions.catalog): labels, key-phase angles, props.

from formcheck_synth.labels import build_labels  # noqa: E402
from formcheck_synth.motion import ClipMotion  # noqa: E402
from formcheck_synth.motions.catalog import ENTRIES  # noqa: E402
from formcheck_synth.posing import pose_body  # noqa: E402
from formcheck_synth.props import HANDLE_HEIGHT_M, PLATE_RADIUS_M  # noqa: E402
from formcheck_synth.spec import POSTURE_FAULTS  # noqa: E402
from formcheck_synth.timeline import FAULT_RAMP_S  # noqa: E402


def _angle(a, vertex, b):
    """Angle a-vertex-b in the sagittal (xz) plane, as the analyzers measure it in the body's vertical plane."""
    u, v = planar(a) - planar(vertex), planar(b) - planar(vertex)
    return float(np.degrees(np.arccos(np.clip(u @ v / np.linalg.norm(u) / np.linalg.norm(v), -1.0, 1.0))))


def _elevation(a, b):
    d = b - a
    return float(np.degrees(np.arctan2(d[2], np.linalg.norm(d[:2]))))


def _fault_spec(name, code, reps=3):
    if code in POSTURE_FAULTS:
        return ClipSpec(name, hold_s=8.0, settle_s=1.0, faults=(FaultSpec(code, start_s=4.0, end_s=7.0),))
    return ClipSpec(name, reps=reps, faults=(FaultSpec(code, reps=(2,)),))


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_scripted_labels_are_consistent(name):
    entry = ENTRIES[name]
    for code in ("",) + entry.faults + entry.posture_faults:
        spec = _fault_spec(name, code) if code else ClipSpec(name, reps=4, hold_s=8.0)
        spec.validate()
        schedule = build_schedule(spec)
        labels = build_labels(spec, schedule, "x.mp4", {"xy": [], "occluded": []})
        assert labels["exercise"] == entry.analyzer
        assert labels.get("variant") == (name if entry.analyzer != name else None)
        for fault in labels["faults"]:
            assert 0.0 < fault["start_s"] < fault["end_s"] < labels["duration_s"]
            assert fault["code"] == code
        if entry.reps:
            assert labels["reps"]["expected"] == spec.reps and len(labels["rep_intervals"]) == spec.reps
            if code:
                rep2 = labels["rep_intervals"][1]
                assert labels["faults"] == [{"code": code, "start_s": rep2["start_s"], "end_s": rep2["end_s"]}]
            if entry.sides != "none":
                first = (spec.reps + 1) // 2 if entry.sides == "alternate" else spec.reps
                expected = {"left": first, "right": spec.reps - first}
                assert labels["reps_by_side"] == expected
        else:
            hold = labels["holds"][0]
            assert labels["hold_s"]["expected"] == pytest.approx(hold["end_s"] - hold["start_s"])
            for fault in labels["faults"]:
                assert hold["start_s"] <= fault["start_s"] - FAULT_RAMP_S / 2 and fault["end_s"] + FAULT_RAMP_S / 2 <= hold["end_s"]


def test_cat_camel_rushed_cycle_is_under_two_seconds():
    spec = _fault_spec("cat_camel", "rushed")
    clean, rushed = build_schedule(spec).reps[:2]
    assert clean.end_s - clean.start_s > 4.0
    assert rushed.end_s - rushed.start_s < 2.0  # the analyzer's RUSHED_CYCLE_S


def _scene(spec, t):
    """Landmarks, the posed body and the props of a clip at time t."""
    body = load_body(spec.body)
    motion = ClipMotion(spec, body)
    posed = pose_body(body, motion.posture_at(t))
    return dict(zip(LANDMARK_NAMES, posed.landmarks)), posed, motion.props_at(t, posed)


def _at_peak(spec, rep=1, **kw):
    return _scene(spec, build_schedule(spec).reps[rep - 1].peak_s)


from formcheck_synth.body import LANDMARK_NAMES, load_body  # noqa: E402


def test_superman_lifts_arms_and_legs_and_cranks_the_neck():
    spec = _fault_spec("superman", "neck_cranked", reps=2)
    rest, _, _ = _scene(spec, 0.5)
    top, posed, props = _at_peak(spec, 1)
    assert props is None
    assert posed.vertices[:, 2].min() == pytest.approx(0.0)
    assert _elevation(top["left_hip"], top["left_ankle"]) >= 8 and _elevation(top["left_shoulder"], top["left_wrist"]) >= 8
    assert abs(_elevation(rest["left_hip"], rest["left_ankle"])) < 6
    cranked, _, _ = _at_peak(spec, 2)
    # As the analyzer: the face (ear->nose) against the trunk's downward normal; its bound is 50 deg.
    neck = lambda lm: _elevation(lm["left_ear"], lm["nose"]) - (_elevation(lm["left_hip"], lm["left_shoulder"]) - 90)  # noqa: E731
    assert neck(top) < 30 and neck(cranked) > 55


def test_dead_bug_tabletop_extension_and_faults():
    spec = ClipSpec("dead_bug", reps=3, faults=(FaultSpec("leg_too_low", reps=(2,)), FaultSpec("low_back_arch", reps=(3,))))
    start, _, _ = _scene(spec, 0.5)
    assert _angle(start["left_shoulder"], start["left_hip"], start["left_knee"]) == pytest.approx(90, abs=10)
    assert _angle(start["left_hip"], start["left_knee"], start["left_ankle"]) == pytest.approx(90, abs=10)
    top, _, _ = _at_peak(spec, 1)  # left arm and right leg
    assert _elevation(top["left_shoulder"], top["left_wrist"]) < 10  # overhead, along the floor
    assert 0 < _elevation(top["right_hip"], top["right_ankle"]) < 20  # hovering
    low, _, _ = _at_peak(spec, 2)
    assert _elevation(low["left_hip"], low["left_ankle"]) <= 0.5
    arched, _, _ = _at_peak(spec, 3)
    assert _elevation(arched["left_shoulder"], arched["left_hip"]) - _elevation(start["left_shoulder"], start["left_hip"]) > 10


def _head_pitch(lm):
    trunk, head = lm["left_shoulder"] - lm["left_hip"], lm["left_ear"] - lm["left_shoulder"]
    return _elevation(np.zeros(3), head) - _elevation(np.zeros(3), trunk)


def test_cat_camel_head_range_and_hands_planted():
    spec = ClipSpec("cat_camel", reps=1)
    cat, posed_cat, _ = _scene(spec, 0.5)
    camel, posed_camel, _ = _at_peak(spec)
    assert _head_pitch(camel) - _head_pitch(cat) > 40  # the analyzer counts a cycle from 25
    for lm in (cat, camel):
        assert lm["left_wrist"][2] < 0.08 and lm["left_knee"][2] < 0.12


def test_prone_press_up_lifts_the_chest_with_the_hips_down():
    spec = _fault_spec("prone_press_up", "hips_lift")
    hold = build_schedule(spec).hold
    lying, _, _ = _scene(spec, 0.3)
    up, _, _ = _scene(spec, hold.start_s + 0.5)
    lifted, _, _ = _scene(spec, 5.5)
    body_length = sum(np.linalg.norm(up[f"left_{a}"] - up[f"left_{b}"]) for a, b in (("shoulder", "hip"), ("hip", "knee"), ("knee", "ankle")))
    assert _elevation(lying["left_hip"], lying["left_shoulder"]) < 10
    assert _elevation(up["left_hip"], up["left_shoulder"]) > 30
    assert up["left_hip"][2] - lying["left_hip"][2] < 0.05 and up["left_wrist"][2] < 0.08
    assert lifted["left_hip"][2] - up["left_hip"][2] > 0.1 * body_length


def test_childs_pose_sits_back_with_the_chest_down():
    spec = ClipSpec("childs_pose", hold_s=6.0)
    lm, _, _ = _scene(spec, build_schedule(spec).hold.start_s + 1.0)
    assert _angle(lm["left_hip"], lm["left_knee"], lm["left_ankle"]) < 55
    assert _angle(lm["left_shoulder"], lm["left_hip"], lm["left_knee"]) < 55
    assert lm["left_shoulder"][2] <= lm["left_hip"][2] and lm["left_wrist"][2] < 0.08


@pytest.mark.parametrize("side", ["left", "right"])
def test_figure_four_crosses_the_ankle_over_the_other_knee(side):
    spec = ClipSpec("figure_four", hold_s=6.0, side=side)
    lm, _, _ = _scene(spec, build_schedule(spec).hold.start_s + 1.0)
    other = "right" if side == "left" else "left"
    shin = np.linalg.norm(lm[f"{side}_knee"] - lm[f"{side}_ankle"])
    assert np.linalg.norm(lm[f"{side}_ankle"] - lm[f"{other}_knee"]) < 0.35 * shin
    assert _angle(lm[f"{other}_shoulder"], lm[f"{other}_hip"], lm[f"{other}_knee"]) < 100


def _bench_clear(posed, props, tolerance=0.01):
    """No body vertex inside the props' bounding boxes' tops: the body rests on the bench, never in it."""
    top = props.vertices[:, 2].max()
    lo, hi = props.vertices[:, :2].min(axis=0), props.vertices[:, :2].max(axis=0)
    inside = np.all((posed.vertices[:, :2] > lo) & (posed.vertices[:, :2] < hi), axis=1)
    return posed.vertices[inside, 2].min() >= top - tolerance


def test_hip_thrust_top_is_straight_on_a_bench():
    spec = ClipSpec("hip_thrust", reps=3, faults=(FaultSpec("incomplete_extension", reps=(2,)), FaultSpec("chin_up", reps=(3,))))
    top, posed, props = _at_peak(spec, 1)
    assert _angle(top["left_shoulder"], top["left_hip"], top["left_knee"]) == pytest.approx(180, abs=5)
    assert _angle(top["left_hip"], top["left_knee"], top["left_ankle"]) == pytest.approx(90, abs=10)
    shin = np.linalg.norm(top["left_knee"] - top["left_ankle"])
    assert (top["left_shoulder"][2] - top["left_ankle"][2]) / shin > 0.4  # the analyzer's bench test
    assert props is not None and _bench_clear(posed, props)
    short, _, _ = _at_peak(spec, 2)
    assert _angle(short["left_shoulder"], short["left_hip"], short["left_knee"]) == pytest.approx(150, abs=5)
    bottom, posed, props = _scene(spec, 0.5)
    assert _bench_clear(posed, props) and posed.vertices[:, 2].min() == pytest.approx(0.0)
    chin, _, _ = _at_peak(spec, 3)
    # As the analyzer: the ear below the hip->shoulder line's continuation; its bound is 20 deg.
    assert 180 - _angle(chin["left_hip"], chin["left_shoulder"], chin["left_ear"]) > 20
    assert planar(top["left_ear"])[1] > planar(top["left_shoulder"])[1]  # chin tucked: the head above the line


def test_reverse_hip_raise_legs_from_the_floor_to_in_line():
    spec = ClipSpec("reverse_hip_raise", reps=2, faults=(FaultSpec("over_raise", reps=(2,)),))
    bottom, posed, props = _scene(spec, 0.5)
    assert _angle(bottom["left_shoulder"], bottom["left_hip"], bottom["left_knee"]) == pytest.approx(140, abs=6)
    assert posed.vertices[:, 2].min() == pytest.approx(0.0, abs=1e-6)  # toes on the floor
    top, posed, props = _at_peak(spec, 1)
    assert _angle(top["left_shoulder"], top["left_hip"], top["left_knee"]) == pytest.approx(180, abs=5)
    assert _bench_clear(posed, props)
    over, _, _ = _at_peak(spec, 2)
    assert over["left_knee"][2] > over["left_hip"][2]  # legs above the torso line: past 195 on the back side


def test_back_extension_torso_rises_to_the_line_of_the_legs():
    spec = ClipSpec("back_extension", reps=2, faults=(FaultSpec("hyperextension", reps=(2,)),))
    bottom, posed, props = _scene(spec, 0.5)
    assert _angle(bottom["left_shoulder"], bottom["left_hip"], bottom["left_knee"]) < 100
    assert posed.vertices[:, 2].min() > 0.0 and props is not None
    top, _, _ = _at_peak(spec, 1)
    assert _angle(top["left_shoulder"], top["left_hip"], top["left_knee"]) == pytest.approx(180, abs=5)
    hyper, _, _ = _at_peak(spec, 2)
    # Past the line on the back side: the shoulder above the leg line's extension.
    line = top["left_hip"] - top["left_knee"]
    rel = hyper["left_shoulder"] - hyper["left_hip"]
    assert np.cross(line[[0, 2]], rel[[0, 2]]) * np.cross(line[[0, 2]], np.array([0.0, 1.0])) > 0


def _knee_flexion(lm, side="left"):
    return 180.0 - _angle(lm[f"{side}_hip"], lm[f"{side}_knee"], lm[f"{side}_ankle"])


def _load(props):
    return props.vertices.min(axis=0), props.vertices.max(axis=0)


@pytest.mark.parametrize(
    "name, clean_max, floor",
    [
        ("deadlift", 70, PLATE_RADIUS_M),
        ("kettlebell_deadlift", 70, HANDLE_HEIGHT_M),
        ("romanian_deadlift", 30, None),
        ("single_leg_romanian_deadlift", 30, None),
    ],
)
def test_deadlift_bottoms_hinge_or_squat(name, clean_max, floor):
    spec = ClipSpec(name, reps=2, faults=(FaultSpec("squat_pattern", reps=(2,)),))
    hinge, posed, props = _at_peak(spec, 1)
    assert _knee_flexion(hinge) < clean_max
    assert props is not None and len(props.triangles)
    lo, hi = _load(props)
    if floor is not None:
        assert lo[2] == pytest.approx(0.0, abs=0.01)  # plates or bell on the floor
    if name in ("deadlift", "romanian_deadlift"):
        # Plates outside the body either side: the near one is between the camera and the legs.
        assert lo[1] < posed.vertices[:, 1].min() and hi[1] > posed.vertices[:, 1].max()
    squat, _, props2 = _at_peak(spec, 2)
    assert _knee_flexion(squat) > 70
    assert _load(props2)[0][2] == pytest.approx(lo[2], abs=0.02)  # same depth, reached by the knees


def test_single_leg_deadlift_stands_on_one_leg():
    spec = ClipSpec("single_leg_romanian_deadlift", reps=1, side="right")
    lm, _, _ = _at_peak(spec)
    leg = np.linalg.norm(lm["left_hip"] - lm["left_knee"]) + np.linalg.norm(lm["left_knee"] - lm["left_ankle"])
    assert lm["left_ankle"][2] - lm["right_ankle"][2] > 0.15 * leg
    assert _elevation(lm["left_hip"], lm["left_ankle"]) == pytest.approx(-_elevation(lm["left_hip"], lm["left_shoulder"]), abs=15)


def _trunk_incline(lm):
    """Hip-to-shoulder line from vertical, + forward (facing -x)."""
    d = (lm["left_shoulder"] + lm["right_shoulder"]) / 2 - (lm["left_hip"] + lm["right_hip"]) / 2
    return float(np.degrees(np.arctan2(-d[0], d[2])))


def test_deadlift_finish_faults_show_at_the_end_of_the_rep():
    spec = ClipSpec("deadlift", reps=3, faults=(FaultSpec("incomplete_lockout", reps=(2,)), FaultSpec("leaning_back", reps=(3,))))
    reps = build_schedule(spec).reps
    clean, _, _ = _scene(spec, reps[0].end_s)
    short, _, _ = _scene(spec, reps[1].end_s)
    held, _, _ = _scene(spec, (reps[1].end_s + reps[2].start_s) / 2)
    lean, _, _ = _scene(spec, reps[2].end_s)
    after, _, _ = _scene(spec, reps[2].end_s + 0.6)
    assert abs(_trunk_incline(clean)) < 5 and abs(_trunk_incline(after)) < 5
    for unfinished in (short, held):  # held until the next rep starts from it
        assert 180 - _angle(unfinished["left_knee"], unfinished["left_hip"], unfinished["left_shoulder"]) > 25  # the analyzer's bound
    assert _trunk_incline(lean) < -12  # the analyzer's LEANING_BACK_DEG


def test_near_plate_hides_the_near_leg_in_the_labels():
    from formcheck_synth.render import render_frame, set_stage

    spec = ClipSpec("deadlift", reps=1, width=192, height=108, noise=False, jpeg_quality=None, settle_s=0.5)
    stage = set_stage(spec)
    hidden = lambda t: {n for n, h in zip(LANDMARK_NAMES, render_frame(stage, int(round(t * spec.fps))).occluded) if h}  # noqa: E731
    assert "left_hip" in hidden(0.2)  # standing: the plate is at hip height
    bottom = hidden(build_schedule(spec).reps[0].peak_s)
    assert {"left_knee", "left_ankle"} <= bottom and "right_knee" in bottom
