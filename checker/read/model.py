"""The report model: the single source of truth for the YAML format.

Keys are the Swedish domain terms (aliases); attribute names are English.
The model is strict on shape (unknown keys are errors) and lenient on what
the rules judge: statuses, indicator values, amounts and counts are kept
exactly as the author wrote them (``Value``), so that a rule, not the
parser, reports "Uppfylles helt" or "1.820milj kr" with a suggestion.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from checker.fields import GOAL_SECTIONS
from checker.placeholder import PATTERN

# A value as written: a number, or text such as "9,5 %", "öka", "-3 204".
Value = Union[int, float, str, None]
Text = Union[str, None]
# "[fyll i: <vad>]" (rapportkoll new) where a field otherwise takes no text: not yet written.
Placeholder = Annotated[str, StringConstraints(pattern=PATTERN)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=False,
        strict=True,
        frozen=False,
        str_strip_whitespace=False,
    )


def _f(alias: str, description: str, **kwargs: Any) -> Any:
    return Field(default=None, alias=alias, description=description, **kwargs)


def _goal_section(key: str) -> Any:
    """A goal's free-text section, as ``checker.fields`` names and describes it."""
    return _f(key, GOAL_SECTIONS[key].description)


# Reports exist from the 2000s; a year outside this range is a typo, not a plan.
MIN_YEAR, MAX_YEAR = 2000, 2100


class Header(_Model):
    """Rapporthuvud: who reports what for which year."""

    type: Union[Literal["VP", "T1", "T2", "VB"], None] = _f(
        "typ", "Rapporttyp: VP, T1, T2 eller VB."
    )
    year: Union[int, None] = _f("år", "Verksamhetsår, t.ex. 2023.", ge=MIN_YEAR, le=MAX_YEAR)
    unit: Text = _f("enhet", "Enhetens namn.")
    committee: Text = _f("nämnd", 'Mottagande nämnd ("Till"); bara en nämnd eller styrelse.')
    addressee: Text = _f(
        "till",
        'Mottagaren som den står under "Till" när den inte är en nämnd, t.ex. enheten själv'
        " i enhetens eget dokument. Nämnden lämnas då tom.",
    )
    document_kind: Union[Literal["tjänsteutlåtande", "enhetens_dokument"], None] = _f(
        "dokumenttyp",
        "Tjänsteutlåtande till nämnden (med Dnr och datum) eller enhetens eget dokument"
        ' ("Till <enheten>", "Förslag till beslut"); härleds ur nämnd och dnr när det saknas.',
    )
    case_number: Text = _f("dnr", "Diarienummer, t.ex. HÅ 2023/643.")
    date: Text = _f("datum", "Datum, ÅÅÅÅ-MM-DD.")
    author: Text = _f("handläggare", "Handläggare.")
    phone: Text = _f("telefon", "Handläggarens telefon.")


class Unknown(_Model):
    """A value the source had but its export lost (a status icon, ✓ or !, the ♀ marker), or a
    table cell an import could not place in its column with confidence.

    Written ``{okänd: <skäl>}``: never invented, never left blank. Rules treat it
    as written but not verifiable, never as missing.
    """

    reason: str = Field(alias="okänd", description="Varför värdet inte kunde läsas ur källan.")


# A status as written, or unknown because the export lost it.
Status = Union[int, float, str, Unknown, None]
# A table cell as written, or unknown where an import of text without columns could not place
# it with confidence: ``{okänd: <the text>}``, the text as the source has it.
Cell = Union[int, float, str, Unknown, None]
TextCell = Union[str, Unknown, None]


class Subsection(_Model):
    """A sub-heading with its text; it may hold sub-headings of its own."""

    heading: Text = _f("rubrik", "Underrubrik.")
    text: Text = _f("text", "Brödtext.")
    subsections: Union[list[Subsection], None] = _f("avsnitt", "Underavsnitt med rubrik och text.")


class TextSection(_Model):
    """A free-text section, optionally with sub-headings.

    ``ej_tillämpligt`` marks the section as not applicable, with the reason.
    """

    text: Text = _f("text", "Brödtext.")
    subsections: Union[list[Subsection], None] = _f("avsnitt", "Underavsnitt med rubrik och text.")
    not_applicable: Text = _f("ej_tillämpligt", "Skäl till att avsnittet inte är tillämpligt.")


def _text_to_section(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


# A free-text section may be written as plain text or as a mapping; one
# model behind both keeps validation errors about one thing.
Section = Annotated[
    Union[TextSection, None],
    BeforeValidator(_text_to_section, json_schema_input_type=Union[str, TextSection, None]),
]


class Indicator(_Model):
    """En indikator med sina kolumner, som de står i rapporten."""

    name: Text = _f("namn", "Indikatorns namn.")
    gender_split: Union[bool, Unknown, Placeholder, None] = _f(
        "könsuppdelad", "Ska redovisas per kön (♀-markeringen i ILS)."
    )
    outcome: Cell = _f("utfall", "Periodens utfall.")
    outcome_men: Cell = _f("utfall_män", "Utfall män/pojkar.")
    outcome_women: Cell = _f("utfall_kvinnor", "Utfall kvinnor/flickor.")
    previous: Cell = _f("utfall_föregående", "Utfall VB föregående år.")
    previous_label: Text = _f(
        "föregående_rubrik", 'Jämförelsekolumnens rubrik, t.ex. "Utfall VB 2022".'
    )
    forecast: Value = _f("prognos_helår", "Prognos helår (äldre mallar).")
    target: Cell = _f("årsmål", "Enhetens årsmål.")
    kf_target: Cell = _f("kf_årsmål", "KF:s årsmål.")
    period: Value = _f("period", 'Period, t.ex. "VB 2023" eller 2023.')
    periodicity: Text = _f("periodicitet", "Periodicitet i en plan: År eller Tertial.")
    analysis: Text = _f("analys", "Indikatorns analys.")
    explanation: Text = _f("förklaring", "Skäl till att utfall eller könsuppdelning saknas.")


class Activity(_Model):
    """En aktivitet med datum, status och avvikelse."""

    text: TextCell = _f("aktivitet", "Aktivitetens text.")
    status: Status = _f("status", "klar (✓), avvikelse (!) eller tomt.")
    start: Value = _f("startdatum", "Startdatum, ÅÅÅÅ-MM-DD.")
    end: Value = _f("slutdatum", "Slutdatum, ÅÅÅÅ-MM-DD.")
    deviation: TextCell = _f("avvikelse", "Avvikelsekommentar.")
    analysis: Text = _f("analys", "Aktivitetens analys.")


class UnitGoal(_Model):
    """Enhetsmål: the unit's own goal."""

    number: Value = _f("nummer", "Målets nummer i planen, om det har ett.")
    title: Text = _f("titel", "Målets formulering.")
    status: Status = _f("status", "Uppfylls helt, Uppfylls delvis eller Uppfylls inte.")
    expected_result: Section = _goal_section("förväntat_resultat")
    analysis: Section = _goal_section("analys")
    working_methods: Section = _goal_section("arbetssätt")
    resources: Section = _goal_section("resursanvändning")
    follow_up: Section = _goal_section("uppföljning")
    development: Section = _goal_section("utveckling")
    indicators: Union[list[Indicator], None] = _f("indikatorer", "Indikatorer.")
    activities: Union[list[Activity], None] = _f("aktiviteter", "Aktiviteter.")


class DepartmentGoal(UnitGoal):
    """Avdelningsmål: a department's goal between the nämndmål and the enhetsmål.

    It holds what an enhetsmål holds, a description, and enhetsmål of its own.
    """

    description: Section = _goal_section("beskrivning")
    unit_goals: Union[list[UnitGoal], None] = _f("enhetsmål", "Enhetsmål under avdelningsmålet.")


class CommitteeGoal(_Model):
    """Nämndmål: the district committee's goal."""

    title: Text = _f("titel", "Nämndmålets formulering.")
    status: Status = _f("status", '"Ingen" när nämndmålet saknar egen bedömning.')
    description: Section = _goal_section("beskrivning")
    expected_result: Section = _goal_section("förväntat_resultat")
    indicators: Union[list[Indicator], None] = _f("indikatorer", "Indikatorer.")
    activities: Union[list[Activity], None] = _f("aktiviteter", "Aktiviteter.")
    department_goals: Union[list[DepartmentGoal], None] = _f(
        "avdelningsmål", "Avdelningens mål under nämndmålet."
    )
    unit_goals: Union[list[UnitGoal], None] = _f("enhetsmål", "Enhetens mål under nämndmålet.")


class AreaGoal(_Model):
    """KF:s mål för verksamhetsområdet, numrerat t.ex. 1.3."""

    number: Value = _f("nummer", 'Nummer, t.ex. "1.3".')
    title: Text = _f("titel", "Titel enligt KF:s budget.")
    status: Status = _f("status", '"Ingen" när målet saknar egen bedömning.')
    indicators: Union[list[Indicator], None] = _f("indikatorer", "Indikatorer.")
    activities: Union[list[Activity], None] = _f("aktiviteter", "Aktiviteter.")
    committee_goals: Union[list[CommitteeGoal], None] = _f("nämndmål", "Nämndmål.")


class DirectionGoal(_Model):
    """KF:s inriktningsmål, numrerat 1, 2, 3."""

    number: Value = _f("nummer", "Nummer, t.ex. 1.")
    title: Text = _f("titel", "Titel enligt KF:s budget.")
    status: Status = _f("status", '"Ingen" när målet saknar egen bedömning.')
    area_goals: Union[list[AreaGoal], None] = _f(
        "verksamhetsområdesmål", "KF:s mål för verksamhetsområdet."
    )


class BudgetRow(_Model):
    """En rad i resultaträkningen, belopp i tkr."""

    label: Text = _f("rad", "Radens benämning, t.ex. Personalkostnader.")
    outcome: Value = _f("utfall", "Utfall (tkr).")
    budget: Value = _f("budget", "Budget (tkr).")
    deviation: Value = _f("avvikelse", "Avvikelse (tkr).")


class IncomeStatement(_Model):
    """Resultaträkning: intäkter, kostnader och summor i tkr."""

    unit_of_amounts: Text = _f("enhet", "Beloppens enhet; tkr om inget anges.")
    outcome_label: Text = _f("utfall_rubrik", "Utfallskolumnens rubrik.")
    revenue: Union[list[BudgetRow], None] = _f("intäkter", "Intäktsrader.")
    total_revenue: Union[BudgetRow, None] = _f("summa_intäkter", "Summa intäkter.")
    costs: Union[list[BudgetRow], None] = _f("kostnader", "Kostnadsrader.")
    total_costs: Union[BudgetRow, None] = _f("summa_kostnader", "Summa kostnader.")
    net: Union[BudgetRow, None] = _f("summa_netto", "Summa netto.")


class Economy(_Model):
    """Uppföljning av ekonomi (VB, T1, T2) / Redovisning av ekonomi (VP)."""

    analysis: Section = _f("analys", "Analys av resultaträkning - uppföljning av driftbudget.")
    income_statement: Union[IncomeStatement, None] = _f("resultaträkning", "Resultaträkning.")
    investments: Section = _f("investeringar", "Investeringar.")
    premises: Section = _f("lokaländamål", "Medel för lokaländamål.")
    other: Section = _f("övrigt", "Övrigt om ekonomin.")
    resources: Section = _f("resursanvändning", "Resursanvändning (plan).")
    budget: Section = _f("budget", "Budget för året (plan).")


class ComplaintRow(_Model):
    """En rad i tabellen över synpunkter och klagomål. Tom cell är noll."""

    category: Text = _f("kategori", "Kategori, t.ex. Brukare/patient.")
    t1: Cell = _f("t1", "Utfall T1.")
    t2: Cell = _f("t2", "Utfall T2.")
    vb: Cell = _f("vb", "Utfall VB (sista tertialen).")
    total: Value = _f("totalt", "Totalt ack. utfall.")
    summary: Text = _f("sammanfattning", "Sammanfattning och planerade åtgärder.")


ComplaintGroup = Literal["beröm", "från_vem", "vad_gällde", "lex", "återkoppling", "åtgärder"]


class Complaints(_Model):
    """Redovisning av synpunkter och klagomål, grupperad som i ILS."""

    praise: Union[ComplaintRow, None] = _f("beröm", "Antal beröm.")
    source: Union[list[ComplaintRow], None] = _f(
        "från_vem", "Från vem har klagomål, synpunkt eller avvikelse inkommit?"
    )
    subject: Union[list[ComplaintRow], None] = _f(
        "vad_gällde", "Vad gällde klagomålet, synpunkten eller avvikelsen?"
    )
    lex_maria: Union[ComplaintRow, None] = _f("lex_maria", "Avvikelser som lett till Lex Maria.")
    lex_sarah: Union[ComplaintRow, None] = _f("lex_sarah", "Avvikelser som lett till Lex Sarah.")
    feedback: Union[ComplaintRow, None] = _f(
        "återkoppling", "Antal klagomål där återkoppling har lämnats."
    )
    measures: Union[ComplaintRow, None] = _f("åtgärder", "Antal klagomål där åtgärder vidtagits.")
    group_labels: Union[dict[ComplaintGroup, str], None] = _f(
        "grupprubriker",
        'Gruppernas rubriker som i källan, t.ex. lex: "Varav antal avvikelser som lett till …".',
    )
    summary: Section = _f("sammanfattning", "Sammanfattning.")


class Quality(_Model):
    """Systematiskt kvalitetsarbete."""

    text: Text = _f("text", "Brödtext.")
    subsections: Union[list[Subsection], None] = _f("avsnitt", "Underavsnitt.")
    not_applicable: Text = _f("ej_tillämpligt", "Skäl till att avsnittet inte är tillämpligt.")
    complaints: Union[Complaints, None] = _f("klagomål", "Redovisning av synpunkter och klagomål.")


class UnplacedText(_Model):
    """Text an import could not place: kept with its line (and page) in the source."""

    line: Union[int, None] = _f("rad", "Rad i källan (den första, när texten står på flera).")
    last_line: Union[int, None] = _f("till_rad", "Sista raden i källan, när texten står på flera.")
    page: Union[int, None] = _f("sida", "Sida i källan (PDF).")
    lines: Union[int, None] = _f("rader", "Antal rader i källan som inte kunde placeras.")
    section: Text = _f("avsnitt", 'Avsnittet där texten stod, t.ex. "KF 2.1" eller "Övrigt".')
    text: Text = _f("text", "Texten som den står i källan.")


class Report(_Model):
    """En verksamhetsplan, tertialrapport eller verksamhetsberättelse."""

    model_config = ConfigDict(title="rapportkoll-rapport")

    header: Union[Header, None] = _f("rapport", "Rapporthuvud.")
    summary: Section = _f("sammanfattande_analys", "Sammanfattande analys (VB, T1, T2).")
    introduction: Section = _f("inledning", "Inledning (VP).")
    goals: Union[list[DirectionGoal], None] = _f(
        "inriktningsmål", "Uppföljning av KF:s inriktningsmål."
    )
    economy: Union[Economy, None] = _f("ekonomi", "Uppföljning / redovisning av ekonomi.")
    quality: Union[Quality, None] = _f("kvalitetsarbete", "Systematiskt kvalitetsarbete.")
    other: Section = _f("övrigt", "Övrigt.")
    unplaced: Union[list[UnplacedText], None] = _f(
        "ej_placerat", "Text ur källan som importen inte kunde placera (rapportkoll import)."
    )
