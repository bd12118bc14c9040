"""The font configuration (``fonts.toml``) and glyph coverage checks."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

# Every character the renderer itself puts into a document.
DOCUMENT_MARKS = "●◆■—✓!♀"
SWEDISH_LETTERS = "åäöÅÄÖé"


@dataclass(frozen=True)
class FontConfig:
    family: str
    fallback: tuple[str, ...]
    files: dict[str, Path]  # face (regular, bold, italic, bold_italic) -> file

    def css_stack(self, family: str | None = None) -> str:
        names = [family or self.family, *(f for f in self.fallback if f != (family or self.family))]
        return ", ".join(n if n == "sans-serif" else f'"{n}"' for n in names)

    def present_files(self) -> dict[str, Path]:
        return {face: path for face, path in self.files.items() if path.is_file()}


@cache
def font_config() -> FontConfig:
    raw = tomllib.loads(
        resources.files("checker.render").joinpath("fonts.toml").read_text(encoding="utf-8")
    )
    font = raw["font"]
    return FontConfig(
        family=str(font["family"]),
        fallback=tuple(str(f) for f in font.get("fallback", [])),
        files={str(k): Path(str(v)) for k, v in font.get("files", {}).items()},
    )


def missing_glyphs(path: Path, text: str) -> set[str]:
    """The characters of ``text`` that the font file has no glyph for."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # fonttools comes with weasyprint

    with TTFont(str(path), lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}
