"""RK5 budget beyond the documented examples: edge cases, each named failing or passing."""

from __future__ import annotations

from string import Template

import pytest

from checker.engine.core import Engine
from rules.refmodels import BudgetChart
from rules.rk5_budget import mentions_deficit
from tests.rules import check

BUDGET: BudgetChart = Engine().refdata.get("budget.yaml")

# -- RK501 deviation-sign and RK502 deviation-amount -----------------------------


def test_rk501_failing_flipped_sign_suggests_the_right_amount() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        ekonomi:
          resultaträkning:
            kostnader:
              - {rad: Personalkostnader, utfall: "33 024", budget: "31 783", avvikelse: "1 241"}
        """
    (f,) = check(text, expect=[("RK501", 5)], codes=["RK502"])
    assert f.suggestion is not None and f.suggestion.sv == "Avvikelse = -1 241"


def test_rk502_failing_decimals_are_shown_not_rounded_away() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        ekonomi:
          resultaträkning:
            intäkter:
              - {rad: Taxor och avgifter, utfall: "100,5", budget: 90, avvikelse: "8,5"}
        """
    (f,) = check(text, expect=[("RK502", 5)], codes=["RK501"])
    assert "avvikelsen är 8,5 men utfall - budget = 10,5 (skillnad 2 tkr)" in f.message.sv


# -- RK504 budget-status-contradiction ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Detta medför att enheten har ett underskott 2021.",
        "Enheten redovisar ett\nUNDERSKOTT på 2 mnkr.",
        "Budgetunderskottet beror på färre deltagare.",
        "underskottet",
    ],
)
def test_rk504_deficit_signal_failing_texts(text: str) -> None:
    assert mentions_deficit(text, BUDGET)


@pytest.mark.parametrize(
    "text",
    [
        "Enheten har inget underskott.",
        "Vid budgetunderskott eller befarat budgetunderskott tas en handlingsplan fram.",
        "Enheten har en budget i balans och ett litet överskott.",
    ],
)
def test_rk504_deficit_signal_passing_texts(text: str) -> None:
    assert not mentions_deficit(text, BUDGET)


def test_rk504_failing_on_negative_net_deviation() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        inriktningsmål:
          - nummer: "3"
            verksamhetsområdesmål:
              - nummer: "3.1"
                nämndmål:
                  - titel: Nämndmålet
                    enhetsmål:
                      - titel: Enhetsmålet
                        status: Uppfylls helt
        ekonomi:
          analys: Se tabellen.
          resultaträkning:
            summa_netto: {rad: Summa netto, utfall: 110, budget: 100, avvikelse: -10}
        """
    (f,) = check(text, expect=[("RK504", 10)])
    assert "nettoavvikelsen är -10" in f.message.sv


# -- RK505 unknown-budget-row ------------------------------------------------------


def test_rk505_failing_row_of_the_wrong_kind() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: E}
        ekonomi:
          resultaträkning:
            intäkter:
              - {rad: Personalkostnader, utfall: 1, budget: 1, avvikelse: 0}
        """
    (f,) = check(text, expect=[("RK505", 5)])
    assert f.suggestion is not None and "kostnader" in f.suggestion.sv


# -- RK506 unexplained-deviation ---------------------------------------------------


# The net total on line 5; the analysis on line 3. The threshold is 1 % of the budget.
NET = Template(
    """
    rapport: {typ: $typ, år: 2020, enhet: Beställarenheten}
    ekonomi:
      analys: $analysis
      resultaträkning:
        summa_netto: {rad: Summa netto, budget: "$budget", avvikelse: "$deviation"}
    """
)


def net(deviation: str, budget: str = "1 000", analysis: str = "", typ: str = "VB") -> str:
    return NET.substitute(deviation=deviation, budget=budget, analysis=analysis, typ=typ)


@pytest.mark.parametrize(
    "deviation,budget",
    [
        ("10", "1 000"),  # exactly 1 %: the boundary is allowed
        ("-10", "1 000"),
        ("0", "1 000"),
        ("9,9", "1 000"),
        ("500", "0"),  # no budget: no share to judge
        ("", "1 000"),  # blank deviation
        ("7 669", "766 900"),  # exactly 1 % of a real net budget
    ],
)
def test_rk506_passing_within_the_threshold(deviation: str, budget: str) -> None:
    check(net(deviation, budget), expect=[], codes=["RK506"])


@pytest.mark.parametrize(
    "deviation,budget",
    [
        ("11", "1 000"),  # just above 1 %
        ("-11", "1 000"),  # a deficit as much as a surplus
        ("10,1", "1 000"),
        ("28 980", "766 900"),
        ("11 tkr", "1 000 tkr"),
        ("11", "-1 000"),  # a net budget written negative
    ],
)
def test_rk506_failing_beyond_the_threshold_without_analysis(deviation: str, budget: str) -> None:
    check(net(deviation, budget), expect=[("RK506", 5)])


def test_rk506_failing_message_gives_amount_and_share() -> None:
    (f,) = check(net("28 980", "766 900"), expect=[("RK506", 5)])
    assert f.message.sv.startswith("Nettoavvikelsen är 28 980 tkr (3,8 % av budgeten)")


@pytest.mark.parametrize(
    "analysis", ["", '""', "{avsnitt: [{rubrik: Analys av resultaträkning}]}", '"  "']
)
def test_rk506_failing_blank_or_headings_only_analysis(analysis: str) -> None:
    check(net("50", analysis=analysis), expect=[("RK506", 5)])


@pytest.mark.parametrize(
    "analysis",
    [
        "Färre placeringar gav ett överskott.",
        "{text: Färre placeringar gav ett överskott.}",
        "{avsnitt: [{rubrik: Intäkter, text: Högre avgifter än budgeterat.}]}",
    ],
)
def test_rk506_passing_any_written_analysis(analysis: str) -> None:
    check(net("50", analysis=analysis), expect=[], codes=["RK506"])


@pytest.mark.parametrize("typ", ["VP", "T1", "T2", "VB"])
def test_rk506_failing_in_every_report_type(typ: str) -> None:
    check(net("50", typ=typ), expect=[("RK506", 5)])


@pytest.mark.parametrize("deviation", ["ca 29 mnkr", "stor", "9" * 400])
def test_rk506_passing_unreadable_deviation_is_rk507s(deviation: str) -> None:
    check(net(deviation), expect=[("RK507", 5)], codes=["RK506"])


def test_rk506_passing_without_a_net_total() -> None:
    text = """
        rapport: {typ: VB, år: 2020, enhet: Beställarenheten}
        ekonomi:
          resultaträkning:
            intäkter:
              - {rad: Taxor och avgifter, utfall: 50, budget: 100, avvikelse: -50}
        """
    check(text, expect=[], codes=["RK506"])


# -- RK507 invalid-amount ----------------------------------------------------------


ROW = Template(
    """
    rapport: {typ: VB, år: 2023, enhet: Enheten}
    ekonomi:
      resultaträkning:
        intäkter:
          - rad: Taxor och avgifter
            utfall: $outcome
            budget: "32 400"
            avvikelse: "-3 204"
    """
)


@pytest.mark.parametrize(
    "outcome",
    ['"29 196"', "29196", '"29 196 tkr"', '"29 196,4"', '"−29 196"', '""', ""],
)
def test_rk507_passing_amounts_in_tkr_and_blanks(outcome: str) -> None:
    check(ROW.substitute(outcome=outcome), expect=[], codes=["RK507"])


@pytest.mark.parametrize(
    "outcome",
    [
        "ungefär trettio",
        '"29 mnkr"',  # would be read as 29 tkr
        '"29 196 kr"',
        '"1.820milj kr"',
        "9" * 400,
        '"1 000 000 000 000 000"',
        ".inf",
        "-.inf",
        ".nan",
        '"1e999"',
    ],
)
def test_rk507_failing_amounts_that_cannot_be_read(outcome: str) -> None:
    (f,) = check(ROW.substitute(outcome=outcome), expect=[("RK507", 6)])
    assert f.message.sv.startswith('"Taxor och avgifter", utfall: "')
    assert "är inget belopp i tkr" in f.message.sv


def test_rk507_unreadable_amounts_reach_no_other_budget_rule() -> None:
    huge = "9" * 400
    text = f"""
        rapport: {{typ: VB, år: 2023, enhet: Enheten}}
        ekonomi:
          resultaträkning:
            intäkter:
              - {{rad: Taxor och avgifter, utfall: {huge}, budget: 100, avvikelse: -50}}
            summa_intäkter: {{rad: Summa intäkter, utfall: 50, budget: .inf, avvikelse: -50}}
            kostnader:
              - {{rad: Personalkostnader, utfall: 100, budget: 100, avvikelse: 0}}
            summa_kostnader: {{rad: Summa kostnader, utfall: 100, budget: 100, avvikelse: .nan}}
            summa_netto: {{rad: Summa netto, utfall: 50, budget: 0, avvikelse: tom}}
        """
    codes = ["RK501", "RK502", "RK503", "RK504", "RK505", "RK506"]
    found = check(text, expect=[("RK507", n) for n in (5, 6, 9, 10)], codes=codes)
    assert [f.path.rsplit("/", 2)[1:] for f in found] == [
        ["0", "utfall"],
        ["summa_intäkter", "budget"],
        ["summa_kostnader", "avvikelse"],
        ["summa_netto", "avvikelse"],
    ]


# -- Amounts as Swedish authors write them ----------------------------------------------


@pytest.mark.parametrize(
    "outcome",
    [
        '"29\u2009196"',  # thin space
        '"29\u00a0196"',  # no-break space
        '"29\u202f196"',  # narrow no-break space
        '"29.196"',  # a dot as thousands separator in a tkr table
        '"29.196 tkr"',
    ],
)
def test_rk502_passing_thousands_separators_authors_type(outcome: str) -> None:
    check(ROW.substitute(outcome=outcome), expect=[], codes=["RK502", "RK501", "RK507"])


@pytest.mark.parametrize("deviation", ['"3 204-"', '"(3 204)"', '"(3.204)"', '"−3 204"'])
def test_rk502_passing_negatives_written_with_trailing_minus_or_parentheses(deviation: str) -> None:
    text = ROW.substitute(outcome='"29 196"').replace(
        'avvikelse: "-3 204"', f"avvikelse: {deviation}"
    )
    check(text, expect=[], codes=["RK501", "RK502", "RK507"])


def test_rk501_failing_a_parenthesised_amount_is_negative() -> None:
    text = ROW.substitute(outcome='"(29 196)"')
    check(text, expect=[("RK502", 8)], codes=["RK501", "RK507"])


@pytest.mark.parametrize(
    ("outcome", "tkr"),
    [('"29,196 mnkr"', "29 196"), ('"29 196 000 kr"', "29 196"), ('"29,2 mkr"', "29 200")],
)
def test_rk507_failing_amount_in_another_unit_names_it_and_nothing_else(
    outcome: str, tkr: str
) -> None:
    text = ROW.substitute(outcome=outcome)
    (f,) = check(text, expect=[("RK507", 6)], codes=["RK501", "RK502", "RK503", "RK506"])
    assert "resultaträkningen är i tkr" in f.message.sv
    assert f.suggestion is not None and f.suggestion.sv == f"utfall = {tkr}"


@pytest.mark.parametrize("outcome", ["nan", ".nan", '"inf"', ".inf", '"-3 204-"'])
def test_rk507_failing_nan_and_inf_are_findings_not_differences(outcome: str) -> None:
    (f,) = check(ROW.substitute(outcome=outcome), expect=[("RK507", 6)], codes=["RK502"])
    assert "nan tkr" not in f.message.sv


def test_rk504_failing_an_avdelningsmal_under_the_economy_goal() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Södra Skarpnäcks hemtjänst}
        inriktningsmål:
          - nummer: "3"
            verksamhetsområdesmål:
              - nummer: "3.1"
                nämndmål:
                  - titel: Nämndens resurser används effektivt
                    avdelningsmål:
                      - nummer: "3.1.1.1"
                        titel: Äldreomsorgens resurser används väl
                        status: Uppfylls helt
                        analys: Avdelningen redovisar ett underskott.
        """
    check(text, expect=[("RK504", 11)])
