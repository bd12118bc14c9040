"""RK1 structure: required sections, header fields, schema and readability."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.plugin import (
    Doc,
    DocPath,
    Msg,
    ReportContext,
    Severity,
    Unknown,
    Violation,
    family,
    is_placeholder,
    norm_words,
    parse_date,
    rule,
)
from rules.amounts import large_net_deviation
from rules.presence import is_empty, is_unknown, not_applicable, section_path, unfilled
from rules.text_evidence import narrative, owner_key, signals


@rule(
    code="RK101",
    name="missing-section",
    name_sv="saknat-avsnitt",
    severity=Severity.ERROR,
    message=Msg(
        sv='Avsnittet "{section}" saknas. Profilen "{profile}" kräver det; lägg till nyckeln'
        ' "{key}".',
        en='The section "{section}" is missing. The profile "{profile}" requires it; add the key'
        ' "{key}".',
    ),
    doc=Doc(
        what=Msg(
            sv="Att varje avsnitt som profilen för rapportens typ och år kräver finns med.",
            en="That every section the profile for the report's type and year requires is present.",
        ),
        why=Msg(
            sv="Nämnden sammanställer alla enheters rapporter avsnitt för avsnitt; ett avsnitt som"
            " saknas blir en lucka i förvaltningens rapport. Vilka avsnitt som krävs står i"
            " rules/data/profiles.yaml och ändras utan kod.",
            en="The committee compiles all units' reports section by section; a missing section"
            " leaves a gap in the district's report. The required sections are listed in"
            " rules/data/profiles.yaml and change without code.",
        ),
        decisions=Msg(
            sv="När ett överordnat avsnitt saknas rapporteras bara det, inte varje underavsnitt."
            " Ett avsnitt markerat ej_tillämpligt med skäl räknas som närvarande.",
            en="When a parent section is missing only it is reported, not each subsection. A"
            " section marked ej_tillämpligt with a reason counts as present.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten för personligt stöd}
            sammanfattande_analys: Året har präglats av …
            inriktningsmål: []
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten för personligt stöd}
            sammanfattande_analys: Året har präglats av …
            inriktningsmål:
              - {nummer: "1", titel: Ett Stockholm som håller samman}
            ekonomi:
              analys: Enheten redovisar ett överskott på 2 mnkr.
            kvalitetsarbete:
              text: Enheten följer upp avvikelser varje månad.
              klagomål:
                lex_sarah: {kategori: Lex Sarah}
            """,
    ),
)
def missing_section(ctx: ReportContext) -> Iterator[Violation]:
    profile = ctx.profile
    if profile is None:
        return
    missing: list[tuple[str, ...]] = []
    for section in profile.required:
        path = section_path(section)
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
    name_sv="tomt-avsnitt",
    severity=Severity.ERROR,
    message=Msg(
        sv='Avsnittet "{section}" är tomt. Skriv innehållet, eller markera det med'
        ' "ej_tillämpligt: <skäl>" om det inte gäller enheten.',
        en='The section "{section}" is empty. Write its content, or mark it "ej_tillämpligt:'
        ' <reason>" if it does not apply to the unit.',
    ),
    doc=Doc(
        what=Msg(
            sv="Att ett obligatoriskt avsnitt som finns också har innehåll, eller är markerat som"
            " ej tillämpligt med ett skäl.",
            en="That a required section that is present also has content, or is marked not"
            " applicable with a reason.",
        ),
        why=Msg(
            sv="En tom rubrik ser ut som en redovisning men säger ingenting; granskaren kan inte"
            " skilja ett glömt avsnitt från ett som inte gäller enheten.",
            en="An empty heading looks like a report but says nothing; the auditor cannot tell a"
            " forgotten section from one that does not apply to the unit.",
        ),
        decisions=Msg(
            sv='Enbart rubriker ("rubrik") räknas inte som innehåll. Avsnitt som profilen inte'
            " kräver (t.ex. Investeringar) får vara tomma. En brist, en anmärkning: ett tomt"
            " ekonomiavsnitt bredvid en nettoavvikelse över gränsen är RK506:s (som nämner"
            " avvikelsen), och annars äger den här regeln det tomma ekonomiavsnittet – RK706"
            " (ekonomiskt påstående utan siffror) är då tyst.",
            en='Headings alone ("rubrik") do not count as content. Sections the profile does not'
            " require (e.g. Investments) may be empty. One defect, one finding: an empty economy"
            " section beside a net deviation beyond the threshold is RK506's (which names the"
            " deviation), and otherwise this rule owns the empty economy section – RK706"
            " (economy claim without figures) is then silent.",
        ),
        failing="""
            rapport: {typ: VP, år: 2023, enhet: Södra Skarpnäcks hemtjänst}
            ekonomi:
              resursanvändning: Enheten har 40 medarbetare.
              budget:
            """,
        passing="""
            rapport: {typ: VP, år: 2023, enhet: Södra Skarpnäcks hemtjänst}
            ekonomi:
              resursanvändning: Enheten har 40 medarbetare.
              budget:
                ej_tillämpligt: Budgeten fastställs av nämnden i januari.
            """,
    ),
)
def empty_section(ctx: ReportContext) -> Iterator[Violation]:
    profile = ctx.profile
    if profile is None:
        return
    empty: list[tuple[DocPath, str]] = []
    for section in profile.required:
        path = section_path(section)
        if not ctx.has(path):
            continue
        # as read: text under a misspelt key is not content
        if unfilled(ctx.part(path)) and not _owned_elsewhere(ctx, section):
            empty.append((path, section))
    for where, section in empty:
        # An empty parent follows from its empty required parts: name only the parts to write.
        if any(len(other) > len(where) and other[: len(where)] == where for other, _ in empty):
            continue
        yield empty_section.at(where, section=ctx.refdata.section_name(section).sv)


def _owned_elsewhere(ctx: ReportContext, section: str) -> bool:
    """An empty economy analysis beside a net deviation beyond the threshold is RK506's
    finding, which names the deviation: one defect, one finding."""
    return section == "ekonomi.analys" and large_net_deviation(ctx) is not None


# Each header field, its name in a message and how grave its absence is.
_HEADER_FIELDS = [
    ("typ", Msg(sv="rapporttyp", en="the report type"), Severity.ERROR),
    ("år", Msg(sv="år", en="the year"), Severity.ERROR),
    ("enhet", Msg(sv="enhet", en="the unit"), Severity.ERROR),
    ("datum", Msg(sv="datum", en="the date"), Severity.WARNING),
    ("handläggare", Msg(sv="handläggare", en="the author"), Severity.WARNING),
    ("dnr", Msg(sv="diarienummer (Dnr)", en="the case number (Dnr)"), Severity.WARNING),
]


# What only a Tjänsteutlåtande to the committee carries: a unit's own document has neither.
_STATEMENT_ONLY = ("datum", "dnr")
_COMMITTEE_WORDS = ("nämnd", "styrelse", "fullmäktige")


def header_kind(ctx: ReportContext) -> str:
    """ "tjänsteutlåtande" or "enhetens_dokument": the header's kind, written or inferred.

    Written ``dokumenttyp`` wins. Otherwise a header with a Dnr, or addressed
    ("nämnd", the "Till" line) to a committee other than the unit itself, or to
    no one, is a Tjänsteutlåtande; one addressed to the unit itself, or to
    something that is not a committee, is the unit's own document ("Till
    <enheten>", "Förslag till beslut").
    """
    written = ctx.raw(("rapport", "dokumenttyp"))
    if written in ("tjänsteutlåtande", "enhetens_dokument"):
        return str(written)
    if not is_empty(ctx.raw(("rapport", "dnr"))):
        return "tjänsteutlåtande"
    to = ctx.raw(("rapport", "nämnd"))
    if not isinstance(to, str) or not to.strip():
        to = ctx.raw(("rapport", "till"))  # an addressee that is not a committee
    if not isinstance(to, str) or not to.strip():
        return "tjänsteutlåtande"  # no "Till": nothing says it is the unit's own
    addressee = norm_words(to)
    if addressee == norm_words(str(ctx.unit or "")):
        return "enhetens_dokument"
    if any(word in addressee for word in _COMMITTEE_WORDS):
        return "tjänsteutlåtande"
    return "enhetens_dokument"


@rule(
    code="RK103",
    name="missing-header-field",
    name_sv="saknat-fält-i-rapporthuvudet",
    severity=Severity.ERROR,
    message=Msg(
        sv="Rapporthuvudet saknar {field_sv}. {fix_sv}",
        en="The header lacks {field_en}. {fix_en}",
    ),
    doc=Doc(
        what=Msg(
            sv="Att rapporthuvudet har enhet, rapporttyp och år (fel), och datum, handläggare"
            " och diarienummer (varning), och att datumet är ett riktigt datum.",
            en="That the header has unit, report type and year (error), and date, author and"
            " case number (warning), and that the date is a real date.",
        ),
        why=Msg(
            sv="Utan enhet, typ och år går rapporten inte att placera: varken profil,"
            " målkatalog eller jämförelse med enhetens andra rapporter kan användas. Datum,"
            " handläggare och Dnr behövs för diariet.",
            en="Without unit, type and year the report cannot be placed: no profile, goal"
            " catalogue or comparison with the unit's other reports applies. Date, author"
            " and case number are needed for the registry.",
        ),
        decisions=Msg(
            sv="Det finns två slags rapporthuvud. Ett tjänsteutlåtande till stadsdelsnämnden"
            ' har Dnr och datum; enhetens eget dokument ("Till <enheten>", "Förslag till'
            ' beslut") har varken Dnr eller beslutsdatum, och där efterfrågas de inte. Slaget'
            " anges med dokumenttyp: tjänsteutlåtande eller enhetens_dokument. Saknas det"
            " härleds det: ett huvud med Dnr, eller ställt (nämnd) till en nämnd eller"
            " styrelse som inte är enheten själv, eller utan mottagare (inget säger då att"
            " det är enhetens eget), är ett tjänsteutlåtande; ett huvud ställt till enheten"
            " själv eller till något som inte är en nämnd är enhetens eget dokument. Handläggare"
            " efterfrågas i båda. Ett datum som inte finns (2023-02-30) eller inte är skrivet"
            " ÅÅÅÅ-MM-DD är lika oanvändbart för diariet som ett saknat och rapporteras här,"
            " med samma allvarlighet (varning), i båda slagen. RK603 gäller bara"
            " aktiviteternas datum.",
            en="There are two kinds of header. A Tjänsteutlåtande to the district committee"
            ' carries a Dnr and a date; a unit\'s own document ("Till <enheten>", "Förslag'
            ' till beslut") carries neither, and they are not asked for there. The kind is'
            " written dokumenttyp: tjänsteutlåtande or enhetens_dokument. When it is absent"
            " it is inferred: a header with a Dnr, or addressed (nämnd) to a committee or"
            " board other than the unit itself, or to no one (nothing then says it is the"
            " unit's own), is a Tjänsteutlåtande; one addressed to the unit itself or to"
            " something that is not a committee is the unit's own document. The author is"
            " asked for"
            " in both. A date that does not exist (2023-02-30) or is not written YYYY-MM-DD"
            " is as useless to the registry as a missing one and is reported here, with the"
            " same severity (warning), in both kinds. RK603 covers the activities' dates"
            " only.",
        ),
        failing="""
            rapport:
              typ: VB
              enhet: Enheten för personligt stöd
              nämnd: Hägersten-Älvsjö stadsdelsnämnd
              datum: 2023-02-30
            """,
        passing="""
            rapport:
              typ: VB
              år: 2023
              enhet: Enheten för personligt stöd
              datum: 2024-02-21
              handläggare: Kamran Ronaghi
              dnr: HÅ 2023/643
            """,
    ),
)
def missing_header_field(ctx: ReportContext) -> Iterator[Violation]:
    own_document = header_kind(ctx) == "enhetens_dokument"
    for key, name, severity in _HEADER_FIELDS:
        raw = ctx.raw(("rapport", key))
        if is_empty(raw):
            if own_document and key in _STATEMENT_ONLY:
                continue
            yield missing_header_field.at(
                ("rapport", key),
                severity,
                field_sv=name.sv,
                field_en=name.en,
                fix_sv=f'Lägg till "{key}:" under "rapport:".',
                fix_en=f'Add "{key}:" under "rapport:".',
            )
        elif key == "datum" and isinstance(raw, str) and parse_date(raw) is None:
            if is_placeholder(raw):  # not yet written: RK704 reports it
                continue
            yield missing_header_field.at(
                ("rapport", key),
                severity,
                field_sv=f'ett giltigt datum ("{raw}" är inget datum)',
                field_en=f'a valid date ("{raw}" is not a date)',
                fix_sv="Skriv datumet som ÅÅÅÅ-MM-DD.",
                fix_en="Write the date as YYYY-MM-DD.",
            )


# One unit goal whose status icon the export lost; the status is on line 10.
_UNKNOWN_STATUS = """
    rapport: {typ: VB, år: 2023, enhet: Enheten}
    inriktningsmål:
      - nummer: "3"
        verksamhetsområdesmål:
          - nummer: "3.4"
            nämndmål:
              - titel: Attraktiv arbetsgivare
                enhetsmål:
                  - titel: God arbetsmiljö
                    status: %s
                    analys: Sjukfrånvaron har minskat.
    """


@rule(
    code="RK107",
    name="unverifiable-value",
    name_sv="ej-kontrollerbart-värde",
    severity=Severity.INFO,
    message=Msg(
        sv="{what_sv} kunde inte kontrolleras: {reason_sv}. Kontrollera värdet mot källan och skriv"
        " in det.",
        en="{what_en} could not be checked: {reason_en}. Check the value against the source and"
        " write it in.",
    ),
    doc=Doc(
        what=Msg(
            sv="Varje värde skrivet {okänd: <skäl>}: en målstatus, en aktivitets status eller"
            " en indikators könsuppdelning som källan hade men exporten tappade (ikonerna ●, ◆,"
            " ✓, ! och ♀), och varje tabellcell (en indikators värden, en aktivitets text och"
            " avvikelse, klagomålstabellens T1, T2 och VB) som importen av en text utan"
            " kolumner inte kunde placera med säkerhet, skriven {okänd: <källans text>}.",
            en="Every value written {okänd: <reason>}: a goal status, an activity's status or an"
            " indicator's gender split that the source had but its export lost (the icons ●,"
            " ◆, ✓, ! and ♀), and every table cell (an indicator's values, an activity's text"
            " and deviation, the complaints table's T1, T2 and VB) that the import of a text"
            " without columns could not place with confidence, written {okänd: <the source's"
            " text>}.",
        ),
        why=Msg(
            sv="Ett okänt värde är skrivet men går inte att granska; det är varken saknat eller"
            " fel, och övriga regler bedömer det inte. Granskaren behöver veta vilka värden"
            " som ska läsas i originalet.",
            en="An unknown value is written but cannot be audited; it is neither missing nor"
            " wrong, and the other rules do not judge it. The auditor needs to know which"
            " values to read in the original.",
        ),
        decisions=Msg(
            sv="En anmärkning per okänt värde, med skälet som det står (för en cell källans"
            " text). Övriga regler (RK201–"
            "RK207, RK301 m.fl.) behandlar värdet som skrivet men ej kontrollerbart: aldrig"
            " som saknat eller ogiltigt.",
            en="One finding per unknown value, with the reason as written (for a cell the"
            " source's text). The other rules"
            " (RK201–RK207, RK301 and others) treat the value as written but not verifiable:"
            " never as missing or invalid.",
        ),
        failing=_UNKNOWN_STATUS % "{okänd: statusikonen saknas i exporten}",
        passing=_UNKNOWN_STATUS % "Uppfylls helt",
    ),
)
def unverifiable_value(ctx: ReportContext) -> Iterator[Violation]:
    for path, value, what in _unknown_places(ctx):
        reason = value.reason.strip().rstrip(".")  # as written, in the author's words
        yield unverifiable_value.at(
            path, what_sv=what.sv, what_en=what.en, reason_sv=reason, reason_en=reason
        )
    for path, value, what in _cell_places(ctx):
        text = " ".join(value.reason.split())
        yield unverifiable_value.at(
            path,
            what_sv=what.sv,
            what_en=what.en,
            reason_sv=f"källans text »{text}« kunde inte placeras i en kolumn med säkerhet",
            reason_en=f"the source's text »{text}« could not be placed in a column with confidence",
        )


_GOAL_STATUS = Msg("Målets status", "The goal's status")
_ACTIVITY_STATUS = Msg("Aktivitetens status", "The activity's status")
_GENDER_SPLIT = Msg("Indikatorns könsuppdelning (♀)", "The indicator's gender split (♀)")


def _unknown_places(ctx: ReportContext) -> Iterator[tuple[DocPath, Unknown, Msg]]:
    """The values an export loses with its icons, where it lost them: statuses and the ♀
    marker (a path made only then: a report has a hundred, and few or none unknown)."""
    for ref in ctx.goals():
        if isinstance(ref.goal.status, Unknown):
            yield (*ref.path, "status"), ref.goal.status, _GOAL_STATUS
    for path, act, _ in ctx.activities():
        if isinstance(act.status, Unknown):
            yield (*path, "status"), act.status, _ACTIVITY_STATUS
    for path, ind, _ in ctx.indicators():
        if isinstance(ind.gender_split, Unknown):
            yield (*path, "könsuppdelad"), ind.gender_split, _GENDER_SPLIT


# The table cells an import of text without columns may leave unknown: (key, attribute).
_INDICATOR_CELLS = (
    ("utfall", "outcome"),
    ("utfall_män", "outcome_men"),
    ("utfall_kvinnor", "outcome_women"),
    ("utfall_föregående", "previous"),
    ("årsmål", "target"),
    ("kf_årsmål", "kf_target"),
)
_ACTIVITY_CELLS = (("aktivitet", "text"), ("avvikelse", "deviation"))
_COMPLAINT_CELLS = ("t1", "t2", "vb")


def _cell_places(ctx: ReportContext) -> Iterator[tuple[DocPath, Unknown, Msg]]:
    """Every table cell written {okänd: <the source's text>}, with its name (named only
    then: a report has hundreds of cells, and few or none unknown)."""
    for path, ind, _ in ctx.indicators():
        for key, attr in _INDICATOR_CELLS:
            value = getattr(ind, attr)
            if isinstance(value, Unknown):
                what = Msg(f"Indikatorns cell {key}", f"The indicator's cell {key}")
                yield (*path, key), value, what
    for path, act, _ in ctx.activities():
        for key, attr in _ACTIVITY_CELLS:
            value = getattr(act, attr)
            if isinstance(value, Unknown):
                what = Msg(f"Aktivitetens cell {key}", f"The activity's cell {key}")
                yield (*path, key), value, what
    quality = ctx.report.quality
    table = quality.complaints if quality is not None else None
    if table is None:
        return
    base: DocPath = ("kvalitetsarbete", "klagomål")
    rows: list[tuple[DocPath, Any]] = []
    for key, attr in (
        ("beröm", "praise"),
        ("lex_maria", "lex_maria"),
        ("lex_sarah", "lex_sarah"),
        ("återkoppling", "feedback"),
        ("åtgärder", "measures"),
    ):
        rows.append(((*base, key), getattr(table, attr)))
    for key, attr in (("från_vem", "source"), ("vad_gällde", "subject")):
        rows += [((*base, key, i), row) for i, row in enumerate(getattr(table, attr) or [])]
    for path, row in rows:
        for column in _COMPLAINT_CELLS if row is not None else ():
            value = getattr(row, column)
            if isinstance(value, Unknown):
                what = Msg(
                    f"Klagomålstabellens cell {column.upper()}", f"The complaints cell {column}"
                )
                yield (*path, column), value, what


@rule(
    code="RK108",
    name="unplaced-text",
    name_sv="oplacerad-text",
    severity=Severity.INFO,
    message=Msg(
        sv="Texten{where_sv} kunde inte placeras vid importen; flytta den till rätt avsnitt:"
        " »{start}«.",
        en="The text{where_en} could not be placed by the import; move it to the right"
        " section: »{start}«.",
    ),
    doc=Doc(
        what=Msg(
            sv="Varje post under ej_placerat: text ur källan som importen inte kunde placera i"
            " något avsnitt.",
            en="Every entry under ej_placerat: text from the source that the import could not"
            " place in any section.",
        ),
        why=Msg(
            sv="Texten är kvar men hör inte till något avsnitt, så reglerna läser den inte och"
            " nämndens sammanställning tappar den. Den som äger rapporten flyttar den dit den"
            " hör hemma, eller tar bort den om den inte hör till rapporten.",
            en="The text is kept but belongs to no section, so the rules do not read it and the"
            " committee's compilation loses it. The report's owner moves it where it belongs,"
            " or removes it if it is not part of the report.",
        ),
        decisions=Msg(
            sv="En anmärkning per post, med källans rad (och sida) när de är kända och"
            " textens början. Importen samlar ett avsnitts rader som den inte kunde placera"
            " i en post, så att de ger en anmärkning med antal rader och radintervall.",
            en="One finding per entry, with the source's line (and page) when known and the"
            " start of the text. The import gathers the lines of a section it could not"
            " place into one entry, so that they give one finding with their count and range.",
        ),
        failing="""
            rapport: {typ: VB, år: 2020, enhet: Beställarenheten äldre}
            ej_placerat:
              - rad: 42
                text: "Bilagor: Bilaga 1: Åtgärder VoR 2020"
            """,
        passing="""
            rapport: {typ: VB, år: 2020, enhet: Beställarenheten äldre}
            övrigt: "Bilagor: Bilaga 1: Åtgärder VoR 2020"
            """,
    ),
)
def unplaced_text(ctx: ReportContext) -> Iterator[Violation]:
    for i, entry in enumerate(ctx.report.unplaced or []):
        where_sv = where_en = ""
        if entry.line is not None and entry.last_line is not None:
            # one entry for a section's lines: "(12 rader under KF 2.1, rad 140–212)"
            count = entry.lines or entry.last_line - entry.line + 1
            under_sv = f" under {entry.section}" if entry.section else ""
            under_en = f" under {entry.section}" if entry.section else ""
            page_sv = f", sidan {entry.page}" if entry.page is not None else ""
            page_en = f", page {entry.page}" if entry.page is not None else ""
            where_sv = f" ({count} rader{under_sv}, rad {entry.line}–{entry.last_line}{page_sv})"
            where_en = f" ({count} lines{under_en}, lines {entry.line}–{entry.last_line}{page_en})"
        elif entry.line is not None:
            where_sv = f" på rad {entry.line}"
            where_en = f" on line {entry.line}"
            if entry.page is not None:
                where_sv += f", sidan {entry.page},"
                where_en += f", page {entry.page},"
            where_sv += " i källan"
            where_en += " of the source"
            if entry.section:
                where_sv += f" under {entry.section}"
                where_en += f" under {entry.section}"
        text = " ".join(str(entry.text or "").split())
        start = text if len(text) <= 60 else text[:59] + "…"
        yield unplaced_text.at(
            ("ej_placerat", i), where_sv=where_sv, where_en=where_en, start=start
        )


@rule(
    code="RK106",
    name="missing-report",
    name_sv="saknad-rapport",
    severity=Severity.ERROR,
    message=Msg(
        sv="{kind} {year} från {unit} saknas; den skulle ha lämnats senast {deadline} ({source}).",
        en="The {kind_en} {year} from {unit} is missing; it was due by {deadline} ({source_en}).",
    ),
    doc=Doc(
        what=Msg(
            sv="Att varje rapport som en enhet ska lämna för en period finns i trädet när"
            " fristen har gått ut. Vilka rapporter som väntas står i en inlämningslista"
            " (--roster inlamningar.yaml) eller följer av förra årets inlämningar"
            " (--roster-from-year).",
            en="That every report a unit owes for a period is in the tree once its deadline"
            " has passed. The reports expected come from a roster (--roster"
            " inlamningar.yaml) or follow from the previous year's submissions"
            " (--roster-from-year).",
        ),
        why=Msg(
            sv="En rapport som inte har lämnats har inga anmärkningar, så utan den här regeln"
            " ser en enhet som slutat lämna ut som en enhet som rättat allt. Nämnden behöver"
            " veta vilka enheter som saknas i sammanställningen.",
            en="A report that was never handed in has no findings, so without this rule a"
            " unit that stopped submitting looks like a unit that fixed everything. The"
            " committee needs to know which units are missing from its compilation.",
        ),
        decisions=Msg(
            sv="Regeln körs bara med en inlämningslista (nightly och check med --roster eller"
            " --roster-from-year). En rapport räknas som lämnad när en rapport av samma typ"
            " och år har enhetens namn i huvudet (utan hänsyn till skiftläge och mellanslag)"
            " eller ligger i den mapp som listan anger för enheten (mapp:). Den är försenad först dagen efter fristen; utan"
            " egen frist gäller VP 31 januari, T1 15 maj, T2 15 september och VB 15 februari"
            " året efter. Med --roster-from-year ÅR ska varje enhet som lämnade en VP, T1, T2"
            " eller VB för ÅR lämna samma typer för året efter. Anmärkningen står på"
            " enhetens mapp (den i listan, annars där enhetens rapporter ligger) och hör till enheten i översikten; en rapport som saknas"
            " räknas aldrig som åtgärdad. Exemplen granskas med listan härledd ur deras"
            " tidigaste år, på ett datum efter alla frister.",
            en="The rule runs only with a roster (nightly and check with --roster or"
            " --roster-from-year). A report counts as handed in when a report of the same"
            " type and year names the unit in its header (ignoring case and spacing) or lies"
            " in the folder the roster gives for the unit (mapp:). It is late only from the day after its deadline; without"
            " a deadline of its own, VP is due 31 January, T1 15 May, T2 15 September and VB"
            " 15 February of the following year. With --roster-from-year YEAR every unit that"
            " handed in a VP, T1, T2 or VB for YEAR owes the same types for the year after."
            " The finding stands on the unit's folder (the roster's, else where the unit's"
            " reports lie) and belongs to the"
            " unit in the dashboard; a missing report never counts as fixed. The examples are"
            " checked with the roster derived from their earliest year, on a date after"
            " every deadline.",
        ),
        failing="""
            rapport: {typ: T1, år: 2024, enhet: Ekbackens boende}
            ---
            rapport: {typ: T1, år: 2024, enhet: Enheten för personligt stöd}
            ---
            rapport: {typ: T1, år: 2025, enhet: Enheten för personligt stöd}
            """,
        passing="""
            rapport: {typ: T1, år: 2024, enhet: Ekbackens boende}
            ---
            rapport: {typ: T1, år: 2025, enhet: Ekbackens boende}
            """,
    ),
)
def missing_report(ctx: ReportContext) -> Iterator[Violation]:
    """Emitted by the roster (``checker.nightly.roster``): a missing report has no document."""
    return iter(())


_GOAL_PARTS = {
    "arbetssätt": Msg("Arbetssätt", "Ways of working"),
    "resursanvändning": Msg("Resursanvändning", "Use of resources"),
    "uppföljning": Msg("Uppföljning", "Follow-up"),
    "utveckling": Msg("Utveckling", "Development"),
    "förväntat_resultat": Msg("Förväntat resultat", "Expected result"),
    "analys": Msg("Analys", "Analysis"),
}


def _part_name(key: str) -> Msg:
    return _GOAL_PARTS.get(key, Msg(key, key))


@rule(
    code="RK109",
    name="goal-missing-part",
    name_sv="enhetsmål-saknar-del",
    severity=Severity.WARNING,
    message=Msg(
        sv='Enhetsmålet saknar {parts_sv}, som profilen "{profile}" kräver av varje enhetsmål.'
        ' Skriv {them_sv}, eller markera med "ej_tillämpligt: <skäl>".',
        en='The unit goal lacks {parts_en}, which the profile "{profile}" requires of every'
        ' unit goal. Write {them_en}, or mark it "ej_tillämpligt: <reason>".',
    ),
    doc=Doc(
        what=Msg(
            sv="Att varje enhetsmål har de delar som profilen för rapportens typ och år kräver"
            " (enhetsmål_obligatoriska i rules/data/profiles.yaml): i en verksamhetsplan"
            " Arbetssätt, Resursanvändning, Uppföljning och Utveckling.",
            en="That every unit goal holds the parts the profile for the report's type and year"
            " requires (enhetsmål_obligatoriska in rules/data/profiles.yaml): in a plan, Ways of"
            " working, Use of resources, Follow-up and Development.",
        ),
        why=Msg(
            sv="Planens enhetsmål är löftet som verksamhetsberättelsen följs upp mot. Utan"
            " arbetssätt, resurser, uppföljning och utveckling finns inget att följa upp.",
            en="A plan's unit goals are the promise the annual report is checked against."
            " Without ways of working, resources, follow-up and development there is nothing"
            " to follow up.",
        ),
        decisions=Msg(
            sv="En anmärkning per enhetsmål, som räknar upp alla delar som saknas eller är tomma"
            " (bara rubriker räknas inte som innehåll). En del markerad ej_tillämpligt med skäl"
            " saknas inte. Avdelningsmål bedöms"
            " inte: de är avdelningens text, inte enhetens. Profiler utan"
            " enhetsmål_obligatoriska (verksamhetsberättelser och tertialrapporter) kräver inget.",
            en="One finding per unit goal, listing every part missing or empty (headings alone"
            " are not content). A part marked ej_tillämpligt with a reason is not missing. Department goals are not judged: they are"
            " the department's text, not the unit's. Profiles without enhetsmål_obligatoriska"
            " (annual and tertial reports) require nothing.",
        ),
        failing="""
            rapport: {typ: VP, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "1"
                verksamhetsområdesmål:
                  - nummer: "1.4"
                    nämndmål:
                      - titel: Äldre lever ett tryggt liv
                        enhetsmål:
                          - titel: Brukarna känner sig trygga
                            arbetssätt: Fast omsorgskontakt för varje brukare.
                            resursanvändning: Schemat planeras efter kontinuitet.
            """,
        passing="""
            rapport: {typ: VP, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "1"
                verksamhetsområdesmål:
                  - nummer: "1.4"
                    nämndmål:
                      - titel: Äldre lever ett tryggt liv
                        enhetsmål:
                          - titel: Brukarna känner sig trygga
                            arbetssätt: Fast omsorgskontakt för varje brukare.
                            resursanvändning: Schemat planeras efter kontinuitet.
                            uppföljning: Brukarundersökningen och kontinuitetsmätningen.
                            utveckling:
                              ej_tillämpligt: Arbetssättet infördes 2022 och behålls.
            """,
    ),
)
def goal_missing_part(ctx: ReportContext) -> Iterator[Violation]:
    profile = ctx.profile
    if profile is None or not profile.goal_parts:
        return
    for ref in ctx.unit_goals():
        missing = []
        for part in profile.goal_parts:
            if is_unknown(ctx.raw((*ref.path, part))) or not unfilled(ctx.part((*ref.path, part))):
                continue
            missing.append(_part_name(part))
        if not missing:
            continue
        parts_sv = _and([m.sv for m in missing], "och")
        parts_en = _and([m.en for m in missing], "and")
        yield goal_missing_part.at(
            ref.path,
            parts_sv=parts_sv,
            parts_en=parts_en,
            them_sv="dem" if len(missing) > 1 else "den",
            them_en="them" if len(missing) > 1 else "it",
            profile=profile.name,
        )


def _and(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


# Texts that are a section of their own; a table's summary cell and a deviation note
# are short by nature.
_SECTION_TEXTS = frozenset(
    {
        "sammanfattande_analys",
        "inledning",
        "analys",
        "övrigt",
        "investeringar",
        "lokaländamål",
        "kvalitetsarbete",
    }
)
_FRAGMENT_WORDS = 8
_ENDS_SENTENCE = (".", "!", "?", ":", ")", "”", '"', "»", "…")


@rule(
    code="RK110",
    name="fragment-section",
    name_sv="brottstycke-i-avsnitt",
    severity=Severity.WARNING,
    message=Msg(
        sv="Avsnittet innehåller bara ett brottstycke: ”{fragment}”{where_sv}. Flytta hit texten"
        " som hör till avsnittet, eller skriv den.",
        en='The section holds only a fragment: "{fragment}"{where_en}. Move the text that'
        " belongs to the section here, or write it.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att ett textavsnitt inte består av bara några ord av en avbruten mening (”Tyvärr"
            " har”) medan resten av texten står under en annan rubrik.",
            en='That a text section is not just a few words of a broken sentence ("Tyvärr'
            ' har") while the rest of the text stands under another heading.',
        ),
        why=Msg(
            sv="Det händer när text klistras in från en tidigare rapport eller flyttas i mallen."
            " Läsaren får ett tomt avsnitt och en text som hör någon annanstans; avsnittet ser"
            " ifyllt ut men redovisar ingenting.",
            en="It happens when text is pasted from an earlier report or moved in the template."
            " The reader gets an empty section and text that belongs elsewhere; the section"
            " looks filled in but reports nothing.",
        ),
        decisions=Msg(
            sv="Bara enhetens egna textavsnitt (sammanfattande analys, inledning, analyser,"
            " övrigt, investeringar, lokaländamål, kvalitetsarbete), inte tabellens"
            " sammanfattningar eller avvikelsekommentarer, som är korta av naturen. Ett"
            " brottstycke är hela avsnittets text när den har högst åtta ord, inte slutar med"
            " skiljetecken och antingen slutar med ett ord som ingen mening slutar med (”har”,"
            " ”att”, ”och”, se ofullständigt_slut i rules/data/text_signals.yaml) eller följs av"
            " en text som börjar med liten bokstav (fortsättningen under nästa rubrik). Tyst är"
            " regeln för en kort hel mening (”Inga investeringar.”), en rubrik (”Beställarenheten"
            " äldre”) och ett tomt avsnitt (RK102).",
            en="Only the unit's own text sections (summary analysis, introduction, analyses,"
            " other, investments, premises, quality work), not the table's summaries or"
            " deviation notes, which are short by nature. A fragment is the section's whole"
            " text when it has at most eight words, does not end with punctuation and either"
            ' ends with a word no sentence ends with ("har", "att", "och", see'
            " ofullständigt_slut in rules/data/text_signals.yaml) or is followed by a text"
            " starting with a lower-case letter (the continuation under the next heading). The"
            ' rule is silent for a short whole sentence ("Inga investeringar."), a heading'
            ' ("Beställarenheten äldre") and an empty section (RK102).',
        ),
        failing="""
            rapport: {typ: VB, år: 2020, enhet: Enheten}
            sammanfattande_analys:
              avsnitt:
                - rubrik: Utvecklingsarbete
                  text: Tyvärr har
                - rubrik: Kompetensutveckling
                  text: också detta arbete fått pausas på grund av pandemin.
            """,
        passing="""
            rapport: {typ: VB, år: 2020, enhet: Enheten}
            sammanfattande_analys:
              avsnitt:
                - rubrik: Utvecklingsarbete
                  text: Arbetet har pausats.
                - rubrik: Beställarenheten äldre
                  text: Beställarenheten äldre
                - rubrik: Kompetensutveckling
                  text: Tyvärr har också detta arbete fått pausas på grund av pandemin.
            """,
    ),
)
def fragment_section(ctx: ReportContext) -> Iterator[Violation]:
    sig = signals(ctx)
    texts = narrative(ctx)
    for i, (path, text) in enumerate(texts):
        if owner_key(path) not in _SECTION_TEXTS:
            continue
        words = text.split(None, _FRAGMENT_WORDS)  # a long text is not split whole
        if not words or len(words) > _FRAGMENT_WORDS:
            continue
        body = " ".join(words)
        if body.endswith(_ENDS_SENTENCE):
            continue
        nxt = texts[i + 1][1].lstrip() if i + 1 < len(texts) else ""
        broken = words[-1].lower().strip(",;") in sig.open_end
        continued = nxt[:1].islower()
        if not broken and not continued:
            continue
        yield fragment_section.at(
            path,
            fragment=body,
            where_sv=", och texten under nästa rubrik börjar mitt i en mening" if continued else "",
            where_en=", and the text under the next heading starts mid-sentence"
            if continued
            else "",
        )


rapportkoll_rules = family(__name__)
