"""What the findings page shows of a checked file, kept with the file's outcome.

The page groups files by their header's unit and committee and shows the
lines around each finding. Taken while the file is checked (the document is
at hand then) and stored with the outcome in the cache, so that a night
where few reports changed does not read and parse every report again for
its page. A finding the file's own check did not make (a run rule's) may
need lines that were not kept: ``Glimpse.covers`` says so, and the page
then reads the file as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, overload

from checker.read.committee import text_of
from checker.record import Record

if TYPE_CHECKING:
    from checker.findings import Finding
    from checker.read.loader import Document

CONTEXT = 3  # lines shown before and after a finding's line
HEADER = ("enhet", "nämnd", "typ", "år")  # the header words the page reads


def window(line: int, count: int) -> range:
    """The lines an excerpt of a finding on ``line`` shows, in a file of ``count`` lines."""
    hit = min(max(line, 1), count)
    return range(max(1, hit - CONTEXT), min(count, hit + CONTEXT) + 1)


class Glimpse(Record, Sequence[str]):
    """A file's header words and the lines near its findings; a sequence of its lines.

    ``header`` holds each word of ``HEADER`` as ``text_of`` gives it (None when
    the file's ``rapport:`` is no mapping); indexing a line that was not kept
    raises ``KeyError`` (``covers`` first).
    """

    __slots__ = ("header", "length", "lines")
    _fields = ("header", "length", "lines")
    header: dict[str, str | None] | None
    length: int
    lines: dict[int, str]

    def __init__(
        self, header: dict[str, str | None] | None, length: int, lines: dict[int, str]
    ) -> None:
        self.header = header
        self.length = length
        self.lines = lines

    def __reduce__(self) -> tuple[type[Glimpse], tuple[Any, ...]]:
        # a plain tuple: a slotted object's default state is many times slower (see Msg)
        return Glimpse, (self.header, self.length, self.lines)

    def covers(self, line: int) -> bool:
        return all(n in self.lines for n in window(line, self.length))

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice) or index < 0:
            raise TypeError("a glimpse is indexed by line only")
        return self.lines[index + 1]


def glimpse_of(doc: Document, findings: Iterable[Finding]) -> Glimpse | None:
    """What the page needs of ``doc`` for ``findings``; None when it must read the file itself.

    The lines are those an excerpt counts in: an export's own text, else the report's.
    """
    lines = doc.source.lines if doc.source is not None else doc.lines
    if not lines:
        return None
    header = doc.data.get("rapport") if isinstance(doc.data, dict) else None
    words = {k: text_of(header.get(k)) for k in HEADER} if isinstance(header, dict) else None
    length = len(lines)
    kept = {n: lines[n - 1] for f in findings for n in window(f.line, length)}
    return Glimpse(words, length, kept)
