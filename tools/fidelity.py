"""Measure the importer's fidelity against the hand transcriptions of the seeds.

    python tools/fidelity.py                 # marked-up exports (the seed texts)
    python tools/fidelity.py --layout        # also the plain-layout corpus (PDF text)
    python tools/fidelity.py --diff          # list every differing fact
    python tools/fidelity.py --all           # both kinds of export in one table

Imports each seed text in ``../shared/seeds`` (or ``--seeds DIR``), compares it
field by field with ``sample_reports/seeds/*.yaml`` and prints precision and
recall per kind. With ``--layout`` (needs the ``import`` extra) it also writes
each seed as a .docx, renders it to PDF, extracts the PDF's text with
pdfminer.six (through pdfplumber) and with pypdf, simulates extractor text,
imports all of them and the PDF itself, and prints the same figures for each.

With ``--all`` it prints one table with both kinds of export side by side: the
marked-up seed texts against their transcriptions, and plain layout text made
by our renderer: every sample report in ``sample_reports`` rendered to PDF in
two of four layouts (A4 and Letter, 9-11.5 pt type, margins, line heights and
column widths varied, so cells wrap and pages break in different places, with
the running header, "N (M)" and table headers repeated on each page), its text
extracted with pdfminer.six (through pdfplumber) and with pypdf, and imported
as plain layout text, each compared with the sample it was rendered from.
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


Results = list[tuple[str, dict[str, Any], dict[str, Any]]]


def layout_results(samples: list[Path], jobs: int) -> dict[str, Results]:
    """The renderer's corpus imported as plain layout text, by extractor."""
    from tests.importer.corpus import rendered_corpus

    by_extractor: dict[str, Results] = {}
    for case in rendered_corpus(samples, jobs=jobs):
        reference = yaml.safe_load(case.reference.read_text(encoding="utf-8"))
        data = import_text(case.text, case.name, kind="layout").data
        by_extractor.setdefault(case.extractor, []).append((case.name, data, reference))
    return by_extractor


def report_both(columns: list[tuple[str, dict[str, Score]]], note: str) -> None:
    print("\nFidelity per kind: precision / recall (facts in the reference)")
    print(f"{'kind':<16}" + "".join(f"{title:>22}" for title, _ in columns))
    for kind in KINDS:
        cells = [f"{t[kind].precision:>8.1%} {t[kind].recall:>7.1%}" for _, t in columns]
        print(f"{kind:<16}" + "".join(f"{c:>22}" for c in cells))
    print(
        f"{'facts (ref)':<16}"
        + "".join(f"{sum(t[k].reference for k in KINDS):>22}" for _, t in columns)
    )
    print(note)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--layout", action="store_true", help="also the plain-layout corpus")
    parser.add_argument("--diff", action="store_true", help="list differing facts")
    parser.add_argument(
        "--all",
        action="store_true",
        help="both kinds of export (marked-up, plain layout) in one table",
    )
    parser.add_argument("--jobs", type=int, default=2, help="processes rendering PDFs (--all)")
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
    if args.all:
        samples = sorted((ROOT / "sample_reports").rglob("*.yaml"))
        by_extractor = layout_results(samples, args.jobs)
        layout = [item for items in by_extractor.values() for item in items]
        layout_total, _ = score_all(layout)
        columns = [("marked-up exports", total), ("plain layout, all", layout_total)]
        columns += [
            (f"layout: {e}", score_all(items)[0]) for e, items in sorted(by_extractor.items())
        ]
        report_both(
            columns,
            f"marked-up: the {len(results)} seed texts against sample_reports/seeds; plain layout: "
            f"{len(samples)} sample reports rendered in 2 of 4 layouts, their text extracted by "
            + " and by ".join(f"{e} ({len(i)} texts)" for e, i in sorted(by_extractor.items())),
        )
        if args.diff:
            report("Marked-up exports (seed texts)", total, mapped, True)
            report("Plain layout text (rendered corpus)", layout_total, 0, True)
        return 0
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
