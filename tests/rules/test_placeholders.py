"""A placeholder ``[fyll i: …]`` is "not yet written": RK704 reports it, no other rule judges it.

Each case puts a placeholder where a rule judges the value, and the same report
with a wrong value there: the wrong value gives the rule's finding, the
placeholder gives RK704 alone.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.placeholder import is_placeholder, placeholder
from checker.run.batch import check_paths

# The small reports leave out sections (RK101): that is not what is tested here.
ENGINE = Engine(Settings(ignore=["RK101"]))
PH = "'[fyll i: värde]'"
HEAD = (
    "rapport: {{typ: VB, år: 2023, enhet: E, dnr: HÅ 2023/1, datum: 2024-02-01, handläggare: A}}\n"
)


def goal(
    unit_goal: str = "", area: str = "", number: str = '"3.4"', title: str | None = None
) -> str:
    title = title or "Medarbetare i Stockholm ska ges goda förutsättningar att göra ett bra jobb"
    return textwrap.dedent(
        """
        inriktningsmål:
          - nummer: "3"
            titel: Ett Stockholm med en stabil och hållbar ekonomi med utbildning, jobb och bostäder för alla
            verksamhetsområdesmål:
              - nummer: {number}
                titel: {title}
        {area}
                nämndmål:
                  - titel: Nämndmålet
                    enhetsmål:
                      - titel: Enhetsmålet
                        förväntat_resultat: Det går bra.
                        analys: Det gick bra.
        {unit_goal}
        """
    ).format(
        number=number,
        title=title,
        area=textwrap.indent(area, " " * 8),
        unit_goal=textwrap.indent(unit_goal or "status: Uppfylls helt\n", " " * 16),
    )


def indicator(**fields: str) -> str:
    values = {"namn": "Sjukfrånvaro", "utfall": '"6 %"', "årsmål": '"7 %"', "period": "VB 2023"}
    values.update(fields)
    rows = "".join(f"    {k}: {v}\n" for k, v in values.items())
    return "indikatorer:\n  -" + rows[3:]


def activity(**fields: str) -> str:
    values = {
        "aktivitet": "Skyddsrond",
        "status": "klar",
        "startdatum": "2023-01-01",
        "slutdatum": "2023-12-31",
    }
    values.update(fields)
    return "status: Uppfylls helt\naktiviteter:\n  - " + ", ".join(
        f"{k}: {v}" for k, v in values.items()
    ).replace(", ", "\n    ")


def statement(**cells: str) -> str:
    row = {"rad": "Personalkostnader", "utfall": "100", "budget": "100", "avvikelse": "0"}
    row.update(cells)
    flow = ", ".join(f"{k}: {v}" for k, v in row.items())
    return f"ekonomi:\n  analys: Budgeten hölls.\n  resultaträkning:\n    kostnader: [{{{{{flow}}}}}]\n"


def twice(outcome: str) -> str:
    """The same indicator for the same period on two goals."""
    first = indicator()
    second = indicator(utfall=outcome)
    return goal(unit_goal="status: Uppfylls helt\n" + second, area=first)


def complaints(cell: str) -> str:
    return (
        "kvalitetsarbete:\n  text: Följs upp.\n  klagomål:\n"
        f"    beröm: {{{{kategori: Antal beröm, vb: {cell}}}}}\n"
    )


# (the rule the wrong value gives, the report with {value} where the placeholder goes, wrong)
CASES = {
    "header-date": (
        "RK103",
        "rapport: {{typ: VB, år: 2023, enhet: E, dnr: D 1, datum: {value}, handläggare: A}}\n",
        "2023-13-45",
    ),
    "goal-status": ("RK201", HEAD + goal("status: {value}\n"), "Uppfylles helt"),
    "activity-status": ("RK205", HEAD + goal(activity(status="{value}")), "kanske"),
    "activity-date": ("RK603", HEAD + goal(activity(startdatum="{value}")), "2023-02-30"),
    "indicator-outcome": ("RK303", HEAD + goal(area=indicator(utfall="{value}")), "sex procent"),
    "indicator-target": ("RK303", HEAD + goal(area=indicator(årsmål="{value}")), "lågt"),
    "indicator-period": ("RK304", HEAD + goal(area=indicator(period="{value}")), "VB 2019"),
    "previous-label": (
        "RK605",
        HEAD + goal(area=indicator(föregående_rubrik="{value}")),
        "Utfall VB 2019",
    ),
    "gender-split-flag": ("RK104", HEAD + goal(area=indicator(könsuppdelad="{value}")), "kanske"),
    "budget-row": ("RK505", HEAD + statement(rad="{value}"), "Kaffekostnader"),
    "budget-amount": ("RK507", HEAD + statement(utfall="{value}"), "mycket"),
    "budget-deviation": ("RK502", HEAD + statement(avvikelse="{value}"), "50"),
    "budget-sum": (
        "RK503",
        HEAD + statement().rstrip("\n") + "\n    summa_kostnader: {{rad: Summa kostnader,"
        " utfall: {value}, budget: 100, avvikelse: 0}}\n",
        "150",
    ),
    "outcome-against-status": ("RK207", HEAD + goal(area=indicator(utfall="{value}")), '"9 %"'),
    "indicator-twice": ("RK705", HEAD + twice("{value}"), '"8 %"'),
    "complaint-count": ("RK406", HEAD + complaints("{value}"), "några"),
    "kf-number": ("RK601", HEAD + goal(number="{value}"), '"4.99"'),
    "kf-title": ("RK602", HEAD + goal(title="{value}"), "Medarbetare ska ha det bra"),
}


def found(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "rapport.yaml"
    path.write_text(text, encoding="utf-8")
    return sorted(f.code for f in check_paths(ENGINE, [str(path)]).findings)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_placeholder_is_not_yet_written(case: tuple[str, str, str], tmp_path: Path) -> None:
    code, text, wrong = case
    assert code in found(text.format(value=wrong), tmp_path)
    assert found(text.format(value=PH), tmp_path) == ["RK704"]


def test_the_predicate() -> None:
    assert is_placeholder(placeholder("utfall")) and is_placeholder(" [Fyll i] ")
    for value in ("Utfall: [fyll i: x]", "[fyllnad]", "??", None, 3, "fyll i"):
        assert not is_placeholder(value)


def test_the_placeholder_is_the_first_rk704_pattern() -> None:
    signals = ENGINE.refdata.get("text_signals.yaml")
    name, _, pattern = signals.compiled_placeholders[0]
    assert name == "[fyll i: …]" and pattern.fullmatch(placeholder("datum ÅÅÅÅ-MM-DD"))
