"""The cues as sound: espeak-ng renders each text once (cached), the cue track is neither silent
nor clipped (measured with sox), and analyze --voice puts it into the annotated video's sound."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from formcheck.voice.policy import Cue, CueKind
from formcheck.voice.speech import EspeakRenderer, ToneRenderer, read_wav, write_wav
from formcheck.voice.track import DUCK_GAIN, PEAK_LIMIT, TRACK_RATE, cue_track, mix

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed (apt-get install espeak-ng)")
needs_sox = pytest.mark.skipif(shutil.which("sox") is None, reason="sox not installed (apt-get install sox)")
CUES = [Cue(0.5, "Glute bridge. Set one of three: fifteen reps.", CueKind.PLAN), Cue(4.0, "one", CueKind.COUNT),
        Cue(4.2, "Lift your hips - one straight line", CueKind.FAULT), Cue(9.0, "Rest thirty seconds.", CueKind.PLAN)]


def sox_stat(path):
    result = subprocess.run(["sox", str(path), "-n", "stat"], capture_output=True, text=True, check=True)
    return {key.strip(): float(value) for key, value in re.findall(r"^([^:]+):\s+(-?[\d.]+)\s*$", result.stderr, re.M)}


@needs_espeak
def test_espeak_renders_once_and_caches(tmp_path):
    renderer = EspeakRenderer(tmp_path)
    first = renderer.render("ten seconds")
    mtime = first.stat().st_mtime_ns
    assert renderer.render("ten seconds") == first and first.stat().st_mtime_ns == mtime
    samples, rate = read_wav(first)
    assert rate == TRACK_RATE and 0.4 < len(samples) / rate < 2.0
    assert len(list(tmp_path.glob("*.wav"))) == 1 and not list(tmp_path.glob("*.partial"))


@needs_espeak
@needs_sox
def test_cue_track_is_neither_silent_nor_clipped(tmp_path):
    speech, cover = cue_track(CUES, 12.0, EspeakRenderer(tmp_path / "cache"))
    wav = write_wav(tmp_path / "cues.wav", mix(speech, cover, None), TRACK_RATE)
    stat = sox_stat(wav)
    assert stat["Length (seconds)"] == pytest.approx(12.0, abs=0.01)
    assert 0.3 < stat["Maximum amplitude"] < 0.99 and -0.99 < stat["Minimum amplitude"] < -0.3
    assert stat["RMS     amplitude"] > 0.02
    assert speech[: int(0.5 * TRACK_RATE)].max() == 0.0  # nothing before the first cue
    later = cover[int(9.0 * TRACK_RATE) : int(9.2 * TRACK_RATE)]
    assert later.max() > 0.5  # the last cue starts on time (the count and fault before it finished)


def test_the_source_is_lowered_under_the_cues_and_the_mix_never_clips():
    rate = 1000
    speech = np.zeros(3 * rate, np.float32)
    speech[rate : 2 * rate] = 0.9
    cover = np.zeros_like(speech)
    cover[rate : 2 * rate] = 1.0
    source = np.full(3 * rate, 0.5, np.float32)
    out = mix(speech, cover, source)
    assert out[: rate // 2].max() == pytest.approx(0.5 * PEAK_LIMIT / (0.9 + 0.5 * DUCK_GAIN), rel=0.01)
    assert np.abs(out).max() <= PEAK_LIMIT + 1e-6


def test_tones_stand_in_without_an_engine(tmp_path):
    samples, rate = read_wav(ToneRenderer(tmp_path).render("anything"))
    assert 0.2 < len(samples) / rate < 0.3 and 0.4 < np.abs(samples).max() < 0.6


@needs_espeak
def test_live_pain_stop_shows_and_says_the_safety_note(tmp_path):
    from support.fake_pipeline import FakeEstimator, blank_frames, bridge_reps

    from formcheck.exercises.glute_bridge import GluteBridge
    from formcheck.live import PAIN_STOP_REASON, _Controls
    from formcheck.overlay import Overlay
    from formcheck.pipeline import Pipeline
    from formcheck.report import SAFETY_NOTE
    from formcheck.voice import VoiceCoach

    voice = VoiceCoach(EspeakRenderer(tmp_path), speak=False)
    pipeline = Pipeline(GluteBridge(), FakeEstimator(bridge_reps(3)), "fake", annotator=Overlay(), listeners=[voice], latest_only=True, max_pose_fps=None)
    controls = _Controls(pipeline, voice)
    frames = list(blank_frames(3.0))
    pipeline.show(frames[0])
    controls.press(ord("x"), 1.0, now=100.0)
    shown = pipeline.show(frames[1])
    report = pipeline.finish()
    assert report.stop_reason == PAIN_STOP_REASON and report.to_dict()["stop_reason"] == PAIN_STOP_REASON
    assert shown.hud.notice == SAFETY_NOTE and controls.stopped(now=109.0) and not controls.stopped(now=101.0)
    assert voice.cues[-1].kind is CueKind.SAFETY and SAFETY_NOTE in voice.cues[-1].text


@needs_espeak
@pytest.mark.e2e
def test_analyze_voice_puts_the_cues_in_the_annotated_videos_sound(tmp_path):
    av = pytest.importorskip("av")
    clip = Path(__file__).resolve().parents[2] / "samples" / "glute_bridge_side_clean_a.mp4"
    result = subprocess.run([sys.executable, "-m", "formcheck", "analyze", str(clip), "-e", "glute_bridge", "--voice", "-q", "-o", "out.mp4", "-r", "r.json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    with av.open(str(tmp_path / "out.mp4")) as video:
        assert [s.type for s in video.streams] == ["video", "audio"]
        sound = np.concatenate([f.to_ndarray().reshape(-1) for f in video.decode(audio=0)])
    rate = TRACK_RATE
    first_rep_s = 4.0  # the first bridge rep ends after 4 s: "one" is said then, nothing before the first cue
    assert np.abs(sound[: int(1.0 * rate)]).max() < 0.01
    assert np.abs(sound[int(first_rep_s * rate) :]).max() > 0.3
    assert not list(tmp_path.glob("*.partial*"))
