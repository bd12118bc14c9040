"""Render every sample report to PDF in the city's layout and extract its text.

    python tools/city_pdf_corpus.py OUT_DIR                # every sample, the city's layout
    python tools/city_pdf_corpus.py OUT_DIR --variants 4   # also the 4 varied layouts
    python tools/city_pdf_corpus.py OUT_DIR --only clean/  # samples whose path holds "clean/"

For each case OUT_DIR gets ``<name>.pdf`` and its text in reading order
(``<name>.pdfminer.txt``, pdfminer.six), as lines (``<name>.lines.txt``,
pdfplumber, single spaces), placed by word positions (``<name>.layout.txt``,
pdfplumber's layout mode) and as words with positions (``<name>.words.json``);
``manifest.json`` names the sample each case was rendered from, so that a
reader can be measured against it. See ``tests/render/city_pdf.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.render.city_pdf import SAMPLES, build_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="the corpus folder (made if absent)")
    parser.add_argument(
        "--variants", type=int, default=0, help="also render in this many varied layouts (0-4)"
    )
    parser.add_argument("--only", default="", help="only samples whose path holds this text")
    parser.add_argument("--jobs", type=int, default=2, help="processes rendering PDFs")
    args = parser.parse_args(argv)
    samples = [s for s in SAMPLES if args.only in s.relative_to(ROOT).as_posix()]
    if not samples:
        print(f"inga exempelrapporter matchar {args.only!r}", file=sys.stderr)
        return 2
    if args.out_dir.exists() and not args.out_dir.is_dir():
        print(f"{args.out_dir} finns och är ingen mapp", file=sys.stderr)
        return 2
    cases = build_corpus(args.out_dir, samples, variants=args.variants, jobs=args.jobs)
    print(f"{len(cases)} PDF:er och deras text i {args.out_dir} (manifest.json)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
