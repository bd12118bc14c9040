"""Markdown in the marked-up export style of ``shared/seeds/*.txt``.

The importer reads this style, so the conventions are fixed here (and in
``checker/render/FORMAT.md``):

- headings ``## **Uppföljning av ekonomi**``; sub-headings of free text
  without bold (``### Kompetensutveckling``), deeper nesting one ``#`` more;
- ``Nämndmål: <titel>`` on its own line, ``**Enhetsmål:** *<nummer> <titel>*``
  and ``**Avdelningsmål:** *<nummer> <titel>*``;
- a status on the line after its goal: ``● Uppfylls helt``, ``◆ Uppfylls delvis``,
  ``■ Uppfylls inte``, ``— Ingen``; any other text as written, without icon;
- tables tab-separated, the header row first; an activity table's first
  column holds ✓ or !; an indicator's name carries ♀ before it; an analysis
  is a row of its own, ``**Analys** <text>``; in the income statement the
  group rows are ``*Intäkter*`` and the sums ``*Summa intäkter*`` with bold
  amounts; a line break inside a cell is ``<br>``;
- a value the source lost: ``[okänd: <skäl>]``;
- free text as written; a line of text that starts with ``#`` gets a ``\\``;
- what a Markdown reader would take as markup rather than text is escaped with a
  backslash (CommonMark): ``<`` (raw HTML such as ``<svg onload=…>``, autolinks),
  ``[`` and ``]`` (links and images such as ``[x](javascript:…)``) and ``\\``
  itself. Only the renderer's own brackets (``[okänd: …]``, ``[sida 3, rad 12]``)
  stay as they are, around escaped text. The importer reads the escapes back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from checker.render.document import (
    Cell,
    Document,
    Header,
    Heading,
    Paragraph,
    Row,
    Run,
    Table,
    Text,
)

# A report's text as Markdown text: each character that would start markup, escaped.
_MARKUP = re.compile(r"[\\<\[\]]")
# The renderer's own brackets around a value ("[okänd: …]", "[sida 3, rad 12] ").
_BRACKETED = re.compile(r"\[(.*)\](\s*)", re.DOTALL)


def _escape(text: str) -> str:
    return _MARKUP.sub(r"\\\g<0>", text)


def _escape_runs(runs: Iterable[Run], placed: bool = False) -> list[Run]:
    """Runs as Markdown text; an unknown value's brackets, and with ``placed`` the first
    run's (an unplaced text's place), are the renderer's and stay."""
    out = []
    for index, run in enumerate(runs):
        mine = run.unknown or (placed and index == 0 and run.italic)
        own = _BRACKETED.fullmatch(run.text) if mine else None
        text = f"[{_escape(own[1])}]{own[2]}" if own else _escape(run.text)
        out.append(replace(run, text=text))
    return out


def _coalesce(runs: Iterable[Run]) -> list[Run]:
    """Adjacent runs of the same style as one, so that one emphasis mark covers both."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


def _inline(runs: Iterable[Run], placed: bool = False) -> str:
    out = []
    for run in _coalesce(_escape_runs(runs, placed)):
        text = run.text
        if not text:
            continue
        stripped = text.strip()
        if (run.bold or run.italic) and stripped:
            lead = text[: len(text) - len(text.lstrip())]
            tail = text[len(text.rstrip()) :]
            mark = "**" if run.bold else "*"
            if run.bold and run.italic:
                mark = "***"
            text = f"{lead}{mark}{stripped}{mark}{tail}"
        out.append(text)
    return "".join(out)


def _cell(cell: Cell) -> str:
    return _cell_text(_inline(cell.runs))


def _cell_text(text: str) -> str:
    """A cell's text on one line: a tab would split the column, a newline the row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").rstrip("\n")
    return text.replace("\n", "<br>")


def _row(row: Row) -> str:
    parts: list[str] = []
    for cell in row.cells:
        parts.append(_cell(cell))
        parts.extend("" for _ in range(cell.span - 1))
    return "\t".join(parts)


def _text(text: str) -> str:
    lines = _escape(text).replace("\r\n", "\n").rstrip("\n").split("\n")
    return "\n".join("\\" + line if line.startswith("#") else line for line in lines)


def _line(text: str) -> str:
    """A value that stands on one line of the export (a heading, a status, a header field)."""
    return " ".join(text.split("\n")).replace("\r", " ")


def _plain(text: str) -> str:
    """A report's value on one line, as Markdown text."""
    return _line(_escape(text))


def _header(h: Header) -> list[str]:
    h = replace(
        h,
        unit=_plain(h.unit),
        committee=_plain(h.committee),
        addressee=_plain(h.addressee),
        case_number=_plain(h.case_number),
        date=_plain(h.date),
        author=_plain(h.author),
        phone=_plain(h.phone),
    )
    parts: list[str] = []
    if h.kind == "tjänsteutlåtande":
        parts.append("**Stockholms  \nstad**")
        if h.unit:
            parts.append(f"**{h.unit}**")
        parts.append(f"Tjänsteutlåtande  \nDnr: {h.case_number}")
        if h.date:
            parts.append(h.date)
        parts.append(f"**Handläggare**  \n{h.author}  \nTelefon: {h.phone}".rstrip())
        parts.append(f"**Till**  \n{h.to}".rstrip())
    else:
        if h.date:
            parts.append(h.date)
        parts.append(f"Handläggare  \n{h.author}  \nTelefon: {h.phone}".rstrip())
        parts.append(f"Till  \n{h.to}".rstrip())
    return parts


def _heading(h: Heading) -> str:
    h = replace(h, text=_plain(h.text))
    if h.style == "label":
        return f"{h.prefix} {h.text}".strip()
    if h.style == "goal":
        return f"**{h.prefix}** *{h.text}*" if h.text else f"**{h.prefix}**"
    text = f"**{h.text}**" if h.bold and h.text else h.text
    return f"{'#' * min(h.md_level or h.level, 6)} {text}".rstrip()


def to_markdown(doc: Document) -> str:
    parts: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Header):
            parts.extend(_header(block))
        elif isinstance(block, Heading):
            parts.append(_heading(block))
        elif isinstance(block, Paragraph) and block.role == "unplaced":
            # an unplaced text keeps its lines: "*[rad 42]* Bilagor<br>Bilaga 1: …"
            text = _inline(block.runs, placed=True).replace("\r\n", "\n").rstrip("\n")
            parts.append(text.replace("\n", "<br>"))
        elif isinstance(block, Paragraph):
            parts.append(_line(_inline(block.runs)))
        elif isinstance(block, Text):
            parts.append(_text(block.text))
        elif isinstance(block, Table):
            columns = (_cell_text(_escape(c)) for c in block.columns)
            lines = ["\t".join(columns), *(_row(r) for r in block.rows)]
            parts.append("\n".join(lines))
    return "\n\n".join(p for p in parts if p != "") + "\n"


def render_markdown(doc: Document) -> bytes:
    return to_markdown(doc).encode("utf-8")
