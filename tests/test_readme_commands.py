"""Every fenced shell command in the README works as pasted, in a fresh copy of the examples.

The README's ```sh blocks are read from README.md itself and run in order, each line
as a user pastes it (bash, from a folder holding the repository's ``sample_reports/``
and ``docs/``, ``rapportkoll`` on PATH, HOME a fresh folder). A command passes with exit
code 0 or 1 (1: findings, as the samples hold on purpose) and no traceback. The
exceptions are listed below, each with why it is not run here and where it is tested.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")

# A command that starts with one of these is not run here, for the reason given.
EXCEPTIONS = {
    "make run": "the Quick start: run in a fresh clone before every submission (and by CI's setup)",
    "make test": "the Quick start's test command: it is this suite, run by CI",
    "make bench": "minutes of benchmarks on purpose; bench/ is not part of the suite",
    "rapportkoll serve": "a server that runs until stopped; tests/test_serve.py starts it and"
    " drives it in a browser",
    "version=$(": "the release steps: tests/test_readme_examples.py runs them in a copy",
    "git tag": "the release steps: tests/test_readme_examples.py runs them in a copy",
    "git push": "the release steps push to the real repository",
    'rapportkoll completion zsh > "${fpath[1]}': "zsh's own folder variable (bash has none);"
    " tests/test_cli_completion.py loads the zsh script in zsh",
}


def blocks() -> list[tuple[str, int, list[str]]]:
    """The README's fenced blocks: (language, line of the first content line, lines)."""
    found: list[tuple[str, int, list[str]]] = []
    lines = README.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("```"):
            lang, start = lines[i][3:].strip(), i + 1
            end = next(j for j in range(start, len(lines)) if lines[j].startswith("```"))
            found.append((lang, start + 1, lines[start:end]))
            i = end
        i += 1
    return found


def commands() -> list[tuple[int, str]]:
    """Every command of every ```sh block, and every ``$ `` line of a plain block (a
    command shown with its output), with its README line; continued lines joined."""
    found: list[tuple[int, str]] = []
    for lang, first, body in blocks():
        if lang == "":
            found += [
                (first + i, ln[2:].strip()) for i, ln in enumerate(body) if ln.startswith("$ ")
            ]
        if lang != "sh":
            continue
        pending, at = "", 0
        for offset, line in enumerate(body):
            if not pending:
                at = first + offset
            pending += line
            if pending.endswith("\\"):
                pending = pending[:-1] + " "
                continue
            if pending.strip() and not pending.lstrip().startswith("#"):
                found.append((at, pending.strip()))
            pending = ""
    return found


def _excepted(command: str) -> str | None:
    return next((why for start, why in EXCEPTIONS.items() if command.startswith(start)), None)


def test_every_exception_is_a_readme_command() -> None:
    """An exception whose command left the README is removed with it."""
    listed = [c for _, c in commands()]
    for start in EXCEPTIONS:
        assert any(c.startswith(start) for c in listed), f"no README command starts {start!r}"


def test_every_fenced_command_works_as_pasted(tmp_path: Path) -> None:
    work = tmp_path / "rapportkoll"
    shutil.copytree(ROOT / "sample_reports", work / "sample_reports")
    if (ROOT / "docs").is_dir():
        shutil.copytree(ROOT / "docs", work / "docs")
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("FORCE_COLOR", None)
    ran = 0
    for line, command in commands():
        if _excepted(command):
            continue
        proc = subprocess.run(
            ["bash", "-c", command],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
        where = f"README.md:{line}: {command}\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
        assert proc.returncode in (0, 1), where
        assert "Traceback" not in proc.stderr, where
        ran += 1
    assert ran >= 20, ran  # the README's examples were found


@pytest.mark.parametrize("command", [c for _, c in commands() if _excepted(c)])
def test_exceptions_are_few_and_justified(command: str) -> None:
    why = _excepted(command)
    assert why is not None and len(why) > 20
