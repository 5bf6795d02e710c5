"""What the scripted exercises are, as plain data: the clip spec, timeline and labels read it.

Each entry says whether the exercise is done in reps or held, the fault codes it can show (the
analyzers' own codes, `formcheck/exercises/*.py`), its default tempo, which way the person lies (for
the camera's side), and how reps are sided. The deadlift variants are clips of one analyzer,
`deadlift`; the label file names both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """One scripted exercise.

    `tempo` is (up, top pause, down, rest) seconds; `supine` puts the person's left towards +y (lying
    on the back, head towards -x); `sides` is "alternate" (reps alternate, starting with `spec.side`),
    "one" (every rep or the hold on `spec.side`) or "none". `finish_faults` show at the end of a rep's
    return instead of over the whole rep (a deadlift's lockout). `rushed_speedup` scales a rushed
    rep's movement time.
    """

    analyzer: str
    reps: bool
    faults: tuple[str, ...] = ()
    posture_faults: tuple[str, ...] = ()
    tempo: tuple[float, float, float, float] | None = None
    supine: bool = False
    sides: str = "none"
    finish_faults: tuple[str, ...] = ()
    rushed_speedup: float | None = None
    hold_pose: str | None = None
    side_convention: str | None = None


_BRIDGE_FAULTS = ("incomplete_extension", "over_arching", "rushing", "chin_up")
_DEADLIFT_FAULTS = ("squat_pattern", "incomplete_lockout", "leaning_back")
_LOCKOUT = ("incomplete_lockout", "leaning_back")
#: Tempos: superman "hold it for a second" (002); the dead bug as the bird dog; cat-camel slow (004:
#: the clip's cycle takes 4.4 s); bench exercises as the bridge; a deadlift with a short dead stop.
ENTRIES: dict[str, Entry] = {
    "superman": Entry("superman", True, ("neck_cranked",), tempo=(1.0, 1.2, 1.0, 1.0)),
    "dead_bug": Entry("dead_bug", True, ("low_back_arch", "leg_too_low", "same_side_limbs"), tempo=(1.1, 1.0, 1.0, 0.6), supine=True, sides="alternate",
                      side_convention="dead_bug reps are counted by the side of the extended arm (left arm + right leg = left)"),
    "cat_camel": Entry("cat_camel", True, ("rushed",), tempo=(2.0, 0.6, 2.0, 0.4), rushed_speedup=0.3),
    "hip_thrust": Entry("hip_thrust", True, _BRIDGE_FAULTS, tempo=(1.0, 1.5, 1.2, 0.8), supine=True),
    "reverse_hip_raise": Entry("reverse_hip_raise", True, ("incomplete_raise", "over_raise", "rushing"), tempo=(1.0, 1.2, 1.1, 0.7)),
    "back_extension": Entry("back_extension", True, ("incomplete_raise", "hyperextension", "rushing"), tempo=(1.2, 1.2, 1.4, 0.8), rushed_speedup=0.45),
    "deadlift": Entry("deadlift", True, _DEADLIFT_FAULTS, tempo=(1.3, 0.5, 1.3, 1.2), finish_faults=_LOCKOUT),
    "kettlebell_deadlift": Entry("deadlift", True, _DEADLIFT_FAULTS, tempo=(1.2, 0.4, 1.2, 1.2), finish_faults=_LOCKOUT),
    "romanian_deadlift": Entry("deadlift", True, _DEADLIFT_FAULTS, tempo=(1.5, 0.3, 1.3, 1.2), finish_faults=_LOCKOUT),
    "single_leg_romanian_deadlift": Entry("deadlift", True, _DEADLIFT_FAULTS, tempo=(1.5, 0.4, 1.4, 1.2), sides="one", finish_faults=_LOCKOUT,
                                          side_convention="single-leg reps are sided by the standing leg"),
    "prone_press_up": Entry("prone_press_up", False, posture_faults=("hips_lift",), hold_pose="prone press-up"),
    "childs_pose": Entry("childs_pose", False, hold_pose="child's pose"),
    "figure_four": Entry("figure_four", False, supine=True, sides="one", hold_pose="figure four"),
}
