"""Side plank: on one forearm, body straight from head to feet, feet stacked; seen best from the front.

The body lies in the world xz plane (head towards -x), its front facing +y when on the left forearm and
-y when on the right. The supporting shoulder stays above the elbow and the bottom foot's outer edge
on the floor; the body bends sideways at the hip only, and that bend is the one degree of freedom:
lying on the side with the hip on the floor is a large bend, the side plank none. state["lift"] goes
from 0 (lying on the side, propped on the forearm) to 1 (in the side plank); state["hip_offset"] > 0
drops the hips towards the floor by that fraction of the shoulder-ankle length (`hip_drop`).
Corrections solved on the posed mesh keep the forearm, the hand and the bottom foot on the floor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from formcheck_synth import contact
from formcheck_synth.body import Body
from formcheck_synth.motions import base
from formcheck_synth.motions.base import Measures, line_offset, measure, polar, to3d
from formcheck_synth.posing import Aim, Posture, pose_vertices, unit

#: Hip drop off the shoulder-ankle line for `hip_drop` (the spec asks about 10% of body length).
FAULT_HIP_OFFSET = 0.10
#: Top arm rests along the flank, lifted off the trunk by this angle.
TOP_ARM_LIFT_DEG = 12.0
#: Distance (m) between the ankle joints with one foot on top of the other.
STACKED_ANKLES_M = 0.09
_MAX_HIP_BEND_DEG = 50.0
#: Floor contacts are solved at this many hip bends from lying on the side to a little past straight
#: (the margin, for idle sway), and interpolated in between.
CONTACT_GRID_POINTS = 8
CONTACT_GRID_MARGIN_DEG = 5.0
#: Corrections solved for contact: shoulder height (m), bottom-ankle height (m) in the planar model,
#: and how far the supporting hand tips down from the forearm's line (rad).
CORRECTIONS = ("shoulder_z", "ankle_z", "hand_pitch")


@dataclass(frozen=True, eq=False)
class SidePlank:
    """Postures of a side plank for one body, on the `support` forearm ("left" or "right")."""

    measures: Measures
    support: str = "left"
    lying_bend: float = 0.0
    table: contact.CorrectionTable | None = None
    top_arm: str = "flank"  # along the flank, or "raised" to the ceiling

    @classmethod
    def for_body(cls, body: Body, support: str = "left", top_arm: str = "flank") -> SidePlank:
        """The calibrated side plank; the top arm touches nothing, so it does not change the contacts."""
        return replace(_calibrated(body, support), top_arm=top_arm)

    @property
    def front(self) -> np.ndarray:
        return np.array([0.0, 1.0 if self.support == "left" else -1.0, 0.0])

    def corrections(self, hip_bend: float) -> np.ndarray:
        return np.zeros(len(CORRECTIONS)) if self.table is None else self.table(hip_bend)

    def shoulder(self, c: np.ndarray) -> np.ndarray:
        m = self.measures
        return np.array([0.0, m.forearm_radius + m.upper_arm + c[0]])

    def points(self, trunk_tilt: float, leg_tilt: float, c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Planar bottom shoulder, bottom hip, bottom ankle."""
        m = self.measures
        shoulder = self.shoulder(c)
        hip = shoulder + m.trunk * polar(trunk_tilt)
        return shoulder, hip, hip + m.leg * polar(leg_tilt)

    def tilts(self, hip_bend_rad: float, c: np.ndarray) -> tuple[float, float]:
        """Trunk and leg tilts with the bottom foot on its edge on the floor; positive bends drop the hips."""
        ankle = self.measures.foot_side + c[1]
        trunk = brentq(lambda t: self.points(t, t - hip_bend_rad, c)[2][1] - ankle, -0.2, 1.2)
        return float(trunk), float(trunk - hip_bend_rad)

    def offset_of_bend(self, hip_bend_rad: float) -> float:
        """Hip drop off the shoulder-ankle line (fraction of its length) for a hip bend."""
        c = self.corrections(hip_bend_rad)
        shoulder, hip, ankle = self.points(*self.tilts(hip_bend_rad, c), c)
        return -line_offset(hip, shoulder, ankle)

    def hip_bend_for_offset(self, offset: float) -> float:
        if offset == 0.0:
            return 0.0
        # Hips above the line only come from idle sway, which stays within the contact grid's margin.
        limit = np.radians(_MAX_HIP_BEND_DEG) if offset > 0 else -np.radians(CONTACT_GRID_MARGIN_DEG)
        return float(brentq(lambda bend: self.offset_of_bend(bend) - offset, 0.0, limit))

    def hip_bend(self, state: dict[str, float]) -> float:
        lift = state.get("lift", 1.0)
        return (1.0 - lift) * self.lying_bend + lift * self.hip_bend_for_offset(state.get("hip_offset", 0.0))

    def posture(self, state: dict[str, float]) -> Posture:
        bend = self.hip_bend(state)
        return self.solved_posture(bend, self.corrections(bend))

    def solved_posture(self, hip_bend_rad: float, c: np.ndarray) -> Posture:
        """The posture for a hip bend with the given contact corrections (see `CORRECTIONS`)."""
        m = self.measures
        trunk_tilt, leg_tilt = self.tilts(hip_bend_rad, c)
        toward_feet, leg = to3d(polar(trunk_tilt)), to3d(polar(leg_tilt))
        upward = to3d(np.array([np.sin(leg_tilt), np.cos(leg_tilt)]))
        down = np.array([0.0, 0.0, -1.0])
        support = "L" if self.support == "left" else "R"
        top = "R" if support == "L" else "L"
        # The top leg converges onto the bottom one so the ankles stack.
        top_leg = unit(m.leg * leg - upward * (2 * m.hip_half_width - STACKED_ANKLES_M))
        arm_lift = np.tan(np.radians(TOP_ARM_LIFT_DEG))
        head_end = np.array([-1.0, 0.0, 0.0])
        aims = {
            "pelvis": Aim(-toward_feet, self.front),
            f"thigh.{support}": Aim(leg, self.front),
            f"thigh.{top}": Aim(top_leg, self.front),
            f"shin.{support}": Aim(leg, self.front),
            f"shin.{top}": Aim(top_leg, self.front),
            f"foot.{support}": Aim(self.front, -leg),
            f"foot.{top}": Aim(self.front, -top_leg),
            f"upper_arm.{support}": Aim(down, self.front),
            f"forearm.{support}": Aim(self.front, head_end),
            f"hand.{support}": Aim(unit(self.front + np.tan(c[2]) * down), head_end),
        }
        if self.top_arm == "raised":
            ceiling = np.array([0.0, 0.0, 1.0])
            aims[f"upper_arm.{top}"] = Aim(ceiling, self.front)
            aims[f"forearm.{top}"] = Aim(ceiling, self.front)
        else:
            aims[f"upper_arm.{top}"] = Aim(unit(toward_feet + arm_lift * upward), self.front)
            aims[f"forearm.{top}"] = Aim(unit(toward_feet + 0.5 * arm_lift * upward), self.front)
        side_name = "left" if support == "L" else "right"
        return Posture(aims=aims, anchor=f"{side_name}_shoulder", anchor_position=to3d(self.shoulder(c)))


@lru_cache(maxsize=None)
def _calibrated(body: Body, support: str) -> SidePlank:
    """The side plank for a body with its lying position and contact corrections solved on the mesh."""
    free = SidePlank(measure(body), support)
    side = "L" if support == "left" else "R"
    parts = (base.forearms(body, side), base.feet(body, side), base.hands(body, side))

    def at(bend: float, c: np.ndarray, indices: np.ndarray) -> np.ndarray:
        return pose_vertices(body, free.solved_posture(bend, c), indices)

    # Lying: the bottom hip on the floor as well, with the hip bend as one more unknown.
    resting = contact.contact_gaps(lambda x, i: at(x[-1], x[:-1], i), (*parts, base.hip_side(body, side)))
    lying = contact.solve_contacts(resting, np.array([0.0, 0.0, 0.0, np.radians(25.0)]))

    def solve_at(bend: float, x: np.ndarray) -> np.ndarray:
        return contact.solve_contacts(contact.contact_gaps(lambda c, i: at(bend, c, i), parts), x)

    keys = np.linspace(lying[-1], -np.radians(CONTACT_GRID_MARGIN_DEG), CONTACT_GRID_POINTS)
    return SidePlank(free.measures, support, float(lying[-1]), contact.tabulate(keys, solve_at, lying[:-1]))
