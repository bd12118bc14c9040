"""Measure the importer's fidelity against the hand transcriptions of the seeds.

    python tools/fidelity.py                 # marked-up exports (the seed texts)
    python tools/fidelity.py --layout        # also the plain-layout corpus (PDF text)
    python tools/fidelity.py --diff          # list every differing fact
    python tools/fidelity.py --all           # both kinds of export in one table
    python tools/fidelity.py --plain         # the plain export, as staff receive it
    python tools/fidelity.py --city-pdf      # our PDFs in the city's layout, by positions

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

With ``--plain`` it measures the plain export (DOMAIN.md, "the plain export, as
staff receive it"): the specimens in ``../shared/plain`` against the sample
reports they were laid out from, and every sample report written by the test
writer ``tests.plain.writer`` in ``--plain-seeds`` seeded layouts (wrap width,
page breaks, wrapped names, emptied cells, lost icons), each against the report
its variation stands for. An icon the export lost is expected as unknown.

With ``--city-pdf`` it renders every sample report to PDF in the city's layout
(``tests.render.city_pdf``; ``--city-pdf-dir`` reuses a corpus folder that
``tools/city_pdf_corpus.py`` wrote) and measures two readings of each: the PDF
itself, imported as ``rapportkoll import X.pdf`` does (word positions), and
pdfplumber's single-spaced lines (``.lines.txt``), read as a text export. The
single-spaced text lost its empty cells, so there the aim is precision; recall
is what it is: a cell whose column the text cannot tell is imported as
``{okänd: <the source's text>}``, which claims nothing (it is left out of
precision, counted as missed by recall, and its count is printed as "{okänd}
cells"). Figures are printed per kind and per field (every indicator cell,
every complaints column, the header fields). ``--all`` prints them too.
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
from checker.importer.fidelity import KINDS, Score, as_exported, compare  # noqa: E402

DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_PLAIN = ROOT.parent / "shared" / "plain"
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
    if any(t[k].unknown for _, t in columns for k in KINDS):
        # cells written {okänd: <text>}: no claim, so outside precision; missed by recall
        print(
            f"{'{okänd} cells':<16}"
            + "".join(f"{sum(t[k].unknown for k in KINDS):>22}" for _, t in columns)
        )
    print(note)


def _writer(path: Path | None) -> Any:
    """The plain writer of the tests, or one from a file (another checkout's)."""
    if path is None:
        try:
            from tests.plain import writer  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            return None
        return writer
    import importlib.util

    spec = importlib.util.spec_from_file_location("plain_writer", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules["plain_writer"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def plain_results(
    specimens: Path, seeds: int, per_seed: int, writer_path: Path | None = None
) -> dict[str, Results]:
    """The plain export imported: the specimens, and the writer's variations of every sample."""
    samples = sorted((ROOT / "sample_reports").rglob("*.yaml"))
    out: dict[str, Results] = {}
    for text_path in sorted(specimens.glob("*.txt")):
        found = [p for p in samples if p.stem == text_path.stem]
        if not found:
            continue
        text = text_path.read_text(encoding="utf-8")
        reference = as_exported(yaml.safe_load(found[0].read_text(encoding="utf-8")), text)
        data = import_text(text, text_path.name).data
        out.setdefault("specimen", []).append((text_path.name, data, reference))
    writer = _writer(writer_path)
    if writer is None:
        print("tests.plain.writer is not here: only the specimens are measured", file=sys.stderr)
        return out
    for sample in samples:
        report = writer.load(sample)
        for seed in range(1, seeds + 1):
            for variation in writer.variations(seed, per_seed):
                truth = writer.vary(report, variation)
                text = writer.write_plain(truth, variation)
                # the truth as the YAML reader sees it (dates as dates, numbers as numbers)
                reference = as_exported(yaml.safe_load(writer.dump(truth)), text)
                name = f"{sample.stem}-{seed}"
                data = import_text(text, name + ".txt").data
                out.setdefault("writer", []).append((name, data, reference))
    return out


def city_pdf_results(folder: Path | None, variants: int, jobs: int) -> dict[str, Results]:
    """The city-layout PDFs imported by word positions, and their single-spaced lines as text."""
    import tempfile

    from checker.importer import import_bytes
    from tests.render.city_pdf import build_corpus, read_corpus

    def measure(corpus: Path) -> dict[str, Results]:
        out: dict[str, Results] = {}
        for case in read_corpus(corpus):
            lines = case.text(corpus, "lines.txt")
            sample = yaml.safe_load((ROOT / case.reference).read_text(encoding="utf-8"))
            # the renderer draws every icon (✓, !, ♀) and pdfplumber reads them out, so the
            # sample itself is the reference: no icon is lost in these PDFs
            reference = sample
            pdf = case.path(corpus, "pdf")
            data = import_bytes(pdf.read_bytes(), pdf.name).data
            out.setdefault("pdf", []).append((case.name, data, reference))
            data = import_text(lines, case.name + ".lines.txt").data
            out.setdefault("lines", []).append((case.name, data, reference))
        return out

    if folder is not None and (folder / "manifest.json").is_file():
        return measure(folder)
    with tempfile.TemporaryDirectory(prefix="city-pdf-") as tmp:
        corpus = folder or Path(tmp)
        samples = sorted((ROOT / "sample_reports").rglob("*.yaml"))
        build_corpus(corpus, samples, variants=variants, jobs=jobs)
        return measure(corpus)


# the kinds whose cells are measured column by column
FIELD_KINDS = ("rapport", "mål", "indikatorer", "aktiviteter", "resultaträkning", "klagomål")


def report_fields(columns: list[tuple[str, dict[str, Score]]], note: str) -> None:
    """Per kind, then per field of the kinds that are tables: precision / recall."""
    report_both(columns, note)
    print("\nPer field: precision / recall (facts in the reference)")
    print(f"{'field':<30}" + "".join(f"{title:>26}" for title, _ in columns))
    for kind in FIELD_KINDS:
        names = sorted({name for _, t in columns for name in t[kind].fields})
        for name in names:
            cells = []
            for _, t in columns:
                precision, recall, count = t[kind].field_score(name)
                cells.append(f"{precision:>8.1%} {recall:>7.1%} ({count})")
            print(f"{kind + '.' + name:<30}" + "".join(f"{c:>26}" for c in cells))


def report_city_pdf(by_reading: dict[str, Results], diff: bool) -> None:
    columns = [
        ("city PDF: positions", score_all(by_reading["pdf"])[0]),
        ("city PDF: lines.txt", score_all(by_reading["lines"])[0]),
    ]
    report_fields(
        columns,
        f"city layout: {len(by_reading['pdf'])} PDFs rendered from sample_reports; "
        "positions = the PDF imported by word positions (import_bytes); lines.txt = "
        "pdfplumber's single-spaced lines read as a text export (empty cells lost: "
        "precision is the aim, recall as measured)",
    )
    if diff:
        report("City PDF by word positions", columns[0][1], 0, True)
        report("City PDF single-spaced lines", columns[1][1], 0, True)


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
    parser.add_argument("--plain", action="store_true", help="the plain export (text as read out)")
    parser.add_argument("--plain-dir", type=Path, default=DEFAULT_PLAIN, help="the specimens")
    parser.add_argument("--plain-seeds", type=int, default=5, help="writer seeds per sample")
    parser.add_argument("--plain-variations", type=int, default=2, help="layouts per seed")
    parser.add_argument("--writer", type=Path, help="the plain writer's file (default: the tests')")
    parser.add_argument(
        "--city-pdf", action="store_true", help="PDFs in the city's layout (positions, lines)"
    )
    parser.add_argument(
        "--city-pdf-dir", type=Path, help="a city-PDF corpus folder (read if built, else built)"
    )
    parser.add_argument(
        "--city-pdf-variants", type=int, default=0, help="varied layouts per sample (0-4)"
    )
    args = parser.parse_args(argv)
    if args.city_pdf:
        report_city_pdf(
            city_pdf_results(args.city_pdf_dir, args.city_pdf_variants, args.jobs), args.diff
        )
        return 0
    if args.plain:
        by_source = plain_results(
            args.plain_dir, args.plain_seeds, args.plain_variations, args.writer
        )
        if not by_source:
            print(f"no plain exports in {args.plain_dir} and no writer", file=sys.stderr)
            return 2
        every = [item for items in by_source.values() for item in items]
        columns = [("plain, all", score_all(every)[0])]
        columns += [(f"plain: {k}", score_all(v)[0]) for k, v in sorted(by_source.items())]
        report_both(
            columns,
            "plain export: "
            + ", ".join(f"{k} ({len(v)} texts)" for k, v in sorted(by_source.items()))
            + "; lost icons expected as {okänd}",
        )
        if args.diff:
            report("Plain export", score_all(every)[0], 0, True)
        return 0
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
        report_city_pdf(
            city_pdf_results(args.city_pdf_dir, args.city_pdf_variants, args.jobs), args.diff
        )
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
