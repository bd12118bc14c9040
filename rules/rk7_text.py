"""RK7 text against data: what the report says against what its tables and statuses show.

Every rule here is silent unless the evidence is clear (DOMAIN.md, "RK7 text against data"): a
false alarm costs an auditor's trust in every other finding. The text is read
as authors write Swedish (``rules.text_evidence``), with the word lists in
``rules/data/text_signals.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from checker.plugin import (
    ComplaintRow,
    Doc,
    DocPath,
    GoalRef,
    Msg,
    ReportContext,
    Severity,
    Violation,
    family,
    format_number,
    label,
    nfc,
    norm_unit,
    norm_words,
    parse,
    parse_count,
    rule,
)
from rules.presence import required_but_empty
from rules.refmodels import vocabularies
from rules.text_evidence import (
    WHOLE_WORDS,
    Count,
    TextSignals,
    Whole,
    all_strings,
    breakdown_excess,
    continues_past_end,
    future,
    has_word,
    hinted,
    later_year,
    list_sums,
    lowered,
    may_hold,
    narrative,
    other_count,
    other_unit,
    other_year,
    says_not_started,
    sentence_index,
    sentences,
    signals,
    text_of,
    texts_holding,
    whole_counts,
    years_in,
)
from rules.text_evidence import counts as text_counts
from rules.text_evidence import (
    quote as _quote,
)

# Which tertial columns a report of each type holds (a T2 carries T1 and T2).
_COLUMNS = {"T1": ("t1",), "T2": ("t1", "t2"), "VB": ("t1", "t2", "vb")}
_TABLE: DocPath = ("kvalitetsarbete", "klagomål")


def _n(value: float) -> str:
    return format_number(value, 0)


# -- the complaints table ----------------------------------------------------------


def _row_total(row: ComplaintRow | None, columns: tuple[str, ...]) -> float | None:
    """A row's count for the period: Totalt ack., or the sum of the columns when it is blank.

    None when a cell cannot be read, or when Totalt and the columns disagree
    (RK401/RK402 report that; which one the text should match is then unclear).
    """
    if row is None:
        return None
    total = 0.0
    for column in columns:
        value, ok = parse_count(getattr(row, column))
        if not ok or value is None:
            return None
        total += value
    written = row.total
    if written is None or (isinstance(written, str) and not written.strip()):
        return total
    value, ok = parse_count(written)
    if not ok or value is None or (total and value != total):
        return None
    return value


class Table:
    """What the complaints table shows for the report's period."""

    def __init__(self, ctx: ReportContext) -> None:
        quality = ctx.report.quality
        self.table = quality.complaints if quality else None
        self.columns = _COLUMNS.get(ctx.type or "", ())

    def group(self, name: str) -> float | None:
        """The total of Från vem or Vad gällde; None when absent, empty or unreadable."""
        if self.table is None or not self.columns:
            return None
        rows: list[ComplaintRow] = (
            getattr(self.table, {"från_vem": "source", "vad_gällde": "subject"}[name]) or []
        )
        if not rows:
            return None
        totals = [_row_total(r, self.columns) for r in rows]
        if any(t is None for t in totals):
            return None
        return sum(t for t in totals if t is not None)

    def row(self, name: str) -> float | None:
        attr = {
            "lex_sarah": "lex_sarah",
            "lex_maria": "lex_maria",
            "beröm": "praise",
            "återkoppling": "feedback",
            "åtgärder": "measures",
        }[name]
        if self.table is None or not self.columns:
            return None
        return _row_total(getattr(self.table, attr), self.columns)

    def received(self) -> list[tuple[str, float]]:
        """The groups that count what was received, with their totals."""
        return [
            (name, total)
            for name in ("från_vem", "vad_gällde")
            if (total := self.group(name)) is not None
        ]


_GROUP_NAME = {"från_vem": ("Från vem", "From whom"), "vad_gällde": ("Vad gällde", "Subject")}
_KIND_NAME = {
    "klagomål": ("klagomål och synpunkter", "complaints and comments"),
    "avvikelse": ("avvikelser", "deviations"),
    "lex_sarah": ("Lex Sarah", "Lex Sarah"),
    "lex_maria": ("Lex Maria", "Lex Maria"),
    "beröm": ("beröm", "praise"),
}


def _groups_text(received: list[tuple[str, float]]) -> tuple[str, str]:
    sv = " och ".join(f"{_n(t)} i gruppen {_GROUP_NAME[g][0]}" for g, t in received)
    en = " and ".join(f"{_n(t)} in the {_GROUP_NAME[g][1]} group" for g, t in received)
    return sv, en


def _about_this_year(ctx: ReportContext, low: str, sig: TextSignals) -> bool:
    """The sentence is about this unit and the whole period (no other year, part or unit)."""
    return not (
        other_year(low, ctx.year) or has_word(low, sig.other_time) or other_unit(low, ctx.unit, sig)
    )


# -- RK701 ---------------------------------------------------------------------------


@rule(
    code="RK701",
    name="narrative-count-mismatch",
    name_sv="antal-i-text-motsägs-av-tabell",
    severity=Severity.ERROR,
    message=Msg(
        sv="{detail_sv} {fix_sv}",
        en="{detail_en} {fix_en}",
    ),
    doc=Doc(
        what=Msg(
            sv="Att antal som texten anger (”fem synpunkter och klagomål”, ”3 incidentrapporteringar,"
            " 4 klagomål”, ”ett tjugotal Lex Sarah-utredningar”) stämmer med tabellen över"
            " synpunkter och klagomål i samma rapport, och att en uppräkning i texten går ihop"
            " (”fyra avvikelser (2 sjukhus, 1 vårdcentral, 1 hemtjänst, 1 sos alarm)”).",
            en='That counts stated in the text ("fem synpunkter och klagomål", "3'
            ' incidentrapporteringar, 4 klagomål", "ett tjugotal Lex Sarah-utredningar") agree'
            " with the complaints table of the same report, and that a list in the text adds up"
            ' ("fyra avvikelser (2 sjukhus, 1 vårdcentral, 1 hemtjänst, 1 sos alarm)").',
        ),
        why=Msg(
            sv="Nämnden läser sammanfattningen, inte tabellen. Säger texten nio klagomål och"
            " avvikelser när tabellen visar fem är en av dem fel, och granskaren kan inte veta vilken.",
            en="The committee reads the summary, not the table. When the text says nine complaints"
            " and deviations and the table shows five, one of them is wrong, and the auditor"
            " cannot tell which.",
        ),
        decisions=Msg(
            sv="Tabellens grupper Från vem och Vad gällde räknar allt som inkommit: klagomål,"
            " synpunkter och avvikelser. Anmärkning blir det när texten räknar fler sådana än"
            " någon av grupperna visar, eller – bara när meningen räknar både klagomål och"
            " avvikelser – färre än båda. Lex Sarah, Lex Maria och beröm jämförs med sina rader."
            " Incidenter i IA finns inte i tabellen och jämförs inte. Tal skrivs med siffror"
            " eller ord (två … tjugo); ”en/ett” räknas bara som tal efter ”endast”, ”totalt” o.d."
            " eller i en uppräkning. ”Inga klagomål” är 0. Ungefärliga tal (”ett tjugotal”,"
            " ”ca 5”) ger anmärkning bara när tabellen ligger under hälften eller över det dubbla."
            " Tyst är regeln för en mening om ett annat år (”under 2022 inkom fem klagomål”), en"
            " del av året (en månad, en årstid, en tertial), någon annan än enheten (förvaltningen,"
            " en annan namngiven enhet), för tal med bestämning (”tre nya klagomål”, ”varav 2"
            " klagomål”, ”5 klagomål per månad”), för tal i beskrivning och förväntat resultat,"
            " och när tabellen saknas eller inte kan läsas. Totalt ack. används; är den tom"
            " summeras periodens kolumner, och skiljer de sig åt (RK401/RK402) jämförs inget."
            " Allvarlighet: fel (tidigare varning), eftersom en granskare skickar tillbaka en"
            " rapport vars text motsägs av dess egen tabell – nämnden får fel siffra.",
            en="The table's From whom and Subject groups count everything received: complaints,"
            " comments and deviations. A finding is given when the text counts more of those than"
            " either group shows, or – only when the sentence counts both complaints and"
            " deviations – fewer than both. Lex Sarah, Lex Maria and praise are compared with their"
            " rows. Incidents reported in IA are not in the table and are not compared. Numbers"
            ' are read as digits or words (två … tjugo); "en/ett" counts as a number only after'
            ' "endast", "totalt" and the like, or in a list. "Inga klagomål" is 0. Approximate'
            ' numbers ("ett tjugotal", "ca 5") give a finding only when the table is below half'
            ' or above double. The rule is silent for a sentence about another year ("under'
            ' 2022 inkom fem klagomål"), a part of the year (a month, a season, a tertial),'
            " someone other than the unit (the administration, another named unit), for"
            ' qualified numbers ("tre nya klagomål", "varav 2 klagomål", "5 klagomål per'
            ' månad"), for numbers in descriptions and expected results, and when the table is'
            " missing or unreadable. Totalt ack. is used; when blank the period's columns are"
            " summed, and when they disagree (RK401/RK402) nothing is compared. Severity: error"
            " (formerly warning), as an auditor sends back a report whose text its own table"
            " contradicts – the committee gets a wrong figure.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t2: 1, vb: 1, totalt: 2}
            övrigt: Under året har 4 klagomål samt 5 avvikelser inkommit.
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t2: 1, vb: 1, totalt: 2}
            övrigt: Under året har två klagomål inkommit. Under 2022 inkom fem klagomål.
            """,
    ),
)
def narrative_count_mismatch(ctx: ReportContext) -> Iterator[Violation]:
    sig = signals(ctx)
    table = Table(ctx)
    received = table.received()
    index = sentence_index(ctx)
    for path, text in narrative(ctx):
        for sentence in index.having(text, "count"):
            low = sentence.low
            found = text_counts(low, sig)
            for ls in list_sums(low, sig, found):
                yield narrative_count_mismatch.at(
                    path,
                    detail_sv=f"Texten säger ”{_quote(ls.count.phrase)}”, men uppräkningen"
                    f" ({_quote(ls.items)}) blir {_n(ls.total)}.",
                    detail_en=f'The text says "{_quote(ls.count.phrase)}", but the list'
                    f" ({_quote(ls.items)}) adds up to {_n(ls.total)}.",
                    fix_sv="Rätta antalet eller uppräkningen.",
                    fix_en="Correct the number or the list.",
                )
            # Without a count, no mismatch: the sentence's time and unit are not read.
            if not found or table.table is None or not _about_this_year(ctx, low, sig):
                continue
            detail = _received_mismatch(found, received) or _row_mismatch(found, table)
            if detail is not None:
                yield narrative_count_mismatch.at(
                    path,
                    detail_sv=detail[0],
                    detail_en=detail[1],
                    fix_sv="Stäm av texten mot tabellen och rätta det som är fel.",
                    fix_en="Reconcile the text with the table and correct what is wrong.",
                )


def _stated(found: list[Count]) -> tuple[str, str]:
    """The counts as quoted in Swedish and in English."""
    return ", ".join(f"”{c.phrase}”" for c in found), ", ".join(f'"{c.phrase}"' for c in found)


def _received_mismatch(
    found: list[Count], received: list[tuple[str, float]]
) -> tuple[str, str] | None:
    table_kinds = {"klagomål", "avvikelse"}
    own = [c for c in found if c.kinds <= table_kinds]
    if not own or not received:
        return None
    low = sum(c.low for c in own)
    high = sum(c.high for c in own)
    covers_all = table_kinds <= set().union(*(c.kinds for c in own))
    totals = [t for _, t in received]
    groups_sv, groups_en = _groups_text(received)
    stated_sv, stated_en = _stated(own)
    sum_sv = f" (sammanlagt {_n(low)})" if len(own) > 1 and low == high else ""
    sum_en = f" ({_n(low)} in all)" if len(own) > 1 and low == high else ""
    if low > max(totals):
        return (
            f"Texten räknar {stated_sv}{sum_sv}, men tabellen över synpunkter och klagomål visar"
            f" bara {groups_sv}.",
            f"The text counts {stated_en}{sum_en}, but the complaints table shows only {groups_en}.",
        )
    if covers_all and high < min(totals):
        return (
            f"Texten räknar {stated_sv}{sum_sv}, men tabellen över synpunkter och klagomål visar"
            f" {groups_sv}.",
            f"The text counts {stated_en}{sum_en}, but the complaints table shows {groups_en}.",
        )
    return None


def _row_mismatch(found: list[Count], table: Table) -> tuple[str, str] | None:
    for c in found:
        if len(c.kinds) != 1:
            continue
        (kind,) = c.kinds
        if kind not in ("lex_sarah", "lex_maria", "beröm"):
            continue
        shown = table.row(kind)
        if shown is None or c.low <= shown <= c.high:
            continue
        sv, en = _KIND_NAME[kind]
        return (
            f"Texten säger ”{c.phrase}”, men tabellens rad {sv} visar {_n(shown)}.",
            f'The text says "{c.phrase}", but the table\'s {en} row shows {_n(shown)}.',
        )
    return None


# -- RK702 ---------------------------------------------------------------------------


def _not_started(ctx: ReportContext, text: str, sig: TextSignals) -> str | None:
    """The first sentence saying the work as a whole has not started, or only is to begin."""
    for sentence in sentence_index(ctx).having(text, "not_started"):
        low = sentence.low
        if (
            has_word(low, sig.partial)
            or has_word(low, sig.rule_words)
            or other_year(low, ctx.year)
            or other_unit(low, ctx.unit, sig)
        ):
            continue
        if says_not_started(low, sig):
            return sentence.text
    return None


def _not_done_by_unit(
    ctx: ReportContext, text: str, sig: TextSignals
) -> tuple[str, str, str] | None:
    """(sentence, what it says in Swedish, in English) when an activity marked done is
    to be done by someone else, has its rest promised for a later year, or is supported
    only by an earlier year's work."""
    said = sentences(text)
    for sentence in said:
        low = sentence.low
        # "ska utföras av enheten för uppsökande": someone else, not "av enheten" itself
        by = [m for w, p in sig.done_by_other_keyed if w in low for m in p.finditer(low)]
        if any(other_unit(low[m.end() :], ctx.unit, sig) for m in by):
            return (
                sentence.text,
                "att arbetet ska utföras av någon annan",
                "the work is to be done by someone else",
            )
        ahead = future(low) or has_word(low, ["ska", "skall"])
        if (
            ahead
            and (later_year(low, ctx.year) or has_word(low, sig.next_year))
            and has_word(low, sig.remaining)
        ):
            return sentence.text, "att det som återstår görs senare", "the rest is to be done later"
    if ctx.type != "VB" or ctx.year is None:
        return None
    # Every statement of the analysis (a line of a few words is a heading) is about an
    # earlier year: "Enheten har arbetat med måltidspolicyn under 2019" in VB 2020.
    statements = [s for s in said if len(s.low.split()) >= 4]
    if statements and all(
        years_in(s.low) and max(years_in(s.low)) < ctx.year and not has_word(s.low, sig.this_year)
        for s in statements
    ):
        first = statements[0]
        return (
            first.text,
            "bara vad som gjordes ett tidigare år",
            "only what was done in an earlier year",
        )
    return None


_NOT_STARTED = ("att arbetet inte har kommit igång", "the work has not got going")


@rule(
    code="RK702",
    name="status-contradicts-analysis",
    name_sv="status-motsägs-av-analys",
    severity=Severity.ERROR,
    message=Msg(
        sv="{what_sv}, men analysen säger {says_sv}: ”{quote}”. Ompröva statusen eller skriv vad"
        " som faktiskt är gjort.",
        en='{what_en}, but the analysis says {says_en}: "{quote}". Reconsider the status or'
        " write what has actually been done.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att ett mål som bedöms ”Uppfylls helt”, eller en aktivitet markerad klar (✓), inte"
            " har en analys som säger att arbetet inte har påbörjats, bara ska påbörjas, inte"
            " kunnat genomföras eller varit minimalt.",
            en='That a goal assessed "Uppfylls helt", or an activity marked done (✓), does not'
            " have an analysis saying the work has not started, is only to begin, could not be"
            " carried out or was minimal.",
        ),
        why=Msg(
            sv="Statusen räknas samman för nämnden; analysen är beviset. Säger analysen att"
            " arbetet inte ens har börjat är statusen för generös eller analysen inaktuell.",
            en="Statuses are aggregated for the committee; the analysis is the evidence. When the"
            " analysis says the work has not even begun, the status is too generous or the"
            " analysis is out of date.",
        ),
        decisions=Msg(
            sv="Målens status bedöms i verksamhetsberättelsen (i en tertialrapport är ”Uppfylls"
            " helt” en prognos, och arbete kan börja senare under året); aktiviteter markerade"
            " klara bedöms i VB, T1 och T2. Fraserna står i rules/data/text_signals.yaml"
            " (ej_påbörjat), och varje böjning av ”börja” med en negation före eller efter"
            " (”har ännu inte påbörjat”, ”är inte påbörjad”, ”påbörjades aldrig”, ”kom aldrig"
            " igång”; påbörja_stammar, nekande, ej_nekande – inte ”inte minst”, ”inte bara”)."
            " En aktivitet markerad klar motsägs också när analysen säger att arbetet ”ska"
            " utföras av” någon annan (förvaltningen, en annan namngiven enhet), att det som"
            " återstår görs ett senare år (”Resterande verksamheter kommer att få samma"
            " information under våren 2022”), eller när varje påstående i analysen gäller ett"
            " tidigare år (”Enheten har arbetat med måltidspolicyn under 2019” i VB 2020)."
            " Tyst är regeln när meningen gäller en del av arbetet (”några"
            " samverkansmöten har inte kunnat genomföras”, ”vissa”, ”delar av”), är en regel"
            " för arbetet (”insatsen ska påbörjas inom två veckor”, ”kan inte påbörjas förrän"
            " beslut finns”), gäller ett annat år"
            " (”ska påbörjas under 2024”) eller någon annan än enheten, när statusen är okänd"
            " ({okänd: …}) eller inte en giltig status (RK201), och för ”pågår” – pågående"
            " arbete motsäger inte en status. En aktivitet vars slutdatum har passerat och vars"
            " analys säger att arbetet inte påbörjats eller fortsätter är RK208:s (den regeln"
            " äger bristen); här är regeln tyst för den. Allvarlighet: fel (tidigare varning) – en status"
            " som dess egen analys motsäger skickar granskaren tillbaka.",
            en='Goal statuses are judged in the annual report (in a tertial report "Uppfylls'
            ' helt" is a forecast and work may start later in the year); activities marked done'
            " are judged in VB, T1 and T2. The phrases are in rules/data/text_signals.yaml"
            ' (ej_påbörjat), and every inflection of "begin" with a negation before or after it'
            ' ("har ännu inte påbörjat", "är inte påbörjad", "påbörjades aldrig", "kom aldrig'
            ' igång"; påbörja_stammar, nekande, ej_nekande – not "inte minst", "inte bara"). An'
            ' activity marked done is also contradicted when its analysis says the work "ska'
            ' utföras av" someone else (the administration, another named unit), that the rest'
            ' is done in a later year ("Resterande verksamheter kommer att få samma information'
            ' under våren 2022"), or when every statement of the analysis is about an earlier'
            ' year ("Enheten har arbetat med måltidspolicyn under 2019" in VB 2020). The rule is'
            " silent when the sentence concerns part of the work"
            ' ("några samverkansmöten har inte kunnat genomföras", "vissa", "delar av"), is a'
            ' rule for the work ("insatsen ska påbörjas inom två veckor", "kan inte påbörjas'
            ' förrän beslut finns"), concerns another'
            ' year ("ska påbörjas under 2024") or someone other than the unit, when the status'
            ' is unknown ({okänd: …}) or not a valid status (RK201), and for "pågår" – ongoing'
            " work does not contradict a status. An activity whose end date has passed and whose"
            " analysis says the work has not started or goes on is RK208's (that rule owns the"
            " defect); this rule is silent for it. Severity: error (formerly warning) – an"
            " auditor sends back a status that its own analysis contradicts.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "2"
                verksamhetsområdesmål:
                  - nummer: "2.1"
                    nämndmål:
                      - titel: Minimal klimatpåverkan
                        enhetsmål:
                          - titel: Färre leveranser
                            status: Uppfylls helt
                            analys: Enheten ska påbörja en kartläggning av leveranserna.
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "2"
                verksamhetsområdesmål:
                  - nummer: "2.1"
                    nämndmål:
                      - titel: Minimal klimatpåverkan
                        enhetsmål:
                          - titel: Färre leveranser
                            status: Uppfylls helt
                            analys: >-
                              Leveranserna har halverats. Några leveranser har inte kunnat
                              samordnas. Nästa steg ska påbörjas under 2024.
            """,
    ),
)
def status_contradicts_analysis(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.type not in ("VB", "T1", "T2"):
        return
    sig = signals(ctx)
    v = vocabularies(ctx)
    if ctx.type == "VB":
        for ref in ctx.goals():
            if ref.level not in ("enhetsmål", "avdelningsmål"):
                continue
            status = ref.goal.status
            if not isinstance(status, str) or v.goal_status(status) != "Uppfylls helt":
                continue
            quote = _not_started(ctx, text_of(ctx.raw((*ref.path, "analys"))), sig)
            if quote is not None:
                yield status_contradicts_analysis.at(
                    (*ref.path, "status"),
                    what_sv="Målet bedöms ”Uppfylls helt”",
                    what_en='The goal is assessed "Uppfylls helt"',
                    says_sv=_NOT_STARTED[0],
                    says_en=_NOT_STARTED[1],
                    quote=_quote(quote),
                )
    for path, act, _ in ctx.activities():
        status = act.status
        if not isinstance(status, str) or v.activity_status(status) != "klar":
            continue
        if continues_past_end(ctx, act) is not None:
            continue  # ended and not done: RK208 owns the defect
        text = text_of(ctx.raw((*path, "analys"))) + "\n\n" + text_of(ctx.raw((*path, "avvikelse")))
        quote = _not_started(ctx, text, sig)
        found = (quote, *_NOT_STARTED) if quote is not None else _not_done_by_unit(ctx, text, sig)
        if found is not None:
            yield status_contradicts_analysis.at(
                (*path, "status"),
                what_sv="Aktiviteten är markerad klar (✓)",
                what_en="The activity is marked done (✓)",
                says_sv=found[1],
                says_en=found[2],
                quote=_quote(found[0]),
            )


# -- RK703 ---------------------------------------------------------------------------


@cache
def _month_of_year_re(months: tuple[str, ...], year: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(m) for m in months)
    return re.compile(rf"(?<![\w-])(?:under|i)\s+(?:{alternatives})(?:\s+månad)?\s+{year}(?![0-9])")


_HITHERTO = re.compile(r"(?<![\w-])hittills(?![\w])")


# Clauses of a sentence: "kostnaden för året 2023 kommer att hamna på 1,2 mkr, så ett stort
# arbete har gjorts och det fortsatta arbetet kommer att ge effekter för kommande år" speaks
# of 2023 as ahead in its first clause, whatever its last says of the coming year.
_CLAUSE = re.compile(r",\s*(?=(?:så|och|men|medan|vilket|där|samt)\s)|;\s*|\s+(?=(?:samt|men)\s)")


def _forecast(ctx: ReportContext, low: str, sig: TextSignals) -> str | None:
    """The words that speak of the report year as still ahead, or None (clause by clause)."""
    for clause in _CLAUSE.split(low):
        found = _forecast_clause(ctx, clause, sig)
        if found is not None:
            return found
    return None


def _forecast_clause(ctx: ReportContext, low: str, sig: TextSignals) -> str | None:
    year = str(ctx.year)
    ahead = future(low)
    # "Under december 2023 kommer personalen att …": a month of the report year, ahead.
    m = _month_of_year_re((*sig.months, *sig.seasons), year).search(low) if ahead else None
    if m:
        return f"kommer … {m.group(0)}"
    if later_year(low, ctx.year) or has_word(low, sig.next_year):
        return None
    # A substring test per phrase before its regex: the regexes were a tenth of a whole
    # check (cProfile of the bench corpus, see README Performance).
    if may_hold(low, sig.forecast_words):
        for word, pattern in sig.forecast_keyed:
            m = pattern.search(low) if word in low else None
            if m:
                return m.group(0)
    weak = sig.weak_forecast_re.search(low) if may_hold(low, sig.weak_forecast) else None
    if weak and not has_word(low, sig.not_forecast) and not other_year(low, ctx.year):
        return weak.group(0)
    # "hittills" first: most sentences lack it, and the year test is then not needed.
    if "hittills" in low and _HITHERTO.search(low):
        this_year = has_word(low, sig.this_year) or (year if year in low else None)
        if this_year:
            return f"hittills … {this_year}"
    if not ahead:
        return None
    if has_word(low, sig.this_year):
        return f"{ahead} … {has_word(low, sig.this_year)}"
    return None


@rule(
    code="RK703",
    name="forecast-language-in-annual-report",
    name_sv="prognos-i-verksamhetsberättelse",
    severity=Severity.WARNING,
    message=Msg(
        sv="Verksamhetsberättelsen talar om året som om det låg framför: ”{quote}” ({words})."
        " Skriv vad som blev resultatet.",
        en='The annual report speaks of the year as still ahead: "{quote}" ({words}). Write'
        " what the outcome was.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att texten i en verksamhetsberättelse inte talar om rapportåret som om det låg"
            " framför (”kommer att kunna uppfyllas”, ”hittills i år”, ”prognos för helåret”,"
            " ”Under december 2023 kommer personalen att …” i VB 2023).",
            en="That the text of an annual report does not speak of the report year as still"
            ' ahead ("kommer att kunna uppfyllas", "hittills i år", "prognos för helåret",'
            ' "Under december 2023 kommer personalen att …" in VB 2023).',
        ),
        why=Msg(
            sv="Text som skrevs i en tertialrapport och följde med in i verksamhetsberättelsen"
            " säger inte vad som blev av; nämnden får en prognos där den ska få ett resultat.",
            en="Text written in a tertial report and carried into the annual report does not say"
            " what came of it; the committee gets a forecast where it should get an outcome.",
        ),
        decisions=Msg(
            sv="Bara verksamhetsberättelser, och bara enhetens egen text: analyser,"
            " sammanfattningar, avvikelser, ekonomi, kvalitetsarbete och övrigt – inte"
            " nämndmålens beskrivning och förväntat resultat, som är planens text. Fraserna står i"
            " rules/data/text_signals.yaml (prognosfraser: ”kommer att hamna på”, ”beräknas"
            " landa på” …), och ”beräknas”, ”beräknar”, ”prognosen” när inget i satsen gör det"
            " till en metod eller en jämförelse med utfallet (svaga_prognosfraser, ej_prognos:"
            " ”beräknas som”, ”prognosen i T2 … utfallet blev”). Meningen läses sats för sats:"
            " ”kommande år” i en sats döljer inte en prognos för rapportåret i en annan."
            " Därtill: ”hittills” med ”i år” eller"
            " rapportåret, och ”kommer (att)” med en månad eller årstid i rapportåret (”under"
            " december 2023”) eller med ”i år”/”under året”. Tyst är regeln för en mening om ett"
            " senare år eller kommande år (”kommer att arbeta med under 2024”), och för"
            " ”kommer” utan tid i rapportåret. En anmärkning per textfält. Allvarlighet: varning"
            " (tidigare info) – en prognos där nämnden ska få ett resultat ska rättas, men"
            " rapporten håller ändå.",
            en="Annual reports only, and only the unit's own text: analyses, summaries, deviation"
            " notes, economy, quality work and other – not the committee goals' description and"
            " expected result, which are the plan's text. The phrases are in"
            ' rules/data/text_signals.yaml (prognosfraser: "kommer att hamna på", "beräknas'
            ' landa på" …), and "beräknas", "beräknar", "prognosen" when nothing in the clause'
            " makes it a method or a comparison with the outcome (svaga_prognosfraser,"
            ' ej_prognos: "beräknas som", "prognosen i T2 … utfallet blev"). The sentence is'
            ' read clause by clause: "kommande år" in one clause does not hide a forecast for'
            ' the report year in another. Also: "hittills" with "i år" or the'
            ' report year, and "kommer (att)" with a month or season of the report year ("under'
            ' december 2023") or with "i år"/"under året". The rule is silent for a sentence'
            ' about a later or coming year ("kommer att arbeta med under 2024"), and for'
            ' "kommer" without a time in the report year. One finding per text field. Severity:'
            " warning (formerly info) – a forecast where the committee should get an outcome"
            " must be corrected, though the report still stands.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            sammanfattande_analys: >-
              Enheten bedömer att de flesta enhetsmål kommer att kunna uppfyllas detta
              verksamhetsår.
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            sammanfattande_analys: >-
              Enheten har uppfyllt de flesta enhetsmål. Arbetet med rutinerna kommer att
              fortsätta under 2024.
            """,
    ),
)
def forecast_language(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.type != "VB":
        return
    sig = signals(ctx)
    index = sentence_index(ctx)
    for path, text in narrative(ctx):
        for sentence in index.having(text, "forecast"):
            words = _forecast(ctx, sentence.low, sig)
            if words is not None:
                yield forecast_language.at(path, quote=_quote(sentence.text), words=words)
                break


# -- RK704 ---------------------------------------------------------------------------


@rule(
    code="RK704",
    name="placeholder-text",
    name_sv="platshållartext",
    severity=Severity.ERROR,
    message=Msg(
        sv="Platshållaren ”{placeholder}” står kvar{times_sv}{context_sv}. Fyll i det som ska stå"
        " där innan rapporten lämnas.",
        en='The placeholder "{placeholder}" is still there{times_en}{context_en}. Fill in what'
        " belongs there before the report is submitted.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att ingen mall- eller platshållartext står kvar: ”[fyll i: …]”, ”??”, ”XX”/”xx”"
            " som eget ord, ”20XX”, ”TODO”, ”Lorem ipsum”, ett datum skrivet ”?? januari”.",
            en='That no template or placeholder text is left: "[fyll i: …]", "??", "XX"/"xx" as'
            ' a word of its own, "20XX", "TODO", "Lorem ipsum", a date written "?? januari".',
        ),
        why=Msg(
            sv="En platshållare i en inlämnad rapport betyder att något aldrig fylldes i;"
            " läsaren kan inte veta vad som skulle stå där.",
            en="A placeholder in a submitted report means something was never filled in; the"
            " reader cannot know what belonged there.",
        ),
        decisions=Msg(
            sv="Den kanoniska platshållaren är ”[fyll i: <vad>]”, som `rapportkoll new` skriver"
            " och som RK704 rapporterar tills den är ersatt. Mönstren står i"
            " rules/data/text_signals.yaml (platshållare) och gäller varje textvärde i rapporten,"
            " även rubriker och huvud. ”XX” räknas bara som eget ord: inte i ”XX-large”,"
            " ”XXL” eller ”Lex Sarah”. ”??” räknas inte direkt efter en bokstav (”Varför??”)."
            " Värden skrivna {okänd: …} är importens markering, ingen platshållare. En"
            " anmärkning per textvärde, med antalet förekomster. Ett värde som bara är en"
            " platshållare räknas av alla andra regler som ännu inte skrivet, inte som ett fel"
            " värde (checker/placeholder.py): en ny rapport från rapportkoll new har bara"
            " RK704-anmärkningar, en per platshållare på dess rad.",
            en='The canonical placeholder is "[fyll i: <what>]", which `rapportkoll new` writes'
            " and RK704 reports until it is replaced. The patterns are in"
            " rules/data/text_signals.yaml (platshållare) and apply to every text value of the"
            ' report, headings and header included. "XX" counts only as a word of its own: not'
            ' in "XX-large", "XXL" or "Lex Sarah". "??" does not count right after a letter'
            ' ("Varför??"). Values written {okänd: …} are the importer\'s marker, not a'
            " placeholder. One finding per text value, with the number of occurrences. A value"
            " that is only a placeholder counts as not yet written for every other rule, never"
            " as a wrong value (checker/placeholder.py): a new report from rapportkoll new has"
            " RK704 findings only, one per placeholder on its line.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            övrigt: |
              Verksamhetsberättelsen behandlas på APT:
              - ?? januari boendestöd
              - [fyll i: datum] NP-teamet
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            övrigt: |
              Verksamhetsberättelsen behandlas på APT den 16 januari. Storlek XX-large
              beställdes. En Lex Sarah-anmälan gjordes.
            """,
    ),
)
def placeholder_text(ctx: ReportContext) -> Iterator[Violation]:
    sig = signals(ctx)
    texts = all_strings(ctx)
    hints = sig.placeholder_hints
    chosen = range(len(texts)) if hints is None else texts_holding([t for _, t in texts], hints)
    for i in chosen:
        path, text = texts[i]
        # Not ``lowered``: its small cache is for the narrative texts other rules read
        # again; every value of the report passing through here only evicted them.
        low_text = nfc(text)
        lower = low_text.lower()
        hits: list[tuple[int, str, str]] = []
        for name, hint, pattern in sig.compiled_placeholders:
            if hint and hint not in lower:
                continue
            hits.extend((m.start(), name, m.group(0)) for m in pattern.finditer(low_text))
        if not hits:
            continue
        hits.sort()
        first, name, found = hits[0]
        line_start = low_text.rfind("\n", 0, first) + 1
        line_end = low_text.find("\n", first)
        quote = low_text[line_start : line_end if line_end >= 0 else len(low_text)].strip()
        n = len(hits)
        # The placeholder as written; its line is quoted only when it says more than that.
        alone = quote == found.strip()
        yield placeholder_text.at(
            path,
            placeholder=_quote(found.strip()) if alone else name,
            context_sv="" if alone else f": ”{_quote(quote)}”",
            context_en="" if alone else f': "{_quote(quote)}"',
            times_sv=f" ({n} platshållare i texten)" if n > 1 else "",
            times_en=f" ({n} placeholders in the text)" if n > 1 else "",
        )


# -- RK705 ---------------------------------------------------------------------------


def _period_key(raw: object, year: int | None) -> str | None:
    """The period an indicator reports: "VB 2023" and 2023 are the same year."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None if year is None else str(year)
    text = norm_words(str(raw))
    m = re.search(r"(19|20)[0-9][0-9]", text)
    y = m.group(0) if m else (str(year) if year else "")
    part = "t1" if "t1" in text else "t2" if "t2" in text else ""
    return f"{part}{y}"


def _unit(u: str) -> str:
    n = norm_unit(u)
    return "%" if n in ("%", "procent") else n


@rule(
    code="RK705",
    name="indicator-reported-twice",
    name_sv="indikator-redovisad-två-gånger",
    severity=Severity.WARNING,
    message=Msg(
        sv="Indikatorn ”{indicator}” redovisas två gånger för samma period med olika utfall:"
        " {outcome} här och {other_outcome} under {other_sv}. Ange samma utfall på båda"
        " ställena eller förklara skillnaden.",
        en='The indicator "{indicator}" is reported twice for the same period with different'
        " outcomes: {outcome} here and {other_outcome} under {other_en}. Give the same outcome in"
        " both places or explain the difference.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att samma indikator för samma period inte har olika utfall på två ställen i"
            " rapporten.",
            en="That the same indicator for the same period does not have different outcomes in"
            " two places of the report.",
        ),
        why=Msg(
            sv="Två olika utfall för samma mått kan inte båda vara rätt; sammanställningen tar"
            " det ena och läsaren ser det andra.",
            en="Two different outcomes for the same measure cannot both be right; the aggregation"
            " takes one and the reader sees the other.",
        ),
        decisions=Msg(
            sv="Samma indikator: samma namn (skiftläge, mellanslag och Unicode-form ignoreras)."
            " Samma period: samma år och tertial (”VB 2023” och 2023 är samma år; utan period"
            " gäller rapportåret). Utfallen jämförs som tal med avrundning till det färre antalet"
            " decimaler (”8,9 %” och ”8,87 %” är samma). Tyst är regeln för utfall som inte är"
            " tal, i olika enheter (”%” och ”procent” är samma enhet), för tomma utfall och för"
            " indikatorer med olika namn eller perioder. Anmärkningen står vid det andra"
            " stället och pekar ut det första.",
            en="Same indicator: the same name (case, spacing and Unicode form ignored). Same"
            ' period: the same year and tertial ("VB 2023" and 2023 are the same year; without'
            " a period the report year applies). Outcomes are compared as numbers, rounded to the"
            ' fewer decimals ("8,9 %" and "8,87 %" are the same). The rule is silent for'
            ' outcomes that are not numbers, in different units ("%" and "procent" are the same'
            " unit), for blank outcomes and for indicators with different names or periods. The"
            " finding stands at the second place and names the first.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - {namn: Sjukfrånvaro, utfall: "9,5 %", årsmål: "9 %", period: VB 2023}
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls delvis
                            analys: Sjukfrånvaron steg under hösten.
                            indikatorer:
                              - {namn: Sjukfrånvaro, utfall: "8,1 %", period: 2023}
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.4"
                    indikatorer:
                      - {namn: Sjukfrånvaro, utfall: "8,9 %", årsmål: "9 %", period: VB 2023}
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: God arbetsmiljö
                            status: Uppfylls helt
                            indikatorer:
                              - {namn: Sjukfrånvaro, utfall: "8,87 procent", period: 2023}
                              - {namn: Sjukfrånvaro dag 1-14, utfall: "2,3 %", period: 2023}
            """,
    ),
)
def indicator_reported_twice(ctx: ReportContext) -> Iterator[Violation]:
    seen: dict[tuple[str, str | None], tuple[DocPath, Any]] = {}
    for path, ind, _ in ctx.indicators():
        if not ind.name or not str(ind.name).strip():
            continue
        q = parse(ind.outcome)
        if q is None:
            continue
        key = (norm_words(ind.name), _period_key(ind.period, ctx.year))
        if key not in seen:
            seen[key] = (path, ind.outcome)
            continue
        first_path, first_outcome = seen[key]
        p = parse(first_outcome)
        if p is None:
            continue
        if q.unit and p.unit and _unit(q.unit) != _unit(p.unit):
            continue
        decimals = min(q.decimals, p.decimals)
        if round(q.value, decimals) == round(p.value, decimals):
            continue
        where = label(ctx.data, first_path)
        yield indicator_reported_twice.at(
            (*path, "utfall"),
            indicator=ind.name,
            outcome=ind.outcome,
            other_outcome=first_outcome,
            other_sv=where.sv,
            other_en=where.en,
        )


# -- RK706 ---------------------------------------------------------------------------


def _has_figures(ctx: ReportContext, sig: TextSignals) -> bool:
    """An amount in the income statement, or a money amount in any text of the report."""
    statement = ctx.raw(("ekonomi", "resultaträkning"))
    for _, value in _leaves(statement):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return True
        if isinstance(value, str) and parse(value) is not None:
            return True
    for path, text in all_strings(ctx):
        if not path or path[0] == "rapport" or not sig.money_re.search(lowered(text)):
            continue
        for sentence in sentences(text):
            low = sentence.low
            if not sig.money_re.search(low):
                continue
            # "1,8 mkr för övertidskostnader" is a cost item, not the economic result
            if sig.cost_item_re.search(low) and not sig.result_word_re.search(low):
                continue
            return True
    return False


def _leaves(data: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("rad", "enhet", "utfall_rubrik"):
                continue
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    elif data is not None:
        yield None, data


def _economy_goal(ctx: ReportContext, sig: TextSignals) -> GoalRef | None:
    v = vocabularies(ctx)
    for ref in ctx.goals():
        if ref.level not in ("enhetsmål", "avdelningsmål") or ref.kf_number not in sig.economy_kf:
            continue
        status = ref.goal.status
        if isinstance(status, str) and v.goal_status(status) is not None:
            return ref
    return None


def _claim(ctx: ReportContext, sig: TextSignals) -> tuple[DocPath, str, str] | None:
    """(path, sentence, words) of the first sentence claiming an economic result."""
    index = sentence_index(ctx)
    for path, text in narrative(ctx):
        for sentence in index.having(text, "claim"):
            low = sentence.low
            if other_year(low, ctx.year) or other_unit(low, ctx.unit, sig):
                continue
            for word, pattern in sig.claim_keyed:
                for m in pattern.finditer(low) if word in low else ():
                    before = low[: m.start()].split()[-3:]
                    if any(w.strip(",.;:") in sig.not_claim for w in before):
                        continue
                    if has_word(" ".join(before), sig.not_claim):
                        continue
                    return path, sentence.text, m.group(0)
    return None


@rule(
    code="RK706",
    name="economy-claim-without-figures",
    name_sv="ekonomiskt-påstående-utan-siffror",
    severity=Severity.WARNING,
    message=Msg(
        sv="{what_sv}, men rapporten har inga ekonomiska siffror: ingen resultaträkning med"
        " belopp och inget belopp i texten som visar resultatet. Redovisa utfall, budget och"
        " avvikelse.",
        en="{what_en}, but the report holds no economic figures: no income statement with"
        " amounts and no amount in the text that shows the result. Report outcome, budget"
        " and deviation.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att en rapport som bedömer ekonomimålet (KF 3.1) eller påstår ett ekonomiskt"
            " resultat (”budget i balans”, ”underskott”, ”överskott”, ”ekonomin är stabil”)"
            " också har ekonomiska siffror.",
            en="That a report which assesses the economy goal (KF 3.1) or claims an economic"
            ' result ("budget i balans", "underskott", "överskott", "ekonomin är stabil") also'
            " holds economic figures.",
        ),
        why=Msg(
            sv="Ett påstående om ekonomin utan belopp kan inte prövas; nämnden vet inte om"
            " underskottet är tusen kronor eller en miljon.",
            en="A claim about the economy without amounts cannot be checked; the committee does"
            " not know whether the deficit is a thousand kronor or a million.",
        ),
        decisions=Msg(
            sv="Bara VB, T1 och T2; en plan påstår inget resultat. Siffror finns om"
            " resultaträkningen har ett läsbart belopp eller om någon text i rapporten har ett"
            " belopp med enhet (kr, tkr, mkr, mnkr, milj …, se beloppsenheter i"
            " rules/data/text_signals.yaml) – då är regeln tyst, även om beloppet inte är"
            " resultatet – utom när meningen bara gäller en kostnadspost (”1,8 mkr för"
            " övertidskostnader”, ”363 000 kr i löner”; kostnadsposter) utan något resultatord"
            " (underskott, budget, avvikelse …; resultatord): ett sådant belopp är inte det"
            " ekonomiska resultatet. Ekonomimålet är ett enhets- eller avdelningsmål under KF-numren i"
            " ekonomimål_kf med en giltig status. Ett påstående räknas inte när något av de tre"
            " orden före är ett mål- eller riskord (”för att nå en budget i balans”, ”risk för"
            " underskott”), eller när meningen gäller ett annat år eller någon annan än enheten."
            " En anmärkning per rapport: vid ekonomimålets status, annars vid första påståendet."
            " En brist, en anmärkning: när profilen kräver ekonomianalysen och den är tom äger"
            " RK102 (eller RK506, bredvid en stor nettoavvikelse) bristen, och den här regeln är"
            " tyst.",
            en="VB, T1 and T2 only; a plan claims no result. Figures exist when the income"
            " statement has a readable amount or any text of the report has an amount with a"
            " unit (kr, tkr, mkr, mnkr, milj …, see beloppsenheter in"
            " rules/data/text_signals.yaml) – the rule is then silent, even if the amount is not"
            ' the result – except when the sentence is only about a cost item ("1,8 mkr för'
            ' övertidskostnader", "363 000 kr i löner"; kostnadsposter) without a result word'
            " (underskott, budget, avvikelse …; resultatord): such an amount is not the economic"
            " result. The economy goal is a unit or department goal under the KF numbers in"
            " ekonomimål_kf with a valid status. A claim does not count when one of the three"
            ' words before it is a goal or risk word ("för att nå en budget i balans", "risk för'
            ' underskott"), or when the sentence is about another year or someone other than the'
            " unit. One finding per report: at the economy goal's status, else at the first"
            " claim. One defect, one finding: when the profile requires the economy analysis"
            " and it is empty, RK102 (or RK506, beside a large net deviation) owns the defect"
            " and this rule is silent.",
        ),
        failing="""
            rapport: {typ: VB, år: 2021, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.1"
                    nämndmål:
                      - titel: Inom givna ramar
                        enhetsmål:
                          - titel: Enheten bedriver verksamheten inom givna ekonomiska ramar
                            status: Uppfylls delvis
                            analys: Detta medför att enheten har ett underskott 2021.
            ekonomi:
              analys: >-
                Enheten har minskat övertiden; kostnaden för övertid var 1,2 mkr mot 1,8 mkr
                året innan.
            """,
        passing="""
            rapport: {typ: VB, år: 2021, enhet: Enheten}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.1"
                    nämndmål:
                      - titel: Inom givna ramar
                        enhetsmål:
                          - titel: Enheten bedriver verksamheten inom givna ekonomiska ramar
                            status: Uppfylls delvis
                            analys: Detta medför att enheten har ett underskott 2021.
            ekonomi:
              analys: Underskottet blev 1,2 mnkr, främst lokalkostnader.
            """,
    ),
)
def economy_claim_without_figures(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.type not in ("VB", "T1", "T2") or required_but_empty(ctx, "ekonomi.analys"):
        return  # an empty economy section is RK102's or RK506's: one defect, one finding
    sig = signals(ctx)
    goal = _economy_goal(ctx, sig)
    claim = None if goal is not None else _claim(ctx, sig)
    if goal is None and claim is None:
        return
    if _has_figures(ctx, sig):
        return
    if goal is not None:
        yield economy_claim_without_figures.at(
            (*goal.path, "status"),
            what_sv=f"Ekonomimålet bedöms ”{vocabularies(ctx).goal_status(goal.goal.status)}”",
            what_en=f'The economy goal is assessed "{vocabularies(ctx).goal_status(goal.goal.status)}"',
        )
    elif claim is not None:
        path, sentence, words = claim
        yield economy_claim_without_figures.at(
            path,
            what_sv=f"Texten påstår ett ekonomiskt resultat (”{words}”: ”{_quote(sentence)}”)",
            what_en=f'The text claims an economic result ("{words}": "{_quote(sentence)}")',
        )


# -- RK707 ---------------------------------------------------------------------------


def _every_claim(low: str, sig: TextSignals) -> str | None:
    """ "återkoppling" or "åtgärder" when the sentence says every complaint got it."""
    words = re.findall(r"\w+", low)
    if not any(w in sig.every for w in words):
        return None
    if not any(sig.kind_of(w) == "klagomål" for w in words):
        return None
    if any(has_word(low, [w]) for w in sig.not_every):
        return None
    if any(w.startswith(tuple(sig.measure_words)) for w in words):
        return "åtgärder"
    if any(w.startswith(tuple(sig.feedback_words)) for w in words):
        return "återkoppling"
    return None


_ROW_NAME = {"återkoppling": ("Återkoppling", "Feedback"), "åtgärder": ("Åtgärder", "Measures")}


@rule(
    code="RK707",
    name="subset-exceeds-group",
    name_sv="delmängd-större-än-grupp",
    severity=Severity.WARNING,
    message=Msg(
        sv="{detail_sv} Kontrollera antalen i tabellen över synpunkter och klagomål.",
        en="{detail_en} Check the counts in the complaints table.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att raderna Lex Sarah och Lex Maria (”Varav antal avvikelser som lett till”) inte"
            " är fler än det som inkommit, och att en text som säger att varje klagomål fått"
            " återkoppling eller åtgärder (”samtliga klagomål har återkopplats”, ”åtgärder har"
            " vidtagits efter varje klagomål”) inte står bredvid en rad som är mindre än antalet"
            " inkomna.",
            en='That the Lex Sarah and Lex Maria rows ("Varav antal avvikelser som lett till")'
            " do not exceed what was received, and that a text saying every complaint got"
            ' feedback or measures ("samtliga klagomål har återkopplats", "åtgärder har'
            ' vidtagits efter varje klagomål") does not stand beside a row smaller than the'
            " number received.",
        ),
        why=Msg(
            sv="”Varav” är en delmängd: fler Lex Sarah än inkomna avvikelser, eller ”samtliga”"
            " när raden visar färre, betyder att texten eller tabellen är fel.",
            en='"Varav" is a subset: more Lex Sarah than deviations received, or "all" when the'
            " row shows fewer, means the text or the table is wrong.",
        ),
        decisions=Msg(
            sv="Tabellen har ingen egen rad för antalet avvikelser, så gruppen som Lex-raderna"
            " är en del av är det som inkommit: gruppen Från vem (klagomål, synpunkter och"
            " avvikelser) och Vad gällde. Anmärkning blir det bara när raden är större än båda"
            " grupperna (de som finns) – skiljer de sig åt är det RK405. Lex Sarah och Lex Maria"
            " jämförs var för sig, och bara på Totalt ack. för perioden (eller summan av"
            " kolumnerna när den är tom): en Lex Sarah i sista tertialen kan gälla en avvikelse"
            " från en tidigare. Står en grupprubrik för lex i grupprubriker utan ”varav” är"
            " raderna inte en delmängd och jämförs inte. För ”samtliga/alla/varje klagomål …”"
            " jämförs raden Återkoppling eller Åtgärder med det minsta av grupperna; meningen får"
            " inte vara nekad, villkorad eller en rutin (”ska återkopplas”, ”inte alla”,"
            " ”rutinen är att”). Tyst är regeln när tabellen, gruppen eller raden saknas eller"
            " inte kan läsas.",
            en="The table has no row of its own for the number of deviations, so the group the"
            " Lex rows are part of is what was received: the From whom group (complaints,"
            " comments and deviations) and Subject. A finding is given only when the row"
            " exceeds both groups (those present) – when they differ, that is RK405. Lex Sarah and"
            " Lex Maria are compared each on its own, and only on Totalt ack. for the period (or"
            " the sum of the columns when it is blank): a Lex Sarah in the last tertial may"
            " concern a deviation from an earlier one. When grupprubriker holds a lex label"
            ' without "varav", the rows are not a subset and are not compared. For "samtliga/'
            'alla/varje klagomål …" the Feedback or Measures row is compared with the smaller'
            ' group; the sentence must not be negated, conditional or a routine ("ska'
            ' återkopplas", "inte alla", "rutinen är att"). The rule is silent when the table,'
            " the group or the row is missing or unreadable.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t2: 3, vb: 2, totalt: 5}
                åtgärder:
                  t2: 3
                  totalt: 3
                  sammanfattning: Åtgärder har vidtagits efter varje klagomål som har lämnats.
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            kvalitetsarbete:
              klagomål:
                från_vem:
                  - {kategori: Brukare/patient, t2: 3, vb: 2, totalt: 5}
                lex_sarah: {vb: 1, totalt: 1}
                åtgärder:
                  t2: 3
                  vb: 2
                  totalt: 5
                  sammanfattning: Åtgärder har vidtagits efter varje klagomål som har lämnats.
            """,
    ),
)
def subset_exceeds_group(ctx: ReportContext) -> Iterator[Violation]:
    table = Table(ctx)
    if table.table is None:
        return
    received = table.received()
    if not received:
        return
    groups_sv, groups_en = _groups_text(received)
    lex_label = ctx.raw((*_TABLE, "grupprubriker", "lex"))
    lex_is_subset = not isinstance(lex_label, str) or "varav" in nfc(lex_label).lower()
    for name, title in (("lex_sarah", "Lex Sarah"), ("lex_maria", "Lex Maria")):
        shown = table.row(name)
        if not lex_is_subset or shown is None or shown <= max(t for _, t in received):
            continue
        yield subset_exceeds_group.at(
            (*_TABLE, name, "totalt") if ctx.has((*_TABLE, name, "totalt")) else (*_TABLE, name),
            detail_sv=f"Raden {title} (varav avvikelser som lett till {title}) visar"
            f" {_n(shown)}, fler än det som inkom: {groups_sv}.",
            detail_en=f"The {title} row (of which deviations that led to {title}) shows"
            f" {_n(shown)}, more than was received: {groups_en}.",
        )
    smallest = min(t for _, t in received)
    # The rows a claim of "every complaint" can contradict: fewer than were received.
    fewer = {
        w: shown for w in _ROW_NAME if (shown := table.row(w)) is not None and shown < smallest
    }
    if not fewer:
        return  # no sentence needs reading
    sig = signals(ctx)
    index = sentence_index(ctx)
    for path, text in _complaint_texts(ctx):
        for sentence in index.having(text, "every"):
            low = sentence.low
            which = _every_claim(low, sig)
            if which not in fewer or not _about_this_year(ctx, low, sig):
                continue
            shown = fewer[which]
            sv, en = _ROW_NAME[which]
            yield subset_exceeds_group.at(
                path,
                detail_sv=f"Texten säger ”{_quote(sentence.text)}”, men raden {sv} visar"
                f" {_n(shown)} av de inkomna ({groups_sv}).",
                detail_en=f'The text says "{_quote(sentence.text)}", but the {en} row shows'
                f" {_n(shown)} of those received ({groups_en}).",
            )
            break


def _complaint_texts(ctx: ReportContext) -> list[tuple[DocPath, str]]:
    """The texts that may speak of the complaints: every narrative text of the report."""
    return narrative(ctx)


# -- RK708 ---------------------------------------------------------------------------


@rule(
    code="RK708",
    name="text-count-inconsistent",
    name_sv="antal-i-text-går-inte-ihop",
    severity=Severity.WARNING,
    message=Msg(
        sv="Texten går inte ihop med sig själv: {detail_sv} Rätta antalet eller uppdelningen.",
        en="The text does not agree with itself: {detail_en} Correct the number or the breakdown.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att antal i samma text går ihop: en uppdelning (”Tre av dessa avvikelser …, de"
            " två andra … En avvikelse …”) blir inte fler än det antal som texten angav (”5"
            " avvikelser”), och ”alla sex handläggare” står inte bredvid ”fyra handläggare” om"
            " samma tid.",
            en='That the counts in one text agree: a breakdown ("Tre av dessa avvikelser …, de'
            ' två andra … En avvikelse …") does not exceed the count the text gave ("5'
            ' avvikelser"), and "alla sex handläggare" does not stand beside "fyra handläggare"'
            " about the same time.",
        ),
        why=Msg(
            sv="Läsaren kan inte veta vilket tal som är rätt; en uppdelning som blir fler än"
            " helheten tyder på att något är dubbelräknat eller att totalen är fel.",
            en="The reader cannot tell which figure is right; a breakdown that exceeds the whole"
            " suggests something is counted twice or the total is wrong.",
        ),
        decisions=Msg(
            sv="Uppdelning: i samma stycke, efter ett exakt antal av ett räknat slag (”5"
            " avvikelser”), räknas delar som ”N av dessa/dem/de”, ”de/dem N andra/övriga” och"
            " en mening som börjar ”En/Ett <samma ord> var/gällde/avsåg/rörde”. Uppdelningen måste"
            " ha en del ”av dessa” och en ”de N andra” (som säger att delarna delar upp"
            " helheten; ”tre av dessa … två av dessa” kan överlappa), och anmärkning blir det"
            " bara när delarna blir fler än antalet – färre kan betyda att uppdelningen inte är"
            " fullständig. ”Alla/samtliga N <ord>”: ett annat"
            " exakt antal av samma ord i samma text (”fyra handläggare”), eller i en annan text"
            " med samma tid (”under hösten 2020”), ger anmärkning när talen skiljer sig."
            " Tyst är regeln när meningarna nämner olika tider (”hösten 2019”, ”hösten 2020”),"
            " för tal med bestämning (”varav”, ”ytterligare”, ”av”, ”fler”, ”nya”, ”ca”) och för"
            " tal som inte står framför sitt ord.",
            en='Breakdown: in the same paragraph, after an exact count of a counted kind ("5'
            ' avvikelser"), parts such as "N av dessa/dem/de", "de/dem N andra/övriga" and a'
            ' sentence starting "En/Ett <same word> var/gällde/avsåg/rörde" are counted. The'
            ' breakdown must have an "av dessa" part and a "de N andra" part (which says the'
            ' parts split the whole; "tre av dessa … två av dessa" may overlap), and a finding'
            " is given only when the parts exceed the count – fewer may mean the breakdown is"
            ' not complete. "Alla/samtliga N'
            ' <word>": another exact count of the same word in the same text ("fyra'
            ' handläggare"), or in another text with the same time ("under hösten 2020"), gives'
            " a finding when the numbers differ. The rule is silent when the sentences name"
            ' different times ("hösten 2019", "hösten 2020"), for qualified numbers ("varav",'
            ' "ytterligare", "av", "fler", "nya", "ca") and for numbers not standing before their'
            " word.",
        ),
        failing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            övrigt: >-
              Under året har 4 klagomål samt 5 avvikelser inkommit. Tre av dessa avvikelser
              avser ledsagning, de två andra gäller rutiner hos brukaren. En avvikelse var
              rörande lönehantering.
            """,
        passing="""
            rapport: {typ: VB, år: 2023, enhet: Enheten}
            övrigt: >-
              Under året har 4 klagomål samt 6 avvikelser inkommit. Tre av dessa avvikelser
              avser ledsagning, de två andra gäller rutiner hos brukaren. En avvikelse var
              rörande lönehantering. Två handläggare gick utbildningen hösten 2022 och under
              hösten 2023 deltog alla sex handläggare.
            """,
    ),
)
def text_count_inconsistent(ctx: ReportContext) -> Iterator[Violation]:
    sig = signals(ctx)
    texts = narrative(ctx)
    index = sentence_index(ctx)
    wholes: list[tuple[DocPath, Whole]] = []
    for path, text in texts:
        low_text = lowered(text)
        if _OF_THESE.search(low_text):
            found = breakdown_excess(text, sig, index)
            if found is not None:
                total, parts, stated = found
                yield text_count_inconsistent.at(
                    path,
                    detail_sv=f"”{stated}”, men uppdelningen ({parts}) blir {_n(total)}.",
                    detail_en=f'"{stated}", but the breakdown ({parts}) adds up to {_n(total)}.',
                )
        if hinted(low_text, WHOLE_WORDS) and len(wholes) < _MAX_WHOLES:
            wholes.extend((path, w) for w in whole_counts(text, sig, index)[:_MAX_WHOLES])
    reported: set[DocPath] = set()
    for path, whole in wholes:
        if path in reported:
            continue
        own = [(p, t) for p, t in texts if p == path]  # the same text first
        for other_path, text in own + [(p, t) for p, t in texts if p != path]:
            other = other_count(text, whole, sig, same_text=other_path == path)
            if other is None:
                continue
            reported.add(path)
            yield text_count_inconsistent.at(
                path,
                detail_sv=f"”{whole.phrase}”, men {_where_sv(other_path == path)} står ”{other}”.",
                detail_en=f'"{whole.phrase}", but {_where_en(other_path == path)} says "{other}".',
            )
            break


# "alla sex handläggare" is compared with every text of the report: a report has a few,
# a hostile file may repeat one a hundred thousand times; the first ones are read.
_MAX_WHOLES = 20
# The word first and its start tested after it ("(?<![\w-]av)"): a pattern that begins
# with a word is searched for that word at C speed, one that begins with a test is tried
# at every character (ten times slower over a whole text).
_OF_THESE = re.compile(r"av(?<![\w-]av)\s+(?:de|vilka)")


def _where_sv(same: bool) -> str:
    return "i samma text" if same else "i en annan text om samma tid"


def _where_en(same: bool) -> str:
    return "the same text" if same else "another text about the same time"


# -- RK709 ---------------------------------------------------------------------------


@cache
def _before_end_re(months: tuple[str, ...], year: int) -> re.Pattern[str]:
    """ "i oktober 2020", "per den 31 augusti 2020", "t.o.m. oktober 2020": a month of the
    year before December."""
    early = "|".join(re.escape(m) for m in months if m != "december")
    return re.compile(
        rf"(?<![\w-])(?:i|per|vid|under|t\.o\.m\.?|tom|till och med|fram till|mätt i)"
        rf"(?:\s+(?:slutet|mitten|början)\s+av)?(?:\s+den\s+\d{{1,2}})?"
        rf"\s+({early})(?:\s+månad)?,?\s+{year}(?![0-9])"
    )


# A figure in the sentence: a share, an amount or a decimal number (not a date or a year).
_FIGURE = re.compile(
    r"(?<![\w,.-])\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?\s*(?:%|procent|kr|tkr|mkr|mnkr)(?![\w])"
    r"|(?<![\w,.-])\d+,\d+(?![\w])"
)
_MEASURED = re.compile(
    r"(?<![\w-])(?:var|låg|låg på|uppgick|uppgår|landade|visade|visar|uppmättes|är)(?![\w])"
)
_WHOLE_YEAR = re.compile(
    r"(?<![\w-])(?:december|helår\w*|hela året|hela \d{4}|årets slut|vid årsskiftet|"
    r"för året|år \d{4} som helhet|helhet)(?![\w])"
)


def _stale(low: str, year: int, sig: TextSignals) -> str | None:
    if not may_hold(low, sig.months):
        return None  # no month named: the patterns below are tried at every character
    m = _before_end_re(tuple(nfc(x).lower() for x in sig.months), year).search(low)
    if m is None or _WHOLE_YEAR.search(low) or not _MEASURED.search(low):
        return None
    if sig.yearly_measure_re.search(low):
        return None  # a survey made once a year in that month: its month, not a stale figure
    figures = [f for f in _FIGURE.finditer(low) if not (m.start() <= f.start() < m.end())]
    if not figures:
        return None
    return " ".join(m.group(0).split())


@rule(
    code="RK709",
    name="stale-figures-in-annual-report",
    name_sv="inaktuell-siffra-i-verksamhetsberättelse",
    severity=Severity.WARNING,
    message=Msg(
        sv="Verksamhetsberättelsen redovisar en siffra från före årets slut ({when}): ”{quote}”."
        " Redovisa utfallet för hela året, eller skriv varför den senare siffran saknas.",
        en='The annual report gives a figure from before the year\'s end ({when}): "{quote}".'
        " Report the outcome for the whole year, or say why the later figure is missing.",
    ),
    doc=Doc(
        what=Msg(
            sv="Att en verksamhetsberättelse inte redovisar en siffra från en tidpunkt före"
            " årets slut som sitt utfall (”Enhetens frånvaro var i oktober 2020, 6,22 procent”"
            " i VB 2020).",
            en="That an annual report does not give a figure from a point before the year's end"
            ' as its outcome ("Enhetens frånvaro var i oktober 2020, 6,22 procent" in VB 2020).',
        ),
        why=Msg(
            sv="Verksamhetsberättelsen skrivs efter året och ska ge årets utfall. En siffra från"
            " oktober är tertialrapportens och säger inte hur året slutade.",
            en="The annual report is written after the year and should give the year's outcome."
            " A figure from October belongs to the tertial report and does not say how the year"
            " ended.",
        ),
        decisions=Msg(
            sv="Bara verksamhetsberättelser och enhetens egen text. En mening ger anmärkning när"
            " den knyter en månad före december i rapportåret till en mätpunkt (”i oktober"
            " 2020”, ”per den 31 augusti 2020”, ”t.o.m. oktober 2020”), säger vad något var"
            " (”var”, ”låg på”, ”uppgick till”, ”visade”) och har en siffra: procent, belopp"
            " eller ett decimaltal. Tyst är regeln när meningen också nämner december, helåret"
            " eller årets slut, för ”sedan juni 2023” och ”från mars” (en startpunkt, inte en"
            " mätpunkt), för en månad utan årtal, för händelser utan siffra (”Handledningen"
            " avbröts i mars 2020”) och för en mätning som görs en gång om året den månaden"
            " (”Brukarundersökningen i oktober 2023 visade 85 %”; årlig_mätning i"
            " rules/data/text_signals.yaml). En anmärkning per textfält.",
            en="Annual reports only, and the unit's own text. A sentence gives a finding when it"
            ' ties a month before December of the report year to a point of measurement ("i'
            ' oktober 2020", "per den 31 augusti 2020", "t.o.m. oktober 2020"), says what'
            ' something was ("var", "låg på", "uppgick till", "visade") and holds a figure: a'
            " percentage, an amount or a decimal number. The rule is silent when the sentence"
            ' also names December, the whole year or the year\'s end, for "sedan juni 2023" and'
            ' "från mars" (a starting point, not a point of measurement), for a month without a'
            ' year, for events without a figure ("Handledningen avbröts i mars 2020") and for a'
            ' measurement made once a year in that month ("Brukarundersökningen i oktober 2023'
            ' visade 85 %"; årlig_mätning in rules/data/text_signals.yaml). One finding per'
            " text field.",
        ),
        failing="""
            rapport: {typ: VB, år: 2020, enhet: Beställarenheten äldre}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.2"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: Låg sjukfrånvaro
                            status: Uppfylls delvis
                            analys: Enhetens frånvaro var i oktober 2020, 6,22 procent.
            """,
        passing="""
            rapport: {typ: VB, år: 2020, enhet: Beställarenheten äldre}
            inriktningsmål:
              - nummer: "3"
                verksamhetsområdesmål:
                  - nummer: "3.2"
                    nämndmål:
                      - titel: Attraktiv arbetsgivare
                        enhetsmål:
                          - titel: Låg sjukfrånvaro
                            status: Uppfylls delvis
                            analys: >-
                              Enhetens frånvaro var 6,1 procent för helåret 2020. Sedan juni
                              2020 är en administratör anställd på 75 procent.
            """,
    ),
)
def stale_figures(ctx: ReportContext) -> Iterator[Violation]:
    if ctx.type != "VB" or ctx.year is None:
        return
    sig = signals(ctx)
    index = sentence_index(ctx)
    for path, text in narrative(ctx):
        for sentence in index.having(text, "year"):
            when = _stale(sentence.low, ctx.year, sig)
            if when is not None:
                yield stale_figures.at(path, when=when, quote=_quote(sentence.text))
                break


rapportkoll_rules = family(__name__)
