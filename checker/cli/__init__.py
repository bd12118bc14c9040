"""The command line: ``rapportkoll COMMAND``, one module of this package per command.

``COMMANDS`` is the dispatch table: each command's help and description (Swedish; the
English is in ``help_en``) and the module that declares its options on the subparser
made here (``add_arguments(parser)``) and runs it (``run(args) -> int``). This module parses, dispatches and reports what no
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
from typing import Any, NamedTuple, NoReturn

from checker import INTERRUPTED, STOPPED, __version__
from checker.cli.common import error, reader_gone, set_lang
from checker.cli.language import parse
from checker.cli.options import add_lang_option
from checker.engine.refdata import DataError
from checker.outputs.terminal import visible
from checker.read.safeio import os_error


class Command(NamedTuple):
    """Where a command lives (its module and the names of its two functions there) and the
    Swedish texts of its subparser (the English is in ``help_en``)."""

    module: str
    help: str
    description: str | None = None
    add: str = "add_arguments"
    run: str = "run"


# In the order `rapportkoll --help` lists them.
COMMANDS: dict[str, Command] = {
    "check": Command(
        "checker.cli.check",
        "kontrollera rapportfiler och mappar",
        "Kontrollerar rapporterna i PATH (filer eller mappar) mot regelkatalogen."
        " Slutkod 0: inget som fäller, 1: anmärkningar på --fail-on-nivå eller högre,"
        " 2: användningsfel eller internt fel.",
    ),
    "rules": Command(
        "checker.cli.rules",
        "lista alla regler",
        None,
        "add_rules",
        "run_rules",
    ),
    "rule": Command(
        "checker.cli.rules",
        "förklara en regel",
        None,
        "add_rule",
        "run_rule",
    ),
    "schema": Command(
        "checker.cli.schema",
        "skriv rapportformatets JSON-schema (eller inställningarnas) för editorn",
        "Skriver JSON-schemat till standard ut, eller till FILE med -o, t.ex."
        " bredvid rapporterna: rapportkoll schema -o rapporter/rapport.schema.json."
        " Se docs/editor.md.",
    ),
    "new": Command(
        "checker.cli.new",
        "skapa en ny rapport (VP, T1, T2 eller VB) att fylla i, gärna utifrån den förra",
        "Skriver en rapport med alla avsnitt som profilen kräver för typen och året,"
        " KF:s mål för mandatperioden med exakta titlar och schemaraden. Med --från förs"
        " det över som stadens cykel för över: mål, indikatorer med mål och aktiviteter"
        " (VP → T1), och klagomålstabellens tidigare kolumner (T1 → T2 → VB). Det som ska"
        " skrivas står som [fyll i: …] och rapporteras av RK704 tills det är ifyllt.",
    ),
    "regler": Command(
        "checker.cli.rulefiles",
        "egna regler i regelfiler: testa deras exempel",
        "Egna regler skrivs i regelfiler (YAML, se docs/regler.md).",
    ),
    "server": Command(
        "checker.cli.lsp",
        "språkserver (LSP) för editorer: anmärkningar medan du skriver, snabbfixar",
        "Startar rapportkolls språkserver. Editorn startar den och talar LSP"
        " över standard in och ut; se docs/editor.md för VS Code och Neovim.",
    ),
    "import": Command(
        "checker.cli.convert",
        "importera stadens exporter (text, PDF, Word) till rapportformatet i YAML",
        "Läser exporter ur stadens system och skriver rapporten som YAML. Inget"
        " rättas: värden kommer igenom exakt som de står, och text som inte kunde placeras"
        " hamnar under ej_placerat.",
        "add_import",
        "run_import",
    ),
    "render": Command(
        "checker.cli.convert",
        "skriv en rapport som stadens dokument: md, html, pdf eller docx",
        "Skriver rapporten med samma rubriker och ordning som stadens exporter."
        " Värden visas exakt som de står i YAML-filen.",
        "add_render",
        "run_render",
    ),
    "serve": Command(
        "checker.cli.desk",
        "starta inlämningsdisken: granska inlämnade filer och bläddra i rapporterna i webbläsaren",
        "Startar en liten webbapplikation på den här datorn. Personal släpper"
        " rapporter (YAML eller stadens exporter) i webbläsaren och ser anmärkningarna, och"
        " bläddrar bland rapporterna under --root per nämnd och enhet.",
    ),
    "nightly": Command(
        "checker.cli.nightly",
        "nattkörning: hela trädet med cache, historik (SQLite) och HTML-översikt",
    ),
    "completion": Command(
        "checker.cli.completion",
        "skriv ett kompletteringsskript för skalet (bash, zsh eller fish)",
        "Skriver ett skript som kompletterar kommandon, flaggor och regelkoder"
        " med Tab. bash: rapportkoll completion bash > ~/.local/share/bash-completion/"
        'completions/rapportkoll; zsh: rapportkoll completion zsh > "${fpath[1]}/_rapportkoll";'
        " fish: rapportkoll completion fish > ~/.config/fish/completions/rapportkoll.fish",
    ),
}


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with the terminal's width asked when help is written.

    argparse makes a formatter for every option declared (to check its metavar), and
    its own asks the terminal's width at once: importing ``shutil`` (with ``zlib``,
    ``bz2``, ``lzma``: ≈ 2 ms) on every run, though a check writes no help.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        self._asked = (max_help_position, width)
        super().__init__(prog, indent_increment, max_help_position, 80 if width is None else width)

    def format_help(self) -> str:
        max_help_position, width = self._asked
        if width is None:  # as argparse's own __init__ takes it
            import shutil

            width = shutil.get_terminal_size().columns - 2
        self._width = width
        self._max_help_position = min(
            max_help_position, max(width - 20, self._indent_increment * 2)
        )
        return super().format_help()


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as ruff gives them: the error line first, with the
    nearest option, subcommand or choice ("menade du …?"), then a short pointer to --help,
    not the whole usage. The values it quotes are shown escaped on the terminal."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)  # subcommands' parsers too
        super().__init__(*args, **kwargs)

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
    # prog given: argparse would lay out the usage of a parser without positionals, which
    # is its prog at any width (and would ask the terminal's width for it).
    sub = p.add_subparsers(dest="command", required=True, metavar="KOMMANDO", prog=p.prog)
    for name, command in COMMANDS.items():
        if only is None or name == only:
            parser = sub.add_parser(name, help=command.help, description=command.description)
            getattr(importlib.import_module(command.module), command.add)(parser)
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
