"""What the language server says about a text: findings with ranges and certain fixes.

Plain Python, no LSP library: the text in memory is read with ``read_text``
and checked with ``Engine.check_document`` (never the file on disk); ranges are
0-based (line, code point) pairs that the LSP layer converts to the client's
units. A finding's fix is its own (``Finding.fix``, made by the rules and
``checker.engine.edits``): the same edits as ``check --fix``, in the same
(normalised) text, so there is one copy of the fix logic.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.engine.config import Config
from checker.engine.core import Engine
from checker.engine.refdata import DataError
from checker.engine.settings import Settings, build
from checker.findings import Edit, Finding, Fix, Msg, Severity
from checker.read.loader import Limits, Problem, read_text
from checker.run.pipeline import collect, given

try:  # libyaml is much faster; fall back to the pure-Python parser.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

Pos = tuple[int, int]  # 0-based line, 0-based code point
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")  # read as spaces, as the reader does


@dataclass(frozen=True)
class Item:
    finding: Finding
    start: Pos
    end: Pos

    @property
    def fix(self) -> Fix | None:
        """The finding's own fix (``checker.engine.edits``): the same edits ``check --fix`` makes."""
        return self.finding.fix


def edit_range(edit: Edit) -> tuple[Pos, Pos]:
    """An edit's span as 0-based (line, code point) pairs, as the items' ranges are."""
    return (edit.line - 1, edit.column - 1), (edit.end_line - 1, edit.end_column - 1)


@dataclass
class Analysis:
    items: list[Item] = field(default_factory=list)
    config_error: str | None = None


def normalise(text: str) -> str:
    """The text as the reader sees it: LSP's line ends (\\n, \\r\\n, \\r) as \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ODD_BREAKS.sub(" ", text)


class Checker:
    """Checks texts; keeps one engine per configuration file (and its modification)."""

    def __init__(self) -> None:
        self._engines: dict[tuple[str | None, int], tuple[Engine, Config]] = {}

    def engine_for(self, path: str | None) -> tuple[Engine, Config, str | None]:
        error = None
        try:
            settings, config = build([path] if path else [], no_config=path is None)
        except DataError as exc:
            error = str(exc)
            settings, config = Settings(), Config()
        key = (config.source, _mtime(config.source))
        if key not in self._engines:
            if len(self._engines) > 16:
                self._engines.clear()
            self._engines[key] = (Engine(settings), config)
        engine, config = self._engines[key]
        return engine, config, error

    def analyse(self, text: str, path: str | None, display: str) -> Analysis:
        engine, _, error = self.engine_for(path)
        limits = engine.settings.limits
        text = normalise(text)
        if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
            doc = read_text("", display, limits)
            doc.problems = [_too_large(limits)]
        else:
            doc = read_text(text, display, limits)
        outcome = engine.check_document(doc)
        result = collect(engine, given([outcome]))
        lines = text.split("\n")
        spans = _spans(text) if result.findings and doc.readable else {}
        items = [_item(f, lines, spans) for f in result.findings]
        return Analysis(items, error)


def _mtime(path: str | None) -> int:
    try:
        return os.stat(path).st_mtime_ns if path else 0
    except OSError:
        return 0


def _too_large(limits: Limits) -> Problem:
    mib = limits.max_bytes // (1024 * 1024)
    return Problem(
        "RK105",
        Msg(
            f"Texten är större än {mib} MiB, långt mer än en rapport.",
            f"The text is larger than {mib} MiB, far more than a report.",
        ),
        1,
        1,
    )


# -- where things stand -------------------------------------------------------
Span = tuple[yaml.Node | None, yaml.Node]  # (key node or None, value node)


def _spans(text: str) -> dict[tuple[str | int, ...], Span]:
    """Every value's node (and its key's node) by document path; empty if unreadable."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    out: dict[tuple[str | int, ...], Span] = {}
    if root is None:
        return out
    stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), root)]
    out[()] = (None, root)
    seen = 0
    while stack:
        path, node = stack.pop()
        seen += 1
        if seen > 200_000:  # the reader's limits were met, so this is a bound, not a case
            break
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                child = (*path, key.value)
                out[child] = (key, value)
                stack.append((child, value))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                child = (*path, i)
                out[child] = (None, value)
                stack.append((child, value))
    return out


def _pointer_path(pointer: str) -> tuple[str | int, ...]:
    if not pointer:
        return ()
    parts: list[str | int] = []
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return tuple(parts)


def _lookup(spans: dict[tuple[str | int, ...], Span], path: tuple[str | int, ...]) -> Span | None:
    """The span of ``path``; a digit-only key is tried as text too ("3" in a mapping)."""
    span = spans.get(path)
    if span is None:
        as_text = tuple(str(p) for p in path)
        span = spans.get(as_text)
    return span


def _mark(m: Any) -> Pos:
    return (int(m.line), int(m.column))


def _line_end(lines: list[str], line: int) -> int:
    return len(lines[line].rstrip()) if 0 <= line < len(lines) else 0


def _item(f: Finding, lines: list[str], spans: dict[tuple[str | int, ...], Span]) -> Item:
    start = (max(f.line - 1, 0), max(f.column - 1, 0))
    span = _lookup(spans, _pointer_path(f.path)) if spans else None
    end: Pos | None = None
    if span is not None:
        key, value = span
        first = key if key is not None else value
        if _mark(first.start_mark) == start:
            if isinstance(value, yaml.ScalarNode) and value.end_mark.line == start[0]:
                end = _mark(value.end_mark)
            elif key is not None:
                end = _mark(key.end_mark)
    if end is None or end <= start:
        line_end = _line_end(lines, start[0])
        end = (start[0], line_end) if line_end > start[1] else (start[0], start[1] + 1)
    return Item(f, start, end)


def lsp_severity(severity: Severity) -> int:
    """LSP's DiagnosticSeverity: 1 error, 2 warning, 3 information."""
    return {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}[severity]


def file_path(uri: str) -> str | None:
    """The local path of a ``file:`` URI, or None for an unsaved or remote document."""
    if not uri.startswith("file:"):
        return None
    from urllib.parse import unquote, urlparse

    parsed = urlparse(uri)
    if parsed.netloc not in ("", "localhost"):
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and re.match(r"^/[A-Za-z]:", path):  # pragma: no cover
        path = path[1:]
    return str(Path(path))
