import numpy as np

from formcheck_synth.labels import NO_EXERCISE, FrameLabels, RepPhase, frame_labels
from formcheck_synth.spec import ClipSpec, FaultSpec, Tempo
from formcheck_synth.timeline import build_schedule

TEMPO = Tempo(1.0, 1.0, 1.0, 0.5)


def labels_of(spec, fps=10.0):
    schedule = build_schedule(spec)
    times = np.arange(int(schedule.duration_s * fps)) / fps
    return times, schedule, frame_labels(spec, schedule, times)


def test_rep_faults_cover_their_rep_and_no_other_frame():
    spec = ClipSpec("glute_bridge", reps=3, tempo=TEMPO, settle_s=1.0, faults=(FaultSpec("rushing", reps=(2,)),))
    times, schedule, labels = labels_of(spec)
    rep2 = schedule.reps[1]
    column = labels.faults[:, labels.fault_codes.index("rushing")]
    assert np.array_equal(column, (times >= rep2.start_s) & (times <= rep2.end_s))
    assert not labels.faults[:, labels.fault_codes.index("over_arching")].any()


def test_rep_phases_run_rest_up_top_down_and_number_the_reps():
    spec = ClipSpec("bird_dog", reps=2, tempo=TEMPO, settle_s=1.0)
    times, schedule, labels = labels_of(spec)
    assert labels.in_position.all() and not labels.hold.any()
    first = schedule.reps[0]
    during = (times >= first.start_s) & (times <= first.end_s)
    phases = labels.rep_phase[during]
    changes = [int(p) for i, p in enumerate(phases) if i == 0 or p != phases[i - 1]]
    assert changes == [RepPhase.UP, RepPhase.TOP, RepPhase.DOWN]
    assert labels.rep_phase[0] == RepPhase.REST and labels.rep[0] == 0
    assert set(labels.rep[labels.rep > 0]) == {1, 2}


def test_a_hold_is_in_position_only_while_held_and_its_posture_fault_lies_inside():
    spec = ClipSpec("plank", hold_s=6.0, settle_s=1.0, faults=(FaultSpec("hip_sag", start_s=3.5, end_s=5.5),))
    times, schedule, labels = labels_of(spec)
    held = (times >= schedule.hold.start_s) & (times <= schedule.hold.end_s)
    assert np.array_equal(labels.hold, held) and np.array_equal(labels.in_position, held)
    sag = labels.faults[:, labels.fault_codes.index("hip_sag")]
    assert sag.sum() == 21  # 3.5 s to 5.5 s at 10 fps, both ends included
    assert not (sag & ~held).any()
    assert (labels.rep_phase == RepPhase.NONE).all()


def test_a_negative_clip_is_none_in_every_frame():
    labels = FrameLabels.nothing(30)
    assert labels.exercise == NO_EXERCISE
    assert not labels.in_position.any() and not labels.hold.any() and labels.faults.shape == (30, 0)
    arrays = labels.arrays()
    assert arrays["label_rep_phase"].shape == (30,) and str(arrays["label_exercise"]) == "none"
