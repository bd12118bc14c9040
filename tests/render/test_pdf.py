"""PDF: a real PDF whose text holds the Swedish letters, the icons, the page marks."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from checker.render import LayoutOptions, load_report, render_report

from .conftest import (
    ALL_REPORTS,
    PdfAndText,
    Rendered,
    activities,
    indicators,
    report_id,
    statuses,
)

pypdf = pytest.importorskip("pypdf", reason="the render extra is not installed")
try:
    import weasyprint  # type: ignore[import-untyped]  # noqa: F401
except (ImportError, OSError) as error:  # OSError: Pango is missing
    pytest.skip(f"WeasyPrint cannot run here: {error}", allow_module_level=True)


@cache
def _pages_text(pdf: bytes) -> tuple[str, ...]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return tuple(page.extract_text() or "" for page in reader.pages)


def _expected_marks(data: dict[str, Any]) -> set[str]:
    marks = set()
    found = statuses(data)
    if "Uppfylls helt" in found:
        marks.add("● Uppfylls helt")
    if "Uppfylls delvis" in found:
        marks.add("◆ Uppfylls delvis")
    if "Uppfylls inte" in found:
        marks.add("■ Uppfylls inte")
    if "Ingen" in found:
        marks.add("— Ingen")
    if any(a.get("status") == "klar" for a in activities(data)):
        marks.add("✓")
    if any(a.get("status") == "avvikelse" for a in activities(data)):
        marks.add("!")
    if any(i.get("könsuppdelad") is True for i in indicators(data)):
        marks.add("♀")
    return marks


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_pdf_text_has_swedish_letters_and_the_icons(
    path: Path, rendered: Rendered, pdfs: dict[Path, PdfAndText]
) -> None:
    pdf, pages = pdfs[path]
    assert pdf.startswith(b"%PDF-")
    text = "\n".join(pages)
    markdown = rendered(path, "md").decode()
    for letter in "åäöÅÄÖ":
        if letter in markdown:
            assert letter in text, f"{letter!r} lost in the PDF"
    assert {"å", "ä", "ö"} <= set(text)
    data = load_report(path)
    marks = _expected_marks(data)
    # a line break may fall between an icon and its word: compare without whitespace
    flat = re.sub(r"\s+", "", text)
    missing = [m for m in marks if re.sub(r"\s+", "", m) not in flat]
    assert not missing


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_every_page_has_the_unit_and_n_of_m(path: Path, pdfs: dict[Path, PdfAndText]) -> None:
    """The city's running head, "<enhet>, Verksamhetsberättelse 7(31)", on every page
    after the cover; the cover names the unit in its header."""
    _, pages = pdfs[path]
    unit = str(load_report(path)["rapport"]["enhet"])
    assert unit in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert re.search(rf"{re.escape(unit)}, [^\n]*\b{number}\({len(pages)}\)", text)


def test_fonts_are_embedded_and_are_dejavu(pdfs: dict[Path, PdfAndText]) -> None:
    path = next(p for p in ALL_REPORTS if "runda2" in p.name)
    reader = pypdf.PdfReader(io.BytesIO(pdfs[path][0]))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVu" in name for name in fonts)


def _long_table_report(rows: int) -> dict[str, Any]:
    return {
        "rapport": {"typ": "VB", "år": 2024, "enhet": "Långa tabellens enhet"},
        "inriktningsmål": [
            {
                "nummer": "3",
                "titel": "Ekonomi",
                "verksamhetsområdesmål": [
                    {
                        "nummer": "3.4",
                        "titel": "Medarbetare",
                        "indikatorer": [
                            {"namn": f"Indikator nummer {i}", "utfall": f"{i} %", "period": "2024"}
                            for i in range(rows)
                        ],
                    }
                ],
            }
        ],
    }


def test_table_header_is_repeated_on_every_page_the_table_spans() -> None:
    options = LayoutOptions(table_of_contents=False, page_size="A5")
    pages = [
        re.sub(r"\s+", "", t)
        for t in _pages_text(render_report(_long_table_report(40), "pdf", options))
    ]
    spanned = [t for t in pages if re.search(r"Indikatornummer\d+", t)]
    assert len(spanned) >= 2
    assert all("Periodensutfall" in t and "KF:sårsmål" in t for t in spanned)


def test_layout_options_change_page_size_and_flow() -> None:
    data = _long_table_report(12)
    a4 = pypdf.PdfReader(io.BytesIO(render_report(data, "pdf")))
    a5 = pypdf.PdfReader(io.BytesIO(render_report(data, "pdf", LayoutOptions(page_size="A5"))))
    big = pypdf.PdfReader(
        io.BytesIO(render_report(data, "pdf", LayoutOptions(font_size_pt=16, margin_mm=30)))
    )
    width, height = (float(v) for v in a4.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    width5, height5 = (float(v) for v in a5.pages[0].mediabox.upper_right)
    assert (round(width5), round(height5)) == (420, 595)  # A5
    assert len(a5.pages) > len(a4.pages)
    assert len(big.pages) > len(a4.pages)


@pytest.mark.parametrize("path", ALL_REPORTS, ids=report_id)
def test_pdf_metadata_names_the_report(path: Path, pdfs: dict[Path, PdfAndText]) -> None:
    from checker.render import build_document

    doc = build_document(load_report(path))
    metadata = pypdf.PdfReader(io.BytesIO(pdfs[path][0])).metadata
    assert metadata is not None and doc.title in str(metadata.title)
    assert (metadata.author or "") == doc.author
