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
import datetime
import io
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from checker import INTERRUPTED, STOPPED, __version__
from checker.convert import add_commands, run_import, run_render
from checker.desk import add_serve_command, run_serve
from checker.engine.config import Config, check_cli_codes, check_codes
from checker.engine.config import find as config_find
from checker.engine.core import Engine, rule_lookup
from checker.engine.refdata import DataError
from checker.engine.settings import Settings, build
from checker.findings import Msg, Severity
from checker.lsp import add_server_command, run_server
from checker.cli.completion import add_completion_command, run_completion
from checker.cli.language import parse
from checker.cli.rulefiles import add_rule_files_command, run_rule_files_command
from checker.cli.show import show_files, show_settings, statistics, statistics_problem
from checker.cli.stdin import STDIN_NAME, check_stdin, reads_stdin, stdin_problem
from checker.options import (
    JOBS,
    add_lang_option,
    add_nightly_options,
    add_output_options,
    add_roster_options,
    add_rule_file_option,
    add_rule_options,
)
from checker.outputs import NAMES, FormatOptions, formatter_class
from checker.outputs.terminal import visible
from checker.outputs.text import FindingsOnlyFormatter, use_colour
from checker.read.safeio import os_error
from checker.results import Result
from checker.rule import Rule
from checker.run.checkrun import SILENT
from checker.scaffold import add_new_command, run_new
from checker.swedish import count as sv_count


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


CLOSED_PIPE = 141  # 128 + SIGPIPE, what git reports when its reader (`| head`) has gone


def _reader_gone() -> int:
    """The reader of standard output closed it (``| head -1``): end quietly, as git does.

    Standard output is pointed at /dev/null so that the interpreter's last flush at exit
    does not raise the same error again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return CLOSED_PIPE


# The language of the command line's own messages: --lang, then the configuration's.
_lang = "sv"


def error(message: object) -> None:
    """A usage error on stderr: one line, control characters visibly escaped.

    A ``Msg`` (or an error carrying one) is shown in the language in force.
    """
    if isinstance(message, Msg | DataError):
        message = message.get(_lang)
    print(f"rapportkoll: {visible(message)}", file=sys.stderr)


def _say(sv: str, en: str) -> Msg:
    return Msg(sv, en)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        # argparse's own words and every help text in the language asked for (--lang anywhere)
        args = parse(_parser, sys.argv[1:] if argv is None else argv)
        global _lang
        _lang = getattr(args, "lang", None) or "sv"
        if args.command == "completion":
            return run_completion(args, _parser)
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
        return _reader_gone()
    except OSError as exc:
        name = f" {exc.filename}" if exc.filename else ""
        error(f"fel vid läsning eller skrivning{name}: {os_error(exc).sv}")
        return 2


def settings_for(args: argparse.Namespace) -> tuple[Settings, Config]:
    """The settings of ``check``: the configuration file, overridden by the command line."""
    return build(
        [args.stdin_filename] if reads_stdin(args) and args.stdin_filename else args.paths,
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        fail_on=args.fail_on,
        config_file=args.config,
        no_config=args.no_config,
        exclude=args.exclude,
        extend_exclude=args.extend_exclude,
        rule_files=args.rule_file,
    )


def check_options(
    args: argparse.Namespace, engine: Engine, config: Config, lang: str = "sv"
) -> None:
    """No typo switches a rule off: every code named must exist (``DataError`` otherwise)."""
    known = set(engine.rules)
    for option in ("select", "extend_select", "ignore"):
        check_cli_codes("--" + option.replace("_", "-"), getattr(args, option), known, lang)
    if config.source:
        check_codes(config, Path(config.source), known, lang)


# Long: the steps of `check` in the order they must happen (settings, outputs guarded
# before anything runs, baseline, cache, run, outputs); splitting would scatter that order.
def _check(args: argparse.Namespace) -> int:
    wrong = stdin_problem(args) or statistics_problem(args)
    if wrong is not None:
        error(wrong)
        return 2
    stdin = reads_stdin(args)
    missing = [p for p in args.paths if not stdin and not os.path.exists(p)]
    if missing:
        for p in missing:
            error(_say(f"hittar inte {p}", f"cannot find {p}"))
        return 2
    settings, config = settings_for(args)
    lang = args.lang or config.lang or "sv"
    global _lang
    _lang = lang
    from checker.run.files import Walk

    walk = Walk.of(settings).with_never(args.roster)
    if not stdin and not args.show_files:
        from checker.run.files import has_reports

        # An unmounted share must not pass every night: an empty folder is not a clean one.
        empty = [
            p
            for p in args.paths
            if os.path.isdir(p) and not has_reports(p, args.include_exports, walk)
        ]
        if empty:
            for p in empty:
                error(
                    _say(
                        f"inga rapporter hittades i {p}: ingen .yaml- eller .yml-fil. Kontrollera"
                        " sökvägen (är mappen monterad?).",
                        f"no reports found in {p}: no .yaml or .yml file. Check the path (is the"
                        " folder mounted?).",
                    )
                )
            return 2
    if args.format == "xlsx" and sys.stdout.isatty():
        error(
            _say(
                "xlsx skrivs inte till terminalen; ange --output xlsx=FIL eller styr om utdata (> fil.xlsx)",
                "xlsx is not written to a terminal; give --output xlsx=FILE or redirect (> file.xlsx)",
            )
        )
        return 2
    outputs = _outputs(args.output)
    if isinstance(outputs, str):
        error(outputs)
        return 2
    if args.write_baseline and not args.baseline:
        error(
            _say(
                "--write-baseline kräver --baseline FILE", "--write-baseline needs --baseline FILE"
            )
        )
        return 2
    engine = Engine(settings)
    check_options(args, engine, config, lang)
    jobs = args.jobs if args.jobs is not None else (config.jobs or 1)
    jobs = jobs or os.cpu_count() or 1
    if args.show_settings:
        sys.stdout.write(show_settings(engine, config, lang, jobs))
        return 0
    if args.show_files:
        name = (args.stdin_filename or STDIN_NAME) if stdin else None
        sys.stdout.write(show_files(args.paths, args.include_exports, name, walk, lang))
        return 0
    from checker.run import baseline
    from checker.run.batch import check_paths
    from checker.run.output import (
        InputGuard,
        OutputError,
        writable_place,
    )

    targets = [("--output", target) for _, target in outputs]
    if args.write_baseline:
        targets.append(("--write-baseline", args.baseline))
    if targets:  # what the run reads is gathered only when it writes something
        guard = InputGuard([] if stdin else args.paths)
        guard.add(config.source, "konfigurationsfilen")
        guard.add(args.roster, "inlämningslistan")
        for source in engine.refdata.sources.values():
            guard.add(source, "en fil med referensdata")
        for source in engine.settings.rule_sources:
            guard.add(source, "en regelfil")
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
        except baseline.BaselineMissing:
            error(baseline.missing_message(args.baseline, args.paths))
            return 2
        except baseline.BaselineError as exc:
            error(
                _say(
                    f"kan inte läsa baslinjen {args.baseline}: {exc.message.sv}",
                    f"cannot read the baseline {args.baseline}: {exc.message.en}",
                )
            )
            return 2

    cache = None
    if args.cache_dir and not stdin:
        # the nightly run's cache: never stores a checker fault or a file changed mid-check
        from checker.run.cache import SafeCache, source_digest

        cache = SafeCache(args.cache_dir, f"{engine.fingerprint()}:{source_digest()}")
    if cache is not None and cache.unusable:
        error(f"varning: cachen används inte: {cache.unusable}")
    roster_given = args.roster or args.roster_from_year is not None
    if roster_given:  # read before the run, so a bad roster costs no time
        from checker.nightly import roster

        if stdin or len(args.paths) != 1 or not os.path.isdir(args.paths[0]):
            error("--roster och --roster-from-year kräver en mapp att kontrollera (trädet)")
            return 2
        try:
            roster_file, today = roster.from_args(args, args.paths[0])
        except roster.RosterError as exc:
            error(exc)
            return 2
    fixing = None
    if args.fix or args.diff:
        from checker import fix

        if stdin:
            error("--fix och --diff rättar filer; de går inte att använda med standard in")
            return 2
        if args.diff:
            return fix.run_diff(
                engine, args.paths, args.unsafe_fixes, args.include_exports, lang, [args.roster]
            )
        fixing = fix.run_fix(
            engine, args.paths, args.unsafe_fixes, args.include_exports, [args.roster]
        )
    if stdin or roster_given or args.statistics:  # the whole run, held (small or counted)
        if stdin:
            result = check_stdin(engine, args.stdin_filename or STDIN_NAME)
        else:
            result = check_paths(
                engine, args.paths, jobs=jobs, cache=cache, exports=args.include_exports, walk=walk
            )
        if roster_given:  # RK106: reports due by the roster but absent from the tree
            roster.apply(
                engine,
                result,
                args.paths[0],
                today or datetime.date.today(),
                roster=roster_file,
                from_previous=args.roster_from_year,
            )
        code = _finish_whole(args, result, outputs, known_fps, engine, lang)
        remaining = len(result.findings)
    else:
        from checker.run.checkrun import run_check  # findings streamed to every output

        code, totals = run_check(
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
            quiet=args.quiet,
        )
        if totals is None:  # a failure, or the baseline written
            return code
        remaining = totals.total
        code = totals.exit_code(settings.fail_on)
    if code == 2:
        return code
    if fixing is not None:
        if args.quiet < SILENT:
            line = fix.fixed_line(fixing, remaining, lang)
            print(line, file=sys.stdout if args.format == "text" else sys.stderr)
        if fixing.errors:
            return 2
    return 0 if args.exit_zero and code == 1 else code


# Long: baseline, outputs and the shown format of a run held whole, in the order they happen.
def _finish_whole(
    args: argparse.Namespace,
    result: Result,
    outputs: list[tuple[str, str]],
    known_fps: Counter[str] | None,
    engine: Engine,
    lang: str,
) -> int:
    """The end of ``check`` for a run held whole (stdin, a roster, --statistics): the exit
    code before --fix and --exit-zero."""
    from checker.run import baseline
    from checker.run.output import describe, write_atomically

    if args.baseline:
        if args.write_baseline:
            try:
                count = baseline.write(args.baseline, result.findings)
            except OSError as exc:
                error(f"kan inte skriva baslinjen {args.baseline}: {describe(exc)}")
                return 2
            if not args.quiet:
                error(f"skrev {sv_count(count, 'anmärkning')} till baslinjen {args.baseline}")
            return 0
        assert known_fps is not None
        result.findings, hidden = baseline.new_findings(result.findings, known_fps, args.baseline)
        if hidden and not args.quiet:
            error(f"{sv_count(hidden, 'anmärkning')} finns i baslinjen och visas inte")
    for fmt, target in outputs:
        try:
            write_atomically(target, _render(fmt, result, lang, engine))
        except OSError as exc:
            error(f"kan inte skriva {target}: {describe(exc)}")
            return 2
    if args.quiet < SILENT:
        if args.statistics:
            sys.stdout.write(statistics(result, engine, args.format, lang))
        else:
            sys.stdout.write(
                _render(args.format, result, lang, engine, use_colour(), summary=not args.quiet)
            )
    return result.exit_code(engine.settings.fail_on)


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


def _render(
    fmt: str,
    result: Result,
    lang: str,
    engine: Engine,
    colour: bool = False,
    summary: bool = True,
) -> str:
    out = io.StringIO()
    options = FormatOptions(lang=lang, rules=engine.sorted_rules(), colour=colour)
    cls = formatter_class(fmt) if summary or fmt != "text" else FindingsOnlyFormatter
    cls(out, options).write(result)
    return out.getvalue()


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
            _say(
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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
