"""JSON: the findings as plain data, versioned by ``format_version`` (README, "Output formats")."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from checker import __version__
from checker.findings import Finding, Fix
from checker.outputs.base import FILE_NAMES, SPOOLED, ArraySpool, Formatter, LazyArray
from checker.results import Result, Totals

FORMAT_VERSION = 1


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "path": f.path,
        "label": f.label.get(lang),
        "message": f.message.get(lang),
        "suggestion": f.suggestion.get(lang) if f.suggestion else None,
        "messages": {"sv": f.message.sv, "en": f.message.en},
        "fix": None if f.fix is None else fix_dict(f.fix, lang),
        **(
            {
                "related": [
                    {
                        "line": r.line,
                        "column": r.column,
                        "path": r.path,
                        "message": r.message.get(lang),
                    }
                    for r in f.related
                ]
            }
            if f.related
            else {}
        ),
    }


def fix_dict(fix: Fix, lang: str) -> dict[str, Any]:
    """A fix as data: edits in bytes and characters of the file as stored, and lines and
    columns (1-based, end exclusive), as ``check --fix`` applies them."""
    return {
        "title": fix.title.get(lang),
        "applicability": fix.applicability.value,
        "edits": [
            {
                "start_byte": e.start_byte,
                "end_byte": e.end_byte,
                "start_char": e.start_char,
                "end_char": e.end_char,
                "line": e.line,
                "column": e.column,
                "end_line": e.end_line,
                "end_column": e.end_column,
                "text": e.text,
            }
            for e in fix.edits
        ],
    }


def document(result: Result, lang: str = "sv") -> dict[str, Any]:
    return _document(result.totals(), lang, [finding_dict(f, lang) for f in result.findings])


def _document(
    totals: Totals, lang: str, findings: list[Any], files: list[str] | None = None
) -> dict[str, Any]:
    counts = Counter({s.value: n for s, n in totals.counts.items()})
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "rapportkoll", "version": __version__},
        "language": lang,
        "summary": {
            "files": len(totals.files),
            "files_with_findings": totals.with_findings,
            "error": counts.get("error", 0),
            "warning": counts.get("warning", 0),
            "info": counts.get("info", 0),
        },
        "files": list(totals.files) if files is None else files,
        "findings": findings,
    }


def render(result: Result, lang: str = "sv") -> str:
    return json.dumps(document(result, lang), ensure_ascii=False, indent=2) + "\n"


class JsonFormatter(Formatter):
    """Streams: each finding is spooled as it comes; the summary is written first, at the end."""

    name = "json"
    streams = True

    def start(self) -> None:
        self._findings = ArraySpool(indent=4)

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        for f in findings:
            self._findings.add(finding_dict(f, self.options.lang))

    def stop(self, totals: Totals) -> None:
        document = _document(totals, self.options.lang, [SPOOLED], [FILE_NAMES])
        # the file names are written one by one, not held as one text (10,000 of them)
        names = LazyArray(FILE_NAMES, 4, totals.files)
        self._findings.write_document(self.out, document, [names])

    def render(self, result: Result) -> str:
        return render(result, self.options.lang)
