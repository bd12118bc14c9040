"""RK1 structure: required sections, header fields, schema and readability."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.engine.context import ReportContext
from checker.findings import Msg, Severity
from checker.rule import Doc, DocPath, Violation, family, rule

_HEAD = "rapport: {typ: VB, år: 2023, enhet: Enheten för personligt stöd}\n"


def is_empty(value: Any) -> bool:
    """True when a section holds no content at all (headings alone are not content)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(is_empty(v) for v in value)
    if isinstance(value, dict):
        return all(is_empty(v) for k, v in value.items() if k != "rubrik")
    return False


def not_applicable(value: Any) -> bool:
    return isinstance(value, dict) and not is_empty(value.get("ej_tillämpligt"))


def _key_path(section: str) -> tuple[str, ...]:
    return tuple(section.split("."))


@rule(
    code="RK101",
    name="missing-section",
    severity=Severity.ERROR,
    message=Msg(
        'Avsnittet "{section}" saknas. Profilen "{profile}" kräver det; lägg till nyckeln "{key}".',
        'The section "{section}" is missing. The profile "{profile}" requires it; add the'
        ' key "{key}".',
    ),
    doc=Doc(
        what=Msg(
            "Att varje avsnitt som profilen för rapportens typ och år kräver finns med.",
            "That every section the profile for the report's type and year requires is present.",
        ),
        why=Msg(
            "Nämnden sammanställer alla enheters rapporter avsnitt för avsnitt; ett avsnitt"
            " som saknas blir en lucka i förvaltningens rapport. Vilka avsnitt som krävs"
            " står i rules/data/profiles.yaml och ändras utan kod.",
            "The committee compiles all units' reports section by section; a missing"
            " section leaves a gap in the district's report. The required sections are"
            " listed in rules/data/profiles.yaml and change without code.",
        ),
        failing=_HEAD + "sammanfattande_analys: Året har präglats av …\ninriktningsmål: []\n",
        passing=_HEAD + "sammanfattande_analys: Året har präglats av …\n"
        'inriktningsmål:\n  - {nummer: "1", titel: Ett Stockholm som håller samman}\n'
        "ekonomi:\n  analys: Enheten redovisar ett överskott på 2 mnkr.\n"
        "kvalitetsarbete:\n  text: Enheten följer upp avvikelser varje månad.\n"
        "  klagomål:\n    lex_sarah: {kategori: Lex Sarah}\n",
        decisions=Msg(
            "När ett överordnat avsnitt saknas rapporteras bara det, inte varje"
            " underavsnitt. Ett avsnitt markerat ej_tillämpligt med skäl räknas som"
            " närvarande.",
            "When a parent section is missing only it is reported, not each"
            " subsection. A section marked ej_tillämpligt with a reason counts as"
            " present.",
        ),
    ),
)
def missing_section(ctx: ReportContext) -> Iterator[Violation]:
    profile = ctx.profile
    if profile is None:
        return
    missing: list[tuple[str, ...]] = []
    for section in profile.required:
        path = _key_path(section)
        if any(path[: len(m)] == m for m in missing):
            continue
        if not ctx.has(path):
            parent = ctx.raw(path[:-1])
            if len(path) > 1 and (not_applicable(parent) or parent is None):
                continue  # the parent is N/A, or empty (reported as RK102)
            missing.append(path)
            yield missing_section.at(
                path,
                section=ctx.refdata.section_name(section).sv,
                profile=profile.name,
                key=path[-1],
            )


@rule(
    code="RK102",
    name="empty-section",
    severity=Severity.ERROR,
    message=Msg(
        'Avsnittet "{section}" är tomt. Skriv innehållet, eller markera det med'
        ' "ej_tillämpligt: <skäl>" om det inte gäller enheten.',
        'The section "{section}" is empty. Write its content, or mark it'
        ' "ej_tillämpligt: <reason>" if it does not apply to the unit.',
    ),
    doc=Doc(
        what=Msg(
            "Att ett obligatoriskt avsnitt som finns också har innehåll, eller är markerat"
            " som ej tillämpligt med ett skäl.",
            "That a required section that is present also has content, or is marked not"
            " applicable with a reason.",
        ),
        why=Msg(
            "En tom rubrik ser ut som en redovisning men säger ingenting; granskaren kan"
            " inte skilja ett glömt avsnitt från ett som inte gäller enheten.",
            "An empty heading looks like a report but says nothing; the auditor cannot"
            " tell a forgotten section from one that does not apply to the unit.",
        ),
        failing="rapport: {typ: VP, år: 2023, enhet: Södra Skarpnäcks hemtjänst}\n"
        "ekonomi:\n  resursanvändning: Enheten har 40 medarbetare.\n  budget:\n",
        passing="rapport: {typ: VP, år: 2023, enhet: Södra Skarpnäcks hemtjänst}\n"
        "ekonomi:\n  resursanvändning: Enheten har 40 medarbetare.\n"
        "  budget:\n    ej_tillämpligt: Budgeten fastställs av nämnden i januari.\n",
        decisions=Msg(
            'Enbart rubriker ("rubrik") räknas inte som innehåll. Avsnitt som'
            " profilen inte kräver (t.ex. Investeringar) får vara tomma.",
            'Headings alone ("rubrik") do not count as content. Sections the'
            " profile does not require (e.g. Investments) may be empty.",
        ),
    ),
)
def empty_section(ctx: ReportContext) -> Iterator[Violation]:
    profile = ctx.profile
    if profile is None:
        return
    empty: list[tuple[DocPath, str]] = []
    for section in profile.required:
        path = _key_path(section)
        if not ctx.has(path):
            continue
        value = ctx.value(path)  # as read: text under a misspelt key is not content
        if is_empty(value) and not not_applicable(value):
            empty.append((path, section))
    for where, section in empty:
        # An empty parent follows from its empty required parts: name only the parts to write.
        if any(len(other) > len(where) and other[: len(where)] == where for other, _ in empty):
            continue
        yield empty_section.at(where, section=ctx.refdata.section_name(section).sv)


_HEADER_FIELDS = [
    ("typ", Msg("rapporttyp", "report type"), Severity.ERROR),
    ("år", Msg("år", "year"), Severity.ERROR),
    ("enhet", Msg("enhet", "unit"), Severity.ERROR),
    ("datum", Msg("datum", "date"), Severity.WARNING),
    ("handläggare", Msg("handläggare", "author"), Severity.WARNING),
    ("dnr", Msg("diarienummer (Dnr)", "case number (Dnr)"), Severity.WARNING),
]


@rule(
    code="RK103",
    name="missing-header-field",
    severity=Severity.ERROR,
    message=Msg(
        'Rapporthuvudet saknar {field_sv}. Lägg till "{key}:" under "rapport:".',
        'The header lacks the {field_en}. Add "{key}:" under "rapport:".',
    ),
    doc=Doc(
        what=Msg(
            "Att rapporthuvudet har enhet, rapporttyp och år (fel), och datum, handläggare"
            " och diarienummer (varning).",
            "That the header has unit, report type and year (error), and date, author and"
            " case number (warning).",
        ),
        why=Msg(
            "Utan enhet, typ och år går rapporten inte att placera: varken profil,"
            " målkatalog eller jämförelse med enhetens andra rapporter kan användas."
            " Datum, handläggare och Dnr behövs för diariet.",
            "Without unit, type and year the report cannot be placed: no profile, goal"
            " catalogue or comparison with the unit's other reports applies. Date, author"
            " and case number are needed for the registry.",
        ),
        failing="rapport:\n  typ: VB\n  enhet: Enheten för personligt stöd\n",
        passing="rapport:\n  typ: VB\n  år: 2023\n  enhet: Enheten för personligt stöd\n"
        "  datum: 2024-02-21\n  handläggare: Kamran Ronaghi\n  dnr: HÅ 2023/643\n",
    ),
)
def missing_header_field(ctx: ReportContext) -> Iterator[Violation]:
    for key, name, severity in _HEADER_FIELDS:
        if is_empty(ctx.raw(("rapport", key))):
            yield missing_header_field.at(
                ("rapport", key), severity, key=key, field_sv=name.sv, field_en=name.en
            )


rapportkoll_rules = family(__name__)
