"""Label files for synthetic clips, in the schema of shared/clips/README.md plus exact ground truth."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from formcheck_synth.body import LANDMARK_NAMES
from formcheck_synth.motions.catalog import ENTRIES
from formcheck_synth.spec import FAULT_CODES, POSTURE_FAULTS, ClipSpec
from formcheck_synth.timeline import Schedule

#: A counter is right when its hold time is within this fraction of the true hold.
HOLD_TOLERANCE = 0.05
#: A landmark counts as occluded when the body surface seen at its pixel is nearer than its depth minus
#: this much (m). Joint centres sit inside the limb or trunk, so they get the limb's or trunk's depth.
SURFACE_TOLERANCE_M = 0.03
LIMB_JOINT_TOLERANCE_M = 0.07
TRUNK_JOINT_TOLERANCE_M = 0.14
_TRUNK_JOINTS = ("shoulder", "hip")
_LIMB_JOINTS = ("elbow", "wrist", "knee", "ankle", "pinky", "index", "thumb")
HOLD_POSE_NAMES = {"plank": "forearm plank", "side_plank": "side plank", **{n: e.hold_pose for n, e in ENTRIES.items() if e.hold_pose}}
SIDE_CONVENTION = "bird_dog reps are counted by the side of the raised arm (left arm + right leg = left)"


def occlusion_tolerances() -> np.ndarray:
    """Depth tolerance (m) of each of the 33 landmarks for the occlusion test."""
    out = np.full(len(LANDMARK_NAMES), SURFACE_TOLERANCE_M)
    for i, name in enumerate(LANDMARK_NAMES):
        if name.endswith(_TRUNK_JOINTS):
            out[i] = TRUNK_JOINT_TOLERANCE_M
        elif name.endswith(_LIMB_JOINTS):
            out[i] = LIMB_JOINT_TOLERANCE_M
    return out


def occluded(xy: np.ndarray, depth: np.ndarray, depth_buffer: np.ndarray) -> np.ndarray:
    """Which landmarks are hidden by the body or outside the frame, from the body's depth buffer (H, W)."""
    h, w = depth_buffer.shape
    col, row = np.floor(xy[:, 0]).astype(int), np.floor(xy[:, 1]).astype(int)
    inside = (col >= 0) & (col < w) & (row >= 0) & (row < h) & (depth > 0)
    seen = np.full(len(xy), np.inf)
    seen[inside] = depth_buffer[row[inside], col[inside]]
    return ~inside | (seen < depth - occlusion_tolerances())


def build_labels(spec: ClipSpec, schedule: Schedule, file_name: str, joints: dict) -> dict:
    """The label dict for a clip: counts, holds, exact fault intervals, ground-truth joints."""
    r2 = lambda x: round(float(x), 2)  # noqa: E731
    entry = ENTRIES.get(spec.exercise)
    labels: dict = {"file": file_name, "exercise": entry.analyzer if entry else spec.exercise, "view": spec.view}
    if entry and entry.analyzer != spec.exercise:
        labels["variant"] = spec.exercise
    faults: list[dict] = []
    if spec.is_reps:
        reps = schedule.reps
        labels["reps"] = {"expected": len(reps), "min": len(reps), "max": len(reps), "peaks_s": [r2(r.peak_s) for r in reps]}
        labels["hold_s"] = None
        labels["holds"] = []
        for rep in reps:
            faults += [{"code": code, "start_s": r2(rep.start_s), "end_s": r2(rep.end_s)} for code in rep.faults]
        labels["rep_intervals"] = [
            {"rep": r.number, "side": r.side, "start_s": r2(r.start_s), "top_start_s": r2(r.top_start_s),
             "top_end_s": r2(r.top_end_s), "end_s": r2(r.end_s), "peak_s": r2(r.peak_s)}
            for r in reps
        ]  # fmt: skip
    else:
        hold = schedule.hold
        held = hold.end_s - hold.start_s
        labels["reps"] = None
        labels["hold_s"] = {"expected": r2(held), "min": r2(held * (1 - HOLD_TOLERANCE)), "max": r2(held * (1 + HOLD_TOLERANCE))}
        pose = HOLD_POSE_NAMES[spec.exercise] + (f" ({spec.side} forearm)" if spec.exercise == "side_plank" else "")
        pose += f" ({spec.side} leg crossed)" if spec.exercise == "figure_four" else ""
        labels["holds"] = [{"start_s": r2(hold.start_s), "end_s": r2(hold.end_s), "pose": pose}]
        faults += [
            {"code": f.code, "start_s": r2(f.start_s), "end_s": r2(f.end_s)} for f in spec.faults if f.code in POSTURE_FAULTS
        ]
        labels["good_form_s"] = r2(held - sum(f["end_s"] - f["start_s"] for f in faults))
    labels["faults"] = sorted(faults, key=lambda f: (f["start_s"], f["code"]))
    if spec.exercise == "figure_four":
        labels["holds"][0]["side"] = spec.side
    if spec.exercise == "bird_dog" or (entry and entry.reps and entry.sides != "none"):
        labels["reps_by_side"] = {s: sum(r.side == s for r in schedule.reps) for s in ("left", "right")}
        labels["side_convention"] = entry.side_convention if entry else SIDE_CONVENTION
    labels["notes"] = _notes(spec, schedule)
    labels.update(
        body=spec.body, seed=spec.seed, fps=spec.fps, duration_s=r2(schedule.duration_s), spec=spec.to_dict(), joints=joints
    )
    return labels


def _notes(spec: ClipSpec, schedule: Schedule) -> str:
    start = schedule.reps[0].start_s if spec.is_reps else schedule.hold.lift_start_s
    what = "reps" if spec.is_reps else "the lift into the hold"
    notes = (
        f"Synthetic clip rendered by formcheck_synth (body {spec.body}, seed {spec.seed}); no title cards or cuts. "
        f"The person is in the start position from 0 s; {what} start at {start:.2f} s. "
        "Fault intervals are exact: rep faults span the rep from leaving the bottom to returning; posture "
        "faults span the time the fault is past half its full amount. joints.xy are true landmark pixels."
    )
    if spec.exercise == "bird_dog":
        notes += " " + SIDE_CONVENTION + "."
    return notes


#: The exercise id of a frame that shows none of the supported exercises.
NO_EXERCISE = "none"


class RepPhase(IntEnum):
    """Where a frame is in a rep: not a rep exercise, resting in the start position, or a rep's phase."""

    NONE = 0
    REST = 1
    UP = 2
    TOP = 3
    DOWN = 4


@dataclass(frozen=True, eq=False)
class FrameLabels:
    """Ground truth for every frame of a clip.

    Attributes:
        exercise: the supported exercise shown, or `NO_EXERCISE`.
        in_position: (T,) the body is in the exercise's position (rep exercises: from the start
            position on; holds: while holding); always False for `NO_EXERCISE`.
        rep_phase: (T,) `RepPhase` values.
        rep: (T,) 1-based number of the rep under way, 0 outside reps.
        hold: (T,) the labelled hold is under way.
        fault_codes: the codes the columns of `faults` stand for.
        faults: (T, len(fault_codes)) which faults are labelled at each frame.
    """

    exercise: str
    in_position: np.ndarray
    rep_phase: np.ndarray
    rep: np.ndarray
    hold: np.ndarray
    fault_codes: tuple[str, ...]
    faults: np.ndarray

    @classmethod
    def nothing(cls, n_frames: int) -> FrameLabels:
        """Labels of a clip that shows none of the supported exercises."""
        zeros = np.zeros(n_frames, dtype=bool)
        return cls(NO_EXERCISE, zeros, np.zeros(n_frames, np.int8), np.zeros(n_frames, np.int16), zeros.copy(), (), np.zeros((n_frames, 0), bool))

    def arrays(self) -> dict[str, np.ndarray]:
        """The labels as named arrays, for an npz file."""
        return {
            "label_exercise": np.array(self.exercise), "label_in_position": self.in_position,
            "label_rep_phase": self.rep_phase, "label_rep": self.rep, "label_hold": self.hold,
            "label_fault_codes": np.array(self.fault_codes, dtype=str), "label_faults": self.faults,
        }  # fmt: skip


def frame_labels(spec: ClipSpec, schedule: Schedule, times: np.ndarray) -> FrameLabels:
    """Per-frame labels of a clip of a supported exercise at frame times `times` (s).

    The exercise and the fault windows are the clip's label file's (`build_labels`), so the two never
    disagree: rep faults span their rep, posture faults the time they are past half their amount.
    """
    summary = build_labels(spec, schedule, "", {})
    n = len(times)
    codes = FAULT_CODES[spec.exercise]
    faults = np.zeros((n, len(codes)), dtype=bool)
    for fault in summary["faults"]:
        faults[(times >= fault["start_s"]) & (times <= fault["end_s"]), codes.index(fault["code"])] = True
    rep_phase = np.zeros(n, dtype=np.int8)
    rep_number = np.zeros(n, dtype=np.int16)
    if spec.is_reps:
        hold = np.zeros(n, dtype=bool)
        in_position = np.ones(n, dtype=bool)
        rep_phase[:] = RepPhase.REST
        for rep in schedule.reps:
            during = (times >= rep.start_s) & (times <= rep.end_s)
            rep_number[during] = rep.number
            rep_phase[during & (times < rep.top_start_s)] = RepPhase.UP
            rep_phase[during & (times >= rep.top_start_s) & (times <= rep.top_end_s)] = RepPhase.TOP
            rep_phase[during & (times > rep.top_end_s)] = RepPhase.DOWN
    else:
        hold = (times >= schedule.hold.start_s) & (times <= schedule.hold.end_s)
        in_position = hold.copy()
    return FrameLabels(summary["exercise"], in_position, rep_phase, rep_number, hold, tuple(codes), faults)
