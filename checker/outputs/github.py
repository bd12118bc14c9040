"""GitHub Actions workflow commands: one annotation per finding.

``::error file=F,line=L,col=C,title=RK101 missing-section::message``, with
``warning`` for warnings and ``notice`` for info. The message is escaped as
the runner expects (%, CR, LF); property values also escape ':' and ','.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from checker.findings import Finding, Severity
from checker.outputs.base import Formatter, finding_notes
from checker.outputs.terminal import visible
from checker.results import Result, Totals
from checker.rule import display_name

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(f: Finding, lang: str) -> str:
    # CI logs are terminals too: report text shows its control characters escaped
    lines = [visible(f.message.get(lang), keep_lines=True)]
    lines += [
        f"{word.capitalize()}: {visible(text, keep_lines=True)}"
        for word, text in finding_notes(f, lang)
    ]
    return "\n".join(lines)


def annotation(f: Finding, lang: str = "sv", in_file: bool = True) -> str:
    props: list[tuple[str, str]] = []
    if in_file:
        props += [
            ("file", visible(f.file.replace(os.sep, "/"))),
            ("line", str(max(f.line, 1))),
            ("col", str(max(f.column, 1))),
        ]
    props.append(("title", f"{f.code} {display_name(f.name, lang)}"))
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity]} {joined}::{escape_data(_message(f, lang))}"


def render(result: Result, lang: str = "sv") -> str:
    files = set(result.files)
    lines = [annotation(f, lang, f.file in files) for f in result.findings]
    return "".join(line + "\n" for line in lines)


class GithubFormatter(Formatter):
    """Streams: one annotation per finding, written as its file arrives."""

    name = "github"
    streams = True

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        self.out.write("".join(annotation(f, self.options.lang, listed) + "\n" for f in findings))

    def stop(self, totals: Totals) -> None:
        pass

    def render(self, result: Result) -> str:
        return render(result, self.options.lang)
