"""Source text to items: paragraphs lines, table rows and blank lines.

Two readers produce the same items, so one parser serves both kinds of text:

* ``marked_items`` reads the marked-up export (``#`` headings, ``**bold**``,
  ``<b>`` tags, tab-separated or ``|``-separated table rows);
* ``layout.layout_items`` reads plain layout text as PDF extractors write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Para:
    """One line of running text, markup removed."""

    text: str
    line: int
    page: int | None = None
    marked: bool = False  # the source marked it as a heading (#, whole-line bold or italic)
    level: int = 0  # a "#" heading's level (number of #), 0 when the source gives none


@dataclass(frozen=True)
class Row:
    """One table row, its cells as written (markup removed, whitespace trimmed)."""

    cells: tuple[str, ...]
    line: int
    page: int | None = None
    note: str | None = None  # what the reader had to guess about this row, in Swedish
    whole: bool = False  # a whole row as the reader found it, never a continuation
    group_key: str | None = None  # a complaint row's group, known from its category


@dataclass(frozen=True)
class Blank:
    line: int
    page: int | None = None


Item = Para | Row | Blank

_HTML_BREAK = re.compile(r"</?(?:p|br)\s*/?>|</b>|</i>|</strong>|</em>", re.IGNORECASE)
# Only the tags an export writes; "<Syd>" in a unit's name is text, not markup.
_HTML_TAG = re.compile(
    r"</?(?:b|i|u|s|em|strong|p|br|span|div|font|a|sup|sub|small|mark|code|ul|ol|li|h[1-6]|"
    r"table|thead|tbody|tr|td|th)(?:\s[^>]*)?\s*/?>",
    re.IGNORECASE,
)
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^)]+)\)")
_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# CommonMark's backslash escapes ("\<", "\[", "\\", a leading "\#", as the renderer writes
# them): the character is text, not markup. While the markup is removed, each stands as a
# private-use character of plane 15 (no export holds those), then becomes itself again.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_SHIELD = 0xF0000
_UNSHIELD = {_SHIELD + code: chr(code) for code in range(0x21, 0x7F)}
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_DASH_SEPARATOR = re.compile(r"^-{3,}(\t-{3,})*\t?$")


def clean(text: str) -> str:
    """Markup removed; HTML block and bold boundaries become line breaks."""
    text = text.replace("\u00a0", " ")
    if "<" in text and _HTML_TAG.search(text):
        text = _HTML_BREAK.sub("\n", text)
        text = _HTML_TAG.sub("", text)
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = _LINK.sub(r"\1", text)
    text = _EMPH.sub(r"\2", text)
    text = text.replace("**", "")
    text = _ITALIC.sub(r"\1", text)
    lines = [re.sub(r"[ \t]+", " ", part).strip() for part in text.split("\n")]
    return "\n".join(part for part in lines if part)


def _shield(line: str) -> str:
    return _ESCAPED.sub(lambda m: chr(_SHIELD + ord(m[1])), line) if "\\" in line else line


def _text(raw: str) -> str:
    """``clean`` for the marked-up export, its escaped characters as text."""
    return clean(raw).translate(_UNSHIELD)


def _is_marked(raw: str) -> bool:
    stripped = raw.strip()
    if _HEADING.match(raw):
        return True
    whole = re.fullmatch(r"(\*\*|__|\*)(.+)\1", stripped)
    return bool(whole) or bool(re.fullmatch(r"<b>.*</b>", stripped, re.IGNORECASE))


def marked_items(text: str) -> list[Item]:
    """Items of a marked-up export, one per source line (1-based)."""
    items: list[Item] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _shield(raw.rstrip("\r\n"))
        if not line.strip():
            items.append(Blank(number))
            continue
        if _PIPE_SEPARATOR.match(line.strip()) or _DASH_SEPARATOR.match(line.strip()):
            continue
        if "\t" in line:
            cells = tuple(_text(cell) for cell in line.split("\t"))
            # A line whose only tab separates trailing empties is still text.
            if any(cells[1:]) or (len(cells) > 1 and not cells[0]):
                items.append(Row(cells, number))
                continue
            line = line.split("\t")[0]
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            inner = stripped[1:-1].split("|")
            items.append(Row(tuple(_text(cell) for cell in inner), number))
            continue
        marked = _is_marked(line)
        hashes = re.match(r"^\s{0,3}(#{1,6})\s", line)
        body = _HEADING.sub("", line)
        cleaned = _text(body)
        if cleaned:
            items.append(Para(cleaned, number, None, marked, len(hashes.group(1)) if hashes else 0))
        else:
            items.append(Blank(number))
    return items
