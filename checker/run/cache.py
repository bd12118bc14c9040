"""The content-hash cache of file outcomes, safe for unattended runs.

One file per (file content, file name, engine fingerprint, checker source):
a change to any of them means the file is checked again. The key is the
hash of the very bytes that were checked (``checker.run.batch`` reads each
file once and hands the same bytes to the hash and to the reader), so a file
that changes during a run can never have one version's outcome stored under
another version's key.

An entry is data, not trust:

- it is read with a size limit (``SIZE_LIMITS["cache-entry"]``), and must be
  a regular file;
- it carries an HMAC-SHA256 over its key and its body, made with a secret
  key kept *outside* the cache folder (``cache_key_file``: by default
  ``$XDG_STATE_HOME/rapportkoll/cache.key``, i.e.
  ``~/.local/state/rapportkoll/cache.key``, created on first use with mode
  0600). Whoever can write the cache folder but not that key file cannot make
  a report look clean: a forged or copied entry fails the check and is a miss;
- its body is then validated fully (strict types, no extra keys: checked by
  hand as it is read, in one pass), and must name the file it was looked up for.

Anything in doubt is a miss, never a crash. If the key cannot be read or
created, the run goes on without the cache and says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib
import json
import os
import secrets
import signal
import stat as stat_mod
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from checker.findings import Applicability, Edit, Finding, Fix, Msg, Related, Severity
from checker.read.glimpse import HEADER, Glimpse
from checker.read.safeio import os_error, read_limited, temp_pattern, write_atomically
from checker.results import FileOutcome, Known, RunReport, Suppression

CACHE_FORMAT = 4  # 3: findings carry their fix; 4: and the findings page's glimpse
KEY_ENV = "RAPPORTKOLL_CACHE_KEY"


def cache_key_file() -> Path:
    """Where the cache's HMAC key lives: ``$RAPPORTKOLL_CACHE_KEY``, else the user's state folder."""
    chosen = os.environ.get(KEY_ENV)
    if chosen:
        return Path(chosen)
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    return Path(state) / "rapportkoll" / "cache.key"


class CacheKeyError(Exception):
    """The HMAC key of the cache cannot be used; the message is Swedish."""


def load_key(path: Path, cache_folder: Path) -> bytes:
    """The secret key in ``path``, created (mode 0600) when missing."""
    real_cache = os.path.realpath(cache_folder)
    with contextlib.suppress(ValueError):
        if os.path.commonpath([os.path.realpath(path), real_cache]) == real_cache:
            raise CacheKeyError(f"nyckelfilen {path} ligger i cachemappen; den ska ligga utanför")
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".cache.key.", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="ascii") as fh:
                    fh.write(secrets.token_hex(32) + "\n")
                with contextlib.suppress(FileExistsError):  # another run made it first
                    os.link(tmp, path)
            finally:
                os.unlink(tmp)
        text = read_limited(path, "cache-key").decode("ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        why = os_error(exc).sv if isinstance(exc, OSError) else "inte ASCII"
        raise CacheKeyError(f"cachens nyckelfil {path} kan inte användas: {why}") from None
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise CacheKeyError(f"cachens nyckelfil {path} har fel form (64 hexadecimala tecken)")
    return bytes.fromhex(text)


# -- the schema of an entry (strict: no coercion, no extra keys) ---------------------
#
# Checked by hand as the JSON is turned into the outcome, in one pass: every value of
# its exact type (an ``int`` is never a bool, a float or a text), every object with
# exactly its keys, every choice one of its values. Anything else is ``_Wrong``: a miss.


class _Wrong(ValueError):
    """An entry that is not of the shape ``put`` writes."""


def _keys(value: Any, required: frozenset[str], optional: frozenset[str] = frozenset()) -> Any:
    if type(value) is not dict or not required <= value.keys() <= required | optional:
        raise _Wrong("keys")
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _Wrong("str")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _Wrong("int")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Wrong("list")
    return value


_TEXT = frozenset({"sv", "en"})


def _msg(value: Any) -> Msg:
    if type(value) is not dict or value.keys() != _TEXT:
        raise _Wrong("text")
    sv, en = value["sv"], value["en"]
    if type(sv) is not str or type(en) is not str:
        raise _Wrong("text")
    return Msg(sv, en)


_FINDING = frozenset(
    {"code", "name", "severity", "message", "file", "line", "column", "path", "label"}
    | {"suggestion"}
)
_FINDING_ALL = _FINDING | {"fix", "related"}
_FINDING_TYPES = (str, str, str, int, int, str)  # code, name, severity, line, column, path
_SEVERITY = {s.value: s for s in Severity}
_RELATED = frozenset({"message", "line", "column", "path"})


def _finding(f: Any, display: str) -> Finding:
    """A finding of ``display`` (tens of thousands an unchanged night: checked inline)."""
    if type(f) is not dict or not _FINDING <= f.keys() <= _FINDING_ALL:
        raise _Wrong("finding")
    code, name, severity, line, column, path = (
        f["code"],
        f["name"],
        f["severity"],
        f["line"],
        f["column"],
        f["path"],
    )
    kinds = (type(code), type(name), type(severity), type(line), type(column), type(path))
    if kinds != _FINDING_TYPES or severity not in _SEVERITY or f["file"] != display:
        raise _Wrong("finding")  # a finding of another file makes the entry a miss
    suggestion, fix, related = f["suggestion"], f.get("fix"), f.get("related", [])
    return Finding(
        code,
        name,
        _SEVERITY[severity],
        _msg(f["message"]),
        display,
        line,
        column,
        path,
        _msg(f["label"]),
        None if suggestion is None else _msg(suggestion),
        None if fix is None else _fix(fix),
        () if related == [] else _related(related),
    )


def _related(related: Any) -> tuple[Related, ...]:
    return tuple(
        Related(_msg(r["message"]), _int(r["line"]), _int(r["column"]), _str(r["path"]))
        for r in (_keys(r, _RELATED) for r in _list(related))
    )


_FIX = frozenset({"title", "applicability", "edits"})
_APPLICABILITY = {a.value: a for a in Applicability}
_EDIT_KEYS = frozenset(Edit._fields)


def _fix(fix: Any) -> Fix:
    _keys(fix, _FIX)
    applicability = fix["applicability"]
    if type(applicability) is not str or applicability not in _APPLICABILITY:
        raise _Wrong("applicability")
    edits = []
    for e in _list(fix["edits"]):
        _keys(e, _EDIT_KEYS)
        edits.append(
            Edit(
                _int(e["start_byte"]),
                _int(e["end_byte"]),
                _int(e["start_char"]),
                _int(e["end_char"]),
                _int(e["line"]),
                _int(e["column"]),
                _int(e["end_line"]),
                _int(e["end_column"]),
                _str(e["text"]),
            )
        )
    return Fix(_msg(fix["title"]), _APPLICABILITY[applicability], tuple(edits))


_SUPPRESSION = frozenset({"line", "column", "codes", "reason", "used"})


def _suppression(s: Any) -> Suppression:
    _keys(s, _SUPPRESSION)
    if type(s["used"]) is not bool:
        raise _Wrong("used")
    codes = [_str(c) for c in _list(s["codes"])]
    return Suppression(_int(s["line"]), _int(s["column"]), codes, _str(s["reason"]))


_RUN = frozenset({"file", "type", "year", "unit", "extracts", "places"})


def _run(r: Any, display: str) -> RunReport | None:
    if r is None:
        return None
    _keys(r, _RUN)
    year, extracts, places = r["year"], r["extracts"], r["places"]
    if r["file"] != display or type(extracts) is not dict or type(places) is not dict:
        raise _Wrong("run")
    for place in places.values():
        if type(place) is not list or len(place) != 4:
            raise _Wrong("place")
        _int(place[0]), _int(place[1]), _str(place[2]), _str(place[3])
    return RunReport(
        display,
        _opt_str(r["type"]),
        None if year is None else _int(year),
        _opt_str(r["unit"]),
        extracts,
        {k: tuple(v) for k, v in places.items()},
    )


_GLIMPSE = frozenset({"header", "length", "lines"})


def _glimpse(g: Any) -> Glimpse | None:
    """What the findings page shows of the file: the page's header words, and lines
    that lie in the file."""
    if g is None:
        return None
    _keys(g, _GLIMPSE)
    header, length = g["header"], _int(g["length"])
    if header is not None:
        if type(header) is not dict or header.keys() != set(HEADER):
            raise _Wrong("header")
        for word in header.values():
            _opt_str(word)
        header = dict(header)
    lines: dict[int, str] = {}
    for pair in _list(g["lines"]):  # some forty a file, every file a night: checked inline
        if type(pair) is not list or len(pair) != 2:
            raise _Wrong("line")
        n, text = pair
        if type(n) is not int or not 0 < n <= length or type(text) is not str:
            raise _Wrong("line")
        lines[n] = text
    if length <= 0:
        raise _Wrong("length")
    return Glimpse(header, length, lines)


_ENTRY = frozenset({"file", "findings", "suppressions", "run", "glimpse"})


def _no_constant(name: str) -> Any:
    raise _Wrong(name)  # NaN and Infinity are no JSON ``put`` writes


def _outcome(body: bytes, display: str, known: Known | None = None) -> FileOutcome:
    """The outcome an entry's body holds for ``display``, or ``_Wrong``.

    With ``known`` (what a nightly run knew of the file's final findings by this entry's
    key, under the same HMAC) the findings and suppressions are not made: the run hands
    the known ones on, and makes them from the entry again only if something reads them.
    """
    if known is not None:
        entry = _without_findings(body, display)
        findings, suppressions = [], []
        _list(entry["suppressions"])
    else:
        entry = _keys(json.loads(body, parse_constant=_no_constant), _ENTRY)
        if entry["file"] != display:
            raise _Wrong("file")  # an entry for another file is a miss
        findings = [_finding(f, display) for f in _list(entry["findings"])]
        suppressions = [_suppression(s) for s in _list(entry["suppressions"])]
    outcome = FileOutcome(display, findings, suppressions, _run(entry["run"], display), True)
    outcome.glimpse = _glimpse(entry["glimpse"])
    outcome.known = known
    return outcome


_AFTER_FINDINGS = b',"suppressions":'
_TAIL = frozenset({"suppressions", "run", "glimpse"})


def _without_findings(body: bytes, display: str) -> dict[str, Any]:
    """An entry's parts after its findings, which are not read (two thirds of its bytes).

    ``put`` writes the keys in order: the file, the findings, then the rest. In the
    findings a quote is escaped inside a text and no key is "suppressions", so the
    first ``,"suppressions":`` ends them.
    """
    name = json.dumps(display, ensure_ascii=False).encode("utf-8", "surrogateescape")
    cut = body.find(_AFTER_FINDINGS)
    if cut < 0 or not body.startswith(b'{"file":' + name + b',"findings":['):
        raise _Wrong("file")  # an entry for another file is a miss
    tail: dict[str, Any] = _keys(
        json.loads(b"{" + body[cut + 1 :], parse_constant=_no_constant), _TAIL
    )
    return tail


_PREFIX = b'{"mac":"'
_MIDDLE = b'","entry":'
_MAC_HEX = 64


class Cache:
    """One authenticated JSON file per (file content, file name, engine fingerprint)."""

    def __init__(
        self,
        folder: str | os.PathLike[str],
        engine_fingerprint: str,
        key_file: str | os.PathLike[str] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.salt = f"{CACHE_FORMAT}:{engine_fingerprint}"
        self.key_file = Path(key_file) if key_file is not None else cache_key_file()
        self.secret: bytes | None = None
        self.unusable: str | None = None  # why the cache is off for this run
        try:
            self.secret = load_key(self.key_file, self.folder)
        except CacheKeyError as exc:
            self.unusable = str(exc)

    def key(self, content: bytes, display: str) -> str:
        """The key of ``content`` checked as ``display`` (the bytes that are checked)."""
        h = hashlib.sha256(self.salt.encode())
        h.update(display.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(content)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def forget_writes_of(self, pid: int) -> None:
        """Remove the entries process ``pid`` was writing when it died (never put in place)."""
        for left in self.folder.glob(f"??/{temp_pattern(pid)}"):
            with contextlib.suppress(OSError):
                left.unlink()

    def _mac(self, key: str, body: bytes | memoryview) -> str:
        assert self.secret is not None
        mac = hmac.new(self.secret, key.encode() + b"\0", hashlib.sha256)
        mac.update(body)  # not joined to the key first: no copy of a large body
        return mac.hexdigest()

    def seal(self, label: str, body: bytes) -> bytes:
        """``body`` after the HMAC over ``label`` (what it is: never a key's 64 hex digits)
        and it, for a file of the cache folder that is no entry (the index, the memo)."""
        return self._mac(label, body).encode() + b"\n" + body

    def read_sealed(self, path: Path, label: str) -> Any:
        """The JSON of a file ``seal``ed with ``label``; None when it is missing, too big
        or fails its HMAC (ValueError when it is no JSON)."""
        try:
            raw = read_limited(path, INDEX_LIMIT)
        except OSError:
            return None
        body = self.unseal(label, raw)
        return None if body is None else json.loads(body)

    def unseal(self, label: str, raw: bytes) -> bytes | None:
        """The body ``seal`` sealed with ``label``; None if its HMAC fails."""
        body = self.unseal_view(label, raw)
        return None if body is None else bytes(body)

    def unseal_view(self, label: str, raw: bytes) -> memoryview | None:
        """``unseal``'s body as a view of ``raw``, not a copy (the memo: 70 MB at 20,000)."""
        cut = raw.find(b"\n")
        if cut < 0:
            return None
        body = memoryview(raw)[cut + 1 :]
        if not hmac.compare_digest(raw[:cut].decode("ascii", "replace"), self._mac(label, body)):
            return None
        return body

    def get(self, key: str, display: str, known: Known | None = None) -> FileOutcome | None:
        """The stored outcome for ``key``; None for a miss or any doubt about the entry.
        With ``known``, its findings are not made (``_outcome``)."""
        if self.secret is None:
            return None
        try:
            raw = read_limited(self._path(key), "cache-entry")
        except OSError:
            return None
        start = len(_PREFIX) + _MAC_HEX + len(_MIDDLE)
        if not (
            raw.startswith(_PREFIX)
            and raw[len(_PREFIX) + _MAC_HEX : start] == _MIDDLE
            and raw.endswith(b"}")
        ):
            return None
        mac = raw[len(_PREFIX) : len(_PREFIX) + _MAC_HEX].decode("ascii", "replace")
        body = raw[start:-1]
        if not hmac.compare_digest(mac, self._mac(key, body)):
            return None
        try:
            return _outcome(body, display, known)
        except (ValueError, TypeError, RecursionError):  # _Wrong, or no JSON (or no UTF-8)
            return None

    def put(self, key: str, outcome: FileOutcome) -> None:
        if self.secret is None:
            return
        entry = {
            "file": outcome.file,
            "findings": [f.as_dict() for f in outcome.findings],
            "suppressions": [s.as_dict() for s in outcome.suppressions],
            "run": None if outcome.run is None else outcome.run.as_dict(),
            "glimpse": _glimpse_entry(outcome.glimpse),
        }
        body = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogateescape"
        )
        data = _PREFIX + self._mac(key, body).encode() + _MIDDLE + body + b"}"
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data, durable=False)


def _glimpse_entry(glimpse: Glimpse | None) -> dict[str, Any] | None:
    if glimpse is None:
        return None
    lines = sorted(glimpse.lines.items())  # JSON keys would be text: pairs keep the numbers
    return {"header": glimpse.header, "length": glimpse.length, "lines": lines}


# -- the stat index: an unchanged file costs a stat, not a read and a hash ----------

# A file's stat as the index keeps it: size, mtime, ctime (ns), inode, device.
Stat = tuple[int, int, int, int, int]
# A file written less than this before it was read may change again within its mtime's
# granularity (2 s on FAT, a clock tick elsewhere) without a new mtime: it is "racy",
# left out of the index and read again next time (git and ruff do the same).
RACY_NS = 2_000_000_000
# About 220 bytes an entry: a tree of a million reports.
INDEX_LIMIT = 256 * 1024 * 1024


def stat_of(path: str, follow: bool) -> Stat | None:
    """The stat the index compares, of a regular file; None for anything else."""
    try:
        st = os.stat(path, follow_symlinks=follow)
    except (OSError, ValueError):
        return None
    if not stat_mod.S_ISREG(st.st_mode):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def stamp(path: str, display: str, follow: bool, before: Stat | None, read_at: int) -> Stamp | None:
    """The index entry of a file just read (``before``: its stat before, ``read_at``: when),
    or None when it changed while read or is racy."""
    if before is None or before[1] >= read_at - RACY_NS or stat_of(path, follow) != before:
        return None
    return (display, path, *before)


# (display, path, size, mtime, ctime, inode, device); the key goes with it (``Stamp``d outcome)
Stamp = tuple[str, str, int, int, int, int, int]


class _Index:
    """The index of a cache's salt: each file's name and stat → the key of its content.

    One file per salt in the cache folder, under the cache's HMAC over the salt and
    the body: an index that fails it, or any entry of the wrong shape, makes the whole
    index a miss (every file is read and hashed as without it). A file is served from
    it only when its stat is the one recorded, and its entry must still pass ``get``.
    """

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        name = hashlib.sha256(cache.salt.encode()).hexdigest()[:16]
        self.path = cache.folder / f"index-{name}.bin"  # not an entry (``*.json``)
        self.entries: dict[str, tuple[str, Stat, str]] = {}
        self.seen: list[tuple[Stamp, str]] = []

    def load(self) -> None:
        with contextlib.suppress(ValueError, TypeError):
            rows = self.cache.read_sealed(self.path, self.label)
            if rows is not None:
                self.entries = _index_entries(rows)

    @property
    def label(self) -> str:
        """What the index's HMAC says it is: the index of the cache's salt."""
        return f"index\0{self.cache.salt}"

    def _mac(self, body: bytes) -> str:
        return self.cache._mac(self.label, body)

    def key(self, path: str, display: str, follow: bool) -> tuple[str, Stamp] | None:
        """The key of ``display``'s content if the file is as the index saw it."""
        entry = self.entries.get(display)
        if entry is None or entry[0] != path:
            return None
        now = stat_of(path, follow)
        if now is None or now != entry[1]:
            return None
        return entry[2], (display, path, *now)

    def save(self) -> None:
        """This run's entries, and the earlier ones of files this run did not read that are
        still there (a check of one file keeps the tree's), replacing the index."""
        rows = [[*s, k] for s, k in self.seen]
        seen = {s[0] for s, _ in self.seen}
        for display, (path, stat, key) in self.entries.items():
            if display not in seen and os.path.lexists(path):
                rows.append([display, path, *stat, key])
        rows.sort()
        body = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogateescape"
        )
        self.cache.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, self.cache.seal(self.label, body), durable=False)


def _index_entries(rows: Any) -> dict[str, tuple[str, Stat, str]]:
    """The entries of an index body, every value of its exact type, else ValueError."""
    if type(rows) is not list:
        raise ValueError("index")
    out: dict[str, tuple[str, Stat, str]] = {}
    for row in rows:
        if type(row) is not list or len(row) != 8:
            raise ValueError("index")
        display, path, *numbers, key = row
        if type(display) is not str or type(path) is not str or type(key) is not str:
            raise ValueError("index")
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise ValueError("index")
        if any(type(n) is not int or n < 0 for n in numbers):
            raise ValueError("index")
        out[display] = (path, (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]), key)
    return out


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (a temp file written and renamed)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):  # no POSIX signals here
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class SafeCache(Cache):
    """The batch cache, made safe for unattended runs.

    Any damaged entry is a miss; a failed write is counted and reported once
    at the end, not raised; outcomes with an internal error are not stored.
    Records which files were served from it (``note``, in the parent process).
    """

    def __init__(
        self,
        folder: str | os.PathLike[str],
        salt: str,
        key_file: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__(folder, salt, key_file)
        self.hits: set[str] = set()
        self.write_error: str | None = None  # the first one
        self.write_errors = 0
        self.index = _Index(self)
        # What a nightly run knew of files' final findings, by key (``Known``): their
        # outcomes are handed on by reference. Empty for any other run.
        self.known: dict[str, Known] = {}
        # What a nightly run keeps of each outcome for the next night, made by the worker
        # that made the outcome (``PackedOutcome.kept``). None for any other run.
        self.keeps: Callable[[FileOutcome], object] | None = None
        if self.secret is not None:
            with contextlib.suppress(Exception):  # an index in doubt is no index
                self.index.load()

    def unchanged(self, path: str, display: str, follow: bool) -> FileOutcome | None:
        """The outcome of a file whose stat is the one the index recorded with its key."""
        found = self.index.key(path, display, follow)
        if found is None:
            return None
        key, entry = found
        outcome = self.lookup(key, display)
        if outcome is not None:
            outcome.index = (*entry, key)
        return outcome

    def lookup(self, key: str, display: str) -> FileOutcome | None:
        """The outcome stored under ``key`` as a run uses it: by reference when known."""
        outcome = self.get(key, display, self.known.get(key))
        if outcome is not None:
            outcome.key = key
        return outcome

    def before_read(self, path: str, follow: bool) -> tuple[Stat | None, int]:
        """A file's stat and the time, taken just before it is read."""
        return stat_of(path, follow), time.time_ns()

    def indexed(
        self,
        outcome: FileOutcome,
        key: str,
        path: str,
        follow: bool,
        before: tuple[Stat | None, int],
    ) -> None:
        """Note the index entry of a file read whole, when its outcome is stored under ``key``."""
        if outcome.cache_error is not None or any(f.is_internal for f in outcome.findings):
            return  # no entry was written
        outcome.key = key
        entry = stamp(path, outcome.file, follow, *before)
        if entry is not None:
            outcome.index = (*entry, key)

    def get(self, key: str, display: str, known: Known | None = None) -> FileOutcome | None:
        try:
            return super().get(key, display, known)
        except Exception:
            return None

    def put(self, key: str, outcome: FileOutcome) -> None:
        """Store ``outcome``; a failure is noted on the outcome, never raised."""
        if any(f.is_internal for f in outcome.findings):
            return
        try:
            with _signals_held():  # Ctrl-C or a stopped worker never leaves a temp file
                super().put(key, outcome)
        except (OSError, ValueError) as exc:
            outcome.cache_error = os_error(exc).sv if isinstance(exc, OSError) else str(exc)

    def note(self, outcome: FileOutcome) -> None:
        """Count what a (possibly forked) worker did with the cache for ``outcome``."""
        if outcome.cached:
            self.hits.add(outcome.file)
        if outcome.index is not None:
            self.index.seen.append((outcome.index[:7], outcome.index[7]))
            outcome.index = None
        if outcome.cache_error is not None:
            self.write_errors += 1
            self.write_error = self.write_error or outcome.cache_error
            outcome.cache_error = None

    def save_index(self) -> None:
        """The run's index, for the next run; a failure is counted like a failed write."""
        if self.secret is None:
            return
        try:
            with _signals_held():
                self.index.save()
        except (OSError, ValueError) as exc:
            self.write_errors += 1
            self.write_error = self.write_error or (
                os_error(exc).sv if isinstance(exc, OSError) else str(exc)
            )


# Modules that only present or store findings: editing them cannot change an outcome.
_PRESENTATION = {
    "checker/cli/__init__.py",
    "checker/cli/options.py",
    "checker/nightly/runner.py",
    "checker/nightly/history.py",
    "checker/run/baseline.py",
    "checker/nightly/dashboard.py",
    "checker/nightly/sections.py",
    "checker/run/output.py",
    "checker/templating_gen.py",
}
_PRESENTATION_FOLDERS = ("checker/outputs/", "checker/compiled_templates/")


def source_digest() -> str:
    """A digest of the Python source that produces findings (checker and built-in rules)."""
    h = hashlib.sha256()
    for package in ("checker", "rules"):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        if not module.__file__:
            continue
        folder = Path(module.__file__).parent
        for source in sorted(folder.rglob("*.py")):
            name = f"{package}/{source.relative_to(folder).as_posix()}"
            if name in _PRESENTATION or name.startswith(_PRESENTATION_FOLDERS):
                continue
            h.update(name.encode())
            h.update(b"\0")
            h.update(read_limited(source, "source"))
    return h.hexdigest()
