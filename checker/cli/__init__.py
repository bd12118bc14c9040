"""The command line: ``rapportkoll COMMAND``, one module of this package per command.

``COMMANDS`` is the dispatch table: each command's module declares its options
(``add_arguments(sub, name)``, Swedish help; the English is in ``help_en``) and runs
it (``run(args) -> int``). This module parses, dispatches and reports what no
command handles itself. A command named first is declared alone, so that
``rapportkoll check FILE`` loads no other command's module (start-up is paid on
every run of the pre-commit hook and the editor).

Exit codes: 0 nothing at or above the failing severity, 1 something is,
2 a usage error or a checker fault (an RK000 finding).
"""

from __future__ import annotations

import os

# pydantic looks for plugins of its own (the "pydantic" entry-point group) when it builds
# the first model, reading the metadata of every installed distribution: ≈ 3 ms of every
# start-up with 160 distributions, more in larger environments, for plugins rapportkoll
# never uses. PYDANTIC_DISABLE_PLUGINS is pydantic's documented switch. It is set here,
# before the imports below build the first model, so only for the command line (this
# process and its children), never for a program that imports checker's other modules;
# a value already set is kept (set it empty to load the plugins).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NamedTuple, NoReturn

from checker import INTERRUPTED, STOPPED, __version__
from checker.cli.common import error, reader_gone, set_lang
from checker.cli.language import parse
from checker.cli.options import add_lang_option
from checker.engine.refdata import DataError
from checker.outputs.terminal import visible
from checker.read.safeio import os_error


class Command(NamedTuple):
    """Where a command lives: its module and the names of its two functions there."""

    module: str
    add: str = "add_arguments"
    run: str = "run"


# In the order `rapportkoll --help` lists them.
COMMANDS: dict[str, Command] = {
    "check": Command("checker.cli.check"),
    "rules": Command("checker.cli.rules", "add_rules", "run_rules"),
    "rule": Command("checker.cli.rules", "add_rule", "run_rule"),
    "schema": Command("checker.cli.schema"),
    "new": Command("checker.cli.new"),
    "regler": Command("checker.cli.rulefiles"),
    "server": Command("checker.cli.lsp"),
    "import": Command("checker.cli.convert", "add_import", "run_import"),
    "render": Command("checker.cli.convert", "add_render", "run_render"),
    "serve": Command("checker.cli.desk"),
    "nightly": Command("checker.cli.nightly"),
    "completion": Command("checker.cli.completion"),
}


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as ruff gives them: the error line first, with the
    nearest option, subcommand or choice ("menade du …?"), then a short pointer to --help,
    not the whole usage. The values it quotes are shown escaped on the terminal."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras and " " in self.prog:
            # A subcommand's unknown option is its own error, with its own options to suggest
            # (argparse would leave it to the top level, which knows none of them).
            template: str = getattr(argparse, "_")("unrecognized arguments: %s")  # noqa: B009
            self.error(template % " ".join(extras))
        return parsed, extras

    def error(self, message: str) -> NoReturn:
        lang = vars(self).get("lang", "sv")  # set by checker.cli.language.build
        hint = _nearest(self, message)
        if hint:
            message += f"; menade du {hint}?" if lang == "sv" else f"; did you mean {hint}?"
        # argparse's own template, in the language checker.cli.language put in place
        template: str = getattr(argparse, "_")("%(prog)s: error: %(message)s\n")  # noqa: B009
        more = f"Se '{self.prog} --help'.\n" if lang == "sv" else f"See '{self.prog} --help'.\n"
        self.exit(2, template % {"prog": self.prog, "message": visible(message)} + more)


def _nearest(parser: argparse.ArgumentParser, message: str) -> str | None:
    """The option or choice nearest to the one a usage error names, if one is near."""
    import difflib
    import re

    quoted = re.findall(r"'([^']*)'", message)
    if quoted and ("(" in message):  # "invalid choice: 'chek' (choose from 'check', …)"
        near = difflib.get_close_matches(quoted[0], quoted[1:], n=1, cutoff=0.6)
        return f"'{near[0]}'" if near else None
    words = [w for w in message.rsplit(":", 1)[-1].split() if w.startswith("-")]
    options: list[str] = [o for o in parser._option_string_actions if o.startswith("--")]
    for word in words:
        near = difflib.get_close_matches(word.split("=")[0], options, n=1, cutoff=0.6)
        if near:
            return str(near[0])
    return None


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line, declared in Swedish (``language.build`` translates it): every
    command, or with ``only`` that command alone (the others' modules stay unloaded)."""
    p = _Parser(
        prog="rapportkoll",
        description="Granskar verksamhetsplaner, tertialrapporter och verksamhetsberättelser"
        " i YAML mot regelkatalogen RK1–RK7.",
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"rapportkoll {__version__}",
        help="visa programmets version och avsluta",
    )
    add_lang_option(p)
    sub = p.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for name, command in COMMANDS.items():
        if only is None or name == only:
            getattr(importlib.import_module(command.module), command.add)(sub, name)
    return p


def named_command(argv: Sequence[str]) -> str | None:
    """The command when it comes first (after ``--lang X`` at most), else None.

    Only then is the parser of that command alone the same to the user as the whole one:
    an option before the command (``--help``, ``--version``, a typo) is the top level's,
    and its help or its error lists every command.
    """
    rest = list(argv)
    if rest[:1] == ["--lang"]:
        rest = rest[2:]
    elif rest[:1] and rest[0].startswith("--lang="):
        rest = rest[1:]
    return rest[0] if rest and rest[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    try:
        # argparse's own words and every help text in the language asked for (--lang anywhere)
        argv = sys.argv[1:] if argv is None else argv
        only = named_command(argv)
        args = parse(lambda: make_parser(only), argv)
        set_lang(getattr(args, "lang", None) or "sv")
        command = COMMANDS[args.command]
        run = getattr(importlib.import_module(command.module), command.run)
        return int(run(args))
    except DataError as exc:
        for line in getattr(exc, "lines", None) or [exc]:  # a rule file's problems, one a line
            error(line)
        return 2
    except KeyboardInterrupt:
        error(STOPPED)
        return INTERRUPTED
    except BrokenPipeError:
        return reader_gone()
    except OSError as exc:
        name = f" {exc.filename}" if exc.filename else ""
        error(f"fel vid läsning eller skrivning{name}: {os_error(exc).sv}")
        return 2
