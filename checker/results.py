"""What a check produces: plain data shared by the engine, the run and the reports.

A leaf module (it imports only ``findings``), so that the engine, the batch
run, the cache and the formatters can all speak of outcomes without
importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.findings import Finding, Severity


@dataclass
class RunReport:
    """What a run rule sees of one report: its header and what its extract kept.

    Run rules see every report of a run, so they get small extracts rather
    than whole documents: that keeps parallel runs, the cache and memory
    cheap however many reports there are. ``places`` locates the paths an
    extract marked (JSON pointer → line, column, Swedish and English label).
    """

    file: str
    type: str | None
    year: int | None
    unit: str | None
    extracts: dict[str, Any] = field(default_factory=dict)
    places: dict[str, tuple[int, int, str, str]] = field(default_factory=dict)


@dataclass
class Suppression:
    """An inline ``# rapportkoll: ignore[CODE] reason`` comment."""

    line: int
    column: int
    codes: list[str]
    reason: str
    used: bool = field(default=False, compare=False)

    def covers(self, code: str) -> bool:
        return any(code.startswith(c) for c in self.codes)


@dataclass
class FileOutcome:
    """What checking one file gave: its findings and what run rules keep of it."""

    file: str
    findings: list[Finding]
    suppressions: list[Suppression] = field(default_factory=list)
    run: RunReport | None = None
    cached: bool = False
    cache_error: str | None = None  # a cache entry that could not be written (not stored)


@dataclass
class Result:
    """A whole run: every finding, in order, and what was checked."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    checked: int = 0  # files checked in this run (not served from the cache)
    cached: int = 0
    units: dict[str, str] = field(default_factory=dict)  # file → unit named in its header
    periods: dict[str, tuple[str, int]] = field(default_factory=dict)  # file → (type, year)
    # The checked tree (real paths) and the files whose content no output may show
    # (links out of the tree): formatters that quote report lines read only inside it.
    roots: list[str] = field(default_factory=list)
    sealed: set[str] = field(default_factory=set)

    @property
    def internal_errors(self) -> int:
        return sum(1 for f in self.findings if f.is_internal)

    def exit_code(self, fail_on: Severity) -> int:
        if self.internal_errors:
            return 2
        return 1 if any(f.severity.rank >= fail_on.rank for f in self.findings) else 0
