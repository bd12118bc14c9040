"""A report from any source: YAML as written, or an export imported in memory.

``check`` reads a ``.txt``/``.md``/``.pdf``/``.docx`` export through the
importer (``checker.importer``) without writing anything: the imported YAML
is read like any report, and its ``SourceMap`` makes every finding point at
the export's line (and page) as well as the YAML path and label.
"""

from __future__ import annotations

from pathlib import Path

from checker.findings import Msg
from checker.read.loader import Document, Limits, Problem, SourceMap, read_file, read_text
from checker.read.rules import unreadable

EXPORT_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


def is_export(path: str) -> bool:
    return Path(path).suffix.lower() in EXPORT_SUFFIXES


def read_source(path: str, limits: Limits | None = None, display: str | None = None) -> Document:
    """Read a report file or an export; never raises for bad content."""
    if not is_export(path):
        return read_file(path, limits or Limits(), display)
    from checker.importer import ImportFailure, import_source

    display = display or path
    try:
        result = import_source(Path(path))
    except ImportFailure as exc:
        doc = Document(display)
        doc.problems.append(
            Problem(
                unreadable.code,
                Msg(
                    f"Exporten kunde inte importeras: {exc.text('sv')}",
                    f"The export could not be imported: {exc.text('en')}",
                ),
                1,
                1,
            )
        )
        return doc
    doc = read_text(result.yaml_text, display, limits or Limits())
    doc.source = SourceMap(result.kind, result.source_map, result.source_text.splitlines())
    return doc


def source_lines(path: str) -> list[str] | None:
    """The lines a finding's line counts in: the export's text, or None for YAML."""
    if not is_export(path):
        return None
    doc = read_source(path)
    return doc.source.lines if doc.source is not None else None
