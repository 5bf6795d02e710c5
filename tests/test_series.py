"""The key-angle series: sampled at most 10 times a second, folded into the report per bout and
kept out of its event list."""

import numpy as np
import pytest

import posegen as g
from formcheck.events import MeasureSampled
from formcheck.exercises.glute_bridge import GluteBridge
from formcheck.report import Report
from formcheck.series import fold_series

TEMPO = g.RepTempo(rest_s=1.0, up_s=1.0, top_s=1.0, down_s=1.0)


def bridges(t):
    _, u = g.rep_phase(t, TEMPO, 2)
    return g.to_pose(g.bridge(125.0 + 55.0 * u), t)


@pytest.mark.parametrize("fps, per_second", [(30.0, 10.0), (15.0, 7.5), (8.0, 8.0)])
def test_samples_come_at_most_ten_times_a_second(fps, per_second):
    _, events = g.run(GluteBridge(), bridges, 10.0, fps=fps)
    samples = [e for e in events if isinstance(e, MeasureSampled)]
    assert len(samples) == pytest.approx(10.0 * per_second, abs=1)
    assert min(np.diff([s.t_s for s in samples])) >= 0.099
    assert {s.name for s in samples} == {"hip_deg"}


def test_series_follows_the_key_angle_and_stays_out_of_the_events():
    _, events = g.run(GluteBridge(), bridges, 10.0)
    data = Report("glute_bridge", "synthetic", frames=300, pose_frames=300, duration_s=10.0, events=tuple(events)).to_dict()
    assert all(e["type"] != "sample" for e in data["events"])
    (series,) = data["series"]
    assert (series["exercise"], series["name"]) == ("glute_bridge", "hip_deg")
    values = dict(zip(series["t_s"], series["value"]))
    assert values[0.0] == pytest.approx(125.0, abs=3.0)  # lying, hips down
    assert max(series["value"]) == pytest.approx(180.0, abs=3.0)  # the top of each rep
    assert data["reps"] == 2


def test_a_new_exercise_starts_a_new_series():
    samples = [MeasureSampled(t / 10, exercise="plank" if t < 5 else "side_plank", name="body_deg", value=170.0 + t) for t in range(10)]
    folded = fold_series(reversed(samples))
    assert [(s["exercise"], len(s["t_s"])) for s in folded] == [("plank", 5), ("side_plank", 5)]
    assert folded[1]["value"][0] == 175.0
