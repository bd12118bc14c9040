"""One interface for every output format, as in flake8's ``formatting/base.py``.

A run hands a formatter its findings in three steps: ``start``, then
``handle_file`` once per file name (files in sorted order, each file's
findings sorted), then ``stop`` with the run's totals. The run keeps no
list of all findings: a format that streams (``streams = True``) writes each
file as it arrives, or spools it to a temporary file when its head (counts,
rule lists) can only be written at the end; the others are handed the
findings kept for them and write everything in ``stop``.

``write`` renders a run that is already complete (the desk, the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, TextIO

from checker.findings import Finding
from checker.results import Result, Totals
from checker.rule import Rule


class FormatOptions:
    """What every format may use: the language, the rules in force, colour on a terminal.

    Not changed once made. A plain class: a dataclass costs every run ≈ 0.5 ms to create."""

    __slots__ = ("colour", "lang", "rules")

    def __init__(self, lang: str = "sv", rules: Sequence[Rule] = (), colour: bool = False) -> None:
        self.lang = lang
        self.rules = rules
        self.colour = colour


class Formatter:
    """Writes one format to ``out``; subclasses override ``render`` or the three steps."""

    name: ClassVar[str] = ""
    streams: ClassVar[bool] = False

    def __init__(self, out: TextIO, options: FormatOptions) -> None:
        self.out = out
        self.options = options
        self._held: list[Finding] = []  # only for formats that do not stream

    def start(self) -> None:
        """Before the first file."""

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        """One file's findings, sorted; files come in sorted order, each name once.

        ``listed`` is False for a name that is not a checked file (e.g. a
        plugin that failed to load reports under ``rapportkoll``).
        """
        self._held.extend(findings)

    def block_key(self) -> tuple[Any, ...] | None:
        """What ``block``'s text depends on besides the file and its findings, or None for a
        format that writes no file's text alone (``checker.run.pipeline.Preparation``)."""
        return None

    def block(self, file: str, findings: Sequence[Finding]) -> str:
        """The text this format writes of one checked file with findings (see ``block_key``)."""
        raise NotImplementedError

    def stop(self, totals: Totals) -> None:
        """After the last file; whole-run formats write everything here."""
        held, self._held = self._held, []
        self.out.write(self.render(totals.result(held)))

    def render(self, result: Result) -> str:
        """The whole document for ``result``."""
        raise NotImplementedError

    def write(self, result: Result) -> None:
        """A run already complete, written whole."""
        self.out.write(self.render(result))


def finding_notes(f: Finding, lang: str) -> list[tuple[str, str]]:
    """The finding's place label and its suggestion, where it has them, each after its
    lower-case word ("var", "förslag"; "where", "suggestion" in English)."""
    sv = lang != "en"
    notes: list[tuple[str, str]] = []
    where = f.label.get(lang)
    if where:
        notes.append(("var" if sv else "where", where))
    if f.suggestion is not None:
        notes.append(("förslag" if sv else "suggestion", f.suggestion.get(lang)))
    return notes


class TextSpool:
    """Text written now and copied out at the end: a temporary file, not memory."""

    def __init__(self) -> None:
        import tempfile  # here: only the formats that hold their text import it

        # surrogatepass: any string goes in and comes back unchanged; ``out`` decides
        self.file = tempfile.TemporaryFile(  # noqa: SIM115 - open until copied out
            "w+", encoding="utf-8", errors="surrogatepass"
        )

    def write(self, text: str) -> None:
        self.file.write(text)

    def copy_to(self, out: TextIO) -> None:
        self.file.seek(0)
        while chunk := self.file.read(1 << 16):
            out.write(chunk)
        self.file.close()


# Stands for the spooled array in a document rendered at the end (JSON escapes NUL).
SPOOLED = "\x00rapportkoll-spooled\x00"


class ArraySpool(TextSpool):
    """One array of a JSON document (``indent=2``), its items spooled as they come.

    The document around it (counts, rule lists) is rendered in ``write_document``
    with the one-item list ``[SPOOLED]`` where the array goes; the result is the
    same text ``json.dumps(document, ensure_ascii=False, indent=2)`` gives.
    """

    def __init__(self, indent: int) -> None:
        import json  # here, as the formats that write JSON: not on a plain text check

        super().__init__()
        self.indent = " " * indent  # where the array's items start
        self.count = 0
        self._dumps = json.dumps

    def add(self, item: Any) -> None:
        text = self._dumps(item, ensure_ascii=False, indent=2)
        if self.count:
            self.write(",\n" + self.indent)
        self.write(text.replace("\n", "\n" + self.indent))  # JSON strings hold no newline
        self.count += 1

    def write_document(
        self, out: TextIO, document: dict[str, Any], lazy: Sequence[LazyArray] = ()
    ) -> None:
        """Write ``document`` with this spool's items, and each of ``lazy``'s, at their markers."""
        dumps = self._dumps
        text = dumps(document, ensure_ascii=False, indent=2) + "\n"
        parts: list[tuple[str, Callable[[TextIO], None] | None]] = []
        for array in lazy:  # e.g. the run's file names: from their spool, never one list
            parts.append((array.marker, array.writer()))
        parts.append((SPOOLED, self.copy_to if self.count else None))
        parts.sort(key=lambda part: text.index(dumps(part[0])))
        for marker, write in parts:
            head, text = text.split(dumps(marker), 1)
            if write is None:  # no items: "[]", as json.dumps writes an empty list
                out.write(head[: head.rindex("[") + 1])
                text = "]" + text[text.index("]") + 1 :]
                continue
            out.write(head)
            write(out)
        out.write(text)
        if not self.count:
            self.file.close()


# Stands for the run's file names in a document rendered at the end (see ``LazyArray``).
FILE_NAMES = "\x00rapportkoll-file-names\x00"


class LazyArray:
    """An array of a JSON document whose items are made and written one at a time.

    The document holds ``[marker]`` where the array goes; ``ArraySpool.write_document``
    writes each item as ``json.dumps(..., indent=2)`` would inside the document.
    """

    def __init__(self, marker: str, indent: int, items: Iterable[Any]) -> None:
        import json

        self.marker, self.indent, self.items = marker, " " * indent, items
        self._dumps = json.dumps

    def writer(self) -> Callable[[TextIO], None] | None:
        """What writes the items, or None when there are none."""
        items = iter(self.items)
        first = next(items, _NONE)
        if first is _NONE:
            return None

        def write(out: TextIO) -> None:
            out.write(self._text(first))
            for item in items:
                out.write(",\n" + self.indent + self._text(item))

        return write

    def _text(self, item: Any) -> str:
        # JSON strings hold no newline: every line break is the layout's
        return self._dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + self.indent)


_NONE = object()
