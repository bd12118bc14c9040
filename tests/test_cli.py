"""The command line as a user runs it: formats, languages, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, cli

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


@pytest.mark.parametrize(
    "args",
    [
        ["check", "sample_reports"],
        ["check", "--format", "json", "sample_reports"],
        ["check", "--statistics", "sample_reports"],
        ["rules"],
        ["rule", "RK201"],
        ["schema"],
    ],
    ids=lambda a: " ".join(a),
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_reader_that_goes_away_ends_the_program_quietly(args: list[str], lang: str) -> None:
    """`rapportkoll rules | head -1`: no error, no traceback, git's exit code for SIGPIPE."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", *args, "--lang", lang],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first write
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, err
    assert err == ""


@pytest.mark.parametrize("content", [{}, {"README.md": "# läs mig"}, {"sub/anteckning.txt": "x"}])
def test_a_folder_without_reports_is_an_error_not_a_clean_pass(
    tmp_path: Path, content: dict[str, str]
) -> None:
    """An unmounted share must not pass every night in cron."""
    for name, text in content.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = cli("check", str(tmp_path))
    assert proc.returncode == 2
    assert f"inga rapporter hittades i {tmp_path}" in proc.stderr
    english = cli("check", "--lang", "en", str(tmp_path))
    assert english.returncode == 2 and f"no reports found in {tmp_path}" in english.stderr


def test_an_export_counts_as_a_report_when_exports_are_asked_for(tmp_path: Path) -> None:
    (tmp_path / "export.txt").write_text("Inköpslista\n", encoding="utf-8")
    assert cli("check", str(tmp_path)).returncode == 2
    assert cli("check", "--include-exports", str(tmp_path)).returncode in (0, 1)


def test_messages_of_check_follow_lang(tmp_path: Path) -> None:
    missing = cli("check", "--lang", "en", str(tmp_path / "borta"))
    assert missing.returncode == 2 and "cannot find" in missing.stderr
    baseline = tmp_path / "baslinje.json"
    absent = cli("check", "--lang", "en", "--baseline", str(baseline), "sample_reports/clean")
    assert absent.returncode == 2 and "does not exist" in absent.stderr
    baseline.write_text("{", encoding="utf-8")
    broken = cli("check", "--lang", "en", "--baseline", str(baseline), "sample_reports/clean")
    assert broken.returncode == 2 and "not valid JSON" in broken.stderr
    assert "baslinje" not in broken.stderr.replace(str(baseline), "")
    (tmp_path / "vb.yaml").write_text("rapport: {}\n", encoding="utf-8")
    (tmp_path / "rapportkoll.toml").write_text('fail-on = "varning"\n', encoding="utf-8")
    config = cli("check", "--lang", "en", str(tmp_path))
    assert config.returncode == 2
    assert 'error in fail-on: must be one of "error", "warning" or "info"' in config.stderr
    swedish = cli("check", str(tmp_path))
    assert 'fel i fail-on: ska vara en av "error", "warning" eller "info"' in swedish.stderr


def test_a_ctrl_c_once_the_output_files_are_in_place_completes_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON file is in place, so the run is done: a Ctrl-C before the command ends is
    held, never "nothing was written" and 130 over a file on disk."""
    import signal

    from checker.cli import check as check_cli
    from checker.cli import main

    report = tmp_path / "r.yaml"
    report.write_bytes((SAMPLES / "defects" / "vb-2024-typiska-fel.yaml").read_bytes())
    out = tmp_path / "ut.json"
    reported = check_cli._report

    def interrupted(*args: object) -> int:
        os.kill(os.getpid(), signal.SIGINT)  # the output file is in place by now
        return reported(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(check_cli, "_report", interrupted)
    handler = signal.getsignal(signal.SIGINT)
    code = main(["check", "--output", f"json={out}", str(report)])
    captured = capsys.readouterr()
    assert code == 1 and "avbrutet" not in captured.err, (code, captured.err)
    assert "Ctrl-C kom när utdatafilerna redan skrevs på plats" in captured.err
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["error"] > 0
    assert signal.getsignal(signal.SIGINT) is handler  # given back once the command ends
