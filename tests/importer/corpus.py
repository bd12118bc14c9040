"""The plain-layout corpus: the seed exports as PDFs, and their text as extractors write it.

Each seed text is rendered to a PDF with reportlab the way the city's ILS
prints a report: headings in bold, running text wrapped to the page, tables
with wrapped cells and their header row repeated after a page break, the
unit's name and "N (M)" on every page. The PDF's text is then extracted with
two different extractors, pdfminer.six (its text boxes, separated by blank
lines) and pypdf (content-stream order, no blank lines), and the PDF itself is
imported through pdfplumber's word positions.

A third, simulated variant writes what an extractor writes without going
through a PDF: table cells joined by single spaces with empty cells dropped,
cells wrapped at a varying width, page breaks with the headers repeated and
the page furniture in the middle of the text; it is cheap and deterministic,
so the tests use it for the properties that must hold for any layout text.

Everything is generated at test time (``build`` caches the PDFs in a folder);
nothing here is committed output.
"""

from __future__ import annotations

import hashlib
import random
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from checker.importer.header import find_title
from checker.importer.items import Blank, Item, Para, Row, marked_items

GENERATOR_VERSION = "5"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


@dataclass(frozen=True)
class Case:
    name: str
    extractor: str  # pdfminer | pypdf | pdfplumber-pdf | simulated
    reference: Path
    text: str = ""
    pdf: Path | None = None


@dataclass
class Block:
    kind: str  # heading | para | table
    lines: list[str]
    rows: list[tuple[str, ...]]


def blocks_of(items: Iterable[Item]) -> list[Block]:
    """The seed's content as blocks to print: headings, paragraphs, tables."""
    out: list[Block] = []
    for item in items:
        if isinstance(item, Blank):
            if out and out[-1].kind == "para":
                out.append(Block("gap", [], []))
            continue
        if isinstance(item, Row):
            header = _is_header(item.cells)
            if out and out[-1].kind == "table" and not header:
                out[-1].rows.append(item.cells)
            else:
                out.append(Block("table", [], [item.cells]))
            continue
        assert isinstance(item, Para)
        kind = "heading" if item.marked else "para"
        if out and out[-1].kind == kind == "para":
            out[-1].lines.append(item.text)
        else:
            out.append(Block(kind, [item.text], []))
    return [b for b in out if b.kind != "gap"]


def _is_header(cells: tuple[str, ...]) -> bool:
    first = next((c for c in cells if c), "").casefold()
    return first in ("indikator", "aktivitet", "uppdelning") or "budget" in [
        c.casefold() for c in cells
    ]


def unit_of(text: str) -> str:
    title = find_title(marked_items(text))
    if title and title[2]:
        return title[2]
    return "Enheten"


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
            return "DejaVu", "DejaVu-Bold"
    return "Helvetica", "Helvetica-Bold"  # icons are then lost, as in many real exports


def render_pdf(seed_text: str, out: Path) -> None:
    """The seed text printed as a report PDF."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as pdfcanvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    unit = unit_of(seed_text)
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, spaceAfter=6)
    head = ParagraphStyle("head", fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=6)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)

    class Numbered(pdfcanvas.Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._pages: list[dict[str, object]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(regular, 8)
                self.drawString(20 * mm, A4[1] - 12 * mm, unit)
                self.drawRightString(A4[0] - 20 * mm, A4[1] - 12 * mm, f"{number} ({total})")
                self.drawString(20 * mm, 10 * mm, "start.stockholm")
                super().showPage()
            super().save()

    story: list[object] = []
    width = A4[0] - 40 * mm
    for block in blocks_of(marked_items(seed_text)):
        if block.kind == "heading":
            story.append(Paragraph(escape(block.lines[0]), head))
        elif block.kind == "para":
            story.append(Paragraph("<br/>".join(escape(line) for line in block.lines), body))
        else:
            columns = max(len(r) for r in block.rows)
            rows = [list(r) + [""] * (columns - len(r)) for r in block.rows]
            widths = _widths(rows, columns, width)
            data = [[Paragraph(escape(c).replace("\n", "<br/>"), cell) for c in r] for r in rows]
            table = Table(data, colWidths=widths, repeatRows=1 if _is_header(block.rows[0]) else 0)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(table)
            story.append(Spacer(1, 4 * mm))
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=18 * mm
    )
    doc.build(story, canvasmaker=Numbered)


def _widths(rows: list[list[str]], columns: int, width: float) -> list[float]:
    """Column widths as a printed report has them: no word broken, long text wrapped."""
    char = 5.2  # points per character at 8 pt, with room for the cell padding
    least = [max((max((len(w) for w in r[i].split()), default=1) for r in rows), default=1) * char + 16 for i in range(columns)]
    natural = [max(min(len(r[i]), 70) for r in rows) * char + 16 for i in range(columns)]
    natural = [max(n, m) for n, m in zip(natural, least, strict=True)]
    total = sum(natural)
    if total <= width:
        return [n * width / total for n in natural]
    spare = width - sum(least)
    if spare <= 0:
        return [m * width / sum(least) for m in least]
    extra = [n - m for n, m in zip(natural, least, strict=True)]
    return [m + spare * e / sum(extra) for m, e in zip(least, extra, strict=True)]


def extract_pdfminer(pdf: Path) -> str:
    """pdfminer.six through pdfplumber: words grouped into lines, single spaces."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        return "\f".join(page.extract_text() or "" for page in document.pages)


def extract_pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    return "\f".join(page.extract_text(extraction_mode="layout") or "" for page in reader.pages)


def simulate(seed_text: str, seed: int) -> str:
    """Extractor-like plain text without a PDF (see the module docstring)."""
    rng = random.Random(seed)
    width = rng.choice((70, 85, 100, 120))
    lines_per_page = rng.choice((45, 55, 65))
    unit = unit_of(seed_text)
    out: list[str] = []
    header_row: tuple[str, ...] | None = None

    def emit_row(cells: tuple[str, ...]) -> list[str]:
        kept = [c.replace("\n", " ") for c in cells if c.strip()]
        joiner = " " if rng.random() < 0.8 else "  "
        return textwrap.wrap(joiner.join(kept), width) or [""]

    for block in blocks_of(marked_items(seed_text)):
        if block.kind == "table":
            header_row = block.rows[0] if _is_header(block.rows[0]) else header_row
            for row in block.rows:
                out.extend(emit_row(row))
            out.append("")
        else:
            for line in block.lines:
                out.extend(textwrap.wrap(line, width) or [""])
            out.append("")
    pages: list[str] = []
    total = (len(out) + lines_per_page - 1) // lines_per_page
    for number in range(total):
        chunk = out[number * lines_per_page : (number + 1) * lines_per_page]
        pages.append("\n".join([unit, *chunk, f"{number + 1} ({total})"]))
    return "\n\f".join(pages)


def build(pairs: list[tuple[Path, Path]], folder: Path, pdf: bool = True) -> list[Case]:
    """The corpus for ``pairs`` of (seed text, transcription); PDFs cached in ``folder``."""
    cases: list[Case] = []
    folder.mkdir(parents=True, exist_ok=True)
    for text_path, reference in pairs:
        seed_text = text_path.read_text(encoding="utf-8")
        stem = text_path.stem
        for variant in range(2):
            cases.append(
                Case(f"{stem}-sim{variant}.txt", "simulated", reference, simulate(seed_text, variant))
            )
        if not pdf:
            continue
        digest = hashlib.sha256((GENERATOR_VERSION + seed_text).encode()).hexdigest()[:12]
        pdf_path = folder / f"{stem}-{digest}.pdf"
        if not pdf_path.exists():
            render_pdf(seed_text, pdf_path)
        for extractor, function in (("pdfminer", extract_pdfminer), ("pypdf", extract_pypdf)):
            cache = folder / f"{stem}-{digest}.{extractor}.txt"
            if not cache.exists():
                cache.write_text(function(pdf_path), encoding="utf-8")
            cases.append(Case(f"{stem}.{extractor}.txt", extractor, reference, cache.read_text(encoding="utf-8")))
        cases.append(Case(pdf_path.name, "pdfplumber-pdf", reference, pdf=pdf_path))
    return cases


def layout_corpus(pairs: list[tuple[Path, Path]], folder: Path | None = None) -> list[Case]:
    import tempfile

    return build(pairs, folder or Path(tempfile.gettempdir()) / "rapportkoll-layout-corpus")
