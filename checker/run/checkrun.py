"""The run and the outputs of ``rapportkoll check``: findings streamed, never all held.

Each file's findings go from the run (``batch.stream_paths``) to every output
at once: the format on standard output and each ``--output FORMAT=FILE``.
An output file is written into a temporary file beside it and renamed over
the target only when the run has completed, so a stopped or failed run
leaves every target as it was (``AtomicOutput``; targets are checked by
``output.InputGuard`` before the run). The exit code and the summary come
from counts (``results.Totals``), not from a list of findings.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from checker.engine.core import Engine
from checker.findings import Finding, Severity
from checker.outputs import FormatOptions, Formatter, formatter_class
from checker.outputs.text import FindingsOnlyFormatter
from checker.read.safeio import put_in_place, temp_beside
from checker.results import Totals
from checker.run import baseline
from checker.run.batch import FileSink, stream_paths
from checker.run.output import describe
from checker.swedish import count as count_of

SILENT = 2  # check -qq: nothing on standard out, only the exit code (and errors on stderr)

if TYPE_CHECKING:  # the cache is imported only by runs that use one
    from checker.run.cache import SafeCache


class AtomicOutput:
    """An output file written as the run goes, put in place only by ``commit``.

    As ``write_atomically``: a temporary file in the target's folder, flushed
    to disk and renamed over the target (only a regular file or a new name).
    """

    def __init__(self, target: str) -> None:
        self.target = target
        fd, tmp = temp_beside(target)
        self.tmp: str | None = tmp
        self.stream: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        assert self.tmp is not None
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        put_in_place(self.tmp, self.target)
        self.tmp = None

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = None


class OutputFailed(Exception):
    """Writing ``target`` failed; the run stops and no output is put in place."""

    def __init__(self, target: str, exc: OSError) -> None:
        super().__init__(target)
        self.target, self.exc = target, exc


class _Target:
    """A formatter writing to an output file: a failure names the file."""

    def __init__(self, formatter: Formatter, output: AtomicOutput) -> None:
        self.formatter, self.output = formatter, output

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        try:
            self.formatter.handle_file(file, findings, listed)
        except OSError as exc:
            raise OutputFailed(self.output.target, exc) from None


def run_check(
    engine: Engine,
    paths: list[str],
    *,
    fmt: str,
    outputs: list[tuple[str, str]],
    lang: str,
    fail_on: Severity,
    jobs: int = 1,
    cache: SafeCache | None = None,
    exports: bool = False,
    baseline_path: str | None = None,
    known: Counter[str] | None = None,
    write_baseline: bool = False,
    error: Callable[[str], None],
    stdout: TextIO | None = None,
    colour: bool = False,
    quiet: int = 0,
) -> tuple[int, Totals | None]:
    """Check ``paths``, write every output as the files go by; the exit code, and the run's
    totals (None when it failed or wrote the baseline).

    With ``write_baseline`` the findings go to the baseline ``baseline_path``
    only; with ``known`` (a baseline read) the findings it holds are left out.
    ``quiet`` as ``check -q``: 1 shows the findings without the summary, 2 nothing.
    """
    stdout = stdout if stdout is not None else sys.stdout
    rules = engine.sorted_rules()
    writer = baseline.Writer(baseline_path) if write_baseline and baseline_path else None
    keep = baseline.Filter(known, baseline_path) if known is not None and baseline_path else None
    opened: list[tuple[Formatter, AtomicOutput]] = []
    shown: Formatter | None = None
    sinks: list[FileSink] = []
    try:
        if writer is not None:
            sinks.append(writer)
        else:
            for name, target in outputs:
                try:
                    output = AtomicOutput(target)
                except OSError as exc:
                    raise OutputFailed(target, exc) from None
                formatter = formatter_class(name)(output.stream, FormatOptions(lang, rules))
                opened.append((formatter, output))
                sinks.append(_Target(formatter, output))
            if quiet < SILENT:
                cls = FindingsOnlyFormatter if quiet and fmt == "text" else formatter_class(fmt)
                shown = cls(stdout, FormatOptions(lang, rules, colour))
                sinks.append(shown)
        for formatter, _ in opened:
            formatter.start()
        if shown is not None:
            shown.start()
        # only the formats written whole at the end (HTML) read each file's unit
        written = [f for f, _ in opened] + ([shown] if shown is not None else [])
        units = any(not f.streams for f in written)
        totals = stream_paths(
            engine, paths, sinks, jobs=jobs, cache=cache, exports=exports, keep=keep, units=units
        )
        if writer is not None:
            try:
                count = writer.close()
            except OSError as exc:
                error(f"kan inte skriva baslinjen {baseline_path}: {describe(exc)}")
                return 2, None
            if not quiet:
                error(f"skrev {count_of(count, 'anmärkning')} till baslinjen {baseline_path}")
            return 0, None
        if keep is not None and keep.hidden and not quiet:
            error(f"{count_of(keep.hidden, 'anmärkning')} finns i baslinjen och visas inte")
        for formatter, output in opened:
            try:
                formatter.stop(totals)
                output.commit()
            except OSError as exc:
                raise OutputFailed(output.target, exc) from None
        if shown is not None:
            shown.stop(totals)
        return totals.exit_code(fail_on), totals
    except OutputFailed as exc:
        error(f"kan inte skriva {exc.target}: {describe(exc.exc)}")
        return 2, None
    finally:
        for _, output in opened:
            output.discard()  # none left once committed; on any failure, all of them
