"""Items to a report: the structural parser shared by every kind of source.

The parser walks the items once. Headings are recognised by the templates'
vocabulary (``vocab``), not by layout: "KF:s inriktningsmål: 1. …",
"Nämndmål:", "Enhetsmål:", "Förväntat resultat", "Uppföljning av ekonomi"
and so on, whether the source marked them as headings or not. Values are
copied exactly as written; nothing is corrected. What cannot be placed is
kept in ``ej_placerat`` with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import checker.importer.vocab as vocab

from .items import Blank, Item, Para, Row

Origin = tuple[int, int | None]


@dataclass
class _Sub:
    heading: str
    line: int
    page: int | None
    paras: list[list[tuple[str, int, int | None]]] = field(default_factory=list)
    subs: list[_Sub] = field(default_factory=list)
    level: int = 0  # the "#" level of its heading; 0 when the source gives none


@dataclass
class Sink:
    """A free-text section being filled: paragraphs and sub-headings."""

    container: dict[str, Any]
    key: str
    line: int
    page: int | None
    subheadings: bool = True
    mapping: bool = False  # always a mapping (kvalitetsarbete)
    root: _Sub = field(default_factory=lambda: _Sub("", 0, None))
    new_paragraph: bool = True
    not_applicable: tuple[str, int, int | None] | None = None  # "Ej tillämpligt: <skäl>"

    def current(self) -> _Sub:
        sub = self.root
        while sub.subs:
            sub = sub.subs[-1]
        return sub

    def add(self, text: str, line: int, page: int | None) -> None:
        target = self.current()
        if self.new_paragraph or not target.paras:
            target.paras.append([])
        target.paras[-1].append((text, line, page))
        self.new_paragraph = False

    def heading(self, text: str, line: int, page: int | None, level: int = 0) -> None:
        """A sub-heading; nested under the one above when its "#" level is deeper."""
        parent = self.root
        while level and parent.subs and parent.subs[-1].level and parent.subs[-1].level < level:
            parent = parent.subs[-1]
        parent.subs.append(_Sub(text, line, page, level=level))
        self.new_paragraph = True

    @property
    def empty(self) -> bool:
        return not self.root.paras and not self.root.subs


def join_paragraphs(paras: list[list[tuple[str, int, int | None]]]) -> str:
    """Paragraphs joined by a blank line; a paragraph cut by a page break is mended."""
    out = ""
    for para in paras:
        text = "\n".join(t for t, _, _ in para)
        if not out:
            out = text
        elif out[-1] not in ".!?:;)" and text[:1].islower():
            out += " " + text
        else:
            out += "\n\n" + text
    return out


@dataclass
class Table:
    kind: str  # indicator | activity | budget | complaints
    columns: list[str | None]
    target: Any
    owner: int  # id of the goal or section the rows belong to
    last: dict[str, Any] | None = None
    analysis_open: bool = False
    group: str | None = None  # complaints: current group; budget: intäkter/kostnader
    header: tuple[str, ...] = ()


# The columns that name a row: never unknown, else the row has no name to be placed by.
_NAME_COLUMNS = frozenset({"namn", "kategori", "rad", "grupp"})


def _cell_value(text: str) -> Any:
    """A cell as written, or ``{okänd: <the source's text>}`` where the reader wrote a cell
    it could not place as "[okänd: <text>]"."""
    unknown = vocab.UNKNOWN_RE.match(text)
    if unknown and not unknown.group(2) and unknown.group(1):
        return {"okänd": unknown.group(1).strip()}
    return text


def _strip_icons(text: str) -> str:
    return text.strip().lstrip(vocab.GOAL_ICONS + vocab.DASHES + " \t").strip()


def _split_number(regex: re.Pattern[str], text: str) -> tuple[str | None, str]:
    """A KF goal's heading as its number and title; all title where ``regex`` finds none."""
    match = regex.match(text)
    return (match.group(1), match.group(2)) if match else (None, text)


class Parser:
    def __init__(
        self,
        items: list[Item],
        source_text: str,
        layout: bool = False,
        report_type: str | None = None,
        plain: bool = False,
    ) -> None:
        self.items = items
        self.layout = layout
        self.report_type = report_type
        self.data: dict[str, Any] = {}
        self.origin: dict[tuple[int, str | int], Origin] = {}
        self.notes: list[tuple[int, str]] = []
        self.unplaced: list[dict[str, Any]] = []
        self.sinks: list[Sink] = []
        self.zone = "header"
        self.header_paras: list[Para] = []
        self.direction: dict[str, Any] | None = None
        self.area: dict[str, Any] | None = None
        self.committee: dict[str, Any] | None = None
        self.department: dict[str, Any] | None = None
        self.unit: dict[str, Any] | None = None
        self.sink: Sink | None = None
        self.expect_status: dict[str, Any] | None = None
        self.pending: tuple[str, Para] | None = None
        self.table: Table | None = None
        self.blank_before = True
        self.economy_other_done = False
        self.seen_sections: list[str] = []
        self.toc_entries: list[str] = []
        self.caption: list[Para] = []
        self.icons = any(ch in source_text for ch in vocab.DONE + vocab.FEMALE + "●◆")
        self.activity_icons = self.female_icons = self.icons
        self.plain = plain
        if plain:
            # the plain export loses each kind of icon on its own: a ♀ kept says nothing
            # about the ✓ and ! after the activities' dates, which it drops
            self.activity_icons = any(ch in source_text for ch in vocab.DONE) or bool(
                re.search(r"(?m)^\s*!\s", source_text)
            )
            self.female_icons = vocab.FEMALE in source_text
        self.last_line = 0
        self.unknown = 0

    # -- recording ---------------------------------------------------------
    def put(
        self, container: dict[str, Any], key: str, value: Any, line: int, page: int | None
    ) -> None:
        container[key] = value
        self.origin[(id(container), key)] = (line, page)

    def append(self, lst: list[Any], value: Any, line: int, page: int | None) -> None:
        lst.append(value)
        self.origin[(id(lst), len(lst) - 1)] = (line, page)

    def unplace(self, text: str, line: int, page: int | None, section: str | None = None) -> None:
        entry: dict[str, Any] = {"rad": line, "text": text}
        if page is not None:
            entry["sida"] = page
        entry["avsnitt"] = section or self.section_label()
        self.unplaced.append(entry)

    def section_label(self) -> str:
        """Where the parser stands, as a reader names it: "KF 2.1", "Övrigt"."""
        if self.zone == "goals":
            for goal in (self.area, self.direction):
                if goal is not None and goal.get("nummer"):
                    return f"KF {goal['nummer']}"
            return "KF:s inriktningsmål"
        if self.zone == "front" and self.sink is not None:
            return "Inledning" if self.sink.key == "inledning" else "Sammanfattande analys"
        return {
            "header": "rapporthuvudet",
            "toc": "innehållsförteckningen",
            "economy": "Uppföljning av ekonomi",
            "quality": "Systematiskt kvalitetsarbete",
            "other": "Övrigt",
        }.get(self.zone, "rapportens början")

    def open_sink(
        self,
        container: dict[str, Any],
        key: str,
        item: Para,
        subheadings: bool = True,
        mapping: bool = False,
    ) -> Sink:
        sink = Sink(container, key, item.line, item.page, subheadings, mapping)
        self.put(container, key, None, item.line, item.page)
        self.sinks.append(sink)
        self.sink = sink
        self.table = None
        return sink

    # -- walking -----------------------------------------------------------
    def run(self) -> None:
        items = self.items
        for index, item in enumerate(items):
            self.last_line = max(self.last_line, item.line)
            if isinstance(item, Blank):
                self.blank_before = True
                if self.sink is not None:
                    self.sink.new_paragraph = True
                continue
            if isinstance(item, Row):
                self.on_row(item)
            else:
                self.on_para(item, index)
            self.blank_before = False
        self.finish()

    def _next_para(self, index: int) -> tuple[Para | None, bool]:
        """The next paragraph line after ``index`` and whether a blank line comes first."""
        blank = False
        for item in self.items[index + 1 :]:
            if isinstance(item, Blank):
                blank = True
                continue
            if isinstance(item, Para):
                return item, blank
            return None, blank
        return None, True

    # -- paragraphs --------------------------------------------------------
    def on_para(self, item: Para, index: int) -> None:
        text = item.text
        key = vocab.norm(text)
        if self.zone == "toc":
            if self._toc_like(text):
                self.toc_entries.append(text)
                return
            self.zone = "front"
        if self.pending is not None:
            kind, label = self.pending
            self.pending = None
            if not self._heading_kind(item):
                self.start_goal(kind, text, item, label)
                return
        if (
            self.zone == "header"
            and key not in vocab.SECTION_HEADINGS
            and not self._goal_match(text)
        ):
            self.header_paras.append(item)
            return
        if self.table is not None and not self.blank_before and self._table_text(item):
            return
        if self._goal_heading(item):
            return
        if self._section_heading(item, key):
            return
        if self.expect_status is not None:
            goal = self.expect_status
            self.expect_status = None
            status = _strip_icons(text)
            unknown = vocab.UNKNOWN_RE.match(text)
            if unknown and not unknown.group(2):
                self.put(goal, "status", {"okänd": unknown.group(1) or ""}, item.line, item.page)
                return
            if vocab.STATUS_RE.match(status):
                self.put(goal, "status", status, item.line, item.page)
                return
        if self.table is not None and self._table_text(item):
            return
        if (
            self.table is not None
            and self.table.kind == "complaints"
            and key == "sammanfattning"
            and isinstance(self.table.target, dict)
        ):
            # the complaints table's own summary (klagomål.sammanfattning)
            self.open_sink(self.table.target, "sammanfattning", item)
            return
        self.table = None
        if self.zone == "unplaced":
            self._unplaced_entry(item)
            return
        sink = self.sink
        not_applicable = vocab.NOT_APPLICABLE_RE.match(text)
        if sink is None:
            economy = self.data.get("ekonomi")
            if not_applicable and self.zone == "economy" and isinstance(economy, dict):
                self.put(economy, "ej_tillämpligt", not_applicable.group(1), item.line, item.page)
                return
            self.unplace(text, item.line, item.page)
            return
        if not_applicable and sink.empty and sink.not_applicable is None:
            sink.not_applicable = (not_applicable.group(1), item.line, item.page)
            return
        if self._is_subheading(item, index, sink):
            sink.heading(text, item.line, item.page, item.level)
            return
        if self.zone == "economy" and sink.key == "analys" and self._caption_line(item, index):
            return
        sink.add(text, item.line, item.page)

    def _unplaced_entry(self, item: Para) -> None:
        """A line under "Text som inte kunde placeras": "[sida 3, rad 12] <text>"."""
        match = vocab.UNPLACED_RE.match(item.text)
        if not match or not (match.group(1) or match.group(2)):
            last = self.unplaced[-1] if self.unplaced else None
            if last is not None and last.get("avsnitt_rad") is not None:
                last["text"] += "\n" + item.text  # the entry's next line (a PDF's line)
            else:
                self.unplace(item.text, item.line, item.page)
            return
        entry: dict[str, Any] = {}
        if match.group(2):
            entry["rad"] = int(match.group(2))
        if match.group("last"):
            entry["till_rad"] = int(match.group("last"))
        if match.group(1):
            entry["sida"] = int(match.group(1))
        entry["text"] = match.group(4)
        entry["avsnitt_rad"] = item.line  # read from the section; removed in finish()
        self.unplaced.append(entry)

    def _toc_like(self, text: str) -> bool:
        return bool(vocab.TOC_LEADER_RE.search(text)) or bool(
            re.search(r"\s\d{1,3}$", text) and self.layout
        )

    def _goal_match(self, text: str) -> bool:
        return any(
            r.match(text)
            for r in (vocab.DIRECTION_RE, vocab.AREA_RE, vocab.COMMITTEE_RE, vocab.UNIT_RE)
        )

    def _heading_kind(self, item: Para) -> bool:
        key = vocab.norm(item.text)
        return self._goal_match(item.text) or key in vocab.SECTION_HEADINGS

    def _goal_heading(self, item: Para) -> bool:
        text = item.text
        for kind, regex in vocab.GOAL_HEADING_RE.items():
            match = regex.match(text)
            if not match:
                continue
            if self.zone in ("header", "front", "toc"):
                self.zone = "goals"
            if kind in ("direction", "area"):
                if match.group(1):
                    separator = ". " if kind == "direction" else " "
                    self.start_goal(kind, match.group(1) + separator + match.group(2), item, item)
                else:
                    self.pending = (kind, item)
            else:
                rest = match.group(1).strip()
                if rest:
                    self.start_goal(kind, rest, item, item)
                else:
                    self.pending = (kind, item)
            return True
        return False

    def start_goal(self, kind: str, text: str, item: Para, label: Para) -> None:
        self.sink = None
        self.table = None
        self.zone = "goals"
        goal: dict[str, Any] = {}
        if kind == "direction":
            self._name(goal, *_split_number(vocab.BARE_DIRECTION_RE, text), item)
            goals = self.data.setdefault("inriktningsmål", [])
            self.origin.setdefault((id(self.data), "inriktningsmål"), (label.line, label.page))
            self.append(goals, goal, label.line, label.page)
            self.direction, self.area, self.committee, self.department, self.unit = (
                goal,
                None,
                None,
                None,
                None,
            )
        elif kind == "area":
            self._name(goal, *_split_number(vocab.BARE_AREA_RE, text), item)
            parent = self.direction
            if parent is None:
                parent = {}
                goals = self.data.setdefault("inriktningsmål", [])
                self.append(goals, parent, label.line, label.page)
                self.direction = parent
            lst = self._list(parent, "verksamhetsområdesmål", label)
            self.append(lst, goal, label.line, label.page)
            self.area, self.committee, self.department, self.unit = goal, None, None, None
        elif kind == "committee":
            self._name(goal, None, text, item)
            parent = self.area or self._orphan_area(label)
            self.append(self._list(parent, "nämndmål", label), goal, label.line, label.page)
            self.committee, self.department, self.unit = goal, None, None
        else:
            number_match = vocab.GOAL_NUMBER_RE.match(text)
            number = None
            if number_match:
                number, text = number_match.group(1), number_match.group(2)
            department = vocab.DEPARTMENT_RE.match(text)
            if kind == "department" or department:
                if department:
                    text = department.group(1)
                kind = "department"
            self._name(goal, number, text, item)
            committee = self.committee or self._orphan_committee(label)
            if kind == "department":
                self.append(
                    self._list(committee, "avdelningsmål", label), goal, label.line, label.page
                )
                self.department, self.unit = goal, None
            else:
                parent = self.department if self.department is not None else committee
                self.append(self._list(parent, "enhetsmål", label), goal, label.line, label.page)
                self.unit = goal
        self.expect_status = goal

    def _name(self, goal: dict[str, Any], number: str | None, title: str, item: Para) -> None:
        """A goal's number, where it has one, and its title."""
        if number is not None:
            self.put(goal, "nummer", number, item.line, item.page)
        self.put(goal, "titel", title.strip(), item.line, item.page)

    def _list(self, parent: dict[str, Any], key: str, item: Para) -> list[Any]:
        if key not in parent:
            self.put(parent, key, [], item.line, item.page)
        value = parent[key]
        assert isinstance(value, list)
        return value

    def _orphan_area(self, item: Para) -> dict[str, Any]:
        self.notes.append(
            (item.line, "Målet står utan KF-mål ovanför; placerat under ett KF-mål utan nummer.")
        )
        if self.direction is None:
            self.direction = {}
            self.append(
                self.data.setdefault("inriktningsmål", []), self.direction, item.line, item.page
            )
        self.area = {}
        self.append(
            self._list(self.direction, "verksamhetsområdesmål", item),
            self.area,
            item.line,
            item.page,
        )
        return self.area

    def _orphan_committee(self, item: Para) -> dict[str, Any]:
        self.notes.append(
            (
                item.line,
                "Enhetsmålet står utan nämndmål ovanför; placerat under ett nämndmål utan titel.",
            )
        )
        area = self.area or self._orphan_area(item)
        self.committee = {}
        self.append(self._list(area, "nämndmål", item), self.committee, item.line, item.page)
        return self.committee

    def innermost(self) -> tuple[str, dict[str, Any]] | None:
        goals = (self.direction, self.area, self.committee, self.department, self.unit)
        for kind, goal in reversed(list(zip(vocab.GOAL_HEADING_RE, goals, strict=True))):
            if goal is not None:
                return kind, goal
        return None

    def _section_heading(self, item: Para, key: str) -> bool:
        """Handle ``item`` if it heads a section or a goal's or the economy's field."""
        if self.zone == "goals" and self._goal_field_heading(item, key):
            return True
        if self.zone == "economy" and self._plan_economy_heading(item, key):
            return True
        section = self._section_of(key)
        if section is None:
            return False
        self.expect_status = None
        self.pending = None
        self.seen_sections.append(section)
        return self._enter_section(item, section)

    def _section_of(self, key: str) -> str | None:
        section = vocab.SECTION_HEADINGS.get(key)
        if section == "other" and self.zone == "economy" and not self.economy_other_done:
            economy = self.data.get("ekonomi")
            # The VB/T template's economy ends with its own Övrigt; a plan's does not.
            if isinstance(economy, dict) and (
                "investeringar" in economy or "lokaländamål" in economy
            ):
                section = "economy.övrigt"
        return section

    def _goal_field_heading(self, item: Para, key: str) -> bool:
        """A heading of a field of the innermost goal (Analys, Förväntat resultat …)."""
        if key not in vocab.GOAL_FIELD_HEADINGS:
            return False
        found = self.innermost()
        field_key = vocab.GOAL_FIELD_HEADINGS[key]
        if found is None or field_key not in vocab.GOAL_FIELDS[found[0]]:
            return False
        goal = found[1]
        # In a report, headings under the analysis are the analysis's sub-headings
        # (seed 001: "Resursanvändning", "Uppföljning" under Analys).
        if (
            self.sink is not None
            and self.sink.key == "analys"
            and self.sink.container is goal
            and field_key != "analys"
            and "analys" in goal
            and not self._is_plan()
        ):
            self.sink.heading(item.text, item.line, item.page, item.level)
            return True
        self.open_sink(goal, field_key, item, subheadings=field_key in ("beskrivning", "analys"))
        self.expect_status = None
        return True

    def _plan_economy_heading(self, item: Para, key: str) -> bool:
        """The economy's parts a plan adds: Resursanvändning and "Budget <år>"."""
        if key == "resursanvändning":
            self.open_sink(self._economy(item), "resursanvändning", item)
            return True
        if re.fullmatch(r"budget \d{4}", key):
            self.open_sink(self._economy(item), "budget", item)
            return True
        return False

    def _enter_section(self, item: Para, section: str) -> bool:
        """Move into the report section a heading opens."""
        if section in ("toc", "goals", "unplaced"):
            self.zone = section
            self.sink = None
            if section != "toc":
                self.table = None
            return True
        if section in ("summary", "introduction"):
            self.zone = "front"
            key_name = "sammanfattande_analys" if section == "summary" else "inledning"
            self.open_sink(self.data, key_name, item)
            return True
        if section == "economy":
            self.zone = "economy"
            self._economy(item)
            self.sink = None
            self.table = None
            return True
        if section.startswith("economy."):
            self.zone = "economy"
            name = section.split(".", 1)[1]
            self.open_sink(self._economy(item), name, item)
            if name == "övrigt":
                self.economy_other_done = True
            return True
        if section == "quality":
            self.zone = "quality"
            self.open_sink(self.data, "kvalitetsarbete", item, mapping=True)
            return True
        if section == "complaints":
            # The complaints table belongs to Systematiskt kvalitetsarbete; text after it
            # stays in that section.
            sink = next((s for s in self.sinks if s.key == "kvalitetsarbete"), None)
            if sink is None:
                sink = self.open_sink(self.data, "kvalitetsarbete", item, mapping=True)
            self.zone = "quality"
            self.sink = sink
            self.table = None
            return True
        if section == "other":
            self.zone = "other"
            self.open_sink(self.data, "övrigt", item)
            return True
        return False

    def _is_plan(self) -> bool:
        return self.report_type == "VP"

    def _economy(self, item: Para) -> dict[str, Any]:
        economy = self.data.get("ekonomi")
        if not isinstance(economy, dict):
            economy = {}
            self.put(self.data, "ekonomi", economy, item.line, item.page)
        return economy

    def _is_subheading(self, item: Para, index: int, sink: Sink) -> bool:
        text = item.text
        if len(text) > 90 or "\n" in text:
            return False
        if item.marked:
            return not text.startswith(("-", "•"))
        if not sink.subheadings or not self.blank_before:
            return False
        if text[-1] in ".!?:;," or text.startswith(("-", "•", "–")) or not text[0].isupper():
            return False
        if len(text.split()) > 9 or vocab.DATE_RE.match(text) or ":" in text or "," in text:
            return False
        following, blank = self._next_para(index)
        if following is None or not blank or following.text[:1].islower():
            return False
        if self._heading_kind(following) or vocab.norm(following.text) in vocab.GOAL_FIELD_HEADINGS:
            return False
        body = following.text
        return len(body) >= 60 or body[-1:] in ".!?:"

    def _caption_line(self, item: Para, index: int) -> bool:
        """Short lines just before the income statement are its caption, not analysis."""

        def sentence(text: str) -> bool:  # a sentence is analysis ("Ett överskott på 120 tkr.")
            return len(text) > 60 or text.rstrip()[-1:] in ".!?"

        if sentence(item.text):
            return False
        for later in self.items[index + 1 :]:
            if isinstance(later, Blank):
                continue
            if isinstance(later, Row):
                if self._header_kind(later.cells) == "budget":
                    self.caption.append(item)
                    return True
                return False
            if sentence(later.text):
                return False
        return False

    # -- tables ------------------------------------------------------------
    def _header_kind(self, cells: tuple[str, ...]) -> str | None:
        keys = [vocab.norm(c) for c in cells]
        first = next((k for k in keys if k), "")
        if first == "indikator":
            return "indicator"
        if "aktivitet" in keys and ("startdatum" in keys or "slutdatum" in keys):
            return "activity"
        if first == "uppdelning" or any(k.startswith("klagomål/") for k in keys):
            return "complaints"
        if "budget" in keys and any("utfall" in k for k in keys):
            return "budget"
        return None

    def on_row(self, row: Row) -> None:
        if row.note:
            self.notes.append((row.line, row.note))
        if self.zone == "toc":
            self.toc_entries.append(" ".join(c for c in row.cells if c))
            return
        if self.pending is not None:
            self.pending = None
        self.expect_status = None
        kind = self._header_kind(row.cells)
        if kind is not None:
            self.start_table(kind, row)
            return
        table = self.table
        if table is None:
            self.unplace("\t".join(c for c in row.cells), row.line, row.page)
            return
        if table.kind == "indicator":
            self.indicator_row(table, row)
        elif table.kind == "activity":
            self.activity_row(table, row)
        elif table.kind == "budget":
            self.budget_row(table, row)
        else:
            self.complaints_row(table, row)

    def start_table(self, kind: str, row: Row) -> None:
        columns: list[str | None]
        if kind == "indicator":
            columns = [vocab.match_column(c, vocab.INDICATOR_COLUMNS) for c in row.cells]
        elif kind == "activity":
            columns = [vocab.match_column(c, vocab.ACTIVITY_COLUMNS) for c in row.cells]
        elif kind == "complaints":
            columns = [vocab.match_column(c, vocab.COMPLAINT_COLUMNS) for c in row.cells]
        else:
            columns = []
            for cell in row.cells:
                k = vocab.norm(cell)
                if not k:
                    columns.append("rad")
                elif k == "budget":
                    columns.append("budget")
                elif k.startswith(("avvikelse", "awikelse")):
                    columns.append("avvikelse")
                elif "utfall" in k:
                    columns.append("utfall")
                else:
                    columns.append(None)
        item = Para("", row.line, row.page)
        prev = self.table
        if kind in ("indicator", "activity"):
            found = self.innermost()
            if found is None:
                self.unplace("\t".join(row.cells), row.line, row.page)
                return
            goal = found[1]
            key = "indikatorer" if kind == "indicator" else "aktiviteter"
            target: Any = self._list(goal, key, item)
            owner = id(goal)
        elif kind == "budget":
            economy = self._economy(item)
            statement = economy.get("resultaträkning")
            if not isinstance(statement, dict):
                statement = {}
                self.put(economy, "resultaträkning", statement, row.line, row.page)
                # caption lines, a wrapped one joined ("Beloppen" / "anges i tkr")
                runs: list[list[Para]] = []
                for p in self.caption:
                    # a caption cut by a page break ("Beloppen" / ... / "anges i tkr") is one
                    cut = self.plain and runs and not re.search(r"\btkr\b", runs[-1][-1].text)
                    if runs and (p.line == runs[-1][-1].line + 1 or cut):
                        runs[-1].append(p)
                    else:
                        runs.append([p])
                for run in runs:
                    text = " ".join(p.text for p in run)
                    unit = vocab.CAPTION_UNIT_RE.match(text)
                    if unit and "enhet" not in statement:
                        self.put(statement, "enhet", unit.group(1), run[0].line, run[0].page)
                    elif re.search(r"\btkr\b", text) and "enhet" not in statement:
                        self.put(statement, "enhet", "tkr", run[0].line, run[0].page)
                    else:
                        self.unplace(text, run[0].line, run[0].page)
                self.caption = []
                label = next(
                    (c for c, k in zip(row.cells, columns, strict=False) if k == "utfall"), None
                )
                if label:
                    self.put(statement, "utfall_rubrik", label, row.line, row.page)
            target = statement
            owner = id(statement)
        else:
            quality = self.data.get("kvalitetsarbete")
            if not isinstance(quality, dict):
                quality = {}
                self.put(self.data, "kvalitetsarbete", quality, row.line, row.page)
            complaints = quality.get("klagomål")
            if not isinstance(complaints, dict):
                complaints = {}
                self.put(quality, "klagomål", complaints, row.line, row.page)
            target = complaints
            owner = id(complaints)
        table = Table(kind, columns, target, owner, header=row.cells)
        if prev is not None and prev.kind == kind and prev.owner == owner:
            table.last, table.analysis_open, table.group = prev.last, prev.analysis_open, prev.group
        self.table = table

    def _cells(self, table: Table, row: Row) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for column, cell in zip(table.columns, row.cells, strict=False):
            if column is not None and cell.strip():
                text = cell.strip()
                values[column] = text if column in _NAME_COLUMNS else _cell_value(text)
        return values

    def _analysis_text(self, row: Row) -> str | None:
        cells = [c for c in row.cells if c.strip()]
        if not cells:
            return None
        first = cells[0]
        if not re.match(r"^Analys\b", first):
            return None
        joined = "\n".join(cells)
        body = re.sub(r"^Analys\s*", "", joined).strip()
        return body

    def _add_analysis(self, table: Table, text: str, row: Row | Para, start: bool) -> None:
        last = table.last
        if last is None:
            self.unplace(text, row.line, row.page)
            return
        if start or "analys" not in last:
            if text or "analys" not in last:
                self.put(last, "analys", text or None, row.line, row.page)
        elif text:
            previous = last.get("analys") or ""
            self.put(
                last, "analys", (previous + "\n" + text).strip(), *self.origin[(id(last), "analys")]
            )
        table.analysis_open = True

    def _table_text(self, item: Para) -> bool:
        """A paragraph inside a table context: an analysis of the last row, or its continuation."""
        table = self.table
        assert table is not None
        if table.kind == "budget":
            group = vocab.BUDGET_GROUP_WORDS.get(vocab.norm(item.text))
            if group is not None:
                table.group = group
                return True
            return False
        if table.kind not in ("indicator", "activity") or self.blank_before:
            return False
        if re.match(r"^Analys\b", item.text):
            body = re.sub(r"^Analys\s*", "", item.text).strip()
            self._add_analysis(table, body, item, start=True)
            return True
        if table.analysis_open:
            self._add_analysis(table, item.text, item, start=False)
            return True
        return False

    def indicator_row(self, table: Table, row: Row) -> None:
        analysis = self._analysis_text(row)
        if analysis is not None:
            self._add_analysis(table, analysis, row, start=True)
            return
        values = self._cells(table, row)
        name = values.get("namn")
        if name is None:
            if table.analysis_open and table.last is not None:
                text = "\n".join(c for c in row.cells if c.strip())
                self._add_analysis(table, text, row, start=False)
            else:
                self.unplace("\t".join(row.cells), row.line, row.page)
            return
        indicator: dict[str, Any] = {}
        unknown = vocab.UNKNOWN_RE.match(name)
        if unknown and unknown.group(2):
            name = unknown.group(2)
        female = vocab.FEMALE in name
        clean_name = _strip_icons(name.replace(vocab.FEMALE, " "))
        clean_name = re.sub(r"\s+", " ", clean_name).strip()
        self.put(indicator, "namn", clean_name, row.line, row.page)
        if unknown and unknown.group(2):
            self.put(
                indicator, "könsuppdelad", {"okänd": unknown.group(1) or ""}, row.line, row.page
            )
        elif female:
            self.put(indicator, "könsuppdelad", True, row.line, row.page)
        elif not self.female_icons:
            self.put(indicator, "könsuppdelad", {"okänd": vocab.LOST_FEMALE}, row.line, row.page)
            self.unknown += 1
        for column, header in zip(table.columns, self._header_cells(table), strict=False):
            if column == "utfall_föregående" and header:
                self.put(indicator, "föregående_rubrik", header, row.line, row.page)
        for key, value in values.items():
            if key != "namn":
                self.put(indicator, key, value, row.line, row.page)
        assert isinstance(table.target, list)
        self.append(table.target, indicator, row.line, row.page)
        table.last = indicator
        table.analysis_open = False

    def _header_cells(self, table: Table) -> tuple[str, ...]:
        return table.header

    def activity_row(self, table: Table, row: Row) -> None:
        analysis = self._analysis_text(row)
        if analysis is not None:
            self._add_analysis(table, analysis, row, start=True)
            return
        cells = list(row.cells)
        icon = ""
        unknown = vocab.UNKNOWN_RE.match(cells[0].strip()) if cells else None
        if unknown and not unknown.group(2):
            cells[0] = ""
        if (
            cells
            and cells[0].strip() in (vocab.DONE + vocab.NOT_DONE)
            and len(cells[0].strip()) == 1
        ):
            icon = cells[0].strip()
        values = self._cells(table, row)
        text = values.get("aktivitet", "")
        match = re.match(r"^([✓✔!])\s*(.*)$", text, re.DOTALL) if isinstance(text, str) else None
        if match:
            icon, text = match.group(1), _cell_value(match.group(2))
        dates = [v for k, v in values.items() if k in ("startdatum", "slutdatum")]
        if not dates and not icon and not unknown and not row.whole:
            body = "\n".join(c for c in cells if c.strip())
            if table.analysis_open and table.last is not None:
                self._add_analysis(table, body, row, start=False)
            elif body:
                self.unplace("\t".join(row.cells), row.line, row.page)
            return
        activity: dict[str, Any] = {}
        self.put(
            activity,
            "aktivitet",
            text.strip() if isinstance(text, str) else text,
            row.line,
            row.page,
        )
        if icon in vocab.DONE and icon:
            self.put(activity, "status", vocab.ACTIVITY_DONE, row.line, row.page)
        elif icon == vocab.NOT_DONE:
            self.put(activity, "status", vocab.ACTIVITY_NOT_DONE, row.line, row.page)
        elif unknown and not unknown.group(2):
            self.put(activity, "status", {"okänd": unknown.group(1) or ""}, row.line, row.page)
        elif not self.activity_icons:
            self.put(activity, "status", {"okänd": vocab.LOST_ACTIVITY}, row.line, row.page)
            self.unknown += 1
        for key in ("startdatum", "slutdatum", "avvikelse"):
            if key in values:
                self.put(activity, key, values[key], row.line, row.page)
        assert isinstance(table.target, list)
        self.append(table.target, activity, row.line, row.page)
        table.last = activity
        table.analysis_open = False

    def budget_row(self, table: Table, row: Row) -> None:
        values = self._cells(table, row)
        label = values.pop("rad", None)
        if label is None:
            label = next((c.strip() for c in row.cells if c.strip()), "")
        statement = table.target
        assert isinstance(statement, dict)
        key = vocab.norm(label)
        if not values and key in vocab.BUDGET_GROUP_WORDS:
            table.group = vocab.BUDGET_GROUP_WORDS[key]
            return
        entry: dict[str, Any] = {}
        self.put(entry, "rad", label, row.line, row.page)
        for name in ("utfall", "budget", "avvikelse"):
            if name in values:
                self.put(entry, name, values[name], row.line, row.page)
        if key in vocab.BUDGET_SUMS:
            self.put(statement, vocab.BUDGET_SUMS[key], entry, row.line, row.page)
            if key == "summa intäkter":
                table.group = "kostnader"
            return
        group = table.group or vocab.budget_group_of(label)
        if group is None:
            self.unplace("\t".join(row.cells), row.line, row.page)
            return
        lst = statement.get(group)
        if not isinstance(lst, list):
            lst = []
            self.put(statement, group, lst, row.line, row.page)
        self.append(lst, entry, row.line, row.page)

    def complaints_row(self, table: Table, row: Row) -> None:
        values = self._cells(table, row)
        complaints = table.target
        assert isinstance(complaints, dict)
        group_label = values.pop("grupp", None)
        if group_label is not None:
            group = vocab.match_column(group_label, vocab.COMPLAINT_GROUPS)
            if group is None:
                self.unplace("\t".join(row.cells), row.line, row.page)
                return
            table.group = group
            labels = complaints.get("grupprubriker")
            if not isinstance(labels, dict):
                labels = {}
                self.put(complaints, "grupprubriker", labels, row.line, row.page)
            if group not in labels:
                self.put(labels, group, group_label, row.line, row.page)
        if row.group_key is not None:
            table.group = row.group_key  # the plain reader knew it from the category
        group = table.group
        category = values.get("kategori")
        if group is None or category is None:
            self.unplace("\t".join(row.cells), row.line, row.page)
            return
        entry: dict[str, Any] = {}
        self.put(entry, "kategori", category, row.line, row.page)
        for name in ("t1", "t2", "vb", "totalt", "sammanfattning"):
            if name in values:
                self.put(entry, name, values[name], row.line, row.page)
        if group in ("från_vem", "vad_gällde"):
            lst = complaints.get(group)
            if not isinstance(lst, list):
                lst = []
                self.put(complaints, group, lst, row.line, row.page)
            self.append(lst, entry, row.line, row.page)
            return
        if group == "lex":
            norm = vocab.norm(category)
            key = "lex_maria" if "maria" in norm else "lex_sarah" if "sarah" in norm else None
            if key is None:
                self.unplace("\t".join(row.cells), row.line, row.page)
                return
            self.put(complaints, key, entry, row.line, row.page)
            return
        if group in complaints:
            self.unplace("\t".join(row.cells), row.line, row.page)
            return
        self.put(complaints, group, entry, row.line, row.page)

    # -- the end -----------------------------------------------------------
    def finish(self) -> None:
        if self.unknown:
            self.notes.append(
                (
                    1,
                    "Exporten saknar ikonerna (✓, !, ●, ◆, ♀): "
                    f"{self.unknown} aktivitetsstatusar och ♀-markeringar är skrivna som "
                    "{okänd: …} och behöver kontrolleras mot den ursprungliga rapporten.",
                )
            )
        for sink in self.sinks:
            value = self._sink_value(sink)
            line, page = sink.line, sink.page
            first = _first_line(sink.root)
            if first is not None:
                line, page = first
            if sink.not_applicable is not None:
                reason, na_line, na_page = sink.not_applicable
                section: dict[str, Any] = {}
                if isinstance(value, dict):
                    section.update(value)
                elif isinstance(value, str):
                    section["text"] = value
                section["ej_tillämpligt"] = reason
                self.origin[(id(section), "ej_tillämpligt")] = (na_line, na_page)
                if first is None:
                    line, page = na_line, na_page
                value = section
            if sink.mapping:
                existing = sink.container.get(sink.key)
                merged: dict[str, Any] = {}
                if isinstance(value, dict):
                    merged.update(value)
                elif isinstance(value, str):
                    merged["text"] = value
                if isinstance(existing, dict):
                    merged.update(existing)
                value = merged or None
                if isinstance(value, dict) and "text" in value:
                    self.origin[(id(value), "text")] = (line, page)
            self.put(sink.container, sink.key, value, line, page)
            if isinstance(value, dict):
                self._origin_section(value, sink.root)
        for p in self.caption:
            self.unplace(p.text, p.line, p.page)
        for entry in self.unplaced:
            entry.pop("avsnitt_rad", None)

    def _sink_value(self, sink: Sink) -> Any:
        return _section_value(sink.root)

    def _origin_section(self, value: dict[str, Any], sub: _Sub) -> None:
        text_line = _first_para_line(sub)
        if "text" in value and text_line is not None:
            self.origin[(id(value), "text")] = text_line
        subs = value.get("avsnitt")
        if isinstance(subs, list) and sub.subs:
            self.origin[(id(value), "avsnitt")] = (sub.subs[0].line, sub.subs[0].page)
            for index, (entry, child) in enumerate(zip(subs, sub.subs, strict=False)):
                self.origin[(id(subs), index)] = (child.line, child.page)
                self.origin[(id(entry), "rubrik")] = (child.line, child.page)
                if isinstance(entry, dict):
                    self._origin_section(entry, child)


def _first_para_line(sub: _Sub) -> Origin | None:
    if sub.paras and sub.paras[0]:
        _, line, page = sub.paras[0][0]
        return line, page
    return None


def _first_line(sub: _Sub) -> Origin | None:
    found = _first_para_line(sub)
    if found is not None:
        return found
    if sub.subs:
        return sub.subs[0].line, sub.subs[0].page
    return None


def _section_value(sub: _Sub) -> Any:
    text = join_paragraphs(sub.paras) if sub.paras else None
    if not sub.subs:
        return text
    value: dict[str, Any] = {}
    if text:
        value["text"] = text
    value["avsnitt"] = []
    for child in sub.subs:
        entry: dict[str, Any] = {"rubrik": child.heading}
        child_value = _section_value(child)
        if isinstance(child_value, dict):
            entry.update(child_value)
        else:
            entry["text"] = child_value
        value["avsnitt"].append(entry)
    return value


def group_unplaced(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per section for the lines the import could not place there: its first line,
    its last (``till_rad``) and how many lines (``rader``). Entries read back from a
    rendered document keep their own lines."""
    out: list[dict[str, Any]] = []
    by_section: dict[tuple[str, int | None], dict[str, Any]] = {}
    for entry in sorted(entries, key=lambda e: e.get("rad") or 0):
        section = entry.pop("avsnitt", None)
        if section is None:
            out.append(entry)
            continue
        lines = len(str(entry["text"]).splitlines()) or 1
        key = (section, entry.get("sida"))
        group = by_section.get(key)
        if group is None:
            group = {**entry, "avsnitt": section, "rader": lines}
            by_section[key] = group
            out.append(group)
            continue
        group["text"] = f"{group['text']}\n{entry['text']}"
        group["rader"] += lines
        group["till_rad"] = entry["rad"] + lines - 1
    for group in by_section.values():
        if group["rader"] == 1:
            del group["rader"]
    return sorted(out, key=lambda e: e.get("rad") or 0)
