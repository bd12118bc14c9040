"""One self-contained HTML report for quality staff, in Swedish (English on request).

The file opens from disk with no network: CSS and JavaScript are inline and
the Content-Security-Policy allows nothing else (scripts and styles only by
their hash, no connections, no images but data: URIs). It shows an overview
per unit and per rule with bar charts (inline SVG), and every finding with
its label, message, suggestion and the YAML lines around it; filtering and
sorting run in inline JavaScript over a JSON data block.

Everything that comes from a report (texts, file names, labels, messages,
YAML lines) is escaped with ``html.escape(..., quote=True)``; the JSON block
escapes ``<``, ``>`` and ``&`` so it cannot end its <script> element, and
the script only ever sets ``textContent``, never markup.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from checker import __version__
from checker.findings import Finding, Severity
from checker.paths import inside
from checker.read.safeio import read_limited
from checker.read.sources import read_source
from checker.report.base import Formatter
from checker.report.htmlbase import BASE_STYLE, csp_hash, e, json_for_script
from checker.results import Result
from checker.rule import INTERNAL, Rule
from checker.swedish import count

CONTEXT = 3  # YAML lines shown before and after a finding's line
_MAX_LINE = 300  # longer YAML lines are cut in the excerpt
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Granskningsrapport – rapportkoll",
        "heading": "Granskningsrapport",
        "meta": "Skapad {date} med rapportkoll {version}. {files} rapporter från {units} enheter"
        " har kontrollerats mot regelkatalogen.",
        "reports": "Rapporter",
        "with_findings": "med anmärkningar",
        "ERROR": "Fel",
        "WARNING": "Varningar",
        "INFO": "Info",
        "sev_ERROR": "Fel",
        "sev_WARNING": "Varning",
        "sev_INFO": "Info",
        "total": "Totalt",
        "per_unit": "Översikt per enhet",
        "per_rule": "Översikt per regel",
        "chart_unit": "Anmärkningar per enhet",
        "chart_rule": "Anmärkningar per regel",
        "unit": "Enhet",
        "report_list": "Rapporter",
        "rule": "Regel",
        "name": "Namn",
        "severity": "Allvarlighetsgrad",
        "count": "Antal",
        "what": "Vad regeln kontrollerar",
        "clean_unit": "inga anmärkningar",
        "quiet_rules": "Regler utan anmärkningar ({n})",
        "findings": "Anmärkningar",
        "all_rules": "Alla regler",
        "all_units": "Alla enheter",
        "search": "Sök",
        "search_hint": "Sök i meddelande, plats, fil, enhet …",
        "sort": "Sortera",
        "sort_file": "Fil och rad",
        "sort_rule": "Regel",
        "sort_severity": "Allvarlighetsgrad",
        "sort_unit": "Enhet",
        "reset": "Rensa filter",
        "showing": "Visar {n} av {total} anmärkningar",
        "no_match": "Inga anmärkningar matchar filtret.",
        "none": "Inga anmärkningar: alla rapporter klarade kontrollen.",
        "where": "Var",
        "suggestion": "Förslag",
        "line": "rad",
        "column": "kolumn",
        "json_path": "Sökväg i dokumentet",
        "excerpt": "Utdrag ur rapporten, rad {a}–{b}",
        "no_excerpt": "Filen kunde inte läsas; inget utdrag.",
        "noscript": "Filtrering och sortering kräver JavaScript. Alla anmärkningar visas nedan.",
        "click_hint": "Klicka på en enhet eller regel för att visa bara dess anmärkningar.",
        "chart_title": "{label}: {e}, {w}, {i}",
        "legend": "Färgerna visar allvarlighetsgrad",
    },
    "en": {
        "title": "Review report – rapportkoll",
        "heading": "Review report",
        "meta": "Created {date} by rapportkoll {version}. {files} reports from {units} units"
        " were checked against the rule catalogue.",
        "reports": "Reports",
        "with_findings": "with findings",
        "ERROR": "Errors",
        "WARNING": "Warnings",
        "INFO": "Info",
        "sev_ERROR": "Error",
        "sev_WARNING": "Warning",
        "sev_INFO": "Info",
        "total": "Total",
        "per_unit": "Overview per unit",
        "per_rule": "Overview per rule",
        "chart_unit": "Findings per unit",
        "chart_rule": "Findings per rule",
        "unit": "Unit",
        "report_list": "Reports",
        "rule": "Rule",
        "name": "Name",
        "severity": "Severity",
        "count": "Count",
        "what": "What the rule checks",
        "clean_unit": "no findings",
        "quiet_rules": "Rules without findings ({n})",
        "findings": "Findings",
        "all_rules": "All rules",
        "all_units": "All units",
        "search": "Search",
        "search_hint": "Search message, place, file, unit …",
        "sort": "Sort by",
        "sort_file": "File and line",
        "sort_rule": "Rule",
        "sort_severity": "Severity",
        "sort_unit": "Unit",
        "reset": "Clear filters",
        "showing": "Showing {n} of {total} findings",
        "no_match": "No findings match the filter.",
        "none": "No findings: every report passed the check.",
        "where": "Where",
        "suggestion": "Suggestion",
        "line": "line",
        "column": "column",
        "json_path": "Path in the document",
        "excerpt": "Excerpt from the report, lines {a}–{b}",
        "no_excerpt": "The file could not be read; no excerpt.",
        "noscript": "Filtering and sorting need JavaScript. All findings are shown below.",
        "click_hint": "Click a unit or a rule to show only its findings.",
        "chart_title": "{label}: {e}, {w}, {i}",
        "legend": "Colours show the severity",
    },
}


@dataclass
class FileInfo:
    file: str
    unit: str
    type: str | None = None
    year: str | None = None
    lines: list[str] | None = None

    @property
    def title(self) -> str:
        parts = [p for p in (self.type, self.year) if p]
        return " ".join(parts) if parts else os.path.basename(self.file)


def file_info(
    file: str,
    units: dict[str, str] | None = None,
    roots: list[str] | None = None,
    sealed: set[str] | frozenset[str] = frozenset(),
) -> FileInfo:
    """Unit, report type, year and lines of a checked file, read from disk.

    A file whose content the run did not read (a link out of the tree), or that
    now lies outside the checked tree (``roots``), is never read: no excerpt.
    """
    info = FileInfo(file, (units or {}).get(file) or os.path.basename(file) or file)
    if file in sealed or (roots and not inside(file, roots)) or not os.path.isfile(file):
        return info
    doc = read_source(file)
    # For an export the excerpt shows the export's own lines (for a PDF, its text),
    # which is what a finding's line counts in.
    info.lines = doc.source.lines if doc.source is not None else doc.lines or _raw_lines(file)
    header = doc.data.get("rapport") if isinstance(doc.data, dict) else None
    if isinstance(header, dict):
        unit = header.get("enhet")
        if file not in (units or {}) and isinstance(unit, str) and unit.strip():
            info.unit = " ".join(unit.split())
        kind, year = header.get("typ"), header.get("år")
        info.type = str(kind) if isinstance(kind, str) and kind.strip() else None
        info.year = str(year) if isinstance(year, int | str) and str(year).strip() else None
    return info


def _raw_lines(file: str) -> list[str] | None:
    try:
        raw = read_limited(file, "report")
    except OSError:
        return None
    if b"\x00" in raw:
        return None
    return raw.decode("utf-8", errors="replace").splitlines()


@dataclass
class _Group:
    key: str
    label: str
    counts: Counter[Severity] = field(default_factory=Counter)
    files: list[FileInfo] = field(default_factory=list)
    rule: Rule | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def order(self) -> tuple[int, int, int, str]:
        c = self.counts
        return (-c[Severity.ERROR], -c[Severity.WARNING], -c[Severity.INFO], self.label)


# -- page parts ---------------------------------------------------------------


def _cards(result: Result, w: dict[str, str]) -> str:
    counts = Counter(f.severity for f in result.findings)
    with_findings = len({f.file for f in result.findings} & set(result.files))
    cards = [
        f'<div class="card"><span class="num" id="n-files">{len(result.files)}</span>'
        f'<span class="lbl">{e(w["reports"])}<br><small>{with_findings} '
        f"{e(w['with_findings'])}</small></span></div>"
    ]
    for s in _SEVERITIES:
        cards.append(
            f'<div class="card c-{s.value}"><span class="num" id="n-{s.value}">'
            f'{counts[s]}</span><span class="lbl">{e(w[s.name])}</span></div>'
        )
    return f'<section class="cards">{"".join(cards)}</section>'


def _count_cells(g: _Group) -> str:
    cells = []
    for s in _SEVERITIES:
        n = g.counts[s]
        cls = f' class="n c-{s.value}"' if n else ' class="n zero"'
        cells.append(f"<td{cls}>{n}</td>")
    cells.append(f'<td class="n total">{g.total}</td>')
    return "".join(cells)


def _unit_table(groups: list[_Group], w: dict[str, str]) -> str:
    rows = []
    for g in groups:
        reports = " ".join(
            f'<span class="rep" title="{e(fi.file)}">{e(fi.title)}</span>' for fi in g.files
        )
        clean = f' <span class="ok">✓ {e(w["clean_unit"])}</span>' if not g.total else ""
        rows.append(
            f'<tr><th scope="row"><button type="button" class="pick" data-unit="{e(g.key)}">'
            f"{e(g.label)}</button>{clean}</th><td>{reports}</td>{_count_cells(g)}</tr>"
        )
    return (
        f'<table class="overview" id="unit-table"><thead><tr><th scope="col">'
        f'{e(w["unit"])}</th><th scope="col">{e(w["report_list"])}</th>'
        f"{_severity_headers(w)}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _severity_headers(w: dict[str, str]) -> str:
    return "".join(f'<th scope="col" class="n">{e(w[s.name])}</th>' for s in _SEVERITIES) + (
        f'<th scope="col" class="n">{e(w["total"])}</th>'
    )


def _rule_table(groups: list[_Group], quiet: list[Rule], lang: str, w: dict[str, str]) -> str:
    rows = []
    for g in groups:
        r = g.rule
        what = r.doc.what.get(lang) if r else ""
        rows.append(
            f'<tr><th scope="row"><button type="button" class="pick" data-rule="{e(g.key)}">'
            f'{e(g.key)}</button> <span class="rname">{e(g.label)}</span></th>'
            f'<td class="what">{e(what)}</td>{_count_cells(g)}</tr>'
        )
    table = (
        f'<table class="overview" id="rule-table"><thead><tr><th scope="col">'
        f'{e(w["rule"])}</th><th scope="col">{e(w["what"])}</th>'
        f"{_severity_headers(w)}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    if quiet:
        items = "".join(
            f"<li><strong>{e(r.code)}</strong> {e(r.name)}: {e(r.doc.what.get(lang))}</li>"
            for r in quiet
        )
        table += (
            f'<details class="quiet"><summary>{e(w["quiet_rules"].format(n=len(quiet)))}'
            f"</summary><ul>{items}</ul></details>"
        )
    return table


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chart(groups: list[_Group], kind: str, label_of: Any, w: dict[str, str], caption: str) -> str:
    """A horizontal bar chart, stacked by severity, as inline SVG."""
    bar, gap, label_w, bars_w, tail = 20, 8, 270, 330, 40
    width = label_w + bars_w + tail
    height = max(len(groups), 1) * (bar + gap) + gap
    top = max((g.total for g in groups), default=0) or 1
    parts = []
    for i, g in enumerate(groups):
        y = gap + i * (bar + gap)
        label = label_of(g)
        lang = "en" if w is WORDS["en"] else "sv"
        tip = w["chart_title"].format(
            label=label,
            e=count(g.counts[Severity.ERROR], "fel", lang),
            w=count(g.counts[Severity.WARNING], "varning", lang),
            i=count(g.counts[Severity.INFO], "info", lang),
        )
        segs = []
        x = float(label_w)
        for s in _SEVERITIES:
            n = g.counts[s]
            if not n:
                continue
            seg_w = bars_w * n / top
            segs.append(
                f'<rect class="s-{s.value}" x="{x:.1f}" y="{y}" width="{seg_w:.1f}" '
                f'height="{bar}"></rect>'
            )
            x += seg_w
        parts.append(
            f'<g class="bar" data-{kind}="{e(g.key)}" tabindex="0" role="button">'
            f"<title>{e(tip)}</title>"
            f'<text class="lab" x="{label_w - 8}" y="{y + bar / 2 + 4:.0f}" '
            f'text-anchor="end">{e(_truncate(label, 34))}</text>'
            f'<rect class="track" x="{label_w}" y="{y}" width="{bars_w}" height="{bar}"></rect>'
            f"{''.join(segs)}"
            f'<text class="val" x="{x + 6:.1f}" y="{y + bar / 2 + 4:.0f}">{g.total}</text></g>'
        )
    legend = "".join(
        f'<span class="key"><span class="sw s-{s.value}"></span>{e(w["sev_" + s.name])}</span>'
        for s in _SEVERITIES
    )
    return (
        f'<figure class="chart" id="chart-{kind}"><figcaption>{e(caption)}'
        f'<span class="legend" aria-label="{e(w["legend"])}">{legend}</span></figcaption>'
        f'<svg role="img" aria-label="{e(caption)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">{"".join(parts)}</svg></figure>'
    )


def _excerpt(f: Finding, info: FileInfo | None, w: dict[str, str]) -> str:
    lines = info.lines if info else None
    if not lines:
        return f'<p class="noexcerpt">{e(w["no_excerpt"])}</p>' if info else ""
    hit = min(max(f.line, 1), len(lines))
    first, last = max(1, hit - CONTEXT), min(len(lines), hit + CONTEXT)
    digits = len(str(last))
    rows = []
    for n in range(first, last + 1):
        text = _truncate(lines[n - 1], _MAX_LINE * (10 if n == hit else 1))
        cls = "yl hit" if n == hit else "yl"
        rows.append(
            f'<span class="{cls}"><span class="ln" aria-hidden="true">'
            f'{str(n).rjust(digits)}</span><span class="tx">{e(text) or " "}</span>'
            "</span>"
        )
        if n == hit and f.column >= 1 and f.column <= len(text) + 1:
            rows.append(
                f'<span class="yl caret" aria-hidden="true"><span class="ln">'
                f'{" " * digits}</span><span class="tx">{" " * (f.column - 1)}^'
                "</span></span>"
            )
    caption = w["excerpt"].format(a=first, b=last)
    return (
        f'<pre class="yaml" aria-label="{e(caption)}" title="{e(caption)}"><code>'
        f"{''.join(rows)}</code></pre>"
    )


def _finding(i: int, f: Finding, info: FileInfo | None, lang: str, w: dict[str, str]) -> str:
    sev = f.severity
    where = f.label.get(lang)
    unit = info.unit if info else f.file
    loc = f"{f.file}:{f.line}:{f.column}"
    path_tip = f' title="{e(w["json_path"])}: {e(f.path)}"' if f.path else ""
    parts = [
        f'<li class="finding sev-{sev.value}" id="f{i}">',
        '<div class="fhead">',
        f'<span class="badge b-{sev.value}">{e(w["sev_" + sev.name])}</span>',
        f'<span class="code">{e(f.code)}</span><span class="rname">{e(f.name)}</span>',
        f'<span class="unit">{e(unit)}</span>',
        f'<span class="rep">{e(info.title)}</span>' if info and (info.type or info.year) else "",
        f'<span class="loc"{path_tip}>{e(loc)}</span>',
        "</div>",
        f'<p class="msg">{e(f.message.get(lang))}</p>',
    ]
    if where:
        parts.append(f'<p class="where"><span class="k">{e(w["where"])}:</span> {e(where)}</p>')
    elif f.path:
        parts.append(
            f'<p class="where"><span class="k">{e(w["where"])}:</span> <code>{e(f.path)}</code></p>'
        )
    if f.suggestion is not None:
        parts.append(
            f'<p class="sugg"><span class="k">{e(w["suggestion"])}:</span> '
            f"{e(f.suggestion.get(lang))}</p>"
        )
    parts.append(_excerpt(f, info, w))
    parts.append("</li>")
    return "".join(parts)


def _filters(rules: list[_Group], units: list[_Group], w: dict[str, str]) -> str:
    sev = "".join(
        f'<label class="chk"><input type="checkbox" name="sev" value="{s.value}" checked> '
        f'<span class="badge b-{s.value}">{e(w["sev_" + s.name])}</span></label>'
        for s in _SEVERITIES
    )
    rule_opts = "".join(
        f'<option value="{e(g.key)}">{e(g.key)} {e(g.label)} ({g.total})</option>'
        for g in sorted(rules, key=lambda g: g.key)
    )
    unit_opts = "".join(
        f'<option value="{e(g.key)}">{e(g.label)} ({g.total})</option>'
        for g in sorted(units, key=lambda g: g.label.casefold())
    )
    sorts = "".join(
        f'<option value="{k}">{e(w["sort_" + k])}</option>'
        for k in ("file", "rule", "severity", "unit")
    )
    return (
        '<div class="filters" role="search">'
        f"<fieldset><legend>{e(w['severity'])}</legend>{sev}</fieldset>"
        f'<label>{e(w["rule"])}<select id="f-rule"><option value="">{e(w["all_rules"])}'
        f"</option>{rule_opts}</select></label>"
        f'<label>{e(w["unit"])}<select id="f-unit"><option value="">{e(w["all_units"])}'
        f"</option>{unit_opts}</select></label>"
        f'<label class="grow">{e(w["search"])}<input type="search" id="f-text" '
        f'placeholder="{e(w["search_hint"])}" autocomplete="off"></label>'
        f'<label>{e(w["sort"])}<select id="f-sort">{sorts}</select></label>'
        f'<button type="button" id="f-reset">{e(w["reset"])}</button>'
        "</div>"
    )


# -- the page -------------------------------------------------------------------


# Long: the page assembled in reading order (cards, charts, tables, filters, findings).
def render(result: Result, lang: str = "sv", rules: Sequence[Rule] = ()) -> str:
    lang = "en" if lang == "en" else "sv"
    w = WORDS[lang]
    infos: dict[str, FileInfo] = {}
    files = list(result.files) + sorted({f.file for f in result.findings} - set(result.files))
    for file in files:
        infos[file] = file_info(file, result.units, result.roots, result.sealed)

    by_unit: dict[str, _Group] = {}
    unit_index: dict[str, str] = {}
    for file in result.files:
        info = infos[file]
        key = unit_index.setdefault(info.unit, f"u{len(unit_index)}")
        by_unit.setdefault(info.unit, _Group(key, info.unit)).files.append(info)
    known = {r.code: r for r in rules}
    known.setdefault(INTERNAL.code, INTERNAL)
    by_rule: dict[str, _Group] = {}
    for f in result.findings:
        unit = infos[f.file].unit
        if unit not in by_unit:
            key = unit_index.setdefault(unit, f"u{len(unit_index)}")
            by_unit[unit] = _Group(key, unit)
        by_unit[unit].counts[f.severity] += 1
        group = by_rule.setdefault(f.code, _Group(f.code, f.name, rule=known.get(f.code)))
        group.counts[f.severity] += 1
    unit_groups = sorted(by_unit.values(), key=_Group.order)
    rule_groups = sorted(by_rule.values(), key=_Group.order)
    quiet = [r for r in rules if r.code not in by_rule]

    data = {
        "words": {k: w[k] for k in ("showing",)},
        "findings": [
            {
                "i": i,
                "code": f.code,
                "sev": f.severity.value,
                "rank": f.severity.rank,
                "file": f.file,
                "line": f.line,
                "col": f.column,
                "unit": unit_index[infos[f.file].unit],
                "unitName": infos[f.file].unit,
                "text": " ".join(
                    filter(
                        None,
                        (
                            f.code,
                            f.name,
                            f.message.get(lang),
                            f.label.get(lang),
                            f.file,
                            infos[f.file].unit,
                            f.suggestion.get(lang) if f.suggestion else "",
                        ),
                    )
                ),
            }
            for i, f in enumerate(result.findings)
        ],
    }
    findings_html = "".join(
        _finding(i, f, infos.get(f.file), lang, w) for i, f in enumerate(result.findings)
    )
    meta = w["meta"].format(
        date=datetime.now().strftime("%Y-%m-%d %H:%M"),
        version=__version__,
        files=len(result.files),
        units=len(by_unit),
    )
    charts = ""
    if rule_groups:
        charts = _chart(
            rule_groups, "rule", lambda g: f"{g.key} {g.label}", w, w["chart_rule"]
        ) + _chart(unit_groups, "unit", lambda g: g.label, w, w["chart_unit"])
    body = (
        f'<header><h1>{e(w["heading"])}</h1><p class="meta">{e(meta)}</p></header>'
        f"<main>{_cards(result, w)}"
        f'<section id="overview"><p class="hint">{e(w["click_hint"])}</p>'
        f'<div class="charts">{charts}</div>'
        f"<h2>{e(w['per_unit'])}</h2>{_unit_table(unit_groups, w)}"
        f"<h2>{e(w['per_rule'])}</h2>{_rule_table(rule_groups, quiet, lang, w)}</section>"
        f'<section id="findings"><h2>{e(w["findings"])}</h2>'
        f'<noscript><p class="hint">{e(w["noscript"])}</p></noscript>'
        + (
            _filters(rule_groups, unit_groups, w) + f'<p id="count" aria-live="polite">'
            f"{e(w['showing'].format(n=len(result.findings), total=len(result.findings)))}</p>"
            if result.findings
            else f'<p class="none">{e(w["none"])}</p>'
        )
        + f'<ol id="list">{findings_html}</ol>'
        f'<p id="no-match" hidden>{e(w["no_match"])}</p></section></main>'
    )
    return _page(lang, w["title"], body, json_for_script(data))


def _page(lang: str, title: str, body: str, data: str) -> str:
    csp = (
        f"default-src 'none'; script-src {csp_hash(_SCRIPT)}; style-src {csp_hash(_STYLE)};"
        " img-src data:; font-src 'none'; connect-src 'none'; media-src 'none';"
        " object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none';"
        " base-uri 'none'; form-action 'none'"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
        f'<script type="application/json" id="rk-data">{data}</script>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


# The findings page adds its own rules to the base the dashboard shares.
_STYLE = (
    BASE_STYLE
    + """
.charts{display:flex;flex-wrap:wrap;gap:24px}
.chart{margin:8px 0;flex:1 1 600px;min-width:0}
.chart figcaption{font-weight:600;margin-bottom:6px;display:flex;gap:16px;align-items:center;
flex-wrap:wrap}
.chart svg{max-width:100%;height:auto;font-size:13px}
.legend{font-weight:400;color:var(--muted);font-size:13px;display:flex;gap:12px}
.key{display:inline-flex;align-items:center;gap:4px}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px}
.sw.s-error{background:var(--err)}.sw.s-warning{background:var(--warn-bar)}
.sw.s-info{background:var(--info-bar)}
svg .s-error{fill:var(--err)}svg .s-warning{fill:var(--warn-bar)}svg .s-info{fill:var(--info-bar)}
svg .track{fill:#eef1f4}svg .lab{fill:var(--ink)}svg .val{fill:var(--muted);font-weight:600}
svg .bar{cursor:pointer}svg .bar:hover .track,svg .bar:focus .track{fill:#dde3ea}
svg .bar:focus{outline:none}
table.overview{border-collapse:collapse;width:100%;margin:4px 0 8px}
.overview th,.overview td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;
vertical-align:top}
.overview thead th{background:var(--bg);font-size:13px;color:var(--muted)}
.overview td.n,.overview th.n{text-align:right;white-space:nowrap;width:1%}
.overview td.c-error{color:var(--err);font-weight:700}
.overview td.c-warning{color:var(--warn);font-weight:700}
.overview td.c-info{color:var(--info);font-weight:700}
.overview td.zero{color:#9aa4ae}.overview td.total{font-weight:700}
.overview td.what{color:var(--muted);font-size:14px}
.overview .rname{font-family:ui-monospace,Consolas,monospace;font-size:13px;font-weight:400;
color:var(--muted);white-space:nowrap}
#rule-table th[scope=row]{white-space:nowrap}
.rep{display:inline-block;background:var(--bg);border:1px solid var(--line);border-radius:4px;
padding:0 6px;font-size:13px}
.ok{color:#1a7f37;font-size:13px;white-space:nowrap}
button.pick{background:none;border:0;padding:0;font:inherit;font-weight:600;color:#0b5cad;
cursor:pointer;text-align:left;text-decoration:underline dotted}
button.pick:hover{text-decoration:underline}
details.quiet{margin:8px 0;color:var(--muted)}details.quiet li{margin:2px 0}
.filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:12px 16px;
align-items:flex-end;background:#fff;border:1px solid var(--line);border-radius:8px;
padding:10px 14px;box-shadow:0 2px 6px rgba(0,0,0,.06)}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:8px;align-items:center}
.filters legend{font-size:13px;color:var(--muted);padding:0;margin-bottom:2px}
.filters fieldset{flex-wrap:wrap;max-width:300px}
.filters label{display:flex;flex-direction:column;font-size:13px;color:var(--muted);gap:2px}
.filters label.chk{flex-direction:row;align-items:center;gap:4px;color:var(--ink)}
.filters label.grow{flex:1 1 220px}
.filters select,.filters input[type=search]{font:inherit;color:var(--ink);padding:4px 6px;
border:1px solid #8c959f;border-radius:4px;max-width:240px}
.filters button{font:inherit;padding:5px 12px;border:1px solid #8c959f;border-radius:4px;
background:var(--bg);cursor:pointer}
#count{font-weight:600;margin:12px 0 4px}
ol#list{list-style:none;margin:0;padding:0}
.finding{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;
margin:10px 0;padding:10px 14px;background:#fff}
.finding.sev-error{border-left-color:var(--err)}
.finding.sev-warning{border-left-color:var(--warn-bar)}
.finding.sev-info{border-left-color:var(--info-bar)}
.fhead{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px}
.badge{display:inline-block;font-size:12px;font-weight:700;text-transform:uppercase;
letter-spacing:.03em;padding:1px 7px;border-radius:10px}
.b-error{background:var(--err-bg);color:var(--err)}
.b-warning{background:var(--warn-bg);color:var(--warn)}
.b-info{background:var(--info-bg);color:var(--info)}
.fhead .code{font-weight:700}
.fhead .rname{font-family:ui-monospace,Consolas,monospace;font-size:13px;color:var(--muted)}
.fhead .unit{font-weight:600}
.fhead .loc{font-family:ui-monospace,Consolas,monospace;font-size:13px;color:var(--muted);
margin-left:auto;overflow-wrap:anywhere}
.finding p{margin:6px 0}
.finding .msg{font-size:16px}
.finding .k{font-weight:600;color:var(--muted)}
.finding .sugg{background:#e9f6ec;border-radius:4px;padding:4px 8px;display:inline-block}
pre.yaml{margin:8px 0 2px;background:#f6f8fa;border:1px solid var(--line);border-radius:4px;
padding:6px 0;overflow-x:auto;font:13px/1.45 ui-monospace,Consolas,"DejaVu Sans Mono",monospace}
pre.yaml .yl{display:flex;padding:0 12px 0 0}
pre.yaml .tx{white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}
pre.yaml .ln{flex:none;color:#8c959f;padding:0 12px 0 10px;margin-right:8px;white-space:pre;
border-right:1px solid var(--line);user-select:none}
pre.yaml .hit{background:#fff1b8;font-weight:600}
pre.yaml .hit .ln{color:var(--ink);border-right:3px solid var(--err)}
pre.yaml .caret{color:var(--err);font-weight:700;line-height:1.1}
pre.yaml .caret .ln{border-right:3px solid transparent}
.noexcerpt{color:var(--muted);font-style:italic}
.none{font-size:17px;color:#1a7f37;font-weight:600}
[hidden]{display:none!important}
@media print{.filters,.hint,#count{display:none}.finding{break-inside:avoid}
header{background:none;color:var(--ink)}header .meta{color:var(--muted)}}
"""
)

_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rk-data").textContent);
  var list = document.getElementById("list");
  if (!data.findings.length || !list) { return; }
  var items = data.findings.map(function (f) {
    f.el = document.getElementById("f" + f.i);
    f.hay = f.text.toLocaleLowerCase("sv");
    return f;
  });
  var $ = function (id) { return document.getElementById(id); };
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=sev]"));
  var rule = $("f-rule"), unit = $("f-unit"), text = $("f-text"), sort = $("f-sort");
  var count = $("count"), noMatch = $("no-match");
  var coll = new Intl.Collator("sv", {numeric: true});
  function byFile(a, b) { return a.i - b.i; }
  var orders = {
    file: byFile,
    rule: function (a, b) { return coll.compare(a.code, b.code) || byFile(a, b); },
    severity: function (a, b) { return (b.rank - a.rank) || byFile(a, b); },
    unit: function (a, b) { return coll.compare(a.unitName, b.unitName) || byFile(a, b); }
  };
  function apply() {
    var sevs = {};
    sevBoxes.forEach(function (c) { if (c.checked) { sevs[c.value] = true; } });
    var terms = text.value.toLocaleLowerCase("sv").split(/\\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (f) {
      var ok = !!sevs[f.sev] && (!rule.value || f.code === rule.value) &&
        (!unit.value || f.unit === unit.value) &&
        terms.every(function (t) { return f.hay.indexOf(t) !== -1; });
      f.el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = data.words.showing.replace("{n}", String(shown))
      .replace("{total}", String(items.length));
    noMatch.hidden = shown !== 0;
  }
  function reorder() {
    var order = orders[sort.value] || byFile;
    var frag = document.createDocumentFragment();
    items.slice().sort(order).forEach(function (f) { frag.appendChild(f.el); });
    list.appendChild(frag);
  }
  function choose(select, value) {
    var has = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    select.value = has ? value : "";
    apply();
    $("findings").scrollIntoView({behavior: "smooth", block: "start"});
  }
  [rule, unit].concat(sevBoxes).forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  sort.addEventListener("change", reorder);
  $("f-reset").addEventListener("click", function () {
    sevBoxes.forEach(function (c) { c.checked = true; });
    rule.value = ""; unit.value = ""; text.value = ""; sort.value = "file";
    reorder(); apply();
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-rule],[data-unit]"),
    function (el) {
      var pick = function () {
        if (el.hasAttribute("data-rule")) { choose(rule, el.getAttribute("data-rule")); }
        else { choose(unit, el.getAttribute("data-unit")); }
      };
      el.addEventListener("click", pick);
      el.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); }
      });
    });
  apply();
})();
"""


class HtmlFormatter(Formatter):
    name = "html"

    def render(self, result: Result) -> str:
        return render(result, self.options.lang, self.options.rules)
