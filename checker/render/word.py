"""Word (.docx) through python-docx: headings as Word heading styles, tables as Word tables."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from checker.render.document import Document, Header, Heading, Paragraph, Run, Table, Text
from checker.render.fonts import font_config
from checker.render.html import paragraphs
from checker.render.options import LayoutOptions

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph


def _add_runs(paragraph: WordParagraph, runs: tuple[Run, ...]) -> None:
    for run in runs:
        if not run.text:
            continue
        r = paragraph.add_run(run.text)
        r.bold = run.bold or None
        r.italic = (run.italic or run.unknown) or None


def _repeat_header(table: WordTable) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    tr_pr.append(marker)


def _table(word: WordDocument, block: Table, options: LayoutOptions) -> None:
    from docx.shared import Pt

    width = len(block.columns)
    table = word.add_table(rows=1, cols=width)
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, block.columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
    _repeat_header(table)
    for row in block.rows:
        cells = table.add_row().cells
        index = 0
        for cell in row.cells:
            target = cells[index]
            if cell.span > 1:
                target = target.merge(cells[index + cell.span - 1])
            paragraph = target.paragraphs[0]
            runs = cell.runs
            if row.role == "sum":
                runs = tuple(Run(r.text, bold=True, italic=r.italic) for r in runs)
            if row.role == "group":
                runs = tuple(Run(r.text, italic=True) for r in runs)
            _add_runs(paragraph, runs)
            index += cell.span
    size = Pt(max(options.font_size_pt - 1, 4))
    for row_ in table.rows:
        for cell_ in row_.cells:
            for p in cell_.paragraphs:
                for r in p.runs:
                    r.font.size = size


def _text(word: WordDocument, text: str) -> None:
    for kind, lines in paragraphs(text):
        if kind == "ul":
            for line in lines:
                word.add_paragraph(line, style="List Bullet")
        else:
            p = word.add_paragraph()
            for i, line in enumerate(lines):
                run = p.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()


def _header(word: WordDocument, h: Header) -> None:
    def lines(*items: tuple[str, bool]) -> None:
        p = word.add_paragraph()
        for i, (text, bold) in enumerate(items):
            run = p.add_run(text)
            run.bold = bold or None
            if i < len(items) - 1:
                run.add_break()

    if h.kind == "tjänsteutlåtande":
        lines(("Stockholms stad", True))
        if h.unit:
            lines((h.unit, True))
        lines(("Tjänsteutlåtande", False), (f"Dnr: {h.case_number}", False))
    if h.date:
        lines((h.date, False))
    lines(("Handläggare", True), (h.author, False), (f"Telefon: {h.phone}", False))
    lines(("Till", True), (h.committee, False))


def render_docx(doc: Document, options: LayoutOptions | None = None) -> bytes:
    import docx
    from docx.shared import Mm, Pt

    options = options or LayoutOptions()
    word = docx.Document()
    normal = word.styles["Normal"]
    normal.font.name = options.font_family or font_config().family  # type: ignore[attr-defined]
    normal.font.size = Pt(options.font_size_pt)  # type: ignore[attr-defined]
    for section in word.sections:
        margin = Mm(options.margin_mm)
        section.left_margin = section.right_margin = margin
        section.top_margin = section.bottom_margin = margin
        if doc.unit:
            section.header.paragraphs[0].text = doc.unit
    props = word.core_properties
    props.title = doc.title
    props.subject = doc.unit
    props.language = "sv-SE"
    for block in doc.blocks:
        if isinstance(block, Header):
            _header(word, block)
        elif isinstance(block, Heading):
            if block.title:
                heading = word.add_heading(level=0)
            else:
                heading = word.add_heading(level=max(1, min(block.level - 1, 9)))
            if block.prefix:
                heading.add_run(f"{block.prefix} ")
            heading.add_run(block.text).italic = block.style == "goal" or None
        elif isinstance(block, Paragraph):
            _add_runs(word.add_paragraph(), block.runs)
        elif isinstance(block, Text):
            _text(word, block.text)
        elif isinstance(block, Table):
            _table(word, block, options)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
