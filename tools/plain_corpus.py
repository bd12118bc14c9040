"""Write the whole sweep of plain exports: every sample report in many seeded layouts.

    python tools/plain_corpus.py OUT_DIR                  # seeds 0-19, the specimen's layout too
    python tools/plain_corpus.py OUT_DIR --seeds 100 --per-seed 2

For each sample report in ``sample_reports`` and each layout it writes
``<sample>.<layout>.txt`` (the plain export, as ``tests/plain/writer.py`` lays it out)
and ``<sample>.<layout>.yaml`` (the report that export stands for: the sample with the
layout's emptied cells, the truth an import is compared with), and ``manifest.json``
listing every pair with its layout. ``tests/plain/test_parity.py`` checks a fixed subset
of these layouts; this writes all of them, for ``tools/fidelity.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.plain.writer import SPECIMEN, Variation, dump, load, variations, vary, write_plain  # noqa: E402


def layouts(seeds: int, per_seed: int, specimen: bool = True) -> list[Variation]:
    out = [SPECIMEN] if specimen else []
    for seed in range(seeds):
        out += variations(seed, per_seed)
    return out


def write_corpus(
    out: Path, reports: list[Path], layouts: list[Variation]
) -> list[dict[str, object]]:
    out.mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, object]] = []
    for path in reports:
        base = load(path)
        for v in layouts:
            report = vary(base, v)
            stem = f"{path.stem}.{v.name}"
            (out / f"{stem}.txt").write_text(write_plain(report, v), encoding="utf-8")
            (out / f"{stem}.yaml").write_text(dump(report), encoding="utf-8")
            manifest.append(
                {
                    "export": f"{stem}.txt",
                    "truth": f"{stem}.yaml",
                    "sample": str(path.relative_to(ROOT)),
                    "layout": dataclasses.asdict(v),
                }
            )
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder for the exports, truths and manifest.json")
    parser.add_argument("--seeds", type=int, default=20, help="seeds 0..N-1 (default 20)")
    parser.add_argument("--per-seed", type=int, default=1, help="layouts per seed (default 1)")
    parser.add_argument(
        "--no-specimen", action="store_true", help="leave out the specimen's layout"
    )
    parser.add_argument(
        "--samples", default="**/*.yaml", help="glob under sample_reports (default: all)"
    )
    args = parser.parse_args(argv)
    reports = sorted((ROOT / "sample_reports").glob(args.samples))
    if not reports:
        print(f"plain_corpus: no sample matches {args.samples}", file=sys.stderr)
        return 2
    if args.out.resolve().is_relative_to((ROOT / "sample_reports").resolve()):
        print("plain_corpus: write the corpus outside sample_reports", file=sys.stderr)
        return 2
    manifest = write_corpus(
        args.out, reports, layouts(args.seeds, args.per_seed, not args.no_specimen)
    )
    print(f"plain_corpus: {len(manifest)} exports of {len(reports)} reports in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
