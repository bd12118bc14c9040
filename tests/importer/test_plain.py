"""The plain export (a PDF's text in reading order): the specimen and one fixture per feature.

Fixtures are written line by line between bars, ``|text |``, because the end of a line
matters in this kind: a line ends with a space unless it was wrapped inside a word, and
an empty cell leaves its space. A line outside bars is left out (use ``||`` for a blank).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from checker.importer import import_source, import_text
from checker.importer.fidelity import KINDS, as_exported, compare
from tests.conftest import ROOT, CheckFn, cli_json
from tests.shared import PLAIN_EXPORTS, SEED_EXPORTS, need

CLEAN = ROOT / "sample_reports" / "clean"


def plain(text: str) -> str:
    """The lines written between bars, exactly."""
    out = []
    for raw in text.splitlines():
        raw = raw.strip()
        if raw.startswith("|") and raw.endswith("|") and len(raw) >= 2:
            out.append(raw[1:-1])
    return "\n".join(out) + "\n"


COVER = """
    ||
    |Verksamhetsberättelse 2024  |
    |Enheten Exempelgården  |
    ||
    |Tjänsteutlåtande |
    |Dnr: HÅ 2024/1 |
    ||
    |2025-02-14 |
    ||
    |Handläggare  Till |
    |Anna Exempel & Per Prov Exempelstadens stadsdelsnämnd |
    |Telefon: |
    ||
    |start.stockholm |
    ||
    |Enheten Exempelgården, Verksamhetsberättelse 2(5) |
    |Sammanfattande analys |
    |Enheten har nått sina mål. |
    ||
    |Uppföljning av Kommunfullmäktiges inriktningsmål |
    ||
    |KF:s inriktningsmål: 1. Ett Stockholm som håller samman |
    ||
    | Ingen |
    ||
    |KF:s mål för verksamhetsområdet: 1.3 Stockholms stad ska ge stöd och omsorg där |
    |behoven är som störst |
    ||
    | Ingen |
    ||
    |Nämndmål: Brukarna är nöjda |
    ||
    | Ingen |
    ||
    |Enhetsmål: Brukarna är delaktiga |
    ||
    | Uppfylls helt |
    ||
    |Förväntat resultat |
    ||
    |Brukarna känner sig delaktiga. |
"""

CLOSING = """
    ||
    |Uppföljning av ekonomi |
    ||
    |Analys av resultaträkning - uppföljning av driftbudget |
    ||
    |Budgeten är i balans. |
    ||
    |Systematiskt kvalitetsarbete |
    ||
    |Synpunkter följs upp varje månad. |
    ||
    |Övrigt |
    |Inget att tillägga. |
"""


def report(body: str = "", closing: str = CLOSING, cover: str = COVER) -> str:
    return plain(cover + body + closing)


def imported(text: str) -> dict[str, Any]:
    return import_text(text, "export.txt").data


def unit_goal(data: dict[str, Any]) -> dict[str, Any]:
    goal = data["inriktningsmål"][0]["verksamhetsområdesmål"][0]["nämndmål"][0]["enhetsmål"][0]
    assert isinstance(goal, dict)
    return goal


# -- the specimen ------------------------------------------------------------------


def test_the_specimen_imports_as_the_clean_sample_says_field_for_field() -> None:
    for path in need(PLAIN_EXPORTS, "*.txt"):
        reference = yaml.safe_load((CLEAN / f"{path.stem}.yaml").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        comparison = compare(import_source(path).data, as_exported(reference, text))
        for kind in KINDS:
            score = comparison.scores[kind]
            assert score.only_imported == [] and score.only_reference == [], (path.name, kind)
            assert score.reference > 0 or kind == "textavsnitt", (path.name, kind)


def test_the_specimen_checks_clean_but_for_the_icons_it_lost() -> None:
    for path in need(PLAIN_EXPORTS, "*.txt"):
        code, result = cli_json(str(path))
        findings = result["findings"]
        assert code == 0, findings
        # only "could not be verified" for the ✓, ! and ♀ the export dropped
        assert findings and {f["code"] for f in findings} == {"RK107"}, findings
        assert all("sidan" not in f["message"] for f in findings)


# -- the header --------------------------------------------------------------------


def test_author_and_committee_merged_on_one_line_are_split_by_the_committee_word() -> None:
    header = imported(report())["rapport"]
    assert header["handläggare"] == "Anna Exempel & Per Prov"
    assert header["nämnd"] == "Exempelstadens stadsdelsnämnd"
    assert "till" not in header


def test_a_units_own_document_keeps_its_addressee_apart_from_the_committee() -> None:
    cover = COVER.replace(
        "|Anna Exempel & Per Prov Exempelstadens stadsdelsnämnd |",
        "|Marie Karlsson Enheten Exempelgården |",
    )
    header = imported(report(cover=cover))["rapport"]
    assert header["handläggare"] == "Marie Karlsson"
    assert header["till"] == "Enheten Exempelgården"
    assert "nämnd" not in header


def test_an_author_that_nothing_separates_from_the_addressee_is_unknown() -> None:
    cover = COVER.replace(
        "|Anna Exempel & Per Prov Exempelstadens stadsdelsnämnd |",
        "|Anna Exempel Kvalitetsgruppen Norr |",
    )
    data = imported(report(cover=cover))
    assert "handläggare" not in data["rapport"] and "nämnd" not in data["rapport"]
    assert any("Anna Exempel Kvalitetsgruppen Norr" in e["text"] for e in data["ej_placerat"])


def test_the_seeds_own_documents_leave_the_committee_unknown() -> None:
    for path in need(SEED_EXPORTS, "00[123]_*.txt"):
        header = import_source(path).data["rapport"]
        assert "nämnd" not in header, path.name
        assert header["till"] == header["enhet"], path.name


# -- tables ------------------------------------------------------------------------

INDICATORS = """
    |  Indikator Periodens |
    |utfall |
    ||
    |Utfall |
    |män/ |
    |pojkar |
    ||
    |Utfall |
    |kvinnor/ |
    |flickor |
    ||
    |Utfall VB |
    |2023 Årsmål KF:s |
    ||
    |årsmål Period |
    ||
    | |
    ||
    |Andel brukare som känner |
    |sig delaktiga |
    ||
    |92 % 90 % 94 % 88 % 90 %  VB 2024 |
    ||
    |Sjukfrånvaro 6,1 %  6,8 % 7,0 % 7 % Tas fram |
    |av |
    |nämnd/s|
    |tyrelse |
    ||
    |VB 2024 |
    ||
    |Analys |
    ||
    |Sjukfrånvaron har minskat. |
    ||
    | |
    |Aktivt Medskapandeindex 82   80 81 9 000 st 2024 |
"""


def test_an_indicator_table_is_read_by_its_columns() -> None:
    indicators = unit_goal(imported(report(INDICATORS)))["indikatorer"]
    assert [i["namn"] for i in indicators] == [
        "Andel brukare som känner sig delaktiga",
        "Sjukfrånvaro",
        "Aktivt Medskapandeindex",
    ]
    first, second, third = indicators
    # a wrapped name, then its values on a line of their own; the empty KF target's space
    assert (first["utfall"], first["utfall_män"], first["årsmål"]) == ("92 %", "90 %", "90 %")
    assert "kf_årsmål" not in first and first["period"] == "VB 2024"
    assert first["föregående_rubrik"] == "Utfall VB 2023"
    # an empty cell in the middle, and a cell wrapped inside a word, the period after it
    assert "utfall_män" not in second and second["utfall_kvinnor"] == "6,8 %"
    assert second["kf_årsmål"] == "Tas fram av nämnd/styrelse"
    assert second["period"] == "VB 2024" and second["analys"] == "Sjukfrånvaron har minskat."
    # two empty cells are three spaces; a value holds a space itself
    assert "utfall_män" not in third and "utfall_kvinnor" not in third
    assert (third["utfall"], third["utfall_föregående"], third["årsmål"]) == ("82", "80", "81")
    assert (third["kf_årsmål"], third["period"]) == ("9 000 st", "2024")


def test_an_icon_the_export_lost_is_unknown_never_false() -> None:
    indicators = unit_goal(imported(report(INDICATORS)))["indikatorer"]
    assert all(set(i["könsuppdelad"]) == {"okänd"} for i in indicators)


def test_a_header_row_repeated_after_a_page_break_in_the_middle_of_a_row() -> None:
    broken = INDICATORS.replace(
        "    |av |\n",
        "    |av |\n    ||\n    |Enheten Exempelgården, Verksamhetsberättelse 3(5) |\n"
        + "\n".join(INDICATORS.splitlines()[1:17])
        + "\n",
    )
    indicators = unit_goal(imported(report(broken)))["indikatorer"]
    assert len(indicators) == 3
    assert indicators[1]["kf_årsmål"] == "Tas fram av nämnd/styrelse"
    assert indicators[1]["period"] == "VB 2024"


ACTIVITIES = """
    |   Aktivitet Startdatum Slutdatum Avvikelse |
    ||
    |  Upprätta kompetensplaner för alla |
    |  medarbetare |
    ||
    |2024-02-01 2024-12-31 Försenad på grund av |
    |chefsbyte. |
    ||
    |Analys |
    ||
    |Hälften är klara. |
    ||
    |  Öva kontinuitetsplanen |
    ||
    | |
    |Enheten Exempelgården, Verksamhetsberättelse 4(5) |
    |    Aktivitet Startdatum Slutdatum Avvikelse |
    ||
    | 2024-10-31  |
"""


def test_activities_are_indented_text_then_dates_then_deviation_then_analysis() -> None:
    activities = unit_goal(imported(report(ACTIVITIES)))["aktiviteter"]
    first, second = activities
    assert first["aktivitet"] == "Upprätta kompetensplaner för alla medarbetare"
    assert (first["startdatum"], first["slutdatum"]) == ("2024-02-01", "2024-12-31")
    assert first["avvikelse"] == "Försenad på grund av chefsbyte."
    assert first["analys"] == "Hälften är klara."
    # the page broke between the text and its dates, the header repeated; the start is empty
    assert second["aktivitet"] == "Öva kontinuitetsplanen"
    assert "startdatum" not in second and second["slutdatum"] == "2024-10-31"
    assert all(set(a["status"]) == {"okänd"} for a in activities)


COMPLAINTS = """
    ||
    |Redovisning av synpunkter och klagomål |
    ||
    |Uppdelning Klagomål/synpunkter/kategori|
    |er |
    ||
    |Utfall |
    |T1 |
    ||
    |Utfall |
    |T2 |
    ||
    |Utfall |
    |VB |
    ||
    |Totalt |
    |ack. |
    |Utfall |
    ||
    |Sammanfattning och |
    |planerade åtgärder |
    ||
    |Beröm |
    | |
    | |
    ||
    |Antal beröm 2 1 3 6 st  |
    ||
    |Brukare/patient 1 1  2 st  |
    ||
    |Medarbetare/verksamhet inom |
    |förvaltningen |
    ||
    |     |
    ||
    |Närstående (anhörig, god man, |
    |etc.) |
    ||
    |  1 1 st  |
    ||
    |Från vem har |
    |klagomål, synpunkt |
    |eller avvikelser |
    |inkommit? |
    | |
    | |
    ||
    |Lex Maria      Varav antal |
    |avvikelser som lett |
    |till (ej incidenter som |
    |rapporteras i IA) |
    | |
    ||
    |Lex Sarah  3 1 4  st Utredd och |
    |avslutad. |
    ||
    |Återkoppling |
    | |
    ||
    |Antal klagomål där återkoppling |
    |har lämnats |
    ||
    |1 1 1 3 st  |
    ||
    | Alla klagomål har besvarats. |
"""


def test_the_complaints_table_with_wrapped_labels_and_group_labels_after_their_rows() -> None:
    closing = CLOSING.replace("    ||\n    |Övrigt |", COMPLAINTS + "    ||\n    |Övrigt |")
    complaints = imported(report(closing=closing))["kvalitetsarbete"]["klagomål"]
    assert complaints["beröm"] == {
        "kategori": "Antal beröm",
        "t1": "2",
        "t2": "1",
        "vb": "3",
        "totalt": "6 st",
    }
    # rows without figures are empty, not written; a wrapped label is one label
    assert complaints["från_vem"] == [
        {"kategori": "Brukare/patient", "t1": "1", "t2": "1", "totalt": "2 st"},
        {"kategori": "Närstående (anhörig, god man, etc.)", "vb": "1", "totalt": "1 st"},
    ]
    assert complaints["lex_maria"] == {"kategori": "Lex Maria"}
    # the Lex row's unit word set two spaces apart; a summary that wraps
    assert complaints["lex_sarah"] == {
        "kategori": "Lex Sarah",
        "t2": "3",
        "vb": "1",
        "totalt": "4 st",
        "sammanfattning": "Utredd och avslutad.",
    }
    assert complaints["återkoppling"]["totalt"] == "3 st"
    assert complaints["sammanfattning"] == "Alla klagomål har besvarats."


def test_a_complaints_table_that_is_there_is_never_reported_missing(check: CheckFn) -> None:
    closing = CLOSING.replace("    ||\n    |Övrigt |", COMPLAINTS + "    ||\n    |Övrigt |")
    found = check(report(closing=closing), name="export.txt")
    assert not [f for f in found if f.code == "RK101" and "klagomål" in f.message.sv]


BUDGET = """
    ||
    |Beloppen |
    |anges i tkr |
    ||
    | Utfall 2024 Budget Avvikelse |
    ||
    |Intäkter    |
    |Försäljning av verksamhet 12 400 12 000 400 |
    |Övriga externa |
    |intäkter |
    ||
    |150  -50 |
    |Summa intäkter 12 550 12 200 350 |
    |Kostnader    |
    |Personalkostnader 15 900 15 600 -300 |
    |Summa kostnader 15 900 15 600 -300 |
    |Summa netto 3 350 3 400 50 |
"""


def test_the_income_statement_reads_amounts_that_hold_spaces() -> None:
    closing = CLOSING.replace("|Budgeten är i balans. |", "|Budgeten är i balans. |" + BUDGET)
    statement = imported(report(closing=closing))["ekonomi"]["resultaträkning"]
    assert statement["enhet"] == "tkr" and statement["utfall_rubrik"] == "Utfall 2024"
    assert statement["intäkter"] == [
        {
            "rad": "Försäljning av verksamhet",
            "utfall": "12 400",
            "budget": "12 000",
            "avvikelse": "400",
        },
        # a wrapped label, its amounts on their own line, the empty budget's space kept
        {"rad": "Övriga externa intäkter", "utfall": "150", "avvikelse": "-50"},
    ]
    assert statement["summa_netto"] == {
        "rad": "Summa netto",
        "utfall": "3 350",
        "budget": "3 400",
        "avvikelse": "50",
    }


# -- page furniture ----------------------------------------------------------------


def test_a_running_head_glued_to_the_first_line_of_a_page_is_removed() -> None:
    body = INDICATORS.replace(
        "    |Aktivt Medskapandeindex",
        "    |Enheten Exempelgården, Verksamhetsberättelse 3(5) Aktivt Medskapandeindex",
    )
    data = imported(report(body))
    assert unit_goal(data)["indikatorer"][2]["namn"] == "Aktivt Medskapandeindex"
    assert "Verksamhetsberättelse 3(5)" not in yaml.safe_dump(data, allow_unicode=True)


# -- what cannot be placed ---------------------------------------------------------

STRAY = """
    ||
    |KF:s mål för verksamhetsområdet: 1.4 Stockholm är tryggt |
    ||
    | Ingen |
    ||
    |En rad som inte hör till något fält. |
    |Och en till. |
    ||
    |Ett tredje stycke. |
"""


def test_text_that_cannot_be_placed_gives_one_finding_per_section_with_its_lines(
    check: CheckFn,
) -> None:
    text = report(STRAY)
    data = imported(text)
    [entry] = data["ej_placerat"]
    first = text.splitlines().index("En rad som inte hör till något fält. ") + 1
    assert (entry["rad"], entry["till_rad"], entry["rader"]) == (first, first + 3, 3)
    assert entry["avsnitt"] == "KF 1.4" and "sida" not in entry
    [finding] = [f for f in check(text, name="export.txt") if f.code == "RK108"]
    assert f"3 rader under KF 1.4, rad {first}–{first + 3}" in finding.message.sv
    assert finding.line == first


def test_findings_on_a_text_export_name_lines_never_a_page(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(report(STRAY + ACTIVITIES), encoding="utf-8")
    code, result = cli_json(str(path))
    findings = result["findings"]
    assert code in (0, 1) and findings
    assert all(f["line"] > 1 for f in findings if f["code"] in ("RK107", "RK108"))
    assert all("sidan" not in f["messages"]["sv"] for f in findings)
    assert all("page" not in f["messages"]["en"] for f in findings)
