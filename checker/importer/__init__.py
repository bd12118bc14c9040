"""Import a report from the city's exports into rapportkoll's YAML format.

Public API::

    import_source(path) -> ImportResult       # .txt, .md, .pdf or .docx, by suffix
    import_text(text, source_name) -> ImportResult
    ImportResult(data, yaml_text, source_map, notes)
    ImportFailure                              # bad input, with a Swedish message

The importer never corrects anything: values come through exactly as
written, and text it cannot place is kept in ``ej_placerat``. A PDF needs
``pdfplumber`` (the ``import`` extra); it is imported only when a PDF is read.
"""

from __future__ import annotations

import re
from pathlib import Path

from .base import ImportFailure, ImportResult, SourceMap, guard, import_items
from .items import marked_items

__all__ = [
    "ImportFailure",
    "ImportResult",
    "SourceMap",
    "guard",
    "import_bytes",
    "import_items",
    "import_source",
    "import_text",
    "read_export",
]

MAX_BYTES = 20 * 1024 * 1024


def import_source(path: Path) -> ImportResult:
    """Import a file, by its suffix (and its first bytes for a PDF); reads at most MAX_BYTES."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ImportFailure(
            f"Filen {path.name} kan inte läsas: {exc.strerror or exc}.",
            f"The file {path.name} cannot be read: {exc.strerror or exc}.",
        ) from None
    return import_bytes(raw, path.name)


def import_bytes(raw: bytes, name: str) -> ImportResult:
    """Import the bytes of an export named ``name`` (its suffix and first bytes say the kind).

    The reading runs in a child process under the import budget (``budget.py``):
    a document too large or too complex to read is an ``ImportFailure`` that says so.
    """
    from .budget import bounded_import

    return bounded_import(read_export, raw, name)


def read_export(raw: bytes, name: str) -> ImportResult:
    """``import_bytes`` in this process, without the budget (the work of its child)."""
    if len(raw) > MAX_BYTES:
        raise ImportFailure(
            f"Filen {name} är större än {MAX_BYTES // 1024 // 1024} MiB, för stor för en rapport.",
            f"The file {name} is larger than {MAX_BYTES // 1024 // 1024} MiB, too large for a"
            " report.",
        )
    suffix = Path(name).suffix.lower()
    if not raw.strip():
        raise ImportFailure(f"Filen {name} är tom.", f"The file {name} is empty.")
    if suffix == ".pdf" or raw.startswith(b"%PDF-"):
        from .pdf import import_pdf_bytes

        return import_pdf_bytes(raw, name)
    if suffix == ".docx":
        if not raw.strip():
            raise ImportFailure(f"Filen {name} är tom.", f"The file {name} is empty.")
        from .docx import import_docx_bytes

        return import_docx_bytes(raw, name)
    from .encoding import decode_export

    decoded = decode_export(raw, name)
    result = import_text(decoded.text, name)
    result.warnings.extend(decoded.warnings)
    return result


def detect_kind(text: str) -> str:
    """'marked' for the marked-up export, 'layout' for plain extractor text."""
    lines = text.splitlines()
    tabs = sum(1 for line in lines if "\t" in line)
    marks = sum(
        1
        for line in lines
        if re.match(r"^\s{0,3}#{1,6}\s", line)
        or "**" in line
        or "<b>" in line
        or line.startswith("|")
    )
    if tabs >= 3 or marks >= 3:
        return "marked"
    return "layout"


def import_text(text: str, source_name: str, kind: str | None = None) -> ImportResult:
    """Import a report from text: the marked-up export or plain layout text (detected)."""
    if not text.strip():
        raise ImportFailure(f"Filen {source_name} är tom.", f"The file {source_name} is empty.")
    if "\x00" in text:
        raise ImportFailure(
            f"Filen {source_name} innehåller binära data och är ingen textexport.",
            f"The file {source_name} contains binary data.",
        )
    kind = kind or detect_kind(text)
    with guard(source_name):
        if kind == "marked":
            items = marked_items(text)
        else:
            from .layout import layout_items

            items = layout_items(text)
    return import_items(items, text, source_name, kind)
