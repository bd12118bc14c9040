"""The content-hash cache of file outcomes, safe for unattended runs.

One JSON file per (file content, file name, engine fingerprint, checker
source): a change to any of them means the file is checked again. An entry
is data, not trust: anything damaged or of the wrong shape is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from checker.findings import Finding, Msg, Severity
from checker.results import FileOutcome, RunReport, Suppression

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
        if any(f.is_internal for f in outcome.findings):
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
    "checker/options.py",
    "checker/run/nightly.py",
    "checker/run/history.py",
    "checker/run/baseline.py",
    "checker/run/dashboard.py",
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
            if name in _PRESENTATION or name.startswith("checker/report/"):
                continue
            h.update(name.encode())
            h.update(b"\0")
            h.update(source.read_bytes())
    return h.hexdigest()
