"""What a rule is: a code, a name, a severity, messages and documentation.

Every rule, built-in or from a third-party pack, is declared the same way,
as in yamllint and ruff: ``@rule(code=…, name=…, …)`` on the function that
checks one report, with its documentation and a failing and a passing YAML
example beside it. A run rule (``extract=``) receives every report of the
run instead. Checks yield ``Violation``s, which the engine locates, labels
and turns into findings.

This module is a leaf of the package (it imports only ``findings``, ``swedish`` and
``results``) because every layer declares rules: the reader its own
(RK104, RK105), the engine its own (RK000–RK002) and ``rules/`` the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pluggy

from checker.findings import INTERNAL_ERROR_CODE, Msg, Severity
from checker.lazyre import lazy_re
from checker.record import Frozen, Record
from checker.results import RunReport
from checker.swedish import format_number

if TYPE_CHECKING:
    from checker.engine.context import ReportContext

# A place in a document: the keys and list indexes from its root.
DocPath = tuple[str | int, ...]

PROJECT = "rapportkoll"
hookimpl = pluggy.HookimplMarker(PROJECT)


class _Example:
    """A field of ``Doc`` holding a YAML example as written (an indented block), read back
    dedented. Dedented when first read, not when the rule is declared: the built-in rules'
    examples cost every run ≈ 2 ms to dedent, and only ``rule``, the docs and the tests
    read them. A dataclass field whose default is a descriptor stores through it."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.raw, self.done = f"_{name}_raw", f"_{name}"

    def __get__(self, doc: object, owner: type | None = None) -> str:
        if doc is None:
            return ""  # the field's default, as dataclass reads it
        done: str | None = doc.__dict__.get(self.done)
        if done is None:
            import textwrap  # here: a check reads no example

            raw = doc.__dict__[self.raw]
            done = textwrap.dedent(raw).lstrip("\n") if raw else raw
            doc.__dict__[self.done] = done
        return done

    def __set__(self, doc: object, text: str) -> None:
        doc.__dict__[self.raw] = text


@dataclass(frozen=True)
class Doc:
    """A rule's documentation: what it checks, why, its decisions and two examples.

    ``failing`` and ``passing`` are whole YAML reports, written as indented
    blocks; they are read back dedented and run by the test suite.
    """

    what: Msg
    why: Msg
    failing: _Example = _Example()  # str: a YAML report
    passing: _Example = _Example()
    decisions: Msg | None = None
    fix: Msg | None = None  # what ``--fix`` does for this rule, and whether it is safe


class FixIntent(Frozen):
    """A fix by meaning: the new text of the value at ``path``, or (``key``) the new name
    of the key at ``path``. The engine turns it into byte edits of the file as written
    (``checker.engine.edits``), or drops it when the place cannot be edited safely."""

    __slots__ = ("key", "path", "text", "title", "unsafe")
    _fields = ("path", "text", "title", "key", "unsafe")
    path: DocPath
    text: str
    title: Msg
    key: bool
    unsafe: bool

    def __init__(
        self, path: DocPath, text: str, title: Msg, key: bool = False, unsafe: bool = False
    ) -> None:
        self._put(path, text, title, key, unsafe)


def set_value(path: DocPath, text: str, title: Msg, *, unsafe: bool = False) -> FixIntent:
    """Replace the value at ``path`` with ``text`` (quoted as the author quoted it)."""
    return FixIntent(path, text, title, unsafe=unsafe)


def rename_key(path: DocPath, name: str, title: Msg) -> FixIntent:
    """Rename the key at ``path`` to ``name``; its value stays as it is."""
    return FixIntent(path, name, title, key=True)


_NUMBER = lazy_re(r"(?<![\w,.])-?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?(?![\w,.])|-?\d+(?:,\d+)?")


def renumber(raw: object, value: float) -> str | None:
    """``raw`` with its one number replaced by ``value``, written as the author wrote numbers:
    a YAML number stays a number, "6 st" becomes "7 st", "29 196" keeps its space grouping.
    None when ``raw`` holds no single plain number (a sign after it, brackets, two numbers).
    """
    if isinstance(raw, bool):
        return None
    whole = round(value) if abs(value - round(value)) < 1e-9 else None
    if isinstance(raw, (int, float)):
        return str(whole) if whole is not None else None
    if not isinstance(raw, str) or "(" in raw or "\u2212" in raw:
        return None
    found = list(_NUMBER.finditer(raw))
    if len(found) != 1 or raw[found[0].end() :].strip().startswith("-"):
        return None
    old = found[0].group()
    new = format_number(value)
    if not any(c in old for c in " \u00a0"):
        new = new.replace(" ", "")
    elif "\u00a0" in old:
        new = new.replace(" ", "\u00a0")
    return raw[: found[0].start()] + new + raw[found[0].end() :]


class Violation(Record):
    """A rule's verdict on one place in one report."""

    _fields = ("code", "path", "params", "severity", "report", "fix", "related")

    def __init__(
        self,
        code: str,
        path: DocPath,
        params: dict[str, Any] | None = None,
        severity: Severity | None = None,
        report: RunReport | None = None,
        fix: FixIntent | None = None,
        related: list[tuple[DocPath, Msg]] | None = None,
    ) -> None:
        self.code = code
        self.path = path
        self.params: dict[str, Any] = {} if params is None else params
        self.severity = severity
        self.report = report  # set by run rules: the report concerned
        self.fix = fix
        # Further places of the same defect, each with what it shows there (one finding
        # for one defect: the indicators that missed their targets under one goal).
        self.related: list[tuple[DocPath, Msg]] = [] if related is None else related


ReportCheck = Callable[["ReportContext"], Iterable[Violation]]
RunCheck = Callable[[Sequence[RunReport]], Iterable[Violation]]
Extract = Callable[["ReportContext"], Any]


# Each rule's Swedish name by its English one (which findings carry): Swedish output
# shows it. Filled as rules are declared; a rule without one shows its English name.
_SWEDISH_NAMES: dict[str, str] = {}


# What each rule says of the things it could not check, "{n} …", by rule code.
_UNVERIFIED: dict[str, Msg] = {}


def unverified_lines(counts: dict[str, int], lang: str) -> list[str]:
    """The run's "1 KF-mål kunde inte kontrolleras mot katalogen." lines, by rule code."""
    return [
        _UNVERIFIED[code].get(lang).format(n=format_number(n, 0)) + "."
        for code, n in sorted(counts.items())
        if n and code in _UNVERIFIED
    ]


def display_name(name: str, lang: str) -> str:
    """A rule's name as the output language has it: the Swedish name in Swedish output."""
    return name if lang == "en" else _SWEDISH_NAMES.get(name, name)


class Rule(Frozen):
    """A declared rule: code, names, default severity, messages, documentation, checks."""

    _fields = (
        "code",
        "name",
        "severity",
        "message",
        "doc",
        "suggestion",
        "check",
        "check_run",
        "extract",
        "name_sv",
    )
    code: str
    name: str
    severity: Severity
    message: Msg
    doc: Doc
    suggestion: Msg | None
    check: ReportCheck | None
    check_run: RunCheck | None
    # For a run rule: what to keep of each report (JSON-able), computed when it is read.
    extract: Extract | None
    # The Swedish name (kebab-case like ``name``); the English name is the public interface.
    name_sv: str

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        message: Msg,
        doc: Doc,
        suggestion: Msg | None = None,
        check: ReportCheck | None = None,
        check_run: RunCheck | None = None,
        extract: Extract | None = None,
        name_sv: str = "",
    ) -> None:
        self._put(
            code, name, severity, message, doc, suggestion, check, check_run, extract, name_sv
        )

    @property
    def family(self) -> str:
        return self.code[:3]

    def title(self, lang: str) -> str:
        """The name in the output language: Swedish, unless English is asked for."""
        return self.name if lang == "en" or not self.name_sv else self.name_sv

    def at(
        self,
        path: DocPath,
        severity: Severity | None = None,
        *,
        fix: FixIntent | None = None,
        related: list[tuple[DocPath, Msg]] | None = None,
        **params: Any,
    ) -> Violation:
        return Violation(self.code, path, params, severity, fix=fix, related=related or [])


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    message: Msg,
    doc: Doc,
    suggestion: Msg | None = None,
    extract: Extract | None = None,
    name_sv: str = "",
    unverified: Msg | None = None,
) -> Callable[[Callable[..., Iterable[Violation]]], Rule]:
    """Declare a rule; the decorated function is its check.

    With ``extract`` it is a run rule: ``extract(ctx)`` keeps what it needs of
    each report, and the function receives every report's ``RunReport``. A
    rule that another step emits (the reader's RK104/RK105, the engine's
    RK000–RK002) decorates a function that yields nothing and says where.
    """

    def wrap(fn: Callable[..., Iterable[Violation]]) -> Rule:
        run = extract is not None
        if name_sv:
            _SWEDISH_NAMES.setdefault(name, name_sv)
        if unverified is not None:  # "{n} KF-mål kunde inte kontrolleras mot katalogen"
            _UNVERIFIED.setdefault(code, unverified)
        return Rule(
            code=code,
            name=name,
            severity=severity,
            message=message,
            doc=doc,
            suggestion=suggestion,
            check=None if run else fn,
            check_run=fn if run else None,
            extract=extract,
            name_sv=name_sv,
        )

    return wrap


def emitted() -> Iterable[Violation]:
    """The check of a rule that another step emits: it finds nothing itself."""
    return ()


@rule(
    code=INTERNAL_ERROR_CODE,
    name="internal-error",
    name_sv="internt-fel",
    severity=Severity.ERROR,
    message=Msg(
        sv="Kontrollen kunde inte köras klart: {detail}",
        en="The check could not be completed: {detail}",
    ),
    doc=Doc(
        what=Msg(
            sv="Ett fel i en regel eller ett tillägg, inte i rapporten.",
            en="A fault in a rule or plugin, not in the report.",
        ),
        why=Msg(
            sv="Rapporten är inte fullständigt kontrollerad; övriga regler har körts.",
            en="The report is not fully checked; all other rules have run.",
        ),
    ),
)
def internal_error(ctx: object) -> Iterable[Violation]:
    """Emitted by the engine (``checker.engine.core``) when a rule, a plugin or the reader itself fails."""
    return emitted()


INTERNAL = internal_error


def rules_in(module_name: str) -> list[Rule]:
    """Every rule a module declares, in code order: a family's list, collected."""
    found = {v.code: v for v in vars(sys.modules[module_name]).values() if isinstance(v, Rule)}
    return [found[c] for c in sorted(found)]


def family(module_name: str) -> Callable[[], list[Rule]]:
    """The ``rapportkoll_rules`` hook of a rule module: ``rapportkoll_rules = family(__name__)``."""

    @hookimpl(specname="rapportkoll_rules")
    def rapportkoll_rules() -> list[Rule]:
        return rules_in(module_name)

    return rapportkoll_rules
