"""The labelled real clips in ../shared/clips (third-party footage, never copied here), checked
against their labels: told the exercise (tier-1 clips), and recognising it (every clip: the right
exercise and counts, or ``unknown`` with nothing counted for a movement formcheck does not
support). Skipped when the folder is absent."""

from pathlib import Path

import pytest

from formcheck.analyze import analyze_video
from formcheck.evaluation import find_clips, judge
from formcheck.exercises import EXERCISES

SHARED_CLIPS = Path(__file__).resolve().parents[2] / "shared" / "clips"
ALL_CLIPS = find_clips(SHARED_CLIPS) if SHARED_CLIPS.is_dir() else []
TIER_ONE = ("glute_bridge", "plank", "bird_dog")
TOLD = [c for c in ALL_CLIPS if c.exercise in TIER_ONE]

pytestmark = [pytest.mark.e2e, pytest.mark.shared_clips]


@pytest.mark.skipif(not TOLD, reason=f"no labelled clips in {SHARED_CLIPS}")
@pytest.mark.parametrize("clip", TOLD, ids=[c.name for c in TOLD])
def test_told_the_exercise(clip):
    report = analyze_video(clip.video, clip.exercise, progress=False).to_dict()
    label = clip.label
    if label.get("reps"):
        assert label["reps"]["min"] <= report["reps"] <= label["reps"]["max"], report["rep_details"]
    if label.get("hold_s"):
        assert label["hold_s"]["min"] <= report["hold_s"] <= label["hold_s"]["max"], report["holds"]
    assert judge(clip, report).passed


@pytest.mark.skipif(not ALL_CLIPS, reason=f"no labelled clips in {SHARED_CLIPS}")
@pytest.mark.parametrize("clip", ALL_CLIPS, ids=[c.name for c in ALL_CLIPS])
def test_recognising_the_exercise(clip):
    report = analyze_video(clip.video, "auto", progress=False).to_dict()
    result = judge(clip, report, supported=clip.exercise in EXERCISES)
    assert result.recognised_ok, (report["exercise"], [b["exercise"] for b in report["bouts"]])
    assert result.passed, (report["reps"], report["hold_s"], clip.label.get("reps"), clip.label.get("hold_s"))
    contradicted = {code: score.fp for code, score in result.faults.items() if score.fp}
    assert not contradicted, ("faults the label contradicts", contradicted)
