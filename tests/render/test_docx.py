"""Word: opens with python-docx; headings are heading styles, tables are Word tables."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from checker.render import build_document, load_report

from .conftest import (
    ALL_REPORTS,
    Rendered,
    budget_rows,
    complaint_rows,
    indicators,
    report_id,
    texts,
)

docx = pytest.importorskip("docx", reason="the render extra is not installed")


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_word_document_holds_the_tables_and_headings(path: Path, rendered: Rendered) -> None:
    data = load_report(path)
    word = docx.Document(io.BytesIO(rendered(path, "docx")))
    doc = build_document(data)
    expected_tables = list(doc.tables())
    assert len(word.tables) == len(expected_tables)
    for table, expected in zip(word.tables, expected_tables, strict=True):
        rows = table.rows
        assert [c.text for c in rows[0].cells] == list(expected.columns)
        assert len(rows) == 1 + len(expected.rows)
        # the header row repeats on every page
        assert rows[0]._tr.trPr.xml.count("tblHeader") == 1

    # cell texts straight from the XML: python-docx's cell objects are slow to walk
    w_tc, w_t = docx.oxml.ns.qn("w:tc"), docx.oxml.ns.qn("w:t")
    cells = {
        "".join(t.text or "" for t in tc.iter(w_t))
        for table in word.tables
        for tc in table._tbl.iter(w_tc)
    }
    cell_text = "\n".join(cells)
    for name in texts(indicators(data), "namn"):
        assert name in cell_text
    for label in texts(budget_rows(data), "rad") + texts(complaint_rows(data), "kategori"):
        assert label in cells

    # paragraph style ids from the XML (python-docx's style lookup by name is slow)
    styled = [(p._p.style or "", p.text) for p in word.paragraphs]
    headings = [text for style, text in styled if style.startswith("Heading")]
    for heading in doc.headings():
        if not heading.title:
            assert f"{heading.prefix} {heading.text}".strip() in headings
    assert [text for style, text in styled if style == "Title"] == [doc.title]
    assert word.core_properties.title == doc.title
    section = word.sections[0]
    assert section.header.paragraphs[0].text == doc.unit
    footer = section.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
