"""A module's regular expression compiled when it is first used, not at import.

A one-file check imports every module whose rules and readers it may need, and
compiling their patterns at import costs every run, though a clean report
needs few of them (a pattern ≈ 0.05–0.7 ms). ``lazy_re`` is for a pattern that
only some reports reach (a malformed line, a comment that suppresses, text to
escape). After the first use its methods are the compiled pattern's own,
bound on the instance, so a hot loop pays nothing more than for ``re.compile``.

Use it through its methods (``.search``, ``.sub`` …) only: ``re.sub(lazy, …)``
and ``isinstance(lazy, re.Pattern)`` need a compiled pattern.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    __slots__ = ("_compiled", "_flags", "pattern", *_METHODS)

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Reached only while a slot is unset: compile once, then bind every method.
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self._compiled = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re({self.pattern!r}, {self._flags})"


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when a method of the result is first called."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
