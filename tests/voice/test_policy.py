"""The cue policy on synthetic event streams: what is said, when, and what is not repeated."""

from formcheck.core import Assessment, FaultRule, Status
from formcheck.events import HoldEnded, HoldStarted, Rep, RepCompleted
from formcheck.hud import SetupView
from formcheck.plans.events import RestStarted, SetStarted
from formcheck.pose.landmarks import Side
from formcheck.voice.policy import FAULT_COOLDOWN_S, FAULT_PERSIST_S, CueKind, CuePolicy

SAG = FaultRule("hip_sag", "Hips sagging", "Lift your hips")
IN = Assessment(t_s=0.0, status=Status.IN_POSITION, cue="Good form")


def rep(index, t_s, faults=(), side=None):
    return RepCompleted(t_s, rep=Rep(index, t_s - 3, t_s - 1.5, t_s, 180.0, 1.0, 1.0, 1.0, side=side, faults=faults))


def run(policy, frames):
    """frames: (t_s, assessment, events[, setup]); returns all cues."""
    cues = []
    for t_s, assessment, events, *setup in frames:
        cues += policy.update(t_s, assessment, events, setup[0] if setup else None)
    return cues


def test_rep_counts_are_spoken_as_numbers_and_sides():
    policy = CuePolicy()
    cues = run(policy, [(4.0, IN, [rep(1, 4.0)]), (8.0, IN, [rep(2, 8.0)])])
    assert [(c.t_s, c.text, c.kind) for c in cues] == [(4.0, "one", CueKind.COUNT), (8.0, "two", CueKind.COUNT)]
    sided = Assessment(t_s=0, status=Status.IN_POSITION, cue="", reps_by_side={"left": 3, "right": 2})
    assert [c.text for c in CuePolicy().update(9.0, sided, [rep(5, 9.0, side=Side.LEFT)])] == ["three left"]


def test_hold_checkpoints_every_ten_seconds_then_halfway_and_done_with_a_target():
    policy = CuePolicy()
    frames = [(0.0, IN, [SetStarted(0.0, exercise_id="plank", exercise="Plank", set_number=1, sets=3, target="hold 30 s", target_hold_s=30.0)])]
    frames += [(1.0, IN, [HoldStarted(1.0)])]
    frames += [(1.0 + i / 10, IN, []) for i in range(1, 320)]
    cues = [c for c in run(policy, frames) if c.kind is CueKind.HOLD]
    assert [(round(c.t_s, 1), c.text) for c in cues] == [(11.0, "ten seconds."), (16.0, "Halfway."), (21.0, "twenty seconds."), (31.0, "Done.")]


def test_open_hold_counts_checkpoints_and_stops_when_the_hold_ends():
    policy = CuePolicy()
    frames = [(0.0, IN, [HoldStarted(0.0)])] + [(i / 10, IN, []) for i in range(1, 251)] + [(25.1, IN, [HoldEnded(25.1, start_s=0.0, good_form_s=25.0)])]
    frames += [(25.1 + i / 10, IN, []) for i in range(1, 100)]
    assert [c.text for c in run(policy, frames) if c.kind is CueKind.HOLD] == ["ten seconds.", "twenty seconds."]


def test_a_fault_is_spoken_only_once_it_persists_and_not_again_within_the_cooldown():
    policy = CuePolicy()
    faulty = Assessment(t_s=0.0, status=Status.IN_POSITION, cue="Lift your hips", active_faults=(SAG,))
    frames = [(t / 10, faulty, []) for t in range(0, 300)]  # 30 s of the same sag
    cues = [c for c in run(policy, frames) if c.kind is CueKind.FAULT]
    assert [c.text for c in cues] == ["Lift your hips"] * len(cues)
    assert round(cues[0].t_s, 1) == FAULT_PERSIST_S
    assert all(b.t_s - a.t_s >= FAULT_COOLDOWN_S for a, b in zip(cues, cues[1:]))
    assert len(cues) == 3  # at 2, 14 and 26 s


def test_a_brief_fault_is_never_spoken():
    policy = CuePolicy()
    faulty = Assessment(t_s=0.0, status=Status.IN_POSITION, cue="Lift your hips", active_faults=(SAG,))
    frames = [(t / 10, faulty if (t // 15) % 2 == 0 else IN, []) for t in range(0, 300)]  # 1.5 s on, 1.5 s off
    assert [c for c in run(policy, frames) if c.kind is CueKind.FAULT] == []


def test_a_rep_fault_is_spoken_when_it_repeats_not_the_first_time():
    policy = CuePolicy()
    cue = Assessment(t_s=0.0, status=Status.IN_POSITION, cue="Pause at the top")
    frames = [(4.0, cue, [rep(1, 4.0, ("rushing",))]), (8.0, cue, [rep(2, 8.0)]), (12.0, cue, [rep(3, 12.0, ("rushing",))])]
    faults = [c for c in run(policy, frames) if c.kind is CueKind.FAULT]
    assert [(c.t_s, c.text) for c in faults] == [(12.0, "Pause at the top")]


def test_rest_switch_sides_and_next_exercise_are_announced():
    policy = CuePolicy()
    cues = policy.update(5.0, IN, [RestStarted(5.0, rest_s=10.0, next_exercise="Side plank", new_exercise=False, switch_sides=True)])
    cues += policy.update(9.0, IN, [RestStarted(9.0, rest_s=60.0, next_exercise="Bird dog", new_exercise=True)])
    assert [c.text for c in cues] == ["Rest ten seconds.", "Switch sides.", "Rest one minute.", "Next: Bird dog."]
    assert [c.kind for c in cues] == [CueKind.PLAN, CueKind.SIDES, CueKind.PLAN, CueKind.NEXT]


def test_setup_guidance_is_repeated_at_most_every_few_seconds_and_the_countdown_once():
    policy = CuePolicy()
    out = SetupView("Move the camera back, I can't see your feet")
    frames = [(t / 10, IN, [], out) for t in range(0, 130)]
    frames += [(13.0 + t / 10, IN, [], SetupView("ok", countdown_s=2.9 - t / 10)) for t in range(0, 29)]
    cues = run(policy, frames)
    assert [(round(c.t_s, 1), c.text[:10]) for c in cues] == [(0.0, "Move the c"), (6.0, "Move the c"), (12.0, "Move the c"), (13.0, "Good. Star")]
