"""Which files a run checks: the reports under the paths it is given.

The checked tree is every folder given on the command line and, for a file
given, its folder. Within it:

- a walk takes ``.yaml``/``.yml`` files and skips hidden files and folders;
  exports (``.txt``, ``.md``, ``.pdf``, ``.docx``) only when asked
  (``--include-exports``), so that a README is never taken for a report;
- a walk skips what ``exclude``/``extend-exclude`` name (as ruff has them:
  ``.git``, ``.venv``, ``node_modules`` … by default), and a YAML file with
  none of a report's top-level keys (a ``docker-compose.yml``, the roster, a
  rule file): ``--show-files`` lists each with the reason;
- a file given by name is checked whatever its kind (an export is imported),
  excluded or not, so that a report whose keys are all misspelt still gets
  its findings;
- folders reached through a symbolic link are never walked into (no loops,
  no leaving the tree);
- a symbolic link to a file outside the tree is not followed: it is reported
  as RK105 under the link's own name, without ever naming or reading the
  target;
- a symbolic link to a file inside the tree is checked once: not at all when
  the file it points to is in the run anyway, else under the link's name;
- anything that is not a regular file (a FIFO, a socket, a device) is
  reported as RK105 by the reader, which never opens it.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from checker.findings import Msg
from checker.paths import (
    DEFAULT_EXCLUDE,
    display_name,
    identity,
    inside,
    path_below,
    tree_roots,
)
from checker.read.sources import EXPORT_SUFFIXES
from checker.record import Frozen

if TYPE_CHECKING:
    from checker.engine.settings import Settings

REPORT_SUFFIXES = (".yaml", ".yml")

OUTSIDE_LINK = Msg(
    "Filen är en symbolisk länk som pekar utanför de kontrollerade mapparna. Den följs inte"
    " och läses inte; kontrollera filen där den ligger, eller ersätt länken med en kopia.",
    "The file is a symbolic link that points outside the checked folders. It is not followed"
    " or read; check the file where it lives, or replace the link with a copy.",
)


class Candidate(NamedTuple):
    """A file of the run: where to read it, its name in findings, and why it is not read."""

    path: str
    display: str
    refusal: Msg | None = None
    link: bool = False  # a link inside the tree: followed; any other name is read without


def outside_link(path: str, roots: list[str]) -> Msg | None:
    """``OUTSIDE_LINK`` when ``path`` is a symbolic link out of ``roots`` (the tree), else None:
    the one rule for every command that reads a file it is given (check, import, render)."""
    if os.path.islink(path) and not inside(path, roots):
        return OUTSIDE_LINK
    return None


class Walk(Frozen):
    """What a folder walk leaves out: ``exclude`` patterns (relative to ``root``), files the
    run reads for another purpose (``never``: the roster, rule files), and YAML files that
    are not reports (``sniff``). ``known`` tells a regular file the run knows as a report
    by its stat (the nightly run's unchanged files), whose head is then not read."""

    _fields = ("exclude", "root", "never", "sniff", "known")
    exclude: tuple[str, ...]
    root: str | None
    never: frozenset[tuple[int, int]]
    sniff: bool
    known: Callable[[str, os.DirEntry[str]], bool] | None

    def __init__(
        self,
        exclude: tuple[str, ...] = DEFAULT_EXCLUDE,
        root: str | None = None,
        never: frozenset[tuple[int, int]] = frozenset(),
        sniff: bool = True,
        known: Callable[[str, os.DirEntry[str]], bool] | None = None,
    ) -> None:
        # never: (device, inode) of files never checked
        self._put(exclude, root, never, sniff, known)

    def excluded(self, path: str) -> str | None:
        """The pattern that excludes ``path`` (a file or folder met by the walk), or None."""
        names, nested = _exclusion(self.exclude)
        if not nested and not names.match(os.path.normcase(os.path.basename(path))):
            return None  # the walk's common case: no pattern names a path, none this name
        here = os.getcwd()  # a relative path or root is taken from here
        return _excluded(self.exclude, path, self.root or here, here)

    @classmethod
    def of(cls, settings: Settings) -> Walk:
        """What a folder walk of a run with ``settings`` leaves out."""
        walk = cls(exclude=settings.exclude, root=settings.root)
        return walk.with_never(*settings.rule_sources)  # rule files are never reports

    def with_never(self, *paths: str | None) -> Walk:
        """The same walk, leaving out ``paths`` under any name (the roster, rule files)."""
        found = {i for i in (identity(p) for p in paths if p) if i is not None}
        return Walk(self.exclude, self.root, self.never | found, self.sniff, self.known)

    def knowing(self, known: Callable[[str, os.DirEntry[str]], bool]) -> Walk:
        """The same walk, taking the files ``known`` tells as reports without a sniff."""
        return Walk(self.exclude, self.root, self.never, self.sniff, known)


@lru_cache(maxsize=8)
def _exclusion(exclude: tuple[str, ...]) -> tuple[re.Pattern[str], bool]:
    """One expression for the patterns of ``exclude`` that match a name (as ``fnmatch``
    does), and whether any pattern matches a path below the root instead."""
    bare = [p.rstrip("/") for p in exclude]
    names = [fnmatch.translate(os.path.normcase(p)) for p in bare if "/" not in p]
    return re.compile("|".join(names) or "(?!)"), any("/" in p for p in bare)


def _excluded(exclude: tuple[str, ...], path: str, root: str, here: str) -> str | None:
    """The pattern of ``exclude`` that excludes ``path`` (relative to ``root``, both from the
    folder ``here``), or None."""
    name = os.path.basename(path)
    rel = path_below(path, root)
    for pattern in exclude:
        bare = pattern.rstrip("/")
        if "/" in bare:
            if fnmatch.fnmatch(rel, bare) or fnmatch.fnmatch(rel, bare + "/*"):
                return pattern
        elif fnmatch.fnmatch(name, bare):
            return pattern
    return None


SKIPPED_EXCLUDED = Msg("utesluten av exclude ({pattern})", "excluded by exclude ({pattern})")
SKIPPED_NOT_REPORT = Msg(
    "ingen rapport: ingen av rapportens nycklar på översta nivån ({keys})",
    "not a report: none of a report's top-level keys ({keys})",
)
SKIPPED_OWN = Msg(
    "läses av körningen för annat (inlämningslista eller regelfil)",
    "read by the run for another purpose (roster or rule file)",
)


@lru_cache(maxsize=1)
def report_keys() -> tuple[str, ...]:
    """The report's top-level keys, as the model names them (its generated validator's
    table: a folder's walk must not import pydantic)."""
    from checker.read.fastmodel import Report

    return tuple(key for key, _, _ in Report.CHECKS)


# A sniff is read from the file's head; a report's first top-level key stands within it.
_SNIFF_BYTES = 256 * 1024
# Nearly every report names a top-level key in its first lines: a glance at them decides
# without decoding the whole head (decoding is most of a sniff's cost).
_GLANCE_BYTES = 4096


def looks_like_report(path: str) -> bool:
    """Whether a YAML file has a report's top-level key (or cannot be told without
    reading it as YAML: a flow mapping, an unreadable or undecodable file)."""
    try:
        with open(path, "rb") as f:
            head = f.read(_GLANCE_BYTES)
            # A key in the glance, decoded leniently (the last character may be cut), is a
            # key in the whole head decoded strictly, or the head is undecodable: either way
            # a report.
            if _top_level_key(head.decode("utf-8-sig", "ignore")) is not None:
                return True
            # no more than the file holds (a 256 KiB buffer for an 8 KiB report costs
            # more than reading it); a size of 0 may be a file system's "unknown"
            size = os.fstat(f.fileno()).st_size
            more = (min(size, _SNIFF_BYTES) or _SNIFF_BYTES) - len(head)
            if len(head) == _GLANCE_BYTES and more > 0:
                head += f.read(more)
    except OSError:
        return True  # the check names the problem
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return True
    if _top_level_key(text) is not None:
        return True  # a report's key: most files, told without looking at every line
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return True  # empty: a report not yet written is reported (RK105), never skipped
    return text.lstrip().startswith(("{", "%", "---\n{"))


@lru_cache(maxsize=1)
def _key_pattern() -> re.Pattern[str]:
    keys = "|".join(re.escape(k) for k in report_keys())
    return re.compile(rf"""(?m)^(["']?)({keys})\1[ \t]*:""")


def _top_level_key(text: str) -> str | None:
    found = _key_pattern().search(text)
    return found[2] if found else None


def has_reports(top: str, exports: bool = False, walk: Walk | None = None) -> bool:
    """Whether a walk of ``top`` finds any file to check (stops at the first)."""
    suffixes = REPORT_SUFFIXES + EXPORT_SUFFIXES if exports else REPORT_SUFFIXES
    return any(why is None for _, why in _files_under(top, suffixes, walk or Walk()))


def _files_under(
    top: str, suffixes: tuple[str, ...], walk: Walk, links: set[str] | None = None
) -> Iterator[tuple[str, Msg | None]]:
    """Files under ``top`` with why each is skipped (None: checked); links to folders are
    not walked into, excluded folders are reported once and not entered. The files that
    are symbolic links go into ``links`` (the folder's listing tells: no stat of each)."""
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                pattern = walk.excluded(entry.path)
                if pattern is None:
                    subfolders.append(entry.path)
                else:
                    yield entry.path + os.sep, SKIPPED_EXCLUDED.format(pattern=pattern)
            elif name.lower().endswith(suffixes):
                try:
                    # only a regular file is opened to be sniffed: never a FIFO, a device, or
                    # a link (which may lead out of the tree; the run decides on links)
                    regular = entry.is_file(follow_symlinks=False)
                except OSError:
                    regular = False
                if links is not None and not regular and _is_link(entry):
                    links.add(entry.path)
                yield entry.path, _skip_reason(entry.path, walk, regular, entry)
        folders.extend(sorted(subfolders, reverse=True))


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _skip_reason(
    path: str, walk: Walk, regular: bool, entry: os.DirEntry[str] | None = None
) -> Msg | None:
    pattern = walk.excluded(path)
    if pattern is not None:
        return SKIPPED_EXCLUDED.format(pattern=pattern)
    if walk.never and identity(path) in walk.never:
        return SKIPPED_OWN
    if (
        walk.sniff
        and regular
        and path.lower().endswith(REPORT_SUFFIXES)
        and not (walk.known is not None and entry is not None and walk.known(path, entry))
        and not looks_like_report(path)
    ):
        return SKIPPED_NOT_REPORT.format(keys=", ".join(report_keys()))
    return None


def candidates(
    paths: Iterable[str], exports: bool = False, walk: Walk | None = None
) -> list[Candidate]:
    """Every file of a run in order, with links and non-regular files decided.

    With ``exports`` a walk also takes the city's exports (text, PDF, Word).
    A file the run reads for another purpose (``Walk.never``, by device and inode:
    the roster inside the tree, under any name) is no report and is left out.
    """
    return walked(paths, exports, walk)[0]


def walked(
    paths: Iterable[str], exports: bool = False, walk: Walk | None = None
) -> tuple[list[Candidate], list[tuple[str, Msg]]]:
    """The run's files (see ``candidates``) and what the walk skipped, with why."""
    suffixes = REPORT_SUFFIXES + EXPORT_SUFFIXES if exports else REPORT_SUFFIXES
    walk = walk or Walk()
    given = list(paths)
    roots = tree_roots(given)
    listed: list[str] = []
    skipped: list[tuple[str, Msg]] = []
    seen: set[str] = set()
    linked: set[str] = set()  # the files met by a walk that are symbolic links
    for path in given:
        found: Iterable[tuple[str, Msg | None]]
        if os.path.isdir(path):
            found = _files_under(path, suffixes, walk, linked)
        else:
            # a file named is checked, unless the run reads it for another purpose
            found = [(path, SKIPPED_OWN if walk.never and identity(path) in walk.never else None)]
            if os.path.islink(path):
                linked.add(path)
        for c, why in sorted(found):
            key = os.path.normpath(c)
            if key in seen:
                continue
            seen.add(key)
            if why is None:
                listed.append(c)
            else:
                skipped.append((display_name(key) + ("/" if c.endswith(os.sep) else ""), why))
    links = {c for c in listed if c in linked}
    real_targets = {os.path.realpath(c) for c in listed if c not in links} if links else set()
    out: list[Candidate] = []
    for c in listed:
        display = display_name(os.path.normpath(c))
        if c in links:
            if outside_link(c, roots) is not None:
                out.append(Candidate(c, display, OUTSIDE_LINK))
                continue
            if os.path.realpath(c) in real_targets:
                continue  # the file it points to is checked under its own name
            out.append(Candidate(c, display, link=True))
            continue
        out.append(Candidate(c, display))
    return out, skipped
