"""What a check produces: plain data shared by the engine, the run and the reports.

A leaf module (it imports only ``findings``), so that the engine, the batch
run, the cache and the formatters can all speak of outcomes without
importing each other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

from checker.findings import Finding, Severity
from checker.record import Record

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


class RunReport(Record):  # slotted: a run keeps one per report until the run rules have run
    """What a run rule sees of one report: its header and what its extract kept.

    Run rules see every report of a run, so they get small extracts rather
    than whole documents: that keeps parallel runs, the cache and memory
    cheap however many reports there are. ``places`` locates the paths an
    extract marked (JSON pointer → line, column, Swedish and English label).
    """

    __slots__ = ("extracts", "file", "places", "type", "unit", "year")
    _fields = ("file", "type", "year", "unit", "extracts", "places")
    file: str
    type: str | None
    year: int | None
    unit: str | None
    # Dicts while a report is checked; a streamed run keeps them on disk until the
    # run rules read them (``checker.run.batch``), so rules only read them as mappings.
    extracts: MutableMapping[str, Any]
    places: MutableMapping[str, tuple[int, int, str, str]]

    def __init__(
        self,
        file: str,
        type: str | None,
        year: int | None,
        unit: str | None,
        extracts: MutableMapping[str, Any] | None = None,
        places: MutableMapping[str, tuple[int, int, str, str]] | None = None,
    ) -> None:
        self.file = file
        self.type = type
        self.year = year
        self.unit = unit
        self.extracts = {} if extracts is None else extracts
        self.places = {} if places is None else places

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # a plain tuple: a slotted object's default state is many times slower
        return RunReport, (self.file, self.type, self.year, self.unit, self.extracts, self.places)


class Suppression(Record):
    """An inline ``# rapportkoll: ignore[CODE] reason`` comment."""

    _fields = ("line", "column", "codes", "reason", "used")
    _not_compared = ("used",)

    def __init__(
        self, line: int, column: int, codes: list[str], reason: str, used: bool = False
    ) -> None:
        self.line = line
        self.column = column
        self.codes = codes
        self.reason = reason
        self.used = used

    def covers(self, code: str) -> bool:
        return any(code.startswith(c) for c in self.codes)


class FileOutcome(Record):
    """What checking one file gave: its findings and what run rules keep of it."""

    _fields = (
        "file",
        "findings",
        "suppressions",
        "run",
        "cached",
        "cache_error",
        "glimpse",
        "index",
    )

    def __init__(
        self,
        file: str,
        findings: list[Finding],
        suppressions: list[Suppression] | None = None,
        run: RunReport | None = None,
        cached: bool = False,
        cache_error: str | None = None,
        glimpse: Glimpse | None = None,
        index: tuple[Any, ...] | None = None,
    ) -> None:
        self.file = file
        self.findings = findings
        self.suppressions: list[Suppression] = [] if suppressions is None else suppressions
        self.run = run
        self.cached = cached
        self.cache_error = cache_error  # a cache entry that could not be written (not stored)
        self.glimpse = glimpse  # what the findings page shows of the file
        # the cache index's entry for the file (name, path, stat, key: checker.run.cache)
        self.index = index


class Result(Record):
    """A whole run: every finding, in order, and what was checked."""

    _fields = (
        "findings",
        "files",
        "checked",
        "cached",
        "units",
        "committees",
        "periods",
        "roots",
        "sealed",
        "unverified",
    )

    def __init__(
        self,
        findings: list[Finding] | None = None,
        files: list[str] | None = None,
        checked: int = 0,
        cached: int = 0,
        units: dict[str, str] | None = None,
        committees: dict[str, str] | None = None,
        periods: dict[str, tuple[str, int]] | None = None,
        roots: list[str] | None = None,
        sealed: set[str] | None = None,
        unverified: Counter[str] | None = None,
    ) -> None:
        self.findings: list[Finding] = [] if findings is None else findings
        self.files: list[str] = [] if files is None else files
        self.checked = checked  # files checked in this run (not served from the cache)
        self.cached = cached
        # file → unit named in its header
        self.units: dict[str, str] = {} if units is None else units
        # unit (norm_words) → its nämnd, from the roster: the committee where a header has none
        self.committees: dict[str, str] = {} if committees is None else committees
        # file → (type, year)
        self.periods: dict[str, tuple[str, int]] = {} if periods is None else periods
        # The checked tree (real paths) and the files whose content no output may show
        # (links out of the tree): formatters that quote report lines read only inside it.
        self.roots: list[str] = [] if roots is None else roots
        self.sealed: set[str] = set() if sealed is None else sealed
        # What the rules could not check, over the run: rule code → count (see UNVERIFIED).
        self.unverified: Counter[str] = Counter() if unverified is None else unverified

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


class Totals(Record):
    """What the end of a run needs, counted as its files go by: never a list of findings.

    A run (``checker.run.pipeline.run``) hands each file's
    findings on and keeps only these counts, the file names and what the
    formats that quote report lines need (``roots``, ``sealed``, ``units``).
    """

    _fields = (
        "files",
        "checked",
        "cached",
        "counts",
        "with_findings",
        "internal_errors",
        "safe_fixes",
        "unsafe_fixes",
        "units",
        "roots",
        "sealed",
        "unverified",
        "committees",
        "periods",
    )

    def __init__(
        self,
        files: list[str] | None = None,
        checked: int = 0,
        cached: int = 0,
        counts: Counter[Severity] | None = None,
        with_findings: int = 0,
        internal_errors: int = 0,
        safe_fixes: int = 0,
        unsafe_fixes: int = 0,
        units: dict[str, str] | None = None,
        roots: list[str] | None = None,
        sealed: set[str] | None = None,
        unverified: Counter[str] | None = None,
        committees: dict[str, str] | None = None,
        periods: dict[str, tuple[str, int]] | None = None,
    ) -> None:
        self.files: list[str] = [] if files is None else files
        self.checked = checked
        self.cached = cached
        self.counts: Counter[Severity] = Counter() if counts is None else counts
        self.with_findings = with_findings  # file names with at least one finding
        self.internal_errors = internal_errors
        self.safe_fixes = safe_fixes  # findings that --fix fixes
        self.unsafe_fixes = unsafe_fixes  # findings that only --unsafe-fixes fixes
        self.units: dict[str, str] = {} if units is None else units
        self.roots: list[str] = [] if roots is None else roots
        self.sealed: set[str] = set() if sealed is None else sealed
        self.unverified: Counter[str] = Counter() if unverified is None else unverified
        # from the roster (see Result), kept with the units
        self.committees: dict[str, str] = {} if committees is None else committees
        self.periods: dict[str, tuple[str, int]] = {} if periods is None else periods

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
