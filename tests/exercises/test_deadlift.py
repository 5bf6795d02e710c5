"""Deadlift / single-leg RDL analyzer on synthetic landmark sequences: reps, hinge or squat,
lockout, single-leg sides; and the squat clip as a negative."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import posegen as g
import poses_stretches_lifts as P
from formcheck.core import Status
from formcheck.events import FaultEnded, RepCompleted
from formcheck.exercises.deadlift import LEGS_HIDDEN, LOCKOUT_SKIPPED, Deadlift
from formcheck.pose.landmarks import Joint, Landmark, Side

TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.0, down_s=1.0)
TALL = (0.0, 0.0)
RDL = (20.0, 80.0)
"""(knee bend, trunk lean) at the bottom of a Romanian deadlift: soft knees, trunk near horizontal."""
SQUAT = (110.0, 45.0)


def lifts(reps, bottom=RDL, finish=TALL, tempo=TEMPO, noise_m=0.0, seed=0, lead_s=1.0):
    """Stand tall for ``lead_s``, then ``reps`` reps down to ``bottom`` and back up to ``finish``
    (knee bend, trunk lean); the person stands fully tall only before the first rep."""
    rng = np.random.default_rng(seed)

    def poses(t):
        index, u = g.rep_phase(t, tempo, reps, lead_s=lead_s)
        top = TALL if t < lead_s + tempo.up_s else finish
        knee, lean = (top[k] + u * (bottom[k] - top[k]) for k in (0, 1))
        return g.to_pose(g.standing(knee, lean), t, noise_m=noise_m, rng=rng)

    return poses


def run(poses, reps, tempo=TEMPO, lead_s=1.0):
    return g.run(Deadlift(), poses, lead_s + reps * tempo.period_s + 1.0)


def reps_of(events):
    return [e.rep for e in events if isinstance(e, RepCompleted)]


def codes(events):
    return sorted(e.fault.code for e in events if isinstance(e, FaultEnded))


def test_counts_clean_hinges_with_their_tempo():
    assessments, events = run(lifts(4, noise_m=0.003), 4)
    reps = reps_of(events)
    assert len(reps) == 4
    assert codes(events) == []
    for i, rep in enumerate(reps):
        # A rep is the pull from the bottom of the hinge (trunk 80 forward: uprightness 10) to
        # lockout (90), the lockout, and the lowering into the next hinge.
        assert rep.side is None
        assert rep.peak == pytest.approx(90.0, abs=1.5)
        assert rep.bottom == pytest.approx(10.0, abs=1.5)
        assert rep.peak_s == pytest.approx(1.0 + i * TEMPO.period_s + 3.5, abs=0.6)
        assert rep.up_s == pytest.approx(1.0, abs=0.3)
        # The count goes up at lockout, once the lifter has stood still there briefly.
        assert rep.end_s - rep.peak_s < 0.5
    assert assessments[-1].reps == 4
    assert assessments[-1].reps_by_side is None  # two-legged: sides do not apply


def test_squats_are_flagged_every_rep():
    _, events = run(lifts(3, bottom=SQUAT), 3)
    assert len(reps_of(events)) == 3
    assert codes(events) == ["squat_pattern"] * 3


def test_shallow_knee_dominant_dip_is_a_squat_pattern():
    """Knees bend 65 while the trunk tips only 35: the knees make the movement."""
    _, events = run(lifts(2, bottom=(65.0, 35.0)), 2)
    assert len(reps_of(events)) == 2
    assert codes(events) == ["squat_pattern"] * 2


def test_conventional_knee_bend_with_a_deep_hinge_is_a_hinge():
    """Knees bent 55 with the trunk tipped 60: more bend than an RDL, still hips-first."""
    _, events = run(lifts(2, bottom=(55.0, 60.0)), 2)
    assert len(reps_of(events)) == 2
    assert codes(events) == []


def test_stopping_short_of_lockout():
    """Up to a trunk 20 degrees forward with soft knees: hips still flexed 30 at the finish."""
    _, events = run(lifts(3, finish=(20.0, 20.0)), 3)
    assert len(reps_of(events)) == 3
    assert codes(events) == ["incomplete_lockout"] * 3
    fault = next(e.fault for e in events if isinstance(e, FaultEnded))
    rep = reps_of(events)[0]
    assert (fault.start_s, fault.end_s) == (rep.start_s, rep.end_s)


def test_leaning_back_at_lockout():
    """Each finish leans 20 degrees back: past 12 degrees for the last sixth of the stand-up,
    the rest between reps and the start of the next rep (or to the end of the session)."""
    _, events = run(lifts(2, finish=(0.0, -20.0)), 2)
    assert len(reps_of(events)) == 2
    assert codes(events) == ["leaning_back"] * 2
    first, second = (e.fault for e in events if isinstance(e, FaultEnded))
    assert (first.start_s, first.end_s) == pytest.approx((3.83, 5.17), abs=0.1)
    assert (second.start_s, second.end_s) == pytest.approx((7.83, 9.97), abs=0.1)


def test_standing_with_jitter_and_sway_counts_nothing():
    rng = np.random.default_rng(4)
    _, events = g.run(Deadlift(), lambda t: g.to_pose(g.standing(5.0, 8.0 * np.sin(t * 2.0)), t, noise_m=0.004, rng=rng), 15.0)
    assert reps_of(events) == []


def swings(count, top_arm_deg, lead_s=1.0):
    """Kettlebell swings: the hinge of a Romanian deadlift, but the straight arms swing the bell
    forward as the hips lock out, to ``top_arm_deg`` from hanging, and back between the legs."""

    def poses(t):
        _, u = g.rep_phase(t, TEMPO, count, lead_s=lead_s)
        knee, lean = (u * RDL[k] for k in (0, 1))
        arm = -30.0 * u + (1.0 - u) * top_arm_deg if t >= lead_s else 0.0
        return g.to_pose(g.standing(knee, lean, arm_deg=arm), t)

    return poses


def test_kettlebell_swings_are_not_deadlift_reps():
    """The same hinge counts when the arms hang at lockout; swung forward to about shoulder height
    (a swing) or half way (a low swing), it is not a pull of a hanging load."""
    assert len(reps_of(run(swings(4, 0.0), 4)[1])) == 4
    assert len(reps_of(run(swings(4, 35.0), 4)[1])) == 4
    assert reps_of(run(swings(4, 90.0), 4)[1]) == []
    assert reps_of(run(swings(4, 65.0), 4)[1]) == []


def test_getting_up_from_a_squat_is_not_a_rep():
    """Crouched in a squat for 2 s (not set up for a pull: out of position), then two reps."""

    def poses(t):
        if t < 2.0:
            return g.to_pose(g.standing(*SQUAT), t)
        return lifts(2, lead_s=3.0)(t)

    assessments, events = run(poses, 2, lead_s=3.0)
    assert assessments[int(1.0 * g.FPS)].status is Status.OUT_OF_POSITION
    assert len(reps_of(events)) == 2


def test_a_set_pulled_from_the_floor_counts_every_lockout():
    """Set up at the bar (hinged, arms hanging) from the first frame, as a lift from the floor
    starts: each pull to lockout (at 1, 4 and 7 s) is a rep, the first one included, and the set
    ends back at the bottom."""
    pull = g.RepTempo(rest_s=0.0, up_s=1.0, top_s=1.0, down_s=1.0)

    def poses(t):
        _, u = g.rep_phase(t, pull, 3, lead_s=0.0)
        knee, lean = (RDL[k] * (1.0 - u) for k in (0, 1))
        return g.to_pose(g.standing(knee, lean), t)

    _, events = g.run(Deadlift(), poses, 3 * pull.period_s + 0.5)
    reps = reps_of(events)
    assert [rep.peak_s for rep in reps] == pytest.approx([1.5, 4.5, 7.5], abs=0.6)
    assert [rep.up_s for rep in reps] == pytest.approx([1.0] * 3, abs=0.3)
    assert codes(events) == []


def test_leaving_to_the_floor_ends_the_position():
    """Standing, then kneeling down (shins along the floor): out of position, nothing counted."""

    def poses(t):
        body = g.standing() if t < 2.0 else P.kneeling_fold(90.0, 170.0, -90.0)
        return g.to_pose(body, t)

    assessments, events = g.run(Deadlift(), poses, 5.0)
    assert assessments[int(1.0 * g.FPS)].status is Status.IN_POSITION
    assert assessments[-1].status is Status.OUT_OF_POSITION
    assert reps_of(events) == []


def single_leg_reps(stances, lean=85.0, tempo=TEMPO, noise_m=0.0):
    rng = np.random.default_rng(1)

    def poses(t):
        index, u = g.rep_phase(t, tempo, len(stances))
        stance = stances[max(index, 0)]
        return g.to_pose(P.single_leg_rdl(stance, u * lean), t, noise_m=noise_m, rng=rng)

    return poses


def test_single_leg_reps_are_counted_per_standing_leg():
    stances = [Side.LEFT, Side.LEFT, Side.RIGHT, Side.RIGHT]
    assessments, events = run(single_leg_reps(stances, noise_m=0.003), 4)
    reps = reps_of(events)
    assert [r.side for r in reps] == stances
    assert assessments[-1].reps_by_side == {"left": 2, "right": 2}
    assert codes(events) == []


def test_single_leg_depth_detection():
    """The free foot is off the floor and behind once the hinge is under way, not when standing."""
    ex = Deadlift()
    ex.update(g.to_pose(P.single_leg_rdl(Side.RIGHT, 0.0), 0.0), 0.0)
    standing = ex.update(g.to_pose(P.single_leg_rdl(Side.RIGHT, 0.0), 0.1), 0.1)
    hinged = ex.update(g.to_pose(P.single_leg_rdl(Side.RIGHT, 45.0), 0.2), 0.2)
    assert standing.metrics.standing_leg is None
    assert hinged.metrics.standing_leg is Side.RIGHT
    assert hinged.metrics.foot_lift > 0.15


def test_hidden_far_leg_is_said_and_reps_stay_two_legged():
    hidden = {Landmark.RIGHT_KNEE: 0.05, Landmark.RIGHT_ANKLE: 0.05}
    base = lifts(2)
    assessments, events = run(lambda t: _hide(base(t), hidden), 2)
    assert len(reps_of(events)) == 2
    assert all(r.side is None for r in reps_of(events))
    assert any("right leg" in u for u in assessments[int(2.0 * g.FPS)].unmeasured)


def _hide(pose, visibility):
    vis = pose.visibility.copy()
    for landmark, value in visibility.items():
        vis[landmark] = value
    return replace(pose, visibility=vis)


def test_legs_hidden_behind_the_plates_count_but_are_not_judged():
    """Side-on, the plates hide the near shin and knee (and the far leg behind them): the reps,
    counted on the trunk, count; the squat pattern, lockout and lean back are skipped and said so."""
    plates = {lm: 0.2 for j in (Joint.KNEE, Joint.ANKLE) for lm in (j.of(Side.LEFT), j.of(Side.RIGHT))}
    for bottom, finish in ((SQUAT, TALL), (RDL, (0.0, -20.0))):
        base = lifts(2, bottom=bottom, finish=finish)
        assessments, events = run(lambda t, base=base: _hide(base(t), plates), 2)
        reps = reps_of(events)
        assert len(reps) == 2
        assert codes(events) == []
        assert all(LEGS_HIDDEN in r.skipped for r in reps)
        assert LEGS_HIDDEN in assessments[int(2.0 * g.FPS)].unmeasured


def test_hidden_hips_are_not_visible_not_guessed():
    assessments, events = g.run(Deadlift(), lambda t: g.to_pose(g.standing(), t, visibility={Landmark.LEFT_HIP: 0.1}), 2.0)
    assert assessments[-1].status is Status.NOT_VISIBLE
    assert "left hip" in assessments[-1].missing


def test_facing_the_other_way_reads_the_same():
    """A lifter facing -x (the camera on their right) hinges forward just the same."""

    def mirrored(t):
        pose = lifts(2)(t)
        world, xy = pose.world.copy(), pose.xy.copy()
        world[:, 0] *= -1.0
        xy[:, 0] = g.IMAGE_SIZE[0] - xy[:, 0]
        return replace(pose, world=world, xy=xy)

    _, events = run(mirrored, 2)
    reps = reps_of(events)
    assert len(reps) == 2 and codes(events) == []
    assert reps[0].bottom == pytest.approx(10.0, abs=1.5)


def _transformed(poses, change):
    def transformed(t):
        pose = poses(t)
        return replace(pose, world=change(pose.world.copy()))

    return transformed


def test_toes_read_backwards_do_not_turn_a_hinge_into_a_lean_back():
    """Seen end-on, MediaPipe can put the toes behind the ankles. The deep hinge shows which way is
    forward: the reps count, and no lean back is read into them."""

    def toes_behind(world):
        for side in Side:
            toe, ankle = Joint.FOOT_INDEX.of(side), Joint.ANKLE.of(side)
            world[toe, 0] = 2 * world[ankle, 0] - world[toe, 0]
        return world

    _, events = run(_transformed(lifts(3), toes_behind), 3)
    assert len(reps_of(events)) == 3
    assert codes(events) == []


def test_filmed_from_the_front_counts_but_does_not_judge_the_lockout():
    """Facing the camera, a lean back lies along the depth axis: the reps are counted, the lean
    back and the lockout are skipped and said so, not guessed."""

    def facing_camera(world):
        return world[:, [2, 1, 0]] * np.array([1.0, 1.0, -1.0])

    assessments, events = run(_transformed(lifts(2, finish=(0.0, -20.0)), facing_camera), 2)
    reps = reps_of(events)
    assert len(reps) == 2
    assert codes(events) == []
    assert all(LOCKOUT_SKIPPED in r.skipped for r in reps)
    assert LOCKOUT_SKIPPED in assessments[int(2.0 * g.FPS)].unmeasured


SQUAT_CLIP = Path(__file__).resolve().parents[3] / "shared" / "clips" / "squat_studio_be.mp4"


@pytest.mark.e2e
@pytest.mark.shared_clips
@pytest.mark.skipif(not SQUAT_CLIP.is_file(), reason="no shared squat clip")
def test_the_squat_clip_is_eight_squat_pattern_reps():
    """Bodyweight squats (oblique view) under the deadlift: each rep counted and flagged as a
    squat, none passed as a hinge. (On the cached landmarks: 8 reps, knee flexion 115-124 at the
    bottom, peaks within 0.2 s of the labelled ones.)"""
    from formcheck.analyze import analyze_video

    report = analyze_video(SQUAT_CLIP, "deadlift", progress=False).to_dict()
    assert report["reps"] == 8
    assert all(r["faults"] == ["squat_pattern"] for r in report["rep_details"])
    assert report["reps_by_side"] is None


@pytest.mark.parametrize(
    "name, poses, expected",
    [
        # Standing tall is how every lift starts and ends: the deadlift's own position.
        ("standing", P.still(g.standing()), {"deadlift"}),
        ("rdl_bottom", P.after_standing(g.standing(*RDL)), {"deadlift"}),
        ("squat_bottom", P.after_standing(g.standing(*SQUAT)), {"deadlift"}),
        ("leaning_back", P.after_standing(g.standing(0.0, -20.0)), {"deadlift"}),
        ("single_leg_rdl_left", P.after_standing(P.single_leg_rdl(Side.LEFT, 85.0), tall=P.single_leg_rdl(Side.LEFT, 0.0)), {"deadlift"}),
        ("single_leg_rdl_right", P.after_standing(P.single_leg_rdl(Side.RIGHT, 85.0), tall=P.single_leg_rdl(Side.RIGHT, 0.0)), {"deadlift"}),
        # Held from the start, without standing tall first, a crouch is not a lift; a hinge with
        # the arms hanging is a lifter set up at the bar.
        ("squat_held", P.still(g.standing(100.0, 30.0)), set()),
        ("hinge_held", P.still(g.standing(20.0, 70.0)), {"deadlift"}),
        ("bridge_rest", P.still(g.bridge(125.0)), {"glute_bridge"}),
        ("plank", P.still(g.plank()), {"plank"}),
        ("hands_and_knees", P.still(g.bird_dog({}, {})), {"bird_dog", "cat_camel"}),  # shared by nature
    ],
)
def test_only_the_right_exercise_claims_the_posture(name, poses, expected):
    assert P.in_position(poses, judged_from_s=1.5) == expected
