"""Writing outputs: never onto an input, always atomically.

Every file a run writes (``--output FORMAT=FILE``, ``--write-baseline``, the
nightly run's ``--dashboard`` and ``--db``) is first checked by
``InputGuard``: it must not be a file the run reads, nor a report (a
``.yaml``/``.yml`` file inside a checked folder, an export there when the run
reads exports, or any path given as input).
Paths are compared by their real path (links and ``./x`` spellings resolved)
and by device and inode (hard links). The refusal is a Swedish usage error;
no option overrides it.

Only a regular file or a new name is a valid output (``writable_place``, the
one rule for every command that writes a file): a device, a named pipe, a
socket, a folder or a link to one is never replaced.

``write_atomically`` (from ``checker.read.safeio``, so that every room can use
it) is the one way outputs are written: a temporary file in the same folder,
flushed, then renamed over the target, so a crash or a full disk never leaves
half a file where the old one was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from checker.findings import Msg
from checker.paths import identity, tree_roots
from checker.read.safeio import os_error, output_obstacle, write_atomically
from checker.run.files import REPORT_SUFFIXES, Walk, candidates

__all__ = [
    "InputGuard",
    "OutputError",
    "describe",
    "output_problem",
    "writable_place",
    "write_atomically",
]


class OutputError(Exception):
    """An output that must not or cannot be written; the message is Swedish."""


class InputGuard:
    """What a run reads, so that no output is written onto it.

    The reports under a checked folder are not held (10,000 real paths and
    inodes would stay in memory for the whole run): each ``check`` walks the
    folders again and compares every report with the targets.
    """

    def __init__(self, paths: Iterable[str], exports: bool = False) -> None:
        self.given = list(paths)
        self.exports = exports  # the run reads the city's exports in its folders too
        self.roots = tree_roots(self.given)
        self.extra: list[tuple[str, str]] = []  # (path, what) added after the given paths

    def add(self, path: str | os.PathLike[str] | None, what: str) -> None:
        """Record another file the run reads (configuration, baseline, reference data…)."""
        if path is None:
            return
        self.extra.append((os.fspath(path), what))

    def _read(self) -> Iterator[tuple[str, str, bool | None]]:
        """Every file the run reads, in the order its description is chosen, and whether
        it is a link (None: not known)."""
        for given in self.given:
            yield given, "en sökväg som kontrolleras", None
            if os.path.isdir(given):
                # every YAML file of the tree, unread: none is ever written over, report or
                # not, and a walk that read each file's head would read it twice in a run
                for c in candidates([given], self.exports, Walk(sniff=False)):
                    what = (
                        "en rapport eller annan YAML-fil i den kontrollerade mappen"
                        if c.path.lower().endswith(REPORT_SUFFIXES)
                        else "en export (text, PDF, Word) i den kontrollerade mappen"
                    )
                    yield c.path, what, c.link or c.refusal is not None
        for path, what in self.extra:
            yield path, what, None

    def problems(self, targets: list[str]) -> list[str | None]:
        """Why each of ``targets`` must not be written, or None; one walk for them all."""
        real = [os.path.realpath(t) for t in targets]
        places = [_Place(t) for t in targets]
        by_real: list[str | None] = [None] * len(targets)
        by_inode: list[str | None] = [None] * len(targets)
        folders = _Folders()
        # A path the walk found to be no link is its folder's real path and its name: it
        # is a target by its real path, or by inode through the target's one name, only
        # under a target's name (a night's tree holds tens of thousands of reports).
        names = {os.path.basename(r) for r in real}
        named_once = not any(p.ident is not None and p.linked for p in places)
        for path, what, link in self._read():  # the first description of a file wins
            if link is False and named_once:
                name = os.path.basename(path)
                if name not in names and name not in ("", os.curdir, os.pardir):
                    continue
            mine = folders.real(path, link)
            own: tuple[int, int] | bool | None = False  # stat only when a target needs it
            for i, place in enumerate(places):
                if by_real[i] is None and mine == real[i]:
                    by_real[i] = what
                if by_real[i] is None and by_inode[i] is None and place.ident is not None:
                    if not place.may_be(mine, folders):
                        continue
                    if own is False:
                        own = identity(path)
                    if own == place.ident:
                        by_inode[i] = what
        out: list[str | None] = []
        for i, target in enumerate(targets):
            found = by_real[i] or by_inode[i]
            if found is None and real[i].lower().endswith(REPORT_SUFFIXES):
                for top in self.roots:
                    with contextlib.suppress(ValueError):
                        if os.path.commonpath([real[i], top]) == top:
                            found = "en rapport i den kontrollerade mappen"
                            break
            out.append(
                None
                if found is None
                else f"vägrar skriva {target}: filen är {found} och skrivs aldrig över"
            )
        return out

    def problem(self, target: str) -> str | None:
        """Why ``target`` must not be written, or None."""
        return self.problems([target])[0]

    def check(self, targets: Iterable[tuple[str, str]]) -> None:
        """Raise ``OutputError`` for the first (option, target) that must not be written."""
        pairs = list(targets)
        seen: dict[str, str] = {}
        for (option, target), problem in zip(
            pairs, self.problems([t for _, t in pairs]), strict=True
        ):
            if problem is not None:
                raise OutputError(f"{option}: {problem}")
            real = os.path.realpath(target)
            if real in seen:
                raise OutputError(
                    f"{option}: vägrar skriva {target}: samma fil som {seen[real]} skriver"
                )
            seen.setdefault(real, option)


class _Folders:
    """Real paths and identities of the folders a walk passes, each found once."""

    def __init__(self) -> None:
        self._real: dict[str, str] = {}
        self._ident: dict[str, tuple[int, int] | None] = {}

    def real(self, path: str, link: bool | None) -> str:
        """``os.path.realpath(path)``, resolving the folder once for all its files (``link``:
        whether ``path`` is a link, None when not known)."""
        folder, name = os.path.split(path)
        if link or not name or name in (".", "..") or (link is None and os.path.islink(path)):
            return os.path.realpath(path)
        top = self._real.get(folder)
        if top is None:
            top = self._real[folder] = os.path.realpath(folder)
        return os.path.join(top, name)

    def ident(self, folder: str) -> tuple[int, int] | None:
        if folder not in self._ident:
            self._ident[folder] = identity(folder or os.curdir)
        return self._ident[folder]


class _Place:
    """An output's identity, and when another path may be the same file by inode."""

    def __init__(self, target: str) -> None:
        try:
            st = os.stat(target)
        except (OSError, ValueError):
            self.ident: tuple[int, int] | None = None
            return
        self.ident = st.st_dev, st.st_ino
        # A file with one name is reached only through that name's folder (by any path:
        # a link or a bind mount leads to the same folder); with more, any file may be it.
        self.linked = st.st_nlink > 1
        folder, name = os.path.split(os.path.realpath(target))
        self.end = os.sep + name
        self.folder = identity(folder)

    def may_be(self, real: str, folders: _Folders) -> bool:
        if self.linked or not real.endswith(self.end):
            return self.linked
        return folders.ident(os.path.dirname(real)) == self.folder


def output_problem(target: str) -> Msg | None:
    """Why no output can be written at ``target``, or None: the output rule of every
    command that writes a file.

    Only a regular file or a new name in an existing folder is a valid output
    (``output_obstacle``): a folder, a device, a named pipe, a socket, or a link to
    one, is refused before anything is read or written.
    """
    kind = output_obstacle(target)
    if kind is not None:
        if kind.sv == "en mapp":
            return Msg(f"{target} är en mapp", f"{target} is a folder")
        return Msg(
            f"{target} är {kind.sv}, ingen vanlig fil; utdata skrivs bara till en vanlig fil"
            " eller ett nytt filnamn",
            f"{target} is {kind.en}, not a regular file; output is written only to a regular"
            " file or a new file name",
        )
    # Missing folders are made when the output is written (``temp_beside``), so the
    # nearest one that exists must be a folder.
    parent = Path(target).parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return Msg(f"{parent} är ingen mapp", f"{parent} is not a folder")
    return None


def writable_place(target: str) -> str | None:
    """``output_problem`` in Swedish."""
    problem = output_problem(target)
    return None if problem is None else problem.sv


def describe(exc: OSError) -> str:
    """An OS error for a usage message, in Swedish."""
    return os_error(exc).sv


def refusal(target: str, force: bool, reads: list[str], what: str) -> str | None:
    """Why a command that writes one file (``import``, ``render``, ``new``) must not write
    ``target``, or None: never onto what it reads (``what`` names those files), never into a
    place it cannot write, never over an existing file without ``--force``."""
    guard = InputGuard([])
    for path in reads:
        guard.add(path, what)
    problem = guard.problem(target)
    if problem is not None:
        return problem
    place = writable_place(target)
    if place is not None:
        return f"kan inte skriva {target}: {place}"
    if os.path.lexists(target) and not force:
        return f"{target} finns redan; ange --force för att skriva över den"
    return None
