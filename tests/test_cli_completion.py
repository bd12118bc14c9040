"""Shell completion: the scripts pass their shell's syntax check and bash completes for real."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.cli import main, make_parser
from checker.cli.language import build
from checker.engine.core import Engine

CHECK_OPTIONS = ["--select", "--ignore", "--statistics", "--stdin-filename", "--exit-zero", "-q"]


def script(capsys: pytest.CaptureFixture[str], shell: str, *extra: str) -> str:
    assert main(["completion", shell, *extra]) == 0
    return capsys.readouterr().out


def commands() -> list[str]:
    return list(build(make_parser, "sv")._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def complete(path: Path, *words: str) -> list[str]:
    """What bash offers for ``words`` (the last one being typed), via the script's function."""
    array = " ".join(shlex.quote(w) for w in words)
    program = (
        f"source {shlex.quote(str(path))}\n"
        f"COMP_WORDS=({array}); COMP_CWORD={len(words) - 1}\n"
        "_rapportkoll\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    proc = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=path.parent,
    )
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return [line for line in proc.stdout.splitlines() if line]


def test_bash_script_is_valid_and_completes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rapportkoll.bash"
    path.write_text(script(capsys, "bash"), encoding="utf-8")
    check = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert complete(path, "rapportkoll", "che") == ["check"]
    assert complete(path, "rapportkoll", "") == commands()
    assert complete(path, "rapportkoll", "check", "--sel") == ["--select"]
    assert complete(path, "rapportkoll", "check", "--format", "j") == ["json", "junit"]
    rk1 = sorted(code for code in Engine().rules if code.startswith("RK10"))
    assert len(rk1) >= 5 and complete(path, "rapportkoll", "check", "--select", "RK10") == rk1
    rk60 = sorted(code for code in Engine().rules if code.startswith("RK60"))
    assert len(rk60) >= 5 and complete(path, "rapportkoll", "rule", "RK60") == rk60
    assert complete(path, "rapportkoll", "completion", "") == ["bash", "zsh", "fish"]
    assert complete(path, "rapportkoll", "--lang", "en", "check", "--st") == [
        "--statistics",
        "--stdin-filename",
    ]
    (tmp_path / "vp-2024.yaml").write_text("rapport: {}\n", encoding="utf-8")
    assert complete(path, "rapportkoll", "check", "vp") == ["vp-2024.yaml"]


def _syntax_check(shell: str, text: str, tmp_path: Path) -> None:
    """The shell's own syntax check when it is installed (nothing is installed for it)."""
    binary = shutil.which(shell)
    if binary is None:
        return
    path = tmp_path / f"completion.{shell}"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([binary, "-n", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_zsh_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = script(capsys, "zsh")
    _syntax_check("zsh", text, tmp_path)
    lines = text.splitlines()
    assert lines[0] == "#compdef rapportkoll"
    assert "compdef _rapportkoll rapportkoll" in text and text.count("{") == text.count("}")
    for line in text.replace("\\\n", " ").splitlines():  # no quote left open on any line
        shlex.split(line, comments=True)
    block = text.split("    commands=(\n")[1].split("\n    )\n")[0]
    listed = [shlex.split(line)[0].split(":")[0] for line in block.splitlines()]
    assert listed == commands()
    check = text.split("                check)\n")[1].split(";;")[0]
    for option in CHECK_OPTIONS:
        assert f"{option}[" in check, option
    assert "*--select[" in check and ":select:(RK0 RK000" in check
    assert "'*:PATH:_files'" in check
    for spec in shlex.split(check.replace("\\\n", " "))[1:]:
        desc = spec.split("[", 1)[1].rsplit("]", 1)[0] if "[" in spec else ""
        assert "[" not in desc and "]" not in desc, spec  # brackets in help would end it early


def test_fish_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = script(capsys, "fish")
    _syntax_check("fish", text, tmp_path)
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    for line in lines:
        words = shlex.split(line)
        assert words[:3] == ["complete", "-c", "rapportkoll"], line
        assert "\\" not in line and "`" not in line, line  # nothing fish would read specially
    subcommands = [shlex.split(line)[6] for line in lines if "__fish_use_subcommand' -a " in line]
    assert subcommands == commands()
    check = [line for line in lines if "__fish_seen_subcommand_from check'" in line]
    for option in CHECK_OPTIONS:
        flag = f"-l {option[2:]} " if option.startswith("--") else f"-s {option[1:]} "
        assert any(flag in line for line in check), option
    select = next(line for line in check if "-l select " in line)
    assert "-x -a 'RK0 RK000" in select and " RK101 " in select


def test_descriptions_follow_lang(capsys: pytest.CaptureFixture[str]) -> None:
    sv = script(capsys, "fish")
    en = script(capsys, "fish", "--lang", "en")
    assert "-d 'kontrollera rapportfiler och mappar'" in sv
    assert "-d 'check report files and folders'" in en
