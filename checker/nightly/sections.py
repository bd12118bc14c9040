"""The pages' parts, kept between nights so that an unchanged unit is not rendered again:
the findings page's unit sections and the dashboard's per-unit findings; and the findings
page's packed excerpt lines, not packed again on a night when none of them changed, and
each file's entry in them, not made again from its lines when they did not change.

A part is stored under the hash of everything it shows (``html._Units``,
``dashboard._UnitParts``) and its kind (which page it belongs to), in a ``sections``
folder inside the nightly run's cache folder, and trusted as the cache trusts its
entries (``checker.run.cache``): each file carries an HMAC-SHA256, made with the
cache's secret key (kept outside the cache folder), over its kind, its key and its
text. A part that is forged, copied under another key or kind, damaged, too large or
no regular file is a miss: the unit is rendered again, never shown from it. One store
serves both pages of a run; the parts neither page used are removed once both are
written.

Thousands of parts, each a file opened and read every night, cost more than their text,
so they are packed: one file (``parts.pack``) holds the parts, then an index of where
each one lies, under one MAC over all of it. A run reads the pack once whole, checks
that MAC and keeps what it read in a nameless copy of its own, from which it then reads
the parts (``_Pack``): no part's own MAC is checked again, and a pack changed while the
run lasts changes nothing it shows. A pack whose MAC does not hold is no pack. A loose
part, or one of this run's, is checked by its own MAC on every read. A run's new parts
gather in a nameless temporary file (gone with the run, whatever ends it); once both
pages are written, they go into a new pack with the used ones when enough new, loose or
unused parts have gathered, else each into a loose file of its own: a night that changed
little writes little, and a cold night writes one file, not one per part.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import shutil
import stat
import threading
from pathlib import Path
from typing import BinaryIO, NamedTuple

# the findings page's packed excerpt lines, and each file's entry in them
from checker.outputs.html import ENTRIES as ENTRIES
from checker.outputs.html import EXCERPTS as EXCERPTS
from checker.read.safeio import (
    MiB,
    output_obstacle,
    put_in_place,
    read_limited,
    temp_beside,
    write_atomically,
)

FOLDER = "sections"  # inside the cache folder
_MAGIC = b"rapportkoll-section 1\n"
_MAC_HEX = 64
_SUFFIX = ".html"
MAX_SECTION = 64 * MiB  # one unit's section (a unit with thousands of findings is ~5 MB)
SECTION = "section"  # the findings page's unit sections
DASHBOARD = "dashboard"  # the dashboard's findings of a unit
_KINDS = (SECTION, DASHBOARD, EXCERPTS, ENTRIES)
PACK = "parts.pack"  # the packed parts, inside the folder
PACK_FROM = 256  # loose or unused parts that make it worth writing the pack again
# 2: the pack under one MAC, read once whole (``_Pack``)
_PACK_MAGIC = b"rapportkoll-sections-pack 2\n"
# the pack's last bytes: where its index starts, how long it is, and the pack's MAC
_TRAILER = len(b"%020d %010d " % (0, 0)) + _MAC_HEX + 1
MAX_INDEX = 64 * MiB
_PIECE = 8 * MiB  # the pack's copy checked by pieces of this size
_AHEAD = MiB  # a pack's bytes read at once where its parts are read in order (``_Pack.read``)
# A pack no night would write (at 20,000 reports a pack is ~400 MB), or one its copy
# would take most of the free space for, is not read: no pack.
MAX_PACK = 16 * 1024 * MiB


class Lent(NamedTuple):
    """What a page's child process did with the store (``SectionStore.lent``)."""

    new_at: dict[str, int]  # its new parts: name → offset << 32 | length in its file
    used: list[str]  # in the order first used
    hits: int
    write_error: OSError | None


class SectionStore:
    """Rendered parts of pages by kind and content key, authenticated with the cache's
    secret key."""

    def __init__(
        self, folder: str | os.PathLike[str], secret: bytes, pack_from: int | None = None
    ) -> None:
        self.folder = Path(folder)
        self.secret = secret
        self.pack_from = PACK_FROM if pack_from is None else pack_from
        # the names of the parts this run read or wrote, in the order first used: a pack
        # written anew keeps each kind's parts in that order, the order the next night
        # reads them in (``_Pack.read`` then reads ahead)
        self.used: dict[str, None] = {}
        self.hits = 0
        self.write_error: OSError | None = None
        self._pack: _Pack | None = None  # opened at the first look
        self._taking: threading.Thread | None = None  # ``prepare``'s
        self._new: BinaryIO | None = None  # this run's new parts, as their files would hold them
        # name → where in ``_new``: offset << 32 | length (one int: at 20,000 reports a night
        # makes some 55,000 parts on a cold night)
        self._new_at: dict[str, int] = {}
        # the page's excerpt lines are packed by a thread of their own while its sections
        # render (``html.write_page``): one writer at a time, and the pack taken once
        # (reads are preads, outside it: ``get_bytes``)
        self._lock = threading.Lock()
        self._before: tuple[int, int] = (0, 0)  # ``lend``: what the parent had (parts used, hits)

    def _mac(self, kind: str, key: str, body: bytes) -> str:
        # the kind keeps one page's part from ever standing for the other's, and a part's
        # MAC from standing for a cache entry's (whose message starts with a hex key)
        # (``hmac.digest``: one C call, where ``hmac.new`` builds an object per part read)
        message = kind.encode("ascii") + b"\0" + key.encode("ascii") + b"\0" + body
        return hmac.digest(self.secret, message, "sha256").hex()

    def get(self, key: str, kind: str = SECTION) -> str | None:
        """The part of ``kind`` stored under ``key``; None for a miss or any doubt about it."""
        body = self.get_bytes(key, kind)
        if body is None:
            return None
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def get_bytes(self, key: str, kind: str = SECTION) -> bytes | None:
        """``get``'s part as its UTF-8 bytes (not checked to be UTF-8)."""
        if not _is_key(key) or kind not in _KINDS:
            return None
        name = _name(kind, key)
        # Read outside the lock, each a pread (no file position shared): this run's part
        # is flushed before its place is noted (``_put``), the pack is a private copy.
        # A read under the lock would hand the GIL back and forth with the other thread
        # at every part (its pread lets go of the GIL while holding the lock).
        body = self._open(kind, key, self._read_new(name))
        if body is None:
            with self._lock:
                pack = self.pack()
            body = _body(pack.read(name, kind))  # under the pack's MAC, checked as it was taken
        if body is None:
            body = self._open(kind, key, self._loose(name))
        if body is None:
            return None
        with self._lock:
            self.used.setdefault(name)
            self.hits += 1
        return body

    def _read_new(self, name: str) -> bytes | None:
        """A part this run put, as written to the run's temporary file."""
        where = self._new_at.get(name)
        if where is None or self._new is None:
            return None
        offset, length = where >> 32, where & 0xFFFFFFFF
        try:
            raw = os.pread(self._new.fileno(), length, offset)
        except OSError:
            return None
        return raw if len(raw) == length else None

    def _loose(self, name: str) -> bytes | None:
        try:
            return read_limited(self.folder / name, MAX_SECTION, follow=False)
        except OSError:
            return None

    def _open(self, kind: str, key: str, raw: bytes | None) -> bytes | None:
        """The body of a part as stored (``put``), if its MAC holds for ``kind`` and ``key``."""
        body = _body(raw)
        if raw is None or body is None:
            return None
        mac = raw[len(_MAGIC) : len(_MAGIC) + _MAC_HEX].decode("ascii", "replace")
        if not hmac.compare_digest(mac, self._mac(kind, key, body)):
            return None
        return body

    def prepare(self) -> None:
        """Take the pack (``_Pack``) in a thread of its own, while the run does other work:
        its reading and checking let go of the GIL. Taken at the first look otherwise."""
        if self._pack is None and self._taking is None:
            self._taking = threading.Thread(target=self._take, daemon=True)
            self._taking.start()

    def _take(self) -> None:
        self._pack = _Pack(self.folder / PACK, self.secret, self.folder)

    def pack(self) -> _Pack:
        """The packed parts (none when there is no sound pack); before a fork, so that no
        thread is taking it then."""
        if self._taking is not None:
            self._taking.join()
            self._taking = None
        if self._pack is None:
            self._take()
        assert self._pack is not None  # taken
        return self._pack

    def has(self, key: str, kind: str = SECTION) -> bool:
        """Whether a part of ``kind`` is stored under ``key`` (not yet whether it is sound)."""
        if not _is_key(key) or kind not in _KINDS:
            return False
        name = _name(kind, key)
        with self._lock:
            if name in self._new_at or name in self.pack().index:
                return True
        try:
            return stat.S_ISREG(os.lstat(self.folder / name).st_mode)
        except OSError:
            return False

    def put(self, key: str, text: str | bytes, kind: str = SECTION) -> None:
        """Keep ``text`` (or its UTF-8 bytes) under ``kind`` and ``key``; a failure to write
        is noted, never raised."""
        if not _is_key(key) or kind not in _KINDS:
            return
        name = _name(kind, key)
        body = text.encode("utf-8") if isinstance(text, str) else text
        head = _MAGIC + self._mac(kind, key, body).encode("ascii") + b"\n"
        with self._lock:
            self._put(name, head, body)

    def _put(self, name: str, head: bytes, body: bytes) -> None:
        self.used.setdefault(name)
        try:
            if self._new is None:
                self._new = self._temporary()  # closed at prune
            offset = self._new.seek(0, os.SEEK_END)
            self._new.write(head)  # and the body apart: no copy of a large part joined
            self._new.write(body)
            self._new.flush()
        except OSError as exc:
            self.write_error = self.write_error or exc
            return
        self._new_at[name] = offset << 32 | (len(head) + len(body))

    # -- a page written in a forked process (``checker.run.apart``) -------------------
    # Its new parts go to a temporary file of their own (the parent's, shared at the fork,
    # would take two writers' appends); the parent takes them over once it has ended.

    def _temporary(self) -> BinaryIO:
        """A nameless file in the folder for new parts (gone with the run, whatever ends it)."""
        import tempfile  # here: a plain check never stores a part

        self.folder.mkdir(parents=True, exist_ok=True)
        return tempfile.TemporaryFile(dir=self.folder)

    def spare(self) -> BinaryIO | None:
        """In the parent, before the fork: the file for the child's new parts (None if
        it cannot be made: the child then keeps none, as when a write fails)."""
        try:
            return self._temporary()
        except OSError as exc:
            self.write_error = self.write_error or exc
            return None

    def lend(self, spare: BinaryIO | None) -> None:
        """In the child: its new parts go to ``spare``; ``lent`` says what it did."""
        self._new, self._new_at = spare, {}
        self._before = len(self.used), self.hits

    def lent(self) -> Lent:
        """In the child, at its end: what the parent takes over (``take``)."""
        used, hits = self._before
        return Lent(self._new_at, list(self.used)[used:], self.hits - hits, self.write_error)

    def take(self, spare: BinaryIO | None, lent: Lent | None) -> None:
        """In the parent, once the child has ended: the parts it used noted, its new ones
        copied into this run's file. Without ``lent`` (the child failed) only the file is
        closed."""
        try:
            if lent is None:
                return
            with self._lock:
                self.used.update(dict.fromkeys(lent.used))
                self.hits += lent.hits
                self.write_error = self.write_error or lent.write_error
                if lent.new_at and spare is not None:
                    self._adopt(spare, lent.new_at)
        finally:
            if spare is not None:
                with contextlib.suppress(OSError):
                    spare.close()

    def _adopt(self, spare: BinaryIO, new_at: dict[str, int]) -> None:
        try:
            if self._new is None:
                self._new = self._temporary()  # closed at prune
            base = self._new.seek(0, os.SEEK_END)
            spare.seek(0)
            while piece := spare.read(1 << 20):
                self._new.write(piece)
            self._new.flush()
        except OSError as exc:
            self.write_error = self.write_error or exc
            return
        for name, where in new_at.items():
            self._new_at[name] = where + (base << 32)

    def keep(self, key: str, kind: str = SECTION) -> None:
        """Keep the part of ``kind`` under ``key`` (if there is one) for another night,
        unread: its MAC is checked when it is read."""
        if _is_key(key) and kind in _KINDS:
            with self._lock:
                self.used.setdefault(_name(kind, key))

    def prune(self) -> None:
        """Remove the parts this run did not use (units changed or gone); once, after both
        pages are written, so that neither page removes the other's. When enough new, loose
        and unused parts have gathered, the used ones are packed anew; else this run's new
        parts each become a loose file."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            self._close_new()
            self.pack().close()
            return
        loose = [n for n in names if _is_name(n) and n in self.used]
        index = self.pack().index
        unused = sum(1 for n in index if n not in self.used)
        packed = False
        if len(loose) + len(self._new_at) + unused >= max(
            self.pack_from, (len(index) - unused) // 4
        ):
            packed = self._repack(set(loose))
        if not packed:
            self._spill()
        self._close_new()
        self.pack().close()
        for name in names:
            # a bare key: a section named as an earlier version named them
            if (_is_name(name) or _is_key(name.removesuffix(_SUFFIX))) and (
                packed or name not in self.used
            ):
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / name)

    def _spill(self) -> None:
        """This run's new parts, each into a loose file of its own."""
        for name in self._new_at:
            raw = self._read_new(name)
            if raw is None:
                continue
            try:
                write_atomically(self.folder / name, raw, durable=False)
            except OSError as exc:
                self.write_error = self.write_error or exc

    def _close_new(self) -> None:
        if self._new is not None:
            with contextlib.suppress(OSError):
                self._new.close()
        self._new, self._new_at = None, {}

    def _repack(self, loose: set[str]) -> bool:
        """Write the pack anew with the parts this run used (a loose file before a packed
        copy); whether it was written."""
        target = os.fspath(self.folder / PACK)
        if output_obstacle(target) is not None:
            return False
        try:
            fd, tmp = temp_beside(target)
        except OSError as exc:
            self.write_error = self.write_error or exc
            return False
        try:
            with os.fdopen(fd, "wb") as raw:
                out = _Sealed(raw, self.secret)
                out.write(_PACK_MAGIC)
                index = self._write_parts(out, loose)
                start = out.tell()
                out.write(index)
                raw.write(out.trailer(start, len(index)))
            put_in_place(tmp, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            self.write_error = self.write_error or exc
            return False
        return True

    def _write_parts(self, out: _Sealed, loose: set[str]) -> bytes:
        """The used parts, each as its file holds it, written to ``out``; the index."""
        index = []
        for name in sorted(self.used, key=_kind_of):  # each kind's in the order used
            raw = self._read_new(name) if name in self._new_at else None
            if raw is None and name in loose:
                with contextlib.suppress(OSError):
                    raw = read_limited(self.folder / name, MAX_SECTION, follow=False)
            if raw is None:
                raw = self.pack().read(name)
            if raw is None:
                continue
            index.append(b"%s %d %d\n" % (name.encode("ascii"), out.tell(), len(raw)))
            out.write(raw)
        return b"".join(index)


class _Sealed:
    """The pack as it is written: its bytes, and the MAC over them all (``_Pack``)."""

    def __init__(self, out: BinaryIO, secret: bytes) -> None:
        self._out = out
        self._mac = hmac.new(secret, digestmod="sha256")
        self._at = 0

    def write(self, data: bytes) -> None:
        self._out.write(data)
        self._mac.update(data)
        self._at += len(data)

    def tell(self) -> int:
        return self._at

    def trailer(self, start: int, length: int) -> bytes:
        """The pack's last line: where its index starts and how long it is, and the MAC
        over all before it and these two numbers."""
        numbers = b"%020d %010d" % (start, length)
        self._mac.update(numbers)
        return numbers + b" " + self._mac.hexdigest().encode("ascii") + b"\n"


class _Pack:
    """The packed parts, taken whole once: copied into a nameless file of the run's own,
    whose MAC (over its parts, its index and where the index lies) is then checked, and
    from which the parts are read. A pack changed after the copy never reaches a page, and
    no part is checked on its own. Any doubt
    (no regular file, a MAC that does not hold, a bad index) is an empty pack.

    One pass over the whole pack costs less than a MAC checked per part: a night reads
    nearly all its parts, some 55,000 at 20,000 reports, and the pass lets go of the GIL
    (``SectionStore.prepare``). The copy is as large as the pack while the run lasts.
    """

    def __init__(self, path: Path, secret: bytes, folder: Path) -> None:
        self.index: dict[str, tuple[int, int]] = {}  # name → offset, length
        self._copy: BinaryIO | None = None
        # each kind's bytes read ahead (where they start, the bytes), and where its last
        # part ended
        self._ahead: dict[str, tuple[int, bytes]] = {}
        self._end: dict[str, int] = {}
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return
        try:
            self._copy = _taken(fd, secret, folder)
            if self._copy is not None:
                self.index = _read_index(self._copy.fileno())
        except (OSError, ValueError):
            self.index = {}
        finally:
            os.close(fd)
        if not self.index:
            self.close()

    def read(self, name: str, kind: str = "") -> bytes | None:
        """The bytes the index gives for ``name``, None if it has none (or they cannot be read).

        A page reads its parts of one ``kind`` in the order a pack written by the night
        before holds them (``SectionStore.used``), the parts of changed units skipped: where
        a part starts shortly after the last one of its kind ended, the next ``_AHEAD``
        bytes are read with it, and the parts after it taken from those. A pread per part
        would let go of the GIL and wait to take it back from the thread beside it, some
        55,000 times a night at 20,000 reports.
        """
        where = self.index.get(name)
        if where is None or self._copy is None:
            return None
        offset, length = where
        start, ahead = self._ahead.get(kind, (0, b""))
        at = offset - start
        end = self._end.get(kind, 0)
        # a part read again (two units alike) leaves where the order had come to as it was
        self._end[kind] = max(end, offset + length)
        if at >= 0 and at + length <= len(ahead):
            return ahead[at : at + length]
        wanted = _AHEAD if 0 <= offset - end < _AHEAD // 4 else length
        try:
            raw = os.pread(self._copy.fileno(), max(length, wanted), offset)
        except OSError:
            return None
        if len(raw) < length:
            return None
        if len(raw) == length:
            return raw
        self._ahead[kind] = offset, raw
        return raw[:length]

    def close(self) -> None:
        if self._copy is not None:
            with contextlib.suppress(OSError):
                self._copy.close()
            self._copy = None
        self.index, self._ahead, self._end = {}, {}, {}

    def __del__(self) -> None:
        self.close()


def _taken(fd: int, secret: bytes, folder: Path) -> BinaryIO | None:
    """The pack open as ``fd``, copied into a nameless file in ``folder``, the copy's MAC
    checked; None (and no copy) when it does not hold or the pack is no regular file."""
    st = os.fstat(fd)
    size = st.st_size
    if not stat.S_ISREG(st.st_mode) or not len(_PACK_MAGIC) + _TRAILER <= size <= MAX_PACK:
        return None
    if size > shutil.disk_usage(folder).free // 2:
        return None
    trailer = os.pread(fd, _TRAILER, size - _TRAILER)
    parts = _trailer_parts(trailer)
    if parts is None:
        return None
    numbers, mac = parts
    # no copy of what is plainly no pack of ours (a file of zeros, another version's)
    if os.pread(fd, len(_PACK_MAGIC), 0) != _PACK_MAGIC or _index_at(numbers, size) is None:
        return None
    import tempfile  # here: a plain check never reads a pack

    copy = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - the pack's, closed with it
    try:
        end = size - _TRAILER
        _copied(fd, copy, end)
        # the MAC of the copy (what the run reads), by large pieces: each step lets go of
        # the GIL and waits to take it back while the run works beside it
        sealed = hmac.new(secret, digestmod="sha256")
        piece = memoryview(bytearray(min(_PIECE, end)))
        at = 0
        while at < end:
            n = os.preadv(copy.fileno(), [piece[: min(_PIECE, end - at)]], at)
            if n <= 0:
                raise ValueError("pack")
            sealed.update(piece[:n])
            at += n
        sealed.update(numbers)
        if not hmac.compare_digest(sealed.hexdigest().encode("ascii"), mac):
            raise ValueError("pack")
        if os.pwrite(copy.fileno(), trailer, end) != len(trailer):  # as read and checked
            raise ValueError("pack")
    except BaseException:
        copy.close()
        raise
    return copy


def _copied(fd: int, copy: BinaryIO, end: int) -> None:
    """The pack's first ``end`` bytes copied into ``copy``: by the kernel where it can, in
    one call that lets go of the GIL; ValueError when the pack is cut short meanwhile."""
    out, at, kernel = copy.fileno(), 0, hasattr(os, "copy_file_range")
    while at < end:
        n = 0
        if kernel:
            try:
                n = os.copy_file_range(fd, out, end - at, at, at)
            except OSError:  # not between these files: by pieces from here on
                kernel = False
        if not kernel:
            n = os.pwrite(out, os.pread(fd, min(_PIECE, end - at), at), at)
        if n <= 0:
            raise ValueError("pack")
        at += n


def _read_index(fd: int) -> dict[str, tuple[int, int]]:
    """The index of the pack (its checked copy) open as ``fd``: each part's name, offset
    and length."""
    size = os.fstat(fd).st_size
    if size < len(_PACK_MAGIC) + _TRAILER or os.pread(fd, len(_PACK_MAGIC), 0) != _PACK_MAGIC:
        return {}
    parts = _trailer_parts(os.pread(fd, _TRAILER, size - _TRAILER))
    where = None if parts is None else _index_at(parts[0], size)
    if where is None:
        return {}
    start, length = where
    index: dict[str, tuple[int, int]] = {}
    for line in os.pread(fd, length, start).decode("ascii").splitlines():
        name, offset, size_of = line.split(" ")
        at, n = int(offset), int(size_of)
        if (
            not _is_name(name)
            or at < len(_PACK_MAGIC)
            or not 0 <= n <= MAX_SECTION
            or at + n > start
        ):
            return {}
        index[name] = (at, n)
    return index


def _trailer_parts(trailer: bytes) -> tuple[bytes, bytes] | None:
    """A pack's trailer (``_Sealed.trailer``) as its numbers and its MAC; None when it is
    not so."""
    if trailer[-1:] != b"\n" or trailer[-_MAC_HEX - 2 : -_MAC_HEX - 1] != b" ":
        return None
    return trailer[: -_MAC_HEX - 2], trailer[-_MAC_HEX - 1 : -1]


def _index_at(numbers: bytes, size: int) -> tuple[int, int] | None:
    """Where the index of a pack of ``size`` bytes starts and how long it is, from its
    trailer's numbers (``_Sealed.trailer``); None when they are not so or do not fit."""
    start, space, length = numbers[:20], numbers[20:21], numbers[21:]
    if space != b" " or len(length) != 10 or not (start.isdigit() and length.isdigit()):
        return None
    at, n = int(start), int(length)
    if at < len(_PACK_MAGIC) or n > MAX_INDEX or at + n != size - _TRAILER:
        return None
    return at, n


def _body(raw: bytes | None) -> bytes | None:
    """The body of a part as its file holds it (``put``): after its magic and MAC line."""
    head = len(_MAGIC) + _MAC_HEX + 1
    if raw is None or not raw.startswith(_MAGIC) or raw[head - 1 : head] != b"\n":
        return None
    return raw[head:]


def _name(kind: str, key: str) -> str:
    return f"{kind}-{key}{_SUFFIX}"


def _kind_of(name: str) -> str:
    return name.partition("-")[0]


def _is_name(name: str) -> bool:
    kind, _, rest = name.partition("-")
    return kind in _KINDS and rest.endswith(_SUFFIX) and _is_key(rest[: -len(_SUFFIX)])


def _is_key(key: str) -> bool:
    return len(key) == 64 and not key.strip("0123456789abcdef")
