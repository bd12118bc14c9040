"""The nightly run's history: one SQLite file, no server (stdlib ``sqlite3``).

One row per run and per checked file of a run; the findings are stored once
per content. A file's findings in a run are a *finding set* (``finding_sets``
with its rows in ``set_rows``), found again by the hash of its texts: a report
unchanged since the night before points at the same set (``run_sets``: one
row per file and run), so a night where 1 % of the reports changed writes new
findings for that 1 % only. File names are stored relative to the checked
tree, and each finding keeps its identity (``checker.findings.identity``) so
that runs can be compared finding by finding ("new since the previous run",
"fixed"): a file whose set is the same as before has neither, which the
comparison sees without reading its findings.

Each distinct text (file name, unit, message, fingerprint…) is stored once, in
``texts``; the rows refer to it, so a report with a megabyte-long unit name
costs that megabyte once, not once per finding and night. Each set's counts
per unit, rule and severity (``set_counts``) and each run's (``run_counts``)
are kept as they are stored, so the dashboard reads counts, not findings. The
views ``files`` and ``findings`` show the rows with their texts, as the tables
of format 1 did, for queries by hand.

A history of format 1 or 2 is upgraded in place, in one transaction: either
all of it is converted or nothing is changed. A database written by another
program, or by a newer rapportkoll with a different schema, is a
``HistoryError``; nothing is written to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from checker.findings import Finding, Severity

SCHEMA_VERSION = 3

_META = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
"""
_RUNS = """
CREATE TABLE IF NOT EXISTS runs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    started         TEXT    NOT NULL,   -- ISO 8601 with UTC offset
    finished        TEXT    NOT NULL,
    duration        REAL    NOT NULL,   -- seconds
    tree            TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    fingerprint     TEXT    NOT NULL,   -- Engine.fingerprint()
    files           INTEGER NOT NULL,
    checked         INTEGER NOT NULL,
    cached          INTEGER NOT NULL,
    errors          INTEGER NOT NULL,
    warnings        INTEGER NOT NULL,
    infos           INTEGER NOT NULL,
    internal_errors INTEGER NOT NULL,   -- RK000: the checker itself failed
    jobs            INTEGER NOT NULL
)
"""
# The *_id columns refer to texts(id). No foreign key: every id written comes from
# ``_learn``, and the check would cost ten lookups per finding stored.
_TEXTS_AND_FILES = (
    """
CREATE TABLE texts (
    id   INTEGER PRIMARY KEY,
    hash BLOB    NOT NULL UNIQUE,       -- SHA-256 of the text (UTF-8): finds it without
    text TEXT    NOT NULL               -- indexing the text itself
)
""",
    """
CREATE TABLE file_rows (
    run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    file_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    checked INTEGER NOT NULL,           -- 1 checked in this run, 0 served from the cache
    PRIMARY KEY (run_id, file_id)
)
""",
    "CREATE INDEX file_rows_run ON file_rows(run_id)",
    # Left joins on the primary key: SQLite leaves out those a query does not read.
    """
CREATE VIEW files AS
SELECT r.run_id, f.text AS file, u.text AS unit, r.checked
FROM file_rows r
LEFT JOIN texts f ON f.id = r.file_id
LEFT JOIN texts u ON u.id = r.unit_id
""",
)
_SETS = (
    """
CREATE TABLE finding_sets (
    id      INTEGER PRIMARY KEY,
    hash    BLOB    NOT NULL UNIQUE,    -- SHA-256 of the file's name and its findings' texts
    file_id INTEGER NOT NULL,
    size    INTEGER NOT NULL            -- its number of findings
)
""",
    """
CREATE TABLE set_rows (
    set_id           INTEGER NOT NULL REFERENCES finding_sets(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,  -- the finding's place in the run's order
    unit_id          INTEGER NOT NULL,
    code             TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    severity         TEXT    NOT NULL,
    line             INTEGER NOT NULL,
    col              INTEGER NOT NULL,
    path_id          INTEGER NOT NULL,
    label_id         INTEGER NOT NULL,
    message_id       INTEGER NOT NULL,
    suggestion_id    INTEGER,
    label_en_id      INTEGER NOT NULL,
    message_en_id    INTEGER NOT NULL,
    suggestion_en_id INTEGER,
    fingerprint_id   INTEGER NOT NULL,  -- checker.findings.identity, relative to the tree
    PRIMARY KEY (set_id, seq)
) WITHOUT ROWID
""",
    """
CREATE TABLE run_sets (
    run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    file_id INTEGER NOT NULL,
    set_id  INTEGER NOT NULL REFERENCES finding_sets(id),
    PRIMARY KEY (run_id, file_id)
) WITHOUT ROWID
""",
    "CREATE INDEX run_sets_set ON run_sets(set_id)",
    """
CREATE TABLE set_counts (
    set_id   INTEGER NOT NULL REFERENCES finding_sets(id) ON DELETE CASCADE,
    unit_id  INTEGER NOT NULL,
    code     TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    severity TEXT    NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (set_id, unit_id, code, severity)
) WITHOUT ROWID
""",
    """
CREATE TABLE run_counts (
    run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    unit_id  INTEGER NOT NULL,
    code     TEXT    NOT NULL,
    severity TEXT    NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (run_id, unit_id, code, severity)
) WITHOUT ROWID
""",
    """
CREATE VIEW findings AS
SELECT rs.run_id, f.text AS file, u.text AS unit, r.code, r.name, r.severity,
       r.line, r.col, p.text AS path, l.text AS label, m.text AS message,
       s.text AS suggestion, le.text AS label_en, me.text AS message_en,
       se.text AS suggestion_en, fp.text AS fingerprint
FROM run_sets rs
JOIN set_rows r ON r.set_id = rs.set_id
LEFT JOIN texts f ON f.id = rs.file_id
LEFT JOIN texts u ON u.id = r.unit_id
LEFT JOIN texts p ON p.id = r.path_id
LEFT JOIN texts l ON l.id = r.label_id
LEFT JOIN texts m ON m.id = r.message_id
LEFT JOIN texts s ON s.id = r.suggestion_id
LEFT JOIN texts le ON le.id = r.label_en_id
LEFT JOIN texts me ON me.id = r.message_en_id
LEFT JOIN texts se ON se.id = r.suggestion_en_id
LEFT JOIN texts fp ON fp.id = r.fingerprint_id
""",
)

_OUR_TABLES = {
    "meta",
    "runs",
    "texts",
    "file_rows",
    "finding_sets",
    "set_rows",
    "run_sets",
    "set_counts",
    "run_counts",
    "sqlite_sequence",
}
_FORMAT_1_TABLES = {"meta", "runs", "files", "findings", "sqlite_sequence"}
_FORMAT_2_TABLES = {"meta", "runs", "texts", "file_rows", "finding_rows", "sqlite_sequence"}
_OUR_VIEWS = {"files", "findings"}

# A file's findings in the order of the columns of ``set_rows`` (texts, not ids), from
# either older format, by run and file, in the order they were stored.
_FINDING_TEXTS = (
    "code, name, severity, line, col, path, label, message, suggestion, label_en,"
    " message_en, suggestion_en, fingerprint"
)
# The texts among a set row's columns (unit … fingerprint): unit, path, label … fingerprint.
_SET_TEXT_COLUMNS = (0, 6, 7, 8, 9, 10, 11, 12, 13)


def _set_texts(file: str, rows: list[tuple[Any, ...]]) -> Iterator[str | None]:
    yield file
    for r in rows:
        for i in _SET_TEXT_COLUMNS:
            yield r[i]


_FINDINGS_1 = (
    f"SELECT run_id, file, unit, {_FINDING_TEXTS} FROM findings_1 ORDER BY run_id, file, id"
)
_FINDINGS_2 = (
    "SELECT r.run_id, f.text, u.text, r.code, r.name, r.severity, r.line, r.col, p.text,"
    " l.text, m.text, s.text, le.text, me.text, se.text, fp.text FROM finding_rows r"
    " LEFT JOIN texts f ON f.id = r.file_id LEFT JOIN texts u ON u.id = r.unit_id"
    " LEFT JOIN texts p ON p.id = r.path_id LEFT JOIN texts l ON l.id = r.label_id"
    " LEFT JOIN texts m ON m.id = r.message_id LEFT JOIN texts s ON s.id = r.suggestion_id"
    " LEFT JOIN texts le ON le.id = r.label_en_id LEFT JOIN texts me ON me.id = r.message_en_id"
    " LEFT JOIN texts se ON se.id = r.suggestion_en_id"
    " LEFT JOIN texts fp ON fp.id = r.fingerprint_id ORDER BY r.run_id, r.file_id, r.id"
)
# A run's counts per unit, rule and severity, from its sets' counts.
_RUN_COUNTS = (
    "INSERT INTO run_counts(run_id, unit_id, code, severity, n)"
    " SELECT rs.run_id, c.unit_id, c.code, c.severity, SUM(c.n) FROM run_sets rs"
    " JOIN set_counts c ON c.set_id = rs.set_id"
)


class HistoryError(Exception):
    """The history database cannot be opened or used; the message is Swedish."""


# Longest text stored per field (label, message, suggestion…): a report that quotes a
# megabyte in every finding must not add that much to the history every night.
MAX_TEXT = 2000
_SEVERITIES = {s.value for s in Severity}
_KNOWN = ", ".join(f"'{s}'" for s in sorted(_SEVERITIES))  # an SQL list of them
_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# A group's counts per severity, and the least severity that is none of them (None: none).
_BY_SEVERITY = (
    ", ".join(f"SUM(CASE severity WHEN '{s.value}' THEN n END)" for s in _SEVERITY_ORDER)
    + f", MIN(CASE WHEN severity IN ({_KNOWN}) THEN NULL ELSE IFNULL(severity, '') END)"
)
# Characters of text whose ids a session keeps at most (a night repeats most texts).
_KNOWN_CHARS = 32_000_000


class _Bad(Exception):
    """A value read back from the database that is not what rapportkoll wrote."""


def _int(v: Any) -> int:
    if type(v) is not int or v < 0:
        raise _Bad(f"heltal väntades, fick {type(v).__name__}")
    return v


def _num(v: Any) -> float:
    if type(v) not in (int, float) or not 0 <= v < 1e12:
        raise _Bad(f"tal väntades, fick {type(v).__name__}")
    return float(v)


def _text(v: Any) -> str:
    if type(v) is not str:
        raise _Bad(f"text väntades, fick {type(v).__name__}")
    return cap(v)


def _opt_text(v: Any) -> str | None:
    return None if v is None else _text(v)


_SEVERITY_OF = {s.value: s for s in Severity}  # a dict's lookup, not the enum's call


def _severity(v: Any) -> Severity:
    s = _SEVERITY_OF.get(v)
    if s is None:
        raise _Bad(f"okänd allvarlighetsgrad {str(v)[:20]!r}")
    return s


# Each column read back checked by its kind: i whole number, n number, t text,
# o text or NULL, s severity (a row of the wrong length is damage too).
_READERS: dict[str, Callable[[Any], Any]] = {
    "i": _int,
    "n": _num,
    "t": _text,
    "o": _opt_text,
    "s": _severity,
}
_RUN_COLUMNS = "ittnttt" + "i" * 8  # id … fingerprint, then the eight counts
_FINDING_COLUMNS = "ttttsiitttottot"  # file … suggestion_en, fingerprint


def _decoded(row: Sequence[Any], kinds: str) -> list[Any]:
    if len(row) != len(kinds):
        raise _Bad(f"{len(row)} kolumner, väntade {len(kinds)}")
    return [_READERS[k](v) for k, v in zip(kinds, row, strict=True)]


def _batches(rows: Iterable[tuple[Any, ...]], size: int = 2000) -> Iterator[list[tuple[Any, ...]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def cap(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Run:
    """One row of the runs table."""

    id: int
    started: str
    finished: str
    duration: float
    tree: str
    version: str
    fingerprint: str
    files: int
    checked: int
    cached: int
    errors: int
    warnings: int
    infos: int
    internal_errors: int
    jobs: int

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos


@dataclass
class StoredFinding:
    """One row of the findings table (texts in both languages)."""

    file: str
    unit: str
    code: str
    name: str
    severity: Severity
    line: int
    column: int
    path: str
    label: str
    message: str
    suggestion: str | None
    label_en: str
    message_en: str
    suggestion_en: str | None
    fingerprint: str

    def text(self, lang: str) -> tuple[str, str, str | None]:
        """Label, message and suggestion in ``lang``."""
        if lang == "en":
            return self.label_en, self.message_en, self.suggestion_en
        return self.label, self.message, self.suggestion


@dataclass
class NewRun:
    """What the nightly run hands to ``History.add``."""

    started: str
    finished: str
    duration: float
    tree: str
    version: str
    fingerprint: str
    jobs: int
    files: list[tuple[str, str, bool]] = field(default_factory=list)  # file, unit, checked
    findings: list[tuple[Finding, str, str, str]] = field(default_factory=list)
    # finding, file (relative), unit, baseline fingerprint


Counts = dict[str, Counter[Severity]]


@dataclass
class Comparison:
    """One run against the one before (``History.compare``)."""

    new: int = 0
    fixed: int = 0
    missing: int = 0  # findings of reports that are absent now: "saknas", not fixed
    missing_files: list[str] = field(default_factory=list)


class History:
    """The history database; use as a context manager or call ``close``."""

    def __init__(self, path: str | Path, check_beside: bool = False) -> None:
        """Open (or create) the history at ``path``, its schema checked and migrated, and
        the whole file checked (``PRAGMA quick_check``); with ``check_beside`` that check
        runs in a thread of its own, awaited by the first write (``begin``): a large
        history takes a while, and the run's start-up has other work meanwhile."""
        self.path = Path(path)
        self._checking: threading.Thread | None = None
        self._check_failed: str | None = None
        self._beside: threading.Thread | None = None  # ``beside``'s
        self._beside_failed: BaseException | None = None
        self._fingerprints: dict[int, Counter[str]] = {}
        # The sets of the run before the one being stored, by hash (``_recall``, until ``end``).
        self._recent_sets: dict[bytes, tuple[int, int]] = {}
        # Runs compared in this session (the dashboard, then the summary), and the units'
        # names read, until a write.
        self._compared: dict[tuple[int, int], Comparison] = {}
        self._names: dict[int, str] = {}
        self._text_ids: dict[str, int] = {}  # texts met in this session, by id
        self._text_chars = 0
        if self.path.is_dir():
            raise HistoryError(f"{self.path} är en mapp, inte en databasfil")
        if not self.path.parent.is_dir():
            raise HistoryError(f"mappen {self.path.parent} för historikdatabasen finns inte")
        if self.path.exists() and not self.path.is_file():
            raise HistoryError(f"{self.path} är ingen vanlig fil och kan inte vara historikdatabas")
        try:
            # one thread at a time: the run's own, or ``beside``'s until it is awaited
            self.db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
        except sqlite3.Error as exc:
            raise HistoryError(self._unopened(exc)) from None
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            if check_beside:
                self._checking = threading.Thread(target=self._check_apart, daemon=True)
                self._checking.start()
            else:
                self._quick_check(self.db)
        except sqlite3.Error as exc:
            self.db.close()
            raise HistoryError(self._unusable(exc)) from None
        except HistoryError:
            self.db.close()
            raise

    def _unopened(self, exc: sqlite3.Error) -> str:
        return f"kan inte öppna historikdatabasen {self.path}: {exc}"

    def _unusable(self, exc: sqlite3.Error) -> str:
        return f"{self.path} kan inte användas som historikdatabas: {exc}"

    def _quick_check(self, db: sqlite3.Connection) -> None:
        check = db.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise HistoryError(self._damaged(str(check[0] if check else "?")))

    def _check_apart(self) -> None:
        """``_quick_check`` on a connection of its own (SQLite lets go of the GIL)."""
        try:
            db = sqlite3.connect(self.path, timeout=60)
        except sqlite3.Error as exc:
            self._check_failed = self._unopened(exc)
            return
        try:
            db.execute("PRAGMA query_only = ON")
            self._quick_check(db)
        except sqlite3.Error as exc:
            self._check_failed = self._unusable(exc)
        except HistoryError as exc:
            self._check_failed = str(exc)
        finally:
            db.close()

    def checked(self) -> None:
        """The whole file's check awaited (``check_beside``); HistoryError if it failed."""
        if self._checking is not None:
            self._checking.join()
            self._checking = None
        if self._check_failed is not None:
            raise HistoryError(self._check_failed)

    def _damaged(self, detail: object) -> str:
        return (
            f"historikdatabasen {self.path} är skadad eller har ändrats utanför rapportkoll"
            f" ({str(detail)[:200]}). Ingenting har skrivits till den och tidigare körningar är"
            " orörda; återställ den från en säkerhetskopia eller ange en ny fil med --db."
        )

    def damaged(self, detail: object) -> HistoryError:
        """The error for a database found not to be as rapportkoll wrote it."""
        return HistoryError(self._damaged(detail))

    @contextmanager
    def pending(self) -> Iterator[None]:
        """One transaction, all or nothing: a schema change, or ``add(commit=False)`` and
        what reads it back before it is committed."""
        try:
            yield
            self.db.commit()
        except BaseException:
            self.db.rollback()
            self._text_ids.clear()  # texts stored in the transaction are gone again
            self._recent_sets.clear()
            self._compared.clear()
            self._names.clear()
            raise

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except _Bad as exc:
            raise HistoryError(self._damaged(exc)) from None
        except (sqlite3.Error, ValueError, TypeError, OverflowError) as exc:
            raise HistoryError(self._damaged(exc)) from None

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._checking is not None:
            self._checking.join()  # its connection closed before the file is let go
            self._checking = None
        self.db.close()

    def _migrate(self) -> None:
        tables: set[str] = set()
        views: set[str] = set()
        for kind, name in self.db.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')"
        ):
            (tables if kind == "table" else views).add(name)
        if tables and "meta" not in tables:
            raise HistoryError(
                f"{self.path} är en SQLite-databas men ingen rapportkoll-historik"
                f" (tabeller: {', '.join(sorted(tables))})"
            )
        if "meta" not in tables:
            self._create()
            return
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        found = row[0] if row else "saknas"
        known = {
            "1": (_FORMAT_1_TABLES, set()),
            "2": (_FORMAT_2_TABLES, _OUR_VIEWS),
            str(SCHEMA_VERSION): (_OUR_TABLES, _OUR_VIEWS),
        }
        if found not in known:
            raise HistoryError(
                f"{self.path} har historikformat {found}; den här versionen"
                f" av rapportkoll läser format 1 till {SCHEMA_VERSION}"
            )
        ours = known[found]
        strange = (tables - ours[0]) | (views - ours[1])
        if strange:
            raise HistoryError(f"{self.path} har okända tabeller: {', '.join(sorted(strange))}")
        if found != str(SCHEMA_VERSION):
            self._upgrade(found)

    def _create(self) -> None:
        """A new, empty history (one transaction: a second run starting at once waits)."""
        with self.pending():
            self.db.execute("BEGIN IMMEDIATE")
            if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                return  # made by another run meanwhile; _migrate checks it next time
            for sql in (_META, _RUNS, *_TEXTS_AND_FILES, *_SETS):
                self.db.execute(sql)
            self.db.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                [("schema", str(SCHEMA_VERSION)), ("tool", "rapportkoll")],
            )

    def _upgrade(self, found: str) -> None:
        """Format 1 (texts in every row) or 2 (a row per finding and run) to finding sets,
        all or nothing, then compacted.

        Every run keeps its files and findings with their texts, and its figures; the
        counts of rows are compared before the old tables are dropped. An interruption,
        a full disk or a failed check rolls back to the untouched file.
        """
        with self.pending():
            self.db.execute("BEGIN IMMEDIATE")
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None or row[0] != found:
                return  # upgraded by another run meanwhile
            if found == "1":
                self.db.execute("ALTER TABLE files RENAME TO files_1")
                self.db.execute("ALTER TABLE findings RENAME TO findings_1")
                self.db.execute("DROP INDEX IF EXISTS findings_run")
                self.db.execute("DROP INDEX IF EXISTS files_run")
                for sql in _TEXTS_AND_FILES:
                    self.db.execute(sql)
                old = self.db.execute("SELECT run_id, file, unit, checked FROM files_1")
                while rows := old.fetchmany(2000):
                    self._insert_files(rows)
                self._same_count("file_rows", "files_1")
                self.db.execute("DROP TABLE files_1")
                source, rows_sql = "findings_1", _FINDINGS_1
            else:
                self.db.execute("DROP VIEW findings")
                source, rows_sql = "finding_rows", _FINDINGS_2
            for sql in _SETS:
                self.db.execute(sql)
            self._store_sets(self._grouped(self.db.execute(rows_sql)))
            self._same_count("findings", source)
            self.db.execute(f"DROP TABLE {source}")
            self.db.execute(_RUN_COUNTS + " GROUP BY rs.run_id, c.unit_id, c.code, c.severity")
            self.db.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),)
            )
        # the upgraded history is complete; giving back the space of the copied texts
        # may fail (a full disk) without harm
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("VACUUM")

    def _same_count(self, new: str, old: str) -> None:
        moved = self.db.execute(f"SELECT COUNT(*) FROM {new}").fetchone()[0]
        had = self.db.execute(f"SELECT COUNT(*) FROM {old}").fetchone()[0]
        if moved != had:
            raise HistoryError(self._damaged(f"{old}: {had} rader, {moved} flyttade"))

    @staticmethod
    def _grouped(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[int, str, list[tuple[Any, ...]]]]:
        """(run, file, finding rows) from rows of (run, file, *finding), in that order."""
        key: tuple[Any, Any] | None = None
        group: list[tuple[Any, ...]] = []
        for row in rows:
            if (row[0], row[1]) != key:
                if key is not None:
                    yield key[0], key[1], group
                key, group = (row[0], row[1]), []
            group.append(tuple(row[2:]))
        if key is not None:
            yield key[0], key[1], group

    # -- writing ------------------------------------------------------------
    def add(self, run: NewRun, commit: bool = True) -> int:
        """Store a run with its files and findings in one transaction; its id.

        With ``commit=False`` the caller commits (``pending``), after reading it back.
        """
        severities = Counter(f.severity for f, *_ in run.findings)
        internal = sum(1 for f, *_ in run.findings if f.is_internal)
        checked = sum(1 for *_, c in run.files if c)
        transaction = self.pending() if commit else contextlib.nullcontext()
        with transaction:
            run_id = self.begin(run)
            self.add_files(run_id, run.files)
            self.add_findings(run_id, run.findings)
            self.end(run_id, run, len(run.files), checked, severities, internal)
        return run_id

    # A streamed run stores itself in steps, inside ``pending``: ``begin``, then
    # ``add_files`` and ``add_findings`` as the files go by (many rows per call,
    # one transaction for all), then ``end`` with the counts.
    def begin(self, run: NewRun) -> int:
        """Insert the run's row (its counts are set by ``end``); its id."""
        self.checked()  # nothing written to a file that does not hold
        with self._writing():
            cur = self.db.execute(
                "INSERT INTO runs(started, finished, duration, tree, version, fingerprint,"
                " files, checked, cached, errors, warnings, infos, internal_errors, jobs)"
                " VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?)",
                (
                    run.started,
                    run.finished,
                    run.duration,
                    run.tree,
                    run.version,
                    run.fingerprint,
                    run.jobs,
                ),
            )
        run_id = cur.lastrowid
        assert run_id is not None
        self._fingerprints.pop(run_id, None)
        with self._writing():
            self._recall(run_id)
        return run_id

    def _recall(self, run_id: int) -> None:
        """The ids of the texts of the files and units of the run before ``run_id`` into
        ``_text_ids``, and its sets into ``_recent_sets``, each read in one query: a night
        stores mostly the same names and sets again.

        Only a text whose hash is its stored hash is taken, and a set whose ids are whole
        numbers, so ``_learn`` and ``_sets`` find every other one (and a text changed by
        hand) by its hash as before.
        """
        self._recent_sets = {}
        row = self.db.execute("SELECT MAX(id) FROM runs WHERE id < ?", (run_id,)).fetchone()
        if row is None or row[0] is None:
            return
        for digest, set_id, file_id in self.db.execute(
            "SELECT s.hash, s.id, s.file_id FROM run_sets rs"
            " JOIN finding_sets s ON s.id = rs.set_id WHERE rs.run_id = ?",
            (row[0],),
        ):
            if type(set_id) is int and type(file_id) is int:
                self._recent_sets[digest] = (set_id, file_id)
        known = self._text_ids
        for text_id, digest, text in self.db.execute(
            "SELECT id, hash, text FROM texts WHERE id IN (SELECT file_id FROM file_rows"
            " WHERE run_id = ? UNION SELECT unit_id FROM file_rows WHERE run_id = ?)",
            (row[0], row[0]),
        ):
            if self._text_chars > _KNOWN_CHARS // 2:  # room left for the run's new texts
                return
            if type(text) is not str or type(text_id) is not int or text in known:
                continue
            if hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest() == digest:
                known[text] = text_id
                self._text_chars += len(text)

    def add_files(self, run_id: int, files: Iterable[tuple[str, str, bool]]) -> None:
        """Rows of ``files`` for the run: (file relative to the tree, unit, checked)."""
        with self._writing():
            self._insert_files((run_id, file, unit, int(c)) for file, unit, c in files)

    def add_findings(
        self, run_id: int, findings: Iterable[tuple[Finding, str, str, str]]
    ) -> dict[str, bytes]:
        """Rows of ``findings``: (finding, file relative to the tree, unit, fingerprint);
        each file's set's digest (``add_known`` finds the set by it).

        A file's findings come in one call, in the run's order: they are the file's set.
        """
        self._fingerprints.pop(run_id, None)
        groups: dict[str, list[tuple[Any, ...]]] = {}
        for f, file, unit, fp in findings:
            groups.setdefault(file, []).append(
                (
                    unit,
                    f.code,
                    f.name,
                    f.severity.value,
                    f.line,
                    f.column,
                    f.path,
                    cap(f.label.sv),
                    cap(f.message.sv),
                    cap(f.suggestion.sv) if f.suggestion else None,
                    cap(f.label.en),
                    cap(f.message.en),
                    cap(f.suggestion.en) if f.suggestion else None,
                    fp,
                )
            )
        with self._writing():
            return self._store_sets((run_id, file, rows) for file, rows in groups.items())

    def add_known(self, run_id: int, sets: Sequence[tuple[str, bytes]]) -> list[int]:
        """The run's rows for files whose set is stored already, found by its digest: (file
        relative to the tree, digest). The places in ``sets`` of those not found (no
        longer stored): the caller stores them with ``add_findings``."""
        self._fingerprints.pop(run_id, None)
        with self._writing():
            stored = self._sets([digest for _, digest in sets])
            rows, missing = [], []
            for i, (_, digest) in enumerate(sets):
                found = stored.get(digest)
                if found is None:
                    missing.append(i)
                else:
                    rows.append((run_id, found[1], found[0]))
            self.db.executemany(
                "INSERT INTO run_sets(run_id, file_id, set_id) VALUES (?, ?, ?)", rows
            )
        return missing

    def _store_sets(
        self, groups: Iterable[tuple[int, str, list[tuple[Any, ...]]]]
    ) -> dict[str, bytes]:
        """Each (run, file, finding rows of texts) as the run's set for the file: a set
        with the same texts is found by its hash and shared, a new one is stored.
        Each file's set's hash."""
        batch: list[tuple[int, str, list[tuple[Any, ...]]]] = []
        size = 0
        digests: dict[str, bytes] = {}
        for group in groups:
            batch.append(group)
            size += len(group[2])
            if size >= 2000:
                digests.update(self._store_batch(batch))
                batch, size = [], 0
        if batch:
            digests.update(self._store_batch(batch))
        return digests

    def _store_batch(self, batch: list[tuple[int, str, list[tuple[Any, ...]]]]) -> dict[str, bytes]:
        try:
            hashes = [
                hashlib.sha256(
                    json.dumps([file, rows], ensure_ascii=False, separators=(",", ":")).encode(
                        "utf-8", "surrogatepass"
                    )
                ).digest()
                for _, file, rows in batch
            ]
        except (TypeError, ValueError) as exc:  # a value of the wrong kind read back
            raise HistoryError(self._damaged(exc)) from None
        known = self._sets(hashes)
        new = [(h, g) for h, g in zip(hashes, batch, strict=True) if h not in known]
        if new:
            self._learn(t for _, (_, file, rows) in new for t in _set_texts(file, rows))
        for digest, (_, file, rows) in new:
            if digest in known:  # the same set twice in the batch (an upgrade's runs)
                continue
            known[digest] = (self._insert_set(digest, file, rows), self._text_ids[file])
        self.db.executemany(
            "INSERT INTO run_sets(run_id, file_id, set_id) VALUES (?, ?, ?)",
            [
                (run_id, known[h][1], known[h][0])
                for h, (run_id, _, _) in zip(hashes, batch, strict=True)
            ],
        )
        return {file: h for h, (_, file, _) in zip(hashes, batch, strict=True)}

    def _sets(self, hashes: list[bytes]) -> dict[bytes, tuple[int, int]]:
        """The stored sets among ``hashes``: hash → (set id, file's text id)."""
        recent = self._recent_sets
        found = {h: recent[h] for h in hashes if h in recent}
        for digest, set_id, file_id in self._in_parts(
            "SELECT hash, id, file_id FROM finding_sets WHERE hash IN ({ids})",
            [h for h in hashes if h not in found],
        ):
            if type(set_id) is not int or type(file_id) is not int:
                raise HistoryError(self._damaged(f"anmärkningsmängd {str(set_id)[:20]}"))
            found[digest] = (set_id, file_id)
        return found

    def _insert_set(self, digest: bytes, file: str, rows: list[tuple[Any, ...]]) -> int:
        """A new finding set with its rows and counts (its texts already learnt); its id."""
        ids = self._text_ids
        cur = self.db.execute(
            "INSERT INTO finding_sets(hash, file_id, size) VALUES (?, ?, ?)",
            (digest, ids[file], len(rows)),
        )
        set_id = cur.lastrowid
        assert set_id is not None
        stored = [
            (
                set_id,
                seq,
                ids[r[0]],
                *r[1:6],
                *(None if r[i] is None else ids[r[i]] for i in _SET_TEXT_COLUMNS[1:]),
            )
            for seq, r in enumerate(rows)
        ]
        self.db.executemany(
            "INSERT INTO set_rows(set_id, seq, unit_id, code, name, severity, line, col,"
            " path_id, label_id, message_id, suggestion_id, label_en_id, message_en_id,"
            " suggestion_en_id, fingerprint_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            stored,
        )
        counts: Counter[tuple[int, str, str]] = Counter()
        names: dict[str, str] = {}
        for r in stored:
            counts[(r[2], r[3], r[5])] += 1
            names[r[3]] = max(names.get(r[3], r[4]), r[4])
        self.db.executemany(
            "INSERT INTO set_counts(set_id, unit_id, code, name, severity, n)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(set_id, u, c, names[c], s, n) for (u, c, s), n in counts.items()],
        )
        return set_id

    def _insert_files(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """(run, file, unit, checked) rows, their texts stored once."""
        for batch in _batches(rows):
            self._learn(t for _, file, unit, _ in batch for t in (file, unit))
            ids = self._text_ids
            self.db.executemany(
                "INSERT OR REPLACE INTO file_rows(run_id, file_id, unit_id, checked)"
                " VALUES (?, ?, ?, ?)",
                [(r, ids[file], ids[unit], c) for r, file, unit, c in batch],
            )

    def _learn(self, texts: Iterable[str | None]) -> None:
        """The ids of ``texts`` into ``_text_ids``: looked up by hash, many at a time, or stored.

        A text found under its hash must be the text stored: one changed by hand would
        otherwise be shown for every later run that uses it.
        """
        known = self._text_ids
        if self._text_chars > _KNOWN_CHARS:  # a bound on what a session keeps
            known.clear()
            self._text_chars = 0
        wanted: dict[bytes, str] = {}
        for text in texts:
            if text is None or text in known:
                continue
            if type(text) is not str:
                raise HistoryError(self._damaged(f"text väntades, fick {type(text).__name__}"))
            wanted[hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()] = text
        if not wanted:
            return
        for digest, text_id, stored in self._in_parts(
            "SELECT hash, id, text FROM texts WHERE hash IN ({ids})", list(wanted)
        ):
            text = wanted.pop(digest)
            if stored != text or type(text_id) is not int:
                raise HistoryError(self._damaged(f"text {str(text_id)[:20]} har ändrats"))
            known[text] = text_id
            self._text_chars += len(text)
        for digest, text in wanted.items():
            cur = self.db.execute("INSERT INTO texts(hash, text) VALUES (?, ?)", (digest, text))
            assert cur.lastrowid is not None
            known[text] = cur.lastrowid
            self._text_chars += len(text)

    def beside(self, work: Callable[[], None]) -> None:
        """``work`` with the database (the run's end: ``end``) in a thread of its own, while
        the run does other work: SQLite lets go of the GIL as it sums the run's counts.
        Nothing else uses the database until ``awaited`` has awaited it."""

        def run() -> None:
            try:
                work()
            except BaseException as exc:  # raised by ``awaited``
                self._beside_failed = exc

        self._beside_failed = None
        self._beside = threading.Thread(target=run, daemon=True)
        self._beside.start()

    def awaited(self) -> None:
        """``beside``'s work awaited, also through a Ctrl-C (which is raised once it is: the
        database is never used by two threads at once); its error raised."""
        thread, self._beside = self._beside, None
        stopped: BaseException | None = None
        while thread is not None and thread.is_alive():
            try:
                thread.join()
            except KeyboardInterrupt as exc:
                stopped = exc
        failed, self._beside_failed = self._beside_failed, None
        if stopped is not None:
            raise stopped
        if failed is not None:
            raise failed

    def end(
        self,
        run_id: int,
        run: NewRun,
        files: int,
        checked: int,
        severities: Counter[Severity],
        internal: int,
    ) -> None:
        """The run's counts and times, once its files and findings are stored."""
        with self._writing():
            self.db.execute(
                "UPDATE runs SET finished = ?, duration = ?, files = ?, checked = ?, cached = ?,"
                " errors = ?, warnings = ?, infos = ?, internal_errors = ? WHERE id = ?",
                (
                    run.finished,
                    run.duration,
                    files,
                    checked,
                    files - checked,
                    severities[Severity.ERROR],
                    severities[Severity.WARNING],
                    severities[Severity.INFO],
                    internal,
                    run_id,
                ),
            )
            self.db.execute(
                _RUN_COUNTS + " WHERE rs.run_id = ? GROUP BY c.unit_id, c.code, c.severity",
                (run_id,),
            )
            self._recent_sets.clear()  # _prune_texts may remove sets
            self._prune_texts()

    def _prune_texts(self) -> None:
        """Sets and texts no run refers to any more, once runs have been deleted by hand,
        are removed.

        ``meta.runs`` is the number of runs after the last stored one: fewer now (plus
        the new one) means some were deleted (docs/nightly.md says how) and their texts,
        a unit's megabyte-long name among them, would otherwise stay for good.
        """
        count = self.db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
        row = self.db.execute("SELECT value FROM meta WHERE key = 'runs'").fetchone()
        if row is not None and str(row[0]).isdigit() and count <= int(row[0]):
            self.db.execute(
                "DELETE FROM finding_sets WHERE id NOT IN (SELECT set_id FROM run_sets)"
            )  # their rows and counts follow (ON DELETE CASCADE)
            used = " UNION ".join(
                f"SELECT {c} FROM set_rows WHERE {c} IS NOT NULL"  # NOT IN and NULL: none
                for c in (
                    "unit_id",
                    "path_id",
                    "label_id",
                    "message_id",
                    "suggestion_id",
                    "label_en_id",
                    "message_en_id",
                    "suggestion_en_id",
                    "fingerprint_id",
                )
            )
            self.db.execute(
                "DELETE FROM texts WHERE id NOT IN (SELECT file_id FROM file_rows UNION"
                f" SELECT unit_id FROM file_rows UNION SELECT file_id FROM finding_sets UNION {used})"
            )
            self._text_ids.clear()
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('runs', ?)", (str(count),))

    @contextmanager
    def _writing(self) -> Iterator[None]:
        self._compared.clear()
        self._names.clear()
        try:
            yield
        except sqlite3.Error as exc:
            raise HistoryError(f"kan inte spara körningen i {self.path}: {exc}") from None

    # -- reading ------------------------------------------------------------
    # Everything read back is checked against what rapportkoll writes: a database
    # changed by hand or damaged is a HistoryError with one Swedish message, never a crash.
    def runs(self, limit: int | None = None) -> list[Run]:
        """The latest ``limit`` runs (all when None), oldest first."""
        sql = (
            "SELECT id, started, finished, duration, tree, version, fingerprint, files,"
            " checked, cached, errors, warnings, infos, internal_errors, jobs FROM runs"
            " ORDER BY id DESC"
        )
        params: tuple[int, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        with self._reading():
            return [
                Run(*_decoded(r, _RUN_COLUMNS))
                for r in reversed(self.db.execute(sql, params).fetchall())
            ]

    def count_runs(self) -> int:
        with self._reading():
            return _int(self.db.execute("SELECT COUNT(*) FROM runs").fetchone()[0])

    def counts_by(self, column: str, run_ids: Iterable[int]) -> dict[int, Counts]:
        """Findings per run, per ``unit`` or ``code``, per severity (the runs' counts)."""
        if column not in ("unit", "code"):
            raise ValueError(column)
        group = "unit_id" if column == "unit" else "code"
        sql = (
            f"SELECT run_id, {group}, {_BY_SEVERITY} FROM run_counts WHERE run_id = ?"
            f" GROUP BY {group}"
        )
        out: dict[int, Counts] = {}
        with self._reading():
            # a row per run and key, its severities side by side; a query per run: grouping
            # by code sorts one run's rows at a time (cheaper than the runs' rows at once),
            # by unit follows the table's key and needs no sorting
            rows = [
                r for i in sorted({int(i) for i in run_ids}) for r in self.db.execute(sql, (i,))
            ]
            names = None
            if column == "unit":  # each unit's text read and checked once, not once per run
                names = self._unit_names({_int(r[1]) for r in rows})
            error, warning, info = _SEVERITY_ORDER
            for run_id, key, errors, warnings, infos, unknown in rows:
                if unknown is not None:
                    _severity(unknown)
                name = _text(key) if names is None else names[key]
                by_key = out.get(run_id)
                if by_key is None:
                    by_key = out[_int(run_id)] = {}
                counter = by_key.get(name)
                if counter is None:
                    counter = by_key[name] = Counter()
                # added up: two ids whose capped texts are the same
                if errors is not None:
                    counter[error] += _int(errors)
                if warnings is not None:
                    counter[warning] += _int(warnings)
                if infos is not None:
                    counter[info] += _int(infos)
        return out

    def trends(
        self, column: str, run_ids: Iterable[int], counted: dict[int, Counts] | None = None
    ) -> dict[int, dict[str, tuple[int, int]]]:
        """Findings per run, per ``unit`` or ``code``: their total and how many are errors
        (a trend line's points), summed by SQLite: the per-severity rows of a whole
        window are many, and ``counts_by`` is needed only for the runs whose counts show.
        The points of a run in ``counted`` (``counts_by``'s, of the same column) are its
        counts' sums, not read again."""
        if column not in ("unit", "code"):
            raise ValueError(column)
        group = "unit_id" if column == "unit" else "code"
        out: dict[int, dict[str, tuple[int, int]]] = {}
        counted = counted or {}
        for run_id in sorted(set(run_ids) & set(counted)):
            out[run_id] = {
                k: (sum(c.values()), c[Severity.ERROR]) for k, c in counted[run_id].items()
            }
        sql = (
            f"SELECT {group}, SUM(n), SUM(CASE severity WHEN '{Severity.ERROR.value}' THEN n"
            f" ELSE 0 END), MIN(CASE WHEN severity IN ({_KNOWN}) THEN NULL"
            f" ELSE IFNULL(severity, '') END) FROM run_counts WHERE run_id = ? GROUP BY {group}"
        )
        with self._reading():
            # a query per run: grouping by code sorts one run's rows at a time, which costs
            # SQLite about half of sorting the whole window's at once
            runs = {
                i: self.db.execute(sql, (i,)).fetchall()
                for i in sorted(set(run_ids))
                if i not in counted
            }
            names = None
            if column == "unit":  # each unit's text read and checked once, not once per run
                keys = {r[0] for rows in runs.values() for r in rows}
                names = self._unit_names({_int(k) for k in keys})
            for run_id, rows in runs.items():
                by_key = out[run_id] = {}
                for key, total, errors, unknown in rows:
                    if unknown is not None:
                        _severity(unknown)
                    name = _text(key) if names is None else names[key]
                    point = (_int(total), _int(errors))
                    before = by_key.get(name)  # two ids whose capped texts are the same
                    by_key[name] = (
                        point if before is None else (before[0] + point[0], before[1] + point[1])
                    )
        return out

    def quiet_units(self, run_ids: Iterable[int]) -> dict[int, set[str]]:
        """The units that had files but no findings in each run."""
        out: dict[int, set[str]] = {}
        with self._reading():
            rows = self._select(
                "SELECT DISTINCT f.run_id, f.unit_id FROM file_rows f WHERE f.run_id IN ({ids})"
                " AND NOT EXISTS (SELECT 1 FROM run_counts c"
                " WHERE c.run_id = f.run_id AND c.unit_id = f.unit_id)",
                run_ids,
            )
            names = self._texts_by_id(_int(unit) for _, unit in rows)
            for run_id, unit in rows:
                out.setdefault(_int(run_id), set()).add(names[unit])
        return out

    def units_by_run(self, run_ids: Iterable[int]) -> dict[int, Counter[str]]:
        """How many files each unit had in each run."""
        out: dict[int, Counter[str]] = {}
        with self._reading():
            rows = self._select(
                "SELECT run_id, unit_id, COUNT(*) FROM file_rows WHERE run_id IN ({ids})"
                " GROUP BY run_id, unit_id",
                run_ids,
            )
            names = self._unit_names({_int(unit) for _, unit, _ in rows})
            for run_id, unit, n in rows:
                out.setdefault(_int(run_id), Counter())[names[unit]] = _int(n)
        return out

    def units_with(self, run_id: int, code: str) -> Counter[str]:
        """How many findings of rule ``code`` each unit had in the run (its counts)."""
        with self._reading():
            return Counter(
                {
                    _text(unit): _int(n)
                    for unit, n in self.db.execute(
                        "SELECT t.text, SUM(r.n) FROM run_counts r"
                        " LEFT JOIN texts t ON t.id = r.unit_id"
                        " WHERE r.run_id = ? AND r.code = ? GROUP BY r.unit_id",
                        (run_id, code),
                    )
                }
            )

    def checked_files(self, run_id: int, most: int) -> tuple[int, int, list[str]]:
        """The run's number of files and of files checked, and the checked ones' names
        when there are at most ``most``."""
        with self._reading():
            files, checked = self.db.execute(
                "SELECT COUNT(*), TOTAL(checked) FROM file_rows WHERE run_id = ?", (run_id,)
            ).fetchone()
            names = []
            if 0 < checked <= most:
                names = [
                    _text(f)
                    for (f,) in self.db.execute(
                        "SELECT file FROM files WHERE run_id = ? AND checked = 1 ORDER BY file",
                        (run_id,),
                    )
                ]
        return _int(files), int(_num(checked)), names

    def unit_sets(self, run_id: int) -> dict[str, tuple[int, list[bytes]]]:
        """Each unit with findings in the run: its text id and the hashes of the finding
        sets that hold them (what its findings are made of, by content)."""
        out: dict[str, tuple[int, list[bytes]]] = {}
        with self._reading():
            # distinct by the ids, then their texts and hashes: fewer, shorter rows to sort
            for unit_id, unit, digest in self.db.execute(
                "SELECT g.unit_id, t.text, s.hash FROM (SELECT DISTINCT c.unit_id AS unit_id,"
                " c.set_id AS set_id FROM run_sets rs JOIN set_counts c ON c.set_id = rs.set_id"
                " WHERE rs.run_id = ?) g LEFT JOIN finding_sets s ON s.id = g.set_id"
                " LEFT JOIN texts t ON t.id = g.unit_id",
                (run_id,),
            ):
                if type(digest) is not bytes:
                    raise _Bad("en anmärkningsmängd saknas")
                out.setdefault(_text(unit), (_int(unit_id), []))[1].append(digest)
        for _, digests in out.values():
            digests.sort()
        return out

    def rule_names(self) -> dict[str, str]:
        with self._reading():
            return {
                _text(code): _text(name)
                for code, name in self.db.execute(
                    "SELECT code, MAX(name) FROM set_counts GROUP BY code"
                )
            }

    def files(self, run_id: int) -> list[tuple[str, str, bool]]:
        with self._reading():
            return [
                (_text(f), _text(u), bool(_int(c)))
                for f, u, c in self.db.execute(
                    "SELECT file, unit, checked FROM files WHERE run_id = ? ORDER BY file",
                    (run_id,),
                )
            ]

    def findings(self, run_id: int, units: Iterable[int] | None = None) -> list[StoredFinding]:
        """The run's findings (of the units with these text ids, else all) ordered by file,
        line, column and rule, then as stored.

        The rows carry text ids; each distinct text is read and checked once.
        """
        sql = (
            "SELECT rs.file_id, r.unit_id, r.code, r.name, r.severity, r.line, r.col,"
            " r.path_id, r.label_id, r.message_id, r.suggestion_id, r.label_en_id,"
            " r.message_en_id, r.suggestion_en_id, r.fingerprint_id, r.seq"
            " FROM run_sets rs JOIN set_rows r ON r.set_id = rs.set_id WHERE rs.run_id = ?"
        )
        with self._reading():
            if units is None:
                rows = self.db.execute(sql, (run_id,)).fetchall()
            else:
                rows = list(self._in_parts(sql + " AND r.unit_id IN ({ids})", units, run_id))
            texts = self._texts_by_id(
                {i for r in rows for i in (*r[:2], *r[7:15]) if i is not None}
            )
            out = []
            for r in rows:
                if len(r) != 16:
                    raise _Bad(f"{len(r)} kolumner, väntade 16")
                t = [None if i is None else texts[_int(i)] for i in (*r[:2], *r[7:15])]
                row = [*t[:2], *r[2:7], *t[2:]]
                out.append((StoredFinding(*_decoded(row, _FINDING_COLUMNS)), _int(r[15])))
        out.sort(key=lambda p: (p[0].file, p[0].line, p[0].column, p[0].code, p[1]))
        return [f for f, _ in out]

    def fingerprints(self, run_id: int) -> Counter[str]:
        # Read twice a night (the dashboard and the summary's comparison): kept once read.
        known = self._fingerprints.get(run_id)
        if known is not None:
            return Counter(known)
        with self._reading():
            found: Counter[str] = Counter()
            for fp, n in self.db.execute(
                "SELECT t.text, COUNT(*) FROM run_sets rs JOIN set_rows r ON r.set_id = rs.set_id"
                " LEFT JOIN texts t ON t.id = r.fingerprint_id WHERE rs.run_id = ?"
                " GROUP BY r.fingerprint_id",
                (run_id,),
            ):
                found[_text(fp)] += _int(n)
        self._fingerprints[run_id] = found
        return Counter(found)

    def compare(self, run_id: int, previous_id: int) -> Comparison:
        """New, fixed and missing findings of ``run_id`` against ``previous_id``.

        A report checked now is compared with the last run in which it existed, so a
        report that was missing for some nights and is back is judged against its own
        last findings. The findings of a report that existed in ``previous_id`` and is
        absent now are "missing", never "fixed". Findings on paths that are no checked
        file (RK106 on a unit's folder) are compared run to run. A file whose finding
        set is the one it had has nothing new or fixed; only the sets that differ are
        compared, by their fingerprints' text ids (one to one with the texts).
        """
        key = (run_id, previous_id)
        if key not in self._compared:
            self._compared[key] = self._compare(run_id, previous_id)
        done = self._compared[key]
        return Comparison(done.new, done.fixed, done.missing, list(done.missing_files))

    def _compare(self, run_id: int, previous_id: int) -> Comparison:
        with self._reading():
            now_files, before_files = self._file_ids(run_id), self._file_ids(previous_id)
            now, before = self._run_sets(run_id), self._run_sets(previous_id)
            # a file checked now and absent from the previous run: its last run before
            back = {f: self._last_seen(f, previous_id) for f in now_files if f not in before_files}
            bases: dict[int, int | None] = {}
            for file in now_files | set(now):
                if file in back:
                    seen = back[file]
                    bases[file] = None if seen is None else self._run_set(seen, file)
                elif file in now_files or file not in before_files:
                    bases[file] = before.get(file)
                else:  # no checked file now (RK106) on a name that was a checked file
                    bases[file] = None
            changed = {s for f, s in now.items() if s != bases[f]}
            changed |= {s for f, s in bases.items() if s is not None and s != now.get(f)}
            # a report absent now: its findings "saknas"; on no file now nor then: fixed
            left = {
                f: s
                for f, s in before.items()
                if f not in now_files and (f in before_files or f not in now)
            }
            fps = self._set_fingerprints(changed)
            sizes = self._set_sizes(set(left.values()))
            gone = self._texts(before_files - now_files)
        out = Comparison()
        for file, base in bases.items():
            current = now.get(file)
            if current == base:
                continue
            have = fps[current] if current is not None else Counter()
            had = fps[base] if base is not None else Counter()
            out.new += sum((have - had).values())
            out.fixed += sum((had - have).values())
        for file, set_id in left.items():
            if file in before_files:
                out.missing += sizes[set_id]
            else:
                out.fixed += sizes[set_id]  # e.g. an RK106 whose report was handed in
        out.missing_files = sorted(gone)
        return out

    def _run_sets(self, run_id: int) -> dict[int, int]:
        """File id → set id of a run's files with findings (inside ``_reading``)."""
        return {
            _int(f): _int(s)
            for f, s in self.db.execute(
                "SELECT file_id, set_id FROM run_sets WHERE run_id = ?", (run_id,)
            )
        }

    def _run_set(self, run_id: int, file_id: int) -> int | None:
        row = self.db.execute(
            "SELECT set_id FROM run_sets WHERE run_id = ? AND file_id = ?", (run_id, file_id)
        ).fetchone()
        return None if row is None else _int(row[0])

    def _last_seen(self, file_id: int, before: int) -> int | None:
        """The last run before ``before`` that had the file (None: never)."""
        row = self.db.execute(
            "SELECT MAX(run_id) FROM file_rows WHERE file_id = ? AND run_id < ?", (file_id, before)
        ).fetchone()
        return None if row is None or row[0] is None else _int(row[0])

    def _set_fingerprints(self, set_ids: set[int]) -> dict[int, Counter[int]]:
        """Each set's fingerprints (text ids) and their counts; a missing text is damage."""
        out: dict[int, Counter[int]] = {s: Counter() for s in set_ids}
        for s, fp, n, whole in self._in_parts(
            "SELECT r.set_id, r.fingerprint_id, COUNT(*), MIN(t.id IS NOT NULL)"
            " FROM set_rows r LEFT JOIN texts t ON t.id = r.fingerprint_id"
            " WHERE r.set_id IN ({ids}) GROUP BY r.set_id, r.fingerprint_id",
            set_ids,
        ):
            if not whole:
                raise _Bad(f"en anmärkning i mängd {s} saknar sin text")
            out[_int(s)][_int(fp)] += _int(n)
        empty = [s for s, fps in out.items() if not fps]  # a set is never stored empty
        if empty:
            raise _Bad(f"mängd {empty[0]} saknas")
        return out

    def _set_sizes(self, set_ids: set[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        for s, n in self._in_parts(
            "SELECT id, size FROM finding_sets WHERE id IN ({ids})", set_ids
        ):
            out[_int(s)] = _int(n)
        missing = set_ids - set(out)
        if missing:
            raise _Bad(f"mängd {min(missing)} saknas")
        return out

    def _file_ids(self, run_id: int) -> set[int]:
        """The text ids of a run's files (inside ``_reading``: one without its text is damage)."""
        out = set()
        for file_id, text_id in self.db.execute(
            "SELECT r.file_id, t.id FROM file_rows r LEFT JOIN texts t ON t.id = r.file_id"
            " WHERE r.run_id = ?",
            (run_id,),
        ):
            if text_id is None:
                raise _Bad(f"en fil i körning {run_id} saknar sin text")
            out.add(_int(file_id))
        return out

    def _texts(self, ids: Iterable[int]) -> list[str]:
        """The texts of ``ids`` in the order of the ids (inside ``_reading``)."""
        found = self._texts_by_id(ids)
        return [found[i] for i in sorted(found)]

    def _unit_names(self, ids: set[int]) -> dict[int, str]:
        """``_texts_by_id`` for units, kept for the session until a write: the dashboard
        reads the same units' names for each of its runs."""
        known = self._names
        missing = [i for i in ids if i not in known]
        if missing:
            known.update(self._texts_by_id(missing))
        return known

    def _texts_by_id(self, ids: Iterable[int]) -> dict[int, str]:
        """The texts of ``ids`` (inside ``_reading``: an id without a text is damage)."""
        wanted = set(ids)
        found: dict[int, str] = {}
        for i, text in self._in_parts("SELECT id, text FROM texts WHERE id IN ({ids})", wanted):
            found[_int(i)] = _text(text)
        missing = sorted(i for i in wanted if i not in found)
        if missing:
            raise _Bad(f"text {missing[0]} saknas")
        return found

    def _in_parts(self, sql: str, ids: Iterable[Any], *before: Any) -> Iterator[Any]:
        """The rows of ``sql`` for ``ids`` (its ``{ids}``), 500 ids a query (SQLite's limit
        on parameters); ``before``: the parameters in front of them."""
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ", ".join("?" for _ in part)
            yield from self.db.execute(sql.replace("{ids}", marks), (*before, *part))

    def _select(self, sql: str, run_ids: Iterable[int]) -> list[Any]:
        ids = [int(i) for i in run_ids]
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        return list(self.db.execute(sql.replace("{ids}", marks), ids))
