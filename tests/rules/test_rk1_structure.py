"""RK1 structure beyond the documented examples: the header's fields and its date."""

from __future__ import annotations

import textwrap
from string import Template

import pytest

from tests.rules import check

# A complete header; the date is on line 5.
HEADER = Template(
    """
    rapport:
      typ: VB
      år: 2023
      enhet: Enheten för personligt stöd
      datum: $date
      handläggare: Kamran Ronaghi
      dnr: HÅ 2023/643
    """
)


@pytest.mark.parametrize("date", ["2024-02-21", '"2024-02-21"', "2024-02-29", "2023-12-31"])
def test_rk103_passing_real_dates(date: str) -> None:
    check(HEADER.substitute(date=date), expect=[], codes=["RK103"])


@pytest.mark.parametrize(
    "date",
    [
        "2023-02-30",  # no such day
        "2023-02-29",  # not a leap year
        "2024-13-01",  # no such month
        "21 februari 2024",  # a date, but not written ÅÅÅÅ-MM-DD
        '"20240221"',  # ISO 8601's basic form: not what the format asks for
        "2024-2-21",
        "snart",
    ],
)
def test_rk103_failing_dates_that_are_not_real_or_not_written_iso(date: str) -> None:
    (f,) = check(HEADER.substitute(date=date), expect=[("RK103", 5)])
    date = date.strip('"')
    assert f.severity == "warning"
    assert f.message.sv == (
        f'Rapporthuvudet saknar ett giltigt datum ("{date}" är inget datum).'
        " Skriv datumet som ÅÅÅÅ-MM-DD."
    )
    assert f.message.en.startswith(f'The header lacks a valid date ("{date}" is not a date).')


def test_rk103_failing_missing_date_keeps_its_message() -> None:
    (f,) = check(HEADER.substitute(date='""'), expect=[("RK103", 5)])
    assert f.message.sv == 'Rapporthuvudet saknar datum. Lägg till "datum:" under "rapport:".'
    assert f.message.en == 'The header lacks the date. Add "datum:" under "rapport:".'


def test_rk103_passing_a_date_that_is_not_text_is_left_to_the_schema() -> None:
    found = check(HEADER.substitute(date="2024"), expect=[("RK104", 5)], codes=["RK103"])
    assert [f.code for f in found] == ["RK104"]


def test_rk103_failing_missing_fields_with_their_severities() -> None:
    text = """
        rapport:
          typ: VB
          nämnd: Hägersten-Älvsjö stadsdelsnämnd
          datum: 2024-02-21
        """
    found = check(text, expect=[("RK103", 1)] * 4)
    by_field = {f.path.rsplit("/", 1)[-1]: f.severity for f in found}
    assert by_field == {"år": "error", "enhet": "error", "handläggare": "warning", "dnr": "warning"}


# A header whose kind decides whether Dnr and date are asked for; nämnd on line 5.
KIND = Template(
    """
    rapport:
      typ: VB
      år: 2021
      enhet: Stöd- och aktivitetsenheten
      nämnd: $to
      handläggare: Marie Aggesund Karlsson
      $kind
    """
)


@pytest.mark.parametrize(
    ("to", "kind"),
    [
        ("Stöd- och aktivitetsenheten", ""),  # "Till <enheten>": seeds 001-003
        ("stöd- och  aktivitetsenheten", ""),  # the same, case and spacing aside
        ("Stöd- och aktivitetsenheten", "dokumenttyp: enhetens_dokument"),
        ("Hägersten-Älvsjö stadsdelsnämnd", "dokumenttyp: enhetens_dokument"),  # written wins
        ("Avdelningen för äldreomsorg", ""),  # not a committee
    ],
)
def test_rk103_passing_a_units_own_document_is_not_asked_for_dnr_or_date(
    to: str, kind: str
) -> None:
    check(KIND.substitute(to=to, kind=kind), expect=[], codes=["RK103"])


@pytest.mark.parametrize(
    ("to", "kind"),
    [
        ("Hägersten-Älvsjö stadsdelsnämnd", ""),  # a Tjänsteutlåtande to the committee: seed 000
        ("Äldrenämnden", ""),
        ('""', ""),  # addressed to no one: nothing says it is the unit's own
        ("Stöd- och aktivitetsenheten", "dokumenttyp: tjänsteutlåtande"),  # written wins
    ],
)
def test_rk103_failing_a_statement_to_the_committee_needs_dnr_and_date(to: str, kind: str) -> None:
    found = check(KIND.substitute(to=to, kind=kind), expect=[("RK103", 1)] * 2)
    assert sorted(f.path.rsplit("/", 1)[-1] for f in found) == ["datum", "dnr"]


def test_rk103_failing_a_units_own_document_with_a_wrong_date_is_still_reported() -> None:
    text = KIND.substitute(to="Stöd- och aktivitetsenheten", kind="datum: 2021-02-30")
    check(text, expect=[("RK103", 7)])


def test_rk103_failing_a_header_with_a_dnr_is_a_statement_and_needs_its_date() -> None:
    text = KIND.substitute(to="Stöd- och aktivitetsenheten", kind="dnr: HÅ 2021/12")
    (f,) = check(text, expect=[("RK103", 1)])
    assert f.path.endswith("/datum")


# -- RK101 and RK102 -----------------------------------------------------------------


def test_rk101_failing_names_only_the_missing_parent() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten, datum: 2024-02-21}
        sammanfattande_analys: Året har präglats av …
        inriktningsmål:
          - {nummer: "1", titel: Ett Stockholm som håller samman}
        ekonomi:
          analys: Enheten redovisar ett överskott.
        """
    (f,) = check(text, expect=[("RK101", 1)])
    assert f.path == "/kvalitetsarbete"


def test_rk102_passing_not_applicable_with_a_reason_and_failing_without() -> None:
    plan = Template(
        """
        rapport: {typ: VP, år: 2023, enhet: Södra Skarpnäcks hemtjänst}
        ekonomi:
          resursanvändning: Enheten har 40 medarbetare.
          budget:
            ej_tillämpligt: $reason
        """
    )
    check(plan.substitute(reason="Budgeten fastställs av nämnden."), expect=[], codes=["RK102"])
    check(plan.substitute(reason='""'), expect=[("RK102", 4)])


# -- RK107, RK108 and one typo, one finding ---------------------------------------------


def test_rk107_failing_unknown_gender_split_is_not_treated_as_split() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        inriktningsmål:
          - nummer: "3"
            verksamhetsområdesmål:
              - nummer: "3.4"
                indikatorer:
                  - namn: Sjukfrånvaro
                    könsuppdelad: {okänd: ♀-markeringen kan ha fallit bort i exporten}
                    utfall: "9,5 %"
        """
    (f,) = check(text, expect=[("RK107", 8)], codes=["RK301", "RK104"])
    assert "♀-markeringen kan ha fallit bort i exporten" in f.message.sv


def test_rk108_failing_one_finding_per_unplaced_text_with_its_line() -> None:
    text = """
        rapport: {typ: VB, år: 2020, enhet: Beställarenheten äldre}
        ej_placerat:
          - {rad: 42, text: Bilagor}
          - {rad: 61, sida: 3, text: Sidfot}
        """
    found = check(text, expect=[("RK108", 3), ("RK108", 4)])
    assert "på rad 42 i källan" in found[0].message.sv
    assert "på rad 61, sidan 3, i källan" in found[1].message.sv
    assert "flytta den till rätt avsnitt" in found[0].message.sv


CASCADE = [
    "RK101",
    "RK102",
    "RK103",
    "RK201",
    "RK202",
    "RK204",
    "RK305",
    "RK506",
]


def test_one_misspelt_key_gives_one_finding() -> None:
    text = """
        rapport:
          typ: VB
          år: 2023
          enhet: Enheten
          nämnd: Hägersten-Älvsjö stadsdelsnämnd
          dnr: HÅ 2023/643
          datm: 2024-02-21
          handläggare: A
        sammanfattande_analys: Året …
        inriktningsmål:
          - nummer: "3"
            verksamhetsområdesmål:
              - nummer: "3.4"
                nämndmål:
                  - titel: Attraktiv arbetsgivare
                    enhetsmål:
                      - titel: God arbetsmiljö
                        statsu: Uppfylls delvis
                        analyss: Sjukfrånvaron steg.
        ekonomi:
          analyss: Enheten redovisar ett överskott.
        kvalitetsarbete:
          text: Avvikelser följs upp varje månad.
          klagomål:
            lex_sarah: {kategori: Lex Sarah}
        """
    found = check(text, expect=[("RK104", n) for n in (7, 18, 19, 21)], codes=CASCADE)
    assert {f.suggestion.sv for f in found if f.suggestion} == {
        'Menade du "datum"?',
        'Menade du "status"?',
        'Menade du "analys"?',
    }


def test_a_misspelt_key_still_has_its_value_judged() -> None:
    # "statsu" meant status: its value is judged as a status (RK201), not reported missing.
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        inriktningsmål:
          - nummer: "3"
            verksamhetsområdesmål:
              - nummer: "3.4"
                nämndmål:
                  - titel: Attraktiv arbetsgivare
                    enhetsmål:
                      - titel: God arbetsmiljö
                        statsu: Uppfylles helt
        """
    check(text, expect=[("RK104", 10), ("RK201", 10)], codes=["RK202"])


def test_a_key_with_several_close_matches_is_not_guessed() -> None:
    # "utfal" is close to utfall, utfall_män and utfall_kvinnor: nothing is assumed.
    from checker.read.validate import meant_key

    assert (
        meant_key(("inriktningsmål", 0, "verksamhetsområdesmål", 0, "indikatorer", 0, "utfal"))
        is None
    )
    assert meant_key(("ekonomi", "analyss")) == "analys"


# One enhetsmål (line 9) of a report of type $type, with the parts given.
GOAL = Template(
    """
    rapport: {typ: $type, år: 2023, enhet: Enheten}
    inriktningsmål:
      - nummer: "1"
        verksamhetsområdesmål:
          - nummer: "1.4"
            nämndmål:
              - titel: Äldre lever ett tryggt liv
                enhetsmål:
                  - titel: Brukarna känner sig trygga
    """
)
ALL_PARTS = {
    "arbetssätt": "Fast omsorgskontakt.",
    "resursanvändning": "Schemat planeras efter kontinuitet.",
    "uppföljning": "Brukarundersökningen.",
    "utveckling": "Nyckelfri hemtjänst.",
}


def goal(type_: str, **parts: str) -> str:
    text = textwrap.dedent(GOAL.substitute(type=type_)).lstrip("\n")
    return text + "".join(f"                {k}: {v}\n" for k, v in parts.items())


def test_rk109_failing_one_finding_names_every_missing_part() -> None:
    (f,) = check(goal("VP", arbetssätt="Fast omsorgskontakt."), expect=[("RK109", 9)])
    assert "Resursanvändning, Uppföljning och Utveckling" in f.message.sv


def test_rk109_failing_a_heading_alone_is_not_content() -> None:
    parts = {**ALL_PARTS, "utveckling": "{rubrik: Utveckling}"}
    (f,) = check(goal("VP", **parts), expect=[("RK109", 9)])
    assert "saknar Utveckling," in f.message.sv


def test_rk109_passing_all_parts_or_not_applicable() -> None:
    check(goal("VP", **ALL_PARTS), expect=[], codes=["RK109"])
    parts = {**ALL_PARTS, "utveckling": "{ej_tillämpligt: Arbetssättet behålls}"}
    check(goal("VP", **parts), expect=[], codes=["RK109"])


def test_rk109_near_miss_an_annual_report_needs_no_plan_parts() -> None:
    check(goal("VB", status="Uppfylls helt", analys="Målet nåddes."), expect=[], codes=["RK109"])


def sections(*texts: str) -> str:
    """A VB whose Sammanfattande analys holds one sub-section per text (text on line 5, 7 …)."""
    body = "".join(f"    - rubrik: Rubrik {i}\n      text: {t}\n" for i, t in enumerate(texts))
    return (
        "rapport: {typ: VB, år: 2020, enhet: Enheten}\nsammanfattande_analys:\n  avsnitt:\n" + body
    )


def test_rk110_failing_broken_sentence_and_continuation_under_next_heading() -> None:
    (f,) = check(sections("Tyvärr har", "också detta arbete fått pausas."), expect=[("RK110", 5)])
    assert "börjar mitt i en mening" in f.message.sv
    # a broken end alone is enough
    check(sections("Enheten kommer att", "Arbetet pausades."), expect=[("RK110", 5)])
    # a continuation alone is enough
    check(sections("Arbetet med rutinerna", "pausades under våren."), expect=[("RK110", 5)])


@pytest.mark.parametrize(
    "texts",
    [
        ("Inga investeringar.", "Arbetet pausades."),  # a short whole sentence
        ("Beställarenheten äldre", "Arbetet pausades."),  # a heading repeated as text
        ("Se Övrigt", "Arbetet pausades."),  # a pointer, and the next text is a sentence
        (  # a long text that ends without a full stop is not a fragment
            "Enheten har arbetat med rutiner för social dokumentation hela året och",
            "Arbetet pausades.",
        ),
    ],
)
def test_rk110_near_misses(texts: tuple[str, str]) -> None:
    check(sections(*texts), expect=[], codes=["RK110"])
