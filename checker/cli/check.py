"""``rapportkoll check``: settings, outputs guarded before anything runs, the run, the outputs."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from checker.cli.common import error, say, set_lang
from checker.cli.options import JOBS, add_roster_options, add_rule_options
from checker.cli.show import show_files, show_settings, statistics, statistics_problem
from checker.cli.stdin import STDIN_NAME, reads_stdin, stdin_problem, stdin_source
from checker.engine.config import Config, check_cli_codes, check_codes
from checker.engine.core import Engine
from checker.engine.settings import Settings, build
from checker.findings import Finding, Severity
from checker.outputs import NAMES, FormatOptions, Formatter, formatter_class
from checker.outputs.text import FindingsOnlyFormatter, use_colour
from checker.results import Result, Totals
from checker.run.late import LateStop
from checker.swedish import count as sv_count

if TYPE_CHECKING:  # each is imported by the runs that use it
    from checker.fix import FixRun
    from checker.run.cache import SafeCache
    from checker.run.files import Walk
    from checker.run.pipeline import Late, Outputs, Preparation, Source


def add_arguments(c: argparse.ArgumentParser) -> None:
    """``check``'s options: an option is declared here, its English is in ``help_en``."""
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


SILENT = 2  # check -qq: nothing on standard out, only the exit code (and errors on stderr)


class _Check:
    """What ``check`` runs with: decided, and every output guarded, before anything runs.
    A plain class: a dataclass costs every run ≈ 0.5 ms to create."""

    known: Counter[str] | None = None  # the baseline read
    cache: SafeCache | None = None
    late: Late | None = None  # the roster's RK106

    def __init__(
        self,
        args: argparse.Namespace,
        settings: Settings,
        config: Config,
        engine: Engine,
        lang: str,
        stdin: bool,
        walk: Walk,
        jobs: int,
        outputs: list[tuple[str, str]],
    ) -> None:
        self.args, self.settings, self.config, self.engine = args, settings, config, engine
        self.lang, self.stdin, self.walk, self.jobs = lang, stdin, walk, jobs
        self.outputs = outputs


def run(args: argparse.Namespace) -> int:
    """``rapportkoll check``, as flake8's Application: initialise, run the pipeline, report."""
    check = _initialise(args)
    if isinstance(check, int):
        return check
    if args.diff:
        return _diff(check)
    fixing = _fix(check) if args.fix else None
    # From the first output file put in place the run is done: a Ctrl-C from then until
    # the command ends is noted, not raised (it would say that nothing was written).
    with LateStop() as late:
        code, totals = _run(check, late)
        code = _report(check, code, totals, fixing)
        if late.came:
            error("Ctrl-C kom när utdatafilerna redan skrevs på plats: kontrollen är klar.")
        return code


def _diff(check: _Check) -> int:
    """``--diff``: what ``--fix`` would change, printed; nothing is checked or written."""
    from checker import fix

    args = check.args
    return fix.run_diff(
        check.engine, args.paths, args.unsafe_fixes, args.include_exports, check.lang, [args.roster]
    )


def _fix(check: _Check) -> FixRun:
    """``--fix``: the files fixed before the run, which then reports what remains."""
    from checker import fix

    args = check.args
    return fix.run_fix(
        check.engine, args.paths, args.unsafe_fixes, args.include_exports, [args.roster]
    )


def _initialise(args: argparse.Namespace) -> _Check | int:
    """The settings, read and guarded: what to run, or the exit code when nothing runs."""
    if not _usable(args):
        return 2
    settings, config = settings_for(args)
    lang = args.lang or config.lang or "sv"
    set_lang(lang)
    from checker.run.files import Walk

    stdin = reads_stdin(args)
    walk = Walk.of(settings).with_never(args.roster)
    if not stdin and not args.show_files and _empty_folders(args, walk):
        return 2
    outputs = _output_options(args)
    if outputs is None:
        return 2
    engine = Engine(settings)
    check_options(args, engine, config, lang)
    jobs = args.jobs if args.jobs is not None else (config.jobs or 1)
    check = _Check(
        args, settings, config, engine, lang, stdin, walk, jobs or os.cpu_count() or 1, outputs
    )
    if args.show_settings:
        sys.stdout.write(show_settings(engine, config, lang, check.jobs))
        return 0
    if args.show_files:
        name = (args.stdin_filename or STDIN_NAME) if stdin else None
        sys.stdout.write(show_files(args.paths, args.include_exports, name, walk, lang))
        return 0
    if not _guarded(check) or not _read_baseline(check):
        return 2
    _open_cache(check)
    if not _read_roster(check):
        return 2
    if (args.fix or args.diff) and stdin:
        error("--fix och --diff rättar filer; de går inte att använda med standard in")
        return 2
    return check


def _usable(args: argparse.Namespace) -> bool:
    """The arguments make a check, and every path given exists (else said, False)."""
    wrong = stdin_problem(args) or statistics_problem(args)
    if wrong is not None:
        error(wrong)
        return False
    stdin = reads_stdin(args)
    missing = [p for p in args.paths if not stdin and not os.path.exists(p)]
    for p in missing:
        error(say(f"hittar inte {p}", f"cannot find {p}"))
    return not missing


def _empty_folders(args: argparse.Namespace, walk: Walk) -> bool:
    """Whether a folder given holds no report (each said): an unmounted share must not
    pass every night, and an empty folder is not a clean one."""
    from checker.run.files import has_reports

    empty = [
        p for p in args.paths if os.path.isdir(p) and not has_reports(p, args.include_exports, walk)
    ]
    for p in empty:
        error(
            say(
                f"inga rapporter hittades i {p}: ingen .yaml- eller .yml-fil. Kontrollera"
                " sökvägen (är mappen monterad?).",
                f"no reports found in {p}: no .yaml or .yml file. Check the path (is the"
                " folder mounted?).",
            )
        )
    return bool(empty)


def _output_options(args: argparse.Namespace) -> list[tuple[str, str]] | None:
    """The ``--output`` pairs, or None when an output option cannot be used (said)."""
    if args.format == "xlsx" and sys.stdout.isatty():
        error(
            say(
                "xlsx skrivs inte till terminalen; ange --output xlsx=FIL eller styr om utdata (> fil.xlsx)",
                "xlsx is not written to a terminal; give --output xlsx=FILE or redirect (> file.xlsx)",
            )
        )
        return None
    outputs = _outputs(args.output)
    if isinstance(outputs, str):
        error(outputs)
        return None
    if args.write_baseline and not args.baseline:
        error(
            say("--write-baseline kräver --baseline FILE", "--write-baseline needs --baseline FILE")
        )
        return None
    return outputs


def _guarded(check: _Check) -> bool:
    """No output may overwrite what the run reads, and each must be writable (else said)."""
    from checker.run.output import InputGuard, OutputError, writable_place

    args = check.args
    targets = [("--output", target) for _, target in check.outputs]
    if args.write_baseline:
        targets.append(("--write-baseline", args.baseline))
    if targets:  # what the run reads is gathered only when it writes something
        guard = InputGuard([] if check.stdin else args.paths, args.include_exports)
        guard.add(check.config.source, "konfigurationsfilen")
        guard.add(args.roster, "inlämningslistan")
        for source in check.engine.refdata.sources.values():
            guard.add(source, "en fil med referensdata")
        for source in check.engine.settings.rule_sources:
            guard.add(source, "en regelfil")
        if args.baseline and not args.write_baseline:
            guard.add(args.baseline, "baslinjen som läses")
        try:
            guard.check(targets)
        except OutputError as exc:
            error(exc)
            return False
    for option, target in targets:
        place = writable_place(target)
        if place is not None:
            error(f"{option}: kan inte skriva {target}: {place}")
            return False
    return True


def _read_baseline(check: _Check) -> bool:
    """The baseline the run leaves out (``--baseline`` without ``--write-baseline``)."""
    args = check.args
    if not args.baseline or args.write_baseline:
        return True
    from checker.run import baseline

    try:
        check.known = baseline.load(args.baseline)
    except baseline.BaselineMissing:
        error(baseline.missing_message(args.baseline, args.paths))
        return False
    except baseline.BaselineError as exc:
        error(
            say(
                f"kan inte läsa baslinjen {args.baseline}: {exc.message.sv}",
                f"cannot read the baseline {args.baseline}: {exc.message.en}",
            )
        )
        return False
    return True


def _open_cache(check: _Check) -> None:
    """The nightly run's cache: never stores a checker fault or a file changed mid-check."""
    if not check.args.cache_dir or check.stdin:
        return
    from checker.run.cache import SafeCache, source_digest

    check.cache = SafeCache(check.args.cache_dir, f"{check.engine.fingerprint()}:{source_digest()}")
    if check.cache.unusable:
        error(f"varning: cachen används inte: {check.cache.unusable}")


def _read_roster(check: _Check) -> bool:
    """The roster's RK106 step, read before the run so that a bad roster costs no time."""
    args = check.args
    if not args.roster and args.roster_from_year is None:
        return True
    from checker.nightly import roster

    if check.stdin or len(args.paths) != 1 or not os.path.isdir(args.paths[0]):
        error("--roster och --roster-from-year kräver en mapp att kontrollera (trädet)")
        return False
    tree = args.paths[0]
    try:
        roster_file, today = roster.from_options(
            args.roster, args.roster_from_year, args.date, tree
        )
    except roster.RosterError as exc:
        error(exc)
        return False

    def late(seen: Result) -> list[Finding]:  # reports due by the roster, absent from the tree
        day = today or datetime.date.today()
        due = roster.overdue(check.engine, seen, tree, day, roster_file, args.roster_from_year)
        return [f for f, _ in due]

    check.late = late
    return True


def _run(check: _Check, late: LateStop | None = None) -> tuple[int, Totals | None]:
    """The pipeline, its findings streamed to the outputs (or the baseline written): the
    exit code before --fix and --exit-zero, and the totals (None when it failed or wrote
    the baseline); Ctrl-C held by ``late`` from the first output file put in place."""
    from checker.run import pipeline
    from checker.run.output import describe

    args = check.args
    if args.write_baseline:
        return _write_baseline(check), None
    keep = None
    if check.known is not None:
        from checker.run import baseline  # with --baseline only (it imports json)

        keep = baseline.Filter(check.known, args.baseline)
    outputs = pipeline.Outputs()
    try:
        _open_outputs(check, outputs)
        outputs.start()
        # a file's text is made where it is checked, unless the baseline may hide some of it
        prepare = outputs.prepare(check.engine) if keep is None else None
        totals = pipeline.run(
            check.engine,
            _source(check, prepare),
            [outputs],
            keep=keep,
            late=check.late,
            units=outputs.units,
        )
        if keep is not None and keep.hidden and not args.quiet:
            error(f"{sv_count(keep.hidden, 'anmärkning')} finns i baslinjen och visas inte")
        outputs.stop(totals, late)
    except pipeline.OutputFailed as exc:
        error(f"kan inte skriva {exc.target}: {describe(exc.exc)}")
        return 2, None
    finally:
        outputs.discard()  # none left once put in place; on any failure, all of them
    return totals.exit_code(check.settings.fail_on), totals


def _source(check: _Check, prepare: Preparation | None = None) -> Source:
    if check.stdin:
        return stdin_source(check.engine, check.args.stdin_filename or STDIN_NAME)
    from checker.run.batch import paths_source

    args = check.args
    return paths_source(
        check.engine, args.paths, check.jobs, check.cache, args.include_exports, check.walk, prepare
    )


def _write_baseline(check: _Check) -> int:
    """``--write-baseline``: the run's findings go to the baseline only."""
    from checker.run import baseline, pipeline
    from checker.run.output import describe

    path = check.args.baseline
    writer = baseline.Writer(path)
    pipeline.run(check.engine, _source(check), [writer], late=check.late, units=False)
    try:
        count = writer.close()
    except OSError as exc:
        error(f"kan inte skriva baslinjen {path}: {describe(exc)}")
        return 2
    if not check.args.quiet:
        error(f"skrev {sv_count(count, 'anmärkning')} till baslinjen {path}")
    return 0


def _open_outputs(check: _Check, outputs: Outputs) -> None:
    """Each ``--output`` file, and the format shown on standard out (none with -qq)."""
    args = check.args
    rules = check.engine.sorted_rules()
    for name, target in check.outputs:
        outputs.open(name, target, FormatOptions(check.lang, rules))
    if args.quiet >= SILENT:
        return
    options = FormatOptions(check.lang, rules, use_colour())
    if args.statistics:
        outputs.show(_Statistics(sys.stdout, options, check.engine, args.format))
    elif args.quiet and args.format == "text":
        outputs.show(FindingsOnlyFormatter(sys.stdout, options))
    else:
        outputs.show(formatter_class(args.format)(sys.stdout, options))


class _Statistics(Formatter):
    """``--statistics``: the findings counted per rule, written when the run has completed."""

    def __init__(self, out: TextIO, options: FormatOptions, engine: Engine, fmt: str) -> None:
        super().__init__(out, options)
        self.engine, self.fmt = engine, fmt

    def render(self, result: Result) -> str:
        return statistics(result, self.engine, self.fmt, self.options.lang)


def _report(check: _Check, code: int, totals: Totals | None, fixing: FixRun | None) -> int:
    """The exit code: the run's, after --fix's line and --exit-zero."""
    args = check.args
    if totals is None or code == 2:  # a failure, or the baseline written
        return code
    if fixing is not None:
        from checker import fix

        if args.quiet < SILENT:
            line = fix.fixed_line(fixing, totals.total, check.lang)
            print(line, file=sys.stdout if args.format == "text" else sys.stderr)
        if fixing.errors:
            return 2
    return 0 if args.exit_zero and code == 1 else code


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
