"""Excel (xlsx): the findings as quality staff sort, filter and annotate them.

Three sheets: every finding on a row (autofilter, frozen headings), a count per unit
and severity, and a count per rule. Headings and labels are Swedish (English with
``--lang en``). A text from a report is always written as text, never as a formula: a
cell that starts with ``=``, ``+``, ``-`` or ``@`` is stored as a string with Excel's
quote prefix, and characters XML cannot hold are shown escaped.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from typing import Any, ClassVar

from checker.findings import Finding, Severity
from checker.outputs.base import Formatter
from checker.outputs.terminal import visible
from checker.results import Result, Totals

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# Every text of the workbook: (Swedish, English). A sheet's headings are pairs of its own.
_HEADS = (
    ("Enhet", "Unit"),
    ("Fil", "File"),
    ("Rad", "Line"),
    ("Kolumn", "Column"),
    ("Kod", "Code"),
    ("Regel", "Rule"),
    ("Allvar", "Severity"),
    ("Var", "Where"),
    ("Anmärkning", "Finding"),
    ("Förslag", "Suggestion"),
    ("Raden i rapporten", "The report's line"),
)
_UNIT_HEADS = (
    ("Enhet", "Unit"),
    ("Fel", "Errors"),
    ("Varningar", "Warnings"),
    ("Info", "Info"),
    ("Totalt", "Total"),
)
_RULE_HEADS = (("Kod", "Code"), ("Regel", "Rule"), ("Allvar", "Severity"), ("Antal", "Count"))


def _rows(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Headings given as (Swedish, English) pairs: the Swedish row and the English row."""
    return tuple(sv for sv, _ in pairs), tuple(en for _, en in pairs)


_TEXTS: dict[str, tuple[Any, Any]] = {
    "findings": ("Anmärkningar", "Findings"),
    "per_unit": ("Per enhet", "Per unit"),
    "per_rule": ("Per regel", "Per rule"),
    "heads": _rows(_HEADS),
    "unit_heads": _rows(_UNIT_HEADS),
    "rule_heads": _rows(_RULE_HEADS),
    "no_unit": ("(enhet okänd)", "(unit unknown)"),
}
_WORDS: dict[str, dict[str, Any]] = {
    lang: {key: pair[i] for key, pair in _TEXTS.items()} for i, lang in enumerate(("sv", "en"))
}
# The characters with which a spreadsheet starts a formula (or DDE in older Excel).
_FORMULA_START = ("=", "+", "-", "@")
_WIDTHS = (28, 40, 7, 8, 8, 30, 9, 50, 80, 40, 60)
_MAX_LINE = 500  # of a report line quoted in a cell


class XlsxFormatter(Formatter):
    name = "xlsx"
    binary: ClassVar[bool] = True

    def stop(self, totals: Totals) -> None:
        held, self._held = self._held, []
        self.write(totals.result(held))

    def write(self, result: Result) -> None:
        data = workbook(result, self.options.lang)
        self.out.flush()
        self.out.buffer.write(data)
        self.out.buffer.flush()

    def render(self, result: Result) -> str:  # pragma: no cover - binary; see ``write``
        raise TypeError("xlsx is written as bytes")


def workbook(result: Result, lang: str = "sv") -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    w = _WORDS["en" if lang == "en" else "sv"]
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]  # a new book's one sheet
    bold = Font(bold=True)
    unit_of, line_of = _lookups(result, w)
    _findings_sheet(book, result, lang, w, bold, unit_of, line_of)
    _unit_sheet(book, result, w, bold, unit_of)
    _rule_sheet(book, result, lang, w, bold)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _lookups(
    result: Result, w: dict[str, Any]
) -> tuple[Callable[[Finding], str], Callable[[Finding], str]]:
    """A finding's unit, and the text of its line."""
    from checker.outputs.html import file_info

    # each file read once, as the HTML page does: its unit and lines (never a sealed file)
    infos = {
        name: file_info(name, result.units, result.roots, result.sealed)
        for name in dict.fromkeys(f.file for f in result.findings)
    }

    def unit_of(f: Finding) -> str:
        info = infos.get(f.file)
        return (info.unit if info is not None and info.named else None) or w["no_unit"]

    def line_of(f: Finding) -> str:
        info = infos.get(f.file)
        lines = info.lines if info is not None else None
        if not lines or not 1 <= f.line <= len(lines):
            return ""
        return lines[f.line - 1].strip()[:_MAX_LINE]

    return unit_of, line_of


def _findings_sheet(
    book: Any,
    result: Result,
    lang: str,
    w: dict[str, Any],
    bold: Any,
    unit_of: Callable[[Finding], str],
    line_of: Callable[[Finding], str],
) -> None:
    sheet = book.create_sheet(w["findings"])
    rows = [
        (
            unit_of(f),
            f.file,
            f.line,
            f.column,
            f.code,
            f.name,
            f.severity.label(lang),
            f.label.get(lang),
            f.message.get(lang),
            f.suggestion.get(lang) if f.suggestion else "",
            line_of(f),
        )
        for f in result.findings
    ]
    _table(sheet, w["heads"], rows, bold)
    for i, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def _unit_sheet(
    book: Any, result: Result, w: dict[str, Any], bold: Any, unit_of: Callable[[Finding], str]
) -> None:
    by_unit: dict[str, Counter[Severity]] = {}
    for f in result.findings:
        by_unit.setdefault(unit_of(f), Counter())[f.severity] += 1
    for name in result.files:  # units without findings are counted too
        if name in result.units:
            by_unit.setdefault(result.units[name], Counter())
    units = book.create_sheet(w["per_unit"])
    _table(
        units,
        w["unit_heads"],
        [
            (unit, *(c[s] for s in _SEVERITIES), sum(c.values()))
            for unit, c in sorted(
                by_unit.items(), key=lambda item: (-sum(item[1].values()), item[0])
            )
        ],
        bold,
    )
    units.column_dimensions["A"].width = 40


def _rule_sheet(book: Any, result: Result, lang: str, w: dict[str, Any], bold: Any) -> None:
    by_rule: Counter[str] = Counter(f.code for f in result.findings)
    names = {f.code: f.name for f in result.findings}
    severities: dict[str, set[Severity]] = {}
    for f in result.findings:
        severities.setdefault(f.code, set()).add(f.severity)
    per_rule = book.create_sheet(w["per_rule"])
    _table(
        per_rule,
        w["rule_heads"],
        [
            (
                code,
                names[code],
                "/".join(s.label(lang) for s in sorted(severities[code], key=lambda s: -s.rank)),
                n,
            )
            for code, n in sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))
        ],
        bold,
    )
    per_rule.column_dimensions["B"].width = 40


def _table(sheet: Any, heads: tuple[str, ...], rows: list[tuple[Any, ...]], bold: Any) -> None:
    """Headings in bold on a frozen first row, then the rows; every text written as text."""
    sheet.append(list(heads))
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = _cell_text(value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if value.startswith(_FORMULA_START):
                    cell.quotePrefix = True
            else:
                cell.value = value


def _cell_text(value: str) -> str:
    """Text an xlsx cell can hold: control characters shown escaped, at most 32,767."""
    text = visible(value) if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value) else value
    return text[:32767]
