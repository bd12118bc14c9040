"""Word (.docx) through python-docx: headings as Word heading styles, tables as Word tables."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from checker.render.document import Document, Header, Heading, Paragraph, Run, Table, Text
from checker.render.fonts import font_config
from checker.render.html import paragraphs
from checker.render.options import LayoutOptions, page_size_mm
from checker.render.reading import RenderError
from checker.rule import DocPath

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.shared import Length
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph


# What a Word file (XML 1.0) cannot hold: a C0 control but tab, LF and CR, a lone
# surrogate, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's document properties (title, subject, author) hold at most 255 characters.
PROPERTY_LIMIT = 255
_OTHER_FORMATS = "eller välj ett annat format (md, html, pdf)"


def _shown(path: DocPath) -> str:
    """``rapport.enhet``, ``inriktningsmål[1].titel``: a value's place as a person reads it."""
    return "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _texts(data: Any) -> Iterator[tuple[DocPath, str]]:
    """Every text in the report, keys and values, with its path (without recursion)."""
    stack: list[tuple[DocPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, Mapping):
            for key, child in value.items():
                yield (*path, str(key)), str(key)
                stack.append(((*path, str(key)), child))
        elif isinstance(value, list):
            stack.extend(((*path, i), child) for i, child in enumerate(value))


def unwritable(data: Mapping[str, Any]) -> RenderError | None:
    """Why the report cannot be written as a Word file (with the value at fault), or None."""
    for path, text in _texts(data):
        bad = _NOT_XML.search(text)
        if bad:
            code = ord(bad.group())
            return RenderError(
                f"{_shown(path)} innehåller tecknet U+{code:04X}, som en Word-fil inte kan"
                f" innehålla. Ta bort det ur rapporten, {_OTHER_FORMATS}.",
                path,
            )
    return None


def _properties(doc: Document) -> dict[str, tuple[str, DocPath]]:
    """The document properties Word shows, with the value each is made from."""
    unit = ("rapport", "enhet")
    return {
        "title": (doc.title, unit),
        "subject": (doc.unit, unit),
        "author": (doc.author, ("rapport", "handläggare")),
    }


def _too_long(doc: Document) -> RenderError | None:
    names = {"title": "titel", "subject": "ämne", "author": "författare"}
    for prop, (text, path) in _properties(doc).items():
        if len(text) > PROPERTY_LIMIT:
            return RenderError(
                f"{_shown(path)} är för lång för en Word-fil: dokumentets {names[prop]} blir"
                f" {len(text)} tecken, och Word rymmer högst {PROPERTY_LIMIT}. Korta den,"
                f" {_OTHER_FORMATS}.",
                path,
            )
    return None


def _add_runs(paragraph: WordParagraph, runs: tuple[Run, ...], size: Length | None = None) -> None:
    for run in runs:
        if not run.text:
            continue
        r = paragraph.add_run(run.text)
        r.bold = run.bold or None
        r.italic = (run.italic or run.unknown) or None
        if size is not None:
            r.font.size = size


def _repeat_header(table: WordTable) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    tr_pr.append(marker)


def _field(paragraph: WordParagraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _page_marks(word: WordDocument, unit: str) -> None:
    """The unit's name in the page header, "N (M)" in the footer, like the city's PDFs."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in word.sections:
        if unit:
            section.header.paragraphs[0].text = unit
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _field(footer, "PAGE")
        footer.add_run(" (")
        _field(footer, "NUMPAGES")
        footer.add_run(")")


def _table(word: WordDocument, styles: _Styles, block: Table, options: LayoutOptions) -> None:
    from docx.shared import Pt

    size = Pt(max(options.font_size_pt - 1, 4))
    width = len(block.columns)
    table = word.add_table(rows=1, cols=width)
    table._tbl.tblPr.style = styles.style_id("Table Grid")
    for cell, name in zip(table.rows[0].cells, block.columns, strict=True):
        _add_runs(cell.paragraphs[0], (Run(name, bold=True),), size)
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
            _add_runs(paragraph, runs, size)
            index += cell.span


class _Styles:
    """Paragraph styles by id: python-docx's lookup by name is slow on long documents."""

    def __init__(self, word: WordDocument) -> None:
        self.word = word
        self._ids: dict[str, str] = {}

    def style_id(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = str(self.word.styles[name].style_id)
        return self._ids[name]

    def paragraph(self, name: str) -> WordParagraph:
        paragraph = self.word.add_paragraph()
        paragraph._p.get_or_add_pPr().style = self.style_id(name)
        return paragraph


def _text(word: WordDocument, styles: _Styles, text: str) -> None:
    for kind, lines in paragraphs(text):
        if kind == "ul":
            for line in lines:
                styles.paragraph("List Bullet").add_run(line)
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
    lines(("Till", True), (h.to, False))


def render_docx(doc: Document, options: LayoutOptions | None = None) -> bytes:
    """The document as a Word file; ``RenderError`` for what Word cannot hold."""
    if why := _too_long(doc):
        raise why
    try:
        return _render_docx(doc, options)
    except RenderError:
        raise
    except ValueError:  # python-docx and lxml refuse what XML cannot hold
        raise RenderError(
            f"rapporten innehåller något som en Word-fil inte kan innehålla; {_OTHER_FORMATS}."
        ) from None


def _render_docx(doc: Document, options: LayoutOptions | None) -> bytes:
    import docx
    from docx.shared import Mm, Pt

    options = options or LayoutOptions()
    word = docx.Document()
    normal = word.styles["Normal"]
    normal.font.name = options.font_family or font_config().family
    normal.font.size = Pt(options.font_size_pt)
    size = page_size_mm(options.page_size)
    for section in word.sections:
        if size is not None:
            section.page_width, section.page_height = Mm(size[0]), Mm(size[1])
        margin = Mm(options.margin_mm)
        section.left_margin = section.right_margin = margin
        section.top_margin = section.bottom_margin = margin
    _page_marks(word, doc.unit)
    props = word.core_properties
    for prop, (text, _) in _properties(doc).items():
        setattr(props, prop, text)
    props.language = "sv-SE"
    styles = _Styles(word)
    for block in doc.blocks:
        if isinstance(block, Header):
            _header(word, block)
        elif isinstance(block, Heading):
            if block.title:
                heading = styles.paragraph("Title")
            else:
                heading = styles.paragraph(f"Heading {max(1, min(block.level - 1, 9))}")
            if block.prefix:
                heading.add_run(f"{block.prefix} ")
            heading.add_run(block.text).italic = block.style == "goal" or None
        elif isinstance(block, Paragraph):
            _add_runs(word.add_paragraph(), block.runs)
        elif isinstance(block, Text):
            _text(word, styles, block.text)
        elif isinstance(block, Table):
            _table(word, styles, block, options)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
