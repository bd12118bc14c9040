"""Patterns of rule files: bounded in size, and stopped when they take too long.

Python's ``re`` has no timeout, and a pattern such as ``(a|aa)+$`` backtracks
for ever on a long line of a's. Rule files are written by people, not vetted
code, so their patterns run on the ``regex`` package with a timeout: a pattern
that does not finish within ``TIMEOUT`` seconds on one value is stopped, and
the rule's finding says so (RK000, naming the rule). The pattern's length is
bounded, and so is the text it reads.
"""

from __future__ import annotations

from typing import Any

import regex

MAX_PATTERN = 300  # characters
MAX_TEXT = 20_000  # characters of one value a pattern reads
TIMEOUT = 0.25  # seconds for one search


class PatternTimeout(Exception):
    """A pattern took longer than ``TIMEOUT`` on one value."""


def compile_pattern(text: str) -> Any:
    """The compiled pattern; ``ValueError`` with a Swedish message when it cannot be used."""
    if len(text) > MAX_PATTERN:
        raise ValueError(f"mönstret är {len(text)} tecken; högst {MAX_PATTERN} tecken tillåts")
    try:
        return regex.compile(text, regex.VERSION0)
    except regex.error as exc:
        raise ValueError(f"mönstret går inte att läsa: {exc}") from None


def search(pattern: Any, text: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``text``; ``PatternTimeout`` when too slow."""
    try:
        return pattern.search(text[:MAX_TEXT], timeout=TIMEOUT) is not None
    except TimeoutError:
        raise PatternTimeout from None
