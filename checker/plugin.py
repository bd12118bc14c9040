"""The public API for rule packs: everything a third-party rule needs, from one module.

A pack declares rules with ``@rule(...)`` and registers them with
``rapportkoll_rules = family(__name__)`` (or a ``@hookimpl`` of its own);
see the README's "Writing a rule pack" and ``checker.engine.hookspecs``.
"""

from __future__ import annotations

from checker.engine.context import ReportContext
from checker.engine.hookspecs import hookspec
from checker.findings import Msg, Severity
from checker.results import RunReport
from checker.rule import Doc, DocPath, Rule, Violation, family, hookimpl, rule

__all__ = [
    "Doc",
    "DocPath",
    "Msg",
    "ReportContext",
    "Rule",
    "RunReport",
    "Severity",
    "Violation",
    "family",
    "hookimpl",
    "hookspec",
    "rule",
]
