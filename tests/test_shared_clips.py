"""The labelled real clips in ../shared/clips (third-party footage, never copied here): the
tier-1 exercises must count reps in the labelled range and time holds within it. Skipped when
the folder is absent."""

from pathlib import Path

import pytest

from formcheck.analyze import analyze_video
from formcheck.evaluation import find_clips, judge
from formcheck.exercises import EXERCISES

SHARED_CLIPS = Path(__file__).resolve().parents[2] / "shared" / "clips"
CLIPS = [c for c in find_clips(SHARED_CLIPS) if c.exercise in EXERCISES] if SHARED_CLIPS.is_dir() else []

pytestmark = [pytest.mark.e2e, pytest.mark.shared_clips]


@pytest.mark.skipif(not CLIPS, reason=f"no labelled clips in {SHARED_CLIPS}")
@pytest.mark.parametrize("clip", CLIPS, ids=[c.name for c in CLIPS])
def test_shared_clip_against_its_label(clip):
    report = analyze_video(clip.video, clip.exercise, progress=False).to_dict()
    result = judge(clip, report)
    label = clip.label
    if label.get("reps"):
        assert label["reps"]["min"] <= report["reps"] <= label["reps"]["max"], report["rep_details"]
    if label.get("hold_s"):
        assert label["hold_s"]["min"] <= report["hold_s"] <= label["hold_s"]["max"], report["holds"]
    assert result.passed
