"""The renderer's PDFs in the city's layout, and their text as extractors read it.

Each sample report is rendered by ``checker.render`` in the city's layout
(``CITY_LAYOUT``: the complaints table's group labels beside their rows; the
running head ``<enhet>, Verksamhetsberättelse 7(31)``; header rows repeated
after a page break), optionally also in the varied layouts of
``tests.importer.corpus.RENDER_LAYOUTS``. Its text is then extracted four ways,
the ways a PDF reaches quality staff or a reader:

- ``pdfminer.txt``: pdfminer.six's ``extract_text`` (its text boxes in reading
  order, the way text copied out of a PDF reads: a table's header split word
  by word, wrapped cells one after another);
- ``lines.txt``: pdfplumber's ``extract_text`` (words on lines by their height,
  joined by single spaces: a row's cells on one line, empty cells lost);
- ``layout.txt``: pdfplumber's ``extract_text(layout=True)`` (words placed by
  their x: an empty cell keeps its space);
- ``words.json``: pdfplumber's words with their positions, page by page.

Pages are separated by form feeds in every text. ``manifest.json`` lists each
case with the sample it was rendered from (the reference for measuring a
reader) and the layout it was rendered in.

    python tools/city_pdf_corpus.py OUT_DIR [--variants N] [--only TEXT] [--jobs N]
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from checker.render import LayoutOptions, load_report, render_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_reports").rglob("*.yaml"))

# The city's layout: what `render --format pdf` gives, with the complaints table's
# group labels set beside all their rows as the city's PDFs set them.
CITY_LAYOUT: dict[str, object] = {"spanning_group_labels": True}

EXTRACTS = ("pdfminer.txt", "lines.txt", "layout.txt", "words.json")
WORD_ATTRS = ("text", "x0", "x1", "top", "bottom", "fontname", "size")


def extract_reading_order(pdf: Path) -> str:
    """pdfminer.six's text boxes in reading order; a form feed ends each page."""
    from pdfminer.high_level import extract_text

    return str(extract_text(str(pdf)))


def extract_lines(pdf: Path, layout: bool = False) -> str:
    """pdfplumber's lines (single spaces) or, with ``layout``, words placed by their x."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        return "\f".join(page.extract_text(layout=layout) or "" for page in document.pages)


def extract_words(pdf: Path) -> list[list[dict[str, Any]]]:
    """pdfplumber's words with their positions (points from the page's top left), per page."""
    import pdfplumber

    pages = []
    with pdfplumber.open(str(pdf)) as document:
        for page in document.pages:
            words = page.extract_words(
                x_tolerance=1.5, y_tolerance=2, extra_attrs=["fontname", "size"]
            )
            pages.append(
                [
                    {
                        k: round(float(w[k]), 2) if isinstance(w[k], float) else w[k]
                        for k in WORD_ATTRS
                    }
                    for w in words
                ]
            )
    return pages


def _words_json(pages: list[list[dict[str, Any]]]) -> str:
    """The words as JSON, one word a line, so that the file diffs and greps well."""
    out = []
    for page in pages:
        out.append("[\n" + ",\n".join(json.dumps(w, ensure_ascii=False) for w in page) + "\n]")
    return "[\n" + ",\n".join(out) + "\n]\n"


@dataclasses.dataclass(frozen=True)
class CorpusCase:
    name: str  # file stem in the corpus folder
    reference: str  # the sample report, relative to the repository
    layout: dict[str, object]  # LayoutOptions the PDF was rendered with
    pages: int

    def path(self, folder: Path, extract: str) -> Path:
        return folder / f"{self.name}.{extract}"

    def text(self, folder: Path, extract: str) -> str:
        return self.path(folder, extract).read_text(encoding="utf-8")


def read_corpus(folder: Path) -> list[CorpusCase]:
    """The cases of a corpus folder, as its ``manifest.json`` lists them (for a reader's
    measurement: each case's ``reference`` is the sample it must read back)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [CorpusCase(**case) for case in manifest["cases"]]


def case_name(sample: Path, variant: int) -> str:
    stem = str(sample.relative_to(ROOT / "sample_reports").with_suffix("")).replace(os.sep, "--")
    return stem if variant < 0 else f"{stem}-L{variant}"


def layouts(variants: int) -> list[tuple[int, dict[str, object]]]:
    """The city's layout (-1), then ``variants`` of the varied layouts, each with the
    city's group labels."""
    from tests.importer.corpus import RENDER_LAYOUTS

    out: list[tuple[int, dict[str, object]]] = [(-1, dict(CITY_LAYOUT))]
    for index, layout in enumerate(RENDER_LAYOUTS[: max(0, variants)]):
        out.append((index, {**layout, **CITY_LAYOUT}))
    return out


def _write_case(job: tuple[Path, int, dict[str, object], Path]) -> CorpusCase:
    sample, variant, layout, folder = job
    name = case_name(sample, variant)
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(render_report(load_report(sample), "pdf", LayoutOptions(**layout)))  # type: ignore[arg-type]
    pdf.with_suffix(".pdfminer.txt").write_text(extract_reading_order(pdf), encoding="utf-8")
    pdf.with_suffix(".lines.txt").write_text(extract_lines(pdf), encoding="utf-8")
    pdf.with_suffix(".layout.txt").write_text(extract_lines(pdf, layout=True), encoding="utf-8")
    words = extract_words(pdf)
    pdf.with_suffix(".words.json").write_text(_words_json(words), encoding="utf-8")
    return CorpusCase(name, str(sample.relative_to(ROOT)), layout, len(words))


def build_corpus(
    folder: Path,
    samples: Sequence[Path] = SAMPLES,
    variants: int = 0,
    jobs: int = 2,
) -> list[CorpusCase]:
    """Render every sample in the city's layout (and ``variants`` varied layouts), write
    the PDF and its four extracts into ``folder``, and a ``manifest.json`` listing them."""
    folder.mkdir(parents=True, exist_ok=True)
    work = [
        (sample, variant, layout, folder)
        for sample in samples
        for variant, layout in layouts(variants)
    ]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            cases = list(pool.map(_write_case, work))
    else:
        cases = [_write_case(job) for job in work]
    manifest = {
        "extracts": list(EXTRACTS),
        "cases": [dataclasses.asdict(case) for case in cases],
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return cases
