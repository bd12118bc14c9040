"""--format xlsx: the findings as quality staff sort, filter and annotate them in Excel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT, SAMPLES, cli
from tests.test_formats import planted


def _book(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def test_three_sheets_with_swedish_headings_autofilter_and_frozen_headers(tmp_path: Path) -> None:
    target = tmp_path / "granskning.xlsx"
    proc = cli("check", str(SAMPLES), "--output", f"xlsx={target}")
    assert proc.returncode == 1, proc.stderr
    book = _book(target)
    assert book.sheetnames == ["Anmärkningar", "Per enhet", "Per regel"]
    findings = book["Anmärkningar"]
    heads = [c.value for c in findings[1]]
    assert heads[:2] == ["Enhet", "Fil"] and "Var" in heads and "Raden i rapporten" in heads
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref == findings.dimensions
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames)
    # the same findings as JSON gives, one row each, with the Swedish label of each place
    data = json.loads(cli("check", "--format", "json", str(SAMPLES)).stdout)["findings"]
    rows = list(findings.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(data)
    label, line = heads.index("Var"), heads.index("Rad")
    assert sorted((r[label], r[line]) for r in rows) == sorted(
        (f["label"], f["line"]) for f in data
    )
    # counts per unit and severity, and per rule, add up to the findings
    per_unit = list(book["Per enhet"].iter_rows(min_row=2, values_only=True))
    assert sum(r[-1] for r in per_unit) == len(data)
    assert all(r[1] + r[2] + r[3] == r[4] for r in per_unit)
    per_rule = {r[0]: r[-1] for r in book["Per regel"].iter_rows(min_row=2, values_only=True)}
    assert per_rule == {
        c: sum(1 for f in data if f["code"] == c) for c in {f["code"] for f in data}
    }


def test_the_source_line_is_the_reports_own_line(tmp_path: Path) -> None:
    report = tmp_path / "vp.yaml"
    report.write_text(planted(), encoding="utf-8")
    target = tmp_path / "x.xlsx"
    cli("check", str(report), "--output", f"xlsx={target}")
    sheet = _book(target)["Anmärkningar"]
    heads = [c.value for c in sheet[1]]
    lines = report.read_text(encoding="utf-8").splitlines()
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert row[heads.index("Raden i rapporten")] == lines[row[heads.index("Rad")] - 1].strip()


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_text_from_a_report_never_becomes_a_formula(tmp_path: Path, start: str) -> None:
    evil = f'{start}HYPERLINK("http://example.invalid","klicka")'
    report = tmp_path / "vp.yaml"
    report.write_text(planted(unit=evil, goal_title=evil, status=evil), encoding="utf-8")
    target = tmp_path / "x.xlsx"
    proc = cli("check", str(report), "--output", f"xlsx={target}")
    assert proc.returncode == 1, proc.stderr
    with zipfile.ZipFile(target) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    book = _book(target)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    texts = [c for c in cells if isinstance(c.value, str) and c.value.startswith(start)]
    assert texts and all(c.data_type == "s" and c.quotePrefix for c in texts)
    assert any(c.value == evil for c in texts)


def test_control_characters_are_shown_not_written_raw(tmp_path: Path) -> None:
    report = tmp_path / "vp.yaml"
    report.write_text(planted(goal_title="Mål\x07 med\x1b[31m klocka"), encoding="utf-8")
    target = tmp_path / "x.xlsx"
    assert cli("check", str(report), "--output", f"xlsx={target}").returncode == 1
    values = [str(c.value) for row in _book(target)["Anmärkningar"].iter_rows() for c in row]
    assert not any(ch in v for v in values for ch in "\x07\x1b")


def test_english_headings_and_standard_output(tmp_path: Path) -> None:
    target = tmp_path / "x.xlsx"
    with target.open("wb") as out:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "checker.cli",
                "check",
                "--format",
                "xlsx",
                "--lang",
                "en",
                str(SAMPLES),
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert proc.returncode == 1, proc.stderr
    book = _book(target)
    assert book.sheetnames == ["Findings", "Per unit", "Per rule"]
    assert [c.value for c in book["Findings"][1]][:3] == ["Unit", "File", "Line"]


def test_a_terminal_gets_a_message_not_bytes() -> None:
    leader, follower = os.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "checker.cli", "check", "--format", "xlsx", str(SAMPLES)],
            cwd=ROOT,
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2 and "xlsx skrivs inte till terminalen" in proc.stderr
