"""A clip's motion: the spec's schedule turned into a posture at any time, and where the views are."""

from __future__ import annotations

import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.motions import bird_dog, glute_bridge, plank, side_plank
from formcheck_synth.motions.catalog import ENTRIES
from formcheck_synth.motions.scripted import ScriptedMotion, is_scripted
from formcheck_synth.posing import PosedBody, Posture
from formcheck_synth.props import Mesh
from formcheck_synth.spec import ClipSpec
from formcheck_synth.timeline import (
    build_schedule,
    check_posture_faults,
    hold_lift,
    posture_fault_amount,
    rep_progress,
)

#: An oblique camera is this far (deg) round from the side view, towards the head end.
OBLIQUE_DEG = 40.0
#: A rear-oblique camera is this far (deg) round from the rear view, towards the side view: behind
#: and to one side, where a person films a bird dog to watch the hips, both of them in view.
REAR_OBLIQUE_DEG = 40.0
#: Idle sway: nobody holds a position perfectly still. While up in a rep or a hold, the main degree of
#: freedom wobbles by a sum of two slow sines (periods in s, relative weights) with per-clip phases.
SWAY_PERIODS_S = (3.7, 1.7)
SWAY_WEIGHTS = (0.65, 0.35)
#: Sway amplitudes: bridge hip extension (deg), plank hip offset (fraction of the shoulder-ankle
#: length, well inside the faults' 8-12%), bird dog raise (fraction of the swing to level, about 3 deg).
BRIDGE_SWAY_DEG = 1.5
HOLD_SWAY_OFFSET = 0.012
BIRD_DOG_SWAY = 0.035
#: Peak hip extension of a glute bridge rep by fault.
_BRIDGE_PEAK_DEG = {
    "incomplete_extension": glute_bridge.INCOMPLETE_PEAK_DEG,
    "over_arching": glute_bridge.OVER_ARCH_PEAK_DEG,
}


class ClipMotion:
    """Postures over time for one clip spec and body."""

    def __init__(self, spec: ClipSpec, body: Body):
        self.spec = spec
        self.schedule = build_schedule(spec)
        self._sway_phases = np.random.default_rng([spec.seed, 3]).uniform(0.0, 2 * np.pi, len(SWAY_PERIODS_S))
        if not spec.is_reps:
            check_posture_faults(spec, self.schedule)
        self._scripted = ScriptedMotion(spec, body, self.schedule) if is_scripted(spec.exercise) else None
        if spec.exercise == "glute_bridge":
            self._bridge = glute_bridge.GluteBridge.for_body(body)
            self._bridge_bottom_deg = self._bridge.bottom_extension_deg()
        elif spec.exercise == "plank":
            self._plank = plank.Plank.for_body(body)
        elif spec.exercise == "side_plank":
            self._side_plank = side_plank.SidePlank.for_body(body, spec.side, spec.top_arm)
        elif spec.exercise == "bird_dog":
            self._bird_dog = bird_dog.BirdDog.for_body(body)

    @property
    def duration_s(self) -> float:
        return self.schedule.duration_s

    def sway(self, t: float) -> float:
        """Idle sway at time t, between -1 and 1."""
        return float(
            sum(w * np.sin(2 * np.pi * t / p + phase) for w, p, phase in zip(SWAY_WEIGHTS, SWAY_PERIODS_S, self._sway_phases))
        )

    def props_at(self, t: float, posed: PosedBody) -> Mesh | None:
        """Equipment in the scene at time t (a bench, a barbell in the hands), or None."""
        return None if self._scripted is None else self._scripted.props_at(t, self.sway(t), posed)

    def posture_at(self, t: float) -> Posture:
        spec = self.spec
        if self._scripted is not None:
            return self._scripted.posture_at(t, self.sway(t))
        if spec.exercise == "glute_bridge":
            rep, progress = rep_progress(self.schedule, t)
            peak = next((_BRIDGE_PEAK_DEG[f] for f in (rep.faults if rep else ()) if f in _BRIDGE_PEAK_DEG), None)
            peak = glute_bridge.CLEAN_PEAK_DEG if peak is None else peak
            extension = self._bridge_bottom_deg + progress * (peak - self._bridge_bottom_deg + BRIDGE_SWAY_DEG * self.sway(t))
            return self._bridge.posture({"hip_extension_deg": extension})
        if spec.exercise == "bird_dog":
            rep, progress = rep_progress(self.schedule, t)
            faults = rep.faults if rep else ()
            return self._bird_dog.posture(
                {
                    "raise": progress * (1.0 + BIRD_DOG_SWAY * self.sway(t)),
                    "side": 1.0 if (rep.side if rep else spec.side) == "left" else -1.0,
                    "limb_drop": 1.0 if "limb_below_level" in faults else 0.0,
                    "pelvis_roll_deg": bird_dog.PELVIS_ROLL_DEG if "hip_rotation" in faults else 0.0,
                }
            )
        amounts = posture_fault_amount(spec, t)
        lift = hold_lift(self.schedule, t)
        sway = HOLD_SWAY_OFFSET * self.sway(t)
        if spec.exercise == "plank":
            offset = plank.FAULT_HIP_OFFSET * (amounts.get("hip_sag", 0.0) - amounts.get("hip_pike", 0.0))
            return self._plank.posture({"lift": lift, "hip_offset": offset + sway})
        offset = side_plank.FAULT_HIP_OFFSET * amounts.get("hip_drop", 0.0)
        return self._side_plank.posture({"lift": lift, "hip_offset": offset + sway})

    def view_direction(self) -> np.ndarray:
        """Horizontal unit vector from the person towards the camera for the spec's view.

        Lying and kneeling exercises (head towards -x): side = towards the person's `camera_side`,
        front = at the head end, rear = at the feet end. Side plank: front = facing the chest,
        rear = facing the back, side = at the feet end. Oblique = the side view (front view for the
        side plank) turned `OBLIQUE_DEG` towards the head end; rear oblique = the rear view turned
        `REAR_OBLIQUE_DEG` towards the side view.
        """
        spec = self.spec
        head_end = np.array([-1.0, 0.0, 0.0])
        if spec.exercise == "side_plank":
            chest = np.array([0.0, 1.0 if spec.side == "left" else -1.0, 0.0])
            main, directions = chest, {"front": chest, "rear": -chest, "side": -head_end}
        else:
            supine = spec.exercise == "glute_bridge" or (spec.exercise in ENTRIES and ENTRIES[spec.exercise].supine)
            left = np.array([0.0, 1.0 if supine else -1.0, 0.0])
            main = left if spec.camera_side == "left" else -left
            directions = {"side": main, "front": head_end, "rear": -head_end}
        turn = np.radians(OBLIQUE_DEG)
        directions["oblique"] = np.cos(turn) * main + np.sin(turn) * head_end
        turn = np.radians(REAR_OBLIQUE_DEG)
        directions["rear_oblique"] = np.cos(turn) * directions["rear"] + np.sin(turn) * directions["side"]
        return directions[spec.view]
