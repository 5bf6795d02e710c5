"""The one pipeline with a fake pose estimator (no MediaPipe): both drivers, same counts."""

import numpy as np
import pytest

from support.fake_pipeline import FakeEstimator, FrameListSource, ListSink, blank_frames, bridge_reps, plank_hold
from formcheck.analyze import analyze_video
from formcheck.exercises.glute_bridge import GluteBridge
from formcheck.hud import Hud, PlanView
from formcheck.live import run_live
from formcheck.overlay import Overlay
from formcheck.pipeline import Outcome, Pipeline

BRIDGE_S = 1.0 + 3 * 4.5 + 1.0


class Collector:
    def __init__(self):
        self.outcomes: list[Outcome] = []

    def on_outcome(self, outcome):
        self.outcomes.append(outcome)


def test_every_frame_driver_counts_draws_and_encodes_every_frame():
    sink, heard = ListSink(), Collector()
    estimator = FakeEstimator(bridge_reps(3))
    pipeline = Pipeline(GluteBridge(), estimator, "fake", annotator=Overlay(), sink=sink, listeners=[heard], max_pose_fps=15.0)
    frames = list(blank_frames(BRIDGE_S))
    for frame in frames:
        pipeline.push(frame)
    report = pipeline.finish()
    assert len(report.reps) == 3
    assert len(sink.images) == len(frames) == report.frames and sink.closed and estimator.closed
    assert sink.times == [frame.t_s for frame in frames]  # each frame written at its own timestamp
    assert estimator.calls == report.settings["analysed_frames"] == pytest.approx(len(frames) / 2, abs=1)
    assert [o.frame.index for o in heard.outcomes] == list(range(len(frames)))
    assert sum(1 for o in heard.outcomes for e in o.events if e.kind == "rep") == 3
    assert not np.array_equal(sink.images[-1], frames[-1].image)  # the overlay drew on it


def test_latest_frame_driver_agrees_with_the_every_frame_driver(tmp_path):
    live, _ = run_live(FrameListSource(blank_frames(20.0)), "plank", show_window=False, estimator=FakeEstimator(plank_hold(2.0, 14.0)))
    every = Pipeline(create_plank(), FakeEstimator(plank_hold(2.0, 14.0)), "fake", max_pose_fps=None)
    for frame in blank_frames(20.0):
        every.push(frame)
    report = every.finish()
    assert report.hold_s == pytest.approx(12.0, abs=0.5)
    assert live.hold_s == pytest.approx(report.hold_s, rel=0.05)


def create_plank():
    from formcheck.exercises.plank import Plank

    return Plank()


def test_analyze_video_takes_an_estimator_keyword(tmp_path):
    import cv2

    path = tmp_path / "blank.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30.0, (320, 180))
    for frame in blank_frames(BRIDGE_S):
        writer.write(frame.image)
    writer.release()
    report = analyze_video(path, "glute_bridge", output=tmp_path / "out.mp4", progress=False, estimator=FakeEstimator(bridge_reps(3)))
    assert len(report.reps) == 3
    assert (tmp_path / "out.mp4").stat().st_size > 0


def test_hud_is_drawn_by_the_overlay():
    from formcheck.core import Assessment, Status

    image = np.zeros((480, 640, 3), np.uint8)
    assessment = Assessment(t_s=0.0, status=Status.OUT_OF_POSITION, cue="Lie on your back")
    plain = Overlay().draw(image, None, assessment)
    with_rest = Overlay().draw(image, None, assessment, Hud(plan=PlanView("Plank", "SET 1/3", "hold", "", rest_left_s=20.0, next_up="Next: Plank")))
    middle = (slice(150, 330), slice(100, 540))
    assert plain[middle].max() == 0 and with_rest[middle].max() > 200
