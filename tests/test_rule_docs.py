"""Every rule is documented, and its failing and passing examples behave as documented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from checker.cli import main
from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.findings import Finding
from checker.nightly import roster
from checker.rule import Rule
from checker.run.batch import check_paths

ENGINE = Engine()
RULES = ENGINE.sorted_rules()
WITH_EXAMPLES = [r for r in RULES if r.doc.failing]


def test_rule_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for r in RULES:
        assert r.code[:2] == "RK" and r.code[2:].isdigit() and len(r.code) == 5
        assert r.name == r.name.lower() and " " not in r.name
        # every rule has a Swedish name of the same form, which Swedish output shows
        assert r.name_sv and r.name_sv == r.name_sv.lower() and " " not in r.name_sv, r.code
    assert len({r.name_sv for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented_in_both_languages(rule: Rule) -> None:
    for msg in (rule.doc.what, rule.doc.why, rule.message):
        assert (msg.sv.strip() and msg.en.strip() and msg.sv != msg.en) or "{" in msg.sv
    assert rule.doc.failing.strip() and rule.doc.passing.strip()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_examples_are_whole_reports_written_as_yaml(rule: Rule) -> None:
    """Each example (each file of a cross-report one) is a report with a header, dedented."""
    for example in (rule.doc.failing, rule.doc.passing):
        assert example.endswith("\n") and not example[0].isspace(), example
        for part in example.split("\n---\n"):
            data = yaml.load(part, Loader=yaml.BaseLoader)  # dates as written: 2023-02-30
            assert isinstance(data, dict) and "rapport" in data, part


# A suppression is judged against the findings of the rule it names.
ALSO_SELECT = {"RK002": ["RK103"]}


def run_example(text: str, code: str, folder: Path) -> list[Finding]:
    """Check an example; "---" separates the files of a cross-report example."""
    folder.mkdir()
    for i, part in enumerate(text.split("\n---\n")):
        (folder / f"rapport{i}.yaml").write_text(part, encoding="utf-8")
    select = [code, *ALSO_SELECT.get(code, [])]
    engine = Engine(Settings(select=select))
    result = check_paths(engine, [str(folder)])
    if code == roster.CODE:  # judged against a roster: derived from the earliest year, late
        first = min(year for _, year in result.periods.values())
        late = roster.overdue(engine, result, str(folder), date(2100, 1, 1), from_previous=first)
        result.findings += [f for f, _ in late]
    assert not [f for f in result.findings if f.code == "RK000"], result.findings
    return [f for f in result.findings if f.code == code]


@pytest.mark.parametrize("rule", WITH_EXAMPLES, ids=lambda r: f"{r.code}-failing")
def test_failing_example_fires(rule: Rule, tmp_path: Path) -> None:
    found = run_example(rule.doc.failing, rule.code, tmp_path / "ex")
    assert found, f"{rule.code}'s failing example gives no finding"


@pytest.mark.parametrize("rule", WITH_EXAMPLES, ids=lambda r: f"{r.code}-passing")
def test_passing_example_is_silent(rule: Rule, tmp_path: Path) -> None:
    found = run_example(rule.doc.passing, rule.code, tmp_path / "ex")
    assert found == [], f"{rule.code}'s passing example gives {found}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_command_explains_it(rule: Rule, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", rule.code]) == 0
    sv = capsys.readouterr().out
    assert main(["rule", rule.code.lower(), "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert rule.doc.what.sv in sv and "Exempel som ger anmärkning" in sv
    assert rule.doc.what.en in en and "Failing example" in en
    assert rule.doc.failing.splitlines()[0] in sv


def test_rule_command_by_name_and_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "missing-section"]) == 0
    assert "RK101" in capsys.readouterr().out
    assert main(["rule", "RK999"]) == 2
    assert "okänd regel" in capsys.readouterr().err
