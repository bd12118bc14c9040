"""RK2 statuses: goal and activity statuses, and what they must agree with."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator

from checker.plugin import (
    Doc,
    DocPath,
    FixIntent,
    GoalRef,
    Indicator,
    Msg,
    Quantity,
    ReportContext,
    Severity,
    Unknown,
    Violation,
    family,
    is_placeholder,
    nfc,
    norm_unit,
    parse,
    parse_date,
    rule,
    set_value,
)
from rules.assessment import assessed, assessed_goals
from rules.presence import is_empty, is_unknown
from rules.refmodels import IndicatorTraits, indicator_traits, vocabularies
from rules.text_evidence import administrations_activity, continues_past_end, quote


def status_expected(ref: GoalRef) -> bool:
    """An enhetsmål always; an avdelningsmål when no enhetsmål below it takes the assessment."""
    if ref.level == "enhetsmål":
        return True
    return ref.level == "avdelningsmål" and not getattr(ref.goal, "unit_goals", None)


def odd_characters(text: object) -> Msg:
    """Invisible characters and look-alike letters in a rejected status, as a sentence.

    A zero-width space (U+200B) between "Uppfylls" and "helt", or a Cyrillic
    "у" in "Uppfуlls helt", looks right on screen; naming the character tells
    the author what to delete. Empty when there are none.
    """
    invisible: list[str] = []
    lookalike: list[str] = []
    for char in dict.fromkeys(str(text)):
        kind = unicodedata.category(char)
        if kind[0] == "C" and not char.isspace():  # format and control characters
            invisible.append(_codepoint(char))
        elif kind[0] == "L" and "LATIN" not in unicodedata.name(char, ""):
            lookalike.append(_codepoint(char))
    sv = en = ""
    if invisible:
        listed = ", ".join(invisible)
        if len(invisible) > 1:
            sv += f" Den innehåller osynliga tecken {listed}."
            en += f" It contains invisible characters {listed}."
        else:
            sv += f" Den innehåller ett osynligt tecken {listed}."
            en += f" It contains an invisible character {listed}."
    if lookalike:
        listed = ", ".join(lookalike)
        if len(lookalike) > 1:
            sv += f" Den innehåller tecken som liknar latinska bokstäver men inte är det: {listed}."
            en += f" It contains characters that look like Latin letters but are not: {listed}."
        else:
            sv += f" Den innehåller ett tecken som liknar en latinsk bokstav men inte är det: {listed}."
            en += f" It contains a character that looks like a Latin letter but is not: {listed}."
    return Msg(sv=sv, en=en)


def _codepoint(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


@rule(
    code="RK201",
    name="invalid-goal-status",
    name_sv="ogiltig-målstatus",
    severity=Severity.ERROR,
    message=Msg(
        sv='Statusen "{status}" finns inte.{odd_sv} Giltiga: Uppfylls helt, Uppfylls delvis,'
        " Uppfylls inte.",
        en='The status "{status}" does not exist.{odd_en} Valid: Uppfylls helt, Uppfylls'
        " delvis, Uppfylls inte.",
    ),
    suggestion=Msg(sv='Menade du "{suggestion}"?', en='Did you mean "{suggestion}"?'),
    doc=Doc(
        what=Msg(
            sv="Att varje målstatus är en av de tre i vokabulären (rules/data/vocabularies.yaml).",
            en="That every goal status is one of the three in the vocabulary"
            " (rules/data/vocabularies.yaml).",
        ),
        why=Msg(
            sv='Statusen räknas samman för hela nämnden; en variant som "Uppfylles helt" faller'
            " bort ur sammanställningen och målet ser ut att sakna bedömning.",
            en='Statuses are aggregated for the whole committee; a variant such as "Uppfylles'
            ' helt" drops out of the aggregation and the goal looks unassessed.',
        ),
        decisions=Msg(
            sv="Skiftläge, mellanslag och exportens ikoner (●, ◆) ignoreras, och texten"
            ' jämförs i Unicode NFC. "Ingen" betyder ingen egen bedömning och är ingen status.'
            " I en plan gäller RK203 i stället. Ett osynligt tecken (t.ex. U+200B) eller en"
            " bokstav från ett annat alfabet som liknar en latinsk gör statusen ogiltig och"
            " pekas ut i anmärkningen. Förslaget går efter betydelse, inte stavning:"
            ' "Helt uppfyllt", "Uppfyllt" och "Uppnått" föreslås som Uppfylls helt,'
            ' "Delvis uppfyllt" som Uppfylls delvis, "Ej uppfylld" och "Inte uppfyllt" som'
            " Uppfylls inte (statussynonymer och statusmarkörer i vocabularies.yaml); först"
            " när inget ord avgör betydelsen föreslås den närmaste stavningen. {okänd: …}"
            " är en status som exporten tappat och bedöms inte (RK107).",
            en="Case, spacing and the export's icons (●, ◆) are ignored, and the text is"
            ' compared in Unicode NFC. "Ingen" means no own assessment and is not a status.'
            " In a plan RK203 applies instead. An invisible character (e.g. U+200B) or a"
            " letter from another alphabet that looks like a Latin one makes the status"
            " invalid and is pointed out in the finding. The suggestion goes by meaning, not"
            ' spelling: "Helt uppfyllt", "Uppfyllt" and "Uppnått" suggest Uppfylls helt,'
            ' "Delvis uppfyllt" Uppfylls delvis, "Ej uppfylld" and "Inte uppfyllt" Uppfylls'
            " inte (statussynonymer and statusmarkörer in vocabularies.yaml); only when no"
            " word decides the meaning is the closest spelling suggested. {okänd: …} is a"
            " status the export lost and is not judged (RK107).",
        ),
        fix=Msg(
            sv="Säker rättning (--fix): en status vars betydelse är säker byts mot statusen i"
            ' vokabulären ("Uppfylles helt" → Uppfylls helt, "Delvis uppfyllt" → Uppfylls'
            " delvis). Där bara stavningen ger förslaget rättas inget.",
            en="Safe fix (--fix): a status whose meaning is certain is replaced by the"
            ' vocabulary\'s status ("Uppfylles helt" → Uppfylls helt, "Delvis uppfyllt" →'
            " Uppfylls delvis). Where only the spelling gives the suggestion nothing is fixed.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylles helt
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls helt
            """,
    ),
)
def invalid_goal_status(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.type == "VP":
        return
    v = vocabularies(ctx)
    for ref in ctx.goals():
        status = ref.goal.status
        if is_unknown(status) or v.is_no_assessment(status) or v.goal_status(status) is not None:
            continue
        if is_placeholder(status):  # not yet written: RK704 reports it
            continue
        odd = odd_characters(status)
        yield invalid_goal_status.at(
            (*ref.path, "status"),
            fix=_status_fix((*ref.path, "status"), v.certain_status(status)),
            status=status,
            odd_sv=odd.sv,
            odd_en=odd.en,
            suggestion=v.closest_status(status),
        )


def _status_fix(path: DocPath, certain: str | None) -> FixIntent | None:
    if certain is None:
        return None
    title = Msg(f'Ändra statusen till "{certain}"', f'Change the status to "{certain}"')
    return set_value(path, certain, title)


@rule(
    code="RK202",
    name="missing-goal-status",
    name_sv="saknad-målstatus",
    severity=Severity.ERROR,
    message=Msg(
        sv="Enhetsmålet saknar status. Ange Uppfylls helt, Uppfylls delvis eller Uppfylls inte"
        " ({what}).",
        en="The unit goal has no status. Give Uppfylls helt, Uppfylls delvis or Uppfylls inte"
        " ({what_en}).",
    ),
    doc=Doc(
        what=Msg(
            sv="Att varje enhetsmål i en verksamhetsberättelse eller tertialrapport har en status.",
            en="That every unit goal in an annual or tertial report has a status.",
        ),
        why=Msg(
            sv="Enhetsmålets status är enhetens egen bedömning av året; utan den kan nämnden inte"
            " följa upp målet.",
            en="The unit goal's status is the unit's own assessment of the year; without it the"
            " committee cannot follow the goal up.",
        ),
        decisions=Msg(
            sv='"Ingen" räknas som saknad status på enhetsmålsnivå. Ett avdelningsmål utan'
            " egna enhetsmål är den nivå enheten bedömer och behöver då en status som ett"
            " enhetsmål; ett avdelningsmål med enhetsmål under sig får sakna status, som"
            " nämndmålet. Nivåerna ovanför får sakna status. En status skriven {okänd: …}"
            " finns men kunde inte läsas ur exporten och räknas inte som saknad (RK107).",
            en='"Ingen" counts as a missing status at unit-goal level. An avdelningsmål without'
            " unit goals of its own is the level the unit assesses and then needs a status like"
            " a unit goal; one with unit goals below it may lack a status, like the committee"
            " goal. The levels above may lack a status. A status written {okänd: …} exists but"
            " could not be read from the export and does not count as missing (RK107).",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            analys: Vi har arbetat …
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls helt
                            analys: Vi har arbetat …
            """,
    ),
)
def missing_goal_status(ctx: ReportContext) -> Iterator[Violation]:
    if not assessed(ctx):
        return
    v = vocabularies(ctx)
    what = {
        "VB": ("bedömning för året", "assessment of the year"),
        "T1": ("prognos för året", "forecast for the year"),
        "T2": ("prognos för året", "forecast for the year"),
    }[ctx.type or "VB"]
    for ref in assessed_goals(ctx):
        if not status_expected(ref) or is_unknown(ref.goal.status):
            continue
        if v.is_no_assessment(ref.goal.status):
            yield missing_goal_status.at((*ref.path, "status"), what=what[0], what_en=what[1])


@rule(
    code="RK203",
    name="status-in-plan",
    name_sv="status-i-plan",
    severity=Severity.WARNING,
    message=Msg(
        sv='En verksamhetsplan bedömer inga mål, men målet har statusen "{status}". Ta bort'
        " statusen.",
        en='A plan assesses no goals, but the goal has the status "{status}". Remove the status.',
    ),
    doc=Doc(
        what=Msg(
            sv="Att inget mål i en verksamhetsplan har en status.",
            en="That no goal in a plan carries a status.",
        ),
        why=Msg(
            sv="En plan skrivs före året; en status där är kvar från en kopierad berättelse och"
            " vilseleder läsaren.",
            en="A plan is written before the year; a status there is left over from a copied"
            " report and misleads the reader.",
        ),
        decisions=Msg(
            sv='"Ingen" är ingen status och godtas i en plan.',
            en='"Ingen" is not a status and is accepted in a plan.',
        ),
        failing="""
            rapport: {typ: VP, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls helt
            """,
        passing="""
            rapport: {typ: VP, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            arbetssätt: Vi …
            """,
    ),
)
def status_in_plan(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.type != "VP":
        return
    v = vocabularies(ctx)
    for ref in ctx.goals():
        if not is_unknown(ref.goal.status) and not v.is_no_assessment(ref.goal.status):
            yield status_in_plan.at((*ref.path, "status"), status=ref.goal.status)


@rule(
    code="RK204",
    name="unexplained-status",
    name_sv="oförklarad-status",
    severity=Severity.ERROR,
    message=Msg(
        sv='Målet bedöms "{status}" men analysen är tom. Förklara varför målet inte uppfylls helt'
        " och vad enheten gör åt det.",
        en='The goal is assessed "{status}" but the analysis is empty. Explain why the goal is not'
        " fully met and what the unit does about it.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att ett enhetsmål som uppfylls delvis eller inte har en analys.",
            en="That a unit goal that is partly met or not met has an analysis.",
        ),
        why=Msg(
            sv="Ett mål som inte nås kräver en förklaring och åtgärder; annars kan nämnden inte"
            " bedöma om det är en engångshändelse eller ett mönster.",
            en="A missed goal needs an explanation and measures; otherwise the committee cannot"
            " judge whether it is a one-off or a pattern.",
        ),
        decisions=Msg(
            sv="Avdelningsmål bedöms som enhetsmål: ett avdelningsmål som uppfylls delvis eller"
            " inte behöver också en analys.",
            en="Avdelningsmål are judged like unit goals: one partly met or not met needs an"
            " analysis too.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls delvis
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls delvis
                            analys: Sjukfrånvaron steg under hösten; vi har …
            """,
    ),
)
def unexplained_status(ctx: ReportContext) -> Iterator[Violation]:
    if not assessed(ctx):
        return
    v = vocabularies(ctx)
    for ref in assessed_goals(ctx):
        status = v.goal_status(ref.goal.status)
        if status in ("Uppfylls delvis", "Uppfylls inte") and is_empty(
            ctx.raw((*ref.path, "analys"))
        ):
            yield unexplained_status.at((*ref.path, "status"), status=status)


@rule(
    code="RK205",
    name="invalid-activity-status",
    name_sv="ogiltig-aktivitetsstatus",
    severity=Severity.ERROR,
    message=Msg(
        sv='Aktivitetsstatusen "{status}" finns inte.{odd_sv} Använd "klar" (✓), "avvikelse"'
        " (!) eller lämna tomt.",
        en='The activity status "{status}" does not exist.{odd_en} Use "klar" (✓),'
        ' "avvikelse" (!) or leave it empty.',
    ),
    suggestion=Msg(sv='Menade du "{suggestion}"?', en='Did you mean "{suggestion}"?'),
    doc=Doc(
        what=Msg(
            sv="Att en aktivitets status är klar (✓), avvikelse (!) eller tom.",
            en="That an activity's status is done (✓), deviation (!) or empty.",
        ),
        why=Msg(
            sv="Aktiviteternas status räknas samman per nämndmål; okända värden faller bort.",
            en="Activity statuses are aggregated per committee goal; unknown values drop out.",
        ),
        decisions=Msg(
            sv="Orden står i rules/data/vocabularies.yaml: klar, genomförd och ✓ är klara;"
            " avvikelse, ej klar, ej genomförd och ! är avvikelser. Skiftläge och mellanslag"
            ' ignoreras, och texten jämförs i Unicode NFC, så "genomförd" godtas hur ö:et'
            " än är skrivet. Ett osynligt tecken (t.ex. U+200B) eller en bokstav från ett"
            " annat alfabet som liknar en latinsk pekas ut i anmärkningen. Statusen"
            " bedöms i alla rapporttyper. Förslaget går efter betydelse, aldrig till det"
            ' motsatta: "Klart" och "Genomfört" föreslås som klar, "Pågår", "Påbörjad" och'
            ' text med "ej" eller "inte" som avvikelse (aktivitetssynonymer i'
            " vocabularies.yaml); annars ges inget förslag. {okänd: …} är en status som"
            " exporten tappat och bedöms inte (RK107).",
            en="The words are listed in rules/data/vocabularies.yaml: klar, genomförd and ✓"
            " are done; avvikelse, ej klar, ej genomförd and ! are deviations. Case and"
            " spacing are ignored, and the text is compared in Unicode NFC, so"
            ' "genomförd" is accepted however its ö was typed. An invisible character (e.g.'
            " U+200B) or a letter from another alphabet that looks like a Latin one is"
            " pointed out in the finding. The status is judged in every report type. The"
            ' suggestion goes by meaning, never to the opposite: "Klart" and "Genomfört"'
            ' are suggested as klar, "Pågår", "Påbörjad" and text with "ej" or "inte" as'
            " avvikelse (aktivitetssynonymer in vocabularies.yaml); otherwise none is given."
            " {okänd: …} is a status the export lost and is not judged (RK107).",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls helt
                            aktiviteter:
                              - aktivitet: Skyddsrond
                                status: pågår
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls helt
                            aktiviteter:
                              - aktivitet: Skyddsrond
                                status: klar
            """,
    ),
)
def invalid_activity_status(ctx: ReportContext) -> Iterator[Violation]:
    v = vocabularies(ctx)
    for path, act, _ in ctx.activities():
        if isinstance(act.status, Unknown) or v.activity_status(act.status) is not None:
            continue
        if is_placeholder(act.status):  # not yet written: RK704 reports it
            continue
        odd = odd_characters(act.status)
        yield invalid_activity_status.at(
            (*path, "status"),
            status=act.status,
            odd_sv=odd.sv,
            odd_en=odd.en,
            suggestion=v.closest_activity_status(act.status),
        )


@rule(
    code="RK206",
    name="unexplained-activity-deviation",
    name_sv="oförklarad-aktivitetsavvikelse",
    severity=Severity.WARNING,
    message=Msg(
        sv="Aktiviteten {why_sv} men saknar avvikelsekommentar. Skriv vad som avviker och vad"
        " enheten gör.",
        en="The activity {why_en} but has no deviation note. Write what deviates and what the unit"
        " does.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att en aktivitet markerad med avvikelse (!), eller i en verksamhetsberättelse"
            " avslutad utan att vara klar, har en avvikelsekommentar eller analys.",
            en="That an activity marked as a deviation (!), or in an annual report ended without"
            " being done, has a deviation note or analysis.",
        ),
        why=Msg(
            sv="En aktivitet som inte genomförts är en avvikelse från planen; nämnden behöver veta"
            " varför och vad som händer nu.",
            en="An activity that was not carried out deviates from the plan; the committee needs"
            " to know why and what happens now.",
        ),
        decisions=Msg(
            sv="En analys under aktiviteten räknas som förklaring. I en VB räknas en aktivitet"
            " utan status vars slutdatum ligger inom rapportåret som ej genomförd. En aktivitet"
            " med analys som säger att arbetet inte påbörjats eller fortsätter efter"
            " slutdatumet är RK208:s (den regeln äger bristen); den här regeln gäller bara"
            " aktiviteter helt utan förklaring och är tyst för den. En aktivitet som förvaltningen"
            " äger och enheten bara listar – på nämndmålets eller KF-målets nivå, med"
            " förvaltningen, nämnden, staden eller en avdelning som aktör i sina första ord"
            " (”Förvaltningens verksamheter ska …”; förvaltningens_aktör i"
            " rules/data/text_signals.yaml), omarkerad och utan enhetens analys – är inte"
            " enhetens avvikelse och ger ingen anmärkning.",
            en="An analysis under the activity counts as an explanation. In a VB an activity"
            " without status whose end date lies within the report year counts as not done. An"
            " activity whose analysis says the work has not started or goes on after the end"
            " date is RK208's (that rule owns the defect); this rule concerns only activities"
            " with no explanation at all and is silent for it. An activity the administration"
            " owns and the unit only lists – on the committee goal's or KF goal's level, with the"
            " administration, the committee, the city or a department as the actor in its first"
            ' words ("Förvaltningens verksamheter ska …"; förvaltningens_aktör in'
            " rules/data/text_signals.yaml), unmarked and without the unit's analysis – is not"
            " the unit's deviation and gives no finding.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: Hög beredskap
                            status: Uppfylls helt
                            aktiviteter:
                              - aktivitet: Utbildning i informationssäkerhet
                                status: avvikelse
                                startdatum: 2023-01-01
                                slutdatum: 2023-12-31
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: Hög beredskap
                            status: Uppfylls helt
                            aktiviteter:
                              - aktivitet: Utbildning i informationssäkerhet
                                status: avvikelse
                                avvikelse: Flyttad till våren 2024 på grund av personalbrist.
            """,
    ),
)
def unexplained_activity_deviation(ctx: ReportContext) -> Iterator[Violation]:
    v = vocabularies(ctx)
    for path, act, ref in ctx.activities():
        status = v.activity_status(act.status)
        if not is_empty(act.deviation) or not is_empty(act.analysis):
            continue
        if status == "avvikelse":
            yield unexplained_activity_deviation.at(
                (*path, "status"),
                why_sv="är markerad med avvikelse",
                why_en="is marked as a deviation",
            )
        elif status == "" and ctx.type == "VB" and ctx.year is not None:
            end = parse_date(act.end)
            if is_unknown(act.text) or administrations_activity(ctx, ref.level, act.text):
                continue  # the administration's own, only listed: not the unit's deviation
            if end is not None and end <= dt.date(ctx.year, 12, 31):
                yield unexplained_activity_deviation.at(
                    path,
                    why_sv=f"avslutades {end.isoformat()} utan att markeras som klar",
                    why_en=f"ended {end.isoformat()} without being marked done",
                )


# Words before a target figure that say which side of it is met, and whether the figure
# itself is: "Max 10" (10 is met), "under 9 %" (9 % is not).
_UPPER = {
    "max": False,
    "högst": False,
    "maximalt": False,
    "under": True,
    "mindre än": True,
    "lägre än": True,
    "färre än": True,
}
_LOWER = {
    "minst": False,
    "lägst": False,
    "minimum": False,
    "över": True,
    "mer än": True,
    "högre än": True,
    "fler än": True,
}


def read_target(raw: object) -> tuple[Quantity, str | None, bool] | None:
    """A numeric target with its direction word: (figure, "upper"/"lower"/None, strict)."""
    q = parse(raw)
    if q is not None:
        return q, None, False
    if not isinstance(raw, str):
        return None
    text = " ".join(nfc(raw).split())
    low = text.lower()
    for words, side in ((_UPPER, "upper"), (_LOWER, "lower")):
        for word, strict in sorted(words.items(), key=lambda w: -len(w[0])):
            if low.startswith(word + " "):
                rest = parse(text[len(word) :].strip())
                if rest is None:
                    return None
                unit = rest.unit.split()[0] if rest.unit else ""
                return Quantity(rest.value, unit, rest.decimals), side, strict
    return None


def _missed(
    ind_name: str | None, outcome: object, target: object, traits: IndicatorTraits
) -> tuple[float, float, str] | None:
    """(outcome, target, direction) when a numeric target was missed, direction-aware."""
    o, read = parse(outcome), read_target(target)
    if o is None or read is None:
        return None
    t, side, strict = read
    counted = {"personer", "st"}  # "Max 10 personer" against an outcome of "12 st"
    units = {norm_unit(o.unit), norm_unit(t.unit)}
    if o.unit and t.unit and len(units) > 1 and not units <= counted:
        return None
    if side == "upper":
        missed = o.value >= t.value if strict else o.value > t.value
        direction = "upper"
    elif side == "lower":
        missed = o.value <= t.value if strict else o.value < t.value
        direction = "lower"
    elif traits.lower_better(ind_name):
        missed, direction = o.value > t.value, "lower_better"
    else:
        missed, direction = o.value < t.value, "higher_better"
    return (o.value, t.value, direction) if missed else None


_DIRECTION = {
    "upper": ("målet är ett tak", "the target is a ceiling"),
    "lower": ("målet är ett golv", "the target is a floor"),
    "lower_better": ("lägre är bättre", "lower is better"),
    "higher_better": ("högre är bättre", "higher is better"),
}


def _judged_indicators(ctx: ReportContext, ref: GoalRef) -> list[tuple[DocPath, Indicator]]:
    """The indicators that belong to this goal: its own, and a parent's when it is the only one.

    A parent's indicator (on the nämndmål or the KF goal) is about this goal
    only when no other assessed goal stands below that parent; with siblings it
    belongs to the parent, and no single sibling is judged by it.
    """

    def own(g: GoalRef) -> list[tuple[DocPath, Indicator]]:
        inds = getattr(g.goal, "indicators", None) or []
        return [((*g.path, "indikatorer", i), ind) for i, ind in enumerate(inds)]

    found = own(ref)
    goals = list(assessed_goals(ctx))
    for parent in reversed(ref.parents):
        below = [g for g in goals if g.path[: len(parent.path)] == parent.path]
        if len(below) != 1:
            break
        found.extend(own(parent))
    return found


@rule(
    code="RK207",
    name="status-contradicts-indicators",
    name_sv="status-motsägs-av-indikatorer",
    severity=Severity.WARNING,
    message=Msg(
        sv='Målet bedöms "Uppfylls helt", men {missed_sv}. Ompröva statusen eller förklara i'
        " analysen.",
        en='The goal is assessed "Uppfylls helt", but {missed_en}. Reconsider the status or'
        " explain in the analysis.",
    ),
    doc=Doc(
        what=Msg(
            sv='Att ett enhetsmål som bedöms "Uppfylls helt" inte har en indikator – på målet, på'
            " nämndmålet eller på KF-målet ovanför – som missat sitt numeriska årsmål."
            " Riktningen tas från rules/data/indicators.yaml (t.ex. sjukfrånvaro: lägre är"
            " bättre).",
            en='That a unit goal assessed "Uppfylls helt" has no indicator – on the goal, its'
            " committee goal or the KF goal above – that missed its numeric target. The"
            " direction comes from rules/data/indicators.yaml (e.g. sick leave: lower is"
            " better).",
        ),
        why=Msg(
            sv="Bedömningen ska vila på indikatorerna; ett helt uppfyllt mål med missade mål tyder"
            " på en för generös bedömning eller en saknad förklaring.",
            en="The assessment should rest on the indicators; a fully met goal with missed targets"
            " suggests too generous an assessment or a missing explanation.",
        ),
        decisions=Msg(
            sv="Enhetens eget årsmål jämförs; har enheten inget eget årsmål jämförs KF:s"
            " årsmål. Bara målet som indikatorn hör till bedöms: indikatorer under målet"
            " självt, och en överordnad nivås (nämndmål, KF-mål) bara när målet är det enda"
            " bedömda målet under den nivån; har det syskon hör indikatorn till nivån och inget"
            " syskon bedöms efter den. Avdelningsmål bedöms som enhetsmål. Riktningsord i målet"
            ' gäller före indikatorns riktning: "Max 10" och "Högst 9 %" är tak (10 och 9 %'
            ' nås), "under 9 %" och "mindre än" tak där talet självt inte nås, "minst 80 %"'
            ' golv, "över" och "mer än" golv där talet självt inte nås. Annars tas riktningen'
            " från rules/data/indicators.yaml (lägre är bättre för bl.a. sjukfrånvaro,"
            ' kontinuitet, andel timanställda och antal avvikelser). "procent" och "%" är'
            ' samma enhet. Ord som "öka" och mål i andra enheter jämförs inte. Ett mål ger en'
            " anmärkning, hur många indikatorer som än missat: alla nämns i meddelandet, och"
            " varje indikator pekas ut som en relaterad plats (SARIF relatedLocations, indragna"
            " rader i textutdata) – en brist, en anmärkning.",
            en="The unit's own target is compared; when the unit has none, KF's target is."
            " Only the goal the indicator belongs to is judged: indicators under the goal"
            " itself, and a parent level's (committee goal, KF goal) only when the goal is the"
            " only assessed goal below that level; with siblings the indicator belongs to the"
            " level and no sibling is judged by it. Avdelningsmål are judged like unit goals."
            ' Direction words in the target come before the indicator\'s direction: "Max 10"'
            ' and "Högst 9 %" are ceilings (10 and 9 % are met), "under 9 %" and "mindre än"'
            ' ceilings the figure itself does not meet, "minst 80 %" a floor, "över" and "mer'
            ' än" floors the figure itself does not meet. Otherwise the direction comes from'
            " rules/data/indicators.yaml (lower is better for sick leave, continuity, the share"
            ' of hourly staff and the number of deviations, among others). "procent" and "%"'
            ' are the same unit. Words such as "öka" and targets in other units are not'
            " compared. A goal gives one finding however many indicators missed: all are named"
            " in the message, and each indicator is pointed out as a related place (SARIF"
            " relatedLocations, indented lines in text output) – one defect, one finding.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - {namn: Sjukfrånvaro, utfall: "9,5 %", årsmål: "9 %"}
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls helt
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - {namn: Sjukfrånvaro, utfall: "8,5 %", årsmål: "9 %"}
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls helt
            """,
    ),
)
def status_contradicts_indicators(ctx: ReportContext) -> Iterator[Violation]:
    if not assessed(ctx):
        return
    v = vocabularies(ctx)
    traits = indicator_traits(ctx)
    for ref in assessed_goals(ctx):
        if v.goal_status(ref.goal.status) != "Uppfylls helt":
            continue
        missed: list[tuple[DocPath, Msg]] = []
        for path, ind in _judged_indicators(ctx, ref):
            own = not is_empty(ind.target)
            target = ind.target if own else ind.kf_target
            miss = _missed(ind.name, ind.outcome, target, traits)
            if miss is None:
                continue
            sv, en = _DIRECTION[miss[2]]
            tsv = target if own else f"{target} (KF:s årsmål)"
            ten = target if own else f"{target} (KF's target)"
            missed.append(
                (
                    (*path, "utfall") if ctx.has((*path, "utfall")) else path,
                    Msg(
                        f'indikatorn "{ind.name}" nådde inte sitt årsmål ({ind.outcome} mot'
                        f" målet {tsv}, {sv})",
                        f'the indicator "{ind.name}" missed its target ({ind.outcome} against'
                        f" {ten}, {en})",
                    ),
                )
            )
        if not missed:
            continue
        yield status_contradicts_indicators.at(
            (*ref.path, "status"),
            missed_sv=" och ".join(m.sv for _, m in missed),
            missed_en=" and ".join(m.en for _, m in missed),
            related=missed,
        )


@rule(
    code="RK208",
    name="activity-continues-past-end",
    name_sv="aktivitet-fortsätter-efter-slutdatum",
    severity=Severity.WARNING,
    message=Msg(
        sv="Aktiviteten skulle vara klar {end}, men analysen säger att {what_sv}: ”{quote}”."
        "{mark_sv} Redovisa det som en avvikelse: vad som inte blev gjort, varför och när det"
        " blir klart.",
        en='The activity was to end {end}, but its analysis says {what_en}: "{quote}".'
        "{mark_en} Report it as a deviation: what was not done, why, and when it will be.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att en aktivitet vars slutdatum har passerat inte har en analys som säger att"
            " arbetet inte har påbörjats (”har inte påbörjat”, ”inte kunnat påbörjas”) eller"
            " fortsätter efter slutdatumet (”Arbetsgruppen fortsätter sitt arbete under 2022”,"
            " ”kommer att … under våren” i en verksamhetsberättelse).",
            en="That an activity whose end date has passed does not have an analysis saying the"
            ' work has not started ("har inte påbörjat", "inte kunnat påbörjas") or goes on'
            ' after its end date ("Arbetsgruppen fortsätter sitt arbete under 2022", "kommer'
            ' att … under våren" in an annual report).',
        ),
        why=Msg(
            sv="En aktivitet som inte blev klar i tid är en avvikelse från planen, oavsett om den"
            " är markerad klar, avvikelse eller inte alls och oavsett om avvikelsekolumnen är"
            " ifylld. Nämnden räknar aktiviteterna som genomförda om ingen säger annat.",
            en="An activity not finished on time deviates from the plan, whether it is marked"
            " done, deviation or not at all, and whether or not the deviation column is filled"
            " in. The committee counts the activities as carried out unless told otherwise.",
        ),
        decisions=Msg(
            sv="VB, T1 och T2; slutdatumet har passerat när det ligger inom rapportens period"
            " (VB: 31 december, T1: 30 april, T2: 31 augusti). Bara aktivitetens egen analys och"
            " avvikelsekommentar läses. ”Fortsätter” (fortsätter, fortgår, pågår, återstår,"
            " kommer att …, se fortsätter i rules/data/text_signals.yaml) räknas bara med en tid"
            " efter slutdatumet: ett senare år, ”nästa år”, ”kommande verksamhetsår”, eller i en"
            " VB ”kommer att/ska … under våren” utan årtal. Tyst är regeln för en mening om"
            " förvaltningen eller en annan enhet, om en del av arbetet (”några”, ”delar av”), för"
            " en regel (”ska påbörjas inom två veckor”), när analysen säger att aktiviteten är"
            " genomförd (”är genomförd … fortsätter i ordinarie verksamhet”), och för en"
            " aktivitet utan egen analys – en aktivitet som förvaltningen äger och enheten bara"
            " listar är inte enhetens avvikelse. Redan redovisad som avvikelse är aktiviteten när"
            " den är markerad med !: då är regeln tyst. En avvikelsekommentar räcker inte: är"
            " aktiviteten markerad klar eller inte alls markerad är den en avvikelse som enheten"
            " ska redovisa. När markeringen gått förlorad i exporten ({okänd: …}) kan den ha"
            " varit !, och regeln är tyst (RK107 säger att statusen inte kunde kontrolleras)."
            " Allvarlighet: varning; fel när aktiviteten är"
            " markerad klar (✓), för då motsäger analysen också statusen. Regeln äger bristen:"
            " RK206 (avvikelse utan kommentar) gäller aktiviteter utan analys och RK702 (status"
            " mot analys) är tyst för en aktivitet som den här regeln anmärker på.",
            en="VB, T1 and T2; the end date has passed when it lies within the report's period"
            " (VB: 31 December, T1: 30 April, T2: 31 August). Only the activity's own analysis"
            ' and deviation note are read. "Continues" (fortsätter, fortgår, pågår, återstår,'
            " kommer att …, see fortsätter in rules/data/text_signals.yaml) counts only with a"
            ' time after the end date: a later year, "nästa år", "kommande verksamhetsår", or in'
            ' a VB "kommer att/ska … under våren" without a year. The rule is silent for a'
            " sentence about the administration or another unit, about part of the work"
            ' ("några", "delar av"), for a rule ("ska påbörjas inom två veckor"), when the'
            ' analysis says the activity is done ("är genomförd … fortsätter i ordinarie'
            ' verksamhet"), and for an activity without an analysis of its own – an activity'
            " the administration owns and the unit only lists is not the unit's deviation. The"
            " activity is reported as a deviation already when it is marked !: the rule is then"
            " silent. A deviation note is not enough: marked done or not marked at all, it is a"
            " deviation the unit must report. When the mark was lost in the export"
            " ({okänd: …}) it may have been !, and the rule is silent (RK107 says the status"
            " could not be checked)."
            " Severity: warning; error when the activity is marked done (✓), as the analysis"
            " then also contradicts the status. This rule owns the defect: RK206 (deviation"
            " without a note) concerns activities without an analysis, and RK702 (status against"
            " analysis) is silent for an activity this rule reports.",
        ),
        failing="""
            rapport: {typ: VB, år: 2021, enhet: Stöd- och aktivitetsenheten}
            inriktningsmål:
              - nummer: "1"
                verksamhetsområdesmål:
                  - nummer: "1.4"
                    aktiviteter:
                      - aktivitet: Stärka den digitala delaktigheten.
                        startdatum: 2021-02-02
                        slutdatum: 2021-12-31
                        analys: >-
                          Gruppen har kommit fram till metoder för att nå brukarna.
                          Arbetsgruppen fortsätter sitt arbete under 2022.
            """,
        passing="""
            rapport: {typ: VB, år: 2021, enhet: Stöd- och aktivitetsenheten}
            inriktningsmål:
              - nummer: "1"
                verksamhetsområdesmål:
                  - nummer: "1.4"
                    aktiviteter:
                      - aktivitet: Stärka den digitala delaktigheten.
                        startdatum: 2021-02-02
                        slutdatum: 2021-12-31
                        analys: >-
                          Aktiviteten är genomförd: alla verksamheter har fått utbildning.
                          Arbetet fortsätter i ordinarie verksamhet under 2022.
                      - aktivitet: Förvaltningen ska kartlägga den digitala kunskapen.
                        startdatum: 2021-01-01
                        slutdatum: 2022-06-30
                        analys: Kartläggningen fortsätter under 2022.
            """,
    ),
)
def activity_continues_past_end(ctx: ReportContext) -> Iterator[Violation]:
    v = vocabularies(ctx)
    for path, act, _ in ctx.activities():
        if is_unknown(act.status):
            continue  # the mark was lost in the export: it may have been "!"
        mark = v.activity_status(act.status) if isinstance(act.status, str) else ""
        done = mark == "klar"
        # Marked "!", it is reported as a deviation already. Ticked ✓ or unmarked, it is a
        # deviation the unit must explain, whether or not the deviation column says a word.
        if mark == "avvikelse":
            continue
        found = continues_past_end(ctx, act)
        if found is None:
            continue
        yield activity_continues_past_end.at(
            (*path, "status") if done else path,
            Severity.ERROR if done else None,
            end=found.end.isoformat(),
            what_sv="arbetet inte har påbörjats" if found.not_started else "arbetet fortsätter",
            what_en="the work has not started" if found.not_started else "the work goes on",
            quote=quote(found.quote),
            mark_sv=" Ändå är den markerad klar (✓)." if done else "",
            mark_en=" Yet it is marked done (✓)." if done else "",
        )


rapportkoll_rules = family(__name__)
