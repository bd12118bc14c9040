"""Which reports and goals carry the unit's assessment of its goals (RK2, RK5)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.plugin import GoalRef, ReportContext

ASSESSED_LEVELS = ("enhetsmål", "avdelningsmål")


def assessed(ctx: ReportContext) -> bool:
    """True for the reports that assess goals: VB, T1 and T2 (not the plan)."""
    return ctx.type in ("VB", "T1", "T2")


def assessed_goals(ctx: ReportContext) -> Iterator[GoalRef]:
    """The goals that carry the unit's assessment: enhetsmål and avdelningsmål."""
    return (g for g in ctx.goals() if g.level in ASSESSED_LEVELS)
