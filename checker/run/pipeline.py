"""The one run of a check: sources in, each file's findings streamed to sinks.

Every caller checks through ``run``: ``rapportkoll check`` (files, folders,
standard in, with a roster or not), the nightly run, the desk, the language
server and ``--fix``. A source hands in the files' outcomes in sorted order
(``batch.paths_source`` walks folders, checks in parallel and from the
cache; ``given`` takes outcomes already made). The run then has two passes:

1. each outcome is spooled to disk (``checker.run.spool``) and counted;
2. the run rules (cross-report) read every report's extracts, a ``late``
   step may add findings from what the run saw (the roster's RK106), and
   each file's findings, with the run rules' and with its suppressions and
   the enabled rules applied, go to every sink in sorted order.

A run writing one format that renders a file alone (text) has each outcome
prepared where it is checked, in the worker (``Preparation``): its final findings
as far as the file decides them, counted and rendered. The second pass then
writes that text and adds those counts, and makes a file's findings again only
when a run rule adds to the file (or a sink reads them).

This module is the one place where the run rules run, the suppressions and
the enabled filter apply, the plugins that failed to load are reported and
the baseline filter (``keep``) is applied. Sinks take one file at a time:
``Outputs`` (every format, each output file put in place only when the run
has completed), the baseline writer, ``Collect`` for the callers that need
the whole run (statistics, the desk, the nightly run's findings page).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any, Protocol, TextIO

from checker.engine import suppress
from checker.engine.core import Engine
from checker.findings import Finding, Msg
from checker.outputs import FormatOptions, Formatter, formatter_class
from checker.read.safeio import MiB, put_in_place, temp_beside
from checker.record import Record
from checker.results import (
    FileOutcome,
    FinalFindings,
    Known,
    KnownFindings,
    Prepared,
    Result,
    Suppression,
    Totals,
    tally_of,
    unverified_of,
)
from checker.run.late import LateStop
from checker.run.spool import Extracted, Spool, _Extracts, _Reports

# Called after each file: (files done, files in all, the file's name).
Progress = Callable[[int, int, str], None]
# Findings that come from what the whole run saw (its units and periods): the roster's RK106.
Late = Callable[[Result], list[Finding]]
# The whole outcome stored under a cache key for a file: (key, file) → it, or None when
# it cannot be read (``SafeCache.get``).
Recall = Callable[[str, str], FileOutcome | None]


class Sink(Protocol):
    """Takes a run's findings one file at a time (a ``Formatter``, the baseline, ``Collect``)."""

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None: ...


class Source(Record):
    """The files of a run: their outcomes in sorted order of name, and what outputs must know.

    ``roots`` is the checked tree and ``sealed`` the files no output may quote
    (see ``Result``); ``close`` frees what the source holds when the run ends.
    """

    _fields = ("outcomes", "total", "roots", "sealed", "close", "recall", "known", "prepare")

    def __init__(
        self,
        outcomes: Iterable[FileOutcome],
        total: int,
        roots: list[str] | None = None,
        sealed: set[str] | None = None,
        close: Callable[[], None] = lambda: None,
        recall: Recall | None = None,
        known: Mapping[str, Known] | None = None,
        prepare: Preparation | None = None,
    ) -> None:
        self.outcomes = outcomes
        self.total = total
        self.roots: list[str] = [] if roots is None else roots
        self.sealed: set[str] = set() if sealed is None else sealed
        self.close = close
        # With ``recall`` (the nightly run's), outcomes may come by reference (by their key
        # in ``known``) and a file's final findings that depend on its cached outcome alone
        # go to the sinks as ``FinalFindings`` (with its key), or as ``KnownFindings``.
        self.recall = recall
        self.known: Mapping[str, Known] = {} if known is None else known
        # What each file's outcome is prepared with for the run's one format, where it is
        # checked (``Preparation``): the source's workers and the spool use the same.
        self.prepare = prepare


def given(outcomes: Iterable[FileOutcome], sealed: Iterable[str] = ()) -> Source:
    """A source of outcomes already made (standard in, the editor's text, a round of ``--fix``)."""
    held = sorted(outcomes, key=lambda o: o.file)
    return Source(held, len(held), sealed=set(sealed))


def run(
    engine: Engine,
    source: Source,
    sinks: Sequence[Sink],
    *,
    keep: Callable[[list[Finding]], list[Finding]] | None = None,
    drop: Callable[[str, Sequence[Finding]], bool] | None = None,
    late: Late | None = None,
    units: bool = True,
    progress: Progress | None = None,
    totals: Totals | None = None,
) -> Totals:
    """Check ``source`` and hand each file's findings to ``sinks``; the run's totals.

    Files come in sorted order, each file's findings sorted, names that are
    no checked file (``listed=False``) in their sorted place. ``keep`` filters
    each file's findings first (the baseline); ``drop`` leaves a file out of
    the run (the nightly run's vanished files); ``late`` adds findings from what
    the whole run saw, as the run rules do (the roster's RK106). The totals are counted (into
    ``totals`` when given, so that a sink can read the units as it goes);
    without ``units`` no file's unit is kept (no sink reads them: 2 MiB at 10,000).
    """
    totals = totals if totals is not None else Totals()  # sinks may read it as it fills
    totals.roots, totals.sealed = source.roots, source.sealed
    spool, extracts = Spool(source.known, source.prepare), _Extracts()
    reports = _Reports(extracts)
    try:
        _spool(source, spool, reports, totals, units or late is not None, progress)
        # the late step sees the run's units and periods, and may name committees
        extra = late(totals.result([])) if late is not None else []
        hand_on = _HandOn(sinks, totals, keep, drop)
        final = _Final(engine, source.recall)
        _finish(engine, spool, engine.check_run(reports) + extra, hand_on, final)
    finally:
        source.close()
        spool.close()
        extracts.close()
    return totals


def _spool(
    source: Source,
    spool: Spool,
    reports: _Reports,
    totals: Totals,
    units: bool,
    progress: Progress | None,
) -> None:
    """The first pass: every outcome spooled and counted (with ``units``, its unit and period)."""
    for done, outcome in enumerate(source.outcomes, 1):
        spool.add(outcome)
        totals.cached += outcome.cached
        totals.checked += not outcome.cached
        header = _header(outcome, reports, totals)
        if header is not None:
            kind, year, unit = header
            if units and unit:
                totals.units[outcome.file] = unit
            if units and kind and year is not None:
                totals.periods[outcome.file] = (kind, year)  # the roster's
        if progress:
            progress(done, source.total, outcome.file)


def _header(
    outcome: FileOutcome, reports: _Reports, totals: Totals
) -> tuple[str | None, int | None, str | None] | None:
    """The report's type, year and unit (None without a report), its extracts spooled
    for the run rules and what the rules could not check counted."""
    if isinstance(outcome, Extracted) and outcome.extract is not None:
        header = outcome.header
        assert header is not None  # with its record
        reports.add_record(outcome.extract, (outcome.named, *header))  # as made (worker, memo)
        totals.unverified.update(outcome.unverified)
        return header
    report = outcome.run
    totals.unverified.update(unverified_of(report))
    if report is None:
        return None
    reports.add(report)
    return report.type, report.year, report.unit


class _HandOn:
    """One file's final findings to every sink: dropped, filtered, counted, in that order."""

    def __init__(
        self,
        sinks: Sequence[Sink],
        totals: Totals,
        keep: Callable[[list[Finding]], list[Finding]] | None,
        drop: Callable[[str, Sequence[Finding]], bool] | None,
    ) -> None:
        self.sinks, self.totals, self.keep, self.drop = sinks, totals, keep, drop

    def __call__(self, file: str, findings: Sequence[Finding], listed: bool) -> None:
        if listed and self.drop is not None and self.drop(file, findings):
            self.totals.checked -= 1
            return
        if listed:
            self.totals.files.append(file)
        if self.keep is not None:
            findings = self.keep(findings if isinstance(findings, list) else list(findings))
        self.totals.count(findings)
        for sink in self.sinks:
            sink.handle_file(file, findings, listed)


def _finish(
    engine: Engine, spool: Spool, found_run: list[Finding], hand_on: _HandOn, final: _Final
) -> None:
    """The second pass: each file's findings with the run's, suppressed, filtered, handed on."""
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
    for file, findings, suppressions, key in spool.records():
        while unlisted and unlisted[0][0] < file:
            hand_on(*unlisted.popleft(), False)
        hand_on(file, final.of(file, findings, suppressions, key, later.pop(file, [])), True)
    while unlisted:
        hand_on(*unlisted.popleft(), False)


class _Final:
    """A file's final findings: with the run's, its suppressions and the enabled rules
    applied, sorted; by reference when they are ``Known`` and the run added none."""

    def __init__(self, engine: Engine, recall: Recall | None) -> None:
        self.engine, self.recall = engine, recall
        self.known = set(engine.rules)
        self.enabled = engine.settings.enabled

    def of(
        self,
        file: str,
        findings: list[Finding] | Known | Prepared,
        suppressions: list[Suppression],
        key: str | None,
        extra: list[Finding],
    ) -> Sequence[Finding]:
        if type(findings) is Prepared:
            if not extra and (key is None or self.recall is None):
                findings.make = partial(self.remade, file, findings)
                return findings
            findings, suppressions = findings.outcome()
        if type(findings) is Known:
            if not extra:
                n = len(findings.outlines)
                return KnownFindings(findings, partial(self.recalled, file, findings.key, n))
            findings, suppressions = self.whole(file, findings.key)
        assert type(findings) is list
        made = self.applied(file, findings + extra, suppressions)
        if key is None or extra or self.recall is None:
            return made
        return FinalFindings(made, key)

    def applied(
        self, file: str, findings: list[Finding], suppressions: list[Suppression]
    ) -> list[Finding]:
        enabled = self.enabled
        findings = suppress.apply(
            findings, suppressions, file, self.known, partial(enabled, file=file)
        )
        return sorted((f for f in findings if enabled(f.code, file)), key=Finding.sort_key)

    def remade(self, file: str, prepared: Prepared) -> list[Finding]:
        """A prepared file's final findings, made here as they were where it was checked."""
        return self.applied(file, *prepared.outcome())

    def whole(self, file: str, key: str) -> tuple[list[Finding], list[Suppression]]:
        """The findings and suppressions of the outcome cached under ``key``, read again."""
        outcome = self.recall(key, file) if self.recall is not None else None
        if outcome is None:  # its entry went away during the run
            detail = "cachens post för filen kunde inte läsas igen under körningen; kör om"
            return [self.engine.internal_finding(file, 1, 1, detail)], []
        return outcome.findings, outcome.suppressions

    def recalled(self, file: str, key: str, n: int) -> list[Finding]:
        """The ``n`` findings known by ``key``, made again from the cache entry (holding no
        ``Known``: the run's memo is freed once the sinks have what they need of it)."""
        made = self.applied(file, *self.whole(file, key))
        if len(made) != n:  # its entry went away: the sinks cannot agree
            raise RuntimeError(f"cachens post för {file} försvann under körningen; kör om")
        return made


class Preparation:
    """A file's final findings as far as its own outcome decides them, and the text the
    run's one format writes of them, made where the file is checked (a worker).

    What a run rule adds to a file is known only at the end; a file it adds nothing to
    (nearly all of them) is then handed on as ``Prepared``: the format writes the text
    made here, the totals add the tally made here, and nothing is unpickled or rendered
    again in the run's own process.
    """

    def __init__(self, engine: Engine, formatter: Formatter, text_key: tuple[Any, ...]) -> None:
        self.final = _Final(engine, None)
        self.formatter, self.text_key = formatter, text_key

    def __call__(
        self, file: str, findings: list[Finding], suppressions: list[Suppression]
    ) -> tuple[int, tuple[int, ...], tuple[Any, ...], str]:
        # applying marks a suppression used: the outcome's own stay as they were
        own = [s.replace() for s in suppressions]
        made = self.final.applied(file, findings, own)
        text = self.formatter.block(file, made) if made else ""
        return len(made), tally_of(made), self.text_key, text


# -- the whole run, held ------------------------------------------------------------


class Interner:
    """Shares equal texts between the findings of one run held whole.

    Thousands of reports repeat the same messages, labels and table rows; one
    copy of each saves most of the memory a large run held whole would grow by.
    """

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def __call__(self, value: Any) -> Any:
        cls = type(value)
        if cls is str or cls is Msg:
            hit = self._seen.get(value)
            if hit is not None:
                return hit
            if cls is Msg:
                value = Msg(self(value.sv), self(value.en))
            self._seen[value] = value
        return value

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


class Collect:
    """A sink that holds every finding: for the callers that need the whole run at once."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._share = Interner()

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        self.findings.extend(self._share.finding(f) for f in findings)

    def result(self, totals: Totals) -> Result:
        return totals.result(self.findings)


def collect(engine: Engine, source: Source, **options: Any) -> Result:
    """The whole run of ``source``, held (``run``'s ``options``)."""
    sink = Collect()
    return sink.result(run(engine, source, [sink], **options))


# -- the outputs --------------------------------------------------------------------


# Where the kernel takes the hint (not macOS or Windows): looked up once, not per write.
_ADVISE = getattr(os, "posix_fadvise", None)


class AtomicOutput:
    """An output file written as the run goes, put in place only by ``commit``.

    As ``write_atomically``: a temporary file in the target's folder, flushed
    to disk and renamed over the target (only a regular file or a new name).

    Text goes through ``stream``; bytes through ``write_bytes``, which hands them to a
    thread of the output's own (``_Behind``) that writes them in order while the run
    renders on: at 20,000 reports a night writes some 400 MB of pages, and each write
    waits for the kernel to take its MiB. ``flush`` waits for the bytes handed on; text
    is written to ``stream`` only before the first ``write_bytes`` or after a ``flush``.
    """

    # Every this many bytes that reach the file through ``write_bytes``, the kernel is
    # asked to begin writing them to disk (``POSIX_FADV_DONTNEED``: the write-back starts,
    # nothing waits for it): a page of hundreds of MB is then mostly on disk by its
    # ``commit``, whose sync waits for the rest.
    BEHIND = 16 * MiB

    def __init__(self, target: str) -> None:
        self.target = target
        fd, tmp = temp_beside(target)
        self.tmp: str | None = tmp
        self.stream: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._behind = 0  # the bytes up to here are on their way to disk
        self._handed = 0  # bytes written since the last ask
        self._writer: _Behind | None = None  # made at the first ``write_bytes``

    def write_bytes(self, data: bytes) -> None:
        """``data`` handed on to be written as bytes (after any text the stream holds is
        flushed by its writer), in order; an earlier write's failure raised here."""
        writer = self._writer
        if writer is None or writer.pid != os.getpid():  # none yet in this process (a fork)
            self.stream.flush()
            writer = self._writer = _Behind(self._written)
        writer.put(data)

    def _written(self, data: bytes) -> None:
        """``data`` written (``_Behind``'s thread); the bytes written so far sent on to disk
        every ``BEHIND`` bytes."""
        self.stream.buffer.write(data)
        self._handed += len(data)
        if _ADVISE is None or self._handed < self.BEHIND:  # no system call per write
            return
        fd = self.stream.fileno()
        at = os.lseek(fd, 0, os.SEEK_CUR)  # what reached the file (not what is buffered)
        if at - self._behind >= self.BEHIND:
            end = at - at % mmap.PAGESIZE  # whole pages: the last one is written to still
            with contextlib.suppress(OSError):  # only a hint: ``commit`` syncs all
                _ADVISE(fd, self._behind, end - self._behind, os.POSIX_FADV_DONTNEED)
            self._behind, self._handed = end, 0

    def flush(self) -> None:
        """The bytes handed on written, and the stream flushed; a write's failure raised."""
        if self._writer is not None and self._writer.pid == os.getpid():
            self._writer.wait()
        self.stream.flush()

    def sync(self) -> None:
        """What is written so far flushed to disk ahead of ``commit`` (which syncs again,
        and reports what fails)."""
        with contextlib.suppress(OSError):
            self.flush()
            os.fsync(self.stream.fileno())

    def commit(self) -> None:
        assert self.tmp is not None
        self.flush()
        os.fsync(self.stream.fileno())
        self._stop()
        self.stream.close()
        put_in_place(self.tmp, self.target)
        self.tmp = None

    def discard(self) -> None:
        self._stop()
        with contextlib.suppress(OSError):
            self.stream.close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = None

    def _stop(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None and writer.pid == os.getpid():
            writer.stop()


class _Behind:
    """Bytes written in order by a thread of their own (``write``), while the thread that
    hands them on (``put``) goes on: each write lets go of the GIL. At most ``HELD`` bytes
    wait; the first failure is raised by every ``put`` and ``wait`` after it."""

    HELD = 4 * MiB

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self.pid = os.getpid()  # a forked process has no such thread: it makes its own
        self._write = write
        self._queue: deque[bytes] = deque()
        self._held = 0  # bytes handed on and not yet written (the one being written too)
        self._failed: BaseException | None = None
        self._stopped = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def put(self, data: bytes) -> None:
        with self._cond:
            while self._held >= self.HELD and self._failed is None:
                self._cond.wait()
            if self._failed is not None:
                raise self._failed
            self._queue.append(data)
            self._held += len(data)
            self._cond.notify_all()

    def wait(self) -> None:
        """Every byte handed on written; the failure raised if one was not."""
        with self._cond:
            while self._held and self._failed is None:
                self._cond.wait()
            if self._failed is not None:
                raise self._failed

    def stop(self) -> None:
        """The thread ended, what it has not written yet let go (``wait`` first to keep it)."""
        with self._cond:
            self._stopped = True
            self._queue.clear()
            self._cond.notify_all()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._stopped:
                    self._cond.wait()
                if self._stopped:
                    return
                data = self._queue.popleft()
            try:
                self._write(data)
            except BaseException as exc:  # raised in the thread that hands bytes on
                with self._cond:
                    self._failed = exc
                    self._queue.clear()
                    self._cond.notify_all()
                return
            with self._cond:
                self._held -= len(data)
                self._cond.notify_all()


class OutputFailed(Exception):
    """Writing ``target`` failed; the run stops and no output is put in place."""

    def __init__(self, target: str, exc: OSError) -> None:
        super().__init__(target)
        self.target, self.exc = target, exc


class Outputs:
    """A sink writing every format of a run: each output file, then the ones shown.

    An output file is written into a temporary file beside it and renamed
    over the target only by ``stop``, when the run has completed, so a stopped
    or failed run leaves every target as it was (``discard``). A failure to
    write one names its file (``OutputFailed``).
    """

    def __init__(self) -> None:
        self.files: list[tuple[Formatter, AtomicOutput]] = []
        self.shown: list[Formatter] = []

    def open(self, fmt: str, target: str, options: FormatOptions) -> None:
        try:
            output = AtomicOutput(target)
        except OSError as exc:
            raise OutputFailed(target, exc) from None
        self.files.append((formatter_class(fmt)(output.stream, options), output))

    def show(self, formatter: Formatter) -> None:
        self.shown.append(formatter)

    def prepare(self, engine: Engine) -> Preparation | None:
        """What a run writing only one format, one whose files' texts can be made where
        they are checked (``Formatter.block_key``), prepares each file's outcome with."""
        formatters = [*(f for f, _ in self.files), *self.shown]
        if len(formatters) != 1:
            return None
        key = formatters[0].block_key()
        return None if key is None else Preparation(engine, formatters[0], key)

    @property
    def units(self) -> bool:
        """Whether a format reads each file's unit (those written whole at the end: HTML)."""
        return any(not f.streams for f in [*(f for f, _ in self.files), *self.shown])

    def start(self) -> None:
        for formatter, _ in self.files:
            formatter.start()
        for formatter in self.shown:
            formatter.start()

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        for formatter, output in self.files:
            try:
                formatter.handle_file(file, findings, listed)
            except OSError as exc:
                raise OutputFailed(output.target, exc) from None
        for formatter in self.shown:
            formatter.handle_file(file, findings, listed)

    def stop(self, totals: Totals, late: LateStop | None = None) -> None:
        """Each output file finished and put in place, then the ones shown; with ``late``,
        Ctrl-C held from the first one put in place (the run is done then)."""
        for formatter, output in self.files:
            try:
                formatter.stop(totals)
                if late is not None:
                    late.hold()
                output.commit()
            except OSError as exc:
                raise OutputFailed(output.target, exc) from None
        for formatter in self.shown:
            formatter.stop(totals)

    def discard(self) -> None:
        """Remove every output file not put in place (all of them, after a failure)."""
        for _, output in self.files:
            output.discard()
