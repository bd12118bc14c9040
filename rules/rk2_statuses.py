"""RK2 statuses: goal and activity statuses, and what they must agree with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from checker.engine.context import ReportContext
from checker.findings import Msg, Severity
from checker.rule import Violation, family, rule
from checker.swedish import norm_unit, parse
from rules.docs import doc
from rules.refmodels import IndicatorTraits, Vocabularies
from rules.rk1_structure import is_empty

_KF = (
    'inriktningsmål:\n  - nummer: "3"\n    verksamhetsområdesmål:\n'
    '      - nummer: "3.4"\n        nämndmål:\n          - titel: Attraktiv arbetsgivare\n'
    "            enhetsmål:\n"
)


def _vb(goal: str, head: str = "VB") -> str:
    return f"rapport: {{typ: {head}, år: 2023, enhet: Enheten}}\n" + _KF + goal


def vocab(ctx: ReportContext) -> Vocabularies:
    return ctx.refdata.get("vocabularies.yaml")  # type: ignore[no-any-return]


def assessed(ctx: ReportContext) -> bool:
    return ctx.type in ("VB", "T1", "T2")


@rule(
    code="RK201",
    name="invalid-goal-status",
    severity=Severity.ERROR,
    message=Msg(
        'Statusen "{status}" finns inte. Giltiga: Uppfylls helt, Uppfylls delvis, Uppfylls inte.',
        'The status "{status}" does not exist. Valid: Uppfylls helt, Uppfylls delvis,'
        " Uppfylls inte.",
    ),
    doc=doc(
        "Att varje målstatus är en av de tre i vokabulären (rules/data/vocabularies.yaml).",
        "That every goal status is one of the three in the vocabulary"
        " (rules/data/vocabularies.yaml).",
        'Statusen räknas samman för hela nämnden; en variant som "Uppfylles helt" faller'
        " bort ur sammanställningen och målet ser ut att sakna bedömning.",
        'Statuses are aggregated for the whole committee; a variant such as "Uppfylles'
        ' helt" drops out of the aggregation and the goal looks unassessed.',
        _vb("              - titel: God arbetsmiljö\n                status: Uppfylles helt\n"),
        _vb("              - titel: God arbetsmiljö\n                status: Uppfylls helt\n"),
        'Skiftläge, mellanslag och exportens ikoner (●, ◆) ignoreras. "Ingen" betyder'
        " ingen egen bedömning och är ingen status. I en plan gäller RK203 i stället.",
        'Case, spacing and the export\'s icons (●, ◆) are ignored. "Ingen" means no own'
        " assessment and is not a status. In a plan RK203 applies instead.",
    ),
    suggestion=Msg('Menade du "{suggestion}"?', 'Did you mean "{suggestion}"?'),
)
def invalid_goal_status(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.type == "VP":
        return
    v = vocab(ctx)
    for ref in ctx.goals():
        status = ref.goal.status
        if v.is_no_assessment(status) or v.goal_status(status) is not None:
            continue
        yield invalid_goal_status.at(
            (*ref.path, "status"), status=status, suggestion=v.closest_status(status)
        )


@rule(
    code="RK202",
    name="missing-goal-status",
    severity=Severity.ERROR,
    message=Msg(
        "Enhetsmålet saknar status. Ange Uppfylls helt, Uppfylls delvis eller Uppfylls inte"
        " ({what}).",
        "The unit goal has no status. Give Uppfylls helt, Uppfylls delvis or Uppfylls inte"
        " ({what_en}).",
    ),
    doc=doc(
        "Att varje enhetsmål i en verksamhetsberättelse eller tertialrapport har en status.",
        "That every unit goal in an annual or tertial report has a status.",
        "Enhetsmålets status är enhetens egen bedömning av året; utan den kan nämnden inte"
        " följa upp målet.",
        "The unit goal's status is the unit's own assessment of the year; without it the"
        " committee cannot follow the goal up.",
        _vb("              - titel: God arbetsmiljö\n                analys: Vi har arbetat …\n"),
        _vb(
            "              - titel: God arbetsmiljö\n                status: Uppfylls helt\n"
            "                analys: Vi har arbetat …\n"
        ),
        '"Ingen" räknas som saknad status på enhetsmålsnivå. Nivåerna ovanför får sakna status.',
        '"Ingen" counts as a missing status at unit-goal level. The levels above may lack a'
        " status.",
    ),
)
def missing_goal_status(ctx: ReportContext) -> Iterator[Violation]:
    if not assessed(ctx):
        return
    v = vocab(ctx)
    what = {
        "VB": ("bedömning för året", "assessment of the year"),
        "T1": ("prognos för året", "forecast for the year"),
        "T2": ("prognos för året", "forecast for the year"),
    }[ctx.type or "VB"]
    for ref in ctx.unit_goals():
        if v.is_no_assessment(ref.goal.status):
            yield missing_goal_status.at((*ref.path, "status"), what=what[0], what_en=what[1])


@rule(
    code="RK203",
    name="status-in-plan",
    severity=Severity.WARNING,
    message=Msg(
        'En verksamhetsplan bedömer inga mål, men målet har statusen "{status}". Ta bort statusen.',
        'A plan assesses no goals, but the goal has the status "{status}". Remove the status.',
    ),
    doc=doc(
        "Att inget mål i en verksamhetsplan har en status.",
        "That no goal in a plan carries a status.",
        "En plan skrivs före året; en status där är kvar från en kopierad berättelse och"
        " vilseleder läsaren.",
        "A plan is written before the year; a status there is left over from a copied report"
        " and misleads the reader.",
        _vb(
            "              - titel: God arbetsmiljö\n                status: Uppfylls helt\n", "VP"
        ),
        _vb("              - titel: God arbetsmiljö\n                arbetssätt: Vi …\n", "VP"),
        '"Ingen" är ingen status och godtas i en plan.',
        '"Ingen" is not a status and is accepted in a plan.',
    ),
)
def status_in_plan(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.type != "VP":
        return
    v = vocab(ctx)
    for ref in ctx.goals():
        if not v.is_no_assessment(ref.goal.status):
            yield status_in_plan.at((*ref.path, "status"), status=ref.goal.status)


@rule(
    code="RK204",
    name="unexplained-status",
    severity=Severity.ERROR,
    message=Msg(
        'Målet bedöms "{status}" men analysen är tom. Förklara varför målet inte uppfylls'
        " helt och vad enheten gör åt det.",
        'The goal is assessed "{status}" but the analysis is empty. Explain why the goal is'
        " not fully met and what the unit does about it.",
    ),
    doc=doc(
        "Att ett enhetsmål som uppfylls delvis eller inte har en analys.",
        "That a unit goal that is partly met or not met has an analysis.",
        "Ett mål som inte nås kräver en förklaring och åtgärder; annars kan nämnden inte"
        " bedöma om det är en engångshändelse eller ett mönster.",
        "A missed goal needs an explanation and measures; otherwise the committee cannot"
        " judge whether it is a one-off or a pattern.",
        _vb("              - titel: God arbetsmiljö\n                status: Uppfylls delvis\n"),
        _vb(
            "              - titel: God arbetsmiljö\n                status: Uppfylls delvis\n"
            "                analys: Sjukfrånvaron steg under hösten; vi har …\n"
        ),
    ),
)
def unexplained_status(ctx: ReportContext) -> Iterator[Violation]:
    if not assessed(ctx):
        return
    v = vocab(ctx)
    for ref in ctx.unit_goals():
        status = v.goal_status(ref.goal.status)
        if status in ("Uppfylls delvis", "Uppfylls inte") and is_empty(
            ctx.raw((*ref.path, "analys"))
        ):
            yield unexplained_status.at((*ref.path, "status"), status=status)


@rule(
    code="RK205",
    name="invalid-activity-status",
    severity=Severity.ERROR,
    message=Msg(
        'Aktivitetsstatusen "{status}" finns inte. Använd "klar" (✓), "avvikelse" (!)'
        " eller lämna tomt.",
        'The activity status "{status}" does not exist. Use "klar" (✓), "avvikelse" (!)'
        " or leave it empty.",
    ),
    doc=doc(
        "Att en aktivitets status är klar (✓), avvikelse (!) eller tom.",
        "That an activity's status is done (✓), deviation (!) or empty.",
        "Aktiviteternas status räknas samman per nämndmål; okända värden faller bort.",
        "Activity statuses are aggregated per committee goal; unknown values drop out.",
        _vb(
            "              - titel: God arbetsmiljö\n                status: Uppfylls helt\n"
            "                aktiviteter:\n                  - aktivitet: Skyddsrond\n"
            "                    status: pågår\n"
        ),
        _vb(
            "              - titel: God arbetsmiljö\n                status: Uppfylls helt\n"
            "                aktiviteter:\n                  - aktivitet: Skyddsrond\n"
            "                    status: klar\n"
        ),
    ),
)
def invalid_activity_status(ctx: ReportContext) -> Iterator[Violation]:
    v = vocab(ctx)
    for path, act, _ in ctx.activities():
        if v.activity_status(act.status) is None:
            yield invalid_activity_status.at((*path, "status"), status=act.status)


def _date(raw: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        return None


@rule(
    code="RK206",
    name="unexplained-activity-deviation",
    severity=Severity.WARNING,
    message=Msg(
        "Aktiviteten {why_sv} men saknar avvikelsekommentar. Skriv vad som avviker och vad"
        " enheten gör.",
        "The activity {why_en} but has no deviation note. Write what deviates and what the"
        " unit does.",
    ),
    doc=doc(
        "Att en aktivitet markerad med avvikelse (!), eller i en verksamhetsberättelse avslutad"
        " utan att vara klar, har en avvikelsekommentar eller analys.",
        "That an activity marked as a deviation (!), or in an annual report ended without being"
        " done, has a deviation note or analysis.",
        "En aktivitet som inte genomförts är en avvikelse från planen; nämnden behöver veta"
        " varför och vad som händer nu.",
        "An activity that was not carried out deviates from the plan; the committee needs to"
        " know why and what happens now.",
        _vb(
            "              - titel: Hög beredskap\n                status: Uppfylls helt\n"
            "                aktiviteter:\n                  - aktivitet: Utbildning i"
            " informationssäkerhet\n                    status: avvikelse\n"
            "                    startdatum: 2023-01-01\n                    slutdatum:"
            " 2023-12-31\n"
        ),
        _vb(
            "              - titel: Hög beredskap\n                status: Uppfylls helt\n"
            "                aktiviteter:\n                  - aktivitet: Utbildning i"
            " informationssäkerhet\n                    status: avvikelse\n"
            "                    avvikelse: Flyttad till våren 2024 på grund av"
            " personalbrist.\n"
        ),
        "En analys under aktiviteten räknas som förklaring. I en VB räknas en aktivitet utan"
        " status vars slutdatum ligger inom rapportåret som ej genomförd.",
        "An analysis under the activity counts as an explanation. In a VB an activity without"
        " status whose end date lies within the report year counts as not done.",
    ),
)
def unexplained_activity_deviation(ctx: ReportContext) -> Iterator[Violation]:
    v = vocab(ctx)
    for path, act, _ in ctx.activities():
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
            end = _date(act.end)
            if end is not None and end <= dt.date(ctx.year, 12, 31):
                yield unexplained_activity_deviation.at(
                    path,
                    why_sv=f"avslutades {end.isoformat()} utan att markeras som klar",
                    why_en=f"ended {end.isoformat()} without being marked done",
                )


def _missed(
    ind_name: str | None, outcome: object, target: object, traits: IndicatorTraits
) -> tuple[float, float] | None:
    """(outcome, target) when a numeric target was missed, direction-aware."""
    o, t = parse(outcome), parse(target)
    if o is None or t is None:
        return None
    if o.unit and t.unit and norm_unit(o.unit) != norm_unit(t.unit):
        return None
    lower = traits.lower_better(ind_name)
    missed = o.value > t.value if lower else o.value < t.value
    return (o.value, t.value) if missed else None


@rule(
    code="RK207",
    name="status-contradicts-indicators",
    severity=Severity.WARNING,
    message=Msg(
        'Målet bedöms "Uppfylls helt", men indikatorn "{indicator}" nådde inte sitt'
        " årsmål ({outcome} mot målet {target}, {direction_sv}). Ompröva statusen eller"
        " förklara i analysen.",
        'The goal is assessed "Uppfylls helt", but the indicator "{indicator}" missed its'
        " target ({outcome} against {target}, {direction_en}). Reconsider the status or"
        " explain in the analysis.",
    ),
    doc=doc(
        'Att ett enhetsmål som bedöms "Uppfylls helt" inte har en indikator – på målet, på'
        " nämndmålet eller på KF-målet ovanför – som missat sitt numeriska årsmål. Riktningen"
        " tas från rules/data/indicators.yaml (t.ex. sjukfrånvaro: lägre är bättre).",
        'That a unit goal assessed "Uppfylls helt" has no indicator – on the goal, its'
        " committee goal or the KF goal above – that missed its numeric target. The direction"
        " comes from rules/data/indicators.yaml (e.g. sick leave: lower is better).",
        "Bedömningen ska vila på indikatorerna; ett helt uppfyllt mål med missade mål tyder"
        " på en för generös bedömning eller en saknad förklaring.",
        "The assessment should rest on the indicators; a fully met goal with missed targets"
        " suggests too generous an assessment or a missing explanation.",
        'rapport: {typ: VB, år: 2023, enhet: Enheten}\ninriktningsmål:\n  - nummer: "3"\n'
        '    verksamhetsområdesmål:\n      - nummer: "3.4"\n        indikatorer:\n'
        '          - {namn: Sjukfrånvaro, utfall: "9,5 %", årsmål: "9 %"}\n'
        "        nämndmål:\n          - titel: Attraktiv arbetsgivare\n"
        "            enhetsmål:\n              - titel: God arbetsmiljö\n"
        "                status: Uppfylls helt\n",
        'rapport: {typ: VB, år: 2023, enhet: Enheten}\ninriktningsmål:\n  - nummer: "3"\n'
        '    verksamhetsområdesmål:\n      - nummer: "3.4"\n        indikatorer:\n'
        '          - {namn: Sjukfrånvaro, utfall: "8,5 %", årsmål: "9 %"}\n'
        "        nämndmål:\n          - titel: Attraktiv arbetsgivare\n"
        "            enhetsmål:\n              - titel: God arbetsmiljö\n"
        "                status: Uppfylls helt\n",
        'Bara enhetens eget årsmål jämförs, inte KF:s årsmål. Ord som "öka" och mål i'
        " olika enheter jämförs inte.",
        "Only the unit's own target is compared, not KF's. Words such as \"öka\" and targets"
        " in other units are not compared.",
    ),
)
def status_contradicts_indicators(ctx: ReportContext) -> Iterator[Violation]:
    if not assessed(ctx):
        return
    v = vocab(ctx)
    traits: IndicatorTraits = ctx.refdata.get("indicators.yaml")
    for ref in ctx.unit_goals():
        if v.goal_status(ref.goal.status) != "Uppfylls helt":
            continue
        for owner in [ref, *reversed(ref.parents)]:
            for ind in getattr(owner.goal, "indicators", None) or []:
                miss = _missed(ind.name, ind.outcome, ind.target, traits)
                if miss is None:
                    continue
                lower = traits.lower_better(ind.name)
                yield status_contradicts_indicators.at(
                    (*ref.path, "status"),
                    indicator=ind.name,
                    outcome=ind.outcome,
                    target=ind.target,
                    direction_sv="lägre är bättre" if lower else "högre är bättre",
                    direction_en="lower is better" if lower else "higher is better",
                )


rapportkoll_rules = family(__name__)
