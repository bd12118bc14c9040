"""Which files a run checks: the reports under the paths it is given.

The checked tree is every folder given on the command line and, for a file
given, its folder. Within it:

- a walk takes ``.yaml``/``.yml`` files and skips hidden files and folders;
  exports (``.txt``, ``.md``, ``.pdf``, ``.docx``) only when asked
  (``--include-exports``), so that a README is never taken for a report;
- a file given by name is checked whatever its kind (an export is imported);
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

import os
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from checker.findings import Msg
from checker.paths import display_name, inside, tree_roots
from checker.read.sources import EXPORT_SUFFIXES

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


def _walk(top: str, suffixes: tuple[str, ...] = REPORT_SUFFIXES) -> list[str]:
    """Report files under ``top``; links to folders are not walked into."""
    found: list[str] = []
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
                subfolders.append(entry.path)
            elif name.lower().endswith(suffixes):
                found.append(entry.path)
        folders.extend(sorted(subfolders, reverse=True))
    return sorted(found)


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def candidates(
    paths: Iterable[str], exports: bool = False, skip: Iterable[str | None] = ()
) -> list[Candidate]:
    """Every file of a run in order, with links and non-regular files decided.

    With ``exports`` a walk also takes the city's exports (text, PDF, Word).
    A file that is one of ``skip`` (by device and inode: the roster inside the
    tree, under any name) is no report and is left out.
    """
    suffixes = REPORT_SUFFIXES + EXPORT_SUFFIXES if exports else REPORT_SUFFIXES
    given = list(paths)
    roots = tree_roots(given)
    skipped = {i for i in (_identity(p) for p in skip if p) if i is not None}
    listed: list[str] = []
    seen: set[str] = set()
    for path in given:
        for c in _walk(path, suffixes) if os.path.isdir(path) else [path]:
            key = os.path.normpath(c)
            if key not in seen and not (skipped and _identity(c) in skipped):
                seen.add(key)
                listed.append(c)
    links = {c for c in listed if os.path.islink(c)}
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
    return out


def discover(paths: Iterable[str], exports: bool = False) -> Iterator[tuple[str, str]]:
    """Report files under ``paths`` as (path, display name), in order (see ``candidates``)."""
    for c in candidates(paths, exports):
        yield c.path, c.display
