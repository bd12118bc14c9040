"""RK708 (counts within the text) and RK709 (figures from before the year's end):
firing cases and more near misses than firing cases, as for every RK7 rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.test_rk7_text import report, run, text

RK708_FIRES = {
    "breakdown-exceeds": """
        Under året har 3 incidentrapporteringar, 4 klagomål samt 5 avvikelser inkommit.
        Tre av dessa avvikelser avser ledsagning, dem två andra gäller rutiner hos brukaren.
        I alla dessa fall har enheten sett över sina rutiner. En avvikelse var rörande
        lönehantering.
    """,
    "breakdown-digits": "Vi fick 4 klagomål. 3 av dessa gällde maten och de 2 andra städningen.",
    "all-against-paragraph": """
        Fyra handläggare har gått utbildningen i demens. Under året deltog därför alla
        sex handläggare i handledningen.
    """,
}


@pytest.mark.parametrize("body", RK708_FIRES.values(), ids=RK708_FIRES.keys())
def test_rk708_fires(body: str, tmp_path: Path) -> None:
    assert [c for c, _ in run(report(text(body)), tmp_path, "RK708")] == ["RK708"]


def test_rk708_all_against_another_text_about_the_same_time(tmp_path: Path) -> None:
    body = (
        "sammanfattande_analys: Under hösten 2023 deltog alla sex handläggare i utbildningen.\n"
        + text("Fyra handläggare har under hösten 2023 gått utbildning i Silviahemmets regi.")
    )
    assert run(report(body), tmp_path, "RK708") == [("RK708", 2)]


RK708_SILENT = {
    # the breakdown is smaller than the whole: it need not be complete
    "breakdown-fewer": "Vi fick 6 avvikelser. Tre av dessa gällde ledsagning, de två andra rutiner.",
    # the breakdown adds up
    "breakdown-equal": "Vi fick 5 avvikelser. Tre av dessa gällde ledsagning, de två andra rutiner.",
    # parts of another kind than the count
    "other-kind": "Vi fick 2 klagomål. Tre av dessa avvikelser gällde ledsagning, två andra maten.",
    # no count before the breakdown
    "no-whole": "Tre av dessa gällde ledsagning och de två andra gällde rutiner.",
    # a breakdown in a later paragraph belongs to another whole
    "other-paragraph": "Vi fick 2 avvikelser.\n\nTre av dessa brukare har bytt boende, de två andra flyttat.",
    # two times: "alla sex" is autumn 2023, "två" autumn 2022
    "other-time": """
        Två handläggare gick utbildningen hösten 2022. Under hösten 2023 deltog alla sex
        handläggare.
    """,
    # a qualified count is a part, not the whole
    "qualified": "Alla sex handläggare har utbildats, varav fyra handläggare i demens.",
    "more": "Alla sex handläggare deltog. Ytterligare fyra handläggare anmälde sig.",
    "of": "Alla sex handläggare deltog. Fyra av handläggarna gick hela kursen.",
    # the same number
    "same": "Vi har sex handläggare. Alla sex handläggare har gått utbildningen.",
    # another word
    "other-word": "Vi har fem undersköterskor. Alla sex handläggare har gått utbildningen.",
}


@pytest.mark.parametrize("body", RK708_SILENT.values(), ids=RK708_SILENT.keys())
def test_rk708_near_misses(body: str, tmp_path: Path) -> None:
    assert run(report(text(body)), tmp_path, "RK708") == []


def test_rk708_another_text_without_the_same_time_is_not_compared(tmp_path: Path) -> None:
    body = (
        "sammanfattande_analys: Under hösten 2023 deltog alla sex handläggare i utbildningen.\n"
        + text("Enheten har fem handläggare som ingår i en hälsocoachgrupp.")
    )
    assert run(report(body), tmp_path, "RK708") == []


RK709_FIRES = {
    "october": "Enhetens frånvaro var i oktober 2023, 6,22 procent.",
    "per-date": "Andelen timanställda låg på 12 % per den 31 augusti 2023.",
    "until": "Kostnaden för övertid uppgick till 1,2 mkr t.o.m. oktober 2023.",
}


@pytest.mark.parametrize("body", RK709_FIRES.values(), ids=RK709_FIRES.keys())
def test_rk709_fires(body: str, tmp_path: Path) -> None:
    assert [c for c, _ in run(report(text(body)), tmp_path, "RK709")] == ["RK709"]


RK709_SILENT = {
    "december": "Enhetens frånvaro var i december 2023 6,1 procent.",
    "whole-year": "Frånvaron var i oktober 2023 6,2 procent och för helåret 6,0 procent.",
    "since": "Sedan juni 2023 är en administratör anställd på 75 procent.",
    "no-figure": "Handledningen avbröts i mars 2023 och återupptogs i september 2023.",
    "no-year": "Frånvaron var i oktober 6,2 procent, men sjönk sedan till 5,8 procent.",
    "other-year": "Frånvaron var i oktober 2022 6,2 procent; i år blev den 5,8 procent.",
    "event-count": "Under oktober 2023 genomfördes 14 hembesök.",
    "yearly-survey": "Brukarundersökningen i oktober 2023 visade att 85 % är nöjda.",
    "staff-survey": "Medarbetarenkäten i mars 2023 var 72 procent.",
}


@pytest.mark.parametrize("body", RK709_SILENT.values(), ids=RK709_SILENT.keys())
def test_rk709_near_misses(body: str, tmp_path: Path) -> None:
    assert run(report(text(body)), tmp_path, "RK709") == []


def test_rk709_only_in_an_annual_report(tmp_path: Path) -> None:
    body = text(RK709_FIRES["october"])
    assert run(report(body, typ="T2"), tmp_path, "RK709") == []


RK708_MORE_SILENT = {
    "month-then": "Enheten hade fyra handläggare i januari. I maj deltog alla sex handläggare.",
    "after": "Vi hade fyra handläggare. Efter rekryteringen deltog alla sex handläggare.",
    "earlier": "Tidigare hade enheten fyra handläggare. Nu deltar alla sex handläggare.",
}


@pytest.mark.parametrize("body", RK708_MORE_SILENT.values(), ids=RK708_MORE_SILENT.keys())
def test_rk708_more_near_misses(body: str, tmp_path: Path) -> None:
    assert run(report(text(body)), tmp_path, "RK708") == []


def test_rk708_overlapping_subsets_are_not_a_breakdown(tmp_path: Path) -> None:
    body = (
        "Vi fick 4 avvikelser. Tre av dessa gällde ledsagning och två av dessa ledde till åtgärder."
    )
    assert run(report(text(body)), tmp_path, "RK708") == []
