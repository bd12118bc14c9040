"""What a rule is: a code, a name, a severity, messages and documentation.

A rule is a small unit, as in ruff: ``@rule(...)`` turns a checking
function into a ``Rule``. A report rule receives one ``ReportContext``; a
run rule receives every report of the run. Both yield ``Violation``s, which
the engine turns into located findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .findings import Msg, Severity

if TYPE_CHECKING:
    from .context import ReportContext

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Doc:
    """A rule's documentation: what, why, and a failing and a passing example."""

    what: Msg
    why: Msg
    failing: str
    passing: str
    decisions: Msg | None = None


@dataclass
class RunReport:
    """What a run rule sees of one report: its header and what its extract kept.

    Run rules see every report of a run, so they get small extracts rather
    than whole documents: that keeps parallel runs, the cache and memory
    cheap however many reports there are. ``places`` locates the paths an
    extract marked (JSON pointer → line, column, Swedish and English label).
    """

    file: str
    type: str | None
    year: int | None
    unit: str | None
    extracts: dict[str, Any] = field(default_factory=dict)
    places: dict[str, tuple[int, int, str, str]] = field(default_factory=dict)


@dataclass
class Violation:
    """A rule's verdict on one place in one report."""

    code: str
    path: Path
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    report: RunReport | None = None  # set by run rules: the report concerned


ReportCheck = Callable[["ReportContext"], Iterable[Violation]]
RunCheck = Callable[[list[RunReport]], Iterable[Violation]]
Extract = Callable[["ReportContext"], Any]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    message: Msg
    doc: Doc
    suggestion: Msg | None = None
    check: ReportCheck | None = None
    check_run: RunCheck | None = None
    # For a run rule: what to keep of each report (JSON-able), computed when it is read.
    extract: Extract | None = None
    # Reader rules (RK104, RK105) are emitted while reading, not by a check.
    reader: bool = False

    @property
    def family(self) -> str:
        return self.code[:3]

    def at(self, path: Path, severity: Severity | None = None, **params: Any) -> Violation:
        return Violation(self.code, path, params, severity)


def rule(
    code: str,
    name: str,
    severity: Severity,
    message: Msg,
    doc: Doc,
    suggestion: Msg | None = None,
    extract: Extract | None = None,
) -> Callable[[Callable[..., Iterable[Violation]]], Rule]:
    """Declare a rule; the decorated function is its check.

    With ``extract`` it is a run rule: ``extract(ctx)`` keeps what it needs of
    each report, and the function receives every report's ``RunReport``.
    """

    def wrap(fn: Callable[..., Iterable[Violation]]) -> Rule:
        run = extract is not None
        return Rule(
            code,
            name,
            severity,
            message,
            doc,
            suggestion,
            check=None if run else fn,
            check_run=fn if run else None,
            extract=extract,
        )

    return wrap
