"""Writing outputs: never onto an input, always atomically.

Every file a run writes (``--output FORMAT=FILE``, ``--write-baseline``, the
nightly run's ``--dashboard`` and ``--db``) is first checked by
``InputGuard``: it must not be a file the run reads, nor a report (a
``.yaml``/``.yml`` file inside a checked folder, or any path given as input).
Paths are compared by their real path (links and ``./x`` spellings resolved)
and by device and inode (hard links). The refusal is a Swedish usage error;
no option overrides it.

``write_atomically`` (from ``checker.read.safeio``, so that every room can use
it) is the one way outputs are written: a temporary file in the same folder,
flushed, then renamed over the target, so a crash or a full disk never leaves
half a file where the old one was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from checker.paths import tree_roots
from checker.read.safeio import os_error, write_atomically
from checker.run.files import REPORT_SUFFIXES, discover

__all__ = ["InputGuard", "OutputError", "describe", "writable_place", "write_atomically"]


class OutputError(Exception):
    """An output that must not or cannot be written; the message is Swedish."""


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


class InputGuard:
    """What a run reads, so that no output is written onto it."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.given = list(paths)
        self.roots = tree_roots(self.given)
        self.real: dict[str, str] = {}  # real path → what it is (Swedish)
        self.inodes: dict[tuple[int, int], str] = {}
        for given in self.given:
            self.add(given, "en sökväg som kontrolleras")
            if os.path.isdir(given):
                for path, _ in discover([given]):
                    self.add(path, "en rapport som kontrolleras")

    def add(self, path: str | os.PathLike[str] | None, what: str) -> None:
        """Record another file the run reads (configuration, baseline, reference data…)."""
        if path is None:
            return
        name = os.fspath(path)
        self.real.setdefault(os.path.realpath(name), what)
        ident = _identity(name)
        if ident is not None:
            self.inodes.setdefault(ident, what)

    def problem(self, target: str) -> str | None:
        """Why ``target`` must not be written, or None."""
        real = os.path.realpath(target)
        what = self.real.get(real)
        if what is None:
            ident = _identity(target)
            what = self.inodes.get(ident) if ident is not None else None
        if what is None and real.lower().endswith(REPORT_SUFFIXES):
            for top in self.roots:
                with contextlib.suppress(ValueError):
                    if os.path.commonpath([real, top]) == top:
                        what = "en rapport i den kontrollerade mappen"
                        break
        if what is not None:
            return f"vägrar skriva {target}: filen är {what} och skrivs aldrig över"
        return None

    def check(self, targets: Iterable[tuple[str, str]]) -> None:
        """Raise ``OutputError`` for the first (option, target) that must not be written."""
        seen: dict[str, str] = {}
        for option, target in targets:
            problem = self.problem(target)
            if problem is not None:
                raise OutputError(f"{option}: {problem}")
            real = os.path.realpath(target)
            if real in seen:
                raise OutputError(
                    f"{option}: vägrar skriva {target}: samma fil som {seen[real]} skriver"
                )
            seen.setdefault(real, option)


def writable_place(target: str) -> str | None:
    """Why no file can be written at ``target`` (missing folder, a folder), or None."""
    path = Path(target)
    if path.is_dir():
        return f"{target} är en mapp"
    parent = path.parent
    if not parent.exists():
        return f"mappen {parent} finns inte"
    if not parent.is_dir():
        return f"{parent} är ingen mapp"
    return None


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
