"""A compact way to write a rule's bilingual documentation."""

from __future__ import annotations

from checker.findings import Msg
from checker.rule import Doc


def doc(
    what_sv: str,
    what_en: str,
    why_sv: str,
    why_en: str,
    failing: str,
    passing: str,
    decisions_sv: str | None = None,
    decisions_en: str | None = None,
) -> Doc:
    """What it checks, why it matters, a failing and a passing example, and decisions."""
    decisions = Msg(decisions_sv, decisions_en or decisions_sv) if decisions_sv else None
    return Doc(Msg(what_sv, what_en), Msg(why_sv, why_en), failing, passing, decisions)
