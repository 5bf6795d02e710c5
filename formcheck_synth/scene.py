"""The room, the lighting, the clothes and the camera's imperfections, all drawn from a seeded RNG.

The background (floor, exercise mat, wall, skirting board, a window or picture, furniture) is static, so
it is rendered once per clip by casting one ray per pixel; only the body is rasterised per frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from formcheck_synth.body import Body
from formcheck_synth.camera import Camera

# Palettes (RGB). Skin tones span light to dark; clothes are typical workout colours.
SKIN_TONES = ((236, 196, 166), (224, 172, 140), (198, 140, 100), (160, 105, 72), (112, 72, 50))
HAIR_COLOURS = ((30, 22, 18), (64, 42, 26), (110, 76, 42), (20, 18, 17))
SHIRT_COLOURS = ((40, 80, 160), (180, 45, 55), (60, 130, 85), (225, 225, 220), (55, 55, 62), (205, 120, 45), (115, 65, 145))
BOTTOM_COLOURS = ((28, 28, 34), (42, 52, 82), (72, 72, 78), (95, 60, 70))
SOCK_COLOURS = ((235, 235, 235), (60, 60, 65), (200, 200, 205))
MAT_COLOURS = ((60, 110, 150), (120, 70, 140), (70, 130, 100), (95, 95, 100), (165, 85, 95))
WALL_COLOURS = ((226, 220, 206), (200, 210, 216), (232, 226, 220), (192, 202, 186), (216, 200, 186))
WOOD_COLOURS = ((150, 110, 72), (176, 136, 92), (122, 86, 56), (192, 170, 140))
FURNITURE_COLOURS = ((120, 90, 65), (230, 230, 228), (70, 70, 78), (150, 120, 90), (90, 110, 130))
EYE_COLOUR = (45, 38, 34)

#: Lighting: ambient share, key light share, and a weak fill from the camera side.
AMBIENT = 0.38
KEY_LIGHT = 0.62
FILL_LIGHT = 0.22
#: Exercise mat size (m): a standard 61 x 183 cm yoga mat.
MAT_SIZE_M = (1.83, 0.61)
#: Contact shadow: blur radius as a fraction of image width, darkest multiplier, fall-off height (m).
SHADOW_BLUR_FRACTION = 0.012
SHADOW_STRENGTH = 0.45
SHADOW_HEIGHT_M = 0.35
SHADOW_DOWNSCALE = 4
#: Camera imperfections: optics blur (px), residual sensor noise (8-bit levels, sd).
LENS_BLUR_PX = (0.6, 0.9)
SENSOR_NOISE_LEVELS = (0.8, 1.5)
#: Residual temporal noise after the phone's denoiser: its share of the noise level and its smoothing (px).
TEMPORAL_NOISE_SHARE = 0.12
ISP_DENOISE_PX = 0.8
#: Auto-exposure drifts slowly (relative gain amplitude, period in s). A phone does not flicker frame
#: to frame, and per-frame gain jitter would double the mp4 size: every block would need a residual.
EXPOSURE_DRIFT = 0.015
EXPOSURE_DRIFT_PERIOD_S = 7.0


@dataclass(frozen=True, eq=False)
class Look:
    """Per-clip appearance: vertex albedo (V, 3, 0-1), light direction, noise levels."""

    vertex_albedo: np.ndarray
    key_light: np.ndarray
    lens_blur_px: float
    noise_levels: float
    noise_seed: int
    exposure_phase: float

    def fixed_pattern_noise(self, shape: tuple[int, int]) -> np.ndarray:
        """The sensor's per-pixel offsets (levels): the same in every frame of a clip."""
        return self.noise_levels * np.random.default_rng(self.noise_seed).standard_normal(shape, dtype=np.float32)


def _pick(rng: np.random.Generator, palette: tuple) -> np.ndarray:
    return np.asarray(palette[rng.integers(len(palette))], dtype=np.float64)


def make_look(body: Body, rng: np.random.Generator) -> Look:
    """Clothes and skin for the body, and the light and camera noise, from the RNG."""
    skin, hair = _pick(rng, SKIN_TONES), _pick(rng, HAIR_COLOURS)
    shirt, bottoms = _pick(rng, SHIRT_COLOURS), _pick(rng, BOTTOM_COLOURS)
    leggings = rng.random() < 0.5
    long_sleeves = rng.random() < 0.25
    feet = _pick(rng, SOCK_COLOURS) if rng.random() < 0.5 else skin
    colours = {
        "skin": skin, "hair": hair, "eye": np.asarray(EYE_COLOUR, float), "torso": shirt, "sleeve": shirt,
        "upper_arm": shirt if long_sleeves else skin, "hips_thigh": bottoms,
        "shin": bottoms if leggings else skin, "foot": feet,
    }  # fmt: skip
    table = np.stack([colours[name] for name in body.part_names]) / 255.0
    azimuth = rng.uniform(0, 2 * np.pi)
    key = np.array([np.cos(azimuth) * 0.6, np.sin(azimuth) * 0.6, 1.0])
    return Look(
        vertex_albedo=table[body.vertex_parts],
        key_light=key / np.linalg.norm(key),
        lens_blur_px=float(rng.uniform(*LENS_BLUR_PX)),
        noise_levels=float(rng.uniform(*SENSOR_NOISE_LEVELS)),
        noise_seed=int(rng.integers(2**31)),
        exposure_phase=float(rng.uniform(0, 2 * np.pi)),
    )


def vertex_normals(vertices: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """Area-weighted unit vertex normals."""
    v0, v1, v2 = (vertices[triangles[:, k]] for k in range(3))
    face = np.cross(v1 - v0, v2 - v0)
    normals = np.zeros_like(vertices)
    for k in range(3):
        for axis in range(3):
            normals[:, axis] += np.bincount(triangles[:, k], weights=face[:, axis], minlength=len(vertices))
    return normals / np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)


def shade_vertices(look: Look, vertices: np.ndarray, triangles: np.ndarray, camera: Camera) -> np.ndarray:
    """Lambert-shaded vertex colours (V, 3, 0-1): ambient, a key light and a fill from the camera."""
    normals = vertex_normals(vertices, triangles)
    key = np.clip(normals @ look.key_light, 0.0, 1.0)
    to_camera = camera.position - vertices
    to_camera /= np.linalg.norm(to_camera, axis=1, keepdims=True)
    fill = np.clip(np.einsum("va,va->v", normals, to_camera), 0.0, 1.0)
    return look.vertex_albedo * (AMBIENT + KEY_LIGHT * key + FILL_LIGHT * fill)[:, None]


@dataclass(frozen=True, eq=False)
class Background:
    """The room as seen by the camera: RGB (H, W, 3, 0-1) and where the floor is (for shadows)."""

    image: np.ndarray
    floor_mask: np.ndarray


def render_background(camera: Camera, body_centre: np.ndarray, body_reach_m: float, lying: bool, rng) -> Background:
    """Cast a ray per pixel into a room: floor, mat under the body, back wall with trim, a window or
    picture, and a couple of furniture boxes against the wall."""
    rays = camera.pixel_rays()
    origin = camera.position
    h, w = camera.height, camera.width
    far = np.full((h, w), np.inf)
    colour = np.zeros((h, w, 3))
    normal_light = np.zeros((h, w))
    floor_mask = np.zeros((h, w), dtype=bool)

    toward_camera = camera.position - body_centre
    toward_camera[2] = 0
    toward_camera /= np.linalg.norm(toward_camera)
    wall_normal = toward_camera
    wall_point = body_centre - toward_camera * (body_reach_m + rng.uniform(0.7, 1.6))
    wall_point[2] = 0.0
    key = np.array([0.3, 0.2, 1.0]) / np.linalg.norm([0.3, 0.2, 1.0])

    # Floor: wooden planks along a random direction, or a mottled carpet.
    with np.errstate(divide="ignore", invalid="ignore"):
        t_floor = np.where(rays[..., 2] < -1e-6, -origin[2] / rays[..., 2], np.inf)
    floor_mask = np.isfinite(t_floor)
    hit = origin + rays * np.where(floor_mask, t_floor, 0.0)[..., None]
    angle = rng.uniform(0, np.pi)
    u = hit[..., 0] * np.cos(angle) + hit[..., 1] * np.sin(angle)
    v = -hit[..., 0] * np.sin(angle) + hit[..., 1] * np.cos(angle)
    if rng.random() < 0.75:
        plank_width = rng.uniform(0.12, 0.2)
        plank = np.floor(v / plank_width)
        plank_tone = 0.88 + 0.24 * ((np.sin(plank * 12.9898) * 43758.5453) % 1.0)
        grain = 0.96 + 0.04 * np.sin(u * 40 + np.sin(u * 3.1 + plank) * 4)
        seam = np.abs((v / plank_width % 1.0) - 0.5) > 0.47
        floor = _pick(rng, WOOD_COLOURS) / 255 * (plank_tone * grain * np.where(seam, 0.7, 1.0))[..., None]
    else:
        carpet = _pick(rng, MAT_COLOURS) / 255 * 0.7 + 0.15
        speckle = rng.normal(1.0, 0.05, (h, w))
        floor = carpet * speckle[..., None]
    if lying:
        along = np.array([1.0, 0.0])
        dx, dy = hit[..., 0] - body_centre[0], hit[..., 1] - body_centre[1]
        on_mat = (np.abs(dx * along[0] + dy * along[1]) < MAT_SIZE_M[0] / 2) & (
            np.abs(-dx * along[1] + dy * along[0]) < MAT_SIZE_M[1] / 2
        )
        floor = np.where(on_mat[..., None], _pick(rng, MAT_COLOURS) / 255, floor)
    _take(far, colour, normal_light, t_floor, floor, key[2])

    # Back wall with a skirting board, and a window or a picture.
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = rays @ wall_normal
        t_wall = np.where(denom < -1e-6, ((wall_point - origin) @ wall_normal) / denom, np.inf)
    wall_hit = origin + rays * np.nan_to_num(t_wall, posinf=0)[..., None]
    along_wall = np.cross(np.array([0.0, 0.0, 1.0]), wall_normal)
    s = (wall_hit - wall_point) @ along_wall
    z = wall_hit[..., 2]
    wall = np.broadcast_to(_pick(rng, WALL_COLOURS) / 255, (h, w, 3)).copy()
    wall *= (1.0 - 0.08 * np.clip(np.abs(s) / 4, 0, 1))[..., None]
    skirting = z < rng.uniform(0.06, 0.1)
    wall[skirting] = 0.92
    feature_s = rng.uniform(-1.2, 1.2)
    if rng.random() < 0.5:
        inside = (np.abs(s - feature_s) < 0.5) & (z > 0.8) & (z < 1.9)
        frame = (np.abs(s - feature_s) < 0.56) & (z > 0.74) & (z < 1.96) & ~inside
        wall[inside] = np.array([0.85, 0.9, 0.97]) * (1.0 + 0.05 * np.sin(z[inside] * 9))[:, None]
        wall[frame] = 0.95
    else:
        inside = (np.abs(s - feature_s) < 0.3) & (z > 1.0) & (z < 1.4)
        frame = (np.abs(s - feature_s) < 0.34) & (z > 0.96) & (z < 1.44) & ~inside
        wall[inside] = rng.uniform(0.2, 0.8, 3) * (0.8 + 0.2 * np.sin(s[inside] * 20))[:, None]
        wall[frame] = 0.25
    _take(far, colour, normal_light, t_wall, wall, abs(key @ wall_normal))

    # Furniture: boxes standing against the wall (a cabinet, a low sofa-like block).
    for _ in range(rng.integers(1, 3)):
        centre_s = rng.uniform(-2.5, 2.5)
        width, depth, height = rng.uniform(0.5, 1.4), rng.uniform(0.35, 0.8), rng.uniform(0.4, 1.0)
        centre = wall_point + along_wall * centre_s + wall_normal * (depth / 2 + 0.01)
        axes = np.stack([along_wall, wall_normal, np.array([0.0, 0.0, 1.0])])
        half = np.array([width / 2, depth / 2, height / 2])
        t_box, face_normal = _ray_box(origin, rays, centre + np.array([0, 0, height / 2]), axes, half)
        shade = np.clip(face_normal @ key, 0.2, 1.0) * 0.6 + 0.4
        box_colour = _pick(rng, FURNITURE_COLOURS) / 255 * shade[..., None]
        _take(far, colour, normal_light, t_box, box_colour, 1.0)

    floor_mask = floor_mask & (far == t_floor)
    # Room light falls off away from the middle of the picture.
    yy, xx = np.mgrid[0:h, 0:w]
    vignette = 1.0 - 0.18 * (((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2) / 2
    image = colour * (AMBIENT + KEY_LIGHT * normal_light)[..., None] * vignette[..., None]
    return Background(image=np.clip(image, 0, 1), floor_mask=floor_mask)


def _take(far, colour, light, t, surface_colour, surface_light) -> None:
    """Keep a surface where it is nearer than what was drawn so far."""
    nearer = t < far
    far[nearer] = t[nearer]
    colour[nearer] = np.broadcast_to(surface_colour, colour.shape)[nearer]
    light[nearer] = np.broadcast_to(surface_light, light.shape)[nearer]


def _ray_box(origin, rays, centre, axes, half):
    """Nearest hit distance (H, W) of rays with an oriented box, and the hit face's normal (H, W, 3)."""
    o = axes @ (origin - centre)
    d = rays @ axes.T
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = (-half - o) / d
        t2 = (half - o) / d
    t_near = np.nanmax(np.minimum(t1, t2), axis=-1)
    t_far = np.nanmin(np.maximum(t1, t2), axis=-1)
    hit = (t_near <= t_far) & (t_far > 0)
    t = np.where(hit, t_near, np.inf)
    face = np.argmax(np.minimum(t1, t2), axis=-1)
    sign = -np.sign(np.take_along_axis(d, face[..., None], axis=-1))[..., 0]
    normal = axes[face] * sign[..., None]
    return t, normal


def contact_shadow(vertices: np.ndarray, camera: Camera, background: Background) -> np.ndarray:
    """Multiplier (H, W) darkening the floor under the body, stronger where the body is close to it.

    Vertices dropped onto the floor are splatted at a quarter of the resolution, blurred and scaled up.
    """
    h, w = camera.height // SHADOW_DOWNSCALE, camera.width // SHADOW_DOWNSCALE
    ground = vertices.copy()
    ground[:, 2] = 0.0
    xy, depth = camera.project(ground)
    xy /= SHADOW_DOWNSCALE
    ok = (depth > 0) & (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
    weight = np.exp(-vertices[ok, 2] / SHADOW_HEIGHT_M)
    density = np.bincount(xy[ok, 1].astype(int) * w + xy[ok, 0].astype(int), weights=weight, minlength=h * w)
    density = cv2.GaussianBlur(density.reshape(h, w).astype(np.float32), (0, 0), SHADOW_BLUR_FRACTION * w)
    density = np.clip(density / max(float(density.max()), 1e-9) * 2.0, 0.0, 1.0)
    density = cv2.resize(density, (camera.width, camera.height), interpolation=cv2.INTER_LINEAR)
    return np.where(background.floor_mask, 1.0 - SHADOW_STRENGTH * density, 1.0)


def camera_effects(
    image: np.ndarray, look: Look, time_s: float, rng: np.random.Generator, noise: bool, jpeg_quality: int | None
) -> np.ndarray:
    """Lens blur, exposure drift, sensor noise and a JPEG round trip on an RGB 0-1 image; returns uint8 RGB."""
    out = cv2.GaussianBlur(image.astype(np.float32), (0, 0), look.lens_blur_px)
    out = out * 255.0
    if noise:
        out *= 1.0 + EXPOSURE_DRIFT * np.sin(2 * np.pi * time_s / EXPOSURE_DRIFT_PERIOD_S + look.exposure_phase)
        # Fixed-pattern sensor noise, plus weak temporal noise that a phone's denoiser leaves smoothed.
        out += look.fixed_pattern_noise(out.shape[:2])[..., None]
        grain = cv2.GaussianBlur(rng.standard_normal(out.shape[:2], dtype=np.float32), (0, 0), ISP_DENOISE_PX)
        out += (TEMPORAL_NOISE_SHARE * look.noise_levels / grain.std()) * grain[..., None]
    frame = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    if jpeg_quality is not None:
        ok, buf = cv2.imencode(".jpg", frame[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(jpeg_quality)])
        frame = cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    return frame
