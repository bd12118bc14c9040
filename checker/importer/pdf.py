"""PDF files, read with pdfplumber (the ``import`` extra), imported lazily.

pdfplumber gives every word its x and y coordinates; words are put on lines
by y and placed by x, so a table row comes out with its cells in the columns
of the header above it, and the layout reader splits rows at the header's
column positions. Pages
are separated by form feeds, so every item, and every value in the source
map, knows its page.
"""

from __future__ import annotations

import io
from typing import Any

from .base import ImportFailure, ImportResult, guard, import_items
from .layout import layout_items


def pdf_text_and_headings(raw: bytes, name: str) -> tuple[str, dict[tuple[int, int], int]]:
    """The PDF's text and its heading lines: (line, page) -> rank of the font size
    (1 for the largest), for lines set wholly in bold, as headings are."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportFailure(
            f"{name} är en PDF; för att läsa PDF behövs tillägget: pip install 'rapportkoll[import]'.",
            f"{name} is a PDF; reading PDF needs: pip install 'rapportkoll[import]'.",
        ) from None
    pages: list[str] = []
    bold: list[list[tuple[int, float]]] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as document:
            for page in document.pages:
                text, strong = _page_text(page)
                pages.append(text)
                bold.append(strong)
    except ImportFailure:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a broken file
        if raw.startswith(b"%PDF-") and b"%%EOF" not in raw[-2048:]:
            raise ImportFailure(
                f"{name} verkar avkortad: PDF-filens slut (%%EOF) saknas, så filen har inte "
                "sparats eller laddats ned helt. Exportera eller ladda ned rapporten på nytt.",
                f"{name} seems truncated: the PDF's end marker (%%EOF) is missing.",
            ) from None
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
    # Line numbers as the layout reader counts them: a form feed does not end a line.
    headings: dict[tuple[int, int], float] = {}
    number = 1
    for page_number, (text, strong) in enumerate(zip(pages, bold, strict=True), start=1):
        for index, size in strong:
            headings[(number + index, page_number)] = size
        number += text.count("\n")
    sizes = sorted({round(size, 1) for size in headings.values()}, reverse=True)
    ranks = {
        (line, page): sizes.index(round(size, 1)) + 1 for (line, page), size in headings.items()
    }
    return "\f".join(pages), ranks


POINTS_PER_CHAR = 3.0  # narrower than any glyph, so a word never overruns the next column
CELL_GAP = 6.0  # points between words that a word space never reaches: a column boundary


def _bold(word: dict[str, Any]) -> bool:
    font = str(word.get("fontname", ""))
    return "Bold" in font or "Black" in font or "Heavy" in font


def _page_text(page: Any) -> tuple[str, list[tuple[int, float]]]:
    """The page's words on lines by their y, placed by their x.

    A word starts at the character offset of its x coordinate; two words
    farther apart than a word space are separated by at least two spaces, so
    the layout reader can split a table row at the header's column offsets.
    A vertical gap larger than a line's height becomes a blank line.
    """
    words = page.extract_words(
        x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["fontname", "size"]
    )
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(float(w["top"]), 1), float(w["x0"]))):
        if lines and abs(float(lines[-1][0]["top"]) - float(word["top"])) <= 2.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    out: list[str] = []
    strong: list[tuple[int, float]] = []
    previous_bottom: float | None = None
    heights = sorted(float(w["bottom"]) - float(w["top"]) for w in words) or [10.0]
    height = heights[len(heights) // 2]
    for line in lines:
        line.sort(key=lambda w: float(w["x0"]))
        top = min(float(w["top"]) for w in line)
        if previous_bottom is not None and top - previous_bottom > height * 0.9:
            out.append("")
        previous_bottom = max(float(w["bottom"]) for w in line)
        text = ""
        last_x1: float | None = None
        for word in line:
            x0 = float(word["x0"])
            column = int(x0 / POINTS_PER_CHAR)
            if last_x1 is None:
                text = " " * column
            else:
                gap = 2 if x0 - last_x1 > CELL_GAP else 1
                text += " " * max(gap, column - len(text)) if gap == 2 else " "
            text += str(word["text"])
            last_x1 = float(word["x1"])
        out.append(text.rstrip())
        if all(_bold(w) for w in line):
            strong.append((len(out) - 1, max(float(w.get("size", 0)) for w in line)))
    return "\n".join(out), strong


def import_pdf_bytes(raw: bytes, name: str) -> ImportResult:
    text, headings = pdf_text_and_headings(raw, name)
    with guard(name):
        items = layout_items(text, headings)
    return import_items(items, text, name, "pdf")
