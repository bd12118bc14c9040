"""One interface for every output format, as in flake8's ``formatting/base.py``.

A run hands a formatter its findings in three steps: ``start``, then
``handle_file`` once per file (in order, with that file's findings), then
``stop`` with the whole result. A format that can stream writes as files
arrive; the others (``streams = False``) write everything in ``stop``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar, TextIO

from checker.findings import Finding
from checker.results import Result
from checker.rule import Rule


@dataclass(frozen=True)
class FormatOptions:
    """What every format may use: the language, the rules in force, colour on a terminal."""

    lang: str = "sv"
    rules: Sequence[Rule] = field(default_factory=tuple)
    colour: bool = False


class Formatter:
    """Writes one format to ``out``; subclasses override ``render`` or the three steps."""

    name: ClassVar[str] = ""
    streams: ClassVar[bool] = False

    def __init__(self, out: TextIO, options: FormatOptions) -> None:
        self.out = out
        self.options = options

    def start(self) -> None:
        """Before the first file."""

    def handle_file(self, file: str, findings: Sequence[Finding]) -> None:
        """One file's findings, in order; streaming formats write them now."""

    def stop(self, result: Result) -> None:
        """After the last file; whole-run formats write everything here."""
        self.out.write(self.render(result))

    def render(self, result: Result) -> str:
        """The whole document for ``result`` (formats that do not stream)."""
        raise NotImplementedError

    def write(self, result: Result) -> None:
        """The three steps for a result already complete."""
        self.start()
        # Findings are sorted by file name, files are in the order given (``check b a``):
        # group by name, so that no file's findings are skipped whatever the order.
        by_file: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_file.setdefault(f.file, []).append(f)
        for file in result.files:
            self.handle_file(file, by_file.pop(file, []))
        for file, findings in by_file.items():  # no checked file: RK106 on a unit's folder
            self.handle_file(file, findings)
        self.stop(result)
