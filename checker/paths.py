"""Paths as the checker names them: relative to a root, in POSIX form."""

from __future__ import annotations

import os
from pathlib import Path


def path_below(file: str, root: str | None) -> str:
    """``file`` relative to ``root`` when it lies below it, else as given; POSIX form.

    Lexical (no symlinks resolved), so that the same file is named the same
    way whatever the links on the machine that runs the check.
    """
    if root:
        if os.sep == "/" and file.startswith(root) and file[len(root) : len(root) + 1] == "/":
            # the common case, a name the walk made below an absolute root: no commonpath
            rest = file[len(root) + 1 :]
            plain_root = root[:1] == "/" != root[1:2] and os.path.normpath(root) == root
            plain_rest = not rest.startswith(("..", "/")) and os.path.normpath(rest) == rest
            if plain_root and rest and plain_rest:
                return rest
        absolute, top = os.path.abspath(file), os.path.abspath(root)
        try:
            if os.path.commonpath([absolute, top]) == top:
                return Path(os.path.relpath(absolute, top)).as_posix()
        except ValueError:  # different drives, or one relative and one absolute
            pass
    return Path(file).as_posix()


def tree_roots(paths: list[str] | tuple[str, ...]) -> list[str]:
    """The checked tree: every folder given, and the folder of every file given (real paths)."""
    roots: list[str] = []
    for given in paths:
        folder = given if os.path.isdir(given) else os.path.dirname(os.path.abspath(given))
        real = os.path.realpath(folder)
        if real not in roots:
            roots.append(real)
    return roots


def inside(path: str, roots: list[str] | tuple[str, ...]) -> bool:
    """Whether the real path of ``path`` (links resolved) lies in one of ``roots``."""
    real = os.path.realpath(path)
    for top in roots:
        try:
            if os.path.commonpath([real, top]) == top:
                return True
        except ValueError:
            continue
    return False


def display_name(name: str) -> str:
    """A file name as text every output can hold.

    A file name that is not valid UTF-8 reaches Python with its bad bytes as
    lone surrogates (``os.fsdecode``); no UTF-8 output (JSON, SARIF, HTML,
    XML, a terminal) can hold those, so each becomes the visible ``\\xNN``.
    """
    if name.isascii() or not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name  # most names are ASCII: one C pass, not a loop over the characters
    return "".join(
        f"\\x{ord(ch) - 0xDC00:02x}" if "\udc80" <= ch <= "\udcff" else ch for ch in name
    )


# Folders no report lives in, skipped by a walk unless `exclude` is set (ruff's defaults,
# less those of other languages' tools).
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "build",
    "dist",
    "site-packages",
)


def identity(path: str) -> tuple[int, int] | None:
    """The file's device and inode (links followed), or None when it cannot be read."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino
