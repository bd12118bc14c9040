"""The roster: a report due but absent is RK106, and a missing report is never "fixed".

The nightly run goes through the real CLI over a real tree and a real SQLite
history; the dashboard is the page the run wrote.
"""

from __future__ import annotations

import html
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from checker.nightly.history import History
from tests.conftest import SAMPLES, cli

CLEAN = SAMPLES / "clean"
DEFECTS = SAMPLES / "defects" / "vb-2024-typiska-fel.yaml"

ROSTER = """\
år: 2024
enheter:
  - enhet: Ekbacken
    nämnd: Hägersten-Älvsjö stadsdelsnämnd
    rapporter: [VB]
  - enhet: Boendestödet Västra
    mapp: boende
    rapporter: [T1, T2, VB]
"""


def _renamed(source: Path, unit: str) -> str:
    text, n = re.subn(
        r"(?m)^(  enhet:).*$", rf"\1 {unit}", source.read_text(encoding="utf-8"), count=1
    )
    assert n == 1
    return text


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Two units: Ekbacken's VB with findings, Boendestödet's clean T1, T2 and VB (2024)."""
    root = tmp_path / "rapporter"
    (root / "ekbacken").mkdir(parents=True)
    (root / "ekbacken" / "vb-2024.yaml").write_text(_renamed(DEFECTS, "Ekbacken"), "utf-8")
    (root / "boende").mkdir()
    for kind in ("t1", "t2", "vb"):
        shutil.copy(CLEAN / f"{kind}-2024-boendestodet.yaml", root / "boende")
    (tmp_path / "inlamningar.yaml").write_text(ROSTER, encoding="utf-8")
    return root


def nightly(tmp_path: Path, tree: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    proc = cli(
        "nightly",
        str(tree),
        "--db",
        str(tmp_path / "historik.sqlite"),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--dashboard",
        str(tmp_path / "dashboard.html"),
        *extra,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def test_a_missing_report_is_rk106_and_never_counted_as_fixed(tmp_path: Path, tree: Path) -> None:
    roster = ("--roster", str(tmp_path / "inlamningar.yaml"), "--date", "2025-03-01")
    db = tmp_path / "historik.sqlite"
    first = nightly(tmp_path, tree, *roster)
    assert "RK106" not in first.stdout
    ekbacken_before = rows(
        db, "SELECT COUNT(*) FROM findings WHERE run_id = 1 AND unit = ?", "Ekbacken"
    )
    assert ekbacken_before[0][0] > 0  # the report has findings that must not turn "fixed"

    report = tree / "ekbacken" / "vb-2024.yaml"
    kept = report.read_bytes()
    report.unlink()
    second = nightly(tmp_path, tree, *roster)

    out = second.stdout
    assert "Jämfört med förra körningen: 1 ny anmärkning, 0 åtgärdade." in out, out
    assert f"{ekbacken_before[0][0]} anmärkningar i rapporter som saknas nu räknas inte" in out
    assert "ekbacken/vb-2024.yaml" in out
    assert "(RK106): 1 – Hägersten-Älvsjö stadsdelsnämnd › Ekbacken › VB 2024" in out
    rk106 = rows(db, "SELECT file, unit, message FROM findings WHERE run_id = 2 AND code = 'RK106'")
    assert len(rk106) == 1
    file, unit, message = rk106[0]
    assert unit == "Ekbacken" and file == "."  # the unit's folder is unknown without its report
    assert "Verksamhetsberättelsen (VB) 2024 från Ekbacken saknas" in str(message)
    assert "senast 2025-02-15" in str(message) and "inlamningar.yaml rad 3" in str(message)
    with History(db) as history:
        compared = history.compare(2, 1)
    assert (compared.new, compared.fixed) == (1, 0)
    assert compared.missing == ekbacken_before[0][0]
    assert compared.missing_files == ["ekbacken/vb-2024.yaml"]

    page = (tmp_path / "dashboard.html").read_text(encoding="utf-8")
    unit_row = re.search(r"<tr><th scope=\"row\" data-v=\"ekbacken\">.*?</tr>", page)
    assert unit_row, "Ekbacken must stay in the dashboard's unit table"
    # no report, one error (the RK106)
    assert (
        '<td class="n" data-v="0">0</td><td class="n c-error" data-v="1">1</td>'
        in unit_row.group(0)
    )
    details = re.search(
        r"<details id=\"u\d+\"><summary><strong>Ekbacken</strong>.*?</details>", page
    )
    assert details and "RK106" in details.group(0)
    assert html.escape("Verksamhetsberättelsen (VB) 2024 från Ekbacken saknas") in details.group(0)
    fixed_card = re.search(r'card c-fixed"><span class="num">(\d+)<', page)
    assert fixed_card and fixed_card.group(1) == "0"
    assert "Rapporter som saknas" in page

    # The report comes back unchanged: compared with the last run it existed in (run 1),
    # nothing of it is new; the resolved RK106 is the one thing fixed.
    report.write_bytes(kept)
    third = nightly(tmp_path, tree, *roster)
    assert "Jämfört med förra körningen: 0 nya anmärkningar, 1 åtgärdad." in third.stdout
    assert "RK106" not in third.stdout


def test_a_report_is_not_due_before_its_deadline(tmp_path: Path, tree: Path) -> None:
    (tree / "ekbacken" / "vb-2024.yaml").unlink()
    roster = tmp_path / "inlamningar.yaml"
    on_the_day = cli("check", str(tree), "--roster", str(roster), "--date", "2025-02-15")
    assert on_the_day.returncode == 0 and "RK106" not in on_the_day.stdout, on_the_day.stdout
    late = cli("check", str(tree), "--roster", str(roster), "--date", "2025-02-16")
    assert late.returncode == 1 and "RK106" in late.stdout, late.stdout
    assert "Ekbacken" in late.stdout


def test_own_deadlines_and_folder_matching(tmp_path: Path, tree: Path) -> None:
    roster = tmp_path / "eget.yaml"
    roster.write_text(
        "år: 2024\nfrister:\n  VB: 2025-03-31\nenheter:\n"
        "  - enhet: Boendestödet Västra\n    mapp: boende\n"
        "    rapporter: {T1: 2024-06-01, T2: null, VB: null}\n"
        "  - enhet: Ett annat namn\n    mapp: boende\n    rapporter: [T1]\n"
        "  - enhet: Ekbacken\n    rapporter: [VP]\n",
        encoding="utf-8",
    )
    # T1 of "Ett annat namn" is in its folder (boende); Ekbacken owes a VP it never wrote.
    proc = cli("check", str(tree), "--roster", str(roster), "--date", "2025-03-01")
    found = re.findall(r"RK106 fel (.*?) saknas", proc.stdout)
    assert found == ["Verksamhetsplanen (VP) 2024 från Ekbacken"], proc.stdout
    # After the roster's own VB deadline, Boendestödet's VB is late once it is gone.
    (tree / "boende" / "vb-2024-boendestodet.yaml").unlink()
    early = cli("check", str(tree), "--roster", str(roster), "--date", "2025-03-31")
    assert "Boendestödet Västra" not in early.stdout, early.stdout
    late = cli("check", str(tree), "--roster", str(roster), "--date", "2025-04-01")
    assert "Verksamhetsberättelsen (VB) 2024 från Boendestödet Västra saknas" in late.stdout
    assert f"{tree / 'boende'}:1:1: RK106" in late.stdout, late.stdout


def test_roster_from_the_previous_year(tmp_path: Path, tree: Path) -> None:
    """Units that handed in for 2024 owe the same types for 2025, in the same folder."""
    shutil.copy(CLEAN / "t1-2024-boendestodet.yaml", tree / "boende" / "t1-2025.yaml")
    t1 = tree / "boende" / "t1-2025.yaml"
    t1.write_text(t1.read_text(encoding="utf-8").replace("år: 2024", "år: 2025", 1), "utf-8")
    proc = cli("check", str(tree), "--roster-from-year", "2024", "--date", "2025-06-01")
    found = re.findall(r"RK106 fel (.*?) saknas", proc.stdout)
    assert found == [], proc.stdout  # only the T1s are late by 1 June, and Ekbacken has none
    late = cli("check", str(tree), "--roster-from-year", "2024", "--date", "2026-03-01")
    found = sorted(re.findall(r"RK106 fel (.*?) saknas", late.stdout))
    assert found == [
        "Tertialrapport 2 (T2) 2025 från Boendestödet Västra",
        "Verksamhetsberättelsen (VB) 2025 från Boendestödet Västra",
        "Verksamhetsberättelsen (VB) 2025 från Ekbacken",
    ], late.stdout
    assert f"{tree / 'ekbacken'}:1:1: RK106" in late.stdout  # where last year's VB lay
    assert "enheten lämnade VB 2024, ekbacken/vb-2024.yaml" in late.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("år: 2025\nenheter:\n  - enhet: A\n    rapporter: [T3]\n", ":4: "),
        ("år: 2025\nenheter:\n  - enhet: A\n    rapport: [T1]\n", ":4: "),
        ("år: tjugo\nenheter: []\n", ":1: "),
        (
            "år: 2025\nenheter:\n  - enhet: A\n    rapporter: [T1]\n  - enhet: a\n    rapporter: [VB]\n",
            ":5: ",
        ),
        ("år: 2025\nfrister:\n  T1: 31 maj\nenheter:\n  - {enhet: A, rapporter: [T1]}\n", ":3: "),
        ("år: 2025\nenheter:\n  - enhet: A\n    mapp: ../utanför\n    rapporter: [T1]\n", ":4: "),
        ("år: 2025\nenheter: [\n", ":"),
    ],
)
def test_a_bad_roster_is_a_swedish_message_with_its_line(
    tmp_path: Path, tree: Path, text: str, expected: str
) -> None:
    roster = tmp_path / "fel.yaml"
    roster.write_text(text, encoding="utf-8")
    for command in ("check", "nightly"):
        args = [command, str(tree), "--roster", str(roster)]
        if command == "nightly":
            args += ["--db", str(tmp_path / "h.sqlite"), "--dashboard", str(tmp_path / "d.html")]
        proc = cli(*args)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert f"{roster}{expected}" in proc.stderr and "Traceback" not in proc.stderr
        assert "inlämningslistan" in proc.stderr, proc.stderr
    assert not (tmp_path / "h.sqlite").exists()


def test_an_output_may_not_overwrite_the_roster(tmp_path: Path, tree: Path) -> None:
    roster = tmp_path / "inlamningar.yaml"
    proc = cli("check", str(tree), "--roster", str(roster), "--output", f"json={roster}")
    assert proc.returncode == 2 and "inlämningslistan" in proc.stderr, proc.stderr
    assert roster.read_text(encoding="utf-8") == ROSTER
