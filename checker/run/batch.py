"""Checking many files: found on disk, in parallel across cores, and from a content-hash cache.

``paths_source`` is the source of every run over files and folders: it finds
them (``files``), checks each with the engine (forked workers share the
engine already loaded) and serves unchanged ones from the cache, handing the
outcomes in sorted order to the one pipeline (``checker.run.pipeline``),
which runs the cross-report rules and hands the findings to the outputs.

Each file is read once: the same bytes are hashed for the cache key, parsed
and checked, and the outcome is stored under that key, so a file that
changes during the run cannot get another version's outcome. The workers
(``checker.run.pool``) ignore Ctrl-C (SIGINT); the parent stops them and the
command line prints one line. A file whose worker died while checking it gets an
RK000 finding that says so, and the other files are checked by the others.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from checker.engine.core import Engine
from checker.findings import Finding
from checker.paths import tree_roots
from checker.read.loader import Problem, read_report_bytes
from checker.read.rules import unreadable
from checker.read.sources import limits_for
from checker.results import FileOutcome, Result, Totals
from checker.run.files import Candidate, Walk, candidates
from checker.run.pipeline import Preparation, Progress, Sink, Source, collect, run
from checker.run.spool import PackedOutcome, Prepare, _Candidates, _Extracts, _Reports

if TYPE_CHECKING:  # a one-file check needs neither the cache nor worker processes
    from checker.run.cache import SafeCache
    from checker.run.pool import Ordered

__all__ = [  # the spool's stores are read here by their tests
    "_Candidates",
    "_Extracts",
    "_Reports",
    "check_paths",
    "files_source",
    "iter_outcomes",
    "paths_source",
    "stream_paths",
]


def _check(
    engine: Engine, item: Candidate | tuple[str, str], cache: SafeCache | None
) -> FileOutcome:
    path, display = item[0], item[1]
    refusal = item.refusal if isinstance(item, Candidate) else None
    follow = item.link if isinstance(item, Candidate) else True
    try:
        if refusal is not None:
            return engine.check_unread(display, Problem(unreadable.code, refusal, 1, 1))
        if cache is not None:
            known = cache.unchanged(path, display, follow)  # a stat, when the index knows it
            if known is not None:
                return known
            before = cache.before_read(path, follow)
        raw = read_report_bytes(path, limits_for(display, engine.settings.limits), follow)
        if isinstance(raw, Problem):
            return engine.check_unread(display, raw)
        if cache is None:
            return engine.check_bytes(raw, display)
        key = cache.key(raw, display)
        outcome = cache.lookup(key, display)
        if outcome is None:
            outcome = engine.check_bytes(raw, display)
            cache.put(key, outcome)  # the outcome of exactly these bytes
        cache.indexed(outcome, key, path, follow, before)
        return outcome
    except Exception as exc:  # a fault outside any one rule: isolate it to this file
        return FileOutcome(
            display, [engine.internal_finding(display, 1, 1, f"{type(exc).__name__}: {exc}")]
        )


def iter_outcomes(
    engine: Engine,
    items: Collection[Candidate],
    jobs: int = 1,
    cache: SafeCache | None = None,
    prepare: Prepare | None = None,
) -> Generator[FileOutcome, None, None]:
    """Outcomes for ``items`` in their order, each handed on as soon as it is its turn.

    With several workers, chunks of files are handed out a few at a time
    (``AHEAD`` per worker) and their outcomes are put back in order: a reorder
    buffer keyed by the file list, bounded, so that a slow consumer (a format
    writing to a slow disk) never makes the run hold every outcome. A worker
    ``prepare``s each outcome for the run's format (``Preparation``).
    """
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1:
        for item in items:
            yield _check(engine, item, cache)
        return
    with contextlib.closing(_pooled(engine, items, jobs, cache, prepare)) as outcomes:
        yield from outcomes


def _pooled(
    engine: Engine,
    items: Collection[Candidate],
    jobs: int,
    cache: SafeCache | None,
    prepare: Prepare | None,
    hold: int = 0,
) -> Ordered[FileOutcome]:
    """``iter_outcomes``' workers; up to ``hold`` outcomes (besides the usual bound) may be
    checked ahead of their turn and held."""
    from checker.run.pool import ordered  # forks: only a parallel run needs it

    def work(item: Candidate) -> FileOutcome:
        # its findings pickled here, once, as the parent's spool keeps them
        outcome = _check(engine, item, cache)
        packed = PackedOutcome(outcome, prepare)
        if cache is not None and cache.keeps is not None:
            packed.kept = cache.keeps(outcome)  # made here, in parallel
        return packed

    def lost(item: Candidate, reason: str) -> FileOutcome:
        detail = f"{reason}; filen är inte granskad, kör om för att granska den"
        return FileOutcome(item.display, [engine.internal_finding(item.display, 1, 1, detail)])

    size = max(1, min(CHUNK, len(items) // (jobs * 8) or 1))
    ahead = max(AHEAD, -(-hold // (size * jobs)))
    died = cache.forget_writes_of if cache is not None else None
    return ordered(work, items, jobs, lost, size, ahead, died)


class Served(Protocol):
    """Outcomes a run has without checking a file or reading its cache entry (the nightly
    run's unchanged reports, from its memo): ``knows`` tells which files, ``outcome`` makes
    one, or None when what was kept of it fails its check (the file then goes the old way)."""

    def knows(self, item: Candidate) -> bool: ...

    def outcome(self, item: Candidate) -> FileOutcome | None: ...


class _Unserved(Collection[Candidate]):
    """The files of a run that ``Served`` does not know: the ones checked (or read from the
    cache) by the workers, in their order."""

    def __init__(self, items: Collection[Candidate], served: Served) -> None:
        self.items, self.served = items, served
        self.count = sum(1 for item in items if not served.knows(item))

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Candidate]:
        knows = self.served.knows
        return (item for item in self.items if not knows(item))

    def __contains__(self, item: object) -> bool:
        return isinstance(item, Candidate) and item in self.items and not self.served.knows(item)


def _served_first(
    engine: Engine,
    items: Collection[Candidate],
    jobs: int,
    cache: SafeCache,
    served: Served,
    prepare: Prepare | None = None,
) -> Iterator[FileOutcome]:
    """Outcomes for ``items`` in their order: the ones ``served`` knows made here, from what
    it kept (no worker, no cache entry read), the others from the workers."""
    unserved = _Unserved(items, served)
    jobs = max(1, min(jobs, len(unserved)))
    pooled: Ordered[FileOutcome] | None = None
    if jobs == 1:
        checked: Generator[FileOutcome, None, None] | Ordered[FileOutcome]
        checked = iter_outcomes(engine, unserved, 1, cache, prepare)
    else:
        # Where some files are served, those to check (up to HOLD of them) go to the
        # workers at once, to be checked while this process serves the others; ``pump``
        # keeps the workers' pipes flowing meanwhile.
        hold = min(len(unserved), HOLD) if len(unserved) < len(items) else 0
        pooled = checked = _pooled(engine, unserved, jobs, cache, prepare, hold)
        pooled.pump()
    # In turn, each file's outcome: a served one made here, a checked one (None) taken from
    # the workers. While the workers have not given back the one in turn (a worker's first
    # reports cost it its imports), the files after it are served meanwhile, up to
    # SERVE_AHEAD of them, and held.
    turn: deque[FileOutcome | None] = deque()
    try:
        for n, item in enumerate(items):
            if served.knows(item):
                if pooled is not None and n % PUMP_EVERY == 0:
                    pooled.pump()
                outcome = served.outcome(item)
                turn.append(outcome if outcome is not None else _check(engine, item, cache))
            else:
                turn.append(None)
            while turn and (
                turn[0] is not None
                or pooled is None
                or len(turn) > SERVE_AHEAD
                or pooled.available()
            ):
                head = turn.popleft()
                yield next(checked) if head is None else head
        while turn:
            head = turn.popleft()
            yield next(checked) if head is None else head
        for _ in checked:  # none left: the workers are ended and reaped
            raise RuntimeError("more outcomes than files")
    finally:
        checked.close()


CHUNK = 16  # files per task handed to a worker, at most
AHEAD = 3  # chunks per worker handed out before their outcomes are taken
HOLD = 256  # outcomes checked ahead of their turn while a run serves the other files
PUMP_EVERY = 16  # served files between looks at the workers
SERVE_AHEAD = 2048  # served outcomes held while a checked one in turn is awaited


def files_source(
    engine: Engine,
    files: Iterable[Candidate] | Iterable[tuple[str, str]],
    jobs: int = 1,
    cache: SafeCache | None = None,
    roots: Sequence[str] = (),
    prepare: Preparation | None = None,
    served: Served | None = None,
) -> Source:
    """The source of the files given as (path, name) or ``Candidate``, checked in name order
    (each outcome ``prepare``d for the run's format where it is checked; those ``served``
    knows are not checked: see ``Served``)."""
    items = [f if isinstance(f, Candidate) else Candidate(f[0], f[1]) for f in files]
    found = sorted(items, key=lambda c: c.display)
    sealed = {c.display for c in found if c.refusal}
    held = _Candidates(found)  # on disk until checked: the run holds nothing per file
    del found, items
    outcomes = _outcomes(engine, held, jobs, cache, prepare, served)
    return Source(outcomes, len(held), list(roots), sealed, held.close, prepare=prepare)


def paths_source(
    engine: Engine,
    paths: Iterable[str],
    jobs: int = 1,
    cache: SafeCache | None = None,
    exports: bool = False,
    walk: Walk | None = None,
    prepare: Preparation | None = None,
    served: Served | None = None,
) -> Source:
    """The source of every report under ``paths``.

    With ``exports`` a folder's exports (text, PDF, Word) are checked too; the
    files the walk never takes (the roster) are left out (``candidates``).
    """
    given = list(paths)
    found = candidates(given, exports, walk or Walk.of(engine.settings))
    return files_source(engine, found, jobs, cache, tree_roots(given), prepare, served)


def _outcomes(
    engine: Engine,
    files: _Candidates,
    jobs: int,
    cache: SafeCache | None,
    prepare: Preparation | None,
    served: Served | None = None,
) -> Iterator[FileOutcome]:
    if cache is not None and cache.secret is None:
        cache = None  # no usable key: the run goes on without the cache
    outcomes = (
        iter_outcomes(engine, files, jobs, cache, prepare)
        if cache is None or served is None
        else _served_first(engine, files, jobs, cache, served, prepare)
    )
    for outcome in outcomes:
        if cache is not None:
            cache.note(outcome)
        yield outcome
    if cache is not None:
        cache.save_index()
    files.close()


def check_paths(
    engine: Engine,
    paths: Iterable[str],
    jobs: int = 1,
    cache: SafeCache | None = None,
    progress: Progress | None = None,
    exports: bool = False,
    walk: Walk | None = None,
) -> Result:
    """Check every report under ``paths``: the whole run held, findings in order."""
    source = paths_source(engine, paths, jobs, cache, exports, walk)
    return collect(engine, source, progress=progress)


def stream_paths(
    engine: Engine,
    paths: Iterable[str],
    sinks: Sequence[Sink],
    jobs: int = 1,
    cache: SafeCache | None = None,
    exports: bool = False,
    keep: Callable[[list[Finding]], list[Finding]] | None = None,
    units: bool = True,
    walk: Walk | None = None,
) -> Totals:
    """Check every report under ``paths`` and hand each file's findings to ``sinks``."""
    source = paths_source(engine, paths, jobs, cache, exports, walk)
    return run(engine, source, sinks, keep=keep, units=units)
