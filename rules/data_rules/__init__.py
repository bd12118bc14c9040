"""Rules that quality staff write as data: rule files in YAML, loaded as a rule pack.

``rapportkoll.toml``'s ``rule-files = [...]`` and ``check --rule-file`` name
the files (or folders). ``load_pack`` reads them all, or raises
``RuleFileError`` (a ``DataError``: exit 2, nothing checked); the pack is a
pluggy plugin like any other, so each rule of a file is a rule of the engine
with the same findings, selection, suppressions, baseline and outputs. The
format: ``docs/regler.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.plugin import Rule, hookimpl
from rules.data_rules.fileformat import RuleFileError, RuleSet, load

__all__ = ["RuleFileError", "RulePack", "load_pack"]


class RulePack:
    """The rules of the rule files as a plugin (``rapportkoll_rules``)."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.__name__ = "regelfiler"  # the plugin's name in `rapportkoll rules --format json`
        self.ruleset = ruleset
        self.digest = ruleset.digest
        self.rules = ruleset.engine_rules()

    @hookimpl
    def rapportkoll_rules(self) -> list[Rule]:
        return self.rules


def load_pack(paths: Sequence[str]) -> RulePack:
    """The rule pack of ``paths`` (files or folders); ``RuleFileError`` when any is wrong."""
    return RulePack(load(paths))
