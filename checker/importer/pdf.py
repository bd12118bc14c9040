"""PDF files, read with pdfplumber (the ``import`` extra), imported lazily.

pdfplumber places every character by its x coordinate (``layout=True``), so a
table row comes out with its cells in the columns of the header above it;
the layout reader then splits rows at the header's column positions. Pages
are separated by form feeds, so every item, and every value in the source
map, knows its page.
"""

from __future__ import annotations

import io
from typing import Any

from . import ImportFailure, ImportResult, import_items
from .layout import layout_items


def pdf_text(raw: bytes, name: str) -> str:
    """The PDF's text, page by page (form feed between pages), columns kept."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportFailure(
            f"{name} är en PDF; för att läsa PDF behövs tillägget: pip install 'rapportkoll[import]'.",
            f"{name} is a PDF; reading PDF needs: pip install 'rapportkoll[import]'.",
        ) from None
    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as document:
            for page in document.pages:
                pages.append(_page_text(page))
    except ImportFailure:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a broken file
        raise ImportFailure(
            f"{name} kan inte läsas som PDF ({type(exc).__name__}); filen kan vara skadad eller krypterad.",
            f"{name} cannot be read as a PDF ({type(exc).__name__}).",
        ) from None
    if not any(p.strip() for p in pages):
        raise ImportFailure(
            f"{name} har inget textlager (sidorna är bilder, t.ex. en inskannad rapport). "
            "Exportera rapporten som PDF från ILS eller som text, eller kör teckenigenkänning (OCR) först.",
            f"{name} has no text layer (the pages are images). Export the report again or run OCR first.",
        )
    return "\f".join(pages)


def _page_text(page: Any) -> str:
    text = page.extract_text(layout=True, x_density=5.5, y_density=13) or ""
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def import_pdf_bytes(raw: bytes, name: str) -> ImportResult:
    text = pdf_text(raw, name)
    return import_items(layout_items(text), text, name, "pdf")
