"""Hook specifications: how a plugin adds rules and checks to rapportkoll.

A plugin is a module (or object) with functions marked ``@hookimpl``. A
third-party rule pack is found through the ``rapportkoll`` entry-point group::

    [project.entry-points.rapportkoll]
    my_rules = "my_package.rules"

The built-in families in ``rules/`` implement the same hooks and are
registered in code (``checker.engine.plugins.DEFAULT_PLUGINS``).

Every hook implementation is called on its own: one that raises becomes an
internal-error finding (RK000) naming it, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from checker.engine.context import ReportContext
    from checker.results import RunReport
    from checker.rule import Rule, Violation

from checker.rule import PROJECT, hookimpl

hookspec = pluggy.HookspecMarker(PROJECT)

__all__ = ["PROJECT", "hookimpl", "hookspec"]


@hookspec
def rapportkoll_rules() -> Sequence[Rule]:
    """Return the rules this plugin provides.

    Each ``Rule`` carries its code, name, default severity, messages in
    Swedish and English, documentation, and the function that checks one
    report (``check``) or all reports of a run (``check_run``). The engine
    calls each rule on its own, honours the user's selection and severity
    overrides, and turns each ``Violation`` into a located finding.
    Codes must be unique across all plugins.
    """


@hookspec
def rapportkoll_data_dirs() -> Sequence[str]:
    """Return folders of reference data (YAML) this plugin contributes.

    Files in a later folder with the same name as an earlier one replace it,
    so a plugin can ship its own profiles or vocabularies.
    """


@hookspec
def rapportkoll_check_report(report: ReportContext) -> Iterable[Violation] | None:
    """Check one report; called once per readable report.

    For checks that are not naturally a single rule. Every ``Violation``
    must name a code that some plugin declared in ``rapportkoll_rules``.
    """


@hookspec
def rapportkoll_check_run(reports: Sequence[RunReport]) -> Iterable[Violation] | None:
    """Check all reports of one run together (e.g. one unit's T1, T2 and VB).

    Called once per run, after every report has been read, with each report's
    header (file, type, year, unit). Rules that need more of each report
    declare an ``extract`` (see ``checker.rule.rule``) and are preferred. A
    ``Violation`` must set ``report`` to the report it concerns.
    """
