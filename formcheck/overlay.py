"""Feedback drawn over the video: skeleton, key angle, rep counter or hold timer, cue, warnings,
and the HUD (plan set and rest timer, camera set-up guidance, pause, key help): every element on
screen is drawn here.

Composable annotators in the style of roboflow/supervision: each has ``annotate(scene, outcome)``
and returns the scene. Everything scales with the frame height, and the counter and cue are sized
to be read from 2-3 m away on a laptop screen by someone lying on the floor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from formcheck.core import Assessment, Status
from formcheck.hud import NO_HUD, Hud
from formcheck.pose.landmarks import SKELETON, Side
from formcheck.pose.pose import Pose

FONT = cv2.FONT_HERSHEY_DUPLEX
REFERENCE_HEIGHT = 720.0
"""Sizes below are for a 720-pixel-high frame and scale with the actual height."""

GOOD = (60, 200, 60)
BAD = (40, 40, 235)
NEUTRAL = (235, 235, 235)
WARNING = (0, 215, 255)
SHADOW = (0, 0, 0)

COUNTER_HEIGHT_FRACTION = 0.16
"""Height of the big rep count or hold time: 16% of the frame is ~3 cm on a laptop screen,
readable from 3 m."""
CUE_HEIGHT_FRACTION = 0.065
"""Height of the coaching cue line."""
BORDER_FRACTION = 0.02
"""Width of the coloured frame border that shows good or bad form at a glance."""


def _scale(image: np.ndarray) -> float:
    return image.shape[0] / REFERENCE_HEIGHT


def _font_scale_for_height(pixel_height: float, thickness: int) -> float:
    """OpenCV font scale whose capital letters are ``pixel_height`` pixels tall."""
    (_, base_height), _ = cv2.getTextSize("H", FONT, 1.0, thickness)
    return pixel_height / base_height


def fit_text(text: str, height_px: float, max_width: int | None = None) -> tuple[float, int, int]:
    """Font scale, stroke thickness and width for ``text`` at ``height_px``, shrunk to ``max_width``."""
    thickness = max(1, int(round(height_px / 12)))
    scale = _font_scale_for_height(height_px, thickness)
    (width, _), _ = cv2.getTextSize(text, FONT, scale, thickness)
    if max_width is not None and width > max_width:
        scale *= max_width / width
        (width, _), _ = cv2.getTextSize(text, FONT, scale, thickness)
    return scale, thickness, width


def put_text(
    image: np.ndarray,
    text: str,
    origin: tuple[int, int],
    height_px: float,
    color: tuple[int, int, int],
    max_width: int | None = None,
    outline: bool = True,
) -> int:
    """Text (outlined in black) with its baseline at ``origin``; shrinks to ``max_width``.
    Returns the drawn width."""
    scale, thickness, width = fit_text(text, height_px, max_width)
    if outline:
        cv2.putText(image, text, origin, FONT, scale, SHADOW, thickness + max(2, thickness), cv2.LINE_AA)
    cv2.putText(image, text, origin, FONT, scale, color, thickness, cv2.LINE_AA)
    return width


def _panel(image: np.ndarray, top_left: tuple[int, int], bottom_right: tuple[int, int], keep: float = 0.45) -> None:
    """Darken a rectangle (to ``keep`` of its brightness) so text on it reads on any background."""
    x0, y0 = max(top_left[0], 0), max(top_left[1], 0)
    x1, y1 = min(bottom_right[0], image.shape[1]), min(bottom_right[1], image.shape[0])
    if x1 > x0 and y1 > y0:
        region = image[y0:y1, x0:x1]
        cv2.convertScaleAbs(region, dst=region, alpha=keep)


def form_color(assessment: Assessment) -> tuple[int, int, int]:
    if assessment.form_ok is None:
        return WARNING if assessment.status in (Status.NOT_VISIBLE, Status.NO_PERSON) else NEUTRAL
    return GOOD if assessment.form_ok else BAD


def format_clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class SkeletonAnnotator:
    """Bones and joints; the side facing the camera bold in the form colour, the far side thin."""

    visibility_threshold: float = 0.5

    def annotate(self, scene: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        if pose is None:
            return scene
        s = _scale(scene)
        color = form_color(assessment)
        near = assessment.side
        for a, b in SKELETON:
            if min(pose.visibility[a], pose.visibility[b]) < self.visibility_threshold:
                continue
            far = near is not None and (a.name.startswith(near.other.name) or b.name.startswith(near.other.name))
            thickness = max(1, int(round((2 if far else 5) * s)))
            bone_color = tuple(int(c * 0.6) for c in color) if far else color
            p, q = pose.xy[a].astype(int), pose.xy[b].astype(int)
            cv2.line(scene, tuple(p), tuple(q), bone_color, thickness, cv2.LINE_AA)
        for index in range(11, 33):
            if pose.visibility[index] >= self.visibility_threshold:
                cv2.circle(scene, tuple(pose.xy[index].astype(int)), max(2, int(round(5 * s))), SHADOW, -1, cv2.LINE_AA)
                cv2.circle(scene, tuple(pose.xy[index].astype(int)), max(1, int(round(3 * s))), color, -1, cv2.LINE_AA)
        return scene


@dataclass(frozen=True)
class KeyAngleAnnotator:
    """The exercise's key angle, written large beside its joint (e.g. hip extension at the hip)."""

    def annotate(self, scene: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        key = assessment.key_angle
        if pose is None or key is None:
            return scene
        s = _scale(scene)
        x, y = pose.xy[key.landmark].astype(int)
        color = NEUTRAL if key.good is None else (GOOD if key.good else BAD)
        cv2.circle(scene, (x, y), int(round(14 * s)), color, max(2, int(round(3 * s))), cv2.LINE_AA)
        text = f"{key.value_deg:.0f}"
        height = 34 * s
        origin = (x + int(22 * s), y - int(18 * s))
        width = put_text(scene, text, origin, height, color)
        degree_centre = (origin[0] + width + int(7 * s), origin[1] - int(height))
        cv2.circle(scene, degree_centre, max(2, int(5 * s)), SHADOW, max(2, int(4 * s)), cv2.LINE_AA)
        cv2.circle(scene, degree_centre, max(2, int(5 * s)), color, max(1, int(2 * s)), cv2.LINE_AA)
        put_text(scene, key.label, (origin[0], origin[1] + int(28 * s)), 20 * s, color)
        return scene


@dataclass(frozen=True)
class CounterAnnotator:
    """The big number: reps (per side for two-sided exercises) or the hold timer, under the
    exercise's name."""

    def annotate(self, scene: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        h, w = scene.shape[:2]
        s = _scale(scene)
        big = COUNTER_HEIGHT_FRACTION * h
        pad = int(16 * s)
        name = assessment.exercise.upper()
        if assessment.primary == "hold":
            value, label = format_clock(assessment.hold_s), f"{name}  HOLD" if name else "HOLD"
            detail = f"total {format_clock(assessment.total_hold_s)}"
        elif assessment.reps_by_side is not None:
            value = f"L{assessment.reps_by_side['left']} R{assessment.reps_by_side['right']}"
            label, detail = f"{name}  REPS" if name else "REPS", f"total {assessment.reps}"
        else:
            value, label, detail = str(assessment.reps), f"{name}  REPS" if name else "REPS", ""
            if assessment.total_hold_s >= 1.0:
                detail = f"held {format_clock(assessment.total_hold_s)}"
        label_height = 0.3 * big
        _, _, value_width = fit_text(value, big)
        _, _, label_width = fit_text(label, label_height)
        side_panel = hud.plan is not None and hud.plan.rest_left_s is None and not hud.plan.done
        room = 0.98 - plan_panel_width(scene) if side_panel else 0.6
        panel_width = min(int(max(value_width, label_width) + 2 * pad), int(room * w))
        panel_height = int(big + label_height * 2.6 + 3 * pad)
        _panel(scene, (0, 0), (panel_width, panel_height))
        put_text(scene, label, (pad, pad + int(label_height)), label_height, NEUTRAL, max_width=panel_width - 2 * pad)
        put_text(scene, value, (pad, int(2 * pad + label_height + big)), big, form_color(assessment), max_width=panel_width - 2 * pad)
        if detail:
            put_text(scene, detail, (pad, int(3 * pad + 2.2 * label_height + big)), label_height * 0.8, NEUTRAL, max_width=panel_width - 2 * pad)
        return scene


@dataclass(frozen=True)
class CueAnnotator:
    """The current coaching cue, large across the bottom, in the form colour."""

    def annotate(self, scene: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        if hud.setup is not None:
            return scene  # the set-up guidance says it larger, where the cue would be
        h, w = scene.shape[:2]
        height = CUE_HEIGHT_FRACTION * h
        band_top = int(h - 2.2 * height)
        _panel(scene, (0, band_top), (w, h))
        _, _, width = fit_text(assessment.cue, height, int(0.94 * w))
        put_text(scene, assessment.cue, ((w - width) // 2, int(h - 0.6 * height)), height, form_color(assessment), max_width=int(0.94 * w))
        return scene


@dataclass(frozen=True)
class FrameWarningAnnotator:
    """A banner when the person is not (fully) in the picture, saying what to do about it, or
    when more than one person is in view."""

    def annotate(self, scene: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        message = None
        if hud.setup is not None or hud.notice:
            return scene  # the set-up guidance (or a notice) says it larger
        if assessment.status is Status.NO_PERSON:
            message = "NO PERSON IN VIEW"
        elif pose is not None and pose.fraction_in_frame < 1.0:
            message = "NOT FULLY IN FRAME - MOVE BACK"
        elif assessment.status is Status.NOT_VISIBLE:
            message = "CAN'T SEE: " + ", ".join(assessment.missing[:2]).upper()
        elif pose is not None and pose.people > 1:
            message = f"{pose.people} PEOPLE IN VIEW - FOLLOWING ONE"
        if message is None:
            return scene
        h, w = scene.shape[:2]
        height = 0.05 * h
        _, _, width = fit_text(message, height, int(0.55 * w))
        x, top = w - width - int(0.03 * w), int((PLAN_PANEL_HEIGHT_FRACTION if hud.plan else 0.0) * h + 0.03 * h)
        cv2.rectangle(scene, (x - int(0.015 * w), top), (w - int(0.015 * w), int(top + 1.8 * height)), WARNING, -1)
        put_text(scene, message, (x, int(top + 1.4 * height)), height, SHADOW, int(0.55 * w), outline=False)
        return scene


@dataclass(frozen=True)
class BorderAnnotator:
    """A thick border in the form colour: green good, red fault, seen from anywhere in the room."""

    def annotate(self, scene: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        if assessment.form_ok is None:
            return scene
        width = max(3, int(BORDER_FRACTION * scene.shape[0]))
        cv2.rectangle(scene, (0, 0), (scene.shape[1] - 1, scene.shape[0] - 1), form_color(assessment), width)
        return scene


FLOOR_TEXT_FRACTION = 0.075
"""Height of the plan, rest and set-up lines: 7.5% of a 720-pixel window on a 13-inch laptop
(about 17 cm of screen height) is ~1.3 cm, what a reader with normal sight needs at 3 m (capital
letters of 5 arcmin at 20/20 are 0.44 cm at 3 m; three times that reads without effort)."""
PLAN_PANEL_HEIGHT_FRACTION = 0.42
"""The plan panel's largest share of the frame height, top right; the frame warning goes under it."""
PLAN_PANEL_WIDTH_WIDE = 0.42
PLAN_PANEL_WIDTH_NARROW = 0.52
"""The plan panel's width: on a 4:3 webcam frame it takes more of the width, so its lines keep
their height instead of shrinking to fit."""
REST_HEIGHT_FRACTION = 0.2
"""The rest timer: as large as the rep counter, and then some (it is read from a mat)."""
COUNTDOWN_HEIGHT_FRACTION = 0.2
SETUP_CENTRE_FRACTION = 0.7
"""The set-up guidance sits in the lower part of the frame, under the plan panel, in place of the cue."""


def plan_panel_width(scene: np.ndarray) -> float:
    """The plan panel's share of the frame width (the counter panel keeps clear of it)."""
    h, w = scene.shape[:2]
    return PLAN_PANEL_WIDTH_WIDE if w / h >= 1.5 else PLAN_PANEL_WIDTH_NARROW


def wrap_text(text: str, height_px: float, max_width: int) -> list[str]:
    """``text`` broken into lines that fit ``max_width`` at ``height_px`` (words kept whole)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and fit_text(candidate, height_px)[2] <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _centred_lines(scene: np.ndarray, lines: list[tuple[str, float, tuple[int, int, int]]], centre_y: int) -> None:
    """Lines of (text, height, colour), centred on a darkened panel around ``centre_y``."""
    h, w = scene.shape[:2]
    max_width = int(0.92 * w)
    total = sum(1.45 * height for _, height, _ in lines)
    top = int(max(centre_y - total / 2, 0))
    _panel(scene, (int(0.02 * w), top - int(0.03 * h)), (int(0.98 * w), int(top + total + 0.03 * h)), keep=0.3)
    y = float(top)
    for text, height, color in lines:
        y += 1.2 * height
        _, _, width = fit_text(text, height, max_width)
        put_text(scene, text, ((w - width) // 2, int(y)), height, color, max_width=max_width)
        y += 0.25 * height


@dataclass(frozen=True)
class PlanAnnotator:
    """The plan, top right: set number, target and progress bar; between sets a big rest timer
    and what comes next, in the middle of the screen."""

    def annotate(self, scene: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        plan = hud.plan
        if plan is None:
            return scene
        h, w = scene.shape[:2]
        line = FLOOR_TEXT_FRACTION * h
        if plan.done or plan.rest_left_s is not None:
            title = "PLAN DONE" if plan.done else f"REST {format_clock(plan.rest_left_s + 0.999)}"
            lines = [(title, REST_HEIGHT_FRACTION * h, GOOD if plan.done else NEUTRAL)]
            lines += [(text, line, WARNING) for text in wrap_text(plan.next_up, line, int(0.9 * w))]
            _centred_lines(scene, lines, int(0.45 * h))
            return scene
        width = int(plan_panel_width(scene) * w)
        x0, pad, small = w - width, int(0.02 * h), 0.7 * line
        notes = [text for text in (plan.note, plan.next_up) if text]
        bar_height = line if plan.fraction is not None else 0.0
        bottom = pad + 2.5 * line + bar_height + 1.5 * small * len(notes) + 2 * pad
        _panel(scene, (x0, 0), (w, int(bottom)))
        y = pad + line
        put_text(scene, f"{plan.set_label}  {plan.progress}", (x0 + pad, int(y)), line, NEUTRAL, max_width=width - 2 * pad)
        y += 1.5 * line
        put_text(scene, plan.target.upper(), (x0 + pad, int(y)), line, WARNING, max_width=width - 2 * pad)
        if plan.fraction is not None:
            bar = (x0 + pad, int(y + 0.5 * line)), (w - pad, int(y + line))
            cv2.rectangle(scene, bar[0], bar[1], NEUTRAL, max(2, int(0.004 * h)))
            filled = bar[0][0] + int((bar[1][0] - bar[0][0]) * min(max(plan.fraction, 0.0), 1.0))
            cv2.rectangle(scene, bar[0], (filled, bar[1][1]), GOOD, -1)
            y += bar_height
        for text in notes:
            y += 1.5 * small
            put_text(scene, text, (x0 + pad, int(y)), small, NEUTRAL, max_width=width - 2 * pad)
        return scene


@dataclass(frozen=True)
class SetupAnnotator:
    """The camera set-up check: what to change, large in the middle; then the countdown."""

    def annotate(self, scene: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        setup = hud.setup
        if setup is None:
            return scene
        h, w = scene.shape[:2]
        line = 1.2 * FLOOR_TEXT_FRACTION * h
        lines = [(text, line, WARNING) for text in wrap_text(setup.message, line, int(0.9 * w))]
        if setup.countdown_s is not None:
            lines.append((str(int(setup.countdown_s) + 1), COUNTDOWN_HEIGHT_FRACTION * h, GOOD))
        _centred_lines(scene, lines, int(SETUP_CENTRE_FRACTION * h))
        return scene


@dataclass(frozen=True)
class StatusAnnotator:
    """Key help and frame rate, small, just above the cue band; PAUSED and notices, large."""

    def annotate(self, scene: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        h, w = scene.shape[:2]
        if hud.status:
            text = hud.status + ("   MUTED" if hud.muted else "")
            _, _, width = fit_text(text, 0.022 * h, int(0.6 * w))
            put_text(scene, text, (w - width - int(0.02 * w), int(0.835 * h)), 0.022 * h, NEUTRAL, max_width=int(0.6 * w))
        if hud.notice:
            line = FLOOR_TEXT_FRACTION * h
            _centred_lines(scene, [(text, line, WARNING) for text in wrap_text(hud.notice, line, int(0.9 * w))], int(0.45 * h))
        elif hud.paused:
            _centred_lines(scene, [("PAUSED", 0.12 * h, WARNING)], int(0.5 * h))
        return scene


class Overlay:
    """All annotators in drawing order: the exercise's feedback, then the HUD over it."""

    def __init__(self, mirror: bool = False) -> None:
        self.mirror = mirror
        """Show the picture flipped left-right, like a mirror; the text still reads normally."""
        self.annotators = (
            BorderAnnotator(),
            SkeletonAnnotator(),
            KeyAngleAnnotator(),
            CounterAnnotator(),
            CueAnnotator(),
            FrameWarningAnnotator(),
            PlanAnnotator(),
            SetupAnnotator(),
            StatusAnnotator(),
        )

    def draw(self, image: np.ndarray, pose: Pose | None, assessment: Assessment, hud: Hud = NO_HUD) -> np.ndarray:
        """A copy of ``image`` with the feedback and the HUD drawn on; ``image`` may be a resized frame."""
        scene = cv2.flip(image, 1) if self.mirror else image.copy()
        if pose is not None:
            pose = pose.scaled_to((scene.shape[1], scene.shape[0]))
            if self.mirror:
                pose = replace(pose, xy=pose.xy * (-1.0, 1.0) + (scene.shape[1], 0.0))
        for annotator in self.annotators:
            scene = annotator.annotate(scene, pose, assessment, hud)
        return scene


__all__ = ["Overlay", "Side", "put_text"]
