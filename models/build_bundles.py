"""Rebuild the PoseLandmarker ``.task`` bundles shipped in this folder, byte for byte.

    python models/build_bundles.py                 # full and lite (the shipped ones)
    python models/build_bundles.py heavy           # also: any of lite, full, heavy

A bundle is a zip of two TFLite models: the person detector and a landmark model, each with its
input normalisation in TFLite metadata (the Tasks API reads it from there). The sources are:

- ``pose_detection.tflite`` and ``pose_landmark_full.tflite`` from the ``mediapipe==0.10.21``
  wheel (``pip download --no-deps``), the last release that carries them;
- ``pose_landmark_lite.tflite`` and ``pose_landmark_heavy.tflite`` from the ``@mediapipe/pose``
  npm package (``npm pack``), which carries all three landmark models (its ``full`` is the
  wheel's, byte for byte), with the wheel's detector.

The metadata is written by 0.10.21's own metadata writer (1.2.x's is broken), so the script
makes a throwaway venv for it and deletes it at the end. The zip is written here, with fixed
timestamps and order, so the same sources give the same bundle. ``SHA256SUMS`` records the
sha256 of every source archive, source model and bundle.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEEL_REQUIREMENT = "mediapipe==0.10.21"
NPM_PACKAGE = "@mediapipe/pose"
WRITER_REQUIREMENTS = [
    # What importing 0.10.21's metadata writer pulls in (its package __init__ loads solutions).
    "numpy<2",
    "flatbuffers>=2.0",
    "protobuf>=4.25.3,<5",
    "absl-py",
    "attrs",
    "matplotlib",
    "opencv-python-headless<4.12",
]
DETECTOR_MEMBER = "pose_detector.tflite"
LANDMARKS_MEMBER = "pose_landmarks_detector.tflite"
ZIP_ALIGNMENT = 4
"""Stored members start on a 4-byte boundary so TFLite can map them in place (as mediapipe's
model_asset_bundle_utils does)."""
ZIP_LOCAL_HEADER = 30
"""Bytes of a zip local file header before the member's name (no extra field is written)."""
ALIGNMENT_FIELD_ID = 0xD935
"""The extra-field id Android's zipalign uses for alignment padding."""
ALIGNMENT_FIELD = struct.Struct("<HHH")
"""Extra field: id, size of what follows, alignment; then the zero padding."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""A fixed member timestamp: the bundle's bytes depend only on its sources."""


@dataclass(frozen=True)
class Normalisation:
    """Input normalisation ``(pixel - mean) / std`` the model was trained with."""

    mean: float
    std: float


DETECTOR_NORMALISATION = Normalisation(127.5, 127.5)
LANDMARKS_NORMALISATION = Normalisation(0.0, 255.0)
WHEEL_DETECTOR = "mediapipe/modules/pose_detection/pose_detection.tflite"
LANDMARK_SOURCES = {
    "full": ("wheel", "mediapipe/modules/pose_landmark/pose_landmark_full.tflite"),
    "lite": ("npm", "package/pose_landmark_lite.tflite"),
    "heavy": ("npm", "package/pose_landmark_heavy.tflite"),
}
SHIPPED = ("full", "lite")
SUMS_FILE = "SHA256SUMS"

_WRITE_METADATA = """
import json, sys
from mediapipe.tasks.python.metadata.metadata_writers import metadata_writer
for job in json.loads(sys.argv[1]):
    writer = metadata_writer.MetadataWriter.create(bytearray(open(job["source"], "rb").read()))
    writer.add_general_info(job["name"], job["description"])
    writer.add_image_input(norm_mean=[job["mean"]], norm_std=[job["std"]])
    model, _ = writer.populate()
    open(job["output"], "wb").write(bytes(model))
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*command: str | Path, cwd: Path | None = None) -> None:
    print("+", " ".join(str(part) for part in command), file=sys.stderr)
    subprocess.run([str(part) for part in command], check=True, cwd=cwd)


def write_bundle(members: dict[str, bytes], destination: Path) -> None:
    """A deterministic, uncompressed zip whose members' data start on 4-byte boundaries,
    written atomically. The padding is an Android-zipalign alignment extra field."""
    partial = destination.with_name(destination.name + ".partial")
    with open(partial, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as bundle:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            unpadded = raw.tell() + ZIP_LOCAL_HEADER + len(name.encode()) + ALIGNMENT_FIELD.size
            padding = -unpadded % ZIP_ALIGNMENT
            info.extra = ALIGNMENT_FIELD.pack(ALIGNMENT_FIELD_ID, 2 + padding, ZIP_ALIGNMENT) + b"\0" * padding
            bundle.writestr(info, data)
    partial.replace(destination)


def record_sums(path: Path, lines: list[str]) -> None:
    """Merge ``lines`` (``sha256  name``) into the checksum file, one line per name, sorted."""
    entries = dict(line.split("  ", 1)[::-1] for line in path.read_text().splitlines() if line) if path.is_file() else {}
    entries.update(line.split("  ", 1)[::-1] for line in lines)
    partial = path.with_name(path.name + ".partial")
    partial.write_text("".join(f"{digest}  {name}\n" for name, digest in sorted(entries.items())))
    partial.replace(path)


@dataclass(frozen=True)
class Source:
    """One archive the models come from, unpacked into the work folder."""

    archive: Path
    origin: str
    """How the metadata describes it (no file name, which varies with the Python version)."""


def writer_env(work: Path, python: str) -> tuple[Path, Source]:
    """A throwaway venv with 0.10.21's metadata writer (not its jax & co., which the writer never
    uses), and the wheel it was installed from."""
    venv = work / "venv"
    run(python, "-m", "venv", venv)
    pip = venv / "bin" / "pip"
    run(pip, "download", "--quiet", "--no-deps", WHEEL_REQUIREMENT, "-d", work / "wheel")
    wheel = next((work / "wheel").glob("mediapipe-*.whl"))
    run(pip, "install", "--quiet", "--no-deps", wheel)
    run(pip, "install", "--quiet", *WRITER_REQUIREMENTS)
    return venv / "bin" / "python", Source(wheel, f"the {WHEEL_REQUIREMENT} wheel")


def npm_package(work: Path) -> Source:
    run("npm", "pack", "--silent", NPM_PACKAGE, "--pack-destination", work, cwd=work)
    tarball = next(work.glob("mediapipe-pose-*.tgz"))
    version = tarball.name.removeprefix("mediapipe-pose-").removesuffix(".tgz")
    return Source(tarball, f"the {NPM_PACKAGE} npm package {version}")


def extract(source: Source, member: str, into: Path) -> Path:
    if source.archive.suffix == ".whl":
        with zipfile.ZipFile(source.archive) as archive:
            archive.extract(member, into)
    else:
        with tarfile.open(source.archive) as archive:
            archive.extract(member, into, filter="data")
    return into / member


def build(variants: list[str], out: Path, python: str) -> list[str]:
    """Write the bundles of ``variants`` into ``out``; the checksum lines of sources and bundles."""
    with tempfile.TemporaryDirectory(prefix="formcheck-bundles-") as temp:
        work = Path(temp)
        writer_python, wheel = writer_env(work, python)
        sources = {"wheel": wheel}
        if any(LANDMARK_SOURCES[variant][0] == "npm" for variant in variants):
            sources["npm"] = npm_package(work)
        models = {"detector": ("wheel", WHEEL_DETECTOR, DETECTOR_NORMALISATION)}
        models.update({variant: (*LANDMARK_SOURCES[variant], LANDMARKS_NORMALISATION) for variant in variants})
        jobs, sums = [], [f"{sha256(source.archive)}  {source.archive.name}" for source in sources.values()]
        for key, (origin, member, norm) in models.items():
            model = extract(sources[origin], member, work / "sources")
            sums.append(f"{sha256(model)}  {sources[origin].archive.name}:{member}")
            description = f"{model.name} from {sources[origin].origin}"
            output = str(work / f"{key}.tflite")
            jobs.append({"source": str(model), "output": output, "name": model.stem, "description": description, "mean": norm.mean, "std": norm.std})
        run(writer_python, "-c", _WRITE_METADATA, json.dumps(jobs))

        out.mkdir(parents=True, exist_ok=True)
        detector = (work / "detector.tflite").read_bytes()
        for variant in variants:
            bundle = out / f"pose_landmarker_{variant}.task"
            write_bundle({DETECTOR_MEMBER: detector, LANDMARKS_MEMBER: (work / f"{variant}.tflite").read_bytes()}, bundle)
            sums.append(f"{sha256(bundle)}  {bundle.name}")
            print(f"wrote {bundle} ({bundle.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return sums


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="*", metavar="{lite,full,heavy}", help=f"default: {' '.join(SHIPPED)}")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the bundles (default: this folder)")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the throwaway venv (0.10.21 has wheels for 3.9-3.12)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.models) - set(LANDMARK_SOURCES))
    if unknown:
        parser.error(f"unknown model {', '.join(unknown)} (choose from lite, full, heavy)")
    sums = build(args.models or list(SHIPPED), args.out, args.python)
    record_sums(args.out / SUMS_FILE, sums)
    print(f"wrote {args.out / SUMS_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
