"""``rapportkoll check``: settings, outputs guarded before anything runs, the run, the outputs."""

from __future__ import annotations

import argparse
import datetime
import io
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from checker.cli.common import error, say, set_lang
from checker.cli.options import JOBS, add_roster_options, add_rule_options
from checker.cli.show import show_files, show_settings, statistics, statistics_problem
from checker.cli.stdin import STDIN_NAME, check_stdin, reads_stdin, stdin_problem
from checker.engine.config import Config, check_cli_codes, check_codes
from checker.engine.core import Engine
from checker.engine.settings import Settings, build
from checker.findings import Severity
from checker.outputs import NAMES, FormatOptions, formatter_class
from checker.outputs.text import FindingsOnlyFormatter, use_colour
from checker.results import Result
from checker.run.checkrun import SILENT
from checker.swedish import count as sv_count


def add_arguments(sub: Any, name: str) -> None:
    """``check``'s options: an option is declared here, its English is in ``help_en``."""
    c = sub.add_parser(
        name,
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
    _add_run_options(c)
    _add_shown_options(c)


def _add_run_options(c: argparse.ArgumentParser) -> None:
    """How the run goes: the failing level, processes, cache, fixes and the baseline."""
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


def _add_shown_options(c: argparse.ArgumentParser) -> None:
    """What ``check`` shows and how it exits, as in ruff: -q, --statistics, --show-*, stdin."""
    c.add_argument(
        "--exit-zero",
        action="store_true",
        help="slutkod 0 även när det finns anmärkningar (2 för fel i användning eller kontroll)",
    )
    c.add_argument(
        "-q",
        "--quiet",
        action="count",
        default=0,
        help="visa bara anmärkningarna, ingen sammanfattning; -qq visar ingenting (bara slutkoden)",
    )
    c.add_argument(
        "--statistics",
        action="store_true",
        help="visa antalet anmärkningar per regel i stället för anmärkningarna",
    )
    c.add_argument(
        "--show-settings",
        action="store_true",
        help="visa inställningarna som gäller och vilken konfigurationsfil de kommer från",
    )
    c.add_argument(
        "--show-files",
        action="store_true",
        help="visa filerna som skulle kontrolleras, utan att kontrollera dem",
    )
    c.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="läs rapporten från standard in och kalla den NAME (i anmärkningar,"
        " för konfigurationen och per-file-ignores)",
    )


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
def run(args: argparse.Namespace) -> int:
    wrong = stdin_problem(args) or statistics_problem(args)
    if wrong is not None:
        error(wrong)
        return 2
    stdin = reads_stdin(args)
    missing = [p for p in args.paths if not stdin and not os.path.exists(p)]
    if missing:
        for p in missing:
            error(say(f"hittar inte {p}", f"cannot find {p}"))
        return 2
    settings, config = settings_for(args)
    lang = args.lang or config.lang or "sv"
    set_lang(lang)
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
                    say(
                        f"inga rapporter hittades i {p}: ingen .yaml- eller .yml-fil. Kontrollera"
                        " sökvägen (är mappen monterad?).",
                        f"no reports found in {p}: no .yaml or .yml file. Check the path (is the"
                        " folder mounted?).",
                    )
                )
            return 2
    if args.format == "xlsx" and sys.stdout.isatty():
        error(
            say(
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
            say("--write-baseline kräver --baseline FILE", "--write-baseline needs --baseline FILE")
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
                say(
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
            roster_file, today = roster.from_options(
                args.roster, args.roster_from_year, args.date, args.paths[0]
            )
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
