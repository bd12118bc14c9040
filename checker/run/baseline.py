"""Baseline: record today's findings so that later runs fail only on new ones.

A finding's fingerprint is its code, its file and where it is by name (the
human label, which names goals and rows by title rather than by list
index), plus its message: it survives line shifts and unrelated edits, and
changes when the finding itself changes. Identical fingerprints are counted,
so a second copy of the same problem is still new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from checker import __version__
from checker.findings import Finding, Msg, identity
from checker.outputs.base import TextSpool
from checker.read.safeio import InputError, os_error, read_limited
from checker.run.output import write_atomically

FORMAT = 1
MAX_COUNT = 10**9


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names what is wrong."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.sv)
        self.message = message


class BaselineMissing(BaselineError):
    """The baseline file does not exist (yet): ``missing_message`` says how to create it."""


def missing_message(path: str, paths: Sequence[str]) -> Msg:
    """The message for a baseline that does not exist, with the command that makes it."""
    import shlex  # here: only a missing baseline asks

    checked = " ".join(shlex.quote(p) for p in paths) or "."
    command = f"rapportkoll check {checked} --baseline {shlex.quote(path)} --write-baseline"
    return Msg(
        f"baslinjen {path} finns inte. Skapa den med dagens anmärkningar: {command}",
        f"the baseline {path} does not exist. Create it from today's findings: {command}",
    )


def fingerprint(f: Finding, root: Path | None = None) -> str:
    """The finding's identity (``findings.identity``), its file relative to ``root``."""
    return identity(f, str(root) if root is not None else None)


def write(path: str | Path, findings: list[Finding]) -> int:
    """Write the baseline of ``findings`` (atomically); how many findings it holds."""
    writer = Writer(path)
    writer.handle_file(str(path), findings)
    return writer.close()


def _no_constant(name: str) -> float:  # Infinity, -Infinity, NaN
    raise ValueError(f"{name} är inget tal i en baslinje")


def load(path: str | Path) -> Counter[str]:
    """The fingerprints of a baseline file, counted; ``BaselineError`` for anything wrong."""
    try:
        raw = read_limited(path, "baseline")
    except InputError as exc:
        raise BaselineError(exc.message) from None
    except FileNotFoundError:
        raise BaselineMissing(Msg("filen finns inte", "the file does not exist")) from None
    except OSError as exc:
        raise BaselineError(os_error(exc)) from None
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BaselineError(Msg("filen är inte UTF-8", "the file is not UTF-8")) from None
    except RecursionError:
        raise BaselineError(
            Msg(
                "filen är för djupt nästlad för att vara en baslinje",
                "the file is nested too deeply to be a baseline",
            )
        ) from None
    except ValueError as exc:
        raise BaselineError(Msg(f"ingen giltig JSON ({exc})", f"not valid JSON ({exc})")) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BaselineError(
            Msg(
                f'ingen rapportkoll-baslinje ("format": {FORMAT} saknas)',
                f'not a rapportkoll baseline ("format": {FORMAT} is missing)',
            )
        )
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(
            Msg('"findings" saknas eller är ingen lista', '"findings" is missing or not a list')
        )
    counts: Counter[str] = Counter()
    for i, e in enumerate(entries):
        where = f"findings[{i}]"
        if not isinstance(e, dict):
            raise BaselineError(Msg(f"{where} är inget objekt", f"{where} is not an object"))
        fp = e.get("fingerprint")
        if not isinstance(fp, str) or not fp:
            raise BaselineError(
                Msg(
                    f'{where}: "fingerprint" saknas eller är ingen text',
                    f'{where}: "fingerprint" is missing or not a text',
                )
            )
        count = e.get("count", 1)
        if type(count) is not int or not 1 <= count <= MAX_COUNT:
            raise BaselineError(
                Msg(
                    f'{where}: "count" ska vara ett heltal från 1 till {MAX_COUNT}, inte {count!r:.40}',
                    f'{where}: "count" must be a whole number from 1 to {MAX_COUNT}, not {count!r:.40}',
                )
            )
        counts[fp] += count
    return counts


class Filter:
    """The findings not in the baseline: called once per file, in the run's order."""

    def __init__(self, known: Counter[str], baseline_path: str | Path) -> None:
        self.root = Path(baseline_path).parent
        self.remaining = Counter(known)
        self.hidden = 0

    def __call__(self, findings: list[Finding]) -> list[Finding]:
        out: list[Finding] = []
        for f in findings:
            fp = fingerprint(f, self.root)
            if self.remaining[fp] > 0:
                self.remaining[fp] -= 1
            else:
                out.append(f)
        self.hidden += len(findings) - len(out)
        return out


class Writer:
    """Writes the baseline as a run streams: fingerprints counted, each new one's entry spooled."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.root = Path(path).parent
        self.counts: Counter[str] = Counter()  # in the order first seen
        self.total = 0
        self.entries = TextSpool()

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        for f in findings:
            fp = fingerprint(f, self.root)
            self.total += 1
            if fp not in self.counts:
                entry = [fp, f.code, f.file, f.label.sv, f.message.sv]
                self.entries.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.counts[fp] += 1

    def close(self) -> int:
        """Write the baseline (atomically); how many findings it holds."""
        self.entries.file.seek(0)
        rows = []
        for line in self.entries.file:
            fp, code, file, where, message = json.loads(line)
            rows.append(
                {
                    "fingerprint": fp,
                    "count": self.counts[fp],
                    "code": code,
                    "file": file,
                    "where": where,
                    "message": message,
                }
            )
        self.entries.file.close()
        data = {"format": FORMAT, "tool": f"rapportkoll {__version__}", "findings": rows}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        write_atomically(self.path, text.encode("utf-8", "surrogateescape"))
        return self.total
