"""Text for a person at a terminal: grouped by file, file:line:col, code, message."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from checker.findings import Finding, Severity
from checker.outputs.base import FormatOptions, Formatter, finding_notes
from checker.outputs.terminal import visible
from checker.results import Prepared, Result, Totals
from checker.rule import unverified_lines
from checker.swedish import count, word

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def use_colour(stream: object = None) -> bool:
    """Colour for ``stream`` (standard output unless given), as NO_COLOR and FORCE_COLOR
    say; the stream is looked up at the call, so a replaced ``sys.stdout`` is the one asked."""
    stream = sys.stdout if stream is None else stream
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
        text.handle_file(file, by_file.pop(file, []))
    for file, findings in by_file.items():  # no checked file: RK106 on a unit's folder
        text.handle_file(file, findings, listed=False)
    text.stop(result.totals())
    return out.getvalue()


class TextFormatter(Formatter):
    """Streams: each file's findings are written as soon as the file is done."""

    name = "text"
    streams = True

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.options.colour else text

    def __init__(self, out: TextIO, options: FormatOptions) -> None:
        super().__init__(out, options)
        # names that are no checked file (RK106 on a unit's folder, a plugin that failed):
        # after the files, few and small
        self._loose: list[tuple[str, list[Finding]]] = []

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        if not findings:
            return
        if not listed:
            self._loose.append((file, list(findings)))
            return
        if type(findings) is Prepared and findings.text_key == self.block_key():
            self.out.write(findings.text)  # made where the file was checked
        else:
            self.out.write(self.block(file, findings))

    def block_key(self) -> tuple[Any, ...]:
        return ("text", self.options.lang, self.options.colour)

    def block(self, file: str, findings: Sequence[Finding]) -> str:
        lang = self.options.lang
        esc = _escape_for(file, findings, lang)
        lines = [self._paint(esc(file), "1")]
        lines += [_line(f, lang, self._paint, esc) for f in findings]
        return "\n".join(lines) + "\n\n"

    def _write_loose(self) -> None:
        loose, self._loose = self._loose, []
        for file, findings in loose:
            self.handle_file(file, findings)

    def stop(self, totals: Totals) -> None:
        self._write_loose()
        self.out.write(_summary(totals, self.options.lang) + "\n")
        for line in unverified_lines(totals.unverified, self.options.lang):
            self.out.write(line + "\n")
        fixable = _fixable(totals, self.options.lang)
        if fixable:
            self.out.write(fixable + "\n")

    def render(self, result: Result) -> str:
        return render(result, self.options.lang, self.options.colour)


def _escape_for(file: str, findings: Sequence[Finding], lang: str) -> Callable[[str], str]:
    """``visible`` for the texts of one file's findings, or ``str`` when none needs it.

    Every character ``visible`` escapes is one ``str.isprintable`` refuses (a test holds
    them to it), so texts that are all printable need no escape: one C pass over the
    file's texts, some 20 times faster than ``visible``'s expression on each of them.
    """
    texts = [file]
    for f in findings:
        texts += (f.file, f.code, f.message.get(lang), f.label.get(lang))
        if f.suggestion is not None:
            texts.append(f.suggestion.get(lang))
        texts += [r.message.get(lang) for r in f.related]
    return str if " ".join(texts).isprintable() else visible


def _line(f: Finding, lang: str, paint: object, esc: Callable[[str], str]) -> str:
    assert callable(paint)
    sev = paint(f.severity.label(lang), _COLOURS[f.severity])
    message = esc(f.message.get(lang))
    lines = [
        f"  {esc(f.file)}:{f.line}:{f.column}: {paint(esc(f.code), '1')}{_mark(f)} {sev} {message}"
    ]
    lines += [f"      {word}: {esc(text)}" for word, text in finding_notes(f, lang)]
    # Further places of the same defect, indented under it: one finding, every place.
    lines += [f"      {r.line}:{r.column}: {esc(r.message.get(lang))}" for r in f.related]
    return "\n".join(lines)


def _summary(totals: Totals, lang: str) -> str:
    counts = totals.counts
    nfiles = len(totals.files)
    with_findings = totals.with_findings
    tally = ", ".join(
        count(counts[sev], noun, lang)
        for sev, noun in (
            (Severity.ERROR, "fel"),
            (Severity.WARNING, "varning"),
            (Severity.INFO, "info"),
        )
    )
    checked = word(nfiles, "kontrollerad", lang)
    if lang == "en":
        return f"{count(nfiles, 'fil', lang)} {checked}, {with_findings} with findings: {tally}."
    return f"{count(nfiles, 'fil', lang)} {checked}, {with_findings} med anmärkningar: {tally}."


class FindingsOnlyFormatter(TextFormatter):
    """The text format without its summary line: ``check -q`` shows only the findings."""

    def stop(self, totals: Totals) -> None:
        self._write_loose()


def _mark(f: Finding) -> str:
    """ " [*]" after the code of a finding that --fix fixes, as ruff marks them."""
    return " [*]" if f.fix is not None and f.fix.safe else ""


def _fixable(totals: Totals, lang: str) -> str:
    """How many findings --fix (and --unsafe-fixes) can fix; empty when none."""
    safe, unsafe = totals.safe_fixes, totals.unsafe_fixes
    if not safe and not unsafe:
        return ""
    if lang == "en":
        if not safe:
            return f"[*] {unsafe} fixable with --fix --unsafe-fixes."
        more = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
        return f"[*] {safe} fixable with --fix{more}."
    if not safe:
        return f"[*] {unsafe} kan rättas med --fix --unsafe-fixes."
    more = f" ({unsafe} till med --unsafe-fixes)" if unsafe else ""
    return f"[*] {safe} kan rättas med --fix{more}."
