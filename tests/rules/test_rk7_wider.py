"""Wider evidence for RK702, RK703 and RK706, each widening with its near misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.test_rk7_text import activity, goal, report, run, text

DONE = "Uppfylls delvis"  # the goal's own status is not what these judge


def done_activity(note: str) -> str:
    return goal(DONE, "Leveranserna minskade något.", activity=activity("klar", f'"{note}"'))


RK702_WIDER_FIRES = {
    # every inflection of "begun", with "not yet"
    "not-yet-begun": goal("Uppfylls helt", "Vi har ännu inte påbörjat kartläggningen."),
    "adjective": goal("Uppfylls helt", "Kartläggningen är inte påbörjad."),
    "not-had-time": goal("Uppfylls helt", "Enheten har inte hunnit starta arbetet."),
    "not-got-going": goal("Uppfylls helt", "Arbetet har ej kommit igång på grund av pandemin."),
    "never": goal("Uppfylls helt", "Kartläggningen startades aldrig under året."),
    # someone else is to do it
    "done-by-other": done_activity("Detta uppdrag ska utföras av enheten för uppsökande."),
    # the rest is promised for next year
    "rest-next-year": done_activity(
        "Delar av verksamheten har informerats. Resterande verksamheter kommer att få samma"
        " information under våren 2024."
    ),
    # only last year's work
    "last-year-only": done_activity("Enheten uppdaterade intervjuguiden under 2022."),
}


@pytest.mark.parametrize("yaml", RK702_WIDER_FIRES.values(), ids=RK702_WIDER_FIRES.keys())
def test_rk702_wider_fires(yaml: str, tmp_path: Path) -> None:
    assert [c for c, _ in run(yaml, tmp_path, "RK702")] == ["RK702"]


RK702_WIDER_SILENT = {
    "not-least": goal("Uppfylls helt", "Inte minst har vi påbörjat och slutfört kartläggningen."),
    "not-all": goal("Uppfylls helt", "Vi kunde inte genomföra alla träffar men målet nåddes."),
    "done-by-us": done_activity("Uppdraget har utförts av enhetens medarbetare."),
    "next-year-no-rest": done_activity(
        "Alla verksamheter har informerats. Arbetet kommer att följas upp under 2024."
    ),
    "this-and-last-year": done_activity(
        "Intervjuguiden uppdaterades 2022 och användes i alla utredningar under året."
    ),
    "no-year": done_activity("Intervjuguiden är uppdaterad och används."),
}


@pytest.mark.parametrize("yaml", RK702_WIDER_SILENT.values(), ids=RK702_WIDER_SILENT.keys())
def test_rk702_wider_near_misses(yaml: str, tmp_path: Path) -> None:
    assert run(yaml, tmp_path, "RK702") == []


# -- RK703: forecast wording ----------------------------------------------------------

RK703_WIDER_FIRES = {
    "will-end-up": "Kostnaden för året 2023 kommer att hamna på 1,2 mkr, så ett stort arbete har"
    " gjorts och det fortsatta arbetet ger effekter för kommande år.",
    "calculated": "Enheten beräknas gå med ett litet underskott.",
    "is-calculated": "Arbetet beräknas pågå hela 2023 samt under nästkommande verksamhetsår.",
    "forecast": "Prognosen visar ett underskott på 0,4 mkr.",
}


@pytest.mark.parametrize("body", RK703_WIDER_FIRES.values(), ids=RK703_WIDER_FIRES.keys())
def test_rk703_wider_fires(body: str, tmp_path: Path) -> None:
    assert [c for c, _ in run(report(text(body)), tmp_path, "RK703")] == ["RK703"]


RK703_WIDER_SILENT = {
    "method": "Sjukfrånvaron beräknas som andelen frånvarotimmar av arbetstiden.",
    "compared": "Prognosen i T2 var ett underskott, men utfallet blev ett överskott.",
    "next-year": "Arbetet beräknas fortskrida även under 2024.",
    "past": "Kostnaden beräknades till 1,2 mkr och blev 1,1 mkr.",
    "prognosis-work": "Vi utvecklar ett säkrare prognosarbete med controllern.",
}


@pytest.mark.parametrize("body", RK703_WIDER_SILENT.values(), ids=RK703_WIDER_SILENT.keys())
def test_rk703_wider_near_misses(body: str, tmp_path: Path) -> None:
    assert run(report(text(body)), tmp_path, "RK703") == []


# -- RK706: amounts that are not the result, and the empty economy section's owner ------


def test_rk706_overtime_amount_is_not_the_result_but_a_deficit_amount_is(tmp_path: Path) -> None:
    from tests.rules.test_rk7_text import economy_goal

    def economy(analysis: str) -> str:
        return economy_goal(
            "Uppfylls delvis", "Kostnaderna steg.", economy=f"ekonomi:\n  analys: {analysis}\n"
        )

    assert run(economy("Övertiden kostade 1,19 mkr mot 1,82 mkr året innan."), tmp_path, "RK706")
    for near_miss in (
        "Underskottet blev 1,2 mkr, främst övertid.",  # a result word beside the cost item
        "Lokalkostnaderna gav ett överskott på 300 tkr.",
        "Budgeten för vikarier var 400 tkr och höll.",
    ):
        assert run(economy(near_miss), tmp_path, "RK706") == [], near_miss


def test_an_empty_economy_analysis_is_one_finding() -> None:
    from tests.rules import check
    from tests.rules.test_rk7_text import economy_goal

    # No income statement: RK102 owns the empty analysis; RK706 is silent.
    text_ = economy_goal("Uppfylls helt", "Underskott 2023.", economy="ekonomi:\n  analys:\n")
    check(text_, expect=[("RK102", 13)], codes=["RK506", "RK706"])
    # A large net deviation: RK506 names it and owns the empty analysis; RK102 is silent.
    with_statement = text_ + (
        "  resultaträkning:\n"
        "    summa_netto: {rad: Summa netto, utfall: '737 920', budget: '766 900',"
        " avvikelse: '28 980'}\n"
    )
    check(with_statement, expect=[("RK506", 15)], codes=["RK102", "RK706"])


RK702_MORE_SILENT = {
    # the unit itself is to do it
    "by-the-unit": done_activity("Uppdraget ska utföras av enheten under hela året."),
    # an earlier year only as a comparison beside this year's work
    "compared-with-last-year": done_activity(
        "Aktiviteten genomfördes enligt plan. Jämfört med 2022 ökade antalet besök."
    ),
}


@pytest.mark.parametrize("yaml", RK702_MORE_SILENT.values(), ids=RK702_MORE_SILENT.keys())
def test_rk702_more_near_misses(yaml: str, tmp_path: Path) -> None:
    assert run(yaml, tmp_path, "RK702") == []
