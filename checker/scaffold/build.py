"""What ``rapportkoll new`` writes: a report skeleton from the profile and the KF catalogue.

The sections come from the profile for the report's type and year (the same
data RK101/RK102 judge by), the KF goals from the goal catalogue of the
mandate period, and, with an earlier report of the year, what the city's
cycle carries forward: VP → T1 the goals, indicators with their targets and
activities; T1 → T2 the same and the complaints table's T1 column; T2 → VB the
T1 and T2 columns. Everything the author must write is ``[fyll i: <vad>]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from checker.importer.emit import ORDER, comment, yaml_text
from checker.importer.vocab import COMPLAINT_CATEGORIES
from checker.placeholder import blank, placeholder

# The complaints table's columns a report of each type carries from the one before.
CARRIED_COLUMNS = {"T1": (), "T2": ("t1",), "VB": ("t1", "t2")}
SCHEMA_LINE = "# yaml-language-server: $schema=rapport.schema.json"
# Top-level sections in the order the city writes them (the importer's order, one copy).
_ORDER = tuple(k for k in ORDER["report"] if k != "ej_placerat")

Section = Callable[[str], str]


class ScaffoldError(Exception):
    """A request that cannot give a sensible report; the message is Swedish."""


@dataclass(frozen=True)
class Request:
    """What the author asked for."""

    type: str
    year: int
    unit: str
    committee: str | None = None
    source: dict[str, Any] | None = None  # the earlier report's data, as written
    source_name: str = ""


@dataclass(frozen=True)
class Catalogue:
    """The reference data the skeleton is derived from."""

    required: tuple[str, ...]  # the profile's required sections ("ekonomi.analys")
    section_name: Section  # a section's name as in the template (Swedish)
    direction_goals: dict[str, str]  # number → exact KF title, empty without a period
    area_goals: dict[str, str]
    total_rows: dict[str, str]  # summa_intäkter → "Summa intäkter"


def _key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", number))


def _kf_title(number: object, catalogue: Catalogue, written: object) -> object:
    """The catalogue's exact title for a known KF number, else what was written."""
    n = str(number).strip() if number is not None else ""
    return catalogue.direction_goals.get(n) or catalogue.area_goals.get(n) or written


# -- the parts of a report -----------------------------------------------------------


def _header(req: Request) -> dict[str, Any]:
    old = req.source.get("rapport") if req.source else None
    old = old if isinstance(old, dict) else {}

    def carried(key: str, what: str) -> Any:
        value = old.get(key)
        return placeholder(what) if blank(value) else value

    header: dict[str, Any] = {"typ": req.type, "år": req.year, "enhet": req.unit}
    header["nämnd"] = req.committee or carried("nämnd", "nämnd")
    if not blank(old.get("dokumenttyp")):
        header["dokumenttyp"] = old["dokumenttyp"]
    header["dnr"] = placeholder("diarienummer")
    header["datum"] = placeholder("datum ÅÅÅÅ-MM-DD")
    header["handläggare"] = carried("handläggare", "handläggare")
    if not blank(old.get("telefon")):
        header["telefon"] = old["telefon"]
    return header


def _period(old: dict[str, Any], req: Request) -> object:
    """An indicator's period in the new report: the year for a yearly one, else type and year."""
    yearly = str(old.get("periodicitet") or "").strip().lower() == "år"
    written = old.get("period")
    if isinstance(written, int) or (
        isinstance(written, str) and re.fullmatch(r"\s*(19|20)\d\d\s*", written)
    ):
        yearly = True
    return req.year if yearly else f"{req.type} {req.year}"


def _indicator(old: dict[str, Any], req: Request) -> dict[str, Any]:
    new: dict[str, Any] = {"namn": old.get("namn") or placeholder("indikatorns namn")}
    split = old.get("könsuppdelad")
    if split is not None:
        new["könsuppdelad"] = split
    new["utfall"] = placeholder("utfall")
    if split is True:
        new["utfall_män"] = placeholder("utfall män")
        new["utfall_kvinnor"] = placeholder("utfall kvinnor")
    previous = old.get("utfall_föregående")
    new["utfall_föregående"] = placeholder("utfall föregående år") if blank(previous) else previous
    new["föregående_rubrik"] = f"Utfall VB {req.year - 1}"
    for key in ("årsmål", "kf_årsmål"):
        if not blank(old.get(key)):
            new[key] = old[key]
    new["period"] = _period(old, req)
    return new


def _activity(old: dict[str, Any]) -> dict[str, Any]:
    new: dict[str, Any] = {"aktivitet": old.get("aktivitet") or placeholder("aktivitet")}
    new["status"] = placeholder("status: klar eller avvikelse")
    for key in ("startdatum", "slutdatum"):
        value = old.get(key)
        new[key] = placeholder(f"{key} ÅÅÅÅ-MM-DD") if blank(value) else value
    return new


def _items(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _carry_lists(old: dict[str, Any], new: dict[str, Any], req: Request) -> None:
    indicators = [_indicator(i, req) for i in _items(old.get("indikatorer"))]
    activities = [_activity(a) for a in _items(old.get("aktiviteter"))]
    if indicators:
        new["indikatorer"] = indicators
    if activities:
        new["aktiviteter"] = activities


def _own_goal(old: dict[str, Any] | None, req: Request, department: bool = False) -> dict[str, Any]:
    """An enhetsmål (or avdelningsmål): carried from ``old``, or an empty one to write."""
    old = old or {}
    new: dict[str, Any] = {}
    if not blank(old.get("nummer")):
        new["nummer"] = old["nummer"]
    kind = "avdelningsmålets" if department else "enhetsmålets"
    new["titel"] = old.get("titel") or placeholder(f"{kind} titel")
    plan = req.type == "VP"
    if not plan:
        new["status"] = placeholder("Uppfylls helt, Uppfylls delvis eller Uppfylls inte")
    if department and not blank(old.get("beskrivning")):
        new["beskrivning"] = old["beskrivning"]
    expected = old.get("förväntat_resultat")
    new["förväntat_resultat"] = placeholder("förväntat resultat") if blank(expected) else expected
    if plan:  # a plan's goal holds these four (RK109 asks for them, profiles.yaml)
        for part in ("arbetssätt", "resursanvändning", "uppföljning", "utveckling"):
            new[part] = placeholder(part)
    else:
        new["analys"] = placeholder("analys av måluppfyllelsen")
    _carry_lists(old, new, req)
    if department:
        units = [_own_goal(g, req) for g in _items(old.get("enhetsmål"))]
        if units:
            new["enhetsmål"] = units
    return new


def _committee_goal(old: dict[str, Any] | None, req: Request) -> dict[str, Any]:
    old = old or {}
    new: dict[str, Any] = {"titel": old.get("titel") or placeholder("nämndmålets titel")}
    for key in ("beskrivning", "förväntat_resultat"):
        if not blank(old.get(key)):
            new[key] = old[key]
    _carry_lists(old, new, req)
    departments = [_own_goal(g, req, department=True) for g in _items(old.get("avdelningsmål"))]
    if departments:
        new["avdelningsmål"] = departments
    units = [_own_goal(g, req) for g in _items(old.get("enhetsmål"))]
    if units or not old:
        new["enhetsmål"] = units or [_own_goal(None, req)]
    return new


def _kf_goal(
    old: dict[str, Any], req: Request, catalogue: Catalogue, children: str
) -> dict[str, Any]:
    new: dict[str, Any] = {"nummer": old.get("nummer")}
    new["titel"] = _kf_title(old.get("nummer"), catalogue, old.get("titel"))
    _carry_lists(old, new, req)
    if children == "verksamhetsområdesmål":
        areas = [_kf_goal(a, req, catalogue, "nämndmål") for a in _items(old.get(children))]
        if areas:
            new[children] = areas
    else:
        goals = [_committee_goal(g, req) for g in _items(old.get(children))]
        if goals:
            new[children] = goals
    return new


def _fresh_goals(req: Request, catalogue: Catalogue) -> list[dict[str, Any]]:
    """Every KF goal of the mandate period, each area goal with a nämndmål to write."""
    if not catalogue.direction_goals:
        return [
            {
                "nummer": placeholder("inriktningsmålets nummer"),
                "titel": placeholder("inriktningsmålets titel enligt KF:s budget"),
                "verksamhetsområdesmål": [
                    {
                        "nummer": placeholder("målets nummer"),
                        "titel": placeholder("målets titel enligt KF:s budget"),
                        "nämndmål": [_committee_goal(None, req)],
                    }
                ],
            }
        ]
    goals = []
    for number in sorted(catalogue.direction_goals, key=_key):
        goal: dict[str, Any] = {"nummer": number, "titel": catalogue.direction_goals[number]}
        areas = [
            {
                "nummer": n,
                "titel": catalogue.area_goals[n],
                "nämndmål": [_committee_goal(None, req)],
            }
            for n in sorted(catalogue.area_goals, key=_key)
            if n.split(".")[0] == number
        ]
        if areas:
            goal["verksamhetsområdesmål"] = areas
        goals.append(goal)
    return goals


def _goals(req: Request, catalogue: Catalogue) -> list[dict[str, Any]]:
    old = _items(req.source.get("inriktningsmål")) if req.source else []
    if not old:
        return _fresh_goals(req, catalogue)
    return [_kf_goal(g, req, catalogue, "verksamhetsområdesmål") for g in old]


def _row(label: str, columns: Iterable[str], old: dict[str, Any] | None) -> dict[str, Any]:
    row: dict[str, Any] = {"kategori": (old or {}).get("kategori") or label}
    carried = False
    for column in columns:
        value = (old or {}).get(column)
        if not blank(value):
            row[column] = value
            carried = True
    if carried:  # the new period's cells are blank (= 0) until written; the total must be
        row["totalt"] = placeholder("totalt ack.")
    return row


def _complaints(req: Request) -> dict[str, Any]:
    """The city's table with every category; the earlier report's columns carried."""
    columns = CARRIED_COLUMNS.get(req.type, ())
    quality = req.source.get("kvalitetsarbete") if req.source and columns else None
    old = quality.get("klagomål") if isinstance(quality, dict) else None
    old = old if isinstance(old, dict) else {}
    table: dict[str, Any] = {}
    if isinstance(old.get("grupprubriker"), dict):
        table["grupprubriker"] = old["grupprubriker"]
    table["beröm"] = _row(COMPLAINT_CATEGORIES["beröm"][0], columns, old.get("beröm"))
    for group in ("från_vem", "vad_gällde"):
        rows = _items(old.get(group))
        if rows:
            table[group] = [_row("", columns, r) for r in rows]
        else:
            table[group] = [{"kategori": c} for c in COMPLAINT_CATEGORIES[group]]
    maria, sarah = COMPLAINT_CATEGORIES["lex"]
    table["lex_maria"] = _row(maria, columns, old.get("lex_maria"))
    table["lex_sarah"] = _row(sarah, columns, old.get("lex_sarah"))
    for key in ("återkoppling", "åtgärder"):
        table[key] = _row(COMPLAINT_CATEGORIES[key][0], columns, old.get(key))
    table["sammanfattning"] = placeholder("sammanfattning och planerade åtgärder")
    return table


def _budget_row(label: str) -> dict[str, Any]:
    return {
        "rad": label,
        "utfall": placeholder("utfall tkr"),
        "budget": placeholder("budget tkr"),
        "avvikelse": placeholder("avvikelse tkr"),
    }


def _income_statement(req: Request, catalogue: Catalogue) -> dict[str, Any]:
    """The income statement: the earlier report's rows, or one row of each kind to name."""
    economy = req.source.get("ekonomi") if req.source else None
    old = economy.get("resultaträkning") if isinstance(economy, dict) else None
    old = old if isinstance(old, dict) else {}
    statement: dict[str, Any] = {"enhet": "tkr", "utfall_rubrik": f"Utfall {req.year}"}
    for kind, total in (("intäkter", "summa_intäkter"), ("kostnader", "summa_kostnader")):
        labels = [r.get("rad") for r in _items(old.get(kind)) if not blank(r.get("rad"))]
        rows = labels or [placeholder(f"rad ur stadens standardrader för {kind}")]
        statement[kind] = [_budget_row(str(label)) for label in rows]
        statement[total] = _budget_row(catalogue.total_rows.get(total, total))
    statement["summa_netto"] = _budget_row(catalogue.total_rows.get("summa_netto", "Summa netto"))
    return statement


def _section(path: str, req: Request, catalogue: Catalogue) -> Any:
    """The content of one required section that has no required parts of its own."""
    if path == "inriktningsmål":
        return _goals(req, catalogue)
    if path == "kvalitetsarbete.klagomål":
        return _complaints(req)
    if path == "kvalitetsarbete":
        return {"text": placeholder(catalogue.section_name(path))}
    return placeholder(catalogue.section_name(path))


def build(req: Request, catalogue: Catalogue) -> dict[str, Any]:
    """The new report's data, keys in the template's order."""
    tops = sorted(
        {p.split(".")[0] for p in catalogue.required},
        key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER),
    )
    report: dict[str, Any] = {"rapport": _header(req)}
    for top in tops:
        parts = [p for p in catalogue.required if p.startswith(top + ".")]
        if not parts:
            report[top] = _section(top, req, catalogue)
            continue
        section: dict[str, Any] = {}
        if top == "kvalitetsarbete":
            section["text"] = placeholder(catalogue.section_name(top))
        for path in parts:
            section[path.split(".", 1)[1]] = _section(path, req, catalogue)
            if path == "ekonomi.analys" and req.type != "VP":
                section["resultaträkning"] = _income_statement(req, catalogue)
        report[top] = section
    return report


# -- YAML ----------------------------------------------------------------------------


def dump(data: dict[str, Any], req: Request) -> str:
    """The report as YAML: the schema line, a note on what to do, then the data."""
    body = yaml_text(data)
    origin = f" utifrån {comment(req.source_name)}" if req.source_name else ""
    note = [
        SCHEMA_LINE,
        f"# {req.type} {req.year} för {comment(req.unit)}, skapad med rapportkoll new{origin}.",
        "# Ersätt varje [fyll i: …]; rapportkoll check visar dem som RK704 tills de är ifyllda.",
        "# Ta bort de mål som enheten inte redovisar mot. I klagomålstabellen är en tom cell 0.",
    ]
    return "\n".join(note) + "\n" + body
