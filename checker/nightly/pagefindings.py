"""The nightly run's findings for its findings page: outlines in memory, the rest on disk.

The same goes for the lines each report's check kept for the page's excerpts (its
glimpse): the header words and line count stay in memory, the lines go to disk.

The page needs every finding's place (file, line, column), severity, rule and name to
lay out the units, count and order; only a unit's own section shows a finding's texts.
So the run keeps a small outline of each finding (shared strings, ~0.1 KB) and writes
each file's findings, as the run hands them on, to an unlinked temporary file, read
back one file at a time when its unit's section is rendered (and not at all for a
section reused from an earlier night). A file whose findings come by reference
(``KnownFindings``) spools nothing: its outlines and digest are the ones known, its
findings are made when its section is rendered.
"""

from __future__ import annotations

import bisect
import hashlib
import pickle
import sys
import tempfile
import threading
from array import array
from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence
from typing import cast

from checker.findings import Finding, Severity
from checker.nightly import roster as roster_mod
from checker.nightly.memo import Memo
from checker.outputs.html import Listed, Outline, by_value, pickled
from checker.read.glimpse import Glimpse
from checker.results import FinalFindings, KnownFindings

_SEVERITY = {s.value: s for s in Severity}


class PageFindings(Listed):
    """A sink: each finding's outline held, the findings spooled per file (``html.Found``)."""

    _KEPT = 8  # files' findings held after reading back (a unit's files, in turn)

    def __init__(self, overdue: Sequence[tuple[Finding, str]], memo: Memo | None = None) -> None:
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.outlines: list[Outline] = []
        super().__init__(self.outlines)
        self._starts: list[int] = []  # the index of each spooled file's first finding
        self._offsets: list[int] = []
        self._read: dict[int, list[Finding]] = {}
        self._digests: dict[str, str] = {}  # file → hash of its findings (``html.Found``)
        self._lines: tuple[int, dict[int, str]] = (-1, {})  # the glimpse lines last read
        self.files: set[str] = set()  # every name with a finding
        self.overdue = overdue  # filled by the run's late step before any file is handed on
        self._unit_of: dict[Finding, str] | None = None
        self.placed: dict[int, str] = {}  # id(outline) → the unit an RK106 names
        self.memo = memo
        self._known: dict[int, Callable[[], list[Finding]]] = {}  # by record: made when read
        self._moved = False  # whether a read left the spool's position before its end
        # the page's excerpt lines are read by a thread of their own while its sections
        # render (``html.write_page``): one read of the spool at a time
        self._lock = threading.Lock()

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        if not findings:
            return
        self.files.add(file)
        self._starts.append(len(self.outlines))
        if isinstance(findings, KnownFindings):
            self._by_reference(file, findings)
            return
        if self._unit_of is None:
            self._unit_of = dict(self.overdue)
        self._offsets.append(self._append_at())
        data = pickled(findings)
        self._spool.write(data)
        digest = self._digests[file] = hashlib.sha256(data).hexdigest()
        shared = sys.intern
        for f in findings:
            outline = Outline(file, f.line, f.column, f.severity, shared(f.code), shared(f.name))
            if f.code == roster_mod.CODE and f in self._unit_of:
                self.placed[id(outline)] = self._unit_of[f]
            self.outlines.append(outline)
        if self.memo is not None and isinstance(findings, FinalFindings):
            rows = [(f.line, f.column, f.severity.value, f.code, f.name) for f in findings]
            self.memo.page(findings.key, digest, rows)

    def _by_reference(self, file: str, findings: KnownFindings) -> None:
        """The outlines and digest known of ``findings``; the findings made if read."""
        known = findings.known
        assert known.page is not None  # a memo entry with findings has its page part
        self._known[len(self._offsets)] = findings.make
        self._offsets.append(-1)
        self._digests[file] = known.page
        shared, severity, new = sys.intern, _SEVERITY, tuple.__new__
        self.outlines.extend(  # tuple's own __new__: no Python call an outline (~16 a file)
            new(Outline, (file, line, column, severity[s], shared(code), shared(name)))
            for line, column, s, code, name in known.outlines
        )
        if self.memo is not None:
            self.memo.page(known.key, known.page, list(known.outlines))

    def _append_at(self) -> int:
        """Where the next write goes: the spool's end (a seek to it flushes the write
        buffer, so it is sought only after a read moved away from it)."""
        if self._moved:
            self._moved = False
            return self._spool.seek(0, 2)
        return self._spool.tell()

    def places(self) -> array[int]:
        places = array("q")
        if not self._starts:  # a night without a finding
            return places
        ends = [*self._starts[1:], len(self.outlines)]
        for start, end in zip(self._starts, ends, strict=True):
            places += array("q", range(end - start))
        return places

    def digest(self, file: str) -> str:
        return self._digests[file]

    def full(self, index: int) -> Finding:
        """The finding itself, read back with the rest of its file's."""
        record = bisect.bisect_right(self._starts, index) - 1
        findings = self._read.get(record)
        if findings is None:
            if len(self._read) >= self._KEPT:
                self._read.clear()
            make = self._known.get(record)
            if make is not None:
                findings = self._read[record] = make()
            else:
                with self._lock:
                    self._moved = True
                    self._spool.seek(self._offsets[record])
                    # our own unlinked temporary file, written above: no one else's data
                    findings = self._read[record] = pickle.load(self._spool)
        return findings[index - self._starts[record]]

    def keep(self, glimpse: Glimpse) -> Glimpse:
        """``glimpse`` with its lines on disk: only its header and line count held."""
        offset = self._append_at()
        # by line number and by value: equal lines, equal digest (fresh or from the cache)
        kept = dict(sorted(glimpse.lines.items()))
        data = by_value(kept)
        self._spool.write(data)
        lines = _Lines(self, offset, hashlib.sha256(data).digest(), array("l", kept))
        return Glimpse(glimpse.header, glimpse.length, cast(dict[int, str], lines))

    def lines_at(self, offset: int) -> dict[int, str]:
        with self._lock:
            if self._lines[0] != offset:  # the page reads a file's lines in one go
                self._moved = True
                self._spool.seek(offset)
                # our own unlinked temporary file, written above: no one else's data
                self._lines = (offset, pickle.load(self._spool))
            return self._lines[1]

    def flush(self) -> None:
        """The spooled writes on disk (before a fork: no buffer held by two processes)."""
        self._spool.flush()

    def close(self) -> None:
        self._read.clear()
        self._lines = (-1, {})
        self._spool.close()


class _Lines(Mapping[int, str]):
    """A glimpse's kept lines (line number → text), read back when the page reads them;
    ``digest``, a hash of them (equal bytes spooled, equal lines), says whether they changed
    without reading them; ``numbers``, the kept lines' numbers in order, which ones were kept."""

    __slots__ = ("_found", "_offset", "digest", "numbers")

    def __init__(
        self, found: PageFindings, offset: int, digest: bytes, numbers: array[int]
    ) -> None:
        self._found, self._offset, self.digest, self.numbers = found, offset, digest, numbers

    def __getitem__(self, line: int) -> str:
        return self._found.lines_at(self._offset)[line]

    def __contains__(self, line: object) -> bool:
        return line in self.numbers

    def __iter__(self) -> Iterator[int]:
        return iter(self.numbers)

    def __len__(self) -> int:
        return len(self.numbers)

    def items(self) -> ItemsView[int, str]:
        # all of them in one read, not a line at a time (the page's excerpts take them so)
        return self._found.lines_at(self._offset).items()
