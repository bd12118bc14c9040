"""The one-file check of two work trees, interleaved in the same run: the child's CPU
time (user + sys; on a shared machine wall time says little) and wall time.

    .venv/bin/python bench/ab_one_file.py BASE_TREE [HEAD_TREE] [--rounds 15] [--file F]
        [--no-cache]

Both trees run with this interpreter, each from its own folder (``-m checker.cli``
imports the tree's own code), on the same file.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_reports" / "seeds" / "000-vb-2023-enheten-for-personligt-stod.yaml"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default=str(ROOT))
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--file", default=str(SEED))
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    trees = {"base": args.base, "head": args.head}
    extra = ["--no-cache"] if args.no_cache else []
    cpu: dict[str, list[float]] = {k: [] for k in trees}
    wall: dict[str, list[float]] = {k: [] for k in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            before, start = _children_cpu(), time.perf_counter()
            command = [sys.executable, "-m", "checker.cli", "check", "-q", *extra, args.file]
            subprocess.run(command, cwd=tree, capture_output=True, check=False)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(_children_cpu() - before)
    for name, tree in trees.items():
        print(
            f"{name} ({tree}): CPU median {statistics.median(cpu[name]) * 1000:.0f} ms"
            f" (min {min(cpu[name]) * 1000:.0f}), wall median"
            f" {statistics.median(wall[name]) * 1000:.0f} ms, n={len(cpu[name])}"
        )


if __name__ == "__main__":
    main()
