"""``rapportkoll check -`` and ``--stdin-filename NAME``: one report read from standard in.

The name (``NAME``, or ``-``) is what findings show, where the configuration is
looked for and what per-file-ignores match. The bytes go through the same
reader as a file's, bounded the same way: at most one byte more than the size
limit of the name's kind is read, so that a huge stream is refused (RK105)
without being held in memory.
"""

from __future__ import annotations

import argparse
import os
import sys

from checker.engine.core import Engine
from checker.paths import display_name
from checker.read.sources import limits_for
from checker.run.pipeline import Source, given

STDIN = "-"  # the path that means standard in
STDIN_NAME = "-"  # the report's name in findings when no --stdin-filename is given


def _dash(args: argparse.Namespace) -> bool:
    """``-`` given for standard in: not after ``--``, where it is a file named "-"."""
    return STDIN in args.paths and STDIN not in getattr(args, "after_double_dash", [])


def reads_stdin(args: argparse.Namespace) -> bool:
    """True when ``check`` reads its one report from standard in."""
    return bool(
        (args.paths == [STDIN] and _dash(args))
        or (not args.paths and args.stdin_filename is not None)
    )


def stdin_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the paths and standard in as given (Swedish), or None."""
    if not args.paths and args.stdin_filename is None:
        return "ange filer eller mappar att kontrollera (PATH), eller - för att läsa standard in"
    if _dash(args) and len(args.paths) > 1:
        return "- (standard in) går inte att blanda med filer eller mappar; kör dem var för sig"
    if args.stdin_filename is not None and args.paths and not reads_stdin(args):
        return "--stdin-filename gäller rapporten på standard in; ange - eller ingen PATH"
    if args.stdin_filename is not None and not args.stdin_filename.strip():
        return "--stdin-filename behöver ett namn, t.ex. --stdin-filename enhet/vp-2024.yaml"
    if reads_stdin(args):
        if sys.stdin is None:
            return "standard in är stängd; skicka rapporten med < FIL eller en rörledning"
        if sys.stdin.isatty():
            return (
                "standard in är terminalen; skicka rapporten med < FIL eller en rörledning,"
                " t.ex. cat vp.yaml | rapportkoll check --stdin-filename vp.yaml"
            )
    return None


def stdin_source(engine: Engine, name: str) -> Source:
    """The source of a run of one report read from standard in under ``name``."""
    display = display_name(os.path.normpath(name)) if name != STDIN else STDIN
    limit = limits_for(display, engine.settings.limits).max_bytes
    raw = sys.stdin.buffer.read(limit + 1)
    # No output quotes lines from a file on disk by that name: it need not hold these bytes.
    return given([engine.check_bytes(raw, display)], sealed=[display])
