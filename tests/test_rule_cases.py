"""RK2–RK6 beyond the documented examples: edge cases, each named failing or passing."""

from __future__ import annotations

import pytest

from checker.swedish import parse, parse_count
from rules.rk5_budget import mentions_deficit
from tests.conftest import CheckFn


def goal(status: str, extra: str = "", head: str = "VB", kf: str = "3.4") -> str:
    return (
        f"rapport: {{typ: {head}, år: 2023, enhet: Enheten}}\ninriktningsmål:\n"
        f'  - nummer: "{kf.split(".")[0]}"\n    verksamhetsområdesmål:\n'
        f'      - nummer: "{kf}"\n        nämndmål:\n          - titel: Nämndmålet\n'
        "            enhetsmål:\n              - titel: Enhetsmålet\n"
        f"                status: {status}\n" + extra
    )


def hits(findings: list, code: str) -> list:
    return [f for f in findings if f.code == code]


# -- numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,value,unit",
    [
        ("9,5 %", 9.5, "%"),
        ("1 945 GWh", 1945, "GWh"),
        ("9 000 st", 9000, "st"),
        ("51,85 %", 51.85, "%"),
        ("-3 204", -3204, ""),
        ("−3 204", -3204, ""),
        ("1.820milj kr", 1.82, "milj kr"),
        ("69", 69, ""),
        (69, 69, ""),
        (2.5, 2.5, ""),
        ("1,9 kg CO2 per kg livsmedel", 1.9, "kg CO2 per kg livsmedel"),
        ("29\u00a0196", 29196, ""),
    ],
)
def test_swedish_numbers_passing(raw: object, value: float, unit: str) -> None:
    q = parse(raw)
    assert q is not None and q.value == pytest.approx(value) and q.unit == unit


@pytest.mark.parametrize(
    "raw", ["öka", "Tas fram av nämnd", "", "ungefär nio", None, True, [1], "%"]
)
def test_swedish_numbers_failing_give_none_not_a_crash(raw: object) -> None:
    assert parse(raw) is None


def test_counts_blank_is_zero_and_st_is_accepted() -> None:
    assert parse_count(None) == (0.0, True)
    assert parse_count("3 st") == (3.0, True)
    assert parse_count("tre") == (None, False)


# -- RK2 -------------------------------------------------------------------


def test_rk201_failing_variant_suggests_closest(check: CheckFn) -> None:
    (f,) = hits(check(goal("Uppfylles helt"), select=["RK201"]), "RK201")
    assert f.suggestion is not None and f.suggestion.sv == 'Menade du "Uppfylls helt"?'
    assert f.label.sv == "KF 3.4 › Enhetsmål »Enhetsmålet« › status"


@pytest.mark.parametrize(
    "status",
    [
        "Uppfylls helt",
        "uppfylls  DELVIS",
        "● Uppfylls helt",
        "◆ Uppfylls delvis",
        "Ingen",
        "— Ingen",
    ],
)
def test_rk201_passing_vocabulary_icons_and_no_assessment(check: CheckFn, status: str) -> None:
    assert hits(check(goal(f'"{status}"'), select=["RK201"]), "RK201") == []


def test_rk202_failing_ingen_on_unit_goal_and_passing_in_plan(check: CheckFn) -> None:
    assert len(hits(check(goal("Ingen"), select=["RK202"]), "RK202")) == 1
    assert hits(check(goal("Ingen", head="VP"), select=["RK202"]), "RK202") == []


def test_rk204_failing_for_inte_passing_for_helt(check: CheckFn) -> None:
    assert len(hits(check(goal("Uppfylls inte"), select=["RK204"]), "RK204")) == 1
    assert hits(check(goal("Uppfylls helt"), select=["RK204"]), "RK204") == []


def test_rk206_failing_unmarked_ended_activity_in_vb(check: CheckFn) -> None:
    acts = (
        "                aktiviteter:\n                  - aktivitet: Ta fram rutin\n"
        "                    startdatum: 2023-01-01\n                    slutdatum: 2023-06-30\n"
    )
    assert len(hits(check(goal("Uppfylls helt", acts), select=["RK206"]), "RK206")) == 1
    # passing: the same activity in a T1 is not judged ended-and-not-done
    assert hits(check(goal("Uppfylls helt", acts, head="T1"), select=["RK206"]), "RK206") == []


def test_rk207_failing_direction_aware_and_passing_when_met(check: CheckFn) -> None:
    def ind(name: str, outcome: str, target: str) -> str:
        return (
            "                indikatorer:\n"
            f'                  - {{namn: {name}, utfall: "{outcome}", årsmål: "{target}"}}\n'
        )

    assert (
        len(
            hits(
                check(
                    goal("Uppfylls helt", ind("Aktivt Medskapandeindex", "69", "81")),
                    select=["RK207"],
                ),
                "RK207",
            )
        )
        == 1
    )
    assert (
        hits(
            check(
                goal("Uppfylls helt", ind("Sjukfrånvaro dag 1-14", "2,3 %", "3,5 %")),
                select=["RK207"],
            ),
            "RK207",
        )
        == []
    )
    assert (
        hits(
            check(
                goal("Uppfylls delvis", ind("Aktivt Medskapandeindex", "69", "81")),
                select=["RK207"],
            ),
            "RK207",
        )
        == []
    )


# -- RK3 -------------------------------------------------------------------


def ind_report(fields: str, head: str = "VB") -> str:
    return (
        f"rapport: {{typ: {head}, år: 2023, enhet: Enheten}}\ninriktningsmål:\n"
        '  - nummer: "3"\n    verksamhetsområdesmål:\n      - nummer: "3.4"\n'
        f"        indikatorer:\n          - {{namn: Indikatorn, {fields}}}\n"
    )


def test_rk301_failing_one_side_missing_passing_with_reason(check: CheckFn) -> None:
    bad = ind_report('könsuppdelad: true, utfall: "9 %", utfall_män: "8 %"')
    (f,) = hits(check(bad, select=["RK301"]), "RK301")
    assert "kvinnor" in f.message.sv
    ok = ind_report('könsuppdelad: true, utfall: "9 %", förklaring: Färre än fem kvinnor')
    assert hits(check(ok, select=["RK301"]), "RK301") == []


def test_rk302_failing_rate_outside_passing_within_rounding(check: CheckFn) -> None:
    bad = ind_report(
        'könsuppdelad: true, utfall: "9,5 %", utfall_män: "7,0 %", utfall_kvinnor: "9,0 %"'
    )
    assert len(hits(check(bad, select=["RK302"]), "RK302")) == 1
    ok = ind_report(
        'könsuppdelad: true, utfall: "9,05 %", utfall_män: "7,0 %", utfall_kvinnor: "9,0 %"'
    )
    assert hits(check(ok, select=["RK302"]), "RK302") == []


def test_rk303_failing_unit_mismatch_passing_pdf_line_break(check: CheckFn) -> None:
    bad = ind_report('utfall: "9,5 %", årsmål: "9 dagar"')
    assert any(
        "enheten" in f.message.sv or "utfallet är i" in f.message.sv
        for f in hits(check(bad, select=["RK303"]), "RK303")
    )
    ok = ind_report('utfall: "9,5 %", årsmål: "9 %", kf_årsmål: "Tas fram av nämnd/s tyrelse"')
    assert hits(check(ok, select=["RK303"]), "RK303") == []
    ok = ind_report('utfall: 3, årsmål: "Max 10 personer"')
    assert hits(check(ok, select=["RK303"]), "RK303") == []


def test_rk304_failing_wrong_type_passing_plain_year(check: CheckFn) -> None:
    assert (
        len(hits(check(ind_report('utfall: 1, period: "T2 2023"'), select=["RK304"]), "RK304")) == 1
    )
    assert hits(check(ind_report("utfall: 1, period: 2023"), select=["RK304"]), "RK304") == []


def test_rk305_failing_only_in_vb(check: CheckFn) -> None:
    assert len(hits(check(ind_report("årsmål: 90"), select=["RK305"]), "RK305")) == 1
    assert hits(check(ind_report("årsmål: 90", head="T2"), select=["RK305"]), "RK305") == []


# -- RK4 -------------------------------------------------------------------


def table(rows: str, head: str = "VB") -> str:
    return (
        f"rapport: {{typ: {head}, år: 2023, enhet: Enheten}}\nkvalitetsarbete:\n"
        "  klagomål:\n" + rows
    )


def test_rk401_failing_in_t2_only_t1_and_t2_count(check: CheckFn) -> None:
    rows = "    lex_sarah: {t1: 1, t2: 1, vb: 5, totalt: 2}\n"
    assert hits(check(table(rows, "T2"), select=["RK401"]), "RK401") == []
    assert len(hits(check(table(rows, "VB"), select=["RK401"]), "RK401")) == 1


def test_rk402_failing_lex_maria_counts_as_other_row(check: CheckFn) -> None:
    rows = "    lex_maria: {t1: 1, totalt: 0}\n    lex_sarah: {t1: 1, totalt: 1}\n"
    findings = check(table(rows), select=["RK401", "RK402"])
    assert [f.path for f in findings] == ["/kvalitetsarbete/klagomål/lex_maria/totalt"]


def test_rk406_failing_negative_and_word(check: CheckFn) -> None:
    rows = "    lex_maria: {t1: -1, t2: två, totalt: 1}\n"
    assert {f.path.split("/")[-1] for f in hits(check(table(rows), select=["RK406"]), "RK406")} == {
        "t1",
        "t2",
    }


# -- RK5 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Detta medför att enheten har ett underskott 2021.",
        "Enheten redovisar ett\nUNDERSKOTT på 2 mnkr.",
        "Budgetunderskottet beror på färre deltagare.",
        "underskottet",
    ],
)
def test_rk504_deficit_signal_failing_texts(text: str, engine) -> None:  # type: ignore[no-untyped-def]
    assert mentions_deficit(text, engine.refdata.get("budget.yaml"))


@pytest.mark.parametrize(
    "text",
    [
        "Enheten har inget underskott.",
        "Vid budgetunderskott eller befarat budgetunderskott tas en handlingsplan fram.",
        "Enheten har en budget i balans och ett litet överskott.",
    ],
)
def test_rk504_deficit_signal_passing_texts(text: str, engine) -> None:  # type: ignore[no-untyped-def]
    assert not mentions_deficit(text, engine.refdata.get("budget.yaml"))


def test_rk504_failing_on_negative_net_deviation(check: CheckFn) -> None:
    text = goal("Uppfylls helt", kf="3.1") + (
        "ekonomi:\n  analys: Se tabellen.\n  resultaträkning:\n"
        "    summa_netto: {rad: Summa netto, utfall: 110, budget: 100, avvikelse: -10}\n"
    )
    (f,) = hits(check(text, select=["RK504"]), "RK504")
    assert "nettoavvikelsen är -10" in f.message.sv


def test_rk505_failing_row_of_the_wrong_kind(check: CheckFn) -> None:
    text = (
        "rapport: {typ: VB, år: 2023, enhet: E}\nekonomi:\n  resultaträkning:\n"
        "    intäkter:\n      - {rad: Personalkostnader, utfall: 1, budget: 1, avvikelse: 0}\n"
    )
    (f,) = hits(check(text, select=["RK505"]), "RK505")
    assert f.suggestion is not None and "kostnader" in f.suggestion.sv


# -- RK6 -------------------------------------------------------------------


def kf(number: str, title: str, year: int) -> str:
    return (
        f"rapport: {{typ: VB, år: {year}, enhet: E}}\ninriktningsmål:\n"
        f'  - nummer: "{number.split(".")[0]}"\n    verksamhetsområdesmål:\n'
        f'      - {{nummer: "{number}", titel: "{title}"}}\n'
    )


def test_rk601_passing_trailing_dot_and_failing_other_period(check: CheckFn) -> None:
    title = "I Stockholm har äldre en tillvaro som präglas av hög kvalitet, trygghet och självbestämmande"
    assert hits(check(kf("1.5.", title, 2020), select=["RK601", "RK602"]), "RK601") == []
    assert len(hits(check(kf("1.5", title, 2023), select=["RK601"]), "RK601")) == 1


def test_rk602_passing_dash_and_case_variants(check: CheckFn) -> None:
    title = "stockholm ska vara en bra stad att åldras i – med god omsorg och stor trygghet."
    assert hits(check(kf("1.4", title, 2023), select=["RK602"]), "RK602") == []


def test_rk603_failing_start_after_end(check: CheckFn) -> None:
    text = (
        'rapport: {typ: VB, år: 2023, enhet: E}\ninriktningsmål:\n  - nummer: "3"\n'
        '    verksamhetsområdesmål:\n      - nummer: "3.5"\n        aktiviteter:\n'
        "          - {aktivitet: A, startdatum: 2023-12-01, slutdatum: 2023-01-31}\n"
    )
    (f,) = hits(check(text, select=["RK603"]), "RK603")
    assert "efter slutdatum" in f.message.sv
