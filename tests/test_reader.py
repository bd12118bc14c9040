"""RK105/RK104: every kind of bad input gives a located finding, never a traceback."""

from __future__ import annotations

import pytest

from checker.read.loader import Limits, read_text
from tests.conftest import CheckFn, codes

GOOD = "rapport:\n  typ: VB\n  år: 2023\n  enhet: Enheten\n"


def only(findings: list, code: str) -> list:
    return [f for f in findings if f.code == code]


def test_syntax_error_is_located_and_explained(check: CheckFn) -> None:
    found = only(check(GOOD + "övrigt: a: b\n"), "RK105")
    assert [(f.line, f.column) for f in found] == [(5, 10)]
    assert "kolon" in found[0].message.sv


def test_unclosed_quote_points_where_it_opens(check: CheckFn) -> None:
    found = only(check(GOOD + 'övrigt: "öppen text\nannat: 1\n'), "RK105")
    assert len(found) == 1 and found[0].line == 5
    assert "citattecken" in found[0].message.sv


@pytest.mark.parametrize(
    "text,line",
    [
        (GOOD + "övrigt: a\növrigt: b\n", 6),  # top level
        ("rapport:\n  typ: VB\n  år: 2023\n  år: 2024\n", 4),  # in the header
        (GOOD + "inriktningsmål:\n  - nummer: '1'\n    titel: a\n    titel: b\n", 8),  # in a list
    ],
)
def test_duplicate_keys_at_every_level(check: CheckFn, text: str, line: int) -> None:
    found = only(check(text), "RK105")
    assert [f.line for f in found] == [line]
    assert "två gånger" in found[0].message.sv


def test_tab_indentation_names_the_tab(check: CheckFn) -> None:
    found = only(check(GOOD + "ekonomi:\n\tanalys: text\n"), "RK105")
    assert [(f.line, f.column) for f in found] == [(6, 1)]
    assert "Tabbtecken" in found[0].message.sv


def test_tab_inside_text_is_fine(check: CheckFn) -> None:
    assert only(check(GOOD + 'övrigt: "kolumn\\tkolumn"\n'), "RK105") == []


def test_latin1_file_is_reported_with_its_line(check: CheckFn) -> None:
    found = only(check((GOOD + "övrigt: Måluppfyllelse\n").encode("cp1252")), "RK105")
    assert len(found) == 1
    assert found[0].line == 3  # "år" is the first non-UTF-8 byte
    assert "UTF-8" in found[0].message.sv and "Windows-1252" in found[0].message.sv


def test_byte_order_mark_warns_and_still_checks(check: CheckFn) -> None:
    findings = check(b"\xef\xbb\xbf" + (GOOD + "okänd: 1\n").encode())
    bom = only(findings, "RK105")
    assert [(f.line, f.severity.value) for f in bom] == [(1, "warning")]
    assert "RK104" in codes(findings)  # the rest of the document is still checked


def test_crlf_is_an_info_and_lines_stay_right(check: CheckFn) -> None:
    findings = check((GOOD + "okänd: 1\n").replace("\n", "\r\n").encode())
    assert [(f.code, f.severity.value) for f in only(findings, "RK105")] == [("RK105", "info")]
    assert [f.line for f in only(findings, "RK104")] == [5]


@pytest.mark.parametrize(
    "text,word",
    [
        ("- a\n- b\n", "lista"),
        ("bara text\n", "enskilt värde"),
        ("", "tom"),
        ("# bara en kommentar\n", "tom"),
    ],
)
def test_top_level_must_be_a_mapping(check: CheckFn, text: str, word: str) -> None:
    found = only(check(text), "RK105")
    assert len(found) == 1 and found[0].line == 1
    assert word in found[0].message.sv


def test_size_limit(check: CheckFn) -> None:
    big = GOOD + "övrigt: |\n" + ("  rad med text\n" * 400_000)
    found = only(check(big), "RK105")
    assert len(found) == 1 and "MiB" in found[0].message.sv


def test_depth_limit() -> None:
    doc = read_text("a: " + "[" * 200 + "]" * 200 + "\n", "x.yaml")
    assert [p.code for p in doc.problems] == ["RK105"]
    assert "nästlat" in doc.problems[0].message.sv and doc.problems[0].line == 1


def test_alias_limit_and_alias_bomb() -> None:
    anchors = "a: &a x\n" + "".join(f"k{i}: *a\n" for i in range(150))
    doc = read_text(anchors, "x.yaml", Limits(max_aliases=100))
    assert any("alias" in p.message.sv for p in doc.problems)
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    doc = read_text(bomb, "x.yaml")
    assert doc.data["c"] == [None, None]  # collections are never shared
    assert all(p.code == "RK105" for p in doc.problems) and doc.problems


def test_python_tag_is_never_constructed(check: CheckFn, tmp_path) -> None:
    marker = tmp_path / "pwned"
    text = GOOD + f"övrigt: !!python/object/apply:os.system ['touch {marker}']\n"
    found = only(check(text), "RK105")
    assert found and "tagg" in found[0].message.sv and found[0].line == 5
    assert not marker.exists()


def test_several_documents(check: CheckFn) -> None:
    found = only(check(GOOD + "---\nrapport: {typ: VB}\n"), "RK105")
    assert [f.line for f in found] == [5]


def test_values_keep_their_positions() -> None:
    doc = read_text(GOOD + "inriktningsmål:\n  - nummer: '1'\n    titel: Mål\n", "x.yaml")
    assert doc.positions[("inriktningsmål", 0, "titel")] == (7, 5)
    assert doc.position(("inriktningsmål", 0, "saknas")) == (6, 5)
    assert doc.data["rapport"]["år"] == 2023


def test_dates_and_numbers_are_kept_as_written() -> None:
    doc = read_text("a: 2024-02-21\nb: '9,5 %'\nc: 9.5\nd: 1 945 GWh\n", "x.yaml")
    assert doc.data == {"a": "2024-02-21", "b": "9,5 %", "c": 9.5, "d": "1 945 GWh"}


def test_reading_from_bytes_is_reading_the_file(tmp_path) -> None:
    """``read_bytes`` (one read, shared with the cache key) gives what ``read_file`` gives."""
    from checker.read.loader import read_bytes, read_file

    path = tmp_path / "r.yaml"
    path.write_text(GOOD + "övrigt: 'x'  # kommentar\n", encoding="utf-8")
    a, b = read_file(str(path)), read_bytes(path.read_bytes(), str(path))
    assert (a.data, a.positions, a.problems, a.lines) == (b.data, b.positions, b.problems, b.lines)


def test_a_fifo_is_a_problem_not_a_hang(tmp_path) -> None:
    import os

    from checker.read.loader import read_file

    fifo = tmp_path / "rör.yaml"
    os.mkfifo(fifo)
    doc = read_file(str(fifo))  # returns at once: never opened
    assert [p.code for p in doc.problems] == ["RK105"] and "FIFO" in doc.problems[0].message.sv


def test_the_report_limit_comes_from_the_table_of_limits(tmp_path) -> None:
    from checker.read.loader import read_file
    from checker.read.safeio import SIZE_LIMITS

    assert Limits().max_bytes == SIZE_LIMITS["report"] == 4 * 1024 * 1024
    path = tmp_path / "liten.yaml"
    path.write_text(GOOD, encoding="utf-8")
    doc = read_file(str(path), Limits(max_bytes=10))
    assert [p.code for p in doc.problems] == ["RK105"] and "större än" in doc.problems[0].message.sv


def test_suppression_spans_only_cover_values_that_mention_it() -> None:
    doc = read_text('a: "x # rapportkoll: ignore[RK1] nej"\nb: vanlig\n', "x.yaml")
    assert doc.quoted == [(1, 4, 1, 38)]  # from the opening quote to past the closing one


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("a: " + "[" * 100, 64),  # our limit first
        ("a: " + "[" * 5000, 64),  # libyaml's scanner reads ahead to its own limit first
        ("a: " + "{b: " * 3000, 64),
        ("a: " + "[" * 1500, 2000),  # only libyaml's limit (1000) is reached
        ("a:\n" + "".join(" " * i + "- \n" for i in range(0, 2600, 2)), 2000),
    ],
)
def test_either_depth_limit_is_the_same_finding(text: str, limit: int) -> None:
    doc = read_text(text, "x.yaml", Limits(max_depth=limit))
    assert doc.data is None
    [problem] = [p for p in doc.problems if p.code == "RK105"]
    assert f"nästlat djupare än {limit} nivåer" in problem.message.sv
    # flow nesting is on line 1; block nesting is reported where it went too deep
    assert problem.line == 1 if text.startswith("a: ") else problem.line > 64
