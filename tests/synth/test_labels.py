import pytest

from formcheck_synth.labels import build_labels
from formcheck_synth.spec import ClipSpec, FaultSpec, Tempo
from formcheck_synth.timeline import FAULT_RAMP_S, build_schedule, posture_fault_amount

EMPTY_JOINTS = {"xy": [], "occluded": []}


def test_rep_intervals_peaks_and_rep_faults():
    tempo = Tempo(up_s=1.0, top_pause_s=2.0, down_s=1.0, rest_s=0.5)
    spec = ClipSpec("glute_bridge", reps=3, tempo=tempo, settle_s=2.0, faults=(FaultSpec("rushing", reps=(2,)),))
    labels = build_labels(spec, build_schedule(spec), "x.mp4", EMPTY_JOINTS)
    assert labels["reps"]["expected"] == 3
    assert labels["reps"]["peaks_s"][0] == pytest.approx(2.0 + 1.0 + 1.0)
    rushed = labels["rep_intervals"][1]
    assert rushed["top_end_s"] - rushed["top_start_s"] < 0.15
    assert labels["faults"] == [{"code": "rushing", "start_s": rushed["start_s"], "end_s": rushed["end_s"]}]
    assert labels["hold_s"] is None and labels["holds"] == []


def test_bird_dog_alternates_sides():
    spec = ClipSpec("bird_dog", reps=4, side="right")
    labels = build_labels(spec, build_schedule(spec), "x.mp4", EMPTY_JOINTS)
    assert [r["side"] for r in labels["rep_intervals"]] == ["right", "left", "right", "left"]
    assert labels["reps_by_side"] == {"left": 2, "right": 2}


def test_hold_and_posture_fault_interval():
    spec = ClipSpec("plank", hold_s=10.0, settle_s=2.0, faults=(FaultSpec("hip_sag", start_s=6.0, end_s=9.0),))
    labels = build_labels(spec, build_schedule(spec), "x.mp4", EMPTY_JOINTS)
    assert labels["holds"][0]["start_s"] == pytest.approx(3.0) and labels["holds"][0]["end_s"] == pytest.approx(13.0)
    assert (labels["hold_s"]["min"], labels["hold_s"]["max"]) == (9.5, 10.5)  # the target: within 5%
    assert labels["faults"] == [{"code": "hip_sag", "start_s": 6.0, "end_s": 9.0}]
    assert posture_fault_amount(spec, 6.0)["hip_sag"] == pytest.approx(0.5)
    assert posture_fault_amount(spec, 9.0)["hip_sag"] == pytest.approx(0.5)
    assert posture_fault_amount(spec, 7.5)["hip_sag"] == pytest.approx(1.0)
    assert posture_fault_amount(spec, 6.0 - FAULT_RAMP_S)["hip_sag"] == pytest.approx(0.0)


@pytest.mark.parametrize(
    "spec",
    [
        ClipSpec("plank", faults=(FaultSpec("hip_sag", reps=(1,)),)),
        ClipSpec("plank", hold_s=5, faults=(FaultSpec("hip_sag", start_s=1, end_s=4),)),
        ClipSpec("glute_bridge", faults=(FaultSpec("hip_sag", start_s=1, end_s=4),)),
        ClipSpec("glute_bridge", reps=2, faults=(FaultSpec("rushing", reps=(3,)),)),
        ClipSpec("glute_bridge", view="top"),
    ],
)
def test_bad_specs_are_refused(spec):
    from formcheck_synth.motion import ClipMotion
    from formcheck_synth.body import load_body

    with pytest.raises(ValueError):
        ClipMotion(spec.validate(), load_body("a"))
