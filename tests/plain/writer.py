"""Write a report as the city's PDF reads out in reading order: the plain export.

This is test code, written from DOMAIN.md ("Round 3: the plain export, as staff
receive it") and the specimen ``../shared/plain/vb-2024-boendestodet.txt`` alone,
apart from the importer, so that the writer and the reader cannot share one
misreading. From a report (the YAML as a mapping) it writes every feature of the
class: ragged lines with a trailing space, wrapped lines and headings, lost icons,
the cover with its merged ``Handläggare  Till`` line, a table of contents with dot
leaders, running heads, page breaks that leave only lines of spaces, table headers
split word by word and repeated after a page break, rows as cells joined by single
spaces where an empty cell leaves its space, wrapped cells (even inside a word),
activities, the income statement and the complaints table.

A :class:`Variation` fixes every choice of layout; :func:`variations` derives them
deterministically from a seed, and :data:`SPECIMEN` is the layout of the specimen.
:func:`vary` returns the report a variation stands for (some cells emptied), which
is the truth its export must import to.

    python -m tests.plain.writer REPORT.yaml [--seed N | --specimen] [--truth OUT.yaml]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# --- measuring and wrapping -------------------------------------------------------------

# A proportional measure of text, in widths of an average letter: a PDF wraps by
# the width a line takes, not by its count of characters.
_NARROW = frozenset("ijlftrI.,:;!'()[]/-| ")
_WIDE = frozenset("mwMW%")


def measure(text: str) -> float:
    return sum(0.5 if c in _NARROW else 1.5 if c in _WIDE else 1.0 for c in text)


@dataclass(frozen=True)
class Piece:
    """One wrapped line of a cell or paragraph; ``split`` when it ends inside a word."""

    text: str
    split: bool = False

    def line(self) -> str:
        # A line ends with a space unless the wrap fell inside a word.
        return self.text if self.split else self.text + " "


def wrap(text: str, width: float) -> list[Piece]:
    """Greedy wrap by measure; a word wider than the line breaks inside itself."""
    words = text.split()
    if not words:
        return [Piece("")]
    if measure(text) <= width:
        return [Piece(text)]  # as printed, inner spaces and all
    out: list[Piece] = []
    cur = ""
    for word in words:
        candidate = f"{cur} {word}" if cur else word
        if measure(candidate) <= width:
            cur = candidate
            continue
        if cur:
            out.append(Piece(cur))
            cur = ""
        while measure(word) > width:
            cut = 1
            while cut < len(word) and measure(word[: cut + 1]) <= width:
                cut += 1
            out.append(Piece(word[:cut], split=True))
            word = word[cut:]
        cur = word
    if cur:
        out.append(Piece(cur))
    return out


def marked_row_lines(cells: list[tuple[str, float]]) -> list[tuple[str, bool]]:
    """A table row in reading order, each line with whether it continues a wrapped cell.

    The first line of each cell joins the current line after a single space (an
    empty cell leaves its space); a cell that wraps puts its further lines on lines
    of their own, then a blank line, and the next cell starts a fresh line.
    """
    lines: list[tuple[str, bool]] = []
    cur: list[str] | None = None
    split = False
    for text, width in cells:
        pieces = wrap(text, width)
        if cur is None:
            cur = [pieces[0].text]
        else:
            cur.append(pieces[0].text)
        split = pieces[0].split
        if len(pieces) > 1:
            lines.append((Piece(" ".join(cur), split).line(), False))
            lines.extend((p.line(), True) for p in pieces[1:])
            lines.append(("", False))
            cur = None
    if cur is not None:
        lines.append((Piece(" ".join(cur), split).line(), False))
    return lines


def row_lines(cells: list[tuple[str, float]]) -> list[str]:
    return [text for text, _ in marked_row_lines(cells)]


# --- values as the export prints them ---------------------------------------------------


def cell(value: Any) -> str:
    """A value as the export prints it; an unknown (``{okänd: …}``) prints nothing."""
    if value is None or isinstance(value, dict | list | bool):
        return ""
    if isinstance(value, float):
        return (f"{value:g}").replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def section_text(value: Any) -> str | None:
    """The text of a free-text section written as text or as ``{text: …}``."""
    if isinstance(value, dict):
        text = value.get("text")
        return text if isinstance(text, str) else None
    return value if isinstance(value, str) else None


def paragraphs(text: str) -> list[list[str]]:
    """Paragraphs of running text, each a list of logical lines.

    A line break inside a sentence is the YAML's own folding and reflows; a break
    after a sentence, or before a list item, stays a line break as the author wrote.
    """
    out: list[list[str]] = []
    cur: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            if cur:
                out.append(cur)
                cur = []
            continue
        item = line[:1] in "-•*" or (line[:1].isdigit() and line[1:3] in (". ", ") "))
        if cur and not item and not cur[-1].endswith((".", "!", "?", ":")):
            cur[-1] = f"{cur[-1]} {line}"
        else:
            cur.append(line)
    if cur:
        out.append(cur)
    return out


# --- the layout -------------------------------------------------------------------------

DOC_KIND = {
    "VP": "Verksamhetsplan",
    "T1": "Tertialrapport 1",
    "T2": "Tertialrapport 2",
    "VB": "Verksamhetsberättelse",
}

# A break between pages: "full" leaves lines of spaces (and maybe a running head),
# "bare" leaves nothing but the repeated header, "none" leaves no mark at all.
STYLES = ("full", "bare", "none")

# Kinds of place where a variation can force a page break.
BREAK_KINDS = ("mid_row", "analys", "complaints", "complaints_mid", "activity_dates")


@dataclass(frozen=True)
class Break:
    """A forced page break: before the ``index``-th place of ``kind`` (modulo their count).

    ``kind`` is one of :data:`BREAK_KINDS`, or ``heading:<start>`` for the first
    heading that starts so.
    """

    kind: str
    index: int = 0
    style: str = "full"


@dataclass(frozen=True)
class Variation:
    """Every choice of layout; widths are in :func:`measure` units."""

    name: str = "specimen"
    text_width: float = 78.75
    heading_width: float = 76.0
    heading_step: float = 1.25  # each goal level is indented, so its headings wrap earlier
    cover_width: float = 30.0
    name_width: float = 22.0  # indicator name column
    value_width: float = 7.0  # indicator value columns
    activity_width: float = 60.0
    deviation_width: float = 20.0
    label_width: float = 27.0  # complaints row labels
    group_width: float = 17.5  # complaints group labels
    summary_width: float = 12.0
    budget_label_width: float = 40.0
    indicator_indent: int = 4  # leading spaces of a table's header (a lost icon column)
    activity_indent: int = 3
    page_lines: int = 0  # 0: no breaks but the forced ones
    breaks: tuple[Break, ...] = ()
    page_style: str = "full"  # style of a break that falls by page length
    head_pages: tuple[int, ...] | None = (2, 3, 5)  # pages with a running head; None: by rate
    head_rate: int = 50  # percent of pages with a running head, when head_pages is None
    glue_rate: int = 0  # percent of running heads glued to the first line of their page
    female_sign: bool = False  # ♀ kept before gender-split indicator names
    glue_group_labels: bool = True  # a group label joins a one-line row before it
    group_label_at: str = "before_last"  # before_last | middle | after
    lex_unit_gap: bool = False  # Lex rows print "4  st" and no space for an empty summary
    blank_seed: int | None = None  # empty one cell per column (see :func:`vary`)
    seed: int = 0


SPECIMEN = Variation(
    breaks=(
        Break("heading:KF:s inriktningsmål: 3.", style="none"),
        Break("heading:KF:s mål för verksamhetsområdet: 3.4"),
        Break("heading:KF:s mål för verksamhetsområdet: 3.5"),
        Break("activity_dates", 2),
        Break("complaints_mid", 2, style="bare"),
    ),
)


def variations(seed: int, n: int) -> list[Variation]:
    """``n`` layouts derived from ``seed``: the same seed gives the same layouts."""
    out: list[Variation] = []
    for i in range(n):
        rng = random.Random(f"plain:{seed}:{i}")
        breaks = tuple(
            Break(kind, rng.randrange(1000), rng.choice(("full", "full", "bare", "none")))
            for kind in BREAK_KINDS
            if rng.random() < 0.7
        )
        out.append(
            Variation(
                name=f"seed{seed}-{i}",
                text_width=rng.uniform(55, 95),
                heading_width=rng.uniform(55, 95),
                heading_step=rng.choice((0.0, 1.25, 3.0)),
                cover_width=rng.uniform(12, 40),
                name_width=rng.choice((12.0, 16.0, 22.0, 30.0, 45.0, 80.0)),
                value_width=rng.uniform(5.5, 10.0),
                activity_width=rng.uniform(25, 80),
                deviation_width=rng.uniform(10, 30),
                label_width=rng.uniform(14, 45),
                group_width=rng.uniform(10, 25),
                summary_width=rng.uniform(8, 30),
                budget_label_width=rng.uniform(12, 45),
                indicator_indent=rng.randrange(0, 6),
                activity_indent=rng.randrange(0, 6),
                page_lines=rng.randrange(30, 90),
                breaks=breaks,
                page_style=rng.choice(("full", "full", "full", "none")),
                head_pages=None,
                head_rate=rng.choice((0, 30, 60, 100)),
                glue_rate=rng.choice((0, 0, 30, 100)),
                female_sign=rng.random() < 0.25,
                glue_group_labels=rng.random() < 0.7,
                group_label_at=rng.choice(("before_last", "before_last", "middle", "after")),
                lex_unit_gap=rng.random() < 0.3,
                blank_seed=rng.randrange(1 << 30) if rng.random() < 0.6 else None,
                seed=rng.randrange(1 << 30),
            )
        )
    return out


# --- emptying cells ---------------------------------------------------------------------

# The columns whose cells a variation empties, one cell per column.
BLANKABLE = {
    "indicator": (
        "utfall",
        "utfall_män",
        "utfall_kvinnor",
        "utfall_föregående",
        "årsmål",
        "kf_årsmål",
        "period",
        "periodicitet",
    ),
    "activity": ("startdatum", "slutdatum", "avvikelse"),
    "complaint": ("t1", "t2", "vb", "totalt", "sammanfattning"),
    "budget": ("utfall", "budget", "avvikelse"),
}


def table_rows(report: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    def walk(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, dict):
            if "namn" in node:
                yield "indicator", node
            elif "aktivitet" in node:
                yield "activity", node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    yield from walk(report.get("inriktningsmål"))
    complaints = (report.get("kvalitetsarbete") or {}).get("klagomål") or {}
    for key in (
        "beröm",
        "från_vem",
        "vad_gällde",
        "lex_maria",
        "lex_sarah",
        "återkoppling",
        "åtgärder",
    ):
        rows = complaints.get(key)
        for row in rows if isinstance(rows, list) else [rows]:
            if isinstance(row, dict):
                yield "complaint", row
    statement = (report.get("ekonomi") or {}).get("resultaträkning") or {}
    for key in ("intäkter", "summa_intäkter", "kostnader", "summa_kostnader", "summa_netto"):
        rows = statement.get(key)
        for row in rows if isinstance(rows, list) else [rows]:
            if isinstance(row, dict):
                yield "budget", row


def vary(report: dict[str, Any], variation: Variation) -> dict[str, Any]:
    """The report the variation's export stands for: one cell emptied in every column."""
    out = copy.deepcopy(report)
    if variation.blank_seed is None:
        return out
    rng = random.Random(variation.blank_seed)
    rows = list(table_rows(out))
    for kind, columns in BLANKABLE.items():
        for column in columns:
            filled = [row for k, row in rows if k == kind and cell(row.get(column)) != ""]
            if filled:
                del rng.choice(filled)[column]
    return out


# --- building the body ------------------------------------------------------------------


@dataclass
class Line:
    text: str
    table: tuple[str, ...] | None = None  # the header repeated when a page starts here
    anchor: str | None = None  # a kind of place where a break may be forced
    keep: bool = False  # never break before this line
    toc: tuple[int, str] | None = None  # (level, title) of a heading listed in the contents


STATUS_BLANK = ("", " ", " ", "", " ", "")  # between a table's header and rows, and between rows
GROUP_SPACES = (" ", " ", " ", " ")  # after a complaints group label


@dataclass
class Builder:
    report: dict[str, Any]
    v: Variation
    lines: list[Line] = field(default_factory=list)
    table: tuple[str, ...] | None = None
    tight: bool = False  # the next heading follows without a blank line

    @property
    def year(self) -> int | None:
        year = (self.report.get("rapport") or {}).get("år")
        return year if isinstance(year, int) else None

    @property
    def kind(self) -> str:
        return str((self.report.get("rapport") or {}).get("typ") or "")

    def add(self, text: str, **kw: Any) -> Line:
        line = Line(text, table=self.table, **kw)
        self.lines.append(line)
        return line

    def blank(self) -> None:
        if self.lines and self.lines[-1].text != "":
            self.add("")

    def heading(
        self, title: str, level: int = 0, toc: bool = True, width: float | None = None
    ) -> None:
        width = width if width is not None else self.v.heading_width - level * self.v.heading_step
        for i, piece in enumerate(wrap(title, width)):
            self.add(
                piece.line(),
                anchor="heading" if i == 0 else None,
                keep=i > 0,
                toc=(level, title) if toc and i == 0 else None,
            )

    def text(self, value: Any, lead: str = "") -> bool:
        text = section_text(value)
        if not text or not text.strip():
            return False
        first = True
        for n, para in enumerate(paragraphs(text)):
            if n:
                self.add("")
            for logical in para:
                for piece in wrap(logical, self.v.text_width):
                    self.add((lead if first else "") + piece.line())
                    first = False
        return True

    def subsections(self, items: Any) -> None:
        for sub in items if isinstance(items, list) else []:
            if not isinstance(sub, dict):
                continue
            if sub.get("rubrik"):
                self.heading(str(sub["rubrik"]), toc=False, width=self.v.text_width)
            self.text(sub.get("text"))
            self.subsections(sub.get("avsnitt"))

    def status(self, value: Any) -> bool:
        # The icon before the status is lost; its space stays.
        word = cell(value)
        if word:
            self.add(f" {word} ")
        return bool(word)

    # -- tables --

    def indicator_header(self, label: str, forecast: bool) -> tuple[str, ...]:
        pad = " " * self.v.indicator_indent
        if self.kind == "VP":
            kf = f"årsmål år {self.year} " if self.year else "årsmål "
            return (f"{pad}Indikator Årsmål KF:s ", "", f"{kf}Periodicitet ")
        head, _, last = label.rpartition(" ")
        lines = [
            f"{pad}Indikator Periodens ",
            "utfall ",
            "",
            "Utfall ",
            "män/ ",
            "pojkar ",
            "",
            "Utfall ",
            "kvinnor/ ",
            "flickor ",
            "",
            f"{head or last} ",
        ]
        tail = last if head else ""
        if forecast:
            lines += [f"{tail} Prognos ".lstrip(), "helår Årsmål KF:s "]
        else:
            lines.append(f"{tail} Årsmål KF:s ".lstrip())
        lines += ["", "årsmål Period "]
        return tuple(lines)

    def indicators(self, items: Any, after_status: bool) -> None:
        rows = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
        if not rows:
            return
        default = f"Utfall VB {self.year - 1}" if self.year else "Utfall VB"
        groups: list[tuple[str, list[dict[str, Any]]]] = []
        for ind in rows:
            label = cell(ind.get("föregående_rubrik")) or default
            if groups and groups[-1][0] == label:
                groups[-1][1].append(ind)
            else:
                groups.append((label, [ind]))
        for n, (label, group) in enumerate(groups):
            if n or not after_status:
                self.blank()
            forecast = any(cell(i.get("prognos_helår")) for i in group)
            header = self.indicator_header(label, forecast)
            self.table = None
            for k, text in enumerate(header):
                self.add(text, keep=k > 0)
            self.table = header
            for ind in group:
                for text in STATUS_BLANK:
                    self.add(text, keep=True)
                self.indicator_row(ind, forecast)
            self.table = None
            self.blank()

    def indicator_row(self, ind: dict[str, Any], forecast: bool) -> None:
        name = cell(ind.get("namn"))
        if ind.get("könsuppdelad") is True and self.v.female_sign:
            name = f"♀ {name}"
        w = self.v.value_width
        if self.kind == "VP":
            keys = ["årsmål", "kf_årsmål", "periodicitet"]
        else:
            keys = ["utfall", "utfall_män", "utfall_kvinnor", "utfall_föregående"]
            keys += ["prognos_helår"] if forecast else []
            keys += ["årsmål", "kf_årsmål", "period"]
        cells = [(name, self.v.name_width)] + [(cell(ind.get(k)), w) for k in keys]
        self.row(cells, "mid_row")
        self.analysis(ind.get("analys"))

    def row(self, cells: list[tuple[str, float]], mid: str) -> list[str]:
        lines = marked_row_lines(cells)
        # Between a wrapped first cell and the rest of its row: the blank after the cell.
        # A page never breaks inside a wrapped cell, only between cells.
        split_at = len(wrap(cells[0][0], cells[0][1]))
        for k, (text, inside) in enumerate(lines):
            self.add(text, anchor=mid if split_at > 1 and k == split_at else None, keep=inside)
        return [text for text, _ in lines]

    def analysis(self, value: Any) -> None:
        if not section_text(value):
            return
        self.blank()
        self.add("Analys ")
        self.add("", anchor="analys")
        self.text(value)

    def activities(self, items: Any) -> None:
        rows = [a for a in items if isinstance(a, dict)] if isinstance(items, list) else []
        if not rows:
            return
        deviation = self.kind != "VP" or any(cell(a.get("avvikelse")) for a in rows)
        pad = " " * self.v.activity_indent
        header = (f"{pad}Aktivitet Startdatum Slutdatum" + (" Avvikelse " if deviation else " "),)
        self.table = None
        self.add(header[0])
        self.table = header
        for act in rows:
            self.add("", keep=True)
            for k, piece in enumerate(wrap(cell(act.get("aktivitet")), self.v.activity_width)):
                self.add("  " + piece.line(), keep=k > 0)
            self.add("")
            cells = [(cell(act.get("startdatum")), 99.0), (cell(act.get("slutdatum")), 99.0)]
            if deviation:
                cells.append((cell(act.get("avvikelse")), self.v.deviation_width))
            for k, (text, inside) in enumerate(marked_row_lines(cells)):
                self.add(text, anchor="activity_dates" if k == 0 else None, keep=inside)
            self.analysis(act.get("analys"))
            self.blank()
        self.table = None

    # -- goals --

    def direction_goal(self, goal: dict[str, Any]) -> None:
        number = cell(goal.get("nummer"))
        title = cell(goal.get("titel"))
        self.heading(
            f"KF:s inriktningsmål: {number}. {title}"
            if number
            else f"KF:s inriktningsmål: {title}",
            0,
        )
        self.add("")
        if self.status(goal.get("status")):
            self.add("")
        for area in goal.get("verksamhetsområdesmål") or []:
            if isinstance(area, dict):
                self.area_goal(area)

    def area_goal(self, goal: dict[str, Any]) -> None:
        number = cell(goal.get("nummer"))
        title = cell(goal.get("titel"))
        self.heading(f"KF:s mål för verksamhetsområdet: {number} {title}".replace(":  ", ": "), 1)
        self.add("")
        has_status = self.status(goal.get("status"))
        if goal.get("indikatorer"):
            self.indicators(goal.get("indikatorer"), after_status=has_status)
        elif has_status:
            self.add("")
        self.activities(goal.get("aktiviteter"))
        for committee in goal.get("nämndmål") or []:
            if isinstance(committee, dict):
                self.committee_goal(committee)

    def committee_goal(self, goal: dict[str, Any]) -> None:
        self.blank()
        self.heading(f"Nämndmål: {cell(goal.get('titel'))}", 2, toc=False)
        self.add("")
        has_status = self.status(goal.get("status"))
        if section_text(goal.get("beskrivning")):
            self.add(" Beskrivning ")
            self.add("")
            self.text(goal.get("beskrivning"))
            has_status = False
        if section_text(goal.get("förväntat_resultat")):
            self.blank()
            self.add("Förväntat resultat ")
            self.add("")
            self.text(goal.get("förväntat_resultat"))
            has_status = False
        if goal.get("indikatorer"):
            self.indicators(goal.get("indikatorer"), after_status=has_status)
        elif has_status:
            self.add("")
        self.activities(goal.get("aktiviteter"))
        for dept in goal.get("avdelningsmål") or []:
            if isinstance(dept, dict):
                self.unit_goal(dept, department=True)
        for unit in goal.get("enhetsmål") or []:
            if isinstance(unit, dict):
                self.unit_goal(unit)

    def unit_goal(self, goal: dict[str, Any], department: bool = False) -> None:
        self.blank()
        number = cell(goal.get("nummer"))
        title = cell(goal.get("titel"))
        middle = "Avdelningsmål: " if department else ""
        self.heading(f"Enhetsmål: {number + ' ' if number else ''}{middle}{title}", 3, toc=False)
        self.add("")
        has_status = self.status(goal.get("status"))
        if has_status:
            self.add("")
        parts = [("beskrivning", " Beskrivning ")] if department else []
        parts += [
            ("förväntat_resultat", "Förväntat resultat "),
            ("arbetssätt", "Arbetssätt "),
            ("resursanvändning", "Resursanvändning "),
            ("uppföljning", "Uppföljning "),
            ("utveckling", "Utveckling "),
        ]
        for key, head in parts:
            if section_text(goal.get(key)):
                self.blank()
                self.add(head)
                self.add("")
                self.text(goal.get(key))
        if section_text(goal.get("analys")):
            self.add(" Analys ")
            self.add("")
            self.text(goal.get("analys"))
        self.indicators(goal.get("indikatorer"), after_status=False)
        self.activities(goal.get("aktiviteter"))
        self.blank()
        for unit in goal.get("enhetsmål") or []:
            if isinstance(unit, dict):
                self.unit_goal(unit)

    # -- the rest --

    def economy(self, eco: dict[str, Any]) -> None:
        plan = self.kind == "VP"
        self.blank()
        self.heading("Redovisning av ekonomi" if plan else "Uppföljning av ekonomi")
        self.add("")
        parts = [
            ("analys", "Analys av resultaträkning - uppföljning av driftbudget"),
            ("investeringar", "Investeringar"),
            ("lokaländamål", "Medel för lokaländamål"),
            ("övrigt", "Övrigt"),
            ("resursanvändning", "Resursanvändning"),
            ("budget", f"Budget {self.year}" if self.year else "Budget"),
        ]
        for key, head in parts:
            if key not in eco and not (key == "analys" and "resultaträkning" in eco):
                continue
            self.heading(head)
            self.add("")
            if self.text(eco.get(key)):
                self.add("")
            if isinstance(eco.get(key), dict):  # nested headings, as under Övrigt
                self.subsections(eco[key].get("avsnitt"))
            if key == "analys" and isinstance(eco.get("resultaträkning"), dict):
                self.income_statement(eco["resultaträkning"])

    def income_statement(self, st: dict[str, Any]) -> None:
        if st.get("enhet"):
            for piece in wrap(f"Beloppen anges i {cell(st['enhet'])}", 10.0):
                self.add(piece.line())
            self.add("")
        self.add(f" {cell(st.get('utfall_rubrik')) or 'Utfall'} Budget Avvikelse ")
        self.add("")

        def put(row: Any) -> None:
            if not isinstance(row, dict):
                return
            cells = [(cell(row.get("rad")), self.v.budget_label_width)]
            cells += [(cell(row.get(k)), 99.0) for k in ("utfall", "budget", "avvikelse")]
            for text, inside in marked_row_lines(cells):
                self.add(text, keep=inside)

        if "intäkter" in st or "summa_intäkter" in st:
            self.add("Intäkter    ")
            for row in st.get("intäkter") or []:
                put(row)
            put(st.get("summa_intäkter"))
        if "kostnader" in st or "summa_kostnader" in st:
            self.add("Kostnader    ")
            for row in st.get("kostnader") or []:
                put(row)
            put(st.get("summa_kostnader"))
        put(st.get("summa_netto"))
        self.add("")

    def quality(self, q: dict[str, Any]) -> None:
        self.blank()
        self.heading("Systematiskt kvalitetsarbete")
        self.add("")
        if self.text(q.get("text")):
            self.add("")
        self.subsections(q.get("avsnitt"))
        if isinstance(q.get("klagomål"), dict):
            self.blank()
            self.heading("Redovisning av synpunkter och klagomål")
            self.add("")
            self.complaints(q["klagomål"])

    def complaints(self, c: dict[str, Any]) -> None:
        labels = {**GROUP_LABELS, **(c.get("grupprubriker") or {})}
        self.table = None
        for k, text in enumerate(COMPLAINTS_HEADER):
            self.add(text, keep=k > 0)
        self.table = COMPLAINTS_HEADER
        groups: list[tuple[str, list[tuple[str, dict[str, Any]]]]] = []

        def merged(key: str) -> list[tuple[str, dict[str, Any]]]:
            given = [r for r in c.get(key) or [] if isinstance(r, dict)]
            names = {cell(r.get("kategori")) for r in given}
            rows = [(cell(r.get("kategori")), r) for r in given]
            rows += [(t, {}) for t in TEMPLATE_ROWS[key] if t not in names]
            return sorted(rows, key=lambda r: r[0].casefold())

        def single(key: str, default: str) -> tuple[str, dict[str, Any]]:
            found = c.get(key)
            row: dict[str, Any] = found if isinstance(found, dict) else {}
            return (cell(row.get("kategori")) or default, row)

        groups.append(("beröm", [single("beröm", "Antal beröm")]))
        groups.append(("från_vem", merged("från_vem")))
        groups.append(("vad_gällde", merged("vad_gällde")))
        groups.append(("lex", [single("lex_maria", "Lex Maria"), single("lex_sarah", "Lex Sarah")]))
        groups.append(
            (
                "återkoppling",
                [single("återkoppling", "Antal klagomål där återkoppling har lämnats")],
            )
        )
        groups.append(("åtgärder", [single("åtgärder", "Antal klagomål där åtgärder vidtagits")]))
        last_single = False
        first = True
        for group, rows in groups:
            n = len(rows)
            at = {"before_last": n - 1, "middle": n // 2, "after": n}[self.v.group_label_at]
            if n == 1:
                at = 0
            for i in range(n + 1):
                if i == at:
                    # A label spans its rows: it shares a line only with a row of its own.
                    self.group_label(str(labels[group]), glue=last_single and i > 0)
                    last_single = False
                if i < n:
                    last_single = self.complaint_row(*rows[i], lex=group == "lex", first=first)
                    first = False
        summary = section_text(c.get("sammanfattning"))
        self.table = None
        if self.lines[-1].text == "":
            self.lines.pop()
        if summary:
            # The summary follows the last row at once, and the next heading follows it.
            self.text(summary, lead=" ")
            self.tight = True
        else:
            self.add("")

    def group_label(self, label: str, glue: bool) -> None:
        pieces = [p.line() for p in wrap(label, self.v.group_width)]
        if glue and self.v.glue_group_labels and self.lines and self.lines[-1].text == "":
            self.lines.pop()
            self.lines[-1].text += pieces[0]
            pieces = pieces[1:]
        for k, text in enumerate(pieces):
            self.add(text, keep=k > 0)
        for text in GROUP_SPACES:
            self.add(text)
        self.add("")

    def complaint_row(self, label: str, row: dict[str, Any], lex: bool, first: bool) -> bool:
        values = [cell(row.get(k)) for k in ("t1", "t2", "vb", "totalt")]
        summary = cell(row.get("sammanfattning"))
        gap = lex and self.v.lex_unit_gap
        if gap:
            values[3] = values[3].replace(" ", "  ")
        cells = [(label, self.v.label_width)] + [(v, 99.0) for v in values]
        if summary or not gap:
            cells.append((summary, self.v.summary_width))
        lines = marked_row_lines(cells)
        label_lines = len(wrap(label, self.v.label_width))
        for k, (text, inside) in enumerate(lines):
            anchor = None
            if k == 0 and not first:
                anchor = "complaints"
            elif label_lines > 1 and k == label_lines:
                anchor = "complaints_mid"
            self.add(text, anchor=anchor, keep=inside)
        if lines and lines[-1][0] != "":
            self.add("")
        return len(lines) == 1


GROUP_LABELS: dict[str, str] = {
    "beröm": "Beröm",
    "från_vem": "Från vem har klagomål, synpunkt eller avvikelser inkommit?",
    "vad_gällde": "Vad gällde klagomålet, synpunkten eller avvikelsen?",
    "lex": "Varav antal avvikelser som lett till (ej incidenter som rapporteras i IA)",
    "återkoppling": "Återkoppling",
    "åtgärder": "Åtgärder",
}

# The rows of the city's template; those a report leaves out print empty.
TEMPLATE_ROWS: dict[str, tuple[str, ...]] = {
    "från_vem": (
        "Annan (t.ex. okänd)",
        "Brukare/patient",
        "Medarbetare/verksamhet inom förvaltningen",
        "Närstående (anhörig, god man, etc.)",
        "Samverkanspart (ex annan förvaltning, Region Stockholm, Polis)",
    ),
    "vad_gällde": (
        "Annat (ange vad i rapporteringsvyn)",
        "Bemanning (Kontinuitet, vikarieanskaffning)",
        "Bemötande",
        "Beslut (missnöje, avsaknad av beslut, ej kommunicerat etc.)",
        "Brister i information (utebliven info, obegriplig info, etc.)",
        "Brister i rutiner/utförande av insats eller verksamhet",
        "Fråga/idé",
        "Fysisk inne- eller utemiljö (ej städat, avsaknad av material etc.)",
        "Hantering av personuppgifter",
        "Klagomål som gäller hälso- och sjukvård",
        "Kompetens",
        "Mat och måltider",
        "Teknik, verksamhetssystem och IT-relaterade frågor",
        "Tillgänglighet (öppettider, telefontider, fysisk miljö)",
        "Utebliven/försenad insats eller aktivitet",
    ),
}

COMPLAINTS_HEADER: tuple[str, ...] = (
    "Uppdelning Klagomål/synpunkter/kategori",
    "er ",
    "",
    "Utfall ",
    "T1 ",
    "",
    "Utfall ",
    "T2 ",
    "",
    "Utfall ",
    "VB ",
    "",
    "Totalt ",
    "ack. ",
    "Utfall ",
    "",
    "Sammanfattning och ",
    "planerade åtgärder ",
    "",
)


def build_body(report: dict[str, Any], v: Variation) -> list[Line]:
    b = Builder(report, v)
    for item in report.get("ej_placerat") or []:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            for raw in item["text"].splitlines():
                if raw.strip():
                    b.add(" ".join(raw.split()) + " ")
            b.add("")
    for key, title in (
        ("sammanfattande_analys", "Sammanfattande analys"),
        ("inledning", "Inledning"),
    ):
        if key in report:
            b.heading(title)
            b.text(report.get(key))
            if isinstance(report.get(key), dict):
                b.subsections(report[key].get("avsnitt"))
            b.blank()
    if "inriktningsmål" in report:
        b.heading("Uppföljning av Kommunfullmäktiges inriktningsmål")
        b.add("")
        for goal in report.get("inriktningsmål") or []:
            if isinstance(goal, dict):
                b.direction_goal(goal)
    if isinstance(report.get("ekonomi"), dict):
        b.economy(report["ekonomi"])
    if isinstance(report.get("kvalitetsarbete"), dict):
        b.quality(report["kvalitetsarbete"])
    if "övrigt" in report:
        if not b.tight:
            b.blank()
        b.heading("Övrigt")
        b.text(report.get("övrigt"))
        if isinstance(report.get("övrigt"), dict):
            b.subsections(report["övrigt"].get("avsnitt"))
        b.add("")
    return b.lines


# --- cover, contents and pages ----------------------------------------------------------


def unit_name(report: dict[str, Any]) -> str:
    return cell((report.get("rapport") or {}).get("enhet"))


def own_document(header: dict[str, Any]) -> bool:
    """A unit's own document is addressed to the unit itself and has no Dnr."""
    kind = header.get("dokumenttyp")
    if kind:
        return bool(kind == "enhetens_dokument")
    committee = cell(header.get("nämnd"))
    return not cell(header.get("dnr")) and (not committee or committee == cell(header.get("enhet")))


def cover(report: dict[str, Any], v: Variation) -> list[str]:
    h = report.get("rapport") or {}
    unit = unit_name(report)
    kind = DOC_KIND.get(cell(h.get("typ")), cell(h.get("typ")))
    year = cell(h.get("år"))
    own = own_document(h)
    lines = ["", "", " ", " ", " ", "", " ", "", " "]
    for piece in wrap(f"{kind} {year}".strip(), v.cover_width):
        lines.append(piece.line() + " ")
    for piece in wrap(unit, v.cover_width):
        lines.append(piece.line() + " ")
    lines += ["", " ", " ", "", " ", " ", "", " ", "", "  ", ""]
    for piece in wrap(unit, v.cover_width * 2):
        lines.append(piece.line())
    lines.append("")
    lines.append("Förslag till beslut " if own else "Tjänsteutlåtande ")
    lines.append("")
    if cell(h.get("dnr")):
        lines += [f"Dnr: {cell(h.get('dnr'))} ", " ", ""]
    if cell(h.get("datum")):
        lines += [f"{cell(h.get('datum'))} ", ""]
    addressee = (
        unit if own and not cell(h.get("nämnd")) else cell(h.get("nämnd")) or (unit if own else "")
    )
    lines.append("Handläggare  Till ")
    lines.append(" ".join(x for x in (cell(h.get("handläggare")), addressee) if x) + " ")
    lines.append(f"Telefon: {cell(h.get('telefon'))} ".replace(":  ", ": "))
    lines.append("")
    for piece in wrap(unit, v.cover_width * 2):
        lines.append(piece.line())
    lines += [" "] * 6 + ["start.stockholm ", "", "", ""]
    return lines


def dotted(title: str, page: int, width: float) -> list[str]:
    """A contents entry: the title wrapped, dot leaders, the page number (96 characters)."""
    pieces = [p.text for p in wrap(title, width)]
    last = pieces[-1] + " "
    dots = max(3, 96 - len(last) - len(str(page)))
    return [p + " " for p in pieces[:-1]] + [f"{last}{'.' * dots}{page} "]


@dataclass
class Page:
    lines: list[Line]
    table: tuple[str, ...] | None = None  # header to repeat at its top
    style: str = "full"


def paginate(body: list[Line], v: Variation) -> list[Page]:
    forced: dict[int, str] = {}
    for brk in v.breaks:
        if brk.kind.startswith("heading:"):
            start = brk.kind.removeprefix("heading:")
            spots = [
                i
                for i, line in enumerate(body)
                if line.anchor == "heading" and line.text.startswith(start)
            ]
            spots = spots[:1]
        else:
            spots = [i for i, line in enumerate(body) if line.anchor == brk.kind]
        if spots:
            forced[spots[brk.index % len(spots)]] = brk.style
    pages = [Page([])]
    count = 0
    for i, line in enumerate(body):
        style = forced.get(i)
        if (
            style is None
            and v.page_lines
            and count >= v.page_lines
            and not line.keep
            and pages[-1].lines
        ):
            style = v.page_style
        if style is not None and pages[-1].lines:
            pages.append(Page([], table=line.table, style=style))
            count = len(line.table or ()) + 4
        pages[-1].lines.append(line)
        count += 1
    return pages


def has_head(v: Variation, page: int) -> bool:
    # The contents page always carries its running head.
    if v.head_pages is not None or page == 2:
        return page in (v.head_pages or (2,))
    return random.Random(f"{v.seed}:head:{page}").randrange(100) < v.head_rate


def glued(v: Variation, page: int) -> bool:
    return random.Random(f"{v.seed}:glue:{page}").randrange(100) < v.glue_rate


def write_plain(report: dict[str, Any], variation: Variation = SPECIMEN) -> str:
    """The plain export of ``report`` in the layout ``variation`` (see :func:`vary`)."""
    v = variation
    body = build_body(report, v)
    pages = paginate(body, v)
    first_body_page = 3
    entries: list[tuple[int, str, int]] = []
    for n, page in enumerate(pages):
        for line in page.lines:
            if line.toc:
                entries.append((*line.toc, first_body_page + n))
    total = first_body_page - 1 + len(pages)
    h = report.get("rapport") or {}
    kind = DOC_KIND.get(cell(h.get("typ")), cell(h.get("typ")))
    head_text = f"{unit_name(report)}, {kind}"

    out: list[str] = cover(report, v)

    def start_page(
        number: int, style: str, table: tuple[str, ...] | None, content: list[str]
    ) -> None:
        if style == "full":
            if out and out[-1] != "":
                out.append("")
            out.extend([" ", "", "  ", "", ""])
            if number == first_body_page:
                out.append("")
        top: list[str] = []
        head = style in ("full", "cover") and has_head(v, number)
        if table:
            top = [" " + table[0], *table[1:]] + ([""] if table[-1] else [])
            while content and content[0].strip() == "":
                content = content[1:]
        elif head:
            while content and content[0] == "":
                content = content[1:]
        if head:
            line = f"{head_text} {number}({total}) "
            if glued(v, number) and not top and content and content[0].strip():
                content = [line + content[0], *content[1:]]
            else:
                out.extend([line, " ", ""])
        out.extend(top)
        out.extend(content)

    # The contents page follows the cover, which ends in blank lines, not lines of spaces.
    toc = ["Innehållsförteckning "]
    for level, title, number in entries:
        toc += dotted(title, number, v.heading_width - level * v.heading_step)
        toc.append("")
    start_page(2, "cover", None, toc)
    for n, page in enumerate(pages):
        start_page(
            first_body_page + n,
            "full" if n == 0 else page.style,
            page.table,
            [x.text for x in page.lines],
        )
    return "\n".join(out) + "\n"


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a report")
    return data


def dump(report: dict[str, Any]) -> str:
    return yaml.safe_dump(report, allow_unicode=True, sort_keys=False, width=10_000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.plain.writer", description=__doc__.split("\n")[0]
    )
    parser.add_argument("report", type=Path)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--seed", type=int, help="layout from this seed (default: the specimen's)")
    group.add_argument("--specimen", action="store_true", help="the specimen's layout (default)")
    parser.add_argument("--index", type=int, default=0, help="the n-th variation of the seed")
    parser.add_argument("--truth", type=Path, help="write the report this export stands for here")
    args = parser.parse_args(argv)
    v = SPECIMEN if args.seed is None else variations(args.seed, args.index + 1)[args.index]
    report = vary(load(args.report), v)
    sys.stdout.write(write_plain(report, v))
    if args.truth:
        args.truth.write_text(dump(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

__all__ = [
    "SPECIMEN",
    "Break",
    "Variation",
    "dump",
    "load",
    "variations",
    "vary",
    "write_plain",
]
