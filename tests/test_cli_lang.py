"""The command line speaks Swedish, argparse's own words too, and English with --lang en."""

from __future__ import annotations

import argparse
import ast
import gettext
import re

import pytest

from checker.cli import main, make_parser
from checker.cli.argparse_sv import SV, SV_PLURAL
from checker.cli.help_en import EN
from checker.cli.language import build, parsers, prescan_lang, untranslated

SWEDISH_LETTERS = re.compile("[åäöÅÄÖ]")
# Option names are the public interface in both languages (`rapportkoll new --år --nämnd --från`).
SWEDISH_OPTIONS = re.compile("--(år|nämnd|från)\\b")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    out = capsys.readouterr()
    return code, out.out, out.err


def argparse_message_ids() -> tuple[set[str], set[tuple[str, str]]]:
    """Every text the installed argparse looks up through ``_`` and ``ngettext``."""
    with open(argparse.__file__, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    single, plural = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "_" and texts:
                single.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) == 2:
                plural.add((texts[0], texts[1]))
    return single, plural


def test_every_argparse_text_has_swedish() -> None:
    single, plural = argparse_message_ids()
    assert len(single) > 20 and plural  # the reader of argparse's source works
    assert single - set(SV) == set()
    assert plural - set(SV_PLURAL) == set()
    # ``%`` placeholders survive translation, or argparse's formatting would fail
    for en, sv in SV.items():
        assert sorted(re.findall(r"%\(\w+\)[sr]|%[sr]", en)) == sorted(
            re.findall(r"%\(\w+\)[sr]|%[sr]", sv)
        ), en


def test_every_help_text_has_english() -> None:
    parser = build(make_parser, "sv")
    assert untranslated(parser) == []
    english = build(make_parser, "en")
    for p in parsers(english):
        for action in p._actions:
            text = SWEDISH_OPTIONS.sub("", action.help or "")
            assert not SWEDISH_LETTERS.search(text), action.help


def commands() -> list[str]:
    return [a for a in make_parser()._subparsers._group_actions[0].choices]  # type: ignore[union-attr]


@pytest.mark.parametrize("command", [None, *commands()])
def test_help_is_swedish_and_english_with_lang_en(
    capsys: pytest.CaptureFixture[str], command: str | None
) -> None:
    words = [command] if command else []
    code, out, _ = run(capsys, *words, "--help")
    assert code == 0
    assert out.startswith("användning: rapportkoll") and "\nflaggor:\n" in out
    assert "visa den här hjälpen och avsluta" in out and "show this help" not in out
    for lang_args in (["--lang", "en"], ["--lang=en"]):
        for argv in ([*lang_args, *words, "--help"], [*words, "--help", *lang_args]):
            code, out, _ = run(capsys, *argv)
            assert code == 0 and out.startswith("usage: rapportkoll"), argv
            assert "\noptions:\n" in out and "show this help message and exit" in out
            prose = SWEDISH_OPTIONS.sub("", out)
            assert not SWEDISH_LETTERS.search(prose), (argv, SWEDISH_LETTERS.findall(prose))


@pytest.mark.parametrize(
    ("argv", "sv", "en"),
    [
        (["check", "--formt", "x.yaml"], "okända argument: --formt", "unrecognized arguments"),
        (["check", "--format", "xml", "x"], "ogiltigt val: 'xml' (välj bland", "invalid choice"),
        (["check", "--select"], "argumentet --select: väntade ett värde", "expected one argument"),
        (["rule"], "följande argument krävs: code", "the following arguments are required"),
        (["chek"], "argumentet KOMMANDO: ogiltigt val", "argument COMMAND: invalid choice"),
        ([], "följande argument krävs: KOMMANDO", "the following arguments are required"),
        (["check", "--jobs", "x", "a"], "ska vara ett heltal från 0", "--jobs"),
    ],
)
def test_usage_errors_are_swedish_and_english_with_lang_en(
    capsys: pytest.CaptureFixture[str], argv: list[str], sv: str, en: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "", err
    # the error line first, then where to read more: no usage dump
    first, more = err.splitlines()
    assert first.startswith("rapportkoll") and ": fel: " in first and sv in first, err
    assert more.startswith("Se 'rapportkoll") and more.endswith("--help'."), err
    code, _, err = run(capsys, "--lang", "en", *argv)
    first, more = err.splitlines()
    assert code == 2 and first.startswith("rapportkoll") and ": error: " in first, err
    assert more.startswith("See 'rapportkoll") and more.endswith("--help'."), err
    assert en in err, err


def test_argparse_is_left_as_it_was() -> None:
    """The Swedish words are in place only while the command line parses."""
    main(["rules", "--format", "json"])
    assert getattr(argparse, "_") is gettext.gettext  # noqa: B009
    assert getattr(argparse, "ngettext") is gettext.ngettext  # noqa: B009


def test_lang_anywhere_applies_to_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--lang", "en", "rules"], ["rules", "--lang", "en"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and out.startswith("RK001  invalid-suppression") and " error " in out
    code, sv, _ = run(capsys, "rules")
    assert sv.startswith("RK001  ogiltig-undantagskommentar") and " fel " in sv.splitlines()[0]
    assert prescan_lang(["check", "--lang", "en", "x"]) == "en"
    assert prescan_lang(["check", "--", "--lang", "en"]) == "sv"  # after --, names only
    assert prescan_lang(["--lang", "xx"]) == "sv"


def test_every_command_takes_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "schema", "--config", "--lang", "en", "--check")
    assert code in (0, 1) and "unrecognized" not in err and "okända" not in err, err


def test_english_table_has_no_unused_entries() -> None:
    used = {getattr(o, a) for p in [build(make_parser, "sv")] for o, a in _texts(p)}
    assert set(EN) - used == set()


def _texts(parser: argparse.ArgumentParser):  # type: ignore[no-untyped-def]
    from checker.cli.language import texts

    return texts(parser)
