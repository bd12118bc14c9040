"""The command line: ``rapportkoll check|rules|rule|schema|nightly|import|render``.

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
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from checker import INTERRUPTED, STOPPED, __version__
from checker.cli import check
from checker.cli.common import error, reader_gone, say, set_lang
from checker.cli.completion import add_completion_command, run_completion
from checker.cli.language import parse
from checker.cli.rulefiles import add_rule_files_command, run_rule_files_command
from checker.convert import add_commands, run_import, run_render
from checker.desk import add_serve_command, run_serve
from checker.engine.config import Config
from checker.engine.config import find as config_find
from checker.engine.core import Engine, rule_lookup
from checker.engine.refdata import DataError
from checker.engine.settings import build
from checker.findings import Severity
from checker.lsp import add_server_command, run_server
from checker.options import (
    JOBS,
    add_lang_option,
    add_nightly_options,
    add_output_options,
    add_roster_options,
    add_rule_file_option,
    add_rule_options,
)
from checker.outputs import NAMES
from checker.outputs.terminal import visible
from checker.read.safeio import os_error
from checker.rule import Rule
from checker.scaffold import add_new_command, run_new


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


# Long by design: the declarations of every subcommand's options, read top to bottom.
def _parser() -> argparse.ArgumentParser:
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

    c = sub.add_parser(
        "check",
        help="kontrollera rapportfiler och mappar",
        description="Kontrollerar rapporterna i PATH (filer eller mappar) mot regelkatalogen."
        " Slutkod 0: inget som fäller, 1: anmärkningar på --fail-on-nivå eller högre,"
        " 2: användningsfel eller internt fel.",
    )
    c.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="filer eller mappar; - läser en rapport från standard in",
    )
    c.add_argument("--format", choices=NAMES, default="text", help="utdataformat (standard: text)")
    c.add_argument(
        "--include-exports",
        action="store_true",
        help="ta med stadens exporter (.txt, .md, .pdf, .docx) när mappar gås igenom;"
        " filer som anges med namn kontrolleras alltid",
    )
    c.add_argument(
        "--output",
        action="append",
        default=[],
        metavar="FORMAT=FILE",
        help="skriv även formatet FORMAT till FILE (kan upprepas, t.ex."
        " --output html=rapport.html --output sarif=rapport.sarif)",
    )
    add_rule_options(c, "PATH")
    add_roster_options(c)
    c.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=None,
        help="lägsta allvarlighetsgrad som ger slutkod 1 (standard: error)",
    )
    c.add_argument(
        "--jobs",
        "-j",
        type=JOBS,
        default=None,
        metavar="N",
        help="antal parallella processer (0 = alla kärnor; standard 1)",
    )
    c.add_argument("--cache-dir", metavar="DIR", help="cache för oförändrade filer (innehållshash)")
    # Fixes (checker.fix): kept together so that the option list can change around them.
    c.add_argument("--fix", action="store_true", help="rätta det som säkert kan rättas i filerna")
    c.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="med --fix eller --diff: rätta även det som kräver granskning (omräknade belopp)",
    )
    c.add_argument(
        "--diff",
        action="store_true",
        help="visa som en diff vad --fix skulle ändra, utan att skriva något",
    )
    c.add_argument(
        "--baseline", metavar="FILE", help="visa bara anmärkningar som inte finns i baslinjen FILE"
    )
    c.add_argument(
        "--write-baseline",
        action="store_true",
        help="spara dagens anmärkningar som baslinje i --baseline FILE",
    )
    add_output_options(c)

    r = sub.add_parser("rules", help="lista alla regler")
    add_lang_option(r, default="sv")
    r.add_argument(
        "--format", choices=["text", "json"], default="text", help="utdataformat (standard: text)"
    )

    add_rule_file_option(r)

    one = sub.add_parser("rule", help="förklara en regel")
    one.add_argument("code", help="regelkod eller namn, t.ex. RK101 eller missing-section")
    add_lang_option(one, default="sv")
    add_rule_file_option(one)

    s = sub.add_parser(
        "schema",
        help="skriv rapportformatets JSON-schema (eller inställningarnas) för editorn",
        description="Skriver JSON-schemat till standard ut, eller till FILE med -o, t.ex."
        " bredvid rapporterna: rapportkoll schema -o rapporter/rapport.schema.json."
        " Se docs/editor.md.",
    )
    s.add_argument("-o", "--output", metavar="FILE", help="skriv schemat till FILE")
    s.add_argument(
        "--config",
        action="store_true",
        help="schemat för inställningarna ([tool.rapportkoll] eller rapportkoll.toml)",
    )
    s.add_argument(
        "--regler",
        action="store_true",
        help="schemat för regelfiler (egna regler i YAML, se docs/regler.md)",
    )
    s.add_argument(
        "--check",
        action="store_true",
        help="fel om förrådets scheman (schemas/ och paketets kopia) är inaktuella",
    )
    s.add_argument(
        "--update-repo",
        action="store_true",
        help="för utvecklare: skriv om förrådets scheman (schemas/ och paketets kopia)",
    )

    add_new_command(sub)
    add_rule_files_command(sub)
    add_server_command(sub)
    add_commands(sub)
    add_serve_command(sub)
    add_nightly_options(
        sub.add_parser(
            "nightly",
            help="nattkörning: hela trädet med cache, historik (SQLite) och HTML-översikt",
        )
    )
    add_completion_command(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        # argparse's own words and every help text in the language asked for (--lang anywhere)
        args = parse(_parser, sys.argv[1:] if argv is None else argv)
        set_lang(getattr(args, "lang", None) or "sv")
        if args.command == "completion":
            return run_completion(args, _parser)
        if args.command == "check":
            return check.run(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "rule":
            return _rule(args)
        if args.command == "nightly":
            return _nightly(args)
        if args.command == "import":
            return run_import(args)
        if args.command == "render":
            return run_render(args)
        if args.command == "serve":
            return run_serve(args)
        if args.command == "server":
            return run_server(args)
        if args.command == "new":
            return run_new(args)
        if args.command == "regler":
            return run_rule_files_command(args)
        return _schema(args)
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


def _catalogue(args: argparse.Namespace) -> Engine:
    """Every rule: the built-in ones, installed packs and the rule files of the configuration
    found from here and of --rule-file."""
    if not args.rule_file and config_find(".") is None:
        return Engine()
    return Engine(build(["."], rule_files=args.rule_file)[0])


def _rules(args: argparse.Namespace) -> int:
    engine = _catalogue(args)
    rules = engine.sorted_rules()
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "name_sv": r.name_sv or r.name,
                "severity": r.severity.value,
                "summary": r.doc.what.get(args.lang),
                "plugin": engine.rule_owner.get(r.code),
            }
            for r in rules
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    # Both names, the output language's first: the Swedish one that Swedish output shows,
    # and the English one that configuration, suppressions and the formats' "name" use.
    names = [
        (r.title(args.lang), r.name_sv or r.name if args.lang == "en" else r.name) for r in rules
    ]
    first = max((len(a) for a, _ in names), default=0)
    second = max((len(b) for _, b in names), default=0)
    for r, (a, b) in zip(rules, names, strict=True):
        print(
            f"{r.code}  {a:<{first}}  {b:<{second}}"
            f"  {r.severity.label(args.lang):<8} {r.doc.what.get(args.lang)}"
        )
    return 0


def explain(r: Rule, lang: str) -> str:
    sv = lang == "sv"
    parts = [
        f"{r.code} {r.title(lang)} ({r.severity.label(lang)})"
        + (
            f"\n{'Engelskt namn' if sv else 'Swedish name'}: {r.name if sv else r.name_sv}"
            if r.name_sv
            else ""
        ),
        "",
        ("Vad regeln kontrollerar" if sv else "What it checks") + ":",
        "  " + r.doc.what.get(lang),
        "",
        ("Varför det spelar roll" if sv else "Why it matters") + ":",
        "  " + r.doc.why.get(lang),
    ]
    if r.doc.decisions is not None:
        parts += [
            "",
            ("Beslut i gränsfall" if sv else "Decisions") + ":",
            "  " + r.doc.decisions.get(lang),
        ]
    if r.doc.fix is not None:
        parts += ["", ("Rättning" if sv else "Fix") + ":", "  " + r.doc.fix.get(lang)]
    if r.doc.failing:
        parts += ["", ("Exempel som ger anmärkning" if sv else "Failing example") + ":", ""]
        parts += ["    " + ln for ln in r.doc.failing.rstrip().splitlines()]
    if r.doc.passing:
        parts += ["", ("Exempel utan anmärkning" if sv else "Passing example") + ":", ""]
        parts += ["    " + ln for ln in r.doc.passing.rstrip().splitlines()]
    return "\n".join(parts) + "\n"


def _rule(args: argparse.Namespace) -> int:
    engine = _catalogue(args)
    r = rule_lookup(engine, args.code)
    if r is None:
        from checker.engine.config import closest

        near = closest(args.code.upper(), engine.rules)
        error(
            say(
                f"okänd regel {args.code}"
                + (f"; menade du {near}?" if near else "; se 'rapportkoll rules'"),
                f"unknown rule {args.code}"
                + (f"; did you mean {near}?" if near else "; see 'rapportkoll rules'"),
            )
        )
        return 2
    sys.stdout.write(explain(r, args.lang))
    return 0


def _nightly(args: argparse.Namespace) -> int:
    from checker.nightly import runner as nightly

    return nightly.main(args)


def _schema(args: argparse.Namespace) -> int:
    from checker.read import schema

    if args.check:
        stale = schema.stale(Config.pydantic_model())
        for name in stale:
            error(f"{name} är inaktuellt; kör 'rapportkoll schema --update-repo'")
        return 1 if stale else 0
    if args.update_repo:
        if not (schema.SCHEMA_DIR.parent / "pyproject.toml").is_file():
            error("--update-repo skriver bara i ett utcheckat rapportkoll-förråd")
            return 2
        for path in schema.write(Config.pydantic_model()):
            error(f"skrev {path}")
        return 0
    if args.regler:
        from rules.data_rules.schema import render as rule_file_schema

        text = rule_file_schema()
    else:
        text = (
            schema.render(schema.config_schema(Config.pydantic_model()))
            if args.config
            else schema.shipped_report_schema()
        )
    if args.output is None or args.output == "-":
        sys.stdout.write(text)
        return 0
    from checker.run.output import writable_place

    place = writable_place(args.output)  # the output rule first: the same words everywhere
    refused = schema.refuse_target(args.output)
    if refused is not None or place is not None:
        error(f"kan inte skriva {args.output}: {place}" if place else refused)
        return 2
    from checker.read.safeio import write_atomically

    write_atomically(args.output, text)
    error(f"skrev {args.output}")
    return 0
