"""Spoken cues, offline: a cue policy (when to speak), espeak-ng speech cached as WAVs (what it
sounds like), a non-blocking player, and the cues as an audio track for recorded videos."""

from formcheck.voice.coach import VoiceCoach
from formcheck.voice.policy import Cue, CueKind, CuePolicy

__all__ = ["Cue", "CueKind", "CuePolicy", "VoiceCoach"]
