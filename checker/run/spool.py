"""A streamed run's stores on disk: each file's outcome and what run rules read of it.

The cross-report rules (RK403) see every report, so no file's findings are
final before the last file is checked. Until then a run keeps each file's
findings, and the extracts the run rules read, in unlinked temporary files,
not in memory (``checker.run.pipeline``).
"""

from __future__ import annotations

import io
import marshal
import os
import pickle
import zlib
from array import array
from collections.abc import (
    Callable,
    Collection,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    Sequence,
)
from functools import partial
from typing import IO, Any, overload

from checker.findings import Finding
from checker.results import UNVERIFIED, FileOutcome, Known, Prepared, RunReport, Suppression
from checker.run.files import Candidate


class _SpooledFile:
    """Bytes in memory until ``MAX``, then an unlinked temporary file with the same content.

    As ``tempfile.SpooledTemporaryFile``, without importing ``tempfile`` (with ``random``
    and ``shutil``, ≈ 4 ms) for a run that stays small: a one-file check writes no file.
    """

    MAX = 256 * 1024

    def __init__(self) -> None:
        self._memory: io.BytesIO | None = io.BytesIO()
        self._file: IO[bytes] = self._memory
        # at the end since a seek there and writes only: the stores append record after
        # record, and a seek on a file flushes its write buffer each time
        self._at_end = True

    def write(self, data: bytes) -> int:
        if self._memory is not None and self._memory.tell() + len(data) > self.MAX:
            import tempfile

            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
            self._file.write(self._memory.getvalue())
            self._file.seek(self._memory.tell())
            self._memory = None
        return self._file.write(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if whence == os.SEEK_END and offset == 0:
            if self._at_end:
                return self._file.tell()
            self._at_end = True
        else:
            self._at_end = False
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def read(self, size: int = -1) -> bytes:
        self._at_end = False
        return self._file.read(size)

    def readline(self, size: int = -1) -> bytes:
        self._at_end = False
        return self._file.readline(size)

    def reader(self, offset: int) -> IO[bytes]:
        """The file itself, at ``offset``, for ``pickle.load``: read without a Python call
        per read (the spools read back a record or two a report)."""
        self.seek(offset)
        return self._file

    def close(self) -> None:
        self._file.close()


# What a worker works out of a file's findings for the run's one format (``Prepared``):
# (file, findings, suppressions) → (their number, tally, text_key, text).
Prepare = Callable[[str, list[Finding], list[Suppression]], tuple[int, tuple[int, ...], Any, str]]


def _record(outcome: FileOutcome, prepare: Prepare | None = None) -> bytes:
    """The spool's record of an outcome: its name, then its findings and suppressions
    pickled (Finding and Msg pickle as plain tuples), its cache key and what ``prepare``
    made of them (None without it); or one pickle of its name and key when a nightly run
    knows its final findings by it (``Known``: the run's ``Spool.known``). The name apart,
    so that ``Spool.names`` reads no finding; the findings apart, so that a prepared
    file's are never unpickled unless something reads them."""
    if outcome.known is not None:
        return pickle.dumps((outcome.file, outcome.known.key), pickle.HIGHEST_PROTOCOL)
    name = pickle.dumps(outcome.file, pickle.HIGHEST_PROTOCOL)
    findings, suppressions = outcome.findings, outcome.suppressions
    raw = pickle.dumps((findings, suppressions), pickle.HIGHEST_PROTOCOL)
    made = None if prepare is None else prepare(outcome.file, findings, suppressions)
    return name + pickle.dumps((raw, outcome.key, made), pickle.HIGHEST_PROTOCOL)


def _extract(run: RunReport) -> bytes:
    """``_Extracts``' record of a report: what the run rules read of it."""
    record = (dict(run.extracts), dict(run.places), run.file, run.type, run.year, run.unit)
    return pickle.dumps(record, pickle.HIGHEST_PROTOCOL)


class Extracted(FileOutcome):
    """An outcome whose report comes as ``_Extracts``' record (``extract``, None without a
    report), with its header (type, year, unit) and what the rules could not check plain:
    the run stores the record as it is (a worker's ``PackedOutcome``, a nightly run's
    served report)."""

    extract: bytes | None
    header: tuple[str | None, int | None, str | None] | None
    named: str  # the report's file as its record names it
    unverified: dict[str, int]


def served_record(report: bytes, file: str) -> bytes:
    """``_Extracts``' record of a report kept as marshal's bytes of its (type, year, unit,
    what the rules could not check, and its extracts and places compressed: ``kept_parts``)
    (a nightly run's memo, checked but the last): the bytes as they are, the extracts
    unpacked and checked when a run rule reads the report, its places when a run rule's
    finding is located (``kept_places``)."""
    return pickle.dumps((report, file), pickle.HIGHEST_PROTOCOL)


def packed_parts(extracts: bytes, places: bytes) -> bytes:
    """A kept report's extracts and places (marshal's bytes each), compressed together as
    ``kept_parts`` reads them."""
    return zlib.compress(marshal.dumps((extracts, places)), 1)


def kept_parts(packed: bytes) -> tuple[bytes, bytes]:
    """The extracts' and places' marshal bytes compressed in ``packed`` (``served_record``'s);
    an error that says to run again when they are not so."""
    try:  # under the memo's HMAC, as it was read
        parts = marshal.loads(zlib.decompress(packed))
    except (ValueError, TypeError, EOFError, zlib.error):
        parts = None
    if type(parts) is not tuple or len(parts) != 2 or not {bytes}.issuperset(map(type, parts)):
        raise RuntimeError("minnets utdrag för filen har fel form; kör om")
    return parts


def kept_extracts(raw: bytes) -> dict[str, Any]:
    """The extracts in ``raw`` (``served_record``'s); an error that says to run again when
    they are no mapping by text."""
    try:  # under the memo's HMAC, as it was read
        extracts = marshal.loads(raw)
    except (ValueError, TypeError, EOFError):
        extracts = None
    if type(extracts) is not dict or not {str}.issuperset(map(type, extracts)):
        raise RuntimeError("minnets utdrag för filen har fel form; kör om")
    return extracts


def kept_places(raw: bytes) -> dict[str, tuple[int, int, str, str]]:
    """The places in ``raw`` (``served_record``'s), every value of its type (checked a
    column of them at a time); an error that says to run again when they are not."""
    try:  # under the memo's HMAC, as it was read
        places = marshal.loads(raw)
    except (ValueError, TypeError, EOFError):
        places = None
    if type(places) is not dict or not typed_rows(list(places.values()), _PLACE):
        raise RuntimeError("minnets platser för filen har fel form; kör om")
    return places


_PLACE = (int, int, str, str)  # a place's line, column, Swedish and English label


def typed_rows(rows: Sequence[Any], kinds: tuple[type, ...]) -> bool:
    """Whether each of ``rows`` is a tuple of exactly ``kinds``' types, one by one: checked
    a column of all rows at a time (a night reads hundreds of thousands of such rows)."""
    if not {tuple}.issuperset(map(type, rows)) or not {len(kinds)}.issuperset(map(len, rows)):
        return False
    columns = zip(*rows, strict=True) if rows else ((),) * len(kinds)
    return all({kind}.issuperset(map(type, c)) for kind, c in zip(kinds, columns, strict=True))


class PackedOutcome(Extracted):
    """A worker's outcome with its findings and its report already in the spools' records.

    The worker pickles them once, as the spools store them; the parent writes those
    bytes to its spools as they are (``Spool.add``, ``_Reports.add_record``) instead of
    unpickling every finding only to pickle it again. The report's header (type, year,
    unit) and what the rules could not check travel plain. Whoever reads ``findings``,
    ``suppressions`` or ``run`` gets them unpickled, and from then on the bytes are
    dropped: what a reader may have changed is pickled again when spooled.
    """

    def __init__(self, outcome: FileOutcome, prepare: Prepare | None = None) -> None:
        self.file = outcome.file
        self.cached = outcome.cached
        self.cache_error = outcome.cache_error
        self.glimpse = outcome.glimpse
        self.index = outcome.index
        self.key = outcome.key
        self.record: bytes | None = _record(outcome, prepare)
        self.known = None  # in the record, by its key: the parent knows it by that
        self._unpacked: tuple[list[Finding], list[Suppression]] | None = None
        run = outcome.run
        self.extract = None if run is None else _extract(run)
        self.header = None if run is None else (run.type, run.year, run.unit)
        self.named = outcome.file if run is None else run.file
        found = None if run is None else run.extracts.get(UNVERIFIED)
        self.unverified: dict[str, int] = dict(found) if isinstance(found, dict) else {}
        self._run: RunReport | None = None
        self.kept: object = None  # what a nightly run keeps of it (``SafeCache.keeps``)

    def _unpack(self) -> tuple[list[Finding], list[Suppression]]:
        if self._unpacked is None:
            assert self.record is not None
            record = io.BytesIO(self.record)
            # the name, or the name and key; from our own worker, as what follows
            if type(pickle.load(record)) is tuple:
                findings, suppressions = [], []
            else:
                findings, suppressions = pickle.loads(pickle.load(record)[0])
            self._unpacked, self.record = (findings, suppressions), None
        return self._unpacked

    @property
    def findings(self) -> list[Finding]:
        return self._unpack()[0]

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self._unpacked = (value, self._unpack()[1])

    @property
    def suppressions(self) -> list[Suppression]:
        return self._unpack()[1]

    @suppressions.setter
    def suppressions(self, value: list[Suppression]) -> None:
        self._unpacked = (self._unpack()[0], value)

    @property
    def run(self) -> RunReport | None:
        if self.extract is not None:
            extracts, places, file, kind, year, unit = pickle.loads(self.extract)
            self._run, self.extract = RunReport(file, kind, year, unit, extracts, places), None
        return self._run

    @run.setter
    def run(self, value: RunReport | None) -> None:
        self._run, self.extract = value, None


class Spool:
    """Each file's findings and suppressions, on disk until the run rules have run.

    The cross-report rules (RK403) can add a finding to any file, and a
    file's suppressions apply to those too, so no file is final before the
    last one is checked. Until then a file's outcome waits here, not in memory;
    the run keeps only the small extracts the run rules read.
    """

    def __init__(
        self, known: Mapping[str, Known] | None = None, prepare: Prepare | None = None
    ) -> None:
        self.file = _SpooledFile()
        self.count = 0
        self.offsets = array("q")  # where each file's record starts: 8 bytes a file
        self.known: Mapping[str, Known] = {} if known is None else known  # by key
        self.prepare = prepare  # for outcomes not packed by a worker (its own, or lost)

    def add(self, outcome: FileOutcome) -> None:
        packed = outcome.record if isinstance(outcome, PackedOutcome) else None
        self.offsets.append(self.file.seek(0, os.SEEK_END))
        self.file.write(packed if packed is not None else _record(outcome, self.prepare))
        self.count += 1

    def records(
        self,
    ) -> Iterator[tuple[str, list[Finding] | Known | Prepared, list[Suppression], str | None]]:
        """Each file's name, findings (or what is ``Known`` of them, or what was
        ``Prepared`` of them, with their suppressions), suppressions and key."""
        spooled = self.file.reader(0)  # read from here on, each record after the last
        for _ in range(self.count):
            # our own unlinked temporary file, written above: no one else's data
            file = pickle.load(spooled)
            if type(file) is tuple:  # a known outcome's name and key
                yield file[0], self.known[file[1]], [], file[1]
                continue
            raw, key, made = pickle.load(spooled)
            if made is not None:
                yield file, Prepared(raw, *made), [], key
            else:
                yield file, *pickle.loads(raw), key

    def names(self) -> Iterator[str]:
        """The files' names, in the order they were added."""
        for offset in self.offsets:
            first = pickle.load(self.file.reader(offset))  # our own temporary file
            yield first[0] if type(first) is tuple else first

    def close(self) -> None:
        self.file.close()


class _Candidates(Collection[Candidate]):
    """A run's files, on disk in the order they are checked (10,000 of them cost 4 MiB held)."""

    CHUNK = 512

    def __init__(self, items: Iterable[Candidate]) -> None:
        self.file = _SpooledFile()
        self.count = 0
        chunk: list[Candidate] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == self.CHUNK:
                self._dump(chunk)
                chunk = []
        if chunk:
            self._dump(chunk)

    def _dump(self, chunk: list[Candidate]) -> None:
        pickle.dump([tuple(c) for c in chunk], self.file, pickle.HIGHEST_PROTOCOL)
        self.count += len(chunk)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Candidate]:
        place, left = 0, self.count
        while left > 0:
            self.file.seek(place)  # each iteration keeps its own place
            # our own unlinked temporary file, written above: no one else's data
            chunk = pickle.load(self.file)
            place = self.file.tell()
            left -= len(chunk)
            yield from (Candidate(*c) for c in chunk)

    def __contains__(self, item: object) -> bool:
        return any(c == item for c in self)

    def close(self) -> None:
        self.file.close()


class _Extracts:
    """What run rules read of each report (extracts, places, header), on disk until read.

    One record per report; reading one keeps only it and the few read last (the run
    rules read a report's extracts a few at a time, RK403 those of a unit's reports of
    a year in turn, and the places only to locate a finding).
    """

    HELD = 8  # records read last, held

    def __init__(self) -> None:
        self.file = _SpooledFile()
        self.held: dict[int, Any] = {}  # by offset, the oldest first

    def add(self, run: RunReport) -> int:
        return self.add_record(_extract(run))

    def add_record(self, record: bytes) -> int:
        """A report's record as ``_extract`` pickled it (in this process or a worker)."""
        offset = self.file.seek(0, os.SEEK_END)
        self.file.write(record)
        return offset

    def load(self, offset: int) -> Any:
        record = self.held.get(offset)
        if record is None:
            record = pickle.load(self.file.reader(offset))  # our own temporary file
            if len(record) == 2:  # ``served_record``'s
                kind, year, unit, _, packed = marshal.loads(record[0])
                extracts, places = kept_parts(packed)
                record = (kept_extracts(extracts), _KeptPlaces(places), record[1], kind, year, unit)
            if len(self.held) >= self.HELD:
                del self.held[next(iter(self.held))]
            self.held[offset] = record
        return record

    def close(self) -> None:
        self.file.close()


# A report's header as the run rules read it: its file, type, year and unit.
Head = tuple[str, str | None, int | None, str | None]


class _Heads:
    """The reports' headers, each as marshal's bytes in one buffer: some 90 bytes a report
    where a tuple of its strings would hold some 400 (the names are held nowhere else in a
    ``check``), read back as they are asked for."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.starts = array("q")

    def add(self, head: Head) -> None:
        self.starts.append(len(self.data))
        self.data += marshal.dumps(head)

    def __getitem__(self, index: int) -> Head:
        # what follows the header in the buffer is not read (``marshal.loads``)
        head: Head = marshal.loads(memoryview(self.data)[self.starts[index] :])  # our own
        return head


class _Reports(Sequence[RunReport]):
    """The run's reports for the run rules, their extracts and places on disk: each is read
    back as it is reached.

    A sequence (the run rules' and plugins' interface) holding only each report's header
    (``_Heads``): iterating and indexing make a ``_SpooledReport`` per report, whose
    extracts and places are read from ``_Extracts`` when a rule asks. A rule that groups
    the reports by their header (RK403) reads none of a report alone in its group.
    """

    def __init__(self, store: _Extracts) -> None:
        self.store = store
        self.offsets = array("q")  # 8 bytes a report
        self.heads = _Heads()

    def add(self, run: RunReport) -> None:
        self.offsets.append(self.store.add(run))
        self.heads.add((run.file, run.type, run.year, run.unit))

    def add_record(self, record: bytes, head: Head) -> None:
        self.offsets.append(self.store.add_record(record))
        self.heads.add(head)

    def __iter__(self) -> Iterator[RunReport]:
        report = partial(_SpooledReport, self.store, self.heads)
        return map(report, range(len(self.offsets)), self.offsets)

    def __len__(self) -> int:
        return len(self.offsets)

    @overload
    def __getitem__(self, index: int) -> RunReport: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RunReport]: ...
    def __getitem__(self, index: int | slice) -> RunReport | Sequence[RunReport]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self.offsets))[index]]
        index = range(len(self.offsets))[index]  # an IndexError, or the index from the start
        return _SpooledReport(self.store, self.heads, index, self.offsets[index])


class _Header:
    """A header field of a spooled report (file, type, year, unit), from its ``Head``."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index

    def __get__(self, report: _SpooledReport | None, owner: type | None = None) -> Any:
        if report is None:
            return self
        head = report._head
        if head is None:
            head = report._head = report._heads[report._index]
        return head[self.index]


class _SpooledReport(RunReport):
    """A ``RunReport`` read from ``_Extracts`` as its extracts and places are asked for
    (read-only).

    A run rule may keep thousands of reports while it groups them (RK403):
    each costs an offset and its header here, not two mappings.
    """

    # The header descriptors and the properties override RunReport's fields read-only
    # (the properties with type: ignore[override]).
    __slots__ = ("_head", "_heads", "_index", "_offset", "_store")

    def __init__(self, store: _Extracts, heads: _Heads, index: int, offset: int) -> None:
        # no RunReport.__init__: the fields stay empty, read through the properties below
        self._store, self._heads, self._index, self._offset = store, heads, index, offset
        self._head: Head | None = None

    file = _Header(0)
    type = _Header(1)
    year = _Header(2)
    unit = _Header(3)

    @property
    def extracts(self) -> MutableMapping[str, Any]:  # type: ignore[override]
        return _OnDisk(self._store, self._offset, 0)

    @property
    def places(self) -> MutableMapping[str, tuple[int, int, str, str]]:  # type: ignore[override]
        return _OnDisk(self._store, self._offset, 1)


class _KeptPlaces(Mapping[str, tuple[int, int, str, str]]):
    """A served report's places (``served_record``), read when a run rule's finding is
    located: most reports' never are."""

    __slots__ = ("_places", "_raw")

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._places: dict[str, tuple[int, int, str, str]] | None = None

    def _read(self) -> dict[str, tuple[int, int, str, str]]:
        if self._places is None:
            self._places = kept_places(self._raw)
        return self._places

    def __getitem__(self, key: str) -> tuple[int, int, str, str]:
        return self._read()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


class _OnDisk(MutableMapping[str, Any]):
    """A read-only view of one part of one report's record in ``_Extracts``."""

    __slots__ = ("_offset", "_part", "_store")

    def __init__(self, store: _Extracts, offset: int, part: int) -> None:
        self._store, self._offset, self._part = store, offset, part

    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] = self._store.load(self._offset)[self._part]
        return data

    def __getitem__(self, key: str) -> Any:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data()))

    def __len__(self) -> int:
        return len(self._data())

    def __setitem__(self, key: str, value: Any) -> None:
        raise TypeError("a spooled extract is read-only")

    def __delitem__(self, key: str) -> None:
        raise TypeError("a spooled extract is read-only")
