"""A date in a table never breaks inside: "2024-01-0" / "1" reads as two values to anyone who
copies the PDF's text, and to the importer. Real PDFs, rendered in the varied layouts of the
corpus and in larger type on smaller paper, read back with pdfplumber."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.render import LayoutOptions, build_document, load_report, render_report
from checker.render.html import content_width_mm, fit_dates
from tests.importer.corpus import RENDER_LAYOUTS

from .city_pdf import CITY_LAYOUT, ROOT, extract_words

pytest.importorskip("pdfplumber", reason="the import extra is not installed")
try:
    import weasyprint  # type: ignore[import-untyped]  # noqa: F401
except (ImportError, OSError) as error:  # OSError: Pango is missing
    pytest.skip(f"WeasyPrint cannot run here: {error}", allow_module_level=True)

CLEAN_VB = ROOT / "sample_reports" / "clean" / "vb-2024-boendestodet.yaml"
# The corpus's layout with the largest type and margins (L2), and larger type on A5.
LAYOUTS: dict[str, dict[str, Any]] = {
    "L2": {**RENDER_LAYOUTS[2], **CITY_LAYOUT},
    "A5-14pt": {"page_size": "A5", "font_size_pt": 14.0, "margin_mm": 15.0, **CITY_LAYOUT},
}


def _dates(node: Any) -> set[str]:
    """Every activity's dates in a report as written."""
    if isinstance(node, list):
        return {d for value in node for d in _dates(value)}
    if not isinstance(node, dict):
        return set()
    out = {
        str(a.get(k)) for a in node.get("aktiviteter") or [] for k in ("startdatum", "slutdatum")
    }
    return {d for d in out if d != "None"} | {d for v in node.values() for d in _dates(v)}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_dates_and_their_headings_are_whole_words(layout: str, tmp_path: Path) -> None:
    report = load_report(CLEAN_VB)
    pdf = tmp_path / f"{layout}.pdf"
    pdf.write_bytes(render_report(report, "pdf", LayoutOptions(**LAYOUTS[layout])))
    words = [w["text"] for page in extract_words(pdf) for w in page]
    dates = _dates(report)
    assert dates, "the sample has activities with dates"
    assert dates <= set(words), sorted(dates - set(words))
    assert words.count("Startdatum") == words.count("Slutdatum") > 0
    broken = [w for w in words if w.startswith("20") and len(w) in (8, 9) and w[4:5] == "-"]
    assert not broken, broken


def test_date_columns_take_room_from_the_widest_column_and_keep_the_table_width() -> None:
    options = LayoutOptions(**LAYOUTS["L2"])
    table = next(
        t for t in build_document(load_report(CLEAN_VB)).tables() if t.kind == "activities"
    )
    widths = (4.0, 54.0, 14.0, 14.0, 14.0)
    fitted = fit_dates(table, widths, options)
    content = content_width_mm(options)
    assert content == 160.0
    for name in ("Startdatum", "Slutdatum"):
        index = table.columns.index(name)
        # 7.6 em of the table's type (0.9 of 11.5 pt) over 160 mm: 17.3 %
        assert fitted[index] == pytest.approx(100 * 7.6 * 0.9 * 11.5 * 25.4 / 72 / 160)
    assert sum(fitted) == pytest.approx(100.0)
    assert fitted[table.columns.index("Aktivitet")] < widths[1]
    # wide enough already: left as the layout gives it
    assert fit_dates(table, widths, LayoutOptions(font_size_pt=9.0)) == widths
    # a page size not known here: the widths stay as given
    assert fit_dates(table, widths, LayoutOptions(page_size="B4", font_size_pt=14.0)) == widths
