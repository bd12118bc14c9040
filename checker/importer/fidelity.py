"""Field-by-field comparison of an imported report with a reference transcription.

Each report is flattened into facts ``(kind, place, field, value)``; precision
is the share of the import's facts that the reference has, recall the share of
the reference's facts that the import has. Places are positions (the third
enhetsmål of the second nämndmål of KF 1.3), not titles, so a wrong title
costs one fact, not the goal's whole subtree.

Kinds: ``rapport`` (header fields), ``mål`` (number, title and status of every
goal at every level), ``indikatorer``, ``aktiviteter``, ``resultaträkning``,
``klagomål`` (every cell), ``textavsnitt`` (that a text section or sub-heading
is present), ``textinnehåll`` (a section's own text, word for word, white
space ignored).

The format's ``avdelningsmål`` level is newer than the reference
transcriptions, which write a department goal as an enhetsmål titled
"Avdelningsmål: …"; ``flatten_departments`` maps the import to that shape
before comparing, and the comparison says how many it mapped.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from checker.fields import GOAL_SECTIONS

from .emit import ORDER

KINDS = (
    "rapport",
    "mål",
    "indikatorer",
    "aktiviteter",
    "resultaträkning",
    "klagomål",
    "textavsnitt",
    "textinnehåll",
)

Fact = tuple[str, str, str, str]

TEXT_FIELDS = tuple(GOAL_SECTIONS)
# The table cells compared: the columns the importer writes, without the free texts.
INDICATOR_FIELDS = tuple(k for k in ORDER["indicator"] if k not in ("analys", "förklaring"))
ACTIVITY_FIELDS = tuple(k for k in ORDER["activity"] if k != "analys")
ECONOMY_SECTIONS = tuple(k for k in ORDER["economy"] if k != "resultaträkning")
# A complaint row's cells besides its category; a template row with none of them is empty.
COMPLAINT_FIGURES = ORDER["complaint_row"][1:]
LEVELS = (
    ("inriktningsmål", "KF"),
    ("verksamhetsområdesmål", "VO"),
    ("nämndmål", "NM"),
    ("enhetsmål", "EM"),
)


def value_text(value: Any) -> str:
    """A value as compared: text with runs of white space as one space."""
    if isinstance(value, dict) and "okänd" in value:
        return "{okänd}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, int, float)):
        return str(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def flatten_departments(data: Any) -> tuple[Any, int]:
    """A copy in which each avdelningsmål is an enhetsmål titled "Avdelningsmål: …"."""
    mapped = 0

    def walk(node: Any) -> Any:
        nonlocal mapped
        if isinstance(node, list):
            return [walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        out = {k: walk(v) for k, v in node.items() if k != "avdelningsmål"}
        departments = node.get("avdelningsmål")
        if isinstance(departments, list):
            units: list[Any] = []
            for department in departments:
                mapped += 1
                entry = {k: walk(v) for k, v in department.items() if k != "enhetsmål"}
                if isinstance(entry.get("titel"), str):
                    entry["titel"] = "Avdelningsmål: " + entry["titel"]
                units.append(entry)
                units.extend(walk(department.get("enhetsmål") or []))
            units.extend(out.get("enhetsmål") or [])
            out["enhetsmål"] = units
        return out

    return walk(data), mapped


def _empty(value: Any) -> bool:
    if isinstance(value, dict):
        return not any(not _empty(v) for k, v in value.items() if k in ("text", "avsnitt"))
    if isinstance(value, list):
        return not value
    return value is None or not str(value).strip()


def _section_facts(value: Any, place: str, facts: list[Fact]) -> None:
    facts.append(("textavsnitt", place, "", "empty" if _empty(value) else "present"))
    own = value.get("text") if isinstance(value, dict) else value
    if isinstance(own, str) and own.strip():
        facts.append(("textinnehåll", place, "", value_text(own)))
    if isinstance(value, dict):
        for sub in value.get("avsnitt") or []:
            if isinstance(sub, dict):
                name = value_text(sub.get("rubrik", ""))
                _section_facts(sub, f"{place}/avsnitt[{name}]", facts)


def _goal_row_facts(
    goal: dict[str, Any],
    key: str,
    tag: str,
    fields: tuple[str, ...],
    place: str,
    facts: list[Fact],
) -> None:
    """The facts of a goal's table rows (indicators or activities), each with its analysis."""
    for index, row in enumerate(goal.get(key) or []):
        if not isinstance(row, dict):
            continue
        here = f"{place}/{tag}{index}"
        for name in fields:
            if row.get(name) is not None:
                facts.append((key, here, name, value_text(row[name])))
        if "analys" in row:
            _section_facts(row["analys"], f"{here}/analys", facts)


def _goal_facts(goal: dict[str, Any], place: str, depth: int, facts: list[Fact]) -> None:
    for name in ("nummer", "titel", "status"):
        if goal.get(name) is not None:
            facts.append(("mål", place, name, value_text(goal[name])))
    for name in TEXT_FIELDS:
        if name in goal:
            _section_facts(goal[name], f"{place}/{name}", facts)
    _goal_row_facts(goal, "indikatorer", "ind", INDICATOR_FIELDS, place, facts)
    _goal_row_facts(goal, "aktiviteter", "akt", ACTIVITY_FIELDS, place, facts)
    for level in range(depth + 1, len(LEVELS)):
        key, tag = LEVELS[level]
        for index, child in enumerate(goal.get(key) or []):
            if isinstance(child, dict):
                _goal_facts(child, f"{place}/{tag}{index}", level, facts)


def facts_of(data: dict[str, Any]) -> list[Fact]:
    facts: list[Fact] = []
    header = data.get("rapport") or {}
    if isinstance(header, dict):
        for name, value in header.items():
            if value is not None:
                facts.append(("rapport", "rapport", name, value_text(value)))
    for name in ("sammanfattande_analys", "inledning", "övrigt"):
        if name in data:
            _section_facts(data[name], name, facts)
    for index, goal in enumerate(data.get("inriktningsmål") or []):
        if isinstance(goal, dict):
            _goal_facts(goal, f"KF{index}", 0, facts)
    economy = data.get("ekonomi")
    if isinstance(economy, dict):
        for name in ECONOMY_SECTIONS:
            if name in economy:
                _section_facts(economy[name], f"ekonomi/{name}", facts)
        statement = economy.get("resultaträkning")
        if isinstance(statement, dict):
            for name in ("enhet", "utfall_rubrik"):
                if statement.get(name) is not None:
                    facts.append(("resultaträkning", "rr", name, value_text(statement[name])))
            for group in ("intäkter", "kostnader"):
                for index, row in enumerate(statement.get(group) or []):
                    _row_facts(row, f"rr/{group}{index}", facts)
            for name in ("summa_intäkter", "summa_kostnader", "summa_netto"):
                if isinstance(statement.get(name), dict):
                    _row_facts(statement[name], f"rr/{name}", facts)
    quality = data.get("kvalitetsarbete")
    if quality is not None or "kvalitetsarbete" in data:
        _section_facts(quality, "kvalitetsarbete", facts)
    if isinstance(quality, dict) and isinstance(quality.get("klagomål"), dict):
        complaints = quality["klagomål"]
        for group in ("beröm", "lex_maria", "lex_sarah", "återkoppling", "åtgärder"):
            if isinstance(complaints.get(group), dict):
                _complaint_facts(complaints[group], group, facts)
        for group in ("från_vem", "vad_gällde"):
            # a template row without figures is empty, not missing: whether a transcription
            # lists it is no fact of the report, and it must not shift the rows after it
            rows = [r for r in complaints.get(group) or [] if not _empty_complaint(r)]
            for index, row in enumerate(rows):
                _complaint_facts(row, f"{group}{index}", facts)
    return facts


def _row_facts(row: Any, place: str, facts: list[Fact]) -> None:
    if isinstance(row, dict):
        for name in ORDER["budget_row"]:
            if row.get(name) is not None:
                facts.append(("resultaträkning", place, name, value_text(row[name])))


def _empty_complaint(row: Any) -> bool:
    return isinstance(row, dict) and not any(
        row.get(name) not in (None, "") for name in COMPLAINT_FIGURES
    )


def _complaint_facts(row: Any, place: str, facts: list[Fact]) -> None:
    if isinstance(row, dict):
        for name in ORDER["complaint_row"]:
            if row.get(name) is not None:
                facts.append(("klagomål", place, name, value_text(row[name])))


@dataclass
class Score:
    imported: int = 0
    reference: int = 0
    matched: int = 0
    unknown: int = 0  # cells the import wrote {okänd} where the reference has a value
    only_imported: list[Fact] = field(default_factory=list)
    only_reference: list[Fact] = field(default_factory=list)
    # per field (an indicator's or a complaint row's column, a header field): the same
    # three counts, so that a table's cells can be measured column by column
    fields: dict[str, list[int]] = field(default_factory=dict)

    def field_score(self, name: str) -> tuple[float, float, int]:
        """(precision, recall, facts in the reference) of one field of this kind."""
        imported, reference, matched = self.fields.get(name, [0, 0, 0])
        return (
            matched / imported if imported else 1.0,
            matched / reference if reference else 1.0,
            reference,
        )

    @property
    def precision(self) -> float:
        return self.matched / self.imported if self.imported else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.reference if self.reference else 1.0

    def add(self, other: Score) -> None:
        self.imported += other.imported
        self.reference += other.reference
        self.matched += other.matched
        self.unknown += other.unknown
        self.only_imported += other.only_imported
        self.only_reference += other.only_reference
        for name, counts in other.fields.items():
            mine = self.fields.setdefault(name, [0, 0, 0])
            for index, count in enumerate(counts):
                mine[index] += count


@dataclass
class Comparison:
    scores: dict[str, Score]
    departments_mapped: int = 0


def as_exported(reference: dict[str, Any], text: str) -> dict[str, Any]:
    """The reference as an export without icons can tell it: an activity's status is unknown
    where the text has no ✓ (nor a ! of its own), and an indicator's ♀ where it has no ♀."""
    reference = copy.deepcopy(reference)
    activity_icons = any(ch in text for ch in "✓✔") or bool(re.search(r"(?m)^\s*!\s", text))
    female = "♀" in text

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for value in node:
                walk(value)
            return
        if not isinstance(node, dict):
            return
        for indicator in node.get("indikatorer") or []:
            if isinstance(indicator, dict) and not female:
                indicator["könsuppdelad"] = {"okänd": ""}
        for activity in node.get("aktiviteter") or []:
            if isinstance(activity, dict) and not activity_icons:
                activity["status"] = {"okänd": ""}
        for value in node.values():
            walk(value)

    walk(reference)
    return reference


def compare(imported: dict[str, Any], reference: dict[str, Any]) -> Comparison:
    """Per-kind precision and recall of ``imported`` against ``reference``."""
    flat, mapped = flatten_departments(imported)
    # a reference written with the avdelningsmål level is compared in the same shape
    reference = flatten_departments(reference)[0]
    mine = Counter(facts_of(flat))
    theirs = Counter(facts_of(reference))
    scores = {kind: Score() for kind in KINDS}
    # a cell the import left {okänd} claims no value: not counted against precision, missed
    # by recall, counted apart
    for fact in [f for f in mine if f[3] == "{okänd}" and f not in theirs]:
        scores[fact[0]].unknown += mine.pop(fact)
    common = mine & theirs
    for slot, counter in enumerate((mine, theirs, common)):
        for fact, count in counter.items():
            score = scores[fact[0]]
            if slot == 0:
                score.imported += count
            elif slot == 1:
                score.reference += count
            else:
                score.matched += count
            score.fields.setdefault(fact[2], [0, 0, 0])[slot] += count
    for fact in sorted((mine - theirs).elements()):
        scores[fact[0]].only_imported.append(fact)
    for fact in sorted((theirs - mine).elements()):
        scores[fact[0]].only_reference.append(fact)
    return Comparison(scores, mapped)
