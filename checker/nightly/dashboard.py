"""The nightly dashboard: one self-contained HTML file drawn from the history database.

It shows the latest run's totals with the change since the run before, a
chart of the totals over past runs (a y axis in round steps, dates on the x
axis), per unit (grouped by committee, in natural order) and per rule the
findings now by severity with a sparkline of their trend and its scale, the
table of runs, and the latest run's findings per unit. When the nightly run
writes the findings page beside it, the page links there and each unit links
to its own section of it; a unit whose report is missing (RK106) says so.
Everything is inline (CSS, a small script, SVG); the Content-Security-Policy
allows nothing else, so the page opens from disk with no network.

Every text that comes from a report or the history (unit names, file names,
messages, labels, the tree's path) is escaped with ``html.escape(...,
quote=True)``; the script only reads the page and sets ``textContent`` or
``hidden``, never markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from checker.findings import Severity
from checker.nightly import TREND_RUNS
from checker.nightly.history import Counts, History, Run, StoredFinding
from checker.outputs.html import MISSING
from checker.outputs.htmlbase import BASE_STYLE, csp_hash, nice_ticks
from checker.outputs.htmlbase import e as esc
from checker.swedish import natural_key

TABLE_RUNS = 100  # runs listed in the table of runs
LIST_CHECKED = 50  # the latest run's checked files are listed up to this many

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Nattlig granskning – rapportkoll",
        "heading": "Nattlig granskning",
        "meta": "Senaste körningen {date} av {tree} med rapportkoll {version}."
        " {n} körningar i historiken.",
        "no_runs": "Historiken har inga körningar ännu.",
        "reports": "Rapporter",
        "units": "Enheter",
        "checked_cached": "{checked} kontrollerade, {cached} från cache",
        "ERROR": "Fel",
        "WARNING": "Varningar",
        "INFO": "Info",
        "internal": "Interna fel",
        "internal_note": "Kontrollen kunde inte köras klart för allt (RK000); se listan nedan.",
        "since": "sedan förra körningen",
        "first": "första körningen",
        "new": "Nya anmärkningar",
        "fixed": "Åtgärdade",
        "missing": "Rapporter som saknas",
        "totals_chart": "Anmärkningar per körning",
        "per_unit": "Per enhet",
        "per_rule": "Per regel",
        "unit": "Enhet",
        "rule": "Regel",
        "name": "Namn",
        "total": "Totalt",
        "change": "Förändring",
        "trend": "Trend ({n} körningar)",
        "filter": "Filtrera",
        "filter_unit": "Sök enhet …",
        "filter_rule": "Sök regel …",
        "no_findings": "inga anmärkningar",
        "runs": "Körningar",
        "run": "Nr",
        "date": "Datum",
        "duration": "Tid",
        "files": "Filer",
        "checked": "Kontrollerade",
        "cached": "Från cache",
        "errors": "Fel",
        "warnings": "Varningar",
        "infos": "Info",
        "jobs": "Processer",
        "runs_shown": "Visar de senaste {n} av {total} körningar.",
        "latest": "Anmärkningar i senaste körningen",
        "latest_hint": "Per enhet; klicka för att visa enhetens anmärkningar.",
        "none": "Inga anmärkningar i senaste körningen.",
        "file": "Fil",
        "line": "Rad",
        "where": "Var",
        "message": "Anmärkning",
        "suggestion": "Förslag",
        "checked_list": "Kontrollerade i senaste körningen",
        "checked_none": "Ingen fil hade ändrats: alla {n} hämtades från cachen.",
        "checked_many": "{n} filer kontrollerades; övriga {c} hämtades från cachen.",
        "checked_one": "1 fil kontrollerades; övriga {c} hämtades från cachen.",
        "spark_key": "Trend: svart linje = alla anmärkningar, röd = fel; den senaste körningen"
        " längst till höger, luckor där enheten saknades.",
        "spark": "{label}: {values} (äldst först)",
        "absent": "saknas",
        "sev_error": "fel",
        "sev_warning": "varning",
        "sev_info": "info",
        "legend_total": "totalt",
        "up": "fler",
        "down": "färre",
        "sort": "Klicka på en kolumnrubrik för att sortera.",
        "committee": "Nämnd",
        "no_committee": "Nämnd okänd",
        "missing_unit": "rapport saknas",
        "findings_page": "Alla anmärkningar per nämnd och enhet, med utskriftsblad per enhet",
        "axis_y": "Antal anmärkningar",
        "axis_x": "Körningens datum",
        "spark_scale": "skala 0–{top}",
        "open_unit": "Enhetens anmärkningar i granskningsrapporten",
    },
    "en": {
        "title": "Nightly review – rapportkoll",
        "heading": "Nightly review",
        "meta": "Latest run {date} of {tree} with rapportkoll {version}. {n} runs in the history.",
        "no_runs": "The history has no runs yet.",
        "reports": "Reports",
        "units": "Units",
        "checked_cached": "{checked} checked, {cached} from cache",
        "ERROR": "Errors",
        "WARNING": "Warnings",
        "INFO": "Info",
        "internal": "Internal errors",
        "internal_note": "The check could not be completed for everything (RK000); see below.",
        "since": "since the previous run",
        "first": "first run",
        "new": "New findings",
        "fixed": "Fixed",
        "missing": "Reports missing",
        "totals_chart": "Findings per run",
        "per_unit": "Per unit",
        "per_rule": "Per rule",
        "unit": "Unit",
        "rule": "Rule",
        "name": "Name",
        "total": "Total",
        "change": "Change",
        "trend": "Trend ({n} runs)",
        "filter": "Filter",
        "filter_unit": "Find unit …",
        "filter_rule": "Find rule …",
        "no_findings": "no findings",
        "runs": "Runs",
        "run": "No.",
        "date": "Date",
        "duration": "Time",
        "files": "Files",
        "checked": "Checked",
        "cached": "From cache",
        "errors": "Errors",
        "warnings": "Warnings",
        "infos": "Info",
        "jobs": "Processes",
        "runs_shown": "Showing the latest {n} of {total} runs.",
        "latest": "Findings in the latest run",
        "latest_hint": "Per unit; click to show the unit's findings.",
        "none": "No findings in the latest run.",
        "file": "File",
        "line": "Line",
        "where": "Where",
        "message": "Finding",
        "suggestion": "Suggestion",
        "checked_list": "Checked in the latest run",
        "checked_none": "No file had changed: all {n} came from the cache.",
        "checked_many": "{n} files were checked; the other {c} came from the cache.",
        "checked_one": "1 file was checked; the other {c} came from the cache.",
        "spark_key": "Trend: black line = all findings, red = errors; the latest run on the"
        " right, gaps where the unit was absent.",
        "spark": "{label}: {values} (oldest first)",
        "absent": "absent",
        "sev_error": "error",
        "sev_warning": "warning",
        "sev_info": "info",
        "legend_total": "total",
        "up": "more",
        "down": "fewer",
        "sort": "Click a column heading to sort.",
        "committee": "Committee",
        "no_committee": "Committee unknown",
        "missing_unit": "report missing",
        "findings_page": "All findings per committee and unit, with a sheet to print per unit",
        "axis_y": "Number of findings",
        "axis_x": "Date of the run",
        "spark_scale": "scale 0–{top}",
        "open_unit": "The unit's findings in the review report",
    },
}


def number(value: float, lang: str, decimals: int = 1) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "sv" else text


def when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def axis_labels(started: list[str], ids: list[object]) -> list[str]:
    """The time axis' labels: the day, or as much of the time as tells the runs apart
    (minute, then second); runs that share even the second are told apart by their id."""
    for fmt in ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
        labels = []
        for iso in started:
            try:
                labels.append(datetime.fromisoformat(iso).strftime(fmt))
            except ValueError:
                labels.append(iso)
        if len(set(labels)) == len(labels):
            return labels
    return [f"{label} (#{run})" for label, run in zip(labels, ids, strict=True)]


@dataclass
class Row:
    """One unit or rule: its counts now and its series over the window."""

    key: str
    label: str
    now: Counter[Severity] = field(default_factory=Counter)
    before: Counter[Severity] | None = None
    series: list[int | None] = field(default_factory=list)  # total per run; None = absent
    errors: list[int | None] = field(default_factory=list)
    files: int = 0
    committee: str = ""

    @property
    def total(self) -> int:
        return sum(self.now.values())

    def order(self) -> tuple[int, int, int, str]:
        c = self.now
        return (-c[Severity.ERROR], -c[Severity.WARNING], -c[Severity.INFO], self.label.lower())


def _rows(
    keys: Sequence[str],
    labels: dict[str, str],
    window: list[Run],
    counts: dict[int, Counts],
    present: dict[int, set[str]] | None,
) -> list[Row]:
    rows = []
    latest = window[-1].id
    previous = window[-2].id if len(window) > 1 else None
    for key in keys:
        row = Row(key, labels.get(key, key))
        row.now = Counter(counts.get(latest, {}).get(key, Counter()))
        for run in window:
            c = counts.get(run.id, {}).get(key)
            here = present is None or key in present.get(run.id, set()) or c is not None
            row.series.append(sum(c.values()) if c else 0 if here else None)
            row.errors.append(c[Severity.ERROR] if c else 0 if here else None)
        if previous is not None and row.series[-2] is not None:
            row.before = Counter(counts.get(previous, {}).get(key, Counter()))
        rows.append(row)
    rows.sort(key=Row.order)
    return rows


# -- SVG ----------------------------------------------------------------------


def _polyline(
    values: Sequence[int | None], x0: float, step: float, y0: float, height: float, top: int
) -> str:
    """An SVG path through the values; None breaks the line."""
    parts: list[str] = []
    pen = "M"
    for i, v in enumerate(values):
        if v is None:
            pen = "M"
            continue
        x = x0 + i * step
        y = y0 + height - (v / top) * height if top else y0 + height
        parts.append(f"{pen}{x:.1f},{y:.1f}")
        pen = "L"
    return " ".join(parts)


def sparkline(row: Row, w: dict[str, str], width: int = 160, height: int = 34) -> str:
    """A small trend line with its scale: 0 at the bottom, the top value at the top."""
    values = row.series
    top = nice_ticks(max((v for v in values if v is not None), default=0))[-1]
    pad, gutter = 4.0, 22.0
    step = (width - gutter - 2 * pad) / max(1, len(values) - 1)
    inner = height - 2 * pad
    shown = ", ".join(w["absent"] if v is None else str(v) for v in values)
    title = w["spark"].format(label=row.label, values=shown)
    x0 = gutter + pad
    total = _polyline(values, x0, step, pad, inner, top)
    errors = _polyline(row.errors, x0, step, pad, inner, top)
    dots = ""
    last = next(((i, v) for i, v in reversed(list(enumerate(values))) if v is not None), None)
    if last is not None:
        i, v = last
        x = x0 + i * step
        y = pad + inner - (v / top) * inner
        dots = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" class="dot"/>'
    single = len([v for v in values if v is not None]) == 1
    return (
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' role="img" aria-label="{esc(title)}"><title>{esc(title)}</title>'
        f'<text x="{gutter - 2}" y="{pad + 7}" class="ax s" text-anchor="end">{top}</text>'
        f'<text x="{gutter - 2}" y="{height - pad}" class="ax s" text-anchor="end">0</text>'
        f'<line x1="{x0}" y1="{pad}" x2="{x0}" y2="{height - pad}" class="base"/>'
        f'<line x1="{x0}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}"'
        f' class="base"/>'
        + (
            ""
            if single
            else f'<path d="{total}" class="l-total"/><path d="{errors}" class="l-error"/>'
        )
        + f"{dots}</svg>"
    )


def _date_labels(window: list[Run], most: int = 6) -> list[int]:
    """Which runs get a date under the x axis: the first, the last and evenly between."""
    n = len(window)
    if n <= most:
        return list(range(n))
    step = (n - 1) / (most - 1)
    return sorted({round(k * step) for k in range(most)})


def totals_chart(window: list[Run], w: dict[str, str], lang: str) -> str:
    """Errors, warnings and info per run, with a y axis in round steps and dated x axis."""
    width, height = 760, 230
    left, right, top_pad, bottom = 64, 24, 12, 58
    inner_w, inner_h = width - left - right, height - top_pad - bottom
    series = {
        Severity.ERROR: [r.errors for r in window],
        Severity.WARNING: [r.warnings for r in window],
        Severity.INFO: [r.infos for r in window],
    }
    ticks = nice_ticks(max([v for vs in series.values() for v in vs] + [1]))
    top = ticks[-1]
    step = inner_w / max(1, len(window) - 1)
    base = top_pad + inner_h
    parts = [
        f'<svg class="totals" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="{esc(w["totals_chart"])}">'
    ]
    for tick in ticks:
        y = base - tick / top * inner_h
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"'
            f' class="grid"/><text x="{left - 6}" y="{y + 4:.1f}" class="ax"'
            f' text-anchor="end">{tick}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{base}" class="axis"/>'
        f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" class="axis"/>'
        f'<text x="14" y="{top_pad + inner_h / 2:.0f}" class="ax t" text-anchor="middle"'
        f' transform="rotate(-90 14 {top_pad + inner_h / 2:.0f})">{esc(w["axis_y"])}</text>'
        f'<text x="{left + inner_w / 2:.0f}" y="{height - 6}" class="ax t"'
        f' text-anchor="middle">{esc(w["axis_x"])}</text>'
    )
    for sev, values in series.items():
        path = _polyline(list(values), left, step, top_pad, inner_h, top)
        if len(window) > 1:
            parts.append(f'<path d="{path}" class="l-{sev.value}"/>')
        for i, v in enumerate(values):
            x = left + i * step
            y = base - (v / top) * inner_h
            tip = f"{window[i].id} · {when(window[i].started)}: {v} {w['sev_' + sev.value]}"
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" class="p-{sev.value}">'
                f"<title>{esc(tip)}</title></circle>"
            )
    shown = _date_labels(window)
    labels = axis_labels([window[i].started for i in shown], [window[i].id for i in shown])
    for label, i in zip(labels, shown, strict=True):
        x = left + i * step
        anchor = "middle" if len(window) > 1 else "start"
        if len(window) > 1 and i == 0:
            anchor = "start"
        elif len(window) > 1 and i == len(window) - 1:
            anchor = "end"
        parts.append(
            f'<line x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 4}" class="axis"/>'
            f'<text x="{x:.1f}" y="{base + 18}" class="ax date" text-anchor="{anchor}">'
            f"{esc(label)}</text>"
        )
    parts.append("</svg>")
    legend = "".join(
        f'<span class="key"><span class="sw s-{s.value}"></span>{esc(w[s.name])}</span>'
        for s in _SEVERITIES
    )
    return (
        f'<figure class="chart" id="totals"><figcaption>{esc(w["totals_chart"])}'
        f'<span class="legend">{legend}</span></figcaption>{"".join(parts)}</figure>'
    )


# -- HTML parts -----------------------------------------------------------------


def _delta(now: int, before: int | None, w: dict[str, str]) -> str:
    if before is None:
        return '<span class="d0">–</span>'
    d = now - before
    if d == 0:
        return '<span class="d0">±0</span>'
    cls, sign, word = ("up", "+", w["up"]) if d > 0 else ("down", "\u2212", w["down"])
    return f'<span class="{cls}" title="{abs(d)} {esc(word)}">{sign}{abs(d)}</span>'


def _cards(
    latest: Run,
    previous: Run | None,
    units: int,
    new: int | None,
    fixed: int | None,
    w: dict[str, str],
    missing: int = 0,
) -> str:
    def card(cls: str, num: str, label: str, sub: str = "") -> str:
        small = f"<small>{sub}</small>" if sub else ""
        return (
            f'<div class="card {cls}"><span class="num">{num}</span>'
            f'<span class="lbl">{esc(label)}{"<br>" if small else ""}{small}</span></div>'
        )

    since = esc(w["since"]) if previous else esc(w["first"])
    cards = [
        card(
            "",
            str(latest.files),
            w["reports"],
            esc(w["checked_cached"].format(checked=latest.checked, cached=latest.cached)),
        ),
        card("", str(units), w["units"]),
    ]
    for sev, attr in (
        (Severity.ERROR, "errors"),
        (Severity.WARNING, "warnings"),
        (Severity.INFO, "infos"),
    ):
        now = int(getattr(latest, attr))
        sub = f"{_delta(now, int(getattr(previous, attr)), w)} {since}" if previous else since
        cards.append(card(f"c-{sev.value}", str(now), w[sev.name], sub))
    if new is not None and fixed is not None:
        cards.append(card("c-new", str(new), w["new"], since))
        cards.append(card("c-fixed", str(fixed), w["fixed"], since))
    if missing:
        cards.append(card("c-error c-missing", str(missing), w["missing"], esc("RK106")))
    if latest.internal_errors:
        cards.append(card("c-error", str(latest.internal_errors), w["internal"]))
    return f'<section class="cards">{"".join(cards)}</section>'


def _count_cells(c: Counter[Severity]) -> str:
    cells = []
    for s in _SEVERITIES:
        n = c[s]
        cls = f"n c-{s.value}" if n else "n zero"
        cells.append(f'<td class="{cls}" data-v="{n}">{n}</td>')
    total = sum(c.values())
    cells.append(f'<td class="n total" data-v="{total}">{total}</td>')
    return "".join(cells)


def _severity_heads(w: dict[str, str]) -> str:
    return "".join(
        f'<th class="n" scope="col" data-sort="n">{esc(w[s.name])}</th>' for s in _SEVERITIES
    ) + (f'<th class="n" scope="col" data-sort="n">{esc(w["total"])}</th>')


def _by_committee(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """Units by committee, both in natural order ("Ekbacken 2" before "Ekbacken 10")."""
    groups: dict[str, list[Row]] = {}
    for row in sorted(rows, key=lambda r: (natural_key(r.committee), natural_key(r.label))):
        groups.setdefault(row.committee, []).append(row)
    return list(groups.items())


def _missing(row: Row, missing: set[str], w: dict[str, str]) -> str:
    return f' <span class="missing">{esc(w["missing_unit"])}</span>' if row.key in missing else ""


def _unit_table(
    groups: list[tuple[str, list[Row]]],
    links: dict[str, str],
    anchors: dict[str, str],
    missing: set[str],
    w: dict[str, str],
    n: int,
) -> str:
    bodies = []
    for committee, rows in groups:
        body = []
        if committee:
            body.append(
                f'<tr class="cmt"><th colspan="8" scope="rowgroup">{esc(committee)}</th></tr>'
            )
        for row in rows:
            name = esc(row.label)
            # to the unit's section in the findings page, else to its findings below
            href = links.get(row.key) or (f"#{anchors[row.key]}" if row.total else "")
            if href:
                name = f'<a href="{esc(href)}">{name}</a>'
            before = sum(row.before.values()) if row.before is not None else None
            body.append(
                f'<tr><th scope="row" data-v="{esc(row.label.lower())}">{name}'
                f"{_missing(row, missing, w)}</th>"
                f'<td class="n" data-v="{row.files}">{row.files}</td>{_count_cells(row.now)}'
                f'<td class="n" data-v="{row.total - (before or 0)}">'
                f"{_delta(row.total, before, w)}</td><td>{sparkline(row, w)}</td></tr>"
            )
        bodies.append(f"<tbody>{''.join(body)}</tbody>")
    return (
        f'<div class="filter"><label>{esc(w["filter"])} <input type="search"'
        f' data-table="unit-table" placeholder="{esc(w["filter_unit"])}"></label></div>'
        f'<table class="overview sortable" id="unit-table"><thead><tr>'
        f'<th scope="col" data-sort="s">{esc(w["unit"])}</th>'
        f'<th class="n" scope="col" data-sort="n">{esc(w["reports"])}</th>'
        f'{_severity_heads(w)}<th class="n" scope="col" data-sort="n">'
        f'{esc(w["change"])}</th><th scope="col">{esc(w["trend"].format(n=n))}</th>'
        f"</tr></thead>{''.join(bodies)}</table>"
    )


def _rule_table(rows: list[Row], w: dict[str, str], n: int) -> str:
    body = []
    for row in rows:
        before = sum(row.before.values()) if row.before is not None else None
        body.append(
            f'<tr><th scope="row" data-v="{esc(row.key)}">{esc(row.key)}</th>'
            f'<td class="rname" data-v="{esc(row.label)}">{esc(row.label)}</td>'
            f"{_count_cells(row.now)}"
            f'<td class="n" data-v="{row.total - (before or 0)}">'
            f"{_delta(row.total, before, w)}</td><td>{sparkline(row, w)}</td></tr>"
        )
    return (
        f'<div class="filter"><label>{esc(w["filter"])} <input type="search"'
        f' data-table="rule-table" placeholder="{esc(w["filter_rule"])}"></label></div>'
        f'<table class="overview sortable" id="rule-table"><thead><tr>'
        f'<th scope="col" data-sort="s">{esc(w["rule"])}</th>'
        f'<th scope="col" data-sort="s">{esc(w["name"])}</th>{_severity_heads(w)}'
        f'<th class="n" scope="col" data-sort="n">{esc(w["change"])}</th>'
        f'<th scope="col">{esc(w["trend"].format(n=n))}</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _runs_table(runs: list[Run], total: int, w: dict[str, str], lang: str) -> str:
    internal = any(r.internal_errors for r in runs)
    heads = [
        "run",
        "date",
        "duration",
        "files",
        "checked",
        "cached",
        "errors",
        "warnings",
        "infos",
        "jobs",
    ]
    head = "".join(
        f'<th scope="col"{"" if k == "date" else " class=n"}>{esc(w[k])}</th>' for k in heads
    )
    if internal:
        head += f'<th scope="col" class="n">{esc(w["internal"])}</th>'
    body = []
    for r in reversed(runs):
        secs = number(r.duration, lang, 1 if r.duration >= 10 else 2)
        cells = [
            str(r.id),
            esc(when(r.started)),
            f"{secs} s",
            str(r.files),
            str(r.checked),
            str(r.cached),
            str(r.errors),
            str(r.warnings),
            str(r.infos),
            str(r.jobs),
        ]
        row = "".join(
            f"<td>{c}</td>" if i == 1 else f'<td class="n">{c}</td>' for i, c in enumerate(cells)
        )
        if internal:
            row += (
                f'<td class="n{" c-error" if r.internal_errors else ""}">{r.internal_errors}</td>'
            )
        body.append(f"<tr>{row}</tr>")
    note = (
        f'<p class="hint">{esc(w["runs_shown"].format(n=len(runs), total=total))}</p>'
        if total > len(runs)
        else ""
    )
    return (
        f'<table class="overview" id="runs-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{note}"
    )


def _latest_findings(
    findings: list[StoredFinding],
    groups: list[tuple[str, list[Row]]],
    anchors: dict[str, str],
    links: dict[str, str],
    missing: set[str],
    w: dict[str, str],
    lang: str,
) -> str:
    if not findings:
        return f'<p class="none">{esc(w["none"])}</p>'
    by_unit: dict[str, list[StoredFinding]] = {}
    for f in findings:
        by_unit.setdefault(f.unit, []).append(f)
    parts = [f'<p class="hint">{esc(w["latest_hint"])}</p>']
    for committee, rows in groups:
        if committee and any(by_unit.get(r.key) for r in rows):
            parts.append(f"<h3>{esc(committee)}</h3>")
        for row in rows:
            items = by_unit.get(row.key)
            if not items:
                continue
            # errors first, then warnings and info; within those by file and line
            items = sorted(items, key=lambda f: (-f.severity.rank, natural_key(f.file), f.line))
            counts = ", ".join(
                f"{row.now[s]} {esc(w[s.name].lower())}" for s in _SEVERITIES if row.now[s]
            )
            lines = []
            for f in items:
                where, message, suggestion = f.text(lang)
                extra = (
                    f'<div class="sugg">{esc(w["suggestion"])}: {esc(suggestion)}</div>'
                    if suggestion
                    else ""
                )
                lines.append(
                    f'<tr class="s-{f.severity.value}"><td class="loc">{esc(f.file)}:{f.line}</td>'
                    f'<td><span class="badge b-{f.severity.value}">'
                    f"{esc(w['sev_' + f.severity.value])}</span></td>"
                    f'<td class="code">{esc(f.code)}</td>'
                    f'<td>{esc(message)}{extra}</td><td class="where">{esc(where)}</td></tr>'
                )
            link = (
                f' <a href="{esc(links[row.key])}">{esc(w["open_unit"])}</a>'
                if row.key in links
                else ""
            )
            parts.append(
                f'<details id="{anchors[row.key]}"><summary><strong>{esc(row.label)}</strong>'
                f'{_missing(row, missing, w)} <span class="hint">({counts})</span></summary>'
                f"{link}"
                f'<table class="findings"><thead><tr><th scope="col">{esc(w["file"])}</th>'
                f'<th scope="col"></th><th scope="col">{esc(w["rule"])}</th>'
                f'<th scope="col">{esc(w["message"])}</th><th scope="col">{esc(w["where"])}</th>'
                f"</tr></thead><tbody>{''.join(lines)}</tbody></table></details>"
            )
    return "".join(parts)


def _checked_files(files: list[tuple[str, str, bool]], w: dict[str, str]) -> str:
    checked = [f for f, _, c in files if c]
    if not checked:
        return f'<p class="hint">{esc(w["checked_none"].format(n=len(files)))}</p>'
    note = w["checked_one" if len(checked) == 1 else "checked_many"].format(
        n=len(checked), c=len(files) - len(checked)
    )
    if len(checked) > LIST_CHECKED:
        return f'<p class="hint">{esc(note)}</p>'
    items = "".join(f"<li>{esc(f)}</li>" for f in checked)
    return f'<p class="hint">{esc(note)}</p><ul class="checked">{items}</ul>'


# -- the page -------------------------------------------------------------------


def render(
    history: History,
    lang: str = "sv",
    trend: int = TREND_RUNS,
    findings: str | None = None,
    places: dict[str, tuple[str, str]] | None = None,
) -> str:
    """The dashboard for the runs in ``history`` (the latest one in front).

    ``findings`` is the href of the findings page written beside it, and
    ``places`` maps each unit (as the history names it) to its committee and
    its section's id in that page: the units are grouped by committee and
    each links to its section.
    """
    lang = "en" if lang == "en" else "sv"
    w = WORDS[lang]
    trend = max(1, trend)
    total_runs = history.count_runs()
    runs = history.runs(limit=max(trend, TABLE_RUNS))
    if not runs:
        body = (
            f"<header><h1>{esc(w['heading'])}</h1></header>"
            f'<main><p class="none">{esc(w["no_runs"])}</p></main>'
        )
        return _page(lang, w["title"], body)
    window = runs[-trend:]
    latest = runs[-1]
    previous = runs[-2] if len(runs) > 1 else None
    ids = [r.id for r in window]

    unit_counts = history.counts_by("unit", ids)
    rule_counts = history.counts_by("code", ids)
    present_files = history.units_by_run(ids)
    present = {run_id: set(c) for run_id, c in present_files.items()}
    latest_files = present_files.get(latest.id, Counter())
    unit_keys = sorted(set(latest_files) | set(unit_counts.get(latest.id, {})))
    unit_rows = _rows(unit_keys, {}, window, unit_counts, present)
    for row in unit_rows:
        row.files = latest_files.get(row.key, 0)
    rule_keys = sorted({code for c in rule_counts.values() for code in c})
    rule_rows = _rows(rule_keys, history.rule_names(), window, rule_counts, None)
    anchors = {row.key: f"u{i}" for i, row in enumerate(unit_rows)}
    places = places or {}
    for row in unit_rows:
        if row.key in places:
            row.committee = places[row.key][0]
        elif places:
            row.committee = w["no_committee"]
    groups = _by_committee(unit_rows)
    links = {k: f"{findings}#{anchor}" for k, (_, anchor) in places.items()} if findings else {}
    latest_findings = history.findings(latest.id)
    missing = {f.unit for f in latest_findings if f.code == MISSING}

    new = fixed = None
    n_missing = sum(1 for f in latest_findings if f.code == MISSING)
    if previous is not None:
        # a report that is missing now has its findings "saknas", never "fixed" (history.compare)
        compared = history.compare(latest.id, previous.id)
        new, fixed = compared.new, compared.fixed

    meta = w["meta"].format(
        date=when(latest.started), tree=latest.tree, version=latest.version, n=total_runs
    )
    internal = f'<p class="alert">{esc(w["internal_note"])}</p>' if latest.internal_errors else ""
    to_findings = (
        f'<p class="to-findings"><a id="to-findings" href="{esc(findings)}">'
        f"{esc(w['findings_page'])} →</a></p>"
        if findings
        else ""
    )
    body = (
        f'<header><h1>{esc(w["heading"])}</h1><p class="meta">{esc(meta)}</p>{to_findings}'
        "</header><main>"
        f"{_cards(latest, previous, len(unit_keys), new, fixed, w, n_missing)}{internal}"
        f"{totals_chart(window, w, lang)}"
        f'<section id="per-unit"><h2>{esc(w["per_unit"])}</h2>'
        f'<p class="hint">{esc(w["sort"])} {esc(w["spark_key"])}</p>'
        f"{_unit_table(groups, links, anchors, missing, w, len(window))}"
        f"</section>"
        f'<section id="per-rule"><h2>{esc(w["per_rule"])}</h2>'
        + (
            _rule_table(rule_rows, w, len(window))
            if rule_rows
            else f'<p class="none">{esc(w["none"])}</p>'
        )
        + f'</section><section id="runs"><h2>{esc(w["runs"])}</h2>'
        f"{_runs_table(runs[-TABLE_RUNS:], total_runs, w, lang)}</section>"
        f'<section id="checked"><h2>{esc(w["checked_list"])}</h2>'
        f"{_checked_files(history.files(latest.id), w)}</section>"
        f'<section id="latest"><h2>{esc(w["latest"])}</h2>'
        f"{_latest_findings(latest_findings, groups, anchors, links, missing, w, lang)}"
        f"</section></main>"
    )
    return _page(lang, w["title"], body)


def _page(lang: str, title: str, body: str) -> str:
    csp = (
        f"default-src 'none'; script-src {csp_hash(_SCRIPT)};"
        f" style-src {csp_hash(_STYLE)}; img-src data:; connect-src 'none';"
        " object-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


_STYLE = (
    BASE_STYLE
    + """
.none{color:var(--ok);font-weight:600}
.alert{border-left:6px solid var(--err);background:#fce8e6;padding:8px 14px}
.card.c-new{border-left:6px solid var(--err)}.card.c-fixed{border-left:6px solid var(--ok)}
.chart{margin:16px 0}.chart figcaption{font-weight:600;display:flex;gap:16px;flex-wrap:wrap}
.chart svg{max-width:100%;height:auto}
.legend{font-weight:400;color:var(--muted);font-size:13px;display:flex;gap:12px}
.key{display:inline-flex;align-items:center;gap:4px}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px}
.sw.s-error{background:var(--err)}.sw.s-warning{background:var(--warn-bar)}
.sw.s-info{background:var(--info-bar)}
svg path{fill:none;stroke-width:2}svg .l-error{stroke:var(--err)}
svg .l-warning{stroke:var(--warn-bar)}svg .l-info{stroke:var(--info-bar)}
svg .l-total{stroke:var(--ink);stroke-width:1.5}
svg .p-error{fill:var(--err)}svg .p-warning{fill:var(--warn-bar)}svg .p-info{fill:var(--info-bar)}
svg .grid,svg .base{stroke:#e3e7eb;stroke-width:1}svg .ax{fill:var(--muted);font-size:12px}
svg .dot{fill:var(--ink)}
.filter{margin:6px 0}.filter input{font:inherit;padding:3px 8px;border:1px solid var(--line);
border-radius:4px;min-width:240px}
table.overview,table.findings{border-collapse:collapse;width:100%;margin:4px 0 8px}
.overview th,.overview td,.findings th,.findings td{border-bottom:1px solid var(--line);
padding:5px 10px;text-align:left;vertical-align:middle}
.overview thead th,.findings thead th{background:var(--bg);font-size:13px;color:var(--muted)}
.overview th[data-sort]{cursor:pointer}.overview th[aria-sort] {color:var(--ink)}
.overview td.n,.overview th.n{text-align:right;white-space:nowrap;width:1%}
.overview td.c-error{color:var(--err);font-weight:700}
.overview td.c-warning{color:var(--warn);font-weight:700}
.overview td.c-info{color:var(--info);font-weight:700}
.overview td.zero{color:#9aa4ae}.overview td.total{font-weight:700}
.overview .rname{font-family:ui-monospace,Consolas,monospace;font-size:13px;color:var(--muted)}
.up{color:var(--err);font-weight:600}.down{color:var(--ok);font-weight:600}.d0{color:#9aa4ae}
details{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 10px}
details summary{cursor:pointer}
.findings td{font-size:14px;vertical-align:top}
.findings .loc,.findings .code{font-family:ui-monospace,Consolas,monospace;font-size:13px;
white-space:nowrap}
.findings .where{color:var(--muted)}.sugg{color:var(--muted);font-size:13px}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;
color:#fff}.b-error{background:var(--err)}.b-warning{background:var(--warn-bar);color:#000}
.b-info{background:var(--info-bar)}
ul.checked{font-family:ui-monospace,Consolas,monospace;font-size:13px}
header .to-findings{margin:6px 0 0}header .to-findings a{color:#fff;font-weight:600}
.overview tr.cmt th{background:#eef3f9;font-size:14px}
svg .axis{stroke:#8c959f;stroke-width:1}svg .ax.t{font-size:12px;fill:var(--ink)}
svg .ax.s{font-size:9px}
.missing{display:inline-block;background:var(--err);color:#fff;border-radius:4px;padding:0 7px;
font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
#latest h3{font-size:16px;margin:18px 0 4px}
"""
)

_SCRIPT = """
(function(){
  document.querySelectorAll('input[data-table]').forEach(function(box){
    var table = document.getElementById(box.getAttribute('data-table'));
    box.addEventListener('input', function(){
      var q = box.value.trim().toLowerCase();
      table.querySelectorAll('tbody tr:not(.cmt)').forEach(function(tr){
        tr.hidden = q !== '' && tr.textContent.toLowerCase().indexOf(q) < 0;
      });
      table.querySelectorAll('tbody').forEach(function(body){
        var head = body.querySelector('tr.cmt');
        if (head) head.hidden = !body.querySelector('tr:not(.cmt):not([hidden])');
      });
    });
  });
  document.querySelectorAll('table.sortable').forEach(function(table){
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function(th, col){
      var kind = th.getAttribute('data-sort');
      if (!kind) return;
      th.tabIndex = 0;
      var sort = function(){
        var down = th.getAttribute('aria-sort') !== 'descending';
        heads.forEach(function(h){ h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
        Array.prototype.forEach.call(table.tBodies, function(body){
          var rows = Array.prototype.filter.call(body.rows, function(r){
            return !r.classList.contains('cmt');
          });
          rows.sort(function(a, b){
            var x = a.cells[col].getAttribute('data-v') || '';
            var y = b.cells[col].getAttribute('data-v') || '';
            var r = kind === 'n' ? Number(x) - Number(y)
              : x.localeCompare(y, 'sv', {numeric: true});
            return down ? -r : r;
          });
          rows.forEach(function(r){ body.appendChild(r); });
        });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function(ev){ if (ev.key === 'Enter') sort(); });
    });
  });
})();
"""
