"""Amounts of the income statement in tkr, and the net deviation's share of the budget:
what RK5 checks and what RK102 needs to leave an empty economy analysis to RK506.

A leaf of the rule modules (it imports none of them), so that any family can use it.
"""

from __future__ import annotations

from checker.plugin import IncomeStatement, ReportContext, norm_unit, parse_amount
from rules.refmodels import budget_chart


def amount(raw: object) -> float | None:
    """An amount in tkr ("-3 204", "29 196 tkr", "29.196", "3 204-", "(3 204)").

    None when blank or unreadable, or written in another unit (RK507 says which).
    """
    q = parse_amount(raw)
    if q is None or norm_unit(q.unit) not in ("", "tkr"):
        return None
    return q.value


def statement(ctx: ReportContext) -> IncomeStatement | None:
    return ctx.report.economy.income_statement if ctx.report.economy else None


def large_net_deviation(ctx: ReportContext) -> tuple[float, float] | None:
    """(net deviation, its share of the budget) when the share is beyond the threshold
    that asks for an explanation (``förklaringsgräns_andel`` in budget.yaml)."""
    st = statement(ctx)
    if st is None or st.net is None:
        return None
    dev, budget = amount(st.net.deviation), amount(st.net.budget)
    if dev is None or budget is None or budget == 0:
        return None
    share = abs(dev) / abs(budget)
    if share <= budget_chart(ctx).explain_share:
        return None
    return dev, share
