"""The importer's core: its result, its failure, and items to a report.

A module of its own so that the readers (``pdf``, ``docx``) and the package's
entry points (``checker.importer``) import it without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import checker.importer.emit as emit
from checker.findings import Msg

from .header import find_title, parse_header
from .items import Item
from .parser import Parser, group_unplaced
from .plain import is_plain

SourceMap = dict[str, tuple[int, int | None]]


class ImportFailure(Exception):
    """The input cannot be imported; the message says why, in Swedish."""

    def __init__(self, message: str, message_en: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message

    def text(self, lang: str = "sv") -> str:
        return self.message_en if lang == "en" else self.message


@dataclass
class ImportResult:
    """An imported report: data, its YAML, where each value came from, and problems."""

    data: dict[str, Any]
    yaml_text: str
    source_map: SourceMap
    notes: list[tuple[int, str]] = field(default_factory=list)
    kind: str = "marked"  # marked | layout | pdf | docx
    # The text the source map's lines count in (for a PDF, the text built from its words).
    source_text: str = ""
    # What the user must know about how the source was read: (line, message), e.g. the
    # lines of a text export that were not UTF-8 (``checker.importer.encoding``).
    warnings: list[tuple[int, Msg]] = field(default_factory=list)


@contextmanager
def guard(source_name: str) -> Iterator[None]:
    """A fault inside the importer becomes an ``ImportFailure``, never a traceback."""
    try:
        yield
    except ImportFailure:
        raise
    except Exception as exc:  # the importer's own fault: say so, in Swedish
        raise ImportFailure(
            f"Importen av {source_name} stoppades av ett fel i rapportkoll "
            f"({type(exc).__name__}). Filen är inte ändrad; rapportera felet och bifoga filen.",
            f"Importing {source_name} stopped on a fault in rapportkoll ({type(exc).__name__}).",
        ) from None


def import_items(items: list[Item], text: str, source_name: str, kind: str) -> ImportResult:
    """Import from items (used by the text and PDF readers)."""
    with guard(source_name):
        title = find_title(items)
        parser = Parser(
            items,
            text,
            layout=kind != "marked",
            report_type=title[0] if title else None,
            plain=kind == "layout" and is_plain(text),
        )
        parser.run()
        _check_report(parser, source_name)
        data, origin = _assemble(parser)
        ordered = emit.ordered(data)
        source_map = emit.pointers(data, origin, (1, None))
        yaml_text = emit.dump(ordered, source_name)
        notes = sorted(set(parser.notes))
        return ImportResult(ordered, yaml_text, source_map, notes, kind, text)


def _assemble(
    parser: Parser,
) -> tuple[dict[str, Any], dict[tuple[int, str | int], tuple[int, int | None]]]:
    fields, header_origin, rest = parse_header(parser.header_paras)
    title = find_title(parser.items)
    if title is not None:
        kind, year, unit = title
        fields.setdefault("typ", kind)
        if year is not None:
            fields.setdefault("år", year)
        if unit:
            fields.setdefault("enhet", unit)
    data: dict[str, Any] = {}
    origin = parser.origin
    missing = [
        label
        for key, label in (("typ", "rapporttyp"), ("år", "år"), ("enhet", "enhet"))
        if key not in fields
    ]
    if missing:
        parser.notes.append(
            (
                1,
                f"Rapporthuvudet saknar {', '.join(missing)}: ingen rubrik som "
                "»Verksamhetsberättelse 2023 för …« hittades. Fyll i rapport: för hand.",
            )
        )
    if fields:
        header: dict[str, Any] = {}
        for key, value in fields.items():
            header[key] = value
            origin[(id(header), key)] = header_origin.get(key, (1, None))
        data["rapport"] = header
        first = min((v for v in header_origin.values()), default=(1, None))
        origin[(id(data), "rapport")] = first
    for item in rest:
        parser.unplace(item.text, item.line, item.page, "rapporthuvudet")
    if parser.unplaced:
        unplaced = group_unplaced(parser.unplaced)
        parser.data["ej_placerat"] = unplaced
        for index, entry in enumerate(unplaced):
            origin[(id(unplaced), index)] = (entry["rad"], entry.get("sida"))
            for key in entry:
                origin[(id(entry), key)] = (entry["rad"], entry.get("sida"))
        origin[(id(parser.data), "ej_placerat")] = (unplaced[0]["rad"], unplaced[0].get("sida"))
    for key, value in parser.data.items():
        data[key] = value
        if (id(parser.data), key) in origin:
            origin[(id(data), key)] = origin[(id(parser.data), key)]
    return data, origin


# Sections a complete export ends with; the first of them missing means it was cut.
_CLOSING = (
    ("economy", "Uppföljning av ekonomi / Redovisning av ekonomi"),
    ("quality", "Systematiskt kvalitetsarbete"),
    ("other", "Övrigt"),
)


def _check_report(parser: Parser, source_name: str) -> None:
    seen = set(parser.seen_sections)
    has_goals = "inriktningsmål" in parser.data
    known = seen & {"summary", "introduction", "goals", "economy", "quality", "complaints", "other"}
    if not has_goals and len(known) < 2:
        raise ImportFailure(
            f"{source_name} ser inte ut som en verksamhetsplan, tertialrapport eller "
            "verksamhetsberättelse: varken KF:s inriktningsmål eller rapportens avsnitt "
            "(Sammanfattande analys, Uppföljning av ekonomi …) finns i texten.",
            f"{source_name} does not look like a plan or report: neither the KF goals nor "
            "the report's sections were found.",
        )
    plan = parser.report_type == "VP"
    expected = [label for key, label in _CLOSING if not (plan and key == "quality")]
    missing = [
        label
        for key, label in _CLOSING
        if label in expected
        and key not in seen
        and not (key == "other" and "övrigt" in parser.data)
    ]
    # the contents list names a closing section that the text does not have
    toc_said = [
        e
        for e in parser.toc_entries
        for label in missing
        if any(e.startswith(name) for name in label.split(" / "))
    ]
    if has_goals and missing and (toc_said or "economy" not in seen):
        raise ImportFailure(
            f"Exporten {source_name} verkar avkortad: {', '.join(missing)} saknas "
            f"(texten slutar på rad {parser.last_line}). Exportera rapporten på nytt.",
            f"The export {source_name} seems truncated: {', '.join(missing)} missing "
            f"(the text ends at line {parser.last_line}).",
        )
    if not has_goals and "goals" in seen:
        raise ImportFailure(
            f"Exporten {source_name} verkar avkortad: rubriken för KF:s inriktningsmål finns "
            "men inga mål under den.",
            f"The export {source_name} seems truncated: no goals under the goals heading.",
        )
