"""The report model as plain Python, generated from ``checker.read.model`` by
``checker.read.gen`` (``rapportkoll schema --update-repo``): do not edit, a test fails
when it is stale. ``build(data)`` checks a report as the strict pydantic model does,
without importing pydantic; ``checker.read.fastbase`` says how.
"""

from __future__ import annotations

import re
from functools import partial
from typing import ClassVar, Literal

from checker.read import fastbase
from checker.read.fastbase import (
    Kind,
    NoneType,
    Plain,
    among,
    keyed,
    many,
    matching,
    one,
    text,
    within,
)

_S0 = frozenset({'T1', 'T2', 'VB', 'VP'})
_S1 = frozenset({'enhetens_dokument', 'tjänsteutlåtande'})
_S2 = frozenset({'beröm', 'från_vem', 'lex', 'vad_gällde', 'återkoppling', 'åtgärder'})
_P0 = re.compile('^\\s*\\[\\s*[Ff][Yy][Ll][Ll]\\s+[Ii]\\b[^\\]]*\\]\\s*$')


class Report(Plain):
    """En verksamhetsplan, tertialrapport eller verksamhetsberättelse."""

    __slots__ = ('economy', 'goals', 'header', 'introduction', 'other', 'quality', 'summary', 'unplaced')
    FIELDS: ClassVar[dict[str, str]] = {'header': 'rapport', 'summary': 'sammanfattande_analys', 'introduction': 'inledning', 'goals': 'inriktningsmål', 'economy': 'ekonomi', 'quality': 'kvalitetsarbete', 'other': 'övrigt', 'unplaced': 'ej_placerat'}
    header: Header | None
    summary: TextSection | None
    introduction: TextSection | None
    goals: list[DirectionGoal] | None
    economy: Economy | None
    quality: Quality | None
    other: TextSection | None
    unplaced: list[UnplacedText] | None


class Header(Plain):
    """Rapporthuvud: who reports what for which year."""

    __slots__ = ('addressee', 'author', 'case_number', 'committee', 'date', 'document_kind', 'phone', 'type', 'unit', 'year')
    FIELDS: ClassVar[dict[str, str]] = {'type': 'typ', 'year': 'år', 'unit': 'enhet', 'committee': 'nämnd', 'addressee': 'till', 'document_kind': 'dokumenttyp', 'case_number': 'dnr', 'date': 'datum', 'author': 'handläggare', 'phone': 'telefon'}
    type: Literal['VP', 'T1', 'T2', 'VB'] | None
    year: int | None
    unit: str | None
    committee: str | None
    addressee: str | None
    document_kind: Literal['tjänsteutlåtande', 'enhetens_dokument'] | None
    case_number: str | None
    date: str | None
    author: str | None
    phone: str | None


class TextSection(Plain):
    """A free-text section, optionally with sub-headings."""

    __slots__ = ('not_applicable', 'subsections', 'text')
    FIELDS: ClassVar[dict[str, str]] = {'text': 'text', 'subsections': 'avsnitt', 'not_applicable': 'ej_tillämpligt'}
    text: str | None
    subsections: list[Subsection] | None
    not_applicable: str | None


class Subsection(Plain):
    """A sub-heading with its text; it may hold sub-headings of its own."""

    __slots__ = ('heading', 'subsections', 'text')
    FIELDS: ClassVar[dict[str, str]] = {'heading': 'rubrik', 'text': 'text', 'subsections': 'avsnitt'}
    heading: str | None
    text: str | None
    subsections: list[Subsection] | None


class DirectionGoal(Plain):
    """KF:s inriktningsmål, numrerat 1, 2, 3."""

    __slots__ = ('area_goals', 'number', 'status', 'title')
    FIELDS: ClassVar[dict[str, str]] = {'number': 'nummer', 'title': 'titel', 'status': 'status', 'area_goals': 'verksamhetsområdesmål'}
    number: int | float | str | None
    title: str | None
    status: int | float | str | Unknown | None
    area_goals: list[AreaGoal] | None


class Unknown(Plain):
    """A value the source had but its export lost (a status icon, ✓ or !, the ♀ marker), or a"""

    __slots__ = ('reason',)
    FIELDS: ClassVar[dict[str, str]] = {'reason': 'okänd'}
    reason: str


class AreaGoal(Plain):
    """KF:s mål för verksamhetsområdet, numrerat t.ex. 1.3."""

    __slots__ = ('activities', 'committee_goals', 'indicators', 'number', 'status', 'title')
    FIELDS: ClassVar[dict[str, str]] = {'number': 'nummer', 'title': 'titel', 'status': 'status', 'indicators': 'indikatorer', 'activities': 'aktiviteter', 'committee_goals': 'nämndmål'}
    number: int | float | str | None
    title: str | None
    status: int | float | str | Unknown | None
    indicators: list[Indicator] | None
    activities: list[Activity] | None
    committee_goals: list[CommitteeGoal] | None


class Indicator(Plain):
    """En indikator med sina kolumner, som de står i rapporten."""

    __slots__ = ('analysis', 'explanation', 'forecast', 'gender_split', 'kf_target', 'name', 'outcome', 'outcome_men', 'outcome_women', 'period', 'periodicity', 'previous', 'previous_label', 'target')
    FIELDS: ClassVar[dict[str, str]] = {'name': 'namn', 'gender_split': 'könsuppdelad', 'outcome': 'utfall', 'outcome_men': 'utfall_män', 'outcome_women': 'utfall_kvinnor', 'previous': 'utfall_föregående', 'previous_label': 'föregående_rubrik', 'forecast': 'prognos_helår', 'target': 'årsmål', 'kf_target': 'kf_årsmål', 'period': 'period', 'periodicity': 'periodicitet', 'analysis': 'analys', 'explanation': 'förklaring'}
    name: str | None
    gender_split: bool | Unknown | str | None
    outcome: int | float | str | Unknown | None
    outcome_men: int | float | str | Unknown | None
    outcome_women: int | float | str | Unknown | None
    previous: int | float | str | Unknown | None
    previous_label: str | None
    forecast: int | float | str | None
    target: int | float | str | Unknown | None
    kf_target: int | float | str | Unknown | None
    period: int | float | str | None
    periodicity: str | None
    analysis: str | None
    explanation: str | None


class Activity(Plain):
    """En aktivitet med datum, status och avvikelse."""

    __slots__ = ('analysis', 'deviation', 'end', 'start', 'status', 'text')
    FIELDS: ClassVar[dict[str, str]] = {'text': 'aktivitet', 'status': 'status', 'start': 'startdatum', 'end': 'slutdatum', 'deviation': 'avvikelse', 'analysis': 'analys'}
    text: str | Unknown | None
    status: int | float | str | Unknown | None
    start: int | float | str | None
    end: int | float | str | None
    deviation: str | Unknown | None
    analysis: str | None


class CommitteeGoal(Plain):
    """Nämndmål: the district committee's goal."""

    __slots__ = ('activities', 'department_goals', 'description', 'expected_result', 'indicators', 'status', 'title', 'unit_goals')
    FIELDS: ClassVar[dict[str, str]] = {'title': 'titel', 'status': 'status', 'description': 'beskrivning', 'expected_result': 'förväntat_resultat', 'indicators': 'indikatorer', 'activities': 'aktiviteter', 'department_goals': 'avdelningsmål', 'unit_goals': 'enhetsmål'}
    title: str | None
    status: int | float | str | Unknown | None
    description: TextSection | None
    expected_result: TextSection | None
    indicators: list[Indicator] | None
    activities: list[Activity] | None
    department_goals: list[DepartmentGoal] | None
    unit_goals: list[UnitGoal] | None


class UnitGoal(Plain):
    """Enhetsmål: the unit's own goal."""

    __slots__ = ('activities', 'analysis', 'development', 'expected_result', 'follow_up', 'indicators', 'number', 'resources', 'status', 'title', 'working_methods')
    FIELDS: ClassVar[dict[str, str]] = {'number': 'nummer', 'title': 'titel', 'status': 'status', 'expected_result': 'förväntat_resultat', 'analysis': 'analys', 'working_methods': 'arbetssätt', 'resources': 'resursanvändning', 'follow_up': 'uppföljning', 'development': 'utveckling', 'indicators': 'indikatorer', 'activities': 'aktiviteter'}
    number: int | float | str | None
    title: str | None
    status: int | float | str | Unknown | None
    expected_result: TextSection | None
    analysis: TextSection | None
    working_methods: TextSection | None
    resources: TextSection | None
    follow_up: TextSection | None
    development: TextSection | None
    indicators: list[Indicator] | None
    activities: list[Activity] | None


class DepartmentGoal(UnitGoal):
    """Avdelningsmål: a department's goal between the nämndmål and the enhetsmål."""

    __slots__ = ('description', 'unit_goals')
    FIELDS: ClassVar[dict[str, str]] = {'number': 'nummer', 'title': 'titel', 'status': 'status', 'expected_result': 'förväntat_resultat', 'analysis': 'analys', 'working_methods': 'arbetssätt', 'resources': 'resursanvändning', 'follow_up': 'uppföljning', 'development': 'utveckling', 'indicators': 'indikatorer', 'activities': 'aktiviteter', 'description': 'beskrivning', 'unit_goals': 'enhetsmål'}
    description: TextSection | None
    unit_goals: list[UnitGoal] | None


class Economy(Plain):
    """Uppföljning av ekonomi (VB, T1, T2) / Redovisning av ekonomi (VP)."""

    __slots__ = ('analysis', 'budget', 'income_statement', 'investments', 'other', 'premises', 'resources')
    FIELDS: ClassVar[dict[str, str]] = {'analysis': 'analys', 'income_statement': 'resultaträkning', 'investments': 'investeringar', 'premises': 'lokaländamål', 'other': 'övrigt', 'resources': 'resursanvändning', 'budget': 'budget'}
    analysis: TextSection | None
    income_statement: IncomeStatement | None
    investments: TextSection | None
    premises: TextSection | None
    other: TextSection | None
    resources: TextSection | None
    budget: TextSection | None


class IncomeStatement(Plain):
    """Resultaträkning: intäkter, kostnader och summor i tkr."""

    __slots__ = ('costs', 'net', 'outcome_label', 'revenue', 'total_costs', 'total_revenue', 'unit_of_amounts')
    FIELDS: ClassVar[dict[str, str]] = {'unit_of_amounts': 'enhet', 'outcome_label': 'utfall_rubrik', 'revenue': 'intäkter', 'total_revenue': 'summa_intäkter', 'costs': 'kostnader', 'total_costs': 'summa_kostnader', 'net': 'summa_netto'}
    unit_of_amounts: str | None
    outcome_label: str | None
    revenue: list[BudgetRow] | None
    total_revenue: BudgetRow | None
    costs: list[BudgetRow] | None
    total_costs: BudgetRow | None
    net: BudgetRow | None


class BudgetRow(Plain):
    """En rad i resultaträkningen, belopp i tkr."""

    __slots__ = ('budget', 'deviation', 'label', 'outcome')
    FIELDS: ClassVar[dict[str, str]] = {'label': 'rad', 'outcome': 'utfall', 'budget': 'budget', 'deviation': 'avvikelse'}
    label: str | None
    outcome: int | float | str | None
    budget: int | float | str | None
    deviation: int | float | str | None


class Quality(Plain):
    """Systematiskt kvalitetsarbete."""

    __slots__ = ('complaints', 'not_applicable', 'subsections', 'text')
    FIELDS: ClassVar[dict[str, str]] = {'text': 'text', 'subsections': 'avsnitt', 'not_applicable': 'ej_tillämpligt', 'complaints': 'klagomål'}
    text: str | None
    subsections: list[Subsection] | None
    not_applicable: str | None
    complaints: Complaints | None


class Complaints(Plain):
    """Redovisning av synpunkter och klagomål, grupperad som i ILS."""

    __slots__ = ('feedback', 'group_labels', 'lex_maria', 'lex_sarah', 'measures', 'praise', 'source', 'subject', 'summary')
    FIELDS: ClassVar[dict[str, str]] = {'praise': 'beröm', 'source': 'från_vem', 'subject': 'vad_gällde', 'lex_maria': 'lex_maria', 'lex_sarah': 'lex_sarah', 'feedback': 'återkoppling', 'measures': 'åtgärder', 'group_labels': 'grupprubriker', 'summary': 'sammanfattning'}
    praise: ComplaintRow | None
    source: list[ComplaintRow] | None
    subject: list[ComplaintRow] | None
    lex_maria: ComplaintRow | None
    lex_sarah: ComplaintRow | None
    feedback: ComplaintRow | None
    measures: ComplaintRow | None
    group_labels: dict[Literal['beröm', 'från_vem', 'vad_gällde', 'lex', 'återkoppling', 'åtgärder'], str] | None
    summary: TextSection | None


class ComplaintRow(Plain):
    """En rad i tabellen över synpunkter och klagomål. Tom cell är noll."""

    __slots__ = ('category', 'summary', 't1', 't2', 'total', 'vb')
    FIELDS: ClassVar[dict[str, str]] = {'category': 'kategori', 't1': 't1', 't2': 't2', 'vb': 'vb', 'total': 'totalt', 'summary': 'sammanfattning'}
    category: str | None
    t1: int | float | str | Unknown | None
    t2: int | float | str | Unknown | None
    vb: int | float | str | Unknown | None
    total: int | float | str | None
    summary: str | None


class UnplacedText(Plain):
    """Text an import could not place: kept with its line (and page) in the source."""

    __slots__ = ('last_line', 'line', 'lines', 'page', 'section', 'text')
    FIELDS: ClassVar[dict[str, str]] = {'line': 'rad', 'last_line': 'till_rad', 'page': 'sida', 'lines': 'rader', 'section': 'avsnitt', 'text': 'text'}
    line: int | None
    last_line: int | None
    page: int | None
    lines: int | None
    section: str | None
    text: str | None


# The model each key holds (the mapping a misspelt key is looked up in).
_PARTS: dict[type[Plain], dict[str, type[Plain]]] = {
    Report: {'rapport': Header, 'sammanfattande_analys': TextSection, 'inledning': TextSection, 'inriktningsmål': DirectionGoal, 'ekonomi': Economy, 'kvalitetsarbete': Quality, 'övrigt': TextSection, 'ej_placerat': UnplacedText},
    Header: {},
    TextSection: {'avsnitt': Subsection},
    Subsection: {'avsnitt': Subsection},
    DirectionGoal: {'status': Unknown, 'verksamhetsområdesmål': AreaGoal},
    Unknown: {},
    AreaGoal: {'status': Unknown, 'indikatorer': Indicator, 'aktiviteter': Activity, 'nämndmål': CommitteeGoal},
    Indicator: {'könsuppdelad': Unknown, 'utfall': Unknown, 'utfall_män': Unknown, 'utfall_kvinnor': Unknown, 'utfall_föregående': Unknown, 'årsmål': Unknown, 'kf_årsmål': Unknown},
    Activity: {'aktivitet': Unknown, 'status': Unknown, 'avvikelse': Unknown},
    CommitteeGoal: {'status': Unknown, 'beskrivning': TextSection, 'förväntat_resultat': TextSection, 'indikatorer': Indicator, 'aktiviteter': Activity, 'avdelningsmål': DepartmentGoal, 'enhetsmål': UnitGoal},
    UnitGoal: {'status': Unknown, 'förväntat_resultat': TextSection, 'analys': TextSection, 'arbetssätt': TextSection, 'resursanvändning': TextSection, 'uppföljning': TextSection, 'utveckling': TextSection, 'indikatorer': Indicator, 'aktiviteter': Activity},
    DepartmentGoal: {'status': Unknown, 'förväntat_resultat': TextSection, 'analys': TextSection, 'arbetssätt': TextSection, 'resursanvändning': TextSection, 'uppföljning': TextSection, 'utveckling': TextSection, 'indikatorer': Indicator, 'aktiviteter': Activity, 'beskrivning': TextSection, 'enhetsmål': UnitGoal},
    Economy: {'analys': TextSection, 'resultaträkning': IncomeStatement, 'investeringar': TextSection, 'lokaländamål': TextSection, 'övrigt': TextSection, 'resursanvändning': TextSection, 'budget': TextSection},
    IncomeStatement: {'intäkter': BudgetRow, 'summa_intäkter': BudgetRow, 'kostnader': BudgetRow, 'summa_kostnader': BudgetRow, 'summa_netto': BudgetRow},
    BudgetRow: {},
    Quality: {'avsnitt': Subsection, 'klagomål': Complaints},
    Complaints: {'beröm': ComplaintRow, 'från_vem': ComplaintRow, 'vad_gällde': ComplaintRow, 'lex_maria': ComplaintRow, 'lex_sarah': ComplaintRow, 'återkoppling': ComplaintRow, 'åtgärder': ComplaintRow, 'sammanfattning': TextSection},
    ComplaintRow: {'t1': Unknown, 't2': Unknown, 'vb': Unknown},
    UnplacedText: {},
}


_CLASSES: dict[str, type[Plain]] = {'Report': Report, 'Header': Header, 'TextSection': TextSection, 'Subsection': Subsection, 'DirectionGoal': DirectionGoal, 'Unknown': Unknown, 'AreaGoal': AreaGoal, 'Indicator': Indicator, 'Activity': Activity, 'CommitteeGoal': CommitteeGoal, 'UnitGoal': UnitGoal, 'DepartmentGoal': DepartmentGoal, 'Economy': Economy, 'IncomeStatement': IncomeStatement, 'BudgetRow': BudgetRow, 'Quality': Quality, 'Complaints': Complaints, 'ComplaintRow': ComplaintRow, 'UnplacedText': UnplacedText}


# Per Python type, how a field takes a value of it.
_K0: Kind = {dict: one(Header), NoneType: None}
_K1: Kind = {str: text(TextSection), dict: one(TextSection), NoneType: None}
_K2: Kind = {list: many(DirectionGoal), NoneType: None}
_K3: Kind = {dict: one(Economy), NoneType: None}
_K4: Kind = {dict: one(Quality), NoneType: None}
_K5: Kind = {list: many(UnplacedText), NoneType: None}
_K6: Kind = {str: among(_S0), NoneType: None}
_K7: Kind = {int: within(2000, 2100), NoneType: None}
_K8: Kind = {str: None, NoneType: None}
_K9: Kind = {str: among(_S1), NoneType: None}
_K10: Kind = {list: many(Subsection), NoneType: None}
_K11: Kind = {int: None, float: None, str: None, NoneType: None}
_K12: Kind = {int: None, float: None, str: None, dict: one(Unknown), NoneType: None}
_K13: Kind = {list: many(AreaGoal), NoneType: None}
_K14: Kind = {str: None}
_K15: Kind = {list: many(Indicator), NoneType: None}
_K16: Kind = {list: many(Activity), NoneType: None}
_K17: Kind = {list: many(CommitteeGoal), NoneType: None}
_K18: Kind = {bool: None, dict: one(Unknown), str: matching(_P0), NoneType: None}
_K19: Kind = {str: None, dict: one(Unknown), NoneType: None}
_K20: Kind = {list: many(DepartmentGoal), NoneType: None}
_K21: Kind = {list: many(UnitGoal), NoneType: None}
_K22: Kind = {dict: one(IncomeStatement), NoneType: None}
_K23: Kind = {list: many(BudgetRow), NoneType: None}
_K24: Kind = {dict: one(BudgetRow), NoneType: None}
_K25: Kind = {dict: one(Complaints), NoneType: None}
_K26: Kind = {dict: one(ComplaintRow), NoneType: None}
_K27: Kind = {list: many(ComplaintRow), NoneType: None}
_K28: Kind = {dict: keyed(_S2), NoneType: None}
_K29: Kind = {int: None, NoneType: None}


# Per class, its fields' checks: (key, attribute, kind).
Report.CHECKS = (('rapport', 'header', _K0), ('sammanfattande_analys', 'summary', _K1), ('inledning', 'introduction', _K1), ('inriktningsmål', 'goals', _K2), ('ekonomi', 'economy', _K3), ('kvalitetsarbete', 'quality', _K4), ('övrigt', 'other', _K1), ('ej_placerat', 'unplaced', _K5))
Header.CHECKS = (('typ', 'type', _K6), ('år', 'year', _K7), ('enhet', 'unit', _K8), ('nämnd', 'committee', _K8), ('till', 'addressee', _K8), ('dokumenttyp', 'document_kind', _K9), ('dnr', 'case_number', _K8), ('datum', 'date', _K8), ('handläggare', 'author', _K8), ('telefon', 'phone', _K8))
TextSection.CHECKS = (('text', 'text', _K8), ('avsnitt', 'subsections', _K10), ('ej_tillämpligt', 'not_applicable', _K8))
Subsection.CHECKS = (('rubrik', 'heading', _K8), ('text', 'text', _K8), ('avsnitt', 'subsections', _K10))
DirectionGoal.CHECKS = (('nummer', 'number', _K11), ('titel', 'title', _K8), ('status', 'status', _K12), ('verksamhetsområdesmål', 'area_goals', _K13))
Unknown.CHECKS = (('okänd', 'reason', _K14),)
AreaGoal.CHECKS = (('nummer', 'number', _K11), ('titel', 'title', _K8), ('status', 'status', _K12), ('indikatorer', 'indicators', _K15), ('aktiviteter', 'activities', _K16), ('nämndmål', 'committee_goals', _K17))
Indicator.CHECKS = (('namn', 'name', _K8), ('könsuppdelad', 'gender_split', _K18), ('utfall', 'outcome', _K12), ('utfall_män', 'outcome_men', _K12), ('utfall_kvinnor', 'outcome_women', _K12), ('utfall_föregående', 'previous', _K12), ('föregående_rubrik', 'previous_label', _K8), ('prognos_helår', 'forecast', _K11), ('årsmål', 'target', _K12), ('kf_årsmål', 'kf_target', _K12), ('period', 'period', _K11), ('periodicitet', 'periodicity', _K8), ('analys', 'analysis', _K8), ('förklaring', 'explanation', _K8))
Activity.CHECKS = (('aktivitet', 'text', _K19), ('status', 'status', _K12), ('startdatum', 'start', _K11), ('slutdatum', 'end', _K11), ('avvikelse', 'deviation', _K19), ('analys', 'analysis', _K8))
CommitteeGoal.CHECKS = (('titel', 'title', _K8), ('status', 'status', _K12), ('beskrivning', 'description', _K1), ('förväntat_resultat', 'expected_result', _K1), ('indikatorer', 'indicators', _K15), ('aktiviteter', 'activities', _K16), ('avdelningsmål', 'department_goals', _K20), ('enhetsmål', 'unit_goals', _K21))
UnitGoal.CHECKS = (('nummer', 'number', _K11), ('titel', 'title', _K8), ('status', 'status', _K12), ('förväntat_resultat', 'expected_result', _K1), ('analys', 'analysis', _K1), ('arbetssätt', 'working_methods', _K1), ('resursanvändning', 'resources', _K1), ('uppföljning', 'follow_up', _K1), ('utveckling', 'development', _K1), ('indikatorer', 'indicators', _K15), ('aktiviteter', 'activities', _K16))
DepartmentGoal.CHECKS = (*UnitGoal.CHECKS, ('beskrivning', 'description', _K1), ('enhetsmål', 'unit_goals', _K21))
Economy.CHECKS = (('analys', 'analysis', _K1), ('resultaträkning', 'income_statement', _K22), ('investeringar', 'investments', _K1), ('lokaländamål', 'premises', _K1), ('övrigt', 'other', _K1), ('resursanvändning', 'resources', _K1), ('budget', 'budget', _K1))
IncomeStatement.CHECKS = (('enhet', 'unit_of_amounts', _K8), ('utfall_rubrik', 'outcome_label', _K8), ('intäkter', 'revenue', _K23), ('summa_intäkter', 'total_revenue', _K24), ('kostnader', 'costs', _K23), ('summa_kostnader', 'total_costs', _K24), ('summa_netto', 'net', _K24))
BudgetRow.CHECKS = (('rad', 'label', _K8), ('utfall', 'outcome', _K11), ('budget', 'budget', _K11), ('avvikelse', 'deviation', _K11))
Quality.CHECKS = (('text', 'text', _K8), ('avsnitt', 'subsections', _K10), ('ej_tillämpligt', 'not_applicable', _K8), ('klagomål', 'complaints', _K25))
Complaints.CHECKS = (('beröm', 'praise', _K26), ('från_vem', 'source', _K27), ('vad_gällde', 'subject', _K27), ('lex_maria', 'lex_maria', _K26), ('lex_sarah', 'lex_sarah', _K26), ('återkoppling', 'feedback', _K26), ('åtgärder', 'measures', _K26), ('grupprubriker', 'group_labels', _K28), ('sammanfattning', 'summary', _K1))
ComplaintRow.CHECKS = (('kategori', 'category', _K8), ('t1', 't1', _K12), ('t2', 't2', _K12), ('vb', 'vb', _K12), ('totalt', 'total', _K11), ('sammanfattning', 'summary', _K8))
UnplacedText.CHECKS = (('rad', 'line', _K29), ('till_rad', 'last_line', _K29), ('sida', 'page', _K29), ('rader', 'lines', _K29), ('avsnitt', 'section', _K8), ('text', 'text', _K8))


build = partial(fastbase.build, Report)
model_at = partial(fastbase.model_at, Report, _PARTS)
unknown_keys = partial(fastbase.unknown_keys, Report)
from_model = partial(fastbase.from_model, _CLASSES)
