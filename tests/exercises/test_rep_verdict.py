"""The screen shows the verdict of the rep just judged: a faulted rep's cue in red, then the next
good rep's verdict in green, each naming its rep; never a fault carried over a good rep."""

import numpy as np

import posegen as g
from formcheck.events import RepCompleted
from formcheck.exercises.base import REP_FEEDBACK_S
from formcheck.exercises.glute_bridge import GluteBridge
from formcheck.overlay import BAD, GOOD, Overlay

BOTTOM, TOP, SHORT = 125.0, 180.0, 158.0
TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.5, down_s=1.0)


def first_rep_short(t):
    """Three bridges; the first stops well short of full extension (a fault), the others reach it."""
    index, u = g.rep_phase(t, TEMPO, 3)
    peak = SHORT if index == 0 else TOP
    return g.to_pose(g.bridge(BOTTOM + u * (peak - BOTTOM)), t)


def completed(assessments):
    """(index into assessments, rep) for each frame on which a rep completed."""
    return [(i, e.rep) for i, a in enumerate(assessments) for e in a.events if isinstance(e, RepCompleted)]


def border_colour(assessment, pose):
    image = np.zeros((360, 640, 3), np.uint8)
    return tuple(int(c) for c in Overlay().draw(image, pose, assessment)[2, 320])


def test_a_good_rep_clears_the_faulted_reps_verdict():
    assessments, _ = g.run(GluteBridge(), first_rep_short, 1.0 + 3 * TEMPO.period_s + 1.0)
    (bad_at, bad), (good_at, good), _ = completed(assessments)
    assert bad.faults == ("incomplete_extension",) and good.faults == ()
    after_bad, after_good = assessments[bad_at], assessments[good_at]
    assert after_bad.form_ok is False
    assert after_bad.cue == "Rep 1: Push your hips higher"
    assert border_colour(after_bad, first_rep_short(after_bad.t_s)) == BAD
    assert after_good.form_ok is True
    assert after_good.cue == "Rep 2: good"
    assert border_colour(after_good, first_rep_short(after_good.t_s)) == GOOD
    # Between the two, the faulted verdict lasts its feedback window and no longer.
    between = assessments[bad_at:good_at]
    red_s = max(a.t_s for a in between if a.form_ok is False) - after_bad.t_s
    assert red_s <= REP_FEEDBACK_S
    assert all(a.form_ok is not False for a in assessments[good_at:])
