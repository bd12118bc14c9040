"""What a check produces: plain data shared by the engine, the run and the reports.

A leaf module (it imports only ``findings``), so that the engine, the batch
run, the cache and the formatters can all speak of outcomes without
importing each other.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any, overload

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

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # a plain tuple, as RunReport's: each outcome's suppressions cross a spool
        return Suppression, (self.line, self.column, self.codes, self.reason, self.used)


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
        # The key of the cache entry that holds this outcome (None when none does), and
        # what a nightly run knew of the file's final findings by that key (``Known``):
        # neither is compared, both are about where the outcome is kept, not what it is.
        self.key: str | None = None
        self.known: Known | None = None


# A finding as the findings page lays it out: line, column, severity (its value), code, name.
OutlineRow = tuple[int, int, str, str, str]


class Known(Record):
    """What a nightly run knew of a file's final findings, by the key of its cache entry.

    Final findings that come from the cached outcome alone (no run rule's finding on the
    file) are the same every night its content, name and the checker are: the next night
    hands them on by reference. ``history`` is the digest of their set in the history (for
    the file named ``rel`` in unit ``unit``), ``page`` the findings page's digest of them,
    ``outlines`` what the page lays out, ``tally`` what ``Totals.count`` counts: with a
    finding or not, errors, warnings, infos, internal errors, safe and unsafe fixes.
    """

    _fields = ("key", "rel", "unit", "history", "page", "outlines", "tally")

    def __init__(
        self,
        key: str,
        rel: str,
        unit: str,
        history: str | None,
        page: str | None,
        outlines: tuple[OutlineRow, ...],
        tally: tuple[int, ...],
    ) -> None:
        self.key, self.rel, self.unit, self.history = key, rel, unit, history
        self.page, self.outlines, self.tally = page, outlines, tally

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return Known, self._all_fields(self)


def tally_of(findings: Sequence[Finding]) -> tuple[int, ...]:
    """``Known.tally`` of one file's findings."""
    t = Totals()
    t.count(list(findings))
    by = t.counts
    return (
        t.with_findings,
        *(by[s] for s in _BY_SEVERITY),
        t.internal_errors,
        t.safe_fixes,
        t.unsafe_fixes,
    )


_BY_SEVERITY = (Severity.ERROR, Severity.WARNING, Severity.INFO)


class FinalFindings(list[Finding]):
    """A file's final findings that depend on its cached outcome alone: ``key`` names it."""

    def __init__(self, findings: list[Finding], key: str) -> None:
        super().__init__(findings)
        self.key = key


class _Lazy(Sequence[Finding]):
    """A file's final findings, made (``make``) only when something reads them."""

    make: Callable[[], list[Finding]] | None
    _made: list[Finding] | None

    def made(self) -> list[Finding]:
        if self._made is None:
            assert self.make is not None, "made by the run that hands them on"
            self._made = self.make()
        return self._made

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        return self.made()[index]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.made())


class KnownFindings(_Lazy):
    """A file's final findings handed on by reference (``Known``): the findings themselves
    are made (``make``: from the cache entry) only when something reads them."""

    make: Callable[[], list[Finding]]

    def __init__(self, known: Known, make: Callable[[], list[Finding]]) -> None:
        self.known, self.key, self.make = known, known.key, make
        self._made: list[Finding] | None = None

    def __len__(self) -> int:
        return len(self.known.outlines) if self._made is None else len(self._made)


class Prepared(_Lazy):
    """A file's final findings as its own outcome decides them, made where the file was
    checked (a worker): their number, what ``Totals.count`` counts of them (``tally``) and
    the text the run's one format writes of them (``text``, by the formatter whose
    ``block_key`` is ``text_key``). The findings themselves are made again (``make``: from
    ``raw``, the outcome's findings and suppressions pickled) only when something reads them.
    """

    def __init__(
        self, raw: bytes, n: int, tally: tuple[int, ...], text_key: tuple[Any, ...], text: str
    ) -> None:
        self.raw, self.n, self.tally, self.text_key, self.text = raw, n, tally, text_key, text
        self.make: Callable[[], list[Finding]] | None = None
        self._made: list[Finding] | None = None

    def outcome(self) -> tuple[list[Finding], list[Suppression]]:
        """The file's findings and suppressions as its outcome had them."""
        found: tuple[list[Finding], list[Suppression]] = pickle.loads(self.raw)  # our own
        return found

    def __len__(self) -> int:
        return self.n


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

    def count(self, findings: Sequence[Finding]) -> None:
        """Count one file's findings (each file name once)."""
        if isinstance(findings, KnownFindings) and findings._made is None:
            self._add(findings.known.tally)  # counted when they were made
            return
        if type(findings) is Prepared and findings._made is None:
            self._add(findings.tally)  # counted where they were made
            return
        if not findings:
            return
        self.with_findings += 1
        for f in findings:
            self.counts[f.severity] += 1
            self.internal_errors += f.is_internal
            if f.fix is not None:
                self.safe_fixes += f.fix.safe
                self.unsafe_fixes += not f.fix.safe

    def _add(self, tally: tuple[int, ...]) -> None:
        with_findings, errors, warnings, infos, internal, safe, unsafe = tally
        self.with_findings += with_findings
        for severity, n in zip(_BY_SEVERITY, (errors, warnings, infos), strict=True):
            if n:  # as ``count``: a severity no finding has is no key
                self.counts[severity] += n
        self.internal_errors += internal
        self.safe_fixes += safe
        self.unsafe_fixes += unsafe

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
