"""Forearm plank: prone on the forearms, elbows under the shoulders, body straight from shoulder to ankle.

The shoulders stay above the elbows and the toes stay on the floor; the body's tilt follows from the
arm length and the foot. The body bends at the hip only (knees straight), and the hip bend is the one
degree of freedom: lying with the hips on the floor is a large bend, the plank is no bend, a sag or a
pike bends the hip until it is a given fraction of the shoulder-ankle length off the shoulder-ankle
line. state["lift"] goes from 0 (lying on the forearms, hips on the floor) to 1 (in the plank);
state["hip_offset"] is the fault amount (+ sag, - pike) as a fraction of the shoulder-ankle length.
Corrections solved on the posed mesh keep the forearms and the toes on the floor at every bend.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from formcheck.synth import contact
from formcheck.synth.body import Body
from formcheck.synth.motions import base
from formcheck.synth.motions.base import Measures, line_offset, measure, polar, to3d
from formcheck.synth.posing import Aim, Posture, pose_vertices, unit

#: Hip offset off the shoulder-ankle line for `hip_sag` / `hip_pike` (the spec asks 8-12%).
FAULT_HIP_OFFSET = 0.10
#: Forearms point forward and converge towards the hands by this angle.
FOREARM_CONVERGE_DEG = 12.0
#: Largest hip bend (deg) the offset solver searches.
_MAX_HIP_BEND_DEG = 60.0
#: Floor contacts are solved at this many hip bends from a pike past the fault (by the margin, for
#: idle sway) to lying, and interpolated in between.
CONTACT_GRID_POINTS = 9
CONTACT_GRID_MARGIN = 0.03
#: Corrections solved for contact: shoulder height (m) and toe-tip height (m) in the planar model, and
#: how far the hands tip down from the forearms' line (rad; they rest palms down).
CORRECTIONS = ("shoulder_z", "toe_z", "hand_pitch")


@dataclass(frozen=True, eq=False)
class Plank:
    """Postures of a forearm plank for one body."""

    measures: Measures
    lying_bend: float = 0.0
    table: contact.CorrectionTable | None = None

    @classmethod
    def for_body(cls, body: Body) -> Plank:
        return _calibrated(body)

    def corrections(self, hip_bend: float) -> np.ndarray:
        return np.zeros(len(CORRECTIONS)) if self.table is None else self.table(hip_bend)

    def shoulder(self, c: np.ndarray) -> np.ndarray:
        m = self.measures
        return np.array([0.0, m.forearm_radius + m.upper_arm + c[0]])

    def _toe_height(self, trunk_tilt: float, leg_tilt: float, c: np.ndarray) -> float:
        """Height of the toe tip for trunk and leg tilts (rad below horizontal), feet at a right angle to the legs."""
        m = self.measures
        ankle = self.shoulder(c) + m.trunk * polar(trunk_tilt) + m.leg * polar(leg_tilt)
        foot_forward = np.array([-np.sin(leg_tilt), -np.cos(leg_tilt)])
        foot_up = np.array([foot_forward[1], -foot_forward[0]])
        return float((ankle + m.toe_forward * foot_forward - m.toe_down * foot_up)[1] - c[1])

    def tilts(self, hip_bend_rad: float, c: np.ndarray | None = None) -> tuple[float, float]:
        """Trunk and leg tilts with the toes on the floor; a positive hip bend drops the hips (sag)."""
        c = self.corrections(hip_bend_rad) if c is None else c
        toe_height = lambda t: self._toe_height(t, t - hip_bend_rad, c)  # noqa: E731
        # The toes come down as the trunk tilts further; bracket the first crossing of the floor.
        grid = np.linspace(-1.0, 1.2, 45)
        heights = np.array([toe_height(t) for t in grid])
        first_below = int(np.argmax(heights < 0))
        trunk = brentq(toe_height, grid[first_below - 1], grid[first_below])
        return float(trunk), float(trunk - hip_bend_rad)

    def points(self, trunk_tilt: float, leg_tilt: float, c: np.ndarray) -> tuple[np.ndarray, ...]:
        """Planar shoulder, hip, knee, ankle."""
        m = self.measures
        shoulder = self.shoulder(c)
        hip = shoulder + m.trunk * polar(trunk_tilt)
        knee = hip + m.thigh * polar(leg_tilt)
        return shoulder, hip, knee, knee + m.shin * polar(leg_tilt)

    def offset_of_bend(self, hip_bend_rad: float) -> float:
        """Hip offset off the shoulder-ankle line (fraction of its length, + below) for a hip bend."""
        c = self.corrections(hip_bend_rad)
        shoulder, hip, _, ankle = self.points(*self.tilts(hip_bend_rad, c), c)
        return -line_offset(hip, shoulder, ankle)

    def hip_bend_for_offset(self, offset: float) -> float:
        """Hip bend (rad) that puts the hip `offset` (fraction of shoulder-ankle length, + below) off the line."""
        if offset == 0.0:
            return 0.0
        limit = np.radians(_MAX_HIP_BEND_DEG) * np.sign(offset)
        return float(brentq(lambda bend: self.offset_of_bend(bend) - offset, 0.0, limit))

    def hip_bend(self, state: dict[str, float]) -> float:
        lift = state.get("lift", 1.0)
        return (1.0 - lift) * self.lying_bend + lift * self.hip_bend_for_offset(state.get("hip_offset", 0.0))

    def posture(self, state: dict[str, float]) -> Posture:
        bend = self.hip_bend(state)
        return self.solved_posture(bend, self.corrections(bend))

    def solved_posture(self, hip_bend_rad: float, c: np.ndarray) -> Posture:
        trunk_tilt, leg_tilt = self.tilts(hip_bend_rad, c)
        return prone_on_forearms(self.measures, self.shoulder(c), trunk_tilt, leg_tilt, c[2])


def prone_front(toward_head: np.ndarray) -> np.ndarray:
    """Prone, head towards -x: the body's front is the planar direction turned towards the floor."""
    return to3d(np.array([-toward_head[1], toward_head[0]]))


def prone_on_forearms(m: Measures, shoulder: np.ndarray, trunk_tilt: float, leg_tilt: float, hand_pitch: float) -> Posture:
    """Prone on the forearms (upper arms vertical), trunk and straight legs at the given tilts, toes tucked.

    The hands rest palms down, tipped `hand_pitch` (rad) below the forearms' line.
    """
    hip = shoulder + m.trunk * polar(trunk_tilt)
    leg = polar(leg_tilt)
    foot_forward = np.array([leg[1], -leg[0]])
    foot_up = np.array([foot_forward[1], -foot_forward[0]])
    toward_head = shoulder - hip
    aims = {"pelvis": Aim(to3d(toward_head), prone_front(toward_head))}
    converge = np.tan(np.radians(FOREARM_CONVERGE_DEG))
    # Prone: the person's left is -y, so the midline is +y from the left arm.
    for s, medial in (("L", 1.0), ("R", -1.0)):
        aims[f"thigh.{s}"] = Aim(to3d(leg), prone_front(-leg))
        aims[f"shin.{s}"] = Aim(to3d(leg), prone_front(-leg))
        aims[f"foot.{s}"] = Aim(to3d(foot_forward), to3d(foot_up))
        aims[f"upper_arm.{s}"] = Aim(np.array([0.0, 0.0, -1.0]), np.array([-1.0, 0.0, 0.0]))
        aims[f"forearm.{s}"] = Aim(unit([-1.0, medial * converge, 0.0]), np.array([0.0, medial, 0.0]))
        aims[f"hand.{s}"] = Aim(unit([-1.0, medial * converge, -np.tan(hand_pitch)]), np.array([0.0, medial, 0.0]))
    return Posture(aims=aims, anchor="mid_shoulder", anchor_position=to3d(shoulder))


@lru_cache(maxsize=None)
def _calibrated(body: Body) -> Plank:
    """The plank for a body with its lying position and contact corrections solved on the mesh."""
    free = Plank(measure(body))
    parts = (base.forearms(body), base.toes(body), base.hands(body))

    def at(bend: float, c: np.ndarray, indices: np.ndarray) -> np.ndarray:
        return pose_vertices(body, free.solved_posture(bend, c), indices)

    # Lying: the hips on the floor as well, with the hip bend as one more unknown.
    resting = contact.contact_gaps(lambda x, i: at(x[-1], x[:-1], i), (*parts, base.hips_front(body)))
    lying = contact.solve_contacts(resting, np.array([0.0, 0.0, 0.0, np.radians(30.0)]))

    def solve_at(bend: float, x: np.ndarray) -> np.ndarray:
        return contact.solve_contacts(contact.contact_gaps(lambda c, i: at(bend, c, i), parts), x)

    most_pike = free.hip_bend_for_offset(-(FAULT_HIP_OFFSET + CONTACT_GRID_MARGIN))
    keys = np.linspace(most_pike, lying[-1], CONTACT_GRID_POINTS)
    return Plank(free.measures, float(lying[-1]), contact.tabulate(keys[::-1], solve_at, lying[:-1]))
