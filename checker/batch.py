"""Checking many files: in parallel across cores, and from a content-hash cache.

Workers are forked from the process that already loaded the engine, so the
plugins and reference data are not loaded again. The cache stores each
file's outcome under a hash of its bytes, its name and the engine's
fingerprint (version, plugins, rules, reference data, settings): a change to
any of them means the file is checked again.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import multiprocessing
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Finding, Msg, Severity
from .rule import RunReport
from .suppress import Suppression

if TYPE_CHECKING:
    from .engine import Engine, FileOutcome, Progress

CACHE_FORMAT = 1


class Cache:
    """One JSON file per (file content, file name, engine fingerprint)."""

    def __init__(self, folder: str | os.PathLike[str], engine_fingerprint: str) -> None:
        self.folder = Path(folder)
        self.salt = f"{CACHE_FORMAT}:{engine_fingerprint}"

    def key(self, path: str, display: str) -> str | None:
        try:
            content = Path(path).read_bytes()
        except OSError:
            return None
        h = hashlib.sha256(self.salt.encode())
        h.update(display.encode())
        h.update(b"\0")
        h.update(content)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileOutcome | None:
        from .engine import FileOutcome

        try:
            raw = json.loads(self._path(key).read_text(encoding="utf-8"))
            run = raw["run"]
            if run is not None:
                run["places"] = {k: tuple(v) for k, v in run["places"].items()}
                run = RunReport(**run)
            return FileOutcome(
                raw["file"],
                [_finding(f) for f in raw["findings"]],
                [Suppression(**s) for s in raw["suppressions"]],
                run,
                cached=True,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a missing or damaged entry is simply a miss

    def put(self, key: str, outcome: FileOutcome) -> None:
        entry = {
            "file": outcome.file,
            "findings": [asdict(f) for f in outcome.findings],
            "suppressions": [asdict(s) for s in outcome.suppressions],
            "run": None if outcome.run is None else asdict(outcome.run),
        }
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        tmp.replace(target)


def _finding(d: dict[str, Any]) -> Finding:
    def msg(m: Any) -> Msg | None:
        return None if m is None else Msg(m["sv"], m["en"])

    return Finding(
        d["code"],
        d["name"],
        Severity(d["severity"]),
        Msg(**d["message"]),
        d["file"],
        d["line"],
        d["column"],
        d["path"],
        msg(d["label"]) or Msg("", ""),
        msg(d["suggestion"]),
    )


_WORKER: Engine | None = None


def _work(item: tuple[str, str]) -> FileOutcome:
    assert _WORKER is not None
    return _check(_WORKER, item)


def _check(engine: Engine, item: tuple[str, str]) -> FileOutcome:
    from .engine import FileOutcome

    path, display = item
    try:
        return engine.check_file(path, display)
    except Exception as exc:  # a fault outside any one rule: isolate it to this file
        return FileOutcome(
            display, [engine._internal(display, 1, 1, f"{type(exc).__name__}: {exc}")]
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
    cache: Cache | None = None,
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


class SafeCache(Cache):
    """The batch cache, made safe for unattended runs.

    Any damaged entry is a miss (not only the damage ``Cache.get`` expects);
    a failed write is counted and reported once at the end, not raised; outcomes
    with an internal error, or of a file that changed while it was being
    checked, are not stored. Records which files were served from it.
    """

    def __init__(self, folder: str | os.PathLike[str], salt: str) -> None:
        super().__init__(folder, salt)
        self.hits: set[str] = set()
        self.write_error: str | None = None  # the first one
        self.write_errors = 0

    def get(self, key: str) -> FileOutcome | None:
        try:
            outcome = super().get(key)
        except Exception:
            return None
        if outcome is None or not _sane(outcome):
            return None
        self.hits.add(outcome.file)
        return outcome

    def put(self, key: str, outcome: FileOutcome) -> None:
        if any(f.code == "RK000" for f in outcome.findings):
            return
        if self.key(outcome.file, outcome.file) != key:
            return  # changed or gone while being checked: its outcome is not for this key
        try:
            super().put(key, outcome)
        except OSError as exc:
            self.write_errors += 1
            self.write_error = self.write_error or exc.strerror or str(exc)
            with contextlib.suppress(OSError):
                self._path(key).with_suffix(f".{os.getpid()}.tmp").unlink()


def _sane(outcome: FileOutcome) -> bool:
    """A cached outcome has the types the engine relies on (an entry may be tampered)."""
    try:
        for f in outcome.findings:
            if not (
                isinstance(f.code, str)
                and isinstance(f.file, str)
                and isinstance(f.name, str)
                and type(f.line) is int
                and type(f.column) is int
                and isinstance(f.path, str)
                and isinstance(f.message.sv, str)
                and isinstance(f.message.en, str)
                and isinstance(f.label.sv, str)
                and isinstance(f.label.en, str)
            ):
                return False
        for sup in outcome.suppressions:
            if not (
                type(sup.line) is int
                and type(sup.column) is int
                and isinstance(sup.reason, str)
                and isinstance(sup.codes, list)
                and all(isinstance(c, str) for c in sup.codes)
            ):
                return False
        run = outcome.run
        if run is not None:
            if not (
                isinstance(run.file, str)
                and isinstance(run.extracts, dict)
                and (run.unit is None or isinstance(run.unit, str))
            ):
                return False
            for place in run.places.values():
                line, col, sv, en = place
                if not (
                    type(line) is int
                    and type(col) is int
                    and isinstance(sv, str)
                    and isinstance(en, str)
                ):
                    return False
        return isinstance(outcome.file, str)
    except (TypeError, ValueError, AttributeError):
        return False


# Modules that only present or store findings: editing them cannot change an outcome.
_PRESENTATION = {
    "checker/cli.py",
    "checker/nightly.py",
    "checker/history.py",
    "checker/dashboard.py",
}


def source_digest() -> str:
    """A digest of the Python source that produces findings (checker and built-in rules)."""
    h = hashlib.sha256()
    for package in ("checker", "rules"):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        if not module.__file__:
            continue
        folder = Path(module.__file__).parent
        for source in sorted(folder.rglob("*.py")):
            name = f"{package}/{source.relative_to(folder).as_posix()}"
            if name in _PRESENTATION or name.startswith("checker/formatters/"):
                continue
            h.update(name.encode())
            h.update(b"\0")
            h.update(source.read_bytes())
    return h.hexdigest()
