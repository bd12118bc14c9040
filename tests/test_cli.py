"""The command line as a user runs it: formats, languages, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import cli

CLEAN = (
    "rapport:\n  typ: VP\n  år: 2023\n  enhet: Hemtjänsten\n  datum: 2023-01-20\n"
    "  handläggare: H\n  dnr: SK 2023/1\ninledning: x\ninriktningsmål:\n  - {nummer: '1'}\n"
    "ekonomi:\n  resursanvändning: 40 medarbetare\n  budget: 30 mnkr\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0(tmp_path: Path) -> None:
    proc = cli("check", "--select", "RK1", str(write(tmp_path, "a.yaml", CLEAN)))
    assert proc.returncode == 0, proc.stdout
    assert "1 fil kontrollerad, 0 med anmärkningar" in proc.stdout


def test_text_output_groups_by_file_with_location(tmp_path: Path) -> None:
    bad = write(tmp_path, "b.yaml", CLEAN.replace("  budget: 30 mnkr\n", "  budget:\n"))
    proc = cli("check", str(tmp_path))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == str(bad)
    assert f"{bad}:13:3: RK102 fel" in proc.stdout
    assert "var: Ekonomi › budget" in proc.stdout
    assert "\x1b[" not in proc.stdout  # plain when piped


def test_english_output(tmp_path: Path) -> None:
    bad = write(tmp_path, "b.yaml", CLEAN.replace("  budget: 30 mnkr\n", "  budget:\n"))
    proc = cli("check", "--lang", "en", str(bad))
    assert "RK102 error The section" in proc.stdout and "where: Economy › budget" in proc.stdout


def test_json_output(tmp_path: Path) -> None:
    bad = write(tmp_path, "b.yaml", CLEAN.replace("inledning: x\n", "inledning: x\nokänd: 1\n"))
    proc = cli("check", "--format", "json", str(bad))
    data = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert data["format_version"] == 1 and data["summary"]["error"] == 1
    (f,) = data["findings"]
    assert (f["code"], f["name"], f["line"], f["column"], f["path"]) == (
        "RK104",
        "schema",
        9,
        1,
        "/okänd",
    )
    assert f["messages"]["en"].startswith("Unknown key")


def test_fail_on_warning(tmp_path: Path) -> None:
    warn_only = write(tmp_path, "w.yaml", CLEAN.replace("  dnr: SK 2023/1\n", ""))
    assert cli("check", str(warn_only)).returncode == 0
    assert cli("check", "--fail-on", "warning", str(warn_only)).returncode == 1


def test_select_and_ignore(tmp_path: Path) -> None:
    bad = write(tmp_path, "b.yaml", "rapport: {typ: VB}\n")
    data = json.loads(cli("check", "--format", "json", "--select", "RK103", str(bad)).stdout)
    assert {f["code"] for f in data["findings"]} == {"RK103"}
    data = json.loads(cli("check", "--format", "json", "--ignore", "RK1", str(bad)).stdout)
    assert data["findings"] == []


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert cli("check", str(tmp_path / "finns-inte.yaml")).returncode == 2
    assert cli("check", "--format", "xml", str(tmp_path)).returncode == 2
    assert cli("nonsense").returncode == 2


def test_directory_is_searched_recursively_and_sorted(tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", CLEAN)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.yml", CLEAN)
    write(tmp_path, "notes.txt", "not a report")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "c.yaml", "broken: [")
    data = json.loads(cli("check", "--format", "json", str(tmp_path)).stdout)
    assert data["files"] == [str(tmp_path / "b.yaml"), str(tmp_path / "sub" / "a.yml")]


def test_rules_listing() -> None:
    proc = cli("rules")
    assert proc.returncode == 0
    codes = [line.split()[0] for line in proc.stdout.splitlines()]
    assert codes == sorted(codes) and {"RK001", "RK101", "RK605"} <= set(codes)
    # both names, the Swedish one first in Swedish output
    (line,) = [x for x in proc.stdout.splitlines() if x.startswith("RK101 ")]
    assert line.split()[1:3] == ["saknat-avsnitt", "missing-section"]


def test_schema_is_current() -> None:
    proc = cli("schema", "--check")
    assert proc.returncode == 0, proc.stderr
