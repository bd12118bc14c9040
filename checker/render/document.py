"""A report (the YAML mapping) as the city's document: a flat list of blocks.

Every output format is written from the same blocks, so headings, their
order, tables and icons are the same in Markdown, HTML, PDF and Word. The
layout follows the exports in ``shared/seeds``: the header (a
Tjänsteutlåtande with Dnr, or a unit's own document), the title, Sammanfattande
analys or Inledning, the goal hierarchy with status icons and tables, the
economy with the income statement, Systematiskt kvalitetsarbete with the
complaints table, and Övrigt.

The renderer never corrects: every value appears exactly as written (a
misspelt status is shown misspelt, without an icon; an amount keeps its
spaces and sign). Only template labels (headings, column names, the fixed
rows of the complaints table) come from here. The input is read leniently:
a missing or malformed part is rendered as far as it goes, never rejected.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeGuard

from checker.fields import (
    COMMITTEE_GOAL_SECTIONS,
    COMPLAINT_COLUMN_HEADINGS,
    COMPLAINT_GROUP_LABELS,
    COMPLAINT_ROW_LABELS,
    GOAL_SECTIONS,
)

# ---------------------------------------------------------------- vocabulary

# Goal status icons as the export shows them (● helt, ◆ delvis). Only an
# exact vocabulary word gets an icon; anything else is shown as written.
STATUS_ICONS: Mapping[str, str] = {
    "Uppfylls helt": "●",
    "Uppfylls delvis": "◆",
    "Uppfylls inte": "■",
}
NO_ASSESSMENT = "Ingen"  # "— Ingen": no own assessment at this level
NO_ASSESSMENT_MARK = "—"

# Activity status: the canonical words become the export's marks.
ACTIVITY_MARKS: Mapping[str, str] = {"klar": "✓", "avvikelse": "!"}

GENDER_MARK = "♀"
UNKNOWN_KEY = "okänd"

REPORT_TITLES: Mapping[str, str] = {
    "VB": "Verksamhetsberättelse",
    "VP": "Verksamhetsplan",
    "T1": "Tertialrapport 1",
    "T2": "Tertialrapport 2",
}
# A unit's own document names the type the way seeds 001-003 do.
OWN_DOCUMENT_TITLES: Mapping[str, str] = {
    "VB": "Verksamhetsberättelse VB",
    "VP": "Verksamhetsplan",
    "T1": "Tertialrapport T1",
    "T2": "Tertialrapport T2",
}

# The complaints table's column headings, and the cells a row has after its category.
COMPLAINT_COLUMNS = tuple(COMPLAINT_COLUMN_HEADINGS.values())
_COMPLAINT_CELLS = tuple(COMPLAINT_COLUMN_HEADINGS)[2:]

# ------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Run:
    """A piece of inline text. ``unknown`` marks a value the source lost."""

    text: str
    bold: bool = False
    italic: bool = False
    unknown: bool = False


@dataclass(frozen=True)
class Header:
    """The document head: a Tjänsteutlåtande (with Dnr) or a unit's own document."""

    block: ClassVar[str] = "header"

    kind: Literal["tjänsteutlåtande", "egen"]
    unit: str
    committee: str
    case_number: str
    date: str
    author: str
    phone: str
    addressee: str = ""  # "Till" when it is not a committee (a unit's own document)

    @property
    def to(self) -> str:
        """The "Till" line: the committee, or the addressee as written."""
        return self.committee or self.addressee


HeadingStyle = Literal["heading", "label", "goal"]


@dataclass(frozen=True)
class Heading:
    """A heading. ``style`` says how Markdown writes it (as the seeds do).

    ``heading``: ``## **Text**``; ``label``: a plain line ``Nämndmål: Text``;
    ``goal``: ``**Enhetsmål:** *1.2 Text*``. HTML, PDF and Word always make
    it a heading of ``level``.
    """

    block: ClassVar[str] = "heading"

    level: int
    text: str
    bold: bool = True
    style: HeadingStyle = "heading"
    prefix: str = ""  # "Nämndmål:", "Enhetsmål:" ... (part of the text's line)
    toc: bool = False
    anchor: str = ""
    title: bool = False  # the report's title
    md_level: int = 0  # the level Markdown writes, when it differs (as in the seeds)


@dataclass(frozen=True)
class Paragraph:
    block: ClassVar[str] = "paragraph"
    runs: tuple[Run, ...]
    role: Literal["status", "note", "plain", "title-unit", "decision", "unplaced"] = "plain"


@dataclass(frozen=True)
class Text:
    """Free text as written: paragraphs separated by blank lines, "- " bullets."""

    block: ClassVar[str] = "text"

    text: str


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...] = ()
    span: int = 1

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    role: Literal["body", "group", "sum", "note"] = "body"


TableKind = Literal["indicators", "activities", "budget", "complaints"]


@dataclass(frozen=True)
class Table:
    block: ClassVar[str] = "table"
    kind: TableKind
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


Block = Header | Heading | Paragraph | Text | Table


@dataclass
class Document:
    title: str
    unit: str
    blocks: list[Block] = field(default_factory=list)
    author: str = ""
    # The city's running head without its page number: "<enhet>, Verksamhetsberättelse".
    running_head: str = ""

    def headings(self) -> Iterator[Heading]:
        return (b for b in self.blocks if isinstance(b, Heading))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))


# ------------------------------------------------------------------- values


def is_unknown(value: Any) -> TypeGuard[Mapping[str, Any]]:
    return isinstance(value, Mapping) and UNKNOWN_KEY in value and len(value) == 1


def unknown_text(value: Mapping[str, Any]) -> str:
    reason = as_text(value.get(UNKNOWN_KEY))
    return f"[okänd: {reason}]" if reason else "[okänd]"


def as_text(value: Any) -> str:
    """A scalar exactly as written; dates in ISO form, as the seeds write them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if is_unknown(value):
        return unknown_text(value)
    # Malformed content is shown, not dropped: the checker reports it.
    return json.dumps(value, ensure_ascii=False, default=str)


def value_runs(value: Any, **style: bool) -> tuple[Run, ...]:
    if is_unknown(value):
        return (Run(unknown_text(value), unknown=True, **style),)
    text = as_text(value)
    return (Run(text, **style),) if text else ()


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _present(mapping: Mapping[str, Any], key: str) -> bool:
    value = mapping.get(key)
    return value is not None and value != "" and value != [] and value != {}


# ------------------------------------------------------------------ builder


class _Builder:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        header = _map(data.get("rapport"))
        self.header = header
        self.type = as_text(header.get("typ"))
        self.year = header.get("år")
        self.unit = as_text(header.get("enhet"))
        self.plan = self.type == "VP"
        self.blocks: list[Block] = []
        self._anchors = 0
        self.title = ""

    # -- helpers
    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def anchor(self) -> str:
        self._anchors += 1
        return f"avsnitt-{self._anchors}"

    def heading(
        self, level: int, text: str, *, bold: bool = True, toc: bool = False, md_level: int = 0
    ) -> None:
        anchor = self.anchor() if toc else ""
        self.add(Heading(min(level, 6), text, bold=bold, toc=toc, anchor=anchor, md_level=md_level))

    def section(self, value: Any, level: int, md_level: int = 0) -> None:
        """A free-text section: text, or {text, avsnitt (nested), ej_tillämpligt}."""
        if value is None:
            return
        if isinstance(value, str):
            if value:
                self.add(Text(value))
            return
        if not isinstance(value, Mapping):
            self.add(Text(as_text(value)))
            return
        if _present(value, "ej_tillämpligt"):
            self.add(
                Paragraph(
                    (
                        Run("Ej tillämpligt: ", italic=True),
                        *value_runs(value.get("ej_tillämpligt"), italic=True),
                    ),
                    role="note",
                )
            )
        if _present(value, "text"):
            self.add(Text(as_text(value.get("text"))))
        for sub in _list(value.get("avsnitt")):
            sub_map = _map(sub)
            self.heading(level, as_text(sub_map.get("rubrik")), bold=False, md_level=md_level)
            rest = {k: v for k, v in sub_map.items() if k != "rubrik"}
            self.section(rest, level + 1, md_level + 1 if md_level else 0)

    def status(self, value: Any) -> None:
        if value is None:
            return
        if is_unknown(value):
            self.add(Paragraph(value_runs(value), role="status"))
            return
        text = as_text(value)
        if text == NO_ASSESSMENT:
            self.add(Paragraph((Run(f"{NO_ASSESSMENT_MARK} {text}"),), role="status"))
        elif text in STATUS_ICONS:
            self.add(Paragraph((Run(f"{STATUS_ICONS[text]} {text}"),), role="status"))
        else:
            self.add(Paragraph((Run(text),), role="status"))

    # -- document
    def build(self) -> Document:
        self.build_header()
        self.build_intro()
        self.build_goals()
        self.build_economy()
        self.build_quality()
        self.heading(2, "Övrigt", bold=False, toc=True)
        self.section(self.data.get("övrigt"), 3)
        self.build_unplaced()
        author = as_text(self.header.get("handläggare"))
        kind_name = REPORT_TITLES.get(self.type, self.type)
        running = ", ".join(p for p in (self.unit, kind_name) if p)
        return Document(
            title=self.title,
            unit=self.unit,
            blocks=self.blocks,
            author=author,
            running_head=running,
        )

    def build_header(self) -> None:
        h = self.header
        kind: Literal["tjänsteutlåtande", "egen"] = (
            "tjänsteutlåtande" if _present(h, "dnr") else "egen"
        )
        year = as_text(self.year)
        if kind == "tjänsteutlåtande":
            name = REPORT_TITLES.get(self.type, self.type)
            title = " ".join(p for p in (name, year) if p)
        else:
            name = OWN_DOCUMENT_TITLES.get(self.type, self.type)
            title = " ".join(p for p in (name, year) if p)
            if self.unit:
                title = f"{title} för {self.unit}" if title else self.unit
        self.title = title or "Rapport"
        self.add(
            Header(
                kind=kind,
                unit=self.unit,
                committee=as_text(h.get("nämnd")),
                case_number=as_text(h.get("dnr")),
                date=as_text(h.get("datum")),
                author=as_text(h.get("handläggare")),
                phone=as_text(h.get("telefon")),
                addressee=as_text(h.get("till")),
            )
        )
        self.add(Heading(2, self.title, title=True))
        if kind == "tjänsteutlåtande":
            if self.unit:
                self.add(Heading(3, self.unit, style="heading"))
        else:
            self.add(Paragraph((Run("Förslag till beslut", bold=True),), role="decision"))
            if self.unit:
                self.add(Paragraph((Run(self.unit, bold=True),), role="title-unit"))

    def build_intro(self) -> None:
        summary, intro = self.data.get("sammanfattande_analys"), self.data.get("inledning")
        if self.plan:
            order = [("Inledning", intro, True), ("Sammanfattande analys", summary, False)]
        else:
            order = [("Sammanfattande analys", summary, True), ("Inledning", intro, False)]
        for heading, value, always in order:
            if always or value is not None:
                self.heading(2, heading, bold=False, toc=True)
                self.section(value, 3)

    # -- goals
    def build_goals(self) -> None:
        self.heading(2, "Uppföljning av Kommunfullmäktiges inriktningsmål", toc=True)
        for goal in _list(self.data.get("inriktningsmål")):
            g = _map(goal)
            self.heading(3, _numbered("KF:s inriktningsmål:", g, dot=True), toc=True)
            self.status(g.get("status"))
            for area in _list(g.get("verksamhetsområdesmål")):
                a = _map(area)
                self.heading(3, _numbered("KF:s mål för verksamhetsområdet:", a), toc=True)
                self.status(a.get("status"))
                self.indicators(a.get("indikatorer"))
                self.activities(a.get("aktiviteter"))
                for committee in _list(a.get("nämndmål")):
                    self.committee_goal(_map(committee))

    def committee_goal(self, c: Mapping[str, Any]) -> None:
        self.add(Heading(4, as_text(c.get("titel")), bold=False, style="label", prefix="Nämndmål:"))
        self.status(c.get("status"))
        self.goal_sections(c, COMMITTEE_GOAL_SECTIONS, 5)
        self.indicators(c.get("indikatorer"))
        self.activities(c.get("aktiviteter"))
        for dept in _list(c.get("avdelningsmål")):
            self.department_goal(_map(dept), 5)
        for unit_goal in _list(c.get("enhetsmål")):
            self.unit_goal(_map(unit_goal), 5)

    def department_goal(self, d: Mapping[str, Any], level: int) -> None:
        self.lower_goal(d, "Avdelningsmål:", level)
        for unit_goal in _list(d.get("enhetsmål")):
            self.unit_goal(_map(unit_goal), level + 1)

    def unit_goal(self, u: Mapping[str, Any], level: int) -> None:
        self.lower_goal(u, "Enhetsmål:", level)

    def lower_goal(self, goal: Mapping[str, Any], prefix: str, level: int) -> None:
        """A department or unit goal: its heading, status, texts and tables."""
        self.add(Heading(level, _goal_title(goal), style="goal", prefix=prefix))
        self.status(goal.get("status"))
        self.goal_sections(goal, _UNIT_GOAL_SECTIONS, level + 1)
        self.indicators(goal.get("indikatorer"))
        self.activities(goal.get("aktiviteter"))

    def goal_sections(self, goal: Mapping[str, Any], keys: Iterable[str], level: int) -> None:
        # In the order the report writes them (seed 002 has Uppföljning before Analys),
        # so that the document, like the export, keeps each text under its own heading.
        allowed = set(keys)
        for key in [k for k in goal if k in allowed]:
            if key in goal and goal[key] is not None:
                # The seeds put a goal's own headings at #### whatever its depth.
                self.heading(level, GOAL_SECTIONS[key].heading, md_level=_GOAL_SECTION_MD_LEVEL)
                self.section(goal[key], level + 1, _GOAL_SECTION_MD_LEVEL + 1)

    # -- tables
    def indicators(self, value: Any) -> None:
        rows = [_map(i) for i in _list(value)]
        # One table per comparison-column label, so that every label is kept.
        for label, group in _group_consecutive(rows, lambda i: as_text(i.get("föregående_rubrik"))):
            self.add(self.indicator_table(group, label))

    def indicator_table(self, rows: Sequence[Mapping[str, Any]], prev_label: str) -> Table:
        base = _PLAN_INDICATOR_COLUMNS if self.plan else _REPORT_INDICATOR_COLUMNS
        keys = [k for k in _INDICATOR_COLUMNS if k in base or any(_present(r, k) for r in rows)]
        year = as_text(self.year)
        names = {
            **_INDICATOR_NAMES,
            "utfall_föregående": prev_label
            or (f"Utfall VB {int(self.year) - 1}" if isinstance(self.year, int) else "Utfall VB"),
            "kf_årsmål": f"KF:s årsmål år {year}" if self.plan and year else "KF:s årsmål",
        }
        body: list[Row] = []
        for ind in rows:
            cells = [Cell(_indicator_name(ind))]
            cells += [Cell(value_runs(ind.get(k))) for k in keys[1:]]
            body.append(Row(tuple(cells)))
            for note_key, note_label in (("analys", "Analys"), ("förklaring", "Förklaring")):
                if _present(ind, note_key):
                    body.append(_note_row(len(keys), 0, note_label, ind.get(note_key)))
        return Table("indicators", tuple(names[k] for k in keys), tuple(body))

    def activities(self, value: Any) -> None:
        rows = [_map(a) for a in _list(value)]
        if not rows:
            return
        base = _PLAN_ACTIVITY_COLUMNS if self.plan else _REPORT_ACTIVITY_COLUMNS
        keys = [k for k in _ACTIVITY_COLUMNS if k in base or any(_present(r, k) for r in rows)]
        body: list[Row] = []
        for act in rows:
            cells = []
            for k in keys:
                if k == "status":
                    cells.append(Cell(_activity_mark(act.get("status"))))
                else:
                    cells.append(Cell(value_runs(act.get(k))))
            body.append(Row(tuple(cells)))
            if _present(act, "analys"):
                first = 1 if keys[0] == "status" else 0
                body.append(_note_row(len(keys), first, "Analys", act.get("analys")))
        self.add(Table("activities", tuple(_ACTIVITY_NAMES[k] for k in keys), tuple(body)))

    # -- economy
    def build_economy(self) -> None:
        eco_value = self.data.get("ekonomi")
        eco = _map(eco_value)
        year = as_text(self.year)
        if self.plan:
            self.heading(2, "Redovisning av ekonomi", toc=True)
            parts = [
                ("resursanvändning", "Resursanvändning", True),
                ("budget", f"Budget {year}".strip(), True),
                ("analys", "Analys av resultaträkning - uppföljning av driftbudget", False),
                ("investeringar", "Investeringar", False),
                ("lokaländamål", "Medel för lokaländamål", False),
                ("övrigt", "Övrigt", True),
            ]
            statement_after = "budget"
        else:
            self.heading(2, "Uppföljning av ekonomi", toc=True)
            parts = [
                ("analys", "Analys av resultaträkning - uppföljning av driftbudget", True),
                ("investeringar", "Investeringar", True),
                ("lokaländamål", "Medel för lokaländamål", True),
                ("övrigt", "Övrigt", True),
                ("resursanvändning", "Resursanvändning", False),
                ("budget", f"Budget {year}".strip(), False),
            ]
            statement_after = "analys"
        if isinstance(eco_value, Mapping) and _present(eco_value, "ej_tillämpligt"):
            self.section({"ej_tillämpligt": eco_value["ej_tillämpligt"]}, 3)
        for key, heading, always in parts:
            if always or eco.get(key) is not None:
                self.heading(3, heading, toc=True)
                self.section(eco.get(key), 4)
            if key == statement_after and eco.get("resultaträkning") is not None:
                self.income_statement(_map(eco.get("resultaträkning")))

    def income_statement(self, rs: Mapping[str, Any]) -> None:
        if _present(rs, "enhet"):
            self.add(Paragraph((Run("Beloppen anges i "), *value_runs(rs.get("enhet")))))
        outcome = as_text(rs.get("utfall_rubrik")) or "Utfall"
        rows: list[Row] = []

        def group(label: str) -> None:
            rows.append(Row((Cell((Run(label, italic=True),)), Cell(), Cell(), Cell()), "group"))

        def line(row: Any, default_label: str = "", total: bool = False) -> None:
            r = _map(row)
            label = as_text(r.get("rad")) or default_label
            cells = [Cell((Run(label, italic=total),))]
            cells += [Cell(value_runs(r.get(k), bold=total)) for k in _BUDGET_AMOUNTS]
            rows.append(Row(tuple(cells), "sum" if total else "body"))

        group("Intäkter")
        for r in _list(rs.get("intäkter")):
            line(r)
        if rs.get("summa_intäkter") is not None:
            line(rs.get("summa_intäkter"), "Summa intäkter", total=True)
        group("Kostnader")
        for r in _list(rs.get("kostnader")):
            line(r)
        if rs.get("summa_kostnader") is not None:
            line(rs.get("summa_kostnader"), "Summa kostnader", total=True)
        if rs.get("summa_netto") is not None:
            line(rs.get("summa_netto"), "Summa netto", total=True)
        self.add(Table("budget", ("", outcome, "Budget", "Avvikelse"), tuple(rows)))

    # -- quality and complaints
    def build_quality(self) -> None:
        quality_value = self.data.get("kvalitetsarbete")
        if self.plan and quality_value is None:
            return
        self.heading(2, "Systematiskt kvalitetsarbete", toc=True)
        q = _map(quality_value)
        if isinstance(quality_value, str):
            self.section(quality_value, 3)
        else:
            self.section({k: v for k, v in q.items() if k != "klagomål"}, 3)
        if q.get("klagomål") is not None:
            self.heading(3, "Redovisning av synpunkter och klagomål", bold=False, toc=True)
            self.complaints(_map(q.get("klagomål")))

    def complaints(self, k: Mapping[str, Any]) -> None:
        labels = {
            **COMPLAINT_GROUP_LABELS,
            **{key: as_text(v) for key, v in _map(k.get("grupprubriker")).items() if v is not None},
        }
        groups: list[tuple[str, list[tuple[str, Any]]]] = [
            ("beröm", [("beröm", k.get("beröm"))] if k.get("beröm") is not None else []),
            ("från_vem", [("", r) for r in _list(k.get("från_vem"))]),
            ("vad_gällde", [("", r) for r in _list(k.get("vad_gällde"))]),
            (
                "lex",
                [(key, k.get(key)) for key in ("lex_maria", "lex_sarah") if k.get(key) is not None],
            ),
            (
                "återkoppling",
                [("återkoppling", k.get("återkoppling"))]
                if k.get("återkoppling") is not None
                else [],
            ),
            (
                "åtgärder",
                [("åtgärder", k.get("åtgärder"))] if k.get("åtgärder") is not None else [],
            ),
        ]
        rows: list[Row] = []
        for group_key, members in groups:
            for index, (row_key, row_value) in enumerate(members):
                r = _map(row_value)
                category = r.get("kategori")
                cat_runs = value_runs(category) or (
                    (Run(COMPLAINT_ROW_LABELS[row_key]),) if row_key in COMPLAINT_ROW_LABELS else ()
                )
                cells = [
                    Cell((Run(labels[group_key]),) if index == 0 else ()),
                    Cell(cat_runs),
                    *(Cell(value_runs(r.get(c))) for c in _COMPLAINT_CELLS),
                ]
                rows.append(Row(tuple(cells)))
        self.add(Table("complaints", COMPLAINT_COLUMNS, tuple(rows)))
        if k.get("sammanfattning") is not None:
            self.heading(4, "Sammanfattning")
            self.section(k.get("sammanfattning"), 5)

    def build_unplaced(self) -> None:
        items = [_map(i) for i in _list(self.data.get("ej_placerat"))]
        if not items:
            return
        self.heading(2, "Text som inte kunde placeras", toc=True)
        for item in items:
            where = []
            if item.get("sida") is not None:
                where.append(f"sida {as_text(item.get('sida'))}")
            if item.get("rad") is not None and item.get("till_rad") is not None:
                where.append(f"rad {as_text(item.get('rad'))}–{as_text(item.get('till_rad'))}")
            elif item.get("rad") is not None:
                where.append(f"rad {as_text(item.get('rad'))}")
            lead = (Run(f"[{', '.join(where)}] ", italic=True),) if where else ()
            self.add(Paragraph((*lead, *value_runs(item.get("text"))), role="unplaced"))


# ------------------------------------------------------------ column models

_GOAL_SECTION_MD_LEVEL = 4
# A department's or unit's goal shows every goal section it has: the renderer reads
# leniently and leaves a section out of place to the checker.
_UNIT_GOAL_SECTIONS = tuple(GOAL_SECTIONS)

_INDICATOR_COLUMNS = (
    "namn",
    "utfall",
    "utfall_män",
    "utfall_kvinnor",
    "utfall_föregående",
    "prognos_helår",
    "årsmål",
    "kf_årsmål",
    "period",
    "periodicitet",
)
_REPORT_INDICATOR_COLUMNS = frozenset(
    {"namn", "utfall", "utfall_män", "utfall_kvinnor", "utfall_föregående", "årsmål"}
    | {"kf_årsmål", "period"}
)
_PLAN_INDICATOR_COLUMNS = frozenset({"namn", "årsmål", "kf_årsmål", "periodicitet"})
# Column names as the exports spell them ("Utfall män/ pojkar" included).
_INDICATOR_NAMES: Mapping[str, str] = {
    "namn": "Indikator",
    "utfall": "Periodens utfall",
    "utfall_män": "Utfall män/ pojkar",
    "utfall_kvinnor": "Utfall kvinnor/ flickor",
    "prognos_helår": "Prognos helår",
    "årsmål": "Årsmål",
    "period": "Period",
    "periodicitet": "Periodicitet",
}

_ACTIVITY_COLUMNS = ("status", "aktivitet", "startdatum", "slutdatum", "avvikelse")
_REPORT_ACTIVITY_COLUMNS = frozenset(_ACTIVITY_COLUMNS)
_PLAN_ACTIVITY_COLUMNS = frozenset({"aktivitet", "startdatum", "slutdatum"})
_ACTIVITY_NAMES: Mapping[str, str] = {
    "status": "",
    "aktivitet": "Aktivitet",
    "startdatum": "Startdatum",
    "slutdatum": "Slutdatum",
    "avvikelse": "Avvikelse",
}
_BUDGET_AMOUNTS = ("utfall", "budget", "avvikelse")


def _numbered(prefix: str, goal: Mapping[str, Any], dot: bool = False) -> str:
    number = as_text(goal.get("nummer"))
    if number and dot and re.fullmatch(r"\d+", number):
        number += "."
    return " ".join(p for p in (prefix, number, as_text(goal.get("titel"))) if p)


def _goal_title(goal: Mapping[str, Any]) -> str:
    return " ".join(p for p in (as_text(goal.get("nummer")), as_text(goal.get("titel"))) if p)


def _indicator_name(ind: Mapping[str, Any]) -> tuple[Run, ...]:
    split = ind.get("könsuppdelad")
    lead: tuple[Run, ...] = ()
    if split is True:
        lead = (Run(f"{GENDER_MARK} "),)
    elif is_unknown(split):
        lead = (Run(f"{unknown_text(split)} ", unknown=True),)
    return (*lead, *value_runs(ind.get("namn")))


def _activity_mark(value: Any) -> tuple[Run, ...]:
    if isinstance(value, str) and value in ACTIVITY_MARKS:
        return (Run(ACTIVITY_MARKS[value]),)
    return value_runs(value)


def _note_row(width: int, first: int, label: str, value: Any) -> Row:
    cells = [Cell() for _ in range(first)]
    cells.append(Cell((Run(label, bold=True), Run(" "), *value_runs(value)), span=width - first))
    return Row(tuple(cells), "note")


def _group_consecutive(
    rows: Sequence[Mapping[str, Any]], key: Any
) -> Iterator[tuple[str, list[Mapping[str, Any]]]]:
    current: list[Mapping[str, Any]] = []
    current_key: str | None = None
    for row in rows:
        k = key(row)
        if current and k != current_key and k and current_key:
            yield current_key or "", current
            current = []
        if k:
            current_key = k
        current.append(row)
    if current:
        yield current_key or "", current


def build_document(data: Mapping[str, Any]) -> Document:
    """The report as the city's document, one block after another."""
    return _Builder(data if isinstance(data, Mapping) else {}).build()
