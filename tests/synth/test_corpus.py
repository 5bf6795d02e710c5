from collections import Counter

import numpy as np
import pytest

from formcheck_synth.body import BODY_NAMES
from formcheck_synth.corpus import (
    FrameSettings, build_clip, conditions, full_corpus, load_clip, main, position_of, set_stage, smoke_corpus,
)  # fmt: skip
from formcheck_synth.placements import PLACEMENTS
from formcheck_synth.spec import EXERCISES, FAULT_CODES

#: A clip small enough for a test: a few frames at a low resolution.
TINY = FrameSettings(width=192, height=108, fps=2.0)


def test_the_full_corpus_shows_each_condition_once_from_each_suitable_placement():
    clips = full_corpus()
    assert len({c.name for c in clips}) == len(clips)
    per_condition = Counter((c.motion, c.fault) for c in clips)
    for motion, fault in conditions():
        suitable = [p for p in PLACEMENTS.values() if p.suits(position_of(motion))]
        assert per_condition[(motion, fault)] == len(suitable)
    assert len(conditions()) == sum(1 + len(FAULT_CODES[e]) for e in EXERCISES) + sum(not c.is_exercise for c in smoke_corpus())


def test_each_condition_is_seen_on_as_many_bodies_as_placements_and_every_body_often():
    clips = full_corpus()
    for motion, fault in conditions():
        mine = [c for c in clips if (c.motion, c.fault) == (motion, fault)]
        assert len({c.body for c in mine}) == min(len(mine), len(BODY_NAMES))
    bodies = Counter(c.body for c in clips)
    assert set(bodies) == set(BODY_NAMES) and max(bodies.values()) <= 1.25 * min(bodies.values())
    for placement in PLACEMENTS:
        at = [c.body for c in clips if c.placement == placement]
        if len(at) >= 3 * len(BODY_NAMES):
            assert set(at) == set(BODY_NAMES), placement


def test_adding_conditions_renames_no_other_clip(monkeypatch):
    import formcheck_synth.corpus as corpus

    before_full, before_smoke = set(full_corpus()), set(smoke_corpus())
    fewer = [c for c in conditions() if c[0] != "plank"]
    monkeypatch.setattr(corpus, "conditions", lambda: fewer)
    assert set(corpus.full_corpus()) <= before_full and set(corpus.smoke_corpus()) <= before_smoke
    assert {c.motion for c in before_full - set(corpus.full_corpus())} == {"plank"}


def test_the_smoke_set_shows_each_condition_once():
    smoke = smoke_corpus()
    assert Counter((c.motion, c.fault) for c in smoke) == Counter(conditions())
    assert len({c.placement for c in smoke}) >= 5 and len({c.body for c in smoke}) == len(BODY_NAMES)


def test_clip_specs_are_the_same_every_time():
    assert full_corpus() == full_corpus()
    seeds = [c.seed for c in full_corpus()]
    assert len(set(seeds)) == len(seeds)


def test_a_laptop_clip_is_filmed_from_a_table_looking_down():
    clip = next(c for c in full_corpus() if c.placement == "laptop_table" and c.motion == "plank")
    stage = set_stage(clip, TINY)
    assert 0.7 <= stage.camera.position[2] <= 0.8
    assert stage.camera.forward[2] < -np.sin(np.radians(14.0))


def test_list_prints_every_clip_name(capsys):
    assert main(["list", "--smoke"]) == 0
    out = capsys.readouterr()
    assert out.out.split() == [c.name for c in smoke_corpus()]
    assert f"{len(smoke_corpus())} clips" in out.err


def test_build_refuses_unknown_clips_and_bad_jobs(capsys, tmp_path):
    assert main(["build", "--smoke", "--only", "no_such_clip", "--out", str(tmp_path)]) == 2
    assert main(["build", "--smoke", "--jobs", "0", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "error: not in the smoke corpus: no_such_clip" and err[1] == "error: --jobs must be at least 1"
    assert not any(tmp_path.iterdir())


@pytest.mark.e2e
def test_a_tiny_clip_builds_caches_landmarks_and_labels_and_is_skipped_once_cached(tmp_path):
    clip = next(c for c in smoke_corpus() if c.motion == "glute_bridge" and c.fault == "rushing")
    first = build_clip(clip, tmp_path / "one", TINY)
    assert build_clip(clip, tmp_path / "one", TINY) is None
    build_clip(clip, tmp_path / "two", TINY)
    a, b = (load_clip(tmp_path / run / f"{clip.name}.npz") for run in ("one", "two"))
    n = first["frames"]
    assert n == len(a["t_s"]) and 14 <= n <= 24  # 7-12 s at 2 fps
    assert a["world"].shape == (n, 33, 3) and a["visibility"].shape == (n, 33) and a["image_xy"].shape == (n, 33, 2)
    assert a["meta"]["exercise"] == "glute_bridge" and a["meta"]["placement"] == clip.placement
    rushing = a["label_faults"][:, list(a["label_fault_codes"]).index("rushing")]
    assert 0 < rushing.sum() < n and a["label_rep"].max() == 2
    for key in ("true_xy", "true_occluded", "label_in_position", "label_rep_phase", "label_rep", "label_faults", "detected"):
        assert np.array_equal(a[key], b[key]), key
    assert np.allclose(a["world"], b["world"], equal_nan=True, atol=1e-5)
    assert not list((tmp_path / "one").glob("*.partial"))


@pytest.mark.e2e
def test_two_processes_build_the_clips_not_yet_cached(tmp_path, capsys):
    from formcheck_synth.corpus import build

    clips = [c for c in smoke_corpus() if c.motion in ("lying_supine", "sitting")]
    assert build(clips, tmp_path, jobs=2, settings=TINY) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{c.name}.npz" for c in clips)
    assert build(clips, tmp_path, jobs=2, settings=TINY) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("0 of 2 clips cached") and out[-1] == f"2 of 2 clips cached in {tmp_path}; building 0"
    assert load_clip(tmp_path / f"{clips[0].name}.npz")["meta"]["exercise"] == "none"
