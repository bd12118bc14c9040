"""A report from any source: YAML as written, or an export imported in memory.

``check`` reads a ``.txt``/``.md``/``.pdf``/``.docx`` export through the
importer (``checker.importer``) without writing anything: the imported YAML
is read like any report, and its ``SourceMap`` makes every finding point at
the export's line (and page) as well as the YAML path and label.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.findings import Msg, Severity
from checker.read.loader import (
    Document,
    Limits,
    Problem,
    SourceMap,
    read_bytes,
    read_report_bytes,
    read_text,
)
from checker.read.rules import unreadable
from checker.read.safeio import SIZE_LIMITS

EXPORT_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


def is_export(path: str) -> bool:
    # not pathlib: it interns every part of every name, which a long run keeps
    return os.path.splitext(path)[1].lower() in EXPORT_SUFFIXES


def limits_for(path: str, limits: Limits) -> Limits:
    """The size limit of the kind of input ``path`` is: an export may be larger than YAML."""
    if not is_export(path):
        return limits
    return limits.replace(max_bytes=SIZE_LIMITS["export"])


def read_source(path: str, limits: Limits | None = None, display: str | None = None) -> Document:
    """Read a report file or an export; never raises for bad content, never blocks."""
    limits = limits or Limits()
    raw = read_report_bytes(path, limits_for(path, limits))
    if isinstance(raw, Problem):
        doc = Document(display or path)
        doc.problems.append(raw)
        return doc
    return document_from_bytes(raw, display or path, limits)


def document_from_bytes(raw: bytes, display: str, limits: Limits | None = None) -> Document:
    """The document in ``raw``: YAML read as it is, an export (by its name) imported."""
    limits = limits or Limits()
    if not is_export(display):
        return read_bytes(raw, display, limits)
    from checker.importer import ImportFailure, import_bytes

    try:
        result = import_bytes(raw, Path(display).name)
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
    doc = read_text(result.yaml_text, display, limits)
    doc.source = SourceMap(result.kind, result.source_map, result.source_text.splitlines())
    for line, warning in result.warnings:  # how the export was read (lines not UTF-8)
        doc.problems.append(Problem(unreadable.code, warning, line, 1, Severity.WARNING))
    return doc
