"""Floor contacts: the body parts a posture rests on, and the corrections that put them on the floor.

The exercise models place joints from segment lengths and from contact offsets measured on the rest
mesh, but skinning changes the surface in a pose, so a part that should rest on the floor hovers or
sinks by a few centimetres. Each model therefore names its contacts (groups of vertices) and as many
correction parameters (heights in metres, angles in radians); `solve_contacts` finds the corrections
that put every contact's lowest vertex on the floor, and a `CorrectionTable` keeps them along the
model's main degree of freedom, computed once per body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from formcheck_synth.body import Body

#: A contact counts as on the floor when its lowest vertex is within this height (m) of it.
SOLVE_TOLERANCE_M = 5e-4
#: Newton steps before giving up and keeping the best corrections found.
MAX_NEWTON_STEPS = 12
#: Finite-difference step for the Jacobian: 5 mm for heights, about 0.3 deg for angles.
DIFFERENCE_STEP = 5e-3


@dataclass(frozen=True, eq=False)
class Contact:
    """A body part that rests on the floor: its name and the indices of its vertices."""

    name: str
    vertices: np.ndarray

    def gap(self, points: np.ndarray) -> float:
        """Height of the part's lowest vertex above the floor, from posed positions of `vertices`."""
        return float(points[:, 2].min())


def region(body: Body, bones: Iterable[str], keep: Callable[[np.ndarray], np.ndarray] | None = None) -> np.ndarray:
    """Vertices skinned mostly to any of `bones`, optionally filtered by a test on their rest positions."""
    ids = [body.bone(name) for name in bones]
    selected = np.isin(body.skin_bones[:, 0], ids)
    if keep is not None:
        selected &= keep(body.vertices)
    indices = np.nonzero(selected)[0]
    if not len(indices):
        raise ValueError(f"no vertices on bones {', '.join(bones)} pass the filter")
    return indices


def contact_gaps(
    pose_points: Callable[[np.ndarray, np.ndarray], np.ndarray], contacts: Sequence[Contact]
) -> Callable[[np.ndarray], np.ndarray]:
    """Each contact's gap as a function of the corrections, from `pose_points(corrections, vertex_indices)`."""
    indices = np.concatenate([c.vertices for c in contacts])
    bounds = np.cumsum([0] + [len(c.vertices) for c in contacts])

    def gaps(corrections: np.ndarray) -> np.ndarray:
        points = pose_points(corrections, indices)
        return np.array([c.gap(points[a:b]) for c, a, b in zip(contacts, bounds[:-1], bounds[1:])])

    return gaps


def solve_contacts(gaps: Callable[[np.ndarray], np.ndarray], start: np.ndarray) -> np.ndarray:
    """Corrections that bring every gap to zero (Newton, finite-difference Jacobian); the best found.

    Gaps are minima over vertices, so they are only piecewise smooth; the iteration keeps the
    corrections with the smallest worst gap in case it ends up hopping between lowest vertices.
    """
    x = np.asarray(start, dtype=np.float64).copy()
    best, best_error = x.copy(), np.inf
    for _ in range(MAX_NEWTON_STEPS):
        g = gaps(x)
        error = float(np.abs(g).max())
        if error < best_error:
            best, best_error = x.copy(), error
        if error < SOLVE_TOLERANCE_M:
            break
        jacobian = np.empty((len(g), len(x)))
        for k in range(len(x)):
            step = np.zeros_like(x)
            step[k] = DIFFERENCE_STEP
            jacobian[:, k] = (gaps(x + step) - g) / DIFFERENCE_STEP
        x = x - np.linalg.lstsq(jacobian, g, rcond=None)[0]
    return best


@dataclass(frozen=True, eq=False)
class CorrectionTable:
    """Corrections (K, P) solved at increasing keys (K,), linearly interpolated in between."""

    keys: np.ndarray
    values: np.ndarray

    def __call__(self, key: float) -> np.ndarray:
        return np.array([np.interp(key, self.keys, column) for column in self.values.T])


def tabulate(keys: Sequence[float], solve_at: Callable[[float, np.ndarray], np.ndarray], start: np.ndarray) -> CorrectionTable:
    """Solve the corrections at each key in the order given, each solve starting from the previous answer."""
    values, x = [], np.asarray(start, dtype=np.float64)
    for key in keys:
        x = solve_at(float(key), x)
        values.append(x)
    order = np.argsort(keys)
    return CorrectionTable(keys=np.asarray(keys, dtype=np.float64)[order], values=np.array(values)[order])
