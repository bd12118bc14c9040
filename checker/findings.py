"""The findings model: plain data, rendered by separate formatters."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from checker.paths import path_below
from checker.record import Frozen

# The checker's own fault (a rule, a plugin or the reader failed): never the report's.
INTERNAL_ERROR_CODE = "RK000"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def label(self, lang: str) -> str:
        return _LABELS[lang][self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_LABELS = {
    "sv": {Severity.INFO: "info", Severity.WARNING: "varning", Severity.ERROR: "fel"},
    "en": {Severity.INFO: "info", Severity.WARNING: "warning", Severity.ERROR: "error"},
}


class Msg(Frozen):
    """A user-facing text in Swedish and English."""

    __slots__ = ("en", "sv")
    _fields = ("sv", "en")
    sv: str
    en: str

    def __init__(self, sv: str, en: str) -> None:
        object.__setattr__(self, "sv", sv)
        object.__setattr__(self, "en", en)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv

    def format(self, **params: Any) -> Msg:
        return self.format_map(params)

    def format_map(self, params: dict[str, Any]) -> Msg:
        """``format`` of a dict at hand: once per finding, its parameters not unpacked twice."""
        return Msg(self.sv.format_map(params), self.en.format_map(params))

    def __reduce__(self) -> tuple[type[Msg], tuple[str, str]]:
        # spelled out (no loop over the fields): every outcome crosses a process or a
        # spool as a pickle
        return Msg, (self.sv, self.en)


_NO_LABEL = Msg("", "")  # a finding without a label (frozen: one for all)


class Applicability(StrEnum):
    """Whether ``--fix`` applies a fix by itself (safe) or only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(Frozen):
    """One replacement in a file: offsets in bytes and in characters (code points) of the
    file as stored, the same span as 1-based line and column (end exclusive), and the new
    text."""

    __slots__ = (
        "column",
        "end_byte",
        "end_char",
        "end_column",
        "end_line",
        "line",
        "start_byte",
        "start_char",
        "text",
    )
    _fields = (
        "start_byte",
        "end_byte",
        "start_char",
        "end_char",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
    )
    start_byte: int
    end_byte: int
    start_char: int
    end_char: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    def __init__(
        self,
        start_byte: int,
        end_byte: int,
        start_char: int,
        end_char: int,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        text: str,
    ) -> None:
        self._put(
            start_byte, end_byte, start_char, end_char, line, column, end_line, end_column, text
        )


class Fix(Frozen):
    """A finding's fix: what it does, whether it is safe, and the edits that make it."""

    __slots__ = ("applicability", "edits", "title")
    _fields = ("title", "applicability", "edits")
    title: Msg
    applicability: Applicability
    edits: tuple[Edit, ...]

    def __init__(self, title: Msg, applicability: Applicability, edits: tuple[Edit, ...]) -> None:
        self._put(title, applicability, edits)

    def __reduce__(self) -> tuple[type[Fix], tuple[Any, ...]]:
        return Fix, (self.title, self.applicability, self.edits)

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE


class Related(Frozen):
    """A further place of the same defect: SARIF's ``relatedLocations``, and an indented
    line under the finding in text ("the indicators that missed their targets")."""

    __slots__ = ("column", "line", "message", "path")
    _fields = ("message", "line", "column", "path")
    message: Msg
    line: int
    column: int
    path: str

    def __init__(self, message: Msg, line: int, column: int, path: str = "") -> None:
        self._put(message, line, column, path)

    def __reduce__(self) -> tuple[type[Related], tuple[Any, ...]]:
        return Related, (self.message, self.line, self.column, self.path)


class Finding(Frozen):
    """One finding: what is wrong, where, and what to do about it."""

    __slots__ = (
        "code",
        "column",
        "file",
        "fix",
        "label",
        "line",
        "message",
        "name",
        "path",
        "related",
        "severity",
        "suggestion",
    )
    _fields = (
        "code",
        "name",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "path",
        "label",
        "suggestion",
        "fix",
        "related",
    )
    code: str
    name: str
    severity: Severity
    message: Msg
    file: str
    line: int
    column: int
    path: str
    label: Msg
    suggestion: Msg | None
    fix: Fix | None
    related: tuple[Related, ...]

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        message: Msg,
        file: str,
        line: int,
        column: int,
        path: str = "",
        label: Msg | None = None,
        suggestion: Msg | None = None,
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
    ) -> None:
        # Field by field rather than through ``_put``'s loop: a run makes, pickles and
        # unpickles every finding (twice as fast, ≈ 1.5 µs a finding).
        put = object.__setattr__
        put(self, "code", code)
        put(self, "name", name)
        put(self, "severity", severity)
        put(self, "message", message)
        put(self, "file", file)
        put(self, "line", line)
        put(self, "column", column)
        put(self, "path", path)
        put(self, "label", _NO_LABEL if label is None else label)
        put(self, "suggestion", suggestion)
        put(self, "fix", fix)
        put(self, "related", related)

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        return Finding, (
            self.code,
            self.name,
            self.severity,
            self.message,
            self.file,
            self.line,
            self.column,
            self.path,
            self.label,
            self.suggestion,
            self.fix,
            self.related,
        )

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message.sv)

    @property
    def is_internal(self) -> bool:
        return self.code == INTERNAL_ERROR_CODE


def json_pointer(path: tuple[str | int, ...]) -> str:
    """RFC 6901 pointer of a document path, e.g. /inriktningsmål/0/titel."""
    out = ""
    for p in path:  # once per finding and place: a plain loop, escaping only when needed
        s = p if p.__class__ is str else str(p)
        if "~" in s or "/" in s:
            s = s.replace("~", "~0").replace("/", "~1")
        out += "/" + s
    return out


def identity(f: Finding, root: str | None = None, *, rel: str | None = None) -> str:
    """A finding's identity across runs: its code, file (relative to ``root``), place by name
    and message; not its line, so it survives line shifts and unrelated edits.

    The baseline, SARIF's partial fingerprints and the history all use it. ``rel``
    is ``path_below(f.file, root)`` when the caller has it (once per file, not per finding).
    """
    import hashlib  # here: a plain check computes no identity

    parts = (f.code, rel if rel is not None else path_below(f.file, root), f.label.sv, f.message.sv)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
