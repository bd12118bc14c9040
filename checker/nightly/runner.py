"""The nightly run: every report of a tree, the cache, the history and the dashboard.

``rapportkoll nightly TREE`` checks every report under TREE in parallel
across the machine's cores, serves unchanged files from the content-hash
cache, stores the run in the history database (SQLite, one file) and writes
the HTML dashboard. Exit code 0 when the run completed, whatever it found
(findings are the point of a nightly run); 2 when the checker itself failed
(an RK000 finding) or the tree, configuration, database or dashboard could
not be used.

The cache salt is the engine's fingerprint (version, plugins, rules,
reference data, settings) plus a digest of the checker's and the built-in
rules' own source (all but the modules that only present findings), so a
changed helper module such as ``checker/swedish.py`` is not served stale
results either. A damaged cache entry is a miss; a cache that cannot be written only
costs speed; an outcome is stored only if the file still has the content it
was keyed by, and never when the checker itself failed on it. A file that
disappears while the run goes on is left out of the run and counted. An unchanged
report whose findings no run rule adds to is handed on by reference
(``checker.nightly.memo``): its findings are neither made, stored nor laid out again,
and when its stat is the one the cache's index knows it is served from the memo in
this process, its cache entry not read (``checker.nightly.unchanged``).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import ParamSpec, TextIO, TypeVar
from urllib.parse import quote

from checker import __version__
from checker.engine.config import Config, check_cli_codes, check_codes
from checker.engine.core import Engine
from checker.engine.refdata import DataError
from checker.engine.settings import Settings, build
from checker.findings import Finding, Severity, identity
from checker.nightly import TREND_RUNS, dashboard
from checker.nightly import roster as roster_mod
from checker.nightly.history import Comparison, History, HistoryError, NewRun
from checker.nightly.memo import Memo
from checker.nightly.pagefindings import PageFindings
from checker.nightly.roster import Roster, RosterError
from checker.nightly.sections import FOLDER as SECTIONS
from checker.nightly.sections import Lent, SectionStore
from checker.nightly.unchanged import Recalled, Unchanged, keeping, kept_of, recall_or_check
from checker.outputs import html
from checker.outputs.terminal import visible
from checker.paths import path_below
from checker.read.glimpse import Glimpse
from checker.read.safeio import MiB
from checker.results import FileOutcome, FinalFindings, KnownFindings, Result, Totals, tally_of
from checker.run import pipeline
from checker.run.apart import Apart, ApartFailed
from checker.run.batch import paths_source
from checker.run.cache import SafeCache, source_digest
from checker.run.files import Walk
from checker.run.late import LateStop
from checker.run.output import (
    InputGuard,
    OutputError,
    describe,
    output_problem,
)
from checker.run.pipeline import AtomicOutput
from checker.swedish import count

T = TypeVar("T")

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "progress": "Kontrollerar",
        "files": "{n} filer",
        "file": "1 fil",
        "checked": "{n} kontrollerade",
        "checked1": "1 kontrollerad",
        "cached": "{n} oförändrade (från cache)",
        "cached1": "1 oförändrad (från cache)",
        "nothing_new": "ingen fil har ändrats, ingen kontrollerades om",
        "findings": "Anmärkningar: {e}, {w}, {i} i {f} av {n} från {u}.",
        "compare": "Jämfört med förra körningen: {new}, {fixed}.",
        "missing": "{n} anmärkningar i rapporter som saknas nu räknas inte som åtgärdade: {names}",
        "missing1": "1 anmärkning i en rapport som saknas nu räknas inte som åtgärdad: {names}",
        "gone": "Rapporter som fanns förra körningen men saknas nu: {names}",
        "overdue": "Rapporter som saknas enligt inlämningslistan (RK106): {n} – {names}",
        "new": "{n} nya anmärkningar",
        "new1": "1 ny anmärkning",
        "fixed": "{n} åtgärdade",
        "fixed1": "1 åtgärdad",
        "stored": "Körning {id} sparad i {db} ({s} s, {j}). Översikt: {dash}",
        "findings_page": "Anmärkningar per nämnd och enhet: {page}",
        "vanished": "{n} försvann under körningen och räknas inte: {names}",
        "internal": "Kontrollen kunde inte köras klart: {n} interna fel (RK000), se översikten.",
        "cache_write": "varning: cachen i {dir} kunde inte skrivas för {n} filer ({err});"
        " de kontrolleras igen nästa gång.",
        "no_tree": "hittar inte mappen {tree}",
        "not_dir": "{tree} är ingen mapp; nattkörningen tar en mapp med rapporter",
        "no_files": "hittade inga rapporter (.yaml/.yml) i {tree}; ingenting sparat",
        "bad_jobs": "--jobs ska vara 0 (alla kärnor) eller större, inte {n}",
        "dash_fail": "kunde inte skriva översikten {dash}: {err}",
        "page_fail": "kunde inte skriva granskningsrapporten {page}: {err}",
        "crash": "internt fel i nattkörningen: {err}",
        "cache_off": "varning: cachen används inte ({err}); alla filer kontrollerades.",
        "late_stop": "Ctrl-C kom när sidorna redan skrevs på plats: körningen är sparad och klar.",
    },
    "en": {
        "progress": "Checking",
        "files": "{n} files",
        "file": "1 file",
        "checked": "{n} checked",
        "checked1": "1 checked",
        "cached": "{n} unchanged (from cache)",
        "cached1": "1 unchanged (from cache)",
        "nothing_new": "no file has changed, none was checked again",
        "findings": "Findings: {e}, {w}, {i} in {f} of {n} from {u}.",
        "compare": "Compared with the previous run: {new}, {fixed}.",
        "missing": "{n} findings in reports that are missing now are not counted as fixed: {names}",
        "missing1": "1 finding in a report that is missing now is not counted as fixed: {names}",
        "gone": "Reports present in the previous run but missing now: {names}",
        "overdue": "Reports missing according to the roster (RK106): {n} – {names}",
        "new": "{n} new findings",
        "new1": "1 new finding",
        "fixed": "{n} fixed",
        "fixed1": "1 fixed",
        "stored": "Run {id} stored in {db} ({s} s, {j}). Dashboard: {dash}",
        "findings_page": "Findings per committee and unit: {page}",
        "vanished": "{n} disappeared during the run and are not counted: {names}",
        "internal": "The check could not be completed: {n} internal errors (RK000),"
        " see the dashboard.",
        "cache_write": "warning: the cache in {dir} could not be written for {n} files"
        " ({err}); they will be checked again next time.",
        "no_tree": "cannot find the folder {tree}",
        "not_dir": "{tree} is not a folder; the nightly run takes a folder of reports",
        "no_files": "found no reports (.yaml/.yml) in {tree}; nothing stored",
        "bad_jobs": "--jobs must be 0 (all cores) or more, not {n}",
        "dash_fail": "could not write the dashboard {dash}: {err}",
        "page_fail": "could not write the findings page {page}: {err}",
        "crash": "internal error in the nightly run: {err}",
        "cache_off": "warning: the cache is not used ({err}); every file was checked.",
        "late_stop": "Ctrl-C came while the pages were being put in place: the run is stored"
        " and complete.",
    },
}


# -- the cache --------------------------------------------------------------------


# -- progress ---------------------------------------------------------------------


class ProgressBar:
    """A one-line progress bar on a terminal, redrawn in place at most 20 times a second."""

    def __init__(self, stream: TextIO, lang: str) -> None:
        self.stream = stream
        self.w = WORDS[lang]
        self.last = 0.0
        self.shown = False
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        self.full, self.empty = ("█", "░") if encoding == "utf8" else ("#", ".")

    def __call__(self, done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.05:
            return
        self.last = now
        columns = _columns(self.stream)
        width = max(10, min(40, columns // 3))
        filled = width * done // total if total else width
        bar = self.full * filled + self.empty * (width - filled)
        pct = 100 * done // total if total else 100
        head = f"{self.w['progress']} {bar} {pct:3d} % {done}/{total} "
        room = columns - len(head) - 1
        name = visible(name)
        tail = name if len(name) <= room else "…" + name[-(room - 1) :] if room > 1 else ""
        self.stream.write("\r\x1b[K" + head + tail)
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


def wants_progress(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


# -- the run ----------------------------------------------------------------------


@dataclass
class Summary:
    """What a nightly run did, for the caller and the tests."""

    run_id: int
    files: int
    checked: int
    cached: int
    counts: Counter[Severity]
    internal_errors: int
    vanished: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    compare: Comparison | None = None  # against the previous run, when there is one
    overdue: list[Finding] = field(default_factory=list)  # RK106: due by the roster, absent

    @property
    def exit_code(self) -> int:
        return 2 if self.internal_errors else 0


class NightlyError(Exception):
    """The run could not be done (bad tree, database or dashboard); Swedish message."""


def all_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


P = ParamSpec("P")
R = TypeVar("R")
# Middle-generation collections between two full ones in a night's forked children
# (Python's default is 10).
FULL_COLLECTION_SPACING = 100


def _without_collections(night: Callable[P, R]) -> Callable[P, R]:
    """``night`` with the cyclic garbage collector off in this process. A night's heap
    grows to some 500,000 long-lived objects at 20,000 reports (the memo's entries, the
    run's outlines, the pages' layout), and the collector's passes over them took 2.1 s
    of a 26 s night where 1 % changed, the young ones as much as the full ones. What a
    night leaves in cycles is small (under 200 objects at 2,000 reports; at 20,000 the
    first collection after a night takes 0.1 s, not 1.0 s), now that the pages'
    templates let go of what they showed (``templating.generate``): nothing is held for
    want of a collection. The forked workers and the page's process turn it on
    again (``apart.as_child``): a check makes garbage in cycles of its own. They collect
    in full less often than Python's default (``FULL_COLLECTION_SPACING``): a worker's
    caches grow over the thousands of reports it checks."""

    @functools.wraps(night)
    def off(*args: P.args, **kwargs: P.kwargs) -> R:
        was, before = gc.isenabled(), gc.get_threshold()
        gc.set_threshold(before[0], before[1], max(before[2], FULL_COLLECTION_SPACING))
        gc.disable()
        try:
            return night(*args, **kwargs)
        finally:
            gc.set_threshold(*before)
            if was:
                gc.enable()

    return off


@_without_collections
def run(
    engine: Engine,
    tree: str,
    db: str,
    cache_dir: str | None,
    dashboard_path: str,
    jobs: int = 0,
    lang: str = "sv",
    trend: int = TREND_RUNS,
    progress_stream: TextIO | None = None,
    config_source: str | None = None,
    roster: Roster | None = None,
    roster_from_year: int | None = None,
    today: date | None = None,
    roster_source: str | None = None,
    findings_path: str | None = None,
    late: LateStop | None = None,
) -> Summary:
    """Check ``tree``, store the run in ``db`` and write the dashboard and the findings page.

    The findings page goes to ``findings_path``, by default ``anmarkningar.html``
    beside the dashboard; the two link to each other. The steps come in the order
    the guarantees need: outputs guarded, the check, then the run stored and the
    pages written in one transaction with the history (all or nothing). ``late``: the
    caller's hold on Ctrl-C once the pages are put in place, kept until the caller lets
    it go (the command, after its summary is printed); else one of the run's own.
    """
    if findings_path is None:
        findings_path = os.path.join(os.path.dirname(dashboard_path), FINDINGS_PAGE)
    w = WORDS["en" if lang == "en" else "sv"]
    _guard(
        engine, tree, db, dashboard_path, findings_path, jobs, lang, config_source, roster_source
    )
    root = os.path.abspath(tree)  # the cache keys do not depend on where cron starts us
    jobs = jobs or all_cores()
    try:
        history = History(db, check_beside=True)  # awaited by the run's first write
    except HistoryError as exc:
        raise NightlyError(str(exc)) from None
    own = late is None
    late = LateStop() if late is None else late
    with history, late if own else contextlib.nullcontext():
        cache = (
            SafeCache(cache_dir, f"{engine.fingerprint()}:{source_digest()}") if cache_dir else None
        )
        due = _Due(roster, roster_from_year, today, roster_source)
        store = _section_store(cache)
        try:
            # One transaction: the run is stored as it streams, and kept only if the pages
            # could be made from the history; a damaged database is left exactly as it was.
            with history.pending():
                done = _check(engine, root, jobs, cache, progress_stream, lang, due, history, store)
                try:
                    if not done.result.files:
                        _conclude(done)
                        raise NightlyError(w["no_files"].format(tree=tree))
                    compare = _pages(
                        history,
                        engine,
                        done,
                        lang,
                        trend,
                        dashboard_path,
                        findings_path,
                        store,
                        jobs,
                        late,
                    )
                finally:
                    if done.memo is not None:  # stopped before its memo was saved: no
                        done.memo.blobs.discard()  # temporary file left; the last let go
        except HistoryError as exc:
            raise NightlyError(str(exc)) from None
    summary = done.summary(compare)
    summary.lines = _summary_lines(
        summary,
        done.with_findings,
        done.stored.units,
        root,
        compare,
        db,
        dashboard_path,
        done.duration,
        jobs,
        lang,
    )
    summary.lines.append(w["findings_page"].format(page=findings_path))
    if late.came:
        summary.lines.append(w["late_stop"])
    if cache is not None and cache.unusable:
        summary.lines.append(w["cache_off"].format(err=cache.unusable))
    if cache is not None and cache.write_error:
        summary.lines.append(
            w["cache_write"].format(dir=cache_dir, err=cache.write_error, n=cache.write_errors)
        )
    return summary


def _guard(
    engine: Engine,
    tree: str,
    db: str,
    dashboard_path: str,
    findings_path: str,
    jobs: int,
    lang: str,
    config_source: str | None,
    roster_source: str | None,
) -> None:
    """``NightlyError`` unless the tree is a folder and every output may be written."""
    w = WORDS["en" if lang == "en" else "sv"]
    if not os.path.exists(tree):
        raise NightlyError(w["no_tree"].format(tree=tree))
    if not os.path.isdir(tree):
        raise NightlyError(w["not_dir"].format(tree=tree))
    if jobs < 0:
        raise NightlyError(w["bad_jobs"].format(n=jobs))
    guard = InputGuard([tree])
    guard.add(config_source, "konfigurationsfilen")
    guard.add(roster_source, "inlämningslistan")
    for source in engine.refdata.sources.values():
        guard.add(source, "en fil med referensdata")
    for source in engine.settings.rule_sources:
        guard.add(source, "en regelfil")
    outputs = [("--db", db), ("--dashboard", dashboard_path), ("--findings", findings_path)]
    # one walk of the tree for the three outputs; then the pages against the database
    # (a guard of it alone walks nothing) and against each other
    for (option, _), refused in zip(outputs, guard.problems([t for _, t in outputs]), strict=True):
        if refused is not None:
            raise NightlyError(f"{option}: {refused}")
    by_db = InputGuard([])
    by_db.add(db, "historikdatabasen")
    try:
        by_db.check(outputs[1:])
    except OutputError as exc:
        raise NightlyError(str(exc)) from None
    # the output rule: only a regular file or a new name (a history database is updated
    # in place, so it is held to the same rule before sqlite opens it)
    for target, fail in (
        (db, "--db: {err}"),
        (dashboard_path, w["dash_fail"].format(dash=dashboard_path, err="{err}")),
        (findings_path, w["page_fail"].format(page=findings_path, err="{err}")),
    ):
        problem = output_problem(target)
        if problem is not None:
            raise NightlyError(fail.replace("{err}", problem.get(lang)))


@dataclass
class _Checked:
    """The checked tree: the run's files and totals (``result``, no findings), its findings
    for the page (``found``: outlines held, the findings on disk), what vanished and what
    the roster found."""

    root: str
    started: datetime
    finished: datetime
    duration: float
    result: Result
    found: PageFindings
    vanished: list[str]
    overdue: list[tuple[Finding, str]]  # RK106: each finding with its unit
    stored: _Stored
    glimpses: dict[str, Glimpse] = field(default_factory=dict)  # for the findings page
    memo: Memo | None = None  # saved by ``_conclude``
    served: set[str] = field(default_factory=set)  # served from the memo: plain, as walked

    def unit_of(self) -> dict[int, str]:
        """An RK106 finding names its unit, not its file (by ``id`` of its outline)."""
        return self.found.placed

    def places(self) -> dict[str, tuple[str, str]]:
        """Each file named: (relative to the tree, its unit, else that name)."""
        places: dict[str, tuple[str, str]] = {}
        for file in [*self.result.files, *sorted(self.found.files)]:
            if file not in places:
                rel = path_below(file, self.root)
                places[file] = (rel, self.result.units.get(file) or rel)
        return places

    def summary(self, compare: Comparison | None) -> Summary:
        """The run's summary: its counts as the run counted them as its files went by (the
        history's), not counted again over its findings."""
        stored, totals = self.stored, self.stored.totals
        summary = Summary(
            stored.run_id,
            stored.files,
            stored.checked,
            stored.files - stored.checked,
            Counter(totals.counts),
            totals.internal_errors,
            self.vanished,
        )
        summary.compare = compare
        summary.overdue = [f for f, _ in self.overdue]
        return summary

    @property
    def with_findings(self) -> int:
        """How many checked files have a finding."""
        return len(self.found.files & set(self.result.files))


class _Stored:
    """A sink storing each file and its findings in the history as the run streams.

    Rows go in batches, in the run's transaction (``History.pending``); ``end``
    stores the run's counts once the run has completed. A file whose final findings
    are known by reference (``KnownFindings``, for the same name and unit) gets its
    known set, found by digest; what the run makes of others goes to the ``memo``.
    """

    BATCH = 2000

    def __init__(
        self,
        history: History,
        new: NewRun,
        totals: Totals,
        hits: set[str],
        overdue: list[tuple[Finding, str]],
        memo: Memo | None = None,
    ) -> None:
        self.history, self.new, self.totals, self.hits = history, new, totals, hits
        self.overdue = overdue  # filled by the run's late step, before any file is handed on
        self.memo = memo
        self.run_id = history.begin(new)
        self.files = self.checked = 0
        self.units: set[str] = set()
        self._unit_of: dict[Finding, str] | None = None
        self._known: list[tuple[str, bytes, KnownFindings]] = []  # by digest, until flushed
        self._made: list[tuple[str, str, str, tuple[int, ...]]] = []  # key, rel, unit, tally

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        rel = path_below(file, self.new.tree)
        unit = self.totals.units.get(file) or rel
        if listed:
            checked = file not in self.hits
            self.files += 1
            self.checked += checked
            self.units.add(unit)
            self.new.files.append((rel, unit, checked))
        if isinstance(findings, KnownFindings) and (rel, unit) == (
            findings.known.rel,
            findings.known.unit,
        ):
            self._by_reference(rel, unit, findings)
        else:
            self._add(rel, unit, findings)
        if len(self.new.files) + len(self.new.findings) + len(self._known) >= self.BATCH:
            self.flush()

    def _by_reference(self, rel: str, unit: str, findings: KnownFindings) -> None:
        known = findings.known
        if known.history is not None:
            self.units.add(unit)
            self._known.append((rel, bytes.fromhex(known.history), findings))
        if self.memo is not None:
            self.memo.history(known.key, rel, unit, known.history, known.tally)

    def _add(self, rel: str, unit: str, findings: Sequence[Finding]) -> None:
        if self._unit_of is None:
            self._unit_of = dict(self.overdue)  # an RK106 names its unit, not its file
        for f in findings:
            named = self._unit_of.get(f, unit) if f.code == roster_mod.CODE else unit
            self.units.add(named)
            # the finding's identity with its file named relative to the tree
            self.new.findings.append((f, rel, named, identity(f, rel=rel)))
        if isinstance(findings, (FinalFindings, KnownFindings)):
            self._made.append((findings.key, rel, unit, tally_of(findings)))

    def flush(self) -> None:
        self.history.add_files(self.run_id, self.new.files)
        known, self._known = self._known, []
        missing = self.history.add_known(self.run_id, [(rel, d) for rel, d, _ in known])
        for i in missing:  # sets no longer stored: made again from the cache
            rel, _, findings = known[i]
            self._add(rel, findings.known.unit, findings)
        digests = self.history.add_findings(self.run_id, self.new.findings)
        if self.memo is not None:
            for key, rel, unit, tally in self._made:
                digest = digests.get(rel)
                self.memo.history(key, rel, unit, None if digest is None else digest.hex(), tally)
        self.new.files, self.new.findings, self._made = [], [], []

    def end(self, finished: datetime, duration: float) -> None:
        """The last batch stored, and the run's end begun beside what follows
        (``History.beside``: ``History.awaited`` awaits it)."""
        self.flush()
        self.new.finished = finished.isoformat(timespec="seconds")
        self.new.duration = round(duration, 3)
        totals = self.totals
        end = functools.partial(
            self.history.end,
            self.run_id,
            self.new,
            self.files,
            self.checked,
            totals.counts,
            totals.internal_errors,
        )
        self.history.beside(end)


@dataclass
class _Due:
    """The roster of a nightly run (a file, or derived from a year's reports), and its day."""

    roster: Roster | None
    from_year: int | None
    today: date | None
    source: str | None


def _check(
    engine: Engine,
    root: str,
    jobs: int,
    cache: SafeCache | None,
    progress_stream: TextIO | None,
    lang: str,
    due: _Due,
    history: History,
    store: SectionStore | None = None,
) -> _Checked:
    """The tree through the pipeline, stored in the history as it streams and held for the
    findings page: files that vanish mid-run left out, and the roster's RK106 findings for
    reports due but absent. The run's end is stored by ``_conclude``. The pages' kept
    parts (``store``) are taken once every file is in, while the run rules and the second
    pass run (``SectionStore.prepare``): the pages' process is forked once they are."""
    bar = (
        ProgressBar(progress_stream, lang)
        if progress_stream is not None and wants_progress(progress_stream)
        else None
    )
    started = datetime.now().astimezone()
    t0 = time.perf_counter()
    vanished: list[str] = []
    overdue: list[tuple[Finding, str]] = []

    def drop(file: str, findings: Sequence[Finding]) -> bool:
        """A file that could not be read because it is gone (deleted mid-run)."""
        if isinstance(findings, KnownFindings):
            # no finding made for this (line, column, …, code, name); looked through in C
            rows = findings.known.outlines
            gone = "RK105" in map(_CODE_OF, rows) and any(
                code == "RK105" and line == 1 for line, _, _, code, _ in rows
            )
        else:
            gone = any(f.code == "RK105" and f.line == 1 for f in findings)
        if gone and not os.path.exists(file):
            vanished.append(file)
            return True
        return False

    def late(seen: Result) -> list[Finding]:
        if store is not None:
            store.prepare()
        day = due.today or started.date()
        overdue.extend(roster_mod.overdue(engine, seen, root, day, due.roster, due.from_year))
        return [f for f, _ in overdue]

    new = _new_run(engine, root, jobs, started)
    totals = Totals()
    memo = _memo(cache)
    hits = cache.hits if cache is not None else set()
    stored = _Stored(history, new, totals, hits, overdue, memo)
    found = PageFindings(overdue, memo)
    glimpses: dict[str, Glimpse] = {}
    try:
        source, served = _source(engine, root, jobs, cache, memo, due)
        source.outcomes = _glimpsed(source.outcomes, glimpses, found, memo, served)
        pipeline.run(
            engine, source, [stored, found], drop=drop, late=late, progress=bar, totals=totals
        )
    except BaseException:
        if memo is not None:
            memo.blobs.discard()  # a night stopped before its save leaves no temporary file
        raise
    finally:
        if bar is not None:
            bar.close()
    duration = time.perf_counter() - t0
    finished = datetime.now().astimezone()
    result = totals.result([])
    done = _Checked(root, started, finished, duration, result, found, vanished, overdue, stored)
    done.glimpses, done.memo = glimpses, memo
    done.served = served.served if served is not None else set()
    return done


_CODE_OF = itemgetter(3)  # an outline row's code


def _conclude(done: _Checked) -> None:
    """The run's end stored (``_Stored.end``) and its memo saved: what the sinks noted, the
    last batch's sets with them. Once the findings page has begun, which needs neither
    (the memo's last bytes, which it may read, stay open until the pages are written)."""
    done.stored.end(done.finished, done.duration)  # the history's sums beside the memo's save
    try:
        if done.memo is not None:  # a night stopped before it leaves no temporary file (``run``)
            done.memo.save()
    finally:
        done.stored.history.awaited()


def _memo(cache: SafeCache | None) -> Memo | None:
    """The memo of the cache's salt, its entries known to the cache (``SafeCache.known``)."""
    if cache is None or cache.secret is None:
        return None
    memo = Memo(cache)
    memo.load()
    cache.known = memo.entries
    return memo


def _source(
    engine: Engine, root: str, jobs: int, cache: SafeCache | None, memo: Memo | None, due: _Due
) -> tuple[pipeline.Source, Unchanged | None]:
    """The tree's reports, walked once: those the memo keeps served from it (``Unchanged``),
    the others checked or read from the cache, by reference when the memo knows them."""
    walk = Walk.of(engine.settings).with_never(due.source)
    served = None
    if cache is not None and memo is not None:
        recall = recall_or_check(engine, cache)
        served = Unchanged(cache, memo, recall)
        walk = walk.knowing(served.walked)
        cache.keeps = keeping  # what the memo keeps of each file, made by its worker
    source = paths_source(engine, [root], jobs, cache, walk=walk, served=served)
    if served is not None and memo is not None:
        source.recall = served.recall  # the whole outcome, when a known one is read
        source.known = memo.entries
    return source, served


def _glimpsed(
    outcomes: Iterable[FileOutcome],
    into: dict[str, Glimpse],
    found: PageFindings,
    memo: Memo | None,
    served: Unchanged | None,
) -> Iterator[FileOutcome]:
    """The outcomes, each one's glimpse (what the page shows of its file) kept aside, its
    lines on disk with the run's findings (a served one's where the memo keeps them), and
    what the memo keeps of its file noted."""
    for outcome in outcomes:
        kept = served.kept(outcome) if served is not None else None
        glimpse = outcome.glimpse
        if glimpse is not None and isinstance(glimpse.lines, Recalled):
            into[outcome.file] = glimpse  # its lines read where the memo keeps them
        elif glimpse is not None:
            into[outcome.file] = found.keep(glimpse)
        if memo is not None and outcome.key is not None:
            kept = kept or kept_of(outcome, into.get(outcome.file))
            if kept is not None:
                memo.keep(outcome.key, kept)
        yield outcome


def _new_run(engine: Engine, root: str, jobs: int, started: datetime) -> NewRun:
    """The run's row in the history; its end and counts are stored when it has completed."""
    when = started.isoformat(timespec="seconds")
    return NewRun(when, when, 0.0, root, __version__, engine.fingerprint(), jobs)


def _pages(
    history: History,
    engine: Engine,
    done: _Checked,
    lang: str,
    trend: int,
    dashboard_path: str,
    findings_path: str,
    store: SectionStore | None,
    jobs: int = 1,
    late: LateStop | None = None,
) -> Comparison | None:
    """Both pages, made from the run and the history, written in the run's transaction;
    the comparison with the previous run.

    The findings page is written as it renders, into a temporary file put in place
    only once the dashboard could be made too; the cache keeps parts of both pages.
    With more than one process (``jobs``), the findings page is written by a forked
    one while this one writes the dashboard (``_PageApart``). ``store``: where the cache
    keeps the pages' parts (``_section_store``).
    """
    w = WORDS["en" if lang == "en" else "sv"]
    try:
        out = _findings_output(findings_path, w)
    except NightlyError:
        _conclude(done)
        raise
    dash: AtomicOutput | None = None
    page: _PageApart | None = None
    syncing: list[threading.Thread] = []
    begun: list[html.Excerpts] = []  # the page's excerpt lines, when begun by the layout
    try:
        words = html.WORDS["en" if lang == "en" else "sv"]
        if store is not None:  # the kept parts taken (a thread) while the page is laid out
            store.prepare()
        apart = jobs > 1 and _room_for_a_page_process()
        if not apart:  # a large run's memo saved before the layout is held: its peak lower
            _conclude(done)

        # Laid out once, here: the page's process inherits the layout and the taken pack.
        # The layout reads what is held in memory and the tree's files, never the findings'
        # spool, which the page's process reads. Written here, the page's excerpt lines
        # are begun as soon as the files' lines are known: their gzip, the page's longest
        # part at 20,000 reports, then runs beside the rest of the layout (a forked page
        # begins them itself: a thread does not cross a fork).
        def begin(infos: dict[str, html.FileInfo]) -> None:
            begun.append(html.begin_excerpts(done.found, infos, store))

        lay = html.layout(
            done.result,
            words,
            done.unit_of(),
            done.glimpses,
            done.found,
            infos_known=None if apart else begin,
            plain=done.served,
        )
        write = functools.partial(
            _findings_page,
            out,
            engine,
            done,
            lang,
            dashboard_path,
            store,
            lay,
            begun[0] if begun else None,
        )
        if apart:
            # the page's process, which takes longer, begins before the run's end is stored
            page = _PageApart.start(write, store, done.found)
            _conclude(done)
        if page is None:
            _written(write, w, findings_path)
            # its bytes go to disk while the dashboard renders: its commit then waits less
            syncing.append(_sync_beside(out))
        sections = _unit_sections(done, lay)
        try:
            dash = _dashboard(history, lang, trend, findings_path, dashboard_path, sections, store)
        except NightlyError:
            if page is not None:  # the findings page's failure first, as it is written first
                page.result(w, findings_path)
            raise
        # on disk while the runs are compared and the page's process ends
        syncing.append(_sync_beside(dash))
        runs = history.runs(limit=2)
        compare = history.compare(runs[1].id, runs[0].id) if len(runs) == 2 else None
        if page is not None:
            page.result(w, findings_path)
        for thread in syncing:
            thread.join()
        if late is not None:
            late.hold()  # from the first page put in place, the run is completed
        try:
            out.commit()
        except OSError as exc:
            raise _page_error(w, findings_path, exc) from None
        try:
            dash.commit()
        except OSError as exc:
            raise _dash_error(w, dashboard_path, exc) from None
    finally:
        if page is not None:
            page.stop()  # a child still running (Ctrl-C, an error) ended and reaped
        for thread in syncing:
            thread.join()  # before its file is closed
        for _, lines in begun:
            lines.wait()  # done reading the findings and the store (the page waited, if written)
        done.found.close()
        out.discard()  # nothing once committed
        if dash is not None:
            dash.discard()
    if store is not None:
        store.prune()  # once both pages are written: neither removes the other's parts
    return compare


def _sync_beside(out: AtomicOutput) -> threading.Thread:
    """``out`` flushed to disk by a thread of its own (its fsync lets go of the GIL), while
    this one goes on; joined before ``out`` is committed (which syncs again and reports what
    fails) or discarded."""
    thread = threading.Thread(target=out.sync, daemon=True)
    thread.start()
    return thread


def _written(write: Callable[[], None], w: dict[str, str], findings_path: str) -> None:
    """The findings page written (``write``); a failure to write it as the run's error."""
    try:
        write()
    except OSError as exc:
        raise _page_error(w, findings_path, exc) from None


# The page's process copies most of the run's memory as it reads it (each object's count
# of references is written to): only while the run is this small do the two together stay
# within the 400 MiB a night at 20,000 reports keeps to (the night of a large tree writes
# both pages in its own process).
PAGE_APART_BELOW = 160 * MiB


def _room_for_a_page_process() -> bool:
    """Whether the findings page may be written by a process of its own: the run's peak
    so far below ``PAGE_APART_BELOW``, where there is ``fork``."""
    if not hasattr(os, "fork"):
        return False
    import resource  # where there is fork

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB, bytes on macOS
    return peak * (1 if sys.platform == "darwin" else 1024) < PAGE_APART_BELOW


class _PageApart:
    """The findings page written by a forked process (``Apart``) while this one writes
    the dashboard: the page's temporary file and the section store's pack are shared, its
    new parts go to a file of their own, taken over by this process's store at its end."""

    def __init__(
        self,
        write: Callable[[], None],
        store: SectionStore | None,
        found: PageFindings,
    ) -> None:
        self.store = store
        if store is not None:
            store.pack()  # taken before the fork (no thread taking it then): inherited
        self.spare = store.spare() if store is not None else None
        spare = self.spare
        # nothing of it held in a buffer both processes would write (a failure to write it
        # is met again by the page's process, which then fails as a write of the page does)
        with contextlib.suppress(OSError):
            found.flush()

        def work() -> Lent | None:
            if store is not None:
                store.lend(spare)
            write()
            return store.lent() if store is not None else None

        self.apart: Apart[Lent | None] | None = None
        try:
            self.apart = Apart(work)
        except OSError:  # no process to be had (a limit, memory): ``start`` writes it here
            self.stop()
            raise

    @classmethod
    def start(
        cls,
        write: Callable[[], None],
        store: SectionStore | None,
        found: PageFindings,
    ) -> _PageApart | None:
        """The page begun in a process of its own; None when none could be forked."""
        try:
            return cls(write, store, found)
        except OSError:
            return None

    def result(self, w: dict[str, str], findings_path: str) -> None:
        """Wait for the page; its failure raised as the run's error."""
        if self.apart is None:
            return
        apart, self.apart = self.apart, None
        lent = None
        try:
            lent = apart.result()
        except OSError as exc:
            raise _page_error(w, findings_path, exc) from None
        except ApartFailed as exc:
            raise NightlyError(w["page_fail"].format(page=findings_path, err=str(exc))) from None
        finally:
            if self.store is not None:
                self.store.take(self.spare, lent)
            self.spare = None

    def stop(self) -> None:
        if self.apart is not None:
            self.apart.stop()
            self.apart = None
        if self.spare is not None:
            with contextlib.suppress(OSError):
                self.spare.close()
            self.spare = None


def _dashboard(
    history: History,
    lang: str,
    trend: int,
    findings_path: str,
    dashboard_path: str,
    sections: dict[str, tuple[str, str]],
    store: SectionStore | None,
) -> AtomicOutput:
    """The dashboard written as it renders into a temporary file, put in place by its
    ``commit`` once the findings page is."""
    w = WORDS["en" if lang == "en" else "sv"]
    href = _href(findings_path, dashboard_path)
    try:
        dash = AtomicOutput(dashboard_path)
    except OSError as exc:
        raise _dash_error(w, dashboard_path, exc) from None
    try:
        dashboard.write(dash.write_bytes, history, lang, trend, href, sections, store)
        dash.flush()  # every byte handed on written: a failure to write is raised here
    except BaseException as exc:
        dash.discard()
        if isinstance(exc, OSError):
            raise _dash_error(w, dashboard_path, exc) from None
        raise
    return dash


def _dash_error(w: dict[str, str], dashboard_path: str, exc: OSError) -> NightlyError:
    return NightlyError(w["dash_fail"].format(dash=dashboard_path, err=describe(exc)))


def _page_error(w: dict[str, str], findings_path: str, exc: OSError) -> NightlyError:
    return NightlyError(w["page_fail"].format(page=findings_path, err=describe(exc)))


def _findings_output(findings_path: str, w: dict[str, str]) -> AtomicOutput:
    try:
        return AtomicOutput(findings_path)
    except OSError as exc:
        raise _page_error(w, findings_path, exc) from None


def _section_store(cache: SafeCache | None) -> SectionStore | None:
    """Where the findings page keeps its unit sections: in the cache folder, under its key."""
    if cache is None or cache.secret is None:
        return None
    return SectionStore(cache.folder / SECTIONS, cache.secret)


FINDINGS_PAGE = "anmarkningar.html"  # the findings page's name beside the dashboard


def _href(target: str, page: str) -> str:
    """A relative link from ``page`` to ``target`` (both files on disk)."""
    base = os.path.dirname(os.path.abspath(page))
    rel = os.path.relpath(os.path.abspath(target), base)
    return quote(Path(rel).as_posix())


def _findings_page(
    out: AtomicOutput,
    engine: Engine,
    done: _Checked,
    lang: str,
    dashboard_path: str,
    store: SectionStore | None,
    lay: html.Layout,
    excerpts: html.Excerpts | None = None,
) -> None:
    """Write the findings page, laid out as ``lay`` (its excerpt lines begun, if
    ``excerpts``), into ``out``'s temporary file."""
    back = _href(dashboard_path, out.target)
    try:
        html.write_page(
            out.stream.write,
            done.result,
            lang,
            engine.sorted_rules(),
            back,
            done.unit_of(),
            done.glimpses,
            store,
            done.found,
            out.write_bytes,  # the page as bytes: stored sections copied as they are
            lay,
            excerpts,
        )
        out.flush()
    finally:
        done.found.close()  # the findings themselves: only their outlines are read after


def _unit_sections(done: _Checked, lay: html.Layout) -> dict[str, tuple[str, str]]:
    """Each history unit's committee and section id on the findings page."""
    result, places, unit_of, found = done.result, done.places(), done.unit_of(), done.found
    sections: dict[str, tuple[str, str]] = {}
    for file in result.files:
        key = lay.of_file.get(file)
        if key in lay.units:
            sections.setdefault(places[file][1], (lay.units[key].committee, key))
    # units known only by their findings (RK106), and findings on names no checked file
    # has; any other finding's unit is its file's, given above (hundreds of thousands of
    # findings: only those looked at one by one)
    listed = set(result.files)
    files = list(map(attrgetter("file"), found))
    ids = list(map(id, found)) if unit_of else []
    unlisted = set(files) - listed
    odd = [i for i, file in enumerate(files) if file in unlisted] if unlisted else []
    odd += [i for i, ident in enumerate(ids) if ident in unit_of]
    for i in sorted(set(odd)):
        f = found[i]
        key = lay.of_finding[i]
        unit = unit_of.get(id(f), places[f.file][1])
        sections.setdefault(unit, (lay.units[key].committee, key))
    return sections


def _plural(w: dict[str, str], key: str, n: int) -> str:
    return w[key + "1"].format(n=n) if n == 1 else w[key].format(n=n)


def _names(items: list[T], name: Callable[[T], str]) -> str:
    shown = ", ".join(name(i) for i in items[:5])
    return shown + (" …" if len(items) > 5 else "")


def _summary_lines(
    s: Summary,
    with_findings: int,
    unit_names: set[str],
    tree: str,
    compare: Comparison | None,
    db: str,
    dash: str,
    duration: float,
    jobs: int,
    lang: str,
) -> list[str]:
    w = WORDS["en" if lang == "en" else "sv"]
    files = w["file"] if s.files == 1 else w["files"].format(n=s.files)
    first = f"{files}: {_plural(w, 'checked', s.checked)}, {_plural(w, 'cached', s.cached)}"
    if s.checked == 0:
        first += f" – {w['nothing_new']}"
    lines = [first + "."]
    units = len(unit_names)
    lines.append(
        w["findings"].format(
            e=count(s.counts[Severity.ERROR], "fel", lang),
            w=count(s.counts[Severity.WARNING], "varning", lang),
            i=count(s.counts[Severity.INFO], "info", lang),
            f=with_findings,
            n=count(s.files, "fil", lang),
            u=count(units, "enhet", lang),
        )
    )
    if compare is not None:
        lines.append(
            w["compare"].format(
                new=_plural(w, "new", compare.new), fixed=_plural(w, "fixed", compare.fixed)
            )
        )
        names = _names(compare.missing_files, lambda f: f)
        if compare.missing:
            key = "missing1" if compare.missing == 1 else "missing"
            lines.append(w[key].format(n=compare.missing, names=names))
        elif compare.missing_files:
            lines.append(w["gone"].format(names=names))
    if s.overdue:
        lines.append(
            w["overdue"].format(
                n=len(s.overdue), names=_names(s.overdue, lambda f: f.label.get(lang))
            )
        )
    if s.vanished:
        names = ", ".join(path_below(f, tree) for f in s.vanished[:5])
        lines.append(
            w["vanished"].format(
                n=count(len(s.vanished), "fil", lang),
                names=names + (" …" if len(s.vanished) > 5 else ""),
            )
        )
    if s.internal_errors:
        lines.append(w["internal"].format(n=s.internal_errors))
    secs = f"{duration:.1f}"
    lines.append(
        w["stored"].format(
            id=s.run_id,
            db=db,
            s=secs.replace(".", ",") if lang != "en" else secs,
            j=count(jobs, "process", lang),
            dash=dash,
        )
    )
    return lines


# -- the command ------------------------------------------------------------------


@dataclass(frozen=True)
class NightlyOptions:
    """What ``rapportkoll nightly`` was asked for; the rule options name the codes given."""

    tree: str
    db: str
    dashboard: str
    cache_dir: str | None = None  # None: no cache, every file is checked
    findings: str | None = None
    jobs: int = 0
    trend: int = TREND_RUNS
    lang: str | None = None  # None: the configuration's language, else Swedish
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    config: str | None = None
    no_config: bool = False
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    rule_files: list[str] = field(default_factory=list)
    roster: str | None = None
    roster_from_year: int | None = None
    date: str | None = None


def main(options: NightlyOptions) -> int:
    """``rapportkoll nightly``: 0 when the run completed, 2 when it could not be done."""
    o = options
    settings, config = build(  # a DataError is reported by cli.main
        [o.tree],
        select=o.select,
        extend_select=o.extend_select,
        ignore=o.ignore,
        config_file=o.config,
        no_config=o.no_config,
        exclude=o.exclude,
        extend_exclude=o.extend_exclude,
        rule_files=o.rule_files,
    )
    lang = o.lang or config.lang or "sv"
    # From the moment the first page is put in place, the run is done: a Ctrl-C from then
    # until the summary is printed is noted, not raised (it would say nothing was written).
    with LateStop() as late:
        return _main(o, settings, config, lang, late)


def _main(o: NightlyOptions, settings: Settings, config: Config, lang: str, late: LateStop) -> int:
    """``main`` once the settings are read, with Ctrl-C held by ``late`` once it holds."""
    w = WORDS[lang]
    try:
        engine = Engine(settings)
        known = set(engine.rules)
        for option in ("select", "extend_select", "ignore"):
            check_cli_codes("--" + option.replace("_", "-"), getattr(o, option), known, lang)
        if config.source:
            check_codes(config, Path(config.source), known, lang)
        roster, today = roster_mod.from_options(o.roster, o.roster_from_year, o.date, o.tree)
        summary = run(
            engine,
            o.tree,
            o.db,
            o.cache_dir,
            o.dashboard,
            jobs=o.jobs,
            lang=lang,
            trend=o.trend,
            progress_stream=sys.stderr,
            config_source=config.source,
            roster=roster,
            roster_from_year=o.roster_from_year,
            today=today,
            roster_source=o.roster,
            findings_path=o.findings,
            late=late,
        )
    except (NightlyError, RosterError) as exc:
        print(f"rapportkoll nightly: {visible(exc)}", file=sys.stderr)
        return 2
    except (DataError, KeyboardInterrupt):
        raise  # reported by cli.main like any configuration or reference data error
    except Exception as exc:
        if os.environ.get("RAPPORTKOLL_DEBUG"):
            import traceback

            traceback.print_exc(file=sys.stderr)
        detail = visible(f"{type(exc).__name__}: {exc}")[:500]
        print(f"rapportkoll nightly: {w['crash'].format(err=detail)}", file=sys.stderr)
        return 2
    try:
        for line in summary.lines:
            print(visible(line))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `| head -1`: the run is stored, the rest is not wanted
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return summary.exit_code
