"""A vectorised numpy z-buffer triangle rasteriser.

Triangles are grouped by the size of their pixel bounding box; each group tests a fixed grid of
candidate pixels per triangle at once, and the nearest candidate per pixel wins. Barycentric weights
of the winners are returned so callers can interpolate per-vertex values (Gouraud shading, depth).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Bounding-box sizes (pixels) of the candidate grids; larger triangles fall back to a per-triangle loop.
_TILE_SIZES = (1, 2, 4, 8, 16, 32)
#: Near clipping distance (m): triangles with a vertex closer than this are dropped.
NEAR_CLIP_M = 0.05


@dataclass(frozen=True, eq=False)
class Fragments:
    """Winning fragment per covered pixel.

    Attributes:
        pixel: (N,) flat pixel index (row * width + column).
        triangle: (N,) index of the triangle seen there.
        barycentric: (N, 3) weights of the triangle's three vertices at the pixel centre.
        depth: (N,) camera depth at the pixel centre.
    """

    pixel: np.ndarray
    triangle: np.ndarray
    barycentric: np.ndarray
    depth: np.ndarray


def rasterize(
    xy: np.ndarray, depth: np.ndarray, triangles: np.ndarray, width: int, height: int, cull_backfaces: bool = True
) -> Fragments:
    """Rasterise triangles given projected vertices `xy` (V, 2) in pixels and their depths (V,).

    Triangles counter-clockwise from outside are front-facing; with `cull_backfaces` the others are skipped.
    """
    tri_xy = xy[triangles]
    tri_depth = depth[triangles]
    edge1 = tri_xy[:, 1] - tri_xy[:, 0]
    edge2 = tri_xy[:, 2] - tri_xy[:, 0]
    # Image y points down, so an outward-facing counter-clockwise triangle has negative signed area here.
    signed_area = edge1[:, 0] * edge2[:, 1] - edge1[:, 1] * edge2[:, 0]
    keep = (tri_depth.min(axis=1) > NEAR_CLIP_M) & (np.abs(signed_area) > 1e-9)
    if cull_backfaces:
        keep &= signed_area < 0
    lo = np.ceil(tri_xy.min(axis=1) - 0.5).astype(np.int64)
    hi = np.floor(tri_xy.max(axis=1) - 0.5).astype(np.int64)
    lo = np.maximum(lo, 0)
    hi = np.minimum(hi, [width - 1, height - 1])
    keep &= np.all(hi >= lo, axis=1)
    index = np.nonzero(keep)[0]
    size = (hi[index] - lo[index]).max(axis=1) + 1

    pieces: list[tuple[np.ndarray, ...]] = []
    smaller = 0
    for tile in _TILE_SIZES:
        group = index[(size > smaller) & (size <= tile)]
        smaller = tile
        if len(group):
            pieces.append(_candidates(group, tile, lo, hi, tri_xy, tri_depth, signed_area, width))
    for t in index[size > _TILE_SIZES[-1]]:
        tile = int(max(hi[t] - lo[t]) + 1)
        pieces.append(_candidates(np.array([t]), tile, lo, hi, tri_xy, tri_depth, signed_area, width))
    if not pieces:
        empty = np.empty(0, dtype=np.int64)
        return Fragments(empty, empty, np.empty((0, 3)), np.empty(0))
    pixel, tri, bary, frag_depth = (np.concatenate(p) for p in zip(*pieces))
    order = np.lexsort((frag_depth, pixel))
    pixel = pixel[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = pixel[1:] != pixel[:-1]
    win = order[first]
    return Fragments(pixel=pixel[first], triangle=tri[win], barycentric=bary[win], depth=frag_depth[win])


def _candidates(group, tile, lo, hi, tri_xy, tri_depth, signed_area, width):
    """Candidate pixels of a group of triangles whose bounding box fits in `tile` x `tile`."""
    offsets = np.arange(tile)
    ox, oy = np.meshgrid(offsets, offsets)
    px = lo[group, 0, None] + ox.ravel()[None, :]
    py = lo[group, 1, None] + oy.ravel()[None, :]
    inside_box = (px <= hi[group, 0, None]) & (py <= hi[group, 1, None])
    cx, cy = px + 0.5, py + 0.5
    v0, v1, v2 = (tri_xy[group, k] for k in range(3))
    area = signed_area[group, None]
    # Barycentric weights from edge functions, normalised by the signed area.
    w0 = ((v1[:, 0, None] - cx) * (v2[:, 1, None] - cy) - (v1[:, 1, None] - cy) * (v2[:, 0, None] - cx)) / area
    w1 = ((v2[:, 0, None] - cx) * (v0[:, 1, None] - cy) - (v2[:, 1, None] - cy) * (v0[:, 0, None] - cx)) / area
    w2 = 1.0 - w0 - w1
    inside = inside_box & (w0 >= 0) & (w1 >= 0) & (w2 >= 0)
    rows, cols = np.nonzero(inside)
    tri = group[rows]
    bary = np.stack([w0[rows, cols], w1[rows, cols], w2[rows, cols]], axis=1)
    depth = np.einsum("nk,nk->n", bary, tri_depth[tri])
    pixel = py[rows, cols] * width + px[rows, cols]
    return pixel, tri, bary, depth
