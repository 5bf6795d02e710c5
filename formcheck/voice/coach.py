"""The voice coach: a pipeline listener that turns outcomes into cues (``CuePolicy``), speaks
them unless muted, and keeps every cue with its session time (for the audio track and checks)."""

from __future__ import annotations

from formcheck.pipeline import Outcome
from formcheck.voice.player import Player, note
from formcheck.voice.policy import Cue, CueKind, CuePolicy
from formcheck.voice.speech import Renderer, ToneRenderer, best_renderer


class VoiceCoach:
    def __init__(self, renderer: Renderer | None = None, player: Player | None = None, speak: bool = True) -> None:
        self.renderer = renderer or best_renderer()
        if isinstance(self.renderer, ToneRenderer):
            note("espeak-ng is not installed (apt-get install espeak-ng): cues are tones")
        self.player = player if player is not None else (Player(self.renderer) if speak else None)
        self.policy = CuePolicy()
        self.cues: list[Cue] = []
        self.muted = False

    def on_outcome(self, outcome: Outcome) -> None:
        if not outcome.analysed:
            return
        for cue in self.policy.update(outcome.t_s, outcome.assessment, outcome.events, outcome.hud.setup):
            self._say(cue)

    def say_now(self, t_s: float, text: str, kind: CueKind = CueKind.SAFETY) -> None:
        """Say ``text`` at once, muted or not (the safety note after a pain stop)."""
        self._say(Cue(t_s, text, kind), urgent=True)

    def _say(self, cue: Cue, urgent: bool = False) -> None:
        self.cues.append(cue)
        if self.player is not None and (urgent or not self.muted):
            self.player.say(cue.text, urgent=urgent)

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        return self.muted

    def close(self, wait_s: float = 0.0) -> None:
        if self.player is not None:
            self.player.close(wait_s)
