"""Checking many files: in parallel across cores, and from a content-hash cache.

``check_paths`` is the one entry point that checks many files: it finds
them (``files``), checks each with the engine (forked workers share the
engine already loaded), serves unchanged ones from the cache, and hands
every outcome to ``Engine.finish`` for the cross-report rules.

Each file is read once: the same bytes are hashed for the cache key, parsed
and checked, and the outcome is stored under that key, so a file that
changes during the run cannot get another version's outcome. Workers ignore
Ctrl-C (SIGINT); the parent stops them and the command line prints one line.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from checker.engine.core import Engine
from checker.findings import Finding, Msg
from checker.paths import tree_roots
from checker.read.loader import Problem, read_report_bytes
from checker.read.rules import unreadable
from checker.read.sources import limits_for
from checker.results import FileOutcome, Result
from checker.run.files import Candidate, candidates

if TYPE_CHECKING:  # a one-file check needs neither the cache nor worker processes
    from checker.run.cache import SafeCache

# Called after each file: (files done, files in all, the file's name).
Progress = Callable[[int, int, str], None]

_WORKER: Engine | None = None
_CACHE: SafeCache | None = None


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C, once


def _work(item: Candidate) -> FileOutcome:
    assert _WORKER is not None
    return _check(_WORKER, item, _CACHE)


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
            outcome.run.extracts = self(outcome.run.extracts)
            share = self.__call__
            outcome.run.places = {
                share(k): (line, col, share(sv), share(en))
                for k, (line, col, sv, en) in outcome.run.places.items()
            }
        return outcome

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
        )


def run_files(
    engine: Engine,
    files: list[Candidate] | list[tuple[str, str]],
    jobs: int = 1,
    cache: SafeCache | None = None,
    progress: Progress | None = None,
) -> list[FileOutcome]:
    """Outcomes for ``files`` in their order; cached ones are not checked again."""
    items = [f if isinstance(f, Candidate) else Candidate(f[0], f[1]) for f in files]
    outcomes: list[FileOutcome] = []
    share = Interner()
    if cache is not None and cache.secret is None:
        cache = None  # no usable key: the run goes on without the cache

    def store(outcome: FileOutcome) -> None:
        if cache is not None:
            cache.note(outcome)
        outcomes.append(share.outcome(outcome))
        if progress:
            progress(len(outcomes), len(items), outcome.file)

    jobs = max(1, min(jobs, len(items)))
    if jobs == 1:
        for item in items:
            store(_check(engine, item, cache))
    else:
        global _WORKER, _CACHE
        _WORKER, _CACHE = engine, cache
        try:
            import multiprocessing

            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(jobs, initializer=_init_worker) as pool:
                chunk = max(1, min(64, len(items) // (jobs * 8) or 1))
                for outcome in pool.imap(_work, items, chunk):
                    store(outcome)
        finally:
            _WORKER = _CACHE = None
    return outcomes


def check_paths(
    engine: Engine,
    paths: Iterable[str],
    jobs: int = 1,
    cache: SafeCache | None = None,
    progress: Progress | None = None,
    exports: bool = False,
) -> Result:
    """Check every report under ``paths``: the whole run, findings in order.

    With ``exports`` a folder's exports (text, PDF, Word) are checked too.
    """
    given = list(paths)
    files = candidates(given, exports)
    result = engine.finish(run_files(engine, files, jobs=jobs, cache=cache, progress=progress))
    result.roots = tree_roots(given)
    result.sealed = {c.display for c in files if c.refusal is not None}
    return result
