"""Short video clips cut from the rendered samples, for tests that need real frames quickly."""

from __future__ import annotations

from pathlib import Path

import cv2

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE = SAMPLES / "glute_bridge_side_clean_a.mp4"


def cut_clip(destination: Path, seconds: float = 1.0, source: Path = SAMPLE, width: int = 320) -> Path:
    """The first ``seconds`` of ``source`` scaled to ``width`` pixels wide, as an mp4."""
    capture = cv2.VideoCapture(str(source))
    fps = capture.get(cv2.CAP_PROP_FPS)
    destination.parent.mkdir(parents=True, exist_ok=True)
    writer = None
    for _ in range(round(seconds * fps)):
        ok, image = capture.read()
        if not ok:
            break
        height = round(image.shape[0] * width / image.shape[1])
        image = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
        if writer is None:
            writer = cv2.VideoWriter(str(destination), cv2.VideoWriter_fourcc(*"mp4v"), fps, (width, height))
        writer.write(image)
    capture.release()
    if writer is None:
        raise ValueError(f"no frames read from {source}")
    writer.release()
    return destination
