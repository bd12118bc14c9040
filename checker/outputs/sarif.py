"""SARIF 2.1.0 for code-scanning interfaces (GitHub, Azure DevOps, IDE viewers).

One run: the tool with every rule the engine knows, and one result per
finding. Each result carries the file and position, a logical location
with the human label and the JSON path, and a partial fingerprint built
from code, file, path and message (never the line), so that a result keeps
its identity when lines shift above it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import PurePath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.findings import Finding, Fix, Related, Severity, identity
from checker.outputs.base import FILE_NAMES, SPOOLED, ArraySpool, Formatter, LazyArray
from checker.results import Result, Totals
from checker.rule import INTERNAL, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://rapportkoll.example/"
FINGERPRINT_KEY = "rapportkoll/v2"  # v2: the identity the baseline and history use

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_LANGUAGES = {"sv": "sv-SE", "en": "en-US"}


def artifact_uri(file: str) -> str:
    """The file as a URI reference: the relative path as given, percent-encoded."""
    posix = _posix(file)
    if PurePath(posix).is_absolute() or PureWindowsPath(file).drive:
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix, safe="/:")
    return quote(posix, safe="/")


def _posix(file: str) -> str:
    return file.replace("\\", "/")


def rule_descriptor(r: Rule, lang: str) -> dict[str, Any]:
    sv = lang != "en"
    what, why = r.doc.what.get(lang), r.doc.why.get(lang)
    help_text = [what, why]
    help_md = [what, "", why]
    if r.doc.decisions is not None:
        title = "Beslut i gränsfall" if sv else "Decisions"
        help_text.append(f"{title}: {r.doc.decisions.get(lang)}")
        help_md += ["", f"**{title}:** {r.doc.decisions.get(lang)}"]
    if r.doc.fix is not None:
        title = "Rättning" if sv else "Fix"
        help_text.append(f"{title}: {r.doc.fix.get(lang)}")
        help_md += ["", f"**{title}:** {r.doc.fix.get(lang)}"]
    for title, example in (
        ("Exempel som ger anmärkning" if sv else "Failing example", r.doc.failing),
        ("Exempel utan anmärkning" if sv else "Passing example", r.doc.passing),
    ):
        if example.strip():
            help_md += ["", f"**{title}:**", "", "```yaml", example.rstrip(), "```"]
    descriptor: dict[str, Any] = {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": what},
        "fullDescription": {"text": f"{what} {why}".strip()},
        "help": {
            "text": "\n\n".join(t for t in help_text if t),
            "markdown": "\n".join(help_md).strip(),
        },
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {
            "family": r.family,
            "tags": ["rapportkoll", r.family],
            "nameSv": r.name_sv or r.name,
        },
    }
    return descriptor


def _bare_descriptor(f: Finding) -> dict[str, Any]:
    """A rule the engine did not list (e.g. from a plugin that failed to declare it)."""
    return {
        "id": f.code,
        "name": f.name or f.code,
        "shortDescription": {"text": f.name or f.code},
        "defaultConfiguration": {"level": LEVELS[f.severity]},
    }


def _result(f: Finding, index: int, lang: str, artifact: bool) -> dict[str, Any]:
    label = f.label.get(lang)
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message.get(lang)},
    }
    location: dict[str, Any] = {}
    if artifact:
        location["physicalLocation"] = {
            "artifactLocation": {"uri": artifact_uri(f.file)},
            "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
        }
    if f.path or label:
        logical: dict[str, Any] = {
            "kind": "element",
            "properties": {"label": label, "jsonPath": f.path},
        }
        if label:
            logical["name"] = label
        if f.path:
            logical["fullyQualifiedName"] = f.path
        location["logicalLocations"] = [logical]
    if location:
        location["properties"] = {"label": label, "jsonPath": f.path}
        out["locations"] = [location]
    if f.related:
        out["relatedLocations"] = [
            _related(f, r, i, lang, artifact) for i, r in enumerate(f.related, 1)
        ]
    out["partialFingerprints"] = {FINGERPRINT_KEY: identity(f)}
    props: dict[str, Any] = {
        "name": f.name,
        "severity": f.severity.value,
        "file": f.file,
        "label": label,
        "jsonPath": f.path,
    }
    if f.suggestion is not None:
        props["suggestion"] = f.suggestion.get(lang)
    out["properties"] = props
    if f.fix is not None and artifact:
        out["fixes"] = [_fix(f, f.fix, lang)]
    return out


def _related(f: Finding, r: Related, n: int, lang: str, artifact: bool) -> dict[str, Any]:
    """A further place of the same defect (SARIF 3.27.22: ``relatedLocations``)."""
    out: dict[str, Any] = {"id": n, "message": {"text": r.message.get(lang)}}
    if artifact:
        out["physicalLocation"] = {
            "artifactLocation": {"uri": artifact_uri(f.file)},
            "region": {"startLine": max(r.line, 1), "startColumn": max(r.column, 1)},
        }
    if r.path:
        out["logicalLocations"] = [{"kind": "element", "fullyQualifiedName": r.path}]
    return out


def _fix(f: Finding, fix: Fix, lang: str) -> dict[str, Any]:
    """SARIF's fix (3.55): the replacements in the file, regions in lines and code points."""
    return {
        "description": {"text": fix.title.get(lang)},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": artifact_uri(f.file)},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": e.line,
                            "startColumn": e.column,
                            "endLine": e.end_line,
                            "endColumn": e.end_column,
                            "byteOffset": e.start_byte,
                            "byteLength": e.end_byte - e.start_byte,
                        },
                        "insertedContent": {"text": e.text},
                    }
                    for e in fix.edits
                ],
            }
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def document(result: Result, lang: str = "sv", rules: Sequence[Rule] = ()) -> dict[str, Any]:
    descriptors = [rule_descriptor(r, lang) for r in rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    files = set(result.files)
    results = [
        _result(f, _rule_index(f, index, descriptors, lang), lang, f.file in files)
        for f in result.findings
    ]
    return _document(result.totals(), lang, descriptors, results)


def _rule_index(
    f: Finding, index: dict[str, int], descriptors: list[dict[str, Any]], lang: str
) -> int:
    """The index of ``f``'s rule; a rule the engine did not list is added as it first appears."""
    if f.code not in index:
        index[f.code] = len(descriptors)
        descriptors.append(
            rule_descriptor(INTERNAL, lang) if f.code == INTERNAL.code else _bare_descriptor(f)
        )
    return index[f.code]


def _document(
    totals: Totals,
    lang: str,
    descriptors: list[dict[str, Any]],
    results: list[Any],
    artifacts: list[Any] | None = None,
) -> dict[str, Any]:
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "rapportkoll",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "language": _LANGUAGES.get(lang, "sv-SE"),
                "rules": descriptors,
            }
        },
        "invocations": [{"executionSuccessful": totals.internal_errors == 0}],
        "language": _LANGUAGES.get(lang, "sv-SE"),
        "columnKind": "unicodeCodePoints",
        "artifacts": _artifacts(totals.files) if artifacts is None else artifacts,
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _artifacts(files: Iterable[str]) -> list[dict[str, Any]]:
    return [_artifact(file) for file in files]


def _artifact(file: str) -> dict[str, Any]:
    return {"location": {"uri": artifact_uri(file)}}


def render(result: Result, lang: str = "sv", rules: Sequence[Rule] = ()) -> str:
    return json.dumps(document(result, lang, rules), ensure_ascii=False, indent=2) + "\n"


class SarifFormatter(Formatter):
    """Streams: each result is spooled as it comes; the rules and artifacts go first, at the end."""

    name = "sarif"
    streams = True

    def start(self) -> None:
        lang = self.options.lang
        self._descriptors = [rule_descriptor(r, lang) for r in self.options.rules]
        self._index = {d["id"]: i for i, d in enumerate(self._descriptors)}
        self._results = ArraySpool(indent=8)

    def handle_file(self, file: str, findings: Sequence[Finding], listed: bool = True) -> None:
        lang = self.options.lang
        for f in findings:
            index = _rule_index(f, self._index, self._descriptors, lang)
            self._results.add(_result(f, index, lang, listed))

    def stop(self, totals: Totals) -> None:
        document = _document(totals, self.options.lang, self._descriptors, [SPOOLED], [FILE_NAMES])
        # one artifact at a time: at 10,000 files the list and its text cost ~8 MiB at once
        artifacts = LazyArray(FILE_NAMES, 8, map(_artifact, totals.files))
        self._results.write_document(self.out, document, [artifacts])

    def render(self, result: Result) -> str:
        return render(result, self.options.lang, self.options.rules)
