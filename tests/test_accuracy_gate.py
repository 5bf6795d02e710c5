"""Regression gate: accuracy on a few rendered samples may not fall below the stored baseline
(benchmarks/baseline.json), the way tryolabs/norfair guards its tracking metrics. Refresh the
baseline deliberately with `python benchmarks/accuracy.py --write-baseline` after an improvement."""

import json
from pathlib import Path

import pytest

from formcheck.analyze import analyze_video
from formcheck.evaluation import find_clips, judge, summarise

ROOT = Path(__file__).resolve().parents[1]
BASELINE = json.loads((ROOT / "benchmarks" / "baseline.json").read_text())
HOLD_ERROR_SLACK = 0.01
"""Absolute slack on the relative hold-time error before the gate fails (run-to-run noise is 0)."""

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def results():
    clips = {c.name: c for c in find_clips(ROOT / "samples")}
    return [judge(clips[name], analyze_video(clips[name].video, clips[name].exercise, progress=False).to_dict()) for name in BASELINE["clips"]]


def test_every_gate_clip_still_passes(results):
    assert [r.clip.name for r in results if not r.passed] == []


def test_hold_error_not_worse(results):
    summary = summarise(results)
    if summary.hold_error_max is not None:
        assert summary.hold_error_max <= BASELINE["summary"]["hold_error_max"] + HOLD_ERROR_SLACK


def test_fault_detection_not_worse(results):
    faults = summarise(results).to_dict()["faults"]
    for code, expected in BASELINE["summary"]["faults"].items():
        got = faults.get(code, {"tp": 0, "fp": 0, "fn": 0})
        assert got["tp"] >= expected["tp"], (code, got, expected)
        assert got["fp"] <= expected["fp"], (code, got, expected)
