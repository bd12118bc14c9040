"""The parser in the user's language: Swedish by default, English with ``--lang en``.

``--lang`` is read from the command line before parsing (wherever it stands,
also with ``--help``), because argparse writes its own words while it parses
and prints help. The parser is declared once, with Swedish help texts
(``checker.cli.make_parser``); for English every help text and description is
looked up in ``checker.cli.help_en``. argparse's own words ("usage:",
"options", its usage errors) come from ``checker.cli.argparse_sv``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from checker.cli.argparse_sv import SV, SV_PLURAL
from checker.cli.help_en import EN
from checker.cli.options import add_lang_option

LANGS = ("sv", "en")


def prescan_lang(argv: Sequence[str]) -> str:
    """The language asked for anywhere on the command line (the last --lang wins), or "sv"."""
    lang = "sv"
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGS:
            lang = value
    return lang


def _sv(message: str) -> str:
    return SV.get(message, message)


def _sv_plural(singular: str, plural: str, n: int) -> str:
    one, many = SV_PLURAL.get((singular, plural), (singular, plural))
    return one if n == 1 else many


@contextmanager
def argparse_words(lang: str) -> Iterator[None]:
    """argparse's own texts in ``lang`` while the block runs (building, parsing, help).

    argparse calls its module-level ``_`` and ``ngettext`` (gettext) at each
    text; they are swapped for the Swedish table and put back afterwards. The
    command line is one thread, so nothing else sees the swap.
    """
    if lang == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    setattr(argparse, "_", _sv)  # noqa: B010 (argparse declares no such public name)
    setattr(argparse, "ngettext", _sv_plural)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` and every subcommand's parser under it, depth first."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from parsers(sub)


def texts(parser: argparse.ArgumentParser) -> Iterator[tuple[Any, str]]:
    """Every help text and description of the parser tree, with the object that holds it."""
    for p in parsers(parser):
        if p.description:
            yield p, "description"
        if p.epilog:
            yield p, "epilog"
        for action in p._actions:
            if action.help and action.help is not argparse.SUPPRESS:
                yield action, "help"
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if choice.help:
                        yield choice, "help"


def untranslated(parser: argparse.ArgumentParser) -> list[str]:
    """The Swedish texts of the parser that have no English in ``help_en.EN``."""
    return sorted({getattr(o, a) for o, a in texts(parser) if getattr(o, a) not in EN})


def _to_english(parser: argparse.ArgumentParser) -> None:
    for obj, attr in texts(parser):
        text = getattr(obj, attr)
        setattr(obj, attr, EN.get(text, text))
    for p in parsers(parser):
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction) and action.metavar == "KOMMANDO":
                action.metavar = "COMMAND"


def build(make: Callable[[], argparse.ArgumentParser], lang: str) -> argparse.ArgumentParser:
    """The parser ``make`` declares, in ``lang`` (argparse's words and every help text)."""
    with argparse_words(lang):
        parser = make()
        for p in parsers(parser):  # --lang is taken wherever it stands, by every command
            if "--lang" not in p._option_string_actions:
                add_lang_option(p)
            vars(p)["lang"] = lang  # the language of its own usage errors
    if lang == "en":
        _to_english(parser)
    return parser


def parse(make: Callable[[], argparse.ArgumentParser], argv: Sequence[str]) -> argparse.Namespace:
    """Parse ``argv`` with the parser ``make`` declares, in the language --lang asks for.

    A subcommand's default for --lang overrides what was given before the
    subcommand (``rapportkoll --lang en rules``): the language read first wins.
    """
    argv = list(argv)
    lang = prescan_lang(argv)
    given = any(a == "--lang" or a.startswith("--lang=") for a in argv)
    parser = build(make, lang)
    with argparse_words(lang):
        args = parser.parse_args(argv)
    if given and hasattr(args, "lang"):
        args.lang = lang
    # after "--" every argument is a name: "-" there is a file called "-", not standard in
    args.after_double_dash = argv[argv.index("--") + 1 :] if "--" in argv else []
    return args
