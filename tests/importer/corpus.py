"""The plain-layout corpus: the seed exports as PDFs, and their text as extractors write it.

Each seed text is rendered to a PDF with reportlab the way the city's ILS
prints a report: headings in bold, running text wrapped to the page, tables
with wrapped cells and their header row repeated after a page break, the
unit's name and "N (M)" on every page. The PDF's text is then extracted with
two different extractors, pdfminer.six (its text boxes, separated by blank
lines) and pypdf (content-stream order, no blank lines), and the PDF itself is
imported through pdfplumber's word positions.

The seed is also written as a minimal Word document (heading styles, real
tables) for the .docx reader.

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
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from checker.importer.header import find_title
from checker.importer.items import Blank, Item, Para, Row, marked_items

GENERATOR_VERSION = "6"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


@dataclass(frozen=True)
class Case:
    name: str
    extractor: str  # pdfminer | pypdf | pdfplumber-pdf | docx | simulated | simulated-no-icons
    reference: Path
    text: str = ""
    file: Path | None = None  # imported with import_source (a PDF or a .docx)


@dataclass
class Block:
    kind: str  # heading | para | table
    lines: list[str]
    rows: list[tuple[str, ...]]


def blocks_of(items: Iterable[Item]) -> list[Block]:
    """The seed's content as blocks to print: headings, paragraphs, tables."""
    out: list[Block] = []
    previous: Item | None = None
    for item in items:
        after_row, previous = isinstance(previous, Row), item
        if isinstance(item, Blank):
            if out and out[-1].kind == "para":
                out.append(Block("gap", [], []))
            continue
        if isinstance(item, Para) and after_row and out and out[-1].kind == "table":
            # a row whose other cells are empty (the export wrote it without tabs)
            out[-1].rows.append((item.text,))
            previous = Row((item.text,), item.line)
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
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
            return "DejaVu", "DejaVu-Bold"
    return "Helvetica", "Helvetica-Bold"  # icons are then lost, as in many real exports


def render_pdf(seed_text: str, out: Path) -> None:
    """The seed text printed as a report PDF."""
    from reportlab.lib import colors  # type: ignore[import-untyped]
    from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
    from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
    from reportlab.lib.units import mm  # type: ignore[import-untyped]
    from reportlab.pdfgen import canvas as pdfcanvas  # type: ignore[import-untyped]
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # type: ignore[import-untyped]

    regular, bold = _fonts()
    unit = unit_of(seed_text)
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, spaceAfter=6)
    head = ParagraphStyle(
        "head", fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=6
    )
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)

    class Numbered(pdfcanvas.Canvas):  # type: ignore[misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, object]] = []

        def showPage(self) -> None:
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
        str(out),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story, canvasmaker=Numbered)


def _widths(rows: list[list[str]], columns: int, width: float) -> list[float]:
    """Column widths as a printed report has them: no word broken, long text wrapped."""
    char = 5.2  # points per character at 8 pt, with room for the cell padding
    least = [
        max((max((len(w) for w in r[i].split()), default=1) for r in rows), default=1) * char + 16
        for i in range(columns)
    ]
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


ICONS = "✓✔●◆♀"


def simulate(seed_text: str, seed: int, icons: bool = True) -> str:
    """Extractor-like plain text without a PDF (see the module docstring).

    Running text is wrapped at a width; a table row's cells are each wrapped to
    their column's width and the cells' lines are joined side by side with one
    space (an empty cell leaves nothing, or now and then an extra space), as
    pdfminer's line grouping does; pages of a varying length carry the unit's
    name with "N (M)" at the top and "start.stockholm" at the bottom, and a
    table broken by a page repeats its header lines. Some documents separate
    text boxes by blank lines, others do not. ``icons=False`` drops ✓ ● ◆ ♀
    (and the ! of an activity), as exports without the icon font do.
    """
    rng = random.Random(seed)
    width = rng.choice((80, 95, 110))
    lines_per_page = rng.choice((45, 55, 65))
    blank_lines = rng.random() < 0.5
    unit = unit_of(seed_text)
    # (text, table id or None, header lines of that table)
    body: list[tuple[str, int | None, list[str]]] = []
    for number, block in enumerate(blocks_of(marked_items(seed_text))):
        if block.kind == "table":
            columns = max(len(r) for r in block.rows)
            rows = [list(r) + [""] * (columns - len(r)) for r in block.rows]
            widths = [max(4, int(w / 5.2)) for w in _widths(rows, columns, width * 5.2)]
            header: list[str] = []
            for index, row in enumerate(rows):
                if not icons:
                    row = [_drop_icons(c) for c in row]
                wrapped = [
                    textwrap.wrap(c.replace("\n", " "), w) for c, w in zip(row, widths, strict=True)
                ]
                height = max((len(c) for c in wrapped), default=0)
                lines = []
                for k in range(height):
                    parts = [c[k] if k < len(c) else "" for c in wrapped]
                    joiner = "  " if rng.random() < 0.2 else " "
                    lines.append(re.sub(" {3,}", "  ", joiner.join(parts)).strip())
                if index == 0 and _is_header(block.rows[0]):
                    header = lines
                body.extend((line, number, header) for line in lines if line)
        else:
            for line in block.lines:
                text = line if icons else _drop_icons(line)
                body.extend((w, None, []) for w in textwrap.wrap(text, width) or [""])
        if blank_lines or block.kind == "table":
            body.append(("", None, []))
    pages: list[list[str]] = []
    page: list[str] = []
    previous_table: int | None = None
    for text, table, header in body:
        if len(page) >= lines_per_page:
            pages.append(page)
            page = []
            if table is not None and table == previous_table:
                page.extend(header)
        page.append(text)
        previous_table = table
    pages.append(page)
    total = len(pages)
    return "\n\f".join(
        "\n".join([f"{unit} {n} ({total})", *lines, "start.stockholm"])
        for n, lines in enumerate(pages, 1)
    )


def _drop_icons(text: str) -> str:
    text = "".join(ch for ch in text if ch not in ICONS)
    return re.sub(r"^!\s*", "", text).strip() if text.startswith("!") else text


DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def write_docx(seed_text: str, out: Path) -> None:
    """The seed as a minimal Word document: heading styles, paragraphs, real tables."""
    import zipfile

    def run(text: str, bold: bool = False) -> str:
        pieces = escape(text).split("\n")
        props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{p}</w:t>' for p in pieces)
        return f"<w:r>{props}{body}</w:r>"

    def paragraph(text: str, style: str = "") -> str:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{props}{run(text)}</w:p>"

    parts: list[str] = []
    for block in blocks_of(marked_items(seed_text)):
        if block.kind == "heading":
            parts.append(paragraph(block.lines[0], "Heading2"))
        elif block.kind == "para":
            parts.extend(paragraph(line) for line in block.lines)
        else:
            columns = max(len(r) for r in block.rows)
            rows = []
            for row in block.rows:
                cells = list(row) + [""] * (columns - len(row))
                rows.append(
                    "<w:tr>"
                    + "".join(f"<w:tc><w:p>{run(c)}</w:p></w:tc>" for c in cells)
                    + "</w:tr>"
                )
            parts.append("<w:tbl>" + "".join(rows) + "</w:tbl>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body>" + "".join(parts) + "</w:body></w:document>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", DOCX_RELS)
        archive.writestr("word/document.xml", document)


def build(pairs: list[tuple[Path, Path]], folder: Path, pdf: bool = True) -> list[Case]:
    """The corpus for ``pairs`` of (seed text, transcription); PDFs cached in ``folder``."""
    cases: list[Case] = []
    folder.mkdir(parents=True, exist_ok=True)
    for text_path, reference in pairs:
        seed_text = text_path.read_text(encoding="utf-8")
        stem = text_path.stem
        for variant in range(2):
            cases.append(
                Case(
                    f"{stem}-sim{variant}.txt", "simulated", reference, simulate(seed_text, variant)
                )
            )
        cases.append(
            Case(
                f"{stem}-noicons.txt",
                "simulated-no-icons",
                reference,
                simulate(seed_text, 7, icons=False),
            )
        )
        docx_path = folder / f"{stem}.docx"
        write_docx(seed_text, docx_path)
        cases.append(Case(docx_path.name, "docx", reference, file=docx_path))
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
            cases.append(
                Case(
                    f"{stem}.{extractor}.txt",
                    extractor,
                    reference,
                    cache.read_text(encoding="utf-8"),
                )
            )
        cases.append(Case(pdf_path.name, "pdfplumber-pdf", reference, file=pdf_path))
    return cases


def layout_corpus(pairs: list[tuple[Path, Path]], folder: Path | None = None) -> list[Case]:
    import tempfile

    return build(pairs, folder or Path(tempfile.gettempdir()) / "rapportkoll-layout-corpus")


# ------------------------------------------------- the renderer's PDFs, varied

RENDER_GENERATOR_VERSION = "1"

# Layouts the renderer's PDFs are printed in, so that the importer does not learn
# one layout: page sizes, type sizes, margins, line heights and column widths vary,
# and with them where text and table cells wrap and where pages break.
RENDER_LAYOUTS: tuple[dict[str, object], ...] = (
    {"page_size": "A4", "font_size_pt": 10.0},
    {
        "page_size": "letter",
        "font_size_pt": 9.0,
        "margin_mm": 15.0,
        "column_widths": {
            "indicators": [30, 9, 9, 9, 10, 9, 12, 12],
            "complaints": [14, 30, 8, 8, 8, 10, 22],
        },
    },
    {"page_size": "A4", "font_size_pt": 11.5, "margin_mm": 25.0, "line_height": 1.2},
    {
        "page_size": "letter",
        "font_size_pt": 10.5,
        "column_widths": {
            "indicators": [20, 10, 10, 10, 12, 10, 16, 12],
            "activities": [8, 50, 14, 14, 14],
            "budget": [40, 20, 20, 20],
        },
        "table_of_contents": False,
    },
)


@dataclass(frozen=True)
class RenderedCase:
    name: str
    extractor: str  # pdfminer | pypdf
    layout: int  # index into RENDER_LAYOUTS
    reference: Path  # the sample report the PDF was rendered from
    text: str


def _render_one(job: tuple[Path, int, Path]) -> list[tuple[str, str]]:
    """Render one sample in one layout (cached) and extract its text with both extractors."""
    from checker.render import LayoutOptions, load_report, render_report

    sample, layout, folder = job
    options = LayoutOptions(**RENDER_LAYOUTS[layout])  # type: ignore[arg-type]
    digest = hashlib.sha256(
        (RENDER_GENERATOR_VERSION + repr(RENDER_LAYOUTS[layout])).encode() + sample.read_bytes()
    ).hexdigest()[:12]
    pdf_path = folder / f"{sample.stem}-L{layout}-{digest}.pdf"
    if not pdf_path.exists():
        pdf_path.write_bytes(render_report(load_report(sample), "pdf", options))
    out = []
    for extractor, function in (("pdfminer", extract_pdfminer), ("pypdf", extract_pypdf)):
        cache = pdf_path.with_suffix(f".{extractor}.txt")
        if not cache.exists():
            cache.write_text(function(pdf_path), encoding="utf-8")
        out.append((extractor, cache.read_text(encoding="utf-8")))
    return out


def rendered_corpus(
    samples: list[Path], folder: Path | None = None, layouts_per_sample: int = 2, jobs: int = 2
) -> list[RenderedCase]:
    """Each sample rendered by checker.render in ``layouts_per_sample`` of RENDER_LAYOUTS
    (taken in turn, so every layout is used), its text extracted by pdfminer.six (through
    pdfplumber) and by pypdf: plain layout text with page breaks, the running header and
    "N (M)" footer, table headers repeated on every page and wrapped cells."""
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    folder = folder or Path(tempfile.gettempdir()) / "rapportkoll-rendered-corpus"
    folder.mkdir(parents=True, exist_ok=True)
    jobs_list = [
        (sample, (index * layouts_per_sample + k) % len(RENDER_LAYOUTS), folder)
        for index, sample in enumerate(samples)
        for k in range(layouts_per_sample)
    ]
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(_render_one, jobs_list))
    cases = []
    for (sample, layout, _), texts in zip(jobs_list, results, strict=True):
        for extractor, text in texts:
            cases.append(
                RenderedCase(
                    f"{sample.stem}-L{layout}.{extractor}.txt", extractor, layout, sample, text
                )
            )
    return cases
