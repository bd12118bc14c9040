"""Text for a person at a terminal: grouped by file, file:line:col, code, message."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

from checker.findings import Finding, Severity
from checker.report.base import FormatOptions, Formatter
from checker.report.terminal import visible
from checker.results import Result, Totals

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def use_colour(stream: object = sys.stdout) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render(result: Result, lang: str = "sv", colour: bool = False) -> str:
    out = io.StringIO()
    text = TextFormatter(out, FormatOptions(lang=lang, colour=colour))
    # Findings are sorted by file name, files are in the order given (``check b a``):
    # group by name, so that no file's findings are skipped whatever the order.
    by_file: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    for file in result.files:
        text.handle_file(file, by_file.get(file, []))
    text.stop(result.totals())
    return out.getvalue()


class TextFormatter(Formatter):
    """Streams: each file's findings are written as soon as the file is done."""

    name = "text"
    streams = True

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.options.colour else text

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        if not findings or not listed:  # findings on no checked file are only counted
            return
        lines = [self._paint(visible(file), "1")]
        lines += [_line(f, self.options.lang, self._paint) for f in findings]
        self.out.write("\n".join(lines) + "\n\n")

    def stop(self, totals: Totals) -> None:
        self.out.write(_summary(totals, self.options.lang) + "\n")

    def render(self, result: Result) -> str:
        return render(result, self.options.lang, self.options.colour)


def _line(f: Finding, lang: str, paint: object) -> str:
    assert callable(paint)
    sev = paint(f.severity.label(lang), _COLOURS[f.severity])
    message = visible(f.message.get(lang))
    lines = [
        f"  {visible(f.file)}:{f.line}:{f.column}: {paint(visible(f.code), '1')} {sev} {message}"
    ]
    where = f.label.get(lang)
    if where:
        lines.append(f"      {'var' if lang == 'sv' else 'where'}: {visible(where)}")
    if f.suggestion is not None:
        lines.append(
            f"      {'förslag' if lang == 'sv' else 'suggestion'}: {visible(f.suggestion.get(lang))}"
        )
    return "\n".join(lines)


def _summary(totals: Totals, lang: str) -> str:
    counts = totals.counts
    nfiles = len(totals.files)
    with_findings = totals.with_findings
    if lang == "en":
        return (
            f"{nfiles} file(s) checked, {with_findings} with findings: "
            f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
            f"{counts[Severity.INFO]} info."
        )
    return (
        f"{nfiles} fil(er) kontrollerade, {with_findings} med anmärkningar: "
        f"{counts[Severity.ERROR]} fel, {counts[Severity.WARNING]} varningar, "
        f"{counts[Severity.INFO]} info."
    )
