"""What a nightly run knew of each file's final findings, for the next night.

A report whose content, name and checker are the same as the night before, and on
which no run rule found anything, has the same final findings as then: the same set
in the history, the same outlines and digest on the findings page, the same counts.
The memo keeps these by the key of the file's cache entry (``checker.results.Known``),
so that the next night hands such a file on by reference: it neither makes its
findings from the cache entry nor pickles, identifies or hashes them again.

With each entry the memo also keeps what the night needs of the file besides its
findings (``Kept``): what the run rules read of it (in marshal's bytes its header, and
its extracts and places compressed) and the page's view of its glimpse (header words, line
count, which lines, their digest; the lines themselves in marshal's bytes compressed).
A file whose stat is the one the cache's index knows, by a key the memo keeps so, is
then neither read, sniffed nor sent to a worker (``checker.nightly.unchanged``).

Those bytes (~3 KB a report) are not held by the run: they lie in a file beside the
memo (``Blobs``), and the memo keeps where each one lies and its SHA-256, which a read
must match. A night appends what it keeps anew to that file, and the files it serves
keep their bytes where they lie; a file mostly of bytes no longer named is written anew
(``Blobs``). Either is done before the memo that points into it is written.

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
from array import array
from collections.abc import Iterable
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from checker.read.glimpse import HEADER
from checker.read.safeio import MiB, put_in_place, read_limited, temp_beside, write_atomically
from checker.results import Known, OutlineRow
from checker.run.cache import INDEX_LIMIT, SafeCache
from checker.run.spool import typed_rows

# 5: a kept report's header plain, its extracts and places compressed apart
MEMO_FORMAT = 5
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
_NUMBER_SIZE = array("I").itemsize
_HEX = frozenset("0123456789abcdef")

# The glimpse as the page sees it: header words (``HEADER``'s order, None when the
# report's header is no mapping), line count, the kept lines' numbers (``packed_numbers``),
# their digest (``PageFindings.keep``'s) and marshal's compressed bytes of them (line
# number → text).
GlimpseView = tuple[tuple[str | None, ...] | None, int, bytes, bytes, bytes]
# What a night needs of a file besides its findings: marshal's bytes of its report's (type,
# year, unit, unverified, its extracts and places compressed) or of None, and its
# ``GlimpseView`` or None.
Kept = tuple[bytes, GlimpseView | None]
# Where bytes lie in the memo's ``Blobs``: offset, length, SHA-256.
Blob = tuple[int, int, bytes]
# ``Kept`` as the memo holds it: each of its bytes a ``Blob``.
KeptAt = tuple[Blob, tuple[tuple[str | None, ...] | None, int, bytes, bytes, Blob] | None]
MAX_BLOB = 64 * MiB


# The kept lines' numbers as C unsigned ints, in this machine's size and order (named in the
# memo's label).
_NUMBER = f"I{array('I').itemsize}{sys.byteorder}"


def packed_numbers(numbers: Iterable[int]) -> bytes:
    """The kept lines' numbers as the memo keeps them: one bytes object, not an int each
    (a hundred a report: most of what the memo would hold and check)."""
    return array("I", numbers).tobytes()


def line_numbers(packed: bytes) -> array[int]:
    """The numbers ``packed_numbers`` packed."""
    numbers = array("I")
    numbers.frombytes(packed)
    return numbers


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
        python = f"{marshal.version}\0{sys.version_info[0]}.{sys.version_info[1]}\0{_NUMBER}"
        self.label = f"memo\0{MEMO_FORMAT}\0{python}\0{cache.salt}\0{_makers_digest()}"
        self.entries: dict[str, Known] = {}
        self.kept: dict[str, KeptAt] = {}  # by key, for the entries that keep it
        self.blobs = Blobs(self.path.with_suffix(".blobs"))
        self._noted: dict[str, list[Any]] = {}
        self._read: dict[str, tuple[Kept, KeptAt]] = {}  # what ``recall`` read and matched

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
            self.blobs.open(_live(self.kept))

    def recall(self, key: str) -> Kept | None:
        """What the memo keeps of the file by ``key``, its bytes read and matched; None when
        it keeps nothing or they do not match."""
        at = self.kept.get(key)
        if at is None:
            return None
        report = self.blobs.read(at[0])
        if report is None:
            return None
        if at[1] is None:
            kept: Kept = (report, None)
        else:
            words, length, numbers, digest, where = at[1]
            lines = self.blobs.read(where)
            if lines is None:
                return None
            kept = (report, (words, length, numbers, digest, lines))
        self._read[key] = (kept, at)
        return kept

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
        read = self._read.pop(key, None)
        if read is not None and read[0] is kept and self.blobs.appending:
            self._part(key)[6] = read[1]  # its bytes, read and matched, where they lie
            return
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
        memo held is let go (the pages that follow allocate much: less for the GC to walk).
        The last night's bytes stay open: a served file's lines are read from them if the
        findings page reads them (``unchanged.Recalled``); ``Blobs.discard`` lets them go."""
        noted, self._noted = self._noted, {}
        self.entries.clear()  # the run's (``SafeCache.known``), done with
        self.kept.clear()
        self._read.clear()
        if self.cache.secret is None:
            return
        kept = self.blobs.commit()  # before the memo that points into it
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
    """The entries of a memo body, every value of its exact type, else ValueError.

    Tens of thousands of rows a night, each with its outlines: every part is checked a
    column at a time (the types of all rows' values taken in one go), not row by row.
    """
    if type(rows) is not dict:
        raise ValueError("memo")
    keys, values = list(rows), list(rows.values())
    if not _STRS.issuperset(map(type, keys)) or not {64}.issuperset(map(len, keys)):
        raise ValueError("key")
    if not _HEX.issuperset("".join(keys)):
        raise ValueError("key")
    if not _TUPLES.issuperset(map(type, values)) or not {7}.issuperset(map(len, values)):
        raise ValueError("entry")
    if not values:
        return {}, {}
    rel, unit, history, tally, page, outlines, kept = zip(*values, strict=True)
    if not _STRS.issuperset(map(type, rel)) or not _STRS.issuperset(map(type, unit)):
        raise ValueError("names")
    _digests(history)
    _digests(page)
    _tallies(tally)
    _outlines(outlines)
    empty = list(map((0).__eq__, map(itemgetter(0), tally)))
    if list(map(_is_none, page)) != empty or list(map(_is_none, history)) != empty:
        raise ValueError("counts")
    if list(map(len, outlines)) != list(map(sum, map(itemgetter(slice(1, 4)), tally))):
        raise ValueError("counts")
    entries = dict(
        zip(keys, map(Known, keys, rel, unit, history, page, outlines, tally), strict=True)
    )
    held = [(k, at) for k, at in zip(keys, kept, strict=True) if at is not None]
    _kept([at for _, at in held])
    return entries, dict(held)


_STRS = frozenset({str})
_TUPLES = frozenset({tuple})
_INTS = frozenset({int})
_DIGEST_TYPES = frozenset({str, type(None)})
_OUTLINE = (int, int, str, str, str)  # line, column, severity, code, name


def _is_none(value: Any) -> bool:
    return value is None


def _digests(column: tuple[Any, ...]) -> None:
    """ValueError unless each is None or a digest's 64 characters."""
    if not _DIGEST_TYPES.issuperset(map(type, column)):
        raise ValueError("digest")
    if not {64}.issuperset(map(len, filter(None, column))) or "" in column:
        raise ValueError("digest")


def _tallies(tally: tuple[Any, ...]) -> None:
    if not _TUPLES.issuperset(map(type, tally)) or not {7}.issuperset(map(len, tally)):
        raise ValueError("tally")
    if not _INTS.issuperset(map(type, chain.from_iterable(tally))):
        raise ValueError("tally")


def _outlines(column: tuple[Any, ...]) -> None:
    """ValueError unless each of ``column`` is a tuple of ``OutlineRow`` (three hundred
    thousand a night: taken a column of all of them at a time)."""
    if not _TUPLES.issuperset(map(type, column)):
        raise ValueError("outlines")
    every = list(chain.from_iterable(column))
    if not typed_rows(every, _OUTLINE):
        raise ValueError("outline")
    if not _SEVERITIES.issuperset(map(itemgetter(2), every)):
        raise ValueError("severity")


def _kept(column: list[Any]) -> None:
    """ValueError unless each is a ``KeptAt`` of the right shape (its report's bytes are
    checked when read: ``report``)."""
    if not _TUPLES.issuperset(map(type, column)) or not {2}.issuperset(map(len, column)):
        raise ValueError("kept")
    reports, views = zip(*column, strict=True) if column else ((), ())
    _blobs(reports)
    shown = [v for v in views if v is not None]
    if not _TUPLES.issuperset(map(type, shown)) or not {5}.issuperset(map(len, shown)):
        raise ValueError("glimpse")
    if not shown:
        return
    headers, lengths, lines, digests, where = zip(*shown, strict=True)
    _blobs(where)
    named = [h for h in headers if h is not None]
    if not _TUPLES.issuperset(map(type, named)) or not {len(HEADER)}.issuperset(map(len, named)):
        raise ValueError("header")
    if not {str, type(None)}.issuperset(map(type, chain.from_iterable(named))):
        raise ValueError("header")
    if not _INTS.issuperset(map(type, lengths)) or min(lengths) <= 0:
        raise ValueError("length")
    if not {bytes}.issuperset(map(type, lines)):
        raise ValueError("length")
    if any(len(n) % _NUMBER_SIZE for n in lines):
        raise ValueError("lines")
    given = [(line_numbers(n), length) for n, length in zip(lines, lengths, strict=True) if n]
    if any(min(n) < 1 or max(n) > length for n, length in given):
        raise ValueError("lines")
    if not {bytes}.issuperset(map(type, digests)) or not {32}.issuperset(map(len, digests)):
        raise ValueError("digest")


def _live(kept: dict[str, KeptAt]) -> int:
    """How many bytes of the memo's ``Blobs`` its entries name."""
    return sum(at[1] for at, _ in kept.values()) + sum(
        view[4][1] for _, view in kept.values() if view is not None
    )


def _blobs(column: tuple[Any, ...]) -> None:
    """ValueError unless each is a ``Blob``: where bytes lie (offset, length, SHA-256)."""
    if not _TUPLES.issuperset(map(type, column)) or not {3}.issuperset(map(len, column)):
        raise ValueError("blob")
    if not column:
        return
    offsets, lengths, digests = zip(*column, strict=True)
    if not _INTS.issuperset(map(type, offsets)) or not _INTS.issuperset(map(type, lengths)):
        raise ValueError("blob")
    if min(offsets) < 0 or min(lengths) < 0 or max(lengths) > MAX_BLOB:
        raise ValueError("blob")
    if not {bytes}.issuperset(map(type, digests)) or not {32}.issuperset(map(len, digests)):
        raise ValueError("blob")


class Blobs:
    """The bytes a memo keeps besides its entries: the last night's file, read where the
    memo says and matched against its SHA-256 (the file itself is trusted for nothing),
    and this night's, where ``add`` puts new bytes.

    A night appends to the last night's file (``appending``), so that the bytes of the
    files it serves stay where they lie and the memo points at them again (``Memo.keep``):
    only when that file is plainly ours (a regular file with one name, of this user) and
    at least half of it is still named by the memo. Else this night's file is written
    beside it, the served files' bytes copied into it, and put in place by ``commit``.
    Appended bytes a memo never names (a night stopped) are left to the next rewrite.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._old: int | None = None
        self._new: Any = None  # this night's file, open for writing
        self._tmp = ""
        self._size = 0
        self._failed = False  # a write failed: nothing more is kept this night
        self.appending = False

    def open(self, live: int = 0) -> None:
        """The last night's file opened to be read; appended to if ``live`` bytes of it
        (those the memo names) are at least half of it."""
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode):
            self._old = fd  # read all night, also once the new file has its name
        else:
            os.close(fd)
            return
        if 2 * live >= st.st_size and _plainly_ours(st):
            self._append(st)

    def _append(self, old: os.stat_result) -> None:
        """This night's bytes appended to the file read, if it is still the one opened."""
        flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(
                self.path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
            )
        except OSError:
            return
        st = os.fstat(fd)
        if (st.st_dev, st.st_ino) != (old.st_dev, old.st_ino) or not _plainly_ours(st):
            os.close(fd)
            return
        self._new = os.fdopen(fd, "ab")
        self._size, self.appending = st.st_size, True

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
        """This night's file put in place of the last one's (appended to: written out);
        whether it was."""
        if self._new is None:
            return self.appending and not self._failed
        try:
            self._new.close()
            self._new = None
            if not self.appending:
                put_in_place(self._tmp, os.fspath(self.path))
        except OSError:
            self._drop()
            return False
        self._tmp, self._size = "", 0
        return True

    def close(self) -> None:
        """The last night's file let go (once the pages, which may read it, are written)."""
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


def _plainly_ours(st: os.stat_result) -> bool:
    """A file of the cache folder that may be appended to: a regular file of this user with
    no other name (never a file of someone else's linked into the folder)."""
    uid = os.geteuid() if hasattr(os, "geteuid") else st.st_uid
    return stat.S_ISREG(st.st_mode) and st.st_nlink == 1 and st.st_uid == uid
