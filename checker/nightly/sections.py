"""The pages' parts, kept between nights so that an unchanged unit is not rendered again:
the findings page's unit sections and the dashboard's per-unit findings; and the findings
page's packed excerpt lines, not packed again on a night when none of them changed.

A part is stored under the hash of everything it shows (``html._Units``,
``dashboard._UnitParts``) and its kind (which page it belongs to), in a ``sections``
folder inside the nightly run's cache folder, and trusted as the cache trusts its
entries (``checker.run.cache``): each file carries an HMAC-SHA256, made with the
cache's secret key (kept outside the cache folder), over its kind, its key and its
text. A part that is forged, copied under another key or kind, damaged, too large or
no regular file is a miss: the unit is rendered again, never shown from it. One store
serves both pages of a run; the parts neither page used are removed once both are
written.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
from pathlib import Path

from checker.outputs.html import EXCERPTS  # the findings page's packed excerpt lines
from checker.read.safeio import MiB, read_limited, write_atomically

FOLDER = "sections"  # inside the cache folder
_MAGIC = b"rapportkoll-section 1\n"
_MAC_HEX = 64
_SUFFIX = ".html"
MAX_SECTION = 64 * MiB  # one unit's section (a unit with thousands of findings is ~5 MB)
SECTION = "section"  # the findings page's unit sections
DASHBOARD = "dashboard"  # the dashboard's findings of a unit
_KINDS = (SECTION, DASHBOARD, EXCERPTS)


class SectionStore:
    """Rendered parts of pages by kind and content key, authenticated with the cache's
    secret key."""

    def __init__(self, folder: str | os.PathLike[str], secret: bytes) -> None:
        self.folder = Path(folder)
        self.secret = secret
        self.used: set[str] = set()  # the names of the files this run read or wrote
        self.hits = 0
        self.write_error: OSError | None = None

    def _mac(self, kind: str, key: str, body: bytes) -> str:
        # the kind keeps one page's part from ever standing for the other's, and a part's
        # MAC from standing for a cache entry's (whose message starts with a hex key)
        message = kind.encode("ascii") + b"\0" + key.encode("ascii") + b"\0" + body
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def get(self, key: str, kind: str = SECTION) -> str | None:
        """The part of ``kind`` stored under ``key``; None for a miss or any doubt about it."""
        if not _is_key(key) or kind not in _KINDS:
            return None
        name = _name(kind, key)
        try:
            raw = read_limited(self.folder / name, MAX_SECTION, follow=False)
        except OSError:
            return None
        head = len(_MAGIC) + _MAC_HEX + 1
        if not raw.startswith(_MAGIC) or raw[head - 1 : head] != b"\n":
            return None
        mac = raw[len(_MAGIC) : head - 1].decode("ascii", "replace")
        body = raw[head:]
        if not hmac.compare_digest(mac, self._mac(kind, key, body)):
            return None
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return None
        self.used.add(name)
        self.hits += 1
        return text

    def has(self, key: str, kind: str = SECTION) -> bool:
        """Whether a part of ``kind`` is stored under ``key`` (not yet whether it is sound)."""
        if not _is_key(key) or kind not in _KINDS:
            return False
        try:
            return stat.S_ISREG(os.lstat(self.folder / _name(kind, key)).st_mode)
        except OSError:
            return False

    def put(self, key: str, text: str, kind: str = SECTION) -> None:
        """Keep ``text`` under ``kind`` and ``key``; a failure to write is noted, never raised."""
        if not _is_key(key) or kind not in _KINDS:
            return
        name = _name(kind, key)
        self.used.add(name)
        body = text.encode("utf-8")
        data = _MAGIC + self._mac(kind, key, body).encode("ascii") + b"\n" + body
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.folder / name, data, durable=False)
        except OSError as exc:
            self.write_error = self.write_error or exc

    def prune(self) -> None:
        """Remove the parts this run did not use (units changed or gone); once, after both
        pages are written, so that neither page removes the other's."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            # a bare key: a section named as an earlier version named them
            if (_is_name(name) or _is_key(name.removesuffix(_SUFFIX))) and name not in self.used:
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / name)


def _name(kind: str, key: str) -> str:
    return f"{kind}-{key}{_SUFFIX}"


def _is_name(name: str) -> bool:
    kind, _, rest = name.partition("-")
    return kind in _KINDS and rest.endswith(_SUFFIX) and _is_key(rest[: -len(_SUFFIX)])


def _is_key(key: str) -> bool:
    return len(key) == 64 and not key.strip("0123456789abcdef")
