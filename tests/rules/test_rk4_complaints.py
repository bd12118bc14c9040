"""RK4 complaints beyond the documented examples: edge cases, each named failing or passing."""

from __future__ import annotations

from string import Template

import pytest

from tests.rules import check

# -- RK401 lex-sarah-total-mismatch and RK402 complaints-total-mismatch ------------


LEX_SARAH = Template(
    """
    rapport: {typ: $typ, år: 2023, enhet: Enheten}
    kvalitetsarbete:
      klagomål:
        lex_sarah: {t1: 1, t2: 1, vb: 5, totalt: 2}
    """
)


def test_rk401_failing_in_vb_passing_in_t2_where_only_t1_and_t2_count() -> None:
    check(LEX_SARAH.substitute(typ="T2"), expect=[], codes=["RK401"])
    (f,) = check(LEX_SARAH.substitute(typ="VB"), expect=[("RK401", 4)])
    assert f.suggestion is not None and f.suggestion.sv == "Totalt ack. = 7"


def test_rk402_failing_lex_maria_counts_as_other_row() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        kvalitetsarbete:
          klagomål:
            lex_maria: {t1: 1, totalt: 0}
            lex_sarah: {t1: 1, totalt: 1}
        """
    (f,) = check(text, expect=[("RK402", 4)], codes=["RK401"])
    assert f.path == "/kvalitetsarbete/klagomål/lex_maria/totalt"


def test_rk402_failing_message_groups_thousands() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        kvalitetsarbete:
          klagomål:
            från_vem:
              - {kategori: Brukare/patient, t1: 600, t2: 600, vb: 0, totalt: 1100}
        """
    (f,) = check(text, expect=[("RK402", 5)])
    assert "T1 + T2 + VB = 1 200, men Totalt ack. är 1 100." in f.message.sv


# -- RK404 feedback-exceeds-complaints ---------------------------------------------


# Complaints received (Från vem) and fed back on (Återkoppling); lines 5 and 6.
FEEDBACK = Template(
    """
    rapport: {typ: $typ, år: 2023, enhet: Enheten}
    kvalitetsarbete:
      klagomål:
        från_vem:
          - {kategori: Brukare/patient, $received}
        $group: {$given}
    """
)


def feedback(received: str, given: str, typ: str = "VB", group: str = "återkoppling") -> str:
    return FEEDBACK.substitute(received=received, given=given, typ=typ, group=group)


@pytest.mark.parametrize(
    "received,given",
    [
        ("t1: 2, t2: 1, totalt: 3", "t1: 2, t2: 1, totalt: 3"),  # equal: the boundary
        ("t1: 2, t2: 1, totalt: 3", "t1: 1, totalt: 1"),  # fewer
        ("t1: 0, totalt: 0", "t1: 0, totalt: 0"),  # nothing received, nothing fed back
        ("t1: 2, totalt: 2", "t1: , totalt: "),  # blank cells are zero
        ("t1: 2, totalt: 2", 't1: "2 st", totalt: "2 st"'),  # "st" is a count
        ("t1: 2, totalt: 2", "t1: tre, totalt: 2"),  # a word is RK406's, not a count
    ],
)
def test_rk404_passing_feedback_within_what_was_received(received: str, given: str) -> None:
    check(feedback(received, given), expect=[], codes=["RK404"])


def test_rk404_failing_one_more_than_received_in_one_column() -> None:
    (f,) = check(feedback("t1: 2, t2: 1, totalt: 3", "t1: 2, t2: 2, totalt: 3"), [("RK404", 6)])
    assert f.path == "/kvalitetsarbete/klagomål/återkoppling/t2"
    assert f.message.sv.startswith("Återkoppling: 2 i kolumnen T2, men bara 1 klagomål")


def test_rk404_failing_each_column_and_the_total() -> None:
    found = check(feedback("t1: 1, totalt: 1", "t1: 3, vb: 1, totalt: 4"), [("RK404", 6)] * 3)
    assert sorted(f.path.rsplit("/", 1)[1] for f in found) == ["t1", "totalt", "vb"]


def test_rk404_failing_for_measures_too() -> None:
    check(feedback("t1: 1, totalt: 1", "t1: 2, totalt: 1", group="åtgärder"), [("RK404", 6)])


def test_rk404_failing_blank_received_counts_as_zero() -> None:
    check(feedback("t1: , totalt: 1", "t1: 1, totalt: 1"), expect=[("RK404", 6)])


def test_rk404_received_is_the_sum_of_the_group() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        kvalitetsarbete:
          klagomål:
            från_vem:
              - {kategori: Brukare/patient, t1: 1, totalt: 1}
              - {kategori: Anhörig, t1: 2, totalt: 2}
            återkoppling: {t1: $given, totalt: $given}
        """
    check(Template(text).substitute(given=3), expect=[], codes=["RK404"])
    check(Template(text).substitute(given=4), expect=[("RK404", 7)] * 2)


@pytest.mark.parametrize("typ,expect", [("T1", []), ("T2", []), ("VB", [("RK404", 6)])])
def test_rk404_judges_only_the_columns_the_report_type_holds(
    typ: str, expect: list[tuple[str, int]]
) -> None:
    # The VB column of a tertial report is not yet written; the rule leaves it alone.
    text = feedback("t1: 1, totalt: 1", "t1: 1, vb: 5, totalt: 1", typ=typ)
    check(text, expect=expect, codes=["RK404"])


# -- RK406 invalid-count -----------------------------------------------------------


def test_rk406_failing_negative_and_word() -> None:
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        kvalitetsarbete:
          klagomål:
            lex_maria: {t1: -1, t2: två, totalt: 1}
        """
    found = check(text, expect=[("RK406", 4)] * 2)
    assert {f.path.split("/")[-1] for f in found} == {"t1", "t2"}


@pytest.mark.parametrize("value", ["9" * 400, ".inf", ".nan", '"1 000 000 000 000 000"'])
def test_rk406_failing_numbers_too_large_to_count(value: str) -> None:
    text = f"""
        rapport: {{typ: VB, år: 2023, enhet: Enheten}}
        kvalitetsarbete:
          klagomål:
            lex_sarah: {{t1: {value}, totalt: 1}}
            från_vem:
              - {{kategori: Brukare/patient, t1: {value}, totalt: 1}}
            återkoppling: {{t1: 1, totalt: {value}}}
        """
    codes = ["RK401", "RK402", "RK403", "RK404", "RK405"]
    check(text, expect=[("RK406", 4), ("RK406", 6), ("RK406", 7)], codes=codes)


def test_rk404_and_rk405_passing_when_a_received_count_is_unreadable() -> None:
    """An unreadable cell is RK406's; the sums it belongs to are not compared."""
    text = """
        rapport: {typ: VB, år: 2023, enhet: Enheten}
        kvalitetsarbete:
          klagomål:
            från_vem:
              - {kategori: Brukare/patient, t1: tre, totalt: tre}
            vad_gällde:
              - {kategori: Bemötande, t1: 1, totalt: 1}
            återkoppling: {t1: 1, totalt: 1}
        """
    check(text, expect=[("RK406", 5)] * 2, codes=["RK404", "RK405"])


class _Watched(dict[str, object]):
    """A report's extracts that note each read."""

    def __init__(self, file: str, data: dict[str, object], reads: list[str]) -> None:
        super().__init__(data)
        self.file, self.reads = file, reads

    def get(self, key: str, default: object = None) -> object:
        self.reads.append(self.file)
        return super().get(key, default)

    def __getitem__(self, key: str) -> object:
        self.reads.append(self.file)
        return super().__getitem__(key)


def test_rk403_reads_no_extracts_of_a_report_alone_in_its_unit_and_year() -> None:
    """The run rule groups by the reports' headers first: a unit's lone report (or its
    reports of one type) compares with nothing, and what it kept is not read."""
    from checker.results import RunReport
    from rules.rk4_complaints import tertial_carry_over_mismatch as rk403

    row = {"lex_sarah|": {"counts": {"t1": 1}, "path": ["kvalitetsarbete"], "name": "Lex Sarah"}}
    later = {"lex_sarah|": {"counts": {"t1": 2}, "path": ["kvalitetsarbete"], "name": "Lex Sarah"}}
    reads: list[str] = []

    def report(file: str, kind: str, year: int, unit: str, rows: dict[str, object]) -> RunReport:
        return RunReport(file, kind, year, unit, _Watched(file, {"RK403": rows}, reads), {})

    reports = [
        report("a-t1.yaml", "T1", 2023, "Enheten", row),
        report("b-t1.yaml", "T1", 2023, "Andra enheten", row),
        report("b-t1-igen.yaml", "T1", 2023, "andra  ENHETEN", row),
        report("c-vb.yaml", "VB", 2024, "Enheten", later),
        report("a-vb.yaml", "VB", 2023, "enheten", later),
    ]
    assert rk403.check_run is not None
    found = list(rk403.check_run(reports))
    assert [v.report.file for v in found] == ["a-vb.yaml"]  # type: ignore[union-attr]
    assert set(reads) == {"a-t1.yaml", "a-vb.yaml"}
