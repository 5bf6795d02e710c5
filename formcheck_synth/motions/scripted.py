"""Drives the scripted exercises (`catalog.ENTRIES`) through a clip's schedule.

A scripted model maps a state to a posture, and optionally to its props:
- reps: "progress" (0 start position .. 1 top of the rep, eased), "side" (+1 left, -1 right), each
  of the rep's faults at 1.0 for the whole rep, except finish faults (`Entry.finish_faults`), which
  grow over the rep's return (full at its end) and fade over the rest that follows;
- holds: "progress" (0 start position .. 1 in the hold) and each posture fault's amount (0..1);
- both: "sway" (-1..1, idle sway).
"""

from __future__ import annotations

from typing import Protocol

from formcheck_synth.body import Body
from formcheck_synth.motions import bench, deadlift, kneeling, prone, supine
from formcheck_synth.motions.base import smoothstep
from formcheck_synth.motions.catalog import ENTRIES
from formcheck_synth.posing import PosedBody, Posture
from formcheck_synth.props import Mesh
from formcheck_synth.spec import ClipSpec
from formcheck_synth.timeline import Schedule, hold_lift, posture_fault_amount, rep_progress

#: A finish fault (a lean back) is let go of this fast after the rep...
FINISH_FADE_S = 0.5
#: ...except these, held until the next rep starts from them: an unfinished lockout is where the
#: lifter stands between reps (the analyzer judges the lockout over the whole finish).
HELD_TO_NEXT_REP = ("incomplete_lockout",)

MODELS = {
    "superman": prone.Superman,
    "prone_press_up": prone.PronePressUp,
    "cat_camel": kneeling.CatCamel,
    "childs_pose": kneeling.ChildsPose,
    "dead_bug": supine.DeadBug,
    "figure_four": supine.FigureFour,
    "hip_thrust": bench.HipThrust,
    "reverse_hip_raise": bench.ReverseHipRaise,
    "back_extension": bench.BackExtension,
    **{variant: deadlift.Deadlift for variant in deadlift.VARIANTS},
}


class ScriptedModel(Protocol):
    """A model may also have `props(state, posed) -> Mesh | None`: the equipment at that state."""

    def posture(self, state: dict[str, float]) -> Posture: ...


def is_scripted(exercise: str) -> bool:
    return exercise in MODELS


class ScriptedMotion:
    """Postures and props over time for a scripted exercise clip."""

    def __init__(self, spec: ClipSpec, body: Body, schedule: Schedule):
        self.spec = spec
        self.entry = ENTRIES[spec.exercise]
        self.schedule = schedule
        self.model: ScriptedModel = MODELS[spec.exercise].for_body(body, spec)

    def state(self, t: float, sway: float) -> dict[str, float]:
        if not self.entry.reps:
            return {"progress": hold_lift(self.schedule, t), "sway": sway, **posture_fault_amount(self.spec, t)}
        rep, progress = rep_progress(self.schedule, t)
        state = {"progress": progress, "sway": sway, "side": 1.0 if (rep.side if rep else self.spec.side) == "left" else -1.0}
        done = [r for r in self.schedule.reps if r.end_s < t]
        if rep is not None:
            returning = t > rep.top_end_s
            for code in rep.faults:
                state[code] = (1.0 - progress if returning else 0.0) if code in self.entry.finish_faults else 1.0
            if done and not returning:
                for code in set(done[-1].faults) & set(HELD_TO_NEXT_REP):
                    state[code] = 1.0 - progress
        elif done:
            last = done[-1]
            fade = 1.0 - smoothstep((t - last.end_s) / FINISH_FADE_S)
            for code in set(last.faults) & set(self.entry.finish_faults):
                state[code] = 1.0 if code in HELD_TO_NEXT_REP else fade
        return state

    def posture_at(self, t: float, sway: float) -> Posture:
        return self.model.posture(self.state(t, sway))

    def props_at(self, t: float, sway: float, posed: PosedBody) -> Mesh | None:
        props = getattr(self.model, "props", None)
        return None if props is None else props(self.state(t, sway), posed)
