"""Inline suppressions: ``# rapportkoll: ignore[RK301] too few respondents``.

A suppression is a YAML comment on the line of the finding. It names one or
more codes or families (``RK3``) and must give a reason. A suppression
without a reason or with an unknown code is reported (RK001); one that
suppresses nothing is reported too (RK002), so they do not linger.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from checker.findings import INTERNAL_ERROR_CODE, Finding, Msg, Severity
from checker.lazyre import lazy_re
from checker.read.rules import unreadable
from checker.results import Suppression
from checker.rule import Doc, Rule, Violation, emitted, rule
from checker.swedish import ascii_lowered

_PATTERN = lazy_re(
    r"(?:^|\s)#\s*rapportkoll\s*:\s*(?P<verb>[\w-]+)\s*(?:\[(?P<codes>[^\]]*)\])?\s*(?P<reason>.*)$",
    re.IGNORECASE,
)
# A built-in code, or a rule file's (its own letters and digits: HÄ101).
_CODE = lazy_re(r"^(?:RK\d{1,3}|(?!RK)[A-ZÅÄÖ]{1,6}\d{1,4})$")


@rule(
    code="RK001",
    name="invalid-suppression",
    name_sv="ogiltig-undantagskommentar",
    severity=Severity.ERROR,
    message=Msg(sv="{detail_sv}", en="{detail_en}"),
    doc=Doc(
        what=Msg(
            sv="Att en undantagskommentar (# rapportkoll: ignore[KOD] skäl) har en giltig"
            " kod och ett skäl.",
            en="That a suppression comment (# rapportkoll: ignore[CODE] reason) has a valid"
            " code and a reason.",
        ),
        why=Msg(
            sv="Ett undantag utan skäl går inte att granska; kvalitetsutvecklaren ska kunna"
            " se varför en anmärkning tystats.",
            en="A suppression without a reason cannot be reviewed; quality staff must be able"
            " to see why a finding was silenced.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: E}  # rapportkoll: ignore[RK103]
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: E}  # rapportkoll: ignore[RK103] Dnr tilldelas av registrator
            """,
    ),
)
def invalid_suppression(ctx: object) -> Iterable[Violation]:
    """Emitted while the suppression comments are read (``parse``, ``apply``)."""
    return emitted()


@rule(
    code="RK002",
    name="unused-suppression",
    name_sv="oanvänd-undantagskommentar",
    severity=Severity.WARNING,
    message=Msg(
        sv="Undantaget för {codes} tystar ingen anmärkning på den här raden. Ta bort kommentaren.",
        en="The suppression for {codes} silences no finding on this line. Remove the comment.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att varje undantagskommentar faktiskt tystar en anmärkning.",
            en="That every suppression comment actually silences a finding.",
        ),
        why=Msg(
            sv="Gamla undantag som inte längre behövs döljer framtida fel på samma rad.",
            en="Old suppressions that are no longer needed hide future errors on the same line.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: E, dnr: D, datum: 2024-01-01, handläggare: H}  # rapportkoll: ignore[RK103] saknas
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: E, datum: 2024-01-01, handläggare: H}  # rapportkoll: ignore[RK103] Dnr tilldelas av registrator
            """,
    ),
)
def unused_suppression(ctx: object) -> Iterable[Violation]:
    """Emitted by ``apply`` once the findings of a file are known."""
    return emitted()


INVALID, UNUSED = invalid_suppression, unused_suppression

RULES = [INVALID, UNUSED]
# A fault, a broken suppression or an unreadable file cannot be silenced.
_UNSUPPRESSIBLE = {INTERNAL_ERROR_CODE, INVALID.code, unreadable.code}


Span = tuple[int, int, int, int]  # line, column, end line, end column (1-based, end exclusive)


def _comment(text: str, number: int, spans: list[Span]) -> tuple[re.Match[str], int] | None:
    """The suppression comment on line ``number`` and its column, skipping quoted text."""
    pos = 0
    while True:
        m = _PATTERN.search(text, pos)
        if m is None:
            return None
        col = m.start() + (1 if text[m.start()] == "#" else 2)  # the column of "#"
        inside = next(
            (s for s in spans if (s[0], s[1]) < (number, col) < (s[2], s[3])),
            None,
        )
        if inside is None:
            return m, col
        if inside[2] != number:
            return None  # the value goes on past this line
        pos = max(inside[3] - 1, col)  # look again after the value ends


def _may_hold_comment(lines: list[str]) -> bool:
    """Whether a line holds "rapportkoll" in any case: one test of the whole text, not a
    lower-casing of every line."""
    text = "\n".join(lines)
    low = ascii_lowered(text)
    return b"rapportkoll" in low if low is not None else "rapportkoll" in text.lower()


def parse(
    lines: Iterable[str], quoted: Iterable[Span] = ()
) -> tuple[list[Suppression], list[tuple[int, int, Msg]]]:
    """Suppressions in the text, and problems with malformed ones (line, col, message).

    Only a real YAML comment counts: "# rapportkoll: …" inside a value (``quoted``,
    the spans of such values from the reader) is text, not a suppression.
    """
    found: list[Suppression] = []
    problems: list[tuple[int, int, Msg]] = []
    lines = list(lines)
    if not _may_hold_comment(lines):
        return found, problems
    spans = list(quoted)
    for number, text in enumerate(lines, start=1):
        if "rapportkoll" not in text.lower():
            continue
        hit = _comment(text, number, [s for s in spans if s[0] <= number <= s[2]])
        if hit is None:
            continue
        m, col = hit
        codes = [c.strip().upper() for c in (m["codes"] or "").split(",") if c.strip()]
        reason = m["reason"].strip()
        if m["verb"].lower() != "ignore" or not codes:
            problems.append(
                (
                    number,
                    col,
                    Msg(
                        'Undantaget ska skrivas "# rapportkoll: ignore[KOD] skäl", t.ex.'
                        " ignore[RK301].",
                        'A suppression is written "# rapportkoll: ignore[CODE] reason", e.g.'
                        " ignore[RK301].",
                    ),
                )
            )
            continue
        bad = [c for c in codes if not _CODE.match(c)]
        if bad:
            problems.append(
                (
                    number,
                    col,
                    Msg(
                        f"Undantaget nämner en okänd kod: {', '.join(bad)}.",
                        f"The suppression names an unknown code: {', '.join(bad)}.",
                    ),
                )
            )
            continue
        if not reason:
            problems.append(
                (
                    number,
                    col,
                    Msg(
                        'Undantaget saknar skäl. Skriv varför, t.ex. "# rapportkoll: ignore[RK301]'
                        ' för få svarande".',
                        'The suppression has no reason. Say why, e.g. "# rapportkoll:'
                        ' ignore[RK301] too few respondents".',
                    ),
                )
            )
            continue
        found.append(Suppression(number, col, codes, reason))
    return found, problems


def apply(
    findings: list[Finding],
    suppressions: list[Suppression],
    file: str,
    known_codes: set[str],
    enabled: Callable[[str], bool] = lambda code: True,
) -> list[Finding]:
    """Drop suppressed findings; report unknown codes and unused suppressions.

    A suppression counts as unused only when the rules it names ran, so
    ``--select`` does not make every other suppression look stale.
    """
    by_line: dict[int, list[Suppression]] = {}
    for s in suppressions:
        by_line.setdefault(s.line, []).append(s)
    kept: list[Finding] = []
    for f in findings:
        hit = next((s for s in by_line.get(f.line, ()) if s.covers(f.code)), None)
        if hit is not None and f.code not in _UNSUPPRESSIBLE:
            hit.used = True
            continue
        kept.append(f)
    for s in suppressions:
        unknown = [c for c in s.codes if not any(k.startswith(c) for k in known_codes)]
        if unknown:
            kept.append(
                _finding(
                    INVALID,
                    file,
                    s,
                    INVALID.message.format(
                        detail_sv=f"Undantaget nämner en okänd kod: {', '.join(unknown)}.",
                        detail_en=f"The suppression names an unknown code: {', '.join(unknown)}.",
                    ),
                )
            )
        elif not s.used and all(
            any(enabled(k) for k in known_codes if k.startswith(c)) for c in s.codes
        ):
            kept.append(_finding(UNUSED, file, s, UNUSED.message.format(codes=", ".join(s.codes))))
    return kept


def _finding(rule: Rule, file: str, s: Suppression, message: Msg) -> Finding:
    return Finding(rule.code, rule.name, rule.severity, message, file, s.line, s.column)
