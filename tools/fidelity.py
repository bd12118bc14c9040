"""Measure the importer's fidelity against the hand transcriptions of the seeds.

    python tools/fidelity.py                 # marked-up exports (the seed texts)
    python tools/fidelity.py --layout        # also the plain-layout corpus (PDF text)
    python tools/fidelity.py --diff          # list every differing fact

Imports each seed text in ``../shared/seeds`` (or ``--seeds DIR``), compares it
field by field with ``sample_reports/seeds/*.yaml`` and prints precision and
recall per kind. With ``--layout`` (needs the ``import`` extra) it also writes
each seed as a .docx, renders it to PDF, extracts the PDF's text with
pdfminer.six (through pdfplumber) and with pypdf, simulates extractor text,
imports all of them and the PDF itself, and prints the same figures for each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.importer import import_source, import_text  # noqa: E402
from checker.importer.fidelity import KINDS, Score, compare  # noqa: E402

DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
REFERENCES = ROOT / "sample_reports" / "seeds"


LABELS = {
    "docx": "Word document (.docx written from the seed; stdlib reader)",
    "pdfminer": "Plain layout: pdfminer.six via pdfplumber.extract_text (single-spaced lines)",
    "pypdf": "Plain layout: pypdf extract_text(extraction_mode='layout') (aligned columns)",
    "pdfplumber-pdf": "PDF imported directly (pdfplumber word positions)",
    "simulated": "Plain layout: simulated extractor text, 2 variants per seed",
    "simulated-no-icons": "Plain layout: simulated, icons lost (okänd expected)",
}


def pairs(seeds: Path) -> list[tuple[Path, Path]]:
    """(seed text, its transcription), matched by the three-digit prefix."""
    out = []
    for text in sorted(seeds.glob("*.txt")):
        prefix = text.name[:3]
        refs = sorted(REFERENCES.glob(prefix + "-*.yaml"))
        if refs:
            out.append((text, refs[0]))
    return out


def score_all(
    results: list[tuple[str, dict[str, Any], dict[str, Any]]],
) -> tuple[dict[str, Score], int]:
    total = {kind: Score() for kind in KINDS}
    mapped = 0
    for _name, data, reference in results:
        comparison = compare(data, reference)
        mapped += comparison.departments_mapped
        for kind, score in comparison.scores.items():
            total[kind].add(score)
    return total, mapped


def report(title: str, total: dict[str, Score], mapped: int, diff: bool) -> None:
    print(f"\n{title}")
    print(
        f"{'kind':<16}{'facts (ref)':>12}{'imported':>10}{'matched':>9}{'precision':>11}{'recall':>9}"
    )
    for kind in KINDS:
        s = total[kind]
        print(
            f"{kind:<16}{s.reference:>12}{s.imported:>10}{s.matched:>9}"
            f"{s.precision:>10.1%}{s.recall:>9.1%}"
        )
    if mapped:
        print(f"({mapped} avdelningsmål compared as enhetsmål titled 'Avdelningsmål: …')")
    if diff:
        for kind in KINDS:
            s = total[kind]
            for fact in s.only_reference:
                print("  only in transcription:", fact)
            for fact in s.only_imported:
                print("  only in import:       ", fact)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--layout", action="store_true", help="also the plain-layout corpus")
    parser.add_argument("--diff", action="store_true", help="list differing facts")
    args = parser.parse_args(argv)
    found = pairs(args.seeds)
    if not found:
        print(f"no seed texts in {args.seeds}", file=sys.stderr)
        return 2
    results = []
    for text, ref in found:
        data = import_source(text).data
        results.append((text.name, data, yaml.safe_load(ref.read_text(encoding="utf-8"))))
    total, mapped = score_all(results)
    report("Marked-up exports (seed texts)", total, mapped, args.diff)
    if args.layout:
        from tests.importer.corpus import layout_corpus

        by_extractor: dict[str, list[tuple[str, dict[str, Any], dict[str, Any]]]] = {}
        for case in layout_corpus(found):
            reference = yaml.safe_load(case.reference.read_text(encoding="utf-8"))
            if case.file is not None:
                data = import_source(case.file).data
            else:
                data = import_text(case.text, case.name).data
            by_extractor.setdefault(case.extractor, []).append((case.name, data, reference))
        for extractor, items in sorted(by_extractor.items()):
            total, mapped = score_all(items)
            report(LABELS.get(extractor, extractor), total, mapped, args.diff)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
