"""Layout parameters of the rendered document, varied by a test-corpus generator."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

_PAGE_SIZE = re.compile(r"[A-Za-z0-9. ]{1,40}")
_FONT_FAMILY = re.compile(r"[\w \-]{1,60}")
TABLE_KINDS = ("indicators", "activities", "budget", "complaints")


@dataclass(frozen=True)
class LayoutOptions:
    """Page and type settings for HTML, PDF and Word.

    ``page_size`` is a CSS page size ("A4", "A5", "letter", "A4 landscape",
    "210mm 297mm"). ``column_widths`` gives, per table kind (indicators,
    activities, budget, complaints), the width of each column in percent;
    a list whose length does not match the table's columns is ignored.
    """

    page_size: str = "A4"
    font_size_pt: float = 10.0
    margin_mm: float = 20.0
    font_family: str | None = None  # None: the family in fonts.toml
    line_height: float = 1.35
    column_widths: Mapping[str, Sequence[float]] = field(default_factory=dict)
    table_of_contents: bool = True
    # The complaints table's group labels in one cell beside all their rows, as the
    # city's PDFs set them; off: in the group's first row (what the importer's
    # PDF reader reads back).
    spanning_group_labels: bool = False

    def __post_init__(self) -> None:
        # The values end up in a stylesheet: only plain tokens get through.
        if not _PAGE_SIZE.fullmatch(self.page_size):
            raise ValueError(f"page_size: {self.page_size!r}")
        if self.font_family is not None and not _FONT_FAMILY.fullmatch(self.font_family):
            raise ValueError(f"font_family: {self.font_family!r}")
        if not 4 <= self.font_size_pt <= 30:
            raise ValueError(f"font_size_pt: {self.font_size_pt!r}")
        if not 0 <= self.margin_mm <= 60:
            raise ValueError(f"margin_mm: {self.margin_mm!r}")
        if not 0.8 <= self.line_height <= 3:
            raise ValueError(f"line_height: {self.line_height!r}")
        for kind, widths in self.column_widths.items():
            if kind not in TABLE_KINDS:
                raise ValueError(f"column_widths: unknown table kind {kind!r}")
            if any(not 0 < float(w) <= 100 for w in widths):
                raise ValueError(f"column_widths[{kind!r}]: {list(widths)!r}")

    def widths_for(self, kind: str, columns: int) -> tuple[float, ...] | None:
        widths = self.column_widths.get(kind)
        if widths is None or len(widths) != columns:
            return None
        return tuple(float(w) for w in widths)


# Page sizes in millimetres (portrait) for the names LayoutOptions.page_size takes.
_PAGE_MM: dict[str, tuple[float, float]] = {
    "a3": (297, 420),
    "a4": (210, 297),
    "a5": (148, 210),
    "a6": (105, 148),
    "letter": (215.9, 279.4),
    "legal": (215.9, 355.6),
}


def page_size_mm(page_size: str) -> tuple[float, float] | None:
    """Width and height of a CSS page size such as "A4", "A5 landscape", "210mm 297mm"."""
    words = page_size.lower().split()
    landscape = "landscape" in words
    words = [w for w in words if w not in ("landscape", "portrait")]
    size: tuple[float, float] | None = None
    if len(words) == 1 and words[0] in _PAGE_MM:
        size = _PAGE_MM[words[0]]
    elif len(words) == 2 and all(w.endswith("mm") for w in words):
        try:
            size = (float(words[0][:-2]), float(words[1][:-2]))
        except ValueError:
            return None
    if size is None:
        return None
    return (size[1], size[0]) if landscape else size
