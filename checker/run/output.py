"""Writing outputs: never onto an input, always atomically.

Every file a run writes (``--output FORMAT=FILE``, ``--write-baseline``, the
nightly run's ``--dashboard`` and ``--db``) is first checked by
``InputGuard``: it must not be a file the run reads, nor a report (a
``.yaml``/``.yml`` file inside a checked folder, or any path given as input).
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
from checker.run.files import REPORT_SUFFIXES, discover

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

    def __init__(self, paths: Iterable[str]) -> None:
        self.given = list(paths)
        self.roots = tree_roots(self.given)
        self.extra: list[tuple[str, str]] = []  # (path, what) added after the given paths

    def add(self, path: str | os.PathLike[str] | None, what: str) -> None:
        """Record another file the run reads (configuration, baseline, reference data…)."""
        if path is None:
            return
        self.extra.append((os.fspath(path), what))

    def _read(self) -> Iterator[tuple[str, str]]:
        """Every file the run reads, in the order its description is chosen."""
        for given in self.given:
            yield given, "en sökväg som kontrolleras"
            if os.path.isdir(given):
                # every YAML file of the tree, unread: none is ever written over, report or
                # not, and a walk that read each file's head would read it twice in a run
                for path, _ in discover([given], sniff=False):
                    yield path, "en rapport eller annan YAML-fil i den kontrollerade mappen"
        yield from self.extra

    def problems(self, targets: list[str]) -> list[str | None]:
        """Why each of ``targets`` must not be written, or None; one walk for them all."""
        real = [os.path.realpath(t) for t in targets]
        ident = [identity(t) for t in targets]
        by_real: list[str | None] = [None] * len(targets)
        by_inode: list[str | None] = [None] * len(targets)
        for path, what in self._read():  # the first description of a file wins
            mine = os.path.realpath(path)
            own: tuple[int, int] | bool | None = False  # stat only when a target needs it
            for i in range(len(targets)):
                if by_real[i] is None and mine == real[i]:
                    by_real[i] = what
                if by_real[i] is None and by_inode[i] is None and ident[i] is not None:
                    if own is False:
                        own = identity(path)
                    if own == ident[i]:
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
