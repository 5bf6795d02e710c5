"""Batch benchmark: ``formcheck batch --jobs N`` against ``formcheck analyze`` run on the same
clips one after another, in alternating rounds.

    python benchmarks/batch.py                       # the first 8 samples, --jobs 2
    python benchmarks/batch.py --clips 8 --jobs 2 --rounds 2 --json batch.json

Both write reports only (no annotated video) with the default options, from a fresh output
folder each round (nothing is skipped). Throughput is clips per wall-clock second; the ratio is
the median over rounds. These machines are shared and noisy: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMCHECK = [sys.executable, "-m", "formcheck"]


def sequential_s(clips: list[Path], out: Path) -> float:
    start = time.perf_counter()
    for clip in clips:
        subprocess.run([*FORMCHECK, "analyze", str(clip), "--no-video", "-q", "-r", str(out / f"{clip.stem}.json")], check=True, capture_output=True)
    return time.perf_counter() - start


def batch_s(clips: list[Path], out: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run([*FORMCHECK, "batch", *map(str, clips), "--out", str(out), "--jobs", str(jobs), "-q"], check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "samples")
    parser.add_argument("--clips", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    clips = sorted(args.folder.glob("*.mp4"))[: args.clips]
    seconds: dict[str, list[float]] = {"sequential": [], "batch": []}
    with tempfile.TemporaryDirectory() as tmp:
        for round_index in range(args.rounds):
            order = ("sequential", "batch") if round_index % 2 == 0 else ("batch", "sequential")
            for mode in order:
                out = Path(tmp) / f"{mode}-{round_index}"
                out.mkdir()
                seconds[mode].append(sequential_s(clips, out) if mode == "sequential" else batch_s(clips, out, args.jobs))
                print(f"  round {round_index + 1} {mode}: {seconds[mode][-1]:.1f} s", flush=True)
    ratio = statistics.median(s / b for s, b in zip(seconds["sequential"], seconds["batch"]))
    results = {
        "clips": len(clips),
        "jobs": args.jobs,
        "sequential_s": [round(s, 1) for s in seconds["sequential"]],
        "batch_s": [round(s, 1) for s in seconds["batch"]],
        "batch_throughput_over_sequential": round(ratio, 3),
    }
    print(f"{len(clips)} clips: analyze one after another {statistics.median(seconds['sequential']):.1f} s, "
          f"batch --jobs {args.jobs} {statistics.median(seconds['batch']):.1f} s: throughput x{ratio:.2f} (target >= 1.2)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
