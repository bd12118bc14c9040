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
        absolute, top = os.path.abspath(file), os.path.abspath(root)
        try:
            if os.path.commonpath([absolute, top]) == top:
                return Path(os.path.relpath(absolute, top)).as_posix()
        except ValueError:  # different drives, or one relative and one absolute
            pass
    return Path(file).as_posix()
