"""The body rests on the floor where the exercise says it does, through the whole clip, and nowhere sinks in."""

import numpy as np
import pytest

from formcheck_synth.body import load_body
from formcheck_synth.motion import ClipMotion
from formcheck_synth.motions import base
from formcheck_synth.posing import pose_body
from formcheck.pose.landmarks import Landmark
from formcheck_synth.spec import TOP_ARMS, ClipSpec, FaultSpec

#: A part resting on the floor may hover this much (m) above it.
CONTACT_M = 0.015
#: Times sampled per clip.
SAMPLES = 16


def _specs(body):
    return {
        "glute_bridge": ClipSpec(
            "glute_bridge", body=body, reps=3, settle_s=1.0,
            faults=(FaultSpec("incomplete_extension", reps=(2,)), FaultSpec("over_arching", reps=(3,))),
        ),
        "plank": ClipSpec(
            "plank", body=body, hold_s=9.0, settle_s=1.0,
            faults=(FaultSpec("hip_sag", start_s=3.0, end_s=5.0), FaultSpec("hip_pike", start_s=6.5, end_s=8.5)),
        ),
        "bird_dog": ClipSpec(
            "bird_dog", body=body, reps=3, settle_s=1.0,
            faults=(FaultSpec("limb_below_level", reps=(2,)), FaultSpec("hip_rotation", reps=(3,))),
        ),
        "side_plank": ClipSpec(
            "side_plank", body=body, hold_s=6.0, settle_s=1.0, side="right", faults=(FaultSpec("hip_drop", start_s=3.0, end_s=5.0),)
        ),
    }  # fmt: skip


def _contacts(body, spec, motion, t):
    """The parts that must touch the floor at time t."""
    if spec.exercise == "glute_bridge":
        parts = [base.upper_back(body), base.back_of_head(body), base.heels(body), base.toes(body), base.hands(body)]
        if t < motion.schedule.reps[0].start_s:
            parts.append(base.buttocks(body))
        return parts
    if spec.exercise == "plank":
        parts = [base.forearms(body), base.toes(body)]
        if not motion.schedule.hold.lift_start_s <= t <= motion.schedule.hold.lowered_s:
            parts += [base.hips_front(body), base.knees(body)]
        return parts
    if spec.exercise == "side_plank":
        side = "L" if spec.side == "left" else "R"
        parts = [base.forearms(body, side), base.feet(body, side)]
        if not motion.schedule.hold.lift_start_s <= t <= motion.schedule.hold.lowered_s:
            parts.append(base.hip_side(body, side))
        return parts
    rep = next((r for r in motion.schedule.reps if r.start_s <= t <= r.end_s), None)
    if rep is None:
        return [base.hands(body), base.knees(body), base.shins_and_feet(body)]
    hand, leg = ("R", "L") if rep.side == "left" else ("L", "R")
    return [base.hands(body, hand), base.knees(body, leg), base.shins_and_feet(body, leg)]


@pytest.mark.parametrize("exercise", ["glute_bridge", "plank", "bird_dog", "side_plank"])
@pytest.mark.parametrize("body_name", ["a", "b"])
def test_contacts_rest_on_the_floor(exercise, body_name):
    body = load_body(body_name)
    spec = _specs(body_name)[exercise]
    motion = ClipMotion(spec, body)
    for t in np.linspace(0.0, motion.duration_s, SAMPLES):
        posed = pose_body(body, motion.posture_at(t))
        assert posed.vertices[:, 2].min() == pytest.approx(0.0, abs=1e-9)
        for part in _contacts(body, spec, motion, t):
            gap = part.gap(posed.vertices[part.vertices])
            assert gap <= CONTACT_M, f"{exercise} body {body_name} at {t:.2f} s: {part.name} {100 * gap:.1f} cm above the floor"


@pytest.mark.parametrize("top_arm", TOP_ARMS)
def test_the_side_planks_top_arm_is_where_the_spec_puts_it_and_the_contacts_hold(top_arm):
    body = load_body("a")
    spec = ClipSpec("side_plank", body="a", hold_s=4.0, settle_s=1.0, side="left", top_arm=top_arm)
    motion = ClipMotion(spec, body)
    t = motion.schedule.hold.lift_start_s + 0.5 * (motion.schedule.hold.lowered_s - motion.schedule.hold.lift_start_s)
    posed = pose_body(body, motion.posture_at(t))
    for part in _contacts(body, spec, motion, t):
        assert part.gap(posed.vertices[part.vertices]) <= CONTACT_M
    rise = posed.landmarks[Landmark.RIGHT_WRIST][2] - posed.landmarks[Landmark.RIGHT_SHOULDER][2]
    arm = np.linalg.norm(posed.landmarks[Landmark.RIGHT_WRIST] - posed.landmarks[Landmark.RIGHT_SHOULDER])
    # Raised: the wrist straight above the shoulder; along the flank: at about the shoulder's height.
    assert rise / arm > 0.95 if top_arm == "raised" else abs(rise / arm) < 0.4
