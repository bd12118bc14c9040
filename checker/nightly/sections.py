"""The findings page's unit sections, kept between nights so that an unchanged unit is not
rendered again.

A section is stored under the hash of everything it shows (``html._Units``), in a
``sections`` folder inside the nightly run's cache folder, and trusted as the
cache trusts its entries (``checker.run.cache``): each file carries an HMAC-SHA256,
made with the cache's secret key (kept outside the cache folder), over its key and
its text. A section that is forged, copied under another key, damaged, too large or
no regular file is a miss: the unit is rendered again, never shown from it.
Sections no night used are removed at the end of the run that did not use them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
from pathlib import Path

from checker.read.safeio import MiB, read_limited, write_atomically

FOLDER = "sections"  # inside the cache folder
_MAGIC = b"rapportkoll-section 1\n"
_MAC_HEX = 64
_SUFFIX = ".html"
MAX_SECTION = 64 * MiB  # one unit's section (a unit with thousands of findings is ~5 MB)


class SectionStore:
    """Rendered sections by content key, authenticated with the cache's secret key."""

    def __init__(self, folder: str | os.PathLike[str], secret: bytes) -> None:
        self.folder = Path(folder)
        self.secret = secret
        self.used: set[str] = set()
        self.hits = 0
        self.write_error: OSError | None = None

    def _mac(self, key: str, body: bytes) -> str:
        # "section" keeps a section's MAC from ever standing for a cache entry's, and back
        message = b"section\0" + key.encode("ascii") + b"\0" + body
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def get(self, key: str) -> str | None:
        """The section stored under ``key``; None for a miss or any doubt about it."""
        if not _is_key(key):
            return None
        try:
            raw = read_limited(self._path(key), MAX_SECTION, follow=False)
        except OSError:
            return None
        head = len(_MAGIC) + _MAC_HEX + 1
        if not raw.startswith(_MAGIC) or raw[head - 1 : head] != b"\n":
            return None
        mac = raw[len(_MAGIC) : head - 1].decode("ascii", "replace")
        body = raw[head:]
        if not hmac.compare_digest(mac, self._mac(key, body)):
            return None
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return None
        self.used.add(key)
        self.hits += 1
        return text

    def put(self, key: str, text: str) -> None:
        """Keep ``text`` under ``key``; a failure to write is noted, never raised."""
        if not _is_key(key):
            return
        self.used.add(key)
        body = text.encode("utf-8")
        data = _MAGIC + self._mac(key, body).encode("ascii") + b"\n" + body
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self._path(key), data, durable=False)
        except OSError as exc:
            self.write_error = self.write_error or exc

    def prune(self) -> None:
        """Remove the sections this run did not use (units changed or gone)."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            key = name[: -len(_SUFFIX)] if name.endswith(_SUFFIX) else ""
            if _is_key(key) and key not in self.used:
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / name)


def _is_key(key: str) -> bool:
    return len(key) == 64 and all(c in "0123456789abcdef" for c in key)
