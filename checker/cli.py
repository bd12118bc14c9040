"""The command line: ``rapportkoll check|rules|rule|schema|nightly|import|render``.

Exit codes: 0 nothing at or above the failing severity, 1 something is,
2 a usage error or a checker fault (an RK000 finding).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from checker import __version__
from checker.convert import add_commands, run_import, run_render
from checker.engine.config import Config, check_cli_codes, check_codes
from checker.engine.core import Engine, rule_lookup
from checker.engine.refdata import DataError
from checker.engine.settings import Settings, build
from checker.findings import Severity
from checker.options import JOBS, add_nightly_options, add_rule_options
from checker.read.safeio import os_error
from checker.report import NAMES
from checker.report.terminal import visible
from checker.report.text import use_colour
from checker.rule import Rule
from checker.serve import add_serve_command, run_serve
from checker.server import add_server_command, run_server


class _Parser(argparse.ArgumentParser):
    """argparse, with the values it quotes in a usage error shown escaped on the terminal."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {visible(message)}\n")


# Long by design: the declarations of every subcommand's options, read top to bottom.
def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="rapportkoll",
        description="Granskar verksamhetsplaner, tertialrapporter och verksamhetsberättelser"
        " i YAML mot regelkatalogen RK1–RK7.",
    )
    p.add_argument("--version", action="version", version=f"rapportkoll {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="kontrollera rapportfiler och mappar")
    c.add_argument("paths", nargs="+", metavar="PATH", help="filer eller mappar")
    c.add_argument("--format", choices=NAMES, default="text")
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
    c.add_argument(
        "--baseline", metavar="FILE", help="visa bara anmärkningar som inte finns i baslinjen FILE"
    )
    c.add_argument(
        "--write-baseline",
        action="store_true",
        help="spara dagens anmärkningar som baslinje i --baseline FILE",
    )

    r = sub.add_parser("rules", help="lista alla regler")
    r.add_argument("--lang", choices=["sv", "en"], default="sv")
    r.add_argument("--format", choices=["text", "json"], default="text")

    one = sub.add_parser("rule", help="förklara en regel")
    one.add_argument("code", help="regelkod eller namn, t.ex. RK101 eller missing-section")
    one.add_argument("--lang", choices=["sv", "en"], default="sv")

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
        "--check",
        action="store_true",
        help="fel om förrådets scheman (schemas/ och paketets kopia) är inaktuella",
    )
    s.add_argument(
        "--update-repo",
        action="store_true",
        help="för utvecklare: skriv om förrådets scheman (schemas/ och paketets kopia)",
    )

    add_server_command(sub)
    add_commands(sub)
    add_serve_command(sub)
    add_nightly_options(
        sub.add_parser(
            "nightly",
            help="nattkörning: hela trädet med cache, historik (SQLite) och HTML-översikt",
        )
    )
    return p


INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def error(message: object) -> None:
    """A usage error on stderr: one line, control characters visibly escaped."""
    print(f"rapportkoll: {visible(message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "check":
            return _check(args)
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
        return _schema(args)
    except DataError as exc:
        error(exc)
        return 2
    except KeyboardInterrupt:
        error("avbrutet (Ctrl-C); ingen utdatafil har skrivits eller ändrats")
        return INTERRUPTED
    except OSError as exc:
        name = f" {exc.filename}" if exc.filename else ""
        error(f"fel vid läsning eller skrivning{name}: {os_error(exc).sv}")
        return 2


def settings_for(args: argparse.Namespace) -> tuple[Settings, Config]:
    """The settings of ``check``: the configuration file, overridden by the command line."""
    return build(
        args.paths,
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        fail_on=args.fail_on,
        config_file=args.config,
        no_config=args.no_config,
    )


def check_options(args: argparse.Namespace, engine: Engine, config: Config) -> None:
    """No typo switches a rule off: every code named must exist (``DataError`` otherwise)."""
    known = set(engine.rules)
    for option in ("select", "extend_select", "ignore"):
        check_cli_codes("--" + option.replace("_", "-"), getattr(args, option), known)
    if config.source:
        check_codes(config, Path(config.source), known)


# Long: the steps of `check` in the order they must happen (settings, outputs guarded
# before anything runs, baseline, cache, run, outputs); splitting would scatter that order.
def _check(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        for p in missing:
            error(f"hittar inte {p}")
        return 2
    outputs = _outputs(args.output)
    if isinstance(outputs, str):
        error(outputs)
        return 2
    if args.write_baseline and not args.baseline:
        error("--write-baseline kräver --baseline FILE")
        return 2
    settings, config = settings_for(args)
    lang = args.lang or config.lang or "sv"
    engine = Engine(settings)
    check_options(args, engine, config)
    jobs = args.jobs if args.jobs is not None else (config.jobs or 1)
    jobs = jobs or os.cpu_count() or 1
    from checker.run import baseline
    from checker.run.cache import SafeCache, source_digest
    from checker.run.output import InputGuard, OutputError, writable_place

    targets = [("--output", target) for _, target in outputs]
    if args.write_baseline:
        targets.append(("--write-baseline", args.baseline))
    if targets:  # what the run reads is gathered only when it writes something
        guard = InputGuard(args.paths)
        guard.add(config.source, "konfigurationsfilen")
        for source in engine.refdata.sources.values():
            guard.add(source, "en fil med referensdata")
        if args.baseline and not args.write_baseline:
            guard.add(args.baseline, "baslinjen som läses")
        try:
            guard.check(targets)
        except OutputError as exc:
            error(exc)
            return 2
    for option, target in targets:
        place = writable_place(target)
        if place is not None:
            error(f"{option}: kan inte skriva {target}: {place}")
            return 2
    known_fps = None
    if args.baseline and not args.write_baseline:
        try:
            known_fps = baseline.load(args.baseline)
        except baseline.BaselineError as exc:
            error(f"kan inte läsa baslinjen {args.baseline}: {exc}")
            return 2

    cache = (
        # the nightly run's cache: never stores a checker fault or a file changed mid-check
        SafeCache(args.cache_dir, f"{engine.fingerprint()}:{source_digest()}")
        if args.cache_dir
        else None
    )
    if cache is not None and cache.unusable:
        error(f"varning: cachen används inte: {cache.unusable}")
    from checker.run.checkrun import run_check  # findings streamed to every output

    return run_check(
        engine,
        args.paths,
        fmt=args.format,
        outputs=outputs,
        lang=lang,
        fail_on=settings.fail_on,
        jobs=jobs,
        cache=cache,
        exports=args.include_exports,
        baseline_path=args.baseline,
        known=known_fps,
        write_baseline=args.write_baseline,
        error=error,
        colour=use_colour(),
    )


def _outputs(values: list[str]) -> list[tuple[str, str]] | str:
    """``FORMAT=FILE`` pairs, or the message for the first one that is wrong."""
    out = []
    for value in values:
        fmt, sep, target = value.partition("=")
        if not sep or not target or fmt not in NAMES:
            return (
                f"--output väntar FORMAT=FILE med FORMAT ett av {', '.join(NAMES)}, fick {value!r}"
            )
        out.append((fmt, target))
    return out


def _rules(args: argparse.Namespace) -> int:
    engine = Engine()
    rules = engine.sorted_rules()
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "summary": r.doc.what.get(args.lang),
                "plugin": engine.rule_owner.get(r.code),
            }
            for r in rules
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for r in rules:
        print(
            f"{r.code}  {r.name:<32} {r.severity.label(args.lang):<8} {r.doc.what.get(args.lang)}"
        )
    return 0


def explain(r: Rule, lang: str) -> str:
    sv = lang == "sv"
    parts = [
        f"{r.code} {r.name} ({r.severity.label(lang)})",
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
    if r.doc.failing:
        parts += ["", ("Exempel som ger anmärkning" if sv else "Failing example") + ":", ""]
        parts += ["    " + ln for ln in r.doc.failing.rstrip().splitlines()]
    if r.doc.passing:
        parts += ["", ("Exempel utan anmärkning" if sv else "Passing example") + ":", ""]
        parts += ["    " + ln for ln in r.doc.passing.rstrip().splitlines()]
    return "\n".join(parts) + "\n"


def _rule(args: argparse.Namespace) -> int:
    engine = Engine()
    r = rule_lookup(engine, args.code)
    if r is None:
        error(f"okänd regel {args.code}; se 'rapportkoll rules'")
        return 2
    sys.stdout.write(explain(r, args.lang))
    return 0


def _nightly(args: argparse.Namespace) -> int:
    from checker.run import nightly

    return nightly.main(args)


def _schema(args: argparse.Namespace) -> int:
    from checker.read import schema

    if args.check:
        stale = schema.stale(Config)
        for name in stale:
            error(f"{name} är inaktuellt; kör 'rapportkoll schema --update-repo'")
        return 1 if stale else 0
    if args.update_repo:
        if not (schema.SCHEMA_DIR.parent / "pyproject.toml").is_file():
            error("--update-repo skriver bara i ett utcheckat rapportkoll-förråd")
            return 2
        for path in schema.write(Config):
            error(f"skrev {path}")
        return 0
    text = (
        schema.render(schema.config_schema(Config))
        if args.config
        else schema.shipped_report_schema()
    )
    if args.output is None or args.output == "-":
        sys.stdout.write(text)
        return 0
    refused = schema.refuse_target(args.output)
    if refused is not None:
        error(refused)
        return 2
    from checker.read.safeio import write_atomically

    write_atomically(args.output, text)
    error(f"skrev {args.output}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
