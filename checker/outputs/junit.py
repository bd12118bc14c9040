"""JUnit XML for CI servers (Jenkins, GitLab, Azure Pipelines, ...).

One <testsuite> per checked file. Each finding is a <testcase> named
"CODE file:line": an error or a warning is a <failure>, a checker fault
(RK000) an <error>, and an info finding passes with its text in
<system-out>. A file with no findings gets one passing test case, so every
file shows up as checked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from checker.findings import Finding, Severity
from checker.outputs.base import Formatter, TextSpool
from checker.results import Result, Totals
from checker.rule import display_name

# Characters XML 1.0 cannot hold, even escaped; report text may contain them via YAML escapes.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_WORDS = {
    "sv": {
        "where": "var",
        "suggestion": "förslag",
        "clean": "inga anmärkningar",
        "suite": "rapportkoll",
    },
    "en": {
        "where": "where",
        "suggestion": "suggestion",
        "clean": "no findings",
        "suite": "rapportkoll",
    },
}


def clean_text(text: str) -> str:
    """Text safe for an XML document: characters XML cannot hold become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _details(f: Finding, lang: str) -> str:
    words = _WORDS["en" if lang == "en" else "sv"]
    lines = [
        f"{f.file}:{f.line}:{f.column}: {f.code} {display_name(f.name, lang)}"
        f" ({f.severity.label(lang)})",
        f.message.get(lang),
    ]
    where = f.label.get(lang)
    if where:
        lines.append(f"{words['where']}: {where}")
    if f.path:
        lines.append(f"path: {f.path}")
    if f.suggestion is not None:
        lines.append(f"{words['suggestion']}: {f.suggestion.get(lang)}")
    return clean_text("\n".join(lines))


def _set(el: ET.Element, **attrs: str | int) -> None:
    for k, v in attrs.items():
        el.set(k, clean_text(str(v)))


def _suite(
    parent: ET.Element, file: str, findings: Iterable[Finding], lang: str
) -> tuple[int, int, int]:
    words = _WORDS["en" if lang == "en" else "sv"]
    suite = ET.SubElement(parent, "testsuite")
    tests = failures = errors = 0
    for f in findings:
        tests += 1
        case = ET.SubElement(suite, "testcase")
        _set(case, name=f"{f.code} {f.file}:{f.line}", classname=file, time="0")
        details = _details(f, lang)
        if f.is_internal:
            errors += 1
            child = ET.SubElement(case, "error")
        elif f.severity.rank >= Severity.WARNING.rank:
            failures += 1
            child = ET.SubElement(case, "failure")
        else:
            ET.SubElement(case, "system-out").text = details
            continue
        name = display_name(f.name, lang)
        _set(child, message=f"{f.code} {name}: {f.message.get(lang)}", type=f.code)
        child.text = details
    if tests == 0:
        tests = 1
        case = ET.SubElement(suite, "testcase")
        _set(case, name=f"{file}: {words['clean']}", classname=file, time="0")
    _set(suite, name=file, tests=tests, failures=failures, errors=errors, skipped=0, time="0")
    return tests, failures, errors


def render(result: Result, lang: str = "sv") -> str:
    root = ET.Element("testsuites")
    by_file: dict[str, list[Finding]] = {file: [] for file in result.files}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    totals = [0, 0, 0]
    for file, findings in by_file.items():
        for i, n in enumerate(_suite(root, file, findings, lang)):
            totals[i] += n
    root.attrib.update(_root(totals, lang).attrib)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_BODY = "\x00"  # stands for the suites in the root element rendered at the end


def _root(totals: list[int], lang: str) -> ET.Element:
    root = ET.Element("testsuites")
    _set(
        root,
        name=_WORDS["en" if lang == "en" else "sv"]["suite"],
        tests=totals[0],
        failures=totals[1],
        errors=totals[2],
        skipped=0,
        time="0",
    )
    return root


class JunitFormatter(Formatter):
    """Streams: each file's suite is spooled as it comes; the totals on the root go first."""

    name = "junit"
    streams = True

    def start(self) -> None:
        self._suites = TextSpool()
        self._totals = [0, 0, 0]
        self._count = 0
        self._unlisted: list[tuple[str, list[Finding]]] = []  # written last, as render does

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        if listed:
            self._suite(file, findings)
        elif findings:
            self._unlisted.append((file, list(findings)))

    def _suite(self, file: str, findings: Sequence[Finding]) -> None:
        holder = ET.Element("testsuites")
        for i, n in enumerate(_suite(holder, file, findings, self.options.lang)):
            self._totals[i] += n
        suite = holder[0]
        ET.indent(suite, level=1)  # as ET.indent on the whole document indents it
        self._suites.write("\n  " + ET.tostring(suite, encoding="unicode"))
        self._count += 1

    def stop(self, totals: Totals) -> None:
        for file, findings in self._unlisted:
            self._suite(file, findings)
        root = _root(self._totals, self.options.lang)
        if not self._count:
            self.out.write(_HEAD + ET.tostring(root, encoding="unicode") + "\n")
            return
        root.text = _BODY
        head, tail = ET.tostring(root, encoding="unicode").split(_BODY)
        self.out.write(_HEAD + head)
        self._suites.copy_to(self.out)
        self.out.write("\n" + tail + "\n")

    def render(self, result: Result) -> str:
        return render(result, self.options.lang)
