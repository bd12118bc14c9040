"""The tree under ``--root``: its reports by committee (nämnd) and unit, and safe paths.

The reports are the YAML files a ``check`` of the folder would take (hidden
files and folders skipped, links to folders not walked into, links out of the
tree left out). Each report's committee and unit come from its header; a
header is read again only when the file's size or modification time changed.

``resolve`` is the one way a name from a URL becomes a file: a relative POSIX
path of plain components, naming a report file whose real path (links
resolved) lies inside the root. Anything else is refused with 403 (a path
that tries to leave: ``..``, absolute, a backslash, a link out of the tree) or
404 (no such report). A report whose name ``resolve`` would refuse (a
backslash in it, bytes that are not UTF-8) is not listed with the others but
named apart (``unserved``), so that every link the desk shows opens.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from checker.read.committee import UNKNOWN, committee_of
from checker.read.loader import read_file
from checker.run.files import REPORT_SUFFIXES, candidates
from checker.swedish import natural_key

NO_COMMITTEE = UNKNOWN.sv
_TYPE_ORDER = {"VP": 0, "T1": 1, "T2": 2, "VB": 3}


def name_refusal(rel: str) -> int | None:
    """Why a name from a URL is never served (403: it tries to leave, 404: not a report), or None.

    The tree lists only names this accepts, so that every name listed can be opened.
    """
    if not rel or "\x00" in rel or "\\" in rel or rel.startswith("/"):
        return 403
    if re.match(r"^[A-Za-z]:", rel):
        return 403  # a Windows drive
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return 403
    if any(p.startswith(".") for p in parts) or not rel.lower().endswith(REPORT_SUFFIXES):
        return 404  # hidden files and anything but reports are never served
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return 404  # a name that is not UTF-8 cannot be written in a URL
    return None


def shown_name(rel: str) -> str:
    """A name as a page can show it (bytes that are not UTF-8 replaced)."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class Refused(Exception):
    """A path from a URL that is not served: 403 (tries to leave the root) or 404."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True)
class Report:
    rel: str  # POSIX path below the root, as in URLs
    path: str  # root joined with rel (a link inside the tree stays a link)
    committee: str
    unit: str
    type: str | None
    year: str | None

    @property
    def title(self) -> str:
        parts = [p for p in (self.type, self.year) if p]
        return " ".join(parts) if parts else PurePosixPath(self.rel).name

    def order(self) -> tuple[str, int, tuple[tuple[int, int, str], ...]]:
        return (self.year or "", _TYPE_ORDER.get(self.type or "", 9), natural_key(self.rel))


@dataclass
class Unit:
    key: str
    committee: str
    name: str
    reports: list[Report] = field(default_factory=list)


def unit_key(committee: str, unit: str) -> str:
    """A short, stable id for URLs (no report text ever goes into a path)."""
    return hashlib.sha256(f"{committee}\0{unit}".encode()).hexdigest()[:16]


def _text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = " ".join(str(value).split())
    return text or None


class Tree:
    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self._headers: dict[str, tuple[tuple[int, int, int], Report]] = {}
        self._lock = threading.Lock()
        self.unserved: list[str] = []  # reports whose names cannot be served (shown names)

    def reports(self) -> list[Report]:
        """Every report under the root now, its header read (again only when changed)."""
        found: list[Report] = []
        seen: set[str] = set()
        unserved: list[str] = []
        for c in candidates([self.root]):
            if c.refusal is not None:
                continue  # a link out of the tree: never read, never served
            rel = PurePosixPath(*os.path.relpath(c.path, self.root).split(os.sep)).as_posix()
            if name_refusal(rel) is not None:
                unserved.append(shown_name(rel))  # listed apart, with what to do
                continue
            try:
                st = os.stat(c.path)
            except OSError:
                continue
            signature = (st.st_mtime_ns, st.st_size, st.st_ino)
            seen.add(rel)
            with self._lock:
                hit = self._headers.get(rel)
            if hit is not None and hit[0] == signature:
                found.append(hit[1])
                continue
            report = self._read(rel, c.path)
            with self._lock:
                self._headers[rel] = (signature, report)
            found.append(report)
        with self._lock:
            for gone in set(self._headers) - seen:
                del self._headers[gone]
            self.unserved = unserved
        return found

    def _read(self, rel: str, path: str) -> Report:
        doc = read_file(path)
        header = doc.data.get("rapport") if isinstance(doc.data, dict) else None
        header = header if isinstance(header, dict) else {}
        committee = committee_of(header) or NO_COMMITTEE
        name = PurePosixPath(rel).name
        unit = _text(header.get("enhet")) or f"{name} (enhet saknas i rapporthuvudet)"
        return Report(rel, path, committee, unit, _text(header.get("typ")), _text(header.get("år")))

    def committees(self) -> list[tuple[str, list[Unit]]]:
        """Committees and their units, both in natural order; reports in year and type order."""
        units: dict[tuple[str, str], Unit] = {}
        for r in self.reports():
            key = (r.committee, r.unit)
            unit = units.get(key)
            if unit is None:
                unit = units[key] = Unit(unit_key(r.committee, r.unit), r.committee, r.unit)
            unit.reports.append(r)
        by_committee: dict[str, list[Unit]] = {}
        for unit in units.values():
            unit.reports.sort(key=Report.order)
            by_committee.setdefault(unit.committee, []).append(unit)
        ordered = sorted(by_committee.items(), key=lambda kv: natural_key(kv[0]))
        return [(c, sorted(us, key=lambda u: natural_key(u.name))) for c, us in ordered]

    def unit(self, key: str) -> Unit | None:
        for _, units in self.committees():
            for unit in units:
                if unit.key == key:
                    return unit
        return None

    def resolve(self, rel: str) -> str:
        """The real path of the report ``rel`` names; ``Refused`` (403 or 404) otherwise."""
        status = name_refusal(rel)
        if status is not None:
            raise Refused(status)
        real = os.path.realpath(os.path.join(self.root, *rel.split("/")))
        try:
            inside = os.path.commonpath([real, self.root]) == self.root
        except ValueError:
            inside = False
        if not inside:
            raise Refused(403)  # a link that leads out of the tree
        if not os.path.isfile(real):
            raise Refused(404)
        return real
