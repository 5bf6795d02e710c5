"""The real commands log their sessions: ``live`` by default, ``analyze`` when asked, and the same
clip analysed twice is logged once (the pose model runs: e2e)."""

import json
from pathlib import Path

import pytest

from support.cli import formcheck

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CLIP = SAMPLES / "plank_side_clean_b.mp4"
pytestmark = pytest.mark.e2e


def logged(folder: Path) -> list[dict]:
    result = formcheck("log", "--json", cwd=folder)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["entries"]


def test_live_logs_by_default_and_not_with_no_log(tmp_path):
    live = ("live", "--source", str(CLIP), "-e", "plank", "--no-window", "-r", "live.json")
    assert formcheck(*live, "--no-log", cwd=tmp_path, timeout=300).returncode == 0
    assert logged(tmp_path) == []
    result = formcheck(*live, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    (entry,) = logged(tmp_path)
    report = json.loads((tmp_path / "live.json").read_text())
    assert entry["exercises"][0]["exercise"] == "plank"
    assert entry["load"] == pytest.approx(report["time_under_tension_s"], abs=1e-3)


def test_analyze_logs_only_when_asked_and_never_twice(tmp_path):
    analyze = ("analyze", str(CLIP), "-e", "plank", "--no-video", "-q", "-r", "a.json")
    assert formcheck(*analyze, cwd=tmp_path, timeout=300).returncode == 0
    assert logged(tmp_path) == []
    first = formcheck(*analyze, "--log", cwd=tmp_path, timeout=300)
    assert first.returncode == 0 and "log: entry 1" in first.stdout, first.stderr
    again = formcheck("analyze", "--log", str(CLIP), "-e", "plank", "--no-video", "-q", "-r", "a.json", cwd=tmp_path, timeout=300)
    assert again.returncode == 0 and "already logged as entry 1" in again.stdout, again.stderr
    assert len(logged(tmp_path)) == 1
