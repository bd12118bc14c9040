"""The report model as plain Python, generated from ``checker.read.model``.

Do not edit: ``python -m checker.read.gen`` (or ``rapportkoll schema --update-repo``)
writes it, and a test fails when it is stale.

``build(data)`` returns the report when ``data`` plainly fits the strict
pydantic model, with the same values in classes of the same names and
attributes; otherwise it returns None and the pydantic model judges the data
(and words its problems). So a clean report is checked without importing
pydantic. ``from_model`` turns a pydantic report into these classes, so that
the rules see one kind of object whichever way the report was validated.
"""

# A value checked against a set of Literal choices is not narrowed to the Literal type.
# mypy: disable-error-code="assignment"

from __future__ import annotations

import re
import unicodedata
from typing import Any, ClassVar, Literal

NoneType = type(None)


class Declined(Exception):
    """The data does not plainly fit the model: pydantic judges it."""


def _pattern(v: str, rx: re.Pattern[str]) -> bool:
    # pydantic matches with Rust's regex, this with Python's. The two read \s and \w alike
    # but for these characters: Python's whitespace \x1c-\x1f, Rust's word characters
    # among the marks and connectors, Python's among other numbers, and surrogates. Text
    # with any of them is left to pydantic.
    return rx.search(v) is not None and not any(
        "\x1c" <= c <= "\x1f" or c in "\u200c\u200d"
        or (not c.isascii() and unicodedata.category(c) in _DISAGREE)
        for c in v
    )


_DISAGREE = frozenset({"Mn", "Mc", "Me", "No", "Pc", "Cs"})


class _Plain:
    """A validated report part: attributes as the pydantic model has them."""

    __slots__ = ()
    FIELDS: ClassVar[dict[str, str]]  # attribute → key in the report

    def dump(self) -> dict[str, Any]:
        """As pydantic's ``model_dump(by_alias=True, exclude_none=True)``."""
        out: dict[str, Any] = {}
        for attr, key in self.FIELDS.items():
            value = getattr(self, attr)
            if value is not None:
                out[key] = _dump(value)
        return out

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, a) == getattr(other, a) for a in self.FIELDS
        )

    __hash__ = None  # mutable, as the pydantic models

    def __repr__(self) -> str:
        inner = ", ".join(f"{a}={getattr(self, a)!r}" for a in self.FIELDS)
        return f"{type(self).__name__}({inner})"


def _dump(value: Any) -> Any:
    if isinstance(value, _Plain):
        return value.dump()
    if isinstance(value, list):
        return [_dump(x) for x in value]
    if isinstance(value, dict):
        return dict(value)
    return value


_new = object.__new__


_S0 = frozenset({'ej_placerat', 'ekonomi', 'inledning', 'inriktningsmål', 'kvalitetsarbete', 'rapport', 'sammanfattande_analys', 'övrigt'})
_S1 = frozenset({'T1', 'T2', 'VB', 'VP'})
_S2 = frozenset({'enhetens_dokument', 'tjänsteutlåtande'})
_S3 = frozenset({'datum', 'dnr', 'dokumenttyp', 'enhet', 'handläggare', 'nämnd', 'telefon', 'till', 'typ', 'år'})
_S4 = frozenset({'avsnitt', 'ej_tillämpligt', 'text'})
_S5 = frozenset({'avsnitt', 'rubrik', 'text'})
_S6 = frozenset({'nummer', 'status', 'titel', 'verksamhetsområdesmål'})
_S7 = frozenset({'okänd'})
_S8 = frozenset({'aktiviteter', 'indikatorer', 'nummer', 'nämndmål', 'status', 'titel'})
_S9 = frozenset({'analys', 'föregående_rubrik', 'förklaring', 'kf_årsmål', 'könsuppdelad', 'namn', 'period', 'periodicitet', 'prognos_helår', 'utfall', 'utfall_föregående', 'utfall_kvinnor', 'utfall_män', 'årsmål'})
_S10 = frozenset({'aktivitet', 'analys', 'avvikelse', 'slutdatum', 'startdatum', 'status'})
_S11 = frozenset({'aktiviteter', 'avdelningsmål', 'beskrivning', 'enhetsmål', 'förväntat_resultat', 'indikatorer', 'status', 'titel'})
_S12 = frozenset({'aktiviteter', 'analys', 'arbetssätt', 'förväntat_resultat', 'indikatorer', 'nummer', 'resursanvändning', 'status', 'titel', 'uppföljning', 'utveckling'})
_S13 = frozenset({'aktiviteter', 'analys', 'arbetssätt', 'beskrivning', 'enhetsmål', 'förväntat_resultat', 'indikatorer', 'nummer', 'resursanvändning', 'status', 'titel', 'uppföljning', 'utveckling'})
_S14 = frozenset({'analys', 'budget', 'investeringar', 'lokaländamål', 'resultaträkning', 'resursanvändning', 'övrigt'})
_S15 = frozenset({'enhet', 'intäkter', 'kostnader', 'summa_intäkter', 'summa_kostnader', 'summa_netto', 'utfall_rubrik'})
_S16 = frozenset({'avvikelse', 'budget', 'rad', 'utfall'})
_S17 = frozenset({'avsnitt', 'ej_tillämpligt', 'klagomål', 'text'})
_S18 = frozenset({'beröm', 'från_vem', 'lex', 'vad_gällde', 'återkoppling', 'åtgärder'})
_S19 = frozenset({'beröm', 'från_vem', 'grupprubriker', 'lex_maria', 'lex_sarah', 'sammanfattning', 'vad_gällde', 'återkoppling', 'åtgärder'})
_S20 = frozenset({'kategori', 'sammanfattning', 't1', 't2', 'totalt', 'vb'})
_S21 = frozenset({'avsnitt', 'rad', 'rader', 'sida', 'text', 'till_rad'})
_P0 = re.compile('^\\s*\\[\\s*[Ff][Yy][Ll][Ll]\\s+[Ii]\\b[^\\]]*\\]\\s*$')


class Report(_Plain):
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


class Header(_Plain):
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


class TextSection(_Plain):
    """A free-text section, optionally with sub-headings."""

    __slots__ = ('not_applicable', 'subsections', 'text')
    FIELDS: ClassVar[dict[str, str]] = {'text': 'text', 'subsections': 'avsnitt', 'not_applicable': 'ej_tillämpligt'}
    text: str | None
    subsections: list[Subsection] | None
    not_applicable: str | None


class Subsection(_Plain):
    """A sub-heading with its text; it may hold sub-headings of its own."""

    __slots__ = ('heading', 'subsections', 'text')
    FIELDS: ClassVar[dict[str, str]] = {'heading': 'rubrik', 'text': 'text', 'subsections': 'avsnitt'}
    heading: str | None
    text: str | None
    subsections: list[Subsection] | None


class DirectionGoal(_Plain):
    """KF:s inriktningsmål, numrerat 1, 2, 3."""

    __slots__ = ('area_goals', 'number', 'status', 'title')
    FIELDS: ClassVar[dict[str, str]] = {'number': 'nummer', 'title': 'titel', 'status': 'status', 'area_goals': 'verksamhetsområdesmål'}
    number: int | float | str | None
    title: str | None
    status: int | float | str | Unknown | None
    area_goals: list[AreaGoal] | None


class Unknown(_Plain):
    """A value the source had but its export lost (a status icon, ✓ or !, the ♀ marker), or a"""

    __slots__ = ('reason',)
    FIELDS: ClassVar[dict[str, str]] = {'reason': 'okänd'}
    reason: str


class AreaGoal(_Plain):
    """KF:s mål för verksamhetsområdet, numrerat t.ex. 1.3."""

    __slots__ = ('activities', 'committee_goals', 'indicators', 'number', 'status', 'title')
    FIELDS: ClassVar[dict[str, str]] = {'number': 'nummer', 'title': 'titel', 'status': 'status', 'indicators': 'indikatorer', 'activities': 'aktiviteter', 'committee_goals': 'nämndmål'}
    number: int | float | str | None
    title: str | None
    status: int | float | str | Unknown | None
    indicators: list[Indicator] | None
    activities: list[Activity] | None
    committee_goals: list[CommitteeGoal] | None


class Indicator(_Plain):
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


class Activity(_Plain):
    """En aktivitet med datum, status och avvikelse."""

    __slots__ = ('analysis', 'deviation', 'end', 'start', 'status', 'text')
    FIELDS: ClassVar[dict[str, str]] = {'text': 'aktivitet', 'status': 'status', 'start': 'startdatum', 'end': 'slutdatum', 'deviation': 'avvikelse', 'analysis': 'analys'}
    text: str | Unknown | None
    status: int | float | str | Unknown | None
    start: int | float | str | None
    end: int | float | str | None
    deviation: str | Unknown | None
    analysis: str | None


class CommitteeGoal(_Plain):
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


class UnitGoal(_Plain):
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


class Economy(_Plain):
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


class IncomeStatement(_Plain):
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


class BudgetRow(_Plain):
    """En rad i resultaträkningen, belopp i tkr."""

    __slots__ = ('budget', 'deviation', 'label', 'outcome')
    FIELDS: ClassVar[dict[str, str]] = {'label': 'rad', 'outcome': 'utfall', 'budget': 'budget', 'deviation': 'avvikelse'}
    label: str | None
    outcome: int | float | str | None
    budget: int | float | str | None
    deviation: int | float | str | None


class Quality(_Plain):
    """Systematiskt kvalitetsarbete."""

    __slots__ = ('complaints', 'not_applicable', 'subsections', 'text')
    FIELDS: ClassVar[dict[str, str]] = {'text': 'text', 'subsections': 'avsnitt', 'not_applicable': 'ej_tillämpligt', 'complaints': 'klagomål'}
    text: str | None
    subsections: list[Subsection] | None
    not_applicable: str | None
    complaints: Complaints | None


class Complaints(_Plain):
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


class ComplaintRow(_Plain):
    """En rad i tabellen över synpunkter och klagomål. Tom cell är noll."""

    __slots__ = ('category', 'summary', 't1', 't2', 'total', 'vb')
    FIELDS: ClassVar[dict[str, str]] = {'category': 'kategori', 't1': 't1', 't2': 't2', 'vb': 'vb', 'total': 'totalt', 'summary': 'sammanfattning'}
    category: str | None
    t1: int | float | str | Unknown | None
    t2: int | float | str | Unknown | None
    vb: int | float | str | Unknown | None
    total: int | float | str | None
    summary: str | None


class UnplacedText(_Plain):
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
_PARTS: dict[type[_Plain], dict[str, type[_Plain]]] = {
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


_CLASSES: dict[str, type[_Plain]] = {'Report': Report, 'Header': Header, 'TextSection': TextSection, 'Subsection': Subsection, 'DirectionGoal': DirectionGoal, 'Unknown': Unknown, 'AreaGoal': AreaGoal, 'Indicator': Indicator, 'Activity': Activity, 'CommitteeGoal': CommitteeGoal, 'UnitGoal': UnitGoal, 'DepartmentGoal': DepartmentGoal, 'Economy': Economy, 'IncomeStatement': IncomeStatement, 'BudgetRow': BudgetRow, 'Quality': Quality, 'Complaints': Complaints, 'ComplaintRow': ComplaintRow, 'UnplacedText': UnplacedText}


def _Report_1(d: Any, o: Report) -> None:
    v = d.get('rapport')
    if type(v) is dict:
        o.header = _Header(v)
    elif v is None:
        o.header = v
    else:
        raise Declined
    v = d.get('sammanfattande_analys')
    if type(v) is str:
        o.summary = _TextSection({'text': v})
    elif type(v) is dict:
        o.summary = _TextSection(v)
    elif v is None:
        o.summary = v
    else:
        raise Declined
    v = d.get('inledning')
    if type(v) is str:
        o.introduction = _TextSection({'text': v})
    elif type(v) is dict:
        o.introduction = _TextSection(v)
    elif v is None:
        o.introduction = v
    else:
        raise Declined
    v = d.get('inriktningsmål')
    if type(v) is list:
        o.goals = [_DirectionGoal(x) for x in v]
    elif v is None:
        o.goals = v
    else:
        raise Declined
    v = d.get('ekonomi')
    if type(v) is dict:
        o.economy = _Economy(v)
    elif v is None:
        o.economy = v
    else:
        raise Declined
    v = d.get('kvalitetsarbete')
    if type(v) is dict:
        o.quality = _Quality(v)
    elif v is None:
        o.quality = v
    else:
        raise Declined
    v = d.get('övrigt')
    if type(v) is str:
        o.other = _TextSection({'text': v})
    elif type(v) is dict:
        o.other = _TextSection(v)
    elif v is None:
        o.other = v
    else:
        raise Declined


def _Report_2(d: Any, o: Report) -> None:
    v = d.get('ej_placerat')
    if type(v) is list:
        o.unplaced = [_UnplacedText(x) for x in v]
    elif v is None:
        o.unplaced = v
    else:
        raise Declined


def _Report(d: Any) -> Report:
    if type(d) is not dict or not _S0.issuperset(d):
        raise Declined
    o = _new(Report)
    _Report_1(d, o)
    _Report_2(d, o)
    return o


def _Header(d: Any) -> Header:
    if type(d) is not dict or not _S3.issuperset(d):
        raise Declined
    o = _new(Header)
    v = d.get('typ')
    if (type(v) is str and v in _S1) or v is None:
        o.type = v
    else:
        raise Declined
    v = d.get('år')
    if (type(v) is int and 2000 <= v <= 2100) or v is None:
        o.year = v
    else:
        raise Declined
    v = d.get('enhet')
    if type(v) is str or v is None:
        o.unit = v
    else:
        raise Declined
    v = d.get('nämnd')
    if type(v) is str or v is None:
        o.committee = v
    else:
        raise Declined
    v = d.get('till')
    if type(v) is str or v is None:
        o.addressee = v
    else:
        raise Declined
    v = d.get('dokumenttyp')
    if (type(v) is str and v in _S2) or v is None:
        o.document_kind = v
    else:
        raise Declined
    v = d.get('dnr')
    if type(v) is str or v is None:
        o.case_number = v
    else:
        raise Declined
    v = d.get('datum')
    if type(v) is str or v is None:
        o.date = v
    else:
        raise Declined
    v = d.get('handläggare')
    if type(v) is str or v is None:
        o.author = v
    else:
        raise Declined
    v = d.get('telefon')
    if type(v) is str or v is None:
        o.phone = v
    else:
        raise Declined
    return o


def _TextSection(d: Any) -> TextSection:
    if type(d) is not dict or not _S4.issuperset(d):
        raise Declined
    o = _new(TextSection)
    v = d.get('text')
    if type(v) is str or v is None:
        o.text = v
    else:
        raise Declined
    v = d.get('avsnitt')
    if type(v) is list:
        o.subsections = [_Subsection(x) for x in v]
    elif v is None:
        o.subsections = v
    else:
        raise Declined
    v = d.get('ej_tillämpligt')
    if type(v) is str or v is None:
        o.not_applicable = v
    else:
        raise Declined
    return o


def _Subsection(d: Any) -> Subsection:
    if type(d) is not dict or not _S5.issuperset(d):
        raise Declined
    o = _new(Subsection)
    v = d.get('rubrik')
    if type(v) is str or v is None:
        o.heading = v
    else:
        raise Declined
    v = d.get('text')
    if type(v) is str or v is None:
        o.text = v
    else:
        raise Declined
    v = d.get('avsnitt')
    if type(v) is list:
        o.subsections = [_Subsection(x) for x in v]
    elif v is None:
        o.subsections = v
    else:
        raise Declined
    return o


def _DirectionGoal(d: Any) -> DirectionGoal:
    if type(d) is not dict or not _S6.issuperset(d):
        raise Declined
    o = _new(DirectionGoal)
    v = d.get('nummer')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.number = v
    else:
        raise Declined
    v = d.get('titel')
    if type(v) is str or v is None:
        o.title = v
    else:
        raise Declined
    v = d.get('status')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.status = v
    elif type(v) is dict:
        o.status = _Unknown(v)
    else:
        raise Declined
    v = d.get('verksamhetsområdesmål')
    if type(v) is list:
        o.area_goals = [_AreaGoal(x) for x in v]
    elif v is None:
        o.area_goals = v
    else:
        raise Declined
    return o


def _Unknown(d: Any) -> Unknown:
    if type(d) is not dict or not _S7.issuperset(d):
        raise Declined
    o = _new(Unknown)
    if 'okänd' not in d:
        raise Declined
    v = d['okänd']
    if type(v) is str:
        o.reason = v
    else:
        raise Declined
    return o


def _AreaGoal(d: Any) -> AreaGoal:
    if type(d) is not dict or not _S8.issuperset(d):
        raise Declined
    o = _new(AreaGoal)
    v = d.get('nummer')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.number = v
    else:
        raise Declined
    v = d.get('titel')
    if type(v) is str or v is None:
        o.title = v
    else:
        raise Declined
    v = d.get('status')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.status = v
    elif type(v) is dict:
        o.status = _Unknown(v)
    else:
        raise Declined
    v = d.get('indikatorer')
    if type(v) is list:
        o.indicators = [_Indicator(x) for x in v]
    elif v is None:
        o.indicators = v
    else:
        raise Declined
    v = d.get('aktiviteter')
    if type(v) is list:
        o.activities = [_Activity(x) for x in v]
    elif v is None:
        o.activities = v
    else:
        raise Declined
    v = d.get('nämndmål')
    if type(v) is list:
        o.committee_goals = [_CommitteeGoal(x) for x in v]
    elif v is None:
        o.committee_goals = v
    else:
        raise Declined
    return o


def _Indicator_1(d: Any, o: Indicator) -> None:
    v = d.get('namn')
    if type(v) is str or v is None:
        o.name = v
    else:
        raise Declined
    v = d.get('könsuppdelad')
    if type(v) is bool or (type(v) is str and _pattern(v, _P0)) or v is None:
        o.gender_split = v
    elif type(v) is dict:
        o.gender_split = _Unknown(v)
    else:
        raise Declined
    v = d.get('utfall')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.outcome = v
    elif type(v) is dict:
        o.outcome = _Unknown(v)
    else:
        raise Declined
    v = d.get('utfall_män')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.outcome_men = v
    elif type(v) is dict:
        o.outcome_men = _Unknown(v)
    else:
        raise Declined
    v = d.get('utfall_kvinnor')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.outcome_women = v
    elif type(v) is dict:
        o.outcome_women = _Unknown(v)
    else:
        raise Declined
    v = d.get('utfall_föregående')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.previous = v
    elif type(v) is dict:
        o.previous = _Unknown(v)
    else:
        raise Declined
    v = d.get('föregående_rubrik')
    if type(v) is str or v is None:
        o.previous_label = v
    else:
        raise Declined
    v = d.get('prognos_helår')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.forecast = v
    else:
        raise Declined
    v = d.get('årsmål')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.target = v
    elif type(v) is dict:
        o.target = _Unknown(v)
    else:
        raise Declined


def _Indicator_2(d: Any, o: Indicator) -> None:
    v = d.get('kf_årsmål')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.kf_target = v
    elif type(v) is dict:
        o.kf_target = _Unknown(v)
    else:
        raise Declined
    v = d.get('period')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.period = v
    else:
        raise Declined
    v = d.get('periodicitet')
    if type(v) is str or v is None:
        o.periodicity = v
    else:
        raise Declined
    v = d.get('analys')
    if type(v) is str or v is None:
        o.analysis = v
    else:
        raise Declined
    v = d.get('förklaring')
    if type(v) is str or v is None:
        o.explanation = v
    else:
        raise Declined


def _Indicator(d: Any) -> Indicator:
    if type(d) is not dict or not _S9.issuperset(d):
        raise Declined
    o = _new(Indicator)
    _Indicator_1(d, o)
    _Indicator_2(d, o)
    return o


def _Activity(d: Any) -> Activity:
    if type(d) is not dict or not _S10.issuperset(d):
        raise Declined
    o = _new(Activity)
    v = d.get('aktivitet')
    if type(v) is str or v is None:
        o.text = v
    elif type(v) is dict:
        o.text = _Unknown(v)
    else:
        raise Declined
    v = d.get('status')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.status = v
    elif type(v) is dict:
        o.status = _Unknown(v)
    else:
        raise Declined
    v = d.get('startdatum')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.start = v
    else:
        raise Declined
    v = d.get('slutdatum')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.end = v
    else:
        raise Declined
    v = d.get('avvikelse')
    if type(v) is str or v is None:
        o.deviation = v
    elif type(v) is dict:
        o.deviation = _Unknown(v)
    else:
        raise Declined
    v = d.get('analys')
    if type(v) is str or v is None:
        o.analysis = v
    else:
        raise Declined
    return o


def _CommitteeGoal(d: Any) -> CommitteeGoal:
    if type(d) is not dict or not _S11.issuperset(d):
        raise Declined
    o = _new(CommitteeGoal)
    v = d.get('titel')
    if type(v) is str or v is None:
        o.title = v
    else:
        raise Declined
    v = d.get('status')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.status = v
    elif type(v) is dict:
        o.status = _Unknown(v)
    else:
        raise Declined
    v = d.get('beskrivning')
    if type(v) is str:
        o.description = _TextSection({'text': v})
    elif type(v) is dict:
        o.description = _TextSection(v)
    elif v is None:
        o.description = v
    else:
        raise Declined
    v = d.get('förväntat_resultat')
    if type(v) is str:
        o.expected_result = _TextSection({'text': v})
    elif type(v) is dict:
        o.expected_result = _TextSection(v)
    elif v is None:
        o.expected_result = v
    else:
        raise Declined
    v = d.get('indikatorer')
    if type(v) is list:
        o.indicators = [_Indicator(x) for x in v]
    elif v is None:
        o.indicators = v
    else:
        raise Declined
    v = d.get('aktiviteter')
    if type(v) is list:
        o.activities = [_Activity(x) for x in v]
    elif v is None:
        o.activities = v
    else:
        raise Declined
    v = d.get('avdelningsmål')
    if type(v) is list:
        o.department_goals = [_DepartmentGoal(x) for x in v]
    elif v is None:
        o.department_goals = v
    else:
        raise Declined
    v = d.get('enhetsmål')
    if type(v) is list:
        o.unit_goals = [_UnitGoal(x) for x in v]
    elif v is None:
        o.unit_goals = v
    else:
        raise Declined
    return o


def _UnitGoal_1(d: Any, o: UnitGoal) -> None:
    v = d.get('nummer')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.number = v
    else:
        raise Declined
    v = d.get('titel')
    if type(v) is str or v is None:
        o.title = v
    else:
        raise Declined
    v = d.get('status')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.status = v
    elif type(v) is dict:
        o.status = _Unknown(v)
    else:
        raise Declined
    v = d.get('förväntat_resultat')
    if type(v) is str:
        o.expected_result = _TextSection({'text': v})
    elif type(v) is dict:
        o.expected_result = _TextSection(v)
    elif v is None:
        o.expected_result = v
    else:
        raise Declined
    v = d.get('analys')
    if type(v) is str:
        o.analysis = _TextSection({'text': v})
    elif type(v) is dict:
        o.analysis = _TextSection(v)
    elif v is None:
        o.analysis = v
    else:
        raise Declined
    v = d.get('arbetssätt')
    if type(v) is str:
        o.working_methods = _TextSection({'text': v})
    elif type(v) is dict:
        o.working_methods = _TextSection(v)
    elif v is None:
        o.working_methods = v
    else:
        raise Declined
    v = d.get('resursanvändning')
    if type(v) is str:
        o.resources = _TextSection({'text': v})
    elif type(v) is dict:
        o.resources = _TextSection(v)
    elif v is None:
        o.resources = v
    else:
        raise Declined


def _UnitGoal_2(d: Any, o: UnitGoal) -> None:
    v = d.get('uppföljning')
    if type(v) is str:
        o.follow_up = _TextSection({'text': v})
    elif type(v) is dict:
        o.follow_up = _TextSection(v)
    elif v is None:
        o.follow_up = v
    else:
        raise Declined
    v = d.get('utveckling')
    if type(v) is str:
        o.development = _TextSection({'text': v})
    elif type(v) is dict:
        o.development = _TextSection(v)
    elif v is None:
        o.development = v
    else:
        raise Declined
    v = d.get('indikatorer')
    if type(v) is list:
        o.indicators = [_Indicator(x) for x in v]
    elif v is None:
        o.indicators = v
    else:
        raise Declined
    v = d.get('aktiviteter')
    if type(v) is list:
        o.activities = [_Activity(x) for x in v]
    elif v is None:
        o.activities = v
    else:
        raise Declined


def _UnitGoal(d: Any) -> UnitGoal:
    if type(d) is not dict or not _S12.issuperset(d):
        raise Declined
    o = _new(UnitGoal)
    _UnitGoal_1(d, o)
    _UnitGoal_2(d, o)
    return o


def _DepartmentGoal_1(d: Any, o: DepartmentGoal) -> None:
    v = d.get('nummer')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.number = v
    else:
        raise Declined
    v = d.get('titel')
    if type(v) is str or v is None:
        o.title = v
    else:
        raise Declined
    v = d.get('status')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.status = v
    elif type(v) is dict:
        o.status = _Unknown(v)
    else:
        raise Declined
    v = d.get('förväntat_resultat')
    if type(v) is str:
        o.expected_result = _TextSection({'text': v})
    elif type(v) is dict:
        o.expected_result = _TextSection(v)
    elif v is None:
        o.expected_result = v
    else:
        raise Declined
    v = d.get('analys')
    if type(v) is str:
        o.analysis = _TextSection({'text': v})
    elif type(v) is dict:
        o.analysis = _TextSection(v)
    elif v is None:
        o.analysis = v
    else:
        raise Declined
    v = d.get('arbetssätt')
    if type(v) is str:
        o.working_methods = _TextSection({'text': v})
    elif type(v) is dict:
        o.working_methods = _TextSection(v)
    elif v is None:
        o.working_methods = v
    else:
        raise Declined
    v = d.get('resursanvändning')
    if type(v) is str:
        o.resources = _TextSection({'text': v})
    elif type(v) is dict:
        o.resources = _TextSection(v)
    elif v is None:
        o.resources = v
    else:
        raise Declined


def _DepartmentGoal_2(d: Any, o: DepartmentGoal) -> None:
    v = d.get('uppföljning')
    if type(v) is str:
        o.follow_up = _TextSection({'text': v})
    elif type(v) is dict:
        o.follow_up = _TextSection(v)
    elif v is None:
        o.follow_up = v
    else:
        raise Declined
    v = d.get('utveckling')
    if type(v) is str:
        o.development = _TextSection({'text': v})
    elif type(v) is dict:
        o.development = _TextSection(v)
    elif v is None:
        o.development = v
    else:
        raise Declined
    v = d.get('indikatorer')
    if type(v) is list:
        o.indicators = [_Indicator(x) for x in v]
    elif v is None:
        o.indicators = v
    else:
        raise Declined
    v = d.get('aktiviteter')
    if type(v) is list:
        o.activities = [_Activity(x) for x in v]
    elif v is None:
        o.activities = v
    else:
        raise Declined
    v = d.get('beskrivning')
    if type(v) is str:
        o.description = _TextSection({'text': v})
    elif type(v) is dict:
        o.description = _TextSection(v)
    elif v is None:
        o.description = v
    else:
        raise Declined
    v = d.get('enhetsmål')
    if type(v) is list:
        o.unit_goals = [_UnitGoal(x) for x in v]
    elif v is None:
        o.unit_goals = v
    else:
        raise Declined


def _DepartmentGoal(d: Any) -> DepartmentGoal:
    if type(d) is not dict or not _S13.issuperset(d):
        raise Declined
    o = _new(DepartmentGoal)
    _DepartmentGoal_1(d, o)
    _DepartmentGoal_2(d, o)
    return o


def _Economy_1(d: Any, o: Economy) -> None:
    v = d.get('analys')
    if type(v) is str:
        o.analysis = _TextSection({'text': v})
    elif type(v) is dict:
        o.analysis = _TextSection(v)
    elif v is None:
        o.analysis = v
    else:
        raise Declined
    v = d.get('resultaträkning')
    if type(v) is dict:
        o.income_statement = _IncomeStatement(v)
    elif v is None:
        o.income_statement = v
    else:
        raise Declined
    v = d.get('investeringar')
    if type(v) is str:
        o.investments = _TextSection({'text': v})
    elif type(v) is dict:
        o.investments = _TextSection(v)
    elif v is None:
        o.investments = v
    else:
        raise Declined
    v = d.get('lokaländamål')
    if type(v) is str:
        o.premises = _TextSection({'text': v})
    elif type(v) is dict:
        o.premises = _TextSection(v)
    elif v is None:
        o.premises = v
    else:
        raise Declined
    v = d.get('övrigt')
    if type(v) is str:
        o.other = _TextSection({'text': v})
    elif type(v) is dict:
        o.other = _TextSection(v)
    elif v is None:
        o.other = v
    else:
        raise Declined
    v = d.get('resursanvändning')
    if type(v) is str:
        o.resources = _TextSection({'text': v})
    elif type(v) is dict:
        o.resources = _TextSection(v)
    elif v is None:
        o.resources = v
    else:
        raise Declined


def _Economy_2(d: Any, o: Economy) -> None:
    v = d.get('budget')
    if type(v) is str:
        o.budget = _TextSection({'text': v})
    elif type(v) is dict:
        o.budget = _TextSection(v)
    elif v is None:
        o.budget = v
    else:
        raise Declined


def _Economy(d: Any) -> Economy:
    if type(d) is not dict or not _S14.issuperset(d):
        raise Declined
    o = _new(Economy)
    _Economy_1(d, o)
    _Economy_2(d, o)
    return o


def _IncomeStatement(d: Any) -> IncomeStatement:
    if type(d) is not dict or not _S15.issuperset(d):
        raise Declined
    o = _new(IncomeStatement)
    v = d.get('enhet')
    if type(v) is str or v is None:
        o.unit_of_amounts = v
    else:
        raise Declined
    v = d.get('utfall_rubrik')
    if type(v) is str or v is None:
        o.outcome_label = v
    else:
        raise Declined
    v = d.get('intäkter')
    if type(v) is list:
        o.revenue = [_BudgetRow(x) for x in v]
    elif v is None:
        o.revenue = v
    else:
        raise Declined
    v = d.get('summa_intäkter')
    if type(v) is dict:
        o.total_revenue = _BudgetRow(v)
    elif v is None:
        o.total_revenue = v
    else:
        raise Declined
    v = d.get('kostnader')
    if type(v) is list:
        o.costs = [_BudgetRow(x) for x in v]
    elif v is None:
        o.costs = v
    else:
        raise Declined
    v = d.get('summa_kostnader')
    if type(v) is dict:
        o.total_costs = _BudgetRow(v)
    elif v is None:
        o.total_costs = v
    else:
        raise Declined
    v = d.get('summa_netto')
    if type(v) is dict:
        o.net = _BudgetRow(v)
    elif v is None:
        o.net = v
    else:
        raise Declined
    return o


def _BudgetRow(d: Any) -> BudgetRow:
    if type(d) is not dict or not _S16.issuperset(d):
        raise Declined
    o = _new(BudgetRow)
    v = d.get('rad')
    if type(v) is str or v is None:
        o.label = v
    else:
        raise Declined
    v = d.get('utfall')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.outcome = v
    else:
        raise Declined
    v = d.get('budget')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.budget = v
    else:
        raise Declined
    v = d.get('avvikelse')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.deviation = v
    else:
        raise Declined
    return o


def _Quality(d: Any) -> Quality:
    if type(d) is not dict or not _S17.issuperset(d):
        raise Declined
    o = _new(Quality)
    v = d.get('text')
    if type(v) is str or v is None:
        o.text = v
    else:
        raise Declined
    v = d.get('avsnitt')
    if type(v) is list:
        o.subsections = [_Subsection(x) for x in v]
    elif v is None:
        o.subsections = v
    else:
        raise Declined
    v = d.get('ej_tillämpligt')
    if type(v) is str or v is None:
        o.not_applicable = v
    else:
        raise Declined
    v = d.get('klagomål')
    if type(v) is dict:
        o.complaints = _Complaints(v)
    elif v is None:
        o.complaints = v
    else:
        raise Declined
    return o


def _Complaints_1(d: Any, o: Complaints) -> None:
    v = d.get('beröm')
    if type(v) is dict:
        o.praise = _ComplaintRow(v)
    elif v is None:
        o.praise = v
    else:
        raise Declined
    v = d.get('från_vem')
    if type(v) is list:
        o.source = [_ComplaintRow(x) for x in v]
    elif v is None:
        o.source = v
    else:
        raise Declined
    v = d.get('vad_gällde')
    if type(v) is list:
        o.subject = [_ComplaintRow(x) for x in v]
    elif v is None:
        o.subject = v
    else:
        raise Declined
    v = d.get('lex_maria')
    if type(v) is dict:
        o.lex_maria = _ComplaintRow(v)
    elif v is None:
        o.lex_maria = v
    else:
        raise Declined
    v = d.get('lex_sarah')
    if type(v) is dict:
        o.lex_sarah = _ComplaintRow(v)
    elif v is None:
        o.lex_sarah = v
    else:
        raise Declined
    v = d.get('återkoppling')
    if type(v) is dict:
        o.feedback = _ComplaintRow(v)
    elif v is None:
        o.feedback = v
    else:
        raise Declined
    v = d.get('åtgärder')
    if type(v) is dict:
        o.measures = _ComplaintRow(v)
    elif v is None:
        o.measures = v
    else:
        raise Declined
    v = d.get('grupprubriker')
    if type(v) is dict and all(type(k) is str and k in _S18 and type(x) is str for k, x in v.items()):
        o.group_labels = dict(v)
    elif v is None:
        o.group_labels = v
    else:
        raise Declined


def _Complaints_2(d: Any, o: Complaints) -> None:
    v = d.get('sammanfattning')
    if type(v) is str:
        o.summary = _TextSection({'text': v})
    elif type(v) is dict:
        o.summary = _TextSection(v)
    elif v is None:
        o.summary = v
    else:
        raise Declined


def _Complaints(d: Any) -> Complaints:
    if type(d) is not dict or not _S19.issuperset(d):
        raise Declined
    o = _new(Complaints)
    _Complaints_1(d, o)
    _Complaints_2(d, o)
    return o


def _ComplaintRow(d: Any) -> ComplaintRow:
    if type(d) is not dict or not _S20.issuperset(d):
        raise Declined
    o = _new(ComplaintRow)
    v = d.get('kategori')
    if type(v) is str or v is None:
        o.category = v
    else:
        raise Declined
    v = d.get('t1')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.t1 = v
    elif type(v) is dict:
        o.t1 = _Unknown(v)
    else:
        raise Declined
    v = d.get('t2')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.t2 = v
    elif type(v) is dict:
        o.t2 = _Unknown(v)
    else:
        raise Declined
    v = d.get('vb')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.vb = v
    elif type(v) is dict:
        o.vb = _Unknown(v)
    else:
        raise Declined
    v = d.get('totalt')
    if type(v) is int or type(v) is float or type(v) is str or v is None:
        o.total = v
    else:
        raise Declined
    v = d.get('sammanfattning')
    if type(v) is str or v is None:
        o.summary = v
    else:
        raise Declined
    return o


def _UnplacedText(d: Any) -> UnplacedText:
    if type(d) is not dict or not _S21.issuperset(d):
        raise Declined
    o = _new(UnplacedText)
    v = d.get('rad')
    if type(v) is int or v is None:
        o.line = v
    else:
        raise Declined
    v = d.get('till_rad')
    if type(v) is int or v is None:
        o.last_line = v
    else:
        raise Declined
    v = d.get('sida')
    if type(v) is int or v is None:
        o.page = v
    else:
        raise Declined
    v = d.get('rader')
    if type(v) is int or v is None:
        o.lines = v
    else:
        raise Declined
    v = d.get('avsnitt')
    if type(v) is str or v is None:
        o.section = v
    else:
        raise Declined
    v = d.get('text')
    if type(v) is str or v is None:
        o.text = v
    else:
        raise Declined
    return o


def build(data: Any) -> Report | None:
    """The report when ``data`` plainly fits the model, else None (pydantic judges it)."""
    try:
        return _Report(data)
    except (Declined, RecursionError):
        return None


def model_at(path: tuple[str | int, ...]) -> type[_Plain] | None:
    """The class that describes the mapping at ``path`` (list indices skipped), if any."""
    current: type[_Plain] | None = Report
    for part in path:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        current = _PARTS[current].get(part)
    return current


def from_model(model: Any) -> Any:
    """The same report in these classes, from a pydantic ``Report`` (or any part) as it
    validated it: copied field by field, not checked again."""
    if isinstance(model, list):
        return [from_model(x) for x in model]
    if isinstance(model, dict):
        return dict(model)
    plain = _CLASSES.get(type(model).__name__)
    if plain is None:
        return model
    o = _new(plain)
    for attr in plain.FIELDS:
        setattr(o, attr, from_model(getattr(model, attr)))
    return o
