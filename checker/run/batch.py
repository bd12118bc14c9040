"""Checking many files: in parallel across cores, and from a content-hash cache.

``check_paths`` is the one entry point that checks many files: it finds
them (``files``), checks each with the engine (forked workers share the
engine already loaded), serves unchanged ones from the cache, and hands
every outcome to ``Engine.finish`` for the cross-report rules.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from typing import Any

from checker.engine.core import Engine
from checker.findings import Finding, Msg
from checker.results import FileOutcome, Result
from checker.run.cache import SafeCache
from checker.run.files import discover

# Called after each file: (files done, files in all, the file's name).
Progress = Callable[[int, int, str], None]

_WORKER: Engine | None = None


def _work(item: tuple[str, str]) -> FileOutcome:
    assert _WORKER is not None
    return _check(_WORKER, item)


def _check(engine: Engine, item: tuple[str, str]) -> FileOutcome:
    path, display = item
    try:
        return engine.check_file(path, display)
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
        )


def run_files(
    engine: Engine,
    files: list[tuple[str, str]],
    jobs: int = 1,
    cache: SafeCache | None = None,
    progress: Progress | None = None,
) -> list[FileOutcome]:
    """Outcomes for ``files`` in their order; cached ones are not checked again."""
    outcomes: list[FileOutcome | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    todo: list[int] = []
    done = 0
    share = Interner()
    for i, (path, display) in enumerate(files):
        if cache is not None:
            key = keys[i] = cache.key(path, display)
            hit = cache.get(key) if key else None
            if hit is not None:
                outcomes[i] = share.outcome(hit)
                done += 1
                if progress:
                    progress(done, len(files), display)
                continue
        todo.append(i)

    def store(i: int, outcome: FileOutcome) -> None:
        nonlocal done
        outcomes[i] = share.outcome(outcome)
        key = keys[i]
        if cache is not None and key is not None:
            cache.put(key, outcome)
        done += 1
        if progress:
            progress(done, len(files), outcome.file)

    jobs = max(1, min(jobs, len(todo)))
    if jobs == 1:
        for i in todo:
            store(i, _check(engine, files[i]))
    else:
        global _WORKER
        _WORKER = engine
        try:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(jobs) as pool:
                chunk = max(1, min(64, len(todo) // (jobs * 8) or 1))
                for i, outcome in zip(
                    todo, pool.imap(_work, [files[i] for i in todo], chunk), strict=False
                ):
                    store(i, outcome)
        finally:
            _WORKER = None
    return [o for o in outcomes if o is not None]


def check_paths(
    engine: Engine,
    paths: Iterable[str],
    jobs: int = 1,
    cache: SafeCache | None = None,
    progress: Progress | None = None,
) -> Result:
    """Check every report under ``paths``: the whole run, findings in order."""
    files = list(discover(paths))
    return engine.finish(run_files(engine, files, jobs=jobs, cache=cache, progress=progress))
