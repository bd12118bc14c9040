"""What a check produces: plain data shared by the engine, the run and the reports.

A leaf module (it imports only ``findings``), so that the engine, the batch
run, the cache and the formatters can all speak of outcomes without
importing each other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checker.findings import Finding, Severity

if TYPE_CHECKING:
    from checker.read.glimpse import Glimpse

# The key under which a report's ``RunReport.extracts`` keeps what each rule could not
# check (rule code → count): not a rule code, so no run rule reads it as its own.
UNVERIFIED = "_unverified"


def unverified_of(run: RunReport | None) -> dict[str, int]:
    """What the rules could not check in one report: rule code → count."""
    if run is None:
        return {}
    found = run.extracts.get(UNVERIFIED)
    return dict(found) if isinstance(found, dict) else {}


@dataclass(slots=True)  # a run keeps one per report until the run rules have run
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
    # Dicts while a report is checked; a streamed run keeps them on disk until the
    # run rules read them (``checker.run.batch``), so rules only read them as mappings.
    extracts: MutableMapping[str, Any] = field(default_factory=dict)
    places: MutableMapping[str, tuple[int, int, str, str]] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:  # the field `type` shadows the builtin
        # a plain tuple: dataclasses' slotted __getstate__ is many times slower (see Msg)
        return RunReport, (self.file, self.type, self.year, self.unit, self.extracts, self.places)


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
    glimpse: Glimpse | None = None  # what the findings page shows of the file
    # the cache index's entry for the file (name, path, stat, key: checker.run.cache)
    index: tuple[Any, ...] | None = None


@dataclass
class Result:
    """A whole run: every finding, in order, and what was checked."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    checked: int = 0  # files checked in this run (not served from the cache)
    cached: int = 0
    units: dict[str, str] = field(default_factory=dict)  # file → unit named in its header
    # unit (norm_words) → its nämnd, from the roster: the committee where a header has none
    committees: dict[str, str] = field(default_factory=dict)
    periods: dict[str, tuple[str, int]] = field(default_factory=dict)  # file → (type, year)
    # The checked tree (real paths) and the files whose content no output may show
    # (links out of the tree): formatters that quote report lines read only inside it.
    roots: list[str] = field(default_factory=list)
    sealed: set[str] = field(default_factory=set)
    # What the rules could not check, over the run: rule code → count (see UNVERIFIED).
    unverified: Counter[str] = field(default_factory=Counter)

    @property
    def internal_errors(self) -> int:
        return sum(1 for f in self.findings if f.is_internal)

    def exit_code(self, fail_on: Severity) -> int:
        return self.totals().exit_code(fail_on)

    def totals(self) -> Totals:
        totals = Totals(list(self.files), self.checked, self.cached)
        totals.units, totals.roots, totals.sealed = self.units, self.roots, self.sealed
        totals.unverified = Counter(self.unverified)
        totals.committees, totals.periods = self.committees, self.periods
        by_file: dict[str, list[Finding]] = {}
        for f in self.findings:
            by_file.setdefault(f.file, []).append(f)
        for findings in by_file.values():
            totals.count(findings)
        return totals


@dataclass
class Totals:
    """What the end of a run needs, counted as its files go by: never a list of findings.

    A run (``checker.run.pipeline.run``) hands each file's
    findings on and keeps only these counts, the file names and what the
    formats that quote report lines need (``roots``, ``sealed``, ``units``).
    """

    files: list[str] = field(default_factory=list)
    checked: int = 0
    cached: int = 0
    counts: Counter[Severity] = field(default_factory=Counter)
    with_findings: int = 0  # file names with at least one finding (checked files or not)
    internal_errors: int = 0
    safe_fixes: int = 0  # findings that --fix fixes
    unsafe_fixes: int = 0  # findings that only --unsafe-fixes fixes
    units: dict[str, str] = field(default_factory=dict)
    roots: list[str] = field(default_factory=list)
    sealed: set[str] = field(default_factory=set)
    unverified: Counter[str] = field(default_factory=Counter)  # rule code → count
    committees: dict[str, str] = field(default_factory=dict)  # from the roster (see Result)
    periods: dict[str, tuple[str, int]] = field(default_factory=dict)  # kept with the units

    def count(self, findings: list[Finding]) -> None:
        """Count one file's findings (each file name once)."""
        if not findings:
            return
        self.with_findings += 1
        for f in findings:
            self.counts[f.severity] += 1
            self.internal_errors += f.is_internal
            if f.fix is not None:
                self.safe_fixes += f.fix.safe
                self.unsafe_fixes += not f.fix.safe

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def exit_code(self, fail_on: Severity) -> int:
        if self.internal_errors:
            return 2
        return 1 if any(n and s.rank >= fail_on.rank for s, n in self.counts.items()) else 0

    def result(self, findings: list[Finding]) -> Result:
        """A whole-run ``Result`` of these totals and ``findings`` (formats that need it all)."""
        return Result(
            findings,
            self.files,
            self.checked,
            self.cached,
            units=self.units,
            roots=self.roots,
            sealed=self.sealed,
            unverified=Counter(self.unverified),
            committees=self.committees,
            periods=self.periods,
        )
