"""The dispatch table: a command's parser alone when it comes first, the whole one otherwise."""

from __future__ import annotations

import pytest

from checker.cli import COMMANDS, named_command
from tests.conftest import cli


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["check", "a.yaml"], "check"),
        (["--lang", "en", "rules"], "rules"),
        (["--lang=en", "rule", "RK101"], "rule"),
        (["import", "check"], "import"),
        (["--help", "check"], None),  # the top level's help lists every command
        (["--version", "check"], None),
        (["--lang", "en", "--help"], None),
        (["chek", "a.yaml"], None),  # the did-you-mean needs every command's name
        (["--lang"], None),
        ([], None),
    ],
)
def test_the_command_is_named_only_when_it_comes_first(
    argv: list[str], command: str | None
) -> None:
    assert named_command(argv) == command


def test_the_top_level_still_knows_every_command() -> None:
    """Before the command, an option is the top level's: its help and errors list them all."""
    shown = cli("--help", "check")
    assert shown.returncode == 0
    for name in COMMANDS:
        assert f"    {name}" in shown.stdout, name
    wrong = cli("--lang", "en", "--bogus", "chek", "x")
    assert wrong.returncode == 2
    assert "invalid choice: 'chek'" in wrong.stderr and "did you mean 'check'?" in wrong.stderr


def test_a_command_first_is_parsed_by_its_own_parser() -> None:
    """Its own usage errors, with its own options to suggest, and it runs."""
    wrong = cli("check", "--selct", "RK1", "x", "--lang", "en")
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("rapportkoll check: error: unrecognized arguments: --selct")
    assert "did you mean --select?" in wrong.stderr
    listed = cli("rules", "--format", "json")
    assert listed.returncode == 0 and '"code": "RK101"' in listed.stdout
