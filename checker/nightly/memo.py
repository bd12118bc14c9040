"""What a nightly run knew of each file's final findings, for the next night.

A report whose content, name and checker are the same as the night before, and on
which no run rule found anything, has the same final findings as then: the same set
in the history, the same outlines and digest on the findings page, the same counts.
The memo keeps these by the key of the file's cache entry (``checker.results.Known``),
so that the next night hands such a file on by reference: it neither makes its
findings from the cache entry nor pickles, identifies or hashes them again.

The memo is one file in the cache folder, under the cache's HMAC, for the cache's
salt and the source of the modules that make what it keeps (a change to how the
history or the page digests findings is a new memo). A memo that fails its HMAC, or
has any entry of the wrong shape, is no memo: every file's findings are made as
without it. An entry whose set is no longer in the history is made again too.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
from pathlib import Path
from typing import Any

from checker.read.safeio import read_limited, write_atomically
from checker.results import Known, OutlineRow
from checker.run.cache import SafeCache

MEMO_FORMAT = 1
# The modules whose code makes what a memo entry keeps: the history's set digest and
# identities, the page's digest and outlines, the nightly run's sinks, the memo.
_MAKERS = (
    "checker.findings",
    "checker.nightly.history",
    "checker.nightly.memo",
    "checker.nightly.pagefindings",
    "checker.nightly.runner",
    "checker.outputs.html",
    "checker.results",
)
_SEVERITIES = frozenset({"error", "warning", "info"})
_HEX = frozenset("0123456789abcdef")


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
        self.label = f"memo\0{MEMO_FORMAT}\0{cache.salt}\0{_makers_digest()}"
        self.entries: dict[str, Known] = {}
        self._noted: dict[str, list[Any]] = {}

    def load(self) -> None:
        if self.cache.secret is None:
            return
        with contextlib.suppress(ValueError, TypeError, KeyError):
            rows = self.cache.read_sealed(self.path, self.label)
            if rows is not None:
                self.entries = _entries(rows)

    def history(
        self, key: str, rel: str, unit: str, digest: str | None, tally: tuple[int, ...]
    ) -> None:
        """The history's part: the file's name and unit, its set's digest and counts."""
        self._part(key)[:4] = [rel, unit, digest, list(tally)]

    def page(self, key: str, digest: str, outlines: list[OutlineRow]) -> None:
        """The findings page's part: its digest of the findings, and their outlines."""
        self._part(key)[4:] = [digest, outlines]

    def _part(self, key: str) -> list[Any]:
        return self._noted.setdefault(key, [None, None, None, None, None, None])

    def save(self) -> None:
        """The entries noted whole (a file without findings needs no page part); what the
        memo held is let go (the pages that follow allocate much: less for the GC to walk)."""
        noted, self._noted = self._noted, {}
        self.entries.clear()  # the run's (``SafeCache.known``), done with
        if self.cache.secret is None:
            return
        rows = {
            k: v
            for k, v in noted.items()
            if v[0] is not None and (v[4] is not None or v[3][0] == 0)
        }
        body = json.dumps(rows, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        data = self.cache.seal(self.label, body.encode("utf-8", "surrogateescape"))
        with contextlib.suppress(OSError):  # a memo not written costs the next night speed
            self.cache.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, data, durable=False)


def _entries(rows: Any) -> dict[str, Known]:
    """The entries of a memo body, every value of its exact type, else ValueError."""
    if type(rows) is not dict:
        raise ValueError("memo")
    return {key: _entry(key, row) for key, row in rows.items()}


def _entry(key: str, row: Any) -> Known:
    if len(key) != 64 or not _HEX.issuperset(key):
        raise ValueError("key")
    if type(row) is not list or len(row) != 6:
        raise ValueError("entry")
    rel, unit, history, tally, page, outlines = row
    if type(rel) is not str or type(unit) is not str:
        raise ValueError("names")
    for digest in (history, page):
        if digest is not None and (type(digest) is not str or len(digest) != 64):
            raise ValueError("digest")
    if type(tally) is not list or len(tally) != 7 or any(type(n) is not int for n in tally):
        raise ValueError("tally")
    found = () if outlines is None else tuple(_outline(o) for o in _list(outlines))
    if (page is None) != (tally[0] == 0) or len(found) != sum(tally[1:4]):
        raise ValueError("counts")
    if (history is None) != (tally[0] == 0):
        raise ValueError("history")
    return Known(key, rel, unit, history, page, found, tuple(tally))


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise ValueError("list")
    return value


def _outline(o: Any) -> OutlineRow:
    if type(o) is not list or len(o) != 5:
        raise ValueError("outline")
    line, column, severity, code, name = o
    if type(line) is not int or type(column) is not int or severity not in _SEVERITIES:
        raise ValueError("outline")
    if type(code) is not str or type(name) is not str:
        raise ValueError("outline")
    return line, column, severity, code, name
