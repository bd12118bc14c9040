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

The page is laid out by the template ``templates/dashboard.html.j2`` with
autoescape on: every text that comes from a report or the history (unit
names, file names, messages, labels, the tree's path) is escaped as
``html.escape(..., quote=True)`` escapes it; the script only reads the page
and sets ``textContent`` or ``hidden``, never markup. The cells of the tables'
rows (counts, change, sparkline) are written by this module as strings, each
value escaped the same way (``e``): a row per unit costs less so than by macros.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache, partial
from importlib import resources
from typing import TYPE_CHECKING, Protocol

from markupsafe import Markup

from checker import templating
from checker.findings import Severity
from checker.nightly import TREND_RUNS
from checker.nightly.history import Counts, History, Run, StoredFinding
from checker.nightly.sections import DASHBOARD
from checker.outputs.html import MISSING, Writer
from checker.outputs.htmlbase import BASE_STYLE, csp_hash, e, nice_ticks
from checker.swedish import natural_key
from checker.templating import environment

if TYPE_CHECKING:
    import jinja2

TABLE_RUNS = 100  # runs listed in the table of runs
LIST_CHECKED = 50  # the latest run's checked files are listed up to this many

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_ERROR, _WARNING, _INFO = _SEVERITIES

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
    before: int | None = None  # the total in the run before (None: absent, or no such run)
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
    trend: dict[int, dict[str, tuple[int, int]]],
    counts: dict[int, Counts],
    quiet: dict[int, set[str]] | None,
) -> list[Row]:
    """The rows of ``keys``: ``trend`` has each run's total and errors per key, ``counts``
    the latest run's counts per severity, ``quiet`` each run's keys present without
    findings (None: every key is present in every run)."""
    rows = []
    now_by_key = counts.get(window[-1].id, {})
    after_one = len(window) > 1
    # each run's points and quiet keys looked up once, not once per key
    runs = [
        (trend.get(r.id, {}), None if quiet is None else quiet.get(r.id, set())) for r in window
    ]
    for key in keys:
        points = [by_key.get(key) for by_key, _ in runs]
        if None in points:
            series, errors = _gaps(key, points, runs)
        else:  # in every run with findings: most keys
            series = [p[0] for p in points]  # type: ignore[index]
            errors = [p[1] for p in points]  # type: ignore[index]
        before = series[-2] if after_one else None
        now = now_by_key.get(key) or Counter()  # as read, not copied: a row only reads it
        rows.append(Row(key, labels.get(key, key), now, before, series, errors))
    rows.sort(key=Row.order)
    return rows


def _gaps(
    key: str,
    points: list[tuple[int, int] | None],
    runs: list[tuple[dict[str, tuple[int, int]], set[str] | None]],
) -> tuple[list[int | None], list[int | None]]:
    """A key's series and errors where some run had no findings for it: 0 where it was
    present (or every key is), else None."""
    series: list[int | None] = []
    errors: list[int | None] = []
    for point, (_, quiet_now) in zip(points, runs, strict=True):
        if point is not None:
            series.append(point[0])
            errors.append(point[1])
        elif quiet_now is None or key in quiet_now:
            series.append(0)
            errors.append(0)
        else:
            series.append(None)
            errors.append(None)
    return series, errors


# -- the charts' coordinates (templates/dashboard.html.j2 draws them) ------------


@cache
def _xs(x0: float, step: float, n: int) -> tuple[str, ...]:
    """The x coordinates of ``n`` points as a path writes them (the same for every row)."""
    return tuple(f"{x0 + i * step:.1f}" for i in range(n))


def _polyline(
    values: Sequence[int | None], x0: float, step: float, y0: float, height: float, top: int
) -> str:
    """An SVG path through the values; None breaks the line."""
    return _path(tuple(values), x0, step, y0, height, top)


@lru_cache(maxsize=4096)
def _path(
    values: tuple[int | None, ...], x0: float, step: float, y0: float, height: float, top: int
) -> str:
    """``_polyline``'s path, made once for rows whose values and scale are the same (every
    unit without errors has the same line of them)."""
    parts: list[str] = []
    pen = "M"
    ys: dict[int, str] = {}  # a row's values repeat: each one's y written once
    for x, v in zip(_xs(x0, step, len(values)), values, strict=True):
        if v is None:
            pen = "M"
            continue
        y = ys.get(v)
        if y is None:
            at = y0 + height - (v / top) * height if top else y0 + height
            y = ys[v] = f"{at:.1f}"
        parts.append(f"{pen}{x},{y}")
        pen = "L"
    return " ".join(parts)


_SPARK_W, _SPARK_H, _SPARK_PAD, _SPARK_GUTTER = 160, 34, 4.0, 22.0
# A sparkline's fixed geometry.
_SPARK = {
    "width": _SPARK_W,
    "height": _SPARK_H,
    "pad": _SPARK_PAD,
    "label_x": _SPARK_GUTTER - 2,
    "top_y": _SPARK_PAD + 7,
    "bottom": _SPARK_H - _SPARK_PAD,
    "x0": _SPARK_GUTTER + _SPARK_PAD,
    "right": _SPARK_W - _SPARK_PAD,
}


@dataclass
class Spark:
    """A row's trend line: its scale's top, the paths (None for a single value), the last dot."""

    title: str
    top: int
    total: str | None
    errors: str
    dot: tuple[str, str] | None


@cache
def _scale_top(most: int) -> int:
    return nice_ticks(most)[-1]


def sparkline(row: Row, w: dict[str, str]) -> Spark:
    """A small trend line with its scale: 0 at the bottom, the top value at the top."""
    values = row.series
    present = [v for v in values if v is not None]
    top = _scale_top(max(present, default=0))
    pad, x0 = _SPARK_PAD, _SPARK_GUTTER + _SPARK_PAD
    step = (_SPARK_W - _SPARK_GUTTER - 2 * pad) / max(1, len(values) - 1)
    inner = _SPARK_H - 2 * pad
    if len(present) == len(values):
        shown = ", ".join(map(str, values))
    else:
        shown = ", ".join(w["absent"] if v is None else str(v) for v in values)
    dot = None
    if present:
        i = len(values) - 1
        while values[i] is None:
            i -= 1
        dot = (f"{x0 + i * step:.1f}", f"{pad + inner - (present[-1] / top) * inner:.1f}")
    single = len(present) == 1
    return Spark(
        w["spark"].format(label=row.label, values=shown),
        top,
        None if single else _polyline(values, x0, step, pad, inner, top),
        _polyline(row.errors, x0, step, pad, inner, top),
        dot,
    )


# The rows' cells, written as strings rather than by template macros: the unit table has a
# row per unit, and a macro's call and each value's trip through Jinja cost more than the
# row's text itself. Values are escaped as the template escapes them (``e``).
_SPARK_HEAD = (
    '<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
    ' role="img" aria-label="'
).format(**_SPARK)
_SPARK_AXES = (
    '<text x="{label_x}" y="{bottom}" class="ax s" text-anchor="end">0</text>'
    '<line x1="{x0}" y1="{pad}" x2="{x0}" y2="{bottom}" class="base"/>'
    '<line x1="{x0}" y1="{bottom}" x2="{right}" y2="{bottom}" class="base"/>'
).format(**_SPARK)
_SPARK_TOP = '<text x="{label_x}" y="{top_y}" class="ax s" text-anchor="end">'.format(**_SPARK)


def spark_svg(s: Spark) -> Markup:
    """A row's trend line (``sparkline``) as SVG. Its coordinates and scale are numbers
    written here (digits, signs, points, commas and the path's letters): nothing to escape."""
    title = e(s.title)
    parts = [_SPARK_HEAD, title, '"><title>', title, "</title>", _SPARK_TOP, str(s.top), "</text>"]
    parts.append(_SPARK_AXES)
    if s.total is not None:
        parts += ['<path d="', s.total, '" class="l-total"/><path d="', s.errors]
        parts.append('" class="l-error"/>')
    if s.dot:
        parts += ['<circle cx="', s.dot[0], '" cy="', s.dot[1], '" r="2.5" class="dot"/>']
    parts.append("</svg>")
    return Markup("".join(parts))


# Per severity, the class of a count's cell when it is not 0.
_COUNT_CLASSES = tuple((s, e("n c-" + s.value)) for s in _SEVERITIES)


def count_cells(c: Counter[Severity]) -> Markup:
    """A row's cells of its counts per severity and their total."""
    return Markup(_count_cells(c[Severity.ERROR], c[Severity.WARNING], c[Severity.INFO], c.total()))


@lru_cache(maxsize=4096)
def _count_cells(*counts: int) -> str:
    """``count_cells`` of the counts (error, warning, info, total): made once for the rows
    that have the same."""
    parts = []
    for (_, cls), n in zip(_COUNT_CLASSES, counts, strict=False):
        parts.append(f'<td class="{cls if n else "n zero"}" data-v="{n}">{n}</td>')
    total = counts[-1]
    parts.append(f'<td class="n total" data-v="{total}">{total}</td>')
    return "".join(parts)


def delta(w: dict[str, str], now: int, before: int | None) -> Markup:
    """The change of a count since the run before."""
    if before is None:
        return Markup('<span class="d0">–</span>')
    if now == before:
        return Markup('<span class="d0">±0</span>')
    if now > before:
        n = now - before
        return Markup(f'<span class="up" title="{n} {e(w["up"])}">+{n}</span>')
    n = before - now
    return Markup(f'<span class="down" title="{n} {e(w["down"])}">−{n}</span>')


def change_cells(w: dict[str, str], row: Row) -> Markup:
    """A row's cells of its change since the run before and its trend line."""
    return Markup(_change_cells(w, row, e(row.label)))


def _change_cells(w: dict[str, str], row: Row, label: str) -> str:
    """``change_cells`` with the row's label escaped."""
    before = row.before
    total = row.total
    change = delta(w, total, before)
    head, middle, tail = _spark_around(
        tuple(row.series), tuple(row.errors), w["spark"], w["absent"]
    )
    spark = f"{head}{label}{middle}{label}{tail}"
    return f'<td class="n" data-v="{total - (before or 0)}">{change}</td><td>{spark}</td>'


@lru_cache(maxsize=4096)
def _spark_around(
    series: tuple[int | None, ...], errors: tuple[int | None, ...], spark: str, absent: str
) -> tuple[str, str, str]:
    """A trend line's SVG (``spark_svg``) around its label, which its title shows twice: made
    once for the rows with the same points (a row's label escaped is the escaped text's part:
    ``e`` replaces character by character)."""
    row = Row("", _LABEL, series=list(series), errors=list(errors))
    parts = str(spark_svg(sparkline(row, {"spark": spark, "absent": absent}))).split(_LABEL)
    assert len(parts) == 3, "a label's place in the title"
    return parts[0], parts[1], parts[2]


_LABEL = "\0"  # where a row's label goes; no other text of a trend line has it


def _date_labels(window: list[Run], most: int = 6) -> list[int]:
    """Which runs get a date under the x axis: the first, the last and evenly between."""
    n = len(window)
    if n <= most:
        return list(range(n))
    step = (n - 1) / (most - 1)
    return sorted({round(k * step) for k in range(most)})


@dataclass
class Totals:
    """The totals chart: y ticks (y, label's y, value), per severity its path (None for one
    run) and points (x, y, tip), the dates under the x axis (x, text-anchor, label)."""

    ticks: list[tuple[str, str, int]]
    series: list[tuple[str, str | None, list[tuple[str, str, str]]]]
    dates: list[tuple[str, str, str]]
    width: int = 760
    height: int = 230
    left: int = 64
    right: int = 760 - 24
    top: int = 12
    base: int = 230 - 58
    mid_y: str = f"{12 + (230 - 12 - 58) / 2:.0f}"
    mid_x: str = f"{64 + (760 - 64 - 24) / 2:.0f}"


def totals_chart(window: list[Run], w: dict[str, str]) -> Totals:
    """Errors, warnings and info per run, with a y axis in round steps and dated x axis."""
    chart = Totals([], [], [])
    inner_w, inner_h = chart.right - chart.left, chart.base - chart.top
    series = {
        Severity.ERROR: [r.errors for r in window],
        Severity.WARNING: [r.warnings for r in window],
        Severity.INFO: [r.infos for r in window],
    }
    ticks = nice_ticks(max([v for vs in series.values() for v in vs] + [1]))
    top = ticks[-1]
    step = inner_w / max(1, len(window) - 1)
    for tick in ticks:
        y = chart.base - tick / top * inner_h
        chart.ticks.append((f"{y:.1f}", f"{y + 4:.1f}", tick))
    for sev, values in series.items():
        path = _polyline(list(values), chart.left, step, chart.top, inner_h, top)
        points = []
        for i, v in enumerate(values):
            x, y = chart.left + i * step, chart.base - (v / top) * inner_h
            tip = f"{window[i].id} · {when(window[i].started)}: {v} {w['sev_' + sev.value]}"
            points.append((f"{x:.1f}", f"{y:.1f}", tip))
        chart.series.append((sev.value, path if len(window) > 1 else None, points))
    shown = _date_labels(window)
    labels = axis_labels([window[i].started for i in shown], [window[i].id for i in shown])
    for label, i in zip(labels, shown, strict=True):
        anchor = "middle" if len(window) > 1 else "start"
        if len(window) > 1 and i == 0:
            anchor = "start"
        elif len(window) > 1 and i == len(window) - 1:
            anchor = "end"
        chart.dates.append((f"{chart.left + i * step:.1f}", anchor, label))
    return chart


# -- what the page shows ------------------------------------------------------------


def _by_committee(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """Units by committee, both in natural order ("Ekbacken 2" before "Ekbacken 10")."""
    groups: dict[str, list[Row]] = {}
    committees = {c: natural_key(c) for c in {r.committee for r in rows}}  # a few, shared
    for row in sorted(rows, key=lambda r: (committees[r.committee], natural_key(r.label))):
        groups.setdefault(row.committee, []).append(row)
    return list(groups.items())


_RUN_HEADS = (
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
)


def _run_rows(runs: list[Run], lang: str) -> list[tuple[list[str], int]]:
    """The table of runs, the latest first: its cells, and its internal errors."""
    rows = []
    for r in reversed(runs):
        secs = number(r.duration, lang, 1 if r.duration >= 10 else 2)
        cells = [str(r.id), when(r.started), f"{secs} s"]
        cells += [str(n) for n in (r.files, r.checked, r.cached, r.errors, r.warnings, r.infos)]
        rows.append(([*cells, str(r.jobs)], r.internal_errors))
    return rows


class _Store(Protocol):
    """Where parts of the pages rendered on an earlier night are kept (``SectionStore``)."""

    def get_bytes(self, key: str, kind: str = ...) -> bytes | None: ...

    def put(self, key: str, text: str, kind: str = ...) -> None: ...

    def has(self, key: str, kind: str = ...) -> bool: ...


@cache
def _look(lang: str) -> bytes:
    """What a unit's part of the page looks like apart from its data: template and words."""
    h = hashlib.sha256(lang.encode())
    h.update(
        resources.files("checker.nightly").joinpath("templates", "dashboard.html.j2").read_bytes()
    )
    h.update(repr(sorted(WORDS[lang].items())).encode())
    return h.digest()


Item = tuple[StoredFinding, str, str, str | None]  # a finding, where, message, suggestion
_JOIN = 1 << 18  # bytes of kept parts handed to the template at once, at most


@dataclass
class _Kept:
    """The parts of consecutive units kept from an earlier night, joined (UTF-8)."""

    data: bytes


class _Written:
    """What the template writes for kept parts that went to the page's output as they
    are: nothing (and true, so that the template renders no unit in their place)."""

    def __html__(self) -> str:
        return ""


_WRITTEN = _Written()


_BATCH = 5_000  # findings read from the history at a time for the units' parts


class _UnitParts:
    """Each unit's findings in the latest run as a part of the page, handed to the template
    one unit at a time (consecutive kept ones joined): kept from an earlier night when its
    findings (by their sets' hashes) and everything else it shows are the same, else read
    from the history (with the next units not kept, up to ``_BATCH`` findings) and
    rendered, and kept for the next night. Only one batch of findings is held at a time."""

    def __init__(
        self, history: History, run_id: int, store: _Store | None, lang: str, out: Writer
    ) -> None:
        self.history, self.run_id, self.store, self.lang = history, run_id, store, lang
        self.out = out  # the page's output: kept parts go there as they are stored
        self.keys: dict[str, str] = {}  # unit → its part's key
        self.sets: dict[str, tuple[int, list[bytes]]] = {}
        self.order: list[Row] = []  # the units with findings, in the page's order
        self.place: dict[str, int] = {}  # unit → its place in ``order``
        self.batch: dict[str, list[StoredFinding]] = {}  # findings read, not yet rendered

    def units(
        self, groups: list[tuple[str, list[Row]]], shown: dict[str, dict[str, str] | set[str]]
    ) -> list[tuple[str, Iterator[Row | _Kept]]]:
        """The units with findings in the latest run, per committee (a committee without
        any left out); each one's key, from all its part shows. Per committee, as the page
        is written: the units to render, and between them the parts kept of the others
        (``_kept``)."""
        self.sets = self.history.unit_sets(self.run_id)
        out = [(c, [r for r in rows if r.key in self.sets]) for c, rows in groups]
        out = [(c, rows) for c, rows in out if rows]
        self.order = [r for _, rows in out for r in rows]
        self.place = {r.key: i for i, r in enumerate(self.order)}
        if self.store is None:
            return [(c, iter(rows)) for c, rows in out]
        look = hashlib.sha256(_look(self.lang))  # hashed once, copied per unit
        self.keys = {row.key: self._key(look, row, shown) for row in self.order}
        return [(c, self._kept(rows)) for c, rows in out]

    def _kept(self, rows: list[Row]) -> Iterator[Row | _Kept]:
        """``rows`` whose parts were not kept (or not sound), and the parts kept of the
        others joined, up to ``_JOIN`` characters: the template writes them at once."""
        assert self.store is not None
        joined: list[bytes] = []
        size = 0
        for row in rows:
            part = self.store.get_bytes(self.keys[row.key], DASHBOARD)
            if part:
                joined.append(part)
                size += len(part)
                if size < _JOIN:
                    continue
            if joined:
                yield _Kept(b"".join(joined))
                joined, size = [], 0
            if not part:
                yield row
        if joined:
            yield _Kept(b"".join(joined))

    def _key(
        self, look: hashlib._Hash, row: Row, shown: dict[str, dict[str, str] | set[str]]
    ) -> str:
        """The hash of everything the unit's part shows (``look``: of what every part shows):
        its findings by their sets' hashes."""
        h = look.copy()
        seen = [m.get(row.key) if isinstance(m, dict) else row.key in m for m in shown.values()]
        now = row.now
        h.update(
            b"".join(
                (
                    repr((row.key, seen)).encode(),
                    repr([now[_ERROR], now[_WARNING], now[_INFO]]).encode(),
                    *self.sets[row.key][1],
                )
            )
        )
        return h.hexdigest()

    def stored(self, entry: Row | _Kept) -> _Written | None:
        """The parts kept from an earlier night (``units``), written to the page's output as
        their bytes, never decoded (under the cache's HMAC: written by us); None for a unit
        to render. The template has written all before them: it yields each unit's part
        on its own."""
        if not isinstance(entry, _Kept):
            return None
        self.out.raw(entry.data)
        return _WRITTEN

    def items(self, row: Row) -> list[Item]:
        """The unit's findings: errors first, then warnings and info; within those by file
        and line."""
        if row.key not in self.batch:
            self._read(row)
        found = self.batch.pop(row.key, [])
        found.sort(key=lambda f: (-f.severity.rank, natural_key(f.file), f.line))
        return [(f, *f.text(self.lang)) for f in found]

    def _read(self, row: Row) -> None:
        """The findings of ``row``'s unit and of the next units not kept, up to a batch."""
        self.batch.clear()
        wanted, count = [row], row.total
        for later in self.order[self.place[row.key] + 1 :]:
            if count + later.total > _BATCH:
                break
            key = self.keys.get(later.key)
            if self.store is not None and key is not None and self.store.has(key, DASHBOARD):
                continue
            wanted.append(later)
            count += later.total
        ids = [self.sets[r.key][0] for r in wanted]
        for f in self.history.findings(self.run_id, ids):
            self.batch.setdefault(f.unit, []).append(f)
        for r in wanted:  # as many as the run's counts say, or the history was changed
            if len(self.batch.get(r.key, ())) != r.total:
                raise self.history.damaged(f"anmärkningarna för {r.key[:80]} stämmer inte")

    def keep(self, unit: str, part: Markup) -> Markup:
        """A part just rendered, kept for the next night."""
        key = self.keys.get(unit)
        if self.store is not None and key is not None:
            self.store.put(key, str(part), DASHBOARD)
        return part


def _checked(history: History, run_id: int, w: dict[str, str]) -> tuple[str, list[str]]:
    """The note on the files the latest run checked, and the list of them if it is short."""
    files, checked, names = history.checked_files(run_id, LIST_CHECKED)
    if not checked:
        return w["checked_none"].format(n=files), []
    note = w["checked_one" if checked == 1 else "checked_many"].format(n=checked, c=files - checked)
    return note, names


# -- the page -------------------------------------------------------------------


def write(
    out: Callable[[bytes], object],
    history: History,
    lang: str = "sv",
    trend: int = TREND_RUNS,
    findings: str | None = None,
    places: dict[str, tuple[str, str]] | None = None,
    store: _Store | None = None,
) -> None:
    """Write the dashboard for the runs in ``history`` (the latest one in front) to ``out``
    as UTF-8, piece by piece as it renders; no more than one batch of the latest run's
    findings is held.

    ``findings`` is the href of the findings page written beside it, and
    ``places`` maps each unit (as the history names it) to its committee and
    its section's id in that page: the units are grouped by committee and
    each links to its section. With ``store`` (the run's kept parts) a unit's
    findings are rendered once per content and kept there for later nights, and copied
    to ``out`` as their bytes. Written within a night, whose process runs without the
    cyclic collector (``runner._without_collections``): the page's rows are no work for it.
    """
    lang = "en" if lang == "en" else "sv"
    w = WORDS[lang]
    runs = history.runs(limit=max(max(1, trend), TABLE_RUNS))
    writer = Writer(raw=out)
    parts = _UnitParts(history, runs[-1].id if runs else 0, store, lang, writer)
    context = _view(history, runs, lang, max(1, trend), findings, places, parts) if runs else {}
    chunks = templating.generate(
        _template(),
        lang=lang,
        w=w,
        csp=_CSP,
        style=Markup(_STYLE),  # a constant of this module, allowed by its hash
        script=Markup(_SCRIPT),  # a constant of this module, allowed by its hash
        latest=runs[-1] if runs else None,
        severities=_SEVERITIES,
        parts=parts,
        count_cells=count_cells,
        change_cells=partial(change_cells, w),  # the row's trend drawn as its row is written
        delta=partial(delta, w),
        **context,
    )
    writer.drain(chunks)


def _view(
    history: History,
    runs: list[Run],
    lang: str,
    trend: int,
    findings: str | None,
    places: dict[str, tuple[str, str]] | None,
    parts: _UnitParts,
) -> dict[str, object]:
    """What the dashboard shows of the runs in ``history`` (``runs``: the latest ones)."""
    w = WORDS[lang]
    window, latest = runs[-trend:], runs[-1]
    previous = runs[-2] if len(runs) > 1 else None
    unit_rows, rule_rows = _unit_and_rule_rows(history, window, w, places or {})
    new = fixed = None
    if previous is not None:
        # a report that is missing now has its findings "saknas", never "fixed" (history.compare)
        compared = history.compare(latest.id, previous.id)
        new, fixed = compared.new, compared.fixed
    groups = _by_committee(unit_rows)
    checked_note, checked_list = _checked(history, latest.id, w)
    total_runs = history.count_runs()
    missing = history.units_with(latest.id, MISSING)
    shown: dict[str, dict[str, str] | set[str]] = {
        "anchors": {row.key: f"u{i}" for i, row in enumerate(unit_rows)},
        "links": {k: f"{findings}#{a}" for k, (_, a) in (places or {}).items()} if findings else {},
        "missing": set(missing),
    }
    return {
        "meta": w["meta"].format(
            date=when(latest.started), tree=latest.tree, version=latest.version, n=total_runs
        ),
        "findings": findings,
        "previous": previous,
        "severity_cards": [
            (s, int(getattr(latest, a)), int(getattr(previous, a)) if previous else None)
            for s, a in zip(_SEVERITIES, ("errors", "warnings", "infos"), strict=True)
        ],
        "new": new,
        "fixed": fixed,
        "n_missing": sum(missing.values()),
        "totals": totals_chart(window, w),
        "unit_rows": unit_rows,
        "rule_rows": rule_rows,
        "groups": groups,
        "n_runs": len(window),
        "run_heads": _RUN_HEADS,
        "run_rows": _run_rows(runs[-TABLE_RUNS:], lang),
        "internal": any(r.internal_errors for r in runs[-TABLE_RUNS:]),
        "total_runs": total_runs,
        "checked_note": checked_note,
        "checked_list": checked_list,
        "latest_units": parts.units(groups, shown),
        "unit_table": partial(_unit_table, groups, shown, w),
        **shown,
    }


def _unit_table(
    groups: list[tuple[str, list[Row]]],
    shown: dict[str, dict[str, str] | set[str]],
    w: dict[str, str],
) -> Iterator[Markup]:
    """The unit table's rows: a body per committee, a row per unit, each linked to the
    unit's section in the findings page, else to its findings below. Written here, not by
    a template loop, as the rows' cells are (``count_cells``); handed to the template some
    rows at a time (up to ``_JOIN`` characters), not one by one."""
    joined: list[str] = []
    size = 0
    for text in _unit_rows(groups, shown, w):
        joined.append(text)
        size += len(text)
        if size >= _JOIN:
            yield Markup("".join(joined))
            joined, size = [], 0
    if joined:
        yield Markup("".join(joined))


def _unit_rows(
    groups: list[tuple[str, list[Row]]],
    shown: dict[str, dict[str, str] | set[str]],
    w: dict[str, str],
) -> Iterator[str]:
    """``_unit_table``'s rows and bodies, each value escaped (``e``)."""
    links, anchors, missing = shown["links"], shown["anchors"], shown["missing"]
    assert isinstance(links, dict) and isinstance(anchors, dict)
    badge = f' <span class="missing">{e(w["missing_unit"])}</span>'
    for committee, rows in groups:
        cmt = f'<tr class="cmt"><th colspan="8" scope="rowgroup">{e(committee)}</th></tr>'
        yield "<tbody>" + (cmt if committee else "")
        for row in rows:
            now = row.now
            total = now.total()
            href = links.get(row.key) or ("#" + anchors[row.key] if total else "")
            label = e(row.label)
            name = f'<a href="{e(href)}">{label}</a>' if href else label
            counts = _count_cells(now[_ERROR], now[_WARNING], now[_INFO], total)
            yield (
                f'<tr><th scope="row" data-v="{e(row.label.lower())}">{name}'
                f"{badge if row.key in missing else ''}</th>"
                f'<td class="n" data-v="{row.files}">{row.files}</td>'
                f"{counts}{_change_cells(w, row, label)}</tr>"
            )
        yield "</tbody>"


def _unit_and_rule_rows(
    history: History, window: list[Run], w: dict[str, str], places: dict[str, tuple[str, str]]
) -> tuple[list[Row], list[Row]]:
    """The rows per unit (with their committee from ``places``) and per rule, over ``window``."""
    ids = [r.id for r in window]
    latest = window[-1]
    # counts per severity only for the latest run, and its points from those; the window's
    # other points (the run before's totals among them) summed by SQLite
    unit_counts = history.counts_by("unit", ids[-1:])
    rule_counts = history.counts_by("code", ids[-1:])
    unit_trend = history.trends("unit", ids, unit_counts)
    rule_trend = history.trends("code", ids, rule_counts)
    latest_files = history.units_by_run([latest.id]).get(latest.id, Counter())
    unit_keys = sorted(set(latest_files) | set(unit_trend.get(latest.id, {})))
    quiet = history.quiet_units(ids)
    unit_rows = _rows(unit_keys, {}, window, unit_trend, unit_counts, quiet)
    for row in unit_rows:
        row.files = latest_files.get(row.key, 0)
        if row.key in places:
            row.committee = places[row.key][0]
        elif places:
            row.committee = w["no_committee"]
    rule_keys = sorted({code for c in rule_trend.values() for code in c})
    rule_rows = _rows(rule_keys, history.rule_names(), window, rule_trend, rule_counts, None)
    return unit_rows, rule_rows


def templates() -> jinja2.Environment:
    # the findings page's frame (page.html.j2) comes from checker.outputs; html.escape's
    # entities, as htmlbase.e writes them elsewhere
    return environment(
        "checker.nightly", "checker.outputs", keep_trailing_newline=True, escape=e, compact=True
    )


def _template() -> jinja2.Template:
    return templates().get_template("dashboard.html.j2")


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

_CSP = (
    f"default-src 'none'; script-src {csp_hash(_SCRIPT)};"
    f" style-src {csp_hash(_STYLE)}; img-src data:; connect-src 'none';"
    " object-src 'none'; base-uri 'none'; form-action 'none'"
)
