"""Equipment in the scene: benches, a barbell, a kettlebell, as small triangle meshes drawn with the body.

Props are rasterised into the same z-buffer as the body, so they hide what they hide (the near plate
hides the shins, the bench the upper back), and the labels' occlusion test sees them too. Each prop is
built from convex primitives (boxes, cylinders, spheres) whose triangles face outwards from their own
centre, as the rasteriser's back-face culling needs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from formcheck_synth.camera import Camera
from formcheck_synth.scene import Look, shade_vertices

#: Colours (RGB 0-1): a black bench pad on a steel frame, a steel bar, black bumper plates, a cast-iron bell.
PAD_COLOUR = (0.12, 0.12, 0.13)
STEEL_COLOUR = (0.62, 0.63, 0.66)
PLATE_COLOUR = (0.10, 0.10, 0.11)
KETTLEBELL_COLOUR = (0.16, 0.16, 0.17)
#: Olympic barbell: 2.2 m long, 28 mm shaft, 50 mm sleeves starting 0.65 m from the centre; 450 mm
#: bumper plates (a 20 kg plate is about 60 mm thick), two a side.
BAR_LENGTH_M = 2.2
BAR_RADIUS_M = 0.014
SLEEVE_START_M = 0.65
SLEEVE_RADIUS_M = 0.025
PLATE_RADIUS_M = 0.225
PLATE_THICKNESS_M = 0.06
PLATES_PER_SIDE = 2
#: A 16-24 kg kettlebell: bell about 0.2 m across, handle top about 0.28 m above the floor.
BELL_RADIUS_M = 0.105
HANDLE_HEIGHT_M = 0.28
HANDLE_RADIUS_M = 0.017
HANDLE_HALF_WIDTH_M = 0.085
#: Facets of a cylinder's round side and rings of a sphere.
CYLINDER_FACETS = 20
SPHERE_RINGS = 10


@dataclass(frozen=True, eq=False)
class Mesh:
    """Triangles (F, 3) over vertices (V, 3) with a colour (V, 3, 0-1) per vertex."""

    vertices: np.ndarray
    triangles: np.ndarray
    albedo: np.ndarray

    @staticmethod
    def empty() -> Mesh:
        return Mesh(np.empty((0, 3)), np.empty((0, 3), dtype=np.int64), np.empty((0, 3)))

    def __add__(self, other: Mesh) -> Mesh:
        return Mesh(
            np.concatenate([self.vertices, other.vertices]),
            np.concatenate([self.triangles, other.triangles + len(self.vertices)]),
            np.concatenate([self.albedo, other.albedo]),
        )


def combine(meshes) -> Mesh:
    out = Mesh.empty()
    for mesh in meshes:
        out = out + mesh
    return out


def _outward(vertices: np.ndarray, triangles: np.ndarray, colour, centre: np.ndarray | None = None) -> Mesh:
    """A convex primitive's mesh with every triangle turned to face away from its centre (default: the
    vertices' mean)."""
    centre = vertices.mean(axis=0) if centre is None else centre
    v0, v1, v2 = (vertices[triangles[:, k]] for k in range(3))
    normal = np.cross(v1 - v0, v2 - v0)
    inward = np.einsum("fa,fa->f", normal, (v0 + v1 + v2) / 3 - centre) < 0
    triangles = triangles.copy()
    triangles[inward] = triangles[inward][:, ::-1]
    return Mesh(vertices, triangles, np.tile(np.asarray(colour, dtype=np.float64), (len(vertices), 1)))


def box(centre, half_sizes, colour, axes=None) -> Mesh:
    """An oriented box: `axes` rows are its unit axes (default the world's), `half_sizes` along them."""
    axes = np.eye(3) if axes is None else np.asarray(axes, dtype=np.float64)
    half = np.asarray(half_sizes, dtype=np.float64)
    vertices, triangles = [], []
    for axis in range(3):
        for sign in (-1.0, 1.0):
            u, v = [a for a in range(3) if a != axis]
            corners = []
            for cu, cv in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                local = np.zeros(3)
                local[axis], local[u], local[v] = sign * half[axis], cu * half[u], cv * half[v]
                corners.append(np.asarray(centre) + local @ axes)
            base = len(vertices)
            vertices += corners
            triangles += [(base, base + 1, base + 2), (base, base + 2, base + 3)]
    return _outward(np.array(vertices), np.array(triangles), colour)


def cylinder(start, end, radius: float, colour, facets: int = CYLINDER_FACETS) -> Mesh:
    """A closed cylinder from `start` to `end` (its flat caps get their own vertices for sharp edges)."""
    start, end = np.asarray(start, dtype=np.float64), np.asarray(end, dtype=np.float64)
    axis = (end - start) / np.linalg.norm(end - start)
    helper = np.array([0.0, 0.0, 1.0]) if abs(axis[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    a = np.cross(axis, helper)
    a /= np.linalg.norm(a)
    b = np.cross(axis, a)
    angles = np.linspace(0, 2 * np.pi, facets, endpoint=False)
    ring = radius * (np.outer(np.cos(angles), a) + np.outer(np.sin(angles), b))
    k = np.arange(facets)
    nxt = (k + 1) % facets
    side_v = np.concatenate([start + ring, end + ring])
    side_t = np.concatenate([np.stack([k, nxt, facets + nxt], 1), np.stack([k, facets + nxt, facets + k], 1)])
    parts = [_outward(side_v, side_t, colour)]
    for centre in (start, end):
        cap_v = np.concatenate([centre[None], centre + ring])
        parts.append(_outward(cap_v, np.stack([np.zeros(facets, int), 1 + k, 1 + nxt], 1), colour, (start + end) / 2))
    return combine(parts)


def sphere(centre, radius: float, colour, rings: int = SPHERE_RINGS) -> Mesh:
    centre = np.asarray(centre, dtype=np.float64)
    theta = np.linspace(0, np.pi, rings + 1)
    phi = np.linspace(0, 2 * np.pi, 2 * rings, endpoint=False)
    t, p = np.meshgrid(theta, phi, indexing="ij")
    points = np.stack([np.sin(t) * np.cos(p), np.sin(t) * np.sin(p), np.cos(t)], -1).reshape(-1, 3)
    n = 2 * rings
    triangles = []
    for i in range(rings):
        for j in range(n):
            a, b = i * n + j, i * n + (j + 1) % n
            triangles += [(a, b, b + n), (a, b + n, a + n)]
    return _outward(centre + radius * points, np.array(triangles), colour)


def flat_bench(top_centre, length: float, width: float, top_z: float, along_x: bool) -> Mesh:
    """A flat gym bench: a padded top (0.06 m thick) on a steel post and foot; `along_x` is its long axis."""
    half = np.array([length / 2, width / 2]) if along_x else np.array([width / 2, length / 2])
    x, y = top_centre[0], top_centre[1]
    pad = box([x, y, top_z - 0.03], [half[0], half[1], 0.03], PAD_COLOUR)
    post_height = top_z - 0.06
    post = box([x, y, post_height / 2], [min(half[0], 0.04) if along_x else 0.04, 0.04 if along_x else min(half[1], 0.04), post_height / 2], STEEL_COLOUR)
    foot = box([x, y, 0.02], [half[0] * 0.9 if along_x else 0.05, 0.05 if along_x else half[1] * 0.9, 0.02], STEEL_COLOUR)
    legs = [
        box([x + sx * half[0] * 0.8, y + sy * half[1] * 0.8, post_height / 2], [0.025, 0.025, post_height / 2], STEEL_COLOUR)
        for sx in (-1, 1) for sy in (-1, 1)
    ]  # fmt: skip
    return combine([pad, post, foot, *legs])


def barbell(centre, plates_per_side: int = PLATES_PER_SIDE) -> Mesh:
    """A barbell along y, centred on `centre`, loaded with `plates_per_side` plates."""
    c = np.asarray(centre, dtype=np.float64)
    y = np.array([0.0, 1.0, 0.0])
    parts = [cylinder(c - y * BAR_LENGTH_M / 2, c + y * BAR_LENGTH_M / 2, BAR_RADIUS_M, STEEL_COLOUR)]
    for sign in (-1.0, 1.0):
        parts.append(cylinder(c + sign * y * SLEEVE_START_M, c + sign * y * BAR_LENGTH_M / 2, SLEEVE_RADIUS_M, STEEL_COLOUR))
        for k in range(plates_per_side):
            inner = SLEEVE_START_M + 0.01 + k * PLATE_THICKNESS_M
            parts.append(cylinder(c + sign * y * inner, c + sign * y * (inner + PLATE_THICKNESS_M - 0.004), PLATE_RADIUS_M, PLATE_COLOUR))
    return combine(parts)


def kettlebell(grip) -> Mesh:
    """A kettlebell hanging from a grip point (the middle of the handle's bar), handle across y."""
    g = np.asarray(grip, dtype=np.float64)
    y = np.array([0.0, 1.0, 0.0])
    bell_centre = g - np.array([0.0, 0.0, HANDLE_HEIGHT_M - BELL_RADIUS_M])
    post_foot = g - np.array([0.0, 0.0, 0.08])
    parts = [
        sphere(bell_centre, BELL_RADIUS_M, KETTLEBELL_COLOUR),
        cylinder(g - y * HANDLE_HALF_WIDTH_M, g + y * HANDLE_HALF_WIDTH_M, HANDLE_RADIUS_M, KETTLEBELL_COLOUR),
    ]
    for sign in (-1.0, 1.0):
        parts.append(cylinder(g + sign * y * HANDLE_HALF_WIDTH_M, post_foot + sign * y * 0.06, HANDLE_RADIUS_M, KETTLEBELL_COLOUR))
    return combine(parts)


def with_props(
    vertices: np.ndarray, triangles: np.ndarray, colours: np.ndarray, props: Mesh | None, look: Look, camera: Camera
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The body's mesh and shaded colours with the props appended, lit like the body."""
    if props is None or not len(props.triangles):
        return vertices, triangles, colours
    lit = shade_vertices(replace(look, vertex_albedo=props.albedo), props.vertices, props.triangles, camera)
    return (
        np.concatenate([vertices, props.vertices]),
        np.concatenate([triangles, props.triangles + len(vertices)]),
        np.concatenate([colours, lit]),
    )


def scene_points(vertices: np.ndarray, props: Mesh | None) -> np.ndarray:
    """Points the camera must keep in frame: some body vertices and all prop vertices."""
    return vertices if props is None else np.concatenate([vertices, props.vertices])
