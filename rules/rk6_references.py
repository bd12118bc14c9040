"""RK6 references and dates: the KF goal catalogue, activity dates, comparison year."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from checker.plugin import (
    Doc,
    Msg,
    ReportContext,
    Severity,
    Violation,
    family,
    is_placeholder,
    lazy_re,
    nfc,
    parse_date,
    rule,
    set_value,
)
from rules.presence import is_empty
from rules.refmodels import mandate_period


def norm_number(raw: object) -> str:
    return str(raw).strip().rstrip(".").strip()


def norm_title(raw: object) -> str:
    """Titles compared without case, spacing, dash style, Unicode form or a trailing full stop."""
    return _norm_title(str(raw))


# Kept per text: every report's KF goals are compared with the same catalogue titles.
@lru_cache(maxsize=4096)
def _norm_title(raw: str) -> str:
    text = nfc(raw).lower().replace("–", "-").replace("—", "-")
    text = _DASH.sub(" - ", text)
    return " ".join(text.split()).rstrip(". ")


_DASH = lazy_re(r"\s*-\s*")


def _kf_goals(ctx: ReportContext) -> Iterator[tuple[tuple[str | int, ...], str, object, object]]:
    for ref in ctx.goals():
        if ref.level in ("inriktningsmål", "verksamhetsområdesmål"):
            yield ref.path, ref.level, getattr(ref.goal, "number", None), ref.goal.title


@rule(
    code="RK601",
    name="unknown-kf-goal",
    name_sv="okänt-kf-mål",
    severity=Severity.WARNING,
    unverified=Msg(
        "{n} KF-mål kunde inte kontrolleras mot katalogen",
        "{n} KF goal(s) could not be checked against the catalogue",
    ),
    message=Msg(
        sv="KF-målet {number} finns inte i målkatalogen för mandatperioden {period}.{advice_sv}",
        en="The KF goal {number} is not in the goal catalogue for the mandate period"
        " {period}.{advice_en}",
    ),
    doc=Doc(
        what=Msg(
            sv="Att varje KF-mål (inriktningsmål och mål för verksamhetsområdet) har ett nummer"
            " som finns i målkatalogen för rapportårets mandatperiod"
            " (rules/data/kf_goals.yaml).",
            en="That every KF goal (direction goal and goal for the area of activity) has a number"
            " found in the goal catalogue for the report year's mandate period"
            " (rules/data/kf_goals.yaml).",
        ),
        why=Msg(
            sv="Numren är nyckeln när nämnden sammanställer alla enheters måluppfyllelse; ett"
            " okänt nummer (ofta kvar från förra mandatperioden) hamnar utanför"
            " sammanställningen.",
            en="The numbers are the key when the committee compiles all units' goal attainment; an"
            " unknown number (often left over from the previous mandate period) falls outside"
            " the compilation.",
        ),
        decisions=Msg(
            sv='En punkt efter numret ("1.4.") ignoreras. År utanför katalogens mandatperioder'
            " kontrolleras inte. Katalogen är ofullständig där den säger det (komplett: false,"
            " med de okända numren under okända): där är ett okänt nummer troligen ett riktigt"
            " mål som katalogen saknar – en fråga om katalogen, inte en brist i rapporten. Det"
            " ger därför ingen anmärkning på rapporten (tidigare info); körningens"
            " sammanfattning och --statistics räknar sådana nummer (”1 KF-mål kunde inte"
            " kontrolleras mot katalogen”), så att katalogen kan kompletteras i kf_goals.yaml."
            " I en komplett period är ett okänt nummer en varning till författaren, och så är"
            " i varje period ett okänt inriktningsmål (de är kända i sin helhet) och ett mål"
            " för verksamhetsområdet vars första led inte är ett inriktningsmål. Ett mål under"
            " ett okänt inriktningsmål anmärks inte en gång till.",
            en='A full stop after the number ("1.4.") is ignored. Years outside the catalogue\'s'
            " periods are not checked. The catalogue is incomplete where it says so (komplett:"
            " false, with the unknown numbers under okända): there an unknown number is likely"
            " a real goal the catalogue lacks – a question about the catalogue, not a defect of"
            " the report. It therefore gives no finding on the report (formerly info); the"
            " run's summary and --statistics count such numbers (\"1 KF goal could not be"
            ' checked against the catalogue"), so that the catalogue can be completed in'
            " kf_goals.yaml. In a complete period an unknown number is a warning to the author,"
            " and so is, in every period, an unknown direction goal (they are known whole) and"
            " an area goal whose first part is no direction goal. A goal under an unknown"
            " direction goal is not reported a second time.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "4.1"
                    titel: Stockholm är en stad med smarta lösningar
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.1"
                    titel: Stockholms ekonomi är stark, hållbar och lägger grunden för en jämlik välfärd
            """,
    ),
)
def unknown_kf_goal(ctx: ReportContext) -> Iterator[Violation]:
    period = mandate_period(ctx)
    if period is None:
        return
    for path, level, number, _ in _kf_goals(ctx):
        if is_empty(number) or is_placeholder(number):
            continue
        known = period.direction_goals if level == "inriktningsmål" else period.area_goals
        text = norm_number(number)
        if text in known:
            continue
        # The inriktningsmål are known whole in every period (the catalogue's okända are
        # goals for areas): an unknown one, or an area goal under none of them, is certain.
        head = text.split(".")[0]
        certain = level == "inriktningsmål" or head not in period.direction_goals
        if level != "inriktningsmål" and certain:
            parent = ctx.raw((*path[:2], "nummer"))
            if parent is not None and norm_number(parent) == head:
                continue  # its inriktningsmål is reported unknown: one defect, one finding
        if period.complete or certain:
            yield unknown_kf_goal.at(
                (*path, "nummer"),
                number=norm_number(number),
                period=period.name,
                advice_sv=" Kontrollera numret mot KF:s budget.",
                advice_en=" Check the number against KF's budget.",
            )
        else:
            # A question about the catalogue, not a defect of the report: counted for the
            # run's summary and --statistics, not reported on the report.
            ctx.note_unverified(unknown_kf_goal.code)


_TITLE_FIX = Msg('Skriv katalogens titel "{title}"', 'Write the catalogue\'s title "{title}"')


@rule(
    code="RK602",
    name="kf-goal-title-mismatch",
    name_sv="fel-titel-på-kf-mål",
    severity=Severity.ERROR,
    message=Msg(
        sv='KF-målet {number} heter "{expected}" i målkatalogen, inte "{title}".',
        en='The KF goal {number} is called "{expected}" in the goal catalogue, not "{title}".',
    ),
    suggestion=Msg(sv='Skriv "{suggestion}".', en='Write "{suggestion}".'),
    doc=Doc(
        what=Msg(
            sv="Att ett känt KF-mål har den titel som kommunfullmäktige beslutat för"
            " mandatperioden.",
            en="That a known KF goal has the title the city council decided for the mandate"
            " period.",
        ),
        why=Msg(
            sv="Titeln visar vilket mål enheten tror att den följer upp; en annan titel betyder"
            " ofta att målet hör till en annan mandatperiod eller ett annat nummer.",
            en="The title shows which goal the unit believes it follows up; a different title"
            " often means the goal belongs to another period or number.",
        ),
        decisions=Msg(
            sv="Skiftläge, mellanslag, bindestreckets form och en avslutande punkt ignoreras.",
            en="Case, spacing, dash style and a final full stop are ignored.",
        ),
        fix=Msg(
            sv="Säker rättning (--fix): titeln byts mot målkatalogens titel för numret.",
            en="Safe fix (--fix): the title is replaced by the goal catalogue's title for the number.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.1"
                    titel: Stockholm har en budget i balans och långsiktigt hållbara finanser
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.1"
                    titel: Stockholms ekonomi är stark, hållbar och lägger grunden för en jämlik välfärd
            """,
    ),
)
def kf_goal_title_mismatch(ctx: ReportContext) -> Iterator[Violation]:
    period = mandate_period(ctx)
    if period is None:
        return
    for path, level, number, title in _kf_goals(ctx):
        if is_empty(number) or is_empty(title) or is_placeholder(title):
            continue
        known = period.direction_goals if level == "inriktningsmål" else period.area_goals
        expected = known.get(norm_number(number))
        if expected is not None and norm_title(expected) != norm_title(title):
            yield kf_goal_title_mismatch.at(
                (*path, "titel"),
                fix=set_value((*path, "titel"), expected, _TITLE_FIX.format(title=expected)),
                number=norm_number(number),
                expected=expected,
                title=title,
                suggestion=expected,
            )


@rule(
    code="RK603",
    name="invalid-activity-dates",
    name_sv="ogiltiga-aktivitetsdatum",
    severity=Severity.ERROR,
    message=Msg(
        sv='Aktiviteten "{activity}": {detail_sv}',
        en='Activity "{activity}": {detail_en}',
    ),
    doc=Doc(
        what=Msg(
            sv="Att aktivitetens start- och slutdatum är riktiga datum (ÅÅÅÅ-MM-DD) och att start"
            " inte ligger efter slut.",
            en="That the activity's start and end dates are real dates (YYYY-MM-DD) and that the"
            " start is not after the end.",
        ),
        why=Msg(
            sv="Datumen avgör om aktiviteten hör till året och om den är försenad; ett felaktigt"
            " datum gör båda bedömningarna omöjliga.",
            en="The dates decide whether the activity belongs to the year and whether it is late;"
            " a wrong date makes both judgements impossible.",
        ),
        decisions=Msg(
            sv='Bara formen ÅÅÅÅ-MM-DD godtas, inte "20230101" eller veckodatum. Ett tomt'
            " datum godtas. Rapporthuvudets datum bedöms av RK103.",
            en='Only the form YYYY-MM-DD is accepted, not "20230101" or week dates. A blank'
            " date is accepted. The header's date is judged by RK103.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.5"
                    aktiviteter:
                      - aktivitet: Övning av kontinuitetsplanen
                        startdatum: 2023-09-01
                        slutdatum: 2023-02-30
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.5"
                    aktiviteter:
                      - aktivitet: Övning av kontinuitetsplanen
                        startdatum: 2023-09-01
                        slutdatum: 2023-12-31
            """,
    ),
)
def invalid_activity_dates(ctx: ReportContext) -> Iterator[Violation]:
    for path, act, _ in ctx.activities():
        start, end = parse_date(act.start), parse_date(act.end)
        for key, raw, parsed in (("startdatum", act.start, start), ("slutdatum", act.end, end)):
            if not is_empty(raw) and parsed is None and not is_placeholder(raw):
                yield invalid_activity_dates.at(
                    (*path, key),
                    activity=_short(act.text),
                    detail_sv=f'{key} "{raw}" är inget datum. Skriv ÅÅÅÅ-MM-DD.',
                    detail_en=f'{key} "{raw}" is not a date. Write YYYY-MM-DD.',
                )
        if start and end and start > end:
            yield invalid_activity_dates.at(
                (*path, "startdatum"),
                activity=_short(act.text),
                detail_sv=f"startdatum {start} ligger efter slutdatum {end}.",
                detail_en=f"the start date {start} is after the end date {end}.",
            )


def _short(text: object) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= 60 else s[:59] + "…"


@rule(
    code="RK604",
    name="activity-outside-period",
    name_sv="aktivitet-utanför-perioden",
    severity=Severity.WARNING,
    message=Msg(
        sv='Aktiviteten "{activity}" pågår {start}–{end}, helt utanför rapportåret {year}.',
        en='The activity "{activity}" runs {start}–{end}, entirely outside the report year {year}.',
    ),
    doc=Doc(
        what=Msg(
            sv="Att varje aktivitet med giltiga datum överlappar rapportåret.",
            en="That every activity with valid dates overlaps the report year.",
        ),
        why=Msg(
            sv="En aktivitet som ligger helt utanför året är oftast kvar från en tidigare rapport"
            " och ska inte följas upp nu.",
            en="An activity entirely outside the year is usually left over from an earlier report"
            " and should not be followed up now.",
        ),
        decisions=Msg(
            sv="En aktivitet som börjar årets sista dag eller slutar dess första överlappar"
            " året. En aktivitet utan start- eller slutdatum, eller med ett datum som inte"
            " är giltigt, bedöms inte här (RK603 gäller). Regeln gäller alla rapporttyper.",
            en="An activity that starts on the year's last day or ends on its first overlaps"
            " the year. An activity without a start or end date, or with an invalid date, is"
            " not judged here (RK603 applies). The rule applies to every report type.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.5"
                    aktiviteter:
                      - aktivitet: Prognosuppföljning
                        startdatum: 2022-01-01
                        slutdatum: 2022-12-31
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.5"
                    aktiviteter:
                      - aktivitet: Prognosuppföljning
                        startdatum: 2022-06-01
                        slutdatum: 2023-06-30
            """,
    ),
)
def activity_outside_period(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.year is None:
        return
    first, last = dt.date(ctx.year, 1, 1), dt.date(ctx.year, 12, 31)
    for path, act, _ in ctx.activities():
        start, end = parse_date(act.start), parse_date(act.end)
        if start is None or end is None or start > end:
            continue
        if end < first or start > last:
            yield activity_outside_period.at(
                path, activity=_short(act.text), start=start, end=end, year=ctx.year
            )


_YEAR = re.compile(r"(19|20)\d{2}")


@rule(
    code="RK605",
    name="previous-year-label",
    name_sv="fel-år-för-föregående-utfall",
    severity=Severity.WARNING,
    message=Msg(
        sv='Jämförelsekolumnen "{label}" avser {found}, men för ett {year}-års rapport ska den'
        " avse {expected}.",
        en='The comparison column "{label}" refers to {found}, but a {year} report compares with'
        " {expected}.",
    ),
    suggestion=Msg(sv="{suggestion}", en="{suggestion}"),
    doc=Doc(
        what=Msg(
            sv="Att indikatorns jämförelsekolumn (Utfall VB föregående år) namnger året före"
            " rapportåret.",
            en="That the indicator's comparison column (outcome of the previous annual report)"
            " names the year before the report year.",
        ),
        why=Msg(
            sv="Fel år i rubriken betyder oftast att hela kolumnen är kopierad från fel rapport.",
            en="A wrong year in the heading usually means the whole column was copied from the"
            " wrong report.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - {namn: Sjukfrånvaro, utfall: "9,5 %", utfall_föregående: "8 %", föregående_rubrik: Utfall VB 2021}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - {namn: Sjukfrånvaro, utfall: "9,5 %", utfall_föregående: "8 %", föregående_rubrik: Utfall VB 2022}
            """,
    ),
)
def previous_year_label(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.year is None:
        return
    for path, ind, _ in ctx.indicators():
        if is_empty(ind.previous_label):
            continue
        years = [int(m.group(0)) for m in _YEAR.finditer(str(ind.previous_label))]
        if years and years[-1] != ctx.year - 1:
            fixed = _YEAR.sub(str(ctx.year - 1), str(ind.previous_label))
            yield previous_year_label.at(
                (*path, "föregående_rubrik"),
                label=ind.previous_label,
                found=years[-1],
                expected=ctx.year - 1,
                year=ctx.year,
                suggestion=fixed,
            )


# -- RK606 ---------------------------------------------------------------------------

_GOAL_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*$")


def goal_number(raw: object) -> tuple[int, ...] | None:
    """A goal number as its parts ("1.3.2.1." → (1, 3, 2, 1)); None when it is not one."""
    if raw is None or isinstance(raw, bool) or is_placeholder(raw):
        return None
    text = norm_number(raw)
    if not _GOAL_NUMBER.match(text):
        return None
    return tuple(int(p) for p in text.split("."))


def _dotted(parts: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in parts)


def _other_scheme(ctx: ReportContext, prefix: tuple[int, ...]) -> str | None:
    """The other mandate period whose catalogue has ``prefix`` as a KF goal, when this
    period's has not: the number was taken from that period's scheme."""
    from rules.refmodels import GoalCatalogue

    own = mandate_period(ctx)
    number = _dotted(prefix)
    if own is None or number in own.area_goals:
        return None
    catalogue: GoalCatalogue = ctx.refdata.get("kf_goals.yaml")
    for period in catalogue.periods:
        if period.name != own.name and number in period.area_goals:
            return period.name
    return None


@rule(
    code="RK606",
    name="goal-number-outside-tree",
    name_sv="målnummer-utanför-målträdet",
    severity=Severity.WARNING,
    message=Msg(
        sv="Målets nummer {number} passar inte i målträdet: det står under {parent_sv}, och ett"
        " mål under det ska ha ett nummer som börjar med ”{prefix}.”.{scheme_sv} Rätta numret.",
        en="The goal's number {number} does not fit the goal tree: it stands under"
        " {parent_en}, and a goal under it must have a number starting with"
        ' "{prefix}.".{scheme_en} Correct the number.',
    ),
    doc=Doc(
        what=Msg(
            sv="Att ett numrerat avdelnings- eller enhetsmål har ett nummer som bygger vidare på"
            " numret ovanför: ett enhetsmål under avdelningsmålet 1.3.1.1 heter 1.3.1.1.x, inte"
            " 1.3.2.1.1, och allt under KF-målet 3.4 börjar med 3.4.",
            en="That a numbered department or unit goal has a number that extends the number"
            " above it: a unit goal under the department goal 1.3.1.1 is 1.3.1.1.x, not"
            " 1.3.2.1.1, and everything under the KF goal 3.4 starts with 3.4.",
        ),
        why=Msg(
            sv="Numren är det som förvaltningen sammanställer efter. Ett nummer som pekar på ett"
            " annat mål (eller på förra mandatperiodens numrering) hamnar under fel mål i"
            " sammanställningen, och läsaren kan inte se vilket mål som avses.",
            en="The numbers are what the administration compiles by. A number that points at"
            " another goal (or at the previous mandate period's numbering) lands under the"
            " wrong goal in the compilation, and the reader cannot tell which goal is meant.",
        ),
        decisions=Msg(
            sv="Bara nummer av siffror och punkter jämförs; en punkt sist (”1.3.2.1.”) räknas"
            " inte som fel. Nämndmål har inget nummer i rapporten, så ett avdelningsmål jämförs"
            " med KF-målet ovanför och ett enhetsmål med närmaste numrerade mål ovanför"
            " (avdelningsmålet, annars KF-målet). Numret ska börja med förälderns nummer och"
            " ha fler led. Finns numrets början (”3.2”) som KF-mål i en annan mandatperiods"
            " katalog men inte i rapportårets, sägs det i meddelandet. Tyst är regeln när"
            " numret saknas, är en platshållare eller inte är ett nummer, för enhetens egen"
            " numrering med färre än tre led (”1”, ”2.1”), och när målet ovanför saknar läsbart"
            " nummer.",
            en='Only numbers of digits and dots are compared; a final dot ("1.3.2.1.") is not'
            " counted as a fault. Committee goals carry no number in the report, so a"
            " department goal is compared with the KF goal above it and a unit goal with the"
            " nearest numbered goal above (the department goal, else the KF goal). The number"
            " must start with the parent's number and have more parts. When the number's start"
            ' ("3.2") is a KF goal in another mandate period\'s catalogue but not in the report'
            " year's, the message says so. The rule is silent when the number is missing, a"
            " placeholder or not a number, for the unit's own numbering of fewer than three parts"
            ' ("1", "2.1"), and when the goal above has no readable number.',
        ),
        failing="""
            rapport: {typ: VP, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "1"
                verksamhetsområdesmål:
                  - nummer: "1.3"
                    nämndmål:
                      - titel: Egna resurser
                        avdelningsmål:
                          - nummer: "1.3.1.1"
                            titel: Delaktighet i utredningen
                            enhetsmål:
                              - nummer: "1.3.2.1.1"
                                titel: Den enskilde är delaktig
            """,
        passing="""
            rapport: {typ: VP, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "1"
                verksamhetsområdesmål:
                  - nummer: "1.3"
                    nämndmål:
                      - titel: Egna resurser
                        avdelningsmål:
                          - nummer: "1.3.1.1."
                            titel: Delaktighet i utredningen
                            enhetsmål:
                              - nummer: "1.3.1.1.1"
                                titel: Den enskilde är delaktig
            """,
    ),
)
def goal_number_outside_tree(ctx: ReportContext) -> Iterator[Violation]:
    for ref in ctx.goals():
        if ref.level not in ("avdelningsmål", "enhetsmål"):
            continue
        number = goal_number(getattr(ref.goal, "number", None))
        if number is None or len(number) < 3:
            continue  # "1", "2.1": the unit's own numbering, not the city's scheme
        parent = next(
            (
                p
                for p in reversed(ref.parents)
                if p.level in ("avdelningsmål", "verksamhetsområdesmål")
                and getattr(p.goal, "number", None) is not None
            ),
            None,
        )
        if parent is None:
            continue
        above = goal_number(getattr(parent.goal, "number", None))
        if above is None or (len(number) > len(above) and number[: len(above)] == above):
            continue
        kf = parent.level == "verksamhetsområdesmål"
        other = (
            _other_scheme(ctx, number[:2]) if len(number) >= 2 and number[:2] != above[:2] else None
        )
        yield goal_number_outside_tree.at(
            (*ref.path, "nummer"),
            number=norm_number(getattr(ref.goal, "number", "")),
            parent_sv=f"KF-målet {_dotted(above)}" if kf else f"avdelningsmålet {_dotted(above)}",
            parent_en=f"the KF goal {_dotted(above)}"
            if kf
            else f"the department goal {_dotted(above)}",
            prefix=_dotted(above),
            scheme_sv=f" {_dotted(number[:2])} är KF-målets nummer i mandatperioden {other}."
            if other
            else "",
            scheme_en=f" {_dotted(number[:2])} is the KF goal's number in the {other} mandate"
            " period."
            if other
            else "",
        )


rapportkoll_rules = family(__name__)
