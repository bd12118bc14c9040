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


# -- Round 2: suggestions by meaning, {okänd}, avdelningsmål, RK207 sharper ------------


@pytest.mark.parametrize(
    ("status", "meant"),
    [
        ("Helt uppfyllt", "Uppfylls helt"),
        ("Uppfyllt", "Uppfylls helt"),
        ("Uppnått", "Uppfylls helt"),
        ("● Helt uppfyllt", "Uppfylls helt"),
        ("Delvis uppfyllt", "Uppfylls delvis"),
        ("Delvis", "Uppfylls delvis"),
        ("Inte helt uppfyllt", "Uppfylls delvis"),
        ("Ej uppfylld", "Uppfylls inte"),
        ("Inte uppfyllt", "Uppfylls inte"),
        ("Ej uppnått", "Uppfylls inte"),
        ("Uppfylles delvis", "Uppfylls delvis"),
        ("Uppfylls int", "Uppfylls inte"),
    ],
)
def test_rk201_failing_suggests_by_meaning_never_the_opposite(status: str, meant: str) -> None:
    (f,) = check(goal(f'"{status}"'), expect=[("RK201", 10)])
    assert f.suggestion is not None and f.suggestion.sv == f'Menade du "{meant}"?'


@pytest.mark.parametrize(
    ("status", "meant"),
    [
        ("Klart", "klar"),
        ("Genomfört", "klar"),
        ("Pågår", "avvikelse"),
        ("Påbörjad", "avvikelse"),
        ("Inte klar", "avvikelse"),
        ("ej påbörjad", "avvikelse"),
    ],
)
def test_rk205_failing_suggests_by_meaning(status: str, meant: str) -> None:
    (f,) = check(activity(status), expect=[("RK205", 13)])
    assert f.suggestion is not None and f.suggestion.sv == f'Menade du "{meant}"?'


def test_rk205_failing_without_a_meaning_gives_no_suggestion() -> None:
    (f,) = check(activity("blå"), expect=[("RK205", 13)])
    assert f.suggestion is None


@pytest.mark.parametrize("typ", ["VB", "T1", "VP"])
def test_unknown_goal_status_is_neither_missing_nor_invalid(typ: str) -> None:
    text = goal("{okänd: statusikonen saknas i exporten}", typ=typ)
    check(text, expect=[("RK107", 10)], codes=["RK201", "RK202", "RK203", "RK204", "RK207"])


def test_unknown_activity_status_is_neither_invalid_nor_a_deviation() -> None:
    text = activity("{okänd: ✓ eller ! saknas i exporten}")
    found = check(text, expect=[("RK107", 13)], codes=["RK205", "RK206"])
    assert found[0].message.sv.startswith(
        "Aktivitetens status kunde inte kontrolleras: ✓ eller ! saknas i exporten."
    )


# An avdelningsmål (line 9) with or without an enhetsmål of its own (line 12).
DEPARTMENT = Template(
    """
    rapport: {typ: $typ, år: 2023, enhet: Södra Skarpnäcks hemtjänst}
    inriktningsmål:
      - nummer: "1"
        verksamhetsområdesmål:
          - nummer: "1.4"
            nämndmål:
              - titel: Äldre lever ett tryggt liv
                avdelningsmål:
                  - nummer: "1.4.1.1"
                    titel: Äldre lever ett tryggt och meningsfullt liv
                    $status
                    $unit
    """
)


def department(status: str = "", unit: str = "", typ: str = "T1") -> str:
    return DEPARTMENT.substitute(status=status, unit=unit, typ=typ)


UNIT_BELOW = "enhetsmål: [{titel: Hemtjänsten erbjuder god kvalitet, status: Uppfylls helt}]"


def test_rk202_failing_an_avdelningsmal_without_unit_goals_needs_a_status() -> None:
    check(department(), expect=[("RK202", 9)])


def test_rk202_passing_an_avdelningsmal_with_unit_goals_may_lack_a_status() -> None:
    check(department(unit=UNIT_BELOW), expect=[], codes=["RK202"])


def test_rk202_passing_avdelningsmal_in_a_plan() -> None:
    check(department(typ="VP"), expect=[], codes=["RK202"])


def test_rk204_failing_an_avdelningsmal_partly_met_without_analysis() -> None:
    check(department(status="status: Uppfylls delvis"), expect=[("RK204", 11)])


# RK207: one enhetsmål (status on line 12) under a nämndmål with its indicator on line 9.
RK207_GOAL = Template(
    """
    rapport: {typ: VB, år: 2023, enhet: Enheten}
    inriktningsmål:
      - nummer: "1"
        verksamhetsområdesmål:
          - nummer: "1.4"
            nämndmål:
              - titel: Äldre får god omsorg
                indikatorer:
                  - {namn: $name, utfall: "$outcome", årsmål: $target, kf_årsmål: $kf}
                enhetsmål:
                  - titel: Hemtjänsten erbjuder god kvalitet
                    status: Uppfylls helt
    """
)


def rk207(name: str, outcome: str, target: str = "", kf: str = "") -> str:
    return RK207_GOAL.substitute(name=name, outcome=outcome, target=target or '""', kf=kf or '""')


@pytest.mark.parametrize(
    ("outcome", "target"),
    [
        ("12", '"Max 10"'),
        ("10 %", '"Högst 9 %"'),
        ("9 %", '"under 9 %"'),
        ("75 %", '"minst 80 %"'),
        ("80 %", '"över 80 %"'),
        ("9,5 procent", '"9 %"'),  # sjukfrånvaro: "procent" is "%", lower is better
    ],
)
def test_rk207_failing_direction_words_and_units(outcome: str, target: str) -> None:
    name = "Sjukfrånvaro" if "procent" in outcome else "Andel nöjda brukare"
    check(rk207(name, outcome, target), expect=[("RK207", 12)])


@pytest.mark.parametrize(
    ("outcome", "target"),
    [
        ("10", '"Max 10"'),
        ("9 %", '"Högst 9 %"'),
        ("8,9 %", '"under 9 %"'),
        ("80 %", '"minst 80 %"'),
        ("81 %", '"över 80 %"'),
        ("8 procent", '"9 %"'),
        ("95 %", "öka"),
    ],
)
def test_rk207_passing_direction_words_met(outcome: str, target: str) -> None:
    name = "Sjukfrånvaro" if "procent" in outcome else "Andel nöjda brukare"
    check(rk207(name, outcome, target), expect=[], codes=["RK207"])


@pytest.mark.parametrize(
    "name",
    [
        "Kontinuitet (antal personal per brukare under 14 dagar)",
        "Andel timanställda av arbetad tid",
        "Antal avvikelser",
    ],
)
def test_rk207_lower_is_better_for_continuity_hourly_staff_and_deviations(name: str) -> None:
    check(rk207(name, "14", "12"), expect=[("RK207", 12)])
    check(rk207(name, "11", "12"), expect=[], codes=["RK207"])


def test_rk207_failing_falls_back_to_the_kf_target() -> None:
    (f,) = check(rk207("Andel nöjda brukare", "80 %", kf='"90 %"'), expect=[("RK207", 12)])
    assert "90 % (KF:s årsmål)" in f.message.sv


def test_rk207_passing_own_target_comes_before_kf() -> None:
    text = rk207("Andel nöjda brukare", "85 %", target='"80 %"', kf='"90 %"')
    check(text, expect=[], codes=["RK207"])


def test_rk207_judges_only_the_goal_the_indicator_belongs_to() -> None:
    # Two sibling enhetsmål under the nämndmål: its missed indicator belongs to neither.
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        inriktningsmål:
          - nummer: "1"
            verksamhetsområdesmål:
              - nummer: "1.4"
                nämndmål:
                  - titel: Äldre får god omsorg
                    indikatorer:
                      - {namn: Andel nöjda brukare, utfall: "70 %", årsmål: "90 %"}
                    enhetsmål:
                      - titel: Hemtjänsten erbjuder god kvalitet
                        status: Uppfylls helt
                        indikatorer:
                          - {namn: Andel genomförandeplaner, utfall: "70 %", årsmål: "90 %"}
                      - titel: Medarbetarna har rätt kompetens
                        status: Uppfylls helt
        """
    check(text, expect=[("RK207", 12)])


# One activity (line 7) of a $typ for 2021, ending $end, with its status and analysis.
PAST_END = Template(
    """
    rapport: {typ: $typ, år: 2021, enhet: Stöd- och aktivitetsenheten}
    inriktningsmål:
      - nummer: "1"
        verksamhetsområdesmål:
          - nummer: "1.4"
            aktiviteter:
              - aktivitet: Stärka den digitala delaktigheten.
                status: $status
                startdatum: 2021-02-02
                slutdatum: $end
                analys: "$analysis"
    """
)


def past_end(analysis: str, status: str = '""', end: str = "2021-12-31", typ: str = "VB") -> str:
    return PAST_END.substitute(analysis=analysis, status=status, end=end, typ=typ)


@pytest.mark.parametrize(
    "analysis",
    [
        "Arbetsgruppen fortsätter sitt arbete under 2022.",
        "Enheten har inte påbörjat arbetet.",
        "Arbetet har ännu inte startat på grund av pandemin.",
        "Utbildningen kommer att genomföras under våren.",
        "Kartläggningen återstår och görs under nästa år.",
    ],
)
def test_rk208_failing_ended_activity_that_goes_on_or_never_began(analysis: str) -> None:
    (f,) = check(past_end(analysis), expect=[("RK208", 7)], codes=["RK206", "RK702"])
    assert f.severity.value == "warning"


def test_rk208_failing_marked_done_is_an_error_and_rk702_stays_silent() -> None:
    text = past_end("Arbetet har inte kunnat påbörjas som planerat.", status="klar")
    (f,) = check(text, expect=[("RK208", 8)], codes=["RK206", "RK702"])
    assert f.severity.value == "error" and "markerad klar" in f.message.sv


def test_rk208_failing_a_tertial_report_ends_in_april() -> None:
    text = past_end("Arbetet fortsätter under 2022.", end="2021-03-31", typ="T1")
    check(text, expect=[("RK208", 7)])


@pytest.mark.parametrize(
    ("analysis", "end"),
    [
        # done, and what goes on is ordinary work
        ("Aktiviteten är genomförd. Arbetet fortsätter i ordinarie verksamhet under 2022.", None),
        # the administration's work, not the unit's
        ("Förvaltningen fortsätter kartläggningen under 2022.", None),
        # part of the work
        ("Några av mötena har inte kunnat påbörjas. Övriga är genomförda.", None),
        # a rule for how the work is done
        ("Insatsen ska påbörjas inom två veckor från beslut.", None),
        # no time after the end date
        ("Arbetet fortsätter och följs upp på APT.", None),
        # a time in the year itself
        ("Arbetet kommer att slutföras under hösten 2021 och är nu klart.", None),
        # the end date has not passed
        ("Arbetsgruppen fortsätter sitt arbete under 2022.", "2022-06-30"),
    ],
)
def test_rk208_near_misses(analysis: str, end: str | None) -> None:
    check(past_end(analysis, end=end or "2021-12-31"), expect=[], codes=["RK208"])


def test_rk208_passing_an_activity_the_unit_only_lists() -> None:
    text = past_end("x").replace('    analys: "x"\n', "")
    assert "analys" not in text
    check(text, expect=[], codes=["RK208"])


@pytest.mark.parametrize("status", ["avvikelse", "{okänd: markeringen saknas i exporten}"])
def test_rk208_near_miss_marked_as_a_deviation_or_mark_lost(status: str) -> None:
    text = past_end("Arbetsgruppen fortsätter sitt arbete under 2022.", status=status)
    check(text, expect=[], codes=["RK208"])


def test_rk208_a_deviation_note_does_not_silence_it() -> None:
    """A deviation whether or not a note exists: only the mark "!" reports it as one."""
    note = '    avvikelse: "Arbetet har inte påbörjats på grund av personalbrist."\n'
    unmarked = past_end("x").replace('    analys: "x"\n', note)
    assert "avvikelse:" in unmarked
    check(unmarked, expect=[("RK208", 7)], codes=["RK208"])
    flagged = past_end("x", status="avvikelse").replace('    analys: "x"\n', note)
    check(flagged, expect=[], codes=["RK208"])
    ticked = past_end("x", status="klar").replace('    analys: "x"\n', note)
    check(ticked, expect=[("RK208", 8)])


# An unmarked activity (line 7) ended in the year, with no note or analysis, on a KF goal.
LISTED = Template(
    """
    rapport: {typ: VB, år: 2020, enhet: Beställarenheten äldre}
    inriktningsmål:
      - nummer: "1"
        verksamhetsområdesmål:
          - nummer: "1.1"
            aktiviteter:
              - aktivitet: $text
                startdatum: 2020-01-01
                slutdatum: 2020-12-31
    """
)


@pytest.mark.parametrize(
    "text",
    [
        "Förvaltningens verksamheter ska verka för att öka sitt mottagande av praktikanter.",
        "Förvaltningen kommer under året att fortsätta arbetet med heltidsresan.",
        "Stadsdelsnämnderna ska i samarbete med socialnämnden säkerställa rutinerna.",
    ],
)
def test_rk206_near_miss_the_administrations_own_activity_only_listed(text: str) -> None:
    check(LISTED.substitute(text=text), expect=[], codes=["RK206"])


def test_rk206_failing_an_unnamed_activity_or_the_units_own() -> None:
    check(LISTED.substitute(text="Allmän visstidsanställning minimeras."), expect=[("RK206", 7)])
    check(LISTED.substitute(text="Enheten ska införa nya rutiner."), expect=[("RK206", 7)])
