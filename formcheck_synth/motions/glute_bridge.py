"""Glute bridge: supine, knees bent, feet flat, arms by the sides; the hips rise and lower.

The sagittal chain shoulder-hip-knee-ankle is a linkage with the shoulders and the feet planted, so the
hip extension angle (shoulder-hip-knee, measured on the belly side) is its one degree of freedom:
about 128 deg with the hips on the floor, 180 deg at a full bridge. Feet are placed so that the knee
is at `KNEE_AT_TOP_DEG` when the bridge is straight (exercises.md: about 90 deg at the top).

The bridge pivots on the upper back and the feet: at every hip extension, corrections solved on the
posed mesh keep the shoulder blades, the back of the head, both heels and toes (feet flat), the
elbows and the hands on the floor, and at the bottom the buttocks too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from formcheck_synth import contact
from formcheck_synth.body import Body
from formcheck_synth.motions import base
from formcheck_synth.motions.base import Measures, circle_intersection, measure, to3d
from formcheck_synth.posing import Aim, Posture, pose_vertices, unit

#: Hip extension at the top of a clean rep (exercises.md: shoulders, hips and knees in a straight line).
CLEAN_PEAK_DEG = 180.0
#: Peak of an `incomplete_extension` rep: well short of straight (the spec's 145-155 deg band).
INCOMPLETE_PEAK_DEG = 150.0
#: Peak of an `over_arching` rep: hips pushed above the shoulder-knee line (195-205 deg on the belly side).
OVER_ARCH_PEAK_DEG = 200.0
#: Knee angle hip-knee-ankle at a straight bridge.
KNEE_AT_TOP_DEG = 90.0
#: Arms rest on the floor beside the trunk, spread outwards by this angle.
ARM_SPREAD_DEG = 12.0
#: Floor contacts are solved at this many hip extensions from the bottom to past the over-arched peak
#: (by the margin, for idle sway), and interpolated in between.
CONTACT_GRID_POINTS = 9
CONTACT_GRID_MARGIN_DEG = 5.0
#: Corrections solved for contact, in this order: shoulder height (m), ankle height (m), foot pitch
#: (rad, + lowers the toes), head pitch (rad, + tucks the chin), upper-arm and forearm slope (rad below
#: horizontal).
CORRECTIONS = ("shoulder_z", "ankle_z", "foot_pitch", "head_pitch", "upper_arm_slope", "forearm_slope")
#: Lowest hip extension (deg) searched for the resting position.
_LOWEST_EXTENSION_DEG = 110.0


@dataclass(frozen=True, eq=False)
class GluteBridge:
    """Postures of a glute bridge for one body; state["hip_extension_deg"] sets the hip height."""

    measures: Measures
    bottom_deg: float = 0.0
    table: contact.CorrectionTable | None = None

    @classmethod
    def for_body(cls, body: Body) -> GluteBridge:
        return _calibrated(body)

    @property
    def ankle_s(self) -> float:
        """Where the feet are planted: the ankle is this far from the shoulder along the floor."""
        m = self.measures
        knee = np.radians(KNEE_AT_TOP_DEG)
        reach = np.sqrt((m.trunk + m.thigh) ** 2 + m.shin**2 - 2 * (m.trunk + m.thigh) * m.shin * np.cos(knee))
        return float(np.sqrt(reach**2 - (m.ankle_height - m.back_at_shoulder) ** 2))

    def chain(self, hip_extension_deg: float, corrections: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
        """Planar shoulder, hip, knee, ankle for a hip extension angle (belly side, degrees)."""
        m = self.measures
        c = self.corrections(hip_extension_deg) if corrections is None else corrections
        shoulder = np.array([0.0, m.back_at_shoulder + c[0]])
        ankle = np.array([self.ankle_s, m.ankle_height + c[1]])
        theta = np.radians(hip_extension_deg)
        shoulder_knee = np.sqrt(m.trunk**2 + m.thigh**2 - 2 * m.trunk * m.thigh * np.cos(theta))
        knee = circle_intersection(ankle, m.shin, shoulder, shoulder_knee, upper=False)
        # Belly side is up: below 180 deg the hip sits under the shoulder-knee line, above it over it.
        hip = circle_intersection(shoulder, m.trunk, knee, m.thigh, upper=hip_extension_deg > 180.0)
        return shoulder, hip, knee, ankle

    def corrections(self, hip_extension_deg: float) -> np.ndarray:
        if self.table is None:
            return np.zeros(len(CORRECTIONS))
        return self.table(hip_extension_deg)

    def bottom_extension_deg(self) -> float:
        """Hip extension with the buttocks resting on the floor."""
        return self.bottom_deg

    def posture(self, state: dict[str, float]) -> Posture:
        extension = state["hip_extension_deg"]
        return self.solved_posture(extension, self.corrections(extension))

    def solved_posture(self, hip_extension_deg: float, c: np.ndarray) -> Posture:
        """The posture for a hip extension with the given contact corrections (see `CORRECTIONS`)."""
        shoulder, hip, knee, ankle = self.chain(hip_extension_deg, c)
        up = np.array([0.0, 0.0, 1.0])
        # Supine, head towards -x: the body's front faces up; its left side is +y.
        front = lambda toward_head: to3d(np.array([toward_head[1], -toward_head[0]]))  # noqa: E731
        foot_pitch, head_pitch, upper_arm_slope, forearm_slope = c[2:]
        aims = {
            "pelvis": Aim(to3d(shoulder - hip), front(shoulder - hip)),
            "head": Aim(np.array([-np.cos(head_pitch), 0.0, np.sin(head_pitch)]), np.array([np.sin(head_pitch), 0.0, np.cos(head_pitch)])),
        }  # fmt: skip
        spread = np.tan(np.radians(ARM_SPREAD_DEG))
        foot = np.array([np.cos(foot_pitch), 0.0, -np.sin(foot_pitch)])
        foot_up = np.array([np.sin(foot_pitch), 0.0, np.cos(foot_pitch)])
        for s, lateral in (("L", 1.0), ("R", -1.0)):
            aims[f"thigh.{s}"] = Aim(to3d(knee - hip), front(hip - knee))
            aims[f"shin.{s}"] = Aim(to3d(ankle - knee), front(knee - ankle))
            aims[f"foot.{s}"] = Aim(foot, foot_up)
            aims[f"upper_arm.{s}"] = Aim(unit([np.cos(upper_arm_slope), lateral * spread, -np.sin(upper_arm_slope)]), up)
            # Palms down: the thumb side (index knuckle) turns towards the body's midline.
            aims[f"forearm.{s}"] = Aim(
                unit([np.cos(forearm_slope), lateral * spread / 2, -np.sin(forearm_slope)]), np.array([0.0, -lateral, 0.0])
            )
        return Posture(aims=aims, anchor="mid_hip", anchor_position=to3d(hip))


def contacts(body: Body) -> tuple[contact.Contact, ...]:
    """What a bridge rests on, one per correction in `CORRECTIONS`."""
    return (
        base.upper_back(body), base.heels(body), base.toes(body), base.back_of_head(body),
        base.elbows(body), base.hands(body),
    )  # fmt: skip


@lru_cache(maxsize=None)
def _calibrated(body: Body) -> GluteBridge:
    """The bridge for a body with its resting position and contact corrections solved on the mesh."""
    free = GluteBridge(measure(body))
    m = free.measures
    start = np.zeros(len(CORRECTIONS))
    start[4] = np.arcsin(np.clip(m.back_at_shoulder / m.upper_arm, 0.0, 0.9))
    parts = contacts(body)

    def at(extension: float, c: np.ndarray, indices: np.ndarray) -> np.ndarray:
        return pose_vertices(body, free.solved_posture(extension, c), indices)

    # Resting position: the buttocks on the floor as well, with the hip extension as one more unknown.
    resting = contact.contact_gaps(lambda x, i: at(x[-1], x[:-1], i), (*parts, base.buttocks(body)))
    bottom = contact.solve_contacts(resting, np.append(start, 130.0))
    bottom_deg = float(np.clip(bottom[-1], _LOWEST_EXTENSION_DEG, CLEAN_PEAK_DEG))

    def solve_at(extension: float, x: np.ndarray) -> np.ndarray:
        return contact.solve_contacts(contact.contact_gaps(lambda c, i: at(extension, c, i), parts), x)

    keys = np.linspace(bottom_deg, OVER_ARCH_PEAK_DEG + CONTACT_GRID_MARGIN_DEG, CONTACT_GRID_POINTS)
    table = contact.tabulate(keys, solve_at, bottom[:-1])
    return GluteBridge(m, bottom_deg, table)
