"""A nightly run's unchanged reports: served from the memo, in the run's own process.

A report whose stat is the one the cache's index recorded with its content's key, and
whose key the memo keeps all a night needs of (``memo.Kept``), costs the run a stat
(the walk's, which then reads no head to sniff it) and a look in the memo: no worker
checks it and its cache entry is not read or authenticated. Its final findings go on by
reference (``Known``), the run rules read its report from the memo's bytes as they
are (``Served``: its extracts and places are marshal's bytes within them, unpacked only
when a run rule reads them), and the findings page gets its glimpse's header and lines'
digest, its lines read from the memo's bytes, where they lie, only if the page shows
them (``Recalled``).

What the memo keeps is under the cache's HMAC; a report whose kept bytes are not of the
shape written is checked the old way (``batch.Served``). Its extracts, places and lines
are checked only when read: of the wrong shape, they are the reading run rule's internal
error, or stop the page with a message to run the night again (``Recalled``).
"""

from __future__ import annotations

import functools
import json
import marshal
import os
import pickle
import zlib
from array import array
from collections.abc import Callable, ItemsView, Iterator, Mapping
from typing import Any, cast

from checker.engine.core import Engine
from checker.nightly.memo import Kept, Memo, line_numbers, packed_numbers
from checker.read.glimpse import HEADER, Glimpse
from checker.read.loader import Problem, read_report_bytes
from checker.read.sources import limits_for
from checker.results import FileOutcome, RunReport, unverified_of
from checker.run.cache import SafeCache, Stat
from checker.run.files import Candidate
from checker.run.spool import (
    Extracted,
    kept_extracts,
    kept_parts,
    kept_places,
    packed_parts,
    served_record,
)

# The whole outcome stored under a cache key for a file: (key, file) → it, or None.
Recall = Callable[[str, str], FileOutcome | None]


class Unchanged:
    """The run's unchanged reports (``batch.Served``; ``walked`` is the walk's ``known``)."""

    def __init__(self, cache: SafeCache, memo: Memo, recall: Recall) -> None:
        self.memo, self.recall = memo, recall
        kept, entries = memo.kept, memo.entries
        # path → (name, stat, key) of the files the index knows by a key the memo keeps
        self.by_path = {
            path: (display, stat, key)
            for display, (path, stat, key) in cache.index.entries.items()
            if key in kept and key in entries
        }
        self.matched: dict[str, tuple[str, Stat, str]] = {}
        self.served: set[str] = set()  # the names served, as the run hands them on
        self._kept: dict[str, Kept] = {}  # a served file's, until the run hands it on

    def walked(self, path: str, entry: os.DirEntry[str]) -> bool:
        """Whether the walk's regular file ``path`` is as the index saw it (its stat)."""
        found = self.by_path.get(path)
        if found is None:
            return False
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            return False
        if (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev) != found[1]:
            return False
        self.matched[path] = found
        return True

    def knows(self, item: Candidate) -> bool:
        found = self.matched.get(item.path)
        return found is not None and found[0] == item.display and not item.link

    def outcome(self, item: Candidate) -> FileOutcome | None:
        display, stat, key = self.matched[item.path]
        kept = self.memo.recall(key)
        if kept is None:  # its bytes gone or not the ones the memo names
            return None
        blob, view = kept
        try:
            raw, record = _record(blob)
        except (ValueError, TypeError, EOFError):
            return None
        outcome = (
            FileOutcome(display, [], [], None, True)
            if record is None
            else Served(display, raw, record)
        )
        outcome.key, outcome.known = key, self.memo.entries[key]
        outcome.index = (display, item.path, *stat, key)
        if view is not None:
            header, length, numbers, digest, _ = view
            words = None if header is None else dict(zip(HEADER, header, strict=True))
            # its lines read again where they lie, if the page reads them
            at = self.memo.kept[key][1]
            assert at is not None  # as read
            recalled = Recalled(numbers, digest, functools.partial(self.memo.blobs.read, at[4]))
            outcome.glimpse = Glimpse(words, length, cast(dict[int, str], recalled))
        self.served.add(display)
        self._kept[display] = kept
        return outcome

    def kept(self, outcome: FileOutcome) -> Kept | None:
        """What the memo keeps of a served outcome's file, as ``outcome`` read it (None for
        any other), for the memo of this night."""
        if outcome.file not in self.served or outcome.key is None:
            return None
        return self._kept.pop(outcome.file, None)


def _run_report(display: str, record: Record) -> RunReport:
    kind, year, unit, _, packed = record
    extracts, places = kept_parts(packed)
    return RunReport(display, kind, year, unit, kept_extracts(extracts), kept_places(places))


# A kept report: its type, year and unit, what the rules could not check in it, and its
# extracts and places, compressed (``served_record``).
Record = tuple[str | None, int | None, str | None, dict[str, int], bytes]


def _record(blob: bytes) -> tuple[bytes, Record | None]:
    """The report kept in ``blob`` (marshal's bytes) and what they hold, every value of its
    type (the extracts and places are unpacked and checked when a run rule reads them:
    ``served_record``)."""
    record = marshal.loads(blob)  # under the memo's HMAC: this cache's
    if record is None:
        return blob, None
    if type(record) is not tuple or len(record) != 5:
        raise ValueError("report")
    kind, year, unit, unverified, packed = record
    if (kind is not None and type(kind) is not str) or (unit is not None and type(unit) is not str):
        raise ValueError("header")
    if year is not None and type(year) is not int:
        raise ValueError("header")
    if type(unverified) is not dict or not {str}.issuperset(map(type, unverified)):
        raise ValueError("unverified")
    if not {int}.issuperset(map(type, unverified.values())):
        raise ValueError("unverified")
    if type(packed) is not bytes:
        raise ValueError("report")
    return blob, record


class Served(Extracted):
    """A served report's outcome: its report stored for the run rules as the memo keeps it
    (``served_record``), made a ``RunReport`` only if something reads ``run``."""

    _run: RunReport | None
    _raw: bytes | None

    def __init__(self, display: str, raw: bytes, record: Record) -> None:
        super().__init__(display, [], [], None, True)
        kind, year, unit, unverified, _ = record
        self._raw = raw
        self.extract = served_record(raw, display)
        self.header = (kind, year, unit)
        self.named = display
        self.unverified = unverified

    @property
    def run(self) -> RunReport | None:
        if self._raw is not None:
            self._run = _run_report(self.file, marshal.loads(self._raw))
            self._raw = None
        return self._run

    @run.setter
    def run(self, value: RunReport | None) -> None:
        self._run, self._raw, self.extract = value, None, None


def kept_report(run: RunReport | None, cached: bool = False) -> bytes:
    """``run`` as the memo keeps it: as the cache entry's JSON gives it back (lists for
    tuples, text keys), so that the run rules read it as they would from the cache;
    ``cached``: read from its entry, so already so. Its header plain, its extracts and
    places compressed: a served report's are unpacked only if a run rule reads them."""
    if run is None:
        return marshal.dumps(None)
    if cached:
        extracts, places = dict(run.extracts), dict(run.places)
    else:
        extracts, places = _as_json(run)
    unverified = unverified_of(RunReport(run.file, None, None, None, extracts, {}))
    parts = packed_parts(marshal.dumps(extracts), marshal.dumps(places))
    return marshal.dumps((run.type, run.year, run.unit, unverified, parts))


def _as_json(run: RunReport) -> tuple[Any, dict[str, tuple[Any, ...]]]:
    """The report's extracts and places as ``Cache.put`` and ``get`` turn them: through
    JSON, each place a tuple again."""
    try:  # plain values, as extracts hold: no record within to turn into a dict first
        text = json.dumps([run.extracts, run.places], ensure_ascii=False)
        extracts, places = json.loads(text)
    except TypeError:
        plain = json.loads(json.dumps(run.as_dict(), ensure_ascii=False))
        extracts, places = plain["extracts"], plain["places"]
    return extracts, {k: tuple(v) for k, v in places.items()}


def _packed(data: Any) -> bytes:
    """``data`` as the memo keeps it: marshal's bytes, compressed (a quarter of the size:
    the memo is read whole every night, and held until the run's findings are stored)."""
    return zlib.compress(marshal.dumps(data), 1)


# ``Kept`` before the page has spooled the glimpse: all of it but the lines' digest.
Keeping = tuple[bytes, tuple[tuple[str | None, ...] | None, int, bytes, bytes] | None]


def keeping(outcome: FileOutcome) -> Keeping | None:
    """What the memo will keep of an outcome checked or read from the cache, but the lines'
    digest; None when its glimpse is not one a served file can stand for. Made where the
    outcome is made (``SafeCache.keeps``: in the workers, in parallel)."""
    glimpse = outcome.glimpse
    try:  # a value marshal cannot keep (a plugin's extract): the file is kept no more
        if glimpse is None:
            return _report_bytes(outcome), None
        header = glimpse.header
        if header is not None and header.keys() != set(HEADER):
            return None
        words = None if header is None else tuple(header[w] for w in HEADER)
        lines = dict(sorted(glimpse.lines.items()))
        numbers = packed_numbers(lines)
        return _report_bytes(outcome), (words, glimpse.length, numbers, _packed(lines))
    except (ValueError, TypeError, RecursionError):
        return None


def kept_of(outcome: FileOutcome, spooled: Glimpse | None) -> Kept | None:
    """What the memo keeps of a file checked or read from the cache this night (None: it
    keeps nothing); ``spooled``, its glimpse as ``PageFindings.keep`` spooled it, gives its
    lines' digest."""
    made = getattr(outcome, "kept", None)  # a worker's (``PackedOutcome.kept``)
    made = made if made is not None else keeping(outcome)
    if made is None:
        return None
    report_bytes, view = made
    if view is None:
        return report_bytes, None
    digest = getattr(spooled.lines, "digest", None) if spooled is not None else None
    if not isinstance(digest, bytes):
        return None
    words, length, numbers, lines = view
    return report_bytes, (words, length, numbers, digest, lines)


def _report_bytes(outcome: FileOutcome) -> bytes:
    """``kept_report`` of the outcome's report; a worker's pickled extract (``PackedOutcome``)
    is read without unpacking the outcome, which the run's spool stores as it is."""
    extract = getattr(outcome, "extract", None)
    if isinstance(extract, bytes):
        # the run's own worker pickled it, for this process: no one else's data
        extracts, places, file, kind, year, unit = pickle.loads(extract)
        run = RunReport(file, kind, year, unit, extracts, places)
        return kept_report(run, outcome.cached)
    return kept_report(outcome.run, outcome.cached)


def recall_or_check(engine: Engine, cache: SafeCache) -> Recall:
    """The whole outcome cached under a key for a file; when its entry cannot be read
    (gone, damaged), the file checked again if it still has that key's content."""

    def recall(key: str, file: str) -> FileOutcome | None:
        outcome = cache.get(key, file)
        if outcome is not None:
            return outcome
        raw = read_report_bytes(file, limits_for(file, engine.settings.limits), False)
        if isinstance(raw, Problem) or cache.key(raw, file) != key:
            return None
        outcome = engine.check_bytes(raw, file)
        cache.put(key, outcome)  # the entry made again, for the nights to come
        return outcome

    return recall


class Recalled(Mapping[int, str]):
    """A served glimpse's kept lines: their numbers and digest known, their texts read
    again from the memo's bytes, where they lie (``Blobs``), when the page first reads
    one (on a night when its excerpts are made anew): a night neither holds nor copies
    them. The memo matched them as the file was served; if they no longer match, the
    page stops with a message to run the night again."""

    __slots__ = ("_lines", "_numbers", "_read", "digest")

    def __init__(self, numbers: bytes, digest: bytes, read: Callable[[], bytes | None]) -> None:
        self._numbers, self.digest = line_numbers(numbers), digest
        self._read = read
        self._lines: dict[int, str] | None = None

    def _texts(self) -> dict[int, str]:
        if self._lines is None:
            raw = self._read()
            try:  # under the memo's HMAC, as it was read
                lines = None if raw is None else marshal.loads(zlib.decompress(raw))
            except (ValueError, TypeError, EOFError, zlib.error):
                lines = None
            if type(lines) is not dict or array("I", lines) != self._numbers:
                raise RuntimeError("minnets rader för filen har fel form; kör om")
            if any(type(text) is not str for text in lines.values()):
                raise RuntimeError("minnets rader för filen har fel form; kör om")
            self._lines = lines
        return self._lines

    def __getitem__(self, line: int) -> str:
        return self._texts()[line]

    def __contains__(self, line: object) -> bool:
        return line in self._numbers

    def __iter__(self) -> Iterator[int]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)

    def items(self) -> ItemsView[int, str]:
        return self._texts().items()
