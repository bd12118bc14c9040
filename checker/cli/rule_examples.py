"""``rapportkoll regler test FIL …``: every rule's examples, run as the engine runs them.

The failing example (``exempel: fel:``) must give at least one finding of its
rule and the passing one (``rätt:``) none; an example that is no readable
report, or a rule that stops on it (a pattern too slow), fails too. Exit code
0 when every example does what it says, 1 when one does not, 2 when a rule
file cannot be loaded (the loader's messages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import INTERNAL_ERROR_CODE, Finding, Severity
from checker.swedish import count
from rules.data_rules import RulePack
from rules.data_rules.fileformat import DataRule, load


@dataclass
class Outcome:
    rule: DataRule
    problems: list[str]


def _findings(
    engine: Engine, rule: DataRule, text: str, which: str
) -> tuple[list[Finding], str | None]:
    """The example's findings of ``rule``, or why the example cannot be used."""
    outcome = engine.check_bytes(text.encode("utf-8"), f"{rule.file}#{rule.code}-{which}")
    broken = [
        f for f in outcome.findings if f.code in ("RK104", "RK105") and f.severity == Severity.ERROR
    ]
    if broken:
        f = broken[0]
        return [], f"exemplet är ingen giltig rapport (rad {f.line} i exemplet: {f.message.sv})"
    faults = [f for f in outcome.findings if f.code == INTERNAL_ERROR_CODE]
    if faults:
        return [], faults[0].message.sv
    return [f for f in outcome.findings if f.code == rule.code], None


def _why_silent(engine: Engine, rule: DataRule, text: str) -> str:
    """A hint for a failing example that gave nothing: the type, the year, the place."""
    doc = engine.check_bytes(text.encode("utf-8"), "exempel")
    if doc.run is None:
        return ""
    if not rule.applies(doc.run.type, doc.run.year):
        return (
            f" Regeln gäller inte exemplets typ och år ({doc.run.type} {doc.run.year}); se gäller:."
        )
    return " Finns platsen i exemplet, och håller om: där?"


def run_examples(paths: Sequence[str]) -> list[Outcome]:
    """Run every example of every rule in ``paths``; ``RuleFileError`` when a file is wrong."""
    ruleset = load(paths)
    pack = RulePack(ruleset)
    engine = Engine(Settings(plugins=[pack]))
    out = []
    for rule in ruleset.rules:
        problems = []
        fail_line, pass_line = rule.example_lines
        found, broken = _findings(engine, rule, rule.doc.failing, "fel")
        where = f"{rule.file}:{fail_line}"
        if broken:
            problems.append(f"{where}: exemplet fel: {broken}")
        elif not found:
            problems.append(
                f"{where}: exemplet fel: gav ingen anmärkning av {rule.code}; väntade minst en."
                + _why_silent(engine, rule, rule.doc.failing)
            )
        found, broken = _findings(engine, rule, rule.doc.passing, "rätt")
        where = f"{rule.file}:{pass_line}"
        if broken:
            problems.append(f"{where}: exemplet rätt: {broken}")
        elif found:
            problems.append(
                f"{where}: exemplet rätt: gav {count(len(found), 'anmärkning')} av {rule.code},"
                f" väntade ingen: rad {found[0].line}: {found[0].message.sv}"
            )
        out.append(Outcome(rule, problems))
    return out


def report(outcomes: list[Outcome]) -> tuple[str, int]:
    """The Swedish text of a test run and its exit code (0 all good, 1 an example failed)."""
    lines = []
    failed = 0
    for o in outcomes:
        if o.problems:
            failed += 1
            lines.append(f"FEL  {o.rule.code} {o.rule.name}")
            lines += [f"       {p}" for p in o.problems]
        else:
            lines.append(f"ok   {o.rule.code} {o.rule.name}")
    n = len(outcomes)
    if failed:
        lines.append(
            f"{count(failed, 'regel')} av {n} gör inte det exemplen säger."
            " Rätta regeln eller exemplet och kör igen."
        )
    else:
        lines.append(f"{count(n, 'regel')}, {2 * n} exempel: alla gör det de ska.")
    return "\n".join(lines) + "\n", 1 if failed else 0
