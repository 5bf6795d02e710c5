"""Forearm plank: prone on the forearms, elbows under the shoulders, body straight from shoulder to ankle.

The shoulders stay above the elbows and the toes stay on the floor; the body's tilt follows from the
arm length and the foot. In the hold the knees are straight and the body bends at the hip only: a sag
or a pike bends the hip until it is a given fraction of the shoulder-ankle length off the
shoulder-ankle line. The rest before and after the hold is a sphinx-like prone rest on the forearms:
pelvis, thighs and knees on the floor, toes tucked, so the knees bend a little.
state["lift"] goes from 0 (the rest) to 1 (in the plank) in two stages: the hips rise until they
are in line with the shoulders and the knees, which stay down (a plank on the knees), then the knees
lift and straighten; lowering goes back the same way, knees first. state["hip_offset"] is the hold's
fault amount (+ sag, - pike) as a fraction of the shoulder-ankle length. Corrections solved on the
posed mesh keep the forearms, hands and toes on the floor at every bend and through the lift.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from formcheck_synth import contact
from formcheck_synth.body import Body
from formcheck_synth.motions import base
from formcheck_synth.motions.base import Measures, line_offset, measure, polar, to3d
from formcheck_synth.posing import Aim, Posture, pose_vertices, unit

#: Hip offset off the shoulder-ankle line for `hip_sag` / `hip_pike` (the spec asks 8-12%).
FAULT_HIP_OFFSET = 0.10
#: Forearms point forward and converge towards the hands by this angle.
FOREARM_CONVERGE_DEG = 12.0
#: Largest hip bend (deg) the offset solver searches.
_MAX_HIP_BEND_DEG = 60.0
#: First guesses (deg) of the rest's hip and knee bends for the contact solver.
_REST_GUESS_DEG = (30.0, 15.0)
#: Share of the lift spent raising the hips with the knees down; the knees come up in the remainder.
KNEELING_SHARE = 0.5
#: Hold contacts are solved at this many hip bends from a pike to a sag past the faults (by the
#: margin, for idle sway), and interpolated in between.
CONTACT_GRID_POINTS = 7
CONTACT_GRID_MARGIN = 0.03
#: Lift contacts are solved at this many lift fractions in each of its two stages.
LIFT_GRID_POINTS = 4
#: Corrections solved for contact: shoulder height (m) and toe-tip height (m) in the planar model, and
#: how far the hands tip down from the forearms' line (rad; they rest palms down).
CORRECTIONS = ("shoulder_z", "toe_z", "hand_pitch")


@dataclass(frozen=True, eq=False)
class Chain:
    """Planar shoulder, hip, knee and ankle, and the foot's forward and up directions."""

    shoulder: np.ndarray
    hip: np.ndarray
    knee: np.ndarray
    ankle: np.ndarray
    foot_forward: np.ndarray
    foot_up: np.ndarray


@dataclass(frozen=True, eq=False)
class Plank:
    """Postures of a forearm plank for one body, from the prone rest to the hold.

    Bends are in radians: the rest's hip and knee bends, and the knee bend on the knees with the
    hips in line (hip bend 0).
    """

    measures: Measures
    rest_hip_bend: float = 0.0
    rest_knee_bend: float = 0.0
    kneeling_knee_bend: float = 0.0
    hold_table: contact.CorrectionTable | None = None
    lift_table: contact.CorrectionTable | None = None

    @classmethod
    def for_body(cls, body: Body) -> Plank:
        return _calibrated(body)

    def shoulder(self, c: np.ndarray) -> np.ndarray:
        m = self.measures
        return np.array([0.0, m.forearm_radius + m.upper_arm + c[0]])

    def chain(self, trunk_tilt: float, thigh_tilt: float, knee_bend: float, c: np.ndarray) -> Chain:
        """Joints for trunk and thigh tilts (rad below horizontal) and a knee bend (rad, lifts the feet).

        The feet are at a right angle to the shins, toes tucked under.
        """
        m = self.measures
        shoulder = self.shoulder(c)
        hip = shoulder + m.trunk * polar(trunk_tilt)
        knee = hip + m.thigh * polar(thigh_tilt)
        shin = polar(thigh_tilt - knee_bend)
        foot_forward = np.array([shin[1], -shin[0]])
        return Chain(shoulder, hip, knee, knee + m.shin * shin, foot_forward, np.array([foot_forward[1], -foot_forward[0]]))

    def _toe_height(self, chain: Chain, c: np.ndarray) -> float:
        """Height of the toe tip above the floor."""
        m = self.measures
        return float((chain.ankle + m.toe_forward * chain.foot_forward - m.toe_down * chain.foot_up)[1] - c[1])

    def tilts(self, hip_bend_rad: float, knee_bend_rad: float, c: np.ndarray) -> tuple[float, float]:
        """Trunk and thigh tilts with the toes on the floor; a positive hip bend drops the hips (sag)."""
        toe_height = lambda t: self._toe_height(self.chain(t, t - hip_bend_rad, knee_bend_rad, c), c)  # noqa: E731
        # The toes come down as the trunk tilts further; bracket the first crossing of the floor.
        grid = np.linspace(-1.0, 1.2, 45)
        heights = np.array([toe_height(t) for t in grid])
        first_below = int(np.argmax(heights < 0))
        trunk = brentq(toe_height, grid[first_below - 1], grid[first_below])
        return float(trunk), float(trunk - hip_bend_rad)

    def hold_corrections(self, hip_bend_rad: float) -> np.ndarray:
        return np.zeros(len(CORRECTIONS)) if self.hold_table is None else self.hold_table(hip_bend_rad)

    def offset_of_bend(self, hip_bend_rad: float) -> float:
        """Hip offset off the shoulder-ankle line in the hold (fraction of its length, + below) for a hip bend."""
        c = self.hold_corrections(hip_bend_rad)
        chain = self.chain(*self.tilts(hip_bend_rad, 0.0, c), 0.0, c)
        return -line_offset(chain.hip, chain.shoulder, chain.ankle)

    def hip_bend_for_offset(self, offset: float) -> float:
        """Hip bend (rad) that puts the hip `offset` (fraction of shoulder-ankle length, + below) off the line."""
        if offset == 0.0:
            return 0.0
        limit = np.radians(_MAX_HIP_BEND_DEG) * np.sign(offset)
        return float(brentq(lambda bend: self.offset_of_bend(bend) - offset, 0.0, limit))

    @staticmethod
    def knees_up_share(lift: float) -> float:
        """How far (0..1) the knees have come up off the floor at a point of the lift."""
        return max(lift - KNEELING_SHARE, 0.0) / (1.0 - KNEELING_SHARE)

    def lift_bends(self, lift: float, hold_bend: float = 0.0) -> tuple[float, float]:
        """Hip and knee bends (rad) a fraction `lift` of the way from the rest to a hold at `hold_bend`."""
        if lift < KNEELING_SHARE:
            f = lift / KNEELING_SHARE
            return (1.0 - f) * self.rest_hip_bend, (1.0 - f) * self.rest_knee_bend + f * self.kneeling_knee_bend
        f = self.knees_up_share(lift)
        return f * hold_bend, (1.0 - f) * self.kneeling_knee_bend

    def corrections(self, lift: float, hold_bend: float) -> np.ndarray:
        """Contact corrections part way through the lift; the hold's own in the plank.

        The lift is solved without the hold's sway or faults; their share of the hold corrections is
        added as the knees come up.
        """
        if self.lift_table is None or self.hold_table is None:
            return np.zeros(len(CORRECTIONS))
        return self.lift_table(lift) + self.knees_up_share(lift) * (self.hold_table(hold_bend) - self.hold_table(0.0))

    def posture(self, state: dict[str, float]) -> Posture:
        lift = state.get("lift", 1.0)
        hold_bend = self.hip_bend_for_offset(state.get("hip_offset", 0.0))
        return self.solved_posture(*self.lift_bends(lift, hold_bend), self.corrections(lift, hold_bend))

    def solved_posture(self, hip_bend_rad: float, knee_bend_rad: float, c: np.ndarray) -> Posture:
        chain = self.chain(*self.tilts(hip_bend_rad, knee_bend_rad, c), knee_bend_rad, c)
        return prone_on_forearms(chain, c[2])


def prone_front(toward_head: np.ndarray) -> np.ndarray:
    """Prone, head towards -x: the body's front is the planar direction turned towards the floor."""
    return to3d(np.array([-toward_head[1], toward_head[0]]))


def prone_on_forearms(chain: Chain, hand_pitch: float) -> Posture:
    """Prone on the forearms (upper arms vertical), the trunk and legs along a planar chain, toes tucked.

    The hands rest palms down, tipped `hand_pitch` (rad) below the forearms' line.
    """
    thigh, shin = unit(chain.knee - chain.hip), unit(chain.ankle - chain.knee)
    toward_head = chain.shoulder - chain.hip
    aims = {"pelvis": Aim(to3d(toward_head), prone_front(toward_head))}
    converge = np.tan(np.radians(FOREARM_CONVERGE_DEG))
    # Prone: the person's left is -y, so the midline is +y from the left arm.
    for s, medial in (("L", 1.0), ("R", -1.0)):
        aims[f"thigh.{s}"] = Aim(to3d(thigh), prone_front(-thigh))
        aims[f"shin.{s}"] = Aim(to3d(shin), prone_front(-shin))
        aims[f"foot.{s}"] = Aim(to3d(chain.foot_forward), to3d(chain.foot_up))
        aims[f"upper_arm.{s}"] = Aim(np.array([0.0, 0.0, -1.0]), np.array([-1.0, 0.0, 0.0]))
        aims[f"forearm.{s}"] = Aim(unit([-1.0, medial * converge, 0.0]), np.array([0.0, medial, 0.0]))
        aims[f"hand.{s}"] = Aim(unit([-1.0, medial * converge, -np.tan(hand_pitch)]), np.array([0.0, medial, 0.0]))
    return Posture(aims=aims, anchor="mid_shoulder", anchor_position=to3d(chain.shoulder))


@lru_cache(maxsize=None)
def _calibrated(body: Body) -> Plank:
    """The plank for a body with its rest position and contact corrections solved on the mesh."""
    free = Plank(measure(body))
    parts = (base.forearms(body), base.toes(body), base.hands(body))

    def at(hip_bend: float, knee_bend: float, c: np.ndarray, indices: np.ndarray) -> np.ndarray:
        return pose_vertices(body, free.solved_posture(hip_bend, knee_bend, c), indices)

    # The rest: the pelvis and the knees on the floor as well, with the hip and knee bends as unknowns.
    resting = contact.contact_gaps(
        lambda x, i: at(x[-2], x[-1], x[:-2], i), (*parts, base.hips_front(body), base.knees(body))
    )
    rest = contact.solve_contacts(resting, np.array([0.0, 0.0, 0.0, *np.radians(_REST_GUESS_DEG)]))
    rest_hip, rest_knee = float(rest[-2]), float(rest[-1])
    # On the knees: hips in line with the shoulders and knees, knees on the floor, the knee bend unknown.
    kneeling = contact.contact_gaps(lambda x, i: at(0.0, x[-1], x[:-1], i), (*parts, base.knees(body)))
    kneel_knee = float(contact.solve_contacts(kneeling, rest[[0, 1, 2, 4]])[-1])

    def solve_hold(bend: float, x: np.ndarray) -> np.ndarray:
        return contact.solve_contacts(contact.contact_gaps(lambda c, i: at(bend, 0.0, c, i), parts), x)

    pike = free.hip_bend_for_offset(-(FAULT_HIP_OFFSET + CONTACT_GRID_MARGIN))
    sag = free.hip_bend_for_offset(FAULT_HIP_OFFSET + CONTACT_GRID_MARGIN)
    hold_keys = np.linspace(sag, pike, CONTACT_GRID_POINTS)
    hold = contact.tabulate(hold_keys, solve_hold, rest[:-2])

    lifting = Plank(free.measures, rest_hip, rest_knee, kneel_knee)

    def solve_lift(lift: float, x: np.ndarray) -> np.ndarray:
        hip_bend, knee_bend = lifting.lift_bends(lift)
        return contact.solve_contacts(contact.contact_gaps(lambda c, i: at(hip_bend, knee_bend, c, i), parts), x)

    stages = (np.linspace(0.0, KNEELING_SHARE, LIFT_GRID_POINTS), np.linspace(KNEELING_SHARE, 1.0, LIFT_GRID_POINTS)[1:])
    lift = contact.tabulate(np.concatenate(stages), solve_lift, rest[:-2])
    return Plank(free.measures, rest_hip, rest_knee, kneel_knee, hold, lift)
