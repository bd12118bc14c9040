"""Reading a report for rendering: through ``check``'s reader, every scalar kept as written.

The renderer reads with the same reader as ``check`` (``checker.read.loader``),
so whatever ``check`` reads, ``render`` reads the same way: the same limits on
size, depth and aliases, no tags constructed, no merge keys, ``=`` as text.
Floats stay the text of the file (``9.50``, not 9.5) and dates are text, as
the reader keeps them; integers and booleans keep their type (``true`` is the
♀ marker).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.findings import Severity
from checker.read.loader import Document, read_bytes
from checker.read.safeio import os_error, read_limited
from checker.rule import DocPath


class RenderError(ValueError):
    """A report that cannot be written in a format; ``message`` is Swedish and says what to do.

    ``path`` is the value at fault, for the caller to name its line.
    """

    def __init__(self, message: str, path: DocPath | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class UnreadableReport(RenderError):
    """The file is not a report the reader can read; the message names the file and line."""


def read_report(raw: bytes, name: str) -> Document:
    """The report in ``raw`` as ``check`` reads it, floats as written.

    Raises ``UnreadableReport`` where ``check`` reports the file unreadable (an RK105 error).
    An empty file is an empty report.
    """
    doc = read_bytes(raw, name, as_written=True)
    # RK105 as a warning or note (a BOM, CRLF line ends) is read all the same, as by check
    problem = next(
        (p for p in doc.problems if p.code == "RK105" and p.severity in (None, Severity.ERROR)),
        None,
    )
    if problem is not None:
        raise UnreadableReport(
            f"{name}:{problem.line}: kan inte läsas som rapport: {problem.message.sv}"
        )
    if doc.data is None and not doc.problems:
        doc.data = {}
    if not doc.readable:
        line = doc.position(())[0]
        raise UnreadableReport(
            f"{name}:{line}: kan inte läsas som rapport: filen är ingen rapport (en rapport"
            " är en mappning med nycklar som rapport:, inriktningsmål: …)"
        )
    return doc


def load_report(path: str | Path) -> dict[str, Any]:
    """The report at ``path`` as a mapping (an empty one for an empty file).

    Reads at most the reader's size limit; raises ``UnreadableReport`` for a file
    that cannot be read or is no report.
    """
    try:
        raw = read_limited(str(path), "report")
    except OSError as exc:
        raise UnreadableReport(f"{path}: kan inte läsas: {os_error(exc).sv}") from None
    data: dict[str, Any] = read_report(raw, str(path)).data
    return data


def load_report_text(text: str, name: str = "rapporten") -> dict[str, Any]:
    """A report's YAML text as a mapping, read as ``check`` reads it (``read_report``)."""
    data: dict[str, Any] = read_report(text.encode("utf-8", "surrogateescape"), name).data
    return data
