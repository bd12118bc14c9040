"""RK3 indicators and gender split."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.plugin import (
    Doc,
    GoalRef,
    Indicator,
    Msg,
    Quantity,
    ReportContext,
    Severity,
    Violation,
    family,
    format_number,
    is_placeholder,
    nfc,
    norm_unit,
    norm_words,
    out_of_range,
    parse,
    rule,
)
from rules.presence import is_empty, is_unknown
from rules.refmodels import IndicatorTraits, Vocabularies, indicator_traits, vocabularies


def _present(value: object) -> bool:
    return not is_empty(value)


@rule(
    code="RK301",
    name="missing-gender-split",
    name_sv="saknad-könsuppdelning",
    severity=Severity.ERROR,
    message=Msg(
        sv='Indikatorn "{indicator}" ska redovisas per kön men saknar {missing_sv}. Fyll i'
        ' utfall_män och utfall_kvinnor, eller skriv skälet i "förklaring".',
        en='The indicator "{indicator}" is to be reported by gender but lacks {missing_en}. Fill'
        ' in utfall_män and utfall_kvinnor, or give the reason in "förklaring".',
    ),
    doc=Doc(
        what=Msg(
            sv="Att en könsuppdelad indikator (♀ i ILS, könsuppdelad: true) som har ett utfall"
            " också har utfall för män och för kvinnor, eller ett skäl till att de saknas.",
            en="That a gender-split indicator (♀ in ILS, könsuppdelad: true) with an outcome also"
            " has the outcomes for men and for women, or a reason why they are missing.",
        ),
        why=Msg(
            sv="Stadens regel: individbaserade indikatorer redovisas för kvinnor och män där det"
            " finns. Utan uppdelningen går det inte att se om verksamheten är jämställd.",
            en="The city's rule: individual-based indicators report the outcome for women and men"
            " where it exists. Without the split one cannot see whether the service is equal.",
        ),
        decisions=Msg(
            sv='Ett skäl i "förklaring" (t.ex. för få personer för att redovisa per kön) godtas.',
            en='A reason in "förklaring" (e.g. too few people to report by gender) is accepted.',
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Sjukfrånvaro
                        könsuppdelad: true
                        utfall: "9,5 %"
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Sjukfrånvaro
                        könsuppdelad: true
                        utfall: "9,5 %"
                        utfall_män: "7,1 %"
                        utfall_kvinnor: "10,2 %"
            """,
    ),
)
def missing_gender_split(ctx: ReportContext) -> Iterator[Violation]:
    for path, ind, _ in ctx.indicators():
        if ind.gender_split is not True or not _present(ind.outcome) or _present(ind.explanation):
            continue
        men, women = _present(ind.outcome_men), _present(ind.outcome_women)
        if men and women:
            continue
        sv = "män och kvinnor" if not (men or women) else ("män" if not men else "kvinnor")
        en = "men and women" if not (men or women) else ("men" if not men else "women")
        yield missing_gender_split.at(
            (*path, "utfall"),
            indicator=ind.name,
            missing_sv=f"utfall för {sv}",
            missing_en=f"outcomes for {en}",
        )


def _tolerance(*qs: Quantity) -> float:
    """Half a unit in the last decimal of the least precise figure."""
    decimals = min(q.decimals for q in qs)
    return float(0.5 * 10**-decimals + 1e-9)


@rule(
    code="RK302",
    name="gender-split-inconsistent",
    name_sv="könsuppdelning-går-inte-ihop",
    severity=Severity.ERROR,
    message=Msg(
        sv='Indikatorn "{indicator}": {detail_sv}',
        en='Indicator "{indicator}": {detail_en}',
    ),
    doc=Doc(
        what=Msg(
            sv="Att uppdelningen per kön går ihop med totalen: för antal ska män + kvinnor bli"
            " totalen; för andelar, index och nyckeltal ska totalen ligga mellan männens och"
            " kvinnornas värden (med avrundningstolerans).",
            en="That the gender split agrees with the total: for counts men + women must equal the"
            " total; for rates, shares and indexes the total must lie between the men's and"
            " women's values (with rounding tolerance).",
        ),
        why=Msg(
            sv="En uppdelning som inte går ihop med totalen betyder att något av talen är fel, och"
            " då går ingen jämställdhetsanalys att göra.",
            en="A split that does not agree with the total means one of the figures is wrong, and"
            " then no gender analysis can be made.",
        ),
        decisions=Msg(
            sv='Antal känns igen på enheten "st" eller på att namnet börjar med ett ord i'
            ' rules/data/indicators.yaml ("Antal"); allt annat jämförs som andel.',
            en='Counts are recognised by the unit "st" or a name starting with a word in'
            ' rules/data/indicators.yaml ("Antal"); everything else is compared as a rate.',
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Antal brukare med genomförandeplan
                        könsuppdelad: true
                        utfall: 40 st
                        utfall_män: 12 st
                        utfall_kvinnor: 30 st
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Antal brukare med genomförandeplan
                        könsuppdelad: true
                        utfall: 42 st
                        utfall_män: 12 st
                        utfall_kvinnor: 30 st
            """,
    ),
)
def gender_split_inconsistent(ctx: ReportContext) -> Iterator[Violation]:
    traits = indicator_traits(ctx)
    for path, ind, _ in ctx.indicators():
        total, men, women = parse(ind.outcome), parse(ind.outcome_men), parse(ind.outcome_women)
        if total is None or men is None or women is None:
            continue
        units = {norm_unit(q.unit) for q in (total, men, women) if q.unit}
        if len(units) > 1:
            continue  # RK303 reports mixed units
        if traits.is_count(ind.name) or units == {"st"}:
            if abs(men.value + women.value - total.value) > 0.5:
                yield gender_split_inconsistent.at(
                    (*path, "utfall"),
                    indicator=ind.name,
                    detail_sv=f"män ({_fmt(men)}) + kvinnor ({_fmt(women)}) ="
                    f" {format_number(men.value + women.value)}, men totalen är"
                    f" {_fmt(total)}.",
                    detail_en=f"men ({_fmt(men)}) + women ({_fmt(women)}) ="
                    f" {format_number(men.value + women.value)}, but the total is"
                    f" {_fmt(total)}.",
                )
            continue
        low, high = sorted((men.value, women.value))
        tol = _tolerance(total, men, women)
        if not (low - tol <= total.value <= high + tol):
            yield gender_split_inconsistent.at(
                (*path, "utfall"),
                indicator=ind.name,
                detail_sv=f"totalen {_fmt(total)} ligger utanför männens ({_fmt(men)}) och"
                f" kvinnornas ({_fmt(women)}) värden. Kontrollera talen.",
                detail_en=f"the total {_fmt(total)} lies outside the men's ({_fmt(men)}) and"
                f" women's ({_fmt(women)}) values. Check the figures.",
            )


def _fmt(q: Quantity) -> str:
    """A figure with its unit as written: "9,5 %"."""
    return f"{format_number(q.value)} {q.unit}".strip()


_COLUMNS = [
    ("utfall", "outcome"),
    ("utfall_män", "outcome_men"),
    ("utfall_kvinnor", "outcome_women"),
    ("utfall_föregående", "previous"),
    ("prognos_helår", "forecast"),
    ("årsmål", "target"),
    ("kf_årsmål", "kf_target"),
]


_UNREADABLE = Msg(
    sv="varken ett tal med känd enhet eller ett känt ord.",
    en="neither a number with a known unit nor a known word.",
)
_OUT_OF_RANGE = Msg(
    sv="talet är oändligt, odefinierat eller har fler än 15 siffror före decimaltecknet.",
    en="the number is infinite, undefined or has more than 15 digits before the decimal sign.",
)


def value_problem(raw: object, vocab: Vocabularies) -> Msg | None:
    """Why a value is neither a number with a known unit nor a known word; None when it is."""
    if raw is None or (isinstance(raw, str) and not raw.strip()) or is_placeholder(raw):
        return None
    if is_unknown(raw):
        return None  # written but not verifiable: RK107 names it
    if out_of_range(raw):
        return _OUT_OF_RANGE
    q = parse(raw)
    known_units = vocab.unit_set
    if q is not None:
        return _UNREADABLE if q.unit and norm_unit(q.unit) not in known_units else None
    text = nfc(str(raw))
    if norm_words(text) in vocab.word_set:
        return None
    for prefix in vocab.target_prefixes:
        if text.lower().startswith(nfc(prefix).lower() + " "):
            rest = text[len(nfc(prefix)) :].strip()
            if out_of_range(rest):
                return _OUT_OF_RANGE
            q = parse(rest)
            known = q is not None and (not q.unit or _unit_known(q.unit, known_units))
            return None if known else _UNREADABLE
    return _UNREADABLE


def _unit_known(unit: str, known: frozenset[str]) -> bool:
    return norm_unit(unit) in known or norm_unit(unit.split()[0]) in known


@rule(
    code="RK303",
    name="invalid-indicator-value",
    name_sv="ogiltigt-indikatorvärde",
    severity=Severity.WARNING,
    message=Msg(
        sv='Värdet "{value}" i {column} kan inte läsas: {detail_sv}',
        en='The value "{value}" in {column} cannot be read: {detail_en}',
    ),
    doc=Doc(
        what=Msg(
            sv='Att varje utfall och mål är ett tal (svenskt skrivsätt, t.ex. "9,5 %", "1 945'
            ' GWh") med en känd enhet, eller ett känt ord ("öka", "Tas fram av nämnd"), och'
            " att utfall och årsmål har samma enhet.",
            en='That every outcome and target is a number (Swedish style, e.g. "9,5 %", "1 945'
            ' GWh") with a known unit, or a known word ("öka", "Tas fram av nämnd"), and that'
            " outcome and target share a unit.",
        ),
        why=Msg(
            sv="Värden som inte kan läsas kan inte jämföras med målet eller summeras för nämnden.",
            en="Values that cannot be read cannot be compared with the target or summed for the"
            " committee.",
        ),
        decisions=Msg(
            sv="Enheter och ord står i rules/data/vocabularies.yaml. Mellanslag och radbrytningar"
            ' inne i ord ignoreras ("nämnd/s tyrelse" från en PDF-export godtas). Ett tal som'
            " är oändligt (.inf), odefinierat (.nan) eller har fler än 15 siffror före"
            " decimaltecknet går inte att räkna med och rapporteras också.",
            en="Units and words are listed in rules/data/vocabularies.yaml. Spaces and line breaks"
            ' inside words are ignored ("nämnd/s tyrelse" from a PDF export is accepted). A'
            " number that is infinite (.inf), undefined (.nan) or has more than 15 digits"
            " before the decimal sign cannot be computed with and is reported too.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Sjukfrånvaro
                        utfall: ungefär nio procent
                        årsmål: "9 %"
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Sjukfrånvaro
                        utfall: "9,5 %"
                        årsmål: "9 %"
            """,
    ),
)
def invalid_indicator_value(ctx: ReportContext) -> Iterator[Violation]:
    vocab = vocabularies(ctx)
    for path, ind, _ in ctx.indicators():
        for key, attr in _COLUMNS:
            raw = getattr(ind, attr)
            problem = value_problem(raw, vocab)
            if problem is not None:
                yield invalid_indicator_value.at(
                    (*path, key),
                    value=raw,
                    column=key.replace("_", " "),
                    detail_sv=problem.sv,
                    detail_en=problem.en,
                )
        o, t = parse(ind.outcome), parse(ind.target)
        if o and t and o.unit and t.unit and norm_unit(o.unit) != norm_unit(t.unit):
            yield invalid_indicator_value.at(
                (*path, "årsmål"),
                value=ind.target,
                column="årsmål",
                detail_sv=f'utfallet är i "{o.unit}" men årsmålet i "{t.unit}".',
                detail_en=f'the outcome is in "{o.unit}" but the target in "{t.unit}".',
            )


_PERIOD = re.compile(r"^\s*(?:(?P<type>VP|VB|T1|T2|T3)\s*)?(?P<year>\d{4})\s*$", re.I)


@rule(
    code="RK304",
    name="indicator-period-mismatch",
    name_sv="fel-period-för-indikator",
    severity=Severity.ERROR,
    message=Msg(
        sv='Indikatorns period "{period}" stämmer inte med rapporten ({report}). Ange perioden för'
        ' den här rapporten, t.ex. "{expected}".',
        en='The indicator\'s period "{period}" does not match the report ({report}). Give this'
        ' report\'s period, e.g. "{expected}".',
    ),
    doc=Doc(
        what=Msg(
            sv="Att indikatorns period är rapportens år och, när den anger en rapporttyp,"
            " rapportens typ.",
            en="That the indicator's period is the report's year and, when it names a report type,"
            " the report's type.",
        ),
        why=Msg(
            sv="Ett utfall från fel period (ofta kvar från förra årets rapport) ser aktuellt ut"
            " men beskriver något annat.",
            en="An outcome from the wrong period (often left over from last year's report) looks"
            " current but describes something else.",
        ),
        decisions=Msg(
            sv='En period som bara är ett år ("2023") godtas i alla rapporttyper. En plan anger'
            " periodicitet i stället och kontrolleras inte.",
            en='A period that is only a year ("2023") is accepted in every report type. A plan'
            " gives a periodicity instead and is not checked.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Sjukfrånvaro
                        utfall: "9,5 %"
                        period: VB 2022
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Sjukfrånvaro
                        utfall: "9,5 %"
                        period: VB 2023
            """,
    ),
)
def indicator_period_mismatch(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.year is None or ctx.type is None or ctx.type == "VP":
        return
    report = f"{ctx.type} {ctx.year}"
    for path, ind, _ in ctx.indicators():
        if is_empty(ind.period) or is_placeholder(ind.period):
            continue
        m = _PERIOD.match(str(ind.period))
        if m is None:
            ok = False
        else:
            ok = int(m["year"]) == ctx.year and (m["type"] is None or m["type"].upper() == ctx.type)
        if not ok:
            yield indicator_period_mismatch.at(
                (*path, "period"), period=ind.period, report=report, expected=report
            )


def owned_by_unit(ind: Indicator, ref: GoalRef, traits: IndicatorTraits) -> bool:
    """Whether the indicator is the unit's to report on (RK305's decision, in its doc)."""
    if ref.level in ("enhetsmål", "avdelningsmål"):
        return True
    if traits.is_city_wide(ind.name):
        return False
    if not _present(ind.target) or is_unknown(ind.target) or is_unknown(ind.kf_target):
        return False  # an unknown target cannot tell whose the indicator is
    return norm_words(str(ind.target)) != norm_words(str(ind.kf_target or ""))


@rule(
    code="RK305",
    name="missing-outcome",
    name_sv="saknat-utfall",
    severity=Severity.WARNING,
    message=Msg(
        sv='Indikatorn "{indicator}" har årsmålet {target} men inget utfall. Fyll i utfallet eller'
        ' skriv i "förklaring" varför det saknas.',
        en='The indicator "{indicator}" has the target {target} but no outcome. Fill in the'
        ' outcome or explain in "förklaring" why it is missing.',
    ),
    doc=Doc(
        what=Msg(
            sv="Att en indikator i en verksamhetsberättelse som har ett årsmål också har ett"
            " utfall, eller en förklaring till att det saknas.",
            en="That an indicator in an annual report that has a target also has an outcome, or an"
            " explanation of why it is missing.",
        ),
        why=Msg(
            sv="Verksamhetsberättelsen är där målen följs upp; ett mål utan utfall går inte att"
            " bedöma.",
            en="The annual report is where targets are followed up; a target without an outcome"
            " cannot be assessed.",
        ),
        decisions=Msg(
            sv="Bara indikatorer som enheten äger bedöms. En indikator under enhetens eget mål"
            " (enhetsmål eller avdelningsmål) är enhetens. En indikator på KF- eller"
            " nämndmålsnivå är stadens eller nämndens, inkopierad i rapporten, och bedöms bara"
            " när enheten själv fyllt i ett årsmål som skiljer sig från KF:s årsmål och den inte"
            " står bland de stadsövergripande indikatorerna i rules/data/indicators.yaml"
            " (ekologiska livsmedel, köpt energi, feriejobb, avhysningar m.fl.): en"
            " äldreomsorgsenhet redovisar inte stadens energiförbrukning. En förklaring eller"
            " analys under indikatorn räknas som skäl.",
            en="Only indicators the unit owns are judged. An indicator under the unit's own goal"
            " (enhetsmål or avdelningsmål) is the unit's. An indicator at KF or committee-goal"
            " level is the city's or the committee's, copied into the report, and is judged"
            " only when the unit filled in a target of its own that differs from KF's and it"
            " is not among the city-wide indicators in rules/data/indicators.yaml (ecological"
            " food, purchased energy, summer jobs, evictions and others): an elderly-care unit"
            " does not report the city's energy use. An explanation or analysis under the"
            " indicator counts as a reason.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Brukarens delaktighet och självbestämmande
                        årsmål: 90
                        period: 2023
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - namn: Brukarens delaktighet och självbestämmande
                        årsmål: 90
                        period: 2023
                        förklaring: Brukarundersökningen redovisas först i mars 2024.
            """,
    ),
)
def missing_outcome(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.type != "VB":
        return
    traits = indicator_traits(ctx)
    for path, ind, ref in ctx.indicators():
        if not owned_by_unit(ind, ref, traits):
            continue
        if (
            _present(ind.target)
            and not _present(ind.outcome)
            and not _present(ind.explanation)
            and not _present(ind.analysis)
        ):
            yield missing_outcome.at((*path, "årsmål"), indicator=ind.name, target=ind.target)


rapportkoll_rules = family(__name__)
