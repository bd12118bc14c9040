"""RK2 statuses beyond the documented examples: edge cases, each named failing or passing."""

from __future__ import annotations

from string import Template

import pytest

from tests.rules import check

# One unit goal under KF 3.4; its status is on line 10.
GOAL = Template(
    """
    rapport: {typ: $typ, år: 2023, enhet: Enheten}
    inriktningsmål:
      - nummer: "3"
        verksamhetsområdesmål:
          - nummer: "3.4"
            nämndmål:
              - titel: Nämndmålet
                enhetsmål:
                  - titel: Enhetsmålet
                    status: $status
    """
)


def goal(status: str, typ: str = "VB") -> str:
    return GOAL.substitute(status=status, typ=typ)


# One activity under a unit goal; its status is on line 13.
ACTIVITY = Template(
    """
    rapport: {typ: $typ, år: 2023, enhet: Enheten}
    inriktningsmål:
      - nummer: "3"
        verksamhetsområdesmål:
          - nummer: "3.4"
            nämndmål:
              - titel: Nämndmålet
                enhetsmål:
                  - titel: Enhetsmålet
                    status: Uppfylls helt
                    aktiviteter:
                      - aktivitet: Skyddsrond
                        status: $status
    """
)


def activity(status: str, typ: str = "VB") -> str:
    return ACTIVITY.substitute(status=status, typ=typ)


# -- RK201 invalid-goal-status ---------------------------------------------------


def test_rk201_failing_variant_suggests_closest() -> None:
    (f,) = check(goal("Uppfylles helt"), expect=[("RK201", 10)])
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
def test_rk201_passing_vocabulary_icons_and_no_assessment(status: str) -> None:
    check(goal(f'"{status}"'), expect=[], codes=["RK201"])


def test_rk201_failing_names_an_invisible_character() -> None:
    (f,) = check(goal('"Uppfylls\\u200bhelt"'), expect=[("RK201", 10)])
    assert "innehåller ett osynligt tecken U+200B (ZERO WIDTH SPACE)" in f.message.sv
    assert "contains an invisible character U+200B" in f.message.en
    assert f.suggestion is not None and f.suggestion.sv == 'Menade du "Uppfylls helt"?'


def test_rk201_failing_names_a_look_alike_letter() -> None:
    # "у" is Cyrillic (U+0443); on screen the status reads "Uppfylls helt".
    (f,) = check(goal("Uppfуlls helt"), expect=[("RK201", 10)])
    assert "liknar en latinsk bokstav" in f.message.sv
    assert "U+0443 (CYRILLIC SMALL LETTER U)" in f.message.sv
    assert "looks like a Latin letter" in f.message.en


def test_rk201_failing_names_both_kinds_in_one_status() -> None:
    # Cyrillic "у" (U+0443) and "ѕ" (U+0455), and a zero-width space.
    (f,) = check(goal('"Uppfуllѕ\\u200bhelt"'), expect=[("RK201", 10)])
    assert "osynligt tecken U+200B" in f.message.sv
    assert "tecken som liknar latinska bokstäver men inte är det: U+0443" in f.message.sv
    assert "U+0455 (CYRILLIC SMALL LETTER DZE)" in f.message.sv
    assert "characters that look like Latin letters but are not" in f.message.en


def test_rk201_failing_plain_typo_names_no_character() -> None:
    (f,) = check(goal("Uppfylls halt"), expect=[("RK201", 10)])
    assert f.message.sv == (
        'Statusen "Uppfylls halt" finns inte. Giltiga: Uppfylls helt, Uppfylls delvis,'
        " Uppfylls inte."
    )


# -- RK202 missing-goal-status -----------------------------------------------------


def test_rk202_failing_ingen_on_unit_goal_and_passing_in_plan() -> None:
    check(goal("Ingen"), expect=[("RK202", 10)])
    check(goal("Ingen", typ="VP"), expect=[], codes=["RK202"])


# -- RK204 unexplained-status ------------------------------------------------------


def test_rk204_failing_for_inte_passing_for_helt() -> None:
    check(goal("Uppfylls inte"), expect=[("RK204", 10)])
    check(goal("Uppfylls helt"), expect=[], codes=["RK204"])


# -- RK205 invalid-activity-status -------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        "klar",
        "KLAR",
        "genomförd",
        '"✓"',
        "avvikelse",
        "ej  klar",
        "Ej genomförd",
        '"!"',
        '""',
        "",
        '"   "',
    ],
)
def test_rk205_passing_vocabulary_case_spacing_and_blank(status: str) -> None:
    check(activity(status), expect=[], codes=["RK205"])


@pytest.mark.parametrize("status", ["pågår", "klart", "ej", "Uppfylls helt", "1", "✗", '"! !x"'])
def test_rk205_failing_words_outside_the_vocabulary(status: str) -> None:
    check(activity(status), expect=[("RK205", 13)])


@pytest.mark.parametrize("typ", ["VP", "T1", "T2", "VB"])
def test_rk205_failing_in_every_report_type(typ: str) -> None:
    check(activity("pågår", typ=typ), expect=[("RK205", 13)])


def test_rk205_passing_decomposed_genomford_matches_in_nfc() -> None:
    decomposed = "genomfo\u0308rd"  # o + COMBINING DIAERESIS, as some editors save it
    assert decomposed != "genomförd"
    check(activity(decomposed), expect=[], codes=["RK205"])
    check(activity(f"ej {decomposed}"), expect=[], codes=["RK205"])


def test_rk205_failing_names_an_invisible_character() -> None:
    (f,) = check(activity('"klar\\u200b"'), expect=[("RK205", 13)])
    assert "innehåller ett osynligt tecken U+200B" in f.message.sv
    assert "contains an invisible character U+200B" in f.message.en


def test_rk205_failing_names_several_invisible_characters_once_each() -> None:
    (f,) = check(activity('"\\ufeffklar\\u200b\\u200b"'), expect=[("RK205", 13)])
    assert "innehåller osynliga tecken U+FEFF (ZERO WIDTH NO-BREAK SPACE), U+200B" in f.message.sv
    assert f.message.sv.count("U+200B") == 1


def test_rk205_failing_names_a_look_alike_letter() -> None:
    # "а" is Cyrillic (U+0430).
    (f,) = check(activity("klаr"), expect=[("RK205", 13)])
    assert "U+0430 (CYRILLIC SMALL LETTER A)" in f.message.sv


def test_rk205_failing_one_finding_per_activity() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        inriktningsmål:
          - nummer: "3"
            verksamhetsområdesmål:
              - nummer: "3.4"
                aktiviteter:
                  - {aktivitet: Skyddsrond, status: pågår}
                  - {aktivitet: Brandövning, status: klar}
                  - {aktivitet: Medarbetarsamtal, status: påbörjad}
    """
    check(text, expect=[("RK205", 7), ("RK205", 9)])


# -- RK206 unexplained-activity-deviation -----------------------------------------


ENDED = Template(
    """
    rapport: {typ: $typ, år: 2023, enhet: Enheten}
    inriktningsmål:
      - nummer: "3"
        verksamhetsområdesmål:
          - nummer: "3.4"
            nämndmål:
              - titel: Nämndmålet
                enhetsmål:
                  - titel: Enhetsmålet
                    status: Uppfylls helt
                    aktiviteter:
                      - aktivitet: Ta fram rutin
                        startdatum: 2023-01-01
                        slutdatum: 2023-06-30
    """
)


def test_rk206_failing_unmarked_ended_activity_in_vb() -> None:
    check(ENDED.substitute(typ="VB"), expect=[("RK206", 12)])
    # passing: the same activity in a T1 is not judged ended-and-not-done
    check(ENDED.substitute(typ="T1"), expect=[], codes=["RK206"])


# -- RK207 status-contradicts-indicators ------------------------------------------


INDICATOR = Template(
    """
    rapport: {typ: VB, år: 2023, enhet: Enheten}
    inriktningsmål:
      - nummer: "3"
        verksamhetsområdesmål:
          - nummer: "3.4"
            nämndmål:
              - titel: Nämndmålet
                enhetsmål:
                  - titel: Enhetsmålet
                    status: $status
                    indikatorer:
                      - {namn: $name, utfall: "$outcome", årsmål: "$target"}
    """
)


@pytest.mark.parametrize(
    "status,name,outcome,target,expect",
    [
        # failing: higher is better and 69 < 81
        ("Uppfylls helt", "Aktivt Medskapandeindex", "69", "81", [("RK207", 10)]),
        # passing: lower is better and 2,3 % < 3,5 %
        ("Uppfylls helt", "Sjukfrånvaro dag 1-14", "2,3 %", "3,5 %", []),
        # passing: only a fully met goal is judged
        ("Uppfylls delvis", "Aktivt Medskapandeindex", "69", "81", []),
    ],
)
def test_rk207_direction_aware_and_only_for_fully_met(
    status: str, name: str, outcome: str, target: str, expect: list[tuple[str, int]]
) -> None:
    text = INDICATOR.substitute(status=status, name=name, outcome=outcome, target=target)
    check(text, expect=expect, codes=["RK207"])
