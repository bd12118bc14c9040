"""What a nightly run knew of each file's final findings, for the next night.

A report whose content, name and checker are the same as the night before, and on
which no run rule found anything, has the same final findings as then: the same set
in the history, the same outlines and digest on the findings page, the same counts.
The memo keeps these by the key of the file's cache entry (``checker.results.Known``),
so that the next night hands such a file on by reference: it neither makes its
findings from the cache entry nor pickles, identifies or hashes them again.

With each entry the memo also keeps what the night needs of the file besides its
findings (``Kept``): what the run rules read of it (its header, extracts and places,
in marshal's bytes compressed) and the page's view of its glimpse (header words, line
count, which lines, their digest; the lines themselves in marshal's bytes compressed).
A file whose stat is the one the cache's index knows, by a key the memo keeps so, is
then neither read, sniffed nor sent to a worker (``checker.nightly.unchanged``).

Those bytes (~3 KB a report) are not held by the run: they lie in a file beside the
memo (``Blobs``), and the memo keeps where each one lies and its SHA-256, which a read
must match. The file is written anew each night as its files are handed on, and put
in place before the memo that points into it.

The memo is one file in the cache folder, under the cache's HMAC, for the cache's
salt, this Python's marshal and the source of the modules that make what it keeps (a
change to how the history or the page digests findings is a new memo). Its body is
marshal's, of plain tuples: read at once, never unpickled. A memo that fails its HMAC,
or has any entry of the wrong shape, is no memo: every file's findings are made as
without it. An entry whose set is no longer in the history is made again too.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import marshal
import os
import stat
import sys
from pathlib import Path
from typing import Any

from checker.read.glimpse import HEADER
from checker.read.safeio import MiB, put_in_place, read_limited, temp_beside, write_atomically
from checker.results import Known, OutlineRow
from checker.run.cache import INDEX_LIMIT, SafeCache

MEMO_FORMAT = 3  # 3: what is kept besides the findings in a file beside it (``Blobs``)
# The modules whose code makes what a memo entry keeps: the history's set digest and
# identities, the page's digest and outlines, the nightly run's sinks, the memo.
_MAKERS = (
    "checker.findings",
    "checker.nightly.history",
    "checker.nightly.memo",
    "checker.nightly.pagefindings",
    "checker.nightly.runner",
    "checker.nightly.unchanged",
    "checker.outputs.html",
    "checker.results",
)
_SEVERITIES = frozenset({"error", "warning", "info"})
_HEX = frozenset("0123456789abcdef")

# The glimpse as the page sees it: header words (``HEADER``'s order, None when the
# report's header is no mapping), line count, the kept lines' numbers, their digest
# (``PageFindings.keep``'s) and marshal's compressed bytes of them (line number → text).
GlimpseView = tuple[tuple[str | None, ...] | None, int, tuple[int, ...], bytes, bytes]
# What a night needs of a file besides its findings: marshal's compressed bytes of its report's
# (type, year, unit, extracts, places) or of None, and its ``GlimpseView`` or None.
Kept = tuple[bytes, GlimpseView | None]
# Where bytes lie in the memo's ``Blobs``: offset, length, SHA-256.
Blob = tuple[int, int, bytes]
# ``Kept`` as the memo holds it: each of its bytes a ``Blob``.
KeptAt = tuple[Blob, tuple[tuple[str | None, ...] | None, int, tuple[int, ...], bytes, Blob] | None]
MAX_BLOB = 64 * MiB


def _makers_digest() -> str:
    h = hashlib.sha256()
    for name in _MAKERS:
        source = importlib.import_module(name).__file__
        if source is not None:
            h.update(name.encode() + b"\0" + read_limited(Path(source), "source"))
    return h.hexdigest()


class Memo:
    """The memo of a cache's salt: loaded as the run starts, saved as it ends.

    ``entries`` is what the last run knew, by key; the sinks note what this run
    knows (``history``, ``page``: made, or a ``Known`` that still holds), and ``save`` keeps
    the entries noted whole, replacing the memo: those of the files this run saw.
    """

    def __init__(self, cache: SafeCache) -> None:
        self.cache = cache
        name = hashlib.sha256(cache.salt.encode()).hexdigest()[:16]
        self.path = cache.folder / f"memo-{name}.bin"  # not an entry (``*.json``)
        python = f"{marshal.version}\0{sys.version_info[0]}.{sys.version_info[1]}"
        self.label = f"memo\0{MEMO_FORMAT}\0{python}\0{cache.salt}\0{_makers_digest()}"
        self.entries: dict[str, Known] = {}
        self.kept: dict[str, KeptAt] = {}  # by key, for the entries that keep it
        self.blobs = Blobs(self.path.with_suffix(".blobs"))
        self._noted: dict[str, list[Any]] = {}

    def load(self) -> None:
        if self.cache.secret is None:
            return
        try:
            raw = read_limited(self.path, INDEX_LIMIT)
        except OSError:
            return
        body = self.cache.unseal_view(self.label, raw)
        if body is None:
            return
        with contextlib.suppress(ValueError, TypeError, EOFError):
            self.entries, self.kept = _entries(marshal.loads(body))
        if self.kept:
            self.blobs.open()

    def recall(self, key: str) -> Kept | None:
        """What the memo keeps of the file by ``key``, its bytes read and matched; None when
        it keeps nothing or they do not match."""
        at = self.kept.get(key)
        if at is None:
            return None
        report = self.blobs.read(at[0])
        if report is None or at[1] is None:
            return None if report is None else (report, None)
        words, length, numbers, digest, where = at[1]
        lines = self.blobs.read(where)
        return None if lines is None else (report, (words, length, numbers, digest, lines))

    def history(
        self, key: str, rel: str, unit: str, digest: str | None, tally: tuple[int, ...]
    ) -> None:
        """The history's part: the file's name and unit, its set's digest and counts."""
        self._part(key)[:4] = [rel, unit, digest, list(tally)]

    def page(self, key: str, digest: str, outlines: list[OutlineRow]) -> None:
        """The findings page's part: its digest of the findings, and their outlines."""
        self._part(key)[4:6] = [digest, outlines]

    def keep(self, key: str, kept: Kept) -> None:
        """What the night needs of the file besides its findings (``Kept``): its bytes put in
        the new ``Blobs`` at once, where they lie noted."""
        report, view = kept
        at = self.blobs.add(report)
        if at is not None and view is not None:
            lines = self.blobs.add(view[4])
            view_at = None if lines is None else (*view[:4], lines)
            self._part(key)[6] = None if view_at is None else (at, view_at)
        else:
            self._part(key)[6] = None if at is None else (at, None)

    def _part(self, key: str) -> list[Any]:
        return self._noted.setdefault(key, [None, None, None, None, None, None, None])

    def save(self) -> None:
        """The entries noted whole (a file without findings needs no page part); what the
        memo held is let go (the pages that follow allocate much: less for the GC to walk)."""
        noted, self._noted = self._noted, {}
        self.entries.clear()  # the run's (``SafeCache.known``), done with
        self.kept.clear()
        if self.cache.secret is None:
            return
        kept = self.blobs.commit()  # before the memo that points into it
        self.blobs.close()
        # each note let go as its row is made, the rows before the body is sealed: at
        # 20,000 reports the memo is ~25 MB, and this is the check phase's peak
        rows = {}
        while noted:
            k, v = noted.popitem()
            if v[0] is not None and (v[4] is not None or v[3][0] == 0):
                outlines = tuple(map(tuple, v[5] or ()))
                rows[k] = (v[0], v[1], v[2], tuple(v[3]), v[4], outlines, v[6] if kept else None)
        body = marshal.dumps(rows)
        del rows
        data = self.cache.seal(self.label, body)
        del body
        with contextlib.suppress(OSError):  # a memo not written costs the next night speed
            self.cache.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, data, durable=False)


def _entries(rows: Any) -> tuple[dict[str, Known], dict[str, KeptAt]]:
    """The entries of a memo body, every value of its exact type, else ValueError."""
    if type(rows) is not dict:
        raise ValueError("memo")
    entries: dict[str, Known] = {}
    kept: dict[str, KeptAt] = {}
    for key, row in rows.items():
        entries[key] = _entry(key, row)
        if row[6] is not None:
            kept[key] = _kept(row[6])
    return entries, kept


def _entry(key: Any, row: Any) -> Known:
    if type(key) is not str or len(key) != 64 or not _HEX.issuperset(key):
        raise ValueError("key")
    if type(row) is not tuple or len(row) != 7:
        raise ValueError("entry")
    rel, unit, history, tally, page, outlines, _ = row
    if type(rel) is not str or type(unit) is not str:
        raise ValueError("names")
    for digest in (history, page):
        if digest is not None and (type(digest) is not str or len(digest) != 64):
            raise ValueError("digest")
    if type(tally) is not tuple or len(tally) != 7 or any(type(n) is not int for n in tally):
        raise ValueError("tally")
    _outlines(outlines)
    if (page is None) != (tally[0] == 0) or len(outlines) != sum(tally[1:4]):
        raise ValueError("counts")
    if (history is None) != (tally[0] == 0):
        raise ValueError("history")
    return Known(key, rel, unit, history, page, outlines, tally)


_OUTLINE = (int, int, str, str, str)  # line, column, severity, code, name
_INTS = frozenset({int})


def _outlines(outlines: Any) -> None:
    """ValueError unless ``outlines`` is a tuple of ``OutlineRow`` (thirty thousand a night:
    the types of each taken in one go)."""
    if type(outlines) is not tuple or any(type(o) is not tuple for o in outlines):
        raise ValueError("outlines")
    if any(tuple(map(type, o)) != _OUTLINE for o in outlines):
        raise ValueError("outline")
    if not _SEVERITIES.issuperset(o[2] for o in outlines):
        raise ValueError("severity")


def _kept(kept: Any) -> KeptAt:
    """``KeptAt`` of the right shape (its report's bytes are checked when read: ``report``)."""
    if type(kept) is not tuple or len(kept) != 2:
        raise ValueError("kept")
    _blob(kept[0])
    view = kept[1]
    if view is None:
        return kept
    if type(view) is not tuple or len(view) != 5:
        raise ValueError("glimpse")
    _blob(view[4])
    header, length, lines, digest, _ = view
    if header is not None and (
        type(header) is not tuple
        or len(header) != len(HEADER)
        or any(w is not None and type(w) is not str for w in header)
    ):
        raise ValueError("header")
    if type(length) is not int or length <= 0 or type(lines) is not tuple:
        raise ValueError("length")
    if lines and (not _INTS.issuperset(map(type, lines)) or min(lines) < 1 or max(lines) > length):
        raise ValueError("lines")
    if type(digest) is not bytes or len(digest) != 32:
        raise ValueError("digest")
    return kept


def _blob(at: Any) -> None:
    if (
        type(at) is not tuple
        or len(at) != 3
        or type(at[0]) is not int
        or type(at[1]) is not int
        or type(at[2]) is not bytes
        or len(at[2]) != 32
        or at[0] < 0
        or not 0 <= at[1] <= MAX_BLOB
    ):
        raise ValueError("blob")


class Blobs:
    """The bytes a memo keeps besides its entries: the last night's file, read where the
    memo says and matched against its SHA-256 (the file itself is trusted for nothing),
    and this night's, written beside it and put in place by ``commit``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._old: int | None = None
        self._new: Any = None  # this night's file, open for writing
        self._tmp = ""
        self._size = 0
        self._failed = False  # a write failed: nothing more is kept this night

    def open(self) -> None:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return
        if stat.S_ISREG(os.fstat(fd).st_mode):
            self._old = fd  # read all night, also once the new file has its name
        else:
            os.close(fd)

    def read(self, at: Blob) -> bytes | None:
        offset, length, digest = at
        if self._old is None:
            return None
        try:
            raw = os.pread(self._old, length, offset)
        except OSError:
            return None
        if len(raw) != length or hashlib.sha256(raw).digest() != digest:
            return None
        return raw

    def add(self, data: bytes) -> Blob | None:
        """``data`` written to this night's file; where it lies (None if it cannot be)."""
        if self._failed:
            return None
        try:
            if self._new is None:
                fd, self._tmp = temp_beside(os.fspath(self.path))
                self._new = os.fdopen(fd, "wb")
            self._new.write(data)
        except OSError:
            self._drop()
            self._failed = True
            return None
        at = (self._size, len(data), hashlib.sha256(data).digest())
        self._size += len(data)
        return at

    def commit(self) -> bool:
        """This night's file put in place of the last one's; whether it was."""
        if self._new is None:
            return False
        try:
            self._new.close()
            self._new = None
            put_in_place(self._tmp, os.fspath(self.path))
        except OSError:
            self._drop()
            return False
        self._tmp, self._size = "", 0
        return True

    def close(self) -> None:
        """The last night's file let go (what the run reads of it is read by then)."""
        if self._old is not None:
            with contextlib.suppress(OSError):
                os.close(self._old)
            self._old = None

    def discard(self) -> None:
        """This night's file, if not put in place, removed; the last one's let go."""
        self._drop()
        self.close()

    def _drop(self) -> None:
        if self._new is not None:
            with contextlib.suppress(OSError):
                self._new.close()
            self._new = None
        if self._tmp:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
        self._tmp, self._size = "", 0
