"""The nightly run's history: one SQLite file, no server (stdlib ``sqlite3``).

One row per run, per checked file of a run and per finding of a run. File
names are stored relative to the checked tree (so the history does not depend
on where the run was started from), and each finding keeps its identity
(``checker.findings.identity``) so that runs can be compared finding by
finding ("new since the previous run", "fixed").

Each distinct text (file name, unit, message, fingerprint…) is stored once, in
``texts``; the rows of ``file_rows`` and ``finding_rows`` refer to it, so a
report with a megabyte-long unit name costs that megabyte once, not once per
finding and night. The views ``files`` and ``findings`` show the rows with
their texts, as the tables of format 1 did, for queries by hand.

A history of format 1 is upgraded in place, in one transaction: either all of
it is converted or nothing is changed. A database written by another program,
or by a newer rapportkoll with a different schema, is a ``HistoryError``;
nothing is written to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from checker.findings import Finding, Severity

SCHEMA_VERSION = 2

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
_ROWS = (
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
    """
CREATE TABLE finding_rows (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    file_id          INTEGER NOT NULL,
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
    fingerprint_id   INTEGER NOT NULL   -- checker.findings.identity, relative to the tree
)
""",
    "CREATE INDEX finding_rows_run ON finding_rows(run_id)",
    "CREATE INDEX file_rows_run ON file_rows(run_id)",
    # Left joins on the primary key: SQLite leaves out those a query does not read.
    """
CREATE VIEW files AS
SELECT r.run_id, f.text AS file, u.text AS unit, r.checked
FROM file_rows r
LEFT JOIN texts f ON f.id = r.file_id
LEFT JOIN texts u ON u.id = r.unit_id
""",
    """
CREATE VIEW findings AS
SELECT r.id, r.run_id, f.text AS file, u.text AS unit, r.code, r.name, r.severity,
       r.line, r.col, p.text AS path, l.text AS label, m.text AS message,
       s.text AS suggestion, le.text AS label_en, me.text AS message_en,
       se.text AS suggestion_en, fp.text AS fingerprint
FROM finding_rows r
LEFT JOIN texts f ON f.id = r.file_id
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

_OUR_TABLES = {"meta", "runs", "texts", "file_rows", "finding_rows", "sqlite_sequence"}
_FORMAT_1_TABLES = {"meta", "runs", "files", "findings", "sqlite_sequence"}
_OUR_VIEWS = {"files", "findings"}


class HistoryError(Exception):
    """The history database cannot be opened or used; the message is Swedish."""


# Longest text stored per field (label, message, suggestion…): a report that quotes a
# megabyte in every finding must not add that much to the history every night.
MAX_TEXT = 2000
_SEVERITIES = {s.value for s in Severity}
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


def _severity(v: Any) -> Severity:
    if v not in _SEVERITIES:
        raise _Bad(f"okänd allvarlighetsgrad {str(v)[:20]!r}")
    return Severity(v)


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

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fingerprints: dict[int, Counter[str]] = {}
        self._text_ids: dict[str, int] = {}  # texts met in this session, by id
        self._text_chars = 0
        if self.path.is_dir():
            raise HistoryError(f"{self.path} är en mapp, inte en databasfil")
        if not self.path.parent.is_dir():
            raise HistoryError(f"mappen {self.path.parent} för historikdatabasen finns inte")
        if self.path.exists() and not self.path.is_file():
            raise HistoryError(f"{self.path} är ingen vanlig fil och kan inte vara historikdatabas")
        try:
            self.db = sqlite3.connect(self.path, timeout=60)
        except sqlite3.Error as exc:
            raise HistoryError(f"kan inte öppna historikdatabasen {self.path}: {exc}") from None
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            check = self.db.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise HistoryError(self._damaged(str(check[0] if check else "?")))
        except sqlite3.Error as exc:
            self.db.close()
            raise HistoryError(
                f"{self.path} kan inte användas som historikdatabas: {exc}"
            ) from None
        except HistoryError:
            self.db.close()
            raise

    def _damaged(self, detail: object) -> str:
        return (
            f"historikdatabasen {self.path} är skadad eller har ändrats utanför rapportkoll"
            f" ({str(detail)[:200]}). Ingenting har skrivits till den och tidigare körningar är"
            " orörda; återställ den från en säkerhetskopia eller ange en ny fil med --db."
        )

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
        if found not in ("1", str(SCHEMA_VERSION)):
            raise HistoryError(
                f"{self.path} har historikformat {found}; den här versionen"
                f" av rapportkoll läser format 1 och {SCHEMA_VERSION}"
            )
        ours = (_FORMAT_1_TABLES, set()) if found == "1" else (_OUR_TABLES, _OUR_VIEWS)
        strange = (tables - ours[0]) | (views - ours[1])
        if strange:
            raise HistoryError(f"{self.path} har okända tabeller: {', '.join(sorted(strange))}")
        if found == "1":
            self._upgrade()

    def _create(self) -> None:
        """A new, empty history (one transaction: a second run starting at once waits)."""
        with self.pending():
            self.db.execute("BEGIN IMMEDIATE")
            if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                return  # made by another run meanwhile; _migrate checks it next time
            for sql in (_META, _RUNS, *_ROWS):
                self.db.execute(sql)
            self.db.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                [("schema", str(SCHEMA_VERSION)), ("tool", "rapportkoll")],
            )

    def _upgrade(self) -> None:
        """Format 1 (texts in every row) to format 2, all or nothing, then compacted.

        Every row keeps its id, run and texts; the counts are compared before the
        old tables are dropped. An interruption, a full disk or a failed check
        rolls back to the untouched format-1 file.
        """
        with self.pending():
            self.db.execute("BEGIN IMMEDIATE")
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None or row[0] != "1":
                return  # upgraded by another run meanwhile
            self.db.execute("ALTER TABLE files RENAME TO files_1")
            self.db.execute("ALTER TABLE findings RENAME TO findings_1")
            self.db.execute("DROP INDEX IF EXISTS findings_run")
            self.db.execute("DROP INDEX IF EXISTS files_run")
            for sql in _ROWS:
                self.db.execute(sql)
            old = self.db.execute("SELECT run_id, file, unit, checked FROM files_1")
            while rows := old.fetchmany(2000):
                self._insert_files(rows)
            old = self.db.execute(
                "SELECT id, run_id, file, unit, code, name, severity, line, col, path, label,"
                " message, suggestion, label_en, message_en, suggestion_en, fingerprint"
                " FROM findings_1"
            )
            while rows := old.fetchmany(2000):
                self._insert_findings(rows)
            for new, old_table in (("file_rows", "files_1"), ("finding_rows", "findings_1")):
                moved = self.db.execute(f"SELECT COUNT(*) FROM {new}").fetchone()[0]
                had = self.db.execute(f"SELECT COUNT(*) FROM {old_table}").fetchone()[0]
                if moved != had:
                    raise HistoryError(self._damaged(f"{old_table}: {had} rader, {moved} flyttade"))
            self.db.execute("DROP TABLE files_1")
            self.db.execute("DROP TABLE findings_1")
            self.db.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),)
            )
        # the upgraded history is complete; giving back the space of the copied texts
        # may fail (a full disk) without harm
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("VACUUM")

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
        return run_id

    def add_files(self, run_id: int, files: Iterable[tuple[str, str, bool]]) -> None:
        """Rows of ``files`` for the run: (file relative to the tree, unit, checked)."""
        with self._writing():
            self._insert_files((run_id, file, unit, int(c)) for file, unit, c in files)

    def add_findings(self, run_id: int, findings: Iterable[tuple[Finding, str, str, str]]) -> None:
        """Rows of ``findings``: (finding, file relative to the tree, unit, fingerprint)."""
        self._fingerprints.pop(run_id, None)
        with self._writing():
            self._insert_findings(
                (
                    None,
                    run_id,
                    file,
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
                for f, file, unit, fp in findings
            )

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

    # the texts of a finding row, in the order of the columns of format 1 and the view
    _TEXTS = (2, 3, 9, 10, 11, 12, 13, 14, 15, 16)

    def _insert_findings(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Rows in the column order of the ``findings`` view (id None: a new one)."""
        where = self._TEXTS
        for batch in _batches(rows):
            self._learn(r[i] for r in batch for i in where)
            ids = self._text_ids
            self.db.executemany(
                "INSERT INTO finding_rows(id, run_id, file_id, unit_id, code, name, severity,"
                " line, col, path_id, label_id, message_id, suggestion_id, label_en_id,"
                " message_en_id, suggestion_en_id, fingerprint_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (*r[:2], *texts[:2], *r[4:9], *texts[2:])
                    for r in batch
                    for texts in ([None if r[i] is None else ids[r[i]] for i in where],)
                ],
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
        digests = list(wanted)
        for start in range(0, len(digests), 500):
            part = digests[start : start + 500]
            marks = ", ".join("?" for _ in part)
            for digest, text_id, stored in self.db.execute(
                f"SELECT hash, id, text FROM texts WHERE hash IN ({marks})", part
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
            self._prune_texts()

    def _prune_texts(self) -> None:
        """Texts no run refers to any more, once runs have been deleted by hand, are removed.

        ``meta.runs`` is the number of runs after the last stored one: fewer now (plus
        the new one) means some were deleted (docs/nightly.md says how) and their texts,
        a unit's megabyte-long name among them, would otherwise stay for good.
        """
        count = self.db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
        row = self.db.execute("SELECT value FROM meta WHERE key = 'runs'").fetchone()
        if row is not None and str(row[0]).isdigit() and count <= int(row[0]):
            used = " UNION ".join(
                f"SELECT {c} FROM finding_rows WHERE {c} IS NOT NULL"  # NOT IN and NULL: none
                for c in (
                    "file_id",
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
                "DELETE FROM texts WHERE id NOT IN"
                f" (SELECT file_id FROM file_rows UNION SELECT unit_id FROM file_rows UNION {used})"
            )
            self._text_ids.clear()
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('runs', ?)", (str(count),))

    @contextmanager
    def _writing(self) -> Iterator[None]:
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
        """Findings per run, per ``unit`` or ``code``, per severity."""
        if column not in ("unit", "code"):
            raise ValueError(column)
        key, group = ("t.text", "r.unit_id") if column == "unit" else ("r.code", "r.code")
        # left joins: a row whose text is missing reads as NULL, which is damage, not skipped
        join = " LEFT JOIN texts t ON t.id = r.unit_id" if column == "unit" else ""
        out: dict[int, Counts] = {}
        with self._reading():
            for run_id, name, severity, n in self._select(
                f"SELECT r.run_id, {key}, r.severity, COUNT(*) FROM finding_rows r{join}"
                f" WHERE r.run_id IN ({{ids}}) GROUP BY r.run_id, {group}, r.severity",
                run_ids,
            ):
                counter = out.setdefault(_int(run_id), {}).setdefault(_text(name), Counter())
                counter[_severity(severity)] += _int(n)
        return out

    def units_by_run(self, run_ids: Iterable[int]) -> dict[int, Counter[str]]:
        """How many files each unit had in each run."""
        out: dict[int, Counter[str]] = {}
        with self._reading():
            for run_id, unit, n in self._select(
                "SELECT r.run_id, t.text, COUNT(*) FROM file_rows r"
                " LEFT JOIN texts t ON t.id = r.unit_id WHERE r.run_id IN ({ids})"
                " GROUP BY r.run_id, r.unit_id",
                run_ids,
            ):
                out.setdefault(_int(run_id), Counter())[_text(unit)] = _int(n)
        return out

    def rule_names(self) -> dict[str, str]:
        with self._reading():
            return {
                _text(code): _text(name)
                for code, name in self.db.execute(
                    "SELECT code, MAX(name) FROM finding_rows GROUP BY code"
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

    def findings(self, run_id: int) -> list[StoredFinding]:
        with self._reading():
            rows = self.db.execute(
                "SELECT file, unit, code, name, severity, line, col, path, label, message,"
                " suggestion, label_en, message_en, suggestion_en, fingerprint FROM findings"
                " WHERE run_id = ? ORDER BY file, line, col, code, id",
                (run_id,),
            )
            return [StoredFinding(*_decoded(r, _FINDING_COLUMNS)) for r in rows]

    def fingerprints(self, run_id: int) -> Counter[str]:
        # Read twice a night (the dashboard and the summary's comparison): kept once read.
        known = self._fingerprints.get(run_id)
        if known is not None:
            return Counter(known)
        with self._reading():
            found = Counter(
                {
                    _text(fp): _int(n)
                    for fp, n in self.db.execute(
                        "SELECT t.text, COUNT(*) FROM finding_rows r"
                        " LEFT JOIN texts t ON t.id = r.fingerprint_id WHERE r.run_id = ?"
                        " GROUP BY r.fingerprint_id",
                        (run_id,),
                    )
                }
            )
        self._fingerprints[run_id] = found
        return Counter(found)

    def compare(self, run_id: int, previous_id: int) -> Comparison:
        """New, fixed and missing findings of ``run_id`` against ``previous_id``.

        A report checked now is compared with the last run in which it existed, so a
        report that was missing for some nights and is back is judged against its own
        last findings. The findings of a report that existed in ``previous_id`` and is
        absent now are "missing", never "fixed". Findings on paths that are no checked
        file (RK106 on a unit's folder) are compared run to run. Files and findings are
        compared by their texts' ids, which stand for the texts one to one.
        """
        with self._reading():
            now_files, before_files = self._file_ids(run_id), self._file_ids(previous_id)
            last_seen = {
                _int(f): _int(r)
                for f, r in self.db.execute(
                    "SELECT file_id, MAX(run_id) FROM file_rows WHERE run_id < ? GROUP BY file_id",
                    (run_id,),
                )
            }
            bases = {r for f, r in last_seen.items() if f in now_files} | {previous_id}
            by_run: dict[int, dict[int, Counter[int]]] = {}
            # each row's texts must be there: ids that stand for nothing would compare wrong
            for r, f, fp, n, whole in self._select(
                "SELECT r.run_id, r.file_id, r.fingerprint_id, COUNT(*),"
                " MIN(t.id IS NOT NULL AND u.id IS NOT NULL) FROM finding_rows r"
                " LEFT JOIN texts t ON t.id = r.fingerprint_id"
                " LEFT JOIN texts u ON u.id = r.file_id"
                " WHERE r.run_id IN ({ids}) GROUP BY r.run_id, r.file_id, r.fingerprint_id",
                [run_id, *sorted(bases)],
            ):
                if not whole:
                    raise _Bad(f"en anmärkning i körning {r} saknar sin text")
                by_run.setdefault(_int(r), {}).setdefault(_int(f), Counter())[_int(fp)] += _int(n)
            gone = self._texts(before_files - now_files)
        now, before = by_run.get(run_id, {}), by_run.get(previous_id, {})
        out = Comparison()
        for file in now_files | {f for f in now if f not in now_files}:
            current = now.get(file, Counter())
            if file in now_files:
                seen = last_seen.get(file)
                base = by_run.get(seen, {}).get(file, Counter()) if seen else Counter()
            else:  # no checked file (RK106): against the previous run's findings there
                base = Counter() if file in before_files else before.get(file, Counter())
            out.new += sum((current - base).values())
            out.fixed += sum((base - current).values())
        for file, fps in before.items():
            if file in before_files and file not in now_files:
                out.missing += sum(fps.values())
            elif file not in before_files and file not in now_files and file not in now:
                out.fixed += sum(fps.values())  # e.g. an RK106 whose report was handed in
        out.missing_files = sorted(gone)
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
        """The texts of ``ids`` (inside ``_reading``: an id without a text is damage)."""
        wanted = sorted(set(ids))
        found: dict[int, str] = {}
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ", ".join("?" for _ in part)
            for i, text in self.db.execute(
                f"SELECT id, text FROM texts WHERE id IN ({marks})", part
            ):
                found[_int(i)] = _text(text)
        missing = [i for i in wanted if i not in found]
        if missing:
            raise _Bad(f"text {missing[0]} saknas")
        return [found[i] for i in wanted]

    def _select(self, sql: str, run_ids: Iterable[int]) -> list[Any]:
        ids = [int(i) for i in run_ids]
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        return list(self.db.execute(sql.replace("{ids}", marks), ids))
