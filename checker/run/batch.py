"""Checking many files: in parallel across cores, and from a content-hash cache.

``check_paths`` is the one entry point that checks many files: it finds
them (``files``), checks each with the engine (forked workers share the
engine already loaded), serves unchanged ones from the cache, and hands
every outcome to ``Engine.finish`` for the cross-report rules.

Each file is read once: the same bytes are hashed for the cache key, parsed
and checked, and the outcome is stored under that key, so a file that
changes during the run cannot get another version's outcome. The workers
(``checker.run.pool``) ignore Ctrl-C (SIGINT); the parent stops them and the
command line prints one line. A file whose worker died while checking it gets an
RK000 finding that says so, and the other files are checked by the others.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from array import array
from collections import deque
from collections.abc import (
    Callable,
    Collection,
    Iterable,
    Iterator,
    MutableMapping,
    Sequence,
)
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, overload

from checker.engine import suppress
from checker.engine.core import Engine
from checker.findings import Finding, Msg
from checker.paths import tree_roots
from checker.read.loader import Problem, read_report_bytes
from checker.read.rules import unreadable
from checker.read.sources import limits_for
from checker.results import FileOutcome, Result, RunReport, Suppression, Totals, unverified_of
from checker.run.files import Candidate, Walk, candidates

if TYPE_CHECKING:  # a one-file check needs neither the cache nor worker processes
    from checker.run.cache import SafeCache

# Called after each file: (files done, files in all, the file's name).
Progress = Callable[[int, int, str], None]


def _check(
    engine: Engine, item: Candidate | tuple[str, str], cache: SafeCache | None
) -> FileOutcome:
    path, display = item[0], item[1]
    refusal = item.refusal if isinstance(item, Candidate) else None
    follow = item.link if isinstance(item, Candidate) else True
    try:
        if refusal is not None:
            return engine.check_unread(display, Problem(unreadable.code, refusal, 1, 1))
        raw = read_report_bytes(path, limits_for(display, engine.settings.limits), follow)
        if isinstance(raw, Problem):
            return engine.check_unread(display, raw)
        key = cache.key(raw, display) if cache is not None else None
        if cache is not None and key is not None:
            hit = cache.get(key, display)
            if hit is not None:
                return hit
        outcome = engine.check_bytes(raw, display)
        if cache is not None and key is not None:
            cache.put(key, outcome)  # the outcome of exactly these bytes
        return outcome
    except Exception as exc:  # a fault outside any one rule: isolate it to this file
        return FileOutcome(
            display, [engine.internal_finding(display, 1, 1, f"{type(exc).__name__}: {exc}")]
        )


class Interner:
    """Shares equal texts between the outcomes of one run.

    Thousands of reports repeat the same messages, labels and table rows; a
    run keeps every outcome until the end, so one copy of each saves most of
    the memory a large run would otherwise grow by.
    """

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def __call__(self, value: Any) -> Any:
        cls = type(value)
        if cls is str or cls is Msg or cls is tuple:
            hit = self._seen.get(value)
            if hit is not None:
                return hit
            if cls is tuple:
                value = tuple(self(v) for v in value)
            elif cls is Msg:
                value = Msg(self(value.sv), self(value.en))
            self._seen[value] = value
            return value
        if cls is list:
            return [self(v) for v in value]
        if cls is dict:
            return {self(k): self(v) for k, v in value.items()}
        return value

    def outcome(self, outcome: FileOutcome) -> FileOutcome:
        outcome.findings = [self.finding(f) for f in outcome.findings]
        if outcome.run is not None:
            self.run(outcome.run)
        return outcome

    def run(self, run: RunReport) -> RunReport:
        run.extracts = self(run.extracts)
        share = self.__call__
        run.places = {
            share(k): (line, col, share(sv), share(en))
            for k, (line, col, sv, en) in run.places.items()
        }
        return run

    def finding(self, f: Finding) -> Finding:
        return Finding(
            self(f.code),
            self(f.name),
            f.severity,
            self(f.message),
            self(f.file),
            f.line,
            f.column,
            self(f.path),
            self(f.label),
            self(f.suggestion) if f.suggestion is not None else None,
            f.fix,
            f.related,
        )


def iter_outcomes(
    engine: Engine, items: Collection[Candidate], jobs: int = 1, cache: SafeCache | None = None
) -> Iterator[FileOutcome]:
    """Outcomes for ``items`` in their order, each handed on as soon as it is its turn.

    With several workers, chunks of files are handed out a few at a time
    (``AHEAD`` per worker) and their outcomes are put back in order: a reorder
    buffer keyed by the file list, bounded, so that a slow consumer (a format
    writing to a slow disk) never makes the run hold every outcome.
    """
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1:
        for item in items:
            yield _check(engine, item, cache)
        return
    from checker.run.pool import ordered  # forks: only a parallel run needs it

    def work(item: Candidate) -> FileOutcome:
        return _check(engine, item, cache)

    def lost(item: Candidate, reason: str) -> FileOutcome:
        detail = f"{reason}; filen är inte granskad, kör om för att granska den"
        return FileOutcome(item.display, [engine.internal_finding(item.display, 1, 1, detail)])

    size = max(1, min(CHUNK, len(items) // (jobs * 8) or 1))
    with contextlib.closing(ordered(work, items, jobs, lost, size, AHEAD)) as outcomes:
        yield from outcomes


CHUNK = 16  # files per task handed to a worker, at most
AHEAD = 3  # chunks per worker handed out before their outcomes are taken


def run_files(
    engine: Engine,
    files: list[Candidate] | list[tuple[str, str]],
    jobs: int = 1,
    cache: SafeCache | None = None,
    progress: Progress | None = None,
) -> list[FileOutcome]:
    """Outcomes for ``files`` in their order, all held; cached ones are not checked again."""
    items = [f if isinstance(f, Candidate) else Candidate(f[0], f[1]) for f in files]
    outcomes: list[FileOutcome] = []
    share = Interner()
    if cache is not None and cache.secret is None:
        cache = None  # no usable key: the run goes on without the cache
    for outcome in iter_outcomes(engine, items, jobs, cache):
        if cache is not None:
            cache.note(outcome)
        outcomes.append(share.outcome(outcome))
        if progress:
            progress(len(outcomes), len(items), outcome.file)
    return outcomes


def check_paths(
    engine: Engine,
    paths: Iterable[str],
    jobs: int = 1,
    cache: SafeCache | None = None,
    progress: Progress | None = None,
    exports: bool = False,
    walk: Walk | None = None,
) -> Result:
    """Check every report under ``paths``: the whole run held, findings in order.

    With ``exports`` a folder's exports (text, PDF, Word) are checked too; the
    files in ``skip`` (the roster) never are (``candidates``).
    ``stream_paths`` is the same run without holding the findings.
    """
    given = list(paths)
    files = candidates(given, exports, walk or Walk.of(engine.settings))
    result = engine.finish(run_files(engine, files, jobs=jobs, cache=cache, progress=progress))
    result.roots = tree_roots(given)
    result.sealed = {c.display for c in files if c.refusal is not None}
    return result


# -- a streamed run ---------------------------------------------------------------


class FileSink(Protocol):
    """Takes a run's findings one file at a time (a ``Formatter``, the baseline, the history)."""

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None: ...


class Spool:
    """Each file's findings and suppressions, on disk until the run rules have run.

    The cross-report rules (RK403) can add a finding to any file, and a
    file's suppressions apply to those too, so no file is final before the
    last one is checked. Until then a file's outcome waits here, not in memory;
    the run keeps only the small extracts the run rules read.
    """

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.count = 0

    def add(self, outcome: FileOutcome) -> None:
        # Finding and Msg pickle as plain tuples (their __reduce__): cheap to spool
        record = (outcome.file, outcome.findings, outcome.suppressions)
        pickle.dump(record, self.file, pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[tuple[str, list[Finding], list[Suppression]]]:
        self.file.seek(0)
        for _ in range(self.count):
            # our own unlinked temporary file, written above: no one else's data
            file, findings, suppressions = pickle.load(self.file)
            yield file, findings, suppressions

    def names(self) -> Iterator[str]:
        """The files' names, in the order they were added."""
        return (file for file, _, _ in self)

    def close(self) -> None:
        self.file.close()


class _Candidates(Collection[Candidate]):
    """A run's files, on disk in the order they are checked (10,000 of them cost 4 MiB held)."""

    CHUNK = 512

    def __init__(self, items: Iterable[Candidate]) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.count = 0
        chunk: list[Candidate] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == self.CHUNK:
                self._dump(chunk)
                chunk = []
        if chunk:
            self._dump(chunk)

    def _dump(self, chunk: list[Candidate]) -> None:
        pickle.dump([tuple(c) for c in chunk], self.file, pickle.HIGHEST_PROTOCOL)
        self.count += len(chunk)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Candidate]:
        place, left = 0, self.count
        while left > 0:
            self.file.seek(place)  # each iteration keeps its own place
            # our own unlinked temporary file, written above: no one else's data
            chunk = pickle.load(self.file)
            place = self.file.tell()
            left -= len(chunk)
            yield from (Candidate(*c) for c in chunk)

    def __contains__(self, item: object) -> bool:
        return any(c == item for c in self)

    def close(self) -> None:
        self.file.close()


class _Extracts:
    """What run rules read of each report (extracts, places, header), on disk until read.

    One record per report; reading one keeps only it (the run rules read a
    report's extracts a few at a time, and the places only to locate a finding).
    """

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.last: tuple[int, Any] = (-1, None)

    def add(self, run: RunReport) -> int:
        offset = self.file.seek(0, os.SEEK_END)
        record = (dict(run.extracts), dict(run.places), run.file, run.type, run.year, run.unit)
        pickle.dump(record, self.file, pickle.HIGHEST_PROTOCOL)
        return offset

    def load(self, offset: int) -> Any:
        if self.last[0] != offset:
            self.file.seek(offset)
            self.last = (offset, pickle.load(self.file))  # our own temporary file
        return self.last[1]

    def close(self) -> None:
        self.file.close()


class _Reports(Sequence[RunReport]):
    """The run's reports for the run rules, on disk: each is read back as it is reached.

    A sequence (the run rules' and plugins' interface) holding none of its
    items: iterating and indexing make a ``_SpooledReport`` per report, whose
    header, extracts and places are read from ``_Extracts`` when a rule asks.
    At 10,000 reports this saves ~4 MiB held to the end.
    """

    def __init__(self, store: _Extracts) -> None:
        self.store = store
        self.offsets = array("q")  # 8 bytes a report

    def add(self, run: RunReport) -> None:
        self.offsets.append(self.store.add(run))

    def __iter__(self) -> Iterator[RunReport]:
        store = self.store
        return (_SpooledReport(store, offset) for offset in self.offsets)

    def __len__(self) -> int:
        return len(self.offsets)

    @overload
    def __getitem__(self, index: int) -> RunReport: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RunReport]: ...
    def __getitem__(self, index: int | slice) -> RunReport | Sequence[RunReport]:
        if isinstance(index, slice):
            return [_SpooledReport(self.store, o) for o in self.offsets[index]]
        return _SpooledReport(self.store, self.offsets[index])


class _SpooledReport(RunReport):
    """A ``RunReport`` read from ``_Extracts`` as its fields are asked for (read-only).

    A run rule may keep thousands of reports while it groups them (RK403):
    each costs an offset here, not its file name, unit and two mappings.
    """

    # The properties override RunReport's fields read-only (type: ignore[override]).
    __slots__ = ("_offset", "_store")

    def __init__(self, store: _Extracts, offset: int) -> None:
        # no RunReport.__init__: the fields stay empty, read through the properties below
        self._store, self._offset = store, offset

    def _part(self, index: int) -> Any:
        return self._store.load(self._offset)[index]

    @property
    def file(self) -> str:  # type: ignore[override]
        value: str = self._part(2)
        return value

    @property
    def type(self) -> str | None:  # type: ignore[override]
        value: str | None = self._part(3)
        return value

    @property
    def year(self) -> int | None:  # type: ignore[override]
        value: int | None = self._part(4)
        return value

    @property
    def unit(self) -> str | None:  # type: ignore[override]
        value: str | None = self._part(5)
        return value

    @property
    def extracts(self) -> MutableMapping[str, Any]:  # type: ignore[override]
        return _OnDisk(self._store, self._offset, 0)

    @property
    def places(self) -> MutableMapping[str, tuple[int, int, str, str]]:  # type: ignore[override]
        return _OnDisk(self._store, self._offset, 1)


class _OnDisk(MutableMapping[str, Any]):
    """A read-only view of one part of one report's record in ``_Extracts``."""

    __slots__ = ("_offset", "_part", "_store")

    def __init__(self, store: _Extracts, offset: int, part: int) -> None:
        self._store, self._offset, self._part = store, offset, part

    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] = self._store.load(self._offset)[self._part]
        return data

    def __getitem__(self, key: str) -> Any:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data()))

    def __len__(self) -> int:
        return len(self._data())

    def __setitem__(self, key: str, value: Any) -> None:
        raise TypeError("a spooled extract is read-only")

    def __delitem__(self, key: str) -> None:
        raise TypeError("a spooled extract is read-only")


# Long: the run's two passes in order (check and spool, then run rules and hand on);
# split, the order that makes the output equal the whole run's would be harder to see.
def stream_paths(
    engine: Engine,
    paths: Iterable[str],
    sinks: Sequence[FileSink],
    jobs: int = 1,
    cache: SafeCache | None = None,
    progress: Progress | None = None,
    exports: bool = False,
    keep: Callable[[list[Finding]], list[Finding]] | None = None,
    drop: Callable[[str, list[Finding]], bool] | None = None,
    totals: Totals | None = None,
    units: bool = True,
    walk: Walk | None = None,
) -> Totals:
    """Check every report under ``paths`` and hand each file's findings to ``sinks``.

    The same findings, in the same order, as ``check_paths`` then
    ``Engine.finish`` give, but never held all at once: files in sorted order
    (also with ``jobs`` > 1), each file's findings sorted, names that are no
    checked file (``listed=False``) in their sorted place. ``keep`` filters
    each file's findings first (the baseline); ``drop`` leaves a file out of
    the run (the nightly run's vanished files). The totals are counted (into
    ``totals`` when given, so that a sink can read the units as it goes);
    without ``units`` no file's unit is kept (no sink reads them: 2 MiB at 10,000).
    """
    given = list(paths)
    found = sorted(
        candidates(given, exports, walk or Walk.of(engine.settings)), key=lambda c: c.display
    )
    totals = totals if totals is not None else Totals()  # sinks may read it as it fills
    totals.roots = tree_roots(given)
    totals.sealed = {c.display for c in found if c.refusal}
    files = _Candidates(found)  # on disk until checked: the run holds nothing per file
    del found
    if cache is not None and cache.secret is None:
        cache = None  # no usable key: the run goes on without the cache
    spool, extracts = Spool(), _Extracts()
    reports = _Reports(extracts)
    try:
        for done, outcome in enumerate(iter_outcomes(engine, files, jobs, cache), 1):
            if cache is not None:
                cache.note(outcome)
            spool.add(outcome)
            totals.cached += outcome.cached
            totals.checked += not outcome.cached
            totals.unverified.update(unverified_of(outcome.run))
            if outcome.run is not None:
                reports.add(outcome.run)
                if units and outcome.run.unit:
                    totals.units[outcome.file] = outcome.run.unit
            if progress:
                progress(done, len(files), outcome.file)
        files.close()
        found_run = engine.check_run(reports)
        # which names the run rules spoke of are checked files: one pass over the names
        named = {f.file for f in found_run}
        listed = {name for name in spool.names() if name in named} if named else set()
        later: dict[str, list[Finding]] = {}  # run findings, until their file's turn
        loose: dict[str, list[Finding]] = {}  # on names that are no checked file
        for f in found_run:
            (later if f.file in listed else loose).setdefault(f.file, []).append(f)
        del found_run
        for failure in engine.load_failures:
            f = engine.internal_finding("rapportkoll", 1, 1, f"plugin: {failure}")
            loose.setdefault(f.file, []).append(f)
        unlisted = deque(sorted((k, sorted(v, key=Finding.sort_key)) for k, v in loose.items()))

        def hand_on(file: str, findings: list[Finding], is_listed: bool) -> None:
            if drop is not None and drop(file, findings):
                totals.checked -= 1
                return
            if is_listed:
                totals.files.append(file)
            if keep is not None:
                findings = keep(findings)
            totals.count(findings)
            for sink in sinks:
                sink.handle_file(file, findings, is_listed)

        known = set(engine.rules)
        enabled = engine.settings.enabled
        for file, findings, suppressions in spool:
            while unlisted and unlisted[0][0] < file:
                hand_on(*unlisted.popleft(), False)
            findings = suppress.apply(
                findings + later.pop(file, []),
                suppressions,
                file,
                known,
                partial(enabled, file=file),
            )
            findings = sorted((f for f in findings if enabled(f.code, file)), key=Finding.sort_key)
            hand_on(file, findings, True)
        while unlisted:
            hand_on(*unlisted.popleft(), False)
    finally:
        files.close()
        spool.close()
        extracts.close()
    return totals
